//! The one sanitiser for canvas text on its way out: to a terminal, a text
//! file, an export or a JSON document.
//!
//! A canvas can come from anyone's repository, and its text can hold escape
//! sequences that would act on the reader's terminal (set the clipboard with
//! OSC 52, retitle the window, clear the screen, make it type into the shell
//! with `ESC[6n`) or bidi overrides that reorder what is read. Every such
//! character is a [hazard]: C0 and C1 controls (U+009B is a one-byte CSI), DEL,
//! the bidi embeddings, overrides, isolates and marks, and the invisible
//! characters that hide text or break a line where the reader cannot see
//! it: zero-width spaces and joiners of words, a stray byte-order mark, and
//! the Unicode line and paragraph separators (a terminal may move the
//! cursor at them, shifting every row after; JSON must escape them for
//! JavaScript).
//!
//! - The editor's screen replaces hazards ([`crate::text::clean`]).
//! - The command line and text exports show them inert and visible, as
//!   `\u{1b}` ([`visible`], [`visible_lines`]).
//! - JSON escapes every one of them as `\u001b` ([`json_inert`]), C1 and
//!   bidi included, which `serde_json` alone leaves raw.
//!
//! [hazard]: is_hazard

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether a character must never reach a terminal or a text file raw.
#[inline]
pub fn is_hazard(c: char) -> bool {
    // Printable ASCII, nearly every character drawn, is never one.
    if matches!(c, ' '..='~') {
        return false;
    }
    c.is_control() || is_invisible(c) || is_line_separator(c)
}

/// Characters that draw nothing and are dropped from what is drawn: the
/// bidi controls ([`is_bidi_control`]), the zero-width space, word joiner
/// and invisible operators (U+200B, U+2060–U+2064), the deprecated format
/// characters (U+206A–U+206F), the Mongolian vowel separator (U+180E) and
/// a byte-order mark inside text (U+FEFF). The zero-width joiner and
/// non-joiner (U+200C, U+200D) are not among them: emoji and several
/// scripts need them, and they never move the cursor on their own.
pub fn is_invisible(c: char) -> bool {
    is_bidi_control(c)
        || matches!(
            c,
            '\u{200b}' | '\u{2060}'..='\u{2064}' | '\u{206a}'..='\u{206f}' | '\u{180e}' | '\u{feff}'
        )
}

/// The Unicode line and paragraph separators (U+2028, U+2029): drawn as a
/// space, as a newline in one-line text is.
pub fn is_line_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

/// Bidirectional formatting characters: embeddings and overrides
/// (U+202A–U+202E), isolates (U+2066–U+2069) and the marks (U+200E, U+200F,
/// U+061C).
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
    )
}

/// Text with every hazard, newlines and tabs included, shown as `\u{..}`.
/// For one-line values: a name, a title, an error's quoted snippet.
pub fn visible(s: &str) -> Cow<'_, str> {
    escape(s, |_| false)
}

/// Text with every hazard shown as `\u{..}`, except the newlines and tabs
/// that lay out a report. For whole outputs: what a command prints, what an
/// export writes.
pub fn visible_lines(s: &str) -> Cow<'_, str> {
    escape(s, |c| c == '\n' || c == '\t')
}

/// Whether a byte can begin a hazard's UTF-8 encoding: the C0 controls and
/// DEL themselves, and the lead bytes of C1 (0xC2), U+061C (0xD8), U+180E
/// (0xE1), U+2028–U+206F (0xE2) and U+FEFF (0xEF). None is a continuation
/// byte, so each is at a character's start. A test holds every character
/// against [`is_hazard`].
const fn hazard_lead(b: u8) -> bool {
    b < 0x20 || matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe1 | 0xe2 | 0xef)
}

/// [`hazard_lead`] by byte: one lookup per byte of a whole export.
static HAZARD_LEADS: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = hazard_lead(b as u8);
        b += 1;
    }
    table
};

/// Whether a byte of UTF-8 text can begin a hazard: a text with none of
/// these bytes holds none, and a character beginning with another byte is
/// none (text is scanned by byte, and only these characters are decoded).
pub fn may_begin_hazard(b: u8) -> bool {
    HAZARD_LEADS[usize::from(b)]
}

/// Where the first character `is` holds for is in `s` from byte `from` on,
/// and the character: only characters that may begin a hazard are decoded,
/// the bytes between are passed over (most text is all such bytes).
fn next_hazard(s: &str, from: usize, is: &impl Fn(char) -> bool) -> Option<(usize, char)> {
    let bytes = s.as_bytes();
    let mut at = from;
    loop {
        at += bytes.get(at..)?.iter().position(|&b| may_begin_hazard(b))?;
        let c = s.get(at..)?.chars().next()?;
        if is(c) {
            return Some((at, c));
        }
        at += c.len_utf8();
    }
}

/// `s` with every character `is` holds for written by `write`, the runs
/// between copied whole; borrowed when there is none.
fn replace_each(
    s: &str,
    is: impl Fn(char) -> bool,
    write: impl Fn(&mut String, char),
) -> Cow<'_, str> {
    let Some(mut next) = next_hazard(s, 0, &is) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 16);
    let mut copied = 0;
    loop {
        let (at, c) = next;
        out.push_str(&s[copied..at]);
        write(&mut out, c);
        copied = at + c.len_utf8();
        match next_hazard(s, copied, &is) {
            Some(found) => next = found,
            None => break,
        }
    }
    out.push_str(&s[copied..]);
    Cow::Owned(out)
}

fn escape(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    replace_each(
        s,
        |c| is_hazard(c) && !keep(c),
        |out, c| {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        },
    )
}

/// A JSON document (as `serde_json` writes it) with every remaining hazard
/// escaped as `\uXXXX`. `serde_json` escapes C0 but leaves DEL, C1 and bidi
/// characters raw; outside strings a JSON document holds none of them, so
/// escaping them wherever they are keeps the document valid and the same.
pub fn json_inert(json: &str) -> Cow<'_, str> {
    replace_each(json, is_hazard_in_json, |out, c| {
        let _ = write!(out, "\\u{:04x}", u32::from(c));
    })
}

/// A hazard that may appear raw in `serde_json`'s output: the newlines and
/// tabs there are its own layout (it escapes those inside strings).
fn is_hazard_in_json(c: char) -> bool {
    is_hazard(c) && !matches!(c, '\n' | '\t' | '\r' | ' ')
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn every_kind_of_hazard_is_shown_inert() {
        let nasty = "a\u{1b}]52;c;ZXZpbA==\u{7}b\u{9b}6n\u{7f}\u{202e}c\u{2066}\r";
        let shown = visible(nasty);
        assert_eq!(
            shown,
            "a\\u{1b}]52;c;ZXZpbA==\\u{7}b\\u{9b}6n\\u{7f}\\u{202e}c\\u{2066}\\u{d}"
        );
        assert!(!shown.chars().any(is_hazard));
        assert_eq!(visible("line\nnext"), "line\\u{a}next");
        assert_eq!(visible_lines("line\n\tnext\u{1b}"), "line\n\tnext\\u{1b}");
        assert!(matches!(visible("plain, 日本 ✓"), Cow::Borrowed(_)));
        assert_eq!(
            visible("a\u{200b}b\u{feff}c\u{2028}d\u{2029}e"),
            "a\\u{200b}b\\u{feff}c\\u{2028}d\\u{2029}e"
        );
        // Emoji sequences keep their joiner.
        assert!(matches!(visible("👩\u{200d}💻"), Cow::Borrowed(_)));
        // Idempotent: what was made visible stays as it is.
        assert_eq!(visible(&shown), shown);
    }

    #[test]
    fn every_hazard_begins_with_a_byte_the_scan_looks_at() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let first = c.encode_utf8(&mut buf).as_bytes()[0];
            assert!(
                !is_hazard(c) || may_begin_hazard(first),
                "{c:?} is a hazard the scan passes over"
            );
        }
        // None of the bytes looked at continues a character.
        assert!((0x80..0xc0).all(|b| !may_begin_hazard(b)));
    }

    #[test]
    fn hazards_are_escaped_wherever_they_are_among_other_text() {
        let text = "\u{1b}é日本\n\u{202e}—·\u{feff}\u{85}x\u{2028}\u{7f}";
        let slow = |keep: fn(char) -> bool| -> String {
            text.chars()
                .map(|c| {
                    if is_hazard(c) && !keep(c) {
                        format!("\\u{{{:x}}}", u32::from(c))
                    } else {
                        c.to_string()
                    }
                })
                .collect()
        };
        assert_eq!(visible(text), slow(|_| false));
        assert_eq!(visible_lines(text), slow(|c| c == '\n'));
        for cut in (0..=text.len()).filter(|&n| text.is_char_boundary(n)) {
            let (a, b) = text.split_at(cut);
            assert_eq!(visible_lines(a) + visible_lines(b), visible_lines(text));
        }
        assert_eq!(
            json_inert("\u{9b}a\u{7f}\n\u{2029}"),
            "\\u009ba\\u007f\n\\u2029"
        );
    }

    #[test]
    fn json_escapes_c1_del_and_bidi_and_stays_the_same_document() {
        let v = serde_json::json!({ "text": "x\u{1b}[2J\u{9b}\u{7f}\u{202e}y\n\u{2028}\u{2029}" });
        let raw = serde_json::to_string_pretty(&v).unwrap();
        let safe = json_inert(&raw);
        assert!(!safe.chars().any(|c| is_hazard(c) && c != '\n'), "{safe}");
        assert!(safe.contains("\\u009b") && safe.contains("\\u202e") && safe.contains("\\u007f"));
        assert!(
            safe.contains("\\u2028") && safe.contains("\\u2029"),
            "{safe}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, v);
    }
}

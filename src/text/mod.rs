//! Text as the terminal and text files see it: display width, cutting to a
//! width, and keeping control characters and bidi overrides out. A leaf module:
//! it imports nothing of the app, the UI or the terminal, so the domain, the
//! editor and the exports can all share it.

pub mod big;
pub mod field_lines;
pub mod inert;
pub mod wrap;

/// How many bytes of text were read whole on this thread (tests only): by
/// wrapping, finding wrapped lines by their words, cleaning, and the coach's
/// reading. What a key or a frame reads must not grow with one long text.
#[cfg(test)]
pub mod read_whole {
    use std::cell::Cell;

    thread_local! {
        static BYTES: Cell<usize> = const { Cell::new(0) };
    }

    pub fn add(bytes: usize) {
        BYTES.set(BYTES.get() + bytes);
    }

    /// The bytes read since the last call (and starts counting afresh).
    pub fn take() -> usize {
        BYTES.replace(0)
    }
}

pub use inert::{
    is_bidi_control, is_hazard, is_invisible, is_line_separator, visible, visible_lines,
};

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Removes what must never reach the terminal or the file as raw control:
/// control characters (C0, DEL, C1) and the line and paragraph separators
/// become spaces (newlines and tabs included, since a statement is one
/// line), and invisible characters (bidi overrides and isolates, zero-width
/// spaces, a stray BOM) are dropped so text cannot reorder or hide what is
/// drawn after it.
pub fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !is_invisible(*c))
        .map(|c| {
            if c.is_control() || is_line_separator(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Text safe to draw: one line, no control characters, no bidi overrides.
pub fn safe(text: &str) -> String {
    #[cfg(test)]
    read_whole::add(text.len());
    clean(text)
}

/// A text on one line: its words joined by single spaces (any run of
/// whitespace, newlines included, becomes one space; none at either end).
/// Borrowed when it already is, as most texts are.
pub fn single_spaced(text: &str) -> std::borrow::Cow<'_, str> {
    // One pass: no whitespace but single spaces between words.
    let mut after_space = true;
    let folded = text.chars().all(|c| {
        let space = c == ' ';
        let fine = if space {
            !after_space
        } else {
            !c.is_whitespace()
        };
        after_space = space;
        fine
    }) && !after_space;
    if folded || text.is_empty() {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// The display width of a text in terminal cells.
pub fn width(text: &str) -> usize {
    text.width()
}

/// The start of `text`, enough of it to fill `cells` cells of one line,
/// with "…" after it when more follows: one line of a long text is drawn
/// from this much of it, never from the whole (14 MB for one long item).
pub fn head(text: &str, cells: usize) -> std::borrow::Cow<'_, str> {
    // No character takes more than 8 bytes a cell on a line (a letter with
    // two combining marks); a run of zero-width ones shows as cut sooner.
    let most = cells.saturating_mul(8).saturating_add(64);
    if text.len() <= most {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut end = most;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    std::borrow::Cow::Owned(format!("{}…", &text[..end]))
}

/// Whether every character of `text` is printable ASCII: one byte, one
/// grapheme, one cell each, and nothing to clean.
pub fn is_printable_ascii(text: &str) -> bool {
    text.bytes().all(|b| (b' '..=b'~').contains(&b))
}

/// Cuts `text` to at most `max` cells, ending with "…" when cut. Never splits a
/// grapheme, so a wide character at the edge is dropped rather than halved.
pub fn truncate(text: &str, max: usize) -> String {
    // Printable ASCII (most text) is a cell and a grapheme per byte, and
    // nothing in it to clean: cut by bytes.
    if is_printable_ascii(text) {
        #[cfg(test)]
        read_whole::add(text.len());
        return match max {
            _ if text.len() <= max => text.to_owned(),
            0 => String::new(),
            _ => format!("{}…", &text[..max - 1]),
        };
    }
    let text = safe(text);
    if text.width() <= max {
        return text;
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = g.width();
        if used + w > max - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// Cuts `text` to at most `max` cells at a space, ending with "…" when cut,
/// so no word is left half shown; a first word wider than `max` is cut inside
/// (still never inside a grapheme).
pub fn truncate_words(text: &str, max: usize) -> String {
    let text = safe(text);
    if wrap::cells(&text) <= max {
        return text;
    }
    if max == 0 {
        return String::new();
    }
    let lines = wrap::wrap(&text, max - 1);
    let first = wrap::visible(&text[lines[0].clone()]);
    // A first line that ends inside a word (it was wider than the column)
    // keeps what fits; otherwise it ends at a space.
    format!("{}…", first.trim_end())
}

/// The part of `text` to show in `max` cells so that the cell at `cursor_col`
/// is visible: returns the visible text and the cursor's column within it.
pub fn window(text: &str, cursor_col: usize, max: usize) -> (String, usize) {
    if max == 0 {
        return (String::new(), 0);
    }
    let start = cursor_col.saturating_sub(max - 1);
    let mut out = String::new();
    let mut col = 0;
    let mut shown = 0;
    let mut first = None;
    for g in text.graphemes(true) {
        let w = g.width();
        if col >= start {
            if shown + w > max {
                break;
            }
            first.get_or_insert(col);
            out.push_str(g);
            shown += w;
        }
        col += w;
    }
    let offset = first.unwrap_or(start);
    (out, cursor_col.saturating_sub(offset).min(max - 1))
}

#[cfg(test)]
mod tests {
    #[test]
    fn printable_ascii_is_cut_as_its_graphemes_would_be() {
        use super::truncate;
        use unicode_segmentation::UnicodeSegmentation;
        use unicode_width::UnicodeWidthStr;
        let walk = |text: &str, max: usize| -> String {
            if text.width() <= max {
                return text.to_owned();
            }
            let mut out = String::new();
            for g in text.graphemes(true) {
                if out.width() + g.width() + 1 > max {
                    break;
                }
                out.push_str(g);
            }
            out.push('…');
            out
        };
        let text = "Same as this, cut ~ [anywhere] at all!";
        for len in 0..=text.len() {
            for max in 1..=len + 2 {
                assert_eq!(
                    truncate(&text[..len], max),
                    walk(&text[..len], max),
                    "{len} {max}"
                );
            }
            assert_eq!(truncate(&text[..len], 0), "");
        }
    }

    #[test]
    fn single_spaced_is_the_words_joined_by_one_space() {
        for text in [
            "",
            " ",
            "one",
            "two words",
            " lead",
            "trail ",
            "two  spaces",
            "a\nnew line",
            "tab\there",
            "nbsp\u{a0}inside",
            "ideographic\u{3000}space",
            "  \t mixed \n\n runs  ",
        ] {
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(super::single_spaced(text), joined, "{text:?}");
        }
    }
}

//! Text for the big 8×8 font (projector mode's title, the last minute of the
//! timer): which characters it can draw, a close ASCII form for those it
//! cannot (so an en dash never prints as a gap), and how a title wraps into
//! lines of glyphs.

use font8x8::UnicodeFonts;
use unicode_segmentation::UnicodeSegmentation;

/// Drawn where the font has nothing close: visible, so nothing silently vanishes.
pub const PLACEHOLDER: char = '?';

/// Whether the big font has a glyph for `c` (the font sets the big-text widget draws from).
fn drawable(c: char) -> bool {
    c == ' '
        || font8x8::BASIC_FONTS.get(c).is_some()
        || font8x8::LATIN_FONTS.get(c).is_some()
        || font8x8::GREEK_FONTS.get(c).is_some()
        || font8x8::HIRAGANA_FONTS.get(c).is_some()
}

/// Latin Extended-A (U+0100–U+017F), each letter's base letter.
const LATIN_EXTENDED_A: &str = concat!(
    "AaAaAa",
    "CcCcCcCc",
    "DdDd",
    "EeEeEeEeEe",
    "GgGgGgGg",
    "HhHh",
    "IiIiIiIiIi",
    "Ii",
    "Jj",
    "Kkk",
    "LlLlLlLlLl",
    "NnNnNnnNn",
    "OoOoOo",
    "Oo",
    "RrRrRr",
    "SsSsSsSs",
    "TtTtTt",
    "UuUuUuUuUuUu",
    "Ww",
    "YyY",
    "ZzZzZz",
    "s",
);

/// A close form of `c` the font can draw, when it has none of its own.
fn close_form(c: char) -> Option<char> {
    Some(match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => '"',
        '\u{2022}' | '\u{2023}' | '\u{2043}' => '*',
        '\u{2039}' => '<',
        '\u{203a}' => '>',
        '\u{00a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{3000}' => ' ',
        '\u{0100}'..='\u{017f}' => {
            let i = usize::try_from(u32::from(c) - 0x100).ok()?;
            LATIN_EXTENDED_A.chars().nth(i)?
        }
        _ => return None,
    })
}

/// The title as the big font draws it, one char per glyph: each grapheme
/// itself when the font has it, else a close ASCII form (`–` → `-`, `ő` →
/// `o`, `e` + combining accent → `é` or `e`), else [`PLACEHOLDER`]. Also the
/// count of placeholders, so a caller can prefer plain text when most of a
/// title would be lost (a title in Chinese).
pub fn glyphs(text: &str) -> (String, usize) {
    let mut out = String::new();
    let mut missing = 0;
    for g in text.graphemes(true) {
        let mut chars = g.chars();
        let Some(first) = chars.next() else { continue };
        // Bidi controls and zero-width characters draw nothing, here as anywhere.
        if super::is_invisible(first) || matches!(first, '\u{200c}' | '\u{200d}') {
            continue;
        }
        let c = if first.is_control() || super::is_line_separator(first) {
            ' '
        } else {
            first
        };
        let shown = if drawable(c) {
            c
        } else if let Some(close) = close_form(c).filter(|c| drawable(*c)) {
            close
        } else if "\u{2026}" == g {
            out.push_str("..");
            '.'
        } else {
            missing += 1;
            PLACEHOLDER
        };
        out.push(shown);
    }
    (out, missing)
}

/// `text` (already in glyphs, one char each) wrapped at spaces into lines of
/// at most `per_line` glyphs; a word longer than a line is broken. `None`
/// when it needs more than `max_lines`.
pub fn wrap(text: &str, per_line: usize, max_lines: usize) -> Option<Vec<String>> {
    if per_line == 0 || max_lines == 0 {
        return None;
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut word: Vec<char> = word.chars().collect();
        if len > 0 && len + 1 + word.len() <= per_line {
            line.push(' ');
            line.extend(&word);
            len += 1 + word.len();
            continue;
        }
        if len > 0 {
            lines.push(std::mem::take(&mut line));
        }
        while word.len() > per_line {
            let rest = word.split_off(per_line);
            lines.push(word.iter().collect());
            word = rest;
        }
        len = word.len();
        line = word.into_iter().collect();
    }
    if len > 0 {
        lines.push(line);
    }
    (lines.len() <= max_lines && !lines.is_empty()).then_some(lines)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn missing_glyphs_fall_back_to_a_close_ascii_form() {
        assert_eq!(glyphs("Plan – do"), ("Plan - do".to_owned(), 0));
        assert_eq!(
            glyphs("“Late” — ‘paid’"),
            ("\"Late\" - 'paid'".to_owned(), 0)
        );
        // The font has Latin-1 (é, ü); Latin Extended-A falls back to its letter.
        assert_eq!(glyphs("Café Zürich"), ("Café Zürich".to_owned(), 0));
        assert_eq!(glyphs("Łódź Šibenik"), ("Lódz Sibenik".to_owned(), 0));
        // A letter and a combining accent: the letter.
        assert_eq!(glyphs("Cafe\u{301}"), ("Cafe".to_owned(), 0));
        assert_eq!(glyphs("Wait…"), ("Wait...".to_owned(), 0));
        // Nothing close: a visible placeholder per character, counted.
        assert_eq!(glyphs("日本 meals"), ("?? meals".to_owned(), 2));
        assert_eq!(glyphs("Meals 🍲"), ("Meals ?".to_owned(), 1));
        assert_eq!(glyphs("a\u{202e}b\u{200b}c"), ("abc".to_owned(), 0));
    }

    #[test]
    fn every_fallback_is_drawable() {
        for c in '\u{0100}'..='\u{017f}' {
            let f = close_form(c).expect("every letter has a base");
            assert!(drawable(f) && f.is_ascii_alphabetic(), "{c} → {f}");
        }
    }

    #[test]
    fn titles_wrap_at_spaces_into_lines_of_glyphs() {
        let t = "Weeknight meal planning - for shift nurses, kids";
        assert_eq!(t.len(), 48);
        assert_eq!(wrap(t, 48, 1), Some(vec![t.to_owned()]));
        assert_eq!(wrap(t, 47, 1), None);
        assert_eq!(
            wrap(t, 25, 2),
            Some(vec![
                "Weeknight meal planning -".to_owned(),
                "for shift nurses, kids".to_owned()
            ])
        );
        assert_eq!(wrap(t, 20, 2), None);
        assert_eq!(
            wrap("Supercalifragilistic", 8, 3),
            Some(vec!["Supercal".into(), "ifragili".into(), "stic".into()])
        );
        assert_eq!(wrap("   ", 8, 3), None);
    }
}

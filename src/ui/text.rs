//! Fitting text into cells: display-width aware truncation, and making sure no
//! control character or bidi override reaches the terminal.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::app::text_field::clean;

/// Text safe to draw: one line, no control characters, no bidi overrides.
pub fn safe(text: &str) -> String {
    clean(text)
}

/// The display width of a text in terminal cells.
pub fn width(text: &str) -> usize {
    text.width()
}

/// Cuts `text` to at most `max` cells, ending with "…" when cut. Never splits a
/// grapheme, so a wide character at the edge is dropped rather than halved.
pub fn truncate(text: &str, max: usize) -> String {
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

/// The ASCII stand-in for a symbol the editor draws, for `--ascii`: box
/// drawing, dots, markers, arrows, quotes and block elements. Other
/// characters are left alone.
pub fn ascii_symbol(c: char) -> Option<char> {
    Some(match c {
        // Box drawing (U+2500–U+257F): lines by direction, everything else a corner.
        '─' | '━' | '┄' | '┅' | '┈' | '┉' | '╌' | '╍' | '═' | '—' | '–' => {
            '-'
        }
        '│' | '┃' | '┆' | '┇' | '┊' | '┋' | '╎' | '╏' | '║' => '|',
        '\u{2500}'..='\u{257f}' => '+',
        '✓' => '+',
        '●' => '#',
        '○' => '.',
        '▶' | '›' => '>',
        '‹' => '<',
        '◆' => '*',
        '…' => '~',
        '↑' => '^',
        '↓' => 'v',
        '·' => '-',
        '“' | '”' => '"',
        '‘' | '’' => '\'',
        '⏱' => 'T',
        '▘' | '▝' | '▀' | '▖' | '▌' | '▞' | '▛' | '▗' | '▚' | '▐' | '▜' | '▄' | '▙' | '▟' | '█' => {
            '#'
        }
        _ => return None,
    })
}

/// Replaces every drawn symbol that has an ASCII stand-in.
pub fn asciify(buf: &mut ratatui::buffer::Buffer) {
    for cell in &mut buf.content {
        let mut chars = cell.symbol().chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && let Some(a) = ascii_symbol(c)
        {
            cell.set_char(a);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_respects_wide_characters() {
        assert_eq!(truncate("日本語テキスト", 7), "日本語…");
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 0), "");
        assert!(width(&truncate("👩‍💻👩‍💻👩‍💻", 5)) <= 5);
    }

    #[test]
    fn control_characters_never_pass() {
        assert_eq!(safe("a\x1b[2Jb\u{202e}c\n"), "a [2Jbc ");
    }

    #[test]
    fn window_keeps_the_cursor_visible() {
        let (shown, col) = window("hello world", 11, 5);
        assert_eq!(shown, "orld");
        assert_eq!(col, 4);
        let (shown, col) = window("hello", 0, 3);
        assert_eq!(shown, "hel");
        assert_eq!(col, 0);
    }
}

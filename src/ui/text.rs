//! Fitting text into cells: display-width aware truncation, and making sure no
//! control character or bidi override reaches the terminal.

pub use crate::text::{safe, truncate, truncate_words, width, window};

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
        '✗' => 'x',
        // Addressed on paper: never the `+` that stands for Validated.
        '↔' => '=',
        '●' => '#',
        '○' => '.',
        '▶' | '›' => '>',
        '‹' => '<',
        '◆' => '*',
        '▲' => '^',
        '■' => '%',
        '▼' => 'v',
        '★' => '@',
        '✚' => '&',
        '•' => '.',
        '✎' => '@',
        '…' => '~',
        '↑' => '^',
        '↓' => 'v',
        '←' => '<',
        '→' => '>',
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

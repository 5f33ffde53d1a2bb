//! A one-line text field that edits by grapheme cluster, so the cursor never
//! lands inside a character (CJK, emoji with modifiers, combining marks) and
//! sits where the character is drawn.
//!
//! Written here rather than taken from `ratatui-textarea`, whose 0.9 cursor and
//! delete work on `char`s: Backspace after "é" written as e + U+0301 would leave
//! a bare "e", and a family emoji would come apart one code point at a time.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use std::cell::RefCell;
use std::ops::Range;

use crate::text::field_lines::FieldLines;
use crate::text::wrap;

/// An edit to a text field. Keys map to these in the keymap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextEdit {
    /// Type a character at the cursor.
    Insert(char),
    /// Insert pasted text at the cursor (line breaks become spaces).
    Paste(String),
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character under the cursor.
    Delete,
    /// Move one character left.
    Left,
    /// Move one character right.
    Right,
    /// Move one word left.
    WordLeft,
    /// Move one word right.
    WordRight,
    /// Move to the start.
    Home,
    /// Move to the end.
    End,
    /// Move to the line above, once wrapped (to the start on the first line).
    Up,
    /// Move to the line below, once wrapped (to the end on the last line).
    Down,
    /// Delete the word before the cursor.
    DeleteWordBack,
    /// Delete from the start to the cursor.
    ClearToStart,
    /// Delete from the cursor to the end.
    ClearToEnd,
}

#[derive(Debug, Clone, Default)]
pub struct TextField {
    text: String,
    /// Byte offset of the cursor; always on a grapheme boundary.
    cursor: usize,
    /// The whole text is a suggested default, shown selected: typing or
    /// pasting replaces it, Backspace or Delete clears it, moving keeps it.
    selected: bool,
    /// The text's lines at the width it was last drawn at, kept through
    /// edits (only the lines near an edit are wrapped again), so a key costs
    /// the same in a long text as in a short one. Derived: not compared.
    lines: RefCell<Option<FieldLines>>,
}

impl PartialEq for TextField {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text && self.cursor == other.cursor && self.selected == other.selected
    }
}

impl Eq for TextField {}

impl TextField {
    /// A field holding `text` (cleaned), with the cursor at the end.
    pub fn new(text: &str) -> Self {
        let text = clean(text);
        let cursor = text.len();
        Self {
            text,
            cursor,
            selected: false,
            lines: RefCell::new(None),
        }
    }

    /// A field offering `text` as a default: the first character typed
    /// replaces it (as a selected default does), moving the cursor keeps it.
    pub fn suggested(text: &str) -> Self {
        Self {
            selected: !text.is_empty(),
            ..Self::new(text)
        }
    }

    /// Whether the text is a default that typing will replace.
    pub fn is_selected(&self) -> bool {
        self.selected
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor's byte offset.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The display width (terminal cells) of the text before the cursor.
    pub fn cursor_column(&self) -> usize {
        self.text[..self.cursor].width()
    }

    /// Applies an edit to a field drawn `width` cells wide: Up and Down move
    /// between its wrapped lines, keeping the column.
    pub fn apply_wrapped(&mut self, edit: &TextEdit, width: usize) {
        match edit {
            TextEdit::Up => self.move_line(width, -1),
            TextEdit::Down => self.move_line(width, 1),
            other => self.apply(other),
        }
    }

    /// Moves the cursor `delta` wrapped lines, to the same column (or the
    /// nearest boundary before it); past the first or last line, to the start
    /// or the end.
    fn move_line(&mut self, width: usize, delta: isize) {
        let (line, col) = self.position(width);
        let lines = self.line_count(width);
        match line.checked_add_signed(delta) {
            None => self.cursor = 0,
            Some(target) if target >= lines => self.cursor = self.text.len(),
            Some(target) => {
                let range = self.with_lines(width, |l| l.line(&self.text, target));
                let last = target + 1 == lines;
                self.cursor = wrap::offset_in_line(&self.text, range, last, col);
            }
        }
    }

    /// Reads the text's lines at `width`, wrapping it whole only when the
    /// width changed (or it was never drawn).
    fn with_lines<R>(&self, width: usize, read: impl FnOnce(&FieldLines) -> R) -> R {
        let width = width.max(1);
        let mut cache = self.lines.borrow_mut();
        if cache.as_ref().is_some_and(|l| l.width() != width) {
            *cache = None;
        }
        read(cache.get_or_insert_with(|| FieldLines::new(&self.text, width)))
    }

    /// How many lines the text takes at `width`.
    pub fn line_count(&self, width: usize) -> usize {
        self.with_lines(width, FieldLines::count)
    }

    /// Where the cursor is drawn at `width`: (line, column), as
    /// [`wrap::position`] has it.
    pub fn position(&self, width: usize) -> (usize, usize) {
        self.with_lines(width, |l| l.position(&self.text, self.cursor))
    }

    /// The rows the field needs at `width` (a cursor past a full last line
    /// takes one more).
    pub fn cursor_rows(&self, width: usize) -> usize {
        self.with_lines(width, |l| l.cursor_rows(&self.text, self.cursor))
    }

    /// Lines `skip..skip + take` at `width`, as drawn (break spaces left out).
    pub fn shown_lines(&self, width: usize, skip: usize, take: usize) -> Vec<&str> {
        let ranges: Vec<Range<usize>> = self.with_lines(width, |l| {
            (skip..l.count().min(skip.saturating_add(take)))
                .map(|i| l.line(&self.text, i))
                .collect()
        });
        ranges
            .into_iter()
            .map(|r| wrap::visible(&self.text[r]))
            .collect()
    }

    /// How many bytes the last edit wrapped again (none kept yet: 0).
    pub fn rewrapped(&self) -> usize {
        self.lines
            .borrow()
            .as_ref()
            .map_or(0, FieldLines::rewrapped)
    }

    /// Replaces `range` of the text with `with`, keeping the lines.
    fn replace(&mut self, range: Range<usize>, with: &str) {
        let (at, removed) = (range.start, range.len());
        self.text.replace_range(range, with);
        if let Some(lines) = self.lines.get_mut() {
            lines.edited(&self.text, at, removed, with.len());
        }
    }

    pub fn apply(&mut self, edit: &TextEdit) {
        if std::mem::take(&mut self.selected) {
            match edit {
                TextEdit::Insert(_)
                | TextEdit::Paste(_)
                | TextEdit::Backspace
                | TextEdit::Delete
                | TextEdit::DeleteWordBack
                | TextEdit::ClearToStart
                | TextEdit::ClearToEnd => {
                    self.replace(0..self.text.len(), "");
                    self.cursor = 0;
                    if matches!(edit, TextEdit::Insert(_) | TextEdit::Paste(_)) {
                        self.apply(edit);
                    }
                    return;
                }
                // Moving the cursor keeps the text to edit it.
                _ => {}
            }
        }
        match edit {
            TextEdit::Insert(c) => {
                let mut buf = [0u8; 4];
                self.insert_str(&clean(c.encode_utf8(&mut buf)));
            }
            TextEdit::Paste(s) => self.insert_str(&clean(s)),
            TextEdit::Backspace => {
                let start = self.prev_boundary();
                self.replace(start..self.cursor, "");
                self.cursor = start;
            }
            TextEdit::Delete => {
                let end = self.next_boundary();
                self.replace(self.cursor..end, "");
            }
            TextEdit::Left => self.cursor = self.prev_boundary(),
            TextEdit::Right => self.cursor = self.next_boundary(),
            TextEdit::WordLeft => self.cursor = self.word_left(),
            TextEdit::WordRight => self.cursor = self.word_right(),
            TextEdit::Home | TextEdit::Up => self.cursor = 0,
            TextEdit::End | TextEdit::Down => self.cursor = self.text.len(),
            TextEdit::DeleteWordBack => {
                let start = self.word_left();
                self.replace(start..self.cursor, "");
                self.cursor = start;
            }
            TextEdit::ClearToStart => {
                self.replace(0..self.cursor, "");
                self.cursor = 0;
            }
            TextEdit::ClearToEnd => self.replace(self.cursor..self.text.len(), ""),
        }
    }

    fn insert_str(&mut self, s: &str) {
        let at = self.cursor;
        self.replace(at..at, s);
        // A combining mark typed after a letter joins it: keep the cursor after
        // the whole cluster, never inside it.
        self.cursor = self.snap(at, at + s.len());
    }

    /// The nearest grapheme boundary at or after `offset`, looking only
    /// from the cluster before `from` (where the text changed) on.
    fn snap(&self, from: usize, offset: usize) -> usize {
        if offset == 0 {
            return 0;
        }
        let start = self.text[..from]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i);
        self.text[start..]
            .grapheme_indices(true)
            .map(|(i, g)| start + i + g.len())
            .find(|end| *end >= offset)
            .unwrap_or(self.text.len())
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    fn word_left(&self) -> usize {
        self.text[..self.cursor]
            .split_word_bound_indices()
            .rev()
            .find(|(_, w)| !w.trim().is_empty())
            .map_or(0, |(i, _)| i)
    }

    fn word_right(&self) -> usize {
        let rest = &self.text[self.cursor..];
        let mut seen_word = false;
        for (i, w) in rest.split_word_bound_indices() {
            let blank = w.trim().is_empty();
            if seen_word && blank {
                return self.cursor + i;
            }
            seen_word |= !blank;
        }
        self.text.len()
    }
}

pub use crate::text::{clean, is_bidi_control};

#[cfg(test)]
mod tests {
    use super::*;

    fn field(text: &str) -> TextField {
        TextField::new(text)
    }

    #[test]
    fn a_suggested_default_is_replaced_by_the_first_character_typed() {
        let mut f = TextField::suggested("10");
        f.apply(&TextEdit::Insert('5'));
        assert_eq!(f.text(), "5");
        f.apply(&TextEdit::Insert('0'));
        assert_eq!(f.text(), "50", "only the default is replaced");
        let mut pasted = TextField::suggested("10");
        pasted.apply(&TextEdit::Paste("2:30".into()));
        assert_eq!(pasted.text(), "2:30");
        let mut cleared = TextField::suggested("10");
        cleared.apply(&TextEdit::Backspace);
        assert_eq!(cleared.text(), "");
        let mut kept = TextField::suggested("10");
        kept.apply(&TextEdit::Left);
        kept.apply(&TextEdit::Insert('5'));
        assert_eq!(kept.text(), "150", "moving first keeps the text to edit");
    }

    #[test]
    fn backspace_removes_a_whole_combining_cluster() {
        let mut f = field("cafe\u{301}");
        f.apply(&TextEdit::Backspace);
        assert_eq!(f.text(), "caf");
    }

    #[test]
    fn backspace_removes_a_whole_zwj_emoji() {
        let mut f = field("hi 👨‍👩‍👧");
        f.apply(&TextEdit::Backspace);
        assert_eq!(f.text(), "hi ");
    }

    #[test]
    fn cursor_column_counts_wide_characters_as_two_cells() {
        let mut f = field("日本語");
        assert_eq!(f.cursor_column(), 6);
        f.apply(&TextEdit::Left);
        assert_eq!(f.cursor_column(), 4);
        f.apply(&TextEdit::Home);
        f.apply(&TextEdit::Right);
        assert_eq!(f.cursor_column(), 2);
    }

    #[test]
    fn moving_never_stops_inside_a_cluster() {
        let mut f = field("a\u{301}b");
        f.apply(&TextEdit::Home);
        f.apply(&TextEdit::Right);
        assert_eq!(f.cursor(), "a\u{301}".len());
        f.apply(&TextEdit::Delete);
        assert_eq!(f.text(), "a\u{301}");
    }

    #[test]
    fn typing_a_combining_mark_joins_the_previous_letter() {
        let mut f = field("e");
        f.apply(&TextEdit::Insert('\u{301}'));
        assert_eq!(f.text(), "e\u{301}");
        assert_eq!(f.cursor(), f.text().len());
        assert_eq!(f.cursor_column(), 1);
    }

    #[test]
    fn insert_in_the_middle() {
        let mut f = field("ac");
        f.apply(&TextEdit::Left);
        f.apply(&TextEdit::Insert('b'));
        assert_eq!(f.text(), "abc");
        assert_eq!(f.cursor(), 2);
    }

    #[test]
    fn paste_turns_control_characters_into_spaces_and_drops_bidi() {
        let mut f = field("");
        f.apply(&TextEdit::Paste("one\ntwo\x1b[31m\u{202e}x".into()));
        assert_eq!(f.text(), "one two [31mx");
    }

    #[test]
    fn word_motions_and_deletes() {
        let mut f = field("get paid on time");
        f.apply(&TextEdit::WordLeft);
        assert_eq!(&f.text()[f.cursor()..], "time");
        f.apply(&TextEdit::WordLeft);
        assert_eq!(&f.text()[f.cursor()..], "on time");
        f.apply(&TextEdit::WordRight);
        assert_eq!(&f.text()[f.cursor()..], " time");
        f.apply(&TextEdit::End);
        f.apply(&TextEdit::DeleteWordBack);
        assert_eq!(f.text(), "get paid on ");
        f.apply(&TextEdit::Home);
        f.apply(&TextEdit::ClearToEnd);
        assert_eq!(f.text(), "");
    }

    #[test]
    fn up_and_down_move_between_wrapped_lines() {
        // "get paid " / "on time " / "please" at width 9.
        let mut f = field("get paid on time please");
        f.apply_wrapped(&TextEdit::Up, 9);
        assert_eq!(&f.text()[f.cursor()..], "e please");
        f.apply_wrapped(&TextEdit::Up, 9);
        assert_eq!(&f.text()[f.cursor()..], "id on time please");
        f.apply_wrapped(&TextEdit::Up, 9);
        assert_eq!(f.cursor(), 0);
        f.apply_wrapped(&TextEdit::Down, 9);
        assert_eq!(&f.text()[f.cursor()..], "on time please");
        f.apply_wrapped(&TextEdit::Down, 9);
        f.apply_wrapped(&TextEdit::Down, 9);
        assert_eq!(f.cursor(), f.text().len());
        // Wide characters: the column is kept in cells, never inside one.
        let mut f = field("日本語 a日本");
        f.apply_wrapped(&TextEdit::Up, 6);
        assert_eq!(wrap::position(f.text(), 6, f.cursor()), (0, 4));
    }

    #[test]
    fn a_key_in_a_long_item_costs_what_it_costs_in_a_short_one() {
        // 1 MB of words: each key wraps again only the lines near it.
        let long = "Clients pay late and we chase them every single week. ".repeat(19_000);
        let mut f = field(&long);
        assert_eq!(f.line_count(60), wrap::line_count(&long, 60));
        f.apply(&TextEdit::Home);
        for _ in 0..5_000 {
            f.apply(&TextEdit::WordRight);
        }
        for c in "late fees ".chars() {
            f.apply_wrapped(&TextEdit::Insert(c), 60);
            assert!(
                f.rewrapped() < 1_000,
                "{} bytes wrapped for one key",
                f.rewrapped()
            );
        }
        f.apply_wrapped(&TextEdit::Backspace, 60);
        assert!(f.rewrapped() < 1_000, "{}", f.rewrapped());
        // The kept lines are the lines wrapped afresh.
        assert_eq!(f.line_count(60), wrap::line_count(f.text(), 60));
        assert_eq!(f.position(60), wrap::position(f.text(), 60, f.cursor()));
        let (line, _) = f.position(60);
        let fresh = wrap::lines(f.text(), 60);
        assert_eq!(f.shown_lines(60, line, 3), fresh[line..line + 3]);
    }

    #[test]
    fn edits_at_the_edges_are_harmless() {
        let mut f = field("");
        for e in [
            TextEdit::Backspace,
            TextEdit::Delete,
            TextEdit::Left,
            TextEdit::Right,
            TextEdit::WordLeft,
            TextEdit::WordRight,
            TextEdit::DeleteWordBack,
            TextEdit::ClearToStart,
            TextEdit::ClearToEnd,
        ] {
            f.apply(&e);
        }
        assert_eq!(f.text(), "");
        assert_eq!(f.cursor(), 0);
    }
}

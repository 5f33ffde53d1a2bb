//! The wrapped lines of a text being typed, kept from key to key: an edit
//! wraps again only the lines around it (from the line before the edit
//! until the breaks fall where they fell before), so a key costs the same in
//! a short text as in a megabyte. The lines are exactly [`wrap::wrap`]'s.
//!
//! Why the line before: a deletion can let the edited line's first word
//! move up. Why breaks fall back into step: a line's breaks depend only on
//! where it starts, so once a new line starts where an old one did (shifted
//! by the edit's length), every line after is the old one, shifted.

use std::ops::Range;

use super::wrap;

/// Where each line of a text starts once wrapped at `width`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldLines {
    width: usize,
    /// The byte offset of each line's start; the first is 0.
    starts: Vec<usize>,
    /// How many bytes the last update wrapped again (a measure of its work).
    rewrapped: usize,
}

impl FieldLines {
    /// The lines of `text` at `width`, wrapped whole.
    pub fn new(text: &str, width: usize) -> Self {
        let width = width.max(1);
        let starts = wrap::wrap(text, width)
            .into_iter()
            .map(|r| r.start)
            .collect();
        Self {
            width,
            starts,
            rewrapped: text.len(),
        }
    }

    pub fn width(&self) -> usize {
        self.width
    }

    /// How many lines (at least one).
    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// How many bytes the last update wrapped again.
    pub fn rewrapped(&self) -> usize {
        self.rewrapped
    }

    /// The byte range of line `i` in `text` (the text these lines are of).
    pub fn line(&self, text: &str, i: usize) -> Range<usize> {
        let start = self.starts.get(i).copied().unwrap_or(text.len());
        let end = self.starts.get(i + 1).copied().unwrap_or(text.len());
        start..end
    }

    /// After `text` had `removed` bytes at `at` replaced by `inserted` bytes
    /// (`text` is the new text): the lines again, wrapping only near the edit.
    pub fn edited(&mut self, text: &str, at: usize, removed: usize, inserted: usize) {
        // Old offsets at or after the removed bytes, in the new text.
        let shift = |s: usize| s + inserted - removed;
        // From the line before the one the edit's first run is decided on:
        // a long word breaks where it stands, so an edit inside it can move
        // lines that start before the edit.
        let anchor = run_start(text, at).saturating_sub(1);
        let line = self
            .starts
            .partition_point(|&s| s <= anchor)
            .saturating_sub(1);
        let from_line = line.saturating_sub(1);
        let from = self.starts[from_line];
        // The first old line that starts after the edit: where the new
        // lines may fall back into step with the old.
        let mut old = self.starts.partition_point(|&s| s < at + removed);
        let mut fresh = Vec::new();
        let mut resumed = None;
        let mut walked = 0;
        wrap::breaks_from(text, from, self.width, &mut |range| {
            walked = range.end - from;
            if range.start >= at + inserted && range.start > from {
                while old < self.starts.len() && shift(self.starts[old]) < range.start {
                    old += 1;
                }
                if self
                    .starts
                    .get(old)
                    .is_some_and(|&s| shift(s) == range.start)
                {
                    resumed = Some(old);
                    return false;
                }
            }
            fresh.push(range.start);
            true
        });
        self.rewrapped = walked;
        let mut starts = Vec::with_capacity(self.starts.len() + fresh.len());
        starts.extend_from_slice(&self.starts[..from_line]);
        starts.extend(fresh);
        if let Some(old) = resumed {
            starts.extend(self.starts[old..].iter().map(|&s| shift(s)));
        }
        self.starts = starts;
    }

    /// Where byte `offset` is drawn: (line, column), as [`wrap::position`].
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let index = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let col = wrap::cells(&text[self.starts[index]..offset]);
        if col >= self.width {
            (index + 1, 0)
        } else {
            (index, col)
        }
    }

    /// The rows a field needs with its cursor at `offset`, as [`wrap::cursor_rows`].
    pub fn cursor_rows(&self, text: &str, offset: usize) -> usize {
        self.count().max(self.position(text, offset).0 + 1)
    }
}

/// Where the runs an edit at `at` can change begin: back over the word
/// it is in (or follows), then over the spaces before that word.
fn run_start(text: &str, at: usize) -> usize {
    let mut before = text[..at].char_indices().rev().peekable();
    let mut start = at;
    while let Some(&(i, c)) = before.peek() {
        if wrap::is_break_space(c) {
            break;
        }
        start = i;
        before.next();
    }
    while let Some(&(i, c)) = before.peek() {
        if !wrap::is_break_space(c) {
            break;
        }
        start = i;
        before.next();
    }
    start
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Texts of words, spaces, wide characters and emoji.
    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("a"),
                Just("word"),
                Just(" "),
                Just("  "),
                Just("日本"),
                Just("👨‍👩‍👧"),
                Just("e\u{301}"),
                Just("longerwordthanthecolumn"),
                Just("\u{3000}"),
            ],
            0..60,
        )
        .prop_map(|parts| parts.concat())
    }

    /// A char boundary of `text` near `at` (0..=len).
    fn boundary(text: &str, at: usize) -> usize {
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    proptest! {
        #[test]
        fn lines_kept_through_edits_are_the_lines_wrapped_afresh(
            before in text(),
            insert in text(),
            at in 0usize..400,
            cut in 0usize..12,
            width in 1usize..16,
        ) {
            let at = boundary(&before, at);
            let end = boundary(&before, at + cut).max(at);
            let mut lines = FieldLines::new(&before, width);
            let mut after = before.clone();
            after.replace_range(at..end, &insert);
            lines.edited(&after, at, end - at, insert.len());
            prop_assert_eq!(&lines.starts, &FieldLines::new(&after, width).starts);
        }
    }

    #[test]
    fn a_key_in_a_long_text_wraps_again_only_near_it() {
        let long = "Clients pay late and we chase them every week. ".repeat(20_000);
        let mut lines = FieldLines::new(&long, 60);
        let mut text = long.clone();
        let at = text.len() / 2;
        let at = boundary(&text, at);
        text.insert(at, 'x');
        lines.edited(&text, at, 0, 1);
        assert!(
            lines.rewrapped() < 1_000,
            "{} bytes wrapped again",
            lines.rewrapped()
        );
        assert_eq!(lines.starts, FieldLines::new(&text, 60).starts);
    }
}

//! Wrapping text to a column by display width, the way every view of the
//! canvas shows an item: broken at spaces, a word wider than the column broken
//! inside it, a grapheme (CJK, emoji, a letter with its combining marks) never
//! split. A leaf: the editor, `show` and the exports (SVG, HTML) all wrap with
//! this one rule, so a printed canvas breaks where the screen does.
//!
//! Lines are byte ranges into the text that follow each other without gaps:
//! joined, they give back the text. The spaces where a line breaks stay at the
//! end of the line before; they are not drawn and do not count against the
//! width ([`visible`] leaves them out).

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use foldhash::fast::RandomState;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Where `text` breaks into lines of at most `width` cells (a width of 0 is
/// taken as 1). Always at least one line, empty text included. A line is wider
/// than `width` only when a single grapheme is (a wide character in a one-cell
/// column).
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    breaks(text, width, |r| lines.push(r));
    lines
}

/// [`wrap`], remembered: the lines of the texts wrapped lately, by width and
/// text. A frame of the canvas wraps every item in view two or three times
/// (to share the rows between sections, to place the selection, to draw it),
/// and a frame mostly shows what the last one did; this makes those repeats
/// a lookup. The memory is per thread and forgets everything once it holds
/// [`REMEMBERED`] texts, so it stays small whatever is drawn.
pub fn wrap_cached(text: &str, width: usize) -> Rc<[Range<usize>]> {
    thread_local! {
        static LATELY: RefCell<Lately> = RefCell::new(Lately::default());
    }
    // Finding a text by its words hashes and compares them all.
    #[cfg(test)]
    super::read_whole::add(text.len());
    LATELY.with_borrow_mut(|lately| {
        if let Some(lines) = lately.by_width.get(&width).and_then(|m| m.get(text)) {
            return Rc::clone(lines);
        }
        if lately.count >= REMEMBERED {
            *lately = Lately::default();
        }
        let lines: Rc<[Range<usize>]> = wrap(text, width).into();
        lately
            .by_width
            .entry(width)
            .or_default()
            .insert(text.into(), Rc::clone(&lines));
        lately.count += 1;
        lines
    })
}

/// How many texts [`wrap_cached`] remembers before it starts afresh: a few
/// screens' worth.
pub const REMEMBERED: usize = 4096;

/// The lines of texts, by text. Hashed with foldhash seeded per process:
/// as safe from texts written to collide as std's `SipHash`, and much
/// faster on the short texts of items (hashing was most of a lookup).
type Wrapped = HashMap<Box<str>, Rc<[Range<usize>]>, RandomState>;

#[derive(Default)]
struct Lately {
    by_width: HashMap<usize, Wrapped, RandomState>,
    count: usize,
}

/// How many lines `text` takes at `width`, without keeping them.
pub fn line_count(text: &str, width: usize) -> usize {
    let mut n = 0;
    breaks(text, width, |_| n += 1);
    n
}

/// The lines of `text` at `width` as the text to draw (break spaces left out).
pub fn lines(text: &str, width: usize) -> Vec<&str> {
    wrap(text, width)
        .into_iter()
        .map(|r| visible(&text[r]))
        .collect()
}

/// A line without the spaces it broke at.
pub fn visible(line: &str) -> &str {
    line.trim_end_matches(is_break_space)
}

/// The display width of one grapheme, as a terminal draws it.
pub fn grapheme_width(g: &str) -> usize {
    g.width()
}

/// The width of a text as the sum of its graphemes: what a terminal grid uses.
pub fn cells(text: &str) -> usize {
    if plain(text) {
        return (0..text.len()).map(|i| ascii_width(text, i)).sum();
    }
    text.graphemes(true).map(grapheme_width).sum()
}

/// Where a byte offset of `text` is drawn once wrapped at `width`: (line,
/// column). An offset just past a full line's last cell goes to the start of
/// the next line, where typing continues; that line may be one more than
/// [`wrap`] gives, and [`cursor_rows`] counts it.
pub fn position(text: &str, width: usize, offset: usize) -> (usize, usize) {
    let width = width.max(1);
    let lines = wrap(text, width);
    let offset = offset.min(text.len());
    let index = lines
        .iter()
        .rposition(|r| r.start <= offset)
        .unwrap_or_default();
    let line = &lines[index];
    let col = cells(&text[line.start..offset]);
    if col >= width {
        (index + 1, 0)
    } else {
        (index, col)
    }
}

/// The rows a text field needs at `width` with its cursor at `offset`.
pub fn cursor_rows(text: &str, width: usize, offset: usize) -> usize {
    line_count(text, width).max(position(text, width, offset).0 + 1)
}

/// The byte offset drawn at (`line`, `col`) once wrapped at `width`: the
/// nearest grapheme boundary at or before that column, or the line's end.
/// Lines past the last go to the end of the text. (The text field finds
/// offsets in its kept lines with [`offset_in_line`]; this is its check.)
#[cfg(test)]
pub fn offset_at(text: &str, width: usize, line: usize, col: usize) -> usize {
    let lines = wrap(text, width);
    let Some(range) = lines.get(line) else {
        return text.len();
    };
    offset_in_line(text, range.clone(), line + 1 == lines.len(), col)
}

/// The byte offset drawn at column `col` of the line `range` of `text`
/// (`last`: the text's last line): the nearest grapheme boundary at or
/// before that column, or the line's end.
pub fn offset_in_line(text: &str, range: Range<usize>, last: bool, col: usize) -> usize {
    // The end of a line that breaks is before its break spaces' last grapheme,
    // so that the offset stays on this line.
    let shown = &text[range.clone()];
    let mut used = 0;
    for (i, g) in shown.grapheme_indices(true) {
        let w = grapheme_width(g);
        if used + w > col || (!last && range.start + i + g.len() == range.end) {
            return range.start + i;
        }
        used += w;
    }
    range.end
}

/// Whether every byte of `text` is a grapheme of its own (ASCII without
/// "\r\n"), so the fast path may walk bytes.
fn plain(text: &str) -> bool {
    text.is_ascii() && !text.as_bytes().contains(&b'\r')
}

/// The width of the ASCII byte at `i`.
fn ascii_width(text: &str, i: usize) -> usize {
    if text.as_bytes()[i].is_ascii_control() {
        grapheme_width(&text[i..=i])
    } else {
        1
    }
}

/// Whether a character is a space a line may break at.
pub(crate) fn is_break_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}'
}

/// A run of text: a word, or the spaces after it.
struct Run {
    start: usize,
    end: usize,
    width: usize,
    space: bool,
}

/// The runs of `text` until `each` says stop. `fast`: the text is
/// [`plain`], so bytes may be walked (deciding that reads the whole text).
fn runs_while(text: &str, fast: bool, mut each: impl FnMut(Run) -> bool) {
    let going = std::cell::Cell::new(true);
    let mut each = |run: Run| {
        if going.get() {
            going.set(each(run));
        }
    };
    let mut current: Option<Run> = None;
    let mut push =
        |start: usize, g: &str, w: usize, space: bool, current: &mut Option<Run>| match current {
            Some(run) if run.space == space => {
                run.end = start + g.len();
                run.width += w;
            }
            _ => {
                if let Some(done) = current.take() {
                    each(done);
                }
                *current = Some(Run {
                    start,
                    end: start + g.len(),
                    width: w,
                    space,
                });
            }
        };
    if fast {
        for (i, b) in text.bytes().enumerate() {
            push(
                i,
                &text[i..=i],
                ascii_width(text, i),
                b == b' ',
                &mut current,
            );
        }
    } else {
        for (i, g) in text.grapheme_indices(true) {
            if !going.get() {
                return;
            }
            let space = g.chars().all(is_break_space);
            push(i, g, grapheme_width(g), space, &mut current);
        }
    }
    if let Some(done) = current {
        each(done);
    }
}

/// Lays a word wider than the column from `used` on, breaking it between
/// graphemes wherever the line is full.
fn split_word(
    text: &str,
    run: &Run,
    width: usize,
    start: &mut usize,
    used: &mut usize,
    line: &mut impl FnMut(Range<usize>),
) {
    let word = &text[run.start..run.end];
    let mut split = |i: usize, w: usize| {
        if *used + w > width && *used > 0 {
            line(*start..run.start + i);
            *start = run.start + i;
            *used = 0;
        }
        *used += w;
    };
    if plain(word) {
        for i in 0..word.len() {
            split(i, ascii_width(word, i));
        }
    } else {
        for (i, g) in word.grapheme_indices(true) {
            split(i, grapheme_width(g));
        }
    }
}

/// Calls `line` with each line's byte range, in order.
fn breaks(text: &str, width: usize, mut line: impl FnMut(Range<usize>)) {
    #[cfg(test)]
    super::read_whole::add(text.len());
    breaks_in(text, plain(text), width, &mut |r| {
        line(r);
        true
    });
}

/// The lines of `text` from `from` on, where a line starts (as [`wrap`]
/// has it), in absolute offsets, until `line` says stop: how a text field
/// wraps again only around an edit ([`super::field_lines`]). Only as much of
/// the text is read as the lines given need (no look at the whole).
pub(crate) fn breaks_from(
    text: &str,
    from: usize,
    width: usize,
    line: &mut dyn FnMut(Range<usize>) -> bool,
) {
    breaks_in(&text[from..], false, width, &mut |r: Range<usize>| {
        line(r.start + from..r.end + from)
    });
}

/// [`breaks`], stopping when `line` says so; `fast` as for [`runs_while`].
fn breaks_in(text: &str, fast: bool, width: usize, line: &mut dyn FnMut(Range<usize>) -> bool) {
    let going = std::cell::Cell::new(true);
    let mut line = |r: Range<usize>| {
        if going.get() {
            going.set(line(r));
        }
    };
    let width = width.max(1);
    let mut start = 0;
    // Cells used on the current line up to the end of its last word.
    let mut used = 0;
    // The width of the spaces after that word, not yet counted.
    let mut spaces = 0;
    runs_while(text, fast, |run| {
        if run.space {
            spaces += run.width;
            return going.get();
        }
        if used > 0 || spaces > 0 {
            if used + spaces + run.width <= width {
                used += spaces + run.width;
                spaces = 0;
                return going.get();
            }
            if run.width > width && used + spaces < width {
                // A word wider than any line starts where it stands and
                // breaks inside, rather than leave this line short.
                used += spaces;
                spaces = 0;
                split_word(text, &run, width, &mut start, &mut used, &mut line);
                return going.get();
            }
            // Leading spaces that leave no room stay on a line of their own.
            line(start..run.start);
            start = run.start;
            used = 0;
            spaces = 0;
        }
        if run.width <= width {
            used = run.width;
            return going.get();
        }
        split_word(text, &run, width, &mut start, &mut used, &mut line);
        going.get()
    });
    line(start..text.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, width: usize) -> Vec<&str> {
        lines(text, width)
    }

    #[test]
    fn breaks_at_spaces() {
        assert_eq!(
            shown("Clients pay weeks after the work", 12),
            ["Clients pay", "weeks after", "the work"]
        );
        assert_eq!(shown("fits", 10), ["fits"]);
        assert_eq!(shown("", 10), [""]);
    }

    #[test]
    fn a_word_wider_than_the_column_breaks_inside_it() {
        assert_eq!(
            shown("a supercalifragilistic b", 8),
            ["a superc", "alifragi", "listic b"]
        );
    }

    #[test]
    fn wide_characters_are_never_split() {
        assert_eq!(shown("請求書が遅れる", 5), ["請求", "書が", "遅れ", "る"]);
        assert_eq!(shown("👩‍💻👩‍💻👩‍💻", 4), ["👩‍💻👩‍💻", "👩‍💻"]);
        assert_eq!(
            shown("cafe\u{301} cafe\u{301}", 4),
            ["cafe\u{301}", "cafe\u{301}"]
        );
    }

    #[test]
    fn lines_join_back_to_the_text() {
        let text = "  Eat a proper   meal during the day ";
        let joined: String = wrap(text, 7).into_iter().map(|r| &text[r]).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn a_width_of_one_still_makes_progress() {
        assert_eq!(shown("ab 日", 1), ["a", "b", "日"]);
        assert_eq!(shown("ab", 0), ["a", "b"]);
    }

    #[test]
    fn positions_follow_the_wrapped_lines() {
        let text = "hello world";
        assert_eq!(position(text, 6, 0), (0, 0));
        assert_eq!(position(text, 6, 6), (1, 0));
        assert_eq!(position(text, 6, 11), (1, 5));
        // A full last line: the cursor waits at the start of the next one.
        assert_eq!(position("abcdef", 6, 6), (1, 0));
        assert_eq!(cursor_rows("abcdef", 6, 6), 2);
        assert_eq!(position("日本語", 4, 9), (1, 2));
    }

    #[test]
    fn offsets_come_back_from_positions() {
        let text = "hello world again";
        assert_eq!(offset_at(text, 6, 1, 2), 8);
        assert_eq!(offset_at(text, 6, 0, 99), 5);
        assert_eq!(offset_at(text, 6, 2, 99), text.len());
        assert_eq!(offset_at(text, 6, 9, 0), text.len());
        assert_eq!(offset_at("日本語", 4, 0, 3), 3);
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    use super::*;

    /// Words of letters, CJK, emoji (with ZWJ and skin tones) and combining
    /// marks, with runs of spaces between them.
    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[a-z]{1,12}",
            "[請求書が遅れる日本語]{1,6}",
            Just("👩‍💻".to_owned()),
            Just("👍🏽".to_owned()),
            Just("e\u{301}".to_owned()),
            Just("한국어".to_owned()),
            " {1,3}",
            Just("\u{3000}".to_owned()),
            "\\PC{1,4}",
        ];
        prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
    }

    #[test]
    fn the_memory_starts_afresh_when_full_and_stays_right() {
        for n in 0..REMEMBERED + 10 {
            let text = format!("item number {n} with some words");
            assert_eq!(&*wrap_cached(&text, 12), &wrap(&text, 12)[..]);
        }
        assert_eq!(
            &*wrap_cached("item number 3 with some words", 12),
            &wrap("item number 3 with some words", 12)[..]
        );
    }

    proptest! {
        #[test]
        fn wrapped_lines_fit_keep_graphemes_and_join_back(text in text(), width in 1usize..60) {
            let lines = wrap(&text, width);
            prop_assert!(!lines.is_empty());
            let joined: String = lines.iter().map(|r| &text[r.clone()]).collect();
            prop_assert_eq!(&joined, &text);
            let bounds: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
            for r in &lines {
                prop_assert!(r.start == text.len() || bounds.contains(&r.start), "split inside a grapheme at {}", r.start);
                let line = visible(&text[r.clone()]);
                let widest = line.graphemes(true).map(grapheme_width).max().unwrap_or(0);
                prop_assert!(cells(line) <= width.max(widest), "{:?} is wider than {}", line, width);
            }
        }

        #[test]
        fn remembered_wraps_are_the_wraps(texts in prop::collection::vec(text(), 1..8), width in 0usize..30) {
            for text in &texts {
                prop_assert_eq!(&*wrap_cached(text, width), &wrap(text, width)[..]);
                // Asked again (now from memory), the same.
                prop_assert_eq!(&*wrap_cached(text, width), &wrap(text, width)[..]);
            }
        }

        #[test]
        fn positions_and_offsets_agree(text in text(), width in 2usize..40) {
            let n = line_count(&text, width);
            prop_assert_eq!(n, wrap(&text, width).len());
            for (i, _) in text.grapheme_indices(true) {
                let (line, col) = position(&text, width, i);
                prop_assert!(line < cursor_rows(&text, width, i));
                prop_assert!(col < width);
            }
        }
    }
}

//! Text flowing into a shape: the areas of a section (a rectangle, or a
//! quarter or half of the circle), and greedy wrapping by measured width into
//! lines whose width follows the shape at their height.

use unicode_segmentation::UnicodeSegmentation;

use crate::export::font::{Metrics, Weight};

/// Line height, in ems of the text size.
pub const LINE: f32 = 1.28;
/// Where the baseline sits below a line's top, in ems: the font's ascent
/// (0.928 em) plus a little air, so the glyph box stays inside the line.
pub const BASELINE: f32 = 0.99;

/// Which side of the circle's vertical diameter an area is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

/// Where a section's text may go: its outline inset by a padding.
#[derive(Debug, Clone, Copy)]
pub struct Area {
    pub top: f32,
    pub bottom: f32,
    pub shape: Shape,
}

#[derive(Debug, Clone, Copy)]
pub enum Shape {
    Rect {
        left: f32,
        right: f32,
    },
    /// Part of a circle of (inset) radius `r`, on one side of the vertical
    /// diameter at `cx`, kept `gap` away from it.
    Disc {
        cx: f32,
        cy: f32,
        r: f32,
        side: Side,
        gap: f32,
    },
}

impl Area {
    /// The widest any line in the area can be.
    fn widest(&self) -> f32 {
        match self.shape {
            Shape::Rect { left, right } => right - left,
            Shape::Disc { r, gap, .. } => r - gap,
        }
    }

    /// The horizontal span free over the whole band `ya..yb`, if any.
    pub fn span(&self, ya: f32, yb: f32) -> Option<(f32, f32)> {
        if ya < self.top - 0.01 || yb > self.bottom + 0.01 {
            return None;
        }
        match self.shape {
            Shape::Rect { left, right } => Some((left, right)),
            Shape::Disc {
                cx,
                cy,
                r,
                side,
                gap,
            } => {
                // The band is narrowest at its edge farthest from the centre.
                let d = (ya - cy).abs().max((yb - cy).abs());
                if d >= r {
                    return None;
                }
                let half = (r * r - d * d).sqrt();
                let (l, rt) = match side {
                    Side::Left => (cx - half, cx - gap),
                    Side::Right => (cx + gap, cx + half),
                };
                (rt > l).then_some((l, rt))
            }
        }
    }
}

/// A piece of an item's text to place: a word, or a small tag after the
/// words: a reference to a linked item (e.g. "P1") or a note (a job's kind).
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    Word(String),
    Ref(String),
    Note(String),
}

/// A tag placed on a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Tag {
    pub label: String,
    pub x: f32,
    pub width: f32,
    /// A note (drawn quieter) rather than a reference.
    pub note: bool,
}

/// One placed line: where it starts, its top and baseline, its words, and
/// the tags that follow them.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub x: f32,
    pub top: f32,
    pub baseline: f32,
    pub text: String,
    /// The measured width of `text`.
    pub width: f32,
    /// Tags after the text.
    pub refs: Vec<Tag>,
}

/// How references are drawn, relative to the text size.
pub const REF_SIZE: f32 = 0.72;
const REF_PAD: f32 = 0.28;
const REF_GAP: f32 = 0.3;

/// A cursor moving down an area, placing blocks of lines.
pub struct Flow<'a> {
    pub area: Area,
    pub y: f32,
    metrics: &'a Metrics,
}

/// What a block asks of the flow.
pub struct Block<'t> {
    pub tokens: &'t [Token],
    pub size: f32,
    pub weight: Weight,
    /// Space on the left of every line kept for markers.
    pub gutter: f32,
    /// The height the markers need next to the first line.
    pub marker_height: f32,
}

/// A placed block: where its first line starts, its top and its lines.
#[derive(Debug, Clone)]
pub struct Placed {
    pub left: f32,
    pub top: f32,
    pub lines: Vec<Line>,
}

impl<'a> Flow<'a> {
    pub fn new(area: Area, metrics: &'a Metrics) -> Self {
        Self {
            y: area.top,
            area,
            metrics,
        }
    }

    /// The first band at or below `y`, `height` tall, with at least `min`
    /// free right of `floor`: (top, left, right), left never before `floor`.
    fn band(&self, mut y: f32, height: f32, min: f32, floor: f32) -> Option<(f32, f32, f32)> {
        let step = (height / 4.0).max(0.5);
        // Bounded, so that a runaway area can never hang the export.
        for _ in 0..100_000 {
            if y + height > self.area.bottom + 0.01 {
                break;
            }
            if let Some((l, r)) = self.area.span(y, y + height) {
                let l = l.max(floor);
                if r - l >= min {
                    return Some((y, l, r));
                }
            }
            y += step;
        }
        None
    }

    /// Places a block below the cursor and moves the cursor past it, or
    /// returns `None` when it does not fit in what is left of the area.
    ///
    /// All lines of a block start at one x, so that its text reads as a
    /// column even where the circle's edge slants: first try the first
    /// line's left, and where a lower line needs more, again from there.
    pub fn place(&mut self, block: &Block<'_>, gap_after: f32) -> Option<Placed> {
        let mut floor = f32::MIN;
        for _ in 0..6 {
            let (placed, end, widest_left) = self.try_place(block, floor)?;
            if widest_left <= placed.left + 0.01 {
                let bottom = end.max(placed.top + block.marker_height);
                self.y = bottom + gap_after;
                return Some(placed);
            }
            floor = widest_left;
        }
        None
    }

    /// One try at placing a block with no line starting before `floor`:
    /// the block, where it ends, and the largest left edge any line needed.
    #[allow(clippy::many_single_char_names)] // geometry: x, y, l(eft), r(ight), f(ont size)
    fn try_place(&self, block: &Block<'_>, floor: f32) -> Option<(Placed, f32, f32)> {
        let f = block.size;
        let lh = f * LINE;
        let mut lines = Vec::new();
        let mut y = self.y;
        let mut rest: Vec<Token> = block.tokens.to_vec();
        rest.reverse(); // a stack: the next token is last
        let mut first: Option<(f32, f32)> = None;
        let mut widest_left = f32::MIN;
        let whole = self.block_width(block);
        loop {
            let probe = if first.is_none() {
                lh.max(block.marker_height)
            } else {
                lh
            };
            let min = self.least_width(block, rest.last(), first.is_none().then_some(whole));
            let floor = first.map_or(floor, |(l, _)| l.max(floor));
            let (top, l, r) = self.band(y, probe, min, floor)?;
            widest_left = widest_left.max(l);
            first.get_or_insert((l, top));
            let x = first.map_or(l, |(fl, _)| fl.max(l)) + block.gutter;
            let room = r - x;
            let mut line = Line {
                x,
                top,
                baseline: top + f * BASELINE,
                text: String::new(),
                width: 0.0,
                refs: Vec::new(),
            };
            self.fill_line(block, &mut line, room, &mut rest);
            line.width = self.metrics.width(&line.text, f, block.weight);
            lines.push(line);
            y = top + lh;
            if rest.is_empty() {
                break;
            }
        }
        let (left, top) = first?;
        Some((Placed { left, top, lines }, y, widest_left))
    }

    /// The least width a line must have: the next token whole where the
    /// shape allows it (only a word longer than a dozen ems is ever broken);
    /// for a block's first line, a fair share of the `whole` block's width.
    fn least_width(&self, block: &Block<'_>, next: Option<&Token>, whole: Option<f32>) -> f32 {
        let f = block.size;
        let next = match next {
            Some(Token::Word(w)) => self.metrics.width(w, f, block.weight),
            Some(Token::Ref(l) | Token::Note(l)) => self.ref_width(l, f),
            None => 0.0,
        };
        let min = (block.gutter + next.clamp(3.0 * f, 12.0 * f)).min(self.area.widest());
        match whole {
            // Where the shape narrows (the top of the circle), start a block
            // only where its text gets a fair share of the width: all of it
            // on one line, or half the widest line (a little more for a
            // title, so that it stays on one line).
            Some(whole) => {
                let share = if block.gutter > 0.0 { 0.5 } else { 0.62 };
                min.max(block.gutter + whole.min(share * self.area.widest()))
            }
            None => min,
        }
    }

    /// Fills `line` with the tokens on top of the `rest` stack that fit in
    /// `room`: words, then tags (never words after tags); a word wider than
    /// a whole line is broken and its tail put back.
    fn fill_line(&self, block: &Block<'_>, line: &mut Line, room: f32, rest: &mut Vec<Token>) {
        let f = block.size;
        let space = self.metrics.width(" ", f, block.weight);
        let x = line.x;
        let mut used = 0.0f32;
        while let Some(token) = rest.pop() {
            let lead = if used > 0.0 { space } else { 0.0 };
            match &token {
                Token::Word(word) => {
                    let w = self.metrics.width(word, f, block.weight);
                    if !line.refs.is_empty() {
                        // Words never follow tags on a line.
                        rest.push(token);
                        break;
                    }
                    if used + lead + w <= room {
                        if lead > 0.0 {
                            line.text.push(' ');
                        }
                        line.text.push_str(word);
                        used += lead + w;
                    } else if used == 0.0 {
                        // A word wider than the line: break it inside,
                        // between graphemes, and carry the rest over.
                        let (head, tail) = self.split_word(word, f, block.weight, room);
                        line.text = head;
                        if !tail.is_empty() {
                            rest.push(Token::Word(tail));
                        }
                        break;
                    } else {
                        rest.push(token);
                        break;
                    }
                }
                Token::Ref(label) | Token::Note(label) => {
                    let w = self.ref_width(label, f);
                    let lead = if used > 0.0 { f * REF_GAP } else { 0.0 };
                    if used + lead + w <= room || used == 0.0 {
                        line.refs.push(Tag {
                            label: label.clone(),
                            x: x + used + lead,
                            width: w,
                            note: matches!(token, Token::Note(_)),
                        });
                        used += lead + w;
                    } else {
                        rest.push(token);
                        break;
                    }
                }
            }
        }
    }

    /// The width of a block's tokens on one line.
    fn block_width(&self, block: &Block<'_>) -> f32 {
        let f = block.size;
        let space = self.metrics.width(" ", f, block.weight);
        block
            .tokens
            .iter()
            .map(|t| match t {
                Token::Word(w) => self.metrics.width(w, f, block.weight) + space,
                Token::Ref(l) | Token::Note(l) => self.ref_width(l, f) + f * REF_GAP,
            })
            .sum()
    }

    /// The width of a reference tag for `label` at text size `f`.
    pub fn ref_width(&self, label: &str, f: f32) -> f32 {
        self.metrics.width(label, f * REF_SIZE, Weight::Bold) + 2.0 * f * REF_PAD
    }

    /// The longest head of `word` (at least one grapheme) that fits `room`.
    fn split_word(&self, word: &str, f: f32, weight: Weight, room: f32) -> (String, String) {
        let mut head = String::new();
        let mut used = 0.0;
        let mut split = word.len();
        for (i, g) in word.grapheme_indices(true) {
            let w = self.metrics.width(g, f, weight);
            if used + w > room && !head.is_empty() {
                split = i;
                break;
            }
            head.push_str(g);
            used += w;
        }
        (head, word[split..].to_owned())
    }
}

/// Splits a text into words to flow (controls already cleaned).
pub fn words(text: &str) -> Vec<Token> {
    text.split_whitespace()
        .map(|w| Token::Word(w.to_owned()))
        .collect()
}

/// Wraps a text into lines no wider than `width` (for the header and footer).
pub fn wrap_plain(
    metrics: &Metrics,
    text: &str,
    size: f32,
    weight: Weight,
    width: f32,
) -> Vec<String> {
    let area = Area {
        top: 0.0,
        bottom: f32::MAX / 4.0,
        shape: Shape::Rect {
            left: 0.0,
            right: width,
        },
    };
    let mut flow = Flow::new(area, metrics);
    let tokens = words(text);
    if tokens.is_empty() {
        return Vec::new();
    }
    let block = Block {
        tokens: &tokens,
        size,
        weight,
        gutter: 0.0,
        marker_height: 0.0,
    };
    flow.place(&block, 0.0)
        .map(|p| p.lines.into_iter().map(|l| l.text).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(w: f32, h: f32) -> Area {
        Area {
            top: 0.0,
            bottom: h,
            shape: Shape::Rect {
                left: 0.0,
                right: w,
            },
        }
    }

    #[test]
    fn words_wrap_at_spaces_by_measured_width() {
        let m = Metrics::new();
        let lines = wrap_plain(
            &m,
            "one two three four five six",
            10.0,
            Weight::Regular,
            60.0,
        );
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.join(" "), "one two three four five six");
        for l in &lines {
            assert!(m.width(l, 10.0, Weight::Regular) <= 60.0, "{l}");
        }
    }

    #[test]
    fn a_word_wider_than_the_line_breaks_between_graphemes() {
        let m = Metrics::new();
        let word = "Donaudampfschifffahrtsgesellschaftskapitän";
        let lines = wrap_plain(&m, word, 10.0, Weight::Regular, 80.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), word);
        for l in &lines {
            assert!(m.width(l, 10.0, Weight::Regular) <= 80.0, "{l}");
        }
    }

    #[test]
    fn a_block_that_does_not_fit_is_refused() {
        let m = Metrics::new();
        let mut flow = Flow::new(rect(100.0, 20.0), &m);
        let tokens = words("far too many words for a tiny box like this one");
        let block = Block {
            tokens: &tokens,
            size: 10.0,
            weight: Weight::Regular,
            gutter: 0.0,
            marker_height: 0.0,
        };
        assert!(flow.place(&block, 0.0).is_none());
    }

    #[test]
    fn lines_in_a_quarter_circle_stay_inside_it() {
        let m = Metrics::new();
        let (cx, cy, r) = (200.0, 200.0, 190.0);
        let area = Area {
            top: 10.0,
            bottom: 195.0,
            shape: Shape::Disc {
                cx,
                cy,
                r,
                side: Side::Left,
                gap: 5.0,
            },
        };
        let mut flow = Flow::new(area, &m);
        let tokens = words("a few words to an item, as most are");
        let block = Block {
            tokens: &tokens,
            size: 12.0,
            weight: Weight::Regular,
            gutter: 20.0,
            marker_height: 0.0,
        };
        let mut lines = Vec::new();
        for _ in 0..3 {
            lines.extend(flow.place(&block, 4.0).expect("fits").lines);
        }
        for line in &lines {
            let (x0, x1) = (line.x - 20.0, line.x + line.width);
            for (x, y) in [(x0, line.top), (x0, line.top + 12.0 * LINE)] {
                assert!((x - cx).hypot(y - cy) <= r + 0.01, "{line:?}");
            }
            assert!(x1 <= cx - 5.0 + 0.01);
        }
    }

    #[test]
    fn reference_tags_follow_the_words() {
        let m = Metrics::new();
        let mut flow = Flow::new(rect(400.0, 100.0), &m);
        let mut tokens = words("Polite reminders");
        tokens.push(Token::Ref("P1".into()));
        tokens.push(Token::Ref("P3".into()));
        let block = Block {
            tokens: &tokens,
            size: 10.0,
            weight: Weight::Regular,
            gutter: 0.0,
            marker_height: 0.0,
        };
        let placed = flow.place(&block, 0.0).expect("fits");
        assert_eq!(placed.lines.len(), 1);
        let line = &placed.lines[0];
        assert_eq!(line.text, "Polite reminders");
        let labels: Vec<&str> = line.refs.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["P1", "P3"]);
        assert!(line.refs[0].x > line.x + line.width);
    }
}

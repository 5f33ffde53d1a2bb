//! Splitting a rectangle by arithmetic, with the very rectangles ratatui's
//! `Layout` would give for the few shapes of split the screen uses.
//!
//! `Layout` solves a system of constraints (kasuari) for every split: at
//! start-up that solving was a fifth of drawing one frame of `show`. The
//! splits here are a few sums each. Where the area is too small for the fixed
//! sizes (the solver then decides which to shrink) they hand over to
//! `Layout` itself, so the rectangles are ratatui's in every case; the tests
//! compare both at every size.

use ratatui::layout::{Constraint, Direction, Layout, Rect};

/// One part of a [`lengths`] split: a fixed number of cells, or the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// `Constraint::Length(n)`.
    Fixed(u16),
    /// `Constraint::Min(1)`: whatever the fixed parts leave (at least 1).
    Rest,
}

/// The length of `area` along `direction`, and where it starts.
fn extent(area: Rect, direction: Direction) -> (u16, u16) {
    match direction {
        Direction::Horizontal => (area.x, area.width),
        Direction::Vertical => (area.y, area.height),
    }
}

/// The piece of `area` from `start` for `len` cells along `direction`.
fn piece(area: Rect, direction: Direction, start: u16, len: u16) -> Rect {
    match direction {
        Direction::Horizontal => Rect {
            x: start,
            width: len,
            ..area
        },
        Direction::Vertical => Rect {
            y: start,
            height: len,
            ..area
        },
    }
}

/// `Layout::new(direction, parts)` (fixed lengths and at most one rest)
/// split of `area`: fixed parts exactly, the rest to the one `Rest` (or
/// left over after the last part when there is none).
pub fn lengths<const N: usize>(area: Rect, direction: Direction, parts: [Part; N]) -> [Rect; N] {
    let (start, len) = extent(area, direction);
    let fixed: u32 = parts
        .iter()
        .map(|p| match p {
            Part::Fixed(n) => u32::from(*n),
            Part::Rest => 1,
        })
        .sum();
    let rests = parts.iter().filter(|p| **p == Part::Rest).count();
    if rests > 1 || fixed > u32::from(len) {
        let constraints = parts.map(|p| match p {
            Part::Fixed(n) => Constraint::Length(n),
            Part::Rest => Constraint::Min(1),
        });
        return Layout::new(direction, constraints).areas(area);
    }
    // The rest is what the fixed parts (and its own 1) leave, plus its 1.
    let rest = len - fixed as u16 + 1;
    let mut at = start;
    parts.map(|p| {
        let n = match p {
            Part::Fixed(n) => n,
            Part::Rest => rest,
        };
        let r = piece(area, direction, at, n);
        at += n;
        r
    })
}

/// `Layout::new(direction, [Percentage(p), Percentage(100 - p)])`: the
/// boundary at `p`% of the way, rounded half away from zero as ratatui does.
pub fn percent(area: Rect, direction: Direction, p: u16) -> [Rect; 2] {
    let (start, len) = extent(area, direction);
    let first = ((u32::from(len) * u32::from(p.min(100)) + 50) / 100) as u16;
    [
        piece(area, direction, start, first),
        piece(area, direction, start + first, len - first),
    ]
}

/// `Layout::vertical([Ratio(1, N); N])`: `N` rows as even as whole cells
/// allow, each boundary at its share of the way, rounded.
pub fn even_rows<const N: usize>(area: Rect) -> [Rect; N] {
    let (start, len) = extent(area, Direction::Vertical);
    let n = N as u32;
    let at = |k: u32| start + ((u32::from(len) * k * 2 + n) / (2 * n)) as u16;
    std::array::from_fn(|k| {
        let (from, to) = (at(k as u32), at(k as u32 + 1));
        piece(area, Direction::Vertical, from, to - from)
    })
}

/// `Layout::new(direction, [Length(n)]).flex(Flex::Center)`: `n` cells (cut
/// to fit) in the middle, an odd cell left over going before them.
pub fn center(area: Rect, direction: Direction, n: u16) -> Rect {
    let (start, len) = extent(area, direction);
    let n = n.min(len);
    piece(area, direction, start + (len - n).div_ceil(2), n)
}

#[cfg(test)]
#[path = "split_tests.rs"]
mod tests;

//! Every split gives ratatui's own rectangles, at every size a terminal has.

use ratatui::layout::{Constraint, Direction, Flex, Layout, Rect};

use super::*;

/// Where areas start: the screen's corner, and inside borders and boxes.
const STARTS: [u16; 4] = [0, 1, 2, 37];

/// Areas of every length up to 300 cells along `direction`, then a sample
/// up to 20,000, at each start, with a cross size that does not matter but
/// must be kept.
fn areas(direction: Direction) -> impl Iterator<Item = Rect> {
    let lens = (0..=300).chain((301..20_000).step_by(997));
    STARTS.into_iter().flat_map(move |s| {
        lens.clone().map(move |len| match direction {
            Direction::Horizontal => Rect::new(s, 3, len, 7),
            Direction::Vertical => Rect::new(3, s, 7, len),
        })
    })
}

fn solved<const N: usize>(area: Rect, direction: Direction, c: [Constraint; N]) -> [Rect; N] {
    Layout::new(direction, c).areas(area)
}

#[test]
fn lengths_with_a_rest_match_the_solver() {
    use Part::{Fixed, Rest};
    for area in areas(Direction::Vertical) {
        // The editor's frame: header, canvas, detail, footer.
        for header in [1, 2, 5] {
            for detail in [1, 2, 3, 7, 12] {
                let got = lengths(
                    area,
                    Direction::Vertical,
                    [Fixed(header), Rest, Fixed(detail), Fixed(1)],
                );
                let want = solved(
                    area,
                    Direction::Vertical,
                    [
                        Constraint::Length(header),
                        Constraint::Min(1),
                        Constraint::Length(detail),
                        Constraint::Length(1),
                    ],
                );
                assert_eq!(got, want, "{area:?} header {header} detail {detail}");
            }
        }
        for n in 0..=4 {
            let got = lengths(area, Direction::Vertical, [Rest, Fixed(n)]);
            let want = solved(
                area,
                Direction::Vertical,
                [Constraint::Min(1), Constraint::Length(n)],
            );
            assert_eq!(got, want, "{area:?} rest then {n}");
            let got = lengths(area, Direction::Vertical, [Fixed(n), Rest]);
            let want = solved(
                area,
                Direction::Vertical,
                [Constraint::Length(n), Constraint::Min(1)],
            );
            assert_eq!(got, want, "{area:?} {n} then rest");
        }
        let got = lengths(
            area,
            Direction::Vertical,
            [Fixed(1), Fixed(2), Rest, Fixed(1)],
        );
        let want = solved(
            area,
            Direction::Vertical,
            [
                Constraint::Length(1),
                Constraint::Length(2),
                Constraint::Min(1),
                Constraint::Length(1),
            ],
        );
        assert_eq!(got, want, "{area:?} library");
    }
}

#[test]
fn lengths_without_a_rest_match_the_solver() {
    use Part::Fixed;
    for area in areas(Direction::Vertical) {
        for a in [0, 1, area.height.saturating_sub(1), area.height, 5, 40] {
            let got = lengths(area, Direction::Vertical, [Fixed(a), Fixed(1)]);
            let want = solved(
                area,
                Direction::Vertical,
                [Constraint::Length(a), Constraint::Length(1)],
            );
            assert_eq!(got, want, "{area:?} {a} and 1");
        }
    }
}

#[test]
fn percentages_match_the_solver() {
    for direction in [Direction::Horizontal, Direction::Vertical] {
        for area in areas(direction) {
            for p in [38, 50, 68] {
                let want = solved(
                    area,
                    direction,
                    [Constraint::Percentage(p), Constraint::Percentage(100 - p)],
                );
                assert_eq!(percent(area, direction, p), want, "{area:?} {p}%");
            }
        }
    }
}

#[test]
fn even_rows_match_the_solver() {
    for area in areas(Direction::Vertical) {
        let want = solved(area, Direction::Vertical, [Constraint::Ratio(1, 5); 5]);
        assert_eq!(even_rows::<5>(area), want, "{area:?}");
    }
}

#[test]
fn centring_matches_the_solver() {
    for direction in [Direction::Horizontal, Direction::Vertical] {
        for area in areas(direction) {
            let len = if direction == Direction::Horizontal {
                area.width
            } else {
                area.height
            };
            for n in [0, 1, 2, 3, 10, 11, 90, len.saturating_sub(1), len, len + 1] {
                let [want] = Layout::new(direction, [Constraint::Length(n.min(len))])
                    .flex(Flex::Center)
                    .areas(area);
                assert_eq!(center(area, direction, n), want, "{area:?} {n}");
            }
        }
    }
}

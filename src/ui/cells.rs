//! Writing into a buffer's cells by their place in its list, as ratatui
//! does, without finding each cell by its (x, y) afresh.
//!
//! `Buffer::set_style` and a `Line`'s drawing look every cell up by its
//! coordinates (a bounds check and a multiplication each) and take every
//! grapheme through the segmenter; most of what the canvas draws is printable
//! ASCII, one byte to a cell. These give the very cells ratatui would (the
//! tests draw both ways and compare), and hand anything else to ratatui.

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// The cells of row `y` of `buf` from `x` for `width` cells (all inside it).
fn row(buf: &mut Buffer, x: u16, y: u16, width: u16) -> &mut [Cell] {
    let stride = usize::from(buf.area.width);
    let start = usize::from(y - buf.area.y) * stride + usize::from(x - buf.area.x);
    &mut buf.content[start..start + usize::from(width)]
}

/// `buf.set_style(area, style)`.
pub fn set_style(buf: &mut Buffer, area: Rect, style: Style) {
    let area = buf.area.intersection(area);
    if area.is_empty() {
        return;
    }
    for y in area.top()..area.bottom() {
        for cell in row(buf, area.x, y, area.width) {
            cell.set_style(style);
        }
    }
}

/// A span's width in cells, as ratatui counts it, and whether it is all
/// printable ASCII (a byte to a cell).
fn span_width(span: &Span<'_>) -> (usize, bool) {
    if crate::text::is_printable_ascii(&span.content) {
        (span.content.len(), true)
    } else {
        (span.width(), false)
    }
}

/// `line.render(area, buf)`.
pub fn draw_line(line: &Line<'_>, area: Rect, buf: &mut Buffer) {
    if !matches!(line.alignment, None | Some(Alignment::Left)) {
        line.render(area, buf);
        return;
    }
    let area = area.intersection(buf.area);
    if area.is_empty() || line.spans.iter().all(|s| span_width(s).0 == 0) {
        return;
    }
    let mut area = Rect { height: 1, ..area };
    set_style(buf, area, line.style);
    for span in &line.spans {
        let (width, plain) = span_width(span);
        if width == 0 {
            continue;
        }
        if area.is_empty() {
            break;
        }
        if plain {
            let text = span.content.as_ref();
            let cells = row(buf, area.x, area.y, area.width);
            for (i, cell) in cells.iter_mut().take(text.len()).enumerate() {
                cell.set_symbol(&text[i..=i]).set_style(span.style);
            }
        } else {
            span.render(area, buf);
        }
        // On to the next span's place, as ratatui moves on (by the width).
        let step = u16::try_from(width).unwrap_or(u16::MAX);
        area = Rect {
            x: area.x.saturating_add(step),
            width: area.width.saturating_sub(step),
            ..area
        };
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use ratatui::style::{Color, Modifier};

    use super::*;

    fn style() -> impl Strategy<Value = Style> {
        (0u8..4, 0u8..4, 0u16..4, 0u16..2).prop_map(|(fg, bg, add, sub)| {
            let color = |n| {
                [
                    None,
                    Some(Color::Red),
                    Some(Color::Blue),
                    Some(Color::Reset),
                ][n]
            };
            let mut s = Style::new();
            s.fg = color(usize::from(fg));
            s.bg = color(usize::from(bg));
            s.add_modifier = Modifier::from_bits_truncate(add);
            s.sub_modifier = Modifier::from_bits_truncate(sub * 2);
            s
        })
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "a",
                "Z",
                " ",
                "~",
                "…",
                "é",
                "e\u{301}",
                "日本",
                "👩\u{200d}💻",
                "\u{200b}",
                "·",
                "",
            ]),
            0..8,
        )
        .prop_map(|parts| parts.concat())
    }

    fn line() -> impl Strategy<Value = Line<'static>> {
        (
            prop::collection::vec((text(), style()), 0..5),
            style(),
            0u8..4,
        )
            .prop_map(|(spans, st, align)| {
                let mut l = Line::from(
                    spans
                        .into_iter()
                        .map(|(t, s)| Span::styled(t, s))
                        .collect::<Vec<_>>(),
                )
                .style(st);
                l.alignment = [
                    None,
                    Some(Alignment::Left),
                    Some(Alignment::Center),
                    Some(Alignment::Right),
                ][usize::from(align)];
                l
            })
    }

    /// A buffer already drawn on, so overwriting shows.
    fn buffer() -> Buffer {
        let mut buf = Buffer::empty(Rect::new(2, 1, 14, 4));
        buf.set_string(
            2,
            2,
            "old text here, wide 日本",
            Style::new().fg(Color::Green),
        );
        buf
    }

    fn area() -> impl Strategy<Value = Rect> {
        (0u16..18, 0u16..6, 0u16..20, 0u16..3).prop_map(|(x, y, w, h)| Rect::new(x, y, w, h))
    }

    proptest! {
        #[test]
        fn a_line_is_drawn_as_ratatui_draws_it(l in line(), at in area()) {
            let (mut ours, mut theirs) = (buffer(), buffer());
            draw_line(&l, at, &mut ours);
            l.render(at, &mut theirs);
            prop_assert_eq!(ours, theirs);
        }

        #[test]
        fn a_style_is_set_as_ratatui_sets_it(s in style(), at in area()) {
            let (mut ours, mut theirs) = (buffer(), buffer());
            set_style(&mut ours, at, s);
            theirs.set_style(at, s);
            prop_assert_eq!(ours, theirs);
        }
    }
}

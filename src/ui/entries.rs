//! Lists in overlays drawn as the canvas draws its items: each entry's
//! words wrapped whole beside its prefix (a marker, a noun, a tick), the
//! continuation lines under the words; the selected entry always whole in
//! view. And the one wrapping text field, shared by the item editor, the
//! notes and the statement: the whole sentence being typed is visible.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::app::TextField;
use crate::text::wrap;

use super::text;

/// One entry of a list: its prefix, then its words (cleaned when drawn),
/// or a field being typed in its place.
pub struct Entry<'a> {
    pub prefix: Vec<Span<'static>>,
    pub words: String,
    pub style: Style,
    pub field: Option<&'a TextField>,
}

impl<'a> Entry<'a> {
    pub fn new(prefix: Vec<Span<'static>>, words: &str, style: Style) -> Self {
        Self {
            prefix,
            words: text::safe(words),
            style,
            field: None,
        }
    }

    /// The field typed in this entry's place, after `prefix`.
    pub fn typing(prefix: Vec<Span<'static>>, field: &'a TextField) -> Self {
        Self {
            prefix,
            words: String::new(),
            style: Style::new(),
            field: Some(field),
        }
    }

    fn indent(&self) -> usize {
        self.prefix.iter().map(|s| text::width(&s.content)).sum()
    }

    /// The width its words wrap at in a list `width` wide.
    fn room(&self, width: usize) -> usize {
        width.saturating_sub(self.indent() + 1).max(1)
    }

    /// Rows it takes in a list `width` wide.
    pub fn height(&self, width: usize) -> usize {
        let room = self.room(width);
        match self.field {
            Some(f) => f.cursor_rows(room),
            None => wrap::line_count(&self.words, room).max(1),
        }
    }

    /// Its lines in a list `width` wide: the prefix, then the words; the
    /// continuation lines indented under the words.
    pub fn lines(&self, width: usize) -> Vec<Line<'static>> {
        let indent = self.indent();
        let mut first = Some(self.prefix.clone());
        let words = wrap::lines(&self.words, self.room(width));
        let words = if words.is_empty() { vec![""] } else { words };
        words
            .into_iter()
            .map(|line| {
                let mut spans = first
                    .take()
                    .unwrap_or_else(|| vec![Span::raw(" ".repeat(indent))]);
                spans.push(Span::styled(line.to_owned(), self.style));
                Line::from(spans)
            })
            .collect()
    }
}

/// Draws `entries` in `area`, scrolled just far enough that `selected` is
/// whole (from its top when taller than the area), highlighted in
/// `highlight`. Returns the text cursor when an entry is a field.
pub fn draw(
    entries: &[Entry<'_>],
    selected: Option<usize>,
    highlight: Style,
    area: Rect,
    buf: &mut Buffer,
) -> Option<(u16, u16)> {
    let (width, rows) = (usize::from(area.width), usize::from(area.height));
    if entries.is_empty() || width == 0 || rows == 0 {
        return None;
    }
    let height = |i: usize| entries[i].height(width);
    let keep = selected.unwrap_or(0).min(entries.len() - 1);
    let scroll = crate::layout::scroll_rows(0, keep, rows, entries.len(), 0, &height);
    let mut y = area.y;
    let mut cursor = None;
    for (i, entry) in entries.iter().enumerate().skip(scroll) {
        if y >= area.bottom() {
            break;
        }
        let h = crate::layout::cells(height(i)).min(area.bottom() - y);
        let rect = Rect {
            y,
            height: h,
            ..area
        };
        let chosen = selected == Some(i);
        if chosen {
            super::cells::set_style(buf, rect, highlight);
        }
        match entry.field {
            Some(f) => {
                Line::from(entry.prefix.clone()).render(rect, buf);
                // Taller than the room left: the cursor's line stays in view.
                let room = entry.room(width);
                let (line, _) = f.position(room);
                let at = FieldAt {
                    x: crate::layout::cells(entry.indent()),
                    width: room,
                    skip: (line + 1).saturating_sub(usize::from(h)),
                };
                cursor = field(f, rect, at, highlight, buf);
            }
            None => {
                for (row, mut line) in entry
                    .lines(width)
                    .into_iter()
                    .take(usize::from(h))
                    .enumerate()
                {
                    if chosen {
                        line = line.style(highlight);
                    }
                    line.render(
                        Rect {
                            y: y + crate::layout::cells(row),
                            height: 1,
                            ..rect
                        },
                        buf,
                    );
                }
            }
        }
        y += h;
    }
    cursor
}

/// Where a field is drawn: from column `x` of its area (relative to the
/// area), wrapped at `width` cells, its first `skip` lines scrolled away.
#[derive(Clone, Copy)]
pub struct FieldAt {
    pub x: u16,
    pub width: usize,
    pub skip: usize,
}

/// The one wrapping text field (the item editor's, the notes', the
/// statement's): `f`'s text wrapped as `at` says, in `style`. Returns
/// where the cursor goes.
pub fn field(
    f: &TextField,
    area: Rect,
    at: FieldAt,
    style: Style,
    buf: &mut Buffer,
) -> Option<(u16, u16)> {
    let FieldAt { x, width, skip } = at;
    let width = width.max(1);
    let left = area.x + x;
    // Only the lines in view: the field keeps its lines from key to key.
    let shown = f.shown_lines(width, skip, usize::from(area.height));
    for (row, line) in shown.into_iter().enumerate() {
        buf.set_stringn(left, area.y + crate::layout::cells(row), line, width, style);
    }
    let (line, col) = f.position(width);
    let row = line
        .checked_sub(skip)
        .filter(|r| *r < usize::from(area.height))?;
    let cx = left + crate::layout::cells(col);
    (cx < area.right()).then_some((cx, area.y + crate::layout::cells(row)))
}

//! The evidence overlays: an item's notes, and what to test next.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::{Action, App, NotesView};
use crate::input::keymap::Context;

use super::canvas_view::level_dots;
use super::overlay::{frame, typed_line};
use super::{hint_text, status_marker, text};

/// The selected item's evidence notes, one per row; returns the text cursor
/// when a note is being typed.
pub fn notes(app: &App, view: &NotesView, area: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
    let rect = app.overlay_area(area)?;
    let inner = frame(app, rect, " Evidence notes ", &notes_hints(view), buf);
    if inner.height < 3 {
        return None;
    }
    let (section, item) = app.notes_item()?;
    let t = app.active_theme();
    let head = Line::from(vec![
        Span::styled(
            format!("{} {} · ", section.noun(), item.status.name()),
            t.key,
        ),
        Span::styled(format!("“{}”", text::safe(&item.text)), t.header),
    ]);
    Paragraph::new(head)
        .wrap(Wrap { trim: true })
        .render(Rect { height: 2, ..inner }, buf);
    let list = Rect {
        y: inner.y + 2,
        height: inner.height - 2,
        ..inner
    };
    note_rows(app, view, &item.evidence, list, buf)
}

/// The notes view's bottom line: its keys, from the key table.
fn notes_hints(view: &NotesView) -> String {
    if view.field.is_some() {
        hint_text(
            Context::Text,
            &[(Action::Confirm, "keep"), (Action::Cancel, "cancel")],
        )
    } else {
        hint_text(
            Context::Notes,
            &[
                (Action::Add, "add"),
                (Action::Edit, "edit"),
                (Action::Delete, "delete"),
                (Action::Cancel, "close"),
            ],
        )
    }
}

/// The notes one per row, with the one being typed in its place (a new one
/// below the cursor), scrolled to the highlighted row; returns the cursor.
fn note_rows(
    app: &App,
    view: &NotesView,
    notes: &[String],
    list: Rect,
    buf: &mut Buffer,
) -> Option<(u16, u16)> {
    let t = app.active_theme();
    let mut rows: Vec<Option<&str>> = notes.iter().map(|n| Some(n.as_str())).collect();
    // Where a new note is typed: below the cursor.
    let new_at = view.field.as_ref().filter(|f| f.index.is_none()).map(|_| {
        if rows.is_empty() {
            0
        } else {
            (view.cursor + 1).min(rows.len())
        }
    });
    if let Some(at) = new_at {
        rows.insert(at, None);
    }
    if rows.is_empty() {
        let msg = " No notes yet: what was heard, seen or measured, and where?";
        Paragraph::new(Span::styled(msg, t.dim))
            .wrap(Wrap { trim: true })
            .render(list, buf);
        return None;
    }
    let editing_row = new_at.or_else(|| view.field.as_ref().and_then(|f| f.index));
    let highlight = editing_row.unwrap_or(view.cursor);
    let n = usize::from(list.height);
    let scroll = crate::layout::scroll_to_show(0, highlight, n, rows.len());
    let mut cursor = None;
    for (row, note) in rows.iter().enumerate().skip(scroll).take(n) {
        let y = list.y + (row - scroll) as u16;
        let row_area = Rect {
            y,
            height: 1,
            ..list
        };
        if Some(row) == editing_row
            && let Some(field) = &view.field
        {
            cursor = typed_line(app, &field.field, row_area, buf);
            continue;
        }
        let prefix = " • ";
        let room = usize::from(list.width).saturating_sub(text::width(prefix));
        let mut line = Line::from(vec![
            Span::styled(prefix, t.key),
            Span::styled(text::truncate(note.unwrap_or_default(), room), t.item),
        ]);
        if row == highlight {
            line = line.style(t.selected);
            buf.set_style(row_area, t.selected);
        }
        line.render(row_area, buf);
    }
    cursor
}

/// The riskiest assumptions, highest-weighted first, to jump to.
pub fn test_next(app: &App, at: usize, area: Rect, buf: &mut Buffer) {
    let t = app.active_theme();
    let Some(rect) = app.overlay_area(area) else {
        return;
    };
    let hints = hint_text(
        Context::TestNext,
        &[(Action::Confirm, "go to"), (Action::Cancel, "close")],
    );
    let inner = frame(app, rect, " What to test next ", &hints, buf);
    if inner.height == 0 {
        return;
    }
    let risks = &app.fit().test_next;
    Paragraph::new(Span::styled(
        text::truncate(
            " The riskiest assumptions first: neither validated nor invalidated yet",
            usize::from(inner.width),
        ),
        t.dim,
    ))
    .render(Rect { height: 1, ..inner }, buf);
    let list = Rect {
        y: inner.y + 1,
        height: inner.height.saturating_sub(1),
        ..inner
    };
    let n = usize::from(list.height);
    let scroll = crate::layout::scroll_to_show(0, at, n, risks.len());
    let noun_width = risks
        .iter()
        .map(|r| text::width(r.section.noun()))
        .max()
        .unwrap_or(0);
    for (row, risk) in risks.iter().enumerate().skip(scroll).take(n) {
        let y = list.y + (row - scroll) as u16;
        let Some(item) = app.canvas().item(risk.id) else {
            continue;
        };
        let level = if risk.section.has_level() {
            format!("{} ", level_dots(item.level))
        } else {
            "    ".to_owned()
        };
        let prefix = format!(
            " {} {level}{:<noun_width$} ",
            status_marker(app, item.status),
            risk.section.noun()
        );
        let room = usize::from(list.width).saturating_sub(text::width(&prefix));
        let mut line = Line::from(vec![
            Span::styled(prefix, t.level),
            Span::styled(text::truncate(&text::safe(&item.text), room), t.item),
        ]);
        let row_area = Rect {
            y,
            height: 1,
            ..list
        };
        if row == at {
            line = line.style(t.selected);
            buf.set_style(row_area, t.selected);
        }
        line.render(row_area, buf);
    }
}

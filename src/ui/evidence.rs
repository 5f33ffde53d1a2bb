//! The evidence overlays: an item's notes, and what to test next.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::{Action, App, NotesView};
use crate::input::keymap::Context;

use super::canvas_view::level_dots;
use super::entries::{self, Entry};
use super::overlay::frame;
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
    // The item, whole, above its notes (the notes keep two rows at least).
    let head = Entry::new(
        vec![Span::styled(
            format!("{} {} · ", section.noun(), item.status.name()),
            t.key,
        )],
        &format!("“{}”", item.text),
        t.header,
    );
    let width = usize::from(inner.width);
    let rows = crate::layout::cells(head.height(width) + 1).min(inner.height - 2);
    for (row, line) in head
        .lines(width)
        .into_iter()
        .enumerate()
        .take(usize::from(rows))
    {
        let y = inner.y + crate::layout::cells(row);
        line.render(
            Rect {
                y,
                height: 1,
                ..inner
            },
            buf,
        );
    }
    let list = Rect {
        y: inner.y + rows,
        height: inner.height - rows,
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

/// The notes, each wrapped whole, with the one being typed in its place (a
/// new one below the cursor), scrolled to the highlighted one; returns the
/// cursor.
fn note_rows(
    app: &App,
    view: &NotesView,
    notes: &[String],
    list: Rect,
    buf: &mut Buffer,
) -> Option<(u16, u16)> {
    let t = app.active_theme();
    let mut rows: Vec<Entry<'_>> = notes
        .iter()
        .map(|n| Entry::new(vec![Span::styled(" • ", t.key)], n, t.item))
        .collect();
    // Where a new note is typed: below the cursor.
    let new_at = view.field.as_ref().filter(|f| f.index.is_none()).map(|_| {
        if rows.is_empty() {
            0
        } else {
            (view.cursor + 1).min(rows.len())
        }
    });
    let editing_row = new_at.or_else(|| view.field.as_ref().and_then(|f| f.index));
    if let (Some(at), Some(field)) = (editing_row, &view.field) {
        let typing = Entry::typing(vec![Span::styled(" › ", t.cursor_row)], &field.field);
        if new_at.is_some() {
            rows.insert(at.min(rows.len()), typing);
        } else if let Some(row) = rows.get_mut(at) {
            *row = typing;
        }
    }
    if rows.is_empty() {
        let msg = " No notes yet: what was heard, seen or measured, and where?";
        Paragraph::new(Span::styled(msg, t.dim))
            .wrap(Wrap { trim: true })
            .render(list, buf);
        return None;
    }
    let (highlight, style) = match editing_row {
        Some(row) => (row, t.cursor_row),
        None => (view.cursor, t.selected),
    };
    entries::draw(&rows, Some(highlight), style, list, buf)
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
    let noun_width = risks
        .iter()
        .map(|r| text::width(r.section.noun()))
        .max()
        .unwrap_or(0);
    let rows: Vec<Entry<'_>> = risks
        .iter()
        .filter_map(|risk| {
            let item = app.canvas().item(risk.id)?;
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
            Some(Entry::new(
                vec![Span::styled(prefix, t.level)],
                &item.text,
                t.item,
            ))
        })
        .collect();
    entries::draw(&rows, Some(at), t.selected, list, buf);
}

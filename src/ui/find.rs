//! The find dialog (`/`): what is typed, then what holds it (items, notes,
//! alternatives, statements, cards).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::app::{Action, App, FindView};
use crate::input::keymap::Context;

use super::entries::{self, Entry};
use super::overlay::frame;
use super::{hint_text, text};

/// Draws the dialog; returns where the text cursor goes (after the query).
pub fn draw(app: &App, view: &FindView, area: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
    let rect = app.overlay_area(area)?;
    let hints = hint_text(
        Context::Find,
        &[
            (Action::Up, "previous"),
            (Action::Down, "next"),
            (Action::Confirm, "go there"),
            (Action::Cancel, "close"),
        ],
    );
    let inner = frame(app, rect, " Find ", &hints, buf);
    if inner.height == 0 || inner.width < 4 {
        return None;
    }
    let t = app.active_theme();
    let width = usize::from(inner.width);
    let prompt = " Find: ";
    let (shown, cursor) = text::window(
        view.query.text(),
        view.query.cursor_column(),
        width.saturating_sub(prompt.len() + 1),
    );
    Line::from(vec![
        Span::styled(prompt, t.key),
        Span::styled(shown, t.item),
    ])
    .render(Rect { height: 1, ..inner }, buf);
    let cursor_at = (
        inner.x
            + u16::try_from(prompt.len() + cursor)
                .unwrap_or(inner.width - 1)
                .min(inner.width - 1),
        inner.y,
    );
    let list = Rect {
        y: inner.y + 2.min(inner.height),
        height: inner.height.saturating_sub(2),
        ..inner
    };
    matches(app, view, list, buf);
    Some(cursor_at)
}

/// What holds the text typed, one per row (what it is, then its text), the
/// chosen one marked; or a line saying why there is nothing.
fn matches(app: &App, view: &FindView, list: Rect, buf: &mut Buffer) {
    let t = app.active_theme();
    let width = usize::from(list.width);
    let matches = &view.matches;
    let query = view.query.text();
    let note = if query.trim().is_empty() {
        Some("Type to find text in items, notes, alternatives, statements and cards".to_owned())
    } else if matches.is_empty() {
        Some("Nothing on the canvas says that".to_owned())
    } else {
        None
    };
    if let Some(note) = note {
        Span::styled(text::truncate(&format!(" {note}"), width), t.dim).render(
            Rect {
                height: 1.min(list.height),
                ..list
            },
            buf,
        );
        return;
    }
    // What each match is, and its words (one row per match, so the rows
    // stay in step with the cursor).
    let found: Vec<(String, String)> = matches
        .iter()
        .map(|f| app.found_words(*f, query).unwrap_or_default())
        .collect();
    // The kinds column is as wide as the widest, within a third.
    let what_width = found
        .iter()
        .map(|(what, _)| text::width(what))
        .max()
        .unwrap_or(0)
        .min(width / 3);
    // Each match wrapped whole, as the canvas draws it.
    let rows: Vec<Entry<'_>> = found
        .iter()
        .map(|(what, words)| {
            let what = text::truncate(&text::safe(what), what_width);
            let prefix = format!(" {what:<what_width$}  ");
            Entry::new(vec![Span::styled(prefix, t.level)], words, t.item)
        })
        .collect();
    entries::draw(&rows, Some(view.cursor), t.selected, list, buf);
}

//! Drawing the library: a table of canvases with their fit at a glance.

use std::time::SystemTime;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Direction, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::Action;
use crate::input::Context;
use crate::input::keymap::{hint_rows, key_for};
use crate::layout::split::{
    self,
    Part::{Fixed, Rest},
};
use crate::text;

use super::{Library, LibraryMode};

/// What the library's help lists: its keys, then what typing does.
const LIBRARY_HELP: [Context; 3] = [Context::Library, Context::Trash, Context::Confirm];
const LIBRARY_NOTES: [&str; 2] = [
    "Typing filters the list by name, title or segment.",
    "Deleted canvases wait in trash/ in the data folder until restored.",
];

/// How many lines the library's help has: what its scroll is clamped to.
pub(super) fn help_line_count() -> usize {
    crate::ui::help_lines(
        &LIBRARY_HELP,
        &LIBRARY_NOTES,
        &crate::theme::Theme::default(),
    )
    .len()
}

/// The key for `action` where `context` applies, as the key table names it.
fn key(context: Context, action: &Action) -> String {
    key_for(context, action)
}

/// Draws the library screen.
pub fn render(lib: &Library, frame: &mut Frame) {
    let area = frame.area();
    if area.width < 20 || area.height < 6 {
        Paragraph::new("terminal too small").render(area, frame.buffer_mut());
        return;
    }
    let t = &lib.theme;
    let [header, filter, table, footer] = split::lengths(
        area,
        Direction::Vertical,
        [Fixed(1), Fixed(2), Rest, Fixed(1)],
    );
    let buf = frame.buffer_mut();
    let head = if lib.viewing_trash {
        format!(
            " vpcanvas — the trash · {} ({} restores)",
            lib.dir.join("trash").display(),
            key(Context::Trash, &Action::Confirm)
        )
    } else {
        format!(" vpcanvas — your canvases · {}", lib.dir.display())
    };
    Paragraph::new(Span::styled(
        text::truncate(&head, usize::from(area.width)),
        t.title,
    ))
    .render(header, buf);

    let cursor = filter_line(lib, filter, buf);
    table_view(lib, table, buf);
    footer_line(lib, footer, area.width, buf);
    if let Some((x, y)) = cursor
        && x < area.right()
    {
        frame.set_cursor_position((x, y));
    }
    if let LibraryMode::Help { scroll } = lib.mode {
        let lines = crate::ui::help_lines(&LIBRARY_HELP, &LIBRARY_NOTES, t);
        let rect = crate::layout::help_area(area);
        crate::ui::draw_help(lines, scroll, t, rect, frame.buffer_mut());
    }
}

/// The filter, the name being typed, or the delete question.
fn filter_line(lib: &Library, filter: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
    let t = &lib.theme;
    // The filter line, or the name being typed.
    let (label, field) = match &lib.mode {
        LibraryMode::Name(prompt, field) => (format!(" {}: ", prompt.label()), Some(field)),
        LibraryMode::Segment { name, field } => (
            format!(" Customer segment for “{}”: ", text::safe(name)),
            Some(field),
        ),
        LibraryMode::ConfirmDelete => {
            let name = lib
                .selected_canvas()
                .map(|c| c.name.clone())
                .unwrap_or_default();
            (
                format!(
                    " Delete “{}”? It goes to trash/ in the data folder. {} / {} ",
                    text::safe(&name),
                    key(Context::Confirm, &Action::Confirm),
                    key(Context::Confirm, &Action::Cancel)
                ),
                None,
            )
        }
        LibraryMode::Browse | LibraryMode::Help { .. } => {
            (" Filter: ".to_owned(), Some(&lib.filter))
        }
    };
    let filter_line = Rect {
        height: 1,
        ..filter
    };
    match field {
        Some(f) => {
            let room = usize::from(filter.width).saturating_sub(text::width(&label));
            let (shown, col) = text::window(f.text(), f.cursor_column(), room);
            let hint = if f.text().is_empty() && matches!(lib.mode, LibraryMode::Browse) {
                Span::styled("type to filter by name, title or segment", t.dim)
            } else {
                Span::raw(shown)
            };
            Paragraph::new(Line::from(vec![Span::styled(label.clone(), t.key), hint]))
                .render(filter_line, buf);
            Some((
                filter
                    .x
                    .saturating_add(crate::layout::cells(text::width(&label) + col)),
                filter.y,
            ))
        }
        None => {
            Paragraph::new(Span::styled(label, t.status_warning)).render(filter_line, buf);
            None
        }
    }
}

/// The table's columns: their widths and headings.
const COLUMN_WIDTHS: [usize; 9] = [20, 24, 18, 5, 6, 6, 9, 9, 11];
const COLUMN_HEADS: [&str; 9] = [
    "NAME",
    "TITLE",
    "SEGMENT",
    "ITEMS",
    "PAINS!",
    "GAINS!",
    "FIT P·G",
    "PROOF P·G",
    "CHANGED",
];

/// The table of canvases.
fn table_view(lib: &Library, table: Rect, buf: &mut Buffer) {
    let t = &lib.theme;
    let visible = lib.visible();
    let (widths, heads) = (COLUMN_WIDTHS, COLUMN_HEADS);
    let row_text = |cells: [String; 9]| -> String {
        let mut s = String::from(" ");
        for (cell, w) in cells.iter().zip(widths) {
            let cell = text::truncate(cell, w);
            s.push_str(&cell);
            s.push_str(&" ".repeat(w.saturating_sub(text::width(&cell)) + 1));
        }
        s
    };
    let mut lines = vec![Line::from(Span::styled(
        row_text(heads.map(str::to_owned)),
        t.section_title,
    ))];
    if visible.is_empty() {
        let keys = |a| key(Context::Library, &a);
        let msg = if lib.viewing_trash {
            " The trash is empty.".to_owned()
        } else if lib.canvases.is_empty() {
            format!(
                " No canvases yet. {} creates one, {} one from the example.",
                keys(Action::NewCanvas),
                keys(Action::NewFromExample)
            )
        } else {
            format!(
                " Nothing matches the filter ({} clears it).",
                keys(Action::Cancel)
            )
        };
        lines.push(Line::from(Span::styled(msg, t.dim)));
    }
    let rows = usize::from(table.height.saturating_sub(1));
    let scroll = crate::layout::scroll_to_show(0, lib.selected, rows, visible.len());
    for (i, c) in visible.iter().enumerate().skip(scroll).take(rows) {
        let cells = row_cells(c, lib.now);
        let mut line = Line::from(row_text(cells));
        if i == lib.selected {
            line = line.style(t.selected);
        } else if c.error.is_some() {
            line = line.style(t.status_warning);
        }
        lines.push(line);
    }
    Paragraph::new(lines).render(table, buf);
}

/// One canvas's cells, in the table's column order.
fn row_cells(c: &crate::library::Summary, now: std::time::SystemTime) -> [String; 9] {
    match &c.error {
        None if c.unread => [
            c.name.clone(),
            "reading…".to_owned(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            ago(c.modified, now),
        ],
        None => [
            c.name.clone(),
            c.title.clone(),
            c.segment.clone(),
            c.items.to_string(),
            mark(c.open_pains),
            mark(c.open_gains),
            crate::export::coverage_pair(c.coverage),
            crate::export::coverage_pair(c.coverage_evidenced),
            ago(c.modified, now),
        ],
        Some(e) => [
            c.name.clone(),
            format!("cannot be read: {e}"),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            ago(c.modified, now),
        ],
    }
}

/// The status message, or the key hints.
fn footer_line(lib: &Library, footer: Rect, width: u16, buf: &mut Buffer) {
    let t = &lib.theme;
    let left = match &lib.status {
        Some(s) => crate::ui::status_line(
            s,
            crate::input::keymap::Context::Library,
            t,
            usize::from(width),
        ),
        None => {
            let ctx = lib.key_context();
            let mut spans = Vec::new();
            for (key, help, action) in hint_rows(ctx) {
                // Opened from a canvas, leaving goes back to it rather than quit.
                let help = if action == Action::Cancel && lib.origin.is_some() {
                    "back"
                } else {
                    help
                };
                spans.push(Span::styled(format!(" {key}"), t.key));
                spans.push(Span::styled(format!(" {help} "), t.dim));
            }
            Line::from(spans)
        }
    };
    Paragraph::new(left).render(footer, buf);
}

/// A count with a `!` when it is not zero, readable without colour.
fn mark(n: usize) -> String {
    if n == 0 {
        "0".to_owned()
    } else {
        format!("{n} !")
    }
}

/// "just now", "5 min ago", "3 h ago", "2 days ago".
pub fn ago(modified: Option<SystemTime>, now: SystemTime) -> String {
    let Some(m) = modified else {
        return String::new();
    };
    let secs = now.duration_since(m).map_or(0, |d| d.as_secs());
    match secs {
        0..60 => "just now".to_owned(),
        60..3600 => format!("{} min ago", secs / 60),
        3600..86_400 => format!("{} h ago", secs / 3600),
        _ => format!("{} days ago", secs / 86_400),
    }
}

//! The list of pairs a git merge left open: each pair's two versions, the
//! chosen pair highlighted, the keys to keep ours, theirs or both.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::{App, MergeView};
use crate::canvas::{Conflict, HeaderConflict};
use crate::input::keymap::{Context, hints};

use super::entries::Entry;
use super::overlay::frame;
use super::text;

/// Draws the open merge conflicts over the canvas.
pub fn conflicts(app: &App, view: MergeView, area: Rect, buf: &mut Buffer) {
    let Some(rect) = app.overlay_area(area) else {
        return;
    };
    let keys = hints(Context::Merge)
        .into_iter()
        .map(|(k, h)| format!("{k} {h}"))
        .collect::<Vec<_>>()
        .join(" · ");
    let pairs = app.conflicts();
    let headers = app.header_conflicts();
    let title = match pairs.len() + headers.len() {
        1 => " 1 merge conflict: both sides changed this ".to_owned(),
        n => format!(" {n} merge conflicts: both sides changed these "),
    };
    let inner = frame(app, rect, &title, &format!(" {keys} "), buf);
    if inner.height == 0 || inner.width < 12 {
        return;
    }
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let cursor = view
        .cursor
        .min((pairs.len() + headers.len()).saturating_sub(1));
    let blocks: Vec<Vec<Line>> = pairs
        .iter()
        .enumerate()
        .map(|(n, pair)| pair_lines(app, *pair, n == cursor, width))
        .chain(
            headers
                .iter()
                .enumerate()
                .map(|(n, h)| header_lines(app, h, pairs.len() + n == cursor, width)),
        )
        .collect();
    // The chosen pair whole, and as many pairs before it as fit.
    let mut first = cursor;
    let mut used = blocks.get(cursor).map_or(0, Vec::len);
    while first > 0 && used + blocks[first - 1].len() <= height {
        first -= 1;
        used += blocks[first].len();
    }
    let lines: Vec<Line> = blocks
        .into_iter()
        .skip(first)
        .flatten()
        .take(height)
        .collect();
    Paragraph::new(lines).render(inner, buf);
}

/// One pair: each version's text wrapped under its label, then, when the
/// two differ in more than their text, what each has (`severity Mild`).
fn pair_lines(app: &App, pair: Conflict, chosen: bool, width: usize) -> Vec<Line<'static>> {
    let t = app.active_theme();
    let mark = if chosen { "▶ " } else { "  " };
    let style = if chosen { t.selected } else { t.item };
    let differences = crate::merge::differences(app.canvas(), pair);
    let mut lines = Vec::new();
    for (who, id, ours) in [("ours  ", pair.ours, true), ("theirs", pair.theirs, false)] {
        let label = format!("{mark}{who} [{id}] ");
        let indent = text::width(&label);
        let room = width.saturating_sub(indent).max(1);
        let entry = Entry::new(
            vec![Span::styled(label, t.key)],
            &app.conflict_label(id),
            style,
        );
        lines.extend(entry.lines(width));
        if !differences.is_empty() {
            let what = differences
                .iter()
                .map(|d| format!("{} {}", d.field, if ours { &d.ours } else { &d.theirs }))
                .collect::<Vec<_>>()
                .join(" · ");
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(indent)),
                Span::styled(text::truncate(&what, room), t.dim),
            ]));
        }
    }
    lines.push(Line::default());
    lines
}

/// A title or segment: ours (the canvas's) and theirs, each wrapped whole.
fn header_lines(app: &App, h: &HeaderConflict, chosen: bool, width: usize) -> Vec<Line<'static>> {
    let t = app.active_theme();
    let mark = if chosen { "▶ " } else { "  " };
    let style = if chosen { t.selected } else { t.item };
    let mut lines = Vec::new();
    let ours = app.canvas().header_ours(h);
    for (who, words) in [("ours  ", ours), ("theirs", h.theirs())] {
        let label = format!("{mark}{who} [{}] ", h.field());
        let entry = Entry::new(vec![Span::styled(label, t.key)], words, style);
        lines.extend(entry.lines(width));
    }
    lines.push(Line::default());
    lines
}

/// The merge dialog opened on `c`, drawn at 100×30, as text.
#[cfg(test)]
fn drawn(c: crate::canvas::Canvas) -> String {
    let mut app = App::new(c, "/tmp/never-written.ron", true);
    app.update(crate::app::Action::MergeConflicts);
    let area = Rect::new(0, 0, 100, 30);
    let mut buf = Buffer::empty(area);
    super::draw(&app, area, &mut buf);
    super::buffer_to_text(&buf)
}

#[cfg(test)]
mod tests {

    use crate::canvas::{Canvas, Conflict, Section};

    #[test]
    fn each_pair_shows_both_versions_and_the_keys() {
        let mut c = Canvas::new("t");
        let ours = c.push(Section::Pains, "Ours: late by 30 days");
        let theirs = c.push(Section::Pains, "Theirs: late by 60 days");
        c.conflicts.push(Conflict { ours, theirs });
        let screen = super::drawn(c);
        for expected in [
            "1 merge conflict: both sides changed this",
            "▶ ours   [1] Ours: late by 30 days",
            "▶ theirs [2] Theirs: late by 60 days",
            "o ours · t theirs · b both",
        ] {
            assert!(screen.contains(expected), "{expected:?} in\n{screen}");
        }
    }
}

#[cfg(test)]
mod status_tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    use crate::app::{Action, App, RuntimeEvent};
    use crate::canvas::{Canvas, Conflict, Section};

    /// The message after a resolution is read whole at 120 columns, beside
    /// the fit summary, even for an item with a long text.
    #[test]
    fn the_resolution_message_fits_the_status_line() {
        let mut c = Canvas::new("t");
        for n in 0..2 {
            let ours = c.push(
                Section::Pains,
                format!("Ours {n}: clients pay 30 days late, and then only half"),
            );
            let theirs = c.push(Section::Pains, format!("Theirs {n}: 60 days"));
            c.conflicts.push(Conflict { ours, theirs });
        }
        let mut app = App::new(c, "/tmp/never-written.ron", true);
        app.update(RuntimeEvent::Resize(120, 40));
        app.update(Action::MergeConflicts);
        app.update(Action::KeepTheirs);
        let area = Rect::new(0, 0, 120, 40);
        let mut buf = Buffer::empty(area);
        crate::ui::draw(&app, area, &mut buf);
        let screen = crate::ui::buffer_to_text(&buf);
        let last = screen.lines().last().unwrap_or_default();
        assert!(last.contains("1 conflict left; u undoes"), "{last}");
        assert!(last.contains("Kept theirs: “Theirs 0: 60 days”"), "{last}");
    }
}

#[cfg(test)]
mod detail_tests {

    use crate::canvas::{Canvas, Conflict, Level, Section};

    /// Both sides changed the severity only: the texts are the same, so the
    /// list says what differs, or the user could not choose.
    #[test]
    fn versions_with_the_same_text_show_what_differs() {
        let mut c = Canvas::new("t");
        let ours = c.push(Section::Pains, "Clients pay weeks late");
        let theirs = c.push(Section::Pains, "Clients pay weeks late");
        c.set_level(ours, Level::Low);
        c.conflicts.push(Conflict { ours, theirs });
        let s = super::drawn(c);
        assert!(s.contains("severity Mild"), "{s}");
        assert!(s.contains("severity Moderate"), "{s}");
    }

    /// A long text wraps: the words at its end, where the versions may
    /// differ, are on screen.
    #[test]
    fn a_long_version_wraps_instead_of_being_cut() {
        let mut c = Canvas::new("t");
        let long = "Clients pay weeks after the due date, and the reminders we send by hand take an afternoon every month to write";
        let ours = c.push(Section::Pains, format!("{long} (ours)"));
        let theirs = c.push(Section::Pains, format!("{long} (theirs)"));
        c.conflicts.push(Conflict { ours, theirs });
        let s = super::drawn(c);
        assert!(s.contains("month to write (ours)"), "{s}");
        assert!(s.contains("month to write (theirs)"), "{s}");
    }
}

#[cfg(test)]
mod header_tests {

    use crate::canvas::{Canvas, HeaderConflict};

    /// A title changed on both sides is listed with its two versions.
    #[test]
    fn a_title_conflict_shows_ours_and_theirs() {
        let mut c = Canvas::new("Paylane");
        c.header_conflicts
            .push(HeaderConflict::Title("Invoices".to_owned()));
        let screen = super::drawn(c);
        for expected in [
            "1 merge conflict: both sides changed this",
            "▶ ours   [title] Paylane",
            "▶ theirs [title] Invoices",
        ] {
            assert!(screen.contains(expected), "{expected:?} in\n{screen}");
        }
    }
}

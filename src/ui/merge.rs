//! The list of pairs a git merge left open: each pair's two versions, the
//! chosen pair highlighted, the keys to keep ours, theirs or both.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::{App, MergeView};
use crate::input::keymap::{Context, hints};

use super::overlay::frame;
use super::text;

/// Draws the open merge conflicts over the canvas.
pub fn conflicts(app: &App, view: MergeView, area: Rect, buf: &mut Buffer) {
    let t = app.active_theme();
    let Some(rect) = app.overlay_area(area) else {
        return;
    };
    let keys = hints(Context::Merge)
        .into_iter()
        .map(|(k, h)| format!("{k} {h}"))
        .collect::<Vec<_>>()
        .join(" · ");
    let pairs = app.conflicts();
    let title = match pairs.len() {
        1 => " 1 merge conflict: both sides changed this ".to_owned(),
        n => format!(" {n} merge conflicts: both sides changed these "),
    };
    let inner = frame(app, rect, &title, &format!(" {keys} "), buf);
    if inner.height == 0 || inner.width < 12 {
        return;
    }
    let width = usize::from(inner.width);
    let per = 3usize;
    let shown = (usize::from(inner.height) / per).max(1);
    let cursor = view.cursor.min(pairs.len().saturating_sub(1));
    let scroll = crate::layout::scroll_to_show(0, cursor, shown, pairs.len());
    let mut lines: Vec<Line> = Vec::new();
    for (n, pair) in pairs.iter().enumerate().skip(scroll).take(shown) {
        let chosen = n == cursor;
        let mark = if chosen { "▶ " } else { "  " };
        let style = if chosen { t.selected } else { t.item };
        let side = |who: &str, id| {
            let label = format!("{mark}{who} [{id}] ");
            let room = width.saturating_sub(text::width(&label));
            Line::from(vec![
                Span::styled(label, t.key),
                Span::styled(text::truncate(&app.conflict_label(id), room), style),
            ])
        };
        lines.push(side("ours  ", pair.ours));
        lines.push(side("theirs", pair.theirs));
        lines.push(Line::default());
    }
    Paragraph::new(lines).render(inner, buf);
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    use crate::app::{Action, App};
    use crate::canvas::{Canvas, Conflict, Section};

    #[test]
    fn each_pair_shows_both_versions_and_the_keys() {
        let mut c = Canvas::new("t");
        let ours = c.push(Section::Pains, "Ours: late by 30 days");
        let theirs = c.push(Section::Pains, "Theirs: late by 60 days");
        c.conflicts.push(Conflict { ours, theirs });
        let mut app = App::new(c, "/tmp/never-written.ron", true);
        app.update(Action::MergeConflicts);
        let area = Rect::new(0, 0, 100, 30);
        let mut buf = Buffer::empty(area);
        crate::ui::draw(&app, area, &mut buf);
        let screen = crate::ui::buffer_to_text(&buf);
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
        assert!(last.contains("Kept theirs: “Ours 0: clients pay"), "{last}");
    }
}

//! A status message too long for the footer's line beside the fit: it takes
//! the whole line (the fit waits), or the line above it too (the line about
//! the selection, for the message's few seconds), wrapped at spaces, so no
//! message is cut mid-word; one longer still ends in `…` after a whole word.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::app::{App, Mode, Status, StatusKind};
use crate::input::keymap::{context_of, fill};
use crate::layout::Areas;
use crate::theme::Theme;

use super::text;

/// The style of a message of this kind.
pub fn style(status: &Status, theme: &Theme) -> ratatui::style::Style {
    match status.kind {
        StatusKind::Info => theme.status_info,
        StatusKind::Warning => theme.status_warning,
        StatusKind::Error => theme.status_error,
    }
}

/// The message as shown: its key marks filled in, after the walkthrough's
/// step in projector mode.
pub fn words(app: &App, status: &Status) -> String {
    let text = fill(context_of(&app.mode), &status.text);
    match app.walk_step() {
        Some(step) => format!("step {} of 7 · {text}", step + 1),
        None => text,
    }
}

/// Draws the message when it needs more than the `room` cells the footer's
/// line leaves it beside the fit: over the whole footer line, or that and
/// the line above it. Returns whether it did (the footer is then drawn).
pub fn draw_long(app: &App, a: &Areas, room: usize, buf: &mut Buffer) -> bool {
    let Some(status) = &app.status else {
        return false;
    };
    // A running export's progress stays before the message, as on the
    // footer's line.
    let words = match app.export_progress() {
        Some(progress) => format!("{progress} · {}", words(app, status)),
        None => words(app, status),
    };
    let width = usize::from(a.footer.width).saturating_sub(1);
    // A field typed on the line above keeps it.
    let typing_there = matches!(&app.mode, Mode::Edit(e) if e.target.label().is_some());
    if text::width(&words) < room || a.detail.height == 0 || typing_there || width == 0 {
        return false;
    }
    let style = style(status, app.active_theme());
    let mut lines: Vec<String> = crate::text::wrap::lines(&words, width)
        .into_iter()
        .map(str::to_owned)
        .collect();
    // One line of the whole width does (the fit waits); else two.
    let rect = match lines.len() {
        1 => a.footer,
        _ => Rect {
            y: a.detail.bottom() - 1,
            height: 2,
            ..a.footer
        },
    };
    if lines.len() > 2 {
        let after_first = lines[1..].join(" ");
        lines.truncate(1);
        lines.push(text::truncate_words(&after_first, width));
    }
    for (row, line) in lines.into_iter().enumerate() {
        let area = Rect {
            y: rect.y + crate::layout::cells(row),
            height: 1,
            ..rect
        };
        super::cells::set_style(buf, area, app.active_theme().base);
        for x in area.left()..area.right() {
            buf[(x, area.y)].set_symbol(" ");
        }
        Line::from(Span::styled(format!(" {line}"), style)).render(area, buf);
    }
    true
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    use crate::app::{Action, App, RuntimeEvent};
    use crate::canvas::{Canvas, Section};
    use crate::export::Format;

    /// A message after a running export's progress is read whole: the two
    /// together take the line when they do not fit beside the fit.
    #[test]
    fn a_message_after_an_exports_progress_is_never_cut() {
        let mut c = Canvas::new("Invoicing");
        c.push(Section::Pains, "Late payments".to_owned());
        let mut app = App::new(c, "/tmp/never-written.ron", true);
        app.update(RuntimeEvent::Resize(120, 40));
        app.update(Action::Export);
        app.update(Action::ExportAs(Format::Svg));
        app.update(RuntimeEvent::ExportStage("drawing the picture"));
        app.update(Action::Export);
        app.update(Action::ExportAs(Format::Md));
        let area = Rect::new(0, 0, 120, 40);
        let mut buf = Buffer::empty(area);
        crate::ui::draw(&app, area, &mut buf);
        let screen = crate::ui::buffer_to_text(&buf);
        let bottom: Vec<&str> = screen.lines().rev().take(2).collect();
        let bottom = bottom.join(" ");
        assert!(bottom.contains("still running: wait for it"), "{screen}");
        assert!(bottom.contains("drawing the picture"), "{screen}");
    }

    /// The screen's last two rows at 120×40, joined.
    fn bottom_rows(app: &mut App) -> String {
        app.update(RuntimeEvent::Resize(120, 40));
        let area = Rect::new(0, 0, 120, 40);
        let mut buf = Buffer::empty(area);
        crate::ui::draw(app, area, &mut buf);
        let screen = crate::ui::buffer_to_text(&buf);
        let rows: Vec<&str> = screen.lines().collect();
        rows[rows.len() - 2..].join("\n")
    }

    #[test]
    fn a_verdict_too_long_for_one_line_is_read_whole_over_the_board() {
        let mut c = Canvas::new("Invoicing");
        let pain = c.push(Section::Pains, "Late payments".to_owned());
        let a = c.add_statement("A: late payments", "Paid in 7 days");
        let b = c.add_statement("B: cash flow", "A forecast");
        c.add_test(crate::canvas::TestCard {
            name: "Landing page A/B".to_owned(),
            items: vec![pain],
            statements: vec![a, b],
            ..crate::canvas::TestCard::default()
        });
        let mut app = App::new(c, "/tmp/never-written.ron", true);
        app.update(Action::Board);
        app.update(Action::Results);
        for number in ["400", "30", "380", "8", "5%"] {
            app.update(Action::Confirm);
            for ch in number.chars() {
                app.update(Action::Text(crate::app::TextEdit::Insert(ch)));
            }
            app.update(Action::Confirm);
        }
        let said = app
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default();
        assert!(said.starts_with("A: late payments beats"), "{said}");
        assert!(said.chars().count() > 120, "{said}");
        let bottom = bottom_rows(&mut app);
        let words: Vec<&str> = bottom.split_whitespace().collect();
        assert_eq!(words.join(" "), said, "{bottom}");
    }
}

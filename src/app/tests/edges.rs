//! Issue #12's sharp edges in the editor: stale messages, the help scroll,
//! what undo says, and ranking past the top.

use std::time::Duration;

use super::*;

fn status(a: &App) -> Option<&str> {
    a.status.as_ref().map(|s| s.text.as_str())
}

#[test]
fn a_message_lasts_until_the_next_action() {
    let mut a = app();
    a.update(Action::JumpTo(Section::Pains));
    a.update(Action::LevelDown);
    assert_eq!(status(&a), Some("Severity: Moderate"));
    a.update(Action::MoveDown);
    assert_ne!(status(&a), Some("Severity: Moderate"), "K moved on");
    a.update(Action::Up);
    assert_eq!(status(&a), None, "moving replaces the message");
}

#[test]
fn a_message_fades_after_a_few_seconds() {
    let mut a = app();
    let t0 = a.now;
    a.update(Action::SetTimer);
    a.update(Action::Text(TextEdit::Insert('1')));
    a.update(Action::Confirm);
    assert!(status(&a).is_some_and(|s| s.starts_with("Timer started")));
    a.update(RuntimeEvent::Tick(t0 + Duration::from_secs(1)));
    assert!(status(&a).is_some(), "still there after a second");
    assert!(!a.status_expired(t0 + Duration::from_secs(1)));
    assert!(a.status_expired(t0 + STATUS_LIFE));
    a.update(RuntimeEvent::Tick(t0 + STATUS_LIFE));
    assert_eq!(status(&a), None, "gone after {STATUS_LIFE:?}");
}

#[test]
fn help_scrolled_to_the_end_scrolls_back_at_the_first_press() {
    let mut a = app();
    a.help_lines = 100;
    a.update(RuntimeEvent::Resize(80, 24));
    a.update(Action::Help);
    a.update(Action::Bottom);
    let end = a.help_max_scroll();
    assert_eq!(end, 80, "100 lines, 20 shown");
    assert_eq!(a.help_scroll, end);
    a.update(Action::Down);
    assert_eq!(a.help_scroll, end, "never past the end");
    a.update(Action::Up);
    assert_eq!(a.help_scroll, end - 1);
}

#[test]
fn undo_and_redo_say_what_they_undid() {
    let mut a = app();
    a.update(Action::JumpTo(Section::Pains));
    a.update(Action::Delete);
    a.update(Action::Undo);
    // The key is a mark the screen fills in from the key table in use.
    let redo = key_mark(&Action::Redo);
    assert_eq!(
        status(&a),
        Some(format!("Undone: delete pain “Late payments” — {redo} redoes").as_str())
    );
    a.update(Action::Redo);
    assert_eq!(status(&a), Some("Redone: delete pain “Late payments”"));
}

#[test]
fn ranking_the_top_item_higher_says_it_is_already_first() {
    let mut a = app();
    a.update(Action::JumpTo(Section::Pains));
    assert!(a.update(Action::MoveUp).is_empty());
    assert_eq!(status(&a), Some("Already first: it ranks highest"));
    a.update(Action::Bottom);
    a.update(Action::MoveDown);
    assert_eq!(status(&a), Some("Already last: it ranks lowest"));
}

/// A projector-mode editor on a canvas titled `title`, told the screen size.
fn projector(title: &str, w: u16, h: u16) -> App {
    let mut a = App::new(Canvas::new(title), "/nonexistent/test.ron", true);
    a.update(RuntimeEvent::Resize(w, h));
    a.update(Action::Projector);
    a
}

/// Issue #12: starting the timer collapsed the big title to one line and the
/// canvas jumped rows. The title's form depends on the size and title only;
/// the canvas gives up rows only to the last minute's countdown (#25), under
/// the section on show, and nothing else moves.
#[test]
fn the_big_titles_form_does_not_depend_on_the_timer() {
    let screen = ratatui::layout::Rect::new(0, 0, 100, 30);
    let mut a = projector("Invoicing for designers", 100, 30);
    let t0 = a.now;
    let before = a.view(screen);
    assert!(before.header_rows > 1, "big at 100×30");
    let canvas_before = a.areas(screen).sections;
    a.update(Action::SetTimer);
    a.update(Action::Text(TextEdit::Insert('1')));
    a.update(Action::Confirm);
    for secs in [0, 30, 59, 61, 90] {
        a.update(RuntimeEvent::Tick(t0 + Duration::from_secs(secs)));
        let view = a.view(screen);
        assert_eq!(view.header_rows, before.header_rows, "at {secs} s");
        assert_eq!(view.countdown, secs < 60, "at {secs} s");
        let mut expected = canvas_before;
        if view.countdown {
            let jobs = &mut expected[crate::canvas::Section::Jobs.index()];
            jobs.height -= crate::layout::COUNTDOWN_ROWS;
        }
        assert_eq!(a.areas(screen).sections, expected, "at {secs} s");
    }
}

/// Issue #12: a 49-character title got the big font only at 200+ columns;
/// it wraps onto two lines where the screen is tall enough.
#[test]
fn a_long_title_wraps_in_the_big_font() {
    let title = "Weeknight meal planning – for shift nurses, kids!";
    assert_eq!(title.chars().count(), 49);
    for (w, h) in [(120, 40), (160, 45), (200, 50)] {
        let a = projector(title, w, h);
        let rows = a.view(ratatui::layout::Rect::new(0, 0, w, h)).header_rows;
        assert!(rows > 1, "{w}×{h}: {rows} header rows");
    }
    // Where two lines would crowd the canvas, the plain title.
    let a = projector(title, 100, 30);
    assert_eq!(
        a.view(ratatui::layout::Rect::new(0, 0, 100, 30))
            .header_rows,
        1
    );
}

/// Issue #12: the bell rings once, as the timer reaches zero, when asked for.
#[test]
fn the_bell_rings_once_when_the_timer_ends() {
    for bell in [true, false] {
        let mut a = app();
        a.timer_settings.bell = bell;
        let t0 = a.now;
        a.update(Action::SetTimer);
        a.update(Action::Text(TextEdit::Insert('1')));
        a.update(Action::Confirm);
        let mut rung = Vec::new();
        for secs in [30, 59, 60, 61, 90, 200] {
            let effects = a.update(RuntimeEvent::Tick(t0 + Duration::from_secs(secs)));
            rung.extend(
                effects
                    .into_iter()
                    .filter(|e| *e == Effect::Bell)
                    .map(|_| secs),
            );
        }
        assert_eq!(rung, if bell { vec![60] } else { vec![] }, "bell: {bell}");
    }
}

/// Issue #12: at zero the editor says so large until the next key; the
/// small "time's up" stays in the header.
#[test]
fn times_up_shows_until_the_next_key() {
    let mut a = app();
    let t0 = a.now;
    a.update(Action::SetTimer);
    a.update(Action::Text(TextEdit::Insert('1')));
    a.update(Action::Confirm);
    a.update(RuntimeEvent::Tick(t0 + Duration::from_secs(59)));
    assert!(!a.times_up_shown());
    a.update(RuntimeEvent::Tick(t0 + Duration::from_secs(61)));
    assert!(a.times_up_shown());
    a.update(RuntimeEvent::Tick(t0 + Duration::from_secs(90)));
    assert!(a.times_up_shown(), "ticks alone do not close it");
    a.update(Action::Down);
    assert!(!a.times_up_shown(), "a key closes it");
    assert!(
        a.timer.is_some_and(|t| t.is_over(a.now)),
        "the timer stays, over"
    );
}

/// The statement view's choice and part, while it is open.
fn statement_state(a: &App) -> (crate::statement::StatementChoice, usize) {
    match &a.mode {
        Mode::Statement(view) => (view.choice.clone(), view.part),
        other => panic!("not the statement view: {other:?}"),
    }
}

/// Issue #12: the statement view reopens with the user's last choices,
/// however it was closed; an item deleted meanwhile falls back.
#[test]
fn the_statement_view_reopens_with_the_last_choices() {
    let mut a = app();
    a.update(Action::Statement);
    a.update(Action::Down); // the job
    a.update(Action::Right); // the next job after the product's
    a.update(Action::Down);
    a.update(Action::Down); // the creator
    a.update(Action::Right); // left out
    let chosen = statement_state(&a);
    assert_eq!(chosen.0.job, Some(JOB_PRO));
    assert_eq!(chosen.0.creator, None);
    a.update(Action::Cancel);
    a.update(Action::Statement);
    assert_eq!(statement_state(&a), chosen, "reopened with Esc's choices");
    // Closed by a click outside it: still remembered.
    a.update(Action::Right);
    let moved = statement_state(&a);
    a.update(Action::Click(0, 0));
    assert_eq!(a.mode, Mode::Normal);
    a.update(Action::Statement);
    assert_eq!(statement_state(&a), moved);
    a.update(Action::Cancel);
    // The job chosen is deleted: the proposal's job instead.
    at(&mut a, Section::Jobs, 1);
    a.update(Action::Delete);
    a.update(Action::Statement);
    assert_eq!(statement_state(&a).0.job, Some(JOB_PAID));
}

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
    assert_eq!(
        status(&a),
        Some("Undone: delete pain “Late payments” — Ctrl-r redoes")
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

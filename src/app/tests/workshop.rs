//! Issue #25's workshop edges in the editor: the key that closes "time's
//! up", the read-only copy that follows the file, linked items in view.

use std::time::Duration;

use super::*;

/// An editor whose one-minute timer ran out at `t0 + 61 s`.
fn times_up() -> App {
    let mut a = app();
    let t0 = a.now;
    a.update(Action::SetTimer);
    a.update(Action::Text(TextEdit::Insert('1')));
    a.update(Action::Confirm);
    a.update(RuntimeEvent::Tick(t0 + Duration::from_secs(61)));
    assert!(a.times_up_shown());
    a
}

#[test]
fn the_key_that_closes_times_up_does_nothing_else() {
    let mut a = times_up();
    a.update(Action::JumpTo(Section::Pains));
    assert!(!a.times_up_shown());
    let mut a = times_up();
    let before = a.canvas.clone();
    let effects = a.update(Action::Delete);
    assert!(!a.times_up_shown(), "the key closed it");
    assert_eq!(a.canvas, before, "and deleted nothing");
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(a.mode, Mode::Normal);
    // The next key acts as usual.
    a.update(Action::Delete);
    assert_ne!(a.canvas, before);
}

#[test]
fn typing_into_a_field_when_time_is_up_closes_it_first() {
    let mut a = times_up();
    a.update(Action::Add);
    // (The key that opened the field closed "time's up" instead.)
    assert_eq!(a.mode, Mode::Normal);
    a.update(Action::Add);
    a.update(Action::Text(TextEdit::Insert('x')));
    assert!(matches!(&a.mode, Mode::Edit(e) if e.field.text() == "x"));
}

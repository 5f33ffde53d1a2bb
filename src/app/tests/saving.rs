//! Saving, quitting, terminating and the fit report, through `App::update`.

use super::*;

// -- saving and quitting ---------------------------------------------------------

#[test]
fn quit_when_clean_quits_at_once() {
    let mut app = app();
    assert_eq!(app.update(Action::Quit), vec![Effect::Quit]);
}

#[test]
fn quit_when_dirty_saves_first_then_quits() {
    let mut app = app();
    at(&mut app, Section::Pains, 0);
    app.update(Action::MoveDown);
    assert_eq!(app.update(Action::Quit), vec![SAVE_FIRST]);
    assert_eq!(app.update(RuntimeEvent::Saved(Ok(()))), vec![Effect::Quit]);
    assert_eq!(app.save_state, SaveState::Saved);
}

#[test]
fn a_backup_is_asked_for_only_until_the_first_save() {
    let mut app = app();
    at(&mut app, Section::Pains, 0);
    assert_eq!(app.update(Action::MoveDown), vec![SAVE_FIRST]);
    // A save that is not part of quitting leaves nothing to do after it.
    assert_eq!(app.update(RuntimeEvent::Saved(Ok(()))), Vec::new());
    assert_eq!(app.save_state, SaveState::Saved);
    assert_eq!(
        app.update(Action::MoveUp),
        vec![Effect::Save { backup: false }]
    );
    assert_eq!(
        app.update(Action::Save),
        vec![Effect::Save { backup: false }]
    );
}

#[test]
fn a_failed_save_while_quitting_keeps_the_app_open_and_a_second_quit_leaves() {
    let mut app = app();
    at(&mut app, Section::Pains, 0);
    app.update(Action::Delete);
    assert_eq!(app.update(Action::Quit), vec![SAVE_FIRST]);
    assert_eq!(
        app.update(RuntimeEvent::Saved(Err(write_error("disk full")))),
        Vec::new()
    );
    assert_eq!(
        app.save_state,
        SaveState::Failed(write_error("disk full").to_string())
    );
    assert!(app.is_dirty());
    let s = app.status.clone().unwrap();
    assert_eq!(s.kind, StatusKind::Error);
    assert!(s.text.contains("disk full"), "{}", s.text);
    assert!(
        s.text
            .contains(&format!("{} again", key_mark(&Action::Quit))),
        "{}",
        s.text
    );
    // The edit is still there.
    assert!(app.canvas.item(PAIN_LATE).is_none());
    assert_eq!(app.update(Action::Quit), vec![Effect::Quit]);
}

#[test]
fn a_failed_autosave_is_retried_by_quit() {
    let mut app = app();
    at(&mut app, Section::Pains, 0);
    app.update(Action::Delete);
    app.update(RuntimeEvent::Saved(Err(write_error(
        "read-only file system",
    ))));
    assert!(matches!(app.save_state, SaveState::Failed(_)));
    assert_eq!(app.status.as_ref().unwrap().kind, StatusKind::Error);
    // The first quit tries to save again rather than leaving.
    assert_eq!(app.update(Action::Quit), vec![SAVE_FIRST]);
    assert_eq!(app.update(RuntimeEvent::Saved(Ok(()))), vec![Effect::Quit]);
}

#[test]
fn a_change_after_a_failed_quit_asks_again() {
    let mut app = app();
    at(&mut app, Section::Pains, 0);
    app.update(Action::Delete);
    app.update(Action::Quit);
    app.update(RuntimeEvent::Saved(Err(write_error("disk full"))));
    // Editing again resets the warning: quitting tries to save once more.
    app.update(Action::Undo);
    assert_eq!(app.update(Action::Quit), vec![SAVE_FIRST]);
}

#[test]
fn a_read_only_canvas_refuses_every_change() {
    let mut app = app().read_only("written by a newer vpcanvas");
    at(&mut app, Section::Pains, 0);
    let refused = [
        Action::Add,
        Action::Edit,
        Action::Delete,
        Action::MoveDown,
        Action::LevelUp,
        Action::Link,
        Action::Undo,
        Action::Save,
        Action::EditTitle,
    ];
    for action in refused {
        app.status = None;
        assert_eq!(app.update(action.clone()), Vec::new(), "{action:?}");
        assert_eq!(app.mode, Mode::Normal, "{action:?}");
        let s = app
            .status
            .clone()
            .unwrap_or_else(|| panic!("{action:?}: no status"));
        assert!(s.text.contains("Read-only"), "{action:?}: {}", s.text);
    }
    assert_eq!(app.canvas, canvas());
    assert_eq!(app.update(RuntimeEvent::Terminate), vec![Effect::Quit]);
    assert_eq!(app.update(Action::Quit), vec![Effect::Quit]);
}

#[test]
fn terminate_while_typing_keeps_the_text_saves_and_quits() {
    let mut app = app();
    at(&mut app, Section::Pains, 1);
    app.update(Action::Add);
    type_text(&mut app, "Half typed");
    assert_eq!(
        app.update(RuntimeEvent::Terminate),
        vec![SAVE_FIRST, Effect::Quit]
    );
    assert_eq!(
        texts(&app, Section::Pains),
        ["Late payments", "Tax surprises", "Half typed"]
    );
}

#[test]
fn terminate_while_editing_an_item_keeps_the_edit() {
    let mut app = app();
    at(&mut app, Section::Jobs, 0);
    app.update(Action::Edit);
    type_text(&mut app, " fast");
    assert_eq!(
        app.update(RuntimeEvent::Terminate),
        vec![SAVE_FIRST, Effect::Quit]
    );
    assert_eq!(
        app.canvas.item(JOB_PAID).unwrap().text,
        "Get paid on time fast"
    );
}

#[test]
fn terminate_saves_unsaved_changes_or_just_quits() {
    let mut clean = app();
    assert_eq!(clean.update(RuntimeEvent::Terminate), vec![Effect::Quit]);

    let mut dirty = app();
    at(&mut dirty, Section::Pains, 0);
    dirty.update(Action::MoveDown);
    assert_eq!(
        dirty.update(RuntimeEvent::Terminate),
        vec![SAVE_FIRST, Effect::Quit]
    );

    // A blank field on terminate adds nothing and needs no save.
    let mut blank = app();
    blank.update(Action::Add);
    assert_eq!(blank.update(RuntimeEvent::Terminate), vec![Effect::Quit]);
    assert_eq!(blank.canvas, canvas());
}

// -- the fit report --------------------------------------------------------------

/// Whether an item is flagged, as the whole analysis and the tally kept
/// edit by edit both say (they must agree).
fn flagged(app: &App, id: ItemId) -> bool {
    let flagged = app.fit().is_flagged(id);
    assert_eq!(
        app.tally().is_flagged(id),
        flagged,
        "tally and analysis on {id}"
    );
    flagged
}

#[test]
fn the_fit_report_follows_every_change() {
    let mut app = app();
    assert!(flagged(&app, PAIN_TAX));
    assert!(!flagged(&app, PAIN_LATE));

    // Deleting the only reliever of a pain flags it.
    at(&mut app, Section::Relievers, 0);
    app.update(Action::Delete);
    assert!(flagged(&app, PAIN_LATE));
    assert_eq!(app.fit().pains_without_relievers.len(), 2);
    assert_eq!(app.tally().flagged_count(Section::Pains), 2);

    // Undo unflags it again.
    app.update(Action::Undo);
    assert!(!flagged(&app, PAIN_LATE));

    // A new pain is flagged as soon as it is added.
    at(&mut app, Section::Pains, 1);
    app.update(Action::Add);
    type_text(&mut app, "Clients ghost me");
    app.update(Action::Confirm);
    let new = app.selected_item().unwrap().id;
    assert!(flagged(&app, new));

    // Linking it unflags it.
    app.update(Action::Link);
    app.update(Action::Toggle);
    app.update(Action::Confirm);
    assert!(!flagged(&app, new));
    assert!(flagged(&app, PAIN_TAX));

    // Redo/undo of the link re-flags.
    app.update(Action::Undo);
    assert!(flagged(&app, new));
    app.update(Action::Redo);
    assert!(!flagged(&app, new));
}

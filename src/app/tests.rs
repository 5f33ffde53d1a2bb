//! `App::update` as a state machine: an action in, state and effects out.
//! No terminal, no files.

#![allow(clippy::unwrap_used)]

use super::*;
use crate::canvas::{JobKind, Level};
use crate::storage::StorageError;

/// A failed write, as the storage layer reports it.
fn write_error(why: &str) -> StorageError {
    StorageError::Io {
        path: "pitch.ron".into(),
        source: std::io::Error::other(why.to_owned()),
    }
}

// Ids in the fixture, named for readability.
pub(super) const JOB_PAID: ItemId = 1;
pub(super) const JOB_PRO: ItemId = 2;
pub(super) const PAIN_LATE: ItemId = 3;
pub(super) const PAIN_TAX: ItemId = 4;
pub(super) const GAIN_CASH: ItemId = 5;
pub(super) const GAIN_ADMIN: ItemId = 6;
pub(super) const PRODUCT_APP: ItemId = 7;
pub(super) const RELIEVER_REMIND: ItemId = 8;
pub(super) const CREATOR_FORECAST: ItemId = 9;

/// A small canvas with two items per customer section and one per value-map
/// section. Pain "Tax surprises" and gain "Less admin" are unaddressed.
pub(super) fn canvas() -> Canvas {
    let mut c = Canvas::new("Invoicing");
    c.segment = "Freelance designers".into();
    assert_eq!(c.push(Section::Jobs, "Get paid on time"), JOB_PAID);
    assert_eq!(c.push(Section::Jobs, "Look professional"), JOB_PRO);
    assert_eq!(c.push(Section::Pains, "Late payments"), PAIN_LATE);
    assert_eq!(c.push(Section::Pains, "Tax surprises"), PAIN_TAX);
    assert_eq!(c.push(Section::Gains, "Predictable cash flow"), GAIN_CASH);
    assert_eq!(c.push(Section::Gains, "Less admin"), GAIN_ADMIN);
    assert_eq!(c.push(Section::Products, "Invoicing app"), PRODUCT_APP);
    assert_eq!(
        c.push(Section::Relievers, "Automatic reminders"),
        RELIEVER_REMIND
    );
    assert_eq!(
        c.push(Section::Creators, "Cash-flow forecast"),
        CREATOR_FORECAST
    );
    c.set_level(PAIN_LATE, Level::High);
    assert!(c.set_link(PRODUCT_APP, JOB_PAID, true));
    assert!(c.set_link(RELIEVER_REMIND, PAIN_LATE, true));
    assert!(c.set_link(CREATOR_FORECAST, GAIN_CASH, true));
    c
}

/// An editor on the fixture, as if opened from an existing file.
pub(super) fn app() -> App {
    App::new(canvas(), "/nonexistent/test.ron", true)
}

pub(super) fn at(app: &mut App, section: Section, index: usize) {
    assert!(app.update(Action::JumpTo(section)).is_empty());
    app.selected[section.index()] = index;
}

pub(super) fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        assert_eq!(app.update(Action::Text(TextEdit::Insert(c))), Vec::new());
    }
}

fn ids(app: &App, section: Section) -> Vec<ItemId> {
    app.canvas.items(section).iter().map(|i| i.id).collect()
}

fn texts(app: &App, section: Section) -> Vec<&str> {
    app.canvas
        .items(section)
        .iter()
        .map(|i| i.text.as_str())
        .collect()
}

fn links(app: &App, id: ItemId) -> Vec<ItemId> {
    app.canvas.item(id).unwrap().links.clone()
}

pub(super) fn status(app: &App) -> &str {
    app.status.as_ref().map_or("", |s| s.text.as_str())
}

const SAVE_FIRST: Effect = Effect::Save { backup: true };

// -- adding and editing ------------------------------------------------------

#[test]
fn add_inserts_below_the_selection_and_asks_for_a_save() {
    let mut app = app();
    at(&mut app, Section::Pains, 0);
    assert!(app.update(Action::Add).is_empty());
    assert!(matches!(app.mode, Mode::Edit(_)));
    type_text(&mut app, "Clients ghost me");
    let effects = app.update(Action::Confirm);
    assert_eq!(effects, vec![SAVE_FIRST]);
    assert_eq!(
        texts(&app, Section::Pains),
        ["Late payments", "Clients ghost me", "Tax surprises"]
    );
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.focus, Section::Pains);
    assert_eq!(app.selected_item().unwrap().text, "Clients ghost me");
    // A fresh id, never reused.
    assert_eq!(app.selected_item().unwrap().id, 10);
    assert_eq!(app.save_state, SaveState::Unsaved);
    assert!(app.is_dirty());
}

#[test]
fn add_into_an_empty_section_puts_it_first() {
    let mut app = App::new(Canvas::new("empty"), "/nonexistent/new.ron", false);
    assert_eq!(app.save_state, SaveState::New);
    app.update(Action::JumpTo(Section::Gains));
    app.update(Action::Add);
    type_text(&mut app, "Fewer late nights");
    assert_eq!(app.update(Action::Confirm), vec![SAVE_FIRST]);
    assert_eq!(texts(&app, Section::Gains), ["Fewer late nights"]);
    assert_eq!(app.selected_index(Section::Gains), 0);
}

#[test]
fn esc_cancels_an_add_and_adds_nothing() {
    let mut app = app();
    at(&mut app, Section::Pains, 0);
    let before = app.canvas.clone();
    app.update(Action::Add);
    type_text(&mut app, "Never mind");
    assert_eq!(app.update(Action::Cancel), Vec::new());
    assert_eq!(app.canvas, before);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.save_state, SaveState::Saved);
    assert!(!app.history.can_undo());
}

#[test]
fn empty_or_blank_text_adds_nothing() {
    let mut app = app();
    at(&mut app, Section::Jobs, 1);
    let before = app.canvas.clone();
    app.update(Action::Add);
    assert_eq!(app.update(Action::Confirm), Vec::new());
    app.update(Action::Add);
    type_text(&mut app, "   ");
    assert_eq!(app.update(Action::Confirm), Vec::new());
    assert_eq!(app.canvas, before);
    assert_eq!(app.mode, Mode::Normal);
    assert!(!app.is_dirty());
    assert!(status(&app).contains("nothing added"), "{}", status(&app));
}

#[test]
fn edit_changes_the_selected_items_text() {
    let mut app = app();
    at(&mut app, Section::Gains, 1);
    assert!(app.update(Action::Edit).is_empty());
    match &app.mode {
        Mode::Edit(editor) => {
            assert_eq!(editor.target, EditTarget::Item(GAIN_ADMIN));
            assert_eq!(editor.field.text(), "Less admin");
        }
        other => panic!("not editing: {other:?}"),
    }
    app.update(Action::Text(TextEdit::ClearToStart));
    type_text(&mut app, "  No bookkeeping  ");
    assert_eq!(app.update(Action::Confirm), vec![SAVE_FIRST]);
    assert_eq!(app.canvas.item(GAIN_ADMIN).unwrap().text, "No bookkeeping");
    assert_eq!(ids(&app, Section::Gains), [GAIN_CASH, GAIN_ADMIN]);
}

#[test]
fn editing_to_the_same_or_empty_text_changes_nothing() {
    let mut app = app();
    at(&mut app, Section::Gains, 1);
    app.update(Action::Edit);
    assert_eq!(app.update(Action::Confirm), Vec::new());
    app.update(Action::Edit);
    app.update(Action::Text(TextEdit::ClearToStart));
    assert_eq!(app.update(Action::Confirm), Vec::new());
    assert_eq!(app.canvas.item(GAIN_ADMIN).unwrap().text, "Less admin");
    assert!(!app.is_dirty());
}

// -- deleting, undo, redo ------------------------------------------------------

#[test]
fn delete_removes_the_item_and_its_links_and_undo_brings_both_back() {
    let mut app = app();
    at(&mut app, Section::Pains, 0);
    assert_eq!(app.update(Action::Delete), vec![SAVE_FIRST]);
    assert_eq!(ids(&app, Section::Pains), [PAIN_TAX]);
    assert!(app.canvas.item(PAIN_LATE).is_none());
    assert_eq!(links(&app, RELIEVER_REMIND), Vec::<ItemId>::new());
    assert!(status(&app).contains("Late payments"), "{}", status(&app));

    assert_eq!(app.update(Action::Undo), vec![SAVE_FIRST]);
    assert_eq!(ids(&app, Section::Pains), [PAIN_LATE, PAIN_TAX]);
    assert_eq!(app.canvas.item(PAIN_LATE).unwrap().level, Level::High);
    assert_eq!(links(&app, RELIEVER_REMIND), [PAIN_LATE]);
    assert_eq!(app.canvas, canvas());
    assert_eq!(app.focus, Section::Pains);
    assert_eq!(app.selected_item().unwrap().id, PAIN_LATE);

    assert_eq!(app.update(Action::Redo), vec![SAVE_FIRST]);
    assert_eq!(ids(&app, Section::Pains), [PAIN_TAX]);
    assert_eq!(links(&app, RELIEVER_REMIND), Vec::<ItemId>::new());

    // Nothing more to redo; undo twice gets back to the start and no further.
    assert_eq!(app.update(Action::Redo), Vec::new());
    app.update(Action::Undo);
    assert_eq!(app.update(Action::Undo), Vec::new());
    assert_eq!(app.canvas, canvas());
}

#[test]
fn delete_in_an_empty_section_says_so() {
    let mut app = App::new(Canvas::new("empty"), "/nonexistent/new.ron", false);
    assert_eq!(app.update(Action::Delete), Vec::new());
    assert!(status(&app).contains("No job"), "{}", status(&app));
    assert_eq!(app.save_state, SaveState::New);
}

#[test]
fn a_new_change_clears_redo() {
    let mut app = app();
    at(&mut app, Section::Pains, 0);
    app.update(Action::Delete);
    app.update(Action::Undo);
    assert!(app.history.can_redo());
    app.update(Action::MoveDown);
    assert!(!app.history.can_redo());
    assert_eq!(app.update(Action::Redo), Vec::new());
    assert_eq!(ids(&app, Section::Pains), [PAIN_TAX, PAIN_LATE]);
}

// -- order, level, kind --------------------------------------------------------

#[test]
fn move_down_and_up_reorder_and_the_selection_follows() {
    let mut app = app();
    at(&mut app, Section::Jobs, 0);
    assert_eq!(app.update(Action::MoveDown), vec![SAVE_FIRST]);
    assert_eq!(ids(&app, Section::Jobs), [JOB_PRO, JOB_PAID]);
    assert_eq!(app.selected_index(Section::Jobs), 1);
    assert_eq!(app.selected_item().unwrap().id, JOB_PAID);
    // Already at the bottom: nothing changes, nothing to save.
    assert_eq!(app.update(Action::MoveDown), Vec::new());
    assert_eq!(app.update(Action::MoveUp), vec![SAVE_FIRST]);
    assert_eq!(ids(&app, Section::Jobs), [JOB_PAID, JOB_PRO]);
    assert_eq!(app.selected_item().unwrap().id, JOB_PAID);
    assert_eq!(app.update(Action::MoveUp), Vec::new());
}

#[test]
fn level_changes_in_customer_sections() {
    let mut app = app();
    at(&mut app, Section::Pains, 1);
    assert_eq!(app.canvas.item(PAIN_TAX).unwrap().level, Level::Medium);
    assert_eq!(app.update(Action::LevelUp), vec![SAVE_FIRST]);
    assert_eq!(app.canvas.item(PAIN_TAX).unwrap().level, Level::High);
    assert!(status(&app).contains("Extreme"), "{}", status(&app));
    // Already the highest: no change, no save.
    assert_eq!(app.update(Action::LevelUp), Vec::new());
    assert_eq!(app.canvas.item(PAIN_TAX).unwrap().level, Level::High);
    app.update(Action::LevelDown);
    app.update(Action::LevelDown);
    assert_eq!(app.canvas.item(PAIN_TAX).unwrap().level, Level::Low);
    assert_eq!(app.update(Action::LevelDown), Vec::new());

    at(&mut app, Section::Gains, 0);
    app.update(Action::LevelDown);
    assert_eq!(app.canvas.item(GAIN_CASH).unwrap().level, Level::Low);
    assert!(status(&app).contains("Nice to have"), "{}", status(&app));
    at(&mut app, Section::Jobs, 0);
    app.update(Action::LevelUp);
    assert_eq!(app.canvas.item(JOB_PAID).unwrap().level, Level::High);
}

#[test]
fn level_keys_do_nothing_on_the_value_map() {
    let mut app = app();
    for section in [Section::Products, Section::Relievers, Section::Creators] {
        at(&mut app, section, 0);
        assert_eq!(app.update(Action::LevelUp), Vec::new(), "{section:?}");
        assert_eq!(app.update(Action::LevelDown), Vec::new(), "{section:?}");
        assert!(status(&app).contains("no level"), "{}", status(&app));
    }
    assert_eq!(app.canvas, canvas());
    assert!(!app.is_dirty());
}

#[test]
fn t_cycles_a_jobs_kind_and_nothing_else() {
    let mut app = app();
    at(&mut app, Section::Jobs, 0);
    let mut seen = Vec::new();
    for _ in 0..4 {
        assert_eq!(app.update(Action::CycleKind).len(), 1);
        seen.push(app.canvas.item(JOB_PAID).unwrap().kind);
    }
    assert_eq!(
        seen,
        [
            JobKind::Social,
            JobKind::Emotional,
            JobKind::Supporting,
            JobKind::Functional
        ]
    );
    at(&mut app, Section::Pains, 0);
    let before = app.canvas.clone();
    assert_eq!(app.update(Action::CycleKind), Vec::new());
    assert_eq!(app.canvas, before);
}

// -- links ---------------------------------------------------------------------

#[test]
fn link_picker_from_a_reliever_sets_the_pains_it_relieves() {
    let mut app = app();
    at(&mut app, Section::Relievers, 0);
    assert!(app.fit().is_flagged(PAIN_TAX));
    assert!(app.update(Action::Link).is_empty());
    match &app.mode {
        Mode::Link(p) => {
            assert_eq!(p.source, RELIEVER_REMIND);
            assert_eq!(p.section, Section::Pains);
            assert_eq!(p.chosen, [PAIN_LATE]);
            assert_eq!(p.cursor, 0);
        }
        other => panic!("no picker: {other:?}"),
    }
    app.update(Action::Down);
    app.update(Action::Down); // clamped at the last candidate
    app.update(Action::Toggle);
    assert_eq!(app.update(Action::Confirm), vec![SAVE_FIRST]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(links(&app, RELIEVER_REMIND), [PAIN_LATE, PAIN_TAX]);
    assert!(!app.fit().is_flagged(PAIN_TAX));
    assert!(app.fit().pains_without_relievers.is_empty());
}

#[test]
fn link_picker_can_untick() {
    let mut app = app();
    at(&mut app, Section::Relievers, 0);
    app.update(Action::Link);
    app.update(Action::Toggle); // cursor 0 is the linked pain
    assert_eq!(app.update(Action::Confirm), vec![SAVE_FIRST]);
    assert_eq!(links(&app, RELIEVER_REMIND), Vec::<ItemId>::new());
    assert!(app.fit().is_flagged(PAIN_LATE));
}

#[test]
fn link_picker_from_a_pain_sets_its_relievers() {
    let mut app = app();
    at(&mut app, Section::Pains, 1);
    app.update(Action::Link);
    match &app.mode {
        Mode::Link(p) => {
            assert_eq!(p.source, PAIN_TAX);
            assert_eq!(p.section, Section::Relievers);
            assert!(p.chosen.is_empty());
        }
        other => panic!("no picker: {other:?}"),
    }
    app.update(Action::Toggle);
    assert_eq!(app.update(Action::Confirm), vec![SAVE_FIRST]);
    // The link lives on the value-map side, as in the file.
    assert_eq!(links(&app, RELIEVER_REMIND), [PAIN_LATE, PAIN_TAX]);
    assert!(app.canvas.item(PAIN_TAX).unwrap().links.is_empty());
    assert!(!app.fit().is_flagged(PAIN_TAX));
}

#[test]
fn link_picker_from_a_job_and_a_gain() {
    let mut app = app();
    at(&mut app, Section::Jobs, 1);
    app.update(Action::Link);
    app.update(Action::Toggle);
    app.update(Action::Confirm);
    assert_eq!(links(&app, PRODUCT_APP), [JOB_PAID, JOB_PRO]);

    at(&mut app, Section::Gains, 1);
    assert!(app.fit().is_flagged(GAIN_ADMIN));
    app.update(Action::Link);
    app.update(Action::Toggle);
    app.update(Action::Confirm);
    assert_eq!(links(&app, CREATOR_FORECAST), [GAIN_CASH, GAIN_ADMIN]);
    assert!(!app.fit().is_flagged(GAIN_ADMIN));
    assert!(app.fit().gains_without_creators.is_empty());
}

#[test]
fn cancel_leaves_links_unchanged() {
    let mut app = app();
    at(&mut app, Section::Relievers, 0);
    app.update(Action::Link);
    app.update(Action::Toggle);
    app.update(Action::Down);
    app.update(Action::Toggle);
    assert_eq!(app.update(Action::Cancel), Vec::new());
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.canvas, canvas());
    assert!(!app.is_dirty());
    // Confirming without a change saves nothing either.
    app.update(Action::Link);
    assert_eq!(app.update(Action::Confirm), Vec::new());
    assert!(!app.history.can_undo());
}

#[test]
fn link_with_nothing_on_the_other_side_says_where_to_add() {
    let mut c = Canvas::new("t");
    c.push(Section::Pains, "Late payments");
    let mut app = App::new(c, "/nonexistent/t.ron", true);
    app.update(Action::JumpTo(Section::Pains));
    assert_eq!(app.update(Action::Link), Vec::new());
    assert_eq!(app.mode, Mode::Normal);
    assert!(status(&app).contains("Pain relievers"), "{}", status(&app));
}

// -- moving around -------------------------------------------------------------

#[test]
fn tab_and_shift_tab_cycle_the_sections_in_jump_order() {
    let mut app = app();
    assert_eq!(app.focus, Section::Jobs);
    let mut order = Vec::new();
    for _ in 0..6 {
        assert!(app.update(Action::NextSection).is_empty());
        order.push(app.focus);
    }
    assert_eq!(
        order,
        [
            Section::Products,
            Section::Creators,
            Section::Relievers,
            Section::Gains,
            Section::Pains,
            Section::Jobs
        ]
    );
    app.update(Action::PrevSection);
    assert_eq!(app.focus, Section::Pains);
    app.update(Action::JumpTo(Section::Creators));
    assert_eq!(app.focus, Section::Creators);
}

#[test]
fn left_and_right_follow_the_drawing() {
    let mut app = app();
    let mut walk = |start: Section, action: Action| {
        app.update(Action::JumpTo(start));
        app.update(action);
        app.focus
    };
    assert_eq!(walk(Section::Pains, Action::Left), Section::Relievers);
    assert_eq!(walk(Section::Relievers, Action::Right), Section::Pains);
    assert_eq!(walk(Section::Gains, Action::Left), Section::Creators);
    assert_eq!(walk(Section::Creators, Action::Right), Section::Gains);
    assert_eq!(walk(Section::Pains, Action::Right), Section::Jobs);
    assert_eq!(walk(Section::Jobs, Action::Left), Section::Gains);
    assert_eq!(walk(Section::Creators, Action::Left), Section::Products);
    assert_eq!(walk(Section::Products, Action::Left), Section::Products);
    assert_eq!(walk(Section::Jobs, Action::Right), Section::Jobs);
}

#[test]
fn each_section_remembers_its_selection() {
    let mut app = app();
    app.update(Action::JumpTo(Section::Pains));
    app.update(Action::Down);
    app.update(Action::Down); // clamped
    assert_eq!(app.selected_item().unwrap().id, PAIN_TAX);
    app.update(Action::JumpTo(Section::Gains));
    assert_eq!(app.selected_item().unwrap().id, GAIN_CASH);
    app.update(Action::JumpTo(Section::Pains));
    assert_eq!(app.selected_item().unwrap().id, PAIN_TAX);
    app.update(Action::Up);
    assert_eq!(app.selected_item().unwrap().id, PAIN_LATE);
}

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

mod edges;

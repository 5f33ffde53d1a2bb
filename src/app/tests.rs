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

mod edges;
mod saving;
mod workshop;

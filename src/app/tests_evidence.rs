//! `App::update` for evidence (SPEC §7): status cycling, evidence notes,
//! what to test next, the test board and saved statements.

#![allow(clippy::unwrap_used)]

use super::tests::{GAIN_CASH, PAIN_LATE, PAIN_TAX, RELIEVER_REMIND, app, at, status, type_text};
use super::*;
use crate::canvas::{Status as ItemStatus, TestState};

fn item_status(app: &App, id: ItemId) -> ItemStatus {
    app.canvas.item(id).unwrap().status
}

fn saves(effects: &[Effect]) -> bool {
    effects.iter().any(|e| matches!(e, Effect::Save { .. }))
}

#[test]
fn v_cycles_the_status_through_all_four_and_undo_steps_back() {
    let mut app = app();
    at(&mut app, Section::Pains, 0);
    let mut seen = Vec::new();
    for _ in 0..4 {
        let effects = app.update(Action::CycleStatus);
        assert!(saves(&effects), "every step is saved");
        seen.push(item_status(&app, PAIN_LATE));
    }
    assert_eq!(
        seen,
        [
            ItemStatus::Testing,
            ItemStatus::Validated,
            ItemStatus::Invalidated,
            ItemStatus::Untested
        ]
    );
    app.update(Action::CycleStatus);
    assert!(status(&app).contains("Testing"), "{}", status(&app));
    app.update(Action::Undo);
    assert_eq!(item_status(&app, PAIN_LATE), ItemStatus::Untested);
}

#[test]
fn v_on_a_read_only_canvas_changes_nothing() {
    let mut app = app().read_only("written by a newer vpcanvas");
    at(&mut app, Section::Pains, 0);
    assert!(app.update(Action::CycleStatus).is_empty());
    assert_eq!(item_status(&app, PAIN_LATE), ItemStatus::Untested);
}

#[test]
fn notes_are_added_edited_and_deleted_each_undoable() {
    let mut app = app();
    at(&mut app, Section::Pains, 0);
    app.update(Action::Notes);
    assert!(matches!(app.mode, Mode::Notes(_)));
    app.update(Action::Add);
    type_text(&mut app, "9 of 12 chase payments weekly");
    assert!(saves(&app.update(Action::Confirm)));
    app.update(Action::Add);
    type_text(&mut app, "Forum thread, 40 replies");
    app.update(Action::Confirm);
    let notes = |app: &App| app.canvas.item(PAIN_LATE).unwrap().evidence.clone();
    assert_eq!(
        notes(&app),
        ["9 of 12 chase payments weekly", "Forum thread, 40 replies"]
    );
    // Edit the first note.
    app.update(Action::Up);
    app.update(Action::Edit);
    app.update(Action::Text(TextEdit::End));
    type_text(&mut app, " (interviews)");
    app.update(Action::Confirm);
    assert_eq!(notes(&app)[0], "9 of 12 chase payments weekly (interviews)");
    // Delete it, then undo the delete.
    assert!(saves(&app.update(Action::Delete)));
    assert_eq!(notes(&app), ["Forum thread, 40 replies"]);
    app.update(Action::Undo);
    assert_eq!(notes(&app).len(), 2);
    // Escape while typing keeps the notes as they were.
    app.update(Action::Add);
    type_text(&mut app, "never kept");
    app.update(Action::Cancel);
    assert_eq!(notes(&app).len(), 2);
    app.update(Action::Cancel);
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn test_next_jumps_to_the_riskiest_item() {
    let mut app = app();
    at(&mut app, Section::Products, 0);
    app.update(Action::TestNext);
    assert_eq!(app.mode, Mode::TestNext(0));
    // The high-severity pain comes first.
    assert_eq!(app.fit().test_next[0].id, PAIN_LATE);
    app.update(Action::Confirm);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.selected_item().map(|i| i.id), Some(PAIN_LATE));
}

/// Opens the board from the late-payments pain and creates a test for it.
fn board_with_a_test() -> (App, ItemId) {
    let mut app = app();
    at(&mut app, Section::Pains, 0);
    app.update(Action::Board);
    assert!(saves(&app.update(Action::Add)));
    let test = app.canvas.tests[0].clone();
    assert_eq!(test.believe, "Late payments", "hypothesis from the item");
    assert_eq!(test.items, [PAIN_LATE]);
    (app, test.id)
}

fn board(app: &App) -> &BoardView {
    match &app.mode {
        Mode::Board(b) => b,
        other => panic!("not on the board: {other:?}"),
    }
}

#[test]
fn a_test_from_the_selected_item_opens_to_edit_every_field() {
    let (mut app, id) = board_with_a_test();
    assert_eq!(board(&app).selected, Some(id));
    assert!(board(&app).card.is_some(), "the new card is open");
    // Verify (third field): type it.
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Confirm);
    type_text(&mut app, "Show statements A and B to 400 designers");
    assert!(saves(&app.update(Action::Confirm)));
    assert_eq!(
        app.canvas.test(id).unwrap().verify,
        "Show statements A and B to 400 designers"
    );
    // Deadline: an impossible date is refused and the field stays open.
    app.update(Action::Bottom);
    app.update(Action::Confirm);
    type_text(&mut app, "2026-02-30");
    assert!(app.update(Action::Confirm).is_empty());
    assert!(status(&app).contains("not a real date"), "{}", status(&app));
    assert!(matches!(
        board(&app).card.as_ref().and_then(|c| c.edit.as_ref()),
        Some(CardEdit::Text(_))
    ));
    app.update(Action::Text(TextEdit::ClearToStart));
    type_text(&mut app, "2026-12-15");
    app.update(Action::Confirm);
    assert_eq!(
        app.canvas.test(id).unwrap().deadline.map(|d| d.to_string()),
        Some("2026-12-15".to_owned())
    );
}

#[test]
fn a_test_moves_planned_running_done_and_undo_brings_it_back() {
    let (mut app, id) = board_with_a_test();
    app.update(Action::Cancel); // back to the list
    app.update(Action::NextState);
    assert_eq!(app.canvas.test(id).unwrap().state, TestState::Running);
    app.update(Action::NextState);
    assert_eq!(app.canvas.test(id).unwrap().state, TestState::Done);
    assert!(status(&app).contains("Done"));
    app.update(Action::Undo);
    assert_eq!(app.canvas.test(id).unwrap().state, TestState::Running);
    // The selection followed the card across groups.
    assert_eq!(board(&app).selected, Some(id));
    app.update(Action::Undo);
    app.update(Action::Undo);
    assert!(app.canvas.tests.is_empty(), "the creation is undone too");
}

#[test]
fn the_board_lists_running_then_planned_then_done_newest_first() {
    let (mut app, first) = board_with_a_test();
    app.update(Action::Cancel);
    app.update(Action::Add);
    let second = app.canvas.tests[1].id;
    app.update(Action::Cancel);
    app.update(Action::Add);
    let third = app.canvas.tests[2].id;
    app.canvas.test_mut(first).unwrap().state = TestState::Running;
    let order: Vec<ItemId> = app.board_entries().iter().map(|e| e.id).collect();
    assert_eq!(order, [first, third, second]);
}

#[test]
fn recording_a_learning_validates_its_items_in_one_undoable_change() {
    let (mut app, test) = board_with_a_test();
    app.update(Action::RecordLearning);
    let learning = app.canvas.learnings[0].clone();
    assert_eq!(learning.test, Some(test));
    assert_eq!(learning.date, Some(app.today));
    // Typing what was observed starts at once.
    type_text(&mut app, "A: 7.5% signed up; B: 2.1%");
    app.update(Action::Confirm);
    // The validated field is the fifth: pick the pain and its reliever.
    for _ in 0..4 {
        app.update(Action::Down);
    }
    app.update(Action::Confirm);
    let Mode::Board(BoardView {
        card:
            Some(CardForm {
                edit: Some(CardEdit::Pick(picker)),
                ..
            }),
        ..
    }) = &app.mode
    else {
        panic!("no picker: {:?}", app.mode);
    };
    let candidates = picker.candidates.clone();
    assert_eq!(
        candidates[0], PAIN_LATE,
        "the test's items are offered first"
    );
    for id in [PAIN_LATE, RELIEVER_REMIND] {
        let at = candidates.iter().position(|c| *c == id).unwrap();
        app.update(Action::Top);
        for _ in 0..at {
            app.update(Action::Down);
        }
        app.update(Action::Toggle);
    }
    assert!(saves(&app.update(Action::Confirm)));
    let l = app.canvas.learning(learning.id).unwrap();
    assert_eq!(l.observed, "A: 7.5% signed up; B: 2.1%");
    assert_eq!(l.validated, [PAIN_LATE, RELIEVER_REMIND]);
    assert_eq!(item_status(&app, PAIN_LATE), ItemStatus::Validated);
    assert_eq!(item_status(&app, RELIEVER_REMIND), ItemStatus::Validated);
    assert_eq!(item_status(&app, PAIN_TAX), ItemStatus::Untested);
    assert_eq!(app.fit().pains_evidenced.addressed, 1);
    // One undo takes back the list and both statuses together.
    app.update(Action::Undo);
    assert_eq!(item_status(&app, PAIN_LATE), ItemStatus::Untested);
    assert_eq!(item_status(&app, RELIEVER_REMIND), ItemStatus::Untested);
    assert!(
        app.canvas
            .learning(learning.id)
            .unwrap()
            .validated
            .is_empty()
    );
    assert_eq!(app.fit().pains_evidenced.addressed, 0);
}

#[test]
fn deleting_a_card_is_undoable() {
    let (mut app, id) = board_with_a_test();
    app.update(Action::Cancel);
    assert!(saves(&app.update(Action::Delete)));
    assert!(app.canvas.tests.is_empty());
    app.update(Action::Undo);
    assert!(app.canvas.test(id).is_some());
    app.update(Action::Cancel);
    assert_eq!(app.mode, Mode::Normal);
}

fn statement_view(app: &App) -> &StatementView {
    match &app.mode {
        Mode::Statement(v) => v,
        other => panic!("not in the statement view: {other:?}"),
    }
}

#[test]
fn the_proposal_is_saved_as_named_variants_shown_in_turn() {
    let mut app = app();
    app.update(Action::Statement);
    let proposal = app.shown_statement().unwrap();
    app.update(Action::SaveVariant);
    app.update(Action::Text(TextEdit::ClearToStart));
    type_text(&mut app, "A: late payments");
    assert!(saves(&app.update(Action::Confirm)));
    assert_eq!(app.canvas.statements.len(), 1);
    assert_eq!(app.canvas.statements[0].name, "A: late payments");
    assert_eq!(app.canvas.statements[0].text, proposal);
    assert_eq!(statement_view(&app).variant, Some(0));
    // Edit its text freely.
    app.update(Action::Edit);
    app.update(Action::Text(TextEdit::ClearToStart));
    type_text(&mut app, "We chase late payers for you.");
    app.update(Action::Confirm);
    assert_eq!(
        app.canvas.statements[0].text,
        "We chase late payers for you."
    );
    // Back to the proposal, choose another gain creator part, save as B.
    app.update(Action::NextVariant);
    assert_eq!(statement_view(&app).variant, None);
    app.update(Action::SaveVariant);
    app.update(Action::Confirm); // the offered name
    assert_eq!(app.canvas.statements[1].name, "B");
    // Tab goes round: proposal, A, B, proposal.
    app.update(Action::NextVariant);
    assert_eq!(statement_view(&app).variant, None);
    app.update(Action::NextVariant);
    assert_eq!(
        app.shown_statement().unwrap(),
        "We chase late payers for you."
    );
    // y copies the one shown.
    let copied = app.update(Action::CopyItem);
    assert!(
        matches!(&copied[..], [Effect::Copy { text, .. }] if text == "We chase late payers for you.")
    );
    // Rename, then delete and undo.
    app.update(Action::RenameVariant);
    app.update(Action::Text(TextEdit::ClearToStart));
    type_text(&mut app, "A: chase");
    app.update(Action::Confirm);
    assert_eq!(app.canvas.statements[0].name, "A: chase");
    app.update(Action::Delete);
    assert_eq!(app.canvas.statements.len(), 1);
    app.update(Action::Undo);
    assert_eq!(app.canvas.statements[0].name, "A: chase");
    // Reopened, the view shows the saved ones first.
    app.update(Action::Cancel);
    app.update(Action::Statement);
    assert_eq!(statement_view(&app).variant, Some(0));
    let _ = GAIN_CASH;
}

#[test]
fn a_test_card_names_the_statements_it_compares() {
    let mut app = app();
    app.canvas.add_statement("A", "one");
    app.canvas.add_statement("B", "two");
    let ids: Vec<ItemId> = app.canvas.statements.iter().map(|s| s.id).collect();
    at(&mut app, Section::Pains, 0);
    app.update(Action::Board);
    app.update(Action::Add);
    // Statements are the seventh field.
    for _ in 0..6 {
        app.update(Action::Down);
    }
    app.update(Action::Confirm);
    app.update(Action::Toggle);
    app.update(Action::Down);
    app.update(Action::Toggle);
    app.update(Action::Confirm);
    assert_eq!(app.canvas.tests[0].statements, ids);
}

#[test]
fn a_test_card_from_a_long_item_gets_a_whole_name_of_whole_words() {
    let mut app = app();
    let long = "Clients pay weeks after the due date, and chasing them takes a whole afternoon";
    app.canvas.set_text(PAIN_LATE, long);
    at(&mut app, Section::Pains, 0);
    app.update(Action::Board);
    app.update(Action::Add);
    let test = &app.canvas.tests[0];
    assert_eq!(test.believe, long, "the hypothesis is the whole text");
    assert_eq!(test.name, "Clients pay weeks after the due date");
    assert!(!test.name.contains('…'), "{:?}", test.name);
}

#[test]
fn undo_on_the_board_names_what_it_undid() {
    let (mut app, _) = board_with_a_test();
    app.update(Action::Cancel);
    app.update(Action::Undo);
    assert!(app.canvas.tests.is_empty());
    assert!(
        status(&app).starts_with("Undone: add test card “Late payments”"),
        "{}",
        status(&app)
    );
    app.update(Action::Redo);
    assert!(
        status(&app).starts_with("Redone: add test card “Late payments”"),
        "{}",
        status(&app)
    );
}

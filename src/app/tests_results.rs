//! Entering a measured test's results on the board (SPEC §13), and the
//! learning recorded from them.

#![allow(clippy::unwrap_used)]

use super::tests::{PAIN_LATE, RELIEVER_REMIND, app, at, status, type_text};
use super::*;
use crate::canvas::{Status as ItemStatus, TestResult, Variant};

fn saves(effects: &[Effect]) -> bool {
    effects.iter().any(|e| matches!(e, Effect::Save { .. }))
}

/// The founder's landing page: a test of the late-payments pain and its
/// reminder, comparing two saved statements, with the board open on it.
fn landing_page() -> (App, ItemId, [ItemId; 2]) {
    let mut app = app();
    let a = app.canvas.add_statement("Paid on time", "Get paid on time");
    let b = app.canvas.add_statement("Less admin", "Less admin");
    at(&mut app, Section::Pains, 0);
    app.update(Action::Board);
    app.update(Action::Add);
    let id = app.canvas.tests[0].id;
    let t = app.canvas.test_mut(id).unwrap();
    t.statements = vec![a, b];
    t.items = vec![PAIN_LATE, RELIEVER_REMIND];
    app.update(Action::Cancel);
    (app, id, [a, b])
}

fn form(app: &App) -> &ResultsForm {
    match &app.mode {
        Mode::Board(b) => b.results.as_ref().expect("the results are open"),
        other => panic!("not on the board: {other:?}"),
    }
}

/// Types a number into the cell under the cursor and keeps it.
fn enter(app: &mut App, text: &str) -> Vec<Effect> {
    app.update(Action::Confirm);
    type_text(app, text);
    app.update(Action::Confirm)
}

#[test]
fn results_typed_on_the_board_are_saved_each_undoable_with_the_verdict_said() {
    let (mut app, id, [a, b]) = landing_page();
    app.update(Action::Results);
    assert_eq!(form(&app).row, 0);
    // Shown, then converted, then the next row: the cursor moves on.
    assert!(saves(&enter(&mut app, "400")));
    assert_eq!(form(&app).column, ResultColumn::Converted);
    assert!(saves(&enter(&mut app, "30")));
    assert_eq!(
        (form(&app).row, form(&app).column),
        (1, ResultColumn::Shown)
    );
    enter(&mut app, "380");
    enter(&mut app, "8");
    assert_eq!(form(&app).row, 2, "the target row");
    enter(&mut app, "5%");
    let t = app.canvas.test(id).unwrap();
    assert_eq!(
        t.results,
        [
            TestResult::statement(a, 400, 30),
            TestResult::statement(b, 380, 8),
        ]
    );
    assert_eq!(t.target.map(crate::canvas::Rate::get), Some(0.05));
    assert!(
        status(&app).starts_with("Paid on time beats Less admin: more than 99.9% likely"),
        "{}",
        status(&app)
    );
    // Each number was its own change.
    app.update(Action::Undo);
    assert_eq!(app.canvas.test(id).unwrap().target, None);
    app.update(Action::Undo);
    assert_eq!(app.canvas.test(id).unwrap().results[1].converted, 0);
}

#[test]
fn numbers_that_cannot_be_are_refused_with_a_message_and_the_field_stays_open() {
    let (mut app, id, _) = landing_page();
    app.update(Action::Results);
    enter(&mut app, "400");
    for (typed, says) in [
        ("401", "more than the 400 people shown"),
        ("-3", "negative"),
        ("thirty", "not a whole number"),
    ] {
        app.update(Action::Confirm);
        type_text(&mut app, typed);
        assert!(app.update(Action::Confirm).is_empty(), "{typed} was kept");
        assert!(status(&app).contains(says), "{typed}: {}", status(&app));
        assert_eq!(form(&app).edit.as_ref().map(TextField::text), Some(typed));
        app.update(Action::Cancel);
    }
    assert_eq!(app.canvas.test(id).unwrap().results[0].converted, 0);
    // Fewer shown than already converted is refused too.
    enter(&mut app, "30");
    app.update(Action::Up);
    app.update(Action::Left);
    app.update(Action::Confirm);
    app.update(Action::Text(TextEdit::ClearToStart));
    type_text(&mut app, "20");
    assert!(app.update(Action::Confirm).is_empty());
    assert!(
        status(&app).contains("30 converted is more than the 20"),
        "{}",
        status(&app)
    );
    app.update(Action::Cancel);
    // A target outside 0–100%.
    app.update(Action::Bottom);
    for bad in ["150%", "1.5", "-1%", "five"] {
        app.update(Action::Confirm);
        type_text(&mut app, bad);
        assert!(app.update(Action::Confirm).is_empty(), "{bad} was kept");
        assert!(status(&app).contains("is not a target"), "{}", status(&app));
        app.update(Action::Cancel);
    }
    assert_eq!(app.canvas.test(id).unwrap().target, None);
}

#[test]
fn a_named_variant_is_added_and_cleared() {
    let (mut app, id, _) = landing_page();
    app.update(Action::Results);
    app.update(Action::Add);
    type_text(&mut app, "Old page");
    assert!(saves(&app.update(Action::Confirm)));
    assert_eq!(form(&app).row, 2, "the cursor is on the new row");
    enter(&mut app, "120");
    let label = Variant::Label("Old page".to_owned());
    assert_eq!(app.row_result(id, &label).map(|r| r.shown), Some(120));
    // The same name twice is refused.
    app.update(Action::Add);
    type_text(&mut app, "Old page");
    assert!(app.update(Action::Confirm).is_empty());
    assert!(status(&app).contains("already a variant"));
    app.update(Action::Cancel);
    app.update(Action::Delete);
    assert!(app.canvas.test(id).unwrap().results.is_empty());
    assert_eq!(app.result_rows(id).len(), 2, "the statements stay");
}

#[test]
fn targets_and_counts_read_as_people_type_them() {
    let rate = |s: &str| parse_target(s).map(|r| r.map(crate::canvas::Rate::get));
    assert_eq!(rate("5%"), Ok(Some(0.05)));
    assert_eq!(rate(" 2,5 % "), Ok(Some(0.025)));
    assert_eq!(rate("0.05"), Ok(Some(0.05)));
    assert_eq!(rate("100%"), Ok(Some(1.0)));
    assert_eq!(rate(""), Ok(None));
    assert!(rate("5").is_err(), "a bare 5 is neither 5% nor a rate");
    assert_eq!(parse_count("100,000"), Ok(Some(100_000)));
    assert_eq!(parse_count(""), Ok(None));
    assert!(parse_count("1.5").is_err());
}

#[test]
fn r_on_a_learning_card_says_results_belong_to_a_test() {
    let (mut app, _, _) = landing_page();
    app.update(Action::RecordLearning);
    app.update(Action::Cancel);
    app.update(Action::Cancel);
    // The learning is the last entry on the board.
    app.update(Action::Bottom);
    app.update(Action::Results);
    assert!(
        status(&app).contains("belong to a test card"),
        "{}",
        status(&app)
    );
}

/// The landing page with its numbers in: 30 of 400 and 8 of 380, target 5%.
fn measured() -> (App, ItemId) {
    let (mut app, id, [a, b]) = landing_page();
    let t = app.canvas.test_mut(id).unwrap();
    t.target = crate::canvas::Rate::new(0.05);
    t.results = vec![
        TestResult::statement(a, 400, 30),
        TestResult::statement(b, 380, 8),
    ];
    (app, id)
}

fn card_edit(app: &App) -> Option<&CardEdit> {
    match &app.mode {
        Mode::Board(b) => b.card.as_ref().and_then(|c| c.edit.as_ref()),
        _ => None,
    }
}

#[test]
fn a_learning_from_numbers_writes_them_in_and_validates_only_once_confirmed() {
    let (mut app, _) = measured();
    let before = app.canvas.item(PAIN_LATE).unwrap().status;
    assert_ne!(before, ItemStatus::Validated);
    app.update(Action::RecordLearning);
    let Some(CardEdit::Text(observed)) = card_edit(&app) else {
        panic!("observed is not open: {:?}", app.mode);
    };
    assert_eq!(
        observed.text(),
        "Paid on time 30 of 400 (7.5%) · Less admin 8 of 380 (2.1%) · target 5%. \
         Paid on time beats Less admin: more than 99.9% likely (7.5% vs 2.1%). \
         Paid on time reaches the 5% target: 99% likely."
    );
    app.update(Action::Confirm);
    assert!(
        app.canvas.learnings[0]
            .observed
            .starts_with("Paid on time 30 of 400")
    );
    // The items the test tests are proposed, ticked; nothing changed yet.
    let Some(CardEdit::Pick(picker)) = card_edit(&app) else {
        panic!("no proposal: {:?}", app.mode);
    };
    assert_eq!(picker.chosen, [PAIN_LATE, RELIEVER_REMIND]);
    assert_eq!(app.canvas.item(PAIN_LATE).unwrap().status, before);
    assert!(
        status(&app).contains("The numbers validate"),
        "{}",
        status(&app)
    );
    assert!(saves(&app.update(Action::Confirm)));
    assert_eq!(
        app.canvas.item(PAIN_LATE).unwrap().status,
        ItemStatus::Validated
    );
    assert_eq!(
        app.canvas.item(RELIEVER_REMIND).unwrap().status,
        ItemStatus::Validated
    );
    assert_eq!(
        app.canvas.learnings[0].validated,
        [PAIN_LATE, RELIEVER_REMIND]
    );
}

#[test]
fn a_proposal_left_with_escape_changes_nothing() {
    let (mut app, _) = measured();
    let before = app.canvas.item(PAIN_LATE).unwrap().status;
    app.update(Action::RecordLearning);
    app.update(Action::Confirm);
    app.update(Action::Cancel);
    assert_eq!(app.canvas.item(PAIN_LATE).unwrap().status, before);
    assert!(app.canvas.learnings[0].validated.is_empty());
}

#[test]
fn numbers_below_the_target_propose_invalidating() {
    let (mut app, id) = measured();
    let t = app.canvas.test_mut(id).unwrap();
    t.results[0].converted = 4;
    t.results[1].converted = 3;
    app.update(Action::RecordLearning);
    app.update(Action::Confirm);
    assert!(
        status(&app).contains("The numbers invalidate"),
        "{}",
        status(&app)
    );
    app.update(Action::Confirm);
    assert_eq!(
        app.canvas.item(PAIN_LATE).unwrap().status,
        ItemStatus::Invalidated
    );
}

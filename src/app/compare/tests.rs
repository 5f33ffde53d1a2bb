//! The comparison grid in `update`: scoring by digits, steps and clears,
//! alternatives added, renamed (scores kept) and removed (scores gone, in
//! one undoable change that says so).

#![allow(clippy::unwrap_used)]

use crate::app::{Action, App, Effect, Mode, TextEdit};
use crate::canvas::{Canvas, Level, Section};

/// Two pains (Extreme, Mild) and a High job; one alternative.
fn app() -> App {
    let mut c = Canvas::new("Invoicing");
    c.alternatives = vec!["Spreadsheets".into()];
    let pain = c.push(Section::Pains, "Clients pay 30 days late");
    c.set_level(pain, Level::High);
    let mild = c.push(Section::Pains, "Typing addresses");
    c.set_level(mild, Level::Low);
    let job = c.push(Section::Jobs, "Send 20 invoices a month");
    c.set_level(job, Level::High);
    App::new(c, "/nonexistent/compare.ron", true)
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Text(TextEdit::Insert(c)));
    }
}

fn ids(app: &App) -> (u32, u32, u32) {
    let c = app.canvas();
    (
        c.items(Section::Pains)[0].id,
        c.items(Section::Pains)[1].id,
        c.items(Section::Jobs)[0].id,
    )
}

#[test]
fn digits_steps_and_backspace_score_the_selected_cell_each_saved() {
    let mut app = app();
    let (pain, mild, job) = ids(&app);
    app.update(Action::Compare);
    assert!(matches!(app.mode, Mode::Compare(_)));
    // Rank order: the High job, the Extreme pain, the Mild pain.
    let effects = app.update(Action::Score(7));
    assert!(effects.iter().any(|e| matches!(e, Effect::Save { .. })));
    assert_eq!(app.canvas().item(job).unwrap().ours, Some(7));
    app.update(Action::Down);
    app.update(Action::Right);
    app.update(Action::Score(4));
    assert_eq!(
        app.canvas().item(pain).unwrap().score_of("Spreadsheets"),
        Some(4)
    );
    for _ in 0..9 {
        app.update(Action::ScoreUp);
    }
    assert_eq!(
        app.canvas().item(pain).unwrap().score_of("Spreadsheets"),
        Some(10)
    );
    app.update(Action::ScoreDown);
    assert_eq!(
        app.canvas().item(pain).unwrap().score_of("Spreadsheets"),
        Some(9)
    );
    app.update(Action::ClearScore);
    assert_eq!(
        app.canvas().item(pain).unwrap().score_of("Spreadsheets"),
        None
    );
    // `+` on an empty cell starts at 0; the cursor stops at the edges.
    app.update(Action::Bottom);
    app.update(Action::Right);
    app.update(Action::Down);
    app.update(Action::ScoreUp);
    assert_eq!(
        app.canvas().item(mild).unwrap().score_of("Spreadsheets"),
        Some(0)
    );
    app.update(Action::Undo);
    assert_eq!(
        app.canvas().item(mild).unwrap().score_of("Spreadsheets"),
        None
    );
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("score of pain “Typing addresses”"),
        "{:?}",
        app.status
    );
    app.update(Action::Cancel);
    assert!(matches!(app.mode, Mode::Normal));
}

#[test]
fn an_alternative_is_added_by_name_and_renamed_with_its_scores() {
    let mut app = app();
    let (pain, _, job) = ids(&app);
    app.update(Action::Compare);
    app.update(Action::AddAlternative);
    typed(&mut app, "Hiring a bookkeeper");
    app.update(Action::Confirm);
    assert_eq!(
        app.canvas().alternatives,
        ["Spreadsheets", "Hiring a bookkeeper"]
    );
    // The new column is selected: score it.
    app.update(Action::Score(6));
    assert_eq!(
        app.canvas()
            .item(job)
            .unwrap()
            .score_of("Hiring a bookkeeper"),
        Some(6)
    );
    app.update(Action::Down);
    app.update(Action::Score(2));
    app.update(Action::RenameAlternative);
    app.update(Action::Text(TextEdit::ClearToStart));
    typed(&mut app, "An accountant");
    app.update(Action::Confirm);
    let c = app.canvas();
    assert_eq!(c.alternatives, ["Spreadsheets", "An accountant"]);
    assert_eq!(c.item(job).unwrap().score_of("An accountant"), Some(6));
    assert_eq!(c.item(pain).unwrap().score_of("An accountant"), Some(2));
    assert_eq!(c.item(pain).unwrap().score_of("Hiring a bookkeeper"), None);
    // A name already taken is refused, the canvas unchanged.
    let before = app.canvas().clone();
    app.update(Action::RenameAlternative);
    app.update(Action::Text(TextEdit::ClearToStart));
    typed(&mut app, "Spreadsheets");
    app.update(Action::Confirm);
    assert_eq!(app.canvas(), &before);
    assert!(
        app.status.as_ref().unwrap().text.contains("already"),
        "{:?}",
        app.status
    );
}

#[test]
fn removing_an_alternative_takes_its_scores_in_one_undoable_change_that_says_so() {
    let mut app = app();
    let (pain, mild, job) = ids(&app);
    app.update(Action::Compare);
    app.update(Action::Right);
    for _ in 0..3 {
        app.update(Action::Score(3));
        app.update(Action::Down);
    }
    for id in [pain, mild, job] {
        assert_eq!(
            app.canvas().item(id).unwrap().score_of("Spreadsheets"),
            Some(3)
        );
    }
    app.update(Action::RemoveAlternative);
    assert!(app.canvas().alternatives.is_empty());
    assert!(app.canvas().all_items().all(|(_, i)| i.theirs.is_empty()));
    let said = app.status.as_ref().unwrap().text.clone();
    assert!(
        said.contains("Removed the alternative “Spreadsheets” and its 3 scores"),
        "{said}"
    );
    app.update(Action::Undo);
    let said = app.status.as_ref().unwrap().text.clone();
    assert!(
        said.starts_with("Undone: remove the alternative “Spreadsheets” and its 3 scores"),
        "{said}"
    );
    for id in [pain, mild, job] {
        assert_eq!(
            app.canvas().item(id).unwrap().score_of("Spreadsheets"),
            Some(3)
        );
    }
    // On our own column there is nothing to remove.
    app.update(Action::Left);
    let before = app.canvas().clone();
    app.update(Action::RemoveAlternative);
    assert_eq!(app.canvas(), &before);
}

#[test]
fn a_read_only_canvas_is_not_scored() {
    let mut app = app();
    app.doc.read_only = Some("made by a newer vpcanvas".into());
    let before = app.canvas().clone();
    app.update(Action::Compare);
    app.update(Action::Score(5));
    app.update(Action::AddAlternative);
    assert_eq!(app.canvas(), &before);
    assert!(matches!(&app.mode, Mode::Compare(v) if v.name.is_none()));
}

#[test]
fn the_comparisons_hints_open_the_grid() {
    let mut app = app();
    app.update(Action::Compare);
    app.update(Action::Down);
    app.update(Action::Score(5));
    app.update(Action::Right);
    app.update(Action::Score(5));
    app.update(Action::Cancel);
    app.update(Action::Coach);
    let hints = app.coach_hints();
    let at = hints
        .iter()
        .position(|h| h.rule == crate::coach::Rule::Undifferentiated)
        .expect("undifferentiated fires: 5 against 5 is no lead");
    for _ in 0..at {
        app.update(Action::Down);
    }
    app.update(Action::Confirm);
    assert!(matches!(app.mode, Mode::Compare(_)), "{:?}", app.mode);
    assert!(
        app.status.as_ref().unwrap().text.contains("lead on none"),
        "{:?}",
        app.status
    );
}

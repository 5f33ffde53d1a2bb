//! A measured test on the board (SPEC §13): the verdict under the test in
//! the list, in the card, and the rates with their intervals as bars,
//! readable without colour and in ASCII. Accept new snapshots with
//! `INSTA_UPDATE=always cargo test --test it verdict_view` and review them.

#![allow(clippy::unwrap_used)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use vpcanvas::app::{Action, App, RuntimeEvent};
use vpcanvas::canvas::{Rate, TestCard, TestResult, TestState};
use vpcanvas::theme::Theme;
use vpcanvas::ui;

/// The founder's landing page: 30 of 400 and 8 of 380 signed up.
fn app() -> App {
    let mut c = super::render::canvas();
    let a = c.add_statement("Paid on time", "Get paid within 7 days.");
    let b = c.add_statement("Less admin", "Invoices in one click.");
    c.add_test(TestCard {
        name: "Landing page A/B".into(),
        statements: vec![a, b],
        state: TestState::Done,
        target: Rate::new(0.05),
        results: vec![
            TestResult::statement(a, 400, 30),
            TestResult::statement(b, 380, 8),
        ],
        ..TestCard::default()
    });
    let mut app = App::new(c, "/somewhere/invoicing.ron", true);
    app.theme = Theme::colour();
    app
}

fn screen(app: &mut App, width: u16, height: u16) -> (Terminal<TestBackend>, String) {
    app.update(RuntimeEvent::Resize(width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ui::render(app, f)).unwrap();
    let text = ui::buffer_to_text(terminal.backend().buffer());
    (terminal, text)
}

#[test]
fn the_board_says_the_verdict_and_draws_the_rates_with_their_intervals() {
    let mut app = app();
    app.update(Action::Board);
    let (terminal, text) = screen(&mut app, 120, 40);
    assert!(
        text.contains("    Paid on time beats Less admin: more"),
        "{text}"
    );
    for words in [
        "Paid on time beats Less admin: more than 99.9% likely (7.5% vs 2.1%).",
        "Paid on time reaches the 5% target: 99% likely",
        "7.5% (5.3%–10.5%) 30/400",
        "2.1% (1.1%–4.1%) 8/380",
        "┃ measured rate · ─ its 95% interval · : target",
    ] {
        assert!(text.contains(words), "{words:?} in\n{text}");
    }
    let bar = text
        .lines()
        .find(|l| l.contains("30/400"))
        .unwrap()
        .to_owned();
    assert!(bar.contains("█───┃──"), "{bar}");
    insta::assert_snapshot!("verdict_board_120x40", terminal.backend());
    // In ASCII the bar keeps its meaning: # sure, - the interval, | the rate.
    app.ascii = true;
    let (_, ascii) = screen(&mut app, 120, 40);
    let bar = ascii.lines().find(|l| l.contains("30/400")).unwrap();
    assert!(bar.contains("#---|--"), "{bar}");
}

#[test]
fn r_opens_the_results_with_their_numbers_and_the_target() {
    let mut app = app();
    app.update(Action::Board);
    app.update(Action::Results);
    let (terminal, text) = screen(&mut app, 120, 40);
    assert!(text.contains("Results · Landing page A/B"), "{text}");
    let row = text.lines().find(|l| l.contains("▶ Paid on time")).unwrap();
    assert!(row.contains("400") && row.contains("30"), "{row}");
    assert!(text.contains("Target rate (5% or 0.05)   5%"), "{text}");
    insta::assert_snapshot!("verdict_results_120x40", terminal.backend());
    let (_, narrow) = screen(&mut app, 80, 24);
    assert!(narrow.contains("Results · Landing page A/B"), "{narrow}");
}

#[test]
fn every_screen_of_a_measured_test_is_plain_ascii_with_ascii_on() {
    let mut app = app();
    app.ascii = true;
    app.update(Action::Board);
    let mut seen = Vec::new();
    for size in [(120, 40), (100, 30)] {
        seen.push(("the board", screen(&mut app, size.0, size.1).1));
    }
    app.update(Action::Results);
    seen.push(("the results", screen(&mut app, 120, 40).1));
    app.update(Action::Results);
    app.update(Action::RecordLearning);
    seen.push(("the learning", screen(&mut app, 120, 40).1));
    app.update(Action::Confirm);
    seen.push(("the proposal", screen(&mut app, 120, 40).1));
    app.update(Action::Cancel);
    app.update(Action::Cancel);
    app.update(Action::Cancel);
    app.update(Action::Statement);
    let (_, statements) = screen(&mut app, 120, 40);
    assert!(statements.contains("@ won: Paid on time"), "{statements}");
    seen.push(("the statement view", statements));
    for (what, text) in seen {
        let odd: String = text.chars().filter(|c| !c.is_ascii()).collect();
        assert!(odd.is_empty(), "{what}: {odd:?} in\n{text}");
    }
}

//! The test board as drawn: a card's field being typed.

#![allow(clippy::unwrap_used)]

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{Action, App, RuntimeEvent};
use crate::canvas::{Canvas, Rate, Section, TestCard, TestResult};

/// The founder's landing page, measured: 30 of 400 and 8 of 380, target 5%.
fn measured() -> App {
    measured_as((400, 30), (380, 8))
}

/// The landing page with these (shown, converted) for A and B.
fn measured_as(first: (u64, u64), second: (u64, u64)) -> App {
    let mut c = Canvas::new("Invoicing");
    let pain = c.push(Section::Pains, "Late payments".to_owned());
    let a = c.add_statement("A: late payments", "Paid in 7 days");
    let b = c.add_statement("B: cash flow", "A forecast");
    let row = TestResult::statement;
    c.add_test(TestCard {
        name: "Landing page A/B".to_owned(),
        items: vec![pain],
        statements: vec![a, b],
        target: Rate::new(0.05),
        results: vec![row(a, first.0, first.1), row(b, second.0, second.1)],
        ..TestCard::default()
    });
    let mut app = App::new(c, "/tmp/never-written.ron", true);
    app.update(RuntimeEvent::Resize(120, 40));
    app.update(Action::Board);
    app
}

/// The card's column of the screen, its rows' text joined by spaces.
fn card_words(app: &App) -> String {
    card_words_at(app, 120, 40)
}

fn card_words_at(app: &App, width: u16, height: u16) -> String {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    crate::ui::draw(app, area, &mut buf);
    let screen = crate::ui::buffer_to_text(&buf);
    let card: Vec<&str> = screen.lines().filter_map(|l| l.split('│').nth(2)).collect();
    card.join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn what_a_learning_observed_is_read_whole_while_it_is_typed() {
    let mut app = measured();
    app.update(Action::RecordLearning);
    let crate::app::Mode::Board(board) = &app.mode else {
        panic!("not on the board: {:?}", app.mode);
    };
    let Some(crate::app::CardEdit::Text(field)) = board.card.as_ref().and_then(|c| c.edit.as_ref())
    else {
        panic!("observed is not open: {:?}", board.card);
    };
    let observed = field.text().to_owned();
    assert!(
        observed.starts_with("A: late payments 30 of 400"),
        "{observed}"
    );
    assert!(
        card_words(&app).contains(&format!("› {observed}")),
        "{}",
        card_words(&app)
    );
}

#[test]
fn the_bars_legend_is_read_whole_on_a_narrow_board() {
    let mut app = measured();
    for (width, height) in [(100, 30), (80, 24), (120, 40)] {
        app.update(RuntimeEvent::Resize(width, height));
        let words = card_words_at(&app, width, height);
        assert!(
            words.contains("┃ measured rate · ─ its 95% interval · : target"),
            "{width}×{height}: {words}"
        );
    }
}

#[test]
fn the_proposed_items_say_what_picking_them_does() {
    let mut app = measured();
    app.update(Action::RecordLearning);
    app.update(Action::Confirm);
    let area = Rect::new(0, 0, 120, 40);
    let mut buf = Buffer::empty(area);
    crate::ui::draw(&app, area, &mut buf);
    let screen = crate::ui::buffer_to_text(&buf);
    assert!(screen.contains("╭ It validates: pick "), "{screen}");
}

#[test]
fn the_results_form_writes_large_counts_as_the_card_does() {
    let mut app = measured_as((100_000, 4_000), (380, 8));
    app.update(Action::Results);
    let words = card_words(&app);
    assert!(words.contains("A: late payments 100,000 4,000"), "{words}");
}

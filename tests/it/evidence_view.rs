//! Rendering evidence (SPEC §7): status markers on the canvas, the evidence
//! notes, what to test next, the test board, an open card and the statement
//! view with saved variants. Accept new snapshots with
//! `INSTA_UPDATE=always cargo test --test it evidence_view` and review them.

#![allow(clippy::unwrap_used)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use vpcanvas::app::{Action, App, RuntimeEvent};
use vpcanvas::canvas::{Canvas, Date, ItemId, Learning, Section, Status, TestCard, TestState};
use vpcanvas::theme::Theme;
use vpcanvas::ui;

const LATE: ItemId = 3;
const TAX: ItemId = 4;
const LESS_ADMIN: ItemId = 6;
const REMIND: ItemId = 9;

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

/// The render fixture with evidence: a pain being tested, a validated
/// reliever, an invalidated gain; two saved statements, three tests (one
/// overdue) and a learning.
fn canvas() -> Canvas {
    let mut c = super::render::canvas();
    assert_eq!(c.item(LATE).unwrap().text, "Late payments");
    assert_eq!(c.item(REMIND).unwrap().text, "Automatic payment reminders");
    assert_eq!(c.item(LESS_ADMIN).unwrap().text, "Less admin");
    c.set_status(LATE, Status::Testing);
    c.set_status(REMIND, Status::Validated);
    c.set_status(LESS_ADMIN, Status::Invalidated);
    c.set_evidence(
        LATE,
        vec![
            "9 of 12 interviewees chase payments every week".into(),
            "Freelancer forum thread, 40 replies".into(),
        ],
    );
    let a = c.add_statement(
        "A: late payments",
        "Our invoicing app gets freelance designers paid within 7 days.",
    );
    let b = c.add_statement(
        "B: cash flow",
        "Our invoicing app gives freelance designers a 30-day forecast.",
    );
    let ab = c.add_test(TestCard {
        name: "Landing page A/B".into(),
        believe: "Designers will sign up to stop chasing payments".into(),
        verify: "Show statements A and B to 400 designers from the newsletter".into(),
        measure: "Sign-up rate per statement".into(),
        right_if: "A converts at 5% or more and beats B".into(),
        items: vec![LATE, REMIND],
        statements: vec![a, b],
        state: TestState::Running,
        deadline: Some(day("2026-11-20")),
        ..TestCard::default()
    });
    c.add_test(TestCard {
        name: "Tax interviews".into(),
        believe: "Tax surprises hurt".into(),
        items: vec![TAX],
        deadline: Some(day("2027-01-10")),
        ..TestCard::default()
    });
    c.add_test(TestCard {
        name: "Concierge reminders".into(),
        state: TestState::Done,
        ..TestCard::default()
    });
    c.record_learning(Learning {
        test: Some(ab),
        observed: "A: 7.5% signed up; B: 2.1%".into(),
        learned: "Late payment is the pain that sells".into(),
        decision: "Lead with A on the home page".into(),
        date: Some(day("2026-11-18")),
        validated: vec![REMIND],
        ..Learning::default()
    });
    c
}

fn app() -> App {
    let mut app = App::new(canvas(), "/somewhere/invoicing.ron", true);
    app.theme = Theme::colour();
    app.today = day("2026-12-01");
    app.update(Action::JumpTo(Section::Pains));
    app
}

fn render(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    app.update(RuntimeEvent::Resize(width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ui::render(app, f)).unwrap();
    terminal
}

fn text(terminal: &Terminal<TestBackend>) -> String {
    ui::buffer_to_text(terminal.backend().buffer())
}

/// The evidence cell of an item's row: the one right before the space that
/// precedes its level dots (or its text, in the value map).
fn marker_of(screen: &str, item: &str, dots: bool) -> char {
    let line = screen
        .lines()
        .find(|l| l.contains(item) && (l.contains('│') || l.contains('|')))
        .unwrap_or_else(|| panic!("no row for {item:?} in\n{screen}"));
    let chars: Vec<char> = line.chars().collect();
    let text: Vec<char> = item.chars().collect();
    let at = (0..chars.len())
        .find(|&i| chars[i..].starts_with(&text))
        .unwrap();
    chars[at - if dots { 7 } else { 3 }]
}

#[test]
fn every_item_shows_its_status_without_colour() {
    let mut app = app();
    let terminal = render(&mut app, 120, 40);
    let screen = text(&terminal);
    assert_eq!(marker_of(&screen, "Late payments", true), '~');
    assert_eq!(marker_of(&screen, "Less admin", true), '✗');
    assert_eq!(marker_of(&screen, "Automatic payment", false), '✓');
    assert_eq!(marker_of(&screen, "Tax surprises", true), ' ');
    // Both coverages in the footer: the reliever is validated but the pain
    // only being tested, so nothing is evidenced yet.
    assert!(screen.contains("pains 1/2 (0 evidenced)"), "{screen}");
    insta::assert_snapshot!("markers_120x40", terminal.backend());
}

#[test]
fn ascii_mode_has_its_own_markers() {
    let mut app = app();
    app.ascii = true;
    let screen = text(&render(&mut app, 120, 40));
    assert_eq!(marker_of(&screen, "Late payments", true), '~');
    assert_eq!(marker_of(&screen, "Less admin", true), 'x');
    assert_eq!(marker_of(&screen, "Automatic payment", false), '+');
    assert!(screen.is_ascii(), "{screen}");
}

#[test]
fn validating_the_pain_raises_the_evidenced_coverage() {
    let mut app = app();
    let before = text(&render(&mut app, 120, 40));
    assert!(before.contains("pains 1/2 (0 evidenced)"), "{before}");
    app.update(Action::CycleStatus); // Late payments: Testing → Validated
    let after = text(&render(&mut app, 120, 40));
    assert!(after.contains("pains 1/2 (1 evidenced)"), "{after}");
}

#[test]
fn the_evidence_notes_overlay() {
    let mut app = app();
    app.update(Action::Notes);
    let terminal = render(&mut app, 80, 24);
    let screen = text(&terminal);
    assert!(screen.contains("9 of 12 interviewees"), "{screen}");
    assert!(screen.contains("pain Testing"), "{screen}");
    insta::assert_snapshot!("notes_80x24", terminal.backend());
}

#[test]
fn the_test_next_list() {
    let mut app = app();
    app.update(Action::TestNext);
    let terminal = render(&mut app, 120, 40);
    let screen = text(&terminal);
    // The high job and the high pain first; settled items are not listed.
    let job = screen.find("Get paid on time").unwrap();
    let tax = screen.find("Tax surprises").unwrap();
    assert!(job < tax, "{screen}");
    insta::assert_snapshot!("test_next_120x40", terminal.backend());
}

#[test]
fn the_test_board_groups_cards_and_marks_overdue_tests() {
    let mut app = app();
    app.update(Action::Board);
    let terminal = render(&mut app, 120, 40);
    let screen = text(&terminal);
    let running = screen.find("Running (1)").unwrap();
    let planned = screen.find("Planned (1)").unwrap();
    let done = screen.find("Done (1)").unwrap();
    let learnings = screen.find("Learnings (1)").unwrap();
    assert!(
        running < planned && planned < done && done < learnings,
        "{screen}"
    );
    assert!(screen.contains("overdue Landing page A/B"), "{screen}");
    assert!(screen.contains("due 2027-01-10"), "{screen}");
    insta::assert_snapshot!("board_120x40", terminal.backend());
}

#[test]
fn an_open_test_card_reads_as_the_method_writes_it() {
    let mut app = app();
    app.update(Action::Board);
    app.update(Action::Confirm);
    let terminal = render(&mut app, 120, 40);
    let screen = text(&terminal);
    for words in [
        "We believe that",
        "To verify that, we will",
        "And measure",
        "We are right if",
        "~ pain: Late payments",
        "✓ pain reliever: Automatic payment reminders",
        "statement: A: late payments",
        "Test card · Running · deadline 2026-11-20 · overdue",
    ] {
        assert!(screen.contains(words), "{words:?} in\n{screen}");
    }
    insta::assert_snapshot!("test_card_120x40", terminal.backend());
    let narrow = render(&mut app, 80, 24);
    insta::assert_snapshot!("test_card_80x24", narrow.backend());
}

#[test]
fn the_statement_view_with_saved_variants() {
    let mut app = app();
    app.update(Action::Statement);
    let terminal = render(&mut app, 120, 40);
    let screen = text(&terminal);
    assert!(
        screen.contains("Proposal │ A: late payments │ B: cash flow"),
        "{screen}"
    );
    assert!(screen.contains("paid within 7 days"), "{screen}");
    insta::assert_snapshot!("statement_variants_120x40", terminal.backend());
    app.update(Action::NextVariant);
    let screen = text(&render(&mut app, 120, 40));
    assert!(screen.contains("30-day forecast"), "{screen}");
}

#[test]
fn no_evidence_view_panics_at_any_size() {
    let opens: [&[Action]; 6] = [
        &[Action::Notes],
        &[Action::TestNext],
        &[Action::Board],
        &[Action::Board, Action::Confirm],
        &[
            Action::Board,
            Action::Confirm,
            Action::Down,
            Action::Down,
            Action::Down,
            Action::Down,
            Action::Down,
            Action::Confirm,
        ],
        &[Action::Statement, Action::SaveVariant],
    ];
    for actions in opens {
        let mut app = app();
        for a in actions {
            app.update(a.clone());
        }
        for w in (1..=130).step_by(9) {
            for h in (1..=45).step_by(4) {
                render(&mut app, w, h);
            }
        }
    }
}

//! Issue #25's workshop edges, drawn: the fit summary's marks, the last
//! minute's countdown beside the text (never over it), linked items in view.

#![allow(clippy::unwrap_used)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use vpcanvas::app::{Action, App, RuntimeEvent};
use vpcanvas::canvas::{Canvas, Section};

fn draw(app: &mut App, w: u16, h: u16) -> String {
    app.update(RuntimeEvent::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| vpcanvas::ui::render(app, f)).unwrap();
    vpcanvas::ui::buffer_to_text(t.backend().buffer())
}

/// One pain relieved, one gain created, one pain validated and open.
fn fitted() -> Canvas {
    let mut c = Canvas::new("Marks");
    let pain = c.push(Section::Pains, "Chasing late payments");
    let open = c.push(Section::Pains, "Tax surprises");
    c.set_status(open, vpcanvas::canvas::Status::Validated);
    let gain = c.push(Section::Gains, "Cash within a week");
    let reliever = c.push(Section::Relievers, "Automatic reminders");
    let creator = c.push(Section::Creators, "Pay-now button");
    c.set_link(reliever, pain, true);
    c.set_link(creator, gain, true);
    c
}

/// The walkthrough's last step, the fit summary.
fn summary(ascii: bool, w: u16, h: u16) -> String {
    let mut a = App::new(fitted(), "/tmp/marks.ron", true);
    a.ascii = ascii;
    a.update(Action::Projector);
    for _ in 0..6 {
        a.update(Action::StepNext);
    }
    let screen = draw(&mut a, w, h);
    assert!(screen.contains("Fit summary"), "{screen}");
    screen
}

/// The line that names `text`.
fn line_of<'a>(screen: &'a str, text: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("no {text:?} in\n{screen}"))
}

#[test]
fn the_fit_summary_marks_what_is_addressed_with_no_mark_of_proof() {
    for (w, h) in [(120, 40), (100, 30)] {
        let screen = summary(false, w, h);
        for text in ["Chasing late payments", "Cash within a week"] {
            let line = line_of(&screen, text);
            assert!(!line.contains('✓'), "reads as Validated: {line}");
            assert!(line.contains('↔'), "{line}");
        }
        let ascii = summary(true, w, h);
        for text in ["Chasing late payments", "Cash within a week"] {
            let line = line_of(&ascii, text);
            // `+` is the ASCII stand-in for Validated.
            assert!(!line.contains('+'), "reads as Validated: {line}");
            assert!(line.contains('='), "{line}");
        }
    }
}

/// Whether a cell is drawn in the big font (quadrant blocks).
fn big(c: char) -> bool {
    ('\u{2580}'..='\u{259f}').contains(&c)
}

const TYPED: &str = "Find the form for the insurer before the visit ends";

/// A long jobs list, the timer in its last minute, and a new job being
/// typed at the bottom of the list; the screen at `w`×`h`.
fn typing_in_the_last_minute(projector: bool, w: u16, h: u16) -> String {
    let mut c = Canvas::new("Ward");
    for n in 1..=14 {
        c.push(
            Section::Jobs,
            format!("Job number {n} that the nurses do on every shift"),
        );
    }
    let mut a = App::new(c, "/tmp/ward.ron", true);
    let t0 = a.now;
    if projector {
        a.update(Action::Projector);
    }
    a.update(Action::JumpTo(Section::Jobs));
    a.update(Action::SetTimer);
    a.update(Action::Confirm);
    a.update(Action::Bottom);
    a.update(Action::Add);
    for ch in TYPED.chars() {
        a.update(Action::Text(vpcanvas::app::TextEdit::Insert(ch)));
    }
    let minutes = a.timer.unwrap().remaining(t0);
    a.update(RuntimeEvent::Tick(
        t0 + minutes.saturating_sub(std::time::Duration::from_secs(42)),
    ));
    draw(&mut a, w, h)
}

/// Issue #25: the countdown was drawn over the items and the sentence
/// being typed. It has rows of its own; every typed word stays readable.
#[test]
fn the_last_minute_takes_its_own_rows_never_the_texts() {
    for projector in [true, false] {
        for (w, h) in [(100, 30), (120, 40)] {
            let screen = typing_in_the_last_minute(projector, w, h);
            let at = format!("projector {projector}, {w}×{h}:\n{screen}");
            // (Under the header, where a room's title is drawn large too.)
            let header = if projector { 5 } else { 1 };
            let glyph_rows: Vec<&str> = screen
                .lines()
                .skip(header)
                .filter(|l| l.chars().any(big))
                .collect();
            assert!(glyph_rows.len() >= 3, "no countdown drawn, {at}");
            // No word inside the columns the digits span.
            let cols = |row: &str| -> Vec<usize> {
                row.chars()
                    .enumerate()
                    .filter(|(_, c)| big(*c))
                    .map(|(x, _)| x)
                    .collect()
            };
            let xs: Vec<usize> = glyph_rows.iter().flat_map(|r| cols(r)).collect();
            let (left, right) = (*xs.iter().min().unwrap(), *xs.iter().max().unwrap());
            for row in &glyph_rows {
                let inside: String = row.chars().skip(left).take(right + 1 - left).collect();
                assert!(
                    !inside.chars().any(char::is_alphanumeric),
                    "the countdown covers words: {row:?}, {at}"
                );
            }
            let words: Vec<&str> = screen.split_whitespace().collect();
            for word in TYPED.split(' ') {
                assert!(words.contains(&word), "{word:?} is covered, {at}");
            }
        }
    }
}

/// Twelve pains, the last relieved by the one reliever.
fn far_link() -> Canvas {
    let mut c = Canvas::new("Links");
    for n in 1..=12 {
        c.push(
            Section::Pains,
            format!("Pain {n}: forms get lost between the ward and the pharmacy"),
        );
    }
    let last = c.items(Section::Pains)[11].id;
    let reliever = c.push(Section::Relievers, "Shared checklist at the bedside");
    c.set_link(reliever, last, true);
    c
}

/// Issue #25: selecting a reliever whose pain was scrolled out of its
/// section left the room looking at pains it does not relieve. The pain it
/// relieves comes into view, whole, beside it.
#[test]
fn selecting_a_reliever_brings_the_pain_it_relieves_into_view() {
    for projector in [false, true] {
        for (w, h) in [(100, 30), (120, 40)] {
            let mut a = App::new(far_link(), "/tmp/links.ron", true);
            if projector {
                a.update(Action::Projector);
            }
            a.update(Action::JumpTo(Section::Pains));
            a.update(Action::Top);
            a.update(RuntimeEvent::Resize(w, h));
            let before = draw(&mut a, w, h);
            if !projector {
                // (In projector mode the pains are zoomed now, all of them.)
                assert!(
                    !before.contains("Pain 12:"),
                    "the test needs it out of view:\n{before}"
                );
            }
            a.update(Action::JumpTo(Section::Relievers));
            let full = draw(&mut a, w, h);
            // In the pains' own box (the line under the canvas names it too).
            let area = ratatui::layout::Rect::new(0, 0, w, h);
            let pains = a.areas(area).sections[Section::Pains.index()];
            let mut buf = ratatui::buffer::Buffer::empty(area);
            vpcanvas::ui::draw(&a, area, &mut buf);
            let screen: String = (pains.top()..pains.bottom())
                .map(|y| {
                    let row: String = (pains.left()..pains.right())
                        .map(|x| buf[(x, y)].symbol().to_owned())
                        .collect();
                    row + "\n"
                })
                .collect();
            let at = format!("projector {projector}, {w}×{h}:\n{screen}\n{full}");
            assert!(screen.contains("Pain 12:"), "{at}");
            if !projector {
                // Whole: its last words too.
                assert!(screen.contains("pharmacy"), "{at}");
            }
        }
    }
}

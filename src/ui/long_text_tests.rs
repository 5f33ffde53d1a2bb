//! A very long item (issue #27): a key typed in it, and the frame drawn
//! after the key, cost what they cost in a short one; so do moving past it
//! and the coach's word on it. Counted in the bytes of text read whole
//! (wrapped, looked up, cleaned, read by the coach), which must not grow
//! with the item's length.

#![allow(clippy::unwrap_used)]

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{Action, App, RuntimeEvent, TextEdit};
use crate::canvas::{Canvas, Section};
use crate::text::read_whole;

/// About 1 MB of words.
fn long_words() -> String {
    "Clients pay late and we chase them every single week. ".repeat(19_000)
}

/// An editor whose first pain is `text` (a short one below it), focused on
/// it, drawn once at 120×40.
fn drawn_on_long(text: &str) -> (App, Buffer) {
    let mut c = Canvas::new("Invoicing");
    c.push(Section::Pains, text);
    c.push(Section::Pains, "Tax surprises");
    c.push(Section::Gains, "Predictable cash flow");
    let mut a = App::new(c, "/nonexistent/test.ron", true);
    a.update(RuntimeEvent::Resize(120, 40));
    a.update(Action::JumpTo(Section::Pains));
    let mut buf = Buffer::empty(Rect::new(0, 0, 120, 40));
    super::draw(&a, buf.area, &mut buf);
    (a, buf)
}

fn draw(a: &App, buf: &mut Buffer) {
    buf.reset();
    super::draw(a, buf.area, buf);
}

#[test]
fn a_key_typed_in_a_long_item_and_its_frame_wrap_only_near_the_key() {
    let (mut a, mut buf) = drawn_on_long(&long_words());
    a.update(Action::Edit);
    draw(&a, &mut buf);
    for _ in 0..500 {
        a.update(Action::Text(TextEdit::WordLeft));
    }
    draw(&a, &mut buf);
    read_whole::take();
    for c in "late fees ".chars() {
        a.update(Action::Text(TextEdit::Insert(c)));
        draw(&a, &mut buf);
        let read = read_whole::take();
        assert!(read < 100_000, "{read} bytes read whole for one key");
    }
    a.update(Action::Text(TextEdit::Backspace));
    draw(&a, &mut buf);
    let read = read_whole::take();
    assert!(
        read < 10_000,
        "{read} bytes wrapped whole for one Backspace"
    );
    // What is drawn is the text as typed.
    let screen = super::buffer_to_text(&buf);
    assert!(screen.contains("feesthem"), "{screen}");
}

#[test]
fn moving_past_a_long_item_reads_it_no_more() {
    let (mut a, mut buf) = drawn_on_long(&long_words());
    // The first frame read it; moving on and back, and each frame, do not.
    read_whole::take();
    for action in [Action::Down, Action::Up, Action::Down, Action::Up] {
        a.update(action);
        draw(&a, &mut buf);
        let read = read_whole::take();
        assert!(read < 100_000, "{read} bytes read whole for one move");
    }
    // The line under the canvas still tells the coach's word on it.
    let screen = super::buffer_to_text(&buf);
    assert!(screen.contains("Add a number"), "{screen}");
    assert!(screen.contains("+2 more"), "{screen}");
    assert!(screen.contains("Clients pay late"), "{screen}");
}

#[test]
fn the_coach_on_a_long_text_being_typed_reads_only_its_start() {
    let (mut a, mut buf) = drawn_on_long("Late payments");
    a.update(Action::Add);
    a.update(Action::Paste(long_words()));
    draw(&a, &mut buf);
    read_whole::take();
    a.update(Action::Text(TextEdit::Insert('x')));
    draw(&a, &mut buf);
    let read = read_whole::take();
    assert!(read < 100_000, "{read} bytes read whole for one key");
    let screen = super::buffer_to_text(&buf);
    assert!(
        screen.contains("Over 65") && screen.contains("characters: one idea per note"),
        "{screen}"
    );
}

#[test]
fn an_item_linked_to_a_long_one_draws_without_reading_it_whole() {
    let mut c = Canvas::new("Invoicing");
    let pain = c.push(Section::Pains, long_words());
    let reliever = c.push(Section::Relievers, "Polite reminders");
    c.set_link(reliever, pain, true);
    let mut a = App::new(c, "/nonexistent/test.ron", true);
    a.update(RuntimeEvent::Resize(120, 40));
    a.update(Action::JumpTo(Section::Relievers));
    let mut buf = Buffer::empty(Rect::new(0, 0, 120, 40));
    draw(&a, &mut buf);
    read_whole::take();
    draw(&a, &mut buf);
    let read = read_whole::take();
    assert!(read < 100_000, "{read} bytes read whole for one frame");
    // The line under the canvas still names what it relieves.
    let screen = super::buffer_to_text(&buf);
    assert!(screen.contains("relieves: Clients pay late"), "{screen}");
}

#[test]
fn the_coach_word_on_a_long_item_carries_no_copy_of_it() {
    // Drawn every frame: the line under the canvas needs the messages only.
    let (a, _) = drawn_on_long(&long_words());
    let hints = a.selected_hints();
    assert!(hints.len() > 1, "{hints:?}");
    assert!(hints.iter().all(|h| h.text.is_none()), "a copy of the item");
}

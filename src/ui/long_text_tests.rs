//! A very long item (issue #27): a key typed in it, and the frame drawn
//! after the key, cost what they cost in a short one. Counted in the bytes
//! whole-text wrapping reads, which must not grow with the item's length.

#![allow(clippy::unwrap_used)]

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{Action, App, RuntimeEvent, TextEdit};
use crate::canvas::{Canvas, Section};
use crate::text::wrap::wrapped_whole;

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
    wrapped_whole::take();
    for c in "late fees ".chars() {
        a.update(Action::Text(TextEdit::Insert(c)));
        draw(&a, &mut buf);
        let read = wrapped_whole::take();
        assert!(read < 10_000, "{read} bytes wrapped whole for one key");
    }
    a.update(Action::Text(TextEdit::Backspace));
    draw(&a, &mut buf);
    let read = wrapped_whole::take();
    assert!(
        read < 10_000,
        "{read} bytes wrapped whole for one Backspace"
    );
    // What is drawn is the text as typed.
    let screen = super::buffer_to_text(&buf);
    assert!(screen.contains("feesthem"), "{screen}");
}

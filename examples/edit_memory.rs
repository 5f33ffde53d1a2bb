//! Peak memory while editing a big canvas: N items, then 50 edits with undo
//! history, each drawn as the editor draws it (so the coach's marks are
//! read too). Run under `/usr/bin/time -v` and read "Maximum resident set
//! size".
//!
//! `cargo run --release --example edit_memory -- 100000`

// An example program prints its result; the library itself goes through `output`.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use vpcanvas::app::{Action, App, RuntimeEvent};
use vpcanvas::canvas::Section;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let canvas = vpcanvas::synth::synthetic(n, 1);
    let mut app = App::new(canvas, "/tmp/edit-memory.ron", false);
    app.update(RuntimeEvent::Resize(200, 60));
    let area = Rect::new(0, 0, 200, 60);
    let mut frame = Buffer::empty(area);
    app.update(Action::JumpTo(Section::Pains));
    for i in 0..50 {
        frame.reset();
        vpcanvas::ui::draw(&app, area, &mut frame);
        let action = if i % 2 == 0 {
            Action::LevelUp
        } else {
            Action::LevelDown
        };
        app.update(action);
        app.update(Action::Down);
    }
    println!(
        "{} items, 50 edits kept for undo",
        app.canvas().item_count()
    );
}

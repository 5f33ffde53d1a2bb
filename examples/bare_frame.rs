//! The start-up floor: a bare ratatui program that draws a frame of a few
//! bordered blocks and a paragraph into a `Buffer` and prints it, like
//! `vpcanvas show FILE --width 120 --height 40` does. Compare the two with
//! `hyperfine` (see README, "Performance").

use std::io::Write;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

fn main() {
    let area = Rect::new(0, 0, 120, 40);
    let mut buf = Buffer::empty(area);
    let halves = Layout::horizontal([Constraint::Percentage(50); 2]).split(area);
    for half in halves.iter() {
        let rows = Layout::vertical([Constraint::Ratio(1, 3); 3]).split(*half);
        for row in rows.iter() {
            Paragraph::new("Some words in a box, wrapped to the width of the box. ".repeat(4))
                .wrap(Wrap { trim: true })
                .block(Block::bordered().title(" Section "))
                .render(*row, &mut buf);
        }
    }
    let mut out = String::new();
    for y in 0..area.height {
        let line: String = (0..area.width).map(|x| buf[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    // A closed pipe is not an error for a benchmark helper.
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
}

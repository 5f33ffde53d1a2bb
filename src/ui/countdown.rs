//! The timer told large, for the back of the room: its last minute as big
//! digits in a band of its own under the canvas (the layout gives up those
//! rows, so no word is ever covered), and at zero "Time's up" across the
//! middle until the next key. The corner tag in the header stays as it was.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::app::{Action, App};
use crate::input::Context;
use crate::input::keymap::key_for;
use crate::layout::{Areas, BIG_GLYPH, centered};

use super::overlay::framed;

/// The words at zero, drawn in the big font (on two lines where one is too wide).
const TIMES_UP: [&str; 2] = ["TIME'S", "UP"];

/// Draws whichever the timer calls for now: the last minute, or time's up.
pub fn draw(app: &App, a: &Areas, area: Rect, buf: &mut Buffer) {
    if app.times_up_shown() {
        times_up(app, area, buf);
    } else if let Some(label) = app.last_minute() {
        last_minute(app, &label, a.countdown, buf);
    }
}

/// The width in cells of `text` in the big font.
fn big_width(text: &str) -> u16 {
    crate::layout::cells(text.chars().count()).saturating_mul(BIG_GLYPH)
}

/// "0:42" in big digits, framed, at the right of its `band` (empty when
/// the screen had no rows to spare: the header's tag then says it alone).
fn last_minute(app: &App, label: &str, band: Rect, buf: &mut Buffer) {
    let t = app.active_theme();
    let paused = app.timer.is_some_and(|t| !t.is_running());
    let title = if paused { " paused " } else { " last minute " };
    let (w, h) = (big_width(label) + 4, BIG_GLYPH + 2);
    if band.width < w + 1 || band.height < h {
        return;
    }
    let rect = Rect::new(band.right() - w - 1, band.y, w, h);
    let inner = framed(
        rect,
        title,
        "",
        (t.status_warning, t.dim),
        t.status_warning,
        buf,
    );
    let digits = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    big(label, digits, t.status_warning, buf);
}

/// "TIME'S UP" across the middle of the screen, with how to go on.
fn times_up(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.active_theme();
    let one_line = TIMES_UP.join(" ");
    let lines: Vec<&str> = if big_width(&one_line) + 6 <= area.width {
        vec![&one_line]
    } else {
        TIMES_UP.to_vec()
    };
    let widest = lines.iter().map(|l| big_width(l)).max().unwrap_or(0);
    let glyph_rows = crate::layout::cells(lines.len()) * BIG_GLYPH;
    let (w, h) = (widest + 4, glyph_rows + 3);
    let new_timer = key_for(Context::Canvas, &Action::SetTimer);
    let hint = format!(" {new_timer} sets a new timer · any key closes this ");
    if area.width < w || area.height < h {
        // No room for the big words: say it plainly, framed, in the middle.
        let rect = centered(area, 30, 3);
        let inner = framed(rect, "", "", (t.status_error, t.dim), t.status_error, buf);
        Paragraph::new(Line::styled("Time's up", t.status_error))
            .alignment(Alignment::Center)
            .render(inner, buf);
        return;
    }
    let rect = centered(
        area,
        w.max(crate::layout::cells(hint.chars().count()) + 2),
        h,
    );
    let inner = framed(
        rect,
        " time's up ",
        &hint,
        (t.status_error, t.dim),
        t.status_error,
        buf,
    );
    let words = Rect {
        x: inner.x + (inner.width.saturating_sub(widest)) / 2,
        y: inner.y + 1,
        width: widest.min(inner.width),
        height: glyph_rows,
    };
    for (i, line) in lines.iter().enumerate() {
        let row = Rect {
            y: words.y + crate::layout::cells(i) * BIG_GLYPH,
            height: BIG_GLYPH,
            ..words
        };
        // Each line centred in the words' column.
        let pad = (widest - big_width(line)) / 2;
        big(
            line,
            Rect {
                x: row.x + pad,
                width: big_width(line),
                ..row
            },
            t.status_error,
            buf,
        );
    }
}

/// `text` in the big font (ASCII only here), filling `rect` from its top left.
fn big(text: &str, rect: Rect, style: ratatui::style::Style, buf: &mut Buffer) {
    if rect.width == 0 || rect.height == 0 {
        return;
    }
    tui_big_text::BigText::builder()
        .pixel_size(tui_big_text::PixelSize::Quadrant)
        .style(style)
        .lines(vec![Line::from(text.to_owned())])
        .build()
        .render(rect, buf);
}

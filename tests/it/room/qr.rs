//! The QR code on the panel, read back from the drawn cells by a decoder:
//! it must say the join address, at the editor's size and, bigger, in
//! projector mode.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;

use vpcanvas::app::{Action, App, RuntimeEvent};
use vpcanvas::canvas::Canvas;

const URL: &str = "http://192.168.100.200:7878/0123456789ABCDEF01234567/";

fn drawn(projector: bool, w: u16, h: u16) -> Buffer {
    let mut app = App::new(Canvas::new("QR"), "/nonexistent/qr.ron", false);
    app.update(RuntimeEvent::Resize(w, h));
    if projector {
        app.update(Action::Projector);
    }
    let effects = app.update(Action::Room);
    assert!(!effects.is_empty(), "R asks to open the room");
    app.update(RuntimeEvent::RoomOpened(Ok(URL.to_owned())));
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    vpcanvas::ui::draw(&app, buf.area, &mut buf);
    buf
}

/// The modules the half-block cells show: two per cell, upper and lower.
/// Returns the grid and how many cells wide one module is.
fn modules(buf: &Buffer) -> (Vec<Vec<bool>>, usize) {
    let area = buf.area;
    let cells: Vec<(u16, u16)> = (0..area.height)
        .flat_map(|y| (0..area.width).map(move |x| (x, y)))
        .filter(|p| buf[*p].symbol() == "▀")
        .collect();
    assert!(!cells.is_empty(), "no code drawn");
    let (x0, y0) = (
        cells.iter().map(|c| c.0).min().unwrap(),
        cells.iter().map(|c| c.1).min().unwrap(),
    );
    let (x1, y1) = (
        cells.iter().map(|c| c.0).max().unwrap(),
        cells.iter().map(|c| c.1).max().unwrap(),
    );
    let dark = |c: Color| c == Color::Indexed(16);
    let mut rows = Vec::new();
    for y in y0..=y1 {
        let (mut top, mut bottom) = (Vec::new(), Vec::new());
        for x in x0..=x1 {
            let cell = &buf[(x, y)];
            top.push(dark(cell.fg));
            bottom.push(dark(cell.bg));
        }
        rows.push(top);
        rows.push(bottom);
    }
    let width = usize::from(x1 - x0 + 1);
    (rows, width)
}

fn decode(rows: &[Vec<bool>]) -> String {
    // Each cell column a pixel wide, each half cell a pixel high: scale up
    // so the decoder sees square modules.
    let (w, h) = (rows[0].len(), rows.len());
    let scale = 4;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w * scale, h * scale, |x, y| {
        if rows[y / scale][x / scale] { 0 } else { 255 }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one code");
    grids[0].decode().unwrap().1
}

#[test]
fn the_panels_code_reads_back_as_the_join_address() {
    let buf = drawn(false, 120, 40);
    let (rows, width) = modules(&buf);
    // A quiet zone of 4 light modules all round.
    assert!(rows[..4].iter().all(|r| r.iter().all(|d| !d)));
    assert!(rows.iter().all(|r| r[..4].iter().all(|d| !d)));
    assert_eq!(decode(&rows).to_lowercase(), URL.to_lowercase());
    // The address is there as text, as typed.
    let text = vpcanvas::ui::buffer_to_text(&buf);
    assert!(text.contains(URL), "{text}");
    assert!(width >= 33);
}

#[test]
fn in_projector_mode_the_code_is_drawn_twice_as_big() {
    let small = modules(&drawn(false, 120, 40)).1;
    let buf = drawn(true, 120, 40);
    let (rows, width) = modules(&buf);
    assert_eq!(width, 2 * small, "modules two cells wide");
    // Two cells per module across and a whole row down: halve both to read it.
    let halved: Vec<Vec<bool>> = rows
        .iter()
        .step_by(2)
        .map(|r| r.iter().step_by(2).copied().collect())
        .collect();
    assert_eq!(decode(&halved).to_lowercase(), URL.to_lowercase());
}

#[test]
fn the_panel_draws_at_every_size_without_a_panic() {
    for projector in [false, true] {
        for w in (1..=130).step_by(7) {
            for h in (1..=45).step_by(4) {
                let mut app = App::new(Canvas::new("QR"), "/nonexistent/qr.ron", false);
                app.update(RuntimeEvent::Resize(w, h));
                if projector {
                    app.update(Action::Projector);
                }
                app.update(Action::Room);
                app.update(RuntimeEvent::RoomOpened(Ok(URL.to_owned())));
                app.update(Action::Vote);
                let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
                vpcanvas::ui::draw(&app, buf.area, &mut buf);
                app.update(Action::Cancel);
                vpcanvas::ui::draw(&app, buf.area, &mut buf);
            }
        }
    }
}

//! Every word, everywhere (#25, SPEC §5): the lists in overlays (evidence
//! notes, what to test next, find's results, the coach, the board's
//! picker) wrap their entries as the canvas wraps items, the selected one
//! always whole; the note and statement fields wrap as the item editor's
//! does; and a long status message is never cut mid-word.

#![allow(clippy::unwrap_used)]

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use vpcanvas::app::{Action, App, RuntimeEvent, TextEdit};
use vpcanvas::canvas::{Canvas, Section};

const SIZES: [(u16, u16); 2] = [(100, 30), (120, 40)];

/// A sentence longer than any overlay is wide, of words found nowhere else.
const LONG: &str = "Discharge letters vanish somewhere between the ward printer, \
    the porter's trolley and the relatives waiting downstairs in reception, \
    every single evening shift";

/// A note as long, typed in the notes view.
const NOTE: &str = "Heard from the night sister on ward seven: printouts pile up \
    beside the fax machine until the morning handover finishes, two hours late";

fn canvas() -> Canvas {
    let mut c = Canvas::new("Ward");
    c.alternatives = vec!["Paper".into()];
    let pain = c.push(Section::Pains, LONG);
    c.set_evidence(pain, vec!["short note".into(), LONG.into()]);
    c.push(Section::Pains, "Short pain");
    c.push(Section::Gains, "Calm handovers");
    c
}

fn app() -> App {
    let mut a = App::new(canvas(), "/tmp/ward.ron", true);
    a.update(Action::JumpTo(Section::Pains));
    a
}

fn typed(a: &mut App, text: &str) {
    for c in text.chars() {
        a.update(Action::Text(TextEdit::Insert(c)));
    }
}

/// The text drawn inside `rect`, row by row.
fn region(buf: &Buffer, rect: Rect) -> String {
    let mut out = String::new();
    for y in rect.top()..rect.bottom() {
        for x in rect.left()..rect.right() {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// Draws at `w`×`h`; the text of the open overlay (or the whole screen).
fn overlay_text(a: &mut App, w: u16, h: u16) -> String {
    a.update(RuntimeEvent::Resize(w, h));
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    vpcanvas::ui::draw(a, area, &mut buf);
    region(&buf, a.overlay_area(area).unwrap_or(area))
}

/// Every word of `text` stands whole in `shown` (never cut with `…`).
fn assert_whole(shown: &str, text: &str, at: &str) {
    let tokens: Vec<&str> = shown
        .split(|c: char| c.is_whitespace() || "│┃║|›•".contains(c))
        .collect();
    for word in text.split_whitespace() {
        assert!(
            tokens.contains(&word),
            "{word:?} is not whole, {at}:\n{shown}"
        );
    }
}

#[test]
fn the_selected_evidence_note_is_whole() {
    for (w, h) in SIZES {
        let mut a = app();
        a.update(Action::Notes);
        a.update(Action::Down);
        let shown = overlay_text(&mut a, w, h);
        assert_whole(&shown, LONG, &format!("{w}×{h}"));
    }
}

#[test]
fn a_note_being_typed_wraps_whole() {
    for (w, h) in SIZES {
        let mut a = app();
        a.update(Action::Notes);
        a.update(Action::Add);
        typed(&mut a, NOTE);
        let shown = overlay_text(&mut a, w, h);
        assert_whole(&shown, NOTE, &format!("{w}×{h}"));
    }
}

#[test]
fn test_next_shows_the_selected_item_whole() {
    for (w, h) in SIZES {
        let mut a = app();
        a.update(Action::TestNext);
        let shown = overlay_text(&mut a, w, h);
        assert_whole(&shown, LONG, &format!("{w}×{h}"));
    }
}

#[test]
fn find_shows_the_chosen_match_whole() {
    for (w, h) in SIZES {
        let mut a = app();
        a.update(Action::JumpTo(Section::Gains));
        a.update(Action::Find);
        typed(&mut a, "reception");
        let shown = overlay_text(&mut a, w, h);
        // (Below the query, which holds the word too.)
        let list: String = shown.lines().skip(3).collect::<Vec<_>>().join("\n");
        assert_whole(&list, LONG, &format!("{w}×{h}"));
    }
}

#[test]
fn the_coach_names_what_a_hint_is_about_whole() {
    for (w, h) in SIZES {
        let mut a = app();
        a.update(Action::Coach);
        // Down to a hint about the long pain.
        let mut shown = overlay_text(&mut a, w, h);
        for _ in 0..8 {
            if shown.contains("▶ ")
                && shown
                    .lines()
                    .any(|l| l.contains("▶ ") && l.contains("Discharge"))
            {
                break;
            }
            a.update(Action::Down);
            shown = overlay_text(&mut a, w, h);
        }
        assert_whole(&shown, LONG, &format!("{w}×{h}"));
    }
}

#[test]
fn the_statements_text_field_wraps_whole() {
    for (w, h) in SIZES {
        let mut a = app();
        a.update(Action::Statement);
        a.update(Action::Edit);
        a.update(Action::Text(TextEdit::ClearToStart));
        typed(&mut a, LONG);
        let shown = overlay_text(&mut a, w, h);
        assert_whole(&shown, LONG, &format!("{w}×{h}"));
    }
}

#[test]
fn the_boards_item_picker_shows_items_whole() {
    for (w, h) in SIZES {
        let mut a = app();
        a.update(Action::Board);
        a.update(Action::Add);
        for _ in 0..5 {
            a.update(Action::Down);
        }
        a.update(Action::Edit);
        let shown = overlay_text(&mut a, w, h);
        assert!(shown.contains(": pick "), "{shown}");
        let picker: String = shown
            .lines()
            .skip_while(|l| !l.contains(": pick "))
            .collect::<Vec<_>>()
            .join("\n");
        assert_whole(&picker, LONG, &format!("{w}×{h}"));
    }
}

/// A message longer than the footer's line: the words the issue saw cut
/// were the end of a copy's "… through the terminal (OSC 52)".
#[test]
fn a_long_status_message_is_never_cut_mid_word() {
    for (w, h) in SIZES {
        let mut a = app();
        a.update(RuntimeEvent::Copied {
            what: "the canvas as Markdown, with every section and its ranked items".into(),
            result: Ok(vpcanvas::clipboard::Route::Terminal),
        });
        let status = a.status.clone().unwrap().text;
        assert!(status.contains("(OSC 52)"), "{status}");
        let screen = overlay_text(&mut a, w, h);
        let bottom: String = screen
            .lines()
            .skip(usize::from(h) - 2)
            .collect::<Vec<_>>()
            .join("\n");
        assert_whole(&bottom, &status, &format!("{w}×{h}"));
    }
}

//! Every word readable (issue #10, SPEC §5): items wrap in every layout and
//! size, sections share their half by what they hold, the mouse hits every
//! line of a wrapped item, and the bundled examples read whole on screen.
//!
//! Snapshots of both bundled examples and of a canvas of long, CJK and emoji
//! texts at 200×50, 120×40, 80×24 and 40×12. Accept new ones with
//! `INSTA_UPDATE=always cargo test --test it wrapping` and read them.

#![allow(clippy::unwrap_used)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use vpcanvas::app::{Action, App, RuntimeEvent};
use vpcanvas::canvas::{Canvas, Section};
use vpcanvas::examples::Example;
use vpcanvas::theme::Theme;
use vpcanvas::ui;

const SIZES: [(u16, u16); 4] = [(200, 50), (120, 40), (80, 24), (40, 12)];

/// Long sentences (80–140 characters), Japanese without spaces, emoji with
/// joiners and skin tones, and a word longer than any column.
fn long_texts() -> Canvas {
    let mut c = Canvas::new("Long words, 日本語 and 👩‍💻");
    c.segment = "Teams who write long sentences".into();
    c.alternatives = vec![
        "Whiteboards".into(),
        "A shared spreadsheet nobody updates".into(),
    ];
    c.push(
        Section::Jobs,
        "Turn a messy week of client calls, emails and half-written notes into one plan the whole team can follow",
    );
    c.push(
        Section::Jobs,
        "請求書を月末までに全部送って、入金を確認してから次の仕事を始める",
    );
    c.push(
        Section::Pains,
        "Clients pay weeks after the due date and I lose 4% to bank conversion fees every single time 😩",
    );
    c.push(
        Section::Pains,
        "Pneumonoultramicroscopicsilicovolcanoconiosis-level jargon in every contract we are sent",
    );
    c.push(
        Section::Gains,
        "👩‍💻👩🏽‍🚀 A team that knows what to do on Monday morning without a single meeting",
    );
    c.push(
        Section::Products,
        "A planner that reads the inbox and proposes the week, in plain words, for everyone",
    );
    c.push(
        Section::Relievers,
        "Reminders that go out on the due date, in the client's own language: お支払いのお願い",
    );
    c.push(
        Section::Creators,
        "A Monday summary of who does what, sent before anyone opens their laptop ☕",
    );
    c
}

fn app_on(canvas: Canvas) -> App {
    let mut app = App::new(canvas, "/somewhere/long.ron", true);
    app.theme = Theme::colour();
    app
}

fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    app.update(RuntimeEvent::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| ui::render(app, f)).unwrap();
    terminal
}

fn screen(t: &Terminal<TestBackend>) -> String {
    ui::buffer_to_text(t.backend().buffer())
}

/// The screen's words in order, box drawing and markers left out.
fn words(screen: &str) -> Vec<String> {
    screen
        .split(|c: char| c.is_whitespace() || "│┃║─━╭╮╰╯┌┐└┘┏┓┗┛├┤▶◆●○›!?".contains(c))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether `text` reads whole, in order, in one column of the screen (the
/// cells from `x` to `x + width`), as a wrapped item does. Compared without
/// spaces, since a word wider than the column breaks inside it.
fn reads_whole_in(screen: &str, x: usize, width: usize, text: &str) -> bool {
    let column: String = screen
        .lines()
        .map(|l| cells_of(l, x, width))
        .collect::<Vec<_>>()
        .join(" ");
    let column = words(&column).concat();
    let want = words(text).concat();
    column.contains(&want)
}

/// The characters drawn in cells `x..x + width` of a screen line.
fn cells_of(line: &str, x: usize, width: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let mut col = 0;
    let mut out = String::new();
    for g in line.graphemes(true) {
        if col >= x && col < x + width {
            out.push_str(g);
        }
        col += vpcanvas::text::wrap::cells(g).max(1);
    }
    out
}

/// The column (x, width) a section's items are drawn in at a size.
fn column_of(app: &App, w: u16, h: u16, section: Section) -> (usize, usize) {
    let areas = app.areas(ratatui::layout::Rect::new(0, 0, w, h));
    let list = vpcanvas::layout::list_area(&areas, section);
    (usize::from(list.x), usize::from(list.width))
}

#[test]
fn snapshots_of_the_examples_and_long_texts_at_every_size() {
    let canvases = [
        ("invoicing", Example::Invoicing.canvas().unwrap()),
        ("meals", Example::Meals.canvas().unwrap()),
        ("long", long_texts()),
    ];
    for (name, canvas) in canvases {
        for (w, h) in SIZES {
            let mut app = app_on(canvas.clone());
            let t = draw(&mut app, w, h);
            let text = screen(&t);
            assert!(
                text.lines()
                    .all(|l| vpcanvas::text::wrap::cells(l) <= usize::from(w)),
                "{name} {w}×{h}:\n{text}"
            );
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
        }
    }
}

/// Done means: at 120×40 every item of both bundled examples reads whole on
/// screen, without selecting it.
#[test]
fn every_item_of_the_examples_reads_whole_at_120x40() {
    for example in [Example::Invoicing, Example::Meals] {
        let canvas = example.canvas().unwrap();
        let mut app = app_on(canvas.clone());
        let text = screen(&draw(&mut app, 120, 40));
        for section in Section::ALL {
            let (x, width) = column_of(&app, 120, 40, section);
            for item in canvas.items(section) {
                assert!(
                    reads_whole_in(&text, x, width, &item.text),
                    "{:?} is not whole on screen:\n{text}",
                    item.text
                );
            }
        }
    }
}

#[test]
fn long_texts_read_whole_at_200x50_and_120x40() {
    let canvas = long_texts();
    for (w, h) in [(200, 50), (120, 40)] {
        let mut app = app_on(canvas.clone());
        let text = screen(&draw(&mut app, w, h));
        for section in Section::ALL {
            let (x, width) = column_of(&app, w, h, section);
            for item in canvas.items(section) {
                assert!(
                    reads_whole_in(&text, x, width, &item.text),
                    "{w}×{h}: {:?} is not whole:\n{text}",
                    item.text
                );
            }
        }
        // The alternatives are on the canvas too.
        assert!(text.contains("Alternatives"), "{text}");
        assert!(
            words(&text)
                .join(" ")
                .contains("A shared spreadsheet nobody updates"),
            "{text}"
        );
    }
}

#[test]
fn a_section_that_cannot_show_all_says_how_many_are_above_and_below() {
    let mut canvas = long_texts();
    for i in 0..30 {
        canvas.push(
            Section::Pains,
            format!("Pain number {i} with enough words to wrap onto a second line"),
        );
    }
    let mut app = app_on(canvas);
    app.update(Action::JumpTo(Section::Pains));
    let text = screen(&draw(&mut app, 120, 40));
    let title = text.lines().find(|l| l.contains("5 Pains (32)")).unwrap();
    assert!(title.contains('↓'), "{title}");
    assert!(!title.contains('↑'), "{title}");
    for _ in 0..15 {
        app.update(Action::Down);
    }
    let text = screen(&draw(&mut app, 120, 40));
    let title = text.lines().find(|l| l.contains("5 Pains (32)")).unwrap();
    assert!(title.contains('↑') && title.contains('↓'), "{title}");
    // The selected item is whole.
    let (x, width) = column_of(&app, 120, 40, Section::Pains);
    assert!(
        reads_whole_in(
            &text,
            x,
            width,
            "Pain number 13 with enough words to wrap onto a second line"
        ),
        "{text}"
    );
}

#[test]
fn a_click_on_any_line_of_a_wrapped_item_selects_it() {
    let canvas = long_texts();
    let mut app = app_on(canvas);
    let text = screen(&draw(&mut app, 120, 40));
    // The second pain's last line: the row under "contract we are".
    let y = text
        .lines()
        .position(|l| l.contains("contract we are"))
        .unwrap()
        + 1;
    let row = text.lines().nth(y).unwrap();
    let x = row.chars().position(|c| c == 's').unwrap();
    assert!(row.contains("sent"), "{row}");
    let first = text.lines().position(|l| l.contains("Pneumono")).unwrap();
    assert!(y > first, "the item wraps:\n{text}");
    app.update(Action::Click(x as u16, y as u16));
    assert_eq!(app.focus, Section::Pains);
    assert_eq!(app.selected_index(Section::Pains), 1);
}

/// The zoomed panel's column in a projector screen: the cells between the
/// first two thick frame lines of each row.
fn zoomed_column(screen: &str) -> String {
    let rows: Vec<String> = screen
        .lines()
        .filter_map(|l| {
            let mut parts = l.split('┃');
            parts.next()?;
            parts.next().map(str::to_owned)
        })
        .collect();
    words(&rows.join(" ")).join(" ")
}

/// A room reads the sentence being typed, whole, while it is typed and after.
#[test]
fn a_long_pain_typed_in_projector_mode_reads_whole_while_typing_and_after() {
    let pain = "Clients pay weeks after the due date, so every month I chase invoices by hand and lose 4% to bank conversion fees";
    assert!((110..=130).contains(&pain.len()));
    let s = crate::scenarios::Session::new();
    // p opens projector mode on the jobs; ] steps to the pains, zoomed.
    let ran = s.run(&format!("p ] a \"{pain}\" <snap> <enter> <snap> q"));
    let [typing, kept] = &ran.snaps[..] else {
        panic!("{} snaps", ran.snaps.len())
    };
    let want = words(pain).join(" ");
    for (when, snap) in [("while typing", typing), ("after Enter", kept)] {
        assert!(
            zoomed_column(&snap.screen).contains(&want),
            "{when}, the pain is not whole in the zoomed panel:\n{}",
            snap.screen
        );
    }
    assert!(s.text().contains(pain), "{}", s.text());
}

//! Rendering: snapshots of the editor at fixed sizes, a sweep over every size
//! that only asserts "no panic", and the monochrome theme.
//!
//! The canvas is built here rather than taken from the bundled example, so
//! the snapshots change only when the drawing does. Accept new snapshots with
//! `INSTA_UPDATE=always cargo test --test it render` and review the `.snap` files.

#![allow(clippy::unwrap_used)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;

use vpcanvas::app::{Action, App, RuntimeEvent, TextEdit};
use vpcanvas::canvas::{Canvas, ItemId, Level, Section};
use vpcanvas::examples::Example;
use vpcanvas::storage::StorageError;
use vpcanvas::theme::Theme;
use vpcanvas::ui;

/// A failed write, as the storage layer reports it.
fn write_error(why: &str) -> StorageError {
    StorageError::Io {
        path: "pitch.ron".into(),
        source: std::io::Error::other(why.to_owned()),
    }
}

const LATE: ItemId = 3;
const TAX: ItemId = 4;

/// Two or three items per section; one pain ("Tax surprises") and one gain
/// ("Less admin") that nothing addresses, one creator that creates nothing.
pub(crate) fn canvas() -> Canvas {
    let mut c = Canvas::new("Invoicing for freelancers");
    c.segment = "Freelance designers".into();
    c.alternatives = vec!["Spreadsheets".into()];
    let paid = c.push(Section::Jobs, "Get paid on time");
    c.push(Section::Jobs, "Look professional to clients");
    let late = c.push(Section::Pains, "Late payments");
    let tax = c.push(Section::Pains, "Tax surprises");
    assert_eq!((late, tax), (LATE, TAX));
    let cash = c.push(Section::Gains, "Predictable cash flow");
    c.push(Section::Gains, "Less admin");
    let app = c.push(Section::Products, "Invoicing web app");
    c.push(Section::Products, "Bookkeeper hotline");
    let remind = c.push(Section::Relievers, "Automatic payment reminders");
    let forecast = c.push(Section::Creators, "30-day cash-flow forecast");
    c.push(Section::Creators, "Branded invoice templates");
    c.set_level(paid, Level::High);
    c.set_level(late, Level::High);
    c.set_level(tax, Level::Low);
    assert!(c.set_link(app, paid, true));
    assert!(c.set_link(remind, late, true));
    assert!(c.set_link(forecast, cash, true));
    c
}

/// A canvas that stresses the drawing: long and wide text, many items.
fn crowded() -> Canvas {
    let mut c = canvas();
    c.title = "A very long title that will not fit on a narrow terminal at all, 日本語".into();
    for i in 0..25 {
        c.push(
            Section::Pains,
            format!("Pain {i}: 請求書が遅れる and a long tail of words 👩‍💻 that goes on and on"),
        );
        c.push(Section::Relievers, format!("Reliever {i} e\u{301} \t tab"));
    }
    c
}

/// An editor on `canvas` with a fixed theme (`NO_COLOR` may be set), the pains
/// focused and the linked "Late payments" selected.
fn app_on(canvas: Canvas, theme: Theme) -> App {
    let mut app = App::new(canvas, "/somewhere/invoicing.ron", true);
    app.theme = theme;
    app.update(Action::JumpTo(Section::Pains));
    app
}

fn app() -> App {
    app_on(canvas(), Theme::colour())
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

fn line_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in\n{screen}"))
}

/// The screen line showing `item` as a list row (not the detail line): its
/// first line, found by its first two words (the rest may wrap).
fn row<'a>(screen: &'a str, item: &str) -> &'a str {
    let item = first_words(item);
    screen
        .lines()
        .find(|l| l.contains(&format!("● {item}")) || l.contains(&format!("○ {item}")))
        .unwrap_or_else(|| panic!("no row for {item:?} in\n{screen}"))
}

/// The first two words of an item, which fit on its first line.
fn first_words(item: &str) -> String {
    item.split(' ').take(2).collect::<Vec<_>>().join(" ")
}

/// The flag column of an item's row: the cell two before its level dots.
fn flag_of(screen: &str, item: &str) -> char {
    let line = row(screen, item);
    let chars: Vec<char> = line.chars().collect();
    let text: Vec<char> = first_words(item).chars().collect();
    let at = (0..chars.len())
        .find(|&i| chars[i..].starts_with(&text) && i >= 8)
        .unwrap();
    // Row layout: marker, flag, evidence cell, coach mark, space, three dots, space,
    // text.
    chars[at - 8]
}

// -- snapshots of the main screen ------------------------------------------------

#[test]
fn main_screen_120x40() {
    let mut app = app();
    let terminal = render(&mut app, 120, 40);
    let screen = text(&terminal);
    assert_eq!(flag_of(&screen, "Tax surprises"), '!');
    assert_eq!(flag_of(&screen, "Late payments"), ' ');
    assert!(
        line_with(&screen, "Automatic payment").contains('◆'),
        "{screen}"
    );
    insta::assert_snapshot!("main_120x40", terminal.backend());
}

#[test]
fn main_screen_80x24() {
    let mut app = app();
    let terminal = render(&mut app, 80, 24);
    let screen = text(&terminal);
    assert_eq!(flag_of(&screen, "Tax surprises"), '!');
    assert!(
        line_with(&screen, "Automatic payment").contains('◆'),
        "{screen}"
    );
    insta::assert_snapshot!("main_80x24", terminal.backend());
}

#[test]
fn main_screen_40x12() {
    let mut app = app();
    let terminal = render(&mut app, 40, 12);
    let screen = text(&terminal);
    assert_eq!(flag_of(&screen, "Tax surprises"), '!');
    insta::assert_snapshot!("main_40x12", terminal.backend());
}

/// Styles matter here: the selected row, the linked reliever and the flag.
#[test]
fn main_screen_80x24_styles() {
    let mut app = app();
    let terminal = render(&mut app, 80, 24);
    insta::assert_debug_snapshot!("main_80x24_styles", terminal.backend().buffer());
}

#[test]
fn a_flagged_selection_explains_itself_on_the_detail_line() {
    let mut app = app();
    app.update(Action::Down);
    let terminal = render(&mut app, 120, 40);
    let screen = text(&terminal);
    let detail = screen.lines().rev().nth(1).unwrap();
    assert!(detail.contains("! no pain reliever yet"), "{detail}");
    assert!(detail.contains("Tax surprises"), "{detail}");
}

#[test]
fn the_bundled_example_draws_at_every_snapshot_size() {
    let canvas = Example::Invoicing.canvas().unwrap();
    let first_job = canvas.items(Section::Jobs)[0].text.clone();
    let title: String = canvas.title.chars().take(12).collect();
    let mut app = app_on(canvas, Theme::colour());
    app.update(Action::JumpTo(Section::Jobs));
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let screen = text(&render(&mut app, w, h));
        assert!(screen.contains(&title), "{w}×{h}:\n{screen}");
        let start: String = first_job.chars().take(10).collect();
        assert!(screen.contains(&start), "{w}×{h}:\n{screen}");
    }
}

// -- overlays ----------------------------------------------------------------------

#[test]
fn help_overlay() {
    let mut app = app();
    // The runtime tells the app how long its help is.
    app.help_lines = ui::editor_help_lines();
    app.update(Action::Help);
    let terminal = render(&mut app, 120, 40);
    insta::assert_snapshot!("help_120x40", terminal.backend());
    // Generated from the key table: every row a user needs is reachable by
    // scrolling, and nothing runs into its neighbour.
    let mut seen = String::new();
    for _ in 0..60 {
        seen.push_str(&text(&render(&mut app, 120, 40)));
        app.update(Action::Down);
    }
    // And the notes at its end.
    app.update(Action::Bottom);
    seen.push_str(&text(&render(&mut app, 120, 40)));
    for needle in [
        "save and quit",
        "link to the other half",
        "Ctrl-s",
        "undo",
        "projector mode on / off",
        "delete the word before",
        "copy the statement",
        // The footer counts items; check's percentages are weighted.
        "weighted by level",
    ] {
        assert!(seen.contains(needle), "{needle:?} missing:\n{seen}");
    }
    assert!(
        seen.contains("Ctrl-w Alt-Backspace  delete the word before"),
        "{seen}"
    );
    app.update(Action::Top);
    let terminal = render(&mut app, 80, 24);
    insta::assert_snapshot!("help_80x24", terminal.backend());
}

#[test]
fn link_picker_overlay() {
    let mut app = app();
    app.update(Action::JumpTo(Section::Relievers));
    app.update(Action::Link);
    app.update(Action::Down);
    let terminal = render(&mut app, 120, 40);
    let screen = text(&terminal);
    assert!(screen.contains("[x]"), "{screen}");
    assert!(
        screen.contains("[ ] !"),
        "the unrelieved pain is flagged:\n{screen}"
    );
    insta::assert_snapshot!("picker_120x40", terminal.backend());
    let terminal = render(&mut app, 80, 24);
    insta::assert_snapshot!("picker_80x24", terminal.backend());
}

#[test]
fn adding_an_item_shows_the_field_in_place() {
    let mut app = app();
    app.update(Action::Add);
    for c in "Clients ghost me".chars() {
        app.update(Action::Text(TextEdit::Insert(c)));
    }
    let mut terminal = render(&mut app, 80, 24);
    let screen = text(&terminal);
    // The field stands where the item will, its text where item texts start.
    assert!(screen.contains("      › Clients ghost me"), "{screen}");
    // The cursor sits right after the typed text.
    let cursor = terminal.get_cursor_position().unwrap();
    let line = screen.lines().nth(usize::from(cursor.y)).unwrap();
    let before: String = line.chars().take(usize::from(cursor.x)).collect();
    assert!(before.ends_with("› Clients ghost me"), "{before:?}");
    insta::assert_snapshot!("adding_80x24", terminal.backend());
}

// -- every size ---------------------------------------------------------------------

/// The states worth drawing at every size: the canvas, each overlay, typing.
fn states() -> Vec<(&'static str, App)> {
    let mut states = Vec::new();
    let base = || app_on(crowded(), Theme::colour());

    states.push(("normal", base()));
    states.push(("empty", app_on(Canvas::new("empty"), Theme::monochrome())));
    let mut help = base();
    help.update(Action::Help);
    states.push(("help", help));
    let mut picker = base();
    picker.update(Action::JumpTo(Section::Relievers));
    picker.update(Action::Link);
    for _ in 0..20 {
        picker.update(Action::Down);
    }
    states.push(("picker", picker));
    let mut adding = base();
    adding.update(Action::Bottom);
    adding.update(Action::Add);
    for c in "日本語 and a long line that goes past the edge of any small screen".chars() {
        adding.update(Action::Text(TextEdit::Insert(c)));
    }
    states.push(("adding", adding));
    let mut editing = base();
    editing.update(Action::EditTitle);
    states.push(("editing title", editing));
    let mut statement = base();
    statement.update(Action::Statement);
    states.push(("statement", statement));
    let mut export = base();
    export.update(Action::Export);
    states.push(("export", export));
    let mut projector = base();
    projector.update(Action::Projector);
    projector.update(Action::StepNext);
    states.push(("projector", projector));
    let mut typing_for_a_room = base();
    typing_for_a_room.update(Action::Projector);
    typing_for_a_room.update(Action::StepNext);
    typing_for_a_room.update(Action::Add);
    for c in
        "A pain typed for the room that runs long, 日本語 and 👩‍💻 included, until it wraps".chars()
    {
        typing_for_a_room.update(Action::Text(TextEdit::Insert(c)));
    }
    states.push(("typing in projector mode", typing_for_a_room));
    comparison_states(&mut states);
    states
}

/// The comparison (SPEC §12) with seven offers, long names and scores: the
/// grid, a name being typed, and the curve alone for a room.
fn comparison_states(states: &mut Vec<(&'static str, App)>) {
    let mut c = crowded();
    c.alternatives = [
        "Spreadsheets",
        "Hiring a bookkeeper who also does the taxes",
        "日本語の会計ソフト",
        "Doing nothing",
        "An agency",
        "Paper",
    ]
    .map(str::to_owned)
    .to_vec();
    let ids: Vec<u32> = c
        .all_items()
        .filter(|(s, _)| s.has_level())
        .map(|(_, i)| i.id)
        .collect();
    for (k, id) in ids.into_iter().enumerate() {
        let k = u8::try_from(k % 11).unwrap();
        c.set_score(id, None, Some(k));
        for (n, name) in c.alternatives.clone().iter().enumerate() {
            c.set_score(id, Some(name), Some((k + u8::try_from(n).unwrap()) % 11));
        }
    }
    let mut grid = app_on(c.clone(), Theme::colour());
    grid.update(Action::Compare);
    for _ in 0..30 {
        grid.update(Action::Down);
    }
    for _ in 0..4 {
        grid.update(Action::Right);
    }
    states.push(("comparison", grid));
    let mut naming = app_on(c.clone(), Theme::colour());
    naming.update(Action::Compare);
    naming.update(Action::AddAlternative);
    for ch in "A long new alternative 日本語 👩‍💻 typed".chars() {
        naming.update(Action::Text(TextEdit::Insert(ch)));
    }
    states.push(("naming an alternative", naming));
    let mut room = app_on(c, Theme::colour());
    room.update(Action::Projector);
    room.update(Action::Compare);
    states.push(("curve in projector mode", room));
}

/// Draws `app` at `w`×`h` as the runtime would (a resize first); fails on a
/// panic or a text cursor off the screen.
fn draw_checked(name: &str, app: &mut App, w: u16, h: u16) {
    app.update(RuntimeEvent::Resize(w, h));
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        ui::draw(app, area, &mut buf)
    }));
    let Ok(cursor) = drawn else {
        panic!("{name} panicked at {w}×{h}");
    };
    if let Some((x, y)) = cursor {
        assert!(x < w && y < h, "{name} at {w}×{h}: cursor at {x},{y}");
    }
}

/// Every size in `widths` × 1..=60 is drawn. Small sizes (up to 40×16, where
/// clamping goes wrong) are drawn in every state; larger ones cycle through
/// the states, so each state still meets every width and every height.
/// (Drawing every state at every size takes minutes in a debug build.)
fn sweep(widths: std::ops::RangeInclusive<u16>) {
    let mut states = states();
    let n = states.len();
    for w in widths {
        for h in 1..=60u16 {
            let small = w <= 40 && h <= 16;
            for (i, (name, app)) in states.iter_mut().enumerate() {
                if small || (usize::from(w) + usize::from(h)) % n == i {
                    draw_checked(name, app, w, h);
                }
            }
        }
    }
}

// Four bands of widths, so the sweep runs on as many cores as there are.
#[test]
fn no_size_from_1x1_to_40x60_panics() {
    sweep(1..=40);
}

#[test]
fn no_size_from_41x1_to_80x60_panics() {
    sweep(41..=80);
}

#[test]
fn no_size_from_81x1_to_110x60_panics() {
    sweep(81..=110);
}

#[test]
fn no_size_from_111x1_to_140x60_panics() {
    sweep(111..=140);
}

#[test]
fn no_size_from_141x1_to_200x60_panics() {
    sweep(141..=200);
}

#[test]
fn the_real_render_path_survives_resizing_down_to_nothing() {
    // Through `Terminal` and `ui::render`, one terminal shrinking and growing.
    let mut app = app_on(crowded(), Theme::colour());
    app.update(Action::Add);
    let mut terminal = Terminal::new(TestBackend::new(140, 50)).unwrap();
    for (w, h) in [
        (140, 50),
        (60, 20),
        (24, 8),
        (23, 8),
        (5, 2),
        (1, 1),
        (0, 0),
        (80, 24),
    ] {
        terminal.backend_mut().resize(w, h);
        terminal.resize(Rect::new(0, 0, w, h)).unwrap();
        app.update(RuntimeEvent::Resize(w, h));
        terminal.draw(|f| ui::render(&app, f)).unwrap();
    }
    assert!(text(&terminal).contains("Pains"));
}

/// A failed save must be visible at any size the canvas is drawn at. At 40
/// columns the fit summary (46 cells) leaves the status no room at all, so
/// the footer was blank; now the status takes the line (and the one above
/// it, wrapped, when it is longer: #25).
#[test]
fn a_narrow_footer_still_shows_a_save_error() {
    let mut app = app();
    app.update(Action::Delete);
    app.update(RuntimeEvent::Saved(Err(write_error("disk full"))));
    let screen = text(&render(&mut app, 40, 12));
    let lines: Vec<&str> = screen.lines().collect();
    let footer = lines[lines.len() - 2..].join("\n");
    assert!(footer.contains("disk full"), "footer: {footer:?}\n{screen}");
    assert!(
        footer.contains("Ctrl-s retries)"),
        "footer: {footer:?}\n{screen}"
    );
}

#[test]
fn tiny_terminals_say_they_are_too_small() {
    let mut app = app();
    let screen = text(&render(&mut app, 20, 6));
    assert!(screen.contains("too small"), "{screen}");
}

// -- colour ----------------------------------------------------------------------

#[test]
fn monochrome_uses_no_colour_and_flags_stay_visible() {
    let mut normal = app_on(canvas(), Theme::monochrome());
    let mut picker = app_on(canvas(), Theme::monochrome());
    picker.update(Action::JumpTo(Section::Relievers));
    picker.update(Action::Link);
    let mut help = app_on(canvas(), Theme::monochrome());
    help.update(Action::Help);
    let mut failed = app_on(canvas(), Theme::monochrome());
    failed.update(Action::Delete);
    failed.update(RuntimeEvent::Saved(Err(write_error("disk full"))));
    for (name, app) in [
        ("normal", &mut normal),
        ("picker", &mut picker),
        ("help", &mut help),
        ("failed save", &mut failed),
    ] {
        for (w, h) in [(120, 40), (80, 24), (40, 12)] {
            let terminal = render(app, w, h);
            for (i, cell) in terminal.backend().buffer().content.iter().enumerate() {
                let (x, y) = (i % usize::from(w), i / usize::from(w));
                assert_eq!(cell.fg, Color::Reset, "{name} {w}×{h}: fg at {x},{y}");
                assert_eq!(cell.bg, Color::Reset, "{name} {w}×{h}: bg at {x},{y}");
                assert_eq!(
                    cell.underline_color,
                    Color::Reset,
                    "{name} {w}×{h}: underline at {x},{y}"
                );
            }
        }
    }
    // The flag is a character, not a colour.
    let screen = text(&render(&mut normal, 120, 40));
    assert_eq!(flag_of(&screen, "Tax surprises"), '!');
    assert_eq!(flag_of(&screen, "Less admin"), '!');
    assert_eq!(flag_of(&screen, "Late payments"), ' ');
    assert_eq!(flag_of(&screen, "Predictable cash flow"), ' ');
    let screen = text(&render(&mut normal, 40, 12));
    assert_eq!(flag_of(&screen, "Tax surprises"), '!');
}

#[test]
fn the_colour_theme_does_colour_the_flag() {
    // The counterpart of the monochrome test: proves it can fail.
    let mut app = app();
    let terminal = render(&mut app, 120, 40);
    let buf = terminal.backend().buffer();
    let screen = text(&terminal);
    let y = screen
        .lines()
        .position(|l| l.contains("Tax surprises") && l.contains('!'))
        .unwrap();
    let flagged = (0..120u16)
        .map(|x| &buf[(x, y as u16)])
        .find(|c| c.symbol() == "!")
        .unwrap();
    assert_ne!(flagged.fg, Color::Reset);
}

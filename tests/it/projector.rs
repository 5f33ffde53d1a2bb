//! Projector mode and themes: every theme and every walkthrough step as
//! styled snapshots, flags readable without colour, NO_COLOR-style output
//! without colour, and ASCII mode drawing ASCII only.

#![allow(clippy::unwrap_used)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use vpcanvas::app::{Action, App, RuntimeEvent};
use vpcanvas::canvas::{Canvas, Level, Section};
use vpcanvas::theme::Theme;

/// A small fixed canvas: one pain and one gain left open.
fn canvas() -> Canvas {
    let mut c = Canvas::new("Pitch deck");
    c.segment = "Founders".into();
    let job = c.push(Section::Jobs, "Raise a seed round");
    let ghosting = c.push(Section::Pains, "Investors ghost after the first call");
    let open_pain = c.push(Section::Pains, "Deck takes a week to update");
    c.set_level(open_pain, Level::High);
    let gain = c.push(Section::Gains, "A yes within a month");
    c.push(Section::Gains, "Warm intros");
    let product = c.push(Section::Products, "Deck builder");
    let reliever = c.push(Section::Relievers, "Follow-up reminders");
    let creator = c.push(Section::Creators, "Investor CRM");
    c.set_link(product, job, true);
    c.set_link(reliever, ghosting, true);
    c.set_link(creator, gain, true);
    c
}

fn app(theme: Theme) -> App {
    let mut app = App::new(canvas(), "/tmp/pitch.ron", true);
    app.theme = theme.clone();
    app.projector_theme = theme;
    app
}

fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    app.update(RuntimeEvent::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| vpcanvas::ui::render(app, f)).unwrap();
    t
}

fn plain(t: &Terminal<TestBackend>) -> String {
    vpcanvas::ui::buffer_to_text(t.backend().buffer())
}

#[test]
fn each_theme_styled() {
    for (name, theme) in [
        ("default", Theme::colour()),
        ("contrast", Theme::contrast()),
        ("mono", Theme::monochrome()),
    ] {
        let mut a = app(theme);
        a.update(Action::JumpTo(Section::Pains));
        let t = draw(&mut a, 120, 40);
        insta::assert_debug_snapshot!(format!("theme_{name}_120x40"), t.backend().buffer());
    }
}

#[test]
fn each_walkthrough_step_styled_at_two_sizes() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut a = app(Theme::contrast());
        a.update(Action::JumpTo(Section::Jobs));
        a.update(Action::Projector);
        for step in 0..7 {
            let t = draw(&mut a, w, h);
            let screen = plain(&t);
            if step < 6 {
                let section = Section::WORKSHOP_ORDER[step];
                assert_eq!(a.focus, section);
                assert!(screen.contains(section.title()), "step {step}:\n{screen}");
            } else {
                assert!(screen.contains("Fit summary"), "{screen}");
                assert!(screen.contains("Deck takes a week to update"), "{screen}");
            }
            assert!(
                !screen.contains("? help"),
                "no key hints for the room:\n{screen}"
            );
            insta::assert_debug_snapshot!(
                format!("walkthrough_{w}x{h}_step{step}"),
                t.backend().buffer()
            );
            a.update(Action::StepNext);
        }
    }
}

#[test]
fn the_title_is_drawn_large_when_there_is_room() {
    let mut a = app(Theme::contrast());
    a.update(Action::Projector);
    let screen = plain(&draw(&mut a, 120, 40));
    assert!(
        screen
            .lines()
            .take(4)
            .any(|l| l.contains('█') || l.contains('▀')),
        "{screen}"
    );
    assert!(
        !screen.lines().next().unwrap().contains("Pitch deck"),
        "{screen}"
    );
}

#[test]
fn flags_are_marked_in_plain_text_in_every_theme_and_mode() {
    for theme in [Theme::colour(), Theme::contrast(), Theme::monochrome()] {
        for projector in [false, true] {
            let mut a = app(theme.clone());
            if projector {
                a.update(Action::Projector);
            }
            a.update(Action::JumpTo(Section::Pains));
            let screen = plain(&draw(&mut a, 120, 40));
            let row = screen
                .lines()
                .find(|l| l.contains("Deck takes a week"))
                .unwrap();
            assert!(
                row.contains('!'),
                "{} projector={projector}: {row}",
                theme.name
            );
            let relieved = screen
                .lines()
                .find(|l| l.contains("Investors ghost"))
                .unwrap();
            let before = relieved.split("Investors").next().unwrap();
            assert!(!before.contains('!'), "{before}");
        }
    }
}

#[test]
fn the_monochrome_theme_sets_no_colour_anywhere() {
    let mut a = app(Theme::monochrome());
    a.update(Action::Projector);
    let t = draw(&mut a, 120, 40);
    for cell in &t.backend().buffer().content {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
    }
}

#[test]
fn ascii_mode_draws_nothing_but_ascii() {
    for projector in [false, true] {
        let mut a = app(Theme::monochrome());
        a.ascii = true;
        if projector {
            a.update(Action::Projector);
        }
        let screen = plain(&draw(&mut a, 120, 40));
        assert!(screen.is_ascii(), "{screen}");
        assert!(screen.contains('!'), "{screen}");
    }
}

/// The header row that shows the timer: the subtitle line under a big title.
fn timer_row(screen: &str, label: &str) -> Option<usize> {
    screen.lines().take(5).position(|l| l.contains(label))
}

/// Cells drawn with quadrant blocks (the big font) in rows `rows`.
fn big_cells(t: &Terminal<TestBackend>, rows: std::ops::Range<u16>) -> usize {
    let buf = t.backend().buffer();
    rows.flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            buf[(x, y)]
                .symbol()
                .chars()
                .any(|c| ('\u{2580}'..='\u{259f}').contains(&c))
        })
        .count()
}

#[test]
fn the_timer_shows_in_the_corner_and_marks_the_last_minute() {
    let mut a = app(Theme::contrast());
    let t0 = a.now;
    a.update(Action::Projector);
    a.update(Action::SetTimer);
    a.update(Action::Confirm); // the offered 10 minutes
    let first = plain(&draw(&mut a, 120, 40));
    assert_eq!(timer_row(&first, "10:00"), Some(4), "{first}");
    a.update(RuntimeEvent::Tick(t0 + std::time::Duration::from_secs(570)));
    let t = draw(&mut a, 120, 40);
    let screen = plain(&t);
    let row = timer_row(&screen, "0:30").unwrap();
    let line = screen.lines().nth(row).unwrap();
    let byte = line.find("0:30").unwrap();
    let x = u16::try_from(unicode_width::UnicodeWidthStr::width(&line[..byte])).unwrap();
    let cell = &t.backend().buffer()[(x, u16::try_from(row).unwrap())];
    assert_eq!(cell.bg, Color::Yellow, "the last minute stands out");
    a.update(RuntimeEvent::Tick(t0 + std::time::Duration::from_secs(700)));
    assert!(plain(&draw(&mut a, 120, 40)).contains("time's up"));
}

/// Issue #12: the last minute was a 6-character corner tag. It is drawn in
/// the big font in the stage's corner; at zero "time's up" fills the middle
/// until a key is pressed.
#[test]
fn the_last_minute_and_times_up_are_drawn_large() {
    let mut a = app(Theme::contrast());
    let t0 = a.now;
    a.update(Action::Projector);
    a.update(Action::SetTimer);
    a.update(Action::Confirm);
    let calm = draw(&mut a, 120, 40);
    assert_eq!(big_cells(&calm, 5..40), 0, "{}", plain(&calm));
    a.update(RuntimeEvent::Tick(t0 + std::time::Duration::from_secs(558)));
    let last = draw(&mut a, 120, 40);
    let screen = plain(&last);
    assert!(screen.contains("last minute"), "{screen}");
    assert!(big_cells(&last, 5..40) > 20, "{screen}");
    // Past zero: the words, large, in the middle; a key closes them.
    a.update(RuntimeEvent::Tick(t0 + std::time::Duration::from_secs(601)));
    let up = draw(&mut a, 120, 40);
    let screen = plain(&up);
    assert!(screen.contains("time's up"), "{screen}");
    assert!(big_cells(&up, 15..25) > 40, "{screen}");
    a.update(Action::Down);
    let after = draw(&mut a, 120, 40);
    assert_eq!(big_cells(&after, 5..40), 0, "{}", plain(&after));
    assert!(
        plain(&after)
            .lines()
            .take(5)
            .any(|l| l.contains("time's up"))
    );
}

/// The cells of big-font glyph `index` (4 columns by 4 rows each, from the
/// top left): whether any is drawn.
fn glyph_drawn(t: &Terminal<TestBackend>, index: u16, line: u16) -> bool {
    let buf = t.backend().buffer();
    (index * 4..index * 4 + 4)
        .flat_map(|x| (line * 4..line * 4 + 4).map(move |y| (x, y)))
        .any(|(x, y)| buf[(x, y)].symbol() != " ")
}

/// Issue #12: characters the big font lacks printed as gaps; they fall back
/// to a close form (the en dash to a hyphen), and the rest to a placeholder.
#[test]
fn the_big_title_draws_every_character_it_is_given() {
    let mut a = app(Theme::contrast());
    a.update(Action::EditTitle);
    a.update(Action::Text(vpcanvas::app::TextEdit::ClearToStart));
    for c in "Plan – Łódź 日".chars() {
        a.update(Action::Text(vpcanvas::app::TextEdit::Insert(c)));
    }
    a.update(Action::Confirm);
    a.update(Action::Projector);
    let t = draw(&mut a, 120, 40);
    // P l a n _ – _ Ł ó d ź _ 日
    for (i, drawn) in [
        true, true, true, true, false, true, false, true, true, true, true, false, true,
    ]
    .into_iter()
    .enumerate()
    {
        let i = u16::try_from(i).unwrap();
        assert_eq!(glyph_drawn(&t, i, 0), drawn, "glyph {i}:\n{}", plain(&t));
    }
}

/// Real files, and a count of bells rung.
#[derive(Default)]
struct BellIo {
    bells: usize,
}

impl vpcanvas::runtime::Io for BellIo {
    fn save(
        &mut self,
        path: &std::path::Path,
        canvas: &Canvas,
        backup: bool,
    ) -> Result<u64, vpcanvas::storage::StorageError> {
        vpcanvas::runtime::FileIo.save(path, canvas, backup)
    }

    fn bell(&mut self) {
        self.bells += 1;
    }
}

/// Issue #12: with `bell: true` the loop rings the bell once as the timer
/// ends, however many ticks follow; without it, never.
#[test]
fn the_loop_rings_the_bell_once_when_the_timer_ends() {
    for bell in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let mut a = App::new(canvas(), dir.path().join("pitch.ron"), false);
        a.timer_settings.bell = bell;
        let mut io = BellIo::default();
        super::scenarios::run_app(
            &mut a,
            "T <c-u> 90s <enter> <wait:60s> <wait:29s> <wait:2s> <wait:5s> <wait:30s> q",
            &mut io,
        );
        assert_eq!(io.bells, usize::from(bell), "bell: {bell}");
    }
}

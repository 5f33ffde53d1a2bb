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

#[test]
fn the_timer_shows_in_the_corner_and_marks_the_last_minute() {
    let mut a = app(Theme::contrast());
    let t0 = a.now;
    a.update(Action::Projector);
    a.update(Action::SetTimer);
    a.update(Action::Confirm); // the offered 10 minutes
    let first = plain(&draw(&mut a, 120, 40));
    assert!(first.lines().next().unwrap().contains("10:00"), "{first}");
    a.update(RuntimeEvent::Tick(t0 + std::time::Duration::from_secs(570)));
    let t = draw(&mut a, 120, 40);
    let top = plain(&t).lines().next().unwrap().to_owned();
    assert!(top.contains("0:30"), "{top}");
    let byte = top.find("0:30").unwrap();
    let x = u16::try_from(unicode_width::UnicodeWidthStr::width(&top[..byte])).unwrap();
    let cell = &t.backend().buffer()[(x, 0)];
    assert_eq!(cell.bg, Color::Yellow, "the last minute stands out");
    a.update(RuntimeEvent::Tick(t0 + std::time::Duration::from_secs(700)));
    assert!(plain(&draw(&mut a, 120, 40)).contains("time's up"));
}

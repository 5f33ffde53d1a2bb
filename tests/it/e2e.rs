//! End to end as a user works: the real binary in a real terminal (through
//! the one tmux harness, [`crate::tmux`]), editing by keys and paste, colour
//! and `NO_COLOR`, and no terminal at all; checking the screen, the file on
//! disk, and that the terminal is restored after exit.

#![allow(clippy::unwrap_used)]

use std::process::{Command, Stdio};

use vpcanvas::canvas::file::parse;
use vpcanvas::canvas::{Canvas, Section};

use crate::tmux::{BIN, Tmux};

/// Whether a list row shows the item flagged: "!", at most three cells (the
/// evidence and coach marks, a space), the level dots, the text.
fn flagged(screen: &str, item: &str) -> bool {
    screen.lines().any(|l| {
        ["●●○", "●●●", "●○○"].iter().any(|dots| {
            l.find(&format!("{dots} {item}"))
                .is_some_and(|at| l[..at].chars().rev().take(4).any(|c| c == '!'))
        })
    })
}

fn row_shown(screen: &str, item: &str) -> bool {
    screen.lines().any(|l| l.contains(&format!("●○ {item}")))
}

#[test]
fn edit_in_a_real_terminal_then_quit_restores_it() {
    let mut t = Tmux::new();
    let file = t.path("pitch.ron");
    t.start("edit", &file, "");

    t.wait_screen("edit", "pitch.ron");
    // While it runs: the alternate screen and mouse reporting are on, so the
    // checks after exit below can fail.
    assert_eq!(t.display("edit", "#{alternate_on}"), "1");
    assert_eq!(t.display("edit", "#{mouse_any_flag}"), "1");
    assert!(!file.exists(), "written before the first edit");

    // Add a pain: it shows, flagged.
    t.keys("edit", &["5", "a"]);
    t.type_text("edit", "Late payments");
    t.wait_screen("edit", "› Late payments");
    t.keys("edit", &["Enter"]);
    let screen = t.wait_for("edit", "the flagged pain", |s| flagged(s, "Late payments"));
    assert!(screen.contains("Pains (1) · 1 !"), "{screen}");

    // Esc cancels an add (Escape alone, as a person presses it). The next
    // key waits until the field is gone, so the two are never read as one
    // Alt-key.
    t.keys("edit", &["a"]);
    t.type_text("edit", "oops");
    t.wait_screen("edit", "› oops");
    t.keys("edit", &["Escape"]);
    t.wait_for("edit", "the cancelled add to go", |s| !s.contains("oops"));

    // Add a reliever by pasting two lines: bracketed paste keeps it one item.
    t.keys("edit", &["3", "a"]);
    t.wait_screen("edit", "Enter keeps");
    t.paste("edit", "Auto\nreminders");
    t.wait_screen("edit", "› Auto reminders");
    t.keys("edit", &["Enter"]);
    t.wait_screen("edit", "Pain relievers (1)");

    // Link it to the pain: the flag goes.
    t.keys("edit", &["m"]);
    t.wait_screen("edit", "Pains it relieves");
    t.keys("edit", &["Space", "Enter"]);
    let screen = t.wait_for("edit", "the flag to go", |s| {
        !s.contains("Pains it relieves") && row_shown(s, "Late payments")
    });
    assert!(!flagged(&screen, "Late payments"), "{screen}");
    assert!(!screen.contains("Pains (1) · 1 !"), "{screen}");

    t.keys("edit", &["q"]);
    assert_eq!(t.wait_exit("edit"), 0, "stderr: {}", t.stderr("edit"));
    t.assert_restored("edit");

    let canvas = parse(&std::fs::read_to_string(&file).unwrap())
        .unwrap()
        .canvas;
    let pains = canvas.items(Section::Pains);
    let relievers = canvas.items(Section::Relievers);
    assert_eq!(pains.len(), 1);
    assert_eq!(pains[0].text, "Late payments");
    assert_eq!(relievers.len(), 1);
    assert_eq!(relievers[0].text, "Auto reminders");
    assert_eq!(relievers[0].links, [pains[0].id]);
}

/// Parameters of the SGR sequences in `styled` that set a colour.
fn colour_codes(styled: &str) -> Vec<String> {
    let mut found = Vec::new();
    for seq in styled.split("\x1b[").skip(1) {
        let Some(end) = seq.find('m') else { continue };
        let params = &seq[..end];
        if !params.chars().all(|c| c.is_ascii_digit() || c == ';') {
            continue;
        }
        let colours = params.split(';').any(|p| {
            matches!(
                p.parse::<u16>(),
                Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)
            )
        });
        if colours {
            found.push(params.to_owned());
        }
    }
    found
}

#[test]
fn no_color_means_no_colour_on_the_real_screen() {
    let mut t = Tmux::new();
    let file = t.path("pitch.ron");
    let mut canvas = Canvas::new("Colours");
    canvas.push(Section::Pains, "Late payments");
    vpcanvas::storage::create(&file, &canvas).unwrap();

    t.start("colour", &file, "");
    t.wait_for("colour", "the flagged pain", |s| {
        flagged(s, "Late payments")
    });
    let styled = t.screen_with_styles("colour");
    assert!(
        !colour_codes(&styled).is_empty(),
        "expected colours without NO_COLOR:\n{styled}"
    );
    t.keys("colour", &["q"]);
    assert_eq!(t.wait_exit("colour"), 0);

    t.start("plain", &file, "NO_COLOR=1");
    let screen = t.wait_for("plain", "the flagged pain", |s| flagged(s, "Late payments"));
    assert!(screen.contains("Pains (1) · 1 !"), "{screen}");
    let styled = t.screen_with_styles("plain");
    assert_eq!(colour_codes(&styled), Vec::<String>::new(), "{styled}");
    t.keys("plain", &["q"]);
    assert_eq!(t.wait_exit("plain"), 0);
}

#[test]
fn without_a_terminal_the_editor_says_so_and_exits_2() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("pitch.ron");
    let out = Command::new(BIN)
        .arg(&file)
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("xdg"))
        .env("VPCANVAS_DATA_DIR", home.path().join("data"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("terminal"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("RUST_BACKTRACE"), "{stderr}");
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(!file.exists());
}

/// Issue #12: going to the library and back to an unchanged canvas keeps the
/// editor as it was: the undo history survives (it used to reload from disk).
#[test]
fn library_and_back_keeps_the_undo_history() {
    let mut t = Tmux::new();
    // In the data folder, so the library lists it.
    let file = t.path("data/pitch.ron");
    t.start("back", &file, "");
    t.wait_screen("back", "pitch.ron");
    t.keys("back", &["5", "a"]);
    t.type_text("back", "Late payments");
    t.keys("back", &["Enter"]);
    t.wait_for("back", "the pain, saved", |s| {
        row_shown(s, "Late payments") && s.contains("· saved")
    });
    t.keys("back", &["o"]);
    t.wait_screen("back", "your canvases");
    t.keys("back", &["Escape"]);
    // The next key only once the canvas is back: never read with the
    // Escape as one Alt-key.
    t.wait_for("back", "the canvas again", |s| {
        !s.contains("your canvases") && row_shown(s, "Late payments")
    });
    t.keys("back", &["u"]);
    let screen = t.wait_for("back", "the undo", |s| !row_shown(s, "Late payments"));
    assert!(screen.contains("Undone"), "{screen}");
    t.keys("back", &["q"]);
    assert_eq!(t.wait_exit("back"), 0, "stderr: {}", t.stderr("back"));
    let canvas = parse(&std::fs::read_to_string(&file).unwrap())
        .unwrap()
        .canvas;
    assert!(canvas.items(Section::Pains).is_empty(), "{canvas:?}");
}

#[test]
fn a_rebound_key_works_and_the_footer_help_and_messages_show_it() {
    let mut t = Tmux::new();
    let file = t.path("pitch.ron");
    let config = t.path("config.ron");
    // `link` moves to L; `help` gets F1 first; `undo` asks for q, which quit has.
    std::fs::write(
        &config,
        r#"(keys: { "link": ["L"], "help": ["F1", "?"], "undo": ["q"] })"#,
    )
    .unwrap();
    let env = format!("VPCANVAS_CONFIG={}", crate::tmux::quote(&config));
    t.start("keys", &file, &env);

    // The collision is reported at start-up, and undo keeps its key.
    t.wait_screen("keys", r#"q for "undo" is already "quit"; "undo" keeps u"#);
    // A message names the user's key, not the default.
    t.keys("keys", &["5", "a"]);
    t.type_text("keys", "Late payments");
    t.wait_screen("keys", "› Late payments");
    t.keys("keys", &["Enter"]);
    let screen = t.wait_screen("keys", "a adds another, L links it");
    assert!(screen.contains("(L links one)"), "{screen}");
    t.keys("keys", &["3", "a"]);
    t.type_text("keys", "Reminders");
    t.wait_screen("keys", "› Reminders");
    t.keys("keys", &["Enter"]);
    t.wait_screen("keys", "Pain relievers (1)");
    // The old key does nothing; the new one opens the picker.
    t.keys("keys", &["m"]);
    t.keys("keys", &["L"]);
    t.wait_screen("keys", "Pains it relieves");
    t.keys("keys", &["Space", "Enter"]);
    t.wait_screen("keys", "Linked to 1 pain");
    // The help lists the user's keys.
    t.keys("keys", &["F1"]);
    // Wait for the row itself: under load a capture can catch the help's
    // frame half drawn, its title before its rows.
    let help = t.wait_for("keys", "the help's link row", |s| {
        s.contains("Keys —") && s.contains("link to the other half")
    });
    let link_row = help
        .lines()
        .find(|l| l.contains("link to the other half"))
        .unwrap();
    assert!(link_row.contains("  L  "), "{link_row}");
    assert!(!link_row.contains(" m "), "{link_row}");
    t.keys("keys", &["Escape"]);
    t.wait_for("keys", "the help to close", |s| !s.contains("Keys —"));
    t.keys("keys", &["q"]);
    assert_eq!(t.wait_exit("keys"), 0);
    let canvas = parse(&std::fs::read_to_string(&file).unwrap())
        .unwrap()
        .canvas;
    let pain = canvas.items(Section::Pains)[0].id;
    assert_eq!(canvas.items(Section::Relievers)[0].links, [pain]);
}

/// A burst of keys read from the terminal in one go (fast typing, a paste
/// the terminal does not bracket, keys over a slow SSH link) is handled at
/// once, not one key per tick of the input reader: 300 characters typed in
/// one write are all in the field well within the deadline (at one key per
/// 100 ms tick they took 30 s), and a SIGTERM right after keeps them all.
#[test]
fn a_burst_of_typed_keys_is_handled_at_once_and_kept_on_sigterm() {
    let mut t = Tmux::new();
    let file = t.path("burst.ron");
    t.start("burst", &file, "");
    t.keys("burst", &["5", "a"]);
    t.wait_screen("burst", "Enter keep");
    let words: Vec<String> = (0..32).map(|n| format!("w{n:02}xxxxxx")).collect();
    let burst = words.join(" ");
    assert!(burst.len() >= 300);
    t.type_text("burst", &burst);
    // Nothing more is sent until the burst shows: a later key would keep
    // the tty ready and hide the lag. The field shows the text's end.
    t.wait_screen("burst", "w31xxxxxx");
    t.keys("burst", &["Enter"]);
    t.wait_screen("burst", "Added pain");
    crate::tmux::signal(t.vpcanvas_pid("burst"), "TERM");
    assert_eq!(t.wait_exit("burst"), 143, "stderr: {}", t.stderr("burst"));
    let canvas = parse(&std::fs::read_to_string(&file).unwrap())
        .unwrap()
        .canvas;
    assert_eq!(canvas.items(Section::Pains)[0].text, burst);
}

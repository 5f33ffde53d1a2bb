//! The real binary in a real terminal (issue #6: "never lose a word, never
//! garble the terminal"): leaving by q, signals, a closed terminal and a
//! panic; locks and changes on disk; what reaches the screen. Through the
//! one tmux harness ([`crate::tmux`]).

#![allow(clippy::unwrap_used, clippy::print_stdout, clippy::print_stderr)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

use vpcanvas::canvas::file::to_ron;
use vpcanvas::canvas::{Canvas, Section};
use vpcanvas::storage::{self, SaveOptions};

use crate::tmux::{BIN, DEADLINE, Tmux, alive, contains_bytes, quote, signal};
use crate::wait;

fn sample(title: &str) -> Canvas {
    let mut c = Canvas::new(title);
    c.push(Section::Jobs, "Get paid on time");
    c.push(Section::Pains, "Chasing late payments");
    c
}

fn write_canvas(path: &Path, canvas: &Canvas) {
    storage::save(path, canvas, SaveOptions::default()).unwrap();
}

fn loaded(path: &Path) -> Canvas {
    storage::load(path).unwrap().canvas
}

fn pains(path: &Path) -> Vec<String> {
    loaded(path)
        .items(Section::Pains)
        .iter()
        .map(|i| i.text.clone())
        .collect()
}

/// Opens the editor on a new pain and types `text`, without Enter; waits
/// until its last word is on screen (so the program has read every key; the
/// field wraps, so the whole text need not stand on one line).
fn type_a_new_pain(t: &Tmux, name: &str, text: &str) {
    t.keys(name, &["5"]);
    t.keys(name, &["a"]);
    t.type_text(name, text);
    let tail = if text.len() <= 16 {
        text
    } else {
        text.rsplit(' ').next().unwrap_or(text)
    };
    t.wait_screen(name, tail);
}

// ---------------------------------------------------------------------------
// Leaving: q, SIGTERM, SIGHUP, a closed terminal, a panic

#[test]
fn quit_with_q_saves_the_new_item_and_restores_the_terminal() {
    let mut t = Tmux::new();
    let file = t.path("new.ron");
    assert!(!file.exists());
    t.start("w", &file, "");
    type_a_new_pain(&t, "w", "Quit keeps this");
    t.keys("w", &["Enter"]);
    t.keys("w", &["q"]);
    assert_eq!(t.wait_exit("w"), 0, "stderr: {}", t.stderr("w"));
    assert_eq!(pains(&file), ["Quit keeps this"]);
    assert_eq!(t.stderr("w"), "");
    t.assert_restored("w");
}

#[test]
fn sigterm_while_typing_keeps_the_typed_text_and_exits_143() {
    let mut t = Tmux::new();
    let file = t.path("c.ron");
    write_canvas(&file, &sample("Term"));
    t.start("w", &file, "");
    type_a_new_pain(&t, "w", "Typed before SIGTERM");
    signal(t.vpcanvas_pid("w"), "TERM");
    assert_eq!(t.wait_exit("w"), 143, "stderr: {}", t.stderr("w"));
    assert_eq!(
        pains(&file),
        ["Chasing late payments", "Typed before SIGTERM"]
    );
    t.assert_restored("w");
}

#[test]
fn sighup_while_typing_keeps_the_typed_text_and_exits_129() {
    let mut t = Tmux::new();
    let file = t.path("c.ron");
    write_canvas(&file, &sample("Hup"));
    t.start("w", &file, "");
    type_a_new_pain(&t, "w", "Typed before SIGHUP");
    signal(t.vpcanvas_pid("w"), "HUP");
    assert_eq!(t.wait_exit("w"), 129, "stderr: {}", t.stderr("w"));
    assert_eq!(
        pains(&file),
        ["Chasing late payments", "Typed before SIGHUP"]
    );
    t.assert_restored("w");
}

#[test]
fn closing_the_terminal_while_typing_ends_the_process_and_keeps_the_text() {
    let mut t = Tmux::new();
    let file = t.path("c.ron");
    write_canvas(&file, &sample("Closed"));
    t.start("w", &file, "");
    type_a_new_pain(&t, "w", "Typed, window closed");
    let pid = t.vpcanvas_pid("w");
    t.hang_up();
    // Gone promptly: not spinning on a dead tty.
    wait::holds(
        Duration::from_secs(3),
        || !alive(pid),
        || {
            signal(pid, "KILL");
            format!("vpcanvas (pid {pid}) still ran 3 s after its terminal closed")
        },
    );
    assert_eq!(
        pains(&file),
        ["Chasing late payments", "Typed, window closed"]
    );
}

#[test]
fn a_panic_restores_the_terminal_keeps_the_work_and_offers_it_again() {
    if !cfg!(debug_assertions) {
        eprintln!("F12 panics only in debug builds; skipped");
        return;
    }
    let mut t = Tmux::new();
    let file = t.path("c.ron");
    let before = sample("Crash");
    write_canvas(&file, &before);
    let bytes_before = fs::read(&file).unwrap();
    t.start("w", &file, "VPCANVAS_DEBUG_PANIC=1");
    type_a_new_pain(&t, "w", "Typed before the crash");
    t.keys("w", &["F12"]);
    assert_eq!(t.wait_exit("w"), 101, "stderr: {}", t.stderr("w"));

    // One line for the crash, one for where the work is.
    let err = t.stderr("w");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "stderr:\n{err}");
    assert!(
        lines[0].starts_with("vpcanvas: internal error"),
        "stderr:\n{err}"
    );
    let recovery_dir = t.data.join("recovery");
    assert!(
        lines[1].contains("unsaved work") && lines[1].contains(&recovery_dir.display().to_string()),
        "stderr:\n{err}"
    );
    t.assert_restored("w");

    // The file was not touched; the work is in the recovery folder.
    assert_eq!(fs::read(&file).unwrap(), bytes_before);
    let snapshots: Vec<PathBuf> = fs::read_dir(&recovery_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    assert_eq!(snapshots.len(), 1, "{snapshots:?}");
    assert!(lines[1].contains(&snapshots[0].display().to_string()));
    let snapshot = fs::read_to_string(&snapshots[0]).unwrap();
    assert!(snapshot.contains("Typed before the crash"), "{snapshot}");

    // The next start offers it; r recovers it into the file.
    t.start_quietly("again", &file, "");
    t.wait_screen("again", "Unsaved work found");
    t.keys("again", &["r"]);
    wait::holds(
        DEADLINE,
        || pains(&file).contains(&"Typed before the crash".to_owned()),
        || {
            format!(
                "recovered work never reached the file:\n{}",
                t.screen("again")
            )
        },
    );
    t.keys("again", &["q"]);
    assert_eq!(t.wait_exit("again"), 0, "stderr: {}", t.stderr("again"));
    assert_eq!(
        pains(&file),
        ["Chasing late payments", "Typed before the crash"]
    );
    // Safely in the file: the snapshot is gone.
    assert!(!snapshots[0].exists(), "the snapshot outlived the recovery");
    t.assert_restored("again");
}

// ---------------------------------------------------------------------------
// Two writers

#[test]
fn a_second_vpcanvas_on_the_same_file_is_read_only_until_the_first_dies() {
    let mut t = Tmux::new();
    let file = t.path("c.ron");
    write_canvas(&file, &sample("Shared"));
    let bytes = fs::read(&file).unwrap();

    t.start("one", &file, "");
    let first = t.screen("one");
    assert!(!first.contains("read-only"), "{first}");
    t.start("two", &file, "");
    let second = t.wait_screen("two", "read-only");
    assert!(
        second.lines().next().unwrap().contains("read-only"),
        "the header must say read-only:\n{second}"
    );
    // Its edits are refused, with a reason.
    t.keys("two", &["5"]);
    t.keys("two", &["d"]);
    t.wait_screen("two", "Read-only: open in another vpcanvas");
    // Adding is refused too: no field opens (were one to, the q would be
    // typed into it, and the exit awaited below would never come).
    t.keys("two", &["a"]);
    t.keys("two", &["q"]);
    assert_eq!(t.wait_exit("two"), 0, "stderr: {}", t.stderr("two"));
    assert_eq!(fs::read(&file).unwrap(), bytes, "a read-only copy wrote");
    t.assert_restored("two");

    // The first one dies hard; its lock goes with it.
    signal(t.vpcanvas_pid("one"), "KILL");
    assert_eq!(t.wait_exit("one"), 137);
    t.start("three", &file, "");
    let third = t.screen("three");
    assert!(
        !third.contains("read-only"),
        "still read-only after the holder died:\n{third}"
    );
    type_a_new_pain(&t, "three", "Writable again");
    t.keys("three", &["Enter"]);
    t.keys("three", &["q"]);
    assert_eq!(t.wait_exit("three"), 0, "stderr: {}", t.stderr("three"));
    assert_eq!(pains(&file), ["Chasing late payments", "Writable again"]);
    t.assert_restored("three");
}

#[test]
fn another_program_changing_the_file_is_noticed_keep_mine_or_reload() {
    let mut t = Tmux::new();
    let file = t.path("c.ron");
    let bak = storage::backup_path(&file);
    write_canvas(&file, &sample("Mine"));

    // Keep mine: theirs goes to .bak.
    t.start("keep", &file, "");
    type_a_new_pain(&t, "keep", "My pain");
    t.keys("keep", &["Enter"]);
    wait::holds(
        DEADLINE,
        || pains(&file).contains(&"My pain".to_owned()),
        || t.screen("keep"),
    );
    let theirs = to_ron(&sample("Theirs, written by another program"));
    fs::write(&file, &theirs).unwrap();
    t.wait_screen("keep", "The file changed on disk");
    // It may have opened within a moment of the typing, and then ignores
    // keys for that moment (#11): let it pass, as a reader of it would.
    std::thread::sleep(vpcanvas::app::UNBIDDEN_GRACE);
    t.keys("keep", &["k"]);
    wait::holds(
        DEADLINE,
        || loaded(&file).title == "Mine",
        || t.screen("keep"),
    );
    assert_eq!(pains(&file), ["Chasing late payments", "My pain"]);
    assert_eq!(
        fs::read_to_string(&bak).unwrap(),
        theirs,
        "theirs is in .bak"
    );
    t.keys("keep", &["q"]);
    assert_eq!(t.wait_exit("keep"), 0, "stderr: {}", t.stderr("keep"));
    assert_eq!(loaded(&file).title, "Mine");
    t.assert_restored("keep");

    // Reload: theirs replaces mine, and quitting writes nothing over it.
    t.start("reload", &file, "");
    let theirs = to_ron(&sample("Theirs again"));
    fs::write(&file, &theirs).unwrap();
    t.wait_screen("reload", "The file changed on disk");
    t.keys("reload", &["r"]);
    t.wait_screen("reload", "Theirs again");
    t.keys("reload", &["q"]);
    assert_eq!(t.wait_exit("reload"), 0, "stderr: {}", t.stderr("reload"));
    assert_eq!(fs::read_to_string(&file).unwrap(), theirs);
    t.assert_restored("reload");
}

// ---------------------------------------------------------------------------
// Hostile text

fn hostile() -> Canvas {
    let mut c = Canvas::new("Evil\u{1b}[2J title\u{202e}desrever");
    c.segment = "seg\u{1b}]0;pwned\u{07}ment".into();
    c.push(Section::Pains, "clear\u{1b}[2Jscreen");
    c.push(Section::Gains, "osc\u{1b}]52;c;SGVsbG8=\u{07}end");
    c.push(Section::Jobs, "bidi \u{202e}reversed\u{202c} text");
    c.push(
        Section::Products,
        "bell\u{07} bs\u{08} cr\r nl\n tab\t del\u{7f} csi\u{9b}31m nul\u{0}",
    );
    c.push(
        Section::Relievers,
        "title\u{1b}]2;x\u{1b}\\ move\u{1b}[10;10H",
    );
    c
}

#[test]
fn control_characters_escapes_and_bidi_never_reach_the_terminal() {
    let mut t = Tmux::new();
    let file = t.path("evil.ron");
    write_canvas(&file, &hostile());
    assert_eq!(loaded(&file), hostile(), "the file keeps the text as it is");

    // Headless: `show` prints nothing a terminal would act on.
    let out = Command::new(BIN)
        .args(["show", "--width", "120", "--height", "40"])
        .arg(&file)
        .env("VPCANVAS_DATA_DIR", &t.data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown = String::from_utf8(out.stdout).unwrap();
    assert!(shown.contains("Fit:"), "{shown}");
    for c in shown.chars() {
        let bidi = ('\u{202a}'..='\u{202e}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c);
        assert!(
            c == '\n' || !(c.is_control() || bidi),
            "show printed {c:?}:\n{shown}"
        );
    }
    assert!(
        shown.contains("screen") && shown.contains("reversed"),
        "{shown}"
    );

    // In the editor: the frame stays whole.
    t.start("w", &file, "");
    let screen = t.screen("w");
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[0].contains("evil.ron"), "header garbled:\n{screen}");
    assert!(lines[1].contains("Value map") && lines[1].contains("Customer profile"));
    assert!(
        lines.iter().rev().take(3).any(|l| l.contains("Fit:")),
        "the footer is gone:\n{screen}"
    );
    assert!(
        screen.contains("reversed") && screen.contains("screen"),
        "{screen}"
    );
    // The window title was not set and nothing reached the clipboard.
    assert_ne!(t.display("w", "#{pane_title}"), "pwned");
    assert_ne!(t.display("w", "#{pane_title}"), "x");
    let buffers = t.stdout(&["list-buffers"]);
    assert_eq!(buffers, "", "OSC 52 reached tmux: {buffers}");
    t.keys("w", &["q"]);
    assert_eq!(t.wait_exit("w"), 0, "stderr: {}", t.stderr("w"));
    t.assert_restored("w");
    let raw = t.raw("w");
    for bad in [
        "\u{202e}".as_bytes(),
        "\u{9b}".as_bytes(),
        b"\x1b]52",
        b"\x1b]0;",
        b"\x1b]2;",
        b"\x07",
        b"\x08",
        b"\x00",
    ] {
        assert!(
            !contains_bytes(&raw, bad),
            "{bad:?} was written to the terminal"
        );
    }
    // The file was not rewritten by opening and quitting.
    assert_eq!(loaded(&file), hostile());
}

/// Zero-width spaces, a stray BOM and the Unicode line and paragraph
/// separators in items never reach the terminal (#27): tmux would move the
/// cursor or cut the line at them, shifting rows and losing borders.
#[test]
fn zero_width_and_line_separators_keep_every_row_whole() {
    let mut t = Tmux::new();
    let file = t.path("hidden.ron");
    let mut c = Canvas::new("Hidden\u{200b}title");
    c.push(Section::Pains, "zero\u{200b}\u{200b}\u{200b}width spaces");
    c.push(Section::Gains, "a\u{feff}stray\u{feff}bom");
    c.push(Section::Jobs, "line\u{2028}separator and\u{2029}paragraph");
    c.push(
        Section::Relievers,
        "\u{2028}\u{2028}\u{2028}\u{2029}\u{2029}lead",
    );
    write_canvas(&file, &c);
    t.start("w", &file, "");
    let screen = t.wait_screen("w", "paragraph");
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[0].contains("hidden.ron"), "header garbled:\n{screen}");
    assert!(lines[1].contains("Value map") && lines[1].contains("Customer profile"));
    assert!(
        lines.iter().rev().take(3).any(|l| l.contains("Fit:")),
        "the footer is gone:\n{screen}"
    );
    // Zero-width characters draw nothing; the separators draw as spaces.
    for needle in [
        "zerowidth spaces",
        "astraybom",
        "line separator and paragraph",
        "lead",
    ] {
        assert!(
            screen.contains(needle),
            "{needle:?} not drawn whole:\n{screen}"
        );
    }
    t.keys("w", &["q"]);
    assert_eq!(t.wait_exit("w"), 0, "stderr: {}", t.stderr("w"));
    let raw = t.raw("w");
    for bad in ['\u{200b}', '\u{feff}', '\u{2028}', '\u{2029}'] {
        let bytes = bad.to_string();
        assert!(
            !contains_bytes(&raw, bytes.as_bytes()),
            "{bad:?} was written to the terminal"
        );
    }
}

#[test]
fn wide_characters_at_the_right_edge_are_never_split() {
    let tmp = TempDir::new().unwrap();
    let file = tmp.path().join("cjk.ron");
    let mut c = Canvas::new("日本語のタイトル");
    c.segment = "フリーランスのデザイナー".into();
    for (i, section) in Section::ALL.into_iter().enumerate() {
        // Odd and even offsets, so some wide character meets every edge.
        let pad = "a".repeat(i % 3);
        c.push(section, format!("{pad}請求書を期限内に支払ってもらう仕事"));
        c.push(
            section,
            format!("{pad}a日本語テキストの項目ですよ😀よろしく"),
        );
        c.push(section, "漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字");
    }
    write_canvas(&file, &c);
    for width in 30..=60u16 {
        for height in [12u16, 30] {
            let out = Command::new(BIN)
                .arg("show")
                .arg("--width")
                .arg(width.to_string())
                .arg("--height")
                .arg(height.to_string())
                .arg(&file)
                .env("HOME", tmp.path())
                .env("XDG_CONFIG_HOME", tmp.path().join(".config"))
                .env_remove("VPCANVAS_CONFIG")
                .env("VPCANVAS_DATA_DIR", tmp.path())
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{width}x{height}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let shown = String::from_utf8(out.stdout).unwrap();
            assert!(
                shown.lines().count() <= usize::from(height),
                "{width}x{height}:\n{shown}"
            );
            for line in shown.lines() {
                assert!(
                    line.width() <= usize::from(width),
                    "a line wider than {width} columns ({}):\n{line}\n\n{shown}",
                    line.width()
                );
                assert!(!line.contains('\u{fffd}'), "{width}x{height}:\n{shown}");
            }
            if height == 30 {
                assert!(
                    shown.contains("請求") || shown.contains("漢字"),
                    "{width}x{height}: no wide text drawn at all:\n{shown}"
                );
            }
        }
    }
}

/// Issue #12: `mouse: false` in config.ron (or `--no-mouse`) leaves the
/// mouse to the terminal, so its own text selection works.
#[test]
fn mouse_capture_can_be_left_to_the_terminal() {
    let mut t = Tmux::new();
    let (on, off) = (t.path("on.ron"), t.path("off.ron"));
    write_canvas(&on, &sample("Mouse on"));
    write_canvas(&off, &sample("Mouse off"));
    let config = t.path("no-mouse.ron");
    fs::write(&config, "(mouse: false)").unwrap();
    t.start("on", &on, "");
    t.start("off", &off, &format!("VPCANVAS_CONFIG={}", quote(&config)));
    let raw = |name: &str| {
        String::from_utf8_lossy(&fs::read(t.path(&format!("raw-{name}"))).unwrap()).into_owned()
    };
    assert!(
        raw("on").contains("\u{1b}[?1000h"),
        "the mouse is taken by default"
    );
    assert!(
        !raw("off").contains("\u{1b}[?1000h"),
        "mouse: false leaves it"
    );
    for name in ["on", "off"] {
        t.keys(name, &["q"]);
        assert_eq!(t.wait_exit(name), 0, "stderr: {}", t.stderr(name));
    }
}

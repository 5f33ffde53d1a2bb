//! The terminal going away, and signals, against the real binary in a real
//! pseudo-terminal (the shared [`Tmux`] harness) (#11): closing the window
//! saves and exits 129 without a double panic, in the editor and in the
//! library; SIGQUIT and SIGUSR1 give the terminal back.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::PathBuf;

use crate::tmux::{Launch, Tmux, signal};

const CANVAS: &str = "(\n    version: 1,\n    title: \"Hang-up\",\n    customer: (\n        pains: [ (id: 1, text: \"Chasing late payments\") ],\n    ),\n)\n";

/// A harness with `data/plan.ron` (one pain) in its data folder; the path.
fn with_plan() -> (Tmux, PathBuf) {
    let t = Tmux::new();
    let plan = t.data.join("plan.ron");
    fs::write(&plan, CANVAS).unwrap();
    (t, plan)
}

/// Starts the editor on `plan` (or the library, without it) in window `w`
/// and waits until it shows `ready`.
fn open(t: &mut Tmux, plan: Option<&PathBuf>, how: Launch<'_>, ready: &str) {
    t.launch(
        "w",
        &Launch {
            file: plan.map(PathBuf::as_path),
            ..how
        },
    );
    t.wait_screen("w", ready);
}

fn assert_clean_exit(t: &Tmux, code: i32) {
    let err = t.stderr("w");
    assert!(
        !err.contains("panicked") && !err.contains("internal error"),
        "{err}"
    );
    assert_eq!(
        code, 129,
        "a hang-up exits 129, not SIGABRT (134); stderr: {err}"
    );
}

#[test]
fn closing_the_terminal_in_normal_mode_saves_and_exits_129() {
    let (mut t, plan) = with_plan();
    open(&mut t, Some(&plan), Launch::default(), "Fit:");
    // An edit in normal mode (delete the pain), then the window closes.
    t.keys("w", &["5"]);
    t.keys("w", &["d"]);
    t.wait_screen("w", "Pains (0)");
    t.hang_up();
    let code = t.wait_exit("w");
    assert_clean_exit(&t, code);
    let saved = fs::read_to_string(&plan).unwrap();
    assert!(!saved.contains("Chasing late payments"), "{saved}");
}

#[test]
fn closing_the_terminal_while_typing_keeps_the_text_and_exits_129() {
    let (mut t, plan) = with_plan();
    open(&mut t, Some(&plan), Launch::default(), "Fit:");
    t.keys("w", &["5"]);
    t.keys("w", &["a"]);
    t.type_text("w", "Typed, closed");
    t.wait_screen("w", "Typed, closed");
    t.hang_up();
    let code = t.wait_exit("w");
    assert_clean_exit(&t, code);
    let saved = fs::read_to_string(&plan).unwrap();
    assert!(saved.contains("Typed, closed"), "{saved}");
}

#[test]
fn closing_the_terminal_in_the_library_exits_129() {
    let (mut t, _) = with_plan();
    open(&mut t, None, Launch::default(), "plan");
    t.hang_up();
    let code = t.wait_exit("w");
    assert_clean_exit(&t, code);
}

#[test]
fn sigquit_and_sigusr1_give_the_terminal_back() {
    for (sig, number) in [("QUIT", 3), ("USR1", 10)] {
        let (mut t, plan) = with_plan();
        open(&mut t, Some(&plan), Launch::default(), "Fit:");
        t.keys("w", &["5"]);
        t.keys("w", &["a"]);
        t.type_text("w", "Typed before SIG");
        // The pain column may wrap it ("Typed before" / "SIG"): wait for
        // the last word too, so every key has been read.
        t.wait_screen("w", "Typed before");
        t.wait_screen("w", "SIG");
        signal(t.vpcanvas_pid("w"), sig);
        assert_eq!(
            t.wait_exit("w"),
            128 + number,
            "SIG{sig}: {}",
            t.stderr("w")
        );
        let stty = fs::read_to_string(t.path("stty-w")).unwrap();
        let flags: Vec<&str> = stty.split_whitespace().collect();
        for flag in ["icanon", "echo", "isig"] {
            assert!(
                flags.contains(&flag),
                "SIG{sig}: stty lacks {flag}:\n{stty}"
            );
        }
        let saved = fs::read_to_string(&plan).unwrap();
        assert!(saved.contains("Typed before SIG"), "SIG{sig}: {saved}");
    }
}

#[test]
fn closing_the_terminal_with_stderr_on_it_is_not_a_double_panic() {
    // With stderr on the terminal (as for a user), a failed write after the
    // hang-up used to panic twice.
    for editor in [true, false] {
        let (mut t, plan) = with_plan();
        let how = Launch {
            stderr_on_terminal: true,
            ..Launch::default()
        };
        open(&mut t, editor.then_some(&plan), how, "plan");
        t.keys("w", &["5"]);
        t.hang_up();
        assert_eq!(t.wait_exit("w"), 129, "editor {editor}: not 134 (SIGABRT)");
    }
}

#[test]
fn a_hang_up_while_input_is_being_read_still_exits_129() {
    // The flake behind a vpcanvas left spinning at 50% CPU, deaf to SIGTERM:
    // crossterm's reader loops forever on a tty that hung up after input was
    // seen but before it was read (its read loop stops only on WouldBlock).
    // A debug build widens that moment to 400 ms on request, so the hang-up
    // lands in it every time.
    for editor in [true, false] {
        let (mut t, plan) = with_plan();
        let how = Launch {
            env: "VPCANVAS_DEBUG_INPUT_DELAY_MS=400",
            ..Launch::default()
        };
        open(&mut t, editor.then_some(&plan), how, "plan");
        t.keys("w", &["5"]);
        t.hang_up();
        let code = t.wait_exit("w");
        assert_clean_exit(&t, code);
    }
}

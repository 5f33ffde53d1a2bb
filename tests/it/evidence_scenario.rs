//! From guesses to proof through the real loop (SPEC §7): mark a pain as
//! being tested, write a test card for it, record a learning that validates
//! it and its reliever, and watch both coverages move; then quit, reopen, and
//! ask `check` what it sees.

#![allow(clippy::unwrap_used)]

use std::process::{Command, Stdio};

use vpcanvas::canvas::file::to_ron;
use vpcanvas::canvas::{Canvas, Level, Section, Status, TestState};

use super::scenarios::Session;

const BIN: &str = env!("CARGO_BIN_EXE_vpcanvas");

/// One job helped by a product; one pain and one reliever, not linked yet.
fn file() -> String {
    let mut c = Canvas::new("Invoicing");
    c.segment = "Freelance designers".into();
    let job = c.push(Section::Jobs, "Get paid on time");
    let pain = c.push(Section::Pains, "Clients pay late");
    let app = c.push(Section::Products, "Invoicing app");
    c.push(Section::Relievers, "Automatic reminders");
    c.set_level(pain, Level::High);
    assert!(c.set_link(app, job, true));
    to_ron(&c)
}

fn footer(screen: &str) -> &str {
    screen.lines().last().unwrap_or_default()
}

#[test]
fn a_learning_turns_a_guess_into_proof_and_the_file_keeps_it() {
    let s = Session::with_file(&file());
    let ran = s.run(concat!(
        // The pain: Testing.
        "5 v <snap> ",
        // The reliever relieves it: on paper, the pain is covered.
        "3 m <space> <enter> <snap> ",
        // A test card from the pain, then a learning that validates the
        // pain and the reliever (offered pains first: pain, job, reliever).
        "5 b a <esc> l ",
        r#""7 of 10 designers turned reminders on" <enter> "#,
        "<down> <down> <down> <down> <enter> <space> <down> <down> <space> <enter> ",
        "<esc> <esc> <snap> q",
    ));
    let [testing, linked, proven] = &ran.snaps[..] else {
        panic!("{} snaps", ran.snaps.len())
    };
    assert!(
        footer(&testing.screen).contains("pains 0/1 (0 evidenced)"),
        "{}",
        testing.screen
    );
    assert!(
        footer(&linked.screen).contains("pains 1/1 (0 evidenced)"),
        "{}",
        linked.screen
    );
    assert!(
        footer(&proven.screen).contains("pains 1/1 (1 evidenced)"),
        "{}",
        proven.screen
    );
    // The file says it all.
    let canvas = s.canvas();
    let pain = &canvas.items(Section::Pains)[0];
    let reliever = &canvas.items(Section::Relievers)[0];
    assert_eq!(pain.status, Status::Validated);
    assert_eq!(reliever.status, Status::Validated);
    let [test] = &canvas.tests[..] else {
        panic!("{:?}", canvas.tests)
    };
    assert_eq!(test.believe, "Clients pay late");
    assert_eq!(test.items, [pain.id]);
    assert_eq!(test.state, TestState::Planned);
    let [learning] = &canvas.learnings[..] else {
        panic!("{:?}", canvas.learnings)
    };
    assert_eq!(learning.test, Some(test.id));
    assert_eq!(learning.observed, "7 of 10 designers turned reminders on");
    assert_eq!(learning.validated, [pain.id, reliever.id]);
    let saved = s.text();
    assert!(saved.starts_with("(\n    version: 2,"), "{saved}");

    // Reopened: the markers and both coverages are back.
    let again = s.run("<snap> q");
    let screen = &again.snaps[0].screen;
    assert!(
        footer(screen).contains("pains 1/1 (1 evidenced)"),
        "{screen}"
    );
    // The status cell, then the coach's (a mark or a space), then the level.
    assert!(
        ["✓  ●●● Clients pay late", "✓✎ ●●● Clients pay late"]
            .iter()
            .any(|row| screen.contains(row)),
        "{screen}"
    );

    // And the command line agrees.
    let out = Command::new(BIN)
        .args(["check", "--format", "json"])
        .arg(&s.file)
        .env("VPCANVAS_DATA_DIR", s.dir.path())
        .env("HOME", s.dir.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["coverage"]["pains"], 1.0, "{json}");
    assert_eq!(json["coverage_evidenced"]["pains"], 1.0, "{json}");
}

//! A whole workshop through the real binary: write, reveal, vote, rank,
//! close; and a kill -9 in the middle of a round.

use super::*;

#[test]
fn a_silent_round_a_reveal_a_dot_vote_and_a_ranking_reach_the_file() {
    let mut t = Tmux::new();
    loopback_config(&t);
    let file = canvas(&t);
    let room = open_room(&mut t, "r", &file);
    // Without the key, nothing.
    assert_eq!(get(room.port, "/", None).status, 404);
    // Pains, then a write round from the panel.
    t.keys("r", &["Escape"]);
    t.wait_gone("r", "Join on the same");
    t.keys("r", &["5"]);
    t.keys("r", &["R"]);
    t.wait_screen("r", "Join on the same");
    t.keys("r", &["w"]);
    t.wait_screen("r", "Writing on pains");
    let phones: Vec<String> = (0..3).map(|_| room.join()).collect();
    let hostile = "Late \u{1b}]52;c;aGk=\u{7}fees\u{202e} <b>x</b>";
    assert_eq!(room.write(&phones[0], "Clients pay late"), "added");
    assert_eq!(room.write(&phones[1], hostile), "added");
    assert_eq!(room.write(&phones[2], "clients pay LATE"), "added");
    assert_eq!(room.write(&phones[2], &"x".repeat(281)), "too-long");
    // Silent: the projector shows how many, never what.
    let screen = t.wait_screen("r", "3 notes from 3 people");
    assert!(!screen.contains("Clients pay late"), "{screen}");
    // Another phone cannot see them either.
    let page = get(room.port, &room.base, Some(&phones[0])).body;
    assert!(page.contains("Clients pay late") && !page.contains("clients pay LATE"));
    t.keys("r", &["r"]);
    let saved = wait_file(&file, "clients pay LATE");
    let order: Vec<usize> = [
        "Chasing late payers",
        "Clients pay late",
        "Late ",
        "clients pay LATE",
    ]
    .iter()
    .map(|n| saved.find(n).unwrap())
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{saved}");
    assert!(saved.contains("<b>x</b>"));
    assert!(
        !saved.contains('\u{202e}') && !saved.contains("\\u{1b}]52"),
        "{saved}"
    );
    t.wait_screen("r", "Say the same");
    // Nothing of the note's escape sequence or its bidi override reached the terminal.
    let raw = t.raw("r");
    assert!(!crate::tmux::contains_bytes(&raw, b"\x1b]52;c;aGk="));
    assert!(!crate::tmux::contains_bytes(&raw, "\u{202e}".as_bytes()));
    vote_and_rank(&t, &room, &file, &phones, &saved);
    // Closing the room stops the server (and the room says so).
    t.keys("r", &["X"]);
    t.wait_screen("r", "The room is closed");
    wait::holds(
        crate::tmux::DEADLINE,
        || get(room.port, &format!("{}version", room.base), None).status == 0,
        || "the server still answers".to_owned(),
    );
    t.keys("r", &["q"]);
    assert_eq!(t.wait_exit("r"), 0);
}

/// A dot vote on pains (3 dots each, a fourth refused, one taken back),
/// closed, and the section ranked by it.
fn vote_and_rank(t: &Tmux, room: &Room, file: &Path, phones: &[String], saved: &str) {
    t.keys("r", &["v"]);
    t.wait_screen("r", "A dot vote");
    t.keys("r", &["Enter"]);
    t.wait_screen("r", "Voting on pains");
    let id_of = |text: &str| -> String {
        let line = saved.lines().find(|l| l.contains(text)).unwrap();
        line.split("id: ")
            .nth(1)
            .unwrap()
            .split(',')
            .next()
            .unwrap()
            .to_owned()
    };
    let (late, chasing) = (id_of("\"clients pay LATE\""), id_of("Chasing late payers"));
    for _ in 0..3 {
        assert_eq!(
            room.form(&phones[0], &format!("do=dot&item={late}")),
            "dotted"
        );
    }
    assert_eq!(
        room.form(&phones[0], &format!("do=dot&item={late}")),
        "no-dots"
    );
    assert_eq!(
        room.form(&phones[0], &format!("do=undot&item={late}")),
        "undotted"
    );
    assert_eq!(
        room.form(&phones[1], &format!("do=dot&item={chasing}")),
        "dotted"
    );
    t.wait_screen("r", "2 people have voted");
    t.keys("r", &["c"]);
    t.wait_screen("r", "The vote on pains");
    t.keys("r", &["o"]);
    // Most votes first: 2 dots, then 1, then the rest in their order.
    let ranked = wait::until(
        crate::tmux::DEADLINE,
        || {
            let s = fs::read_to_string(file).ok()?;
            let at = |n: &str| s.find(n);
            (at("clients pay LATE")? < at("Chasing late payers")?
                && at("Chasing late payers")? < at("Clients pay late")?)
            .then_some(s)
        },
        || format!("not ranked: {:?}", fs::read_to_string(file)),
    );
    assert!(ranked.contains("Late  ]52"), "{ranked}");
    // The dots are the items' votes now, in the file (format version 3).
    let votes = |text: &str| {
        let line = ranked.lines().find(|l| l.contains(text)).unwrap();
        line.split("votes: ")
            .nth(1)
            .map(|v| v.split(&[',', ')'][..]).next().unwrap().to_owned())
    };
    assert_eq!(
        votes("\"clients pay LATE\"").as_deref(),
        Some("2"),
        "{ranked}"
    );
    assert_eq!(votes("Chasing late payers").as_deref(), Some("1"));
    assert_eq!(votes("\"Clients pay late\""), None);
}

#[test]
fn notes_survive_a_kill_9_in_the_middle_of_a_round_and_are_offered_again() {
    let mut t = Tmux::new();
    loopback_config(&t);
    let file = canvas(&t);
    let room = open_room(&mut t, "a", &file);
    // The editor starts on the customer jobs.
    t.keys("a", &["w"]);
    t.wait_screen("a", "Writing on customer jobs");
    let phones: Vec<String> = (0..2).map(|_| room.join()).collect();
    for n in 0..5 {
        let code = room.write(&phones[n % 2], &format!("Job number {n}"));
        assert_eq!(code, "added");
    }
    // Each "added" came after the notes were on disk: kill at once.
    let pid = t.vpcanvas_pid("a");
    let killed = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    t.wait_exit("a");
    assert!(!fs::read_to_string(&file).unwrap().contains("Job number"));
    // Opened again (without the room): the notes are offered.
    t.start("b", &file, "");
    t.wait_screen("b", "5 notes from the last room");
    t.keys("b", &["R"]);
    t.wait_screen("b", "5 notes from 2 people");
    t.keys("b", &["r"]);
    let saved = wait_file(&file, "Job number 4");
    for n in 0..5 {
        assert!(saved.contains(&format!("Job number {n}")), "{saved}");
    }
    t.keys("b", &["Escape"]);
    t.wait_gone("b", "Join on the same");
    t.keys("b", &["q"]);
    assert_eq!(t.wait_exit("b"), 0);
}

#[test]
fn a_closed_terminal_keeps_the_notes_too() {
    let mut t = Tmux::new();
    loopback_config(&t);
    let file = canvas(&t);
    let room = open_room(&mut t, "a", &file);
    t.keys("a", &["Escape"]);
    t.wait_gone("a", "Join on the same");
    t.keys("a", &["4", "R"]);
    t.wait_screen("a", "Join on the same");
    t.keys("a", &["w"]);
    t.wait_screen("a", "Writing on gains");
    let phone = room.join();
    assert_eq!(room.write(&phone, "Paid within a week"), "added");
    t.hang_up();
    assert_eq!(t.wait_exit("a"), 129);
    t.start("b", &file, "");
    t.wait_screen("b", "1 note from the last room");
    t.keys("b", &["R"]);
    t.wait_screen("b", "1 note from 1 person");
    t.keys("b", &["r"]);
    wait_file(&file, "Paid within a week");
}

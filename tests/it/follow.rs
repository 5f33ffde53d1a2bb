//! A second vpcanvas on the same canvas (#25): it opens read-only, and it
//! follows the file, so a facilitator can mirror the laptop on a second
//! screen. Two real processes, one file, each in its own terminal.

#![allow(clippy::unwrap_used)]

use std::fs;

use crate::tmux::Tmux;

const CANVAS: &str = "(\n    version: 1,\n    title: \"Mirror\",\n    customer: (\n        pains: [ (id: 1, text: \"Chasing late payments\") ],\n    ),\n)\n";

#[test]
fn a_read_only_copy_shows_the_other_windows_saves() {
    let mut t = Tmux::new();
    let plan = t.data.join("plan.ron");
    fs::write(&plan, CANVAS).unwrap();
    t.start("editor", &plan, "");
    t.start("mirror", &plan, "");
    let mirror = t.screen("mirror");
    assert!(
        mirror
            .lines()
            .next()
            .unwrap_or_default()
            .contains("read-only"),
        "{mirror}"
    );
    // An item added and saved in the editor shows in the mirror.
    t.keys("editor", &["5", "a"]);
    t.type_text("editor", "Lost invoices");
    t.keys("editor", &["Enter"]);
    t.wait_for("editor", "the save", |_| {
        fs::read_to_string(&plan).unwrap().contains("Lost invoices")
    });
    t.wait_screen("mirror", "Lost invoices");
    // And so does a change to one already there, with nothing asked.
    t.keys("editor", &["k", "e", "C-u"]);
    t.type_text("editor", "Slow payers");
    t.keys("editor", &["Enter"]);
    let mirror = t.wait_screen("mirror", "Slow payers");
    assert!(!mirror.contains("Chasing late"), "{mirror}");
    assert!(!mirror.contains("changed the file"), "{mirror}");
    // The mirror never wrote the file: the editor's words are there.
    t.keys("editor", &["q"]);
    assert_eq!(t.wait_exit("editor"), 0);
    let saved = fs::read_to_string(&plan).unwrap();
    assert!(saved.contains("Slow payers"), "{saved}");
}

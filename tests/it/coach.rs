//! The coach through the real loop: a vague pain gets its hint while it is
//! typed and once kept, loses it when a number is added; a hint dismissed in
//! the `!` list is written to the file and stays gone when reopened.

#![allow(clippy::unwrap_used)]

use vpcanvas::canvas::Section;

use super::scenarios::Session;

/// The line under the canvas (the selected item's hints, or the draft's).
fn detail_line(screen: &str) -> &str {
    let lines: Vec<&str> = screen.lines().collect();
    lines[lines.len() - 2]
}

/// The row of the canvas that shows `item`.
fn row_of<'a>(screen: &'a str, item: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(item))
        .unwrap_or_else(|| panic!("{item:?} not on screen:\n{screen}"))
}

#[test]
fn a_vague_pain_shows_its_hint_and_loses_it_when_a_number_is_added() {
    let s = Session::new();
    let ran = s.run(concat!(
        r#"5 a "Invoicing is slow" <snap> <enter> <snap> "#,
        r#"e " 3 hours a week" <snap> <enter> <snap> q"#,
    ));
    let [typing, kept, fixing, fixed] = &ran.snaps[..] else {
        panic!("{} snaps", ran.snaps.len())
    };
    // While typing: the coach reads the draft.
    assert!(
        detail_line(&typing.screen).contains("✎ Add a number: how late"),
        "{}",
        typing.screen
    );
    // Kept: the item carries the calm mark, and the line says what to do.
    assert!(
        row_of(&kept.screen, "Invoicing is slow").contains('✎'),
        "{}",
        kept.screen
    );
    assert!(
        detail_line(&kept.screen).contains("✎ Add a number: how late"),
        "{}",
        kept.screen
    );
    // With a number the hint goes, as typed and once kept.
    assert!(
        !detail_line(&fixing.screen).contains("Add a number"),
        "{}",
        fixing.screen
    );
    assert!(!fixed.screen.contains("Add a number"), "{}", fixed.screen);
    let canvas = s.canvas();
    assert_eq!(
        canvas.items(Section::Pains)[0].text,
        "Invoicing is slow 3 hours a week"
    );
}

#[test]
fn a_hint_dismissed_in_the_list_is_kept_in_the_file() {
    let s = Session::new();
    let ran = s.run(r#"5 a "Tax surprises" <enter> ! <snap> d <snap> <esc> q"#);
    let [listed, dismissed] = &ran.snaps[..] else {
        panic!("{} snaps", ran.snaps.len())
    };
    assert!(
        listed.screen.contains("No number (unquantified) · 1"),
        "{}",
        listed.screen
    );
    assert!(
        listed.screen.contains("▶ Pains: Tax surprises"),
        "{}",
        listed.screen
    );
    assert!(
        !dismissed.screen.contains("(unquantified)"),
        "{}",
        dismissed.screen
    );
    assert!(
        s.text().contains(
            r#"(id: 1, text: "Tax surprises", severity: Moderate, dismissed: ["unquantified"])"#
        ),
        "{}",
        s.text()
    );
    // Reopened, it stays dismissed.
    let again = s.run("! <snap> <esc> q");
    assert!(
        !again.snaps[0].screen.contains("(unquantified)"),
        "{}",
        again.snaps[0].screen
    );
}

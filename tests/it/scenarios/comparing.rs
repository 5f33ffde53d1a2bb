//! The comparison grid through the real loop (SPEC §12): a founder scores
//! the canvas against two alternatives by keys, renames one, removes one
//! and undoes it; the file follows every step. Snapshots of the grid with
//! its curve, and of the curve alone in projector mode.

use super::Session;
use vpcanvas::canvas::Section;

const CANVAS: &str = r#"(
    version: 1,
    title: "Invoicing",
    segment: "Freelance designers",
    alternatives: ["Spreadsheets"],
    customer: (
        jobs: [
            (id: 1, text: "Get paid on time for every project without chasing anyone", importance: High),
        ],
        pains: [
            (id: 2, text: "Clients pay 30+ days late", severity: Extreme),
            (id: 3, text: "Tax season panic", severity: Moderate),
        ],
        gains: [
            (id: 4, text: "Know cash 3 months ahead", relevance: Essential),
        ],
    ),
)
"#;

#[test]
fn a_founder_scores_two_alternatives_by_keys_and_the_file_follows() {
    let s = Session::with_file(CANVAS);
    // Rows in rank order: job 1, pain 2, gain 4 (High), then pain 3.
    let ran = s.run(concat!(
        "C 8 <down> 9 <down> 7 <down> 3 ",
        "<right> <up> <up> <up> 3 <down> 2 <down> 4 <down> 5 ",
        r#"a "Hiring a bookkeeper" <enter> <up> <up> <up> 6 <down> 5 <down> 6 <down> 8 <snap> "#,
        r#"A "An accountant" <enter> <snap> <left> d <snap> u <esc> q"#,
    ));
    assert_eq!(ran.unread, 0);
    let [grid, renamed, removed] = &ran.snaps[..] else {
        panic!("{} snaps", ran.snaps.len())
    };
    insta::assert_snapshot!("compare_grid_120x40", grid.screen);
    assert!(grid.file.as_deref().unwrap().contains(
        r#"(id: 2, text: "Clients pay 30+ days late", severity: Extreme, ours: 9, theirs: {"Spreadsheets": 2, "Hiring a bookkeeper": 5}),"#
    ), "{}", grid.file.as_deref().unwrap());
    assert!(
        grid.screen.contains(
            "Leads on 2 of the 3 top factors; trails Hiring a bookkeeper on 'Tax season panic'"
        ),
        "{}",
        grid.screen
    );
    // Renamed: the scores follow the name.
    assert!(
        renamed
            .file
            .as_deref()
            .unwrap()
            .contains(r#""An accountant": 5"#)
    );
    assert!(
        !renamed
            .file
            .as_deref()
            .unwrap()
            .contains("Hiring a bookkeeper")
    );
    // Removed with its scores, and said so.
    let file = removed.file.as_deref().unwrap();
    assert!(!file.contains("Spreadsheets"), "{file}");
    assert!(
        removed
            .screen
            .contains("Removed the alternative “Spreadsheets” and its 4 scores"),
        "{}",
        removed.screen
    );
    // Undone: Spreadsheets and its scores are back.
    let canvas = s.canvas();
    assert_eq!(canvas.alternatives, ["Spreadsheets", "An accountant"]);
    let pain = &canvas.items(Section::Pains)[0];
    assert_eq!(
        (pain.ours, pain.score_of("Spreadsheets")),
        (Some(9), Some(2))
    );
    assert_eq!(
        canvas.items(Section::Pains)[1].score_of("An accountant"),
        Some(8)
    );
}

#[test]
fn the_curve_alone_in_projector_mode() {
    let scored = CANVAS
        .replace("version: 1", "version: 3")
        .replace(
            "importance: High)",
            r#"importance: High, ours: 8, theirs: {"Spreadsheets": 3})"#,
        )
        .replace(
            "severity: Extreme)",
            r#"severity: Extreme, ours: 9, theirs: {"Spreadsheets": 2})"#,
        )
        .replace(
            "severity: Moderate)",
            r#"severity: Moderate, ours: 3, theirs: {"Spreadsheets": 5})"#,
        )
        .replace(
            "relevance: Essential)",
            r#"relevance: Essential, ours: 7, theirs: {"Spreadsheets": 4})"#,
        );
    let s = Session::with_file(&scored);
    let ran = s.run("p C <snap> <esc> p q");
    let [curve] = &ran.snaps[..] else {
        panic!("{} snaps", ran.snaps.len())
    };
    insta::assert_snapshot!("compare_projector_120x40", curve.screen);
    assert!(curve.screen.contains("● Ours"), "{}", curve.screen);
    assert!(curve.screen.contains("◆ Spreadsheets"), "{}", curve.screen);
    // The grid is not shown: only the curve, its factors named under it.
    assert!(!curve.screen.contains("Factor"), "{}", curve.screen);
    assert!(
        curve.screen.contains("2 Clients pay 30+ days late"),
        "{}",
        curve.screen
    );
}

//! Format version 3 (SPEC §10): votes, scores and measured results read as
//! written, are written back byte for byte, leave older canvases untouched,
//! and every malformed form is a load error with the thing, the key and
//! `line:column`.

use super::malformed::every_prefix_fails_cleanly;
use super::v2::SPEC_V2_EXAMPLE;
use super::*;
use crate::canvas::{Rate, TestResult, Variant};

/// A version 3 canvas using every new field, as the writer writes it.
pub(super) const V3_EXAMPLE: &str = r#"(
    version: 3,
    title: "Invoicing for freelancers",
    segment: "Freelance designers",
    alternatives: ["Spreadsheets", "Hiring a bookkeeper"],
    customer: (
        jobs: [
            (id: 1, text: "Get paid on time", kind: Functional, importance: High, votes: 2, ours: 7, theirs: {"Spreadsheets": 4}),
        ],
        pains: [
            (id: 2, text: "Clients pay 30+ days late", severity: Extreme, votes: 7, ours: 8, theirs: {"Spreadsheets": 2, "Hiring a bookkeeper": 6}),
        ],
        gains: [
            (id: 3, text: "Cash in within 7 days", relevance: Essential, status: Testing, ours: 0),
        ],
    ),
    value_map: (
        products: [
            (id: 4, text: "Invoicing web app", jobs: [1], votes: 1),
        ],
        relievers: [
            (id: 5, text: "Automatic, polite payment reminders", pains: [2]),
        ],
        creators: [
            (id: 6, text: "Pay-now button on every invoice", gains: [3]),
        ],
    ),
    statements: [
        (id: 7, name: "A: late payments", text: "Paid within 7 days."),
        (id: 8, name: "B: cash flow", text: "A 30-day forecast."),
    ],
    tests: [
        (id: 9, name: "Landing page A/B", statements: [7, 8], state: Done, target: 0.05, results: [(statement: 7, shown: 400, converted: 30), (statement: 8, shown: 380, converted: 8), (label: "Control", shown: 100, converted: 0)]),
    ],
)
"#;

fn parsed(text: &str) -> Canvas {
    parse(text).unwrap_or_else(|e| panic!("{e}")).canvas
}

#[test]
fn the_version_3_fields_read_as_written() {
    let p = parse(V3_EXAMPLE).unwrap();
    assert_eq!(p.version, 3);
    assert!(!p.read_only());
    let c = &p.canvas;
    let pain = c.item(2).unwrap();
    assert_eq!(pain.votes, 7);
    assert_eq!(pain.ours, Some(8));
    assert_eq!(
        pain.theirs,
        [
            ("Spreadsheets".to_owned(), 2),
            ("Hiring a bookkeeper".to_owned(), 6)
        ]
    );
    assert_eq!(pain.score_of("Hiring a bookkeeper"), Some(6));
    assert_eq!(c.item(3).unwrap().ours, Some(0), "a zero score is a score");
    assert_eq!(c.item(4).unwrap().votes, 1);
    let test = &c.tests[0];
    assert_eq!(test.target, Rate::new(0.05));
    assert_eq!(
        test.results,
        [
            TestResult::statement(7, 400, 30),
            TestResult::statement(8, 380, 8),
            TestResult {
                variant: Variant::Label("Control".into()),
                shown: 100,
                converted: 0
            },
        ]
    );
}

#[test]
fn a_version_3_canvas_is_written_back_byte_for_byte() {
    assert_eq!(to_ron(&parsed(V3_EXAMPLE)), V3_EXAMPLE);
}

#[test]
fn scores_are_written_in_the_order_of_the_alternatives() {
    let text = V3_EXAMPLE.replace(
        r#"theirs: {"Spreadsheets": 2, "Hiring a bookkeeper": 6}"#,
        r#"theirs: {"Hiring a bookkeeper": 6, "Spreadsheets": 2}"#,
    );
    assert_eq!(to_ron(&parsed(&text)), V3_EXAMPLE);
}

#[test]
fn older_canvases_keep_their_version_and_bytes() {
    // (The example's empty `invalidated: []` is a default, left out.)
    assert_eq!(
        to_ron(&parsed(SPEC_V2_EXAMPLE)),
        SPEC_V2_EXAMPLE.replace(", invalidated: []", "")
    );
    let mut c = parsed(V3_EXAMPLE);
    // Taking every version 3 field away writes the lower version again.
    for (_, item) in c.clone().all_items() {
        let id = item.id;
        c.set_score(id, None, None);
        for alt in c.alternatives.clone() {
            c.set_score(id, Some(&alt), None);
        }
        c.set_votes(id, 0);
    }
    for t in &mut c.tests {
        t.target = None;
        t.results.clear();
    }
    assert!(to_ron(&c).contains("    version: 2,\n"));
    c.tests.clear();
    c.statements.clear();
    c.set_status(3, crate::canvas::Status::Untested);
    assert!(to_ron(&c).contains("    version: 1,\n"));
}

#[test]
fn targets_are_written_as_they_read() {
    for target in ["0.05", "0.0", "1.0", "0.125", "0.3333333333333333"] {
        let text = V3_EXAMPLE.replace("target: 0.05", &format!("target: {target}"));
        assert_eq!(to_ron(&parsed(&text)), text, "{target}");
    }
}

/// Each malformed form: a load error whose message names the thing and the
/// field, with the line and column.
#[test]
fn malformed_version_3_fields_are_load_errors_with_their_place() {
    let cases: &[(&str, &str, &[&str], usize)] = &[
        (
            "ours: 8,",
            "ours: 11,",
            &["pain 2", "`ours`", "11", "0 to 10"],
            11,
        ),
        (
            r#""Hiring a bookkeeper": 6"#,
            r#""Hiring a bookkeeper": 12"#,
            &["pain 2", "`theirs`", "Hiring a bookkeeper", "12"],
            11,
        ),
        (
            r#""Hiring a bookkeeper": 6"#,
            r#""Excel": 6"#,
            &[
                "pain 2",
                "`theirs`",
                "Excel",
                "not one of the canvas's alternatives",
            ],
            11,
        ),
        ("ours: 8,", "ours: -1,", &["11:"], 11),
        ("ours: 8,", "ours: 7.5,", &["11:"], 11),
        (
            "converted: 30",
            "converted: 401",
            &["test card 9", "`results`", "401", "400"],
            33,
        ),
        (
            "(statement: 8, shown",
            "(statement: 6, shown",
            &["test card 9", "statement 6", "does not test"],
            33,
        ),
        (
            "target: 0.05",
            "target: 1.5",
            &["test card 9", "`target`", "1.5", "0 to 1"],
            33,
        ),
        (
            "target: 0.05",
            "target: -0.1",
            &["test card 9", "`target`"],
            33,
        ),
        (
            "(label: \"Control\", ",
            "(statement: 7, label: \"Control\", ",
            &["test card 9", "both or neither"],
            33,
        ),
        (
            "(label: \"Control\", ",
            "(statement: 7, ",
            &["test card 9", "two results for statement 7"],
            33,
        ),
        (
            r#""Spreadsheets": 2,"#,
            r#""Spreadsheets": 2, "Spreadsheets": 3,"#,
            &["scored twice"],
            11,
        ),
        (
            "jobs: [1], votes: 1",
            "jobs: [1], ours: 5",
            &[
                "product or service 4",
                "`ours`",
                "only jobs, pains and gains",
            ],
            19,
        ),
        ("votes: 7,", "votes: -7,", &["11:"], 11),
    ];
    for (from, to, wanted, line) in cases {
        assert!(V3_EXAMPLE.contains(from), "{from}");
        let text = V3_EXAMPLE.replacen(from, to, 1);
        let e = parse(&text).expect_err(to);
        let message = e.to_string();
        for w in *wanted {
            assert!(message.contains(w), "{to}: {message:?} lacks {w:?}");
        }
        assert_eq!(e.location().map(|(l, _)| l), Some(*line), "{to}: {message}");
    }
}

#[test]
fn every_prefix_of_a_version_3_canvas_fails_cleanly() {
    every_prefix_fails_cleanly(V3_EXAMPLE);
}

#[test]
fn a_file_from_a_newer_version_with_scores_still_opens_read_only() {
    let text = V3_EXAMPLE
        .replace("version: 3", "version: 4")
        .replace("ours: 8,", "ours: 8, colour: \"red\",");
    let p = parse(&text).unwrap();
    assert!(p.read_only());
    assert_eq!(p.canvas.item(2).unwrap().ours, Some(8));
}

#[test]
fn renaming_an_alternative_keeps_its_scores_and_removing_it_drops_them() {
    let mut c = parsed(V3_EXAMPLE);
    assert!(c.rename_alternative(1, "A bookkeeper"));
    assert_eq!(c.item(2).unwrap().score_of("A bookkeeper"), Some(6));
    assert!(
        !c.rename_alternative(1, "Spreadsheets"),
        "no two of one name"
    );
    assert_eq!(c.remove_alternative(0), Some(2));
    assert_eq!(c.item(2).unwrap().theirs, [("A bookkeeper".to_owned(), 6)]);
    assert_eq!(c.item(1).unwrap().theirs, []);
    parse(&to_ron(&c)).unwrap();
}

#[test]
fn editing_the_alternatives_as_text_keeps_the_file_valid() {
    let mut c = parsed(V3_EXAMPLE);
    // One name changed in place: a rename.
    assert_eq!(
        c.set_alternatives(vec!["Excel".into(), "Hiring a bookkeeper".into()]),
        0
    );
    assert_eq!(c.item(2).unwrap().score_of("Excel"), Some(2));
    // One dropped: its scores go.
    assert_eq!(c.set_alternatives(vec!["Hiring a bookkeeper".into()]), 2);
    // Reordered: the scores follow the new order.
    c.set_alternatives(vec!["Excel".into(), "Hiring a bookkeeper".into()]);
    c.set_score(2, Some("Excel"), Some(3));
    c.set_alternatives(vec!["Hiring a bookkeeper".into(), "Excel".into()]);
    let text = to_ron(&c);
    assert!(
        text.contains(r#"theirs: {"Hiring a bookkeeper": 6, "Excel": 3}"#),
        "{text}"
    );
    parse(&text).unwrap();
}

#[test]
fn a_score_is_set_only_where_it_may_be() {
    let mut c = parsed(V3_EXAMPLE);
    assert!(!c.set_score(2, None, Some(11)));
    assert!(!c.set_score(2, Some("Nobody"), Some(3)));
    assert!(!c.set_score(99, None, Some(3)));
    assert!(c.set_score(2, None, Some(10)));
    assert_eq!(c.item(2).unwrap().ours, Some(10));
}

/// A negative count is refused naming the test, the variant and the place,
/// as a count above what was shown is.
#[test]
fn a_negative_count_is_a_load_error_naming_the_test() {
    for (from, to, wanted) in [
        (
            "shown: 380",
            "shown: -380",
            "-380 people were shown statement 8",
        ),
        (
            "converted: 30",
            "converted: -3",
            "-3 people converted after seeing statement 7",
        ),
    ] {
        assert!(V3_EXAMPLE.contains(from), "{from}");
        let e = parse(&V3_EXAMPLE.replacen(from, to, 1)).expect_err(to);
        let message = e.to_string();
        for w in ["test card 9", "`results`", wanted, "cannot be negative"] {
            assert!(message.contains(w), "{to}: {message:?} lacks {w:?}");
        }
        assert_eq!(e.location().map(|(l, _)| l), Some(33), "{to}: {message}");
    }
}

//! Format version 2 (SPEC §2): the documented example, what a re-save writes,
//! and a clear error for every malformed form of the new fields.

use super::malformed::every_prefix_fails_cleanly;
use super::*;
use crate::canvas::HeaderConflict;

/// The version 2 example from SPEC §2, byte for byte.
pub(super) const SPEC_V2_EXAMPLE: &str = r#"(
    version: 2,
    title: "Invoicing for freelancers",
    segment: "Freelance designers",
    alternatives: ["Spreadsheets"],
    customer: (
        jobs: [
            (id: 1, text: "Get paid on time", kind: Functional, importance: High, status: Validated, evidence: ["9 of 12 interviewees chase payments every week"]),
        ],
        pains: [
            (id: 2, text: "Clients pay 30+ days late", severity: Extreme, status: Testing),
        ],
        gains: [
            (id: 3, text: "Cash in within 7 days", relevance: Essential, dismissed: ["unquantified"]),
        ],
    ),
    value_map: (
        products: [
            (id: 4, text: "Invoicing web app", jobs: [1]),
        ],
        relievers: [
            (id: 5, text: "Automatic, polite payment reminders", pains: [2], status: Testing),
        ],
        creators: [
            (id: 6, text: "Pay-now button on every invoice", gains: [3]),
        ],
    ),
    statements: [
        (id: 7, name: "A: late payments", text: "Our invoicing app helps freelance designers get paid within 7 days by chasing late payers for them."),
        (id: 8, name: "B: cash flow", text: "Our invoicing app gives freelance designers a 30-day cash-flow forecast."),
    ],
    tests: [
        (id: 9, name: "Landing page A/B", believe: "Designers will sign up to stop chasing payments", verify: "Show statements A and B to 400 designers from the newsletter", measure: "Sign-up rate per statement", right_if: "A converts at 5% or more and beats B", items: [2, 5], statements: [7, 8], state: Done, deadline: "2026-12-15"),
    ],
    learnings: [
        (id: 10, test: 9, observed: "A: 7.5% signed up; B: 2.1%", learned: "Late payment is the pain that sells", decision: "Lead with A on the home page", date: "2026-12-16", validated: [2, 5], invalidated: []),
    ],
)
"#;

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn the_spec_version_2_example_reads_as_written() {
    let parsed = parse(SPEC_V2_EXAMPLE).unwrap();
    assert_eq!(parsed.version, 2);
    assert!(!parsed.read_only());
    let c = &parsed.canvas;
    let job = c.item(1).unwrap();
    assert_eq!(job.status, Status::Validated);
    assert_eq!(
        job.evidence,
        ["9 of 12 interviewees chase payments every week"]
    );
    assert_eq!(c.item(2).unwrap().status, Status::Testing);
    assert_eq!(c.item(3).unwrap().dismissed, ["unquantified"]);
    assert_eq!(c.item(5).unwrap().status, Status::Testing);
    assert_eq!(c.item(6).unwrap().status, Status::Untested);
    assert_eq!(
        c.statements,
        [
            Statement {
                id: 7,
                name: "A: late payments".into(),
                text: "Our invoicing app helps freelance designers get paid within 7 days by chasing late payers for them.".into(),
            },
            Statement {
                id: 8,
                name: "B: cash flow".into(),
                text: "Our invoicing app gives freelance designers a 30-day cash-flow forecast.".into(),
            },
        ]
    );
    assert_eq!(
        c.tests,
        [TestCard {
            id: 9,
            name: "Landing page A/B".into(),
            believe: "Designers will sign up to stop chasing payments".into(),
            verify: "Show statements A and B to 400 designers from the newsletter".into(),
            measure: "Sign-up rate per statement".into(),
            right_if: "A converts at 5% or more and beats B".into(),
            items: vec![2, 5],
            statements: vec![7, 8],
            state: TestState::Done,
            deadline: Some(date("2026-12-15")),
            ..TestCard::default()
        }]
    );
    assert_eq!(
        c.learnings,
        [Learning {
            id: 10,
            test: Some(9),
            observed: "A: 7.5% signed up; B: 2.1%".into(),
            learned: "Late payment is the pain that sells".into(),
            decision: "Lead with A on the home page".into(),
            date: Some(date("2026-12-16")),
            validated: vec![2, 5],
            invalidated: vec![],
        }]
    );
}

#[test]
fn a_re_save_writes_the_documented_order_with_defaults_left_out() {
    let text = to_ron(&parse(SPEC_V2_EXAMPLE).unwrap().canvas);
    // The only difference from the example: `invalidated: []` is at its
    // default, so it is not written.
    assert_eq!(text, SPEC_V2_EXAMPLE.replace(", invalidated: []", ""));
    assert_eq!(to_ron(&parse(&text).unwrap().canvas), text);
}

#[test]
fn a_version_1_file_is_rewritten_byte_for_byte() {
    let parsed = parse(SPEC_EXAMPLE).unwrap();
    assert!(!parsed.canvas.uses_v2());
    assert_eq!(to_ron(&parsed.canvas), SPEC_EXAMPLE);
}

#[test]
fn using_one_version_2_field_writes_version_2_and_clearing_it_goes_back() {
    let mut c = parse(SPEC_EXAMPLE).unwrap().canvas;
    c.set_status(2, Status::Testing);
    let text = to_ron(&c);
    assert!(text.starts_with("(\n    version: 2,\n"), "{text}");
    assert!(
        text.contains("severity: Extreme, status: Testing),"),
        "{text}"
    );
    c.set_status(2, Status::Untested);
    assert_eq!(to_ron(&c), SPEC_EXAMPLE);
}

#[test]
fn conflicts_are_written_after_the_cards_and_read_back() {
    let mut c = parse(SPEC_EXAMPLE).unwrap().canvas;
    let theirs = c.insert(Section::Pains, 1, "Clients pay 60 days late");
    c.conflicts.push(Conflict { ours: 2, theirs });
    let text = to_ron(&c);
    assert!(
        text.ends_with(&format!(
            "    conflicts: [\n        (ours: 2, theirs: {theirs}),\n    ],\n)\n"
        )),
        "{text}"
    );
    assert_eq!(parse(&text).unwrap().canvas, c);
}

/// The error for the version 2 example with one replacement made.
fn broken(from: &str, to: &str) -> String {
    assert!(SPEC_V2_EXAMPLE.contains(from), "{from}");
    err(&SPEC_V2_EXAMPLE.replacen(from, to, 1)).to_string()
}

#[test]
fn an_impossible_date_is_an_error_with_its_line_and_column() {
    let e = broken("deadline: \"2026-12-15\"", "deadline: \"2026-02-30\"");
    assert!(e.starts_with("33:"), "{e}");
    assert!(
        e.contains("\"2026-02-30\" is not a real date written YYYY-MM-DD"),
        "{e}"
    );
    let e = broken("date: \"2026-12-16\"", "date: \"16/12/2026\"");
    assert!(e.starts_with("36:"), "{e}");
    assert!(e.contains("\"16/12/2026\" is not a real date"), "{e}");
}

#[test]
fn a_date_that_is_not_a_string_is_an_error() {
    let e = broken("deadline: \"2026-12-15\"", "deadline: 20261215");
    assert!(e.starts_with("33:"), "{e}");
}

#[test]
fn an_unknown_status_or_state_is_an_error_naming_the_choices() {
    let e = broken("status: Testing),", "status: Proven),");
    assert!(e.starts_with("11:"), "{e}");
    assert!(e.contains("Proven") && e.contains("Validated"), "{e}");
    let e = broken("state: Done", "state: Finished");
    assert!(e.starts_with("33:") && e.contains("Running"), "{e}");
}

#[test]
fn a_field_of_the_wrong_type_is_an_error() {
    let e = broken("evidence: [\"9 of 12", "evidence: [9, \"9 of 12");
    assert!(e.starts_with("8:"), "{e}");
    let e = broken("items: [2, 5]", "items: \"2, 5\"");
    assert!(e.starts_with("33:"), "{e}");
}

#[test]
fn a_test_naming_a_missing_item_names_both_and_where() {
    assert_eq!(
        broken("items: [2, 5]", "items: [2, 55]"),
        "33:10: test card 9 \"Landing page A/B\" names id 55 in `items`, but nothing has that id"
    );
}

#[test]
fn a_reference_to_the_wrong_kind_names_both() {
    assert_eq!(
        broken("statements: [7, 8]", "statements: [7, 2]"),
        "33:10: test card 9 \"Landing page A/B\" names id 2 in `statements`, which is pain 2 \"Clients pay 30+ days late\"; it must be a saved statement"
    );
    assert_eq!(
        broken("test: 9,", "test: 7,"),
        "36:10: learning card 10 \"Late payment is the pain that sells\" names id 7 in `test`, which is statement 7 \"A: late payments\"; it must be a test card"
    );
    assert_eq!(
        broken("validated: [2, 5]", "validated: [2, 9]"),
        "36:10: learning card 10 \"Late payment is the pain that sells\" names id 9 in `validated`, which is test card 9 \"Landing page A/B\"; it must be an item of the canvas"
    );
}

#[test]
fn a_learning_naming_a_missing_test_is_an_error() {
    let e = broken("test: 9,", "test: 99,");
    assert!(
        e.contains("names id 99 in `test`, but nothing has that id"),
        "{e}"
    );
}

#[test]
fn ids_are_unique_across_items_and_cards() {
    assert_eq!(
        broken("(id: 8, name:", "(id: 6, name:"),
        "30:10: id 6 is used twice: by gain creator 6 \"Pay-now button on every invoice\" and by statement 6 \"B: cash flow\""
    );
}

#[test]
fn a_conflict_must_name_two_things_of_one_kind() {
    let with = |pair: &str| {
        err(&SPEC_V2_EXAMPLE.replace("\n)\n", &format!("\n    conflicts: [{pair}],\n)\n")))
            .to_string()
    };
    let e = with("(ours: 2, theirs: 77)");
    assert!(
        e.contains("names id 77 in `theirs`, but nothing has that id"),
        "{e}"
    );
    let e = with("(ours: 2, theirs: 3)");
    assert!(e.contains("which is gain 3"), "{e}");
}

#[test]
fn an_unknown_field_in_a_version_2_file_is_an_error_not_dropped() {
    let e = broken("state: Done,", "state: Done, colour: \"red\",");
    assert!(e.contains("colour"), "{e}");
}

#[test]
fn removing_an_item_removes_every_reference_to_it() {
    let mut c = parse(SPEC_V2_EXAMPLE).unwrap().canvas;
    c.remove(2);
    assert_eq!(c.tests[0].items, [5]);
    assert_eq!(c.learnings[0].validated, [5]);
    assert!(c.remove_card(9));
    assert_eq!(c.learnings[0].test, None);
    assert_eq!(validate(&c), Ok(()));
}

#[test]
fn recording_a_learning_sets_the_statuses_it_names() {
    let mut c = parse(SPEC_EXAMPLE).unwrap().canvas;
    let id = c.record_learning(Learning {
        observed: "8 of 10 said so".into(),
        validated: vec![2, 5],
        invalidated: vec![3, 999],
        ..Learning::default()
    });
    assert_eq!(c.item(2).unwrap().status, Status::Validated);
    assert_eq!(c.item(5).unwrap().status, Status::Validated);
    assert_eq!(c.item(3).unwrap().status, Status::Invalidated);
    // An id that is not an item is not kept.
    assert_eq!(c.learning(id).unwrap().invalidated, [3]);
    assert!(id > 6);
    assert_eq!(validate(&c), Ok(()));
}

#[test]
fn card_ids_are_never_reused() {
    let mut c = parse(SPEC_EXAMPLE).unwrap().canvas;
    let a = c.add_statement("A", "text");
    c.remove_card(a);
    let b = c.add_statement("B", "text");
    assert_ne!(a, b);
    assert!(c.next_id() > b);
}

#[test]
fn every_truncation_of_the_version_2_example_is_an_error_not_a_panic() {
    every_prefix_fails_cleanly(SPEC_V2_EXAMPLE);
}

/// A title or segment changed on both sides of a merge: theirs is kept in
/// `conflicts` as `(title: "…")`, after the pairs, and read back; a file
/// with only pairs reads as before.
#[test]
fn a_title_or_segment_conflict_is_written_in_conflicts_and_read_back() {
    let mut c = parse(SPEC_EXAMPLE).unwrap().canvas;
    let theirs = c.insert(Section::Pains, 1, "Clients pay 60 days late");
    c.conflicts.push(Conflict { ours: 2, theirs });
    c.header_conflicts
        .push(HeaderConflict::Title("Invoices \"for\" all".to_owned()));
    c.header_conflicts
        .push(HeaderConflict::Segment("Designers".to_owned()));
    let text = to_ron(&c);
    assert!(
        text.ends_with(&format!(
            "    conflicts: [\n        (ours: 2, theirs: {theirs}),\n        (title: \"Invoices \\\"for\\\" all\"),\n        (segment: \"Designers\"),\n    ],\n)\n"
        )),
        "{text}"
    );
    assert!(text.starts_with("(\n    version: 3,"), "{text}");
    let back = parse(&text).unwrap().canvas;
    assert_eq!(back, c);
    assert_eq!(to_ron(&back), text, "written the same way twice");
    // Only the title: a version 2 reader could not read it, so version 3.
    let mut only = Canvas::new("Ours");
    only.header_conflicts
        .push(HeaderConflict::Title("Theirs".to_owned()));
    let text = to_ron(&only);
    assert!(text.contains("version: 3,"), "{text}");
    assert_eq!(parse(&text).unwrap().canvas, only);
}

#[test]
fn a_conflict_entry_is_one_form_or_a_located_error() {
    for entry in [
        "(title: \"A\", segment: \"B\")",
        "(ours: 2)",
        "(ours: 2, theirs: 3, title: \"A\")",
        "()",
    ] {
        let text = SPEC_V2_EXAMPLE.replace("\n)\n", &format!("\n    conflicts: [{entry}],\n)\n"));
        let e = err(&text);
        assert!(e.location().is_some(), "{entry}: {e}");
        assert!(
            e.to_string().contains(
                "a conflict is (ours: ID, theirs: ID), (title: \"…\") or (segment: \"…\")"
            ),
            "{entry}: {e}"
        );
    }
}

#![allow(clippy::unwrap_used)]

use super::*;
use crate::canvas::{Conflict, Date, JobKind, Learning, Statement, Status, TestCard, TestState};

/// The example from SPEC §2, byte for byte.
const SPEC_EXAMPLE: &str = r#"(
    version: 1,
    title: "Invoicing for freelancers",
    segment: "Freelance designers",
    alternatives: ["Spreadsheets", "Hiring a bookkeeper"],
    customer: (
        jobs: [
            (id: 1, text: "Get paid on time", kind: Functional, importance: High),
        ],
        pains: [
            (id: 2, text: "Chasing clients for late payments", severity: Extreme),
        ],
        gains: [
            (id: 3, text: "Predictable monthly cash flow", relevance: Essential),
        ],
    ),
    value_map: (
        products: [
            (id: 4, text: "Invoicing web app", jobs: [1]),
        ],
        relievers: [
            (id: 5, text: "Automatic, polite payment reminders", pains: [2]),
        ],
        creators: [
            (id: 6, text: "30-day cash-flow forecast", gains: [3]),
        ],
    ),
)
"#;

/// The same canvas with every struct named.
const SPEC_EXAMPLE_NAMED: &str = r#"Canvas(
    version: 1,
    title: "Invoicing for freelancers",
    segment: "Freelance designers",
    alternatives: ["Spreadsheets", "Hiring a bookkeeper"],
    customer: CustomerProfile(
        jobs: [
            Job(id: 1, text: "Get paid on time", kind: Functional, importance: High),
        ],
        pains: [
            Pain(id: 2, text: "Chasing clients for late payments", severity: Extreme),
        ],
        gains: [
            Gain(id: 3, text: "Predictable monthly cash flow", relevance: Essential),
        ],
    ),
    value_map: ValueMap(
        products: [
            Product(id: 4, text: "Invoicing web app", jobs: [1]),
        ],
        relievers: [
            Reliever(id: 5, text: "Automatic, polite payment reminders", pains: [2]),
        ],
        creators: [
            Creator(id: 6, text: "30-day cash-flow forecast", gains: [3]),
        ],
    ),
)
"#;

/// The SPEC example built through the domain API.
fn spec_canvas() -> Canvas {
    let mut c = Canvas::new("Invoicing for freelancers");
    c.segment = "Freelance designers".into();
    c.alternatives = vec!["Spreadsheets".into(), "Hiring a bookkeeper".into()];
    let job = c.push(Section::Jobs, "Get paid on time");
    c.set_level(job, Level::High);
    let pain = c.push(Section::Pains, "Chasing clients for late payments");
    c.set_level(pain, Level::High);
    let gain = c.push(Section::Gains, "Predictable monthly cash flow");
    c.set_level(gain, Level::High);
    let prod = c.push(Section::Products, "Invoicing web app");
    let reliever = c.push(Section::Relievers, "Automatic, polite payment reminders");
    let creator = c.push(Section::Creators, "30-day cash-flow forecast");
    assert!(c.set_link(prod, job, true));
    assert!(c.set_link(reliever, pain, true));
    assert!(c.set_link(creator, gain, true));
    assert_eq!(
        (job, pain, gain, prod, reliever, creator),
        (1, 2, 3, 4, 5, 6)
    );
    c
}

/// A bigger canvas with awkward text: several items per section, every level
/// and kind, multi-byte characters, escapes and links.
fn larger_canvas() -> Canvas {
    let mut c = Canvas::new("Große \"Tafel\" — 漢字 😀");
    c.segment = "Tab\there, newline\nthere, back\\slash".into();
    c.alternatives = vec!["Excel".into(), "ペンと紙".into(), String::new()];
    let levels = [Level::High, Level::Medium, Level::Low];
    let mut customer = Vec::new();
    for (n, s) in [Section::Jobs, Section::Pains, Section::Gains]
        .into_iter()
        .enumerate()
    {
        for (k, level) in levels.into_iter().enumerate() {
            let id = c.push(s, format!("{} {k} é\u{301} 👩‍👩‍👧 «{n}»", s.noun()));
            c.set_level(id, level);
            customer.push((s, id));
        }
    }
    let job = c.items(Section::Jobs)[1].id;
    c.cycle_kind(job);
    c.cycle_kind(job);
    for s in [Section::Products, Section::Relievers, Section::Creators] {
        for k in 0..3 {
            let id = c.push(s, format!("{} {k} \u{202e}rtl\u{202c} \u{7}", s.noun()));
            for &(_, target) in customer
                .iter()
                .filter(|(cs, _)| Some(*cs) == s.link_target())
                .skip(k)
            {
                c.set_link(id, target, true);
            }
        }
    }
    c
}

fn err(text: &str) -> FormatError {
    parse(text).unwrap_err()
}

fn err_bytes(bytes: &[u8]) -> FormatError {
    parse_bytes(bytes).unwrap_err()
}

// ---------------------------------------------------------------------------
// The documented example

#[test]
fn the_spec_example_parses_to_the_expected_canvas() {
    let parsed = parse(SPEC_EXAMPLE).unwrap();
    assert_eq!(parsed.version, 1);
    assert!(!parsed.read_only());
    let c = &parsed.canvas;
    assert_eq!(c.title, "Invoicing for freelancers");
    assert_eq!(c.segment, "Freelance designers");
    assert_eq!(c.alternatives, ["Spreadsheets", "Hiring a bookkeeper"]);
    let job = &c.items(Section::Jobs)[0];
    assert_eq!(
        (job.id, job.text.as_str(), job.kind, job.level),
        (1, "Get paid on time", JobKind::Functional, Level::High)
    );
    assert_eq!(c.items(Section::Pains)[0].level, Level::High);
    assert_eq!(c.items(Section::Gains)[0].level, Level::High);
    assert_eq!(c.items(Section::Products)[0].links, [1]);
    assert_eq!(c.items(Section::Relievers)[0].links, [2]);
    assert_eq!(c.items(Section::Creators)[0].links, [3]);
    assert_eq!(
        c.items(Section::Relievers)[0].text,
        "Automatic, polite payment reminders"
    );
    assert_eq!(*c, spec_canvas());
}

#[test]
fn writing_the_spec_canvas_gives_exactly_the_spec_bytes() {
    assert_eq!(to_ron(&spec_canvas()), SPEC_EXAMPLE);
    assert_eq!(to_ron(&parse(SPEC_EXAMPLE).unwrap().canvas), SPEC_EXAMPLE);
}

#[test]
fn writing_is_deterministic() {
    let c = larger_canvas();
    assert_eq!(to_ron(&c), to_ron(&c.clone()));
}

#[test]
fn struct_names_are_accepted() {
    let parsed = parse(SPEC_EXAMPLE_NAMED).unwrap();
    assert_eq!(parsed.canvas, spec_canvas());
    assert_eq!(parsed.version, 1);
}

#[test]
fn struct_names_may_be_mixed_with_plain_tuples() {
    let mixed = SPEC_EXAMPLE_NAMED
        .replace("Pain(", "(")
        .replace("value_map: ValueMap(", "value_map: (")
        .replacen("Canvas(", "(", 1);
    assert_eq!(parse(&mixed).unwrap().canvas, spec_canvas());
}

#[test]
fn a_wrong_struct_name_is_an_error() {
    let text = SPEC_EXAMPLE_NAMED.replace("Gain(", "Pain(");
    let e = err(&text).to_string();
    assert!(e.starts_with("14:13: "), "{e}");
    assert!(e.contains("`Gain`") && e.contains("`Pain`"), "{e}");
}

#[test]
fn an_empty_canvas_round_trips() {
    let c = Canvas::default();
    let text = to_ron(&c);
    assert_eq!(
        text,
        "(\n    version: 1,\n    title: \"\",\n    segment: \"\",\n    alternatives: [],\n    customer: (\n        jobs: [],\n        pains: [],\n        gains: [],\n    ),\n    value_map: (\n        products: [],\n        relievers: [],\n        creators: [],\n    ),\n)\n"
    );
    assert_eq!(parse(&text).unwrap().canvas, c);
}

#[test]
fn every_level_and_kind_is_written_in_its_sections_words() {
    let c = larger_canvas();
    let text = to_ron(&c);
    for word in [
        "importance: High",
        "importance: Medium",
        "importance: Low",
        "severity: Extreme",
        "severity: Moderate",
        "severity: Mild",
        "relevance: Essential",
        "relevance: Desired",
        "relevance: NiceToHave",
        "kind: Functional",
        "kind: Emotional",
    ] {
        assert!(text.contains(word), "missing {word:?} in\n{text}");
    }
    assert_eq!(parse(&text).unwrap().canvas, c);
}

// ---------------------------------------------------------------------------
// Optional fields and versions

#[test]
fn absent_optional_fields_take_the_documented_defaults() {
    let text = r#"(
        title: "Bare",
        customer: (
            jobs: [(id: 1, text: "job")],
            pains: [(id: 2, text: "pain")],
            gains: [(id: 3, text: "gain")],
        ),
        value_map: (
            products: [(id: 4, text: "product")],
            relievers: [(id: 5, text: "reliever")],
            creators: [(id: 6, text: "creator")],
        ),
    )"#;
    let parsed = parse(text).unwrap();
    assert_eq!(parsed.version, 1, "no version means version 1");
    let c = &parsed.canvas;
    assert_eq!(c.title, "Bare");
    assert_eq!(c.segment, "");
    assert!(c.alternatives.is_empty());
    let item = |s: Section| &c.items(s)[0];
    assert_eq!(item(Section::Jobs).kind, JobKind::Functional);
    assert_eq!(item(Section::Jobs).level, Level::Medium); // importance Medium
    assert_eq!(item(Section::Pains).level, Level::Medium); // severity Moderate
    assert_eq!(item(Section::Gains).level, Level::Medium); // relevance Desired
    for s in [Section::Products, Section::Relievers, Section::Creators] {
        assert!(item(s).links.is_empty(), "{s:?}");
    }
}

#[test]
fn absent_sections_and_halves_are_empty() {
    let c = parse("()").unwrap().canvas;
    assert_eq!(c, Canvas::default());
    let c = parse("(customer: (pains: [(id: 7, text: \"p\")]))")
        .unwrap()
        .canvas;
    assert_eq!(c.item_count(), 1);
    assert_eq!(c.position_of(7).unwrap().section, Section::Pains);
}

#[test]
fn a_file_without_a_version_is_version_1() {
    let text = SPEC_EXAMPLE.replace("    version: 1,\n", "");
    assert!(!text.contains("version"));
    let parsed = parse(&text).unwrap();
    assert_eq!(parsed.version, 1);
    assert!(!parsed.read_only());
    assert_eq!(parsed.canvas, spec_canvas());
}

#[test]
fn a_newer_version_opens_read_only() {
    let text = SPEC_EXAMPLE.replace("version: 1,", "version: 4,");
    let parsed = parse(&text).unwrap();
    assert_eq!(parsed.version, 4);
    assert!(parsed.read_only());
    assert_eq!(parsed.canvas, spec_canvas());
}

#[test]
fn a_newer_version_with_fields_this_one_does_not_know_opens_read_only() {
    // Fields added by a later version (at the top and inside items) are
    // skipped, and the file is marked read-only so they are never lost.
    let text = SPEC_EXAMPLE
        .replace("version: 1,", "version: 4,\n    colour: \"red\",")
        .replace("severity: Extreme)", "severity: Extreme, weight: 3)");
    let parsed = parse(&text).unwrap();
    assert!(parsed.read_only());
    assert_eq!(parsed.version, 4);
    assert_eq!(parsed.canvas, parse(SPEC_EXAMPLE).unwrap().canvas);
}

#[test]
fn a_newer_version_that_cannot_be_read_even_leniently_says_so() {
    // A level this version has never heard of cannot be shown faithfully.
    let text = SPEC_EXAMPLE
        .replace("version: 1,", "version: 4,")
        .replace("severity: Extreme", "severity: Catastrophic");
    let e = err(&text);
    assert!(matches!(e, FormatError::TooNew { found: 4, .. }), "{e:?}");
    let msg = e.to_string();
    assert!(msg.contains("newer vpcanvas"), "{msg}");
    assert!(msg.contains("format version 4"), "{msg}");
    assert!(msg.contains("Catastrophic"), "{msg}");
}

#[test]
fn an_unknown_field_in_a_version_1_file_is_an_error_not_silently_dropped() {
    let text = SPEC_EXAMPLE.replace("version: 1,", "version: 1,\n    colour: \"red\",");
    let msg = err(&text).to_string();
    assert!(msg.contains("`colour`"), "{msg}");
}

#[test]
fn version_0_is_an_error() {
    let e = err("(version: 0)");
    assert_eq!(e, FormatError::BadVersion { found: 0 });
    assert_eq!(
        e.to_string(),
        "version 0 is not a format version (versions start at 1)"
    );
}

#[test]
fn a_version_of_the_wrong_type_is_a_syntax_error() {
    let e = err("(version: \"1\")");
    assert!(matches!(e, FormatError::Syntax { line: 1, .. }), "{e:?}");
    let e = err("(version: -1)").to_string();
    assert!(e.starts_with("1:12: "), "{e}");
}

#[test]
fn an_unknown_field_in_a_v1_file_is_an_error() {
    let text = SPEC_EXAMPLE.replace("    segment:", "    colour: \"red\",\n    segment:");
    let e = err(&text);
    let FormatError::Syntax { line, message, .. } = &e else {
        panic!("{e:?}")
    };
    assert_eq!(*line, 4);
    assert!(
        message.contains("`colour`") && message.contains("`Canvas`"),
        "{message}"
    );

    let text = SPEC_EXAMPLE.replace("severity: Extreme", "severity: Extreme, weight: 3");
    let msg = err(&text).to_string();
    assert!(msg.starts_with("11:"), "{msg}");
    assert!(msg.contains("`weight`") && msg.contains("`Pain`"), "{msg}");
}

mod malformed;
mod round_trip;
mod v2;
mod v3;

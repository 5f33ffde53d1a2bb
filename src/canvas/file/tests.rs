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
    let text = SPEC_EXAMPLE.replace("version: 1,", "version: 3,");
    let parsed = parse(&text).unwrap();
    assert_eq!(parsed.version, 3);
    assert!(parsed.read_only());
    assert_eq!(parsed.canvas, spec_canvas());
}

#[test]
fn a_newer_version_with_fields_this_one_does_not_know_opens_read_only() {
    // Fields added by a later version (at the top and inside items) are
    // skipped, and the file is marked read-only so they are never lost.
    let text = SPEC_EXAMPLE
        .replace("version: 1,", "version: 3,\n    colour: \"red\",")
        .replace("severity: Extreme)", "severity: Extreme, votes: 3)");
    let parsed = parse(&text).unwrap();
    assert!(parsed.read_only());
    assert_eq!(parsed.version, 3);
    assert_eq!(parsed.canvas, parse(SPEC_EXAMPLE).unwrap().canvas);
}

#[test]
fn a_newer_version_that_cannot_be_read_even_leniently_says_so() {
    // A level this version has never heard of cannot be shown faithfully.
    let text = SPEC_EXAMPLE
        .replace("version: 1,", "version: 3,")
        .replace("severity: Extreme", "severity: Catastrophic");
    let e = err(&text);
    assert!(matches!(e, FormatError::TooNew { found: 3, .. }), "{e:?}");
    let msg = e.to_string();
    assert!(msg.contains("newer vpcanvas"), "{msg}");
    assert!(msg.contains("format version 3"), "{msg}");
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

// ---------------------------------------------------------------------------
// Malformed files: each message says what and where

#[test]
fn bad_ron_syntax_gives_line_column_and_the_line_with_a_caret() {
    // The comma after the title is missing; ron notices at the next field.
    let text = SPEC_EXAMPLE.replace("freelancers\",", "freelancers\"");
    let e = err(&text);
    assert_eq!(
        e.to_string(),
        "4:5: Expected comma\n  4 |     segment: \"Freelance designers\",\n          ^"
    );
    let FormatError::Syntax { line, column, .. } = e else {
        panic!()
    };
    assert_eq!((line, column), (4, 5));
}

#[test]
fn the_caret_sits_under_the_column() {
    let e = err("(\n  title: \"x\",\n  segment= \"y\",\n)");
    let FormatError::Syntax {
        line,
        column,
        snippet,
        ..
    } = &e
    else {
        panic!("{e:?}")
    };
    assert_eq!((*line, *column), (3, 10));
    let mut lines = snippet.lines();
    let shown = lines.next().unwrap();
    let caret = lines.next().unwrap();
    assert_eq!(shown, "  3 |   segment= \"y\",");
    assert_eq!(caret.trim_start(), "^");
    assert_eq!(&shown[caret.len() - 1..caret.len()], "=");
}

#[test]
fn a_very_long_line_is_shortened_around_the_error() {
    let long = format!("(title: \"{}\", segment= \"x\")", "a".repeat(5000));
    let FormatError::Syntax {
        column, snippet, ..
    } = err(&long)
    else {
        panic!()
    };
    assert_eq!(column, 5020);
    let shown = snippet.lines().next().unwrap();
    assert!(shown.chars().count() < 120, "{shown}");
    assert!(shown.contains("segment= "), "{shown}");
    let caret = snippet.lines().nth(1).unwrap();
    assert_eq!(shown.chars().nth(caret.len() - 1), Some('='));
}

#[test]
fn control_characters_in_the_snippet_are_blanked() {
    let e = err("(title: \"a\u{1b}[2J\", x)").to_string();
    assert!(!e.contains('\u{1b}'), "{e:?}");
}

#[test]
fn wrong_types_are_errors_naming_what_was_expected() {
    let e = err("(title: 5)").to_string();
    assert!(e.starts_with("1:8: Expected string"), "{e}");
    let e = err("(customer: (pains: [(id: \"a\", text: \"x\")]))").to_string();
    assert!(e.starts_with("1:25: Expected integer"), "{e}");
    let e = err("(alternatives: \"Excel\")").to_string();
    assert!(e.starts_with("1:15: "), "{e}");
    assert!(e.contains("Expected opening `[`"), "{e}");
    let e = err("(customer: (pains: [(id: 1, text: \"x\", severity: Huge)]))").to_string();
    assert!(e.contains("`Huge`") && e.contains("`Extreme`"), "{e}");
    // Each level field takes its own section's words only.
    let e = err("(customer: (gains: [(id: 1, text: \"x\", relevance: Extreme)]))").to_string();
    assert!(e.contains("`Extreme`") && e.contains("`Essential`"), "{e}");
    let e = err("(customer: (jobs: [(id: 1, text: \"x\", kind: Silly)]))").to_string();
    assert!(e.contains("`Silly`") && e.contains("`Supporting`"), "{e}");
}

#[test]
fn a_missing_required_field_is_an_error() {
    let e = err("(customer: (jobs: [(id: 1)]))").to_string();
    assert!(e.contains("missing field named `text` in `Job`"), "{e}");
    let e = err("(customer: (jobs: [(text: \"j\")]))").to_string();
    assert!(e.contains("missing field named `id`"), "{e}");
}

#[test]
fn trailing_text_and_empty_files_are_errors() {
    let e = err("(version: 1) x").to_string();
    assert!(e.starts_with("1:13: "), "{e}");
    assert!(e.contains("trailing"), "{e}");
    let e = err("").to_string();
    assert!(e.starts_with("1:1: "), "{e}");
    assert!(err("   \n\n").to_string().contains('('));
}

#[test]
fn invalid_utf8_is_an_error_with_its_position() {
    let mut bytes = SPEC_EXAMPLE.as_bytes().to_vec();
    let at = SPEC_EXAMPLE.find("Spreadsheets").unwrap();
    bytes[at] = 0xff;
    let e = err_bytes(&bytes);
    assert_eq!(
        e,
        FormatError::NotUtf8 {
            line: 5,
            column: 21
        }
    );
    assert_eq!(e.to_string(), "not valid UTF-8 (first bad byte at 5:21)");
    // A character cut in half is caught too.
    let e = err_bytes("(title: \"漢\")".as_bytes().split_at(10).0);
    assert!(
        matches!(
            e,
            FormatError::NotUtf8 {
                line: 1,
                column: 10
            }
        ),
        "{e:?}"
    );
}

#[test]
fn a_byte_order_mark_is_accepted_and_dropped() {
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(SPEC_EXAMPLE.as_bytes());
    let parsed = parse_bytes(&bytes).unwrap();
    assert_eq!(parsed.canvas, spec_canvas());
    assert_eq!(to_ron(&parsed.canvas), SPEC_EXAMPLE);
    let with_bom = format!("\u{feff}{SPEC_EXAMPLE}");
    assert_eq!(parse(&with_bom).unwrap().canvas, spec_canvas());
}

#[test]
fn more_than_16_mib_is_refused_before_parsing() {
    let mut bytes = SPEC_EXAMPLE.as_bytes().to_vec();
    bytes.resize(16 * 1024 * 1024 + 1, b' ');
    let e = err_bytes(&bytes);
    assert_eq!(
        e,
        FormatError::TooLarge {
            size: 16 * 1024 * 1024 + 1
        }
    );
    assert_eq!(
        e.to_string(),
        "the file is 16777217 bytes; the limit is 16777216 bytes (16 MiB)"
    );
}

#[test]
fn exactly_16_mib_is_not_too_large() {
    // A file of exactly the limit reaches the parser (which fails fast here,
    // at the first byte, to keep the test quick).
    let mut bytes = b"x".to_vec();
    bytes.resize(16 * 1024 * 1024, b' ');
    let e = err_bytes(&bytes);
    assert!(
        matches!(
            e,
            FormatError::Syntax {
                line: 1,
                column: 1,
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = "[".repeat(10_000);
    for text in [
        deep.clone(),
        format!("({deep}"),
        format!("(title: {deep}"),
        format!("(alternatives: {deep}"),
        format!("(customer: (jobs: {}", "(".repeat(10_000)),
        format!("(version: 2, future: {deep}"),
        format!("(version: 1, {})", "x: (".repeat(10_000)),
    ] {
        let e = err(&text);
        let msg = e.to_string();
        assert!(
            matches!(
                e,
                FormatError::Syntax { line: 1, .. } | FormatError::TooNew { .. }
            ),
            "{msg}"
        );
        assert!(msg.len() < 1000, "the message stays short: {msg}");
    }
}

#[test]
fn deep_nesting_says_so_in_plain_words() {
    let msg = err(&format!("(title: {})", "[".repeat(10_000))).to_string();
    assert!(msg.contains("nested too deeply"), "{msg}");
    assert!(!msg.contains("serde_stacker"), "{msg}");
}

#[test]
fn a_duplicate_id_names_both_items_and_the_id() {
    let text = SPEC_EXAMPLE.replace("(id: 3, text: \"Predictable", "(id: 2, text: \"Predictable");
    let text = text.replace("gains: [3]", "gains: [2]");
    let e = err(&text);
    assert_eq!(
        e.to_string(),
        "14:14: id 2 is used twice: by pain 2 \"Chasing clients for late payments\" and by gain 2 \"Predictable monthly cash flow\""
    );
}

#[test]
fn a_duplicate_id_within_one_section_is_an_error() {
    let e = err("(value_map: (products: [(id: 9, text: \"a\"), (id: 9, text: \"b\")]))");
    assert_eq!(
        e.to_string(),
        "1:46: id 9 is used twice: by product or service 9 \"a\" and by product or service 9 \"b\""
    );
}

#[test]
fn long_texts_are_shortened_in_messages() {
    let long = "x".repeat(200);
    let e = err(&format!(
        "(customer: (jobs: [(id: 1, text: \"{long}\"), (id: 1, text: \"y\")]))"
    ))
    .to_string();
    assert!(e.contains(&format!("job 1 \"{}…\"", "x".repeat(40))), "{e}");
    assert!(!e.contains(&"x".repeat(41)), "{e}");
}

#[test]
fn id_zero_is_an_error() {
    let e = err("(customer: (jobs: [(id: 0, text: \"j\")]))");
    assert_eq!(
        e.to_string(),
        "1:21: job 0 \"j\" has id 0; ids must be positive whole numbers"
    );
}

#[test]
fn a_link_to_a_missing_id_names_the_item_and_the_id() {
    let text = SPEC_EXAMPLE.replace("pains: [2]", "pains: [2, 77]");
    assert_eq!(
        err(&text).to_string(),
        "22:14: pain reliever 5 \"Automatic, polite payment reminders\" links to id 77, but no item has that id"
    );
}

#[test]
fn a_link_to_the_wrong_section_names_both_and_the_right_section() {
    // A reliever pointing at a gain.
    let text = SPEC_EXAMPLE.replace("pains: [2]", "pains: [3]");
    assert_eq!(
        err(&text).to_string(),
        "22:14: pain reliever 5 \"Automatic, polite payment reminders\" links to id 3, which is gain 3 \"Predictable monthly cash flow\"; it may only link to Pains"
    );
    // A product pointing at a pain, a creator at a job, a product at itself.
    let e = err(&SPEC_EXAMPLE.replace("jobs: [1]", "jobs: [2]")).to_string();
    assert!(e.contains("it may only link to Customer jobs"), "{e}");
    let e = err(&SPEC_EXAMPLE.replace("gains: [3]", "gains: [1]")).to_string();
    assert!(e.contains("which is job 1"), "{e}");
    assert!(e.contains("it may only link to Gains"), "{e}");
    let e = err(&SPEC_EXAMPLE.replace("jobs: [1]", "jobs: [4]")).to_string();
    assert!(e.contains("which is product or service 4"), "{e}");
}

#[test]
fn validate_accepts_what_the_editor_builds() {
    assert_eq!(validate(&spec_canvas()), Ok(()));
    assert_eq!(validate(&larger_canvas()), Ok(()));
}

// ---------------------------------------------------------------------------
// Truncation: never a panic

fn every_prefix_fails_cleanly(full: &str) {
    let bytes = full.as_bytes();
    assert!(full.ends_with(")\n"));
    for len in 0..bytes.len() {
        let result = parse_bytes(&bytes[..len]);
        if len + 1 < bytes.len() {
            // Everything short of the closing parenthesis is incomplete.
            let e = result.expect_err(&format!("prefix of {len} bytes parsed"));
            match e {
                FormatError::Syntax { line, snippet, .. } => {
                    let lines = full[..].lines().count();
                    assert!(line >= 1 && line <= lines, "line {line} of {lines}");
                    assert!(snippet.contains('^'));
                }
                FormatError::NotUtf8 { .. } => {
                    assert!(std::str::from_utf8(&bytes[..len]).is_err());
                }
                other => panic!("prefix of {len} bytes: unexpected {other:?}"),
            }
        } else {
            // Only the final newline is missing.
            assert!(result.is_ok(), "{result:?}");
        }
    }
}

#[test]
fn every_truncation_of_the_spec_example_is_an_error_not_a_panic() {
    every_prefix_fails_cleanly(SPEC_EXAMPLE);
    every_prefix_fails_cleanly(SPEC_EXAMPLE_NAMED);
}

#[test]
fn every_truncation_of_a_larger_canvas_is_an_error_not_a_panic() {
    let text = to_ron(&larger_canvas());
    assert!(text.len() > 1500, "{}", text.len());
    every_prefix_fails_cleanly(&text);
}

mod round_trip;
mod v2;

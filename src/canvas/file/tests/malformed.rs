//! Malformed files: each message says what and where; and no truncation
//! of a file panics.

#![allow(clippy::unwrap_used)]

use super::*;

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

pub(super) fn every_prefix_fails_cleanly(full: &str) {
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

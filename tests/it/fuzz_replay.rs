//! Replays every input in `tests/fixtures/fuzz/` (crashes the fuzzer found,
//! and hand-made nasty inputs) through the canvas reader: never a panic;
//! either a clear error or a canvas that `to_ron` writes back as a file that
//! reads as the same canvas. See `fuzz/` for the `cargo fuzz` target.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use vpcanvas::canvas::file::{FormatError, Parsed, parse_bytes, to_ron};

fn inputs() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// What each hand-made input must give. Inputs the fuzzer adds later need no
/// entry: for them no panic and a round trip are enough.
const EXPECTED: &[(&str, bool)] = &[
    ("v2_spec_example.ron", true),
    ("v2_impossible_date.ron", false),
    ("v2_dangling_test_item.ron", false),
    ("v2_learning_names_a_statement.ron", false),
    ("v2_deep_evidence.ron", false),
    ("v2_duplicate_statement_ids.ron", false),
    ("v3_spec_example.ron", true),
    ("v3_converted_above_shown.ron", false),
    ("v3_label_and_statement.ron", false),
    ("v3_negative_count.ron", false),
    ("v3_result_for_a_statement_not_tested.ron", false),
    ("v3_score_on_the_value_map.ron", false),
    ("v3_score_over_ten.ron", false),
    ("v3_target_above_one.ron", false),
    ("v3_unknown_alternative.ron", false),
    ("bom_only.ron", false),
    ("bom_twice.ron", false),
    ("byte_escape.ron", false),
    ("combining_storm.ron", true),
    ("comment_unterminated.ron", false),
    ("control_chars_in_text.ron", true),
    ("dangling_link.ron", false),
    ("deep_nesting_in_title.ron", false),
    ("deep_nesting_lists.ron", false),
    ("deep_nesting_options.ron", false),
    ("deep_nesting_parens.ron", false),
    ("deep_nesting_unknown_field.ron", false),
    ("duplicate_field.ron", false),
    ("duplicate_ids.ron", false),
    ("empty.ron", false),
    ("float_id.ron", false),
    ("huge_escape.ron", false),
    ("huge_id.ron", false),
    ("huge_version.ron", false),
    ("invalid_utf8.ron", false),
    ("lone_surrogate_escape.ron", false),
    ("long_line.ron", true),
    ("low_surrogate_escape.ron", false),
    ("many_items.ron", true),
    ("map_instead_of_struct.ron", false),
    ("max_u32_ids.ron", true),
    ("negative_id.ron", false),
    ("nested_block_comments.ron", false),
    ("nul_bytes.ron", false),
    ("only_nul.ron", false),
    ("out_of_range_escape.ron", false),
    ("raw_string.ron", false),
    ("self_link.ron", false),
    ("trailing_garbage.ron", false),
    ("truncated_backslash.ron", false),
    ("truncated_spec_half.ron", false),
    ("truncated_spec_minus_one.ron", false),
    ("truncated_string.ron", false),
    ("truncated_unicode_escape.ron", false),
    ("unit.ron", true),
    ("utf8_surrogate_bytes.ron", false),
    ("version_four_unknown_field.ron", true),
    ("version_zero.ron", false),
    ("wrong_enum.ron", false),
    ("wrong_section_link.ron", false),
    ("zero_id.ron", false),
];

/// Parses on a thread with a 2 MiB stack, so deep recursion shows up here
/// rather than only on a smaller stack elsewhere; a panic is caught and named.
fn parse_guarded(bytes: &[u8]) -> Result<Result<Parsed, FormatError>, String> {
    let bytes = bytes.to_vec();
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            catch_unwind(AssertUnwindSafe(|| parse_bytes(&bytes))).map_err(|p| {
                p.downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| p.downcast_ref::<String>().cloned())
                    .unwrap_or_default()
            })
        })
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn every_fuzz_input_is_an_error_or_round_trips_and_none_panics() {
    let inputs = inputs();
    assert!(inputs.len() >= EXPECTED.len(), "fixtures missing");
    let mut problems = Vec::new();
    let mut v2_canvases = 0;
    let mut v3_canvases = 0;
    for (name, bytes) in &inputs {
        let parsed = match parse_guarded(bytes) {
            Err(panic) => {
                problems.push(format!("{name}: panicked: {panic}"));
                continue;
            }
            Ok(r) => r,
        };
        if let Some((_, want_ok)) = EXPECTED.iter().find(|(n, _)| n == name)
            && parsed.is_ok() != *want_ok
        {
            problems.push(format!(
                "{name}: expected {}, got {parsed:?}",
                if *want_ok { "a canvas" } else { "an error" }
            ));
        }
        match parsed {
            Ok(p) => {
                let text = to_ron(&p.canvas);
                match p.canvas.format_version() {
                    2 => v2_canvases += 1,
                    3 => v3_canvases += 1,
                    _ => {}
                }
                match parse_bytes(text.as_bytes()) {
                    // The lowest version that holds the canvas's fields.
                    Ok(again) if again.canvas == p.canvas => {
                        let expected = if p.canvas.uses_v3() {
                            3
                        } else if p.canvas.uses_v2() {
                            2
                        } else {
                            1
                        };
                        if again.version != expected {
                            problems.push(format!(
                                "{name}: written as version {}, not {expected}",
                                again.version
                            ));
                        }
                    }
                    Ok(_) => problems.push(format!("{name}: the round trip changed the canvas")),
                    Err(e) => {
                        problems.push(format!("{name}: to_ron wrote an unreadable file: {e}"));
                    }
                }
                if to_ron(&p.canvas) != text {
                    problems.push(format!("{name}: to_ron is not deterministic"));
                }
            }
            Err(e) => {
                // An error is a sentence, not a dump: it fits a status bar line
                // or two (the snippet shows at most one line of the input).
                let msg = e.to_string();
                if msg.is_empty() || msg.lines().count() > 3 || msg.len() > 1000 {
                    problems.push(format!(
                        "{name}: unhelpful error ({} bytes): {msg:.300}",
                        msg.len()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(v2_canvases > 0, "no version 2 canvas among the inputs");
    assert!(v3_canvases > 0, "no version 3 canvas among the inputs");
}

#[test]
fn every_expected_input_exists() {
    let names: Vec<String> = inputs().into_iter().map(|(n, _)| n).collect();
    for (name, _) in EXPECTED {
        assert!(names.iter().any(|n| n == name), "{name} is missing");
    }
}

#[test]
fn specific_inputs_give_specific_errors() {
    let get = |name: &str| {
        let (_, bytes) = inputs().into_iter().find(|(n, _)| n == name).unwrap();
        parse_bytes(&bytes)
    };
    assert!(matches!(
        get("invalid_utf8.ron"),
        Err(FormatError::NotUtf8 {
            line: 1,
            column: 10
        })
    ));
    assert!(matches!(
        get("utf8_surrogate_bytes.ron"),
        Err(FormatError::NotUtf8 { .. })
    ));
    assert!(matches!(
        get("version_zero.ron"),
        Err(FormatError::BadVersion { found: 0 })
    ));
    assert!(matches!(
        get("zero_id.ron"),
        Err(FormatError::ZeroId { .. })
    ));
    assert!(matches!(
        get("duplicate_ids.ron"),
        Err(FormatError::DuplicateId { id: 1, .. })
    ));
    assert!(matches!(
        get("dangling_link.ron"),
        Err(FormatError::DanglingLink { target: 99, .. })
    ));
    assert!(matches!(
        get("wrong_section_link.ron"),
        Err(FormatError::WrongSectionLink { target: 1, .. })
    ));
    // Bad version 3 numbers name the test card and where it is.
    for name in [
        "v3_negative_count.ron",
        "v3_converted_above_shown.ron",
        "v3_target_above_one.ron",
    ] {
        let e = get(name).unwrap_err().to_string();
        assert!(
            e.contains("test card 9 \"Landing page A/B\""),
            "{name}: {e}"
        );
        assert!(e.starts_with("33:"), "{name}: {e}");
    }
    // A newer version with fields this one does not know opens read-only.
    let newer = get("version_four_unknown_field.ron").unwrap();
    assert_eq!(newer.version, 4);
    assert!(newer.read_only());
    for name in [
        "deep_nesting_parens.ron",
        "deep_nesting_lists.ron",
        "truncated_unicode_escape.ron",
        "lone_surrogate_escape.ron",
        "truncated_spec_half.ron",
    ] {
        assert!(
            matches!(get(name), Err(FormatError::Syntax { .. })),
            "{name}: {:?}",
            get(name)
        );
    }
    // The largest id is usable; links to it are kept once each or as given.
    let max = get("max_u32_ids.ron").unwrap().canvas;
    assert!(max.item(u32::MAX).is_some());
}

//! `check`: the fit of one or more canvases as text or JSON, `--strict`, and
//! the exit codes for files that do not load.

use std::fs;

use super::{DUPLICATE_ID, FITTED, GAPS, MALFORMED, Sandbox};

// ---------------------------------------------------------------------------
// check

#[test]
fn check_text_names_each_open_pain_and_gain_and_ends_with_a_summary() {
    let sb = Sandbox::new();
    let file = sb.write("gaps.ron", GAPS);
    let run = sb.run(&["check", "gaps.ron"]);
    run.ok(); // without --strict, gaps are reported but are not a failure
    let out = &run.stdout;
    assert!(out.starts_with("gaps.ron"), "{out}");
    assert!(out.contains("Gap fixture"), "{out}");

    // Each open pain and gain by its text, most important first.
    let position = |text: &str| {
        out.find(text)
            .unwrap_or_else(|| panic!("{text:?} missing:\n{out}"))
    };
    let pains = [
        "Open extreme pain",
        "First moderate pain",
        "Second moderate pain",
        "Mild nuisance",
    ];
    assert!(
        pains.windows(2).all(|w| position(w[0]) < position(w[1])),
        "{out}"
    );
    let gains = ["Open desired gain", "Small nicety"];
    assert!(
        gains.windows(2).all(|w| position(w[0]) < position(w[1])),
        "{out}"
    );
    // The warnings about value-map items that address nothing, and lonely jobs.
    for text in ["Idle reliever", "Idle creator", "Impress the reviewers"] {
        position(text);
    }
    // Addressed items are not flagged (they may still be worth testing:
    // the lines from "Coverage with evidence" on are about proof).
    let flags = &out[..position("Coverage with evidence")];
    for text in ["Relieved extreme pain", "Created essential gain"] {
        assert!(!flags.contains(text), "{text:?} is addressed:\n{out}");
    }

    // A one-line summary at the end.
    let last = out.lines().last().expect("a summary line");
    assert!(last.contains("Summary"), "{last}");
    assert!(last.contains("1/5"), "{last}");
    assert!(last.contains("1/3"), "{last}");
    // The percentages are weighted and say so, unlike the counts before them.
    assert!(
        last.contains("coverage weighted by level: pains 27%, gains 50%"), // 3/11, 3/6
        "{last}"
    );
    assert!(
        out.contains("  Coverage with evidence, weighted by level: pains "),
        "{out}"
    );
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert_eq!(fs::read_to_string(file).expect("read"), GAPS);
}

#[test]
fn check_strict_exits_1_on_gaps_and_0_on_a_fitted_canvas() {
    let sb = Sandbox::new();
    sb.write("gaps.ron", GAPS);
    sb.write("fitted.ron", FITTED);

    let gaps = sb.run(&["check", "--strict", "gaps.ron"]);
    gaps.code(1);
    assert!(gaps.stdout.contains("Open extreme pain"), "{}", gaps.stdout);

    let fitted = sb.run(&["check", "--strict", "fitted.ron"]);
    fitted.ok();
    assert!(fitted.stdout.contains("Summary"), "{}", fitted.stdout);
    assert!(fitted.stdout.contains("100%"), "{}", fitted.stdout);

    // One gappy file among fitted ones is enough to fail.
    sb.run(&["check", "--strict", "fitted.ron", "gaps.ron"])
        .code(1);
    sb.run(&["check", "--strict", "--format", "json", "gaps.ron"])
        .code(1);
    sb.run(&["check", "fitted.ron", "gaps.ron"]).ok();
}

#[test]
fn check_strict_ignores_warnings_that_are_not_pain_or_gain_gaps() {
    let sb = Sandbox::new();
    // Fitted, plus a reliever that relieves nothing and a job without a product.
    let text = FITTED
        .replace(
            "(id: 6, text: \"Cutting the wait\", pains: [2, 3]),",
            "(id: 6, text: \"Cutting the wait\", pains: [2, 3]),\n            (id: 8, text: \"Spare reliever\", pains: []),",
        )
        .replace(
            "kind: Functional, importance: High),",
            "kind: Functional, importance: High),\n            (id: 9, text: \"Lonely job\", kind: Emotional, importance: Low),",
        );
    assert!(text.contains("Spare reliever") && text.contains("Lonely job"));
    sb.write("warn.ron", &text);
    let run = sb.run(&["check", "--strict", "warn.ron"]);
    run.ok();
    assert!(run.stdout.contains("Spare reliever"), "{}", run.stdout);
    assert!(run.stdout.contains("Lonely job"), "{}", run.stdout);
}

#[test]
fn check_exits_2_on_a_missing_file_and_names_it() {
    let sb = Sandbox::new();
    let run = sb.run(&["check", "nowhere.ron"]);
    run.code(2);
    assert!(run.stderr.contains("nowhere.ron"), "{}", run.stderr);
    assert!(!sb.path().join("nowhere.ron").exists());
}

#[test]
fn check_exits_2_on_malformed_ron_with_path_line_column_and_the_line() {
    let sb = Sandbox::new();
    sb.write("bad.ron", MALFORMED);
    for strict in [false, true] {
        let mut args = vec!["check", "bad.ron"];
        if strict {
            args.push("--strict");
        }
        let run = sb.run(&args);
        run.code(2);
        assert!(run.stderr.contains("bad.ron:2:29"), "{}", run.stderr);
        // The offending line is shown.
        assert!(
            run.stderr.contains("customer: (jobs: [ (id: 1 text:"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn check_exits_2_on_an_invalid_canvas_and_names_the_item_and_id() {
    let sb = Sandbox::new();
    sb.write("dup.ron", DUPLICATE_ID);
    let run = sb.run(&["check", "dup.ron"]);
    run.code(2);
    assert!(run.stderr.contains("dup.ron"), "{}", run.stderr);
    assert!(run.stderr.contains("id 2"), "{}", run.stderr);
    assert!(run.stderr.contains("First job"), "{}", run.stderr);
    assert!(run.stderr.contains("Second use of two"), "{}", run.stderr);

    let dangling = GAPS.replace("pains: [5]", "pains: [99]");
    sb.write("dangling.ron", &dangling);
    let run = sb.run(&["check", "dangling.ron"]);
    run.code(2);
    assert!(run.stderr.contains("99"), "{}", run.stderr);
    assert!(run.stderr.contains("Real reliever"), "{}", run.stderr);
}

#[test]
fn check_json_has_the_documented_keys_and_hand_computed_values() {
    let sb = Sandbox::new();
    sb.write("gaps.ron", GAPS);
    let run = sb.run(&["check", "--format", "json", "gaps.ron"]);
    run.ok();
    let objects = run.json_lines();
    assert_eq!(objects.len(), 1, "{}", run.stdout);
    let v = &objects[0];

    assert_eq!(v["file"], "gaps.ron");
    let list = |key: &str| -> Vec<(u64, String)> {
        v[key]
            .as_array()
            .unwrap_or_else(|| panic!("{key} is not a list: {v}"))
            .iter()
            .map(|f| {
                let obj = f.as_object().expect("an object");
                assert_eq!(obj.len(), 2, "{key}: {f}");
                (
                    f["id"].as_u64().expect("id"),
                    f["text"].as_str().expect("text").to_owned(),
                )
            })
            .collect()
    };
    let pair = |id: u64, text: &str| (id, text.to_owned());
    assert_eq!(
        list("pains_without_relievers"),
        [
            pair(6, "Open extreme pain"),
            pair(4, "First moderate pain"),
            pair(7, "Second moderate pain"),
            pair(3, "Mild nuisance"),
        ]
    );
    assert_eq!(
        list("gains_without_creators"),
        [pair(10, "Open desired gain"), pair(8, "Small nicety")]
    );
    assert_eq!(list("relievers_without_pains"), [pair(13, "Idle reliever")]);
    assert_eq!(list("creators_without_gains"), [pair(15, "Idle creator")]);
    assert_eq!(
        list("jobs_without_products"),
        [pair(2, "Impress the reviewers")]
    );

    // Weighted: pains 3 of 1+2+3+3+2 = 11; gains 3 of 1+3+2 = 6.
    let pains = v["coverage"]["pains"].as_f64().expect("coverage.pains");
    let gains = v["coverage"]["gains"].as_f64().expect("coverage.gains");
    assert!((pains - 3.0 / 11.0).abs() < 1e-9, "{pains}");
    assert!((gains - 0.5).abs() < 1e-9, "{gains}");
}

#[test]
fn check_json_on_a_fitted_canvas_has_empty_lists_and_full_coverage() {
    let sb = Sandbox::new();
    sb.write("fitted.ron", FITTED);
    let run = sb.run(&["check", "--format", "json", "fitted.ron"]);
    run.ok();
    let v = &run.json_lines()[0];
    for key in [
        "pains_without_relievers",
        "gains_without_creators",
        "relievers_without_pains",
        "creators_without_gains",
        "jobs_without_products",
    ] {
        assert_eq!(v[key], serde_json::json!([]), "{key}");
    }
    assert_eq!(v["coverage"]["pains"].as_f64(), Some(1.0));
    assert_eq!(v["coverage"]["gains"].as_f64(), Some(1.0));
}

#[test]
fn check_several_files_reports_each_in_order() {
    let sb = Sandbox::new();
    sb.write("gaps.ron", GAPS);
    sb.write("fitted.ron", FITTED);

    let text = sb.run(&["check", "gaps.ron", "fitted.ron"]);
    text.ok();
    let g = text.stdout.find("gaps.ron").expect("gaps.ron reported");
    let f = text.stdout.find("fitted.ron").expect("fitted.ron reported");
    assert!(g < f, "{}", text.stdout);
    assert_eq!(text.stdout.matches("Summary").count(), 2, "{}", text.stdout);

    let json = sb.run(&["check", "--format", "json", "gaps.ron", "fitted.ron"]);
    json.ok();
    let objects = json.json_lines();
    assert_eq!(objects.len(), 2, "{}", json.stdout);
    assert_eq!(objects[0]["file"], "gaps.ron");
    assert_eq!(objects[1]["file"], "fitted.ron");
    assert_eq!(objects[1]["coverage"]["pains"].as_f64(), Some(1.0));
}

#[test]
fn check_several_files_with_one_unloadable_still_reports_the_others_and_exits_2() {
    let sb = Sandbox::new();
    sb.write("gaps.ron", GAPS);
    sb.write("bad.ron", MALFORMED);
    sb.write("fitted.ron", FITTED);

    let run = sb.run(&["check", "gaps.ron", "bad.ron", "fitted.ron"]);
    run.code(2);
    assert!(run.stdout.contains("Open extreme pain"), "{}", run.stdout);
    assert!(run.stdout.contains("fitted.ron"), "{}", run.stdout);
    assert!(run.stderr.contains("bad.ron:2:29"), "{}", run.stderr);

    // Load errors win over --strict gaps.
    sb.run(&["check", "--strict", "gaps.ron", "bad.ron"])
        .code(2);

    let json = sb.run(&["check", "--format", "json", "gaps.ron", "bad.ron"]);
    json.code(2);
    let objects = json.json_lines();
    assert_eq!(objects.len(), 2, "{}", json.stdout);
    assert_eq!(objects[0]["file"], "gaps.ron");
    assert_eq!(objects[1]["file"], "bad.ron");
    assert!(
        objects[1]["error"]
            .as_str()
            .is_some_and(|e| e.contains("2:29")),
        "{}",
        objects[1]
    );
}

#[test]
fn check_needs_at_least_one_file() {
    let sb = Sandbox::new();
    let run = sb.run(&["check"]);
    run.code(2);
    assert!(run.stderr.contains("FILE"), "{}", run.stderr);
}

//! `export`, `statement` and `show`: what each prints for a canvas.

use std::fs;

use serde_json::Value;
use vpcanvas::canvas::Section;

use super::{GAPS, MALFORMED, Run, STATEMENT, Sandbox, invoicing_example};

// ---------------------------------------------------------------------------
// export

#[test]
fn export_json_parses_and_mirrors_the_ron_structure() {
    let sb = Sandbox::new();
    let path = sb.write("inv.ron", invoicing_example());
    let run = sb.run(&["export", "inv.ron", "--format", "json"]);
    run.ok();
    let v: Value = serde_json::from_str(&run.stdout).expect("export json parses");
    let canvas = vpcanvas::canvas::file::parse(invoicing_example())
        .expect("example parses")
        .canvas;

    assert_eq!(v["version"], 1);
    assert_eq!(v["title"], "Invoicing for freelancers");
    assert_eq!(v["segment"], canvas.segment.as_str());
    assert_eq!(v["alternatives"], serde_json::json!(canvas.alternatives));

    for (half, key, section, link) in [
        ("customer", "jobs", Section::Jobs, None),
        ("customer", "pains", Section::Pains, None),
        ("customer", "gains", Section::Gains, None),
        ("value_map", "products", Section::Products, Some("jobs")),
        ("value_map", "relievers", Section::Relievers, Some("pains")),
        ("value_map", "creators", Section::Creators, Some("gains")),
    ] {
        let items = v[half][key]
            .as_array()
            .unwrap_or_else(|| panic!("{half}.{key} is not a list"));
        let expected = canvas.items(section);
        assert_eq!(items.len(), expected.len(), "{half}.{key}");
        for (got, want) in items.iter().zip(expected) {
            assert_eq!(got["id"], want.id, "{half}.{key}");
            assert_eq!(got["text"], want.text.as_str(), "{half}.{key}");
            if let Some(link) = link {
                assert_eq!(got[link], serde_json::json!(want.links), "{half}.{key}");
            }
        }
    }
    // Level and kind names are written as in RON.
    assert_eq!(
        v["customer"]["jobs"][0],
        serde_json::json!({"id": 1, "text": "Get paid in full and on time", "kind": "Functional", "importance": "High"})
    );
    assert_eq!(v["customer"]["pains"][0]["severity"], "Extreme");
    assert_eq!(v["customer"]["pains"][4]["severity"], "Mild");
    assert_eq!(v["customer"]["gains"][0]["relevance"], "Essential");
    assert_eq!(v["customer"]["gains"][4]["relevance"], "NiceToHave");
    assert_eq!(
        v["value_map"]["relievers"][3]["pains"],
        serde_json::json!([])
    );
    // Export never writes.
    assert_eq!(fs::read_to_string(path).expect("read"), invoicing_example());
}

#[test]
fn export_md_has_headings_for_all_six_sections_and_the_items() {
    let sb = Sandbox::new();
    sb.write("gaps.ron", GAPS);
    let run = sb.run(&["export", "gaps.ron", "--format", "md"]);
    run.ok();
    let md = &run.stdout;
    assert!(md.starts_with("# Gap fixture\n"), "{md}");
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with('#')).collect();
    for section in [
        "Customer jobs",
        "Pains",
        "Gains",
        "Products & services",
        "Pain relievers",
        "Gain creators",
    ] {
        assert!(
            headings
                .iter()
                .any(|h| h.trim_start_matches('#').trim() == section),
            "no heading {section:?} in {headings:?}"
        );
    }
    for text in [
        "Ship the release",
        "Open extreme pain",
        "Small nicety",
        "Release robot",
        "Real reliever",
        "Idle creator",
    ] {
        assert!(md.contains(text), "{text:?} missing:\n{md}");
    }
    // Open pains are flagged in the document.
    let open = md
        .lines()
        .find(|l| l.contains("Open extreme pain"))
        .expect("line");
    assert!(open.contains("no pain reliever"), "{open}");
}

#[test]
fn export_defaults_to_markdown() {
    let sb = Sandbox::new();
    sb.write("gaps.ron", GAPS);
    let default = sb.run(&["export", "gaps.ron"]);
    default.ok();
    let md = sb.run(&["export", "gaps.ron", "--format", "md"]);
    assert_eq!(default.stdout, md.stdout);
}

#[test]
fn export_txt_lists_every_item_and_marks_open_pains_and_gains() {
    let sb = Sandbox::new();
    sb.write("gaps.ron", GAPS);
    let run = sb.run(&["export", "gaps.ron", "--format", "txt"]);
    run.ok();
    let txt = &run.stdout;
    assert!(txt.starts_with("Gap fixture\n"), "{txt}");
    for section in [
        "CUSTOMER JOBS",
        "PAINS",
        "GAINS",
        "PRODUCTS & SERVICES",
        "PAIN RELIEVERS",
        "GAIN CREATORS",
    ] {
        assert!(
            txt.lines().any(|l| l == section),
            "no {section:?} in:\n{txt}"
        );
    }
    let line = |text: &str| {
        txt.lines()
            .find(|l| l.contains(text))
            .unwrap_or_else(|| panic!("{text:?} missing:\n{txt}"))
    };
    assert!(line("Open extreme pain").starts_with("! "));
    assert!(line("Open desired gain").starts_with("! "));
    assert!(line("Relieved extreme pain").starts_with("- "));
    assert!(line("Created essential gain").starts_with("- "));
    assert!(!txt.contains('\u{1b}'), "no escape codes in plain text");
}

#[test]
fn export_of_a_missing_or_malformed_file_fails_with_2() {
    let sb = Sandbox::new();
    sb.write("bad.ron", MALFORMED);
    let run = sb.run(&["export", "bad.ron", "--format", "json"]);
    run.code(2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("bad.ron:2:29"), "{}", run.stderr);
    let run = sb.run(&["export", "nowhere.ron"]);
    run.code(2);
    assert!(run.stderr.contains("nowhere.ron"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------
// statement

#[test]
fn statement_uses_the_top_product_job_and_addressing_items() {
    let sb = Sandbox::new();
    sb.write("s.ron", STATEMENT);
    let run = sb.run(&["statement", "s.ron"]);
    run.ok();
    assert_eq!(
        run.stdout,
        "Our Acme app helps busy people who want to get things done by cutting the wait \
         and keeping you calm (unlike paper lists).\n"
    );
}

#[test]
fn statement_of_the_invoicing_example_reads_as_a_sentence() {
    let sb = Sandbox::new();
    sb.write("inv.ron", invoicing_example());
    let run = sb.run(&["statement", "inv.ron"]);
    run.ok();
    let s = run.stdout.trim_end();
    assert_eq!(run.stdout.lines().count(), 1, "{s}");
    assert!(
        s.starts_with("Our Paylane invoicing app helps freelance designers"),
        "{s}"
    );
    assert!(
        s.contains("who want to get paid in full and on time"),
        "{s}"
    );
    assert!(
        s.contains("chasing late payers with polite reminders"),
        "{s}"
    );
    assert!(s.contains("forecasting cash flow 90 days ahead"), "{s}");
    assert!(s.ends_with("(unlike spreadsheets)."), "{s}");
}

#[test]
fn statement_of_an_empty_canvas_still_reads() {
    let sb = Sandbox::new();
    sb.run(&["new", "blank"]).ok();
    let run = Run::from(
        sb.cmd()
            .arg("statement")
            .arg(sb.data().join("blank.ron"))
            .output()
            .expect("run"),
    );
    run.ok();
    assert_eq!(run.stdout, "Our offer helps customers.\n");
}

// ---------------------------------------------------------------------------
// show

#[test]
fn show_prints_the_canvas_at_the_requested_size() {
    let sb = Sandbox::new();
    sb.write("inv.ron", invoicing_example());
    let run = sb.run(&["show", "inv.ron", "--width", "100", "--height", "30"]);
    run.ok();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 30, "{}", run.stdout);
    assert!(
        lines.iter().all(|l| l.chars().count() <= 100),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Value map"), "{}", run.stdout);
    assert!(run.stdout.contains("Customer profile"), "{}", run.stdout);
    assert!(!run.stdout.contains('\u{1b}'), "no escape codes");
}

#[test]
fn show_at_tiny_sizes_never_panics() {
    let sb = Sandbox::new();
    sb.write("inv.ron", invoicing_example());
    for (w, h) in [("1", "1"), ("2", "1"), ("10", "3"), ("40", "10")] {
        let run = sb.run(&["show", "inv.ron", "--width", w, "--height", h]);
        run.ok();
        assert!(!run.stderr.contains("panicked"), "{w}x{h}: {}", run.stderr);
    }
    sb.run(&["show", "inv.ron", "--width", "0"]).code(2);
}

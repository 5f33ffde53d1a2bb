//! `vpcanvas report`: segments side by side, from the real binary.

use std::fs;

use serde_json::Value;

use super::Sandbox;

/// A data folder holding both bundled examples (as `meals` and `invoicing`).
fn two_examples() -> Sandbox {
    let s = Sandbox::new();
    fs::create_dir_all(s.data()).expect("data dir");
    for name in ["invoicing", "meals"] {
        let text = fs::read_to_string(format!(
            "{}/assets/examples/{name}.ron",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("example");
        fs::write(s.data().join(format!("{name}.ron")), text).expect("write");
    }
    s
}

/// The Markdown table's rows as cells (heading first), split at unescaped `|`.
fn table(md: &str) -> Vec<Vec<String>> {
    md.lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("|---"))
        .map(|l| {
            let mut cells = Vec::new();
            let mut cell = String::new();
            let mut escaped = false;
            for c in l.chars() {
                match c {
                    '|' if !escaped => {
                        cells.push(cell.trim().to_owned());
                        cell.clear();
                    }
                    c => cell.push(c),
                }
                escaped = c == '\\';
            }
            cells[1..].to_vec()
        })
        .collect()
}

fn row<'a>(rows: &'a [Vec<String>], head: &str) -> &'a [String] {
    rows.iter()
        .find(|r| r[0].starts_with(head))
        .unwrap_or_else(|| panic!("no row {head}: {rows:?}"))
}

fn percent(x: &Value) -> String {
    format!("{:.0}%", x.as_f64().expect("a number") * 100.0)
}

#[test]
fn the_reports_figures_are_checks_figures_for_each_canvas() {
    let s = two_examples();
    let out = s.run(&["report", "--format", "md"]);
    out.ok();
    let rows = table(&out.stdout);
    // Segment order: "busy working parents" (meals) before "freelance designers".
    assert!(rows[0][1].contains("(meals)"), "{:?}", rows[0]);
    assert!(rows[0][2].contains("(invoicing)"), "{:?}", rows[0]);
    for (column, name) in [(1, "meals"), (2, "invoicing")] {
        let check = s.run(&["check", "--format", "json", name]);
        check.ok();
        let json = &check.json_lines()[0];
        let paper = format!(
            "pains {} · gains {}",
            percent(&json["coverage"]["pains"]),
            percent(&json["coverage"]["gains"])
        );
        let evidenced = format!(
            "pains {} · gains {}",
            percent(&json["coverage_evidenced"]["pains"]),
            percent(&json["coverage_evidenced"]["gains"])
        );
        assert_eq!(row(&rows, "Coverage on paper")[column], paper, "{name}");
        assert_eq!(
            row(&rows, "Coverage with evidence")[column],
            evidenced,
            "{name}"
        );
        let open_pain = json["pains_without_relievers"][0]["text"]
            .as_str()
            .unwrap_or("every pain relieved");
        assert!(
            row(&rows, "Most important open pain")[column].contains(open_pain),
            "{name}: {open_pain}"
        );
        let gain_text = json["gains_without_creators"][0]["text"]
            .as_str()
            .unwrap_or("every gain created");
        assert!(
            row(&rows, "Most important open gain")[column].contains(gain_text),
            "{name}: {gain_text}"
        );
        let statement = s.run(&["statement", name]);
        statement.ok();
        assert!(
            row(&rows, "Leading statement")[column].contains(statement.stdout.trim()),
            "{name}"
        );
        let lint = s.run(&["lint", "--format", "json", name]);
        let hints = lint.json_lines()[0]["hints"].as_array().map_or(0, Vec::len);
        assert_eq!(
            row(&rows, "Coach hints")[column],
            format!("{hints} hints"),
            "{name}"
        );
    }
    assert!(out.stdout.contains("weighted by level"));
}

#[test]
fn an_unreadable_canvas_keeps_its_column_and_the_report_is_still_written() {
    let s = two_examples();
    fs::write(s.data().join("broken.ron"), "(version: 1, title: ").expect("write");
    let out = s.run(&["report", "--format", "md"]);
    out.ok();
    let rows = table(&out.stdout);
    assert_eq!(rows[0].len(), 4, "three canvases: {:?}", rows[0]);
    assert!(rows[0][3].contains("(broken)"), "{:?}", rows[0]);
    assert!(
        rows[1][3].starts_with("**Cannot be read:**"),
        "{:?}",
        rows[1]
    );
    assert!(out.stderr.contains("broken.ron"), "{}", out.stderr);
    let html = s.run(&["report"]);
    html.ok();
    assert!(html.stdout.contains("Cannot be read."), "html says why");
    assert!(html.stdout.contains("meals") && html.stdout.contains("invoicing"));
}

#[test]
fn names_and_paths_pick_the_canvases_and_a_missing_one_says_where_it_looked() {
    let s = two_examples();
    let elsewhere = s.write(
        "elsewhere.ron",
        &fs::read_to_string(s.data().join("invoicing.ron"))
            .expect("read")
            .replace("Invoicing for freelancers", "Elsewhere"),
    );
    let elsewhere = elsewhere.display().to_string();
    let out = s.run(&["report", "--format", "md", "meals", &elsewhere, "nosuch"]);
    out.ok();
    let rows = table(&out.stdout);
    let heads = rows[0].join(" ");
    assert!(
        heads.contains("(meals)") && heads.contains("Elsewhere"),
        "{heads}"
    );
    assert!(
        !heads.contains("(invoicing)"),
        "only what was asked for: {heads}"
    );
    assert!(heads.contains("(nosuch)"), "{heads}");
    assert!(out.stderr.contains("no canvas nosuch"), "{}", out.stderr);
    assert!(out.stdout.contains("**Cannot be read:** no canvas nosuch"));
}

#[test]
fn hostile_text_is_inert_in_both_formats() {
    let s = two_examples();
    let evil = "<script>alert(1)</script> | \u{1b}[2J \u{202e}evil";
    let text = fs::read_to_string(s.data().join("meals.ron"))
        .expect("read")
        .replace(
            "Weeknight meal planning",
            &evil
                .replace('\u{1b}', "\\u{1b}")
                .replace('\u{202e}', "\\u{202e}"),
        );
    fs::write(s.data().join("meals.ron"), text).expect("write");
    for format in ["html", "md"] {
        let out = s.run(&["report", "--format", format]);
        out.ok();
        assert!(!out.stdout.contains('\u{1b}'), "{format}: an escape byte");
        assert!(
            !out.stdout.contains('\u{202e}'),
            "{format}: a bidi override"
        );
        assert!(!out.stdout.contains("<script>"), "{format}: live markup");
    }
    let md = s.run(&["report", "--format", "md"]);
    assert_eq!(
        table(&md.stdout)[0].len(),
        3,
        "a | in a title does not add a column"
    );
    let html = s.run(&["report"]);
    assert!(html.stdout.contains("&lt;script&gt;"), "escaped, shown");
}

#[test]
fn an_empty_folder_gives_a_page_that_says_so() {
    let s = Sandbox::new();
    fs::create_dir_all(s.data()).expect("data dir");
    let out = s.run(&["report", "--format", "md"]);
    out.ok();
    assert!(out.stdout.contains("No canvases to compare yet."));
}

#[test]
fn a_measured_statement_and_a_scored_curve_show_their_verdicts() {
    use vpcanvas::canvas::{Rate, TestCard, TestResult};
    let s = two_examples();
    let path = s.data().join("invoicing.ron");
    let mut c = vpcanvas::canvas::file::parse(&fs::read_to_string(&path).expect("read"))
        .expect("parse")
        .canvas;
    let a = c.add_statement("A: late payments", "Paid within 7 days.");
    let b = c.add_statement("B: cash flow", "A 30-day forecast.");
    let test = c.next_id();
    c.tests.push(TestCard {
        id: test,
        name: "Landing page A/B".into(),
        statements: vec![a, b],
        target: Rate::new(0.05),
        results: vec![
            TestResult::statement(a, 400, 30),
            TestResult::statement(b, 380, 8),
        ],
        ..TestCard::default()
    });
    let pain = c.items(vpcanvas::canvas::Section::Pains)[0].id;
    let alternative = c.alternatives[0].clone();
    c.set_score(pain, None, Some(9));
    c.set_score(pain, Some(&alternative), Some(3));
    fs::write(&path, vpcanvas::canvas::file::to_ron(&c)).expect("write");
    let out = s.run(&["report", "--format", "md"]);
    out.ok();
    let rows = table(&out.stdout);
    let column = rows[0]
        .iter()
        .position(|h| h.contains("(invoicing)"))
        .expect("column");
    let measured = &row(&rows, "Measured")[column];
    assert!(
        measured.starts_with("Landing page A/B: A: late payments beats B: cash flow"),
        "{measured}"
    );
    let curve = &row(&rows, "Against the alternatives")[column];
    let check = s.run(&["check", "--format", "json", "invoicing"]);
    let json = &check.json_lines()[0];
    assert!(json["comparison"].is_object(), "{json}");
    assert!(curve.starts_with("Leads on"), "{curve}");
    let check_text = s.run(&["check", "invoicing"]);
    assert!(
        check_text.stdout.contains(curve.as_str()),
        "check says the same: {curve}\n{}",
        check_text.stdout
    );
}

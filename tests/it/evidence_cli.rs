//! The command line with format version 2 (#14): `check` with both coverages,
//! test next and `--require-evidence`; `statement --all | --name`; exports
//! that carry statuses, notes, statements and cards.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_vpcanvas");

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v2/spec_example.ron")
}

/// Runs vpcanvas with a temporary data dir and home, never the real ones.
fn run(args: &[&str], home: &Path) -> Output {
    Command::new(BIN)
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("VPCANVAS_DATA_DIR", home.join("canvases"))
        .env_remove("VPCANVAS_CONFIG")
        .output()
        .expect("run vpcanvas")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The SPEC example with its top pain and gain (and their value-map items)
/// validated: every top-ranked item then has proof.
fn all_validated(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(fixture())
        .expect("fixture")
        .replace(
            "severity: Extreme, status: Testing",
            "severity: Extreme, status: Validated",
        )
        .replace(
            "relevance: Essential,",
            "relevance: Essential, status: Validated,",
        )
        .replace(
            "pains: [2], status: Testing",
            "pains: [2], status: Validated",
        )
        .replace("gains: [3])", "gains: [3], status: Validated)");
    let path = dir.join("proven.ron");
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn check_json_gives_both_coverages_test_next_and_conflicts() {
    let home = tempfile::tempdir().expect("tmp");
    let f = fixture();
    let o = run(
        &["check", "--format", "json", f.to_str().expect("utf8")],
        home.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["coverage"]["pains"], 1.0);
    assert_eq!(v["coverage_evidenced"]["pains"], 0.0);
    assert_eq!(v["coverage_evidenced"]["gains"], 0.0);
    let next: Vec<(u64, &str)> = v["test_next"]
        .as_array()
        .expect("list")
        .iter()
        .map(|r| {
            (
                r["id"].as_u64().expect("id"),
                r["section"].as_str().expect("section"),
            )
        })
        .collect();
    assert_eq!(
        next,
        [
            (2, "pains"),
            (3, "gains"),
            (5, "relievers"),
            (6, "creators"),
            (4, "products")
        ]
    );
    assert_eq!(v["test_next"][0]["text"], "Clients pay 30+ days late");
    assert_eq!(v["conflicts"], serde_json::json!([]));

    let proven = all_validated(home.path());
    let o = run(
        &["check", "--format", "json", proven.to_str().expect("utf8")],
        home.path(),
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["coverage_evidenced"]["pains"], 1.0);
    assert_eq!(v["coverage_evidenced"]["gains"], 1.0);
}

#[test]
fn require_evidence_fails_until_the_top_ranked_items_are_validated() {
    let home = tempfile::tempdir().expect("tmp");
    let f = fixture();
    let f = f.to_str().expect("utf8");
    let o = run(&["check", "--require-evidence", f], home.path());
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let text = stdout(&o);
    assert!(
        text.contains("Top-ranked and not yet validated (2):"),
        "{text}"
    );
    assert!(
        text.contains("    ~ Clients pay 30+ days late (pain, testing)\n"),
        "{text}"
    );
    // Untested has no mark of its own: it is never shown as Testing's `~`.
    assert!(
        text.contains("      Cash in within 7 days (gain, untested)\n"),
        "{text}"
    );
    // Without the flag the same canvas passes: its fit on paper is complete.
    assert_eq!(
        run(&["check", "--strict", f], home.path()).status.code(),
        Some(0)
    );
    let proven = all_validated(home.path());
    let o = run(
        &[
            "check",
            "--require-evidence",
            proven.to_str().expect("utf8"),
        ],
        home.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("Coverage with evidence, weighted by level: pains 100% · gains 100%")
    );
}

#[test]
fn require_evidence_is_not_blocked_by_an_invalidated_top_item() {
    // SPEC §7: an invalidated pain is one the customer does not have.
    let home = tempfile::tempdir().expect("tmp");
    let text = std::fs::read_to_string(all_validated(home.path()))
        .expect("proven")
        .replace(
            "severity: Extreme, status: Validated",
            "severity: Extreme, status: Invalidated",
        );
    let path = home.path().join("invalidated.ron");
    std::fs::write(&path, text).expect("write");
    let o = run(
        &["check", "--require-evidence", path.to_str().expect("utf8")],
        home.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(!stdout(&o).contains("Top-ranked and not yet validated"));
}

#[test]
fn check_text_lists_the_first_five_to_test_and_ends_with_the_summary() {
    let home = tempfile::tempdir().expect("tmp");
    let f = fixture();
    let text = stdout(&run(&["check", f.to_str().expect("utf8")], home.path()));
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim() == "Test next:")
        .expect(&text);
    assert_eq!(lines[at + 1].trim(), "- Clients pay 30+ days late (pain)");
    assert_eq!(
        lines[at + 5].trim(),
        "- Invoicing web app (product or service)"
    );
    assert!(
        lines
            .last()
            .expect("lines")
            .trim_start()
            .starts_with("Summary: "),
        "{text}"
    );
}

#[test]
fn statement_prints_the_first_saved_one_all_of_them_or_one_by_name() {
    let home = tempfile::tempdir().expect("tmp");
    let f = fixture();
    let f = f.to_str().expect("utf8");
    let a = "Our invoicing app helps freelance designers get paid within 7 days by chasing late payers for them.";
    let b = "Our invoicing app gives freelance designers a 30-day cash-flow forecast.";
    assert_eq!(
        stdout(&run(&["statement", f], home.path())),
        format!("{a}\n")
    );
    assert_eq!(
        stdout(&run(&["statement", f, "--all"], home.path())),
        format!("A: late payments\n{a}\n\nB: cash flow\n{b}\n")
    );
    assert_eq!(
        stdout(&run(
            &["statement", f, "--name", "B: cash flow"],
            home.path()
        )),
        format!("{b}\n")
    );
    let o = run(&["statement", f, "--name", "C"], home.path());
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no saved statement is named \"C\"") && err.contains("\"B: cash flow\""),
        "{err}"
    );
}

#[test]
fn statement_without_saved_ones_proposes_one_even_with_all() {
    let home = tempfile::tempdir().expect("tmp");
    let path = home.path().join("plain.ron");
    let text = std::fs::read_to_string(fixture()).expect("fixture");
    let cut = text.find("    statements: [").expect("statements");
    let end = text.find("    tests: [").expect("tests");
    let plain = format!("{}{}", &text[..cut], &text[end..]).replace(", statements: [7, 8]", "");
    std::fs::write(&path, plain).expect("write");
    let p = path.to_str().expect("utf8");
    let one = stdout(&run(&["statement", p], home.path()));
    assert!(
        one.starts_with("Our Invoicing web app helps freelance designers"),
        "{one}"
    );
    assert_eq!(stdout(&run(&["statement", p, "--all"], home.path())), one);
}

#[test]
fn exports_carry_statuses_notes_statements_and_cards() {
    let home = tempfile::tempdir().expect("tmp");
    let f = fixture();
    let f = f.to_str().expect("utf8");
    let md = stdout(&run(&["export", f, "--format", "md"], home.path()));
    for want in [
        "1. Get paid on time _(Functional · High · Validated)_",
        "   - Evidence: 9 of 12 interviewees chase payments every week",
        "- Coverage with evidence, weighted by level: pains 0% · gains 0%",
        "### Test next",
        "**B: cash flow**",
        "### Landing page A/B _(Done, by 2026-12-15)_",
        "- **We are right if** A converts at 5% or more and beats B",
        "### Learning from Landing page A/B _(2026-12-16)_",
        "- **Validated:** Clients pay 30+ days late; Automatic, polite payment reminders",
    ] {
        assert!(md.contains(want), "{want:?} not in\n{md}");
    }
    let txt = stdout(&run(&["export", f, "--format", "txt"], home.path()));
    for want in [
        "- Clients pay 30+ days late [Extreme · Testing]",
        "    evidence: 9 of 12 interviewees chase payments every week",
        "- B: cash flow: Our invoicing app gives",
        "TEST: Landing page A/B (Done, by 2026-12-15)",
        "  Therefore we will Lead with A on the home page",
    ] {
        assert!(txt.contains(want), "{want:?} not in\n{txt}");
    }
    let json: serde_json::Value = serde_json::from_str(&stdout(&run(
        &["export", f, "--format", "json"],
        home.path(),
    )))
    .expect("json");
    assert_eq!(json["version"], 2);
    assert_eq!(json["customer"]["jobs"][0]["status"], "Validated");
    assert_eq!(json["statements"][1]["name"], "B: cash flow");
    assert_eq!(json["tests"][0]["deadline"], "2026-12-15");
    assert_eq!(json["learnings"][0]["validated"], serde_json::json!([2, 5]));
}

/// A title changed on both sides of a merge is a conflict like an item's:
/// check lists it (text and JSON) and --strict fails until it is resolved.
#[test]
fn check_lists_a_title_conflict_and_strict_fails_on_it() {
    let home = tempfile::tempdir().expect("tmp");
    let text = std::fs::read_to_string(all_validated(home.path())).expect("proven");
    let path = home.path().join("clash.ron");
    std::fs::write(
        &path,
        text.replace(
            "\n)\n",
            "\n    conflicts: [\n        (title: \"Invoices\"),\n    ],\n)\n",
        ),
    )
    .expect("write");
    let p = path.to_str().expect("utf8");
    let o = run(&["check", p], home.path());
    let out = stdout(&o);
    assert!(
        out.contains(
            "  Merge conflicts to resolve in the editor (1):\n    ≠ title: ours “Invoicing for freelancers” / theirs “Invoices”\n"
        ),
        "{out}"
    );
    assert!(out.contains("Summary: gaps:"), "{out}");
    assert_eq!(
        run(&["check", "--strict", p], home.path()).status.code(),
        Some(1)
    );
    let o = run(&["check", "--format", "json", p], home.path());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(
        v["conflicts"],
        serde_json::json!([{"field": "title", "ours": "Invoicing for freelancers", "theirs": "Invoices"}])
    );
}

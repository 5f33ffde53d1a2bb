//! Against the alternatives (SPEC §12) through the real binary: `check`'s
//! text and JSON `comparison`, `lint`'s two rules, and the statement's
//! "(unlike …)" following the scores.

#![allow(clippy::unwrap_used)]

use serde_json::json;

use super::cli::Sandbox;

/// A founder's canvas scored against two alternatives. Top factors: the
/// job, the two Extreme pains, the gain. versus Spreadsheets =
/// 3·(7−7) + 3·(9−2) + 3·(3−4) + 3·(6−6) = 18; Hiring a bookkeeper =
/// 3·(7−6) + 3·(9−5) + 3·(3−8) + 3·(6−7) = −3.
const SCORED: &str = r#"(
    version: 3,
    title: "Invoicing",
    segment: "Freelance designers",
    alternatives: ["Hiring a bookkeeper", "Spreadsheets"],
    customer: (
        jobs: [
            (id: 1, text: "Get paid on time", importance: High, ours: 7, theirs: {"Hiring a bookkeeper": 6, "Spreadsheets": 7}),
        ],
        pains: [
            (id: 2, text: "Clients pay 30+ days late", severity: Extreme, ours: 9, theirs: {"Hiring a bookkeeper": 5, "Spreadsheets": 2}),
            (id: 3, text: "Tax season panic", severity: Extreme, ours: 3, theirs: {"Hiring a bookkeeper": 8, "Spreadsheets": 4}),
        ],
        gains: [
            (id: 4, text: "Know cash 3 months ahead", relevance: Essential, ours: 6, theirs: {"Hiring a bookkeeper": 7, "Spreadsheets": 6}),
        ],
    ),
    value_map: (
        products: [(id: 5, text: "Invoicing web app", jobs: [1])],
        relievers: [(id: 6, text: "Automatic reminders", pains: [2])],
        creators: [(id: 7, text: "Cash-flow forecast", gains: [4])],
    ),
)
"#;

#[test]
fn check_reports_the_comparison_in_text_and_json() {
    let sb = Sandbox::new();
    let file = sb.write("scored.ron", SCORED);
    let path = file.to_str().unwrap();
    let run = sb.run(&["check", path]);
    run.ok();
    assert!(
        run.stdout.contains(
            "  Against the alternatives: Leads on 1 of the 4 top factors; trails Hiring a bookkeeper on 'Tax season panic'\n    versus: Hiring a bookkeeper -3 · Spreadsheets +18\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("    trail  Tax season panic [Extreme]: ours 3 · Hiring a bookkeeper 8 · Spreadsheets 4\n"),
        "{}",
        run.stdout
    );
    let run = sb.run(&["check", path, "--format", "json"]);
    run.ok();
    let v = &run.json_lines()[0]["comparison"];
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["factors", "leads", "trails", "versus", "verdict"]);
    assert_eq!(
        v["versus"],
        json!({"Hiring a bookkeeper": -3, "Spreadsheets": 18})
    );
    let order: Vec<u64> = v["factors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_u64().unwrap())
        .collect();
    assert_eq!(order, [1, 2, 3, 4]);
    assert_eq!(
        v["leads"],
        json!([{"id": 2, "section": "pains", "text": "Clients pay 30+ days late"}])
    );
    assert_eq!(v["trails"][0]["id"], 3);
    assert_eq!(v["trails"][0]["behind"], json!(["Hiring a bookkeeper"]));
}

#[test]
fn the_statement_is_unlike_the_first_alternative_it_beats() {
    let sb = Sandbox::new();
    let file = sb.write("scored.ron", SCORED);
    let run = sb.run(&["statement", file.to_str().unwrap()]);
    run.ok();
    // The bookkeeper is listed first, but beats us overall (−3).
    assert!(
        run.stdout.trim_end().ends_with("(unlike spreadsheets)."),
        "{}",
        run.stdout
    );
    let beaten_by_all = SCORED.replace("\"Spreadsheets\": 2", "\"Spreadsheets\": 9");
    let file = sb.write("none.ron", &beaten_by_all);
    let run = sb.run(&["statement", file.to_str().unwrap()]);
    run.ok();
    assert!(!run.stdout.contains("unlike"), "{}", run.stdout);
}

#[test]
fn lint_speaks_up_for_an_undifferentiated_offer_and_an_unscored_alternative() {
    let sb = Sandbox::new();
    // No lead on any top factor, and a third alternative nobody scored.
    let flat = SCORED.replace("ours: 9", "ours: 5").replace(
        "[\"Hiring a bookkeeper\", \"Spreadsheets\"]",
        "[\"Hiring a bookkeeper\", \"Spreadsheets\", \"Doing nothing\"]",
    );
    let file = sb.write("flat.ron", &flat);
    let run = sb.run(&["lint", file.to_str().unwrap(), "--format", "json"]);
    let hints = run.json_lines()[0]["hints"].as_array().unwrap().clone();
    let ours: Vec<&serde_json::Value> = hints
        .iter()
        .filter(|h| {
            matches!(
                h["rule"].as_str(),
                Some("undifferentiated" | "unscored-alternative")
            )
        })
        .collect();
    assert_eq!(ours.len(), 2, "{hints:?}");
    assert_eq!(ours[0]["rule"], "undifferentiated");
    assert_eq!(ours[0]["id"], serde_json::Value::Null);
    assert_eq!(ours[1]["rule"], "unscored-alternative");
    assert!(
        ours[1]["message"]
            .as_str()
            .unwrap()
            .contains("Doing nothing")
    );
    // The scored canvas leads on a top factor and scores every alternative.
    let file = sb.write("scored.ron", SCORED);
    let run = sb.run(&["lint", file.to_str().unwrap(), "--format", "json"]);
    let rules: Vec<String> = run.json_lines()[0]["hints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["rule"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        !rules
            .iter()
            .any(|r| r == "undifferentiated" || r == "unscored-alternative"),
        "{rules:?}"
    );
}

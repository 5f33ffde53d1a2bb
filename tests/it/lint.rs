//! `vpcanvas lint`: the coach's hints on the command line (SPEC §7), checked
//! through the real binary: text grouped by rule, JSON field by field, exit
//! codes with and without `--strict`, `config.ron` turning rules off.

#![allow(clippy::unwrap_used)]

use serde_json::{Value, json};

use super::cli::Sandbox;

/// A canvas written the way people really write them: vague, unranked,
/// the product's name in the profile, no alternatives.
pub(crate) const REAL_WORLD: &str = r#"(
    version: 1,
    title: "PayFast",
    customer: (
        jobs: [
            (id: 1, text: "Send invoices"),
            (id: 2, text: "Keep track of who paid"),
        ],
        pains: [
            (id: 3, text: "Clients pay late"),
            (id: 4, text: "PayFast costs 20 euros a month"),
            (id: 5, text: "clients pay LATE!"),
        ],
        gains: [
            (id: 6, text: "Get paid faster"),
        ],
    ),
    value_map: (
        products: [
            (id: 7, text: "PayFast mobile app for freelance designers"),
        ],
        relievers: [
            (id: 8, text: "Seamless, user-friendly reminders", pains: [3]),
        ],
    ),
)
"#;

/// The same canvas with every hint fixed (and one dismissed in the file).
pub(crate) const FIXED: &str = r#"(
    version: 2,
    title: "PayFast",
    alternatives: ["Spreadsheets"],
    customer: (
        jobs: [
            (id: 1, text: "Send 20 invoices a month", importance: High, status: Testing),
            (id: 2, text: "Look professional to new clients", kind: Social),
            (id: 9, text: "Stop lying awake over unpaid work", kind: Emotional, importance: Low),
        ],
        pains: [
            (id: 3, text: "Clients pay 30+ days late", severity: Extreme, status: Validated),
            (id: 4, text: "Bank fees eat 3% of every invoice"),
            (id: 5, text: "Chasing clients every week", severity: Mild, dismissed: ["unquantified"]),
        ],
        gains: [
            (id: 6, text: "Cash in within 7 days", relevance: Essential, status: Testing),
            (id: 10, text: "Half the admin time"),
            (id: 11, text: "Know my income 3 months ahead", relevance: NiceToHave),
        ],
    ),
    value_map: (
        products: [
            (id: 7, text: "PayFast mobile app for freelance designers", jobs: [1]),
        ],
        relievers: [
            (id: 8, text: "Reminders at 3, 7 and 14 days", pains: [3]),
        ],
    ),
)
"#;

fn rules(v: &Value) -> Vec<&str> {
    v["hints"]
        .as_array()
        .expect("hints")
        .iter()
        .map(|h| h["rule"].as_str().expect("rule"))
        .collect()
}

#[test]
fn json_has_one_object_per_file_with_every_field_of_every_hint() {
    let sb = Sandbox::new();
    let real = sb.write("real.ron", REAL_WORLD);
    let run = sb.run(&["lint", real.to_str().unwrap(), "--format", "json"]);
    run.ok();
    let lines = run.json_lines();
    assert_eq!(lines.len(), 1);
    let v = &lines[0];
    assert_eq!(v["file"], real.to_str().unwrap());
    assert_eq!(
        rules(v),
        [
            "unquantified",
            "unquantified",
            "unquantified",
            "vague",
            "vague",
            "duplicate",
            "functional-only",
            "product-in-profile",
            "too-few",
            "too-few",
            "unranked",
            "no-alternative",
            // The two jobs and the gain; the three pains wait for a rank.
            "untested-top",
            "untested-top",
            "untested-top",
        ]
    );
    let hints = v["hints"].as_array().unwrap();
    for h in hints {
        let keys: Vec<&str> = h.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["rule", "id", "section", "text", "message"], "{h}");
        assert!(!h["message"].as_str().unwrap().is_empty());
    }
    // An item hint names the item.
    assert_eq!(
        hints[0],
        json!({
            "rule": "unquantified",
            "id": 3,
            "section": "pains",
            "text": "Clients pay late",
            "message": hints[0]["message"].clone(),
        })
    );
    assert!(
        hints[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("Add a number")
    );
    // The lower duplicate is the one reported.
    assert_eq!(hints[5]["id"], 5);
    assert_eq!(hints[5]["section"], "pains");
    // Section hints have no id and no text; canvas hints no section either.
    let functional = &hints[6];
    assert_eq!(functional["id"], Value::Null);
    assert_eq!(functional["section"], "jobs");
    assert_eq!(functional["text"], Value::Null);
    let product = &hints[7];
    assert_eq!(product["id"], 4);
    assert!(product["message"].as_str().unwrap().contains("PayFast"));
    assert_eq!(hints[8]["section"], "jobs", "two jobs: too few");
    assert_eq!(hints[9]["section"], "gains", "one gain: too few");
    assert_eq!(hints[10]["section"], "pains", "three pains, all moderate");
    let alternative = &hints[11];
    assert_eq!(alternative["id"], Value::Null);
    assert_eq!(alternative["section"], Value::Null);
    assert_eq!(alternative["text"], Value::Null);
}

#[test]
fn text_groups_by_rule_with_the_items_text_and_what_to_do() {
    let sb = Sandbox::new();
    let real = sb.write("real.ron", REAL_WORLD);
    let run = sb.run(&["lint", real.to_str().unwrap()]);
    run.ok();
    let out = &run.stdout;
    let at = |needle: &str| {
        out.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} missing in\n{out}"))
    };
    assert!(at("No number (unquantified)") < at("Vague claims (vague)"));
    assert!(at("Vague claims (vague)") < at("Duplicates (duplicate)"));
    assert!(at("Pains: Clients pay late") < at("Vague claims"));
    assert!(at("Pain relievers: Seamless, user-friendly reminders") > at("Vague claims"));
    at("“Seamless” is a claim: say by how much");
    at("Not ranked (unranked)");
    at("15 hints");
}

#[test]
fn strict_exits_1_while_hints_remain_and_0_once_all_are_fixed() {
    let sb = Sandbox::new();
    let real = sb.write("real.ron", REAL_WORLD);
    let fixed = sb.write("fixed.ron", FIXED);
    sb.run(&["lint", "--strict", real.to_str().unwrap()])
        .code(1);
    let run = sb.run(&["lint", "--strict", fixed.to_str().unwrap()]);
    run.ok();
    assert!(run.stdout.contains("no hints"), "{}", run.stdout);
    // Any file with hints makes the whole run fail.
    sb.run(&[
        "lint",
        "--strict",
        fixed.to_str().unwrap(),
        real.to_str().unwrap(),
    ])
    .code(1);
    // Without --strict hints are advice: exit 0.
    sb.run(&["lint", real.to_str().unwrap()]).ok();
}

#[test]
fn a_file_that_cannot_be_loaded_exits_2_and_the_others_are_still_linted() {
    let sb = Sandbox::new();
    let fixed = sb.write("fixed.ron", FIXED);
    let broken = sb.write("broken.ron", "(version: 1, title: ");
    let run = sb.run(&[
        "lint",
        "--format",
        "json",
        broken.to_str().unwrap(),
        fixed.to_str().unwrap(),
    ]);
    run.code(2);
    let lines = run.json_lines();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["error"].is_string());
    assert_eq!(lines[1]["hints"], json!([]));
    assert!(run.stderr.contains("broken.ron"), "{}", run.stderr);
    sb.run(&["lint", "--strict", "missing.ron"]).code(2);
}

#[test]
fn config_turns_rules_off_for_every_canvas() {
    let sb = Sandbox::new();
    let real = sb.write("real.ron", REAL_WORLD);
    let config = sb.write(
        "config.ron",
        r#"(coach: (off: ["untested-top", "unquantified"]))"#,
    );
    let run = vpcanvas_with_config(
        &sb,
        &config,
        &["lint", real.to_str().unwrap(), "--format", "json"],
    );
    let v: Value = serde_json::from_str(run.lines().next().unwrap()).unwrap();
    let got = rules(&v);
    assert!(
        !got.contains(&"untested-top") && !got.contains(&"unquantified"),
        "{got:?}"
    );
    assert!(got.contains(&"vague"));
}

fn vpcanvas_with_config(sb: &Sandbox, config: &std::path::Path, args: &[&str]) -> String {
    let out = sb
        .cmd()
        .env("VPCANVAS_CONFIG", config)
        .args(args)
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn dismissals_round_trip_through_the_file() {
    use vpcanvas::canvas::file::{parse, to_ron};
    let canvas = parse(FIXED).expect("parses").canvas;
    let chasing = canvas.item(5).expect("item 5");
    assert_eq!(chasing.dismissed, ["unquantified"]);
    let again = parse(&to_ron(&canvas)).expect("parses").canvas;
    assert_eq!(again, canvas);
    assert!(to_ron(&canvas).contains(r#"dismissed: ["unquantified"]"#));
}

/// `export` leaves out what `lint` leaves out: the rules `config.ron` turns
/// off (here found where a user keeps it, under `XDG_CONFIG_HOME`) and the
/// hints dismissed on an item, in the HTML report (the Markdown has no hints).
#[test]
fn exports_leave_out_rules_off_in_the_config_and_dismissed_hints() {
    let sb = Sandbox::new();
    let real = sb.write("real.ron", REAL_WORLD);
    let fixed = sb.write("fixed.ron", FIXED);
    let export = |config: bool, file: &std::path::Path, format: &str| {
        let xdg = sb.path().join("xdg");
        if config {
            std::fs::create_dir_all(xdg.join("vpcanvas")).unwrap();
            std::fs::write(
                xdg.join("vpcanvas/config.ron"),
                r#"(coach: (off: ["unquantified"]))"#,
            )
            .unwrap();
        } else {
            let _ = std::fs::remove_dir_all(&xdg);
        }
        let out = sb
            .cmd()
            .env("XDG_CONFIG_HOME", &xdg)
            .args(["export", file.to_str().unwrap(), "--format", format])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    // The Markdown is the canvas without the coach's advice, config or not.
    for config in [false, true] {
        let md = export(config, &real, "md");
        assert!(
            !md.contains("## Coach") && !md.contains("(`vague`)"),
            "{md}"
        );
    }
    // Without the config both rules speak in the report.
    let html = export(false, &real, "html");
    assert!(html.contains("Add a number") && html.contains("Vague claims"));
    // With it, `unquantified` is gone and the rest stays.
    let html = export(true, &real, "html");
    assert!(!html.contains("unquantified") && !html.contains("Add a number"));
    assert!(html.contains("Vague claims"));
    // "Chasing clients every week" has its `unquantified` dismissed: the
    // fixed canvas has nothing left to say.
    let out = export(false, &fixed, "html");
    assert!(!out.contains("Chasing clients every week:"), "{out}");
    assert!(
        !out.contains("Coach") && !out.contains("Add a number"),
        "{out}"
    );
}

//! The verdict in `check` and the documents: the founder's landing page.

use crate::canvas::Canvas;
use crate::coach::RuleSet;
use crate::export::{Format, check_json, check_text};
use crate::fit::analyze;

/// Two statements on a landing page: 30 of 400 and 8 of 380 signed up.
pub(crate) const LANDING: &str = r#"(
    version: 3,
    title: "Invoicing",
    customer: (jobs: [], pains: [(id: 1, text: "Clients pay late", severity: Extreme)], gains: []),
    value_map: (products: [], relievers: [], creators: []),
    statements: [(id: 7, name: "Paid on time", text: "Get paid on time"), (id: 8, name: "Less <admin>", text: "Less admin")],
    tests: [
        (id: 9, name: "Landing page A/B", believe: "", verify: "", measure: "", right_if: "", items: [1], statements: [7, 8], state: Done, target: 0.05,
         results: [(statement: 7, shown: 400, converted: 30), (statement: 8, shown: 380, converted: 8)]),
        (id: 10, name: "Unmeasured", believe: "", verify: "", measure: "", right_if: "", items: [], statements: [], state: Planned),
    ],
)"#;

fn landing() -> Canvas {
    crate::canvas::file::parse(LANDING)
        .unwrap_or_else(|e| panic!("{e}"))
        .canvas
}

const VERDICT: &str = "Paid on time beats Less <admin>: more than 99.9% likely (7.5% vs 2.1%). \
                       Paid on time reaches the 5% target: 99% likely";

#[test]
fn check_text_prints_each_measured_tests_verdict_and_variants() {
    let c = landing();
    let text = check_text("f.ron", &c, &analyze(&c));
    assert!(
        text.contains(&format!("  Test \"Landing page A/B\" (Done): {VERDICT}\n")),
        "{text}"
    );
    assert!(
        text.contains(
            "    Paid on time: 30 of 400 · 7.5% (5.3% to 10.5%) · best more than 99.9% likely\n"
        ),
        "{text}"
    );
    assert!(!text.contains("Unmeasured"), "{text}");
}

#[test]
fn check_json_lists_measured_tests_with_the_spec_keys() {
    let c = landing();
    let value = check_json("f.ron", &c, &analyze(&c));
    let tests = value["tests"]
        .as_array()
        .unwrap_or_else(|| panic!("{value}"));
    assert_eq!(tests.len(), 1, "only the measured test");
    let t = &tests[0];
    let keys: Vec<&str> = t
        .as_object()
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(
        keys,
        [
            "id",
            "name",
            "state",
            "variants",
            "decided",
            "winner",
            "p_target",
            "more_needed"
        ]
    );
    assert_eq!(t["id"], 9);
    assert_eq!(t["state"], "Done");
    assert_eq!(t["decided"], true);
    assert_eq!(t["winner"]["statement"], 7);
    assert!(t["more_needed"].is_null());
    let p_target = t["p_target"].as_f64().unwrap_or(0.0);
    assert!((p_target - 0.988).abs() < 1e-3, "{p_target}");
    let a = &t["variants"][0];
    let keys: Vec<&str> = a
        .as_object()
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(
        keys,
        [
            "statement",
            "shown",
            "converted",
            "rate",
            "low",
            "high",
            "p_best"
        ]
    );
    assert_eq!(a["shown"], 400);
    assert_eq!(a["converted"], 30);
    assert_eq!(a["rate"], 0.075);
    let low = a["low"].as_f64().unwrap_or(0.0);
    assert!((low - 0.0531).abs() < 1e-4, "{low}");
}

#[test]
fn documents_print_the_verdict() {
    let c = landing();
    let text = crate::export::plain_text(&c);
    assert!(text.contains(&format!("  Verdict: {VERDICT}\n")), "{text}");
    let md = crate::export::markdown(&c);
    assert!(
        md.contains("- **Verdict:** Paid on time beats Less \\<admin\\>"),
        "{md}"
    );
}

#[test]
fn the_report_charts_the_rates_with_their_intervals_escaped() {
    let c = landing();
    let html = String::from_utf8(
        Format::Html
            .render(&c, RuleSet::EMPTY)
            .unwrap_or_else(|e| panic!("{e}")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(html.contains("<b>Verdict:</b> Paid on time beats Less &lt;admin&gt;"));
    let chart = html
        .split("<svg class=\"verdict-chart\"")
        .nth(1)
        .and_then(|rest| rest.split("</svg>").next())
        .unwrap_or_else(|| panic!("no chart in {html}"));
    assert!(chart.contains(">Less &lt;admin&gt;</text>"), "{chart}");
    assert!(!chart.contains("<admin>"), "{chart}");
    assert!(chart.contains(">7.5%</text>") && chart.contains(">2.1%</text>"));
    assert!(chart.contains("class=\"target\""), "{chart}");
    assert_eq!(chart.matches("class=\"interval\"").count(), 2);
}

/// A text of a chart and its box.
type Label = (String, [f64; 4]);

/// A chart's texts as boxes (left, top, right, bottom), their widths
/// estimated at 0.6 of the 11-unit font per character, and its target line's
/// x, top and bottom.
fn chart_geometry(chart: &str) -> (Vec<Label>, Option<[f64; 3]>) {
    let attr = |tag: &str, name: &str| -> Option<f64> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        tag[at..].split('"').next()?.parse().ok()
    };
    let mut texts = Vec::new();
    for piece in chart.split("<text").skip(1) {
        let (tag, rest) = piece.split_once('>').unwrap_or_default();
        let words = rest.split("</text>").next().unwrap_or_default().to_owned();
        let (x, y) = (attr(tag, "x").unwrap_or(0.0), attr(tag, "y").unwrap_or(0.0));
        let width = words.chars().count() as f64 * 6.6;
        let left = if tag.contains("\"end\"") {
            x - width
        } else if tag.contains("\"middle\"") {
            x - width / 2.0
        } else {
            x
        };
        texts.push((words, [left, y - 9.0, left + width, y + 2.0]));
    }
    let target = chart.split("class=\"target\" d=\"M").nth(1).and_then(|d| {
        let (x, rest) = d.split_once(' ')?;
        let (top, rest) = rest.split_once('V')?;
        let bottom = rest.split('"').next()?;
        Some([x.parse().ok()?, top.parse().ok()?, bottom.parse().ok()?])
    });
    (texts, target)
}

fn chart_of(c: &Canvas) -> String {
    let verdict = crate::verdict::of(&c.tests[0]);
    super::chart_svg(c, &verdict, &|s: &str| s.to_owned())
}

#[test]
fn no_label_of_the_chart_is_crossed_by_the_target_or_by_another_label() {
    for target in [0.05, 0.01, 0.2] {
        let mut c = landing();
        c.tests[0].target = crate::canvas::Rate::new(target);
        let chart = chart_of(&c);
        let (texts, line) = chart_geometry(&chart);
        let [x, top, bottom] = line.unwrap_or_else(|| panic!("no target line: {chart}"));
        for (words, [l, t, r, b]) in &texts {
            assert!(
                !(*l < x && x < *r && *t < bottom && top < *b),
                "the target line at {x} crosses “{words}”: {chart}"
            );
        }
        for (i, (a, [l1, t1, r1, b1])) in texts.iter().enumerate() {
            for (b, [l2, t2, r2, b2]) in &texts[i + 1..] {
                let apart = r1 <= l2 || r2 <= l1 || b1 <= t2 || b2 <= t1;
                assert!(apart, "“{a}” and “{b}” overlap: {chart}");
            }
        }
    }
}

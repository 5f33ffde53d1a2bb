//! What measured tests' numbers support (SPEC §13), rendered for `check`
//! (text and JSON), the documents and the HTML report: one computation
//! ([`crate::verdict::of`]), many renderings.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::canvas::{Canvas, TestCard, Variant};
use crate::verdict::{self, Verdict};

use super::{one_line, variant_name};

/// The tests that hold results, in the file's order.
pub fn measured(canvas: &Canvas) -> impl Iterator<Item = &TestCard> {
    canvas.tests.iter().filter(|t| !t.results.is_empty())
}

/// A test's verdict in plain words, variants named as readers know them.
pub fn verdict_words(canvas: &Canvas, verdict: &Verdict) -> String {
    verdict.words(&|v: &Variant| variant_name(canvas, v))
}

/// One variant as a line: "Plain: 30 of 400 · 7.5% (5.3% to 10.5%) · best
/// 99.9% likely".
pub fn variant_line(canvas: &Canvas, verdict: &Verdict, index: usize) -> String {
    let v = &verdict.variants[index];
    let mut line = format!(
        "{}: {} of {} · {} ({} to {})",
        variant_name(canvas, &v.variant),
        verdict::thousands(v.converted),
        verdict::thousands(v.shown),
        verdict::percent(v.rate),
        verdict::percent(v.low),
        verdict::percent(v.high)
    );
    if verdict.variants.len() > 1 {
        let _ = write!(line, " · best {} likely", verdict::likely(v.p_best));
    }
    line
}

/// `check`'s text for the measured tests: each test's verdict, then its
/// variants. Empty when no test holds results.
pub fn check_verdicts_text(canvas: &Canvas) -> String {
    let mut out = String::new();
    for test in measured(canvas) {
        let verdict = verdict::of(test);
        let _ = writeln!(
            out,
            "  Test \"{}\" ({}): {}",
            one_line(&test.name),
            test.state.name(),
            verdict_words(canvas, &verdict)
        );
        for i in 0..verdict.variants.len() {
            let _ = writeln!(out, "    {}", variant_line(canvas, &verdict, i));
        }
    }
    out
}

/// A variant as JSON names it: `{"statement": 7}` or `{"label": "…"}`.
fn variant_key(variant: &Variant) -> (&'static str, Value) {
    match variant {
        Variant::Statement(id) => ("statement", json!(id)),
        Variant::Label(label) => ("label", json!(label)),
    }
}

/// `check --format json`'s `tests`: each measured test with its verdict
/// (SPEC §13 keys).
pub fn check_verdicts_json(canvas: &Canvas) -> Value {
    measured(canvas).map(test_json).collect()
}

fn test_json(test: &TestCard) -> Value {
    let verdict = verdict::of(test);
    let variants: Vec<Value> = verdict
        .variants
        .iter()
        .map(|v| {
            let (key, id) = variant_key(&v.variant);
            let mut map = serde_json::Map::new();
            map.insert(key.to_owned(), id);
            map.insert("shown".into(), v.shown.into());
            map.insert("converted".into(), v.converted.into());
            map.insert("rate".into(), v.rate.into());
            map.insert("low".into(), v.low.into());
            map.insert("high".into(), v.high.into());
            map.insert("p_best".into(), v.p_best.into());
            Value::Object(map)
        })
        .collect();
    let winner = verdict.winner().map_or(Value::Null, |w| {
        let (key, id) = variant_key(&verdict.variants[w].variant);
        json!({ key: id })
    });
    let more_needed = match verdict.decision {
        verdict::Decision::Open { more_needed } => json!(more_needed),
        _ => Value::Null,
    };
    json!({
        "id": test.id,
        "name": test.name,
        "state": test.state.name(),
        "variants": variants,
        "decided": verdict.winner().is_some(),
        "winner": winner,
        "p_target": verdict.p_target,
        "more_needed": more_needed,
    })
}

/// The HTML report's small chart of a test's rates with their 95%
/// intervals: a row per variant, a bar to the rate, a whisker across the
/// interval and its rate in a column at the right; with a target, a dashed
/// line at it, named above the rows, so it crosses no label. Inline SVG,
/// scaled to the highest interval so that small rates are still readable.
/// Names are escaped by `esc` (the report's one sanitiser).
pub fn chart_svg(canvas: &Canvas, verdict: &Verdict, esc: &dyn Fn(&str) -> String) -> String {
    let n = verdict.variants.len() as f64;
    let top = if verdict.target.is_some() {
        CHART_TOP
    } else {
        0.0
    };
    let height = top + CHART_ROW * (n + 1.0);
    let scale = chart_scale(verdict);
    let x = |rate: f64| CHART_LABEL + CHART_PLOT * (rate / scale).clamp(0.0, 1.0);
    let mut o = format!(
        "<svg class=\"verdict-chart\" viewBox=\"0 0 {CHART_WIDTH} {height}\" width=\"{CHART_WIDTH}\" height=\"{height}\" role=\"img\" aria-label=\"conversion rates with 95% intervals\">\n"
    );
    for (i, v) in verdict.variants.iter().enumerate() {
        let y = top + CHART_ROW * i as f64;
        let name = crate::text::truncate(&variant_name(canvas, &v.variant), 18);
        let winner = verdict.winner() == Some(i);
        let _ = writeln!(
            o,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\"{}>{}</text>",
            CHART_LABEL - 6.0,
            y + 12.5,
            if winner { " font-weight=\"bold\"" } else { "" },
            esc(&name)
        );
        let _ = writeln!(
            o,
            "<rect class=\"rate\" x=\"{CHART_LABEL}\" y=\"{:.1}\" width=\"{:.1}\" height=\"10\"/>",
            y + 4.0,
            x(v.rate) - CHART_LABEL
        );
        let _ = writeln!(
            o,
            "<path class=\"interval\" d=\"M{lo:.1} {mid:.1}H{hi:.1}M{lo:.1} {a:.1}V{b:.1}M{hi:.1} {a:.1}V{b:.1}\"/>",
            lo = x(v.low),
            hi = x(v.high),
            mid = y + 9.0,
            a = y + 4.0,
            b = y + 14.0
        );
        let _ = writeln!(
            o,
            "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            CHART_LABEL + CHART_PLOT + 8.0,
            y + 12.5,
            verdict::percent(v.rate)
        );
    }
    let axis = top + CHART_ROW * n;
    let _ = writeln!(
        o,
        "<path class=\"axis\" d=\"M{CHART_LABEL} {axis:.1}H{:.1}\"/>\n<text x=\"{CHART_LABEL}\" y=\"{:.1}\">0%</text>\n<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
        CHART_LABEL + CHART_PLOT,
        axis + 13.0,
        CHART_LABEL + CHART_PLOT,
        axis + 13.0,
        crate::verdict::short_percent(scale)
    );
    if let Some(target) = verdict.target {
        let _ = writeln!(
            o,
            "<path class=\"target\" d=\"M{t:.1} {:.1}V{axis:.1}\"/>\n<text x=\"{t:.1}\" y=\"{:.1}\" text-anchor=\"middle\">target {}</text>",
            top - 2.0,
            top - 4.0,
            crate::verdict::short_percent(target),
            t = x(target)
        );
    }
    o.push_str("</svg>\n");
    o
}

/// The chart's geometry, in its own units (the report's CSS scales it).
const CHART_ROW: f64 = 18.0;
const CHART_LABEL: f64 = 120.0;
const CHART_PLOT: f64 = 220.0;
const CHART_WIDTH: f64 = CHART_LABEL + CHART_PLOT + 60.0;
/// Room above the rows for the target's name.
const CHART_TOP: f64 = 14.0;

/// The chart's scale: the next round 1, 2 or 5 step above every interval
/// and the target.
fn chart_scale(verdict: &Verdict) -> f64 {
    let top = verdict
        .variants
        .iter()
        .map(|v| v.high)
        .chain(verdict.target)
        .fold(0.0_f64, f64::max)
        .max(0.01);
    [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0]
        .into_iter()
        .find(|s| *s >= top)
        .unwrap_or(1.0)
}

#[cfg(test)]
mod tests;

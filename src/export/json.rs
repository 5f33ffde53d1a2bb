//! JSON renderings: the whole canvas, and the fit report for `check`.

use serde_json::{Value, json};

use crate::canvas::file::level_word;
use crate::canvas::{Canvas, FORMAT_VERSION, Section};
use crate::fit::{FitReport, Flagged};

/// The canvas as JSON, mirroring the RON structure (level names as in RON).
pub fn canvas_json(canvas: &Canvas) -> String {
    let level = |s: Section, i: &crate::canvas::Item| level_word(s, i.level);
    let items = |s: Section, f: &dyn Fn(&crate::canvas::Item) -> Value| -> Value {
        Value::Array(canvas.items(s).iter().map(f).collect())
    };
    let value = json!({
        "version": FORMAT_VERSION,
        "title": canvas.title,
        "segment": canvas.segment,
        "alternatives": canvas.alternatives,
        "customer": {
            "jobs": items(Section::Jobs, &|i| json!({"id": i.id, "text": i.text, "kind": i.kind.name(), "importance": level(Section::Jobs, i)})),
            "pains": items(Section::Pains, &|i| json!({"id": i.id, "text": i.text, "severity": level(Section::Pains, i)})),
            "gains": items(Section::Gains, &|i| json!({"id": i.id, "text": i.text, "relevance": level(Section::Gains, i)})),
        },
        "value_map": {
            "products": items(Section::Products, &|i| json!({"id": i.id, "text": i.text, "jobs": i.links})),
            "relievers": items(Section::Relievers, &|i| json!({"id": i.id, "text": i.text, "pains": i.links})),
            "creators": items(Section::Creators, &|i| json!({"id": i.id, "text": i.text, "gains": i.links})),
        },
    });
    pretty(&value)
}

/// The fit report of one file as a JSON object (SPEC §4 keys).
pub fn check_json(file: &str, canvas: &Canvas, report: &FitReport) -> Value {
    let list = |v: &[Flagged]| serde_json::to_value(v).unwrap_or(Value::Null);
    json!({
        "file": file,
        "title": canvas.title,
        "pains_without_relievers": list(&report.pains_without_relievers),
        "gains_without_creators": list(&report.gains_without_creators),
        "relievers_without_pains": list(&report.relievers_without_pains),
        "creators_without_gains": list(&report.creators_without_gains),
        "jobs_without_products": list(&report.jobs_without_products),
        "coverage": {
            "pains": report.pains.ratio(),
            "gains": report.gains.ratio(),
        },
        "counts": {
            "pains": report.pains.total,
            "pains_relieved": report.pains.addressed,
            "gains": report.gains.total,
            "gains_created": report.gains.addressed,
        },
    })
}

pub fn pretty(value: &Value) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}

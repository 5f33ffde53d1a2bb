//! JSON renderings: the whole canvas, and the fit report for `check`.

use serde_json::{Value, json};

use crate::text::inert::json_inert;

use crate::canvas::file::level_word;
use crate::canvas::{Canvas, Item, Section};
use crate::fit::{FitReport, Flagged, Risk};

/// The canvas as JSON, mirroring the RON structure (level names as in RON;
/// version 2 fields only where the file would have them).
pub fn canvas_json(canvas: &Canvas) -> String {
    let level = |s: Section, i: &Item| level_word(s, i.level);
    let items = |s: Section, f: &dyn Fn(&Item) -> Value| -> Value {
        Value::Array(
            canvas
                .items(s)
                .iter()
                .map(|i| with_evidence(f(i), i))
                .collect(),
        )
    };
    let mut value = json!({
        "version": canvas.format_version(),
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
    if let Value::Object(map) = &mut value {
        let mut list = |name: &str, v: Value| {
            if v.as_array().is_some_and(|a| !a.is_empty()) {
                map.insert(name.to_owned(), v);
            }
        };
        list(
            "statements",
            serde_json::to_value(&canvas.statements).unwrap_or(Value::Null),
        );
        list(
            "tests",
            serde_json::to_value(&canvas.tests).unwrap_or(Value::Null),
        );
        list(
            "learnings",
            serde_json::to_value(&canvas.learnings).unwrap_or(Value::Null),
        );
        list(
            "conflicts",
            serde_json::to_value(&canvas.conflicts).unwrap_or(Value::Null),
        );
    }
    pretty(&value)
}

/// Adds an item's version 2 fields that are not at their defaults.
fn with_evidence(mut value: Value, item: &Item) -> Value {
    if let Value::Object(map) = &mut value {
        if item.status != crate::canvas::Status::Untested {
            map.insert("status".into(), item.status.name().into());
        }
        if !item.evidence.is_empty() {
            map.insert("evidence".into(), item.evidence.clone().into());
        }
        if !item.dismissed.is_empty() {
            map.insert("dismissed".into(), item.dismissed.clone().into());
        }
        if item.votes != 0 {
            map.insert("votes".into(), item.votes.into());
        }
        if let Some(ours) = item.ours {
            map.insert("ours".into(), ours.into());
        }
        if !item.theirs.is_empty() {
            let theirs: serde_json::Map<String, Value> = item
                .theirs
                .iter()
                .map(|(name, score)| (name.clone(), Value::from(*score)))
                .collect();
            map.insert("theirs".into(), theirs.into());
        }
    }
    value
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
        "coverage_evidenced": {
            "pains": report.pains_evidenced.ratio(),
            "gains": report.gains_evidenced.ratio(),
        },
        "test_next": risks(&report.test_next),
        "top_ranked_unvalidated": risks(&report.unproven_top),
        "conflicts": canvas.conflicts.iter().map(|c| json!({"ours": c.ours, "theirs": c.theirs})).collect::<Vec<_>>(),
        "counts": {
            "pains": report.pains.total,
            "pains_relieved": report.pains.addressed,
            "gains": report.gains.total,
            "gains_created": report.gains.addressed,
        },
    })
}

/// Risks as `{ "id", "section", "text" }`, section as the file names it.
fn risks(list: &[Risk]) -> Value {
    list.iter()
        .map(|r| json!({"id": r.id, "section": section_key(r.section), "text": r.text}))
        .collect()
}

/// A section's name as the file's field names it (`pains`, `relievers`, …).
pub fn section_key(section: Section) -> &'static str {
    match section {
        Section::Products => "products",
        Section::Creators => "creators",
        Section::Relievers => "relievers",
        Section::Gains => "gains",
        Section::Pains => "pains",
        Section::Jobs => "jobs",
    }
}

/// A JSON document, pretty, with every control character and bidi override
/// in its strings escaped ([`crate::text::inert::json_inert`]).
pub fn pretty(value: &Value) -> String {
    let s = serde_json::to_string_pretty(value).unwrap_or_default();
    let mut s = json_inert(&s).into_owned();
    s.push('\n');
    s
}

/// A JSON document on one line (as `check --format json` prints one per
/// file), escaped like `pretty`.
pub fn json_line(value: &Value) -> String {
    let mut s = json_inert(&value.to_string()).into_owned();
    s.push('\n');
    s
}

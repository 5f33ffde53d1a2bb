//! The JSON export written straight from the canvas must be, byte for byte,
//! what the tree of values it replaced (issue #26) gave.

#![allow(clippy::unwrap_used)]

use serde_json::{Value, json};

use super::canvas_json;
use crate::canvas::file::level_word;
use crate::canvas::{Canvas, Conflict, Item, Section, Status};

/// The Value-tree version, as it was: the canvas as JSON, mirroring the RON
/// structure (level names as in RON; version 2 fields only where the file
/// would have them).
fn old_canvas_json(canvas: &Canvas) -> String {
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
    super::pretty(&value)
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

#[test]
fn the_streamed_json_is_the_tree_of_values_json() {
    let mut canvases = vec![Canvas::new(""), crate::canvas::changes::generated(400, 5)];
    for example in [
        include_str!("../../../assets/examples/invoicing.ron"),
        include_str!("../../../assets/examples/meals.ron"),
    ] {
        canvases.push(crate::canvas::file::parse(example).unwrap().canvas);
    }
    let mut full = crate::canvas::changes::generated(60, 2);
    let pain = full.items(Section::Pains)[0].id;
    let job = full.items(Section::Jobs)[0].id;
    full.set_status(pain, Status::Invalidated);
    full.set_evidence(pain, vec!["Heard in 3 interviews \u{1b}[2J".into()]);
    full.set_dismissed(job, "unquantified", true);
    full.add_statement("A \u{202e}", "For designers who \"hate\" chasing");
    full.alternatives = vec!["Spreadsheets".into(), "Hiring \u{1b}".into(), String::new()];
    full.set_votes(pain, 7);
    full.set_score(pain, None, Some(8));
    full.set_score(pain, Some("Spreadsheets"), Some(2));
    full.set_score(job, Some("Hiring \u{1b}"), Some(6));
    full.conflicts.push(Conflict {
        ours: pain,
        theirs: job,
    });
    canvases.push(full);
    for c in &canvases {
        assert_eq!(canvas_json(c), old_canvas_json(c), "{}", c.title);
    }
}

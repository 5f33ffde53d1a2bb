//! A [`CanvasDiff`] as text for a terminal or a pager, JSON for tools and
//! Markdown for a pull request. Canvas text in the text form goes through
//! the one sanitiser; JSON escapes controls itself; Markdown is escaped.

use std::fmt::Write as _;

use serde_json::{Value as Json, json};

use super::entity::{Field, Group};
use super::{CanvasDiff, Change, EntityChange, Entry, FieldChange, Ref, Shift};
use crate::export::{link_verb, md_escape, one_line};
use crate::fit::Flagged;
use crate::text::inert::json_inert;

/// The forms `diff` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// Readable text, for a terminal or git's pager.
    Text,
    /// JSON, for tools.
    Json,
    /// Markdown, for a pull request.
    Md,
}

/// Renders a diff; `old` and `new` name the two versions in the heading.
pub fn render(diff: &CanvasDiff, format: DiffFormat, old: &str, new: &str) -> String {
    match format {
        DiffFormat::Text => text(diff, old, new),
        DiffFormat::Json => json_text(diff, old, new),
        DiffFormat::Md => markdown(diff, old, new),
    }
}

fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn shift_words(s: Shift) -> String {
    if s.changed() {
        format!("{} → {}", percent(s.old), percent(s.new))
    } else {
        format!("{} (unchanged)", percent(s.old))
    }
}

/// The word for a field in a change line ("severity", "relieves", …).
fn field_word(group: Group, field: Field) -> String {
    match (field, group) {
        (Field::Links, Group::Item(s)) => link_verb(s).to_owned(),
        (Field::Items, _) => "tests".to_owned(),
        (Field::Statements, _) => "tests statements".to_owned(),
        (Field::Validated, _) => "validates".to_owned(),
        (Field::Invalidated, _) => "invalidates".to_owned(),
        (Field::Ours, _) => "our score".to_owned(),
        (Field::Theirs, _) => "score for".to_owned(),
        (Field::Results, _) => "result for".to_owned(),
        (f, g) => f.key(g).to_owned(),
    }
}

/// "score for Spreadsheets: 2 → 4", one line per key (`added`: the new value only).
fn entry_lines(group: Group, field: Field, changed: &[Entry], added: bool) -> Vec<String> {
    let word = field_word(group, field);
    changed
        .iter()
        .map(|e| {
            if added {
                format!("{word} {}: {}", one_line(&e.key), safe(&e.new))
            } else {
                format!(
                    "{word} {}: {} → {}",
                    one_line(&e.key),
                    safe(&e.old),
                    safe(&e.new)
                )
            }
        })
        .collect()
}

fn quoted_list(notes: &[String]) -> String {
    notes
        .iter()
        .map(|n| quoted(&one_line(n)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The flag lists with their headings, in the order they are told.
fn flag_lists(diff: &CanvasDiff) -> [(&'static str, &[Flagged]); 4] {
    let f = &diff.fit;
    [
        ("now unrelieved", &f.now_unrelieved),
        ("now without a gain creator", &f.now_uncreated),
        ("now relieved", &f.now_relieved),
        ("now created", &f.now_created),
    ]
}

// ---------------------------------------------------------------------------
// Text

/// A value on one line with its hazards shown inert (`\u{1b}`), as every
/// command shows them: the one sanitiser, not blanks that hide what is there.
fn safe(s: &str) -> String {
    one_line(s)
}

fn quoted(s: &str) -> String {
    format!("\"{}\"", safe(s))
}

fn refs_text(refs: &[Ref]) -> String {
    refs.iter()
        .map(|r| format!("[{}] {}", r.id, one_line(&r.text)))
        .collect::<Vec<_>>()
        .join("; ")
}

fn field_lines(group: Group, fields: &[FieldChange], added: bool) -> Vec<String> {
    fields
        .iter()
        .flat_map(|f| match f {
            FieldChange::Value { field, new, .. } if added => {
                vec![format!("{}: {}", field_word(group, *field), safe(new))]
            }
            FieldChange::Value { field, old, new } => vec![format!(
                "{}: {} → {}",
                field_word(group, *field),
                quoted_if_text(*field, old),
                quoted_if_text(*field, new)
            )],
            FieldChange::Refs {
                field,
                added,
                removed,
            } => {
                let word = field_word(group, *field);
                let mut lines = Vec::new();
                if !added.is_empty() {
                    lines.push(format!("{word} now: {}", refs_text(added)));
                }
                if !removed.is_empty() {
                    lines.push(format!("no longer {word}: {}", refs_text(removed)));
                }
                lines
            }
            FieldChange::Notes {
                field,
                added,
                removed,
            } => {
                let word = field_word(group, *field);
                let mut lines = Vec::new();
                if !added.is_empty() {
                    lines.push(format!("{word} added: {}", quoted_list(added)));
                }
                if !removed.is_empty() {
                    lines.push(format!("{word} removed: {}", quoted_list(removed)));
                }
                lines
            }
            FieldChange::Entries { field, changed } => entry_lines(group, *field, changed, added),
        })
        .collect()
}

fn quoted_if_text(field: Field, s: &str) -> String {
    if field == Field::Text {
        quoted(s)
    } else {
        safe(s)
    }
}

fn text(diff: &CanvasDiff, old: &str, new: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "vpcanvas diff {} → {}", safe(old), safe(new));
    if diff.is_empty() {
        out.push_str("No changes to the canvas.\n");
        return out;
    }
    if let Some((o, n)) = &diff.title {
        let _ = writeln!(out, "Title: {} → {}", quoted(o), quoted(n));
    }
    if let Some((o, n)) = &diff.segment {
        let _ = writeln!(out, "Segment: {} → {}", quoted(o), quoted(n));
    }
    for a in &diff.alternatives_added {
        let _ = writeln!(out, "Alternative added: {}", quoted(a));
    }
    for a in &diff.alternatives_removed {
        let _ = writeln!(out, "Alternative removed: {}", quoted(a));
    }
    let mut group = None;
    for c in &diff.changes {
        if group != Some(c.group) {
            group = Some(c.group);
            let _ = writeln!(out, "\n{}", c.group.title());
        }
        text_change(&mut out, c);
    }
    if !diff.conflicts_added.is_empty() || !diff.conflicts_removed.is_empty() {
        let _ = writeln!(out, "\nMerge conflicts");
    }
    for (o, t) in &diff.conflicts_added {
        let _ = writeln!(
            out,
            "  open: ours {} and theirs {} (keep ours, theirs or both in the editor)",
            refs_text(std::slice::from_ref(o)),
            refs_text(std::slice::from_ref(t))
        );
    }
    for (o, t) in &diff.conflicts_removed {
        let _ = writeln!(
            out,
            "  resolved: ours {} and theirs {}",
            refs_text(std::slice::from_ref(o)),
            refs_text(std::slice::from_ref(t))
        );
    }
    let f = &diff.fit;
    let _ = writeln!(out, "\nFit");
    let _ = writeln!(out, "  pains relieved: {}", shift_words(f.pains));
    let _ = writeln!(out, "  gains created: {}", shift_words(f.gains));
    let _ = writeln!(
        out,
        "  with evidence: pains {}, gains {}",
        shift_words(f.pains_evidenced),
        shift_words(f.gains_evidenced)
    );
    for (heading, list) in flag_lists(diff) {
        if !list.is_empty() {
            let items = list
                .iter()
                .map(|f| quoted(&one_line(&f.text)))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(out, "  {heading}: {items}");
        }
    }
    out
}

fn text_change(out: &mut String, c: &EntityChange) {
    let label = one_line(&c.label);
    let (mark, details) = match &c.change {
        Change::Added { rank, fields } => {
            let mut d = vec![format!("added at rank {rank}")];
            d.extend(field_lines(c.group, fields, true));
            ("+", d)
        }
        Change::Removed { rank } => ("-", vec![format!("removed from rank {rank}")]),
        Change::Changed { fields, moved } => {
            let mut d = field_lines(c.group, fields, false);
            if let Some((o, n)) = moved {
                d.push(format!("moved: rank {o} → {n}"));
            }
            ("~", d)
        }
    };
    let _ = writeln!(out, "  {mark} [{}] {label}", c.id);
    for d in details {
        let _ = writeln!(out, "      {d}");
    }
}

// ---------------------------------------------------------------------------
// JSON

fn refs_json(refs: &[Ref]) -> Json {
    refs.iter()
        .map(|r| json!({ "id": r.id, "text": r.text }))
        .collect()
}

fn fields_json(group: Group, fields: &[FieldChange]) -> Json {
    let mut map = serde_json::Map::new();
    for f in fields {
        match f {
            FieldChange::Value { field, old, new } => {
                map.insert(
                    field.key(group).to_owned(),
                    json!({ "old": old, "new": new }),
                );
            }
            FieldChange::Refs {
                field,
                added,
                removed,
            } => {
                map.insert(
                    field.key(group).to_owned(),
                    json!({ "added": refs_json(added), "removed": refs_json(removed) }),
                );
            }
            FieldChange::Notes {
                field,
                added,
                removed,
            } => {
                map.insert(
                    field.key(group).to_owned(),
                    json!({ "added": added, "removed": removed }),
                );
            }
            FieldChange::Entries { field, changed } => {
                let entries: serde_json::Map<String, Json> = changed
                    .iter()
                    .map(|e| (e.key.clone(), json!({ "old": e.old, "new": e.new })))
                    .collect();
                map.insert(field.key(group).to_owned(), Json::Object(entries));
            }
        }
    }
    Json::Object(map)
}

fn conflicts_json(pairs: &[(Ref, Ref)]) -> Json {
    pairs
        .iter()
        .map(|(o, t)| {
            json!({
                "ours": { "id": o.id, "text": o.text },
                "theirs": { "id": t.id, "text": t.text },
            })
        })
        .collect()
}

/// The JSON document as text, with each change turned into JSON and
/// written one at a time: a tree of every change at once took gigabytes for
/// two large canvases. The bytes are those of the whole tree written at once,
/// each piece escaped as every JSON document is ([`json_inert`]): what
/// `serde_json` leaves raw (C1, bidi, zero-width, U+2028) would otherwise be
/// shown as `\u{9b}` by the printer, which no JSON reader accepts.
fn json_text(diff: &CanvasDiff, old: &str, new: &str) -> String {
    let Json::Object(top) = json(diff, old, new) else {
        return String::new();
    };
    let mut out = String::from("{");
    for (n, (key, value)) in top.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(&json_inert(&Json::String(key.clone()).to_string()));
        out.push(':');
        if key == "changes" {
            out.push('[');
            for (i, c) in diff.changes.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&json_inert(&change_json(c).to_string()));
            }
            out.push(']');
        } else {
            out.push_str(&json_inert(&value.to_string()));
        }
    }
    out.push_str("}\n");
    out
}

/// One entity's change as JSON.
fn change_json(c: &EntityChange) -> Json {
    let base = json!({ "section": c.group.key(), "id": c.id, "text": c.label });
    let mut obj = match base {
        Json::Object(m) => m,
        _ => serde_json::Map::new(),
    };
    match &c.change {
        Change::Added { rank, fields } => {
            obj.insert("change".into(), "added".into());
            obj.insert("rank".into(), (*rank).into());
            obj.insert("fields".into(), fields_json(c.group, fields));
        }
        Change::Removed { rank } => {
            obj.insert("change".into(), "removed".into());
            obj.insert("rank".into(), (*rank).into());
        }
        Change::Changed { fields, moved } => {
            obj.insert("change".into(), "changed".into());
            obj.insert("fields".into(), fields_json(c.group, fields));
            obj.insert(
                "moved".into(),
                moved.map_or(Json::Null, |(o, n)| json!({ "old": o, "new": n })),
            );
        }
    }
    Json::Object(obj)
}

/// The document without its changes (an empty list in their place).
fn json(diff: &CanvasDiff, old: &str, new: &str) -> Json {
    let pair = |p: &Option<(String, String)>| match p {
        Some((o, n)) => json!({ "old": o, "new": n }),
        None => Json::Null,
    };
    // Filled in by `json_text`, one change at a time.
    let changes: Vec<Json> = Vec::new();
    let flagged = |l: &[Flagged]| -> Json {
        l.iter()
            .map(|f| json!({ "id": f.id, "text": f.text }))
            .collect()
    };
    let f = &diff.fit;
    json!({
        "old": old,
        "new": new,
        "changed": !diff.is_empty(),
        "title": pair(&diff.title),
        "segment": pair(&diff.segment),
        "alternatives": { "added": diff.alternatives_added, "removed": diff.alternatives_removed },
        "changes": changes,
        "coverage": {
            "pains": { "old": f.pains.old, "new": f.pains.new },
            "gains": { "old": f.gains.old, "new": f.gains.new },
        },
        "coverage_evidenced": {
            "pains": { "old": f.pains_evidenced.old, "new": f.pains_evidenced.new },
            "gains": { "old": f.gains_evidenced.old, "new": f.gains_evidenced.new },
        },
        "conflicts": {
            "added": conflicts_json(&diff.conflicts_added),
            "removed": conflicts_json(&diff.conflicts_removed),
        },
        "flags": {
            "now_unrelieved": flagged(&f.now_unrelieved),
            "now_relieved": flagged(&f.now_relieved),
            "now_without_creator": flagged(&f.now_uncreated),
            "now_created": flagged(&f.now_created),
        },
    })
}

// ---------------------------------------------------------------------------
// Markdown

fn md(s: &str) -> String {
    md_escape(&one_line(s))
}

fn markdown(diff: &CanvasDiff, old: &str, new: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "### Canvas changes: {} → {}", md(old), md(new));
    out.push('\n');
    if diff.is_empty() {
        out.push_str("No changes to the canvas.\n");
        return out;
    }
    if let Some((o, n)) = &diff.title {
        let _ = writeln!(out, "- **Title:** {} → {}", md(o), md(n));
    }
    if let Some((o, n)) = &diff.segment {
        let _ = writeln!(out, "- **Segment:** {} → {}", md(o), md(n));
    }
    for a in &diff.alternatives_added {
        let _ = writeln!(out, "- **Alternative added:** {}", md(a));
    }
    for a in &diff.alternatives_removed {
        let _ = writeln!(out, "- **Alternative removed:** {}", md(a));
    }
    let mut group = None;
    for c in &diff.changes {
        if group != Some(c.group) {
            group = Some(c.group);
            if !out.ends_with("\n\n") {
                out.push('\n');
            }
            let _ = writeln!(out, "#### {}\n", c.group.title());
        }
        let label = md(&c.label);
        let line = match &c.change {
            Change::Added { rank, fields } => {
                let mut d = vec![format!("rank {rank}")];
                d.extend(md_fields(c.group, fields, true));
                format!("**added** {label} _({})_", d.join("; "))
            }
            Change::Removed { rank } => format!("**removed** ~~{label}~~ _(was rank {rank})_"),
            Change::Changed { fields, moved } => {
                let mut d = md_fields(c.group, fields, false);
                if let Some((o, n)) = moved {
                    d.push(format!("moved from rank {o} to {n}"));
                }
                format!("**changed** {label}: {}", d.join("; "))
            }
        };
        let _ = writeln!(out, "- {line}");
    }
    md_conflicts_and_fit(&mut out, diff);
    out
}

/// The Markdown tail: open and resolved conflicts, and the fit before and after.
fn md_conflicts_and_fit(out: &mut String, diff: &CanvasDiff) {
    if !diff.conflicts_added.is_empty() || !diff.conflicts_removed.is_empty() {
        let _ = writeln!(out, "\n#### Merge conflicts\n");
    }
    for (o, t) in &diff.conflicts_added {
        let _ = writeln!(
            out,
            "- **open:** ours {} / theirs {}",
            md(&o.text),
            md(&t.text)
        );
    }
    for (o, t) in &diff.conflicts_removed {
        let _ = writeln!(
            out,
            "- **resolved:** ours {} / theirs {}",
            md(&o.text),
            md(&t.text)
        );
    }
    let f = &diff.fit;
    let _ = writeln!(out, "\n#### Fit\n");
    let _ = writeln!(out, "| | before | after |\n|---|---|---|");
    let _ = writeln!(
        out,
        "| Pains relieved | {} | {} |",
        percent(f.pains.old),
        percent(f.pains.new)
    );
    let _ = writeln!(
        out,
        "| Gains created | {} | {} |",
        percent(f.gains.old),
        percent(f.gains.new)
    );
    let _ = writeln!(
        out,
        "| Pains relieved, with evidence | {} | {} |",
        percent(f.pains_evidenced.old),
        percent(f.pains_evidenced.new)
    );
    let _ = writeln!(
        out,
        "| Gains created, with evidence | {} | {} |",
        percent(f.gains_evidenced.old),
        percent(f.gains_evidenced.new)
    );
    let lists: Vec<_> = flag_lists(diff)
        .into_iter()
        .filter(|(_, l)| !l.is_empty())
        .collect();
    if !lists.is_empty() {
        out.push('\n');
    }
    for (heading, list) in lists {
        let items = list
            .iter()
            .map(|f| md(&f.text))
            .collect::<Vec<_>>()
            .join("; ");
        let mut h = heading.to_owned();
        if let Some(first) = h.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        let _ = writeln!(out, "- **{h}:** {items}");
    }
}

fn md_fields(group: Group, fields: &[FieldChange], added: bool) -> Vec<String> {
    fields
        .iter()
        .map(|f| match f {
            FieldChange::Value { field, new, .. } if added => {
                format!("{}: {}", field_word(group, *field), md(new))
            }
            FieldChange::Value { field, old, .. } if *field == Field::Text => {
                format!("text was “{}”", md(old))
            }
            FieldChange::Value { field, old, new } => {
                format!("{} {} → {}", field_word(group, *field), md(old), md(new))
            }
            FieldChange::Refs {
                field,
                added,
                removed,
            } => {
                let word = field_word(group, *field);
                let names =
                    |r: &[Ref]| r.iter().map(|r| md(&r.text)).collect::<Vec<_>>().join(", ");
                match (added.is_empty(), removed.is_empty()) {
                    (false, true) => format!("{word} now {}", names(added)),
                    (true, false) => format!("no longer {word} {}", names(removed)),
                    _ => format!("{word} now {}, no longer {}", names(added), names(removed)),
                }
            }
            FieldChange::Notes {
                field,
                added,
                removed,
            } => {
                let word = field_word(group, *field);
                let list = |n: &[String]| n.iter().map(|x| md(x)).collect::<Vec<_>>().join("; ");
                match (added.is_empty(), removed.is_empty()) {
                    (false, true) => format!("{word} added: {}", list(added)),
                    (true, false) => format!("{word} removed: {}", list(removed)),
                    _ => format!("{word} added: {}; removed: {}", list(added), list(removed)),
                }
            }
            FieldChange::Entries { field, changed } => {
                let word = field_word(group, *field);
                changed
                    .iter()
                    .map(|e| {
                        if added {
                            format!("{word} {}: {}", md(&e.key), md(&e.new))
                        } else {
                            format!("{word} {}: {} → {}", md(&e.key), md(&e.old), md(&e.new))
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            }
        })
        .collect()
}

//! A canvas → bmml v2: one segment, one proposition, one fit whose mappings
//! are the reliever and creator links. Written by hand, like our RON, so the
//! output is deterministic and every string is quoted (a JSON string is a
//! valid YAML double-quoted scalar, so no text can turn into YAML syntax).

use std::collections::HashSet;
use std::fmt::Write as _;

use super::{VERSION, slug};
use crate::canvas::{Canvas, Item, ItemId, JobKind, Level, Section};

/// A canvas as bmml, and what bmml cannot hold of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub yaml: String,
    /// One line per kind of thing left out (only those the canvas has).
    pub left_out: Vec<String>,
}

/// The bmml id of an item: its kind's prefix and our numeric id.
fn item_id(section: Section, item: &Item) -> String {
    target_id(section, item.id)
}

/// The bmml id of the item `id` in `section`.
fn target_id(section: Section, id: ItemId) -> String {
    let prefix = match section {
        Section::Jobs => "job",
        Section::Pains => "pain",
        Section::Gains => "gain",
        Section::Products => "ps",
        Section::Relievers => "pr",
        Section::Creators => "gc",
    };
    format!("{prefix}-{id}")
}

/// A YAML double-quoted string (JSON's form is one): every control, C1 and
/// bidi character escaped as `\uXXXX`, which YAML reads back as it was.
/// Left raw, the output's sanitiser would show them as `\u{..}`, which is
/// not YAML.
fn quote(text: &str) -> String {
    let json = serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned());
    crate::text::inert::json_inert(&json).into_owned()
}

/// Writes the canvas as a bmml v2 file.
pub fn export(canvas: &Canvas) -> Export {
    let title = if canvas.title.trim().is_empty() {
        "Untitled canvas"
    } else {
        canvas.title.as_str()
    };
    let base = slug(title).unwrap_or_else(|| "canvas".to_owned());
    let segment_slug = slug(&canvas.segment).unwrap_or_else(|| "customers".to_owned());
    let (cs, vp, fit) = (
        format!("cs-{segment_slug}"),
        format!("vp-{base}"),
        format!("fit-{base}"),
    );
    let mut y = String::with_capacity(256 + canvas.item_count() * 64);
    let _ = writeln!(y, "version: \"{VERSION}\"");
    let _ = writeln!(y, "meta:");
    let _ = writeln!(y, "  name: {}", quote(title));
    let _ = writeln!(y, "  portfolio: explore");
    let _ = writeln!(y, "  stage: ideation");
    let _ = writeln!(y, "customer_segments:");
    let _ = writeln!(y, "  - id: {cs}");
    let _ = writeln!(y, "    name: {}", quote(&canvas.segment));
    for (key, section) in [
        ("jobs", Section::Jobs),
        ("pains", Section::Pains),
        ("gains", Section::Gains),
    ] {
        write_items(&mut y, canvas, key, section, "description");
    }
    let _ = writeln!(y, "value_propositions:");
    let _ = writeln!(y, "  - id: {vp}");
    let _ = writeln!(y, "    name: {}", quote(title));
    for (key, section) in [
        ("products_services", Section::Products),
        ("pain_relievers", Section::Relievers),
        ("gain_creators", Section::Creators),
    ] {
        write_items(&mut y, canvas, key, section, "name");
    }
    let _ = writeln!(y, "fits:");
    let _ = writeln!(y, "  - id: {fit}");
    let _ = writeln!(y, "    for:");
    let _ = writeln!(y, "      value_propositions: [{vp}]");
    let _ = writeln!(y, "      customer_segments: [{cs}]");
    let mappings: Vec<String> = [Section::Relievers, Section::Creators]
        .into_iter()
        .flat_map(|section| {
            let target = section.counterpart();
            // A set of the targets' ids, not a canvas lookup per link (quadratic).
            let present: HashSet<ItemId> = canvas.items(target).iter().map(|i| i.id).collect();
            canvas.items(section).iter().flat_map(move |item| {
                let from = item_id(section, item);
                item.links
                    .iter()
                    .filter(|to| present.contains(to))
                    .map(|to| format!("[{from}, {}]", target_id(target, *to)))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    if mappings.is_empty() {
        let _ = writeln!(y, "    mappings: []");
    } else {
        let _ = writeln!(y, "    mappings:");
        for m in mappings {
            let _ = writeln!(y, "      - {m}");
        }
    }
    Export {
        yaml: y,
        left_out: left_out(canvas),
    }
}

fn write_items(y: &mut String, canvas: &Canvas, key: &str, section: Section, field: &str) {
    let items = canvas.items(section);
    if items.is_empty() {
        let _ = writeln!(y, "    {key}: []");
        return;
    }
    let _ = writeln!(y, "    {key}:");
    for item in items {
        let _ = writeln!(y, "      - id: {}", item_id(section, item));
        let _ = writeln!(y, "        {field}: {}", quote(&item.text));
    }
}

/// What the canvas has that bmml v2 has no place for: each kind of thing
/// with how many there are, as a phrase (`before`, the count, `after`).
fn left_out(canvas: &Canvas) -> Vec<String> {
    let [
        levels,
        kinds,
        product_links,
        statuses,
        notes,
        voted,
        scored,
        measured,
    ] = uncarried(canvas);
    let conflicts = canvas.conflicts.len() + canvas.header_conflicts.len();
    let table: [(usize, &str, (&str, &str), &str); 13] = [
        (
            levels,
            "levels (importance, severity, relevance) of ",
            ("item", "items"),
            "; order is kept",
        ),
        (kinds, "kinds of ", ("job", "jobs"), ""),
        (
            product_links,
            "",
            ("product→job link", "product→job links"),
            " (bmml v2 has no product-to-job mapping)",
        ),
        (statuses, "the evidence status of ", ("item", "items"), ""),
        (notes, "", ("evidence note", "evidence notes"), ""),
        (voted, "the room's votes on ", ("item", "items"), ""),
        (
            scored,
            "the scores against the alternatives of ",
            ("item", "items"),
            "",
        ),
        (measured, "the measured results of ", ("test", "tests"), ""),
        (
            canvas.statements.len(),
            "",
            ("saved statement", "saved statements"),
            "",
        ),
        (canvas.tests.len(), "", ("test card", "test cards"), ""),
        (
            canvas.learnings.len(),
            "",
            ("learning card", "learning cards"),
            "",
        ),
        (
            conflicts,
            "",
            ("open merge conflict", "open merge conflicts"),
            "",
        ),
        (
            canvas.alternatives.len(),
            "",
            ("alternative", "alternatives"),
            "",
        ),
    ];
    table
        .into_iter()
        .filter(|(n, ..)| *n > 0)
        .map(|(n, before, (one, many), after)| format!("{before}{}{after}", count(n, one, many)))
        .collect()
}

/// How many of each thing bmml cannot carry the canvas has: items with a
/// level other than Medium, jobs of another kind than functional, product
/// links, items with a status, evidence notes, then (format version 3)
/// items with votes, items with scores, and tests with results.
fn uncarried(canvas: &Canvas) -> [usize; 8] {
    let profile = [Section::Jobs, Section::Pains, Section::Gains];
    let items = || canvas.all_items().map(|(_, i)| i);
    [
        profile
            .into_iter()
            .flat_map(|s| canvas.items(s))
            .filter(|i| i.level != Level::Medium)
            .count(),
        canvas
            .items(Section::Jobs)
            .iter()
            .filter(|i| i.kind != JobKind::Functional)
            .count(),
        canvas
            .items(Section::Products)
            .iter()
            .map(|i| i.links.len())
            .sum(),
        items()
            .filter(|i| i.status != crate::canvas::Status::Untested)
            .count(),
        items().map(|i| i.evidence.len()).sum(),
        items().filter(|i| i.votes > 0).count(),
        items()
            .filter(|i| i.ours.is_some() || !i.theirs.is_empty())
            .count(),
        canvas
            .tests
            .iter()
            .filter(|t| !t.results.is_empty() || t.target.is_some())
            .count(),
    ]
}

/// "1 item", "3 items".
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

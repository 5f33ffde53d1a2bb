//! The deterministic writer: same canvas → same bytes, fields in the
//! documented order. A canvas that uses nothing of format version 2 is written
//! exactly as version 1 was, so its file and its git history never change;
//! otherwise it says `version: 2` and the new fields appear, each only when it
//! is not at its default.

use std::fmt::Write as _;
use std::sync::Arc;

use crate::canvas::{Canvas, Item, ItemId, Learning, Level, Section, TestCard, Variant};

/// Writes a canvas in the documented shape. Same canvas → same bytes.
pub fn to_ron(canvas: &Canvas) -> String {
    let mut out = String::with_capacity(256 + canvas.item_count() * 96);
    let alternatives = canvas
        .alternatives
        .iter()
        .map(|a| quote(a))
        .collect::<Vec<_>>()
        .join(", ");
    let version = canvas.format_version();
    let _ = writeln!(out, "(");
    let _ = writeln!(out, "    version: {version},");
    let _ = writeln!(out, "    title: {},", quote(&canvas.title));
    let _ = writeln!(out, "    segment: {},", quote(&canvas.segment));
    let _ = writeln!(out, "    alternatives: [{alternatives}],");
    let _ = writeln!(out, "    customer: (");
    write_section(&mut out, "jobs", canvas.items(Section::Jobs), |i| {
        format!(
            ", kind: {}, importance: {}",
            i.kind.name(),
            level_word(Section::Jobs, i.level)
        )
    });
    write_section(&mut out, "pains", canvas.items(Section::Pains), |i| {
        format!(", severity: {}", level_word(Section::Pains, i.level))
    });
    write_section(&mut out, "gains", canvas.items(Section::Gains), |i| {
        format!(", relevance: {}", level_word(Section::Gains, i.level))
    });
    let _ = writeln!(out, "    ),");
    let _ = writeln!(out, "    value_map: (");
    for (name, section, link_field) in [
        ("products", Section::Products, "jobs"),
        ("relievers", Section::Relievers, "pains"),
        ("creators", Section::Creators, "gains"),
    ] {
        write_section(&mut out, name, canvas.items(section), |i| {
            format!(", {link_field}: [{}]", ids(&i.links))
        });
    }
    let _ = writeln!(out, "    ),");
    write_cards(&mut out, canvas);
    let _ = writeln!(out, ")");
    out
}

fn write_section(
    out: &mut String,
    name: &str,
    items: &[Arc<Item>],
    extra: impl Fn(&Item) -> String,
) {
    if items.is_empty() {
        let _ = writeln!(out, "        {name}: [],");
        return;
    }
    let _ = writeln!(out, "        {name}: [");
    for item in items {
        let _ = writeln!(
            out,
            "            (id: {}, text: {}{}{}),",
            item.id,
            quote(&item.text),
            extra(item),
            evidence_fields(item)
        );
    }
    let _ = writeln!(out, "        ],");
}

/// The version 2 fields of an item, each only when not at its default.
fn evidence_fields(item: &Item) -> String {
    let mut out = String::new();
    if item.status != crate::canvas::Status::Untested {
        let _ = write!(out, ", status: {}", item.status.name());
    }
    if !item.evidence.is_empty() {
        let _ = write!(out, ", evidence: [{}]", strings(&item.evidence));
    }
    if !item.dismissed.is_empty() {
        let _ = write!(out, ", dismissed: [{}]", strings(&item.dismissed));
    }
    if item.votes != 0 {
        let _ = write!(out, ", votes: {}", item.votes);
    }
    if let Some(ours) = item.ours {
        let _ = write!(out, ", ours: {ours}");
    }
    if !item.theirs.is_empty() {
        let scores = item
            .theirs
            .iter()
            .map(|(name, score)| format!("{}: {score}", quote(name)))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = write!(out, ", theirs: {{{scores}}}");
    }
    out
}

/// Statements, tests, learnings and conflicts: each list only when it has
/// something, one card per line so a diff shows the card that changed.
fn write_cards(out: &mut String, canvas: &Canvas) {
    let mut list = |name: &str, lines: Vec<String>| {
        if lines.is_empty() {
            return;
        }
        let _ = writeln!(out, "    {name}: [");
        for line in lines {
            let _ = writeln!(out, "        ({line}),");
        }
        let _ = writeln!(out, "    ],");
    };
    list(
        "statements",
        canvas
            .statements
            .iter()
            .map(|s| {
                format!(
                    "id: {}, name: {}, text: {}",
                    s.id,
                    quote(&s.name),
                    quote(&s.text)
                )
            })
            .collect(),
    );
    list("tests", canvas.tests.iter().map(test_fields).collect());
    list(
        "learnings",
        canvas.learnings.iter().map(learning_fields).collect(),
    );
    list(
        "conflicts",
        canvas
            .conflicts
            .iter()
            .map(|c| format!("ours: {}, theirs: {}", c.ours, c.theirs))
            .chain(
                canvas
                    .header_conflicts
                    .iter()
                    .map(|h| format!("{}: {}", h.key(), quote(h.theirs()))),
            )
            .collect(),
    );
}

/// A test card's fields, defaults left out.
fn test_fields(t: &TestCard) -> String {
    let mut f = Fields::new(t.id);
    f.text("name", &t.name);
    f.text("believe", &t.believe);
    f.text("verify", &t.verify);
    f.text("measure", &t.measure);
    f.text("right_if", &t.right_if);
    f.ids("items", &t.items);
    f.ids("statements", &t.statements);
    if t.state != crate::canvas::TestState::Planned {
        f.raw("state", t.state.name());
    }
    if let Some(d) = t.deadline {
        f.raw("deadline", &format!("\"{d}\""));
    }
    if let Some(target) = t.target {
        f.raw("target", &target.to_string());
    }
    if !t.results.is_empty() {
        let rows = t
            .results
            .iter()
            .map(|r| {
                let variant = match &r.variant {
                    Variant::Statement(id) => format!("statement: {id}"),
                    Variant::Label(label) => format!("label: {}", quote(label)),
                };
                format!(
                    "({variant}, shown: {}, converted: {})",
                    r.shown, r.converted
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        f.raw("results", &format!("[{rows}]"));
    }
    f.0
}

/// A learning card's fields, defaults left out.
fn learning_fields(l: &Learning) -> String {
    let mut f = Fields::new(l.id);
    if let Some(test) = l.test {
        f.raw("test", &test.to_string());
    }
    f.text("observed", &l.observed);
    f.text("learned", &l.learned);
    f.text("decision", &l.decision);
    if let Some(d) = l.date {
        f.raw("date", &format!("\"{d}\""));
    }
    f.ids("validated", &l.validated);
    f.ids("invalidated", &l.invalidated);
    f.0
}

/// One card's fields after its id, defaults left out.
struct Fields(String);

impl Fields {
    fn new(id: ItemId) -> Fields {
        Fields(format!("id: {id}"))
    }

    fn raw(&mut self, name: &str, value: &str) {
        let _ = write!(self.0, ", {name}: {value}");
    }

    fn text(&mut self, name: &str, value: &str) {
        if !value.is_empty() {
            self.raw(name, &quote(value));
        }
    }

    fn ids(&mut self, name: &str, value: &[ItemId]) {
        if !value.is_empty() {
            self.raw(name, &format!("[{}]", ids(value)));
        }
    }
}

fn ids(list: &[ItemId]) -> String {
    list.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn strings(list: &[String]) -> String {
    list.iter().map(|s| quote(s)).collect::<Vec<_>>().join(", ")
}

/// The enum variant name a level is written as (`NiceToHave`, not "Nice to have").
pub fn level_word(section: Section, level: Level) -> &'static str {
    match (section, level) {
        (Section::Gains, Level::Low) => "NiceToHave",
        _ => section.level_name(level),
    }
}

/// A RON string literal. Only what must be escaped is: quotes, backslashes,
/// and every character the one sanitiser calls a hazard (controls, and the
/// invisible characters that reorder or hide text: bidi controls, zero-width
/// spaces, line separators, a stray BOM), so a diff shows what the reader
/// gets. Apostrophes and all other text stay as written.
pub(super) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if crate::text::inert::is_hazard(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

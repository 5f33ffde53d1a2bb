//! JSON renderings: the whole canvas, and the fit report for `check`.

use serde::{Serialize, Serializer};
use serde_json::{Value, json};

use crate::text::inert::json_inert;

use crate::canvas::file::level_word;
use crate::canvas::{
    Canvas, Conflict, Item, ItemId, Learning, Section, Statement, Status, TestCard,
};
use crate::fit::{FitReport, Flagged, Risk};

/// The canvas as JSON, mirroring the RON structure (level names as in RON;
/// version 2 fields only where the file would have them). Written straight
/// from the canvas, with no tree of values in between (at 100,000 items that
/// tree took twice the canvas's memory).
pub fn canvas_json(canvas: &Canvas) -> String {
    let items = |section| Items(canvas, section);
    pretty(&Document {
        version: canvas.format_version(),
        title: &canvas.title,
        segment: &canvas.segment,
        alternatives: &canvas.alternatives,
        customer: Customer {
            jobs: items(Section::Jobs),
            pains: items(Section::Pains),
            gains: items(Section::Gains),
        },
        value_map: ValueMap {
            products: items(Section::Products),
            relievers: items(Section::Relievers),
            creators: items(Section::Creators),
        },
        statements: &canvas.statements,
        tests: &canvas.tests,
        learnings: &canvas.learnings,
        conflicts: &canvas.conflicts,
    })
}

/// The JSON document `canvas_json` writes, field by field in its order.
#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    title: &'a str,
    segment: &'a str,
    alternatives: &'a [String],
    customer: Customer<'a>,
    value_map: ValueMap<'a>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    statements: &'a [Statement],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tests: &'a [TestCard],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    learnings: &'a [Learning],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    conflicts: &'a [Conflict],
}

#[derive(Serialize)]
struct Customer<'a> {
    jobs: Items<'a>,
    pains: Items<'a>,
    gains: Items<'a>,
}

#[derive(Serialize)]
struct ValueMap<'a> {
    products: Items<'a>,
    relievers: Items<'a>,
    creators: Items<'a>,
}

/// A section's items, each written as it is reached.
struct Items<'a>(&'a Canvas, Section);

impl Serialize for Items<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Items(canvas, section) = *self;
        serializer.collect_seq(
            canvas
                .items(section)
                .iter()
                .map(|i| ItemJson::of(section, i)),
        )
    }
}

/// One item: the fields its section has (the level under the section's
/// name for it, the links under their targets' name), then its version 2
/// fields that are not at their defaults.
#[derive(Serialize)]
struct ItemJson<'a> {
    id: ItemId,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    importance: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    severity: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    relevance: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    jobs: Option<&'a [ItemId]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pains: Option<&'a [ItemId]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gains: Option<&'a [ItemId]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    evidence: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    dismissed: &'a [String],
    #[serde(skip_serializing_if = "is_zero")]
    votes: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    ours: Option<u8>,
    #[serde(skip_serializing_if = "Scores::is_empty")]
    theirs: Scores<'a>,
}

// serde's `skip_serializing_if` hands over a reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// The alternatives' scores, as an object keyed by the alternative's name.
struct Scores<'a>(&'a [(String, u8)]);

impl Scores<'_> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Scores<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(name, score)| (name, score)))
    }
}

impl<'a> ItemJson<'a> {
    fn of(section: Section, item: &'a Item) -> Self {
        let level = Some(level_word(section, item.level));
        let links = Some(item.links.as_slice());
        let mut json = ItemJson {
            id: item.id,
            text: &item.text,
            kind: None,
            importance: None,
            severity: None,
            relevance: None,
            jobs: None,
            pains: None,
            gains: None,
            status: (item.status != Status::Untested).then(|| item.status.name()),
            evidence: &item.evidence,
            dismissed: &item.dismissed,
            votes: item.votes,
            ours: item.ours,
            theirs: Scores(&item.theirs),
        };
        match section {
            Section::Jobs => (json.kind, json.importance) = (Some(item.kind.name()), level),
            Section::Pains => json.severity = level,
            Section::Gains => json.relevance = level,
            Section::Products => json.jobs = links,
            Section::Relievers => json.pains = links,
            Section::Creators => json.gains = links,
        }
        json
    }
}

/// The fit report of one file as a JSON object (SPEC §4 keys).
pub fn check_json(file: &str, canvas: &Canvas, report: &FitReport) -> Value {
    let list = |v: &[Flagged]| serde_json::to_value(v).unwrap_or(Value::Null);
    let mut value = json!({
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
        // Pairs of ids as ever; a title or segment as its field and both texts.
        "conflicts": canvas
            .conflicts
            .iter()
            .map(|c| json!({"ours": c.ours, "theirs": c.theirs}))
            .chain(canvas.header_conflicts.iter().map(|h| {
                json!({"field": h.key(), "ours": canvas.header_ours(h), "theirs": h.theirs()})
            }))
            .collect::<Vec<_>>(),
        "counts": {
            "pains": report.pains.total,
            "pains_relieved": report.pains.addressed,
            "gains": report.gains.total,
            "gains_created": report.gains.addressed,
        },
        "comparison": super::comparison_json(&crate::compare::analyze(canvas)),
    });
    with_verdicts(&mut value, canvas);
    value
}

/// Adds `tests`: each measured test with its verdict (SPEC §13).
fn with_verdicts(value: &mut Value, canvas: &Canvas) {
    if let Value::Object(map) = value {
        map.insert("tests".into(), super::check_verdicts_json(canvas));
    }
}

/// Risks as `{ "id", "section", "text" }`, section as the file names it.
fn risks(list: &[Risk]) -> Value {
    list.iter()
        .map(|r| json!({"id": r.id, "section": section_key(r.section), "text": r.text()}))
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
pub fn pretty<T: Serialize + ?Sized>(value: &T) -> String {
    let s = serde_json::to_string_pretty(value).unwrap_or_default();
    // Escaped only when needed: no second copy of a large document.
    let escaped = match json_inert(&s) {
        std::borrow::Cow::Owned(escaped) => Some(escaped),
        std::borrow::Cow::Borrowed(_) => None,
    };
    let mut s = escaped.unwrap_or(s);
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
#[cfg(test)]
mod tests;

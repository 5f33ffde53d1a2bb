//! The public RON file format (SPEC §2): parsing with validation, and a
//! deterministic pretty writer. Works on text only; `storage` does the I/O.
//!
//! The writer is hand-written rather than `ron::ser::to_string_pretty` because the
//! documented shape mixes depths (one-line alternatives and items, multi-line
//! sections) that no single `PrettyConfig` depth limit produces. Strings are
//! quoted by `quote`, which escapes only what RON needs (ron's own escaper
//! would also turn every apostrophe into `\'`, noise in a git diff).

use serde::Deserialize;

use super::{Canvas, FORMAT_VERSION, Item, ItemId, Level, Section};

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A canvas read from text, and whether it may be written back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub canvas: Canvas,
    /// The `version` the file declared.
    pub version: u32,
}

impl Parsed {
    /// A file from a newer vpcanvas is shown but never rewritten, so fields this
    /// version does not know are never lost.
    pub fn read_only(&self) -> bool {
        self.version > FORMAT_VERSION
    }
}

// ---------------------------------------------------------------------------
// Reading

fn default_version() -> u32 {
    1
}

/// Reads only `version`, ignoring everything else, to decide how strictly to parse.
#[derive(Deserialize)]
#[serde(rename = "Canvas")]
struct VersionProbe {
    #[serde(default = "default_version")]
    version: u32,
}

#[derive(Deserialize, Default, Clone, Copy)]
enum Importance {
    High,
    #[default]
    Medium,
    Low,
}
#[derive(Deserialize, Default, Clone, Copy)]
enum Severity {
    Extreme,
    #[default]
    Moderate,
    Mild,
}
#[derive(Deserialize, Default, Clone, Copy)]
enum Relevance {
    Essential,
    #[default]
    Desired,
    NiceToHave,
}

impl From<Importance> for Level {
    fn from(v: Importance) -> Self {
        match v {
            Importance::High => Level::High,
            Importance::Medium => Level::Medium,
            Importance::Low => Level::Low,
        }
    }
}
impl From<Severity> for Level {
    fn from(v: Severity) -> Self {
        match v {
            Severity::Extreme => Level::High,
            Severity::Moderate => Level::Medium,
            Severity::Mild => Level::Low,
        }
    }
}
impl From<Relevance> for Level {
    fn from(v: Relevance) -> Self {
        match v {
            Relevance::Essential => Level::High,
            Relevance::Desired => Level::Medium,
            Relevance::NiceToHave => Level::Low,
        }
    }
}

/// An optional field written as its bare value (`deadline: "2026-12-15"`,
/// not RON's `Some(…)`); absent means `None`.
fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// Decodes bytes (dropping a UTF-8 byte-order mark) and parses them.
pub fn parse_bytes(bytes: &[u8]) -> Result<Parsed, FormatError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(FormatError::TooLarge {
            size: bytes.len() as u64,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_col_of_byte(bytes, e.valid_up_to());
        FormatError::NotUtf8 { line, column }
    })?;
    parse(text)
}

/// Parses and validates a canvas from RON text (a leading BOM is dropped).
pub fn parse(text: &str) -> Result<Parsed, FormatError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Nearly every file is a valid current one: parse strictly once, and
    // look at the version separately only when that fails.
    let (canvas, version) = match ron::from_str::<strict::CanvasFile>(text) {
        Ok(file) => {
            let version = file.version;
            (
                strict::into_canvas(file).map_err(|e| locate(text, e))?,
                version,
            )
        }
        Err(strict_error) => {
            let version = ron::from_str::<VersionProbe>(text)
                .map_err(|e| syntax_error(text, &e))?
                .version;
            if version <= FORMAT_VERSION && version != 0 {
                return Err(syntax_error(text, &strict_error));
            }
            if version == 0 {
                return Err(FormatError::BadVersion { found: version });
            }
            // A newer file: read what this version knows; it opens read-only.
            let file: lenient::CanvasFile =
                ron::from_str(text).map_err(|e| FormatError::TooNew {
                    found: version,
                    message: syntax_error(text, &e).to_string(),
                })?;
            (
                lenient::into_canvas(file).map_err(|e| locate(text, e))?,
                version,
            )
        }
    };
    if version == 0 {
        return Err(FormatError::BadVersion { found: version });
    }
    validate(&canvas).map_err(|e| locate(text, e))?;
    Ok(Parsed { canvas, version })
}

/// Adds the line and column of the offending item or card to a validation error.
fn locate(text: &str, mut error: FormatError) -> FormatError {
    let (id, nth, at) = match &mut error {
        FormatError::ZeroId { at, .. } => (0, 0, at),
        FormatError::DuplicateId { id, at, .. } => (*id, 1, at),
        FormatError::DanglingLink { item, at, .. }
        | FormatError::WrongSectionLink { item, at, .. }
        | FormatError::DanglingReference { item, at, .. }
        | FormatError::BadValue { item, at, .. }
        | FormatError::WrongKindReference { item, at, .. } => (id_in(item), 0, at),
        _ => return error,
    };
    at.0 = id_positions(text, id).nth(nth);
    error
}

/// The id in a description made by [`describe`] ("pain 7 \"…\"").
fn id_in(description: &str) -> ItemId {
    description
        .split(' ')
        .find_map(|w| w.parse().ok())
        .unwrap_or(0)
}

/// Where `id: N` is written as a field (not inside a string's text, as far as
/// a scan can tell), as 1-based line and column.
fn id_positions(text: &str, id: ItemId) -> impl Iterator<Item = (u32, u32)> + '_ {
    let wanted = id.to_string();
    text.lines().enumerate().flat_map(move |(n, line)| {
        let wanted = wanted.clone();
        line.match_indices("id:")
            .filter(move |(i, _)| {
                let before = line[..*i].chars().next_back();
                let field_start = before.is_none_or(|c| c == '(' || c == ',' || c.is_whitespace());
                let value = line[i + 3..].trim_start();
                let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
                field_start && digits == wanted
            })
            .map(move |(i, _)| {
                let column = line[..i].chars().count() + 1;
                (
                    u32::try_from(n + 1).unwrap_or(u32::MAX),
                    u32::try_from(column).unwrap_or(u32::MAX),
                )
            })
            .collect::<Vec<_>>()
    })
}

/// One item struct per section, each with its own rank or link
/// field and the evidence fields every item shares.
macro_rules! item_file {
    (#[$strictness:meta] $name:ident, $rename:literal, $field:ident: $ty:ty $(, $field2:ident: $ty2:ty)?) => {
        #[derive(Deserialize)]
        #[serde(rename = $rename)]
        #[$strictness]
        struct $name {
            id: ItemId,
            text: String,
            #[serde(default)]
            $field: $ty,
            $(#[serde(default)]
            $field2: $ty2,)?
            #[serde(default)]
            status: Status,
            #[serde(default)]
            evidence: Vec<String>,
            #[serde(default)]
            dismissed: Vec<String>,
            #[serde(default)]
            votes: u32,
            #[serde(default, deserialize_with = "super::present")]
            ours: Option<u8>,
            #[serde(default)]
            theirs: super::ScoreMap,
        }

        impl $name {
            fn item(self) -> (Item, $ty $(, $ty2)?) {
                let mut item = Item::new(self.id, self.text).with_status(self.status);
                item.evidence = self.evidence;
                item.dismissed = self.dismissed;
                item.votes = self.votes;
                item.ours = self.ours;
                item.theirs = self.theirs.0;
                (item, self.$field $(, self.$field2)?)
            }
        }
    };
}

/// The file's shape as serde structs, defined once and built twice: strict
/// (an unknown field is an error, so nothing is ever silently dropped from a
/// file this version will rewrite) and lenient (for files from a newer
/// vpcanvas, which open read-only and are never written).
macro_rules! file_shape {
    ($module:ident, #[$strictness:meta]) => {
    mod $module {
        use serde::Deserialize;

        use super::super::{
            Canvas, Conflict, Date, HeaderConflict, Item, ItemId, JobKind, Learning, Section,
            Statement, Status, TestCard, TestState,
        };
        use super::{Importance, Relevance, Severity, default_version};

        #[derive(Deserialize)]
        #[serde(rename = "Canvas")]
        #[$strictness]
        pub(super) struct CanvasFile {
            // The lenient copy learns the version from the probe instead.
            #[allow(dead_code)]
            #[serde(default = "default_version")]
            pub(super) version: u32,
            #[serde(default)]
            title: String,
            #[serde(default)]
            segment: String,
            #[serde(default)]
            alternatives: Vec<String>,
            #[serde(default)]
            customer: CustomerFile,
            #[serde(default)]
            value_map: ValueMapFile,
            #[serde(default)]
            statements: Vec<StatementFile>,
            #[serde(default)]
            tests: Vec<TestFile>,
            #[serde(default)]
            learnings: Vec<LearningFile>,
            #[serde(default)]
            conflicts: Vec<ConflictFile>,
        }

        #[derive(Deserialize, Default)]
        #[serde(rename = "CustomerProfile")]
        #[$strictness]
        struct CustomerFile {
            #[serde(default)]
            jobs: Vec<JobFile>,
            #[serde(default)]
            pains: Vec<PainFile>,
            #[serde(default)]
            gains: Vec<GainFile>,
        }

        #[derive(Deserialize, Default)]
        #[serde(rename = "ValueMap")]
        #[$strictness]
        struct ValueMapFile {
            #[serde(default)]
            products: Vec<ProductFile>,
            #[serde(default)]
            relievers: Vec<RelieverFile>,
            #[serde(default)]
            creators: Vec<CreatorFile>,
        }

        item_file!(#[$strictness] JobFile, "Job", kind: JobKind, importance: Importance);
        item_file!(#[$strictness] PainFile, "Pain", severity: Severity);
        item_file!(#[$strictness] GainFile, "Gain", relevance: Relevance);
        item_file!(#[$strictness] ProductFile, "Product", jobs: Vec<ItemId>);
        item_file!(#[$strictness] RelieverFile, "Reliever", pains: Vec<ItemId>);
        item_file!(#[$strictness] CreatorFile, "Creator", gains: Vec<ItemId>);

        #[derive(Deserialize)]
        #[serde(rename = "Statement")]
        #[$strictness]
        struct StatementFile {
            id: ItemId,
            #[serde(default)]
            name: String,
            #[serde(default)]
            text: String,
        }

        #[derive(Deserialize)]
        #[serde(rename = "Test")]
        #[$strictness]
        struct TestFile {
            id: ItemId,
            #[serde(default)]
            name: String,
            #[serde(default)]
            believe: String,
            #[serde(default)]
            verify: String,
            #[serde(default)]
            measure: String,
            #[serde(default)]
            right_if: String,
            #[serde(default)]
            items: Vec<ItemId>,
            #[serde(default)]
            statements: Vec<ItemId>,
            #[serde(default)]
            state: TestState,
            #[serde(default, deserialize_with = "super::present")]
            deadline: Option<Date>,
            #[serde(default, deserialize_with = "super::present")]
            target: Option<f64>,
            #[serde(default)]
            results: Vec<ResultFile>,
        }

        #[derive(Deserialize)]
        #[serde(rename = "Result")]
        #[$strictness]
        struct ResultFile {
            #[serde(default, deserialize_with = "super::present")]
            statement: Option<ItemId>,
            #[serde(default, deserialize_with = "super::present")]
            label: Option<String>,
            shown: super::Count,
            converted: super::Count,
        }

        #[derive(Deserialize)]
        #[serde(rename = "Learning")]
        #[$strictness]
        struct LearningFile {
            id: ItemId,
            #[serde(default, deserialize_with = "super::present")]
            test: Option<ItemId>,
            #[serde(default)]
            observed: String,
            #[serde(default)]
            learned: String,
            #[serde(default)]
            decision: String,
            #[serde(default, deserialize_with = "super::present")]
            date: Option<Date>,
            #[serde(default)]
            validated: Vec<ItemId>,
            #[serde(default)]
            invalidated: Vec<ItemId>,
        }

        /// One entry of `conflicts`, as written: a pair of ids, or theirs
        /// of the title or the segment.
        #[derive(Deserialize)]
        #[serde(rename = "Conflict")]
        #[$strictness]
        struct RawConflict {
            #[serde(default, deserialize_with = "super::present")]
            ours: Option<ItemId>,
            #[serde(default, deserialize_with = "super::present")]
            theirs: Option<ItemId>,
            #[serde(default, deserialize_with = "super::present")]
            title: Option<String>,
            #[serde(default, deserialize_with = "super::present")]
            segment: Option<String>,
        }

        #[derive(Deserialize)]
        #[serde(try_from = "RawConflict")]
        enum ConflictFile {
            Pair(Conflict),
            Header(HeaderConflict),
        }

        impl TryFrom<RawConflict> for ConflictFile {
            type Error = &'static str;

            fn try_from(raw: RawConflict) -> Result<Self, Self::Error> {
                match raw {
                    RawConflict { ours: Some(ours), theirs: Some(theirs), title: None, segment: None } => {
                        Ok(ConflictFile::Pair(Conflict { ours, theirs }))
                    }
                    RawConflict { ours: None, theirs: None, title: Some(t), segment: None } => {
                        Ok(ConflictFile::Header(HeaderConflict::Title(t)))
                    }
                    RawConflict { ours: None, theirs: None, title: None, segment: Some(s) } => {
                        Ok(ConflictFile::Header(HeaderConflict::Segment(s)))
                    }
                    _ => Err("a conflict is (ours: ID, theirs: ID), (title: \"…\") or (segment: \"…\")"),
                }
            }
        }

        /// The pairs, and the title and segment conflicts, each in file order.
        fn split_conflicts(list: Vec<ConflictFile>) -> (Vec<Conflict>, Vec<HeaderConflict>) {
            let mut pairs = Vec::new();
            let mut headers = Vec::new();
            for c in list {
                match c {
                    ConflictFile::Pair(pair) => pairs.push(pair),
                    ConflictFile::Header(h) => headers.push(h),
                }
            }
            (pairs, headers)
        }

        /// Test cards with their version 3 fields checked and converted.
        fn test_cards(tests: Vec<TestFile>) -> Result<Vec<TestCard>, super::FormatError> {
            let mut cards = Vec::with_capacity(tests.len());
            for t in tests {
                let mut card = TestCard {
                    id: t.id,
                    name: t.name,
                    believe: t.believe,
                    verify: t.verify,
                    measure: t.measure,
                    right_if: t.right_if,
                    items: t.items,
                    statements: t.statements,
                    state: t.state,
                    deadline: t.deadline,
                    target: None,
                    results: Vec::new(),
                };
                let results = t
                    .results
                    .into_iter()
                    .map(|r| super::RawResult {
                        statement: r.statement,
                        label: r.label,
                        shown: r.shown,
                        converted: r.converted,
                    })
                    .collect();
                (card.target, card.results) = super::measured(&card, t.target, results)?;
                cards.push(card);
            }
            Ok(cards)
        }

        pub(super) fn into_canvas(file: CanvasFile) -> Result<Canvas, super::FormatError> {
            let tests = test_cards(file.tests)?;
            let (conflicts, header_conflicts) = split_conflicts(file.conflicts);
            let mut canvas = Canvas {
                title: file.title,
                segment: file.segment,
                alternatives: file.alternatives,
                statements: file
                    .statements
                    .into_iter()
                    .map(|s| Statement { id: s.id, name: s.name, text: s.text })
                    .collect(),
                tests,
                learnings: file
                    .learnings
                    .into_iter()
                    .map(|l| Learning {
                        id: l.id,
                        test: l.test,
                        observed: l.observed,
                        learned: l.learned,
                        decision: l.decision,
                        date: l.date,
                        validated: l.validated,
                        invalidated: l.invalidated,
                    })
                    .collect(),
                conflicts,
                header_conflicts,
                ..Canvas::default()
            };
            let c = file.customer;
            let v = file.value_map;
            canvas.set_items(Section::Jobs, c
                .jobs
                .into_iter()
                .map(|j| {
                    let (item, kind, importance) = j.item();
                    item.with_kind(kind).with_level(importance.into())
                })
                .collect());
            canvas.set_items(Section::Pains, c
                .pains
                .into_iter()
                .map(|p| {
                    let (item, severity) = p.item();
                    item.with_level(severity.into())
                })
                .collect());
            canvas.set_items(Section::Gains, c
                .gains
                .into_iter()
                .map(|g| {
                    let (item, relevance) = g.item();
                    item.with_level(relevance.into())
                })
                .collect());
            let linked = |(item, links): (Item, Vec<ItemId>)| item.with_links(links);
            canvas.set_items(Section::Products, v.products.into_iter().map(|p| linked(p.item())).collect());
            canvas.set_items(Section::Relievers, v.relievers.into_iter().map(|r| linked(r.item())).collect());
            canvas.set_items(Section::Creators, v.creators.into_iter().map(|g| linked(g.item())).collect());
            canvas.order_scores();
            Ok(canvas)
        }
    }
    };
}

file_shape!(strict, #[serde(deny_unknown_fields)]);
// Any harmless attribute stands where the strict copy denies unknown fields.
file_shape!(lenient, #[allow(dead_code)]);

impl Canvas {
    /// Items in the order the file lists them: the customer profile (jobs, pains,
    /// gains) then the value map (products, relievers, creators).
    pub(super) fn all_items_in_file_order(&self) -> impl Iterator<Item = (Section, &Item)> {
        FILE_ORDER
            .into_iter()
            .flat_map(move |s| self.items(s).iter().map(move |i| (s, &**i)))
    }
}

/// The file lists the customer profile first, in the order a workshop explores it.
const FILE_ORDER: [Section; 6] = Section::WORKSHOP_ORDER;

mod count;
mod error;
mod measured;
mod validate;
mod write;

use count::Count;
pub use error::{At, FormatError, describe};
use error::{describe_as, line_col_of_byte, syntax_error};
use measured::{RawResult, ScoreMap, measured};

pub use validate::validate;

pub use write::{level_word, to_ron};

#[cfg(test)]
mod tests;

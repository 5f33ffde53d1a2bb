//! The public RON file format (SPEC §2): parsing with validation, and a
//! deterministic pretty writer. Works on text only; `storage` does the I/O.
//!
//! The writer is hand-written rather than `ron::ser::to_string_pretty` because the
//! documented shape mixes depths (one-line alternatives and items, multi-line
//! sections) that no single `PrettyConfig` depth limit produces. Strings are
//! quoted by `quote`, which escapes only what RON needs (ron's own escaper
//! would also turn every apostrophe into `\'`, noise in a git diff).

use std::collections::HashMap;
use std::fmt::Write as _;

use serde::Deserialize;
use thiserror::Error;

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

/// Why a text is not a valid canvas.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FormatError {
    #[error("{line}:{column}: {message}\n{snippet}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
        /// The offending line with a caret under the column.
        snippet: String,
    },
    #[error("not valid UTF-8 (first bad byte at {line}:{column})")]
    NotUtf8 { line: usize, column: usize },
    #[error("the file is {size} bytes; the limit is {MAX_FILE_BYTES} bytes (16 MiB)")]
    TooLarge { size: u64 },
    #[error("version {found} is not a format version (versions start at 1)")]
    BadVersion { found: u32 },
    #[error(
        "written by a newer vpcanvas (format version {found}; this one knows up to {FORMAT_VERSION}) and it has parts this version cannot read: {message}"
    )]
    TooNew { found: u32, message: String },
    #[error("{item} has id 0; ids must be positive whole numbers")]
    ZeroId { item: String },
    #[error("id {id} is used twice: by {first} and by {second}")]
    DuplicateId {
        id: ItemId,
        first: String,
        second: String,
    },
    #[error("{item} links to id {target}, but no item has that id")]
    DanglingLink { item: String, target: ItemId },
    #[error("{item} links to id {target}, which is {found}; it may only link to {expected}")]
    WrongSectionLink {
        item: String,
        target: ItemId,
        found: String,
        expected: &'static str,
    },
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
            (strict::into_canvas(file), version)
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
            (lenient::into_canvas(file), version)
        }
    };
    if version == 0 {
        return Err(FormatError::BadVersion { found: version });
    }
    validate(&canvas)?;
    Ok(Parsed { canvas, version })
}

/// The file's shape as serde structs, defined once and built twice: strict
/// (an unknown field is an error, so nothing is ever silently dropped from a
/// file this version will rewrite) and lenient (for files from a newer
/// vpcanvas, which open read-only and are never written).
macro_rules! file_shape {
    ($module:ident $(, #[$strictness:meta])?) => {
    mod $module {
        use serde::Deserialize;

        use super::super::{Canvas, Item, ItemId, JobKind, Section};
        use super::{Importance, Relevance, Severity, default_version};

        #[derive(Deserialize)]
        #[serde(rename = "Canvas")]
                $(#[$strictness])*
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
        }

        #[derive(Deserialize, Default)]
        #[serde(rename = "CustomerProfile")]
                $(#[$strictness])*
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
                $(#[$strictness])*
        struct ValueMapFile {
            #[serde(default)]
            products: Vec<ProductFile>,
            #[serde(default)]
            relievers: Vec<RelieverFile>,
            #[serde(default)]
            creators: Vec<CreatorFile>,
        }

        #[derive(Deserialize)]
        #[serde(rename = "Job")]
                $(#[$strictness])*
        struct JobFile {
            id: ItemId,
            text: String,
            #[serde(default)]
            kind: JobKind,
            #[serde(default)]
            importance: Importance,
        }

        #[derive(Deserialize)]
        #[serde(rename = "Pain")]
                $(#[$strictness])*
        struct PainFile {
            id: ItemId,
            text: String,
            #[serde(default)]
            severity: Severity,
        }

        #[derive(Deserialize)]
        #[serde(rename = "Gain")]
                $(#[$strictness])*
        struct GainFile {
            id: ItemId,
            text: String,
            #[serde(default)]
            relevance: Relevance,
        }

        #[derive(Deserialize)]
        #[serde(rename = "Product")]
                $(#[$strictness])*
        struct ProductFile {
            id: ItemId,
            text: String,
            #[serde(default)]
            jobs: Vec<ItemId>,
        }

        #[derive(Deserialize)]
        #[serde(rename = "Reliever")]
                $(#[$strictness])*
        struct RelieverFile {
            id: ItemId,
            text: String,
            #[serde(default)]
            pains: Vec<ItemId>,
        }

        #[derive(Deserialize)]
        #[serde(rename = "Creator")]
                $(#[$strictness])*
        struct CreatorFile {
            id: ItemId,
            text: String,
            #[serde(default)]
            gains: Vec<ItemId>,
        }

        pub(super) fn into_canvas(file: CanvasFile) -> Canvas {
            let mut canvas = Canvas {
                title: file.title,
                segment: file.segment,
                alternatives: file.alternatives,
                ..Canvas::default()
            };
            let c = file.customer;
            let v = file.value_map;
            *canvas.section_mut(Section::Jobs) = c
                .jobs
                .into_iter()
                .map(|j| {
                    Item::new(j.id, j.text)
                        .with_kind(j.kind)
                        .with_level(j.importance.into())
                })
                .collect();
            *canvas.section_mut(Section::Pains) = c
                .pains
                .into_iter()
                .map(|p| Item::new(p.id, p.text).with_level(p.severity.into()))
                .collect();
            *canvas.section_mut(Section::Gains) = c
                .gains
                .into_iter()
                .map(|g| Item::new(g.id, g.text).with_level(g.relevance.into()))
                .collect();
            *canvas.section_mut(Section::Products) = v
                .products
                .into_iter()
                .map(|p| Item::new(p.id, p.text).with_links(p.jobs))
                .collect();
            *canvas.section_mut(Section::Relievers) = v
                .relievers
                .into_iter()
                .map(|r| Item::new(r.id, r.text).with_links(r.pains))
                .collect();
            *canvas.section_mut(Section::Creators) = v
                .creators
                .into_iter()
                .map(|g| Item::new(g.id, g.text).with_links(g.gains))
                .collect();
            canvas
        }
    }
    };
}

file_shape!(strict, #[serde(deny_unknown_fields)]);
file_shape!(lenient);

/// Names an item for error messages: its section noun, id and (shortened) text.
pub fn describe(section: Section, item: &Item) -> String {
    const MAX: usize = 40;
    let text: String = item.text.chars().take(MAX).collect();
    let more = if item.text.chars().count() > MAX {
        "…"
    } else {
        ""
    };
    format!("{} {} \"{text}{more}\"", section.noun(), item.id)
}

/// Checks ids and links: positive, unique across the canvas, and links pointing
/// to an existing item of the right section.
pub fn validate(canvas: &Canvas) -> Result<(), FormatError> {
    let mut seen: HashMap<ItemId, (Section, &Item)> = HashMap::new();
    for (section, item) in canvas.all_items_in_file_order() {
        if item.id == 0 {
            return Err(FormatError::ZeroId {
                item: describe(section, item),
            });
        }
        if let Some((s, first)) = seen.insert(item.id, (section, item)) {
            return Err(FormatError::DuplicateId {
                id: item.id,
                first: describe(s, first),
                second: describe(section, item),
            });
        }
    }
    for (section, item) in canvas.all_items_in_file_order() {
        for &target in &item.links {
            let Some(expected) = section.link_target() else {
                continue;
            };
            match seen.get(&target) {
                None => {
                    return Err(FormatError::DanglingLink {
                        item: describe(section, item),
                        target,
                    });
                }
                Some((s, t)) if *s != expected => {
                    return Err(FormatError::WrongSectionLink {
                        item: describe(section, item),
                        target,
                        found: describe(*s, t),
                        expected: expected.title(),
                    });
                }
                Some(_) => {}
            }
        }
    }
    Ok(())
}

impl Canvas {
    /// Items in the order the file lists them: the customer profile (jobs, pains,
    /// gains) then the value map (products, relievers, creators).
    fn all_items_in_file_order(&self) -> impl Iterator<Item = (Section, &Item)> {
        FILE_ORDER
            .into_iter()
            .flat_map(move |s| self.items(s).iter().map(move |i| (s, i)))
    }
}

/// The file lists the customer profile first, in the order a workshop explores it.
const FILE_ORDER: [Section; 6] = Section::WORKSHOP_ORDER;

fn syntax_error(text: &str, e: &ron::error::SpannedError) -> FormatError {
    let line = e.span.start.line;
    let column = e.span.start.col;
    let source_line = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    FormatError::Syntax {
        line,
        column,
        // ron's own wording here advises its API (`recursion_limit`, `serde_stacker`).
        message: match e.code {
            ron::Error::ExceededRecursionLimit => "nested too deeply".to_owned(),
            ref code => code.to_string(),
        },
        snippet: snippet(line, column, source_line),
    }
}

/// The offending line, shortened around the column for very long lines, with a caret.
fn snippet(line: usize, column: usize, source_line: &str) -> String {
    const WIDTH: usize = 100;
    let chars: Vec<char> = source_line.chars().collect();
    let col0 = column.saturating_sub(1).min(chars.len());
    let start = col0.saturating_sub(WIDTH / 2);
    let end = (start + WIDTH).min(chars.len());
    let shown: String = chars[start..end]
        .iter()
        .map(|c| if c.is_control() { ' ' } else { *c })
        .collect();
    let gutter = format!("{line} | ");
    let pad = " ".repeat(gutter.len() + col0 - start);
    format!("  {gutter}{shown}\n  {pad}^")
}

#[allow(clippy::naive_bytecount)] // error path only; not worth a crate
fn line_col_of_byte(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

// ---------------------------------------------------------------------------
// Writing

/// Writes a canvas in the documented shape. Same canvas → same bytes.
pub fn to_ron(canvas: &Canvas) -> String {
    let mut out = String::with_capacity(256 + canvas.item_count() * 96);
    let alternatives = canvas
        .alternatives
        .iter()
        .map(|a| quote(a))
        .collect::<Vec<_>>()
        .join(", ");
    let _ = writeln!(out, "(");
    let _ = writeln!(out, "    version: {FORMAT_VERSION},");
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
            let links = i
                .links
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            format!(", {link_field}: [{links}]")
        });
    }
    let _ = writeln!(out, "    ),");
    let _ = writeln!(out, ")");
    out
}

fn write_section(out: &mut String, name: &str, items: &[Item], extra: impl Fn(&Item) -> String) {
    if items.is_empty() {
        let _ = writeln!(out, "        {name}: [],");
        return;
    }
    let _ = writeln!(out, "        {name}: [");
    for item in items {
        let _ = writeln!(
            out,
            "            (id: {}, text: {}{}),",
            item.id,
            quote(&item.text),
            extra(item)
        );
    }
    let _ = writeln!(out, "        ],");
}

/// The enum variant name a level is written as (`NiceToHave`, not "Nice to have").
pub fn level_word(section: Section, level: Level) -> &'static str {
    match (section, level) {
        (Section::Gains, Level::Low) => "NiceToHave",
        _ => section.level_name(level),
    }
}

/// A RON string literal. Only what must be escaped is: quotes, backslashes,
/// control characters, and the invisible characters that reorder or hide
/// text (bidi controls, line separators, a stray BOM), so a diff shows what
/// the reader gets. Apostrophes and all other text stay as written.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_invisible_format(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters that change how surrounding text is shown without being seen.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{2028}' | '\u{2029}' | '\u{feff}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

#[cfg(test)]
mod tests;

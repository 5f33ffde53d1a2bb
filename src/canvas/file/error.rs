//! Why a text is not a valid canvas, where in it, and how the error names
//! what it is about.

use thiserror::Error;

use super::MAX_FILE_BYTES;
use crate::canvas::{FORMAT_VERSION, Item, ItemId, Section};

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
    #[error("{at}{item} has id 0; ids must be positive whole numbers")]
    ZeroId { item: String, at: At },
    #[error("{at}id {id} is used twice: by {first} and by {second}")]
    DuplicateId {
        id: ItemId,
        first: String,
        second: String,
        at: At,
    },
    #[error("{at}{item} links to id {target}, but no item has that id")]
    DanglingLink {
        item: String,
        target: ItemId,
        at: At,
    },
    #[error("{at}{item} links to id {target}, which is {found}; it may only link to {expected}")]
    WrongSectionLink {
        item: String,
        target: ItemId,
        found: String,
        expected: &'static str,
        at: At,
    },
    #[error("{at}{item} names id {target} in `{field}`, but nothing has that id")]
    DanglingReference {
        item: String,
        field: &'static str,
        target: ItemId,
        at: At,
    },
    #[error("{at}{item}: `{field}` {message}")]
    BadValue {
        item: String,
        field: &'static str,
        message: String,
        at: At,
    },
    #[error("{at}{item} names id {target} in `{field}`, which is {found}; it must be {expected}")]
    WrongKindReference {
        item: String,
        field: &'static str,
        target: ItemId,
        found: String,
        expected: &'static str,
        at: At,
    },
}

impl FormatError {
    /// The line and column the error is at, when known.
    pub fn location(&self) -> Option<(usize, usize)> {
        match self {
            FormatError::Syntax { line, column, .. } => Some((*line, *column)),
            FormatError::ZeroId { at, .. }
            | FormatError::DuplicateId { at, .. }
            | FormatError::DanglingLink { at, .. }
            | FormatError::WrongSectionLink { at, .. }
            | FormatError::DanglingReference { at, .. }
            | FormatError::BadValue { at, .. }
            | FormatError::WrongKindReference { at, .. } => {
                at.0.map(|(l, c)| (l as usize, c as usize))
            }
            _ => None,
        }
    }
}

/// Where in the file an error is, when known: shown as `line:column: `.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct At(pub Option<(u32, u32)>);

impl std::fmt::Display for At {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some((line, column)) => write!(f, "{line}:{column}: "),
            None => Ok(()),
        }
    }
}

/// Names an item for error messages: its section noun, id and (shortened) text.
pub fn describe(section: Section, item: &Item) -> String {
    describe_as(section.noun(), item.id, &item.text)
}

/// Names anything with an id for error messages: "test card 9 \"Landing…\"".
pub(super) fn describe_as(noun: &str, id: ItemId, text: &str) -> String {
    const MAX: usize = 40;
    let shown: String = text.chars().take(MAX).collect();
    let more = if text.chars().count() > MAX {
        "…"
    } else {
        ""
    };
    format!("{noun} {id} \"{shown}{more}\"")
}

pub(super) fn syntax_error(text: &str, e: &ron::error::SpannedError) -> FormatError {
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
pub(super) fn line_col_of_byte(bytes: &[u8], offset: usize) -> (usize, usize) {
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

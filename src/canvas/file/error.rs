//! Why a text is not a valid canvas, and where in it.

use thiserror::Error;

use super::MAX_FILE_BYTES;
use crate::canvas::{FORMAT_VERSION, ItemId};

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

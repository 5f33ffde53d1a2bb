//! bmml v2 (SPEC §9): the YAML markup for business models whose value
//! proposition canvas part maps onto ours. [`import`] turns each fit of a
//! bmml file into one canvas; [`export`] writes a canvas as one segment, one
//! proposition and one fit. Pure: text in, text out; the CLI does the I/O.
//!
//! Parsing is strict where bmml's schema is (every object rejects unknown
//! keys, ids carry their prefix) and bounded where YAML is dangerous: files
//! over 16 MiB are refused before parsing, and the parser's budget stops
//! alias bombs and deep nesting with an error long before memory or time
//! run out.

mod export;
mod import;
mod schema;

pub use export::{Export, export};
pub use import::{Imported, import};

use thiserror::Error;

/// The only bmml version vpcanvas reads and writes.
pub const VERSION: &str = "2.0";

/// Files larger than this are refused before parsing (the same limit as canvases).
pub const MAX_BYTES: usize = 16 * 1024 * 1024;

/// At most this many items in all the canvases one import makes: each fit
/// copies its segments' and propositions' items, so a small file with many
/// fits over the same items could otherwise make gigabytes.
pub const MAX_ITEMS: usize = 500_000;

/// At most this many fits (one canvas file each) in one import.
pub const MAX_FITS: usize = 1000;

/// At most this much item text in all the canvases one import makes: few
/// items can be long, so counting items alone let a 16 MiB file with a
/// hundred fits over the same segment write gigabytes. Four canvases at the
/// 16 MiB limit.
pub const MAX_TEXT_BYTES: usize = 4 * MAX_BYTES;

/// Why a text is not a bmml v2 business model vpcanvas can import.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BmmlError {
    #[error("the file is {size} bytes; the limit is {MAX_BYTES} bytes (16 MiB)")]
    TooLarge { size: usize },
    #[error("not valid UTF-8 (first bad byte at offset {offset})")]
    NotUtf8 { offset: usize },
    #[error(
        "this is XML, not bmml: probably a Balsamiq mock-up (Balsamiq also uses .bmml); \
         vpcanvas imports bmml v2 business models, YAML files that start with `version: \"2.0\"`"
    )]
    Balsamiq,
    #[error("not a bmml v2 file: {why}")]
    NotBmml { why: String },
    #[error(
        "bmml version {found}; vpcanvas reads version {VERSION} (bmml's own `migrate` command upgrades older files)"
    )]
    WrongVersion { found: String },
    #[error("{0}")]
    Yaml(String),
    #[error("{0}")]
    Invalid(String),
    #[error(
        "the file has no fits, so there is no canvas to make: a canvas is one value proposition \
         for one customer segment (add a `fits:` entry naming both)"
    )]
    NoFits,
    #[error(
        "the fits would make {items} items in {canvases} canvases; one import makes at most \
         {MAX_ITEMS} items in at most {MAX_FITS} canvases (split the file)"
    )]
    TooMany { items: usize, canvases: usize },
    #[error(
        "the fits would make {} MiB of text in {canvases} canvases; one import writes at most \
         {} MiB (split the file)", bytes / (1024 * 1024), MAX_TEXT_BYTES / (1024 * 1024)
    )]
    TooMuchText { bytes: usize, canvases: usize },
}

/// Turns text into a URL-style slug for bmml ids (`[a-z0-9-]+`), or `None`
/// when nothing of it is usable (the caller picks a fallback).
pub fn slug(text: &str) -> Option<String> {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 48 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests;

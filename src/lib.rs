//! vpcanvas: a keyboard-first terminal editor for the Value Proposition Canvas.
//!
//! Module map (data flows top to bottom):
//! - [`canvas`]: the domain: sections, items, ids, links, and the RON file format.
//! - [`fit`]: the fit analysis (pains without relievers, gains without creators, coverage).
//! - [`statement`]: the value proposition statement.
//! - [`export`]: Markdown, JSON and plain-text renderings of a canvas (pure).
//! - [`storage`]: the data directory, loading with clear errors, atomic saves with `.bak`.
//! - [`cli`]: the command line and the headless commands.
//!
//! The domain modules know no terminal and do no I/O.

pub mod canvas;
pub mod cli;
pub mod export;
pub mod fit;
pub mod statement;
pub mod storage;

//! vpcanvas: a keyboard-first terminal editor for the Value Proposition Canvas.
//!
//! Module map, and how data flows:
//!
//! ```text
//! key/mouse/resize ─▶ input::keymap ─▶ Action ─▶ App::update ─▶ Vec<Effect> ─▶ runtime (I/O)
//!                                                   │                              │
//!                                                   ▼                              │
//!                                        ui::render(&App) ◀── results as Actions ◀┘
//! ```
//!
//! - [`canvas`]: the domain: sections, items, ids, links, and the RON file format.
//! - [`fit`]: the fit analysis (pains without relievers, gains without creators, coverage).
//! - [`compare`]: against the alternatives: scores per factor, leads, trails, `versus`.
//! - [`verdict`]: what a measured test's numbers support (rates, intervals, the best).
//! - [`diff`]: what changed between two canvases, by item, and what it did to the fit.
//! - [`statement`]: the value proposition statement.
//! - [`coach`]: hints that make a canvas sharper (rules with public ids, SPEC §7).
//! - [`export`]: Markdown, JSON and plain-text renderings of a canvas.
//! - [`storage`]: the data directory, loading with clear errors, atomic saves with `.bak`.
//! - [`merge`]: the three-way merge of canvases by id (git's merge driver).
//! - [`app`]: the editor's state, its actions and effects, and the one `update`.
//! - [`input`]: the key table that turns events into actions.
//! - [`ui`]: drawing, a pure function of the app state.
//! - [`clipboard`]: the system clipboard, OSC 52 through the terminal, and a fake.
//! - [`library`]: the list of canvases in the data directory (open, new, rename, …).
//! - [`runtime`]: the event loop, the terminal, signals and file I/O.
//! - [`session`]: one terminal session moving between the library and the editor.
//! - [`cli`]: the command line and the headless commands.
//! - [`output`]: stdout and stderr, never panicking, only inert text.
//! - [`room`]: the workshop room: phones write and vote over the local network.
//! - [`config`]: the optional config file (themes, projector preferences).
//! - [`bmml`]: import and export of bmml v2, the YAML markup for business models.
//! - [`text`]: display width, cutting and cleaning text (a leaf: no app, UI or terminal).
//! - [`layout`]: where everything goes on screen, pure geometry (a leaf shared by
//!   `app`, for scrolling and the mouse, and `ui`, for drawing).
//! - [`theme`]: colours and text attributes as data (a leaf).
//! - [`examples`]: the bundled example canvases (a leaf shared by `cli` and `library`).
//! - [`travel`]: the commands for canvases in git and bmml: `import`, `diff`, `merge`.
//! - [`synth`]: synthetic canvases of any size, for benchmarks and manual tries.
//!
//! `canvas`, `fit`, `compare`, `verdict`, `statement`, `coach`, `export` and `storage` know no terminal. The
//! top-level modules import each other in one direction only: `app` never
//! imports `ui`, `input` or `library`; the input layer is told its key context
//! rather than given a screen. `tests/it/architecture.rs` checks both rules.

pub mod app;
pub mod bmml;
pub mod canvas;
pub mod cli;
pub mod clipboard;
pub mod coach;
pub mod compare;
pub mod config;
pub mod diff;
pub mod examples;
pub mod export;
pub mod fit;
pub mod input;
pub mod layout;
pub mod library;
pub mod merge;
pub mod output;
pub mod room;
pub mod runtime;
pub mod session;
pub mod statement;
pub mod storage;
pub mod synth;
pub mod text;
pub mod theme;
pub mod travel;
pub mod ui;
pub mod verdict;

//! Speed benchmarks (issue #7, SPEC §6 "Fast"): load, save, fit analysis, one
//! edit through `App::update`, rendering and `show`, at 100 … 100,000 items,
//! plus a floor: a bare ratatui frame of the same size with no vpcanvas code.
//!
//! First the budgets (`speed/budgets.rs`): whole commands at 100,000 items,
//! start-up against a bare ratatui program, edit memory and the keystroke
//! path, each printed next to its budget.
//!
//! `cargo bench` runs everything (a few minutes on 2 cores); `cargo bench --
//! render` runs what matches a filter, `cargo bench -- budgets` the budgets only. Under `cargo test --all-targets` divan
//! runs each benchmark once, and only at the small sizes, to keep tests fast.

#![allow(clippy::unwrap_used)]
// The budgets' table is this program's output.
#![allow(clippy::print_stdout)]
// The benchmark groups below are modules only for divan's tree of names; they
// share this file's imports.
#![allow(clippy::wildcard_imports)]

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use divan::{Bencher, black_box};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use vpcanvas::app::{Action, App, RuntimeEvent, TextEdit};
use vpcanvas::canvas::file::{self, to_ron};
use vpcanvas::canvas::{Canvas, Level, Section};
use vpcanvas::fit::analyze;
use vpcanvas::storage::{self, SaveOptions};
use vpcanvas::synth::synthetic;
use vpcanvas::ui;

/// The frame every render benchmark draws: a large terminal.
const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

#[path = "speed/budgets.rs"]
mod budgets;

fn main() {
    // This binary run again to measure one whole process (see `budgets`).
    if budgets::helper() {
        return;
    }
    if benchmarking() && wants_budgets() {
        budgets::run_all();
    }
    divan::Divan::default()
        // The 100,000-item cases take long per iteration: stop sampling after
        // a few seconds so the whole run stays within a few minutes.
        .max_time(Duration::from_secs(3))
        .config_with_args()
        .main();
}

/// Whether this is a real benchmark run (`cargo bench` passes `--bench`)
/// rather than `cargo test`, which runs each benchmark once in a debug build.
fn benchmarking() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// Whether to measure the budgets: when no benchmark is named
/// (`cargo bench`), or `budgets` is (`cargo bench -- budgets`).
fn wants_budgets() -> bool {
    let named: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    named.is_empty() || named.iter().any(|a| a == "budgets")
}

/// The canvas sizes: all four when benchmarking, the small ones under test;
/// `VPCANVAS_BENCH_SIZES=1000,10000` picks others (e.g. for profiling).
fn sizes() -> &'static [usize] {
    static CHOSEN: OnceLock<Option<Vec<usize>>> = OnceLock::new();
    let chosen = CHOSEN.get_or_init(|| {
        let list = std::env::var("VPCANVAS_BENCH_SIZES").ok()?;
        Some(
            list.split(',')
                .filter_map(|s| s.trim().parse().ok())
                .collect(),
        )
    });
    if let Some(list) = chosen {
        list
    } else if benchmarking() {
        &[100, 1_000, 10_000, 100_000]
    } else {
        &[100, 1_000]
    }
}

/// A synthetic canvas and its file text, built once per size.
struct Fixture {
    canvas: Canvas,
    text: String,
}

fn fixture(items: usize) -> &'static Fixture {
    static CACHE: OnceLock<Mutex<HashMap<usize, &'static Fixture>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Mutex::default).lock().unwrap();
    cache.entry(items).or_insert_with(|| {
        let canvas = synthetic(items, 7);
        let text = to_ron(&canvas);
        Box::leak(Box::new(Fixture { canvas, text }))
    })
}

/// A scratch directory for file benchmarks, removed when the run ends.
fn scratch() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        tempfile::Builder::new()
            .prefix("vpcanvas-bench")
            .tempdir()
            .unwrap()
    })
    .path()
}

fn scratch_file(name: &str, items: usize) -> PathBuf {
    scratch().join(format!("{name}-{items}.ron"))
}

/// An editor on the fixture, sized like the render frame, focused on a pain
/// whose level can go up.
fn editor(items: usize) -> App {
    let f = fixture(items);
    let mut app = App::new(f.canvas.clone(), scratch_file("edit", items), true);
    app.update(RuntimeEvent::Resize(WIDTH, HEIGHT));
    app.update(Action::JumpTo(Section::Pains));
    let pains = app.canvas().items(Section::Pains);
    let index = pains
        .iter()
        .position(|p| p.level != Level::High)
        .unwrap_or(0);
    app.selected[Section::Pains.index()] = index;
    app.update(RuntimeEvent::Resize(WIDTH, HEIGHT));
    // A first frame, as the editor draws one: the coach reads the canvas
    // for its marks, so every edit after it keeps the coach up to date.
    let area = Rect::new(0, 0, WIDTH, HEIGHT);
    ui::draw(&app, area, &mut Buffer::empty(area));
    app
}

/// Item lengths for the long-item benchmarks (issue #27): 1 MB and 14 MB
/// (one item near the 16 MiB a canvas may be); only 1 MB under test.
fn long_lengths() -> &'static [usize] {
    if benchmarking() {
        &[1_000_000, 14_000_000]
    } else {
        &[1_000_000]
    }
}

/// An editor whose first pain is `bytes` of words (a short pain below it),
/// focused on the long one and drawn once, as the editor does.
fn long_item_editor(bytes: usize) -> App {
    let unit = "Clients pay late and we chase them every single week. ";
    let mut canvas = Canvas::new("Long");
    canvas.push(Section::Pains, unit.repeat(bytes / unit.len()));
    canvas.push(Section::Pains, "Tax surprises");
    let mut app = App::new(canvas, scratch_file("long-item", bytes), true);
    app.update(RuntimeEvent::Resize(WIDTH, HEIGHT));
    app.update(Action::JumpTo(Section::Pains));
    let area = Rect::new(0, 0, WIDTH, HEIGHT);
    ui::draw(&app, area, &mut Buffer::empty(area));
    app
}

/// `action` and the frame after it, on a fresh copy of `template` each time.
fn act_and_draw(bencher: Bencher, template: &App, action: &Action) {
    let area = Rect::new(0, 0, WIDTH, HEIGHT);
    let mut buf = Buffer::empty(area);
    bencher
        .with_inputs(|| template.clone())
        .bench_local_refs(|app| {
            app.update(black_box(action.clone()));
            buf.reset();
            ui::draw(app, area, &mut buf);
        });
}

// ---------------------------------------------------------------------------
// Load and save

mod load {
    use super::*;

    /// Parsing and validating the RON text.
    #[divan::bench(args = sizes())]
    fn parse(bencher: Bencher, items: usize) {
        let text = &fixture(items).text;
        bencher.bench(|| file::parse(black_box(text)).unwrap());
    }

    /// `storage::load`: open, read, parse, validate.
    #[divan::bench(args = sizes())]
    fn storage_load(bencher: Bencher, items: usize) {
        let path = scratch_file("load", items);
        fs::write(&path, &fixture(items).text).unwrap();
        bencher.bench(|| storage::load(black_box(&path)).unwrap());
    }
}

mod save {
    use super::*;

    /// Without fsync: `to_ron` and a plain `fs::write` to a new file. The old
    /// file is removed first, untimed: rewriting a file in place would let
    /// ext4's `auto_da_alloc` flush it on close, which is an fsync in disguise.
    #[divan::bench(args = sizes(), sample_size = 1)]
    fn write_no_fsync(bencher: Bencher, items: usize) {
        let canvas = &fixture(items).canvas;
        let path = scratch_file("plain", items);
        bencher
            .with_inputs(|| {
                let _ = fs::remove_file(&path);
            })
            .bench_local_values(|()| fs::write(&path, to_ron(black_box(canvas))).unwrap());
    }

    /// `to_ron` alone: the serialising part of a save.
    #[divan::bench(args = sizes())]
    fn to_ron_only(bencher: Bencher, items: usize) {
        let canvas = &fixture(items).canvas;
        bencher.bench(|| to_ron(black_box(canvas)));
    }

    /// `storage::save`: temp file, fsync, rename, fsync of the folder.
    #[divan::bench(args = sizes(), sample_count = 30)]
    fn storage_save_fsync(bencher: Bencher, items: usize) {
        let canvas = &fixture(items).canvas;
        let path = scratch_file("atomic", items);
        bencher.bench(|| storage::save(&path, black_box(canvas), SaveOptions::default()).unwrap());
    }
}

// ---------------------------------------------------------------------------
// Fit analysis and editing

mod fit {
    use super::*;

    #[divan::bench(args = sizes())]
    fn analyze(bencher: Bencher, items: usize) {
        let canvas = &fixture(items).canvas;
        bencher.bench(|| super::analyze(black_box(canvas)));
    }

    /// `vpcanvas check FILE` text output after the analysis: it named each
    /// flagged item's level by a scan of the canvas (quadratic), now by one index.
    #[divan::bench(args = sizes())]
    fn check_text(bencher: Bencher, items: usize) {
        let canvas = &fixture(items).canvas;
        let report = super::analyze(canvas);
        bencher.bench(|| {
            vpcanvas::export::check_text("bench.ron", black_box(canvas), black_box(&report))
        });
    }
}

mod edit {
    use super::*;

    /// One `LevelUp` on a selected pain through `App::update`: the undo
    /// snapshot, the change, the fit refresh, the scroll bookkeeping. Each
    /// iteration gets a fresh editor (so undo history does not pile up); the
    /// returned `Effect::Save` is dropped, no I/O happens.
    #[divan::bench(args = sizes(), sample_size = 1, sample_count = 60)]
    fn level_up(bencher: Bencher, items: usize) {
        let template = editor(items);
        bencher
            .with_inputs(|| template.clone())
            .bench_local_refs(|app| app.update(black_box(Action::LevelUp)));
    }

    /// One character typed into the field of a long pain being edited: the
    /// edit, the field's re-wrap and the scroll bookkeeping that keeps the
    /// growing field in view.
    #[divan::bench(args = sizes(), sample_size = 1, sample_count = 60)]
    fn type_in_field(bencher: Bencher, items: usize) {
        let mut template = editor(items);
        template.update(Action::Edit);
        for c in " and then some more words so the field wraps onto lines".chars() {
            template.update(Action::Text(TextEdit::Insert(c)));
        }
        bencher
            .with_inputs(|| template.clone())
            .bench_local_refs(|app| app.update(black_box(Action::Text(TextEdit::Insert('x')))));
    }

    /// One character typed in the middle of a 1 MB item (issue #27): the
    /// field keeps its lines, so this costs what a short item's key does
    /// (budget: within 2× `type_in_field`; it was 109 ms).
    #[divan::bench(args = [1_000], sample_size = 1, sample_count = 20)]
    fn type_in_long_item(bencher: Bencher, items: usize) {
        let mut template = editor(items);
        let long = "Clients pay late and we chase them every single week. ".repeat(19_000);
        template.update(Action::Edit);
        template.update(Action::Text(TextEdit::ClearToStart));
        template.update(Action::Paste(long));
        for _ in 0..9_000 {
            template.update(Action::Text(TextEdit::WordLeft));
        }
        template.update(Action::Text(TextEdit::Insert('x')));
        bencher
            .with_inputs(|| template.clone())
            .bench_local_refs(|app| app.update(black_box(Action::Text(TextEdit::Insert('x')))));
    }

    /// A key typed in the middle of a 1 MB or a 14 MB item, and the frame
    /// after it (issue #27; budget: well under a frame, 16 ms, at both).
    #[divan::bench(args = long_lengths(), sample_size = 1, sample_count = 20)]
    fn type_and_draw_in_long_item(bencher: Bencher, bytes: usize) {
        let mut template = long_item_editor(bytes);
        template.update(Action::Edit);
        for _ in 0..2_000 {
            template.update(Action::Text(TextEdit::WordLeft));
        }
        template.update(Action::Text(TextEdit::Insert('x')));
        act_and_draw(bencher, &template, &Action::Text(TextEdit::Insert('x')));
    }

    /// Opening the item editor on a long item, and its frame: the field
    /// wraps the text once (issue #27; budget: well under a second at 14 MB).
    #[divan::bench(args = long_lengths(), sample_size = 1, sample_count = 10)]
    fn open_long_item(bencher: Bencher, bytes: usize) {
        act_and_draw(bencher, &long_item_editor(bytes), &Action::Edit);
    }

    /// Moving from a long item to the next, and the frame (issue #27;
    /// budget: 16 ms at 14 MB).
    #[divan::bench(args = long_lengths(), sample_size = 1, sample_count = 20)]
    fn move_past_long_item(bencher: Bencher, bytes: usize) {
        act_and_draw(bencher, &long_item_editor(bytes), &Action::Down);
    }

    /// The canvas clone `App::update` takes for its undo snapshot.
    #[divan::bench(args = sizes())]
    fn snapshot_clone(bencher: Bencher, items: usize) {
        let canvas = &fixture(items).canvas;
        bencher.bench(|| black_box(canvas).clone());
    }
}

// ---------------------------------------------------------------------------
// The coach (issue #15): hints must keep up with typing (under 1 ms an edit
// at 10,000 items), so only what an edit changed is read again.

mod coach {
    use super::*;
    use vpcanvas::coach::{Coach, RuleSet};

    /// The canvas with one pain's text changed, as an edit leaves it.
    fn edited(items: usize) -> (Coach, Canvas) {
        let canvas = &fixture(items).canvas;
        let coach = Coach::of(canvas, RuleSet::EMPTY);
        let mut after = canvas.clone();
        let pains = after.items(Section::Pains);
        let id = pains[pains.len() / 2].id;
        after.set_text(id, "Invoices take 3 hours every Friday");
        (coach, after)
    }

    /// `Coach::refresh` after one item's text changed.
    #[divan::bench(args = sizes(), sample_size = 1, sample_count = 60)]
    fn refresh_after_text_edit(bencher: Bencher, items: usize) {
        let (coach, after) = edited(items);
        bencher
            .with_inputs(|| coach.clone())
            .bench_local_refs(|coach| coach.refresh(black_box(&after)));
    }

    /// One keystroke while typing: the hints of the draft text.
    #[divan::bench(args = sizes())]
    fn draft_hints(bencher: Bencher, items: usize) {
        let canvas = &fixture(items).canvas;
        let coach = Coach::of(canvas, RuleSet::EMPTY);
        bencher.bench(|| {
            coach.draft_hints(
                Section::Pains,
                None,
                black_box("Invoicing is slow and painful"),
            )
        });
    }

    /// Reading a whole canvas afresh (opening it, `lint`).
    #[divan::bench(args = sizes())]
    fn read_afresh(bencher: Bencher, items: usize) {
        let canvas = &fixture(items).canvas;
        bencher.bench(|| Coach::of(black_box(canvas), RuleSet::EMPTY));
    }
}

// ---------------------------------------------------------------------------
// Rendering

mod render {
    use super::*;

    /// A full frame into a `Buffer` with `ui::draw` (the buffer is reset first,
    /// as a terminal does between frames).
    #[divan::bench(args = sizes())]
    fn draw(bencher: Bencher, items: usize) {
        let app = editor(items);
        let area = Rect::new(0, 0, WIDTH, HEIGHT);
        let mut buf = Buffer::empty(area);
        bencher.bench_local(|| {
            buf.reset();
            ui::draw(black_box(&app), area, &mut buf);
        });
    }

    /// A full frame of long items (80–140 characters, each wrapping onto
    /// three or four lines): what wrapping costs at its worst.
    #[divan::bench(args = sizes())]
    fn draw_long_texts(bencher: Bencher, items: usize) {
        let short = &fixture(items).canvas;
        let mut canvas = Canvas::new(short.title.clone());
        for section in Section::ALL {
            for item in short.items(section) {
                let mut item = (**item).clone();
                item.text = format!("{} — and, said at length, {}", item.text, item.text);
                canvas.insert_item(section, usize::MAX, item);
            }
        }
        let mut app = App::new(canvas, scratch_file("long", items), true);
        app.update(RuntimeEvent::Resize(WIDTH, HEIGHT));
        let area = Rect::new(0, 0, WIDTH, HEIGHT);
        let mut buf = Buffer::empty(area);
        bencher.bench_local(|| {
            buf.reset();
            ui::draw(black_box(&app), area, &mut buf);
        });
    }

    /// A full frame through `Terminal<TestBackend>::draw` and `ui::render`,
    /// including ratatui's diff and the backend write.
    #[divan::bench(args = sizes())]
    fn terminal(bencher: Bencher, items: usize) {
        let app = editor(items);
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
        bencher.bench_local(|| {
            terminal
                .draw(|frame| ui::render(black_box(&app), frame))
                .unwrap();
        });
    }

    /// `vpcanvas show` after loading: draw into a fresh buffer and turn it into text.
    #[divan::bench(args = sizes())]
    fn show_text(bencher: Bencher, items: usize) {
        let app = editor(items);
        let area = Rect::new(0, 0, WIDTH, HEIGHT);
        bencher.bench_local(|| {
            let mut buf = Buffer::empty(area);
            ui::draw(black_box(&app), area, &mut buf);
            ui::buffer_to_text(&buf)
        });
    }
}

// ---------------------------------------------------------------------------
// diff and merge of two unrelated canvases (issue #27): every item differs.
// Budgets for two 140,000-item canvases (15.6 MB files, near the 16 MiB
// limit), by `/usr/bin/time -v`: `diff --format json` and `diff` under 400 MB
// peak (each change is written as it is turned into JSON, never a tree of
// all of them); `merge` under 30 s and 500 MB (each conflict copy is placed
// by a lookup, not a scan of all the copies).

mod travel {
    use super::*;
    use vpcanvas::diff::{DiffFormat, diff, render};

    #[divan::bench(args = sizes(), sample_count = 5)]
    fn diff_json(bencher: Bencher, items: usize) {
        let (old, new) = (synthetic(items, 1), synthetic(items, 2));
        bencher.bench(|| render(&diff(black_box(&old), &new), DiffFormat::Json, "a", "b"));
    }

    #[divan::bench(args = sizes(), sample_count = 5)]
    fn merge_all_conflicting(bencher: Bencher, items: usize) {
        let (base, ours, theirs) = (
            synthetic(items, 3),
            synthetic(items, 2),
            synthetic(items, 1),
        );
        bencher.bench(|| vpcanvas::merge::merge(black_box(&base), &ours, &theirs));
    }
}

// ---------------------------------------------------------------------------
// Pictures of a dense web of links (issue #27): R relievers each relieving
// all R pains. Budgets at 1,200 × 1,200 (a 7.5 MB canvas): the SVG under 1 s
// and under 4× the canvas's bytes (it numbers runs as ranges and counts what
// a slide cannot number), the PNG under 10 s and 300 MB peak (`/usr/bin/time
// -v vpcanvas export dense.ron --format png`, made with `examples/synth
// dense:1200x1200`).

mod picture {
    use super::*;
    use vpcanvas::export::svg;

    /// The web's sides: 1,200 when benchmarking, small under test.
    fn sides() -> &'static [usize] {
        if benchmarking() { &[300, 1_200] } else { &[60] }
    }

    #[divan::bench(args = sides(), sample_count = 5)]
    fn svg_dense_links(bencher: Bencher, side: usize) {
        let canvas = vpcanvas::synth::dense_links(side, side, 1);
        bencher.bench(|| svg::svg(black_box(&canvas)));
    }
}

// ---------------------------------------------------------------------------
// The floor: a bare ratatui frame of the same size, no vpcanvas code.

mod floor {
    use super::*;

    /// Two bordered halves, six bordered sections, a header and a wrapped paragraph.
    fn bare_frame(area: Rect, buf: &mut Buffer) {
        let [header, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(3),
            Constraint::Length(1),
        ])
        .areas(area);
        Line::from("Floor: a bare ratatui frame").render(header, buf);
        let halves = Layout::horizontal([Constraint::Percentage(50); 2]).split(body);
        for (i, half) in halves.iter().enumerate() {
            Block::bordered()
                .title(format!(" Half {i} "))
                .render(*half, buf);
            let inner = Block::bordered().inner(*half);
            let rows = Layout::vertical([Constraint::Ratio(1, 3); 3]).split(inner);
            for (j, row) in rows.iter().enumerate() {
                let block = Block::bordered().title(format!(" Section {j} "));
                let text = "Some words in a box, wrapped to the width of the box. ".repeat(6);
                Paragraph::new(text)
                    .wrap(Wrap { trim: true })
                    .block(block)
                    .render(*row, buf);
            }
        }
        Paragraph::new("q quits · ? help").render(footer, buf);
    }

    #[divan::bench]
    fn draw(bencher: Bencher) {
        let area = Rect::new(0, 0, WIDTH, HEIGHT);
        let mut buf = Buffer::empty(area);
        bencher.bench_local(|| {
            buf.reset();
            bare_frame(black_box(area), &mut buf);
        });
    }

    #[divan::bench]
    fn terminal(bencher: Bencher) {
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
        bencher.bench_local(|| {
            terminal
                .draw(|frame| bare_frame(frame.area(), frame.buffer_mut()))
                .unwrap();
        });
    }
}

// ---------------------------------------------------------------------------
// The verdict on a measured test (SPEC §13): drawn under every test on the
// board each frame, so it must take well under a frame even at 100,000
// people and with four variants.

mod verdict {
    use super::*;
    use vpcanvas::canvas::{TestCard, TestResult, Variant};

    fn test_of(rows: &[(u64, u64)]) -> TestCard {
        TestCard {
            results: rows
                .iter()
                .enumerate()
                .map(|(i, &(shown, converted))| TestResult {
                    variant: Variant::Label(format!("variant {i}")),
                    shown,
                    converted,
                })
                .collect(),
            ..TestCard::default()
        }
    }

    #[divan::bench(args = [400, 100_000])]
    fn two_variants(bencher: Bencher, people: u64) {
        let test = test_of(&[(people, people * 3 / 40), (people, people / 20)]);
        bencher.bench(|| vpcanvas::verdict::of(black_box(&test)));
    }

    #[divan::bench(args = [400, 100_000])]
    fn four_variants(bencher: Bencher, people: u64) {
        let test = test_of(&[
            (people, people / 10),
            (people, people * 12 / 100),
            (people, people * 9 / 100),
            (people, people * 15 / 100),
        ]);
        bencher.bench(|| vpcanvas::verdict::of(black_box(&test)));
    }
}

// ---------------------------------------------------------------------------
// The room under load

#[path = "speed/room.rs"]
mod room;

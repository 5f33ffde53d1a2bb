//! Format version 1 files that must load, with the same meaning, forever
//! (SPEC §2: the file format is a public interface). Each file in
//! `tests/fixtures/v1/` is checked for exactly what it contains; never edit
//! one to make a test pass — add a new fixture instead.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};

use vpcanvas::canvas::file::to_ron;
use vpcanvas::canvas::{Canvas, Item, JobKind, Level, Section};
use vpcanvas::storage;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/v1")
        .join(name)
}

fn load(name: &str) -> (Canvas, u32) {
    let parsed = storage::load(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(!parsed.read_only(), "{name} must be editable");
    (parsed.canvas, parsed.version)
}

fn set(c: &mut Canvas, section: Section, items: Vec<Item>) {
    for (i, item) in items.into_iter().enumerate() {
        c.insert_item(section, i, item);
    }
}

/// The canvas of the SPEC §2 example.
fn spec_canvas() -> Canvas {
    let mut c = Canvas::new("Invoicing for freelancers");
    c.segment = "Freelance designers".into();
    c.alternatives = vec!["Spreadsheets".into(), "Hiring a bookkeeper".into()];
    set(
        &mut c,
        Section::Jobs,
        vec![
            Item::new(1, "Get paid on time")
                .with_kind(JobKind::Functional)
                .with_level(Level::High),
        ],
    );
    set(
        &mut c,
        Section::Pains,
        vec![Item::new(2, "Chasing clients for late payments").with_level(Level::High)],
    );
    set(
        &mut c,
        Section::Gains,
        vec![Item::new(3, "Predictable monthly cash flow").with_level(Level::High)],
    );
    set(
        &mut c,
        Section::Products,
        vec![Item::new(4, "Invoicing web app").with_links(vec![1])],
    );
    set(
        &mut c,
        Section::Relievers,
        vec![Item::new(5, "Automatic, polite payment reminders").with_links(vec![2])],
    );
    set(
        &mut c,
        Section::Creators,
        vec![Item::new(6, "30-day cash-flow forecast").with_links(vec![3])],
    );
    c
}

#[test]
fn the_spec_example_loads_verbatim() {
    let (canvas, version) = load("spec_example.ron");
    assert_eq!(version, 1);
    assert_eq!(canvas, spec_canvas());
    // The fixture is the SPEC's example byte for byte, and it is exactly what
    // the writer emits: a file saved by vpcanvas diffs cleanly against it.
    let text = fs::read_to_string(fixture("spec_example.ron")).unwrap();
    assert_eq!(to_ron(&canvas), text);
}

#[test]
fn struct_names_are_accepted() {
    let text = fs::read_to_string(fixture("struct_names.ron")).unwrap();
    assert!(text.starts_with("Canvas(") && text.contains("Reliever(id: 5"));
    let (canvas, version) = load("struct_names.ron");
    assert_eq!(version, 1);
    assert_eq!(canvas, spec_canvas());
}

#[test]
fn a_byte_order_mark_is_dropped() {
    assert!(
        fs::read(fixture("bom.ron"))
            .unwrap()
            .starts_with(b"\xef\xbb\xbf(")
    );
    assert_eq!(load("bom.ron").0, spec_canvas());
}

#[test]
fn crlf_line_endings_are_accepted() {
    let bytes = fs::read(fixture("crlf.ron")).unwrap();
    assert!(
        bytes.windows(2).any(|w| w == b"\r\n"),
        "git turned CRLF into LF"
    );
    assert_eq!(load("crlf.ron").0, spec_canvas());
}

#[test]
fn every_optional_field_may_be_absent() {
    let text = fs::read_to_string(fixture("optional_omitted.ron")).unwrap();
    for field in [
        "version",
        "segment",
        "alternatives",
        "kind",
        "importance",
        "severity",
        "relevance",
        "jobs: [",
        "pains: [",
        "gains: [",
    ] {
        // Section lists are present; the link lists of items are not.
        let in_items = text
            .lines()
            .filter(|l| l.trim_start().starts_with("(id:"))
            .any(|l| l.contains(field));
        let anywhere = text.contains(field);
        assert!(
            !in_items && (field.ends_with('[') || !anywhere),
            "{field} is present"
        );
    }
    let (canvas, version) = load("optional_omitted.ron");
    assert_eq!(version, 1, "no version means version 1");
    let mut want = Canvas::new("Only what is required");
    let names = [
        (Section::Jobs, 1, "A job"),
        (Section::Pains, 2, "A pain"),
        (Section::Gains, 3, "A gain"),
        (Section::Products, 4, "A product"),
        (Section::Relievers, 5, "A reliever"),
        (Section::Creators, 6, "A creator"),
    ];
    for (section, id, text) in names {
        // Item::new has the documented defaults: Functional, Medium, no links.
        set(&mut want, section, vec![Item::new(id, text)]);
    }
    assert_eq!(canvas, want);
    assert_eq!(canvas.segment, "");
    assert!(canvas.alternatives.is_empty());
    let job = &canvas.items(Section::Jobs)[0];
    assert_eq!((job.kind, job.level), (JobKind::Functional, Level::Medium));
    for section in [Section::Pains, Section::Gains] {
        assert_eq!(canvas.items(section)[0].level, Level::Medium);
    }
    for section in [Section::Products, Section::Relievers, Section::Creators] {
        assert!(canvas.items(section)[0].links.is_empty());
    }
}

#[test]
fn unicode_text_and_escapes_load_as_written() {
    let (canvas, _) = load("unicode.ron");
    assert_eq!(canvas.title, "請求書 — Rechnungen für Freiberufler 😀");
    assert_eq!(canvas.segment, "デザイナー, Ärztinnen & مصممون");
    assert_eq!(
        canvas.alternatives,
        [
            "Tabellenkalkulation",
            "家計簿アプリ",
            "👩\u{200d}💻 a freelancer's own scripts"
        ]
    );
    let jobs = canvas.items(Section::Jobs);
    assert_eq!(jobs.len(), 2);
    assert_eq!(jobs[0].text, "Être payé à temps");
    assert_eq!(
        (jobs[0].kind, jobs[0].level),
        (JobKind::Emotional, Level::Low)
    );
    assert_eq!(
        jobs[1].text,
        "e\u{301} combining, 😀 escaped, tab\tand \"quotes\" \\ backslash"
    );
    assert_eq!(
        (jobs[1].kind, jobs[1].level),
        (JobKind::Social, Level::High)
    );
    assert_eq!(canvas.items(Section::Pains)[0].text, "支払いの遅れ");
    assert_eq!(canvas.items(Section::Pains)[0].level, Level::Low);
    assert_eq!(
        canvas.items(Section::Gains)[0].text,
        "👨\u{200d}👩\u{200d}👧 family time"
    );
    assert_eq!(canvas.items(Section::Gains)[0].level, Level::Low);
    assert_eq!(
        canvas.items(Section::Products)[0].text,
        "Приложение для счетов"
    );
    assert_eq!(canvas.items(Section::Products)[0].links, [1, 7]);
    assert_eq!(
        canvas.items(Section::Relievers)[0].text,
        "תזכורות אוטומטיות"
    );
    assert_eq!(
        canvas.items(Section::Creators)[0].text,
        "Ελληνικά και 한국어"
    );
    // Written back and read again, nothing changes.
    let again = vpcanvas::canvas::file::parse(&to_ron(&canvas))
        .unwrap()
        .canvas;
    assert_eq!(again, canvas);
}

#[test]
fn comments_are_allowed() {
    let (canvas, _) = load("comments.ron");
    assert_eq!(canvas.title, "Commented");
    let jobs = canvas.items(Section::Jobs);
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].text, "Keep notes");
    assert_eq!(jobs[0].kind, JobKind::Supporting);
    assert_eq!(canvas.item_count(), 1);
}

#[test]
fn every_fixture_is_checked_here() {
    let known = [
        "bom.ron",
        "comments.ron",
        "crlf.ron",
        "optional_omitted.ron",
        "spec_example.ron",
        "struct_names.ron",
        "unicode.ron",
    ];
    let dir = fixture("");
    let mut found: Vec<String> = fs::read_dir(Path::new(&dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    found.sort();
    assert_eq!(
        found, known,
        "a fixture was added or removed without a test"
    );
}

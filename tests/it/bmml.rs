//! bmml through the command line: `import` and `export --format bmml` with
//! real files, what they say on stderr, and that bad input never writes.

use std::fs;
use std::process::{Command, Output};

use vpcanvas::canvas::Section;
use vpcanvas::canvas::file::parse;

const BIN: &str = env!("CARGO_BIN_EXE_vpcanvas");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bmml");

fn run(args: &[&str], data: &std::path::Path) -> Output {
    Command::new(BIN)
        .args(args)
        .env("VPCANVAS_DATA_DIR", data)
        .env("HOME", data)
        .output()
        .expect("runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn import_makes_one_canvas_per_fit_and_says_what_it_left() {
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("canvases");
    let shops = format!("{FIXTURES}/shops.bmml");
    let o = run(
        &["import", &shops, "--out", out.to_str().expect("utf-8")],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let printed = String::from_utf8_lossy(&o.stdout);
    assert!(
        printed.contains("ledger-shops.ron") && printed.contains("portal-accountants.ron"),
        "{printed}"
    );
    assert!(
        stderr(&o).contains("vpcanvas: not placed: business-model blocks"),
        "{}",
        stderr(&o)
    );
    let c = parse(&fs::read_to_string(out.join("ledger-shops.ron")).expect("written"))
        .expect("valid")
        .canvas;
    assert_eq!(c.items(Section::Relievers).len(), 2);
    // A second import would overwrite: nothing is written, and it says why.
    let before = fs::read(out.join("ledger-shops.ron")).expect("read");
    let again = run(
        &["import", &shops, "--out", out.to_str().expect("utf-8")],
        dir.path(),
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("already exist"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        fs::read(out.join("ledger-shops.ron")).expect("read"),
        before
    );
    // Without --out, into the data directory.
    let data = tempfile::tempdir().expect("temp");
    let o = run(&["import", &shops], data.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(data.path().join("ledger-shops.ron").is_file());
}

#[test]
fn export_then_import_gives_back_the_same_canvas() {
    let dir = tempfile::tempdir().expect("temp");
    let o = run(&["new", "trip", "--example"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let original = parse(&fs::read_to_string(dir.path().join("trip.ron")).expect("read"))
        .expect("valid")
        .canvas;
    let path = dir.path().join("trip.ron");
    let e = run(
        &["export", path.to_str().expect("utf-8"), "--format", "bmml"],
        dir.path(),
    );
    assert!(e.status.success(), "{}", stderr(&e));
    assert!(
        stderr(&e).contains("bmml cannot hold, left out: levels"),
        "{}",
        stderr(&e)
    );
    assert!(stderr(&e).contains("product→job links"), "{}", stderr(&e));
    let file = dir.path().join("trip.bmml");
    fs::write(&file, &e.stdout).expect("write");
    let back = dir.path().join("back");
    let i = run(
        &[
            "import",
            file.to_str().expect("utf-8"),
            "--out",
            back.to_str().expect("utf-8"),
        ],
        dir.path(),
    );
    assert!(i.status.success(), "{}", stderr(&i));
    let name = String::from_utf8_lossy(&i.stdout).trim().to_owned();
    let imported = parse(&fs::read_to_string(&name).expect("read"))
        .expect("valid")
        .canvas;
    for s in Section::ALL {
        let ids = |c: &vpcanvas::canvas::Canvas| {
            c.items(s)
                .iter()
                .map(|i| (i.id, i.text.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&imported), ids(&original), "{s:?}");
    }
    for s in [Section::Relievers, Section::Creators] {
        let links = |c: &vpcanvas::canvas::Canvas| {
            c.items(s)
                .iter()
                .map(|i| i.links.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(links(&imported), links(&original), "{s:?}");
    }
    assert_eq!(
        (imported.title.as_str(), imported.segment.as_str()),
        (original.title.as_str(), original.segment.as_str())
    );
}

#[test]
fn bad_bmml_gets_a_clear_error_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp");
    let mut bomb = String::from("version: \"2.0\"\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for n in 1..10 {
        bomb.push_str(&format!(
            "b{n}: &b{n} [{}]\n",
            vec![
                if n == 1 {
                    "*a".to_owned()
                } else {
                    format!("*b{}", n - 1)
                };
                10
            ]
            .join(", ")
        ));
    }
    let cases = [
        (
            fs::read_to_string(format!("{FIXTURES}/balsamiq.bmml")).expect("fixture"),
            "Balsamiq mock-up",
        ),
        (
            fs::read_to_string(format!("{FIXTURES}/v1.bmml")).expect("fixture"),
            "bmml version 1.0",
        ),
        (bomb, "alias"),
        (
            format!("version: \"2.0\"\nmeta: {}\n", "[".repeat(50_000)),
            "recursion limit",
        ),
        (
            "version: \"2.0\"\nmeta:\n  name: \"cut".to_owned(),
            "line 3",
        ),
    ];
    for (text, expected) in cases {
        let file = dir.path().join("in.bmml");
        fs::write(&file, &text).expect("write");
        let out = dir.path().join("out");
        let o = run(
            &[
                "import",
                file.to_str().expect("utf-8"),
                "--out",
                out.to_str().expect("utf-8"),
            ],
            dir.path(),
        );
        assert_eq!(o.status.code(), Some(2), "{expected}");
        assert!(
            stderr(&o).contains(expected),
            "{expected:?} in {}",
            stderr(&o)
        );
        assert!(!stderr(&o).contains("panicked"));
        assert!(
            !out.exists() || fs::read_dir(&out).expect("dir").next().is_none(),
            "nothing written"
        );
    }
    let huge = dir.path().join("huge.bmml");
    fs::write(&huge, vec![b'#'; 17 * 1024 * 1024]).expect("write");
    let o = run(&["import", huge.to_str().expect("utf-8")], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("larger than 16 MiB"), "{}", stderr(&o));
}

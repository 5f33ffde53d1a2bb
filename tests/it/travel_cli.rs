//! `diff`, `merge` and `import` by hand, as a user types them: canvas names
//! for FILE (SPEC §4) and bad input that must end in a clear error (exit 2),
//! never a panic, a hang or a written file.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;
use vpcanvas::canvas::file::to_ron;

const BIN: &str = env!("CARGO_BIN_EXE_vpcanvas");

/// A data folder (also HOME) and a separate working directory.
struct Sandbox {
    data: TempDir,
    work: TempDir,
}

impl Sandbox {
    fn new() -> Self {
        Self {
            data: tempfile::tempdir().expect("temp"),
            work: tempfile::tempdir().expect("temp"),
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .args(args)
            .current_dir(self.work.path())
            .env("VPCANVAS_DATA_DIR", self.data.path())
            .env("HOME", self.data.path())
            .env("XDG_CONFIG_HOME", self.data.path().join("config"))
            .env("XDG_DATA_HOME", self.data.path().join("share"))
            .output()
            .expect("runs")
    }

    fn work_file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.work.path().join(name);
        fs::write(&p, bytes).expect("write");
        p
    }
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn example() -> vpcanvas::canvas::Canvas {
    vpcanvas::examples::Example::Invoicing
        .canvas()
        .expect("the bundled example")
}

#[test]
fn diff_takes_canvas_names_like_every_other_command() {
    let sb = Sandbox::new();
    for name in ["before", "after"] {
        let made = sb.run(&["new", name, "--example"]);
        assert_eq!(made.status.code(), Some(0), "{}", err(&made));
    }
    let mut after = example();
    after.set_text(7, "Chasing late payments by hand");
    fs::write(sb.data.path().join("after.ron"), to_ron(&after)).expect("write");

    let o = sb.run(&["diff", "before", "after.ron"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(
        out(&o).contains("→ \"Chasing late payments by hand\""),
        "{}",
        out(&o)
    );

    // A path that exists wins over the name in the data folder.
    sb.work_file("after", to_ron(&example()).as_bytes());
    let o = sb.run(&["diff", "before", "after"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(!out(&o).contains("Chasing late payments"), "{}", out(&o));

    // An unknown name says where it looked, and exits 2.
    let o = sb.run(&["diff", "before", "nowhere"]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("nowhere or nowhere.ron"), "{}", err(&o));
    assert!(
        err(&o).contains(&sb.data.path().display().to_string()),
        "{}",
        err(&o)
    );
}

/// What a user may hand `diff` by mistake: each is a clear error naming the
/// file, exit 2, never a panic.
#[test]
fn diff_of_a_file_that_is_not_a_canvas_is_a_clear_error() {
    let sb = Sandbox::new();
    let good = sb.work_file("good.ron", to_ron(&example()).as_bytes());
    let huge = vec![b' '; 17 * 1024 * 1024];
    let deep = format!("({}", "(".repeat(100_000));
    let cases: [(&str, &[u8], &str); 5] = [
        (
            "cut.ron",
            b"(\n    version: 1,\n    title: \"cut",
            "cut.ron:3:",
        ),
        ("bin.ron", b"\xff\xfe\x00(", "not valid UTF-8"),
        ("deep.ron", deep.as_bytes(), "deep.ron"),
        ("huge.ron", &huge, "the limit is"),
        (
            "model.bmml",
            b"version: \"2.0\"\nmeta:\n  name: M\n",
            "model.bmml",
        ),
    ];
    for (name, bytes, expected) in cases {
        let bad = sb.work_file(name, bytes);
        for args in [[&good, &bad], [&bad, &good]] {
            let o = sb.run(&["diff", path(args[0]), path(args[1])]);
            assert_eq!(o.status.code(), Some(2), "{name}: {}", err(&o));
            assert!(err(&o).contains(expected), "{name}: {}", err(&o));
            assert!(!err(&o).contains("panicked"), "{name}: {}", err(&o));
            assert!(out(&o).is_empty(), "{name}: {}", out(&o));
        }
    }
    let o = sb.run(&["diff", path(&good), path(sb.work.path())]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("is a folder"), "{}", err(&o));
}

/// `merge` with a side it cannot read writes nothing: OURS keeps its bytes.
#[test]
fn merge_of_a_huge_binary_or_bmml_side_leaves_ours_byte_for_byte() {
    let sb = Sandbox::new();
    let good = to_ron(&example());
    let huge = vec![b' '; 17 * 1024 * 1024];
    let bmml = b"version: \"2.0\"\nmeta:\n  name: M\n";
    for (side, bad) in [
        (1, &huge[..]),
        (2, &huge[..]),
        (1, b"\xff\xfe\x00("),
        (2, b"\x00\x00\x00\x00"),
        (2, bmml),
        (0, bmml),
    ] {
        let files: Vec<PathBuf> = (0..3)
            .map(|i| {
                let bytes = if i == side { bad } else { good.as_bytes() };
                sb.work_file(&format!("{i}.ron"), bytes)
            })
            .collect();
        let before = fs::read(&files[1]).expect("read");
        let o = sb.run(&["merge", path(&files[0]), path(&files[1]), path(&files[2])]);
        assert_eq!(o.status.code(), Some(2), "side {side}: {}", err(&o));
        assert!(err(&o).contains("nothing written"), "{}", err(&o));
        assert!(!err(&o).contains("panicked"), "{}", err(&o));
        assert!(fs::read(&files[1]).expect("read") == before, "side {side}");
    }
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

/// Both sides changed only a pain's severity: the texts are the same, so
/// what merge says names the field and both values.
#[test]
fn merge_says_what_differs_when_the_texts_are_the_same() {
    let sb = Sandbox::new();
    let base = example();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.set_level(7, vpcanvas::canvas::Level::Low);
    theirs.set_level(7, vpcanvas::canvas::Level::Medium);
    let b = sb.work_file("b.ron", to_ron(&base).as_bytes());
    let o = sb.work_file("o.ron", to_ron(&ours).as_bytes());
    let t = sb.work_file("t.ron", to_ron(&theirs).as_bytes());
    let run = sb.run(&["merge", path(&b), path(&o), path(&t)]);
    assert_eq!(run.status.code(), Some(1), "{}", err(&run));
    assert!(
        err(&run).contains("they differ in severity: Mild (ours), Moderate (theirs)"),
        "{}",
        err(&run)
    );
}

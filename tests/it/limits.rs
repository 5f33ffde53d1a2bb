//! What any command writes, any command can read (#27): `merge` and `import`
//! refuse a canvas over the 16 MiB limit before writing anything, `import`
//! never waits on a FIFO, a killed `merge`'s temporary file is cleaned by the
//! next writer (and a live one's never is), and a config full of unknown
//! names is said in a few lines, not millions. The real binary, real files,
//! real processes, and deadlines instead of sleeps.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;
use vpcanvas::canvas::file::{MAX_FILE_BYTES, to_ron};
use vpcanvas::canvas::{Canvas, Item, Section};
use vpcanvas::storage::atomic::TEMP_MARKER;

const BIN: &str = env!("CARGO_BIN_EXE_vpcanvas");

struct Sandbox {
    root: TempDir,
}

impl Sandbox {
    fn new() -> Self {
        let root = TempDir::new().unwrap();
        for d in ["home", "data", "work"] {
            fs::create_dir_all(root.path().join(d)).unwrap();
        }
        Self { root }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.root.path().join("work").join(name)
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .current_dir(self.path(""))
            .env("HOME", self.root.path().join("home"))
            .env("XDG_CONFIG_HOME", self.root.path().join("home/.config"))
            .env("XDG_DATA_HOME", self.root.path().join("home/.local/share"))
            .env("VPCANVAS_DATA_DIR", self.root.path().join("data"))
            .env_remove("VPCANVAS_CONFIG")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    /// Runs to the end within a deadline: a hang fails the test.
    fn run(&self, args: &[&str]) -> Output {
        finish(self.cmd(args).spawn().unwrap())
    }
}

fn finish(mut child: Child) -> Output {
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "still running after 60 s (a hang): {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A small canvas with `n` more pains of 1,000 characters, their ids from `first`.
fn grown(n: u32, first: u32, letter: char) -> Canvas {
    let mut c = Canvas::new("Big");
    c.push(Section::Pains, "Late payments");
    let text: String = std::iter::repeat_n(letter, 1000).collect();
    for id in first..first + n {
        c.insert_item(Section::Pains, usize::MAX, Item::new(id, text.clone()));
    }
    c
}

fn temps_beside(path: &Path) -> Vec<PathBuf> {
    let prefix = format!(
        ".{}{TEMP_MARKER}",
        path.file_name().unwrap().to_string_lossy()
    );
    fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&prefix)
        })
        .collect()
}

/// The three sides of a merge whose result would be some 18 MiB: each side
/// alone (about 9 MiB) is a canvas vpcanvas reads.
fn oversized_merge(sb: &Sandbox) -> [PathBuf; 3] {
    let base = grown(0, 1000, 'b');
    let ours = grown(9000, 100_000, 'o');
    let theirs = grown(9000, 500_000, 't');
    [
        ("base.ron", base),
        ("ours.ron", ours),
        ("theirs.ron", theirs),
    ]
    .map(|(name, canvas)| {
        let text = to_ron(&canvas);
        assert!(text.len() as u64 <= MAX_FILE_BYTES, "each side is readable");
        let p = sb.path(name);
        fs::write(&p, text).unwrap();
        p
    })
}

#[test]
fn a_merge_over_the_limit_writes_nothing_and_exits_2() {
    let sb = Sandbox::new();
    let [base, ours, theirs] = oversized_merge(&sb);
    let before = fs::read(&ours).unwrap();
    let o = sb.run(&["merge", s(&base), s(&ours), s(&theirs)]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("16 MiB"), "{}", err(&o));
    assert!(err(&o).contains("nothing written"), "{}", err(&o));
    assert!(fs::read(&ours).unwrap() == before, "OURS keeps its bytes");
    assert!(temps_beside(&ours).is_empty(), "{:?}", temps_beside(&ours));
}

#[test]
fn an_import_that_would_make_a_canvas_over_the_limit_writes_nothing() {
    let sb = Sandbox::new();
    // YAML's `\e` is two bytes; the canvas file writes ESC as `\u{1b}`, six:
    // a 6 MB bmml file would become an 18 MB canvas.
    let pain = "\\e".repeat(3_000_000);
    let bmml = format!(
        "version: \"2.0\"\nmeta:\n  name: Big\n  portfolio: explore\n  stage: ideation\n\
         customer_segments:\n  - id: cs-a\n    name: A\n    pains:\n      - id: pain-a\n        description: \"{pain}\"\n\
         value_propositions:\n  - id: vp-a\n    name: V\n\
         fits:\n  - id: fit-a\n    for:\n      value_propositions: [vp-a]\n      customer_segments: [cs-a]\n"
    );
    let file = sb.path("big.bmml");
    fs::write(&file, bmml).unwrap();
    let out = sb.path("out");
    let o = sb.run(&["import", s(&file), "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("16 MiB"), "{}", err(&o));
    let written: Vec<_> = fs::read_dir(&out)
        .map(|d| d.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert!(written.is_empty(), "nothing written: {written:?}");
}

#[test]
fn import_of_a_fifo_is_refused_not_waited_on() {
    let sb = Sandbox::new();
    let fifo = sb.path("pipe.bmml");
    let ok = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo");
    let o = sb.run(&["import", s(&fifo), "--out", s(&sb.path("out"))]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("named pipe"), "{}", err(&o));
}

/// Kills real `merge`s with SIGKILL until one leaves its temporary file
/// beside OURS; the next writer of that file removes it. A temporary file of
/// a live process (this test, holding it open and locked as a writer does)
/// is never touched.
#[test]
fn a_killed_merge_leaves_a_temp_that_the_next_writer_removes() {
    let sb = Sandbox::new();
    // Sides that merge cleanly into some 9 MiB: a write long enough to hit.
    let base = sb.path("base.ron");
    let ours = sb.path("ours.ron");
    let theirs = sb.path("theirs.ron");
    fs::write(&base, to_ron(&grown(0, 1000, 'b'))).unwrap();
    fs::write(&theirs, to_ron(&grown(8000, 500_000, 't'))).unwrap();
    let started = Instant::now();
    let mut kills = 0;
    let left = loop {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no kill of {kills} landed mid-write"
        );
        fs::write(&ours, to_ron(&grown(0, 1000, 'b'))).unwrap();
        let mut child = sb
            .cmd(&["merge", s(&base), s(&ours), s(&theirs)])
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        while temps_beside(&ours).is_empty() && Instant::now() < deadline {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::yield_now();
        }
        let _ = child.kill();
        let _ = child.wait();
        kills += 1;
        let left = temps_beside(&ours);
        if !left.is_empty() {
            break left;
        }
    };
    // A write in flight in a live process: named with its pid, open, locked.
    let live = ours.with_file_name(format!(".ours.ron{TEMP_MARKER}{}-77", std::process::id()));
    let held = fs::File::create(&live).unwrap();
    held.try_lock().unwrap();
    let o = sb.run(&["merge", s(&base), s(&ours), s(&theirs)]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    for stale in &left {
        assert!(
            !stale.exists(),
            "{} was left by a killed merge",
            stale.display()
        );
    }
    assert!(live.exists(), "a live writer's temp file was removed");
    assert_eq!(temps_beside(&ours), vec![live]);
}

/// A config naming 200,000 actions that do not exist is said in a few
/// names and a count, on one short line.
#[test]
fn a_config_of_many_unknown_names_is_said_briefly() {
    let sb = Sandbox::new();
    let mut config = String::from("(keys: {\n");
    for n in 0..200_000 {
        config.push_str(&format!("    \"no-such-action-{n}\": [\"x\"],\n"));
    }
    config.push_str("})\n");
    let path = sb.path("config.ron");
    fs::write(&path, config).unwrap();
    let mut cmd = sb.cmd(&["keys"]);
    cmd.env("VPCANVAS_CONFIG", &path);
    let o = finish(cmd.spawn().unwrap());
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let said = err(&o);
    assert!(
        said.len() < 1000,
        "{} bytes said: {}",
        said.len(),
        &said[..1000]
    );
    assert!(said.contains("no-such-action-0"), "{said}");
    assert!(said.contains("199995 more"), "{said}");
}

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

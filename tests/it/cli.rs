//! The command line, end to end: the real binary, a temporary data directory and
//! home, and assertions on stdout, stderr, exit codes and the files on disk.
//! Here the sandbox and the fixtures; the tests, by command, in `cli/`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use tempfile::TempDir;

mod check;
mod export;
mod input;
mod list;
mod new;
mod report;

const BIN: &str = env!("CARGO_BIN_EXE_vpcanvas");

/// A sandbox: a temporary folder holding the home directory, the XDG data home and
/// the data directory, so no test ever touches the real home.
pub(crate) struct Sandbox {
    root: TempDir,
}

impl Sandbox {
    pub(crate) fn new() -> Self {
        let root = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(root.path().join("home")).expect("home");
        Self { root }
    }

    pub(crate) fn path(&self) -> &Path {
        self.root.path()
    }

    pub(crate) fn home(&self) -> PathBuf {
        self.path().join("home")
    }

    pub(crate) fn xdg_data_home(&self) -> PathBuf {
        self.home().join(".local/share")
    }

    /// The data directory passed through `VPCANVAS_DATA_DIR`.
    pub(crate) fn data(&self) -> PathBuf {
        self.path().join("data")
    }

    /// The binary with a clean environment pointing into the sandbox, no
    /// terminal on stdin, and the data directory set through the environment.
    pub(crate) fn cmd(&self) -> Command {
        let mut cmd = self.bare_cmd();
        cmd.env("VPCANVAS_DATA_DIR", self.data());
        cmd
    }

    /// Like [`Sandbox::cmd`] but with no data directory set.
    pub(crate) fn bare_cmd(&self) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.current_dir(self.path())
            .env_remove("VPCANVAS_DATA_DIR")
            .env("HOME", self.home())
            .env("XDG_DATA_HOME", self.xdg_data_home())
            .env("NO_COLOR", "1")
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("CLICOLOR_FORCE")
            .stdin(Stdio::null());
        cmd
    }

    pub(crate) fn run(&self, args: &[&str]) -> Run {
        Run::from(self.cmd().args(args).output().expect("run vpcanvas"))
    }

    /// Writes a file in the sandbox root and returns its path.
    pub(crate) fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path().join(name);
        fs::write(&path, text).expect("write fixture");
        path
    }

    /// The names of the files in a folder, sorted.
    pub(crate) fn ls(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = match fs::read_dir(dir) {
            Ok(rd) => rd
                .map(|e| {
                    e.expect("dir entry")
                        .file_name()
                        .to_string_lossy()
                        .into_owned()
                })
                .collect(),
            Err(_) => Vec::new(),
        };
        names.sort();
        names
    }
}

/// One finished run of the binary.
pub(crate) struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Self {
            code: o.status.code(),
            stdout: String::from_utf8(o.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(o.stderr).expect("stderr is UTF-8"),
        }
    }
}

impl Run {
    #[track_caller]
    pub(crate) fn code(&self, expected: i32) -> &Self {
        assert_eq!(
            self.code,
            Some(expected),
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub(crate) fn ok(&self) -> &Self {
        self.code(0)
    }

    pub(crate) fn json_lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    }
}

// ---------------------------------------------------------------------------
// Fixtures

/// A small canvas with hand-computed fit:
/// - pains (weights): 3 Mild(1), 4 Moderate(2), 5 Extreme(3, relieved),
///   6 Extreme(3), 7 Moderate(2) → relieved 3 of 11; open, most important
///   first: 6, 4, 7, 3.
/// - gains: 8 NiceToHave(1), 9 Essential(3, created), 10 Desired(2) → created
///   3 of 6; open: 10, 8.
/// - reliever 13 and creator 15 link to nothing; job 2 has no product.
const GAPS: &str = r#"(
    version: 1,
    title: "Gap fixture",
    segment: "testers",
    alternatives: ["Doing nothing"],
    customer: (
        jobs: [
            (id: 1, text: "Ship the release", kind: Functional, importance: High),
            (id: 2, text: "Impress the reviewers", kind: Social, importance: Low),
        ],
        pains: [
            (id: 3, text: "Mild nuisance", severity: Mild),
            (id: 4, text: "First moderate pain", severity: Moderate),
            (id: 5, text: "Relieved extreme pain", severity: Extreme),
            (id: 6, text: "Open extreme pain", severity: Extreme),
            (id: 7, text: "Second moderate pain", severity: Moderate),
        ],
        gains: [
            (id: 8, text: "Small nicety", relevance: NiceToHave),
            (id: 9, text: "Created essential gain", relevance: Essential),
            (id: 10, text: "Open desired gain", relevance: Desired),
        ],
    ),
    value_map: (
        products: [
            (id: 11, text: "Release robot", jobs: [1]),
        ],
        relievers: [
            (id: 12, text: "Real reliever", pains: [5]),
            (id: 13, text: "Idle reliever", pains: []),
        ],
        creators: [
            (id: 14, text: "Real creator", gains: [9]),
            (id: 15, text: "Idle creator", gains: []),
        ],
    ),
)
"#;

/// Every pain relieved, every gain created, every job helped.
const FITTED: &str = r#"(
    version: 1,
    title: "Fitted fixture",
    segment: "testers",
    alternatives: [],
    customer: (
        jobs: [
            (id: 1, text: "Get it done", kind: Functional, importance: High),
        ],
        pains: [
            (id: 2, text: "Waiting around", severity: Extreme),
            (id: 3, text: "Paperwork", severity: Mild),
        ],
        gains: [
            (id: 4, text: "Peace of mind", relevance: Essential),
        ],
    ),
    value_map: (
        products: [
            (id: 5, text: "Acme app", jobs: [1]),
        ],
        relievers: [
            (id: 6, text: "Cutting the wait", pains: [2, 3]),
        ],
        creators: [
            (id: 7, text: "Keeping you calm", gains: [4]),
        ],
    ),
)
"#;

/// For the statement: the defaults are the top product and job, the reliever of
/// the top-ranked pain that has one, and the creator of the top-ranked gain that
/// has one.
const STATEMENT: &str = r#"(
    version: 1,
    title: "Statement fixture",
    segment: "busy people",
    alternatives: ["Paper lists", "Sticky notes"],
    customer: (
        jobs: [
            (id: 1, text: "Get things done", kind: Functional, importance: High),
            (id: 2, text: "Look organised", kind: Social, importance: High),
        ],
        pains: [
            (id: 3, text: "Nobody helps with this", severity: Extreme),
            (id: 4, text: "Waiting in line", severity: Moderate),
        ],
        gains: [
            (id: 5, text: "Calm evenings", relevance: Essential),
        ],
    ),
    value_map: (
        products: [
            (id: 6, text: "Acme app", jobs: [1]),
            (id: 7, text: "Other gadget", jobs: [2]),
        ],
        relievers: [
            (id: 8, text: "Offering stickers", pains: []),
            (id: 9, text: "Cutting the wait", pains: [4]),
        ],
        creators: [
            (id: 10, text: "Keeping you calm", gains: [5]),
        ],
    ),
)
"#;

/// Invalid RON: a missing comma at line 2, column 29.
const MALFORMED: &str =
    "(version: 1, title: \"x\",\n  customer: (jobs: [ (id: 1 text: \"a\") ]))\n";

/// Valid RON, invalid canvas: id 2 is used twice.
const DUPLICATE_ID: &str = r#"(
    version: 1,
    title: "Dup",
    customer: (
        jobs: [(id: 2, text: "First job")],
        pains: [(id: 2, text: "Second use of two")],
    ),
)
"#;

fn invoicing_example() -> &'static str {
    include_str!("../../assets/examples/invoicing.ron")
}

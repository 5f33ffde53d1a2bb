//! The command line, end to end: the real binary, a temporary data directory and
//! home, and assertions on stdout, stderr, exit codes and the files on disk.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use tempfile::TempDir;
use vpcanvas::canvas::Section;

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

// ---------------------------------------------------------------------------
// --help, --version

#[test]
fn help_credits_osterwalder_and_strategyzer_and_says_not_affiliated() {
    let sb = Sandbox::new();
    let run = sb.run(&["--help"]);
    run.ok();
    assert!(run.stdout.contains("Osterwalder"), "{}", run.stdout);
    assert!(run.stdout.contains("Strategyzer"), "{}", run.stdout);
    assert!(run.stdout.contains("not affiliated"), "{}", run.stdout);
    for command in ["new", "list", "check", "export", "statement", "show"] {
        assert!(
            run.stdout
                .lines()
                .any(|l| l.trim_start().starts_with(command)),
            "--help does not list `{command}`:\n{}",
            run.stdout
        );
    }
}

#[test]
fn version_prints_name_and_package_version() {
    let sb = Sandbox::new();
    let run = sb.run(&["--version"]);
    run.ok();
    assert_eq!(
        run.stdout.trim(),
        format!("vpcanvas {}", env!("CARGO_PKG_VERSION"))
    );
}

// ---------------------------------------------------------------------------
// new

#[test]
fn new_prints_the_path_and_creates_a_canvas_that_loads() {
    let sb = Sandbox::new();
    let run = sb.run(&["new", "My idea"]);
    run.ok();
    let path = sb.data().join("My idea.ron");
    assert_eq!(run.stdout.trim_end(), path.display().to_string());
    assert!(path.is_file());
    assert_eq!(Sandbox::ls(&sb.data()), ["My idea.ron"]);

    // It loads (through the library and through the binary) and is empty but titled.
    let text = fs::read_to_string(&path).expect("read new canvas");
    let parsed = vpcanvas::canvas::file::parse(&text).expect("new canvas parses");
    assert_eq!(parsed.canvas.title, "My idea");
    assert_eq!(parsed.canvas.item_count(), 0);
    assert_eq!(vpcanvas::canvas::file::to_ron(&parsed.canvas), text);
    let check = sb.run(&["check", path.to_str().expect("utf-8 path")]);
    check.ok();
}

#[test]
fn new_accepts_a_name_with_the_ron_extension() {
    let sb = Sandbox::new();
    sb.run(&["new", "plan.ron"]).ok();
    assert_eq!(Sandbox::ls(&sb.data()), ["plan.ron"]);
}

#[test]
fn new_with_example_starts_from_the_invoicing_example() {
    let sb = Sandbox::new();
    let run = sb.run(&["new", "inv", "--example"]);
    run.ok();
    let path = sb.data().join("inv.ron");
    assert_eq!(run.stdout.trim_end(), path.display().to_string());
    let text = fs::read_to_string(&path).expect("read");
    assert_eq!(text, invoicing_example());
    assert!(text.contains("Chasing late payers with polite reminders"));
}

#[test]
fn new_with_example_meals_starts_from_the_meals_example() {
    let sb = Sandbox::new();
    sb.run(&["new", "dinner", "--example", "meals"]).ok();
    let text = fs::read_to_string(sb.data().join("dinner.ron")).expect("read");
    assert_eq!(text, include_str!("../../assets/examples/meals.ron"));
    assert!(text.contains("Weeknight meal planning"));
    assert!(text.contains("Planning the whole week in ten minutes"));
}

#[test]
fn new_with_an_unknown_example_fails_and_writes_nothing() {
    let sb = Sandbox::new();
    let run = sb.run(&["new", "x", "--example", "rockets"]);
    run.code(2);
    assert!(run.stderr.contains("rockets"), "{}", run.stderr);
    assert!(run.stderr.contains("invoicing"), "{}", run.stderr);
    assert!(!sb.data().join("x.ron").exists());
}

#[test]
fn new_on_an_existing_name_fails_with_2_and_leaves_the_file_untouched() {
    let sb = Sandbox::new();
    sb.run(&["new", "mine", "--example"]).ok();
    let path = sb.data().join("mine.ron");
    // The user has edited it since.
    let edited = invoicing_example().replace("Paylane", "Billbird");
    fs::write(&path, &edited).expect("edit");

    for args in [
        &["new", "mine"][..],
        &["new", "mine", "--example", "meals"],
        &["new", "mine.ron"],
    ] {
        let run = sb.run(args);
        run.code(2);
        assert!(run.stderr.contains("already exists"), "{}", run.stderr);
        assert!(run.stderr.contains("mine.ron"), "{}", run.stderr);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
        assert_eq!(fs::read_to_string(&path).expect("read"), edited);
    }
    assert_eq!(Sandbox::ls(&sb.data()), ["mine.ron"]);
}

#[test]
fn new_rejects_bad_names_clearly_and_writes_nothing() {
    let sb = Sandbox::new();
    for (name, why) in [
        ("a/b", "cannot contain /"),
        ("a\\b", "cannot contain /"),
        ("", "empty"),
        ("   ", "empty"),
        ("..", "cannot contain /"),
        (".hidden", "dot"),
    ] {
        let run = sb.run(&["new", name]);
        run.code(2);
        assert!(
            run.stderr.contains("not a usable canvas name"),
            "{name:?}: {}",
            run.stderr
        );
        assert!(run.stderr.contains(why), "{name:?}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{name:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
        assert!(Sandbox::ls(&sb.data()).is_empty(), "{name:?}");
    }
    assert!(!sb.path().join("a").exists());
}

// ---------------------------------------------------------------------------
// The data directory

#[test]
fn data_dir_flag_after_the_subcommand_is_used() {
    let sb = Sandbox::new();
    let dir = sb.path().join("elsewhere");
    let run = Run::from(
        sb.bare_cmd()
            .args(["new", "x", "--data-dir"])
            .arg(&dir)
            .output()
            .expect("run"),
    );
    run.ok();
    assert!(dir.join("x.ron").is_file());
    assert!(!sb.data().exists());
}

#[test]
fn data_dir_flag_before_the_subcommand_is_used() {
    let sb = Sandbox::new();
    let dir = sb.path().join("elsewhere");
    let run = Run::from(
        sb.bare_cmd()
            .arg("--data-dir")
            .arg(&dir)
            .args(["new", "x"])
            .output()
            .expect("run"),
    );
    run.ok();
    assert!(dir.join("x.ron").is_file());
}

#[test]
fn data_dir_flag_overrides_the_environment() {
    let sb = Sandbox::new();
    let dir = sb.path().join("flagged");
    let run = Run::from(
        sb.cmd()
            .args(["new", "x", "--data-dir"])
            .arg(&dir)
            .output()
            .expect("run"),
    );
    run.ok();
    assert!(dir.join("x.ron").is_file());
    assert!(!sb.data().join("x.ron").exists());
}

#[cfg(target_os = "linux")]
#[test]
fn without_flag_or_env_the_platform_data_dir_is_used() {
    let sb = Sandbox::new();
    let run = Run::from(sb.bare_cmd().args(["new", "x"]).output().expect("run"));
    run.ok();
    let expected = sb.xdg_data_home().join("vpcanvas").join("x.ron");
    assert!(expected.is_file(), "{}", run.stdout);
    assert_eq!(run.stdout.trim_end(), expected.display().to_string());
}

// ---------------------------------------------------------------------------
// list

#[test]
fn list_on_an_empty_data_dir_says_how_to_start() {
    let sb = Sandbox::new();
    let run = sb.run(&["list"]);
    run.ok();
    assert!(run.stdout.contains("No canvases"), "{}", run.stdout);
    assert!(run.stdout.contains("vpcanvas new"), "{}", run.stdout);
}

/// The row of `list` output whose first column is `name`, split on whitespace.
fn list_row<'a>(stdout: &'a str, name: &str) -> &'a str {
    stdout
        .lines()
        .find(|l| l.split_whitespace().next() == Some(name))
        .unwrap_or_else(|| panic!("no row for {name}:\n{stdout}"))
}

#[test]
fn list_shows_name_title_item_and_flag_counts() {
    let sb = Sandbox::new();
    sb.run(&["new", "inv", "--example"]).ok();
    sb.run(&["new", "meals", "--example", "meals"]).ok();
    sb.run(&["new", "blank"]).ok();
    fs::write(sb.data().join("gaps.ron"), GAPS).expect("write");
    // Not canvases: other extensions, backups, hidden files, folders.
    fs::write(sb.data().join("notes.txt"), "hello").expect("write");
    fs::write(sb.data().join("gaps.ron.bak"), GAPS).expect("write");
    fs::write(sb.data().join(".hidden.ron"), GAPS).expect("write");
    fs::create_dir(sb.data().join("folder.ron")).expect("mkdir");

    let run = sb.run(&["list"]);
    run.ok();
    let out = &run.stdout;
    let header = out.lines().next().expect("header");
    for column in ["NAME", "TITLE", "ITEMS"] {
        assert!(header.contains(column), "{header}");
    }

    for column in ["SEGMENT", "PAINS!", "GAINS!", "CHANGED"] {
        assert!(header.contains(column), "{header}");
    }

    // name, title…, segment…, items, open pains, open gains, changed ("just now").
    let tail = |row: &str| -> Vec<String> {
        let row = row
            .trim_end()
            .strip_suffix("just now")
            .expect("changed just now");
        let words: Vec<&str> = row.split_whitespace().collect();
        words[words.len() - 3..]
            .iter()
            .map(|s| (*s).to_owned())
            .collect()
    };
    let inv = list_row(out, "inv");
    assert!(inv.contains("Invoicing for freelancers"), "{inv}");
    assert_eq!(tail(inv), ["27", "2", "1"], "{inv}");
    let meals = list_row(out, "meals");
    assert!(meals.contains("Weeknight meal planning"), "{meals}");
    assert_eq!(tail(meals), ["27", "2", "1"], "{meals}");
    let gaps = list_row(out, "gaps");
    assert!(gaps.contains("Gap fixture"), "{gaps}");
    assert_eq!(tail(gaps), ["15", "4", "2"], "{gaps}");
    let blank = list_row(out, "blank");
    assert!(blank.contains("blank"), "{blank}");
    assert_eq!(tail(blank), ["0", "0", "0"], "{blank}");

    // Sorted by name, and nothing that is not a canvas.
    let names: Vec<&str> = out
        .lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(names, ["blank", "gaps", "inv", "meals"], "{out}");
    assert!(out.contains("4 canvases"), "{out}");
    assert!(!out.contains("notes"), "{out}");
    assert!(!out.contains("hidden"), "{out}");
}

#[test]
fn list_shows_an_unreadable_canvas_with_its_error_and_still_lists_the_others() {
    let sb = Sandbox::new();
    sb.run(&["new", "alpha", "--example"]).ok();
    sb.run(&["new", "zulu", "--example", "meals"]).ok();
    fs::write(sb.data().join("broken.ron"), MALFORMED).expect("write");
    fs::write(sb.data().join("dup.ron"), DUPLICATE_ID).expect("write");
    fs::write(sb.data().join("binary.ron"), [0x28, 0xff, 0xfe, 0x29]).expect("write");
    let before = fs::read(sb.data().join("broken.ron")).expect("read");

    let run = sb.run(&["list"]);
    run.ok();
    let out = &run.stdout;
    assert!(list_row(out, "alpha").contains("Invoicing for freelancers"));
    assert!(list_row(out, "zulu").contains("Weeknight meal planning"));
    let broken = list_row(out, "broken");
    assert!(broken.contains("cannot be read"), "{broken}");
    assert!(broken.contains("2:29"), "{broken}");
    let dup = list_row(out, "dup");
    assert!(dup.contains("cannot be read"), "{dup}");
    assert!(dup.contains("id 2"), "{dup}");
    let binary = list_row(out, "binary");
    assert!(binary.contains("UTF-8"), "{binary}");
    assert!(out.contains("5 canvases"), "{out}");
    assert_eq!(
        fs::read(sb.data().join("broken.ron")).expect("read"),
        before
    );
}

/// Issue #12: piped, `list` cuts nothing: long names, titles and segments
/// are printed whole (no `…`), their columns as wide as they need.
#[test]
fn list_piped_prints_titles_whole() {
    let sb = Sandbox::new();
    let title = "Weeknight meal planning for shift nurses – with kids";
    let segment = "Night-shift nurses in Helsinki who cook for a family of four";
    let mut canvas = vpcanvas::canvas::Canvas::new(title);
    canvas.segment = segment.to_owned();
    let name = "nurses-weeknight-meals-helsinki-2026";
    vpcanvas::storage::create(&sb.data().join(format!("{name}.ron")), &canvas).expect("create");
    sb.run(&["new", "inv", "--example"]).ok();
    let run = sb.run(&["list"]);
    run.ok();
    assert!(!run.stdout.contains('…'), "{}", run.stdout);
    let row = list_row(&run.stdout, name);
    assert!(row.contains(title), "{row}");
    assert!(row.contains(segment), "{row}");
    // Still columns: the item counts line up under ITEMS.
    let header = run.stdout.lines().next().expect("header");
    let at = header.find("ITEMS").expect("ITEMS");
    let inv = list_row(&run.stdout, "inv");
    assert_eq!(
        inv.get(at..at + 5).map(str::trim),
        Some("27"),
        "{}",
        run.stdout
    );
}

/// Issue #12: `list --format json` is an array with one object per canvas.
#[test]
fn list_as_json_gives_one_object_per_canvas() {
    let sb = Sandbox::new();
    sb.run(&["new", "inv", "--example"]).ok();
    fs::write(sb.data().join("broken.ron"), MALFORMED).expect("write");
    let run = sb.run(&["list", "--format", "json"]);
    run.ok();
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let all = v.as_array().expect("an array");
    assert_eq!(all.len(), 2, "{v}");
    let broken = &all[0];
    assert_eq!(broken["name"], "broken");
    assert!(
        broken["error"].as_str().expect("error").contains("2:29"),
        "{broken}"
    );
    let inv = &all[1];
    assert_eq!(inv["name"], "inv");
    assert_eq!(inv["title"], "Invoicing for freelancers");
    assert_eq!(inv["items"], 27);
    assert_eq!(inv["open_pains"], 2);
    assert_eq!(inv["open_gains"], 1);
    assert!(inv["error"].is_null());
    let path = inv["path"].as_str().expect("path");
    assert_eq!(std::path::Path::new(path), sb.data().join("inv.ron"));
    let modified = inv["modified"].as_str().expect("modified");
    // RFC 3339 in UTC: 2026-12-01T11:20:03Z
    assert_eq!(modified.len(), 20, "{modified}");
    assert!(
        modified.ends_with('Z') && modified.as_bytes()[10] == b'T',
        "{modified}"
    );
    // An empty folder is an empty array, not the how-to-start text.
    let empty = Sandbox::new();
    let run = empty.run(&["list", "--format", "json"]);
    run.ok();
    assert_eq!(run.stdout.trim(), "[]");
}

// ---------------------------------------------------------------------------
// check

#[test]
fn check_text_names_each_open_pain_and_gain_and_ends_with_a_summary() {
    let sb = Sandbox::new();
    let file = sb.write("gaps.ron", GAPS);
    let run = sb.run(&["check", "gaps.ron"]);
    run.ok(); // without --strict, gaps are reported but are not a failure
    let out = &run.stdout;
    assert!(out.starts_with("gaps.ron"), "{out}");
    assert!(out.contains("Gap fixture"), "{out}");

    // Each open pain and gain by its text, most important first.
    let position = |text: &str| {
        out.find(text)
            .unwrap_or_else(|| panic!("{text:?} missing:\n{out}"))
    };
    let pains = [
        "Open extreme pain",
        "First moderate pain",
        "Second moderate pain",
        "Mild nuisance",
    ];
    assert!(
        pains.windows(2).all(|w| position(w[0]) < position(w[1])),
        "{out}"
    );
    let gains = ["Open desired gain", "Small nicety"];
    assert!(
        gains.windows(2).all(|w| position(w[0]) < position(w[1])),
        "{out}"
    );
    // The warnings about value-map items that address nothing, and lonely jobs.
    for text in ["Idle reliever", "Idle creator", "Impress the reviewers"] {
        position(text);
    }
    // Addressed items are not flagged (they may still be worth testing:
    // the lines from "Coverage with evidence" on are about proof).
    let flags = &out[..position("Coverage with evidence")];
    for text in ["Relieved extreme pain", "Created essential gain"] {
        assert!(!flags.contains(text), "{text:?} is addressed:\n{out}");
    }

    // A one-line summary at the end.
    let last = out.lines().last().expect("a summary line");
    assert!(last.contains("Summary"), "{last}");
    assert!(last.contains("1/5"), "{last}");
    assert!(last.contains("1/3"), "{last}");
    assert!(last.contains("27%"), "{last}"); // 3/11 weighted
    assert!(last.contains("50%"), "{last}"); // 3/6 weighted
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert_eq!(fs::read_to_string(file).expect("read"), GAPS);
}

#[test]
fn check_strict_exits_1_on_gaps_and_0_on_a_fitted_canvas() {
    let sb = Sandbox::new();
    sb.write("gaps.ron", GAPS);
    sb.write("fitted.ron", FITTED);

    let gaps = sb.run(&["check", "--strict", "gaps.ron"]);
    gaps.code(1);
    assert!(gaps.stdout.contains("Open extreme pain"), "{}", gaps.stdout);

    let fitted = sb.run(&["check", "--strict", "fitted.ron"]);
    fitted.ok();
    assert!(fitted.stdout.contains("Summary"), "{}", fitted.stdout);
    assert!(fitted.stdout.contains("100%"), "{}", fitted.stdout);

    // One gappy file among fitted ones is enough to fail.
    sb.run(&["check", "--strict", "fitted.ron", "gaps.ron"])
        .code(1);
    sb.run(&["check", "--strict", "--format", "json", "gaps.ron"])
        .code(1);
    sb.run(&["check", "fitted.ron", "gaps.ron"]).ok();
}

#[test]
fn check_strict_ignores_warnings_that_are_not_pain_or_gain_gaps() {
    let sb = Sandbox::new();
    // Fitted, plus a reliever that relieves nothing and a job without a product.
    let text = FITTED
        .replace(
            "(id: 6, text: \"Cutting the wait\", pains: [2, 3]),",
            "(id: 6, text: \"Cutting the wait\", pains: [2, 3]),\n            (id: 8, text: \"Spare reliever\", pains: []),",
        )
        .replace(
            "kind: Functional, importance: High),",
            "kind: Functional, importance: High),\n            (id: 9, text: \"Lonely job\", kind: Emotional, importance: Low),",
        );
    assert!(text.contains("Spare reliever") && text.contains("Lonely job"));
    sb.write("warn.ron", &text);
    let run = sb.run(&["check", "--strict", "warn.ron"]);
    run.ok();
    assert!(run.stdout.contains("Spare reliever"), "{}", run.stdout);
    assert!(run.stdout.contains("Lonely job"), "{}", run.stdout);
}

#[test]
fn check_exits_2_on_a_missing_file_and_names_it() {
    let sb = Sandbox::new();
    let run = sb.run(&["check", "nowhere.ron"]);
    run.code(2);
    assert!(run.stderr.contains("nowhere.ron"), "{}", run.stderr);
    assert!(!sb.path().join("nowhere.ron").exists());
}

#[test]
fn check_exits_2_on_malformed_ron_with_path_line_column_and_the_line() {
    let sb = Sandbox::new();
    sb.write("bad.ron", MALFORMED);
    for strict in [false, true] {
        let mut args = vec!["check", "bad.ron"];
        if strict {
            args.push("--strict");
        }
        let run = sb.run(&args);
        run.code(2);
        assert!(run.stderr.contains("bad.ron:2:29"), "{}", run.stderr);
        // The offending line is shown.
        assert!(
            run.stderr.contains("customer: (jobs: [ (id: 1 text:"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn check_exits_2_on_an_invalid_canvas_and_names_the_item_and_id() {
    let sb = Sandbox::new();
    sb.write("dup.ron", DUPLICATE_ID);
    let run = sb.run(&["check", "dup.ron"]);
    run.code(2);
    assert!(run.stderr.contains("dup.ron"), "{}", run.stderr);
    assert!(run.stderr.contains("id 2"), "{}", run.stderr);
    assert!(run.stderr.contains("First job"), "{}", run.stderr);
    assert!(run.stderr.contains("Second use of two"), "{}", run.stderr);

    let dangling = GAPS.replace("pains: [5]", "pains: [99]");
    sb.write("dangling.ron", &dangling);
    let run = sb.run(&["check", "dangling.ron"]);
    run.code(2);
    assert!(run.stderr.contains("99"), "{}", run.stderr);
    assert!(run.stderr.contains("Real reliever"), "{}", run.stderr);
}

#[test]
fn check_json_has_the_documented_keys_and_hand_computed_values() {
    let sb = Sandbox::new();
    sb.write("gaps.ron", GAPS);
    let run = sb.run(&["check", "--format", "json", "gaps.ron"]);
    run.ok();
    let objects = run.json_lines();
    assert_eq!(objects.len(), 1, "{}", run.stdout);
    let v = &objects[0];

    assert_eq!(v["file"], "gaps.ron");
    let list = |key: &str| -> Vec<(u64, String)> {
        v[key]
            .as_array()
            .unwrap_or_else(|| panic!("{key} is not a list: {v}"))
            .iter()
            .map(|f| {
                let obj = f.as_object().expect("an object");
                assert_eq!(obj.len(), 2, "{key}: {f}");
                (
                    f["id"].as_u64().expect("id"),
                    f["text"].as_str().expect("text").to_owned(),
                )
            })
            .collect()
    };
    let pair = |id: u64, text: &str| (id, text.to_owned());
    assert_eq!(
        list("pains_without_relievers"),
        [
            pair(6, "Open extreme pain"),
            pair(4, "First moderate pain"),
            pair(7, "Second moderate pain"),
            pair(3, "Mild nuisance"),
        ]
    );
    assert_eq!(
        list("gains_without_creators"),
        [pair(10, "Open desired gain"), pair(8, "Small nicety")]
    );
    assert_eq!(list("relievers_without_pains"), [pair(13, "Idle reliever")]);
    assert_eq!(list("creators_without_gains"), [pair(15, "Idle creator")]);
    assert_eq!(
        list("jobs_without_products"),
        [pair(2, "Impress the reviewers")]
    );

    // Weighted: pains 3 of 1+2+3+3+2 = 11; gains 3 of 1+3+2 = 6.
    let pains = v["coverage"]["pains"].as_f64().expect("coverage.pains");
    let gains = v["coverage"]["gains"].as_f64().expect("coverage.gains");
    assert!((pains - 3.0 / 11.0).abs() < 1e-9, "{pains}");
    assert!((gains - 0.5).abs() < 1e-9, "{gains}");
}

#[test]
fn check_json_on_a_fitted_canvas_has_empty_lists_and_full_coverage() {
    let sb = Sandbox::new();
    sb.write("fitted.ron", FITTED);
    let run = sb.run(&["check", "--format", "json", "fitted.ron"]);
    run.ok();
    let v = &run.json_lines()[0];
    for key in [
        "pains_without_relievers",
        "gains_without_creators",
        "relievers_without_pains",
        "creators_without_gains",
        "jobs_without_products",
    ] {
        assert_eq!(v[key], serde_json::json!([]), "{key}");
    }
    assert_eq!(v["coverage"]["pains"].as_f64(), Some(1.0));
    assert_eq!(v["coverage"]["gains"].as_f64(), Some(1.0));
}

#[test]
fn check_several_files_reports_each_in_order() {
    let sb = Sandbox::new();
    sb.write("gaps.ron", GAPS);
    sb.write("fitted.ron", FITTED);

    let text = sb.run(&["check", "gaps.ron", "fitted.ron"]);
    text.ok();
    let g = text.stdout.find("gaps.ron").expect("gaps.ron reported");
    let f = text.stdout.find("fitted.ron").expect("fitted.ron reported");
    assert!(g < f, "{}", text.stdout);
    assert_eq!(text.stdout.matches("Summary").count(), 2, "{}", text.stdout);

    let json = sb.run(&["check", "--format", "json", "gaps.ron", "fitted.ron"]);
    json.ok();
    let objects = json.json_lines();
    assert_eq!(objects.len(), 2, "{}", json.stdout);
    assert_eq!(objects[0]["file"], "gaps.ron");
    assert_eq!(objects[1]["file"], "fitted.ron");
    assert_eq!(objects[1]["coverage"]["pains"].as_f64(), Some(1.0));
}

#[test]
fn check_several_files_with_one_unloadable_still_reports_the_others_and_exits_2() {
    let sb = Sandbox::new();
    sb.write("gaps.ron", GAPS);
    sb.write("bad.ron", MALFORMED);
    sb.write("fitted.ron", FITTED);

    let run = sb.run(&["check", "gaps.ron", "bad.ron", "fitted.ron"]);
    run.code(2);
    assert!(run.stdout.contains("Open extreme pain"), "{}", run.stdout);
    assert!(run.stdout.contains("fitted.ron"), "{}", run.stdout);
    assert!(run.stderr.contains("bad.ron:2:29"), "{}", run.stderr);

    // Load errors win over --strict gaps.
    sb.run(&["check", "--strict", "gaps.ron", "bad.ron"])
        .code(2);

    let json = sb.run(&["check", "--format", "json", "gaps.ron", "bad.ron"]);
    json.code(2);
    let objects = json.json_lines();
    assert_eq!(objects.len(), 2, "{}", json.stdout);
    assert_eq!(objects[0]["file"], "gaps.ron");
    assert_eq!(objects[1]["file"], "bad.ron");
    assert!(
        objects[1]["error"]
            .as_str()
            .is_some_and(|e| e.contains("2:29")),
        "{}",
        objects[1]
    );
}

#[test]
fn check_needs_at_least_one_file() {
    let sb = Sandbox::new();
    let run = sb.run(&["check"]);
    run.code(2);
    assert!(run.stderr.contains("FILE"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------
// export

#[test]
fn export_json_parses_and_mirrors_the_ron_structure() {
    let sb = Sandbox::new();
    let path = sb.write("inv.ron", invoicing_example());
    let run = sb.run(&["export", "inv.ron", "--format", "json"]);
    run.ok();
    let v: Value = serde_json::from_str(&run.stdout).expect("export json parses");
    let canvas = vpcanvas::canvas::file::parse(invoicing_example())
        .expect("example parses")
        .canvas;

    assert_eq!(v["version"], 1);
    assert_eq!(v["title"], "Invoicing for freelancers");
    assert_eq!(v["segment"], canvas.segment.as_str());
    assert_eq!(v["alternatives"], serde_json::json!(canvas.alternatives));

    for (half, key, section, link) in [
        ("customer", "jobs", Section::Jobs, None),
        ("customer", "pains", Section::Pains, None),
        ("customer", "gains", Section::Gains, None),
        ("value_map", "products", Section::Products, Some("jobs")),
        ("value_map", "relievers", Section::Relievers, Some("pains")),
        ("value_map", "creators", Section::Creators, Some("gains")),
    ] {
        let items = v[half][key]
            .as_array()
            .unwrap_or_else(|| panic!("{half}.{key} is not a list"));
        let expected = canvas.items(section);
        assert_eq!(items.len(), expected.len(), "{half}.{key}");
        for (got, want) in items.iter().zip(expected) {
            assert_eq!(got["id"], want.id, "{half}.{key}");
            assert_eq!(got["text"], want.text.as_str(), "{half}.{key}");
            if let Some(link) = link {
                assert_eq!(got[link], serde_json::json!(want.links), "{half}.{key}");
            }
        }
    }
    // Level and kind names are written as in RON.
    assert_eq!(
        v["customer"]["jobs"][0],
        serde_json::json!({"id": 1, "text": "Get paid in full and on time", "kind": "Functional", "importance": "High"})
    );
    assert_eq!(v["customer"]["pains"][0]["severity"], "Extreme");
    assert_eq!(v["customer"]["pains"][4]["severity"], "Mild");
    assert_eq!(v["customer"]["gains"][0]["relevance"], "Essential");
    assert_eq!(v["customer"]["gains"][4]["relevance"], "NiceToHave");
    assert_eq!(
        v["value_map"]["relievers"][3]["pains"],
        serde_json::json!([])
    );
    // Export never writes.
    assert_eq!(fs::read_to_string(path).expect("read"), invoicing_example());
}

#[test]
fn export_md_has_headings_for_all_six_sections_and_the_items() {
    let sb = Sandbox::new();
    sb.write("gaps.ron", GAPS);
    let run = sb.run(&["export", "gaps.ron", "--format", "md"]);
    run.ok();
    let md = &run.stdout;
    assert!(md.starts_with("# Gap fixture\n"), "{md}");
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with('#')).collect();
    for section in [
        "Customer jobs",
        "Pains",
        "Gains",
        "Products & services",
        "Pain relievers",
        "Gain creators",
    ] {
        assert!(
            headings
                .iter()
                .any(|h| h.trim_start_matches('#').trim() == section),
            "no heading {section:?} in {headings:?}"
        );
    }
    for text in [
        "Ship the release",
        "Open extreme pain",
        "Small nicety",
        "Release robot",
        "Real reliever",
        "Idle creator",
    ] {
        assert!(md.contains(text), "{text:?} missing:\n{md}");
    }
    // Open pains are flagged in the document.
    let open = md
        .lines()
        .find(|l| l.contains("Open extreme pain"))
        .expect("line");
    assert!(open.contains("no pain reliever"), "{open}");
}

#[test]
fn export_defaults_to_markdown() {
    let sb = Sandbox::new();
    sb.write("gaps.ron", GAPS);
    let default = sb.run(&["export", "gaps.ron"]);
    default.ok();
    let md = sb.run(&["export", "gaps.ron", "--format", "md"]);
    assert_eq!(default.stdout, md.stdout);
}

#[test]
fn export_txt_lists_every_item_and_marks_open_pains_and_gains() {
    let sb = Sandbox::new();
    sb.write("gaps.ron", GAPS);
    let run = sb.run(&["export", "gaps.ron", "--format", "txt"]);
    run.ok();
    let txt = &run.stdout;
    assert!(txt.starts_with("Gap fixture\n"), "{txt}");
    for section in [
        "CUSTOMER JOBS",
        "PAINS",
        "GAINS",
        "PRODUCTS & SERVICES",
        "PAIN RELIEVERS",
        "GAIN CREATORS",
    ] {
        assert!(
            txt.lines().any(|l| l == section),
            "no {section:?} in:\n{txt}"
        );
    }
    let line = |text: &str| {
        txt.lines()
            .find(|l| l.contains(text))
            .unwrap_or_else(|| panic!("{text:?} missing:\n{txt}"))
    };
    assert!(line("Open extreme pain").starts_with("! "));
    assert!(line("Open desired gain").starts_with("! "));
    assert!(line("Relieved extreme pain").starts_with("- "));
    assert!(line("Created essential gain").starts_with("- "));
    assert!(!txt.contains('\u{1b}'), "no escape codes in plain text");
}

#[test]
fn export_of_a_missing_or_malformed_file_fails_with_2() {
    let sb = Sandbox::new();
    sb.write("bad.ron", MALFORMED);
    let run = sb.run(&["export", "bad.ron", "--format", "json"]);
    run.code(2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("bad.ron:2:29"), "{}", run.stderr);
    let run = sb.run(&["export", "nowhere.ron"]);
    run.code(2);
    assert!(run.stderr.contains("nowhere.ron"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------
// statement

#[test]
fn statement_uses_the_top_product_job_and_addressing_items() {
    let sb = Sandbox::new();
    sb.write("s.ron", STATEMENT);
    let run = sb.run(&["statement", "s.ron"]);
    run.ok();
    assert_eq!(
        run.stdout,
        "Our Acme app helps busy people who want to get things done by cutting the wait \
         and keeping you calm (unlike paper lists).\n"
    );
}

#[test]
fn statement_of_the_invoicing_example_reads_as_a_sentence() {
    let sb = Sandbox::new();
    sb.write("inv.ron", invoicing_example());
    let run = sb.run(&["statement", "inv.ron"]);
    run.ok();
    let s = run.stdout.trim_end();
    assert_eq!(run.stdout.lines().count(), 1, "{s}");
    assert!(
        s.starts_with("Our Paylane invoicing app helps freelance designers"),
        "{s}"
    );
    assert!(
        s.contains("who want to get paid in full and on time"),
        "{s}"
    );
    assert!(
        s.contains("chasing late payers with polite reminders"),
        "{s}"
    );
    assert!(s.contains("forecasting cash flow 90 days ahead"), "{s}");
    assert!(s.ends_with("(unlike spreadsheets)."), "{s}");
}

#[test]
fn statement_of_an_empty_canvas_still_reads() {
    let sb = Sandbox::new();
    sb.run(&["new", "blank"]).ok();
    let run = Run::from(
        sb.cmd()
            .arg("statement")
            .arg(sb.data().join("blank.ron"))
            .output()
            .expect("run"),
    );
    run.ok();
    assert_eq!(run.stdout, "Our offer helps customers.\n");
}

// ---------------------------------------------------------------------------
// Files that fail to load are never modified

#[test]
fn a_file_that_fails_to_load_is_never_modified() {
    let sb = Sandbox::new();
    let cases: [(&str, &[u8]); 4] = [
        ("bad.ron", MALFORMED.as_bytes()),
        ("dup.ron", DUPLICATE_ID.as_bytes()),
        ("truncated.ron", &GAPS.as_bytes()[..GAPS.len() / 2]),
        ("latin1.ron", b"(version: 1, title: \"caf\xe9\")\n"),
    ];
    for (name, bytes) in cases {
        let path = sb.path().join(name);
        fs::write(&path, bytes).expect("write");
        for args in [
            &["check", name][..],
            &["check", "--strict", "--format", "json", name],
            &["export", name, "--format", "json"],
            &["export", name, "--format", "md"],
            &["export", name, "--format", "txt"],
            &["statement", name],
            &["show", name, "--width", "80", "--height", "24"],
            &[name], // the editor: no terminal here, and never a write
        ] {
            let run = sb.run(args);
            assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
            assert!(run.stderr.contains(name), "{args:?}: {}", run.stderr);
            assert_eq!(
                fs::read(&path).expect("read"),
                bytes,
                "{args:?} changed {name}"
            );
        }
    }
    let mut expected: Vec<&str> = cases.iter().map(|(n, _)| *n).collect();
    expected.push("home");
    expected.sort_unstable();
    assert_eq!(Sandbox::ls(sb.path()), expected, "no new files, no backups");
}

#[test]
fn the_editor_without_a_terminal_exits_with_one_clear_line_and_writes_nothing() {
    let sb = Sandbox::new();
    let path = sb.write("inv.ron", invoicing_example());
    let run = sb.run(&["inv.ron"]);
    assert_ne!(run.code, Some(0));
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("terminal"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(path).expect("read"), invoicing_example());

    // A new file is not created just by trying to open it.
    let run = sb.run(&["fresh.ron"]);
    assert_ne!(run.code, Some(0));
    assert!(!sb.path().join("fresh.ron").exists());
}

// ---------------------------------------------------------------------------
// show

#[test]
fn show_prints_the_canvas_at_the_requested_size() {
    let sb = Sandbox::new();
    sb.write("inv.ron", invoicing_example());
    let run = sb.run(&["show", "inv.ron", "--width", "100", "--height", "30"]);
    run.ok();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 30, "{}", run.stdout);
    assert!(
        lines.iter().all(|l| l.chars().count() <= 100),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Value map"), "{}", run.stdout);
    assert!(run.stdout.contains("Customer profile"), "{}", run.stdout);
    assert!(!run.stdout.contains('\u{1b}'), "no escape codes");
}

#[test]
fn show_at_tiny_sizes_never_panics() {
    let sb = Sandbox::new();
    sb.write("inv.ron", invoicing_example());
    for (w, h) in [("1", "1"), ("2", "1"), ("10", "3"), ("40", "10")] {
        let run = sb.run(&["show", "inv.ron", "--width", w, "--height", h]);
        run.ok();
        assert!(!run.stderr.contains("panicked"), "{w}x{h}: {}", run.stderr);
    }
    sb.run(&["show", "inv.ron", "--width", "0"]).code(2);
}

// ---------------------------------------------------------------------------
// Unusual but valid or clearly invalid input

#[test]
fn a_byte_order_mark_is_accepted() {
    let sb = Sandbox::new();
    sb.write("bom.ron", &format!("\u{feff}{FITTED}"));
    let run = sb.run(&["check", "--strict", "bom.ron"]);
    run.ok();
    assert!(run.stdout.contains("Fitted fixture"), "{}", run.stdout);
}

#[test]
fn a_file_over_16_mib_is_refused_with_its_path() {
    let sb = Sandbox::new();
    let path = sb.path().join("huge.ron");
    let file = fs::File::create(&path).expect("create");
    file.set_len(17 * 1024 * 1024).expect("sparse file");
    drop(file);
    let run = sb.run(&["check", "huge.ron"]);
    run.code(2);
    assert!(run.stderr.contains("huge.ron"), "{}", run.stderr);
    assert!(run.stderr.contains("16 MiB"), "{}", run.stderr);
    assert_eq!(fs::metadata(&path).expect("meta").len(), 17 * 1024 * 1024);
}

#[test]
fn a_file_from_a_newer_version_with_unknown_fields_is_read_but_never_written() {
    let sb = Sandbox::new();
    let text = FITTED.replace("version: 1,", "version: 9,").replace(
        "segment: \"testers\",",
        "segment: \"testers\",\n    mood: \"sunny\",",
    );
    sb.write("future.ron", &text);
    // What this version knows is shown; the unknown field is skipped.
    let run = sb.run(&["check", "future.ron"]);
    run.ok();
    assert!(run.stdout.contains("Summary:"), "{}", run.stdout);
    sb.run(&["export", "future.ron", "--format", "md"]).ok();
    // A field this version cannot represent at all is refused clearly.
    let broken = text.replace("Extreme", "Catastrophic");
    sb.write("broken-future.ron", &broken);
    let run = sb.run(&["check", "broken-future.ron"]);
    run.code(2);
    assert!(run.stderr.contains("broken-future.ron"), "{}", run.stderr);
    assert!(run.stderr.contains("newer"), "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(sb.path().join("future.ron")).expect("read"),
        text
    );
}

#[test]
fn load_errors_separate_the_path_from_the_message() {
    let sb = Sandbox::new();
    sb.write("dup.ron", DUPLICATE_ID);
    let run = sb.run(&["check", "dup.ron"]);
    run.code(2);
    assert!(run.stderr.contains("dup.ron:6:18: id 2"), "{}", run.stderr);
}

/// Issue #12 / SPEC §4: the name `new` and `list` print works as FILE in
/// every headless command; an unknown one says where it looked.
#[test]
fn headless_commands_take_canvas_names() {
    let sb = Sandbox::new();
    let made = sb.run(&["new", "nurse-meals", "--example", "meals"]);
    assert_eq!(made.code, Some(0), "{}", made.stderr);
    for args in [
        &["check", "nurse-meals"][..],
        &["export", "nurse-meals", "--format", "txt"],
        &["statement", "nurse-meals"],
        &[
            "show",
            "nurse-meals.ron",
            "--width",
            "100",
            "--height",
            "30",
        ],
    ] {
        let r = sb.run(args);
        assert!(
            r.code == Some(0) || r.code == Some(1),
            "{args:?}: {}",
            r.stderr
        );
        assert!(!r.stdout.is_empty(), "{args:?} printed nothing");
    }
    let r = sb.run(&["check", "nowhere"]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("nowhere or nowhere.ron"), "{}", r.stderr);
    assert!(
        r.stderr.contains(&sb.data().display().to_string()),
        "{}",
        r.stderr
    );
    // A file in the working directory wins over the name in the data folder.
    sb.write("nurse-meals", "(title: \"Here\")");
    let r = sb.run(&["export", "nurse-meals", "--format", "txt"]);
    assert!(r.stdout.contains("Here"), "{}", r.stdout);
}

//! vpcanvas inside real git: a repository in a temporary folder, set up the
//! way the README says, divergent commits on two branches, `git merge`
//! through our merge driver, and `git diff` / `git log -p` through our diff
//! driver and textconv. Asserts on the merged file, git's exit status and
//! what git printed.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;
use vpcanvas::canvas::file::{parse, to_ron};
use vpcanvas::canvas::{Canvas, Level, Section};

const BIN: &str = env!("CARGO_BIN_EXE_vpcanvas");

/// A git repository with the vpcanvas drivers configured, a home and a
/// global config of its own (nothing of the real home is read or written).
struct Repo {
    root: TempDir,
}

impl Repo {
    fn new() -> Self {
        let root = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(root.path().join("home")).expect("home");
        fs::create_dir_all(root.path().join("repo")).expect("repo");
        let repo = Self { root };
        repo.git_ok(&["init", "-q", "-b", "main"]);
        // The README's set-up, with the binary under test.
        fs::write(
            repo.dir().join(".gitattributes"),
            "*.ron diff=vpcanvas merge=vpcanvas\n",
        )
        .expect("attributes");
        let bin = format!("'{BIN}'");
        repo.git_ok(&["config", "diff.vpcanvas.command", &format!("{bin} diff")]);
        repo.git_ok(&[
            "config",
            "diff.vpcanvas.textconv",
            &format!("{bin} diff --textconv"),
        ]);
        repo.git_ok(&["config", "merge.vpcanvas.name", "vpcanvas merge by item"]);
        repo.git_ok(&[
            "config",
            "merge.vpcanvas.driver",
            &format!("{bin} merge %O %A %B"),
        ]);
        repo
    }

    /// A repository set up by running the README's set-up block itself,
    /// with the binary under test on the `PATH` as `vpcanvas`.
    fn from_readme() -> Self {
        let root = tempfile::tempdir().expect("temp dir");
        for dir in ["home", "repo", "bin"] {
            fs::create_dir_all(root.path().join(dir)).expect("folder");
        }
        std::os::unix::fs::symlink(BIN, root.path().join("bin/vpcanvas")).expect("symlink");
        let repo = Self { root };
        repo.git_ok(&["init", "-q", "-b", "main"]);
        let readme = include_str!("../../README.md");
        let section = &readme[readme
            .find("## Canvases in git")
            .expect("the README section")..];
        let block = section
            .split("```sh\n")
            .nth(1)
            .and_then(|b| b.split("```").next())
            .expect("the set-up block");
        let out = Command::new("sh")
            .args(["-e", "-c", block])
            .current_dir(repo.dir())
            .env("PATH", repo.path_var())
            .env("HOME", repo.root.path().join("home"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .expect("sh runs");
        assert!(out.status.success(), "{block}{}", all_output(&out));
        repo
    }

    /// The `PATH` with this repository's `bin/` first.
    fn path_var(&self) -> std::ffi::OsString {
        let mut dirs = vec![self.root.path().join("bin")];
        dirs.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        std::env::join_paths(dirs).expect("a PATH")
    }

    fn dir(&self) -> PathBuf {
        self.root.path().join("repo")
    }

    fn file(&self) -> PathBuf {
        self.dir().join("canvas.ron")
    }

    fn git(&self, args: &[&str]) -> Output {
        let home = self.root.path().join("home");
        Command::new("git")
            .args(args)
            .current_dir(self.dir())
            .env_clear()
            .env("PATH", self.path_var())
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("VPCANVAS_DATA_DIR", home.join("data"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Ada")
            .env("GIT_AUTHOR_EMAIL", "ada@example.com")
            .env("GIT_COMMITTER_NAME", "Ada")
            .env("GIT_COMMITTER_EMAIL", "ada@example.com")
            .env("GIT_PAGER", "cat")
            .env("GIT_MERGE_AUTOEDIT", "no")
            .output()
            .expect("git runs")
    }

    fn git_ok(&self, args: &[&str]) -> String {
        let out = self.git(args);
        assert!(
            out.status.success(),
            "git {args:?} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn commit(&self, canvas: &Canvas, message: &str) {
        fs::write(self.file(), to_ron(canvas)).expect("write canvas");
        self.git_ok(&["add", "-A"]);
        self.git_ok(&["commit", "-q", "-m", message]);
    }

    fn read(&self) -> Canvas {
        let text = fs::read_to_string(self.file()).expect("read canvas");
        assert!(!text.contains("<<<<<<<"), "conflict markers:\n{text}");
        parse(&text)
            .expect("the merged file is a valid canvas")
            .canvas
    }

    /// Commits `base` on main, `theirs` on a branch and `ours` on main.
    fn diverge(&self, base: &Canvas, ours: &Canvas, theirs: &Canvas) {
        self.commit(base, "base");
        self.git_ok(&["checkout", "-q", "-b", "theirs"]);
        self.commit(theirs, "theirs");
        self.git_ok(&["checkout", "-q", "main"]);
        self.commit(ours, "ours");
    }

    /// [`Repo::diverge`], then merges the branch into main. Returns git's output.
    fn diverge_and_merge(&self, base: &Canvas, ours: &Canvas, theirs: &Canvas) -> Output {
        self.diverge(base, ours, theirs);
        self.git(&["merge", "--no-edit", "theirs"])
    }
}

fn example() -> Canvas {
    vpcanvas::examples::Example::Invoicing
        .canvas()
        .expect("the example loads")
}

fn text_of(c: &Canvas, id: u32) -> &str {
    c.item(id).map_or("(missing)", |i| i.text.as_str())
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn all_output(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn edits_to_different_items_merge_cleanly_and_diff_by_item() {
    let repo = Repo::new();
    let base = example();
    let mut ours = base.clone();
    ours.set_text(7, "Clients pay 30+ days after the due date");
    let mut theirs = base.clone();
    theirs.set_level(11, Level::High);
    theirs.set_link(23, 8, true);
    let out = repo.diverge_and_merge(&base, &ours, &theirs);
    assert!(out.status.success(), "{}", all_output(&out));
    let merged = repo.read();
    assert_eq!(
        text_of(&merged, 7),
        "Clients pay 30+ days after the due date"
    );
    assert_eq!(merged.item(11).map(|i| i.level), Some(Level::High));
    assert_eq!(merged.item(23).map(|i| i.links.clone()), Some(vec![8]));

    // git diff through the driver: what theirs brought in, by item.
    let diff = repo.git_ok(&["diff", "HEAD~1", "HEAD"]);
    assert!(
        diff.starts_with("vpcanvas diff a/canvas.ron → b/canvas.ron\n"),
        "{diff}"
    );
    assert!(
        diff.contains("  ~ [11] Receipts lost by tax time\n      severity: Mild → Extreme\n"),
        "{diff}"
    );
    assert!(
        diff.contains("      relieves now: [8] Getting VAT wrong for clients abroad\n"),
        "{diff}"
    );
    assert!(diff.contains("  pains relieved: 64% → 77%\n"), "{diff}");
    assert!(
        diff.contains("  now relieved: \"Getting VAT wrong for clients abroad\"\n"),
        "{diff}"
    );
    assert!(!diff.contains("@@"), "not a line diff:\n{diff}");

    // git log -p uses the textconv: a line diff of one line per item.
    let log = repo.git_ok(&["log", "-p", "-1", "theirs"]);
    assert!(log.contains("-! [11] Receipts lost by tax time · Mild\n+! [11] Receipts lost by tax time · Extreme\n"), "{log}");
    assert!(log.contains("-? [23] Offering live chat with a human\n+  [23] Offering live chat with a human · relieves 8\n"), "{log}");
    assert!(
        log.contains("+Fit: pains relieved 77% · gains created 73%"),
        "{log}"
    );
    // And with --ext-diff, the semantic diff itself.
    let log = repo.git_ok(&["log", "-p", "--ext-diff", "-1", "theirs"]);
    assert!(log.contains("      severity: Mild → Extreme\n"), "{log}");
}

#[test]
fn items_added_on_both_branches_with_the_same_new_id_are_all_kept() {
    let repo = Repo::new();
    let base = example();
    let mut ours = base.clone();
    let ours_pain = ours.push(Section::Pains, "Clients dispute the hours billed");
    let mut theirs = base.clone();
    let their_pain = theirs.insert(Section::Pains, 0, "Bank fees on payments from abroad");
    let their_reliever = theirs.push(Section::Relievers, "Payouts in the client's currency");
    theirs.set_link(their_reliever, their_pain, true);
    assert_eq!(ours_pain, their_pain);
    let out = repo.diverge_and_merge(&base, &ours, &theirs);
    assert!(out.status.success(), "{}", all_output(&out));
    assert!(
        all_output(&out).contains("their new item 28 is now"),
        "{}",
        all_output(&out)
    );
    let merged = repo.read();
    let pains: Vec<&str> = merged
        .items(Section::Pains)
        .iter()
        .map(|i| i.text.as_str())
        .collect();
    assert_eq!(
        pains,
        [
            "Bank fees on payments from abroad",
            "Clients pay weeks after the due date",
            "Getting VAT wrong for clients abroad",
            "Awkward emails about overdue money",
            "Rebuilding every invoice in a spreadsheet",
            "Receipts lost by tax time",
            "Clients dispute the hours billed",
        ]
    );
    assert_eq!(
        text_of(&merged, 28),
        "Clients dispute the hours billed",
        "ours keeps its id"
    );
    let renumbered = merged.items(Section::Pains)[0].id;
    assert!(renumbered > 29, "{renumbered}");
    // Their reliever's link followed the renumbered pain.
    let reliever = merged
        .items(Section::Relievers)
        .iter()
        .find(|i| i.text == "Payouts in the client's currency")
        .expect("their reliever");
    assert_eq!(reliever.links, [renumbered]);
}

#[test]
fn a_merge_that_renumbers_many_items_names_a_few_and_counts_the_rest() {
    // Two branches that each added 40 pains: every one of theirs collides.
    let repo = Repo::new();
    let base = example();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    for n in 0..40 {
        ours.push(Section::Pains, format!("Our pain {n}"));
        theirs.push(Section::Pains, format!("Their pain {n}"));
    }
    let out = repo.diverge_and_merge(&base, &ours, &theirs);
    assert!(out.status.success(), "{}", all_output(&out));
    let said = all_output(&out);
    let named = said.lines().filter(|l| l.contains(" is now ")).count();
    assert_eq!(named, 5, "a few named, not one line per item: {said}");
    assert!(
        said.contains("and 35 more of their new items have new ids"),
        "{said}"
    );
    assert_eq!(
        repo.read().items(Section::Pains).len(),
        base.items(Section::Pains).len() + 80
    );
}

#[test]
fn an_edit_against_a_deletion_keeps_the_edit_and_untouched_deletions_delete() {
    let repo = Repo::new();
    let base = example();
    let mut ours = base.clone();
    ours.remove(8); // ours deletes the VAT pain …
    ours.remove(27); // … and the logo creator
    let mut theirs = base.clone();
    theirs.set_text(8, "VAT rules for clients abroad change every year"); // theirs edits it
    let out = repo.diverge_and_merge(&base, &ours, &theirs);
    assert!(out.status.success(), "{}", all_output(&out));
    let merged = repo.read();
    assert_eq!(
        text_of(&merged, 8),
        "VAT rules for clients abroad change every year"
    );
    assert!(
        merged.item(27).is_none(),
        "an untouched item deleted on one side is deleted"
    );
}

#[test]
fn a_real_conflict_keeps_both_versions_and_git_reports_it() {
    let repo = Repo::new();
    let base = example();
    let mut ours = base.clone();
    ours.set_text(9, "Awkward emails chasing money");
    let mut theirs = base.clone();
    theirs.set_text(9, "Phone calls about overdue money");
    let out = repo.diverge_and_merge(&base, &ours, &theirs);
    assert_eq!(out.status.code(), Some(1), "{}", all_output(&out));
    let said = all_output(&out);
    assert!(said.contains("CONFLICT"), "{said}");
    assert!(
        said.contains("changed on both sides: kept ours 9 \"Awkward emails chasing money\""),
        "{said}"
    );
    let merged = repo.read();
    let pains: Vec<&str> = merged
        .items(Section::Pains)
        .iter()
        .map(|i| i.text.as_str())
        .collect();
    assert_eq!(
        &pains[2..4],
        [
            "Awkward emails chasing money",
            "Phone calls about overdue money"
        ]
    );
    // git lists the file as unmerged until the user resolves and adds it.
    let status = repo.git_ok(&["status", "--porcelain"]);
    assert!(status.contains("UU canvas.ron"), "{status}");
}

#[test]
fn a_malformed_side_is_never_written_and_git_keeps_its_conflict() {
    let repo = Repo::new();
    let base = example();
    repo.commit(&base, "base");
    repo.git_ok(&["checkout", "-q", "-b", "theirs"]);
    fs::write(repo.file(), "(\n    version: 1,\n    title: \"broken").expect("write");
    repo.git_ok(&["commit", "-q", "-am", "broken"]);
    repo.git_ok(&["checkout", "-q", "main"]);
    let mut ours = base.clone();
    ours.set_text(7, "Ours");
    repo.commit(&ours, "ours");
    let out = repo.git(&["merge", "--no-edit", "theirs"]);
    assert_eq!(out.status.code(), Some(1), "{}", all_output(&out));
    assert!(
        all_output(&out).contains("vpcanvas merge: cannot read theirs"),
        "{}",
        all_output(&out)
    );
    // The driver wrote nothing: the file is ours, byte for byte.
    assert_eq!(
        fs::read_to_string(repo.file()).expect("read"),
        to_ron(&ours)
    );
}

#[test]
fn git_diff_of_a_new_file_lists_every_item_as_added() {
    let repo = Repo::new();
    fs::write(repo.dir().join("README"), "x").expect("readme");
    repo.git_ok(&["add", "-A"]);
    repo.git_ok(&["commit", "-q", "-m", "first"]);
    repo.commit(&example(), "canvas");
    let diff = stdout(&repo.git(&["diff", "HEAD~1", "HEAD"]));
    assert!(
        diff.contains("  + [1] Get paid in full and on time\n      added at rank 1\n"),
        "{diff}"
    );
    assert!(
        diff.contains("Title: \"\" → \"Invoicing for freelancers\""),
        "{diff}"
    );
}

/// The binary with a home of its own (config, data folder): no test reads
/// or writes the user's real home.
fn vpcanvas(home: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("VPCANVAS_DATA_DIR", home.join("data"))
        .env_remove("VPCANVAS_CONFIG");
    cmd
}

/// When a merge leaves conflicts, the driver says which key lists them in
/// the editor: the user's own when `config.ron` rebinds it, never a default
/// the user no longer has.
#[test]
fn the_merge_driver_names_the_users_key_for_the_conflicts() {
    let dir = tempfile::tempdir().expect("temp");
    let home = dir.path().join("home");
    fs::create_dir_all(home.join(".config/vpcanvas")).expect("config dir");
    let p = |n: &str| dir.path().join(n);
    let base = example();
    let mut ours = base.clone();
    ours.set_text(9, "Ours");
    let mut theirs = base.clone();
    theirs.set_text(9, "Theirs");
    fs::write(p("b"), to_ron(&base)).expect("b");
    let merge = |home: &Path| {
        fs::write(p("o"), to_ron(&ours)).expect("o");
        fs::write(p("t"), to_ron(&theirs)).expect("t");
        let out = vpcanvas(home)
            .arg("merge")
            .args([p("b"), p("o"), p("t")])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1), "{}", all_output(&out));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let said = merge(&home);
    assert!(
        said.contains("press M to keep ours, theirs or both"),
        "{said}"
    );
    fs::write(
        home.join(".config/vpcanvas/config.ron"),
        r#"(keys: { "merge-conflicts": ["Z"] })"#,
    )
    .expect("config");
    let said = merge(&home);
    assert!(
        said.contains("press Z to keep ours, theirs or both"),
        "{said}"
    );
    assert!(!said.contains("press M"), "{said}");
}

/// The merge driver alone, as git calls it: a malformed or hostile side
/// leaves OURS byte-identical.
#[test]
fn merge_never_writes_when_a_side_cannot_be_loaded() {
    let dir = tempfile::tempdir().expect("temp");
    let write = |name: &str, text: &str| -> PathBuf {
        let p = dir.path().join(name);
        fs::write(&p, text).expect("write");
        p
    };
    let good = to_ron(&example());
    let deep = format!("({})", "(".repeat(10_000));
    for bad in [
        "",
        "(",
        "not ron at all",
        deep.as_str(),
        "(version: 99, title: 3)",
    ] {
        for side in 0..3 {
            let texts: Vec<&str> = (0..3)
                .map(|i| if i == side { bad } else { good.as_str() })
                .collect();
            if side == 0 && bad.is_empty() {
                continue; // an empty base is git's "no common ancestor"
            }
            let (b, o, t) = (
                write("b.ron", texts[0]),
                write("o.ron", texts[1]),
                write("t.ron", texts[2]),
            );
            let out = vpcanvas(dir.path())
                .arg("merge")
                .args([&b, &o, &t])
                .output()
                .expect("runs");
            assert_eq!(
                out.status.code(),
                Some(2),
                "side {side}, {bad:?}: {}",
                all_output(&out)
            );
            assert_eq!(
                fs::read_to_string(&o).expect("read"),
                texts[1],
                "side {side} {bad:?}"
            );
            let said = String::from_utf8_lossy(&out.stderr);
            assert!(said.contains("nothing written"));
            // A located parse error keeps its lines, as check prints it.
            assert!(!said.contains("\\u{a}"), "{said}");
        }
    }
}

#[test]
fn merge_with_an_empty_base_keeps_both_sides() {
    let dir = tempfile::tempdir().expect("temp");
    let p = |n: &str| dir.path().join(n);
    let mut ours = Canvas::new("Shared");
    ours.push(Section::Pains, "Ours");
    let mut theirs = Canvas::new("Shared");
    theirs.push(Section::Pains, "Theirs");
    fs::write(p("b"), "").expect("b");
    fs::write(p("o"), to_ron(&ours)).expect("o");
    fs::write(p("t"), to_ron(&theirs)).expect("t");
    let out = vpcanvas(dir.path())
        .arg("merge")
        .args([p("b"), p("o"), p("t")])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", all_output(&out));
    let merged = parse(&fs::read_to_string(p("o")).expect("read"))
        .expect("valid")
        .canvas;
    let pains: Vec<&str> = merged
        .items(Section::Pains)
        .iter()
        .map(|i| i.text.as_str())
        .collect();
    assert_eq!(pains, ["Ours", "Theirs"]);
}

#[test]
fn check_reports_a_merge_conflict_until_it_is_resolved() {
    let repo = Repo::new();
    let mut base = example();
    // A canvas with no gaps, so only the conflict can fail --strict.
    for id in [8, 11] {
        base.remove(id);
    }
    base.remove(13);
    let mut ours = base.clone();
    ours.set_text(9, "Ours");
    let mut theirs = base.clone();
    theirs.set_text(9, "Theirs");
    let out = repo.diverge_and_merge(&base, &ours, &theirs);
    assert_eq!(out.status.code(), Some(1), "{}", all_output(&out));
    let home = repo.root.path().join("home");
    let check = vpcanvas(&home)
        .arg("check")
        .arg(repo.file())
        .output()
        .expect("check");
    let said = stdout(&check);
    assert!(
        said.contains("Merge conflicts to resolve in the editor (1):"),
        "{said}"
    );
    assert!(said.contains("≠ ours: Ours / theirs: Theirs"), "{said}");
    assert!(check.status.success(), "without --strict it only reports");
    let strict = vpcanvas(&home)
        .args(["check", "--strict"])
        .arg(repo.file())
        .output()
        .expect("check");
    assert_eq!(strict.status.code(), Some(1), "{}", all_output(&strict));
    let json = vpcanvas(&home)
        .args(["check", "--format", "json"])
        .arg(repo.file())
        .output()
        .expect("check");
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(
        v["conflicts"],
        serde_json::json!([{ "ours": 9, "theirs": 28 }])
    );
    // git diff of the merge against ours says the conflict is open.
    let diff = repo.git_ok(&["diff", "HEAD"]);
    assert!(
        diff.contains("Merge conflicts\n  open: ours [9] Ours and theirs [28] Theirs"),
        "{diff}"
    );
}

/// The README's lines pasted into a fresh repository: the drivers work and
/// the editor's side files stay out of `git status`.
#[test]
fn the_readme_set_up_works_pasted_into_a_fresh_repository() {
    let repo = Repo::from_readme();
    let attrs = repo.git_ok(&["check-attr", "diff", "merge", "--", "canvas.ron"]);
    assert!(attrs.contains("canvas.ron: diff: vpcanvas"), "{attrs}");
    assert!(attrs.contains("canvas.ron: merge: vpcanvas"), "{attrs}");
    fs::write(repo.dir().join("canvas.ron.bak"), "old").expect("backup");
    fs::write(repo.dir().join(".canvas.ron.vpcanvas-tmp-4242-0"), "x").expect("temp");
    let mut ours = example();
    ours.set_text(7, "Clients pay 30 days late");
    let mut theirs = example();
    theirs.set_text(12, "Cash flow you can plan on");
    let merged = repo.diverge_and_merge(&example(), &ours, &theirs);
    assert_eq!(merged.status.code(), Some(0), "{}", all_output(&merged));
    let canvas = repo.read();
    assert_eq!(text_of(&canvas, 7), "Clients pay 30 days late");
    assert_eq!(text_of(&canvas, 12), "Cash flow you can plan on");
    let status = repo.git_ok(&["status", "--porcelain", "--untracked-files=all"]);
    assert!(status.is_empty(), "only ignored files are left: {status}");
    let tracked = repo.git_ok(&["ls-files"]);
    assert_eq!(tracked, ".gitattributes\n.gitignore\ncanvas.ron\n");
    let log = repo.git_ok(&["log", "-p", "-1", "HEAD^2"]);
    assert!(
        log.contains("+  [12] Cash flow you can plan on"),
        "git log -p reads item by item: {log}"
    );
}

/// git hands the driver a fresh `.merge_file_XXXXXX` as OURS on every merge,
/// so a merge killed mid-write leaves `..merge_file_XXXXXX.vpcanvas-tmp-*`
/// that no later merge writes beside under that name. The next merge in
/// the folder removes it all the same (a stale temp is a dead writer's,
/// whatever it was writing), and the repository is left clean.
#[test]
fn a_killed_merges_temp_file_is_removed_by_the_next_merge() {
    let repo = Repo::new();
    let base = example();
    let mut ours = base.clone();
    ours.set_text(7, "Clients pay 30+ days after the due date");
    let mut theirs = base.clone();
    theirs.set_level(11, Level::High);
    repo.diverge(&base, &ours, &theirs);
    // What a merge killed mid-write leaves (no process has pid 2^32 - 1).
    let leftover = repo
        .dir()
        .join("..merge_file_Zq81xW.vpcanvas-tmp-4294967295-0");
    fs::write(&leftover, "half a canva").expect("leftover");
    let out = repo.git(&["merge", "--no-edit", "theirs"]);
    assert!(out.status.success(), "{}", all_output(&out));
    assert!(
        !leftover.exists(),
        "the killed merge's temp file is still there"
    );
    let status = repo.git_ok(&["status", "--porcelain", "--untracked-files=all"]);
    assert_eq!(status, "", "the work tree is not clean");
}

//! Safety in a real terminal, against the real binary (#11): an unusable
//! data folder is said in the header for as long as the canvas is open and
//! unsaved work goes to a private temp folder; SIGTERM with a full disk says
//! on stderr, after the terminal is given back, where the work is or that it
//! could not be kept; a canvas swapped for a FIFO never freezes the editor.
//!
//! A full disk is made with the debug build's `VPCANVAS_DEBUG_FULL_DISK=DIR`
//! (every write under DIR fails with ENOSPC), so no root or tiny
//! filesystem is needed.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::tmux::{DEADLINE, Launch, Tmux, quote, signal};
use crate::wait;

const CANVAS: &str = "(\n    version: 1,\n    title: \"Hang-up\",\n    customer: (\n        pains: [ (id: 1, text: \"Chasing late payments\") ],\n    ),\n)\n";

/// A harness with `data/plan.ron` (one pain) in its data folder; the path.
fn with_plan() -> (Tmux, PathBuf) {
    let t = Tmux::new();
    let plan = t.data.join("plan.ron");
    fs::write(&plan, CANVAS).unwrap();
    (t, plan)
}

/// Starts the editor on `plan` in window `w` as `how` says (its file is set here).
fn open(t: &mut Tmux, plan: &Path, how: Launch<'_>) {
    t.launch(
        "w",
        &Launch {
            file: Some(plan),
            ..how
        },
    );
}

/// A folder `name` in the test's root, made now; its path.
fn folder(t: &Tmux, name: &str) -> PathBuf {
    let dir = t.path(name);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Waits until a file matching `pred` is in `dir` (searched two levels
/// deep), returning it.
fn wait_for_file(dir: &Path, pred: impl Fn(&Path) -> bool) -> PathBuf {
    wait::until(
        DEADLINE,
        || {
            let mut found = Vec::new();
            for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    for inner in fs::read_dir(&path).into_iter().flatten().flatten() {
                        found.push(inner.path());
                    }
                } else {
                    found.push(path);
                }
            }
            found.into_iter().find(|p| pred(p))
        },
        || format!("nothing in {}", dir.display()),
    )
}

fn uid() -> u32 {
    use std::os::unix::fs::MetadataExt;
    fs::metadata("/proc/self").unwrap().uid()
}

#[test]
fn an_unusable_data_folder_stays_in_the_header_and_unsaved_work_goes_to_temp() {
    let (mut t, plan) = with_plan();
    // VPCANVAS_DATA_DIR names a file: no lock and no snapshots there.
    let not_a_folder = t.path("not-a-folder");
    fs::write(&not_a_folder, "").unwrap();
    let tmp = folder(&t, "tmp");
    let env = format!(
        "VPCANVAS_DATA_DIR={} TMPDIR={}",
        quote(&not_a_folder),
        quote(&tmp)
    );
    open(
        &mut t,
        &plan,
        Launch {
            env: &env,
            ..Launch::default()
        },
    );
    t.wait_screen("w", "The data folder cannot be used");
    // The status fades (8 s); the header keeps saying it.
    let screen = t.wait_gone("w", "The data folder cannot be used");
    let header = screen.lines().next().unwrap_or_default();
    assert!(header.contains("! data folder unusable"), "{screen}");
    // Typed, not yet Enter: the pause snapshots it into the temp folder.
    t.keys("w", &["5"]);
    t.keys("w", &["a"]);
    t.type_text("w", "Words typed with nowhere safe");
    t.wait_screen("w", "nowhere");
    let recovery = tmp.join(format!("vpcanvas-recovery-{}", uid()));
    let snapshot = wait_for_file(&recovery, |p| {
        p.extension().is_some_and(|e| e == "ron")
            && fs::read_to_string(p).is_ok_and(|t| t.contains("Words typed with nowhere safe"))
    });
    assert!(
        snapshot.starts_with(recovery.join("recovery")),
        "{}",
        snapshot.display()
    );
    signal(t.vpcanvas_pid("w"), "KILL");
    let kept = fs::read_to_string(&snapshot).unwrap();
    assert!(kept.contains("Words typed with nowhere safe"), "{kept}");
}

#[test]
fn sigterm_with_a_full_disk_says_where_the_work_is() {
    let (mut t, plan) = with_plan();
    // The canvas's disk is full; the data folder is on another one.
    let state = folder(&t, "state");
    let env = format!(
        "VPCANVAS_DATA_DIR={} VPCANVAS_DEBUG_FULL_DISK={}",
        quote(&state),
        quote(&t.data)
    );
    open(
        &mut t,
        &plan,
        Launch {
            env: &env,
            ..Launch::default()
        },
    );
    t.wait_screen("w", "Fit:");
    t.keys("w", &["5"]);
    t.keys("w", &["d"]);
    t.wait_screen("w", "NOT SAVED");
    signal(t.vpcanvas_pid("w"), "TERM");
    assert_eq!(t.wait_exit("w"), 143, "{}", t.stderr("w"));
    let err = t.stderr("w");
    assert!(
        err.contains("plan.ron could not be saved") && err.contains("No space left"),
        "{err}"
    );
    let at = err
        .split("your unsaved work is in ")
        .nth(1)
        .and_then(|rest| rest.split("; it will be offered").next())
        .unwrap_or_else(|| panic!("no place in {err}"));
    assert!(
        at.starts_with(&state.join("recovery").display().to_string()),
        "{err}"
    );
    let kept = fs::read_to_string(at).unwrap();
    assert!(
        !kept.contains("Chasing late payments"),
        "the deletion is kept: {kept}"
    );
    assert!(
        fs::read_to_string(&plan)
            .unwrap()
            .contains("Chasing late payments"),
        "the file is as it was"
    );
}

#[test]
fn sigterm_with_no_disk_left_anywhere_says_the_work_is_lost_after_the_terminal_is_back() {
    let (mut t, plan) = with_plan();
    // Every folder full, the temp folder too; stderr on the terminal, as a
    // user has it: the line must be on the normal screen after the
    // alternate screen is left, not drawn over by the editor.
    let tmp = folder(&t, "tmp");
    let env = format!(
        "TMPDIR={} VPCANVAS_DEBUG_FULL_DISK={}",
        quote(&tmp),
        quote(t.root())
    );
    let how = Launch {
        env: &env,
        stderr_on_terminal: true,
        ..Launch::default()
    };
    open(&mut t, &plan, how);
    t.wait_screen("w", "Fit:");
    t.keys("w", &["5"]);
    t.keys("w", &["d"]);
    t.wait_screen("w", "NOT SAVED");
    signal(t.vpcanvas_pid("w"), "TERM");
    assert_eq!(t.wait_exit("w"), 143);
    let screen = t.wait_screen("w", "could not be kept anywhere");
    assert!(screen.contains("plan.ron could not be saved"), "{screen}");
    assert!(screen.contains("it is lost"), "{screen}");
    assert!(
        !screen.contains("Fit:"),
        "still on the editor's screen:\n{screen}"
    );
}

#[test]
fn a_canvas_swapped_for_a_fifo_never_freezes_the_editor_or_signals() {
    let (mut t, plan) = with_plan();
    open(&mut t, &plan, Launch::default());
    t.wait_screen("w", "Fit:");
    fs::remove_file(&plan).unwrap();
    let ok = Command::new("mkfifo")
        .arg(&plan)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo");
    // An edit saves: the save finds the FIFO and says so, without opening it.
    t.keys("w", &["5"]);
    t.keys("w", &["d"]);
    t.wait_screen("w", "NOT SAVED");
    t.wait_screen("w", "named pipe");
    // Keys still work.
    t.keys("w", &["?"]);
    t.wait_screen("w", "Keys");
    signal(t.vpcanvas_pid("w"), "TERM");
    assert_eq!(t.wait_exit("w"), 143, "{}", t.stderr("w"));
    assert!(
        fs::symlink_metadata(&plan).unwrap().file_type().is_fifo(),
        "left as it is"
    );
    assert!(
        t.stderr("w").contains("your unsaved work is in"),
        "{}",
        t.stderr("w")
    );
}

#[test]
fn no_lock_is_said_in_the_header() {
    let (mut t, plan) = with_plan();
    // The data folder works, but its locks/ cannot be made.
    let state = folder(&t, "state");
    fs::write(state.join("locks"), "").unwrap();
    let env = format!("VPCANVAS_DATA_DIR={}", quote(&state));
    open(
        &mut t,
        &plan,
        Launch {
            env: &env,
            ..Launch::default()
        },
    );
    let screen = t.wait_screen("w", "No lock could be taken");
    let header = screen.lines().next().unwrap_or_default();
    assert!(header.contains("! no lock"), "{screen}");
    assert!(!header.contains("read-only"), "still editable: {screen}");
}

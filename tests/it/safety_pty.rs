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
use std::time::{Duration, Instant};

use crate::hangup::Pty;

const DEADLINE: Duration = Duration::from_secs(20);

fn kill(pid: u32, sig: &str) {
    let ok = Command::new("kill")
        .args([&format!("-{sig}"), &pid.to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -{sig} {pid}");
}

/// Waits until a file matching `pred` is in `dir` (searched two levels
/// deep), returning it.
fn wait_for_file(dir: &Path, pred: impl Fn(&Path) -> bool) -> PathBuf {
    let deadline = Instant::now() + DEADLINE;
    loop {
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
        if let Some(hit) = found.into_iter().find(|p| pred(p)) {
            return hit;
        }
        assert!(Instant::now() < deadline, "nothing in {}", dir.display());
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn uid() -> u32 {
    use std::os::unix::fs::MetadataExt;
    fs::metadata("/proc/self").unwrap().uid()
}

#[test]
fn an_unusable_data_folder_stays_in_the_header_and_unsaved_work_goes_to_temp() {
    // VPCANVAS_DATA_DIR names a file: no lock and no snapshots there.
    let pty = Pty::start_env(
        "data/plan.ron",
        true,
        "touch {root}/not-a-folder; mkdir -p {root}/tmp\n\
         export VPCANVAS_DATA_DIR={root}/not-a-folder TMPDIR={root}/tmp",
    );
    pty.wait_screen("The data folder cannot be used");
    // The status fades (8 s); the header keeps saying it.
    pty.wait_gone("The data folder cannot be used");
    let screen = pty.screen();
    let header = screen.lines().next().unwrap_or_default();
    assert!(header.contains("! data folder unusable"), "{screen}");
    // Typed, not yet Enter: the pause snapshots it into the temp folder.
    pty.keys(&["5"]);
    pty.keys(&["a"]);
    pty.type_text("Words typed with nowhere safe");
    pty.wait_screen("nowhere");
    let recovery = pty.path(&format!("tmp/vpcanvas-recovery-{}", uid()));
    let snapshot = wait_for_file(&recovery, |p| {
        p.extension().is_some_and(|e| e == "ron")
            && fs::read_to_string(p).is_ok_and(|t| t.contains("Words typed with nowhere safe"))
    });
    assert!(
        snapshot.starts_with(recovery.join("recovery")),
        "{}",
        snapshot.display()
    );
    kill(pty.pid(), "KILL");
    let kept = fs::read_to_string(&snapshot).unwrap();
    assert!(kept.contains("Words typed with nowhere safe"), "{kept}");
}

#[test]
fn sigterm_with_a_full_disk_says_where_the_work_is() {
    // The canvas's disk is full; the data folder is on another one.
    let pty = Pty::start_env(
        "data/plan.ron",
        true,
        "mkdir -p {root}/state\n\
         export VPCANVAS_DATA_DIR={root}/state VPCANVAS_DEBUG_FULL_DISK={root}/data",
    );
    pty.wait_screen("Fit:");
    pty.keys(&["5"]);
    pty.keys(&["d"]);
    pty.wait_screen("NOT SAVED");
    kill(pty.pid(), "TERM");
    assert_eq!(pty.exit_code(), 143, "{}", pty.stderr());
    let err = pty.stderr();
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
        at.starts_with(&pty.path("state/recovery").display().to_string()),
        "{err}"
    );
    let kept = fs::read_to_string(at).unwrap();
    assert!(
        !kept.contains("Chasing late payments"),
        "the deletion is kept: {kept}"
    );
    assert!(
        pty.canvas().contains("Chasing late payments"),
        "the file is as it was"
    );
}

#[test]
fn sigterm_with_no_disk_left_anywhere_says_the_work_is_lost_after_the_terminal_is_back() {
    // Every folder full, the temp folder too; stderr on the terminal, as a
    // user has it: the line must be on the normal screen after the
    // alternate screen is left, not drawn over by the editor.
    let pty = Pty::start_env(
        "data/plan.ron",
        false,
        "mkdir -p {root}/tmp\n\
         export TMPDIR={root}/tmp VPCANVAS_DEBUG_FULL_DISK={root}",
    );
    pty.wait_screen("Fit:");
    pty.keys(&["5"]);
    pty.keys(&["d"]);
    pty.wait_screen("NOT SAVED");
    kill(pty.pid(), "TERM");
    assert_eq!(pty.exit_code(), 143);
    pty.wait_screen("could not be kept anywhere");
    let screen = pty.screen();
    assert!(screen.contains("plan.ron could not be saved"), "{screen}");
    assert!(screen.contains("it is lost"), "{screen}");
    assert!(
        !screen.contains("Fit:"),
        "still on the editor's screen:\n{screen}"
    );
}

#[test]
fn a_canvas_swapped_for_a_fifo_never_freezes_the_editor_or_signals() {
    let pty = Pty::start("data/plan.ron");
    pty.wait_screen("Fit:");
    let canvas = pty.path("data/plan.ron");
    fs::remove_file(&canvas).unwrap();
    let ok = Command::new("mkfifo")
        .arg(&canvas)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo");
    // An edit saves: the save finds the FIFO and says so, without opening it.
    pty.keys(&["5"]);
    pty.keys(&["d"]);
    pty.wait_screen("NOT SAVED");
    pty.wait_screen("named pipe");
    // Keys still work.
    pty.keys(&["?"]);
    pty.wait_screen("Keys");
    kill(pty.pid(), "TERM");
    assert_eq!(pty.exit_code(), 143, "{}", pty.stderr());
    assert!(
        fs::symlink_metadata(&canvas).unwrap().file_type().is_fifo(),
        "left as it is"
    );
    assert!(
        pty.stderr().contains("your unsaved work is in"),
        "{}",
        pty.stderr()
    );
}

#[test]
fn no_lock_is_said_in_the_header() {
    // The data folder works, but its locks/ cannot be made.
    let pty = Pty::start_env(
        "data/plan.ron",
        true,
        "mkdir -p {root}/state; touch {root}/state/locks\n\
         export VPCANVAS_DATA_DIR={root}/state",
    );
    pty.wait_screen("No lock could be taken");
    let screen = pty.screen();
    let header = screen.lines().next().unwrap_or_default();
    assert!(header.contains("! no lock"), "{screen}");
    assert!(!header.contains("read-only"), "still editable: {screen}");
}

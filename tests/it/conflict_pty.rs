//! Another program's file is never lost, and a script always knows when
//! work was not saved (#27): the real binary in a real terminal (tmux),
//! with real symlinks and real writes by "another program".

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;

use vpcanvas::canvas::file::to_ron;
use vpcanvas::canvas::{Canvas, Section};
use vpcanvas::storage;

use crate::tmux::{DEADLINE, Tmux, quote};
use crate::wait;

fn sample(title: &str) -> Canvas {
    let mut c = Canvas::new(title);
    c.push(Section::Pains, "Chasing late payments");
    c
}

fn pains(path: &Path) -> Vec<String> {
    storage::load(path)
        .map(|p| {
            p.canvas
                .items(Section::Pains)
                .iter()
                .map(|i| i.text.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// Adds a pain and waits until it is saved.
fn add_mine(t: &Tmux, file: &Path) {
    t.keys("w", &["5"]);
    t.keys("w", &["a"]);
    t.type_text("w", "My pain");
    t.wait_screen("w", "My pain");
    t.keys("w", &["Enter"]);
    wait::holds(
        DEADLINE,
        || pains(file).contains(&"My pain".to_owned()),
        || t.screen("w"),
    );
}

/// Waits for the conflict dialog and lets the moment in which it ignores
/// keys pass, as a reader of it would.
fn wait_for_the_question(t: &Tmux) {
    t.wait_screen("w", "The file changed on disk");
    std::thread::sleep(vpcanvas::app::UNBIDDEN_GRACE);
}

/// `r` (reload theirs), `u` (mine back), `q`: theirs must be kept in
/// `.bak`, as `k` keeps it, not lost.
#[test]
fn undo_after_reload_then_quit_keeps_theirs_in_the_backup() {
    let mut t = Tmux::new();
    let file = t.path("c.ron");
    fs::write(&file, to_ron(&sample("Mine"))).unwrap();
    t.start("w", &file, "");
    add_mine(&t, &file);
    let theirs = to_ron(&sample("Theirs, by another program"));
    fs::write(&file, &theirs).unwrap();
    wait_for_the_question(&t);
    t.keys("w", &["r"]);
    t.wait_screen("w", "Theirs, by another program");
    t.keys("w", &["u"]);
    t.wait_screen("w", "My pain");
    t.keys("w", &["q"]);
    assert_eq!(t.wait_exit("w"), 0, "stderr: {}", t.stderr("w"));
    assert!(
        pains(&file).contains(&"My pain".to_owned()),
        "mine is saved"
    );
    assert_eq!(
        fs::read_to_string(storage::backup_path(&file)).unwrap(),
        theirs,
        "theirs is in .bak"
    );
}

/// The canvas is swapped for a link to another file (a dotfile) while
/// open; "keep mine" replaces the link itself: the dotfile is untouched,
/// nothing appears beside it, and theirs (what the link showed) is in `.bak`.
#[test]
fn keep_mine_never_writes_through_a_link_that_appeared_after_opening() {
    let mut t = Tmux::new();
    let file = t.path("c.ron");
    fs::write(&file, to_ron(&sample("Mine"))).unwrap();
    let dotfile = t.path("dotrc");
    let secret = to_ron(&sample("A dotfile that happens to parse"));
    fs::write(&dotfile, &secret).unwrap();
    t.start("w", &file, "");
    add_mine(&t, &file);
    // Swapped atomically, as `ln -sf` through a rename would.
    let link = t.path("c.ron.link-tmp");
    std::os::unix::fs::symlink(&dotfile, &link).unwrap();
    fs::rename(&link, &file).unwrap();
    wait_for_the_question(&t);
    t.keys("w", &["k"]);
    wait::holds(
        DEADLINE,
        || {
            fs::symlink_metadata(&file).is_ok_and(|m| m.file_type().is_file())
                && pains(&file).contains(&"My pain".to_owned())
        },
        || t.screen("w"),
    );
    assert_eq!(fs::read_to_string(&dotfile).unwrap(), secret, "the dotfile");
    assert!(
        !storage::backup_path(&dotfile).exists(),
        "nothing beside it"
    );
    assert_eq!(
        fs::read_to_string(storage::backup_path(&file)).unwrap(),
        secret,
        "theirs is in .bak"
    );
    t.keys("w", &["q"]);
    assert_eq!(t.wait_exit("w"), 0, "stderr: {}", t.stderr("w"));
    assert_eq!(fs::read_to_string(&dotfile).unwrap(), secret, "the dotfile");
}

/// `q`, `q` with work that could not be saved: the process says where the
/// work is and exits non-zero, so a script knows.
#[test]
fn quitting_with_unsaved_work_exits_non_zero() {
    let mut t = Tmux::new();
    let full = t.path("full");
    fs::create_dir_all(&full).unwrap();
    let file = full.join("c.ron");
    fs::write(&file, to_ron(&sample("Full disk"))).unwrap();
    let env = format!("VPCANVAS_DEBUG_FULL_DISK={}", quote(&full));
    t.start("w", &file, &env);
    t.keys("w", &["5"]);
    t.keys("w", &["d"]);
    t.wait_screen("w", "NOT SAVED");
    t.keys("w", &["q"]);
    t.wait_screen("w", "Could not save");
    t.keys("w", &["q"]);
    assert_eq!(t.wait_exit("w"), 1, "stderr: {}", t.stderr("w"));
    assert!(
        t.stderr("w").contains("your unsaved work is in"),
        "{}",
        t.stderr("w")
    );
    assert_eq!(
        pains(&file),
        ["Chasing late payments"],
        "the file is as it was"
    );
}

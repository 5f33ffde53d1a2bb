//! What vpcanvas promises to offer, it can read (#27): a snapshot of work
//! whose canvas file would be too large (14 MiB of control characters,
//! written as `\u{1}` each) reads back, and a snapshot that cannot be read
//! is never overwritten by the next session's pause, but set aside and said.

#![allow(clippy::unwrap_used)]

use std::fs;

use vpcanvas::canvas::file::{MAX_FILE_BYTES, to_ron};
use vpcanvas::canvas::{Canvas, Section};
use vpcanvas::storage;

/// A canvas holding 14 MiB of control characters in one pain.
fn controls() -> Canvas {
    let mut c = Canvas::new("Controls");
    c.push(Section::Pains, "\u{1}".repeat(14 * 1024 * 1024));
    c
}

#[test]
fn a_snapshot_of_work_too_large_to_save_is_offered_back() {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("plan.ron");
    let canvas = controls();
    // The canvas file cannot hold it (a save is refused) ...
    assert!(to_ron(&canvas).len() as u64 > 4 * MAX_FILE_BYTES);
    // ... but the snapshot that keeps it reads back whole.
    let at = storage::recovery::write(data.path(), &file, &canvas).unwrap();
    let found = storage::recovery::find(data.path(), &file).expect("offered");
    assert_eq!(found.path, at);
    assert!(found.canvas == canvas, "the same words come back");
}

#[test]
fn a_snapshot_that_cannot_be_read_is_set_aside_and_said_never_overwritten() {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("plan.ron");
    fs::write(&file, to_ron(&Canvas::new("Plan"))).unwrap();
    let snapshot = storage::recovery::path_for(data.path(), &file);
    fs::create_dir_all(snapshot.parent().unwrap()).unwrap();
    // Unreadable here: cut short (by a full disk, or another program).
    let unreadable = "// vpcanvas recovery snapshot\n(version: 1, title: \"Yesterday's wo";
    fs::write(&snapshot, unreadable).unwrap();

    let mut app = vpcanvas::session::load_app(&file).unwrap();
    vpcanvas::session::offer_recovery(&mut app, data.path());
    let said = app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(said.contains("Unreadable recovery snapshot"), "{said}");
    assert_eq!(app.doc.caution.as_deref(), Some("unreadable snapshot"));
    // This session's own pause writes its snapshot ...
    storage::recovery::write(data.path(), &file, &Canvas::new("Today")).unwrap();
    // ... and the unreadable one is still there, byte for byte, where the
    // message says.
    let kept: Vec<_> = fs::read_dir(snapshot.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| fs::read_to_string(p).is_ok_and(|t| t == unreadable))
        .collect();
    assert_eq!(kept.len(), 1, "{said}");
    let name = kept[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(said.contains(&format!("recovery/{name}")), "{said}");
    // Said again next time, never offered as a canvas, never removed.
    let mut app = vpcanvas::session::load_app(&file).unwrap();
    vpcanvas::session::offer_recovery(&mut app, data.path());
    assert!(kept[0].exists());
}

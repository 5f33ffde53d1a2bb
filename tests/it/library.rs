//! The library through the real event loop (the same loop as the editor's),
//! with scripted keys, real files in a temp data folder, and checks on the
//! screen, the folder and how the loop ended.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Condvar, Mutex};

use ratatui::Terminal;

use vpcanvas::canvas::Canvas;
use vpcanvas::library::{Library, Summary};
use vpcanvas::runtime::{self, FileIo, Outcome, SignalFlag};
use vpcanvas::session::open_library;
use vpcanvas::storage;

use super::scenarios::{Script, SharedBackend};

/// Real files; the canvases are read at once when the library asks, so a
/// script sees every row filled in (the default reads them off the loop).
struct InlineIo;

impl runtime::Io for InlineIo {
    fn save(
        &mut self,
        path: &std::path::Path,
        canvas: &Canvas,
        backup: bool,
    ) -> Result<u64, storage::StorageError> {
        FileIo.save(path, canvas, backup)
    }

    fn start_reading(&mut self, found: Vec<storage::Found>) -> Receiver<Summary> {
        let (tx, rx) = mpsc::channel();
        for f in &found {
            tx.send(Summary::read(f)).unwrap();
        }
        rx
    }
}

/// Reads the first canvas at once and the rest only once the test opens
/// the gate; counts the rows sent.
struct HeldIo {
    gate: Arc<(Mutex<bool>, Condvar)>,
    sent: Arc<AtomicUsize>,
}

impl runtime::Io for HeldIo {
    fn save(
        &mut self,
        path: &std::path::Path,
        canvas: &Canvas,
        backup: bool,
    ) -> Result<u64, storage::StorageError> {
        FileIo.save(path, canvas, backup)
    }

    fn start_reading(&mut self, found: Vec<storage::Found>) -> Receiver<Summary> {
        let (tx, rx) = mpsc::channel();
        let (gate, sent) = (Arc::clone(&self.gate), Arc::clone(&self.sent));
        std::thread::spawn(move || {
            for (n, f) in found.iter().enumerate() {
                if n == 1 {
                    let (lock, cv) = &*gate;
                    let open = lock.lock().unwrap();
                    let limit = std::time::Duration::from_secs(60);
                    drop(cv.wait_timeout_while(open, limit, |open| !*open).unwrap());
                }
                if tx.send(Summary::read(f)).is_err() {
                    break;
                }
                sent.fetch_add(1, Ordering::SeqCst);
            }
        });
        rx
    }
}

/// A data folder holding canvases with these names.
struct Folder {
    dir: tempfile::TempDir,
}

/// How a library run ended.
struct Ran {
    outcome: Outcome,
    screen: String,
    /// The screen at each `<snap>`.
    snaps: Vec<String>,
    waits_with_keys_queued: usize,
    library: Library,
}

impl Folder {
    fn with(names: &[&str]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        for name in names {
            let mut canvas = Canvas::new(format!("{name} title"));
            canvas.segment = format!("{name} segment");
            storage::create(&dir.path().join(format!("{name}.ron")), &canvas).unwrap();
        }
        Self { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(format!("{name}.ron"))
    }

    fn names(&self, sub: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.dir.path().join(sub))
            .map(|d| {
                d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .filter(|n| {
                        std::path::Path::new(n)
                            .extension()
                            .is_some_and(|e| e == "ron")
                    })
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    /// Runs the library (opened from `origin`, if given) on a script.
    fn run(&self, origin: Option<&str>, script: &str) -> Ran {
        self.run_with(origin, script, |s| s)
    }

    fn run_with(
        &self,
        origin: Option<&str>,
        script: &str,
        build: impl FnOnce(Script) -> Script,
    ) -> Ran {
        self.run_on(origin, script, build, &mut InlineIo)
    }

    fn run_on(
        &self,
        origin: Option<&str>,
        script: &str,
        build: impl FnOnce(Script) -> Script,
        io: &mut dyn runtime::Io,
    ) -> Ran {
        let origin = origin.map(|o| self.path(o));
        let mut library = open_library(&mut FileIo, self.dir.path(), origin.as_deref(), None);
        let backend = SharedBackend::new(120, 30);
        let signal: SignalFlag = Arc::new(AtomicUsize::new(0));
        let mut events = build(Script::new(
            script,
            backend.clone(),
            self.dir.path().join("none.ron"),
            Arc::clone(&signal),
        ));
        let mut terminal = Terminal::new(backend.clone()).unwrap();
        let outcome =
            runtime::run_library(&mut terminal, &mut library, &mut events, io, &signal).unwrap();
        Ran {
            outcome,
            screen: backend.screen(),
            snaps: events.snaps.iter().map(|s| s.screen.clone()).collect(),
            waits_with_keys_queued: events.waits_with_keys_queued,
            library,
        }
    }
}

/// The library's selected row: the line drawn in the selection style is not
/// visible in text, so ask the library itself.
fn selected(ran: &Ran) -> String {
    ran.library.selected_canvas().unwrap().name.clone()
}

#[test]
fn opened_from_a_canvas_it_is_on_that_canvas_and_esc_goes_back_to_it() {
    let folder = Folder::with(&["acme", "bistro", "cargo"]);
    let ran = folder.run(Some("cargo"), "<esc>");
    assert_eq!(ran.outcome, Outcome::Open(folder.path("cargo")));
    let ran = folder.run(Some("bistro"), "<snap> <c-q>");
    assert_eq!(selected(&ran), "bistro");
}

#[test]
fn started_in_the_library_esc_quits() {
    let folder = Folder::with(&["acme"]);
    let ran = folder.run(None, "<esc>");
    assert_eq!(ran.outcome, Outcome::Quit(None));
}

#[test]
fn a_burst_typed_into_the_library_is_read_in_one_go() {
    let folder = Folder::with(&["acme", "bistro", "cargo"]);
    let ran = folder.run(None, "bistro <snap> <c-q>");
    // One wait for the first key of the burst; the other five were queued.
    assert_eq!(ran.waits_with_keys_queued, 1);
    assert!(ran.screen.contains("Filter: bistro"), "{}", ran.screen);
    assert_eq!(selected(&ran), "bistro");
}

#[test]
fn a_canvas_written_by_another_program_appears_while_the_library_is_open() {
    let folder = Folder::with(&["acme"]);
    let new = folder.path("zebra");
    let ran = folder.run_with(None, "<wait:1s>", |s| {
        s.then_do(move || storage::create(&new, &Canvas::new("Zebra rides")).unwrap())
            .then("<wait:2s> <snap> <c-q>")
    });
    assert!(ran.screen.contains("Zebra rides"), "{}", ran.screen);
}

#[test]
fn delete_moves_the_canvas_to_the_trash() {
    let folder = Folder::with(&["acme", "bistro"]);
    let ran = folder.run(None, "<down> <del> y <snap> <c-q>");
    assert_eq!(folder.names(""), ["acme.ron"]);
    assert_eq!(folder.names("trash"), ["bistro.ron"]);
    assert!(!ran.screen.contains("bistro title"), "{}", ran.screen);
}

/// Issue #12: a delete is undone with Ctrl-z, and the trash view restores.
#[test]
fn a_deleted_canvas_comes_back_by_undo_or_from_the_trash() {
    let folder = Folder::with(&["acme", "bistro"]);
    let ran = folder.run(None, "<down> <del> y <c-z> <snap> <c-q>");
    assert_eq!(folder.names(""), ["acme.ron", "bistro.ron"]);
    assert_eq!(selected(&ran), "bistro", "the restored canvas is selected");
    let ran = folder.run(None, "<del> y <c-t> <snap> <c-q>");
    assert!(ran.library.viewing_trash);
    assert!(ran.screen.contains("the trash"), "{}", ran.screen);
    assert!(ran.screen.contains("acme title"), "{}", ran.screen);
    assert_eq!(folder.names(""), ["bistro.ron"]);
    let ran = folder.run(None, "<c-t> <enter> <snap> <c-q>");
    assert_eq!(folder.names(""), ["acme.ron", "bistro.ron"]);
    assert_eq!(selected(&ran), "acme");
}

/// Issue #12: a duplicate for a second segment, in one go.
#[test]
fn duplicate_asks_for_the_new_segment() {
    let folder = Folder::with(&["acme"]);
    folder.run(None, "<c-d> <enter> Nurses <enter> <snap> <c-q>");
    assert_eq!(folder.names(""), ["acme-2.ron", "acme.ron"]);
    let copy = storage::load(&folder.path("acme-2")).unwrap().canvas;
    assert_eq!(copy.segment, "Nurses");
    assert_eq!(copy.title, "acme title");
}

/// Esc goes back to the canvas the library came from once it is restored;
/// while it is in the trash, Esc quits.
#[test]
fn esc_goes_back_to_the_origin_once_restored() {
    let folder = Folder::with(&["acme"]);
    let ran = folder.run(Some("acme"), "<del> y <esc>");
    assert_eq!(ran.outcome, Outcome::Quit(None));
    let ran = folder.run(Some("acme"), "<c-t> <enter> <esc>");
    assert_eq!(ran.outcome, Outcome::Open(folder.path("acme")));
    let ran = folder.run(Some("acme"), "<del> y <c-z> <esc>");
    assert_eq!(ran.outcome, Outcome::Open(folder.path("acme")));
}

/// Issue #12: `?` in the library lists the library's keys (from the key
/// table), not the editor's; Esc closes it and the library is as it was.
#[test]
fn question_mark_lists_the_librarys_keys() {
    let folder = Folder::with(&["acme"]);
    let ran = folder.run(None, "? <snap> <esc> <snap> <c-q>");
    let [help, after] = &ran.snaps[..] else {
        panic!("{} snaps", ran.snaps.len())
    };
    for key_line in ["In the library", "Ctrl-n", "new canvas", "In the trash"] {
        assert!(help.contains(key_line), "{key_line} missing:\n{help}");
    }
    assert!(
        !help.contains("On the canvas"),
        "the editor's keys:\n{help}"
    );
    assert!(!after.contains("In the library"), "{after}");
    assert!(
        after.contains("Filter:") && !after.contains("Filter: ?"),
        "{after}"
    );
}

/// Issue #12: the library's texts name keys from the key table, never as
/// literals: the trash header says which key restores.
#[test]
fn the_trash_header_names_the_restore_key_from_the_table() {
    use vpcanvas::app::Action;
    use vpcanvas::input::Context;
    use vpcanvas::input::keymap::keys_for;
    let folder = Folder::with(&["acme"]);
    let ran = folder.run(None, "<c-t> <snap> <esc> <c-q>");
    let restore = keys_for(Context::Trash, &Action::Confirm).unwrap();
    let header = ran.snaps[0].lines().next().unwrap().to_owned();
    assert!(header.contains(&format!("{restore} restores")), "{header}");
}

/// Issue #12: the library's code writes no key name in its texts: each comes
/// from the key table (so a changed binding never leaves a stale hint).
#[test]
fn the_librarys_texts_hold_no_literal_key_names() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/library");
    let names = [
        "Enter",
        "Esc",
        "Ctrl-",
        "Alt-",
        "Backspace",
        "Tab",
        "F1",
        "F2",
        "y / n",
    ];
    let mut found = Vec::new();
    for file in ["mod.rs", "view.rs"] {
        let code = std::fs::read_to_string(dir.join(file)).unwrap();
        let code = code.split("#[cfg(test)]").next().unwrap();
        for (n, line) in code.lines().enumerate() {
            let line = line.split("//").next().unwrap();
            // The text inside string literals on this line.
            let literals = line.split('"').skip(1).step_by(2);
            for lit in literals {
                if let Some(name) = names.iter().find(|k| lit.contains(*k)) {
                    found.push(format!("{file}:{}: {name} in \"{lit}\"", n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn rows_show_as_they_are_read_and_the_rest_say_reading() {
    let folder = Folder::with(&["acme", "bistro", "cargo"]);
    let gate: Arc<(Mutex<bool>, Condvar)> = Arc::default();
    let sent = Arc::new(AtomicUsize::new(0));
    let opener = Arc::clone(&gate);
    let (one, all) = (Arc::clone(&sent), Arc::clone(&sent));
    let ran = folder.run_on(
        None,
        "",
        |script| {
            script
                .until(move || one.load(Ordering::SeqCst) >= 1)
                .then("<snap>")
                .then_do(move || {
                    let (lock, cv) = &*opener;
                    *lock.lock().unwrap() = true;
                    cv.notify_all();
                })
                .until(move || all.load(Ordering::SeqCst) >= 3)
                .then("<snap> <c-q>")
        },
        &mut HeldIo { gate, sent },
    );
    // The first canvas is shown before the others are read.
    let first = &ran.snaps[0];
    assert!(first.contains("acme title"), "{first}");
    assert!(first.contains("reading…"), "{first}");
    assert!(!first.contains("cargo title"), "{first}");
    let last = &ran.snaps[1];
    assert!(last.contains("cargo title"), "{last}");
    assert!(!last.contains("reading…"), "{last}");
}

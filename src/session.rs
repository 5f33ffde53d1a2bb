//! One terminal session: the editor and the library, one after the other,
//! without leaving the alternate screen.

use std::io;
use std::path::{Path, PathBuf};

use crate::app::{App, Look, OnDisk, RecoveryOffer, SaveState, StatusKind};
use crate::canvas::Canvas;
use crate::clipboard::SystemClipboard;
use crate::library::{Done, Library};
use crate::runtime::{self, Io, Outcome, SessionIo, TerminalEvents};
use crate::storage::{self, CanvasLock, StorageError};

/// Where a session starts.
pub enum Start {
    Editor(Box<App>),
    Library,
}

/// Builds an editor on a canvas file: loaded if it exists (read-only when it
/// comes from a newer vpcanvas), a new canvas written on first edit if not.
pub fn load_app(path: &Path) -> Result<App, StorageError> {
    let mut app = load_file(path)?;
    app.doc.opened_at = Some(storage::resolve_symlink(path));
    Ok(app)
}

/// [`load_app`] before it notes where the path led. Only a path that is
/// surely absent (a dangling link included) is a new canvas; one that
/// cannot be looked at (a symlink loop, a folder on the way that may not
/// be entered) is read, so its error is said now rather than at every save.
fn load_file(path: &Path) -> Result<App, StorageError> {
    if path.try_exists().unwrap_or(true) {
        let parsed = storage::load(path)?;
        let read_only = parsed.read_only();
        let version = parsed.version;
        let mut app = App::new(parsed.canvas, path, true);
        app.doc.disk = OnDisk::from_fingerprint(storage::disk_fingerprint(path).ok().flatten());
        if read_only {
            return Ok(app.read_only(format!(
                "written by a newer vpcanvas (format version {version}); it will not be changed"
            )));
        }
        if storage::is_read_only_file(&storage::resolve_symlink(path)) {
            return Ok(app
                .read_only("the file's permissions do not let you change it (chmod u+w to edit)"));
        }
        Ok(app)
    } else {
        let title = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut app = App::new(Canvas::new(title), path, false);
        app.doc.disk = OnDisk::Absent;
        Ok(app)
    }
}

/// Takes the canvas's advisory lock; when another vpcanvas has it, the canvas
/// opens read-only. Temp files a killed vpcanvas left beside it are removed.
/// The lock is an OS resource, so the session holds it while the editor
/// runs, not the (pure) editor state.
fn take_lock(app: Box<App>, data_dir: &Path) -> (Box<App>, Option<CanvasLock>) {
    if app.doc.read_only.is_some() {
        return (app, None);
    }
    match storage::lock(data_dir, app.path()) {
        Ok(Some(lock)) => {
            storage::atomic::clean_stale_temps(&storage::resolve_symlink(app.path()));
            storage::recovery::clean_stale_temps(data_dir, app.path());
            (app, Some(lock))
        }
        Ok(None) => (
            Box::new(app.read_only("open in another vpcanvas; close it there to edit here")),
            None,
        ),
        // No lock possible (e.g. a read-only data folder): editing still
        // works, and the user hears that nothing stops a second writer.
        Err(e) => {
            let mut app = app;
            app.caution(
                "no lock",
                format!(
                    "No lock could be taken ({e}): another vpcanvas could change this file at the same time"
                ),
            );
            (app, None)
        }
    }
}

/// What a session needs besides where it starts.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub data_dir: Option<PathBuf>,
    pub look: Look,
}

/// A protection the session does not have: short for the header, in full
/// for the status line.
struct Caution {
    short: &'static str,
    why: String,
}

/// Where unsaved work is kept, and why it is not the data folder if it
/// is not. Safety never turns itself off silently: an unusable data folder
/// (or `recovery/` in it) is said at start-up and in the header, and the
/// snapshots go to a private temp folder.
fn recovery_folder(flag: Option<&Path>) -> (Option<PathBuf>, Option<Caution>) {
    let usable = storage::data_dir(flag).and_then(|dir| {
        let recovery = dir.join("recovery");
        storage::recovery::private_folder(&recovery)
            .map(|()| dir)
            .map_err(|source| StorageError::Io {
                path: recovery,
                source,
            })
    });
    match usable {
        Ok(dir) => (Some(dir), None),
        Err(e) => match storage::recovery::fallback_dir() {
            Some(tmp) => {
                let why = format!(
                    "The data folder cannot be used ({e}); unsaved work is kept in {} instead",
                    tmp.display()
                );
                (
                    Some(tmp),
                    Some(Caution {
                        short: "data folder unusable",
                        why,
                    }),
                )
            }
            None => (
                None,
                Some(Caution {
                    short: "no recovery, no lock",
                    why: format!(
                        "The data folder cannot be used ({e}): no recovery snapshots and no lock — a crash loses what is not saved"
                    ),
                }),
            ),
        },
    }
}

/// Runs a session in the real terminal. Returns the process exit code: 0,
/// 1 when it ended with work that is not in the canvas file, or 128 + the
/// signal that ended it.
pub fn run(start: Start, options: Options) -> io::Result<u8> {
    let Options { data_dir, mut look } = options;
    let signal = runtime::watch_signals()?;
    let (mut terminal, guard) = runtime::enter(look.mouse)?;
    let mut events = TerminalEvents::start()?;
    let (recovery_dir, unprotected) = recovery_folder(data_dir.as_deref());
    let mut io = SessionIo {
        clipboard: SystemClipboard::from_env(),
        data_dir: recovery_dir,
        room: None,
        room_wake: crate::runtime::Events::waker(&events),
    };
    let mut next = match start {
        Start::Editor(app) => Next::Editor { app, back: false },
        Start::Library => Next::Library {
            origin: None,
            problem: None,
            left: None,
        },
    };
    let (sig, editor) = loop {
        next = match next {
            Next::Editor { app, back } => {
                // The lock is held until this editor closes (to the library or out).
                let (mut app, _lock) =
                    prepare_editor(app, back, &mut look, &io, unprotected.as_ref());
                let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    runtime::run(&mut terminal, &mut app, &mut events, &mut io, &signal)
                }));
                match run {
                    Ok(outcome) => match outcome? {
                        Outcome::Quit(sig) => break (sig, Some(app)),
                        Outcome::Library | Outcome::Open(_) => library_from(app),
                    },
                    Err(_) => {
                        // The hook has restored the terminal and said what broke.
                        let _ = terminal.show_cursor();
                        drop(guard);
                        let _ = say_where_the_work_is(&app, &mut io, true);
                        return Ok(101);
                    }
                }
            }
            Next::Library {
                origin,
                problem,
                left,
            } => {
                let dir = storage::data_dir(data_dir.as_deref()).map_err(io::Error::other)?;
                // Read afresh each time it opens.
                let mut library = open_library(&mut io, &dir, origin.as_deref(), problem);
                library.theme = look.theme.theme();
                let outcome = runtime::run_library(
                    &mut terminal,
                    &mut library,
                    &mut events,
                    &mut io,
                    &signal,
                )?;
                match outcome {
                    Outcome::Quit(sig) => break (sig, left),
                    outcome => after_library(outcome, library.origin, left),
                }
            }
        };
    };
    // Show the cursor ourselves: ratatui's drop would `eprintln!` a failure
    // (to a terminal that may be gone), and a failure here only marks it gone.
    let _ = terminal.show_cursor();
    drop(guard);
    // Work that could not be saved (a full disk, no permission) is said,
    // once the terminal is back, whatever ended the editor (q, a signal).
    let unsaved = editor.is_some_and(|app| say_where_the_work_is(&app, &mut io, false));
    // The conventional code for death by signal: 128 + its number; else 1
    // when work is not in the file (a second q), so a script knows.
    Ok(sig.map_or(u8::from(unsaved), |s| u8::try_from(128 + s).unwrap_or(1)))
}

/// The editor about to run: presented with the session's look (unless it
/// is the one coming back from the library, as it was), its canvas locked,
/// and what it should say first (a missing protection, work to recover).
fn prepare_editor(
    mut app: Box<App>,
    back: bool,
    look: &mut Look,
    io: &SessionIo<SystemClipboard>,
    unprotected: Option<&Caution>,
) -> (Box<App>, Option<CanvasLock>) {
    if !back {
        app.present(look);
    }
    // The config warning is said once per session.
    look.warning = None;
    let (mut app, canvas_lock) = match &io.data_dir {
        Some(dir) => take_lock(app, dir),
        None => (app, None),
    };
    if let Some(caution) = unprotected
        && app.doc.read_only.is_none()
    {
        app.caution(caution.short, caution.why.clone());
    }
    if back {
        return (app, canvas_lock);
    }
    if let Some(dir) = &io.data_dir {
        offer_recovery(&mut app, dir);
    }
    offer_room_notes(&mut app, io);
    // Work a full data folder sent to the temp folder.
    if let Some(tmp) = storage::recovery::existing_fallback_dir()
        && io.data_dir.as_ref() != Some(&tmp)
        && !matches!(app.mode, crate::app::Mode::Recover(_))
    {
        offer_recovery(&mut app, &tmp);
    }
    (app, canvas_lock)
}

/// The library, opened from the editor that leaves for it (kept to go back to).
fn library_from(app: Box<App>) -> Next {
    Next::Library {
        // Absolute, as the library lists its canvases.
        origin: Some(std::path::absolute(app.path()).unwrap_or_else(|_| app.path().to_path_buf())),
        problem: None,
        left: Some(app),
    }
}

/// Which screen a session shows next.
enum Next {
    /// The editor; `back` when it is the one that left for the library, as it was.
    Editor { app: Box<App>, back: bool },
    /// The library; opened from the canvas `origin` (if any), saying
    /// `problem` (if any). `left` is the editor that went there, kept to go back to.
    Library {
        origin: Option<PathBuf>,
        problem: Option<String>,
        left: Option<Box<App>>,
    },
}

/// Where the library leads (a canvas to open, or itself again), keeping the
/// editor that `left` for it to go back to.
fn after_library(outcome: Outcome, origin: Option<PathBuf>, left: Option<Box<App>>) -> Next {
    match outcome {
        Outcome::Open(path) => match reopen(left, &path) {
            Ok((app, back)) => Next::Editor { app, back },
            Err(e) => Next::Library {
                origin,
                problem: Some(e.to_string().lines().next().unwrap_or_default().to_owned()),
                left: None,
            },
        },
        _ => Next::Library {
            origin,
            problem: None,
            left,
        },
    }
}

/// The editor for `path` after the library: the one that `left` for it when
/// it is the same canvas and the file is as that editor last saw it (so its
/// undo history, selection and view survive), else the file loaded afresh.
/// The flag says which.
pub fn reopen(left: Option<Box<App>>, path: &Path) -> Result<(Box<App>, bool), StorageError> {
    let same = |a: &Path| std::path::absolute(a).ok() == std::path::absolute(path).ok();
    if let Some(app) = left
        && same(app.path())
        // A read-only editor may be read-only no longer (the other one quit).
        && app.doc.read_only.is_none()
        && !app
            .doc
            .disk
            .differs_from(storage::disk_fingerprint(path).ok().flatten())
    {
        return Ok((app, true));
    }
    load_app(path).map(|app| (Box::new(app), false))
}

/// The library on the folder as it is now: on the canvas it was opened from,
/// if any, saying what went wrong, if anything did.
pub fn open_library(
    io: &mut dyn Io,
    dir: &Path,
    origin: Option<&Path>,
    problem: Option<String>,
) -> Library {
    let listing = runtime::listing(io, dir, Done::Looked);
    let mut library = Library::new(dir.to_path_buf(), Vec::new(), listing.now);
    library.listed(listing);
    if let Some(origin) = origin {
        library = library.opened_from(origin);
    }
    if let Some(why) = problem {
        library.say(why, StatusKind::Error);
    }
    library
}

/// After the editor ended (`crashed`: by a panic) with work that is not in
/// the canvas file: the work goes to the recovery folder (the temp folder
/// when that cannot hold it), and one line on stderr says where, or that it
/// could not be kept. After a crash, a line says so even when nothing was lost.
/// Returns whether there was work not in the canvas file.
fn say_where_the_work_is(app: &App, io: &mut SessionIo<SystemClipboard>, crashed: bool) -> bool {
    let file = app.path().display();
    let snapshot = app.recovery_snapshot();
    let unsaved = snapshot.is_some();
    let line = match snapshot {
        Some(canvas) => {
            let why = match &app.save_state {
                SaveState::Failed(e) => format!("{file} could not be saved ({e})"),
                _ if crashed => "vpcanvas stopped before saving".to_owned(),
                _ => format!("{file} was not saved"),
            };
            match io.keep_snapshot(app.path(), &canvas) {
                Ok(at) => format!(
                    "vpcanvas: {why}; your unsaved work is in {}; it will be offered when you open {file} again",
                    at.display()
                ),
                Err(e) => format!(
                    "vpcanvas: {why}, and your unsaved work could not be kept anywhere ({e}): it is lost"
                ),
            }
        }
        None if crashed => format!("vpcanvas: everything was saved in {file}; nothing was lost"),
        None => return false,
    };
    crate::output::err(&line);
    unsaved
}

/// Notes an earlier room left unrevealed (kept in the data folder, or the
/// temp folder when that was full) are taken back when the room opens.
fn offer_room_notes(app: &mut App, io: &SessionIo<SystemClipboard>) {
    let tmp = storage::recovery::existing_fallback_dir();
    let kept = io
        .data_dir
        .iter()
        .chain(tmp.iter())
        .find_map(|dir| crate::room::keep::find(dir, app.path()));
    if let Some(kept) = kept {
        app.update(crate::app::RuntimeEvent::RoomNotesFound(kept));
    }
}

/// Offers unsaved work found from an earlier session, when it differs from the file.
pub fn offer_recovery(app: &mut App, data_dir: &Path) {
    if app.doc.read_only.is_some() {
        return;
    }
    // One that cannot be read is set aside, never overwritten, and said.
    let why = storage::recovery::set_aside_unreadable(data_dir, app.path());
    let unreadable = storage::recovery::unreadable(data_dir, app.path());
    if !unreadable.is_empty() {
        // Named from the data folder (`recovery/…`): short enough to read.
        let base = data_dir.parent().unwrap_or(data_dir);
        let places: Vec<String> = unreadable
            .iter()
            .map(|p| p.strip_prefix(base).unwrap_or(p).display().to_string())
            .collect();
        app.snapshots_unreadable(&places, why.as_deref());
    }
    if let Some(snapshot) = storage::recovery::find(data_dir, app.path()) {
        if snapshot.canvas == *app.canvas() {
            // Nothing in it that the file does not have.
            storage::recovery::remove(data_dir, app.path());
        } else {
            // Set aside, so this session's own snapshots and saves never
            // touch it: only the user's answer removes it.
            if storage::recovery::keep(data_dir, app.path()).is_none() {
                app.offer_recovery(RecoveryOffer {
                    canvas: snapshot.canvas,
                    modified: snapshot.modified,
                    kept: None,
                });
                return;
            }
        }
    }
    while let Some(snapshot) = storage::recovery::find_kept(data_dir, app.path()) {
        if snapshot.canvas == *app.canvas() {
            storage::recovery::discard(&snapshot.path);
            continue;
        }
        app.offer_recovery(RecoveryOffer {
            canvas: snapshot.canvas,
            modified: snapshot.modified,
            kept: Some(snapshot.path),
        });
        break;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::app::Action;

    /// Issue #12: back from the library, an unchanged canvas keeps its editor
    /// (and undo history); one changed on disk meanwhile is read afresh.
    #[test]
    fn back_from_the_library_keeps_the_editor_unless_the_file_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pitch.ron");
        storage::create(&path, &Canvas::new("Pitch")).unwrap();
        let mut app = Box::new(load_app(&path).unwrap());
        app.update(Action::Add);
        app.update(Action::Text(crate::app::TextEdit::Insert('x')));
        app.update(Action::Confirm);
        let (app, back) = reopen(Some(app), &path).unwrap();
        assert!(back, "the same editor comes back");
        assert!(app.history.can_undo());

        storage::create(&dir.path().join("other.ron"), &Canvas::new("Other")).unwrap();
        std::fs::rename(dir.path().join("other.ron"), &path).unwrap();
        let (app, back) = reopen(Some(app), &path).unwrap();
        assert!(!back);
        assert_eq!(app.canvas().title, "Other");

        let (_, back) = reopen(Some(app), &dir.path().join("third.ron")).unwrap();
        assert!(!back, "another canvas is opened, not this one");
    }
}

//! One terminal session: the editor and the library, one after the other,
//! without leaving the alternate screen.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::{Duration, SystemTime};

use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::app::{App, Look, OnDisk, RecoveryOffer, StatusKind};
use crate::canvas::Canvas;
use crate::clipboard::SystemClipboard;
use crate::input::action_in;
use crate::library::{Library, LibraryEffect, Summary};
use crate::runtime::{self, Events, Outcome, Polled, SessionIo, SignalFlag, TerminalEvents};
use crate::storage::{self, CanvasLock, StorageError};

/// Where a session starts.
pub enum Start {
    Editor(Box<App>),
    Library,
}

/// Builds an editor on a canvas file: loaded if it exists (read-only when it
/// comes from a newer vpcanvas), a new canvas written on first edit if not.
pub fn load_app(path: &Path) -> Result<App, StorageError> {
    if path.exists() {
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
            (app, Some(lock))
        }
        Ok(None) => (
            Box::new(app.read_only("open in another vpcanvas; close it there to edit here")),
            None,
        ),
        // No lock possible (e.g. a read-only data folder): editing still
        // works, and a failed save will say why.
        Err(_) => (app, None),
    }
}

/// What a session needs besides where it starts.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub data_dir: Option<PathBuf>,
    pub look: Look,
}

/// Runs a session in the real terminal. Returns the process exit code: 0, or
/// 128 + the signal that ended it.
pub fn run(start: Start, options: Options) -> io::Result<u8> {
    let Options { data_dir, mut look } = options;
    let signal = runtime::watch_signals()?;
    let (mut terminal, guard) = runtime::enter()?;
    let mut io = SessionIo {
        clipboard: SystemClipboard::from_env(),
        data_dir: storage::data_dir(data_dir.as_deref()).ok(),
    };
    let mut next = start;
    let sig = loop {
        next = match next {
            Start::Editor(mut app) => {
                app.present(&look);
                // The config warning is said once per session.
                look.warning = None;
                // The lock is held until this editor closes (to the library or out).
                let (mut app, _lock) = match &io.data_dir {
                    Some(dir) => take_lock(app, dir),
                    None => (app, None),
                };
                if let Some(dir) = &io.data_dir {
                    offer_recovery(&mut app, dir);
                }
                let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    runtime::run(
                        &mut terminal,
                        &mut app,
                        &mut TerminalEvents,
                        &mut io,
                        &signal,
                    )
                }));
                match run {
                    Ok(outcome) => match outcome? {
                        Outcome::Quit(sig) => break sig,
                        Outcome::Library => Start::Library,
                    },
                    Err(_) => {
                        // The hook has restored the terminal and said what broke.
                        drop(guard);
                        keep_work_after_crash(&app, &io);
                        return Ok(101);
                    }
                }
            }
            Start::Library => {
                let dir = storage::data_dir(data_dir.as_deref()).map_err(io::Error::other)?;
                let mut library = Library::new(dir.clone(), summaries(&dir), SystemTime::now());
                library.theme = look.theme.theme();
                match run_library(&mut terminal, &mut library, &mut TerminalEvents, &signal)? {
                    Some(app) => Start::Editor(Box::new(app)),
                    None => break signal_number(&signal),
                }
            }
        };
    };
    drop(guard);
    // The conventional code for death by signal: 128 + its number.
    Ok(sig.map_or(0, |s| u8::try_from(128 + s).unwrap_or(1)))
}

/// After a crash: the unsaved work goes to the recovery folder, and one line
/// says where (or that nothing was lost).
fn keep_work_after_crash(app: &App, io: &SessionIo<SystemClipboard>) {
    let line = match (app.recovery_snapshot(), &io.data_dir) {
        (Some(canvas), Some(dir)) => match storage::recovery::write(dir, app.path(), &canvas) {
            Ok(path) => format!(
                "vpcanvas: your unsaved work is in {}; it will be offered when you open {} again",
                path.display(),
                app.path().display()
            ),
            Err(e) => format!("vpcanvas: could not keep your unsaved work: {e}"),
        },
        (Some(_), None) => "vpcanvas: no data folder to keep your unsaved work in".to_owned(),
        (None, _) => format!(
            "vpcanvas: everything was saved in {}; nothing was lost",
            app.path().display()
        ),
    };
    crate::output::err(&line);
}

/// Offers unsaved work found from an earlier session, when it differs from the file.
fn offer_recovery(app: &mut App, data_dir: &Path) {
    if app.doc.read_only.is_some() {
        return;
    }
    if let Some(snapshot) = storage::recovery::find(data_dir, app.path()) {
        if snapshot.canvas == *app.canvas() {
            // Nothing in it that the file does not have.
            storage::recovery::remove(data_dir, app.path());
        } else {
            app.offer_recovery(RecoveryOffer {
                canvas: snapshot.canvas,
                modified: snapshot.modified,
            });
        }
    }
}

fn summaries(dir: &Path) -> Vec<Summary> {
    storage::list(dir)
        .map(|entries| entries.iter().map(Summary::from_entry).collect())
        .unwrap_or_default()
}

/// Runs the library until a canvas is opened (returned) or the user quits.
pub fn run_library<B: Backend>(
    terminal: &mut Terminal<B>,
    lib: &mut Library,
    events: &mut dyn Events,
    signal: &SignalFlag,
) -> io::Result<Option<App>>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    loop {
        terminal
            .draw(|f| crate::library::render(lib, f))
            .map_err(io::Error::other)?;
        if signal.load(Ordering::SeqCst) != 0 {
            return Ok(None);
        }
        let event = match events.next(Duration::from_millis(100)) {
            Polled::Idle => continue,
            Polled::Closed => return Ok(None),
            Polled::Event(e) => e,
        };
        let Some(action) = action_in(lib.key_context(), &event) else {
            continue;
        };
        for effect in lib.update(action) {
            match perform(lib, effect) {
                Next::Stay => {}
                Next::Open(app) => return Ok(Some(*app)),
                Next::Quit => return Ok(None),
            }
        }
    }
}

/// What the library does after an effect.
enum Next {
    Stay,
    Open(Box<App>),
    Quit,
}

/// Does one library effect.
fn perform(lib: &mut Library, effect: LibraryEffect) -> Next {
    let dir = lib.dir.clone();
    let result: Result<(String, Option<String>), StorageError> = match effect {
        LibraryEffect::Quit => return Next::Quit,
        LibraryEffect::Open(path) => match load_app(&path) {
            Ok(app) => return Next::Open(Box::new(app)),
            Err(e) => Err(e),
        },
        LibraryEffect::Create { name, example } => {
            let created = storage::canvas_path(&dir, &name).and_then(|path| {
                let canvas = match example {
                    Some(ex) => ex.canvas().map_err(|source| StorageError::Format {
                        path: path.clone(),
                        source,
                    })?,
                    None => Canvas::new(storage::canvas_name(&name)),
                };
                storage::create(&path, &canvas).map(|()| path)
            });
            match created.and_then(|path| load_app(&path)) {
                Ok(app) => return Next::Open(Box::new(app)),
                Err(e) => Err(e),
            }
        }
        LibraryEffect::Rename { from, to } => storage::canvas_path(&dir, &to)
            .and_then(|target| storage::rename(&from, &target).map(|()| target))
            .map(|t| (format!("Renamed to {}", t.display()), stem(&t))),
        LibraryEffect::Duplicate { from, to } => storage::canvas_path(&dir, &to)
            .and_then(|target| storage::duplicate(&from, &target).map(|()| target))
            .map(|t| (format!("Duplicated as {}", t.display()), stem(&t))),
        LibraryEffect::Trash(path) => storage::trash(&dir, &path).map(|t| {
            (
                format!("Moved to {} (restore it by moving it back)", t.display()),
                None,
            )
        }),
    };
    match result {
        Ok((msg, focus)) => {
            lib.refresh(summaries(&dir), SystemTime::now(), focus.as_deref());
            lib.say(msg, StatusKind::Info);
        }
        Err(e) => {
            lib.refresh(summaries(&dir), SystemTime::now(), None);
            lib.say(
                e.to_string().lines().next().unwrap_or_default().to_owned(),
                StatusKind::Error,
            );
        }
    }
    Next::Stay
}

/// The signal that arrived, if any.
fn signal_number(signal: &SignalFlag) -> Option<i32> {
    let sig = signal.load(Ordering::SeqCst);
    (sig != 0).then(|| i32::try_from(sig).unwrap_or(0))
}

fn stem(path: &Path) -> Option<String> {
    path.file_stem().map(|s| s.to_string_lossy().into_owned())
}

//! The event loop and everything that touches the real world: the terminal,
//! signals and the file system.
//!
//! [`run`] takes its event source and its I/O as parameters, so tests drive
//! the real loop with a `TestBackend`, a script of events and a temp dir.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event};

use crate::app::{App, Effect, Message, RuntimeEvent};
use crate::canvas::Canvas;
use crate::clipboard::{Clipboard, Route};
use crate::input::{action_in, message_for};
use crate::library::Library;
use crate::storage::{self, SaveOptions, StorageError};
use crate::ui;

mod executor;
mod input;
mod jobs;
mod library;
mod room;
mod terminal;
pub mod tty;
mod watch;

pub use input::TerminalEvents;
use jobs::Jobs;
pub use jobs::{ExportJob, ExportNews, render as render_export, spawn_export};
pub use library::listing;
pub use terminal::{TerminalGuard, enter, require_terminal, restore_terminal, watch_signals};
use watch::Watch;

/// What waiting for input produced.
#[derive(Debug)]
pub enum Polled {
    Event(Event),
    /// Nothing happened within the timeout.
    Idle,
    /// The input is gone (terminal closed, script ended).
    Closed,
    /// The room's server has requests waiting.
    Wake,
}

/// A source of terminal events, and of the time.
pub trait Events {
    fn next(&mut self, timeout: Duration) -> Polled;

    /// The time now. Scripts override it to move the clock without waiting.
    fn now(&mut self) -> Instant {
        Instant::now()
    }

    /// A way for the room's server to wake the loop (a [`Polled::Wake`]);
    /// without one the loop looks for requests on every tick.
    fn waker(&self) -> Option<crate::room::server::Wake> {
        None
    }
}

/// The I/O the loop performs for the app's effects. File errors are typed
/// ([`StorageError`]); the clipboard's are its own sentences.
pub trait Io {
    /// Writes the canvas; returns the fingerprint of what is now on disk.
    fn save(&mut self, path: &Path, canvas: &Canvas, backup: bool) -> Result<u64, StorageError>;

    /// Writes the canvas only over what `options.expect` says is on disk
    /// ([`storage::SaveOptions`]); a fake without files just saves.
    fn save_guarded(
        &mut self,
        path: &Path,
        canvas: &Canvas,
        options: SaveOptions,
    ) -> Result<u64, StorageError> {
        self.save(path, canvas, options.backup)
    }

    /// Writes an export of the canvas at `canvas` to `path`, or beside it
    /// when `path` is a canvas ([`storage::destination::write_export`]).
    /// Returns where it went.
    fn export(
        &mut self,
        canvas: &Path,
        path: &Path,
        bytes: &[u8],
    ) -> Result<PathBuf, StorageError> {
        storage::destination::write_export(canvas, path, bytes)
    }

    /// Starts rendering an export off the event loop; what it says (its
    /// stages, then its bytes) comes on the channel. A fake can hold it back.
    fn start_export(&mut self, job: ExportJob) -> std::sync::mpsc::Receiver<ExportNews> {
        spawn_export(job)
    }

    /// Puts text on the clipboard.
    fn copy(&mut self, _text: &str) -> Result<Route, String> {
        Err("no clipboard here".to_owned())
    }

    /// The fingerprint of the file's contents now (`None`: no file).
    fn disk_fingerprint(&mut self, path: &Path) -> Result<Option<u64>, StorageError> {
        storage::disk_fingerprint(path).map_err(|source| StorageError::Io {
            path: path.to_path_buf(),
            source,
        })
    }

    /// Reads the file as it is on disk now.
    fn reload(&mut self, path: &Path) -> Result<(Canvas, Option<u64>), StorageError> {
        let parsed = storage::load(path)?;
        Ok((parsed.canvas, self.disk_fingerprint(path)?))
    }

    /// Writes the canvas to a new file beside `path`; returns where.
    fn save_copy(&mut self, path: &Path, canvas: &Canvas) -> Result<PathBuf, StorageError> {
        let stem = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let mut n = 1;
        loop {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            let copy = path.with_file_name(format!("{stem}-mine{suffix}.ron"));
            match storage::create_copy(path, &copy, canvas) {
                Ok(()) => return Ok(copy),
                Err(StorageError::AlreadyExists { .. }) if n < 100 => n += 1,
                Err(e) => return Err(e),
            }
        }
    }

    /// Keeps a snapshot of unsaved work in the recovery folder.
    /// Without one (the default), there is nowhere to keep it.
    fn write_recovery(&mut self, _path: &Path, _canvas: &Canvas) -> Result<(), StorageError> {
        Err(StorageError::NoDataDir)
    }

    /// Removes the snapshot once the work is safe.
    fn clear_recovery(&mut self, _path: &Path) {}

    /// Rings the terminal bell. Without a terminal (the default), nothing.
    fn bell(&mut self) {}

    /// A cheap look at a file, to notice a change without reading it:
    /// its length and modified time (`None`: no file, or no way to tell).
    fn file_stamp(&mut self, path: &Path) -> Option<(u64, std::time::SystemTime)> {
        let meta = std::fs::metadata(path).ok()?;
        Some((meta.len(), meta.modified().ok()?))
    }

    /// A cheap look at a folder of canvases: changes when a canvas in it is
    /// added, removed, renamed or written.
    fn folder_stamp(&mut self, dir: &Path) -> Option<u64> {
        storage::folder_stamp(dir).ok()
    }

    /// Starts the room's web server; returns its join address.
    fn open_room(
        &mut self,
        _bind: std::net::IpAddr,
        _port: u16,
        _view: crate::room::RoomView,
    ) -> Result<String, String> {
        Err("no network here".to_owned())
    }

    /// Stops the room's web server, if one runs.
    fn close_room(&mut self) {}

    /// The requests pages sent since the last look, each with its ticket.
    fn room_requests(&mut self) -> Vec<(u64, crate::room::Request)> {
        Vec::new()
    }

    /// Answers a request (sent with the next [`Io::room_publish`]).
    fn room_answer(&mut self, _ticket: u64, _result: Result<(), crate::room::Refusal>) {}

    /// Hands the server what pages show now (if it changed), then sends the
    /// answers waiting for it.
    fn room_publish(&mut self, _view: Option<crate::room::RoomView>) {}

    /// Keeps the room's unrevealed notes beside the recovery snapshot
    /// (`None`: removes them).
    fn keep_room_notes(
        &mut self,
        _path: &Path,
        _notes: Option<&crate::room::KeptNotes>,
    ) -> Result<(), StorageError> {
        Ok(())
    }

    /// Reads a canvas file.
    fn load(&mut self, path: &Path) -> Result<crate::canvas::file::Parsed, StorageError> {
        storage::load(path)
    }

    /// The canvases in a folder, not read.
    fn list(&mut self, dir: &Path) -> Result<Vec<storage::Found>, StorageError> {
        storage::list(dir)
    }

    /// Reads canvases one by one off the event loop; each one's summary
    /// comes on the channel as it is read (a fake can hold them back).
    fn start_reading(
        &mut self,
        found: Vec<storage::Found>,
    ) -> std::sync::mpsc::Receiver<crate::library::Summary> {
        jobs::spawn_reading(found)
    }

    /// Writes a new canvas file, never over an existing one.
    fn create(&mut self, path: &Path, canvas: &Canvas) -> Result<(), StorageError> {
        storage::create(path, canvas)
    }

    /// Renames a canvas file (and its `.bak`), never over an existing one.
    fn rename(&mut self, from: &Path, to: &Path) -> Result<(), StorageError> {
        storage::rename(from, to)
    }

    /// Copies a canvas file, never over an existing one.
    fn duplicate(&mut self, from: &Path, to: &Path) -> Result<(), StorageError> {
        storage::duplicate(from, to)
    }

    /// Moves a canvas to `trash/` in `dir`; returns where it went.
    fn trash(&mut self, dir: &Path, path: &Path) -> Result<PathBuf, StorageError> {
        storage::trash(dir, path)
    }
}

/// Real files, through the atomic write path; no clipboard.
pub struct FileIo;

impl Io for FileIo {
    fn save(&mut self, path: &Path, canvas: &Canvas, backup: bool) -> Result<u64, StorageError> {
        storage::save(
            path,
            canvas,
            SaveOptions {
                backup,
                ..Default::default()
            },
        )
    }

    fn save_guarded(
        &mut self,
        path: &Path,
        canvas: &Canvas,
        options: SaveOptions,
    ) -> Result<u64, StorageError> {
        storage::save(path, canvas, options)
    }
}

/// Real files, a clipboard and a recovery folder: what the editor runs with.
pub struct SessionIo<C: Clipboard> {
    pub clipboard: C,
    /// The data directory, whose `recovery/` keeps unsaved work.
    pub data_dir: Option<PathBuf>,
    /// The room's server, while the room is open.
    pub room: Option<crate::room::server::RoomServer>,
    /// How the room's server wakes the loop.
    pub room_wake: Option<crate::room::server::Wake>,
}

impl<C: Clipboard> Io for SessionIo<C> {
    fn save(&mut self, path: &Path, canvas: &Canvas, backup: bool) -> Result<u64, StorageError> {
        FileIo.save(path, canvas, backup)
    }

    fn save_guarded(
        &mut self,
        path: &Path,
        canvas: &Canvas,
        options: SaveOptions,
    ) -> Result<u64, StorageError> {
        FileIo.save_guarded(path, canvas, options)
    }

    fn copy(&mut self, text: &str) -> Result<Route, String> {
        self.clipboard.copy(text)
    }

    fn write_recovery(&mut self, path: &Path, canvas: &Canvas) -> Result<(), StorageError> {
        self.keep_snapshot(path, canvas).map(|_| ())
    }

    fn clear_recovery(&mut self, path: &Path) {
        if let Some(dir) = &self.data_dir {
            storage::recovery::remove(dir, path);
        }
        if let Some(tmp) = storage::recovery::existing_fallback_dir() {
            storage::recovery::remove(&tmp, path);
        }
    }

    fn open_room(
        &mut self,
        bind: std::net::IpAddr,
        port: u16,
        view: crate::room::RoomView,
    ) -> Result<String, String> {
        self.close_room();
        let options = crate::room::server::ServerOptions {
            bind,
            port,
            wake: self.room_wake.clone(),
        };
        let server =
            crate::room::server::RoomServer::start(&options, view).map_err(|e| e.to_string())?;
        let url = server.url.clone();
        self.room = Some(server);
        Ok(url)
    }

    fn close_room(&mut self) {
        if let Some(mut server) = self.room.take() {
            server.close();
        }
    }

    fn room_requests(&mut self) -> Vec<(u64, crate::room::Request)> {
        self.room
            .as_mut()
            .map(crate::room::server::RoomServer::take_requests)
            .unwrap_or_default()
    }

    fn room_answer(&mut self, ticket: u64, result: Result<(), crate::room::Refusal>) {
        if let Some(server) = &mut self.room {
            server.answer(ticket, result);
        }
    }

    fn room_publish(&mut self, view: Option<crate::room::RoomView>) {
        if let Some(server) = &mut self.room {
            server.publish(view);
        }
    }

    fn keep_room_notes(
        &mut self,
        path: &Path,
        notes: Option<&crate::room::KeptNotes>,
    ) -> Result<(), StorageError> {
        use crate::room::keep;
        let tmp = storage::recovery::existing_fallback_dir();
        let Some(notes) = notes else {
            for dir in self.data_dir.iter().chain(tmp.iter()) {
                keep::remove(dir, path);
            }
            return Ok(());
        };
        // As unsaved work is: the data folder, else the private temp folder.
        let first = match self.data_dir.as_deref() {
            Some(dir) => match keep::write(dir, path, notes) {
                Ok(_) => return Ok(()),
                Err(e) => e,
            },
            None => StorageError::NoDataDir,
        };
        match storage::recovery::fallback_dir() {
            Some(tmp) if self.data_dir.as_deref() != Some(tmp.as_path()) => {
                keep::write(&tmp, path, notes)
                    .map(|_| ())
                    .map_err(|_| first)
            }
            _ => Err(first),
        }
    }

    fn bell(&mut self) {
        use std::io::Write as _;
        // BEL between frames; a terminal that is gone takes it silently.
        let mut out = tty::TtyOut::new();
        let _ = out.write_all(b"\x07").and_then(|()| out.flush());
    }
}

impl<C: Clipboard> SessionIo<C> {
    /// Writes the recovery snapshot of unsaved work to the data folder or,
    /// when that cannot hold it (full, read-only, gone), to the private
    /// temp folder ([`storage::recovery::fallback_dir`]). Returns where it
    /// went; the error is the data folder's.
    pub fn keep_snapshot(&mut self, path: &Path, canvas: &Canvas) -> Result<PathBuf, StorageError> {
        let first = match self.data_dir.as_deref() {
            Some(dir) => match storage::recovery::write(dir, path, canvas) {
                Ok(at) => return Ok(at),
                Err(e) => e,
            },
            None => StorageError::NoDataDir,
        };
        match storage::recovery::fallback_dir() {
            Some(tmp) if self.data_dir.as_deref() != Some(tmp.as_path()) => {
                storage::recovery::write(&tmp, path, canvas).map_err(|_| first)
            }
            _ => Err(first),
        }
    }
}

/// How a run of the loop ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Quit; with the signal that asked for it, if any.
    Quit(Option<i32>),
    /// Go to the library of canvases.
    Library,
    /// Open this canvas in the editor (from the library).
    Open(PathBuf),
}

/// Set by a signal handler to the signal's number; 0 while none arrived.
pub type SignalFlag = Arc<AtomicUsize>;

/// How long to wait for input before checking for signals again.
const TICK: Duration = Duration::from_millis(100);

/// What the loop shows and drives: the editor on a canvas, or the library.
pub enum Screen<'a> {
    Editor(&'a mut App),
    Library(&'a mut Library),
}

impl Screen<'_> {
    fn update(&mut self, message: impl Into<Message>) -> Vec<Effect> {
        match self {
            Screen::Editor(app) => app.update(message),
            Screen::Library(lib) => lib.update(message),
        }
    }

    /// Applies one terminal event, telling the screen the time first (a
    /// paused timer resumes from the moment of the key, not the last tick).
    fn handle(&mut self, event: &Event, now: Instant) -> Vec<Effect> {
        let mut effects = self.update(RuntimeEvent::Tick(now));
        let message = match self {
            Screen::Editor(app) => message_for(app, event),
            Screen::Library(lib) => match event {
                Event::Resize(w, h) => Some(RuntimeEvent::Resize(*w, *h).into()),
                _ => action_in(lib.key_context(), event).map(Message::from),
            },
        };
        if let Some(m) = message {
            effects.extend(self.update(m));
        }
        effects
    }

    /// Whether the screen changes with time alone at `now`: a running
    /// timer, or a message whose time is up.
    fn wants_ticks(&self, now: Instant) -> bool {
        match self {
            Screen::Editor(app) => {
                app.wants_ticks() || app.status_expired(now) || app.exporting.is_some()
            }
            Screen::Library(lib) => lib.status_expired(now),
        }
    }

    fn render(&self, frame: &mut ratatui::Frame) {
        match self {
            Screen::Editor(app) => ui::render(app, frame),
            Screen::Library(lib) => crate::library::render(lib, frame),
        }
    }
}

/// Runs the editor until it quits or leaves for the library.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut dyn Events,
    io: &mut dyn Io,
    signal: &SignalFlag,
) -> io::Result<Outcome>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let outcome = run_screen(terminal, Screen::Editor(app), events, io, signal);
    // The room does not outlive its editor: its pages say it is closed.
    io.close_room();
    app.update(RuntimeEvent::RoomGone);
    outcome
}

/// Runs the library until a canvas is to be opened or the user quits.
pub fn run_library<B: Backend>(
    terminal: &mut Terminal<B>,
    lib: &mut Library,
    events: &mut dyn Events,
    io: &mut dyn Io,
    signal: &SignalFlag,
) -> io::Result<Outcome>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    run_screen(terminal, Screen::Library(lib), events, io, signal)
}

/// The one event loop, for every screen: input drained in batches, signals,
/// idle work (file watching, recovery snapshots), drawing.
pub fn run_screen<B: Backend>(
    terminal: &mut Terminal<B>,
    mut screen: Screen<'_>,
    events: &mut dyn Events,
    io: &mut dyn Io,
    signal: &SignalFlag,
) -> io::Result<Outcome>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    if let Screen::Editor(app) = &mut screen {
        app.help_lines = ui::editor_help_lines();
    }
    screen.update(RuntimeEvent::Tick(events.now()));
    // A terminal that cannot be measured or drawn on before the first frame
    // went away while vpcanvas started: end as a hang-up does, like any
    // later failed draw (never with the write's error).
    // (A size that cannot be read is guessed: the draw then tells, and a
    // failed write to the real terminal marks it gone, so the exit is 129.)
    let size = terminal
        .size()
        .unwrap_or(ratatui::layout::Size::new(80, 24));
    screen.update(RuntimeEvent::Resize(size.width, size.height));
    let mut jobs = Jobs::default();
    if let Screen::Editor(app) = &mut screen
        && std::mem::take(&mut app.room_settings.at_start)
    {
        let effects = screen.update(crate::app::Action::Room);
        executor::perform(&mut screen, io, &mut jobs, effects);
    }
    let first = draw(terminal, &screen);
    let mut watch = Watch::new(&mut screen, io, events.now());
    if first.is_err() {
        let effects = terminate(&mut screen, signal);
        executor::perform(&mut screen, io, &mut jobs, effects);
        watch.keep_unsaved_work(&screen, io);
        return Ok(Outcome::Quit(signal_number(signal)));
    }
    loop {
        let mut effects = Vec::new();
        if signal.load(Ordering::SeqCst) == 0 {
            match events.next(TICK) {
                Polled::Idle => {
                    let mut rigs = Rigs {
                        io,
                        watch: &mut watch,
                        jobs: &mut jobs,
                    };
                    idle(terminal, &mut screen, &mut rigs, events.now());
                    continue;
                }
                Polled::Closed => effects = terminate(&mut screen, signal),
                // Handled with the round's room work, in `finish_round`.
                Polled::Wake => {}
                Polled::Event(e) => {
                    watch.active(events.now());
                    effects = burst(&mut screen, &e, events, signal);
                }
            }
        }
        if signal.load(Ordering::SeqCst) != 0 && !effects.contains(&Effect::Quit) {
            effects.extend(screen.update(RuntimeEvent::Terminate));
        }
        let mut rigs = Rigs {
            io,
            watch: &mut watch,
            jobs: &mut jobs,
        };
        let left = finish_round(terminal, &mut screen, events, &mut rigs, signal, effects);
        if let Some(outcome) = left {
            return Ok(outcome);
        }
    }
}

/// What a round of the loop works with besides the screen: the I/O, the
/// file watch and the work running off the loop.
struct Rigs<'a> {
    io: &'a mut dyn Io,
    watch: &'a mut Watch,
    jobs: &'a mut Jobs,
}

/// No input for a tick: a running timer, an export's progress or the file
/// watch may want a redraw.
fn idle<B: Backend>(
    terminal: &mut Terminal<B>,
    screen: &mut Screen<'_>,
    rigs: &mut Rigs<'_>,
    now: Instant,
) where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let io = &mut *rigs.io;
    // A running timer redraws as the seconds pass.
    let mut redraw = screen.wants_ticks(now);
    if redraw {
        // The time alone asks for nothing that leaves (a bell at most).
        let effects = screen.update(RuntimeEvent::Tick(now));
        executor::perform(screen, io, rigs.jobs, effects);
    }
    redraw |= poll_jobs(screen, io, rigs.jobs);
    redraw |= rigs.watch.idle(screen, io, rigs.jobs, now);
    redraw |= room::sync(screen, io, rigs.watch, rigs.jobs);
    if redraw {
        // A failure shows on the next event-driven draw.
        let _ = draw(terminal, screen);
    }
}

/// The input ended (the terminal is gone): end the session as a signal would.
fn terminate(screen: &mut Screen<'_>, signal: &SignalFlag) -> Vec<Effect> {
    hung_up(signal);
    screen.update(RuntimeEvent::Terminate)
}

/// One event, then whatever else is already waiting (a paste, fast typing)
/// before drawing, so a burst costs one frame and its saves coalesce into one
/// write. Each key is applied at once: the next one depends on the mode this
/// one leaves.
fn burst(
    screen: &mut Screen<'_>,
    first: &Event,
    events: &mut dyn Events,
    signal: &SignalFlag,
) -> Vec<Effect> {
    debug_panic_trigger(first);
    let mut effects = screen.handle(first, events.now());
    for _ in 0..256 {
        if effects.iter().any(Effect::awaits_result) {
            break;
        }
        match events.next(Duration::ZERO) {
            Polled::Event(e) => effects.extend(screen.handle(&e, events.now())),
            Polled::Idle | Polled::Wake => break,
            Polled::Closed => {
                effects.extend(terminate(screen, signal));
                break;
            }
        }
    }
    effects
}

/// Feeds what the work running off the loop said to the editor; whether
/// anything came (the screen needs drawing).
fn poll_jobs(screen: &mut Screen<'_>, io: &mut dyn Io, jobs: &mut Jobs) -> bool {
    let app = match screen {
        Screen::Editor(app) => app,
        Screen::Library(lib) => return jobs.poll_library(lib, io),
    };
    let (effects, news) = jobs.poll(app, io);
    executor::perform(screen, io, jobs, effects);
    news
}

/// Performs the round's effects and draws; the outcome when the screen is
/// left (asked for, or the terminal can no longer be drawn on).
fn finish_round<B: Backend>(
    terminal: &mut Terminal<B>,
    screen: &mut Screen<'_>,
    events: &mut dyn Events,
    rigs: &mut Rigs<'_>,
    signal: &SignalFlag,
    effects: Vec<Effect>,
) -> Option<Outcome>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let (io, watch, jobs) = (&mut *rigs.io, &mut *rigs.watch, &mut *rigs.jobs);
    let leave = executor::perform(screen, io, jobs, effects);
    let effects = screen.update(RuntimeEvent::Tick(events.now()));
    executor::perform(screen, io, jobs, effects);
    poll_jobs(screen, io, jobs);
    room::sync(screen, io, watch, jobs);
    // A terminal that cannot be drawn on is gone: save and leave.
    let drawn = draw(terminal, screen);
    if drawn.is_err() && leave.is_none() {
        let effects = terminate(screen, signal);
        executor::perform(screen, io, jobs, effects);
        watch.keep_unsaved_work(screen, io);
        return Some(Outcome::Quit(signal_number(signal)));
    }
    let leave = leave?;
    // An export asked for is written before the editor leaves (unless a
    // signal asks to stop now).
    if let Screen::Editor(app) = screen
        && signal_number(signal).is_none()
    {
        jobs.finish(app, io);
    }
    // Whatever could not be saved (a failed save on quit or on a signal) is
    // kept for the next start.
    watch.keep_unsaved_work(screen, io);
    Some(match leave {
        Effect::OpenLibrary => Outcome::Library,
        Effect::Open(path) => Outcome::Open(path),
        _ => Outcome::Quit(signal_number(signal)),
    })
}

/// The terminal went away: end as SIGHUP would (exit 129), unless a
/// signal already said why.
fn hung_up(signal: &SignalFlag) {
    if tty::is_gone() {
        let hup = usize::try_from(signal_hook::consts::SIGHUP).unwrap_or(1);
        let _ = signal.compare_exchange(0, hup, Ordering::SeqCst, Ordering::SeqCst);
    }
}

/// The signal that arrived, if any.
pub fn signal_number(signal: &SignalFlag) -> Option<i32> {
    let sig = signal.load(Ordering::SeqCst);
    (sig != 0).then(|| i32::try_from(sig).unwrap_or(0))
}

/// In debug builds with `VPCANVAS_DEBUG_PANIC` set, F12 panics: how the
/// tests prove that a crash restores the terminal and keeps the work.
fn debug_panic_trigger(event: &Event) {
    if cfg!(debug_assertions)
        && std::env::var_os("VPCANVAS_DEBUG_PANIC").is_some()
        && let Event::Key(k) = event
        && k.code == event::KeyCode::F(12)
    {
        panic!("debug panic requested with F12");
    }
}

fn draw<B: Backend>(terminal: &mut Terminal<B>, screen: &Screen<'_>) -> io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    terminal
        .draw(|f| screen.render(f))
        .map_err(io::Error::other)?;
    Ok(())
}

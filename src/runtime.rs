//! The event loop and everything that touches the real world: the terminal,
//! signals and the file system.
//!
//! [`run`] takes its event source and its I/O as parameters, so tests drive
//! the real loop with a `TestBackend`, a script of events and a temp dir.

use std::io::{self, IsTerminal, Stdout};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::app::{App, Effect, RuntimeEvent};
use crate::canvas::Canvas;
use crate::clipboard::{Clipboard, Route};
use crate::input::message_for;
use crate::storage::{self, SaveOptions, StorageError};
use crate::ui;

/// What waiting for input produced.
#[derive(Debug)]
pub enum Polled {
    Event(Event),
    /// Nothing happened within the timeout.
    Idle,
    /// The input is gone (terminal closed, script ended).
    Closed,
}

/// A source of terminal events.
pub trait Events {
    fn next(&mut self, timeout: Duration) -> Polled;
}

/// The I/O the loop performs for the app's effects. File errors are typed
/// ([`StorageError`]); the clipboard's are its own sentences.
pub trait Io {
    /// Writes the canvas; returns the fingerprint of what is now on disk.
    fn save(&mut self, path: &Path, canvas: &Canvas, backup: bool) -> Result<u64, StorageError>;

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
            match storage::create(&copy, canvas) {
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
}

/// Real files, through the atomic write path; no clipboard.
pub struct FileIo;

impl Io for FileIo {
    fn save(&mut self, path: &Path, canvas: &Canvas, backup: bool) -> Result<u64, StorageError> {
        storage::save(path, canvas, SaveOptions { backup })
    }
}

/// Real files, a clipboard and a recovery folder: what the editor runs with.
pub struct SessionIo<C: Clipboard> {
    pub clipboard: C,
    /// The data directory, whose `recovery/` keeps unsaved work.
    pub data_dir: Option<PathBuf>,
}

impl<C: Clipboard> Io for SessionIo<C> {
    fn save(&mut self, path: &Path, canvas: &Canvas, backup: bool) -> Result<u64, StorageError> {
        FileIo.save(path, canvas, backup)
    }

    fn copy(&mut self, text: &str) -> Result<Route, String> {
        self.clipboard.copy(text)
    }

    fn write_recovery(&mut self, path: &Path, canvas: &Canvas) -> Result<(), StorageError> {
        let dir = self.data_dir.as_deref().ok_or(StorageError::NoDataDir)?;
        storage::recovery::write(dir, path, canvas).map(|_| ())
    }

    fn clear_recovery(&mut self, path: &Path) {
        if let Some(dir) = &self.data_dir {
            storage::recovery::remove(dir, path);
        }
    }
}

/// How an editor session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Quit; with the signal that asked for it, if any.
    Quit(Option<i32>),
    /// Go to the library of canvases.
    Library,
}

/// Events from the real terminal.
pub struct TerminalEvents;

impl Events for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> Polled {
        // crossterm 0.29 spins forever inside `poll` once the tty hangs up
        // (its read loop only stops on WouldBlock), so look at the tty
        // ourselves first and never hand it a dead one. Resizes arrive
        // through crossterm's own signal pipe on the zero-timeout poll below.
        match tty_state(timeout) {
            TtyState::Gone => return Polled::Closed,
            TtyState::Quiet | TtyState::Ready => {}
        }
        match event::poll(Duration::ZERO) {
            Ok(true) => match event::read() {
                Ok(e) => Polled::Event(e),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => Polled::Idle,
                // The tty is gone: stop rather than spin on errors.
                Err(_) => Polled::Closed,
            },
            Ok(false) => Polled::Idle,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Polled::Idle,
            Err(_) => Polled::Closed,
        }
    }
}

enum TtyState {
    /// Input is waiting.
    Ready,
    /// Nothing within the timeout.
    Quiet,
    /// Hung up or broken: the terminal is gone.
    Gone,
}

/// Waits up to `timeout` for input on stdin (the tty), noticing a hang-up.
fn tty_state(timeout: Duration) -> TtyState {
    use rustix::event::{PollFd, PollFlags, Timespec};
    let stdin = io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let ts = Timespec::try_from(timeout).unwrap_or(Timespec {
        tv_sec: 0,
        tv_nsec: 100_000_000,
    });
    match rustix::event::poll(&mut fds, Some(&ts)) {
        Ok(0) => TtyState::Quiet,
        Ok(_) => {
            let r = fds[0].revents();
            if r.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
                TtyState::Gone
            } else {
                TtyState::Ready
            }
        }
        Err(rustix::io::Errno::INTR) => TtyState::Quiet,
        Err(_) => TtyState::Gone,
    }
}

/// Set by a signal handler to the signal's number; 0 while none arrived.
pub type SignalFlag = Arc<AtomicUsize>;

/// How long to wait for input before checking for signals again.
const TICK: Duration = Duration::from_millis(100);

/// Runs the editor until it quits. Returns the signal that ended it, if any.
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
    let size = terminal.size().map_err(io::Error::other)?;
    app.update(RuntimeEvent::Resize(size.width, size.height));
    draw(terminal, app)?;
    let mut watch = Watch::new();
    loop {
        let mut effects = Vec::new();
        if signal.load(Ordering::SeqCst) == 0 {
            match events.next(TICK) {
                Polled::Idle => {
                    // A running timer redraws as the seconds pass.
                    let mut redraw = app.wants_ticks();
                    if redraw {
                        app.update(RuntimeEvent::Tick(Instant::now()));
                    }
                    redraw |= watch.idle(app, io);
                    if redraw {
                        // A failure shows on the next event-driven draw.
                        let _ = draw(terminal, app);
                    }
                    continue;
                }
                Polled::Closed => effects.extend(app.update(RuntimeEvent::Terminate)),
                Polled::Event(e) => {
                    watch.active();
                    debug_panic_trigger(&e);
                    effects.extend(message_for(app, &e).map_or_else(Vec::new, |m| app.update(m)));
                    // Take whatever else is already waiting (a paste, fast
                    // typing) so that its saves coalesce into one write. Each
                    // key is applied at once: the next one depends on the mode
                    // this one leaves.
                    for _ in 0..256 {
                        if effects.contains(&Effect::Quit) {
                            break;
                        }
                        match events.next(Duration::ZERO) {
                            Polled::Event(e) => {
                                effects.extend(
                                    message_for(app, &e).map_or_else(Vec::new, |m| app.update(m)),
                                );
                            }
                            Polled::Idle => break,
                            Polled::Closed => {
                                effects.extend(app.update(RuntimeEvent::Terminate));
                                break;
                            }
                        }
                    }
                }
            }
        }
        if signal.load(Ordering::SeqCst) != 0 && !effects.contains(&Effect::Quit) {
            effects.extend(app.update(RuntimeEvent::Terminate));
        }
        let leave = perform(app, io, effects);
        app.update(RuntimeEvent::Tick(Instant::now()));
        // A terminal that cannot be drawn on is gone: save and leave.
        let drawn = draw(terminal, app);
        if drawn.is_err() && leave.is_none() {
            let effects = app.update(RuntimeEvent::Terminate);
            perform(app, io, effects);
            watch.keep_unsaved_work(app, io);
            let sig = signal.load(Ordering::SeqCst);
            return Ok(Outcome::Quit(
                (sig != 0).then(|| i32::try_from(sig).unwrap_or(0)),
            ));
        }
        if leave.is_some() {
            // Whatever could not be saved (a failed save on quit or on a
            // signal) is kept for the next start.
            watch.keep_unsaved_work(app, io);
        }
        match leave {
            Some(Effect::OpenLibrary) => return Ok(Outcome::Library),
            Some(_) => {
                let sig = signal.load(Ordering::SeqCst);
                return Ok(Outcome::Quit(
                    (sig != 0).then(|| i32::try_from(sig).unwrap_or(0)),
                ));
            }
            None => {}
        }
    }
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

/// Work done while the user pauses: a recovery snapshot of unsaved work,
/// and a look at whether another program changed the file.
struct Watch {
    last_activity: Instant,
    last_disk_check: Instant,
    /// The file's (length, modified time) when last looked at.
    last_meta: Option<(u64, std::time::SystemTime)>,
    /// The fingerprint of the snapshot written this session, if any.
    recovery_written: Option<u64>,
}

/// How long a pause before unsaved work is snapshotted.
const RECOVERY_IDLE: Duration = Duration::from_millis(800);
/// How often the file is looked at for other writers.
const DISK_CHECK: Duration = Duration::from_millis(1500);

impl Watch {
    fn new() -> Self {
        let now = Instant::now();
        Self {
            last_activity: now,
            last_disk_check: now,
            last_meta: None,
            recovery_written: None,
        }
    }

    fn active(&mut self) {
        self.last_activity = Instant::now();
    }

    /// Returns true when the screen needs redrawing.
    fn idle(&mut self, app: &mut App, io: &mut dyn Io) -> bool {
        let now = Instant::now();
        if now.duration_since(self.last_activity) >= RECOVERY_IDLE {
            self.keep_unsaved_work(app, io);
        }
        if now.duration_since(self.last_disk_check) < DISK_CHECK
            || app.mode != crate::app::Mode::Normal
            || app.doc.read_only.is_some()
            || app.doc.disk == crate::app::OnDisk::Unknown
        {
            return false;
        }
        self.last_disk_check = now;
        // A cheap look first; the contents decide.
        let meta = std::fs::metadata(app.path())
            .ok()
            .and_then(|m| Some((m.len(), m.modified().ok()?)));
        if meta == self.last_meta {
            return false;
        }
        self.last_meta = meta;
        match io.disk_fingerprint(app.path()) {
            Ok(fp) if app.doc.disk.differs_from(fp) => {
                app.update(RuntimeEvent::ChangedOnDisk);
                true
            }
            _ => false,
        }
    }

    /// Writes (or clears) the recovery snapshot to match the unsaved work.
    fn keep_unsaved_work(&mut self, app: &App, io: &mut dyn Io) {
        match app.recovery_snapshot() {
            Some(canvas) => {
                let fp = storage::fingerprint(crate::canvas::file::to_ron(&canvas).as_bytes());
                if self.recovery_written != Some(fp)
                    && io.write_recovery(app.path(), &canvas).is_ok()
                {
                    self.recovery_written = Some(fp);
                }
            }
            None => {
                if self.recovery_written.take().is_some() {
                    io.clear_recovery(app.path());
                }
            }
        }
    }
}

fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &App) -> io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    terminal
        .draw(|f| ui::render(app, f))
        .map_err(io::Error::other)?;
    Ok(())
}

/// Performs effects: all saves of a batch become one write. Returns the
/// leaving effect (quit or library) once everything before it is done.
fn perform(app: &mut App, io: &mut dyn Io, effects: Vec<Effect>) -> Option<Effect> {
    let mut queue: std::collections::VecDeque<Effect> = effects.into();
    let mut saved_this_batch = false;
    let mut leave = None;
    while let Some(effect) = queue.pop_front() {
        match effect {
            Effect::Save { backup } => {
                if saved_this_batch && !app.is_dirty() {
                    continue;
                }
                saved_this_batch = true;
                // Never overwrite another program's change silently: compare
                // the contents on disk with what we last read or wrote.
                match io.disk_fingerprint(app.path()) {
                    Ok(now) if app.doc.disk.differs_from(now) => {
                        queue.extend(app.update(RuntimeEvent::ChangedOnDisk));
                    }
                    Ok(_) => queue.extend(save(app, io, backup)),
                    Err(why) => queue.extend(app.update(RuntimeEvent::Saved(Err(why)))),
                }
            }
            // Theirs is kept in .bak, whatever this session backed up before.
            Effect::Overwrite => queue.extend(save(app, io, true)),
            Effect::Reload => {
                let result = io.reload(app.path()).map(|(c, d)| (Box::new(c), d));
                queue.extend(app.update(RuntimeEvent::Reloaded(result)));
            }
            Effect::SaveCopy => {
                let result = io.save_copy(app.path(), app.canvas());
                queue.extend(app.update(RuntimeEvent::CopySaved(result)));
            }
            Effect::ClearRecovery => {
                if !app.is_dirty() {
                    io.clear_recovery(app.path());
                }
            }
            Effect::Copy { text, what } => {
                let result = io.copy(&text);
                queue.extend(app.update(RuntimeEvent::Copied { what, result }));
            }
            Effect::Export { path, text } => {
                let result = io.export(app.path(), &path, text.as_bytes());
                queue.extend(app.update(RuntimeEvent::Exported(result)));
            }
            // Quitting wins over going to the library.
            Effect::Quit => leave = Some(Effect::Quit),
            Effect::OpenLibrary => {
                leave.get_or_insert(Effect::OpenLibrary);
            }
        }
    }
    leave
}

/// Writes the canvas and tells the app how it went.
fn save(app: &mut App, io: &mut dyn Io, backup: bool) -> Vec<Effect> {
    let result = io.save(app.path(), app.canvas(), backup);
    // A save can fail after its file is in place (the folder sync): what is
    // on disk is then ours, and must not later look like another writer.
    // The typed error says so; nothing is read back or serialised again.
    let ours = match &result {
        Ok(fingerprint) => Some(*fingerprint),
        Err(e) => e.left_in_place(&storage::resolve_symlink(app.path())),
    };
    let mut effects = Vec::new();
    if let Some(fingerprint) = ours {
        effects.extend(app.update(RuntimeEvent::OnDisk(Some(fingerprint))));
    }
    effects.extend(app.update(RuntimeEvent::Saved(result.map(|_| ()))));
    effects
}

/// Puts the terminal into the editor's modes and restores it on drop (and on
/// panic, through the hook installed by [`enter`]).
pub struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Leaves every mode the editor set: raw mode, alternate screen, bracketed
/// paste, hidden cursor. Safe to call twice.
pub fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
}

/// Fails with one clear sentence when stdin or stdout is not a terminal.
pub fn require_terminal() -> io::Result<()> {
    if io::stdin().is_terminal() && io::stdout().is_terminal() {
        Ok(())
    } else {
        Err(io::Error::other(
            "the editor needs a terminal (stdin and stdout must be a tty); for scripts use `vpcanvas show`, `check` or `export`",
        ))
    }
}

/// Sets up the terminal. Fails cleanly (no panic) when there is no terminal.
pub fn enter() -> io::Result<(Terminal<CrosstermBackend<Stdout>>, TerminalGuard)> {
    require_terminal()?;
    // The terminal first, then one short line (the session then keeps the
    // work and says where).
    std::panic::set_hook(Box::new(|info| {
        restore_terminal();
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        crate::output::err(&format!("vpcanvas: internal error: {what}{place}"));
    }));
    enable_raw_mode()?;
    let guard = TerminalGuard;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        EnableMouseCapture
    )?;
    let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    Ok((terminal, guard))
}

/// Registers SIGTERM, SIGHUP and SIGINT to set the returned flag.
pub fn watch_signals() -> io::Result<SignalFlag> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let flag: SignalFlag = Arc::new(AtomicUsize::new(0));
    for sig in [SIGTERM, SIGHUP, SIGINT] {
        signal_hook::flag::register_usize(
            sig,
            Arc::clone(&flag),
            usize::try_from(sig).unwrap_or(0),
        )?;
    }
    Ok(flag)
}

//! The event loop and everything that touches the real world: the terminal,
//! signals and the file system.
//!
//! [`run`] takes its event source and its I/O as parameters, so tests drive
//! the real loop with a `TestBackend`, a script of events and a temp dir.

use std::io::{self, IsTerminal, Stdout};
use std::path::Path;
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

use crate::app::{Action, App, Effect};
use crate::canvas::Canvas;
use crate::clipboard::{Clipboard, Route};
use crate::input::action_for;
use crate::storage::{self, SaveOptions};
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

/// The I/O the loop performs for the app's effects. Errors are sentences for
/// the status bar.
pub trait Io {
    /// Writes the canvas.
    fn save(&mut self, path: &Path, canvas: &Canvas, backup: bool) -> Result<(), String>;

    /// Writes an export file, through the same atomic path as canvases.
    fn export(&mut self, path: &Path, text: &str) -> Result<(), String> {
        storage::write_atomic(path, text.as_bytes()).map_err(|e| e.to_string())
    }

    /// Puts text on the clipboard.
    fn copy(&mut self, _text: &str) -> Result<Route, String> {
        Err("no clipboard here".to_owned())
    }
}

/// Real files, through the atomic write path; no clipboard.
pub struct FileIo;

impl Io for FileIo {
    fn save(&mut self, path: &Path, canvas: &Canvas, backup: bool) -> Result<(), String> {
        storage::save(path, canvas, SaveOptions { backup }).map_err(|e| e.to_string())
    }
}

/// Real files and a clipboard: what the editor runs with.
pub struct SessionIo<C: Clipboard> {
    pub clipboard: C,
}

impl<C: Clipboard> Io for SessionIo<C> {
    fn save(&mut self, path: &Path, canvas: &Canvas, backup: bool) -> Result<(), String> {
        FileIo.save(path, canvas, backup)
    }

    fn copy(&mut self, text: &str) -> Result<Route, String> {
        self.clipboard.copy(text)
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
        match event::poll(timeout) {
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
    B::Error: Into<io::Error>,
{
    let size = terminal.size().map_err(Into::into)?;
    app.update(Action::Resize(size.width, size.height));
    draw(terminal, app)?;
    loop {
        let mut effects = Vec::new();
        if signal.load(Ordering::SeqCst) == 0 {
            match events.next(TICK) {
                Polled::Idle => {
                    // A running timer redraws as the seconds pass.
                    if app.wants_ticks() {
                        app.update(Action::Tick(Instant::now()));
                        draw(terminal, app)?;
                    }
                    continue;
                }
                Polled::Closed => effects.extend(app.update(Action::Terminate)),
                Polled::Event(e) => {
                    effects.extend(action_for(app, &e).map_or_else(Vec::new, |a| app.update(a)));
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
                                    action_for(app, &e).map_or_else(Vec::new, |a| app.update(a)),
                                );
                            }
                            Polled::Idle => break,
                            Polled::Closed => {
                                effects.extend(app.update(Action::Terminate));
                                break;
                            }
                        }
                    }
                }
            }
        }
        if signal.load(Ordering::SeqCst) != 0 && !effects.contains(&Effect::Quit) {
            effects.extend(app.update(Action::Terminate));
        }
        let leave = perform(app, io, effects);
        app.update(Action::Tick(Instant::now()));
        draw(terminal, app)?;
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

fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &App) -> io::Result<()>
where
    B::Error: Into<io::Error>,
{
    terminal.draw(|f| ui::render(app, f)).map_err(Into::into)?;
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
                let result = io.save(app.path(), &app.canvas, backup && !app.doc.backed_up);
                queue.extend(app.update(Action::Saved(result)));
            }
            Effect::Copy { text, what } => {
                let result = io.copy(&text);
                queue.extend(app.update(Action::Copied { what, result }));
            }
            Effect::Export { path, text } => {
                let result = io.export(&path, &text).map(|()| path);
                queue.extend(app.update(Action::Exported(result)));
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

/// Sets up the terminal. Fails cleanly (no panic) when there is no terminal.
pub fn enter() -> io::Result<(Terminal<CrosstermBackend<Stdout>>, TerminalGuard)> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(io::Error::other(
            "the editor needs a terminal (stdin and stdout must be a tty); for scripts use `vpcanvas show`, `check` or `export`",
        ));
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
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

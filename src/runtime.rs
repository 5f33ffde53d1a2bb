//! The event loop and everything that touches the real world: the terminal,
//! signals and the file system.
//!
//! [`run`] takes its event source and its I/O as parameters, so tests drive
//! the real loop with a `TestBackend`, a script of events and a temp dir.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event};

use crate::app::{App, Effect, Message, RuntimeEvent};
use crate::input::{action_in, message_for};
use crate::library::Library;
use crate::ui;

mod executor;
mod input;
mod jobs;
mod library;
mod room;
mod session_io;
mod terminal;
pub mod tty;
mod watch;

pub use input::TerminalEvents;
use jobs::Jobs;
pub use jobs::{ExportJob, ExportNews, render as render_export, spawn_export};
pub use library::listing;
pub use session_io::{FileIo, Io, SessionIo};
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

//! Scenarios: key scripts run through the real event loop (`runtime::run`)
//! with a `TestBackend`, real files in a temp dir, then checks on the screen
//! and on the file on disk.
//!
//! A script is a line of tokens separated by spaces:
//! - `"quoted text"` is typed character by character, spaces included (no
//!   escapes: typed text cannot hold a `"`; use `Script::paste` for odd text);
//! - `<enter>`, `<esc>`, `<space>`, `<tab>`, `<backtab>`, `<up>`, `<down>`,
//!   `<left>`, `<right>`, `<del>`, `<bs>` are named keys, `<c-s>` is Ctrl-s
//!   (any letter works);
//! - `<snap>` lets the loop draw, then records the screen and the file;
//! - `<sigterm>` raises the signal flag as SIGTERM would;
//! - `<wait:15s>` (or `<wait:800ms>`) lets that much time pass, with no
//!   input, on the script's own clock (nothing sleeps);
//! - any other word is typed as its characters, one key each (`5`, `a`, `q`).
//!
//! Here the harness; the scenarios themselves in `scenarios/`.

#![allow(clippy::unwrap_used)]

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Size};

use vpcanvas::app::App;
use vpcanvas::canvas::file::parse;
use vpcanvas::canvas::{Canvas, ItemId, Section};
use vpcanvas::input::Key;
use vpcanvas::runtime::{self, Events, FileIo, Io, Outcome, Polled, SignalFlag};
use vpcanvas::session::load_app;
use vpcanvas::storage;

mod comparing;
mod editing;
mod exporting;
mod the_loop;

// -- a TestBackend the test can read while the loop owns the terminal ----------

/// `TestBackend` behind a shared handle, so a script can look at the screen
/// between key presses. (Also needed because `runtime::run` wants
/// `B::Error: Into<io::Error>`, which `TestBackend`'s `Infallible` is not.)
#[derive(Clone)]
pub(crate) struct SharedBackend(Rc<RefCell<TestBackend>>);

impl SharedBackend {
    pub(crate) fn new(width: u16, height: u16) -> Self {
        Self(Rc::new(RefCell::new(TestBackend::new(width, height))))
    }

    pub(crate) fn screen(&self) -> String {
        vpcanvas::ui::buffer_to_text(self.0.borrow().buffer())
    }
}

fn ok<T>(r: Result<T, std::convert::Infallible>) -> io::Result<T> {
    r.map_err(|e| match e {})
}

impl Backend for SharedBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        ok(self.0.borrow_mut().draw(content))
    }
    fn hide_cursor(&mut self) -> io::Result<()> {
        ok(self.0.borrow_mut().hide_cursor())
    }
    fn show_cursor(&mut self) -> io::Result<()> {
        ok(self.0.borrow_mut().show_cursor())
    }
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        ok(self.0.borrow_mut().get_cursor_position())
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        ok(self.0.borrow_mut().set_cursor_position(position))
    }
    fn clear(&mut self) -> io::Result<()> {
        ok(self.0.borrow_mut().clear())
    }
    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        ok(self.0.borrow_mut().clear_region(clear_type))
    }
    fn size(&self) -> io::Result<Size> {
        ok(self.0.borrow().size())
    }
    fn window_size(&mut self) -> io::Result<WindowSize> {
        ok(self.0.borrow_mut().window_size())
    }
    fn flush(&mut self) -> io::Result<()> {
        ok(self.0.borrow_mut().flush())
    }
}

// -- key scripts ----------------------------------------------------------------

pub(crate) enum Step {
    Event(Event),
    /// Time passes with no input (on the script's clock).
    Wait(Duration),
    /// No input for a moment: the loop draws what it has.
    Idle,
    /// Record the screen and the file.
    Snap,
    /// A signal arrives.
    Signal(usize),
    /// Something another program does meanwhile (writes a file, …).
    Do(Box<dyn FnOnce()>),
    /// No input until this holds (work off the loop is done), or a deadline.
    Until(Box<dyn Fn() -> bool>, std::time::Instant),
}

fn key(code: KeyCode, mods: KeyModifiers) -> Step {
    Step::Event(Event::Key(KeyEvent::new(code, mods)))
}

fn char_key(c: char) -> Step {
    let mods = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    key(KeyCode::Char(c), mods)
}

/// A `<name>` in a script: a step of the harness, or a key in the one key
/// notation the key table, the help and `config.ron` use (`<enter>`,
/// `<c-s>`, `<Shift-Tab>`, `<alt-left>`).
fn named(name: &str) -> Vec<Step> {
    match name {
        "snap" => vec![Step::Idle, Step::Snap],
        "sigterm" => vec![Step::Signal(15), Step::Idle],
        wait if wait.starts_with("wait:") => {
            let amount = &wait[5..];
            let time = match amount.strip_suffix("ms") {
                Some(ms) => Duration::from_millis(ms.parse().unwrap()),
                None => Duration::from_secs(amount.strip_suffix('s').unwrap().parse().unwrap()),
            };
            vec![Step::Wait(time)]
        }
        key => match Key::parse(key) {
            Ok(k) => vec![Step::Event(Event::Key(k.event()))],
            Err(why) => panic!("<{key}>: {why}"),
        },
    }
}

/// Parses a script (see the module doc) into steps.
pub(crate) fn parse_script(script: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut chars = script.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' {
            chars.next();
            let text: String = chars.by_ref().take_while(|c| *c != '"').collect();
            steps.extend(text.chars().map(char_key));
        } else {
            let mut word = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                word.push(c);
                chars.next();
            }
            match word.strip_prefix('<').and_then(|w| w.strip_suffix('>')) {
                Some(name) => steps.extend(named(name)),
                None => steps.extend(word.chars().map(char_key)),
            }
        }
    }
    steps
}

/// What the screen and the file looked like at a `<snap>`.
pub(crate) struct Snap {
    pub(crate) screen: String,
    /// The canvas file's text, if it exists.
    pub(crate) file: Option<String>,
}

/// A scripted event source: plays its steps, then reports the input closed.
pub(crate) struct Script {
    pub(crate) steps: VecDeque<Step>,
    pub(crate) backend: SharedBackend,
    pub(crate) file: PathBuf,
    pub(crate) signal: SignalFlag,
    pub(crate) snaps: Vec<Snap>,
    /// The script's clock: when it started, and how much time has passed.
    start: std::time::Instant,
    passed: Duration,
    /// How often the loop waited for input while keys were already queued
    /// (a burst typed ahead): each such wait is lag the user sees.
    pub(crate) waits_with_keys_queued: usize,
}

impl Script {
    pub(crate) fn new(
        script: &str,
        backend: SharedBackend,
        file: PathBuf,
        signal: SignalFlag,
    ) -> Self {
        Self {
            steps: parse_script(script).into(),
            backend,
            file,
            signal,
            snaps: Vec::new(),
            start: std::time::Instant::now(),
            passed: Duration::ZERO,
            waits_with_keys_queued: 0,
        }
    }
}

impl Script {
    /// Then `what` happens, as if another program did it.
    pub(crate) fn then_do(mut self, what: impl FnOnce() + 'static) -> Self {
        self.steps.push_back(Step::Do(Box::new(what)));
        self
    }

    pub(crate) fn then(mut self, script: &str) -> Self {
        self.steps.extend(parse_script(script));
        self
    }

    /// No input until `done` holds (checked between the loop's idle
    /// rounds), for at most 60 s.
    pub(crate) fn until(mut self, done: impl Fn() -> bool + 'static) -> Self {
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        self.steps.push_back(Step::Until(Box::new(done), deadline));
        self
    }

    pub(crate) fn paste(mut self, text: &str) -> Self {
        self.steps
            .push_back(Step::Event(Event::Paste(text.to_owned())));
        self
    }
}

impl Events for Script {
    fn now(&mut self) -> std::time::Instant {
        self.start + self.passed
    }

    fn next(&mut self, timeout: Duration) -> Polled {
        if !timeout.is_zero() && matches!(self.steps.front(), Some(Step::Event(_))) {
            self.waits_with_keys_queued += 1;
        }
        // Time passes only while the loop waits for input.
        if timeout.is_zero() && matches!(self.steps.front(), Some(Step::Wait(_) | Step::Until(..)))
        {
            return Polled::Idle;
        }
        loop {
            match self.steps.pop_front() {
                None => return Polled::Closed,
                Some(Step::Event(e)) => return Polled::Event(e),
                Some(Step::Wait(time)) => {
                    self.passed += time;
                    return Polled::Idle;
                }
                Some(Step::Idle) => return Polled::Idle,
                Some(Step::Signal(sig)) => self.signal.store(sig, Ordering::SeqCst),
                Some(Step::Do(what)) => what(),
                Some(Step::Until(done, deadline)) => {
                    if !done() && std::time::Instant::now() < deadline {
                        self.steps.push_front(Step::Until(done, deadline));
                        std::thread::sleep(Duration::from_millis(5));
                        return Polled::Idle;
                    }
                }
                Some(Step::Snap) => self.snaps.push(Snap {
                    screen: self.backend.screen(),
                    file: std::fs::read_to_string(&self.file).ok(),
                }),
            }
        }
    }
}

/// Runs a script on an editor already built (a recovery offer made, say).
pub(crate) fn run_app(app: &mut App, script: &str, io: &mut dyn Io) -> Ran {
    let backend = SharedBackend::new(120, 40);
    let signal: SignalFlag = Arc::new(AtomicUsize::new(0));
    let mut events = Script::new(
        script,
        backend.clone(),
        app.path().to_path_buf(),
        Arc::clone(&signal),
    );
    let mut terminal = Terminal::new(backend.clone()).unwrap();
    let outcome = runtime::run(&mut terminal, app, &mut events, io, &signal).unwrap();
    Ran {
        outcome,
        snaps: events.snaps,
        screen: backend.screen(),
        unread: events.steps.len(),
    }
}

/// One editor session on `file` in a 120×40 terminal.
pub(crate) struct Session {
    pub(crate) dir: tempfile::TempDir,
    pub(crate) file: PathBuf,
}

/// What a finished session left behind.
pub(crate) struct Ran {
    pub(crate) outcome: Outcome,
    pub(crate) snaps: Vec<Snap>,
    /// The screen as last drawn.
    pub(crate) screen: String,
    /// Steps the loop never read.
    pub(crate) unread: usize,
}

impl Session {
    /// A temp dir with no canvas file yet.
    pub(crate) fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pitch.ron");
        Self { dir, file }
    }

    /// A temp dir holding `text` as the canvas file.
    pub(crate) fn with_file(text: &str) -> Self {
        let s = Self::new();
        std::fs::write(&s.file, text).unwrap();
        s
    }

    pub(crate) fn run(&self, script: &str) -> Ran {
        self.run_with(script, |s| s, &mut FileIo)
    }

    /// Runs a script, letting `build` add steps (pastes) and using `io`.
    pub(crate) fn run_with(
        &self,
        script: &str,
        build: impl FnOnce(Script) -> Script,
        io: &mut dyn Io,
    ) -> Ran {
        let mut app: App = load_app(&self.file).unwrap();
        let backend = SharedBackend::new(120, 40);
        let signal: SignalFlag = Arc::new(AtomicUsize::new(0));
        let mut events = build(Script::new(
            script,
            backend.clone(),
            self.file.clone(),
            Arc::clone(&signal),
        ));
        let mut terminal = Terminal::new(backend.clone()).unwrap();
        let outcome = runtime::run(&mut terminal, &mut app, &mut events, io, &signal).unwrap();
        Ran {
            outcome,
            snaps: events.snaps,
            screen: backend.screen(),
            unread: events.steps.len(),
        }
    }

    pub(crate) fn text(&self) -> String {
        std::fs::read_to_string(&self.file).unwrap()
    }

    pub(crate) fn canvas(&self) -> Canvas {
        parse(&self.text()).unwrap().canvas
    }

    pub(crate) fn bak(&self) -> PathBuf {
        storage::backup_path(&self.file)
    }

    /// The names in the temp dir, sorted, without the editor's lock file
    /// (`.NAME.ron.lock`, taken on open).
    pub(crate) fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != ".pitch.ron.lock")
            .collect();
        names.sort();
        names
    }
}

fn texts(canvas: &Canvas, section: Section) -> Vec<&str> {
    canvas
        .items(section)
        .iter()
        .map(|i| i.text.as_str())
        .collect()
}

fn ids(canvas: &Canvas) -> Vec<(Section, ItemId, String)> {
    canvas
        .all_items()
        .map(|(s, i)| (s, i.id, i.text.clone()))
        .collect()
}

/// The flag cell of a pain's or gain's list row: marker, flag, space, dots, space, text.
fn flag_of(screen: &str, item: &str) -> char {
    let line = screen
        .lines()
        .find(|l| l.contains(&format!("● {item}")) || l.contains(&format!("○ {item}")))
        .unwrap_or_else(|| panic!("no row for {item:?} in\n{screen}"));
    let chars: Vec<char> = line.chars().collect();
    let text: Vec<char> = item.chars().collect();
    let at = (8..chars.len())
        .find(|&i| chars[i..].starts_with(&text))
        .unwrap();
    // Marker, flag, evidence cell, space, three dots, space, text.
    chars[at - 8]
}

/// A canvas file as a person might write it: struct names, comments, its own
/// spacing. Pain 4 has no reliever.
pub(crate) const HANDWRITTEN: &str = r#"// Our first canvas
Canvas(
    version: 1,
    title: "Invoicing",
    segment: "Freelance designers",
    customer: (
        jobs: [ (id: 1, text: "Get paid on time", importance: High) ],
        pains: [
            (id: 3, text: "Late payments", severity: Extreme),
            (id: 4, text: "Tax surprises"),
        ],
        gains: [ (id: 5, text: "Predictable cash flow") ],
    ),
    value_map: (
        products: [ (id: 7, text: "Invoicing app", jobs: [1]) ],
        relievers: [ (id: 8, text: "Automatic reminders", pains: [3]) ],
        creators: [ (id: 9, text: "Cash-flow forecast", gains: [5]) ],
    ),
)
"#;

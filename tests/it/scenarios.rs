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

#![allow(clippy::unwrap_used)]

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io;
use std::path::{Path, PathBuf};
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
use vpcanvas::clipboard::Route;
use vpcanvas::input::Key;
use vpcanvas::runtime::{self, Events, FileIo, Io, Outcome, Polled, SignalFlag};
use vpcanvas::session::load_app;
use vpcanvas::storage;

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
        if timeout.is_zero() && matches!(self.steps.front(), Some(Step::Wait(_))) {
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

// -- the scenarios ---------------------------------------------------------------

#[test]
fn a_pain_is_flagged_until_a_reliever_is_linked_and_the_file_says_so() {
    let s = Session::new();
    let ran = s.run(concat!(
        r#"5 a "Late payments" <enter> <snap> "#,
        r#"3 a "Auto reminders" <enter> m <space> <enter> <snap> q"#,
    ));
    assert_eq!(ran.outcome, Outcome::Quit(None));
    assert_eq!(ran.unread, 0);

    let [added, linked] = &ran.snaps[..] else {
        panic!("{} snaps", ran.snaps.len())
    };
    assert_eq!(
        flag_of(&added.screen, "Late payments"),
        '!',
        "{}",
        added.screen
    );
    assert!(added.screen.contains("Pains (1) · 1 !"), "{}", added.screen);
    // Saved as soon as it was added.
    assert!(added.file.as_deref().unwrap().contains("\"Late payments\""));

    assert_eq!(
        flag_of(&linked.screen, "Late payments"),
        ' ',
        "{}",
        linked.screen
    );
    assert!(
        !linked.screen.contains("Pains (1) · 1 !"),
        "{}",
        linked.screen
    );
    assert!(
        linked.screen.contains("Auto reminders"),
        "{}",
        linked.screen
    );

    let canvas = s.canvas();
    assert_eq!(texts(&canvas, Section::Pains), ["Late payments"]);
    assert_eq!(texts(&canvas, Section::Relievers), ["Auto reminders"]);
    let pain = &canvas.items(Section::Pains)[0];
    assert_eq!(canvas.items(Section::Relievers)[0].links, [pain.id]);
    assert_eq!(
        s.text(),
        r#"(
    version: 1,
    title: "pitch",
    segment: "",
    alternatives: [],
    customer: (
        jobs: [],
        pains: [
            (id: 1, text: "Late payments", severity: Moderate),
        ],
        gains: [],
    ),
    value_map: (
        products: [],
        relievers: [
            (id: 2, text: "Auto reminders", pains: [1]),
        ],
        creators: [],
    ),
)
"#
    );
    // A new file has nothing to back up.
    assert_eq!(s.files(), ["pitch.ron"]);
}

#[test]
fn reopening_and_editing_keeps_ids() {
    let s = Session::with_file(HANDWRITTEN);
    let before = ids(&parse(HANDWRITTEN).unwrap().canvas);
    // Edit the second pain's text, then add a job.
    s.run(r#"5 j e <c-u> "Surprise tax bills" <enter> 6 a "Send quotes" <enter> q"#);
    let canvas = s.canvas();
    let after = ids(&canvas);
    let expected: Vec<_> = before
        .iter()
        .map(|(sec, id, text)| {
            let text = if *id == 4 { "Surprise tax bills" } else { text };
            (*sec, *id, text.to_owned())
        })
        .collect();
    let kept: Vec<_> = after
        .iter()
        .filter(|(_, id, _)| *id != 10)
        .cloned()
        .collect();
    assert_eq!(kept, expected);
    assert_eq!(
        texts(&canvas, Section::Jobs),
        ["Get paid on time", "Send quotes"]
    );
    assert_eq!(canvas.items(Section::Jobs)[1].id, 10);
    assert_eq!(canvas.items(Section::Relievers)[0].links, [3]);

    // A second session on the same file: the ids it wrote are the ids it reads.
    s.run(r#"3 a "Tax calendar" <enter> m <down> <space> <enter> q"#);
    let again = s.canvas();
    let reliever = &again.items(Section::Relievers)[1];
    assert_eq!((reliever.id, reliever.text.as_str()), (11, "Tax calendar"));
    assert_eq!(reliever.links, [4]);
    assert_eq!(again.items(Section::Jobs)[1].id, 10);
}

#[test]
fn undoing_a_delete_then_quitting_keeps_the_item() {
    let s = Session::with_file(HANDWRITTEN);
    let ran = s.run("5 d <snap> u q");
    // The delete was saved at once...
    let deleted = parse(ran.snaps[0].file.as_deref().unwrap()).unwrap().canvas;
    assert_eq!(texts(&deleted, Section::Pains), ["Tax surprises"]);
    assert!(deleted.items(Section::Relievers)[0].links.is_empty());
    // ...and the undo too, with the link.
    let canvas = s.canvas();
    assert_eq!(
        texts(&canvas, Section::Pains),
        ["Late payments", "Tax surprises"]
    );
    assert_eq!(canvas.items(Section::Pains)[0].id, 3);
    assert_eq!(canvas.items(Section::Relievers)[0].links, [3]);
    assert_eq!(canvas, parse(HANDWRITTEN).unwrap().canvas);
}

#[test]
fn a_bracketed_paste_lands_cleaned_in_the_file() {
    let s = Session::new();
    s.run_with(
        "5 a",
        |script| {
            script
                .paste("Late\npayments\x1b[2J\u{202e} \t")
                .then("<enter> q")
        },
        &mut FileIo,
    );
    let text = s.text();
    assert!(!text.contains('\x1b'), "{text:?}");
    assert!(!text.contains('\u{202e}'), "{text:?}");
    assert!(
        text.contains(r#"(id: 1, text: "Late payments [2J", severity: Moderate),"#),
        "{text}"
    );
    assert_eq!(texts(&s.canvas(), Section::Pains), ["Late payments [2J"]);
}

#[test]
fn ctrl_s_writes_at_once() {
    let s = Session::new();
    let ran = s.run("<snap> <c-s> <snap> 6 <snap>");
    let [before, saved, after] = &ran.snaps[..] else {
        panic!("{} snaps", ran.snaps.len())
    };
    assert!(before.file.is_none());
    assert!(
        before.screen.contains("written on first edit"),
        "{}",
        before.screen
    );
    let written = saved.file.as_deref().unwrap();
    assert_eq!(written, storage_text(&Canvas::new("pitch")));
    assert!(
        saved.screen.contains("pitch.ron · saved"),
        "{}",
        saved.screen
    );
    assert_eq!(after.file.as_deref(), Some(written));
}

fn storage_text(canvas: &Canvas) -> String {
    vpcanvas::canvas::file::to_ron(canvas)
}

#[test]
fn a_new_file_is_not_written_until_the_first_edit() {
    let s = Session::new();
    let ran = s.run("5 j k <down> <up> <tab> <backtab> 1 l h 2 <right> <left> ? <esc> m q");
    assert_eq!(ran.outcome, Outcome::Quit(None));
    assert_eq!(ran.unread, 0);
    assert!(s.files().is_empty(), "{:?}", s.files());

    // Input that just ends (the terminal went away) writes nothing either.
    let ran = s.run("5 a \"typed, then cancelled\" <esc>");
    assert_eq!(ran.outcome, Outcome::Quit(None));
    assert!(s.files().is_empty(), "{:?}", s.files());

    // The first edit writes it.
    s.run("6 a \"Get paid\" <enter> q");
    assert_eq!(texts(&s.canvas(), Section::Jobs), ["Get paid"]);
}

#[test]
fn the_bak_holds_the_file_as_it_was_before_the_session() {
    let s = Session::with_file(HANDWRITTEN);
    let ran = s.run("5 d <snap> d <snap> q");
    assert_eq!(ran.snaps.len(), 2);
    // Byte for byte: the handwritten file, comment and all, not a re-write.
    assert_eq!(std::fs::read_to_string(s.bak()).unwrap(), HANDWRITTEN);
    assert!(s.canvas().items(Section::Pains).is_empty());

    // The next session backs up what the last one wrote.
    let last = s.text();
    s.run("6 d q");
    assert_eq!(std::fs::read_to_string(s.bak()).unwrap(), last);
    assert!(s.canvas().items(Section::Jobs).is_empty());
}

/// The first `failures` saves fail (like a full disk); later ones write.
struct FailingIo {
    failures: usize,
    attempts: usize,
}

impl FailingIo {
    fn failing(failures: usize) -> Self {
        Self {
            failures,
            attempts: 0,
        }
    }
}

impl Io for FailingIo {
    fn save(
        &mut self,
        path: &Path,
        canvas: &Canvas,
        backup: bool,
    ) -> Result<u64, storage::StorageError> {
        self.attempts += 1;
        if self.attempts <= self.failures {
            // A short path, so the whole sentence fits the status bar.
            Err(storage::StorageError::Io {
                path: path.file_name().unwrap_or_default().into(),
                source: io::Error::other("No space left on device (simulated)"),
            })
        } else {
            FileIo.save(path, canvas, backup)
        }
    }

    fn copy(&mut self, _text: &str) -> Result<Route, String> {
        Err("no clipboard in tests".to_owned())
    }
}

#[test]
fn a_failing_save_keeps_the_app_open_and_the_file_untouched() {
    let s = Session::with_file(HANDWRITTEN);
    let mut io = FailingIo::failing(usize::MAX);
    let ran = s.run_with("5 d <snap> q <snap> q", |s| s, &mut io);
    let [edited, first_q] = &ran.snaps[..] else {
        panic!("{} snaps", ran.snaps.len())
    };
    assert!(
        edited.screen.contains("No space left on device"),
        "{}",
        edited.screen
    );
    assert!(edited.screen.contains("NOT SAVED"), "{}", edited.screen);
    // The first q tried to save, failed, and stayed.
    assert!(
        first_q
            .screen
            .contains("Could not save: pitch.ron: No space left"),
        "{}",
        first_q.screen
    );
    assert!(first_q.screen.contains("NOT SAVED"), "{}", first_q.screen);
    // The second q left; every step was read.
    assert_eq!(ran.unread, 0);
    assert_eq!(ran.outcome, Outcome::Quit(None));
    assert_eq!(io.attempts, 2);
    assert!(ran.screen.contains("NOT SAVED"), "{}", ran.screen);
    assert_eq!(std::fs::read(&s.file).unwrap(), HANDWRITTEN.as_bytes());
    assert_eq!(s.files(), ["pitch.ron"]);
}

#[test]
fn ctrl_s_retries_a_failed_save() {
    let s = Session::with_file(HANDWRITTEN);
    let mut io = FailingIo::failing(1);
    let ran = s.run_with("5 d <snap> <c-s> <snap> q", |s| s, &mut io);
    let [failed, retried] = &ran.snaps[..] else {
        panic!("{} snaps", ran.snaps.len())
    };
    assert!(failed.screen.contains("NOT SAVED"), "{}", failed.screen);
    assert_eq!(failed.file.as_deref(), Some(HANDWRITTEN));
    assert!(
        retried.screen.contains("pitch.ron · saved"),
        "{}",
        retried.screen
    );
    let written = parse(retried.file.as_deref().unwrap()).unwrap().canvas;
    assert_eq!(texts(&written, Section::Pains), ["Tax surprises"]);
    assert_eq!(io.attempts, 2);
    // The backup is of the file before the session, taken by the save that worked.
    assert_eq!(std::fs::read_to_string(s.bak()).unwrap(), HANDWRITTEN);
}

#[test]
fn sigterm_while_typing_keeps_the_text() {
    let s = Session::new();
    let ran = s.run(r#"5 a "Half typed" <sigterm> "never read""#);
    assert_eq!(ran.outcome, Outcome::Quit(Some(15)));
    assert_eq!(texts(&s.canvas(), Section::Pains), ["Half typed"]);
    assert!(ran.unread > 0);

    // The input closing mid-edit (terminal gone) keeps it too.
    let ran = s.run(r#"5 a "Closed mid-word""#);
    assert_eq!(ran.outcome, Outcome::Quit(None));
    assert_eq!(
        texts(&s.canvas(), Section::Pains),
        ["Half typed", "Closed mid-word"]
    );
}

#[test]
fn the_script_parser_types_quoted_spaces_and_named_keys() {
    let steps = parse_script(r#"5 "a b" <enter> <c-s> <snap>"#);
    let keys: Vec<String> = steps
        .iter()
        .map(|s| match s {
            Step::Event(Event::Key(k)) => format!("{:?}{}", k.code, k.modifiers.bits()),
            Step::Idle => "idle".into(),
            Step::Snap => "snap".into(),
            _ => "other".into(),
        })
        .collect();
    assert_eq!(
        keys,
        [
            "Char('5')0",
            "Char('a')0",
            "Char(' ')0",
            "Char('b')0",
            "Enter0",
            "Char('s')2",
            "idle",
            "snap"
        ]
    );
}

/// The runtime takes a plain `TestBackend` (no wrapper needed).
#[test]
fn the_runtime_runs_on_a_plain_test_backend() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use std::collections::VecDeque;
    use std::sync::Arc;
    use std::sync::atomic::AtomicUsize;
    use vpcanvas::runtime::{Events, FileIo, Outcome, Polled, run};

    struct Script(VecDeque<ratatui::crossterm::event::Event>);
    impl Events for Script {
        fn next(&mut self, _: std::time::Duration) -> Polled {
            self.0.pop_front().map_or(Polled::Closed, Polled::Event)
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.ron");
    let mut app = App::new(vpcanvas::canvas::Canvas::new("plain"), &path, false);
    let key = |c| {
        ratatui::crossterm::event::Event::Key(ratatui::crossterm::event::KeyEvent::from(
            ratatui::crossterm::event::KeyCode::Char(c),
        ))
    };
    let mut events = Script(
        [key('5'), key('a'), key('x'), key('q')]
            .into_iter()
            .chain([ratatui::crossterm::event::Event::Key(
                ratatui::crossterm::event::KeyEvent::from(
                    ratatui::crossterm::event::KeyCode::Enter,
                ),
            )])
            .chain([key('q')])
            .collect(),
    );
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let outcome = run(
        &mut terminal,
        &mut app,
        &mut events,
        &mut FileIo,
        &Arc::new(AtomicUsize::new(0)),
    )
    .unwrap();
    assert_eq!(outcome, Outcome::Quit(None));
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(
        saved.contains("(id: 1, text: \"xq\", severity: Moderate)"),
        "{saved}"
    );
}

/// Writes the file, then reports that the folder could not be synced: the
/// file is in place, as after a real `fsync` failure on the folder.
struct UnsyncedIo {
    saves: usize,
}

impl Io for UnsyncedIo {
    fn save(
        &mut self,
        path: &Path,
        canvas: &Canvas,
        backup: bool,
    ) -> Result<u64, storage::StorageError> {
        self.saves += 1;
        let fingerprint = FileIo.save(path, canvas, backup)?;
        Err(storage::StorageError::NotDurable {
            path: storage::resolve_symlink(path),
            source: io::Error::other("folder sync failed (simulated)"),
            fingerprint,
        })
    }
}

#[test]
fn a_save_left_in_place_by_a_failed_folder_sync_is_ours_not_another_writers() {
    // The typed error says the file is in place: the next save must not take
    // our own write for another program's change (no conflict dialog).
    let s = Session::with_file(HANDWRITTEN);
    let mut io = UnsyncedIo { saves: 0 };
    let ran = s.run_with("5 d u <snap> q q", |s| s, &mut io);
    let [after_two] = &ran.snaps[..] else {
        panic!("{} snaps", ran.snaps.len())
    };
    assert!(
        !after_two.screen.contains("changed on disk"),
        "{}",
        after_two.screen
    );
    assert!(
        after_two.screen.contains("folder sync failed"),
        "{}",
        after_two.screen
    );
    assert!(io.saves >= 2, "{} saves", io.saves);
    assert_eq!(ran.outcome, Outcome::Quit(None));
}

/// The timer on screen: the first `m:ss` in the header.
fn timer_shown(screen: &str) -> String {
    let header = screen.lines().next().unwrap_or_default();
    header
        .split_whitespace()
        .find(|w| {
            let (m, s) = w.split_once(':').unwrap_or_default();
            !m.is_empty() && m.chars().all(|c| c.is_ascii_digit()) && s.len() == 2
        })
        .unwrap_or_else(|| panic!("no timer in the header:\n{header}"))
        .to_owned()
}

/// Issue #12: a paused timer resumes where it stopped, however long the
/// pause (the app's clock used to move only on ticks, which stop while paused).
#[test]
fn a_paused_timer_resumes_at_the_same_second() {
    let s = Session::new();
    let ran =
        s.run("T <c-u> 90s <enter> <wait:5s> <snap> P <wait:20s> P <snap> <wait:1s> <snap> q");
    let shown: Vec<String> = ran.snaps.iter().map(|s| timer_shown(&s.screen)).collect();
    assert_eq!(shown, ["1:25", "1:25", "1:24"], "{}", ran.snaps[1].screen);
}

/// Issue #12: keys typed ahead are applied in one go, never one wait each.
#[test]
fn a_burst_of_keys_costs_one_wait() {
    let s = Session::new();
    let backend = SharedBackend::new(120, 40);
    let signal: SignalFlag = Arc::new(AtomicUsize::new(0));
    let mut events = Script::new(
        "5 a \"burst of keys\" <enter> q",
        backend.clone(),
        s.file.clone(),
        Arc::clone(&signal),
    );
    let mut app = load_app(&s.file).unwrap();
    let mut terminal = Terminal::new(backend).unwrap();
    runtime::run(&mut terminal, &mut app, &mut events, &mut FileIo, &signal).unwrap();
    assert_eq!(events.waits_with_keys_queued, 1);
    assert_eq!(texts(&s.canvas(), Section::Pains), ["burst of keys"]);
}

//! The loop under stress: failing saves and retries, signals while typing,
//! the script parser, a plain `TestBackend`, timers and bursts of keys.

use std::io;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

use ratatui::Terminal;
use ratatui::crossterm::event::Event;
use vpcanvas::app::App;
use vpcanvas::canvas::file::parse;
use vpcanvas::canvas::{Canvas, Section};
use vpcanvas::clipboard::Route;
use vpcanvas::runtime::{self, FileIo, Io, Outcome, SignalFlag};
use vpcanvas::session::load_app;
use vpcanvas::storage;

use super::{HANDWRITTEN, Script, Session, SharedBackend, Step, parse_script, texts};

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

/// A terminal gone before the first frame (closed while vpcanvas started,
/// the machine busy): the first draw fails. The session ends as a hang-up
/// would, not with the write's error (exit 2, "Input/output error").
#[test]
fn a_terminal_gone_before_the_first_frame_ends_the_session_cleanly() {
    use ratatui::backend::{Backend, ClearType, WindowSize};
    use ratatui::buffer::Cell;
    use ratatui::layout::{Position, Size};
    use std::collections::VecDeque;
    use vpcanvas::runtime::{Events, Polled};

    struct Dead;
    fn eio<T>() -> io::Result<T> {
        Err(io::Error::from_raw_os_error(5))
    }
    impl Backend for Dead {
        type Error = io::Error;
        fn draw<'a, I: Iterator<Item = (u16, u16, &'a Cell)>>(&mut self, _: I) -> io::Result<()> {
            eio()
        }
        fn hide_cursor(&mut self) -> io::Result<()> {
            eio()
        }
        fn show_cursor(&mut self) -> io::Result<()> {
            eio()
        }
        fn get_cursor_position(&mut self) -> io::Result<Position> {
            eio()
        }
        fn set_cursor_position<P: Into<Position>>(&mut self, _: P) -> io::Result<()> {
            eio()
        }
        fn clear(&mut self) -> io::Result<()> {
            eio()
        }
        fn clear_region(&mut self, _: ClearType) -> io::Result<()> {
            eio()
        }
        fn size(&self) -> io::Result<Size> {
            eio()
        }
        fn window_size(&mut self) -> io::Result<WindowSize> {
            eio()
        }
        fn flush(&mut self) -> io::Result<()> {
            eio()
        }
    }
    struct Nothing(VecDeque<Event>);
    impl Events for Nothing {
        fn next(&mut self, _: std::time::Duration) -> Polled {
            self.0.pop_front().map_or(Polled::Closed, Polled::Event)
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gone.ron");
    let mut app = App::new(Canvas::new("gone"), &path, false);
    let mut terminal = Terminal::with_options(
        Dead,
        ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 80, 24)),
        },
    )
    .unwrap();
    let signal: SignalFlag = Arc::new(AtomicUsize::new(0));
    let outcome = runtime::run(
        &mut terminal,
        &mut app,
        &mut Nothing(VecDeque::new()),
        &mut FileIo,
        &signal,
    );
    assert!(matches!(outcome, Ok(Outcome::Quit(_))), "{outcome:?}");
}

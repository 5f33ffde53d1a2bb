//! The room under load (SPEC §11), through the real event loop: the editor
//! runs `runtime::run` on a `TestBackend` in a thread of its own, its room
//! open on the loopback address, with its notes kept in a scratch folder.
//!
//! - `notes_per_second`: 40 phones post 10 notes each at once; the counter
//!   gives notes per second, each answered only once it is on disk.
//! - `keystroke_during_flood`: one key (select the next item) handed to the
//!   loop while 40 phones post notes without pause, until the loop asks for
//!   the next event: the key's whole handling and its frame, which must stay
//!   within a 16 ms frame.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use divan::Bencher;
use divan::counter::ItemsCount;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use vpcanvas::app::App;
use vpcanvas::canvas::{Canvas, Section};
use vpcanvas::clipboard::FakeClipboard;
use vpcanvas::room::server::Wake;
use vpcanvas::runtime::{self, Events, Polled, SessionIo};

/// Events from the bench: keys, wakes from the room, and a note of when the
/// loop came back for more (the key before it is then handled and drawn).
struct Feed {
    input: Receiver<Polled>,
    wake: Sender<Polled>,
    asked: Arc<Mutex<Sender<Instant>>>,
    /// A key was handed out and the loop has not waited for input since.
    key_out: bool,
}

impl Events for Feed {
    fn next(&mut self, timeout: Duration) -> Polled {
        // The loop waits (a non-zero timeout) only once a round is done:
        // the key handled, the room's requests taken, the frame drawn.
        if self.key_out
            && !timeout.is_zero()
            && let Ok(asked) = self.asked.lock()
        {
            self.key_out = false;
            let _ = asked.send(Instant::now());
        }
        let polled = match self.input.recv_timeout(timeout) {
            Ok(p) => p,
            Err(RecvTimeoutError::Timeout) => Polled::Idle,
            Err(RecvTimeoutError::Disconnected) => Polled::Closed,
        };
        if matches!(polled, Polled::Event(_)) {
            self.key_out = true;
        }
        polled
    }

    fn waker(&self) -> Option<Wake> {
        let wake = Mutex::new(self.wake.clone());
        Some(Arc::new(move || {
            if let Ok(w) = wake.lock() {
                let _ = w.send(Polled::Wake);
            }
        }))
    }
}

/// An editor with its room open, running in a thread.
struct Editor {
    keys: Sender<Polled>,
    asked: Mutex<Receiver<Instant>>,
    port: u16,
    base: String,
}

fn editor() -> &'static Editor {
    static EDITOR: std::sync::OnceLock<Editor> = std::sync::OnceLock::new();
    EDITOR.get_or_init(|| {
        let dir = super::scratch().join("room");
        std::fs::create_dir_all(&dir).unwrap();
        let (keys, input) = channel();
        let (asked_send, asked) = channel();
        let feed = Feed {
            input,
            wake: keys.clone(),
            asked: Arc::new(Mutex::new(asked_send)),
            key_out: false,
        };
        let (url_send, url) = channel();
        std::thread::spawn(move || run_editor(&dir, feed, &url_send));
        let url: String = url.recv_timeout(Duration::from_secs(20)).unwrap();
        let rest = url.strip_prefix("http://127.0.0.1:").unwrap();
        let (port, base) = rest.split_at(rest.find('/').unwrap());
        Editor {
            keys,
            asked: Mutex::new(asked),
            port: port.parse().unwrap(),
            base: base.to_owned(),
        }
    })
}

fn run_editor(dir: &std::path::Path, mut feed: Feed, url: &Sender<String>) {
    let mut canvas = Canvas::new("Bench");
    for i in 0..40 {
        canvas.push(Section::Pains, format!("Pain number {i}"));
    }
    let mut app = App::new(canvas, dir.join("bench.ron"), false);
    app.room_settings.bind = std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);
    app.room_settings.port = 0;
    app.room_settings.at_start = true;
    let mut io = SessionIo {
        clipboard: FakeClipboard::default(),
        data_dir: Some(dir.to_path_buf()),
        room: None,
        room_wake: feed.waker(),
    };
    let mut terminal = Terminal::new(TestBackend::new(super::WIDTH, super::HEIGHT)).unwrap();
    let signal: runtime::SignalFlag = Arc::new(AtomicUsize::new(0));
    // The address is known once the room listens: the loop's first round.
    let told = Arc::new(AtomicBool::new(false));
    let watcher = {
        let told = told.clone();
        let url = url.clone();
        move |io: &SessionIo<FakeClipboard>| {
            if !told.load(Ordering::SeqCst)
                && let Some(server) = &io.room
            {
                told.store(true, Ordering::SeqCst);
                let _ = url.send(server.url.clone());
            }
        }
    };
    let mut tell = TellingIo {
        io: &mut io,
        watcher,
    };
    let _ = runtime::run(&mut terminal, &mut app, &mut feed, &mut tell, &signal);
}

/// Tells the bench the address once the server listens.
struct TellingIo<'a, F: Fn(&SessionIo<FakeClipboard>)> {
    io: &'a mut SessionIo<FakeClipboard>,
    watcher: F,
}

impl<F: Fn(&SessionIo<FakeClipboard>)> runtime::Io for TellingIo<'_, F> {
    fn save(
        &mut self,
        path: &std::path::Path,
        canvas: &Canvas,
        backup: bool,
    ) -> Result<u64, vpcanvas::storage::StorageError> {
        self.io.save(path, canvas, backup)
    }
    fn open_room(
        &mut self,
        bind: std::net::IpAddr,
        port: u16,
        view: vpcanvas::room::RoomView,
    ) -> Result<String, String> {
        let r = self.io.open_room(bind, port, view);
        (self.watcher)(self.io);
        r
    }
    fn close_room(&mut self) {
        self.io.close_room();
    }
    fn room_requests(&mut self) -> Vec<(u64, vpcanvas::room::Request)> {
        self.io.room_requests()
    }
    fn room_answer(&mut self, ticket: u64, result: Result<(), vpcanvas::room::Refusal>) {
        self.io.room_answer(ticket, result);
    }
    fn room_publish(&mut self, view: Option<vpcanvas::room::RoomView>) {
        self.io.room_publish(view);
    }
    fn keep_room_notes(
        &mut self,
        path: &std::path::Path,
        notes: Option<&vpcanvas::room::KeptNotes>,
    ) -> Result<(), vpcanvas::storage::StorageError> {
        self.io.keep_room_notes(path, notes)
    }
}

fn send(port: u16, raw: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(raw.as_bytes()).unwrap();
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out
}

/// A phone: joins, then posts `notes` notes (all of them, or until `stop`).
fn phone(port: u16, base: &str, notes: usize, stop: Option<&AtomicBool>) {
    let page = send(port, &format!("GET {base} HTTP/1.1\r\nHost: x\r\n\r\n"));
    let cookie = page
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .and_then(|c| c.split(';').next())
        .unwrap_or_default()
        .to_owned();
    for n in 0..notes {
        if stop.is_some_and(|s| s.load(Ordering::SeqCst)) {
            return;
        }
        let body = format!("do=write&text=note+{n}");
        send(
            port,
            &format!(
                "POST {base}do HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            ),
        );
    }
}

/// Starts a write round (and reveals the last one, so notes never pile up
/// past a person's 50).
fn fresh_round(e: &Editor) {
    for key in ['r', 'w'] {
        let event = Event::Key(KeyEvent::new(KeyCode::Char(key), KeyModifiers::NONE));
        e.keys.send(Polled::Event(event)).unwrap();
    }
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn notes_per_second(bencher: Bencher) {
    let e = editor();
    bencher
        .counter(ItemsCount::new(400usize))
        .with_inputs(|| fresh_round(e))
        .bench_values(|()| {
            let phones: Vec<_> = (0..40)
                .map(|_| {
                    let base = e.base.clone();
                    let port = e.port;
                    std::thread::spawn(move || phone(port, &base, 10, None))
                })
                .collect();
            for p in phones {
                p.join().unwrap();
            }
        });
}

#[divan::bench(sample_count = 50, sample_size = 1)]
fn keystroke_during_flood(bencher: Bencher) {
    let e = editor();
    fresh_round(e);
    let stop = Arc::new(AtomicBool::new(false));
    let flood: Vec<_> = (0..40)
        .map(|_| {
            let (base, port, stop) = (e.base.clone(), e.port, stop.clone());
            std::thread::spawn(move || phone(port, &base, 45, Some(&stop)))
        })
        .collect();
    let down = Event::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    let asked = e.asked.lock().unwrap();
    bencher.bench_local(|| {
        while asked.try_recv().is_ok() {}
        e.keys.send(Polled::Event(down.clone())).unwrap();
        // The loop waits for input again once the key is handled and its
        // frame drawn (after any room work queued before it).
        let _ = asked.recv_timeout(Duration::from_secs(5));
    });
    drop(asked);
    stop.store(true, Ordering::SeqCst);
    for p in flood {
        p.join().unwrap();
    }
}

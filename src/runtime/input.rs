//! Input from the real terminal, read on a thread of its own.
//!
//! crossterm 0.29's reader loops forever once the tty hangs up between the
//! moment input is seen and the moment it is read: its read loop stops only
//! on `WouldBlock`, and a hung-up tty returns end-of-file (`read` = 0) for
//! ever. On the loop's own thread that froze the editor at full CPU, deaf to
//! SIGTERM (the signal flag is checked by the loop), or, when crossterm
//! failed instead, ended it with exit 0 instead of 129. So crossterm reads
//! here, and the loop waits on a channel: it looks at the tty itself
//! whenever nothing arrives, notices a hang-up within one tick whatever the
//! reader is doing, and ends the process (and with it a stuck reader).

use std::io;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use ratatui::crossterm::event;

use super::{Events, Polled, tty};

/// How long the reader waits on the tty before looking again.
const READ_TICK: Duration = Duration::from_millis(100);

/// Events from the real terminal.
pub struct TerminalEvents {
    events: Receiver<Polled>,
    /// For the room's server to wake the loop through the same channel.
    wake: Sender<Polled>,
    closed: bool,
}

impl TerminalEvents {
    /// Starts the reader thread.
    pub fn start() -> io::Result<Self> {
        let (send, events) = mpsc::channel();
        let wake = send.clone();
        std::thread::Builder::new()
            .name("vpcanvas-input".to_owned())
            .spawn(move || read_input(&send))?;
        Ok(Self {
            events,
            wake,
            closed: false,
        })
    }

    fn closed(&mut self) -> Polled {
        self.closed = true;
        Polled::Closed
    }
}

impl Events for TerminalEvents {
    fn waker(&self) -> Option<crate::room::server::Wake> {
        // A Sender is Send but not Sync: each wake goes through a lock.
        let wake = std::sync::Mutex::new(self.wake.clone());
        Some(std::sync::Arc::new(move || {
            if let Ok(w) = wake.lock() {
                let _ = w.send(Polled::Wake);
            }
        }))
    }

    fn next(&mut self, timeout: Duration) -> Polled {
        if self.closed {
            return Polled::Closed;
        }
        match self.events.recv_timeout(timeout) {
            Ok(Polled::Closed) | Err(RecvTimeoutError::Disconnected) => self.closed(),
            Ok(polled) => polled,
            // Nothing came: the reader may be stuck on a dead tty.
            Err(RecvTimeoutError::Timeout) if hung_up() => {
                tty::mark_gone();
                self.closed()
            }
            Err(RecvTimeoutError::Timeout) => Polled::Idle,
        }
    }
}

/// The reader thread: hands every terminal event to the loop until the
/// terminal is gone or the loop stops listening.
fn read_input(send: &Sender<Polled>) {
    loop {
        let polled = read_once();
        let last = matches!(polled, Polled::Closed);
        if matches!(polled, Polled::Idle) {
            continue;
        }
        if send.send(polled).is_err() || last {
            return;
        }
    }
}

/// One look at the terminal: an event, nothing within [`READ_TICK`], or
/// the end of input.
fn read_once() -> Polled {
    // crossterm is never handed a tty already known to be dead. Resizes
    // arrive through crossterm's own signal pipe on the zero-timeout poll.
    match tty_state(Duration::ZERO) {
        TtyState::Gone => {
            tty::mark_gone();
            return Polled::Closed;
        }
        // One read of the tty can hold many events (fast typing, a paste the
        // terminal does not bracket, keys over SSH): crossterm keeps those it
        // has parsed, and they go on at once, not one per wait on a tty that
        // has nothing more to say.
        TtyState::Quiet if matches!(event::poll(Duration::ZERO), Ok(true)) => return read_event(),
        TtyState::Quiet | TtyState::Ready => {}
    }
    match tty_state(READ_TICK) {
        TtyState::Gone => {
            tty::mark_gone();
            return Polled::Closed;
        }
        TtyState::Quiet => {}
        TtyState::Ready => debug_input_delay(),
    }
    match event::poll(Duration::ZERO) {
        Ok(true) => read_event(),
        Ok(false) => Polled::Idle,
        Err(e) if e.kind() == io::ErrorKind::Interrupted => Polled::Idle,
        Err(_) => gone(),
    }
}

/// The event crossterm says it has.
fn read_event() -> Polled {
    match event::read() {
        Ok(e) => Polled::Event(e),
        Err(e) if e.kind() == io::ErrorKind::Interrupted => Polled::Idle,
        Err(_) => gone(),
    }
}

/// Input cannot be read: the end. When the tty hung up meanwhile, nothing
/// more is written to it (and the exit is 129); a live one is given back.
fn gone() -> Polled {
    if hung_up() {
        tty::mark_gone();
    }
    Polled::Closed
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

/// Whether the tty has hung up, without waiting and without touching its
/// input (which the reader owns): a poll for no events still reports it.
fn hung_up() -> bool {
    use rustix::event::{PollFd, PollFlags, Timespec};
    let stdin = io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
    let now = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    match rustix::event::poll(&mut fds, Some(&now)) {
        Ok(0) | Err(rustix::io::Errno::INTR) => false,
        Ok(_) => fds[0]
            .revents()
            .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL),
        Err(_) => true,
    }
}

/// In debug builds with `VPCANVAS_DEBUG_INPUT_DELAY_MS` set, input seen
/// waits that long before it is read: how the tests make a hang-up land in
/// the moment between seeing input and reading it, every time.
fn debug_input_delay() {
    if cfg!(debug_assertions)
        && let Some(ms) = std::env::var("VPCANVAS_DEBUG_INPUT_DELAY_MS")
            .ok()
            .and_then(|v| v.parse().ok())
    {
        std::thread::sleep(Duration::from_millis(ms));
    }
}

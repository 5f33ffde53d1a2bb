//! The real terminal's output, which may vanish at any moment (the window
//! closed, `ssh` dropped): once it is gone, writing to it must neither fail
//! again nor panic. ratatui's `Terminal` shows the cursor when dropped and
//! `eprintln!`s if that fails, to the same dead terminal, which panicked
//! and, inside the panic hook, aborted the process (SIGABRT on hang-up).

use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once the terminal is known to be gone: its hang-up was seen, or a
/// write to it failed.
static GONE: AtomicBool = AtomicBool::new(false);

/// Notes that the terminal hung up: every later write to it is dropped.
pub fn mark_gone() {
    GONE.store(true, Ordering::SeqCst);
}

/// Whether the terminal is known to be gone.
pub fn is_gone() -> bool {
    GONE.load(Ordering::SeqCst)
}

/// Stdout for the editor's screen. The first failed write is reported (so
/// the loop knows the terminal went away); after it, and after a hang-up,
/// writes succeed without going anywhere.
#[derive(Debug)]
pub struct TtyOut(Stdout);

impl TtyOut {
    pub fn new() -> Self {
        Self(io::stdout())
    }
}

impl Default for TtyOut {
    fn default() -> Self {
        Self::new()
    }
}

impl Write for TtyOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if is_gone() {
            return Ok(buf.len());
        }
        self.0.write(buf).inspect_err(|_| mark_gone())
    }

    fn flush(&mut self) -> io::Result<()> {
        if is_gone() {
            return Ok(());
        }
        self.0.flush().inspect_err(|_| mark_gone())
    }
}

/// The signals that end vpcanvas the way SIGTERM does (save, give the
/// terminal back, exit 128 + the number): every catchable signal whose
/// default would kill the process and leave the terminal raw with no echo.
/// (SIGKILL and SIGSTOP cannot be caught; SIGSEGV, SIGBUS, SIGILL, SIGFPE,
/// SIGTRAP, SIGABRT and SIGSYS come from the program itself and go through the
/// panic or abort path; SIGPIPE is ignored by Rust.)
pub const ENDING_SIGNALS: [i32; 12] = {
    use signal_hook::consts::signal::{
        SIGALRM, SIGHUP, SIGINT, SIGIO, SIGPROF, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGVTALRM,
        SIGXCPU, SIGXFSZ,
    };
    [
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
        SIGXFSZ, SIGIO,
    ]
};

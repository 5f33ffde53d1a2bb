//! The terminal's modes, set up for the editor and given back (on drop, on
//! panic, when the terminal is gone), and the signals that end a session.

use std::io::{self, IsTerminal};
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use super::{SignalFlag, tty};

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
    if tty::is_gone() {
        return;
    }
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
/// Without `mouse`, clicks stay with the terminal, so its own text
/// selection works.
pub fn enter(mouse: bool) -> io::Result<(Terminal<CrosstermBackend<tty::TtyOut>>, TerminalGuard)> {
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
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    let terminal = Terminal::new(CrosstermBackend::new(tty::TtyOut::new()))?;
    Ok((terminal, guard))
}

/// Registers every signal that would end the process ([`tty::ENDING_SIGNALS`]:
/// SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, …) to set the returned flag,
/// so each one saves, gives the terminal back and exits 128 + its number.
pub fn watch_signals() -> io::Result<SignalFlag> {
    let flag: SignalFlag = Arc::new(AtomicUsize::new(0));
    for sig in tty::ENDING_SIGNALS {
        signal_hook::flag::register_usize(
            sig,
            Arc::clone(&flag),
            usize::try_from(sig).unwrap_or(0),
        )?;
    }
    Ok(flag)
}

//! Copying text to the user's clipboard.
//!
//! The system clipboard (`arboard`) is used when it is reachable, through one
//! handle kept for the life of the process (on X11 the text lives only as long
//! as its owner, and dropping a handle blocks). Over SSH, or where no system
//! clipboard answers, the text goes through the terminal with the OSC 52
//! escape sequence, so that text copied on a remote machine lands on the
//! user's own clipboard; inside tmux it is also wrapped for passthrough.
//! A failure is reported, never fatal.

use std::io::{self, Write};

use ratatui::crossterm::Command;
use ratatui::crossterm::clipboard::CopyToClipboard;

/// Which way copied text went, for the status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// The system clipboard of this machine.
    System,
    /// The terminal's clipboard, through OSC 52.
    Terminal,
}

impl Route {
    pub fn describe(self) -> &'static str {
        match self {
            Route::System => "to the clipboard",
            Route::Terminal => "to the clipboard through the terminal (OSC 52)",
        }
    }
}

/// Something that can take text.
pub trait Clipboard {
    fn copy(&mut self, text: &str) -> Result<Route, String>;
}

/// The system clipboard handle: made on the first copy, then kept.
enum Handle {
    Untried,
    Ready(arboard::Clipboard),
    Unavailable,
}

/// The real clipboard: arboard when reachable, else OSC 52 on stdout.
pub struct SystemClipboard {
    handle: Handle,
    remote: bool,
    in_tmux: bool,
}

impl Default for SystemClipboard {
    fn default() -> Self {
        Self::from_env()
    }
}

impl SystemClipboard {
    /// Decides from the environment: over SSH the local system clipboard is the
    /// wrong machine's, so the terminal route is used.
    pub fn from_env() -> Self {
        let var = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
        Self {
            handle: Handle::Untried,
            remote: var("SSH_CONNECTION") || var("SSH_TTY") || var("SSH_CLIENT"),
            in_tmux: var("TMUX"),
        }
    }

    fn system(&mut self) -> Option<&mut arboard::Clipboard> {
        if self.remote {
            return None;
        }
        if matches!(self.handle, Handle::Untried) {
            self.handle = arboard::Clipboard::new().map_or(Handle::Unavailable, Handle::Ready);
        }
        match &mut self.handle {
            Handle::Ready(cb) => Some(cb),
            Handle::Untried | Handle::Unavailable => None,
        }
    }
}

impl Clipboard for SystemClipboard {
    fn copy(&mut self, text: &str) -> Result<Route, String> {
        if let Some(cb) = self.system()
            && cb.set_text(text.to_owned()).is_ok()
        {
            return Ok(Route::System);
        }
        let seq = osc52(text, self.in_tmux);
        let mut out = io::stdout().lock();
        out.write_all(seq.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|e| format!("could not reach the clipboard or the terminal: {e}"))?;
        Ok(Route::Terminal)
    }
}

/// The OSC 52 sequence that puts `text` on the clipboard; inside tmux, the
/// plain sequence (for `set-clipboard on`) and a DCS-wrapped copy (for
/// `allow-passthrough on`).
pub fn osc52(text: &str, in_tmux: bool) -> String {
    let mut seq = String::new();
    let _ = CopyToClipboard::to_clipboard_from(text.as_bytes()).write_ansi(&mut seq);
    if in_tmux {
        let wrapped = format!("\x1bPtmux;{}\x1b\\", seq.replace('\x1b', "\x1b\x1b"));
        seq.push_str(&wrapped);
    }
    seq
}

/// A clipboard for tests: remembers what was copied.
#[derive(Debug, Default)]
pub struct FakeClipboard {
    pub copied: Vec<String>,
    /// When set, every copy fails with this message.
    pub fail: Option<String>,
}

impl Clipboard for FakeClipboard {
    fn copy(&mut self, text: &str) -> Result<Route, String> {
        if let Some(why) = &self.fail {
            return Err(why.clone());
        }
        self.copied.push(text.to_owned());
        Ok(Route::System)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_carries_the_text_in_base64() {
        // "hi ✓" in base64
        assert_eq!(osc52("hi ✓", false), "\x1b]52;c;aGkg4pyT\x1b\\");
    }

    #[test]
    fn tmux_gets_a_passthrough_copy_too() {
        let s = osc52("x", true);
        assert!(s.starts_with("\x1b]52;c;eA==\x1b\\"));
        assert!(s.contains("\x1bPtmux;\x1b\x1b]52;c;eA==\x1b\x1b\\\x1b\\"));
    }

    #[test]
    fn the_fake_remembers_and_can_fail() {
        let mut f = FakeClipboard::default();
        assert_eq!(f.copy("a"), Ok(Route::System));
        f.fail = Some("nope".into());
        assert!(f.copy("b").is_err());
        assert_eq!(f.copied, vec!["a"]);
    }
}

//! Everything the program prints goes through here: never a panic, whatever
//! stdout and stderr are (a closed pipe, a hung-up terminal, a full disk),
//! and only inert text ([`crate::text::inert`]): a canvas's escape sequences
//! reach no terminal.
//!
//! `println!` and `eprintln!` panic when the write fails (and a panic while
//! panicking aborts the process); clippy's `print_stdout` and `print_stderr`
//! lints keep them out of the program.

use std::io::{self, Write};

use crate::text::inert::visible_lines;

/// Writes `text` to stdout with every hazard made visible. A closed pipe
/// (`| head`) is success; any other failure is returned, never a panic.
pub fn out(text: &str) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(visible_lines(text).as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Stdout for a text printed a piece at a time (a large export is never
/// whole in memory): each piece made inert as [`out`] makes a whole text
/// (the pieces are cut between characters, and each character is shown
/// inert on its own, so the output is the same). A closed pipe is success.
pub struct Stream {
    stdout: io::StdoutLock<'static>,
    failed: Option<io::Error>,
}

impl Stream {
    pub fn new() -> Self {
        Stream {
            stdout: io::stdout().lock(),
            failed: None,
        }
    }

    /// Writes one piece; after a failure, nothing more is written.
    pub fn write(&mut self, text: &str) {
        if self.failed.is_none()
            && let Err(e) = self.stdout.write_all(visible_lines(text).as_bytes())
        {
            self.failed = Some(e);
        }
    }

    /// Flushes what is left; the first failure, unless it was a closed pipe.
    pub fn finish(mut self) -> io::Result<()> {
        let result = match self.failed.take() {
            Some(e) => Err(e),
            None => self.stdout.flush(),
        };
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => other,
        }
    }
}

impl Default for Stream {
    fn default() -> Self {
        Self::new()
    }
}

/// Writes binary output (a PNG) to stdout as it is. The caller refuses a
/// terminal, so these bytes only ever reach a file or a pipe. A closed pipe
/// is success, as for [`out`].
pub fn raw(bytes: &[u8]) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Writes one line to stderr with every hazard made visible. A failure is
/// ignored: there is nowhere left to say it.
pub fn err(line: &str) {
    let mut text = visible_lines(line).into_owned();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let mut stderr = io::stderr().lock();
    let _ = stderr
        .write_all(text.as_bytes())
        .and_then(|()| stderr.flush());
}

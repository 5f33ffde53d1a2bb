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

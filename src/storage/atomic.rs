//! The one write path: a temporary file in the same folder, write, fsync,
//! rename over the target, fsync the folder. A crash at any moment leaves the
//! old file or the new one, never a torn one.
//!
//! Written here (it replaced `atomic-write-file`) because every step goes
//! through the [`Steps`] seam: tests make each step fail in turn and check
//! that the target is byte-identical afterwards, and our own temp-file names
//! let a later start find and remove what a killed process left behind.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The marker in the names of our temporary files: `.NAME.vpcanvas-tmp-PID-N`.
pub const TEMP_MARKER: &str = ".vpcanvas-tmp-";

/// The steps of an atomic write, one method each, so a test can fail any one.
pub trait Steps {
    fn create_temp(&mut self, path: &Path) -> io::Result<File>;
    fn write(&mut self, file: &mut File, bytes: &[u8]) -> io::Result<()>;
    fn sync_file(&mut self, file: &File) -> io::Result<()>;
    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()>;
    fn sync_dir(&mut self, dir: &Path) -> io::Result<()>;
    /// The moment between writing the new file and putting it in place: a
    /// test makes another program write here.
    fn before_replace(&mut self, _target: &Path) -> io::Result<()> {
        Ok(())
    }
    /// Swaps two files atomically (Linux `RENAME_EXCHANGE`).
    fn exchange(&mut self, a: &Path, b: &Path) -> io::Result<()> {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        Ok(renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE)?)
    }
    /// Renames, failing with `AlreadyExists` rather than replace a file.
    fn rename_new(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        Ok(renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE)?)
    }
}

/// The real file system.
#[derive(Debug, Default, Clone, Copy)]
pub struct RealSteps;

impl Steps for RealSteps {
    fn create_temp(&mut self, path: &Path) -> io::Result<File> {
        debug_full_disk(path)?;
        OpenOptions::new().write(true).create_new(true).open(path)
    }

    fn write(&mut self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)
    }

    fn sync_file(&mut self, file: &File) -> io::Result<()> {
        file.sync_all()
    }

    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }

    fn sync_dir(&mut self, dir: &Path) -> io::Result<()> {
        File::open(dir)?.sync_all()
    }
}

/// In debug builds, `VPCANVAS_DEBUG_FULL_DISK=DIR` makes every write under
/// DIR fail as on a full disk (ENOSPC): how the end-to-end tests fill a
/// disk for the real binary without root or a tiny filesystem (in-process
/// tests use [`Steps`]).
fn debug_full_disk(path: &Path) -> io::Result<()> {
    if cfg!(debug_assertions)
        && let Some(full) = std::env::var_os("VPCANVAS_DEBUG_FULL_DISK")
        && std::path::absolute(path).is_ok_and(|p| p.starts_with(&full))
    {
        return Err(rustix::io::Errno::NOSPC.into());
    }
    Ok(())
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A fresh temporary path beside `target`.
pub fn temp_path(target: &Path) -> PathBuf {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    target.with_file_name(format!(".{name}{TEMP_MARKER}{}-{n}", std::process::id()))
}

/// The folder a path is in ("." for a bare file name).
fn folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes `bytes` to `target` atomically and durably through `steps`. The
/// file's permissions are kept. On any failure the temporary file is removed
/// and `target` is untouched.
pub fn write_with(steps: &mut dyn Steps, target: &Path, bytes: &[u8]) -> io::Result<()> {
    write_capped(steps, target, bytes, None)
}

/// [`write_with`], with the new file's permission bits at most `cap`'s (a
/// copy of a private canvas stays private); the owner keeps read and write.
pub fn write_capped(
    steps: &mut dyn Steps,
    target: &Path,
    bytes: &[u8],
    cap: Option<u32>,
) -> io::Result<()> {
    write_guarded(steps, target, bytes, cap, None)
}

/// What a careful write expects to replace: it replaces nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// No file.
    Absent,
    /// A file with contents of this fingerprint ([`super::fingerprint`]).
    Contents(u64),
}

/// Another program wrote the file during the write; theirs is left in place.
#[derive(Debug)]
pub struct Raced;

impl std::fmt::Display for Raced {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("another program changed the file while it was being saved; theirs is kept")
    }
}

impl std::error::Error for Raced {}

/// Whether a write error is a [`Raced`].
pub fn is_raced(e: &io::Error) -> bool {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<Raced>())
        .is_some()
}

fn raced() -> io::Error {
    io::Error::other(Raced)
}

/// [`write_capped`] that replaces only what it `expect`s. With Linux's
/// `RENAME_EXCHANGE` the new file and the old one swap places atomically and
/// the old one is then compared with what was expected: another program's
/// write that slipped in is swapped back, never lost. Where the filesystem
/// cannot exchange, the file is compared right before the rename.
pub fn write_guarded(
    steps: &mut dyn Steps,
    target: &Path,
    bytes: &[u8],
    cap: Option<u32>,
    expect: Option<Expect>,
) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    clean_once(target);
    let temp = temp_path(target);
    let result = (|| {
        let mut file = steps.create_temp(&temp)?;
        // Held until the file is in place: a temp file nobody holds is a
        // killed writer's leftover ([`clean_stale_temps`]).
        let _ = file.try_lock();
        // Keep the mode (e.g. 0640), owner and group of the file being
        // replaced, where the process may; a new file starts from what the
        // umask allows. Set before any byte is written.
        let existing = fs::metadata(target).ok();
        if let Some(meta) = &existing
            && std::os::unix::fs::fchown(&file, Some(meta.uid()), Some(meta.gid())).is_err()
        {
            let _ = std::os::unix::fs::fchown(&file, None, Some(meta.gid()));
        }
        let mode = match &existing {
            Some(meta) => Some(meta.permissions().mode()),
            None => file.metadata().ok().map(|m| m.permissions().mode()),
        };
        if let Some(mode) = mode {
            let mode = match cap {
                Some(cap) => mode & ((cap & 0o777) | 0o600),
                None => mode,
            };
            let _ = file.set_permissions(fs::Permissions::from_mode(mode & 0o7777));
        }
        steps.write(&mut file, bytes)?;
        steps.sync_file(&file)?;
        steps.before_replace(target)?;
        let placed = match expect {
            None => steps.rename(&temp, target),
            Some(expect) => replace_expected(steps, &temp, target, expect),
        };
        drop(file);
        placed
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    // The rename is done: the new file is in place. A failed folder sync
    // means it may not survive a power cut, which the caller must hear.
    steps
        .sync_dir(&folder(target))
        .map_err(|e| io::Error::new(e.kind(), NotDurable(e)))
}

/// Puts `temp` at `target` only if `target` holds what was expected.
fn replace_expected(
    steps: &mut dyn Steps,
    temp: &Path,
    target: &Path,
    expect: Expect,
) -> io::Result<()> {
    let holds = |path: &Path| -> io::Result<bool> {
        match (super::read_regular(path, super::MAX_FILE_BYTES), expect) {
            (Ok(b), Expect::Contents(fp)) => Ok(super::fingerprint(&b) == fp),
            (Err(super::ReadError::Io(e)), Expect::Absent)
                if e.kind() == io::ErrorKind::NotFound =>
            {
                Ok(true)
            }
            (Err(super::ReadError::Io(e)), _) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(false),
        }
    };
    if expect == Expect::Absent {
        // Creating: never over a file that appeared meanwhile.
        return match steps.rename_new(temp, target) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(raced()),
            Err(_) if holds(target)? => steps.rename(temp, target),
            Err(_) => Err(raced()),
        };
    }
    match steps.exchange(temp, target) {
        // `temp` now holds what was at `target` a moment ago.
        Ok(()) => match holds(temp) {
            Ok(true) => {
                let _ = fs::remove_file(temp);
                Ok(())
            }
            // Theirs came in: swap it back; ours is then removed.
            Ok(false) => {
                steps.exchange(temp, target)?;
                Err(raced())
            }
            // In doubt, theirs is kept beside the canvas.
            Err(_) => {
                let _ = fs::rename(temp, super::backup_path(target));
                Ok(())
            }
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(raced()),
        // No exchange here (an old kernel, some filesystems): look right
        // before the rename.
        Err(_) if holds(target)? => steps.rename(temp, target),
        Err(_) => Err(raced()),
    }
}

/// The new file is in place, but the folder could not be synced.
#[derive(Debug)]
pub struct NotDurable(pub io::Error);

impl std::fmt::Display for NotDurable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the folder could not be synced ({})", self.0)
    }
}

impl std::error::Error for NotDurable {}

/// Whether a write error came after the new file was already in place.
pub fn is_not_durable(e: &io::Error) -> bool {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<NotDurable>())
        .is_some()
}

/// Removes temporary files left beside `target` by a killed vpcanvas: its
/// own, those of its backup `NAME.bak` (a save writes the backup first, so
/// a kill then leaves `.NAME.bak.vpcanvas-tmp-*`), and those of any other
/// file in the folder: git names each merge's OURS afresh
/// (`.merge_file_XXXXXX`), so a killed merge's temp would never meet a
/// writer of its own name. Only files that are provably ours and stale go:
/// named by our marker, owned by this user, written by a process that is
/// gone, and held by no one (a live writer holds its temp file locked from
/// creation until it is in place, which also protects one in another PID
/// namespace). Returns how many were removed.
pub fn clean_stale_temps(target: &Path) -> usize {
    let Ok(entries) = fs::read_dir(folder(target)) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            writer_pid(&file).is_some_and(|pid| !is_running(pid)) && is_stale(&e.path())
        })
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

/// Cleans the leftovers in `target`'s folder once per process (the cleaning
/// covers the whole folder): the first write of any writer there (the
/// editor, `merge`, an export, a snapshot) tidies after a killed one,
/// without a folder listing on every save.
fn clean_once(target: &Path) {
    static DONE: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());
    let Ok(mut done) = DONE.lock() else {
        return;
    };
    let dir = folder(target);
    if done.contains(&dir) {
        return;
    }
    done.push(dir);
    drop(done);
    clean_stale_temps(target);
}

/// The pid in one of our temp file names (`.NAME`, the marker, `PID-N`).
fn writer_pid(name: &str) -> Option<u32> {
    if !name.starts_with('.') {
        return None;
    }
    let (_, rest) = name.rsplit_once(TEMP_MARKER)?;
    let (pid, n) = rest.split_once('-')?;
    n.parse::<u64>().ok()?;
    pid.parse().ok()
}

/// Whether a process with this pid runs (this one included). In doubt (no
/// `/proc` to look in), yes: nothing is removed on a guess.
fn is_running(pid: u32) -> bool {
    pid == std::process::id()
        || !Path::new("/proc/self").exists()
        || Path::new("/proc").join(pid.to_string()).exists()
}

/// Whether a temp file is this user's and held by no writer.
fn is_stale(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let (Ok(meta), Ok(me)) = (fs::symlink_metadata(path), fs::metadata("/proc/self")) else {
        return false;
    };
    if !meta.is_file() || meta.uid() != me.uid() {
        return false;
    }
    // Opened without following a link, never blocking on a FIFO.
    let Ok(file) = OpenOptions::new().read(true).open(path) else {
        return false;
    };
    file.try_lock().is_ok()
}

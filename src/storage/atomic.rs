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
}

/// The real file system.
#[derive(Debug, Default, Clone, Copy)]
pub struct RealSteps;

impl Steps for RealSteps {
    fn create_temp(&mut self, path: &Path) -> io::Result<File> {
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
    use std::os::unix::fs::PermissionsExt;
    let temp = temp_path(target);
    let result = (|| {
        let mut file = steps.create_temp(&temp)?;
        // Keep the mode (e.g. 0640) of the file being replaced; a new file
        // starts from what the umask allows. Set before any byte is written.
        let mode = match fs::metadata(target) {
            Ok(meta) => Some(meta.permissions().mode()),
            Err(_) => file.metadata().ok().map(|m| m.permissions().mode()),
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
        drop(file);
        steps.rename(&temp, target)
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
/// own and those of its backup `NAME.bak` (a save writes the backup first, so
/// a kill then leaves `.NAME.bak.vpcanvas-tmp-*`). Returns how many were removed.
pub fn clean_stale_temps(target: &Path) -> usize {
    let name = target
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let prefixes = [
        format!(".{name}{TEMP_MARKER}"),
        format!(".{name}.bak{TEMP_MARKER}"),
    ];
    let Ok(entries) = fs::read_dir(folder(target)) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            prefixes
                .iter()
                .any(|p| file.starts_with(p.as_str()) && !is_ours_in_flight(&file, p))
        })
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

/// A temp file of this very process is a write in flight, not a leftover.
fn is_ours_in_flight(name: &str, prefix: &str) -> bool {
    name.strip_prefix(prefix)
        .and_then(|rest| rest.split('-').next())
        .is_some_and(|pid| pid == std::process::id().to_string())
}

//! The advisory lock that keeps one writer per canvas: files in the data
//! folder's `locks/` (and in the user's own folder in the temp dir), locked
//! while the canvas is open for writing.

use std::fs;
use std::io;
use std::path::Path;

use super::recovery;

/// An advisory lock on a canvas, held while it is open for writing. The
/// operating system drops it when the holder exits, even by a crash.
#[derive(Debug)]
pub struct CanvasLock {
    _files: Vec<fs::File>,
}

/// Tries to take the lock of a canvas. The lock file lives in `locks/` in
/// the data directory, never beside the canvas (where it would clutter a
/// project's repository). `Ok(None)` when another vpcanvas holds it.
///
/// Three files are locked: the one under the stable name
/// ([`recovery::stable_hash`]), the one an earlier vpcanvas (0.1) would
/// take, so that an older build open on the same canvas still makes this one
/// read-only, and the other way round, and one in this user's own folder in
/// the temp dir ([`recovery::user_lock_dir`]), which every vpcanvas of the
/// user finds whatever `--data-dir` it was given. That last one is best
/// effort: when it cannot be made, the data folder's locks still hold.
pub fn lock(data_dir: &Path, path: &Path) -> io::Result<Option<CanvasLock>> {
    let stable = recovery::keyed_path(data_dir, "locks", path, "lock");
    let Some(first) = lock_file(&stable)? else {
        return Ok(None);
    };
    let legacy = recovery::legacy_keyed_path(data_dir, "locks", path, "lock");
    let Some(second) = lock_file(&legacy)? else {
        return Ok(None);
    };
    let mut files = vec![first, second];
    if let Some(user) = recovery::user_lock_dir().filter(|d| !stable.starts_with(d)) {
        match lock_file(&recovery::keyed_path(&user, "locks", path, "lock")) {
            Ok(Some(third)) => files.push(third),
            Ok(None) => return Ok(None),
            Err(_) => {}
        }
    }
    Ok(Some(CanvasLock { _files: files }))
}

/// Opens (creating) and locks one lock file; `Ok(None)` when it is held.
fn lock_file(lock_path: &Path) -> io::Result<Option<fs::File>> {
    if let Some(parent) = lock_path.parent() {
        recovery::private_folder(parent)?;
    }
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path)?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(fs::TryLockError::WouldBlock) => Ok(None),
        Err(fs::TryLockError::Error(e)) => Err(e),
    }
}

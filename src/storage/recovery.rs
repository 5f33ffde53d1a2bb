//! Recovery snapshots: unsaved work (a failed save, text being typed) kept in
//! `recovery/` in the data directory, offered again when the canvas is next
//! opened. A snapshot is removed only when the user says so or once the work
//! is safely in the canvas file.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::canvas::Canvas;
use crate::canvas::file::{parse, to_ron};

use super::atomic::RealSteps;
use super::{StorageError, fingerprint, write_atomic_capped};

/// Creates a folder only its owner can enter (0700), as `recovery/` and
/// `locks/` are: what is in them is the user's unsaved words.
pub fn private_folder(folder: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    use std::os::unix::fs::PermissionsExt;
    if folder.is_dir() {
        // Tighten one an older vpcanvas made 0755.
        let meta = fs::metadata(folder)?;
        if meta.permissions().mode() & 0o077 != 0 {
            let _ = fs::set_permissions(folder, fs::Permissions::from_mode(0o700));
        }
        return Ok(());
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(folder)
}

/// A snapshot found for a canvas.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub path: PathBuf,
    pub canvas: Canvas,
    pub modified: Option<SystemTime>,
}

/// The absolute form of a canvas path, so one canvas has one snapshot name
/// whatever folder vpcanvas was started from.
fn absolute(canvas_path: &Path) -> PathBuf {
    fs::canonicalize(canvas_path)
        .or_else(|_| std::path::absolute(canvas_path))
        .unwrap_or_else(|_| canvas_path.to_path_buf())
}

/// Where the snapshot of `canvas_path` lives: `recovery/NAME-HASH.ron`.
pub fn path_for(data_dir: &Path, canvas_path: &Path) -> PathBuf {
    keyed_path(data_dir, "recovery", canvas_path, "ron")
}

/// A file in `data_dir/folder` that belongs to one canvas: named after it,
/// with a hash of its absolute path so two `plan.ron` in different folders
/// never share one.
pub fn keyed_path(data_dir: &Path, folder: &str, canvas_path: &Path, ext: &str) -> PathBuf {
    let abs = absolute(canvas_path);
    let stem = abs
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let hash = fingerprint(abs.to_string_lossy().as_bytes());
    data_dir
        .join(folder)
        .join(format!("{stem}-{hash:016x}.{ext}"))
}

/// Writes a snapshot (atomically, like every write). Returns where.
pub fn write(
    data_dir: &Path,
    canvas_path: &Path,
    canvas: &Canvas,
) -> Result<PathBuf, StorageError> {
    let path = path_for(data_dir, canvas_path);
    let text = format!(
        "// vpcanvas recovery snapshot of {}\n{}",
        absolute(canvas_path).display(),
        to_ron(canvas)
    );
    if let Some(folder) = path.parent() {
        private_folder(folder).map_err(|e| StorageError::Io {
            path: folder.to_path_buf(),
            source: e,
        })?;
    }
    // Only the user may read a snapshot, whatever the canvas's mode.
    write_atomic_capped(&mut RealSteps, &path, text.as_bytes(), Some(0o600))?;
    Ok(path)
}

/// The snapshot for a canvas, if there is a readable one.
pub fn find(data_dir: &Path, canvas_path: &Path) -> Option<Snapshot> {
    let path = path_for(data_dir, canvas_path);
    let bytes = fs::read(&path).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let canvas = parse(&text).ok()?.canvas;
    let modified = fs::metadata(&path).and_then(|m| m.modified()).ok();
    Some(Snapshot {
        path,
        canvas,
        modified,
    })
}

/// Removes the snapshot of a canvas, if any.
pub fn remove(data_dir: &Path, canvas_path: &Path) {
    let _ = fs::remove_file(path_for(data_dir, canvas_path));
}

//! Where canvases live and how they are read and written (SPEC §3).
//!
//! Every write (canvas, backup, recovery snapshot, export) goes through
//! [`write_atomic`]: a temporary file in the same folder, fsync, rename, fsync
//! of the folder ([`atomic`]), so a crash leaves either the old file or the
//! new one, never a torn one.

pub mod atomic;
pub mod recovery;

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::canvas::Canvas;
use crate::canvas::file::{self, FormatError, MAX_FILE_BYTES, Parsed};

/// The environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "VPCANVAS_DATA_DIR";

/// The extension of canvas files.
pub const EXTENSION: &str = "ron";

#[derive(Debug, Error)]
pub enum StorageError {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("{}", format_error(path, source))]
    Format { path: PathBuf, source: FormatError },
    #[error(
        "no data directory could be found for this user; pass --data-dir DIR or set {DATA_DIR_ENV}"
    )]
    NoDataDir,
    #[error("{}: already exists; open it with `vpcanvas {}` or pick another name", path.display(), path.display())]
    AlreadyExists { path: PathBuf },
    #[error("\"{name}\" is not a usable canvas name: {why}")]
    BadName { name: String, why: &'static str },
    #[error("{}: was written by a newer vpcanvas (format version {version}); it is open read-only and will not be changed", path.display())]
    ReadOnly { path: PathBuf, version: u32 },
    #[error("could not write {}: {source}; the file on disk is unchanged", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("wrote {}, but {source}: it may not survive a power cut", path.display())]
    NotDurable { path: PathBuf, source: io::Error },
}

/// "path:3:14: message" for RON mistakes (the editor convention), else "path: message".
fn format_error(path: &Path, source: &FormatError) -> String {
    match source {
        FormatError::Syntax { .. } => format!("{}:{source}", path.display()),
        _ => format!("{}: {source}", path.display()),
    }
}

impl StorageError {
    fn io(path: &Path, source: io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Resolves the data directory: `--data-dir`, then `VPCANVAS_DATA_DIR`, then
/// the platform's data dir (e.g. `~/.local/share/vpcanvas`). Creates it.
pub fn data_dir(flag: Option<&Path>) -> Result<PathBuf, StorageError> {
    let dir = match flag {
        Some(dir) => dir.to_path_buf(),
        None => match std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
            Some(dir) => PathBuf::from(dir),
            None => directories::ProjectDirs::from("", "", "vpcanvas")
                .ok_or(StorageError::NoDataDir)?
                .data_dir()
                .to_path_buf(),
        },
    };
    fs::create_dir_all(&dir).map_err(|e| StorageError::io(&dir, e))?;
    Ok(dir)
}

/// The canvas name a user typed, without spaces around it or a `.ron` ending.
pub fn canvas_name(name: &str) -> &str {
    let name = name.trim();
    name.strip_suffix(".ron").unwrap_or(name).trim()
}

/// The path of a named canvas in a data directory (`NAME.ron`).
pub fn canvas_path(dir: &Path, name: &str) -> Result<PathBuf, StorageError> {
    let name = canvas_name(name);
    let bad = |why| StorageError::BadName {
        name: name.to_owned(),
        why,
    };
    if name.is_empty() {
        return Err(bad("it is empty"));
    }
    if name.contains(['/', '\\']) || name == "." || name == ".." {
        return Err(bad(
            "a name cannot contain / or \\; give a path to `vpcanvas FILE` instead",
        ));
    }
    if name.starts_with('.') {
        return Err(bad("names starting with a dot would be hidden"));
    }
    if name.chars().any(char::is_control) {
        return Err(bad("it contains control characters"));
    }
    Ok(dir.join(format!("{name}.{EXTENSION}")))
}

/// Reads and validates a canvas file. Refuses files over 16 MiB before reading them.
pub fn load(path: &Path) -> Result<Parsed, StorageError> {
    let file = fs::File::open(path).map_err(|e| StorageError::io(path, e))?;
    let meta = file.metadata().map_err(|e| StorageError::io(path, e))?;
    if meta.is_dir() {
        return Err(StorageError::io(
            path,
            io::Error::other("is a folder, not a canvas file"),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(StorageError::Format {
            path: path.to_path_buf(),
            source: FormatError::TooLarge { size: meta.len() },
        });
    }
    let mut bytes = Vec::new();
    // Read at most one byte past the limit so a growing or lying file is still caught.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| StorageError::io(path, e))?;
    file::parse_bytes(&bytes).map_err(|source| StorageError::Format {
        path: path.to_path_buf(),
        source,
    })
}

/// How a save treats the previous version.
#[derive(Debug, Clone, Copy, Default)]
pub struct SaveOptions {
    /// Copy the file as it is on disk to `NAME.ron.bak` before replacing it.
    pub backup: bool,
}

/// The path of the backup kept beside a canvas.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Writes a canvas atomically. With `backup`, the previous file (if any and if
/// different) is first kept as `NAME.ron.bak`, also atomically.
pub fn save(path: &Path, canvas: &Canvas, options: SaveOptions) -> Result<(), StorageError> {
    save_with(&mut atomic::RealSteps, path, canvas, options).map(|_| ())
}

/// [`save`] through given steps; returns the fingerprint of what was written.
pub fn save_with(
    steps: &mut dyn atomic::Steps,
    path: &Path,
    canvas: &Canvas,
    options: SaveOptions,
) -> Result<u64, StorageError> {
    let target = resolve_symlink(path);
    let text = file::to_ron(canvas);
    if options.backup {
        match fs::read(&target) {
            Ok(previous) if previous != text.as_bytes() => {
                let bak = backup_path(&target);
                write_atomic_with(steps, &bak, &previous)?;
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(StorageError::io(&target, e)),
        }
    }
    write_atomic_with(steps, &target, text.as_bytes())?;
    Ok(fingerprint(text.as_bytes()))
}

/// A symlinked canvas is written through to its target (the link stays a link).
pub fn resolve_symlink(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// The one write path: temp file in the same folder, write, fsync, rename,
/// fsync the folder. The file's permissions are kept.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    write_atomic_with(&mut atomic::RealSteps, path, bytes)
}

/// [`write_atomic`] through a given set of steps (tests inject failures here).
pub fn write_atomic_with(
    steps: &mut dyn atomic::Steps,
    path: &Path,
    bytes: &[u8],
) -> Result<(), StorageError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.is_dir()
    {
        fs::create_dir_all(parent).map_err(|e| StorageError::io(parent, e))?;
    }
    atomic::write_with(steps, path, bytes).map_err(|source| {
        if atomic::is_not_durable(&source) {
            StorageError::NotDurable {
                path: path.to_path_buf(),
                source,
            }
        } else {
            StorageError::Write {
                path: path.to_path_buf(),
                source,
            }
        }
    })
}

/// A fingerprint of file contents, to notice another program's changes by
/// content rather than by timestamp.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// The fingerprint of the file at `path` now; `None` when there is no file.
pub fn disk_fingerprint(path: &Path) -> io::Result<Option<u64>> {
    match fs::read(resolve_symlink(path)) {
        Ok(bytes) => Ok(Some(fingerprint(&bytes))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// An advisory lock on a canvas, held while it is open for writing. The
/// operating system drops it when the holder exits, even by a crash.
#[derive(Debug)]
pub struct CanvasLock {
    _file: fs::File,
}

/// Tries to take the lock of a canvas. The lock file lives in `locks/` in
/// the data directory, never beside the canvas (where it would clutter a
/// project's repository). `Ok(None)` when another vpcanvas holds it.
pub fn lock(data_dir: &Path, path: &Path) -> io::Result<Option<CanvasLock>> {
    let lock_path = recovery::keyed_path(data_dir, "locks", path, "lock");
    if let Some(parent) = lock_path.parent() {
        fs::create_dir_all(parent)?;
    }
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)?;
    match file.try_lock() {
        Ok(()) => Ok(Some(CanvasLock { _file: file })),
        Err(fs::TryLockError::WouldBlock) => Ok(None),
        Err(fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Writes a new canvas file, refusing to replace an existing one.
pub fn create(path: &Path, canvas: &Canvas) -> Result<(), StorageError> {
    if path.exists() {
        return Err(StorageError::AlreadyExists {
            path: path.to_path_buf(),
        });
    }
    write_atomic(path, file::to_ron(canvas).as_bytes())
}

/// Renames a canvas (and its `.bak`), refusing to replace another file.
pub fn rename(from: &Path, to: &Path) -> Result<(), StorageError> {
    if to.exists() {
        return Err(StorageError::AlreadyExists {
            path: to.to_path_buf(),
        });
    }
    fs::rename(from, to).map_err(|e| StorageError::io(from, e))?;
    let bak = backup_path(from);
    if bak.exists() {
        let _ = fs::rename(&bak, backup_path(to));
    }
    Ok(())
}

/// Copies a canvas to a new file, refusing to replace another file.
pub fn duplicate(from: &Path, to: &Path) -> Result<(), StorageError> {
    if to.exists() {
        return Err(StorageError::AlreadyExists {
            path: to.to_path_buf(),
        });
    }
    let bytes = fs::read(from).map_err(|e| StorageError::io(from, e))?;
    write_atomic(to, &bytes)
}

/// Moves a canvas (and its `.bak`) into `trash/` in the data directory,
/// never over an earlier trashed file. Returns where it went.
pub fn trash(dir: &Path, path: &Path) -> Result<PathBuf, StorageError> {
    let trash = dir.join("trash");
    fs::create_dir_all(&trash).map_err(|e| StorageError::io(&trash, e))?;
    let stem = path
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let mut target = trash.join(format!("{stem}.{EXTENSION}"));
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = trash.join(format!("{stem}-{n}.{EXTENSION}"));
    }
    fs::rename(path, &target).map_err(|e| StorageError::io(path, e))?;
    let bak = backup_path(path);
    if bak.exists() {
        let _ = fs::rename(&bak, backup_path(&target));
    }
    Ok(target)
}

/// One canvas in the data directory, as `list` and the library show it.
#[derive(Debug)]
pub struct Entry {
    pub name: String,
    pub path: PathBuf,
    pub modified: Option<std::time::SystemTime>,
    pub loaded: Result<Parsed, StorageError>,
}

/// The canvases in a data directory, sorted by name. Unreadable files are
/// listed with their error rather than hidden.
pub fn list(dir: &Path) -> Result<Vec<Entry>, StorageError> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| StorageError::io(dir, e))? {
        let entry = entry.map_err(|e| StorageError::io(dir, e))?;
        let path = entry.path();
        let is_canvas = path.extension().is_some_and(|e| e == EXTENSION)
            && !path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            && path.is_file();
        if !is_canvas {
            continue;
        }
        let name = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let modified = entry.metadata().ok().and_then(|m| m.modified().ok());
        entries.push(Entry {
            name,
            modified,
            loaded: load(&path),
            path,
        });
    }
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(entries)
}

#[cfg(test)]
mod tests;

//! Where canvases live and how they are read and written (SPEC §3).
//!
//! Every write (canvas, backup, recovery snapshot, export) goes through
//! [`write_atomic`]: a temporary file in the same folder, fsync, rename, fsync
//! of the folder ([`atomic`]), so a crash leaves either the old file or the
//! new one, never a torn one.

pub mod atomic;
pub mod destination;
mod limit;
mod lock;
pub mod recovery;

pub use limit::{CanvasText, mib};
pub use lock::{CanvasLock, lock};

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
    #[error(
        "\"{}\" is not a usable canvas name: {why}",
        crate::text::visible(name)
    )]
    BadName { name: String, why: &'static str },
    #[error("{}: was written by a newer vpcanvas (format version {version}); it is open read-only and will not be changed", path.display())]
    ReadOnly { path: PathBuf, version: u32 },
    #[error("could not write {}: {source}; the file on disk is unchanged", path.display())]
    Write { path: PathBuf, source: io::Error },
    /// The file is in place (its folder could not be synced): `fingerprint`
    /// is what it now holds.
    #[error("wrote {}, but {source}: it may not survive a power cut", path.display())]
    NotDurable {
        path: PathBuf,
        source: io::Error,
        fingerprint: u64,
    },
    #[error(
        "{} was not saved: it would be {} MiB, over the {} MiB a canvas may be (so it could not be opened again); your edit is kept unsaved — remove some text",
        path.display(), mib(*size), MAX_FILE_BYTES / (1024 * 1024)
    )]
    TooLargeToSave { path: PathBuf, size: u64 },
    #[error(
        "the unsaved work is {} MiB, more than the {} MiB a recovery snapshot may hold (so it could not be offered again)",
        mib(*size), recovery::MAX_SNAPSHOT_BYTES / (1024 * 1024)
    )]
    TooLargeToKeep { size: u64 },
    #[error("{}: another program changed it while it was being saved; theirs is kept", path.display())]
    ChangedOnDisk { path: PathBuf },
    #[error("{}: the file is read-only; vpcanvas will not replace it", path.display())]
    ReadOnlyFile { path: PathBuf },
    #[error("{}: will not be written: {why}", path.display())]
    Refused { path: PathBuf, why: &'static str },
}

/// "path:3:14: message" when the place in the file is known (the editor
/// convention), else "path: message".
fn format_error(path: &Path, source: &FormatError) -> String {
    if source.location().is_some() {
        format!("{}:{source}", path.display())
    } else {
        format!("{}: {source}", path.display())
    }
}

impl StorageError {
    /// The fingerprint of what a failed write still left complete at `path`
    /// (the write is in place, only its folder sync failed); `None` when the
    /// file at `path` is as it was.
    pub fn left_in_place(&self, path: &Path) -> Option<u64> {
        match self {
            StorageError::NotDurable {
                path: written,
                fingerprint,
                ..
            } if written == path => Some(*fingerprint),
            _ => None,
        }
    }

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
    if name.chars().any(crate::text::is_hazard) {
        return Err(bad("it contains control characters or bidi overrides"));
    }
    Ok(dir.join(format!("{name}.{EXTENSION}")))
}

/// Reads and validates a canvas file. Only a regular file (or a symlink to
/// one) is read, and never more than 16 MiB of it.
pub fn load(path: &Path) -> Result<Parsed, StorageError> {
    let bytes = read_canvas_bytes(path)?;
    file::parse_bytes(&bytes).map_err(|source| StorageError::Format {
        path: path.to_path_buf(),
        source,
    })
}

/// The bytes of a canvas file, refusing anything but a regular file and
/// anything over 16 MiB (the limit is enforced while reading, so a file that
/// grows or lies about its size is still caught).
pub fn read_canvas_bytes(path: &Path) -> Result<Vec<u8>, StorageError> {
    match read_regular(path, MAX_FILE_BYTES) {
        Ok(bytes) => Ok(bytes),
        Err(ReadError::TooLarge { size }) => Err(StorageError::Format {
            path: path.to_path_buf(),
            source: FormatError::TooLarge { size },
        }),
        Err(ReadError::Io(e)) => Err(StorageError::io(path, e)),
    }
}

/// Why [`read_regular`] read nothing.
#[derive(Debug)]
pub enum ReadError {
    /// The file holds more than the limit; `size` is its size on disk.
    TooLarge {
        size: u64,
    },
    Io(io::Error),
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        Self::Io(e)
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooLarge { size } => write!(f, "the file is {size} bytes, over the limit"),
            Self::Io(e) => e.fmt(f),
        }
    }
}

/// Reads a whole regular file of at most `limit` bytes. FIFOs, devices,
/// sockets and folders are refused before they are opened (reading them
/// could block forever or never end), and the open itself cannot block or
/// take a controlling terminal.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        let size = fs::metadata(path).map_or(0, |m| m.len()).max(limit + 1);
        return Err(ReadError::TooLarge { size });
    }
    Ok(bytes)
}

/// Opens a regular file (or a symlink to one) for reading; anything else is
/// a clear error, never a hang.
pub fn open_regular(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    not_regular(&fs::metadata(path)?)?;
    let flags = rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOCTTY;
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags.bits().cast_signed())
        .open(path)?;
    // It may have been swapped between the look and the open.
    not_regular(&file.metadata()?)?;
    Ok(file)
}

/// An error naming what a path is when it is not a regular file.
fn not_regular(meta: &fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    let what = if t.is_file() {
        return Ok(());
    } else if t.is_dir() {
        "is a folder, not a canvas file"
    } else if t.is_fifo() {
        "is a named pipe (FIFO), not a regular file"
    } else if t.is_char_device() || t.is_block_device() {
        "is a device, not a regular file"
    } else if t.is_socket() {
        "is a socket, not a regular file"
    } else {
        "is not a regular file"
    };
    Err(io::Error::new(io::ErrorKind::InvalidInput, what))
}

/// How a save treats the previous version.
#[derive(Debug, Clone, Default)]
pub struct SaveOptions {
    /// Copy the file as it is on disk to `NAME.ron.bak` before replacing it.
    pub backup: bool,
    /// What the file must hold for the save to replace it (what we last
    /// read or wrote); anything else is another program's change, kept and
    /// reported as [`StorageError::ChangedOnDisk`]. `None`: replace anything.
    pub expect: Option<atomic::Expect>,
    /// The file the canvas path led to when it was opened
    /// ([`resolve_symlink`]). A symlink that appeared at the path since (or
    /// now leads elsewhere) is never written through: the save replaces
    /// the path itself, and what the link showed is what `.bak` keeps.
    /// `None`: follow the path as it is now.
    pub opened_at: Option<PathBuf>,
}

/// The path of the backup kept beside a canvas.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Writes a canvas atomically. With `backup`, the previous file (if any and if
/// different) is first kept as `NAME.ron.bak`, also atomically.
/// Returns the fingerprint of what was written.
pub fn save(path: &Path, canvas: &Canvas, options: SaveOptions) -> Result<u64, StorageError> {
    save_with(&mut atomic::RealSteps, path, canvas, options)
}

/// [`save`] through given steps; returns the fingerprint of what was written.
pub fn save_with(
    steps: &mut dyn atomic::Steps,
    path: &Path,
    canvas: &Canvas,
    options: SaveOptions,
) -> Result<u64, StorageError> {
    let target = match (resolve_symlink(path), &options.opened_at) {
        (now, Some(opened)) if now != *opened => path.to_path_buf(),
        (now, _) => now,
    };
    // What is written must always read back: refuse what `load` would.
    let text = CanvasText::of(path, canvas)?;
    // A file its owner made read-only (chmod 444) is not replaced, though
    // the folder would allow the rename.
    if is_read_only_file(&target) {
        return Err(StorageError::ReadOnlyFile {
            path: path.to_path_buf(),
        });
    }
    if options.backup {
        match read_regular(&target, MAX_FILE_BYTES) {
            Ok(previous)
                if options
                    .expect
                    .is_some_and(|e| e != atomic::Expect::Contents(fingerprint(&previous))) =>
            {
                // Theirs: never backed up over ours, never replaced.
                return Err(StorageError::ChangedOnDisk {
                    path: path.to_path_buf(),
                });
            }
            Ok(previous) if previous != text.as_bytes() => {
                let bak = backup_path(&target);
                write_atomic_capped(steps, &bak, &previous, destination::mode_of(&target))?;
            }
            Ok(_) => {}
            Err(ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound => {}
            Err(ReadError::Io(e)) => return Err(StorageError::io(&target, e)),
            Err(e @ ReadError::TooLarge { .. }) => {
                return Err(StorageError::io(&target, io::Error::other(e.to_string())));
            }
        }
    }
    write_atomic_guarded(steps, &target, text.as_bytes(), None, options.expect)?;
    Ok(fingerprint(text.as_bytes()))
}

/// A symlinked canvas is written through to its target (the link stays a
/// link), even when the target does not exist yet: a dangling link gets its
/// target created, never replaced by a regular file.
pub fn resolve_symlink(path: &Path) -> PathBuf {
    let mut at = path.to_path_buf();
    // As the kernel does, give up on a loop after 40 links.
    for _ in 0..40 {
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => match fs::read_link(&at) {
                Ok(target) if target.is_absolute() => at = target,
                Ok(target) => {
                    at = at.parent().unwrap_or_else(|| Path::new("")).join(target);
                }
                Err(_) => return at,
            },
            _ => return at,
        }
    }
    at
}

/// Whether the file at `path` exists and is not to be written: its owner
/// took away their own write permission (`chmod 444`, `chmod u-w`), or
/// this user may not write it. Decided from the mode bits first, so root,
/// whom access(2) lets write anything, honours a file made read-only too.
pub fn is_read_only_file(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    match fs::metadata(path) {
        Ok(meta) if meta.permissions().mode() & 0o200 == 0 => true,
        Ok(_) => {
            rustix::fs::access(path, rustix::fs::Access::WRITE_OK) == Err(rustix::io::Errno::ACCESS)
        }
        Err(_) => false,
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
    write_atomic_capped(steps, path, bytes, None)
}

/// [`write_atomic_with`] for a copy of a file whose permission bits are
/// `cap`: the copy gets no more than those.
pub fn write_atomic_capped(
    steps: &mut dyn atomic::Steps,
    path: &Path,
    bytes: &[u8],
    cap: Option<u32>,
) -> Result<(), StorageError> {
    write_atomic_guarded(steps, path, bytes, cap, None)
}

/// [`write_atomic_capped`] that replaces only what it expects
/// ([`atomic::write_guarded`]).
fn write_atomic_guarded(
    steps: &mut dyn atomic::Steps,
    path: &Path,
    bytes: &[u8],
    cap: Option<u32>,
    expect: Option<atomic::Expect>,
) -> Result<(), StorageError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.is_dir()
    {
        fs::create_dir_all(parent).map_err(|e| StorageError::io(parent, e))?;
    }
    atomic::write_guarded(steps, path, bytes, cap, expect).map_err(|source| {
        if atomic::is_raced(&source) {
            StorageError::ChangedOnDisk {
                path: path.to_path_buf(),
            }
        } else if atomic::is_not_durable(&source) {
            StorageError::NotDurable {
                path: path.to_path_buf(),
                source,
                fingerprint: fingerprint(bytes),
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
    match read_regular(&resolve_symlink(path), MAX_FILE_BYTES) {
        Ok(bytes) => Ok(Some(fingerprint(&bytes))),
        // Nothing we wrote is that large, so it is not ours.
        Err(ReadError::TooLarge { size }) => Ok(Some(size.rotate_left(17) ^ u64::MAX)),
        Err(ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(ReadError::Io(e)) => Err(e),
    }
}

/// Writes a new canvas file, refusing to replace an existing one.
pub fn create(path: &Path, canvas: &Canvas) -> Result<(), StorageError> {
    create_new(path, CanvasText::of(path, canvas)?.as_bytes(), None)
}

/// Writes `canvas` over the file at `path` (through a symlink to its
/// target), whatever it holds: `merge`'s result over OURS. Nothing is
/// written when the canvas would be over the limit.
pub fn replace(path: &Path, canvas: &Canvas) -> Result<(), StorageError> {
    let text = CanvasText::of(path, canvas)?;
    write_atomic(&resolve_symlink(path), text.as_bytes())
}

/// Writes `canvas` to a new file `path` as a copy of the canvas at
/// `original` (the conflict dialog's "save mine as a copy"): never over an
/// existing file, and with no more permissions than the original has.
pub fn create_copy(original: &Path, path: &Path, canvas: &Canvas) -> Result<(), StorageError> {
    let cap = destination::mode_of(original);
    create_new(path, CanvasText::of(path, canvas)?.as_bytes(), cap)
}

/// Writes a new file, never over one that is there (not even one that
/// appears during the write), with its permissions at most `cap`.
fn create_new(path: &Path, bytes: &[u8], cap: Option<u32>) -> Result<(), StorageError> {
    let exists = || StorageError::AlreadyExists {
        path: path.to_path_buf(),
    };
    if fs::symlink_metadata(path).is_ok() {
        return Err(exists());
    }
    let absent = Some(atomic::Expect::Absent);
    match write_atomic_guarded(&mut atomic::RealSteps, path, bytes, cap, absent) {
        Err(StorageError::ChangedOnDisk { .. }) => Err(exists()),
        other => other,
    }
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

/// Copies a canvas to a new file, refusing to replace another file; the
/// copy gets no more permissions than the original.
pub fn duplicate(from: &Path, to: &Path) -> Result<(), StorageError> {
    if to.exists() {
        return Err(StorageError::AlreadyExists {
            path: to.to_path_buf(),
        });
    }
    // Only a regular file is read; the copy is as private as the original.
    let bytes = read_canvas_bytes(from)?;
    create_new(to, &bytes, destination::mode_of(from))
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

/// One canvas file in the data directory, found but not read: `list` and
/// the library read each on its own and keep only its summary, so a folder
/// of large canvases is never held in memory at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub name: String,
    pub path: PathBuf,
    pub modified: Option<std::time::SystemTime>,
}

/// The canvases in a data directory, sorted by name, not read.
pub fn list(dir: &Path) -> Result<Vec<Found>, StorageError> {
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
        entries.push(Found {
            name,
            path,
            modified,
        });
    }
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(entries)
}

/// A stamp of a folder's canvases (names, lengths, modified times) that
/// changes when one is added, removed, renamed or written, read without
/// opening any file: how the library notices changes cheaply. In memory
/// only; never persisted.
pub fn folder_stamp(dir: &Path) -> io::Result<u64> {
    use std::hash::{Hash, Hasher};
    let mut seen = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if Path::new(&name).extension().is_some_and(|e| e == EXTENSION) {
            let meta = entry.metadata()?;
            seen.push((name, meta.len(), meta.modified().ok()));
        }
    }
    seen.sort();
    let mut hasher = std::hash::DefaultHasher::new();
    seen.hash(&mut hasher);
    Ok(hasher.finish())
}

#[cfg(test)]
mod tests;

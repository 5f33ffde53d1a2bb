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
        // Not there yet: the real path of its folder, so a file reached
        // through a symlinked folder has the same lock as by its real path.
        .or_else(|e| {
            let name = canvas_path.file_name().ok_or(e)?;
            let folder = match canvas_path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            fs::canonicalize(folder).map(|f| f.join(name))
        })
        .or_else(|_| std::path::absolute(canvas_path))
        .unwrap_or_else(|_| canvas_path.to_path_buf())
}

/// A private folder in the temp dir for recovery snapshots when the data
/// folder cannot be used: `vpcanvas-recovery-UID`, refused unless it is a
/// real folder owned by this user that only they can enter.
pub fn fallback_dir() -> Option<PathBuf> {
    owned_private_folder(fallback_name()?)
}

/// `dir`, made 0700 if new, if it is a real folder of this user that only
/// they can enter (in a shared temp dir, another user could have made it).
fn owned_private_folder(dir: PathBuf) -> Option<PathBuf> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let uid = fs::metadata("/proc/self").ok()?.uid();
    private_folder(&dir).ok()?;
    let meta = fs::symlink_metadata(&dir).ok()?;
    let mode = meta.permissions().mode() & 0o777;
    let only_owner = mode & 0o700 == mode;
    (meta.is_dir() && meta.uid() == uid && only_owner).then_some(dir)
}

/// [`fallback_dir`] if it is there already (never creates it): where to
/// look for, and clear, snapshots a full data folder sent there.
pub fn existing_fallback_dir() -> Option<PathBuf> {
    fallback_name()
        .filter(|dir| dir.is_dir())
        .and_then(|_| fallback_dir())
}

/// This user's own folder in the temp dir for locks that do not depend on
/// the data folder: `TMPDIR/vpcanvas-locks-UID`, refused (like
/// [`fallback_dir`]) unless it is a real 0700 folder of this user.
pub fn user_lock_dir() -> Option<PathBuf> {
    let name = fallback_name()?;
    let dir = name.with_file_name(name.file_name()?.to_string_lossy().replacen(
        "vpcanvas-recovery-",
        "vpcanvas-locks-",
        1,
    ));
    owned_private_folder(dir)
}

/// `TMPDIR/vpcanvas-recovery-UID`.
fn fallback_name() -> Option<PathBuf> {
    use std::os::unix::fs::MetadataExt;
    let uid = fs::metadata("/proc/self").ok()?.uid();
    Some(std::env::temp_dir().join(format!("vpcanvas-recovery-{uid}")))
}

/// Where the snapshot of `canvas_path` lives: `recovery/NAME-HASH.ron`.
pub fn path_for(data_dir: &Path, canvas_path: &Path) -> PathBuf {
    keyed_path(data_dir, "recovery", canvas_path, "ron")
}

/// FNV-1a, 64 bits (offset basis `0xcbf29ce484222325`, prime
/// `0x100000001b3`): the hash in every name vpcanvas persists. The algorithm
/// is fixed and documented here, so a vpcanvas built with any Rust finds the
/// same recovery snapshot and takes the same lock file. (`std`'s
/// `DefaultHasher` is not promised to stay the same; it is fine for
/// in-memory fingerprints only.)
pub fn stable_hash(bytes: &[u8]) -> u64 {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes
        .iter()
        .fold(OFFSET_BASIS, |h, &b| (h ^ u64::from(b)).wrapping_mul(PRIME))
}

/// A file in `data_dir/folder` that belongs to one canvas: named after it,
/// with the [`stable_hash`] of its absolute path (as bytes) so two `plan.ron`
/// in different folders never share one.
pub fn keyed_path(data_dir: &Path, folder: &str, canvas_path: &Path, ext: &str) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    let abs = absolute(canvas_path);
    named(
        data_dir,
        folder,
        &abs,
        stable_hash(abs.as_os_str().as_bytes()),
        ext,
    )
}

/// The name vpcanvas 0.1 gave the same file, with `std`'s `DefaultHasher`
/// of the lossy path. Still looked at (snapshots) and still taken (locks), so
/// that work kept by, and a lock held by, an earlier build are not missed.
pub fn legacy_keyed_path(data_dir: &Path, folder: &str, canvas_path: &Path, ext: &str) -> PathBuf {
    let abs = absolute(canvas_path);
    let hash = fingerprint(abs.to_string_lossy().as_bytes());
    named(data_dir, folder, &abs, hash, ext)
}

fn named(data_dir: &Path, folder: &str, abs: &Path, hash: u64, ext: &str) -> PathBuf {
    let stem = abs
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    data_dir
        .join(folder)
        .join(format!("{stem}-{hash:016x}.{ext}"))
}

/// The most a snapshot may hold, for the writer and the reader alike: more
/// than a canvas file (an edit refused for its size is kept here), never
/// more than is read back.
pub const MAX_SNAPSHOT_BYTES: u64 = 4 * super::MAX_FILE_BYTES;

/// Writes a snapshot (atomically, like every write). Returns where.
/// What is written here reads back: the canvas file's text when it fits,
/// else the same text with its `\u{..}` escapes written as the characters
/// themselves (a control character is one byte, its escape five or six);
/// work too large even so is refused, never kept where it cannot be read.
pub fn write(
    data_dir: &Path,
    canvas_path: &Path,
    canvas: &Canvas,
) -> Result<PathBuf, StorageError> {
    let path = path_for(data_dir, canvas_path);
    let mut text = format!(
        "// vpcanvas recovery snapshot of {}\n{}",
        absolute(canvas_path).display(),
        to_ron(canvas)
    );
    if text.len() as u64 > MAX_SNAPSHOT_BYTES
        && let Some((comment, ron)) = text.split_once('\n')
    {
        // The comment line (a path) as it is; the canvas unescaped.
        text = format!("{comment}\n{}", unescaped(ron));
    }
    if text.len() as u64 > MAX_SNAPSHOT_BYTES {
        return Err(StorageError::TooLargeToKeep {
            size: text.len() as u64,
        });
    }
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

/// The snapshot this session writes for a canvas, if there is a readable one:
/// under its stable name, or else under the name an earlier build gave it.
pub fn find(data_dir: &Path, canvas_path: &Path) -> Option<Snapshot> {
    read_snapshot(path_for(data_dir, canvas_path))
        .or_else(|| read_snapshot(legacy_keyed_path(data_dir, "recovery", canvas_path, "ron")))
}

/// How many kept snapshots of one canvas are looked for.
const MAX_KEPT: u32 = 20;

/// The `n`th kept snapshot's path: `recovery/NAME-HASH.kept-N.ron`.
fn kept_path(data_dir: &Path, canvas_path: &Path, n: u32) -> PathBuf {
    path_for(data_dir, canvas_path).with_extension(format!("kept-{n}.ron"))
}

/// Sets a found snapshot aside while the user decides: it becomes a kept
/// snapshot, which this session's own snapshots never overwrite and its
/// saves never remove. Only the user's answer removes it. Returns where it is.
pub fn keep(data_dir: &Path, canvas_path: &Path) -> Option<PathBuf> {
    let from = Some(path_for(data_dir, canvas_path))
        .filter(|p| p.exists())
        .unwrap_or_else(|| legacy_keyed_path(data_dir, "recovery", canvas_path, "ron"));
    let to = (1..=MAX_KEPT)
        .map(|n| kept_path(data_dir, canvas_path, n))
        .find(|p| !p.exists())?;
    fs::rename(&from, &to).ok()?;
    Some(to)
}

/// The newest kept snapshot of a canvas, to offer again.
pub fn find_kept(data_dir: &Path, canvas_path: &Path) -> Option<Snapshot> {
    (1..=MAX_KEPT)
        .filter_map(|n| read_snapshot(kept_path(data_dir, canvas_path, n)))
        .max_by_key(|s| s.modified)
}

/// Removes one snapshot file (a kept one the user answered).
pub fn discard(path: &Path) {
    let _ = fs::remove_file(path);
}

/// Removes temporary files a killed vpcanvas left while writing this
/// canvas's snapshot.
pub fn clean_stale_temps(data_dir: &Path, canvas_path: &Path) -> usize {
    super::atomic::clean_stale_temps(&path_for(data_dir, canvas_path))
}

/// The canvas file's text with every `\u{..}` escape written as its
/// character: RON reads both, and the raw form is never larger.
fn unescaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let escape = &rest[at..];
        let raw = escape
            .strip_prefix("\\u{")
            .and_then(|hex| hex.split_once('}'))
            .and_then(|(hex, after)| {
                let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
                Some((c, after))
            });
        match raw {
            Some((c, after)) => {
                out.push(c);
                rest = after;
            }
            // `\\`, `\"`, `\n`: kept as written, both characters.
            None => {
                let len = escape.chars().take(2).map(char::len_utf8).sum();
                out.push_str(&escape[..len]);
                rest = &escape[len..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn read_snapshot(path: PathBuf) -> Option<Snapshot> {
    try_read_snapshot(path).ok()
}

/// A snapshot, or why it cannot be read.
fn try_read_snapshot(path: PathBuf) -> Result<Snapshot, String> {
    // Our own file, but never a FIFO or a device; it may hold more than a
    // canvas may (an edit refused for its size is kept here).
    let bytes = super::read_regular(&path, MAX_SNAPSHOT_BYTES).map_err(|e| e.to_string())?;
    let text = String::from_utf8(bytes).map_err(|_| "not valid UTF-8".to_owned())?;
    let canvas = parse(&text).map_err(|e| e.to_string())?.canvas;
    let modified = fs::metadata(&path).and_then(|m| m.modified()).ok();
    Ok(Snapshot {
        path,
        canvas,
        modified,
    })
}

/// The `n`th snapshot set aside unreadable: `recovery/NAME-HASH.unreadable-N.ron`.
fn unreadable_path(data_dir: &Path, canvas_path: &Path, n: u32) -> PathBuf {
    path_for(data_dir, canvas_path).with_extension(format!("unreadable-{n}.ron"))
}

/// A snapshot of a canvas that is there but cannot be read (cut short,
/// too large, damaged) is set aside under a name no later snapshot takes,
/// so it is never overwritten: vpcanvas never replaces what it could not
/// offer. Returns why it could not be read, if one was set aside.
pub fn set_aside_unreadable(data_dir: &Path, canvas_path: &Path) -> Option<String> {
    let from = [
        path_for(data_dir, canvas_path),
        legacy_keyed_path(data_dir, "recovery", canvas_path, "ron"),
    ]
    .into_iter()
    .find(|p| fs::symlink_metadata(p).is_ok())?;
    let why = try_read_snapshot(from.clone()).err()?;
    let to = (1..=MAX_KEPT)
        .map(|n| unreadable_path(data_dir, canvas_path, n))
        .find(|p| fs::symlink_metadata(p).is_err())?;
    fs::rename(&from, &to).ok()?;
    Some(why)
}

/// The snapshots of a canvas set aside unreadable, to be said whenever it
/// is opened: they are the user's to look at and remove.
pub fn unreadable(data_dir: &Path, canvas_path: &Path) -> Vec<PathBuf> {
    (1..=MAX_KEPT)
        .map(|n| unreadable_path(data_dir, canvas_path, n))
        .filter(|p| fs::symlink_metadata(p).is_ok())
        .collect()
}

/// Removes the snapshot of a canvas, if any (under either name).
pub fn remove(data_dir: &Path, canvas_path: &Path) {
    let _ = fs::remove_file(path_for(data_dir, canvas_path));
    let _ = fs::remove_file(legacy_keyed_path(data_dir, "recovery", canvas_path, "ron"));
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_stable_hash_is_fnv_1a_64() {
        // The published FNV-1a test vectors.
        assert_eq!(stable_hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(stable_hash(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(stable_hash(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn the_names_on_disk_are_pinned() {
        // If this changes, a new build misses old snapshots and takes a
        // different lock than an older one: never change it.
        let canvas = Path::new("/nonexistent-vpcanvas/plan.ron");
        assert_eq!(
            path_for(Path::new("/data"), canvas),
            Path::new("/data/recovery/plan-b3e691edbed86aa9.ron")
        );
        assert_eq!(
            keyed_path(Path::new("/data"), "locks", canvas, "lock"),
            Path::new("/data/locks/plan-b3e691edbed86aa9.lock")
        );
    }

    #[test]
    fn a_snapshot_kept_by_an_earlier_build_is_found_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let canvas_path = dir.path().join("plan.ron");
        let old = legacy_keyed_path(dir.path(), "recovery", &canvas_path, "ron");
        fs::create_dir_all(old.parent().unwrap()).unwrap();
        fs::write(&old, to_ron(&Canvas::new("Kept by 0.1"))).unwrap();
        let found = find(dir.path(), &canvas_path).unwrap();
        assert_eq!(found.canvas.title, "Kept by 0.1");
        assert_eq!(found.path, old);
        remove(dir.path(), &canvas_path);
        assert!(!old.exists());
        assert!(find(dir.path(), &canvas_path).is_none());
    }

    #[test]
    fn a_lock_held_by_an_earlier_build_makes_this_one_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let canvas_path = dir.path().join("plan.ron");
        let old = legacy_keyed_path(dir.path(), "locks", &canvas_path, "lock");
        private_folder(old.parent().unwrap()).unwrap();
        let held = fs::File::create(&old).unwrap();
        held.try_lock().unwrap();
        assert!(
            crate::storage::lock(dir.path(), &canvas_path)
                .unwrap()
                .is_none()
        );
        drop(held);
        let ours = crate::storage::lock(dir.path(), &canvas_path).unwrap();
        assert!(ours.is_some());
        // And while this build holds it, a second one (of either kind) cannot.
        assert!(
            crate::storage::lock(dir.path(), &canvas_path)
                .unwrap()
                .is_none()
        );
        let old_build = fs::File::open(&old).unwrap();
        assert!(old_build.try_lock().is_err());
    }
}

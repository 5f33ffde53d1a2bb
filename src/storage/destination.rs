//! The one rule for where an export may be written: never over the canvas,
//! its `.bak`, or any other canvas (or anything vpcanvas keeps for one).
//!
//! Every export path (text, Markdown, JSON, and pictures) goes through
//! [`write_export`]: it takes the name the user was shown
//! ([`export_name`]), and when that file turns out to be a canvas on disk it
//! picks the next free name instead and says so by returning where it went.
//! Exports take the canvas's permissions at most, so a private canvas never
//! leaks through its export.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::atomic::{self, TEMP_MARKER};
use super::{StorageError, backup_path, resolve_symlink, write_atomic_capped};

/// How many alternative names are tried before giving up.
const MAX_TRIES: u32 = 100;

/// The name an export of the canvas at `canvas` in a format with this
/// `extension` gets beside it: `STEM.EXT`, or `STEM-export.EXT` when
/// `STEM.EXT` is the canvas itself or its backup (a canvas named `plan.txt`
/// exports its text to `plan-export.txt`). Pure: the disk is looked at by
/// [`write_export`].
pub fn export_name(canvas: &Path, extension: &str) -> PathBuf {
    candidate(canvas, extension, 0)
        .filter(|p| !is_protected_name(canvas, p))
        .or_else(|| candidate(canvas, extension, 1))
        .unwrap_or_else(|| canvas.with_extension(format!("export.{extension}")))
}

/// The `n`th name tried: `STEM.EXT`, `STEM-export.EXT`, `STEM-export-N.EXT`.
fn candidate(canvas: &Path, extension: &str, n: u32) -> Option<PathBuf> {
    let stem = canvas.file_stem()?.to_string_lossy().into_owned();
    let name = match n {
        0 => format!("{stem}.{extension}"),
        1 => format!("{stem}-export.{extension}"),
        n => format!("{stem}-export-{n}.{extension}"),
    };
    Some(canvas.with_file_name(name))
}

/// Names an export may never take, whatever is on disk: the canvas, its
/// backup, any canvas or backup by extension, and our temporary files.
fn is_protected_name(canvas: &Path, dest: &Path) -> bool {
    let name = dest.file_name().unwrap_or_default().to_string_lossy();
    dest == canvas
        || dest == backup_path(canvas)
        || name.ends_with(&format!(".{}", super::EXTENSION))
        || name.ends_with(".bak")
        || name.contains(TEMP_MARKER)
}

/// Why an export of `canvas` must not be written to `dest`, if it must not.
/// Looks at the disk: `dest` may be the canvas under another name (a
/// symlink, a hard link), or another canvas.
pub fn refusal(canvas: &Path, dest: &Path) -> Option<&'static str> {
    if is_protected_name(canvas, dest) {
        return Some("that name is kept for canvases and their backups");
    }
    if same_file(dest, canvas) || same_file(dest, &backup_path(&resolve_symlink(canvas))) {
        return Some("that is the canvas itself or its backup");
    }
    match fs::metadata(dest) {
        Err(_) => None,
        Ok(m) if !m.is_file() => Some("that is not a regular file"),
        Ok(_) if looks_like_canvas(dest) => Some("that file is a canvas"),
        Ok(_) => None,
    }
}

/// Writes an export of the canvas at `canvas` to `preferred`, or, when that
/// is refused, to the next free `STEM-export-N.EXT` beside it. Atomic like
/// every write; the export's permissions are at most the canvas's. Returns
/// where it went.
pub fn write_export(
    canvas: &Path,
    preferred: &Path,
    bytes: &[u8],
) -> Result<PathBuf, StorageError> {
    let extension = preferred
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut dest = preferred.to_path_buf();
    let mut n = 0;
    while let Some(why) = refusal(canvas, &dest) {
        n += 1;
        match candidate(preferred, &extension, n) {
            Some(next) if n < MAX_TRIES => dest = next,
            _ => {
                return Err(StorageError::Refused {
                    path: preferred.to_path_buf(),
                    why,
                });
            }
        }
    }
    write_atomic_capped(&mut atomic::RealSteps, &dest, bytes, mode_of(canvas))?;
    Ok(dest)
}

/// The permission bits of a file, if it exists (following symlinks).
pub fn mode_of(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).ok().map(|m| m.permissions().mode())
}

/// Whether two paths name the same existing file (same device and inode).
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Whether a file starts like a canvas (or a recovery snapshot of one):
/// after a byte-order mark, blank space and `//` comments, an optional struct
/// name and `(`, its first field is `version:` or `title:` (SPEC §2).
/// Reads at most 4 KiB, and only from a regular file.
pub fn looks_like_canvas(path: &Path) -> bool {
    let mut head = Vec::new();
    let Ok(file) = super::open_regular(path) else {
        return false;
    };
    if file.take(4096).read_to_end(&mut head).is_err() {
        return false;
    }
    let text = String::from_utf8_lossy(&head);
    let mut rest = text.strip_prefix('\u{feff}').unwrap_or(&text);
    loop {
        rest = rest.trim_start();
        match rest.strip_prefix("//") {
            Some(comment) => rest = comment.split_once('\n').map_or("", |(_, r)| r),
            None => break,
        }
    }
    let rest = rest.trim_start_matches(|c: char| c.is_alphanumeric() || c == '_');
    let Some(inside) = rest.trim_start().strip_prefix('(') else {
        return false;
    };
    let inside = inside.trim_start();
    ["version", "title"].iter().any(|field| {
        inside
            .strip_prefix(field)
            .is_some_and(|r| r.trim_start().starts_with(':'))
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_export_name_is_never_the_canvas_or_its_backup() {
        let p = Path::new("/d/plan.ron");
        assert_eq!(export_name(p, "md"), Path::new("/d/plan.md"));
        let p = Path::new("/d/plan.txt");
        assert_eq!(export_name(p, "txt"), Path::new("/d/plan-export.txt"));
        assert_eq!(export_name(p, "md"), Path::new("/d/plan.md"));
        let p = Path::new("/d/plan.json");
        assert_eq!(export_name(p, "json"), Path::new("/d/plan-export.json"));
        assert_eq!(
            export_name(Path::new("/d/x.ron"), "ron"),
            Path::new("/d/x-export.ron")
        );
    }

    #[test]
    fn canvases_are_recognised_by_their_first_field() {
        let dir = tempfile::tempdir().unwrap();
        let check = |text: &str| {
            let p = dir.path().join("f");
            fs::write(&p, text).unwrap();
            looks_like_canvas(&p)
        };
        assert!(check("(\n    version: 1,\n    title: \"x\","));
        assert!(check(
            "\u{feff}// a comment\n// more\nVpCanvas(title: \"x\")"
        ));
        assert!(check(
            "// vpcanvas recovery snapshot of /x\n(\n    version: 2,"
        ));
        assert!(!check("# Plan\n\nSome notes (title: not a canvas)"));
        assert!(!check("{\"version\": 1}"));
        assert!(!check(""));
    }
}

//! The headless commands for canvases that travel (SPEC §9): `import` from
//! bmml, `diff` and `merge` for git. The file I/O lives here; the work is
//! done by the pure [`crate::bmml`], [`crate::diff`] and [`crate::merge`].

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::canvas::{Canvas, ItemId};
use crate::diff::{DiffFormat, render};
use crate::storage;

type CmdResult = Result<ExitCode, Box<dyn std::error::Error>>;
/// What a command prints on stdout (the caller prints it).
type Printed = Result<String, Box<dyn std::error::Error>>;

/// Reads a whole file through the one reader every command uses: only a
/// regular file (a FIFO or a device is a clear error, never a wait), and
/// never more than `limit` bytes.
fn read_limited(path: &Path, limit: usize) -> Result<Vec<u8>, String> {
    let name = path.display();
    storage::read_regular(path, limit as u64).map_err(|e| match e {
        storage::ReadError::TooLarge { .. } => {
            format!("{name}: larger than {} MiB; refused", limit / (1024 * 1024))
        }
        storage::ReadError::Io(e) => format!("{name}: {e}"),
    })
}

/// `vpcanvas import FILE.bmml [--out DIR]`: one canvas per fit, written next
/// to each other in DIR (default: the data directory). Nothing is written
/// when any target already exists.
pub fn import(file: &Path, out: Option<&Path>, data_dir: Option<&Path>) -> Printed {
    let bytes = read_limited(file, crate::bmml::MAX_BYTES)?;
    let imported = crate::bmml::import(&bytes).map_err(|e| format!("{}: {e}", file.display()))?;
    let dir = match out {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            dir.to_path_buf()
        }
        None => storage::data_dir(data_dir)?,
    };
    let targets: Vec<PathBuf> = imported
        .canvases
        .iter()
        .map(|(name, _)| dir.join(format!("{name}.{}", storage::EXTENSION)))
        .collect();
    let existing: Vec<String> = targets
        .iter()
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(format!(
            "not imported, nothing written: {} already exist{} (remove {} or pass --out DIR)",
            existing.join(", "),
            if existing.len() == 1 { "s" } else { "" },
            if existing.len() == 1 { "it" } else { "them" },
        )
        .into());
    }
    // Each canvas must be one vpcanvas can open: checked for all before
    // any is written.
    for ((_, canvas), path) in imported.canvases.iter().zip(&targets) {
        if let Err(storage::StorageError::TooLargeToSave { size, .. }) =
            storage::CanvasText::of(path, canvas)
        {
            return Err(format!(
                "not imported, nothing written: {} would be {} MiB, over the {} MiB a canvas may be, so no command could open it (split the bmml file)",
                path.display(),
                storage::mib(size),
                crate::canvas::file::MAX_FILE_BYTES / (1024 * 1024)
            )
            .into());
        }
    }
    let mut printed = String::new();
    for ((_, canvas), path) in imported.canvases.iter().zip(&targets) {
        storage::create(path, canvas)?;
        printed.push_str(&format!("{}\n", path.display()));
    }
    for line in &imported.not_placed {
        crate::output::err(&format!(
            "vpcanvas: not placed: {}",
            crate::text::visible(line)
        ));
    }
    Ok(printed)
}

/// A version of a canvas for `diff`: git passes `/dev/null` for the side
/// where the file does not exist, which is an empty canvas here.
fn load_version(path: &Path) -> Result<Canvas, String> {
    if path == Path::new("/dev/null") {
        return Ok(Canvas::default());
    }
    storage::load(path)
        .map(|p| p.canvas)
        .map_err(|e| e.to_string())
}

/// `vpcanvas diff OLD NEW`, git's external diff (7 or 9 arguments) and
/// textconv (`--textconv FILE`).
pub fn diff(files: &[PathBuf], format: DiffFormat, textconv: bool) -> Printed {
    if textconv {
        let [file] = files else {
            return Err("diff --textconv takes one FILE (git passes it)".into());
        };
        let canvas = load_version(file)?;
        return Ok(crate::diff::textconv(&canvas));
    }
    match files {
        [old, new] => {
            let (o, n) = (load_version(old)?, load_version(new)?);
            let d = crate::diff::diff(&o, &n);
            let names = (old.display().to_string(), new.display().to_string());
            Ok(render(&d, format, &names.0, &names.1))
        }
        // git: path old-file old-hex old-mode new-file new-hex new-mode [new-path rename-info]
        [path, old, _, _, new, _, _] | [path, old, _, _, new, _, _, _, _] => {
            let new_path = files.get(7).unwrap_or(path);
            let names = (
                format!("a/{}", path.display()),
                format!("b/{}", new_path.display()),
            );
            // git stops `log -p` at a failing driver: a version that cannot
            // be read is said in the output instead, and the walk goes on.
            let out = match (load_version(old), load_version(new)) {
                (Ok(o), Ok(n)) => render(&crate::diff::diff(&o, &n), format, &names.0, &names.1),
                (o, n) => {
                    let mut out = format!("vpcanvas diff {} → {}\n", names.0, names.1);
                    for (which, e) in [("old", o.err()), ("new", n.err())] {
                        if let Some(e) = e {
                            out.push_str(&format!(
                                "The {which} version is not a canvas vpcanvas can read: {}\n",
                                crate::text::visible_lines(&e)
                            ));
                        }
                    }
                    out
                }
            };
            Ok(out)
        }
        _ => Err(format!(
            "diff takes OLD NEW (two canvas files), or the seven arguments git passes to a diff driver; got {}",
            files.len()
        )
        .into()),
    }
}

/// Loads one side of a merge. The base may be empty: git passes an empty
/// file when both sides added the file.
fn load_side(path: &Path, may_be_empty: bool) -> Result<Canvas, String> {
    if may_be_empty && std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0) {
        return Ok(Canvas::default());
    }
    let parsed = storage::load(path).map_err(|e| e.to_string())?;
    if parsed.read_only() {
        // Merging would drop the fields this version does not know.
        return Err(format!(
            "{}: written by a newer vpcanvas (format version {}); merge it with that version",
            path.display(),
            parsed.version
        ));
    }
    Ok(parsed.canvas)
}

/// Writes the merge over OURS, or says why nothing was written (a result
/// no command could open again, a failed write). Returns whether it wrote.
fn write_merged(ours: &Path, merged: &Canvas) -> bool {
    match storage::replace(ours, merged) {
        Ok(()) => true,
        Err(storage::StorageError::TooLargeToSave { size, .. }) => {
            crate::output::err(&format!(
                "vpcanvas merge: the merged canvas would be {} MiB, over the {} MiB a canvas may be, so no command could open it; nothing written; git keeps its own conflict for this file",
                storage::mib(size),
                crate::canvas::file::MAX_FILE_BYTES / (1024 * 1024)
            ));
            false
        }
        Err(e) => {
            crate::output::err(&format!("vpcanvas merge: {e}"));
            false
        }
    }
}

/// How many renumbered items a merge names one by one.
const RENUMBERED_NAMED: usize = 5;

/// Says which of their new items got new ids: a few by name, the rest
/// counted (two branches that each added thousands of items would otherwise
/// fill the terminal a line per item).
fn say_renumbered(renumbered: &[(ItemId, ItemId)]) {
    for (from, to) in renumbered.iter().take(RENUMBERED_NAMED) {
        crate::output::err(&format!(
            "vpcanvas merge: their new item {from} is now {to} (ours added a {from} too)"
        ));
    }
    let more = renumbered.len().saturating_sub(RENUMBERED_NAMED);
    if more > 0 {
        crate::output::err(&format!(
            "vpcanvas merge: and {more} more of their new items have new ids (ours added the same ids)"
        ));
    }
}

/// `vpcanvas merge BASE OURS THEIRS`, git's merge driver: the result goes
/// over OURS, atomically; exit 0 clean, 1 with conflicts, 2 (OURS untouched)
/// when a version cannot be read. `conflicts_key` is the editor's key that
/// lists what is left to resolve (the user's own, if rebound).
pub fn merge(base: &Path, ours: &Path, theirs: &Path, conflicts_key: &str) -> CmdResult {
    let loaded = (
        load_side(base, true),
        load_side(ours, false),
        load_side(theirs, false),
    );
    let (b, o, t) = match loaded {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (b, o, t) => {
            for (which, e) in [("base", b.err()), ("ours", o.err()), ("theirs", t.err())] {
                if let Some(e) = e {
                    crate::output::err(&format!(
                        "vpcanvas merge: cannot read {which}: {}",
                        crate::text::visible_lines(&e)
                    ));
                }
            }
            crate::output::err(
                "vpcanvas merge: nothing written; git keeps its own conflict for this file",
            );
            return Ok(ExitCode::from(2));
        }
    };
    let merged = match crate::merge::merge(&b, &o, &t) {
        Ok(m) => m,
        Err(e) => {
            crate::output::err(&format!("vpcanvas merge: {e}"));
            return Ok(ExitCode::from(2));
        }
    };
    if !write_merged(ours, &merged.canvas) {
        return Ok(ExitCode::from(2));
    }
    say_renumbered(&merged.renumbered);
    for note in &merged.header_conflicts {
        crate::output::err(&format!("vpcanvas merge: {note}"));
    }
    if merged.conflicts.is_empty() && merged.header_conflicts.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    for (o, t) in &merged.conflicts {
        let name = |id: ItemId| {
            merged
                .canvas
                .item(id)
                .map(|i| crate::text::truncate(&i.text, 50))
                .unwrap_or_default()
        };
        let differ = crate::merge::differences_text(
            &merged.canvas,
            crate::canvas::Conflict {
                ours: *o,
                theirs: *t,
            },
        );
        let differ = if differ.is_empty() {
            String::new()
        } else {
            format!("; they differ in {}", crate::text::visible(&differ))
        };
        crate::output::err(&format!(
            "vpcanvas merge: changed on both sides: kept ours {o} \"{}\" and theirs as {t} \"{}\" right after it{differ}",
            name(*o),
            name(*t)
        ));
    }
    crate::output::err(&format!(
        "vpcanvas merge: open the canvas and press {conflicts_key} to keep ours, theirs or both for each, then `git add` the file",
    ));
    Ok(ExitCode::from(1))
}

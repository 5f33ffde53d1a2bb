//! The library's effects, performed through the same [`Io`] seam as the
//! editor's: each result comes back to the library through [`Library::listed`],
//! with the folder as it is now.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::app::Effect;
use crate::canvas::Canvas;
use crate::library::{Done, Library, Listing, Summary};
use crate::storage::{self, StorageError};

use super::Io;

/// Performs one library effect. Returns it when it leaves the library
/// (open a canvas, quit).
pub(super) fn perform(lib: &mut Library, io: &mut dyn Io, effect: Effect) -> Option<Effect> {
    let dir = lib.dir.clone();
    let done = match effect {
        Effect::Quit | Effect::Open(_) => return Some(effect),
        Effect::Create { name, example } => match create(io, &dir, &name, example) {
            Ok(path) => return Some(Effect::Open(path)),
            Err(e) => failed(&e),
        },
        Effect::Rename { from, to } => storage::canvas_path(&dir, &to)
            .and_then(|target| io.rename(&from, &target).map(|()| target))
            .map_or_else(|e| failed(&e), |to| Done::Renamed { from, to }),
        Effect::Duplicate { from, to, segment } => {
            duplicate(io, &dir, &from, &to, &segment).map_or_else(|e| failed(&e), Done::Duplicated)
        }
        Effect::Trash(from) => io
            .trash(&dir, &from)
            .map_or_else(|e| failed(&e), |to| Done::Trashed { from, to }),
        Effect::Restore { from, to } => storage::canvas_path(&dir, &to)
            .and_then(|target| io.rename(&from, &target).map(|()| target))
            .map_or_else(|e| failed(&e), |to| Done::Restored { from, to }),
        // The editor's work: the library never asks for it.
        _ => return None,
    };
    lib.listed(listing(io, &dir, done));
    None
}

/// The folder as it is now, with what was just done: the canvases' names,
/// each to be read off the loop (the jobs poll the reader).
pub fn listing(io: &mut dyn Io, dir: &Path, done: Done) -> Listing {
    let (canvases, done) = match io.list(dir) {
        Ok(found) => (found.iter().map(Summary::unread).collect(), done),
        Err(e) => (Vec::new(), failed(&e)),
    };
    let trash = io
        .list(&dir.join("trash"))
        .map(|found| found.iter().map(Summary::unread).collect())
        .unwrap_or_default();
    Listing {
        canvases,
        trash,
        now: SystemTime::now(),
        done,
    }
}

fn failed(e: &StorageError) -> Done {
    Done::Failed(e.to_string().lines().next().unwrap_or_default().to_owned())
}

fn create(
    io: &mut dyn Io,
    dir: &Path,
    name: &str,
    example: Option<crate::examples::Example>,
) -> Result<PathBuf, StorageError> {
    let path = storage::canvas_path(dir, name)?;
    let canvas = match example {
        Some(ex) => ex.canvas().map_err(|source| StorageError::Format {
            path: path.clone(),
            source,
        })?,
        None => Canvas::new(storage::canvas_name(name)),
    };
    io.create(&path, &canvas)?;
    Ok(path)
}

/// A copy of `from` named `to`, for the customer `segment`: byte for byte
/// when the segment stays, else the canvas with its new segment.
fn duplicate(
    io: &mut dyn Io,
    dir: &Path,
    from: &Path,
    to: &str,
    segment: &str,
) -> Result<PathBuf, StorageError> {
    let target = storage::canvas_path(dir, to)?;
    let parsed = io.load(from)?;
    if parsed.canvas.segment == segment || parsed.read_only() {
        io.duplicate(from, &target)?;
    } else {
        let mut canvas = parsed.canvas;
        segment.clone_into(&mut canvas.segment);
        io.create(&target, &canvas)?;
    }
    Ok(target)
}

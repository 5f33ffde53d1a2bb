//! The loop `check` and `lint` share: each FILE found (a path, or a name in
//! the data folder) and loaded, its report printed, the exit code decided.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::canvas::file::Parsed;
use crate::export;
use crate::storage;

use super::{CheckFormat, EXIT_ERROR, EXIT_GAPS};

/// Runs `report` on each file in turn (given as typed, and as found), which
/// writes the file's report (a text, or one JSON line) to the sink it is
/// given and says whether the file fails the command's gate (`--strict` and
/// the like). Each report is printed as it is written: a large canvas's is
/// never whole in memory.
/// A file that cannot be found or loaded is said on stderr (and, in JSON,
/// as `{file, error}` in its place) and the others still run.
/// Exit 2 when any file could not be loaded, else 1 when any failed its
/// gate, else 0.
pub(super) fn each_canvas(
    files: &[PathBuf],
    data_dir: Option<&Path>,
    format: CheckFormat,
    mut report: impl FnMut(&Path, &Path, &Parsed, &mut dyn FnMut(&str)) -> bool,
) -> ExitCode {
    let mut failed_load = false;
    let mut fails = false;
    let mut out = crate::output::Stream::new();
    for file in files {
        // A load error names the file as found; a name not found, as typed.
        let loaded = super::names::existing(file, data_dir)
            .map_err(|e| (file.clone(), e))
            .and_then(|path| match storage::load(&path) {
                Ok(parsed) => Ok((path, parsed)),
                Err(e) => Err((path, e.into())),
            });
        match loaded {
            Ok((path, parsed)) => {
                fails |= report(file, &path, &parsed, &mut |piece| out.write(piece));
            }
            Err((shown, e)) => {
                failed_load = true;
                crate::output::err(&format!("vpcanvas: {e}"));
                if format == CheckFormat::Json {
                    let v = serde_json::json!({ "file": shown.display().to_string(), "error": e.to_string() });
                    out.write(&export::json_line(&v));
                }
            }
        }
    }
    if out.finish().is_err() {
        return ExitCode::from(EXIT_ERROR);
    }
    if failed_load {
        ExitCode::from(EXIT_ERROR)
    } else if fails {
        ExitCode::from(EXIT_GAPS)
    } else {
        ExitCode::SUCCESS
    }
}

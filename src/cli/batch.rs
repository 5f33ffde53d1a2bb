//! The loop `check` and `lint` share: each FILE found (a path, or a name in
//! the data folder) and loaded, its report printed, the exit code decided.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::canvas::file::Parsed;
use crate::export;
use crate::storage;

use super::{CheckFormat, EXIT_ERROR, EXIT_GAPS, print_out};

/// What one canvas gave: the text to print for it (a report, or one JSON
/// line) and whether it fails the command's gate (`--strict` and the like).
pub(super) struct Verdict {
    pub text: String,
    pub fails: bool,
}

/// Runs `report` on each file in turn (given as typed, and as found) and
/// prints all the reports at once.
/// A file that cannot be found or loaded is said on stderr (and, in JSON,
/// as `{file, error}` in its place) and the others still run.
/// Exit 2 when any file could not be loaded, else 1 when any failed its
/// gate, else 0.
pub(super) fn each_canvas(
    files: &[PathBuf],
    data_dir: Option<&Path>,
    format: CheckFormat,
    mut report: impl FnMut(&Path, &Path, &Parsed) -> Verdict,
) -> ExitCode {
    let mut failed_load = false;
    let mut fails = false;
    let mut out = String::new();
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
                let verdict = report(file, &path, &parsed);
                fails |= verdict.fails;
                if out.is_empty() {
                    // One file's report, often the only one: not copied.
                    out = verdict.text;
                } else {
                    out.push_str(&verdict.text);
                }
            }
            Err((shown, e)) => {
                failed_load = true;
                crate::output::err(&format!("vpcanvas: {e}"));
                if format == CheckFormat::Json {
                    let v = serde_json::json!({ "file": shown.display().to_string(), "error": e.to_string() });
                    out.push_str(&export::json_line(&v));
                }
            }
        }
    }
    if print_out(&out).is_err() {
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

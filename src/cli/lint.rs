//! `vpcanvas lint FILE... [--format text|json] [--strict]`: the coach's hints
//! (SPEC §7), the same ones the editor shows, with the rules `config.ron`
//! turns off left out.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::coach;
use crate::export;
use crate::storage;

use super::{CheckFormat, EXIT_ERROR, EXIT_GAPS, print_out};

/// The coach's rules `config.ron` turns off for all canvases: what `lint`
/// and every export that carries hints leave out. A broken config is said on
/// stderr (and the defaults, no rule off, are used).
pub(super) fn coach_off() -> coach::RuleSet {
    let (config, warning) = crate::config::load();
    if let Some(warning) = warning {
        crate::output::err(&format!("vpcanvas: {warning}"));
    }
    config.coach.off_rules()
}

/// Exit 0; 1 with `strict` when any hint is left; 2 when a file cannot be loaded.
/// FILE may be a canvas name, as for every command (`names::existing`).
pub(super) fn run(
    files: &[PathBuf],
    data_dir: Option<&Path>,
    format: CheckFormat,
    strict: bool,
) -> ExitCode {
    let off = coach_off();
    let mut failed_load = false;
    let mut any = false;
    let mut out = String::new();
    for file in files {
        let name = file.display().to_string();
        let loaded = super::names::existing(file, data_dir)
            .and_then(|path| storage::load(&path).map_err(Into::into));
        match loaded {
            Ok(parsed) => {
                let hints = coach::hints(&parsed.canvas, off);
                any |= !hints.is_empty();
                match format {
                    CheckFormat::Text => {
                        out.push_str(&export::lint_text(&name, &parsed.canvas, &hints));
                    }
                    CheckFormat::Json => {
                        out.push_str(&export::json_line(&export::lint_json(&name, &hints)));
                    }
                }
            }
            Err(e) => {
                failed_load = true;
                crate::output::err(&format!("vpcanvas: {e}"));
                if format == CheckFormat::Json {
                    let v = serde_json::json!({ "file": name, "error": e.to_string() });
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
    } else if strict && any {
        ExitCode::from(EXIT_GAPS)
    } else {
        ExitCode::SUCCESS
    }
}

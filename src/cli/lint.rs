//! `vpcanvas lint FILE... [--format text|json] [--strict]`: the coach's hints
//! (SPEC §7), the same ones the editor shows, with the rules `config.ron`
//! turns off left out.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::coach;
use crate::export;

use super::CheckFormat;
use super::batch;

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
/// FILE may be a canvas name, as for every command (`names::existing`); the
/// report names it as typed.
pub(super) fn run(
    files: &[PathBuf],
    data_dir: Option<&Path>,
    format: CheckFormat,
    strict: bool,
) -> ExitCode {
    let off = coach_off();
    batch::each_canvas(files, data_dir, format, |given, _, parsed, sink| {
        let name = given.display().to_string();
        let hints = coach::hints(&parsed.canvas, off);
        match format {
            CheckFormat::Text => export::write_lint_text(&name, &parsed.canvas, &hints, sink),
            CheckFormat::Json => sink(&export::json_line(&export::lint_json(&name, &hints))),
        }
        strict && !hints.is_empty()
    })
}

//! `vpcanvas report [FILE|NAME...] [--format html|md]` (SPEC §14): segments
//! side by side, one column per canvas. Reads one canvas at a time and keeps
//! only its figures, so a folder of large canvases costs one canvas's memory.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::SystemTime;

use crate::canvas::Date;
use crate::export::segments::{self, Column, Figures};
use crate::storage;

use super::{names, print_out};

/// What `report` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// One self-contained page, one landscape sheet in print.
    Html,
    /// A Markdown table, for a pull request or a doc.
    Md,
}

/// Exit 0 once the page is written, even when some canvases cannot be read
/// (their columns say why, and stderr names each file); 2 when the data
/// folder itself cannot be listed or stdout fails.
pub(super) fn run(
    files: &[PathBuf],
    data_dir: Option<&Path>,
    format: ReportFormat,
) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let off = super::lint::coach_off();
    let now = SystemTime::now();
    let mut columns: Vec<Column> = Vec::new();
    if files.is_empty() {
        let dir = storage::data_dir(data_dir)?;
        for file in storage::list(&dir)? {
            columns.push(column(file.name, &file.path, file.modified, now, off));
        }
    } else {
        for given in files {
            let name = given.display().to_string();
            match names::existing(given, data_dir) {
                Ok(path) => {
                    let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
                    columns.push(column(name, &path, modified, now, off));
                }
                Err(e) => {
                    crate::output::err(&format!("vpcanvas: {e}"));
                    columns.push(Column {
                        name,
                        changed: String::new(),
                        figures: Err(e.to_string()),
                    });
                }
            }
        }
    }
    segments::in_segment_order(&mut columns);
    let page = match format {
        ReportFormat::Html => segments::html(&columns),
        ReportFormat::Md => segments::markdown(&columns),
    };
    print_out(&page)?;
    Ok(ExitCode::SUCCESS)
}

/// One canvas's column: its figures, or why it cannot be read (said on
/// stderr too, naming the file). The canvas itself is dropped here.
fn column(
    name: String,
    path: &Path,
    modified: Option<SystemTime>,
    now: SystemTime,
    off: crate::coach::RuleSet,
) -> Column {
    let figures = match storage::load(path) {
        Ok(parsed) => Ok(Figures::of(&parsed.canvas, off)),
        Err(e) => {
            crate::output::err(&format!("vpcanvas: {e}"));
            Err(e.to_string().lines().next().unwrap_or_default().to_owned())
        }
    };
    Column {
        name,
        changed: changed(modified, now),
        figures,
    }
}

/// "2026-12-04 (2 days ago)": when a file last changed, in words.
fn changed(modified: Option<SystemTime>, now: SystemTime) -> String {
    let Some(m) = modified else {
        return String::new();
    };
    let secs = m
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let ago = crate::library::ago(Some(m), now);
    format!("{} ({ago})", Date::from_unix_seconds(secs))
}

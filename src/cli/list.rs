//! `vpcanvas list [--format text|json]`: the canvases in the data folder, with
//! the same summary the library shows.
//!
//! In a terminal the text columns are cut to fit a screen; piped (to `grep`,
//! a file, a script) nothing is cut, each column as wide as its widest entry.
//! JSON is an array with one object per canvas (README: "list --format json").

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::time::SystemTime;

use serde_json::{Value, json};

use crate::canvas::Date;
use crate::export;
use crate::library::{Summary, ago};
use crate::storage;

use super::{CheckFormat, print_out};

/// Column widths in a terminal (name, title, segment); `None` piped: whole.
const TERMINAL_WIDTHS: [usize; 3] = [20, 28, 22];

pub(super) fn run(
    data_dir: Option<&Path>,
    format: CheckFormat,
) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let dir = storage::data_dir(data_dir)?;
    // One canvas in memory at a time: only its row is kept.
    let canvases: Vec<Summary> = storage::list(&dir)?.iter().map(Summary::read).collect();
    let out = match format {
        CheckFormat::Json => export::json_line(&json(&canvases)),
        CheckFormat::Text if canvases.is_empty() => format!(
            "No canvases in {} yet. Create one with `vpcanvas new NAME --example`.\n",
            dir.display()
        ),
        CheckFormat::Text => {
            let cut = std::io::stdout().is_terminal().then_some(TERMINAL_WIDTHS);
            text(&canvases, &dir, SystemTime::now(), cut)
        }
    };
    print_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// The table: name, title, segment, item and flag counts, when changed.
/// `cut` gives the widths to cut the first three columns to; `None` cuts
/// nothing.
fn text(canvases: &[Summary], dir: &Path, now: SystemTime, cut: Option<[usize; 3]>) -> String {
    let cells = |c: &Summary| {
        [
            export::one_line(&c.name),
            export::one_line(&c.title),
            export::one_line(&c.segment),
        ]
    };
    let heads = ["NAME", "TITLE", "SEGMENT"];
    let widths: [usize; 3] = cut.unwrap_or_else(|| {
        std::array::from_fn(|i| {
            canvases
                .iter()
                .filter(|c| c.error.is_none() || i == 0)
                .map(|c| crate::text::width(&cells(c)[i]))
                .chain([heads[i].len()])
                .max()
                .unwrap_or(0)
        })
    });
    let pad = |text: &str, width: usize| {
        let text = if cut.is_some() {
            crate::text::truncate(text, width)
        } else {
            text.to_owned()
        };
        let room = width.saturating_sub(crate::text::width(&text));
        format!("{text}{}", " ".repeat(room))
    };
    let mut out = format!(
        "{} {} {} {:>5} {:>6} {:>6} {:>9} {:>9}  CHANGED\n",
        pad("NAME", widths[0]),
        pad("TITLE", widths[1]),
        pad("SEGMENT", widths[2]),
        "ITEMS",
        "PAINS!",
        "GAINS!",
        "FIT P·G",
        "PROOF P·G",
    );
    for c in canvases {
        let [name, title, segment] = cells(c);
        let line = match &c.error {
            None => format!(
                "{} {} {} {:>5} {:>6} {:>6} {:>9} {:>9}  {}",
                pad(&name, widths[0]),
                pad(&title, widths[1]),
                pad(&segment, widths[2]),
                c.items,
                c.open_pains,
                c.open_gains,
                export::coverage_pair(c.coverage),
                export::coverage_pair(c.coverage_evidenced),
                ago(c.modified, now),
            ),
            Some(e) => format!("{} (cannot be read: {e})", pad(&name, widths[0])),
        };
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let noun = if canvases.len() == 1 {
        "canvas"
    } else {
        "canvases"
    };
    out.push_str(&format!(
        "\n{} {noun} in {}\n",
        canvases.len(),
        dir.display()
    ));
    out
}

/// The canvases as JSON: an array of objects, in the listing's order.
fn json(canvases: &[Summary]) -> Value {
    Value::Array(
        canvases
            .iter()
            .map(|c| {
                json!({
                    "name": c.name,
                    "path": c.path.display().to_string(),
                    "title": c.title,
                    "segment": c.segment,
                    "items": c.items,
                    "open_pains": c.open_pains,
                    "open_gains": c.open_gains,
                    "coverage": {
                        "pains": c.coverage.0.ratio(),
                        "gains": c.coverage.1.ratio(),
                    },
                    "coverage_evidenced": {
                        "pains": c.coverage_evidenced.0.ratio(),
                        "gains": c.coverage_evidenced.1.ratio(),
                    },
                    "modified": c.modified.and_then(rfc3339),
                    "error": c.error,
                })
            })
            .collect(),
    )
}

/// A moment as RFC 3339 in UTC to the second: `2026-12-01T11:20:03Z`.
/// `None` before 1970 (a file time that cannot be right).
fn rfc3339(time: SystemTime) -> Option<String> {
    let secs = time.duration_since(SystemTime::UNIX_EPOCH).ok()?.as_secs();
    let day = secs % 86_400;
    Some(format!(
        "{}T{:02}:{:02}:{:02}Z",
        Date::from_unix_seconds(secs),
        day / 3600,
        day % 3600 / 60,
        day % 60
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn moments_are_written_in_rfc3339_utc() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_796_131_203);
        assert_eq!(rfc3339(t).as_deref(), Some("2026-12-01T13:20:03Z"));
        assert_eq!(
            rfc3339(SystemTime::UNIX_EPOCH).as_deref(),
            Some("1970-01-01T00:00:00Z")
        );
    }
}

//! One canvas as the library shows it: read one at a time, keeping only
//! the row.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::fit::{Coverage, analyze};
use crate::storage::Found;

/// One canvas as the library shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub name: String,
    pub path: PathBuf,
    pub title: String,
    pub segment: String,
    pub items: usize,
    pub open_pains: usize,
    pub open_gains: usize,
    /// Coverage on paper (pains relieved, gains created), weighted by level.
    pub coverage: (Coverage, Coverage),
    /// The same, counting only validated items with validated relievers/creators.
    pub coverage_evidenced: (Coverage, Coverage),
    pub modified: Option<SystemTime>,
    /// Why the file cannot be read, if it cannot.
    pub error: Option<String>,
    /// Not read yet: only its name is known (the library fills it in).
    pub unread: bool,
}

impl Summary {
    /// A canvas found but not read yet.
    pub fn unread(found: &Found) -> Self {
        Self {
            name: found.name.clone(),
            path: found.path.clone(),
            title: String::new(),
            segment: String::new(),
            items: 0,
            open_pains: 0,
            open_gains: 0,
            coverage: Default::default(),
            coverage_evidenced: Default::default(),
            modified: found.modified,
            error: None,
            unread: true,
        }
    }

    /// Reads a canvas and keeps only its summary (the canvas is let go).
    pub fn read(found: &Found) -> Self {
        let mut s = Self {
            unread: false,
            ..Self::unread(found)
        };
        match &crate::storage::load(&found.path) {
            Ok(parsed) => {
                let report = analyze(&parsed.canvas);
                s.title.clone_from(&parsed.canvas.title);
                s.segment.clone_from(&parsed.canvas.segment);
                s.items = parsed.canvas.item_count();
                s.open_pains = report.pains_without_relievers.len();
                s.open_gains = report.gains_without_creators.len();
                s.coverage = (report.pains, report.gains);
                s.coverage_evidenced = (report.pains_evidenced, report.gains_evidenced);
            }
            Err(e) => s.error = Some(e.to_string().lines().next().unwrap_or_default().to_owned()),
        }
        s
    }
}

/// The rows of a fresh listing, with what was already read of the ones
/// that did not change (same file, same time) kept.
pub(super) fn carry_over(old: &[Summary], fresh: Vec<Summary>) -> Vec<Summary> {
    let read: std::collections::HashMap<&Path, &Summary> = old
        .iter()
        .filter(|c| !c.unread)
        .map(|c| (c.path.as_path(), c))
        .collect();
    fresh
        .into_iter()
        .map(|row| match read.get(row.path.as_path()) {
            Some(was) if row.unread && was.modified == row.modified && was.name == row.name => {
                (*was).clone()
            }
            _ => row,
        })
        .collect()
}

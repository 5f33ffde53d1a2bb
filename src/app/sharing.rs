//! Getting text out of the canvas: copying to the clipboard, the statement
//! view and exports written next to the canvas file.

use std::path::PathBuf;

use crate::clipboard::Route;
use crate::export::{self, Format};
use crate::statement::{Part, StatementChoice, compose};

use super::{Action, App, Effect, Mode, StatementView};

/// An export being rendered off the event loop: what the status bar says
/// while it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exporting {
    /// What it makes (the file's name is settled when it is written).
    pub format: Format,
    /// What it is doing now ("drawing the picture"), once it says.
    pub stage: Option<&'static str>,
    /// When it was asked for, on the loop's clock.
    pub since: std::time::Instant,
}

impl App {
    pub(super) fn copy_item(&mut self) -> Vec<Effect> {
        let Some(item) = self.selected_item() else {
            self.info(format!("No {} to copy", self.focus.noun()));
            return Vec::new();
        };
        vec![Effect::Copy {
            text: export::one_line(&item.text),
            what: self.focus.noun().to_owned(),
        }]
    }

    pub(super) fn copy_section(&mut self) -> Vec<Effect> {
        let items = self.canvas.items(self.focus);
        if items.is_empty() {
            self.info(format!("{} is empty; nothing to copy", self.focus.title()));
            return Vec::new();
        }
        let mut text = format!("{}\n", self.focus.title());
        for item in items {
            text.push_str("- ");
            text.push_str(&export::one_line(&item.text));
            text.push('\n');
        }
        vec![Effect::Copy {
            text,
            what: format!("{} ({})", self.focus.title().to_lowercase(), items.len()),
        }]
    }

    pub(super) fn copy_canvas(&mut self) -> Vec<Effect> {
        vec![Effect::Copy {
            text: export::markdown(&self.canvas),
            what: "the canvas as Markdown".to_owned(),
        }]
    }

    pub(super) fn copied(&mut self, what: &str, result: Result<Route, String>) {
        match result {
            Ok(route) => self.info(format!("Copied {what} {}", route.describe())),
            Err(why) => self.error(format!("Could not copy {what}: {why}")),
        }
    }

    /// Opens the statement view as the user left it (the items deleted
    /// since then replaced by the proposal's), or on the proposal.
    pub(super) fn open_statement(&mut self) {
        let view = match self.last_statement.clone() {
            Some(mut view) => {
                view.choice = view.choice.restored(&self.canvas);
                // The saved statement shown last, if it is still there.
                let count = self.canvas.statements.len();
                view.variant = view.variant.map(|i| i.min(count.saturating_sub(1)));
                view.variant = view.variant.filter(|_| count > 0);
                // Half-typed names or texts were not kept: they start afresh.
                view.edit = None;
                view
            }
            None => StatementView {
                choice: StatementChoice::default_for(&self.canvas),
                part: 0,
                // Saved statements first: they are the team's words.
                variant: (!self.canvas.statements.is_empty()).then_some(0),
                edit: None,
            },
        };
        self.mode = Mode::Statement(view);
        self.remember_statement();
        self.status = None;
    }

    /// Keeps the statement view's choices for the next time it opens,
    /// however it closes (a key, a click outside it).
    pub(super) fn remember_statement(&mut self) {
        if let Mode::Statement(view) = &self.mode {
            self.last_statement = Some(view.clone());
        }
    }

    /// The statement as the view currently composes it.
    pub fn statement_text(&self) -> Option<String> {
        match &self.mode {
            Mode::Statement(view) => Some(compose(&self.canvas, &view.choice)),
            _ => None,
        }
    }

    pub(super) fn statement_view(&mut self, action: Action) -> Vec<Effect> {
        if let Some(effects) = self.variant_action(&action) {
            return effects;
        }
        let Mode::Statement(view) = &mut self.mode else {
            return Vec::new();
        };
        match action {
            Action::Up => view.part = view.part.saturating_sub(1),
            Action::Down => view.part = (view.part + 1).min(Part::ALL.len() - 1),
            Action::Left | Action::Right => {
                let part = view.part();
                view.choice
                    .cycle(&self.canvas, part, action == Action::Right);
            }
            Action::CopyItem => {
                let text = self.shown_statement().unwrap_or_default();
                return vec![Effect::Copy {
                    text,
                    what: "the statement".to_owned(),
                }];
            }
            Action::Cancel | Action::Statement | Action::Quit => self.mode = Mode::Normal,
            _ => {}
        }
        Vec::new()
    }

    /// Where an export in `format` goes: beside the canvas, e.g. `demo.md`,
    /// never over the canvas or its backup (one rule for every export:
    /// [`crate::storage::destination`]).
    pub fn export_path(&self, format: Format) -> PathBuf {
        crate::storage::destination::export_name(&self.doc.path, format.extension())
    }

    pub(super) fn export_menu(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::ExportAs(format) => {
                self.mode = Mode::Normal;
                if let Some(running) = &self.exporting {
                    self.warn(format!(
                        "The {} export is still running: wait for it",
                        running.format.name()
                    ));
                    return Vec::new();
                }
                self.exporting = Some(Exporting {
                    format,
                    stage: None,
                    since: self.now,
                });
                vec![Effect::Export {
                    path: self.export_path(format),
                    format,
                    canvas: Box::new(self.canvas.clone()),
                    coach_off: self.coach_off,
                }]
            }
            Action::Cancel | Action::Export | Action::Quit => {
                self.mode = Mode::Normal;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// What the status bar says while an export runs, e.g. "Exporting
    /// PNG: rasterising… 3 s".
    pub fn export_progress(&self) -> Option<String> {
        let running = self.exporting.as_ref()?;
        let name = running.format.name();
        let secs = self.now.saturating_duration_since(running.since).as_secs();
        Some(match running.stage {
            Some(stage) => format!("Exporting {name}: {stage}… {secs} s"),
            None => format!("Exporting {name}… {secs} s"),
        })
    }

    pub(super) fn export_stage(&mut self, stage: &'static str) {
        if let Some(running) = &mut self.exporting {
            running.stage = Some(stage);
        }
    }

    pub(super) fn exported(&mut self, result: Result<PathBuf, String>) {
        self.exporting = None;
        match result {
            Ok(path) => self.info(format!("Exported to {}", path.display())),
            Err(why) => self.error(format!("Export failed: {why}")),
        }
    }
}

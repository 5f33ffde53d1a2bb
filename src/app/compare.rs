//! The comparison grid (SPEC §12): a row per factor (the customer's jobs,
//! pains and gains in rank order), a column for our offer and one per
//! alternative. Digits set a score, `+`/`-` step it, Backspace clears it;
//! alternatives are added, renamed (their scores follow) and removed (their
//! scores go with them) here too. Every change is one undoable edit.

use crate::canvas::{ItemId, MAX_SCORE};
use crate::compare::{self, Comparison};

use super::{Action, App, Effect, Mode, TextEdit, TextField};

/// Where the grid's cursor is, and a name being typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CompareView {
    /// The factor's row (clamped to the factors when used).
    pub row: usize,
    /// 0 is our offer; `n` the comparison's `n`-th alternative (1-based).
    pub col: usize,
    /// A name being typed: a new alternative, or one renamed.
    pub name: Option<NameField>,
}

/// An alternative's name being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameField {
    /// The alternative renamed (its index in the canvas's list); `None` adds one.
    pub rename: Option<usize>,
    pub field: TextField,
}

impl App {
    /// `C`: opens the comparison grid.
    pub(super) fn open_compare(&mut self) {
        self.mode = Mode::Compare(CompareView::default());
        self.status = None;
        if self.canvas.alternatives.iter().all(|a| a.trim().is_empty()) {
            self.info(format!(
                "Name what customers use today: {} adds an alternative",
                super::key_mark(&Action::AddAlternative)
            ));
        }
    }

    /// The comparison the grid shows (computed from the canvas, never stored).
    pub fn comparison(&self) -> Comparison {
        compare::analyze(&self.canvas)
    }

    pub(super) fn compare_view(&mut self, action: Action) -> Vec<Effect> {
        let comparison = self.comparison();
        let Mode::Compare(view) = &mut self.mode else {
            return Vec::new();
        };
        if let Some(name) = &mut view.name {
            match action {
                Action::Text(edit) => name.field.apply(&edit),
                Action::Paste(text) => name.field.apply(&TextEdit::Paste(text)),
                Action::Confirm => return self.commit_name(),
                Action::Cancel => view.name = None,
                _ => {}
            }
            return Vec::new();
        }
        let rows = comparison.factors.len();
        let cols = comparison.alternatives.len() + 1;
        let (row, col) = (view.row.min(rows.saturating_sub(1)), view.col.min(cols - 1));
        let (row, col) = match action {
            Action::Up => (row.saturating_sub(1), col),
            Action::Down => ((row + 1).min(rows.saturating_sub(1)), col),
            Action::Left => (row, col.saturating_sub(1)),
            Action::Right => (row, (col + 1).min(cols - 1)),
            Action::Top => (0, col),
            Action::Bottom => (rows.saturating_sub(1), col),
            other => return self.compare_edit(other, &comparison, row, col),
        };
        view.row = row;
        view.col = col;
        Vec::new()
    }

    fn compare_edit(
        &mut self,
        action: Action,
        comparison: &Comparison,
        row: usize,
        col: usize,
    ) -> Vec<Effect> {
        let alternative = col
            .checked_sub(1)
            .and_then(|n| comparison.alternatives.get(n));
        let factor = comparison.factors.get(row);
        let current = factor.and_then(|f| match col {
            0 => f.ours,
            n => f.theirs.get(n - 1).copied().flatten(),
        });
        match action {
            Action::Score(score) => self.set_score(factor.map(|f| f.id), alternative, Some(score)),
            Action::ScoreUp => {
                let next = current.map_or(0, |s| (s + 1).min(MAX_SCORE));
                self.set_score(factor.map(|f| f.id), alternative, Some(next))
            }
            Action::ScoreDown => {
                let next = current.map_or(0, |s| s.saturating_sub(1));
                self.set_score(factor.map(|f| f.id), alternative, Some(next))
            }
            Action::ClearScore => self.set_score(factor.map(|f| f.id), alternative, None),
            Action::AddAlternative => {
                self.start_name(None, "");
                Vec::new()
            }
            Action::RenameAlternative => {
                match alternative.and_then(|a| self.alternative_index(a)) {
                    Some(index) => {
                        let name = self.canvas.alternatives[index].clone();
                        self.start_name(Some(index), &name);
                    }
                    None => self.info("Select an alternative's column to rename it"),
                }
                Vec::new()
            }
            Action::RemoveAlternative => {
                match alternative.and_then(|a| self.alternative_index(a)) {
                    Some(index) => self.remove_alternative(index),
                    None => {
                        self.info("Select an alternative's column to remove it");
                        Vec::new()
                    }
                }
            }
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Cancel | Action::Compare | Action::Quit => {
                self.mode = Mode::Normal;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Where an alternative of the comparison is in the canvas's list.
    fn alternative_index(&self, name: &str) -> Option<usize> {
        self.canvas.alternatives.iter().position(|a| a == name)
    }

    fn set_score(
        &mut self,
        id: Option<ItemId>,
        alternative: Option<&String>,
        score: Option<u8>,
    ) -> Vec<Effect> {
        let Some(id) = id else {
            self.info("No job, pain or gain to score yet: add them on the canvas first");
            return Vec::new();
        };
        if !self.writable() {
            return Vec::new();
        }
        let before = self.snapshot();
        let alternative = alternative.map(String::as_str);
        let same = self.canvas.item(id).is_some_and(|i| match alternative {
            None => i.ours == score,
            Some(a) => i.score_of(a) == score,
        });
        if same || !self.canvas.set_score(id, alternative, score) {
            return Vec::new();
        }
        self.status = None;
        self.changed(before)
    }

    fn start_name(&mut self, rename: Option<usize>, text: &str) {
        if !self.writable() {
            return;
        }
        if let Mode::Compare(view) = &mut self.mode {
            // A rename offers the old name: typing replaces it, arrows keep it.
            view.name = Some(NameField {
                rename,
                field: TextField::suggested(text),
            });
        }
    }

    fn commit_name(&mut self) -> Vec<Effect> {
        let Mode::Compare(view) = &mut self.mode else {
            return Vec::new();
        };
        let Some(name) = view.name.take() else {
            return Vec::new();
        };
        let text = crate::text::clean(name.field.text()).trim().to_owned();
        if text.is_empty() {
            return Vec::new();
        }
        if text.contains(',') {
            self.warn(
                "A name cannot hold a comma (the alternatives field separates names with commas)",
            );
            return Vec::new();
        }
        let taken = self
            .canvas
            .alternatives
            .iter()
            .enumerate()
            .any(|(n, a)| *a == text && Some(n) != name.rename);
        if taken {
            self.warn(format!("“{text}” is already an alternative"));
            return Vec::new();
        }
        let before = self.snapshot();
        match name.rename {
            Some(index) => {
                let old = self
                    .canvas
                    .alternatives
                    .get(index)
                    .cloned()
                    .unwrap_or_default();
                if old == text || !self.canvas.rename_alternative(index, &text) {
                    return Vec::new();
                }
                self.info(format!("Renamed “{old}” to “{text}”; its scores kept"));
            }
            None => {
                self.canvas.alternatives.push(text.clone());
                let col = self.comparison().alternatives.len();
                if let Mode::Compare(view) = &mut self.mode {
                    view.col = col;
                }
                self.info(format!("Added “{text}”: score it on the top factors"));
            }
        }
        self.changed(before)
    }

    fn remove_alternative(&mut self, index: usize) -> Vec<Effect> {
        if !self.writable() {
            return Vec::new();
        }
        let before = self.snapshot();
        let name = self.canvas.alternatives[index].clone();
        let Some(scores) = self.canvas.remove_alternative(index) else {
            return Vec::new();
        };
        self.info(format!(
            "Removed {} — {} brings it back",
            super::change::removed_alternative(&name, scores),
            super::key_mark(&Action::Undo)
        ));
        self.changed(before)
    }
}

#[cfg(test)]
mod tests;

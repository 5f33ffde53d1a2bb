//! Entering a test's results on the board (SPEC §13): a row per statement
//! the test compares, then the free labels, each with how many people were
//! shown it and how many converted; then the target rate. Each kept number
//! is one undoable change; a number that cannot be is refused with a
//! message and the field stays open with what was typed.

use crate::canvas::{ItemId, Rate, TestResult, Variant};

use super::super::{Action, App, Effect, TextEdit, TextField};

/// The results of the selected test, open to edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultsForm {
    /// The row under the cursor: a variant (see [`App::result_rows`]), or
    /// the target after the last one.
    pub row: usize,
    pub column: ResultColumn,
    /// The number (or new variant's name) being typed.
    pub edit: Option<TextField>,
    /// The edit names a new variant rather than a number.
    pub adding: bool,
}

/// The number a variant's row holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultColumn {
    Shown,
    Converted,
}

/// A count of people as typed: "400", "100,000", "" (none).
pub fn parse_count(text: &str) -> Result<Option<u64>, String> {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '\''))
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    if digits.starts_with('-') {
        return Err(format!(
            "“{text}” is negative: type how many people, like 400"
        ));
    }
    digits
        .parse::<u64>()
        .map(Some)
        .map_err(|_| format!("“{text}” is not a whole number of people, like 400"))
}

/// A target as typed: "5%", "2.5 %", "0.05", "" (none).
pub fn parse_target(text: &str) -> Result<Option<Rate>, String> {
    let typed = text.trim().replace(',', ".");
    if typed.is_empty() {
        return Ok(None);
    }
    let bad = || {
        format!(
            "“{text}” is not a target: type a percentage from 0 to 100% (5%) or a rate from 0 to 1 (0.05)"
        )
    };
    let (number, percent) = match typed.strip_suffix('%') {
        Some(n) => (n.trim(), true),
        None => (typed.as_str(), false),
    };
    let value: f64 = number.parse().map_err(|_| bad())?;
    let rate = if percent { value / 100.0 } else { value };
    Rate::new(rate).map(Some).ok_or_else(bad)
}

impl App {
    /// The rows of a test's results: each statement it compares, in its
    /// order, then each free label, in the file's order.
    pub fn result_rows(&self, test: ItemId) -> Vec<Variant> {
        let Some(t) = self.canvas.test(test) else {
            return Vec::new();
        };
        t.statements
            .iter()
            .map(|s| Variant::Statement(*s))
            .chain(
                t.results
                    .iter()
                    .filter(|r| matches!(r.variant, Variant::Label(_)))
                    .map(|r| r.variant.clone()),
            )
            .collect()
    }

    /// The result a row holds, if any.
    pub fn row_result(&self, test: ItemId, variant: &Variant) -> Option<&TestResult> {
        self.canvas
            .test(test)?
            .results
            .iter()
            .find(|r| r.variant == *variant)
    }

    /// `r` on a test: opens its results.
    pub(super) fn open_results(&mut self, id: ItemId) -> Vec<Effect> {
        if self.canvas.test(id).is_none() {
            self.info("Results belong to a test card: select a test");
            return Vec::new();
        }
        if !self.writable() {
            return Vec::new();
        }
        if let Some(view) = self.board() {
            view.card = None;
            view.results = Some(ResultsForm {
                row: 0,
                column: ResultColumn::Shown,
                edit: None,
                adding: false,
            });
        }
        self.status = None;
        Vec::new()
    }

    fn results_form(&mut self) -> Option<&mut ResultsForm> {
        self.board().and_then(|v| v.results.as_mut())
    }

    pub(super) fn results_view(&mut self, id: ItemId, action: Action) -> Vec<Effect> {
        let rows = self.result_rows(id).len();
        let at = self.results_form().map(|f| (f.row, f.column));
        let value = at.map(|(row, column)| self.cell_text(id, row, column));
        let Some(form) = self.results_form() else {
            return Vec::new();
        };
        if let Some(field) = form.edit.as_mut() {
            match action {
                Action::Text(edit) => field.apply(&edit),
                Action::Paste(text) => field.apply(&TextEdit::Paste(text)),
                Action::Confirm => return self.commit_result(id),
                Action::Cancel => {
                    form.edit = None;
                    form.adding = false;
                }
                _ => {}
            }
            return Vec::new();
        }
        match action {
            Action::Up => form.row = form.row.saturating_sub(1),
            Action::Down => form.row = (form.row + 1).min(rows),
            Action::Top => form.row = 0,
            Action::Bottom => form.row = rows,
            Action::Left => form.column = ResultColumn::Shown,
            Action::Right => form.column = ResultColumn::Converted,
            Action::Confirm | Action::Edit => form.edit = value.map(|v| TextField::new(&v)),
            Action::Add => {
                form.adding = true;
                form.edit = Some(TextField::default());
                self.info("Name the variant (e.g. “Old page”), then Enter");
            }
            Action::Delete => return self.clear_result_row(id),
            Action::Undo => return self.undo(),
            Action::Redo => return self.redo(),
            Action::Cancel | Action::Results => {
                if let Some(view) = self.board() {
                    view.results = None;
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// What a cell shows when it opens to edit.
    fn cell_text(&self, id: ItemId, row: usize, column: ResultColumn) -> String {
        let rows = self.result_rows(id);
        let Some(variant) = rows.get(row) else {
            return self
                .canvas
                .test(id)
                .and_then(|t| t.target)
                .map(|t| crate::verdict::short_percent(t.get()))
                .unwrap_or_default();
        };
        // A zero opens empty, so typing does not write after it.
        self.row_result(id, variant)
            .map(|r| match column {
                ResultColumn::Shown => r.shown,
                ResultColumn::Converted => r.converted,
            })
            .filter(|n| *n > 0)
            .map(|n| n.to_string())
            .unwrap_or_default()
    }

    /// Keeps what was typed in the open cell, or says why it cannot be.
    fn commit_result(&mut self, id: ItemId) -> Vec<Effect> {
        let Some(form) = self.results_form() else {
            return Vec::new();
        };
        let (row, column, adding) = (form.row, form.column, form.adding);
        let typed = form.edit.as_ref().map(|f| f.text().trim().to_owned());
        let Some(typed) = typed else {
            return Vec::new();
        };
        let before = self.snapshot();
        let outcome = if adding {
            self.add_label_row(id, &typed)
        } else {
            match self.result_rows(id).get(row).cloned() {
                Some(variant) => self.set_result_cell(id, &variant, column, &typed),
                None => self.set_target(id, &typed),
            }
        };
        match outcome {
            Err(why) => {
                self.warn(why);
                Vec::new()
            }
            Ok(changed) => {
                let rows = self.result_rows(id).len();
                if let Some(form) = self.results_form() {
                    form.edit = None;
                    // On to the next number, as a form of figures is typed.
                    if !form.adding && form.row < rows {
                        if form.column == ResultColumn::Shown {
                            form.column = ResultColumn::Converted;
                        } else {
                            form.row += 1;
                            form.column = ResultColumn::Shown;
                        }
                    }
                    form.adding = false;
                }
                if !changed {
                    return Vec::new();
                }
                self.say_verdict(id);
                self.changed(before)
            }
        }
    }

    /// "Paid on time 30 of 400 (7.5%) · Less admin 8 of 380 (2.1%) · target
    /// 5%. Paid on time beats Less admin: …": what a learning from a
    /// measured test observed.
    pub(super) fn observed_from_results(&self, test: &crate::canvas::TestCard) -> Option<String> {
        if test.results.is_empty() {
            return None;
        }
        let numbers = crate::export::results_line(&self.canvas, test)?;
        let verdict = crate::verdict::of(test);
        let words = crate::export::verdict_words(&self.canvas, &verdict);
        Some(format!("{numbers}. {words}."))
    }

    /// After what a learning observed is kept: when its test's numbers
    /// settle the test's items (the winner reaches the target, or every
    /// variant falls short of it), opens the list to validate or invalidate
    /// with those items ticked. Nothing changes until the user confirms.
    pub(super) fn propose_from_results(&mut self, learning: ItemId) {
        let Some(l) = self.canvas.learning(learning) else {
            return;
        };
        if !l.validated.is_empty() || !l.invalidated.is_empty() {
            return;
        }
        let Some(test) = l.test.and_then(|t| self.canvas.test(t)) else {
            return;
        };
        if test.results.is_empty() {
            return;
        }
        let items: Vec<ItemId> = test
            .items
            .iter()
            .copied()
            .filter(|i| self.canvas.item(*i).is_some())
            .collect();
        let (field, word) = match crate::verdict::of(test).proposal {
            crate::verdict::Proposal::Validate => (super::CardField::Validated, "validate"),
            crate::verdict::Proposal::Invalidate => (super::CardField::Invalidated, "invalidate"),
            crate::verdict::Proposal::Nothing => return,
        };
        if items.is_empty() {
            return;
        }
        let Some(index) = super::CardField::LEARNING.iter().position(|f| *f == field) else {
            return;
        };
        if let Some(card) = self.board().and_then(|v| v.card.as_mut()) {
            card.field = index;
        }
        self.start_field(learning, field);
        if let Some(super::CardEdit::Pick(picker)) = self
            .board()
            .and_then(|v| v.card.as_mut())
            .and_then(|c| c.edit.as_mut())
        {
            picker.chosen = items;
        }
        self.info(format!(
            "The numbers {word} these items: {} confirms, {} changes nothing",
            super::super::key_mark(&Action::Confirm),
            super::super::key_mark(&Action::Cancel)
        ));
    }

    /// The verdict in the status bar after a change of numbers.
    fn say_verdict(&mut self, id: ItemId) {
        let Some(test) = self.canvas.test(id) else {
            return;
        };
        if test.results.is_empty() {
            self.info("No results left on this test");
            return;
        }
        let verdict = crate::verdict::of(test);
        let words = verdict.words(&|v: &Variant| crate::export::variant_name(&self.canvas, v));
        self.info(words);
    }

    fn add_label_row(&mut self, id: ItemId, label: &str) -> Result<bool, String> {
        if label.is_empty() {
            return Err("A variant needs a name, e.g. “Old page”".to_owned());
        }
        let variant = Variant::Label(label.to_owned());
        if self.row_result(id, &variant).is_some() {
            return Err(format!("“{label}” is already a variant of this test"));
        }
        let Some(t) = self.canvas.test_mut(id) else {
            return Ok(false);
        };
        t.results.push(TestResult {
            variant: variant.clone(),
            shown: 0,
            converted: 0,
        });
        let row = self.result_rows(id).iter().position(|v| *v == variant);
        if let Some(form) = self.results_form() {
            form.row = row.unwrap_or(0);
            form.column = ResultColumn::Shown;
        }
        Ok(true)
    }

    fn set_result_cell(
        &mut self,
        id: ItemId,
        variant: &Variant,
        column: ResultColumn,
        typed: &str,
    ) -> Result<bool, String> {
        let count = parse_count(typed)?;
        let current = self.row_result(id, variant).map(|r| (r.shown, r.converted));
        let (shown, converted) = current.unwrap_or((0, 0));
        let next = match (column, count) {
            // Clearing a statement's people takes its numbers off the test.
            (ResultColumn::Shown, None) if matches!(variant, Variant::Statement(_)) => None,
            (ResultColumn::Shown, n) => Some((n.unwrap_or(0), converted)),
            (ResultColumn::Converted, n) => Some((shown, n.unwrap_or(0))),
        };
        if let Some((shown, converted)) = next
            && converted > shown
        {
            return Err(if shown == 0 {
                "Type how many people were shown it first (the left number)".to_owned()
            } else {
                format!("{converted} converted is more than the {shown} people shown")
            });
        }
        if next == current {
            return Ok(false);
        }
        let order = self.result_rows(id);
        let Some(t) = self.canvas.test_mut(id) else {
            return Ok(false);
        };
        match (next, t.results.iter_mut().find(|r| r.variant == *variant)) {
            (None, _) => t.results.retain(|r| r.variant != *variant),
            (Some((shown, converted)), Some(r)) => {
                r.shown = shown;
                r.converted = converted;
            }
            (Some((shown, converted)), None) => t.results.push(TestResult {
                variant: variant.clone(),
                shown,
                converted,
            }),
        }
        // Rows in the order shown, so the file reads as the board does.
        t.results.sort_by_key(|r| {
            order
                .iter()
                .position(|v| *v == r.variant)
                .unwrap_or(usize::MAX)
        });
        Ok(true)
    }

    fn set_target(&mut self, id: ItemId, typed: &str) -> Result<bool, String> {
        let target = parse_target(typed)?;
        let Some(t) = self.canvas.test_mut(id) else {
            return Ok(false);
        };
        let changed = t.target != target;
        t.target = target;
        Ok(changed)
    }

    /// `d` on a row: a statement's numbers go, a free label's row goes, the
    /// target is cleared.
    fn clear_result_row(&mut self, id: ItemId) -> Vec<Effect> {
        let row = self.results_form().map_or(0, |f| f.row);
        let variant = self.result_rows(id).get(row).cloned();
        let before = self.snapshot();
        let Some(t) = self.canvas.test_mut(id) else {
            return Vec::new();
        };
        let changed = match &variant {
            Some(v) => {
                let n = t.results.len();
                t.results.retain(|r| r.variant != *v);
                t.results.len() != n
            }
            None => t.target.take().is_some(),
        };
        if !changed {
            return Vec::new();
        }
        let rows = self.result_rows(id).len();
        if let Some(form) = self.results_form() {
            form.row = form.row.min(rows);
        }
        self.info("Cleared — undo brings it back");
        self.changed(before)
    }
}

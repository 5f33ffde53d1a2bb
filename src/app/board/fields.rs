//! Editing a card's fields on the test board: typing text and dates,
//! picking the items and statements a card names.

use crate::canvas::{ItemId, Status};

use super::super::{Action, App, Effect, TextEdit, TextField};
use super::{CardEdit, CardField, CardPicker, PICK_ORDER};

impl App {
    /// Starts editing a field: typing for text and dates, a picker for
    /// lists; the state moves on at once.
    pub(super) fn start_field(&mut self, id: ItemId, field: CardField) -> Vec<Effect> {
        if !self.writable() {
            return Vec::new();
        }
        if field == CardField::State {
            return self.next_state(id);
        }
        let edit = if field.is_list() {
            let candidates: Vec<ItemId> = if field == CardField::Statements {
                self.canvas.statements.iter().map(|s| s.id).collect()
            } else {
                // A learning offers the items its test tests first.
                let tested = self
                    .canvas
                    .learning(id)
                    .and_then(|l| l.test)
                    .and_then(|t| self.canvas.test(t))
                    .map(|t| t.items.clone())
                    .unwrap_or_default();
                let rest = PICK_ORDER
                    .iter()
                    .flat_map(|s| self.canvas.items(*s).iter().map(|i| i.id))
                    .filter(|i| !tested.contains(i));
                tested.iter().copied().chain(rest).collect()
            };
            if candidates.is_empty() {
                self.info(if field == CardField::Statements {
                    "No saved statements yet: save some in the statement view first"
                } else {
                    "The canvas has no items yet"
                });
                return Vec::new();
            }
            let chosen = self.card_ids(id, field);
            CardEdit::Pick(CardPicker {
                cursor: 0,
                candidates,
                chosen,
            })
        } else {
            CardEdit::Text(TextField::new(&self.card_value(id, field)))
        };
        if let Some(card) = self.board().and_then(|v| v.card.as_mut()) {
            card.edit = Some(edit);
        }
        self.status = None;
        Vec::new()
    }

    /// The ids a list field holds.
    pub(super) fn card_ids(&self, id: ItemId, field: CardField) -> Vec<ItemId> {
        let test = self.canvas.test(id);
        let learning = self.canvas.learning(id);
        match field {
            CardField::Items => test.map(|t| t.items.clone()),
            CardField::Statements => test.map(|t| t.statements.clone()),
            CardField::Validated => learning.map(|l| l.validated.clone()),
            CardField::Invalidated => learning.map(|l| l.invalidated.clone()),
            _ => None,
        }
        .unwrap_or_default()
    }

    pub(super) fn card_editing(&mut self, action: Action) -> Vec<Effect> {
        let Some(card) = self.board().and_then(|v| v.card.as_mut()) else {
            return Vec::new();
        };
        match &mut card.edit {
            Some(CardEdit::Text(field)) => match action {
                Action::Text(edit) => field.apply(&edit),
                Action::Paste(text) => field.apply(&TextEdit::Paste(text)),
                Action::Confirm => return self.commit_field(),
                Action::Cancel => card.edit = None,
                _ => {}
            },
            Some(CardEdit::Pick(picker)) => match action {
                Action::Up => picker.cursor = picker.cursor.saturating_sub(1),
                Action::Down => {
                    picker.cursor = (picker.cursor + 1).min(picker.candidates.len() - 1);
                }
                Action::Top => picker.cursor = 0,
                Action::Bottom => picker.cursor = picker.candidates.len() - 1,
                Action::Toggle => {
                    if let Some(&id) = picker.candidates.get(picker.cursor) {
                        if let Some(at) = picker.chosen.iter().position(|c| *c == id) {
                            picker.chosen.remove(at);
                        } else {
                            picker.chosen.push(id);
                        }
                    }
                }
                Action::Confirm => return self.commit_field(),
                Action::Cancel => card.edit = None,
                _ => {}
            },
            None => {}
        }
        Vec::new()
    }

    /// Keeps what was typed or picked in the open field: one undoable change.
    pub(super) fn commit_field(&mut self) -> Vec<Effect> {
        let Some(view) = self.board() else {
            return Vec::new();
        };
        let Some(id) = view.selected else {
            return Vec::new();
        };
        let Some(card) = view.card.as_mut() else {
            return Vec::new();
        };
        let index = card.field;
        let Some(edit) = card.edit.take() else {
            return Vec::new();
        };
        let fields = self.card_fields(id);
        let field = fields[index.min(fields.len() - 1)];
        let before = self.snapshot();
        let changed = match edit {
            CardEdit::Text(text) => match self.set_card_text(id, field, text.text().trim()) {
                Ok(changed) => changed,
                Err(why) => {
                    // Keep the field open with what was typed, and say why.
                    if let Some(card) = self.board().and_then(|v| v.card.as_mut()) {
                        card.edit = Some(CardEdit::Text(text));
                    }
                    self.warn(why);
                    return Vec::new();
                }
            },
            CardEdit::Pick(picker) => {
                // The ids in the order offered, so the file reads in order.
                let chosen: Vec<ItemId> = picker
                    .candidates
                    .iter()
                    .copied()
                    .filter(|c| picker.chosen.contains(c))
                    .collect();
                self.set_card_ids(id, field, chosen)
            }
        };
        let effects = if changed {
            self.changed(before)
        } else {
            Vec::new()
        };
        if field == CardField::Observed {
            self.propose_from_results(id);
        }
        effects
    }

    /// Sets a text or date field. Err says why a date is refused.
    pub(super) fn set_card_text(
        &mut self,
        id: ItemId,
        field: CardField,
        text: &str,
    ) -> Result<bool, String> {
        let date = match field {
            CardField::Deadline | CardField::Date if text.is_empty() => None,
            CardField::Deadline | CardField::Date => Some(
                text.parse()
                    .map_err(|e: crate::canvas::DateError| format!("{e}, e.g. {}", self.today))?,
            ),
            _ => None,
        };
        let owned = text.to_owned();
        if let Some(t) = self.canvas.test_mut(id) {
            let slot = match field {
                CardField::Name => &mut t.name,
                CardField::Believe => &mut t.believe,
                CardField::Verify => &mut t.verify,
                CardField::Measure => &mut t.measure,
                CardField::RightIf => &mut t.right_if,
                CardField::Deadline => {
                    let changed = t.deadline != date;
                    t.deadline = date;
                    return Ok(changed);
                }
                _ => return Ok(false),
            };
            let changed = *slot != owned;
            *slot = owned;
            return Ok(changed);
        }
        let Some(l) = self.canvas.learning_mut(id) else {
            return Ok(false);
        };
        let slot = match field {
            CardField::Observed => &mut l.observed,
            CardField::Learned => &mut l.learned,
            CardField::Decision => &mut l.decision,
            CardField::Date => {
                let changed = l.date != date;
                l.date = date;
                return Ok(changed);
            }
            _ => return Ok(false),
        };
        let changed = *slot != owned;
        *slot = owned;
        Ok(changed)
    }

    /// Sets a list field. A learning's validated and invalidated items take
    /// that status at once (the same change), and an item is never both.
    pub(super) fn set_card_ids(
        &mut self,
        id: ItemId,
        field: CardField,
        chosen: Vec<ItemId>,
    ) -> bool {
        if self.card_ids(id, field) == chosen {
            return false;
        }
        let n = chosen.len();
        if let Some(t) = self.canvas.test_mut(id) {
            match field {
                CardField::Items => t.items = chosen,
                CardField::Statements => t.statements = chosen,
                _ => return false,
            }
            // A statement taken off the test keeps its numbers, as a labelled row.
            self.canvas.detach_results(Some(id), &[]);
            return true;
        }
        let (status, word) = match field {
            CardField::Validated => (Status::Validated, "validated"),
            CardField::Invalidated => (Status::Invalidated, "invalidated"),
            _ => return false,
        };
        let Some(l) = self.canvas.learning_mut(id) else {
            return false;
        };
        let (mine, other) = if status == Status::Validated {
            (&mut l.validated, &mut l.invalidated)
        } else {
            (&mut l.invalidated, &mut l.validated)
        };
        other.retain(|i| !chosen.contains(i));
        mine.clone_from(&chosen);
        for item in &chosen {
            self.canvas.set_status(*item, status);
        }
        self.info(format!(
            "{n} {} {word}",
            if n == 1 { "item" } else { "items" }
        ));
        true
    }
}

//! Saved statements in the statement view (SPEC §7): the proposed ad-lib
//! saved as a named variant, its text edited freely, renamed, deleted, and
//! the variants shown one after another so a team can compare them.

use crate::canvas::ItemId;
use crate::statement::compose;

use super::{Action, App, Effect, Mode, StatementView, TextEdit, TextField};

/// A name or text being typed in the statement view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantEdit {
    pub target: VariantTarget,
    pub field: TextField,
}

/// What the typed text becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VariantTarget {
    /// The name of a new variant whose text is `text`.
    NewName { text: String },
    /// The proposal's text edited freely: kept as a new variant.
    NewText,
    /// The name of a saved statement.
    Name(ItemId),
    /// The text of a saved statement.
    Text(ItemId),
}

impl VariantTarget {
    /// What the field is for, as its label says.
    pub fn label(&self) -> &'static str {
        match self {
            VariantTarget::NewName { .. } => "Name of the new variant",
            VariantTarget::NewText => "Text (kept as a new variant)",
            VariantTarget::Name(_) => "Name",
            VariantTarget::Text(_) => "Text",
        }
    }
}

impl StatementView {
    /// The saved statement shown, if one is (clamped to what exists).
    pub fn shown<'a>(
        &self,
        canvas: &'a crate::canvas::Canvas,
    ) -> Option<&'a crate::canvas::Statement> {
        self.variant.and_then(|i| canvas.statements.get(i))
    }
}

impl App {
    /// The text the statement view shows: a saved statement, or the proposal.
    pub fn shown_statement(&self) -> Option<String> {
        let Mode::Statement(view) = &self.mode else {
            return None;
        };
        Some(match view.shown(&self.canvas) {
            Some(s) => s.text.clone(),
            None => compose(&self.canvas, &view.choice),
        })
    }

    /// A name for the next variant: "A", "B", … the first letter not taken.
    fn next_variant_name(&self) -> String {
        // "A: late payments" takes the letter A as well as "A" does.
        let taken = |letter: &str| {
            self.canvas.statements.iter().any(|s| {
                s.name
                    .strip_prefix(letter)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with([':', ' ']))
            })
        };
        ('A'..='Z')
            .map(String::from)
            .find(|n| !taken(n))
            .unwrap_or_else(|| format!("Variant {}", self.canvas.statements.len() + 1))
    }

    fn statement_mut_view(&mut self) -> Option<&mut StatementView> {
        match &mut self.mode {
            Mode::Statement(view) => Some(view),
            _ => None,
        }
    }

    /// Handles the statement view's saved-statement keys; `None` when the
    /// action is not one of them (the choice of parts handles it).
    pub(super) fn variant_action(&mut self, action: &Action) -> Option<Vec<Effect>> {
        let count = self.canvas.statements.len();
        let view = self.statement_mut_view()?;
        if view.variant.is_some_and(|i| i >= count) {
            view.variant = count.checked_sub(1);
        }
        if view.edit.is_some() {
            return Some(self.variant_typing(action.clone()));
        }
        let variant = view.variant;
        let shown = variant.and_then(|i| self.canvas.statements.get(i)).cloned();
        let shown_id = shown.as_ref().map(|s| s.id);
        let effects = match action {
            Action::NextVariant | Action::PrevVariant => {
                let forward = *action == Action::NextVariant;
                let view = self.statement_mut_view()?;
                // The proposal, then each saved one, and round again.
                let slots = count + 1;
                let at = view.variant.map_or(0, |i| i + 1);
                let next = if forward {
                    (at + 1) % slots
                } else {
                    (at + slots - 1) % slots
                };
                view.variant = next.checked_sub(1);
                Vec::new()
            }
            Action::SaveVariant => {
                let text = self.shown_statement().unwrap_or_default();
                let name = self.next_variant_name();
                self.start_variant_edit(VariantTarget::NewName { text }, &name);
                Vec::new()
            }
            Action::Edit => {
                match shown {
                    Some(s) => {
                        self.start_variant_edit(VariantTarget::Text(s.id), &s.text);
                    }
                    None => {
                        let text = self.shown_statement().unwrap_or_default();
                        self.start_variant_edit(VariantTarget::NewText, &text);
                    }
                }
                Vec::new()
            }
            Action::RenameVariant => {
                match shown {
                    Some(s) => {
                        self.start_variant_edit(VariantTarget::Name(s.id), &s.name);
                    }
                    None => self.info("The proposal has no name: save it as a variant first"),
                }
                Vec::new()
            }
            Action::Delete => match shown_id {
                Some(id) => self.delete_variant(id),
                None => {
                    self.info("The proposal is not saved; nothing to delete");
                    Vec::new()
                }
            },
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Up | Action::Down | Action::Left | Action::Right if shown_id.is_some() => {
                // The parts build the proposal: choosing one goes back to it.
                self.statement_mut_view()?.variant = None;
                return None;
            }
            _ => return None,
        };
        Some(effects)
    }

    fn start_variant_edit(&mut self, target: VariantTarget, text: &str) {
        if !self.writable() {
            return;
        }
        if let Some(view) = self.statement_mut_view() {
            view.edit = Some(VariantEdit {
                target,
                field: TextField::new(text),
            });
        }
        self.status = None;
    }

    fn variant_typing(&mut self, action: Action) -> Vec<Effect> {
        let Some(view) = self.statement_mut_view() else {
            return Vec::new();
        };
        let Some(edit) = view.edit.as_mut() else {
            return Vec::new();
        };
        match action {
            Action::Text(e) => edit.field.apply(&e),
            Action::Paste(text) => edit.field.apply(&TextEdit::Paste(text)),
            Action::Confirm => return self.commit_variant(),
            Action::Cancel => view.edit = None,
            _ => {}
        }
        Vec::new()
    }

    fn commit_variant(&mut self) -> Vec<Effect> {
        let Some(edit) = self.statement_mut_view().and_then(|v| v.edit.take()) else {
            return Vec::new();
        };
        let typed = edit.field.text().trim().to_owned();
        let before = self.snapshot();
        let kept = match &edit.target {
            VariantTarget::Name(id) | VariantTarget::Text(id) => Some(*id),
            _ => None,
        };
        match edit.target {
            VariantTarget::NewName { text } => {
                let name = if typed.is_empty() {
                    self.next_variant_name()
                } else {
                    typed
                };
                self.canvas.add_statement(name.clone(), text);
                self.info(format!("Saved the statement as “{name}”"));
            }
            VariantTarget::NewText => {
                if typed.is_empty() {
                    self.warn("A statement needs words; nothing saved");
                    return Vec::new();
                }
                let name = self.next_variant_name();
                self.canvas.add_statement(name.clone(), typed);
                self.info(format!("Saved your text as “{name}”"));
            }
            target @ (VariantTarget::Name(id) | VariantTarget::Text(id)) => {
                let is_name = matches!(target, VariantTarget::Name(_));
                if typed.is_empty() {
                    self.warn(if is_name {
                        "A saved statement needs a name; it is unchanged"
                    } else {
                        "A statement needs words; it is unchanged (delete removes it)"
                    });
                    return Vec::new();
                }
                let Some(s) = self.canvas.statement_mut(id) else {
                    return Vec::new();
                };
                let slot = if is_name { &mut s.name } else { &mut s.text };
                if *slot == typed {
                    return Vec::new();
                }
                *slot = typed;
            }
        }
        // Show the statement just saved or changed.
        let shown = match kept {
            Some(id) => self.canvas.statements.iter().position(|s| s.id == id),
            None => self.canvas.statements.len().checked_sub(1),
        };
        if let Some(view) = self.statement_mut_view() {
            view.variant = shown;
        }
        self.changed(before)
    }

    fn delete_variant(&mut self, id: ItemId) -> Vec<Effect> {
        if !self.writable() {
            return Vec::new();
        }
        let name = self
            .canvas
            .statement(id)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let before = self.snapshot();
        if !self.canvas.remove_card(id) {
            return Vec::new();
        }
        let count = self.canvas.statements.len();
        if let Some(view) = self.statement_mut_view() {
            view.variant = view.variant.map(|i| i.min(count)).and_then(|i| {
                if count == 0 {
                    None
                } else {
                    Some(i.min(count - 1))
                }
            });
        }
        self.info(format!(
            "Deleted the statement “{name}” — undo brings it back"
        ));
        self.changed(before)
    }
}

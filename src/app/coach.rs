//! The coach's list (SPEC §7): every hint, grouped by rule; Enter goes to
//! what a hint is about, and a hint about an item can be dismissed for it
//! (kept in the item's `dismissed`, undoable like any edit).

use crate::canvas::Section;
use crate::coach::{Coach, Hint, Subject};

use super::{Action, App, EditTarget, Effect, Mode};

/// The list of hints: which one the cursor is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CoachList {
    /// Index into [`App::coach_hints`] (clamped to it when used).
    pub cursor: usize,
}

impl App {
    /// The coach, kept up to date with the canvas: it reads the canvas on
    /// the first call.
    pub fn coach(&self) -> &Coach {
        self.coach
            .get_or_init(|| Coach::of(&self.canvas, self.coach_off))
    }

    /// Every hint about the canvas now, grouped by rule: the list `!` shows
    /// (found once after each change).
    pub fn coach_hints(&self) -> &[Hint] {
        self.hints.get_or_init(|| self.coach().hints(&self.canvas))
    }

    /// The hints about the selected item.
    pub fn selected_hints(&self) -> Vec<Hint> {
        self.selected_item()
            .map(|item| self.coach().item_hints(self.focus, item))
            .unwrap_or_default()
    }

    /// The hints the text being typed would get (an item's text only).
    pub fn draft_hints(&self) -> Vec<Hint> {
        let Mode::Edit(editor) = &self.mode else {
            return Vec::new();
        };
        let text = editor.field.text();
        if text.trim().is_empty() {
            return Vec::new();
        }
        match editor.target {
            EditTarget::Item(id) => self
                .canvas
                .position_of(id)
                .and_then(|p| Some((p.section, self.canvas.items(p.section).get(p.index)?)))
                .map(|(section, item)| self.coach().draft_hints(section, Some(item), text))
                .unwrap_or_default(),
            EditTarget::NewItem { section, .. } => self.coach().draft_hints(section, None, text),
            _ => Vec::new(),
        }
    }

    pub(super) fn open_coach(&mut self) {
        self.mode = Mode::Coach(CoachList::default());
        self.status = None;
    }

    pub(super) fn coach_list(&mut self, action: Action) -> Vec<Effect> {
        if !matches!(self.mode, Mode::Coach(_)) {
            return Vec::new();
        }
        let end = self.coach_hints().len().saturating_sub(1);
        let cursor = match &self.mode {
            Mode::Coach(list) => list.cursor.min(end),
            _ => 0,
        };
        // Only the chosen hint is copied out of the list kept on the app.
        let hint = self.coach_hints().get(cursor).cloned();
        let Mode::Coach(list) = &mut self.mode else {
            return Vec::new();
        };
        match action {
            Action::Up => list.cursor = cursor.saturating_sub(1),
            Action::Down => list.cursor = (cursor + 1).min(end),
            Action::Top => list.cursor = 0,
            Action::Bottom => list.cursor = end,
            Action::Confirm => {
                if let Some(hint) = hint {
                    self.mode = Mode::Normal;
                    self.go_to_hint(&hint);
                }
            }
            Action::Dismiss => {
                if let Some(hint) = hint {
                    return self.dismiss(&hint);
                }
            }
            Action::Cancel | Action::Coach | Action::Quit => self.mode = Mode::Normal,
            _ => {}
        }
        Vec::new()
    }

    /// Goes to what a hint is about, ready to fix it.
    fn go_to_hint(&mut self, hint: &Hint) {
        self.info(hint.message.clone());
        match hint.subject {
            Subject::Item { id, .. } => self.go_to(id),
            Subject::Section(section) => self.focus_section(section),
            Subject::Statement(_) => self.open_statement(),
            // The comparison's rules are fixed in the grid, where scores are.
            Subject::Canvas
                if matches!(
                    hint.rule,
                    crate::coach::Rule::Undifferentiated | crate::coach::Rule::UnscoredAlternative
                ) =>
            {
                self.open_compare();
                self.info(hint.message.clone());
            }
            Subject::Canvas => {
                let text = self.canvas.alternatives.join(", ");
                self.start_edit_field(EditTarget::Alternatives, &text);
                // The field's own prompt says what to type; keep the advice.
                self.info(hint.message.clone());
            }
        }
    }

    /// Turns a hint's rule off for its item (undoable).
    fn dismiss(&mut self, hint: &Hint) -> Vec<Effect> {
        let Some(id) = hint.subject.item() else {
            let about = match hint.subject.section() {
                Some(section) => section_words(section),
                None => "the whole canvas".to_owned(),
            };
            self.info(format!(
                "This hint is about {about}, not one item: fix it, or turn `{}` off for every canvas in config.ron",
                hint.rule.id()
            ));
            return Vec::new();
        };
        if !self.writable() {
            return Vec::new();
        }
        let before = self.snapshot();
        if !self.canvas.set_dismissed(id, hint.rule.id(), true) {
            return Vec::new();
        }
        self.info(format!(
            "Dismissed “{}” for this item (undo brings it back)",
            hint.rule.title()
        ));
        self.changed(before)
    }
}

fn section_words(section: Section) -> String {
    format!("the {}", section.title().to_lowercase())
}

#[cfg(test)]
mod tests;

//! The link picker: choosing, for one item, what it is linked to on the
//! other half of the canvas (relievers to pains, creators to gains, …).

use super::{Action, App, Effect, LinkPicker, Mode, key_mark};

impl App {
    pub(super) fn open_picker(&mut self) {
        let Some(item) = self.selected_item() else {
            self.info(format!(
                "Select a {} first ({} adds one)",
                self.focus.noun(),
                key_mark(&Action::Add)
            ));
            return;
        };
        let source = item.id;
        let section = self.focus.counterpart();
        if self.canvas.items(section).is_empty() {
            self.info(format!(
                "No {} yet to link to; add one in {} ({})",
                section.title().to_lowercase(),
                section.title(),
                section.index() + 1
            ));
            return;
        }
        if !self.writable() {
            return;
        }
        self.mode = Mode::Link(LinkPicker {
            source,
            section,
            cursor: 0,
            chosen: self.canvas.linked_to(source),
        });
        self.status = None;
    }

    pub(super) fn linking(&mut self, action: Action) -> Vec<Effect> {
        let Mode::Link(picker) = &mut self.mode else {
            return Vec::new();
        };
        let candidates: Vec<_> = self
            .canvas
            .items(picker.section)
            .iter()
            .map(|i| i.id)
            .collect();
        match action {
            Action::Up => picker.cursor = picker.cursor.saturating_sub(1),
            Action::Down => {
                picker.cursor = (picker.cursor + 1).min(candidates.len().saturating_sub(1));
            }
            Action::Top => picker.cursor = 0,
            Action::Bottom => picker.cursor = candidates.len().saturating_sub(1),
            Action::Toggle => {
                if let Some(&id) = candidates.get(picker.cursor) {
                    if let Some(at) = picker.chosen.iter().position(|c| *c == id) {
                        picker.chosen.remove(at);
                    } else {
                        picker.chosen.push(id);
                    }
                }
            }
            Action::Confirm => return self.apply_links(),
            Action::Cancel | Action::Link => {
                self.mode = Mode::Normal;
                self.info("Links unchanged");
            }
            _ => {}
        }
        Vec::new()
    }

    fn apply_links(&mut self) -> Vec<Effect> {
        let Mode::Link(picker) = std::mem::replace(&mut self.mode, Mode::Normal) else {
            return Vec::new();
        };
        let before = self.snapshot();
        let mut changed = false;
        for candidate in self
            .canvas
            .items(picker.section)
            .iter()
            .map(|i| i.id)
            .collect::<Vec<_>>()
        {
            let want = picker.chosen.contains(&candidate);
            if self.canvas.is_linked(picker.source, candidate) != want {
                self.canvas.set_link(picker.source, candidate, want);
                changed = true;
            }
        }
        if !changed {
            self.info("Links unchanged");
            return Vec::new();
        }
        let n = picker.chosen.len();
        self.info(format!(
            "Linked to {n} {}",
            if n == 1 {
                picker.section.noun().to_owned()
            } else {
                picker.section.title().to_lowercase()
            }
        ));
        self.changed(before)
    }
}

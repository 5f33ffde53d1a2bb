//! Resolving the pairs a git merge left open (SPEC §9): a list of them, and
//! keep ours, keep theirs or keep both for each. Every choice is one
//! undoable change, saved like any edit.

use crate::canvas::{Conflict, HeaderConflict, ItemId};
use crate::merge::{Resolution, resolve, resolve_header};

use super::{Action, App, EditTarget, Effect, Mode, key_mark};

/// The list of open merge conflicts, with the cursor on one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MergeView {
    pub cursor: usize,
}

impl App {
    /// What a pair's end is, in words: an item's text or a card's name.
    pub fn conflict_label(&self, id: ItemId) -> String {
        let c = &self.canvas;
        c.item(id)
            .map(|i| i.text.clone())
            .or_else(|| c.statement(id).map(|s| s.name.clone()))
            .or_else(|| c.test(id).map(|t| t.name.clone()))
            .or_else(|| c.learning(id).map(|l| l.learned.clone()))
            .unwrap_or_default()
    }

    /// The open pairs, in the file's order.
    pub fn conflicts(&self) -> &[Conflict] {
        &self.canvas.conflicts
    }

    /// The open title and segment conflicts, listed after the pairs.
    pub fn header_conflicts(&self) -> &[HeaderConflict] {
        &self.canvas.header_conflicts
    }

    /// The title or segment conflict at a place in the list, if it is one.
    fn header_at(&self, index: usize) -> Option<HeaderConflict> {
        let at = index.checked_sub(self.canvas.conflicts.len())?;
        self.canvas.header_conflicts.get(at).cloned()
    }

    /// How many conflicts the list holds: pairs, then title and segment.
    fn conflicts_open(&self) -> usize {
        self.canvas.conflicts.len() + self.canvas.header_conflicts.len()
    }

    pub(super) fn open_merge_conflicts(&mut self) {
        if self.canvas.has_conflicts() {
            self.mode = Mode::Merge(MergeView::default());
        } else {
            self.info("No merge conflicts to resolve");
        }
    }

    pub(super) fn merge_view(&mut self, action: Action) -> Vec<Effect> {
        let Mode::Merge(view) = self.mode else {
            return Vec::new();
        };
        let last = self.conflicts_open().saturating_sub(1);
        let mut cursor = view.cursor.min(last);
        match action {
            Action::Up => cursor = cursor.saturating_sub(1),
            Action::Down => cursor = (cursor + 1).min(last),
            Action::Top => cursor = 0,
            Action::Bottom => cursor = last,
            Action::KeepOurs => return self.resolve_at(cursor, Resolution::KeepOurs),
            Action::KeepTheirs => return self.resolve_at(cursor, Resolution::KeepTheirs),
            Action::KeepBoth => return self.resolve_at(cursor, Resolution::KeepBoth),
            Action::Confirm => {
                if let Some(pair) = self.canvas.conflicts.get(cursor).copied() {
                    self.mode = Mode::Normal;
                    self.show_item(pair.ours);
                } else if let Some(h) = self.header_at(cursor) {
                    // Ours to edit by hand (to merge the two in words).
                    let (target, ours) = match h {
                        HeaderConflict::Title(_) => (EditTarget::Title, self.canvas.title.clone()),
                        HeaderConflict::Segment(_) => {
                            (EditTarget::Segment, self.canvas.segment.clone())
                        }
                    };
                    self.mode = Mode::Normal;
                    self.start_edit_field(target, &ours);
                }
                return Vec::new();
            }
            Action::Cancel | Action::MergeConflicts | Action::Quit => {
                self.mode = Mode::Normal;
                return Vec::new();
            }
            _ => {}
        }
        self.mode = Mode::Merge(MergeView { cursor });
        Vec::new()
    }

    /// Selects an item wherever it is (cards stay where they are).
    fn show_item(&mut self, id: ItemId) {
        if let Some(pos) = self.canvas.position_of(id) {
            self.selected[pos.section.index()] = pos.index;
            self.focus_section(pos.section);
        }
    }

    fn resolve_at(&mut self, index: usize, how: Resolution) -> Vec<Effect> {
        let Some(pair) = self.canvas.conflicts.get(index).copied() else {
            return self.resolve_header_at(index, how);
        };
        if !self.writable() {
            return Vec::new();
        }
        let before = self.snapshot();
        let kept = match how {
            Resolution::KeepOurs => "Kept ours",
            Resolution::KeepTheirs => "Kept theirs",
            Resolution::KeepBoth => "Kept both",
        };
        // The text kept, short enough that the whole message fits beside
        // the fit summary.
        let kept_text = match how {
            Resolution::KeepTheirs => pair.theirs,
            Resolution::KeepOurs | Resolution::KeepBoth => pair.ours,
        };
        let name = crate::text::truncate(&self.conflict_label(kept_text), 24);
        resolve(&mut self.canvas, pair, how);
        let effects = self.resolved(index, before, &format!("{kept}: “{name}”"));
        // Theirs usually takes ours' place and id; in a hand-edited file
        // ours may be the one gone.
        let shown = if self.canvas.item(pair.ours).is_some() {
            pair.ours
        } else {
            pair.theirs
        };
        self.show_item(shown);
        effects
    }
}

impl App {
    /// After a resolution: the list on the next conflict (or closed when
    /// none is left), the change saved and undoable, and what was kept said.
    fn resolved(&mut self, index: usize, before: super::Snapshot, kept: &str) -> Vec<Effect> {
        let left = self.conflicts_open();
        self.mode = if left == 0 {
            Mode::Normal
        } else {
            Mode::Merge(MergeView {
                cursor: index.min(left - 1),
            })
        };
        let effects = self.changed(before);
        let rest = match left {
            0 => "all resolved".to_owned(),
            1 => "1 conflict left".to_owned(),
            n => format!("{n} conflicts left"),
        };
        self.info(format!(
            "{kept} — {rest}; {} undoes",
            key_mark(&Action::Undo)
        ));
        effects
    }

    /// Keep ours or theirs of a title or segment conflict (the entries
    /// after the pairs). Both is no choice for a text the canvas has once.
    fn resolve_header_at(&mut self, index: usize, how: Resolution) -> Vec<Effect> {
        let at = index.saturating_sub(self.canvas.conflicts.len());
        let Some(conflict) = self.canvas.header_conflicts.get(at).cloned() else {
            return Vec::new();
        };
        if !self.writable() {
            return Vec::new();
        }
        if how == Resolution::KeepBoth {
            self.info(format!(
                "A canvas has one {}: keep ours ({}) or theirs ({})",
                conflict.field(),
                key_mark(&Action::KeepOurs),
                key_mark(&Action::KeepTheirs)
            ));
            return Vec::new();
        }
        let before = self.snapshot();
        let (kept, text) = match how {
            Resolution::KeepTheirs => ("Kept theirs", conflict.theirs().to_owned()),
            _ => ("Kept ours", self.canvas.header_ours(&conflict).to_owned()),
        };
        resolve_header(&mut self.canvas, &conflict, how);
        let text = crate::text::truncate(&text, 24);
        self.resolved(
            index,
            before,
            &format!("{kept}: {} “{text}”", conflict.field()),
        )
    }
}

#[cfg(test)]
mod tests;

//! Operations of format version 2 on a canvas: an item's status, evidence
//! notes and dismissed coach rules; saved statements; test and learning
//! cards. Every card id comes from the same counter as the items', so ids stay
//! unique across the whole canvas.

use super::{Canvas, HeaderConflict, IdKind, ItemId, Learning, Statement, Status, TestCard};

impl Canvas {
    /// What an id names, if anything.
    pub fn kind_of(&self, id: ItemId) -> Option<IdKind> {
        if let Some(p) = self.position_of(id) {
            return Some(IdKind::Item(p.section));
        }
        if self.statements.iter().any(|s| s.id == id) {
            Some(IdKind::Statement)
        } else if self.tests.iter().any(|t| t.id == id) {
            Some(IdKind::Test)
        } else if self.learnings.iter().any(|l| l.id == id) {
            Some(IdKind::Learning)
        } else {
            None
        }
    }

    /// Ours of an open title or segment conflict: the canvas's own text.
    pub fn header_ours(&self, conflict: &HeaderConflict) -> &str {
        match conflict {
            HeaderConflict::Title(_) => &self.title,
            HeaderConflict::Segment(_) => &self.segment,
        }
    }

    /// Whether a merge left anything open: a pair, a title or a segment.
    pub fn has_conflicts(&self) -> bool {
        !self.conflicts.is_empty() || !self.header_conflicts.is_empty()
    }

    /// Whether the canvas uses anything of format version 2 (and so must be
    /// written as version 2).
    pub fn uses_v2(&self) -> bool {
        !self.statements.is_empty()
            || !self.tests.is_empty()
            || !self.learnings.is_empty()
            || !self.conflicts.is_empty()
            || self.all_items().any(|(_, i)| i.uses_v2())
    }

    /// Whether the canvas uses anything of format version 3 (and so must be
    /// written as version 3).
    pub fn uses_v3(&self) -> bool {
        // A title or segment conflict is a form of `conflicts` a version 2
        // reader cannot read: it must see a newer file, not a broken one.
        !self.header_conflicts.is_empty()
            || self
                .tests
                .iter()
                .any(|t| t.target.is_some() || !t.results.is_empty())
            || self.all_items().any(|(_, i)| i.uses_v3())
    }

    /// The version the canvas is written as: the lowest that holds it.
    pub fn format_version(&self) -> u32 {
        if self.uses_v3() {
            3
        } else if self.uses_v2() {
            2
        } else {
            1
        }
    }

    /// Sets an item's status. False when the id is not an item.
    pub fn set_status(&mut self, id: ItemId, status: Status) -> bool {
        self.item_mut(id).map(|i| i.status = status).is_some()
    }

    /// Moves an item's status one step (Untested → Testing → Validated →
    /// Invalidated → Untested) and returns the new one.
    pub fn cycle_status(&mut self, id: ItemId) -> Option<Status> {
        let item = self.item_mut(id)?;
        item.status = item.status.next();
        Some(item.status)
    }

    /// Replaces an item's evidence notes.
    pub fn set_evidence(&mut self, id: ItemId, notes: Vec<String>) -> bool {
        self.item_mut(id).map(|i| i.evidence = notes).is_some()
    }

    /// Turns a coach rule off for an item (`on = false`) or back on. Returns
    /// false when the id is not an item or nothing changed.
    pub fn set_dismissed(&mut self, id: ItemId, rule: &str, dismissed: bool) -> bool {
        let Some(item) = self.item_mut(id) else {
            return false;
        };
        let has = item.dismissed.iter().any(|r| r == rule);
        if dismissed && !has {
            item.dismissed.push(rule.to_owned());
            true
        } else if !dismissed && has {
            item.dismissed.retain(|r| r != rule);
            true
        } else {
            false
        }
    }

    pub fn statement(&self, id: ItemId) -> Option<&Statement> {
        self.statements.iter().find(|s| s.id == id)
    }

    pub fn statement_mut(&mut self, id: ItemId) -> Option<&mut Statement> {
        self.statements.iter_mut().find(|s| s.id == id)
    }

    /// Saves a statement as a new named variant at the end; returns its id.
    pub fn add_statement(&mut self, name: impl Into<String>, text: impl Into<String>) -> ItemId {
        let id = self.issue_id();
        self.statements.push(Statement {
            id,
            name: name.into(),
            text: text.into(),
        });
        id
    }

    pub fn test(&self, id: ItemId) -> Option<&TestCard> {
        self.tests.iter().find(|t| t.id == id)
    }

    pub fn test_mut(&mut self, id: ItemId) -> Option<&mut TestCard> {
        self.tests.iter_mut().find(|t| t.id == id)
    }

    /// Adds a test card (its `id` is replaced by a fresh one); returns the id.
    pub fn add_test(&mut self, mut card: TestCard) -> ItemId {
        card.id = self.issue_id();
        let id = card.id;
        self.tests.push(card);
        id
    }

    pub fn learning(&self, id: ItemId) -> Option<&Learning> {
        self.learnings.iter().find(|l| l.id == id)
    }

    pub fn learning_mut(&mut self, id: ItemId) -> Option<&mut Learning> {
        self.learnings.iter_mut().find(|l| l.id == id)
    }

    /// Records a learning (its `id` is replaced by a fresh one) and sets the
    /// status of the items it validates or invalidates, in one change.
    /// Ids that are not items are dropped from its lists.
    pub fn record_learning(&mut self, mut learning: Learning) -> ItemId {
        learning.id = self.issue_id();
        learning
            .validated
            .retain(|id| self.position_of(*id).is_some());
        learning
            .invalidated
            .retain(|id| self.position_of(*id).is_some());
        if learning.test.is_some_and(|t| self.test(t).is_none()) {
            learning.test = None;
        }
        for id in &learning.validated {
            self.set_status(*id, Status::Validated);
        }
        for id in &learning.invalidated {
            self.set_status(*id, Status::Invalidated);
        }
        let id = learning.id;
        self.learnings.push(learning);
        id
    }

    /// Removes a statement, test card or learning card and every reference to
    /// it. Returns false when the id names none of them.
    pub fn remove_card(&mut self, id: ItemId) -> bool {
        let before = self.statements.len() + self.tests.len() + self.learnings.len();
        self.detach_results(None, &[id]);
        self.statements.retain(|s| s.id != id);
        self.tests.retain(|t| t.id != id);
        self.learnings.retain(|l| l.id != id);
        let removed = before != self.statements.len() + self.tests.len() + self.learnings.len();
        if removed {
            self.forget_references(id);
        }
        removed
    }

    /// Drops every reference to `id` from the cards and the merge conflicts,
    /// so a removed item or card never leaves a dangling id in the file.
    pub(super) fn forget_references(&mut self, id: ItemId) {
        for t in &mut self.tests {
            t.items.retain(|i| *i != id);
            t.statements.retain(|i| *i != id);
            t.results
                .retain(|r| r.variant != crate::canvas::Variant::Statement(id));
        }
        for l in &mut self.learnings {
            if l.test == Some(id) {
                l.test = None;
            }
            l.validated.retain(|i| *i != id);
            l.invalidated.retain(|i| *i != id);
        }
        self.conflicts.retain(|c| c.ours != id && c.theirs != id);
    }
}

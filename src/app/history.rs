//! Undo and redo: whole-canvas snapshots, unlimited within a session.
//! Snapshots keep undo trivially correct for every kind of change (text, order,
//! levels, links, deletes with their links); canvases are small documents.

use crate::canvas::{Canvas, Section};

/// A canvas as it was, and where the user was looking.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub canvas: Canvas,
    pub focus: Section,
    pub selected: [usize; 6],
}

#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
}

impl History {
    /// Records the state before a change; a new change clears what could be redone.
    pub fn record(&mut self, before: Snapshot) {
        self.undo.push(before);
        self.redo.clear();
    }

    /// Steps back: returns the state to restore, remembering `current` for redo.
    pub fn undo(&mut self, current: Snapshot) -> Option<Snapshot> {
        let previous = self.undo.pop()?;
        self.redo.push(current);
        Some(previous)
    }

    /// Steps forward again.
    pub fn redo(&mut self, current: Snapshot) -> Option<Snapshot> {
        let next = self.redo.pop()?;
        self.undo.push(current);
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

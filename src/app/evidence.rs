//! Evidence on the canvas (SPEC §7): cycling an item's status, its evidence
//! notes, and the list of what to test next.

use crate::canvas::{Date, ItemId, Section};

use super::{Action, App, Effect, Mode, TextEdit, TextField};

/// The evidence notes of one item, as a list to add to, edit and delete from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotesView {
    /// The item whose notes these are.
    pub item: ItemId,
    /// The selected note.
    pub cursor: usize,
    /// A note being typed, if any.
    pub field: Option<NoteField>,
}

/// A note being typed: a new one, or an existing one changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteField {
    /// The note it replaces; `None` adds one below the cursor.
    pub index: Option<usize>,
    pub field: TextField,
}

/// Today's date (UTC), as the system clock has it.
pub(super) fn today() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_unix_seconds(seconds)
}

impl App {
    /// `v`: the selected item's status moves one step (undoable).
    pub(super) fn cycle_status(&mut self) -> Vec<Effect> {
        let Some(item) = self.selected_item() else {
            self.info(format!("No {} to mark", self.focus.noun()));
            return Vec::new();
        };
        let (id, text) = (item.id, crate::text::truncate(&item.text, 40));
        if !self.writable() {
            return Vec::new();
        }
        let before = self.snapshot();
        let Some(status) = self.canvas.cycle_status(id) else {
            return Vec::new();
        };
        self.info(format!("“{text}” is now {}", status.name()));
        self.changed(before)
    }

    /// `n`: opens the selected item's evidence notes.
    pub(super) fn open_notes(&mut self) {
        let Some(item) = self.selected_item() else {
            self.info(format!("Select a {} first", self.focus.noun()));
            return;
        };
        self.mode = Mode::Notes(NotesView {
            item: item.id,
            cursor: 0,
            field: None,
        });
        self.status = None;
    }

    /// The notes of the item the notes view is on.
    fn notes_of(&self, id: ItemId) -> Vec<String> {
        self.canvas
            .item(id)
            .map(|i| i.evidence.clone())
            .unwrap_or_default()
    }

    pub(super) fn notes_view(&mut self, action: Action) -> Vec<Effect> {
        let Mode::Notes(view) = &mut self.mode else {
            return Vec::new();
        };
        if let Some(note) = &mut view.field {
            match action {
                Action::Text(edit) => note.field.apply(&edit),
                Action::Paste(text) => note.field.apply(&TextEdit::Paste(text)),
                Action::Confirm => return self.commit_note(),
                Action::Cancel => view.field = None,
                _ => {}
            }
            return Vec::new();
        }
        let (id, cursor) = (view.item, view.cursor);
        let notes = self.notes_of(id);
        let last = notes.len().saturating_sub(1);
        match action {
            Action::Up => self.set_notes_cursor(cursor.saturating_sub(1)),
            Action::Down => self.set_notes_cursor((cursor + 1).min(last)),
            Action::Top => self.set_notes_cursor(0),
            Action::Bottom => self.set_notes_cursor(last),
            Action::Add => self.start_note(None, ""),
            Action::Edit | Action::Confirm => match notes.get(cursor) {
                Some(text) => self.start_note(Some(cursor), text),
                None => self.start_note(None, ""),
            },
            Action::Delete => return self.delete_note(id, cursor),
            Action::Undo => return self.undo(),
            Action::Redo => return self.redo(),
            Action::Cancel | Action::Notes | Action::Quit => self.mode = Mode::Normal,
            _ => {}
        }
        Vec::new()
    }

    fn set_notes_cursor(&mut self, cursor: usize) {
        if let Mode::Notes(view) = &mut self.mode {
            view.cursor = cursor;
        }
    }

    fn start_note(&mut self, index: Option<usize>, text: &str) {
        if !self.writable() {
            return;
        }
        if let Mode::Notes(view) = &mut self.mode {
            view.field = Some(NoteField {
                index,
                field: TextField::new(text),
            });
        }
    }

    fn commit_note(&mut self) -> Vec<Effect> {
        let Mode::Notes(view) = &mut self.mode else {
            return Vec::new();
        };
        let Some(note) = view.field.take() else {
            return Vec::new();
        };
        let (id, at) = (view.item, view.cursor);
        let text = note.field.text().trim().to_owned();
        let mut notes = self.notes_of(id);
        let cursor = match note.index {
            Some(_) if text.is_empty() => {
                self.warn("A note needs words; it is unchanged");
                return Vec::new();
            }
            _ if text.is_empty() => return Vec::new(),
            Some(i) if notes.get(i) == Some(&text) => return Vec::new(),
            Some(i) if i < notes.len() => {
                notes[i] = text;
                self.info("Note changed");
                i
            }
            _ => {
                let at = if notes.is_empty() {
                    0
                } else {
                    (at + 1).min(notes.len())
                };
                notes.insert(at, text);
                self.info("Note added");
                at
            }
        };
        let before = self.snapshot();
        self.canvas.set_evidence(id, notes);
        self.set_notes_cursor(cursor);
        self.changed(before)
    }

    fn delete_note(&mut self, id: ItemId, cursor: usize) -> Vec<Effect> {
        let mut notes = self.notes_of(id);
        if cursor >= notes.len() || !self.writable() {
            return Vec::new();
        }
        let before = self.snapshot();
        notes.remove(cursor);
        let last = notes.len().saturating_sub(1);
        self.canvas.set_evidence(id, notes);
        self.set_notes_cursor(cursor.min(last));
        self.info("Note deleted");
        self.changed(before)
    }

    // -- what to test next ------------------------------------------------------

    pub(super) fn open_test_next(&mut self) {
        if self.fit().test_next.is_empty() {
            self.info(if self.canvas.is_empty() {
                "Nothing to test yet: the canvas is empty"
            } else {
                "Nothing left to test: every item is validated or invalidated"
            });
            return;
        }
        self.mode = Mode::TestNext(0);
        self.status = None;
    }

    pub(super) fn test_next_view(&mut self, action: Action) -> Vec<Effect> {
        let Mode::TestNext(cursor) = self.mode else {
            return Vec::new();
        };
        let last = self.fit().test_next.len().saturating_sub(1);
        match action {
            Action::Up => self.mode = Mode::TestNext(cursor.saturating_sub(1)),
            Action::Down => self.mode = Mode::TestNext((cursor + 1).min(last)),
            Action::Top => self.mode = Mode::TestNext(0),
            Action::Bottom => self.mode = Mode::TestNext(last),
            Action::Confirm => {
                if let Some(id) = self.fit().test_next.get(cursor).map(|r| r.id) {
                    self.mode = Mode::Normal;
                    self.go_to(id);
                }
            }
            Action::Cancel | Action::TestNext | Action::Quit => self.mode = Mode::Normal,
            _ => {}
        }
        Vec::new()
    }

    /// Focuses and selects the item `id` on the canvas.
    pub(super) fn go_to(&mut self, id: ItemId) {
        if let Some(p) = self.canvas.position_of(id) {
            self.selected[p.section.index()] = p.index;
            self.focus_section(p.section);
        }
    }

    /// The item the notes view is on, with its section (for drawing).
    pub fn notes_item(&self) -> Option<(Section, &crate::canvas::Item)> {
        let Mode::Notes(view) = &self.mode else {
            return None;
        };
        let p = self.canvas.position_of(view.item)?;
        Some((p.section, self.canvas.items(p.section).get(p.index)?))
    }
}

//! Saving and leaving: a save asked for, its result, and quitting (or going
//! to the library) only once the work is safe.

use crate::storage::StorageError;

use super::{Action, App, Effect, Mode, SaveState, key_mark};

impl App {
    pub(super) fn save_now(&mut self) -> Vec<Effect> {
        if !self.writable() {
            return Vec::new();
        }
        vec![self.save_effect()]
    }

    pub(super) fn saved(&mut self, result: Result<(), StorageError>) -> Vec<Effect> {
        match result {
            Ok(()) => {
                // The error of an earlier failed save is over: say so, so it
                // never stands beside "saved".
                if matches!(self.save_state, SaveState::Failed(_)) {
                    self.info("Saved");
                }
                self.save_state = SaveState::Saved;
                self.doc.backed_up = true;
                self.leave_after_save.take().into_iter().collect()
            }
            Err(error) => {
                let why = error.to_string();
                self.save_state = SaveState::Failed(why.clone());
                if self.leave_after_save.take().is_some() {
                    self.quit_warned = true;
                    self.error(format!(
                        "Could not save: {why}. Fix it and press {}, or press {} again to quit WITHOUT saving.",
                        key_mark(&Action::Save),
                        key_mark(&Action::Quit)
                    ));
                } else {
                    self.error(format!(
                        "Not saved: {why} (your edits are still here; {} retries)",
                        key_mark(&Action::Save)
                    ));
                }
                Vec::new()
            }
        }
    }

    pub(super) fn quit(&mut self) -> Vec<Effect> {
        self.leave(Effect::Quit)
    }

    /// Leaves the canvas (quit, or the library) once it is saved. A failed
    /// save stops the leaving and says so; asking again leaves without saving.
    pub(super) fn leave(&mut self, how: Effect) -> Vec<Effect> {
        if self.doc.read_only.is_some() || !self.is_dirty() || self.quit_warned {
            return vec![how];
        }
        self.leave_after_save = Some(how);
        vec![self.save_effect()]
    }

    /// A signal: keep any text being typed, save, and leave whatever happens.
    pub(super) fn terminate(&mut self) -> Vec<Effect> {
        let mut effects = Vec::new();
        if matches!(self.mode, Mode::Edit(_)) {
            effects = self.commit_edit();
        }
        if self.doc.read_only.is_none() && self.is_dirty() && effects.is_empty() {
            effects.push(self.save_effect());
        }
        effects.push(Effect::Quit);
        effects
    }
}

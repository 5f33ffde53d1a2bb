//! Never losing a word: recovery snapshots of unsaved work, the offer to
//! recover one, and what to do when another program changed the file.

use std::time::SystemTime;

use crate::canvas::{Canvas, Section};
use crate::storage::StorageError;

use super::{Action, App, EditTarget, Effect, Mode, SaveState, key_mark};

/// How long a dialog that opens by itself ignores keys.
pub const UNBIDDEN_GRACE: std::time::Duration = std::time::Duration::from_secs(1);

/// A snapshot of unsaved work found when the canvas was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryOffer {
    pub canvas: Canvas,
    pub modified: Option<SystemTime>,
    /// Where the snapshot is kept until the user answers.
    pub kept: Option<std::path::PathBuf>,
}

impl App {
    /// The work that is not safely in the canvas file, if any: the canvas
    /// when a save is pending or failed, with any text being typed applied.
    /// The runtime writes it to the recovery folder when the user pauses.
    pub fn recovery_snapshot(&self) -> Option<Canvas> {
        if self.doc.read_only.is_some() || matches!(self.mode, Mode::Recover(_)) {
            return None;
        }
        if let Mode::Edit(editor) = &self.mode {
            let text = editor.field.text().trim();
            let mut canvas = self.canvas.clone();
            let changed = match editor.target {
                EditTarget::NewItem { section, index } if !text.is_empty() => {
                    canvas.insert(section, index, text);
                    true
                }
                EditTarget::Item(id)
                    if !text.is_empty() && canvas.item(id).is_some_and(|i| i.text != text) =>
                {
                    canvas.set_text(id, text);
                    true
                }
                EditTarget::Title if canvas.title != text => {
                    text.clone_into(&mut canvas.title);
                    true
                }
                EditTarget::Segment if canvas.segment != text => {
                    text.clone_into(&mut canvas.segment);
                    true
                }
                _ => false,
            };
            if changed {
                return Some(canvas);
            }
        }
        self.is_dirty().then(|| self.canvas.clone())
    }

    /// A warning the session gives at start-up: a protection that could not
    /// be had (no data folder, no lock). `why` is said in full in the status
    /// line, which fades; `short` stays in the header while the canvas is
    /// open, so safety is never off without a word on the screen.
    pub fn caution(&mut self, short: &str, why: impl Into<String>) {
        let short = match self.doc.caution.take() {
            // Said again when the editor comes back from the library.
            Some(earlier) if earlier.split(", ").any(|c| c == short) => earlier,
            Some(earlier) => format!("{earlier}, {short}"),
            None => short.to_owned(),
        };
        self.doc.caution = Some(short);
        self.warn(why);
    }

    /// Says, when the canvas opens, that snapshots of its unsaved work are
    /// kept that cannot be read (`why`, when one was just found): where
    /// (`places`, as the user finds them) and that nothing will touch them.
    /// The header keeps a short warning for as long as the canvas is open.
    pub fn snapshots_unreadable(&mut self, places: &[String], why: Option<&str>) {
        let why = why
            .map(|w| format!(" ({})", crate::text::visible(w.lines().next().unwrap_or(w))))
            .unwrap_or_default();
        self.caution(
            "unreadable snapshot",
            format!(
                "Unreadable recovery snapshot kept untouched: {}{why}",
                places.join(", ")
            ),
        );
    }

    /// Offers a recovery snapshot found at start.
    pub fn offer_recovery(&mut self, offer: RecoveryOffer) {
        self.mode = Mode::Recover(Box::new(offer));
    }

    pub(super) fn recovering(&mut self, action: Action) -> Vec<Effect> {
        let Mode::Recover(offer) = std::mem::replace(&mut self.mode, Mode::Normal) else {
            return Vec::new();
        };
        match action {
            // Recover: the snapshot becomes the canvas (undo brings the file's
            // version back), is saved, and only then is the snapshot removed.
            Action::RecoverSnapshot => {
                let before = self.snapshot();
                self.canvas = offer.canvas;
                self.info(format!(
                    "Recovered the unsaved work — {} undoes",
                    key_mark(&Action::Undo)
                ));
                let mut effects = self.changed(before);
                effects.push(Effect::ClearRecovery);
                effects.extend(offer.kept.map(Effect::DiscardKept));
                effects
            }
            Action::OpenSaved => {
                self.info("Opened the saved file; the unsaved work stays in the recovery folder for next time");
                Vec::new()
            }
            Action::DiscardSnapshot => {
                self.info("Unsaved work discarded");
                let mut effects = vec![Effect::ClearRecovery];
                effects.extend(offer.kept.map(Effect::DiscardKept));
                effects
            }
            _ => {
                self.mode = Mode::Recover(offer);
                Vec::new()
            }
        }
    }

    /// Another program changed the file since we read or wrote it. A
    /// read-only copy has nothing to lose: it follows the file (a second
    /// screen mirroring the one where the canvas is edited).
    pub(super) fn changed_on_disk(&mut self) -> Vec<Effect> {
        if self.doc.read_only.is_some() {
            return vec![Effect::Reload];
        }
        if !matches!(self.mode, Mode::Recover(_)) {
            // It interrupts typing: give the keys in flight a moment to pass.
            let typing = self
                .last_intent
                .is_some_and(|at| self.now.saturating_duration_since(at) < UNBIDDEN_GRACE);
            if self.mode != Mode::Conflict {
                self.unbidden_since = typing.then_some(self.now);
            }
            self.mode = Mode::Conflict;
        }
        Vec::new()
    }

    pub(super) fn resolving(&mut self, action: Action) -> Vec<Effect> {
        // The dialog opened while the user was typing: what they typed in
        // the next moment was meant for the canvas, not as an answer.
        if self
            .unbidden_since
            .is_some_and(|since| self.now.saturating_duration_since(since) < UNBIDDEN_GRACE)
        {
            self.warn("Another program changed the file: read the question, then choose");
            return Vec::new();
        }
        self.unbidden_since = None;
        match action {
            Action::ReloadFromDisk => {
                self.mode = Mode::Normal;
                vec![Effect::Reload]
            }
            Action::KeepMine => {
                self.mode = Mode::Normal;
                self.info("Keeping your version; theirs is kept in the .bak file");
                vec![Effect::Overwrite]
            }
            Action::SaveCopy => {
                self.mode = Mode::Normal;
                vec![Effect::SaveCopy]
            }
            _ => Vec::new(),
        }
    }

    /// The file as it is on disk now replaces the canvas (undoable).
    pub(super) fn reloaded(&mut self, result: Result<(Canvas, Option<u64>), StorageError>) {
        if self.doc.read_only.is_some() {
            return self.followed(result);
        }
        match result {
            Ok((canvas, disk)) => {
                let before = self.snapshot();
                self.history.record(before);
                self.canvas = canvas;
                self.canvas_changed();
                self.doc.disk = super::OnDisk::from_fingerprint(disk);
                // Theirs is now the file: the next save keeps it in .bak
                // first, as "keep mine" does, so undoing the reload and
                // saving never leaves their change in no file.
                self.doc.backed_up = false;
                self.save_state = SaveState::Saved;
                self.keep_selection_visible();
                self.info(format!(
                    "Reloaded the file as it is on disk — {} brings your version back",
                    key_mark(&Action::Undo)
                ));
            }
            Err(why) => self.error(format!("Could not reload: {why}")),
        }
    }

    /// A read-only copy shows the file's latest save: no undo step (there
    /// is nothing of ours to bring back), the same items kept selected, and
    /// no word unless the file could not be read (it is tried again on its
    /// next change).
    fn followed(&mut self, result: Result<(Canvas, Option<u64>), StorageError>) {
        match result {
            Ok((canvas, disk)) => {
                let kept = Section::ALL.map(|s| {
                    let items = self.canvas.items(s);
                    items.get(self.selected_index(s)).map(|i| i.id)
                });
                self.canvas = canvas;
                for (s, id) in Section::ALL.into_iter().zip(kept) {
                    if let Some(p) = id.and_then(|id| self.canvas.position_of(id)) {
                        self.selected[s.index()] = p.index;
                    }
                }
                self.canvas_changed();
                self.doc.disk = super::OnDisk::from_fingerprint(disk);
                self.save_state = SaveState::Saved;
                self.keep_selection_visible();
            }
            Err(why) => self.warn(format!("Could not show the file's latest save: {why}")),
        }
    }

    pub(super) fn copy_saved(
        &mut self,
        result: Result<std::path::PathBuf, StorageError>,
    ) -> Vec<Effect> {
        match result {
            Ok(path) => {
                self.info(format!(
                    "Your version is saved as {}; showing the changed file",
                    path.display()
                ));
                vec![Effect::Reload]
            }
            Err(why) => {
                self.error(format!("Could not save a copy: {why}"));
                self.mode = Mode::Conflict;
                Vec::new()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::app::{OnDisk, RuntimeEvent, TextEdit};
    use crate::canvas::Section;

    fn app() -> App {
        let mut c = Canvas::new("t");
        c.push(Section::Pains, "Late payments");
        App::new(c, "/tmp/none.ron", true)
    }

    #[test]
    fn text_being_typed_is_in_the_snapshot() {
        let mut a = app();
        assert!(
            a.recovery_snapshot().is_none(),
            "a clean canvas needs no snapshot"
        );
        a.update(Action::JumpTo(Section::Pains));
        a.update(Action::Add);
        for c in "Half typed".chars() {
            a.update(Action::Text(TextEdit::Insert(c)));
        }
        let snap = a.recovery_snapshot().unwrap();
        assert!(
            snap.items(Section::Pains)
                .iter()
                .any(|i| i.text == "Half typed")
        );
        assert!(
            a.canvas.items(Section::Pains).len() == 1,
            "the canvas itself is unchanged"
        );
    }

    #[test]
    fn a_failed_save_keeps_a_snapshot_until_saved() {
        let mut a = app();
        a.update(Action::JumpTo(Section::Pains));
        a.update(Action::Delete);
        a.update(RuntimeEvent::Saved(Err(StorageError::Io {
            path: "x.ron".into(),
            source: std::io::Error::other("disk full"),
        })));
        assert!(a.recovery_snapshot().is_some());
        a.update(RuntimeEvent::Saved(Ok(())));
        assert!(a.recovery_snapshot().is_none());
    }

    #[test]
    fn recover_takes_the_snapshot_saves_and_then_clears_it() {
        let mut a = app();
        let mut theirs = a.canvas.clone();
        theirs.push(Section::Gains, "Recovered gain");
        a.offer_recovery(RecoveryOffer {
            canvas: theirs,
            modified: None,
            kept: None,
        });
        assert!(
            a.update(Action::Up).is_empty(),
            "other keys wait for an answer"
        );
        let effects = a.update(Action::RecoverSnapshot);
        assert!(matches!(
            effects.as_slice(),
            [Effect::Save { .. }, Effect::ClearRecovery]
        ));
        assert_eq!(a.canvas.items(Section::Gains)[0].text, "Recovered gain");
        a.update(Action::Undo);
        assert!(
            a.canvas.items(Section::Gains).is_empty(),
            "undo brings the file's version back"
        );
    }

    #[test]
    fn open_saved_keeps_the_snapshot_and_discard_removes_it() {
        let mut a = app();
        a.offer_recovery(RecoveryOffer {
            canvas: Canvas::new("x"),
            modified: None,
            kept: None,
        });
        assert!(a.update(Action::OpenSaved).is_empty());
        assert_eq!(a.mode, Mode::Normal);
        a.offer_recovery(RecoveryOffer {
            canvas: Canvas::new("x"),
            modified: None,
            kept: None,
        });
        assert_eq!(
            a.update(Action::DiscardSnapshot),
            vec![Effect::ClearRecovery]
        );
    }

    #[test]
    fn a_change_on_disk_asks_and_each_answer_does_its_thing() {
        let mut a = app();
        let mut now = a.now;
        let mut later = |a: &mut App| {
            now += std::time::Duration::from_secs(5);
            a.update(RuntimeEvent::Tick(now));
        };
        a.update(RuntimeEvent::ChangedOnDisk);
        assert_eq!(a.mode, Mode::Conflict);
        assert_eq!(a.update(Action::KeepMine), vec![Effect::Overwrite]);
        later(&mut a);
        a.update(RuntimeEvent::ChangedOnDisk);
        assert_eq!(a.update(Action::SaveCopy), vec![Effect::SaveCopy]);
        later(&mut a);
        a.update(RuntimeEvent::ChangedOnDisk);
        assert_eq!(a.update(Action::ReloadFromDisk), vec![Effect::Reload]);
        let mut theirs = a.canvas.clone();
        theirs.title = "Theirs".into();
        a.update(RuntimeEvent::Reloaded(Ok((Box::new(theirs), Some(7)))));
        assert_eq!(a.canvas.title, "Theirs");
        assert_eq!(a.doc.disk, OnDisk::Contents(7));
        // Mine back: its save keeps theirs in .bak first.
        let effects = a.update(Action::Undo);
        assert_eq!(a.canvas.title, "t");
        assert!(
            effects.contains(&Effect::Save { backup: true }),
            "{effects:?}"
        );
    }

    #[test]
    fn a_dialog_that_interrupts_typing_ignores_the_keys_in_flight() {
        let mut a = app();
        let t0 = a.now;
        let at = |ms| t0 + std::time::Duration::from_millis(ms);
        // Typing "from A 2" in the canvas; the save of the "from" meets
        // another program's change, and "r" arrives 100 ms later.
        a.update(Action::Down);
        a.update(RuntimeEvent::ChangedOnDisk);
        assert_eq!(a.mode, Mode::Conflict);
        a.update(RuntimeEvent::Tick(at(100)));
        assert!(a.update(Action::ReloadFromDisk).is_empty(), "not an answer");
        a.update(RuntimeEvent::Tick(at(400)));
        assert!(a.update(Action::KeepMine).is_empty());
        assert_eq!(a.mode, Mode::Conflict, "still asking");
        // A deliberate answer, once the moment has passed.
        a.update(RuntimeEvent::Tick(at(1500)));
        assert_eq!(a.update(Action::ReloadFromDisk), vec![Effect::Reload]);
    }

    #[test]
    fn read_only_canvases_never_ask_about_disk_changes() {
        let mut a = app().read_only("newer version");
        // They follow the file instead (#25).
        assert_eq!(a.update(RuntimeEvent::ChangedOnDisk), vec![Effect::Reload]);
        assert_eq!(a.mode, Mode::Normal);
        assert!(a.recovery_snapshot().is_none());
    }

    #[test]
    fn on_disk_knowledge_compares_contents() {
        assert!(!OnDisk::Unknown.differs_from(Some(1)));
        assert!(OnDisk::Absent.differs_from(Some(1)));
        assert!(!OnDisk::Absent.differs_from(None));
        assert!(OnDisk::Contents(1).differs_from(Some(2)));
        assert!(OnDisk::Contents(1).differs_from(None));
        assert!(!OnDisk::Contents(1).differs_from(Some(1)));
    }
}

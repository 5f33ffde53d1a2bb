//! Notes a room wrote and nobody revealed yet, kept beside the recovery
//! snapshot (`recovery/NAME-HASH.room.ron`, written atomically and durably
//! like every write, only the user may read it), so a crash, a kill or a
//! closed terminal never loses them: the next open offers them again.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::canvas::Section;
use crate::storage::{self, StorageError, recovery};

use super::state::{Room, Round};

/// One kept note: its writer's token (so they still see it as theirs) and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptNote {
    pub by: String,
    pub text: String,
}

/// The unrevealed notes of a write round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptNotes {
    pub section: Section,
    pub notes: Vec<KeptNote>,
}

#[derive(Serialize, Deserialize)]
struct OnDisk {
    section: String,
    notes: Vec<KeptNote>,
}

impl KeptNotes {
    /// What a room holds unrevealed, if anything.
    pub fn of(room: &Room) -> Option<KeptNotes> {
        let Round::Write { section, notes } = &room.round else {
            return None;
        };
        (!notes.is_empty()).then(|| KeptNotes {
            section: *section,
            notes: notes
                .iter()
                .map(|n| KeptNote {
                    by: room.people[n.person].token.clone(),
                    text: n.text.clone(),
                })
                .collect(),
        })
    }

    pub fn to_ron(&self) -> String {
        let disk = OnDisk {
            section: crate::coach::section_key(self.section).to_owned(),
            notes: self.notes.clone(),
        };
        ron::ser::to_string_pretty(&disk, ron::ser::PrettyConfig::default()).unwrap_or_default()
    }

    pub fn from_ron(text: &str) -> Option<KeptNotes> {
        let disk: OnDisk = ron::from_str(text).ok()?;
        let section = Section::ALL
            .into_iter()
            .find(|s| crate::coach::section_key(*s) == disk.section)?;
        Some(KeptNotes {
            section,
            notes: disk.notes,
        })
    }
}

/// Where the notes of the canvas at `canvas_path` are kept.
pub fn path_for(data_dir: &Path, canvas_path: &Path) -> PathBuf {
    recovery::keyed_path(data_dir, "recovery", canvas_path, "room.ron")
}

/// Writes the notes (atomically, durably, 0600). Returns where.
pub fn write(
    data_dir: &Path,
    canvas_path: &Path,
    kept: &KeptNotes,
) -> Result<PathBuf, StorageError> {
    let path = path_for(data_dir, canvas_path);
    if let Some(folder) = path.parent() {
        recovery::private_folder(folder).map_err(|e| StorageError::Io {
            path: folder.to_path_buf(),
            source: e,
        })?;
    }
    let text = format!(
        "// vpcanvas: notes a room wrote, not yet revealed\n{}\n",
        kept.to_ron()
    );
    storage::write_atomic_capped(
        &mut storage::atomic::RealSteps,
        &path,
        text.as_bytes(),
        Some(0o600),
    )?;
    Ok(path)
}

/// The notes kept for a canvas, if any.
pub fn find(data_dir: &Path, canvas_path: &Path) -> Option<KeptNotes> {
    let bytes = storage::read_regular(&path_for(data_dir, canvas_path), 8 << 20).ok()?;
    KeptNotes::from_ron(&String::from_utf8(bytes).ok()?)
}

/// Forgets the notes kept for a canvas (revealed, or answered).
pub fn remove(data_dir: &Path, canvas_path: &Path) {
    let _ = std::fs::remove_file(path_for(data_dir, canvas_path));
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::os::unix::fs::PermissionsExt;

    use super::*;
    use crate::room::state::{Ask, Request};

    #[test]
    fn kept_notes_read_back_with_their_writers_and_order() {
        let mut room = Room::default();
        room.start_write(Section::Pains);
        for (who, text) in [("a", "first"), ("b", "second \"quoted\""), ("a", "third")] {
            let ask = Ask::Write {
                text: text.into(),
                nonce: None,
            };
            room.apply(&Request {
                token: who.into(),
                ask,
            })
            .unwrap();
        }
        let kept = KeptNotes::of(&room).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let canvas = dir.path().join("plan.ron");
        let at = write(dir.path(), &canvas, &kept).unwrap();
        let mode = std::fs::metadata(&at).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let back = find(dir.path(), &canvas).unwrap();
        assert_eq!(back, kept);
        let mut again = Room::default();
        again.resume_write(&back);
        assert_eq!(KeptNotes::of(&again).unwrap(), kept);
        remove(dir.path(), &canvas);
        assert!(find(dir.path(), &canvas).is_none());
    }
}

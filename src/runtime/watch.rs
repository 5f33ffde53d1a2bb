//! Work done while the user pauses, for whichever screen is shown: a
//! recovery snapshot of unsaved work and a look at whether another program
//! changed the canvas file (the editor), or a fresh listing when the folder
//! changed (the library).
//!
//! Idle work is done only when something changed: a snapshot once per
//! pause after an edit (not every tick), and a read of the file only when
//! its stamp (length, modified time), taken through the [`Io`] seam, moved.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::app::{App, Mode, OnDisk, RuntimeEvent};
use crate::library::Done;
use crate::storage;

use super::jobs::Jobs;
use super::{Io, Screen};

/// How long a pause before unsaved work is snapshotted.
const RECOVERY_IDLE: Duration = Duration::from_millis(800);
/// How often the file (or the folder) is looked at for other writers.
const DISK_CHECK: Duration = Duration::from_millis(1500);

pub(super) struct Watch {
    last_activity: Instant,
    last_disk_check: Instant,
    /// Input arrived since the last recovery snapshot was considered.
    unsnapshotted: bool,
    /// The file's (length, modified time) when last looked at.
    last_stamp: Option<(u64, std::time::SystemTime)>,
    /// The library folder's stamp when last listed.
    last_folder: Option<u64>,
    /// The fingerprint of the snapshot written this session, if any.
    recovery_written: Option<u64>,
    /// What the room's pages were last handed (its stamp), and their count.
    pub(super) room_stamp: Option<(u64, u64)>,
    pub(super) room_version: u64,
}

impl Watch {
    pub(super) fn new(screen: &mut Screen<'_>, io: &mut dyn Io, now: Instant) -> Self {
        let last_folder = match screen {
            Screen::Library(lib) => io.folder_stamp(&lib.dir),
            Screen::Editor(_) => None,
        };
        Self {
            last_activity: now,
            last_disk_check: now,
            unsnapshotted: false,
            // The first look reads the contents once.
            last_stamp: None,
            last_folder,
            recovery_written: None,
            room_stamp: None,
            room_version: 0,
        }
    }

    pub(super) fn active(&mut self, now: Instant) {
        self.last_activity = now;
        self.unsnapshotted = true;
    }

    /// Returns true when the screen needs redrawing.
    pub(super) fn idle(
        &mut self,
        screen: &mut Screen<'_>,
        io: &mut dyn Io,
        jobs: &mut Jobs,
        now: Instant,
    ) -> bool {
        if self.unsnapshotted && now.duration_since(self.last_activity) >= RECOVERY_IDLE {
            self.unsnapshotted = false;
            self.keep_unsaved_work(screen, io);
        }
        if now.duration_since(self.last_disk_check) < DISK_CHECK {
            return false;
        }
        self.last_disk_check = now;
        match screen {
            Screen::Editor(app) => {
                let (changed, effects) = self.look_at_file(app, io, now);
                // A read-only copy asks to read the file again.
                if !effects.is_empty() {
                    super::executor::perform(screen, io, jobs, effects);
                }
                changed
            }
            Screen::Library(lib) => {
                let stamp = io.folder_stamp(&lib.dir);
                if stamp == self.last_folder {
                    return false;
                }
                self.last_folder = stamp;
                let dir = lib.dir.clone();
                let listing = super::library::listing(io, &dir, Done::Looked);
                lib.listed(listing);
                true
            }
        }
    }

    /// Tells the editor when another program changed its file (a read-only
    /// copy, which follows the file, then asks for it to be read again).
    /// Returns whether to redraw, and the effects the editor asked for.
    fn look_at_file(
        &mut self,
        app: &mut App,
        io: &mut dyn Io,
        now: Instant,
    ) -> (bool, Vec<crate::app::Effect>) {
        if app.mode != Mode::Normal || app.doc.disk == OnDisk::Unknown {
            return (false, Vec::new());
        }
        // A cheap look first; the contents decide.
        let stamp = io.file_stamp(app.path());
        if stamp == self.last_stamp {
            return (false, Vec::new());
        }
        self.last_stamp = stamp;
        match io.disk_fingerprint(app.path()) {
            Ok(fp) if app.doc.disk.differs_from(fp) => {
                // The clock first: the dialog's moment of grace starts now.
                app.update(RuntimeEvent::Tick(now));
                (true, app.update(RuntimeEvent::ChangedOnDisk))
            }
            _ => (false, Vec::new()),
        }
    }

    /// Writes (or clears) the recovery snapshot to match the unsaved work.
    pub(super) fn keep_unsaved_work(&mut self, screen: &Screen<'_>, io: &mut dyn Io) {
        let Screen::Editor(app) = screen else {
            return;
        };
        self.keep_snapshot(app, app.path(), io);
    }

    fn keep_snapshot(&mut self, app: &App, path: &Path, io: &mut dyn Io) {
        match app.recovery_snapshot() {
            Some(canvas) => {
                let fp = storage::fingerprint(crate::canvas::file::to_ron(&canvas).as_bytes());
                if self.recovery_written != Some(fp) && io.write_recovery(path, &canvas).is_ok() {
                    self.recovery_written = Some(fp);
                }
            }
            None => {
                if self.recovery_written.take().is_some() {
                    io.clear_recovery(path);
                }
            }
        }
    }
}

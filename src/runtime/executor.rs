//! The one effect executor, for every screen: what the app asked for
//! (save, reload, export, copy, leave) is done here and the results are fed
//! back to it as runtime events.

use crate::app::{App, Effect, RuntimeEvent};
use crate::storage::{self, SaveOptions, StorageError};

use super::jobs::{ExportJob, Jobs};
use super::{Io, Screen, library};

/// The one effect executor, for every screen: performs effects in order
/// and feeds their results back. All saves of a batch become one write.
/// Returns the leaving effect (quit, library, open) once everything before
/// it is done.
pub(super) fn perform(
    screen: &mut Screen<'_>,
    io: &mut dyn Io,
    jobs: &mut Jobs,
    effects: Vec<Effect>,
) -> Option<Effect> {
    let mut queue: std::collections::VecDeque<Effect> = effects.into();
    let mut saved_this_batch = false;
    // The room's notes are written once per batch, however many came in.
    let mut notes = None;
    let mut leave = None;
    while let Some(effect) = queue.pop_front() {
        let leaving = match screen {
            Screen::Library(lib) => library::perform(lib, io, effect),
            Screen::Editor(app) => match effect {
                Effect::Quit | Effect::OpenLibrary => Some(effect),
                Effect::KeepRoomNotes(kept) => {
                    notes = Some(kept);
                    None
                }
                effect => {
                    queue.extend(in_editor(app, io, jobs, effect, &mut saved_this_batch));
                    None
                }
            },
        };
        if queue.is_empty()
            && let (Some(kept), Screen::Editor(app)) = (notes.take(), &mut *screen)
            && let Err(e) = io.keep_room_notes(app.path(), kept.as_ref())
        {
            queue.extend(app.update(RuntimeEvent::RoomNotesNotKept(e.to_string())));
        }
        match leaving {
            // Quitting wins over going to the library.
            Some(Effect::Quit) => leave = Some(Effect::Quit),
            Some(other) => {
                leave.get_or_insert(other);
            }
            None => {}
        }
    }
    leave
}

/// Performs one of the editor's effects (leaving is the caller's); returns
/// what the app says back to the result.
fn in_editor(
    app: &mut App,
    io: &mut dyn Io,
    jobs: &mut Jobs,
    effect: Effect,
    saved_this_batch: &mut bool,
) -> Vec<Effect> {
    match effect {
        Effect::Save { backup } => {
            if *saved_this_batch && !app.is_dirty() {
                return Vec::new();
            }
            *saved_this_batch = true;
            save_unless_changed(app, io, backup)
        }
        // Theirs is kept in .bak, whatever this session backed up before.
        Effect::Overwrite => save(app, io, true, false),
        Effect::Reload => {
            let result = io.reload(app.path()).map(|(c, d)| (Box::new(c), d));
            app.update(RuntimeEvent::Reloaded(result))
        }
        Effect::SaveCopy => {
            let result = io.save_copy(app.path(), app.canvas());
            app.update(RuntimeEvent::CopySaved(result))
        }
        Effect::ClearRecovery => {
            if !app.is_dirty() {
                io.clear_recovery(app.path());
            }
            Vec::new()
        }
        Effect::DiscardKept(path) => {
            if !app.is_dirty() {
                storage::recovery::discard(&path);
            }
            Vec::new()
        }
        Effect::Copy { text, what } => {
            let result = io.copy(&text);
            app.update(RuntimeEvent::Copied { what, result })
        }
        Effect::Export {
            path,
            format,
            canvas,
            coach_off,
        } => {
            let job = ExportJob {
                canvas: *canvas,
                format,
                coach_off,
            };
            jobs.start_export(io, path, job);
            Vec::new()
        }
        Effect::Bell => {
            io.bell();
            Vec::new()
        }
        room @ (Effect::OpenRoom { .. } | Effect::CloseRoom | Effect::RoomAnswer { .. }) => {
            in_room(app, io, room)
        }
        // Leaving is the caller's; the library's work the editor never asks for.
        Effect::Quit
        | Effect::OpenLibrary
        | Effect::Open(_)
        | Effect::Create { .. }
        | Effect::Rename { .. }
        | Effect::Duplicate { .. }
        | Effect::Trash(_)
        | Effect::Restore { .. }
        | Effect::KeepRoomNotes(_) => Vec::new(),
    }
}

/// The room's effects: open it, close it, answer a page.
fn in_room(app: &mut App, io: &mut dyn Io, effect: Effect) -> Vec<Effect> {
    match effect {
        Effect::OpenRoom { bind, port } => {
            let Some(view) = app.room_view(0) else {
                return Vec::new();
            };
            let result = io.open_room(bind, port, view);
            app.update(RuntimeEvent::RoomOpened(result))
        }
        Effect::CloseRoom => {
            io.close_room();
            Vec::new()
        }
        Effect::RoomAnswer { ticket, result } => {
            io.room_answer(ticket, result);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Never overwrite another program's change silently: compare the contents
/// on disk with what we last read or wrote, and save only when they agree.
fn save_unless_changed(app: &mut App, io: &mut dyn Io, backup: bool) -> Vec<Effect> {
    match io.disk_fingerprint(app.path()) {
        Ok(now) if app.doc.disk.differs_from(now) => app.update(RuntimeEvent::ChangedOnDisk),
        Ok(_) => save(app, io, backup, true),
        Err(why) => app.update(RuntimeEvent::Saved(Err(why))),
    }
}

/// Writes the canvas and tells the app how it went. With `guarded`, the
/// save replaces only what we last read or wrote: another program's write
/// that comes in meanwhile is kept and raises the conflict dialog.
fn save(app: &mut App, io: &mut dyn Io, backup: bool, guarded: bool) -> Vec<Effect> {
    let expect = match app.doc.disk {
        _ if !guarded => None,
        crate::app::OnDisk::Unknown => None,
        crate::app::OnDisk::Absent => Some(storage::atomic::Expect::Absent),
        crate::app::OnDisk::Contents(fp) => Some(storage::atomic::Expect::Contents(fp)),
    };
    let options = SaveOptions {
        backup,
        expect,
        opened_at: app.doc.opened_at.clone(),
    };
    let result = io.save_guarded(app.path(), app.canvas(), options);
    if let Err(StorageError::ChangedOnDisk { .. }) = result {
        return app.update(RuntimeEvent::ChangedOnDisk);
    }
    // A save can fail after its file is in place (the folder sync): what is
    // on disk is then ours, and must not later look like another writer.
    // The typed error says so; nothing is read back or serialised again.
    let ours = match &result {
        Ok(fingerprint) => Some(*fingerprint),
        Err(e) => e.left_in_place(&storage::resolve_symlink(app.path())),
    };
    let mut effects = Vec::new();
    if let Some(fingerprint) = ours {
        effects.extend(app.update(RuntimeEvent::OnDisk(Some(fingerprint))));
    }
    effects.extend(app.update(RuntimeEvent::Saved(result.map(|_| ()))));
    effects
}

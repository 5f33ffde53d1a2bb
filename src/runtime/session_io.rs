//! The I/O the event loop performs for the app's effects: the trait the
//! loop is written against, real files ([`FileIo`]) and the editor's whole
//! session ([`SessionIo`]: files, clipboard, recovery folder, room server).

use std::path::{Path, PathBuf};

use crate::canvas::Canvas;
use crate::clipboard::{Clipboard, Route};
use crate::storage::{self, SaveOptions, StorageError};

use super::jobs;
use super::tty;
use super::{ExportJob, ExportNews, spawn_export};

/// The I/O the loop performs for the app's effects. File errors are typed
/// ([`StorageError`]); the clipboard's are its own sentences.
pub trait Io {
    /// Writes the canvas; returns the fingerprint of what is now on disk.
    fn save(&mut self, path: &Path, canvas: &Canvas, backup: bool) -> Result<u64, StorageError>;

    /// Writes the canvas only over what `options.expect` says is on disk
    /// ([`storage::SaveOptions`]); a fake without files just saves.
    fn save_guarded(
        &mut self,
        path: &Path,
        canvas: &Canvas,
        options: SaveOptions,
    ) -> Result<u64, StorageError> {
        self.save(path, canvas, options.backup)
    }

    /// Writes an export of the canvas at `canvas` to `path`, or beside it
    /// when `path` is a canvas ([`storage::destination::write_export`]).
    /// Returns where it went.
    fn export(
        &mut self,
        canvas: &Path,
        path: &Path,
        bytes: &[u8],
    ) -> Result<PathBuf, StorageError> {
        storage::destination::write_export(canvas, path, bytes)
    }

    /// Starts rendering an export off the event loop; what it says (its
    /// stages, then its bytes) comes on the channel. A fake can hold it back.
    fn start_export(&mut self, job: ExportJob) -> std::sync::mpsc::Receiver<ExportNews> {
        spawn_export(job)
    }

    /// Puts text on the clipboard.
    fn copy(&mut self, _text: &str) -> Result<Route, String> {
        Err("no clipboard here".to_owned())
    }

    /// The fingerprint of the file's contents now (`None`: no file).
    fn disk_fingerprint(&mut self, path: &Path) -> Result<Option<u64>, StorageError> {
        storage::disk_fingerprint(path).map_err(|source| StorageError::Io {
            path: path.to_path_buf(),
            source,
        })
    }

    /// Reads the file as it is on disk now.
    fn reload(&mut self, path: &Path) -> Result<(Canvas, Option<u64>), StorageError> {
        let parsed = storage::load(path)?;
        Ok((parsed.canvas, self.disk_fingerprint(path)?))
    }

    /// Writes the canvas to a new file beside `path`; returns where.
    fn save_copy(&mut self, path: &Path, canvas: &Canvas) -> Result<PathBuf, StorageError> {
        let stem = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let mut n = 1;
        loop {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            let copy = path.with_file_name(format!("{stem}-mine{suffix}.ron"));
            match storage::create_copy(path, &copy, canvas) {
                Ok(()) => return Ok(copy),
                Err(StorageError::AlreadyExists { .. }) if n < 100 => n += 1,
                Err(e) => return Err(e),
            }
        }
    }

    /// Keeps a snapshot of unsaved work in the recovery folder.
    /// Without one (the default), there is nowhere to keep it.
    fn write_recovery(&mut self, _path: &Path, _canvas: &Canvas) -> Result<(), StorageError> {
        Err(StorageError::NoDataDir)
    }

    /// Removes the snapshot once the work is safe.
    fn clear_recovery(&mut self, _path: &Path) {}

    /// Rings the terminal bell. Without a terminal (the default), nothing.
    fn bell(&mut self) {}

    /// A cheap look at a file, to notice a change without reading it:
    /// its length and modified time (`None`: no file, or no way to tell).
    fn file_stamp(&mut self, path: &Path) -> Option<(u64, std::time::SystemTime)> {
        let meta = std::fs::metadata(path).ok()?;
        Some((meta.len(), meta.modified().ok()?))
    }

    /// A cheap look at a folder of canvases: changes when a canvas in it is
    /// added, removed, renamed or written.
    fn folder_stamp(&mut self, dir: &Path) -> Option<u64> {
        storage::folder_stamp(dir).ok()
    }

    /// Starts the room's web server; returns its join address.
    fn open_room(
        &mut self,
        _bind: std::net::IpAddr,
        _port: u16,
        _view: crate::room::RoomView,
    ) -> Result<String, String> {
        Err("no network here".to_owned())
    }

    /// Stops the room's web server, if one runs.
    fn close_room(&mut self) {}

    /// The requests pages sent since the last look, each with its ticket.
    fn room_requests(&mut self) -> Vec<(u64, crate::room::Request)> {
        Vec::new()
    }

    /// Answers a request (sent with the next [`Io::room_publish`]).
    fn room_answer(&mut self, _ticket: u64, _result: Result<(), crate::room::Refusal>) {}

    /// Hands the server what pages show now (if it changed), then sends the
    /// answers waiting for it.
    fn room_publish(&mut self, _view: Option<crate::room::RoomView>) {}

    /// Keeps the room's unrevealed notes beside the recovery snapshot
    /// (`None`: removes them).
    fn keep_room_notes(
        &mut self,
        _path: &Path,
        _notes: Option<&crate::room::KeptNotes>,
    ) -> Result<(), StorageError> {
        Ok(())
    }

    /// Reads a canvas file.
    fn load(&mut self, path: &Path) -> Result<crate::canvas::file::Parsed, StorageError> {
        storage::load(path)
    }

    /// The canvases in a folder, not read.
    fn list(&mut self, dir: &Path) -> Result<Vec<storage::Found>, StorageError> {
        storage::list(dir)
    }

    /// Reads canvases one by one off the event loop; each one's summary
    /// comes on the channel as it is read (a fake can hold them back).
    fn start_reading(
        &mut self,
        found: Vec<storage::Found>,
    ) -> std::sync::mpsc::Receiver<crate::library::Summary> {
        jobs::spawn_reading(found)
    }

    /// Writes a new canvas file, never over an existing one.
    fn create(&mut self, path: &Path, canvas: &Canvas) -> Result<(), StorageError> {
        storage::create(path, canvas)
    }

    /// Renames a canvas file (and its `.bak`), never over an existing one.
    fn rename(&mut self, from: &Path, to: &Path) -> Result<(), StorageError> {
        storage::rename(from, to)
    }

    /// Copies a canvas file, never over an existing one.
    fn duplicate(&mut self, from: &Path, to: &Path) -> Result<(), StorageError> {
        storage::duplicate(from, to)
    }

    /// Moves a canvas to `trash/` in `dir`; returns where it went.
    fn trash(&mut self, dir: &Path, path: &Path) -> Result<PathBuf, StorageError> {
        storage::trash(dir, path)
    }
}

/// Real files, through the atomic write path; no clipboard.
pub struct FileIo;

impl Io for FileIo {
    fn save(&mut self, path: &Path, canvas: &Canvas, backup: bool) -> Result<u64, StorageError> {
        let options = SaveOptions {
            backup,
            ..Default::default()
        };
        self.save_guarded(path, canvas, options)
    }

    fn save_guarded(
        &mut self,
        path: &Path,
        canvas: &Canvas,
        options: SaveOptions,
    ) -> Result<u64, StorageError> {
        storage::save(path, canvas, options)
    }
}

/// Real files, a clipboard and a recovery folder: what the editor runs with.
pub struct SessionIo<C: Clipboard> {
    pub clipboard: C,
    /// The data directory, whose `recovery/` keeps unsaved work.
    pub data_dir: Option<PathBuf>,
    /// The room's server, while the room is open.
    pub room: Option<crate::room::server::RoomServer>,
    /// How the room's server wakes the loop.
    pub room_wake: Option<crate::room::server::Wake>,
}

impl<C: Clipboard> Io for SessionIo<C> {
    fn save(&mut self, path: &Path, canvas: &Canvas, backup: bool) -> Result<u64, StorageError> {
        FileIo.save(path, canvas, backup)
    }

    fn save_guarded(
        &mut self,
        path: &Path,
        canvas: &Canvas,
        options: SaveOptions,
    ) -> Result<u64, StorageError> {
        FileIo.save_guarded(path, canvas, options)
    }

    fn copy(&mut self, text: &str) -> Result<Route, String> {
        self.clipboard.copy(text)
    }

    fn write_recovery(&mut self, path: &Path, canvas: &Canvas) -> Result<(), StorageError> {
        self.keep_snapshot(path, canvas).map(|_| ())
    }

    fn clear_recovery(&mut self, path: &Path) {
        if let Some(dir) = &self.data_dir {
            storage::recovery::remove(dir, path);
        }
        if let Some(tmp) = storage::recovery::existing_fallback_dir() {
            storage::recovery::remove(&tmp, path);
        }
    }

    fn open_room(
        &mut self,
        bind: std::net::IpAddr,
        port: u16,
        view: crate::room::RoomView,
    ) -> Result<String, String> {
        self.close_room();
        let options = crate::room::server::ServerOptions {
            bind,
            port,
            wake: self.room_wake.clone(),
        };
        let server =
            crate::room::server::RoomServer::start(&options, view).map_err(|e| e.to_string())?;
        let url = server.url.clone();
        self.room = Some(server);
        Ok(url)
    }

    fn close_room(&mut self) {
        if let Some(mut server) = self.room.take() {
            server.close();
        }
    }

    fn room_requests(&mut self) -> Vec<(u64, crate::room::Request)> {
        self.room
            .as_mut()
            .map(crate::room::server::RoomServer::take_requests)
            .unwrap_or_default()
    }

    fn room_answer(&mut self, ticket: u64, result: Result<(), crate::room::Refusal>) {
        if let Some(server) = &mut self.room {
            server.answer(ticket, result);
        }
    }

    fn room_publish(&mut self, view: Option<crate::room::RoomView>) {
        if let Some(server) = &mut self.room {
            server.publish(view);
        }
    }

    fn keep_room_notes(
        &mut self,
        path: &Path,
        notes: Option<&crate::room::KeptNotes>,
    ) -> Result<(), StorageError> {
        use crate::room::keep;
        let tmp = storage::recovery::existing_fallback_dir();
        let Some(notes) = notes else {
            for dir in self.data_dir.iter().chain(tmp.iter()) {
                keep::remove(dir, path);
            }
            return Ok(());
        };
        // As unsaved work is: the data folder, else the private temp folder.
        let first = match self.data_dir.as_deref() {
            Some(dir) => match keep::write(dir, path, notes) {
                Ok(_) => return Ok(()),
                Err(e) => e,
            },
            None => StorageError::NoDataDir,
        };
        match storage::recovery::fallback_dir() {
            Some(tmp) if self.data_dir.as_deref() != Some(tmp.as_path()) => {
                keep::write(&tmp, path, notes)
                    .map(|_| ())
                    .map_err(|_| first)
            }
            _ => Err(first),
        }
    }

    fn bell(&mut self) {
        use std::io::Write as _;
        // BEL between frames; a terminal that is gone takes it silently.
        let mut out = tty::TtyOut::new();
        let _ = out.write_all(b"\x07").and_then(|()| out.flush());
    }
}

impl<C: Clipboard> SessionIo<C> {
    /// Writes the recovery snapshot of unsaved work to the data folder or,
    /// when that cannot hold it (full, read-only, gone), to the private
    /// temp folder ([`storage::recovery::fallback_dir`]). Returns where it
    /// went; the error is the data folder's.
    pub fn keep_snapshot(&mut self, path: &Path, canvas: &Canvas) -> Result<PathBuf, StorageError> {
        let first = match self.data_dir.as_deref() {
            Some(dir) => match storage::recovery::write(dir, path, canvas) {
                Ok(at) => return Ok(at),
                Err(e) => e,
            },
            None => StorageError::NoDataDir,
        };
        match storage::recovery::fallback_dir() {
            Some(tmp) if self.data_dir.as_deref() != Some(tmp.as_path()) => {
                storage::recovery::write(&tmp, path, canvas).map_err(|_| first)
            }
            _ => Err(first),
        }
    }
}

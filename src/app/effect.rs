//! The effects: the I/O an update asks the runtime for.

use std::path::PathBuf;

use crate::canvas::Canvas;

/// Work for the runtime: the I/O that an update asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the canvas to its file; `backup` keeps the file as it was in `.bak`.
    Save { backup: bool },
    /// Leave the program (everything that needed saving is saved).
    Quit,
    /// Ring the terminal bell (the timer ended and `config.ron` asks for it).
    Bell,
    /// Put text on the clipboard; `what` names it for the status bar.
    Copy { text: String, what: String },
    /// Render `canvas` (as it was when asked for) in `format`, off the
    /// event loop, and write it to `path` (next to the canvas).
    Export {
        path: PathBuf,
        format: crate::export::Format,
        canvas: Box<Canvas>,
        coach_off: crate::coach::RuleSet,
    },
    /// Write the canvas even though another program changed the file (theirs goes to `.bak`).
    Overwrite,
    /// Read the file as it is on disk now into the editor.
    Reload,
    /// Write the canvas to a new file beside it, then reload the changed file.
    SaveCopy,
    /// Remove this canvas's recovery snapshot (once its work is safe).
    ClearRecovery,
    /// Remove a kept snapshot the user answered (recovered, once saved, or discarded).
    DiscardKept(PathBuf),
    /// Close this canvas (saved) and show the library.
    OpenLibrary,
    /// Library: open this canvas in the editor.
    Open(PathBuf),
    /// Library: write a new canvas called `name` (from an example, if given), then open it.
    Create {
        name: String,
        example: Option<crate::examples::Example>,
    },
    /// Library: rename a canvas file.
    Rename { from: PathBuf, to: String },
    /// Library: copy a canvas under a new name, for another customer `segment`.
    Duplicate {
        from: PathBuf,
        to: String,
        segment: String,
    },
    /// Library: move a canvas to `trash/`.
    Trash(PathBuf),
    /// Library: move a trashed canvas back to `to` (a file name in the data folder).
    Restore { from: PathBuf, to: String },
    /// Start the room's web server.
    OpenRoom { bind: std::net::IpAddr, port: u16 },
    /// Stop the room's web server.
    CloseRoom,
    /// Answer a participant's request (sent once the room's new snapshot is out).
    RoomAnswer {
        ticket: u64,
        result: Result<(), crate::room::Refusal>,
    },
    /// Keep the room's unrevealed notes beside the recovery snapshot (`None`: forget them).
    KeepRoomNotes(Option<crate::room::KeptNotes>),
}

impl Effect {
    /// Whether the keys after this effect must wait until it is done: it
    /// leaves the screen, or (the library's file work) the next key acts on
    /// its result (Ctrl-z right after a delete).
    pub fn awaits_result(&self) -> bool {
        self.leaves()
            || matches!(
                self,
                Effect::Rename { .. }
                    | Effect::Duplicate { .. }
                    | Effect::Trash(_)
                    | Effect::Restore { .. }
            )
    }

    /// Whether this effect leaves the screen (the keys after it belong to the next one).
    pub fn leaves(&self) -> bool {
        matches!(
            self,
            Effect::Quit | Effect::OpenLibrary | Effect::Open(_) | Effect::Create { .. }
        )
    }
}

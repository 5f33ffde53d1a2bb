//! Every intent the editor understands. Keys, mouse and runtime results all
//! become one of these before [`super::App::update`] sees them.

use crate::canvas::Section;

use super::text_field::TextEdit;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Focus the next section (1 → 6, wrapping).
    NextSection,
    /// Focus the previous section.
    PrevSection,
    /// Focus a section directly.
    JumpTo(Section),
    /// Select the item above (or move the cursor up in a list overlay).
    Up,
    /// Select the item below (or move the cursor down in a list overlay).
    Down,
    /// Focus the neighbouring section to the left.
    Left,
    /// Focus the neighbouring section to the right.
    Right,
    /// Select the first item of the section.
    Top,
    /// Select the last item of the section.
    Bottom,
    /// Add an item below the selection and start typing it.
    Add,
    /// Edit the selected item's text.
    Edit,
    /// Delete the selected item (undoable).
    Delete,
    /// Move the selected item up (rank it higher).
    MoveUp,
    /// Move the selected item down (rank it lower).
    MoveDown,
    /// Raise the selected item's level.
    LevelUp,
    /// Lower the selected item's level.
    LevelDown,
    /// Cycle the selected job's kind.
    CycleKind,
    /// Pick what the selected item is linked to on the other half.
    Link,
    /// Edit the canvas title.
    EditTitle,
    /// Edit the customer segment.
    EditSegment,
    /// Edit the alternatives (comma-separated).
    EditAlternatives,
    /// Undo the last change to the canvas.
    Undo,
    /// Redo what was undone.
    Redo,
    /// Save now.
    Save,
    /// Copy the selected item's text (in the statement view: the statement).
    CopyItem,
    /// Copy the focused section as a list.
    CopySection,
    /// Copy the whole canvas as Markdown.
    CopyCanvas,
    /// Open the value proposition statement view.
    Statement,
    /// Choose a format to export the canvas to, next to its file.
    Export,
    /// Write the export in this format.
    ExportAs(crate::export::Format),
    /// Leave the canvas for the library of canvases.
    Library,
    /// Turn projector mode on or off.
    Projector,
    /// Walkthrough: the next section in workshop order (then the fit summary).
    StepNext,
    /// Walkthrough: the previous section.
    StepPrev,
    /// Start (or clear) the workshop timer.
    SetTimer,
    /// Pause or resume the workshop timer.
    PauseTimer,
    /// Recovery offer: take the unsaved work.
    RecoverSnapshot,
    /// Recovery offer: open the saved file, keep the snapshot for later.
    OpenSaved,
    /// Recovery offer: throw the unsaved work away.
    DiscardSnapshot,
    /// Another program changed the file (noticed by content).
    ChangedOnDisk,
    /// Conflict: load the file as it is on disk now.
    ReloadFromDisk,
    /// Conflict: write my version over theirs (theirs goes to `.bak`).
    KeepMine,
    /// Conflict: save my version as a copy, then load theirs.
    SaveCopy,
    /// The file as read from disk (after a reload), with its fingerprint.
    Reloaded(Result<(Box<crate::canvas::Canvas>, Option<u64>), String>),
    /// The runtime wrote the file; this is the fingerprint of what is on disk.
    OnDisk(Option<u64>),
    /// The result of saving a copy.
    CopySaved(Result<std::path::PathBuf, String>),
    /// The clock, for the timer.
    Tick(std::time::Instant),
    /// Library: create a new, empty canvas.
    NewCanvas,
    /// Library: create a canvas from the bundled example.
    NewFromExample,
    /// Library: rename the selected canvas.
    RenameCanvas,
    /// Library: duplicate the selected canvas (e.g. for a second segment).
    DuplicateCanvas,
    /// A mouse click at (column, row).
    Click(u16, u16),
    /// The mouse wheel at (column, row): negative up, positive down.
    Scroll(u16, u16, i8),
    /// Show or hide the key help.
    Help,
    /// Quit after saving.
    Quit,
    /// An edit inside the text field.
    Text(TextEdit),
    /// Keep the edit / apply the picker / close the overlay.
    Confirm,
    /// Drop the edit / close the picker or overlay without changes.
    Cancel,
    /// Toggle the link under the picker's cursor.
    Toggle,
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    /// The terminal was resized to (columns, rows).
    Resize(u16, u16),
    /// The result of a save the runtime performed.
    Saved(Result<(), String>),
    /// The result of a copy: what was copied, and which way it went.
    Copied {
        what: String,
        result: Result<crate::clipboard::Route, String>,
    },
    /// The result of an export: the file written.
    Exported(Result<std::path::PathBuf, String>),
    /// A signal asked us to stop: save what can be saved and leave.
    Terminate,
}

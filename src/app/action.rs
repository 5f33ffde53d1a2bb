//! What [`super::App::update`] is told, in two kinds kept apart (as atuin's
//! state machine keeps its events apart from its effects):
//!
//! - an [`Action`]: what a key, a click or a paste asks for; the key table
//!   binds keys to these;
//! - a [`RuntimeEvent`]: what the runtime reports back (a save done, the
//!   clock, a resize, a signal), with I/O errors typed, never bound to a key.

use std::path::PathBuf;
use std::time::Instant;

use crate::canvas::{Canvas, Section};
use crate::clipboard::Route;
use crate::storage::StorageError;

use super::text_field::TextEdit;

/// An intent: what the user asks for, by key, mouse or paste.
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
    /// Move the selected item's evidence status one step (Untested →
    /// Testing → Validated → Invalidated → Untested).
    CycleStatus,
    /// Open the selected item's evidence notes.
    Notes,
    /// Open the list of what to test next (the riskiest assumptions).
    TestNext,
    /// Open the test board (test cards and learning cards).
    Board,
    /// Board: move the test card on (Planned → Running → Done).
    NextState,
    /// Board: record a learning from the selected test card.
    RecordLearning,
    /// Board: enter the selected test's results (people shown, converted, target).
    Results,
    /// Statement view: save the statement shown as a new named variant.
    SaveVariant,
    /// Statement view: rename the saved statement shown.
    RenameVariant,
    /// Statement view: show the next saved statement (then the proposal).
    NextVariant,
    /// Statement view: show the previous saved statement.
    PrevVariant,
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
    /// Open the coach's hints (how to make the canvas sharper).
    Coach,
    /// Open the comparison with the alternatives (the grid and the value curve).
    Compare,
    /// Comparison: set the selected score (0–9).
    Score(u8),
    /// Comparison: raise the selected score by one (up to 10).
    ScoreUp,
    /// Comparison: lower the selected score by one.
    ScoreDown,
    /// Comparison: clear the selected score (not scored).
    ClearScore,
    /// Comparison: add an alternative.
    AddAlternative,
    /// Comparison: rename the selected alternative (its scores follow).
    RenameAlternative,
    /// Comparison: remove the selected alternative and its scores (undoable).
    RemoveAlternative,
    /// Find text anywhere on the canvas.
    Find,
    /// Coach's list: dismiss the hint for its item.
    Dismiss,
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
    /// List the pairs a merge left open, to keep ours, theirs or both.
    MergeConflicts,
    /// Merge conflicts: keep our version of the pair, drop theirs.
    KeepOurs,
    /// Merge conflicts: keep their version of the pair in ours' place.
    KeepTheirs,
    /// Merge conflicts: keep both versions; only the pair is closed.
    KeepBoth,
    /// Conflict: load the file as it is on disk now.
    ReloadFromDisk,
    /// Conflict: write my version over theirs (theirs goes to `.bak`).
    KeepMine,
    /// Conflict: save my version as a copy, then load theirs.
    SaveCopy,
    /// Library: create a new, empty canvas.
    NewCanvas,
    /// Library: create a canvas from the bundled example.
    NewFromExample,
    /// Library: rename the selected canvas.
    RenameCanvas,
    /// Library: duplicate the selected canvas (e.g. for a second segment).
    DuplicateCanvas,
    /// Library: show the canvases in `trash/` to restore (or the canvases again).
    ShowTrash,
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
    /// Open the room (phones write and vote over the local network), or show its panel.
    Room,
    /// Room: start a silent write round on the selected section.
    Write,
    /// Room: put the round's notes on the canvas, in the order written.
    Reveal,
    /// Room: set up a dot vote on the section (or the whole customer profile).
    Vote,
    /// Room: close the vote and add each item's dots to its votes.
    CloseVote,
    /// Room: rank the voted section by its votes (undoable).
    RankByVotes,
    /// Room: close the room (its web server stops).
    Close,
}

impl Action {
    /// The action's name in the key notation of `config.ron` and in key
    /// marks: its variant in kebab case (`Link` → `link`, `JumpTo(Pains)` →
    /// `jump-to-pains`, `Text(WordLeft)` → `text-word-left`).
    pub fn name(&self) -> String {
        let mut out = String::new();
        for c in format!("{self:?}").chars() {
            if c.is_uppercase() {
                if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
                out.extend(c.to_lowercase());
            } else if c == '(' {
                out.push('-');
            } else if c.is_alphanumeric() {
                out.push(c);
            }
        }
        out
    }
}

/// Where a key mark opens and closes (private-use characters, never typed).
pub const KEY_MARK_OPEN: char = '\u{e000}';
pub const KEY_MARK_CLOSE: char = '\u{e001}';

/// A mark standing for "the key of this canvas action" in a status message.
/// `update` knows no key table; the screen fills marks in from the one in
/// use when it draws (`input::keymap::fill`), so a message never names a
/// key the user has rebound.
pub fn key_mark(action: &Action) -> String {
    format!("{KEY_MARK_OPEN}{}{KEY_MARK_CLOSE}", action.name())
}

/// What the runtime reports back: the results of effects, the clock, the
/// terminal's size and signals. Never bound to a key.
#[derive(Debug)]
pub enum RuntimeEvent {
    /// The terminal was resized to (columns, rows).
    Resize(u16, u16),
    /// The clock, for the timer.
    Tick(Instant),
    /// The result of a save the runtime performed.
    Saved(Result<(), StorageError>),
    /// The runtime wrote the file; this is the fingerprint of what is on disk.
    OnDisk(Option<u64>),
    /// Another program changed the file (noticed by content).
    ChangedOnDisk,
    /// The file as read from disk (after a reload), with its fingerprint.
    Reloaded(Result<(Box<Canvas>, Option<u64>), StorageError>),
    /// The result of saving a copy: where it went.
    CopySaved(Result<PathBuf, StorageError>),
    /// The result of a copy: what was copied, and which way it went (the
    /// clipboard's own sentence when it failed).
    Copied {
        what: String,
        result: Result<Route, String>,
    },
    /// A running export moved on to this stage ("drawing the picture").
    ExportStage(&'static str),
    /// The result of an export: the file written, or why not.
    Exported(Result<PathBuf, String>),
    /// A signal, or the terminal going away, asked us to stop: save what can
    /// be saved and leave.
    Terminate,
    /// The room's server is listening at this join address (or could not start).
    RoomOpened(Result<String, String>),
    /// A participant's page asks something of the room; `ticket` answers it.
    Room {
        ticket: u64,
        request: crate::room::Request,
    },
    /// Keeping the room's unrevealed notes on disk failed (the reason).
    RoomNotesNotKept(String),
    /// The editor is closing: the room's server has stopped with it.
    RoomGone,
    /// Notes an earlier room left unrevealed, found when the canvas opened.
    RoomNotesFound(crate::room::KeptNotes),
}

/// One input to [`super::App::update`]: an intent or a runtime event. Both
/// convert into it, so `app.update(Action::Up)` and
/// `app.update(RuntimeEvent::Tick(now))` read as they are.
#[derive(Debug)]
pub enum Message {
    Intent(Action),
    Event(RuntimeEvent),
}

impl From<Action> for Message {
    fn from(action: Action) -> Self {
        Message::Intent(action)
    }
}

impl From<RuntimeEvent> for Message {
    fn from(event: RuntimeEvent) -> Self {
        Message::Event(event)
    }
}

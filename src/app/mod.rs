//! The editor's state and its one update function.
//!
//! `App::update(Action) -> Vec<Effect>` is the only code that changes the
//! editor's state. It does no I/O: saving, quitting, copying and exporting are
//! returned as [`Effect`]s for the runtime to perform, whose results come back
//! as actions. So nearly all behaviour is testable without a terminal.

mod action;
mod board;
mod change;
mod coach;
mod compare;
mod effect;
mod evidence;
mod find;
mod history;
pub mod list;
mod merging;
mod mouse;
mod picker;
pub mod projector;
mod room;
mod safety;
mod saving;
mod screen;
mod sharing;
pub mod text_field;
mod update;
mod variants;

use std::cell::OnceCell;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub use action::{Action, KEY_MARK_CLOSE, KEY_MARK_OPEN, Message, RuntimeEvent, key_mark};
pub use coach::CoachList;
pub use compare::{CompareView, NameField};
pub use effect::Effect;
pub use history::{History, Snapshot};
pub use merging::MergeView;
pub use text_field::{TextEdit, TextField};

use crate::canvas::{Canvas, Date, Item, ItemId, Section};
use crate::fit::{FitReport, Tally, analyze};
use crate::statement::{Part, StatementChoice};
use crate::theme::{Theme, ThemeName};

pub use projector::{Timer, Walkthrough};
pub use room::{RoomDesk, RoomOutcome, RoomPanel, RoomSettings, VoteSetup};
pub use safety::{RecoveryOffer, UNBIDDEN_GRACE};

pub use board::{
    BoardEntry, BoardGroup, BoardView, CardEdit, CardField, CardForm, CardPicker, ResultColumn,
    ResultsForm, parse_count, parse_target,
};
pub use evidence::{NoteField, NotesView};
pub use find::Found;
pub use variants::VariantEdit;

/// How long an information message stays (warnings and errors twice as long),
/// unless the next action replaces it first.
pub const STATUS_LIFE: std::time::Duration = std::time::Duration::from_secs(4);

/// What the user is doing right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Moving around the canvas.
    Normal,
    /// Typing into a text field.
    Edit(Editor),
    /// Choosing links in a picker.
    Link(LinkPicker),
    /// Reading the key help.
    Help,
    /// The value proposition statement, with its parts to choose.
    Statement(StatementView),
    /// Choosing an export format.
    Export,
    /// Unsaved work from an earlier session was found: recover it?
    Recover(Box<RecoveryOffer>),
    /// Another program changed the file: reload, keep mine, or save a copy?
    Conflict,
    /// The pairs a git merge left open: keep ours, theirs or both.
    Merge(MergeView),
    /// The selected item's evidence notes.
    Notes(NotesView),
    /// What to test next: the riskiest assumptions, to jump to (the cursor).
    TestNext(usize),
    /// The test board: test cards and learning cards.
    Board(BoardView),
    /// The coach's hints, to go to or dismiss.
    Coach(CoachList),
    /// Finding text on the canvas: what is typed, and the match chosen.
    Find(FindView),
    /// The room's panel: the QR code, the address, the counts, the round.
    Room(RoomPanel),
    /// The comparison with the alternatives: the grid and the value curve.
    Compare(CompareView),
}

/// The find dialog: the text typed, what holds it (found when it changes,
/// not on every frame), and which of them is chosen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FindView {
    pub query: TextField,
    pub matches: Vec<Found>,
    pub cursor: usize,
}

/// The statement view: the choice of items and the part being chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementView {
    pub choice: StatementChoice,
    /// Index into [`Part::ALL`].
    pub part: usize,
    /// The saved statement shown (an index into the canvas's statements);
    /// `None` shows the proposal composed from `choice`.
    pub variant: Option<usize>,
    /// A name or text being typed for a saved statement.
    pub edit: Option<VariantEdit>,
}

impl StatementView {
    pub fn part(&self) -> Part {
        Part::ALL[self.part.min(Part::ALL.len() - 1)]
    }
}

/// What a text field is editing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditTarget {
    /// A new item to be inserted at `index` of `section` when kept.
    NewItem {
        section: Section,
        index: usize,
    },
    /// The text of an existing item.
    Item(ItemId),
    Title,
    Segment,
    Alternatives,
    /// The workshop timer's length.
    Timer,
}

impl EditTarget {
    /// What the field is called on the line under the canvas, for fields that
    /// are not items (an item is typed in its place on the canvas).
    pub fn label(self) -> Option<&'static str> {
        match self {
            EditTarget::Title => Some("Title: "),
            EditTarget::Segment => Some("Customer segment: "),
            EditTarget::Alternatives => Some("Alternatives (comma-separated): "),
            EditTarget::Timer => Some("Timer (minutes, or 5:30; 0 clears): "),
            EditTarget::Item(_) | EditTarget::NewItem { .. } => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    pub target: EditTarget,
    pub field: TextField,
}

/// The link picker: the items of the other half, with the chosen ones ticked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkPicker {
    /// The item whose links are being chosen.
    pub source: ItemId,
    /// The section the candidates come from.
    pub section: Section,
    pub cursor: usize,
    pub chosen: Vec<ItemId>,
}

/// Whether the canvas on screen is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// The file matches the canvas.
    Saved,
    /// A new canvas whose file is written on the first edit.
    New,
    /// There are changes not yet written.
    Unsaved,
    /// The last save failed, with why.
    Failed(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Warning,
    Error,
}

/// A one-line message in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub kind: StatusKind,
}

/// The canvas file being edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub path: PathBuf,
    /// Why the file must not be written (e.g. written by a newer vpcanvas).
    pub read_only: Option<String>,
    /// A protection this session could not have (no lock, no usable data
    /// folder), short, kept in the header while the canvas is open.
    pub caution: Option<String>,
    /// Whether the file as opened has already been kept as `.bak` this session.
    pub backed_up: bool,
    /// What the file held when we last read or wrote it.
    pub disk: OnDisk,
    /// The file the path led to (through any symlinks) when the canvas was
    /// opened: a link that appears later is never written through.
    pub opened_at: Option<PathBuf>,
}

/// What is known of the canvas file's contents, to notice other writers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnDisk {
    /// Not looked at yet: the first save establishes it.
    #[default]
    Unknown,
    /// There was no file.
    Absent,
    /// The fingerprint of the contents.
    Contents(u64),
}

impl OnDisk {
    pub fn from_fingerprint(fingerprint: Option<u64>) -> Self {
        fingerprint.map_or(OnDisk::Absent, OnDisk::Contents)
    }

    /// Whether a file now holding `now` is not what we last saw.
    pub fn differs_from(self, now: Option<u64>) -> bool {
        match self {
            OnDisk::Unknown => false,
            OnDisk::Absent => now.is_some(),
            OnDisk::Contents(fp) => now != Some(fp),
        }
    }
}

/// The workshop timer's preferences (from `config.ron`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimerSettings {
    /// The length the timer prompt offers first, in minutes.
    pub minutes: u32,
    /// Ring the terminal bell once when the timer ends (`bell: true`).
    pub bell: bool,
}

impl Default for TimerSettings {
    fn default() -> Self {
        Self {
            minutes: 10,
            bell: false,
        }
    }
}

/// How the editor looks: from the command line and the config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Look {
    pub theme: ThemeName,
    pub projector_theme: ThemeName,
    pub ascii: bool,
    /// Start in projector mode.
    pub projector: bool,
    pub timer: TimerSettings,
    /// Take the mouse (clicks, wheel); off, the terminal keeps its own selection.
    pub mouse: bool,
    /// Coach rules turned off for every canvas (`config.ron`).
    pub coach_off: crate::coach::RuleSet,
    /// A problem with the config file, shown once.
    pub warning: Option<String>,
    /// How the room opens (`config.ron` `room`, `vpcanvas room --port --bind`).
    pub room: RoomSettings,
}

impl Default for Look {
    fn default() -> Self {
        Self {
            theme: ThemeName::Default,
            projector_theme: ThemeName::Contrast,
            ascii: false,
            projector: false,
            timer: TimerSettings::default(),
            mouse: true,
            coach_off: crate::coach::RuleSet::EMPTY,
            warning: None,
            room: RoomSettings::default(),
        }
    }
}

/// The whole editor state.
#[derive(Debug, Clone)]
pub struct App {
    /// Private, so that it changes only through `update` (which keeps what is
    /// true to it); read it with [`App::canvas`].
    canvas: Canvas,
    pub doc: Document,
    /// The fit's coverage and flags, kept in step with `canvas` edit by edit
    /// (what every frame draws); derived, so private: read it with
    /// [`App::tally`].
    tally: Tally,
    /// The whole fit analysis (its ordered lists), computed when a view first
    /// asks after a change: read it with [`App::fit`].
    report: OnceCell<FitReport>,
    /// The coach, read from the canvas when first asked (a view that shows
    /// hints or marks), then refreshed after every change (only what changed
    /// is read again). Commands that show no hints never pay for it.
    coach: OnceCell<crate::coach::Coach>,
    /// The coach's rules turned off for every canvas (`config.ron`).
    coach_off: crate::coach::RuleSet,
    /// Every hint, as the list `!` shows them: found when the list first
    /// asks after a change, not on every key and frame (at 100,000 items
    /// that is a whole-canvas read).
    hints: OnceCell<Vec<crate::coach::Hint>>,
    pub focus: Section,
    /// The selected index in each section.
    pub selected: [usize; 6],
    /// The first visible index in each section (kept so the selection is visible).
    pub scroll: [usize; 6],
    pub mode: Mode,
    pub save_state: SaveState,
    pub status: Option<Status>,
    /// When the status message appeared (it fades after [`STATUS_LIFE`]).
    pub status_since: Instant,
    pub history: History,
    /// The theme of the normal view.
    pub theme: Theme,
    /// The theme of projector mode.
    pub projector_theme: Theme,
    /// Draw with plain ASCII symbols only.
    pub ascii: bool,
    /// Projector mode and its walkthrough step; `None` in the normal view.
    pub projector: Option<Walkthrough>,
    /// The workshop timer, if one is set.
    pub timer: Option<Timer>,
    /// The time as last told by the runtime (`RuntimeEvent::Tick`).
    pub now: Instant,
    /// The length the timer prompt offers first, and whether its end rings the bell.
    pub timer_settings: TimerSettings,
    /// The terminal size, as last reported.
    pub screen: (u16, u16),
    /// Drawn for print (`vpcanvas show`): no selection, no key hints.
    pub printout: bool,
    /// How far the help is scrolled (clamped when drawn).
    pub help_scroll: u16,
    /// How many lines the key help has (told by the runtime, which knows the
    /// key table), so its scroll is clamped where it changes.
    pub help_lines: usize,
    /// Today's date, for deadlines and new learnings.
    pub today: Date,
    /// Leave (quit or go to the library) once the pending save has succeeded.
    leave_after_save: Option<Effect>,
    /// A save failed while quitting: a second quit leaves without saving.
    quit_warned: bool,
    /// When a dialog the user did not ask for (another program changed the
    /// file) appeared: keys typed in the moment after are not its answers.
    unbidden_since: Option<Instant>,
    /// When the user last pressed a key (or clicked).
    last_intent: Option<Instant>,
    /// The statement view as last seen: it reopens with the user's choices.
    last_statement: Option<StatementView>,
    /// The room, while it is open.
    pub room: Option<RoomDesk>,
    /// How the room opens (`config.ron`, the command line).
    pub room_settings: RoomSettings,
    /// Notes an earlier room left unrevealed, taken back when the room opens.
    pub kept_notes: Option<crate::room::KeptNotes>,
    /// Counts changes to the canvas, so the room's page knows when to refresh.
    edits: u64,
    /// The export being rendered off the event loop, if one is.
    pub exporting: Option<sharing::Exporting>,
}

impl App {
    /// An editor on `canvas`, which lives at `path`. `exists` says whether the
    /// file is already on disk (a new canvas is written on its first edit).
    pub fn new(canvas: Canvas, path: impl Into<PathBuf>, exists: bool) -> Self {
        let tally = Tally::of(&canvas);
        let mut app = Self {
            canvas,
            doc: Document {
                path: path.into(),
                read_only: None,
                caution: None,
                backed_up: false,
                disk: OnDisk::Unknown,
                opened_at: None,
            },
            tally,
            report: OnceCell::new(),
            coach: OnceCell::new(),
            coach_off: crate::coach::RuleSet::EMPTY,
            hints: OnceCell::new(),
            focus: Section::Jobs,
            selected: [0; 6],
            scroll: [0; 6],
            mode: Mode::Normal,
            save_state: if exists {
                SaveState::Saved
            } else {
                SaveState::New
            },
            status: None,
            history: History::default(),
            theme: Theme::default(),
            projector_theme: ThemeName::Contrast.theme(),
            ascii: false,
            projector: None,
            timer: None,
            now: Instant::now(),
            timer_settings: TimerSettings::default(),
            screen: (120, 40),
            printout: false,
            help_scroll: 0,
            help_lines: 0,
            status_since: Instant::now(),
            today: evidence::today(),
            leave_after_save: None,
            quit_warned: false,
            unbidden_since: None,
            last_intent: None,
            last_statement: None,
            room: None,
            room_settings: RoomSettings::default(),
            kept_notes: None,
            edits: 0,
            exporting: None,
        };
        if app.canvas.has_conflicts() {
            let n = app.canvas.conflicts.len() + app.canvas.header_conflicts.len();
            let what = if n == 1 {
                "1 merge conflict"
            } else {
                &format!("{n} merge conflicts")
            };
            app.info(format!(
                "{what} to resolve: {} lists them (keep ours, theirs or both)",
                key_mark(&Action::MergeConflicts)
            ));
        }
        app
    }

    /// Marks the canvas read-only, with the reason shown in the header.
    #[must_use]
    pub fn read_only(mut self, why: impl Into<String>) -> Self {
        let why = why.into();
        self.warn(format!("Read-only: {why}"));
        self.doc.read_only = Some(why);
        self
    }

    /// Applies the look chosen on the command line and in the config file.
    pub fn present(&mut self, look: &Look) {
        self.theme = look.theme.theme();
        self.projector_theme = look.projector_theme.theme();
        self.ascii = look.ascii;
        self.timer_settings = look.timer;
        self.coach_off = look.coach_off;
        self.hints = OnceCell::new();
        if let Some(coach) = self.coach.get_mut() {
            coach.set_off(look.coach_off);
        }
        self.room_settings = look.room;
        if look.projector && self.projector.is_none() {
            self.toggle_projector();
        }
        if let Some(warning) = &look.warning {
            self.warn(warning.clone());
        }
    }

    /// The theme in use now: the projector's in projector mode.
    pub fn active_theme(&self) -> &Theme {
        if self.projector.is_some() {
            &self.projector_theme
        } else {
            &self.theme
        }
    }

    /// The canvas being edited.
    pub fn canvas(&self) -> &Canvas {
        &self.canvas
    }

    /// The whole fit analysis of the canvas as it is now: computed on the
    /// first call after a change (the summary, the lists), then kept.
    pub fn fit(&self) -> &FitReport {
        self.report.get_or_init(|| analyze(&self.canvas))
    }

    /// The fit's coverage and flags, always up to date and cheap to read:
    /// for what is drawn on every frame.
    pub fn tally(&self) -> &Tally {
        &self.tally
    }

    /// Brings what is derived from the canvas up to date after it changed.
    fn canvas_changed(&mut self) {
        self.edits += 1;
        self.tally.refresh(&self.canvas);
        self.report = OnceCell::new();
        self.hints = OnceCell::new();
        if let Some(coach) = self.coach.get_mut() {
            coach.refresh(&self.canvas);
        }
    }

    pub fn path(&self) -> &Path {
        &self.doc.path
    }

    /// The selected item of the focused section, if it has any.
    pub fn selected_item(&self) -> Option<&Item> {
        self.canvas
            .items(self.focus)
            .get(self.selected[self.focus.index()])
            .map(|i| &**i)
    }

    /// The selected index in `section`, clamped to its items.
    pub fn selected_index(&self, section: Section) -> usize {
        let len = self.canvas.items(section).len();
        self.selected[section.index()].min(len.saturating_sub(1))
    }

    /// How far the help can scroll on this screen.
    pub fn help_max_scroll(&self) -> u16 {
        crate::layout::help_max_scroll(self.help_lines, self.screen.1)
    }

    /// Whether there are changes not yet on disk.
    pub fn is_dirty(&self) -> bool {
        matches!(self.save_state, SaveState::Unsaved | SaveState::Failed(_))
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            canvas: self.canvas.clone(),
            focus: self.focus,
            selected: self.selected,
        }
    }

    fn restore(&mut self, snapshot: Snapshot) {
        self.canvas = snapshot.canvas;
        self.focus = snapshot.focus;
        self.selected = snapshot.selected;
        self.canvas_changed();
    }

    fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind: StatusKind::Info,
        });
    }

    fn warn(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind: StatusKind::Warning,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind: StatusKind::Error,
        });
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_evidence;
#[cfg(test)]
mod tests_results;

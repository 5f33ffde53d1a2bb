//! The library: the canvases in the data directory, to open, create, rename,
//! duplicate and delete (to `trash/`). Typing filters the list.
//!
//! Same shape as the editor: `Library::update(Action) -> Vec<Effect>`
//! changes state and does no I/O; the session performs the effects and feeds
//! back the new listing.

mod summary;
mod view;

use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

pub use summary::Summary;
use summary::carry_over;
pub use view::{ago, render};

use crate::app::{
    Action, Effect, Message, RuntimeEvent, STATUS_LIFE, Status, StatusKind, TextEdit, TextField,
};
use crate::examples::Example;
use crate::input::Context;
use crate::input::keymap::keys_for;
use crate::storage::Found;
use crate::theme::Theme;

/// What a name prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    New,
    NewFromExample,
    Rename,
    Duplicate,
}

impl Prompt {
    pub fn label(self) -> &'static str {
        match self {
            Prompt::New => "New canvas name",
            Prompt::NewFromExample => "New canvas (from the example) name",
            Prompt::Rename => "Rename to",
            Prompt::Duplicate => "Duplicate as",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryMode {
    /// Browsing; typing filters.
    Browse,
    /// Typing a name.
    Name(Prompt, TextField),
    /// Asking whether to delete the selected canvas.
    ConfirmDelete,
    /// Duplicating: the copy is called `name`; typing its customer segment.
    Segment { name: String, field: TextField },
    /// Reading the library's keys, scrolled by `scroll` lines.
    Help { scroll: u16 },
}

/// What the runtime did for the library, fed back through [`Library::listed`]
/// with a fresh listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    /// Nothing but a fresh look at the folder (it changed, or the library opened).
    Looked,
    Renamed {
        from: PathBuf,
        to: PathBuf,
    },
    Duplicated(PathBuf),
    /// `from` went to `to` in `trash/`.
    Trashed {
        from: PathBuf,
        to: PathBuf,
    },
    /// `from` in `trash/` came back as `to`.
    Restored {
        from: PathBuf,
        to: PathBuf,
    },
    /// What went wrong, in one line.
    Failed(String),
}

/// The folder as the runtime read it after doing something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub canvases: Vec<Summary>,
    /// The canvases in `trash/`.
    pub trash: Vec<Summary>,
    pub now: SystemTime,
    pub done: Done,
}

#[derive(Debug)]
pub struct Library {
    pub dir: PathBuf,
    pub canvases: Vec<Summary>,
    /// The canvases in `trash/`, to restore.
    pub trash: Vec<Summary>,
    pub filter: TextField,
    /// Index into the filtered list.
    pub selected: usize,
    pub mode: LibraryMode,
    pub status: Option<Status>,
    /// When the status message appeared, on the loop's clock.
    status_since: Instant,
    /// The loop's clock, as last told.
    clock: Instant,
    pub theme: Theme,
    /// When the listing was read, for "2 hours ago".
    pub now: SystemTime,
    /// The canvas the library was opened from (`o` in the editor): `Esc`
    /// goes back to it. `None` when the session started here.
    pub origin: Option<PathBuf>,
    /// Showing `trash/` (to restore from) instead of the canvases.
    pub viewing_trash: bool,
    /// The last delete, (from, to in `trash/`), for undo.
    last_trashed: Option<(PathBuf, PathBuf)>,
    /// The screen's height, as last told: how far the help scrolls.
    rows: u16,
}

impl Library {
    /// The canvases listed but not read yet (the trash's after the
    /// folder's), for the runtime to read one by one.
    pub fn unread(&self) -> Vec<Found> {
        self.canvases
            .iter()
            .chain(&self.trash)
            .filter(|c| c.unread)
            .map(|c| Found {
                name: c.name.clone(),
                path: c.path.clone(),
                modified: c.modified,
            })
            .collect()
    }

    /// A canvas the runtime has read: its row is filled in, if it is still
    /// listed as that file, unread.
    pub fn read(&mut self, row: Summary) {
        for list in [&mut self.canvases, &mut self.trash] {
            if let Some(slot) = list
                .iter_mut()
                .find(|c| c.unread && c.path == row.path && c.modified == row.modified)
            {
                *slot = row;
                return;
            }
        }
    }

    /// Whose keys apply now: browsing, typing a name, or answering a question.
    pub fn key_context(&self) -> Context {
        match self.mode {
            LibraryMode::Browse if self.viewing_trash => Context::Trash,
            LibraryMode::Browse => Context::Library,
            LibraryMode::Name(..) | LibraryMode::Segment { .. } => Context::Text,
            LibraryMode::ConfirmDelete => Context::Confirm,
            LibraryMode::Help { .. } => Context::Help,
        }
    }

    pub fn new(dir: PathBuf, canvases: Vec<Summary>, now: SystemTime) -> Self {
        Self {
            dir,
            canvases,
            trash: Vec::new(),
            filter: TextField::default(),
            selected: 0,
            mode: LibraryMode::Browse,
            status: None,
            status_since: Instant::now(),
            clock: Instant::now(),
            theme: Theme::default(),
            now,
            origin: None,
            viewing_trash: false,
            last_trashed: None,
            rows: 0,
        }
    }

    /// The library as opened from the canvas at `origin`: that canvas is
    /// selected, and `Esc` returns to it.
    #[must_use]
    pub fn opened_from(mut self, origin: &Path) -> Self {
        if let Some(i) = self.visible().iter().position(|c| c.path == origin) {
            self.selected = i;
        }
        self.origin = Some(origin.to_path_buf());
        self
    }

    /// The canvases matching the filter (name, title or segment, any case).
    pub fn visible(&self) -> Vec<&Summary> {
        let needle = self.filter.text().to_lowercase();
        let listed = if self.viewing_trash {
            &self.trash
        } else {
            &self.canvases
        };
        listed
            .iter()
            .filter(|c| {
                needle.is_empty()
                    || [&c.name, &c.title, &c.segment]
                        .iter()
                        .any(|f| f.to_lowercase().contains(&needle))
            })
            .collect()
    }

    pub fn selected_canvas(&self) -> Option<&Summary> {
        self.visible().get(self.selected).copied()
    }

    /// A fresh listing; selects `focus` if given, else keeps the selected canvas selected.
    /// A canvas already read and not changed since keeps what was read.
    pub fn refresh(&mut self, canvases: Vec<Summary>, now: SystemTime, focus: Option<&Path>) {
        let keep = self.selected_canvas().map(|c| c.path.clone());
        self.canvases = carry_over(&self.canvases, canvases);
        self.now = now;
        if focus.is_some() {
            self.filter = TextField::default();
        }
        if let Some(path) = focus.or(keep.as_deref())
            && let Some(i) = self.visible().iter().position(|c| c.path == path)
        {
            self.selected = i;
        }
        self.selected = self.selected.min(self.visible().len().saturating_sub(1));
    }

    /// Takes what the runtime did, with the folder as it is now (a result
    /// the runtime reports, like the editor's `Saved`).
    pub fn listed(&mut self, listing: Listing) {
        let Listing {
            canvases,
            trash,
            now,
            done,
        } = listing;
        self.trash = carry_over(&self.trash, trash);
        let (focus, said) = match &done {
            Done::Looked => (None, None),
            Done::Renamed { from, to } => {
                if self.origin.as_deref() == Some(from.as_path()) {
                    self.origin = Some(to.clone());
                }
                (
                    Some(to.clone()),
                    Some(format!("Renamed to {}", to.display())),
                )
            }
            Done::Duplicated(to) => (
                Some(to.clone()),
                Some(format!("Duplicated as {}", to.display())),
            ),
            Done::Trashed { from, to } => {
                self.last_trashed = Some((from.clone(), to.clone()));
                let keys = |a| keys_for(Context::Library, &a).unwrap_or_default();
                (
                    None,
                    Some(format!(
                        "Moved “{}” to the trash — {} undoes, {} shows the trash",
                        stem(from),
                        keys(Action::Undo),
                        keys(Action::ShowTrash)
                    )),
                )
            }
            Done::Restored { from, to } => {
                if self.last_trashed.as_ref().is_some_and(|(_, t)| t == from) {
                    self.last_trashed = None;
                }
                self.viewing_trash = false;
                (Some(to.clone()), Some(format!("Restored “{}”", stem(to))))
            }
            Done::Failed(why) => {
                self.say(why.clone(), StatusKind::Error);
                (None, None)
            }
        };
        self.refresh(canvases, now, focus.as_deref());
        if let Some(text) = said {
            self.say(text, StatusKind::Info);
        }
    }

    pub fn say(&mut self, text: impl Into<String>, kind: StatusKind) {
        self.status = Some(Status {
            text: text.into(),
            kind,
        });
        self.status_since = self.clock;
    }

    /// Whether the status message has been shown long enough at `now`.
    pub fn status_expired(&self, now: Instant) -> bool {
        self.status.as_ref().is_some_and(|s| {
            let life = match s.kind {
                StatusKind::Info => STATUS_LIFE,
                StatusKind::Warning | StatusKind::Error => 2 * STATUS_LIFE,
            };
            now.saturating_duration_since(self.status_since) >= life
        })
    }

    /// Applies one intent or runtime event and returns the I/O it asks for.
    pub fn update(&mut self, message: impl Into<Message>) -> Vec<Effect> {
        let action = match message.into() {
            Message::Intent(action) => action,
            Message::Event(RuntimeEvent::Terminate) => return vec![Effect::Quit],
            Message::Event(RuntimeEvent::Tick(now)) => {
                self.clock = now;
                if self.status_expired(now) {
                    self.status = None;
                }
                return Vec::new();
            }
            Message::Event(RuntimeEvent::Resize(_, rows)) => {
                self.rows = rows;
                let max = self.help_max_scroll();
                if let LibraryMode::Help { scroll } = &mut self.mode {
                    *scroll = (*scroll).min(max);
                }
                return Vec::new();
            }
            Message::Event(_) => return Vec::new(),
        };
        // A message lasts until the next action (or a few seconds).
        self.status = None;
        self.act(action)
    }

    fn act(&mut self, action: Action) -> Vec<Effect> {
        match std::mem::replace(&mut self.mode, LibraryMode::Browse) {
            LibraryMode::Browse => self.browse(action),
            LibraryMode::Name(prompt, mut field) => {
                match action {
                    Action::Text(edit) => field.apply(&edit),
                    Action::Paste(text) => field.apply(&TextEdit::Paste(text)),
                    Action::Confirm => return self.named(prompt, field.text().trim()),
                    Action::Cancel => return Vec::new(),
                    _ => {}
                }
                self.mode = LibraryMode::Name(prompt, field);
                Vec::new()
            }
            LibraryMode::Segment { name, mut field } => {
                match action {
                    Action::Text(edit) => field.apply(&edit),
                    Action::Paste(text) => field.apply(&TextEdit::Paste(text)),
                    Action::Confirm => {
                        let segment = field.text().trim().to_owned();
                        return self
                            .selected_canvas()
                            .map(|c| {
                                vec![Effect::Duplicate {
                                    from: c.path.clone(),
                                    to: name.clone(),
                                    segment,
                                }]
                            })
                            .unwrap_or_default();
                    }
                    Action::Cancel => return Vec::new(),
                    _ => {}
                }
                self.mode = LibraryMode::Segment { name, field };
                Vec::new()
            }
            LibraryMode::Help { scroll } => {
                let scroll = match action {
                    Action::Help | Action::Cancel | Action::Confirm => return Vec::new(),
                    Action::Quit => return vec![Effect::Quit],
                    Action::Up => scroll.saturating_sub(1),
                    Action::Down => (scroll + 1).min(self.help_max_scroll()),
                    Action::Top => 0,
                    Action::Bottom => self.help_max_scroll(),
                    _ => scroll,
                };
                self.mode = LibraryMode::Help { scroll };
                Vec::new()
            }
            LibraryMode::ConfirmDelete => match action {
                Action::Confirm => self
                    .selected_canvas()
                    .map(|c| vec![Effect::Trash(c.path.clone())])
                    .unwrap_or_default(),
                _ => {
                    self.say("Kept", StatusKind::Info);
                    Vec::new()
                }
            },
        }
    }

    fn browse(&mut self, action: Action) -> Vec<Effect> {
        let count = self.visible().len();
        match action {
            Action::Help => self.mode = LibraryMode::Help { scroll: 0 },
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(count.saturating_sub(1)),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = count.saturating_sub(1),
            _ if self.viewing_trash => return self.in_trash(action),
            Action::Text(edit) => {
                self.filter.apply(&edit);
                self.selected = 0;
            }
            Action::Paste(text) => {
                self.filter.apply(&TextEdit::Paste(text));
                self.selected = 0;
            }
            Action::Confirm => return self.open_selected(),
            Action::NewCanvas => {
                let name = self.filter.text().trim().to_owned();
                self.prompt(Prompt::New, &name);
            }
            Action::NewFromExample => self.prompt(Prompt::NewFromExample, ""),
            Action::RenameCanvas => {
                if let Some(name) = self.selected_canvas().map(|c| c.name.clone()) {
                    self.prompt(Prompt::Rename, &name);
                }
            }
            Action::DuplicateCanvas => self.name_the_copy(),
            Action::ShowTrash => {
                self.viewing_trash = true;
                self.filter = TextField::default();
                self.selected = 0;
            }
            Action::Undo => match self.last_trashed.take() {
                Some((from, to)) => {
                    return vec![Effect::Restore {
                        from: to,
                        to: stem(&from),
                    }];
                }
                None => self.say("Nothing to undo", StatusKind::Info),
            },
            Action::Delete if self.selected_canvas().is_some() => {
                self.mode = LibraryMode::ConfirmDelete;
                self.status = None;
            }
            Action::Cancel => return self.cancel(),
            Action::Quit => return vec![Effect::Quit],
            _ => {}
        }
        Vec::new()
    }

    /// Enter on a canvas opens it (or says why it cannot); on nothing, asks
    /// for a new one's name.
    fn open_selected(&mut self) -> Vec<Effect> {
        match self.selected_canvas() {
            Some(c) if c.error.is_none() => return vec![Effect::Open(c.path.clone())],
            Some(c) => {
                let why = c.error.clone().unwrap_or_default();
                self.say(format!("Cannot open: {why}"), StatusKind::Error);
            }
            None => self.prompt(Prompt::New, ""),
        }
        Vec::new()
    }

    /// Asks for the copy's name: NAME-2 (or the first free NAME-N),
    /// selected, so typing replaces it.
    fn name_the_copy(&mut self) {
        if let Some(name) = self.selected_canvas().map(|c| c.name.clone()) {
            let taken = |n: &str| self.canvases.iter().any(|c| c.name == n);
            let free = (2..=self.canvases.len() + 2)
                .map(|n| format!("{name}-{n}"))
                .find(|n| !taken(n))
                .unwrap_or_default();
            self.mode = LibraryMode::Name(Prompt::Duplicate, TextField::suggested(&free));
        }
    }

    /// Esc clears the filter; then goes back to the canvas the library was
    /// opened from (still there, or restored); else quits.
    fn cancel(&mut self) -> Vec<Effect> {
        if !self.filter.text().is_empty() {
            self.filter = TextField::default();
            return Vec::new();
        }
        match self
            .origin
            .as_ref()
            .filter(|o| self.canvases.iter().any(|c| &c.path == *o))
        {
            Some(origin) => vec![Effect::Open(origin.clone())],
            None => vec![Effect::Quit],
        }
    }

    /// Keys in the view of `trash/`: Enter restores, Esc goes back.
    fn in_trash(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Confirm => {
                if let Some(c) = self.selected_canvas() {
                    return vec![Effect::Restore {
                        from: c.path.clone(),
                        to: c.name.clone(),
                    }];
                }
            }
            Action::Cancel | Action::ShowTrash => {
                self.viewing_trash = false;
                self.selected = 0;
            }
            Action::Quit => return vec![Effect::Quit],
            _ => {}
        }
        Vec::new()
    }

    /// How far the help can scroll on this screen.
    pub fn help_max_scroll(&self) -> u16 {
        crate::layout::help_max_scroll(view::help_line_count(), self.rows)
    }

    fn prompt(&mut self, prompt: Prompt, initial: &str) {
        self.mode = LibraryMode::Name(prompt, TextField::new(initial));
        self.status = None;
    }

    fn named(&mut self, prompt: Prompt, name: &str) -> Vec<Effect> {
        if name.is_empty() {
            self.say("No name given; nothing done", StatusKind::Info);
            return Vec::new();
        }
        let name = name.to_owned();
        let selected = self.selected_canvas().map(|c| c.path.clone());
        match (prompt, selected) {
            (Prompt::New, _) => vec![Effect::Create {
                name,
                example: None,
            }],
            (Prompt::NewFromExample, _) => vec![Effect::Create {
                name,
                example: Some(Example::Invoicing),
            }],
            (Prompt::Rename, Some(from)) => vec![Effect::Rename { from, to: name }],
            (Prompt::Duplicate, Some(_)) => {
                // Duplicating is how a canvas for a second segment is made: ask for it now.
                let segment = self
                    .selected_canvas()
                    .map(|c| c.segment.clone())
                    .unwrap_or_default();
                self.mode = LibraryMode::Segment {
                    name,
                    field: TextField::suggested(&segment),
                };
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
}

/// A canvas file's name without its folder and `.ron`.
fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;

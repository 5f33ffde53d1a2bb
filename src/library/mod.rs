//! The library: the canvases in the data directory, to open, create, rename,
//! duplicate and delete (to `trash/`). Typing filters the list.
//!
//! Same shape as the editor: `Library::update(Action) -> Vec<LibraryEffect>`
//! changes state and does no I/O; the session performs the effects and feeds
//! back the new listing.

mod view;

use std::path::PathBuf;
use std::time::SystemTime;

pub use view::{ago, render};

use crate::app::{Action, Status, StatusKind, TextEdit, TextField};
use crate::examples::Example;
use crate::fit::analyze;
use crate::input::Context;
use crate::storage::Entry;
use crate::theme::Theme;

/// One canvas as the library shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub name: String,
    pub path: PathBuf,
    pub title: String,
    pub segment: String,
    pub items: usize,
    pub open_pains: usize,
    pub open_gains: usize,
    pub modified: Option<SystemTime>,
    /// Why the file cannot be read, if it cannot.
    pub error: Option<String>,
}

impl Summary {
    pub fn from_entry(entry: &Entry) -> Self {
        let mut s = Self {
            name: entry.name.clone(),
            path: entry.path.clone(),
            title: String::new(),
            segment: String::new(),
            items: 0,
            open_pains: 0,
            open_gains: 0,
            modified: entry.modified,
            error: None,
        };
        match &entry.loaded {
            Ok(parsed) => {
                let report = analyze(&parsed.canvas);
                s.title.clone_from(&parsed.canvas.title);
                s.segment.clone_from(&parsed.canvas.segment);
                s.items = parsed.canvas.item_count();
                s.open_pains = report.pains_without_relievers.len();
                s.open_gains = report.gains_without_creators.len();
            }
            Err(e) => s.error = Some(e.to_string().lines().next().unwrap_or_default().to_owned()),
        }
        s
    }
}

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
}

/// Work for the session to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryEffect {
    Open(PathBuf),
    Create {
        name: String,
        example: Option<Example>,
    },
    Rename {
        from: PathBuf,
        to: String,
    },
    Duplicate {
        from: PathBuf,
        to: String,
    },
    Trash(PathBuf),
    Quit,
}

#[derive(Debug)]
pub struct Library {
    pub dir: PathBuf,
    pub canvases: Vec<Summary>,
    pub filter: TextField,
    /// Index into the filtered list.
    pub selected: usize,
    pub mode: LibraryMode,
    pub status: Option<Status>,
    pub theme: Theme,
    /// When the listing was read, for "2 hours ago".
    pub now: SystemTime,
}

impl Library {
    /// Whose keys apply now: browsing, typing a name, or answering a question.
    pub fn key_context(&self) -> Context {
        match self.mode {
            LibraryMode::Browse => Context::Library,
            LibraryMode::Name(..) => Context::Text,
            LibraryMode::ConfirmDelete => Context::Confirm,
        }
    }

    pub fn new(dir: PathBuf, canvases: Vec<Summary>, now: SystemTime) -> Self {
        Self {
            dir,
            canvases,
            filter: TextField::default(),
            selected: 0,
            mode: LibraryMode::Browse,
            status: None,
            theme: Theme::default(),
            now,
        }
    }

    /// The canvases matching the filter (name, title or segment, any case).
    pub fn visible(&self) -> Vec<&Summary> {
        let needle = self.filter.text().to_lowercase();
        self.canvases
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

    /// A fresh listing after the session did something; selects `focus` if named.
    pub fn refresh(&mut self, canvases: Vec<Summary>, now: SystemTime, focus: Option<&str>) {
        self.canvases = canvases;
        self.now = now;
        if let Some(name) = focus {
            self.filter = TextField::default();
            if let Some(i) = self.visible().iter().position(|c| c.name == name) {
                self.selected = i;
            }
        }
        self.selected = self.selected.min(self.visible().len().saturating_sub(1));
    }

    pub fn say(&mut self, text: impl Into<String>, kind: StatusKind) {
        self.status = Some(Status {
            text: text.into(),
            kind,
        });
    }

    pub fn update(&mut self, action: Action) -> Vec<LibraryEffect> {
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
            LibraryMode::ConfirmDelete => match action {
                Action::Confirm => self
                    .selected_canvas()
                    .map(|c| vec![LibraryEffect::Trash(c.path.clone())])
                    .unwrap_or_default(),
                _ => {
                    self.say("Kept", StatusKind::Info);
                    Vec::new()
                }
            },
        }
    }

    fn browse(&mut self, action: Action) -> Vec<LibraryEffect> {
        let count = self.visible().len();
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(count.saturating_sub(1)),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = count.saturating_sub(1),
            Action::Text(edit) => {
                self.filter.apply(&edit);
                self.selected = 0;
            }
            Action::Paste(text) => {
                self.filter.apply(&TextEdit::Paste(text));
                self.selected = 0;
            }
            Action::Confirm => match self.selected_canvas() {
                Some(c) if c.error.is_none() => return vec![LibraryEffect::Open(c.path.clone())],
                Some(c) => {
                    let why = c.error.clone().unwrap_or_default();
                    self.say(format!("Cannot open: {why}"), StatusKind::Error);
                }
                None => self.prompt(Prompt::New, ""),
            },
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
            Action::DuplicateCanvas => {
                if let Some(name) = self.selected_canvas().map(|c| format!("{} copy", c.name)) {
                    self.prompt(Prompt::Duplicate, &name);
                }
            }
            Action::Delete if self.selected_canvas().is_some() => {
                self.mode = LibraryMode::ConfirmDelete;
                self.status = None;
            }
            Action::Cancel => {
                if self.filter.text().is_empty() {
                    return vec![LibraryEffect::Quit];
                }
                self.filter = TextField::default();
            }
            Action::Quit => return vec![LibraryEffect::Quit],
            _ => {}
        }
        Vec::new()
    }

    fn prompt(&mut self, prompt: Prompt, initial: &str) {
        self.mode = LibraryMode::Name(prompt, TextField::new(initial));
        self.status = None;
    }

    fn named(&mut self, prompt: Prompt, name: &str) -> Vec<LibraryEffect> {
        if name.is_empty() {
            self.say("No name given; nothing done", StatusKind::Info);
            return Vec::new();
        }
        let name = name.to_owned();
        let selected = self.selected_canvas().map(|c| c.path.clone());
        match (prompt, selected) {
            (Prompt::New, _) => vec![LibraryEffect::Create {
                name,
                example: None,
            }],
            (Prompt::NewFromExample, _) => vec![LibraryEffect::Create {
                name,
                example: Some(Example::Invoicing),
            }],
            (Prompt::Rename, Some(from)) => vec![LibraryEffect::Rename { from, to: name }],
            (Prompt::Duplicate, Some(from)) => vec![LibraryEffect::Duplicate { from, to: name }],
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests;

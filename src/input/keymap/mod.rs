//! The key table. Every binding the editor has is a row here, and every key
//! the screen names comes from it: the footer hints, the `?` help, dialog
//! hints and the keys in status messages (written by `update` as
//! [`crate::app::key_mark`]s and filled in here when drawn).
//!
//! The user's `config.ron` may rebind any row by its name (see
//! [`Keymap::with_user`]); the table in use is installed once at start-up.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use super::key::Key;

use crate::app::{Action, CardEdit, KEY_MARK_CLOSE, KEY_MARK_OPEN, Mode, TextEdit};
mod table;
use table::default_rows;

/// Where a key is pressed: each context has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Moving around the canvas.
    Canvas,
    /// Typing text.
    Text,
    /// The link picker.
    Picker,
    /// The help overlay.
    Help,
    /// The statement view.
    Statement,
    /// The export menu.
    Export,
    /// The library of canvases (typing filters).
    Library,
    /// The library's view of `trash/`.
    Trash,
    /// A yes/no question.
    Confirm,
    /// Unsaved work was found: recover it?
    Recover,
    /// Another program changed the file.
    Conflict,
    /// Resolving the pairs a git merge left open.
    Merge,
    /// An item's evidence notes.
    Notes,
    /// The list of what to test next.
    TestNext,
    /// The test board's list of cards.
    Board,
    /// A card open on the test board.
    Card,
    /// A test's results open on the test board.
    Results,
    /// The coach's list of hints.
    Coach,
    Find,
    /// The room's panel.
    Room,
    /// Setting up a vote in the room's panel.
    RoomVote,
    /// The comparison grid.
    Compare,
}

impl Context {
    /// The context's name in `config.ron` key names.
    pub fn name(self) -> &'static str {
        match self {
            Context::Canvas => "canvas",
            Context::Text => "text",
            Context::Picker => "picker",
            Context::Help => "help",
            Context::Statement => "statement",
            Context::Export => "export",
            Context::Library => "library",
            Context::Confirm => "confirm",
            Context::Recover => "recover",
            Context::Conflict => "conflict",
            Context::Trash => "trash",
            Context::Merge => "merge",
            Context::Notes => "notes",
            Context::TestNext => "test-next",
            Context::Board => "board",
            Context::Card => "card",
            Context::Results => "results",
            Context::Coach => "coach",
            Context::Find => "find",
            Context::Room => "room",
            Context::RoomVote => "room-vote",
            Context::Compare => "compare",
        }
    }

    pub const ALL: [Context; 22] = [
        Context::Canvas,
        Context::Text,
        Context::Picker,
        Context::Help,
        Context::Statement,
        Context::Export,
        Context::Library,
        Context::Confirm,
        Context::Recover,
        Context::Conflict,
        Context::Trash,
        Context::Merge,
        Context::Notes,
        Context::TestNext,
        Context::Board,
        Context::Card,
        Context::Results,
        Context::Coach,
        Context::Find,
        Context::Room,
        Context::RoomVote,
        Context::Compare,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Context::Canvas => "On the canvas",
            Context::Text => "While typing",
            Context::Picker => "Choosing links",
            Context::Help => "In this help",
            Context::Statement => "In the statement view",
            Context::Export => "Exporting",
            Context::Library => "In the library",
            Context::Confirm => "Answering a question",
            Context::Recover => "Unsaved work found",
            Context::Conflict => "The file changed on disk",
            Context::Trash => "In the trash",
            Context::Merge => "Resolving merge conflicts",
            Context::Notes => "In the evidence notes",
            Context::TestNext => "In what to test next",
            Context::Board => "On the test board",
            Context::Card => "In a test or learning card",
            Context::Results => "Entering a test's results",
            Context::Coach => "In the coach's hints",
            Context::Find => "Finding text",
            Context::Room => "In the room's panel",
            Context::RoomVote => "Setting up a vote",
            Context::Compare => "Against the alternatives",
        }
    }
}

pub fn context_of(mode: &Mode) -> Context {
    match mode {
        Mode::Normal => Context::Canvas,
        Mode::Edit(_) => Context::Text,
        Mode::Link(_) => Context::Picker,
        Mode::Help => Context::Help,
        Mode::Statement(view) if view.edit.is_some() => Context::Text,
        Mode::Statement(_) => Context::Statement,
        Mode::Notes(view) if view.field.is_some() => Context::Text,
        Mode::Notes(_) => Context::Notes,
        Mode::TestNext(_) => Context::TestNext,
        Mode::Board(view) if view.results.as_ref().is_some_and(|r| r.edit.is_some()) => {
            Context::Text
        }
        Mode::Board(view) if view.results.is_some() => Context::Results,
        Mode::Board(view) => match &view.card {
            None => Context::Board,
            Some(card) => match card.edit {
                None => Context::Card,
                Some(CardEdit::Text(_)) => Context::Text,
                Some(CardEdit::Pick(_)) => Context::Picker,
            },
        },
        Mode::Export => Context::Export,
        Mode::Recover(_) => Context::Recover,
        Mode::Conflict => Context::Conflict,
        Mode::Merge(_) => Context::Merge,
        Mode::Coach(_) => Context::Coach,
        Mode::Find(_) => Context::Find,
        Mode::Room(panel) if panel.setup.is_some() => Context::RoomVote,
        Mode::Room(_) => Context::Room,
        Mode::Compare(view) if view.name.is_some() => Context::Text,
        Mode::Compare(_) => Context::Compare,
    }
}

/// One row of the key table.
#[derive(Debug, Clone)]
pub struct Binding {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
    /// A word or two for the footer's short list of hints.
    pub hint: Option<&'static str>,
}

/// The key table in use: the defaults with the user's changes.
#[derive(Debug, Clone)]
pub struct Keymap {
    rows: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self {
            rows: default_rows(),
        }
    }
}

static ACTIVE: OnceLock<Keymap> = OnceLock::new();

/// Makes `keymap` the table every screen uses, once, at start-up. Later
/// calls are ignored (the table cannot change under a running screen).
pub fn install(keymap: Keymap) {
    let _ = ACTIVE.set(keymap);
}

/// The table in use: the installed one, else the defaults.
pub fn active() -> &'static Keymap {
    ACTIVE.get_or_init(Keymap::default)
}

/// The rows of the table in use.
pub fn bindings() -> &'static [Binding] {
    &active().rows
}

/// The action for a key in a context, in the table in use.
pub fn resolve(context: Context, event: &KeyEvent) -> Option<Action> {
    active().resolve(context, event)
}

/// The key labels bound to an action in a context, e.g. "a" or "Enter/e".
pub fn keys_for(context: Context, action: &Action) -> Option<String> {
    active().keys_for(context, action)
}

/// The first key bound to an action in a context, as shown: what a message
/// or a dialog tells the user to press.
pub fn key_for(context: Context, action: &Action) -> String {
    active().key_for(context, action)
}

/// The short hints for the footer: (keys, help) of the rows marked as hints.
pub fn hints(context: Context) -> Vec<(String, &'static str)> {
    active().hints(context)
}

/// The footer's hints with the action each stands for, for a screen that
/// words one by its state (the library's Esc goes back to a canvas).
pub fn hint_rows(context: Context) -> Vec<(String, &'static str, Action)> {
    active().hint_rows(context)
}

/// Text with its key marks filled in from the table in use, for a message
/// shown in `context`.
pub fn fill(context: Context, text: &str) -> String {
    active().fill(context, text)
}

/// The problems found in the user's bindings: the first few said in full,
/// the rest counted, so a config of a million bad names is one short line.
#[derive(Default)]
struct Problems {
    said: Vec<String>,
    more: usize,
}

impl Problems {
    /// How many problems are said in full.
    const SAID: usize = 5;

    /// Notes a problem; its words are made only if they will be said.
    fn push(&mut self, words: impl FnOnce() -> String) {
        if self.said.len() < Self::SAID {
            self.said.push(words());
        } else {
            self.more += 1;
        }
    }

    fn said(mut self) -> Vec<String> {
        if self.more > 0 {
            let s = if self.more == 1 { "" } else { "s" };
            self.said
                .push(format!("and {} more problem{s} in keys", self.more));
        }
        self.said
    }
}

impl Keymap {
    /// The defaults with the user's bindings from `config.ron`: each entry
    /// names a row (`"link"`, or `"library.new-canvas"` for another context)
    /// and lists its keys, which replace the row's. Returns the problems:
    /// an unknown name, a key that does not parse, or a key another row of
    /// the same context already has (that entry is dropped and the row keeps
    /// its default keys); the first few in full, then how many more.
    pub fn with_user(user: &BTreeMap<String, Vec<String>>) -> (Keymap, Vec<String>) {
        let mut map = Keymap::default();
        if user.is_empty() {
            // The common case, at every start: no row's name is needed.
            return (map, Vec::new());
        }
        let mut problems = Problems::default();
        // Each row's name once, not once per entry: a config may name
        // hundreds of thousands of actions.
        let rows: std::collections::HashMap<String, usize> = map
            .rows
            .iter()
            .enumerate()
            .map(|(i, b)| (b.name(), i))
            .collect();
        for (name, keys) in user {
            let Some(&row) = rows.get(name.trim()) else {
                problems.push(|| format!("keys: no action is called \"{name}\""));
                continue;
            };
            let parsed: Result<Vec<Key>, String> = keys.iter().map(|k| Key::parse(k)).collect();
            let parsed = match parsed {
                Ok(p) if p.is_empty() => {
                    problems.push(|| format!("keys: \"{name}\" needs at least one key"));
                    continue;
                }
                Ok(p) => p,
                Err(why) => {
                    problems.push(|| format!("keys: \"{name}\": {why}"));
                    continue;
                }
            };
            let before = std::mem::replace(&mut map.rows[row].keys, parsed);
            if let Some((key, other)) = map.collision(row) {
                problems.push(|| {
                    format!(
                        "keys: {} for \"{name}\" is already \"{other}\"; \"{name}\" keeps {}",
                        key.label(),
                        before.iter().map(Key::label).collect::<Vec<_>>().join(" ")
                    )
                });
                map.rows[row].keys = before;
            }
        }
        (map, problems.said())
    }

    /// A key of row `row` that another row of its context also has.
    fn collision(&self, row: usize) -> Option<(Key, String)> {
        let this = &self.rows[row];
        self.rows
            .iter()
            .enumerate()
            .filter(|(i, b)| *i != row && b.context == this.context)
            .find_map(|(_, b)| {
                this.keys
                    .iter()
                    .find(|k| b.keys.contains(k))
                    .map(|k| (*k, b.name()))
            })
    }

    /// The rows, in table order.
    pub fn bindings(&self) -> &[Binding] {
        &self.rows
    }

    /// The action for a key in a context. While typing, any printable
    /// character that is not bound inserts itself.
    pub fn resolve(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        if let Some(b) = self
            .rows
            .iter()
            .find(|b| b.context == context && b.keys.iter().any(|k| k.matches(event)))
        {
            return Some(b.action.clone());
        }
        // Find's field is typed into like any other: the field keys of
        // "While typing" (Ctrl-u, Ctrl-w, the arrows) edit it too.
        if context == Context::Find
            && let Some(b) = self.rows.iter().find(|b| {
                b.context == Context::Text
                    && matches!(b.action, Action::Text(_))
                    && b.keys.iter().any(|k| k.matches(event))
            })
        {
            return Some(b.action.clone());
        }
        match (context, event.code) {
            (Context::Text | Context::Library | Context::Find, KeyCode::Char(c))
                if !event
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(Action::Text(TextEdit::Insert(c)))
            }
            _ => None,
        }
    }

    fn row(&self, context: Context, action: &Action) -> Option<&Binding> {
        self.rows
            .iter()
            .find(|b| b.context == context && &b.action == action)
    }

    /// The key labels bound to an action in a context, e.g. "a" or "Enter/e".
    pub fn keys_for(&self, context: Context, action: &Action) -> Option<String> {
        self.row(context, action)
            .map(|b| b.keys.iter().map(Key::label).collect::<Vec<_>>().join("/"))
    }

    /// The first key bound to an action in a context, as shown.
    pub fn key_for(&self, context: Context, action: &Action) -> String {
        self.row(context, action)
            .and_then(|b| b.keys.first())
            .map_or_else(|| "(no key)".to_owned(), Key::label)
    }

    /// The short hints for the footer: (first key, hint) of the rows marked
    /// as hints, "? help" first.
    pub fn hints(&self, context: Context) -> Vec<(String, &'static str)> {
        self.hint_rows(context)
            .into_iter()
            .map(|(key, hint, _)| (key, hint))
            .collect()
    }

    /// [`Keymap::hints`] with the action of each row.
    pub fn hint_rows(&self, context: Context) -> Vec<(String, &'static str, Action)> {
        let mut hints: Vec<(String, &'static str, Action)> = self
            .rows
            .iter()
            .filter(|b| b.context == context)
            .filter_map(|b| Some((b.keys.first()?.label(), b.hint?, b.action.clone())))
            .collect();
        // Help first: on a narrow screen it is the one hint that leads to all others.
        if let Some(i) = hints.iter().position(|(_, _, a)| *a == Action::Help) {
            let help = hints.remove(i);
            hints.insert(0, help);
        }
        hints
    }

    /// Replaces each key mark in `text` ([`crate::app::key_mark`]: an action)
    /// with the first key the table binds to it where the message is shown:
    /// the row of `context` doing that action (a user may have rebound the
    /// Notes screen's undo apart from the canvas's), else the canvas's row.
    pub fn fill(&self, context: Context, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find(KEY_MARK_OPEN) {
            out.push_str(&rest[..start]);
            let after = &rest[start + KEY_MARK_OPEN.len_utf8()..];
            let Some(end) = after.find(KEY_MARK_CLOSE) else {
                rest = after;
                break;
            };
            let name = &after[..end];
            let here = |b: &&Binding| b.context == context && b.action.name() == name;
            let label = (self.rows.iter().find(here))
                .or_else(|| self.rows.iter().find(|b| b.name() == name))
                .and_then(|b| b.keys.first())
                .map_or_else(|| "(no key)".to_owned(), Key::label);
            out.push_str(&label);
            rest = &after[end + KEY_MARK_CLOSE.len_utf8()..];
        }
        out.push_str(rest);
        out
    }
}

impl Binding {
    /// The row's name in `config.ron`: the action's name, prefixed with its
    /// context unless it is the canvas (`"link"`, `"picker.toggle"`).
    pub fn name(&self) -> String {
        match self.context {
            Context::Canvas => self.action.name(),
            other => format!("{}.{}", other.name(), self.action.name()),
        }
    }
}

#[cfg(test)]
mod tests;

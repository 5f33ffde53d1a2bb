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
mod tests {
    use super::*;
    use crate::canvas::Section;
    use ratatui::crossterm::event::KeyEvent;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn no_two_bindings_in_a_context_share_a_key() {
        for ctx in Context::ALL {
            let keys: Vec<Key> = bindings()
                .iter()
                .filter(|b| b.context == ctx)
                .flat_map(|b| b.keys.iter().copied())
                .collect();
            for (i, a) in keys.iter().enumerate() {
                for b in &keys[i + 1..] {
                    assert_ne!(a, b, "{ctx:?} binds {} twice", a.label());
                }
            }
        }
    }

    #[test]
    fn every_spec_key_resolves_on_the_canvas() {
        let cases = [
            (ev(KeyCode::Tab, KeyModifiers::NONE), Action::NextSection),
            (
                ev(KeyCode::BackTab, KeyModifiers::SHIFT),
                Action::PrevSection,
            ),
            (
                ev(KeyCode::Char('1'), KeyModifiers::NONE),
                Action::JumpTo(Section::Products),
            ),
            (
                ev(KeyCode::Char('5'), KeyModifiers::NONE),
                Action::JumpTo(Section::Pains),
            ),
            (
                ev(KeyCode::Char('6'), KeyModifiers::NONE),
                Action::JumpTo(Section::Jobs),
            ),
            (ev(KeyCode::Char('j'), KeyModifiers::NONE), Action::Down),
            (ev(KeyCode::Up, KeyModifiers::NONE), Action::Up),
            (ev(KeyCode::Char('l'), KeyModifiers::NONE), Action::Right),
            (ev(KeyCode::Char('a'), KeyModifiers::NONE), Action::Add),
            (ev(KeyCode::Enter, KeyModifiers::NONE), Action::Edit),
            (ev(KeyCode::Char('e'), KeyModifiers::NONE), Action::Edit),
            (ev(KeyCode::Char('d'), KeyModifiers::NONE), Action::Delete),
            (ev(KeyCode::Delete, KeyModifiers::NONE), Action::Delete),
            (ev(KeyCode::Char('K'), KeyModifiers::SHIFT), Action::MoveUp),
            (
                ev(KeyCode::Char('J'), KeyModifiers::SHIFT),
                Action::MoveDown,
            ),
            (ev(KeyCode::Char('+'), KeyModifiers::SHIFT), Action::LevelUp),
            (
                ev(KeyCode::Char('-'), KeyModifiers::NONE),
                Action::LevelDown,
            ),
            (
                ev(KeyCode::Char('t'), KeyModifiers::NONE),
                Action::CycleKind,
            ),
            (ev(KeyCode::Char('m'), KeyModifiers::NONE), Action::Link),
            (ev(KeyCode::Char('u'), KeyModifiers::NONE), Action::Undo),
            (ev(KeyCode::Char('r'), KeyModifiers::CONTROL), Action::Redo),
            (ev(KeyCode::Char('s'), KeyModifiers::CONTROL), Action::Save),
            (ev(KeyCode::Char('?'), KeyModifiers::SHIFT), Action::Help),
            (ev(KeyCode::Char('q'), KeyModifiers::NONE), Action::Quit),
        ];
        for (event, action) in cases {
            assert_eq!(resolve(Context::Canvas, &event), Some(action), "{event:?}");
        }
    }

    /// Find's field takes the keys of "While typing" (help lists Ctrl-u
    /// there), while its own keys (↑ ↓ between matches) come first.
    #[test]
    fn find_takes_the_typing_keys_after_its_own() {
        let find = |code, mods| resolve(Context::Find, &ev(code, mods));
        assert_eq!(
            find(KeyCode::Char('u'), KeyModifiers::CONTROL),
            Some(Action::Text(TextEdit::ClearToStart))
        );
        assert_eq!(
            find(KeyCode::Char('w'), KeyModifiers::CONTROL),
            Some(Action::Text(TextEdit::DeleteWordBack))
        );
        assert_eq!(
            find(KeyCode::Left, KeyModifiers::NONE),
            Some(Action::Text(TextEdit::Left))
        );
        assert_eq!(find(KeyCode::Up, KeyModifiers::NONE), Some(Action::Up));
        assert_eq!(
            find(KeyCode::Enter, KeyModifiers::NONE),
            Some(Action::Confirm)
        );
    }

    #[test]
    fn typing_inserts_unbound_characters_but_not_control_chords() {
        let q = ev(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(
            resolve(Context::Text, &q),
            Some(Action::Text(TextEdit::Insert('q')))
        );
        let cap = ev(KeyCode::Char('Q'), KeyModifiers::SHIFT);
        assert_eq!(
            resolve(Context::Text, &cap),
            Some(Action::Text(TextEdit::Insert('Q')))
        );
        let ctrl_x = ev(KeyCode::Char('x'), KeyModifiers::CONTROL);
        assert_eq!(resolve(Context::Text, &ctrl_x), None);
        let enter = ev(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(resolve(Context::Text, &enter), Some(Action::Confirm));
    }

    #[test]
    fn picker_space_toggles_and_help_closes() {
        let space = ev(KeyCode::Char(' '), KeyModifiers::NONE);
        assert_eq!(resolve(Context::Picker, &space), Some(Action::Toggle));
        let esc = ev(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(resolve(Context::Help, &esc), Some(Action::Cancel));
    }

    #[test]
    fn labels_read_as_people_write_keys() {
        assert_eq!(
            keys_for(Context::Canvas, &Action::Save).as_deref(),
            Some("Ctrl-s")
        );
        assert_eq!(
            keys_for(Context::Canvas, &Action::Edit).as_deref(),
            Some("Enter/e")
        );
    }

    fn user(entries: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        entries
            .iter()
            .map(|(n, ks)| {
                (
                    (*n).to_owned(),
                    ks.iter().map(|k| (*k).to_owned()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn every_row_has_a_unique_name_and_keys_that_read_back() {
        let map = Keymap::default();
        let mut names: Vec<String> = map.bindings().iter().map(Binding::name).collect();
        let all = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), all, "two rows share a name");
        for b in map.bindings() {
            for k in &b.keys {
                assert_eq!(Key::parse(&k.label()).as_ref(), Ok(k), "{}", b.name());
            }
        }
        assert!(names.contains(&"link".to_owned()));
        assert!(names.contains(&"jump-to-pains".to_owned()));
        assert!(names.contains(&"library.new-canvas".to_owned()));
    }

    #[test]
    fn a_user_binding_replaces_the_keys_and_shows_in_hints_and_help() {
        let (map, problems) = Keymap::with_user(&user(&[("link", &["L", "ctrl-l"])]));
        assert!(problems.is_empty(), "{problems:?}");
        let big_l = ev(KeyCode::Char('L'), KeyModifiers::SHIFT);
        let ctrl_l = ev(KeyCode::Char('l'), KeyModifiers::CONTROL);
        let m = ev(KeyCode::Char('m'), KeyModifiers::NONE);
        assert_eq!(map.resolve(Context::Canvas, &big_l), Some(Action::Link));
        assert_eq!(map.resolve(Context::Canvas, &ctrl_l), Some(Action::Link));
        assert_eq!(map.resolve(Context::Canvas, &m), None);
        assert!(
            map.hints(Context::Canvas)
                .contains(&("L".to_owned(), "link"))
        );
        assert_eq!(
            map.keys_for(Context::Canvas, &Action::Link).as_deref(),
            Some("L/Ctrl-l")
        );
        // A status message's mark follows the binding.
        let text = format!(
            "Added a pain — {} links it",
            crate::app::key_mark(&Action::Link)
        );
        assert_eq!(
            map.fill(Context::Canvas, &text),
            "Added a pain — L links it"
        );
        assert_eq!(
            Keymap::default().fill(Context::Canvas, &text),
            "Added a pain — m links it"
        );
    }

    /// A message shown inside another screen names that screen's key for
    /// the action, so rebinding the Notes screen's undo never makes it lie;
    /// an action the screen does not bind falls back to the canvas's key.
    #[test]
    fn a_message_names_the_key_of_the_screen_it_is_shown_in() {
        let (map, problems) = Keymap::with_user(&user(&[("notes.undo", &["z"])]));
        assert!(problems.is_empty(), "{problems:?}");
        let undo = format!(
            "Note deleted — {} brings it back",
            crate::app::key_mark(&Action::Undo)
        );
        assert_eq!(
            map.fill(Context::Notes, &undo),
            "Note deleted — z brings it back"
        );
        assert_eq!(
            map.fill(Context::Canvas, &undo),
            "Note deleted — u brings it back"
        );
        let link = crate::app::key_mark(&Action::Link);
        assert_eq!(map.fill(Context::Notes, &link), "m");
    }

    #[test]
    fn a_colliding_or_broken_user_binding_is_reported_and_the_default_kept() {
        let (map, problems) = Keymap::with_user(&user(&[
            ("link", &["a"]),
            ("undo", &["hyper-z"]),
            ("teleport", &["z"]),
            ("redo", &[]),
            ("library.new-canvas", &["ctrl-o"]),
        ]));
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|p| p.contains("no action is called \"teleport\"")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("a for \"link\" is already \"add\"") && p.contains("keeps m")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("hyper-z")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("\"redo\" needs")),
            "{problems:?}"
        );
        let m = ev(KeyCode::Char('m'), KeyModifiers::NONE);
        let a = ev(KeyCode::Char('a'), KeyModifiers::NONE);
        assert_eq!(map.resolve(Context::Canvas, &m), Some(Action::Link));
        assert_eq!(map.resolve(Context::Canvas, &a), Some(Action::Add));
        // The good entry in another context still applies.
        let ctrl_o = ev(KeyCode::Char('o'), KeyModifiers::CONTROL);
        assert_eq!(
            map.resolve(Context::Library, &ctrl_o),
            Some(Action::NewCanvas)
        );
    }
}

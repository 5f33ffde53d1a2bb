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
use super::key::{alt, code, ctrl, key};

use crate::app::{Action, CardEdit, KEY_MARK_CLOSE, KEY_MARK_OPEN, Mode, TextEdit};
use crate::canvas::Section;

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
    /// The coach's list of hints.
    Coach,
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
            Context::Coach => "coach",
        }
    }

    pub const ALL: [Context; 17] = [
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
        Context::Coach,
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
            Context::Coach => "In the coach's hints",
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

macro_rules! bind {
    ($ctx:ident, [$($k:expr),+], $action:expr, $help:literal) => {
        Binding { context: Context::$ctx, keys: vec![$($k),+], action: $action, help: $help, hint: None }
    };
    ($ctx:ident, [$($k:expr),+], $action:expr, $help:literal, hint $short:literal) => {
        Binding { context: Context::$ctx, keys: vec![$($k),+], action: $action, help: $help, hint: Some($short) }
    };
}

/// The default key table.
#[allow(clippy::too_many_lines)] // a table of rows, one binding each
fn default_rows() -> Vec<Binding> {
    use Action as A;
    use KeyCode as K;
    use Section as S;
    vec![
        bind!(Canvas, [code(K::Tab)], A::NextSection, "next section"),
        bind!(
            Canvas,
            [code(K::BackTab)],
            A::PrevSection,
            "previous section"
        ),
        bind!(
            Canvas,
            [key('1')],
            A::JumpTo(S::Products),
            "products & services"
        ),
        bind!(Canvas, [key('2')], A::JumpTo(S::Creators), "gain creators"),
        bind!(
            Canvas,
            [key('3')],
            A::JumpTo(S::Relievers),
            "pain relievers"
        ),
        bind!(Canvas, [key('4')], A::JumpTo(S::Gains), "gains"),
        bind!(Canvas, [key('5')], A::JumpTo(S::Pains), "pains"),
        bind!(Canvas, [key('6')], A::JumpTo(S::Jobs), "customer jobs"),
        bind!(Canvas, [code(K::Up), key('k')], A::Up, "previous item"),
        bind!(Canvas, [code(K::Down), key('j')], A::Down, "next item"),
        bind!(
            Canvas,
            [code(K::Left), key('h')],
            A::Left,
            "section to the left"
        ),
        bind!(
            Canvas,
            [code(K::Right), key('l')],
            A::Right,
            "section to the right"
        ),
        bind!(Canvas, [code(K::Home), key('g')], A::Top, "first item"),
        bind!(Canvas, [code(K::End), key('G')], A::Bottom, "last item"),
        bind!(Canvas, [key('a')], A::Add, "add an item below", hint "add"),
        bind!(Canvas, [code(K::Enter), key('e')], A::Edit, "edit the item's text", hint "edit"),
        bind!(Canvas, [key('d'), code(K::Delete)], A::Delete, "delete the item (undo brings it back)", hint "delete"),
        bind!(
            Canvas,
            [key('K')],
            A::MoveUp,
            "move the item up (rank higher)"
        ),
        bind!(
            Canvas,
            [key('J')],
            A::MoveDown,
            "move the item down (rank lower)"
        ),
        bind!(Canvas, [key('+'), key('=')], A::LevelUp, "raise its level"),
        bind!(Canvas, [key('-')], A::LevelDown, "lower its level"),
        bind!(Canvas, [key('t')], A::CycleKind, "cycle a job's kind"),
        bind!(Canvas, [key('m')], A::Link, "link to the other half", hint "link"),
        bind!(
            Canvas,
            [key('v')],
            A::CycleStatus,
            "evidence status: untested → testing → validated → invalidated"
        ),
        bind!(Canvas, [key('n')], A::Notes, "the item's evidence notes"),
        bind!(
            Canvas,
            [key('V')],
            A::TestNext,
            "what to test next (the riskiest assumptions)"
        ),
        bind!(
            Canvas,
            [key('b')],
            A::Board,
            "test board: test cards and learning cards"
        ),
        bind!(Canvas, [key('E')], A::EditTitle, "edit the title"),
        bind!(
            Canvas,
            [key('S')],
            A::EditSegment,
            "edit the customer segment"
        ),
        bind!(
            Canvas,
            [key('A')],
            A::EditAlternatives,
            "edit the alternatives"
        ),
        bind!(Canvas, [key('u')], A::Undo, "undo", hint "undo"),
        bind!(Canvas, [ctrl('r')], A::Redo, "redo"),
        bind!(Canvas, [ctrl('s')], A::Save, "save now"),
        bind!(Canvas, [key('y')], A::CopyItem, "copy the item's text", hint "copy"),
        bind!(
            Canvas,
            [key('Y')],
            A::CopySection,
            "copy the section as a list"
        ),
        bind!(
            Canvas,
            [key('c')],
            A::CopyCanvas,
            "copy the whole canvas as Markdown"
        ),
        bind!(Canvas, [key('s')], A::Statement, "value proposition statement", hint "statement"),
        bind!(
            Canvas,
            [key('!')],
            A::Coach,
            "the coach's hints: how to make the canvas sharper"
        ),
        bind!(
            Canvas,
            [key('x')],
            A::Export,
            "export to a file next to the canvas"
        ),
        bind!(
            Canvas,
            [key('M')],
            A::MergeConflicts,
            "merge conflicts: keep ours, theirs or both"
        ),
        bind!(Canvas, [key('o')], A::Library, "library of canvases"),
        bind!(Canvas, [key('p')], A::Projector, "projector mode on / off"),
        bind!(
            Canvas,
            [key(']')],
            A::StepNext,
            "walkthrough: next section, then the fit summary"
        ),
        bind!(
            Canvas,
            [key('[')],
            A::StepPrev,
            "walkthrough: previous section"
        ),
        bind!(
            Canvas,
            [key('T')],
            A::SetTimer,
            "workshop timer: start (minutes; 0 clears)"
        ),
        bind!(
            Canvas,
            [key('P')],
            A::PauseTimer,
            "workshop timer: pause / resume"
        ),
        bind!(Canvas, [key('?'), code(K::F(1))], A::Help, "help", hint "help"),
        bind!(Canvas, [key('q'), ctrl('c')], A::Quit, "save and quit", hint "quit"),
        bind!(Text, [code(K::Enter)], A::Confirm, "keep the text", hint "keep"),
        bind!(Text, [code(K::Esc)], A::Cancel, "cancel", hint "cancel"),
        bind!(
            Text,
            [code(K::Backspace)],
            A::Text(TextEdit::Backspace),
            "delete before the cursor"
        ),
        bind!(
            Text,
            [code(K::Delete), ctrl('d')],
            A::Text(TextEdit::Delete),
            "delete under the cursor"
        ),
        bind!(
            Text,
            [code(K::Left), ctrl('b')],
            A::Text(TextEdit::Left),
            "cursor left"
        ),
        bind!(
            Text,
            [code(K::Right), ctrl('f')],
            A::Text(TextEdit::Right),
            "cursor right"
        ),
        bind!(
            Text,
            [alt(K::Left), alt(K::Char('b'))],
            A::Text(TextEdit::WordLeft),
            "word left"
        ),
        bind!(
            Text,
            [alt(K::Right), alt(K::Char('f'))],
            A::Text(TextEdit::WordRight),
            "word right"
        ),
        bind!(
            Text,
            [code(K::Up)],
            A::Text(TextEdit::Up),
            "line up (the field wraps)"
        ),
        bind!(Text, [code(K::Down)], A::Text(TextEdit::Down), "line down"),
        bind!(
            Text,
            [code(K::Home), ctrl('a')],
            A::Text(TextEdit::Home),
            "to the start"
        ),
        bind!(
            Text,
            [code(K::End), ctrl('e')],
            A::Text(TextEdit::End),
            "to the end"
        ),
        bind!(
            Text,
            [ctrl('w'), alt(K::Backspace)],
            A::Text(TextEdit::DeleteWordBack),
            "delete the word before"
        ),
        bind!(
            Text,
            [ctrl('u')],
            A::Text(TextEdit::ClearToStart),
            "delete to the start"
        ),
        bind!(
            Text,
            [ctrl('k')],
            A::Text(TextEdit::ClearToEnd),
            "delete to the end"
        ),
        bind!(Picker, [code(K::Up), key('k')], A::Up, "previous"),
        bind!(Picker, [code(K::Down), key('j')], A::Down, "next"),
        bind!(Picker, [key(' '), key('x')], A::Toggle, "tick / untick", hint "tick"),
        bind!(Picker, [code(K::Enter)], A::Confirm, "keep these links", hint "keep"),
        bind!(Picker, [code(K::Esc), key('q')], A::Cancel, "cancel", hint "cancel"),
        bind!(Help, [code(K::Esc), key('?'), key('q'), code(K::Enter)], A::Cancel, "close the help", hint "close"),
        bind!(Help, [code(K::Up), key('k')], A::Up, "scroll up", hint "scroll"),
        bind!(
            Help,
            [code(K::Down), key('j'), key(' ')],
            A::Down,
            "scroll down"
        ),
        bind!(Help, [code(K::Home), key('g')], A::Top, "to the top"),
        bind!(Help, [code(K::End), key('G')], A::Bottom, "to the end"),
        bind!(Statement, [code(K::Up), key('k')], A::Up, "previous part"),
        bind!(Statement, [code(K::Down), key('j')], A::Down, "next part"),
        bind!(
            Statement,
            [code(K::Left), key('h')],
            A::Left,
            "previous choice"
        ),
        bind!(Statement, [code(K::Right), key('l'), key(' ')], A::Right, "next choice", hint "choose"),
        bind!(Statement, [key('y')], A::CopyItem, "copy the statement shown", hint "copy"),
        bind!(Statement, [code(K::Tab)], A::NextVariant, "next saved statement (then the proposal)", hint "variants"),
        bind!(
            Statement,
            [code(K::BackTab)],
            A::PrevVariant,
            "previous saved statement"
        ),
        bind!(Statement, [key('a')], A::SaveVariant, "save the statement shown as a new variant", hint "save"),
        bind!(Statement, [key('e'), code(K::Enter)], A::Edit, "edit its text freely", hint "edit"),
        bind!(
            Statement,
            [key('r')],
            A::RenameVariant,
            "rename the saved statement"
        ),
        bind!(
            Statement,
            [key('d'), code(K::Delete)],
            A::Delete,
            "delete the saved statement"
        ),
        bind!(Statement, [key('u')], A::Undo, "undo"),
        bind!(Statement, [ctrl('r')], A::Redo, "redo"),
        bind!(Statement, [code(K::Esc), key('s'), key('q')], A::Cancel, "close", hint "close"),
        bind!(Notes, [code(K::Up), key('k')], A::Up, "previous note"),
        bind!(Notes, [code(K::Down), key('j')], A::Down, "next note"),
        bind!(Notes, [key('a')], A::Add, "add a note", hint "add"),
        bind!(Notes, [key('e'), code(K::Enter)], A::Edit, "edit the note", hint "edit"),
        bind!(Notes, [key('d'), code(K::Delete)], A::Delete, "delete the note", hint "delete"),
        bind!(Notes, [key('u')], A::Undo, "undo"),
        bind!(Notes, [ctrl('r')], A::Redo, "redo"),
        bind!(Notes, [code(K::Esc), key('n'), key('q')], A::Cancel, "close", hint "close"),
        bind!(TestNext, [code(K::Up), key('k')], A::Up, "previous"),
        bind!(TestNext, [code(K::Down), key('j')], A::Down, "next"),
        bind!(TestNext, [code(K::Enter)], A::Confirm, "go to the item", hint "go to"),
        bind!(TestNext, [code(K::Esc), key('V'), key('q')], A::Cancel, "close", hint "close"),
        bind!(Board, [code(K::Up), key('k')], A::Up, "previous card"),
        bind!(Board, [code(K::Down), key('j')], A::Down, "next card"),
        bind!(Board, [code(K::Enter), key('e')], A::Confirm, "open the card", hint "open"),
        bind!(Board, [key('a')], A::Add, "new test card for the item selected on the canvas", hint "new test"),
        bind!(Board, [key('>')], A::NextState, "move the test on: Planned → Running → Done", hint "move on"),
        bind!(Board, [key('r')], A::RecordLearning, "record a learning from the test", hint "learning"),
        bind!(
            Board,
            [key('d'), code(K::Delete)],
            A::Delete,
            "delete the card"
        ),
        bind!(Board, [key('u')], A::Undo, "undo"),
        bind!(Board, [ctrl('r')], A::Redo, "redo"),
        bind!(Board, [code(K::Esc), key('b'), key('q')], A::Cancel, "close the board", hint "close"),
        bind!(Card, [code(K::Up), key('k')], A::Up, "previous field"),
        bind!(Card, [code(K::Down), key('j')], A::Down, "next field"),
        bind!(Card, [code(K::Enter), key('e')], A::Confirm, "edit the field (pick for lists)", hint "edit"),
        bind!(Card, [key('>')], A::NextState, "move the test on: Planned → Running → Done", hint "move on"),
        bind!(Card, [key('r')], A::RecordLearning, "record a learning from the test", hint "learning"),
        bind!(Card, [key('u')], A::Undo, "undo"),
        bind!(Card, [ctrl('r')], A::Redo, "redo"),
        bind!(Card, [code(K::Esc), key('q')], A::Cancel, "back to the board", hint "back"),
        bind!(Export, [key('m')], A::ExportAs(crate::export::Format::Md), "Markdown", hint "Markdown"),
        bind!(Export, [key('j')], A::ExportAs(crate::export::Format::Json), "JSON", hint "JSON"),
        bind!(Export, [key('t')], A::ExportAs(crate::export::Format::Txt), "plain text", hint "text"),
        bind!(Export, [key('s')], A::ExportAs(crate::export::Format::Svg), "SVG picture (slides, print)", hint "SVG"),
        bind!(Export, [key('p')], A::ExportAs(crate::export::Format::Png), "PNG picture, 3840×2160", hint "PNG"),
        bind!(Export, [key('h')], A::ExportAs(crate::export::Format::Html), "one-page HTML report", hint "HTML"),
        bind!(Export, [code(K::Esc), key('x'), key('q')], A::Cancel, "cancel", hint "cancel"),
        bind!(Library, [code(K::Up)], A::Up, "previous canvas"),
        bind!(Library, [code(K::Down)], A::Down, "next canvas"),
        bind!(Library, [code(K::Home)], A::Top, "first canvas"),
        bind!(Library, [code(K::End)], A::Bottom, "last canvas"),
        bind!(Library, [key('?'), code(K::F(1))], A::Help, "these keys", hint "help"),
        bind!(Library, [code(K::Enter)], A::Confirm, "open", hint "open"),
        bind!(Library, [ctrl('n')], A::NewCanvas, "new canvas", hint "new"),
        bind!(Library, [ctrl('e')], A::NewFromExample, "new canvas from the example", hint "example"),
        bind!(Library, [code(K::F(2)), ctrl('r')], A::RenameCanvas, "rename", hint "rename"),
        bind!(Library, [ctrl('d')], A::DuplicateCanvas, "duplicate (e.g. for a second segment)", hint "duplicate"),
        bind!(Library, [code(K::Delete)], A::Delete, "delete (to trash/)", hint "delete"),
        bind!(Library, [ctrl('z')], A::Undo, "undo the last delete"),
        bind!(Library, [ctrl('t')], A::ShowTrash, "show the trash, to restore a canvas", hint "trash"),
        bind!(
            Library,
            [code(K::Backspace)],
            A::Text(TextEdit::Backspace),
            "edit the filter"
        ),
        bind!(Library, [code(K::Esc)], A::Cancel, "clear the filter, else back to the canvas (or quit)", hint "quit"),
        bind!(Library, [ctrl('q'), ctrl('c')], A::Quit, "quit"),
        bind!(Trash, [code(K::Up)], A::Up, "previous canvas"),
        bind!(Trash, [code(K::Down)], A::Down, "next canvas"),
        bind!(Trash, [key('?'), code(K::F(1))], A::Help, "these keys", hint "help"),
        bind!(Trash, [code(K::Enter)], A::Confirm, "restore it to the library", hint "restore"),
        bind!(Trash, [code(K::Esc), ctrl('t')], A::Cancel, "back to the canvases", hint "back"),
        bind!(Trash, [ctrl('q'), ctrl('c')], A::Quit, "quit"),
        bind!(Recover, [key('r')], A::RecoverSnapshot, "recover the unsaved work", hint "recover"),
        bind!(Recover, [key('o')], A::OpenSaved, "open the saved file (keep the snapshot)", hint "open saved"),
        bind!(Recover, [key('d')], A::DiscardSnapshot, "discard the unsaved work", hint "discard"),
        bind!(Merge, [code(K::Up), key('k')], A::Up, "previous conflict"),
        bind!(Merge, [code(K::Down), key('j')], A::Down, "next conflict"),
        bind!(Merge, [key('o')], A::KeepOurs, "keep ours, drop theirs", hint "ours"),
        bind!(Merge, [key('t')], A::KeepTheirs, "keep theirs in ours' place", hint "theirs"),
        bind!(Merge, [key('b')], A::KeepBoth, "keep both", hint "both"),
        bind!(Merge, [code(K::Enter)], A::Confirm, "go to ours on the canvas", hint "go to"),
        bind!(Merge, [code(K::Esc), key('M'), key('q')], A::Cancel, "close", hint "close"),
        bind!(Conflict, [key('r')], A::ReloadFromDisk, "reload the file as it is now", hint "reload"),
        bind!(Conflict, [key('k')], A::KeepMine, "keep mine (theirs goes to .bak)", hint "keep mine"),
        bind!(Conflict, [key('c')], A::SaveCopy, "save mine as a copy, then reload", hint "copy"),
        bind!(Coach, [code(K::Up), key('k')], A::Up, "previous hint"),
        bind!(Coach, [code(K::Down), key('j')], A::Down, "next hint", hint "move"),
        bind!(Coach, [code(K::Home), key('g')], A::Top, "first hint"),
        bind!(Coach, [code(K::End), key('G')], A::Bottom, "last hint"),
        bind!(Coach, [code(K::Enter)], A::Confirm, "go to what the hint is about", hint "go there"),
        bind!(Coach, [key('d')], A::Dismiss, "dismiss the hint for its item (undoable)", hint "dismiss"),
        bind!(Coach, [code(K::Esc), key('!'), key('q')], A::Cancel, "close", hint "close"),
        bind!(Confirm, [key('y'), code(K::Enter)], A::Confirm, "yes", hint "yes"),
        bind!(Confirm, [key('n'), code(K::Esc)], A::Cancel, "no", hint "no"),
    ]
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

/// Text with its key marks filled in from the table in use.
pub fn fill(text: &str) -> String {
    active().fill(text)
}

impl Keymap {
    /// The defaults with the user's bindings from `config.ron`: each entry
    /// names a row (`"link"`, or `"library.new-canvas"` for another context)
    /// and lists its keys, which replace the row's. Returns the problems:
    /// an unknown name, a key that does not parse, or a key another row of
    /// the same context already has (that entry is dropped and the row keeps
    /// its default keys).
    pub fn with_user(user: &BTreeMap<String, Vec<String>>) -> (Keymap, Vec<String>) {
        let mut map = Keymap::default();
        let mut problems = Vec::new();
        for (name, keys) in user {
            let Some(row) = map.rows.iter().position(|b| b.name() == name.trim()) else {
                problems.push(format!("keys: no action is called \"{name}\""));
                continue;
            };
            let parsed: Result<Vec<Key>, String> = keys.iter().map(|k| Key::parse(k)).collect();
            let parsed = match parsed {
                Ok(p) if p.is_empty() => {
                    problems.push(format!("keys: \"{name}\" needs at least one key"));
                    continue;
                }
                Ok(p) => p,
                Err(why) => {
                    problems.push(format!("keys: \"{name}\": {why}"));
                    continue;
                }
            };
            let before = std::mem::replace(&mut map.rows[row].keys, parsed);
            if let Some((key, other)) = map.collision(row) {
                problems.push(format!(
                    "keys: {} for \"{name}\" is already \"{other}\"; \"{name}\" keeps {}",
                    key.label(),
                    before.iter().map(Key::label).collect::<Vec<_>>().join(" ")
                ));
                map.rows[row].keys = before;
            }
        }
        (map, problems)
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
        match (context, event.code) {
            (Context::Text | Context::Library, KeyCode::Char(c))
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
        let mut hints: Vec<(String, &'static str)> = self
            .rows
            .iter()
            .filter(|b| b.context == context)
            .filter_map(|b| Some((b.keys.first()?.label(), b.hint?)))
            .collect();
        // "? help" first: on a narrow screen it is the one hint that leads to all others.
        if let Some(i) = hints.iter().position(|(_, h)| *h == "help") {
            let help = hints.remove(i);
            hints.insert(0, help);
        }
        hints
    }

    /// Replaces each key mark in `text` ([`crate::app::key_mark`]: an action
    /// of the canvas) with the first key the table binds to it.
    pub fn fill(&self, text: &str) -> String {
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
            let label = self
                .rows
                .iter()
                .find(|b| b.name() == name)
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
        assert_eq!(map.fill(&text), "Added a pain — L links it");
        assert_eq!(Keymap::default().fill(&text), "Added a pain — m links it");
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

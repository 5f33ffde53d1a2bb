//! The default key table: every binding the editor has, one row each.

use ratatui::crossterm::event::KeyCode;

use super::super::key::{alt, code, ctrl, key};
use super::{Binding, Context};
use crate::app::{Action, TextEdit};
use crate::canvas::Section;

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
pub(super) fn default_rows() -> Vec<Binding> {
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
            [key('C')],
            A::Compare,
            "against the alternatives: scores and the value curve"
        ),
        bind!(
            Canvas,
            [key('/')],
            A::Find,
            "find text anywhere on the canvas"
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
        bind!(
            Canvas,
            [key('R')],
            A::Room,
            "the room: phones write and vote (opens it, or shows its panel)"
        ),
        bind!(Room, [key('w')], A::Write, "start a silent write round on the selected section", hint "write"),
        bind!(Room, [key('r')], A::Reveal, "reveal: the notes become items, in the order written", hint "reveal"),
        bind!(Room, [key('v')], A::Vote, "start a dot vote (the section or the customer profile)", hint "vote"),
        bind!(Room, [key('c')], A::CloseVote, "close the vote: dots become votes", hint "close vote"),
        bind!(Room, [key('o')], A::RankByVotes, "rank the section by its votes (undoable)", hint "rank"),
        bind!(Room, [key('X')], A::Close, "close the room (its pages say so)", hint "close room"),
        bind!(Room, [code(K::Esc), key('R'), key('q')], A::Cancel, "hide the panel (the room stays open)", hint "hide"),
        bind!(RoomVote, [code(K::Up), key('+'), key('k')], A::Up, "one more dot each", hint "more"),
        bind!(RoomVote, [code(K::Down), key('-'), key('j')], A::Down, "one dot fewer", hint "fewer"),
        bind!(RoomVote, [key(' '), key('1')], A::Toggle, "one dot per item, or several", hint "one per item"),
        bind!(RoomVote, [code(K::Tab)], A::NextSection, "the section, or the whole customer profile", hint "on what"),
        bind!(RoomVote, [code(K::Enter)], A::Confirm, "start the vote", hint "start"),
        bind!(RoomVote, [code(K::Esc), key('q')], A::Cancel, "back to the panel", hint "back"),
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
        bind!(Board, [key('r')], A::Results, "enter the test's results: people shown, converted, the target", hint "results"),
        bind!(Board, [key('l')], A::RecordLearning, "record a learning from the test", hint "learning"),
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
        bind!(Card, [key('r')], A::Results, "enter the test's results: people shown, converted, the target", hint "results"),
        bind!(Card, [key('l')], A::RecordLearning, "record a learning from the test", hint "learning"),
        bind!(Card, [key('u')], A::Undo, "undo"),
        bind!(Card, [ctrl('r')], A::Redo, "redo"),
        bind!(Card, [code(K::Esc), key('q')], A::Cancel, "back to the board", hint "back"),
        bind!(Results, [code(K::Up), key('k')], A::Up, "previous variant"),
        bind!(
            Results,
            [code(K::Down), key('j')],
            A::Down,
            "next variant (the target is last)"
        ),
        bind!(Results, [code(K::Left), key('h')], A::Left, "people shown"),
        bind!(
            Results,
            [code(K::Right), key('l'), code(K::Tab)],
            A::Right,
            "people converted"
        ),
        bind!(Results, [code(K::Enter), key('e')], A::Confirm, "type the number", hint "edit"),
        bind!(Results, [key('a')], A::Add, "add a variant by name (not a saved statement)", hint "add variant"),
        bind!(Results, [key('d'), code(K::Delete)], A::Delete, "clear the row's numbers (a named variant goes)", hint "clear"),
        bind!(Results, [key('u')], A::Undo, "undo"),
        bind!(Results, [ctrl('r')], A::Redo, "redo"),
        bind!(Results, [code(K::Esc), key('q'), key('r')], A::Cancel, "back to the board", hint "back"),
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
        bind!(Find, [code(K::Up)], A::Up, "previous match"),
        bind!(Find, [code(K::Down)], A::Down, "next match"),
        bind!(Find, [code(K::Enter)], A::Confirm, "go to the match", hint "go there"),
        bind!(
            Find,
            [code(K::Backspace)],
            A::Text(TextEdit::Backspace),
            "delete before the cursor (the keys “While typing” work too)"
        ),
        bind!(Find, [code(K::Esc)], A::Cancel, "close", hint "close"),
        bind!(Compare, [code(K::Up), key('k')], A::Up, "previous factor"),
        bind!(Compare, [code(K::Down), key('j')], A::Down, "next factor", hint "move"),
        bind!(
            Compare,
            [code(K::Left), key('h')],
            A::Left,
            "column to the left"
        ),
        bind!(
            Compare,
            [code(K::Right), key('l')],
            A::Right,
            "column to the right"
        ),
        bind!(Compare, [code(K::Home), key('g')], A::Top, "first factor"),
        bind!(Compare, [code(K::End), key('G')], A::Bottom, "last factor"),
        bind!(Compare, [key('0')], A::Score(0), "score 0"),
        bind!(Compare, [key('1')], A::Score(1), "score 1"),
        bind!(Compare, [key('2')], A::Score(2), "score 2"),
        bind!(Compare, [key('3')], A::Score(3), "score 3"),
        bind!(Compare, [key('4')], A::Score(4), "score 4"),
        bind!(Compare, [key('5')], A::Score(5), "score 5"),
        bind!(Compare, [key('6')], A::Score(6), "score 6"),
        bind!(Compare, [key('7')], A::Score(7), "score 7"),
        bind!(Compare, [key('8')], A::Score(8), "score 8"),
        bind!(Compare, [key('9')], A::Score(9), "score 9"),
        bind!(Compare, [key('+'), key('=')], A::ScoreUp, "raise the score by one (up to 10)", hint "step"),
        bind!(Compare, [key('-')], A::ScoreDown, "lower the score by one"),
        bind!(Compare, [code(K::Backspace), code(K::Delete)], A::ClearScore, "clear the score (not scored)", hint "clear"),
        bind!(Compare, [key('a')], A::AddAlternative, "add an alternative", hint "add"),
        bind!(Compare, [key('A')], A::RenameAlternative, "rename the selected alternative (its scores follow)", hint "rename"),
        bind!(Compare, [key('d')], A::RemoveAlternative, "remove the selected alternative and its scores (undoable)", hint "remove"),
        bind!(Compare, [key('u')], A::Undo, "undo"),
        bind!(Compare, [ctrl('r')], A::Redo, "redo"),
        bind!(Compare, [code(K::Esc), key('C'), key('q')], A::Cancel, "close", hint "close"),
        bind!(Confirm, [key('y'), code(K::Enter)], A::Confirm, "yes", hint "yes"),
        bind!(Confirm, [key('n'), code(K::Esc)], A::Cancel, "no", hint "no"),
    ]
}

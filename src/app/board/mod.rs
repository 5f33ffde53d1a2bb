//! The test board (SPEC §7): test cards and learning cards, newest first,
//! grouped by state. A test is created from the selected item, its fields
//! edited in place, its items and statements picked from lists, moved
//! Planned → Running → Done; a learning recorded from it sets the status of
//! the items it validates or invalidates. Every change is one undoable edit.

use crate::canvas::{ItemId, Learning, Section, TestCard, TestState};

mod fields;
mod results;

pub use results::{ResultColumn, ResultsForm, parse_count, parse_target};

use super::{Action, App, Effect, Mode, TextField};

/// The board: which card is selected and whether it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardView {
    /// The selected card. Stored as an id, not a row, so that an undo or a
    /// move between groups never leaves the selection on another card.
    pub selected: Option<ItemId>,
    /// The canvas item selected when the board was opened: new tests test it.
    pub from: Option<ItemId>,
    /// The selected card, open to edit its fields.
    pub card: Option<CardForm>,
    /// The selected test's results, open to edit.
    pub results: Option<ResultsForm>,
}

/// An open card: the field under the cursor and what is being edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardForm {
    /// Index into the card's [`CardField`]s.
    pub field: usize,
    pub edit: Option<CardEdit>,
}

/// A field being edited: typed text, or ids picked from a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardEdit {
    Text(TextField),
    Pick(CardPicker),
}

/// Ticking the items or statements a card names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardPicker {
    pub cursor: usize,
    pub candidates: Vec<ItemId>,
    pub chosen: Vec<ItemId>,
}

/// A group of the board, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardGroup {
    Tests(TestState),
    Learnings,
}

impl BoardGroup {
    pub const ALL: [BoardGroup; 4] = [
        BoardGroup::Tests(TestState::Running),
        BoardGroup::Tests(TestState::Planned),
        BoardGroup::Tests(TestState::Done),
        BoardGroup::Learnings,
    ];

    pub fn title(self) -> &'static str {
        match self {
            BoardGroup::Tests(TestState::Running) => "Running",
            BoardGroup::Tests(TestState::Planned) => "Planned",
            BoardGroup::Tests(TestState::Done) => "Done",
            BoardGroup::Learnings => "Learnings",
        }
    }
}

/// One card on the board: its group and its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoardEntry {
    pub group: BoardGroup,
    pub id: ItemId,
}

/// A field of a card, in the method's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardField {
    Name,
    Believe,
    Verify,
    Measure,
    RightIf,
    Items,
    Statements,
    State,
    Deadline,
    Observed,
    Learned,
    Decision,
    Date,
    Validated,
    Invalidated,
}

impl CardField {
    /// A test card's fields, in the order shown.
    pub const TEST: [CardField; 9] = [
        CardField::Name,
        CardField::Believe,
        CardField::Verify,
        CardField::Measure,
        CardField::RightIf,
        CardField::Items,
        CardField::Statements,
        CardField::State,
        CardField::Deadline,
    ];

    /// A learning card's fields, in the order shown.
    pub const LEARNING: [CardField; 6] = [
        CardField::Observed,
        CardField::Learned,
        CardField::Decision,
        CardField::Date,
        CardField::Validated,
        CardField::Invalidated,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CardField::Name => "Name",
            CardField::Believe => "We believe that",
            CardField::Verify => "To verify that, we will",
            CardField::Measure => "And measure",
            CardField::RightIf => "We are right if",
            CardField::Items => "It tests",
            CardField::Statements => "Statements it compares",
            CardField::State => "State",
            CardField::Deadline => "Deadline (YYYY-MM-DD)",
            CardField::Observed => "We observed",
            CardField::Learned => "From that we learned",
            CardField::Decision => "Therefore we will",
            CardField::Date => "Date (YYYY-MM-DD)",
            CardField::Validated => "It validates",
            CardField::Invalidated => "It invalidates",
        }
    }

    /// Whether the field is a list of ids chosen with a picker.
    pub fn is_list(self) -> bool {
        matches!(
            self,
            CardField::Items
                | CardField::Statements
                | CardField::Validated
                | CardField::Invalidated
        )
    }
}

/// The order items are offered in a picker: the customer's first, as the
/// riskiest assumptions are usually about the customer.
const PICK_ORDER: [Section; 6] = [
    Section::Pains,
    Section::Gains,
    Section::Jobs,
    Section::Relievers,
    Section::Creators,
    Section::Products,
];

impl App {
    /// Every card on the board in the order shown: tests by state (running,
    /// planned, done), then learnings, each group newest first.
    pub fn board_entries(&self) -> Vec<BoardEntry> {
        let mut out = Vec::new();
        for group in BoardGroup::ALL {
            match group {
                BoardGroup::Tests(state) => out.extend(
                    self.canvas
                        .tests
                        .iter()
                        .rev()
                        .filter(|t| t.state == state)
                        .map(|t| BoardEntry { group, id: t.id }),
                ),
                BoardGroup::Learnings => out.extend(
                    self.canvas
                        .learnings
                        .iter()
                        .rev()
                        .map(|l| BoardEntry { group, id: l.id }),
                ),
            }
        }
        out
    }

    /// The fields of the card `id`.
    pub fn card_fields(&self, id: ItemId) -> &'static [CardField] {
        if self.canvas.test(id).is_some() {
            &CardField::TEST
        } else {
            &CardField::LEARNING
        }
    }

    /// A field's value as text (lists are their items' texts, comma-joined).
    pub fn card_value(&self, id: ItemId, field: CardField) -> String {
        let names = |ids: &[ItemId]| {
            ids.iter()
                .map(|i| self.id_name(*i))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if let Some(t) = self.canvas.test(id) {
            return match field {
                CardField::Name => t.name.clone(),
                CardField::Believe => t.believe.clone(),
                CardField::Verify => t.verify.clone(),
                CardField::Measure => t.measure.clone(),
                CardField::RightIf => t.right_if.clone(),
                CardField::Items => names(&t.items),
                CardField::Statements => names(&t.statements),
                CardField::State => t.state.name().to_owned(),
                CardField::Deadline => t.deadline.map(|d| d.to_string()).unwrap_or_default(),
                _ => String::new(),
            };
        }
        let Some(l) = self.canvas.learning(id) else {
            return String::new();
        };
        match field {
            CardField::Observed => l.observed.clone(),
            CardField::Learned => l.learned.clone(),
            CardField::Decision => l.decision.clone(),
            CardField::Date => l.date.map(|d| d.to_string()).unwrap_or_default(),
            CardField::Validated => names(&l.validated),
            CardField::Invalidated => names(&l.invalidated),
            _ => String::new(),
        }
    }

    /// How an id reads in a card: an item's text, a statement's name.
    pub fn id_name(&self, id: ItemId) -> String {
        if let Some(item) = self.canvas.item(id) {
            item.text.clone()
        } else if let Some(s) = self.canvas.statement(id) {
            s.name.clone()
        } else {
            format!("#{id}")
        }
    }

    /// The card's one-line title on the board.
    pub fn card_title(&self, id: ItemId) -> String {
        if let Some(t) = self.canvas.test(id) {
            if t.name.trim().is_empty() {
                "(unnamed test)".to_owned()
            } else {
                t.name.clone()
            }
        } else if let Some(l) = self.canvas.learning(id) {
            let what = [&l.learned, &l.observed]
                .into_iter()
                .find(|s| !s.trim().is_empty())
                .cloned()
                .unwrap_or_else(|| "(nothing written yet)".to_owned());
            match l.test.and_then(|t| self.canvas.test(t)) {
                Some(t) if !t.name.trim().is_empty() => format!("{what} ({})", t.name),
                _ => what,
            }
        } else {
            String::new()
        }
    }

    pub(super) fn open_board(&mut self) {
        let from = self.selected_item().map(|i| i.id);
        let selected = self.board_entries().first().map(|e| e.id);
        self.mode = Mode::Board(BoardView {
            selected,
            from,
            card: None,
            results: None,
        });
        self.status = None;
    }

    fn board(&mut self) -> Option<&mut BoardView> {
        match &mut self.mode {
            Mode::Board(view) => Some(view),
            _ => None,
        }
    }

    pub(super) fn board_view(&mut self, action: Action) -> Vec<Effect> {
        // The selection follows its card; a card that is gone (undone,
        // deleted) gives way to the first one.
        let entries = self.board_entries();
        let Some(view) = self.board() else {
            return Vec::new();
        };
        if !view
            .selected
            .is_some_and(|id| entries.iter().any(|e| e.id == id))
        {
            view.selected = entries.first().map(|e| e.id);
            view.card = None;
            view.results = None;
        }
        let selected = view.selected;
        if let (Some(id), true) = (selected, view.results.is_some()) {
            return self.results_view(id, action);
        }
        match view.card.as_ref().map(|c| (c.field, c.edit.is_some())) {
            Some((_, true)) => self.card_editing(action),
            Some((field, false)) => match selected {
                Some(id) => self.card_open(id, field, action),
                None => Vec::new(),
            },
            None => self.board_list(&entries, selected, action),
        }
    }

    fn board_list(
        &mut self,
        entries: &[BoardEntry],
        selected: Option<ItemId>,
        action: Action,
    ) -> Vec<Effect> {
        let at = selected.and_then(|id| entries.iter().position(|e| e.id == id));
        let select = |app: &mut App, index: usize| {
            if let (Some(view), Some(e)) = (app.board(), entries.get(index)) {
                view.selected = Some(e.id);
            }
        };
        match action {
            Action::Up => select(self, at.unwrap_or(0).saturating_sub(1)),
            Action::Down => select(self, at.map_or(0, |i| i + 1)),
            Action::Top => select(self, 0),
            Action::Bottom => select(self, entries.len().saturating_sub(1)),
            Action::Confirm | Action::Edit => {
                if let Some(view) = self.board()
                    && view.selected.is_some()
                {
                    view.card = Some(CardForm {
                        field: 0,
                        edit: None,
                    });
                }
            }
            Action::Add => return self.new_test(),
            Action::NextState => return selected.map_or_else(Vec::new, |id| self.next_state(id)),
            Action::RecordLearning => {
                return selected.map_or_else(Vec::new, |id| self.new_learning(id));
            }
            Action::Results => return selected.map_or_else(Vec::new, |id| self.open_results(id)),
            Action::Delete => return selected.map_or_else(Vec::new, |id| self.delete_card(id)),
            Action::Undo => return self.undo(),
            Action::Redo => return self.redo(),
            Action::Cancel | Action::Board | Action::Quit => self.mode = Mode::Normal,
            _ => {}
        }
        Vec::new()
    }

    fn card_open(&mut self, id: ItemId, field: usize, action: Action) -> Vec<Effect> {
        let fields = self.card_fields(id);
        let set_field = |app: &mut App, f: usize| {
            if let Some(card) = app.board().and_then(|v| v.card.as_mut()) {
                card.field = f.min(fields.len() - 1);
            }
        };
        match action {
            Action::Up => set_field(self, field.saturating_sub(1)),
            Action::Down => set_field(self, field + 1),
            Action::Top => set_field(self, 0),
            Action::Bottom => set_field(self, usize::MAX),
            Action::Confirm | Action::Edit => {
                return self.start_field(id, fields[field.min(fields.len() - 1)]);
            }
            Action::NextState => return self.next_state(id),
            Action::RecordLearning => return self.new_learning(id),
            Action::Results => return self.open_results(id),
            Action::Undo => return self.undo(),
            Action::Redo => return self.redo(),
            Action::Cancel => {
                if let Some(view) = self.board() {
                    view.card = None;
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// A new test card for the item selected on the canvas, its hypothesis
    /// taken from the item's text; it opens to be filled in.
    fn new_test(&mut self) -> Vec<Effect> {
        if !self.writable() {
            return Vec::new();
        }
        let from = self
            .board()
            .and_then(|v| v.from)
            .and_then(|id| self.canvas.item(id))
            .map(|i| (i.id, i.text.clone()));
        let card = match &from {
            Some((id, text)) => TestCard {
                name: card_name(text, 40),
                believe: text.clone(),
                items: vec![*id],
                ..TestCard::default()
            },
            None => TestCard::default(),
        };
        let before = self.snapshot();
        let id = self.canvas.add_test(card);
        self.info(match from {
            Some((_, text)) => format!(
                "New test card for “{}”: say how you will verify it",
                crate::text::truncate(&text, 40)
            ),
            None => "New test card: select an item on the canvas first to test it".to_owned(),
        });
        self.open_card(id, 0);
        self.changed(before)
    }

    /// Records a learning from the test `id` (or from the test a learning
    /// comes from), dated today, and opens it to type what was observed.
    fn new_learning(&mut self, id: ItemId) -> Vec<Effect> {
        let test = match self.canvas.learning(id) {
            Some(l) => l.test,
            None => self.canvas.test(id).map(|t| t.id),
        };
        if !self.writable() {
            return Vec::new();
        }
        let before = self.snapshot();
        let learning = self.canvas.record_learning(Learning {
            test,
            date: Some(self.today),
            ..Learning::default()
        });
        self.open_card(learning, 0);
        // A measured test writes what was observed: its numbers and verdict,
        // for the user to keep or edit.
        let observed = test
            .and_then(|t| self.canvas.test(t))
            .and_then(|t| self.observed_from_results(t));
        if let Some(card) = self.board().and_then(|v| v.card.as_mut()) {
            card.edit = Some(CardEdit::Text(TextField::new(
                observed.as_deref().unwrap_or_default(),
            )));
        }
        self.info(if observed.is_some() {
            "Learning card: the numbers and what they say are written in: Enter keeps them"
        } else {
            "Learning card: what did you observe? Then pick what it validates"
        });
        self.changed(before)
    }

    fn open_card(&mut self, id: ItemId, field: usize) {
        if let Some(view) = self.board() {
            view.selected = Some(id);
            view.card = Some(CardForm { field, edit: None });
        }
    }

    fn next_state(&mut self, id: ItemId) -> Vec<Effect> {
        if self.canvas.test(id).is_none() {
            self.info("Only a test card moves: Planned → Running → Done");
            return Vec::new();
        }
        if !self.writable() {
            return Vec::new();
        }
        let before = self.snapshot();
        let Some(t) = self.canvas.test_mut(id) else {
            return Vec::new();
        };
        t.state = t.state.next();
        let message = format!(
            "“{}” is now {}",
            crate::text::truncate(&t.name, 40),
            t.state.name()
        );
        self.info(message);
        self.changed(before)
    }

    fn delete_card(&mut self, id: ItemId) -> Vec<Effect> {
        if !self.writable() {
            return Vec::new();
        }
        let noun = self.canvas.kind_of(id).map_or("card", |k| k.noun());
        let title = crate::text::truncate(&self.card_title(id), 40);
        let before = self.snapshot();
        if !self.canvas.remove_card(id) {
            return Vec::new();
        }
        self.info(format!("Deleted {noun} “{title}” — undo brings it back"));
        self.changed(before)
    }
}

/// A test card's name made from an item's text: whole words up to about
/// `max` characters, never cut mid-word and with no "…"; a short text is
/// its own name. Small words left dangling at the end ("for the") go too.
fn card_name(text: &str, max: usize) -> String {
    const DANGLING: &[&str] = &[
        "a", "an", "and", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
        "with", "without", "your", "their", "our", "every",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    if text.chars().count() <= max || words.len() < 2 {
        return words.join(" ");
    }
    let mut name: Vec<&str> = Vec::new();
    let mut len = 0;
    for w in &words {
        let next = len + usize::from(len > 0) + w.chars().count();
        if next > max && !name.is_empty() {
            break;
        }
        name.push(w);
        len = next;
    }
    while name.len() > 1
        && name
            .last()
            .is_some_and(|w| DANGLING.contains(&w.to_lowercase().trim_end_matches(',')))
    {
        name.pop();
    }
    name.join(" ")
        .trim_end_matches([',', ';', ':', '-'])
        .to_owned()
}

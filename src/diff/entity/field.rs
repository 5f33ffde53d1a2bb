//! What an entity is (its group), its fields and their values.

use crate::canvas::{
    Date, ItemId, JobKind, Level, Rate, Section, Status, TestResult, TestState, Variant,
};

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    Item(Section),
    Statement,
    Test,
    Learning,
}

impl Group {
    /// Every group, in the order documents list them: the customer profile,
    /// the value map, then the statements and the cards.
    pub fn all() -> Vec<Group> {
        crate::export::DOCUMENT_ORDER
            .into_iter()
            .map(Group::Item)
            .chain([Group::Statement, Group::Test, Group::Learning])
            .collect()
    }

    /// The heading for a list of these.
    pub fn title(self) -> &'static str {
        match self {
            Group::Item(s) => s.title(),
            Group::Statement => "Statements",
            Group::Test => "Test cards",
            Group::Learning => "Learning cards",
        }
    }

    /// The noun for one of these.
    pub fn noun(self) -> &'static str {
        match self {
            Group::Item(s) => s.noun(),
            Group::Statement => "statement",
            Group::Test => "test card",
            Group::Learning => "learning card",
        }
    }

    /// A stable key for tools (`jobs`, `pains`, …, `tests`, as in the file).
    pub fn key(self) -> &'static str {
        match self {
            Group::Item(Section::Jobs) => "jobs",
            Group::Item(Section::Pains) => "pains",
            Group::Item(Section::Gains) => "gains",
            Group::Item(Section::Products) => "products",
            Group::Item(Section::Relievers) => "relievers",
            Group::Item(Section::Creators) => "creators",
            Group::Statement => "statements",
            Group::Test => "tests",
            Group::Learning => "learnings",
        }
    }
}

/// A field of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Text,
    Level,
    Kind,
    Links,
    Status,
    Evidence,
    Dismissed,
    Name,
    Believe,
    Verify,
    Measure,
    RightIf,
    Items,
    Statements,
    State,
    Deadline,
    Test,
    Observed,
    Learned,
    Decision,
    Date,
    Validated,
    Invalidated,
    Votes,
    Ours,
    Theirs,
    Target,
    Results,
}

impl Field {
    /// The field's name as the file writes it.
    pub fn key(self, group: Group) -> &'static str {
        match (self, group) {
            (Field::Level, Group::Item(Section::Jobs)) => "importance",
            (Field::Level, Group::Item(Section::Pains)) => "severity",
            (Field::Level, Group::Item(Section::Gains)) => "relevance",
            (Field::Links, Group::Item(s)) => match s.link_target() {
                Some(Section::Jobs) => "jobs",
                Some(Section::Pains) => "pains",
                _ => "gains",
            },
            (Field::Text, _) => "text",
            (Field::Level, _) => "level",
            (Field::Kind, _) => "kind",
            (Field::Links, _) => "links",
            (Field::Status, _) => "status",
            (Field::Evidence, _) => "evidence",
            (Field::Dismissed, _) => "dismissed",
            (Field::Name, _) => "name",
            (Field::Believe, _) => "believe",
            (Field::Verify, _) => "verify",
            (Field::Measure, _) => "measure",
            (Field::RightIf, _) => "right_if",
            (Field::Items, _) => "items",
            (Field::Statements, _) => "statements",
            (Field::State, _) => "state",
            (Field::Deadline, _) => "deadline",
            (Field::Test, _) => "test",
            (Field::Observed, _) => "observed",
            (Field::Learned, _) => "learned",
            (Field::Decision, _) => "decision",
            (Field::Date, _) => "date",
            (Field::Validated, _) => "validated",
            (Field::Invalidated, _) => "invalidated",
            (Field::Votes, _) => "votes",
            (Field::Ours, _) => "ours",
            (Field::Theirs, _) => "theirs",
            (Field::Target, _) => "target",
            (Field::Results, _) => "results",
        }
    }
}

/// A field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Level(Level),
    Kind(JobKind),
    Status(Status),
    State(TestState),
    Date(Option<Date>),
    /// One reference to another entity, or none (a learning's test).
    Ref(Option<ItemId>),
    /// References to other entities: a set kept in the user's order.
    Ids(Vec<ItemId>),
    /// Short notes (evidence, dismissed rules): a set kept in order.
    Notes(Vec<String>),
    /// A count (the room's dots).
    Count(u64),
    /// A score 0–10, or not scored.
    Score(Option<u8>),
    /// Each alternative's score: a map by name, kept in the alternatives' order.
    Scores(Vec<(String, u8)>),
    /// A rate from 0 to 1, or none.
    Rate(Option<Rate>),
    /// A test's results: a map by variant.
    Results(Vec<TestResult>),
}

/// What one variant of a test is called in a diff (a statement by its id,
/// named through the labels the diff knows).
pub fn variant_key(variant: &Variant) -> String {
    match variant {
        Variant::Statement(id) => format!("statement {id}"),
        Variant::Label(label) => format!("\"{label}\""),
    }
}

/// "30 of 400" (converted of shown).
pub fn result_words(r: &TestResult) -> String {
    format!("{} of {}", r.converted, r.shown)
}

impl Value {
    /// The value as words, for a diff (sets are shown element by element instead).
    pub fn words(&self, group: Group) -> String {
        match (self, group) {
            (Value::Text(t), _) => t.clone(),
            (Value::Level(l), Group::Item(s)) => s.level_name(*l).to_owned(),
            (Value::Level(l), _) => Section::Jobs.level_name(*l).to_owned(),
            (Value::Kind(k), _) => k.name().to_owned(),
            (Value::Status(s), _) => s.name().to_owned(),
            (Value::State(s), _) => s.name().to_owned(),
            (Value::Date(d), _) => d.map_or_else(|| "none".to_owned(), |d| d.to_string()),
            (Value::Ref(r), _) => r.map_or_else(|| "none".to_owned(), |id| id.to_string()),
            (Value::Ids(ids), _) => ids
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            (Value::Notes(n), _) => n.join("; "),
            (Value::Count(n), _) => n.to_string(),
            (Value::Score(s), _) => s.map_or_else(|| "not scored".to_owned(), |s| s.to_string()),
            (Value::Scores(scores), _) => scores
                .iter()
                .map(|(name, score)| format!("{name} {score}"))
                .collect::<Vec<_>>()
                .join(", "),
            (Value::Rate(r), _) => r.map_or_else(|| "none".to_owned(), |r| r.to_string()),
            (Value::Results(rows), _) => rows
                .iter()
                .map(|r| format!("{}: {}", variant_key(&r.variant), result_words(r)))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }
}

//! A canvas as a list of entities with ids (items, saved statements, test
//! cards, learning cards), each a list of named fields. Diff and merge
//! compare field by field through this one view, so a new field is added
//! here once and both understand it.

mod field;

pub use field::{Field, Group, Value, result_words, variant_key};

use std::collections::{HashMap, HashSet};

use crate::canvas::{Canvas, Conflict, Item, ItemId, Learning, Section, Statement, TestCard};

/// One thing with an id on the canvas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entity {
    Item(Section, Item),
    Statement(Statement),
    Test(TestCard),
    Learning(Learning),
}

/// Sets `$target` from `$value` when the value has the variant the field needs.
macro_rules! put {
    ($target:expr, $value:expr, $variant:ident) => {
        if let Value::$variant(v) = $value {
            $target = v;
        }
    };
}

impl Entity {
    pub fn id(&self) -> ItemId {
        match self {
            Entity::Item(_, i) => i.id,
            Entity::Statement(s) => s.id,
            Entity::Test(t) => t.id,
            Entity::Learning(l) => l.id,
        }
    }

    pub fn group(&self) -> Group {
        match self {
            Entity::Item(s, _) => Group::Item(*s),
            Entity::Statement(_) => Group::Statement,
            Entity::Test(_) => Group::Test,
            Entity::Learning(_) => Group::Learning,
        }
    }

    /// The words that name it in a list (an item's text, a card's name).
    pub fn label(&self) -> String {
        match self {
            Entity::Item(_, i) => i.text.clone(),
            Entity::Statement(s) => s.name.clone(),
            Entity::Test(t) => t.name.clone(),
            Entity::Learning(l) => [&l.learned, &l.observed, &l.decision]
                .into_iter()
                .find(|t| !t.trim().is_empty())
                .cloned()
                .unwrap_or_default(),
        }
    }

    /// The field the label is (not repeated among an added entity's fields).
    fn label_field(&self) -> Option<Field> {
        match self {
            Entity::Item(..) => Some(Field::Text),
            Entity::Statement(_) | Entity::Test(_) => Some(Field::Name),
            Entity::Learning(_) => None,
        }
    }

    /// The fields this entity has, in the file's order.
    pub fn fields(&self) -> Vec<(Field, Value)> {
        let text = |s: &String| Value::Text(s.clone());
        match self {
            Entity::Item(section, item) => {
                let mut f = vec![(Field::Text, text(&item.text))];
                if *section == Section::Jobs {
                    f.push((Field::Kind, Value::Kind(item.kind)));
                }
                if section.has_level() {
                    f.push((Field::Level, Value::Level(item.level)));
                }
                if section.link_target().is_some() {
                    f.push((Field::Links, Value::Ids(item.links.clone())));
                }
                f.push((Field::Status, Value::Status(item.status)));
                f.push((Field::Evidence, Value::Notes(item.evidence.clone())));
                f.push((Field::Dismissed, Value::Notes(item.dismissed.clone())));
                f.push((Field::Votes, Value::Count(u64::from(item.votes))));
                if section.half() == crate::canvas::Half::CustomerProfile {
                    f.push((Field::Ours, Value::Score(item.ours)));
                    f.push((Field::Theirs, Value::Scores(item.theirs.clone())));
                }
                f
            }
            Entity::Statement(s) => {
                vec![(Field::Name, text(&s.name)), (Field::Text, text(&s.text))]
            }
            Entity::Test(t) => vec![
                (Field::Name, text(&t.name)),
                (Field::Believe, text(&t.believe)),
                (Field::Verify, text(&t.verify)),
                (Field::Measure, text(&t.measure)),
                (Field::RightIf, text(&t.right_if)),
                (Field::Items, Value::Ids(t.items.clone())),
                (Field::Statements, Value::Ids(t.statements.clone())),
                (Field::State, Value::State(t.state)),
                (Field::Deadline, Value::Date(t.deadline)),
                (Field::Target, Value::Rate(t.target)),
                (Field::Results, Value::Results(t.results.clone())),
            ],
            Entity::Learning(l) => vec![
                (Field::Test, Value::Ref(l.test)),
                (Field::Observed, text(&l.observed)),
                (Field::Learned, text(&l.learned)),
                (Field::Decision, text(&l.decision)),
                (Field::Date, Value::Date(l.date)),
                (Field::Validated, Value::Ids(l.validated.clone())),
                (Field::Invalidated, Value::Ids(l.invalidated.clone())),
            ],
        }
    }

    /// Sets one field (a field the entity does not have, or a value of the
    /// wrong kind, is ignored).
    pub fn set(&mut self, field: Field, value: Value) {
        match (self, field) {
            (Entity::Item(_, i), Field::Text) => put!(i.text, value, Text),
            (Entity::Item(_, i), Field::Level) => put!(i.level, value, Level),
            (Entity::Item(_, i), Field::Kind) => put!(i.kind, value, Kind),
            (Entity::Item(_, i), Field::Links) => put!(i.links, value, Ids),
            (Entity::Item(_, i), Field::Status) => put!(i.status, value, Status),
            (Entity::Item(_, i), Field::Evidence) => put!(i.evidence, value, Notes),
            (Entity::Item(_, i), Field::Dismissed) => put!(i.dismissed, value, Notes),
            (Entity::Item(_, i), Field::Votes) => {
                if let Value::Count(n) = value {
                    i.votes = u32::try_from(n).unwrap_or(u32::MAX);
                }
            }
            (Entity::Item(_, i), Field::Ours) => put!(i.ours, value, Score),
            (Entity::Item(_, i), Field::Theirs) => put!(i.theirs, value, Scores),
            (Entity::Test(t), Field::Target) => put!(t.target, value, Rate),
            (Entity::Test(t), Field::Results) => put!(t.results, value, Results),
            (Entity::Statement(s), Field::Name) => put!(s.name, value, Text),
            (Entity::Statement(s), Field::Text) => put!(s.text, value, Text),
            (Entity::Test(t), Field::Name) => put!(t.name, value, Text),
            (Entity::Test(t), Field::Believe) => put!(t.believe, value, Text),
            (Entity::Test(t), Field::Verify) => put!(t.verify, value, Text),
            (Entity::Test(t), Field::Measure) => put!(t.measure, value, Text),
            (Entity::Test(t), Field::RightIf) => put!(t.right_if, value, Text),
            (Entity::Test(t), Field::Items) => put!(t.items, value, Ids),
            (Entity::Test(t), Field::Statements) => put!(t.statements, value, Ids),
            (Entity::Test(t), Field::State) => put!(t.state, value, State),
            (Entity::Test(t), Field::Deadline) => put!(t.deadline, value, Date),
            (Entity::Learning(l), Field::Test) => put!(l.test, value, Ref),
            (Entity::Learning(l), Field::Observed) => put!(l.observed, value, Text),
            (Entity::Learning(l), Field::Learned) => put!(l.learned, value, Text),
            (Entity::Learning(l), Field::Decision) => put!(l.decision, value, Text),
            (Entity::Learning(l), Field::Date) => put!(l.date, value, Date),
            (Entity::Learning(l), Field::Validated) => put!(l.validated, value, Ids),
            (Entity::Learning(l), Field::Invalidated) => put!(l.invalidated, value, Ids),
            _ => {}
        }
    }

    /// Gives the entity another id.
    pub fn set_id(&mut self, id: ItemId) {
        match self {
            Entity::Item(_, i) => i.id = id,
            Entity::Statement(s) => s.id = id,
            Entity::Test(t) => t.id = id,
            Entity::Learning(l) => l.id = id,
        }
    }

    /// Every list of references the entity holds, with the group each must name
    /// (`None`: any item).
    fn reference_lists(&mut self) -> Vec<(&mut Vec<ItemId>, Option<Group>)> {
        match self {
            Entity::Item(s, i) => match s.link_target() {
                Some(target) => vec![(&mut i.links, Some(Group::Item(target)))],
                None => Vec::new(),
            },
            Entity::Statement(_) => Vec::new(),
            Entity::Test(t) => vec![
                (&mut t.items, None),
                (&mut t.statements, Some(Group::Statement)),
            ],
            Entity::Learning(l) => vec![(&mut l.validated, None), (&mut l.invalidated, None)],
        }
    }

    /// Rewrites every reference to another entity through `map`, dropping
    /// those it maps to `None`.
    pub fn remap(&mut self, map: &mut impl FnMut(ItemId) -> Option<ItemId>) {
        if let Entity::Learning(l) = self {
            l.test = l.test.and_then(&mut *map);
        }
        if let Entity::Test(t) = self {
            for r in &mut t.results {
                if let crate::canvas::Variant::Statement(id) = r.variant {
                    r.variant = match map(id) {
                        Some(new) => crate::canvas::Variant::Statement(new),
                        None => crate::canvas::Variant::Label(format!("statement {id}")),
                    };
                }
            }
        }
        for (list, _) in self.reference_lists() {
            *list = list.iter().filter_map(|id| map(*id)).collect();
        }
    }

    /// Where a reference to `id` is, a reference to its conflict copy is
    /// added right after it (`copy_of` maps ours' id to theirs' copy).
    pub fn duplicate_references(&mut self, copy_of: &HashMap<ItemId, ItemId>) {
        for (ids, _) in self.reference_lists() {
            let mut out = Vec::with_capacity(ids.len());
            for id in ids.iter() {
                out.push(*id);
                if let Some(copy) = copy_of.get(id)
                    && !ids.contains(copy)
                {
                    out.push(*copy);
                }
            }
            *ids = out;
        }
    }

    /// Drops references to what does not exist or is of the wrong kind
    /// (`group_of` says what each id names), and repeated ones.
    pub fn retain_valid(&mut self, group_of: &dyn Fn(ItemId) -> Option<Group>) {
        if let Entity::Learning(l) = self {
            l.test = l.test.filter(|t| group_of(*t) == Some(Group::Test));
        }
        self.retain_valid_lists(group_of);
        if let Entity::Test(t) = self {
            // A result whose statement the test no longer tests keeps its
            // numbers under a label; a label already there wins.
            let mut seen: Vec<crate::canvas::Variant> = Vec::new();
            for r in &mut t.results {
                if let crate::canvas::Variant::Statement(id) = r.variant
                    && !t.statements.contains(&id)
                {
                    r.variant = crate::canvas::Variant::Label(format!("statement {id}"));
                }
            }
            t.results.retain(|r| {
                let fresh = !seen.contains(&r.variant);
                seen.push(r.variant.clone());
                fresh
            });
        }
    }

    fn retain_valid_lists(&mut self, group_of: &dyn Fn(ItemId) -> Option<Group>) {
        for (list, wanted) in self.reference_lists() {
            let mut seen = HashSet::new();
            list.retain(|id| {
                let ok = match (group_of(*id), wanted) {
                    (Some(g), Some(w)) => g == w,
                    (Some(g), None) => matches!(g, Group::Item(_)),
                    (None, _) => false,
                };
                ok && seen.insert(*id)
            });
        }
    }

    /// The fields that differ from a fresh entity's: what an added one carries
    /// beyond its label.
    pub fn non_default_fields(&self) -> Vec<(Field, Value)> {
        let id = self.id();
        let fresh = match self {
            Entity::Item(s, _) => Entity::Item(*s, Item::new(id, String::new())),
            Entity::Statement(_) => Entity::Statement(Statement {
                id,
                name: String::new(),
                text: String::new(),
            }),
            Entity::Test(_) => Entity::Test(TestCard {
                id,
                ..TestCard::default()
            }),
            Entity::Learning(_) => Entity::Learning(Learning {
                id,
                ..Learning::default()
            }),
        };
        let defaults = fresh.fields();
        let label = self.label_field();
        self.fields()
            .into_iter()
            .filter(|(f, v)| {
                Some(*f) != label
                    && defaults.iter().find(|(g, _)| g == f).map(|(_, d)| d) != Some(v)
            })
            .collect()
    }
}

/// Everything with an id on the canvas, group by group, each in its order.
pub fn entities(canvas: &Canvas) -> Vec<Entity> {
    Group::all()
        .into_iter()
        .flat_map(|g| group_entities(canvas, g))
        .collect()
}

/// The entities of one group, in the user's order.
pub fn group_entities(canvas: &Canvas, group: Group) -> Vec<Entity> {
    match group {
        Group::Item(s) => canvas
            .items(s)
            .iter()
            .map(|i| Entity::Item(s, (**i).clone()))
            .collect(),
        Group::Statement => canvas
            .statements
            .iter()
            .cloned()
            .map(Entity::Statement)
            .collect(),
        Group::Test => canvas.tests.iter().cloned().map(Entity::Test).collect(),
        Group::Learning => canvas
            .learnings
            .iter()
            .cloned()
            .map(Entity::Learning)
            .collect(),
    }
}

/// The canvas-wide fields that are not entities.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Header {
    pub title: String,
    pub segment: String,
    pub alternatives: Vec<String>,
    pub conflicts: Vec<Conflict>,
}

impl Header {
    pub fn of(canvas: &Canvas) -> Self {
        Self {
            title: canvas.title.clone(),
            segment: canvas.segment.clone(),
            alternatives: canvas.alternatives.clone(),
            conflicts: canvas.conflicts.clone(),
        }
    }
}

/// Builds a canvas from its header and its entities (each group in the
/// order given).
pub fn assemble(header: Header, entities: Vec<Entity>) -> Canvas {
    let mut canvas = assemble_raw(header, entities);
    // Scores of an alternative the other side removed go with it.
    canvas.drop_orphan_scores();
    canvas
}

fn assemble_raw(header: Header, entities: Vec<Entity>) -> Canvas {
    let mut canvas = Canvas::new(header.title);
    canvas.segment = header.segment;
    canvas.alternatives = header.alternatives;
    canvas.conflicts = header.conflicts;
    for e in entities {
        match e {
            Entity::Item(s, i) => canvas.insert_item(s, usize::MAX, i),
            Entity::Statement(s) => canvas.statements.push(s),
            Entity::Test(t) => canvas.tests.push(t),
            Entity::Learning(l) => canvas.learnings.push(l),
        }
    }
    canvas
}

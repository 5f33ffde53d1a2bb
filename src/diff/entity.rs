//! A canvas as a list of entities with ids (items now; statements, test
//! cards and learning cards in format version 2), each a list of named
//! fields. Diff and merge compare field by field through this one view, so
//! a new field is added here once and both understand it.

use std::collections::{HashMap, HashSet};

use crate::canvas::{Canvas, Item, ItemId, JobKind, Level, Section};

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    Item(Section),
}

impl Group {
    /// Every group, in the order documents list them: the customer profile,
    /// then the value map (then the cards).
    pub fn all() -> Vec<Group> {
        crate::export::DOCUMENT_ORDER
            .into_iter()
            .map(Group::Item)
            .collect()
    }

    /// The heading for a list of these.
    pub fn title(self) -> &'static str {
        match self {
            Group::Item(s) => s.title(),
        }
    }

    /// The noun for one of these.
    pub fn noun(self) -> &'static str {
        match self {
            Group::Item(s) => s.noun(),
        }
    }

    /// A stable key for tools (`jobs`, `pains`, … as in the file).
    pub fn key(self) -> &'static str {
        match self {
            Group::Item(Section::Jobs) => "jobs",
            Group::Item(Section::Pains) => "pains",
            Group::Item(Section::Gains) => "gains",
            Group::Item(Section::Products) => "products",
            Group::Item(Section::Relievers) => "relievers",
            Group::Item(Section::Creators) => "creators",
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
}

impl Field {
    /// The field's name as the file writes it (links under their section's word).
    pub fn key(self, group: Group) -> &'static str {
        match (self, group) {
            (Field::Text, _) => "text",
            (Field::Level, Group::Item(Section::Jobs)) => "importance",
            (Field::Level, Group::Item(Section::Pains)) => "severity",
            (Field::Level, Group::Item(Section::Gains)) => "relevance",
            (Field::Level, _) => "level",
            (Field::Kind, _) => "kind",
            (Field::Links, Group::Item(s)) => match s.link_target() {
                Some(Section::Jobs) => "jobs",
                Some(Section::Pains) => "pains",
                _ => "gains",
            },
        }
    }
}

/// A field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Level(Level),
    Kind(JobKind),
    /// References to other entities, a set kept in the user's order.
    Ids(Vec<ItemId>),
}

impl Value {
    /// Whether the value is a set (merged element by element, never in conflict).
    pub fn is_set(&self) -> bool {
        matches!(self, Value::Ids(_))
    }

    /// The value as words, for a diff (sets are shown element by element instead).
    pub fn words(&self, group: Group) -> String {
        match (self, group) {
            (Value::Text(t), _) => t.clone(),
            (Value::Level(l), Group::Item(s)) => s.level_name(*l).to_owned(),
            (Value::Kind(k), _) => k.name().to_owned(),
            (Value::Ids(ids), _) => ids
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// One thing with an id on the canvas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entity {
    Item(Section, Item),
}

impl Entity {
    pub fn id(&self) -> ItemId {
        match self {
            Entity::Item(_, i) => i.id,
        }
    }

    pub fn group(&self) -> Group {
        match self {
            Entity::Item(s, _) => Group::Item(*s),
        }
    }

    /// The words that name it in a list (an item's text, a card's name).
    pub fn label(&self) -> &str {
        match self {
            Entity::Item(_, i) => &i.text,
        }
    }

    /// The fields this entity has, in the file's order.
    pub fn fields(&self) -> Vec<(Field, Value)> {
        match self {
            Entity::Item(section, item) => {
                let mut f = vec![(Field::Text, Value::Text(item.text.clone()))];
                if *section == Section::Jobs {
                    f.push((Field::Kind, Value::Kind(item.kind)));
                }
                if section.has_level() {
                    f.push((Field::Level, Value::Level(item.level)));
                }
                if section.link_target().is_some() {
                    f.push((Field::Links, Value::Ids(item.links.clone())));
                }
                f
            }
        }
    }

    /// Sets one field (a field the entity does not have is ignored).
    pub fn set(&mut self, field: Field, value: Value) {
        match (self, field, value) {
            (Entity::Item(_, i), Field::Text, Value::Text(t)) => i.text = t,
            (Entity::Item(_, i), Field::Level, Value::Level(l)) => i.level = l,
            (Entity::Item(_, i), Field::Kind, Value::Kind(k)) => i.kind = k,
            (Entity::Item(_, i), Field::Links, Value::Ids(ids)) => i.links = ids,
            _ => {}
        }
    }

    /// Gives the entity another id.
    pub fn set_id(&mut self, id: ItemId) {
        match self {
            Entity::Item(_, i) => i.id = id,
        }
    }

    /// Rewrites every reference to another entity through `map`, dropping
    /// those it maps to `None`.
    pub fn remap(&mut self, map: &mut impl FnMut(ItemId) -> Option<ItemId>) {
        match self {
            Entity::Item(_, i) => i.links = i.links.iter().filter_map(|l| map(*l)).collect(),
        }
    }

    /// Where a reference to `id` is, a reference to its conflict copy is
    /// added right after it (`copy_of` maps ours' id to theirs' copy).
    pub fn duplicate_references(&mut self, copy_of: &HashMap<ItemId, ItemId>) {
        let double = |ids: &mut Vec<ItemId>| {
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
        };
        match self {
            Entity::Item(_, i) => double(&mut i.links),
        }
    }

    /// Drops references to what does not exist or is of the wrong kind
    /// (`group_of` says what each id names).
    pub fn retain_valid(&mut self, group_of: &dyn Fn(ItemId) -> Option<Group>) {
        match self {
            Entity::Item(s, i) => {
                let target = s.link_target().map(Group::Item);
                i.links
                    .retain(|l| target.is_some() && group_of(*l) == target);
                let mut seen = HashSet::new();
                i.links.retain(|l| seen.insert(*l));
            }
        }
    }

    /// The fields that differ from a fresh entity's: what an added one carries
    /// beyond its text.
    pub fn non_default_fields(&self) -> Vec<(Field, Value)> {
        let fresh = match self {
            Entity::Item(s, i) => Entity::Item(*s, Item::new(i.id, i.text.clone())),
        };
        let defaults = fresh.fields();
        self.fields()
            .into_iter()
            .filter(|(f, v)| {
                *f != Field::Text
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
            .map(|i| Entity::Item(s, i.clone()))
            .collect(),
    }
}

/// The canvas-wide fields that are not entities.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Header {
    pub title: String,
    pub segment: String,
    pub alternatives: Vec<String>,
}

impl Header {
    pub fn of(canvas: &Canvas) -> Self {
        Self {
            title: canvas.title.clone(),
            segment: canvas.segment.clone(),
            alternatives: canvas.alternatives.clone(),
        }
    }
}

/// Builds a canvas from its header and its entities (each group in the
/// order given).
pub fn assemble(header: Header, entities: Vec<Entity>) -> Canvas {
    let mut canvas = Canvas::new(header.title);
    canvas.segment = header.segment;
    canvas.alternatives = header.alternatives;
    for e in entities {
        match e {
            Entity::Item(s, i) => canvas.insert_item(s, usize::MAX, i),
        }
    }
    canvas
}

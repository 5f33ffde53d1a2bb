//! The Value Proposition Canvas as data: six sections of ranked items and the
//! links from the value map to the customer profile.
//!
//! Pure domain: no terminal, no file I/O. [`file`](mod@file) converts to and from the
//! public RON format and validates what it reads.

mod cards;
#[cfg(test)]
pub(crate) mod changes;
mod evidence;
pub mod file;
mod list;
mod measures;
mod section;

pub use cards::{
    Conflict, Date, DateError, HeaderConflict, Learning, Statement, Status, TestCard, TestState,
};
pub use measures::{MAX_SCORE, Rate, TestResult, Theirs, Variant, sort_by_alternatives};
pub use section::{Half, JobKind, Level, Section};

use std::sync::Arc;

use list::List;
pub use list::changed_run;

use serde::Serialize;

/// A canvas-wide identifier; positive and unique across all six sections.
pub type ItemId = u32;

/// The newest format version this program reads and writes. A canvas is
/// written with the lowest version that holds what it uses: nothing of
/// versions 2 or 3 is still written as version 1 (SPEC §2, §10).
pub const FORMAT_VERSION: u32 = 3;

/// One statement on the canvas: a job, pain, gain, product, reliever or creator.
///
/// Every section shares this shape so the editor can treat them alike; fields that
/// a section does not use keep their defaults and are not written to the file
/// (`kind` is for jobs only; `level` is not used by the value map; `links` live on
/// the value-map side only and point to jobs, pains or gains).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub id: ItemId,
    pub text: String,
    pub level: Level,
    pub kind: JobKind,
    pub links: Vec<ItemId>,
    /// The state of the assumption the item states (format version 2).
    pub status: Status,
    /// Short notes of what was heard, seen or measured, and where.
    pub evidence: Vec<String>,
    /// Coach rule ids the user turned off for this item.
    pub dismissed: Vec<String>,
    /// The dots the room gave it (format version 3).
    pub votes: u32,
    /// How well our offer does on this job, pain or gain, 0–10; `None`: not scored.
    pub ours: Option<u8>,
    /// The same for each alternative, keyed by its exact name.
    pub theirs: Theirs,
}

impl Item {
    pub fn new(id: ItemId, text: impl Into<String>) -> Self {
        Self {
            id,
            text: text.into(),
            level: Level::Medium,
            kind: JobKind::Functional,
            links: Vec::new(),
            status: Status::Untested,
            evidence: Vec::new(),
            dismissed: Vec::new(),
            votes: 0,
            ours: None,
            theirs: Vec::new(),
        }
    }

    /// Whether the item uses any field of format version 2.
    pub fn uses_v2(&self) -> bool {
        self.status != Status::Untested || !self.evidence.is_empty() || !self.dismissed.is_empty()
    }

    /// Whether the item uses any field of format version 3.
    pub fn uses_v3(&self) -> bool {
        self.votes != 0 || self.ours.is_some() || !self.theirs.is_empty()
    }

    /// The score an alternative has on this item, if scored.
    pub fn score_of(&self, alternative: &str) -> Option<u8> {
        self.theirs
            .iter()
            .find(|(name, _)| name == alternative)
            .map(|(_, score)| *score)
    }

    #[must_use]
    pub fn with_level(mut self, level: Level) -> Self {
        self.level = level;
        self
    }

    #[must_use]
    pub fn with_kind(mut self, kind: JobKind) -> Self {
        self.kind = kind;
        self
    }

    #[must_use]
    pub fn with_links(mut self, links: Vec<ItemId>) -> Self {
        self.links = links;
        self
    }

    #[must_use]
    pub fn with_status(mut self, status: Status) -> Self {
        self.status = status;
        self
    }
}

/// What an id names: an item of a section, or one of the version 2 cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Item(Section),
    Statement,
    Test,
    Learning,
}

impl IdKind {
    /// The noun for messages ("pain", "statement", "test card", …).
    pub fn noun(self) -> &'static str {
        match self {
            IdKind::Item(section) => section.noun(),
            IdKind::Statement => "statement",
            IdKind::Test => "test card",
            IdKind::Learning => "learning card",
        }
    }
}

/// Where an item sits: its section and its position (0 = top = most important).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub section: Section,
    pub index: usize,
}

/// A whole canvas: title, segment, alternatives and the six sections.
#[derive(Debug, Clone, Default)]
pub struct Canvas {
    pub title: String,
    pub segment: String,
    /// What the customer uses today (the "unlike …" of the statement).
    pub alternatives: Vec<String>,
    /// Shared copy-on-write, so the undo history's snapshots share every
    /// section an edit did not touch instead of copying the whole canvas;
    /// each with an index of its ids, so a lookup by id does not scan.
    sections: [List; 6],
    /// Saved value proposition statements (A/B variants), in the user's order.
    pub statements: Vec<Statement>,
    /// Test cards, oldest first (views show them newest first).
    pub tests: Vec<TestCard>,
    /// Learning cards, oldest first.
    pub learnings: Vec<Learning>,
    /// Pairs a merge could not decide; the editor resolves them.
    pub conflicts: Vec<Conflict>,
    /// The title or segment a merge could not decide: theirs, kept here
    /// while the canvas shows ours; the editor resolves them.
    pub header_conflicts: Vec<HeaderConflict>,
    /// The highest id handed out, so a deleted item's id is never given to
    /// a new one (a diff or another tool could mistake one for the other).
    /// Bookkeeping, not content: equality ignores it.
    highest_issued: ItemId,
}

impl PartialEq for Canvas {
    fn eq(&self, other: &Self) -> bool {
        self.title == other.title
            && self.segment == other.segment
            && self.alternatives == other.alternatives
            && self.sections == other.sections
            && self.statements == other.statements
            && self.tests == other.tests
            && self.learnings == other.learnings
            && self.conflicts == other.conflicts
            && self.header_conflicts == other.header_conflicts
    }
}

impl Eq for Canvas {}

impl Canvas {
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            ..Self::default()
        }
    }

    /// The items of one section, in the user's ranking order. Each is
    /// shared between the canvas and its undo snapshots until it changes.
    pub fn items(&self, section: Section) -> &[Arc<Item>] {
        self.sections[section.index()].items()
    }

    /// All items with their sections, in section order.
    pub fn all_items(&self) -> impl Iterator<Item = (Section, &Item)> {
        Section::ALL
            .into_iter()
            .flat_map(move |s| self.items(s).iter().map(move |i| (s, &**i)))
    }

    pub fn item_count(&self) -> usize {
        self.sections.iter().map(List::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.item_count() == 0
    }

    /// Finds an item by id: one probe of each section's index.
    pub fn position_of(&self, id: ItemId) -> Option<Position> {
        Section::ALL.into_iter().find_map(|section| {
            self.sections[section.index()]
                .find(id)
                .map(|index| Position { section, index })
        })
    }

    /// Where `id` sits in `section`, if it is there: one probe, for callers
    /// that know which section to look in.
    pub fn index_in(&self, section: Section, id: ItemId) -> Option<usize> {
        self.sections[section.index()].find(id)
    }

    pub fn item(&self, id: ItemId) -> Option<&Item> {
        let p = self.position_of(id)?;
        self.items(p.section).get(p.index).map(|i| &**i)
    }

    fn item_mut(&mut self, id: ItemId) -> Option<&mut Item> {
        let p = self.position_of(id)?;
        self.sections[p.section.index()].get_mut(p.index)
    }

    /// The next unused id: one past the largest in the canvas, or, when a
    /// hand-edited file already uses the largest possible id, the smallest free one.
    pub fn next_id(&self) -> ItemId {
        let max = self.all_ids().max().unwrap_or(0).max(self.highest_issued);
        max.checked_add(1).unwrap_or_else(|| {
            let used: std::collections::HashSet<ItemId> = self.all_ids().collect();
            (1..ItemId::MAX)
                .find(|id| !used.contains(id))
                .unwrap_or(max)
        })
    }

    /// Every id in use: items, statements, test cards and learning cards.
    pub fn all_ids(&self) -> impl Iterator<Item = ItemId> + '_ {
        self.all_items()
            .map(|(_, i)| i.id)
            .chain(self.statements.iter().map(|s| s.id))
            .chain(self.tests.iter().map(|t| t.id))
            .chain(self.learnings.iter().map(|l| l.id))
    }

    /// Hands out a fresh id (never one used before in this canvas).
    pub fn issue_id(&mut self) -> ItemId {
        let id = self.next_id();
        self.highest_issued = self.highest_issued.max(id);
        id
    }

    /// Adds an item with a fresh id at `index` (clamped to the section's end).
    pub fn insert(&mut self, section: Section, index: usize, text: impl Into<String>) -> ItemId {
        let id = self.issue_id();
        self.insert_item(section, index, Item::new(id, text));
        id
    }

    /// Adds an existing item (e.g. when loading or undoing). Links are kept as given.
    pub fn insert_item(&mut self, section: Section, index: usize, item: Item) {
        self.sections[section.index()].insert(index, item);
    }

    /// Appends an item with a fresh id at the bottom of a section.
    pub fn push(&mut self, section: Section, text: impl Into<String>) -> ItemId {
        let end = self.items(section).len();
        self.insert(section, end, text)
    }

    /// Replaces an item's text. Returns false when the id is unknown.
    pub fn set_text(&mut self, id: ItemId, text: impl Into<String>) -> bool {
        self.item_mut(id).map(|i| i.text = text.into()).is_some()
    }

    /// Removes an item and every link to it. Returns where it was and what it was.
    pub fn remove(&mut self, id: ItemId) -> Option<(Position, Item)> {
        let pos = self.position_of(id)?;
        let item = self.sections[pos.section.index()].remove(pos.index);
        for list in &mut self.sections {
            list.unlink(id);
        }
        self.forget_references(id);
        Some((pos, item))
    }

    /// Moves an item up (negative) or down (positive) within its section,
    /// clamped to the ends. Returns its new index.
    pub fn move_by(&mut self, id: ItemId, delta: isize) -> Option<usize> {
        let pos = self.position_of(id)?;
        let list = &mut self.sections[pos.section.index()];
        let target = pos
            .index
            .saturating_add_signed(delta)
            .min(list.len().saturating_sub(1));
        list.shift(pos.index, target);
        Some(target)
    }

    /// Raises (`up = true`) or lowers an item's level; false when it cannot move
    /// further or the section has no levels.
    pub fn shift_level(&mut self, id: ItemId, up: bool) -> bool {
        let Some(pos) = self.position_of(id) else {
            return false;
        };
        if !pos.section.has_level() {
            return false;
        }
        let Some(item) = self.item_mut(id) else {
            return false;
        };
        let next = if up {
            item.level.raised()
        } else {
            item.level.lowered()
        };
        match next {
            Some(level) => {
                item.level = level;
                true
            }
            None => false,
        }
    }

    /// Sets an item's level directly (no-op for sections without levels).
    pub fn set_level(&mut self, id: ItemId, level: Level) -> bool {
        match self.position_of(id) {
            Some(pos) if pos.section.has_level() => {
                self.item_mut(id).map(|i| i.level = level).is_some()
            }
            _ => false,
        }
    }

    /// Cycles a job's kind (Functional → Social → Emotional → Supporting → …).
    pub fn cycle_kind(&mut self, id: ItemId) -> bool {
        match self.position_of(id) {
            Some(pos) if pos.section == Section::Jobs => {
                self.item_mut(id).map(|i| i.kind = i.kind.next()).is_some()
            }
            _ => false,
        }
    }

    /// Whether `a` and `b` are linked (in either order).
    pub fn is_linked(&self, a: ItemId, b: ItemId) -> bool {
        self.link_pair(a, b)
            .and_then(|(from, to)| self.item(from).map(|i| i.links.contains(&to)))
            .unwrap_or(false)
    }

    /// Orders a pair as (value-map item, customer item) when they can be linked:
    /// product–job, reliever–pain, creator–gain.
    fn link_pair(&self, a: ItemId, b: ItemId) -> Option<(ItemId, ItemId)> {
        let sa = self.position_of(a)?.section;
        let sb = self.position_of(b)?.section;
        if sa.link_target() == Some(sb) {
            Some((a, b))
        } else if sb.link_target() == Some(sa) {
            Some((b, a))
        } else {
            None
        }
    }

    /// Links or unlinks two items (in either order). Returns false when the pair
    /// cannot be linked (wrong sections or unknown ids).
    pub fn set_link(&mut self, a: ItemId, b: ItemId, linked: bool) -> bool {
        let Some((from, to)) = self.link_pair(a, b) else {
            return false;
        };
        let Some(item) = self.item_mut(from) else {
            return false;
        };
        let has = item.links.contains(&to);
        if linked && !has {
            item.links.push(to);
        } else if !linked && has {
            item.links.retain(|l| *l != to);
        }
        true
    }

    pub fn toggle_link(&mut self, a: ItemId, b: ItemId) -> bool {
        let linked = self.is_linked(a, b);
        self.set_link(a, b, !linked)
    }

    /// The items linked to `id` on the other half, in the other section's order.
    pub fn linked_to(&self, id: ItemId) -> Vec<ItemId> {
        let Some(pos) = self.position_of(id) else {
            return Vec::new();
        };
        // This runs on every frame. A value-map item names its links: look
        // each up and sort them by place. A customer item's linkers are
        // found by one pass over the other section.
        let other = pos.section.counterpart();
        match self.items(pos.section).get(pos.index) {
            Some(item) if pos.section.link_target().is_some() => {
                let mut found: Vec<(usize, ItemId)> = item
                    .links
                    .iter()
                    .filter_map(|&l| self.sections[other.index()].find(l).map(|index| (index, l)))
                    .collect();
                found.sort_unstable();
                found.dedup();
                found.into_iter().map(|(_, id)| id).collect()
            }
            _ => self
                .items(other)
                .iter()
                .filter(|o| o.links.contains(&id))
                .map(|o| o.id)
                .collect(),
        }
    }

    /// Whether `other` holds this very section (not a copy): true when no
    /// edit has touched it since one canvas was cloned from the other. Lets
    /// derived views (the coach) skip what did not change.
    pub fn shares_section(&self, other: &Canvas, section: Section) -> bool {
        self.sections[section.index()].shares(&other.sections[section.index()])
    }

    /// Mutable access to a whole section, for tests; the section's index is
    /// rebuilt when the guard is dropped.
    #[cfg(test)]
    pub(crate) fn section_mut(&mut self, section: Section) -> list::SectionMut<'_> {
        list::SectionMut {
            list: &mut self.sections[section.index()],
        }
    }

    /// Replaces a whole section's items.
    pub(crate) fn set_items(&mut self, section: Section, items: Vec<Item>) {
        self.sections[section.index()].replace(items);
    }
}

#[cfg(test)]
mod tests;

//! What changed between two versions of a canvas, by item rather than by
//! line (SPEC §9): added, removed, edited, moved in rank, fields and links
//! changed, and what that did to the fit. Pure: two canvases in, a
//! [`CanvasDiff`] out; [`render`] turns it into text, JSON or Markdown.

pub mod entity;
mod render;
mod textconv;

pub use render::{DiffFormat, render};
pub use textconv::textconv;

use std::collections::{HashMap, HashSet};

use crate::canvas::{Canvas, Conflict, ItemId};
use crate::fit::{FitReport, Flagged, analyze};

use entity::{Entity, Field, Group, Header, Value, entities};

/// Another entity named in a change: its id and its label (text or name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    pub id: ItemId,
    pub text: String,
}

/// One field that changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldChange {
    /// A single value: old → new, in words.
    Value {
        field: Field,
        old: String,
        new: String,
    },
    /// A set of references: what was added and removed.
    Refs {
        field: Field,
        added: Vec<Ref>,
        removed: Vec<Ref>,
    },
    /// A set of notes (evidence, dismissed rules): what was added and removed.
    Notes {
        field: Field,
        added: Vec<String>,
        removed: Vec<String>,
    },
    /// A map (the alternatives' scores, a test's results): each key whose
    /// value changed, old → new in words ("none" when absent on one side).
    Entries { field: Field, changed: Vec<Entry> },
}

/// One key of a map field that changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The alternative's name, or the variant ("statement 7", "\"Control\"").
    pub key: String,
    pub old: String,
    pub new: String,
}

/// The keys whose values differ between two maps, in the new map's order
/// then the keys only the old one has; values in words, "none" when absent.
fn entries<K: PartialEq, V: PartialEq>(
    old: &[(K, V)],
    new: &[(K, V)],
    key: impl Fn(&K) -> String,
    words: impl Fn(&V) -> String,
) -> Vec<Entry> {
    let find = |list: &[(K, V)], k: &K| list.iter().find(|(x, _)| x == k).map(|(_, v)| words(v));
    let none = || "none".to_owned();
    let mut out = Vec::new();
    for (k, v) in new {
        let before = find(old, k);
        if before.as_deref() != Some(words(v).as_str()) {
            out.push(Entry {
                key: key(k),
                old: before.unwrap_or_else(none),
                new: words(v),
            });
        }
    }
    for (k, v) in old {
        if !new.iter().any(|(x, _)| x == k) {
            out.push(Entry {
                key: key(k),
                old: words(v),
                new: none(),
            });
        }
    }
    out
}

/// A test's results as a map from variant to the row.
fn result_map(rows: &[crate::canvas::TestResult]) -> Vec<(crate::canvas::Variant, String)> {
    rows.iter()
        .map(|r| (r.variant.clone(), entity::result_words(r)))
        .collect()
}

/// What happened to one entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// New in the new version, at `rank` (1 = top), with what it carries
    /// beyond its text.
    Added {
        rank: usize,
        fields: Vec<FieldChange>,
    },
    /// Gone from the new version; it was at `rank`.
    Removed { rank: usize },
    /// In both, with these differences.
    Changed {
        fields: Vec<FieldChange>,
        /// Ranks old → new when it moved relative to the others (not merely
        /// shifted by an insertion or removal above it).
        moved: Option<(usize, usize)>,
    },
}

/// One entity's change, named by group, id and its label (the new one, or
/// the old one when removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityChange {
    pub group: Group,
    pub id: ItemId,
    pub label: String,
    pub change: Change,
}

/// A share before and after (0.0–1.0).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Shift {
    pub old: f64,
    pub new: f64,
}

impl Shift {
    pub fn changed(self) -> bool {
        (self.old - self.new).abs() > 1e-9
    }
}

/// What the changes did to the fit.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FitChange {
    pub pains: Shift,
    pub gains: Shift,
    /// The evidenced coverages (a pain counts when it and a reliever are validated).
    pub pains_evidenced: Shift,
    pub gains_evidenced: Shift,
    /// Pains that have no reliever now but had one (or are new).
    pub now_unrelieved: Vec<Flagged>,
    /// Pains that were unrelieved and have a reliever now.
    pub now_relieved: Vec<Flagged>,
    /// Gains that have no creator now but had one (or are new).
    pub now_uncreated: Vec<Flagged>,
    /// Gains that were uncreated and have a creator now.
    pub now_created: Vec<Flagged>,
}

/// Everything that changed between two canvases.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CanvasDiff {
    pub title: Option<(String, String)>,
    pub segment: Option<(String, String)>,
    pub alternatives_added: Vec<String>,
    pub alternatives_removed: Vec<String>,
    /// Group by group in document order; within a group removed first, then
    /// the new version's order.
    pub changes: Vec<EntityChange>,
    /// Merge conflicts (ours, theirs) opened and resolved.
    pub conflicts_added: Vec<(Ref, Ref)>,
    pub conflicts_removed: Vec<(Ref, Ref)>,
    pub fit: FitChange,
}

impl CanvasDiff {
    pub fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.segment.is_none()
            && self.alternatives_added.is_empty()
            && self.alternatives_removed.is_empty()
            && self.changes.is_empty()
            && self.conflicts_added.is_empty()
            && self.conflicts_removed.is_empty()
    }
}

/// Compares two versions of a canvas.
pub fn diff(old: &Canvas, new: &Canvas) -> CanvasDiff {
    let (ho, hn) = (Header::of(old), Header::of(new));
    let (eo, en) = (entities(old), entities(new));
    let labels = Labels::new(&eo, &en);
    let new_ids: HashSet<ItemId> = en.iter().map(Entity::id).collect();
    let removed: HashSet<ItemId> = eo
        .iter()
        .map(Entity::id)
        .filter(|id| !new_ids.contains(id))
        .collect();
    let mut changes = Vec::new();
    for group in Group::all() {
        let olds: Vec<&Entity> = eo.iter().filter(|e| e.group() == group).collect();
        let news: Vec<&Entity> = en.iter().filter(|e| e.group() == group).collect();
        let context = Context {
            labels: &labels,
            removed: &removed,
        };
        group_changes(group, &olds, &news, &context, &mut changes);
    }
    CanvasDiff {
        title: (ho.title != hn.title).then(|| (ho.title.clone(), hn.title.clone())),
        segment: (ho.segment != hn.segment).then(|| (ho.segment.clone(), hn.segment.clone())),
        alternatives_added: minus(&hn.alternatives, &ho.alternatives),
        alternatives_removed: minus(&ho.alternatives, &hn.alternatives),
        changes,
        conflicts_added: conflict_refs(&hn.conflicts, &ho.conflicts, &labels),
        conflicts_removed: conflict_refs(&ho.conflicts, &hn.conflicts, &labels),
        fit: fit_change(&analyze(old), &analyze(new), new),
    }
}

/// The conflicts of `a` not in `b`, named.
fn conflict_refs(a: &[Conflict], b: &[Conflict], labels: &Labels) -> Vec<(Ref, Ref)> {
    a.iter()
        .filter(|c| !b.contains(c))
        .map(|c| (labels.of(c.ours), labels.of(c.theirs)))
        .collect()
}

/// The elements of `a` not in `b`, in `a`'s order.
fn minus(a: &[String], b: &[String]) -> Vec<String> {
    a.iter().filter(|x| !b.contains(x)).cloned().collect()
}

/// Labels of every entity in either version, to name link targets (the
/// new label wins; a removed target keeps its old one).
struct Labels(HashMap<ItemId, String>);

impl Labels {
    fn new(old: &[Entity], new: &[Entity]) -> Self {
        let mut map = HashMap::new();
        for e in old.iter().chain(new) {
            map.insert(e.id(), e.label());
        }
        Self(map)
    }

    fn of(&self, id: ItemId) -> Ref {
        Ref {
            id,
            text: self.0.get(&id).cloned().unwrap_or_default(),
        }
    }
}

/// What every group's comparison needs to know about the whole canvas.
struct Context<'a> {
    labels: &'a Labels,
    /// Ids in the old version only.
    removed: &'a HashSet<ItemId>,
}

fn group_changes(
    group: Group,
    olds: &[&Entity],
    news: &[&Entity],
    cx: &Context,
    out: &mut Vec<EntityChange>,
) {
    let old_at: HashMap<ItemId, usize> =
        olds.iter().enumerate().map(|(n, e)| (e.id(), n)).collect();
    let new_ids: HashSet<ItemId> = news.iter().map(|e| e.id()).collect();
    for (n, e) in olds.iter().enumerate() {
        if !new_ids.contains(&e.id()) {
            out.push(EntityChange {
                group,
                id: e.id(),
                label: e.label(),
                change: Change::Removed { rank: n + 1 },
            });
        }
    }
    let moved = moved_ids(news, &old_at);
    for (n, e) in news.iter().enumerate() {
        let change = match old_at.get(&e.id()) {
            None => Change::Added {
                rank: n + 1,
                fields: e
                    .non_default_fields()
                    .into_iter()
                    .map(|(field, v)| added_field(group, field, &v, cx.labels))
                    .collect(),
            },
            Some(&o) => {
                let fields = field_changes(group, olds[o], e, cx);
                let moved = moved.contains(&e.id()).then_some((o + 1, n + 1));
                if fields.is_empty() && moved.is_none() {
                    continue;
                }
                Change::Changed { fields, moved }
            }
        };
        out.push(EntityChange {
            group,
            id: e.id(),
            label: e.label(),
            change,
        });
    }
}

/// A variant as a reader knows it: a statement by its name.
fn variant_label(v: &crate::canvas::Variant, labels: &Labels) -> String {
    match v {
        crate::canvas::Variant::Statement(id) => {
            let name = labels.of(*id).text;
            if name.trim().is_empty() {
                entity::variant_key(v)
            } else {
                name
            }
        }
        crate::canvas::Variant::Label(l) => l.clone(),
    }
}

fn added_field(group: Group, field: Field, v: &Value, labels: &Labels) -> FieldChange {
    match v {
        Value::Scores(scores) => FieldChange::Entries {
            field,
            changed: entries(&[], scores, Clone::clone, ToString::to_string),
        },
        Value::Results(rows) => FieldChange::Entries {
            field,
            changed: entries(
                &[],
                &result_map(rows),
                |v| variant_label(v, labels),
                Clone::clone,
            ),
        },
        Value::Ids(ids) => FieldChange::Refs {
            field,
            added: ids.iter().map(|id| labels.of(*id)).collect(),
            removed: Vec::new(),
        },
        Value::Notes(notes) => FieldChange::Notes {
            field,
            added: notes.clone(),
            removed: Vec::new(),
        },
        v => FieldChange::Value {
            field,
            old: String::new(),
            new: v.words(group),
        },
    }
}

/// The field-by-field differences of one entity. A link between items that
/// vanished because its target was removed is not repeated here: the removal
/// says it. A card is read apart from the canvas, so what a removal took off
/// it is told on the card.
fn field_changes(group: Group, old: &Entity, new: &Entity, cx: &Context) -> Vec<FieldChange> {
    let none = HashSet::new();
    let labels = cx.labels;
    let removed = if matches!(group, Group::Item(_)) {
        cx.removed
    } else {
        &none
    };
    let old_fields = old.fields();
    let mut out = Vec::new();
    for (field, nv) in new.fields() {
        let Some((_, ov)) = old_fields.iter().find(|(f, _)| *f == field) else {
            continue;
        };
        if *ov == nv {
            continue;
        }
        match (ov, &nv) {
            (Value::Ids(o), Value::Ids(n)) => {
                let added: Vec<Ref> = n
                    .iter()
                    .filter(|id| !o.contains(id))
                    .map(|id| labels.of(*id))
                    .collect();
                let gone: Vec<Ref> = o
                    .iter()
                    .filter(|id| !n.contains(id) && !removed.contains(id))
                    .map(|id| labels.of(*id))
                    .collect();
                if !added.is_empty() || !gone.is_empty() {
                    out.push(FieldChange::Refs {
                        field,
                        added,
                        removed: gone,
                    });
                }
            }
            (Value::Notes(o), Value::Notes(n)) => out.push(FieldChange::Notes {
                field,
                added: minus(n, o),
                removed: minus(o, n),
            }),
            (Value::Scores(o), Value::Scores(n)) => out.push(FieldChange::Entries {
                field,
                changed: entries(o, n, Clone::clone, ToString::to_string),
            }),
            (Value::Results(o), Value::Results(n)) => out.push(FieldChange::Entries {
                field,
                changed: entries(
                    &result_map(o),
                    &result_map(n),
                    |v| variant_label(v, labels),
                    Clone::clone,
                ),
            }),
            (ov, nv) => out.push(FieldChange::Value {
                field,
                old: ov.words(group),
                new: nv.words(group),
            }),
        }
    }
    out
}

/// The entities that moved relative to the others: those outside the
/// longest run of common entities that kept their old order.
fn moved_ids(news: &[&Entity], old_at: &HashMap<ItemId, usize>) -> HashSet<ItemId> {
    let common: Vec<(ItemId, usize)> = news
        .iter()
        .filter_map(|e| old_at.get(&e.id()).map(|&o| (e.id(), o)))
        .collect();
    let keep = longest_increasing(&common.iter().map(|(_, o)| *o).collect::<Vec<_>>());
    common
        .iter()
        .enumerate()
        .filter(|(n, _)| !keep.contains(n))
        .map(|(_, (id, _))| *id)
        .collect()
}

/// The positions of one longest strictly increasing subsequence (patience
/// sorting, O(n log n), so a reordered 10,000-item section stays fast).
/// Ties prefer the earliest elements, so a single item moved down is the one
/// reported, not all those it jumped over.
fn longest_increasing(xs: &[usize]) -> HashSet<usize> {
    let mut tails: Vec<usize> = Vec::new(); // index into xs of the tail of each length
    let mut prev: Vec<Option<usize>> = vec![None; xs.len()];
    for (i, &x) in xs.iter().enumerate() {
        let pos = tails.partition_point(|&t| xs[t] < x);
        prev[i] = pos.checked_sub(1).map(|p| tails[p]);
        if pos == tails.len() {
            tails.push(i);
        } else {
            tails[pos] = i;
        }
    }
    let mut keep = HashSet::new();
    let mut at = tails.last().copied();
    while let Some(i) = at {
        keep.insert(i);
        at = prev[i];
    }
    keep
}

fn fit_change(old: &FitReport, new: &FitReport, new_canvas: &Canvas) -> FitChange {
    let shift = |o: f64, n: f64| Shift { old: o, new: n };
    let ids = |l: &[Flagged]| l.iter().map(|f| f.id).collect::<HashSet<_>>();
    let became = |now: &[Flagged], before: &[Flagged]| {
        let before = ids(before);
        now.iter()
            .filter(|f| !before.contains(&f.id))
            .cloned()
            .collect::<Vec<_>>()
    };
    // Flagged before, still there, and no longer flagged.
    let cleared = |before: &[Flagged], now: &[Flagged]| {
        let now = ids(now);
        before
            .iter()
            .filter(|f| !now.contains(&f.id))
            .filter_map(|f| {
                new_canvas.item(f.id).map(|i| Flagged {
                    id: f.id,
                    text: i.text.clone(),
                })
            })
            .collect::<Vec<_>>()
    };
    FitChange {
        pains: shift(old.pains.ratio(), new.pains.ratio()),
        gains: shift(old.gains.ratio(), new.gains.ratio()),
        pains_evidenced: shift(old.pains_evidenced.ratio(), new.pains_evidenced.ratio()),
        gains_evidenced: shift(old.gains_evidenced.ratio(), new.gains_evidenced.ratio()),
        now_unrelieved: became(&new.pains_without_relievers, &old.pains_without_relievers),
        now_relieved: cleared(&old.pains_without_relievers, &new.pains_without_relievers),
        now_uncreated: became(&new.gains_without_creators, &old.gains_without_creators),
        now_created: cleared(&old.gains_without_creators, &new.gains_without_creators),
    }
}

#[cfg(test)]
mod tests;

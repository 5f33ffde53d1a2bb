//! A three-way merge of canvases by id (SPEC §9), as git's merge driver
//! needs: changes to different items or to different fields of one item
//! merge; items added on both sides are all kept, theirs renumbered where
//! ids collide; a deletion against an untouched item deletes, against an
//! edit keeps the edit. A field changed differently on both sides keeps
//! ours, adds theirs as a new item right after it and records the pair as a
//! conflict. The result is always a valid canvas. Pure: canvases in, a
//! canvas out.

mod order;
mod resolve;

pub use resolve::{Difference, Resolution, differences, differences_text, resolve, resolve_header};

use std::collections::{HashMap, HashSet};

use crate::canvas::{Canvas, Conflict, HeaderConflict, ItemId};
use crate::canvas::{TestResult, Variant};
use crate::diff::entity::{Entity, Field, Group, Header, Value, assemble, entities};

/// A merge's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub canvas: Canvas,
    /// The pairs this merge could not decide: ours kept in place, theirs
    /// added right after it with a new id.
    pub conflicts: Vec<(ItemId, ItemId)>,
    /// Canvas-wide fields both sides changed differently (title, segment):
    /// ours is kept, and these say what theirs was.
    pub header_conflicts: Vec<String>,
    /// Theirs' new ids that collided with ours' new ids: old → new.
    pub renumbered: Vec<(ItemId, ItemId)>,
}

impl Merged {
    /// Whether a person has to look at the result.
    pub fn has_conflicts(&self) -> bool {
        !self.conflicts.is_empty() || !self.header_conflicts.is_empty()
    }
}

/// Why a merge produced no canvas (a bug guard: the result is validated
/// before it is returned, so git can fall back to its own conflict).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the merged canvas would not be valid ({0}); nothing was written")]
pub struct MergeError(String);

/// Hands out ids never used by any of the three versions.
struct Fresh {
    used: HashSet<ItemId>,
    next: ItemId,
}

impl Fresh {
    fn new(all: impl Iterator<Item = ItemId>) -> Self {
        let used: HashSet<ItemId> = all.collect();
        let next = used.iter().max().copied().unwrap_or(0);
        Self { used, next }
    }

    fn take(&mut self) -> ItemId {
        loop {
            self.next = self.next.checked_add(1).unwrap_or(1);
            if self.used.insert(self.next) {
                return self.next;
            }
        }
    }
}

type Index<'a> = HashMap<ItemId, &'a Entity>;

fn index(list: &[Entity]) -> Index<'_> {
    list.iter().map(|e| (e.id(), e)).collect()
}

/// Merges `ours` and `theirs`, two descendants of `base`.
pub fn merge(base: &Canvas, ours: &Canvas, theirs: &Canvas) -> Result<Merged, MergeError> {
    let (eb, eo, mut et) = (entities(base), entities(ours), entities(theirs));
    let mut fresh = Fresh::new(eb.iter().chain(&eo).chain(&et).map(Entity::id));
    let renumbered = renumber_collisions(&eb, &eo, &mut et, &mut fresh);
    let Survivors {
        kept,
        conflicts,
        copies,
    } = survivors(&eb, &eo, &et, &mut fresh);
    let (ordered, groups) = arrange(&eb, &eo, &et, kept, &copies, &conflicts);

    let mut their_header = Header::of(theirs);
    let renumber: HashMap<ItemId, ItemId> = renumbered.iter().copied().collect();
    for c in &mut their_header.conflicts {
        c.ours = renumber.get(&c.ours).copied().unwrap_or(c.ours);
        c.theirs = renumber.get(&c.theirs).copied().unwrap_or(c.theirs);
    }
    let (mut header, header_conflicts) =
        merge_header(&Header::of(base), &Header::of(ours), &their_header);
    // Pairs left open before stay open while both ends exist; this merge's join them.
    header
        .conflicts
        .retain(|c| groups.contains_key(&c.ours) && groups.contains_key(&c.theirs));
    for &(ours, theirs) in &conflicts {
        header.conflicts.push(Conflict { ours, theirs });
    }
    let mut canvas = assemble(header, ordered);
    canvas.header_conflicts = header_conflicts_of(base, ours, theirs);
    crate::canvas::file::validate(&canvas).map_err(|e| MergeError(e.to_string()))?;
    Ok(Merged {
        canvas,
        conflicts,
        header_conflicts,
        renumbered,
    })
}

/// What survives a merge, and in which version.
struct Survivors {
    kept: HashMap<ItemId, Entity>,
    /// (ours, theirs' copy) for each entity changed differently on both sides.
    conflicts: Vec<(ItemId, ItemId)>,
    /// Theirs' copies of the conflicted, each after the id of ours.
    copies: Vec<(ItemId, Entity)>,
}

/// Decides, id by id, which version of each entity the merge keeps.
fn survivors(eb: &[Entity], eo: &[Entity], et: &[Entity], fresh: &mut Fresh) -> Survivors {
    let (b, o, t) = (index(eb), index(eo), index(et));
    let mut out = Survivors {
        kept: HashMap::new(),
        conflicts: Vec::new(),
        copies: Vec::new(),
    };
    let all_ids: Vec<ItemId> = {
        let mut seen = HashSet::new();
        eo.iter()
            .chain(et)
            .chain(eb)
            .map(Entity::id)
            .filter(|id| seen.insert(*id))
            .collect()
    };
    let kept = &mut out.kept;
    for id in all_ids {
        match (b.get(&id), o.get(&id), t.get(&id)) {
            // Ours reused a base id for something new: theirs' version of
            // the old one was renumbered if it was edited, so ours stays.
            (Some(be), Some(oe), Some(_)) if oe.group() != be.group() => {
                kept.insert(id, (*oe).clone());
            }
            // Theirs reused it while ours left the old one untouched.
            (Some(be), Some(_), Some(te)) if te.group() != be.group() => {
                kept.insert(id, (*te).clone());
            }
            (Some(be), Some(oe), Some(te)) => {
                let (merged, conflicted) = merge_entity(be, oe, te);
                if conflicted {
                    let mut copy = (*te).clone();
                    let copy_id = fresh.take();
                    copy.set_id(copy_id);
                    out.conflicts.push((id, copy_id));
                    out.copies.push((id, copy));
                }
                kept.insert(id, merged);
            }
            (Some(be), Some(oe), None) => {
                if !untouched(oe, be, &o) {
                    kept.insert(id, (*oe).clone());
                }
            }
            (Some(be), None, Some(te)) => {
                if !untouched(te, be, &t) {
                    kept.insert(id, (*te).clone());
                }
            }
            (_, Some(oe), _) => {
                kept.insert(id, (*oe).clone());
            }
            (_, None, Some(te)) => {
                kept.insert(id, (*te).clone());
            }
            (_, None, None) => {}
        }
    }
    out
}

/// The survivors in order, group by group, each conflict copy right after
/// its ours; references made to follow the copies and cleared of what is
/// gone. With the group of every id that is left.
fn arrange(
    eb: &[Entity],
    eo: &[Entity],
    et: &[Entity],
    mut kept: HashMap<ItemId, Entity>,
    copies: &[(ItemId, Entity)],
    conflicts: &[(ItemId, ItemId)],
) -> (Vec<Entity>, HashMap<ItemId, Group>) {
    let mut ordered: Vec<Entity> = Vec::with_capacity(kept.len() + copies.len());
    // Theirs' copies by the id they follow: looked up once per survivor
    // (a scan of every copy per survivor took minutes when all conflicted).
    let mut copies_after: HashMap<ItemId, Vec<&Entity>> = HashMap::new();
    for (after, copy) in copies {
        copies_after.entry(*after).or_default().push(copy);
    }
    for group in Group::all() {
        let ids = order::merged_order(group, eb, eo, et, &kept);
        for id in ids {
            if let Some(e) = kept.remove(&id) {
                ordered.push(e);
                for copy in copies_after.get(&id).into_iter().flatten() {
                    ordered.push((*copy).clone());
                }
            }
        }
    }
    // Anything whose group changed and so was not placed goes at its group's end.
    let mut rest: Vec<Entity> = kept.into_values().collect();
    rest.sort_by_key(Entity::id);
    ordered.extend(rest);
    // A conflict copy of something others refer to is referred to as well,
    // so keeping theirs later loses no link.
    let copy_of: HashMap<ItemId, ItemId> = conflicts.iter().copied().collect();
    for e in &mut ordered {
        e.duplicate_references(&copy_of);
    }
    // References to what is gone, or of the wrong kind, are dropped.
    let groups: HashMap<ItemId, Group> = ordered.iter().map(|e| (e.id(), e.group())).collect();
    for e in &mut ordered {
        e.retain_valid(&|id| groups.get(&id).copied());
    }
    (ordered, groups)
}

/// Gives theirs' new entities whose ids ours also used for something new
/// (and different) fresh ids, and makes theirs' references follow.
fn renumber_collisions(
    base: &[Entity],
    ours: &[Entity],
    theirs: &mut [Entity],
    fresh: &mut Fresh,
) -> Vec<(ItemId, ItemId)> {
    let b = index(base);
    let o = index(ours);
    let mut map: HashMap<ItemId, ItemId> = HashMap::new();
    let t = index(theirs);
    for e in theirs.iter() {
        let id = e.id();
        let Some(oe) = o.get(&id) else { continue };
        let collides = match b.get(&id) {
            // New on theirs (or an id reused for another kind of thing):
            // it collides with whatever else ours has under that id.
            None => **oe != *e,
            Some(be) if be.group() != e.group() => {
                if oe.group() == be.group() {
                    // Ours still has the base entity: it stays only if edited.
                    !untouched(oe, be, &o)
                } else {
                    **oe != *e
                }
            }
            // Theirs' version of a base entity whose id ours reused for
            // something new: it survives separately if theirs edited it.
            Some(be) => oe.group() != be.group() && !untouched(e, be, &t),
        };
        if collides {
            map.insert(id, fresh.take());
        }
    }
    if map.is_empty() {
        return Vec::new();
    }
    for e in theirs.iter_mut() {
        if let Some(&new) = map.get(&e.id()) {
            e.set_id(new);
        }
        e.remap(&mut |id| Some(map.get(&id).copied().unwrap_or(id)));
    }
    let mut pairs: Vec<(ItemId, ItemId)> = map.into_iter().collect();
    pairs.sort_unstable();
    pairs
}

/// Whether a side left an entity as it was in the base, not counting
/// references that side lost only because it deleted their targets.
fn untouched(side: &Entity, base: &Entity, side_index: &Index) -> bool {
    if side.group() != base.group() {
        return false;
    }
    let mut base = base.clone();
    base.remap(&mut |id| side_index.contains_key(&id).then_some(id));
    *side == base
}

/// Merges one entity present in all three versions, field by field. Returns
/// ours with the merged fields, and whether any field conflicted (then the
/// conflicting fields keep ours).
fn merge_entity(base: &Entity, ours: &Entity, theirs: &Entity) -> (Entity, bool) {
    if ours.group() != theirs.group() {
        return ((*ours).clone(), true);
    }
    let (bf, tf) = (base.fields(), theirs.fields());
    let find = |list: &[(Field, Value)], f: Field| {
        list.iter().find(|(g, _)| *g == f).map(|(_, v)| v.clone())
    };
    let mut merged = (*ours).clone();
    let mut conflicted = false;
    for (field, ov) in ours.fields() {
        let (Some(bv), Some(tv)) = (find(&bf, field), find(&tf, field)) else {
            continue;
        };
        let value = match (&bv, &ov, &tv) {
            (Value::Ids(b), Value::Ids(o), Value::Ids(t)) => Value::Ids(merge_set(b, o, t)),
            (Value::Notes(b), Value::Notes(o), Value::Notes(t)) => Value::Notes(merge_set(b, o, t)),
            // Dots from two rooms add up: each side's new dots count.
            (Value::Count(b), Value::Count(o), Value::Count(t)) => {
                Value::Count((o + t).saturating_sub(*b))
            }
            // Each alternative's score, and each variant's result, is a field of its own.
            (Value::Scores(b), Value::Scores(o), Value::Scores(t)) => {
                let (scores, clash) = merge_map(b, o, t);
                conflicted |= clash;
                Value::Scores(scores)
            }
            (Value::Results(b), Value::Results(o), Value::Results(t)) => {
                let rows = |r: &[TestResult]| -> Vec<(Variant, (u64, u64))> {
                    r.iter()
                        .map(|r| (r.variant.clone(), (r.shown, r.converted)))
                        .collect()
                };
                let (merged, clash) = merge_map(&rows(b), &rows(o), &rows(t));
                conflicted |= clash;
                Value::Results(
                    merged
                        .into_iter()
                        .map(|(variant, (shown, converted))| TestResult {
                            variant,
                            shown,
                            converted,
                        })
                        .collect(),
                )
            }
            _ if ov == tv || tv == bv => ov,
            _ if ov == bv => tv,
            _ => {
                conflicted = true;
                ov
            }
        };
        merged.set(field, value);
    }
    (merged, conflicted)
}

/// A three-way merge of a map kept in order, key by key: a key either side
/// changed takes that side's value (absent: removed); both sides changing
/// one key differently keeps ours and reports a conflict. Ours' order, then
/// theirs' new keys.
pub(crate) fn merge_map<K: PartialEq + Clone, V: PartialEq + Clone>(
    base: &[(K, V)],
    ours: &[(K, V)],
    theirs: &[(K, V)],
) -> (Vec<(K, V)>, bool) {
    let get = |list: &[(K, V)], k: &K| list.iter().find(|(x, _)| x == k).map(|(_, v)| v.clone());
    let mut keys: Vec<K> = Vec::new();
    for (k, _) in ours.iter().chain(theirs).chain(base) {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
    let mut conflicted = false;
    let mut out = Vec::new();
    for k in keys {
        let (b, o, t) = (get(base, &k), get(ours, &k), get(theirs, &k));
        let value = if o == t || t == b {
            o
        } else if o == b {
            t
        } else {
            conflicted = true;
            o
        };
        if let Some(v) = value {
            out.push((k, v));
        }
    }
    (out, conflicted)
}

/// A three-way merge of a set kept in order: what either side added is in,
/// what either side removed is out; ours' order, then theirs' additions.
pub(crate) fn merge_set<T: PartialEq + Clone>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
    let keep = |x: &T| {
        (ours.contains(x) && theirs.contains(x))
            || (!base.contains(x) && (ours.contains(x) || theirs.contains(x)))
    };
    let mut out: Vec<T> = Vec::new();
    for x in ours.iter().chain(theirs) {
        if keep(x) && !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

fn merge_header(base: &Header, ours: &Header, theirs: &Header) -> (Header, Vec<String>) {
    let mut notes = Vec::new();
    let mut pick = |name: &str, b: &String, o: &String, t: &String| {
        if o == t || t == b {
            o.clone()
        } else if o == b {
            t.clone()
        } else {
            notes.push(format!(
                "the {name} was changed on both sides: kept ours \"{}\", theirs was \"{}\"",
                crate::text::visible(o),
                crate::text::visible(t)
            ));
            o.clone()
        }
    };
    let header = Header {
        title: pick("title", &base.title, &ours.title, &theirs.title),
        segment: pick("segment", &base.segment, &ours.segment, &theirs.segment),
        alternatives: merge_set(&base.alternatives, &ours.alternatives, &theirs.alternatives),
        conflicts: merge_set(&base.conflicts, &ours.conflicts, &theirs.conflicts),
    };
    (header, notes)
}

/// The title and segment conflicts of the merge: those either side left
/// open (unless resolved on one side since the base), then this merge's,
/// where both sides changed the field differently (ours is the canvas's).
fn header_conflicts_of(base: &Canvas, ours: &Canvas, theirs: &Canvas) -> Vec<HeaderConflict> {
    let mut out = merge_set(
        &base.header_conflicts,
        &ours.header_conflicts,
        &theirs.header_conflicts,
    );
    let clash = |b: &String, o: &String, t: &String| o != t && t != b && o != b;
    if clash(&base.title, &ours.title, &theirs.title) {
        out.push(HeaderConflict::Title(theirs.title.clone()));
    }
    if clash(&base.segment, &ours.segment, &theirs.segment) {
        out.push(HeaderConflict::Segment(theirs.segment.clone()));
    }
    let mut seen = HashSet::new();
    out.retain(|c| seen.insert(c.clone()));
    out
}

#[cfg(test)]
mod tests;

//! The order of a merged group: ours, with theirs' insertions right after
//! their predecessor in theirs. When only theirs reordered the items they
//! share with the base, theirs' order is the skeleton instead, so a move
//! made on one branch is merged like any other change.

use std::collections::{HashMap, HashSet};

use crate::canvas::ItemId;
use crate::diff::entity::{Entity, Group};

fn sequence(list: &[Entity], group: Group) -> Vec<ItemId> {
    list.iter()
        .filter(|e| e.group() == group)
        .map(Entity::id)
        .collect()
}

/// Whether `side` puts the items it shares with `base` in another order.
fn reordered(base: &[ItemId], side: &[ItemId]) -> bool {
    let in_side: HashSet<ItemId> = side.iter().copied().collect();
    let in_base: HashSet<ItemId> = base.iter().copied().collect();
    let a = base.iter().filter(|id| in_side.contains(id));
    let b = side.iter().filter(|id| in_base.contains(id));
    !a.eq(b)
}

/// The ids of `group`'s kept entities, in merged order.
pub(super) fn merged_order(
    group: Group,
    base: &[Entity],
    ours: &[Entity],
    theirs: &[Entity],
    kept: &HashMap<ItemId, Entity>,
) -> Vec<ItemId> {
    let (b, o, t) = (
        sequence(base, group),
        sequence(ours, group),
        sequence(theirs, group),
    );
    let (skeleton, other) = if !reordered(&b, &o) && reordered(&b, &t) {
        (t, o)
    } else {
        (o, t)
    };
    let here = |id: &ItemId| kept.get(id).is_some_and(|e| e.group() == group);
    let skeleton: Vec<ItemId> = skeleton.into_iter().filter(here).collect();
    let placed: HashSet<ItemId> = skeleton.iter().copied().collect();
    // Each insertion follows the nearest item before it (in its own side)
    // that the skeleton has; runs keep their order.
    let mut front = Vec::new();
    let mut after: HashMap<ItemId, Vec<ItemId>> = HashMap::new();
    let mut anchor: Option<ItemId> = None;
    let other_ids = other;
    for &id in &other_ids {
        if placed.contains(&id) {
            anchor = Some(id);
        } else if here(&id) {
            match anchor {
                Some(a) => after.entry(a).or_default().push(id),
                None => front.push(id),
            }
        }
    }
    // A run goes after its anchor and after ours' own insertions that follow
    // it (ours first where both sides inserted at the same place): it is
    // let out just before the next item both sides share.
    let shared: HashSet<ItemId> = other_ids
        .iter()
        .copied()
        .filter(|id| placed.contains(id))
        .collect();
    let mut out = Vec::with_capacity(skeleton.len() + front.len());
    let mut pending = front;
    for id in skeleton {
        if shared.contains(&id) {
            out.append(&mut pending);
        }
        out.push(id);
        if let Some(mut run) = after.remove(&id) {
            pending.append(&mut run);
        }
    }
    out.append(&mut pending);
    out
}

//! One section's items in the user's order, with an index of where each id
//! sits, so that every lookup by id is one hash probe instead of a scan.
//!
//! Everything is shared copy-on-write: a canvas clone (an undo snapshot)
//! copies nothing; an edit copies the list of pointers and the one item it
//! changes, never the other items (so a long undo history of a large canvas
//! holds each unchanged item once), and an edit that moves no item (its
//! text, level, links, status) leaves the index shared. Every change goes
//! through a method here, which keeps the index true to the items.

use std::collections::HashMap;
use std::ops::Range;
#[cfg(test)]
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use super::{Item, ItemId};

#[derive(Debug, Clone, Default)]
pub(super) struct List {
    items: Arc<Vec<Arc<Item>>>,
    /// id → its index in `items`. Ids are unique in a canvas (the loader
    /// rejects a file that repeats one, and new items get fresh ids); a
    /// whole-list rebuild keeps a repeated id's first place, as a scan would.
    at: Arc<HashMap<ItemId, u32>>,
}

impl PartialEq for List {
    fn eq(&self, other: &Self) -> bool {
        // The index follows from the items.
        self.items == other.items
    }
}

impl Eq for List {}

impl List {
    pub(super) fn items(&self) -> &[Arc<Item>] {
        &self.items
    }

    pub(super) fn len(&self) -> usize {
        self.items.len()
    }

    /// Where `id` sits, if it is in this section.
    pub(super) fn find(&self, id: ItemId) -> Option<usize> {
        self.at.get(&id).map(|&i| i as usize)
    }

    pub(super) fn get_mut(&mut self, index: usize) -> Option<&mut Item> {
        Arc::make_mut(&mut self.items)
            .get_mut(index)
            .map(Arc::make_mut)
    }

    /// Drops every link to `id`, copying only the items that had one (and
    /// the list only when one did).
    pub(super) fn unlink(&mut self, id: ItemId) {
        if !self.items.iter().any(|o| o.links.contains(&id)) {
            return;
        }
        for item in Arc::make_mut(&mut self.items) {
            if item.links.contains(&id) {
                Arc::make_mut(item).links.retain(|l| *l != id);
            }
        }
    }

    /// Inserts `item` at `index` (clamped to the end); returns where it went.
    pub(super) fn insert(&mut self, index: usize, item: Item) -> usize {
        let items = Arc::make_mut(&mut self.items);
        let index = index.min(items.len());
        items.insert(index, Arc::new(item));
        self.reindex(index..self.items.len());
        index
    }

    pub(super) fn remove(&mut self, index: usize) -> Item {
        let item = Arc::make_mut(&mut self.items).remove(index);
        let at = Arc::make_mut(&mut self.at);
        if at.get(&item.id) == Some(&(index as u32)) {
            at.remove(&item.id);
        }
        self.reindex(index..self.items.len());
        Arc::unwrap_or_clone(item)
    }

    /// Moves the item at `from` to `to` (both within the list).
    pub(super) fn shift(&mut self, from: usize, to: usize) {
        let items = Arc::make_mut(&mut self.items);
        let item = items.remove(from);
        items.insert(to, item);
        self.reindex(from.min(to)..from.max(to) + 1);
    }

    /// Replaces every item.
    pub(super) fn replace(&mut self, items: Vec<Item>) {
        self.items = Arc::new(items.into_iter().map(Arc::new).collect());
        self.rebuild();
    }

    /// Whether both lists are the very same allocation (not a copy).
    pub(super) fn shares(&self, other: &List) -> bool {
        Arc::ptr_eq(&self.items, &other.items)
    }

    /// Points the ids in `range` at their places after the items moved.
    fn reindex(&mut self, range: Range<usize>) {
        let at = Arc::make_mut(&mut self.at);
        for (place, item) in self
            .items
            .iter()
            .enumerate()
            .take(range.end)
            .skip(range.start)
        {
            at.insert(item.id, place as u32);
        }
    }

    fn rebuild(&mut self) {
        let mut at = HashMap::with_capacity(self.items.len());
        for (i, item) in self.items.iter().enumerate() {
            at.entry(item.id).or_insert(i as u32);
        }
        self.at = Arc::new(at);
    }
}

/// Whole-section access for tests: the index is rebuilt when the guard is
/// dropped, so nothing done through it can leave it stale.
#[cfg(test)]
pub(crate) struct SectionMut<'a> {
    pub(super) list: &'a mut List,
}

#[cfg(test)]
impl Deref for SectionMut<'_> {
    type Target = Vec<Arc<Item>>;

    fn deref(&self) -> &Vec<Arc<Item>> {
        &self.list.items
    }
}

#[cfg(test)]
impl DerefMut for SectionMut<'_> {
    fn deref_mut(&mut self) -> &mut Vec<Arc<Item>> {
        Arc::make_mut(&mut self.list.items)
    }
}

#[cfg(test)]
impl Drop for SectionMut<'_> {
    fn drop(&mut self) {
        self.list.rebuild();
    }
}

/// The items of `old` and `new` between their common start and common end:
/// what an edit changed in a section, for whatever is kept in step with it
/// item by item (the fit tally, the coach).
pub fn changed_run<'a, T: PartialEq>(old: &'a [T], new: &'a [T]) -> (&'a [T], &'a [T]) {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let room = old.len().min(new.len()) - prefix;
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    (
        &old[prefix..old.len() - suffix],
        &new[prefix..new.len() - suffix],
    )
}

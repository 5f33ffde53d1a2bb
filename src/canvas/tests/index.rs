//! The id index against the answer a scan gives, after any sequence of the
//! changes the editor, undo, the loader and a merge make.

use proptest::prelude::*;

use super::*;
use crate::canvas::file::{parse, to_ron};

/// Where a scan of every section finds `id`: the answer the index must give.
fn scanned(c: &Canvas, id: ItemId) -> Option<Position> {
    Section::ALL.into_iter().find_map(|section| {
        c.items(section)
            .iter()
            .position(|i| i.id == id)
            .map(|index| Position { section, index })
    })
}

/// Every id the canvas holds, and a few it does not, are found where a scan
/// finds them.
fn agrees(c: &Canvas) -> Result<(), TestCaseError> {
    let highest = c.all_ids().max().unwrap_or(0);
    for id in (0..=highest + 2).chain([ItemId::MAX]) {
        let want = scanned(c, id);
        prop_assert_eq!(c.position_of(id), want, "position of {}", id);
        let item = want.map(|p| &c.items(p.section)[p.index]);
        prop_assert_eq!(c.item(id), item, "item {}", id);
    }
    Ok(())
}

#[derive(Debug, Clone)]
enum Change {
    Insert(usize, usize),
    /// An item put back with its own id, as undoing a delete or a merge does.
    Reinsert(usize, usize),
    Remove(usize),
    Move(usize, isize),
    Text(usize),
    Level(usize),
    Link(usize, usize),
    Status(usize),
    /// Keep a copy (an undo snapshot) and go on editing the original.
    Snapshot,
    /// Go back to the oldest kept copy (undo).
    Restore,
    /// Save and load again.
    Reload,
}

fn change() -> impl Strategy<Value = Change> {
    let any = 0..usize::MAX;
    prop_oneof![
        4 => (0..6usize, any.clone()).prop_map(|(s, i)| Change::Insert(s, i)),
        2 => (0..6usize, any.clone()).prop_map(|(s, i)| Change::Reinsert(s, i)),
        3 => any.clone().prop_map(Change::Remove),
        3 => (any.clone(), -4..5isize).prop_map(|(i, d)| Change::Move(i, d)),
        1 => any.clone().prop_map(Change::Text),
        1 => any.clone().prop_map(Change::Level),
        2 => (any.clone(), any.clone()).prop_map(|(a, b)| Change::Link(a, b)),
        1 => any.clone().prop_map(Change::Status),
        1 => Just(Change::Snapshot),
        1 => Just(Change::Restore),
        1 => Just(Change::Reload),
    ]
}

/// The id of the `n`-th item (wrapping), if the canvas has any.
fn nth(c: &Canvas, n: usize) -> Option<ItemId> {
    let count = c.item_count();
    (count > 0).then(|| c.all_items().nth(n % count).map(|(_, i)| i.id))?
}

fn apply(c: &mut Canvas, kept: &mut Vec<Canvas>, removed: &mut Vec<Item>, change: &Change) {
    match *change {
        Change::Insert(s, i) => {
            let section = Section::ALL[s];
            let at = i % (c.items(section).len() + 1);
            c.insert(section, at, format!("item {i}"));
        }
        Change::Reinsert(s, i) => {
            if let Some(item) = removed.pop() {
                let section = Section::ALL[s];
                let at = i % (c.items(section).len() + 1);
                if c.position_of(item.id).is_none() {
                    c.insert_item(section, at, item);
                }
            }
        }
        Change::Remove(n) => {
            if let Some((_, item)) = nth(c, n).and_then(|id| c.remove(id)) {
                removed.push(item);
            }
        }
        Change::Move(n, delta) => {
            if let Some(id) = nth(c, n) {
                c.move_by(id, delta);
            }
        }
        Change::Text(n) => {
            if let Some(id) = nth(c, n) {
                c.set_text(id, format!("edited {n}"));
            }
        }
        Change::Level(n) => {
            if let Some(id) = nth(c, n) {
                c.shift_level(id, n % 2 == 0);
            }
        }
        Change::Link(a, b) => {
            if let (Some(a), Some(b)) = (nth(c, a), nth(c, b)) {
                c.toggle_link(a, b);
            }
        }
        Change::Status(n) => {
            if let Some(id) = nth(c, n) {
                c.cycle_status(id);
            }
        }
        Change::Snapshot => kept.push(c.clone()),
        Change::Restore => {
            if !kept.is_empty() {
                *c = kept.remove(0);
            }
        }
        Change::Reload => match parse(&to_ron(c)) {
            Ok(parsed) => *c = parsed.canvas,
            Err(e) => panic!("a canvas made by edits loads again: {e}"),
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn lookups_by_id_agree_with_a_scan_after_any_changes(
        changes in prop::collection::vec(change(), 1..60)
    ) {
        let mut c = Canvas::new("index");
        let mut kept = Vec::new();
        let mut removed = Vec::new();
        for change in &changes {
            apply(&mut c, &mut kept, &mut removed, change);
            agrees(&c)?;
            // A snapshot is untouched by what was done to the canvas after it.
            for copy in &kept {
                agrees(copy)?;
            }
        }
    }
}

#[test]
fn a_section_changed_as_a_whole_is_indexed_again() {
    let mut c = two_per_section();
    let id = c.items(Section::Pains)[1].id;
    c.section_mut(Section::Pains).swap(0, 1);
    assert_eq!(c.position_of(id).map(|p| p.index), Some(0));
    c.section_mut(Section::Pains).clear();
    assert_eq!(c.position_of(id), None);
}

//! The id index against the answer a scan gives, after any sequence of the
//! changes the editor, undo, the loader and a merge make.

use proptest::prelude::*;

use super::*;
use crate::canvas::changes::{Bench, change};

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
        let item = want.map(|p| &*c.items(p.section)[p.index]);
        prop_assert_eq!(c.item(id), item, "item {}", id);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn lookups_by_id_agree_with_a_scan_after_any_changes(
        changes in prop::collection::vec(change(), 1..60)
    ) {
        let mut bench = Bench::default();
        for change in &changes {
            bench.apply(change);
            agrees(&bench.canvas)?;
            // A snapshot is untouched by what was done to the canvas after it.
            for copy in &bench.kept {
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

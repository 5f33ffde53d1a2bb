#![allow(clippy::unwrap_used)]

use super::*;

/// Texts of a section, top to bottom.
fn texts(c: &Canvas, s: Section) -> Vec<&str> {
    c.items(s).iter().map(|i| i.text.as_str()).collect()
}

fn ids(c: &Canvas, s: Section) -> Vec<ItemId> {
    c.items(s).iter().map(|i| i.id).collect()
}

/// A canvas with two items in every section and no links:
/// products 1,2 · creators 3,4 · relievers 5,6 · gains 7,8 · pains 9,10 · jobs 11,12.
fn two_per_section() -> Canvas {
    let mut c = Canvas::new("t");
    for s in Section::ALL {
        c.push(s, format!("{} a", s.noun()));
        c.push(s, format!("{} b", s.noun()));
    }
    c
}

#[test]
fn a_new_canvas_is_empty() {
    let c = Canvas::new("Title");
    assert_eq!(c.title, "Title");
    assert!(c.is_empty());
    assert_eq!(c.item_count(), 0);
    assert_eq!(c.next_id(), 1);
    for s in Section::ALL {
        assert!(c.items(s).is_empty());
    }
}

#[test]
fn push_appends_at_the_bottom_with_fresh_ids() {
    let mut c = Canvas::default();
    let a = c.push(Section::Pains, "first");
    let b = c.push(Section::Pains, "second");
    let g = c.push(Section::Gains, "gain");
    assert_eq!((a, b, g), (1, 2, 3));
    assert_eq!(texts(&c, Section::Pains), ["first", "second"]);
    assert_eq!(texts(&c, Section::Gains), ["gain"]);
    assert_eq!(c.item_count(), 3);
    assert!(!c.is_empty());
}

#[test]
fn new_items_take_the_defaults() {
    let mut c = Canvas::default();
    let id = c.push(Section::Jobs, "job");
    let item = c.item(id).unwrap();
    assert_eq!(item.level, Level::Medium);
    assert_eq!(item.kind, JobKind::Functional);
    assert!(item.links.is_empty());
}

#[test]
fn insert_places_the_item_at_the_index() {
    let mut c = Canvas::default();
    c.push(Section::Gains, "a");
    c.push(Section::Gains, "c");
    let b = c.insert(Section::Gains, 1, "b");
    let top = c.insert(Section::Gains, 0, "top");
    assert_eq!(texts(&c, Section::Gains), ["top", "a", "b", "c"]);
    assert_eq!(c.position_of(b).unwrap().index, 2);
    assert_eq!(
        c.position_of(top).unwrap(),
        Position {
            section: Section::Gains,
            index: 0
        }
    );
}

#[test]
fn insert_past_the_end_is_clamped_to_the_end() {
    let mut c = Canvas::default();
    c.push(Section::Products, "a");
    let id = c.insert(Section::Products, 99, "z");
    assert_eq!(texts(&c, Section::Products), ["a", "z"]);
    assert_eq!(c.position_of(id).unwrap().index, 1);
    // And into an empty section at any index.
    let j = c.insert(Section::Jobs, usize::MAX, "only");
    assert_eq!(c.position_of(j).unwrap().index, 0);
}

#[test]
fn insert_item_keeps_the_given_id_and_links() {
    let mut c = Canvas::default();
    let item = Item::new(42, "restored").with_links(vec![7]);
    c.insert_item(Section::Relievers, 5, item.clone());
    assert_eq!(c.items(Section::Relievers), [std::sync::Arc::new(item)]);
    assert_eq!(c.next_id(), 43);
}

#[test]
fn next_id_is_one_past_the_largest_across_all_sections() {
    let mut c = Canvas::default();
    c.insert_item(Section::Jobs, 0, Item::new(10, "job"));
    c.insert_item(Section::Creators, 0, Item::new(3, "creator"));
    assert_eq!(c.next_id(), 11);
    let id = c.push(Section::Pains, "pain");
    assert_eq!(id, 11);
    assert_eq!(c.next_id(), 12);
}

#[test]
fn ids_are_unique_across_sections() {
    let c = two_per_section();
    let mut all: Vec<ItemId> = c.all_items().map(|(_, i)| i.id).collect();
    assert_eq!(all.len(), 12);
    all.sort_unstable();
    all.dedup();
    assert_eq!(all, (1..=12).collect::<Vec<_>>());
}

#[test]
fn all_items_runs_in_section_order() {
    let c = two_per_section();
    let sections: Vec<Section> = c.all_items().map(|(s, _)| s).collect();
    let mut expected = Vec::new();
    for s in Section::ALL {
        expected.push(s);
        expected.push(s);
    }
    assert_eq!(sections, expected);
}

#[test]
fn position_of_and_item_find_by_id() {
    let c = two_per_section();
    assert_eq!(
        c.position_of(10),
        Some(Position {
            section: Section::Pains,
            index: 1
        })
    );
    assert_eq!(c.item(10).unwrap().text, "pain b");
    assert_eq!(c.position_of(99), None);
    assert!(c.item(99).is_none());
    assert!(c.item(0).is_none());
}

#[test]
fn set_text_replaces_the_text() {
    let mut c = two_per_section();
    assert!(c.set_text(9, "Late payments"));
    assert_eq!(c.item(9).unwrap().text, "Late payments");
    assert!(!c.set_text(99, "nothing"));
    assert_eq!(c.item_count(), 12);
}

#[test]
fn remove_returns_the_position_and_item() {
    let mut c = two_per_section();
    let (pos, item) = c.remove(8).unwrap();
    assert_eq!(
        pos,
        Position {
            section: Section::Gains,
            index: 1
        }
    );
    assert_eq!(item.id, 8);
    assert_eq!(item.text, "gain b");
    assert_eq!(ids(&c, Section::Gains), [7]);
    assert!(c.item(8).is_none());
    assert_eq!(c.item_count(), 11);
    assert!(c.remove(8).is_none());
}

#[test]
fn remove_drops_every_link_to_the_item() {
    let mut c = two_per_section();
    // Both relievers relieve pain 9; reliever 5 also relieves pain 10.
    assert!(c.set_link(5, 9, true));
    assert!(c.set_link(5, 10, true));
    assert!(c.set_link(6, 9, true));
    c.remove(9).unwrap();
    assert_eq!(c.item(5).unwrap().links, [10]);
    assert!(c.item(6).unwrap().links.is_empty());
    assert!(c.all_items().all(|(_, i)| !i.links.contains(&9)));
}

#[test]
fn remove_then_reinsert_restores_a_value_map_item_with_its_links() {
    let mut c = two_per_section();
    c.set_link(1, 11, true);
    let before = c.clone();
    let (pos, item) = c.remove(1).unwrap();
    c.insert_item(pos.section, pos.index, item);
    // The product carried its own links, so an undo restores them.
    assert_eq!(c, before);
}

#[test]
fn removing_a_linked_value_map_item_leaves_the_customer_item_unlinked() {
    let mut c = two_per_section();
    c.set_link(3, 7, true);
    c.remove(3).unwrap();
    assert!(c.linked_to(7).is_empty());
}

#[test]
fn move_by_moves_within_the_section() {
    let mut c = Canvas::default();
    for t in ["a", "b", "c", "d"] {
        c.push(Section::Pains, t);
    }
    assert_eq!(c.move_by(1, 2), Some(2));
    assert_eq!(texts(&c, Section::Pains), ["b", "c", "a", "d"]);
    assert_eq!(c.move_by(1, -1), Some(1));
    assert_eq!(texts(&c, Section::Pains), ["b", "a", "c", "d"]);
    assert_eq!(c.move_by(3, 0), Some(2));
    assert_eq!(texts(&c, Section::Pains), ["b", "a", "c", "d"]);
}

#[test]
fn move_by_is_clamped_at_both_ends() {
    let mut c = Canvas::default();
    for t in ["a", "b", "c"] {
        c.push(Section::Jobs, t);
    }
    assert_eq!(c.move_by(2, -10), Some(0));
    assert_eq!(texts(&c, Section::Jobs), ["b", "a", "c"]);
    assert_eq!(c.move_by(2, isize::MIN), Some(0));
    assert_eq!(texts(&c, Section::Jobs), ["b", "a", "c"]);
    assert_eq!(c.move_by(2, 10), Some(2));
    assert_eq!(texts(&c, Section::Jobs), ["a", "c", "b"]);
    assert_eq!(c.move_by(2, isize::MAX), Some(2));
    assert_eq!(texts(&c, Section::Jobs), ["a", "c", "b"]);
}

#[test]
fn move_by_in_a_one_item_section_and_of_an_unknown_id() {
    let mut c = Canvas::default();
    let id = c.push(Section::Gains, "only");
    assert_eq!(c.move_by(id, 1), Some(0));
    assert_eq!(c.move_by(id, -1), Some(0));
    assert_eq!(texts(&c, Section::Gains), ["only"]);
    assert_eq!(c.move_by(99, 1), None);
}

#[test]
fn move_by_never_moves_an_item_to_another_section() {
    let mut c = two_per_section();
    c.move_by(9, 5);
    assert_eq!(ids(&c, Section::Pains), [10, 9]);
    assert_eq!(ids(&c, Section::Gains), [7, 8]);
    assert_eq!(ids(&c, Section::Jobs), [11, 12]);
}

#[test]
fn shift_level_steps_through_the_levels_and_stops_at_the_ends() {
    let mut c = Canvas::default();
    let p = c.push(Section::Pains, "pain");
    assert_eq!(c.item(p).unwrap().level, Level::Medium);
    assert!(c.shift_level(p, true));
    assert_eq!(c.item(p).unwrap().level, Level::High);
    assert!(!c.shift_level(p, true));
    assert_eq!(c.item(p).unwrap().level, Level::High);
    assert!(c.shift_level(p, false));
    assert!(c.shift_level(p, false));
    assert_eq!(c.item(p).unwrap().level, Level::Low);
    assert!(!c.shift_level(p, false));
    assert_eq!(c.item(p).unwrap().level, Level::Low);
}

#[test]
fn shift_level_works_on_every_customer_section_only() {
    let mut c = two_per_section();
    for (s, i) in c.all_items().map(|(s, i)| (s, i.id)).collect::<Vec<_>>() {
        let changed = c.shift_level(i, true);
        assert_eq!(changed, s.has_level(), "{s:?}");
        let expected = if s.has_level() {
            Level::High
        } else {
            Level::Medium
        };
        assert_eq!(c.item(i).unwrap().level, expected, "{s:?}");
    }
    assert!(!c.shift_level(99, true));
}

#[test]
fn set_level_sets_customer_items_only() {
    let mut c = two_per_section();
    assert!(c.set_level(7, Level::Low));
    assert_eq!(c.item(7).unwrap().level, Level::Low);
    assert!(c.set_level(11, Level::High));
    assert_eq!(c.item(11).unwrap().level, Level::High);
    assert!(!c.set_level(1, Level::High));
    assert_eq!(c.item(1).unwrap().level, Level::Medium);
    assert!(!c.set_level(5, Level::Low));
    assert_eq!(c.item(5).unwrap().level, Level::Medium);
    assert!(!c.set_level(99, Level::Low));
}

#[test]
fn cycle_kind_cycles_jobs_only() {
    let mut c = two_per_section();
    let job = 11;
    let mut seen = vec![c.item(job).unwrap().kind];
    for _ in 0..4 {
        assert!(c.cycle_kind(job));
        seen.push(c.item(job).unwrap().kind);
    }
    assert_eq!(
        seen,
        [
            JobKind::Functional,
            JobKind::Social,
            JobKind::Emotional,
            JobKind::Supporting,
            JobKind::Functional
        ]
    );
    for other in [1, 3, 5, 7, 9] {
        assert!(!c.cycle_kind(other));
        assert_eq!(c.item(other).unwrap().kind, JobKind::Functional);
    }
    assert!(!c.cycle_kind(99));
}

#[test]
fn set_link_works_in_either_argument_order() {
    let mut c = two_per_section();
    assert!(c.set_link(5, 9, true)); // reliever, pain
    assert!(c.set_link(10, 6, true)); // pain, reliever
    assert_eq!(c.item(5).unwrap().links, [9]);
    assert_eq!(c.item(6).unwrap().links, [10]);
    // Links live on the value-map side only.
    assert!(c.item(9).unwrap().links.is_empty());
    assert!(c.item(10).unwrap().links.is_empty());
    for (a, b) in [(5, 9), (9, 5), (6, 10), (10, 6)] {
        assert!(c.is_linked(a, b), "{a}-{b}");
    }
    assert!(!c.is_linked(5, 10));
    assert!(!c.is_linked(10, 5));
}

#[test]
fn set_link_twice_does_not_duplicate_and_unlinking_is_idempotent() {
    let mut c = two_per_section();
    assert!(c.set_link(1, 11, true));
    assert!(c.set_link(11, 1, true));
    assert_eq!(c.item(1).unwrap().links, [11]);
    assert!(c.set_link(11, 1, false));
    assert!(c.item(1).unwrap().links.is_empty());
    assert!(c.set_link(1, 11, false));
    assert!(c.item(1).unwrap().links.is_empty());
}

#[test]
fn every_valid_pair_links() {
    let mut c = two_per_section();
    // product–job, creator–gain, reliever–pain
    for (a, b) in [(1, 11), (3, 7), (5, 9)] {
        assert!(c.set_link(a, b, true), "{a}-{b}");
        assert!(c.is_linked(a, b));
    }
}

#[test]
fn set_link_refuses_wrong_section_pairs() {
    let mut c = two_per_section();
    let before = c.clone();
    let wrong = [
        (5, 7),   // reliever–gain
        (3, 9),   // creator–pain
        (1, 9),   // product–pain
        (5, 11),  // reliever–job
        (5, 6),   // reliever–reliever
        (9, 10),  // pain–pain
        (9, 7),   // pain–gain
        (1, 3),   // product–creator
        (11, 11), // job–itself
        (5, 99),  // unknown id
        (99, 5),
    ];
    for (a, b) in wrong {
        assert!(!c.set_link(a, b, true), "{a}-{b}");
        assert!(!c.toggle_link(a, b), "{a}-{b}");
        assert!(!c.is_linked(a, b), "{a}-{b}");
    }
    assert_eq!(c, before);
}

#[test]
fn toggle_link_flips_in_either_order() {
    let mut c = two_per_section();
    assert!(c.toggle_link(3, 8));
    assert!(c.is_linked(8, 3));
    assert!(c.toggle_link(8, 3));
    assert!(!c.is_linked(3, 8));
    assert!(c.item(3).unwrap().links.is_empty());
}

#[test]
fn linked_to_works_from_both_halves_in_the_other_sections_order() {
    let mut c = two_per_section();
    // Reliever 6 relieves pain 10 then pain 9 (link order differs from rank).
    c.set_link(6, 10, true);
    c.set_link(6, 9, true);
    c.set_link(5, 10, true);
    assert_eq!(c.linked_to(6), [9, 10]);
    assert_eq!(c.linked_to(5), [10]);
    assert_eq!(c.linked_to(10), [5, 6]);
    assert_eq!(c.linked_to(9), [6]);
    assert!(c.linked_to(7).is_empty());
    assert!(c.linked_to(99).is_empty());
}

#[test]
fn level_raise_and_lower_are_inverse() {
    for l in [Level::High, Level::Medium, Level::Low] {
        if let Some(up) = l.raised() {
            assert_eq!(up.lowered(), Some(l));
        }
        if let Some(down) = l.lowered() {
            assert_eq!(down.raised(), Some(l));
        }
    }
    assert_eq!(
        [Level::High, Level::Medium, Level::Low].map(Level::weight),
        [3, 2, 1]
    );
}

#[test]
fn sections_link_to_their_counterparts() {
    for s in Section::ALL {
        assert_eq!(s.counterpart().counterpart(), s);
        assert_ne!(s.half(), s.counterpart().half());
        assert_eq!(Section::from_index(s.index()), Some(s));
        assert_eq!(s.next().prev(), s);
        match s.link_target() {
            Some(t) => assert_eq!(t, s.counterpart()),
            None => assert!(s.has_level()),
        }
    }
    assert_eq!(Section::from_index(6), None);
    assert_eq!(Section::Pains.level_name(Level::High), "Extreme");
    assert_eq!(Section::Gains.level_name(Level::Low), "Nice to have");
    assert_eq!(Section::Jobs.level_name(Level::Medium), "Medium");
}

#[test]
fn next_id_after_the_largest_possible_id_is_still_fresh_and_positive() {
    // A hand-edited file may use any positive id, including the largest.
    let mut c = Canvas::default();
    c.insert_item(Section::Jobs, 0, Item::new(ItemId::MAX, "big"));
    c.insert_item(Section::Pains, 0, Item::new(1, "one"));
    let id = c.push(Section::Gains, "new");
    assert_ne!(id, 0);
    assert_eq!(id, 2);
    let again = c.push(Section::Gains, "newer");
    assert_eq!(again, 3);
    assert_eq!(super::file::validate(&c), Ok(()));
}

#[test]
fn a_deleted_items_id_is_never_given_to_a_new_one() {
    let mut c = Canvas::new("t");
    c.push(Section::Pains, "a");
    let b = c.push(Section::Pains, "b");
    c.remove(b);
    let new = c.push(Section::Pains, "c");
    assert_ne!(new, b, "id {b} was reused");
    assert_eq!(new, b + 1);
}

mod index;

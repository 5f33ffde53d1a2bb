use proptest::prelude::*;

use super::*;
use crate::canvas::{HeaderConflict, Level, Section};

fn example() -> Canvas {
    crate::canvas::file::parse(include_str!("../../assets/examples/invoicing.ron"))
        .expect("the example loads")
        .canvas
}

fn merged(base: &Canvas, ours: &Canvas, theirs: &Canvas) -> Merged {
    merge(base, ours, theirs).expect("merges")
}

fn texts(c: &Canvas, s: Section) -> Vec<&str> {
    c.items(s).iter().map(|i| i.text.as_str()).collect()
}

fn text_of(c: &Canvas, id: ItemId) -> &str {
    c.item(id).map_or("(missing)", |i| i.text.as_str())
}

#[test]
fn edits_to_different_items_merge_cleanly() {
    let base = example();
    let mut ours = base.clone();
    ours.set_text(7, "Clients pay 30+ days late");
    let mut theirs = base.clone();
    theirs.set_text(12, "Cash flow I can plan around");
    let m = merged(&base, &ours, &theirs);
    assert!(!m.has_conflicts());
    assert_eq!(text_of(&m.canvas, 7), "Clients pay 30+ days late");
    assert_eq!(text_of(&m.canvas, 12), "Cash flow I can plan around");
}

#[test]
fn different_fields_of_one_item_merge_cleanly() {
    let base = example();
    let mut ours = base.clone();
    ours.set_text(9, "Awkward emails chasing money");
    let mut theirs = base.clone();
    theirs.set_level(9, Level::High);
    let m = merged(&base, &ours, &theirs);
    assert!(!m.has_conflicts());
    let item = m.canvas.item(9).expect("kept");
    assert_eq!(
        (item.text.as_str(), item.level),
        ("Awkward emails chasing money", Level::High)
    );
}

#[test]
fn items_added_on_both_sides_are_all_kept_with_theirs_renumbered_and_linked() {
    let base = example();
    let mut ours = base.clone();
    let ours_pain = ours.insert(Section::Pains, 0, "Ours: clients dispute hours");
    let mut theirs = base.clone();
    let their_pain = theirs.insert(Section::Pains, 2, "Theirs: currency fees eat the margin");
    let r = theirs.push(
        Section::Relievers,
        "Theirs: invoices in the client's currency",
    );
    theirs.set_link(r, their_pain, true);
    assert_eq!(
        ours_pain, their_pain,
        "both sides handed out the same new id"
    );
    let m = merged(&base, &ours, &theirs);
    assert!(!m.has_conflicts());
    let c = &m.canvas;
    let pains = texts(c, Section::Pains);
    assert_eq!(pains[0], "Ours: clients dispute hours");
    assert!(
        pains.contains(&"Theirs: currency fees eat the margin"),
        "{pains:?}"
    );
    assert_eq!(text_of(c, ours_pain), "Ours: clients dispute hours");
    let (from, to) = m.renumbered[0];
    assert_eq!(from, their_pain);
    assert_eq!(text_of(c, to), "Theirs: currency fees eat the margin");
    // Theirs' reliever (id 29 collided with nothing) kept its id and its link followed.
    assert_eq!(c.item(r).map(|i| i.links.clone()), Some(vec![to]));
    crate::canvas::file::validate(c).expect("valid");
}

#[test]
fn the_same_item_added_on_both_sides_is_kept_once() {
    let base = example();
    let mut ours = base.clone();
    ours.push(Section::Gains, "Same words");
    let theirs = ours.clone();
    let m = merged(&base, &ours, &theirs);
    assert_eq!(m.canvas, ours);
    assert!(m.renumbered.is_empty());
}

#[test]
fn a_deletion_against_an_untouched_item_deletes() {
    let base = example();
    let mut ours = base.clone();
    ours.remove(23);
    let m = merged(&base, &ours, &base);
    assert!(m.canvas.item(23).is_none());
    let m = merged(&base, &base, &ours);
    assert!(m.canvas.item(23).is_none(), "from either side");
}

#[test]
fn an_edit_against_a_deletion_keeps_the_edit() {
    let base = example();
    let mut ours = base.clone();
    ours.remove(8);
    let mut theirs = base.clone();
    theirs.set_text(8, "VAT rules for clients abroad change every year");
    for (a, b) in [(&ours, &theirs), (&theirs, &ours)] {
        let m = merged(&base, a, b);
        assert_eq!(
            text_of(&m.canvas, 8),
            "VAT rules for clients abroad change every year"
        );
        assert_eq!(
            m.canvas.position_of(8).map(|p| p.index),
            Some(1),
            "in its place"
        );
    }
}

#[test]
fn deleting_a_pain_on_one_side_and_its_reliever_on_the_other_deletes_both() {
    // Ours' reliever lost its link only because ours deleted the pain: that
    // is not an edit that would bring the reliever back.
    let base = example();
    let mut ours = base.clone();
    ours.remove(10);
    let mut theirs = base.clone();
    theirs.remove(22);
    let m = merged(&base, &ours, &theirs);
    assert!(m.canvas.item(10).is_none() && m.canvas.item(22).is_none());
}

#[test]
fn a_field_changed_differently_keeps_ours_and_adds_theirs_right_after() {
    let base = example();
    let mut ours = base.clone();
    ours.set_text(7, "Ours: clients pay 30 days late");
    let mut theirs = base.clone();
    theirs.set_text(7, "Theirs: clients pay 60 days late");
    let m = merged(&base, &ours, &theirs);
    assert!(m.has_conflicts());
    let &[(o, t)] = m.conflicts.as_slice() else {
        panic!("{:?}", m.conflicts)
    };
    assert_eq!(o, 7);
    let c = &m.canvas;
    assert_eq!(
        &texts(c, Section::Pains)[..2],
        [
            "Ours: clients pay 30 days late",
            "Theirs: clients pay 60 days late"
        ]
    );
    assert_eq!(text_of(c, t), "Theirs: clients pay 60 days late");
    // The relievers of 7 relieve the copy too, so it is not flagged.
    for r in [20, 21] {
        let links = &c.item(r).expect("reliever").links;
        assert!(links.contains(&7) && links.contains(&t), "{r}: {links:?}");
    }
    assert!(!crate::fit::analyze(c).is_flagged(t));
}

#[test]
fn links_merge_as_sets() {
    let base = example();
    let mut ours = base.clone();
    ours.set_link(23, 8, true);
    let mut theirs = base.clone();
    theirs.set_link(20, 9, false);
    theirs.set_link(23, 11, true);
    let m = merged(&base, &ours, &theirs);
    assert!(!m.has_conflicts());
    assert_eq!(
        m.canvas.item(23).map(|i| i.links.clone()),
        Some(vec![8, 11])
    );
    assert_eq!(m.canvas.item(20).map(|i| i.links.clone()), Some(vec![7]));
}

#[test]
fn order_follows_ours_with_theirs_insertions_after_their_predecessor() {
    let base = example();
    let mut ours = base.clone();
    ours.move_by(11, -4); // ours reorders: Receipts to the top
    let mut theirs = base.clone();
    let t = theirs.insert(Section::Pains, 2, "Theirs, after VAT");
    let m = merged(&base, &ours, &theirs);
    let ids: Vec<ItemId> = m
        .canvas
        .items(Section::Pains)
        .iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(ids, [11, 7, 8, t, 9, 10]);
}

#[test]
fn a_move_made_only_on_theirs_is_merged() {
    let base = example();
    let ours = {
        let mut c = base.clone();
        c.push(Section::Pains, "Ours, at the bottom");
        c
    };
    let mut theirs = base.clone();
    theirs.move_by(9, -2);
    let m = merged(&base, &ours, &theirs);
    let ids: Vec<ItemId> = m
        .canvas
        .items(Section::Pains)
        .iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(ids, [9, 7, 8, 10, 11, 28]);
}

#[test]
fn the_title_merges_and_a_clash_keeps_ours_and_says_so() {
    let base = example();
    let mut ours = base.clone();
    ours.title = "Paylane".to_owned();
    let mut theirs = base.clone();
    theirs.segment = "Designers in the EU".to_owned();
    theirs.alternatives.push("A shoebox".to_owned());
    let m = merged(&base, &ours, &theirs);
    assert!(!m.has_conflicts());
    assert_eq!(
        (m.canvas.title.as_str(), m.canvas.segment.as_str()),
        ("Paylane", "Designers in the EU")
    );
    assert!(m.canvas.alternatives.contains(&"A shoebox".to_owned()));
    theirs.title = "Invoices".to_owned();
    let m = merged(&base, &ours, &theirs);
    assert_eq!(m.canvas.title, "Paylane");
    assert_eq!(
        m.header_conflicts,
        ["the title was changed on both sides: kept ours \"Paylane\", theirs was \"Invoices\""]
    );
    // Recorded in the canvas, as a pair is, for check and the editor.
    assert!(m.has_conflicts());
    assert_eq!(
        m.canvas.header_conflicts,
        [HeaderConflict::Title("Invoices".to_owned())]
    );
}

#[test]
fn an_open_title_conflict_survives_the_next_merge_until_resolved() {
    let base = example();
    let mut ours = base.clone();
    ours.title = "Paylane".to_owned();
    ours.segment = "Designers".to_owned();
    let mut theirs = base.clone();
    theirs.title = "Invoices".to_owned();
    theirs.segment = "Illustrators".to_owned();
    let first = merged(&base, &ours, &theirs).canvas;
    assert_eq!(
        first.header_conflicts,
        [
            HeaderConflict::Title("Invoices".to_owned()),
            HeaderConflict::Segment("Illustrators".to_owned())
        ]
    );
    // A later merge with an unrelated change keeps both open.
    let mut other = first.clone();
    other.alternatives.push("A shoebox".to_owned());
    let again = merged(&first, &first, &other).canvas;
    assert_eq!(again.header_conflicts, first.header_conflicts);
    // Resolved on one side: closed in the merge.
    let mut resolved = first.clone();
    resolve_header(
        &mut resolved,
        &HeaderConflict::Title("Invoices".to_owned()),
        Resolution::KeepTheirs,
    );
    assert_eq!(resolved.title, "Invoices");
    let after = merged(&first, &resolved, &other).canvas;
    assert_eq!(
        after.header_conflicts,
        [HeaderConflict::Segment("Illustrators".to_owned())]
    );
    assert_eq!(after.title, "Invoices");
}

#[test]
fn merge_set_keeps_additions_and_drops_removals() {
    assert_eq!(merge_set(&[1, 2, 3], &[1, 3, 4], &[2, 3, 5]), [3, 4, 5]);
    assert_eq!(merge_set::<u32>(&[], &[], &[]), Vec::<u32>::new());
}

/// A random edit, as the editor makes them.
#[derive(Debug, Clone)]
enum Op {
    Insert(usize, usize),
    Remove(usize),
    Text(usize, u8),
    Level(usize, bool),
    Move(usize, isize),
    Link(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..6usize, 0..8usize).prop_map(|(s, i)| Op::Insert(s, i)),
        (0..40usize).prop_map(Op::Remove),
        (0..40usize, 0..3u8).prop_map(|(i, t)| Op::Text(i, t)),
        (0..40usize, any::<bool>()).prop_map(|(i, u)| Op::Level(i, u)),
        (0..40usize, -3..3isize).prop_map(|(i, d)| Op::Move(i, d)),
        (0..40usize, 0..40usize).prop_map(|(a, b)| Op::Link(a, b)),
    ]
}

fn apply(c: &mut Canvas, ops: &[Op]) {
    let id_at = |c: &Canvas, n: usize| {
        let ids: Vec<ItemId> = c.all_items().map(|(_, i)| i.id).collect();
        (!ids.is_empty()).then(|| ids[n % ids.len()])
    };
    for op in ops {
        match *op {
            Op::Insert(s, i) => {
                c.insert(Section::ALL[s], i, format!("new {i}"));
            }
            Op::Remove(n) => {
                if let Some(id) = id_at(c, n) {
                    c.remove(id);
                }
            }
            Op::Text(n, t) => {
                if let Some(id) = id_at(c, n) {
                    c.set_text(id, format!("text {t}"));
                }
            }
            Op::Level(n, up) => {
                if let Some(id) = id_at(c, n) {
                    c.shift_level(id, up);
                }
            }
            Op::Move(n, d) => {
                if let Some(id) = id_at(c, n) {
                    c.move_by(id, d);
                }
            }
            Op::Link(a, b) => {
                if let (Some(a), Some(b)) = (id_at(c, a), id_at(c, b)) {
                    c.toggle_link(a, b);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_two_edit_histories_merge_into_a_valid_canvas(
        a in proptest::collection::vec(op(), 0..12),
        b in proptest::collection::vec(op(), 0..12),
    ) {
        let base = example();
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        apply(&mut ours, &a);
        apply(&mut theirs, &b);
        let m = merge(&base, &ours, &theirs).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(crate::canvas::file::validate(&m.canvas).is_ok());
        // Every text either side wrote survives.
        for side in [&ours, &theirs] {
            for (_, item) in side.all_items() {
                let edited = base.item(item.id).is_none_or(|b| b.text != item.text);
                if edited {
                    prop_assert!(
                        m.canvas.all_items().any(|(_, i)| i.text == item.text),
                        "lost {:?}", item.text
                    );
                }
            }
        }
        // One side unchanged: the result is the other side.
        prop_assert_eq!(&merged(&base, &ours, &base).canvas, &ours);
        prop_assert_eq!(&merged(&base, &base, &theirs).canvas, &theirs);
        prop_assert_eq!(&merged(&base, &ours, &ours).canvas, &ours);
    }
}

#[test]
fn insertions_at_the_same_place_put_ours_first() {
    let base = example();
    let mut ours = base.clone();
    let o = ours.insert(Section::Gains, 1, "Ours after 12");
    let mut theirs = base.clone();
    theirs.insert(Section::Gains, 1, "Theirs after 12");
    theirs.insert(Section::Gains, 0, "Theirs at the top");
    let m = merged(&base, &ours, &theirs);
    assert_eq!(
        &texts(&m.canvas, Section::Gains)[..4],
        [
            "Theirs at the top",
            "Predictable cash flow month to month",
            "Ours after 12",
            "Theirs after 12"
        ]
    );
    assert_eq!(text_of(&m.canvas, o), "Ours after 12");
}

#[test]
fn a_conflict_is_recorded_in_the_file_and_kept_until_resolved() {
    let base = example();
    let mut ours = base.clone();
    ours.set_text(12, "Ours");
    let mut theirs = base.clone();
    theirs.set_text(12, "Theirs");
    let m = merged(&base, &ours, &theirs);
    let &[(o, t)] = m.conflicts.as_slice() else {
        panic!("{:?}", m.conflicts)
    };
    assert_eq!(
        m.canvas.conflicts,
        [crate::canvas::Conflict { ours: o, theirs: t }]
    );
    // The file holds it (format version 2) and reads back the same.
    let text = crate::canvas::file::to_ron(&m.canvas);
    assert!(text.contains("version: 2"), "{text}");
    assert_eq!(
        crate::canvas::file::parse(&text).expect("valid").canvas,
        m.canvas
    );
    // A later merge keeps the open pair while both ends exist.
    let mut later = m.canvas.clone();
    later.set_text(9, "Another edit");
    let again = merged(&m.canvas, &later, &m.canvas);
    assert_eq!(again.canvas.conflicts, m.canvas.conflicts);
    // Resolving it on one side (deleting theirs) resolves it in the merge.
    let mut resolved = m.canvas.clone();
    resolved.remove(t);
    resolved.conflicts.clear();
    let after = merged(&m.canvas, &resolved, &later);
    assert!(after.canvas.conflicts.is_empty());
    assert!(after.canvas.item(t).is_none());
}

#[test]
fn status_evidence_and_cards_merge_field_by_field() {
    use crate::canvas::{Status, TestState};
    let mut base = example();
    let sid = base.add_statement("A", "Statement A");
    let tid = base.issue_id();
    base.tests.push(crate::canvas::TestCard {
        id: tid,
        name: "Interviews".to_owned(),
        items: vec![7],
        ..crate::canvas::TestCard::default()
    });
    let mut ours = base.clone();
    ours.set_status(7, Status::Testing);
    ours.set_evidence(8, vec!["ours heard it".to_owned()]);
    if let Some(t) = ours.tests.iter_mut().find(|t| t.id == tid) {
        t.state = TestState::Running;
        t.items.push(8);
    }
    let mut theirs = base.clone();
    theirs.set_evidence(8, vec!["theirs saw it".to_owned()]);
    if let Some(s) = theirs.statement_mut(sid) {
        s.text = "Statement A, sharper".to_owned();
    }
    if let Some(t) = theirs.tests.iter_mut().find(|t| t.id == tid) {
        t.measure = "Sign-ups".to_owned();
    }
    let l = theirs.issue_id();
    theirs.learnings.push(crate::canvas::Learning {
        id: l,
        test: Some(tid),
        learned: "They do chase payments".to_owned(),
        validated: vec![7],
        ..crate::canvas::Learning::default()
    });
    let m = merged(&base, &ours, &theirs);
    assert!(!m.has_conflicts(), "{:?}", m.conflicts);
    let c = &m.canvas;
    assert_eq!(c.item(7).map(|i| i.status), Some(Status::Testing));
    assert_eq!(
        c.item(8).map(|i| i.evidence.clone()),
        Some(vec!["ours heard it".to_owned(), "theirs saw it".to_owned()])
    );
    assert_eq!(
        c.statement(sid).map(|s| s.text.as_str()),
        Some("Statement A, sharper")
    );
    let t = c.tests.iter().find(|t| t.id == tid).expect("test");
    assert_eq!(
        (t.state, t.measure.as_str(), t.items.clone()),
        (TestState::Running, "Sign-ups", vec![7, 8])
    );
    assert_eq!(c.learnings.len(), 1);
    assert_eq!(c.learnings[0].test, Some(tid));
    crate::canvas::file::validate(c).expect("valid");
}

#[test]
fn references_to_deleted_things_are_dropped_so_the_result_is_valid() {
    let mut base = example();
    let tid = base.issue_id();
    base.tests.push(crate::canvas::TestCard {
        id: tid,
        name: "T".to_owned(),
        ..crate::canvas::TestCard::default()
    });
    let mut ours = base.clone();
    ours.remove(9);
    ours.tests.clear();
    let mut theirs = base.clone();
    if let Some(t) = theirs.tests.iter_mut().find(|t| t.id == tid) {
        t.items.push(9);
        t.name = "T, edited".to_owned();
    }
    let l = theirs.issue_id();
    theirs.learnings.push(crate::canvas::Learning {
        id: l,
        test: Some(tid),
        invalidated: vec![9],
        observed: "x".to_owned(),
        ..crate::canvas::Learning::default()
    });
    let m = merged(&base, &ours, &theirs);
    // The edited test survives ours' deletion; the pain ours deleted is gone
    // and nothing refers to it.
    let t = m
        .canvas
        .tests
        .iter()
        .find(|t| t.id == tid)
        .expect("edited test kept");
    assert!(t.items.is_empty());
    assert!(m.canvas.learnings[0].invalidated.is_empty());
    assert_eq!(m.canvas.learnings[0].test, Some(tid));
}

mod v3;

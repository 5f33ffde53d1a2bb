//! Format version 3: scores, votes and results merge field by field.

use super::*;

#[test]
fn scores_of_one_item_merge_per_alternative() {
    let mut base = example();
    base.set_score(7, Some("Spreadsheets"), Some(3));
    let mut ours = base.clone();
    ours.set_score(7, None, Some(8));
    ours.set_score(7, Some("Spreadsheets"), Some(2));
    let mut theirs = base.clone();
    theirs.set_score(7, Some("Hiring a bookkeeper"), Some(6));
    let m = merged(&base, &ours, &theirs);
    assert!(!m.has_conflicts());
    let pain = m.canvas.item(7).expect("kept");
    assert_eq!(pain.ours, Some(8));
    assert_eq!(
        pain.theirs,
        [
            ("Spreadsheets".to_owned(), 2),
            ("Hiring a bookkeeper".to_owned(), 6)
        ]
    );
}

#[test]
fn one_alternatives_score_changed_both_ways_is_a_conflict() {
    let mut base = example();
    base.set_score(7, Some("Spreadsheets"), Some(3));
    let mut ours = base.clone();
    ours.set_score(7, Some("Spreadsheets"), Some(2));
    let mut theirs = base.clone();
    theirs.set_score(7, Some("Spreadsheets"), Some(5));
    let m = merged(&base, &ours, &theirs);
    assert!(m.has_conflicts());
    assert_eq!(
        m.canvas.item(7).and_then(|i| i.score_of("Spreadsheets")),
        Some(2)
    );
    let theirs_copy = m.conflicts[0].1;
    assert_eq!(
        m.canvas
            .item(theirs_copy)
            .and_then(|i| i.score_of("Spreadsheets")),
        Some(5)
    );
    crate::canvas::file::validate(&m.canvas).expect("valid");
}

#[test]
fn dots_from_two_rooms_add_up() {
    let mut base = example();
    base.set_votes(7, 2);
    let mut ours = base.clone();
    ours.set_votes(7, 5);
    let mut theirs = base.clone();
    theirs.set_votes(7, 4);
    let m = merged(&base, &ours, &theirs);
    assert!(!m.has_conflicts());
    assert_eq!(m.canvas.item(7).map(|i| i.votes), Some(7));
}

#[test]
fn scores_of_an_alternative_the_other_side_removed_go_with_it() {
    let base = example();
    let mut ours = base.clone();
    ours.set_score(7, Some("Word templates"), Some(4));
    let mut theirs = base.clone();
    theirs.set_alternatives(vec!["Spreadsheets".into(), "Hiring a bookkeeper".into()]);
    let m = merged(&base, &ours, &theirs);
    assert!(!m.canvas.alternatives.contains(&"Word templates".to_owned()));
    assert_eq!(m.canvas.item(7).map(|i| i.theirs.clone()), Some(vec![]));
    crate::canvas::file::validate(&m.canvas).expect("valid");
}

fn with_ab_test(mut c: Canvas) -> (Canvas, ItemId, ItemId, ItemId) {
    let a = c.next_id();
    c.statements.push(crate::canvas::Statement {
        id: a,
        name: "A".into(),
        text: "a".into(),
    });
    let b = a + 1;
    c.statements.push(crate::canvas::Statement {
        id: b,
        name: "B".into(),
        text: "b".into(),
    });
    let t = b + 1;
    c.tests.push(crate::canvas::TestCard {
        id: t,
        name: "Landing page".into(),
        statements: vec![a, b],
        ..crate::canvas::TestCard::default()
    });
    (c, a, b, t)
}

fn result(variant: Variant, shown: u64, converted: u64) -> TestResult {
    TestResult {
        variant,
        shown,
        converted,
    }
}

#[test]
fn results_of_different_variants_merge_cleanly_and_a_target_is_a_field() {
    let (base, a, b, t) = with_ab_test(example());
    let mut ours = base.clone();
    ours.tests[0]
        .results
        .push(result(Variant::Statement(a), 400, 30));
    let mut theirs = base.clone();
    theirs.tests[0]
        .results
        .push(result(Variant::Statement(b), 380, 8));
    theirs.tests[0].target = crate::canvas::Rate::new(0.05);
    let m = merged(&base, &ours, &theirs);
    assert!(!m.has_conflicts());
    let test = m.canvas.tests.iter().find(|x| x.id == t).expect("kept");
    assert_eq!(
        test.results,
        [
            result(Variant::Statement(a), 400, 30),
            result(Variant::Statement(b), 380, 8)
        ]
    );
    assert_eq!(test.target, crate::canvas::Rate::new(0.05));
}

#[test]
fn results_follow_a_statement_renumbered_by_the_merge() {
    let base = example();
    // Both sides add an A/B test with the same new ids.
    let (ours, ..) = with_ab_test(base.clone());
    let (mut theirs, a, _, _) = with_ab_test(base.clone());
    theirs.statements[0].name = "Their A".into();
    theirs.tests[0].name = "Their test".into();
    theirs.tests[0]
        .results
        .push(result(Variant::Statement(a), 100, 9));
    let m = merged(&base, &ours, &theirs);
    crate::canvas::file::validate(&m.canvas).expect("valid");
    let their_test = m
        .canvas
        .tests
        .iter()
        .find(|x| x.name == "Their test")
        .expect("kept");
    let Variant::Statement(id) = their_test.results[0].variant else {
        panic!("{:?}", their_test.results);
    };
    let statement = m
        .canvas
        .statements
        .iter()
        .find(|s| s.id == id)
        .expect("exists");
    assert_eq!(statement.name, "Their A");
}

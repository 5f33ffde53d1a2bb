//! The tally, kept in step edit by edit, against the whole analysis.

use proptest::prelude::*;

use super::*;
use crate::canvas::changes::{Bench, change};

/// Every figure of the tally is the analysis's.
fn agrees(tally: &Tally, c: &Canvas) -> Result<(), TestCaseError> {
    let report = analyze(c);
    prop_assert_eq!(tally.coverage(Section::Pains), report.pains);
    prop_assert_eq!(tally.coverage(Section::Gains), report.gains);
    prop_assert_eq!(tally.coverage(Section::Jobs), report.jobs);
    prop_assert_eq!(tally.evidenced(Section::Pains), report.pains_evidenced);
    prop_assert_eq!(tally.evidenced(Section::Gains), report.gains_evidenced);
    let counts = [
        (Section::Pains, report.pains_without_relievers.len()),
        (Section::Gains, report.gains_without_creators.len()),
        (Section::Jobs, report.jobs_without_products.len()),
        (Section::Relievers, report.relievers_without_pains.len()),
        (Section::Creators, report.creators_without_gains.len()),
        (Section::Products, 0),
    ];
    for (section, count) in counts {
        prop_assert_eq!(tally.flagged_count(section), count, "{:?}", section);
    }
    prop_assert_eq!(tally.has_gaps(), report.has_gaps());
    let highest = c.all_ids().max().unwrap_or(0);
    for id in 0..=highest + 1 {
        prop_assert_eq!(
            tally.is_flagged(id),
            report.is_flagged(id),
            "flagged {}",
            id
        );
        prop_assert_eq!(
            tally.is_unlinked(id),
            report.is_unlinked(id),
            "unlinked {}",
            id
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_tally_agrees_with_the_analysis_after_any_changes(
        changes in prop::collection::vec(change(), 1..80)
    ) {
        let mut bench = Bench::default();
        let mut tally = Tally::of(&bench.canvas);
        for change in &changes {
            bench.apply(change);
            tally.refresh(&bench.canvas);
            agrees(&tally, &bench.canvas)?;
        }
        // Read whole, the same.
        agrees(&Tally::of(&bench.canvas), &bench.canvas)?;
    }
}

#[test]
fn removing_the_only_reliever_flags_its_pain() {
    let mut c = Canvas::new("t");
    let pain = c.push(Section::Pains, "Late payments");
    let reliever = c.push(Section::Relievers, "Reminders");
    c.set_link(reliever, pain, true);
    let mut tally = Tally::of(&c);
    assert!(!tally.is_flagged(pain));
    c.remove(reliever);
    tally.refresh(&c);
    assert!(tally.is_flagged(pain));
    assert_eq!(tally.flagged_count(Section::Pains), 1);
    assert_eq!(tally.coverage(Section::Pains).addressed, 0);
}

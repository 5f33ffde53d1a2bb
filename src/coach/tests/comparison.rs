//! `undifferentiated` and `unscored-alternative` (SPEC §12): firing on a
//! scored canvas, quiet before anything is scored and once fixed.

use super::*;

/// The sharp canvas's top factors: its first job, pain and gain (High).
fn tops(c: &Canvas) -> [ItemId; 3] {
    [Section::Jobs, Section::Pains, Section::Gains].map(|s| c.items(s)[0].id)
}

#[test]
fn both_stay_quiet_while_nothing_is_scored() {
    let mut c = sharp();
    c.alternatives.push("Hiring a bookkeeper".into());
    assert!(fired(&c, Rule::Undifferentiated).is_empty());
    assert!(fired(&c, Rule::UnscoredAlternative).is_empty());
}

#[test]
fn undifferentiated_fires_without_a_top_lead_and_goes_with_one() {
    let mut c = sharp();
    let [job, pain, gain] = tops(&c);
    for id in [job, pain, gain] {
        c.set_score(id, None, Some(6));
        c.set_score(id, Some("Spreadsheets"), Some(5));
    }
    let hs = fired(&c, Rule::Undifferentiated);
    assert_eq!(hs.len(), 1);
    assert_eq!(hs[0].subject, Subject::Canvas);
    assert!(
        hs[0].message.contains("none of the 3 top factors"),
        "{}",
        hs[0].message
    );
    // A lead on a lower factor is not a lead where it counts.
    let low = c.items(Section::Pains)[2].id;
    c.set_score(low, None, Some(9));
    c.set_score(low, Some("Spreadsheets"), Some(1));
    assert_eq!(fired(&c, Rule::Undifferentiated).len(), 1);
    // Two points ahead on the top pain: a lead, and the rule is quiet.
    c.set_score(pain, None, Some(7));
    assert!(fired(&c, Rule::Undifferentiated).is_empty());
    assert_eq!(rules_of(&c), []);
}

#[test]
fn unscored_alternative_names_each_alternative_left_out_of_the_top() {
    let mut c = sharp();
    c.alternatives.push("Hiring a bookkeeper".into());
    let [job, pain, _] = tops(&c);
    c.set_score(job, None, Some(8));
    let hs = fired(&c, Rule::UnscoredAlternative);
    assert_eq!(hs.len(), 2, "{hs:?}");
    assert!(
        hs[0].message.contains("“Spreadsheets”"),
        "{}",
        hs[0].message
    );
    assert!(
        hs[1].message.contains("“Hiring a bookkeeper”"),
        "{}",
        hs[1].message
    );
    c.set_score(pain, Some("Hiring a bookkeeper"), Some(3));
    let hs = fired(&c, Rule::UnscoredAlternative);
    assert_eq!(hs.len(), 1);
    assert!(hs[0].message.contains("Spreadsheets"), "{}", hs[0].message);
}

#[test]
fn both_can_be_turned_off_for_every_canvas() {
    let mut c = sharp();
    let [job, ..] = tops(&c);
    c.set_score(job, None, Some(5));
    c.set_score(job, Some("Spreadsheets"), Some(5));
    c.alternatives.push("Hiring a bookkeeper".into());
    let all = hints(&c, RuleSet::EMPTY);
    assert!(all.iter().any(|h| h.rule == Rule::Undifferentiated));
    assert!(all.iter().any(|h| h.rule == Rule::UnscoredAlternative));
    let off: RuleSet = [Rule::Undifferentiated, Rule::UnscoredAlternative]
        .into_iter()
        .collect();
    assert!(hints(&c, off).is_empty(), "{:?}", hints(&c, off));
}

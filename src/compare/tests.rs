#![allow(clippy::unwrap_used)]

use super::*;

const SHEETS: &str = "Spreadsheets";
const BOOKKEEPER: &str = "Hiring a bookkeeper";

fn add(c: &mut Canvas, section: Section, text: &str, level: Level) -> ItemId {
    let id = c.push(section, text);
    c.set_level(id, level);
    id
}

fn score(c: &mut Canvas, id: ItemId, ours: u8, sheets: Option<u8>, keeper: Option<u8>) {
    assert!(c.set_score(id, None, Some(ours)));
    assert!(c.set_score(id, Some(SHEETS), sheets));
    assert!(c.set_score(id, Some(BOOKKEEPER), keeper));
}

/// Two alternatives, five top factors (one High job, two Extreme pains, two
/// Essential gains) and two lower ones, hand-scored:
///
/// | factor              | w | ours | sheets | keeper | standing |
/// |---------------------|---|------|--------|--------|----------|
/// | Get paid (job)      | 3 | 8    | 3      | 5      | lead     |
/// | Late payments (p)   | 3 | 9    | 2      | 6      | lead     |
/// | Tax season panic (p)| 3 | 3    | 2      | 8      | trail    |
/// | Know cash (gain)    | 3 | 7    | 4      | 4      | lead     |
/// | Less admin (gain)   | 3 | 5    | 5      | —      | par      |
/// | Chase politely (job)| 2 | 6    | —      | 6      | par      |
/// | Look pro (gain)     | 1 | —    | 9      | 9      | unscored |
///
/// versus sheets = 3·5 + 3·7 + 3·1 + 3·3 + 3·0 = 48;
/// versus keeper = 3·3 + 3·3 + 3·(−5) + 3·3 + 2·0 = 12.
fn founder() -> (Canvas, [ItemId; 7]) {
    let mut c = Canvas::new("Invoicing");
    c.alternatives = vec![SHEETS.into(), BOOKKEEPER.into()];
    let job = add(&mut c, Section::Jobs, "Get paid on time", Level::High);
    let chase = add(&mut c, Section::Jobs, "Chase politely", Level::Medium);
    let late = add(&mut c, Section::Pains, "Late payments", Level::High);
    let tax = add(&mut c, Section::Pains, "Tax season  panic", Level::High);
    let cash = add(&mut c, Section::Gains, "Know cash", Level::High);
    let admin = add(&mut c, Section::Gains, "Less admin", Level::High);
    let pro = add(&mut c, Section::Gains, "Look pro", Level::Low);
    score(&mut c, job, 8, Some(3), Some(5));
    score(&mut c, chase, 6, None, Some(6));
    score(&mut c, late, 9, Some(2), Some(6));
    score(&mut c, tax, 3, Some(2), Some(8));
    score(&mut c, cash, 7, Some(4), Some(4));
    score(&mut c, admin, 5, Some(5), None);
    c.set_score(pro, Some(SHEETS), Some(9));
    c.set_score(pro, Some(BOOKKEEPER), Some(9));
    (c, [job, chase, late, tax, cash, admin, pro])
}

#[test]
fn factors_come_in_rank_order_with_their_standing() {
    let (c, [job, chase, late, tax, cash, admin, pro]) = founder();
    let cmp = analyze(&c);
    let order: Vec<ItemId> = cmp.factors.iter().map(|f| f.id).collect();
    // Weight first, then jobs, pains, gains, then position.
    assert_eq!(order, [job, late, tax, cash, admin, chase, pro]);
    let standing: Vec<Standing> = cmp.factors.iter().map(|f| f.standing).collect();
    assert_eq!(
        standing,
        [
            Standing::Lead,
            Standing::Lead,
            Standing::Trail,
            Standing::Lead,
            Standing::Par,
            Standing::Par,
            Standing::Unscored
        ]
    );
    let top: Vec<bool> = cmp.factors.iter().map(|f| f.top).collect();
    assert_eq!(top, [true, true, true, true, true, false, false]);
    assert_eq!(cmp.factors[2].ahead_of_us(), [1]);
    assert_eq!(cmp.factors[1].theirs, [Some(2), Some(6)]);
}

#[test]
fn versus_is_the_weighted_sum_where_both_are_scored() {
    let (c, _) = founder();
    let cmp = analyze(&c);
    assert_eq!(
        cmp.versus,
        [
            Versus {
                alternative: SHEETS.into(),
                score: 48,
                compared: 5
            },
            Versus {
                alternative: BOOKKEEPER.into(),
                score: 12,
                compared: 5
            }
        ]
    );
}

#[test]
fn versus_weighs_by_level() {
    // One Mild pain 10 vs 0 (1 × 10) against one Extreme pain 2 vs 6
    // (3 × −4): −2 overall, though we win by more on the first.
    let mut c = Canvas::default();
    c.alternatives = vec![SHEETS.into()];
    let big = add(&mut c, Section::Pains, "big", Level::High);
    let small = add(&mut c, Section::Pains, "small", Level::Low);
    c.set_score(big, None, Some(2));
    c.set_score(big, Some(SHEETS), Some(6));
    c.set_score(small, None, Some(10));
    c.set_score(small, Some(SHEETS), Some(0));
    let cmp = analyze(&c);
    assert_eq!(cmp.versus[0].score, -2);
    assert_eq!(cmp.beaten(), None);
    assert!(cmp.is_undifferentiated());
}

#[test]
fn the_verdict_counts_top_leads_and_names_the_first_trail() {
    let (c, _) = founder();
    assert_eq!(
        analyze(&c).verdict(),
        "Leads on 3 of the 5 top factors; trails Hiring a bookkeeper on 'Tax season panic'"
    );
}

#[test]
fn the_verdict_without_trails_or_scores() {
    let (mut c, [_, _, _, tax, ..]) = founder();
    c.set_score(tax, Some(BOOKKEEPER), Some(4));
    assert_eq!(
        analyze(&c).verdict(),
        "Leads on 3 of the 5 top factors; trails on none"
    );
    let mut bare = Canvas::default();
    add(&mut bare, Section::Pains, "p", Level::High);
    assert_eq!(analyze(&bare).verdict(), "No alternatives to compare with");
    bare.alternatives = vec![SHEETS.into()];
    assert!(analyze(&bare).verdict().starts_with("Not compared yet"));
}

#[test]
fn a_lead_needs_a_margin_over_every_scored_alternative() {
    let mut c = Canvas::default();
    c.alternatives = vec![SHEETS.into(), BOOKKEEPER.into()];
    let p = add(&mut c, Section::Pains, "p", Level::High);
    c.set_score(p, None, Some(7));
    c.set_score(p, Some(SHEETS), Some(5));
    assert_eq!(analyze(&c).factors[0].standing, Standing::Lead);
    c.set_score(p, Some(BOOKKEEPER), Some(6));
    assert_eq!(analyze(&c).factors[0].standing, Standing::Par);
    c.set_score(p, Some(BOOKKEEPER), Some(9));
    assert_eq!(analyze(&c).factors[0].standing, Standing::Trail);
    c.set_score(p, None, None);
    assert_eq!(analyze(&c).factors[0].standing, Standing::Unscored);
}

#[test]
fn invalidated_items_are_no_factors_and_do_not_make_the_top() {
    let (mut c, [job, chase, ..]) = founder();
    c.set_status(job, Status::Invalidated);
    let cmp = analyze(&c);
    assert!(cmp.factors.iter().all(|f| f.id != job));
    // The remaining job is now its section's top.
    assert!(cmp.factors.iter().any(|f| f.id == chase && f.top));
    // Its scores no longer count: sheets loses 3·5.
    assert_eq!(cmp.versus[0].score, 48 - 15);
}

#[test]
fn the_statement_prefers_the_first_alternative_beaten() {
    let (mut c, [job, _, late, _, cash, ..]) = founder();
    assert_eq!(analyze(&c).beaten(), Some(SHEETS));
    // Sheets scores 10 where it had 3, 2 and 4: 48 − 3·7 − 3·8 − 3·6 = −15;
    // the bookkeeper (12) is now the first one we beat.
    for id in [job, late, cash] {
        c.set_score(id, Some(SHEETS), Some(10));
    }
    let cmp = analyze(&c);
    assert_eq!((cmp.versus[0].score, cmp.versus[1].score), (-15, 12));
    assert_eq!(cmp.beaten(), Some(BOOKKEEPER));
}

#[test]
fn unscored_alternatives_are_named_once_anything_is_scored() {
    let mut c = Canvas::default();
    c.alternatives = vec![SHEETS.into(), BOOKKEEPER.into()];
    let p = add(&mut c, Section::Pains, "p", Level::High);
    let low = add(&mut c, Section::Pains, "low", Level::Low);
    assert!(analyze(&c).unscored_alternatives().is_empty());
    c.set_score(p, None, Some(5));
    assert_eq!(analyze(&c).unscored_alternatives(), [SHEETS, BOOKKEEPER]);
    // A score on a lower factor is not a score on a top one.
    c.set_score(low, Some(SHEETS), Some(5));
    assert_eq!(analyze(&c).unscored_alternatives(), [SHEETS, BOOKKEEPER]);
    c.set_score(p, Some(SHEETS), Some(5));
    assert_eq!(analyze(&c).unscored_alternatives(), [BOOKKEEPER]);
}

#[test]
fn undifferentiated_only_once_scored_and_without_a_top_lead() {
    let (mut c, [job, _, late, _, cash, ..]) = founder();
    assert!(!analyze(&c).is_undifferentiated());
    for id in [job, late, cash] {
        c.set_score(id, None, Some(5));
    }
    assert!(analyze(&c).is_undifferentiated());
    let mut bare = Canvas::default();
    bare.alternatives = vec![SHEETS.into()];
    add(&mut bare, Section::Pains, "p", Level::High);
    assert!(!analyze(&bare).is_undifferentiated());
}

#[test]
fn blank_and_repeated_alternatives_are_compared_once() {
    let (mut c, _) = founder();
    c.alternatives = vec![SHEETS.into(), " ".into(), BOOKKEEPER.into(), SHEETS.into()];
    let cmp = analyze(&c);
    assert_eq!(cmp.alternatives, [SHEETS, BOOKKEEPER]);
    assert_eq!(cmp.versus.len(), 2);
}

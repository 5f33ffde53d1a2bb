#![allow(clippy::unwrap_used)]

use super::*;

fn ids(list: &[Flagged]) -> Vec<ItemId> {
    list.iter().map(|f| f.id).collect()
}

fn add(c: &mut Canvas, section: Section, text: &str, level: Level) -> ItemId {
    let id = c.push(section, text);
    c.set_level(id, level);
    id
}

#[test]
fn an_empty_canvas_has_no_flags_and_full_coverage() {
    let r = analyze(&Canvas::default());
    assert_eq!(r, FitReport::default());
    assert!(r.pains_without_relievers.is_empty());
    assert!(r.gains_without_creators.is_empty());
    assert!(!r.has_gaps());
    assert!(r.relievers_without_pains.is_empty() && r.jobs_without_products.is_empty());
    assert!((r.pains.ratio() - 1.0).abs() < f64::EPSILON);
    assert!((r.gains.ratio() - 1.0).abs() < f64::EPSILON);
    assert!((r.jobs.ratio() - 1.0).abs() < f64::EPSILON);
}

#[test]
fn pains_without_relievers_are_flagged_with_their_text() {
    let mut c = Canvas::default();
    let relieved = add(&mut c, Section::Pains, "relieved", Level::Medium);
    let open = add(&mut c, Section::Pains, "Late payments", Level::Medium);
    let r_id = c.push(Section::Relievers, "reminders");
    c.set_link(r_id, relieved, true);
    let r = analyze(&c);
    assert_eq!(
        r.pains_without_relievers,
        [Flagged {
            id: open,
            text: "Late payments".into()
        }]
    );
    assert!(r.is_flagged(open));
    assert!(!r.is_flagged(relieved));
    assert!(!r.is_flagged(r_id));
    assert!(r.has_gaps());
}

#[test]
fn gains_without_creators_are_flagged() {
    let mut c = Canvas::default();
    let created = add(&mut c, Section::Gains, "created", Level::Medium);
    let open = add(&mut c, Section::Gains, "Cash-flow view", Level::Low);
    let g = c.push(Section::Creators, "forecast");
    c.set_link(g, created, true);
    let r = analyze(&c);
    assert_eq!(ids(&r.gains_without_creators), [open]);
    assert_eq!(r.gains_without_creators[0].text, "Cash-flow view");
    assert!(r.is_flagged(open));
    assert!(!r.is_flagged(created));
    assert!(r.pains_without_relievers.is_empty());
    assert!(r.has_gaps());
}

#[test]
fn a_pain_linked_only_from_a_creator_or_product_is_still_unrelieved() {
    // Links of the wrong kind cannot be made through the API; build them by hand.
    let mut c = Canvas::default();
    let pain = c.push(Section::Pains, "pain");
    let gain = c.push(Section::Gains, "gain");
    c.insert_item(
        Section::Creators,
        0,
        Item::new(10, "creator").with_links(vec![pain]),
    );
    c.insert_item(
        Section::Relievers,
        0,
        Item::new(11, "reliever").with_links(vec![gain]),
    );
    let r = analyze(&c);
    assert_eq!(ids(&r.pains_without_relievers), [pain]);
    assert_eq!(ids(&r.gains_without_creators), [gain]);
}

#[test]
fn relievers_and_creators_linking_nothing_are_warnings_in_user_order() {
    let mut c = Canvas::default();
    let pain = c.push(Section::Pains, "pain");
    let gain = c.push(Section::Gains, "gain");
    let r1 = c.push(Section::Relievers, "idle reliever 1");
    let r2 = c.push(Section::Relievers, "busy reliever");
    let r3 = c.push(Section::Relievers, "idle reliever 2");
    let g1 = c.push(Section::Creators, "busy creator");
    let g2 = c.push(Section::Creators, "idle creator");
    c.set_link(r2, pain, true);
    c.set_link(g1, gain, true);
    let r = analyze(&c);
    assert_eq!(ids(&r.relievers_without_pains), [r1, r3]);
    assert_eq!(r.relievers_without_pains[1].text, "idle reliever 2");
    assert_eq!(ids(&r.creators_without_gains), [g2]);
    assert!(r.is_unlinked(r1) && r.is_unlinked(g2));
    assert!(!r.is_unlinked(r2) && !r.is_unlinked(g1));
    // Warnings are not flags.
    assert!(!r.is_flagged(r1));
    assert!(!r.has_gaps());
    assert!(
        r.is_unlinked(r1),
        "a reliever that relieves nothing is marked"
    );
}

#[test]
fn jobs_without_products_are_warnings_most_important_first() {
    let mut c = Canvas::default();
    let low = add(&mut c, Section::Jobs, "low", Level::Low);
    let helped = add(&mut c, Section::Jobs, "helped", Level::High);
    let high = add(&mut c, Section::Jobs, "high", Level::High);
    let product = c.push(Section::Products, "app");
    c.set_link(product, helped, true);
    let r = analyze(&c);
    assert_eq!(ids(&r.jobs_without_products), [high, low]);
    assert!(r.is_unlinked(low));
    assert!(!r.is_unlinked(helped));
    assert!(!r.is_flagged(low), "unhelped jobs are warnings, not flags");
    assert!(!r.has_gaps());
    assert!(r.is_unlinked(low));
    assert_eq!(r.jobs.addressed, 1);
    assert_eq!(r.jobs.total, 3);
    // Products linking nothing are not reported (their links are optional).
    let lonely = c.push(Section::Products, "lonely");
    assert!(!analyze(&c).is_unlinked(lonely));
}

#[test]
fn unaddressed_items_are_ordered_by_level_then_position() {
    let mut c = Canvas::default();
    let m1 = add(&mut c, Section::Pains, "moderate 1", Level::Medium);
    let l1 = add(&mut c, Section::Pains, "mild 1", Level::Low);
    let e1 = add(&mut c, Section::Pains, "extreme 1", Level::High);
    let m2 = add(&mut c, Section::Pains, "moderate 2", Level::Medium);
    let e2 = add(&mut c, Section::Pains, "extreme 2", Level::High);
    let l2 = add(&mut c, Section::Pains, "mild 2", Level::Low);
    let r = analyze(&c);
    assert_eq!(ids(&r.pains_without_relievers), [e1, e2, m1, m2, l1, l2]);

    // Re-ranking within a level changes the order; addressed items drop out.
    c.move_by(e2, -10);
    let reliever = c.push(Section::Relievers, "r");
    c.set_link(reliever, m1, true);
    let r = analyze(&c);
    assert_eq!(ids(&r.pains_without_relievers), [e2, e1, m2, l1, l2]);
}

#[test]
fn gains_are_ordered_essential_desired_nice_to_have() {
    let mut c = Canvas::default();
    let nice = add(&mut c, Section::Gains, "nice", Level::Low);
    let desired = add(&mut c, Section::Gains, "desired", Level::Medium);
    let essential = add(&mut c, Section::Gains, "essential", Level::High);
    let r = analyze(&c);
    assert_eq!(ids(&r.gains_without_creators), [essential, desired, nice]);
}

#[test]
fn coverage_is_weighted_by_level() {
    let mut c = Canvas::default();
    // Pains: Extreme(3) relieved, Moderate(2) open, Mild(1) relieved, Moderate(2) relieved.
    let p_ext = add(&mut c, Section::Pains, "extreme", Level::High);
    add(&mut c, Section::Pains, "moderate open", Level::Medium);
    let p_mild = add(&mut c, Section::Pains, "mild", Level::Low);
    let p_mod = add(&mut c, Section::Pains, "moderate", Level::Medium);
    // Gains: Essential(3) open, Desired(2) created, NiceToHave(1) open.
    add(&mut c, Section::Gains, "essential open", Level::High);
    let g_des = add(&mut c, Section::Gains, "desired", Level::Medium);
    add(&mut c, Section::Gains, "nice open", Level::Low);
    let r1 = c.push(Section::Relievers, "r1");
    let r2 = c.push(Section::Relievers, "r2");
    c.set_link(r1, p_ext, true);
    c.set_link(r1, p_mild, true);
    // Two relievers on one pain count it once.
    c.set_link(r2, p_mod, true);
    c.set_link(r2, p_ext, true);
    let g = c.push(Section::Creators, "g");
    c.set_link(g, g_des, true);

    let r = analyze(&c);
    assert_eq!(
        r.pains,
        Coverage {
            addressed: 3,
            total: 4,
            addressed_weight: 3 + 1 + 2,
            total_weight: 3 + 2 + 1 + 2,
        }
    );
    assert!((r.pains.ratio() - 6.0 / 8.0).abs() < 1e-12);
    assert_eq!(
        r.gains,
        Coverage {
            addressed: 1,
            total: 3,
            addressed_weight: 2,
            total_weight: 6,
        }
    );
    assert!((r.gains.ratio() - 2.0 / 6.0).abs() < 1e-12);
}

#[test]
fn coverage_differs_from_the_plain_count_when_levels_differ() {
    let mut c = Canvas::default();
    let extreme = add(&mut c, Section::Pains, "extreme", Level::High);
    add(&mut c, Section::Pains, "mild", Level::Low);
    let rel = c.push(Section::Relievers, "r");
    c.set_link(rel, extreme, true);
    let r = analyze(&c);
    // One of two pains relieved, but it carries 3 of the 4 weight.
    assert_eq!((r.pains.addressed, r.pains.total), (1, 2));
    assert!((r.pains.ratio() - 0.75).abs() < 1e-12);
}

#[test]
fn a_fully_linked_canvas_has_no_gaps_and_full_coverage() {
    let mut c = Canvas::default();
    let job = c.push(Section::Jobs, "job");
    let pain = c.push(Section::Pains, "pain");
    let gain = c.push(Section::Gains, "gain");
    let p = c.push(Section::Products, "p");
    let r = c.push(Section::Relievers, "r");
    let g = c.push(Section::Creators, "g");
    c.set_link(p, job, true);
    c.set_link(r, pain, true);
    c.set_link(g, gain, true);
    let report = analyze(&c);
    assert!(!report.has_gaps());
    assert!(report.relievers_without_pains.is_empty() && report.creators_without_gains.is_empty());
    for cov in [report.pains, report.gains, report.jobs] {
        assert_eq!((cov.addressed, cov.total), (1, 1));
        assert!((cov.ratio() - 1.0).abs() < f64::EPSILON);
    }
    for id in [job, pain, gain, p, r, g] {
        assert!(!report.is_flagged(id));
        assert!(!report.is_unlinked(id));
    }
}

#[test]
fn an_empty_section_counts_as_covered_while_the_other_does_not() {
    let mut c = Canvas::default();
    add(&mut c, Section::Gains, "gain", Level::Medium);
    let r = analyze(&c);
    assert!((r.pains.ratio() - 1.0).abs() < f64::EPSILON);
    assert_eq!(r.pains.total, 0);
    assert!(r.gains.ratio().abs() < f64::EPSILON);
    assert!(r.has_gaps());
}

#[test]
fn has_gaps_is_about_pains_and_gains_only() {
    let mut c = Canvas::default();
    c.push(Section::Relievers, "idle");
    c.push(Section::Creators, "idle");
    c.push(Section::Jobs, "job");
    assert!(!analyze(&c).has_gaps());
    let pain = c.push(Section::Pains, "pain");
    assert!(analyze(&c).has_gaps());
    c.remove(pain);
    c.push(Section::Gains, "gain");
    assert!(analyze(&c).has_gaps());
}

#[test]
fn removing_the_reliever_flags_the_pain_again() {
    let mut c = Canvas::default();
    let pain = c.push(Section::Pains, "pain");
    let rel = c.push(Section::Relievers, "r");
    c.set_link(rel, pain, true);
    assert!(!analyze(&c).is_flagged(pain));
    c.remove(rel);
    let r = analyze(&c);
    assert!(r.is_flagged(pain));
    assert_eq!(ids(&r.pains_without_relievers), [pain]);
}

#[test]
fn flagged_serialises_as_id_and_text() {
    let f = Flagged {
        id: 7,
        text: "Late \"payments\"".into(),
    };
    assert_eq!(
        serde_json::to_string(&f).unwrap(),
        r#"{"id":7,"text":"Late \"payments\""}"#
    );
}

// ---------------------------------------------------------------------------
// Evidence (SPEC §7)

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn an_invalidated_pain_is_never_flagged_and_counts_in_neither_coverage() {
    let mut c = Canvas::default();
    let real = add(&mut c, Section::Pains, "real", Level::Low);
    let gone = add(&mut c, Section::Pains, "not a pain after all", Level::High);
    let r_id = c.push(Section::Relievers, "helps");
    c.set_link(r_id, real, true);
    c.set_status(gone, Status::Invalidated);
    let r = analyze(&c);
    assert!(r.pains_without_relievers.is_empty());
    assert!(!r.is_flagged(gone));
    assert_eq!((r.pains.addressed, r.pains.total), (1, 1));
    assert_eq!(r.pains.total_weight, 1);
    assert_eq!(r.pains_evidenced.total_weight, 1);
}

#[test]
fn a_reliever_whose_only_pains_are_invalidated_relieves_nothing() {
    let mut c = Canvas::default();
    let gone = add(&mut c, Section::Pains, "gone", Level::High);
    let r_id = c.push(Section::Relievers, "helps with gone");
    c.set_link(r_id, gone, true);
    assert!(analyze(&c).relievers_without_pains.is_empty());
    c.set_status(gone, Status::Invalidated);
    let r = analyze(&c);
    assert_eq!(ids(&r.relievers_without_pains), [r_id]);
    assert!(r.is_unlinked(r_id));
}

#[test]
fn evidenced_coverage_needs_the_pain_and_one_reliever_validated() {
    let mut c = Canvas::default();
    let a = add(&mut c, Section::Pains, "a", Level::High); // weight 3
    let b = add(&mut c, Section::Pains, "b", Level::Low); // weight 1
    let ra = c.push(Section::Relievers, "for a");
    let rb = c.push(Section::Relievers, "for b");
    c.set_link(ra, a, true);
    c.set_link(rb, b, true);
    let r = analyze(&c);
    assert!(near(r.pains.ratio(), 1.0));
    assert!(near(r.pains_evidenced.ratio(), 0.0));
    c.set_status(a, Status::Validated);
    assert!(
        near(analyze(&c).pains_evidenced.ratio(), 0.0),
        "reliever not yet validated"
    );
    c.set_status(ra, Status::Validated);
    assert!(near(analyze(&c).pains_evidenced.ratio(), 0.75));
    c.set_status(b, Status::Validated);
    c.set_status(rb, Status::Testing);
    assert!(near(analyze(&c).pains_evidenced.ratio(), 0.75));
    c.set_status(rb, Status::Validated);
    assert!(near(analyze(&c).pains_evidenced.ratio(), 1.0));
}

#[test]
fn evidenced_gains_follow_the_same_rule() {
    let mut c = Canvas::default();
    let g = add(&mut c, Section::Gains, "g", Level::Medium);
    let cr = c.push(Section::Creators, "makes g");
    c.set_link(cr, g, true);
    c.set_status(g, Status::Validated);
    c.set_status(cr, Status::Validated);
    let r = analyze(&c);
    assert!(near(r.gains_evidenced.ratio(), 1.0));
    assert_eq!(r.gains_evidenced.addressed, 1);
}

#[test]
fn test_next_puts_the_heaviest_open_customer_items_first_then_the_offer() {
    let mut c = Canvas::default();
    let job = add(&mut c, Section::Jobs, "job", Level::High);
    let gain = add(&mut c, Section::Gains, "gain", Level::High);
    let pain_low = add(&mut c, Section::Pains, "mild pain", Level::Low);
    let pain = add(&mut c, Section::Pains, "extreme pain", Level::High);
    let settled = add(&mut c, Section::Pains, "settled", Level::High);
    c.set_status(settled, Status::Validated);
    let product = c.push(Section::Products, "product");
    let for_low = c.push(Section::Relievers, "for the mild pain");
    let for_high = c.push(Section::Relievers, "for the extreme pain");
    let creator = c.push(Section::Creators, "for the gain");
    c.set_link(for_low, pain_low, true);
    c.set_link(for_high, pain, true);
    c.set_link(creator, gain, true);
    c.set_link(product, job, true);
    let order: Vec<ItemId> = analyze(&c).test_next.iter().map(|r| r.id).collect();
    // Weight 3 first: pains, then gains, then jobs; then weight 1; then the
    // value map, by the weight of what it addresses.
    assert_eq!(
        order,
        [
            pain, gain, job, pain_low, for_high, creator, product, for_low
        ]
    );
}

#[test]
fn top_ranked_items_not_validated_are_unproven() {
    let mut c = Canvas::default();
    let top = add(&mut c, Section::Pains, "top", Level::High);
    let _low = add(&mut c, Section::Pains, "low", Level::Low);
    let job = add(&mut c, Section::Jobs, "only job", Level::Low);
    let r = analyze(&c);
    let unproven: Vec<ItemId> = r.unproven_top.iter().map(|r| r.id).collect();
    assert_eq!(unproven, [job, top]);
    c.set_status(top, Status::Validated);
    c.set_status(job, Status::Validated);
    assert!(analyze(&c).unproven_top.is_empty());
}

#[test]
fn an_invalidated_top_item_is_not_unproven_and_the_next_level_is_top() {
    // SPEC §7: an invalidated item is one the customer does not have; it
    // blocks nothing, and the highest level left is then the top.
    let mut c = Canvas::default();
    let gone = add(&mut c, Section::Pains, "gone", Level::High);
    let next = add(&mut c, Section::Pains, "next", Level::Medium);
    c.set_status(gone, Status::Invalidated);
    let unproven: Vec<ItemId> = analyze(&c).unproven_top.iter().map(|r| r.id).collect();
    assert_eq!(unproven, [next]);
    c.set_status(next, Status::Validated);
    assert!(analyze(&c).unproven_top.is_empty());
}

mod tally;

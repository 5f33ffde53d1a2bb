//! Every rule: canvases where it must speak up, and near misses where it must
//! stay quiet. Then the incremental coach against the one-shot one.

#![allow(clippy::unwrap_used)]

use super::*;
use crate::canvas::{Item, JobKind, Level, Status};

/// A canvas that no rule speaks about: three ranked, felt and tested items
/// in each customer section, numbers everywhere, an alternative.
fn sharp() -> Canvas {
    let mut c = Canvas::new("Sharp");
    c.alternatives = vec!["Spreadsheets".into()];
    let jobs = [
        ("Get paid within 14 days", JobKind::Functional, Level::High),
        (
            "Look professional to 5 new clients",
            JobKind::Social,
            Level::Medium,
        ),
        (
            "Sleep 8 hours without money worries",
            JobKind::Emotional,
            Level::Low,
        ),
    ];
    for (text, kind, level) in jobs {
        let id = c.push(Section::Jobs, text);
        c.set_level(id, level);
        c.set_status(id, Status::Testing);
        let _ = kind;
        while c.item(id).unwrap().kind != kind {
            c.cycle_kind(id);
        }
    }
    for (s, texts) in [
        (
            Section::Pains,
            [
                "Clients pay 30+ days late",
                "2 hours a week chasing",
                "One in five invoices disputed",
            ],
        ),
        (
            Section::Gains,
            [
                "Cash in within 7 days",
                "Half the admin time",
                "Paid twice as often on time",
            ],
        ),
    ] {
        for (n, text) in texts.into_iter().enumerate() {
            let id = c.push(s, text);
            c.set_level(id, [Level::High, Level::Medium, Level::Low][n]);
            c.set_status(id, Status::Validated);
        }
    }
    c.push(Section::Products, "Invoicing web app");
    c.push(Section::Relievers, "Reminders at 3, 7 and 14 days");
    c.push(Section::Creators, "Pay-now button on every invoice");
    c
}

fn rules_of(c: &Canvas) -> Vec<(Rule, Option<String>)> {
    hints(c, RuleSet::EMPTY)
        .into_iter()
        .map(|h| (h.rule, h.text))
        .collect()
}

fn fired(c: &Canvas, rule: Rule) -> Vec<Hint> {
    hints(c, RuleSet::EMPTY)
        .into_iter()
        .filter(|h| h.rule == rule)
        .collect()
}

fn texts(hs: &[Hint]) -> Vec<&str> {
    hs.iter().map(|h| h.text.as_deref().unwrap_or("")).collect()
}

#[test]
fn a_sharp_canvas_gets_no_hint() {
    assert_eq!(rules_of(&sharp()), []);
}

#[test]
fn unquantified_fires_on_pains_and_gains_without_a_number() {
    let mut c = sharp();
    c.push(Section::Pains, "Clients pay late");
    c.push(Section::Gains, "Get paid sooner");
    c.push(Section::Jobs, "Send invoices"); // jobs are not asked for numbers
    let hs = fired(&c, Rule::Unquantified);
    assert_eq!(texts(&hs), ["Clients pay late", "Get paid sooner"]);
    assert!(
        hs[0].message.starts_with("Add a number"),
        "{}",
        hs[0].message
    );
}

#[test]
fn unquantified_stays_quiet_on_numbers_in_words_and_foreign_text() {
    let mut c = sharp();
    for text in [
        "Wait more than 10 minutes",
        "half the time",
        "twice a week",
        "Ten reminders before they pay",
        "請求書の支払いが遅い",
        "Rechnungen kommen zu spät",
        "Les clients paient en retard",
    ] {
        c.push(Section::Pains, text);
    }
    assert_eq!(texts(&fired(&c, Rule::Unquantified)), Vec::<&str>::new());
}

#[test]
fn unquantified_stays_quiet_on_how_often_said_in_words() {
    // "How often?" is one of the numbers the hint asks for: a frequency
    // answers it, in a word or as "every" with a unit of time.
    let mut c = sharp();
    let often = [
        "See the margin every Monday",
        "Invoices go out weekly",
        "Lose a table every Friday night",
        "Stock counted daily by hand",
        "A tax bill that surprises them yearly",
        "Paid every month without asking",
    ];
    for text in often {
        c.push(Section::Gains, text);
    }
    // "every" with anything else is not a number.
    c.push(Section::Pains, "Rebuilding every invoice in a spreadsheet");
    c.push(Section::Pains, "Everyday admin piles up");
    assert_eq!(
        texts(&fired(&c, Rule::Unquantified)),
        [
            "Rebuilding every invoice in a spreadsheet",
            "Everyday admin piles up"
        ]
    );
}

#[test]
fn vague_fires_on_claims_without_numbers_in_items_and_statements() {
    let mut c = sharp();
    c.push(Section::Creators, "Faster invoicing");
    c.push(Section::Relievers, "A seamless, user-friendly experience");
    c.push(Section::Products, "Best-in-class dashboard");
    c.add_statement("A", "Our app makes invoicing easy.");
    let hs = fired(&c, Rule::Vague);
    assert_eq!(
        texts(&hs),
        [
            "Best-in-class dashboard",
            "A seamless, user-friendly experience",
            "Faster invoicing",
            "Our app makes invoicing easy."
        ]
    );
    assert!(
        hs[0].message.contains("“Best-in-class”"),
        "{}",
        hs[0].message
    );
    assert_eq!(hs[3].subject, Subject::Statement(c.statements[0].id));
}

#[test]
fn vague_stays_quiet_with_a_number_or_on_words_that_only_look_alike() {
    let mut c = sharp();
    c.push(Section::Creators, "faster: invoices out in 2 minutes");
    c.push(Section::Creators, "Easy setup in five steps");
    c.push(Section::Relievers, "Breakfast for the team"); // "fast" inside a word
    c.push(Section::Relievers, "Schneller und besser"); // not English
    c.add_statement("A", "Invoices out 3x faster than with spreadsheets.");
    assert_eq!(texts(&fired(&c, Rule::Vague)), Vec::<&str>::new());
}

#[test]
fn duplicate_is_reported_on_the_lower_one_in_the_same_section_only() {
    let mut c = sharp();
    let first = c.push(Section::Pains, "Clients pay 30 days late!");
    let lower = c.push(Section::Pains, "  clients PAY 30 days   late ");
    c.push(Section::Gains, "Clients pay 30 days late"); // other section: fine
    let hs = fired(&c, Rule::Duplicate);
    // "Clients pay 30+ days late" of the sharp canvas is the same words too.
    assert_eq!(
        hs.iter().map(|h| h.subject.id()).collect::<Vec<_>>(),
        [Some(first), Some(lower)]
    );
    assert!(
        hs[0].message.contains("Clients pay 30+ days late"),
        "{}",
        hs[0].message
    );
}

#[test]
fn duplicate_stays_quiet_on_similar_but_different_texts() {
    let mut c = sharp();
    c.push(Section::Pains, "Clients pay 31 days late");
    c.push(Section::Pains, "!!!");
    c.push(Section::Pains, "???");
    assert_eq!(fired(&c, Rule::Duplicate), []);
}

#[test]
fn functional_only_needs_two_jobs_and_none_felt() {
    let mut c = Canvas::new("t");
    c.push(Section::Jobs, "Send 20 invoices a month");
    assert_eq!(
        fired(&c, Rule::FunctionalOnly),
        [],
        "one job is too few to say"
    );
    let second = c.push(Section::Jobs, "File taxes by April");
    let hs = fired(&c, Rule::FunctionalOnly);
    assert_eq!(hs.len(), 1);
    assert_eq!(hs[0].subject, Subject::Section(Section::Jobs));
    c.cycle_kind(second); // Social
    assert_eq!(fired(&c, Rule::FunctionalOnly), []);
    c.cycle_kind(second); // Emotional
    assert_eq!(fired(&c, Rule::FunctionalOnly), []);
    c.cycle_kind(second); // Supporting: not felt
    assert_eq!(fired(&c, Rule::FunctionalOnly).len(), 1);
}

#[test]
fn product_in_profile_fires_when_the_profile_names_the_offer() {
    let mut c = sharp();
    c.push(
        Section::Products,
        "PayFast mobile app for freelance designers",
    );
    c.push(Section::Pains, "PayFast costs 20 euros a month");
    c.push(Section::Jobs, "Use the invoicing web app every day");
    c.push(Section::Relievers, "PayFast sends 3 reminders"); // the value map may
    let hs = fired(&c, Rule::ProductInProfile);
    assert_eq!(
        texts(&hs),
        [
            "Use the invoicing web app every day",
            "PayFast costs 20 euros a month"
        ]
    );
    assert!(hs[1].message.contains("“PayFast”"), "{}", hs[1].message);
}

#[test]
fn product_in_profile_stays_quiet_on_shared_ordinary_words() {
    let mut c = sharp();
    // "invoicing" alone is the customer's word, not the product's name.
    c.push(Section::Jobs, "Finish invoicing in 1 hour");
    c.push(Section::Pains, "My web of 12 apps is a mess");
    assert_eq!(fired(&c, Rule::ProductInProfile), []);
}

#[test]
fn too_few_fires_per_customer_section_once_there_are_six_items() {
    let mut c = Canvas::new("t");
    c.alternatives = vec!["Paper".into()];
    for n in 0..5 {
        c.push(Section::Products, format!("Product {n}"));
    }
    assert_eq!(fired(&c, Rule::TooFew), [], "5 items: too early to say");
    c.push(Section::Pains, "3 late payments a month");
    let hs = fired(&c, Rule::TooFew);
    assert_eq!(
        hs.iter().map(|h| h.subject).collect::<Vec<_>>(),
        [
            Subject::Section(Section::Jobs),
            Subject::Section(Section::Pains),
            Subject::Section(Section::Gains)
        ]
    );
    assert!(
        hs[1].message.starts_with("Only 1 pain:"),
        "{}",
        hs[1].message
    );
    assert_eq!(fired(&sharp(), Rule::TooFew), [], "three each is enough");
}

#[test]
fn unranked_fires_on_three_or_more_at_one_level() {
    let mut c = Canvas::new("t");
    for n in 1..=3 {
        c.push(Section::Pains, format!("Pain {n}"));
    }
    c.push(Section::Gains, "Gain 1");
    c.push(Section::Gains, "Gain 2"); // two alike: not yet a ranking problem
    for n in 1..=4 {
        c.push(Section::Products, format!("Product {n}")); // no levels there
    }
    let hs = fired(&c, Rule::Unranked);
    assert_eq!(
        hs.iter().map(|h| h.subject).collect::<Vec<_>>(),
        [Subject::Section(Section::Pains)]
    );
    assert!(hs[0].message.contains("All 3 pains"), "{}", hs[0].message);
    let first = c.items(Section::Pains)[0].id;
    c.set_level(first, Level::High);
    assert_eq!(fired(&c, Rule::Unranked), []);
}

#[test]
fn no_alternative_fires_until_one_is_named() {
    let mut c = sharp();
    c.alternatives = vec![" ".into()];
    let hs = fired(&c, Rule::NoAlternative);
    assert_eq!(hs.len(), 1);
    assert_eq!(hs[0].subject, Subject::Canvas);
    assert_eq!(hs[0].subject.id(), None);
    c.alternatives = vec!["Excel".into()];
    assert_eq!(fired(&c, Rule::NoAlternative), []);
}

#[test]
fn too_long_counts_characters_not_bytes() {
    let mut c = sharp();
    let at_limit = format!("{} 1", "é".repeat(MAX_CHARS - 2));
    assert_eq!(at_limit.chars().count(), MAX_CHARS);
    c.push(Section::Creators, at_limit);
    assert_eq!(fired(&c, Rule::TooLong), []);
    let over = format!("{} 12", "a".repeat(MAX_CHARS - 2));
    c.push(Section::Creators, over.clone());
    let hs = fired(&c, Rule::TooLong);
    assert_eq!(texts(&hs), [over.as_str()]);
    assert!(
        hs[0].message.starts_with("141 characters"),
        "{}",
        hs[0].message
    );
}

#[test]
fn untested_top_fires_on_top_ranked_untested_items_only() {
    let mut c = sharp();
    let pains = c.items(Section::Pains).to_vec();
    c.set_status(pains[0].id, Status::Untested); // High: top-ranked
    c.set_status(pains[1].id, Status::Untested); // Medium: not top
    let gains = c.items(Section::Gains).to_vec();
    c.set_status(gains[0].id, Status::Testing); // being tested: fine
    let hs = fired(&c, Rule::UntestedTop);
    assert_eq!(texts(&hs), [pains[0].text.as_str()]);
    // Relievers have no rank; they are never "top-ranked".
    assert!(
        c.items(Section::Relievers)
            .iter()
            .all(|i| i.status == Status::Untested)
    );
}

#[test]
fn an_invalidated_top_item_hands_top_rank_to_the_next_level_as_check_does() {
    let mut c = sharp();
    let pains = c.items(Section::Pains).to_vec();
    c.set_status(pains[0].id, Status::Invalidated); // High, but disproved
    c.set_status(pains[1].id, Status::Untested); // Medium: now the top
    let hs = fired(&c, Rule::UntestedTop);
    assert!(texts(&hs).contains(&pains[1].text.as_str()), "{hs:?}");
    // The same items check calls top-ranked and not validated.
    let unproven: Vec<_> = crate::fit::analyze(&c)
        .unproven_top
        .iter()
        .map(|r| r.id)
        .collect();
    assert!(unproven.contains(&pains[1].id), "{unproven:?}");
}

#[test]
fn untested_top_waits_while_a_section_is_unranked() {
    // Seven jobs all at one level: each is "top-ranked", so "test it
    // first" on every one of them would say nothing. The coach asks to rank
    // them (`unranked`) and names the top ones once they are ranked.
    let mut c = sharp();
    for text in ["Slow", "Too expensive", "Hard to use", "Buggy"] {
        c.push(Section::Jobs, text);
    }
    let jobs = c.items(Section::Jobs).to_vec();
    for job in &jobs {
        c.set_level(job.id, Level::Medium);
        c.set_status(job.id, Status::Untested);
    }
    assert_eq!(fired(&c, Rule::Unranked).len(), 1);
    assert_eq!(fired(&c, Rule::UntestedTop), []);
    let coach = crate::coach::Coach::of(&c, RuleSet::EMPTY);
    assert!(
        jobs.iter().all(|j| !coach
            .item_rules(Section::Jobs, j)
            .contains(Rule::UntestedTop)),
        "no marker either"
    );
    // Ranked: the top one is named.
    c.set_level(jobs[0].id, Level::High);
    assert_eq!(fired(&c, Rule::Unranked), []);
    assert_eq!(
        texts(&fired(&c, Rule::UntestedTop)),
        [jobs[0].text.as_str()]
    );
    // With `unranked` turned off nothing asks to rank, so all stay named.
    c.set_level(jobs[0].id, Level::Medium);
    let off: RuleSet = [Rule::Unranked].into_iter().collect();
    let hs: Vec<Hint> = hints(&c, off)
        .into_iter()
        .filter(|h| h.rule == Rule::UntestedTop)
        .collect();
    assert_eq!(hs.len(), jobs.len());
}

#[test]
fn dismissed_rules_and_rules_turned_off_are_not_reported() {
    let mut c = sharp();
    let id = c.push(Section::Pains, "Clients pay late");
    c.alternatives.clear();
    assert_eq!(fired(&c, Rule::Unquantified).len(), 1);
    c.set_dismissed(id, "unquantified", true);
    assert_eq!(fired(&c, Rule::Unquantified), []);
    let off: RuleSet = [Rule::NoAlternative].into_iter().collect();
    assert!(hints(&c, off).iter().all(|h| h.rule != Rule::NoAlternative));
    assert_eq!(fired(&c, Rule::NoAlternative).len(), 1);
}

#[test]
fn hints_are_grouped_by_rule_in_the_public_order() {
    let mut c = sharp();
    c.alternatives.clear();
    c.push(Section::Pains, "Slow, painful invoicing");
    let order: Vec<Rule> = hints(&c, RuleSet::EMPTY).iter().map(|h| h.rule).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    assert_eq!(order, [Rule::Unquantified, Rule::NoAlternative]);
    let all = hints(&c, RuleSet::EMPTY);
    let groups = grouped(&all);
    assert_eq!(groups.len(), 2);
}

type Edit = Box<dyn Fn(&mut Canvas)>;

/// The incremental coach answers exactly as a fresh one after every kind of edit.
#[test]
fn refreshing_after_edits_agrees_with_reading_afresh() {
    let mut c = sharp();
    let mut coach = Coach::of(&c, RuleSet::EMPTY);
    let check = |coach: &Coach, c: &Canvas, step: &str| {
        assert_eq!(coach.hints(c), hints(c, RuleSet::EMPTY), "after {step}");
    };
    let edits: Vec<(&str, Edit)> = vec![
        (
            "a vague pain",
            Box::new(|c| {
                c.push(Section::Pains, "Invoicing is slow");
            }),
        ),
        (
            "a duplicate above",
            Box::new(|c| {
                c.insert(Section::Pains, 0, "invoicing is SLOW");
            }),
        ),
        (
            "moving the lower one up",
            Box::new(|c| {
                let last = c.items(Section::Pains).last().unwrap().id;
                c.move_by(last, -10);
            }),
        ),
        (
            "adding a number",
            Box::new(|c| {
                let first = c.items(Section::Pains)[0].id;
                c.set_text(first, "Invoicing takes 3 hours");
            }),
        ),
        (
            "a product name",
            Box::new(|c| {
                c.push(Section::Products, "Reminders sent for you by Paystream");
                c.push(Section::Jobs, "Set up Paystream in 10 minutes");
            }),
        ),
        (
            "renaming the product",
            Box::new(|c| {
                let p = c.items(Section::Products).last().unwrap().id;
                c.set_text(p, "Reminders sent for you by Paywave");
            }),
        ),
        (
            "a level",
            Box::new(|c| {
                let p = c.items(Section::Pains)[1].id;
                c.shift_level(p, true);
            }),
        ),
        (
            "deleting",
            Box::new(|c| {
                let p = c.items(Section::Pains)[0].id;
                c.remove(p);
            }),
        ),
        (
            "a job kind",
            Box::new(|c| {
                for j in c
                    .items(Section::Jobs)
                    .iter()
                    .map(|j| j.id)
                    .collect::<Vec<_>>()
                {
                    while c.item(j).unwrap().kind != JobKind::Functional {
                        c.cycle_kind(j);
                    }
                }
            }),
        ),
        (
            "a dismissal",
            Box::new(|c| {
                let p = c.items(Section::Pains).last().unwrap().id;
                c.set_dismissed(p, "unquantified", true);
            }),
        ),
    ];
    check(&coach, &c, "reading");
    for (step, edit) in edits {
        edit(&mut c);
        coach.refresh(&c);
        check(&coach, &c, step);
    }
}

#[test]
fn a_draft_gets_the_text_rules_as_it_is_typed() {
    let c = sharp();
    let coach = Coach::of(&c, RuleSet::EMPTY);
    let rules = |text: &str| -> Vec<Rule> {
        coach
            .draft_hints(Section::Pains, None, text)
            .iter()
            .map(|h| h.rule)
            .collect()
    };
    assert_eq!(rules("Invoicing is slow"), [Rule::Unquantified]);
    assert_eq!(rules("Invoicing takes 3 hours"), []);
    assert_eq!(rules("clients pay 30+ days LATE"), [Rule::Duplicate]);
    // Editing an item in place is not a duplicate of itself.
    let own: &Item = &c.items(Section::Pains)[0];
    assert!(
        coach
            .draft_hints(Section::Pains, Some(own), &own.text)
            .is_empty()
    );
}

mod comparison;
mod equal;
mod reference;
mod reference_words;
mod words;

#![allow(clippy::unwrap_used)]

use super::*;

/// The SPEC §2 example: job 1, pain 2, gain 3, product 4, reliever 5, creator 6.
fn full() -> Canvas {
    let mut c = Canvas::new("Invoicing for freelancers");
    c.segment = "Freelance designers".into();
    c.alternatives = vec!["Spreadsheets".into(), "Hiring a bookkeeper".into()];
    let job = c.push(Section::Jobs, "Get paid on time");
    let pain = c.push(Section::Pains, "Chasing clients for late payments");
    let gain = c.push(Section::Gains, "Predictable monthly cash flow");
    let prod = c.push(Section::Products, "Invoicing web app");
    let reliever = c.push(Section::Relievers, "Automatic, polite payment reminders");
    let creator = c.push(Section::Creators, "30-day cash-flow forecast");
    c.set_link(prod, job, true);
    c.set_link(reliever, pain, true);
    c.set_link(creator, gain, true);
    c
}

fn without(mut c: Canvas, sections: &[Section]) -> Canvas {
    for &s in sections {
        for id in c.items(s).iter().map(|i| i.id).collect::<Vec<_>>() {
            c.remove(id);
        }
    }
    c
}

/// What every statement must look like, whatever is missing.
fn assert_well_formed(s: &str) {
    assert!(s.starts_with("Our "), "{s:?}");
    assert!(s.ends_with('.'), "{s:?}");
    assert!(!s.ends_with(".."), "{s:?}");
    assert!(!s.contains("  "), "double space in {s:?}");
    assert!(!s.contains(" ."), "{s:?}");
    assert!(!s.contains("by  and"), "{s:?}");
    assert!(!s.contains("by and"), "{s:?}");
    assert!(!s.contains(" and ("), "{s:?}");
    assert!(!s.contains("()"), "{s:?}");
    assert!(!s.contains('\n') && !s.contains('\t'), "{s:?}");
    assert!(!s.contains("unlike )"), "{s:?}");
}

#[test]
fn a_full_canvas_gives_the_whole_sentence() {
    let s = default_statement(&full());
    assert_eq!(
        s,
        "Our Invoicing web app helps freelance designers who want to get paid on time \
         by offering automatic, polite payment reminders and a 30-day cash-flow forecast \
         (unlike spreadsheets)."
    );
    assert_well_formed(&s);
}

#[test]
fn without_products_the_offer_helps() {
    let s = default_statement(&without(full(), &[Section::Products]));
    assert_eq!(
        s,
        "Our offer helps freelance designers who want to get paid on time \
         by offering automatic, polite payment reminders and a 30-day cash-flow forecast \
         (unlike spreadsheets)."
    );
    assert_well_formed(&s);
}

#[test]
fn without_a_segment_it_helps_customers() {
    for segment in ["", "   ", "\n\t"] {
        let mut c = full();
        c.segment = segment.into();
        let s = default_statement(&c);
        assert!(
            s.starts_with("Our Invoicing web app helps customers who want to get paid on time by "),
            "{s}"
        );
        assert_well_formed(&s);
    }
}

#[test]
fn without_a_job_the_who_clause_is_left_out() {
    let s = default_statement(&without(full(), &[Section::Jobs]));
    assert_eq!(
        s,
        "Our Invoicing web app helps freelance designers \
         by offering automatic, polite payment reminders and a 30-day cash-flow forecast \
         (unlike spreadsheets)."
    );
    assert_well_formed(&s);
}

#[test]
fn with_only_a_reliever() {
    let s = default_statement(&without(full(), &[Section::Creators]));
    assert_eq!(
        s,
        "Our Invoicing web app helps freelance designers who want to get paid on time \
         by offering automatic, polite payment reminders (unlike spreadsheets)."
    );
    assert_well_formed(&s);
}

#[test]
fn with_only_a_creator() {
    let s = default_statement(&without(full(), &[Section::Relievers]));
    assert_eq!(
        s,
        "Our Invoicing web app helps freelance designers who want to get paid on time \
         by offering a 30-day cash-flow forecast (unlike spreadsheets)."
    );
    assert_well_formed(&s);
}

#[test]
fn with_neither_reliever_nor_creator() {
    let s = default_statement(&without(full(), &[Section::Relievers, Section::Creators]));
    assert_eq!(
        s,
        "Our Invoicing web app helps freelance designers who want to get paid on time \
         (unlike spreadsheets)."
    );
    assert_well_formed(&s);
}

#[test]
fn without_an_alternative() {
    let mut c = full();
    c.alternatives.clear();
    let s = default_statement(&c);
    assert_eq!(
        s,
        "Our Invoicing web app helps freelance designers who want to get paid on time \
         by offering automatic, polite payment reminders and a 30-day cash-flow forecast."
    );
    assert_well_formed(&s);
}

#[test]
fn an_empty_canvas_still_gives_a_sentence() {
    let s = default_statement(&Canvas::default());
    assert_eq!(s, "Our offer helps customers.");
    assert_well_formed(&s);
}

#[test]
fn every_combination_of_missing_parts_is_well_formed() {
    let parts = [
        Section::Products,
        Section::Jobs,
        Section::Relievers,
        Section::Creators,
    ];
    for mask in 0..32u32 {
        let gone: Vec<Section> = parts
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, s)| *s)
            .collect();
        let mut c = without(full(), &gone);
        if mask & 16 != 0 {
            c.alternatives.clear();
            c.segment.clear();
        }
        let s = default_statement(&c);
        assert_well_formed(&s);
        assert_eq!(s.contains(" by "), mask & 0b1100 != 0b1100, "{s}");
        assert_eq!(s.contains(" and "), mask & 0b1100 == 0, "{s}");
        assert_eq!(s.contains("who want to"), mask & 0b10 == 0, "{s}");
        assert_eq!(s.contains("unlike"), mask & 16 == 0, "{s}");
    }
}

#[test]
fn blank_and_punctuation_only_texts_count_as_missing() {
    let mut c = full();
    c.set_text(1, "   ");
    c.set_text(5, "...");
    c.set_text(4, " \n ");
    c.alternatives = vec![" ".into()];
    let s = default_statement(&c);
    assert_eq!(
        s,
        "Our offer helps freelance designers by offering a 30-day cash-flow forecast."
    );
    assert_well_formed(&s);
}

#[test]
fn whitespace_and_trailing_full_stops_in_texts_are_tidied() {
    let mut c = full();
    c.segment = "  Freelance\n  designers.  ".into();
    c.set_text(4, "Invoicing   web\tapp.");
    c.set_text(1, "Get paid\non time.");
    c.set_text(5, "Polite  reminders!");
    c.set_text(6, "A forecast;");
    c.alternatives = vec!["Spreadsheets...".into()];
    let s = default_statement(&c);
    assert_eq!(
        s,
        "Our Invoicing web app helps freelance designers who want to get paid on time \
         by offering polite reminders and a forecast (unlike spreadsheets)."
    );
    assert_well_formed(&s);
}

#[test]
fn capitals_are_kept_for_acronyms_and_names() {
    let mut c = full();
    c.set_text(1, "AI-check every invoice");
    c.set_text(5, "iPhone reminders");
    c.set_text(6, "QuickBooks sync");
    c.alternatives = vec!["Excel".into()];
    let s = default_statement(&c);
    assert_eq!(
        s,
        "Our Invoicing web app helps freelance designers who want to AI-check every invoice \
         by offering iPhone reminders and a QuickBooks sync (unlike excel)."
    );
}

#[test]
fn the_product_keeps_its_capitals() {
    let mut c = full();
    c.set_text(4, "Acme Books");
    assert!(default_statement(&c).starts_with("Our Acme Books helps "));
}

#[test]
fn the_default_choice_takes_the_top_items() {
    let mut c = full();
    let j2 = c.insert(Section::Jobs, 0, "Send invoices fast");
    let p2 = c.push(Section::Products, "Mobile app");
    let choice = StatementChoice::default_for(&c);
    assert_eq!(choice.job, Some(j2));
    assert_eq!(choice.product, Some(4));
    assert_ne!(choice.product, Some(p2));
    assert_eq!(choice.alternative, Some(0));
    assert_eq!(choice.text(&c, Part::Alternative), Some("Spreadsheets"));
}

#[test]
fn the_default_reliever_is_the_one_for_the_top_ranked_relieved_pain() {
    let mut c = Canvas::default();
    let top_open = c.push(Section::Pains, "open pain");
    let second = c.push(Section::Pains, "second pain");
    let third = c.push(Section::Pains, "third pain");
    let r_third = c.push(Section::Relievers, "relieves the third");
    let r_second = c.push(Section::Relievers, "Relieving the second");
    let r_second_too = c.push(Section::Relievers, "Also relieving the second");
    c.set_link(r_third, third, true);
    c.set_link(r_second, second, true);
    c.set_link(r_second_too, second, true);
    let _ = top_open;
    let choice = StatementChoice::default_for(&c);
    assert_eq!(choice.reliever, Some(r_second));
    assert_eq!(
        compose(&c, &choice),
        "Our offer helps customers by relieving the second."
    );

    // The same rule for gains and creators.
    let g1 = c.push(Section::Gains, "g1");
    let g2 = c.push(Section::Gains, "g2");
    let c1 = c.push(Section::Creators, "creates g2");
    let c2 = c.push(Section::Creators, "creates g1");
    c.set_link(c1, g2, true);
    c.set_link(c2, g1, true);
    assert_eq!(StatementChoice::default_for(&c).creator, Some(c2));
}

#[test]
fn without_links_the_default_falls_back_to_the_top_reliever_and_creator() {
    let mut c = Canvas::default();
    c.push(Section::Pains, "pain");
    let r1 = c.push(Section::Relievers, "first reliever");
    c.push(Section::Relievers, "second reliever");
    let g1 = c.push(Section::Creators, "first creator");
    let choice = StatementChoice::default_for(&c);
    assert_eq!(choice.reliever, Some(r1));
    assert_eq!(choice.creator, Some(g1));
}

#[test]
fn the_default_choice_of_an_empty_canvas_is_all_none() {
    assert_eq!(
        StatementChoice::default_for(&Canvas::default()),
        StatementChoice::default()
    );
}

#[test]
fn cycling_steps_through_the_items_and_none() {
    let mut c = full();
    let p2 = c.push(Section::Products, "Mobile app");
    let mut choice = StatementChoice::default_for(&c);
    assert_eq!(choice.product, Some(4));
    let mut seen = Vec::new();
    for _ in 0..4 {
        choice.cycle(&c, Part::Product, true);
        seen.push(choice.product);
    }
    assert_eq!(seen, [Some(p2), None, Some(4), Some(p2)]);
    let mut back = Vec::new();
    for _ in 0..4 {
        choice.cycle(&c, Part::Product, false);
        back.push(choice.product);
    }
    assert_eq!(back, [Some(4), None, Some(p2), Some(4)]);
}

#[test]
fn cycling_a_part_to_none_leaves_it_out_of_the_sentence() {
    let c = full();
    let mut choice = StatementChoice::default_for(&c);
    choice.cycle(&c, Part::Reliever, true); // one reliever: next is none
    assert_eq!(choice.reliever, None);
    choice.cycle(&c, Part::Job, true);
    assert_eq!(choice.job, None);
    let s = compose(&c, &choice);
    assert_eq!(
        s,
        "Our Invoicing web app helps freelance designers by offering a 30-day cash-flow forecast \
         (unlike spreadsheets)."
    );
    assert_well_formed(&s);
}

#[test]
fn cycling_alternatives_walks_their_indices() {
    let c = full();
    let mut choice = StatementChoice::default_for(&c);
    choice.cycle(&c, Part::Alternative, true);
    assert_eq!(choice.alternative, Some(1));
    assert_eq!(
        compose(&c, &choice),
        "Our Invoicing web app helps freelance designers who want to get paid on time \
         by offering automatic, polite payment reminders and a 30-day cash-flow forecast \
         (unlike hiring a bookkeeper)."
    );
    choice.cycle(&c, Part::Alternative, true);
    assert_eq!(choice.alternative, None);
    choice.cycle(&c, Part::Alternative, false);
    assert_eq!(choice.alternative, Some(1));
}

#[test]
fn cycling_an_empty_section_stays_none() {
    let c = Canvas::default();
    let mut choice = StatementChoice::default();
    for part in Part::ALL {
        choice.cycle(&c, part, true);
        choice.cycle(&c, part, false);
        assert_eq!(choice.get(part), None, "{part:?}");
    }
}

#[test]
fn cycling_from_a_stale_choice_starts_over() {
    let c = full();
    let mut choice = StatementChoice {
        product: Some(99),
        ..StatementChoice::default()
    };
    choice.cycle(&c, Part::Product, true);
    assert_eq!(choice.product, Some(4));
}

#[test]
fn retain_existing_drops_deleted_choices_only() {
    let mut c = full();
    let choice = StatementChoice::default_for(&c);
    c.remove(5);
    c.alternatives.truncate(0);
    let kept = choice.retain_existing(&c);
    assert_eq!(
        kept,
        StatementChoice {
            product: Some(4),
            job: Some(1),
            reliever: None,
            creator: Some(6),
            alternative: None,
        }
    );
    let s = compose(&c, &kept);
    assert_eq!(
        s,
        "Our Invoicing web app helps freelance designers who want to get paid on time \
         by offering a 30-day cash-flow forecast."
    );
}

#[test]
fn retain_existing_keeps_an_alternative_that_still_exists() {
    let mut c = full();
    let choice = StatementChoice {
        alternative: Some(1),
        ..StatementChoice::default()
    };
    assert_eq!(choice.clone().retain_existing(&c).alternative, Some(1));
    c.alternatives.pop();
    assert_eq!(choice.retain_existing(&c).alternative, None);
}

#[test]
fn a_stale_choice_composes_as_if_the_part_were_missing() {
    let c = full();
    let choice = StatementChoice {
        product: Some(99),
        job: Some(98),
        reliever: Some(97),
        creator: Some(96),
        alternative: Some(5),
    };
    let s = compose(&c, &choice);
    assert_eq!(s, "Our offer helps freelance designers.");
    for part in Part::ALL {
        assert_eq!(choice.text(&c, part), None, "{part:?}");
    }
}

#[test]
fn parts_name_their_sections() {
    assert_eq!(Part::Product.section(), Some(Section::Products));
    assert_eq!(Part::Job.section(), Some(Section::Jobs));
    assert_eq!(Part::Reliever.section(), Some(Section::Relievers));
    assert_eq!(Part::Creator.section(), Some(Section::Creators));
    assert_eq!(Part::Alternative.section(), None);
    for part in Part::ALL {
        assert!(!part.label().is_empty());
    }
}

/// Issue #12: choosing the job offers first the jobs the chosen product
/// helps with (in the canvas's order), then the others.
#[test]
fn the_job_choice_offers_the_products_jobs_first() {
    let mut c = Canvas::new("t");
    let j1 = c.push(Section::Jobs, "Cook on a budget");
    let j2 = c.push(Section::Jobs, "Feed the kids after a late shift");
    let j3 = c.push(Section::Jobs, "Shop once a week");
    let p1 = c.push(Section::Products, "Meal-kit box");
    let p2 = c.push(Section::Products, "Planner app");
    c.set_link(p1, j3, true);
    c.set_link(p1, j2, true);
    c.set_link(p2, j1, true);
    let order = |product| {
        let mut choice = StatementChoice {
            product: Some(product),
            ..StatementChoice::default()
        };
        let mut seen = Vec::new();
        for _ in 0..4 {
            choice.cycle(&c, Part::Job, true);
            seen.push(choice.job);
        }
        seen
    };
    assert_eq!(order(p1), [Some(j2), Some(j3), Some(j1), None]);
    assert_eq!(order(p2), [Some(j1), Some(j2), Some(j3), None]);
    // Backwards is the same order reversed.
    let mut choice = StatementChoice {
        product: Some(p1),
        ..StatementChoice::default()
    };
    choice.cycle(&c, Part::Job, false);
    assert_eq!(choice.job, Some(j1));
}

/// Issue #12: a remembered choice whose item was deleted meanwhile falls
/// back to the proposal's choice for that part; the rest is kept, "left
/// out" included.
#[test]
fn a_remembered_choice_keeps_what_still_exists() {
    let mut c = full();
    let job2 = c.push(Section::Jobs, "Look professional");
    let remembered = StatementChoice {
        job: Some(job2),
        creator: None,
        ..StatementChoice::default_for(&c)
    };
    assert_eq!(remembered.clone().restored(&c), remembered);
    c.remove(job2);
    let back = remembered.clone().restored(&c);
    assert_eq!(back.job, StatementChoice::default_for(&c).job);
    assert_eq!(back.creator, None, "left out stays left out");
    assert_eq!(back.product, remembered.product);
}

#[test]
fn the_segment_reads_mid_sentence_and_a_thing_offered_is_offered() {
    // The issue's own example: a capitalised segment and a reliever that is
    // a thing, not a doing.
    let mut c = full();
    c.segment = "Hospital nurses".into();
    c.set_text(1, "Swap shifts without phoning round");
    c.set_text(5, "Plan built from the rota");
    c.set_text(6, "SMS reminder the day before");
    let s = default_statement(&c);
    assert_eq!(
        s,
        "Our Invoicing web app helps hospital nurses who want to swap shifts without phoning \
         round by offering a plan built from the rota and an SMS reminder the day before \
         (unlike spreadsheets)."
    );
    assert_well_formed(&s);
}

#[test]
fn a_doing_and_a_thing_join_so_the_sentence_reads() {
    let mut c = full();
    c.set_text(5, "Chase late payers for you");
    let s = default_statement(&c);
    assert!(
        s.contains(" by chasing late payers for you and offering a 30-day cash-flow forecast "),
        "{s}"
    );
    c.set_text(5, "Automatic, polite payment reminders");
    c.set_text(6, "Forecasting cash flow");
    let s = default_statement(&c);
    assert!(
        s.contains(" by offering automatic, polite payment reminders and forecasting cash flow "),
        "{s}"
    );
    c.set_text(6, "");
    let s = default_statement(&c);
    assert!(
        s.ends_with(" by offering automatic, polite payment reminders (unlike spreadsheets)."),
        "{s}"
    );
    assert_well_formed(&s);
}

#[test]
fn articles_follow_the_head_of_the_phrase() {
    use super::words::{Means, means};
    let offered = |t: &str| match means(t) {
        Means::Offering(s) => s,
        Means::Doing(s) => panic!("{t:?} read as a doing: {s:?}"),
    };
    assert_eq!(
        offered("Pay-now button on every invoice"),
        "a pay-now button on every invoice"
    );
    assert_eq!(offered("Accountant export"), "an accountant export");
    assert_eq!(offered("iPhone reminders"), "iPhone reminders");
    assert_eq!(offered("Free shipping"), "free shipping");
    assert_eq!(offered("Live support"), "live support");
    assert_eq!(offered("A forecast"), "a forecast");
    assert_eq!(
        offered("Tax summary the accountant accepts"),
        "a tax summary the accountant accepts"
    );
    assert_eq!(offered("QuickBooks sync"), "a QuickBooks sync");
    assert_eq!(
        offered("Unique link per client"),
        "a unique link per client"
    );
    assert_eq!(offered("Hourly backup"), "an hourly backup");
    assert_eq!(offered("8-week plan"), "an 8-week plan");
    assert_eq!(offered("30-day trial"), "a 30-day trial");
    let doing = |t: &str| match means(t) {
        Means::Doing(s) => s,
        Means::Offering(s) => panic!("{t:?} read as a thing: {s:?}"),
    };
    assert_eq!(doing("Chase late payers"), "chasing late payers");
    assert_eq!(doing("Cut the paperwork"), "cutting the paperwork");
    assert_eq!(doing("Sync with the bank"), "syncing with the bank");
    assert_eq!(
        doing("Turning leftovers into dinner"),
        "turning leftovers into dinner"
    );
}

/// Every reliever and creator of the bundled examples, picked in turn, gives
/// a sentence that reads: each joins as a doing ("by chasing …").
#[test]
fn every_choice_in_the_examples_reads() {
    for text in [
        include_str!("../../assets/examples/invoicing.ron"),
        include_str!("../../assets/examples/meals.ron"),
    ] {
        let c = crate::canvas::file::parse(text).expect("example").canvas;
        let mut choice = StatementChoice::default_for(&c);
        for r in c.items(Section::Relievers) {
            for g in c.items(Section::Creators) {
                choice.reliever = Some(r.id);
                choice.creator = Some(g.id);
                let s = compose(&c, &choice);
                assert_well_formed(&s);
                let lower = |t: &str| super::words::phrase(t);
                assert!(
                    s.contains(&format!(" by {} and {} (", lower(&r.text), lower(&g.text))),
                    "{s}"
                );
                assert!(s.contains(&format!(" helps {} who ", c.segment)), "{s}");
            }
        }
    }
}

#[test]
fn unlike_names_the_first_alternative_the_scores_beat() {
    let mut c = full();
    let pain = c.items(Section::Pains)[0].id;
    // Only our own score: nothing compared, the main alternative as before.
    c.set_score(pain, None, Some(8));
    assert!(default_statement(&c).ends_with("(unlike spreadsheets)."));
    // Spreadsheets does better (2 × (8 − 9) = −2), the bookkeeper worse
    // (2 × (8 − 3) = 10): the statement names the bookkeeper.
    c.set_score(pain, Some("Spreadsheets"), Some(9));
    c.set_score(pain, Some("Hiring a bookkeeper"), Some(3));
    assert_eq!(proposed_alternative(&c), Some(1));
    assert!(
        default_statement(&c).ends_with("(unlike hiring a bookkeeper)."),
        "{}",
        default_statement(&c)
    );
}

#[test]
fn unlike_is_left_out_when_the_scores_beat_no_alternative() {
    let mut c = full();
    let pain = c.items(Section::Pains)[0].id;
    c.set_score(pain, None, Some(5));
    c.set_score(pain, Some("Spreadsheets"), Some(5));
    c.set_score(pain, Some("Hiring a bookkeeper"), Some(9));
    assert_eq!(proposed_alternative(&c), None);
    let s = default_statement(&c);
    assert!(!s.contains("unlike"), "{s}");
    assert!(s.ends_with("30-day cash-flow forecast."), "{s}");
}

//! The coach's reading made linear and allocation-light (issue #26) must say
//! exactly what the old one said: every hint, every item's marks and every
//! draft's hints, on varied canvases and after each of many edits.

use super::reference::OldCoach;
use crate::canvas::{Canvas, Level, Section, Status};
use crate::coach::{Coach, Rule, RuleSet};

/// Texts that exercise every rule: duplicates in other case and
/// punctuation, offers named in the profile, long texts in several scripts,
/// number words, vague claims, other languages.
const TEXTS: &[(Section, &str)] = &[
    (Section::Products, "PayFast invoicing web app"),
    (Section::Products, "Invoicing web app"),
    (
        Section::Products,
        "Reminders sent for you by Paystream each week",
    ),
    (Section::Products, "X200"),
    (Section::Pains, "Chasing invoices takes forever!"),
    (Section::Pains, "chasing   INVOICES takes forever"),
    (Section::Pains, "PayFast is too expensive"),
    (Section::Pains, "Our invoicing web app crashes"),
    (Section::Pains, "Paystream is slow and not user-friendly"),
    (Section::Pains, "Half the clients pay late"),
    (Section::Gains, "A best-in-class, seamless experience"),
    (Section::Gains, "Rechnungen kommen zu spät"),
    (Section::Gains, "ΟΔΟΣ ΠΡΟΣ ΤΗΝ ΠΛΗΡΩΜΗ"),
    (Section::Gains, "οδος προς την πληρωμη"),
    (Section::Jobs, "請求書の支払いが遅い"),
    (Section::Jobs, "Get paid in twice the time"),
    (Section::Jobs, "The Müller und Sohn account pays late"),
    (Section::Relievers, "Faster reminders"),
    (Section::Creators, "!!!"),
];

fn long_texts() -> Vec<(Section, String)> {
    vec![
        (Section::Pains, "Invoices pile up ".repeat(10)),
        (Section::Gains, "e\u{301}".repeat(150)),
        (Section::Jobs, "é".repeat(100)),
        (Section::Jobs, "Ünïcödé payments ".repeat(9)),
    ]
}

fn varied(items: usize, seed: u64) -> Canvas {
    let mut c = crate::canvas::changes::generated(items, seed);
    for (section, text) in TEXTS {
        c.push(*section, *text);
    }
    for (section, text) in long_texts() {
        c.push(section, text);
    }
    let first_pain = c.items(Section::Pains)[0].id;
    c.set_status(first_pain, Status::Validated);
    c.set_dismissed(first_pain, "duplicate", true);
    c.statements.push(crate::canvas::Statement {
        id: c.next_id(),
        name: "A".into(),
        text: "The best, easiest invoicing".into(),
    });
    c
}

fn assert_same(new: &Coach, old: &OldCoach, c: &Canvas, what: &str) {
    assert_eq!(new.hints(c), old.hints(c), "{what}: hints");
    assert_eq!(new.count(c), old.hints(c).len(), "{what}: the count");
    for section in Section::ALL {
        for item in c.items(section) {
            assert_eq!(
                new.item_rules(section, item),
                old.item_rules(section, item),
                "{what}: {section:?} {:?}",
                item.text
            );
        }
        for text in TEXTS.iter().map(|(_, t)| *t).chain(["", "  x  "]) {
            assert_eq!(
                new.draft_hints(section, None, text),
                old.draft_hints(section, None, text),
                "{what}: a draft {text:?} in {section:?}"
            );
            if let Some(own) = c.items(section).last() {
                assert_eq!(
                    new.draft_hints(section, Some(own), text),
                    old.draft_hints(section, Some(own), text),
                    "{what}: editing to {text:?} in {section:?}"
                );
            }
        }
    }
}

#[test]
fn the_new_reading_says_what_the_old_one_said() {
    let off: RuleSet = [Rule::TooLong].into_iter().collect();
    for seed in 0..3 {
        let c = varied(1200, seed);
        for rules_off in [RuleSet::EMPTY, off] {
            let new = Coach::of(&c, rules_off);
            let old = OldCoach::of(&c, rules_off);
            assert_same(&new, &old, &c, &format!("seed {seed}"));
        }
    }
}

/// One edit of many kinds, picked by `n`.
fn edit(c: &mut Canvas, n: usize) {
    let section = Section::ALL[n % 6];
    let items: Vec<_> = c.items(section).iter().map(|i| i.id).collect();
    let Some(&id) = items.get((n * 7) % items.len().max(1)) else {
        c.push(section, TEXTS[n % TEXTS.len()].1);
        return;
    };
    match n % 7 {
        0 => {
            c.set_text(id, TEXTS[n % TEXTS.len()].1);
        }
        1 => {
            c.insert(section, n % 5, TEXTS[(n / 7) % TEXTS.len()].1);
        }
        2 => {
            c.remove(id);
        }
        3 => {
            c.move_by(id, if n.is_multiple_of(2) { -3 } else { 4 });
        }
        4 => {
            c.set_level(id, [Level::High, Level::Medium, Level::Low][n % 3]);
        }
        5 => {
            let text = c
                .item(id)
                .map(|i| i.text.to_uppercase())
                .unwrap_or_default();
            c.set_text(id, text);
        }
        _ => {
            c.set_dismissed(id, Rule::ALL[n % 10].id(), true);
        }
    }
}

#[test]
fn after_each_edit_the_new_coach_says_what_the_old_one_says() {
    let mut c = varied(300, 9);
    let mut new = Coach::of(&c, RuleSet::EMPTY);
    let mut old = OldCoach::of(&c, RuleSet::EMPTY);
    for n in 0..120 {
        edit(&mut c, n);
        new.refresh(&c);
        old.refresh(&c);
        if n % 4 == 0 {
            assert_same(&new, &old, &c, &format!("edit {n}"));
        } else {
            assert_eq!(new.hints(&c), old.hints(&c), "edit {n}: hints");
        }
    }
    assert_same(&new, &old, &c, "at the end");
}

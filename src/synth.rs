//! Synthetic canvases for benchmarks and manual tries (issue #7).
//!
//! [`synthetic`] builds a deterministic canvas of any size: items spread over
//! the six sections in workshop-like proportions, texts of 20–70 characters
//! with some non-ASCII (accents, CJK, emoji), varied levels and job kinds,
//! about two links per reliever and creator and about one per product, and a
//! few value-map items left unlinked so the fit analysis has gaps to report.
//!
//! No dependencies: a tiny `SplitMix64` generator keeps it reproducible.
//! Ids are assigned in file order and items are appended with
//! [`Canvas::insert_item`], so building is linear in the item count.

use crate::canvas::{Canvas, Item, ItemId, JobKind, Level, Section};

/// Share of the items in each section, in percent (sums to 100).
const SHARES: [(Section, usize); 6] = [
    (Section::Jobs, 18),
    (Section::Pains, 20),
    (Section::Gains, 20),
    (Section::Products, 10),
    (Section::Relievers, 16),
    (Section::Creators, 16),
];

const SUBJECTS: &[&str] = &[
    "invoices",
    "the weekly plan",
    "client feedback",
    "late payments",
    "grocery lists",
    "the team calendar",
    "expense reports",
    "café receipts",
    "Müller's quotes",
    "日本 suppliers",
    "project budgets",
    "tax deadlines",
    "recipes for the kids",
    "the onboarding checklist",
    "shared documents",
    "résumé updates",
    "delivery slots",
    "monthly reports",
];

const VERBS: &[&str] = &[
    "keep track of",
    "chase",
    "prepare",
    "double-check",
    "send out",
    "agree on",
    "plan ahead for",
    "find time for",
    "explain",
    "sort out",
    "pay for",
    "share",
];

const TAILS: &[&str] = &[
    "before Friday",
    "without a spreadsheet",
    "on the phone",
    "with less stress",
    "every month",
    "in under ten minutes",
    "for the whole family",
    "from anywhere",
    "at the end of the quarter",
    "when travelling 🚆",
    "with one click ✅",
    "as the business grows",
    "über the weekend",
    "for 日本語 clients",
];

/// Words that start an item, per section, to make texts read like the section.
fn opener(section: Section) -> &'static [&'static str] {
    match section {
        Section::Jobs => &["Needs to", "Wants to", "Has to", "Tries to"],
        Section::Pains => &[
            "Frustrated when trying to",
            "Loses time trying to",
            "Afraid to forget to",
            "Hates having to",
        ],
        Section::Gains => &[
            "Would love to",
            "Feels proud to",
            "Saves money to",
            "Gets praise to",
        ],
        Section::Products => &[
            "An app to",
            "A service to",
            "A dashboard to",
            "A plug-in to",
        ],
        Section::Relievers => &[
            "Reminders that help",
            "Templates that",
            "Automation to",
            "No more need to",
        ],
        Section::Creators => &[
            "One place to",
            "Insights that help",
            "Shortcuts to",
            "Rewards to",
        ],
    }
}

/// `SplitMix64`: tiny, fast, good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        // The modulo bias is irrelevant for test data.
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, options: &[&'a str]) -> &'a str {
        options[self.below(options.len())]
    }
}

/// A text of 20–70 characters (counted in `char`s) that reads like `section`.
fn text(rng: &mut Rng, section: Section, n: usize) -> String {
    let target = 20 + rng.below(51);
    let mut s = format!(
        "{} {} {}",
        rng.pick(opener(section)),
        rng.pick(VERBS),
        rng.pick(SUBJECTS)
    );
    if s.chars().count() < target {
        s.push(' ');
        s.push_str(rng.pick(TAILS));
    }
    if s.chars().count() < target {
        // A number keeps texts distinct, as real ones are.
        s.push_str(&format!(" (#{n})"));
    }
    if s.chars().count() > 70 {
        let cut = s.char_indices().nth(69).map_or(s.len(), |(i, _)| i);
        s.truncate(cut);
        s.truncate(s.trim_end().len());
        s.push('…');
    }
    s
}

fn level(rng: &mut Rng) -> Level {
    match rng.below(10) {
        0..=2 => Level::High,
        3..=7 => Level::Medium,
        _ => Level::Low,
    }
}

fn kind(rng: &mut Rng) -> JobKind {
    match rng.below(10) {
        0..=4 => JobKind::Functional,
        5..=6 => JobKind::Social,
        7..=8 => JobKind::Emotional,
        _ => JobKind::Supporting,
    }
}

/// How many items each section gets out of `items` (the rounding rest goes to jobs).
fn counts(items: usize) -> [(Section, usize); 6] {
    let mut out = SHARES.map(|(s, pct)| (s, items * pct / 100));
    let given: usize = out.iter().map(|(_, n)| n).sum();
    out[0].1 += items - given;
    out
}

/// Picks `n` distinct ids from `targets` (fewer if there are not that many).
fn links(rng: &mut Rng, targets: &[ItemId], n: usize) -> Vec<ItemId> {
    let mut out = Vec::with_capacity(n);
    if targets.is_empty() {
        return out;
    }
    for _ in 0..n.min(targets.len()) {
        // A few tries at a fresh id; a rare duplicate just means one link fewer.
        for _ in 0..4 {
            let id = targets[rng.below(targets.len())];
            if !out.contains(&id) {
                out.push(id);
                break;
            }
        }
    }
    out
}

/// A link count with mean `mean` (1 or 2): 0…2·mean, so some items have none.
fn link_count(rng: &mut Rng, mean: usize) -> usize {
    rng.below(2 * mean + 1)
}

/// A deterministic canvas of exactly `items` items (see the module docs).
/// The same `(items, seed)` always gives the same canvas.
pub fn synthetic(items: usize, seed: u64) -> Canvas {
    let mut rng = Rng(seed ^ 0x5EED_CA5A_0000_0000);
    let mut canvas = Canvas::new(format!("Synthetic canvas: {items} items"));
    canvas.segment = String::from("Freelance designers in Zürich & 東京 who invoice monthly");
    canvas.alternatives = vec![
        "spreadsheets".to_owned(),
        "a paper notebook 📓".to_owned(),
        "the bank's app".to_owned(),
    ];
    let mut next_id: ItemId = 1;
    let mut ids: [Vec<ItemId>; 6] = Default::default();
    // Customer sections first: the value map links to them.
    for (section, n) in counts(items) {
        for i in 0..n {
            let id = next_id;
            next_id += 1;
            let mut item = Item::new(id, text(&mut rng, section, i + 1));
            match section {
                Section::Jobs => item = item.with_level(level(&mut rng)).with_kind(kind(&mut rng)),
                Section::Pains | Section::Gains => item = item.with_level(level(&mut rng)),
                Section::Products | Section::Relievers | Section::Creators => {
                    let mean = if section == Section::Products { 1 } else { 2 };
                    let target = section.link_target().map_or(&[][..], |t| &ids[t.index()]);
                    let n = link_count(&mut rng, mean);
                    item = item.with_links(links(&mut rng, target, n));
                }
            }
            canvas.insert_item(section, usize::MAX, item);
            ids[section.index()].push(id);
        }
    }
    canvas
}

/// A canvas of `relievers` pain relievers each linking every `step`-th of
/// `pains` pains (a step of 1: all of them, the most links a canvas of its
/// size can hold), for testing that pictures, reports and diffs stay
/// bounded (1,200 × 1,200 is a 7.5 MB file).
pub fn dense_links(relievers: usize, pains: usize, step: usize) -> Canvas {
    let mut canvas = Canvas::new(format!("Dense links: {relievers} × {pains}"));
    let all: Vec<ItemId> = (1..=pains as ItemId).collect();
    let pain_ids: Vec<ItemId> = all.iter().copied().step_by(step.max(1)).collect();
    for &id in &all {
        let item = Item::new(id, format!("Pain number {id}")).with_level(Level::Medium);
        canvas.insert_item(Section::Pains, usize::MAX, item);
    }
    for i in 0..relievers as ItemId {
        let id = pains as ItemId + 1 + i;
        let item = Item::new(id, format!("Reliever number {}", i + 1)).with_links(pain_ids.clone());
        canvas.insert_item(Section::Relievers, usize::MAX, item);
    }
    canvas
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canvas::file::{parse, to_ron};

    #[test]
    fn sizes_are_exact_and_spread_over_all_sections() {
        for n in [0, 1, 7, 100, 1000] {
            let c = synthetic(n, 1);
            assert_eq!(c.item_count(), n);
        }
        let c = synthetic(1000, 1);
        for s in Section::ALL {
            assert!(c.items(s).len() >= 90, "{s:?}");
        }
    }

    #[test]
    fn deterministic_and_seed_dependent() {
        assert_eq!(synthetic(500, 3), synthetic(500, 3));
        assert_ne!(synthetic(500, 3), synthetic(500, 4));
    }

    #[test]
    fn texts_are_realistic_and_some_are_not_ascii() {
        let c = synthetic(2000, 9);
        let mut non_ascii = 0;
        for (_, item) in c.all_items() {
            let len = item.text.chars().count();
            assert!((20..=70).contains(&len), "{len}: {}", item.text);
            non_ascii += usize::from(!item.text.is_ascii());
        }
        assert!(non_ascii > 100 && non_ascii < 1500, "{non_ascii}");
    }

    #[test]
    fn links_average_about_two_per_reliever_and_creator() {
        let c = synthetic(10_000, 5);
        let mean = |s: Section| {
            let items = c.items(s);
            items.iter().map(|i| i.links.len()).sum::<usize>() as f64 / items.len() as f64
        };
        assert!((1.7..=2.1).contains(&mean(Section::Relievers)));
        assert!((1.7..=2.1).contains(&mean(Section::Creators)));
        assert!((0.8..=1.1).contains(&mean(Section::Products)));
    }

    #[test]
    fn round_trips_through_the_file_format() {
        let c = synthetic(1000, 2);
        let parsed = parse(&to_ron(&c)).expect("synthetic canvases are valid");
        assert_eq!(parsed.canvas, c);
    }
}

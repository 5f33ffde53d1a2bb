//! Random sequences of the changes the editor, undo, the loader and a merge
//! make to a canvas, for property tests of what is kept in step with it
//! (the id index, the fit tally).

use proptest::prelude::*;

use super::file::{parse, to_ron};
use super::{Canvas, Item, ItemId, Section};

#[derive(Debug, Clone)]
pub enum Change {
    Insert(usize, usize),
    /// An item put back in its section with its own id, as a merge does
    /// (its links kept where they are still valid).
    Reinsert(usize),
    Remove(usize),
    Move(usize, isize),
    Text(usize),
    Level(usize),
    /// Toggles the link between any two items (often not a linkable pair).
    Link(usize, usize),
    /// Toggles a link between a value-map item and one of its section's targets.
    LinkPair(usize, usize, usize),
    Status(usize),
    /// Keep a copy (an undo snapshot) and go on editing the original.
    Snapshot,
    /// Go back to the oldest kept copy (undo).
    Restore,
    /// Save and load again.
    Reload,
}

pub fn change() -> impl Strategy<Value = Change> {
    let any = 0..usize::MAX;
    prop_oneof![
        4 => (0..6usize, any.clone()).prop_map(|(s, i)| Change::Insert(s, i)),
        2 => any.clone().prop_map(Change::Reinsert),
        3 => any.clone().prop_map(Change::Remove),
        3 => (any.clone(), -4..5isize).prop_map(|(i, d)| Change::Move(i, d)),
        1 => any.clone().prop_map(Change::Text),
        2 => any.clone().prop_map(Change::Level),
        1 => (any.clone(), any.clone()).prop_map(|(a, b)| Change::Link(a, b)),
        4 => (0..3usize, any.clone(), any.clone()).prop_map(|(s, a, b)| Change::LinkPair(s, a, b)),
        3 => any.clone().prop_map(Change::Status),
        1 => Just(Change::Snapshot),
        1 => Just(Change::Restore),
        1 => Just(Change::Reload),
    ]
}

/// The id of the `n`-th item (wrapping), if the canvas has any.
fn nth(c: &Canvas, n: usize) -> Option<ItemId> {
    let count = c.item_count();
    (count > 0).then(|| c.all_items().nth(n % count).map(|(_, i)| i.id))?
}

/// The id of the `n`-th item of a section (wrapping), if it has any.
fn nth_in(c: &Canvas, section: Section, n: usize) -> Option<ItemId> {
    let items = c.items(section);
    (!items.is_empty()).then(|| items[n % items.len()].id)
}

/// The state a sequence of changes works on: the canvas, the copies kept
/// (undo snapshots) and the items taken out (to put back).
#[derive(Debug, Default)]
pub struct Bench {
    pub canvas: Canvas,
    pub kept: Vec<Canvas>,
    removed: Vec<(Section, Item)>,
}

impl Bench {
    pub fn apply(&mut self, change: &Change) {
        let c = &mut self.canvas;
        match *change {
            Change::Insert(s, i) => {
                let section = Section::ALL[s];
                let at = i % (c.items(section).len() + 1);
                c.insert(section, at, format!("item {i}"));
            }
            Change::Reinsert(i) => {
                if let Some((section, mut item)) = self.removed.pop() {
                    let at = i % (c.items(section).len() + 1);
                    if c.position_of(item.id).is_none() {
                        item.links.retain(|l| {
                            c.position_of(*l)
                                .is_some_and(|p| Some(p.section) == section.link_target())
                        });
                        c.insert_item(section, at, item);
                    }
                }
            }
            Change::Remove(n) => {
                if let Some((p, item)) = nth(c, n).and_then(|id| c.remove(id)) {
                    self.removed.push((p.section, item));
                }
            }
            Change::Move(n, delta) => {
                if let Some(id) = nth(c, n) {
                    c.move_by(id, delta);
                }
            }
            Change::Text(n) => {
                if let Some(id) = nth(c, n) {
                    c.set_text(id, format!("edited {n}"));
                }
            }
            Change::Level(n) => {
                if let Some(id) = nth(c, n) {
                    c.shift_level(id, n % 2 == 0);
                }
            }
            Change::Link(a, b) => {
                if let (Some(a), Some(b)) = (nth(c, a), nth(c, b)) {
                    c.toggle_link(a, b);
                }
            }
            Change::LinkPair(s, a, b) => {
                let from = [Section::Products, Section::Relievers, Section::Creators][s];
                let to = from.counterpart();
                if let (Some(a), Some(b)) = (nth_in(c, from, a), nth_in(c, to, b)) {
                    c.toggle_link(a, b);
                }
            }
            Change::Status(n) => {
                if let Some(id) = nth(c, n) {
                    c.cycle_status(id);
                }
            }
            Change::Snapshot => self.kept.push(c.clone()),
            Change::Restore => {
                if !self.kept.is_empty() {
                    *c = self.kept.remove(0);
                }
            }
            Change::Reload => match parse(&to_ron(c)) {
                Ok(parsed) => *c = parsed.canvas,
                Err(e) => panic!("a canvas made by edits loads again: {e}"),
            },
        }
    }
}

/// A canvas of `items` items over the six sections for tests that compare
/// two computations on many texts: openers, verbs and subjects combined
/// (so many texts repeat, in other case and punctuation too), some numbers,
/// accents, CJK, Greek capitals, long texts, links from the value map and
/// varied levels, kinds and statuses. Deterministic in `seed`.
pub fn generated(items: usize, seed: u64) -> Canvas {
    const OPENERS: [&str; 5] = [
        "Needs to",
        "hates having to",
        "WANTS TO",
        "Tries to,",
        "Café:",
    ];
    const VERBS: [&str; 5] = ["chase", "double-check", "sort  out", "pay for", "ΠΛΗΡΩΣΕΙ"];
    const SUBJECTS: [&str; 6] = [
        "invoices",
        "late payments 3 times",
        "日本 suppliers",
        "Paystream reports",
        "the best, easiest tool",
        "half the receipts",
    ];
    let mut c = Canvas::new(format!("Generated {seed}"));
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    for i in 0..items {
        let section = Section::ALL[next(6)];
        let mut text = format!(
            "{} {} {}",
            OPENERS[next(5)],
            VERBS[next(5)],
            SUBJECTS[next(6)]
        );
        match next(12) {
            0 => text = text.repeat(4),
            1 => text.push_str(&format!(" #{i}")),
            2 => text = format!("  {text}!  "),
            _ => {}
        }
        let id = c.push(section, text);
        c.shift_level(id, next(2) == 0);
        if next(3) == 0 {
            c.cycle_status(id);
        }
        if section == Section::Jobs && next(2) == 0 {
            c.cycle_kind(id);
        }
        if let Some(target) = section.link_target() {
            for _ in 0..next(3) {
                let n = c.items(target).len();
                if n > 0 {
                    let to = c.items(target)[next(n)].id;
                    c.set_link(id, to, true);
                }
            }
        }
    }
    c
}

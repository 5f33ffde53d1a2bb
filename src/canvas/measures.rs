//! Format version 3 (SPEC §10): what the room voted, how well the offer and
//! each alternative do on a customer item (scores 0–10), and what a test card
//! measured (results per variant, a target rate). Plain data; the analyses
//! that read it live beside `fit`.

use std::fmt;

use serde::{Serialize, Serializer};

use super::{Canvas, ItemId};

/// The highest score a factor can have.
pub const MAX_SCORE: u8 = 10;

/// Scores of the alternatives on one item, in the canvas's order of
/// alternatives, each name at most once.
pub type Theirs = Vec<(String, u8)>;

/// One variant of a measured test: a saved statement, or a free label.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Variant {
    Statement(ItemId),
    Label(String),
}

/// What one variant of a test measured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestResult {
    pub variant: Variant,
    /// How many people saw it.
    pub shown: u64,
    /// How many of them did what the test measures (at most `shown`).
    pub converted: u64,
}

impl TestResult {
    /// A statement's numbers: `converted` of the `shown` people.
    pub fn statement(id: ItemId, shown: u64, converted: u64) -> Self {
        Self {
            variant: Variant::Statement(id),
            shown,
            converted,
        }
    }

    /// The observed conversion rate (0 when nobody was shown it).
    pub fn rate(&self) -> f64 {
        if self.shown == 0 {
            0.0
        } else {
            self.converted as f64 / self.shown as f64
        }
    }
}

impl Serialize for TestResult {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(3))?;
        match &self.variant {
            Variant::Statement(id) => map.serialize_entry("statement", id)?,
            Variant::Label(label) => map.serialize_entry("label", label)?,
        }
        map.serialize_entry("shown", &self.shown)?;
        map.serialize_entry("converted", &self.converted)?;
        map.end()
    }
}

/// A conversion rate from 0 to 1 that a test's `right_if` asks for. Only
/// finite rates in range exist (the parser and [`Rate::new`] refuse others),
/// which is what makes equality total.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Rate(f64);

impl Eq for Rate {}

impl Rate {
    pub fn new(value: f64) -> Option<Rate> {
        (value.is_finite() && (0.0..=1.0).contains(&value)).then_some(Rate(value))
    }

    pub fn get(self) -> f64 {
        self.0
    }
}

impl fmt::Display for Rate {
    /// The shortest text that reads back as the same number (`0.05`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.fract() == 0.0 {
            write!(f, "{:.1}", self.0)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

impl Serialize for Rate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.0)
    }
}

impl Canvas {
    /// Sets the dots an item has. False when the id is not an item.
    pub fn set_votes(&mut self, id: ItemId, votes: u32) -> bool {
        self.item_mut(id).map(|i| i.votes = votes).is_some()
    }

    /// Renames an alternative and carries its scores over to the new name.
    /// False when there is no alternative at `index` or the new name is
    /// already another alternative's.
    pub fn rename_alternative(&mut self, index: usize, name: &str) -> bool {
        let Some(old) = self.alternatives.get(index).cloned() else {
            return false;
        };
        if old == name {
            return true;
        }
        if self.alternatives.iter().any(|a| a == name) {
            return false;
        }
        name.clone_into(&mut self.alternatives[index]);
        self.edit_scores(|theirs| {
            for (key, _) in theirs.iter_mut() {
                if *key == old {
                    name.clone_into(key);
                }
            }
        });
        true
    }

    /// Removes an alternative and every score given to it; returns how many
    /// scores went with it, or `None` when there is no alternative at `index`.
    pub fn remove_alternative(&mut self, index: usize) -> Option<usize> {
        if index >= self.alternatives.len() {
            return None;
        }
        let name = self.alternatives.remove(index);
        // A name listed twice keeps its scores while one copy remains.
        if self.alternatives.contains(&name) {
            return Some(0);
        }
        let mut removed = 0;
        self.edit_scores(|theirs| {
            let before = theirs.len();
            theirs.retain(|(key, _)| *key != name);
            removed += before - theirs.len();
        });
        Some(removed)
    }

    /// Sets (or, with `None`, clears) the score of `alternative` on an item;
    /// `alternative` `None` is our own offer. Keeps the scores in the order of
    /// the alternatives. False when the item or the alternative does not
    /// exist, or the score is above [`MAX_SCORE`].
    pub fn set_score(&mut self, id: ItemId, alternative: Option<&str>, score: Option<u8>) -> bool {
        if score.is_some_and(|s| s > MAX_SCORE) {
            return false;
        }
        let order: Vec<String> = self.alternatives.clone();
        let Some(alternative) = alternative else {
            return self.item_mut(id).map(|i| i.ours = score).is_some();
        };
        if !order.iter().any(|a| a == alternative) {
            return false;
        }
        let Some(item) = self.item_mut(id) else {
            return false;
        };
        item.theirs.retain(|(key, _)| key != alternative);
        if let Some(score) = score {
            item.theirs.push((alternative.to_owned(), score));
            sort_by_alternatives(&mut item.theirs, &order);
        }
        true
    }

    /// Replaces the list of alternatives as typed in one field. A list of the
    /// same length that differs in one place is a rename (the scores follow
    /// the new name); scores of an alternative no longer listed go with it.
    /// Returns how many scores were removed.
    pub fn set_alternatives(&mut self, alternatives: Vec<String>) -> usize {
        let old = std::mem::take(&mut self.alternatives);
        let changed: Vec<usize> = (0..old.len().min(alternatives.len()))
            .filter(|&i| old[i] != alternatives[i])
            .collect();
        let renamed = (old.len() == alternatives.len() && changed.len() == 1)
            .then(|| (old[changed[0]].clone(), alternatives[changed[0]].clone()))
            .filter(|(from, to)| {
                !old.contains(to) && old.iter().filter(|a| *a == from).count() == 1
            });
        self.alternatives = alternatives;
        if let Some((from, to)) = renamed {
            self.edit_scores(|theirs| {
                for (key, _) in theirs.iter_mut() {
                    if *key == from {
                        to.clone_into(key);
                    }
                }
            });
        }
        self.drop_orphan_scores()
    }

    /// Removes scores given to a name that is no longer an alternative (after
    /// the list changed, or a merge dropped one), and keeps the rest in the
    /// order of the alternatives. Returns how many were removed.
    pub fn drop_orphan_scores(&mut self) -> usize {
        let order = self.alternatives.clone();
        let needs_work = self.all_items().any(|(_, i)| {
            i.theirs.iter().any(|(k, _)| !order.contains(k))
                || i.theirs.windows(2).any(|w| {
                    order.iter().position(|a| *a == w[0].0)
                        > order.iter().position(|a| *a == w[1].0)
                })
        });
        if !needs_work {
            return 0;
        }
        let mut removed = 0;
        self.edit_scores(|theirs| {
            let before = theirs.len();
            theirs.retain(|(key, _)| order.contains(key));
            removed += before - theirs.len();
            sort_by_alternatives(theirs, &order);
        });
        removed
    }

    /// Turns the results of statements a test no longer tests (removed from
    /// it, or deleted) into rows labelled with the statement's name, so what
    /// was measured is never lost and the file stays valid. `test` `None`
    /// looks at every test. Call it before the statement itself is removed.
    pub fn detach_results(&mut self, test: Option<ItemId>, gone: &[ItemId]) {
        let names: Vec<(ItemId, String)> = self
            .statements
            .iter()
            .map(|s| (s.id, s.name.clone()))
            .collect();
        for t in &mut self.tests {
            if test.is_some_and(|id| id != t.id) {
                continue;
            }
            for n in 0..t.results.len() {
                let Variant::Statement(id) = t.results[n].variant else {
                    continue;
                };
                if !gone.contains(&id) && t.statements.contains(&id) {
                    continue;
                }
                let name = names
                    .iter()
                    .find(|(s, _)| *s == id)
                    .map(|(_, name)| name.trim())
                    .filter(|name| !name.is_empty())
                    .map_or_else(|| format!("statement {id}"), ToOwned::to_owned);
                let taken = |label: &str| {
                    t.results
                        .iter()
                        .any(|r| r.variant == Variant::Label(label.to_owned()))
                };
                let label = if taken(&name) {
                    format!("{name} (statement {id})")
                } else {
                    name
                };
                t.results[n].variant = Variant::Label(label);
            }
        }
    }

    /// Puts every item's alternative scores in the order of the
    /// alternatives (as read, a file may list them in any order).
    pub(crate) fn order_scores(&mut self) {
        let order = self.alternatives.clone();
        self.edit_scores(|theirs| sort_by_alternatives(theirs, &order));
    }

    /// Applies `edit` to every scored item's alternative scores, touching
    /// (and so un-sharing from the undo history) only items that have some.
    fn edit_scores(&mut self, mut edit: impl FnMut(&mut Theirs)) {
        let ids: Vec<ItemId> = self
            .all_items()
            .filter(|(_, i)| !i.theirs.is_empty())
            .map(|(_, i)| i.id)
            .collect();
        for id in ids {
            if let Some(item) = self.item_mut(id) {
                edit(&mut item.theirs);
            }
        }
    }
}

/// Orders scores as the alternatives are listed (unknown names last).
pub fn sort_by_alternatives(theirs: &mut Theirs, alternatives: &[String]) {
    theirs.sort_by_key(|(key, _)| {
        alternatives
            .iter()
            .position(|a| a == key)
            .unwrap_or(usize::MAX)
    });
}

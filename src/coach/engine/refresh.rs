//! How the coach catches up with a canvas: only the sections an edit
//! touched, and in them only the changed run of items.

use std::sync::Arc;

use crate::canvas::{Canvas, Item, JobKind, Section, Status};
use crate::coach::names::{Name, names_of};
use crate::coach::words::{FastMap, FastSet, Words};

use super::{Coach, key, level_slot};

impl Coach {
    /// Catches up with `canvas`: reads only what changed since the last call.
    pub fn refresh(&mut self, canvas: &Canvas) {
        self.long.lock().clear();
        let seen = std::mem::take(&mut self.seen);
        for section in Section::ALL {
            if !canvas.shares_section(&seen, section) {
                self.refresh_section(&seen, canvas, section);
            }
        }
        self.seen = canvas.clone();
    }

    fn refresh_section(&mut self, seen: &Canvas, canvas: &Canvas, section: Section) {
        let old = seen.items(section);
        let new = canvas.items(section);
        let (old_run, new_run) = crate::canvas::changed_run(old, new);
        // The same items with the same words (a level, kind or status changed):
        // nothing the text rules read has changed.
        let same_words = old_run.len() == new_run.len()
            && old_run
                .iter()
                .zip(new_run)
                .all(|(a, b)| a.id == b.id && a.text == b.text);
        if !same_words {
            // A section read for the first time is grouped in its order: no
            // group needs putting back in order, so none is noted.
            let touched = self.regroup(section, old_run, new_run, !old.is_empty());
            self.reorder_groups(section, &touched, canvas);
            if section == Section::Products {
                self.rename_products(old_run, new_run, new);
            }
        }
        let counts = &mut self.levels[section.index()];
        let live = &mut self.live_levels[section.index()];
        (*counts, *live) = ([0; 3], [0; 3]);
        for item in new {
            counts[level_slot(item.level)] += 1;
            if item.status != Status::Invalidated {
                live[level_slot(item.level)] += 1;
            }
        }
        if section == Section::Jobs {
            self.felt_jobs = new
                .iter()
                .filter(|j| matches!(j.kind, JobKind::Social | JobKind::Emotional))
                .count();
        }
    }

    /// Takes the old run's items out of their same-words groups and puts the
    /// new run's in; returns the groups touched (when `note`).
    fn regroup(
        &mut self,
        section: Section,
        old_run: &[Arc<Item>],
        new_run: &[Arc<Item>],
        note: bool,
    ) -> FastSet<u64> {
        let groups = &mut self.groups[section.index()];
        let mut touched = FastSet::default();
        let mut touch = |k: u64| {
            if note {
                touched.insert(k);
            }
        };
        // One buffer for every text read.
        let mut words = Words::default();
        for item in old_run {
            words.read(&item.text);
            if words.norm.is_empty() {
                continue;
            }
            let k = key(&words.norm);
            if let Some(ids) = groups.get_mut(&k) {
                ids.retain(|id| *id != item.id);
                if ids.is_empty() {
                    groups.remove(&k);
                }
            }
            touch(k);
        }
        for item in new_run {
            words.read(&item.text);
            if !words.norm.is_empty() {
                let k = key(&words.norm);
                groups.entry(k).or_default().push(item.id);
                touch(k);
            }
        }
        touched
    }

    /// Puts every touched group with more than one member back in section order.
    fn reorder_groups(&mut self, section: Section, touched: &FastSet<u64>, canvas: &Canvas) {
        let groups = &mut self.groups[section.index()];
        for k in touched {
            if let Some(ids) = groups.get_mut(k).filter(|ids| ids.len() > 1) {
                ids.sort_by_key(|id| canvas.index_in(section, *id).unwrap_or(usize::MAX));
            }
        }
    }

    /// The products' names again: read from the new run's texts, forgotten
    /// for the old run's, then gathered in the products' order.
    fn rename_products(&mut self, old_run: &[Arc<Item>], new_run: &[Arc<Item>], all: &[Arc<Item>]) {
        for item in old_run {
            self.product_names.remove(&item.id);
        }
        for item in new_run {
            self.product_names.insert(item.id, names_of(&item.text));
        }
        let mut names: Vec<Name> = Vec::new();
        let mut known: FastSet<&[String]> = FastSet::default();
        for product in all {
            for name in self.product_names.get(&product.id).map_or(&[][..], |n| n) {
                if known.insert(&name.words) {
                    names.push(name.clone());
                }
            }
        }
        let mut starts: FastMap<String, Vec<usize>> = FastMap::default();
        for (at, name) in names.iter().enumerate() {
            if let Some(first) = name.words.first() {
                starts.entry(first.clone()).or_default().push(at);
            }
        }
        self.names = names;
        self.name_starts = starts;
    }
}

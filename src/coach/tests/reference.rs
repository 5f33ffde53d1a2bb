//! The coach's engine as it was before issue #26 (a cache of every item's
//! facts, groups keyed by normalised text): the reference the new one must
//! equal, hint for hint. Not shipped.

#![allow(dead_code, clippy::pedantic)]

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::canvas::{Canvas, Item, ItemId, JobKind, Level, Section, Status};

use super::reference_words::{Facts, Name, names_of, occurs};
use crate::coach::rules::{self, ENOUGH_ITEMS, FEWEST, MAX_CHARS, Rule, RuleSet};
use crate::coach::{Hint, Subject};

/// The coach for one canvas, kept up to date edit by edit.
#[derive(Debug, Clone, Default)]
pub struct OldCoach {
    /// Rules turned off for all canvases (`config.ron`).
    off: RuleSet,
    /// The canvas as last read (its sections are shared, not copied).
    seen: Canvas,
    /// What each item's text says, by id (valid while the text is the same).
    facts: HashMap<ItemId, Facts>,
    /// Per section: normalised text → the ids with it, in section order.
    groups: [HashMap<String, Vec<ItemId>>; 6],
    /// The names each product or service gives, by id, with the text read.
    product_names: HashMap<ItemId, (String, Vec<Name>)>,
    /// The names the products and services give, all together.
    names: Vec<Name>,
    /// Items per level, per section.
    levels: [[usize; 3]; 6],
    /// The same without invalidated items: what is top-ranked (SPEC §7),
    /// as check and the fit count it.
    live_levels: [[usize; 3]; 6],
    /// Jobs of kind Social or Emotional.
    felt_jobs: usize,
}

fn level_slot(level: Level) -> usize {
    match level {
        Level::High => 0,
        Level::Medium => 1,
        Level::Low => 2,
    }
}

const LEVELS: [Level; 3] = [Level::High, Level::Medium, Level::Low];

impl OldCoach {
    /// A coach that has read `canvas`.
    pub fn of(canvas: &Canvas, off: RuleSet) -> Self {
        let mut coach = OldCoach {
            off,
            ..OldCoach::default()
        };
        coach.refresh(canvas);
        coach
    }

    /// The rules turned off for all canvases.
    pub fn off(&self) -> RuleSet {
        self.off
    }

    pub fn set_off(&mut self, off: RuleSet) {
        self.off = off;
    }

    /// Catches up with `canvas`: reads only what changed since the last call.
    pub fn refresh(&mut self, canvas: &Canvas) {
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
            self.reread(section, old_run, new_run, new);
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

    /// Forgets the items of `old_run` and reads those of `new_run`.
    fn reread(
        &mut self,
        section: Section,
        old_run: &[Arc<Item>],
        new_run: &[Arc<Item>],
        all: &[Arc<Item>],
    ) {
        let touched = self.regroup(section, old_run, new_run);
        self.reorder_groups(section, &touched, all);
        if section == Section::Products {
            self.rename_products(old_run, new_run, all);
        }
    }

    /// Takes the old run's items out of their same-words groups and puts the
    /// new run's in (their facts read again where the text changed); returns
    /// the groups touched.
    fn regroup(
        &mut self,
        section: Section,
        old_run: &[Arc<Item>],
        new_run: &[Arc<Item>],
    ) -> HashSet<String> {
        let groups = &mut self.groups[section.index()];
        let mut touched: HashSet<String> = HashSet::new();
        for item in old_run {
            let norm = match self.facts.get(&item.id) {
                Some(f) if f.text == item.text => f.norm.clone(),
                _ => Facts::of(&item.text).norm,
            };
            if let Some(ids) = groups.get_mut(&norm) {
                ids.retain(|id| *id != item.id);
                if ids.is_empty() {
                    groups.remove(&norm);
                }
            }
            touched.insert(norm);
        }
        let kept: HashSet<ItemId> = new_run.iter().map(|i| i.id).collect();
        for item in old_run {
            if !kept.contains(&item.id) {
                self.facts.remove(&item.id);
            }
        }
        for item in new_run {
            let facts = match self.facts.get(&item.id) {
                Some(f) if f.text == item.text => f,
                _ => {
                    self.facts.insert(item.id, Facts::of(&item.text));
                    &self.facts[&item.id]
                }
            };
            if !facts.norm.is_empty() {
                groups.entry(facts.norm.clone()).or_default().push(item.id);
                touched.insert(facts.norm.clone());
            }
        }
        touched
    }

    /// Puts every touched group with more than one member back in section order.
    fn reorder_groups(&mut self, section: Section, touched: &HashSet<String>, all: &[Arc<Item>]) {
        let groups = &mut self.groups[section.index()];
        let mut members: HashSet<ItemId> = HashSet::new();
        for norm in touched {
            if let Some(ids) = groups.get(norm).filter(|ids| ids.len() > 1) {
                members.extend(ids.iter().copied());
            }
        }
        if members.is_empty() {
            return;
        }
        let at: HashMap<ItemId, usize> = all
            .iter()
            .enumerate()
            .filter(|(_, i)| members.contains(&i.id))
            .map(|(n, i)| (i.id, n))
            .collect();
        for norm in touched {
            if let Some(ids) = groups.get_mut(norm) {
                ids.sort_by_key(|id| at.get(id).copied().unwrap_or(usize::MAX));
            }
        }
    }

    /// The products' names again: read from the new run's changed texts,
    /// forgotten for the removed, then gathered in the products' order.
    fn rename_products(&mut self, old_run: &[Arc<Item>], new_run: &[Arc<Item>], all: &[Arc<Item>]) {
        let kept: HashSet<ItemId> = new_run.iter().map(|i| i.id).collect();
        for item in old_run {
            if !kept.contains(&item.id) {
                self.product_names.remove(&item.id);
            }
        }
        for item in new_run {
            if self
                .product_names
                .get(&item.id)
                .is_none_or(|(text, _)| *text != item.text)
            {
                let names = names_of(&item.text);
                self.product_names
                    .insert(item.id, (item.text.clone(), names));
            }
        }
        let mut names: Vec<Name> = Vec::new();
        for product in all {
            for name in self
                .product_names
                .get(&product.id)
                .map_or(&[][..], |(_, n)| n)
            {
                if !names.iter().any(|m| m.words == name.words) {
                    names.push(name.clone());
                }
            }
        }
        self.names = names;
    }

    /// What the text of `item` says: from memory when it is still the same.
    fn facts_for(&self, item: &Item) -> Cow<'_, Facts> {
        match self.facts.get(&item.id) {
            Some(f) if f.text == item.text => Cow::Borrowed(f),
            _ => Cow::Owned(Facts::of(&item.text)),
        }
    }

    /// The highest level among a section's items that are not invalidated.
    fn top_level(&self, section: Section) -> Option<Level> {
        let counts = &self.live_levels[section.index()];
        LEVELS.into_iter().find(|l| counts[level_slot(*l)] > 0)
    }

    /// The level every item of a section has, when it has 3 or more items
    /// all at one level (`unranked`).
    fn unranked(&self, section: Section) -> Option<Level> {
        let counts = &self.levels[section.index()];
        let n: usize = counts.iter().sum();
        let slot = counts.iter().position(|c| *c == n).filter(|_| n >= 3)?;
        Some(LEVELS[slot])
    }

    /// The first product name a customer item uses.
    fn named_offer(&self, facts: &Facts) -> Option<&Name> {
        self.names
            .iter()
            .find(|n| occurs(n, &facts.text, &facts.words))
    }

    /// The item above `id` with the same words, if `id` is a lower duplicate.
    fn duplicate_of(&self, section: Section, id: ItemId, facts: &Facts) -> Option<ItemId> {
        if facts.norm.is_empty() {
            return None;
        }
        let ids = self.groups[section.index()].get(&facts.norm)?;
        match ids.first() {
            Some(first) if *first != id && ids.len() > 1 => Some(*first),
            _ => None,
        }
    }

    /// The rules that speak up about one item (after dismissals and `off`).
    /// Cheap: no message is built. For markers on screen.
    pub fn item_rules(&self, section: Section, item: &Item) -> RuleSet {
        let facts = self.facts_for(item);
        let mut set = self.text_rules(section, &facts);
        if self.duplicate_of(section, item.id, &facts).is_some() {
            set.insert(Rule::Duplicate);
        }
        // In an unranked section every item is "top-ranked": the coach
        // asks to rank it first (unless `unranked` is off), not to test all.
        let ranked = self.off.contains(Rule::Unranked) || self.unranked(section).is_none();
        if section.has_level()
            && item.status == Status::Untested
            && self.top_level(section) == Some(item.level)
            && ranked
        {
            set.insert(Rule::UntestedTop);
        }
        self.allowed(set, item)
    }

    /// The rules that read only the text (and the products' names).
    fn text_rules(&self, section: Section, facts: &Facts) -> RuleSet {
        let mut set = RuleSet::EMPTY;
        if matches!(section, Section::Pains | Section::Gains) && facts.english && !facts.number {
            set.insert(Rule::Unquantified);
        }
        if facts.vague.is_some() && !facts.number {
            set.insert(Rule::Vague);
        }
        if facts.length > MAX_CHARS {
            set.insert(Rule::TooLong);
        }
        if section.has_level() && self.named_offer(facts).is_some() {
            set.insert(Rule::ProductInProfile);
        }
        set
    }

    fn allowed(&self, mut set: RuleSet, item: &Item) -> RuleSet {
        for rule in self.off.iter() {
            set.remove(rule);
        }
        for id in &item.dismissed {
            if let Some(rule) = Rule::from_id(id) {
                set.remove(rule);
            }
        }
        set
    }

    /// The hints about one item, with their messages.
    pub fn item_hints(&self, section: Section, item: &Item) -> Vec<Hint> {
        let rules = self.item_rules(section, item);
        if rules.is_empty() {
            return Vec::new();
        }
        let facts = self.facts_for(item);
        let subject = Subject::Item {
            section,
            id: item.id,
        };
        rules
            .iter()
            .map(|rule| Hint {
                rule,
                subject,
                text: Some(item.text.clone()),
                message: self.item_message(rule, section, item.id, &facts),
            })
            .collect()
    }

    fn item_message(&self, rule: Rule, section: Section, id: ItemId, facts: &Facts) -> String {
        match rule {
            Rule::Unquantified => rules::unquantified(section),
            Rule::Vague => rules::vague(facts.vague.as_deref().unwrap_or("")),
            Rule::TooLong => rules::too_long(facts.length),
            Rule::Duplicate => {
                let first = self
                    .duplicate_of(section, id, facts)
                    .and_then(|f| self.facts.get(&f))
                    .map_or(facts.text.as_str(), |f| f.text.as_str());
                rules::duplicate(first)
            }
            Rule::ProductInProfile => {
                let name = self.named_offer(facts).map_or("", |n| n.shown.as_str());
                rules::product_in_profile(section, name)
            }
            Rule::UntestedTop => rules::untested_top(section),
            _ => String::new(),
        }
    }

    /// The hints a text being typed would get, for the item `editing` (or a
    /// new one) in `section`: the rules that read the text, so the user sees
    /// them come and go with each key.
    pub fn draft_hints(&self, section: Section, editing: Option<&Item>, text: &str) -> Vec<Hint> {
        let facts = Facts::of(text.trim());
        let mut rules = self.text_rules(section, &facts);
        let id = editing.map(|i| i.id);
        let other = (!facts.norm.is_empty())
            .then(|| self.groups[section.index()].get(&facts.norm))
            .flatten()
            .and_then(|ids| ids.iter().copied().find(|o| Some(*o) != id));
        if other.is_some() {
            rules.insert(Rule::Duplicate);
        }
        if let Some(item) = editing {
            rules = self.allowed(rules, item);
        } else {
            for rule in self.off.iter() {
                rules.remove(rule);
            }
        }
        let subject = Subject::Item {
            section,
            id: id.unwrap_or(0),
        };
        rules
            .iter()
            .map(|rule| Hint {
                rule,
                subject,
                text: Some(text.to_owned()),
                message: match rule {
                    Rule::Duplicate => rules::duplicate(
                        other
                            .and_then(|o| self.facts.get(&o))
                            .map_or("", |f| f.text.as_str()),
                    ),
                    _ => self.item_message(rule, section, id.unwrap_or(0), &facts),
                },
            })
            .collect()
    }

    /// The hints about sections, the canvas and its saved statements.
    pub fn canvas_hints(&self, canvas: &Canvas) -> Vec<Hint> {
        let mut out = Vec::new();
        let mut push = |rule: Rule, subject: Subject, text: Option<String>, message: String| {
            if !self.off.contains(rule) {
                out.push(Hint {
                    rule,
                    subject,
                    text,
                    message,
                });
            }
        };
        let jobs = canvas.items(Section::Jobs).len();
        if jobs >= 2 && self.felt_jobs == 0 {
            push(
                Rule::FunctionalOnly,
                Subject::Section(Section::Jobs),
                None,
                rules::functional_only(),
            );
        }
        let profile = [Section::Jobs, Section::Pains, Section::Gains];
        if canvas.item_count() >= ENOUGH_ITEMS {
            for section in profile {
                let n = canvas.items(section).len();
                if n < FEWEST {
                    push(
                        Rule::TooFew,
                        Subject::Section(section),
                        None,
                        rules::too_few(section, n),
                    );
                }
            }
        }
        for section in profile {
            if let Some(level) = self.unranked(section) {
                push(
                    Rule::Unranked,
                    Subject::Section(section),
                    None,
                    rules::unranked(section, canvas.items(section).len(), level),
                );
            }
        }
        if canvas.alternatives.iter().all(|a| a.trim().is_empty()) {
            push(
                Rule::NoAlternative,
                Subject::Canvas,
                None,
                rules::no_alternative(),
            );
        }
        for statement in &canvas.statements {
            let facts = Facts::of(&statement.text);
            if let (Some(claim), false) = (&facts.vague, facts.number) {
                push(
                    Rule::Vague,
                    Subject::Statement(statement.id),
                    Some(statement.text.clone()),
                    rules::vague(claim),
                );
            }
        }
        out
    }

    /// Every hint, grouped by rule, then customer profile first (jobs,
    /// pains, gains), then the value map, then statements and sections.
    pub fn hints(&self, canvas: &Canvas) -> Vec<Hint> {
        let mut out: Vec<Hint> = Section::WORKSHOP_ORDER
            .into_iter()
            .flat_map(|s| {
                canvas
                    .items(s)
                    .iter()
                    .flat_map(move |i| self.item_hints(s, i))
            })
            .collect();
        out.extend(self.canvas_hints(canvas));
        // Stable: within a rule the canvas order stays.
        out.sort_by_key(|h| h.rule);
        out
    }
}

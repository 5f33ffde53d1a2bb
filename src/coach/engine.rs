//! The coach's memory: the duplicate groups of each section, the names the
//! products give, and the level counts. [`Coach::refresh`] compares the
//! canvas with the one it saw last: sections the edit did not touch are
//! skipped (they are shared, copy-on-write), and in a touched section only
//! the changed run of items is read again. Hints are then answered per item,
//! from that memory and the item's text, read when it is asked about.
//!
//! Nothing per item is kept but its id in a group, under a hash of its
//! normalised text (checked against the text itself where it matters), so
//! the memory stays small at 100,000 items and reading a canvas allocates
//! little.

use std::hash::BuildHasher;
use std::sync::{Mutex, MutexGuard, PoisonError};

use foldhash::fast::RandomState;
use unicode_segmentation::UnicodeSegmentation;

use crate::canvas::{Canvas, Item, ItemId, Level, Section, Status};

use super::names::{Name, occurs};
use super::rules::{self, ENOUGH_ITEMS, FEWEST, MAX_CHARS, Rule, RuleSet};
use super::words::{Facts, FastMap, Words, normalises_to};
use super::{Hint, Subject};

mod refresh;

/// The coach for one canvas, kept up to date edit by edit.
#[derive(Debug, Clone, Default)]
pub struct Coach {
    /// Rules turned off for all canvases (`config.ron`).
    off: RuleSet,
    /// The canvas as last read (its sections are shared, not copied).
    seen: Canvas,
    /// Per section: a hash of the normalised text → the ids with it, in
    /// section order (a hash shared by two different texts is told apart
    /// by [`Coach::same_words`]).
    groups: [FastMap<u64, Vec<ItemId>>; 6],
    /// The names each product or service gives, by id.
    product_names: FastMap<ItemId, Vec<Name>>,
    /// The names the products and services give, all together, in the
    /// products' order.
    names: Vec<Name>,
    /// Where each of `names` is, by its first word.
    name_starts: FastMap<String, Vec<usize>>,
    /// Items per level, per section.
    levels: [[usize; 3]; 6],
    /// The same without invalidated items: what is top-ranked (SPEC §7),
    /// as check and the fit count it.
    live_levels: [[usize; 3]; 6],
    /// Jobs of kind Social or Emotional.
    felt_jobs: usize,
    /// What the coach said about each long item it was asked about since
    /// it last read the canvas: reading 14 MB of words takes longer than a
    /// frame, and a frame asks about the items in view.
    long: LongReads,
}

/// Items with more text than this are read once per change of the canvas.
const LONG_TEXT: usize = 4096;

/// A text being typed longer than this is read for its length only, in its
/// first this many bytes (its other rules are read once it is kept), so a
/// key costs the same whatever the length.
const LONG_DRAFT: usize = 64 * 1024;

/// A long item's rules and what each says.
#[derive(Debug, Clone)]
struct LongRead {
    rules: RuleSet,
    messages: Vec<(Rule, String)>,
}

/// The long items read, by id (behind a lock, so a coach can be shared
/// between threads as before).
#[derive(Debug, Default)]
struct LongReads(Mutex<FastMap<ItemId, LongRead>>);

impl LongReads {
    fn lock(&self) -> MutexGuard<'_, FastMap<ItemId, LongRead>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Clone for LongReads {
    fn clone(&self) -> Self {
        Self(Mutex::new(self.lock().clone()))
    }
}

/// The messages of `duplicate` already built, by the item above that each
/// names (an id is unique in the canvas): a text repeated many times is
/// quoted, cut to its width, once.
#[derive(Default)]
struct Said(FastMap<ItemId, String>);

/// The key a normalised text is grouped under: hashed with one state for
/// the whole process, seeded at random (a file cannot choose texts that
/// share a key and crowd one group).
fn key(norm: &str) -> u64 {
    static STATE: std::sync::OnceLock<RandomState> = std::sync::OnceLock::new();
    STATE.get_or_init(RandomState::default).hash_one(norm)
}

fn level_slot(level: Level) -> usize {
    match level {
        Level::High => 0,
        Level::Medium => 1,
        Level::Low => 2,
    }
}

const LEVELS: [Level; 3] = [Level::High, Level::Medium, Level::Low];

impl Coach {
    /// A coach that has read `canvas`.
    pub fn of(canvas: &Canvas, off: RuleSet) -> Self {
        let mut coach = Coach {
            off,
            ..Coach::default()
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

    /// The item `id` of `section`, as last read.
    fn item_in(&self, section: Section, id: ItemId) -> Option<&Item> {
        let at = self.seen.index_in(section, id)?;
        self.seen.items(section).get(at).map(|i| &**i)
    }

    /// Whether the item `id` (as last read) has the normalised text `norm`.
    fn same_words(&self, section: Section, id: ItemId, norm: &str) -> bool {
        self.item_in(section, id)
            .is_some_and(|item| normalises_to(&item.text, norm))
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

    /// The first product name (in the products' order) a customer item
    /// uses: only the names that start with one of its words are tried.
    fn named_offer(&self, facts: &Facts) -> Option<&Name> {
        let mut first: Option<usize> = None;
        for word in &facts.words.list {
            let Some(starts) = self.name_starts.get(facts.words.lower(word)) else {
                continue;
            };
            for &at in starts {
                if first.is_none_or(|f| at < f) && occurs(&self.names[at], facts.text, &facts.words)
                {
                    first = Some(at);
                }
            }
        }
        first.map(|at| &self.names[at])
    }

    /// The ids of the section's items whose text is `norm`, in section
    /// order; `id` is taken as one of them when its group holds it.
    fn same_as<'a>(
        &'a self,
        section: Section,
        id: Option<ItemId>,
        norm: &'a str,
    ) -> impl Iterator<Item = ItemId> + 'a {
        let group = if norm.is_empty() {
            None
        } else {
            self.groups[section.index()].get(&key(norm))
        };
        group
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
            .filter(move |o| Some(*o) == id || self.same_words(section, *o, norm))
    }

    /// The item above `id` with the same words, if `id` is a lower duplicate.
    fn duplicate_of(&self, section: Section, id: ItemId, facts: &Facts) -> Option<ItemId> {
        let mut same = self.same_as(section, Some(id), facts.norm());
        let first = same.next()?;
        (first != id && same.next().is_some()).then_some(first)
    }

    /// The rules that speak up about one item (after dismissals and `off`).
    /// Cheap: no message is built. For markers on screen.
    pub fn item_rules(&self, section: Section, item: &Item) -> RuleSet {
        if let Some(read) = self.long_read(section, item) {
            return read.rules;
        }
        self.rules_with(section, item, &Facts::of(&item.text)).0
    }

    /// A long item's rules and messages, read once until the canvas
    /// changes. Only for the item as the coach last read it (the same
    /// allocation, which the coach's copy of the canvas keeps alive), so the
    /// answer kept is about this very text.
    fn long_read(&self, section: Section, item: &Item) -> Option<LongRead> {
        if item.text.len() <= LONG_TEXT
            || !self
                .item_in(section, item.id)
                .is_some_and(|seen| std::ptr::eq(seen, item))
        {
            return None;
        }
        if let Some(read) = self.long.lock().get(&item.id) {
            return Some(read.clone());
        }
        let facts = Facts::of(&item.text);
        let (rules, duplicate) = self.rules_with(section, item, &facts);
        let messages = rules
            .iter()
            .map(|rule| (rule, self.item_message(rule, section, &facts, duplicate)))
            .collect();
        let read = LongRead { rules, messages };
        self.long.lock().insert(item.id, read.clone());
        Some(read)
    }

    /// [`Coach::item_rules`], with the item's text already read; and the
    /// item it duplicates, if any.
    fn rules_with(
        &self,
        section: Section,
        item: &Item,
        facts: &Facts,
    ) -> (RuleSet, Option<ItemId>) {
        let mut set = self.text_rules(section, facts);
        let duplicate = self.duplicate_of(section, item.id, facts);
        if duplicate.is_some() {
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
        (self.allowed(set, item), duplicate)
    }

    /// The rules that read only the text (and the products' names).
    fn text_rules(&self, section: Section, facts: &Facts) -> RuleSet {
        let mut set = RuleSet::EMPTY;
        if matches!(section, Section::Pains | Section::Gains) && facts.english && !facts.number {
            set.insert(Rule::Unquantified);
        }
        if facts.vague().is_some() && !facts.number {
            set.insert(Rule::Vague);
        }
        if facts.too_long().is_some() {
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
        if let Some(read) = self.long_read(section, item) {
            let subject = Subject::Item {
                section,
                id: item.id,
            };
            // No copy of the text, as for a long draft: these are asked
            // for on every frame, and the item may be megabytes.
            return read
                .messages
                .into_iter()
                .map(|(rule, message)| Hint {
                    rule,
                    subject,
                    text: None,
                    message,
                })
                .collect();
        }
        let mut out = Vec::new();
        let facts = Facts::of(&item.text);
        self.push_item_hints(section, item, &facts, &mut Said::default(), &mut out);
        out
    }

    /// Adds the hints about one item, its text read, to `out`.
    fn push_item_hints(
        &self,
        section: Section,
        item: &Item,
        facts: &Facts,
        said: &mut Said,
        out: &mut Vec<Hint>,
    ) {
        let (rules, duplicate) = self.rules_with(section, item, facts);
        let subject = Subject::Item {
            section,
            id: item.id,
        };
        out.extend(rules.iter().map(|rule| {
            Hint {
                rule,
                subject,
                text: Some(item.text.clone()),
                message: match (rule, duplicate) {
                    (Rule::Duplicate, Some(first)) => said
                        .0
                        .entry(first)
                        .or_insert_with(|| self.item_message(rule, section, facts, duplicate))
                        .clone(),
                    _ => self.item_message(rule, section, facts, duplicate),
                },
            }
        }));
    }

    /// What a hint about an item says; `duplicate` is the item above with
    /// the same words.
    fn item_message(
        &self,
        rule: Rule,
        section: Section,
        facts: &Facts,
        duplicate: Option<ItemId>,
    ) -> String {
        match rule {
            Rule::Unquantified => rules::unquantified(section),
            Rule::Vague => rules::vague(facts.vague().unwrap_or("")),
            Rule::TooLong => rules::too_long(facts.too_long().unwrap_or(0)),
            Rule::Duplicate => {
                let first = duplicate
                    .and_then(|f| self.item_in(section, f))
                    .map_or(facts.text, |f| f.text.as_str());
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
        if let Some(hints) = self.long_draft_hints(section, editing, text) {
            return hints;
        }
        let facts = Facts::of(text.trim());
        let mut rules = self.text_rules(section, &facts);
        let id = editing.map(|i| i.id);
        let other = self
            .same_as(section, None, facts.norm())
            .find(|o| Some(*o) != id);
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
                            .and_then(|o| self.item_in(section, o))
                            .map_or("", |i| i.text.as_str()),
                    ),
                    _ => self.item_message(rule, section, &facts, None),
                },
            })
            .collect()
    }

    /// A draft over [`LONG_DRAFT`] bytes: only that it is too long, with
    /// the characters counted in those bytes (more follow). `None` for a
    /// shorter one, or one whose first bytes hold too few characters to say.
    fn long_draft_hints(
        &self,
        section: Section,
        editing: Option<&Item>,
        text: &str,
    ) -> Option<Vec<Hint>> {
        if text.len() <= LONG_DRAFT {
            return None;
        }
        let mut end = LONG_DRAFT;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let counted = text[..end].graphemes(true).count();
        if counted <= MAX_CHARS {
            return None;
        }
        let mut set = RuleSet::EMPTY;
        set.insert(Rule::TooLong);
        let set = match editing {
            Some(item) => self.allowed(set, item),
            None if self.off.contains(Rule::TooLong) => RuleSet::EMPTY,
            None => set,
        };
        let subject = Subject::Item {
            section,
            id: editing.map_or(0, |i| i.id),
        };
        Some(
            set.iter()
                .map(|rule| Hint {
                    rule,
                    subject,
                    text: None,
                    message: rules::too_long_over(counted),
                })
                .collect(),
        )
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
        for (rule, message) in comparison_hints(canvas) {
            push(rule, Subject::Canvas, None, message);
        }
        for statement in &canvas.statements {
            let facts = Facts::of(&statement.text);
            if let (Some(claim), false) = (facts.vague(), facts.number) {
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

    /// How many hints [`Coach::hints`] gives, found without building them
    /// (no message, no copy of a text): for reports that show the number.
    pub fn count(&self, canvas: &Canvas) -> usize {
        let mut n = self.canvas_hints(canvas).len();
        let mut words = Words::default();
        for section in Section::WORKSHOP_ORDER {
            for item in canvas.items(section) {
                let facts = Facts::read(&item.text, words);
                n += self.rules_with(section, item, &facts).0.iter().count();
                words = facts.words;
            }
        }
        n
    }

    /// Every hint, grouped by rule, then customer profile first (jobs,
    /// pains, gains), then the value map, then statements and sections.
    pub fn hints(&self, canvas: &Canvas) -> Vec<Hint> {
        let mut out = Vec::new();
        // One buffer for every item's words.
        let mut words = Words::default();
        let mut said = Said::default();
        for section in Section::WORKSHOP_ORDER {
            for item in canvas.items(section) {
                let facts = Facts::read(&item.text, words);
                self.push_item_hints(section, item, &facts, &mut said, &mut out);
                words = facts.words;
            }
        }
        out.extend(self.canvas_hints(canvas));
        // Stable: within a rule the canvas order stays.
        out.sort_by_key(|h| h.rule);
        out
    }
}

/// `undifferentiated` and `unscored-alternative` (SPEC §12), from the one
/// comparison. A canvas that scores nothing (most) costs one look at each
/// item's scores.
fn comparison_hints(canvas: &Canvas) -> Vec<(Rule, String)> {
    let scored = canvas
        .all_items()
        .any(|(_, i)| i.ours.is_some() || !i.theirs.is_empty());
    if !scored {
        return Vec::new();
    }
    let comparison = crate::compare::analyze(canvas);
    let mut out = Vec::new();
    if comparison.is_undifferentiated() {
        let top = comparison.top().count();
        out.push((Rule::Undifferentiated, rules::undifferentiated(top)));
    }
    for name in comparison.unscored_alternatives() {
        out.push((Rule::UnscoredAlternative, rules::unscored_alternative(name)));
    }
    out
}

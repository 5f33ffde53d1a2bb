//! The coach (SPEC §7): hints that make a canvas sharper. Each hint names its
//! rule (a public id such as `unquantified`), what it is about (an item, a
//! saved statement, a section or the whole canvas) and says, in one line, what
//! to do about it.
//!
//! Pure domain: no terminal, no file I/O. [`Coach`] keeps what it needs to
//! know about the whole canvas (same-words groups, the products' names,
//! level counts), so after an edit only the changed items are read again
//! ([`Coach::refresh`]), and reads an item's text when asked about it;
//! [`hints`] is the one-shot form for `lint` and the exports. The editor and
//! `lint` ask the same [`Coach`], so they always agree.
//!
//! English word lists (vague claims, number words) are data:
//! `assets/coach/en.txt`. The word-list rules stay quiet on text they cannot
//! judge (another script, or another language); see that file's header.

mod engine;
mod names;
mod rules;
mod words;

pub use engine::Coach;
pub use rules::{ENOUGH_ITEMS, FEWEST, MAX_CHARS, Rule, RuleSet};

use crate::canvas::{Canvas, ItemId, Section};

/// What a hint is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subject {
    /// One item of a section.
    Item { section: Section, id: ItemId },
    /// A saved value proposition statement.
    Statement(ItemId),
    /// A whole section (e.g. too few pains).
    Section(Section),
    /// The canvas as a whole (e.g. no alternatives).
    Canvas,
}

impl Subject {
    /// The id of the item or statement, `None` for a section or the canvas.
    pub fn id(self) -> Option<ItemId> {
        match self {
            Subject::Item { id, .. } | Subject::Statement(id) => Some(id),
            Subject::Section(_) | Subject::Canvas => None,
        }
    }

    /// The section it is in or about, if any.
    pub fn section(self) -> Option<Section> {
        match self {
            Subject::Item { section, .. } | Subject::Section(section) => Some(section),
            Subject::Statement(_) | Subject::Canvas => None,
        }
    }

    /// The item it is about, if it is about one (only those can be dismissed).
    pub fn item(self) -> Option<ItemId> {
        match self {
            Subject::Item { id, .. } => Some(id),
            _ => None,
        }
    }
}

/// One piece of advice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub rule: Rule,
    pub subject: Subject,
    /// The item's or statement's text, as it is on the canvas; none for a
    /// long text asked about one item at a time (the editor's line under
    /// the canvas), which is not copied on every frame.
    pub text: Option<String>,
    /// What to do, in one line.
    pub message: String,
}

/// A text as the `duplicate` rule compares it (case, punctuation and extra
/// spaces ignored): two items of a section with the same are duplicates.
pub fn same_words(text: &str) -> String {
    words::Words::of(text).norm
}

/// The section's key as the file and the JSON outputs name it.
pub fn section_key(section: Section) -> &'static str {
    match section {
        Section::Products => "products",
        Section::Creators => "creators",
        Section::Relievers => "relievers",
        Section::Gains => "gains",
        Section::Pains => "pains",
        Section::Jobs => "jobs",
    }
}

/// Every hint for a canvas, grouped by rule (in [`Rule::ALL`] order), then in
/// canvas order. `off` are the rules turned off for all canvases.
pub fn hints(canvas: &Canvas, off: RuleSet) -> Vec<Hint> {
    Coach::of(canvas, off).hints(canvas)
}

/// How many hints [`hints`] gives, without building them.
pub fn count(canvas: &Canvas, off: RuleSet) -> usize {
    Coach::of(canvas, off).count(canvas)
}

/// The hints grouped by rule, for lists and reports: each rule with its
/// hints, rules without any left out.
pub fn grouped(hints: &[Hint]) -> Vec<(Rule, Vec<&Hint>)> {
    Rule::ALL
        .into_iter()
        .map(|r| (r, hints.iter().filter(|h| h.rule == r).collect::<Vec<_>>()))
        .filter(|(_, hs)| !hs.is_empty())
        .collect()
}

/// One rule's hints by their message, in the order each message first
/// comes: for reports that say "Add a number" once, then every pain it is
/// about.
pub fn by_message<'h>(hints: &[&'h Hint]) -> Vec<(&'h str, Vec<&'h Hint>)> {
    let mut groups: Vec<(&str, Vec<&Hint>)> = Vec::new();
    // Where each message's group is: duplicates each have their own
    // message, so a search of the groups would be quadratic.
    let mut at: words::FastMap<&str, usize> = words::FastMap::default();
    for &hint in hints {
        match at.get(hint.message.as_str()) {
            Some(&n) => groups[n].1.push(hint),
            None => {
                at.insert(&hint.message, groups.len());
                groups.push((&hint.message, vec![hint]));
            }
        }
    }
    groups
}

/// Where a hint points, for people: "pain “Clients pay late”", "Pains",
/// "statement “A: late payments”", "the canvas".
pub fn subject_label(canvas: &Canvas, hint: &Hint) -> String {
    match hint.subject {
        Subject::Item { section, .. } => format!(
            "{}: {}",
            section.title(),
            one_line(hint.text.as_deref().unwrap_or(""))
        ),
        Subject::Statement(id) => {
            let name = canvas.statement(id).map_or("", |s| s.name.as_str());
            format!("Statement “{}”", one_line(name))
        }
        Subject::Section(section) => section.title().to_owned(),
        Subject::Canvas => "The canvas".to_owned(),
    }
}

/// Folds a text onto one line (the exports have the same helper; the coach
/// does not import them, they import the coach).
fn one_line(text: &str) -> String {
    crate::text::single_spaced(text).into_owned()
}

#[cfg(test)]
mod tests;

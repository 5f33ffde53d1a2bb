//! The rules: their public ids (SPEC §7), their headings, and what each hint
//! says, in our own words and always as something to do.

use std::fmt;
use std::str::FromStr;

use crate::canvas::{Level, Section};

/// One rule of the coach. The ids ([`Rule::id`]) are a public interface: they
/// are written in canvas files (`dismissed`), in `config.ron` and by `lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    Unquantified,
    Vague,
    Duplicate,
    FunctionalOnly,
    ProductInProfile,
    TooFew,
    Unranked,
    NoAlternative,
    TooLong,
    UntestedTop,
    Undifferentiated,
    UnscoredAlternative,
}

impl Rule {
    /// Every rule, in the order lists group them.
    pub const ALL: [Rule; 12] = [
        Rule::Unquantified,
        Rule::Vague,
        Rule::Duplicate,
        Rule::FunctionalOnly,
        Rule::ProductInProfile,
        Rule::TooFew,
        Rule::Unranked,
        Rule::NoAlternative,
        Rule::TooLong,
        Rule::UntestedTop,
        Rule::Undifferentiated,
        Rule::UnscoredAlternative,
    ];

    /// The rule's public id.
    pub fn id(self) -> &'static str {
        match self {
            Rule::Unquantified => "unquantified",
            Rule::Vague => "vague",
            Rule::Duplicate => "duplicate",
            Rule::FunctionalOnly => "functional-only",
            Rule::ProductInProfile => "product-in-profile",
            Rule::TooFew => "too-few",
            Rule::Unranked => "unranked",
            Rule::NoAlternative => "no-alternative",
            Rule::TooLong => "too-long",
            Rule::UntestedTop => "untested-top",
            Rule::Undifferentiated => "undifferentiated",
            Rule::UnscoredAlternative => "unscored-alternative",
        }
    }

    /// The rule with this id, if there is one.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.id() == id)
    }

    /// A heading for the hints of this rule in lists.
    pub fn title(self) -> &'static str {
        match self {
            Rule::Unquantified => "No number",
            Rule::Vague => "Vague claims",
            Rule::Duplicate => "Duplicates",
            Rule::FunctionalOnly => "Only functional jobs",
            Rule::ProductInProfile => "Your offer in the customer profile",
            Rule::TooFew => "Too few items",
            Rule::Unranked => "Not ranked",
            Rule::NoAlternative => "No alternative",
            Rule::TooLong => "Too long",
            Rule::UntestedTop => "Top-ranked, untested",
            Rule::Undifferentiated => "No lead over the alternatives",
            Rule::UnscoredAlternative => "Alternative not scored",
        }
    }

    /// Whether the rule is about one item (and so can be dismissed for it).
    pub fn is_about_items(self) -> bool {
        matches!(
            self,
            Rule::Unquantified
                | Rule::Vague
                | Rule::Duplicate
                | Rule::ProductInProfile
                | Rule::TooLong
                | Rule::UntestedTop
        )
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Rule {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Rule::from_id(s).ok_or_else(|| {
            let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
            format!("unknown coach rule `{s}` (rules: {})", ids.join(", "))
        })
    }
}

/// A set of rules (e.g. the ones `config.ron` turns off).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct RuleSet(u16);

impl RuleSet {
    pub const EMPTY: RuleSet = RuleSet(0);

    pub fn contains(self, rule: Rule) -> bool {
        self.0 & (1 << rule as u16) != 0
    }

    pub fn insert(&mut self, rule: Rule) {
        self.0 |= 1 << rule as u16;
    }

    pub fn remove(&mut self, rule: Rule) {
        self.0 &= !(1 << rule as u16);
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The rules in the set, in [`Rule::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Rule> {
        Rule::ALL.into_iter().filter(move |r| self.contains(*r))
    }
}

impl FromIterator<Rule> for RuleSet {
    fn from_iter<I: IntoIterator<Item = Rule>>(iter: I) -> Self {
        let mut set = RuleSet::EMPTY;
        for rule in iter {
            set.insert(rule);
        }
        set
    }
}

/// The most characters an item should have (one idea per note).
pub const MAX_CHARS: usize = 140;

/// The fewest items a customer section should have, once the canvas has
/// [`ENOUGH_ITEMS`] items.
pub const FEWEST: usize = 3;

/// From how many items on the canvas `too-few` speaks up.
pub const ENOUGH_ITEMS: usize = 6;

/// What `unquantified` asks for, by section. Messages are short: the line
/// under the canvas shows one whole, after the item's flag.
pub(crate) fn unquantified(section: Section) -> String {
    match section {
        Section::Pains => "Add a number: how late, how much, how often?",
        _ => "Add a number: how much, how soon, how often?",
    }
    .to_owned()
}

pub(crate) fn vague(claim: &str) -> String {
    format!("“{claim}” is a claim: say by how much, with a number")
}

pub(crate) fn duplicate(first: &str) -> String {
    format!(
        "Same as “{}” above: merge them, or say what differs",
        crate::text::truncate(first, 40)
    )
}

pub(crate) fn functional_only() -> String {
    "All jobs are functional: add a social or emotional one (how they want to feel, or be seen)"
        .to_owned()
}

pub(crate) fn product_in_profile(section: Section, name: &str) -> String {
    format!(
        "Names your offer “{name}”: say the customer's {} without it",
        section.noun()
    )
}

pub(crate) fn too_few(section: Section, count: usize) -> String {
    let what = if count == 1 {
        section.noun().to_owned()
    } else {
        section.title().to_lowercase()
    };
    let ask = match section {
        Section::Jobs => "what else they are trying to get done",
        Section::Pains => "what else annoys or worries them",
        _ => "what else would delight them",
    };
    format!("Only {count} {what}: aim for {FEWEST} or more; ask customers {ask}")
}

pub(crate) fn unranked(section: Section, count: usize, level: Level) -> String {
    format!(
        "All {count} {} are “{}”: rank them so the ones that matter most stand out",
        section.title().to_lowercase(),
        section.level_name(level)
    )
}

pub(crate) fn no_alternative() -> String {
    "Name what customers use today, so the statement can say what you beat".to_owned()
}

pub(crate) fn too_long(chars: usize) -> String {
    format!("{chars} characters: one idea per note; cut it to {MAX_CHARS} or split it")
}

/// [`too_long`] for a text so long that only its start was counted.
pub(crate) fn too_long_over(counted: usize) -> String {
    format!("Over {counted} characters: one idea per note; cut it to {MAX_CHARS} or split it")
}

pub(crate) fn undifferentiated(top: usize) -> String {
    let what = if top == 1 {
        "You do not lead on the top factor".to_owned()
    } else {
        format!("You lead on none of the {top} top factors")
    };
    format!("{what}: find where you can be clearly better than what they use today")
}

pub(crate) fn unscored_alternative(name: &str) -> String {
    format!(
        "“{}” has no score on any top factor: score it, so the comparison is fair",
        crate::text::truncate(name, 40)
    )
}

pub(crate) fn untested_top(section: Section) -> String {
    format!(
        "A top-ranked {} nobody has tested: test it first",
        section.noun()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_the_public_ones_and_round_trip() {
        let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
        assert_eq!(
            ids,
            [
                "unquantified",
                "vague",
                "duplicate",
                "functional-only",
                "product-in-profile",
                "too-few",
                "unranked",
                "no-alternative",
                "too-long",
                "untested-top",
                "undifferentiated",
                "unscored-alternative"
            ]
        );
        for r in Rule::ALL {
            assert_eq!(r.id().parse::<Rule>(), Ok(r));
        }
        let e = "too_long".parse::<Rule>().expect_err("unknown");
        assert!(e.contains("too-long"), "{e}");
    }

    #[test]
    fn a_rule_set_holds_what_was_put_in() {
        let mut set: RuleSet = [Rule::TooLong, Rule::Vague].into_iter().collect();
        assert!(set.contains(Rule::TooLong) && !set.contains(Rule::Duplicate));
        set.remove(Rule::TooLong);
        assert_eq!(set.iter().collect::<Vec<_>>(), [Rule::Vague]);
    }
}

//! Against the alternatives (SPEC §12): how our offer and each alternative do
//! on what this customer cares about, the value curve's data. Pure: computed
//! from a [`Canvas`] alone, used by the editor, `check`, the exports, the
//! statement and the coach alike.
//!
//! The factors are the customer's jobs, pains and gains in rank order: by
//! level (weight 3/2/1, as the fit weighs them), then by position in their
//! section, ties between sections in the canvas's order (jobs, pains,
//! gains). An invalidated item is one the customer does not have (SPEC §7):
//! it is no factor, as it counts in no coverage. The *top factors* are each
//! customer section's highest-level factors, the items the fit and `check`
//! call top-ranked (the highest level among the items the customer has).

use crate::canvas::{Canvas, Item, ItemId, Level, Section, Status};

/// How far one score must be above another to count as a lead or a trail.
pub const MARGIN: u8 = 2;

/// Where our offer stands on one factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Ours is at least [`MARGIN`] above every alternative scored on it.
    Lead,
    /// Some alternative is at least [`MARGIN`] above ours.
    Trail,
    /// Scored on both sides, neither a lead nor a trail.
    Par,
    /// Ours, or every alternative, is not scored on it.
    Unscored,
}

impl Standing {
    /// The word `check --format json` uses.
    pub fn key(self) -> &'static str {
        match self {
            Standing::Lead => "lead",
            Standing::Trail => "trail",
            Standing::Par => "par",
            Standing::Unscored => "unscored",
        }
    }
}

/// One factor of the comparison: a job, pain or gain with its scores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Factor {
    pub id: ItemId,
    pub section: Section,
    pub text: String,
    pub level: Level,
    /// 3/2/1 by level.
    pub weight: u32,
    /// One of its section's highest-level factors.
    pub top: bool,
    pub ours: Option<u8>,
    /// Each alternative's score, in the order of the alternatives.
    pub theirs: Vec<Option<u8>>,
    pub standing: Standing,
}

impl Factor {
    /// The alternatives (by index) at least [`MARGIN`] above ours, highest first.
    pub fn ahead_of_us(&self) -> Vec<usize> {
        let Some(ours) = self.ours else {
            return Vec::new();
        };
        let mut ahead: Vec<(usize, u8)> = self
            .theirs
            .iter()
            .enumerate()
            .filter_map(|(n, s)| s.map(|s| (n, s)))
            .filter(|(_, s)| *s >= ours.saturating_add(MARGIN))
            .collect();
        ahead.sort_by_key(|(n, s)| (std::cmp::Reverse(*s), *n));
        ahead.into_iter().map(|(n, _)| n).collect()
    }
}

/// One alternative against our offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versus {
    pub alternative: String,
    /// Σ weight × (ours − theirs) over the factors where both are scored.
    pub score: i64,
    /// How many factors have both scores.
    pub compared: usize,
}

/// The whole comparison of a canvas.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comparison {
    /// The canvas's alternatives, each name once, in their order.
    pub alternatives: Vec<String>,
    /// Every factor, most important first.
    pub factors: Vec<Factor>,
    /// One per alternative, in the order of [`Comparison::alternatives`].
    pub versus: Vec<Versus>,
}

/// Runs the analysis. Linear in the number of customer items × alternatives.
pub fn analyze(canvas: &Canvas) -> Comparison {
    let mut alternatives: Vec<String> = Vec::new();
    for a in &canvas.alternatives {
        if !a.trim().is_empty() && !alternatives.contains(a) {
            alternatives.push(a.clone());
        }
    }
    let factors: Vec<Factor> = ranked(canvas)
        .into_iter()
        .map(|(section, item, top)| factor(section, item, top, &alternatives))
        .collect();
    let versus = alternatives
        .iter()
        .enumerate()
        .map(|(n, name)| versus(name, n, &factors))
        .collect();
    Comparison {
        alternatives,
        factors,
        versus,
    }
}

/// The customer items the customer has, in rank order, each with whether it
/// is one of its section's top-ranked.
fn ranked(canvas: &Canvas) -> Vec<(Section, &Item, bool)> {
    // Sorted by (weight, section, position), unique per item.
    type Key<'a> = (
        std::cmp::Reverse<u32>,
        usize,
        usize,
        Section,
        &'a Item,
        bool,
    );
    let mut keyed: Vec<Key> = Vec::new();
    for (rank, section) in PROFILE.into_iter().enumerate() {
        let had = |i: &&std::sync::Arc<Item>| i.status != Status::Invalidated;
        let items = canvas.items(section);
        let best = items.iter().filter(had).map(|i| i.level).min();
        for (position, item) in items.iter().filter(had).enumerate() {
            let weight = item.level.weight();
            let top = Some(item.level) == best;
            keyed.push((
                std::cmp::Reverse(weight),
                rank,
                position,
                section,
                item,
                top,
            ));
        }
    }
    keyed.sort_unstable_by_key(|k| (k.0, k.1, k.2));
    keyed
        .into_iter()
        .map(|(_, _, _, section, item, top)| (section, item, top))
        .collect()
}

/// The customer sections, in the order ties between them are broken.
pub const PROFILE: [Section; 3] = [Section::Jobs, Section::Pains, Section::Gains];

fn factor(section: Section, item: &Item, top: bool, alternatives: &[String]) -> Factor {
    let theirs: Vec<Option<u8>> = alternatives.iter().map(|a| item.score_of(a)).collect();
    let scored: Vec<u8> = theirs.iter().flatten().copied().collect();
    let standing = match item.ours {
        None => Standing::Unscored,
        Some(_) if scored.is_empty() => Standing::Unscored,
        Some(ours) if scored.iter().any(|s| *s >= ours.saturating_add(MARGIN)) => Standing::Trail,
        Some(ours) if scored.iter().all(|s| ours >= s.saturating_add(MARGIN)) => Standing::Lead,
        Some(_) => Standing::Par,
    };
    Factor {
        id: item.id,
        section,
        text: item.text.clone(),
        level: item.level,
        weight: item.level.weight(),
        top,
        ours: item.ours,
        theirs,
        standing,
    }
}

fn versus(name: &str, n: usize, factors: &[Factor]) -> Versus {
    let mut score = 0i64;
    let mut compared = 0;
    for f in factors {
        if let (Some(ours), Some(theirs)) = (f.ours, f.theirs.get(n).copied().flatten()) {
            score += i64::from(f.weight) * (i64::from(ours) - i64::from(theirs));
            compared += 1;
        }
    }
    Versus {
        alternative: name.to_owned(),
        score,
        compared,
    }
}

impl Comparison {
    /// Whether any factor has both our score and an alternative's: only then
    /// is there anything to say (or to prefer in the statement).
    pub fn is_scored(&self) -> bool {
        self.versus.iter().any(|v| v.compared > 0)
    }

    /// Whether anything at all is scored, ours or an alternative's.
    pub fn has_scores(&self) -> bool {
        self.factors
            .iter()
            .any(|f| f.ours.is_some() || f.theirs.iter().any(Option::is_some))
    }

    /// The top factors, most important first.
    pub fn top(&self) -> impl Iterator<Item = &Factor> {
        self.factors.iter().filter(|f| f.top)
    }

    /// The factors where we lead, most important first.
    pub fn leads(&self) -> impl Iterator<Item = &Factor> {
        self.factors.iter().filter(|f| f.standing == Standing::Lead)
    }

    /// The factors where we trail, most important first.
    pub fn trails(&self) -> impl Iterator<Item = &Factor> {
        self.factors
            .iter()
            .filter(|f| f.standing == Standing::Trail)
    }

    /// The first alternative, in the order listed (the main one first),
    /// that our offer beats overall (`versus` above zero).
    pub fn beaten(&self) -> Option<&str> {
        self.versus
            .iter()
            .find(|v| v.compared > 0 && v.score > 0)
            .map(|v| v.alternative.as_str())
    }

    /// The alternatives with no score on any top factor, once anything is
    /// scored (the coach's `unscored-alternative`).
    pub fn unscored_alternatives(&self) -> Vec<&str> {
        if !self.has_scores() {
            return Vec::new();
        }
        self.alternatives
            .iter()
            .enumerate()
            .filter(|(n, _)| {
                !self
                    .top()
                    .any(|f| f.theirs.get(*n).copied().flatten().is_some())
            })
            .map(|(_, a)| a.as_str())
            .collect()
    }

    /// Alternatives are scored and we lead on no top factor (the coach's
    /// `undifferentiated`).
    pub fn is_undifferentiated(&self) -> bool {
        self.is_scored() && !self.top().any(|f| f.standing == Standing::Lead)
    }

    /// The one-line verdict: "Leads on 3 of the 5 top factors; trails
    /// Hiring a bookkeeper on 'Tax season panic'".
    pub fn verdict(&self) -> String {
        if self.alternatives.is_empty() {
            return "No alternatives to compare with".to_owned();
        }
        if !self.is_scored() {
            return "Not compared yet: no factor has both our score and an alternative's"
                .to_owned();
        }
        let tops = self.top().count();
        let leads = self.top().filter(|f| f.standing == Standing::Lead).count();
        let of = if tops == 1 {
            "of 1 top factor".to_owned()
        } else {
            format!("of the {tops} top factors")
        };
        let mut out = format!("Leads on {leads} {of}");
        let trails: Vec<&Factor> = self.trails().collect();
        match trails.first() {
            None => out.push_str("; trails on none"),
            Some(first) => {
                let who = first
                    .ahead_of_us()
                    .first()
                    .and_then(|n| self.alternatives.get(*n))
                    .map_or("", String::as_str);
                out.push_str(&format!("; trails {who} on '{}'", one_line(&first.text)));
                match trails.len() - 1 {
                    0 => {}
                    1 => out.push_str(" and 1 more factor"),
                    more => out.push_str(&format!(" and {more} more factors")),
                }
            }
        }
        out
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;

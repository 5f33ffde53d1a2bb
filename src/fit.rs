//! Fit analysis (SPEC §1): which pains and gains the value map leaves
//! unaddressed, which value-map items address nothing, and weighted coverage.
//! Pure: computed from a [`Canvas`] alone.

use std::collections::HashSet;

use serde::Serialize;

use crate::canvas::{Canvas, Item, ItemId, Level, Section};

/// One flagged item, as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flagged {
    pub id: ItemId,
    pub text: String,
}

/// How much of a customer section the value map addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Coverage {
    /// Items addressed by at least one value-map item.
    pub addressed: usize,
    pub total: usize,
    /// Sum of the level weights (3/2/1) of the addressed items.
    pub addressed_weight: u32,
    pub total_weight: u32,
}

impl Coverage {
    /// The weighted share addressed, 0.0–1.0. A section with nothing in it has
    /// nothing left unaddressed, so it counts as fully covered.
    pub fn ratio(&self) -> f64 {
        if self.total_weight == 0 {
            1.0
        } else {
            f64::from(self.addressed_weight) / f64::from(self.total_weight)
        }
    }
}

/// The whole fit analysis of a canvas. Every list is most important first
/// (by level, then by position).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FitReport {
    pub pains_without_relievers: Vec<Flagged>,
    pub gains_without_creators: Vec<Flagged>,
    pub relievers_without_pains: Vec<Flagged>,
    pub creators_without_gains: Vec<Flagged>,
    pub jobs_without_products: Vec<Flagged>,
    pub pains: Coverage,
    pub gains: Coverage,
    pub jobs: Coverage,
    /// The ids of the flagged pains and gains, for drawing each row quickly.
    flagged: HashSet<ItemId>,
    /// The ids behind [`FitReport::is_unlinked`].
    unlinked: HashSet<ItemId>,
}

impl FitReport {
    /// Whether any pain lacks a reliever or any gain lacks a creator: what
    /// `check --strict` fails on.
    pub fn has_gaps(&self) -> bool {
        !self.pains_without_relievers.is_empty() || !self.gains_without_creators.is_empty()
    }

    /// Whether an item is one of the flagged pains or gains.
    pub fn is_flagged(&self, id: ItemId) -> bool {
        self.flagged.contains(&id)
    }

    /// Whether a reliever or creator addresses nothing, or a job is helped
    /// by nothing (the `?` marks).
    pub fn is_unlinked(&self, id: ItemId) -> bool {
        self.unlinked.contains(&id)
    }
}

/// Runs the analysis.
pub fn analyze(canvas: &Canvas) -> FitReport {
    let (pains_without_relievers, pains) = unaddressed(canvas, Section::Pains);
    let (gains_without_creators, gains) = unaddressed(canvas, Section::Gains);
    let (jobs_without_products, jobs) = unaddressed(canvas, Section::Jobs);
    let relievers_without_pains = addressing_nothing(canvas, Section::Relievers);
    let creators_without_gains = addressing_nothing(canvas, Section::Creators);
    let ids = |lists: &[&Vec<Flagged>]| lists.iter().flat_map(|l| l.iter().map(|f| f.id)).collect();
    FitReport {
        flagged: ids(&[&pains_without_relievers, &gains_without_creators]),
        unlinked: ids(&[
            &relievers_without_pains,
            &creators_without_gains,
            &jobs_without_products,
        ]),
        pains_without_relievers,
        gains_without_creators,
        relievers_without_pains,
        creators_without_gains,
        jobs_without_products,
        pains,
        gains,
        jobs,
    }
}

/// The customer items of `section` that no value-map item links to, most
/// important first, and the section's coverage.
fn unaddressed(canvas: &Canvas, section: Section) -> (Vec<Flagged>, Coverage) {
    // One pass over the links, so the analysis stays linear in the canvas.
    let addressed: HashSet<ItemId> = canvas
        .items(section.counterpart())
        .iter()
        .flat_map(|a| a.links.iter().copied())
        .collect();
    let is_addressed = |item: &Item| addressed.contains(&item.id);
    let mut coverage = Coverage::default();
    let mut open: Vec<(Level, usize, &Item)> = Vec::new();
    for (position, item) in canvas.items(section).iter().enumerate() {
        coverage.total += 1;
        coverage.total_weight += item.level.weight();
        if is_addressed(item) {
            coverage.addressed += 1;
            coverage.addressed_weight += item.level.weight();
        } else {
            open.push((item.level, position, item));
        }
    }
    // Level sorts High first; ties keep the user's ranking.
    open.sort_by_key(|(level, position, _)| (*level, *position));
    (
        open.into_iter().map(|(_, _, i)| flagged(i)).collect(),
        coverage,
    )
}

/// Value-map items with no links, in the user's order (they carry no level).
fn addressing_nothing(canvas: &Canvas, section: Section) -> Vec<Flagged> {
    canvas
        .items(section)
        .iter()
        .filter(|i| i.links.is_empty())
        .map(flagged)
        .collect()
}

fn flagged(item: &Item) -> Flagged {
    Flagged {
        id: item.id,
        text: item.text.clone(),
    }
}

#[cfg(test)]
mod tests;

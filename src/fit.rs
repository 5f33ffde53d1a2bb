//! Fit analysis (SPEC §1, §7): which pains and gains the value map leaves
//! unaddressed, which value-map items address nothing, weighted coverage on
//! paper and with evidence, and what to test next. Pure: computed from a
//! [`Canvas`] alone.
//!
//! An invalidated pain or gain is one the customer does not have: it is never
//! flagged and counts in neither coverage, and a link to it addresses nothing.

use std::collections::HashSet;
use std::sync::Arc;

use serde::Serialize;

use crate::canvas::{Canvas, Item, ItemId, Level, Section, Status};

mod tally;
pub use tally::Tally;

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
    /// Coverage counting a pain only when it and one of its relievers are
    /// `Validated` (gains and creators likewise).
    pub pains_evidenced: Coverage,
    pub gains_evidenced: Coverage,
    /// The riskiest assumptions first: what to test next (SPEC §7).
    pub test_next: Vec<Risk>,
    /// Top-ranked customer items (each section's highest level among the
    /// items the customer has, i.e. not `Invalidated`) that are not yet
    /// `Validated`: what `check --require-evidence` fails on.
    pub unproven_top: Vec<Risk>,
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

/// An assumption to test: an item not yet validated or invalidated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Risk {
    pub id: ItemId,
    pub section: Section,
    /// The item, shared with the canvas: most items of a large canvas are
    /// risks, and a copy of each text cost more memory than the report.
    item: Arc<Item>,
    /// 3/2/1 for customer items by level; for value-map items, the highest
    /// weight among the customer items they address (0 when none).
    pub weight: u32,
}

impl Risk {
    /// The item's text.
    pub fn text(&self) -> &str {
        &self.item.text
    }
}

/// Runs the analysis.
pub fn analyze(canvas: &Canvas) -> FitReport {
    let (pains_without_relievers, pains, pains_evidenced) = unaddressed(canvas, Section::Pains);
    let (gains_without_creators, gains, gains_evidenced) = unaddressed(canvas, Section::Gains);
    let (jobs_without_products, jobs, _) = unaddressed(canvas, Section::Jobs);
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
        pains_evidenced,
        gains_evidenced,
        test_next: test_next(canvas),
        unproven_top: unproven_top(canvas),
    }
}

/// Each customer section's highest-level items not yet `Validated`. An
/// invalidated item is one the customer does not have (SPEC §7): it is
/// neither top-ranked nor unproven. One pass per section: looking items up
/// by id here made large canvases quadratic.
fn unproven_top(canvas: &Canvas) -> Vec<Risk> {
    let mut out = Vec::new();
    for section in [Section::Jobs, Section::Pains, Section::Gains] {
        let items = canvas.items(section);
        let had = |i: &&Arc<Item>| i.status != Status::Invalidated;
        let Some(best) = items.iter().filter(had).map(|i| i.level).min() else {
            continue;
        };
        out.extend(
            items
                .iter()
                .filter(|i| i.level == best && !i.status.is_settled())
                .map(|i| risk(section, i, i.level.weight())),
        );
    }
    out
}

/// The order of SPEC §7: customer items by weight, ties by section (pains,
/// gains, jobs) then position; then value-map items, those addressing the
/// highest-weighted customer items first, ties by section (relievers,
/// creators, products) then position. Settled items are left out.
fn test_next(canvas: &Canvas) -> Vec<Risk> {
    // Sorted as keys with a reference to the item; the risks (with their
    // texts) are made once, in order, rather than moved about by the sort.
    type Key<'a> = (std::cmp::Reverse<u32>, usize, usize, Section, &'a Arc<Item>);
    let mut customer: Vec<Key> = Vec::new();
    for (rank, section) in [Section::Pains, Section::Gains, Section::Jobs]
        .into_iter()
        .enumerate()
    {
        for (position, item) in canvas.items(section).iter().enumerate() {
            if item.status == Status::Invalidated || item.status.is_settled() {
                continue;
            }
            let weight = item.level.weight();
            customer.push((std::cmp::Reverse(weight), rank, position, section, item));
        }
    }
    let mut offer: Vec<Key> = Vec::new();
    for (rank, section) in [Section::Relievers, Section::Creators, Section::Products]
        .into_iter()
        .enumerate()
    {
        let target = section.counterpart();
        let targets = canvas.items(target);
        for (position, item) in canvas.items(section).iter().enumerate() {
            if item.status.is_settled() {
                continue;
            }
            let weight = item
                .links
                .iter()
                .filter_map(|l| canvas.index_in(target, *l).map(|i| &targets[i]))
                .filter(|t| t.status != Status::Invalidated)
                .map(|t| t.level.weight())
                .max()
                .unwrap_or(0);
            offer.push((std::cmp::Reverse(weight), rank, position, section, item));
        }
    }
    // (weight, rank, position) is unique per item, so an unstable sort is
    // as good as a stable one.
    let key = |k: &Key| (k.0, k.1, k.2);
    customer.sort_unstable_by_key(key);
    offer.sort_unstable_by_key(key);
    customer
        .into_iter()
        .chain(offer)
        .map(|(weight, _, _, section, item)| risk(section, item, weight.0))
        .collect()
}

fn risk(section: Section, item: &Arc<Item>, weight: u32) -> Risk {
    Risk {
        id: item.id,
        section,
        item: Arc::clone(item),
        weight,
    }
}

/// The customer items of `section` that no value-map item links to, most
/// important first, and the section's coverage on paper and with evidence.
fn unaddressed(canvas: &Canvas, section: Section) -> (Vec<Flagged>, Coverage, Coverage) {
    // One pass over the links, so the analysis stays linear in the canvas:
    // for each item of the section (by place), whether anything addresses
    // it, and whether a validated item does.
    let mut addressed: Vec<Option<bool>> = vec![None; canvas.items(section).len()];
    for a in canvas.items(section.counterpart()) {
        for &l in &a.links {
            if let Some(i) = canvas.index_in(section, l) {
                let by_validated = addressed[i].get_or_insert(false);
                *by_validated |= a.status == Status::Validated;
            }
        }
    }
    let mut coverage = Coverage::default();
    let mut evidenced = Coverage::default();
    let mut open: Vec<(Level, usize, &Item)> = Vec::new();
    for (position, item) in canvas.items(section).iter().enumerate() {
        if item.status == Status::Invalidated {
            continue;
        }
        let weight = item.level.weight();
        coverage.total += 1;
        coverage.total_weight += weight;
        evidenced.total += 1;
        evidenced.total_weight += weight;
        match addressed[position] {
            Some(by_validated) => {
                coverage.addressed += 1;
                coverage.addressed_weight += weight;
                if by_validated && item.status == Status::Validated {
                    evidenced.addressed += 1;
                    evidenced.addressed_weight += weight;
                }
            }
            None => open.push((item.level, position, item)),
        }
    }
    // Level sorts High first; ties keep the user's ranking.
    open.sort_by_key(|(level, position, _)| (*level, *position));
    (
        open.into_iter().map(|(_, _, i)| flagged(i)).collect(),
        coverage,
        evidenced,
    )
}

/// Value-map items that address nothing real: no links, or links only to
/// invalidated items. In the user's order (they carry no level).
fn addressing_nothing(canvas: &Canvas, section: Section) -> Vec<Flagged> {
    let target = section.counterpart();
    let real = |id: &ItemId| {
        canvas
            .index_in(target, *id)
            .is_some_and(|i| canvas.items(target)[i].status != Status::Invalidated)
    };
    canvas
        .items(section)
        .iter()
        .filter(|i| !i.links.iter().any(real))
        .map(|i| flagged(i))
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

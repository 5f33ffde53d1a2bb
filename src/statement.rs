//! The value proposition statement (SPEC §1), the ad-lib template filled from
//! the canvas: "Our {products} help(s) {segment} who want to {job} by
//! {reliever} and {creator} (unlike {alternative})."
//!
//! Parts that are missing are left out with their joining words, so the
//! sentence never reads "by  and". Pure: no I/O, no terminal.

use crate::canvas::{Canvas, ItemId, Section};

mod words;
use words::{phrase, tidy};

/// Which items fill the statement. `None` means "leave this part out".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StatementChoice {
    pub product: Option<ItemId>,
    pub job: Option<ItemId>,
    pub reliever: Option<ItemId>,
    pub creator: Option<ItemId>,
    /// Index into [`Canvas::alternatives`].
    pub alternative: Option<usize>,
}

/// One slot of the statement, for pickers that let the user choose its item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Product,
    Job,
    Reliever,
    Creator,
    Alternative,
}

impl Part {
    pub const ALL: [Part; 5] = [
        Part::Product,
        Part::Job,
        Part::Reliever,
        Part::Creator,
        Part::Alternative,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Part::Product => "Product or service",
            Part::Job => "Customer job",
            Part::Reliever => "Pain reliever",
            Part::Creator => "Gain creator",
            Part::Alternative => "Unlike (alternative)",
        }
    }

    /// The section the part picks from (none for alternatives).
    pub fn section(self) -> Option<Section> {
        match self {
            Part::Product => Some(Section::Products),
            Part::Job => Some(Section::Jobs),
            Part::Reliever => Some(Section::Relievers),
            Part::Creator => Some(Section::Creators),
            Part::Alternative => None,
        }
    }
}

impl StatementChoice {
    /// The default choice: the top product and job, the reliever of the
    /// top-ranked pain that has one, the creator of the top-ranked gain that has
    /// one (falling back to the top reliever/creator), and the alternative
    /// of [`proposed_alternative`].
    pub fn default_for(canvas: &Canvas) -> Self {
        let first = |s: Section| canvas.items(s).first().map(|i| i.id);
        Self {
            product: first(Section::Products),
            job: first(Section::Jobs),
            reliever: addresser_of_top(canvas, Section::Pains)
                .or_else(|| first(Section::Relievers)),
            creator: addresser_of_top(canvas, Section::Gains).or_else(|| first(Section::Creators)),
            alternative: proposed_alternative(canvas),
        }
    }

    /// Drops choices that no longer exist in the canvas (e.g. after a delete).
    #[must_use]
    pub fn retain_existing(mut self, canvas: &Canvas) -> Self {
        for slot in [
            &mut self.product,
            &mut self.job,
            &mut self.reliever,
            &mut self.creator,
        ] {
            if slot.is_some_and(|id| canvas.item(id).is_none()) {
                *slot = None;
            }
        }
        if self
            .alternative
            .is_some_and(|i| i >= canvas.alternatives.len())
        {
            self.alternative = None;
        }
        self
    }

    /// A choice remembered from earlier, on the canvas as it is now: each
    /// part whose item is gone takes the proposal's choice; a part left out
    /// stays left out.
    #[must_use]
    pub fn restored(self, canvas: &Canvas) -> Self {
        let proposal = Self::default_for(canvas);
        let gone = |id: Option<ItemId>| id.is_some_and(|id| canvas.item(id).is_none());
        Self {
            product: if gone(self.product) {
                proposal.product
            } else {
                self.product
            },
            job: if gone(self.job) {
                proposal.job
            } else {
                self.job
            },
            reliever: if gone(self.reliever) {
                proposal.reliever
            } else {
                self.reliever
            },
            creator: if gone(self.creator) {
                proposal.creator
            } else {
                self.creator
            },
            alternative: match self.alternative {
                Some(i) if i >= canvas.alternatives.len() => proposal.alternative,
                other => other,
            },
        }
    }

    pub fn get(&self, part: Part) -> Option<usize> {
        match part {
            Part::Product => self.product.map(|v| v as usize),
            Part::Job => self.job.map(|v| v as usize),
            Part::Reliever => self.reliever.map(|v| v as usize),
            Part::Creator => self.creator.map(|v| v as usize),
            Part::Alternative => self.alternative,
        }
    }

    /// Steps a part to the next (or previous) candidate, passing through "none".
    pub fn cycle(&mut self, canvas: &Canvas, part: Part, forward: bool) {
        match part.section() {
            Some(section) => {
                let mut ids: Vec<usize> = canvas
                    .items(section)
                    .iter()
                    .map(|i| i.id as usize)
                    .collect();
                // The jobs the chosen product helps with first (a stable
                // sort keeps the canvas's order within each group).
                if part == Part::Job
                    && let Some(product) = self.product.and_then(|p| canvas.item(p))
                {
                    ids.sort_by_key(|id| {
                        !ItemId::try_from(*id).is_ok_and(|id| product.links.contains(&id))
                    });
                }
                let next = cycle_in(&ids, self.get(part), forward);
                let next = next.and_then(|v| ItemId::try_from(v).ok());
                match part {
                    Part::Product => self.product = next,
                    Part::Job => self.job = next,
                    Part::Reliever => self.reliever = next,
                    Part::Creator => self.creator = next,
                    Part::Alternative => {}
                }
            }
            None => {
                let idx: Vec<usize> = (0..canvas.alternatives.len()).collect();
                self.alternative = cycle_in(&idx, self.alternative, forward);
            }
        }
    }

    /// The text currently chosen for a part, if any.
    pub fn text<'a>(&self, canvas: &'a Canvas, part: Part) -> Option<&'a str> {
        match part {
            Part::Alternative => self
                .alternative
                .and_then(|i| canvas.alternatives.get(i))
                .map(String::as_str),
            _ => {
                let id = ItemId::try_from(self.get(part)?).ok()?;
                canvas.item(id).map(|i| i.text.as_str())
            }
        }
    }
}

/// The next value after `current` in `values` (forward or back), with `None`
/// as the step between the last and the first.
fn cycle_in(values: &[usize], current: Option<usize>, forward: bool) -> Option<usize> {
    let pos = current.and_then(|c| values.iter().position(|v| *v == c));
    let n = values.len();
    if n == 0 {
        return None;
    }
    match (pos, forward) {
        (None, true) => values.first().copied(),
        (None, false) => values.last().copied(),
        (Some(p), true) if p + 1 < n => Some(values[p + 1]),
        (Some(p), false) if p > 0 => Some(values[p - 1]),
        _ => None,
    }
}

/// The alternative the statement says it is unlike (SPEC §12): while no
/// factor has both our score and an alternative's, the first one listed (the
/// main one); once compared, the first listed that our offer beats overall
/// (`versus` above zero), and none when it beats none: the statement does
/// not claim a win the scores do not show.
pub fn proposed_alternative(canvas: &Canvas) -> Option<usize> {
    if canvas.alternatives.is_empty() {
        return None;
    }
    // Most canvases score nothing: no need to run the comparison.
    if !canvas.all_items().any(|(_, i)| !i.theirs.is_empty()) {
        return Some(0);
    }
    let comparison = crate::compare::analyze(canvas);
    if !comparison.is_scored() {
        return Some(0);
    }
    let beaten = comparison.beaten()?;
    canvas.alternatives.iter().position(|a| a == beaten)
}

/// The first value-map item addressing the highest-ranked customer item (in the
/// user's order) that has any.
fn addresser_of_top(canvas: &Canvas, customer: Section) -> Option<ItemId> {
    canvas.items(customer).iter().find_map(|c| {
        canvas
            .items(customer.counterpart())
            .iter()
            .find(|a| a.links.contains(&c.id))
            .map(|a| a.id)
    })
}

/// The statement for the default choice.
/// The statement to show or copy when nothing else is asked for: the first
/// saved statement, else the proposed ad-lib (SPEC §7).
pub fn main_statement(canvas: &Canvas) -> String {
    canvas
        .statements
        .first()
        .map_or_else(|| default_statement(canvas), |s| s.text.clone())
}

pub fn default_statement(canvas: &Canvas) -> String {
    compose(canvas, &StatementChoice::default_for(canvas))
}

/// Fills the template. Texts sit mid-sentence in their natural case (a
/// capitalised first word lowered unless it is an acronym or a name), and a
/// pain reliever or gain creator that names a thing is offered ("by
/// offering a plan built from the rota") while one that names a doing is
/// done ("by chasing late payers").
pub fn compose(canvas: &Canvas, choice: &StatementChoice) -> String {
    let text = |p: Part| choice.text(canvas, p).filter(|t| !tidy(t).is_empty());
    let part = |p: Part| text(p).map(phrase);
    // Products are often names ("Acme Books"), so they keep their capitals.
    let products = text(Part::Product).map(tidy);
    let segment = {
        let s = phrase(&canvas.segment);
        if s.is_empty() {
            "customers".to_owned()
        } else {
            s
        }
    };
    let mut out = match &products {
        Some(p) => format!("Our {p} helps {segment}"),
        None => format!("Our offer helps {segment}"),
    };
    if let Some(job) = part(Part::Job) {
        out.push_str(" who want to ");
        out.push_str(&job);
    }
    let by = words::by_clause(
        text(Part::Reliever).map(words::means),
        text(Part::Creator).map(words::means),
    );
    if let Some(by) = by {
        out.push_str(" by ");
        out.push_str(&by);
    }
    if let Some(alt) = part(Part::Alternative) {
        out.push_str(&format!(" (unlike {alt})"));
    }
    out.push('.');
    out
}

#[cfg(test)]
mod tests;

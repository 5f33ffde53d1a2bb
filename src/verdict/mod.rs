//! What a measured test's numbers support (SPEC §13): for each variant its
//! conversion rate and 95% interval under a uniform prior, the probability
//! that each is the best, whether that settles it, how many more people
//! would, and how likely the best reaches the test's target. Pure and
//! deterministic: one computation for the board, `check` and every export.

pub mod beta;

use crate::canvas::{Canvas, ItemId, TestCard, Variant};

/// Fewer people than this shown a variant: too few to say anything.
pub const MIN_SHOWN: u64 = 10;
/// How likely the best must be the best (or reach the target) to decide.
pub const DECIDED_AT: f64 = 0.95;

/// One variant's numbers and what they say.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantVerdict {
    pub variant: Variant,
    pub shown: u64,
    pub converted: u64,
    /// The observed rate, converted / shown (0 when nobody was shown it).
    pub rate: f64,
    /// The 2.5% quantile of Beta(converted + 1, shown − converted + 1).
    pub low: f64,
    /// The 97.5% quantile of the same.
    pub high: f64,
    /// The probability that this variant is the best (1 when alone).
    pub p_best: f64,
}

/// What the comparison of the variants says.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// No results recorded.
    Empty,
    /// A variant was shown to fewer than [`MIN_SHOWN`] people (its index).
    TooFew(usize),
    /// One variant, nothing to compare it with.
    Single,
    /// The variant at `winner` is at least [`DECIDED_AT`] likely the best.
    Decided { winner: usize },
    /// Not decided; `more_needed` people per variant would tell a
    /// difference of the size seen (`None` when the two leading rates are
    /// equal: no difference seen).
    Open { more_needed: Option<u64> },
}

/// What recording a learning from the test should propose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proposal {
    /// The winner is at least 95% likely to reach the target: validate.
    Validate,
    /// Every variant is at least 95% likely below the target: invalidate.
    Invalidate,
    /// The numbers do not settle the test's items.
    Nothing,
}

/// The verdict on one test.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub variants: Vec<VariantVerdict>,
    pub decision: Decision,
    /// The variant most likely the best (the winner when decided).
    pub leader: Option<usize>,
    /// The target rate, when the test has one.
    pub target: Option<f64>,
    /// The probability that the leader's rate reaches the target.
    pub p_target: Option<f64>,
    pub proposal: Proposal,
}

/// The measured tests a saved statement won: decided, at least
/// [`DECIDED_AT`] likely the best.
pub fn won_by(canvas: &Canvas, statement: ItemId) -> Vec<&TestCard> {
    canvas
        .tests
        .iter()
        .filter(|t| {
            t.results.len() > 1
                && t.results
                    .iter()
                    .any(|r| r.variant == Variant::Statement(statement))
        })
        .filter(|t| {
            let v = of(t);
            v.winner()
                .is_some_and(|w| v.variants[w].variant == Variant::Statement(statement))
        })
        .collect()
}

/// The verdict on a test's results.
pub fn of(test: &TestCard) -> Verdict {
    let params: Vec<(f64, f64)> = test
        .results
        .iter()
        .map(|r| {
            let converted = r.converted.min(r.shown);
            (converted as f64 + 1.0, (r.shown - converted) as f64 + 1.0)
        })
        .collect();
    let p_best = match params.len() {
        0 => Vec::new(),
        1 => vec![1.0],
        2 => {
            let second = beta::p_greater(params[0], params[1]);
            vec![1.0 - second, second]
        }
        _ => beta::p_best_all(&params),
    };
    let variants: Vec<VariantVerdict> = test
        .results
        .iter()
        .zip(&params)
        .zip(&p_best)
        .map(|((r, &(a, b)), &p)| VariantVerdict {
            variant: r.variant.clone(),
            shown: r.shown,
            converted: r.converted.min(r.shown),
            rate: r.rate(),
            low: beta::quantile(a, b, 0.025),
            high: beta::quantile(a, b, 0.975),
            p_best: p,
        })
        .collect();
    // The first of the most likely best, so ties read in the card's order.
    let leader = variants
        .iter()
        .enumerate()
        .fold(None, |best: Option<(usize, f64)>, (i, v)| match best {
            Some((_, p)) if p >= v.p_best => best,
            _ => Some((i, v.p_best)),
        })
        .map(|(i, _)| i);
    let decision = decide(&variants, leader);
    let target = test.target.map(crate::canvas::Rate::get);
    let p_target = target
        .zip(leader)
        .map(|(t, i)| 1.0 - beta::cdf(params[i].0, params[i].1, t));
    let proposal = propose(&variants, &params, &decision, target, p_target);
    Verdict {
        variants,
        decision,
        leader,
        target,
        p_target,
        proposal,
    }
}

fn decide(variants: &[VariantVerdict], leader: Option<usize>) -> Decision {
    if variants.is_empty() {
        return Decision::Empty;
    }
    if let Some(few) = variants.iter().position(|v| v.shown < MIN_SHOWN) {
        return Decision::TooFew(few);
    }
    if variants.len() == 1 {
        return Decision::Single;
    }
    match leader {
        Some(winner) if variants[winner].p_best >= DECIDED_AT => Decision::Decided { winner },
        _ => Decision::Open {
            more_needed: more_needed(variants),
        },
    }
}

/// People per variant for the two leading observed rates p1, p2 at 95%
/// confidence (two-sided) and 80% power, less the fewest already shown,
/// rounded up: n = (1.96·√(2p̄(1−p̄)) + 0.8416·√(p1(1−p1) + p2(1−p2)))² /
/// (p1 − p2)². `None` when the two rates are equal (no difference to tell).
pub fn more_needed(variants: &[VariantVerdict]) -> Option<u64> {
    let mut rates: Vec<f64> = variants.iter().map(|v| v.rate).collect();
    rates.sort_by(|a, b| b.total_cmp(a));
    let (p1, p2) = (*rates.first()?, *rates.get(1)?);
    let gap = p1 - p2;
    if gap.abs() < 1e-12 {
        return None;
    }
    let mean = f64::midpoint(p1, p2);
    let root = 1.96 * (2.0 * mean * (1.0 - mean)).sqrt()
        + 0.8416 * (p1 * (1.0 - p1) + p2 * (1.0 - p2)).sqrt();
    let n = root * root / (gap * gap);
    let fewest = variants.iter().map(|v| v.shown).min().unwrap_or(0) as f64;
    // Never negative (clamped at 0), and far below u64::MAX.
    #[allow(clippy::cast_sign_loss)]
    Some((n - fewest).ceil().max(0.0) as u64)
}

fn propose(
    variants: &[VariantVerdict],
    params: &[(f64, f64)],
    decision: &Decision,
    target: Option<f64>,
    p_target: Option<f64>,
) -> Proposal {
    let Some(target) = target else {
        return Proposal::Nothing;
    };
    let settled_winner = matches!(decision, Decision::Decided { .. } | Decision::Single);
    if settled_winner && p_target.is_some_and(|p| p >= DECIDED_AT) {
        return Proposal::Validate;
    }
    let all_measured = !matches!(decision, Decision::Empty | Decision::TooFew(_));
    let all_below = params
        .iter()
        .all(|&(a, b)| beta::cdf(a, b, target) >= DECIDED_AT);
    if all_measured && !variants.is_empty() && all_below {
        Proposal::Invalidate
    } else {
        Proposal::Nothing
    }
}

/// A probability as people read it: "98%", "99.6%", "more than 99.9%".
pub fn likely(p: f64) -> String {
    let percent = p * 100.0;
    if percent >= 99.95 {
        "more than 99.9%".to_owned()
    } else if percent < 0.05 {
        "less than 0.1%".to_owned()
    } else if !(1.0..99.0).contains(&percent) {
        format!("{percent:.1}%")
    } else {
        format!("{percent:.0}%")
    }
}

/// A rate as a short percentage: "5%", "2.5%", "0.125%".
pub fn short_percent(rate: f64) -> String {
    let text = format!("{:.3}", rate * 100.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}%")
}

/// A rate as a percentage with one decimal: "7.5%".
pub fn percent(rate: f64) -> String {
    format!("{:.1}%", rate * 100.0)
}

impl Verdict {
    /// The verdict in plain words, naming variants with `name`: "A beats B:
    /// 99.6% likely (7.5% vs 2.1%)", then what the target says.
    pub fn words(&self, name: &dyn Fn(&Variant) -> String) -> String {
        let mut out = self.comparison(name);
        if let Some(target) = self.target_words(name) {
            if !out.is_empty() {
                out.push_str(". ");
            }
            out.push_str(&target);
        }
        out
    }

    fn comparison(&self, name: &dyn Fn(&Variant) -> String) -> String {
        let v = &self.variants;
        match &self.decision {
            Decision::Empty => "No results yet".to_owned(),
            Decision::TooFew(i) => format!(
                "Too few to say: {} was shown to {} (at least {MIN_SHOWN} each)",
                name(&v[*i].variant),
                people(v[*i].shown)
            ),
            Decision::Single => format!(
                "{}: {} ({} to {})",
                name(&v[0].variant),
                percent(v[0].rate),
                percent(v[0].low),
                percent(v[0].high)
            ),
            Decision::Decided { winner } => {
                let others: Vec<&VariantVerdict> = v
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| i != winner)
                    .map(|(_, o)| o)
                    .collect();
                let names: Vec<String> = others.iter().map(|o| name(&o.variant)).collect();
                let rates: Vec<String> = others.iter().map(|o| percent(o.rate)).collect();
                format!(
                    "{} beats {}: {} likely ({} vs {})",
                    name(&v[*winner].variant),
                    and_list(&names),
                    likely(v[*winner].p_best),
                    percent(v[*winner].rate),
                    rates.join(", ")
                )
            }
            Decision::Open { more_needed: None } => format!(
                "Not decided: no difference seen (both {})",
                percent(self.leader.map_or(0.0, |i| v[i].rate))
            ),
            Decision::Open {
                more_needed: Some(0),
            } => "Not decided: enough people for a difference this size, yet it is not clear; \
                  it may be smaller than it looks"
                .to_owned(),
            Decision::Open {
                more_needed: Some(n),
            } => format!(
                "Not decided: about {} more people per variant would tell a difference this size",
                thousands(*n)
            ),
        }
    }

    /// "A reaches the 5% target: 98% likely", when there is a target and
    /// enough people to say.
    fn target_words(&self, name: &dyn Fn(&Variant) -> String) -> Option<String> {
        let (target, p, leader) = (self.target?, self.p_target?, self.leader?);
        if matches!(self.decision, Decision::TooFew(_) | Decision::Empty) {
            return None;
        }
        let who = if self.variants.len() == 1 {
            "It".to_owned()
        } else {
            name(&self.variants[leader].variant)
        };
        Some(format!(
            "{who} reaches the {} target: {} likely",
            short_percent(target),
            likely(p)
        ))
    }

    /// The winner, when the numbers decided one (or there is only one).
    pub fn winner(&self) -> Option<usize> {
        match self.decision {
            Decision::Decided { winner } => Some(winner),
            _ => None,
        }
    }
}

fn people(n: u64) -> String {
    if n == 1 {
        "1 person".to_owned()
    } else {
        format!("{n} people")
    }
}

/// "A", "A and B", "A, B and C".
fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// 12345 → "12,345".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;

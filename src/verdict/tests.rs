//! The verdict's numbers against references computed here independently:
//! the Beta densities integrated on a fine grid (no incomplete beta, no
//! gamma function: the density is normalised by its own sum), and closed
//! forms where the distribution has one.

#![allow(clippy::many_single_char_names)]

use super::*;
use crate::canvas::{Rate, TestCard, TestResult, Variant};

/// A test card with results `(shown, converted)` labelled A, B, C, …
fn test_of(rows: &[(u64, u64)], target: Option<f64>) -> TestCard {
    TestCard {
        results: rows
            .iter()
            .enumerate()
            .map(|(i, &(shown, converted))| TestResult {
                variant: Variant::Label(((b'A' + i as u8) as char).to_string()),
                shown,
                converted,
            })
            .collect(),
        target: target.and_then(Rate::new),
        ..TestCard::default()
    }
}

/// The posteriors of some variants tabulated on one midpoint grid over
/// the region where any of them has mass: densities, and CDFs as running
/// sums.
struct Grid {
    x: Vec<f64>,
    step: f64,
    density: Vec<Vec<f64>>,
    cdf: Vec<Vec<f64>>,
}

fn grid(rows: &[(u64, u64)]) -> Grid {
    let params: Vec<(f64, f64)> = rows
        .iter()
        .map(|&(n, c)| (c as f64 + 1.0, (n - c) as f64 + 1.0))
        .collect();
    let (mut lo, mut hi) = (1.0_f64, 0.0_f64);
    for &(a, b) in &params {
        let mean = a / (a + b);
        let sd = (a * b / ((a + b) * (a + b) * (a + b + 1.0))).sqrt();
        lo = lo.min(mean - 16.0 * sd);
        hi = hi.max(mean + 16.0 * sd);
    }
    let (lo, hi) = (lo.max(0.0), hi.min(1.0));
    let n: u32 = 400_000;
    let step = (hi - lo) / f64::from(n);
    let x: Vec<f64> = (0..n).map(|k| lo + (f64::from(k) + 0.5) * step).collect();
    let mut density = Vec::new();
    let mut cdf = Vec::new();
    for &(a, b) in &params {
        let log: Vec<f64> = x
            .iter()
            .map(|&x| (a - 1.0) * x.ln() + (b - 1.0) * (1.0 - x).ln())
            .collect();
        let top = log.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let raw: Vec<f64> = log.iter().map(|l| (l - top).exp()).collect();
        let total: f64 = raw.iter().sum::<f64>() * step;
        let d: Vec<f64> = raw.iter().map(|r| r / total).collect();
        let mut running = 0.0;
        let c: Vec<f64> = d
            .iter()
            .map(|v| {
                let half = v * step / 2.0;
                running += half;
                let here = running;
                running += half;
                here
            })
            .collect();
        density.push(d);
        cdf.push(c);
    }
    Grid {
        x,
        step,
        density,
        cdf,
    }
}

impl Grid {
    fn quantile(&self, i: usize, p: f64) -> f64 {
        let c = &self.cdf[i];
        let k = c.partition_point(|v| *v < p);
        if k == 0 || k >= c.len() {
            return self.x[k.min(c.len() - 1)];
        }
        let t = (p - c[k - 1]) / (c[k] - c[k - 1]);
        self.x[k - 1] + t * (self.x[k] - self.x[k - 1])
    }

    fn p_best(&self, i: usize) -> f64 {
        (0..self.x.len())
            .map(|k| {
                let others: f64 = (0..self.cdf.len())
                    .filter(|j| *j != i)
                    .map(|j| self.cdf[j][k])
                    .product();
                self.density[i][k] * others * self.step
            })
            .sum()
    }

    fn cdf_at(&self, i: usize, x: f64) -> f64 {
        let k = self.x.partition_point(|v| *v < x);
        if k == 0 {
            return 0.0;
        }
        if k >= self.x.len() {
            return 1.0;
        }
        let t = (x - self.x[k - 1]) / (self.x[k] - self.x[k - 1]);
        self.cdf[i][k - 1] + t * (self.cdf[i][k] - self.cdf[i][k - 1])
    }
}

fn close(what: &str, got: f64, want: f64, tolerance: f64) {
    assert!(
        (got - want).abs() <= tolerance,
        "{what}: got {got}, reference {want}"
    );
}

/// Every interval and probability of the verdict against the grid, to 3
/// decimals (intervals to 1e-4, as they are shown to a tenth of a percent).
fn agrees_with_reference(rows: &[(u64, u64)], target: Option<f64>) {
    let v = of(&test_of(rows, target));
    let g = grid(rows);
    for (i, variant) in v.variants.iter().enumerate() {
        close(
            &format!("{rows:?} low {i}"),
            variant.low,
            g.quantile(i, 0.025),
            1e-4,
        );
        close(
            &format!("{rows:?} high {i}"),
            variant.high,
            g.quantile(i, 0.975),
            1e-4,
        );
        if rows.len() > 1 {
            close(
                &format!("{rows:?} p_best {i}"),
                variant.p_best,
                g.p_best(i),
                1e-3,
            );
        }
    }
    if let (Some(t), Some(leader)) = (target, v.leader) {
        let want = 1.0 - g.cdf_at(leader, t);
        close(
            &format!("{rows:?} p_target"),
            v.p_target.unwrap_or(-1.0),
            want,
            1e-3,
        );
    }
    let sum: f64 = v.variants.iter().map(|x| x.p_best).sum();
    close("p_best sums to 1", sum, 1.0, 1e-9);
}

#[test]
fn the_founders_landing_page_agrees_with_the_reference() {
    agrees_with_reference(&[(400, 30), (380, 8)], Some(0.05));
}

#[test]
fn no_conversions_and_all_conversions_agree_with_the_reference() {
    agrees_with_reference(&[(50, 0), (60, 3)], Some(0.02));
    agrees_with_reference(&[(20, 20), (20, 15)], Some(0.9));
    agrees_with_reference(&[(30, 0), (30, 0)], None);
}

#[test]
fn one_person_agrees_with_the_reference_and_is_too_few() {
    agrees_with_reference(&[(1, 1), (1, 0)], Some(0.5));
    let v = of(&test_of(&[(1, 1), (1, 0)], None));
    assert_eq!(v.decision, Decision::TooFew(0));
    // Beta(2, 1) is better than Beta(1, 2) with probability 5/6.
    close("1 of 1 vs 0 of 1", v.variants[0].p_best, 5.0 / 6.0, 1e-9);
}

#[test]
fn a_hundred_thousand_people_agree_with_the_reference() {
    agrees_with_reference(&[(100_000, 5_000), (100_000, 5_150)], Some(0.05));
    agrees_with_reference(&[(100_000, 30_000), (100, 30)], None);
    agrees_with_reference(&[(100_000, 99_990), (100_000, 99_980)], None);
}

#[test]
fn three_and_four_variants_agree_with_the_reference() {
    agrees_with_reference(&[(400, 30), (380, 8), (390, 25)], Some(0.05));
    agrees_with_reference(&[(100, 10), (100, 12), (100, 9), (100, 15)], Some(0.1));
    agrees_with_reference(&[(100_000, 5_000), (50, 4), (10, 0), (2_000, 110)], None);
}

#[test]
fn closed_forms_hold_at_the_extremes() {
    // Beta(1, n + 1) (no conversions) has CDF 1 − (1 − x)^(n+1); Beta(n + 1, 1)
    // (all converted) has CDF x^(n+1).
    for n in [0_u64, 1, 9, 400, 100_000] {
        let none = of(&test_of(&[(n, 0)], None));
        let all = of(&test_of(&[(n, n)], None));
        let m = n as f64 + 1.0;
        for (p, got_none, got_all) in [
            (0.025_f64, none.variants[0].low, all.variants[0].low),
            (0.975, none.variants[0].high, all.variants[0].high),
        ] {
            close(
                &format!("0 of {n} at {p}"),
                got_none,
                1.0 - (1.0 - p).powf(1.0 / m),
                1e-12,
            );
            close(
                &format!("{n} of {n} at {p}"),
                got_all,
                p.powf(1.0 / m),
                1e-12,
            );
        }
    }
    // Identical variants are each best with probability 1/k.
    for k in 2..=4 {
        let rows = vec![(500, 40); k];
        let v = of(&test_of(&rows, None));
        for x in &v.variants {
            close(&format!("{k} identical"), x.p_best, 1.0 / k as f64, 1e-6);
        }
    }
}

#[test]
fn the_founders_test_is_decided_and_reaches_its_target() {
    let v = of(&test_of(&[(400, 30), (380, 8)], Some(0.05)));
    assert_eq!(v.decision, Decision::Decided { winner: 0 });
    assert_eq!(v.proposal, Proposal::Validate, "98% likely to reach 5%");
    let name = |variant: &Variant| match variant {
        Variant::Label(l) => l.clone(),
        Variant::Statement(id) => id.to_string(),
    };
    let words = v.words(&name);
    assert!(
        words.starts_with("A beats B: more than 99.9% likely (7.5% vs 2.1%)"),
        "{words}"
    );
    assert!(
        words.ends_with(". A reaches the 5% target: 99% likely"),
        "{words}"
    );
}

#[test]
fn a_winner_sure_to_reach_the_target_is_proposed_for_validation() {
    let v = of(&test_of(&[(400, 60), (380, 8)], Some(0.05)));
    assert_eq!(v.proposal, Proposal::Validate);
    let v = of(&test_of(&[(400, 4), (380, 3)], Some(0.05)));
    assert_eq!(v.proposal, Proposal::Invalidate);
    let v = of(&test_of(&[(400, 30), (380, 28)], None));
    assert_eq!(v.proposal, Proposal::Nothing);
}

#[test]
fn more_needed_follows_the_sample_size_formula() {
    // 10% vs 5%, 95% two-sided and 80% power: the textbook 435 per group
    // (434.4 rounded up), less the 100 already shown each.
    let v = of(&test_of(&[(100, 10), (100, 5)], None));
    assert_eq!(
        v.decision,
        Decision::Open {
            more_needed: Some(335)
        }
    );
    let name = |_: &Variant| String::new();
    assert!(v.words(&name).contains("about 335 more people per variant"));
    // Equal rates: no difference to tell, and no division by zero.
    let v = of(&test_of(&[(200, 10), (200, 10)], None));
    assert_eq!(v.decision, Decision::Open { more_needed: None });
    assert!(v.words(&name).contains("no difference seen (both 5.0%)"));
    let v = of(&test_of(&[(200, 0), (300, 0)], None));
    assert_eq!(v.decision, Decision::Open { more_needed: None });
}

#[test]
fn fewer_than_ten_people_is_too_few_to_say() {
    let v = of(&test_of(&[(400, 30), (9, 1)], Some(0.05)));
    assert_eq!(v.decision, Decision::TooFew(1));
    let name = |variant: &Variant| match variant {
        Variant::Label(l) => l.clone(),
        Variant::Statement(_) => String::new(),
    };
    assert_eq!(
        v.words(&name),
        "Too few to say: B was shown to 9 people (at least 10 each)"
    );
    assert_eq!(of(&test_of(&[], None)).decision, Decision::Empty);
}

#[test]
fn probabilities_read_as_people_say_them() {
    assert_eq!(likely(0.996), "99.6%");
    assert_eq!(likely(0.98), "98%");
    assert_eq!(likely(0.9996), "more than 99.9%");
    assert_eq!(likely(0.004), "0.4%");
    assert_eq!(likely(0.0), "less than 0.1%");
    assert_eq!(thousands(1_234_567), "1,234,567");
    assert_eq!(thousands(999), "999");
}

#[test]
fn a_statement_wins_only_a_decided_test() {
    let mut canvas = crate::canvas::Canvas::default();
    let a = canvas.add_statement("A", "a");
    let b = canvas.add_statement("B", "b");
    let row = TestResult::statement;
    canvas.add_test(TestCard {
        statements: vec![a, b],
        results: vec![row(a, 400, 30), row(b, 380, 8)],
        ..TestCard::default()
    });
    assert_eq!(won_by(&canvas, a).len(), 1);
    assert!(won_by(&canvas, b).is_empty());
    canvas.tests[0].results[1].converted = 28;
    assert!(won_by(&canvas, a).is_empty(), "not decided");
}

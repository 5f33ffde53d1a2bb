//! The Beta distribution, as far as the verdict needs it: its CDF (the
//! regularized incomplete beta function, by its continued fraction), its
//! quantiles, its density, and the probability that one of several Beta
//! variables is the largest. Our own code rather than a crate's: the verdict
//! must stay exact at 100,000 people (a continued fraction with a small fixed
//! number of terms does not), and fast enough to draw every frame (a generic
//! quantile by bisection over a slow CDF is not).

// The formulas are written with the letters of their textbook form (a, b,
// x, c, d, h, m); their parameters are whole numbers of people, so the
// casts between counts and floats are exact and never negative.
#![allow(clippy::many_single_char_names, clippy::cast_sign_loss)]

/// ln Γ(x) for x > 0: Stirling's series once x is at least 10, the
/// recurrence Γ(x) = Γ(x + 1) / x below. Good to about 1e-15 relative.
pub fn ln_gamma(x: f64) -> f64 {
    let mut shift = 0.0;
    let mut x = x;
    while x < 10.0 {
        shift += x.ln();
        x += 1.0;
    }
    let inv = 1.0 / x;
    let inv2 = inv * inv;
    let series = inv
        * (1.0 / 12.0
            - inv2 * (1.0 / 360.0 - inv2 * (1.0 / 1260.0 - inv2 * (1.0 / 1680.0 - inv2 / 1188.0))));
    (x - 0.5) * x.ln() - x + 0.5 * (2.0 * std::f64::consts::PI).ln() + series - shift
}

/// ln B(a, b).
pub fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

/// The density of Beta(a, b) at x (0 outside the open interval).
pub fn density(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 || x >= 1.0 {
        return 0.0;
    }
    ((a - 1.0) * x.ln() + (b - 1.0) * (1.0 - x).ln() - ln_beta(a, b)).exp()
}

/// The CDF of Beta(a, b) at x: `I_x(a, b)`.
pub fn cdf(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    // x^a (1-x)^b / B(a, b), the factor in front of the continued fraction.
    let front = (a * x.ln() + b * (1.0 - x).ln() - ln_beta(a, b)).exp();
    // The fraction converges fast on the side of the mean nearer zero.
    if x < (a + 1.0) / (a + b + 2.0) {
        (front * continued_fraction(a, b, x) / a).clamp(0.0, 1.0)
    } else {
        (1.0 - front * continued_fraction(b, a, 1.0 - x) / b).clamp(0.0, 1.0)
    }
}

/// The continued fraction of the incomplete beta function, evaluated by the
/// modified Lentz method. Its number of terms grows with √max(a, b), so the
/// limit is generous: a few hundred terms suffice at 100,000 people.
fn continued_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    const EPS: f64 = 1e-15;
    let nonzero = |v: f64| if v.abs() < TINY { TINY } else { v };
    let mut c = 1.0;
    let mut d = 1.0 / nonzero(1.0 - (a + b) * x / (a + 1.0));
    let mut h = d;
    for m in 1..=20_000 {
        let m = f64::from(m);
        let two_m = 2.0 * m;
        // The even step.
        let num = m * (b - m) * x / ((a + two_m - 1.0) * (a + two_m));
        d = 1.0 / nonzero(1.0 + num * d);
        c = nonzero(1.0 + num / c);
        h *= d * c;
        // The odd step.
        let num = -(a + m) * (a + b + m) * x / ((a + two_m) * (a + two_m + 1.0));
        d = 1.0 / nonzero(1.0 + num * d);
        c = nonzero(1.0 + num / c);
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() < EPS {
            break;
        }
    }
    h
}

/// The quantile of Beta(a, b): the x with `I_x(a, b)` = p, by bisection (the
/// CDF is monotone, so this always converges, to about 1e-16).
pub fn quantile(a: f64, b: f64, p: f64) -> f64 {
    if p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    let (mut low, mut high) = (0.0_f64, 1.0_f64);
    for _ in 0..200 {
        let mid = 0.5 * (low + high);
        if mid <= low || mid >= high {
            break;
        }
        if cdf(a, b, mid) < p {
            low = mid;
        } else {
            high = mid;
        }
    }
    0.5 * (low + high)
}

/// P(Y > X) for X ~ Beta(a1, b1), Y ~ Beta(a2, b2), `a2` a whole number:
/// the closed form Σ_{i<a2} B(a1+i, b1+b2) / ((b2+i) B(1+i, b2) B(a1, b1)).
/// Each term is the one before times (a1+i)(b2+i) / ((a1+b1+b2+i)(1+i)),
/// summed in logarithms so that no term underflows; the terms rise and then
/// fall, so the sum stops once they no longer count.
fn p_greater_closed(a1: f64, b1: f64, a2: f64, b2: f64) -> f64 {
    let terms = a2.round() as u64;
    let mut log_term = ln_beta(a1, b1 + b2) - ln_beta(a1, b1);
    let mut log_max = log_term;
    let mut scaled_sum = 0.0;
    for i in 0..terms {
        if log_term > log_max {
            scaled_sum *= (log_max - log_term).exp();
            log_max = log_term;
        }
        let rel = log_term - log_max;
        if rel < -50.0 && i > 0 && log_term < log_max {
            // Past the peak and negligible: every later term is smaller.
            let i = i as f64;
            if (a1 + i) * (b2 + i) < (a1 + b1 + b2 + i) * (1.0 + i) {
                break;
            }
        }
        scaled_sum += rel.exp();
        let i = i as f64;
        log_term += ((a1 + i) * (b2 + i)).ln() - ((a1 + b1 + b2 + i) * (1.0 + i)).ln();
    }
    (log_max + scaled_sum.ln()).exp().clamp(0.0, 1.0)
}

/// P(Y > X) for two Beta variables with whole-number parameters, exactly
/// (to rounding): the closed form summed over the one with the smaller
/// first parameter.
pub fn p_greater(x: (f64, f64), y: (f64, f64)) -> f64 {
    if y.0 <= x.0 {
        p_greater_closed(x.0, x.1, y.0, y.1)
    } else {
        1.0 - p_greater_closed(y.0, y.1, x.0, x.1)
    }
}

/// The probability that each of several Beta variables is the largest:
/// `∫ f_i(x) Π_{j≠i} F_j(x) dx`, by Gauss–Legendre quadrature on pieces cut at
/// many quantiles of every variable, so that no density or CDF changes much
/// within a piece however narrow or wide each posterior is. Deterministic,
/// and good to far better than 3 decimals.
pub fn p_best_all(params: &[(f64, f64)]) -> Vec<f64> {
    const LEVELS: [f64; 19] = [
        1e-13,
        1e-10,
        1e-7,
        1e-5,
        1e-3,
        0.01,
        0.05,
        0.15,
        0.3,
        0.5,
        0.7,
        0.85,
        0.95,
        0.99,
        0.999,
        0.99999,
        0.999_999_9,
        0.999_999_999_9,
        0.999_999_999_999_9,
    ];
    let mut cuts: Vec<f64> = params
        .iter()
        .flat_map(|&(a, b)| LEVELS.iter().map(move |&p| quantile(a, b, p)))
        .collect();
    cuts.sort_by(f64::total_cmp);
    cuts.dedup();
    let (nodes, weights) = gauss_legendre(12);
    let mut totals = vec![0.0; params.len()];
    for piece in cuts.windows(2) {
        let (lo, hi) = (piece[0], piece[1]);
        let half = 0.5 * (hi - lo);
        if half <= 0.0 {
            continue;
        }
        for (node, weight) in nodes.iter().zip(&weights) {
            let x = lo + half * (1.0 + node);
            let cdfs: Vec<f64> = params.iter().map(|&(a, b)| cdf(a, b, x)).collect();
            for (i, &(a, b)) in params.iter().enumerate() {
                let others: f64 = cdfs
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, f)| f)
                    .product();
                totals[i] += weight * half * density(a, b, x) * others;
            }
        }
    }
    // The mass outside the outermost cuts is below 1e-12: share it out.
    let sum: f64 = totals.iter().sum();
    if sum > 0.0 {
        for t in &mut totals {
            *t /= sum;
        }
    }
    totals
}

/// The nodes and weights of n-point Gauss–Legendre quadrature on [-1, 1],
/// found by Newton's method on the Legendre polynomial from the usual
/// starting guesses.
fn gauss_legendre(n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut nodes = vec![0.0; n];
    let mut weights = vec![0.0; n];
    let nf = n as f64;
    for i in 0..n.div_ceil(2) {
        let mut z = (std::f64::consts::PI * (i as f64 + 0.75) / (nf + 0.5)).cos();
        let mut derivative = 1.0;
        for _ in 0..100 {
            // P_n(z) by the three-term recurrence, and its derivative.
            let (mut p0, mut p1) = (1.0, z);
            for k in 2..=n {
                let k = k as f64;
                let p2 = ((2.0 * k - 1.0) * z * p1 - (k - 1.0) * p0) / k;
                p0 = p1;
                p1 = p2;
            }
            derivative = nf * (z * p1 - p0) / (z * z - 1.0);
            let step = p1 / derivative;
            z -= step;
            if step.abs() < 1e-15 {
                break;
            }
        }
        let w = 2.0 / ((1.0 - z * z) * derivative * derivative);
        nodes[i] = -z;
        nodes[n - 1 - i] = z;
        weights[i] = w;
        weights[n - 1 - i] = w;
    }
    (nodes, weights)
}

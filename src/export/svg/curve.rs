//! The value curve as a 16:9 slide (SPEC §12, `export --format svg --view
//! curve`): the factors along the bottom, each named in full (wrapped, the
//! type shrunk before anything is cut), the score 0–10 up the side, one line
//! per offer with its own marker shape and dash pattern so it reads without
//! colour, ours thickest. Every text sits in a box (`g.section` with its
//! bounds, as the canvas picture's do) that the browser test measures.

use std::fmt::Write as _;

use crate::canvas::Canvas;
use crate::compare::{Comparison, Factor, analyze};
use crate::export::font::{FAMILY_STACK, Metrics, Weight};

use super::flow::{LINE, wrap_plain};
use super::{HEIGHT, WIDTH, escape_text, length, n};

const INK: &str = "#1f2328";
const MUTED: &str = "#57606a";
const GRID: &str = "#d0d7de";
/// Ours first, then each alternative's colour, shape and dashes in turn.
const COLOURS: [&str; 6] = [
    "#0b5cad", "#8a5a00", "#6e40c9", "#1a7f37", "#c62828", "#57606a",
];
const DASHES: [&str; 6] = ["", "14 8", "4 6", "18 6 4 6", "2 4", "10 4 2 4"];

/// The plot's box: scores from `bottom` (0) to `top` (10).
const PLOT: (f32, f32, f32, f32) = (170.0, 250.0, 1440.0, 760.0);
/// The legend's box, right of the plot.
const LEGEND: (f32, f32, f32, f32) = (1490.0, 250.0, 1860.0, 1040.0);
/// The factors' names, under the plot.
const LABELS: (f32, f32) = (790.0, 1040.0);

/// The curve of a canvas as a standalone SVG document.
pub fn curve_svg(canvas: &Canvas) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&curve_element(canvas));
    out
}

/// The `<svg>` element alone, to place inside an HTML page.
pub fn curve_element(canvas: &Canvas) -> String {
    let metrics = Metrics::new();
    let comparison = analyze(canvas);
    let mut o = String::with_capacity(16 * 1024);
    let _ = writeln!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" font-family=\"{FAMILY_STACK}\" role=\"img\" class=\"value-curve\">",
        w = n(WIDTH),
        h = n(HEIGHT)
    );
    let _ = writeln!(
        o,
        "<title>Value curve: {}</title>",
        escape_text(&canvas.title)
    );
    let _ = writeln!(
        o,
        "<desc>How well our offer and each alternative do on the customer's jobs, pains and gains, most important first. Drawn by vpcanvas.</desc>"
    );
    let _ = writeln!(
        o,
        "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>",
        n(WIDTH),
        n(HEIGHT)
    );
    header(&mut o, &metrics, canvas, &comparison);
    if comparison.factors.is_empty() {
        let note = "No jobs, pains or gains yet: the factors come from the customer profile.";
        let (lines, size) = fitted(&metrics, note, (1800.0, 100.0), 30.0, Weight::Regular);
        let style = (MUTED, Weight::Regular);
        boxed(
            &mut o,
            &metrics,
            "empty",
            (60.0, 300.0, 1860.0, 400.0),
            &lines,
            size,
            style,
        );
    } else {
        axes(&mut o, &metrics, &comparison);
        for offer in (0..=comparison.alternatives.len()).rev() {
            line_of(&mut o, &comparison, offer);
        }
        legend(&mut o, &metrics, &comparison);
    }
    o.push_str("</svg>\n");
    o
}

fn header(o: &mut String, metrics: &Metrics, canvas: &Canvas, comparison: &Comparison) {
    let title = if canvas.title.trim().is_empty() {
        "Against the alternatives".to_owned()
    } else {
        format!("Against the alternatives: {}", canvas.title.trim())
    };
    let (lines, size) = fitted(metrics, &title, (1800.0, 60.0), 40.0, Weight::Bold);
    let bounds = (60.0, 40.0, 1860.0, 100.0);
    boxed(
        o,
        metrics,
        "title",
        bounds,
        &lines,
        size,
        (INK, Weight::Bold),
    );
    let verdict = comparison.verdict();
    let (lines, size) = fitted(metrics, &verdict, (1800.0, 90.0), 28.0, Weight::Regular);
    let bounds = (60.0, 110.0, 1860.0, 200.0);
    boxed(
        o,
        metrics,
        "verdict",
        bounds,
        &lines,
        size,
        (MUTED, Weight::Regular),
    );
}

/// Wraps `text` into a box `width` × `height`, shrinking the type (down to
/// 60%) before cutting the last line that fits with "…": (lines, size).
fn fitted(
    metrics: &Metrics,
    text: &str,
    (width, height): (f32, f32),
    size: f32,
    weight: Weight,
) -> (Vec<String>, f32) {
    // A line's ink reaches a little below its line box: keep room for it.
    let fits = |s: f32| {
        let lines = ((height - 0.4 * s) / (LINE * s)).floor().max(1.0);
        // At least 1, and a box is never thousands of lines tall.
        (1..=64).take_while(|k| *k as f32 <= lines).count().max(1)
    };
    let mut s = size;
    loop {
        let lines = wrap_plain(metrics, text, s, weight, width);
        if lines.len() <= fits(s) {
            return (lines, s);
        }
        if s * 0.9 < size * 0.6 {
            return (cut(metrics, lines, fits(s), (width, s), weight), s);
        }
        s *= 0.9;
    }
}

/// The first `keep` lines, the last ending in "…" within `width`.
fn cut(
    metrics: &Metrics,
    lines: Vec<String>,
    keep: usize,
    (width, size): (f32, f32),
    weight: Weight,
) -> Vec<String> {
    let mut kept: Vec<String> = lines.into_iter().take(keep).collect();
    if let Some(last) = kept.last_mut() {
        let mut chars: Vec<char> = last.chars().collect();
        loop {
            let line = format!("{} …", chars.iter().collect::<String>().trim_end());
            if metrics.width(&line, size, weight) <= width || chars.is_empty() {
                *last = line;
                break;
            }
            chars.pop();
        }
    }
    kept
}

/// Lines of text from the top of a box, in a `g.section` that carries the
/// box's bounds for the browser's measurement.
fn boxed(
    o: &mut String,
    metrics: &Metrics,
    name: &str,
    (x0, y0, x1, y1): (f32, f32, f32, f32),
    lines: &[String],
    size: f32,
    (fill, weight): (&str, Weight),
) {
    let bold = if weight == Weight::Bold {
        " font-weight=\"bold\""
    } else {
        ""
    };
    let _ = writeln!(
        o,
        "<g class=\"section\" data-section=\"{name}\" data-x0=\"{}\" data-y0=\"{}\" data-x1=\"{}\" data-y1=\"{}\">",
        n(x0),
        n(y0),
        n(x1),
        n(y1)
    );
    for (k, line) in lines.iter().enumerate() {
        let baseline = y0 + size * (0.99 + LINE * k as f32);
        let _ = writeln!(
            o,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{bold} fill=\"{fill}\"{}>{}</text>",
            n(x0),
            n(baseline),
            n(size),
            length(metrics.width(line, size, weight)),
            escape_text(line)
        );
    }
    o.push_str("</g>\n");
}

fn y_of(score: u8) -> f32 {
    let (_, top, _, bottom) = PLOT;
    bottom - (bottom - top) * f32::from(score) / 10.0
}

fn slot(comparison: &Comparison) -> f32 {
    let (left, _, right, _) = PLOT;
    (right - left) / comparison.factors.len().max(1) as f32
}

/// The score lines (0, 5, 10) and each factor's name in its slot.
fn axes(o: &mut String, metrics: &Metrics, comparison: &Comparison) {
    let (left, _, right, _) = PLOT;
    for s in [0u8, 5, 10] {
        let y = y_of(s);
        let _ = writeln!(
            o,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{GRID}\" stroke-width=\"2\"/>",
            n(left),
            n(y),
            n(right),
            n(y)
        );
        let label = s.to_string();
        let bounds = (110.0, y - 16.0, 160.0, y + 16.0);
        boxed(
            o,
            metrics,
            "score",
            bounds,
            &[label],
            26.0,
            (MUTED, Weight::Regular),
        );
    }
    let w = slot(comparison);
    let (top, bottom) = LABELS;
    for (k, f) in comparison.factors.iter().enumerate() {
        let x0 = left + w * k as f32;
        let text = format!(
            "{} {}",
            k + 1,
            f.text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        let room = ((w - 16.0).max(10.0), bottom - top);
        let (lines, size) = fitted(metrics, &text, room, 24.0, Weight::Regular);
        let bounds = (x0 + 6.0, top, x0 + w - 6.0, bottom);
        boxed(
            o,
            metrics,
            "factor",
            bounds,
            &lines,
            size,
            (INK, Weight::Regular),
        );
    }
}

/// One offer's line: a polyline per run of scored factors, its marker at
/// each point, offset a little so offers on one score never hide each other.
fn line_of(o: &mut String, comparison: &Comparison, offer: usize) {
    let offers = comparison.alternatives.len() + 1;
    let colour = COLOURS[offer % COLOURS.len()];
    let dash = DASHES[offer % DASHES.len()];
    let width = if offer == 0 { 6.0 } else { 3.0 };
    let spread = (slot(comparison) * 0.6).min(16.0 * offers as f32);
    let offset = if offers > 1 {
        spread * (offer as f32 / (offers - 1) as f32 - 0.5)
    } else {
        0.0
    };
    let points: Vec<Option<(f32, f32)>> = comparison
        .factors
        .iter()
        .enumerate()
        .map(|(k, f)| {
            score_of(f, offer).map(|s| {
                (
                    PLOT.0 + slot(comparison) * (k as f32 + 0.5) + offset,
                    y_of(s),
                )
            })
        })
        .collect();
    let _ = writeln!(o, "<g class=\"offer\" data-offer=\"{offer}\">");
    for run in points.split(Option::is_none) {
        let run: Vec<(f32, f32)> = run.iter().flatten().copied().collect();
        if run.len() > 1 {
            let pts: Vec<String> = run
                .iter()
                .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
                .collect();
            let dashes = if dash.is_empty() {
                String::new()
            } else {
                format!(" stroke-dasharray=\"{dash}\"")
            };
            let _ = writeln!(
                o,
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{}\"{dashes}/>",
                pts.join(" "),
                n(width)
            );
        }
    }
    for (x, y) in points.into_iter().flatten() {
        o.push_str(&marker(offer, x, y, 12.0, colour));
    }
    o.push_str("</g>\n");
}

fn score_of(f: &Factor, offer: usize) -> Option<u8> {
    if offer == 0 {
        f.ours
    } else {
        f.theirs.get(offer - 1).copied().flatten()
    }
}

/// Offer `n`'s marker at (x, y): a disc for ours, then a diamond, a
/// triangle, a square, a triangle pointing down, a ring.
fn marker(offer: usize, x: f32, y: f32, r: f32, colour: &str) -> String {
    let shape = if offer == 0 { 0 } else { 1 + (offer - 1) % 5 };
    let p = |pts: &[(f32, f32)]| {
        let d: Vec<String> = pts
            .iter()
            .map(|(dx, dy)| format!("{},{}", n(x + dx * r), n(y + dy * r)))
            .collect();
        format!("<polygon points=\"{}\" fill=\"{colour}\"/>\n", d.join(" "))
    };
    match shape {
        0 => format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{colour}\" stroke=\"#ffffff\" stroke-width=\"2\"/>\n",
            n(x),
            n(y),
            n(r)
        ),
        1 => p(&[(0.0, -1.2), (1.2, 0.0), (0.0, 1.2), (-1.2, 0.0)]),
        2 => p(&[(0.0, -1.2), (1.1, 0.9), (-1.1, 0.9)]),
        3 => p(&[(-0.9, -0.9), (0.9, -0.9), (0.9, 0.9), (-0.9, 0.9)]),
        4 => p(&[(-1.1, -0.9), (1.1, -0.9), (0.0, 1.2)]),
        _ => format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#ffffff\" stroke=\"{colour}\" stroke-width=\"4\"/>\n",
            n(x),
            n(y),
            n(r * 0.8)
        ),
    }
}

/// Each offer's marker, a short stroke of its line and its name (wrapped).
fn legend(o: &mut String, metrics: &Metrics, comparison: &Comparison) {
    let (x0, mut y, x1, bottom) = LEGEND;
    let size = 26.0;
    for offer in 0..=comparison.alternatives.len() {
        let name = if offer == 0 {
            "Ours"
        } else {
            comparison.alternatives[offer - 1].as_str()
        };
        let room = (x1 - x0 - 60.0, 2.0 * LINE * size + 1.0);
        let (lines, s) = fitted(metrics, name, room, size, Weight::Regular);
        let height = s * (LINE * lines.len() as f32 + 0.4);
        if y + height > bottom {
            break;
        }
        let colour = COLOURS[offer % COLOURS.len()];
        o.push_str(&marker(offer, x0 + 20.0, y + s * 0.6, 11.0, colour));
        let bounds = (x0 + 50.0, y, x1, y + height);
        boxed(
            o,
            metrics,
            "legend",
            bounds,
            &lines,
            s,
            (INK, Weight::Regular),
        );
        y += height + 18.0;
    }
}

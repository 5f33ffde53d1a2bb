//! Where everything goes on the page: the header, the value map's square and
//! the customer profile's circle with their sections, the coverage between
//! them, and the footer. The item text size is the largest that lets every
//! section hold every item whole.

use crate::canvas::{Canvas, ItemId, Section, Status};
use crate::export::font::{Metrics, Weight};
use crate::export::one_line;
use crate::fit::{Coverage, FitReport};

use super::flow::{Area, Placed, Shape, Side, wrap_plain};
use super::refs::{LinkForm, link_form};
use super::typeset::fit_sections;

/// The page, in user units: a 16:9 slide.
pub const WIDTH: f32 = 1920.0;
pub const HEIGHT: f32 = 1080.0;
const MARGIN: f32 = 40.0;
/// The least room between the square and the circle, for the coverage.
const BRIDGE: f32 = 190.0;
/// Inside a section, text keeps this far from its outline.
pub(super) const PAD: f32 = 16.0;
/// The item text sizes tried, largest first (then smaller still, by tenths).
pub(super) const SIZES: [f32; 16] = [
    22.0, 21.0, 20.0, 19.0, 18.0, 17.0, 16.0, 15.0, 14.0, 13.5, 13.0, 12.5, 12.0, 11.5, 11.0, 10.5,
];

/// How much larger a sparse section's text may be than the densest's.
pub(super) const SPREAD: f32 = 1.25;
/// The marker column before an item (its fit flag), in ems.
pub const FLAG_COLUMN: f32 = 1.2;
/// Space between the markers and the text, in ems.
pub(super) const GUTTER_GAP: f32 = 0.4;
/// The width of the level dots after a label, in ems.
pub const DOTS_WIDTH: f32 = 1.55;
/// The width of the evidence marker's column, in ems (only when the canvas
/// records any evidence).
pub const STATUS_COLUMN: f32 = 1.0;
/// The width of a value-map item's bullet column, in ems.
pub const BULLET_COLUMN: f32 = 0.8;

/// One line of text anywhere on the page.
#[derive(Debug, Clone)]
pub struct TextLine {
    pub x: f32,
    pub baseline: f32,
    pub size: f32,
    pub weight: Weight,
    pub muted: bool,
    pub text: String,
    pub width: f32,
}

/// A fit flag on an item: shape and colour both say which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// A pain no reliever addresses, or a gain no creator produces.
    Gap,
    /// A reliever or creator that addresses nothing, or a job no product helps.
    Idle,
}

/// A section's outline, as drawn, and the circle it is part of (if any).
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub disc: Option<(f32, f32, f32)>,
}

#[derive(Debug, Clone)]
pub struct ItemPic {
    pub id: ItemId,
    /// The whole text, on one line.
    pub text: String,
    pub placed: Placed,
    pub flag: Option<Flag>,
    /// The number a reader matches across the halves, e.g. "P1".
    pub label: Option<String>,
    /// The level's weight (3, 2, 1) for customer items.
    pub level: Option<u32>,
    /// What the evidence says of the assumption the item states.
    pub status: Status,
}

#[derive(Debug, Clone)]
pub struct SectionPic {
    pub section: Section,
    pub bounds: Bounds,
    pub title: Placed,
    pub title_size: f32,
    pub items: Vec<ItemPic>,
    /// "Nothing here yet", for an empty section.
    pub empty: Option<Placed>,
    /// The width of the label tags in this section (so texts align).
    pub label_width: f32,
    /// The item text size in this section.
    pub size: f32,
    /// Where an item's evidence marker goes, from the item's left edge;
    /// `None` when the canvas records no evidence at all.
    pub status_at: Option<f32>,
}

/// The coverage drawn between facing sections, with an arrow.
#[derive(Debug, Clone)]
pub struct Bridge {
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
    pub lines: Vec<TextLine>,
}

/// Everything to draw.
#[derive(Debug, Clone)]
pub struct Picture {
    /// The canvas title, whole, for the document's title.
    pub title: String,
    pub header: Vec<TextLine>,
    pub half_titles: Vec<TextLine>,
    /// The square: left, top, side.
    pub square: (f32, f32, f32),
    /// The circle: centre and radius.
    pub circle: (f32, f32, f32),
    pub sections: Vec<SectionPic>,
    pub bridges: Vec<Bridge>,
    pub footer: Vec<TextLine>,
    /// The baseline of the legend row.
    pub legend: (f32, f32),
    /// Whether any item has a status, so the key explains the markers.
    pub evidence: bool,
    /// Whether links are numbered or, too many to number, counted.
    pub links: LinkForm,
}

/// The label prefix of a customer section's items.
pub fn label_prefix(section: Section) -> Option<&'static str> {
    match section {
        Section::Jobs => Some("J"),
        Section::Pains => Some("P"),
        Section::Gains => Some("G"),
        _ => None,
    }
}

/// The label of the customer item at `index` of `section`, e.g. "P1".
pub(super) fn label(section: Section, index: usize) -> Option<String> {
    label_prefix(section).map(|p| format!("{p}{}", index + 1))
}

/// Lays out a canvas.
/// The title (smaller when long), the segment and the alternatives, from
/// the top: the canvas's title as one line, the lines, and where they end.
fn header(canvas: &Canvas, metrics: &Metrics, text_width: f32) -> (String, Vec<TextLine>, f32) {
    let title = crate::text::clean(&one_line(&canvas.title));
    let title = if title.is_empty() {
        "Untitled canvas".to_owned()
    } else {
        title
    };
    let mut header = Vec::new();
    let mut y = MARGIN;
    let (title_size, title_lines) = [36.0, 28.0, 22.0, 16.0]
        .into_iter()
        .map(|s| (s, wrap_plain(metrics, &title, s, Weight::Bold, text_width)))
        .find(|(_, l)| l.len() <= 2)
        .unwrap_or_else(|| {
            (
                12.0,
                wrap_plain(metrics, &title, 12.0, Weight::Bold, text_width),
            )
        });
    push_lines(
        &mut header,
        metrics,
        &title_lines,
        &mut y,
        title_size,
        Weight::Bold,
        false,
    );
    y += 6.0;
    let mut meta = Vec::new();
    let segment = crate::text::clean(&one_line(&canvas.segment));
    if !segment.is_empty() {
        meta.push(format!("Customer segment: {segment}"));
    }
    let alternatives: Vec<String> = canvas
        .alternatives
        .iter()
        .map(|a| crate::text::clean(&one_line(a)))
        .filter(|a| !a.is_empty())
        .collect();
    if !alternatives.is_empty() {
        meta.push(format!("Alternatives today: {}", alternatives.join(", ")));
    }
    for line in meta {
        let size = if line.chars().count() > 600 {
            12.0
        } else {
            18.0
        };
        let lines = wrap_plain(metrics, &line, size, Weight::Regular, text_width);
        push_lines(
            &mut header,
            metrics,
            &lines,
            &mut y,
            size,
            Weight::Regular,
            true,
        );
    }
    (title, header, y + 8.0)
}

pub fn layout(canvas: &Canvas, report: &FitReport, metrics: &Metrics) -> Picture {
    let text_width = WIDTH - 2.0 * MARGIN;
    let (title, header, header_bottom) = header(canvas, metrics, text_width);

    // The footer, from the bottom up: the legend row, then the fit summary.
    let legend_baseline = HEIGHT - MARGIN + 4.0;
    let (footer, footer_top) = footer(report, metrics, text_width, legend_baseline);

    // The two shapes, side by side and centred, as large as the room allows.
    let half_title_size = 21.0;
    let main_top = header_bottom + half_title_size * 1.6;
    let main_bottom = footer_top - 14.0;
    let side = (main_bottom - main_top).clamp(200.0, (WIDTH - 2.0 * MARGIN - BRIDGE) / 2.0);
    let gap = (WIDTH - 2.0 * MARGIN - 2.0 * side).clamp(BRIDGE, 300.0);
    let xs = (WIDTH - (2.0 * side + gap)) / 2.0;
    let ys = main_top + ((main_bottom - main_top) - side).max(0.0) / 2.0;
    let r = side / 2.0;
    let (cx, cy) = (xs + side + gap + r, ys + r);

    let half_titles = vec![
        centred(
            metrics,
            "Value map",
            xs + side / 2.0,
            ys - 12.0,
            half_title_size,
        ),
        centred(metrics, "Customer profile", cx, ys - 12.0, half_title_size),
    ];

    let regions = regions(xs, ys, side, cx, cy, r);
    let evidence = canvas
        .all_items()
        .any(|(_, i)| i.status != Status::Untested);
    let links = link_form(canvas);
    let sections = fit_sections(canvas, report, metrics, &regions, evidence, links);

    let bridges = bridges(metrics, report, (xs, ys, side), (cx, cy, r));

    Picture {
        title,
        header,
        half_titles,
        square: (xs, ys, side),
        circle: (cx, cy, r),
        sections: sections.0,
        bridges,
        footer,
        legend: (MARGIN, legend_baseline),
        evidence,
        links,
    }
}

/// The fit summary above the legend row, wrapped; with where it starts.
fn footer(
    report: &FitReport,
    metrics: &Metrics,
    text_width: f32,
    legend_baseline: f32,
) -> (Vec<TextLine>, f32) {
    let summary = fit_sentence(report);
    let summary_lines = wrap_plain(metrics, &summary, 17.0, Weight::Regular, text_width);
    let summary_height = summary_lines.len() as f32 * 17.0 * 1.35;
    let mut fy = legend_baseline - 30.0 - summary_height;
    let footer_top = fy;
    let mut footer = Vec::new();
    push_lines(
        &mut footer,
        metrics,
        &summary_lines,
        &mut fy,
        17.0,
        Weight::Regular,
        false,
    );
    (footer, footer_top)
}

/// The gains' and pains' bridges from the square to the circle, at a
/// quarter and three quarters of the square's height.
fn bridges(
    metrics: &Metrics,
    report: &FitReport,
    (xs, ys, side): (f32, f32, f32),
    (cx, cy, r): (f32, f32, f32),
) -> Vec<Bridge> {
    vec![
        bridge(
            metrics,
            "Gains",
            &report.gains,
            "created",
            (xs + side, cx, cy, r),
            ys + side / 4.0,
        ),
        bridge(
            metrics,
            "Pains",
            &report.pains,
            "relieved",
            (xs + side, cx, cy, r),
            ys + 3.0 * side / 4.0,
        ),
    ]
}

/// A share as a whole percentage.
#[allow(clippy::cast_sign_loss)] // clamped to 0–100 first
fn percent(ratio: f64) -> u32 {
    (ratio.clamp(0.0, 1.0) * 100.0).round() as u32
}

/// The fit in one sentence, for the footer.
pub fn fit_sentence(report: &FitReport) -> String {
    let pct = |c: &Coverage| percent(c.ratio());
    format!(
        "Fit: pains {}/{} relieved ({}% by weight) · gains {}/{} created ({}% by weight) · jobs {}/{} helped by a product or service",
        report.pains.addressed,
        report.pains.total,
        pct(&report.pains),
        report.gains.addressed,
        report.gains.total,
        pct(&report.gains),
        report.jobs.addressed,
        report.jobs.total,
    )
}

fn push_lines(
    out: &mut Vec<TextLine>,
    metrics: &Metrics,
    lines: &[String],
    y: &mut f32,
    size: f32,
    weight: Weight,
    muted: bool,
) {
    for text in lines {
        *y += size * 1.3;
        out.push(TextLine {
            x: MARGIN,
            baseline: *y - size * 0.3,
            size,
            weight,
            muted,
            width: metrics.width(text, size, weight),
            text: text.clone(),
        });
    }
}

fn centred(metrics: &Metrics, text: &str, cx: f32, baseline: f32, size: f32) -> TextLine {
    let width = metrics.width(text, size, Weight::Bold);
    TextLine {
        x: cx - width / 2.0,
        baseline,
        size,
        weight: Weight::Bold,
        muted: false,
        text: text.to_owned(),
        width,
    }
}

/// The coverage between the square's edge and the circle's, at height `y`.
fn bridge(
    metrics: &Metrics,
    what: &str,
    coverage: &Coverage,
    verb: &str,
    (square_right, cx, cy, r): (f32, f32, f32, f32),
    y: f32,
) -> Bridge {
    let dy = (y - cy).abs().min(r);
    let x1 = cx - (r * r - dy * dy).sqrt();
    let x0 = square_right;
    let mid = f32::midpoint(x0, x1);
    let texts = [
        (what.to_owned(), 17.0, Weight::Bold, false, y - 14.0),
        (
            format!("{} of {} {verb}", coverage.addressed, coverage.total),
            15.0,
            Weight::Regular,
            false,
            y + 26.0,
        ),
        (
            format!("{}% by weight", percent(coverage.ratio())),
            13.0,
            Weight::Regular,
            true,
            y + 45.0,
        ),
    ];
    let lines = texts
        .into_iter()
        .map(|(text, size, weight, muted, baseline)| {
            let width = metrics.width(&text, size, weight);
            TextLine {
                x: mid - width / 2.0,
                baseline,
                size,
                weight,
                muted,
                text,
                width,
            }
        })
        .collect();
    Bridge {
        x0: x0 + 10.0,
        x1: x1 - 10.0,
        y,
        lines,
    }
}

/// Each section's outline and text area, in `Section::ALL` order.
fn regions(xs: f32, ys: f32, s: f32, cx: f32, cy: f32, r: f32) -> Vec<(Section, Bounds, Area)> {
    let rect = |x0: f32, y0: f32, x1: f32, y1: f32| {
        (
            Bounds {
                x0,
                y0,
                x1,
                y1,
                disc: None,
            },
            Area {
                top: y0 + PAD,
                bottom: y1 - PAD,
                shape: Shape::Rect {
                    left: x0 + PAD,
                    right: x1 - PAD,
                },
            },
        )
    };
    let disc = |x0: f32, y0: f32, x1: f32, y1: f32, side: Side| {
        (
            Bounds {
                x0,
                y0,
                x1,
                y1,
                disc: Some((cx, cy, r)),
            },
            Area {
                top: y0 + PAD,
                bottom: y1 - PAD,
                shape: Shape::Disc {
                    cx,
                    cy,
                    r: r - PAD,
                    side,
                    gap: PAD,
                },
            },
        )
    };
    let h = s / 2.0;
    let regions = [
        (Section::Products, rect(xs, ys, xs + h, ys + s)),
        (Section::Creators, rect(xs + h, ys, xs + s, ys + h)),
        (Section::Relievers, rect(xs + h, ys + h, xs + s, ys + s)),
        (Section::Gains, disc(cx - r, cy - r, cx, cy, Side::Left)),
        (Section::Pains, disc(cx - r, cy, cx, cy + r, Side::Left)),
        (Section::Jobs, disc(cx, cy - r, cx + r, cy + r, Side::Right)),
    ];
    regions.into_iter().map(|(s, (b, a))| (s, b, a)).collect()
}

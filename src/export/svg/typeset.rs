//! The type-fitting of the picture: the largest item text size at which
//! every section holds all its items whole, and each section's items laid
//! out at it. [`layout`](super::layout) decides where the sections are.

use crate::canvas::{Canvas, Item, Section};
use crate::export::font::{Metrics, Weight};
use crate::export::one_line;
use crate::fit::FitReport;

use super::flow::{Area, Block, Flow, Placed, Shape, Token, words};
use super::layout::{
    BULLET_COLUMN, Bounds, DOTS_WIDTH, FLAG_COLUMN, Flag, GUTTER_GAP, ItemPic, PAD, SIZES, SPREAD,
    STATUS_COLUMN, SectionPic, label,
};
use super::refs::{LinkForm, link_tokens, linked_positions};

/// The largest text size at which every section holds all its items, and
/// the sections laid out at it.
pub(super) fn fit_sections(
    canvas: &Canvas,
    report: &FitReport,
    metrics: &Metrics,
    regions: &[(Section, Bounds, Area)],
    evidence: bool,
    form: LinkForm,
) -> (Vec<SectionPic>, f32) {
    let tokens: Vec<Vec<Vec<Token>>> = regions
        .iter()
        .map(|(section, _, _)| {
            canvas
                .items(*section)
                .iter()
                .map(|item| item_tokens(canvas, *section, item, form))
                .collect()
        })
        .collect();
    let ladder: Vec<f32> = SIZES
        .into_iter()
        .chain((1..=100).map(|i| 10.5 * 0.97f32.powi(i)))
        .collect();
    // Each section's largest size, at most this much above the densest
    // section's, so sparse sections read larger yet the page stays even.
    let lay_at = |i: usize, from: f32| -> Option<SectionPic> {
        let (section, bounds, area) = &regions[i];
        ladder
            .iter()
            .filter(|s| **s <= from + 1e-3)
            .find_map(|size| {
                lay_section(
                    canvas, report, metrics, *section, *bounds, *area, &tokens[i], *size, evidence,
                )
            })
    };
    let best: Vec<Option<SectionPic>> = (0..regions.len()).map(|i| lay_at(i, SIZES[0])).collect();
    if best.iter().all(Option::is_some) {
        let smallest = best
            .iter()
            .flatten()
            .map(|s| s.size)
            .fold(SIZES[0], f32::min);
        let cap = smallest * SPREAD;
        let sections: Option<Vec<SectionPic>> = best
            .into_iter()
            .enumerate()
            .map(|(i, pic)| match pic {
                Some(pic) if pic.size <= cap + 1e-3 => Some(pic),
                _ => lay_at(i, cap),
            })
            .collect();
        if let Some(sections) = sections {
            return (sections, smallest);
        }
    }
    // Nothing fits even at the smallest size: draw at it all the same,
    // running past the section's foot, so no word is ever dropped.
    let size = ladder.last().copied().unwrap_or(1.0);
    let sections = regions
        .iter()
        .zip(&tokens)
        .map(|((section, bounds, area), tokens)| {
            let tall = Area {
                bottom: f32::MAX / 4.0,
                shape: Shape::Rect {
                    left: bounds.x0 + PAD,
                    right: bounds.x1 - PAD,
                },
                ..*area
            };
            lay_section(
                canvas, report, metrics, *section, *bounds, tall, tokens, size, evidence,
            )
        })
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default();
    (sections, size)
}

/// What an item's text flows as: its words, then its tags (a job's kind when
/// it is not the default, then what a value-map item addresses, in `form`).
fn item_tokens(canvas: &Canvas, section: Section, item: &Item, form: LinkForm) -> Vec<Token> {
    let mut tokens = words(&crate::text::clean(&item.text));
    if section == Section::Jobs && item.kind != crate::canvas::JobKind::Functional {
        tokens.push(Token::Note(item.kind.name().to_lowercase()));
    }
    if let Some(target) = section.link_target() {
        let linked = linked_positions(canvas, target, item);
        tokens.extend(link_tokens(target, &linked, form));
    }
    tokens
}

/// A placed item with its marks: the fit's flag, its number, its level.
fn item_pic(
    report: &FitReport,
    section: Section,
    index: usize,
    item: &Item,
    placed: Placed,
) -> ItemPic {
    let flag = if report.is_flagged(item.id) {
        Some(Flag::Gap)
    } else if report.is_unlinked(item.id) {
        Some(Flag::Idle)
    } else {
        None
    };
    ItemPic {
        id: item.id,
        text: one_line(&crate::text::clean(&item.text)),
        placed,
        flag,
        label: label(section, index),
        level: section.has_level().then(|| item.level.weight()),
        status: item.status,
    }
}

/// What an empty section says, placed after its title.
fn nothing_here_yet(flow: &mut Flow<'_>, size: f32) -> Option<Placed> {
    let note = words("Nothing here yet");
    flow.place(
        &Block {
            tokens: &note,
            size,
            weight: Weight::Regular,
            gutter: 0.0,
            marker_height: 0.0,
        },
        0.0,
    )
}

#[allow(clippy::too_many_arguments)]
fn lay_section(
    canvas: &Canvas,
    report: &FitReport,
    metrics: &Metrics,
    section: Section,
    bounds: Bounds,
    area: Area,
    tokens: &[Vec<Token>],
    size: f32,
    evidence: bool,
) -> Option<SectionPic> {
    let items = canvas.items(section);
    let mut flow = Flow::new(area, metrics);
    let title_size = (size * 1.2).clamp(13.0, 24.0);
    let title_tokens = words(section.title());
    let title = flow.place(
        &Block {
            tokens: &title_tokens,
            size: title_size,
            weight: Weight::Bold,
            gutter: 0.0,
            marker_height: 0.0,
        },
        size * 0.5,
    )?;
    let label_width =
        label(section, items.len().saturating_sub(1)).map_or(0.0, |l| flow.ref_width(&l, size));
    let customer = section.has_level();
    let markers = if customer {
        size * (FLAG_COLUMN + DOTS_WIDTH) + label_width
    } else {
        size * (FLAG_COLUMN + BULLET_COLUMN)
    };
    let status_at = evidence.then_some(markers);
    let status_width = if evidence { size * STATUS_COLUMN } else { 0.0 };
    let gutter = markers + status_width + if customer { size * GUTTER_GAP } else { 0.0 };
    let marker_height = 0.0;
    let mut pics = Vec::with_capacity(items.len());
    for ((index, item), tokens) in items.iter().enumerate().zip(tokens) {
        let placed = flow.place(
            &Block {
                tokens,
                size,
                weight: Weight::Regular,
                gutter,
                marker_height,
            },
            size * 0.45,
        )?;
        pics.push(item_pic(report, section, index, item, placed));
    }
    let empty = if items.is_empty() {
        Some(nothing_here_yet(&mut flow, size)?)
    } else {
        None
    };
    Some(SectionPic {
        section,
        bounds,
        title,
        title_size,
        items: pics,
        empty,
        label_width,
        size,
        status_at,
    })
}

//! The canvas as a picture (SPEC §8): an SVG for slides, walls and print,
//! drawn as on paper: the value map as a square on the left (products &
//! services | gain creators over pain relievers), the customer profile as a
//! circle on the right (gains over pains | customer jobs).
//!
//! Every item's whole text is wrapped inside its section by the bundled
//! font's widths ([`super::font`]); pains, gains and jobs carry a number
//! (P1, G1, J1) that the value-map items addressing them repeat, so each link
//! can be followed. Deterministic, self-contained (no script, no external
//! font or image), and every canvas text is cleaned and escaped.

mod curve;
mod flow;
mod layout;
mod refs;
mod typeset;
mod xml;

pub use curve::{curve_element, curve_svg};
pub use layout::{HEIGHT, WIDTH, fit_sentence, label_prefix};
pub use refs::{linked_positions, numbered_labels};
pub use xml::{escape_attr, escape_text};

use std::fmt::Write as _;

use crate::canvas::{Canvas, Section, Status};
use crate::fit::analyze;

use super::font::{FAMILY_STACK, Metrics, Weight};
use flow::{BASELINE, LINE, Line, REF_SIZE};
use layout::{
    BULLET_COLUMN, Bounds, Bridge, FLAG_COLUMN, Flag, ItemPic, Picture, SectionPic, TextLine,
};
use refs::LinkForm;

const INK: &str = "#1f2328";
const MUTED: &str = "#57606a";
const OUTLINE: &str = "#2f3b45";
const DIVIDER: &str = "#7d8b99";
const SQUARE_FILL: &str = "#f2f5f9";
const CIRCLE_FILL: &str = "#fbf5ec";
/// Unaddressed pains and gains: red, in a triangle (dark in greyscale).
const GAP: &str = "#c62828";
/// Items that address nothing: amber, in a circle (calmer).
const IDLE: &str = "#8a5a00";
/// Evidence: validated (a filled green disc with a tick), being tested (a
/// half-filled disc), invalidated (an open disc with a cross, text struck).
const VALIDATED: &str = "#1a7f37";
const TESTING: &str = "#0b5cad";

/// The canvas as a standalone SVG document.
pub fn svg(canvas: &Canvas) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&svg_element(canvas));
    out
}

/// The `<svg>` element alone, to place inside an HTML page.
pub fn svg_element(canvas: &Canvas) -> String {
    let metrics = Metrics::new();
    let report = analyze(canvas);
    let picture = layout::layout(canvas, &report, &metrics);
    draw(&picture)
}

/// A number for an attribute: one decimal, no trailing ".0", never NaN.
fn n(v: f32) -> String {
    if !v.is_finite() {
        return "0".to_owned();
    }
    let s = format!("{v:.1}");
    match s.strip_suffix(".0") {
        Some("-0") => "0".to_owned(),
        Some(whole) => whole.to_owned(),
        None => s,
    }
}

fn section_key(section: Section) -> &'static str {
    match section {
        Section::Products => "products",
        Section::Creators => "creators",
        Section::Relievers => "relievers",
        Section::Gains => "gains",
        Section::Pains => "pains",
        Section::Jobs => "jobs",
    }
}

fn draw(p: &Picture) -> String {
    let mut o = String::with_capacity(64 * 1024);
    let _ = writeln!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" font-family=\"{FAMILY_STACK}\" role=\"img\">",
        w = n(WIDTH),
        h = n(HEIGHT)
    );
    let _ = writeln!(o, "<title>{}</title>", escape_text(&p.title));
    let _ = writeln!(
        o,
        "<desc>A Value Proposition Canvas: the value map (a square) facing the customer profile (a circle). Drawn by vpcanvas.</desc>"
    );
    let _ = writeln!(
        o,
        "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>",
        n(WIDTH),
        n(HEIGHT)
    );
    o.push_str("<g class=\"header\">\n");
    for line in &p.header {
        text_line(&mut o, line);
    }
    for line in &p.half_titles {
        text_line(&mut o, line);
    }
    o.push_str("</g>\n");
    shapes(&mut o, p);
    for bridge in &p.bridges {
        draw_bridge(&mut o, bridge);
    }
    for section in &p.sections {
        draw_section(&mut o, section);
    }
    o.push_str("<g class=\"footer\">\n");
    for line in &p.footer {
        text_line(&mut o, line);
    }
    legend(&mut o, p.legend, p.evidence, p.links);
    o.push_str("</g>\n</svg>\n");
    o
}

fn text_line(o: &mut String, l: &TextLine) {
    let weight = if l.weight == Weight::Bold {
        " font-weight=\"bold\""
    } else {
        ""
    };
    let fill = if l.muted { MUTED } else { INK };
    let _ = writeln!(
        o,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{weight} fill=\"{fill}\"{}>{}</text>",
        n(l.x),
        n(l.baseline),
        n(l.size),
        length(l.width),
        escape_text(&l.text)
    );
}

/// Pins a line's drawn length to its measured one, so that a viewer drawing
/// with another font still keeps it inside its box.
fn length(width: f32) -> String {
    if width > 0.0 {
        format!(
            " textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\"",
            n(width)
        )
    } else {
        String::new()
    }
}

#[allow(clippy::many_single_char_names)] // geometry: x, y, s(ide), r(adius)
fn shapes(o: &mut String, p: &Picture) {
    let (x, y, s) = p.square;
    let (cx, cy, r) = p.circle;
    o.push_str("<g class=\"shapes\">\n");
    let _ = writeln!(
        o,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{SQUARE_FILL}\" stroke=\"{OUTLINE}\" stroke-width=\"3\"/>",
        n(x),
        n(y),
        n(s),
        n(s)
    );
    let _ = writeln!(
        o,
        "<path d=\"M{} {}V{}M{} {}H{}\" fill=\"none\" stroke=\"{DIVIDER}\" stroke-width=\"2\"/>",
        n(x + s / 2.0),
        n(y),
        n(y + s),
        n(x + s / 2.0),
        n(y + s / 2.0),
        n(x + s)
    );
    let _ = writeln!(
        o,
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{CIRCLE_FILL}\" stroke=\"{OUTLINE}\" stroke-width=\"3\"/>",
        n(cx),
        n(cy),
        n(r)
    );
    let _ = writeln!(
        o,
        "<path d=\"M{} {}V{}M{} {}H{}\" fill=\"none\" stroke=\"{DIVIDER}\" stroke-width=\"2\"/>",
        n(cx),
        n(cy - r),
        n(cy + r),
        n(cx - r),
        n(cy),
        n(cx)
    );
    o.push_str("</g>\n");
}

fn draw_bridge(o: &mut String, b: &Bridge) {
    let (y, a) = (b.y, 9.0);
    let _ = writeln!(
        o,
        "<g class=\"bridge\"><path d=\"M{} {y}H{}\" stroke=\"{OUTLINE}\" stroke-width=\"2.5\"/><path d=\"M{} {}L{} {y}L{} {}ZM{} {}L{} {y}L{} {}Z\" fill=\"{OUTLINE}\"/>",
        n(b.x0 + a),
        n(b.x1 - a),
        n(b.x0 + a * 1.6),
        n(y - a),
        n(b.x0),
        n(b.x0 + a * 1.6),
        n(y + a),
        n(b.x1 - a * 1.6),
        n(y - a),
        n(b.x1),
        n(b.x1 - a * 1.6),
        n(y + a),
        y = n(y)
    );
    for line in &b.lines {
        text_line(o, line);
    }
    o.push_str("</g>\n");
}

fn bounds_attrs(b: &Bounds) -> String {
    let mut s = format!(
        " data-x0=\"{}\" data-y0=\"{}\" data-x1=\"{}\" data-y1=\"{}\"",
        n(b.x0),
        n(b.y0),
        n(b.x1),
        n(b.y1)
    );
    if let Some((cx, cy, r)) = b.disc {
        let _ = write!(
            s,
            " data-cx=\"{}\" data-cy=\"{}\" data-r=\"{}\"",
            n(cx),
            n(cy),
            n(r)
        );
    }
    s
}

fn draw_section(o: &mut String, s: &SectionPic) {
    let f = s.size;
    let _ = writeln!(
        o,
        "<g class=\"section\" data-section=\"{}\"{}>",
        section_key(s.section),
        bounds_attrs(&s.bounds)
    );
    for line in &s.title.lines {
        plain(o, line, s.title_size, true, INK, "section-title");
    }
    for item in &s.items {
        draw_item(o, s, item, f);
    }
    if let Some(empty) = &s.empty {
        for line in &empty.lines {
            plain(o, line, f, false, MUTED, "empty");
        }
    }
    o.push_str("</g>\n");
}

fn plain(o: &mut String, l: &Line, size: f32, bold: bool, fill: &str, class: &str) {
    let weight = if bold { " font-weight=\"bold\"" } else { "" };
    let _ = writeln!(
        o,
        "<text class=\"{class}\" x=\"{}\" y=\"{}\" font-size=\"{}\"{weight} fill=\"{fill}\"{}>{}</text>",
        n(l.x),
        n(l.baseline),
        n(size),
        length(l.width),
        escape_text(&l.text)
    );
}

fn draw_item(o: &mut String, s: &SectionPic, item: &ItemPic, f: f32) {
    let _ = writeln!(
        o,
        "<g class=\"item\" data-id=\"{}\"><title>{}</title>",
        item.id,
        escape_text(&item.text)
    );
    let gx = item.placed.left;
    let top = item.placed.top;
    flag_mark(o, item.flag, gx, top, f);
    label_or_bullet(o, s, item, gx + FLAG_COLUMN * f, f);
    if let Some(at) = s.status_at {
        status_mark(o, item.status, gx + at, top, f);
    }
    item_lines(o, item, f);
    o.push_str("</g>\n");
}

/// The gap's red `!` triangle or the idle `?` circle, in the flag column.
fn flag_mark(o: &mut String, flag: Option<Flag>, gx: f32, top: f32, f: f32) {
    match flag {
        Some(Flag::Gap) => {
            let (x0, x1, yt, yb) = (gx + 0.05 * f, gx + 1.05 * f, top + 0.1 * f, top + 1.0 * f);
            let _ = writeln!(
                o,
                "<path class=\"flag-gap\" d=\"M{} {}L{} {}L{} {}Z\" fill=\"{GAP}\"/><text x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"bold\" fill=\"#ffffff\" text-anchor=\"middle\">!</text>",
                n(f32::midpoint(x0, x1)),
                n(yt),
                n(x1),
                n(yb),
                n(x0),
                n(yb),
                n(f32::midpoint(x0, x1)),
                n(yb - 0.1 * f),
                n(0.62 * f)
            );
        }
        Some(Flag::Idle) => {
            let (cx, cy) = (gx + 0.55 * f, top + 0.58 * f);
            let _ = writeln!(
                o,
                "<circle class=\"flag-idle\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#ffffff\" stroke=\"{IDLE}\" stroke-width=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"bold\" fill=\"{IDLE}\" text-anchor=\"middle\">?</text>",
                n(cx),
                n(cy),
                n(0.42 * f),
                n(0.11 * f),
                n(cx),
                n(cy + 0.23 * f),
                n(0.62 * f)
            );
        }
        None => {}
    }
}

/// The number tag (with the level's dots) at `mx`, or a square bullet where
/// the section has no numbers.
fn label_or_bullet(o: &mut String, s: &SectionPic, item: &ItemPic, mx: f32, f: f32) {
    let top = item.placed.top;
    if let Some(label) = &item.label {
        tag(o, label, mx, s.label_width, top, f, false);
        if let Some(weight) = item.level {
            let cy = top + (LINE / 2.0 + 0.02) * f;
            for i in 0..3u32 {
                let cx = mx + s.label_width + (0.42 + i as f32 * 0.44) * f;
                let fill = if i < weight { OUTLINE } else { "#ffffff" };
                let _ = write!(
                    o,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\" stroke=\"{OUTLINE}\" stroke-width=\"{}\"/>",
                    n(cx),
                    n(cy),
                    n(0.17 * f),
                    n(0.07 * f)
                );
            }
            o.push('\n');
        }
    } else {
        let side = 0.34 * f;
        let _ = writeln!(
            o,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{OUTLINE}\"/>",
            n(mx + (BULLET_COLUMN * f - side) / 2.0 - 0.1 * f),
            n(top + f * BASELINE - 0.36 * f - side / 2.0),
            n(side),
            n(side)
        );
    }
}

/// An item's lines of text (struck through when invalidated) and their tags.
fn item_lines(o: &mut String, item: &ItemPic, f: f32) {
    let struck = item.status == Status::Invalidated;
    for line in &item.placed.lines {
        if !line.text.is_empty() {
            plain(o, line, f, false, if struck { MUTED } else { INK }, "line");
            if struck {
                let y = line.baseline - 0.3 * f;
                let _ = writeln!(
                    o,
                    "<path class=\"struck\" d=\"M{} {}H{}\" stroke=\"{MUTED}\" stroke-width=\"{}\"/>",
                    n(line.x),
                    n(y),
                    n(line.x + line.width),
                    n(0.08 * f)
                );
            }
        }
        for t in &line.refs {
            tag(o, &t.label, t.x, t.width, line.top, f, t.note);
        }
    }
}

/// The evidence marker of an item (nothing while untested): shape and fill
/// tell the three states apart without colour.
fn status_mark(o: &mut String, status: Status, x: f32, top: f32, f: f32) {
    let (cx, cy, r) = (x + 0.45 * f, top + (LINE / 2.0 + 0.02) * f, 0.36 * f);
    let circle = |fill: &str, stroke: &str| {
        format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{}\"/>",
            n(cx),
            n(cy),
            n(r),
            n(0.09 * f)
        )
    };
    let mark = match status {
        Status::Untested => return,
        Status::Testing => format!(
            "{}<path d=\"M{} {}A{r} {r} 0 0 0 {} {}Z\" fill=\"{TESTING}\"/>",
            circle("#ffffff", TESTING),
            n(cx),
            n(cy - r),
            n(cx),
            n(cy + r),
            r = n(r)
        ),
        Status::Validated => format!(
            "{}<path d=\"M{} {}L{} {}L{} {}\" fill=\"none\" stroke=\"#ffffff\" stroke-width=\"{}\"/>",
            circle(VALIDATED, VALIDATED),
            n(cx - 0.19 * f),
            n(cy + 0.01 * f),
            n(cx - 0.05 * f),
            n(cy + 0.15 * f),
            n(cx + 0.2 * f),
            n(cy - 0.15 * f),
            n(0.1 * f)
        ),
        Status::Invalidated => format!(
            "{}<path d=\"M{} {}L{} {}M{} {}L{} {}\" stroke=\"{MUTED}\" stroke-width=\"{}\"/>",
            circle("#ffffff", MUTED),
            n(cx - 0.16 * f),
            n(cy - 0.16 * f),
            n(cx + 0.16 * f),
            n(cy + 0.16 * f),
            n(cx + 0.16 * f),
            n(cy - 0.16 * f),
            n(cx - 0.16 * f),
            n(cy + 0.16 * f),
            n(0.09 * f)
        ),
    };
    let name = format!("{status:?}").to_lowercase();
    let _ = writeln!(o, "<g class=\"status-{name}\">{mark}</g>");
}

/// A small label in a rounded box: an item's number, a reference to one, or
/// a quiet note (a job's kind).
fn tag(o: &mut String, label: &str, x: f32, width: f32, top: f32, f: f32, note: bool) {
    let (fill, stroke, ink) = if note {
        ("#eceff3", "none", MUTED)
    } else {
        ("#ffffff", OUTLINE, OUTLINE)
    };
    let y = top + (LINE - 1.0) / 2.0 * f + 0.04 * f;
    let _ = writeln!(
        o,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{}\"/><text class=\"tag\" x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"bold\" fill=\"{ink}\" text-anchor=\"middle\">{}</text>",
        n(x),
        n(y),
        n(width),
        n(0.98 * f),
        n(0.22 * f),
        n(0.08 * f),
        n(x + width / 2.0),
        n(y + 0.74 * f),
        n(REF_SIZE * f),
        escape_text(label)
    );
}

/// The key to the markers, along the bottom edge.
fn legend(o: &mut String, (x, baseline): (f32, f32), evidence: bool, links: LinkForm) {
    let f = if evidence { 12.5 } else { 15.0 };
    let metrics = Metrics::new();
    let mut x = x;
    let top = baseline - f * BASELINE;
    let label = match links {
        LinkForm::Numbered => "P1, G1, J1: the value map repeats the number it addresses",
        LinkForm::Counted => {
            "how many it addresses (too many links to number: the report lists them)"
        }
    };
    let mut entries: Vec<(&str, &str)> = vec![
        ("gap", "a pain or gain nothing addresses yet"),
        ("idle", "addresses nothing / no product helps"),
        (
            if links == LinkForm::Numbered {
                "label"
            } else {
                "count"
            },
            label,
        ),
        ("dots", "level: importance, severity, relevance"),
    ];
    if evidence {
        entries.extend([
            ("testing", "being tested"),
            ("validated", "validated"),
            ("invalidated", "invalidated"),
        ]);
    }
    for (kind, words) in entries {
        x = legend_mark(o, kind, x, top, f, &metrics);
        let w = metrics.width(words, f, Weight::Regular);
        let _ = writeln!(
            o,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{MUTED}\"{}>{}</text>",
            n(x),
            n(baseline),
            n(f),
            length(w),
            escape_text(words)
        );
        x += w + 1.6 * f;
    }
    credit(o, &metrics);
}

/// The mark a legend entry explains, drawn at `x`; returns where its words start.
fn legend_mark(o: &mut String, kind: &str, mut x: f32, top: f32, f: f32, metrics: &Metrics) -> f32 {
    match kind {
        "gap" => {
            let _ = writeln!(
                o,
                "<path d=\"M{} {}L{} {}L{} {}Z\" fill=\"{GAP}\"/><text x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"bold\" fill=\"#ffffff\" text-anchor=\"middle\">!</text>",
                n(x + 0.5 * f),
                n(top + 0.1 * f),
                n(x + f),
                n(top + f),
                n(x),
                n(top + f),
                n(x + 0.5 * f),
                n(top + 0.9 * f),
                n(0.62 * f)
            );
            x += 1.4 * f;
        }
        "idle" => {
            let _ = writeln!(
                o,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#ffffff\" stroke=\"{IDLE}\" stroke-width=\"1.6\"/><text x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"bold\" fill=\"{IDLE}\" text-anchor=\"middle\">?</text>",
                n(x + 0.5 * f),
                n(top + 0.58 * f),
                n(0.42 * f),
                n(x + 0.5 * f),
                n(top + 0.81 * f),
                n(0.62 * f)
            );
            x += 1.4 * f;
        }
        "testing" | "validated" | "invalidated" => {
            let status = match kind {
                "testing" => Status::Testing,
                "validated" => Status::Validated,
                _ => Status::Invalidated,
            };
            status_mark(o, status, x, top - (LINE - 1.0) / 2.0 * f, f);
            x += 1.1 * f;
        }
        "label" | "count" => {
            let shown = if kind == "label" { "P1" } else { "12 pains" };
            let w = metrics.width(shown, REF_SIZE * f, Weight::Bold) + 0.56 * f;
            tag(o, shown, x, w, top, f, false);
            x += w + 0.4 * f;
        }
        _ => {
            for i in 0..3u32 {
                let fill = if i < 2 { OUTLINE } else { "#ffffff" };
                let _ = write!(
                    o,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\" stroke=\"{OUTLINE}\" stroke-width=\"1\"/>",
                    n(x + 0.25 * f + i as f32 * 0.48 * f),
                    n(top + 0.6 * f),
                    n(0.17 * f)
                );
            }
            o.push('\n');
            x += 1.9 * f;
        }
    }
    x
}

/// The method's credit, small, at the top right above the title (where
/// neither a long title nor a long key can run into it).
fn credit(o: &mut String, metrics: &Metrics) {
    let baseline = 26.0;
    let credit = "Canvas method: Strategyzer · drawn by vpcanvas";
    let size = 13.0;
    let w = metrics.width(credit, size, Weight::Regular);
    let _ = writeln!(
        o,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{MUTED}\"{}>{}</text>",
        n(WIDTH - 40.0 - w),
        n(baseline),
        n(size),
        length(w),
        escape_text(credit)
    );
}

#[cfg(test)]
mod tests;

//! Renderings of a canvas for other places: Markdown for docs and decks, JSON
//! for other tools, plain text for chats and email, and pictures for slides,
//! walls and print (SVG, PNG, a one-page HTML report). Pure: canvas in,
//! bytes out.

mod coach;
mod comparison;
pub mod font;
pub mod html;
mod json;
mod linkers;
mod markdown;
pub mod png;
pub mod segments;
pub mod svg;
mod text;
mod verdicts;

pub use coach::{hint_json, lint_json, write_lint_text};
pub use comparison::{comparison_json, comparison_markdown, comparison_text, scores_line};
pub use json::{canvas_json, check_json, json_line};
pub use markdown::{markdown, md_escape};
pub use text::{check_text, coverage_summary, fit_summary, plain_text};
pub use verdicts::{
    chart_svg, check_verdicts_json, check_verdicts_text, measured, variant_line, verdict_words,
};

use std::fmt::Write as _;

use crate::canvas::{Canvas, Item, Section, Status};

use crate::coach::RuleSet;
use crate::fit::Coverage;
use linkers::{Linkers, Written};

/// The formats `export` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown, for docs and decks.
    Md,
    /// JSON, for other tools.
    Json,
    /// Plain text.
    Txt,
    /// A picture of the canvas as on paper, for slides and print (vector).
    Svg,
    /// The same picture as a PNG at twice the SVG's size, for slides.
    Png,
    /// A self-contained one-page report: the picture, the fit, what to test next.
    Html,
    /// bmml v2 YAML, for bmml's tools (what bmml cannot hold is said on stderr).
    Bmml,
}

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("this vpcanvas was built without PNG export (cargo feature `png`)")]
    PngUnavailable,
    #[error("could not draw the PNG: {0}")]
    Png(String),
    #[error("{0}")]
    Stopped(String),
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Json => "json",
            Format::Txt => "txt",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Html => "html",
            Format::Bmml => "bmml",
        }
    }

    /// The format's name for people: "SVG", "Markdown".
    pub fn name(self) -> &'static str {
        match self {
            Format::Md => "Markdown",
            Format::Json => "JSON",
            Format::Txt => "text",
            Format::Svg => "SVG",
            Format::Png => "PNG",
            Format::Html => "HTML",
            Format::Bmml => "bmml",
        }
    }

    /// Whether the output is binary (not for a terminal).
    pub fn is_binary(self) -> bool {
        self == Format::Png
    }

    /// Writes a text format piece by piece to `sink`, raw (the sink makes
    /// each piece inert): Markdown and plain text, which list every item, are
    /// never whole in memory; the others are rendered whole and handed on.
    /// The pieces together are [`Format::render`]'s text, before it is made
    /// inert.
    pub fn stream(
        self,
        canvas: &Canvas,
        coach_off: RuleSet,
        sink: &mut dyn FnMut(&str),
    ) -> Result<(), ExportError> {
        match self {
            Format::Md => {
                markdown::write_markdown(canvas, Doc::streamed(sink));
            }
            Format::Txt => {
                text::write_plain_text(canvas, Doc::streamed(sink));
            }
            _ => sink(&String::from_utf8_lossy(&self.render(canvas, coach_off)?)),
        }
        Ok(())
    }

    /// Renders a canvas in this format. `coach_off` are the coach's rules
    /// turned off for all canvases (`config.ron`): their hints are left out
    /// of the one format that carries hints (the HTML report), as they are
    /// from `lint` and the editor.
    pub fn render(self, canvas: &Canvas, coach_off: RuleSet) -> Result<Vec<u8>, ExportError> {
        Ok(match self {
            Format::Md => markdown(canvas).into_bytes(),
            Format::Json => canvas_json(canvas).into_bytes(),
            Format::Txt => plain_text(canvas).into_bytes(),
            Format::Svg => svg::svg(canvas).into_bytes(),
            Format::Png => png::png(canvas)?,
            Format::Html => html::report(canvas, coach_off).into_bytes(),
            Format::Bmml => crate::bmml::export(canvas).yaml.into_bytes(),
        })
    }
}

/// The order sections are written in documents: customer first, as it is explored.
pub const DOCUMENT_ORDER: [Section; 6] = Section::WORKSHOP_ORDER;

/// A short description of an item's level, kind and (when tested) status,
/// e.g. "Functional · High · Validated".
pub fn item_tags(section: Section, item: &Item) -> String {
    let mut tags = String::new();
    push_item_tags(&mut tags, section, item);
    tags
}

/// [`item_tags`], added to `out`.
fn push_item_tags(out: &mut String, section: Section, item: &Item) {
    let start = out.len();
    match section {
        Section::Jobs => {
            out.push_str(item.kind.name());
            out.push_str(" · ");
            out.push_str(section.level_name(item.level));
        }
        s if s.has_level() => out.push_str(s.level_name(item.level)),
        _ => {}
    }
    if item.status != Status::Untested {
        tag_separator(out, start);
        out.push_str(item.status.name());
    }
}

/// An item's tags for a document: [`item_tags`], then what the room and the
/// comparison gave it (format version 3): "7 dots · ours 8 · Spreadsheets 2".
pub fn document_tags(section: Section, item: &Item) -> String {
    let mut tags = String::new();
    push_document_tags(&mut tags, section, item);
    tags
}

/// [`document_tags`], added to `out` (nothing when there are none).
fn push_document_tags(out: &mut String, section: Section, item: &Item) {
    let start = out.len();
    push_item_tags(out, section, item);
    push_measure_tags(out, start, item);
}

/// " · " between tags, when `out` has one since `start`.
fn tag_separator(out: &mut String, start: usize) {
    if out.len() > start {
        out.push_str(" · ");
    }
}

/// "7 dots · ours 8 · Spreadsheets 2, Hiring a bookkeeper 6": votes and
/// scores, each only when there is one, added to the tags in `out` from
/// `start` on.
fn push_measure_tags(out: &mut String, start: usize, item: &Item) {
    if item.votes > 0 {
        tag_separator(out, start);
        match item.votes {
            1 => out.push_str("1 dot"),
            n => {
                let _ = write!(out, "{n} dots");
            }
        }
    }
    if let Some(ours) = item.ours {
        tag_separator(out, start);
        let _ = write!(out, "ours {ours}");
    }
    if !item.theirs.is_empty() {
        tag_separator(out, start);
        for (n, (name, score)) in item.theirs.iter().enumerate() {
            if n > 0 {
                out.push_str(", ");
            }
            push_one_line(out, name);
            let _ = write!(out, " {score}");
        }
    }
}

/// A test card's measured results on one line, or `None` when it has none:
/// "A: late payments 30 of 400 (7.5%) · Control 0 of 100 (0.0%) · target 5%".
pub fn results_line(canvas: &Canvas, test: &crate::canvas::TestCard) -> Option<String> {
    if test.results.is_empty() && test.target.is_none() {
        return None;
    }
    let mut parts: Vec<String> = test
        .results
        .iter()
        .map(|r| {
            format!(
                "{} {} of {} ({:.1}%)",
                variant_name(canvas, &r.variant),
                r.converted,
                r.shown,
                r.rate() * 100.0
            )
        })
        .collect();
    if let Some(target) = test.target {
        parts.push(format!("target {}", percent_of_rate(target.get())));
    }
    Some(parts.join(" · "))
}

/// A variant as a reader knows it: a statement by its name, else its label.
pub fn variant_name(canvas: &Canvas, variant: &crate::canvas::Variant) -> String {
    match variant {
        crate::canvas::Variant::Statement(id) => canvas
            .statements
            .iter()
            .find(|s| s.id == *id)
            .map(|s| one_line(&s.name))
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| format!("statement {id}")),
        crate::canvas::Variant::Label(label) => one_line(label),
    }
}

/// A rate as a short percentage: "5%", "2.5%", "0.125%".
pub fn percent_of_rate(rate: f64) -> String {
    crate::verdict::short_percent(rate)
}

/// "40%·25%": a coverage pair (pains, gains) as percentages, for a column
/// whose heading says which is which.
pub fn coverage_pair((pains, gains): (Coverage, Coverage)) -> String {
    format!(
        "{:.0}%·{:.0}%",
        pains.ratio() * 100.0,
        gains.ratio() * 100.0
    )
}

/// "pains 40% · gains 25%": a coverage pair as percentages.
pub fn coverage_percent(pains: &Coverage, gains: &Coverage) -> String {
    format!(
        "pains {:.0}% · gains {:.0}%",
        pains.ratio() * 100.0,
        gains.ratio() * 100.0
    )
}

/// How many of [`crate::fit::FitReport::test_next`] documents list.
pub const TEST_NEXT_SHOWN: usize = 5;

/// The texts of the items an item is linked to, joined with "; ", each cut
/// to its first `cells` cells ([`crate::text::head`]) before it is read: a
/// line that shows a screen's width never reads a long linked text whole.
pub fn linked_texts(canvas: &Canvas, item: &Item, cells: usize) -> String {
    canvas
        .linked_to(item.id)
        .into_iter()
        .filter_map(|id| canvas.item(id))
        .map(|i| one_line(&crate::text::head(&i.text, cells)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Room for a document that lists every item of `canvas`, each with about
/// `per_text` times its text and `per_item` bytes more: reserved up front,
/// so a large document is not copied as it grows (room it does not use is
/// never touched, so it costs no memory).
fn document_room(canvas: &Canvas, per_text: usize, per_item: usize) -> usize {
    canvas
        .all_items()
        .map(|(_, item)| per_text * item.text.len() + per_item)
        .sum::<usize>()
        + 4096
}

/// Folds a multi-line text onto one line for list output, with any control
/// character or bidi override left shown inert (`\u{1b}`).
pub fn one_line(text: &str) -> String {
    one_line_cow(text).into_owned()
}

/// [`one_line`], added to `out` (no copy of its own when the text needs no change).
pub fn push_one_line(out: &mut String, text: &str) {
    out.push_str(&one_line_cow(text));
}

/// [`one_line`], borrowed when the text needs no change.
fn one_line_cow(text: &str) -> std::borrow::Cow<'_, str> {
    if is_one_inert_line(text) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(
            crate::text::visible(&crate::text::single_spaced(text)).into_owned(),
        )
    }
}

/// Whether `text` is already what [`one_line`] makes of it, found in one
/// pass by byte (most texts are): single spaces between words and none at
/// either end, no other whitespace, and no hazard ([`crate::text::inert`]).
/// Printable ASCII is never a hazard; of other characters only those that
/// begin with a byte a hazard or a space may begin with are decoded.
fn is_one_inert_line(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut after_space = true;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if b.is_ascii() {
            // Printable, and no space after a space or at either end.
            let space = b == b' ';
            if (space && after_space) || !(b' '..=b'~').contains(&b) {
                return false;
            }
            after_space = space;
            at += 1;
            continue;
        }
        after_space = false;
        if !may_begin_space(b) && !crate::text::inert::may_begin_hazard(b) {
            at += 1;
            continue;
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            return false;
        };
        if c.is_whitespace() || crate::text::inert::is_hazard(c) {
            return false;
        }
        at += c.len_utf8();
    }
    !after_space || bytes.is_empty()
}

/// Whether a byte that is not ASCII can begin a whitespace character
/// (U+0085 and U+00A0, U+1680, U+2000 to U+205F, U+3000); none continues
/// a character.
fn may_begin_space(b: u8) -> bool {
    matches!(b, 0xc2 | 0xe1 | 0xe2 | 0xe3)
}

/// The item's [`document_tags`] between `open` and `close`, added to
/// `out`; nothing when it has none.
fn push_tags_between(out: &mut String, section: Section, item: &Item, open: &str, close: &str) {
    let before = out.len();
    out.push_str(open);
    let start = out.len();
    push_document_tags(out, section, item);
    if out.len() == start {
        out.truncate(before);
    } else {
        out.push_str(close);
    }
}

/// How much of a streamed document is gathered before it is handed on.
const PIECE: usize = 64 * 1024;

/// A text document being written: gathered in a string and, when it is
/// streamed, handed on a piece at a time (between items), so that a large
/// document is never whole in memory. Written to as a `String` is.
pub(crate) struct Doc<'s> {
    text: String,
    sink: Option<&'s mut dyn FnMut(&str)>,
}

impl<'s> Doc<'s> {
    /// A document kept whole, with room for `capacity` bytes.
    fn whole(capacity: usize) -> Doc<'static> {
        Doc {
            text: String::with_capacity(capacity),
            sink: None,
        }
    }

    /// A document handed to `sink` as it is written, raw: the sink makes
    /// it inert (as [`crate::output::Stream`] does).
    fn streamed(sink: &'s mut dyn FnMut(&str)) -> Doc<'s> {
        Doc {
            text: String::with_capacity(PIECE + PIECE / 4),
            sink: Some(sink),
        }
    }

    /// Hands what is written so far on, once there is a piece of it.
    fn piece(&mut self) {
        if let Some(sink) = &mut self.sink
            && self.text.len() >= PIECE
        {
            sink(&self.text);
            self.text.clear();
        }
    }

    /// The whole document, inert; or, streamed, the rest handed on (and
    /// nothing returned).
    fn finish(mut self) -> String {
        match self.sink.take() {
            Some(sink) => {
                sink(&self.text);
                String::new()
            }
            None => inert(self.text),
        }
    }
}

impl std::ops::Deref for Doc<'_> {
    type Target = String;

    fn deref(&self) -> &String {
        &self.text
    }
}

impl std::ops::DerefMut for Doc<'_> {
    fn deref_mut(&mut self) -> &mut String {
        &mut self.text
    }
}

/// A finished text document (plain text, Markdown, a report): every hazard
/// that is not its own layout shown inert, whatever produced it.
fn inert(out: String) -> String {
    match crate::text::visible_lines(&out) {
        std::borrow::Cow::Borrowed(_) => out,
        std::borrow::Cow::Owned(safe) => safe,
    }
}

/// The verb a section's links are described with in documents.
pub fn link_verb(section: Section) -> &'static str {
    match section {
        Section::Products => "helps with",
        Section::Relievers => "relieves",
        Section::Creators => "creates",
        Section::Jobs => "helped by",
        Section::Pains => "relieved by",
        Section::Gains => "created by",
    }
}

#[cfg(test)]
mod tests;

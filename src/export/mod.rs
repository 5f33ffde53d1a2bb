//! Renderings of a canvas for other places: Markdown for docs and decks, JSON
//! for other tools, plain text for chats and email, and pictures for slides,
//! walls and print (SVG, PNG, a one-page HTML report). Pure: canvas in,
//! bytes out.

mod coach;
pub mod font;
pub mod html;
mod json;
mod markdown;
pub mod png;
pub mod svg;
mod text;

pub use coach::{coach_markdown, hint_json, lint_json, lint_text};
pub use json::{canvas_json, check_json, json_line};
pub use markdown::{markdown, md_escape};
pub use text::{check_text, coverage_summary, fit_summary, plain_text};

use crate::canvas::{Canvas, Item, Section, Status};
use crate::coach::RuleSet;
use crate::fit::Coverage;

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

    /// Whether the output is binary (not for a terminal).
    pub fn is_binary(self) -> bool {
        self == Format::Png
    }

    /// Renders a canvas in this format. `coach_off` are the coach's rules
    /// turned off for all canvases (`config.ron`): their hints are left out
    /// of the formats that carry hints (Markdown, the HTML report), as they
    /// are from `lint` and the editor.
    pub fn render(self, canvas: &Canvas, coach_off: RuleSet) -> Result<Vec<u8>, ExportError> {
        Ok(match self {
            Format::Md => markdown(canvas, coach_off).into_bytes(),
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
    let mut tags = match section {
        Section::Jobs => format!("{} · {}", item.kind.name(), section.level_name(item.level)),
        s if s.has_level() => s.level_name(item.level).to_owned(),
        _ => String::new(),
    };
    if item.status != Status::Untested {
        if !tags.is_empty() {
            tags.push_str(" · ");
        }
        tags.push_str(item.status.name());
    }
    tags
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

/// The texts of the items an item is linked to, joined with "; ".
pub fn linked_texts(canvas: &Canvas, item: &Item) -> String {
    canvas
        .linked_to(item.id)
        .into_iter()
        .filter_map(|id| canvas.item(id))
        .map(|i| one_line(&i.text))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Folds a multi-line text onto one line for list output, with any control
/// character or bidi override left shown inert (`\u{1b}`).
pub fn one_line(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    crate::text::visible(&line).into_owned()
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

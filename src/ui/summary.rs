//! The walkthrough's last step: the fit at a glance, for the room. What is
//! relieved and created, and what is not, most important first.

use ratatui::buffer::Buffer;
use ratatui::layout::{Direction, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::app::App;
use crate::canvas::Section;
use crate::fit::{Coverage, FitReport, Flagged};
use crate::layout::split;

use super::canvas_view::level_dots;
use super::text;

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let t = app.active_theme();
    let block = Block::bordered().title(Span::styled(" Fit summary ", t.title));
    let inner = block.inner(area);
    block.render(area, buf);
    let [left, right] = if inner.width >= 80 {
        split::percent(inner, Direction::Horizontal, 50)
    } else {
        [inner, Rect::default()]
    };
    let fit = app.fit();
    // Entries wrap with their continuation under the text, not the marker.
    let width = usize::from(if right.width == 0 {
        left.width
    } else {
        right.width.min(left.width)
    });
    let mut pains = pain_lines(app, fit, width);
    let gains = gain_lines(app, fit, width);
    if right.width == 0 {
        pains.push(Line::default());
        pains.extend(gains);
        Paragraph::new(pains)
            .wrap(Wrap { trim: false })
            .style(t.base)
            .render(left, buf);
    } else {
        Paragraph::new(pains)
            .wrap(Wrap { trim: false })
            .style(t.base)
            .render(left, buf);
        Paragraph::new(gains)
            .wrap(Wrap { trim: false })
            .style(t.base)
            .render(right, buf);
    }
}

/// The pains' side: how many are relieved, with evidence, and which are not.
fn pain_lines(app: &App, fit: &FitReport, width: usize) -> Vec<Line<'static>> {
    let mut pains = vec![
        coverage_line(app, "Pains relieved", &fit.pains),
        coverage_line(app, "  with evidence", &fit.pains_evidenced),
        Line::default(),
    ];
    pains.extend(flag_list(
        app,
        width,
        "Pains without a reliever",
        Section::Pains,
        &fit.pains_without_relievers,
    ));
    pains.extend(addressed_list(
        app,
        width,
        "Relieved on paper",
        Section::Pains,
    ));
    pains.extend(flag_list(
        app,
        width,
        "Relievers that relieve no pain",
        Section::Relievers,
        &fit.relievers_without_pains,
    ));
    pains
}

/// The gains' side: how many are created and which are not, the jobs no
/// product helps with, and what to test next.
fn gain_lines(app: &App, fit: &FitReport, width: usize) -> Vec<Line<'static>> {
    let mut gains = vec![
        coverage_line(app, "Gains created", &fit.gains),
        coverage_line(app, "  with evidence", &fit.gains_evidenced),
        Line::default(),
    ];
    gains.extend(flag_list(
        app,
        width,
        "Gains without a creator",
        Section::Gains,
        &fit.gains_without_creators,
    ));
    gains.extend(addressed_list(
        app,
        width,
        "Created on paper",
        Section::Gains,
    ));
    gains.extend(flag_list(
        app,
        width,
        "Creators that create no gain",
        Section::Creators,
        &fit.creators_without_gains,
    ));
    gains.extend(flag_list(
        app,
        width,
        "Jobs no product helps with",
        Section::Jobs,
        &fit.jobs_without_products,
    ));
    gains.extend(test_next_list(app, width));
    gains
}

fn coverage_line(app: &App, label: &str, c: &Coverage) -> Line<'static> {
    let t = app.active_theme();
    Line::from(vec![
        Span::styled(
            format!(" {label}: {} of {}", c.addressed, c.total),
            t.header,
        ),
        Span::styled(format!("  ({:.0}% by weight)", c.ratio() * 100.0), t.dim),
    ])
}

fn flag_list(
    app: &App,
    width: usize,
    label: &str,
    section: Section,
    list: &[Flagged],
) -> Vec<Line<'static>> {
    if list.is_empty() {
        return Vec::new();
    }
    let t = app.active_theme();
    let is_flag = matches!(section, Section::Pains | Section::Gains);
    let mut lines = vec![Line::from(Span::styled(
        format!(" {label} ({})", list.len()),
        t.section_title,
    ))];
    for f in list {
        let level = app
            .canvas()
            .item(f.id)
            .filter(|_| section.has_level())
            .map(|i| format!("{} ", level_dots(i.level)))
            .unwrap_or_default();
        let marker = if is_flag { "!" } else { "?" };
        let prefix = vec![
            Span::styled(
                format!("  {marker} "),
                if is_flag { t.flag } else { t.warn },
            ),
            Span::styled(level, t.level),
        ];
        lines.extend(entry(prefix, &f.text, t.item, width));
    }
    lines.push(Line::default());
    lines
}

/// The mark of a pain or gain something on the value map addresses: a
/// link, not proof (`✓` is the Validated status everywhere).
pub const ADDRESSED: &str = "↔";

/// The customer items that are addressed, with what addresses them.
fn addressed_list(app: &App, width: usize, label: &str, section: Section) -> Vec<Line<'static>> {
    let t = app.active_theme();
    let done: Vec<_> = app
        .canvas()
        .items(section)
        .iter()
        .filter(|i| !app.tally().is_flagged(i.id))
        .collect();
    if done.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![Line::from(Span::styled(
        format!(" {label} ({})", done.len()),
        t.section_title,
    ))];
    for item in done {
        let prefix = vec![
            Span::styled(format!("  {ADDRESSED} "), t.saved),
            Span::styled(format!("{} ", level_dots(item.level)), t.level),
        ];
        lines.extend(entry(prefix, &item.text, t.item, width));
    }
    lines.push(Line::default());
    lines
}

/// One entry: its marker and level, then its words wrapped beside them, the
/// continuation lines under the words.
fn entry(
    prefix: Vec<Span<'static>>,
    words: &str,
    style: ratatui::style::Style,
    width: usize,
) -> Vec<Line<'static>> {
    let indent: usize = prefix.iter().map(|s| text::width(&s.content)).sum();
    let words = text::safe(words);
    let room = width.saturating_sub(indent + 1).max(1);
    let mut first = Some(prefix);
    crate::text::wrap::lines(&words, room)
        .into_iter()
        .map(|line| {
            let mut spans = first
                .take()
                .unwrap_or_else(|| vec![Span::raw(" ".repeat(indent))]);
            spans.push(Span::styled(line.to_owned(), style));
            Line::from(spans)
        })
        .collect()
}

/// The first few riskiest assumptions: what the room should test next.
fn test_next_list(app: &App, width: usize) -> Vec<Line<'static>> {
    let risks = &app.fit().test_next;
    if risks.is_empty() {
        return Vec::new();
    }
    let t = app.active_theme();
    let mut lines = vec![Line::from(Span::styled(
        format!(" Test next ({} untested or testing)", risks.len()),
        t.section_title,
    ))];
    for risk in risks.iter().take(5) {
        let Some(item) = app.canvas().item(risk.id) else {
            continue;
        };
        let prefix = vec![Span::styled(
            format!(
                "  {} {} ",
                super::status_marker(app, item.status),
                risk.section.noun()
            ),
            t.level,
        )];
        lines.extend(entry(prefix, &item.text, t.item, width));
    }
    lines.push(Line::default());
    lines
}

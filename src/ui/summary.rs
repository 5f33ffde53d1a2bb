//! The walkthrough's last step: the fit at a glance, for the room. What is
//! relieved and created, and what is not, most important first.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::app::App;
use crate::canvas::Section;
use crate::fit::{Coverage, Flagged};

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
        Layout::horizontal([Constraint::Percentage(50); 2]).areas(inner)
    } else {
        [inner, Rect::default()]
    };
    let fit = app.fit();
    let mut pains = vec![
        coverage_line(app, "Pains relieved", &fit.pains),
        Line::default(),
    ];
    pains.extend(flag_list(
        app,
        "Pains without a reliever",
        Section::Pains,
        &fit.pains_without_relievers,
    ));
    pains.extend(addressed_list(app, "Relieved", Section::Pains));
    pains.extend(flag_list(
        app,
        "Relievers that relieve no pain",
        Section::Relievers,
        &fit.relievers_without_pains,
    ));
    let mut gains = vec![
        coverage_line(app, "Gains created", &fit.gains),
        Line::default(),
    ];
    gains.extend(flag_list(
        app,
        "Gains without a creator",
        Section::Gains,
        &fit.gains_without_creators,
    ));
    gains.extend(addressed_list(app, "Created", Section::Gains));
    gains.extend(flag_list(
        app,
        "Creators that create no gain",
        Section::Creators,
        &fit.creators_without_gains,
    ));
    gains.extend(flag_list(
        app,
        "Jobs no product helps with",
        Section::Jobs,
        &fit.jobs_without_products,
    ));
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

fn flag_list(app: &App, label: &str, section: Section, list: &[Flagged]) -> Vec<Line<'static>> {
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
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {marker} "),
                if is_flag { t.flag } else { t.warn },
            ),
            Span::styled(level, t.level),
            Span::styled(text::safe(&f.text), t.item),
        ]));
    }
    lines.push(Line::default());
    lines
}

/// The customer items that are addressed, with what addresses them.
fn addressed_list(app: &App, label: &str, section: Section) -> Vec<Line<'static>> {
    let t = app.active_theme();
    let done: Vec<_> = app
        .canvas()
        .items(section)
        .iter()
        .filter(|i| !app.fit().is_flagged(i.id))
        .collect();
    if done.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![Line::from(Span::styled(
        format!(" {label} ({})", done.len()),
        t.section_title,
    ))];
    for item in done {
        lines.push(Line::from(vec![
            Span::styled("  ✓ ", t.saved),
            Span::styled(format!("{} ", level_dots(item.level)), t.level),
            Span::styled(text::safe(&item.text), t.item),
        ]));
    }
    lines.push(Line::default());
    lines
}

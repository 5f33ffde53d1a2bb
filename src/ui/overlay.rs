//! Overlays drawn over the canvas: the key help and the link picker.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use crate::app::{App, LinkPicker};
use crate::input::keymap::{Context, bindings};

use super::canvas_view::level_dots;
use super::text;

/// A centred rectangle of at most `w`×`h` inside `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(h.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(w.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    rect
}

/// The key help, generated from the key table.
pub fn help(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let mut lines: Vec<Line> = Vec::new();
    for ctx in [Context::Canvas, Context::Text, Context::Picker] {
        lines.push(Line::from(Span::styled(ctx.title(), t.section_title)));
        for b in bindings().iter().filter(|b| b.context == ctx) {
            let keys = b
                .keys
                .iter()
                .map(crate::input::keymap::Key::label)
                .collect::<Vec<_>>()
                .join(" ");
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<16}"), t.key),
                Span::raw(b.help),
            ]));
        }
        lines.push(Line::default());
    }
    lines.push(Line::from(Span::styled(
        "Flags: ! a pain without a reliever or a gain without a creator · ? a reliever or creator that addresses nothing",
        t.dim,
    )));
    lines.push(Line::from(Span::styled(
        "The Value Proposition Canvas is by Alexander Osterwalder and Strategyzer; vpcanvas is independent and not affiliated.",
        t.dim,
    )));
    let rect = centered(area, 90, area.height.saturating_sub(2));
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_set(border::ROUNDED)
        .title(Span::styled(" Keys — Esc closes ", t.title));
    // Long help flows into two columns when there is room.
    let inner = block.inner(rect);
    block.render(rect, buf);
    let rows = usize::from(inner.height);
    if lines.len() > rows && inner.width >= 80 {
        let split = lines.len().div_ceil(2);
        let right = lines.split_off(split);
        let [l, r] = Layout::horizontal([Constraint::Percentage(50); 2]).areas(inner);
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(l, buf);
        Paragraph::new(right)
            .wrap(Wrap { trim: false })
            .render(r, buf);
    } else {
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(inner, buf);
    }
}

/// The link picker: the other half's items with ticks.
pub fn picker(app: &App, picker: &LinkPicker, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let source = app.canvas.item(picker.source);
    let source_text = source.map(|i| i.text.as_str()).unwrap_or_default();
    let verb = match picker.section {
        crate::canvas::Section::Pains => "Pains it relieves",
        crate::canvas::Section::Gains => "Gains it creates",
        crate::canvas::Section::Jobs => "Jobs it helps with",
        crate::canvas::Section::Relievers => "Relievers of this pain",
        crate::canvas::Section::Creators => "Creators of this gain",
        crate::canvas::Section::Products => "Products that help with this job",
    };
    let items = app.canvas.items(picker.section);
    let h = (items.len() as u16).saturating_add(4);
    let rect = centered(area, 80, h);
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_set(border::ROUNDED)
        .title(Span::styled(format!(" {verb} "), t.title))
        .title_bottom(Span::styled(
            " Space ticks · Enter keeps · Esc cancels ",
            t.dim,
        ));
    let inner = block.inner(rect);
    block.render(rect, buf);
    if inner.height == 0 {
        return;
    }
    let head = format!("“{}”", text::safe(source_text));
    Paragraph::new(Span::styled(
        text::truncate(&head, usize::from(inner.width)),
        t.header,
    ))
    .render(Rect { height: 1, ..inner }, buf);
    let list = Rect {
        y: inner.y + 1,
        height: inner.height.saturating_sub(1),
        ..inner
    };
    let rows = usize::from(list.height);
    let scroll = super::layout::scroll_to_show(0, picker.cursor, rows, items.len());
    for (row, item) in items.iter().enumerate().skip(scroll).take(rows) {
        let y = list.y + (row - scroll) as u16;
        let tick = if picker.chosen.contains(&item.id) {
            "[x]"
        } else {
            "[ ]"
        };
        let level = if picker.section.has_level() {
            format!("{} ", level_dots(item.level))
        } else {
            String::new()
        };
        let flag = if app.fit.is_flagged(item.id) {
            "!"
        } else {
            " "
        };
        let prefix = format!("{tick} {flag}{level}");
        let room = usize::from(list.width).saturating_sub(text::width(&prefix));
        let mut line = Line::from(vec![
            Span::styled(prefix, t.key),
            Span::raw(text::truncate(&item.text, room)),
        ]);
        let row_area = Rect {
            y,
            height: 1,
            ..list
        };
        if row == picker.cursor {
            line = line.style(t.selected);
            buf.set_style(row_area, t.selected);
        }
        Paragraph::new(line).render(row_area, buf);
    }
}

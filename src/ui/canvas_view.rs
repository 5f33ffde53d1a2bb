//! The canvas itself: the two halves, their six sections and the items.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::app::{App, EditTarget, Editor, Mode};
use crate::canvas::{Item, Level, Section};

use super::text;
use crate::layout::{self, Areas, Shape};

/// Draws the halves and sections; returns the text cursor when an item is being typed.
pub fn draw(app: &App, a: &Areas, buf: &mut Buffer) -> Option<(u16, u16)> {
    let t = app.active_theme();
    if a.shape == Shape::Focus {
        strip(app, a.strip, buf);
    } else if a.shape != Shape::Zoom {
        for (rect, name) in a.halves.iter().zip([" Value map ", " Customer profile "]) {
            Block::bordered()
                .border_set(border::ROUNDED)
                .border_style(t.half_border)
                .title(Span::styled(name, t.title))
                .render(*rect, buf);
        }
    }
    let linked = app
        .selected_item()
        .map(|i| app.canvas().linked_to(i.id))
        .unwrap_or_default();
    let mut cursor = None;
    for section in Section::ALL {
        let area = a.sections[section.index()];
        if area.width == 0 || area.height == 0 {
            continue;
        }
        match a.shape {
            Shape::Focus => {}
            Shape::Zoom => {
                let zoomed = a.zoomed == Some(section);
                Block::bordered()
                    .border_set(if zoomed { border::THICK } else { border::PLAIN })
                    .border_style(if zoomed { t.title } else { t.half_border })
                    .render(area, buf);
            }
            _ => dividers(app, section, area, buf),
        }
        let content = layout::section_content(a, section);
        let spaced = a.zoomed == Some(section);
        if let Some(c) = draw_section(app, section, content, &linked, spaced, buf) {
            cursor = Some(c);
        }
    }
    cursor
}

/// The thin lines between sections inside a half.
fn dividers(app: &App, section: Section, area: Rect, buf: &mut Buffer) {
    let (right, bottom) = layout::divider_sides(section);
    let mut borders = Borders::NONE;
    if right {
        borders |= Borders::RIGHT;
    }
    if bottom {
        borders |= Borders::BOTTOM;
    }
    Block::new()
        .borders(borders)
        .border_style(app.active_theme().divider)
        .render(area, buf);
}

/// The six sections named in one row, the focused one highlighted (Focus shape).
fn strip(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.active_theme();
    let mut spans = Vec::new();
    for section in Section::ALL {
        let style = if section == app.focus {
            t.section_title_focused
        } else {
            t.dim
        };
        let flags = flag_count(app, section);
        let label = if section == app.focus {
            format!(" {} {} ", section.index() + 1, section.title())
        } else {
            format!(
                " {}{} ",
                section.index() + 1,
                if flags > 0 { "!" } else { "" }
            )
        };
        spans.push(Span::styled(label, style));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

fn flag_count(app: &App, section: Section) -> usize {
    match section {
        Section::Pains => app.fit().pains_without_relievers.len(),
        Section::Gains => app.fit().gains_without_creators.len(),
        _ => 0,
    }
}

/// A section: a title row, then one row per visible item.
fn draw_section(
    app: &App,
    section: Section,
    area: Rect,
    linked: &[u32],
    spaced: bool,
    buf: &mut Buffer,
) -> Option<(u16, u16)> {
    let t = app.active_theme();
    let focused = section == app.focus;
    let items = app.canvas().items(section);
    // Title row: number, name, count and flags.
    let flags = flag_count(app, section);
    let mut title = format!(
        " {} {} ({})",
        section.index() + 1,
        section.title(),
        items.len()
    );
    if flags > 0 {
        title.push_str(&format!(" · {flags} !"));
    }
    let title_style = if focused {
        t.section_title_focused
    } else {
        t.section_title
    };
    let title_area = Rect { height: 1, ..area };
    buf.set_style(title_area, if focused { title_style } else { Style::new() });
    Paragraph::new(Span::styled(
        text::truncate(&title, usize::from(area.width)),
        title_style,
    ))
    .render(title_area, buf);

    let list = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    if list.height == 0 {
        return None;
    }
    let rows = usize::from(list.height);
    // Rows to draw: the items, plus the new item being typed at its place.
    let editing = match &app.mode {
        Mode::Edit(e) => Some(e),
        _ => None,
    };
    let new_at = editing.and_then(|e| match e.target {
        EditTarget::NewItem { section: s, index } if s == section => Some(index),
        _ => None,
    });
    let len = items.len() + usize::from(new_at.is_some());
    let selected = new_at.unwrap_or_else(|| app.selected_index(section));
    let scroll = layout::scroll_to_show(app.scroll[section.index()], selected, rows, len);
    if items.is_empty() && new_at.is_none() {
        let hint = if focused {
            format!(" a adds a {}", section.noun())
        } else {
            String::new()
        };
        Paragraph::new(Span::styled(
            text::truncate(&hint, usize::from(list.width)),
            t.dim,
        ))
        .render(list, buf);
        return None;
    }
    let mut cursor = None;
    // Generous spacing for a room, when everything fits with it.
    let step = if spaced && len * 2 <= rows { 2 } else { 1 };
    for row in 0..(rows / step).min(len.saturating_sub(scroll)) {
        let index = scroll + row;
        let y = list.y.saturating_add(crate::layout::cells(row * step));
        let row_area = Rect {
            y,
            height: 1,
            ..list
        };
        let item_index = match new_at {
            Some(n) if index == n => None,
            Some(n) if index > n => Some(index - 1),
            _ => Some(index),
        };
        let edit_this = editing.filter(|e| match (e.target, item_index) {
            (EditTarget::NewItem { .. }, None) => true,
            (EditTarget::Item(id), Some(i)) => items.get(i).is_some_and(|it| it.id == id),
            _ => false,
        });
        if let Some(editor) = edit_this {
            cursor = editor_row(app, editor, row_area, buf);
            continue;
        }
        let Some(item) = item_index.and_then(|i| items.get(i)) else {
            continue;
        };
        let is_selected =
            focused && item_index == Some(app.selected_index(section)) && editing.is_none();
        item_row(
            app,
            section,
            item,
            is_selected,
            linked.contains(&item.id),
            row_area,
            buf,
        );
    }
    more_markers(app, list, scroll, rows, len, buf);
    cursor
}

/// The text field in place of an item; returns where the cursor goes.
fn editor_row(app: &App, editor: &Editor, area: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
    let prefix = "› ";
    let room = usize::from(area.width).saturating_sub(prefix.len());
    let (shown, col) = text::window(editor.field.text(), editor.field.cursor_column(), room);
    buf.set_style(area, app.active_theme().cursor_row);
    Paragraph::new(Line::from(vec![Span::raw(prefix), Span::raw(shown)]))
        .style(app.active_theme().cursor_row)
        .render(area, buf);
    let x = area
        .x
        .saturating_add(crate::layout::cells(prefix.chars().count() + col));
    (x < area.right()).then_some((x, area.y))
}

/// "↑3" / "↓5" at the edges of a list that has more than fits.
fn more_markers(app: &App, list: Rect, scroll: usize, rows: usize, len: usize, buf: &mut Buffer) {
    let t = app.active_theme();
    // A hint that more items lie beyond the visible ones.
    if scroll + rows < len && list.width > 2 {
        let more = format!("↓{}", len - scroll - rows);
        let x = list
            .right()
            .saturating_sub(crate::layout::cells(text::width(&more)));
        buf.set_string(x, list.bottom() - 1, more, t.dim);
    }
    if scroll > 0 && list.width > 2 {
        let more = format!("↑{scroll}");
        let x = list
            .right()
            .saturating_sub(crate::layout::cells(text::width(&more)));
        buf.set_string(x, list.y, more, t.dim);
    }
}

/// One item: selection marker, flag, level, text.
fn item_row(
    app: &App,
    section: Section,
    item: &Item,
    selected: bool,
    linked: bool,
    area: Rect,
    buf: &mut Buffer,
) {
    let t = app.active_theme();
    let marker = if selected {
        "▶"
    } else if linked {
        "◆"
    } else {
        " "
    };
    let (flag, flag_style) = if app.fit().is_flagged(item.id) {
        ("!", t.flag)
    } else if app.fit().is_unlinked(item.id) {
        ("?", t.warn)
    } else {
        (" ", t.item)
    };
    let level = if section.has_level() {
        format!("{} ", level_dots(item.level))
    } else {
        String::new()
    };
    let fixed = 2 + text::width(&level) + 1;
    let room = usize::from(area.width).saturating_sub(fixed);
    let text_style = if linked { t.linked } else { t.item };
    let mut spans = vec![
        Span::styled(marker, if linked { t.linked } else { t.item }),
        Span::styled(flag, flag_style),
        Span::raw(" "),
    ];
    if !level.is_empty() {
        spans.push(Span::styled(level, t.level));
    }
    spans.push(Span::styled(text::truncate(&item.text, room), text_style));
    let mut line = Line::from(spans);
    if selected {
        line = line.style(t.selected);
        buf.set_style(area, t.selected);
    }
    line.render(area, buf);
}

/// A level as three dots, readable without colour: ●●● high, ●●○, ●○○ low.
pub fn level_dots(level: Level) -> &'static str {
    match level {
        Level::High => "●●●",
        Level::Medium => "●●○",
        Level::Low => "●○○",
    }
}

//! The canvas itself: the two halves, their six sections and the items.

use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::app::{Action, App, Editor, Mode};
use crate::canvas::{Item, Level, Section};
use crate::input::keymap::{Context, key_for};

use super::text;
use crate::app::list::{self, Placed, Placement, Slots};
use crate::layout::{self, Areas, Shape};
use crate::text::wrap;

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
    alternatives(app, a.alternatives, buf);
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
                let mut block = Block::bordered()
                    .border_set(if zoomed { border::THICK } else { border::PLAIN })
                    .border_style(if zoomed { t.title } else { t.half_border });
                if zoomed {
                    // The question the room answers at this step, on the frame.
                    let room = usize::from(area.width).saturating_sub(4);
                    let question = text::truncate_words(guiding_question(section), room);
                    block = block.title(Span::styled(format!(" {question} "), t.header));
                }
                block.render(area, buf);
            }
            _ => dividers(app, section, area, buf),
        }
        if let Some(c) = draw_section(app, a, section, &linked, buf) {
            cursor = Some(c);
        }
    }
    cursor
}

/// The one-line question a workshop asks of a section, in our own words.
pub fn guiding_question(section: Section) -> &'static str {
    section.question()
}

/// The alternatives under the products: what the customer does today, which
/// the statement's "unlike …" names.
fn alternatives(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height < 2 || area.width < 4 {
        return;
    }
    let t = app.active_theme();
    Block::new()
        .borders(Borders::TOP | Borders::RIGHT)
        .border_style(t.divider)
        .title(Span::styled(" Alternatives today ", t.section_title))
        .render(area, buf);
    let width = usize::from(area.width).saturating_sub(2);
    let words = app.alternatives_text();
    for (row, line) in wrap::lines(&words, width).into_iter().enumerate() {
        let y = area.y + 1 + row as u16;
        if y >= area.bottom() {
            break;
        }
        buf.set_stringn(area.x + 1, y, line, width, t.dim);
    }
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
        Section::Pains | Section::Gains => app.tally().flagged_count(section),
        _ => 0,
    }
}

/// A section: a title row (with how many items are out of view), then its
/// items, each wrapped onto as many lines as its text needs.
fn draw_section(
    app: &App,
    a: &Areas,
    section: Section,
    linked: &[u32],
    buf: &mut Buffer,
) -> Option<(u16, u16)> {
    let placement = app.placement(a, section);
    section_title(app, a, section, &placement, buf);
    let list = layout::list_area(a, section);
    if list.height == 0 {
        return None;
    }
    let slots = Slots::in_area(app, section, list, layout::gap(a, section));
    if slots.is_empty() {
        empty_hint(app, section, list, buf);
        return None;
    }
    section_items(app, section, list, &slots, &placement, linked, buf)
}

/// The title row: number, name, count and flags; what is out of view at its end.
fn section_title(app: &App, a: &Areas, section: Section, placement: &Placement, buf: &mut Buffer) {
    let t = app.active_theme();
    let area = layout::section_content(a, section);
    let focused = section == app.focus;
    let flags = flag_count(app, section);
    let mut title = format!(
        " {} {} ({})",
        section.index() + 1,
        section.title(),
        app.canvas().items(section).len()
    );
    if flags > 0 {
        title.push_str(&format!(" · {flags} !"));
    }
    let more = out_of_view(placement);
    let title_style = if focused {
        t.section_title_focused
    } else {
        t.section_title
    };
    let title_area = Rect { height: 1, ..area };
    super::cells::set_style(
        buf,
        title_area,
        if focused { title_style } else { Style::new() },
    );
    let more_w = if more.is_empty() {
        0
    } else {
        text::width(&more) + 1
    };
    let title_room = usize::from(area.width).saturating_sub(more_w);
    Paragraph::new(Span::styled(
        text::truncate(&title, title_room),
        title_style,
    ))
    .render(title_area, buf);
    if more_w > 0 && usize::from(area.width) > more_w + 4 {
        let x = area.right().saturating_sub(more_w as u16);
        buf.set_string(x, area.y, format!("{more} "), title_style.patch(t.dim));
    }
}

/// How many items are above and below the view (`↑2 ↓5`), empty when all show.
fn out_of_view(placement: &Placement) -> String {
    let mut more = String::new();
    if placement.above > 0 {
        more.push_str(&format!("↑{}", placement.above));
    }
    if placement.below > 0 {
        if !more.is_empty() {
            more.push(' ');
        }
        more.push_str(&format!("↓{}", placement.below));
    }
    more
}

/// An empty section: in the focused one, the key that adds an item.
fn empty_hint(app: &App, section: Section, list: Rect, buf: &mut Buffer) {
    let hint = if section == app.focus && !app.printout {
        let add = key_for(Context::Canvas, &Action::Add);
        format!(" {add} adds a {}", section.noun())
    } else {
        String::new()
    };
    Paragraph::new(Span::styled(
        text::truncate(&hint, usize::from(list.width)),
        app.active_theme().dim,
    ))
    .render(list, buf);
}

/// The placed slots, each an item or the editor; returns the text cursor
/// when the editor is among them.
fn section_items(
    app: &App,
    section: Section,
    list: Rect,
    slots: &Slots<'_>,
    placement: &Placement,
    linked: &[u32],
    buf: &mut Buffer,
) -> Option<(u16, u16)> {
    let focused = section == app.focus;
    let editing = matches!(app.mode, Mode::Edit(_));
    let mut cursor = None;
    for p in &placement.placed {
        let area = Rect {
            y: p.y,
            height: p.shown as u16,
            ..list
        };
        if let Some(editor) = slots.editing(p.slot) {
            cursor = editor_rows(app, section, editor, p, area, buf);
            continue;
        }
        let Some(item) = slots.item(p.slot) else {
            continue;
        };
        let is_selected = focused
            && !app.printout
            && !editing
            && slots.item_index(p.slot) == Some(app.selected_index(section));
        let look = ItemLook {
            selected: is_selected,
            linked: linked.contains(&item.id),
        };
        item_rows(app, section, item, look, p, area, buf);
    }
    cursor
}

/// The text field in place of an item, wrapped like the item; returns where
/// the cursor goes.
fn editor_rows(
    app: &App,
    section: Section,
    editor: &Editor,
    p: &Placed,
    area: Rect,
    buf: &mut Buffer,
) -> Option<(u16, u16)> {
    let t = app.active_theme();
    let gutter = list::gutter_width(section);
    let width = list::text_width(section, usize::from(area.width));
    let field = &editor.field;
    super::cells::set_style(buf, area, t.cursor_row);
    // The mark stands just before the text, which starts where item texts do.
    let mark_x = area.x + gutter.saturating_sub(2) as u16;
    if mark_x < area.right() {
        buf.set_string(mark_x, area.y, "›", t.cursor_row);
    }
    let at = super::entries::FieldAt {
        x: layout::cells(gutter),
        width,
        skip: p.skip,
    };
    super::entries::field(field, area, at, t.cursor_row, buf)
}

/// How an item is drawn: selected, or linked to the selection.
#[derive(Clone, Copy)]
struct ItemLook {
    selected: bool,
    linked: bool,
}

/// One item: the gutter (selection marker, flag, evidence cell, level) on its
/// first line, the text wrapped beside it, continuation lines under the text.
fn item_rows(
    app: &App,
    section: Section,
    item: &Arc<Item>,
    look: ItemLook,
    p: &Placed,
    area: Rect,
    buf: &mut Buffer,
) {
    if look.selected {
        super::cells::set_style(buf, area, app.active_theme().selected);
    }
    if p.skip == 0 {
        item_gutter(app, section, item, look, area, buf);
    }
    let gutter = list::gutter_width(section);
    if usize::from(area.width) > gutter {
        item_text(app, section, item, look, p, area, buf);
    }
}

/// The style of an item's text, and how a part of a selected item is drawn.
fn item_styles(app: &App, look: ItemLook) -> (Style, impl Fn(Style) -> Style + '_) {
    let t = app.active_theme();
    let text_style = if look.linked { t.linked } else { t.item };
    let patch = move |s: Style| {
        if look.selected {
            s.patch(t.selected)
        } else {
            s
        }
    };
    (text_style, patch)
}

/// The gutter on an item's first line: selection marker, flag, evidence
/// status, coach mark and (where the section has them) the level's dots.
fn item_gutter(
    app: &App,
    section: Section,
    item: &Item,
    look: ItemLook,
    area: Rect,
    buf: &mut Buffer,
) {
    let t = app.active_theme();
    let (text_style, patch) = item_styles(app, look);
    let marker = if look.selected {
        "▶"
    } else if look.linked {
        "◆"
    } else {
        " "
    };
    let (flag, flag_style) = if app.tally().is_flagged(item.id) {
        ("!", t.flag)
    } else if app.tally().is_unlinked(item.id) {
        ("?", t.warn)
    } else {
        (" ", t.item)
    };
    // The third cell is the evidence status, readable without colour;
    // the fourth the coach's calm mark.
    let mut spans = vec![
        Span::styled(marker, patch(text_style)),
        Span::styled(flag, patch(flag_style)),
        Span::styled(super::status_marker(app, item.status), patch(t.level)),
        Span::styled(coach_mark(app, section, item), patch(t.dim)),
        Span::raw(" "),
    ];
    if section.has_level() {
        spans.push(Span::styled(
            format!("{} ", level_dots(item.level)),
            patch(t.level),
        ));
    }
    super::cells::draw_line(&Line::from(spans), Rect { height: 1, ..area }, buf);
}

/// An item's text wrapped beside the gutter, the tag dimmed, the visible
/// rows only, with `…` where the view cuts it short.
fn item_text(
    app: &App,
    section: Section,
    item: &Arc<Item>,
    look: ItemLook,
    p: &Placed,
    area: Rect,
    buf: &mut Buffer,
) {
    let t = app.active_theme();
    let (text_style, patch) = item_styles(app, look);
    let gutter = list::gutter_width(section);
    let width = list::text_width(section, usize::from(area.width));
    let list::ItemLines {
        words,
        tag_len,
        lines: ranges,
    } = list::item_lines(section, item, width);
    let x = area.x + gutter as u16;
    let last_shown = p.skip + p.shown;
    for (row, range) in ranges.iter().enumerate().skip(p.skip).take(p.shown) {
        let y = area.y + (row - p.skip) as u16;
        let line = wrap::visible(&words[range.clone()]);
        let start = range.start;
        let cut = row + 1 == last_shown && last_shown < ranges.len();
        let mut spans = Vec::new();
        if start < tag_len {
            let tag_end = (tag_len - start).min(line.len());
            spans.push(Span::styled(&line[..tag_end], patch(t.dim)));
            spans.push(Span::styled(&line[tag_end..], patch(text_style)));
        } else {
            spans.push(Span::styled(line, patch(text_style)));
        }
        if cut {
            spans.push(Span::styled("…", patch(t.dim)));
        }
        let row_area = Rect {
            x,
            y,
            width: width as u16,
            height: 1,
        };
        super::cells::draw_line(&Line::from(spans), row_area, buf);
        if cut && wrap::cells(line) >= width && row_area.width > 0 {
            // A full line: the mark takes its last cell.
            buf.set_string(row_area.right() - 1, y, "…", patch(t.dim));
        }
    }
}

/// The coach's calm mark when it has a hint about the item, else a space.
/// Not in projector mode: the room sees the canvas, the editor gets the advice.
fn coach_mark(app: &App, section: Section, item: &Item) -> &'static str {
    if app.projector.is_some() || app.coach().item_rules(section, item).is_empty() {
        " "
    } else {
        super::coach::HINT_MARK
    }
}

/// A level as three dots, readable without colour: ●●● high, ●●○, ●○○ low.
pub fn level_dots(level: Level) -> &'static str {
    match level {
        Level::High => "●●●",
        Level::Medium => "●●○",
        Level::Low => "●○○",
    }
}

//! The test board: the cards grouped by state on the left, the selected card
//! in the method's words on the right (its fields editable when open).

use ratatui::buffer::Buffer;
use ratatui::layout::{Direction, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::app::{Action, App, BoardView, CardEdit, CardField, CardPicker};
use crate::canvas::ItemId;
use crate::input::keymap::Context;
use crate::layout::split;

use super::entries::{self, Entry};
use super::overlay::frame;
use super::{hint_text, status_marker, text};

/// Draws the board; returns the text cursor when a field is being typed.
pub fn draw(app: &App, view: &BoardView, area: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
    let rect = app.overlay_area(area)?;
    let inner = frame(app, rect, " Test board ", &bottom_hints(view), buf);
    if inner.width < 10 || inner.height < 3 {
        return None;
    }
    let entries = app.board_entries();
    let selected = view
        .selected
        .filter(|id| entries.iter().any(|e| e.id == *id))
        .or_else(|| entries.first().map(|e| e.id));
    let open = view.card.as_ref().filter(|_| selected.is_some());
    let form_open = view.results.is_some() && selected.is_some();
    // Side by side when there is room; otherwise the open card alone.
    let [list, card] = if inner.width >= 70 {
        split::percent(inner, Direction::Horizontal, 38)
    } else if open.is_some() || form_open {
        [Rect::default(), inner]
    } else {
        [inner, Rect::default()]
    };
    if list.width > 0 {
        draw_list(
            app,
            &entries,
            selected,
            open.is_none() && !form_open,
            list,
            buf,
        );
    }
    let (Some(id), true) = (selected, card.width > 0) else {
        if entries.is_empty() && card.width > 0 {
            empty(app, card, buf);
        }
        return None;
    };
    let form = view.results.as_ref();
    let card = if list.width > 0 {
        Block::new()
            .borders(Borders::LEFT)
            .border_style(app.active_theme().divider)
            .render(card, buf);
        Rect {
            x: card.x + 2,
            width: card.width.saturating_sub(2),
            ..card
        }
    } else {
        card
    };
    match form {
        Some(form) => super::results::draw_form(app, id, form, card, buf),
        None => draw_card(app, id, open, card, buf),
    }
}

fn bottom_hints(view: &BoardView) -> String {
    if let Some(form) = &view.results {
        return if form.edit.is_some() {
            hint_text(
                Context::Text,
                &[(Action::Confirm, "keep"), (Action::Cancel, "cancel")],
            )
        } else {
            hint_text(
                Context::Results,
                &[
                    (Action::Confirm, "edit"),
                    (Action::Right, "converted"),
                    (Action::Add, "add variant"),
                    (Action::Delete, "clear"),
                    (Action::Cancel, "back"),
                ],
            )
        };
    }
    match view.card.as_ref().map(|c| &c.edit) {
        None => hint_text(
            Context::Board,
            &[
                (Action::Add, "new test"),
                (Action::Confirm, "open"),
                (Action::NextState, "move on"),
                (Action::Results, "results"),
                (Action::RecordLearning, "learning"),
                (Action::Cancel, "close"),
            ],
        ),
        Some(None) => hint_text(
            Context::Card,
            &[
                (Action::Confirm, "edit"),
                (Action::NextState, "move on"),
                (Action::Results, "results"),
                (Action::RecordLearning, "learning"),
                (Action::Cancel, "back"),
            ],
        ),
        Some(Some(CardEdit::Text(_))) => hint_text(
            Context::Text,
            &[(Action::Confirm, "keep"), (Action::Cancel, "cancel")],
        ),
        Some(Some(CardEdit::Pick(_))) => hint_text(
            Context::Picker,
            &[
                (Action::Toggle, "tick"),
                (Action::Confirm, "keep"),
                (Action::Cancel, "cancel"),
            ],
        ),
    }
}

fn empty(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.active_theme();
    let new = super::key_of(Context::Board, &Action::Add);
    let lines = vec![
        Line::from(Span::styled("No tests yet.", t.header)),
        Line::default(),
        Line::from(Span::styled(
            "Test the riskiest assumptions first, with real customers.",
            t.item,
        )),
        Line::from(vec![
            Span::styled(format!("{new} "), t.key),
            Span::styled(
                "writes a test card for the item selected on the canvas.",
                t.item,
            ),
        ]),
    ];
    Paragraph::new(lines)
        .wrap(ratatui::widgets::Wrap { trim: true })
        .render(area, buf);
}

/// The cards, grouped (Running, Planned, Done, Learnings), newest first.
fn draw_list(
    app: &App,
    entries: &[crate::app::BoardEntry],
    selected: Option<ItemId>,
    active: bool,
    area: Rect,
    buf: &mut Buffer,
) {
    let t = app.active_theme();
    let mut lines: Vec<(Line, bool)> = Vec::new();
    let mut selected_row = 0;
    for group in crate::app::BoardGroup::ALL {
        let cards: Vec<_> = entries.iter().filter(|e| e.group == group).collect();
        lines.push((
            Line::from(Span::styled(
                format!("{} ({})", group.title(), cards.len()),
                t.section_title,
            )),
            false,
        ));
        for e in cards {
            let is_selected = selected == Some(e.id);
            if is_selected {
                selected_row = lines.len();
            }
            let mut spans = vec![Span::raw(if is_selected { "▶ " } else { "  " })];
            let mut tail = String::new();
            if let Some(test) = app.canvas().test(e.id) {
                if test.is_overdue(app.today) {
                    spans.push(Span::styled("overdue ", t.flag));
                } else if let Some(d) = test
                    .deadline
                    .filter(|_| test.state != crate::canvas::TestState::Done)
                {
                    tail = format!(" · due {d}");
                }
            }
            let used = 2 + spans
                .iter()
                .skip(1)
                .map(|s| text::width(&s.content))
                .sum::<usize>();
            let room = usize::from(area.width).saturating_sub(used + text::width(&tail));
            spans.push(Span::styled(
                text::truncate(&text::safe(&app.card_title(e.id)), room),
                t.item,
            ));
            spans.push(Span::styled(tail, t.dim));
            lines.push((Line::from(spans), is_selected));
            if let Some(line) = super::results::list_line(app, e.id, usize::from(area.width)) {
                lines.push((line, false));
            }
        }
    }
    let rows = usize::from(area.height);
    let scroll = crate::layout::scroll_to_show(0, selected_row, rows, lines.len());
    for (row, (line, is_selected)) in lines.into_iter().enumerate().skip(scroll).take(rows) {
        let row_area = Rect {
            y: area.y + (row - scroll) as u16,
            height: 1,
            ..area
        };
        let mut line = line;
        if is_selected {
            let style = if active { t.selected } else { t.cursor_row };
            line = line.style(style);
            super::cells::set_style(buf, row_area, style);
        }
        line.render(row_area, buf);
    }
}

/// One card: its kind and state, then each field with its label.
fn draw_card(
    app: &App,
    id: ItemId,
    open: Option<&crate::app::CardForm>,
    area: Rect,
    buf: &mut Buffer,
) -> Option<(u16, u16)> {
    let t = app.active_theme();
    let width = usize::from(area.width);
    let mut lines: Vec<Line> = Vec::new();
    let head = if let Some(test) = app.canvas().test(id) {
        let mut head = format!("Test card · {}", test.state.name());
        if let Some(d) = test.deadline {
            head.push_str(&format!(" · deadline {d}"));
        }
        let overdue = test.is_overdue(app.today);
        let mut spans = vec![Span::styled(head, t.header)];
        if overdue {
            spans.push(Span::styled(" · overdue", t.flag));
        }
        Line::from(spans)
    } else {
        let from = app
            .canvas()
            .learning(id)
            .and_then(|l| l.test)
            .map(|t| format!(" · from “{}”", app.card_title(t)))
            .unwrap_or_default();
        Line::from(Span::styled(format!("Learning card{from}"), t.header))
    };
    lines.push(head);
    // What the numbers say comes first: it is what the card is for, once measured.
    if let Some(test) = app.canvas().test(id) {
        lines.extend(super::results::card_lines(app, test, width));
    }
    let mut cursor_row = None;
    let mut field_row = 0;
    let fields = app.card_fields(id);
    let at = open.map(|c| c.field.min(fields.len() - 1));
    for (i, field) in fields.iter().enumerate() {
        lines.push(Line::default());
        let is_at = at == Some(i);
        if is_at {
            field_row = lines.len();
        }
        let label_style = if is_at { t.selected } else { t.key };
        lines.push(Line::from(Span::styled(
            format!("{}{}", if is_at { "▶ " } else { "" }, field.label()),
            label_style,
        )));
        match open.and_then(|c| c.edit.as_ref()).filter(|_| is_at) {
            Some(CardEdit::Text(f)) => {
                cursor_row = Some(typed_lines(app, f, width, &mut lines));
            }
            _ => lines.extend(field_lines(app, id, *field, width)),
        }
    }

    let rows = usize::from(area.height);
    let last = cursor_row.map_or(field_row + 1, |(r, _)| r);
    let scroll = last.saturating_sub(rows.saturating_sub(1)).min(field_row);
    Paragraph::new(lines)
        .scroll((u16::try_from(scroll).unwrap_or(0), 0))
        .render(area, buf);
    if let Some(CardEdit::Pick(picker)) = open.and_then(|c| c.edit.as_ref()) {
        let label = at
            .and_then(|i| fields.get(i))
            .map_or("Choose", |f| f.label());
        draw_picker(app, picker, &format!(" {label}: pick "), area, buf);
        return None;
    }
    let (row, col) = cursor_row?;
    let y = row.checked_sub(scroll).filter(|r| *r < rows)?;
    let x = area.x + u16::try_from(col).ok()?;
    (x < area.right()).then_some((x, area.y + y as u16))
}

/// A card's field being typed, wrapped at spaces under its label so every
/// word of it is read (a learning's observed numbers and verdict run long).
/// Returns the cursor's (row, column) in `lines`.
fn typed_lines(
    app: &App,
    f: &crate::app::TextField,
    width: usize,
    lines: &mut Vec<Line<'static>>,
) -> (usize, usize) {
    let style = app.active_theme().cursor_row;
    let room = width.saturating_sub(2).max(1);
    let first = lines.len();
    // The field's own kept lines: typing does not wrap the whole text again.
    for (i, shown) in f.shown_lines(room, 0, usize::MAX).into_iter().enumerate() {
        let mark = if i == 0 { "› " } else { "  " };
        lines.push(Line::from(vec![
            Span::styled(mark, style),
            Span::styled(shown.to_owned(), style),
        ]));
    }
    if lines.len() == first {
        lines.push(Line::from(Span::styled("› ", style)));
    }
    let (line, col) = f.position(room);
    (first + line, 2 + col)
}

/// A field's value under its label: text wrapped to the width, a list one
/// entry per line with its status, "—" when empty.
fn field_lines(app: &App, id: ItemId, field: CardField, width: usize) -> Vec<Line<'static>> {
    let t = app.active_theme();
    if field.is_list() {
        let ids = list_ids(app, id, field);
        if ids.is_empty() {
            return vec![Line::from(Span::styled("  —", t.dim))];
        }
        return ids
            .into_iter()
            .map(|i| {
                let prefix = match (app.canvas().item(i), app.canvas().position_of(i)) {
                    (Some(item), Some(p)) => format!(
                        "  {} {}: ",
                        status_marker(app, item.status),
                        p.section.noun()
                    ),
                    _ => "  statement: ".to_owned(),
                };
                let room = width.saturating_sub(text::width(&prefix));
                Line::from(vec![
                    Span::styled(prefix, t.level),
                    Span::styled(text::truncate(&text::safe(&app.id_name(i)), room), t.item),
                ])
            })
            .collect();
    }
    let value = app.card_value(id, field);
    if value.trim().is_empty() {
        return vec![Line::from(Span::styled("  —", t.dim))];
    }
    wrap_words(&text::safe(&value), width.saturating_sub(2).max(1))
        .into_iter()
        .map(|l| Line::from(Span::styled(format!("  {l}"), t.item)))
        .collect()
}

fn list_ids(app: &App, id: ItemId, field: CardField) -> Vec<ItemId> {
    let c = app.canvas();
    match field {
        CardField::Items => c.test(id).map(|t| t.items.clone()),
        CardField::Statements => c.test(id).map(|t| t.statements.clone()),
        CardField::Validated => c.learning(id).map(|l| l.validated.clone()),
        CardField::Invalidated => c.learning(id).map(|l| l.invalidated.clone()),
        _ => None,
    }
    .unwrap_or_default()
}

/// Words laid into lines of at most `width` cells (a longer word is cut).
pub(super) fn wrap_words(s: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        let need = text::width(&line) + usize::from(!line.is_empty()) + text::width(word);
        if !line.is_empty() && need > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while text::width(&line) > width {
            let head = text::truncate(&line, width + 1);
            let head = head.trim_end_matches('…').to_owned();
            if head.is_empty() {
                break;
            }
            line.replace_range(..head.len(), "");
            out.push(head);
        }
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

/// The picker for a list field, over the card and titled with the field it
/// fills: every candidate with a tick, its words wrapped whole.
fn draw_picker(app: &App, picker: &CardPicker, title: &str, area: Rect, buf: &mut Buffer) {
    let t = app.active_theme();
    let rows: Vec<Entry<'_>> = picker
        .candidates
        .iter()
        .map(|id| {
            let tick = if picker.chosen.contains(id) {
                "[x]"
            } else {
                "[ ]"
            };
            let (mark, what) = match app.canvas().item(*id) {
                Some(item) => (
                    status_marker(app, item.status),
                    app.canvas()
                        .position_of(*id)
                        .map_or("", |p| p.section.noun()),
                ),
                None => (" ", "statement"),
            };
            let prefix = format!("{tick} {mark} {what:<18} ");
            Entry::new(vec![Span::styled(prefix, t.key)], &app.id_name(*id), t.item)
        })
        .collect();
    let inner_width = usize::from(area.width.saturating_sub(2));
    let need: usize = rows.iter().map(|r| r.height(inner_width)).sum();
    let h = crate::layout::cells(need).saturating_add(2);
    let rect = crate::layout::centered(area, area.width, h);
    let inner = frame(app, rect, title, "", buf);
    entries::draw(&rows, Some(picker.cursor), t.selected, inner, buf);
}

#[cfg(test)]
#[path = "board_tests.rs"]
mod tests;

//! Overlays drawn over the canvas: the key help, the link picker, the
//! statement view, the export menu and the questions (recovery, conflict).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use crate::app::{Action, App, LinkPicker, Mode, StatementView};
use crate::canvas::{Item, Section};
use crate::export::Format;
use crate::input::keymap::{Context, bindings, key_for};
use crate::statement::Part;
use crate::theme::Theme;

use super::canvas_view::level_dots;
use super::entries::Entry;
use super::text;
use crate::app::list;
use crate::text::wrap;

/// A centred rectangle of at most `w`×`h` inside `area`.
/// Clears `rect` and draws a dialog frame with a title and a bottom hint;
/// returns the area inside.
pub(super) fn frame(app: &App, rect: Rect, title: &str, bottom: &str, buf: &mut Buffer) -> Rect {
    let t = app.active_theme();
    framed(rect, title, bottom, (t.title, t.dim), t.half_border, buf)
}

/// A dialog frame in given styles: (title, bottom hint) and the border.
pub(super) fn framed(
    rect: Rect,
    title: &str,
    bottom: &str,
    (title_style, bottom_style): (Style, Style),
    border_style: Style,
    buf: &mut Buffer,
) -> Rect {
    Clear.render(rect, buf);
    let mut block = Block::bordered()
        .border_set(border::ROUNDED)
        .border_style(border_style)
        .title(Span::styled(title.to_owned(), title_style));
    if !bottom.is_empty() {
        block = block.title_bottom(Span::styled(bottom.to_owned(), bottom_style));
    }
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

/// The contexts the editor's help lists.
pub const EDITOR_HELP: [Context; 12] = [
    Context::Canvas,
    Context::Text,
    Context::Picker,
    Context::Statement,
    Context::Notes,
    Context::TestNext,
    Context::Board,
    Context::Card,
    Context::Coach,
    Context::Room,
    Context::RoomVote,
    Context::Compare,
];

/// The notes after the editor's keys: what the marks mean, and credit.
const EDITOR_NOTES: [&str; 11] = [
    "Fit: pains 3/5 in the footer counts items; the percentages (the fit summary,",
    "check, reports) are weighted by level: top level 3, middle 2, lowest 1",
    "! a pain without a reliever, or a gain without a creator",
    "? a reliever or creator that addresses nothing, or a job no product helps with",
    "◆ linked to the selected item   ●●● level (high, medium, low)",
    "↑3 ↓5 items above and below the ones shown   func. social emot. supp. a job's kind",
    "~ testing   ✓ validated   ✗ invalidated (the item's evidence status)",
    "✎ the coach has a hint about the item (its hints show below the canvas)",
    "",
    "The Value Proposition Canvas is by Alexander Osterwalder",
    "and Strategyzer; vpcanvas is independent and not affiliated.",
];

/// How many lines the editor's help has: what its scroll is clamped to.
pub fn editor_help_lines() -> usize {
    help_lines(&EDITOR_HELP, &EDITOR_NOTES, &Theme::default()).len()
}

/// The key help of `contexts`, generated from the key table, then `notes`.
pub fn help_lines(contexts: &[Context], notes: &[&'static str], t: &Theme) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = Vec::new();
    let label = |b: &crate::input::keymap::Binding| {
        b.keys
            .iter()
            .map(crate::input::keymap::Key::label)
            .collect::<Vec<_>>()
            .join(" ")
    };
    // The key column is as wide as its widest entry, so nothing runs together.
    let key_width = bindings()
        .iter()
        .filter(|b| contexts.contains(&b.context))
        .map(|b| text::width(&label(b)))
        .max()
        .unwrap_or(0);
    for &ctx in contexts {
        lines.push(Line::from(Span::styled(ctx.title(), t.section_title)));
        for b in bindings().iter().filter(|b| b.context == ctx) {
            let keys = label(b);
            let pad = " ".repeat(key_width.saturating_sub(text::width(&keys)) + 2);
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys}{pad}"), t.key),
                Span::raw(b.help),
            ]));
        }
        lines.push(Line::default());
    }
    for &note in notes {
        lines.push(Line::from(Span::styled(note, t.dim)));
    }
    lines
}

/// The editor's key help.
pub fn help(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.active_theme();
    let lines = help_lines(&EDITOR_HELP, &EDITOR_NOTES, t);
    if let Some(rect) = app.overlay_area(area) {
        draw_help(lines, app.help_scroll, t, rect, buf);
    }
}

/// Draws help `lines` in a frame at `rect`, scrolled by `scroll` (which
/// `update` keeps within [`crate::layout::help_max_scroll`]).
pub fn draw_help(lines: Vec<Line<'static>>, scroll: u16, t: &Theme, rect: Rect, buf: &mut Buffer) {
    // One column that scrolls: two columns cut long lines into each other.
    let title = format!(
        " Keys — {} closes ",
        key_for(Context::Help, &Action::Cancel)
    );
    let inner = framed(rect, &title, "", (t.title, t.dim), t.half_border, buf);
    let rows = usize::from(inner.height);
    let max_scroll = u16::try_from(lines.len().saturating_sub(rows)).unwrap_or(u16::MAX);
    let scroll = scroll.min(max_scroll);
    Paragraph::new(lines).scroll((scroll, 0)).render(inner, buf);
    if max_scroll > 0 && inner.width > 12 {
        // The scroll keys, as the table has them (the arrows come first).
        let keys = |a: Action| {
            bindings()
                .iter()
                .find(|b| b.context == Context::Help && b.action == a)
                .and_then(|b| b.keys.get(1).or(b.keys.first()))
                .map(crate::input::Key::label)
                .unwrap_or_default()
        };
        let keys = format!("{}/{}", keys(Action::Down), keys(Action::Up));
        let more = if scroll < max_scroll {
            format!(" ↓ more ({keys}) ")
        } else {
            format!(" ↑ ({keys}) ")
        };
        let more = more.as_str();
        let x = inner
            .right()
            .saturating_sub(crate::layout::cells(text::width(more)));
        buf.set_string(x, rect.bottom().saturating_sub(1), more, t.key);
    }
}

/// The link picker: the other half's items with ticks.
pub fn picker(app: &App, picker: &LinkPicker, area: Rect, buf: &mut Buffer) {
    let Some(rect) = app.overlay_area(area) else {
        return;
    };
    let inner = frame(
        app,
        rect,
        &format!(" {} ", picker_title(picker.section)),
        &format!(
            " {} ticks · {} keeps · {} cancels ",
            key_for(Context::Picker, &Action::Toggle),
            key_for(Context::Picker, &Action::Confirm),
            key_for(Context::Picker, &Action::Cancel)
        ),
        buf,
    );
    if inner.height == 0 {
        return;
    }
    let head_rows = picker_source(app, picker, inner, buf);
    let list = Rect {
        y: inner.y + head_rows,
        height: inner.height.saturating_sub(head_rows),
        ..inner
    };
    picker_candidates(app, picker, list, buf);
}

/// What the picker lists, said from the source's side.
fn picker_title(candidates: Section) -> &'static str {
    match candidates {
        Section::Pains => "Pains it relieves",
        Section::Gains => "Gains it creates",
        Section::Jobs => "Jobs it helps with",
        Section::Relievers => "Relievers of this pain",
        Section::Creators => "Creators of this gain",
        Section::Products => "Products that help with this job",
    }
}

/// The source's words in full at the top (leaving a row for the list);
/// returns the rows they take.
fn picker_source(app: &App, picker: &LinkPicker, inner: Rect, buf: &mut Buffer) -> u16 {
    let source = app.canvas().item(picker.source);
    let source_text = source.map(|i| i.text.as_str()).unwrap_or_default();
    let head = format!("“{}”", text::safe(source_text));
    let width = usize::from(inner.width);
    let head_lines = wrap::lines(&head, width);
    let head_rows = head_lines
        .len()
        .min(usize::from(inner.height).saturating_sub(1).max(1));
    for (row, line) in head_lines.iter().take(head_rows).enumerate() {
        let style = app.active_theme().header;
        buf.set_stringn(inner.x, inner.y + row as u16, line, width, style);
    }
    head_rows as u16
}

/// The candidates, each wrapped, scrolled so the cursor's shows whole.
fn picker_candidates(app: &App, picker: &LinkPicker, list: Rect, buf: &mut Buffer) {
    let t = app.active_theme();
    let items = app.canvas().items(picker.section);
    let prefix_w = list::picker_prefix_width(picker.section);
    let text_w = usize::from(list.width).saturating_sub(prefix_w).max(1);
    let lines_of = |i: usize| {
        items.get(i).map_or(1, |item| {
            wrap::line_count(&list::item_text(picker.section, item).0, text_w)
        })
    };
    let rows = usize::from(list.height);
    let scroll = crate::layout::scroll_rows(0, picker.cursor, rows, items.len(), 0, &lines_of);
    let mut y = 0;
    for (index, item) in items.iter().enumerate().skip(scroll) {
        if y >= rows {
            break;
        }
        let (words, _) = list::item_text(picker.section, item);
        let lines = wrap::lines(&words, text_w);
        let shown = lines.len().min(rows - y);
        let area = Rect {
            y: list.y + y as u16,
            height: shown as u16,
            ..list
        };
        let style = if index == picker.cursor {
            super::cells::set_style(buf, area, t.selected);
            t.selected
        } else {
            Style::new()
        };
        buf.set_stringn(
            area.x,
            area.y,
            candidate_marks(app, picker, item),
            prefix_w,
            t.key.patch(style),
        );
        for (row, line) in lines.iter().take(shown).enumerate() {
            let x = area.x + prefix_w as u16;
            buf.set_stringn(x, area.y + row as u16, line, text_w, t.item.patch(style));
        }
        y += shown;
    }
}

/// A candidate's marks before its text: ticked or not, flagged, its level.
fn candidate_marks(app: &App, picker: &LinkPicker, item: &Item) -> String {
    let tick = if picker.chosen.contains(&item.id) {
        "[x]"
    } else {
        "[ ]"
    };
    let level = if picker.section.has_level() {
        format!("{} ", level_dots(item.level))
    } else {
        " ".to_owned()
    };
    let flag = if app.tally().is_flagged(item.id) {
        "!"
    } else {
        " "
    };
    format!("{tick} {flag}{level}")
}

/// The statement view: which statement is shown (the proposal or a saved
/// variant), its text wrapped whole, then each part of the proposal with its
/// choice wrapped beside it. Returns the text cursor while a name or text is
/// typed.
pub fn statement(
    app: &App,
    view: &StatementView,
    area: Rect,
    buf: &mut Buffer,
) -> Option<(u16, u16)> {
    let rect = app.overlay_area(area)?;
    let hints = statement_hints(view);
    let inner = frame(app, rect, " Value proposition ", &hints, buf);
    let width = usize::from(inner.width);
    let saved = view.shown(app.canvas()).is_some();
    variant_tabs(app, view, Rect { height: 1, ..inner }, buf);
    let (sentence, parts) = list::statement_lines(app, view, width);
    let mut y = inner.y + 2;
    let mut cursor = None;
    if let Some(edit) = &view.edit {
        if y + 1 >= inner.bottom() {
            return None;
        }
        let t = app.active_theme();
        let label = format!(" {}: ", edit.target.label());
        buf.set_stringn(inner.x, y, label, width, t.key);
        // The whole text, wrapped as it is typed (never scrolled sideways).
        let field = [Entry::typing(
            vec![Span::styled(" › ", t.cursor_row)],
            &edit.field,
        )];
        let rows = crate::layout::cells(field[0].height(width));
        let rows = rows.min(inner.bottom().saturating_sub(y + 1));
        let area = Rect {
            y: y + 1,
            height: rows,
            ..inner
        };
        cursor = super::entries::draw(&field, Some(0), t.cursor_row, area, buf);
        y += 1 + rows;
    } else {
        y = statement_sentence(app, &sentence, saved, inner, y, buf)?;
    }
    let below = Rect {
        y: y + 1,
        height: inner.bottom().saturating_sub(y + 1),
        ..inner
    };
    statement_parts(app, view, &parts, below, buf);
    cursor
}

/// The statement's text from row `y`, then what it is (saved words, or
/// proposed from the canvas); the row after it, or `None` when it fills the
/// frame.
fn statement_sentence(
    app: &App,
    sentence: &[String],
    saved: bool,
    inner: Rect,
    mut y: u16,
    buf: &mut Buffer,
) -> Option<u16> {
    let t = app.active_theme();
    let width = usize::from(inner.width);
    for line in sentence {
        if y >= inner.bottom() {
            return None;
        }
        buf.set_stringn(inner.x, y, line, width, t.header);
        y += 1;
    }
    let note = if saved {
        "Saved: its own words (the parts below build the proposal)"
    } else {
        "Proposed from the canvas: choose its parts below, then save it"
    };
    if y < inner.bottom() {
        buf.set_stringn(inner.x, y, note, width, t.dim);
    }
    Some(y + 1)
}

/// Each part of the proposal, its label and its choice wrapped beside it,
/// the part being chosen highlighted, as many as fit in `area`.
fn statement_parts(
    app: &App,
    view: &StatementView,
    parts: &[Vec<String>],
    area: Rect,
    buf: &mut Buffer,
) {
    let t = app.active_theme();
    let saved = view.shown(app.canvas()).is_some();
    let width = usize::from(area.width);
    let room = width.saturating_sub(list::STATEMENT_LABEL);
    let mut y = area.y;
    for (i, (part, lines)) in Part::ALL.into_iter().zip(parts).enumerate() {
        // While a saved variant is shown the parts are its proposal's, dimmed.
        let style = if saved {
            t.dim
        } else if i == view.part {
            t.selected
        } else {
            Style::new()
        };
        let rows = lines
            .len()
            .min(usize::from(area.bottom().saturating_sub(y)));
        if rows == 0 {
            return;
        }
        let rows_area = Rect {
            y,
            height: rows as u16,
            ..area
        };
        super::cells::set_style(buf, rows_area, style);
        let label = format!(" {:<22}", part.label());
        buf.set_stringn(
            area.x,
            y,
            label,
            list::STATEMENT_LABEL.min(width),
            t.key.patch(style),
        );
        for (row, line) in lines.iter().take(rows).enumerate() {
            let x = area.x + list::STATEMENT_LABEL as u16;
            if room > 0 {
                buf.set_stringn(x, y + row as u16, line, room, style);
            }
        }
        y += rows as u16;
    }
}

/// The statement view's bottom line: its keys, from the key table.
fn statement_hints(view: &StatementView) -> String {
    if view.edit.is_some() {
        return super::hint_text(
            Context::Text,
            &[(Action::Confirm, "keep"), (Action::Cancel, "cancel")],
        );
    }
    let ctx = Context::Statement;
    let arrows = format!(
        " {}{} part · {}{} choose ·",
        super::key_of(ctx, &Action::Up),
        super::key_of(ctx, &Action::Down),
        super::key_of(ctx, &Action::Left),
        super::key_of(ctx, &Action::Right),
    );
    let keys = super::hint_text(
        ctx,
        &[
            (Action::NextVariant, "variants"),
            (Action::SaveVariant, "save"),
            (Action::Edit, "edit"),
            (Action::RenameVariant, "rename"),
            (Action::CopyItem, "copy"),
            (Action::Cancel, "close"),
        ],
    );
    format!("{arrows}{keys}")
}

/// The proposal and every saved variant in a row, the one shown highlighted.
fn variant_tabs(app: &App, view: &StatementView, area: Rect, buf: &mut Buffer) {
    let t = app.active_theme();
    let shown = view.shown(app.canvas());
    let mut spans = vec![Span::styled(" ", t.dim)];
    let proposal_style = if shown.is_none() { t.selected } else { t.dim };
    spans.push(Span::styled(" Proposal ", proposal_style));
    for (i, s) in app.canvas().statements.iter().enumerate() {
        spans.push(Span::styled("│", t.dim));
        let style = if view.variant == Some(i) && shown.is_some() {
            t.selected
        } else {
            t.key
        };
        // A statement that won a measured test says so (SPEC §13).
        let won = !crate::verdict::won_by(app.canvas(), s.id).is_empty();
        spans.push(Span::styled(
            format!(
                " {}{} ",
                if won { "★ won: " } else { "" },
                text::truncate(&text::safe(&s.name), 24)
            ),
            style,
        ));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

/// The export menu: which format, and where it will be written.
pub fn export(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.active_theme();
    let Some(rect) = app.overlay_area(area) else {
        return;
    };
    let inner = frame(
        app,
        rect,
        " Export next to the canvas ",
        &format!(" {} cancels ", key_for(Context::Export, &Action::Cancel)),
        buf,
    );
    let name = |f: Format| {
        app.export_path(f)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let lines: Vec<Line> = [
        ("Markdown", Format::Md),
        ("JSON", Format::Json),
        ("plain text", Format::Txt),
        ("SVG picture", Format::Svg),
        ("PNG picture", Format::Png),
        ("HTML report", Format::Html),
    ]
    .into_iter()
    .map(|(label, f)| {
        let key = key_for(Context::Export, &Action::ExportAs(f));
        Line::from(vec![
            Span::styled(format!("  {key}  "), t.key),
            Span::raw(format!("{label:<12}")),
            Span::styled(text::safe(&name(f)), t.dim),
        ])
    })
    .collect();
    Paragraph::new(lines).render(inner, buf);
}

/// A question that must be answered before going on: recovery or conflict.
pub fn question(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.active_theme();
    let Some(rect) = app.overlay_area(area) else {
        return;
    };
    let undo = key_for(Context::Canvas, &Action::Undo);
    let reload_theirs = format!("reload theirs ({undo} brings yours back)");
    let (title, body, options): (&str, String, [(Context, Action, &str); 3]) = match &app.mode {
        Mode::Recover(offer) => (
            " Unsaved work found ",
            format!(
                "vpcanvas found work on this canvas that never reached the file ({} items; the file has {}). Nothing is deleted until you choose.",
                offer.canvas.item_count(),
                app.canvas().item_count()
            ),
            [
                (Context::Recover, Action::RecoverSnapshot, "recover it"),
                (
                    Context::Recover,
                    Action::OpenSaved,
                    "open the saved file; keep the work for later",
                ),
                (Context::Recover, Action::DiscardSnapshot, "discard it"),
            ],
        ),
        _ => (
            " The file changed on disk ",
            format!(
                "Another program changed {} while it was open here. Nothing has been overwritten.",
                app.doc
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ),
            [
                (Context::Conflict, Action::ReloadFromDisk, &reload_theirs),
                (
                    Context::Conflict,
                    Action::KeepMine,
                    "keep mine (theirs goes to .bak)",
                ),
                (
                    Context::Conflict,
                    Action::SaveCopy,
                    "save mine as a copy, then reload",
                ),
            ],
        ),
    };
    let warning = (t.status_warning, t.dim);
    let inner = framed(rect, title, "", warning, t.status_warning, buf);
    let mut lines = vec![Line::from(text::safe(&body)), Line::default()];
    for (context, action, what) in options {
        lines.push(Line::from(vec![
            Span::styled(format!("  {}  ", key_for(context, &action)), t.key),
            Span::raw(what),
        ]));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}

//! Drawing: pure functions of `&App`. Nothing here changes state.

mod board;
mod canvas_view;
mod cells;
pub mod coach;
pub mod compare;
mod countdown;
mod entries;
mod evidence;
mod find;
#[cfg(test)]
mod long_text_tests;
mod merge;
mod overlay;
mod results;
mod room;
mod status;

pub use overlay::{EDITOR_HELP, draw_help, editor_help_lines, help_lines};
mod summary;
pub mod text;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{Action, App, Mode, SaveState, Status};
use crate::canvas::Section;
use crate::input::keymap::{Context, context_of, fill, hints, key_for};
use crate::layout::{self, Shape};
use crate::theme::Theme;

/// Draws the whole editor.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let cursor = draw(app, area, frame.buffer_mut());
    if let Some((x, y)) = cursor {
        frame.set_cursor_position((x, y));
    }
}

/// Draws into a buffer; returns where the text cursor belongs, if typing.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
    let a = app.areas(area);
    if a.shape == Shape::TooSmall {
        too_small(area, buf);
        return None;
    }
    cells::set_style(buf, area, app.active_theme().base);
    header(app, area, a.header, buf);
    let mut cursor = canvas_view::draw(app, &a, buf);
    summary::draw(app, a.summary, buf);
    let on_summary = a.summary.width > 0;
    if on_summary || app.printout {
        // The summary speaks for itself.
    } else if let Some(c) = detail(app, a.detail, buf) {
        cursor = Some(c);
    }
    let long_status = footer(app, &a, buf);
    countdown::draw(app, &a, area, buf);
    match &app.mode {
        Mode::Help => overlay::help(app, area, buf),
        Mode::Link(picker) => overlay::picker(app, picker, area, buf),
        Mode::Statement(view) => cursor = overlay::statement(app, view, area, buf),
        Mode::Notes(view) => cursor = evidence::notes(app, view, area, buf),
        Mode::TestNext(at) => evidence::test_next(app, *at, area, buf),
        Mode::Board(view) => cursor = board::draw(app, view, area, buf),
        Mode::Export => overlay::export(app, area, buf),
        Mode::Recover(_) | Mode::Conflict => overlay::question(app, area, buf),
        Mode::Merge(view) => merge::conflicts(app, *view, area, buf),
        Mode::Coach(list) => coach::list(app, list, area, buf),
        Mode::Find(view) => cursor = find::draw(app, view, area, buf),
        Mode::Room(panel) => room::draw(app, panel, area, buf),
        Mode::Compare(view) => cursor = compare::draw(app, view, area, buf),
        _ => {}
    }
    // A long message took the line above the footer too: it stays over an
    // overlay's last row for its few seconds, unless something is typed there.
    if let Some(room) = long_status
        && cursor.is_none_or(|(_, y)| y + 1 < a.footer.y)
    {
        status::draw_long(app, &a, room, buf);
    }
    if app.ascii {
        text::asciify(buf);
        if matches!(app.mode, Mode::Room(_)) {
            room::redraw_code(app, area, buf);
        }
    }
    cursor
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let msg = format!(
        "terminal too small — at least {}×{} please",
        layout::MIN_WIDTH,
        layout::MIN_HEIGHT
    );
    Paragraph::new(msg)
        .wrap(Wrap { trim: true })
        .render_ref_safe(area, buf);
}

/// `Paragraph` drawing that tolerates empty areas.
trait RenderSafe {
    fn render_ref_safe(self, area: Rect, buf: &mut Buffer);
}

impl<W: ratatui::widgets::Widget> RenderSafe for W {
    fn render_ref_safe(self, area: Rect, buf: &mut Buffer) {
        if area.width > 0 && area.height > 0 {
            self.render(area, buf);
        }
    }
}

/// The workshop timer as text and its style: calm, then marked in the last
/// minute, then "time's up".
fn timer_label(app: &App) -> Option<(String, ratatui::style::Style)> {
    let t = app.active_theme();
    let timer = app.timer?;
    let now = app.now;
    let paused = if timer.is_running() { "" } else { " (paused)" };
    Some(if timer.is_over(now) {
        ("⏱ time's up".to_owned(), t.status_error)
    } else if timer.remaining(now).as_secs() < 60 {
        (format!("⏱ {}{paused}", timer.label(now)), t.status_warning)
    } else {
        (format!("⏱ {}{paused}", timer.label(now)), t.header)
    })
}

/// The title drawn large for a room (`lines` of glyphs, as
/// [`App::big_title`] chose), with the segment and the timer on the line under it.
fn big_header(app: &App, lines: Vec<String>, area: Rect, buf: &mut Buffer) {
    let t = app.active_theme();
    let [title_rows, sub] = crate::layout::split::lengths(
        area,
        ratatui::layout::Direction::Vertical,
        [
            crate::layout::split::Part::Fixed(area.height.saturating_sub(1)),
            crate::layout::split::Part::Fixed(1),
        ],
    );
    tui_big_text::BigText::builder()
        .pixel_size(tui_big_text::PixelSize::Quadrant)
        .style(t.title)
        .lines(lines.into_iter().map(Line::from).collect::<Vec<_>>())
        .build()
        .render_ref_safe(title_rows, buf);
    let mut spans = Vec::new();
    if !app.canvas().segment.trim().is_empty() {
        spans.push(Span::styled(
            format!(" for {}", text::safe(&app.canvas().segment)),
            t.header,
        ));
    }
    Paragraph::new(Line::from(spans)).render_ref_safe(sub, buf);
    if let Some(caution) = &app.doc.caution {
        Paragraph::new(Span::styled(
            format!(" ! {} ", text::safe(caution)),
            t.status_error,
        ))
        .alignment(Alignment::Right)
        .render_ref_safe(sub, buf);
    }
    if let Some((label, style)) = timer_label(app) {
        Paragraph::new(Span::styled(format!(" {label} "), style))
            .alignment(Alignment::Right)
            .render_ref_safe(sub, buf);
    }
}

fn header(app: &App, screen: Rect, area: Rect, buf: &mut Buffer) {
    if area.height > 1
        && let Some(lines) = app.big_title(screen)
    {
        big_header(app, lines, area, buf);
        return;
    }
    let t = app.active_theme();
    let (state, style) = match (&app.doc.read_only, &app.save_state) {
        (Some(_), _) => ("read-only", t.unsaved),
        (None, SaveState::Saved) => ("saved", t.saved),
        (None, SaveState::New) => ("new — written on first edit", t.dim),
        (None, SaveState::Unsaved) => ("unsaved", t.unsaved),
        (None, SaveState::Failed(_)) => ("NOT SAVED", t.status_error),
    };
    let file = app
        .doc
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let timer = timer_label(app);
    let timer_text = timer
        .as_ref()
        .map(|(l, _)| format!(" {l} ·"))
        .unwrap_or_default();
    let caution = app
        .doc
        .caution
        .as_ref()
        .map(|c| format!(" ! {} ", text::safe(c)));
    let right = format!(
        "{timer_text}{} {file} · {state} ",
        caution
            .as_ref()
            .map(|c| format!("{c}·"))
            .unwrap_or_default()
    );
    let right_w = text::width(&right);
    let title = if app.canvas().title.trim().is_empty() {
        "Untitled canvas"
    } else {
        app.canvas().title.as_str()
    };
    let mut left = text::safe(title);
    if !app.canvas().segment.trim().is_empty() {
        left.push_str(" · for ");
        left.push_str(&text::safe(&app.canvas().segment));
    }
    let room = usize::from(area.width).saturating_sub(right_w + 1);
    let left = text::truncate(&left, room);
    Paragraph::new(Line::from(vec![Span::styled(format!(" {left}"), t.title)]))
        .render_ref_safe(area, buf);
    let file_part = format!(" {file} · ");
    let mut spans = Vec::new();
    if let Some((label, timer_style)) = timer {
        spans.push(Span::styled(format!(" {label} "), timer_style));
        spans.push(Span::styled("·", t.dim));
    }
    if let Some(caution) = caution {
        spans.push(Span::styled(caution, t.status_error));
        spans.push(Span::styled("·", t.dim));
    }
    spans.push(Span::styled(file_part, t.dim));
    spans.push(Span::styled(format!("{state} "), style));
    let line = Line::from(spans);
    Paragraph::new(line)
        .alignment(Alignment::Right)
        .render_ref_safe(area, buf);
}

/// The line under the canvas: the selected item in full, or the field being
/// typed when it is not an item (title, segment, alternatives).
fn detail(app: &App, area: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
    let t = app.active_theme();
    if let Mode::Edit(editor) = &app.mode {
        let Some(label) = editor.target.label() else {
            // The coach reads the item's text as it is typed.
            let mut spans = vec![Span::raw(" ")];
            if let Some(hint) = coach::hint_line(&app.draft_hints(), false) {
                spans.push(Span::styled(hint, t.item));
                spans.push(Span::styled(" · ", t.dim));
            }
            let keys = format!(
                "{} keeps · {} cancels",
                key_for(Context::Text, &Action::Confirm),
                key_for(Context::Text, &Action::Cancel)
            );
            spans.push(Span::styled(keys, t.dim));
            Paragraph::new(Line::from(spans)).render_ref_safe(area, buf);
            return None;
        };
        return field_rows(app, label, &editor.field, area, buf);
    }
    let Some(item) = app.selected_item() else {
        let msg = format!(
            " No {} yet — press {} to add one",
            app.focus.noun(),
            key_for(Context::Canvas, &Action::Add)
        );
        Paragraph::new(Span::styled(msg, t.dim)).render_ref_safe(area, buf);
        return None;
    };
    // What the canvas does not show comes first (level, kind, links, the
    // flag's meaning); the item's own words, drawn whole above, come last.
    let section = app.focus;
    let mut parts: Vec<(String, Style)> = Vec::new();
    let tags = crate::export::item_tags(section, item);
    if !tags.is_empty() {
        parts.push((tags, t.level));
    }
    let room = usize::from(area.width).saturating_sub(1);
    let linked = crate::export::linked_texts(app.canvas(), item, room);
    if !linked.is_empty() {
        let verb = crate::export::link_verb(section);
        parts.push((format!("{verb}: {}", text::safe(&linked)), t.linked));
    }
    if app.tally().is_flagged(item.id) {
        let what = if section == crate::canvas::Section::Pains {
            "no pain reliever yet"
        } else {
            "no gain creator yet"
        };
        let link = key_for(Context::Canvas, &Action::Link);
        parts.push((format!("! {what} ({link} links one)"), t.flag));
    }
    if app.projector.is_none()
        && let Some(hint) = coach::hint_line(&app.selected_hints(), true)
    {
        parts.push((hint, t.item));
    }
    parts.push((text::safe(&crate::text::head(&item.text, room)), t.item));
    let mut line = fit_parts(&parts, (" · ", t.dim), room);
    line.spans.insert(0, Span::raw(" "));
    Paragraph::new(line).render_ref_safe(area, buf);
    None
}

/// A field typed under the canvas: its label, then the text wrapped beside
/// it over as many rows as there are, following the cursor when there are
/// fewer rows than lines. Returns where the cursor goes.
fn field_rows(
    app: &App,
    label: &str,
    field: &crate::app::TextField,
    area: Rect,
    buf: &mut Buffer,
) -> Option<(u16, u16)> {
    let t = app.active_theme();
    if area.width == 0 || area.height == 0 {
        return None;
    }
    let label = format!(" {label}");
    let indent = text::width(&label);
    let room = usize::from(area.width).saturating_sub(indent + 1);
    if room == 0 {
        Paragraph::new(Span::styled(label, t.key)).render_ref_safe(area, buf);
        return None;
    }
    buf.set_stringn(area.x, area.y, &label, usize::from(area.width), t.key);
    // The cursor's line in view, the field drawn as every field is.
    let (line, _) = field.position(room);
    let skip = (line + 1).saturating_sub(usize::from(area.height));
    // A suggested default shows selected: typing replaces it.
    let style = if field.is_selected() {
        t.selected
    } else {
        t.base
    };
    let at = entries::FieldAt {
        x: layout::cells(indent),
        width: room,
        skip,
    };
    entries::field(field, area, at, style, buf)
}

/// Parts of a line joined by a separator and cut to `width` cells at a word
/// boundary, ending with "…" when cut: never in the middle of a word.
pub fn fit_parts(parts: &[(String, Style)], sep: (&str, Style), width: usize) -> Line<'static> {
    let mut full = String::new();
    let mut pieces = Vec::new();
    for (i, (words, style)) in parts.iter().enumerate() {
        if i > 0 {
            let start = full.len();
            full.push_str(sep.0);
            pieces.push((start, full.len(), sep.1));
        }
        let start = full.len();
        full.push_str(words);
        pieces.push((start, full.len(), *style));
    }
    let cut = if crate::text::wrap::cells(&full) <= width {
        full.len()
    } else {
        let kept = text::truncate_words(&full, width);
        let kept = kept.strip_suffix('…').unwrap_or(&kept);
        // A cut right after a separator leaves no dangling " ·".
        kept.trim_end_matches([' ', '·']).len().min(full.len())
    };
    let mut spans: Vec<Span<'static>> = pieces
        .into_iter()
        .filter(|(start, _, _)| *start < cut)
        .map(|(start, end, style)| Span::styled(full[start..end.min(cut)].to_owned(), style))
        .collect();
    if cut < full.len() {
        spans.push(Span::styled("…", sep.1));
    }
    Line::from(spans)
}

/// The line under the canvas: hints or a message at the left, the fit at the
/// right. A message too long for it is drawn by [`status::draw_long`]: then
/// the room it had is returned, to draw it again over any overlay.
fn footer(app: &App, a: &layout::Areas, buf: &mut Buffer) -> Option<usize> {
    let area = a.footer;
    let t = app.active_theme();
    let width = usize::from(area.width);
    let fit = fit_text(app, width);
    let fit_style = if app.tally().has_gaps() {
        t.flag
    } else {
        t.saved
    };
    let fit_w = if text::width(&fit) < width {
        text::width(&fit)
    } else {
        0
    };
    let fit = if fit_w == 0 { String::new() } else { fit };
    let room = width.saturating_sub(fit_w + 1);
    if !app.printout && status::draw_long(app, a, room, buf) {
        return Some(room);
    }
    let left = footer_left(app, room);
    Paragraph::new(left).render_ref_safe(area, buf);
    if usize::from(area.width) > fit_w {
        let fit_area = Rect {
            x: area.right().saturating_sub(crate::layout::cells(fit_w)),
            width: crate::layout::cells(fit_w),
            ..area
        };
        Paragraph::new(Span::styled(fit, fit_style)).render_ref_safe(fit_area, buf);
    }
    None
}

/// The fit at the footer's right, as long as the line has room for beside
/// what its left side needs: in full, short, tiny, or not at all.
fn fit_text(app: &App, width: usize) -> String {
    // From the tally, kept edit by edit: the whole analysis is not
    // computed again for every frame.
    let tally = app.tally();
    let (pe, ge) = (
        tally.evidenced(Section::Pains),
        tally.evidenced(Section::Gains),
    );
    let (pains, gains) = (
        tally.coverage(Section::Pains),
        tally.coverage(Section::Gains),
    );
    let long_fit = format!(
        " Fit: pains {}/{} ({} evidenced) · gains {}/{} ({} evidenced) ",
        pains.addressed, pains.total, pe.addressed, gains.addressed, gains.total, ge.addressed
    );
    // On a narrow screen the fit goes short, and a status message (a failed
    // save above all) takes the whole line rather than vanish.
    let short_fit = format!(
        " Fit: pains {}/{} · gains {}/{} ({}+{} evidenced) ",
        pains.addressed, pains.total, gains.addressed, gains.total, pe.addressed, ge.addressed
    );
    // A status message keeps the room it needs; hints make do with 24 cells.
    // A running export's progress goes before it.
    let progress = app.export_progress().map_or(0, |p| text::width(&p) + 3);
    let left_needs = progress + app.status.as_ref().map_or(24, |s| text::width(&s.text) + 2);
    let tiny_fit = format!(
        " {}/{} pains {}/{} gains ",
        pains.addressed, pains.total, gains.addressed, gains.total
    );
    let fits = |fit: &String, left: usize| text::width(fit) + left <= width;
    if fits(&long_fit, left_needs) {
        long_fit
    } else if fits(&short_fit, left_needs.min(width / 2)) {
        short_fit
    } else if app.status.is_some() && !fits(&tiny_fit, left_needs.min(width / 2)) {
        String::new()
    } else {
        tiny_fit
    }
}

/// The footer's left side in `room` cells: while the room is open, its
/// round in a word (silent: counts only), then the rest.
fn footer_left(app: &App, room: usize) -> Line<'static> {
    let Some(desk) = app
        .room
        .as_ref()
        .filter(|_| !matches!(app.mode, Mode::Room(_)))
    else {
        return footer_rest(app, room);
    };
    let c = desk.room.counts();
    let said = match &desk.room.round {
        crate::room::Round::Idle => "open".to_owned(),
        crate::room::Round::Write { .. } => format!(
            "{} from {}",
            crate::room::state::count(c.notes, "note", "notes"),
            crate::room::state::count(c.writers, "person", "people")
        ),
        crate::room::Round::Vote { .. } => format!(
            "{} voted",
            crate::room::state::count(c.voters, "person has", "people have")
        ),
    };
    let key = key_for(Context::Canvas, &crate::app::Action::Room);
    let badge = format!(" Room: {said} ({key}) ");
    let used = text::width(&badge);
    let mut line = footer_rest(app, room.saturating_sub(used));
    line.spans
        .insert(0, Span::styled(badge, app.active_theme().title));
    line
}

/// A running export's progress, then the walkthrough step, the status
/// message, or the keys of the mode.
fn footer_rest(app: &App, room: usize) -> Line<'static> {
    let Some(progress) = app.export_progress() else {
        return footer_left_now(app, room);
    };
    let t = app.active_theme();
    let progress = format!(" {}", text::truncate(&progress, room.saturating_sub(1)));
    let used = text::width(&progress);
    let mut spans = vec![Span::styled(progress, t.status_info)];
    let rest = footer_left_now(app, room.saturating_sub(used + 2));
    if app.status.is_some() || app.walk_step().is_some() {
        spans.push(Span::styled(" ·", t.dim));
        spans.extend(rest.spans);
    }
    Line::from(spans)
}

/// The walkthrough step, the status message, or the keys of the mode.
fn footer_left_now(app: &App, room: usize) -> Line<'static> {
    let t = app.active_theme();
    match (&app.status, app.walk_step()) {
        // In projector mode the step is always shown, a message after it; a
        // room does not need key hints.
        (status, Some(step)) => {
            let step = format!(" step {} of 7", step + 1);
            let mut spans = vec![Span::styled(step.clone(), t.dim)];
            if let Some(status) = status {
                let room = room.saturating_sub(text::width(&step) + 2);
                spans.push(Span::styled(" ·", t.dim));
                spans.extend(status_line(status, context_of(&app.mode), t, room).spans);
            }
            Line::from(spans)
        }
        (Some(status), None) => status_line(status, context_of(&app.mode), t, room),
        // A printout has no key hints.
        (None, None) if app.printout => Line::default(),
        (None, None) => {
            let mut spans = Vec::new();
            let mut used = 0;
            for (key, help) in hints(context_of(&app.mode)) {
                let w = text::width(&key) + text::width(help) + 3;
                if used + w > room {
                    break;
                }
                used += w;
                spans.push(Span::styled(format!(" {key}"), t.key));
                spans.push(Span::styled(format!(" {help} "), t.dim));
            }
            Line::from(spans)
        }
    }
}

/// A status message in its style, cut to `width` cells at a word.
/// Key marks in it name the keys of `context`, the screen it is shown in.
pub fn status_line(
    status: &Status,
    context: Context,
    theme: &Theme,
    width: usize,
) -> Line<'static> {
    // Cut, where it must be, after a whole word.
    Line::from(Span::styled(
        format!(
            " {}",
            text::truncate_words(&fill(context, &status.text), width.saturating_sub(1))
        ),
        status::style(status, theme),
    ))
}

/// The buffer as plain text, one line per row, trailing spaces trimmed: what
/// `vpcanvas show` prints.
pub fn buffer_to_text(buf: &Buffer) -> String {
    use unicode_width::UnicodeWidthStr;
    let area = buf.area;
    let mut out = String::with_capacity((usize::from(area.width) + 1) * usize::from(area.height));
    // Row by row through the cells themselves: indexing by (x, y) checks
    // and computes each cell's place, a tenth of a small `show`'s work.
    let width = usize::from(area.width).max(1);
    for row in buf.content.chunks(width).take(usize::from(area.height)) {
        let from = out.len();
        let mut x = 0;
        while let Some(cell) = row.get(x) {
            let sym = cell.symbol();
            out.push_str(sym);
            // One byte is one ASCII cell (most of a frame): no width to look up.
            x += if sym.len() == 1 {
                1
            } else {
                sym.width().max(1)
            };
        }
        let kept = out[from..].trim_end().len();
        out.truncate(from + kept);
        out.push('\n');
    }
    out
}

/// The first key bound to `action` in `context`, as help writes it: every
/// key shown on screen comes from the key table.
pub(crate) fn key_of(context: Context, action: &crate::app::Action) -> String {
    crate::input::keymap::bindings()
        .iter()
        .find(|b| b.context == context && &b.action == action)
        .and_then(|b| b.keys.first())
        .map(crate::input::keymap::Key::label)
        .unwrap_or_default()
}

/// A dialog's bottom line of hints, " a add · Esc close ", from the key table.
pub(crate) fn hint_text(context: Context, hints: &[(crate::app::Action, &str)]) -> String {
    let parts: Vec<String> = hints
        .iter()
        .map(|(action, what)| format!("{} {what}", key_of(context, action)))
        .collect();
    format!(" {} ", parts.join(" · "))
}

/// An item's evidence status as its marker (ASCII under `--ascii`).
pub(crate) fn status_marker(app: &App, status: crate::canvas::Status) -> &'static str {
    if app.ascii {
        status.ascii_marker()
    } else {
        status.marker()
    }
}

//! The comparison (SPEC §12): the grid of scores (a row per factor, a column
//! for ours and one per alternative) with the value curve under it; in
//! projector mode the curve alone, large.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::app::{Action, App, CompareView};
use crate::compare::{Comparison, Factor};
use crate::input::keymap::Context;
use crate::layout::cells as to_cells;
use crate::text::wrap;

use super::entries::{self, FieldAt};
use super::overlay::frame;
use super::{hint_text, text};

/// Each offer's marker on the curve, ours first (drawn bold), so the lines
/// read without colour. More alternatives than markers reuse them in turn.
pub const MARKERS: [char; 7] = ['●', '◆', '▲', '■', '▼', '★', '✚'];

/// The marker of offer `n` (0 is ours).
pub fn marker(n: usize) -> char {
    match n {
        0 => MARKERS[0],
        n => MARKERS[1 + (n - 1) % (MARKERS.len() - 1)],
    }
}

/// The widest a score column grows for its name.
const SCORE_MAX: usize = 14;
/// The narrowest a score column is.
const SCORE_MIN: usize = 5;
/// The most rows the header (the verdict, or a name being typed) wraps onto.
const HEADER_ROWS: usize = 3;

/// Draws the comparison; returns the text cursor when a name is typed.
pub fn draw(app: &App, view: &CompareView, area: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
    let rect = app.overlay_area(area)?;
    let comparison = app.comparison();
    if app.projector.is_some() {
        // The whole screen above the footer: the big title's rows too.
        let rect = Rect {
            y: area.y,
            height: rect.bottom().saturating_sub(area.y),
            ..rect
        };
        let inner = frame(app, rect, " Against the alternatives ", "", buf);
        curve(app, &comparison, inner, true, buf);
        return None;
    }
    let inner = frame(app, rect, " Against the alternatives ", &hints(view), buf);
    if inner.width < 20 || inner.height < 4 {
        return None;
    }
    let (rows, cursor) = header(app, view, &comparison, inner, buf);
    let body = Rect {
        y: inner.y + rows + 1,
        height: inner.height.saturating_sub(rows + 1),
        ..inner
    };
    let curve_rows = if body.height >= 22 {
        (body.height / 2).min(16)
    } else {
        0
    };
    let grid_area = Rect {
        height: body.height - curve_rows,
        ..body
    };
    grid(app, view, &comparison, grid_area, buf);
    if curve_rows > 0 {
        let area = Rect {
            y: grid_area.bottom(),
            height: curve_rows,
            ..body
        };
        curve(app, &comparison, area, false, buf);
    }
    cursor
}

fn hints(view: &CompareView) -> String {
    if view.name.is_some() {
        return hint_text(
            Context::Text,
            &[(Action::Confirm, "keep"), (Action::Cancel, "cancel")],
        );
    }
    let rest = hint_text(
        Context::Compare,
        &[
            (Action::ScoreUp, "step"),
            (Action::ClearScore, "clear"),
            (Action::AddAlternative, "add"),
            (Action::RenameAlternative, "rename"),
            (Action::RemoveAlternative, "remove"),
            (Action::Cancel, "close"),
        ],
    );
    format!(
        "{}–{} score · {}",
        super::key_of(Context::Compare, &Action::Score(0)),
        super::key_of(Context::Compare, &Action::Score(9)),
        rest.trim_start()
    )
}

/// The columns' widths: number, factor, level, then ours and each alternative.
struct Columns {
    number: usize,
    factor: usize,
    level: usize,
    scores: Vec<usize>,
}

fn columns(comparison: &Comparison, width: usize) -> Columns {
    let names: Vec<String> = std::iter::once("Ours".to_owned())
        .chain(comparison.alternatives.iter().map(|a| text::safe(a)))
        .collect();
    let mut scores: Vec<usize> = names
        .iter()
        .map(|n| text::width(n).clamp(SCORE_MIN, SCORE_MAX))
        .collect();
    let number = 4;
    let mut level = 13;
    let fixed = |scores: &[usize], level: usize| {
        number + level + scores.iter().map(|w| w + 1).sum::<usize>()
    };
    // Narrow screens: the names wrap in columns as wide as their longest
    // word, then the level's column goes, then long words break: the
    // factor's words stay whole.
    if width.saturating_sub(fixed(&scores, level)) < 24 {
        for (w, name) in scores.iter_mut().zip(&names) {
            let longest = name.split_whitespace().map(text::width).max().unwrap_or(0);
            *w = (*w).min(longest.clamp(SCORE_MIN, 12));
        }
    }
    // The level as dots (as on the canvas) rather than its name.
    if width.saturating_sub(fixed(&scores, level)) < 20 {
        level = 6;
    }
    if width.saturating_sub(fixed(&scores, level)) < 12 {
        level = 0;
    }
    if width.saturating_sub(fixed(&scores, level)) < 16 {
        for w in &mut scores {
            *w = (*w).min(8);
        }
    }
    let factor = width.saturating_sub(fixed(&scores, level)).max(8);
    Columns {
        number,
        factor,
        level,
        scores,
    }
}

/// The header's lines of a name in a column `width` wide, at most `most`,
/// the last ending in "…" when the name needs more.
fn header_lines(name: &str, width: usize, most: usize) -> Vec<String> {
    let lines: Vec<String> = wrap::lines(name, width)
        .into_iter()
        .map(str::to_owned)
        .collect();
    if lines.len() <= most {
        return lines;
    }
    let mut kept: Vec<String> = lines[..most].to_vec();
    if let Some(last) = kept.last_mut() {
        *last = text::truncate(&format!("{last} {}", lines[most..].join(" ")), width);
    }
    kept
}

fn grid(app: &App, view: &CompareView, comparison: &Comparison, area: Rect, buf: &mut Buffer) {
    let t = app.active_theme();
    if comparison.factors.is_empty() {
        let line = "No jobs, pains or gains yet: the factors come from the customer profile";
        buf.set_string(
            area.x,
            area.y,
            text::truncate(line, usize::from(area.width)),
            t.dim,
        );
        return;
    }
    let cols = columns(comparison, usize::from(area.width));
    let row = view.row.min(comparison.factors.len() - 1);
    let col = view.col.min(comparison.alternatives.len());
    // The header: names wrapped in their columns (up to 3 lines).
    let names: Vec<Vec<String>> = std::iter::once("Ours".to_owned())
        .chain(comparison.alternatives.iter().map(|a| text::safe(a)))
        .zip(&cols.scores)
        .map(|(n, w)| header_lines(&n, *w, 4))
        .collect();
    let head = names.iter().map(Vec::len).max().unwrap_or(1).clamp(1, 4);
    let x0 = area.x + u16::try_from(cols.number + cols.factor + cols.level).unwrap_or(0);
    for line in 0..head {
        let y = area.y + u16::try_from(line).unwrap_or(0);
        if y >= area.bottom() {
            return;
        }
        if line + 1 == head {
            buf.set_string(area.x, y, "#", t.dim);
            buf.set_string(area.x + 4, y, "Factor", t.dim);
            if cols.level > 0 {
                let lx = area.x + u16::try_from(cols.number + cols.factor).unwrap_or(0);
                buf.set_string(lx + 1, y, "Level", t.dim);
            }
        }
        let mut x = x0;
        for (n, (lines, w)) in names.iter().zip(&cols.scores).enumerate() {
            // Names sit on the header's last line, longer ones reach up.
            let shown = (line + lines.len())
                .checked_sub(head)
                .and_then(|i| lines.get(i))
                .map_or("", String::as_str);
            let style = if n == col {
                t.section_title_focused
            } else {
                t.section_title
            };
            buf.set_string(x + 1, y, text::truncate(shown, *w), style);
            x += u16::try_from(*w + 1).unwrap_or(0);
        }
    }
    let body = Rect {
        y: area.y + u16::try_from(head).unwrap_or(0),
        height: area.height.saturating_sub(u16::try_from(head).unwrap_or(0)),
        ..area
    };
    rows(app, comparison, &cols, (row, col), body, buf);
}

/// The factor rows, scrolled so the selected one is whole.
fn rows(
    app: &App,
    comparison: &Comparison,
    cols: &Columns,
    (row, col): (usize, usize),
    area: Rect,
    buf: &mut Buffer,
) {
    let t = app.active_theme();
    let wrapped: Vec<Vec<&str>> = comparison
        .factors
        .iter()
        .map(|f| wrap::lines(&f.text, cols.factor.saturating_sub(1)))
        .collect();
    let height = |n: usize| wrapped[n].len().max(1);
    let room = usize::from(area.height);
    let mut first = 0;
    while first < row && (first..=row).map(height).sum::<usize>() > room {
        first += 1;
    }
    let mut y = area.y;
    for (n, f) in comparison.factors.iter().enumerate().skip(first) {
        let h = u16::try_from(height(n)).unwrap_or(1);
        if y + h > area.bottom() {
            let more = comparison.factors.len() - n;
            let note = format!("↓ {more} more");
            if y < area.bottom() {
                buf.set_string(area.x + 4, y, note, t.dim);
            }
            break;
        }
        let selected = n == row;
        let style = if selected { t.cursor_row } else { t.item };
        if selected {
            super::cells::set_style(
                buf,
                Rect {
                    y,
                    height: h,
                    ..area
                },
                t.cursor_row,
            );
        }
        buf.set_string(area.x, y, format!("{:>2}", n + 1), t.dim.patch(style));
        for (k, line) in wrapped[n].iter().enumerate() {
            let yy = y + u16::try_from(k).unwrap_or(0);
            buf.set_string(area.x + 4, yy, text::safe(line), style);
        }
        if cols.level > 0 {
            let lx = area.x + u16::try_from(cols.number + cols.factor).unwrap_or(0);
            let level = if cols.level >= 13 {
                f.section.level_name(f.level)
            } else {
                ["●●●", "●●○", "●○○"][usize::try_from(3 - f.weight).unwrap_or(0).min(2)]
            };
            let tag = format!("{} {}", section_letter(f), level);
            buf.set_string(
                lx + 1,
                y,
                text::truncate(&tag, cols.level - 1),
                t.level.patch(style),
            );
        }
        cells(app, f, cols, selected.then_some(col), (area.x, y), buf);
        y += h;
    }
    if first > 0 {
        buf.set_string(
            area.right().saturating_sub(10),
            area.y,
            format!("↑ {first} more"),
            t.dim,
        );
    }
}

/// J, P or G: which customer section a factor is from.
fn section_letter(f: &Factor) -> &'static str {
    match f.section {
        crate::canvas::Section::Jobs => "J",
        crate::canvas::Section::Pains => "P",
        _ => "G",
    }
}

fn cells(
    app: &App,
    f: &Factor,
    cols: &Columns,
    selected: Option<usize>,
    (x, y): (u16, u16),
    buf: &mut Buffer,
) {
    let t = app.active_theme();
    let scores = std::iter::once(f.ours).chain(f.theirs.iter().copied());
    let mut cx = x + u16::try_from(cols.number + cols.factor + cols.level).unwrap_or(0);
    for (n, (score, w)) in scores.zip(&cols.scores).enumerate() {
        let shown = score.map_or_else(|| "·".to_owned(), |s| s.to_string());
        let cell = format!("{shown:^w$}", w = *w);
        let mut style = if n == 0 {
            t.item.add_modifier(Modifier::BOLD)
        } else {
            t.item
        };
        if selected == Some(n) {
            style = t.selected.add_modifier(Modifier::REVERSED);
        } else if selected.is_some() {
            style = style.patch(t.cursor_row);
        }
        buf.set_string(cx + 1, y, cell, style);
        cx += u16::try_from(*w + 1).unwrap_or(0);
    }
}

/// The value curve: the factors along the bottom (by their number in the
/// grid; named, for a room), the score up the side, each offer's points
/// joined, each with its own marker; ours bold and drawn last, over theirs.
pub fn curve(app: &App, comparison: &Comparison, area: Rect, big: bool, buf: &mut Buffer) {
    if area.height < 6 || area.width < 20 || comparison.factors.is_empty() {
        return;
    }
    let y = legend(app, comparison, area, buf);
    let plot = Rect {
        y: y + 2,
        height: area.bottom().saturating_sub(y + 2),
        ..area
    };
    // For a room the factors are named under the axis, not only numbered.
    let labels: u16 = if big { 3 } else { 1 };
    if plot.height < 4 + labels {
        return;
    }
    let n = comparison.factors.len();
    let cols = usize::from(plot.width - AXIS);
    let slot = (cols / n).max(1);
    let grid = Plot {
        area: plot,
        rows: plot.height - 1 - labels,
        slot,
        shown: (cols / slot).min(n),
    };
    axes(app, comparison, &grid, labels, buf);
    let offers = comparison.alternatives.len() + 1;
    for offer in (0..offers).rev() {
        line_of(app, comparison, &grid, offer, buf);
    }
}

/// The width of the score axis on the left.
const AXIS: u16 = 4;

/// Where the curve is drawn: the plot's area, its rows for scores, the
/// width of a factor's slot and how many factors fit.
struct Plot {
    area: Rect,
    rows: u16,
    slot: usize,
    shown: usize,
}

impl Plot {
    fn y_of(&self, score: u8) -> u16 {
        let up = usize::from(score) * usize::from(self.rows - 1) / 10;
        self.area.y + self.rows - 1 - u16::try_from(up).unwrap_or(0)
    }

    fn x_of(&self, k: usize) -> u16 {
        self.area.x + AXIS + u16::try_from(k * self.slot).unwrap_or(0)
    }
}

/// Each offer's marker and name; returns the last row used.
fn legend(app: &App, comparison: &Comparison, area: Rect, buf: &mut Buffer) -> u16 {
    let (mut x, mut y) = (area.x, area.y);
    for n in 0..=comparison.alternatives.len() {
        let name = if n == 0 {
            "Ours".to_owned()
        } else {
            text::safe(&comparison.alternatives[n - 1])
        };
        let label = format!("{} {name}   ", marker(n));
        let w = u16::try_from(text::width(&label)).unwrap_or(u16::MAX);
        if x > area.x && x.saturating_add(w) > area.right() {
            x = area.x;
            y += 1;
        }
        let room = usize::from(area.right().saturating_sub(x));
        buf.set_string(x, y, text::truncate(&label, room), offer_style(app, n));
        x = x.saturating_add(w);
    }
    y
}

/// The score axis (0, 5, 10), the base line and the factors under it.
fn axes(app: &App, comparison: &Comparison, plot: &Plot, labels: u16, buf: &mut Buffer) {
    let t = app.active_theme();
    for s in [0u8, 5, 10] {
        buf.set_string(plot.area.x, plot.y_of(s), format!("{s:>2} ┤"), t.dim);
    }
    let base = plot.area.y + plot.rows;
    buf.set_string(plot.area.x + AXIS - 1, base, "└", t.dim);
    buf.set_string(
        plot.x_of(0),
        base,
        "─".repeat(plot.slot * plot.shown),
        t.dim,
    );
    let slot = plot.slot;
    for (k, f) in comparison.factors.iter().take(plot.shown).enumerate() {
        let label = (k + 1).to_string();
        if labels > 1 && slot > 4 {
            let named = format!("{label} {}", text::safe(&f.text));
            let lines = wrap::lines(&named, slot - 1);
            for (n, line) in lines.iter().take(usize::from(labels)).enumerate() {
                let cut = n + 1 == usize::from(labels) && lines.len() > n + 1;
                let shown = if cut {
                    text::truncate(&format!("{line} …"), slot - 1)
                } else {
                    (*line).to_owned()
                };
                let y = base + 1 + u16::try_from(n).unwrap_or(0);
                buf.set_string(plot.x_of(k), y, shown, t.item);
            }
        } else if text::width(&label) < slot || k % 2 == 0 {
            let x = plot.x_of(k) + u16::try_from(slot / 2).unwrap_or(0);
            buf.set_string(x, base + 1, label, t.dim);
        }
    }
}

/// One offer's line: its marker at each scored factor, dots between.
/// Offers sit side by side in a factor's slot, so none hides another.
fn line_of(app: &App, comparison: &Comparison, plot: &Plot, offer: usize, buf: &mut Buffer) {
    let offers = comparison.alternatives.len() + 1;
    let style = offer_style(app, offer);
    let spread = u16::try_from(plot.slot.saturating_sub(1).min(offers - 1)).unwrap_or(0);
    let offset = u16::try_from(offer).unwrap_or(0).min(spread);
    let mut last: Option<(u16, u16)> = None;
    for (k, f) in comparison.factors.iter().take(plot.shown).enumerate() {
        let score = if offer == 0 {
            f.ours
        } else {
            f.theirs.get(offer - 1).copied().flatten()
        };
        let Some(score) = score else {
            last = None;
            continue;
        };
        let centre = plot.x_of(k) + u16::try_from(plot.slot / 2).unwrap_or(0);
        let px = (centre + offset).saturating_sub(spread / 2);
        let py = plot.y_of(score);
        if let Some(from) = last {
            let dot = if offer == 0 { '•' } else { '·' };
            join(buf, from, (px, py), dot, style);
        }
        buf.set_string(px, py, marker(offer).to_string(), style);
        last = Some((px, py));
    }
}

/// Dots from one point to the next (not over either end).
fn join(buf: &mut Buffer, (x0, y0): (u16, u16), (x1, y1): (u16, u16), dot: char, style: Style) {
    let steps = i32::from(x1) - i32::from(x0);
    if steps <= 1 {
        return;
    }
    for s in 1..steps {
        let x = i32::from(x0) + s;
        let y = i32::from(y0) + (i32::from(y1) - i32::from(y0)) * s / steps;
        if let (Ok(x), Ok(y)) = (u16::try_from(x), u16::try_from(y))
            && let Some(cell) = buf.cell_mut((x, y))
            && cell.symbol() == " "
        {
            cell.set_char(dot).set_style(style);
        }
    }
}

fn offer_style(app: &App, n: usize) -> Style {
    let t = app.active_theme();
    match n {
        0 => t.title.add_modifier(Modifier::BOLD),
        n if n % 2 == 1 => t.level,
        _ => t.linked,
    }
}

/// The header above the grid: the verdict, or the alternative's name being
/// typed after its label, each wrapped whole on up to [`HEADER_ROWS`] rows
/// (the typed name scrolled to keep its cursor in view). Returns the rows it
/// took and where the text cursor goes.
fn header(
    app: &App,
    view: &CompareView,
    comparison: &Comparison,
    inner: Rect,
    buf: &mut Buffer,
) -> (u16, Option<(u16, u16)>) {
    let t = app.active_theme();
    let width = usize::from(inner.width);
    // A small grid keeps its rows: the header takes at most a quarter.
    let most = HEADER_ROWS.min(usize::from(inner.height / 4)).max(1);
    let Some(name) = &view.name else {
        let verdict = text::safe(&comparison.verdict());
        let lines = wrap::lines(&verdict, width);
        let rows = lines.len().clamp(1, most);
        for (row, line) in lines.into_iter().take(rows).enumerate() {
            buf.set_stringn(inner.x, inner.y + to_cells(row), line, width, t.header);
        }
        return (to_cells(rows), None);
    };
    let label = if name.rename.is_some() {
        "Rename to: "
    } else {
        "New alternative: "
    };
    let at = text::width(label);
    let room = width.saturating_sub(at + 1).max(1);
    let f = &name.field;
    let needed = f.cursor_rows(room);
    let rows = needed.clamp(1, most);
    let area = Rect {
        height: to_cells(rows),
        ..inner
    };
    super::cells::set_style(buf, area, t.cursor_row);
    buf.set_string(inner.x, inner.y, label, t.header);
    let (line, _) = f.position(room);
    let skip = (line + 1).saturating_sub(rows);
    let at = FieldAt {
        x: to_cells(at),
        width: room,
        skip,
    };
    (
        to_cells(rows),
        entries::field(f, area, at, t.cursor_row, buf),
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    use crate::app::{Action, App, TextEdit};
    use crate::canvas::{Canvas, Section};

    fn screen(app: &App, width: u16, height: u16) -> (String, Option<(u16, u16)>) {
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        let cursor = crate::ui::draw(app, area, &mut buf);
        (crate::ui::buffer_to_text(&buf), cursor)
    }

    #[test]
    fn a_long_name_being_typed_wraps_whole_with_the_cursor_after_its_last_word() {
        let mut c = Canvas::new("Invoicing");
        c.alternatives = vec!["Spreadsheets".into()];
        c.push(Section::Pains, "Clients pay 30 days late");
        let mut app = App::new(c, "/nonexistent/compare.ron", true);
        app.update(Action::Compare);
        app.update(Action::AddAlternative);
        let name =
            "Hiring a part-time bookkeeper who comes in on Fridays and chases every late payer";
        for ch in name.chars() {
            app.update(Action::Text(TextEdit::Insert(ch)));
        }
        let (text, cursor) = screen(&app, 70, 30);
        for word in name.split(' ') {
            assert!(text.contains(word), "{word:?} in\n{text}");
        }
        assert!(text.contains("payer"), "{text}");
        let (x, y) = cursor.unwrap();
        let row: String = text.lines().nth(usize::from(y)).unwrap().chars().collect();
        let before: String = row.chars().take(usize::from(x)).collect();
        assert!(before.trim_end().ends_with("payer"), "{row:?} at {x}");
    }
}

//! A measured test on the board (SPEC §13): its verdict in plain words, and
//! each variant's rate with its 95% interval as a text bar, readable
//! without colour (`--ascii` turns the bar's blocks and lines into `#`, `-`
//! and `|`); and the form that enters the numbers.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::{App, ResultColumn, ResultsForm};
use crate::canvas::{ItemId, TestCard, Variant};
use crate::verdict::{self, Verdict};

use super::text;

/// The verdict of a test with results, in words.
pub fn verdict_words(app: &App, test: &TestCard) -> Option<String> {
    if test.results.is_empty() {
        return None;
    }
    let verdict = verdict::of(test);
    Some(crate::export::verdict_words(app.canvas(), &verdict))
}

/// The line under a measured test in the board's list: its verdict.
pub fn list_line(app: &App, id: ItemId, width: usize) -> Option<Line<'static>> {
    let words = verdict_words(app, app.canvas().test(id)?)?;
    let room = width.saturating_sub(4);
    Some(Line::from(Span::styled(
        format!("    {}", text::truncate(&text::safe(&words), room)),
        app.active_theme().dim,
    )))
}

/// The scale a test's bars share: a round rate above every interval.
fn scale(verdict: &Verdict) -> f64 {
    let top = verdict
        .variants
        .iter()
        .map(|v| v.high)
        .chain(verdict.target)
        .fold(0.01_f64, f64::max);
    [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0]
        .into_iter()
        .find(|s| *s >= top)
        .unwrap_or(1.0)
}

/// A rate and its interval on `width` cells from 0 to `scale`: solid up to
/// the interval's low end, a line across the interval, a bar at the rate,
/// and a `:` at the target when it falls outside the drawn marks.
pub fn bar(v: &verdict::VariantVerdict, target: Option<f64>, scale: f64, width: usize) -> String {
    let cell = |rate: f64| -> usize {
        let at = (rate / scale * width as f64).floor();
        // Rates are 0–1, so the cell is never negative.
        #[allow(clippy::cast_sign_loss)]
        let at = at.max(0.0) as usize;
        at.min(width.saturating_sub(1))
    };
    let (low, high, rate) = (cell(v.low), cell(v.high), cell(v.rate));
    let mut cells: Vec<char> = (0..width)
        .map(|c| {
            if c < low {
                '█'
            } else if c <= high {
                '─'
            } else {
                ' '
            }
        })
        .collect();
    if let Some(t) = target.map(cell)
        && cells[t] == ' '
    {
        cells[t] = ':';
    }
    if width > 0 {
        cells[rate] = '┃';
    }
    cells.into_iter().collect()
}

/// The lines a test card shows under its fields: the verdict, then a bar
/// per variant with its numbers.
pub fn card_lines(app: &App, test: &TestCard, width: usize) -> Vec<Line<'static>> {
    let t = app.active_theme();
    if test.results.is_empty() {
        return Vec::new();
    }
    let verdict = verdict::of(test);
    let mut lines = vec![Line::default(), Line::from(Span::styled("Results", t.key))];
    let words = crate::export::verdict_words(app.canvas(), &verdict);
    for l in super::board::wrap_words(&text::safe(&words), width.saturating_sub(2).max(1)) {
        lines.push(Line::from(Span::styled(format!("  {l}"), t.item)));
    }
    lines.extend(bars(app, &verdict, width));
    lines
}

/// A bar per variant: "  Paid on time  ██████─┃───   7.5% (5.3–10.5%) 30/400".
fn bars(app: &App, verdict: &Verdict, width: usize) -> Vec<Line<'static>> {
    let t = app.active_theme();
    let scale = scale(verdict);
    let name_width = 14.min(width / 4).max(4);
    let numbers: Vec<String> = verdict
        .variants
        .iter()
        .map(|v| {
            format!(
                " {} ({}–{}) {}/{}",
                verdict::percent(v.rate),
                verdict::percent(v.low),
                verdict::percent(v.high),
                verdict::thousands(v.converted),
                verdict::thousands(v.shown)
            )
        })
        .collect();
    let numbers_width = numbers.iter().map(|n| text::width(n)).max().unwrap_or(0);
    let bar_width = width
        .saturating_sub(2 + name_width + 1 + numbers_width)
        .clamp(0, 40);
    let mut lines = Vec::new();
    for (i, (v, numbers)) in verdict.variants.iter().zip(numbers).enumerate() {
        let name = crate::export::variant_name(app.canvas(), &v.variant);
        let won = verdict.winner() == Some(i);
        let name = text::truncate(&text::safe(&name), name_width);
        let pad = name_width.saturating_sub(text::width(&name));
        let mut spans = vec![Span::styled(
            format!("  {name}{} ", " ".repeat(pad)),
            if won { t.header } else { t.item },
        )];
        if bar_width >= 5 {
            spans.push(Span::styled(
                bar(v, verdict.target, scale, bar_width),
                t.level,
            ));
        }
        spans.push(Span::styled(numbers, t.dim));
        lines.push(Line::from(spans));
    }
    if bar_width >= 5 {
        let scale_text = verdict::short_percent(scale);
        let gap = bar_width.saturating_sub(2 + text::width(&scale_text));
        lines.push(Line::from(Span::styled(
            format!(
                "  {}0%{}{scale_text}",
                " ".repeat(name_width + 1),
                " ".repeat(gap)
            ),
            t.dim,
        )));
        lines.extend(legend(verdict, name_width + 3, width, t.dim));
    }
    lines
}

/// What the bars' marks mean, under them from `indent`, wrapped at spaces
/// within `width` so no word is cut; the target's mark only with a target.
fn legend(
    verdict: &Verdict,
    indent: usize,
    width: usize,
    style: ratatui::style::Style,
) -> Vec<Line<'static>> {
    let mut legend = "┃ measured rate · ─ its 95% interval".to_owned();
    if verdict.target.is_some() {
        legend.push_str(" · : target");
    }
    let room = width.saturating_sub(indent).max(1);
    super::board::wrap_words(&legend, room)
        .into_iter()
        .map(|l| Line::from(Span::styled(format!("{}{l}", " ".repeat(indent)), style)))
        .collect()
}

/// The results form in the card's place: a row per variant with its two
/// numbers, then the target, then the verdict. Returns the text cursor.
pub fn draw_form(
    app: &App,
    id: ItemId,
    form: &ResultsForm,
    area: Rect,
    buf: &mut Buffer,
) -> Option<(u16, u16)> {
    let t = app.active_theme();
    let test = app.canvas().test(id)?;
    let width = usize::from(area.width);
    let rows = app.result_rows(id);
    let mut lines = vec![
        Line::from(Span::styled(
            format!(
                "Results · {}",
                text::truncate(&text::safe(&test.name), width.saturating_sub(10))
            ),
            t.header,
        )),
        Line::default(),
        Line::from(Span::styled(
            format!("  {:<24} {:>10}  {:>10}", "Variant", "shown", "converted"),
            t.dim,
        )),
    ];
    let mut cursor = variant_rows(app, id, form, &rows, &mut lines);
    if rows.is_empty() {
        lines.push(Line::from(Span::styled(
            "  The test compares no statements yet: add a named variant",
            t.dim,
        )));
    }
    if form.adding {
        let typed = form.edit.as_ref().map_or("", |f| f.text());
        cursor = Some((
            lines.len(),
            2 + text::width("New variant: ") + text::width(typed),
        ));
        lines.push(Line::from(vec![
            Span::styled("  New variant: ", t.key),
            Span::styled(typed.to_owned(), t.cursor_row),
        ]));
    }
    lines.push(Line::default());
    let at_target = form.row >= rows.len() && !form.adding;
    let target = match (&form.edit, at_target) {
        (Some(f), true) => f.text().to_owned(),
        _ => test
            .target
            .map_or_else(|| "—".to_owned(), |r| verdict::short_percent(r.get())),
    };
    let label = format!(
        "{}Target rate (5% or 0.05)   ",
        if at_target { "▶ " } else { "  " }
    );
    if at_target && form.edit.is_some() {
        cursor = Some((lines.len(), text::width(&label) + text::width(&target)));
    }
    lines.push(Line::from(vec![
        Span::styled(label, if at_target { t.selected } else { t.item }),
        Span::styled(target, if at_target { t.selected } else { t.item }),
    ]));
    lines.extend(card_lines(app, test, width));
    let (row, col) = cursor.unzip();
    Paragraph::new(lines).render(area, buf);
    let (row, col) = (row?, col?);
    let x = area.x + u16::try_from(col).ok()?;
    let y = area.y + u16::try_from(row).ok()?;
    (x < area.right() && y < area.bottom()).then_some((x, y))
}

/// A row per variant with its two numbers; returns where the text cursor
/// is when a number is being typed.
fn variant_rows(
    app: &App,
    id: ItemId,
    form: &ResultsForm,
    rows: &[Variant],
    lines: &mut Vec<Line<'static>>,
) -> Option<(usize, usize)> {
    let t = app.active_theme();
    let mut cursor = None;
    for (r, variant) in rows.iter().enumerate() {
        let result = app.row_result(id, variant);
        let name = match variant {
            Variant::Statement(_) => crate::export::variant_name(app.canvas(), variant),
            Variant::Label(l) => format!("{} (named)", text::safe(l)),
        };
        let cell = |column: ResultColumn| -> (String, bool) {
            let at = form.row == r && form.column == column && !form.adding;
            let value = match (&form.edit, at) {
                (Some(f), true) => f.text().to_owned(),
                _ => result.map_or_else(
                    || "—".to_owned(),
                    |x| match column {
                        ResultColumn::Shown => verdict::thousands(x.shown),
                        ResultColumn::Converted => verdict::thousands(x.converted),
                    },
                ),
            };
            (value, at)
        };
        let marker = if form.row == r { "▶ " } else { "  " };
        let mut spans = vec![Span::styled(
            format!("{marker}{:<24} ", text::truncate(&name, 24)),
            if form.row == r { t.selected } else { t.item },
        )];
        for column in [ResultColumn::Shown, ResultColumn::Converted] {
            let (value, at) = cell(column);
            let style = if at { t.selected } else { t.item };
            let shown = format!("{value:>10}");
            if at && form.edit.is_some() {
                let x = spans.iter().map(|s| text::width(&s.content)).sum::<usize>() + 10;
                cursor = Some((lines.len(), x));
            }
            spans.push(Span::styled(shown, style));
            spans.push(Span::raw("  "));
        }
        lines.push(Line::from(spans));
    }
    cursor
}

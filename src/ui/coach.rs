//! The coach's list: every hint grouped by rule, what each is about and what
//! to do, the one under the cursor highlighted; and the calm mark an item
//! with a hint carries on the canvas.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::{Action, App, CoachList};
use crate::coach::{Hint, grouped, subject_label};
use crate::input::keymap::{Context, hints, keys_for};

use super::text;

/// The mark of an item the coach has a hint about: calm (dim, never the
/// flags' `!`/`?` or colour), and readable without colour. `--ascii` draws
/// [`HINT_MARK_ASCII`] instead (see `text::ascii_symbol`).
pub const HINT_MARK: &str = "✎";
/// The ASCII stand-in for [`HINT_MARK`].
pub const HINT_MARK_ASCII: &str = "@";

/// The hints of one item for the line under the canvas: the first in
/// full (the list names the rules), the number of others:
/// "✎ Add a number: … +1 more (! lists all)".
/// `listed` says whether the key that lists them all works here (not while
/// typing, where it types).
pub fn hint_line(hints: &[Hint], listed: bool) -> Option<String> {
    let first = hints.first()?;
    let mut line = format!("{HINT_MARK} {}", first.message);
    if hints.len() > 1 {
        let more = hints.len() - 1;
        match keys_for(Context::Canvas, &Action::Coach).filter(|_| listed) {
            Some(key) => line.push_str(&format!(" +{more} more ({key} lists all)")),
            None => line.push_str(&format!(" +{more} more")),
        }
    }
    Some(line)
}

/// The list `!` opens.
pub fn list(app: &App, list: &CoachList, area: Rect, buf: &mut Buffer) {
    let t = app.active_theme();
    let Some(rect) = app.overlay_area(area) else {
        return;
    };
    let all = app.coach_hints();
    let keys: Vec<String> = hints(Context::Coach)
        .into_iter()
        .map(|(key, help)| format!("{key} {help}"))
        .collect();
    let bottom = format!(" {} ", keys.join(" · "));
    let title = match all.len() {
        0 => " Coach ".to_owned(),
        1 => " Coach: 1 hint ".to_owned(),
        n => format!(" Coach: {n} hints "),
    };
    let inner = super::overlay::frame(app, rect, &title, &bottom, buf);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    let width = usize::from(inner.width);
    if all.is_empty() {
        let lines: Vec<Line> = wrap(
            "Nothing to say: no rule has a hint about this canvas. Sharp!",
            width.saturating_sub(2),
        )
        .into_iter()
        .map(|l| Line::from(Span::styled(format!(" {l}"), t.dim)))
        .collect();
        Paragraph::new(lines).render(inner, buf);
        return;
    }
    let cursor = list.cursor.min(all.len() - 1);
    let rows = hint_rows(app, all, cursor, width);
    let height = usize::from(inner.height);
    let last_of_cursor = rows
        .iter()
        .rposition(|(_, i)| *i == Some(cursor))
        .unwrap_or(0);
    // Derived, not stored: just far enough down that the cursor's hint shows.
    let offset = (last_of_cursor + 1).saturating_sub(height);
    let lines: Vec<Line> = rows
        .into_iter()
        .skip(offset)
        .take(height)
        .map(|(l, _)| l)
        .collect();
    Paragraph::new(lines).render(inner, buf);
}

/// Every row of the list, and which hint it belongs to (so the cursor's
/// can be shown): each rule's title and count, then its hints, each what it
/// is about and its message wrapped under it.
fn hint_rows(
    app: &App,
    all: &[Hint],
    cursor: usize,
    width: usize,
) -> Vec<(Line<'static>, Option<usize>)> {
    let t = app.active_theme();
    let mut rows: Vec<(Line, Option<usize>)> = Vec::new();
    let mut index = 0;
    for (rule, group) in grouped(all) {
        if !rows.is_empty() {
            rows.push((Line::default(), None));
        }
        rows.push((
            Line::from(vec![
                Span::styled(format!(" {}", rule.title()), t.section_title),
                Span::styled(format!(" ({}) · {}", rule.id(), group.len()), t.dim),
            ]),
            None,
        ));
        for hint in group {
            let selected = index == cursor;
            // What it is about, wrapped whole: never cut.
            let about = text::safe(&subject_label(app.canvas(), hint));
            for (k, part) in wrap(&about, width.saturating_sub(4))
                .into_iter()
                .enumerate()
            {
                let mark = match (k, selected) {
                    (0, true) => " ▶ ",
                    _ => "   ",
                };
                let mut line = Line::from(vec![Span::raw(mark), Span::styled(part, t.item)]);
                if selected {
                    line = line.style(t.selected);
                }
                rows.push((line, Some(index)));
            }
            for part in wrap(&hint.message, width.saturating_sub(6)) {
                let mut line = Line::from(Span::styled(format!("     {part}"), t.dim));
                if selected {
                    line = line.style(t.selected);
                }
                rows.push((line, Some(index)));
            }
            index += 1;
        }
    }
    rows
}

/// Breaks a text at spaces into lines of at most `width` cells, as the
/// canvas wraps items (a word wider than that breaks inside it, never cut).
fn wrap(s: &str, width: usize) -> Vec<String> {
    crate::text::wrap::lines(s, width.max(1))
        .into_iter()
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_breaks_at_spaces_within_the_width() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap("abcdefgh", 4), ["abcd", "efgh"]);
    }
}

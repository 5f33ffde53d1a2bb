//! The room's panel: the join address as a QR code (drawn with half blocks,
//! dark on light whatever the theme, as scanners expect; in projector mode
//! as big as the screen allows), the address as text, the live counts, the
//! round and how the last one ended.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::{Action, App, RoomDesk, RoomOutcome, RoomPanel, VoteSetup};
use crate::input::keymap::Context;
use crate::room::state::count;
use crate::room::{Round, VoteScope};

use super::overlay::frame;
use super::{hint_text, text};

const DARK: Color = Color::Indexed(16);
const LIGHT: Color = Color::Indexed(231);

/// The text the code holds: the address with its scheme in capitals, so
/// the whole of it fits QR's compact alphanumeric mode (a smaller code).
pub fn code_text(url: &str) -> String {
    url.replacen("http://", "HTTP://", 1)
}

/// Where the panel's parts go: the code's rectangle and the text's.
fn split(app: &App, inner: Rect, side: usize) -> (Rect, Rect, usize) {
    let side16 = u16::try_from(side).unwrap_or(u16::MAX);
    // Modules per cell across (scale): each module `scale` cells wide and
    // half as many rows high, so it is square on a terminal's cells.
    let fits = |scale: u16| {
        let w = side16.saturating_mul(scale);
        let h = side16.saturating_mul(scale).div_ceil(2);
        let text_room = if app.projector.is_some() { 30 } else { 34 };
        w + text_room <= inner.width && h <= inner.height
    };
    let scale = (1..=6).rev().find(|s| fits(*s)).unwrap_or(0);
    let w = side16 * scale;
    let h = (side16 * scale).div_ceil(2);
    let code = Rect {
        width: w,
        height: h,
        ..inner
    };
    let gap = u16::from(scale > 0) * 2;
    let words = Rect {
        x: inner.x + w + gap,
        width: inner.width.saturating_sub(w + gap),
        ..inner
    };
    (code, words, usize::from(scale))
}

/// Draws the panel.
pub fn draw(app: &App, panel: &RoomPanel, area: Rect, buf: &mut Buffer) {
    let Some(rect) = app.overlay_area(area) else {
        return;
    };
    let Some(desk) = &app.room else {
        return;
    };
    let hints = match &panel.setup {
        Some(_) => hint_text(
            Context::RoomVote,
            &[
                (Action::Up, "more"),
                (Action::Down, "fewer"),
                (Action::Toggle, "one per item"),
                (Action::NextSection, "on what"),
                (Action::Confirm, "start"),
                (Action::Cancel, "back"),
            ],
        ),
        None => hint_text(
            Context::Room,
            &[
                (Action::Write, "write"),
                (Action::Reveal, "reveal"),
                (Action::Vote, "vote"),
                (Action::CloseVote, "close vote"),
                (Action::RankByVotes, "rank"),
                (Action::Close, "close room"),
                (Action::Cancel, "hide"),
            ],
        ),
    };
    let inner = frame(app, rect, " The room ", &hints, buf);
    if inner.width < 10 || inner.height < 3 {
        return;
    }
    let modules = desk
        .url
        .as_deref()
        .and_then(|u| crate::room::qr::modules(&code_text(u)));
    let side = modules.as_ref().map_or(0, Vec::len);
    let (code, words, scale) = split(app, inner, side);
    if let Some(m) = &modules
        && scale > 0
    {
        draw_code(m, scale, code, buf);
    }
    let lines = words_of(app, desk, panel.setup.as_ref());
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(words, buf);
}

/// Under `--ascii` the whole screen is made ASCII after drawing; the code
/// is drawn again over it (its blocks are pixels, not text).
pub fn redraw_code(app: &App, area: Rect, buf: &mut Buffer) {
    let (Some(rect), Some(desk)) = (app.overlay_area(area), &app.room) else {
        return;
    };
    let inner = Rect {
        x: rect.x + 1,
        y: rect.y + 1,
        width: rect.width.saturating_sub(2),
        height: rect.height.saturating_sub(2),
    };
    let Some(m) = desk
        .url
        .as_deref()
        .and_then(|u| crate::room::qr::modules(&code_text(u)))
    else {
        return;
    };
    let (code, _, scale) = split(app, inner, m.len());
    if scale > 0 {
        draw_code(&m, scale, code, buf);
    }
}

/// The modules, `scale` cells wide each, two module rows per cell row
/// (upper half block: its colour is the upper module, the cell's
/// background the lower).
fn draw_code(modules: &[Vec<bool>], scale: usize, area: Rect, buf: &mut Buffer) {
    let side = modules.len();
    let colour = |dark: bool| if dark { DARK } else { LIGHT };
    for cy in 0..usize::from(area.height) {
        for cx in 0..usize::from(area.width) {
            let (mx, top, bottom) = (cx / scale, 2 * cy / scale, (2 * cy + 1) / scale);
            if mx >= side || top >= side {
                continue;
            }
            let lower = bottom < side && modules[bottom][mx];
            let style = Style::new().fg(colour(modules[top][mx])).bg(colour(lower));
            let (x, y) = (area.x + cx as u16, area.y + cy as u16);
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.set_char('▀').set_style(style);
            }
        }
    }
}

fn words_of(app: &App, desk: &RoomDesk, setup: Option<&VoteSetup>) -> Vec<Line<'static>> {
    let t = app.active_theme();
    let mut out = Vec::new();
    match &desk.url {
        Some(url) => {
            out.push(Line::from(Span::styled("Join on the same Wi-Fi:", t.dim)));
            out.push(Line::from(Span::styled(text::safe(url), t.title)));
        }
        None => out.push(Line::from(Span::styled("Opening…", t.dim))),
    }
    out.push(Line::default());
    let c = desk.room.counts();
    out.push(Line::from(Span::styled(
        format!(
            "{} · {} · {}",
            count(c.people, "person", "people"),
            count(c.notes, "note", "notes"),
            count(c.dots, "dot", "dots")
        ),
        t.item,
    )));
    out.push(Line::default());
    out.extend(round_lines(app, desk, setup));
    if let Some(outcome) = &desk.outcome {
        out.push(Line::default());
        out.extend(outcome_lines(app, outcome));
    }
    out
}

fn round_lines(app: &App, desk: &RoomDesk, setup: Option<&VoteSetup>) -> Vec<Line<'static>> {
    let t = app.active_theme();
    if let Some(s) = setup {
        let on = if s.profile {
            VoteScope::Profile.name()
        } else {
            app.focus.title().to_lowercase()
        };
        return vec![
            Line::from(Span::styled("A dot vote", t.section_title)),
            Line::from(format!("on {on}")),
            Line::from(format!("{} dots each", s.dots)),
            Line::from(if s.one_per_item {
                "one per item"
            } else {
                "several on one item allowed"
            }),
        ];
    }
    let c = desk.room.counts();
    match &desk.room.round {
        Round::Idle => vec![Line::from(Span::styled(
            "No round: phones show the canvas.",
            t.dim,
        ))],
        Round::Write { section, .. } => vec![
            Line::from(Span::styled(
                format!("Writing on {}", section.title().to_lowercase()),
                t.section_title,
            )),
            Line::from(format!("“{}”", section.question())),
            Line::from(Span::styled(
                format!(
                    "{} from {}",
                    count(c.notes, "note", "notes"),
                    count(c.writers, "person", "people")
                ),
                t.title,
            )),
        ],
        Round::Vote { rules, .. } => {
            let mut lines = vec![
                Line::from(Span::styled(
                    format!("Voting on {}", rules.scope.name()),
                    t.section_title,
                )),
                Line::from(format!(
                    "{} dots each{}",
                    rules.dots,
                    if rules.one_per_item {
                        ", one per item"
                    } else {
                        ""
                    }
                )),
                Line::from(Span::styled(
                    format!("{} people have voted", c.voters),
                    t.title,
                )),
            ];
            if app.room_settings.live_tally {
                lines.extend(tally_lines(
                    app,
                    &desk.room.tally().into_iter().collect::<Vec<_>>(),
                ));
            }
            lines
        }
    }
}

fn tally_lines(app: &App, tally: &[(crate::canvas::ItemId, u32)]) -> Vec<Line<'static>> {
    let mut sorted = tally.to_vec();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    sorted
        .iter()
        .filter_map(|(id, n)| {
            let item = app.canvas().item(*id)?;
            Some(Line::from(format!(
                "{n:>3} ● {}",
                text::truncate(&item.text, 60)
            )))
        })
        .collect()
}

fn outcome_lines(app: &App, outcome: &RoomOutcome) -> Vec<Line<'static>> {
    let t = app.active_theme();
    match outcome {
        RoomOutcome::Revealed {
            section,
            count: count_,
            duplicates,
        } => {
            let mut lines = vec![Line::from(Span::styled(
                format!(
                    "Revealed: {} added to {}",
                    count(*count_, "note", "notes"),
                    section.title().to_lowercase()
                ),
                t.section_title,
            ))];
            if !duplicates.is_empty() {
                lines.push(Line::from(Span::styled(
                    "Say the same (merge or delete one):",
                    t.warn,
                )));
                for (a, b) in duplicates {
                    lines.push(Line::from(format!(
                        "“{}” = “{}”",
                        text::truncate(a, 30),
                        text::truncate(b, 30)
                    )));
                }
            }
            lines
        }
        RoomOutcome::Voted { scope, tally } => {
            let mut lines = vec![Line::from(Span::styled(
                format!("The vote on {}:", scope.name()),
                t.section_title,
            ))];
            lines.extend(tally_lines(app, tally));
            lines
        }
    }
}

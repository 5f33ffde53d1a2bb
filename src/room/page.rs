//! The participants' page: a template in `assets/room/` filled by a pure
//! function of the snapshot. Every text from the canvas or a participant
//! goes through the one sanitiser and HTML escaping
//! ([`crate::export::svg::escape_text`]), so nothing anyone typed can become
//! markup or script.

use std::fmt::Write as _;

use crate::export::svg::escape_text as esc;

use super::state::{MAX_NOTE_CHARS, Refusal};
use super::view::{ItemView, PersonView, RoomView, RoundView};

const TEMPLATE: &str = include_str!("../../assets/room/page.html");
/// The page's script, served from the room's own address.
pub const SCRIPT: &str = include_str!("../../assets/room/room.js");
/// The page's style, served from the room's own address.
pub const STYLE: &str = include_str!("../../assets/room/room.css");

/// What the last form did, said at the top of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flash {
    Refused(Refusal),
    Done(Done),
}

/// A form that went through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    Added,
    Saved,
    Deleted,
    Dotted,
    Undotted,
}

impl Done {
    pub const ALL: [Done; 5] = [
        Done::Added,
        Done::Saved,
        Done::Deleted,
        Done::Dotted,
        Done::Undotted,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Done::Added => "added",
            Done::Saved => "saved",
            Done::Deleted => "deleted",
            Done::Dotted => "dotted",
            Done::Undotted => "undotted",
        }
    }

    fn sentence(self) -> &'static str {
        match self {
            Done::Added => "Note added.",
            Done::Saved => "Note saved.",
            Done::Deleted => "Note deleted.",
            Done::Dotted => "Dot placed.",
            Done::Undotted => "Dot taken back.",
        }
    }
}

impl Flash {
    /// The flash a redirect's `m=` code names.
    pub fn from_code(code: &str) -> Option<Flash> {
        Done::ALL
            .into_iter()
            .find(|d| d.code() == code)
            .map(Flash::Done)
            .or_else(|| Refusal::from_code(code).map(Flash::Refused))
    }

    pub fn code(self) -> &'static str {
        match self {
            Flash::Refused(r) => r.code(),
            Flash::Done(d) => d.code(),
        }
    }
}

/// The page for the person with `token` (`None`: not in the room, e.g. it
/// is full). `nonce` numbers the next note form, so a resent form adds once.
pub fn render(view: &RoomView, token: Option<&str>, flash: Option<Flash>, nonce: u64) -> String {
    let nobody = PersonView::default();
    let me = token.and_then(|t| view.people.get(t)).unwrap_or(&nobody);
    let inside = token.is_some();
    let round = round(view, me, nonce, inside);
    let canvas = if matches!(view.round, RoundView::Idle) {
        canvas(view)
    } else {
        String::new()
    };
    let (flash_kind, flash_text) = match flash {
        Some(Flash::Refused(r)) => ("refused", r.sentence()),
        Some(Flash::Done(d)) => ("done", d.sentence().to_owned()),
        None => ("", String::new()),
    };
    fill(TEMPLATE, |name| match name {
        "title" => esc(if view.title.is_empty() {
            "Untitled canvas"
        } else {
            &view.title
        }),
        "segment" => esc(&view.segment),
        "version" => view.version.to_string(),
        "flash_kind" => flash_kind.to_owned(),
        "flash" => esc(&flash_text),
        "round" => round.clone(),
        "canvas" => canvas.clone(),
        _ => String::new(),
    })
}

/// Fills `{{name}}` placeholders in one pass: what is put in is never
/// read again as template, whatever it holds.
fn fill(template: &str, value: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(template.len() * 2);
    let mut rest = template;
    while let Some(at) = rest.find("{{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        match after.find("}}") {
            Some(end) => {
                out.push_str(&value(&after[..end]));
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[at..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn round(view: &RoomView, me: &PersonView, nonce: u64, inside: bool) -> String {
    if !inside && view.full {
        return "<h2>The room is full</h2><p class=\"hint\">Please share a phone with a neighbour.</p>"
            .to_owned();
    }
    if !inside {
        return "<h2>You could not come in just now</h2><p class=\"hint\">Please load the page again.</p>"
            .to_owned();
    }
    match &view.round {
        RoundView::Idle => "<h2>Waiting for the next round</h2>\
             <p class=\"hint\">When the facilitator opens a round, you can write or vote here. \
             Below is the canvas as it is now.</p>"
            .to_owned(),
        RoundView::Write { section } => write_round(section.question(), me, nonce),
        RoundView::Vote { rules, items } => vote_round(view, *rules, items, me),
    }
}

fn hidden(name: &str, value: &str) -> String {
    format!(
        "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
        esc(name),
        esc(value)
    )
}

fn write_round(question: &str, me: &PersonView, nonce: u64) -> String {
    let mut out = format!(
        "<h2>{}</h2><p class=\"hint\">Write as many notes as you like, one idea each. \
         Nobody sees them until the facilitator reveals them.</p>\
         <form id=\"write\" method=\"post\" action=\"do\">{}{}\
         <label for=\"note\">Your note</label>\
         <textarea id=\"note\" name=\"text\" maxlength=\"{MAX_NOTE_CHARS}\" required></textarea>\
         <button type=\"submit\">Add note</button></form>",
        esc(question),
        hidden("do", "write"),
        hidden("nonce", &nonce.to_string()),
    );
    let _ = write!(
        out,
        "<h3>Your notes ({})</h3><ul class=\"notes\">",
        me.notes.len()
    );
    for (id, text) in &me.notes {
        let id = id.to_string();
        let _ = write!(
            out,
            "<li><form method=\"post\" action=\"do\">{}{}\
             <textarea name=\"text\" maxlength=\"{MAX_NOTE_CHARS}\" aria-label=\"Edit note\" required>{}</textarea>\
             <button type=\"submit\">Save</button></form>\
             <form method=\"post\" action=\"do\">{}{}\
             <button class=\"quiet\" type=\"submit\">Delete</button></form></li>",
            hidden("do", "edit"),
            hidden("note", &id),
            esc(text),
            hidden("do", "delete"),
            hidden("note", &id),
        );
    }
    out.push_str("</ul>");
    out
}

fn vote_round(
    view: &RoomView,
    rules: super::state::VoteRules,
    items: &[ItemView],
    me: &PersonView,
) -> String {
    let left = rules.dots.saturating_sub(me.dots_placed);
    let each = if rules.one_per_item {
        " At most one dot per item."
    } else {
        " You may put several on one item."
    };
    let mut out = format!(
        "<h2>Vote on {}</h2><p class=\"hint\">You have <strong>{left} of {}</strong> dots left.{each} \
         You can take a dot back until the vote closes.</p><ul class=\"vote\">",
        esc(&rules.scope.name()),
        rules.dots,
    );
    for item in items {
        let mine = me.dots.get(&item.id).copied().unwrap_or(0);
        let id = item.id.to_string();
        let _ = write!(
            out,
            "<li><p>{}</p><p><span class=\"dots\" aria-label=\"your dots\">{}</span>",
            esc(&item.text),
            "●".repeat(mine as usize)
        );
        if let Some(n) = view
            .tally
            .as_ref()
            .map(|t| t.get(&item.id).copied().unwrap_or(0))
        {
            let _ = write!(out, " <span class=\"count\">{n} in all</span>");
        }
        let _ = write!(
            out,
            "</p><form method=\"post\" action=\"do\">{}{}<button type=\"submit\">Place a dot</button></form>",
            hidden("do", "dot"),
            hidden("item", &id)
        );
        if mine > 0 {
            let _ = write!(
                out,
                "<form method=\"post\" action=\"do\">{}{}<button class=\"quiet\" type=\"submit\">Take one back</button></form>",
                hidden("do", "undot"),
                hidden("item", &id)
            );
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

/// The canvas, read-only, as the projector shows it.
fn canvas(view: &RoomView) -> String {
    let mut out = String::new();
    for section in &view.sections {
        let _ = write!(out, "<h3>{}</h3>", esc(section.title));
        if section.items.is_empty() {
            out.push_str("<p class=\"hint\">Nothing yet.</p>");
            continue;
        }
        out.push_str("<ol class=\"items\">");
        for item in &section.items {
            let _ = write!(out, "<li>{}", esc(&item.text));
            if !item.level.is_empty() {
                let _ = write!(out, " <span class=\"level\">{}</span>", esc(item.level));
            }
            if item.votes > 0 {
                let _ = write!(
                    out,
                    " <span class=\"count\">{}</span>",
                    super::state::count(item.votes as usize, "vote", "votes")
                );
            }
            out.push_str("</li>");
        }
        out.push_str("</ol>");
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::canvas::{Canvas, Section};
    use crate::room::state::{Ask, Request, Room};

    fn view_of(room: &Room, canvas: &Canvas) -> RoomView {
        RoomView::of(room, canvas, false, 7)
    }

    #[test]
    fn hostile_text_is_inert_in_the_page() {
        let mut canvas = Canvas::new("<script>alert(1)</script>{{round}}");
        canvas.push(
            Section::Pains,
            "\u{1b}]52;c;aGk=\u{7}<img src=x onerror=y>\u{202e}",
        );
        let mut room = Room::default();
        let page = render(&view_of(&room, &canvas), None, None, 1);
        assert!(!page.contains("<script>alert"), "{page}");
        assert!(!page.contains("<img"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;{{round}}"));
        assert!(
            !page
                .chars()
                .any(|c| crate::text::is_bidi_control(c) || c == '\u{1b}')
        );
        room.start_write(Section::Pains);
        let note = "\"><b onclick=x>hi</b>";
        let ask = Ask::Write {
            text: note.into(),
            nonce: None,
        };
        room.apply(&Request {
            token: "t".into(),
            ask,
        })
        .unwrap();
        let page = render(&view_of(&room, &canvas), Some("t"), None, 1);
        assert!(
            page.contains("&quot;&gt;&lt;b onclick=x&gt;hi&lt;/b&gt;"),
            "{page}"
        );
        assert!(!page.contains("<b onclick"));
    }

    #[test]
    fn a_write_round_asks_the_sections_question_and_shows_only_my_notes() {
        let canvas = Canvas::new("Invoicing");
        let mut room = Room::default();
        room.start_write(Section::Pains);
        for (who, text) in [("me", "mine"), ("you", "theirs")] {
            let ask = Ask::Write {
                text: text.into(),
                nonce: None,
            };
            room.apply(&Request {
                token: who.into(),
                ask,
            })
            .unwrap();
        }
        let page = render(&view_of(&room, &canvas), Some("me"), None, 99);
        assert!(page.contains(&esc(Section::Pains.question())), "{page}");
        assert!(page.contains(">mine</textarea>"));
        assert!(!page.contains("theirs"));
        assert!(page.contains("name=\"nonce\" value=\"99\""));
        assert!(page.contains("data-version=\"7\""));
    }

    #[test]
    fn the_flash_says_what_happened() {
        let view = view_of(&Room::default(), &Canvas::new("t"));
        let flash = Flash::from_code("too-long");
        let page = render(&view, None, flash, 1);
        assert!(page.contains("at most 280 characters"), "{page}");
        assert_eq!(Flash::from_code("added"), Some(Flash::Done(Done::Added)));
        assert_eq!(Flash::from_code("nonsense"), None);
    }

    #[test]
    fn outside_a_round_the_page_mirrors_the_canvas() {
        let mut canvas = Canvas::new("t");
        canvas.push(Section::Jobs, "Get paid on time");
        let mut room = Room::default();
        room.apply(&Request {
            token: "a".into(),
            ask: Ask::Join,
        })
        .unwrap();
        let page = render(&view_of(&room, &canvas), Some("a"), None, 1);
        assert!(page.contains("Get paid on time"));
        assert!(page.contains("Waiting for the next round"));
        assert!(!page.contains("<form"));
    }
}

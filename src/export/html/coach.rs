//! The report's Coach section (SPEC §7): the hints the editor and `lint`
//! show, set for the screen and, compactly, for the one printed page.

use std::fmt::Write as _;

use crate::canvas::Canvas;
use crate::coach::{Hint, Subject, by_message, grouped};

use super::super::svg::escape_text as esc;
use super::{both_forms, label, one_line};

/// The coach's hints (SPEC §7), the ones the editor and `lint` show: by
/// rule, then by what to do (said once), then what it is about. Calm, in
/// the report's quiet ink: advice, not the fit's flags. On paper each piece
/// of advice is one compact paragraph, an item with a number on the picture
/// is named by its number alone (the picture beside it has its text), and
/// what does not fit in [`PRINT_ROOM`] is left off paper with a note saying
/// so, so the report keeps to its one page. Nothing when the coach has
/// nothing to say.
pub(super) fn coach(o: &mut String, canvas: &Canvas, hints: &[Hint]) {
    if hints.is_empty() {
        return;
    }
    let n = hints.len();
    let _ = writeln!(
        o,
        "<section class=\"coach\">\n<h2>Coach</h2>\n<p class=\"quiet\">{n} {} to make this canvas sharper<span class=\"screen\">: dismiss one in the editor, or turn a rule off in config.ron</span>.</p>",
        plural(n)
    );
    let cards = (canvas.tests.len() + canvas.learnings.len()).min(super::PAPER_CARDS);
    let mut room = PRINT_ROOM
        .saturating_sub(cards * CARD_COST)
        .max(PRINT_ROOM_LEAST);
    let mut unprinted = 0;
    for (rule, list) in grouped(hints) {
        let groups = by_message(&list);
        // A rule's heading is printed with its first piece of advice or not at all.
        let first = groups
            .first()
            .map_or(0, |(_, about)| print_cost(canvas, about));
        // In order: once one piece of advice is left off paper, so is the rest.
        let printed = unprinted == 0 && room >= HEADING_COST + first;
        let _ = writeln!(
            o,
            "<div class=\"rule{}\">\n<h3>{} <span class=\"id\">{}</span></h3>",
            if printed { "" } else { " unprinted" },
            esc(rule.title()),
            rule.id()
        );
        if printed {
            room -= HEADING_COST;
        }
        for (message, about) in groups {
            let cost = print_cost(canvas, &about);
            let printed = printed && unprinted == 0 && room >= cost;
            if printed {
                room -= cost;
            } else {
                unprinted += about.len();
            }
            let _ = writeln!(
                o,
                "<div class=\"advice{}\">\n<p>{}</p>\n<ul>",
                if printed { "" } else { " unprinted" },
                esc(message)
            );
            for hint in about {
                let _ = writeln!(o, "{}", subject(canvas, hint));
            }
            o.push_str("</ul>\n</div>\n");
        }
        o.push_str("</div>\n");
    }
    if unprinted > 0 {
        let _ = writeln!(
            o,
            "<p class=\"paper quiet\">{unprinted} more {} not on paper: open this report on screen, or run vpcanvas lint.</p>",
            plural(unprinted)
        );
    }
    o.push_str("</section>\n");
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "hint" } else { "hints" }
}

/// The room the hints have on paper, in half-lines of the print type: about
/// what is left below the picture (two columns) once the other parts are
/// there. The test and learning cards share it, [`CARD_COST`] each; the
/// hints always get [`PRINT_ROOM_LEAST`].
const PRINT_ROOM: usize = 70;
const PRINT_ROOM_LEAST: usize = 16;
const CARD_COST: usize = 10;
/// A rule's heading, and one piece of advice, on paper.
const HEADING_COST: usize = 2;
const ADVICE_COST: usize = 2;

/// What one piece of advice takes on paper: its line, a line for each
/// subject named in words, and a little for every row of numbers.
fn print_cost(canvas: &Canvas, about: &[&Hint]) -> usize {
    let labelled = about
        .iter()
        .filter(|h| matches!(h.subject, Subject::Item { id, .. } if label(canvas, id).is_some()))
        .count();
    ADVICE_COST + 2 * (about.len() - labelled) + labelled / 8
}

/// What a hint is about, as a list entry (escaped): an item by its label and
/// text (a value map item, which has no label, by its section and text), a
/// statement by its name, a section or the whole canvas by name.
fn subject(canvas: &Canvas, hint: &Hint) -> String {
    let text = |id| {
        canvas
            .item(id)
            .map(|i| esc(&one_line(&i.text)))
            .unwrap_or_default()
    };
    match hint.subject {
        Subject::Item { section, id } => match label(canvas, id) {
            Some(l) => format!(
                "<li class=\"labelled\"><span class=\"tag\">{l}</span> <span class=\"text\">{}</span></li>",
                text(id)
            ),
            None => format!(
                "<li><span class=\"quiet\">{}:</span> {}</li>",
                esc(section.title()),
                both_forms(canvas, id)
            ),
        },
        _ => format!(
            "<li>{}</li>",
            esc(&one_line(&crate::coach::subject_label(canvas, hint)))
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::report;
    use super::*;
    use crate::coach::RuleSet;

    #[test]
    fn the_report_holds_the_coachs_hints_each_piece_of_advice_once() {
        let c = crate::canvas::file::parse(include_str!("../../../assets/examples/invoicing.ron"))
            .expect("example")
            .canvas;
        let hints = crate::coach::hints(&c, RuleSet::EMPTY);
        assert!(hints.len() > 3, "the example has things to say");
        let html = report(&c, RuleSet::EMPTY);
        let coach = &html[html
            .find("<section class=\"coach\">")
            .expect("a coach section")..];
        let coach = &coach[..coach.find("</section>").expect("closed")];
        assert!(coach.contains(&format!("{} hints", hints.len())), "{coach}");
        for (rule, list) in grouped(&hints) {
            assert!(
                coach.contains(&format!(
                    "{} <span class=\"id\">{}</span>",
                    esc(rule.title()),
                    rule.id()
                )),
                "{coach}"
            );
            for hint in list {
                // Each message once, however many items it is about.
                assert_eq!(
                    coach
                        .matches(&format!("<p>{}</p>", esc(&hint.message)))
                        .count(),
                    1
                );
            }
        }
        // Every item a hint is about, by its label and text.
        assert!(coach.contains(
            "<li class=\"labelled\"><span class=\"tag\">P1</span> <span class=\"text\">Clients pay weeks after the due date</span></li>"
        ), "{coach}");
        assert_eq!(coach.matches("<li").count(), hints.len());
        // Calm: never the fit's flag.
        assert!(!coach.contains("class=\"flag\""));
        // Every rule off: no section at all.
        let all: RuleSet = crate::coach::Rule::ALL.into_iter().collect();
        assert!(!report(&c, all).contains("class=\"coach\""));
    }

    #[test]
    fn advice_past_the_room_on_paper_is_left_off_paper_and_said_so() {
        let mut c = crate::canvas::file::parse(include_str!("../../../assets/examples/meals.ron"))
            .expect("example")
            .canvas;
        let html = report(&c, RuleSet::EMPTY);
        assert!(!html.contains(" unprinted\"") && !html.contains("not on paper"));
        // Twenty gain creators, each with its own vague claim (so each its
        // own piece of advice) and no digit (a number quiets `vague`).
        let claims = [
            "Seamless",
            "Innovative",
            "Powerful",
            "Intuitive",
            "Robust",
            "Modern",
            "Smart",
            "Effortless",
            "Streamlined",
            "Convenient",
            "Enhanced",
            "Efficient",
            "Revolutionary",
            "Optimised",
            "Leading",
            "Simple",
            "Quick",
            "Faster",
            "Easier",
            "Better",
        ];
        for claim in claims {
            c.push(
                crate::canvas::Section::Creators,
                format!("{claim} step for cooks"),
            );
        }
        let hints = crate::coach::hints(&c, RuleSet::EMPTY);
        let html = report(&c, RuleSet::EMPTY);
        let coach = &html[html.find("<section class=\"coach\">").expect("coach")..];
        let coach = &coach[..coach.find("</section>").expect("closed")];
        // On screen everything is there (its text, and its short form for
        // paper); on paper the rest is counted.
        assert_eq!(coach.matches(" step for cooks<").count(), 2 * claims.len());
        let unprinted: usize = coach
            .split("<div class=\"advice unprinted\">")
            .skip(1)
            .map(|group| {
                group[..group.find("</div>").expect("closed")]
                    .matches("<li")
                    .count()
            })
            .sum();
        assert!(unprinted > 0 && unprinted < hints.len());
        assert!(
            coach.contains(&format!("{unprinted} more hints not on paper")),
            "{coach}"
        );
        // What is printed comes first: no printed advice after an unprinted one.
        let first_unprinted = coach.find("advice unprinted").expect("some");
        assert!(!coach[first_unprinted..].contains("<div class=\"advice\">"));
    }

    #[test]
    fn hints_about_value_map_items_statements_and_the_canvas_name_them() {
        let mut c = Canvas::new("t");
        c.push(crate::canvas::Section::Relievers, "Seamless <b>sync</b>");
        let html = report(&c, RuleSet::EMPTY);
        assert!(
            html.contains("<li><span class=\"quiet\">Pain relievers:</span> <span class=\"text\">Seamless &lt;b&gt;sync&lt;/b&gt;</span><span class=\"short\">Seamless &lt;b&gt;sync&lt;/b&gt;</span></li>"),
            "{html}"
        );
        assert!(html.contains("<li>The canvas</li>"), "no alternative");
    }
}

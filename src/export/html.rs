//! The one-page report (SPEC §8): the picture, the fit, what to test next,
//! the saved statements, the tests and learnings, and the coach's hints, in
//! one self-contained HTML file: no script, no external request (the picture
//! is inline SVG, the style is inline), readable on a phone, and printed on
//! one landscape page.

use std::fmt::Write as _;

use crate::canvas::{Canvas, Item, ItemId, Section, Status, TestCard};
use crate::coach::RuleSet;
use crate::fit::{FitReport, Flagged, analyze};
use crate::statement::default_statement;

use super::svg::{escape_text as esc, fit_sentence, svg_element};
use super::{DOCUMENT_ORDER, document_tags, one_line};

mod coach;
mod curve;

const STYLE: &str = include_str!("report.css");

/// The report as one HTML document. `coach_off` are the coach's rules
/// turned off for all canvases (`config.ron`): their hints are left out.
pub fn report(canvas: &Canvas, coach_off: RuleSet) -> String {
    let report = analyze(canvas);
    let title = match one_line(&canvas.title) {
        t if t.is_empty() => "Untitled canvas".to_owned(),
        t => t,
    };
    let mut o = String::with_capacity(96 * 1024);
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    o.push_str("<meta name=\"generator\" content=\"vpcanvas\">\n");
    let _ = writeln!(
        o,
        "<title>{} · Value Proposition Canvas</title>",
        esc(&title)
    );
    let _ = writeln!(o, "<style>\n{STYLE}</style>\n</head>\n<body>");
    let _ = writeln!(o, "<header>\n<h1>{}</h1>", esc(&title));
    let mut meta = Vec::new();
    if !canvas.segment.trim().is_empty() {
        meta.push(format!(
            "<span>Customer segment: <b>{}</b></span>",
            esc(&one_line(&canvas.segment))
        ));
    }
    if !canvas.alternatives.is_empty() {
        let alternatives: Vec<String> = canvas
            .alternatives
            .iter()
            .map(|a| esc(&one_line(a)))
            .collect();
        meta.push(format!(
            "<span>Alternatives today: <b>{}</b></span>",
            alternatives.join(", ")
        ));
    }
    if !meta.is_empty() {
        let _ = writeln!(o, "<p class=\"meta\">{}</p>", meta.join(" "));
    }
    o.push_str("</header>\n<main>\n");
    let _ = writeln!(
        o,
        "<figure class=\"picture\">\n{}</figure>",
        svg_element(canvas)
    );
    o.push_str("<div class=\"side\">\n");
    fit(&mut o, canvas, &report);
    test_next(&mut o, canvas, &report);
    statements(&mut o, canvas);
    o.push_str("</div>\n<div class=\"below\">\n");
    tests_and_learnings(&mut o, canvas);
    curve::curve(&mut o, canvas);
    coach::coach(&mut o, canvas, &crate::coach::hints(canvas, coach_off));
    o.push_str("</div>\n");
    canvas_text(&mut o, canvas, &report);
    o.push_str("</main>\n<footer>The Value Proposition Canvas is a method by Strategyzer. Drawn by vpcanvas, an independent tool.</footer>\n</body>\n</html>\n");
    o
}

/// The label an item has on the picture (P1, G2, J3), if it has one.
fn label(canvas: &Canvas, id: ItemId) -> Option<String> {
    let p = canvas.position_of(id)?;
    super::svg::label_prefix(p.section).map(|prefix| format!("{prefix}{}", p.index + 1))
}

/// An item by its label and text, for lists.
fn named(canvas: &Canvas, id: ItemId) -> String {
    let text = canvas
        .item(id)
        .map(|i| esc(&one_line(&i.text)))
        .unwrap_or_default();
    match label(canvas, id) {
        Some(l) => format!("<span class=\"tag\">{l}</span> {text}"),
        None => text,
    }
}

/// An item's text twice, escaped: whole for the screen, and its first words
/// for paper (where the report's CSS shows that one instead, so a long
/// value map item, which has no label to stand for it, takes one line).
fn both_forms(canvas: &Canvas, id: ItemId) -> String {
    let text = canvas
        .item(id)
        .map(|i| one_line(&i.text))
        .unwrap_or_default();
    format!(
        "<span class=\"text\">{}</span><span class=\"short\">{}</span>",
        esc(&text),
        esc(&short(&text))
    )
}

/// The first words of a text, for paper: up to [`SHORT`] characters, cut
/// at a word (or, for one long word, at a character) with "…" where cut.
fn short(text: &str) -> String {
    use unicode_segmentation::UnicodeSegmentation as _;
    if text.chars().count() <= SHORT {
        return text.to_owned();
    }
    let mut out = String::new();
    for word in text.split(' ') {
        let len = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count();
        if len > SHORT {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        let mut n = 0;
        for g in text.graphemes(true) {
            n += g.chars().count();
            if n > SHORT {
                break;
            }
            out.push_str(g);
        }
    }
    out.push('…');
    out
}

/// How many characters of a value map item's text the printed page shows.
const SHORT: usize = 36;

/// What the one printed page holds of each long part (the screen shows all):
/// the items of each fit list, the saved statements, the test and learning
/// cards. The rest is summed up in a line that says where to see it.
const PAPER_PER_LIST: usize = 3;
const PAPER_STATEMENTS: usize = 2;
pub(super) const PAPER_CARDS: usize = 4;

/// ` class="unprinted"` for the `i`-th entry of a part that holds `room` on paper.
fn on_paper(i: usize, room: usize) -> &'static str {
    if i < room { "" } else { " class=\"unprinted\"" }
}

/// The line that stands on paper for what was left off it (nothing when all fits).
fn left_off(o: &mut String, tag: &str, total: usize, room: usize, what: &str, where_: &str) {
    if total > room {
        let _ = writeln!(
            o,
            "<{tag} class=\"paper quiet\">and {} more{}{what}: {where_}</{tag}>",
            total - room,
            if what.is_empty() { "" } else { " " }
        );
    }
}

fn fit(o: &mut String, canvas: &Canvas, report: &FitReport) {
    o.push_str("<section class=\"fit\">\n<h2>Fit</h2>\n");
    let _ = writeln!(o, "<p>{}</p>", esc(&fit_sentence(report)));
    let lists: [(&str, &[Flagged]); 5] = [
        (
            "Pains no reliever addresses",
            &report.pains_without_relievers,
        ),
        ("Gains no creator produces", &report.gains_without_creators),
        (
            "Relievers that relieve no pain",
            &report.relievers_without_pains,
        ),
        (
            "Creators that create no gain",
            &report.creators_without_gains,
        ),
        (
            "Jobs no product or service helps with",
            &report.jobs_without_products,
        ),
    ];
    for (heading, flagged) in lists {
        if flagged.is_empty() {
            continue;
        }
        let _ = writeln!(o, "<h3>{heading}</h3>\n<ul>");
        for (i, f) in flagged.iter().enumerate() {
            // A value map item by its first words on paper: a list of
            // them must not push the report onto a second page.
            let item = match label(canvas, f.id) {
                Some(_) => named(canvas, f.id),
                None => both_forms(canvas, f.id),
            };
            let _ = writeln!(o, "<li{}>{item}</li>", on_paper(i, PAPER_PER_LIST));
        }
        left_off(
            o,
            "li",
            flagged.len(),
            PAPER_PER_LIST,
            "",
            "on screen, or run vpcanvas check",
        );
        o.push_str("</ul>\n");
    }
    if !report.has_gaps() {
        o.push_str("<p>Every pain has a reliever and every gain a creator.</p>\n");
    }
    o.push_str("</section>\n");
}

/// The riskiest assumptions, as the fit analysis ranks them (SPEC §7).
fn test_next(o: &mut String, canvas: &Canvas, report: &FitReport) {
    o.push_str("<section class=\"next\">\n<h2>Test next</h2>\n");
    let ids: Vec<ItemId> = report.test_next.iter().map(|r| r.id).collect();
    if ids.is_empty() {
        o.push_str("<p>Every item is validated or invalidated.</p>\n");
    } else {
        o.push_str("<p class=\"quiet\">The riskiest assumptions: not yet validated, most important first.</p>\n<ol>\n");
        for id in ids.iter().take(5) {
            let _ = writeln!(
                o,
                "<li>{}{}</li>",
                named(canvas, *id),
                status_note(canvas, *id)
            );
        }
        o.push_str("</ol>\n");
    }
    o.push_str("</section>\n");
}

fn status_note(canvas: &Canvas, id: ItemId) -> &'static str {
    match canvas.item(id).map(|i| i.status) {
        Some(Status::Testing) => " <i>(being tested)</i>",
        _ => "",
    }
}

fn statements(o: &mut String, canvas: &Canvas) {
    o.push_str("<section class=\"statements\">\n<h2>Value proposition</h2>\n");
    if canvas.statements.is_empty() {
        let _ = writeln!(
            o,
            "<blockquote>{}</blockquote>\n<p class=\"quiet\">Proposed from the top-ranked items; no statement saved yet.</p>",
            esc(&default_statement(canvas))
        );
    } else {
        for (i, s) in canvas.statements.iter().enumerate() {
            let _ = writeln!(
                o,
                "<div{}><h3>{}</h3>\n<blockquote>{}</blockquote></div>",
                on_paper(i, PAPER_STATEMENTS),
                esc(&one_line(&s.name)),
                esc(&one_line(&s.text))
            );
        }
        left_off(
            o,
            "p",
            canvas.statements.len(),
            PAPER_STATEMENTS,
            "saved statements",
            "on screen, or run vpcanvas statement --all",
        );
    }
    o.push_str("</section>\n");
}

fn tests_and_learnings(o: &mut String, canvas: &Canvas) {
    if canvas.tests.is_empty() && canvas.learnings.is_empty() {
        return;
    }
    o.push_str("<section class=\"tests\">\n<h2>Tests and learnings</h2>\n");
    // Newest first, as on the test board; on paper the newest few.
    for (i, test) in canvas.tests.iter().rev().enumerate() {
        test_card(o, canvas, test, i < PAPER_CARDS);
    }
    for (i, learning) in canvas.learnings.iter().rev().enumerate() {
        let printed = canvas.tests.len() + i < PAPER_CARDS;
        let from = learning
            .test
            .and_then(|t| canvas.tests.iter().find(|c| c.id == t))
            .map(|t| format!(" from {}", esc(&one_line(&t.name))))
            .unwrap_or_default();
        let date = learning.date.map(|d| format!(", {d}")).unwrap_or_default();
        let _ = writeln!(
            o,
            "<article class=\"card learning{}\">\n<h3>Learning{from}{date}</h3>",
            if printed { "" } else { " unprinted" }
        );
        for (lead, text) in [
            ("We observed", &learning.observed),
            ("From that we learned", &learning.learned),
            ("Therefore we will", &learning.decision),
        ] {
            if !text.trim().is_empty() {
                let _ = writeln!(o, "<p><b>{lead}</b> {}</p>", esc(&one_line(text)));
            }
        }
        for (what, ids) in [
            ("Validated", &learning.validated),
            ("Invalidated", &learning.invalidated),
        ] {
            if !ids.is_empty() {
                let names: Vec<String> = ids.iter().map(|id| named(canvas, *id)).collect();
                let _ = writeln!(o, "<p><b>{what}:</b> {}</p>", names.join("; "));
            }
        }
        o.push_str("</article>\n");
    }
    left_off(
        o,
        "p",
        canvas.tests.len() + canvas.learnings.len(),
        PAPER_CARDS,
        "cards",
        "on screen, or on the editor's test board",
    );
    o.push_str("</section>\n");
}

fn test_card(o: &mut String, canvas: &Canvas, test: &TestCard, printed: bool) {
    let deadline = test
        .deadline
        .map(|d| format!(", due {d}"))
        .unwrap_or_default();
    let _ = writeln!(
        o,
        "<article class=\"card test{}\">\n<h3>{} <span class=\"quiet\">({}{deadline})</span></h3>",
        if printed { "" } else { " unprinted" },
        esc(&one_line(&test.name)),
        test.state.name()
    );
    for (lead, text) in [
        ("We believe that", &test.believe),
        ("To verify that, we will", &test.verify),
        ("And measure", &test.measure),
        ("We are right if", &test.right_if),
    ] {
        if !text.trim().is_empty() {
            let _ = writeln!(o, "<p><b>{lead}</b> {}</p>", esc(&one_line(text)));
        }
    }
    if !test.items.is_empty() {
        let names: Vec<String> = test.items.iter().map(|id| named(canvas, *id)).collect();
        let _ = writeln!(o, "<p><b>Tests:</b> {}</p>", names.join("; "));
    }
    if let Some(results) = super::results_line(canvas, test) {
        let _ = writeln!(o, "<p><b>Results:</b> {}</p>", esc(&results));
    }
    verdict(o, canvas, test);
    o.push_str("</article>\n");
}

/// A measured test's verdict in words and its rates with their intervals
/// as a small chart (SPEC §13).
fn verdict(o: &mut String, canvas: &Canvas, test: &TestCard) {
    if test.results.is_empty() {
        return;
    }
    let verdict = crate::verdict::of(test);
    let _ = writeln!(
        o,
        "<p class=\"verdict\"><b>Verdict:</b> {}</p>",
        esc(&super::verdict_words(canvas, &verdict))
    );
    o.push_str(&super::chart_svg(canvas, &verdict, &|s: &str| esc(s)));
}

/// The canvas as text: for phones (the picture is small there), screen
/// readers and search. Not printed: the picture says it all on paper.
fn canvas_text(o: &mut String, canvas: &Canvas, report: &FitReport) {
    o.push_str(
        "<section class=\"canvas-text\">\n<h2>The canvas, as text</h2>\n<div class=\"sections\">\n",
    );
    for section in DOCUMENT_ORDER {
        let _ = writeln!(o, "<div>\n<h3>{}</h3>\n<ul>", section.title());
        for item in canvas.items(section) {
            let flag = if report.is_flagged(item.id) {
                "<span class=\"flag\" title=\"nothing addresses it yet\">!</span> "
            } else if report.is_unlinked(item.id) {
                "<span class=\"idle\" title=\"addresses nothing\">?</span> "
            } else {
                ""
            };
            let tags = document_tags(section, item);
            let tags = if tags.is_empty() {
                String::new()
            } else {
                format!(" <span class=\"quiet\">({})</span>", esc(&tags))
            };
            let links = link_numbers(canvas, section, item);
            let _ = writeln!(o, "<li>{flag}{}{tags}{links}</li>", named(canvas, item.id));
        }
        if canvas.items(section).is_empty() {
            o.push_str("<li class=\"quiet\">Nothing here yet</li>\n");
        }
        o.push_str("</ul>\n</div>\n");
    }
    o.push_str("</div>\n</section>\n");
}

/// What a value-map item addresses, by the numbers the picture gives them
/// (runs as ranges: "→ P1–P1200"): the picture itself counts them when
/// there are too many to number legibly.
fn link_numbers(canvas: &Canvas, section: Section, item: &Item) -> String {
    let Some((target, prefix)) = section
        .link_target()
        .and_then(|t| Some((t, super::svg::label_prefix(t)?)))
    else {
        return String::new();
    };
    let positions = super::svg::linked_positions(canvas, target, item);
    if positions.is_empty() {
        return String::new();
    }
    let labels: Vec<String> = super::svg::numbered_labels(prefix, &positions)
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    format!(" <span class=\"links\">→ {}</span>", labels.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_holds_the_picture_the_fit_and_the_statement() {
        let c = crate::canvas::file::parse(include_str!("../../assets/examples/invoicing.ron"))
            .expect("example")
            .canvas;
        let html = report(&c, RuleSet::EMPTY);
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(
            !html.contains("<?xml"),
            "the picture is inline, without a prolog"
        );
        assert!(html.contains("Fit: pains 3/5 relieved"));
        assert!(html.contains(&esc(&default_statement(&c))));
        assert!(!html.to_lowercase().contains("<script"));
        for needle in ["http://", "https://", "src=", "@import", "url("] {
            let outside_xmlns = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
            assert!(!outside_xmlns.contains(needle), "{needle}");
        }
    }

    #[test]
    fn short_forms_cut_at_a_word_or_inside_one_long_word() {
        assert_eq!(short("Seamless bank sync"), "Seamless bank sync");
        assert_eq!(
            short("Innovative AI categorisation that learns from every receipt"),
            "Innovative AI categorisation that…"
        );
        let long = "é".repeat(50);
        assert_eq!(short(&long), format!("{}…", "é".repeat(SHORT)));
        // Graphemes stay whole: a flag is two code points.
        let flags = "🇫🇷".repeat(30);
        let cut = short(&flags);
        assert!(cut.ends_with("🇫🇷…"), "{cut}");
    }

    #[test]
    fn a_value_map_item_in_the_fit_has_its_first_words_for_paper() {
        let mut c = Canvas::new("t");
        let text = "Reminder plan one: a polite note <b>three</b> days before the due date";
        c.push(crate::canvas::Section::Relievers, text);
        let html = report(&c, RuleSet::EMPTY);
        let fit = &html[html.find("Relievers that relieve no pain").expect("listed")..];
        let fit = &fit[..fit.find("</ul>").expect("closed")];
        assert!(
            fit.contains(&format!(
                "<li><span class=\"text\">{}</span><span class=\"short\">{}</span></li>",
                esc(text),
                esc(&short(text))
            )),
            "{fit}"
        );
    }
}

//! Each item's line in the documents that list every item (Markdown, plain
//! text): its text on one line, its tags and what it is linked to, written
//! once per item and copied wherever it is named.

#![allow(clippy::unwrap_used)]

use super::*;

/// Items with every kind of tag, texts that need folding and escaping, and
/// links both ways.
fn tagged() -> Canvas {
    let mut c = Canvas::new("Tags");
    c.alternatives = vec!["Spreadsheets".into(), "Hiring a bookkeeper".into()];
    let job = c.push(Section::Jobs, "Get  paid\non time #1");
    c.set_level(job, Level::High);
    c.set_status(job, crate::canvas::Status::Validated);
    c.set_votes(job, 3);
    c.set_score(job, None, Some(5));
    c.set_score(job, Some("Spreadsheets"), Some(2));
    c.set_score(job, Some("Hiring a bookkeeper"), Some(4));
    let pain = c.push(Section::Pains, "Late *payments* \u{1b}[2J");
    c.set_status(pain, crate::canvas::Status::Testing);
    let product = c.push(Section::Products, "Invoicing_app");
    c.set_votes(product, 1);
    let reliever = c.push(Section::Relievers, "Reminders\u{2028}that  nag");
    c.set_link(product, job, true);
    c.set_link(reliever, pain, true);
    c.push(Section::Creators, "Forecast");
    c
}

/// The lines of `doc` that start with one of `starts`, in order.
fn lines_starting<'d>(doc: &'d str, starts: &[&str]) -> Vec<&'d str> {
    doc.lines()
        .filter(|l| starts.iter().any(|s| l.starts_with(s)))
        .collect()
}

#[test]
fn markdown_writes_each_items_text_tags_and_links() {
    let md = markdown(&tagged());
    assert_eq!(
        lines_starting(&md, &["1. "]),
        [
            "1. Get paid on time \\#1 _(Functional · High · Validated · 3 dots · ours 5 · Spreadsheets 2, Hiring a bookkeeper 4)_ — helped by: Invoicing\\_app",
            "1. Late \\*payments\\* \\\\u{1b}\\[2J _(Moderate · Testing)_ — relieved by: Reminders that nag",
            "1. Invoicing\\_app _(1 dot)_ — helps with: Get paid on time \\#1",
            "1. Reminders that nag — relieves: Late \\*payments\\* \\\\u{1b}\\[2J",
            "1. Forecast",
        ]
    );
}

#[test]
fn plain_text_writes_each_items_text_tags_and_links() {
    let txt = plain_text(&tagged());
    assert_eq!(
        lines_starting(&txt, &["- ", "! "]),
        [
            "- Get paid on time #1 [Functional · High · Validated · 3 dots · ours 5 · Spreadsheets 2, Hiring a bookkeeper 4] (helped by: Invoicing_app)",
            "- Late *payments* \\u{1b}[2J [Moderate · Testing] (relieved by: Reminders that nag)",
            "- Invoicing_app [1 dot] (helps with: Get paid on time #1)",
            "- Reminders that nag (relieves: Late *payments* \\u{1b}[2J)",
            "- Forecast",
        ]
    );
}

#[test]
fn a_text_is_left_as_it_is_exactly_when_one_line_would_leave_it() {
    let one_line_of = |t: &str| crate::text::visible(&crate::text::single_spaced(t)).into_owned();
    for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
        for t in [format!("a{c}b"), format!("{c}"), format!("a {c}")] {
            assert_eq!(is_one_inert_line(&t), one_line_of(&t) == t, "{t:?}");
        }
        if !c.is_ascii() && c.is_whitespace() {
            let mut buf = [0; 4];
            assert!(
                may_begin_space(c.encode_utf8(&mut buf).as_bytes()[0]),
                "{c:?}"
            );
        }
    }
    assert!((0x80..0xc0).all(|b| !may_begin_space(b)));
}

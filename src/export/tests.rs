#![allow(clippy::unwrap_used)]

use serde_json::{Value, json};

use super::*;
use crate::canvas::{ItemId, JobKind, Level};
use crate::coach::RuleSet;
use crate::fit::analyze;

/// The SPEC §2 example (ids 1–6, fully linked) plus a mild pain and a
/// nice-to-have gain nothing addresses (7, 8), a reliever relieving nothing
/// (9) and an emotional job no product helps with (10).
fn fixture() -> Canvas {
    let mut c = Canvas::new("Invoicing for freelancers");
    c.segment = "Freelance designers".into();
    c.alternatives = vec!["Spreadsheets".into(), "Hiring a bookkeeper".into()];
    let add = |c: &mut Canvas, s: Section, text: &str, level: Level| -> ItemId {
        let id = c.push(s, text);
        c.set_level(id, level);
        id
    };
    let job = add(&mut c, Section::Jobs, "Get paid on time", Level::High);
    let pain = add(
        &mut c,
        Section::Pains,
        "Chasing clients for late payments",
        Level::High,
    );
    let gain = add(
        &mut c,
        Section::Gains,
        "Predictable monthly cash flow",
        Level::High,
    );
    let prod = c.push(Section::Products, "Invoicing web app");
    let reliever = c.push(Section::Relievers, "Automatic, polite payment reminders");
    let creator = c.push(Section::Creators, "30-day cash-flow forecast");
    c.set_link(prod, job, true);
    c.set_link(reliever, pain, true);
    c.set_link(creator, gain, true);
    add(&mut c, Section::Pains, "Lost receipts", Level::Low);
    add(&mut c, Section::Gains, "Look bigger", Level::Low);
    c.push(Section::Relievers, "Live chat");
    let feel = add(&mut c, Section::Jobs, "Feel in control", Level::Low);
    c.cycle_kind(feel);
    c.cycle_kind(feel);
    assert_eq!(c.item(feel).unwrap().kind, JobKind::Emotional);
    assert_eq!(c.next_id(), 11);
    c
}

/// Asserts that `needles` occur in `hay` in this order.
fn assert_in_order(hay: &str, needles: &[&str]) {
    let mut from = 0;
    for n in needles {
        let at = hay[from..]
            .find(n)
            .unwrap_or_else(|| panic!("{n:?} missing (or out of order) in\n{hay}"));
        from += at + n.len();
    }
}

// ---------------------------------------------------------------------------
// Markdown

#[test]
fn markdown_has_the_title_segment_and_all_six_sections_in_workshop_order() {
    let md = markdown(&fixture());
    assert!(md.starts_with("# Invoicing for freelancers\n\n"), "{md}");
    assert!(md.contains("**Customer segment:** Freelance designers  \n"));
    assert!(md.contains("**Alternatives today:** Spreadsheets, Hiring a bookkeeper  \n"));
    assert_in_order(
        &md,
        &[
            "\n## Customer profile\n",
            "\n### Customer jobs\n",
            "\n### Pains\n",
            "\n### Gains\n",
            "\n## Value map\n",
            "\n### Products & services\n",
            "\n### Pain relievers\n",
            "\n### Gain creators\n",
            "\n## Fit\n",
            "\n## Value proposition\n",
        ],
    );
}

#[test]
fn markdown_lists_items_with_their_levels_and_links() {
    let md = markdown(&fixture());
    for line in [
        "1. Get paid on time _(Functional · High)_ — helped by: Invoicing web app\n",
        "2. Feel in control _(Emotional · Low)_\n",
        "1. Chasing clients for late payments _(Extreme)_ — relieved by: Automatic, polite payment reminders\n",
        "1. Predictable monthly cash flow _(Essential)_ — created by: 30-day cash-flow forecast\n",
        "1. Invoicing web app — helps with: Get paid on time\n",
        "1. Automatic, polite payment reminders — relieves: Chasing clients for late payments\n",
        "2. Live chat\n",
        "1. 30-day cash-flow forecast — creates: Predictable monthly cash flow\n",
    ] {
        assert!(md.contains(line), "missing {line:?} in\n{md}");
    }
}

#[test]
fn markdown_marks_flagged_pains_and_gains() {
    let md = markdown(&fixture());
    assert!(
        md.contains("2. Lost receipts _(Mild)_ — **⚠ no pain reliever**\n"),
        "{md}"
    );
    assert!(
        md.contains("2. Look bigger _(Nice to have)_ — **⚠ no gain creator**\n"),
        "{md}"
    );
    // Only the two flagged items carry the mark.
    assert_eq!(md.matches('⚠').count(), 2, "{md}");
}

#[test]
fn markdown_has_the_fit_and_the_statement() {
    let md = markdown(&fixture());
    assert_in_order(
        &md,
        &[
            "## Fit\n\n",
            "- Pains relieved: 1/2 (75% weighted by level)\n",
            "- Gains created: 1/2 (75% weighted by level)\n",
            "- Pains without relievers: Lost receipts\n",
            "- Gains without creators: Look bigger\n",
        ],
    );
    assert!(md.contains(
        "## Value proposition\n\n> Our Invoicing web app helps freelance designers who want to \
         get paid on time by offering automatic, polite payment reminders and a 30-day cash-flow forecast \
         (unlike spreadsheets).\n"
    ));
}

#[test]
fn markdown_leaves_the_coachs_hints_to_the_report_and_lint() {
    // The fixture has hints; the document is the canvas, not advice on it.
    let c = fixture();
    assert!(!crate::coach::hints(&c, RuleSet::EMPTY).is_empty());
    let md = markdown(&c);
    assert!(!md.contains("## Coach"), "{md}");
    assert!(!md.contains("hints to make this canvas sharper"), "{md}");
    for rule in crate::coach::Rule::ALL {
        assert!(!md.contains(&format!("(`{}`)", rule.id())), "{md}");
    }
}

#[test]
fn markdown_of_an_empty_canvas() {
    let md = markdown(&Canvas::default());
    assert!(md.starts_with("# Value Proposition Canvas\n"), "{md}");
    assert!(!md.contains("Customer segment"));
    assert!(!md.contains("Alternatives"));
    assert_eq!(md.matches("_None yet._").count(), 6, "{md}");
    assert!(
        md.contains("- Pains relieved: 0/0 (100% weighted by level)"),
        "{md}"
    );
    assert!(!md.contains("without"), "{md}");
}

#[test]
fn markdown_escapes_markup_in_item_text() {
    let mut c = Canvas::new("# Not *a* heading");
    c.segment = "_under_ [link](x)".into();
    c.alternatives = vec!["`code`".into()];
    c.push(
        Section::Pains,
        r"*bold* _it_ [a](b) #tag `c` <b> x|y back\slash ~~struck~~",
    );
    let md = markdown(&c);
    assert!(md.starts_with("# \\# Not \\*a\\* heading\n"), "{md}");
    assert!(
        md.contains("**Customer segment:** \\_under\\_ \\[link\\](x)  \n"),
        "{md}"
    );
    assert!(
        md.contains("**Alternatives today:** \\`code\\`  \n"),
        "{md}"
    );
    let escaped = r"\*bold\* \_it\_ \[a\](b) \#tag \`c\` \<b\> x\|y back\\slash \~\~struck\~\~";
    assert!(
        md.contains(&format!(
            "1. {escaped} _(Moderate)_ — **⚠ no pain reliever**\n"
        )),
        "{md}"
    );
    // Also in the fit summary, where the flagged pain is named again.
    assert!(
        md.contains(&format!("- Pains without relievers: {escaped}\n")),
        "{md}"
    );
}

#[test]
fn markdown_escapes_linked_texts_and_the_statement() {
    let mut c = Canvas::default();
    let pain = c.push(Section::Pains, "*late* payments");
    let r = c.push(Section::Relievers, "Send_reminders");
    c.set_link(r, pain, true);
    let md = markdown(&c);
    assert!(
        md.contains("1. \\*late\\* payments _(Moderate)_ — relieved by: Send\\_reminders\n"),
        "{md}"
    );
    assert!(
        md.contains("1. Send\\_reminders — relieves: \\*late\\* payments\n"),
        "{md}"
    );
    assert!(
        md.contains("> Our offer helps customers by offering send\\_reminders.\n"),
        "{md}"
    );
}

#[test]
fn markdown_keeps_every_item_on_one_line() {
    let mut c = Canvas::new("Two\nlines");
    c.push(Section::Gains, "first line\nsecond line\r\n\tthird");
    let md = markdown(&c);
    assert!(md.starts_with("# Two lines\n"), "{md}");
    assert!(
        md.contains("1. first line second line third _(Desired)_"),
        "{md}"
    );
}

// ---------------------------------------------------------------------------
// Plain text

#[test]
fn plain_text_marks_flagged_items_with_a_bang() {
    let txt = plain_text(&fixture());
    let lines: Vec<&str> = txt.lines().collect();
    for line in [
        "! Lost receipts [Mild]",
        "! Look bigger [Nice to have]",
        "- Chasing clients for late payments [Extreme] (relieved by: Automatic, polite payment reminders)",
        "- Predictable monthly cash flow [Essential] (created by: 30-day cash-flow forecast)",
        "- Feel in control [Emotional · Low]",
        "- Live chat",
        "- Invoicing web app (helps with: Get paid on time)",
    ] {
        assert!(lines.contains(&line), "missing {line:?} in\n{txt}");
    }
    let bangs: Vec<&&str> = lines.iter().filter(|l| l.starts_with('!')).collect();
    assert_eq!(bangs.len(), 2, "{txt}");
}

#[test]
fn plain_text_has_the_title_sections_fit_and_statement() {
    let txt = plain_text(&fixture());
    assert!(txt.starts_with(
        "Invoicing for freelancers\nCustomer segment: Freelance designers\n\
         Alternatives today: Spreadsheets, Hiring a bookkeeper\n"
    ));
    assert_in_order(
        &txt,
        &[
            "\nCUSTOMER JOBS\n",
            "\nPAINS\n",
            "\nGAINS\n",
            "\nPRODUCTS & SERVICES\n",
            "\nPAIN RELIEVERS\n",
            "\nGAIN CREATORS\n",
            "\nFit: pains 1/2 relieved · gains 1/2 created\n",
            "\nValue proposition: Our Invoicing web app helps ",
        ],
    );
    assert!(txt.ends_with("(unlike spreadsheets).\n"));
}

#[test]
fn plain_text_keeps_every_entry_on_one_line() {
    let mut c = Canvas::new("T");
    c.segment = "a\nb".into();
    c.alternatives = vec!["Excel\nand paper".into(), "Post-its".into()];
    c.push(Section::Jobs, "one\ntwo");
    let txt = plain_text(&c);
    assert!(txt.contains("\nCustomer segment: a b\n"), "{txt}");
    assert!(
        txt.contains("\nAlternatives today: Excel and paper, Post-its\n"),
        "{txt}"
    );
    assert!(txt.contains("\n- one two [Functional · Medium]\n"), "{txt}");
}

// ---------------------------------------------------------------------------
// JSON

#[test]
fn canvas_json_mirrors_the_ron_structure() {
    let mut c = fixture();
    // The SPEC example only, to compare against a hand-written mirror.
    for id in 7..=10 {
        c.remove(id);
    }
    let text = canvas_json(&c);
    assert!(text.ends_with("}\n"));
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        value,
        json!({
            "version": 1,
            "title": "Invoicing for freelancers",
            "segment": "Freelance designers",
            "alternatives": ["Spreadsheets", "Hiring a bookkeeper"],
            "customer": {
                "jobs": [{"id": 1, "text": "Get paid on time", "kind": "Functional", "importance": "High"}],
                "pains": [{"id": 2, "text": "Chasing clients for late payments", "severity": "Extreme"}],
                "gains": [{"id": 3, "text": "Predictable monthly cash flow", "relevance": "Essential"}],
            },
            "value_map": {
                "products": [{"id": 4, "text": "Invoicing web app", "jobs": [1]}],
                "relievers": [{"id": 5, "text": "Automatic, polite payment reminders", "pains": [2]}],
                "creators": [{"id": 6, "text": "30-day cash-flow forecast", "gains": [3]}],
            },
        })
    );
    // Keys come in the order of the RON file.
    let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "version",
            "title",
            "segment",
            "alternatives",
            "customer",
            "value_map"
        ]
    );
}

#[test]
fn canvas_json_uses_the_ron_level_words() {
    let value: Value = serde_json::from_str(&canvas_json(&fixture())).unwrap();
    assert_eq!(value["customer"]["pains"][1]["severity"], "Mild");
    assert_eq!(value["customer"]["gains"][1]["relevance"], "NiceToHave");
    assert_eq!(value["customer"]["jobs"][1]["kind"], "Emotional");
    assert_eq!(value["customer"]["jobs"][1]["importance"], "Low");
    assert_eq!(value["value_map"]["relievers"][1]["pains"], json!([]));
}

#[test]
fn canvas_json_carries_any_text_exactly() {
    let mut c = Canvas::new("\"quotes\" \\ 漢字 😀 e\u{301} \u{202e}");
    let text = "line\nbreak\ttab \u{0}\u{1b}[2J";
    c.push(Section::Pains, text);
    let value: Value = serde_json::from_str(&canvas_json(&c)).unwrap();
    assert_eq!(value["title"], c.title.as_str());
    assert_eq!(value["customer"]["pains"][0]["text"], text);
}

#[test]
fn check_json_has_the_documented_keys() {
    let c = fixture();
    let report = analyze(&c);
    let value = check_json("pitch.ron", &c, &report);
    // It also round-trips through text as the CLI prints it.
    let value: Value = serde_json::from_str(&json::pretty(&value)).unwrap();
    assert_eq!(value["file"], "pitch.ron");
    assert_eq!(
        value["pains_without_relievers"],
        json!([{"id": 7, "text": "Lost receipts"}])
    );
    assert_eq!(
        value["gains_without_creators"],
        json!([{"id": 8, "text": "Look bigger"}])
    );
    assert_eq!(
        value["relievers_without_pains"],
        json!([{"id": 9, "text": "Live chat"}])
    );
    assert_eq!(value["creators_without_gains"], json!([]));
    assert_eq!(
        value["jobs_without_products"],
        json!([{"id": 10, "text": "Feel in control"}])
    );
    assert_eq!(value["coverage"], json!({"pains": 0.75, "gains": 0.75}));
}

#[test]
fn check_json_lists_are_most_important_first() {
    let mut c = Canvas::default();
    let mild = c.push(Section::Pains, "mild");
    c.set_level(mild, Level::Low);
    let extreme = c.push(Section::Pains, "extreme");
    c.set_level(extreme, Level::High);
    let value = check_json("f", &c, &analyze(&c));
    assert_eq!(
        value["pains_without_relievers"],
        json!([{"id": extreme, "text": "extreme"}, {"id": mild, "text": "mild"}])
    );
    assert_eq!(value["coverage"]["pains"], 0.0);
    assert_eq!(value["coverage"]["gains"], 1.0);
}

// ---------------------------------------------------------------------------
// check's text report

#[test]
fn check_text_names_every_flagged_item_and_ends_with_a_summary() {
    let c = fixture();
    let report = analyze(&c);
    let txt = check_text("pitch.ron", &c, &report);
    assert!(
        txt.starts_with("pitch.ron — Invoicing for freelancers\n"),
        "{txt}"
    );
    assert_in_order(
        &txt,
        &[
            "  Pains without relievers (1):\n",
            "    ! Lost receipts [Mild]\n",
            "  Gains without creators (1):\n",
            "    ! Look bigger [Nice to have]\n",
            "  Pain relievers that relieve no pain (1):\n",
            "    ? Live chat\n",
            "  Jobs no product or service helps with (1):\n",
            "    ? Feel in control [Low]\n",
        ],
    );
    assert!(!txt.contains("Gain creators that create no gain"), "{txt}");
    let last = txt.lines().last().unwrap();
    assert!(last.starts_with("  Summary:"), "{txt}");
    assert_eq!(
        last,
        "  Summary: gaps: pains 1/2 relieved · gains 1/2 created · 1 without relievers, \
         1 without creators · coverage weighted by level: pains 75%, gains 75%"
    );
    assert!(txt.ends_with('\n'));
}

#[test]
fn check_text_of_a_canvas_without_gaps() {
    let mut c = fixture();
    c.remove(7);
    c.remove(8);
    let txt = check_text("f.ron", &c, &analyze(&c));
    assert!(!txt.contains('!'), "{txt}");
    let last = txt.lines().last().unwrap();
    assert!(last.starts_with("  Summary: ok: "), "{last}");
}

#[test]
fn check_text_without_a_title_and_with_multi_line_texts() {
    let mut c = Canvas::default();
    c.push(Section::Gains, "first\nsecond");
    let txt = check_text("f.ron", &c, &analyze(&c));
    assert!(txt.starts_with("f.ron\n"), "{txt}");
    assert!(txt.contains("    ! first second [Desired]\n"), "{txt}");
    assert_eq!(
        txt.lines().filter(|l| l.starts_with("  Summary:")).count(),
        1
    );
}

// ---------------------------------------------------------------------------
// Shared helpers and the format switch

#[test]
fn format_render_picks_the_renderer() {
    let c = fixture();
    let render = |f: Format| {
        String::from_utf8(f.render(&c, RuleSet::EMPTY).expect("renders")).expect("text")
    };
    assert_eq!(render(Format::Md), markdown(&c));
    assert_eq!(render(Format::Json), canvas_json(&c));
    assert_eq!(render(Format::Txt), plain_text(&c));
    assert_eq!(render(Format::Svg), svg::svg(&c));
    assert_eq!(render(Format::Html), html::report(&c, RuleSet::EMPTY));
    assert!(Format::Png.is_binary() && !Format::Svg.is_binary());
    assert_eq!(
        [
            Format::Md,
            Format::Json,
            Format::Txt,
            Format::Svg,
            Format::Png,
            Format::Html
        ]
        .map(Format::extension),
        ["md", "json", "txt", "svg", "png", "html"]
    );
}

#[test]
fn helpers_describe_items() {
    let c = fixture();
    assert_eq!(
        item_tags(Section::Jobs, c.item(10).unwrap()),
        "Emotional · Low"
    );
    assert_eq!(
        item_tags(Section::Gains, c.item(8).unwrap()),
        "Nice to have"
    );
    assert_eq!(item_tags(Section::Relievers, c.item(5).unwrap()), "");
    assert_eq!(
        linked_texts(&c, c.item(2).unwrap(), usize::MAX),
        "Automatic, polite payment reminders"
    );
    assert_eq!(linked_texts(&c, c.item(9).unwrap(), usize::MAX), "");
    assert_eq!(one_line("  a \n\t b  "), "a b");
    assert_eq!(link_verb(Section::Pains), "relieved by");
    assert_eq!(link_verb(Section::Relievers), "relieves");
}

#[test]
fn a_streamed_document_is_the_rendered_one_in_pieces() {
    // Enough items for several pieces, with hazards, folded spaces and
    // wide characters spread over them.
    let mut c = fixture();
    for n in 0..3000 {
        let reliever = c.push(Section::Relievers, format!("Reminder  {n} 東京 ✓"));
        let pain = c.push(
            Section::Pains,
            format!("Pain {n}\u{1b}[2J with\nnewlines and \u{202e}bidi"),
        );
        c.set_link(reliever, pain, true);
    }
    for format in [Format::Md, Format::Txt, Format::Json] {
        let mut pieces: Vec<String> = Vec::new();
        format
            .stream(&c, RuleSet::EMPTY, &mut |piece| {
                pieces.push(piece.to_owned());
            })
            .expect("streams");
        if format != Format::Json {
            assert!(pieces.len() > 2, "{format:?}: {} pieces", pieces.len());
        }
        let streamed: String = pieces
            .iter()
            .map(|p| crate::text::inert::visible_lines(p).into_owned())
            .collect();
        let whole = String::from_utf8(format.render(&c, RuleSet::EMPTY).expect("renders"));
        assert_eq!(streamed, whole.expect("text"), "{format:?}");
    }
}

mod v3;
mod written;

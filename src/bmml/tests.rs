use std::time::{Duration, Instant};

use super::*;
use crate::canvas::{Canvas, Item, ItemId, Level, Section};

const SHOPS: &str = include_str!("../../tests/fixtures/bmml/shops.bmml");

fn texts(c: &Canvas, s: Section) -> Vec<&str> {
    c.items(s).iter().map(|i| i.text.as_str()).collect()
}

fn linked_texts(c: &Canvas, s: Section) -> Vec<(String, Vec<String>)> {
    c.items(s)
        .iter()
        .map(|i| {
            let to = i
                .links
                .iter()
                .filter_map(|l| c.item(*l))
                .map(|t| t.text.clone())
                .collect();
            (i.text.clone(), to)
        })
        .collect()
}

fn err(bytes: &[u8]) -> BmmlError {
    match import(bytes) {
        Ok(i) => panic!("imported: {i:?}"),
        Err(e) => e,
    }
}

#[test]
fn each_fit_becomes_one_canvas_with_its_links() {
    let imported = import(SHOPS.as_bytes()).expect("imports");
    let names: Vec<&str> = imported.canvases.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["ledger-shops", "portal-accountants"]);
    let c = &imported.canvases[0].1;
    assert_eq!(c.title, "Tiny Ledger: Ledger on the phone");
    assert_eq!(c.segment, "Owners of small shops");
    assert_eq!(
        texts(c, Section::Jobs),
        ["Close the books every month", "Pay staff on time"]
    );
    assert_eq!(
        texts(c, Section::Pains),
        [
            "Receipts in three different drawers",
            "Fines for late tax returns"
        ]
    );
    assert_eq!(texts(c, Section::Products), ["Phone app"]);
    assert_eq!(
        linked_texts(c, Section::Relievers),
        [
            (
                "Snap a receipt and it is filed".to_owned(),
                vec!["Receipts in three different drawers".to_owned()]
            ),
            (
                "Reminders two weeks before each tax deadline".to_owned(),
                vec!["Fines for late tax returns".to_owned()]
            ),
        ]
    );
    assert_eq!(
        linked_texts(c, Section::Creators),
        [(
            "One-tap tax pack for the accountant".to_owned(),
            vec!["Tax day takes one hour".to_owned()]
        )]
    );
    // Default levels: bmml has none.
    assert!(c.all_items().all(|(_, i)| i.level == Level::Medium));
    crate::canvas::file::validate(c).expect("a valid canvas");
    let second = &imported.canvases[1].1;
    assert_eq!(second.segment, "Accountants of small shops");
    assert_eq!(
        linked_texts(second, Section::Relievers),
        [(
            "Every receipt already sorted in a shared folder".to_owned(),
            vec!["Clients hand over a shoebox of paper".to_owned()]
        )]
    );
}

#[test]
fn says_what_it_could_not_place() {
    let imported = import(SHOPS.as_bytes()).expect("imports");
    let notes = imported.not_placed.join("\n");
    for expected in [
        "business-model blocks, which have no place on a value proposition canvas: channels (1), revenue_streams (1)",
        "meta.tagline",
        "fit-ledger-shops mapping [pr-shared-folder, pain-receipts]: pr-shared-folder is not in this fit's propositions and segments",
        "fit-ledger-shops mapping [pr-snap, gain-calm-tax-day]: a mapping pairs a pain reliever",
        "fit-ledger-shops: the description of cs-shop-owners",
        "fit-ledger-shops: the description of vp-ledger",
    ] {
        assert!(
            notes.contains(expected),
            "{expected:?} missing from:\n{notes}"
        );
    }
}

fn rich_canvas() -> Canvas {
    let mut c = Canvas::new("Invoicing for freelancers");
    c.segment = "Freelance designers".to_owned();
    c.alternatives = vec!["Spreadsheets".to_owned()];
    let job = c.push(Section::Jobs, "Get paid on time");
    c.set_level(job, Level::High);
    c.cycle_kind(job);
    let p1 = c.push(Section::Pains, "Chasing late payers: \"Where's my money?\"");
    let p2 = c.push(
        Section::Pains,
        "Tax day: 3 days of paperwork\nand a headache",
    );
    let g1 = c.push(Section::Gains, "Cash within 7 days # not a comment");
    let prod = c.push(Section::Products, "Invoicing app: web & phone");
    c.set_link(prod, job, true);
    let r1 = c.push(Section::Relievers, "Automatic reminders");
    let r2 = c.push(Section::Relievers, "- looks like a list item");
    c.set_link(r1, p1, true);
    c.set_link(r2, p1, true);
    c.set_link(r2, p2, true);
    let cr = c.push(Section::Creators, "Pay-now button: *bold* &anchor");
    c.set_link(cr, g1, true);
    c.push(Section::Creators, "Creates nothing yet");
    c
}

#[test]
fn round_trip_keeps_every_item_its_order_and_every_link() {
    let c = rich_canvas();
    let out = export(&c);
    let back = import(out.yaml.as_bytes()).expect("own output imports");
    assert_eq!(back.canvases.len(), 1, "{}", out.yaml);
    assert!(back.not_placed.is_empty(), "{:?}", back.not_placed);
    let b = &back.canvases[0].1;
    assert_eq!(b.title, c.title);
    assert_eq!(b.segment, c.segment);
    for s in Section::ALL {
        let ids = |c: &Canvas| {
            c.items(s)
                .iter()
                .map(|i| (i.id, i.text.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(b), ids(&c), "{s:?}");
    }
    for s in [Section::Relievers, Section::Creators] {
        assert_eq!(linked_texts(b, s), linked_texts(&c, s), "{s:?}");
        let links = |c: &Canvas| {
            c.items(s)
                .iter()
                .map(|i| i.links.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(links(b), links(&c));
    }
    // What bmml cannot hold is said, and only that.
    let left = out.left_out.join("\n");
    assert!(
        left.contains("levels (importance, severity, relevance) of 1 item"),
        "{left}"
    );
    assert!(left.contains("kinds of 1 job"), "{left}");
    assert!(left.contains("1 product→job link"), "{left}");
    assert!(left.contains("1 alternative"), "{left}");
    let mut v2 = c.clone();
    v2.set_status(2, crate::canvas::Status::Validated);
    v2.set_evidence(2, vec!["heard it".to_owned(), "saw it".to_owned()]);
    v2.add_statement("A", "Our app …");
    let left = export(&v2).left_out.join("\n");
    for expected in [
        "the evidence status of 1 item",
        "2 evidence notes",
        "1 saved statement",
    ] {
        assert!(left.contains(expected), "{expected}: {left}");
    }
    let mut v3 = c.clone();
    let pain = v3.items(Section::Pains)[0].id;
    v3.set_votes(pain, 4);
    if let Some(alternative) = v3.alternatives.first().cloned() {
        v3.set_score(pain, Some(&alternative), Some(3));
    }
    let statement = v3.add_statement("A", "Our app …");
    v3.tests.push(crate::canvas::TestCard {
        id: v3.next_id(),
        statements: vec![statement],
        target: crate::canvas::Rate::new(0.05),
        ..crate::canvas::TestCard::default()
    });
    let left = export(&v3).left_out.join("\n");
    for expected in [
        "the room's votes on 1 item",
        "the scores against the alternatives of 1 item",
        "the measured results of 1 test",
    ] {
        assert!(left.contains(expected), "{expected}: {left}");
    }
    assert!(export(&Canvas::new("plain")).left_out.is_empty());
}

#[test]
fn export_is_deterministic_and_shaped_like_bmml() {
    let c = rich_canvas();
    let a = export(&c).yaml;
    assert_eq!(a, export(&c).yaml);
    assert!(a.starts_with("version: \"2.0\"\nmeta:\n  name: \"Invoicing for freelancers\"\n  portfolio: explore\n  stage: ideation\n"), "{a}");
    assert!(a.contains("  - id: cs-freelance-designers\n"), "{a}");
    assert!(a.contains("  - id: vp-invoicing-for-freelancers\n"), "{a}");
    assert!(a.contains("      - [pr-7, pain-2]\n"), "{a}");
    assert!(
        a.contains("        description: \"Tax day: 3 days of paperwork\\nand a headache\"\n"),
        "{a}"
    );
}

#[test]
fn an_empty_or_odd_canvas_still_exports_valid_bmml() {
    let mut c = Canvas::new("");
    c.segment = "日本の店主".to_owned();
    c.insert_item(
        Section::Pains,
        0,
        Item::new(4_000_000_000, "\u{1b}[31mred\u{7}"),
    );
    let out = export(&c);
    let back = import(out.yaml.as_bytes()).expect("imports");
    let b = &back.canvases[0].1;
    assert_eq!(b.title, "Untitled canvas");
    assert_eq!(b.segment, "日本の店主");
    assert_eq!(b.items(Section::Pains)[0].text, "\u{1b}[31mred\u{7}");
    assert_eq!(b.items(Section::Pains)[0].id, 4_000_000_000);
}

#[test]
fn ids_that_are_not_numbered_are_numbered_in_file_order() {
    let c = &import(SHOPS.as_bytes()).expect("imports").canvases[0].1;
    let ids: Vec<u32> = [
        Section::Jobs,
        Section::Pains,
        Section::Gains,
        Section::Products,
    ]
    .into_iter()
    .flat_map(|s| c.items(s).iter().map(|i| i.id))
    .collect();
    assert_eq!(ids, [1, 2, 3, 4, 5, 6]);
}

#[test]
fn balsamiq_mockups_and_other_files_get_a_clear_error() {
    let e = err(include_bytes!("../../tests/fixtures/bmml/balsamiq.bmml"));
    assert_eq!(e, BmmlError::Balsamiq);
    assert!(e.to_string().contains("Balsamiq mock-up"), "{e}");
    assert!(matches!(
        err(include_bytes!("../../tests/fixtures/bmml/v1.bmml")),
        BmmlError::WrongVersion { found } if found == "1.0"
    ));
    for (text, expected) in [
        ("", "the file is empty"),
        ("just some words\n", "a bmml file is a YAML mapping"),
        ("- a\n- list\n", "a bmml file is a YAML mapping"),
        ("title: Not bmml\n", "it has no `version`"),
    ] {
        let e = err(text.as_bytes());
        assert!(e.to_string().contains(expected), "{text:?}: {e}");
    }
    assert!(matches!(
        err(b"\xff\xfe<\x00"),
        BmmlError::NotUtf8 { offset: 0 }
    ));
    assert!(
        matches!(err(b"version: 2.0\n"), BmmlError::Yaml(_)),
        "meta is required"
    );
}

#[test]
fn schema_mistakes_name_the_key_or_id() {
    let base = "version: \"2.0\"\nmeta:\n  name: M\n  portfolio: explore\n  stage: ideation\n";
    let cases = [
        ("colour: blue\n", "colour"),
        (
            "customer_segments:\n  - id: cs-a\n    name: A\n    pains:\n      - id: pain-1\n        description: P\n        severity: high\n",
            "severity",
        ),
        (
            "customer_segments:\n  - id: segment-a\n    name: A\n",
            "customer segment id \"segment-a\" must be cs-",
        ),
        (
            "customer_segments:\n  - id: cs-a\n    name: A\n  - id: cs-a\n    name: B\n",
            "id cs-a is used twice",
        ),
        (
            "fits:\n  - id: fit-x\n    for:\n      value_propositions: [vp-x]\n      customer_segments: [cs-x]\n",
            "fit-x names customer segment cs-x, which the file does not define",
        ),
        (
            "customer_segments:\n  - id: cs-a\n    name: A\n",
            "the file has no fits",
        ),
    ];
    for (tail, expected) in cases {
        let e = err(format!("{base}{tail}").as_bytes());
        assert!(e.to_string().contains(expected), "{tail:?}: {e}");
    }
}

/// Hostile YAML ends in an error, quickly (the budget, not the clock, is
/// what stops it; the generous deadline only catches a hang).
fn refused_quickly(text: &str) -> BmmlError {
    let start = Instant::now();
    let e = err(text.as_bytes());
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "took {:?}",
        start.elapsed()
    );
    e
}

#[test]
fn an_alias_bomb_is_refused() {
    let mut bomb = String::from(
        "version: \"2.0\"\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for n in 1..12 {
        let p = n - 1;
        bomb.push_str(&format!(
            "a{n}: &a{n} [*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p}]\n"
        ));
    }
    bomb.push_str("meta: *a11\n");
    let e = refused_quickly(&bomb);
    assert!(matches!(e, BmmlError::Yaml(_)), "{e}");
}

#[test]
fn deep_nesting_is_refused() {
    for (open, close) in [("[", "]"), ("{a: ", "}")] {
        let depth = 100_000;
        let text = format!(
            "version: \"2.0\"\nmeta: {}1{}\n",
            open.repeat(depth),
            close.repeat(depth)
        );
        let e = refused_quickly(&text);
        assert!(matches!(e, BmmlError::Yaml(_)), "{e}");
    }
    let mut block = String::from("version: \"2.0\"\nmeta:\n");
    for d in 1..200 {
        block.push_str(&" ".repeat(d * 2));
        block.push_str("- \n");
    }
    assert!(matches!(refused_quickly(&block), BmmlError::Yaml(_)));
}

#[test]
fn huge_and_truncated_files_are_refused() {
    let huge = vec![b' '; MAX_BYTES + 1];
    assert!(matches!(err(&huge), BmmlError::TooLarge { .. }));
    // Every truncation of a good file: an error or a smaller import, never a panic.
    let good = export(&rich_canvas()).yaml;
    for cut in (0..good.len())
        .step_by(3)
        .filter(|i| good.is_char_boundary(*i))
    {
        let _ = import(&good.as_bytes()[..cut]);
    }
    let _ = refused_quickly("version: \"2.0\"\nmeta: \"unterminated\n");
}

#[test]
fn slugs_are_bmml_id_tails() {
    assert_eq!(
        slug("Invoicing for Freelancers!").as_deref(),
        Some("invoicing-for-freelancers")
    );
    assert_eq!(slug("  --Ünïcode -- ").as_deref(), Some("n-code"));
    assert_eq!(slug("日本"), None);
    assert!(slug(&"a".repeat(200)).is_some_and(|s| s.len() <= 48));
}

/// A big file near the size limit imports and exports in linear time: links
/// are not looked up in the canvas one by one (that took minutes at this
/// size). The deadline is generous; it only catches the quadratic walk.
#[test]
fn a_big_canvas_exports_and_imports_without_a_quadratic_walk() {
    let n: ItemId = 40_000;
    let mut canvas = Canvas::new("Big");
    for id in 1..=n {
        canvas.insert_item(Section::Pains, usize::MAX, Item::new(id, "p"));
        let mut reliever = Item::new(n + id, "r");
        reliever.links.push(id);
        canvas.insert_item(Section::Relievers, usize::MAX, reliever);
    }
    let start = Instant::now();
    let yaml = export(&canvas).yaml;
    let back = import(yaml.as_bytes()).expect("imports");
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "took {:?}",
        start.elapsed()
    );
    let got = &back.canvases[0].1;
    assert_eq!(got.items(Section::Relievers).len(), n as usize);
    assert_eq!(got.items(Section::Relievers)[n as usize - 1].links, [n]);
}

/// A small file whose fits repeat what they name: `for:` lists one segment
/// 20,000 times, or 2,000 fits each take every pain. Each copy would be a
/// full set of items (a 200 KB file made gigabytes and the import died).
fn segment_with_pains(pains: usize) -> String {
    let mut y = String::from(
        "version: \"2.0\"\nmeta:\n  name: M\n  portfolio: explore\n  stage: ideation\ncustomer_segments:\n  - id: cs-a\n    name: A\n    pains:\n",
    );
    for i in 0..pains {
        y.push_str(&format!(
            "      - id: pain-{i}\n        description: p{i}\n"
        ));
    }
    y.push_str("value_propositions:\n  - id: vp-a\n    name: V\nfits:\n");
    y
}

#[test]
fn a_segment_named_twice_in_a_fit_counts_once() {
    let mut y = segment_with_pains(1000);
    let reps = vec!["cs-a"; 20_000].join(", ");
    y.push_str(&format!(
        "  - id: fit-a\n    for:\n      value_propositions: [vp-a, vp-a]\n      customer_segments: [{reps}]\n"
    ));
    let start = Instant::now();
    let imported = import(y.as_bytes()).expect("imports");
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    let canvas = &imported.canvases[0].1;
    assert_eq!(canvas.items(Section::Pains).len(), 1000);
    assert_eq!(canvas.segment, "A");
    assert_eq!(canvas.title, "M: V");
}

#[test]
fn fits_that_would_make_too_many_items_are_refused() {
    let mut y = segment_with_pains(300);
    for f in 0..2000 {
        y.push_str(&format!(
            "  - id: fit-{f}\n    for:\n      value_propositions: [vp-a]\n      customer_segments: [cs-a]\n"
        ));
    }
    let start = Instant::now();
    let e = err(y.as_bytes());
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    assert!(
        e.to_string().contains("600000 items in 2000 canvases"),
        "{e}"
    );
}

/// Few items but long ones: 50 fits over one segment of 200 pains of 8,000
/// characters each stay far under the item and fit counts, yet would
/// write 80 MB of canvases from a 1.6 MB file (a 16 MiB file, gigabytes).
/// The text the canvases would hold is counted too, before any is made.
#[test]
fn fits_that_would_make_too_much_text_are_refused() {
    let mut y = String::from(
        "version: \"2.0\"\nmeta:\n  name: M\n  portfolio: explore\n  stage: ideation\ncustomer_segments:\n  - id: cs-a\n    name: A\n    pains:\n",
    );
    let long = "x".repeat(8000);
    for i in 0..200 {
        y.push_str(&format!(
            "      - id: pain-{i}\n        description: p{i} {long}\n"
        ));
    }
    y.push_str("value_propositions:\n  - id: vp-a\n    name: V\nfits:\n");
    for f in 0..50 {
        y.push_str(&format!(
            "  - id: fit-{f}\n    for:\n      value_propositions: [vp-a]\n      customer_segments: [cs-a]\n"
        ));
    }
    let e = err(y.as_bytes());
    assert!(
        e.to_string().contains("76 MiB of text in 50 canvases"),
        "{e}"
    );
    // One such fit alone is fine.
    let one = y.split("  - id: fit-1\n").next().unwrap_or_default();
    assert_eq!(import(one.as_bytes()).expect("imports").canvases.len(), 1);
}

/// Hostile text (C0, C1, bidi) leaves as YAML escapes and comes back as it
/// was: no raw hazard in the file, and nothing the sanitiser must rewrite
/// into a form YAML cannot read.
#[test]
fn control_c1_and_bidi_characters_round_trip_as_yaml_escapes() {
    let mut c = Canvas::new("Plan\u{9b}6n");
    c.segment = "Users\u{202e}evil".to_owned();
    let pain = c.push(Section::Pains, "Late\u{1b}]52;c;aGk=\u{7} pay\u{85}");
    let out = export(&c);
    assert!(
        !out.yaml
            .chars()
            .any(|ch| ch != '\n' && crate::text::is_hazard(ch)),
        "{}",
        out.yaml
    );
    assert_eq!(
        crate::text::visible_lines(&out.yaml),
        out.yaml.as_str(),
        "nothing left to sanitise"
    );
    let back = import(out.yaml.as_bytes()).expect("own output imports");
    let b = &back.canvases[0].1;
    assert_eq!(b.title, c.title);
    assert_eq!(b.segment, c.segment);
    assert_eq!(
        b.item(pain).map(|i| i.text.as_str()),
        c.item(pain).map(|i| i.text.as_str())
    );
}

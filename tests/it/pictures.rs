//! The pictures and the report (SPEC §8): the SVG of both examples as
//! snapshots, well-formed XML holding every item's whole text, hostile text
//! kept as text, the PNG's size and content, and `export` on the command line.

use std::collections::BTreeMap;
use std::process::{Command, Stdio};

use vpcanvas::canvas::{Canvas, Section};
use vpcanvas::coach::RuleSet;
use vpcanvas::examples::Example;
use vpcanvas::export::{Format, html, one_line, svg};

const BIN: &str = env!("CARGO_BIN_EXE_vpcanvas");

/// A canvas whose every text tries to break out of the markup.
pub fn hostile() -> Canvas {
    let mut c = Canvas::new("</text><script>alert(1)</script>");
    "\" onload=\"alert(2)".clone_into(&mut c.segment);
    c.alternatives = vec![
        "<img src=x onerror=alert(3)>".to_owned(),
        "a & b".to_owned(),
    ];
    c.push(Section::Pains, "</text><script>alert(4)</script>");
    c.push(Section::Gains, "\" onload=\"alert(5)\" x=\"");
    c.push(
        Section::Jobs,
        "tab\there, bell\u{7}, escape\u{1b}[2J, nul\u{0} and ]]> end",
    );
    c.push(Section::Products, "<![CDATA[ x ]]> &amp; &lt;");
    c.push(Section::Relievers, "'single' \"double\" `back`");
    c.push(
        Section::Creators,
        "\u{202e}reversed\u{202c} and \u{feff}bom",
    );
    c
}

/// The SPEC's version 2 example (statements, a test, a learning, statuses),
/// with one pain more that the evidence refuted.
pub fn evidence() -> Canvas {
    let mut c = vpcanvas::canvas::file::parse(include_str!("../fixtures/v2/spec_example.ron"))
        .expect("fixture")
        .canvas;
    let refuted = c.push(
        Section::Pains,
        "Invoices get lost in the client's spam folder",
    );
    c.set_status(refuted, vpcanvas::canvas::Status::Invalidated);
    c
}

/// The text of each item as the picture spells it: the words of its lines
/// joined by spaces, keyed by the item's id.
fn drawn_items(svg: &str) -> BTreeMap<u32, String> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    let mut items = BTreeMap::new();
    for g in doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("item"))
    {
        let id: u32 = g
            .attribute("data-id")
            .and_then(|v| v.parse().ok())
            .expect("id");
        let words: Vec<&str> = g
            .descendants()
            .filter(|n| n.attribute("class") == Some("line"))
            .filter_map(|n| n.text())
            .collect();
        items.insert(id, words.join(" "));
    }
    items
}

/// What an item's text must read as in the picture: cleaned, on one line.
fn expected(text: &str) -> String {
    one_line(&vpcanvas::text::clean(text))
}

fn assert_every_item_drawn_whole(c: &Canvas, svg: &str) {
    let drawn = drawn_items(svg);
    assert_eq!(drawn.len(), c.item_count(), "one group per item");
    for (_, item) in c.all_items() {
        let got = drawn.get(&item.id).expect("item drawn");
        // A word broken across lines reads back with a space inside it.
        assert_eq!(
            got.replace(' ', ""),
            expected(&item.text).replace(' ', ""),
            "item {}",
            item.id
        );
    }
}

#[test]
fn the_invoicing_example_as_svg() {
    let c = Example::Invoicing.canvas().expect("example");
    let out = svg::svg(&c);
    assert_every_item_drawn_whole(&c, &out);
    insta::assert_snapshot!("invoicing_svg", out);
}

#[test]
fn the_meals_example_as_svg() {
    let c = Example::Meals.canvas().expect("example");
    let out = svg::svg(&c);
    assert_every_item_drawn_whole(&c, &out);
    insta::assert_snapshot!("meals_svg", out);
}

#[test]
fn evidence_shows_on_each_item_and_in_the_key() {
    let c = evidence();
    let out = svg::svg(&c);
    assert_every_item_drawn_whole(&c, &out);
    for class in [
        "status-validated",
        "status-testing",
        "status-invalidated",
        "struck",
    ] {
        assert!(out.contains(&format!("class=\"{class}\"")), "{class}");
    }
    insta::assert_snapshot!("evidence_svg", out);
    let report = html::report(&c, RuleSet::EMPTY);
    for needle in [
        "A: late payments",
        "Landing page A/B",
        "Late payment is the pain that sells",
    ] {
        assert!(report.contains(needle), "{needle}");
    }
}

#[test]
fn sixty_items_fit_whole_and_every_word_is_kept() {
    let c = vpcanvas::synth::synthetic(60, 7);
    assert_eq!(c.item_count(), 60);
    let out = svg::svg(&c);
    assert_every_item_drawn_whole(&c, &out);
}

#[test]
fn the_picture_is_a_self_contained_slide() {
    let c = Example::Meals.canvas().expect("example");
    let out = svg::svg(&c);
    let doc = roxmltree::Document::parse(&out).expect("xml");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("viewBox"), Some("0 0 1920 1080"), "16:9");
    for node in doc.descendants() {
        let name = node.tag_name().name();
        assert!(
            !["script", "image", "foreignObject", "use", "a", "style"].contains(&name),
            "{name}"
        );
        for attr in node.attributes() {
            assert!(!attr.name().starts_with("on"), "{}", attr.name());
            assert!(!attr.value().contains("url("), "{}", attr.value());
            assert!(attr.name() != "href", "no links out");
        }
    }
    // Title, segment, alternatives and the fit summary are on the page.
    for needle in [
        c.title.as_str(),
        "Customer segment:",
        "Alternatives today:",
        "Fit: pains",
    ] {
        assert!(
            out.contains(&vpcanvas::export::svg::escape_text(needle)),
            "{needle}"
        );
    }
    // Flags are shapes with a colour, not colour alone.
    assert!(out.contains("class=\"flag-gap\""));
}

#[test]
fn a_linked_item_carries_the_number_of_what_it_addresses() {
    let c = Example::Invoicing.canvas().expect("example");
    let doc_text = svg::svg(&c);
    let doc = roxmltree::Document::parse(&doc_text).expect("xml");
    // "Chasing late payers" relieves pains 7 and 9: the first and third pains.
    let reliever = c.items(Section::Relievers)[0].id;
    let group = doc
        .descendants()
        .find(|n| n.attribute("data-id") == Some(&reliever.to_string()))
        .expect("reliever drawn");
    let tags: Vec<&str> = group
        .descendants()
        .filter(|n| n.attribute("class") == Some("tag"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(tags, ["P1", "P3"]);
    let pain = c.items(Section::Pains)[2].id;
    let group = doc
        .descendants()
        .find(|n| n.attribute("data-id") == Some(&pain.to_string()))
        .expect("pain drawn");
    let own: Vec<&str> = group
        .descendants()
        .filter(|n| n.attribute("class") == Some("tag"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(own, ["P3"]);
}

#[test]
fn hostile_text_stays_text_in_the_svg_and_the_report() {
    let c = hostile();
    for out in [svg::svg(&c), html::report(&c, RuleSet::EMPTY)] {
        assert!(!out.contains("<script"), "no script element");
        assert!(!out.contains("<img"), "no image element");
        assert!(!out.contains("\" onload"), "no attribute breakout");
        assert!(!out.contains("<![CDATA["), "no CDATA from the canvas");
        for bad in ['\u{7}', '\u{1b}', '\u{0}', '\u{202e}', '\u{202c}'] {
            assert!(!out.contains(bad), "{bad:?} reached the file");
        }
        assert!(out.contains("&lt;/text&gt;&lt;script&gt;alert(4)&lt;/script&gt;"));
    }
    let out = svg::svg(&c);
    assert_every_item_drawn_whole(&c, &out);
    let doc = roxmltree::Document::parse(&out).expect("xml");
    let title = doc
        .root_element()
        .children()
        .find(|n| n.tag_name().name() == "title")
        .and_then(|n| n.text());
    assert_eq!(title, Some("</text><script>alert(1)</script>"));
}

#[test]
fn the_png_is_a_sharp_slide_with_something_on_it() {
    if cfg!(not(feature = "png")) {
        return;
    }
    let c = Example::Meals.canvas().expect("example");
    let bytes = Format::Png.render(&c, RuleSet::EMPTY).expect("png");
    assert_eq!(
        Format::Png.render(&c, RuleSet::EMPTY).expect("png"),
        bytes,
        "deterministic"
    );
    let (w, h, pixels) = decode_png(&bytes);
    assert_eq!((w, h), (3840, 2160), "twice 1920×1080");
    let dark = pixels
        .chunks(4)
        .filter(|p| p[0] < 90 && p[1] < 90 && p[2] < 90)
        .count();
    let white = pixels
        .chunks(4)
        .filter(|p| p[0] > 250 && p[1] > 250 && p[2] > 250)
        .count();
    assert!(dark > 40_000, "text and outlines drawn: {dark} dark pixels");
    assert!(white > (w * h) as usize / 4, "mostly paper");
}

/// Decodes a PNG to RGBA bytes.
pub fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().expect("png header");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("png frame");
    buf.truncate(info.buffer_size());
    let rgba = match info.color_type {
        png::ColorType::Rgba => buf,
        png::ColorType::Rgb => buf
            .chunks(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        other => panic!("unexpected colour type {other:?}"),
    };
    (info.width, info.height, rgba)
}

#[test]
fn export_on_the_command_line_writes_each_picture_format() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("demo.ron");
    std::fs::write(&file, Example::Invoicing.source()).expect("write");
    let c = Example::Invoicing.canvas().expect("example");
    let run = |format: &str| {
        let out = Command::new(BIN)
            .args(["export"])
            .arg(&file)
            .args(["--format", format])
            .env("HOME", dir.path())
            .env("VPCANVAS_DATA_DIR", dir.path().join("data"))
            .stdin(Stdio::null())
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    assert_eq!(run("svg"), svg::svg(&c).into_bytes());
    assert_eq!(run("html"), html::report(&c, RuleSet::EMPTY).into_bytes());
    if cfg!(feature = "png") {
        let (w, h, _) = decode_png(&run("png"));
        assert_eq!((w, h), (3840, 2160));
    }
}

/// Writes the pictures and reports of both examples and a 60-item canvas
/// for looking at by hand:
/// `VPCANVAS_PICTURES=DIR cargo test --test it pictures::write_pictures`.
#[test]
fn write_pictures() {
    let Some(dir) = std::env::var_os("VPCANVAS_PICTURES") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    let canvases = [
        ("invoicing", Example::Invoicing.canvas().expect("example")),
        ("meals", Example::Meals.canvas().expect("example")),
        ("synth60", vpcanvas::synth::synthetic(60, 7)),
        ("evidence", evidence()),
    ];
    for (name, c) in canvases {
        for format in [Format::Svg, Format::Html, Format::Png] {
            let path = dir.join(format!("{name}.{}", format.extension()));
            std::fs::write(path, format.render(&c, RuleSet::EMPTY).expect("render"))
                .expect("write");
        }
    }
}

/// The tags (numbers, ranges, counts) drawn on the item with `id`.
fn tags_of(doc: &roxmltree::Document, id: u32) -> Vec<String> {
    let group = doc
        .descendants()
        .find(|n| n.attribute("data-id") == Some(&id.to_string()))
        .expect("item drawn");
    group
        .descendants()
        .filter(|n| n.attribute("class") == Some("tag"))
        .filter_map(|n| n.text())
        .map(str::to_owned)
        .collect()
}

fn web(relievers: usize, pains: usize, step: usize) -> Canvas {
    vpcanvas::synth::dense_links(relievers, pains, step)
}

#[test]
fn a_run_of_linked_pains_is_one_range_and_the_report_lists_it() {
    let c = web(300, 300, 1);
    let ron = vpcanvas::canvas::file::to_ron(&c).len();
    let out = svg::svg(&c);
    let doc = roxmltree::Document::parse(&out).expect("xml");
    let reliever = c.items(Section::Relievers)[0].id;
    assert_eq!(tags_of(&doc, reliever), ["P1–P300"]);
    assert!(
        out.len() < 2 * ron,
        "svg {} bytes for a {ron}-byte canvas",
        out.len()
    );
    let report = html::report(&c, RuleSet::EMPTY);
    assert!(report.len() < 3 * ron, "html {} bytes", report.len());
    assert!(report.contains("→ P1–P300"));
}

#[test]
fn past_a_few_numbers_an_item_says_how_many_more() {
    let c = web(10, 40, 2);
    let doc_text = svg::svg(&c);
    let doc = roxmltree::Document::parse(&doc_text).expect("xml");
    let tags = tags_of(&doc, c.items(Section::Relievers)[0].id);
    assert_eq!(tags, ["P1", "P3", "P5", "P7", "P9", "+15 more"]);
}

#[test]
fn more_links_than_a_slide_can_number_are_counted() {
    // 200 relievers × 200 scattered pains: 40,000 links, no runs.
    let c = web(200, 400, 2);
    let ron = vpcanvas::canvas::file::to_ron(&c).len();
    let out = svg::svg(&c);
    let doc = roxmltree::Document::parse(&out).expect("xml");
    let tags = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("tag"))
        .count();
    // One number per pain, one count per reliever, one in the key.
    assert!(tags <= 400 + 200 + 1, "{tags} tags drawn");
    assert_eq!(
        tags_of(&doc, c.items(Section::Relievers)[0].id),
        ["200 pains"]
    );
    assert!(out.contains("too many links to number"));
    assert!(
        out.len() < 2 * ron,
        "svg {} bytes for a {ron}-byte canvas",
        out.len()
    );
    assert_every_item_drawn_whole(&c, &out);
}

//! The value curve as a picture (SPEC §12): `export --format svg --view
//! curve` is well-formed, deterministic, sized for a 16:9 slide, names every
//! factor and offer, keeps hostile text as text; the HTML report includes it
//! once anything is scored. (Chromium measures it in `browser`.)

use std::process::Command;

use vpcanvas::canvas::{Canvas, Level, Section};
use vpcanvas::coach::RuleSet;
use vpcanvas::export::{html, svg};

use super::pictures::hostile;

const BIN: &str = env!("CARGO_BIN_EXE_vpcanvas");

/// A scored canvas: four factors, three alternatives, one long name and
/// one long factor.
pub fn scored() -> Canvas {
    let mut c = Canvas::new("Invoicing for freelancers");
    c.alternatives = vec![
        "Spreadsheets".into(),
        "Hiring a bookkeeper who also does the taxes every quarter".into(),
        "Doing nothing".into(),
    ];
    let texts = [
        (Section::Jobs, "Get paid on time", Level::High),
        (
            Section::Pains,
            "Clients pay 30+ days late, and chasing them by email takes a whole afternoon every single week of the year",
            Level::High,
        ),
        (Section::Pains, "Tax season panic", Level::Medium),
        (Section::Gains, "Know cash 3 months ahead", Level::High),
    ];
    for (k, (section, text, level)) in texts.into_iter().enumerate() {
        let id = c.push(section, text);
        c.set_level(id, level);
        let k = u8::try_from(k).expect("small");
        c.set_score(id, None, Some(9 - k));
        let names = c.alternatives.clone();
        for (n, name) in names.iter().enumerate() {
            let n = u8::try_from(n).expect("small");
            if (k + n) % 4 != 3 {
                c.set_score(id, Some(name), Some((3 + 2 * n + k) % 11));
            }
        }
    }
    c
}

/// Every word of every factor and alternative, from the SVG's texts.
fn texts(doc: &roxmltree::Document<'_>) -> String {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_curve_is_a_well_formed_deterministic_slide_naming_every_factor_and_offer() {
    let c = scored();
    let page = svg::curve_svg(&c);
    assert_eq!(page, svg::curve_svg(&c), "deterministic");
    let doc = roxmltree::Document::parse(&page).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.attribute("viewBox"), Some("0 0 1920 1080"));
    let words = texts(&doc);
    for (_, item) in c.all_items() {
        for word in item.text.split_whitespace() {
            assert!(words.contains(word), "{word:?} missing: {words}");
        }
    }
    for name in &c.alternatives {
        for word in name.split_whitespace() {
            assert!(words.contains(word), "{word:?} missing: {words}");
        }
    }
    assert!(words.contains("Leads on"), "{words}");
    // One line per offer that has two neighbouring scores, a marker per score.
    let offers = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("offer"))
        .count();
    assert_eq!(offers, 4);
    assert!(!page.contains("<script"));
}

#[test]
fn hostile_text_stays_text_in_the_curve() {
    let mut c = hostile();
    let pain = c.items(Section::Pains)[0].id;
    c.set_score(pain, None, Some(5));
    let name = c.alternatives[0].clone();
    c.set_score(pain, Some(&name), Some(3));
    let page = svg::curve_svg(&c);
    let doc = roxmltree::Document::parse(&page).expect("well-formed XML");
    assert!(
        !doc.descendants()
            .any(|n| n.has_tag_name("script") || n.has_tag_name("img"))
    );
    assert!(!page.contains('\u{1b}') && !page.contains('\u{202e}'));
    assert!(
        texts(&doc).contains("<img src=x onerror=alert(3)>"),
        "{page}"
    );
}

#[test]
fn export_draws_the_curve_for_svg_only() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("scored.ron");
    std::fs::write(&file, vpcanvas::canvas::file::to_ron(&scored())).expect("write");
    let out = Command::new(BIN)
        .args([
            "export",
            file.to_str().expect("path"),
            "--format",
            "svg",
            "--view",
            "curve",
        ])
        .env("VPCANVAS_DATA_DIR", dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        svg::curve_svg(&scored())
    );
    let out = Command::new(BIN)
        .args([
            "export",
            file.to_str().expect("path"),
            "--format",
            "md",
            "--view",
            "curve",
        ])
        .env("VPCANVAS_DATA_DIR", dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format svg"));
}

#[test]
fn the_report_shows_the_curve_once_anything_is_scored() {
    let c = scored();
    let page = html::report(&c, RuleSet::EMPTY);
    assert!(page.contains("<h2>Against the alternatives</h2>"), "{page}");
    assert!(page.contains("class=\"value-curve\""));
    assert!(page.contains("versus Spreadsheets: <b>"), "{page}");
    let bare = vpcanvas::examples::Example::Invoicing
        .canvas()
        .expect("example");
    let page = html::report(&bare, RuleSet::EMPTY);
    assert!(!page.contains("value-curve"));
}

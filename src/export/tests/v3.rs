//! Exports of the format version 3 fields: dots, scores and results.

#![allow(clippy::unwrap_used)]

use super::*;

/// The fixture with every format version 3 field: dots, scores and a
/// measured A/B test with a target.
fn fixture_v3() -> Canvas {
    let mut c = fixture();
    let pain = c.items(Section::Pains)[0].id;
    c.set_votes(pain, 7);
    c.set_score(pain, None, Some(8));
    c.set_score(pain, Some("Spreadsheets"), Some(2));
    c.set_score(pain, Some("Hiring a bookkeeper"), Some(6));
    let a = c.add_statement("A: late payments", "Paid in 7 days.");
    let b = c.add_statement("B: cash flow", "A forecast.");
    c.tests.push(crate::canvas::TestCard {
        id: c.next_id(),
        name: "Landing page A/B".into(),
        statements: vec![a, b],
        target: crate::canvas::Rate::new(0.05),
        results: vec![
            crate::canvas::TestResult::statement(a, 400, 30),
            crate::canvas::TestResult::statement(b, 380, 8),
        ],
        ..crate::canvas::TestCard::default()
    });
    c
}

#[test]
fn every_text_export_knows_votes_scores_and_results() {
    let c = fixture_v3();
    let off = RuleSet::default();
    let text = |f: Format| String::from_utf8(f.render(&c, off).unwrap()).unwrap();
    for (name, out) in [
        ("md", text(Format::Md)),
        ("txt", text(Format::Txt)),
        ("html", text(Format::Html)),
    ] {
        for wanted in [
            "7 dots",
            "ours 8",
            "Spreadsheets 2, Hiring a bookkeeper 6",
            "A: late payments 30 of 400 (7.5%)",
            "B: cash flow 8 of 380 (2.1%)",
            "target 5%",
        ] {
            assert!(out.contains(wanted), "{name} lacks {wanted:?}:\n{out}");
        }
    }
    let json: Value = serde_json::from_str(&text(Format::Json)).unwrap();
    assert_eq!(json["version"], 3);
    let pain = &json["customer"]["pains"][0];
    assert_eq!(pain["votes"], 7);
    assert_eq!(pain["ours"], 8);
    assert_eq!(
        pain["theirs"],
        json!({"Spreadsheets": 2, "Hiring a bookkeeper": 6})
    );
    let card = &json["tests"][0];
    assert_eq!(card["target"], 0.05);
    assert_eq!(card["results"][0]["shown"], 400);
    assert_eq!(card["results"][0]["converted"], 30);
    assert!(card["results"][0]["statement"].is_number());
}

#[test]
fn a_canvas_without_version_3_fields_exports_as_before() {
    let c = fixture();
    let json: Value = serde_json::from_str(&canvas_json(&c)).unwrap();
    assert_eq!(json["version"], 1);
    let pain = json["customer"]["pains"][0].as_object().unwrap();
    for key in ["votes", "ours", "theirs"] {
        assert!(!pain.contains_key(key), "{key}");
    }
}

#[test]
fn the_linkers_index_names_what_linked_to_names() {
    // A synthetic canvas (many links), plus a link written twice.
    let mut c = crate::canvas::changes::generated(300, 3);
    let reliever = c.items(Section::Relievers)[0].id;
    let pain = c.items(Section::Pains)[5].id;
    let mut item = (*c.items(Section::Relievers)[0]).clone();
    item.links = vec![pain, pain];
    c.remove(reliever);
    c.insert_item(Section::Relievers, 0, item);
    let linkers = Linkers::of(&c);
    for section in Section::ALL {
        for item in c.items(section) {
            assert_eq!(
                linkers.texts(&c, section, item),
                linked_texts(&c, item, usize::MAX),
                "{section:?} {}",
                item.id
            );
        }
    }
    assert!(
        linked_texts(&c, c.item(pain).unwrap(), usize::MAX)
            .contains(&one_line(&c.items(Section::Relievers)[0].text))
    );
}

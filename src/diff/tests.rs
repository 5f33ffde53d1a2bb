use super::*;
use crate::canvas::{JobKind, Level, Section};

fn example() -> Canvas {
    crate::canvas::file::parse(include_str!("../../assets/examples/invoicing.ron"))
        .expect("the example loads")
        .canvas
}

fn only(d: &CanvasDiff) -> &EntityChange {
    assert_eq!(d.changes.len(), 1, "{:#?}", d.changes);
    &d.changes[0]
}

#[test]
fn the_same_canvas_has_no_changes() {
    let c = example();
    let d = diff(&c, &c);
    assert!(d.is_empty());
    assert!(!d.fit.pains.changed() && !d.fit.gains.changed());
    let text = render(&d, DiffFormat::Text, "a", "b");
    assert_eq!(text, "vpcanvas diff a → b\nNo changes to the canvas.\n");
}

#[test]
fn an_added_pain_is_named_with_its_level_and_flagged() {
    let old = example();
    let mut new = old.clone();
    let id = new.insert(Section::Pains, 0, "Clients dispute the hours");
    new.set_level(id, Level::High);
    let d = diff(&old, &new);
    let c = only(&d);
    assert_eq!(
        (c.group, c.id, c.label.as_str()),
        (Group::Item(Section::Pains), id, "Clients dispute the hours")
    );
    assert_eq!(
        c.change,
        Change::Added {
            rank: 1,
            fields: vec![FieldChange::Value {
                field: Field::Level,
                old: String::new(),
                new: "Extreme".to_owned()
            }]
        }
    );
    // Nothing else moved: the others only shifted down by one.
    assert_eq!(
        d.fit
            .now_unrelieved
            .iter()
            .map(|f| f.id)
            .collect::<Vec<_>>(),
        [id]
    );
    assert!(d.fit.pains.new < d.fit.pains.old);
}

#[test]
fn edits_levels_kinds_and_moves_are_told_per_item() {
    let old = example();
    let mut new = old.clone();
    new.set_text(7, "Clients pay 30+ days after the due date");
    new.set_level(7, Level::Medium);
    new.cycle_kind(1);
    new.move_by(11, -4); // "Receipts lost by tax time" to the top
    let d = diff(&old, &new);
    let pains: Vec<&EntityChange> = d
        .changes
        .iter()
        .filter(|c| c.group == Group::Item(Section::Pains))
        .collect();
    assert_eq!(pains.len(), 2, "{pains:#?}");
    assert_eq!(
        pains[0].change,
        Change::Changed {
            fields: vec![],
            moved: Some((5, 1))
        },
        "only the moved pain moved"
    );
    assert_eq!(
        pains[1].change,
        Change::Changed {
            fields: vec![
                FieldChange::Value {
                    field: Field::Text,
                    old: "Clients pay weeks after the due date".to_owned(),
                    new: "Clients pay 30+ days after the due date".to_owned()
                },
                FieldChange::Value {
                    field: Field::Level,
                    old: "Extreme".to_owned(),
                    new: "Moderate".to_owned()
                },
            ],
            moved: None
        }
    );
    let job = d.changes.iter().find(|c| c.id == 1).expect("job 1 changed");
    assert_eq!(
        job.change,
        Change::Changed {
            fields: vec![FieldChange::Value {
                field: Field::Kind,
                old: "Functional".to_owned(),
                new: JobKind::Social.name().to_owned()
            }],
            moved: None
        }
    );
}

#[test]
fn links_added_and_removed_name_their_targets_and_the_fit_follows() {
    let old = example();
    let mut new = old.clone();
    new.set_link(23, 8, true); // live chat now relieves the VAT pain
    new.set_link(22, 10, false); // templates no longer relieve rebuilding invoices
    let d = diff(&old, &new);
    let changed: Vec<_> = d.changes.iter().map(|c| (c.id, c.change.clone())).collect();
    assert_eq!(
        changed,
        [
            (
                22,
                Change::Changed {
                    fields: vec![FieldChange::Refs {
                        field: Field::Links,
                        added: vec![],
                        removed: vec![Ref {
                            id: 10,
                            text: "Rebuilding every invoice in a spreadsheet".to_owned()
                        }]
                    }],
                    moved: None
                }
            ),
            (
                23,
                Change::Changed {
                    fields: vec![FieldChange::Refs {
                        field: Field::Links,
                        added: vec![Ref {
                            id: 8,
                            text: "Getting VAT wrong for clients abroad".to_owned()
                        }],
                        removed: vec![]
                    }],
                    moved: None
                }
            ),
        ]
    );
    assert_eq!(
        d.fit.now_unrelieved,
        [Flagged {
            id: 10,
            text: "Rebuilding every invoice in a spreadsheet".to_owned()
        }]
    );
    assert_eq!(
        d.fit.now_relieved,
        [Flagged {
            id: 8,
            text: "Getting VAT wrong for clients abroad".to_owned()
        }]
    );
    let text = render(&d, DiffFormat::Text, "old.ron", "new.ron");
    assert!(text.contains("  ~ [23] Offering live chat with a human\n      relieves now: [8] Getting VAT wrong for clients abroad\n"), "{text}");
    assert!(
        text.contains("no longer relieves: [10] Rebuilding every invoice in a spreadsheet"),
        "{text}"
    );
    assert!(
        text.contains("  now unrelieved: \"Rebuilding every invoice in a spreadsheet\"\n"),
        "{text}"
    );
    assert!(
        text.contains("  now relieved: \"Getting VAT wrong for clients abroad\"\n"),
        "{text}"
    );
}

#[test]
fn a_removed_item_is_told_once_not_again_on_every_link_to_it() {
    let old = example();
    let mut new = old.clone();
    new.remove(7);
    let d = diff(&old, &new);
    assert_eq!(only(&d).change, Change::Removed { rank: 1 });
    assert!(
        d.fit.now_unrelieved.is_empty(),
        "a removed pain is not unrelieved"
    );
}

#[test]
fn header_changes_are_told() {
    let old = example();
    let mut new = old.clone();
    new.title = "Paylane".to_owned();
    new.segment = "Freelance designers in the EU".to_owned();
    new.alternatives.retain(|a| a != "Word templates");
    new.alternatives.push("A shoebox".to_owned());
    let d = diff(&old, &new);
    assert_eq!(
        d.title,
        Some(("Invoicing for freelancers".to_owned(), "Paylane".to_owned()))
    );
    assert_eq!(d.alternatives_added, ["A shoebox"]);
    assert_eq!(d.alternatives_removed, ["Word templates"]);
    let md = render(&d, DiffFormat::Md, "a", "b");
    assert!(
        md.contains("- **Title:** Invoicing for freelancers → Paylane\n"),
        "{md}"
    );
}

#[test]
fn the_whole_text_form_reads_well() {
    let old = example();
    let mut new = old.clone();
    new.set_text(9, "Awkward emails about overdue money\u{1b}[2J");
    let id = new.insert(Section::Gains, 1, "Paid within 7 days");
    new.set_level(id, Level::High);
    new.remove(11);
    new.move_by(24, 3);
    new.set_link(25, id, true);
    insta::assert_snapshot!(render(
        &diff(&old, &new),
        DiffFormat::Text,
        "a/invoicing.ron",
        "b/invoicing.ron"
    ));
}

#[test]
fn json_names_every_change_and_escapes_controls() {
    let old = example();
    let mut new = old.clone();
    new.set_text(9, "Line\nbreak \u{7}");
    new.remove(11);
    let v: serde_json::Value =
        serde_json::from_str(&render(&diff(&old, &new), DiffFormat::Json, "o", "n"))
            .expect("valid JSON");
    assert_eq!(v["changed"], true);
    assert_eq!(v["changes"][0]["change"], "removed");
    assert_eq!(v["changes"][0]["section"], "pains");
    assert_eq!(
        v["changes"][1]["fields"]["text"]["new"],
        "Line\nbreak \u{7}"
    );
    assert!(v["coverage"]["pains"]["old"].is_f64());
}

/// The JSON form is printed through the one sanitiser like everything
/// else: a C1 control, a bidi override, a zero-width space or a line
/// separator left raw by `serde_json` would be shown as `\u{9b}` there,
/// which is no JSON escape. So the document escapes them itself (`\u009b`)
/// and stays valid JSON with the same text.
#[test]
fn json_escapes_c1_bidi_zero_width_and_separators_itself() {
    let old = example();
    let mut new = old.clone();
    let nasty = "C1 \u{9b}31m \u{85} bidi \u{202e}x zw \u{200b} ls \u{2028} ps \u{2029} del \u{7f}";
    new.set_text(9, nasty);
    new.title = nasty.into();
    let out = render(&diff(&old, &new), DiffFormat::Json, "o", "n");
    let printed = crate::text::inert::visible_lines(&out);
    assert_eq!(printed, out, "the sanitiser changed the JSON");
    let v: serde_json::Value = serde_json::from_str(&printed).expect("valid JSON as printed");
    assert_eq!(v["title"]["new"], nasty);
    assert_eq!(v["changes"][0]["fields"]["text"]["new"], nasty);
}

#[test]
fn the_markdown_form_escapes_and_tabulates_the_fit() {
    let old = example();
    let mut new = old.clone();
    new.set_text(9, "*bold* [link](x) <script>");
    insta::assert_snapshot!(render(
        &diff(&old, &new),
        DiffFormat::Md,
        "invoicing.ron",
        "invoicing.ron"
    ));
}

#[test]
fn longest_increasing_keeps_the_most_in_order() {
    assert_eq!(longest_increasing(&[1, 2, 3, 0]).len(), 3);
    assert!(!longest_increasing(&[1, 2, 3, 0]).contains(&3));
    assert_eq!(
        longest_increasing(&[3, 0, 1, 2]),
        [1, 2, 3].into_iter().collect()
    );
    assert!(longest_increasing(&[]).is_empty());
}

#[test]
fn status_evidence_and_cards_are_told() {
    use crate::canvas::{Status, TestCard, TestState};
    let mut old = example();
    let sid = old.add_statement("A: late payments", "Our app gets designers paid.");
    let mut new = old.clone();
    new.set_status(7, Status::Validated);
    new.set_evidence(7, vec!["9 of 12 chase payments weekly".to_owned()]);
    new.set_status(20, Status::Validated);
    if let Some(s) = new.statement_mut(sid) {
        s.text = "Our app gets designers paid within 7 days.".to_owned();
    }
    let tid = new.issue_id();
    new.tests.push(TestCard {
        id: tid,
        name: "Landing page".to_owned(),
        items: vec![7],
        state: TestState::Running,
        ..TestCard::default()
    });
    let d = diff(&old, &new);
    let pain = d.changes.iter().find(|c| c.id == 7).expect("pain 7");
    assert_eq!(
        pain.change,
        Change::Changed {
            fields: vec![
                FieldChange::Value {
                    field: Field::Status,
                    old: "Untested".to_owned(),
                    new: "Validated".to_owned()
                },
                FieldChange::Notes {
                    field: Field::Evidence,
                    added: vec!["9 of 12 chase payments weekly".to_owned()],
                    removed: vec![]
                },
            ],
            moved: None
        }
    );
    let statement = d.changes.iter().find(|c| c.id == sid).expect("statement");
    assert_eq!(statement.group, Group::Statement);
    let test = d.changes.iter().find(|c| c.id == tid).expect("test card");
    assert!(
        matches!(&test.change, Change::Added { fields, .. } if fields.contains(&FieldChange::Refs {
            field: Field::Items,
            added: vec![Ref { id: 7, text: "Clients pay weeks after the due date".to_owned() }],
            removed: vec![]
        }))
    );
    assert!(
        d.fit.pains_evidenced.new > d.fit.pains_evidenced.old,
        "{:?}",
        d.fit
    );
    let printed = render(&d, DiffFormat::Text, "a", "b");
    for expected in [
        "      status: Untested → Validated\n",
        "      evidence added: \"9 of 12 chase payments weekly\"\n",
        "\nStatements\n  ~ [28] A: late payments\n      text: \"Our app gets designers paid.\" → \"Our app gets designers paid within 7 days.\"\n",
        "\nTest cards\n  + [29] Landing page\n      added at rank 1\n      tests now: [7] Clients pay weeks after the due date\n      state: Running\n",
        "  with evidence: pains 0% → 27%, gains 0% (unchanged)\n",
    ] {
        assert!(printed.contains(expected), "{expected:?} in:\n{printed}");
    }
}

#[test]
fn conflicts_opened_and_resolved_are_told() {
    use crate::canvas::Conflict;
    let old = example();
    let mut new = old.clone();
    let copy = new.insert(Section::Pains, 1, "Theirs: clients pay 60 days late");
    new.conflicts.push(Conflict {
        ours: 7,
        theirs: copy,
    });
    let d = diff(&old, &new);
    assert_eq!(d.conflicts_added.len(), 1);
    let text = render(&d, DiffFormat::Text, "a", "b");
    assert!(text.contains("Merge conflicts\n  open: ours [7] Clients pay weeks after the due date and theirs [28] Theirs: clients pay 60 days late"), "{text}");
    let back = diff(&new, &old);
    assert_eq!(back.conflicts_removed.len(), 1);
    assert!(render(&back, DiffFormat::Text, "a", "b").contains("  resolved: ours [7]"));
}

/// The text form goes through the one sanitiser: a hazard in a changed text
/// is shown as `\u{1b}`, the way every other command shows it, not blanked.
#[test]
fn the_text_form_shows_hazards_inert_and_visible() {
    let old = example();
    let mut new = old.clone();
    let id = new.items(Section::Pains)[0].id;
    new.set_text(id, "Late \u{1b}]52;c;aGk=\u{7} pay\u{202e}");
    new.title = "Title \u{9b}2J".to_owned();
    let text = render(&diff(&old, &new), DiffFormat::Text, "a", "b");
    assert!(
        text.chars()
            .all(|c| c == '\n' || !crate::text::is_hazard(c)),
        "{text:?}"
    );
    assert!(
        text.contains(r"Late \u{1b}]52;c;aGk=\u{7} pay\u{202e}"),
        "{text}"
    );
    assert!(text.contains(r"Title \u{9b}2J"), "{text}");
}

#[test]
fn textconv_says_each_status_once_and_leaves_out_empty_lists() {
    let c = crate::canvas::file::parse(include_str!("../../tests/fixtures/v2/spec_example.ron"))
        .expect("the SPEC example loads")
        .canvas;
    let text = textconv(&c);
    assert!(
        text.contains("  [2] Clients pay 30+ days late · Extreme · Testing\n"),
        "{text}"
    );
    assert!(!text.contains("Testing · Testing"), "{text}");
    // The learning invalidates nothing: no dangling "· invalidates ".
    assert!(
        text.contains("decision: Lead with A on the home page · validates 2, 5\n"),
        "{text}"
    );
    assert!(!text.contains("invalidates"), "{text}");
}

#[test]
fn a_removed_item_is_told_on_the_cards_it_leaves() {
    // Deleting an item takes it off test and learning cards too: the cards
    // are read apart from the canvas, so the diff says so on each.
    let old = crate::canvas::file::parse(include_str!("../../tests/fixtures/v2/spec_example.ron"))
        .expect("the SPEC example loads")
        .canvas;
    let mut new = old.clone();
    new.remove(2);
    let d = diff(&old, &new);
    let text = render(&d, DiffFormat::Text, "a", "b");
    assert!(
        text.contains(
            "Test cards\n  ~ [9] Landing page A/B\n      no longer tests: [2] Clients pay 30+ days late\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("      no longer validates: [2] Clients pay 30+ days late\n"),
        "{text}"
    );
    // The reliever's link to it is not repeated: the removal says it.
    assert!(!text.contains("no longer relieves"), "{text}");
}

// ---------------------------------------------------------------------------
// Format version 3: which score changed, votes, results and a target.

#[test]
fn a_changed_score_is_named_with_its_alternative_old_and_new() {
    let mut old = example();
    old.set_score(7, Some("Spreadsheets"), Some(2));
    old.set_score(7, None, Some(5));
    let mut new = old.clone();
    new.set_score(7, Some("Spreadsheets"), Some(4));
    new.set_score(7, Some("Hiring a bookkeeper"), Some(6));
    new.set_score(7, None, Some(8));
    new.set_votes(7, 3);
    let d = diff(&old, &new);
    let text = render(&d, DiffFormat::Text, "a", "b");
    for line in [
        "our score: 5 → 8",
        "score for Spreadsheets: 2 → 4",
        "score for Hiring a bookkeeper: none → 6",
        "votes: 0 → 3",
    ] {
        assert!(text.contains(line), "{line:?} not in\n{text}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&render(&d, DiffFormat::Json, "a", "b")).expect("json");
    let change = json.to_string();
    assert!(
        change.contains(r#""theirs":{"Spreadsheets":{"new":"4","old":"2"}"#)
            || change.contains(r#""Spreadsheets":{"old":"2","new":"4"}"#),
        "{change}"
    );
    let md = render(&d, DiffFormat::Md, "a", "b");
    assert!(md.contains("score for Spreadsheets: 2 → 4"), "{md}");
}

#[test]
fn a_changed_result_names_its_statement_and_the_numbers() {
    let mut old = example();
    let a = old.next_id();
    old.statements.push(crate::canvas::Statement {
        id: a,
        name: "A: late payments".into(),
        text: "a".into(),
    });
    old.tests.push(crate::canvas::TestCard {
        id: a + 1,
        name: "Landing page".into(),
        statements: vec![a],
        ..crate::canvas::TestCard::default()
    });
    let mut new = old.clone();
    new.tests[0]
        .results
        .push(crate::canvas::TestResult::statement(a, 400, 30));
    new.tests[0].target = crate::canvas::Rate::new(0.05);
    let text = render(&diff(&old, &new), DiffFormat::Text, "a", "b");
    assert!(
        text.contains("result for A: late payments: none → 30 of 400"),
        "{text}"
    );
    assert!(text.contains("target: none → 0.05"), "{text}");
}

#[test]
fn json_written_change_by_change_is_compact_json_in_document_order() {
    let old = example();
    let mut new = example();
    new.set_text(7, "Clients pay 30+ days late");
    new.remove(9);
    new.push(crate::canvas::Section::Gains, "A new gain");
    let d = diff(&old, &new);
    let out = render(&d, DiffFormat::Json, "o", "n");
    let value: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    // Written at once, the same document gives the same bytes.
    assert_eq!(out, format!("{value}\n"));
    let keys: Vec<&str> = value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "old",
            "new",
            "changed",
            "title",
            "segment",
            "alternatives",
            "changes",
            "coverage",
            "coverage_evidenced",
            "conflicts",
            "flags"
        ]
    );
    assert!(d.changes.len() >= 3, "{}", d.changes.len());
    assert_eq!(
        value["changes"].as_array().map(Vec::len),
        Some(d.changes.len())
    );
}

//! Property tests: arbitrary canvases survive a save and a load unchanged.

#![allow(clippy::unwrap_used)]

use proptest::prelude::*;

use super::*;

// ---------------------------------------------------------------------------
// Round trip of arbitrary canvases

/// Text that exercises escaping: scripts, emoji, combining marks, quotes,
/// whitespace, backslashes, control characters and bidi overrides.
fn awkward_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "Z",
        " ",
        "  ",
        "漢字",
        "ペン",
        "😀",
        "👩‍👩‍👧",
        "é",
        "e\u{301}",
        "\u{301}",
        "\"",
        "'",
        "\n",
        "\r\n",
        "\t",
        "\\",
        "\\n",
        "\0",
        "\u{1b}[2J",
        "\u{7f}",
        "\u{202e}",
        "\u{feff}",
        "\u{2028}",
        "#",
        "r#\"",
        "\"#",
        "(",
        ")",
        "[",
        "]",
        ",",
        ":",
        "//",
        "/*",
        "*/",
        "{",
        "}",
    ]);
    prop_oneof![
        prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

fn level() -> impl Strategy<Value = Level> {
    prop::sample::select(vec![Level::High, Level::Medium, Level::Low])
}

fn kind() -> impl Strategy<Value = JobKind> {
    prop::sample::select(vec![
        JobKind::Functional,
        JobKind::Social,
        JobKind::Emotional,
        JobKind::Supporting,
    ])
}

/// A valid canvas: unique positive ids (any size, in any order), levels only on
/// the customer profile, kinds only on jobs, links only from the value map to
/// items of the right section.
fn arb_canvas() -> impl Strategy<Value = Canvas> {
    prop::array::uniform6(0usize..5).prop_flat_map(|sizes| {
        let total: usize = sizes.iter().sum();
        (
            awkward_text(),
            awkward_text(),
            prop::collection::vec(awkward_text(), 0..3),
            prop::collection::btree_set(1..=ItemId::MAX, total)
                .prop_map(|s| s.into_iter().collect::<Vec<_>>())
                .prop_shuffle(),
            prop::collection::vec((awkward_text(), level(), kind()), total),
            prop::collection::vec(
                prop::collection::vec(any::<prop::sample::Index>(), 0..4),
                total,
            ),
        )
            .prop_map(move |(title, segment, alternatives, ids, items, links)| {
                let mut c = Canvas {
                    title,
                    segment,
                    alternatives,
                    ..Canvas::default()
                };
                let mut n = 0;
                for (s, &size) in Section::ALL.iter().zip(&sizes) {
                    for _ in 0..size {
                        let (text, level, kind) = items[n].clone();
                        let mut item = Item::new(ids[n], text);
                        if s.has_level() {
                            item.level = level;
                        }
                        if *s == Section::Jobs {
                            item.kind = kind;
                        }
                        c.section_mut(*s).push(std::sync::Arc::new(item));
                        n += 1;
                    }
                }
                let mut n = 0;
                for (s, &size) in Section::ALL.iter().zip(&sizes) {
                    for index in 0..size {
                        if let Some(target) = s.link_target() {
                            let targets: Vec<ItemId> =
                                c.items(target).iter().map(|i| i.id).collect();
                            if !targets.is_empty() {
                                let mut chosen: Vec<ItemId> =
                                    links[n].iter().map(|i| *i.get(&targets)).collect();
                                chosen.dedup();
                                std::sync::Arc::make_mut(&mut c.section_mut(*s)[index]).links =
                                    chosen;
                            }
                        }
                        n += 1;
                    }
                }
                c
            })
    })
}

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(vec![
        Status::Untested,
        Status::Testing,
        Status::Validated,
        Status::Invalidated,
    ])
}

fn date() -> impl Strategy<Value = Option<Date>> {
    prop::option::of(
        (1u16..=9999, 1u8..=12, 1u8..=31)
            .prop_filter_map("a real date", |(y, m, d)| Date::new(y, m, d)),
    )
}

/// Format version 2 on top of any canvas: statuses, notes and dismissed rules
/// on items, and statements, tests, learnings and conflicts whose references
/// all point to things of the right kind. Card ids come after the items'.
#[allow(clippy::too_many_lines)] // one generator, read top to bottom
fn arb_v2_canvas() -> impl Strategy<Value = Canvas> {
    (
        arb_canvas(),
        prop::collection::vec(
            (
                status(),
                prop::collection::vec(awkward_text(), 0..3),
                prop::collection::vec(awkward_text(), 0..2),
            ),
            0..30,
        ),
        prop::collection::vec((awkward_text(), awkward_text()), 0..3),
        prop::collection::vec(
            (
                prop::collection::vec(awkward_text(), 5),
                prop::collection::vec(any::<prop::sample::Index>(), 0..3),
                prop::collection::vec(any::<prop::sample::Index>(), 0..3),
                prop::sample::select(vec![
                    TestState::Planned,
                    TestState::Running,
                    TestState::Done,
                ]),
                date(),
            ),
            0..3,
        ),
        prop::collection::vec(
            (
                prop::collection::vec(awkward_text(), 3),
                any::<Option<prop::sample::Index>>(),
                prop::collection::vec(any::<prop::sample::Index>(), 0..3),
                prop::collection::vec(any::<prop::sample::Index>(), 0..3),
                date(),
            ),
            0..3,
        ),
        any::<bool>(),
        // Format version 3: votes and scores per item, results per test.
        prop::collection::vec(
            (
                0u32..30,
                prop::option::of(0u8..=10),
                prop::collection::vec(prop::option::of(0u8..=10), 0..4),
            ),
            0..30,
        ),
        prop::collection::vec(
            (
                prop::option::of(0.0f64..=1.0),
                prop::collection::vec((0u64..5000, 0u64..5000, awkward_text()), 0..3),
            ),
            0..3,
        ),
    )
        .prop_map(
            |(mut c, marks, statements, tests, learnings, conflict, scores, measured)| {
                let ids: Vec<ItemId> = c.all_items().map(|(_, i)| i.id).collect();
                for ((status, evidence, dismissed), id) in marks.into_iter().zip(&ids) {
                    c.set_status(*id, status);
                    c.set_evidence(*id, evidence);
                    for rule in dismissed {
                        c.set_dismissed(*id, &rule, true);
                    }
                }
                // Fresh ids above every item id (items may use ids near the top).
                let mut next = ids.iter().max().copied().unwrap_or(0);
                let mut fresh = || {
                    next = next.checked_add(1)?;
                    Some(next)
                };
                let mut statement_ids = Vec::new();
                for (name, text) in statements {
                    let Some(id) = fresh() else { break };
                    statement_ids.push(id);
                    c.statements.push(Statement { id, name, text });
                }
                let mut test_ids = Vec::new();
                for (texts, items, stmts, state, deadline) in tests {
                    let Some(id) = fresh() else { break };
                    test_ids.push(id);
                    let pick = |from: &[ItemId], at: &[prop::sample::Index]| -> Vec<ItemId> {
                        if from.is_empty() {
                            return Vec::new();
                        }
                        let mut v: Vec<ItemId> = at.iter().map(|i| *i.get(from)).collect();
                        v.dedup();
                        v
                    };
                    c.tests.push(TestCard {
                        id,
                        name: texts[0].clone(),
                        believe: texts[1].clone(),
                        verify: texts[2].clone(),
                        measure: texts[3].clone(),
                        right_if: texts[4].clone(),
                        items: pick(&ids, &items),
                        statements: pick(&statement_ids, &stmts),
                        state,
                        deadline,
                        ..TestCard::default()
                    });
                }
                for (texts, test, validated, invalidated, date) in learnings {
                    let Some(id) = fresh() else { break };
                    let pick = |at: &[prop::sample::Index]| -> Vec<ItemId> {
                        if ids.is_empty() {
                            return Vec::new();
                        }
                        at.iter().map(|i| *i.get(&ids)).collect()
                    };
                    c.learnings.push(Learning {
                        id,
                        test: test
                            .filter(|_| !test_ids.is_empty())
                            .map(|i| *i.get(&test_ids)),
                        observed: texts[0].clone(),
                        learned: texts[1].clone(),
                        decision: texts[2].clone(),
                        date,
                        validated: pick(&validated),
                        invalidated: pick(&invalidated),
                    });
                }
                let pains: Vec<ItemId> = c.items(Section::Pains).iter().map(|i| i.id).collect();
                if conflict && pains.len() >= 2 {
                    c.conflicts.push(Conflict {
                        ours: pains[0],
                        theirs: pains[1],
                    });
                }
                add_v3(&mut c, &ids, scores, measured);
                c
            },
        )
}

type Scores = Vec<(u32, Option<u8>, Vec<Option<u8>>)>;
type Measured = Vec<(Option<f64>, Vec<(u64, u64, String)>)>;

/// Votes on any item, scores on customer items, and results on tests.
fn add_v3(c: &mut Canvas, ids: &[ItemId], scores: Scores, measured: Measured) {
    let alternatives = c.alternatives.clone();
    for ((votes, ours, theirs), id) in scores.into_iter().zip(ids) {
        c.set_votes(*id, votes);
        let customer = c
            .position_of(*id)
            .is_some_and(|p| p.section.half() == crate::canvas::Half::CustomerProfile);
        if !customer {
            continue;
        }
        c.set_score(*id, None, ours);
        for (score, alternative) in theirs.into_iter().zip(&alternatives) {
            c.set_score(*id, Some(alternative), score);
        }
    }
    for ((target, rows), test) in measured.into_iter().zip(c.tests.iter_mut()) {
        test.target = target.and_then(crate::canvas::Rate::new);
        let variants = test
            .statements
            .iter()
            .map(|s| crate::canvas::Variant::Statement(*s))
            .chain(
                rows.iter()
                    .map(|r| crate::canvas::Variant::Label(r.2.clone())),
            );
        for (variant, (a, b, _)) in variants.zip(&rows) {
            if test.results.iter().any(|r| r.variant == variant) {
                continue;
            }
            test.results.push(crate::canvas::TestResult {
                variant,
                shown: (*a).max(*b),
                converted: (*a).min(*b),
            });
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_version_2_canvas_round_trips_byte_for_byte(c in arb_v2_canvas()) {
        prop_assert_eq!(validate(&c), Ok(()));
        let text = to_ron(&c);
        let parsed = parse(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(parsed.version, c.format_version());
        prop_assert!(!parsed.read_only());
        prop_assert_eq!(&parsed.canvas, &c);
        prop_assert_eq!(to_ron(&parsed.canvas), text);
    }

    #[test]
    fn a_canvas_without_version_2_fields_is_written_as_version_1(c in arb_canvas()) {
        // The exact bytes of the first format: version 1, no new field.
        let text = to_ron(&c);
        prop_assert!(text.starts_with("(\n    version: 1,\n"));
        for field in ["status:", "evidence:", "dismissed:", "statements:", "tests:", "learnings:", "conflicts:", "votes:", "ours:", "theirs:", "target:", "results:"] {
            prop_assert!(!text.lines().any(|l| l.trim_start().starts_with(field) || l.contains(&format!(", {field}"))), "{field} in {text}");
        }
    }

    #[test]
    fn any_canvas_round_trips_through_the_file_format(c in arb_canvas()) {
        prop_assert_eq!(validate(&c), Ok(()));
        let text = to_ron(&c);
        let parsed = parse(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(parsed.version, 1);
        prop_assert_eq!(&parsed.canvas, &c);
        prop_assert_eq!(to_ron(&parsed.canvas), text);
    }

    #[test]
    fn any_text_is_written_on_one_line(c in arb_canvas()) {
        // One item per line keeps diffs small: raw newlines never reach the file.
        let text = to_ron(&c);
        let lines = text.lines().count();
        let fixed = 16 + Section::ALL.iter().filter(|s| !c.items(**s).is_empty()).count();
        prop_assert_eq!(lines, fixed + c.item_count());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = parse_bytes(&bytes);
    }

    #[test]
    fn arbitrary_edits_of_the_example_never_panic(
        at in 0..SPEC_EXAMPLE.len(),
        junk in awkward_text(),
    ) {
        let mut text = SPEC_EXAMPLE.as_bytes().to_vec();
        text.splice(at..at, junk.into_bytes());
        let _ = parse_bytes(&text);
    }
}

/// The canvas file is a text file people `cat` and `git diff`: every
/// character the one sanitiser calls a hazard is written escaped (`\u{200b}`),
/// the zero-width space and word joiner as much as a bidi override, so two
/// items that look alike in a diff are alike; and it reads back as written.
#[test]
fn no_hazard_reaches_the_file_raw_and_every_one_reads_back() {
    let nasty = "zw \u{200b} wj \u{2060} mvs \u{180e} inv \u{2064} dep \u{206a} bom \u{feff} ls \u{2028} rlo \u{202e} c1 \u{9b} esc \u{1b} zwj \u{200d}";
    let mut c = Canvas::new(nasty);
    c.segment = nasty.into();
    c.push(Section::Pains, nasty);
    let text = to_ron(&c);
    let raw: Vec<char> = text
        .chars()
        .filter(|&ch| crate::text::inert::is_hazard(ch) && ch != '\n')
        .collect();
    assert!(raw.is_empty(), "raw {raw:?} in {text}");
    assert!(text.contains("\\u{200b}"), "{text}");
    assert!(
        text.contains('\u{200d}'),
        "a joiner emoji need stays as written"
    );
    let back = parse(&text).unwrap().canvas;
    assert_eq!(back, c);
}

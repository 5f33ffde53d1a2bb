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
                        c.section_mut(*s).push(item);
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
                                c.section_mut(*s)[index].links = chosen;
                            }
                        }
                        n += 1;
                    }
                }
                c
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_canvas_round_trips_through_the_file_format(c in arb_canvas()) {
        prop_assert_eq!(validate(&c), Ok(()));
        let text = to_ron(&c);
        let parsed = parse(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(parsed.version, FORMAT_VERSION);
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

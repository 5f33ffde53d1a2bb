//! The bundled example canvases (`assets/examples/*.ron`): they load, they are
//! byte-identical to what the writer produces, and they are rich enough to show
//! every part of the product, including gaps for `check` to report.

use std::collections::HashSet;

use vpcanvas::canvas::file::{parse, to_ron};
use vpcanvas::canvas::{Canvas, JobKind, Level, Section};
use vpcanvas::examples::Example;
use vpcanvas::fit::analyze;

const EXAMPLES: [(&str, Example); 2] =
    [("invoicing", Example::Invoicing), ("meals", Example::Meals)];

fn source(name: &str) -> String {
    let path = format!("{}/assets/examples/{name}.ron", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn load(name: &str) -> Canvas {
    match parse(&source(name)) {
        Ok(parsed) => parsed.canvas,
        Err(e) => panic!("{name}.ron does not load: {e}"),
    }
}

#[test]
fn examples_are_byte_identical_to_the_writer_output() {
    for (name, _) in EXAMPLES {
        let src = source(name);
        // Readable by hand: nothing the writer would have to escape.
        assert!(!src.contains('\\'), "{name}.ron contains an escape");
        let canvas = load(name);
        let written = to_ron(&canvas);
        if written != src {
            // Point at the first differing line rather than dumping both files.
            let diff = src
                .lines()
                .zip(written.lines())
                .enumerate()
                .find(|(_, (a, b))| a != b);
            panic!("{name}.ron is not in canonical form; first difference: {diff:?}");
        }
    }
}

#[test]
fn the_binary_bundles_the_files_on_disk() {
    for (name, example) in EXAMPLES {
        assert_eq!(example.source(), source(name), "{name}");
        let canvas = example.canvas().unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(canvas, load(name), "{name}");
    }
}

#[test]
fn examples_have_a_title_segment_and_alternatives() {
    for (name, _) in EXAMPLES {
        let c = load(name);
        assert!(!c.title.trim().is_empty(), "{name}: title");
        assert!(!c.segment.trim().is_empty(), "{name}: segment");
        assert!(
            (2..=3).contains(&c.alternatives.len()),
            "{name}: {} alternatives",
            c.alternatives.len()
        );
    }
}

#[test]
fn examples_have_15_to_30_items_in_all_six_sections() {
    for (name, _) in EXAMPLES {
        let c = load(name);
        assert!(
            (15..=30).contains(&c.item_count()),
            "{name}: {} items",
            c.item_count()
        );
        for section in Section::ALL {
            assert!(!c.items(section).is_empty(), "{name}: {section:?} is empty");
        }
    }
}

#[test]
fn example_texts_fit_on_a_card() {
    for (name, _) in EXAMPLES {
        let c = load(name);
        for (section, item) in c.all_items() {
            let len = item.text.chars().count();
            assert!(
                (1..60).contains(&len),
                "{name}: {section:?} {} is {len} chars: {:?}",
                item.id,
                item.text
            );
        }
    }
}

#[test]
fn examples_use_every_level_and_job_kind() {
    for (name, _) in EXAMPLES {
        let c = load(name);
        for section in [Section::Jobs, Section::Pains, Section::Gains] {
            let levels: HashSet<Level> = c.items(section).iter().map(|i| i.level).collect();
            for level in [Level::High, Level::Medium, Level::Low] {
                assert!(
                    levels.contains(&level),
                    "{name}: {section:?} lacks {level:?}"
                );
            }
        }
        let kinds: HashSet<JobKind> = c.items(Section::Jobs).iter().map(|i| i.kind).collect();
        for kind in [
            JobKind::Functional,
            JobKind::Social,
            JobKind::Emotional,
            JobKind::Supporting,
        ] {
            assert!(kinds.contains(&kind), "{name}: no {kind:?} job");
        }
    }
}

#[test]
fn examples_link_every_value_map_section() {
    for (name, _) in EXAMPLES {
        let c = load(name);
        for section in [Section::Products, Section::Relievers, Section::Creators] {
            assert!(
                c.items(section).iter().any(|i| !i.links.is_empty()),
                "{name}: no {section:?} links to anything"
            );
        }
    }
}

#[test]
fn examples_leave_gaps_for_check_to_report() {
    for (name, _) in EXAMPLES {
        let c = load(name);
        let report = analyze(&c);
        let pains = report.pains_without_relievers.len();
        let gains = report.gains_without_creators.len();
        assert!((2..=3).contains(&pains), "{name}: {pains} open pains");
        assert!((1..=2).contains(&gains), "{name}: {gains} open gains");
        assert!(report.has_gaps(), "{name}");
        assert!(
            report.relievers_without_pains.len() + report.creators_without_gains.len() >= 1,
            "{name}: every reliever and creator is linked"
        );
        // The most important open item is an Extreme pain or an Essential gain,
        // so `check` has something that matters to say.
        let top_open = report
            .pains_without_relievers
            .iter()
            .chain(&report.gains_without_creators)
            .filter_map(|f| c.item(f.id))
            .any(|i| i.level == Level::High);
        assert!(
            top_open,
            "{name}: no Extreme pain or Essential gain is open"
        );
        // Most of the canvas is addressed: it is an example of good fit with gaps.
        assert!(
            report.pains.ratio() > 0.5,
            "{name}: pains {:?}",
            report.pains
        );
        assert!(
            report.gains.ratio() > 0.5,
            "{name}: gains {:?}",
            report.gains
        );
    }
}

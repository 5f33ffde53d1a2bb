//! Plain text: `export --format txt` and `check`'s text report.

use std::fmt::Write as _;

use crate::canvas::{Canvas, Section};
use crate::fit::{FitReport, Flagged, analyze};
use crate::statement::default_statement;

use super::{DOCUMENT_ORDER, item_tags, link_verb, linked_texts, one_line};

/// The canvas as plain text, with flagged pains and gains marked `!`.
pub fn plain_text(canvas: &Canvas) -> String {
    let report = analyze(canvas);
    let mut out = String::new();
    let _ = writeln!(out, "{}", one_line(&canvas.title));
    if !canvas.segment.is_empty() {
        let _ = writeln!(out, "Customer segment: {}", one_line(&canvas.segment));
    }
    if !canvas.alternatives.is_empty() {
        let alternatives: Vec<String> = canvas.alternatives.iter().map(|a| one_line(a)).collect();
        let _ = writeln!(out, "Alternatives today: {}", alternatives.join(", "));
    }
    for section in DOCUMENT_ORDER {
        let _ = writeln!(out, "\n{}", section.title().to_uppercase());
        for item in canvas.items(section) {
            let marker = if report.is_flagged(item.id) { "!" } else { "-" };
            let _ = write!(out, "{marker} {}", one_line(&item.text));
            let tags = item_tags(section, item);
            if !tags.is_empty() {
                let _ = write!(out, " [{tags}]");
            }
            let linked = linked_texts(canvas, item);
            if !linked.is_empty() {
                let _ = write!(out, " ({}: {linked})", link_verb(section));
            }
            out.push('\n');
        }
    }
    let _ = writeln!(out, "\nFit: {}", fit_summary(&report));
    let _ = writeln!(out, "\nValue proposition: {}", default_statement(canvas));
    super::inert(out)
}

/// "pains 3/5 relieved · gains 2/4 created", as the editor's footer says it.
pub fn fit_summary(report: &FitReport) -> String {
    format!(
        "pains {}/{} relieved · gains {}/{} created",
        report.pains.addressed, report.pains.total, report.gains.addressed, report.gains.total
    )
}

/// `check`'s report for one file: every flagged item by name, then one summary line.
pub fn check_text(file: &str, canvas: &Canvas, report: &FitReport) -> String {
    let mut out = String::new();
    let title = if canvas.title.is_empty() {
        String::new()
    } else {
        format!(" — {}", one_line(&canvas.title))
    };
    let _ = writeln!(out, "{file}{title}");
    let level_of = |section: Section, f: &Flagged| {
        canvas
            .item(f.id)
            .filter(|_| section.has_level())
            .map(|i| format!(" [{}]", section.level_name(i.level)))
            .unwrap_or_default()
    };
    let groups: [(&str, &[Flagged], Section, bool); 5] = [
        (
            "Pains without relievers",
            &report.pains_without_relievers,
            Section::Pains,
            true,
        ),
        (
            "Gains without creators",
            &report.gains_without_creators,
            Section::Gains,
            true,
        ),
        (
            "Pain relievers that relieve no pain",
            &report.relievers_without_pains,
            Section::Relievers,
            false,
        ),
        (
            "Gain creators that create no gain",
            &report.creators_without_gains,
            Section::Creators,
            false,
        ),
        (
            "Jobs no product or service helps with",
            &report.jobs_without_products,
            Section::Jobs,
            false,
        ),
    ];
    for (label, list, section, is_flag) in groups {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  {label} ({}):", list.len());
        let marker = if is_flag { "!" } else { "?" };
        for f in list {
            let _ = writeln!(
                out,
                "    {marker} {}{}",
                one_line(&f.text),
                level_of(section, f)
            );
        }
    }
    let verdict = if report.has_gaps() { "gaps" } else { "ok" };
    let _ = writeln!(
        out,
        "  Summary: {verdict}: {} · {} without relievers, {} without creators · coverage pains {:.0}%, gains {:.0}%",
        fit_summary(report),
        report.pains_without_relievers.len(),
        report.gains_without_creators.len(),
        report.pains.ratio() * 100.0,
        report.gains.ratio() * 100.0,
    );
    super::inert(out)
}

//! Plain text: `export --format txt` and `check`'s text report.

use std::fmt::Write as _;

use crate::canvas::{Canvas, Section};
use crate::fit::{Coverage, FitReport, Flagged, analyze};
use crate::statement::default_statement;

use super::{
    DOCUMENT_ORDER, Doc, Linkers, TEST_NEXT_SHOWN, Written, coverage_percent, link_verb, one_line,
    push_one_line, push_tags_between,
};

/// The canvas as plain text, with flagged pains and gains marked `!`.
pub fn plain_text(canvas: &Canvas) -> String {
    write_plain_text(canvas, Doc::whole(super::document_room(canvas, 3, 64)))
}

/// [`plain_text`], written to `out`.
pub(super) fn write_plain_text(canvas: &Canvas, mut out: Doc) -> String {
    let report = analyze(canvas);
    let _ = writeln!(out, "{}", one_line(&canvas.title));
    if !canvas.segment.is_empty() {
        let _ = writeln!(out, "Customer segment: {}", one_line(&canvas.segment));
    }
    if !canvas.alternatives.is_empty() {
        let alternatives: Vec<String> = canvas.alternatives.iter().map(|a| one_line(a)).collect();
        let _ = writeln!(out, "Alternatives today: {}", alternatives.join(", "));
    }
    let linkers = Linkers::of(canvas);
    let written = Written::of(canvas, push_one_line);
    for section in DOCUMENT_ORDER {
        let _ = writeln!(out, "\n{}", section.title().to_uppercase());
        for (at, item) in canvas.items(section).iter().enumerate() {
            let marker = if report.is_flagged(item.id) { "!" } else { "-" };
            out.push_str(marker);
            out.push(' ');
            out.push_str(written.text(section, at));
            push_tags_between(&mut out, section, item, " [", "]");
            let before = out.len();
            out.push_str(" (");
            out.push_str(link_verb(section));
            out.push_str(": ");
            if linkers.push_texts(&mut out, &written, section, at) {
                out.push(')');
            } else {
                out.truncate(before);
            }
            out.push('\n');
            for note in &item.evidence {
                let _ = writeln!(out, "    evidence: {}", one_line(note));
            }
            out.piece();
        }
    }
    // Let go before the comparison is made, which holds a copy of every text.
    drop((linkers, written));
    let _ = writeln!(out, "\nFit: {}", fit_summary(&report));
    let _ = writeln!(
        out,
        "Coverage weighted by level, on paper: {}; with evidence: {}",
        coverage_percent(&report.pains, &report.gains),
        coverage_percent(&report.pains_evidenced, &report.gains_evidenced)
    );
    write_test_next(&mut out, &report, "");
    let comparison = super::comparison_text(&crate::compare::analyze(canvas));
    if !comparison.is_empty() {
        out.push('\n');
        out.push_str(&comparison);
    }
    if canvas.statements.is_empty() {
        let _ = writeln!(out, "\nValue proposition: {}", default_statement(canvas));
    } else {
        let _ = writeln!(out, "\nValue propositions:");
        for s in &canvas.statements {
            let _ = writeln!(out, "- {}: {}", one_line(&s.name), one_line(&s.text));
        }
    }
    write_cards(&mut out, canvas);
    out.finish()
}

/// `check`'s lines on proof and merges: evidenced coverage, what to test
/// next, top-ranked items without proof, and conflicts left by a merge.
fn evidence_and_conflicts(out: &mut String, canvas: &Canvas, report: &FitReport) {
    let _ = writeln!(
        out,
        "  Coverage with evidence, weighted by level: {}",
        coverage_percent(&report.pains_evidenced, &report.gains_evidenced)
    );
    write_test_next(out, report, "  ");
    if !report.unproven_top.is_empty() {
        let _ = writeln!(
            out,
            "  Top-ranked and not yet validated ({}):",
            report.unproven_top.len()
        );
        for r in &report.unproven_top {
            // Each item's own status mark (Untested has none), and the word.
            let status = canvas.item(r.id).map(|i| i.status).unwrap_or_default();
            let _ = writeln!(
                out,
                "    {} {} ({}, {})",
                status.marker(),
                one_line(r.text()),
                r.section.noun(),
                status.name().to_lowercase()
            );
        }
    }
    if canvas.has_conflicts() {
        let _ = writeln!(
            out,
            "  Merge conflicts to resolve in the editor ({}):",
            canvas.conflicts.len() + canvas.header_conflicts.len()
        );
        for h in &canvas.header_conflicts {
            let _ = writeln!(
                out,
                "    ≠ {}: ours “{}” / theirs “{}”",
                h.field(),
                one_line(canvas.header_ours(h)),
                one_line(h.theirs())
            );
        }
        let name = |id| {
            canvas
                .item(id)
                .map(|i| one_line(&i.text))
                .or_else(|| canvas.statement(id).map(|s| one_line(&s.name)))
                .or_else(|| canvas.test(id).map(|t| one_line(&t.name)))
                .unwrap_or_else(|| format!("id {id}"))
        };
        for c in &canvas.conflicts {
            let _ = writeln!(
                out,
                "    ≠ ours: {} / theirs: {}",
                name(c.ours),
                name(c.theirs)
            );
        }
    }
}

/// "Test next:" and the riskiest assumptions, at most [`TEST_NEXT_SHOWN`].
fn write_test_next(out: &mut String, report: &FitReport, indent: &str) {
    if report.test_next.is_empty() {
        return;
    }
    let _ = writeln!(out, "{indent}Test next:");
    for r in report.test_next.iter().take(TEST_NEXT_SHOWN) {
        let _ = writeln!(
            out,
            "{indent}  - {} ({})",
            one_line(r.text()),
            r.section.noun()
        );
    }
}

/// The test cards and learning cards, as the method's cards read.
fn write_cards(out: &mut String, canvas: &Canvas) {
    let texts = |ids: &[crate::canvas::ItemId]| -> String {
        ids.iter()
            .filter_map(|id| {
                canvas
                    .item(*id)
                    .map(|i| one_line(&i.text))
                    .or_else(|| canvas.statement(*id).map(|s| one_line(&s.name)))
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    for t in &canvas.tests {
        let deadline = t.deadline.map(|d| format!(", by {d}")).unwrap_or_default();
        let _ = writeln!(
            out,
            "\nTEST: {} ({}{deadline})",
            one_line(&t.name),
            t.state.name()
        );
        for (label, value) in [
            ("We believe that", &t.believe),
            ("To verify that, we will", &t.verify),
            ("And measure", &t.measure),
            ("We are right if", &t.right_if),
        ] {
            if !value.is_empty() {
                let _ = writeln!(out, "  {label} {}", one_line(value));
            }
        }
        let tested: Vec<crate::canvas::ItemId> =
            t.items.iter().chain(&t.statements).copied().collect();
        if !tested.is_empty() {
            let _ = writeln!(out, "  Tests: {}", texts(&tested));
        }
        if let Some(results) = super::results_line(canvas, t) {
            let _ = writeln!(out, "  Results: {results}");
        }
        if !t.results.is_empty() {
            let verdict = crate::verdict::of(t);
            let _ = writeln!(out, "  Verdict: {}", super::verdict_words(canvas, &verdict));
        }
    }
    for l in &canvas.learnings {
        let from = l
            .test
            .and_then(|t| canvas.test(t))
            .map(|t| format!(" from {}", one_line(&t.name)))
            .unwrap_or_default();
        let date = l.date.map(|d| format!(" ({d})")).unwrap_or_default();
        let _ = writeln!(out, "\nLEARNING{from}{date}");
        for (label, value) in [
            ("We observed", &l.observed),
            ("From that we learned", &l.learned),
            ("Therefore we will", &l.decision),
        ] {
            if !value.is_empty() {
                let _ = writeln!(out, "  {label} {}", one_line(value));
            }
        }
        if !l.validated.is_empty() {
            let _ = writeln!(out, "  Validated: {}", texts(&l.validated));
        }
        if !l.invalidated.is_empty() {
            let _ = writeln!(out, "  Invalidated: {}", texts(&l.invalidated));
        }
    }
}

/// "pains 3/5 relieved · gains 2/4 created", as the editor's footer says it.
pub fn fit_summary(report: &FitReport) -> String {
    coverage_summary(&report.pains, &report.gains)
}

/// The same line from the two coverages alone.
pub fn coverage_summary(pains: &Coverage, gains: &Coverage) -> String {
    format!(
        "pains {}/{} relieved · gains {}/{} created",
        pains.addressed, pains.total, gains.addressed, gains.total
    )
}

/// " — Title", or nothing for an untitled canvas.
fn title_after_dash(canvas: &Canvas) -> String {
    if canvas.title.is_empty() {
        String::new()
    } else {
        format!(" — {}", one_line(&canvas.title))
    }
}

/// " [Extreme]": a flagged item's level, in its section's words.
fn level_tag(canvas: &Canvas, section: Section, f: &Flagged) -> String {
    canvas
        .item(f.id)
        .filter(|_| section.has_level())
        .map(|item| format!(" [{}]", section.level_name(item.level)))
        .unwrap_or_default()
}

/// `check`'s report for one file: every flagged item by name, then one summary line.
pub fn check_text(file: &str, canvas: &Canvas, report: &FitReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{file}{}", title_after_dash(canvas));
    let level_of = |section: Section, f: &Flagged| level_tag(canvas, section, f);
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
    evidence_and_conflicts(&mut out, canvas, report);
    out.push_str(&super::comparison_text(&crate::compare::analyze(canvas)));
    out.push_str(&super::check_verdicts_text(canvas));
    let verdict = if report.has_gaps() || !canvas.conflicts.is_empty() {
        "gaps"
    } else {
        "ok"
    };
    // An open title or segment is a conflict too.
    let verdict = if canvas.header_conflicts.is_empty() {
        verdict
    } else {
        "gaps"
    };
    let _ = writeln!(
        out,
        "  Summary: {verdict}: {} · {} without relievers, {} without creators · coverage weighted by level: pains {:.0}%, gains {:.0}%",
        fit_summary(report),
        report.pains_without_relievers.len(),
        report.gains_without_creators.len(),
        report.pains.ratio() * 100.0,
        report.gains.ratio() * 100.0,
    );
    super::inert(out)
}

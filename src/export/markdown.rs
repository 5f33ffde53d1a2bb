//! Markdown: what `c` copies and `export --format md` writes.

use std::fmt::Write as _;

use crate::canvas::{Canvas, Section};
use crate::fit::{FitReport, analyze};
use crate::statement::default_statement;

use super::{
    DOCUMENT_ORDER, Doc, Linkers, TEST_NEXT_SHOWN, Written, coverage_percent, link_verb, one_line,
    push_tags_between,
};

/// The whole canvas as a Markdown document: both halves, the fit, the
/// comparison with the alternatives, the statements and the test and
/// learning cards. The coach's hints are not in it: they are advice to the
/// canvas's authors (the editor, `lint` and the HTML report show them), and
/// at 100,000 items reading every item for them cost more than writing the
/// document.
pub fn markdown(canvas: &Canvas) -> String {
    write_markdown(canvas, Doc::whole(super::document_room(canvas, 4, 96)))
}

/// [`markdown`], written to `out`.
pub(super) fn write_markdown(canvas: &Canvas, mut out: Doc) -> String {
    let report = analyze(canvas);
    heading(&mut out, canvas);
    // The links' index and the written texts are let go before the
    // comparison is made, which holds a copy of every text.
    let linkers = Linkers::of(canvas);
    let written = Written::of(canvas, push_md_line);
    for (heading, sections) in [
        ("Customer profile", &DOCUMENT_ORDER[..3]),
        ("Value map", &DOCUMENT_ORDER[3..]),
    ] {
        let _ = writeln!(out, "\n## {heading}");
        for &section in sections {
            section_list(&mut out, canvas, &report, (&linkers, &written), section);
        }
    }
    drop((linkers, written));
    fit(&mut out, &report);
    out.push_str(&super::comparison_markdown(&crate::compare::analyze(
        canvas,
    )));
    statements(&mut out, canvas);
    cards(&mut out, canvas);
    out.finish()
}

/// The title, the customer segment and the alternatives.
fn heading(out: &mut String, canvas: &Canvas) {
    let title = if canvas.title.trim().is_empty() {
        "Value Proposition Canvas"
    } else {
        canvas.title.trim()
    };
    let _ = writeln!(out, "# {}\n", md_escape(&one_line(title)));
    if !canvas.segment.trim().is_empty() {
        let _ = writeln!(
            out,
            "**Customer segment:** {}  ",
            md_escape(&one_line(&canvas.segment))
        );
    }
    if !canvas.alternatives.is_empty() {
        let alts: Vec<String> = canvas
            .alternatives
            .iter()
            .map(|a| md_escape(&one_line(a)))
            .collect();
        let _ = writeln!(out, "**Alternatives today:** {}  ", alts.join(", "));
    }
}

/// One section as a numbered list: each item with its tags, and what it is
/// linked to (or a warning when a pain or gain has nothing).
fn section_list(
    out: &mut Doc,
    canvas: &Canvas,
    report: &FitReport,
    (linkers, written): (&Linkers, &Written),
    section: Section,
) {
    let _ = writeln!(out, "\n### {}\n", section.title());
    let items = canvas.items(section);
    if items.is_empty() {
        let _ = writeln!(out, "_None yet._");
    }
    for (n, item) in items.iter().enumerate() {
        let _ = write!(out, "{}. ", n + 1);
        out.push_str(written.text(section, n));
        push_tags_between(out, section, item, " _(", ")_");
        let before = out.len();
        out.push_str(" — ");
        out.push_str(link_verb(section));
        out.push_str(": ");
        if linkers.push_texts(out, written, section, n) {
            // What it is linked to is written.
        } else if report.is_flagged(item.id) {
            out.truncate(before);
            let what = if section == Section::Pains {
                "no pain reliever"
            } else {
                "no gain creator"
            };
            let _ = write!(out, " — **⚠ {what}**");
        } else {
            out.truncate(before);
        }
        out.push('\n');
        for note in &item.evidence {
            let _ = writeln!(out, "   - Evidence: {}", md_escape(&one_line(note)));
        }
        out.piece();
    }
}

/// The fit: coverage of pains and gains, and what is still uncovered.
fn fit(out: &mut String, report: &FitReport) {
    let _ = writeln!(out, "\n## Fit\n");
    let _ = writeln!(
        out,
        "- Pains relieved: {}/{} ({:.0}% weighted by level)",
        report.pains.addressed,
        report.pains.total,
        report.pains.ratio() * 100.0
    );
    let _ = writeln!(
        out,
        "- Gains created: {}/{} ({:.0}% weighted by level)",
        report.gains.addressed,
        report.gains.total,
        report.gains.ratio() * 100.0
    );
    for (label, list) in [
        ("Pains without relievers", &report.pains_without_relievers),
        ("Gains without creators", &report.gains_without_creators),
    ] {
        if !list.is_empty() {
            let names: Vec<String> = list.iter().map(|f| md_escape(&one_line(&f.text))).collect();
            let _ = writeln!(out, "- {label}: {}", names.join("; "));
        }
    }
    let _ = writeln!(
        out,
        "- Coverage with evidence, weighted by level: {}",
        coverage_percent(&report.pains_evidenced, &report.gains_evidenced)
    );
    if !report.test_next.is_empty() {
        let _ = writeln!(out, "\n### Test next\n");
        for r in report.test_next.iter().take(TEST_NEXT_SHOWN) {
            let _ = writeln!(
                out,
                "- {} _({})_",
                md_escape(&one_line(r.text())),
                r.section.noun()
            );
        }
    }
}

/// The saved statements, or the proposed one when none is saved.
fn statements(out: &mut String, canvas: &Canvas) {
    if canvas.statements.is_empty() {
        let _ = writeln!(
            out,
            "\n## Value proposition\n\n> {}",
            md_escape(&default_statement(canvas))
        );
        return;
    }
    let _ = writeln!(out, "\n## Value propositions");
    for s in &canvas.statements {
        let _ = writeln!(
            out,
            "\n**{}**\n\n> {}",
            md_escape(&one_line(&s.name)),
            md_escape(&one_line(&s.text))
        );
    }
}

/// The test cards and learning cards, as the method's cards read.
fn cards(out: &mut String, canvas: &Canvas) {
    let names = |ids: &[crate::canvas::ItemId]| -> String {
        ids.iter()
            .filter_map(|id| {
                canvas
                    .item(*id)
                    .map(|i| one_line(&i.text))
                    .or_else(|| canvas.statement(*id).map(|s| one_line(&s.name)))
            })
            .map(|t| md_escape(&t))
            .collect::<Vec<_>>()
            .join("; ")
    };
    if !canvas.tests.is_empty() {
        let _ = writeln!(out, "\n## Tests");
        for t in &canvas.tests {
            let deadline = t.deadline.map(|d| format!(", by {d}")).unwrap_or_default();
            let _ = writeln!(
                out,
                "\n### {} _({}{deadline})_\n",
                md_escape(&one_line(&t.name)),
                t.state.name()
            );
            for (label, value) in [
                ("We believe that", &t.believe),
                ("To verify that, we will", &t.verify),
                ("And measure", &t.measure),
                ("We are right if", &t.right_if),
            ] {
                if !value.is_empty() {
                    let _ = writeln!(out, "- **{label}** {}", md_escape(&one_line(value)));
                }
            }
            let tested: Vec<crate::canvas::ItemId> =
                t.items.iter().chain(&t.statements).copied().collect();
            if !tested.is_empty() {
                let _ = writeln!(out, "- **Tests:** {}", names(&tested));
            }
            if let Some(results) = super::results_line(canvas, t) {
                let _ = writeln!(out, "- **Results:** {}", md_escape(&results));
            }
            if !t.results.is_empty() {
                let verdict = crate::verdict::of(t);
                let words = super::verdict_words(canvas, &verdict);
                let _ = writeln!(out, "- **Verdict:** {}", md_escape(&words));
            }
        }
    }
    if !canvas.learnings.is_empty() {
        let _ = writeln!(out, "\n## Learnings");
        for l in &canvas.learnings {
            let from = l
                .test
                .and_then(|t| canvas.test(t))
                .map(|t| format!(" from {}", md_escape(&one_line(&t.name))))
                .unwrap_or_default();
            let date = l.date.map(|d| format!(" _({d})_")).unwrap_or_default();
            let _ = writeln!(out, "\n### Learning{from}{date}\n");
            for (label, value) in [
                ("We observed", &l.observed),
                ("From that we learned", &l.learned),
                ("Therefore we will", &l.decision),
            ] {
                if !value.is_empty() {
                    let _ = writeln!(out, "- **{label}** {}", md_escape(&one_line(value)));
                }
            }
            if !l.validated.is_empty() {
                let _ = writeln!(out, "- **Validated:** {}", names(&l.validated));
            }
            if !l.invalidated.is_empty() {
                let _ = writeln!(out, "- **Invalidated:** {}", names(&l.invalidated));
            }
        }
    }
}

/// Escapes the characters that would turn plain text into Markdown markup.
pub fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    md_escape_into(&mut out, text);
    out
}

/// The characters that would turn plain text into Markdown markup (all
/// ASCII), by byte.
static MARKUP: [bool; 256] = {
    let mut table = [false; 256];
    let markup = b"\\*_`[]<>#|~";
    let mut k = 0;
    while k < markup.len() {
        table[markup[k] as usize] = true;
        k += 1;
    }
    table
};

/// [`md_escape`], added to `out`: the runs between markup characters
/// (all ASCII) are copied whole.
fn md_escape_into(out: &mut String, text: &str) {
    let mut from = 0;
    for (at, b) in text.bytes().enumerate() {
        if MARKUP[usize::from(b)] {
            out.push_str(&text[from..at]);
            out.push('\\');
            from = at;
        }
    }
    out.push_str(&text[from..]);
}

/// A text on one line ([`one_line`]), escaped for Markdown, added to `out`.
fn push_md_line(out: &mut String, text: &str) {
    md_escape_into(out, &super::one_line_cow(text));
}

//! One canvas as line-per-item text, for git's `textconv`.

use std::fmt::Write as _;

use crate::export::link_verb;

fn safe(s: &str) -> String {
    crate::text::safe(s)
}

fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// One canvas as stable, line-per-item text, for git's `textconv`: git's
/// own line diff of two of these reads item by item. Links are by id, so
/// editing a pain's text changes one line, not every reliever's too; a
/// leading `!` marks a flagged pain or gain and `?` an item that addresses
/// nothing, so a change in the fit shows on the items it concerns.
pub fn textconv(canvas: &crate::canvas::Canvas) -> String {
    let report = crate::fit::analyze(canvas);
    let mut out = String::new();
    let _ = writeln!(out, "{}", safe(&canvas.title));
    let _ = writeln!(out, "Customer segment: {}", safe(&canvas.segment));
    let alternatives: Vec<String> = canvas.alternatives.iter().map(|a| safe(a)).collect();
    let _ = writeln!(out, "Alternatives: {}", alternatives.join(" | "));
    for section in crate::export::DOCUMENT_ORDER {
        let _ = writeln!(out, "\n{}", section.title());
        for item in canvas.items(section) {
            let mark = if report.is_flagged(item.id) {
                '!'
            } else if report.is_unlinked(item.id) {
                '?'
            } else {
                ' '
            };
            let mut line = format!("{mark} [{}] {}", item.id, safe(&item.text));
            // The tags carry the level, kind, status and scores (each once).
            let tags = crate::export::document_tags(section, item);
            if !tags.is_empty() {
                let _ = write!(line, " · {tags}");
            }
            if !item.evidence.is_empty() {
                let notes: Vec<String> = item.evidence.iter().map(|n| safe(n)).collect();
                let _ = write!(line, " · evidence: {}", notes.join(" | "));
            }
            if !item.links.is_empty() {
                let ids: Vec<String> = item.links.iter().map(ToString::to_string).collect();
                let _ = write!(line, " · {} {}", link_verb(section), ids.join(", "));
            }
            let _ = writeln!(out, "{line}");
        }
    }
    cards(&mut out, canvas);
    for c in &canvas.conflicts {
        let _ = writeln!(
            out,
            "\nMerge conflict open: ours {}, theirs {}",
            c.ours, c.theirs
        );
    }
    for h in &canvas.header_conflicts {
        let _ = writeln!(
            out,
            "\nMerge conflict open: the {}, theirs {}",
            h.field(),
            safe(h.theirs())
        );
    }
    let _ = writeln!(
        out,
        "\nFit: pains relieved {} · gains created {}",
        percent(report.pains.ratio()),
        percent(report.gains.ratio())
    );
    let _ = writeln!(
        out,
        "With evidence: pains {} · gains {}",
        percent(report.pains_evidenced.ratio()),
        percent(report.gains_evidenced.ratio())
    );
    out
}

/// The saved statements, test cards and learning cards, one line each.
fn cards(out: &mut String, canvas: &crate::canvas::Canvas) {
    // " · items 2, 5": a list of ids under its word, or nothing when empty.
    let ids = |word: &str, l: &[u32]| {
        if l.is_empty() {
            return String::new();
        }
        let ids: Vec<String> = l.iter().map(ToString::to_string).collect();
        format!(" · {word} {}", ids.join(", "))
    };
    if !canvas.statements.is_empty() {
        let _ = writeln!(out, "\nStatements");
        for s in &canvas.statements {
            let _ = writeln!(out, "  [{}] {}: {}", s.id, safe(&s.name), safe(&s.text));
        }
    }
    if !canvas.tests.is_empty() {
        let _ = writeln!(out, "\nTest cards");
        for t in &canvas.tests {
            let deadline = t.deadline.map(|d| format!(" · by {d}")).unwrap_or_default();
            let _ = writeln!(
                out,
                "  [{}] {} · {}{deadline} · believe: {} · verify: {} · measure: {} · right if: {}{}{}",
                t.id,
                safe(&t.name),
                t.state.name(),
                safe(&t.believe),
                safe(&t.verify),
                safe(&t.measure),
                safe(&t.right_if),
                ids("items", &t.items),
                ids("statements", &t.statements)
            );
            if let Some(results) = crate::export::results_line(canvas, t) {
                let _ = writeln!(out, "      results: {}", safe(&results));
            }
        }
    }
    if !canvas.learnings.is_empty() {
        let _ = writeln!(out, "\nLearning cards");
        for l in &canvas.learnings {
            let test = l
                .test
                .map(|t| format!(" · from test {t}"))
                .unwrap_or_default();
            let date = l.date.map(|d| format!(" · {d}")).unwrap_or_default();
            let _ = writeln!(
                out,
                "  [{}]{test}{date} · observed: {} · learned: {} · decision: {}{}{}",
                l.id,
                safe(&l.observed),
                safe(&l.learned),
                safe(&l.decision),
                ids("validates", &l.validated),
                ids("invalidates", &l.invalidated)
            );
        }
    }
}

//! The coach's hints as text (`lint`) and JSON (`lint --format json`). The
//! hints themselves come from [`crate::coach`], the same ones the editor
//! shows.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::canvas::Canvas;
use crate::coach::{Hint, Subject, grouped, section_key, subject_label};

/// The key `section` has in the JSON for a hint's subject.
fn json_section(subject: Subject) -> Value {
    match subject {
        Subject::Item { section, .. } | Subject::Section(section) => {
            Value::from(section_key(section))
        }
        Subject::Statement(_) => Value::from("statements"),
        Subject::Canvas => Value::Null,
    }
}

/// One hint as `lint --format json` writes it.
pub fn hint_json(hint: &Hint) -> Value {
    json!({
        "rule": hint.rule.id(),
        "id": hint.subject.id(),
        "section": json_section(hint.subject),
        "text": hint.text,
        "message": hint.message,
    })
}

/// `lint --format json` for one file: `{ "file", "hints": [...] }`.
pub fn lint_json(file: &str, hints: &[Hint]) -> Value {
    json!({
        "file": file,
        "hints": hints.iter().map(hint_json).collect::<Vec<_>>(),
    })
}

/// `lint` as text for one file: the hints grouped by rule, each with what
/// it is about, then a count. Handed to `sink` a piece at a time as it is
/// written (a large canvas's report, 12 MB at 100,000 items, is never whole
/// in memory); raw, as the sink makes it inert ([`crate::output::Stream`]).
pub fn write_lint_text(file: &str, canvas: &Canvas, hints: &[Hint], sink: &mut dyn FnMut(&str)) {
    let mut out = super::Doc::streamed(sink);
    let file = crate::text::visible(file);
    if hints.is_empty() {
        let _ = writeln!(out, "{file}: no hints: nothing for the coach to say");
        out.finish();
        return;
    }
    let _ = writeln!(out, "{file}");
    for (rule, list) in grouped(hints) {
        let _ = writeln!(out, "  {} ({})", rule.title(), rule.id());
        for hint in list {
            out.push_str("    ");
            push_label(&mut out, canvas, hint);
            out.push_str("\n      ");
            out.push_str(&hint.message);
            out.push('\n');
            out.piece();
        }
    }
    let n = hints.len();
    let _ = writeln!(
        out,
        "  {n} {} (dismiss one in the editor, or turn a rule off in config.ron)",
        if n == 1 { "hint" } else { "hints" }
    );
    out.finish();
}

/// Where a hint points ([`subject_label`]), shown inert, added to `out`: an
/// item's label is written straight from its text.
fn push_label(out: &mut String, canvas: &Canvas, hint: &Hint) {
    match (hint.subject, &hint.text) {
        (Subject::Item { section, .. }, Some(text)) => {
            out.push_str(section.title());
            out.push_str(": ");
            super::push_one_line(out, text);
        }
        _ => out.push_str(&crate::text::visible(&subject_label(canvas, hint))),
    }
}

//! The report's "Against the alternatives" section (SPEC §12): the verdict,
//! `versus` per alternative and the value curve, drawn by the same code as
//! `export --format svg --view curve`. Nothing while nothing is scored.

use std::fmt::Write as _;

use crate::canvas::Canvas;
use crate::compare::analyze;

use super::super::svg::{curve_element, escape_text as esc};
use super::one_line;

pub(super) fn curve(o: &mut String, canvas: &Canvas) {
    let comparison = analyze(canvas);
    if !comparison.has_scores() {
        return;
    }
    let _ = writeln!(
        o,
        "<section class=\"curve\">\n<h2>Against the alternatives</h2>\n<p>{}</p>",
        esc(&one_line(&comparison.verdict()))
    );
    let versus: Vec<String> = comparison
        .versus
        .iter()
        .filter(|v| v.compared > 0)
        .map(|v| {
            format!(
                "<li>versus {}: <b>{:+}</b></li>",
                esc(&one_line(&v.alternative)),
                v.score
            )
        })
        .collect();
    if !versus.is_empty() {
        let _ = writeln!(o, "<ul class=\"versus\">{}</ul>", versus.join(""));
    }
    let _ = writeln!(
        o,
        "<figure class=\"curve\">\n{}</figure>\n</section>",
        curve_element(canvas)
    );
}

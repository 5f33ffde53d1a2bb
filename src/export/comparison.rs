//! The comparison against the alternatives (SPEC §12) as `check` reports it:
//! a few lines of text, and the JSON `comparison` object.

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use crate::canvas::file::level_word;
use crate::compare::{Comparison, Factor, Standing};

use super::json::section_key;
use super::one_line;

/// `check`'s `comparison`: every factor most important first, the leads and
/// the trails, `versus` per alternative (in their order) and the verdict.
pub fn comparison_json(comparison: &Comparison) -> Value {
    let brief = |f: &Factor| json!({"id": f.id, "section": section_key(f.section), "text": f.text});
    let factors: Vec<Value> = comparison
        .factors
        .iter()
        .map(|f| {
            let theirs: Map<String, Value> = comparison
                .alternatives
                .iter()
                .zip(&f.theirs)
                .map(|(name, score)| (name.clone(), json!(score)))
                .collect();
            json!({
                "id": f.id,
                "section": section_key(f.section),
                "text": f.text,
                "level": level_word(f.section, f.level),
                "weight": f.weight,
                "top": f.top,
                "ours": f.ours,
                "theirs": theirs,
                "standing": f.standing.key(),
            })
        })
        .collect();
    let trails: Vec<Value> = comparison
        .trails()
        .map(|f| {
            let mut v = brief(f);
            let ahead: Vec<&str> = f
                .ahead_of_us()
                .into_iter()
                .filter_map(|n| comparison.alternatives.get(n))
                .map(String::as_str)
                .collect();
            if let Value::Object(map) = &mut v {
                map.insert("behind".into(), json!(ahead));
            }
            v
        })
        .collect();
    let versus: Map<String, Value> = comparison
        .versus
        .iter()
        .map(|v| (v.alternative.clone(), json!(v.score)))
        .collect();
    json!({
        "factors": factors,
        "leads": comparison.leads().map(brief).collect::<Vec<_>>(),
        "trails": trails,
        "versus": versus,
        "verdict": comparison.verdict(),
    })
}

/// `check`'s lines about the alternatives, or nothing while nothing is
/// scored: the verdict, `versus` per alternative, then each compared factor
/// with its standing and scores.
pub fn comparison_text(comparison: &Comparison) -> String {
    let mut out = String::new();
    if !comparison.has_scores() {
        return out;
    }
    let _ = writeln!(
        out,
        "  Against the alternatives: {}",
        one_line(&comparison.verdict())
    );
    if comparison.is_scored() {
        let versus: Vec<String> = comparison
            .versus
            .iter()
            .filter(|v| v.compared > 0)
            .map(|v| format!("{} {:+}", one_line(&v.alternative), v.score))
            .collect();
        let _ = writeln!(out, "    versus: {}", versus.join(" · "));
    }
    for f in &comparison.factors {
        if f.standing == Standing::Unscored {
            continue;
        }
        let _ = writeln!(
            out,
            "    {:<5}  {} [{}]: {}",
            f.standing.key(),
            one_line(&f.text),
            f.section.level_name(f.level),
            scores_line(comparison, f)
        );
    }
    out
}

/// The Markdown export's "Against the alternatives": the verdict, `versus`,
/// and a table of every factor's scores. Nothing while nothing is scored.
pub fn comparison_markdown(comparison: &Comparison) -> String {
    let mut out = String::new();
    if !comparison.has_scores() {
        return out;
    }
    let cell = |t: &str| super::md_escape(&one_line(t));
    let _ = writeln!(out, "\n## Against the alternatives\n");
    let _ = writeln!(out, "{}", cell(&comparison.verdict()));
    if comparison.is_scored() {
        let _ = writeln!(out);
        for v in comparison.versus.iter().filter(|v| v.compared > 0) {
            let _ = writeln!(out, "- versus {}: {:+}", cell(&v.alternative), v.score);
        }
    }
    let names: Vec<String> = comparison.alternatives.iter().map(|a| cell(a)).collect();
    let _ = writeln!(
        out,
        "\n| # | Factor | Level | Ours | {} | Standing |",
        names.join(" | ")
    );
    let _ = writeln!(out, "|---|---|---|---|{}---|", "---|".repeat(names.len()));
    let score = |s: Option<u8>| s.map_or_else(|| "–".to_owned(), |s| s.to_string());
    for (k, f) in comparison.factors.iter().enumerate() {
        let theirs: Vec<String> = f.theirs.iter().map(|s| score(*s)).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            k + 1,
            cell(&f.text),
            f.section.level_name(f.level),
            score(f.ours),
            theirs.join(" | "),
            f.standing.key()
        );
    }
    out
}

/// "ours 8 · Spreadsheets 3 · Hiring a bookkeeper –": every offer's score.
pub fn scores_line(comparison: &Comparison, factor: &Factor) -> String {
    let score = |s: Option<u8>| s.map_or_else(|| "–".to_owned(), |s| s.to_string());
    std::iter::once(format!("ours {}", score(factor.ours)))
        .chain(
            comparison
                .alternatives
                .iter()
                .zip(&factor.theirs)
                .map(|(name, s)| format!("{} {}", one_line(name), score(*s))),
        )
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use crate::canvas::{Canvas, Level, Section};
    use crate::export::{check_json, check_text, json};
    use crate::fit::analyze;

    fn scored() -> Canvas {
        let mut c = Canvas::new("Invoicing");
        c.alternatives = vec!["Spreadsheets".into(), "Hiring a bookkeeper".into()];
        let late = c.push(Section::Pains, "Late payments");
        c.set_level(late, Level::High);
        let tax = c.push(Section::Pains, "Tax season panic");
        c.set_level(tax, Level::High);
        let cash = c.push(Section::Gains, "Know cash");
        c.set_level(cash, Level::Low);
        for (id, ours, sheets, keeper) in [
            (late, 9, Some(2), Some(6)),
            (tax, 3, Some(2), Some(8)),
            (cash, 5, None, Some(5)),
        ] {
            c.set_score(id, None, Some(ours));
            c.set_score(id, Some("Spreadsheets"), sheets);
            c.set_score(id, Some("Hiring a bookkeeper"), keeper);
        }
        c
    }

    #[test]
    fn check_json_has_the_comparison_keys() {
        let c = scored();
        let value = check_json("a.ron", &c, &analyze(&c));
        let value: serde_json::Value = serde_json::from_str(&json::pretty(&value)).unwrap();
        let cmp = &value["comparison"];
        // versus sheets = 3·7 + 3·1 = 24; keeper = 3·3 + 3·(−5) + 1·0 = −6.
        assert_eq!(
            cmp["versus"],
            serde_json::json!({"Spreadsheets": 24, "Hiring a bookkeeper": -6})
        );
        assert_eq!(
            cmp["factors"][1],
            serde_json::json!({"id": 2, "section": "pains", "text": "Tax season panic",
                "level": "Extreme", "weight": 3, "top": true, "ours": 3,
                "theirs": {"Spreadsheets": 2, "Hiring a bookkeeper": 8}, "standing": "trail"})
        );
        assert_eq!(
            cmp["factors"][2]["theirs"]["Spreadsheets"],
            serde_json::Value::Null
        );
        assert_eq!(cmp["factors"][2]["standing"], "par");
        assert_eq!(
            cmp["leads"],
            serde_json::json!([{"id": 1, "section": "pains", "text": "Late payments"}])
        );
        assert_eq!(
            cmp["trails"][0]["behind"],
            serde_json::json!(["Hiring a bookkeeper"])
        );
        assert_eq!(
            cmp["verdict"],
            "Leads on 1 of the 3 top factors; trails Hiring a bookkeeper on 'Tax season panic'"
        );
    }

    #[test]
    fn check_text_says_where_we_lead_and_trail() {
        let c = scored();
        let text = check_text("a.ron", &c, &analyze(&c));
        let expected = "  Against the alternatives: Leads on 1 of the 3 top factors; trails Hiring a bookkeeper on 'Tax season panic'\n    versus: Spreadsheets +24 · Hiring a bookkeeper -6\n    lead   Late payments [Extreme]: ours 9 · Spreadsheets 2 · Hiring a bookkeeper 6\n    trail  Tax season panic [Extreme]: ours 3 · Spreadsheets 2 · Hiring a bookkeeper 8\n    par    Know cash [Nice to have]: ours 5 · Spreadsheets – · Hiring a bookkeeper 5\n";
        assert!(text.contains(expected), "{text}");
        assert!(text.find(expected) < text.find("  Summary:"), "{text}");
    }

    #[test]
    fn the_markdown_and_text_exports_carry_the_comparison() {
        let mut c = scored();
        c.rename_alternative(0, "Sheets | pipes");
        let md = crate::export::markdown(&c);
        assert!(md.contains("\n## Against the alternatives\n"), "{md}");
        assert!(
            md.contains(
                "| # | Factor | Level | Ours | Sheets \\| pipes | Hiring a bookkeeper | Standing |"
            ),
            "{md}"
        );
        assert!(
            md.contains("| 2 | Tax season panic | Extreme | 3 | 2 | 8 | trail |"),
            "{md}"
        );
        assert!(md.contains("- versus Sheets \\| pipes: +24"), "{md}");
        let txt = crate::export::plain_text(&c);
        assert!(
            txt.contains("    trail  Tax season panic [Extreme]: ours 3"),
            "{txt}"
        );
        let bare = Canvas::new("bare");
        assert!(!crate::export::markdown(&bare).contains("alternatives"));
    }

    #[test]
    fn check_text_is_unchanged_while_nothing_is_scored() {
        let mut c = scored();
        for id in [1, 2, 3] {
            c.set_score(id, None, None);
            c.set_score(id, Some("Spreadsheets"), None);
            c.set_score(id, Some("Hiring a bookkeeper"), None);
        }
        let text = check_text("a.ron", &c, &analyze(&c));
        assert!(!text.contains("alternatives"), "{text}");
    }
}

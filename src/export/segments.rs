//! Segments side by side (SPEC §14): one page with a column per canvas, for
//! the question a team asks on Monday, "which segment is closest to proof?".
//!
//! Pure: each canvas becomes a [`Column`] of figures computed by the same
//! domain functions `check`, `statement` and the coach use (nothing is
//! computed twice in two ways), then the columns are rendered as one HTML
//! page (sharing the report's styles and escaping) or a Markdown table.

use std::fmt::Write as _;

use crate::canvas::Canvas;
use crate::coach::RuleSet;
use crate::fit::{Coverage, analyze};

use super::svg::escape_text as esc;
use super::{md_escape, one_line};

/// What the report shows of one readable canvas.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub title: String,
    pub segment: String,
    pub items: usize,
    /// Coverage on paper, weighted by level: pains relieved, gains created.
    pub coverage: (f64, f64),
    /// The same, counting only what is validated with a validated reliever/creator.
    pub coverage_evidenced: (f64, f64),
    /// The most important pain no reliever addresses, and gain no creator produces.
    pub open_pain: Option<String>,
    pub open_gain: Option<String>,
    /// The leading statement: the first saved one (with its name), else the proposed one.
    pub statement_name: Option<String>,
    pub statement: String,
    /// What a test measured of the leading statement, in words, if one did.
    pub statement_verdict: Option<String>,
    /// The value curve's one-line verdict, when anything is scored.
    pub curve_verdict: Option<String>,
    /// How many hints the coach has.
    pub hints: usize,
}

impl Figures {
    /// The figures of one canvas; `coach_off` are the rules the user turned off.
    pub fn of(canvas: &Canvas, coach_off: RuleSet) -> Figures {
        let report = analyze(canvas);
        let ratio = |pains: &Coverage, gains: &Coverage| (pains.ratio(), gains.ratio());
        let leading = canvas.statements.first();
        Figures {
            title: canvas.title.clone(),
            segment: canvas.segment.clone(),
            items: canvas.item_count(),
            coverage: ratio(&report.pains, &report.gains),
            coverage_evidenced: ratio(&report.pains_evidenced, &report.gains_evidenced),
            open_pain: report
                .pains_without_relievers
                .first()
                .map(|f| f.text.clone()),
            open_gain: report
                .gains_without_creators
                .first()
                .map(|f| f.text.clone()),
            statement_name: leading.map(|s| s.name.clone()),
            statement: crate::statement::main_statement(canvas),
            statement_verdict: leading.and_then(|s| measured(canvas, s.id)),
            curve_verdict: {
                let comparison = crate::compare::analyze(canvas);
                comparison.is_scored().then(|| comparison.verdict())
            },
            hints: crate::coach::count(canvas, coach_off),
        }
    }
}

/// What the newest test that measured statement `id` says, in words
/// (the test's name, then its verdict as `check` words it).
fn measured(canvas: &Canvas, id: crate::canvas::ItemId) -> Option<String> {
    let variant = crate::canvas::Variant::Statement(id);
    let test = canvas
        .tests
        .iter()
        .rev()
        .find(|t| t.results.iter().any(|r| r.variant == variant))?;
    let verdict = crate::verdict::of(test);
    let words = verdict.words(&|v| super::variant_name(canvas, v));
    Some(format!("{}: {words}", one_line(&test.name)))
}

/// One column of the report: a canvas, readable or not.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The canvas's name (its file name without `.ron`) or the argument given.
    pub name: String,
    /// When the file last changed, in words ("2026-12-04, 2 days ago").
    pub changed: String,
    /// The figures, or why the canvas cannot be read.
    pub figures: Result<Figures, String>,
}

/// Columns in segment order (then by name); unreadable canvases by name
/// after the readable ones of the same key, so the page is the same
/// whatever order the files came in.
pub fn in_segment_order(columns: &mut [Column]) {
    let key = |c: &Column| match &c.figures {
        Ok(f) if !f.segment.trim().is_empty() => (0, f.segment.to_lowercase(), c.name.clone()),
        Ok(_) => (1, String::new(), c.name.clone()),
        Err(_) => (2, String::new(), c.name.clone()),
    };
    columns.sort_by_key(key);
}

/// The figures as rows: a heading and the words of each column's cell.
fn rows(columns: &[Column]) -> Vec<(&'static str, Vec<Cell>)> {
    let each = |f: &dyn Fn(&Figures) -> Cell| -> Vec<Cell> {
        columns
            .iter()
            .map(|c| match &c.figures {
                Ok(figures) => f(figures),
                Err(_) => Cell::Blank,
            })
            .collect()
    };
    let pct = |x: f64| format!("{:.0}%", x * 100.0);
    let pair = |(p, g): (f64, f64)| Cell::Text(format!("pains {} · gains {}", pct(p), pct(g)));
    let or_none = |o: &Option<String>, none: &str| match o {
        Some(t) => Cell::Text(one_line(t)),
        None => Cell::Quiet(none.to_owned()),
    };
    vec![
        (
            "Segment",
            each(&|f| or_none(&non_empty(&f.segment), "no segment")),
        ),
        ("Items", each(&|f| Cell::Text(f.items.to_string()))),
        (
            "Coverage on paper (weighted by level)",
            each(&|f| pair(f.coverage)),
        ),
        (
            "Coverage with evidence",
            each(&|f| pair(f.coverage_evidenced)),
        ),
        (
            "Most important open pain",
            each(&|f| or_none(&f.open_pain, "every pain relieved")),
        ),
        (
            "Most important open gain",
            each(&|f| or_none(&f.open_gain, "every gain created")),
        ),
        ("Leading statement", each(&statement_cell)),
        (
            "Measured",
            each(&|f| or_none(&f.statement_verdict, "not measured yet")),
        ),
        (
            "Against the alternatives",
            each(&|f| or_none(&f.curve_verdict, "not scored yet")),
        ),
        (
            "Coach hints",
            each(&|f| {
                Cell::Text(match f.hints {
                    1 => "1 hint".to_owned(),
                    n => format!("{n} hints"),
                })
            }),
        ),
        (
            "Last changed",
            columns
                .iter()
                .map(|c| {
                    if c.changed.is_empty() {
                        Cell::Quiet("unknown".to_owned())
                    } else {
                        Cell::Text(c.changed.clone())
                    }
                })
                .collect(),
        ),
    ]
}

fn non_empty(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.to_owned())
}

fn statement_cell(f: &Figures) -> Cell {
    let text = one_line(&f.statement);
    match f.statement_name.as_deref().map(one_line) {
        Some(name) if !name.trim().is_empty() => Cell::Named(name, text),
        _ if text.trim().is_empty() => Cell::Quiet("nothing to propose yet".to_owned()),
        _ => Cell::Text(text),
    }
}

/// One cell's content, before escaping for its format.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(String),
    /// A name in bold, then text (a saved statement).
    Named(String, String),
    /// Said quietly: a figure that is absent.
    Quiet(String),
    /// Under an unreadable canvas (its reason spans the column).
    Blank,
}

/// The column's heading: the title (or the name when untitled) and the file name.
fn heading(c: &Column) -> (String, String) {
    let title = match &c.figures {
        Ok(f) if !f.title.trim().is_empty() => one_line(&f.title),
        _ => one_line(&c.name),
    };
    (title, one_line(&c.name))
}

const STYLE: &str = include_str!("report.css");
const SEGMENTS_STYLE: &str = include_str!("segments.css");

/// The report as one self-contained HTML page: no script, no request.
pub fn html(columns: &[Column]) -> String {
    let mut o = String::with_capacity(16 * 1024);
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    o.push_str("<meta name=\"generator\" content=\"vpcanvas\">\n");
    o.push_str("<title>Segments side by side · Value Proposition Canvas</title>\n");
    let _ = writeln!(
        o,
        "<style>\n{STYLE}{SEGMENTS_STYLE}</style>\n</head>\n<body class=\"segments\">"
    );
    let _ = writeln!(
        o,
        "<header>\n<h1>Segments side by side</h1>\n<p class=\"meta\">{} · one column per segment · coverages weighted by level (Extreme/Essential 3, Moderate/Desired 2, Mild/Nice to have 1)</p>\n</header>",
        match columns.len() {
            1 => "1 canvas".to_owned(),
            n => format!("{n} canvases"),
        }
    );
    if columns.is_empty() {
        o.push_str("<p>No canvases to compare yet.</p>\n");
    } else {
        table(&mut o, columns);
    }
    o.push_str("<footer>The Value Proposition Canvas is a method by Strategyzer. Drawn by vpcanvas, an independent tool.</footer>\n</body>\n</html>\n");
    o
}

fn table(o: &mut String, columns: &[Column]) {
    o.push_str(
        "<div class=\"scroll\">\n<table>\n<thead>\n<tr><th scope=\"col\" class=\"figure\"></th>",
    );
    for c in columns {
        let (title, name) = heading(c);
        let _ = write!(
            o,
            "<th scope=\"col\"><span class=\"title\">{}</span><span class=\"file quiet\">{}</span></th>",
            esc(&title),
            esc(&name)
        );
    }
    o.push_str("</tr>\n</thead>\n<tbody>\n");
    let rows = rows(columns);
    let span = rows.len();
    for (n, (head, cells)) in rows.iter().enumerate() {
        let _ = write!(
            o,
            "<tr><th scope=\"row\" class=\"figure\">{}</th>",
            esc(head)
        );
        for (cell, column) in cells.iter().zip(columns) {
            match (cell, &column.figures) {
                (Cell::Blank, Err(reason)) if n == 0 => {
                    let _ = write!(
                        o,
                        "<td rowspan=\"{span}\" class=\"unreadable\"><div class=\"c\"><b>Cannot be read.</b> {}</div></td>",
                        esc(&one_line(reason))
                    );
                }
                (Cell::Blank, _) => {}
                (Cell::Text(t), _) => {
                    let _ = write!(o, "<td><div class=\"c\">{}</div></td>", esc(t));
                }
                (Cell::Named(name, t), _) => {
                    let _ = write!(
                        o,
                        "<td class=\"statement\"><div class=\"c\"><b>{}:</b> {}</div></td>",
                        esc(name),
                        esc(t)
                    );
                }
                (Cell::Quiet(t), _) => {
                    let _ = write!(
                        o,
                        "<td class=\"quiet\"><div class=\"c\">{}</div></td>",
                        esc(t)
                    );
                }
            }
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody>\n</table>\n</div>\n");
}

/// The report as a Markdown table: a row per figure, a column per canvas,
/// for a pull request or a doc.
pub fn markdown(columns: &[Column]) -> String {
    let mut o = String::from("## Segments side by side\n\n");
    if columns.is_empty() {
        o.push_str("No canvases to compare yet.\n");
        return o;
    }
    let cell = |t: &str| md_escape(t).replace('|', "\\|");
    o.push('|');
    o.push_str(" |");
    for c in columns {
        let (title, name) = heading(c);
        let _ = write!(o, " **{}** ({}) |", cell(&title), cell(&name));
    }
    o.push('\n');
    o.push_str("|---|");
    for _ in columns {
        o.push_str("---|");
    }
    o.push('\n');
    for (n, (head, cells)) in rows(columns).iter().enumerate() {
        let _ = write!(o, "| {} |", cell(head));
        for (c, column) in cells.iter().zip(columns) {
            let words = match (c, &column.figures) {
                (Cell::Blank, Err(reason)) if n == 0 => {
                    format!("**Cannot be read:** {}", cell(&one_line(reason)))
                }
                (Cell::Blank, _) => String::new(),
                (Cell::Text(t), _) => cell(t),
                (Cell::Named(name, t), _) => format!("**{}:** {}", cell(name), cell(t)),
                (Cell::Quiet(t), _) => format!("_{}_", cell(t)),
            };
            let _ = write!(o, " {words} |");
        }
        o.push('\n');
    }
    o.push_str("\nCoverages are weighted by level (Extreme/Essential 3, Moderate/Desired 2, Mild/Nice to have 1).\n");
    o
}

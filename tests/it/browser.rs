//! The pictures and the report in a real browser: Debian's Chromium,
//! headless, with a fresh profile and no network. Each page must render
//! (a screenshot that is not blank), hold every item's text in its DOM, carry
//! no script, and keep every text box inside its section, as measured by the
//! browser's own `getBBox()` in a test copy that adds a measuring script.
//!
//! Chromium is a prerequisite (`scripts/test-prereqs` installs it): without it
//! these tests fail, they never skip.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use vpcanvas::canvas::Canvas;
use vpcanvas::coach::RuleSet;
use vpcanvas::examples::Example;
use vpcanvas::export::{html, one_line, svg};

use super::pictures::{decode_png, evidence, hostile};

/// The browser: `VPCANVAS_CHROMIUM`, else `chromium` on the PATH.
fn chromium() -> PathBuf {
    if let Some(path) = std::env::var_os("VPCANVAS_CHROMIUM") {
        return PathBuf::from(path);
    }
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|n| dir.join(n)))
        .find(|p| p.is_file());
    on_path.unwrap_or_else(|| {
        panic!(
            "Chromium is needed for the browser tests and was not found: run scripts/test-prereqs \
             (it installs Debian's `chromium`), or set VPCANVAS_CHROMIUM"
        )
    })
}

/// What Chromium printed.
struct Output {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

/// Runs headless Chromium on a local file with a fresh profile and every
/// background connection off; kills it if it is not done by the deadline.
/// Its output goes to files, so a large DOM can never fill a pipe and stall it.
fn browse(page: &Path, extra: &[&str]) -> Output {
    let profile = tempfile::tempdir().expect("profile dir");
    let out_path = profile.path().join("stdout");
    let err_path = profile.path().join("stderr");
    let file = |p: &Path| std::fs::File::create(p).expect("output file");
    let mut cmd = Command::new(chromium());
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
        "--hide-scrollbars",
        "--mute-audio",
    ])
    .arg(format!(
        "--user-data-dir={}",
        profile.path().join("profile").display()
    ))
    .args(extra)
    .arg(format!("file://{}", page.display()))
    .env("HOME", profile.path())
    .stdin(Stdio::null())
    .stdout(file(&out_path))
    .stderr(file(&err_path));
    let mut child = cmd.spawn().expect("start chromium");
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        match child.try_wait().expect("wait for chromium") {
            Some(_) => break,
            None if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("chromium did not finish within 180 s on {}", page.display());
            }
            None => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    Output {
        stdout: std::fs::read(&out_path).unwrap_or_default(),
        stderr: std::fs::read(&err_path).unwrap_or_default(),
    }
}

/// Measures every text in every section against the section's outline
/// (and the page), and writes the verdict on the root element.
const MEASURE: &str = r#"
(function () {
  var bad = [], n = 0, e = 0.75;
  function inside(b, x0, y0, x1, y1) {
    return b.x >= x0 - e && b.y >= y0 - e && b.x + b.width <= x1 + e && b.y + b.height <= y1 + e;
  }
  document.querySelectorAll('g.section').forEach(function (g) {
    var d = g.dataset, x0 = +d.x0, y0 = +d.y0, x1 = +d.x1, y1 = +d.y1;
    g.querySelectorAll('text').forEach(function (t) {
      var b = t.getBBox(), ok = inside(b, x0, y0, x1, y1);
      n++;
      if (ok && d.r) {
        [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]]
          .forEach(function (c) { if (Math.hypot(c[0] - d.cx, c[1] - d.cy) > +d.r + e) ok = false; });
      }
      if (!ok) bad.push(d.section + ' "' + t.textContent + '" ' + [b.x, b.y, b.width, b.height].map(Math.round).join(','));
    });
  });
  document.querySelectorAll('svg text').forEach(function (t) {
    var b = t.getBBox();
    if (!inside(b, 0, 0, 1920, 1080)) bad.push('page "' + t.textContent + '"');
  });
  var scripts = document.querySelectorAll('script').length - 1;
  var verdict = (bad.length ? 'OVERFLOW ' + bad.join(' | ') : 'INSIDE ' + n) + ' SCRIPTS ' + scripts;
  document.documentElement.setAttribute('data-verdict', verdict);
})();
"#;

/// Loads a page with the measuring script added and returns (verdict, DOM).
fn measure(dir: &Path, name: &str, page: &str, svg_doc: bool) -> (String, String) {
    let copy = if svg_doc {
        page.replace(
            "</svg>\n",
            &format!("<script><![CDATA[{MEASURE}]]></script>\n</svg>\n"),
        )
    } else {
        page.replace("</body>", &format!("<script>{MEASURE}</script>\n</body>"))
    };
    assert_ne!(copy, page, "the measuring script went in");
    let path = dir.join(name);
    std::fs::write(&path, copy).expect("write test copy");
    let out = browse(&path, &["--dump-dom"]);
    let dom = String::from_utf8_lossy(&out.stdout).into_owned();
    let verdict = dom
        .split("data-verdict=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| {
            panic!(
                "no verdict from the browser for {name}; stderr: {}",
                String::from_utf8_lossy(&out.stderr)
            )
        })
        .to_owned();
    (verdict, dom)
}

/// A screenshot of a page: it must not be blank.
fn assert_renders(dir: &Path, name: &str, extra: &[&str]) {
    let shot = dir.join(format!("{name}.png"));
    let page = dir.join(name);
    let out = browse(
        &page,
        &[
            &[format!("--screenshot={}", shot.display()).as_str()],
            extra,
        ]
        .concat(),
    );
    let bytes = std::fs::read(&shot).unwrap_or_else(|e| {
        panic!(
            "no screenshot of {name} ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let (w, h, pixels) = decode_png(&bytes);
    let inked = pixels
        .chunks(4)
        .filter(|p| p[0] < 128 && p[1] < 128 && p[2] < 128)
        .count();
    let colours: std::collections::BTreeSet<[u8; 3]> = pixels
        .chunks(4)
        .map(|p| [p[0], p[1], p[2]])
        .take(2_000_000)
        .collect();
    assert!(
        inked > (w * h) as usize / 500 && colours.len() > 20,
        "{name} looks blank: {inked} dark pixels, {} colours",
        colours.len()
    );
}

/// The number of texts the browser measured, from an "INSIDE n" verdict:
/// at least one per item, or the measuring looked at nothing.
fn assert_measured_all(c: &Canvas, name: &str, verdict: &str) {
    let n: usize = verdict
        .split(' ')
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        n >= c.item_count(),
        "{name}: only {n} texts measured: {verdict}"
    );
}

/// The text of every item in a DOM dump (escaped as the browser writes it).
fn assert_items_in_dom(c: &Canvas, dom: &str) {
    // The browser serialises text with &amp; &lt; &gt; only; compare words.
    let dom = dom
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    for (_, item) in c.all_items() {
        let text = one_line(&vpcanvas::text::clean(&item.text));
        for word in text.split(' ') {
            assert!(
                dom.contains(word),
                "item {}: {word:?} not in the DOM",
                item.id
            );
        }
    }
}

fn check_svg(c: &Canvas, name: &str, screenshot: bool) {
    let dir = tempfile::tempdir().expect("temp");
    let page = svg::svg(c);
    let file = format!("{name}.svg");
    std::fs::write(dir.path().join(&file), &page).expect("write svg");
    let (verdict, dom) = measure(dir.path(), &format!("{name}-measured.svg"), &page, true);
    assert!(verdict.starts_with("INSIDE "), "{name}: {verdict}");
    assert!(verdict.ends_with("SCRIPTS 0"), "{name}: {verdict}");
    assert_measured_all(c, name, &verdict);
    assert_items_in_dom(c, &dom);
    if screenshot {
        assert_renders(dir.path(), &file, &["--window-size=1920,1080"]);
    }
}

fn check_report(c: &Canvas, name: &str, print: bool) {
    let dir = tempfile::tempdir().expect("temp");
    let page = html::report(c, RuleSet::EMPTY);
    let file = format!("{name}.html");
    std::fs::write(dir.path().join(&file), &page).expect("write html");
    let (verdict, dom) = measure(dir.path(), &format!("{name}-measured.html"), &page, false);
    assert!(verdict.starts_with("INSIDE "), "{name}: {verdict}");
    assert!(verdict.ends_with("SCRIPTS 0"), "{name}: {verdict}");
    assert_measured_all(c, name, &verdict);
    assert_items_in_dom(c, &dom);
    if print {
        // A phone's width, then one landscape page on paper.
        assert_renders(dir.path(), &file, &["--window-size=390,844"]);
        let pdf = dir.path().join(format!("{name}.pdf"));
        let out = browse(
            &dir.path().join(&file),
            &[
                format!("--print-to-pdf={}", pdf.display()).as_str(),
                "--no-pdf-header-footer",
            ],
        );
        let bytes = std::fs::read(&pdf)
            .unwrap_or_else(|e| panic!("no PDF ({e}): {}", String::from_utf8_lossy(&out.stderr)));
        let text = String::from_utf8_lossy(&bytes);
        let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
        assert_eq!(pages, 1, "{name} prints on one page");
    }
}

#[test]
fn the_examples_render_in_a_browser_with_every_line_inside_its_section() {
    for (name, example) in [("invoicing", Example::Invoicing), ("meals", Example::Meals)] {
        let c = example.canvas().expect("example");
        check_svg(&c, name, true);
        check_report(&c, name, true);
    }
}

#[test]
fn sixty_items_render_in_a_browser_with_every_line_inside_its_section() {
    let c = vpcanvas::synth::synthetic(60, 7);
    check_svg(&c, "sixty", true);
    check_report(&c, "sixty", true);
}

#[test]
fn evidence_markers_and_cards_stay_inside_in_a_browser() {
    let c = evidence();
    check_svg(&c, "evidence", false);
    check_report(&c, "evidence", true);
}

/// The invoicing example with 24 more pain relievers, each linked (so the
/// fit has nothing more to list) and each with its own vague claim: more
/// advice than the page has room for below the picture (all of it printed,
/// the report would take two pages).
fn talkative() -> Canvas {
    use vpcanvas::canvas::Section;
    let mut c = Example::Invoicing.canvas().expect("example");
    let pain = c.items(Section::Pains)[0].id;
    for word in [
        "Seamless",
        "Innovative",
        "Powerful",
        "Intuitive",
        "Robust",
        "Modern",
        "Smart",
        "Effortless",
        "Streamlined",
        "Convenient",
        "Enhanced",
        "Efficient",
        "Revolutionary",
        "Hassle-free",
        "Optimised",
        "Boosted",
        "Maximised",
        "Leading",
        "Simple",
        "Quick",
        "Faster",
        "Easier",
        "Better",
        "Best",
    ] {
        let id = c.push(
            Section::Relievers,
            format!("{word} reminders and follow-ups for every client who pays late"),
        );
        c.toggle_link(id, pain);
    }
    c
}

#[test]
fn a_canvas_with_more_advice_than_the_page_holds_still_prints_on_one_page() {
    let c = talkative();
    let hints = vpcanvas::coach::hints(&c, RuleSet::EMPTY);
    assert!(hints.len() > 35, "{}", hints.len());
    let page = html::report(&c, RuleSet::EMPTY);
    assert!(
        page.contains("not on paper"),
        "a note says some advice is left off paper"
    );
    check_report(&c, "talkative", true);
}

/// The invoicing example with twelve more pain relievers written out at
/// length and linked to nothing: a long list in the fit beside the picture.
fn unlinked() -> Canvas {
    use vpcanvas::canvas::Section;
    let mut c = Example::Invoicing.canvas().expect("example");
    for n in [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ] {
        c.push(
            Section::Relievers,
            format!(
                "Reminder plan {n}: a polite note three days before the due date and a call after"
            ),
        );
    }
    c
}

#[test]
fn a_long_list_of_relievers_that_relieve_nothing_still_prints_on_one_page() {
    let c = unlinked();
    assert!(vpcanvas::fit::analyze(&c).relievers_without_pains.len() >= 12);
    check_report(&c, "unlinked", true);
}

#[test]
fn hostile_text_runs_no_script_in_a_browser() {
    let c = hostile();
    check_svg(&c, "hostile", false);
    check_report(&c, "hostile", false);
}

/// A first draft at workshop size: 120 items, most of them not linked yet
/// (long fit lists beside the picture), eight saved statements and eight
/// test cards. On screen the report shows it all; on paper it keeps to one
/// page, the rest summed up in a line that says where to see it.
fn crowded() -> Canvas {
    use vpcanvas::canvas::{Section, Statement, TestCard};
    let mut c = vpcanvas::synth::synthetic(120, 11);
    // Half the relievers and creators not linked yet.
    for section in [Section::Relievers, Section::Creators] {
        let items: Vec<_> = c.items(section).iter().step_by(2).cloned().collect();
        for item in items {
            for to in &item.links {
                c.set_link(item.id, *to, false);
            }
        }
    }
    for n in 1..=8u32 {
        let id = c.issue_id();
        c.statements.push(Statement {
            id,
            name: format!("Variant {n}"),
            text: format!(
                "Our app helps freelance designers who invoice monthly to get paid on time, variant {n}, by sending reminders for them"
            ),
        });
        let id = c.issue_id();
        c.tests.push(TestCard {
            id,
            name: format!("Test {n}"),
            believe: "designers will pay for reminders".to_owned(),
            verify: "show a landing page to 50 designers".to_owned(),
            measure: "sign-ups".to_owned(),
            right_if: "at least 5 sign up".to_owned(),
            ..TestCard::default()
        });
    }
    c
}

#[test]
fn a_crowded_first_draft_still_prints_on_one_page() {
    let c = crowded();
    let report = vpcanvas::fit::analyze(&c);
    let listed = report.pains_without_relievers.len()
        + report.gains_without_creators.len()
        + report.relievers_without_pains.len()
        + report.creators_without_gains.len();
    assert!(listed > 20, "{listed}");
    let page = html::report(&c, RuleSet::EMPTY);
    assert!(
        page.contains("Variant 8") && page.contains("Test 8"),
        "all on screen"
    );
    check_report(&c, "crowded", true);
}

/// The value curve (SPEC §12) as a slide and in the report: every text in
/// its box, no script, hostile names kept as text.
#[test]
fn the_value_curve_renders_in_a_browser_with_every_text_in_its_box() {
    let c = super::curve::scored();
    let dir = tempfile::tempdir().expect("temp");
    let page = svg::curve_svg(&c);
    std::fs::write(dir.path().join("curve.svg"), &page).expect("write svg");
    let (verdict, dom) = measure(dir.path(), "curve-measured.svg", &page, true);
    assert!(verdict.starts_with("INSIDE "), "{verdict}");
    assert!(verdict.ends_with("SCRIPTS 0"), "{verdict}");
    let n: usize = verdict
        .split(' ')
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    // Title, verdict, the 3 score labels, the 4 factors and the 4 offers.
    assert!(n >= 15, "{verdict}");
    assert_items_in_dom(&c, &dom);
    assert_renders(dir.path(), "curve.svg", &["--window-size=1920,1080"]);
    check_report(&c, "curve-report", true);
    let mut h = hostile();
    let pain = h.items(vpcanvas::canvas::Section::Pains)[0].id;
    let name = h.alternatives[0].clone();
    h.set_score(pain, None, Some(4));
    h.set_score(pain, Some(&name), Some(8));
    let page = svg::curve_svg(&h);
    let (verdict, _) = measure(dir.path(), "hostile-curve.svg", &page, true);
    assert!(
        verdict.starts_with("INSIDE ") && verdict.ends_with("SCRIPTS 0"),
        "{verdict}"
    );
}

/// `vpcanvas report` of eight segments: every title in the browser's DOM, no
/// script, and one landscape page when printed.
#[test]
fn eight_segments_side_by_side_print_on_one_page() {
    let s = super::cli::Sandbox::new();
    std::fs::create_dir_all(s.data()).expect("data dir");
    let base = std::fs::read_to_string(format!(
        "{}/assets/examples/invoicing.ron",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("example");
    let long = "a segment whose name runs on and on to see that a long name wraps in its column";
    for n in 1..=8 {
        let text = base
            .replace("Invoicing for freelancers", &format!("Segment {n} canvas"))
            .replace("freelance designers", &format!("{long} {n}"));
        std::fs::write(s.data().join(format!("seg{n}.ron")), text).expect("write");
    }
    let out = s.run(&["report"]);
    out.ok();
    let dir = tempfile::tempdir().expect("temp");
    let page = dir.path().join("segments.html");
    std::fs::write(&page, &out.stdout).expect("write page");
    let dom = String::from_utf8_lossy(&browse(&page, &["--dump-dom"]).stdout).into_owned();
    for n in 1..=8 {
        assert!(
            dom.contains(&format!("Segment {n} canvas")),
            "segment {n} in the DOM"
        );
    }
    assert!(!dom.contains("<script"), "no script");
    assert_renders(dir.path(), "segments.html", &["--window-size=390,844"]);
    let pdf = dir.path().join("segments.pdf");
    let printed = browse(
        &page,
        &[
            format!("--print-to-pdf={}", pdf.display()).as_str(),
            "--no-pdf-header-footer",
        ],
    );
    let bytes = std::fs::read(&pdf)
        .unwrap_or_else(|e| panic!("no PDF ({e}): {}", String::from_utf8_lossy(&printed.stderr)));
    let text = String::from_utf8_lossy(&bytes);
    let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
    assert_eq!(pages, 1, "eight segments print on one page");
}

//! The README against the program it describes: it lists every key the key
//! table has (the same rows `?` shows), and each section's level names.
//!
//! The key list is generated: after changing a key, run
//! `VPCANVAS_BLESS_README=1 cargo test --test it readme` to rewrite the part
//! of README.md between its `keys:start` and `keys:end` marks.

use std::path::PathBuf;

use vpcanvas::canvas::{Level, Section};
use vpcanvas::input::keymap::{Context, bindings};

const START: &str = "<!-- keys:start (generated from the key table: see tests/it/readme.rs) -->\n";
const END: &str = "<!-- keys:end -->\n";

fn readme_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md")
}

/// A key label as Markdown code (a label holding a backtick gets two).
fn code(label: &str) -> String {
    let label = label.replace('|', "\\|");
    if label.contains('`') {
        format!("`` {label} ``")
    } else {
        format!("`{label}`")
    }
}

/// Every screen's keys as the help words them, one table per screen.
fn generated() -> String {
    let mut out = String::from(START);
    out.push_str(
        "<details>\n<summary>Every key, screen by screen (what <code>?</code> lists)</summary>\n",
    );
    for context in Context::ALL {
        let rows: Vec<_> = bindings().iter().filter(|b| b.context == context).collect();
        if rows.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n**{}**\n\n| keys | does |\n|---|---|\n",
            context.title()
        ));
        for b in rows {
            let keys: Vec<String> = b.keys.iter().map(|k| code(&k.label())).collect();
            out.push_str(&format!(
                "| {} | {} |\n",
                keys.join(" / "),
                b.help.replace('|', "\\|")
            ));
        }
    }
    out.push_str("\n</details>\n");
    out.push_str(END);
    out
}

#[test]
fn the_readme_lists_every_key_of_the_key_table() {
    let path = readme_path();
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let (Some(start), Some(end)) = (readme.find(START), readme.find(END)) else {
        panic!(
            "README.md has no generated key list: put these two lines where it goes and bless it:\n{START}{END}"
        );
    };
    let now = &readme[start..end + END.len()];
    let want = generated();
    if now == want {
        return;
    }
    if std::env::var_os("VPCANVAS_BLESS_README").is_some() {
        let updated = format!("{}{want}{}", &readme[..start], &readme[end + END.len()..]);
        std::fs::write(&path, updated).expect("write README.md");
        return;
    }
    panic!(
        "README.md's key list is not the key table's: run \
         `VPCANVAS_BLESS_README=1 cargo test --test it readme` to regenerate it\n\
         --- README.md\n{now}\n+++ the key table\n{want}"
    );
}

/// The ranks a user can give, per section, as the editor names them.
#[test]
fn the_readme_names_each_sections_levels() {
    let readme = std::fs::read_to_string(readme_path()).expect("README.md");
    for section in Section::ALL.into_iter().filter(|s| s.has_level()) {
        let names: Vec<&str> = [Level::High, Level::Medium, Level::Low]
            .into_iter()
            .map(|l| section.level_name(l))
            .collect();
        let row = format!("| {} | {}", section.title(), names.join(", "));
        assert!(
            readme.lines().any(|l| l.starts_with(&row)),
            "README.md lacks the row {row:?}"
        );
    }
}

/// A room at the back cannot read a small font: the README says to enlarge it.
#[test]
fn the_readme_tells_a_facilitator_to_enlarge_the_font() {
    let readme = std::fs::read_to_string(readme_path()).expect("README.md");
    let workshops = readme
        .split("\n## ")
        .find(|s| s.starts_with("Workshops"))
        .expect("a Workshops section");
    assert!(
        workshops.contains("enlarge the terminal's font"),
        "{workshops}"
    );
}

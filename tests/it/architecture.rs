//! The shape of the code, checked: the domain knows no terminal, and the
//! top-level modules import each other in one direction only (Rust allows
//! module cycles; we do not). Read from the sources, so a new `use` that
//! breaks the shape fails here with the files that do it.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The modules that are the domain: pure Rust, no screen, no terminal.
const DOMAIN: [&str; 11] = [
    "canvas",
    "fit",
    "compare",
    "verdict",
    "statement",
    "coach",
    "export",
    "storage",
    "bmml",
    "diff",
    "merge",
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a source file belongs to (`src/app/update.rs` → `app`).
fn module_of(path: &Path) -> String {
    let rel = path.strip_prefix(src()).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_owned()
}

/// The code of a file without its comments (doc links are not imports).
fn code_of(path: &Path) -> String {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules named after `crate::` in `code`, including the
/// grouped form `crate::{a, b::c}`.
fn crate_refs(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Names at the group's top level, up to its closing brace.
            let mut depth = 0;
            let mut start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if c.is_whitespace() => {}
                    _ if start && depth == 0 => {
                        out.insert(ident(&group[i..]));
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            out.insert(ident(rest));
        }
    }
    out.retain(|m| !m.is_empty());
    out
}

/// Which top-level module uses which, with a file that shows each edge.
fn module_graph() -> BTreeMap<String, BTreeMap<String, PathBuf>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut graph: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    for file in files {
        let from = module_of(&file);
        if from == "lib" || from == "main" {
            continue;
        }
        let edges = graph.entry(from.clone()).or_default();
        for to in crate_refs(&code_of(&file)) {
            if to != from {
                edges.entry(to).or_insert_with(|| file.clone());
            }
        }
    }
    graph
}

#[test]
fn the_reference_scanner_sees_grouped_and_nested_paths() {
    let refs = crate_refs("use crate::{app::{App, Mode}, ui};\nlet x = crate::text::width(s);");
    assert_eq!(
        refs.into_iter().collect::<Vec<_>>(),
        ["app", "text", "ui"].map(String::from)
    );
}

#[test]
fn the_domain_imports_no_terminal_and_no_screen() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut offenders = Vec::new();
    for file in files {
        if !DOMAIN.contains(&module_of(&file).as_str()) {
            continue;
        }
        let code = code_of(&file);
        for word in ["ratatui", "crossterm"] {
            if code.contains(word) {
                offenders.push(format!("{} uses {word}", file.display()));
            }
        }
    }
    let graph = module_graph();
    for domain in DOMAIN {
        for (to, file) in graph.get(domain).into_iter().flatten() {
            let allowed = DOMAIN.contains(&to.as_str()) || to == "text";
            if !allowed {
                offenders.push(format!("{} (domain) uses crate::{to}", file.display()));
            }
        }
    }
    assert!(offenders.is_empty(), "{}", offenders.join("\n"));
}

/// Depth-first search; a module met again while still on the path closes a cycle.
fn visit(
    m: &str,
    graph: &BTreeMap<String, BTreeMap<String, PathBuf>>,
    path: &mut Vec<String>,
    done: &mut BTreeSet<String>,
    cycles: &mut Vec<String>,
) {
    if done.contains(m) {
        return;
    }
    if let Some(at) = path.iter().position(|p| p == m) {
        let mut cycle = path[at..].to_vec();
        cycle.push(m.to_owned());
        let shown: Vec<String> = cycle
            .windows(2)
            .map(|w| {
                let file = &graph[&w[0]][&w[1]];
                format!("{} → {} ({})", w[0], w[1], file.display())
            })
            .collect();
        cycles.push(shown.join(", "));
        return;
    }
    path.push(m.to_owned());
    for to in graph.get(m).into_iter().flat_map(BTreeMap::keys) {
        visit(to, graph, path, done, cycles);
    }
    path.pop();
    done.insert(m.to_owned());
}

#[test]
fn the_top_level_modules_form_no_cycle() {
    let graph = module_graph();
    let mut cycles = Vec::new();
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        visit(m, &graph, &mut Vec::new(), &mut done, &mut cycles);
    }
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

/// The longest a function in `src/` may be, counted from its `fn` line to
/// its closing brace: past that it does more than one thing, and is split
/// by responsibility into helpers that say what they do (#13).
const MAX_FN_LINES: usize = 80;

/// The functions allowed past [`MAX_FN_LINES`], as (file under `src/`,
/// name): data, not logic.
const LONG_FNS_ALLOWED: [(&str, &str); 1] = [
    // The default key table: one row per binding, read as a table.
    ("input/keymap/table.rs", "default_rows"),
];

/// The next line from `at` that is not an attribute or a comment.
fn item_line(lines: &[&str], at: usize) -> Option<usize> {
    (at..lines.len()).find(|&i| {
        let t = lines[i].trim_start();
        !t.starts_with("#[") && !t.starts_with("//")
    })
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// Where the block opened on line `open` closes: rustfmt puts its `}` at
/// the indentation of the line that starts the item.
fn block_end(lines: &[&str], open: usize, item_indent: usize) -> usize {
    if lines[open].trim_end().ends_with('}') {
        return open;
    }
    (open + 1..lines.len())
        .find(|&i| indent(lines[i]) == item_indent && lines[i].trim_start().starts_with('}'))
        .unwrap_or(lines.len() - 1)
}

/// The name of the function a line declares (`pub(crate) const fn name<T>(`).
fn fn_name(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    for prefix in [
        "pub(crate) ",
        "pub(super) ",
        "pub ",
        "const ",
        "async ",
        "unsafe ",
        "extern \"C\" ",
    ] {
        rest = rest.strip_prefix(prefix).unwrap_or(rest);
    }
    let name = rest.strip_prefix("fn ")?;
    let end = name
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(name.len());
    (end > 0).then(|| &name[..end])
}

/// The functions of `code` (test code left out: `#[cfg(test)]` items) with
/// their length in lines, from the `fn` line to the closing brace.
fn function_lengths(code: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() == "#[cfg(test)]" {
            // A test module or helper written inline: skip it whole.
            if let Some(item) = item_line(&lines, i + 1)
                && lines[item].trim_end().ends_with('{')
            {
                i = block_end(&lines, item, indent(lines[item])) + 1;
                continue;
            }
        }
        if let Some(name) = fn_name(lines[i]) {
            // The body opens on the first line ending in `{`; a `;` first
            // means a declaration without one (a trait's method).
            let open = (i..lines.len()).find(|&j| {
                let t = lines[j].trim_end();
                t.ends_with('{') || t.ends_with(';') || t.ends_with('}')
            });
            if let Some(open) = open.filter(|&j| !lines[j].trim_end().ends_with(';')) {
                let end = block_end(&lines, open, indent(lines[i]));
                out.push((name.to_owned(), end - i + 1));
            }
        }
        i += 1;
    }
    out
}

/// The files that are test code: declared `#[cfg(test)] mod NAME;`, and
/// the modules under them.
fn test_files(files: &[PathBuf]) -> BTreeSet<PathBuf> {
    let mut roots = Vec::new();
    for file in files {
        let text = fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if line.trim() != "#[cfg(test)]" {
                continue;
            }
            let Some(item) = item_line(&lines, i + 1) else {
                continue;
            };
            let declared = lines[item]
                .trim()
                .trim_start_matches("pub(crate) ")
                .trim_start_matches("pub ")
                .strip_prefix("mod ")
                .and_then(|rest| rest.strip_suffix(';'));
            if let Some(name) = declared {
                // `a/b.rs` declares `a/b/NAME.rs`; `a/mod.rs` declares `a/NAME.rs`.
                let stem = file.file_stem().unwrap().to_string_lossy();
                let dir = if ["mod", "lib", "main"].contains(&stem.as_ref()) {
                    file.parent().unwrap().to_path_buf()
                } else {
                    file.with_extension("")
                };
                roots.push(dir.join(format!("{name}.rs")));
                roots.push(dir.join(name));
            }
        }
    }
    files
        .iter()
        .filter(|f| roots.iter().any(|r| f.starts_with(r)))
        .cloned()
        .collect()
}

#[test]
fn the_function_scanner_measures_from_fn_to_its_closing_brace() {
    let code = "pub(crate) fn two() {\n}\n\nimpl X {\n    fn four(\n        a: u8,\n    ) -> u8 {\n        a\n    }\n}\ntrait T {\n    fn none(&self);\n    fn one(&self) {}\n}\n#[cfg(test)]\nmod tests {\n    fn skipped() {\n    }\n}\n";
    assert_eq!(
        function_lengths(code),
        [("two", 2), ("four", 5), ("one", 1)].map(|(n, l)| (n.to_owned(), l))
    );
}

#[test]
fn no_function_in_src_is_longer_than_80_lines() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    files.sort();
    let tests = test_files(&files);
    assert!(
        tests.contains(&src().join("app/tests.rs"))
            && tests.contains(&src().join("app/tests/edges.rs")),
        "the test files were not recognised: {tests:?}"
    );
    let mut long = Vec::new();
    let mut allowed_seen = Vec::new();
    for file in files.iter().filter(|f| !tests.contains(*f)) {
        let rel = file
            .strip_prefix(src())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for (name, lines) in function_lengths(&fs::read_to_string(file).unwrap()) {
            if lines <= MAX_FN_LINES {
                continue;
            }
            if LONG_FNS_ALLOWED.contains(&(rel.as_str(), name.as_str())) {
                allowed_seen.push((rel.clone(), name));
            } else {
                long.push(format!("src/{rel}: {name} is {lines} lines"));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions past {MAX_FN_LINES} lines (split each by responsibility):\n{}",
        long.join("\n")
    );
    // The allow-list stays as short as it can be.
    for (file, name) in LONG_FNS_ALLOWED {
        assert!(
            allowed_seen.iter().any(|(f, n)| f == file && n == name),
            "src/{file}: {name} is allowed to be long but is not (or is gone): take it off LONG_FNS_ALLOWED"
        );
    }
}

//! The shape of the code, checked: the domain knows no terminal, and the
//! top-level modules import each other in one direction only (Rust allows
//! module cycles; we do not). Read from the sources, so a new `use` that
//! breaks the shape fails here with the files that do it.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The modules that are the domain: pure Rust, no screen, no terminal.
const DOMAIN: [&str; 9] = [
    "canvas",
    "fit",
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

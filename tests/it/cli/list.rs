//! `list`: the canvases in the data folder, as a table or JSON, piped whole.

use std::fs;

use super::{DUPLICATE_ID, GAPS, MALFORMED, Sandbox};

// ---------------------------------------------------------------------------
// list

#[test]
fn list_on_an_empty_data_dir_says_how_to_start() {
    let sb = Sandbox::new();
    let run = sb.run(&["list"]);
    run.ok();
    assert!(run.stdout.contains("No canvases"), "{}", run.stdout);
    assert!(run.stdout.contains("vpcanvas new"), "{}", run.stdout);
}

/// The row of `list` output whose first column is `name`, split on whitespace.
fn list_row<'a>(stdout: &'a str, name: &str) -> &'a str {
    stdout
        .lines()
        .find(|l| l.split_whitespace().next() == Some(name))
        .unwrap_or_else(|| panic!("no row for {name}:\n{stdout}"))
}

#[test]
fn list_shows_name_title_item_and_flag_counts() {
    let sb = Sandbox::new();
    sb.run(&["new", "inv", "--example"]).ok();
    sb.run(&["new", "meals", "--example", "meals"]).ok();
    sb.run(&["new", "blank"]).ok();
    fs::write(sb.data().join("gaps.ron"), GAPS).expect("write");
    // Not canvases: other extensions, backups, hidden files, folders.
    fs::write(sb.data().join("notes.txt"), "hello").expect("write");
    fs::write(sb.data().join("gaps.ron.bak"), GAPS).expect("write");
    fs::write(sb.data().join(".hidden.ron"), GAPS).expect("write");
    fs::create_dir(sb.data().join("folder.ron")).expect("mkdir");

    let run = sb.run(&["list"]);
    run.ok();
    let out = &run.stdout;
    let header = out.lines().next().expect("header");
    for column in ["NAME", "TITLE", "ITEMS"] {
        assert!(header.contains(column), "{header}");
    }

    for column in ["SEGMENT", "PAINS!", "GAINS!", "CHANGED"] {
        assert!(header.contains(column), "{header}");
    }

    // name, title…, segment…, items, open pains, open gains, both coverages
    // (pains·gains, on paper and with evidence), changed ("just now").
    let tail = |row: &str| -> Vec<String> {
        let row = row
            .trim_end()
            .strip_suffix("just now")
            .expect("changed just now");
        let words: Vec<&str> = row.split_whitespace().collect();
        words[words.len() - 5..]
            .iter()
            .map(|s| (*s).to_owned())
            .collect()
    };
    let inv = list_row(out, "inv");
    assert!(inv.contains("Invoicing for freelancers"), "{inv}");
    assert_eq!(tail(inv), ["27", "2", "1", "64%·73%", "0%·0%"], "{inv}");
    let meals = list_row(out, "meals");
    assert!(meals.contains("Weeknight meal planning"), "{meals}");
    assert_eq!(tail(meals), ["27", "2", "1", "69%·91%", "0%·0%"], "{meals}");
    let gaps = list_row(out, "gaps");
    assert!(gaps.contains("Gap fixture"), "{gaps}");
    assert_eq!(tail(gaps)[..3], ["15", "4", "2"], "{gaps}");
    let blank = list_row(out, "blank");
    assert!(blank.contains("blank"), "{blank}");
    assert_eq!(tail(blank)[..3], ["0", "0", "0"], "{blank}");

    // Sorted by name, and nothing that is not a canvas.
    let names: Vec<&str> = out
        .lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(names, ["blank", "gaps", "inv", "meals"], "{out}");
    assert!(out.contains("4 canvases"), "{out}");
    assert!(!out.contains("notes"), "{out}");
    assert!(!out.contains("hidden"), "{out}");
}

#[test]
fn list_shows_an_unreadable_canvas_with_its_error_and_still_lists_the_others() {
    let sb = Sandbox::new();
    sb.run(&["new", "alpha", "--example"]).ok();
    sb.run(&["new", "zulu", "--example", "meals"]).ok();
    fs::write(sb.data().join("broken.ron"), MALFORMED).expect("write");
    fs::write(sb.data().join("dup.ron"), DUPLICATE_ID).expect("write");
    fs::write(sb.data().join("binary.ron"), [0x28, 0xff, 0xfe, 0x29]).expect("write");
    let before = fs::read(sb.data().join("broken.ron")).expect("read");

    let run = sb.run(&["list"]);
    run.ok();
    let out = &run.stdout;
    assert!(list_row(out, "alpha").contains("Invoicing for freelancers"));
    assert!(list_row(out, "zulu").contains("Weeknight meal planning"));
    let broken = list_row(out, "broken");
    assert!(broken.contains("cannot be read"), "{broken}");
    assert!(broken.contains("2:29"), "{broken}");
    let dup = list_row(out, "dup");
    assert!(dup.contains("cannot be read"), "{dup}");
    assert!(dup.contains("id 2"), "{dup}");
    let binary = list_row(out, "binary");
    assert!(binary.contains("UTF-8"), "{binary}");
    assert!(out.contains("5 canvases"), "{out}");
    assert_eq!(
        fs::read(sb.data().join("broken.ron")).expect("read"),
        before
    );
}

/// Issue #12: piped, `list` cuts nothing: long names, titles and segments
/// are printed whole (no `…`), their columns as wide as they need.
#[test]
fn list_piped_prints_titles_whole() {
    let sb = Sandbox::new();
    let title = "Weeknight meal planning for shift nurses – with kids";
    let segment = "Night-shift nurses in Helsinki who cook for a family of four";
    let mut canvas = vpcanvas::canvas::Canvas::new(title);
    canvas.segment = segment.to_owned();
    let name = "nurses-weeknight-meals-helsinki-2026";
    vpcanvas::storage::create(&sb.data().join(format!("{name}.ron")), &canvas).expect("create");
    sb.run(&["new", "inv", "--example"]).ok();
    let run = sb.run(&["list"]);
    run.ok();
    assert!(!run.stdout.contains('…'), "{}", run.stdout);
    let row = list_row(&run.stdout, name);
    assert!(row.contains(title), "{row}");
    assert!(row.contains(segment), "{row}");
    // Still columns: the item counts line up under ITEMS.
    let header = run.stdout.lines().next().expect("header");
    let at = header.find("ITEMS").expect("ITEMS");
    let inv = list_row(&run.stdout, "inv");
    assert_eq!(
        inv.get(at..at + 5).map(str::trim),
        Some("27"),
        "{}",
        run.stdout
    );
}

/// Issue #12: `list --format json` is an array with one object per canvas.
#[test]
fn list_as_json_gives_one_object_per_canvas() {
    let sb = Sandbox::new();
    sb.run(&["new", "inv", "--example"]).ok();
    fs::write(sb.data().join("broken.ron"), MALFORMED).expect("write");
    let run = sb.run(&["list", "--format", "json"]);
    run.ok();
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let all = v.as_array().expect("an array");
    assert_eq!(all.len(), 2, "{v}");
    let broken = &all[0];
    assert_eq!(broken["name"], "broken");
    assert!(
        broken["error"].as_str().expect("error").contains("2:29"),
        "{broken}"
    );
    let inv = &all[1];
    assert_eq!(inv["name"], "inv");
    assert_eq!(inv["title"], "Invoicing for freelancers");
    assert_eq!(inv["items"], 27);
    assert_eq!(inv["open_pains"], 2);
    assert_eq!(inv["open_gains"], 1);
    // Both coverages, the same numbers `check --format json` gives.
    let check = sb.run(&["check", "--format", "json", "inv"]);
    let check = &check.json_lines()[0];
    assert_eq!(inv["coverage"], check["coverage"]);
    assert_eq!(inv["coverage_evidenced"], check["coverage_evidenced"]);
    assert!(inv["coverage"]["pains"].as_f64().is_some_and(|p| p > 0.6));
    assert!(inv["error"].is_null());
    let path = inv["path"].as_str().expect("path");
    assert_eq!(std::path::Path::new(path), sb.data().join("inv.ron"));
    let modified = inv["modified"].as_str().expect("modified");
    // RFC 3339 in UTC: 2026-12-01T11:20:03Z
    assert_eq!(modified.len(), 20, "{modified}");
    assert!(
        modified.ends_with('Z') && modified.as_bytes()[10] == b'T',
        "{modified}"
    );
    // An empty folder is an empty array, not the how-to-start text.
    let empty = Sandbox::new();
    let run = empty.run(&["list", "--format", "json"]);
    run.ok();
    assert_eq!(run.stdout.trim(), "[]");
}

//! Files that fail to load are never modified; unusual but valid (or
//! clearly invalid) input; canvas names where a file is expected.

use std::fs;

use super::{DUPLICATE_ID, FITTED, GAPS, MALFORMED, Sandbox, invoicing_example};

// ---------------------------------------------------------------------------
// Files that fail to load are never modified

#[test]
fn a_file_that_fails_to_load_is_never_modified() {
    let sb = Sandbox::new();
    let cases: [(&str, &[u8]); 4] = [
        ("bad.ron", MALFORMED.as_bytes()),
        ("dup.ron", DUPLICATE_ID.as_bytes()),
        ("truncated.ron", &GAPS.as_bytes()[..GAPS.len() / 2]),
        ("latin1.ron", b"(version: 1, title: \"caf\xe9\")\n"),
    ];
    for (name, bytes) in cases {
        let path = sb.path().join(name);
        fs::write(&path, bytes).expect("write");
        for args in [
            &["check", name][..],
            &["check", "--strict", "--format", "json", name],
            &["export", name, "--format", "json"],
            &["export", name, "--format", "md"],
            &["export", name, "--format", "txt"],
            &["statement", name],
            &["show", name, "--width", "80", "--height", "24"],
            &[name], // the editor: no terminal here, and never a write
        ] {
            let run = sb.run(args);
            assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
            assert!(run.stderr.contains(name), "{args:?}: {}", run.stderr);
            assert_eq!(
                fs::read(&path).expect("read"),
                bytes,
                "{args:?} changed {name}"
            );
        }
    }
    let mut expected: Vec<&str> = cases.iter().map(|(n, _)| *n).collect();
    expected.push("home");
    expected.sort_unstable();
    assert_eq!(Sandbox::ls(sb.path()), expected, "no new files, no backups");
}

#[test]
fn the_editor_without_a_terminal_exits_with_one_clear_line_and_writes_nothing() {
    let sb = Sandbox::new();
    let path = sb.write("inv.ron", invoicing_example());
    let run = sb.run(&["inv.ron"]);
    assert_ne!(run.code, Some(0));
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("terminal"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(path).expect("read"), invoicing_example());

    // A new file is not created just by trying to open it.
    let run = sb.run(&["fresh.ron"]);
    assert_ne!(run.code, Some(0));
    assert!(!sb.path().join("fresh.ron").exists());
}

// ---------------------------------------------------------------------------
// Unusual but valid or clearly invalid input

#[test]
fn a_byte_order_mark_is_accepted() {
    let sb = Sandbox::new();
    sb.write("bom.ron", &format!("\u{feff}{FITTED}"));
    let run = sb.run(&["check", "--strict", "bom.ron"]);
    run.ok();
    assert!(run.stdout.contains("Fitted fixture"), "{}", run.stdout);
}

#[test]
fn a_file_over_16_mib_is_refused_with_its_path() {
    let sb = Sandbox::new();
    let path = sb.path().join("huge.ron");
    let file = fs::File::create(&path).expect("create");
    file.set_len(17 * 1024 * 1024).expect("sparse file");
    drop(file);
    let run = sb.run(&["check", "huge.ron"]);
    run.code(2);
    assert!(run.stderr.contains("huge.ron"), "{}", run.stderr);
    assert!(run.stderr.contains("16 MiB"), "{}", run.stderr);
    assert_eq!(fs::metadata(&path).expect("meta").len(), 17 * 1024 * 1024);
}

#[test]
fn a_file_from_a_newer_version_with_unknown_fields_is_read_but_never_written() {
    let sb = Sandbox::new();
    let text = FITTED.replace("version: 1,", "version: 9,").replace(
        "segment: \"testers\",",
        "segment: \"testers\",\n    mood: \"sunny\",",
    );
    sb.write("future.ron", &text);
    // What this version knows is shown; the unknown field is skipped.
    let run = sb.run(&["check", "future.ron"]);
    run.ok();
    assert!(run.stdout.contains("Summary:"), "{}", run.stdout);
    sb.run(&["export", "future.ron", "--format", "md"]).ok();
    // A field this version cannot represent at all is refused clearly.
    let broken = text.replace("Extreme", "Catastrophic");
    sb.write("broken-future.ron", &broken);
    let run = sb.run(&["check", "broken-future.ron"]);
    run.code(2);
    assert!(run.stderr.contains("broken-future.ron"), "{}", run.stderr);
    assert!(run.stderr.contains("newer"), "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(sb.path().join("future.ron")).expect("read"),
        text
    );
}

#[test]
fn load_errors_separate_the_path_from_the_message() {
    let sb = Sandbox::new();
    sb.write("dup.ron", DUPLICATE_ID);
    let run = sb.run(&["check", "dup.ron"]);
    run.code(2);
    assert!(run.stderr.contains("dup.ron:6:18: id 2"), "{}", run.stderr);
}

/// Issue #12 / SPEC §4: the name `new` and `list` print works as FILE in
/// every headless command; an unknown one says where it looked.
#[test]
fn headless_commands_take_canvas_names() {
    let sb = Sandbox::new();
    let made = sb.run(&["new", "nurse-meals", "--example", "meals"]);
    assert_eq!(made.code, Some(0), "{}", made.stderr);
    for args in [
        &["check", "nurse-meals"][..],
        &["export", "nurse-meals", "--format", "txt"],
        &["statement", "nurse-meals"],
        &[
            "show",
            "nurse-meals.ron",
            "--width",
            "100",
            "--height",
            "30",
        ],
    ] {
        let r = sb.run(args);
        assert!(
            r.code == Some(0) || r.code == Some(1),
            "{args:?}: {}",
            r.stderr
        );
        assert!(!r.stdout.is_empty(), "{args:?} printed nothing");
    }
    let r = sb.run(&["check", "nowhere"]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("nowhere or nowhere.ron"), "{}", r.stderr);
    assert!(
        r.stderr.contains(&sb.data().display().to_string()),
        "{}",
        r.stderr
    );
    // A file in the working directory wins over the name in the data folder.
    sb.write("nurse-meals", "(title: \"Here\")");
    let r = sb.run(&["export", "nurse-meals", "--format", "txt"]);
    assert!(r.stdout.contains("Here"), "{}", r.stdout);
}

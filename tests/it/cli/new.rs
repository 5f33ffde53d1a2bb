//! `--help`, `--version`, `new`, and which data folder the commands use.

use std::fs;

use super::{Run, Sandbox, invoicing_example};

// ---------------------------------------------------------------------------
// --help, --version

#[test]
fn help_credits_osterwalder_and_strategyzer_and_says_not_affiliated() {
    let sb = Sandbox::new();
    let run = sb.run(&["--help"]);
    run.ok();
    assert!(run.stdout.contains("Osterwalder"), "{}", run.stdout);
    assert!(run.stdout.contains("Strategyzer"), "{}", run.stdout);
    assert!(run.stdout.contains("not affiliated"), "{}", run.stdout);
    for command in ["new", "list", "check", "export", "statement", "show"] {
        assert!(
            run.stdout
                .lines()
                .any(|l| l.trim_start().starts_with(command)),
            "--help does not list `{command}`:\n{}",
            run.stdout
        );
    }
}

#[test]
fn version_prints_name_and_package_version() {
    let sb = Sandbox::new();
    let run = sb.run(&["--version"]);
    run.ok();
    assert_eq!(
        run.stdout.trim(),
        format!("vpcanvas {}", env!("CARGO_PKG_VERSION"))
    );
}

// ---------------------------------------------------------------------------
// new

#[test]
fn new_prints_the_path_and_creates_a_canvas_that_loads() {
    let sb = Sandbox::new();
    let run = sb.run(&["new", "My idea"]);
    run.ok();
    let path = sb.data().join("My idea.ron");
    assert_eq!(run.stdout.trim_end(), path.display().to_string());
    assert!(path.is_file());
    assert_eq!(Sandbox::ls(&sb.data()), ["My idea.ron"]);

    // It loads (through the library and through the binary) and is empty but titled.
    let text = fs::read_to_string(&path).expect("read new canvas");
    let parsed = vpcanvas::canvas::file::parse(&text).expect("new canvas parses");
    assert_eq!(parsed.canvas.title, "My idea");
    assert_eq!(parsed.canvas.item_count(), 0);
    assert_eq!(vpcanvas::canvas::file::to_ron(&parsed.canvas), text);
    let check = sb.run(&["check", path.to_str().expect("utf-8 path")]);
    check.ok();
}

#[test]
fn new_accepts_a_name_with_the_ron_extension() {
    let sb = Sandbox::new();
    sb.run(&["new", "plan.ron"]).ok();
    assert_eq!(Sandbox::ls(&sb.data()), ["plan.ron"]);
}

#[test]
fn new_with_example_starts_from_the_invoicing_example() {
    let sb = Sandbox::new();
    let run = sb.run(&["new", "inv", "--example"]);
    run.ok();
    let path = sb.data().join("inv.ron");
    assert_eq!(run.stdout.trim_end(), path.display().to_string());
    let text = fs::read_to_string(&path).expect("read");
    assert_eq!(text, invoicing_example());
    assert!(text.contains("Chasing late payers with polite reminders"));
}

#[test]
fn new_with_example_meals_starts_from_the_meals_example() {
    let sb = Sandbox::new();
    sb.run(&["new", "dinner", "--example", "meals"]).ok();
    let text = fs::read_to_string(sb.data().join("dinner.ron")).expect("read");
    assert_eq!(text, include_str!("../../../assets/examples/meals.ron"));
    assert!(text.contains("Weeknight meal planning"));
    assert!(text.contains("Planning the whole week in ten minutes"));
}

#[test]
fn new_with_an_unknown_example_fails_and_writes_nothing() {
    let sb = Sandbox::new();
    let run = sb.run(&["new", "x", "--example", "rockets"]);
    run.code(2);
    assert!(run.stderr.contains("rockets"), "{}", run.stderr);
    assert!(run.stderr.contains("invoicing"), "{}", run.stderr);
    assert!(!sb.data().join("x.ron").exists());
}

#[test]
fn new_on_an_existing_name_fails_with_2_and_leaves_the_file_untouched() {
    let sb = Sandbox::new();
    sb.run(&["new", "mine", "--example"]).ok();
    let path = sb.data().join("mine.ron");
    // The user has edited it since.
    let edited = invoicing_example().replace("Paylane", "Billbird");
    fs::write(&path, &edited).expect("edit");

    for args in [
        &["new", "mine"][..],
        &["new", "mine", "--example", "meals"],
        &["new", "mine.ron"],
    ] {
        let run = sb.run(args);
        run.code(2);
        assert!(run.stderr.contains("already exists"), "{}", run.stderr);
        assert!(run.stderr.contains("mine.ron"), "{}", run.stderr);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
        assert_eq!(fs::read_to_string(&path).expect("read"), edited);
    }
    assert_eq!(Sandbox::ls(&sb.data()), ["mine.ron"]);
}

#[test]
fn new_rejects_bad_names_clearly_and_writes_nothing() {
    let sb = Sandbox::new();
    for (name, why) in [
        ("a/b", "cannot contain /"),
        ("a\\b", "cannot contain /"),
        ("", "empty"),
        ("   ", "empty"),
        ("..", "cannot contain /"),
        (".hidden", "dot"),
    ] {
        let run = sb.run(&["new", name]);
        run.code(2);
        assert!(
            run.stderr.contains("not a usable canvas name"),
            "{name:?}: {}",
            run.stderr
        );
        assert!(run.stderr.contains(why), "{name:?}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{name:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
        assert!(Sandbox::ls(&sb.data()).is_empty(), "{name:?}");
    }
    assert!(!sb.path().join("a").exists());
}

// ---------------------------------------------------------------------------
// The data directory

#[test]
fn data_dir_flag_after_the_subcommand_is_used() {
    let sb = Sandbox::new();
    let dir = sb.path().join("elsewhere");
    let run = Run::from(
        sb.bare_cmd()
            .args(["new", "x", "--data-dir"])
            .arg(&dir)
            .output()
            .expect("run"),
    );
    run.ok();
    assert!(dir.join("x.ron").is_file());
    assert!(!sb.data().exists());
}

#[test]
fn data_dir_flag_before_the_subcommand_is_used() {
    let sb = Sandbox::new();
    let dir = sb.path().join("elsewhere");
    let run = Run::from(
        sb.bare_cmd()
            .arg("--data-dir")
            .arg(&dir)
            .args(["new", "x"])
            .output()
            .expect("run"),
    );
    run.ok();
    assert!(dir.join("x.ron").is_file());
}

#[test]
fn data_dir_flag_overrides_the_environment() {
    let sb = Sandbox::new();
    let dir = sb.path().join("flagged");
    let run = Run::from(
        sb.cmd()
            .args(["new", "x", "--data-dir"])
            .arg(&dir)
            .output()
            .expect("run"),
    );
    run.ok();
    assert!(dir.join("x.ron").is_file());
    assert!(!sb.data().join("x.ron").exists());
}

#[cfg(target_os = "linux")]
#[test]
fn without_flag_or_env_the_platform_data_dir_is_used() {
    let sb = Sandbox::new();
    let run = Run::from(sb.bare_cmd().args(["new", "x"]).output().expect("run"));
    run.ok();
    let expected = sb.xdg_data_home().join("vpcanvas").join("x.ron");
    assert!(expected.is_file(), "{}", run.stdout);
    assert_eq!(run.stdout.trim_end(), expected.display().to_string());
}

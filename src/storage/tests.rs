#![allow(clippy::unwrap_used)]

use std::ffi::OsString;
use std::process::Command;

use tempfile::TempDir;

use super::*;
use crate::canvas::Section;

fn sample() -> Canvas {
    let mut c = Canvas::new("Invoicing — 請求書 😀");
    c.segment = "Freelance \"designers\"\nand\tothers\\".into();
    c.alternatives = vec!["Spreadsheets".into()];
    let job = c.push(Section::Jobs, "Get paid on time");
    let pain = c.push(Section::Pains, "Late payments");
    let product = c.push(Section::Products, "App");
    let reliever = c.push(Section::Relievers, "Reminders");
    c.set_link(product, job, true);
    c.set_link(reliever, pain, true);
    c
}

fn edited(mut c: Canvas) -> Canvas {
    c.push(Section::Gains, "Predictable cash flow");
    c
}

// ---------------------------------------------------------------------------
// The data directory

#[test]
fn the_flag_wins_and_is_created() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("nested").join("data");
    assert!(!dir.exists());
    let got = data_dir(Some(&dir)).unwrap();
    assert_eq!(got, dir);
    assert!(dir.is_dir());
    // An existing directory is fine too.
    assert_eq!(data_dir(Some(&dir)).unwrap(), dir);
}

#[test]
fn a_flag_that_is_a_file_is_an_error_naming_it() {
    let tmp = TempDir::new().unwrap();
    let file = tmp.path().join("not-a-dir");
    fs::write(&file, "x").unwrap();
    let e = data_dir(Some(&file)).unwrap_err().to_string();
    assert!(e.starts_with(&file.display().to_string()), "{e}");
}

/// Set by the parent test in the child's environment only.
const CHILD_MARKER: &str = "VPCANVAS_STORAGE_TEST_CHILD";

/// Runs [`data_dir_in_a_child_process`] in a fresh copy of this test binary
/// with the given environment. Environment variables are process-wide and
/// `set_var` needs `unsafe`, so the env branch is tested in a child process
/// instead of by mutating this one.
fn run_child(envs: &[(&str, OsString)], remove: &[&str]) -> String {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "--exact",
        "storage::tests::data_dir_in_a_child_process",
        "--nocapture",
        "--test-threads=1",
    ])
    .env(CHILD_MARKER, "1");
    for key in remove {
        cmd.env_remove(key);
    }
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "child failed:\n{stdout}\n{stderr}");
    assert!(
        stdout.contains("1 passed"),
        "the child test did not run:\n{stdout}"
    );
    stdout
}

#[test]
fn data_dir_in_a_child_process() {
    // Does nothing unless started by `run_child`.
    if std::env::var_os(CHILD_MARKER).is_none() {
        return;
    }
    let expected = PathBuf::from(std::env::var_os("VPCANVAS_TEST_EXPECT").unwrap());
    let flag = std::env::var_os("VPCANVAS_TEST_FLAG").map(PathBuf::from);
    let got = data_dir(flag.as_deref()).unwrap();
    assert_eq!(got, expected);
    assert!(got.is_dir());
}

#[test]
fn the_environment_variable_is_used_without_a_flag() {
    let tmp = TempDir::new().unwrap();
    let env_dir = tmp.path().join("from-env");
    run_child(
        &[
            (DATA_DIR_ENV, env_dir.clone().into()),
            ("VPCANVAS_TEST_EXPECT", env_dir.clone().into()),
            // Keep the platform fallback inside the temp dir all the same.
            ("HOME", tmp.path().join("home").into()),
            ("XDG_DATA_HOME", tmp.path().join("xdg").into()),
        ],
        &["VPCANVAS_TEST_FLAG"],
    );
    assert!(env_dir.is_dir(), "the child created the env dir");
    assert!(!tmp.path().join("xdg").exists());
}

#[test]
fn the_flag_beats_the_environment_variable() {
    let tmp = TempDir::new().unwrap();
    let env_dir = tmp.path().join("from-env");
    let flag_dir = tmp.path().join("from-flag");
    run_child(
        &[
            (DATA_DIR_ENV, env_dir.clone().into()),
            ("VPCANVAS_TEST_FLAG", flag_dir.clone().into()),
            ("VPCANVAS_TEST_EXPECT", flag_dir.clone().into()),
            ("HOME", tmp.path().join("home").into()),
            ("XDG_DATA_HOME", tmp.path().join("xdg").into()),
        ],
        &[],
    );
    assert!(flag_dir.is_dir());
    assert!(!env_dir.exists(), "the env dir is not even created");
}

#[cfg(target_os = "linux")]
#[test]
fn without_flag_or_variable_the_platform_data_dir_is_used() {
    let tmp = TempDir::new().unwrap();
    let xdg = tmp.path().join("xdg");
    let expected = xdg.join("vpcanvas");
    run_child(
        &[
            // An empty variable counts as unset.
            (DATA_DIR_ENV, OsString::new()),
            ("VPCANVAS_TEST_EXPECT", expected.clone().into()),
            ("HOME", tmp.path().join("home").into()),
            ("XDG_DATA_HOME", xdg.into()),
        ],
        &["VPCANVAS_TEST_FLAG"],
    );
    assert!(expected.is_dir());
}

// ---------------------------------------------------------------------------
// Names

#[test]
fn canvas_path_puts_names_in_the_data_dir() {
    let dir = Path::new("/data");
    assert_eq!(
        canvas_path(dir, "My canvas").unwrap(),
        Path::new("/data/My canvas.ron")
    );
    assert_eq!(
        canvas_path(dir, "  pitch.ron  ").unwrap(),
        Path::new("/data/pitch.ron")
    );
    assert_eq!(
        canvas_path(dir, "請求書").unwrap(),
        Path::new("/data/請求書.ron")
    );
}

#[test]
fn canvas_path_rejects_bad_names() {
    let dir = Path::new("/data");
    for (name, why) in [
        ("", "empty"),
        ("   ", "empty"),
        (".ron", "empty"),
        ("a/b", "cannot contain /"),
        ("../escape", "cannot contain /"),
        ("a\\b", "cannot contain /"),
        (".", "cannot contain /"),
        ("..", "cannot contain /"),
        (".hidden", "dot"),
        ("tab\there", "control characters"),
        ("bell\u{7}", "control characters"),
    ] {
        let e = canvas_path(dir, name).unwrap_err();
        assert!(matches!(e, StorageError::BadName { .. }), "{name:?}: {e:?}");
        let msg = e.to_string();
        assert!(msg.contains("is not a usable canvas name"), "{msg}");
        assert!(msg.contains(why), "{name:?}: {msg}");
    }
}

// ---------------------------------------------------------------------------
// Save and load

#[test]
fn save_then_load_round_trips() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("c.ron");
    let c = sample();
    save(&path, &c, SaveOptions::default()).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), file::to_ron(&c));
    let loaded = load(&path).unwrap();
    assert_eq!(loaded.canvas, c);
    assert_eq!(loaded.version, 1);
    assert!(!loaded.read_only());
}

#[test]
fn saving_twice_gives_the_same_bytes() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("c.ron");
    save(&path, &sample(), SaveOptions::default()).unwrap();
    let first = fs::read(&path).unwrap();
    let again = load(&path).unwrap().canvas;
    save(&path, &again, SaveOptions::default()).unwrap();
    assert_eq!(fs::read(&path).unwrap(), first);
}

#[test]
fn a_save_leaves_no_temporary_files_behind() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("c.ron");
    save(
        &path,
        &sample(),
        SaveOptions {
            backup: true,
            ..Default::default()
        },
    )
    .unwrap();
    save(
        &path,
        &edited(sample()),
        SaveOptions {
            backup: true,
            ..Default::default()
        },
    )
    .unwrap();
    let mut names: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["c.ron", "c.ron.bak"]);
}

#[test]
fn a_save_creates_missing_parent_folders() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("a").join("b").join("c.ron");
    save(&path, &sample(), SaveOptions::default()).unwrap();
    assert_eq!(load(&path).unwrap().canvas, sample());
}

#[test]
fn backup_path_appends_bak() {
    assert_eq!(
        backup_path(Path::new("/d/pitch.ron")),
        Path::new("/d/pitch.ron.bak")
    );
}

#[test]
fn no_backup_when_the_file_did_not_exist() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("new.ron");
    save(
        &path,
        &sample(),
        SaveOptions {
            backup: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(path.is_file());
    assert!(!backup_path(&path).exists());
}

#[test]
fn a_save_with_backup_keeps_the_previous_bytes() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("c.ron");
    // The previous file is kept as it was on disk, not as we would write it.
    let previous = b"// hand-edited\n(title: \"old\")\n".to_vec();
    fs::write(&path, &previous).unwrap();
    save(
        &path,
        &sample(),
        SaveOptions {
            backup: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(fs::read(backup_path(&path)).unwrap(), previous);
    assert_eq!(load(&path).unwrap().canvas, sample());

    // The next save backs up the version just written.
    let written = fs::read(&path).unwrap();
    save(
        &path,
        &edited(sample()),
        SaveOptions {
            backup: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(fs::read(backup_path(&path)).unwrap(), written);
    assert_eq!(load(&path).unwrap().canvas, edited(sample()));
}

#[test]
fn an_unchanged_save_keeps_the_older_backup() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("c.ron");
    save(&path, &sample(), SaveOptions::default()).unwrap();
    let first = fs::read(&path).unwrap();
    save(
        &path,
        &edited(sample()),
        SaveOptions {
            backup: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(fs::read(backup_path(&path)).unwrap(), first);
    // Saving the same canvas again must not overwrite the backup with a copy
    // of the current file.
    save(
        &path,
        &edited(sample()),
        SaveOptions {
            backup: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(fs::read(backup_path(&path)).unwrap(), first);
}

#[test]
fn a_save_without_backup_writes_no_bak() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("c.ron");
    save(&path, &sample(), SaveOptions::default()).unwrap();
    save(
        &path,
        &edited(sample()),
        SaveOptions {
            backup: false,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(!backup_path(&path).exists());
    assert_eq!(load(&path).unwrap().canvas, edited(sample()));
}

#[cfg(unix)]
#[test]
fn a_symlinked_canvas_is_written_through_and_stays_a_link() {
    let tmp = TempDir::new().unwrap();
    let real_dir = tmp.path().join("repo");
    fs::create_dir(&real_dir).unwrap();
    let real = real_dir.join("pitch.ron");
    save(&real, &sample(), SaveOptions::default()).unwrap();
    let link = tmp.path().join("link.ron");
    std::os::unix::fs::symlink(&real, &link).unwrap();

    save(
        &link,
        &edited(sample()),
        SaveOptions {
            backup: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_link(&link).unwrap(), real);
    assert_eq!(load(&real).unwrap().canvas, edited(sample()));
    assert_eq!(load(&link).unwrap().canvas, edited(sample()));
    // The backup sits beside the real file.
    assert_eq!(load(&backup_path(&real)).unwrap().canvas, sample());
    assert!(!backup_path(&link).exists());
}

#[cfg(unix)]
#[test]
fn file_permissions_survive_a_save() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("c.ron");
    save(&path, &sample(), SaveOptions::default()).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    save(
        &path,
        &edited(sample()),
        SaveOptions {
            backup: true,
            ..Default::default()
        },
    )
    .unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "{mode:o}");
    assert_eq!(load(&path).unwrap().canvas, edited(sample()));
}

#[test]
fn loading_a_missing_file_names_the_path() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("missing.ron");
    let e = load(&path).unwrap_err();
    assert!(
        matches!(&e, StorageError::Io { source, .. } if source.kind() == io::ErrorKind::NotFound)
    );
    let msg = e.to_string();
    assert!(msg.starts_with(&path.display().to_string()), "{msg}");
}

#[test]
fn loading_a_directory_is_an_error_naming_the_path() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("folder.ron");
    fs::create_dir(&path).unwrap();
    let msg = load(&path).unwrap_err().to_string();
    assert!(msg.starts_with(&path.display().to_string()), "{msg}");
    assert!(msg.contains("folder"), "{msg}");
}

#[test]
fn loading_a_malformed_file_names_the_path_and_leaves_it_byte_identical() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("bad.ron");
    let bytes = b"(\n    version: 1,\n    title: \"x\"\n    segment: \"y\",\n)\n\xff".to_vec();
    fs::write(&path, &bytes).unwrap();
    let e = load(&path).unwrap_err();
    assert!(matches!(&e, StorageError::Format { .. }), "{e:?}");
    let msg = e.to_string();
    assert!(msg.starts_with(&path.display().to_string()), "{msg}");
    assert!(msg.contains("UTF-8"), "{msg}");
    assert_eq!(fs::read(&path).unwrap(), bytes);

    let text = &bytes[..bytes.len() - 1];
    fs::write(&path, text).unwrap();
    let msg = load(&path).unwrap_err().to_string();
    assert!(
        msg.starts_with(&format!("{}:4:5: Expected comma", path.display())),
        "{msg}"
    );
    assert!(msg.contains("    segment: \"y\","), "{msg}");
    assert_eq!(fs::read(&path).unwrap(), text);
    assert!(!backup_path(&path).exists());
}

#[test]
fn loading_a_file_over_16_mib_is_refused() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("huge.ron");
    let f = fs::File::create(&path).unwrap();
    f.set_len(MAX_FILE_BYTES + 1024).unwrap();
    drop(f);
    let e = load(&path).unwrap_err();
    assert!(
        matches!(
            &e,
            StorageError::Format {
                source: FormatError::TooLarge { .. },
                ..
            }
        ),
        "{e:?}"
    );
    let msg = e.to_string();
    assert!(msg.starts_with(&path.display().to_string()), "{msg}");
    assert!(msg.contains("16 MiB"), "{msg}");
    // The message gives the file's real size, not how much was read.
    assert!(msg.contains("the file is 16778240 bytes"), "{msg}");
    assert_eq!(fs::metadata(&path).unwrap().len(), MAX_FILE_BYTES + 1024);
}

#[test]
fn loading_a_newer_version_is_read_only() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("future.ron");
    let text = file::to_ron(&sample()).replace("version: 1,", "version: 7,");
    fs::write(&path, &text).unwrap();
    let parsed = load(&path).unwrap();
    assert_eq!(parsed.version, 7);
    assert!(parsed.read_only());
    assert_eq!(parsed.canvas, sample());
}

#[test]
fn create_refuses_to_replace_a_file() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("c.ron");
    create(&path, &sample()).unwrap();
    assert_eq!(load(&path).unwrap().canvas, sample());
    let before = fs::read(&path).unwrap();
    let e = create(&path, &Canvas::default()).unwrap_err();
    assert!(matches!(e, StorageError::AlreadyExists { .. }), "{e:?}");
    assert!(e.to_string().contains("already exists"));
    assert_eq!(fs::read(&path).unwrap(), before);
}

// ---------------------------------------------------------------------------
// Listing

#[test]
fn list_sorts_by_name_and_skips_backups_dotfiles_and_others() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    for name in ["zeta", "alpha", "Mid"] {
        let mut c = sample();
        c.title = format!("title of {name}");
        save(&dir.join(format!("{name}.ron")), &c, SaveOptions::default()).unwrap();
    }
    save(
        &dir.join("alpha.ron"),
        &edited(sample()),
        SaveOptions {
            backup: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(dir.join("alpha.ron.bak").exists());
    fs::write(dir.join(".hidden.ron"), file::to_ron(&sample())).unwrap();
    fs::write(dir.join("notes.txt"), "not a canvas").unwrap();
    fs::create_dir(dir.join("folder.ron")).unwrap();
    fs::create_dir(dir.join("trash")).unwrap();

    let entries = list(dir).unwrap();
    let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Mid", "alpha", "zeta"]);
    for e in &entries {
        assert_eq!(e.path, dir.join(format!("{}.ron", e.name)));
        assert!(e.modified.is_some());
    }
    // Found, not read: each is read on its own.
    assert_eq!(load(&entries[0].path).unwrap().canvas.title, "title of Mid");
    assert_eq!(load(&entries[1].path).unwrap().canvas, edited(sample()));
}

#[test]
fn list_reports_unreadable_files_as_errors() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    save(&dir.join("good.ron"), &sample(), SaveOptions::default()).unwrap();
    fs::write(dir.join("broken.ron"), "(title: ").unwrap();
    fs::write(dir.join("binary.ron"), b"\x00\xff\xfe").unwrap();
    let entries = list(dir).unwrap();
    let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["binary", "broken", "good"]);
    let loaded: Vec<_> = entries.iter().map(|e| load(&e.path)).collect();
    let binary = loaded[0].as_ref().unwrap_err().to_string();
    assert!(
        binary.contains("binary.ron") && binary.contains("UTF-8"),
        "{binary}"
    );
    let broken = loaded[1].as_ref().unwrap_err().to_string();
    assert!(broken.contains("broken.ron:1:"), "{broken}");
    assert!(loaded[2].is_ok());
    // Listing never changes what it reads.
    assert_eq!(fs::read(dir.join("broken.ron")).unwrap(), b"(title: ");
}

#[test]
fn listing_an_empty_or_missing_dir() {
    let tmp = TempDir::new().unwrap();
    assert!(list(tmp.path()).unwrap().is_empty());
    let missing = tmp.path().join("nope");
    let msg = list(&missing).unwrap_err().to_string();
    assert!(msg.starts_with(&missing.display().to_string()), "{msg}");
}

//! The promises of README's "Your data is safe", each pinned against the
//! way a hostile trial broke it (#11): exports never over a canvas, kept
//! snapshots, saves that could not be read back, other writers, private
//! copies, read-only files, FIFOs and devices.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::scenarios::{HANDWRITTEN, Session};
use vpcanvas::canvas::file::parse;
use vpcanvas::storage;

fn session_on(name: &str, text: &str) -> Session {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    fs::write(&file, text).unwrap();
    Session { dir, file }
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

// -- exports never replace a canvas ----------------------------------------------

#[test]
fn exporting_a_canvas_named_like_its_export_keeps_the_canvas() {
    for (name, key, export) in [
        ("plan.txt", "t", "plan-export.txt"),
        ("plan.md", "m", "plan-export.md"),
        ("plan.json", "j", "plan-export.json"),
    ] {
        let s = session_on(name, HANDWRITTEN);
        // The export renders off the loop: the snap waits until it is written.
        let went = s.dir.path().join(export);
        let ran = s.run_with(
            &format!("x {key}"),
            |script| script.until(move || went.exists()).then("<snap> q"),
            &mut vpcanvas::runtime::FileIo,
        );
        assert_eq!(s.text(), HANDWRITTEN, "{name}: the canvas is untouched");
        let written = fs::read_to_string(s.dir.path().join(export)).unwrap();
        assert!(written.contains("Late payments"), "{written}");
        assert!(
            ran.snaps[0].screen.contains(export),
            "the status says where it went:\n{}",
            ran.snaps[0].screen
        );
        assert!(!s.bak().exists(), "nothing was saved, so no backup");
    }
}

#[test]
fn an_export_never_replaces_another_canvas_or_a_backup() {
    let s = session_on("plan.ron", HANDWRITTEN);
    // `plan.md` is a canvas someone opened by that name.
    let other = s.dir.path().join("plan.md");
    fs::write(&other, HANDWRITTEN).unwrap();
    let went = s.dir.path().join("plan-export.md");
    let written = went.clone();
    // The export renders off the loop: the snap waits until it is written.
    let ran = s.run_with(
        "x m",
        |script| script.until(move || written.exists()).then("<snap> q"),
        &mut vpcanvas::runtime::FileIo,
    );
    assert_eq!(fs::read_to_string(&other).unwrap(), HANDWRITTEN);
    assert!(
        fs::read_to_string(&went)
            .unwrap()
            .starts_with("# Invoicing")
    );
    assert!(
        ran.snaps[0].screen.contains("plan-export.md"),
        "{}",
        ran.snaps[0].screen
    );

    // Through the one function every export goes through: a link to the
    // canvas, its backup and a symlinked canvas are all refused.
    let canvas = s.dir.path().join("plan.ron");
    let link = s.dir.path().join("link.txt");
    std::os::unix::fs::symlink(&canvas, &link).unwrap();
    let put = storage::destination::write_export(&canvas, &link, b"export").unwrap();
    assert_eq!(put, s.dir.path().join("link-export.txt"));
    assert_eq!(s.text(), HANDWRITTEN);
    let bak = storage::backup_path(&canvas);
    let refused = storage::destination::write_export(&canvas, &bak, b"export");
    assert!(refused.is_err(), "{refused:?}");
    assert!(!bak.exists());
}

#[test]
fn copies_of_a_private_canvas_stay_private() {
    let s = session_on("secret.ron", HANDWRITTEN);
    fs::set_permissions(&s.file, fs::Permissions::from_mode(0o600)).unwrap();
    s.run("x m 5 d q");
    assert_eq!(mode(&s.file), 0o600);
    assert_eq!(mode(&s.bak()), 0o600, "the backup");
    assert_eq!(mode(&s.dir.path().join("secret.md")), 0o600, "the export");
    // An existing export that was world-readable is tightened too.
    let md = s.dir.path().join("secret.md");
    fs::set_permissions(&md, fs::Permissions::from_mode(0o644)).unwrap();
    s.run("x m q");
    assert_eq!(mode(&md), 0o600);
}

#[test]
fn the_conflict_copy_and_library_duplicates_of_a_private_canvas_stay_private() {
    use vpcanvas::runtime::Io;
    let s = session_on("secret.ron", HANDWRITTEN);
    fs::set_permissions(&s.file, fs::Permissions::from_mode(0o600)).unwrap();
    let canvas = parse(HANDWRITTEN).unwrap().canvas;
    // "Save mine as a copy" in the conflict dialog.
    let mine = vpcanvas::runtime::FileIo
        .save_copy(&s.file, &canvas)
        .unwrap();
    assert!(mine.ends_with("secret-mine.ron"), "{}", mine.display());
    assert_eq!(mode(&mine), 0o600, "the -mine copy");
    // `c` in the library.
    let dup = s.dir.path().join("secret-2.ron");
    storage::duplicate(&s.file, &dup).unwrap();
    assert_eq!(mode(&dup), 0o600, "the duplicate");
    assert_eq!(fs::read_to_string(&dup).unwrap(), HANDWRITTEN);
    // A group-readable canvas gives group-readable copies, never more.
    fs::set_permissions(&s.file, fs::Permissions::from_mode(0o640)).unwrap();
    let dup = s.dir.path().join("secret-3.ron");
    storage::duplicate(&s.file, &dup).unwrap();
    assert_eq!(mode(&dup), 0o640);
}

// -- what is written can be read back ----------------------------------------------

#[test]
fn a_save_that_would_pass_the_read_limit_is_refused_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    fs::write(&path, HANDWRITTEN).unwrap();
    let mut canvas = parse(HANDWRITTEN).unwrap().canvas;
    let text = "x".repeat(1500);
    let limit = vpcanvas::canvas::file::MAX_FILE_BYTES as usize;
    for id in 100..100 + limit / 1500 {
        let item = vpcanvas::canvas::Item::new(u32::try_from(id).unwrap(), text.clone());
        canvas.insert_item(vpcanvas::canvas::Section::Pains, usize::MAX, item);
    }
    let err = storage::save(
        &path,
        &canvas,
        storage::SaveOptions {
            backup: true,
            ..Default::default()
        },
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("not saved") && msg.contains("16 MiB"), "{msg}");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        HANDWRITTEN,
        "the file is untouched"
    );
    assert!(!storage::backup_path(&path).exists());
}

#[test]
fn recovery_and_lock_folders_are_private() {
    let s = session_on("secret.ron", HANDWRITTEN);
    let data = tempfile::tempdir().unwrap();
    let canvas = parse(HANDWRITTEN).unwrap().canvas;
    let snap = storage::recovery::write(data.path(), &s.file, &canvas).unwrap();
    assert_eq!(mode(&snap), 0o600, "the snapshot");
    assert_eq!(mode(snap.parent().unwrap()), 0o700, "recovery/");
    let _lock = storage::lock(data.path(), &s.file).unwrap().unwrap();
    assert_eq!(mode(&data.path().join("locks")), 0o700, "locks/");
}

// -- another program's write during a save is never lost ---------------------------

/// Real steps, but another program writes `theirs` to the canvas in the
/// moment between our new file being ready and it being put in place.
struct Racing {
    theirs: &'static str,
    fired: bool,
}

impl vpcanvas::storage::atomic::Steps for Racing {
    fn create_temp(&mut self, p: &Path) -> std::io::Result<fs::File> {
        RealSteps.create_temp(p)
    }
    fn write(&mut self, f: &mut fs::File, b: &[u8]) -> std::io::Result<()> {
        RealSteps.write(f, b)
    }
    fn sync_file(&mut self, f: &fs::File) -> std::io::Result<()> {
        RealSteps.sync_file(f)
    }
    fn rename(&mut self, a: &Path, b: &Path) -> std::io::Result<()> {
        RealSteps.rename(a, b)
    }
    fn sync_dir(&mut self, d: &Path) -> std::io::Result<()> {
        RealSteps.sync_dir(d)
    }
    fn before_replace(&mut self, target: &Path) -> std::io::Result<()> {
        // The canvas, not its backup (written first).
        if !self.fired && target.extension().is_some_and(|e| e == "ron") {
            self.fired = true;
            // As an editor or `git checkout` would: its own atomic rename.
            let tmp = target.with_extension("theirs-tmp");
            fs::write(&tmp, self.theirs).unwrap();
            fs::rename(&tmp, target).unwrap();
        }
        Ok(())
    }
}

use vpcanvas::storage::atomic::{Expect, RealSteps};

const THEIRS: &str = "(version: 1, title: \"Theirs, from git checkout\")\n";

fn temps(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("vpcanvas-tmp") || n.contains("theirs-tmp"))
        .collect()
}

#[test]
fn a_write_by_another_program_during_a_save_is_kept() {
    for backup in [false, true] {
        let s = session_on("plan.ron", HANDWRITTEN);
        let mut ours = parse(HANDWRITTEN).unwrap().canvas;
        ours.title = "Ours".into();
        let options = storage::SaveOptions {
            backup,
            expect: Some(Expect::Contents(storage::fingerprint(
                HANDWRITTEN.as_bytes(),
            ))),
            ..Default::default()
        };
        let mut steps = Racing {
            theirs: THEIRS,
            fired: false,
        };
        let err = storage::save_with(&mut steps, &s.file, &ours, options).unwrap_err();
        assert!(
            matches!(err, storage::StorageError::ChangedOnDisk { .. }),
            "{err}"
        );
        assert_eq!(s.text(), THEIRS, "theirs stays in place (backup {backup})");
        assert!(temps(s.dir.path()).is_empty(), "{:?}", temps(s.dir.path()));
        if backup {
            // The backup taken before the race is of the file as it was.
            assert_eq!(fs::read_to_string(s.bak()).unwrap(), HANDWRITTEN);
        }
    }
}

#[test]
fn a_file_created_by_another_program_during_the_first_save_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.ron");
    let options = storage::SaveOptions {
        backup: true,
        expect: Some(Expect::Absent),
        ..Default::default()
    };
    let mut steps = Racing {
        theirs: THEIRS,
        fired: false,
    };
    let canvas = vpcanvas::canvas::Canvas::new("ours");
    let err = storage::save_with(&mut steps, &path, &canvas, options).unwrap_err();
    assert!(
        matches!(err, storage::StorageError::ChangedOnDisk { .. }),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), THEIRS);
}

#[test]
fn a_file_changed_between_the_check_and_the_save_is_not_replaced() {
    let s = session_on("plan.ron", HANDWRITTEN);
    let mut ours = parse(HANDWRITTEN).unwrap().canvas;
    ours.title = "Ours".into();
    fs::write(&s.file, THEIRS).unwrap();
    let options = storage::SaveOptions {
        backup: true,
        expect: Some(Expect::Contents(storage::fingerprint(
            HANDWRITTEN.as_bytes(),
        ))),
        ..Default::default()
    };
    let err = storage::save(&s.file, &ours, options).unwrap_err();
    assert!(
        matches!(err, storage::StorageError::ChangedOnDisk { .. }),
        "{err}"
    );
    assert_eq!(s.text(), THEIRS);
    assert!(!s.bak().exists(), "theirs is not taken for our backup");
}

/// The editor with racing steps: the save that meets another writer shows
/// the conflict dialog instead of "saved", and their file is on disk.
#[test]
fn the_editor_asks_when_a_save_meets_another_writer() {
    struct RacingIo(Racing);
    impl vpcanvas::runtime::Io for RacingIo {
        fn save(
            &mut self,
            path: &Path,
            canvas: &vpcanvas::canvas::Canvas,
            backup: bool,
        ) -> Result<u64, storage::StorageError> {
            let options = storage::SaveOptions {
                backup,
                expect: None,
                ..Default::default()
            };
            storage::save_with(&mut self.0, path, canvas, options)
        }
        fn save_guarded(
            &mut self,
            path: &Path,
            canvas: &vpcanvas::canvas::Canvas,
            options: storage::SaveOptions,
        ) -> Result<u64, storage::StorageError> {
            storage::save_with(&mut self.0, path, canvas, options)
        }
    }
    let s = session_on("plan.ron", HANDWRITTEN);
    let mut io = RacingIo(Racing {
        theirs: THEIRS,
        fired: false,
    });
    let ran = s.run_with("5 d <snap> <wait:2s> r <snap>", |s| s, &mut io);
    assert!(
        ran.snaps[0].screen.contains("The file changed on disk"),
        "{}",
        ran.snaps[0].screen
    );
    assert_eq!(ran.snaps[0].file.as_deref(), Some(THEIRS));
    // Reloading shows theirs.
    assert!(
        ran.snaps[1].screen.contains("Theirs, from git checkout"),
        "{}",
        ran.snaps[1].screen
    );
}

// -- a kept snapshot stays until the user discards it ----------------------------

/// The real session I/O (recovery folder included), with saves that fail
/// until `failures` run out, as on a full disk.
struct KeptIo {
    inner: vpcanvas::runtime::SessionIo<vpcanvas::clipboard::FakeClipboard>,
    failures: usize,
}

impl vpcanvas::runtime::Io for KeptIo {
    fn save(
        &mut self,
        path: &Path,
        canvas: &vpcanvas::canvas::Canvas,
        backup: bool,
    ) -> Result<u64, storage::StorageError> {
        if self.failures > 0 {
            self.failures -= 1;
            return Err(storage::StorageError::Io {
                path: path.to_path_buf(),
                source: std::io::Error::other("No space left on device (simulated)"),
            });
        }
        self.inner.save(path, canvas, backup)
    }
    fn write_recovery(
        &mut self,
        path: &Path,
        canvas: &vpcanvas::canvas::Canvas,
    ) -> Result<(), storage::StorageError> {
        self.inner.write_recovery(path, canvas)
    }
    fn clear_recovery(&mut self, path: &Path) {
        self.inner.clear_recovery(path);
    }
}

#[test]
fn open_saved_keeps_the_snapshot_through_pauses_saves_and_quits() {
    let s = session_on("plan.ron", HANDWRITTEN);
    let data = tempfile::tempdir().unwrap();
    let mut earlier = parse(HANDWRITTEN).unwrap().canvas;
    earlier.title = "Unsaved work from yesterday".into();
    storage::recovery::write(data.path(), &s.file, &earlier).unwrap();

    let offered = |s: &Session| {
        let mut app = vpcanvas::session::load_app(&s.file).unwrap();
        vpcanvas::session::offer_recovery(&mut app, data.path());
        app
    };
    let app = offered(&s);
    assert!(matches!(app.mode, vpcanvas::app::Mode::Recover(_)));

    // "Open the saved file (keep the snapshot)", then edits whose saves fail
    // (as on a full disk); quitting anyway writes this session's own
    // snapshot on the way out.
    let mut io = KeptIo {
        inner: vpcanvas::runtime::SessionIo {
            clipboard: vpcanvas::clipboard::FakeClipboard::default(),
            data_dir: Some(data.path().to_path_buf()),
            room: None,
            room_wake: None,
        },
        failures: usize::MAX,
    };
    let title_offered = |app: &vpcanvas::app::App| match &app.mode {
        vpcanvas::app::Mode::Recover(offer) => Some(offer.canvas.title.clone()),
        _ => None,
    };
    let mut app = app;
    crate::scenarios::run_app(&mut app, "o 5 d q q", &mut io);
    io.failures = 0;
    // Both are offered, newest first; neither overwrote the other.
    let mut app = offered(&s);
    assert_eq!(title_offered(&app).as_deref(), Some("Invoicing"));
    crate::scenarios::run_app(&mut app, "d q", &mut io);
    let mut app = offered(&s);
    assert_eq!(
        title_offered(&app).as_deref(),
        Some("Unsaved work from yesterday")
    );
    // Kept through a session whose saves work.
    crate::scenarios::run_app(&mut app, "o 6 d q", &mut io);
    let mut app = offered(&s);
    assert_eq!(
        title_offered(&app).as_deref(),
        Some("Unsaved work from yesterday")
    );
    // Discarding is what removes it.
    crate::scenarios::run_app(&mut app, "d q", &mut io);
    assert_eq!(title_offered(&offered(&s)), None);
}

// -- read-only files, dangling links, leftovers, stale messages --------------------

#[test]
fn a_read_only_canvas_opens_read_only_and_is_never_rewritten() {
    // Run as root too (as CI is): the mode bits decide, not access(2),
    // which lets root write anything.
    let s = session_on("plan.ron", HANDWRITTEN);
    fs::set_permissions(&s.file, fs::Permissions::from_mode(0o444)).unwrap();
    assert!(storage::is_read_only_file(&s.file));
    let ran = s.run("5 d <snap> q");
    assert!(
        ran.snaps[0].screen.contains("Read-only"),
        "{}",
        ran.snaps[0].screen
    );
    assert_eq!(s.text(), HANDWRITTEN);
    assert_eq!(mode(&s.file), 0o444);
    // And the save path itself refuses, whoever asks.
    let canvas = vpcanvas::canvas::Canvas::new("x");
    let err = storage::save(&s.file, &canvas, storage::SaveOptions::default()).unwrap_err();
    assert!(
        matches!(err, storage::StorageError::ReadOnlyFile { .. }),
        "{err}"
    );
    assert_eq!(s.text(), HANDWRITTEN);
    // `chmod u-w` alone is enough; a writable one is not read-only.
    fs::set_permissions(&s.file, fs::Permissions::from_mode(0o466)).unwrap();
    assert!(storage::is_read_only_file(&s.file));
    fs::set_permissions(&s.file, fs::Permissions::from_mode(0o644)).unwrap();
    assert!(!storage::is_read_only_file(&s.file));
}

#[test]
fn a_dangling_symlink_canvas_gets_its_target_created() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("plan.ron");
    let target = dir.path().join("real.ron");
    std::os::unix::fs::symlink("real.ron", &link).unwrap();
    let s = Session {
        dir,
        file: link.clone(),
    };
    s.run(r#"5 a "Late payments" <enter> q"#);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "still a link"
    );
    let written = fs::read_to_string(&target).unwrap();
    assert!(written.contains("Late payments"), "{written}");
}

#[test]
fn recovery_temp_files_of_a_killed_vpcanvas_are_cleaned() {
    let data = tempfile::tempdir().unwrap();
    let canvas = Path::new("/somewhere/plan.ron");
    let snap =
        storage::recovery::write(data.path(), canvas, &vpcanvas::canvas::Canvas::new("x")).unwrap();
    let name = snap.file_name().unwrap().to_string_lossy().into_owned();
    let left = snap.with_file_name(format!(".{name}.vpcanvas-tmp-999999-3"));
    fs::write(&left, vec![b'x'; 4096]).unwrap();
    assert_eq!(storage::recovery::clean_stale_temps(data.path(), canvas), 1);
    assert!(!left.exists());
    assert!(snap.exists(), "the snapshot itself stays");
}

#[test]
fn a_save_that_works_again_replaces_the_old_error() {
    struct FailOnce(bool);
    impl vpcanvas::runtime::Io for FailOnce {
        fn save(
            &mut self,
            path: &Path,
            canvas: &vpcanvas::canvas::Canvas,
            backup: bool,
        ) -> Result<u64, storage::StorageError> {
            if std::mem::replace(&mut self.0, false) {
                return Err(storage::StorageError::Io {
                    path: path.to_path_buf(),
                    source: std::io::Error::other("No space left on device"),
                });
            }
            vpcanvas::runtime::FileIo.save(path, canvas, backup)
        }
    }
    let s = session_on("plan.ron", HANDWRITTEN);
    let ran = s.run_with("5 d <snap> <c-s> <snap> q", |s| s, &mut FailOnce(true));
    assert!(
        ran.snaps[0].screen.contains("No space"),
        "{}",
        ran.snaps[0].screen
    );
    let after = &ran.snaps[1].screen;
    assert!(
        after.contains("saved") && !after.contains("No space"),
        "{after}"
    );
}

#[test]
fn counts_never_wrap_into_cells() {
    // The link picker's height came from `len as u16`: 65,536 items made it 0.
    assert_eq!(vpcanvas::layout::cells(65_536), u16::MAX);
    assert_eq!(vpcanvas::layout::cells(70_000), u16::MAX);
    assert_eq!(vpcanvas::layout::cells(12), 12);
}

#[test]
fn a_file_not_yet_there_has_one_lock_through_a_symlinked_folder() {
    let root = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let real = root.path().join("real");
    fs::create_dir(&real).unwrap();
    let link = root.path().join("link");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let _first = storage::lock(data.path(), &link.join("new.ron"))
        .unwrap()
        .unwrap();
    let second = storage::lock(data.path(), &real.join("new.ron")).unwrap();
    assert!(second.is_none(), "the same file, the same lock");
}

#[test]
fn an_unusable_data_folder_falls_back_to_a_private_temp_folder() {
    let dir = storage::recovery::fallback_dir().unwrap();
    assert_eq!(mode(&dir), 0o700);
    assert!(!fs::symlink_metadata(&dir).unwrap().file_type().is_symlink());
}

#[test]
fn two_data_folders_still_share_one_lock() {
    // `--data-dir A` and `--data-dir B` on one canvas: the second is read-only.
    let s = session_on("plan.ron", HANDWRITTEN);
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let first = storage::lock(a.path(), &s.file).unwrap();
    assert!(first.is_some());
    assert!(storage::lock(b.path(), &s.file).unwrap().is_none());
    drop(first);
    assert!(
        storage::lock(b.path(), &s.file).unwrap().is_some(),
        "freed with its holder"
    );
}

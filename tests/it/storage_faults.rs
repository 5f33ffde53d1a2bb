//! Fault injection on the one write path (issue #6, SPEC §3): every step of
//! an atomic save is made to fail in turn through the `Steps` seam, and each
//! time the file on disk must be byte-identical to before (or, when only the
//! folder sync failed, the new version must be fully in place), the error must
//! name the file, no temporary file may be left behind, and the `.bak` rules
//! must hold. Root ignores file permissions, so failures are injected, never
//! provoked with `chmod`.

#![allow(clippy::unwrap_used)]

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use vpcanvas::canvas::file::{parse_bytes, to_ron};
use vpcanvas::canvas::{Canvas, Section};
use vpcanvas::storage::atomic::{RealSteps, Steps, TEMP_MARKER, clean_stale_temps};
use vpcanvas::storage::{self, SaveOptions, backup_path, save_with};

// ---------------------------------------------------------------------------
// A `Steps` that fails one step of one write

/// The step to break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    CreateTemp,
    Write,
    /// Writes the first half of the bytes, then fails (a full disk mid-write).
    ShortWrite,
    SyncFile,
    Rename,
    SyncDir,
}

const ALL_STEPS: [Step; 6] = [
    Step::CreateTemp,
    Step::Write,
    Step::ShortWrite,
    Step::SyncFile,
    Step::Rename,
    Step::SyncDir,
];

/// Real steps, except that `step` fails during the `on_write`-th atomic write
/// of this value (1 = the first; a save with backup writes `.bak` first).
struct Faulty {
    step: Step,
    on_write: usize,
    /// Atomic writes started so far (counted by `create_temp`).
    writes: usize,
    /// The temp paths that were asked for, to prove they are gone afterwards.
    temps: Vec<PathBuf>,
    /// Whether the injected failure happened.
    fired: bool,
}

impl Faulty {
    fn new(step: Step, on_write: usize) -> Self {
        Self {
            step,
            on_write,
            writes: 0,
            temps: Vec::new(),
            fired: false,
        }
    }

    fn breaks(&mut self, step: Step) -> bool {
        let now = self.writes == self.on_write && self.step == step;
        self.fired |= now;
        now
    }
}

fn injected(step: Step) -> io::Error {
    io::Error::other(format!("injected failure at {step:?}"))
}

impl Steps for Faulty {
    fn create_temp(&mut self, path: &Path) -> io::Result<File> {
        self.writes += 1;
        self.temps.push(path.to_path_buf());
        if self.breaks(Step::CreateTemp) {
            return Err(injected(Step::CreateTemp));
        }
        RealSteps.create_temp(path)
    }

    fn write(&mut self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        if self.breaks(Step::Write) {
            return Err(injected(Step::Write));
        }
        if self.breaks(Step::ShortWrite) {
            file.write_all(&bytes[..bytes.len() / 2])?;
            file.flush()?;
            return Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "injected short write",
            ));
        }
        RealSteps.write(file, bytes)
    }

    fn sync_file(&mut self, file: &File) -> io::Result<()> {
        if self.breaks(Step::SyncFile) {
            return Err(injected(Step::SyncFile));
        }
        RealSteps.sync_file(file)
    }

    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        if self.breaks(Step::Rename) {
            return Err(injected(Step::Rename));
        }
        RealSteps.rename(from, to)
    }

    fn sync_dir(&mut self, dir: &Path) -> io::Result<()> {
        if self.breaks(Step::SyncDir) {
            return Err(injected(Step::SyncDir));
        }
        RealSteps.sync_dir(dir)
    }
}

// ---------------------------------------------------------------------------
// Helpers

fn old_canvas() -> Canvas {
    let mut c = Canvas::new("Old title");
    let job = c.push(Section::Jobs, "Get paid on time");
    let product = c.push(Section::Products, "Invoicing app");
    c.set_link(product, job, true);
    c
}

fn new_canvas() -> Canvas {
    let mut c = old_canvas();
    c.title = "New title — 新しい".into();
    c.push(Section::Pains, "Chasing late payments");
    c
}

/// Files in `dir` whose name carries the temp marker.
fn temps_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(TEMP_MARKER))
        .collect();
    v.sort();
    v
}

/// All file names in `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn read(path: &Path) -> Option<Vec<u8>> {
    match fs::read(path) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

/// Runs a save whose `step` fails on its `on_write`-th atomic write and
/// checks what every failure must guarantee. Returns the error text.
fn failing_save(dir: &Path, path: &Path, step: Step, on_write: usize, backup: bool) -> String {
    let mut steps = Faulty::new(step, on_write);
    let err = save_with(
        &mut steps,
        path,
        &new_canvas(),
        SaveOptions {
            backup,
            ..Default::default()
        },
    )
    .expect_err("the injected failure must surface as an error");
    assert!(steps.fired, "{step:?} on write {on_write} never happened");
    let text = err.to_string();
    assert!(
        text.contains(&path.display().to_string()),
        "the error must name the file: {text}"
    );
    assert!(
        text.contains(&format!("{step:?}")) || text.contains("short write"),
        "the error must carry the cause: {text}"
    );
    assert_eq!(
        temps_in(dir),
        Vec::<String>::new(),
        "temp files left behind"
    );
    for temp in &steps.temps {
        assert!(!temp.exists(), "{} left behind", temp.display());
        let name = temp.file_name().unwrap().to_string_lossy().into_owned();
        let want = format!(
            ".{}{TEMP_MARKER}",
            path.file_name().unwrap().to_string_lossy()
        );
        let want_bak = format!(
            ".{}{TEMP_MARKER}",
            backup_path(path).file_name().unwrap().to_string_lossy()
        );
        assert!(
            name.starts_with(&want) || name.starts_with(&want_bak),
            "temp file named {name}: a later start could not find it"
        );
        assert_eq!(temp.parent(), path.parent(), "temp file outside the folder");
    }
    text
}

// ---------------------------------------------------------------------------
// Every step fails in turn

#[test]
fn a_failed_first_save_leaves_no_file_and_no_temp() {
    for step in ALL_STEPS {
        let tmp = TempDir::new().unwrap();
        let path = tmp.path().join("x.ron");
        failing_save(tmp.path(), &path, step, 1, true);
        if step == Step::SyncDir {
            // The rename happened: the new file is whole, and the caller
            // still heard that it may not survive a power cut.
            assert_eq!(
                read(&path).unwrap(),
                to_ron(&new_canvas()).as_bytes(),
                "{step:?}"
            );
            assert_eq!(names_in(tmp.path()), ["x.ron"], "{step:?}");
        } else {
            assert_eq!(names_in(tmp.path()), Vec::<String>::new(), "{step:?}");
        }
    }
}

#[test]
fn a_failed_save_without_backup_leaves_the_file_byte_identical() {
    for step in ALL_STEPS {
        let tmp = TempDir::new().unwrap();
        let path = tmp.path().join("x.ron");
        // Not our own formatting: byte-identical means every byte, comments too.
        let before = format!("// my notes\n{}", to_ron(&old_canvas())).into_bytes();
        fs::write(&path, &before).unwrap();
        failing_save(tmp.path(), &path, step, 1, false);
        if step == Step::SyncDir {
            assert_eq!(read(&path).unwrap(), to_ron(&new_canvas()).as_bytes());
        } else {
            assert_eq!(read(&path).unwrap(), before, "{step:?} changed the file");
        }
        assert!(
            !backup_path(&path).exists(),
            "{step:?}: no .bak was asked for"
        );
        assert_eq!(names_in(tmp.path()), ["x.ron"], "{step:?}");
    }
}

#[test]
fn a_failed_backup_write_leaves_file_and_older_backup_byte_identical() {
    for step in ALL_STEPS {
        let tmp = TempDir::new().unwrap();
        let path = tmp.path().join("x.ron");
        let bak = backup_path(&path);
        let before = to_ron(&old_canvas()).into_bytes();
        let older_bak = b"(title: \"an older backup\")\n".to_vec();
        fs::write(&path, &before).unwrap();
        fs::write(&bak, &older_bak).unwrap();
        // Write 1 of a save with backup is the .bak.
        let text = failing_save(tmp.path(), &path, step, 1, true);
        assert!(
            text.contains(&bak.display().to_string()),
            "the error names the .bak it could not write: {text}"
        );
        // The canvas itself was not touched: its write never started.
        assert_eq!(read(&path).unwrap(), before, "{step:?} changed the file");
        if step == Step::SyncDir {
            assert_eq!(read(&bak).unwrap(), before, "{step:?}");
        } else {
            assert_eq!(read(&bak).unwrap(), older_bak, "{step:?} changed the .bak");
        }
        assert_eq!(names_in(tmp.path()), ["x.ron", "x.ron.bak"], "{step:?}");
    }
}

#[test]
fn a_failed_canvas_write_after_the_backup_keeps_both_old_versions() {
    for step in ALL_STEPS {
        let tmp = TempDir::new().unwrap();
        let path = tmp.path().join("x.ron");
        let bak = backup_path(&path);
        let before = to_ron(&old_canvas()).into_bytes();
        fs::write(&path, &before).unwrap();
        fs::write(&bak, b"older").unwrap();
        // Write 2 of a save with backup is the canvas.
        let text = failing_save(tmp.path(), &path, step, 2, true);
        assert!(
            !text.contains(".bak"),
            "the error names the canvas, not the .bak: {text}"
        );
        // The backup step succeeded: .bak holds the previous version.
        assert_eq!(read(&bak).unwrap(), before, "{step:?}");
        if step == Step::SyncDir {
            assert_eq!(read(&path).unwrap(), to_ron(&new_canvas()).as_bytes());
        } else {
            assert_eq!(read(&path).unwrap(), before, "{step:?} changed the file");
        }
        assert_eq!(names_in(tmp.path()), ["x.ron", "x.ron.bak"], "{step:?}");
    }
}

#[test]
fn after_a_failure_the_next_save_succeeds_and_reports_what_it_wrote() {
    for step in ALL_STEPS {
        let tmp = TempDir::new().unwrap();
        let path = tmp.path().join("x.ron");
        storage::save(&path, &old_canvas(), SaveOptions::default()).unwrap();
        failing_save(tmp.path(), &path, step, 1, false);
        let fp = save_with(
            &mut RealSteps,
            &path,
            &new_canvas(),
            SaveOptions {
                backup: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(Some(fp), storage::disk_fingerprint(&path).unwrap());
        assert_eq!(storage::load(&path).unwrap().canvas, new_canvas());
        assert_eq!(temps_in(tmp.path()), Vec::<String>::new());
    }
}

// ---------------------------------------------------------------------------
// A real full disk: /dev/full

/// Writes into /dev/full, so the write fails with ENOSPC from the kernel.
/// A rename must never be reached.
struct FullDisk {
    renamed: bool,
}

impl Steps for FullDisk {
    fn create_temp(&mut self, _path: &Path) -> io::Result<File> {
        OpenOptions::new().write(true).open("/dev/full")
    }

    fn write(&mut self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        RealSteps.write(file, bytes)
    }

    fn sync_file(&mut self, file: &File) -> io::Result<()> {
        RealSteps.sync_file(file)
    }

    fn rename(&mut self, _from: &Path, _to: &Path) -> io::Result<()> {
        self.renamed = true;
        Err(io::Error::other("rename must not be reached"))
    }

    fn sync_dir(&mut self, _dir: &Path) -> io::Result<()> {
        Err(io::Error::other("sync_dir must not be reached"))
    }
}

#[test]
fn a_full_disk_fails_with_enospc_and_leaves_the_file_untouched() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("x.ron");
    let before = to_ron(&old_canvas()).into_bytes();
    fs::write(&path, &before).unwrap();
    // The writer copies the target's mode onto its temp file (here /dev/full
    // itself): give the target /dev/full's own mode so nothing changes.
    let dev_mode = fs::metadata("/dev/full").unwrap().permissions().mode();
    fs::set_permissions(&path, fs::Permissions::from_mode(dev_mode & 0o7777)).unwrap();

    let mut steps = FullDisk { renamed: false };
    let err = save_with(&mut steps, &path, &new_canvas(), SaveOptions::default()).unwrap_err();
    assert_eq!(
        fs::metadata("/dev/full").unwrap().permissions().mode(),
        dev_mode
    );
    assert!(
        !steps.renamed,
        "a failed write must never be renamed into place"
    );
    let storage::StorageError::Write {
        path: named,
        source,
    } = &err
    else {
        panic!("expected a write error, got {err:?}");
    };
    assert_eq!(named, &path);
    assert_eq!(source.raw_os_error(), Some(28), "ENOSPC expected: {source}");
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "{err}"
    );
    assert_eq!(read(&path).unwrap(), before);
    assert_eq!(names_in(tmp.path()), ["x.ron"]);
}

// ---------------------------------------------------------------------------
// Leftovers of a killed process

#[test]
fn stale_temps_of_another_process_are_removed_and_nothing_else() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("x.ron");
    fs::write(&path, to_ron(&old_canvas())).unwrap();
    let me = std::process::id();
    // pids never reach 2^32 - 1, so these are surely not ours.
    let stale = [
        format!(".x.ron{TEMP_MARKER}4294967295-0"),
        format!(".x.ron{TEMP_MARKER}4294967294-17"),
        // A kill during the backup step of a save.
        format!(".x.ron.bak{TEMP_MARKER}4294967295-1"),
        // Another target's leftover in the same folder: git names each
        // merge's OURS afresh (`.merge_file_XXXXXX`), so a killed merge's
        // temp has no "own" next writer; the next one beside it cleans it.
        format!(".y.ron{TEMP_MARKER}4294967295-0"),
        format!("..merge_file_Ab12Cd{TEMP_MARKER}4294967293-0"),
    ];
    let keep = [
        "x.ron".to_owned(),
        "x.ron.bak".to_owned(),
        ".x.ron.lock".to_owned(),
        "notes.txt".to_owned(),
        // Not hidden: not ours.
        format!("x.ron{TEMP_MARKER}4294967295-0"),
        // Writes in flight in this very process.
        format!(".x.ron{TEMP_MARKER}{me}-3"),
        format!(".x.ron.bak{TEMP_MARKER}{me}-4"),
        format!(".y.ron{TEMP_MARKER}{me}-5"),
        // No pid after the marker: not one of our names.
        format!(".z.ron{TEMP_MARKER}x-0"),
    ];
    for name in stale.iter().chain(&keep[1..]) {
        fs::write(tmp.path().join(name), "leftover").unwrap();
    }
    assert_eq!(clean_stale_temps(&path), stale.len());
    let mut want: Vec<String> = keep.to_vec();
    want.sort();
    assert_eq!(names_in(tmp.path()), want);
    // The canvas itself is untouched.
    assert_eq!(read(&path).unwrap(), to_ron(&old_canvas()).as_bytes());
    // Nothing left to clean.
    assert_eq!(clean_stale_temps(&path), 0);
}

// ---------------------------------------------------------------------------
// What a save keeps: links and permissions

#[test]
fn a_symlinked_canvas_is_written_through_and_stays_a_link() {
    let tmp = TempDir::new().unwrap();
    let real_dir = tmp.path().join("repo");
    let link_dir = tmp.path().join("elsewhere");
    fs::create_dir_all(&real_dir).unwrap();
    fs::create_dir_all(&link_dir).unwrap();
    let target = real_dir.join("canvas.ron");
    let link = link_dir.join("canvas.ron");
    let before = to_ron(&old_canvas());
    fs::write(&target, &before).unwrap();
    std::os::unix::fs::symlink(&target, &link).unwrap();

    storage::save(
        &link,
        &new_canvas(),
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
            .is_symlink(),
        "the link was replaced by a file"
    );
    assert_eq!(fs::read_link(&link).unwrap(), target);
    assert_eq!(fs::read_to_string(&target).unwrap(), to_ron(&new_canvas()));
    assert_eq!(fs::read_to_string(backup_path(&target)).unwrap(), before);
    // Nothing was written beside the link.
    assert_eq!(names_in(&link_dir), ["canvas.ron"]);
    assert_eq!(temps_in(&real_dir), Vec::<String>::new());
    // A failed save through the link leaves the target alone.
    let mut steps = Faulty::new(Step::Rename, 1);
    save_with(&mut steps, &link, &old_canvas(), SaveOptions::default()).unwrap_err();
    assert_eq!(fs::read_to_string(&target).unwrap(), to_ron(&new_canvas()));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(temps_in(&real_dir), Vec::<String>::new());
}

#[test]
fn file_mode_0640_survives_a_save() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("x.ron");
    fs::write(&path, to_ron(&old_canvas())).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    storage::save(
        &path,
        &new_canvas(),
        SaveOptions {
            backup: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o7777,
        0o640
    );
    assert_eq!(storage::load(&path).unwrap().canvas, new_canvas());
    // And again, now that the file was replaced once.
    storage::save(
        &path,
        &old_canvas(),
        SaveOptions {
            backup: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o7777,
        0o640
    );
}

#[test]
fn what_a_save_writes_parses_back_to_the_same_canvas() {
    // The bytes the fault tests compare against are a real canvas file.
    let parsed = parse_bytes(to_ron(&new_canvas()).as_bytes()).unwrap();
    assert_eq!(parsed.canvas, new_canvas());
}

/// A folder sync that fails after the rename: the new file is in place, and
/// the message says so instead of claiming nothing changed.
#[test]
fn a_failed_folder_sync_says_the_file_was_written() {
    struct SyncDirFails;
    impl vpcanvas::storage::atomic::Steps for SyncDirFails {
        fn create_temp(&mut self, p: &Path) -> io::Result<std::fs::File> {
            RealSteps.create_temp(p)
        }
        fn write(&mut self, f: &mut std::fs::File, b: &[u8]) -> io::Result<()> {
            RealSteps.write(f, b)
        }
        fn sync_file(&mut self, f: &std::fs::File) -> io::Result<()> {
            RealSteps.sync_file(f)
        }
        fn rename(&mut self, a: &Path, b: &Path) -> io::Result<()> {
            RealSteps.rename(a, b)
        }
        fn sync_dir(&mut self, _: &Path) -> io::Result<()> {
            Err(io::Error::other("EIO on the folder"))
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.ron");
    let err = vpcanvas::storage::write_atomic_with(&mut SyncDirFails, &path, b"new")
        .unwrap_err()
        .to_string();
    assert_eq!(std::fs::read(&path).unwrap(), b"new");
    assert!(err.contains("wrote") && err.contains("power cut"), "{err}");
    assert!(!err.contains("unchanged"), "{err}");
}

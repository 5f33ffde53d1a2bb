//! A hostile user and a hostile repository against the command line (#11):
//! escape sequences in a canvas, closed pipes, FIFOs and devices. The real
//! binary, a sandboxed home, and deadlines instead of sleeps.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_vpcanvas");

/// A canvas from someone else's repository: OSC 52 (set the clipboard), a
/// window title, a clear screen, a C1 CSI asking the terminal to answer (it
/// would type into the shell), DEL, and a bidi override.
const HOSTILE: &str = r#"(
    version: 1,
    title: "Plan\u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{1b}]0;owned\u{7}",
    segment: "Users\u{1b}[2J",
    alternatives: ["Paper\u{9b}6n"],
    customer: (
        jobs: [ (id: 1, text: "Get paid\u{1b}[6n") ],
        pains: [ (id: 2, text: "Late\u{7f} payments\u{202e}evil", severity: Extreme) ],
        gains: [ (id: 3, text: "Cash\u{2066} flow"), (id: 5, text: "Zero\u{200b}width\u{feff} and\u{2028}line\u{2029}breaks") ],
    ),
    value_map: (
        products: [ (id: 4, text: "App\u{9b}0c", jobs: [1]) ],
        relievers: [],
        creators: [],
    ),
)
"#;

struct Sandbox {
    root: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Self {
        let root = tempfile::tempdir().unwrap();
        fs::create_dir_all(root.path().join("home")).unwrap();
        fs::create_dir_all(root.path().join("data")).unwrap();
        Self { root }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.root.path().join(name)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.path(name);
        fs::write(&p, text).unwrap();
        p
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.current_dir(self.root.path())
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.path("home/.local/share"))
            .env("XDG_CONFIG_HOME", self.path("home/.config"))
            .env("VPCANVAS_DATA_DIR", self.path("data"))
            .env_remove("VPCANVAS_CONFIG")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null());
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        finish(
            self.cmd()
                .args(args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped()),
        )
    }
}

/// Runs a command to its end within a deadline (a hang fails the test).
fn finish(cmd: &mut Command) -> Output {
    let mut child = cmd.spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "still running after 20 s (a hang): {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// No byte or character that a terminal would act on, that reorders text,
/// or that hides or breaks a line where the reader cannot see it (zero-width
/// characters, a stray BOM, the line and paragraph separators).
fn assert_inert(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let invisible = |c| matches!(c, '\u{200b}' | '\u{feff}' | '\u{2028}' | '\u{2029}');
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n') || vpcanvas::text::is_bidi_control(c) || invisible(c)
        })
        .collect();
    assert!(bad.is_empty(), "{what} lets {bad:?} through:\n{text}");
}

fn v_of(json: &str) -> serde_json::Value {
    serde_json::from_str(json).unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn no_command_lets_a_canvas_act_on_the_terminal() {
    let s = Sandbox::new();
    let file = s.write("hostile.ron", HOSTILE);
    fs::copy(&file, s.path("data/hostile.ron")).unwrap();
    let f = file.to_str().unwrap();
    for args in [
        vec!["check", f],
        vec!["statement", f],
        vec!["export", f, "--format", "txt"],
        vec!["export", f, "--format", "md"],
        vec!["export", f, "--format", "json"],
        vec!["check", f, "--format", "json"],
        vec!["list"],
        vec!["show", f, "--width", "100", "--height", "30"],
        vec!["diff", "--textconv", f],
    ] {
        let out = s.run(&args);
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert_inert(&format!("{args:?} stdout"), &out.stdout);
        assert_inert(&format!("{args:?} stderr"), &out.stderr);
    }
    // Inert and visible: the reader sees that something odd is there.
    let txt = stdout(&s.run(&["export", f, "--format", "txt"]));
    assert!(txt.contains("Get paid\\u{1b}[6n"), "{txt}");
    assert!(txt.contains("payments\\u{202e}evil"), "{txt}");
    assert!(txt.contains("App\\u{9b}0c"), "{txt}");
    // Zero-width characters shown; the line breaks are where a reader sees them.
    assert!(txt.contains("Zero\\u{200b}width\\u{feff} and"), "{txt}");
    let conv = stdout(&s.run(&["diff", "--textconv", f]));
    // textconv blanks what the editor blanks, and drops what has no width.
    assert!(conv.contains("Zerowidth and line breaks"), "{conv}");
    let check = stdout(&s.run(&["check", f]));
    assert!(check.contains("Late\\u{7f} payments"), "{check}");
}

/// `diff`, `lint` and `merge` show a hostile text as every other command
/// does, through the one sanitiser: inert and visible (`\u{1b}`), never
/// blanked into spaces that hide that something odd is there.
#[test]
fn diff_lint_and_merge_show_hazards_visible_not_blanked() {
    let s = Sandbox::new();
    let old = s.write("old.ron", HOSTILE);
    let new = s.write(
        "new.ron",
        &HOSTILE.replace("Late\\u{7f} payments", "Late\\u{7f} pay\\u{1b}[2J"),
    );
    let (o, n) = (old.to_str().unwrap(), new.to_str().unwrap());
    let diff = s.run(&["diff", o, n]);
    assert_inert("diff stdout", &diff.stdout);
    let diff = stdout(&diff);
    assert!(diff.contains("Late\\u{7f} payments\\u{202e}evil"), "{diff}");
    assert!(diff.contains("Late\\u{7f} pay\\u{1b}[2J"), "{diff}");
    let lint = s.run(&["lint", o]);
    assert_inert("lint stdout", &lint.stdout);
    let lint = stdout(&lint);
    assert!(lint.contains("payments\\u{202e}evil"), "{lint}");
    // Both sides retitled: merge keeps ours and tells of theirs on stderr.
    let base = s.write("base.ron", HOSTILE);
    let title = "Plan\\u{1b}]52;c;cm0gLXJmIH4=\\u{7}\\u{1b}]0;owned\\u{7}";
    let ours = s.write("ours.ron", &HOSTILE.replace(title, "Ours\\u{1b}[2J"));
    s.write("theirs.ron", &HOSTILE.replace(title, "Theirs\\u{9b}6n"));
    let merge = s.run(&[
        "merge",
        base.to_str().unwrap(),
        ours.to_str().unwrap(),
        "theirs.ron",
    ]);
    assert_inert("merge stderr", &merge.stderr);
    let told = String::from_utf8_lossy(&merge.stderr);
    assert!(
        told.contains("Ours\\u{1b}[2J") && told.contains("Theirs\\u{9b}6n"),
        "{told}"
    );
}

#[test]
fn json_escapes_every_hazard_and_keeps_the_text() {
    let s = Sandbox::new();
    let f = s.write("hostile.ron", HOSTILE);
    let out = s.run(&["export", f.to_str().unwrap(), "--format", "json"]);
    assert_inert("json", &out.stdout);
    let text = stdout(&out);
    assert!(
        text.contains("\\u009b") && text.contains("\\u202e"),
        "{text}"
    );
    assert!(
        text.contains("\\u2028") && text.contains("\\u2029") && text.contains("\\u200b"),
        "{text}"
    );
    assert_eq!(
        v_of(&text)["customer"]["gains"][1]["text"],
        "Zero\u{200b}width\u{feff} and\u{2028}line\u{2029}breaks"
    );
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["value_map"]["products"][0]["text"], "App\u{9b}0c");
    assert_eq!(
        v["customer"]["pains"][0]["text"],
        "Late\u{7f} payments\u{202e}evil"
    );
    let out = s.run(&["check", f.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        v["title"],
        "Plan\u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{1b}]0;owned\u{7}"
    );
}

#[test]
fn load_errors_quote_a_hostile_line_inert() {
    let s = Sandbox::new();
    let broken = HOSTILE.replace(
        "severity: Extreme",
        "severity: \u{1b}]52;c;eA==\u{7}Extreme",
    );
    let f = s.write("broken.ron", &broken);
    let out = s.run(&["check", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert_inert("load error", &out.stderr);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("char '\\u{1b}'"),
        "{out:?}"
    );
    // A hostile file name too.
    let named = s.write("evil\u{1b}]0;x\u{7}.ron", "(title: ");
    let out = s.run(&["check", named.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_inert("file name", &out.stderr);
}

#[test]
fn new_echoes_no_control_character_of_a_name() {
    let s = Sandbox::new();
    for name in ["bad\u{1b}]0;owned\u{7}", "bad\u{9b}6n", "rtl\u{202e}name"] {
        let out = s.run(&["new", name]);
        assert_eq!(out.status.code(), Some(2), "{name:?}: {out:?}");
        assert_inert("new", &out.stdout);
        assert_inert("new", &out.stderr);
        assert!(String::from_utf8_lossy(&out.stderr).contains("not a usable canvas name"));
    }
    assert_eq!(
        fs::read_dir(s.path("data")).unwrap().count(),
        0,
        "nothing created"
    );
}

#[test]
fn a_closed_stderr_or_stdout_is_never_a_panic() {
    let s = Sandbox::new();
    let missing = s.path("missing.ron");
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = finish(
        s.cmd()
            .args(["check", missing.to_str().unwrap()])
            .stdout(Stdio::piped())
            .stderr(writer),
    );
    assert_eq!(out.status.code(), Some(2), "not 101 (a panic): {out:?}");
    let f = s.write("ok.ron", HOSTILE);
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = finish(
        s.cmd()
            .args(["export", f.to_str().unwrap()])
            .stdout(writer)
            .stderr(Stdio::piped()),
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo");
}

#[test]
fn fifos_and_devices_are_refused_not_waited_on() {
    let s = Sandbox::new();
    let fifo = s.path("pipe.ron");
    mkfifo(&fifo);
    let p = fifo.to_str().unwrap();
    for args in [
        vec!["check", p],
        vec!["export", p],
        vec!["statement", p],
        vec![p],
    ] {
        let out = s.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("named pipe"), "{args:?}: {err}");
    }
    let out = s.run(&["check", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is a device") && !err.contains("16777217"),
        "{err}"
    );
}

/// A path that cannot be looked at (a symlink loop) is not a missing file:
/// the editor used to open it as a new, empty canvas whose every save then
/// failed ("Too many levels of symbolic links"). It is refused at once, as
/// a FIFO is, and a dangling link still opens as a new canvas.
#[test]
fn a_symlink_loop_given_to_the_editor_is_refused_not_opened_as_new() {
    let s = Sandbox::new();
    let a = s.path("loop-a.ron");
    let b = s.path("loop-b.ron");
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    let out = s.run(&[a.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("loop-a.ron") && err.contains("symbolic links"),
        "{err}"
    );
    assert!(
        !err.contains("terminal"),
        "refused before the terminal: {err}"
    );
    // A dangling link is a canvas not written yet: no load error.
    let dangling = s.path("dangling.ron");
    std::os::unix::fs::symlink(s.path("not-yet.ron"), &dangling).unwrap();
    let out = s.run(&[dangling.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("symbolic links"), "{err}");
    assert!(err.contains("terminal"), "{err}");
}

#[test]
fn a_config_that_is_a_device_or_a_fifo_is_reported_not_read() {
    let s = Sandbox::new();
    let f = s.write("ok.ron", HOSTILE);
    let fifo = s.path("config.fifo");
    mkfifo(&fifo);
    for config in [Path::new("/dev/zero"), fifo.as_path()] {
        let out = finish(
            s.cmd()
                .env("VPCANVAS_CONFIG", config)
                .args([
                    "show",
                    f.to_str().unwrap(),
                    "--width",
                    "80",
                    "--height",
                    "24",
                ])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped()),
        );
        assert!(out.status.success(), "{config:?}: {out:?}");
    }
    let (config, warning) = {
        // In-process: the warning names what is wrong.
        // SAFETY of the test: no other thread reads VPCANVAS_CONFIG here.
        let w = vpcanvas::storage::read_regular(Path::new("/dev/zero"), 1024).unwrap_err();
        ((), w.to_string())
    };
    let () = config;
    assert!(warning.contains("device"), "{warning}");
}

//! The real binary in a real terminal (issue #6: "never lose a word, never
//! garble the terminal"). Each test runs `vpcanvas` in its own tmux server
//! (a socket in a temp dir, killed on drop) through a small shell script that,
//! once vpcanvas has exited, records the exit code and `stty -a`, then idles
//! so the pane can still be inspected. Everything the program writes to the
//! terminal is also kept (`pipe-pane`), so the escape sequences that set and
//! reset its modes can be checked byte by byte.
//!
//! Conditions are awaited by polling with generous deadlines, never by
//! fixed sleeps alone.

#![allow(clippy::unwrap_used, clippy::print_stdout, clippy::print_stderr)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

use vpcanvas::canvas::file::to_ron;
use vpcanvas::canvas::{Canvas, Section};
use vpcanvas::storage::{self, SaveOptions};

const BIN: &str = env!("CARGO_BIN_EXE_vpcanvas");
/// How long to wait for anything the program should do promptly.
const DEADLINE: Duration = Duration::from_secs(10);

// ---------------------------------------------------------------------------
// A tmux server of our own

struct Tmux {
    dir: TempDir,
    sock: PathBuf,
    conf: PathBuf,
    data: PathBuf,
    home: PathBuf,
    started: bool,
}

impl Drop for Tmux {
    fn drop(&mut self) {
        if self.started {
            let _ = self.cmd().arg("kill-server").output();
        }
    }
}

fn quote(path: &Path) -> String {
    let s = path.display().to_string();
    assert!(!s.contains('\''), "unexpected quote in {s}");
    format!("'{s}'")
}

impl Tmux {
    fn new() -> Self {
        let dir = TempDir::new().unwrap();
        let root = dir.path().to_path_buf();
        let home = root.join("home");
        let data = root.join("data");
        for d in [
            &home,
            &data,
            &root.join("xdg-data"),
            &root.join("xdg-config"),
        ] {
            fs::create_dir_all(d).unwrap();
        }
        let conf = root.join("tmux.conf");
        // Windows as large as the session; OSC 52 from a pane would land in a
        // tmux buffer, where the tests can see it.
        fs::write(
            &conf,
            "set -g default-size 120x40\nset -g set-clipboard on\nset -g status off\n",
        )
        .unwrap();
        Self {
            sock: root.join("tmux.sock"),
            conf,
            data,
            home,
            dir,
            started: false,
        }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn path(&self, name: &str) -> PathBuf {
        self.root().join(name)
    }

    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.arg("-S")
            .arg(&self.sock)
            .arg("-f")
            .arg(&self.conf)
            .env_remove("TMUX")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env("HOME", &self.home)
            .env("VPCANVAS_DATA_DIR", &self.data)
            .env("XDG_DATA_HOME", self.root().join("xdg-data"))
            .env("XDG_CONFIG_HOME", self.root().join("xdg-config"));
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    fn stdout(&self, args: &[&str]) -> String {
        String::from_utf8_lossy(&self.run(args).stdout).into_owned()
    }

    /// Starts `vpcanvas FILE` in a new window called `name`, with `env`
    /// (`VAR=value ...`) before it, and waits for its first frame.
    fn start(&mut self, name: &str, file: &Path, env: &str) {
        self.start_quietly(name, file, env);
        self.wait_screen(name, "Fit:");
    }

    /// As [`Tmux::start`], without waiting for a frame.
    fn start_quietly(&mut self, name: &str, file: &Path, env: &str) {
        let p = |what: &str| quote(&self.path(&format!("{what}-{name}")));
        let script = format!(
            "export HOME={home} VPCANVAS_DATA_DIR={data} XDG_DATA_HOME={xdg_data} XDG_CONFIG_HOME={xdg_config}\n\
             unset DISPLAY WAYLAND_DISPLAY\n\
             while [ ! -e {go} ]; do sleep 0.02; done\n\
             cd {root}\n\
             {env} {bin} {file} 2> {err}\n\
             code=$?\n\
             stty -a > {stty}\n\
             echo $code > {code}.tmp\n\
             mv {code}.tmp {code}\n\
             exec sleep 120\n",
            home = quote(&self.home),
            data = quote(&self.data),
            xdg_data = quote(&self.path("xdg-data")),
            xdg_config = quote(&self.path("xdg-config")),
            go = p("go"),
            root = quote(self.root()),
            bin = quote(Path::new(BIN)),
            file = quote(file),
            err = p("err"),
            stty = p("stty"),
            code = p("code"),
        );
        let script_path = self.path(&format!("run-{name}.sh"));
        fs::write(&script_path, script).unwrap();
        let shell = format!("sh {}", quote(&script_path));
        if self.started {
            self.run(&["new-window", "-d", "-t", "main:", "-n", name, &shell]);
        } else {
            self.run(&[
                "new-session",
                "-d",
                "-s",
                "main",
                "-n",
                name,
                "-x",
                "120",
                "-y",
                "40",
                &shell,
            ]);
            self.started = true;
        }
        // Keep every byte the program writes, from its very first one.
        let raw = quote(&self.path(&format!("raw-{name}")));
        self.run(&[
            "pipe-pane",
            "-o",
            "-t",
            &target(name),
            &format!("cat >> {raw}"),
        ]);
        fs::write(self.path(&format!("go-{name}")), "").unwrap();
    }

    fn screen(&self, name: &str) -> String {
        self.stdout(&["capture-pane", "-p", "-t", &target(name)])
    }

    fn display(&self, name: &str, format: &str) -> String {
        self.stdout(&["display-message", "-p", "-t", &target(name), format])
            .trim()
            .to_owned()
    }

    fn wait_screen(&self, name: &str, needle: &str) -> String {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let screen = self.screen(name);
            if screen.contains(needle) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "{needle:?} never showed in window {name}:\n{screen}\nstderr: {}",
                fs::read_to_string(self.path(&format!("err-{name}"))).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends tmux key names (`Enter`, `F12`, `5`).
    fn keys(&self, name: &str, keys: &[&str]) {
        let t = target(name);
        let mut args = vec!["send-keys", "-t", &t];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Types text literally.
    fn type_text(&self, name: &str, text: &str) {
        self.run(&["send-keys", "-t", &target(name), "-l", text]);
    }

    /// The pid of the vpcanvas running in window `name` (a child of its shell).
    fn vpcanvas_pid(&self, name: &str) -> u32 {
        let shell: u32 = self.display(name, "#{pane_pid}").parse().unwrap();
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(pid) = children(shell)
                .into_iter()
                .find(|&pid| comm(pid).as_deref() == Some("vpcanvas"))
            {
                return pid;
            }
            assert!(Instant::now() < deadline, "no vpcanvas under pid {shell}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for vpcanvas in window `name` to exit; returns its exit code.
    fn wait_exit(&self, name: &str) -> i32 {
        let code = self.path(&format!("code-{name}"));
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Ok(text) = fs::read_to_string(&code) {
                return text.trim().parse().unwrap();
            }
            assert!(
                Instant::now() < deadline,
                "vpcanvas in window {name} did not exit:\n{}",
                self.screen(name)
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn stderr(&self, name: &str) -> String {
        fs::read_to_string(self.path(&format!("err-{name}"))).unwrap()
    }

    /// Everything the program in window `name` wrote to the terminal.
    fn raw(&self, name: &str) -> Vec<u8> {
        fs::read(self.path(&format!("raw-{name}"))).unwrap_or_default()
    }

    /// After vpcanvas exited: the terminal is as it was before.
    fn assert_restored(&self, name: &str) {
        // Line discipline: raw mode was left.
        let stty = fs::read_to_string(self.path(&format!("stty-{name}"))).unwrap();
        let flags: Vec<&str> = stty.split_whitespace().collect();
        for flag in ["icanon", "echo", "isig", "icrnl", "opost"] {
            assert!(flags.contains(&flag), "stty lacks {flag}:\n{stty}");
            let off = format!("-{flag}");
            assert!(!flags.contains(&off.as_str()), "stty has {off}:\n{stty}");
        }
        // tmux's view of the pane's modes.
        for (format, want) in [
            ("#{alternate_on}", "0"),
            ("#{cursor_flag}", "1"),
            ("#{mouse_any_flag}", "0"),
            ("#{mouse_button_flag}", "0"),
            ("#{mouse_all_flag}", "0"),
            ("#{mouse_sgr_flag}", "0"),
            ("#{keypad_flag}", "0"),
            ("#{keypad_cursor_flag}", "0"),
        ] {
            assert_eq!(
                self.display(name, format),
                want,
                "{format} in window {name}"
            );
        }
        // The alternate screen was left: the editor's frame is gone.
        let screen = self.screen(name);
        assert!(
            !screen.contains("Fit:") && !screen.contains("Value map"),
            "the editor is still on screen after exit:\n{screen}"
        );
        // The bytes: every mode it set, it reset afterwards. (tmux has no
        // format for bracketed paste, so the raw stream is the proof.)
        let deadline = Instant::now() + DEADLINE;
        let raw = loop {
            let raw = self.raw(name);
            if find_last(&raw, b"\x1b[?1049l").is_some() || Instant::now() > deadline {
                break raw;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        for mode in ["1049", "2004", "1000", "1002", "1003", "1006"] {
            let set = format!("\x1b[?{mode}h");
            let reset = format!("\x1b[?{mode}l");
            let last_set = find_last(&raw, set.as_bytes())
                .unwrap_or_else(|| panic!("mode {mode} was never set in window {name}"));
            let last_reset = find_last(&raw, reset.as_bytes());
            assert!(
                last_reset.is_some_and(|r| r > last_set),
                "mode {mode} was left on in window {name}"
            );
        }
        // The cursor, if ever hidden, is shown again.
        if let Some(hidden) = find_last(&raw, b"\x1b[?25l") {
            assert!(
                find_last(&raw, b"\x1b[?25h").is_some_and(|s| s > hidden),
                "the cursor was left hidden in window {name}"
            );
        }
    }
}

fn target(name: &str) -> String {
    format!("main:{name}")
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn contains_bytes(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The fields of /proc/PID/stat after the command name.
fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    Some(rest.split_whitespace().map(str::to_owned).collect())
}

fn comm(pid: u32) -> Option<String> {
    fs::read_to_string(format!("/proc/{pid}/comm"))
        .ok()
        .map(|s| s.trim().to_owned())
}

fn children(parent: u32) -> Vec<u32> {
    fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&pid| {
            stat_fields(pid).is_some_and(|f| f.get(1).and_then(|p| p.parse().ok()) == Some(parent))
        })
        .collect()
}

/// A process that exists and is not a zombie.
fn alive(pid: u32) -> bool {
    stat_fields(pid).is_some_and(|f| f.first().map(String::as_str) != Some("Z"))
}

fn signal(pid: u32, sig: &str) {
    let status = Command::new("kill")
        .arg(format!("-{sig}"))
        .arg(pid.to_string())
        .status()
        .unwrap();
    assert!(status.success(), "kill -{sig} {pid}");
}

fn sample(title: &str) -> Canvas {
    let mut c = Canvas::new(title);
    c.push(Section::Jobs, "Get paid on time");
    c.push(Section::Pains, "Chasing late payments");
    c
}

fn write_canvas(path: &Path, canvas: &Canvas) {
    storage::save(path, canvas, SaveOptions::default()).unwrap();
}

fn loaded(path: &Path) -> Canvas {
    storage::load(path).unwrap().canvas
}

fn pains(path: &Path) -> Vec<String> {
    loaded(path)
        .items(Section::Pains)
        .iter()
        .map(|i| i.text.clone())
        .collect()
}

/// Opens the editor on a new pain and types `text`, without Enter; waits
/// until its last word is on screen (so the program has read every key; the
/// field wraps, so the whole text need not stand on one line).
fn type_a_new_pain(t: &Tmux, name: &str, text: &str) {
    t.keys(name, &["5"]);
    t.keys(name, &["a"]);
    t.type_text(name, text);
    let tail = if text.len() <= 16 {
        text
    } else {
        text.rsplit(' ').next().unwrap_or(text)
    };
    t.wait_screen(name, tail);
}

// ---------------------------------------------------------------------------
// Leaving: q, SIGTERM, SIGHUP, a closed terminal, a panic

#[test]
fn quit_with_q_saves_the_new_item_and_restores_the_terminal() {
    let mut t = Tmux::new();
    let file = t.path("new.ron");
    assert!(!file.exists());
    t.start("w", &file, "");
    type_a_new_pain(&t, "w", "Quit keeps this");
    t.keys("w", &["Enter"]);
    t.keys("w", &["q"]);
    assert_eq!(t.wait_exit("w"), 0, "stderr: {}", t.stderr("w"));
    assert_eq!(pains(&file), ["Quit keeps this"]);
    assert_eq!(t.stderr("w"), "");
    t.assert_restored("w");
}

#[test]
fn sigterm_while_typing_keeps_the_typed_text_and_exits_143() {
    let mut t = Tmux::new();
    let file = t.path("c.ron");
    write_canvas(&file, &sample("Term"));
    t.start("w", &file, "");
    type_a_new_pain(&t, "w", "Typed before SIGTERM");
    signal(t.vpcanvas_pid("w"), "TERM");
    assert_eq!(t.wait_exit("w"), 143, "stderr: {}", t.stderr("w"));
    assert_eq!(
        pains(&file),
        ["Chasing late payments", "Typed before SIGTERM"]
    );
    t.assert_restored("w");
}

#[test]
fn sighup_while_typing_keeps_the_typed_text_and_exits_129() {
    let mut t = Tmux::new();
    let file = t.path("c.ron");
    write_canvas(&file, &sample("Hup"));
    t.start("w", &file, "");
    type_a_new_pain(&t, "w", "Typed before SIGHUP");
    signal(t.vpcanvas_pid("w"), "HUP");
    assert_eq!(t.wait_exit("w"), 129, "stderr: {}", t.stderr("w"));
    assert_eq!(
        pains(&file),
        ["Chasing late payments", "Typed before SIGHUP"]
    );
    t.assert_restored("w");
}

#[test]
fn closing_the_terminal_while_typing_ends_the_process_and_keeps_the_text() {
    let mut t = Tmux::new();
    let file = t.path("c.ron");
    write_canvas(&file, &sample("Closed"));
    t.start("w", &file, "");
    type_a_new_pain(&t, "w", "Typed, window closed");
    let pid = t.vpcanvas_pid("w");
    t.run(&["kill-server"]);
    t.started = false;
    // Gone promptly: not spinning on a dead tty.
    let deadline = Instant::now() + Duration::from_secs(3);
    while alive(pid) {
        if Instant::now() > deadline {
            signal(pid, "KILL");
            panic!("vpcanvas (pid {pid}) still ran 3 s after its terminal closed");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        pains(&file),
        ["Chasing late payments", "Typed, window closed"]
    );
}

#[test]
fn a_panic_restores_the_terminal_keeps_the_work_and_offers_it_again() {
    if !cfg!(debug_assertions) {
        eprintln!("F12 panics only in debug builds; skipped");
        return;
    }
    let mut t = Tmux::new();
    let file = t.path("c.ron");
    let before = sample("Crash");
    write_canvas(&file, &before);
    let bytes_before = fs::read(&file).unwrap();
    t.start("w", &file, "VPCANVAS_DEBUG_PANIC=1");
    type_a_new_pain(&t, "w", "Typed before the crash");
    t.keys("w", &["F12"]);
    assert_eq!(t.wait_exit("w"), 101, "stderr: {}", t.stderr("w"));

    // One line for the crash, one for where the work is.
    let err = t.stderr("w");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "stderr:\n{err}");
    assert!(
        lines[0].starts_with("vpcanvas: internal error"),
        "stderr:\n{err}"
    );
    let recovery_dir = t.data.join("recovery");
    assert!(
        lines[1].contains("unsaved work") && lines[1].contains(&recovery_dir.display().to_string()),
        "stderr:\n{err}"
    );
    t.assert_restored("w");

    // The file was not touched; the work is in the recovery folder.
    assert_eq!(fs::read(&file).unwrap(), bytes_before);
    let snapshots: Vec<PathBuf> = fs::read_dir(&recovery_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    assert_eq!(snapshots.len(), 1, "{snapshots:?}");
    assert!(lines[1].contains(&snapshots[0].display().to_string()));
    let snapshot = fs::read_to_string(&snapshots[0]).unwrap();
    assert!(snapshot.contains("Typed before the crash"), "{snapshot}");

    // The next start offers it; r recovers it into the file.
    t.start_quietly("again", &file, "");
    t.wait_screen("again", "Unsaved work found");
    t.keys("again", &["r"]);
    let deadline = Instant::now() + DEADLINE;
    while !pains(&file).contains(&"Typed before the crash".to_owned()) {
        assert!(
            Instant::now() < deadline,
            "recovered work never reached the file:\n{}",
            t.screen("again")
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    t.keys("again", &["q"]);
    assert_eq!(t.wait_exit("again"), 0, "stderr: {}", t.stderr("again"));
    assert_eq!(
        pains(&file),
        ["Chasing late payments", "Typed before the crash"]
    );
    // Safely in the file: the snapshot is gone.
    assert!(!snapshots[0].exists(), "the snapshot outlived the recovery");
    t.assert_restored("again");
}

// ---------------------------------------------------------------------------
// Two writers

#[test]
fn a_second_vpcanvas_on_the_same_file_is_read_only_until_the_first_dies() {
    let mut t = Tmux::new();
    let file = t.path("c.ron");
    write_canvas(&file, &sample("Shared"));
    let bytes = fs::read(&file).unwrap();

    t.start("one", &file, "");
    let first = t.screen("one");
    assert!(!first.contains("read-only"), "{first}");
    t.start("two", &file, "");
    let second = t.wait_screen("two", "read-only");
    assert!(
        second.lines().next().unwrap().contains("read-only"),
        "the header must say read-only:\n{second}"
    );
    // Its edits are refused, with a reason.
    t.keys("two", &["5"]);
    t.keys("two", &["d"]);
    t.wait_screen("two", "Read-only: open in another vpcanvas");
    t.keys("two", &["a"]);
    t.keys("two", &["Escape"]);
    std::thread::sleep(Duration::from_millis(150));
    t.keys("two", &["q"]);
    assert_eq!(t.wait_exit("two"), 0, "stderr: {}", t.stderr("two"));
    assert_eq!(fs::read(&file).unwrap(), bytes, "a read-only copy wrote");
    t.assert_restored("two");

    // The first one dies hard; its lock goes with it.
    signal(t.vpcanvas_pid("one"), "KILL");
    assert_eq!(t.wait_exit("one"), 137);
    t.start("three", &file, "");
    let third = t.screen("three");
    assert!(
        !third.contains("read-only"),
        "still read-only after the holder died:\n{third}"
    );
    type_a_new_pain(&t, "three", "Writable again");
    t.keys("three", &["Enter"]);
    t.keys("three", &["q"]);
    assert_eq!(t.wait_exit("three"), 0, "stderr: {}", t.stderr("three"));
    assert_eq!(pains(&file), ["Chasing late payments", "Writable again"]);
    t.assert_restored("three");
}

#[test]
fn another_program_changing_the_file_is_noticed_keep_mine_or_reload() {
    let mut t = Tmux::new();
    let file = t.path("c.ron");
    let bak = storage::backup_path(&file);
    write_canvas(&file, &sample("Mine"));

    // Keep mine: theirs goes to .bak.
    t.start("keep", &file, "");
    type_a_new_pain(&t, "keep", "My pain");
    t.keys("keep", &["Enter"]);
    let deadline = Instant::now() + DEADLINE;
    while !pains(&file).contains(&"My pain".to_owned()) {
        assert!(Instant::now() < deadline, "{}", t.screen("keep"));
        std::thread::sleep(Duration::from_millis(50));
    }
    let theirs = to_ron(&sample("Theirs, written by another program"));
    fs::write(&file, &theirs).unwrap();
    t.wait_screen("keep", "The file changed on disk");
    // It may have opened within a moment of the typing, and then ignores
    // keys for that moment (#11): let it pass, as a reader of it would.
    std::thread::sleep(vpcanvas::app::UNBIDDEN_GRACE);
    t.keys("keep", &["k"]);
    let deadline = Instant::now() + DEADLINE;
    while loaded(&file).title != "Mine" {
        assert!(Instant::now() < deadline, "{}", t.screen("keep"));
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(pains(&file), ["Chasing late payments", "My pain"]);
    assert_eq!(
        fs::read_to_string(&bak).unwrap(),
        theirs,
        "theirs is in .bak"
    );
    t.keys("keep", &["q"]);
    assert_eq!(t.wait_exit("keep"), 0, "stderr: {}", t.stderr("keep"));
    assert_eq!(loaded(&file).title, "Mine");
    t.assert_restored("keep");

    // Reload: theirs replaces mine, and quitting writes nothing over it.
    t.start("reload", &file, "");
    let theirs = to_ron(&sample("Theirs again"));
    fs::write(&file, &theirs).unwrap();
    t.wait_screen("reload", "The file changed on disk");
    t.keys("reload", &["r"]);
    t.wait_screen("reload", "Theirs again");
    t.keys("reload", &["q"]);
    assert_eq!(t.wait_exit("reload"), 0, "stderr: {}", t.stderr("reload"));
    assert_eq!(fs::read_to_string(&file).unwrap(), theirs);
    t.assert_restored("reload");
}

// ---------------------------------------------------------------------------
// Hostile text

fn hostile() -> Canvas {
    let mut c = Canvas::new("Evil\u{1b}[2J title\u{202e}desrever");
    c.segment = "seg\u{1b}]0;pwned\u{07}ment".into();
    c.push(Section::Pains, "clear\u{1b}[2Jscreen");
    c.push(Section::Gains, "osc\u{1b}]52;c;SGVsbG8=\u{07}end");
    c.push(Section::Jobs, "bidi \u{202e}reversed\u{202c} text");
    c.push(
        Section::Products,
        "bell\u{07} bs\u{08} cr\r nl\n tab\t del\u{7f} csi\u{9b}31m nul\u{0}",
    );
    c.push(
        Section::Relievers,
        "title\u{1b}]2;x\u{1b}\\ move\u{1b}[10;10H",
    );
    c
}

#[test]
fn control_characters_escapes_and_bidi_never_reach_the_terminal() {
    let mut t = Tmux::new();
    let file = t.path("evil.ron");
    write_canvas(&file, &hostile());
    assert_eq!(loaded(&file), hostile(), "the file keeps the text as it is");

    // Headless: `show` prints nothing a terminal would act on.
    let out = Command::new(BIN)
        .args(["show", "--width", "120", "--height", "40"])
        .arg(&file)
        .env("VPCANVAS_DATA_DIR", &t.data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown = String::from_utf8(out.stdout).unwrap();
    assert!(shown.contains("Fit:"), "{shown}");
    for c in shown.chars() {
        let bidi = ('\u{202a}'..='\u{202e}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c);
        assert!(
            c == '\n' || !(c.is_control() || bidi),
            "show printed {c:?}:\n{shown}"
        );
    }
    assert!(
        shown.contains("screen") && shown.contains("reversed"),
        "{shown}"
    );

    // In the editor: the frame stays whole.
    t.start("w", &file, "");
    let screen = t.screen("w");
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[0].contains("evil.ron"), "header garbled:\n{screen}");
    assert!(lines[1].contains("Value map") && lines[1].contains("Customer profile"));
    assert!(
        lines.iter().rev().take(3).any(|l| l.contains("Fit:")),
        "the footer is gone:\n{screen}"
    );
    assert!(
        screen.contains("reversed") && screen.contains("screen"),
        "{screen}"
    );
    // The window title was not set and nothing reached the clipboard.
    assert_ne!(t.display("w", "#{pane_title}"), "pwned");
    assert_ne!(t.display("w", "#{pane_title}"), "x");
    let buffers = t.stdout(&["list-buffers"]);
    assert_eq!(buffers, "", "OSC 52 reached tmux: {buffers}");
    t.keys("w", &["q"]);
    assert_eq!(t.wait_exit("w"), 0, "stderr: {}", t.stderr("w"));
    t.assert_restored("w");
    let raw = t.raw("w");
    for bad in [
        "\u{202e}".as_bytes(),
        "\u{9b}".as_bytes(),
        b"\x1b]52",
        b"\x1b]0;",
        b"\x1b]2;",
        b"\x07",
        b"\x08",
        b"\x00",
    ] {
        assert!(
            !contains_bytes(&raw, bad),
            "{bad:?} was written to the terminal"
        );
    }
    // The file was not rewritten by opening and quitting.
    assert_eq!(loaded(&file), hostile());
}

#[test]
fn wide_characters_at_the_right_edge_are_never_split() {
    let tmp = TempDir::new().unwrap();
    let file = tmp.path().join("cjk.ron");
    let mut c = Canvas::new("日本語のタイトル");
    c.segment = "フリーランスのデザイナー".into();
    for (i, section) in Section::ALL.into_iter().enumerate() {
        // Odd and even offsets, so some wide character meets every edge.
        let pad = "a".repeat(i % 3);
        c.push(section, format!("{pad}請求書を期限内に支払ってもらう仕事"));
        c.push(
            section,
            format!("{pad}a日本語テキストの項目ですよ😀よろしく"),
        );
        c.push(section, "漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字");
    }
    write_canvas(&file, &c);
    for width in 30..=60u16 {
        for height in [12u16, 30] {
            let out = Command::new(BIN)
                .arg("show")
                .arg("--width")
                .arg(width.to_string())
                .arg("--height")
                .arg(height.to_string())
                .arg(&file)
                .env("VPCANVAS_DATA_DIR", tmp.path())
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{width}x{height}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let shown = String::from_utf8(out.stdout).unwrap();
            assert!(
                shown.lines().count() <= usize::from(height),
                "{width}x{height}:\n{shown}"
            );
            for line in shown.lines() {
                assert!(
                    line.width() <= usize::from(width),
                    "a line wider than {width} columns ({}):\n{line}\n\n{shown}",
                    line.width()
                );
                assert!(!line.contains('\u{fffd}'), "{width}x{height}:\n{shown}");
            }
            if height == 30 {
                assert!(
                    shown.contains("請求") || shown.contains("漢字"),
                    "{width}x{height}: no wide text drawn at all:\n{shown}"
                );
            }
        }
    }
}

/// Issue #12: `mouse: false` in config.ron (or `--no-mouse`) leaves the
/// mouse to the terminal, so its own text selection works.
#[test]
fn mouse_capture_can_be_left_to_the_terminal() {
    let mut t = Tmux::new();
    let (on, off) = (t.path("on.ron"), t.path("off.ron"));
    write_canvas(&on, &sample("Mouse on"));
    write_canvas(&off, &sample("Mouse off"));
    let config = t.path("no-mouse.ron");
    fs::write(&config, "(mouse: false)").unwrap();
    t.start("on", &on, "");
    t.start("off", &off, &format!("VPCANVAS_CONFIG={}", quote(&config)));
    let raw = |name: &str| {
        String::from_utf8_lossy(&fs::read(t.path(&format!("raw-{name}"))).unwrap()).into_owned()
    };
    assert!(
        raw("on").contains("\u{1b}[?1000h"),
        "the mouse is taken by default"
    );
    assert!(
        !raw("off").contains("\u{1b}[?1000h"),
        "mouse: false leaves it"
    );
    for name in ["on", "off"] {
        t.keys(name, &["q"]);
        assert_eq!(t.wait_exit(name), 0, "stderr: {}", t.stderr(name));
    }
}

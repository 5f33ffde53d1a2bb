//! End to end: the real binary in a real pseudo-terminal (tmux), checking the
//! screen, the file on disk, and that the terminal is restored after exit.
//!
//! Every test starts its own tmux server (`-S` a socket inside the test's
//! temp dir, no user config) and kills it when done, even on failure. Synchronisation is by
//! polling the pane for a condition with a deadline, never by sleeping alone.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use vpcanvas::canvas::file::parse;
use vpcanvas::canvas::{Canvas, Section};

const BIN: &str = env!("CARGO_BIN_EXE_vpcanvas");
const DEADLINE: Duration = Duration::from_secs(15);

/// A tmux server with one 120×40 session running a command; killed on drop.
struct Tmux {
    socket: PathBuf,
    session: String,
    home: tempfile::TempDir,
}

impl Tmux {
    /// Starts `command` (a shell command line) in a fresh server, with HOME,
    /// the XDG data dir and `VPCANVAS_DATA_DIR` inside a temp dir.
    fn start(name: &str, command: &str) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let home = tempfile::tempdir().unwrap();
        let tmux = Self {
            socket: home.path().join("tmux.sock"),
            session: format!("{name}{n}"),
            home,
        };
        let mut cmd = tmux.command();
        cmd.args(["new-session", "-d", "-x", "120", "-y", "40", "-s"])
            .arg(&tmux.session)
            .arg(command);
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "tmux new-session: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        tmux
    }

    /// A `tmux` command on this test's server, with a clean environment.
    fn command(&self) -> Command {
        let mut cmd = Command::new("tmux");
        cmd.arg("-S").arg(&self.socket).args(["-f", "/dev/null"]);
        self.env(&mut cmd);
        cmd
    }

    fn env(&self, cmd: &mut Command) {
        let home = self.home.path();
        cmd.env("HOME", home)
            .env("XDG_DATA_HOME", home.join("xdg-data"))
            .env("XDG_CONFIG_HOME", home.join("xdg-config"))
            .env("VPCANVAS_DATA_DIR", home.join("data"))
            .env("SHELL", "/bin/sh")
            .env("LANG", "C.UTF-8")
            .env("LC_ALL", "C.UTF-8")
            .env("TERM", "xterm-256color")
            .env_remove("TMUX")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("NO_COLOR");
    }

    fn tmux(&self, args: &[&str]) -> Output {
        let out = self.command().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Sends tmux key names (`Enter`, `Space`, `q`).
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.session];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Types text literally.
    fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", &self.session, "-l", text]);
    }

    /// Escape on its own, then a pause so the next key is not read as Alt-key.
    fn escape(&self) {
        self.keys(&["Escape"]);
        std::thread::sleep(Duration::from_millis(150));
    }

    /// Pastes text as a terminal does (bracketed, when the program asked for it).
    fn paste(&self, text: &str) {
        self.tmux(&["set-buffer", "-b", "e2e", text]);
        self.tmux(&["paste-buffer", "-p", "-d", "-b", "e2e", "-t", &self.session]);
    }

    /// The pane as text, wrapped lines joined.
    fn screen(&self) -> String {
        let out = self.tmux(&["capture-pane", "-p", "-J", "-t", &self.session]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The pane with its SGR escape codes.
    fn screen_with_styles(&self) -> String {
        let out = self.tmux(&["capture-pane", "-p", "-e", "-t", &self.session]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A pane format variable, e.g. `alternate_on`.
    fn format(&self, var: &str) -> String {
        let out = self.tmux(&[
            "display-message",
            "-p",
            "-t",
            &self.session,
            &format!("#{{{var}}}"),
        ]);
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// Waits until the screen satisfies `ok`; fails with the screen after the deadline.
    fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {what}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    fn wait_for_text(&self, text: &str) -> String {
        self.wait_for(&format!("{text:?}"), |s| s.contains(text))
    }

    /// The pid of the process the pane's shell is running.
    fn child_pid(&self) -> String {
        let shell = self.format("pane_pid");
        let children =
            std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).unwrap();
        children.split_whitespace().next().unwrap().to_owned()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").output();
    }
}

/// The shell command that runs the editor on `file`, then reports how it
/// ended and the terminal's modes, and stays so the pane can be read.
fn editor_command(file: &Path, env: &str) -> String {
    format!(
        "{env} '{}' '{}'; echo EXIT=$?; stty -a; sleep 60",
        BIN,
        file.display()
    )
}

/// Whether a pain's list row shows the flag: "!  ●●○ Late payments" (the
/// cell between them is kept for the evidence status).
fn flagged(screen: &str, item: &str) -> bool {
    screen.lines().any(|l| {
        l.contains(&format!("!  ●●○ {item}"))
            || l.contains(&format!("!  ●●● {item}"))
            || l.contains(&format!("!  ●○○ {item}"))
    })
}

fn row_shown(screen: &str, item: &str) -> bool {
    screen.lines().any(|l| l.contains(&format!("●○ {item}")))
}

/// `stty -a` printed after the editor left: the terminal is back in cooked mode.
fn assert_terminal_restored(tmux: &Tmux, screen: &str) {
    let after = screen.split("EXIT=").nth(1).unwrap();
    let flags: Vec<&str> = after.split([' ', ';', '\n']).collect();
    for flag in ["icanon", "echo", "isig", "icrnl", "opost"] {
        assert!(flags.contains(&flag), "{flag} is off after exit:\n{after}");
        assert!(
            !flags.contains(&format!("-{flag}").as_str()),
            "-{flag} after exit:\n{after}"
        );
    }
    assert_eq!(
        tmux.format("alternate_on"),
        "0",
        "still on the alternate screen"
    );
    for var in [
        "mouse_any_flag",
        "mouse_button_flag",
        "mouse_standard_flag",
        "mouse_sgr_flag",
    ] {
        assert_eq!(tmux.format(var), "0", "{var} still set after exit");
    }
    assert_eq!(tmux.format("cursor_flag"), "1", "cursor hidden after exit");
}

#[test]
fn edit_in_a_real_terminal_then_quit_restores_it() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("pitch.ron");
    let tmux = Tmux::start("edit", &editor_command(&file, ""));

    tmux.wait_for_text("pitch.ron");
    // While it runs: the alternate screen and mouse reporting are on, so the
    // checks after exit below can fail.
    assert_eq!(tmux.format("alternate_on"), "1");
    assert_eq!(tmux.format("mouse_any_flag"), "1");
    assert!(!file.exists(), "written before the first edit");

    // Add a pain: it shows, flagged.
    tmux.keys(&["5", "a"]);
    tmux.type_text("Late payments");
    tmux.wait_for_text("› Late payments");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("the flagged pain", |s| flagged(s, "Late payments"));
    assert!(screen.contains("Pains (1) · 1 !"), "{screen}");

    // Esc cancels an add (Escape alone, as a person presses it).
    tmux.keys(&["a"]);
    tmux.type_text("oops");
    tmux.wait_for_text("› oops");
    tmux.escape();
    tmux.wait_for("the cancelled add to go", |s| !s.contains("oops"));

    // Add a reliever by pasting two lines: bracketed paste keeps it one item.
    tmux.keys(&["3", "a"]);
    tmux.wait_for_text("Enter keeps");
    tmux.paste("Auto\nreminders");
    tmux.wait_for_text("› Auto reminders");
    tmux.keys(&["Enter"]);
    tmux.wait_for_text("Pain relievers (1)");

    // Link it to the pain: the flag goes.
    tmux.keys(&["m"]);
    tmux.wait_for_text("Pains it relieves");
    tmux.keys(&["Space", "Enter"]);
    let screen = tmux.wait_for("the flag to go", |s| {
        !s.contains("Pains it relieves") && row_shown(s, "Late payments")
    });
    assert!(!flagged(&screen, "Late payments"), "{screen}");
    assert!(!screen.contains("Pains (1) · 1 !"), "{screen}");

    tmux.keys(&["q"]);
    let screen = tmux.wait_for("exit and stty", |s| {
        s.contains("EXIT=") && s.contains("icanon")
    });
    assert!(screen.contains("EXIT=0"), "{screen}");
    assert_terminal_restored(&tmux, &screen);
    // The shell's own screen: nothing of the editor is left on it.
    assert!(!screen.contains("Customer profile"), "{screen}");

    let canvas = parse(&std::fs::read_to_string(&file).unwrap())
        .unwrap()
        .canvas;
    let pains = canvas.items(Section::Pains);
    let relievers = canvas.items(Section::Relievers);
    assert_eq!(pains.len(), 1);
    assert_eq!(pains[0].text, "Late payments");
    assert_eq!(relievers.len(), 1);
    assert_eq!(relievers[0].text, "Auto reminders");
    assert_eq!(relievers[0].links, [pains[0].id]);
}

#[test]
fn sigterm_while_typing_saves_the_text_and_restores_the_terminal() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("pitch.ron");
    let tmux = Tmux::start("sigterm", &editor_command(&file, ""));
    tmux.wait_for_text("pitch.ron");
    tmux.keys(&["6", "a"]);
    tmux.type_text("Half typed");
    tmux.wait_for_text("› Half typed");

    let pid = tmux.child_pid();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success());

    let screen = tmux.wait_for("exit and stty", |s| {
        s.contains("EXIT=") && s.contains("icanon")
    });
    // 128 + SIGTERM.
    assert!(screen.contains("EXIT=143"), "{screen}");
    assert_terminal_restored(&tmux, &screen);
    let canvas = parse(&std::fs::read_to_string(&file).unwrap())
        .unwrap()
        .canvas;
    assert_eq!(canvas.items(Section::Jobs)[0].text, "Half typed");
}

/// Parameters of the SGR sequences in `styled` that set a colour.
fn colour_codes(styled: &str) -> Vec<String> {
    let mut found = Vec::new();
    for seq in styled.split("\x1b[").skip(1) {
        let Some(end) = seq.find('m') else { continue };
        let params = &seq[..end];
        if !params.chars().all(|c| c.is_ascii_digit() || c == ';') {
            continue;
        }
        let colours = params.split(';').any(|p| {
            matches!(
                p.parse::<u16>(),
                Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)
            )
        });
        if colours {
            found.push(params.to_owned());
        }
    }
    found
}

#[test]
fn no_color_means_no_colour_on_the_real_screen() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("pitch.ron");
    let mut canvas = Canvas::new("Colours");
    canvas.push(Section::Pains, "Late payments");
    vpcanvas::storage::create(&file, &canvas).unwrap();

    let coloured = Tmux::start("colour", &editor_command(&file, ""));
    coloured.wait_for("the flagged pain", |s| flagged(s, "Late payments"));
    let styled = coloured.screen_with_styles();
    assert!(
        !colour_codes(&styled).is_empty(),
        "expected colours without NO_COLOR:\n{styled}"
    );
    coloured.keys(&["q"]);
    coloured.wait_for_text("EXIT=0");
    drop(coloured);

    let plain = Tmux::start("nocolor", &editor_command(&file, "NO_COLOR=1"));
    let screen = plain.wait_for("the flagged pain", |s| flagged(s, "Late payments"));
    assert!(screen.contains("Pains (1) · 1 !"), "{screen}");
    let styled = plain.screen_with_styles();
    assert_eq!(colour_codes(&styled), Vec::<String>::new(), "{styled}");
    plain.keys(&["q"]);
    plain.wait_for_text("EXIT=0");
}

#[test]
fn without_a_terminal_the_editor_says_so_and_exits_2() {
    let home = tempfile::tempdir().unwrap();
    let file: PathBuf = home.path().join("pitch.ron");
    let out = Command::new(BIN)
        .arg(&file)
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("xdg"))
        .env("VPCANVAS_DATA_DIR", home.path().join("data"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("terminal"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("RUST_BACKTRACE"), "{stderr}");
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(!file.exists());
}

/// Issue #12: going to the library and back to an unchanged canvas keeps the
/// editor as it was: the undo history survives (it used to reload from disk).
#[test]
fn library_and_back_keeps_the_undo_history() {
    let tmux = Tmux::start(
        "back",
        &format!(
            "mkdir -p \"$VPCANVAS_DATA_DIR\" && cd \"$VPCANVAS_DATA_DIR\" && '{BIN}' pitch.ron; echo EXIT=$?; sleep 60"
        ),
    );
    let file = tmux.home.path().join("data/pitch.ron");
    tmux.wait_for_text("pitch.ron");
    tmux.keys(&["5", "a"]);
    tmux.type_text("Late payments");
    tmux.keys(&["Enter"]);
    tmux.wait_for("the pain, saved", |s| {
        row_shown(s, "Late payments") && s.contains("· saved")
    });
    tmux.keys(&["o"]);
    tmux.wait_for_text("your canvases");
    tmux.escape();
    tmux.wait_for("the canvas again", |s| {
        !s.contains("your canvases") && row_shown(s, "Late payments")
    });
    tmux.keys(&["u"]);
    let screen = tmux.wait_for("the undo", |s| !row_shown(s, "Late payments"));
    assert!(screen.contains("Undone"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_for_text("EXIT=0");
    let canvas = parse(&std::fs::read_to_string(&file).unwrap())
        .unwrap()
        .canvas;
    assert!(canvas.items(Section::Pains).is_empty(), "{canvas:?}");
}

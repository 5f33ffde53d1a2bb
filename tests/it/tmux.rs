//! One tmux harness for every test of the real binary in a real terminal.
//! Each test runs `vpcanvas` in its own tmux server (a socket in a temp dir,
//! no user config, killed on drop), one window per program, through a small
//! shell script that, once vpcanvas has exited, records the exit code and
//! `stty -a`, then idles so the pane can still be inspected. The script
//! ignores SIGHUP while vpcanvas runs, so it outlives a closed terminal
//! ([`Tmux::hang_up`]) and still records how vpcanvas ended; once the
//! terminal is known to be there it takes SIGHUP again, so closing the
//! server never leaves the idling shell behind. Everything the
//! program writes to the terminal is also kept (`pipe-pane`), so the escape
//! sequences that set and reset its modes can be checked byte by byte.
//!
//! Conditions are awaited with deadlines ([`wait`](crate::wait)), never by
//! sleeping.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use tempfile::TempDir;

use crate::wait;

pub const BIN: &str = env!("CARGO_BIN_EXE_vpcanvas");
/// How long to wait for anything the program should do promptly.
pub const DEADLINE: Duration = Duration::from_secs(10);

/// How [`Tmux::launch`] starts vpcanvas.
#[derive(Default)]
pub struct Launch<'a> {
    /// The canvas to open; `None` opens the library.
    pub file: Option<&'a Path>,
    /// `VAR=value …` put before the command.
    pub env: &'a str,
    /// Leave stderr on the terminal, as a user has it, rather than in a file.
    pub stderr_on_terminal: bool,
    /// Words before the file (a command such as `room`).
    pub args: &'a str,
}

pub struct Tmux {
    dir: TempDir,
    sock: PathBuf,
    conf: PathBuf,
    pub data: PathBuf,
    pub home: PathBuf,
    /// Whether the server runs (false once a test killed it on purpose).
    pub started: bool,
}

impl Drop for Tmux {
    fn drop(&mut self) {
        if self.started {
            let _ = self.cmd().arg("kill-server").output();
        }
    }
}

pub fn quote(path: &Path) -> String {
    let s = path.display().to_string();
    assert!(!s.contains('\''), "unexpected quote in {s}");
    format!("'{s}'")
}

impl Tmux {
    pub fn new() -> Self {
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

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.root().join(name)
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.arg("-S")
            .arg(&self.sock)
            .arg("-f")
            .arg(&self.conf)
            .env_remove("TMUX")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("NO_COLOR")
            .env("HOME", &self.home)
            .env("VPCANVAS_DATA_DIR", &self.data)
            .env("XDG_DATA_HOME", self.root().join("xdg-data"))
            .env("XDG_CONFIG_HOME", self.root().join("xdg-config"));
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    pub fn stdout(&self, args: &[&str]) -> String {
        String::from_utf8_lossy(&self.run(args).stdout).into_owned()
    }

    /// Starts `vpcanvas FILE` in a new window called `name`, with `env`
    /// (`VAR=value ...`) before it, and waits for its first frame.
    pub fn start(&mut self, name: &str, file: &Path, env: &str) {
        self.start_quietly(name, file, env);
        self.wait_screen(name, "Fit:");
    }

    /// As [`Tmux::start`], without waiting for a frame.
    pub fn start_quietly(&mut self, name: &str, file: &Path, env: &str) {
        self.launch(
            name,
            &Launch {
                file: Some(file),
                env,
                ..Launch::default()
            },
        );
    }

    /// Starts vpcanvas in a new window called `name` as `how` says, without
    /// waiting for a frame.
    pub fn launch(&mut self, name: &str, how: &Launch<'_>) {
        let p = |what: &str| quote(&self.path(&format!("{what}-{name}")));
        let script = format!(
            "trap '' HUP\n\
             export HOME={home} VPCANVAS_DATA_DIR={data} XDG_DATA_HOME={xdg_data} XDG_CONFIG_HOME={xdg_config}\n\
             unset DISPLAY WAYLAND_DISPLAY NO_COLOR\n\
             while [ ! -e {go} ]; do sleep 0.02; done\n\
             cd {root}\n\
             {env} {bin} {args} {file} {stderr}\n\
             code=$?\n\
             if stty -a > {stty} 2>&1; then trap - HUP; else gone=1; fi\n\
             echo $code > {code}.tmp\n\
             mv {code}.tmp {code}\n\
             [ -z \"$gone\" ] || exit 0\n\
             exec sleep 120\n",
            home = quote(&self.home),
            data = quote(&self.data),
            xdg_data = quote(&self.path("xdg-data")),
            xdg_config = quote(&self.path("xdg-config")),
            go = p("go"),
            root = quote(self.root()),
            env = how.env,
            bin = quote(Path::new(BIN)),
            args = how.args,
            file = how.file.map(quote).unwrap_or_default(),
            stderr = if how.stderr_on_terminal {
                String::new()
            } else {
                format!("2> {}", p("err"))
            },
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

    pub fn screen(&self, name: &str) -> String {
        self.stdout(&["capture-pane", "-p", "-t", &target(name)])
    }

    pub fn display(&self, name: &str, format: &str) -> String {
        self.stdout(&["display-message", "-p", "-t", &target(name), format])
            .trim()
            .to_owned()
    }

    /// The pane with its SGR escape codes (colours, bold, …).
    pub fn screen_with_styles(&self, name: &str) -> String {
        self.stdout(&["capture-pane", "-p", "-e", "-t", &target(name)])
    }

    /// Waits until the screen of window `name` satisfies `ok` and returns it;
    /// fails with the screen and stderr after the deadline.
    pub fn wait_for(&self, name: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
        wait::until(
            DEADLINE,
            || Some(self.screen(name)).filter(|s| ok(s)),
            || {
                format!(
                    "{what} never showed in window {name}:\n{}\nstderr: {}",
                    self.screen(name),
                    fs::read_to_string(self.path(&format!("err-{name}"))).unwrap_or_default()
                )
            },
        )
    }

    pub fn wait_screen(&self, name: &str, needle: &str) -> String {
        self.wait_for(name, &format!("{needle:?}"), |s| s.contains(needle))
    }

    /// Waits until `needle` is no longer on the screen of window `name`.
    pub fn wait_gone(&self, name: &str, needle: &str) -> String {
        self.wait_for(name, &format!("no {needle:?}"), |s| !s.contains(needle))
    }

    /// Closes every window's terminal at once, as closing a terminal
    /// emulator does: the server goes, the ptys hang up.
    pub fn hang_up(&mut self) {
        self.run(&["kill-server"]);
        self.started = false;
    }

    /// Sends tmux key names (`Enter`, `F12`, `5`).
    pub fn keys(&self, name: &str, keys: &[&str]) {
        let t = target(name);
        let mut args = vec!["send-keys", "-t", &t];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Types text literally.
    pub fn type_text(&self, name: &str, text: &str) {
        self.run(&["send-keys", "-t", &target(name), "-l", text]);
    }

    /// Pastes text as a terminal does (bracketed, when the program asked for it).
    pub fn paste(&self, name: &str, text: &str) {
        self.run(&["set-buffer", "-b", name, text]);
        self.run(&["paste-buffer", "-p", "-d", "-b", name, "-t", &target(name)]);
    }

    /// The pid of the vpcanvas running in window `name` (a child of its shell).
    pub fn vpcanvas_pid(&self, name: &str) -> u32 {
        let shell: u32 = self.display(name, "#{pane_pid}").parse().unwrap();
        wait::until(
            DEADLINE,
            || {
                children(shell)
                    .into_iter()
                    .find(|&pid| comm(pid).as_deref() == Some("vpcanvas"))
            },
            || format!("no vpcanvas under pid {shell}"),
        )
    }

    /// Waits for vpcanvas in window `name` to exit; returns its exit code.
    pub fn wait_exit(&self, name: &str) -> i32 {
        let code = self.path(&format!("code-{name}"));
        let text = wait::until(
            DEADLINE,
            || fs::read_to_string(&code).ok(),
            || {
                let screen = if self.started {
                    self.screen(name)
                } else {
                    "(its terminal was closed)".to_owned()
                };
                format!("vpcanvas in window {name} did not exit:\n{screen}")
            },
        );
        text.trim().parse().unwrap()
    }

    /// What vpcanvas wrote to stderr (nothing when it was left on the terminal).
    pub fn stderr(&self, name: &str) -> String {
        fs::read_to_string(self.path(&format!("err-{name}"))).unwrap_or_default()
    }

    /// Everything the program in window `name` wrote to the terminal.
    pub fn raw(&self, name: &str) -> Vec<u8> {
        fs::read(self.path(&format!("raw-{name}"))).unwrap_or_default()
    }

    /// After vpcanvas exited: the terminal is as it was before.
    pub fn assert_restored(&self, name: &str) {
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
        let raw = wait::until(
            DEADLINE,
            || Some(self.raw(name)).filter(|raw| find_last(raw, b"\x1b[?1049l").is_some()),
            || format!("window {name} never left the alternate screen"),
        );
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

pub fn target(name: &str) -> String {
    format!("main:{name}")
}

pub fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

pub fn contains_bytes(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The fields of /proc/PID/stat after the command name.
pub fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    Some(rest.split_whitespace().map(str::to_owned).collect())
}

pub fn comm(pid: u32) -> Option<String> {
    fs::read_to_string(format!("/proc/{pid}/comm"))
        .ok()
        .map(|s| s.trim().to_owned())
}

pub fn children(parent: u32) -> Vec<u32> {
    fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&pid| {
            stat_fields(pid).is_some_and(|f| f.get(1).and_then(|p| p.parse().ok()) == Some(parent))
        })
        .collect()
}

/// A process that exists and is not a zombie.
pub fn alive(pid: u32) -> bool {
    stat_fields(pid).is_some_and(|f| f.first().map(String::as_str) != Some("Z"))
}

pub fn signal(pid: u32, sig: &str) {
    let status = Command::new("kill")
        .arg(format!("-{sig}"))
        .arg(pid.to_string())
        .status()
        .unwrap();
    assert!(status.success(), "kill -{sig} {pid}");
}

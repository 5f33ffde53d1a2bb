//! The budgets (issue #26), each measured side by side in one run and
//! printed next to its figure: whole processes as a user runs them (the
//! release `vpcanvas`, `examples/bare_frame`, `examples/edit_memory`) on a
//! synthetic 100,000-item canvas, in alternating rounds, and the keystroke
//! path in this process.
//!
//! A whole process is measured by a helper: this bench binary run again with
//! [`HELPER`] set, which starts the command, waits for it and prints its wall
//! time, its CPU time (user + system) and its peak resident memory, as the
//! kernel counts them for a child (`getrusage(RUSAGE_CHILDREN)`: the helper
//! has no other child, so the figures are the command's alone).
//!
//! Verdicts go by CPU time: on a machine shared with other builds a process
//! waits for a core for longer than it runs, and CPU time does not count the
//! wait. Wall-clock medians are printed beside it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use nix::sys::resource::{UsageWho, getrusage};
use nix::sys::time::TimeValLike;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use vpcanvas::app::{Action, App, RuntimeEvent, TextEdit};
use vpcanvas::canvas::Section;

/// Set (to anything) in the helper's environment.
const HELPER: &str = "VPCANVAS_BENCH_HELPER";

/// Items in the large canvas.
const ITEMS: usize = 100_000;

/// Rounds of the large-canvas commands, and pairs of start-ups.
const ROUNDS: usize = 7;
const PAIRS: usize = 101;

/// One whole process: how long it took, how much CPU, how much memory.
#[derive(Debug, Clone, Copy)]
struct Run {
    wall: Duration,
    cpu: Duration,
    peak_kb: u64,
    /// Pages it touched for the first time (minor page faults).
    faults: u64,
}

/// In the helper: runs the command in the arguments (its output thrown
/// away) and prints `wall_us cpu_us peak_kb exit faults`; returns whether this is
/// the helper.
pub fn helper() -> bool {
    if std::env::var_os(HELPER).is_none() {
        return false;
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let start = Instant::now();
    let status = std::process::Command::new(&args[0])
        .args(&args[1..])
        .stdout(Stdio::null())
        .status()
        .expect("the command starts");
    let wall = start.elapsed();
    let usage = getrusage(UsageWho::RUSAGE_CHILDREN).expect("getrusage");
    let cpu = usage.user_time().num_microseconds() + usage.system_time().num_microseconds();
    println!(
        "{} {cpu} {} {} {}",
        wall.as_micros(),
        usage.max_rss(),
        status.code().unwrap_or(-1),
        usage.minor_page_faults()
    );
    true
}

/// Runs `program args` through the helper.
fn run(program: &Path, args: &[&str], env: &Env) -> Run {
    let out = std::process::Command::new(std::env::current_exe().expect("the bench binary"))
        .env(HELPER, "1")
        .env("VPCANVAS_DATA_DIR", env.dir.join("data"))
        .env("XDG_CONFIG_HOME", env.dir.join("config"))
        .arg(program)
        .args(args)
        .output()
        .expect("the helper runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let fields: Vec<u64> = text
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(u64::MAX))
        .collect();
    assert!(
        fields.len() == 5 && fields[3] == 0,
        "{} {args:?} failed: {text} {}",
        program.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    Run {
        wall: Duration::from_micros(fields[0]),
        cpu: Duration::from_micros(fields[1]),
        peak_kb: fields[2],
        faults: fields[4],
    }
}

/// Where the programs and the canvases are.
struct Env {
    vpcanvas: PathBuf,
    bare_frame: PathBuf,
    edit_memory: PathBuf,
    dir: PathBuf,
}

impl Env {
    fn new(dir: &Path) -> Env {
        let vpcanvas = PathBuf::from(env!("CARGO_BIN_EXE_vpcanvas"));
        let examples = vpcanvas.with_file_name("examples");
        let env = Env {
            bare_frame: examples.join("bare_frame"),
            edit_memory: examples.join("edit_memory"),
            vpcanvas,
            dir: dir.to_owned(),
        };
        let canvas = vpcanvas::synth::synthetic(ITEMS, 7);
        std::fs::write(env.big(), vpcanvas::canvas::file::to_ron(&canvas)).expect("written");
        std::fs::write(
            env.example(),
            vpcanvas::examples::Example::Invoicing.source(),
        )
        .expect("written");
        env
    }

    fn big(&self) -> PathBuf {
        self.dir.join("big.ron")
    }

    fn example(&self) -> PathBuf {
        self.dir.join("invoicing.ron")
    }

    /// Whether the example programs are built, with `vpcanvas` (linked
    /// within a minute of it, as one `cargo build` links them).
    fn examples_fresh(&self) -> bool {
        let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
        let Some(ours) = modified(&self.vpcanvas) else {
            return false;
        };
        let earliest = ours - Duration::from_secs(60);
        [&self.bare_frame, &self.edit_memory]
            .iter()
            .all(|p| modified(p).is_some_and(|t| t >= earliest))
    }
}

fn median<T: Copy + Ord>(mut values: Vec<T>) -> T {
    values.sort_unstable();
    values[values.len() / 2]
}

fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

fn mb(kb: u64) -> String {
    format!("{:.1} MB", kb as f64 / 1024.0)
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "NOT MET" }
}

/// A command on the large canvas and its budget: at most `times` the CPU
/// time of `check`, under `mb` MB at its peak (`check` itself has none).
struct Command {
    name: &'static str,
    args: Vec<String>,
    budget: Option<(f64, u64)>,
}

/// The large-canvas commands, `check` first (the yardstick).
fn commands(big: &str) -> Vec<Command> {
    let command = |name, args: &[&str], budget| Command {
        name,
        args: args.iter().map(|s| (*s).to_owned()).collect(),
        budget,
    };
    vec![
        command("check", &["check", big], None),
        command(
            "show --width 200 --height 60",
            &["show", big, "--width", "200", "--height", "60"],
            Some((1.5, 70)),
        ),
        command(
            "export --format md",
            &["export", big, "--format", "md"],
            Some((1.5, 70)),
        ),
        command(
            "export --format json",
            &["export", big, "--format", "json"],
            Some((1.5, 70)),
        ),
        command(
            "export --format txt",
            &["export", big, "--format", "txt"],
            Some((1.5, 70)),
        ),
        command("lint", &["lint", big], Some((2.0, 90))),
    ]
}

/// The large-canvas commands in alternating rounds; a table row each.
fn large(env: &Env, out: &mut String) {
    let big = env.big().display().to_string();
    let commands = commands(&big);
    let mut runs: Vec<Vec<Run>> = vec![Vec::new(); commands.len()];
    for _ in 0..ROUNDS {
        for (i, command) in commands.iter().enumerate() {
            let args: Vec<&str> = command.args.iter().map(String::as_str).collect();
            runs[i].push(run(&env.vpcanvas, &args, env));
        }
    }
    let cpu = |i: usize| median(runs[i].iter().map(|r| r.cpu).collect());
    let check = cpu(0);
    for (i, command) in commands.iter().enumerate() {
        let wall = median(runs[i].iter().map(|r| r.wall).collect());
        let peak = median(runs[i].iter().map(|r| r.peak_kb).collect());
        let ratio = cpu(i).as_secs_f64() / check.as_secs_f64();
        let (budget, met) = match command.budget {
            Some((times, mb)) => (
                format!("≤ {times}× check, < {mb} MB"),
                verdict(ratio <= times && peak < mb * 1024),
            ),
            None => ("(the yardstick)".to_owned(), ""),
        };
        let _ = writeln!(
            out,
            "{:<38} {:<24} {:>5.2}× {:>9} {:>9} {:>9}  {met}",
            format!("vpcanvas {}", command.name),
            budget,
            ratio,
            secs(cpu(i)),
            secs(wall),
            mb(peak),
        );
    }
}

/// `show` of the example against a bare ratatui program, in alternating
/// pairs: the median of the pairs' ratios.
fn start_up(env: &Env, out: &mut String) {
    let example = env.example().display().to_string();
    let show = ["show", example.as_str(), "--width", "120", "--height", "40"];
    let mut pairs = Vec::new();
    for _ in 0..PAIRS {
        let ours = run(&env.vpcanvas, &show, env);
        let bare = run(&env.bare_frame, &[], env);
        pairs.push((ours, bare));
    }
    let ratio = |f: &dyn Fn(&Run) -> Duration| {
        let mut r: Vec<f64> = pairs
            .iter()
            .map(|(a, b)| f(a).as_secs_f64() / f(b).as_secs_f64())
            .collect();
        r.sort_by(f64::total_cmp);
        r[r.len() / 2]
    };
    let (cpu, wall) = (ratio(&|r| r.cpu), ratio(&|r| r.wall));
    let ours = median(pairs.iter().map(|(a, _)| a.cpu).collect());
    let bare = median(pairs.iter().map(|(_, b)| b.cpu).collect());
    let peak = median(pairs.iter().map(|(a, _)| a.peak_kb).collect());
    let bare_peak = median(pairs.iter().map(|(_, b)| b.peak_kb).collect());
    // Where most of the difference is: pages touched for the first time.
    let faults = median(pairs.iter().map(|(a, _)| a.faults).collect());
    let bare_faults = median(pairs.iter().map(|(_, b)| b.faults).collect());
    let _ = writeln!(
        out,
        "{:<38} {:<24} {:>5.2}× {:>9} {:>8.2}× {:>9}  {}  ({faults} page faults)",
        "start-up: show of the example",
        "≤ 1.35× bare_frame",
        cpu,
        format!("{:.2} ms", ours.as_secs_f64() * 1e3),
        wall,
        mb(peak),
        verdict(cpu <= 1.35)
    );
    let _ = writeln!(
        out,
        "{:<38} {:<24} {:>6} {:>9} {:>9} {:>9}        ({bare_faults} page faults)",
        "  (examples/bare_frame)",
        "",
        "",
        format!("{:.2} ms", bare.as_secs_f64() * 1e3),
        "",
        mb(bare_peak)
    );
}

/// `examples/edit_memory`: 50 undoable edits at 100,000 items.
fn edit_memory(env: &Env, out: &mut String) {
    let n = ITEMS.to_string();
    let peaks: Vec<u64> = (0..3)
        .map(|_| run(&env.edit_memory, &[&n], env).peak_kb)
        .collect();
    let peak = median(peaks);
    let _ = writeln!(
        out,
        "{:<38} {:<24} {:>6} {:>9} {:>9} {:>9}  {}",
        "50 undoable edits (edit_memory)",
        "< 60 MB",
        "",
        "",
        "",
        mb(peak),
        verdict(peak < 60 * 1024)
    );
}

/// An editor on the large canvas that has drawn its first frame (so the
/// coach has read the canvas, as in the real editor), focused on a pain.
fn drawn_editor(canvas: vpcanvas::canvas::Canvas, dir: &Path) -> App {
    let mut app = App::new(canvas, dir.join("edit.ron"), true);
    app.update(RuntimeEvent::Resize(200, 60));
    app.update(Action::JumpTo(Section::Pains));
    let area = Rect::new(0, 0, 200, 60);
    vpcanvas::ui::draw(&app, area, &mut Buffer::empty(area));
    app
}

/// The median time of `action` on a fresh copy of `app` (and of drawing
/// the frame after it, with `draw`).
fn keystroke(app: &App, action: &Action, draw: bool) -> Duration {
    let area = Rect::new(0, 0, 200, 60);
    let mut frame = Buffer::empty(area);
    let times = (0..61)
        .map(|_| {
            let mut app = app.clone();
            let start = Instant::now();
            app.update(action.clone());
            if draw {
                frame.reset();
                vpcanvas::ui::draw(&app, area, &mut frame);
            }
            start.elapsed()
        })
        .collect();
    median(times)
}

/// The keystroke path at 100,000 items, in this process.
fn keys(dir: &Path, out: &mut String) {
    let mut app = drawn_editor(vpcanvas::synth::synthetic(ITEMS, 7), dir);
    let edit = keystroke(&app, &Action::LevelUp, false);
    app.update(Action::Edit);
    let typing = keystroke(&app, &Action::Text(TextEdit::Insert('x')), true);
    for (name, budget, took, limit) in [
        ("one edit (LevelUp): App::update", "< 2 ms", edit, 2.0),
        (
            "a key typed in a field, and its frame",
            "< 16 ms (a frame)",
            typing,
            16.0,
        ),
    ] {
        let ms = took.as_secs_f64() * 1e3;
        let _ = writeln!(
            out,
            "{:<38} {:<24} {:>6} {:>9} {:>9} {:>9}  {}",
            name,
            budget,
            "",
            "",
            format!("{ms:.2} ms"),
            "",
            verdict(ms < limit)
        );
    }
}

/// Measures every budget and prints the table.
pub fn run_all() {
    let dir = tempfile::Builder::new()
        .prefix("vpcanvas-budgets")
        .tempdir()
        .expect("a temp dir");
    let env = Env::new(dir.path());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nBudgets at {ITEMS} items (medians; ratios and verdicts by CPU time = user + system):\n\
         {:<38} {:<24} {:>6} {:>9} {:>9} {:>9}  verdict",
        "what", "budget", "ratio", "CPU", "wall", "peak"
    );
    large(&env, &mut out);
    keys(dir.path(), &mut out);
    if env.examples_fresh() {
        start_up(&env, &mut out);
        edit_memory(&env, &mut out);
    } else {
        let _ = writeln!(
            out,
            "start-up and edit_memory: build the examples first \
             (`cargo build --release --examples`), then run again"
        );
    }
    print!("{out}");
}

//! The command line (SPEC §4): clap definitions and the headless commands.
//! The editor commands hand over to [`crate::session`].

mod batch;
mod lint;
mod list;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{App, Look, RuntimeEvent};
use crate::canvas::Canvas;
use crate::examples::Example;
use crate::export::{self, Format};
use crate::fit::analyze;
use crate::session::Options;
use crate::storage;
use crate::theme::ThemeName;

mod names;
mod report;

const ABOUT: &str = "A keyboard-first terminal editor for the Value Proposition Canvas.\n\n\
The Value Proposition Canvas was created by Alexander Osterwalder and Strategyzer. \
vpcanvas is an independent tool, not affiliated with or endorsed by them.";

#[derive(Debug, Parser)]
#[command(name = "vpcanvas", version, about = ABOUT)]
pub struct Cli {
    /// A canvas file to open in the editor (created on first edit if missing).
    pub file: Option<PathBuf>,
    /// Where canvases are kept (default: the platform data dir; env `VPCANVAS_DATA_DIR`).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Colour theme (`NO_COLOR` always wins): default, contrast or mono.
    #[arg(long, global = true, value_enum, value_name = "THEME")]
    pub theme: Option<ThemeName>,
    /// Start in projector mode (for a room: big title, high contrast, walkthrough).
    #[arg(long, global = true)]
    pub projector: bool,
    /// Draw with plain ASCII symbols only, for terminals and fonts without box drawing.
    #[arg(long, global = true)]
    pub ascii: bool,
    /// Leave the mouse to the terminal, so its own text selection works
    /// (also `mouse: false` in config.ron).
    #[arg(long, global = true)]
    pub no_mouse: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create NAME.ron in the data directory, print its path and open it.
    New {
        /// The canvas name (letters, digits, spaces; no slashes).
        name: String,
        /// Start from a bundled example: invoicing (B2B, the default) or meals (consumer).
        #[arg(long, value_name = "EXAMPLE", num_args = 0..=1, default_missing_value = "invoicing")]
        example: Option<Example>,
    },
    /// List the canvases in the data directory with their counts and flags
    /// (piped, titles are never cut).
    List {
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Open FILE in the editor with the room open: everyone in the workshop
    /// writes and votes from their phone, over the local network.
    Room {
        file: PathBuf,
        /// The port to listen on (the next free one if taken; default 7878, or config.ron's).
        #[arg(long, value_name = "N")]
        port: Option<u16>,
        /// The address of this machine to listen on (default: every interface).
        #[arg(long, value_name = "ADDR")]
        bind: Option<std::net::IpAddr>,
    },
    /// Print the fit analysis: pains without relievers, gains without creators, coverage.
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Exit 1 when any pain lacks a reliever or any gain lacks a creator,
        /// or a merge left conflicts to resolve.
        #[arg(long)]
        strict: bool,
        /// Exit 1 when a top-ranked job, pain or gain is not yet Validated.
        #[arg(long)]
        require_evidence: bool,
    },
    /// Print the coach's hints: what would make each canvas sharper.
    Lint {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Exit 1 when any hint is left.
        #[arg(long)]
        strict: bool,
    },
    /// Write the canvas to stdout: Markdown, JSON, plain text, a picture
    /// (SVG, or PNG at 3840×2160) a one-page HTML report or bmml v2.
    Export {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
        /// What the SVG draws: the canvas, or the value curve against the
        /// alternatives (for a slide).
        #[arg(long, value_enum, default_value_t = View::Canvas)]
        view: View,
    },
    /// Print the value proposition statement: the first saved one, else the
    /// one proposed from the canvas.
    Statement {
        file: PathBuf,
        /// Every saved statement, each under its name.
        #[arg(long, conflicts_with = "name")]
        all: bool,
        /// The saved statement with this name.
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
    },
    /// Say what changed between two canvases, by item, and what it did to the fit.
    ///
    /// Also git's diff driver: given git's seven arguments (path, old file,
    /// hex, mode, new file, hex, mode) it diffs the two files; with
    /// --textconv and one FILE it prints the canvas as line-per-item text.
    Diff {
        /// OLD NEW (or the arguments git passes to a diff driver).
        #[arg(required = true, num_args = 1..=9, value_name = "OLD NEW")]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = crate::diff::DiffFormat::Text)]
        format: crate::diff::DiffFormat,
        /// Print one canvas as line-per-item text (for git's textconv).
        #[arg(long)]
        textconv: bool,
    },
    /// Merge two versions of a canvas by item id, writing the result over OURS
    /// (git's merge driver: `vpcanvas merge %O %A %B`).
    ///
    /// Exit 0 when it merged cleanly, 1 when both sides changed the same thing
    /// (both versions are kept and listed as conflicts), 2 when a version cannot
    /// be read (then OURS is left untouched).
    Merge {
        /// The common ancestor (an empty file means none).
        base: PathBuf,
        /// Our version; the result is written here.
        ours: PathBuf,
        /// Their version.
        theirs: PathBuf,
    },
    /// Make one canvas per fit of a bmml v2 file (YAML business models).
    Import {
        /// The bmml v2 file.
        file: PathBuf,
        /// Where the canvases go (default: the data directory).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Test hook (hidden): save two different large canvases to FILE in turn,
    /// forever, through the real save path. The kill -9 test kills it mid-save.
    /// Debug builds only: a release build (what users install) has no such
    /// command.
    #[cfg(debug_assertions)]
    #[command(name = "save-loop", hide = true)]
    SaveLoop { file: PathBuf },
    /// Print the canvas as the editor draws it, as plain text, and exit.
    Show {
        file: PathBuf,
        /// Columns (default: the terminal's width, or 120).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1000))]
        width: Option<u16>,
        /// Rows (default: the terminal's height, or 40).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1000))]
        height: Option<u16>,
    },
    /// List every action with its name (for `keys` in config.ron) and keys.
    Keys,
    /// Segments side by side: one page with a column per canvas (every
    /// canvas in the data folder by default), in segment order: coverages,
    /// open pains and gains, the leading statement and what a test measured
    /// of it, the value curve's verdict, coach hints, last change.
    Report {
        /// Canvases to compare (files or names; default: the data folder's).
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "html")]
        format: report::ReportFormat,
    },
}

/// What `export --format svg` draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum View {
    /// The canvas as on paper.
    Canvas,
    /// The value curve: our offer against each alternative, factor by factor.
    Curve,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

/// Exit codes: 0 fine, 1 `--strict` found gaps, 2 a file could not be loaded or
/// another error.
const EXIT_GAPS: u8 = 1;
const EXIT_ERROR: u8 = 2;

/// Runs the command line; prints any error once, cleanly, on stderr.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            crate::output::err(&format!("vpcanvas: {e}"));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// The key the editor binds to `action` on the canvas, the user's keymap
/// in `config.ron` included, for a command that tells which key to press.
fn canvas_key(action: &crate::app::Action) -> String {
    let (config, _) = crate::config::load();
    let (keymap, _) = crate::input::Keymap::with_user(&config.keys);
    keymap.key_for(crate::input::keymap::Context::Canvas, action)
}

/// The look from the config file, overridden by the command line.
/// Also installs the key table with the user's bindings; problems with them
/// join the config warning (the defaults are kept for those rows).
fn look(cli: &Cli) -> Look {
    let (config, mut warning) = crate::config::load();
    let (keymap, problems) = crate::input::Keymap::with_user(&config.keys);
    crate::input::keymap::install(keymap);
    if !problems.is_empty() {
        let keys = format!("config {}", problems.join("; "));
        warning = Some(match warning {
            Some(w) => format!("{w}; {keys}"),
            None => keys,
        });
    }
    Look {
        theme: cli.theme.unwrap_or(config.theme),
        projector_theme: cli.theme.unwrap_or(config.projector.theme),
        ascii: cli.ascii || config.ascii,
        projector: cli.projector,
        timer: crate::app::TimerSettings {
            minutes: config.projector.timer_minutes,
            bell: config.bell,
        },
        mouse: config.mouse && !cli.no_mouse,
        coach_off: config.coach.off_rules(),
        warning,
        room: config.room.settings(),
    }
}

pub fn run(cli: Cli) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let data_dir = cli.data_dir.as_deref();
    let session = || crate::session::Options {
        data_dir: cli.data_dir.clone(),
        look: look(&cli),
    };
    match &cli.command {
        None => match &cli.file {
            Some(file) => open_editor(&names::to_open(file, data_dir), session()),
            None => open_library(session()),
        },
        Some(Command::New { name, example }) => cmd_new(session(), name, *example),
        Some(Command::Room { file, port, bind }) => open_room(file, session(), *port, *bind),
        Some(Command::List { format }) => list::run(data_dir, *format),
        Some(Command::Report { files, format }) => report::run(files, data_dir, *format),
        Some(Command::Check {
            files,
            format,
            strict,
            require_evidence,
        }) => Ok(cmd_check(
            files,
            data_dir,
            *format,
            CheckGates {
                strict: *strict,
                require_evidence: *require_evidence,
            },
        )),
        Some(Command::Lint {
            files,
            format,
            strict,
        }) => Ok(lint::run(files, data_dir, *format, *strict)),
        Some(Command::Export { file, format, view }) => export_as(file, *format, *view, data_dir),
        Some(Command::Diff {
            files,
            format,
            textconv,
        }) => cmd_diff(files, *format, *textconv, data_dir),
        Some(Command::Merge { base, ours, theirs }) => {
            let key = canvas_key(&crate::app::Action::MergeConflicts);
            crate::travel::merge(base, ours, theirs, &key)
        }
        Some(Command::Import { file, out }) => {
            print_out(&crate::travel::import(file, out.as_deref(), data_dir)?)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Show {
            file,
            width,
            height,
        }) => {
            let file = &names::existing(file, data_dir)?;
            let parsed = storage::load(file)?;
            let (tw, th) = terminal_size();
            let mut app = App::new(parsed.canvas, file, true);
            // Plain text: styles do not matter, and the config's warning has no place here.
            app.present(&Look {
                warning: None,
                ..look(&cli)
            });
            let (w, h) = (width.unwrap_or(tw), height.unwrap_or(th));
            // A printout: no selection marker, no key hints.
            app.printout = true;
            app.update(RuntimeEvent::Resize(w, h));
            let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
            crate::ui::draw(&app, buf.area, &mut buf);
            print_out(&crate::ui::buffer_to_text(&buf))?;
            Ok(ExitCode::SUCCESS)
        }
        #[cfg(debug_assertions)]
        Some(Command::SaveLoop { file }) => save_loop(file),
        Some(Command::Keys) => cmd_keys(&cli),
        Some(Command::Statement { file, all, name }) => {
            let canvas = storage::load(&names::existing(file, data_dir)?)?.canvas;
            Ok(cmd_statement(&canvas, *all, name.as_deref())?)
        }
    }
}

/// `diff`: OLD and NEW typed by a user may be canvas names (SPEC §4); the
/// arguments git passes a driver or a textconv are paths, taken as they are.
fn cmd_diff(
    files: &[PathBuf],
    format: crate::diff::DiffFormat,
    textconv: bool,
    data_dir: Option<&Path>,
) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let files = match files {
        [old, new] if !textconv => vec![
            names::existing(old, data_dir)?,
            names::existing(new, data_dir)?,
        ],
        _ => files.to_vec(),
    };
    print_out(&crate::travel::diff(&files, format, textconv)?)?;
    Ok(ExitCode::SUCCESS)
}

/// `export`: the canvas in another format on stdout (bmml also says on
/// stderr what it could not hold).
fn cmd_export(
    file: &Path,
    format: Format,
    data_dir: Option<&Path>,
) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let canvas = storage::load(&names::existing(file, data_dir)?)?.canvas;
    if format == Format::Bmml {
        let out = crate::bmml::export(&canvas);
        print_out(&out.yaml)?;
        for line in &out.left_out {
            crate::output::err(&format!("vpcanvas: bmml cannot hold, left out: {line}"));
        }
        return Ok(ExitCode::SUCCESS);
    }
    if format.is_binary() && std::io::stdout().is_terminal() {
        return Err(format!(
            "a {} is binary and would garble the terminal: redirect it, e.g. `vpcanvas export {} --format {} > canvas.{}`",
            format.extension().to_uppercase(),
            file.display(),
            format.extension(),
            format.extension()
        )
        .into());
    }
    if format.is_binary() {
        crate::output::raw(&format.render(&canvas, lint::coach_off())?)?;
    } else {
        // Printed as it is written: a large canvas's document is never
        // whole in memory.
        let mut out = crate::output::Stream::new();
        format.stream(&canvas, lint::coach_off(), &mut |piece| out.write(piece))?;
        out.finish()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `export`, or with `--view curve` the value curve as an SVG slide.
fn export_as(
    file: &Path,
    format: Format,
    view: View,
    data_dir: Option<&Path>,
) -> Result<ExitCode, Box<dyn std::error::Error>> {
    if view == View::Canvas {
        return cmd_export(file, format, data_dir);
    }
    if format != Format::Svg {
        return Err(format!(
            "--view curve draws the value curve as SVG: use `vpcanvas export {} --format svg --view curve`",
            file.display()
        )
        .into());
    }
    let canvas = storage::load(&names::existing(file, data_dir)?)?.canvas;
    print_out(&export::svg::curve_svg(&canvas))?;
    Ok(ExitCode::SUCCESS)
}

/// The key table in use (the user's bindings applied), by context: the
/// names `config.ron` rebinds, the keys, and what they do.
fn cmd_keys(cli: &Cli) -> Result<ExitCode, Box<dyn std::error::Error>> {
    use crate::input::keymap::{Context, bindings};
    if let Some(warning) = look(cli).warning {
        crate::output::err(&format!("vpcanvas: {warning}"));
    }
    let mut out = String::new();
    for context in Context::ALL {
        out.push_str(&format!("{}\n", context.title()));
        for b in bindings().iter().filter(|b| b.context == context) {
            let keys: Vec<String> = b.keys.iter().map(crate::input::Key::label).collect();
            out.push_str(&format!(
                "  {:<30} {:<22} {}\n",
                b.name(),
                keys.join(" "),
                b.help
            ));
        }
    }
    print_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// The two canvases `save-loop` alternates between: big enough (hundreds of
/// KiB) that a kill often lands mid-write.
pub fn save_loop_canvases() -> [Canvas; 2] {
    use crate::canvas::Section;
    [("A", 3000), ("B", 4000)].map(|(tag, n)| {
        let mut c = Canvas::new(format!("Canvas {tag}"));
        // Ids given directly: `push` looks for the next id each time.
        for (i, id) in (0..n).zip(1..) {
            let text = format!("{tag} item {i}: some words to make the line realistic, é ü 日本");
            let mut item = crate::canvas::Item::new(id, text);
            // Version 2 (SPEC §2): statuses and evidence on some items.
            if i % 5 == 0 {
                item.status = crate::canvas::Status::Testing;
                item.evidence = vec![format!("{tag} note {i}: 3 of 5 said so")];
            }
            c.insert_item(Section::ALL[i % 6], usize::MAX, item);
        }
        // And statements, test cards and learning cards that refer to them.
        let statement = c.add_statement("main", format!("{tag}: our product helps"));
        let test = c.add_test(crate::canvas::TestCard {
            name: format!("{tag} interviews"),
            believe: "owners chase payments".to_owned(),
            items: vec![1, 2],
            statements: vec![statement],
            ..Default::default()
        });
        c.record_learning(crate::canvas::Learning {
            test: Some(test),
            observed: format!("{tag}: 4 of 5 chase weekly"),
            validated: vec![1],
            ..Default::default()
        });
        c
    })
}

#[cfg(debug_assertions)]
fn save_loop(file: &Path) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let canvases = save_loop_canvases();
    for i in 0usize.. {
        storage::save(file, &canvases[i % 2], storage::SaveOptions::default())?;
        if i == 0 {
            // Tell the test the file exists now.
            print_out("ready\n")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes to stdout, treating a closed pipe (`| head`) as success; every
/// control character and bidi override of a canvas shows inert.
fn print_out(text: &str) -> std::io::Result<()> {
    crate::output::out(text)
}

/// The size `show` draws at: the terminal's when there is one, else 120×40.
fn terminal_size() -> (u16, u16) {
    if std::io::stdout().is_terminal()
        && let Ok((w, h)) = ratatui::crossterm::terminal::size()
        && w > 0
        && h > 0
    {
        return (w, h);
    }
    (120, 40)
}

/// Opens FILE in the editor. A file that fails to load is never opened for writing.
fn open_editor(file: &Path, options: Options) -> Result<ExitCode, Box<dyn std::error::Error>> {
    // Reading has no side effects: a broken file is named first; then, with
    // no terminal to edit in, we stop before anything is touched.
    let app = crate::session::load_app(file)?;
    crate::runtime::require_terminal()?;
    let code = crate::session::run(crate::session::Start::Editor(Box::new(app)), options)?;
    Ok(ExitCode::from(code))
}

/// Opens FILE in the editor with the room open (on `port` and `bind` when given).
fn open_room(
    file: &Path,
    mut options: Options,
    port: Option<u16>,
    bind: Option<std::net::IpAddr>,
) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let room = &mut options.look.room;
    if !room.enabled {
        return Err("the room is turned off in config.ron (room: (enabled: false))".into());
    }
    room.port = port.unwrap_or(room.port);
    room.bind = bind.unwrap_or(room.bind);
    room.at_start = true;
    let file = names::to_open(file, options.data_dir.as_deref());
    let app = crate::session::load_app(&file)?;
    crate::runtime::require_terminal()?;
    let code = crate::session::run(crate::session::Start::Editor(Box::new(app)), options)?;
    Ok(ExitCode::from(code))
}

/// With a terminal, the library; without one (a pipe, CI), the same list as `list`.
fn open_library(options: Options) -> Result<ExitCode, Box<dyn std::error::Error>> {
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return list::run(options.data_dir.as_deref(), CheckFormat::Text);
    }
    storage::data_dir(options.data_dir.as_deref())?;
    let code = crate::session::run(crate::session::Start::Library, options)?;
    Ok(ExitCode::from(code))
}

fn cmd_new(
    options: Options,
    name: &str,
    example: Option<Example>,
) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let dir = storage::data_dir(options.data_dir.as_deref())?;
    let path = storage::canvas_path(&dir, name)?;
    let canvas = match example {
        Some(example) => example.canvas()?,
        None => Canvas::new(storage::canvas_name(name)),
    };
    storage::create(&path, &canvas)?;
    print_out(&format!("{}\n", path.display()))?;
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        return open_editor(&path, options);
    }
    Ok(ExitCode::SUCCESS)
}

/// `statement`: the main statement, every saved one, or one by name.
fn cmd_statement(canvas: &Canvas, all: bool, name: Option<&str>) -> std::io::Result<ExitCode> {
    let line = |text: &str| format!("{}\n", crate::export::one_line(text));
    if let Some(name) = name {
        let Some(found) = canvas.statements.iter().find(|s| s.name == name) else {
            let saved: Vec<String> = canvas
                .statements
                .iter()
                .map(|s| format!("\"{}\"", s.name))
                .collect();
            let known = if saved.is_empty() {
                "it has no saved statements".to_owned()
            } else {
                format!("saved: {}", saved.join(", "))
            };
            crate::output::err(&format!(
                "vpcanvas: no saved statement is named \"{name}\"; {known}"
            ));
            return Ok(ExitCode::from(EXIT_ERROR));
        };
        print_out(&line(&found.text))?;
    } else if all && !canvas.statements.is_empty() {
        let mut out = String::new();
        for (n, s) in canvas.statements.iter().enumerate() {
            if n > 0 {
                out.push('\n');
            }
            out.push_str(&line(&s.name));
            out.push_str(&line(&s.text));
        }
        print_out(&out)?;
    } else {
        print_out(&line(&crate::statement::main_statement(canvas)))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// What makes `check` exit 1.
#[derive(Debug, Clone, Copy)]
struct CheckGates {
    /// Gaps in the fit, or merge conflicts left to resolve.
    strict: bool,
    /// A top-ranked customer item not yet validated.
    require_evidence: bool,
}

/// `check`: the fit of each file, as typed or as a name; the report names
/// the file as found.
fn cmd_check(
    files: &[PathBuf],
    data_dir: Option<&Path>,
    format: CheckFormat,
    gates: CheckGates,
) -> ExitCode {
    batch::each_canvas(files, data_dir, format, |_, path, parsed, sink| {
        let name = path.display().to_string();
        let report = analyze(&parsed.canvas);
        let fails = (gates.strict && (report.has_gaps() || parsed.canvas.has_conflicts()))
            || (gates.require_evidence && !report.unproven_top.is_empty());
        sink(&match format {
            CheckFormat::Text => export::check_text(&name, &parsed.canvas, &report),
            CheckFormat::Json => {
                export::json_line(&export::check_json(&name, &parsed.canvas, &report))
            }
        });
        fails
    })
}

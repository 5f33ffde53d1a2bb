//! Work that runs off the event loop: an export's rendering (a picture of
//! a large canvas takes seconds). The executor starts it through
//! [`Io::start_export`]; the loop polls it between events and feeds what
//! it says back to the app as runtime events (its stage, then its result),
//! so keys are handled and the screen redrawn meanwhile. The loop itself
//! writes the finished bytes, through the one export writer.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::app::{App, Effect, RuntimeEvent};
use crate::canvas::Canvas;
use crate::coach::RuleSet;
use crate::export::{ExportError, Format, png, svg};
use crate::library::{Library, Summary};
use crate::storage::Found;

use super::Io;

/// An export to render: the canvas as it was when asked for.
#[derive(Debug)]
pub struct ExportJob {
    pub canvas: Canvas,
    pub format: Format,
    pub coach_off: RuleSet,
}

/// What a running export says.
#[derive(Debug)]
pub enum ExportNews {
    /// It moved on to this stage ("drawing the picture").
    Stage(&'static str),
    /// It finished: the bytes to write, or why there are none.
    Done(Result<Vec<u8>, ExportError>),
}

/// Renders `job` on a thread of its own; its news come on the channel.
pub fn spawn_export(job: ExportJob) -> Receiver<ExportNews> {
    let (tx, rx) = mpsc::channel();
    let worker = tx.clone();
    let spawned = std::thread::Builder::new()
        .name("vpcanvas-export".to_owned())
        .spawn(move || {
            let result = render(&job, &mut |stage| {
                let _ = worker.send(ExportNews::Stage(stage));
            });
            let _ = worker.send(ExportNews::Done(result));
        });
    if let Err(e) = spawned {
        let _ = tx.send(ExportNews::Done(Err(ExportError::Stopped(e.to_string()))));
    }
    rx
}

/// Renders an export, telling `stage` what it is doing.
pub fn render(
    job: &ExportJob,
    stage: &mut dyn FnMut(&'static str),
) -> Result<Vec<u8>, ExportError> {
    match job.format {
        Format::Png => {
            stage("drawing the picture");
            let picture = svg::svg(&job.canvas);
            stage("rasterising");
            png::rasterise(&picture)
        }
        Format::Svg | Format::Html => {
            stage("drawing the picture");
            job.format.render(&job.canvas, job.coach_off)
        }
        _ => {
            stage("writing");
            job.format.render(&job.canvas, job.coach_off)
        }
    }
}

/// Reads each canvas on a thread of its own and sends its summary, one at
/// a time (only the summary is kept); stops when nobody listens any more.
pub fn spawn_reading(found: Vec<Found>) -> Receiver<Summary> {
    let (tx, rx) = mpsc::channel();
    let _ = std::thread::Builder::new()
        .name("vpcanvas-library".to_owned())
        .spawn(move || {
            for f in &found {
                if tx.send(Summary::read(f)).is_err() {
                    break;
                }
            }
        });
    rx
}

/// The work running off the loop: an export (where it goes, and its
/// news), and the library's reading (what it reads, and the rows).
#[derive(Default)]
pub struct Jobs {
    export: Option<(PathBuf, Receiver<ExportNews>)>,
    reading: Option<(Vec<Found>, Receiver<Summary>)>,
}

impl Jobs {
    /// Starts an export (the app allows one at a time).
    pub fn start_export(&mut self, io: &mut dyn Io, path: PathBuf, job: ExportJob) {
        self.export = Some((path, io.start_export(job)));
    }

    /// Reads what the library lists but has not read, and fills in the
    /// rows read since the last look; whether any came (to draw them).
    pub fn poll_library(&mut self, lib: &mut Library, io: &mut dyn Io) -> bool {
        let wanted = lib.unread();
        if wanted.is_empty() {
            self.reading = None;
            return false;
        }
        // A new listing asks for what the running reader was not given.
        let covered = self
            .reading
            .as_ref()
            .is_some_and(|(given, _)| wanted.iter().all(|f| given.contains(f)));
        if !covered {
            let rx = io.start_reading(wanted.clone());
            self.reading = Some((wanted, rx));
        }
        let mut news = false;
        if let Some((_, rx)) = &self.reading {
            while let Ok(row) = rx.try_recv() {
                lib.read(row);
                news = true;
            }
        }
        news
    }

    /// Feeds what the running export said since the last look to the app;
    /// a finished export is written. Returns the app's effects, and whether
    /// anything came (the screen needs drawing).
    pub fn poll(&mut self, app: &mut App, io: &mut dyn Io) -> (Vec<Effect>, bool) {
        let mut effects = Vec::new();
        let mut news = false;
        while let Some((_, rx)) = &self.export {
            let said = match rx.try_recv() {
                Ok(said) => said,
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => stopped(),
            };
            news = true;
            effects.extend(self.take(said, app, io));
        }
        (effects, news)
    }

    /// Waits for the running export to finish and writes it: leaving the
    /// editor does not lose an export the user asked for.
    pub fn finish(&mut self, app: &mut App, io: &mut dyn Io) {
        while let Some((_, rx)) = &self.export {
            let said = rx.recv().unwrap_or_else(|_| stopped());
            // Leaving: what the app says back has nowhere to go.
            let _ = self.take(said, app, io);
        }
    }

    /// Tells the app one piece of news; writes a finished export.
    fn take(&mut self, said: ExportNews, app: &mut App, io: &mut dyn Io) -> Vec<Effect> {
        match said {
            ExportNews::Stage(stage) => app.update(RuntimeEvent::ExportStage(stage)),
            ExportNews::Done(result) => {
                let Some((path, _)) = self.export.take() else {
                    return Vec::new();
                };
                let written = result.map_err(|e| e.to_string()).and_then(|bytes| {
                    io.export(app.path(), &path, &bytes)
                        .map_err(|e| e.to_string())
                });
                app.update(RuntimeEvent::Exported(written))
            }
        }
    }
}

/// The news of an export whose thread ended without a result.
fn stopped() -> ExportNews {
    ExportNews::Done(Err(ExportError::Stopped(
        "the export stopped before it finished".to_owned(),
    )))
}

//! An export renders off the event loop (#27): keys are handled while a
//! picture is drawn, the status bar says what it is doing, and the file is
//! written when it is done (or before the editor leaves).

use std::path::Path;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use vpcanvas::canvas::Canvas;
use vpcanvas::runtime::{ExportJob, ExportNews, FileIo, Io, render_export};
use vpcanvas::storage;

use super::{HANDWRITTEN, Session};

/// A gate the test opens; exports wait behind it, as a slow picture would.
#[derive(Clone, Default)]
struct Gate(Arc<(Mutex<(bool, bool)>, Condvar)>);

impl Gate {
    fn open(&self) {
        let (lock, cv) = &*self.0;
        lock.lock().unwrap().0 = true;
        cv.notify_all();
    }

    /// Waits (at most `limit`) until the gate is open.
    fn pass(&self, limit: Duration) {
        let (lock, cv) = &*self.0;
        let guard = lock.lock().unwrap();
        let _ = cv.wait_timeout_while(guard, limit, |(open, _)| !*open);
    }

    fn mark_done(&self) {
        let (lock, cv) = &*self.0;
        lock.lock().unwrap().1 = true;
        cv.notify_all();
    }

    /// Waits (at most `limit`) until the export behind the gate has finished.
    fn wait_done(&self, limit: Duration) -> bool {
        let (lock, cv) = &*self.0;
        let guard = lock.lock().unwrap();
        let (guard, _) = cv
            .wait_timeout_while(guard, limit, |(_, done)| !*done)
            .unwrap();
        guard.1
    }
}

/// Real files; exports wait behind the gate before they render.
struct GatedIo(Gate);

impl Io for GatedIo {
    fn save(
        &mut self,
        path: &Path,
        canvas: &Canvas,
        backup: bool,
    ) -> Result<u64, storage::StorageError> {
        FileIo.save(path, canvas, backup)
    }

    fn start_export(&mut self, job: ExportJob) -> Receiver<ExportNews> {
        let (tx, rx) = mpsc::channel();
        let gate = self.0.clone();
        std::thread::spawn(move || {
            let _ = tx.send(ExportNews::Stage("drawing the picture"));
            gate.pass(Duration::from_secs(60));
            let result = render_export(&job, &mut |_| {});
            let _ = tx.send(ExportNews::Done(result));
            gate.mark_done();
        });
        rx
    }
}

#[test]
fn keys_are_handled_while_an_export_renders_and_the_bar_shows_its_progress() {
    let s = Session::with_file(HANDWRITTEN);
    let gate = Gate::default();
    let svg = s.dir.path().join("pitch.svg");
    let (opener, waiter) = (gate.clone(), gate.clone());
    let ran = s.run_with(
        r#"x s <snap> 3 a "Late fees" <enter> <snap>"#,
        |script| {
            script
                .then_do(move || opener.open())
                .then_do(move || assert!(waiter.wait_done(Duration::from_secs(60))))
                .then("<snap> q")
        },
        &mut GatedIo(gate),
    );
    let [rendering, typed, done] = &ran.snaps[..] else {
        panic!("three snaps, got {}", ran.snaps.len());
    };
    assert!(
        rendering.screen.contains("Exporting SVG"),
        "{}",
        rendering.screen
    );
    // While the picture is still being drawn, the editor takes keys.
    assert!(typed.screen.contains("Late fees"), "{}", typed.screen);
    assert!(typed.file.as_deref().unwrap_or("").contains("Late fees"));
    assert!(typed.screen.contains("Exporting SVG"), "{}", typed.screen);
    assert!(done.screen.contains("Exported to"), "{}", done.screen);
    let picture = std::fs::read_to_string(&svg).unwrap();
    assert!(picture.starts_with("<?xml"));
    // The picture is of the canvas as it was when asked for.
    assert!(!picture.contains("Late fees"));
}

#[test]
fn quitting_while_an_export_renders_still_writes_it() {
    let s = Session::with_file(HANDWRITTEN);
    let gate = Gate::default();
    let opener = gate.clone();
    let started = Instant::now();
    let ran = s.run_with(
        "x h",
        |script| script.then_do(move || opener.open()).then("q"),
        &mut GatedIo(gate),
    );
    assert!(matches!(ran.outcome, vpcanvas::runtime::Outcome::Quit(_)));
    let report = std::fs::read_to_string(s.dir.path().join("pitch.html")).unwrap();
    assert!(report.starts_with("<!DOCTYPE html>"));
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[test]
fn a_second_export_waits_for_the_first() {
    let s = Session::with_file(HANDWRITTEN);
    let gate = Gate::default();
    let opener = gate.clone();
    let ran = s.run_with(
        "x s x m <snap>",
        |script| script.then_do(move || opener.open()).then("q"),
        &mut GatedIo(gate),
    );
    assert!(
        ran.snaps[0].screen.contains("still running"),
        "{}",
        ran.snaps[0].screen
    );
    assert!(s.dir.path().join("pitch.svg").exists());
    assert!(!s.dir.path().join("pitch.md").exists());
}

#[test]
fn the_progress_names_the_format_its_stage_and_the_time_it_took() {
    use vpcanvas::app::{Action, App, Effect, RuntimeEvent};
    use vpcanvas::export::Format;
    let canvas = vpcanvas::canvas::file::parse(HANDWRITTEN).unwrap().canvas;
    let mut app = App::new(canvas, "/tmp/pitch.ron", true);
    let start = Instant::now();
    app.update(RuntimeEvent::Tick(start));
    app.update(Action::Export);
    let effects = app.update(Action::ExportAs(Format::Png));
    assert!(matches!(
        effects.as_slice(),
        [Effect::Export {
            format: Format::Png,
            ..
        }]
    ));
    assert_eq!(app.export_progress().as_deref(), Some("Exporting PNG… 0 s"));
    app.update(RuntimeEvent::ExportStage("rasterising"));
    app.update(RuntimeEvent::Tick(start + Duration::from_secs(3)));
    assert_eq!(
        app.export_progress().as_deref(),
        Some("Exporting PNG: rasterising… 3 s")
    );
    app.update(RuntimeEvent::Exported(Ok("/tmp/pitch.png".into())));
    assert_eq!(app.export_progress(), None);
}

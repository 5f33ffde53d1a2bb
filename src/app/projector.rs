//! Workshop mode: the projector view, its walkthrough through the sections
//! in workshop order, and a timer for timeboxed exercises.
//!
//! Time enters only through `RuntimeEvent::Tick(now)`, so `update` stays pure and
//! tests can drive the clock.

use std::time::{Duration, Instant};

use crate::canvas::Section;

use super::{Action, App, EditTarget, Editor, Mode, TextField, key_mark};

/// The walkthrough: steps 0–5 are the sections in workshop order, step 6 the
/// fit summary. Only whether the summary is showing is stored: the zoomed
/// section is always the focused one ([`App::walk_step`]), so `1`…`6`, Tab
/// or a click move the zoom with the focus and typing lands where the room
/// is looking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Walkthrough {
    /// The fit summary is shown instead of a zoomed section.
    pub summary: bool,
}

/// The step that shows the fit summary.
pub const SUMMARY_STEP: usize = Section::WORKSHOP_ORDER.len();

/// The walkthrough step that zooms `section`.
fn step_of(section: Section) -> usize {
    Section::WORKSHOP_ORDER
        .iter()
        .position(|s| *s == section)
        .unwrap_or(0)
}

/// A countdown for a timeboxed exercise; pausable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timer {
    pub total: Duration,
    /// When it was last started or resumed; `None` while paused.
    running_since: Option<Instant>,
    /// Time used before the last pause.
    banked: Duration,
    /// A key was pressed after it ended: the large "time's up" has been seen.
    acknowledged: bool,
}

impl Timer {
    pub fn start(total: Duration, now: Instant) -> Self {
        Self {
            total,
            running_since: Some(now),
            banked: Duration::ZERO,
            acknowledged: false,
        }
    }

    pub fn elapsed(&self, now: Instant) -> Duration {
        self.banked
            + self
                .running_since
                .map_or(Duration::ZERO, |s| now.saturating_duration_since(s))
    }

    pub fn remaining(&self, now: Instant) -> Duration {
        self.total.saturating_sub(self.elapsed(now))
    }

    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    pub fn is_over(&self, now: Instant) -> bool {
        self.remaining(now).is_zero()
    }

    /// Pauses a running timer or resumes a paused one.
    pub fn toggle(&mut self, now: Instant) {
        match self.running_since.take() {
            Some(since) => self.banked += now.saturating_duration_since(since),
            None => self.running_since = Some(now),
        }
    }

    /// "9:05", rounded up so a fresh ten-minute timer shows 10:00.
    pub fn label(&self, now: Instant) -> String {
        let r = self.remaining(now);
        let secs = r.as_secs() + u64::from(r.subsec_nanos() > 0);
        format!("{}:{:02}", secs / 60, secs % 60)
    }
}

/// Reads a timer length: "10" (minutes), "5:30", "90s", "2m". Zero or
/// nothing means no timer.
pub fn parse_duration(text: &str) -> Result<Option<Duration>, String> {
    let t = text.trim().to_lowercase();
    let bad = || format!("“{}” is not a time; try 10, 5:30 or 90s", text.trim());
    if t.is_empty() {
        return Ok(None);
    }
    let secs: u64 = if let Some((m, s)) = t.split_once(':') {
        let m: u64 = m.trim().parse().map_err(|_| bad())?;
        let s: u64 = s.trim().parse().map_err(|_| bad())?;
        if s >= 60 {
            return Err(bad());
        }
        m * 60 + s
    } else if let Some(s) = t.strip_suffix('s') {
        s.trim().parse().map_err(|_| bad())?
    } else {
        let m = t
            .strip_suffix("min")
            .or_else(|| t.strip_suffix('m'))
            .unwrap_or(&t);
        let m: f64 = m.trim().parse().map_err(|_| bad())?;
        // Negative, NaN and infinite lengths are refused here.
        std::time::Duration::try_from_secs_f64((m.min(24.0 * 60.0) * 60.0).round())
            .map_err(|_| bad())?
            .as_secs()
    };
    Ok((secs > 0).then(|| Duration::from_secs(secs.min(24 * 3600))))
}

impl App {
    /// Turns projector mode on or off. On, the walkthrough starts at the
    /// focused section.
    pub(super) fn toggle_projector(&mut self) {
        self.projector = match self.projector {
            Some(_) => None,
            None => Some(Walkthrough::default()),
        };
        self.status = None;
        self.keep_selection_visible();
    }

    /// The walkthrough step shown: the focused section's place in the
    /// workshop order, or the summary. `None` outside projector mode.
    pub fn walk_step(&self) -> Option<usize> {
        let walk = self.projector?;
        Some(if walk.summary {
            SUMMARY_STEP
        } else {
            step_of(self.focus)
        })
    }

    /// Moves the walkthrough on (or back) one step: the focus moves to the
    /// next section in workshop order, and after the last to the summary.
    pub(super) fn step(&mut self, forward: bool) {
        let Some(step) = self.walk_step() else {
            self.info(format!(
                "The walkthrough runs in projector mode: press {}",
                key_mark(&Action::Projector)
            ));
            return;
        };
        let next = if forward {
            (step + 1).min(SUMMARY_STEP)
        } else {
            step.saturating_sub(1)
        };
        match Section::WORKSHOP_ORDER.get(next) {
            Some(&section) => self.focus_section(section),
            None => {
                if let Some(walk) = &mut self.projector {
                    walk.summary = true;
                }
            }
        }
    }

    pub(super) fn start_timer_prompt(&mut self) {
        let last = self
            .timer
            .map_or(u64::from(self.timer_settings.minutes), |t| {
                (t.total.as_secs() / 60).max(1)
            });
        self.mode = Mode::Edit(Editor {
            target: EditTarget::Timer,
            field: TextField::suggested(&last.to_string()),
        });
        self.status = None;
    }

    pub(super) fn set_timer(&mut self, text: &str) {
        match parse_duration(text) {
            Ok(Some(total)) => {
                self.timer = Some(Timer::start(total, self.now));
                self.info(format!(
                    "Timer started: {} — {} pauses",
                    self.timer.map(|t| t.label(self.now)).unwrap_or_default(),
                    key_mark(&Action::PauseTimer)
                ));
            }
            Ok(None) => {
                self.timer = None;
                self.info("Timer cleared");
            }
            Err(why) => self.warn(why),
        }
    }

    pub(super) fn toggle_timer(&mut self) {
        match &mut self.timer {
            Some(t) => {
                t.toggle(self.now);
                let running = t.is_running();
                self.info(if running {
                    "Timer running".to_owned()
                } else {
                    format!("Timer paused — {} resumes", key_mark(&Action::PauseTimer))
                });
            }
            None => self.info(format!(
                "No timer yet: {} starts one",
                key_mark(&Action::SetTimer)
            )),
        }
    }

    /// Whether the room is told large that the time is up: the timer ended
    /// and no key has been pressed since.
    pub fn times_up_shown(&self) -> bool {
        self.timer
            .is_some_and(|t| t.is_over(self.now) && !t.acknowledged)
    }

    /// The countdown drawn large in its last minute ("0:42"); `None` before
    /// it, after zero, and without a timer.
    pub fn last_minute(&self) -> Option<String> {
        let t = self.timer?;
        let left = t.remaining(self.now);
        (!left.is_zero() && left <= Duration::from_secs(60)).then(|| t.label(self.now))
    }

    /// The clock moves to `now`. As the timer crosses zero the bell rings,
    /// once, if the config asks for it.
    pub(super) fn clock_to(&mut self, now: Instant) -> Vec<super::Effect> {
        let ends = self
            .timer
            .is_some_and(|t| !t.is_over(self.now) && t.is_over(now));
        self.now = now;
        if ends && self.timer_settings.bell {
            vec![super::Effect::Bell]
        } else {
            Vec::new()
        }
    }

    /// A key after the timer ended: the large "time's up" has been seen.
    pub(super) fn acknowledge_timer(&mut self) {
        if let Some(t) = &mut self.timer
            && t.is_over(self.now)
        {
            t.acknowledged = true;
        }
    }

    /// Whether the screen changes with time (a running timer).
    pub fn wants_ticks(&self) -> bool {
        self.timer.is_some_and(|t| t.is_running())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_facilitators_type_them() {
        assert_eq!(parse_duration("10"), Ok(Some(Duration::from_secs(600))));
        assert_eq!(parse_duration("5:30"), Ok(Some(Duration::from_secs(330))));
        assert_eq!(parse_duration("90s"), Ok(Some(Duration::from_secs(90))));
        assert_eq!(parse_duration("2m"), Ok(Some(Duration::from_secs(120))));
        assert_eq!(parse_duration("1.5"), Ok(Some(Duration::from_secs(90))));
        assert_eq!(parse_duration(""), Ok(None));
        assert_eq!(parse_duration("0"), Ok(None));
        assert!(parse_duration("ten").is_err());
        assert!(parse_duration("5:75").is_err());
        assert!(parse_duration("-3").is_err());
    }

    #[test]
    fn timer_counts_down_pauses_and_ends() {
        let t0 = Instant::now();
        let mut t = Timer::start(Duration::from_secs(600), t0);
        assert_eq!(t.label(t0), "10:00");
        assert_eq!(t.label(t0 + Duration::from_millis(1500)), "9:59");
        t.toggle(t0 + Duration::from_secs(60));
        assert!(!t.is_running());
        assert_eq!(t.label(t0 + Duration::from_secs(500)), "9:00");
        t.toggle(t0 + Duration::from_secs(500));
        assert_eq!(t.label(t0 + Duration::from_secs(560)), "8:00");
        assert!(t.is_over(t0 + Duration::from_secs(2000)));
        assert_eq!(t.label(t0 + Duration::from_secs(2000)), "0:00");
    }
}

#[cfg(test)]
mod walkthrough_tests {
    use super::*;
    use crate::app::{Action, RuntimeEvent, TextEdit};
    use crate::canvas::Canvas;

    fn app() -> App {
        App::new(Canvas::new("t"), "/tmp/none.ron", false)
    }

    #[test]
    fn the_walkthrough_follows_the_workshop_order_then_the_summary() {
        let mut a = app();
        a.update(Action::JumpTo(Section::Jobs));
        a.update(Action::Projector);
        let mut seen = vec![a.focus];
        for _ in 0..5 {
            a.update(Action::StepNext);
            seen.push(a.focus);
        }
        assert_eq!(seen, Section::WORKSHOP_ORDER);
        a.update(Action::StepNext);
        assert_eq!(a.walk_step(), Some(SUMMARY_STEP));
        a.update(Action::StepNext);
        assert_eq!(a.walk_step(), Some(SUMMARY_STEP), "stays on the summary");
        a.update(Action::StepPrev);
        assert_eq!(a.focus, Section::Creators);
        a.update(Action::Projector);
        assert!(a.projector.is_none());
    }

    /// Issue #12: `3` in projector mode zooms pain relievers (the zoom used
    /// to stay put while the focus moved into a small side box).
    #[test]
    fn the_zoomed_section_follows_the_focus() {
        let mut a = app();
        a.update(Action::Projector);
        a.update(Action::JumpTo(Section::Relievers));
        assert_eq!(a.walk_step(), Some(step_of(Section::Relievers)));
        assert_eq!(a.stage(), crate::layout::Stage::Section(Section::Relievers));
        a.update(Action::NextSection);
        assert_eq!(a.stage(), crate::layout::Stage::Section(a.focus));
        // From the summary, choosing a section zooms it.
        for _ in 0..7 {
            a.update(Action::StepNext);
        }
        assert_eq!(a.stage(), crate::layout::Stage::Summary);
        a.update(Action::JumpTo(Section::Gains));
        assert_eq!(a.stage(), crate::layout::Stage::Section(Section::Gains));
        a.update(Action::Add);
        for c in "Seen".chars() {
            a.update(Action::Text(TextEdit::Insert(c)));
        }
        a.update(Action::Confirm);
        assert_eq!(a.canvas().items(Section::Gains)[0].text, "Seen");
    }

    /// Issue #12: the prompt offers the last length, and typing replaces it.
    #[test]
    fn t_5_enter_starts_five_minutes() {
        let mut a = app();
        a.update(Action::SetTimer);
        a.update(Action::Text(TextEdit::Insert('5')));
        a.update(Action::Confirm);
        assert_eq!(a.timer.map(|t| t.label(a.now)).as_deref(), Some("5:00"));
    }

    #[test]
    fn editing_works_in_projector_mode() {
        let mut a = app();
        a.update(Action::Projector);
        a.update(Action::StepNext);
        a.update(Action::Add);
        for c in "Shouted".chars() {
            a.update(Action::Text(TextEdit::Insert(c)));
        }
        a.update(Action::Confirm);
        assert_eq!(a.canvas.items(Section::Pains)[0].text, "Shouted");
    }

    #[test]
    fn the_timer_starts_from_the_prompt_pauses_and_clears() {
        let mut a = app();
        let t0 = a.now;
        a.update(Action::SetTimer);
        a.update(Action::Text(TextEdit::ClearToStart));
        for c in "5".chars() {
            a.update(Action::Text(TextEdit::Insert(c)));
        }
        a.update(Action::Confirm);
        assert!(a.wants_ticks());
        a.update(RuntimeEvent::Tick(t0 + Duration::from_secs(60)));
        assert_eq!(a.timer.map(|t| t.label(a.now)).as_deref(), Some("4:00"));
        a.update(Action::PauseTimer);
        assert!(!a.wants_ticks());
        a.update(Action::SetTimer);
        a.update(Action::Text(TextEdit::ClearToStart));
        a.update(Action::Text(TextEdit::Insert('0')));
        a.update(Action::Confirm);
        assert!(a.timer.is_none());
    }
}

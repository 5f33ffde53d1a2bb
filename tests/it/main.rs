//! The integration tests, as one binary so that the suite links once
//! (helix's `tests/integration` shape). Each module is one layer or area:
//! scenarios through the real loop, snapshots, the CLI, the real binary in a
//! pty, storage faults, the kill -9 loop and the fuzz corpus replay.

mod architecture;
mod bmml;
mod browser;
mod cli;
mod coach;
mod compare_cli;
mod conflict_pty;
mod curve;
mod e2e;
mod every_word;
mod evidence_cli;
mod evidence_scenario;
mod evidence_view;
mod examples;
mod follow;
mod format_fixtures;
mod fuzz_replay;
mod git;
mod hangup;
mod hostile;
// `save-loop`, which this drives, exists in debug builds only.
#[cfg(debug_assertions)]
mod kill9;
mod library;
mod limits;
mod lint;
mod pictures;
mod projector;
mod readme;
mod recovery;
mod render;
mod room;
mod safety;
mod safety_pty;
mod scenarios;
mod storage_faults;
mod terminal;
mod tmux;
mod travel_cli;
mod verdict_view;
mod wait;
mod workshop;
mod wrapping;

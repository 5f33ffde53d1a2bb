//! Turning terminal events into [`Action`]s.
//!
//! The keymap is data: one table of `(context, keys, action, help)` rows
//! resolves keys, feeds the footer hints and generates the `?` overlay, so the
//! help never lies.

pub mod keymap;

use ratatui::crossterm::event::{Event, KeyEventKind};

use crate::app::{Action, App, Mode};

pub use keymap::{Context, context_of, resolve};

/// The action an event stands for in the app's current mode, if any.
pub fn action_for(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => resolve(context_of(&app.mode), key),
        Event::Paste(text) => match app.mode {
            Mode::Edit(_) => Some(Action::Paste(text.clone())),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

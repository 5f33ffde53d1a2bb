//! Turning terminal events into [`Action`]s.
//!
//! The keymap is data: one table of `(context, keys, action, help)` rows
//! resolves keys, feeds the footer hints and generates the `?` overlay, so the
//! help never lies.

mod key;
pub mod keymap;

use ratatui::crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};

use crate::app::{Action, App, Message, Mode, RuntimeEvent};

pub use key::Key;
pub use keymap::{Context, Keymap, context_of, resolve};

/// What a terminal event tells the editor in its current mode, if anything:
/// an intent (a key, click or paste) or, for a resize, a runtime event.
pub fn message_for(app: &App, event: &Event) -> Option<Message> {
    if let Event::Resize(w, h) = event {
        return Some(RuntimeEvent::Resize(*w, *h).into());
    }
    action_for(app, event).map(Message::from)
}

/// The intent an event stands for in the app's current mode, if any.
pub fn action_for(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => resolve(context_of(&app.mode), key),
        Event::Paste(text) => match app.mode {
            Mode::Edit(_) => Some(Action::Paste(text.clone())),
            _ => None,
        },
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(m.column, m.row, -1)),
            MouseEventKind::ScrollDown => Some(Action::Scroll(m.column, m.row, 1)),
            _ => None,
        },
        _ => None,
    }
}

/// The action an event stands for in a screen whose keys are those of
/// `context` and that takes no mouse (the library). The screen says which
/// context it is in, so this layer needs no knowledge of the screen itself.
pub fn action_in(context: Context, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => resolve(context, key).or(
            // Any other key answers "no" to a question.
            (context == Context::Confirm).then_some(Action::Cancel),
        ),
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        _ => None,
    }
}

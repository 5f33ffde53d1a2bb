//! Colours and text attributes as data. Every flag also has a marker, so
//! nothing depends on colour alone; `NO_COLOR` gives a theme without colours.

use ratatui::style::{Color, Modifier, Style};

/// The styles the views use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub name: &'static str,
    pub base: Style,
    pub header: Style,
    pub title: Style,
    pub half_border: Style,
    pub divider: Style,
    pub section_title: Style,
    pub section_title_focused: Style,
    pub item: Style,
    pub selected: Style,
    /// Items linked to the selected item, on the other half.
    pub linked: Style,
    /// Pains without relievers and gains without creators.
    pub flag: Style,
    /// Value-map items that address nothing.
    pub warn: Style,
    pub level: Style,
    pub dim: Style,
    pub key: Style,
    pub status_info: Style,
    pub status_warning: Style,
    pub status_error: Style,
    pub saved: Style,
    pub unsaved: Style,
    pub overlay: Style,
    pub cursor_row: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Self::from_env()
    }
}

impl Theme {
    /// The colour theme, or the monochrome one when `NO_COLOR` is set.
    pub fn from_env() -> Self {
        if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            Self::monochrome()
        } else {
            Self::colour()
        }
    }

    /// Calm colours on the terminal's own background.
    pub fn colour() -> Self {
        let accent = Color::Cyan;
        Self {
            name: "default",
            base: Style::new(),
            header: Style::new().add_modifier(Modifier::BOLD),
            title: Style::new().add_modifier(Modifier::BOLD),
            half_border: Style::new().fg(Color::Gray),
            divider: Style::new().fg(Color::DarkGray),
            section_title: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            section_title_focused: Style::new()
                .fg(Color::Black)
                .bg(accent)
                .add_modifier(Modifier::BOLD),
            item: Style::new(),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            linked: Style::new()
                .fg(Color::LightCyan)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            flag: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            warn: Style::new().fg(Color::Yellow),
            level: Style::new().fg(Color::Yellow),
            dim: Style::new().fg(Color::DarkGray),
            key: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            status_info: Style::new(),
            status_warning: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            status_error: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            saved: Style::new().fg(Color::Green),
            unsaved: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            overlay: Style::new(),
            cursor_row: Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// No colours at all: bold, underline and reverse video only.
    pub fn monochrome() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Self {
            name: "monochrome",
            base: Style::new(),
            header: bold,
            title: bold,
            half_border: Style::new(),
            divider: Style::new(),
            section_title: bold,
            section_title_focused: Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            item: Style::new(),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            linked: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            flag: bold,
            warn: Style::new(),
            level: Style::new(),
            dim: Style::new().add_modifier(Modifier::DIM),
            key: bold,
            status_info: Style::new(),
            status_warning: bold,
            status_error: Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            saved: Style::new(),
            unsaved: bold,
            overlay: Style::new(),
            cursor_row: Style::new().add_modifier(Modifier::REVERSED),
        }
    }
}

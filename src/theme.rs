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

/// The themes there are, by the names `--theme` and the config file use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    /// Calm colours on the terminal's own background.
    #[default]
    Default,
    /// High contrast for projectors: large lightness differences, colour-blind-safe flags.
    Contrast,
    /// No colour at all: bold, underline and reverse video.
    Mono,
}

impl ThemeName {
    /// The theme, unless `NO_COLOR` asks for none (then monochrome, always).
    pub fn theme(self) -> Theme {
        if no_color() {
            return Theme::monochrome();
        }
        match self {
            ThemeName::Default => Theme::colour(),
            ThemeName::Contrast => Theme::contrast(),
            ThemeName::Mono => Theme::monochrome(),
        }
    }
}

/// Whether the user asked for no colour (<https://no-color.org>).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

impl Theme {
    /// The colour theme, or the monochrome one when `NO_COLOR` is set.
    pub fn from_env() -> Self {
        ThemeName::Default.theme()
    }

    /// For a room and a projector that washes colours out: white on black,
    /// titles in reverse video, flags black on yellow (a lightness contrast
    /// that survives every common colour blindness), no dark greys.
    pub fn contrast() -> Self {
        let bold = Modifier::BOLD;
        let on_black = Style::new().fg(Color::White).bg(Color::Black);
        Self {
            name: "contrast",
            base: on_black,
            header: on_black.add_modifier(bold),
            title: on_black.add_modifier(bold),
            half_border: on_black,
            divider: on_black,
            section_title: on_black.add_modifier(bold | Modifier::UNDERLINED),
            section_title_focused: Style::new()
                .fg(Color::Black)
                .bg(Color::White)
                .add_modifier(bold),
            item: on_black.add_modifier(bold),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::White)
                .add_modifier(bold),
            linked: Style::new()
                .fg(Color::LightCyan)
                .bg(Color::Black)
                .add_modifier(bold | Modifier::UNDERLINED),
            flag: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(bold),
            warn: Style::new()
                .fg(Color::Yellow)
                .bg(Color::Black)
                .add_modifier(bold),
            level: on_black.add_modifier(bold),
            dim: Style::new().fg(Color::Gray).bg(Color::Black),
            key: Style::new()
                .fg(Color::Yellow)
                .bg(Color::Black)
                .add_modifier(bold),
            status_info: on_black,
            status_warning: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(bold),
            status_error: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(bold),
            saved: on_black,
            unsaved: Style::new()
                .fg(Color::Yellow)
                .bg(Color::Black)
                .add_modifier(bold),
            overlay: on_black,
            cursor_row: Style::new().fg(Color::Black).bg(Color::White),
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

//! The optional config file: the default theme and projector preferences.
//!
//! `config.ron` in the platform config directory (e.g.
//! `~/.config/vpcanvas/config.ron`), or the file named by `VPCANVAS_CONFIG`:
//!
//! ```ron
//! (
//!     theme: default,          // default | contrast | mono
//!     ascii: false,            // plain ASCII symbols only
//!     mouse: true,             // false: the terminal keeps the mouse (its own selection)
//!     bell: false,             // true: the terminal bell rings once when the timer ends
//!     projector: (
//!         theme: contrast,
//!         timer_minutes: 10,
//!     ),
//!     coach: (
//!         off: ["too-long"],   // coach rules (SPEC §7 ids) off for all canvases
//!     ),
//!     room: (                  // the workshop room (phones write and vote)
//!         port: 7878,          // the next free one if taken
//!         bind: "0.0.0.0",     // the interface to listen on (default: all)
//!         enabled: true,       // false removes the room (no listening socket ever)
//!         live_tally: false,   // true: the vote's counts show as they come
//!     ),
//!     keys: {                  // rebind any action: its name, then its keys
//!         "link": ["m", "ctrl-l"],
//!         "library.new-canvas": ["ctrl-o"],
//!     },
//! )
//! ```
//!
//! Key names are the action's (`vpcanvas keys` lists them all), prefixed with
//! the context unless it is the canvas; keys are written as the help shows
//! them (`a`, `K`, `Ctrl-s`, `Alt-←`, `Enter`, `F2`). A key another action
//! of the same context already has is reported at start-up, and that action
//! keeps its default keys.
//!
//! Every field is optional. A broken file never stops the program: it is
//! reported once and the defaults are used.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use crate::canvas::file::MAX_FILE_BYTES;
use crate::theme::ThemeName;

/// The environment variable naming a config file to use instead.
pub const CONFIG_ENV: &str = "VPCANVAS_CONFIG";

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub theme: ThemeName,
    pub ascii: bool,
    /// Take the mouse; `false` leaves it to the terminal (its own selection).
    pub mouse: bool,
    /// Ring the terminal bell once when the workshop timer reaches zero.
    pub bell: bool,
    pub projector: ProjectorConfig,
    pub coach: CoachConfig,
    pub room: RoomConfig,
    /// The user's key bindings: action name → keys.
    pub keys: BTreeMap<String, Vec<String>>,
}

/// The coach's settings for all canvases.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CoachConfig {
    /// Rule ids turned off (checked when the file is read).
    pub off: Vec<String>,
}

impl CoachConfig {
    /// The rules turned off. Ids were checked by [`parse`]; any other is ignored.
    pub fn off_rules(&self) -> crate::coach::RuleSet {
        self.off
            .iter()
            .filter_map(|id| crate::coach::Rule::from_id(id))
            .collect()
    }
}

/// The room's settings (SPEC §11).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RoomConfig {
    pub port: u16,
    /// An address of this machine to listen on; empty: every interface.
    pub bind: String,
    pub enabled: bool,
    pub live_tally: bool,
}

impl Default for RoomConfig {
    fn default() -> Self {
        Self {
            port: 7878,
            bind: String::new(),
            enabled: true,
            live_tally: false,
        }
    }
}

impl RoomConfig {
    /// The settings the editor uses (`bind` was checked by [`parse`]).
    pub fn settings(&self) -> crate::app::RoomSettings {
        let defaults = crate::app::RoomSettings::default();
        crate::app::RoomSettings {
            port: self.port,
            bind: self.bind.trim().parse().unwrap_or(defaults.bind),
            enabled: self.enabled,
            live_tally: self.live_tally,
            at_start: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProjectorConfig {
    pub theme: ThemeName,
    /// The length the timer prompt offers.
    pub timer_minutes: u32,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            theme: ThemeName::Default,
            ascii: false,
            mouse: true,
            bell: false,
            projector: ProjectorConfig::default(),
            coach: CoachConfig::default(),
            room: RoomConfig::default(),
            keys: BTreeMap::new(),
        }
    }
}

impl Default for ProjectorConfig {
    fn default() -> Self {
        Self {
            theme: ThemeName::Contrast,
            timer_minutes: 10,
        }
    }
}

/// Where the config file is looked for.
pub fn path() -> Option<PathBuf> {
    match std::env::var_os(CONFIG_ENV).filter(|v| !v.is_empty()) {
        Some(p) => Some(PathBuf::from(p)),
        None => directories::ProjectDirs::from("", "", "vpcanvas")
            .map(|d| d.config_dir().join("config.ron")),
    }
}

/// Reads the config. A missing file is the defaults; a broken one is the
/// defaults plus a message saying what is wrong and where.
pub fn load() -> (Config, Option<String>) {
    let Some(path) = path() else {
        return (Config::default(), None);
    };
    // Only a regular file, and never more than the limit: `/dev/zero` or a
    // FIFO named in VPCANVAS_CONFIG must neither eat memory nor hang.
    let bytes = match crate::storage::read_regular(&path, MAX_FILE_BYTES) {
        Ok(b) => b,
        Err(crate::storage::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            return (Config::default(), None);
        }
        Err(e) => {
            return (
                Config::default(),
                Some(format!("config {}: {e}; using defaults", path.display())),
            );
        }
    };
    match parse(&bytes) {
        Ok(c) => (c, None),
        Err(why) => (
            Config::default(),
            Some(format!("config {}:{why}; using defaults", path.display())),
        ),
    }
}

/// Parses config text; the error names the line and column.
pub fn parse(bytes: &[u8]) -> Result<Config, String> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(" too large".to_owned());
    }
    let text = std::str::from_utf8(bytes).map_err(|_| " not valid UTF-8".to_owned())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let config: Config = ron::from_str(text)
        .map_err(|e| format!("{}:{}: {}", e.span.start.line, e.span.start.col, e.code))?;
    for id in &config.coach.off {
        id.parse::<crate::coach::Rule>()
            .map_err(|why| format!(" coach.off: {why}"))?;
    }
    let bind = config.room.bind.trim();
    if !bind.is_empty() && bind.parse::<std::net::IpAddr>().is_err() {
        return Err(format!(
            " room.bind: {:?} is not an IP address (such as \"192.168.1.20\" or \"0.0.0.0\")",
            crate::text::visible(bind)
        ));
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_room_is_configured_and_a_bad_address_is_named() {
        let c =
            parse(b"(room: (port: 9000, bind: \"127.0.0.1\", live_tally: true))").expect("parses");
        let s = c.room.settings();
        assert_eq!(
            (s.port, s.bind.to_string(), s.enabled, s.live_tally),
            (9000, "127.0.0.1".to_owned(), true, true)
        );
        assert!(
            !parse(b"(room: (enabled: false))")
                .expect("parses")
                .room
                .enabled
        );
        let e = parse(b"(room: (bind: \"my laptop\"))").expect_err("refused");
        assert!(e.contains("room.bind") && e.contains("my laptop"), "{e}");
    }

    #[test]
    fn empty_and_partial_configs_take_defaults() {
        assert_eq!(parse(b"()"), Ok(Config::default()));
        let c = parse(b"(theme: mono, projector: (timer_minutes: 5))").expect("parses");
        assert_eq!(c.theme, ThemeName::Mono);
        assert_eq!(c.projector.theme, ThemeName::Contrast);
        assert_eq!(c.projector.timer_minutes, 5);
    }

    #[test]
    fn the_coach_rules_can_be_turned_off_by_id() {
        let c = parse(br#"(coach: (off: ["too-long", "unranked"]))"#).expect("parses");
        let off = c.coach.off_rules();
        assert!(off.contains(crate::coach::Rule::TooLong));
        assert!(off.contains(crate::coach::Rule::Unranked));
        assert!(!off.contains(crate::coach::Rule::Vague));
        let e = parse(br#"(coach: (off: ["too_long"]))"#).expect_err("unknown id");
        assert!(e.contains("too_long") && e.contains("too-long"), "{e}");
    }

    #[test]
    fn mouse_is_read() {
        let c = parse(b"(mouse: false)").expect("parses");
        assert!(!c.mouse);
        assert!(Config::default().mouse, "the mouse is taken by default");
    }

    #[test]
    fn the_bell_is_off_unless_asked_for() {
        assert!(parse(b"(bell: true)").expect("parses").bell);
        assert!(!Config::default().bell, "silent by default");
    }

    #[test]
    fn keys_are_read_as_names_and_key_lists() {
        let c = parse(br#"(keys: { "link": ["m", "ctrl-l"], "library.new-canvas": ["ctrl-o"] })"#)
            .expect("parses");
        assert_eq!(c.keys["link"], ["m", "ctrl-l"]);
        assert_eq!(c.keys["library.new-canvas"], ["ctrl-o"]);
    }

    #[test]
    fn broken_configs_say_where() {
        let e = parse(b"(\n  theme: purple,\n)").expect_err("bad theme");
        assert!(e.starts_with("2:"), "{e}");
        assert!(parse(b"(colour: true)").is_err());
        assert!(parse(b"(theme: ").is_err());
        assert!(parse(&[0xff, 0xfe]).is_err());
    }
}

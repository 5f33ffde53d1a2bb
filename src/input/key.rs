//! The one key notation: how keys are written in the key table, in the help
//! and footer, in the user's `config.ron` and in the tests' key scripts.
//!
//! A key is a base with optional modifiers joined by `-`: `a`, `K`, `?`,
//! `Ctrl-s`, `Alt-←`, `Shift-Tab`, `Enter`, `F1`. [`Key::parse`] reads any
//! case of the names and a few aliases (`C-s`, `ctrl-s`, `esc`, `up`, `↑`,
//! `del`, `bs`, `pgdn`); [`Key::label`] writes the one form the screen shows,
//! which `parse` reads back.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One key: a code and the modifiers that must be held (Shift is ignored for
/// characters, since `K` already says it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

pub(crate) const fn key(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

pub(crate) const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

pub(crate) const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

pub(crate) const fn alt(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::ALT,
    }
}

/// Named keys: (the name shown, the code, other names accepted).
const NAMED: [(&str, KeyCode, &[&str]); 16] = [
    ("Space", KeyCode::Char(' '), &[]),
    ("Enter", KeyCode::Enter, &["return", "ret", "cr"]),
    ("Esc", KeyCode::Esc, &["escape"]),
    ("Tab", KeyCode::Tab, &[]),
    ("Shift-Tab", KeyCode::BackTab, &["backtab", "s-tab"]),
    ("Backspace", KeyCode::Backspace, &["bs"]),
    ("Delete", KeyCode::Delete, &["del"]),
    ("↑", KeyCode::Up, &["up"]),
    ("↓", KeyCode::Down, &["down"]),
    ("←", KeyCode::Left, &["left"]),
    ("→", KeyCode::Right, &["right"]),
    ("Home", KeyCode::Home, &[]),
    ("End", KeyCode::End, &[]),
    ("PgUp", KeyCode::PageUp, &["pageup"]),
    ("PgDn", KeyCode::PageDown, &["pagedown"]),
    ("Insert", KeyCode::Insert, &["ins"]),
];

impl Key {
    /// Reads a key written in the notation: `a`, `Ctrl-s`, `alt-left`, `F1`.
    pub fn parse(text: &str) -> Result<Key, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("an empty key".to_owned());
        }
        // Whole names first: `Shift-Tab` is a key, not Shift plus Tab.
        if let Some(code) = named_code(text) {
            return Ok(Key {
                code,
                mods: KeyModifiers::NONE,
            });
        }
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        // A modifier is a prefix followed by something (`-` alone is minus).
        while let Some((head, tail)) = rest.split_once('-')
            && !tail.is_empty()
        {
            match head.to_ascii_lowercase().as_str() {
                "ctrl" | "control" | "c" => mods |= KeyModifiers::CONTROL,
                "alt" | "meta" | "a" | "m" => mods |= KeyModifiers::ALT,
                "shift" | "s" => mods |= KeyModifiers::SHIFT,
                _ => break,
            }
            rest = tail;
        }
        let mut chars = rest.chars();
        let code = match (named_code(rest), chars.next(), chars.next()) {
            (Some(named), _, _) => named,
            (None, Some(c), None) => KeyCode::Char(c),
            _ => function_key(rest).ok_or_else(|| format!("\"{text}\" is not a key"))?,
        };
        Ok(normalise(code, mods))
    }

    /// How the key is written on screen: `a`, `Ctrl-s`, `Enter`, `↑`.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            other => NAMED
                .iter()
                .find(|(_, c, _)| *c == other)
                .map_or_else(|| format!("{other:?}"), |(name, _, _)| (*name).to_owned()),
        };
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str("Ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str("Alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            out.push_str("Shift-");
        }
        out + &base
    }

    /// Whether a key event from the terminal is this key.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let mut mods = event.modifiers;
        if matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        // Terminals report some keys with extra state bits we do not bind.
        mods &= KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT;
        let code = match event.code {
            // Ctrl-letter sometimes arrives upper-cased.
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            c => c,
        };
        self.code == code && self.mods == mods
    }

    /// The event a terminal sends for this key (for key scripts).
    pub fn event(&self) -> KeyEvent {
        let mut mods = self.mods;
        if let KeyCode::Char(c) = self.code
            && c.is_uppercase()
        {
            mods |= KeyModifiers::SHIFT;
        }
        if self.code == KeyCode::BackTab {
            mods |= KeyModifiers::SHIFT;
        }
        KeyEvent::new(self.code, mods)
    }
}

fn named_code(name: &str) -> Option<KeyCode> {
    let lower = name.to_lowercase();
    NAMED.iter().find_map(|(shown, code, aliases)| {
        (shown.to_lowercase() == lower || aliases.contains(&lower.as_str())).then_some(*code)
    })
}

fn function_key(name: &str) -> Option<KeyCode> {
    let n: u8 = name.strip_prefix(['f', 'F'])?.parse().ok()?;
    (1..=24).contains(&n).then_some(KeyCode::F(n))
}

/// One spelling per key: Shift with a letter is the capital (`Shift-k` is
/// `K`), Shift-Tab is its own key, and Ctrl-letters are lower case (as
/// terminals cannot tell Ctrl-S from Ctrl-s).
fn normalise(code: KeyCode, mut mods: KeyModifiers) -> Key {
    let code = match code {
        KeyCode::Char(c) if mods.contains(KeyModifiers::SHIFT) => {
            mods.remove(KeyModifiers::SHIFT);
            KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
        }
        KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
            mods.remove(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(c.to_ascii_lowercase())
        }
        other => other,
    };
    Key { code, mods }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notation_reads_what_people_write() {
        let cases = [
            ("a", key('a')),
            ("K", key('K')),
            ("shift-k", key('K')),
            ("-", key('-')),
            ("?", key('?')),
            ("Ctrl-s", ctrl('s')),
            ("ctrl-S", ctrl('s')),
            ("C-s", ctrl('s')),
            ("c-r", ctrl('r')),
            ("ctrl--", ctrl('-')),
            ("Enter", code(KeyCode::Enter)),
            ("esc", code(KeyCode::Esc)),
            ("space", key(' ')),
            ("Shift-Tab", code(KeyCode::BackTab)),
            ("backtab", code(KeyCode::BackTab)),
            ("up", code(KeyCode::Up)),
            ("↑", code(KeyCode::Up)),
            ("alt-left", alt(KeyCode::Left)),
            ("Alt-←", alt(KeyCode::Left)),
            ("alt-b", alt(KeyCode::Char('b'))),
            ("del", code(KeyCode::Delete)),
            ("bs", code(KeyCode::Backspace)),
            ("F1", code(KeyCode::F(1))),
            ("f12", code(KeyCode::F(12))),
            ("PgDn", code(KeyCode::PageDown)),
        ];
        for (text, want) in cases {
            assert_eq!(Key::parse(text), Ok(want), "{text}");
        }
        for bad in ["", "ctrl-", "hyper-x", "F99", "nope"] {
            assert!(Key::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn labels_read_back_as_the_same_key() {
        for k in [
            key('a'),
            key('K'),
            key(' '),
            key('-'),
            ctrl('s'),
            alt(KeyCode::Left),
            alt(KeyCode::Char('f')),
            code(KeyCode::BackTab),
            code(KeyCode::Enter),
            code(KeyCode::F(1)),
            code(KeyCode::PageUp),
        ] {
            assert_eq!(Key::parse(&k.label()), Ok(k), "{}", k.label());
        }
        assert_eq!(ctrl('s').label(), "Ctrl-s");
        assert_eq!(code(KeyCode::Up).label(), "↑");
    }

    #[test]
    fn a_key_matches_the_event_it_sends() {
        for text in ["a", "K", "?", "Ctrl-s", "Shift-Tab", "Alt-←", "Enter", "+"] {
            let k = Key::parse(text).unwrap_or(key('!'));
            assert!(k.matches(&k.event()), "{text}");
        }
    }
}

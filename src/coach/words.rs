//! What the coach reads in one text: its words, whether it holds a number,
//! whether it is English enough to judge with the word lists, the vague claim
//! it makes, its length. The English lists live in `assets/coach/en.txt`
//! (one data file, not scattered in code); the file's header says how a text is
//! judged to be English.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use unicode_segmentation::UnicodeSegmentation;

/// The word lists, as shipped.
const EN: &str = include_str!("../../assets/coach/en.txt");

/// A word of a text: where it is (byte range in the original) and its
/// lower-cased form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
    pub lower: String,
}

/// Splits a text into words: runs of letters and digits (any script), lower-cased.
/// Everything else (spaces, punctuation, hyphens, apostrophes) separates words.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(word(text, s, i));
        }
    }
    if let Some(s) = start {
        out.push(word(text, s, text.len()));
    }
    out
}

fn word(text: &str, start: usize, end: usize) -> Word {
    Word {
        start,
        end,
        lower: text[start..end].to_lowercase(),
    }
}

/// The text as the duplicate rule compares it: lower-cased words joined by
/// single spaces (case, punctuation and extra spaces ignored).
pub(crate) fn normalise(words: &[Word]) -> String {
    let mut out = String::new();
    for w in words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w.lower);
    }
    out
}

/// Phrases of one or more words, found by their first word.
#[derive(Debug, Default)]
pub(crate) struct Phrases {
    by_first: HashMap<String, Vec<Vec<String>>>,
}

impl Phrases {
    fn add(&mut self, entry: &str) {
        let ws: Vec<String> = words(entry).into_iter().map(|w| w.lower).collect();
        if let Some(first) = ws.first() {
            self.by_first.entry(first.clone()).or_default().push(ws);
        }
    }

    /// The first phrase found in `text`'s words, as (first word, last word) indexes.
    pub(crate) fn find(&self, ws: &[Word]) -> Option<(usize, usize)> {
        ws.iter().enumerate().find_map(|(i, w)| {
            let candidates = self.by_first.get(&w.lower)?;
            candidates
                .iter()
                .filter(|p| {
                    ws.len() - i >= p.len() && p.iter().zip(&ws[i..]).all(|(a, b)| *a == b.lower)
                })
                .map(Vec::len)
                .max()
                .map(|n| (i, i + n - 1))
        })
    }

    fn contains_any(&self, ws: &[Word]) -> bool {
        self.find(ws).is_some()
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.by_first.values().map(Vec::len).sum()
    }
}

/// The English word lists of `assets/coach/en.txt`.
#[derive(Debug, Default)]
pub(crate) struct Lists {
    pub vague: Phrases,
    pub numbers: Phrases,
    pub english: HashSet<String>,
    pub other: HashSet<String>,
}

/// The lists, read once from the data file.
pub(crate) fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| parse_lists(EN))
}

/// Reads the simple list format: `[name]` headings, one entry per line, `#` comments.
pub(crate) fn parse_lists(text: &str) -> Lists {
    let mut lists = Lists::default();
    let mut current = "";
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name;
            continue;
        }
        match current {
            "vague" => lists.vague.add(line),
            "numbers" => lists.numbers.add(line),
            "english" => {
                lists.english.insert(line.to_lowercase());
            }
            "other-languages" => {
                lists.other.insert(line.to_lowercase());
            }
            _ => {}
        }
    }
    lists
}

/// Whether a letter belongs to the Latin script (Basic Latin, Latin-1,
/// Latin Extended-A/B and Latin Extended Additional).
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}')
        || !c.is_alphabetic()
}

/// What one text says, as far as the rules are concerned. Depends on the text
/// alone, so it is cached per item and recomputed only when the text changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Facts {
    /// The text these facts are about.
    pub text: String,
    pub words: Vec<Word>,
    /// For the duplicate rule; empty for a text with no words.
    pub norm: String,
    /// A digit (any script), or, in English, a number word.
    pub number: bool,
    /// Whether the English word lists can judge the text.
    pub english: bool,
    /// The vague claim the text makes, as written in it.
    pub vague: Option<String>,
    /// Length in user-perceived characters (graphemes).
    pub length: usize,
}

impl Facts {
    pub fn of(text: &str) -> Self {
        let lists = lists();
        let words = words(text);
        let latin = text.chars().all(is_latin);
        let has_other = words.iter().any(|w| lists.other.contains(&w.lower));
        let has_english = words.iter().any(|w| lists.english.contains(&w.lower));
        let english = latin && (!has_other || has_english);
        let digit = text.chars().any(char::is_numeric);
        let number = digit || (english && lists.numbers.contains_any(&words));
        let vague = if english {
            lists
                .vague
                .find(&words)
                .map(|(a, b)| text[words[a].start..words[b].end].to_owned())
        } else {
            None
        };
        Self {
            text: text.to_owned(),
            norm: normalise(&words),
            words,
            number,
            english,
            vague,
            length: text.graphemes(true).count(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_has_every_list() {
        let l = lists();
        assert!(l.vague.len() > 40, "vague: {}", l.vague.len());
        assert!(l.numbers.len() > 30, "numbers: {}", l.numbers.len());
        assert!(l.english.contains("the"));
        assert!(l.other.contains("und"));
    }

    #[test]
    fn words_split_on_punctuation_and_keep_their_place() {
        let ws = words("Best-in-class,  user friendly!");
        let lower: Vec<&str> = ws.iter().map(|w| w.lower.as_str()).collect();
        assert_eq!(lower, ["best", "in", "class", "user", "friendly"]);
        assert_eq!(normalise(&ws), "best in class user friendly");
        let f = Facts::of("A best-in-class tool");
        assert_eq!(f.vague.as_deref(), Some("best-in-class"));
    }

    #[test]
    fn numbers_are_digits_or_number_words() {
        assert!(Facts::of("Wait more than 10 minutes").number);
        assert!(Facts::of("half the time").number);
        assert!(Facts::of("twice a week").number);
        assert!(Facts::of("Clients pay 30+ days late").number);
        assert!(Facts::of("Ｗait ３ days").number, "full-width digits count");
        assert!(!Facts::of("Clients pay late").number);
        assert!(!Facts::of("Halfway there").number, "whole words only");
    }

    #[test]
    fn only_english_latin_text_is_judged() {
        assert!(Facts::of("Clients pay late").english);
        assert!(Facts::of("Café receipts get lost").english);
        assert!(!Facts::of("請求書の支払いが遅い").english);
        assert!(!Facts::of("Оплата приходит поздно").english);
        assert!(!Facts::of("Rechnungen kommen zu spät").english);
        assert!(!Facts::of("Les clients paient en retard").english);
        assert!(
            Facts::of("The Müller und Sohn account pays late").english,
            "an English word wins"
        );
        // Not judged, so no vague claim even with an English-looking word.
        assert_eq!(Facts::of("Schneller und besser, smart").vague, None);
    }
}

//! The coach's reading of a text as it was before it was made
//! allocation-light (issue #26): kept only as the reference the new one must
//! equal. Not shipped.

#![allow(dead_code, clippy::pedantic)]

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use unicode_segmentation::UnicodeSegmentation;

/// The word lists, as shipped.
const EN: &str = include_str!("../../../assets/coach/en.txt");

/// A word of a text: where it is (byte range in the original) and its
/// lower-cased form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub lower: String,
}

/// Splits a text into words: runs of letters and digits (any script), lower-cased.
/// Everything else (spaces, punctuation, hyphens, apostrophes) separates words.
pub fn words(text: &str) -> Vec<Word> {
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
pub fn normalise(words: &[Word]) -> String {
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
pub struct Phrases {
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
    pub fn find(&self, ws: &[Word]) -> Option<(usize, usize)> {
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
}

/// The English word lists of `assets/coach/en.txt`.
#[derive(Debug, Default)]
pub struct Lists {
    pub vague: Phrases,
    pub numbers: Phrases,
    pub english: HashSet<String>,
    pub other: HashSet<String>,
}

/// The lists, read once from the data file.
pub fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| parse_lists(EN))
}

/// Reads the simple list format: `[name]` headings, one entry per line, `#` comments.
pub fn parse_lists(text: &str) -> Lists {
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
pub struct Facts {
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

/// One name of the offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// Its lower-cased words.
    pub words: Vec<String>,
    /// As written in the product's text.
    pub shown: String,
    /// Counts only where the item capitalises it as well.
    pub proper: bool,
}

fn is_capitalised(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

/// Capitals after the first letter, and some lower case: `PayFast`, `iPhone`.
fn is_brand_shaped(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    let digits = w.chars().filter(|c| c.is_numeric()).count();
    let inner_upper = w.chars().skip(1).any(char::is_uppercase);
    let lower = w.chars().any(char::is_lowercase);
    (inner_upper && lower) || (letters > 0 && digits > 0)
}

/// The names a product or service's text gives.
pub fn names_of(text: &str) -> Vec<Name> {
    let ws = words(text);
    let raw = |w: &Word| &text[w.start..w.end];
    let mut out = Vec::new();
    let whole = |out: &mut Vec<Name>| {
        out.push(Name {
            words: ws.iter().map(|w| w.lower.clone()).collect(),
            shown: text[ws[0].start..ws[ws.len() - 1].end].to_owned(),
            proper: false,
        });
    };
    match ws.len() {
        0 => return out,
        1 if ws[0].lower.chars().count() >= 3 => whole(&mut out),
        2..=5 => whole(&mut out),
        _ => {}
    }
    let long: Vec<&Word> = ws[1..]
        .iter()
        .filter(|w| w.lower.chars().count() >= 4)
        .collect();
    let title_case = long.len() >= 2 && long.iter().all(|w| is_capitalised(raw(w)));
    for (i, w) in ws.iter().enumerate() {
        let shown = raw(w);
        let brand = is_brand_shaped(shown);
        let proper =
            !brand && i > 0 && !title_case && is_capitalised(shown) && w.lower.chars().count() >= 3;
        if (brand || proper) && ws.len() != 1 {
            let name = Name {
                words: vec![w.lower.clone()],
                shown: shown.to_owned(),
                proper,
            };
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// Whether `name` occurs in the words of `text` (whole words, in order).
pub fn occurs(name: &Name, text: &str, ws: &[Word]) -> bool {
    let n = name.words.len();
    if n == 0 || ws.len() < n {
        return false;
    }
    ws.windows(n).any(|win| {
        win.iter().zip(&name.words).all(|(w, l)| w.lower == *l)
            && (!name.proper || is_capitalised(&text[win[0].start..win[0].end]))
    })
}

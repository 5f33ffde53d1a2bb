//! What the coach reads in one text: its words, whether it holds a number,
//! whether it is English enough to judge with the word lists, the vague claim
//! it makes, its length. The English lists live in `assets/coach/en.txt`
//! (one data file, not scattered in code); the file's header says how a text is
//! judged to be English.
//!
//! Reading a text is linear and allocation-light, as `lint` reads every item
//! of a canvas: the words are lower-cased once, into one string (the text as
//! the duplicate rule compares it), each word is a pair of ranges into the
//! text and that string, and each word is looked up once, in one table of
//! every listed word, with a fast hasher.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use foldhash::fast::RandomState;
use unicode_segmentation::UnicodeSegmentation;

use super::rules::MAX_CHARS;

/// The word lists, as shipped.
const EN: &str = include_str!("../../assets/coach/en.txt");

/// The coach's maps and sets: keys are short words, normalised texts and
/// ids, from a canvas that may come from anyone's repository. foldhash is
/// several times faster than `SipHash` on them, and seeded per process (as
/// the fit's and the wrap memory's maps are), so no file can be written to
/// make its keys collide.
pub(crate) type FastMap<K, V> = HashMap<K, V, RandomState>;
pub(crate) type FastSet<K> = HashSet<K, RandomState>;

/// A word of a text: where it is in the text (`start..end`, bytes) and
/// where its lower-cased form is in [`Words::norm`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
    low: (usize, usize),
}

/// A text's words: runs of letters and digits (any script). Everything else
/// (spaces, punctuation, hyphens, apostrophes) separates words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Words {
    /// The lower-cased words joined by single spaces: the text as the
    /// duplicate rule compares it (case, punctuation and extra spaces
    /// ignored); empty for a text with no words.
    pub norm: String,
    pub list: Vec<Word>,
}

/// The character at byte `at` of `text`.
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// What a byte is to [`next_word`]: an ASCII letter or digit, other ASCII,
/// or part of a character that is not ASCII (decoded to be told).
const LETTER: u8 = 1;
const OTHER: u8 = 0;
const WIDE: u8 = 2;

static BYTE_KIND: [u8; 256] = {
    let mut kinds = [WIDE; 256];
    let mut b = 0;
    while b < 128 {
        kinds[b] = if (b as u8).is_ascii_alphanumeric() {
            LETTER
        } else {
            OTHER
        };
        b += 1;
    }
    kinds
};

fn kind(b: u8) -> u8 {
    BYTE_KIND[usize::from(b)]
}

/// The next word of `text` from byte `at` on: where it starts and ends, and
/// whether it is all ASCII. A word is a run of letters and digits (any
/// script); ASCII bytes are told apart by a table, and only other
/// characters decoded, so a text that is mostly ASCII reads as fast as one
/// that is all.
fn next_word(text: &str, mut at: usize) -> Option<(usize, usize, bool)> {
    let bytes = text.as_bytes();
    loop {
        at += bytes.get(at..)?.iter().position(|&b| kind(b) != OTHER)?;
        if kind(bytes[at]) == LETTER {
            break;
        }
        let c = char_at(text, at)?;
        if c.is_alphanumeric() {
            break;
        }
        at += c.len_utf8();
    }
    let start = at;
    let mut ascii = true;
    loop {
        let rest = bytes.get(at..).unwrap_or_default();
        at += rest
            .iter()
            .position(|&b| kind(b) != LETTER)
            .unwrap_or(rest.len());
        match bytes.get(at).map(|&b| kind(b)) {
            Some(WIDE) => match char_at(text, at) {
                Some(c) if c.is_alphanumeric() => {
                    ascii = false;
                    at += c.len_utf8();
                }
                _ => break,
            },
            _ => break,
        }
    }
    Some((start, at, ascii))
}

/// Where the words of `text` are, as byte ranges ([`next_word`]).
fn word_ranges(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let (start, end, _) = next_word(text, at)?;
        at = end;
        Some((start, end))
    })
}

/// Whether `text`, normalised ([`Words::norm`]), is `norm`: compared word
/// by word, without building it.
pub(crate) fn normalises_to(text: &str, norm: &str) -> bool {
    let mut rest = norm.as_bytes();
    for (n, (start, end)) in word_ranges(text).enumerate() {
        if n > 0 {
            match rest.split_first() {
                Some((b' ', after)) => rest = after,
                _ => return false,
            }
        }
        let raw = &text[start..end];
        let len = if raw.is_ascii() {
            let same = rest.len() >= raw.len()
                && rest[..raw.len()]
                    .iter()
                    .zip(raw.bytes())
                    .all(|(n, r)| *n == r.to_ascii_lowercase());
            if !same {
                return false;
            }
            raw.len()
        } else {
            let lower = raw.to_lowercase();
            if !rest.starts_with(lower.as_bytes()) {
                return false;
            }
            lower.len()
        };
        rest = &rest[len..];
    }
    rest.is_empty()
}

impl Words {
    pub fn of(text: &str) -> Self {
        let mut words = Words::default();
        words.read(text);
        words
    }

    /// Reads `text`, reusing this one's buffers.
    pub fn read(&mut self, text: &str) {
        #[cfg(test)]
        crate::text::read_whole::add(text.len());
        self.norm.clear();
        self.list.clear();
        if text.is_ascii() {
            self.read_ascii(text);
            return;
        }
        let mut at = 0;
        while let Some((start, end, ascii)) = next_word(text, at) {
            at = end;
            if !self.norm.is_empty() {
                self.norm.push(' ');
            }
            let from = self.norm.len();
            let raw = &text[start..end];
            if ascii {
                self.norm.push_str(raw);
                self.norm[from..].make_ascii_lowercase();
            } else if raw.contains('Σ') {
                // Word by word, as a final capital sigma lower-cases by its place.
                self.norm.push_str(&raw.to_lowercase());
            } else {
                // As `str::to_lowercase` does it for every other letter.
                self.norm.extend(raw.chars().flat_map(char::to_lowercase));
            }
            self.list.push(Word {
                start,
                end,
                low: (from, self.norm.len()),
            });
        }
    }

    /// [`Words::read`] of an ASCII text (most are): one pass over its bytes,
    /// each lower-cased as it is copied.
    fn read_ascii(&mut self, text: &str) {
        let mut start = None;
        for (at, &b) in text.as_bytes().iter().enumerate() {
            match (b.is_ascii_alphanumeric(), start) {
                (true, None) => {
                    if !self.norm.is_empty() {
                        self.norm.push(' ');
                    }
                    start = Some((at, self.norm.len()));
                    self.norm.push(char::from(b.to_ascii_lowercase()));
                }
                (true, Some(_)) => self.norm.push(char::from(b.to_ascii_lowercase())),
                (false, Some((word, from))) => {
                    self.push_word(word, at, from);
                    start = None;
                }
                (false, None) => {}
            }
        }
        if let Some((word, from)) = start {
            self.push_word(word, text.len(), from);
        }
    }

    /// Notes the word at `start..end` of the text, lower-cased in `norm`
    /// from `from` to its end.
    fn push_word(&mut self, start: usize, end: usize, from: usize) {
        self.list.push(Word {
            start,
            end,
            low: (from, self.norm.len()),
        });
    }

    /// A word's lower-cased form.
    pub fn lower(&self, word: &Word) -> &str {
        &self.norm[word.low.0..word.low.1]
    }

    /// The lower-cased form of the word at `index`.
    pub fn lower_at(&self, index: usize) -> &str {
        self.lower(&self.list[index])
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether the phrase (normalised: lower-cased words joined by single
    /// spaces) is here from word `at` on; how many words it has if so.
    fn has_at(&self, at: usize, phrase: &str) -> Option<usize> {
        let mut n = 0;
        for (k, p) in phrase.split(' ').enumerate() {
            if at + k >= self.len() || self.lower_at(at + k) != p {
                return None;
            }
            n = k + 1;
        }
        Some(n)
    }
}

/// What the lists say about one word: whether it is English or of another
/// language, and the vague claims and number phrases that start with it.
#[derive(Debug, Default)]
pub(crate) struct Entry {
    english: bool,
    other: bool,
    vague: Vec<Phrase>,
    numbers: Vec<Phrase>,
}

/// An entry of the lists, normalised as [`Words::norm`] is: borrowed from
/// the data file, which is written that way (a test keeps it so), and
/// normalised afresh only where it is not.
type Phrase = Cow<'static, str>;

/// The longest of `phrases` found at word `at`, in words.
fn longest(phrases: &[Phrase], words: &Words, at: usize) -> Option<usize> {
    phrases.iter().filter_map(|p| words.has_at(at, p)).max()
}

/// `line` normalised as [`Words::norm`] is; without a copy when it already
/// is (lower-case ASCII letters and digits, single spaces).
fn normalised(line: &'static str) -> Phrase {
    // One pass: words of lower-case letters and digits, one space between.
    let mut space = true;
    let plain = line.bytes().all(|b| {
        let ok = b.is_ascii_lowercase() || b.is_ascii_digit() || (b == b' ' && !space);
        space = b == b' ';
        ok
    }) && !space;
    if plain {
        Cow::Borrowed(line)
    } else {
        Cow::Owned(Words::of(line).norm)
    }
}

/// The English word lists of `assets/coach/en.txt`, by word: one lookup
/// tells all the lists say about a word.
#[derive(Debug, Default)]
pub(crate) struct Lists {
    by_word: FastMap<Phrase, Entry>,
}

impl Lists {
    fn entry(&mut self, word: Phrase) -> &mut Entry {
        self.by_word.entry(word).or_default()
    }

    fn add_phrase(&mut self, line: &'static str, vague: bool) {
        let phrase = normalised(line);
        let first = match &phrase {
            Cow::Borrowed(p) => Cow::Borrowed(p.split(' ').next().unwrap_or(p)),
            Cow::Owned(p) => Cow::Owned(p.split(' ').next().unwrap_or(p).to_owned()),
        };
        if first.is_empty() {
            return;
        }
        let entry = self.entry(first);
        if vague {
            entry.vague.push(phrase);
        } else {
            entry.numbers.push(phrase);
        }
    }

    fn get(&self, word: &str) -> Option<&Entry> {
        self.by_word.get(word)
    }

    /// How many entries of each list: vague claims, number phrases, English
    /// words, words of other languages.
    #[cfg(test)]
    pub(crate) fn sizes(&self) -> [usize; 4] {
        let e = self.by_word.values();
        [
            e.clone().map(|e| e.vague.len()).sum(),
            e.clone().map(|e| e.numbers.len()).sum(),
            e.clone().filter(|e| e.english).count(),
            e.filter(|e| e.other).count(),
        ]
    }
}

/// The lists, read once from the data file.
pub(crate) fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| parse_lists(EN))
}

/// Reads the simple list format: `[name]` headings, one entry per line, `#`
/// comments. Entries are borrowed from `text` (it is the shipped file):
/// start-up reads it without a copy of each word.
pub(crate) fn parse_lists(text: &'static str) -> Lists {
    // Room for every entry up front: the table is not grown (and rehashed)
    // entry by entry at start-up.
    let mut lists = Lists {
        by_word: FastMap::with_capacity_and_hasher(
            text.bytes().filter(|b| *b == b'\n').count(),
            RandomState::default(),
        ),
    };
    let mut current = "";
    // Lines and comments found byte by byte: the lines are short, and
    // searching each for a character costs more than walking it.
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let len = bytes[at..].iter().position(|b| *b == b'\n');
        let end = len.map_or(bytes.len(), |n| at + n);
        let comment = bytes[at..end].iter().position(|b| *b == b'#');
        let line = text[at..comment.map_or(end, |n| at + n)].trim();
        at = end + 1;
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name;
            continue;
        }
        match current {
            "vague" => lists.add_phrase(line, true),
            "numbers" => lists.add_phrase(line, false),
            "english" => lists.entry(normalised(line)).english = true,
            "other-languages" => lists.entry(normalised(line)).other = true,
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

/// What one text says, as far as the rules are concerned. Depends on the
/// text alone; read afresh where it is needed (it is cheap).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Facts<'t> {
    /// The text these facts are about.
    pub text: &'t str,
    pub words: Words,
    /// A digit (any script), or, in English, a number word.
    pub number: bool,
    /// Whether the English word lists can judge the text.
    pub english: bool,
    /// The vague claim the text makes, as a byte range of the text.
    vague: Option<(usize, usize)>,
}

impl<'t> Facts<'t> {
    pub fn of(text: &'t str) -> Self {
        Self::read(text, Words::default())
    }

    /// [`Facts::of`], reading the words into `words`' buffers (take them
    /// back from [`Facts::words`] for the next text).
    pub fn read(text: &'t str, mut words: Words) -> Self {
        let lists = lists();
        words.read(text);
        let (mut has_other, mut has_english, mut number_word) = (false, false, false);
        let mut vague = None;
        for at in 0..words.len() {
            let Some(entry) = lists.get(words.lower_at(at)) else {
                continue;
            };
            has_other |= entry.other;
            has_english |= entry.english;
            number_word = number_word || longest(&entry.numbers, &words, at).is_some();
            if vague.is_none() {
                vague = longest(&entry.vague, &words, at).map(|n| (at, at + n - 1));
            }
        }
        let ascii = text.is_ascii();
        let latin = ascii || text.chars().all(is_latin);
        let english = latin && (!has_other || has_english);
        let digit = if ascii {
            text.bytes().any(|b| b.is_ascii_digit())
        } else {
            text.chars().any(char::is_numeric)
        };
        let vague = vague
            .filter(|_| english)
            .map(|(a, b)| (words.list[a].start, words.list[b].end));
        Self {
            text,
            number: digit || (english && number_word),
            english,
            vague,
            words,
        }
    }

    /// For the duplicate rule; empty for a text with no words.
    pub fn norm(&self) -> &str {
        &self.words.norm
    }

    /// The vague claim the text makes, as written in it.
    pub fn vague(&self) -> Option<&'t str> {
        self.vague.map(|(a, b)| &self.text[a..b])
    }

    /// The length in user-perceived characters (graphemes) when it is over
    /// [`MAX_CHARS`]; counted only for a text with more bytes, and more
    /// characters, than that (a grapheme is one character or more).
    pub fn too_long(&self) -> Option<usize> {
        if self.text.len() <= MAX_CHARS || self.text.chars().count() <= MAX_CHARS {
            return None;
        }
        Some(self.text.graphemes(true).count()).filter(|n| *n > MAX_CHARS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_of_the_data_file_is_written_normalised() {
        // So start-up borrows them all rather than normalising each.
        let entries = EN
            .lines()
            .map(|l| l.find('#').map_or(l, |at| &l[..at]).trim())
            .filter(|l| !l.is_empty() && !l.starts_with('['));
        for line in entries {
            assert_eq!(Words::of(line).norm, line, "{line:?}");
        }
    }

    #[test]
    fn an_entry_written_otherwise_still_matches() {
        let lists = parse_lists(
            "[vague]\r\n  Best-in-CLASS  \r\nuser  friendly # two spaces\n[english]\nThe",
        );
        let user = lists.get("user").expect("a phrase under a comment");
        assert_eq!(
            longest(&user.vague, &Words::of("User-friendly"), 0),
            Some(2)
        );
        assert!(lists.get("the").is_some_and(|e| e.english));
        let best = lists.get("best").expect("the phrase's first word");
        let words = Words::of("a best in class tool");
        assert_eq!(longest(&best.vague, &words, 1), Some(3));
        assert_eq!(longest(&best.vague, &words, 0), None);
        assert_eq!(longest(&best.vague, &Words::of("best in"), 0), None);
    }

    #[test]
    fn the_data_file_has_every_list() {
        let [vague, numbers, english, other] = lists().sizes();
        assert!(vague > 40, "vague: {vague}");
        assert!(numbers > 30, "numbers: {numbers}");
        assert!(english > 10 && other > 10, "{english} {other}");
        assert!(lists().get("the").is_some_and(|e| e.english));
        assert!(lists().get("und").is_some_and(|e| e.other));
    }

    #[test]
    fn words_split_on_punctuation_and_keep_their_place() {
        let ws = Words::of("Best-in-class,  user friendly!");
        let lower: Vec<&str> = ws.list.iter().map(|w| ws.lower(w)).collect();
        assert_eq!(lower, ["best", "in", "class", "user", "friendly"]);
        assert_eq!(ws.norm, "best in class user friendly");
        assert_eq!((ws.list[2].start, ws.list[2].end), (8, 13));
        let f = Facts::of("A best-in-class tool");
        assert_eq!(f.vague(), Some("best-in-class"));
    }

    #[test]
    fn words_lower_case_as_the_standard_library_does() {
        // Non-ASCII words are lower-cased whole: a final sigma by its place.
        let raw = ["ΟΔΟΣ", "Straße", "İstanbul", "ÉCOLE"];
        let ws = Words::of(&raw.join(" "));
        assert_eq!(ws.norm, raw.map(str::to_lowercase).join(" "));
        assert!(ws.norm.starts_with("οδος"), "{}", ws.norm);
        let mut again = Words::of("something else entirely");
        again.read("ΟΔΟΣ Straße İstanbul ÉCOLE");
        assert_eq!(again, ws, "a reused buffer reads the same");
    }

    #[test]
    fn a_text_is_compared_with_a_normalised_one_as_normalise_would() {
        let texts = [
            "Chasing invoices!",
            "  chasing   INVOICES ",
            "Chasing invoices too",
            "Chasing",
            "",
            "!!!",
            "ΟΔΟΣ Straße",
            "οδος STRASSE",
            "日本 suppliers",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(
                    normalises_to(a, &Words::of(b).norm),
                    Words::of(a).norm == Words::of(b).norm,
                    "{a:?} {b:?}"
                );
            }
        }
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
    fn length_is_counted_in_graphemes_only_past_the_limit() {
        let long = "é".repeat(100); // 200 bytes, 100 graphemes
        assert_eq!(Facts::of(&long).too_long(), None);
        let longer = "e\u{301}".repeat(141); // combining accents: 141 graphemes
        assert_eq!(Facts::of(&longer).too_long(), Some(141));
        assert_eq!(Facts::of(&"a".repeat(140)).too_long(), None);
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
        assert_eq!(Facts::of("Schneller und besser, smart").vague(), None);
    }
}

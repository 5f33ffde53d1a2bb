//! Reading a text's words ([`Words::read`]) as the standard library splits
//! and lower-cases them, for every character and every pair of ASCII bytes.

#![allow(clippy::unwrap_used)]

use super::super::words::{Words, normalises_to};

/// The words of `t` lower-cased and joined by single spaces, and where
/// each is, as the standard library finds them.
fn reference(t: &str) -> (String, Vec<(usize, usize)>) {
    let mut ranges = Vec::new();
    let mut start = None;
    for (at, c) in t.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                ranges.push((s, at));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        ranges.push((s, t.len()));
    }
    let norm = ranges
        .iter()
        .map(|&(a, b)| t[a..b].to_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    (norm, ranges)
}

fn read_as_the_reference(text: &str) {
    let words = Words::of(text);
    let ranges: Vec<(usize, usize)> = words.list.iter().map(|w| (w.start, w.end)).collect();
    assert_eq!((words.norm.clone(), ranges), reference(text), "{text:?}");
    for w in &words.list {
        assert_eq!(words.lower(w), text[w.start..w.end].to_lowercase());
    }
    assert!(normalises_to(text, &words.norm), "{text:?}");
}

#[test]
fn every_pair_of_ascii_bytes_is_read_as_the_standard_library_would() {
    // ASCII texts are read by a path of their own.
    for a in 0..128u8 {
        for b in 0..128u8 {
            let text: String = [a, b'x', b, b'Y', a, b].map(char::from).iter().collect();
            read_as_the_reference(&text);
        }
    }
}

#[test]
fn every_character_is_read_as_the_standard_library_would() {
    let chars: Vec<char> = (0..=u32::from(char::MAX))
        .filter_map(char::from_u32)
        .collect();
    for chunk in chars.chunks(64) {
        // A capital sigma lower-cases by its place in the word.
        let text: String = chunk.iter().flat_map(|&c| ['A', 'b', c, 'Σ', c]).collect();
        read_as_the_reference(&text);
    }
}

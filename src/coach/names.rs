//! What counts as naming the offer (`product-in-profile`): the names a
//! product or service gives, and finding them in a customer item's words.
//!
//! A product's text is mostly a description ("Automatic payment reminders"),
//! so a customer item only "names" it when it uses
//! - the product's whole text of two to five words ("invoicing web app"),
//!   or a one-word product ("Paystream");
//! - a word shaped like a brand: capitals inside it (`PayFast`, `iPhone`) or
//!   letters and digits together ("X200");
//! - a capitalised word from inside a product's sentence ("Reminders sent by
//!   Paystream"), when the item writes it capitalised too (a proper noun).
//!   Title Case texts ("Invoicing For Freelancers") give no such names: there
//!   the capitals say nothing.

use super::words::{Word, Words};

/// One name of the offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Name {
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
pub(crate) fn names_of(text: &str) -> Vec<Name> {
    let words = Words::of(text);
    let ws = &words.list;
    let raw = |w: &Word| &text[w.start..w.end];
    let mut out = Vec::new();
    let whole = |out: &mut Vec<Name>| {
        out.push(Name {
            words: ws.iter().map(|w| words.lower(w).to_owned()).collect(),
            shown: text[ws[0].start..ws[ws.len() - 1].end].to_owned(),
            proper: false,
        });
    };
    match ws.len() {
        0 => return out,
        1 if words.lower_at(0).chars().count() >= 3 => whole(&mut out),
        2..=5 => whole(&mut out),
        _ => {}
    }
    let long: Vec<&Word> = ws[1..]
        .iter()
        .filter(|w| words.lower(w).chars().count() >= 4)
        .collect();
    let title_case = long.len() >= 2 && long.iter().all(|w| is_capitalised(raw(w)));
    for (i, w) in ws.iter().enumerate() {
        let shown = raw(w);
        let lower = words.lower(w);
        let brand = is_brand_shaped(shown);
        let proper =
            !brand && i > 0 && !title_case && is_capitalised(shown) && lower.chars().count() >= 3;
        if (brand || proper) && ws.len() != 1 {
            let name = Name {
                words: vec![lower.to_owned()],
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
pub(crate) fn occurs(name: &Name, text: &str, words: &Words) -> bool {
    let n = name.words.len();
    if n == 0 || words.len() < n {
        return false;
    }
    words.list.windows(n).any(|win| {
        win.iter()
            .zip(&name.words)
            .all(|(w, l)| words.lower(w) == l)
            && (!name.proper || is_capitalised(&text[win[0].start..win[0].end]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<String> {
        names_of(text).into_iter().map(|n| n.shown).collect()
    }

    #[test]
    fn names_are_short_whole_texts_brands_and_proper_nouns() {
        assert_eq!(shown("Invoicing web app"), ["Invoicing web app"]);
        assert_eq!(shown("Paystream"), ["Paystream"]);
        assert_eq!(
            shown("Automatic reminders sent to late payers by PayFast every week"),
            ["PayFast"]
        );
        assert_eq!(
            shown("Polite payment reminders sent for you by Paystream each week"),
            ["Paystream"]
        );
        assert!(shown("Invoicing For Freelancers Who Hate Chasing Money Every Month").is_empty());
        assert!(shown("Pay-now button on every invoice, with cards and transfers").is_empty());
    }

    #[test]
    fn proper_nouns_must_be_capitalised_where_they_are_found() {
        let names = names_of("Polite payment reminders sent for you by Paystream each week");
        let text = "Paystream is too expensive";
        assert!(occurs(&names[0], text, &Words::of(text)));
        let text = "Streams of paystream noise";
        assert!(!occurs(&names[0], text, &Words::of(text)));
        let names = names_of("Invoicing web app");
        let text = "Our invoicing web app crashes";
        assert!(occurs(&names[0], text, &Words::of(text)));
        let text = "Invoicing takes a whole day";
        assert!(!occurs(&names[0], text, &Words::of(text)));
    }
}

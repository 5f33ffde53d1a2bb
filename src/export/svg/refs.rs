//! How a value-map item names what it addresses on the picture: the
//! numbers of the pains, gains or jobs (P1, G2, J3), so a reader can follow
//! each link across the page.
//!
//! A slide holds only so many numbers legibly, and a canvas can hold a
//! million links (1,200 relievers each relieving all 1,200 pains). So:
//! - a run of three or more consecutive numbers is one range tag, "P3–P7";
//! - an item needing more than [`MAX_ITEM_REFS`] tags shows the first few
//!   and "+N more";
//! - a page needing more than [`MAX_PAGE_REFS`] tags in all numbers none:
//!   each item says how many it addresses ("12 pains"), the key says why,
//!   and the HTML report's text lists every link by number.
//!
//! The picture's size then grows with the items, never with the links.

use crate::canvas::{Canvas, Item, Section};

use super::flow::Token;
use super::layout::label_prefix;

/// The most tags one item shows before "+N more".
pub const MAX_ITEM_REFS: usize = 6;
/// The most reference tags a page shows before it counts links instead.
pub const MAX_PAGE_REFS: usize = 300;

/// How the picture shows links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkForm {
    /// By number (P1, P3–P7), at most [`MAX_ITEM_REFS`] tags an item.
    Numbered,
    /// By count ("12 pains"): more links than the page can number legibly.
    Counted,
}

/// The positions (0-based) in the target section that `item` links to,
/// sorted, each once.
pub fn linked_positions(canvas: &Canvas, target: Section, item: &Item) -> Vec<usize> {
    let mut linked: Vec<usize> = item
        .links
        .iter()
        .filter_map(|id| canvas.position_of(*id))
        .filter(|p| p.section == target)
        .map(|p| p.index)
        .collect();
    linked.sort_unstable();
    linked.dedup();
    linked
}

/// Runs of consecutive positions, as (first, last).
fn runs(positions: &[usize]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &p in positions {
        match out.last_mut() {
            Some((_, last)) if *last + 1 == p => *last = p,
            _ => out.push((p, p)),
        }
    }
    out
}

/// The labels of sorted positions in numbered form, each with how many
/// positions it stands for: a run of three or more as one range.
pub fn numbered_labels(prefix: &str, positions: &[usize]) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for (first, last) in runs(positions) {
        if last - first >= 2 {
            out.push((
                format!("{prefix}{}–{prefix}{}", first + 1, last + 1),
                last - first + 1,
            ));
        } else {
            for p in first..=last {
                out.push((format!("{prefix}{}", p + 1), 1));
            }
        }
    }
    out
}

/// How many tags an item's links take in numbered form.
fn tag_count(positions: &[usize]) -> usize {
    let wanted: usize = runs(positions)
        .iter()
        .map(|(f, l)| if l - f >= 2 { 1 } else { l - f + 1 })
        .sum();
    wanted.min(MAX_ITEM_REFS)
}

/// Whether the page can number its links, or must count them.
pub fn link_form(canvas: &Canvas) -> LinkForm {
    let mut tags = 0;
    for section in Section::ALL {
        let Some(target) = section.link_target() else {
            continue;
        };
        for item in canvas.items(section) {
            tags += tag_count(&linked_positions(canvas, target, item));
        }
    }
    if tags > MAX_PAGE_REFS {
        LinkForm::Counted
    } else {
        LinkForm::Numbered
    }
}

/// The tags an item's links become on the picture.
pub fn link_tokens(target: Section, positions: &[usize], form: LinkForm) -> Vec<Token> {
    let Some(prefix) = label_prefix(target) else {
        return Vec::new();
    };
    if positions.is_empty() {
        return Vec::new();
    }
    if form == LinkForm::Counted {
        return vec![Token::Ref(count_words(target, positions.len()))];
    }
    let labels = numbered_labels(prefix, positions);
    if labels.len() <= MAX_ITEM_REFS {
        return labels.into_iter().map(|(l, _)| Token::Ref(l)).collect();
    }
    let shown = &labels[..MAX_ITEM_REFS - 1];
    let rest = positions.len() - shown.iter().map(|(_, n)| n).sum::<usize>();
    let mut tokens: Vec<Token> = shown.iter().map(|(l, _)| Token::Ref(l.clone())).collect();
    tokens.push(Token::Note(format!("+{rest} more")));
    tokens
}

/// "1 pain", "12 gains".
fn count_words(target: Section, n: usize) -> String {
    let noun = target.noun();
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_three_or_more_become_ranges() {
        let labels: Vec<String> = numbered_labels("P", &[0, 1, 3, 4, 5, 6, 9])
            .into_iter()
            .map(|(l, _)| l)
            .collect();
        assert_eq!(labels, ["P1", "P2", "P4–P7", "P10"]);
    }

    #[test]
    fn past_the_item_limit_the_rest_is_counted() {
        let every_other: Vec<usize> = (0..40).map(|i| 2 * i).collect();
        let tokens = link_tokens(Section::Pains, &every_other, LinkForm::Numbered);
        assert_eq!(tokens.len(), MAX_ITEM_REFS);
        assert_eq!(tokens[0], Token::Ref("P1".into()));
        assert_eq!(
            tokens.last(),
            Some(&Token::Note(format!("+{} more", 40 - (MAX_ITEM_REFS - 1))))
        );
    }

    #[test]
    fn counted_links_say_how_many() {
        assert_eq!(
            link_tokens(Section::Gains, &[3], LinkForm::Counted),
            [Token::Ref("1 gain".into())]
        );
        assert_eq!(
            link_tokens(Section::Pains, &[0, 5, 9], LinkForm::Counted),
            [Token::Ref("3 pains".into())]
        );
    }
}

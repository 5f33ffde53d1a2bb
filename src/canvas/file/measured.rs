//! The version 3 fields as the file writes them (SPEC §10): scores of
//! alternatives, and a test card's target and results, turned into the
//! model's types.

use serde::Deserialize;

use super::{At, Count, FormatError, describe_as};
use crate::canvas::ItemId;

/// Scores of alternatives as the file writes them: a map from the
/// alternative's name to its score, read in the order written. A name given
/// twice is an error (a map where the second value silently won would hide it).
#[derive(Default)]
pub(super) struct ScoreMap(pub(super) Vec<(String, u8)>);

impl<'de> Deserialize<'de> for ScoreMap {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = ScoreMap;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map from an alternative's name to a score 0–10")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<ScoreMap, A::Error> {
                let mut scores: Vec<(String, u8)> = Vec::new();
                while let Some((name, score)) = map.next_entry::<String, u8>()? {
                    if scores.iter().any(|(n, _)| *n == name) {
                        let shown: String = name.chars().take(40).collect();
                        return Err(serde::de::Error::custom(format!(
                            "the alternative \"{}\" is scored twice",
                            crate::text::safe(&shown)
                        )));
                    }
                    scores.push((name, score));
                }
                Ok(ScoreMap(scores))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// One variant's result as the file writes it: a statement's id or a free
/// label (exactly one of them), and the two counts.
pub(super) struct RawResult {
    pub(super) statement: Option<ItemId>,
    pub(super) label: Option<String>,
    pub(super) shown: Count,
    pub(super) converted: Count,
}

/// The version 3 fields of a test card, turned into the model's types: a
/// variant names a statement or a label (one, not both), a target is a rate
/// from 0 to 1.
pub(super) fn measured(
    card: &crate::canvas::TestCard,
    target: Option<f64>,
    results: Vec<RawResult>,
) -> Result<(Option<crate::canvas::Rate>, Vec<crate::canvas::TestResult>), FormatError> {
    use crate::canvas::{Rate, TestResult, Variant};
    let bad = |field: &'static str, message: String| FormatError::BadValue {
        item: describe_as("test card", card.id, &card.name),
        field,
        message,
        at: At::default(),
    };
    let target = match target {
        None => None,
        Some(t) => Some(Rate::new(t).ok_or_else(|| {
            bad(
                "target",
                format!("is {t}; a target is a conversion rate from 0 to 1 (0.05 for 5%)"),
            )
        })?),
    };
    let results = results
        .into_iter()
        .map(|r| {
            let variant = match (r.statement, r.label) {
                (Some(id), None) => Variant::Statement(id),
                (None, Some(label)) => Variant::Label(label),
                _ => {
                    return Err(bad(
                        "results",
                        "has a row with both or neither of `statement` and `label`; each row names one".to_owned(),
                    ));
                }
            };
            let count = |c: Count, what: &str| {
                c.0.map_err(|n| {
                    let name = match &variant {
                        Variant::Statement(id) => format!("statement {id}"),
                        Variant::Label(label) => format!(
                            "\"{}\"",
                            crate::text::safe(&label.chars().take(40).collect::<String>())
                        ),
                    };
                    bad(
                        "results",
                        format!("says {n} people {what} {name}; a count of people cannot be negative"),
                    )
                })
            };
            Ok(TestResult {
                shown: count(r.shown, "were shown")?,
                converted: count(r.converted, "converted after seeing")?,
                variant,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((target, results))
}

//! The parts of bmml v2's schema vpcanvas reads, as serde structs that reject
//! unknown keys like the schema does, and the bounded YAML parse.

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::{BmmlError, MAX_BYTES, VERSION};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Document {
    #[allow(dead_code)] // checked by the probe before this parse
    pub version: IgnoredAny,
    pub meta: Meta,
    #[serde(default)]
    pub customer_segments: Vec<Segment>,
    #[serde(default)]
    pub value_propositions: Vec<Proposition>,
    #[serde(default)]
    pub fits: Vec<Fit>,
    // The business model around the canvas: read only to say it was not placed.
    #[serde(default)]
    pub channels: Vec<IgnoredAny>,
    #[serde(default)]
    pub customer_relationships: Vec<IgnoredAny>,
    #[serde(default)]
    pub revenue_streams: Vec<IgnoredAny>,
    #[serde(default)]
    pub key_resources: Vec<IgnoredAny>,
    #[serde(default)]
    pub key_activities: Vec<IgnoredAny>,
    #[serde(default)]
    pub key_partnerships: Vec<IgnoredAny>,
    #[serde(default)]
    pub costs: Vec<IgnoredAny>,
}

impl Document {
    /// The business-model blocks and how many entries each has, for the
    /// "not placed" report.
    pub fn business_model_blocks(&self) -> Vec<(&'static str, usize)> {
        [
            ("channels", self.channels.len()),
            ("customer_relationships", self.customer_relationships.len()),
            ("revenue_streams", self.revenue_streams.len()),
            ("key_resources", self.key_resources.len()),
            ("key_activities", self.key_activities.len()),
            ("key_partnerships", self.key_partnerships.len()),
            ("costs", self.costs.len()),
        ]
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .collect()
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Meta {
    pub name: String,
    #[allow(dead_code)]
    pub portfolio: String,
    #[allow(dead_code)]
    pub stage: String,
    pub tagline: Option<String>,
    #[allow(dead_code)]
    pub created: Option<String>,
    #[allow(dead_code)]
    pub updated: Option<String>,
    #[allow(dead_code)]
    pub derived_from: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Segment {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    #[serde(default)]
    pub jobs: Vec<Described>,
    #[serde(default)]
    pub pains: Vec<Described>,
    #[serde(default)]
    pub gains: Vec<Described>,
}

/// A customer-profile item: jobs, pains and gains carry a `description`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Described {
    pub id: String,
    pub description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Proposition {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    #[serde(default)]
    pub products_services: Vec<Named>,
    #[serde(default)]
    pub pain_relievers: Vec<Named>,
    #[serde(default)]
    pub gain_creators: Vec<Named>,
}

/// A value-map item: products, relievers and creators carry a `name`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Fit {
    pub id: String,
    #[serde(rename = "for")]
    pub scope: FitScope,
    #[serde(default)]
    pub mappings: Vec<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FitScope {
    pub value_propositions: Vec<String>,
    pub customer_segments: Vec<String>,
}

/// Reads only `version`, to say "wrong version" rather than "unknown key"
/// for a bmml v1 file, and "not bmml" for any other YAML.
#[derive(Deserialize)]
struct Probe {
    version: Option<ProbeVersion>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum ProbeVersion {
    Text(String),
    Number(f64),
}

/// The parser's limits: far above any real business model (a few hundred
/// events), far below what hurts (a billion-laughs bomb is stopped at its
/// first few thousand replayed events; nesting deeper than 64 is refused).
fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_events = 2_000_000;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_depth = 64;
    budget.max_nodes = 1_000_000;
    budget.max_documents = 1;
    budget.max_total_scalar_bytes = MAX_BYTES;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = 10_000;
    options.alias_limits.max_replay_stack_depth = 16;
    options.alias_limits.max_alias_expansions_per_anchor = 100;
    options
}

/// Decodes, sniffs and parses a bmml v2 file.
pub(super) fn parse(bytes: &[u8]) -> Result<Document, BmmlError> {
    if bytes.len() > MAX_BYTES {
        return Err(BmmlError::TooLarge { size: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| BmmlError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let start = text.trim_start();
    if start.starts_with('<') {
        return Err(BmmlError::Balsamiq);
    }
    if start.is_empty() {
        return Err(BmmlError::NotBmml {
            why: "the file is empty".to_owned(),
        });
    }
    let probe: Probe = serde_saphyr::from_str_with_options(text, options()).map_err(|e| {
        let message = yaml_message(&e);
        // YAML that is not a mapping at all: say what a bmml file is.
        if message.contains("invalid type") || message.contains("expected mapping start") {
            BmmlError::NotBmml {
                why: "a bmml file is a YAML mapping that starts with `version: \"2.0\"`".to_owned(),
            }
        } else {
            BmmlError::Yaml(message)
        }
    })?;
    match probe.version {
        None => {
            return Err(BmmlError::NotBmml {
                why: "it has no `version` (a bmml v2 file starts with `version: \"2.0\"`)"
                    .to_owned(),
            });
        }
        Some(ProbeVersion::Text(v)) if v == VERSION => {}
        Some(ProbeVersion::Number(n)) if (n - 2.0).abs() < f64::EPSILON => {}
        Some(ProbeVersion::Text(v)) => {
            return Err(BmmlError::WrongVersion {
                found: crate::text::truncate(&v, 20),
            });
        }
        Some(ProbeVersion::Number(n)) => {
            return Err(BmmlError::WrongVersion {
                found: n.to_string(),
            });
        }
    }
    serde_saphyr::from_str_with_options(text, options())
        .map_err(|e| BmmlError::Yaml(yaml_message(&e)))
}

/// The parser's message, on one line per line and free of control
/// characters (it quotes the file, which may hold anything).
fn yaml_message(e: &serde_saphyr::Error) -> String {
    e.to_string()
        .lines()
        .map(crate::text::safe)
        .collect::<Vec<_>>()
        .join("\n")
}

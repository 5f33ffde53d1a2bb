//! bmml v2 → canvases: one per fit (its propositions × its segments).

use std::collections::{HashMap, HashSet};

use super::BmmlError;
use super::schema::{self, Described, Document, Fit, Named, Proposition, Segment};
use crate::canvas::{Canvas, Item, ItemId, Section};

/// What an import made, and what it could not place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// One canvas per fit, with the name its file should get (the fit's id
    /// without `fit-`), in the file's order.
    pub canvases: Vec<(String, Canvas)>,
    /// One line per thing left out: business-model blocks, descriptions,
    /// mappings outside a fit's scope, segments and propositions in no fit.
    pub not_placed: Vec<String>,
}

/// Refuses fits that would copy their items too often: past
/// [`super::MAX_ITEMS`] items, [`super::MAX_FITS`] canvases or
/// [`super::MAX_TEXT_BYTES`] of text in all, before any canvas is made.
fn within_limits(scopes: &[FitScope]) -> Result<(), BmmlError> {
    let items: usize = scopes.iter().map(FitScope::item_count).sum();
    if items > super::MAX_ITEMS || scopes.len() > super::MAX_FITS {
        return Err(BmmlError::TooMany {
            items,
            canvases: scopes.len(),
        });
    }
    let bytes: usize = scopes.iter().map(FitScope::text_bytes).sum();
    if bytes > super::MAX_TEXT_BYTES {
        return Err(BmmlError::TooMuchText {
            bytes,
            canvases: scopes.len(),
        });
    }
    Ok(())
}

/// Reads a bmml v2 file and makes one canvas per fit.
pub fn import(bytes: &[u8]) -> Result<Imported, BmmlError> {
    let doc = schema::parse(bytes)?;
    check_ids(&doc)?;
    if doc.fits.is_empty() {
        return Err(BmmlError::NoFits);
    }
    let mut not_placed = Vec::new();
    let blocks = doc.business_model_blocks();
    if !blocks.is_empty() {
        let list = blocks
            .iter()
            .map(|(name, n)| format!("{name} ({n})"))
            .collect::<Vec<_>>()
            .join(", ");
        not_placed.push(format!(
            "business-model blocks, which have no place on a value proposition canvas: {list}"
        ));
    }
    if doc.meta.tagline.as_deref().is_some_and(|t| !t.is_empty()) {
        not_placed.push("meta.tagline".to_owned());
    }
    let segments: HashMap<&str, &Segment> = doc
        .customer_segments
        .iter()
        .map(|s| (s.id.as_str(), s))
        .collect();
    let propositions: HashMap<&str, &Proposition> = doc
        .value_propositions
        .iter()
        .map(|p| (p.id.as_str(), p))
        .collect();
    let scopes = doc
        .fits
        .iter()
        .map(|fit| FitScope::resolve(fit, &segments, &propositions))
        .collect::<Result<Vec<_>, _>>()?;
    within_limits(&scopes)?;
    let mut canvases = Vec::new();
    let mut names = HashSet::new();
    for (fit, scope) in doc.fits.iter().zip(&scopes) {
        let canvas = fit_canvas(&doc, fit, scope, &mut not_placed);
        let mut name = fit.id.strip_prefix("fit-").unwrap_or(&fit.id).to_owned();
        while !names.insert(name.clone()) {
            name.push_str("-2");
        }
        canvases.push((name, canvas));
    }
    let in_a_fit: HashSet<&str> = doc
        .fits
        .iter()
        .flat_map(|f| {
            f.scope
                .customer_segments
                .iter()
                .chain(&f.scope.value_propositions)
        })
        .map(String::as_str)
        .collect();
    for s in &doc.customer_segments {
        if !in_a_fit.contains(s.id.as_str()) {
            not_placed.push(format!("{} \"{}\": in no fit", s.id, one_line(&s.name)));
        }
    }
    for p in &doc.value_propositions {
        if !in_a_fit.contains(p.id.as_str()) {
            not_placed.push(format!("{} \"{}\": in no fit", p.id, one_line(&p.name)));
        }
    }
    Ok(Imported {
        canvases,
        not_placed,
    })
}

/// The segments and propositions a fit names, in its order.
struct FitScope<'a> {
    segments: Vec<&'a Segment>,
    propositions: Vec<&'a Proposition>,
}

impl<'a> FitScope<'a> {
    fn resolve(
        fit: &Fit,
        segments: &HashMap<&str, &'a Segment>,
        propositions: &HashMap<&str, &'a Proposition>,
    ) -> Result<Self, BmmlError> {
        let missing = |what: &str, id: &str| {
            BmmlError::Invalid(format!(
                "{} names {what} {id}, which the file does not define",
                fit.id
            ))
        };
        if fit.scope.value_propositions.is_empty() || fit.scope.customer_segments.is_empty() {
            return Err(BmmlError::Invalid(format!(
                "{} must name at least one value proposition and one customer segment",
                fit.id
            )));
        }
        // A segment or proposition named twice is the same one: counted once.
        let mut seen = HashSet::new();
        Ok(Self {
            segments: fit
                .scope
                .customer_segments
                .iter()
                .filter(|id| seen.insert(id.as_str()))
                .map(|id| {
                    segments
                        .get(id.as_str())
                        .copied()
                        .ok_or_else(|| missing("customer segment", id))
                })
                .collect::<Result<_, _>>()?,
            propositions: fit
                .scope
                .value_propositions
                .iter()
                .filter(|id| seen.insert(id.as_str()))
                .map(|id| {
                    propositions
                        .get(id.as_str())
                        .copied()
                        .ok_or_else(|| missing("value proposition", id))
                })
                .collect::<Result<_, _>>()?,
        })
    }

    /// How many items the fit's canvas will hold.
    fn item_count(&self) -> usize {
        let customer: usize = self
            .segments
            .iter()
            .map(|s| s.jobs.len() + s.pains.len() + s.gains.len())
            .sum();
        let value: usize = self
            .propositions
            .iter()
            .map(|p| p.products_services.len() + p.pain_relievers.len() + p.gain_creators.len())
            .sum();
        customer + value
    }

    /// How many bytes of text the fit's items will hold.
    fn text_bytes(&self) -> usize {
        self.items().iter().map(|(_, _, text)| text.len()).sum()
    }

    /// The fit's items, section by section, as (bmml id, text) in file order.
    fn items(&self) -> Vec<(Section, &'a str, &'a str)> {
        let described = |s: Section, list: &'a [Described]| {
            list.iter()
                .map(move |d| (s, d.id.as_str(), d.description.as_str()))
        };
        let named = |s: Section, list: &'a [Named]| {
            list.iter()
                .map(move |n| (s, n.id.as_str(), n.name.as_str()))
        };
        let mut out = Vec::new();
        for seg in &self.segments {
            out.extend(described(Section::Jobs, &seg.jobs));
        }
        for seg in &self.segments {
            out.extend(described(Section::Pains, &seg.pains));
        }
        for seg in &self.segments {
            out.extend(described(Section::Gains, &seg.gains));
        }
        for p in &self.propositions {
            out.extend(named(Section::Products, &p.products_services));
        }
        for p in &self.propositions {
            out.extend(named(Section::Relievers, &p.pain_relievers));
        }
        for p in &self.propositions {
            out.extend(named(Section::Creators, &p.gain_creators));
        }
        out
    }
}

fn fit_canvas(doc: &Document, fit: &Fit, scope: &FitScope, not_placed: &mut Vec<String>) -> Canvas {
    let mut canvas = Canvas::new(fit_title(doc, scope));
    canvas.segment = scope
        .segments
        .iter()
        .map(|s| s.name.trim())
        .collect::<Vec<_>>()
        .join(" + ");
    let items = scope.items();
    let ids = our_ids(&items);
    // The links are gathered on the items before they go into the canvas:
    // looking ids up in the canvas per mapping would be quadratic in a big file.
    let mut built: Vec<(Section, Item)> = items
        .iter()
        .zip(&ids)
        .map(|(&(section, _, text), &id)| (section, Item::new(id, text)))
        .collect();
    link_mappings(fit, &items, &mut built, not_placed);
    for (section, item) in built {
        canvas.insert_item(section, usize::MAX, item);
    }
    descriptions_left_out(fit, scope, not_placed);
    canvas
}

/// The canvas's title: the document's name and the propositions' names,
/// each once.
fn fit_title(doc: &Document, scope: &FitScope) -> String {
    let vp_names = scope
        .propositions
        .iter()
        .map(|p| p.name.trim())
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join(" + ");
    let meta = doc.meta.name.trim();
    if meta.is_empty() || meta == vp_names {
        vp_names
    } else if vp_names.is_empty() {
        meta.to_owned()
    } else {
        format!("{meta}: {vp_names}")
    }
}

/// Links each reliever or creator to the pain or gain its fit's mappings
/// pair it with; a mapping that cannot be placed is said in `not_placed`.
fn link_mappings(
    fit: &Fit,
    items: &[(Section, &str, &str)],
    built: &mut [(Section, Item)],
    not_placed: &mut Vec<String>,
) {
    let ours: HashMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(at, &(_, bmml_id, _))| (bmml_id, at))
        .collect();
    let mut linked = HashSet::new();
    for (n, mapping) in fit.mappings.iter().enumerate() {
        let [from, to] = mapping.as_slice() else {
            not_placed.push(format!(
                "{} mapping {}: has {} entries; a mapping is a pair [reliever or creator, pain or gain]",
                fit.id,
                n + 1,
                mapping.len()
            ));
            continue;
        };
        let pair = format!("[{}, {}]", one_line(from), one_line(to));
        let expected = match (prefix(from), prefix(to)) {
            ("pr", "pain") => (Section::Relievers, Section::Pains),
            ("gc", "gain") => (Section::Creators, Section::Gains),
            _ => {
                not_placed.push(format!(
                    "{} mapping {pair}: a mapping pairs a pain reliever with a pain (pr-, pain-) or a gain creator with a gain (gc-, gain-)",
                    fit.id
                ));
                continue;
            }
        };
        match (ours.get(from.as_str()), ours.get(to.as_str())) {
            (Some(&a), Some(&b)) if (built[a].0, built[b].0) == expected => {
                let target = built[b].1.id;
                if linked.insert((a, b)) {
                    built[a].1.links.push(target);
                }
            }
            (a, _) => {
                let outside = if a.is_none() { from } else { to };
                not_placed.push(format!(
                    "{} mapping {pair}: {} is not in this fit's propositions and segments",
                    fit.id,
                    one_line(outside)
                ));
            }
        }
    }
}

/// Descriptions of segments and propositions have no place on the canvas.
fn descriptions_left_out(fit: &Fit, scope: &FitScope, not_placed: &mut Vec<String>) {
    for s in &scope.segments {
        if s.description
            .as_deref()
            .is_some_and(|d| !d.trim().is_empty())
        {
            not_placed.push(format!("{}: the description of {}", fit.id, s.id));
        }
    }
    for p in &scope.propositions {
        if p.description
            .as_deref()
            .is_some_and(|d| !d.trim().is_empty())
        {
            not_placed.push(format!("{}: the description of {}", fit.id, p.id));
        }
    }
}

/// Our ids for a fit's items: the numbers of ids like `pain-7` when every
/// item has one and none repeats (so a canvas exported by vpcanvas comes
/// back with its own ids), else 1, 2, 3, … in file order.
fn our_ids(items: &[(Section, &str, &str)]) -> Vec<ItemId> {
    let numbers: Option<Vec<ItemId>> = items
        .iter()
        .map(|(_, id, _)| {
            id.rsplit_once('-')
                .and_then(|(_, n)| n.parse::<ItemId>().ok())
                .filter(|n| *n > 0)
        })
        .collect();
    if let Some(numbers) = numbers {
        let unique: HashSet<_> = numbers.iter().collect();
        if unique.len() == numbers.len() {
            return numbers;
        }
    }
    (1..).take(items.len()).collect()
}

/// The id's prefix, before the first `-`.
fn prefix(id: &str) -> &str {
    id.split_once('-').map_or(id, |(p, _)| p)
}

fn one_line(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    crate::text::truncate(&words.join(" "), 60)
}

/// Each id has its kind's prefix and the schema's characters, and none repeats.
fn check_ids(doc: &Document) -> Result<(), BmmlError> {
    let mut seen = HashSet::new();
    let mut check = |id: &str, prefix: &str, what: &str| {
        let ok = id
            .strip_prefix(prefix)
            .and_then(|r| r.strip_prefix('-'))
            .is_some_and(|rest| {
                !rest.is_empty()
                    && rest
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            });
        if !ok {
            return Err(BmmlError::Invalid(format!(
                "{what} id \"{}\" must be {prefix}- followed by lowercase letters, digits and hyphens",
                one_line(id)
            )));
        }
        if !seen.insert(id.to_owned()) {
            return Err(BmmlError::Invalid(format!(
                "id {id} is used twice; ids must be unique in a bmml file"
            )));
        }
        Ok(())
    };
    for s in &doc.customer_segments {
        check(&s.id, "cs", "customer segment")?;
        for j in &s.jobs {
            check(&j.id, "job", "job")?;
        }
        for p in &s.pains {
            check(&p.id, "pain", "pain")?;
        }
        for g in &s.gains {
            check(&g.id, "gain", "gain")?;
        }
    }
    for v in &doc.value_propositions {
        check(&v.id, "vp", "value proposition")?;
        for p in &v.products_services {
            check(&p.id, "ps", "product or service")?;
        }
        for r in &v.pain_relievers {
            check(&r.id, "pr", "pain reliever")?;
        }
        for c in &v.gain_creators {
            check(&c.id, "gc", "gain creator")?;
        }
    }
    for f in &doc.fits {
        check(&f.id, "fit", "fit")?;
    }
    Ok(())
}

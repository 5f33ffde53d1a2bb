//! Load-time validation: ids positive and unique across the whole canvas
//! (cards included), links to the right section, and every reference a card
//! or a conflict makes pointing to something of the right kind.

use std::collections::HashMap;

use super::{At, FormatError, describe, describe_as};
use crate::canvas::{Canvas, IdKind, ItemId, Learning, Statement, TestCard};
use crate::canvas::{Half, Item, MAX_SCORE, Section, Variant};

/// Anything in the file that has an id.
#[derive(Clone, Copy)]
enum Thing<'a> {
    Item(Section, &'a Item),
    Statement(&'a Statement),
    Test(&'a TestCard),
    Learning(&'a Learning),
}

impl Thing<'_> {
    fn kind(self) -> IdKind {
        match self {
            Thing::Item(s, _) => IdKind::Item(s),
            Thing::Statement(_) => IdKind::Statement,
            Thing::Test(_) => IdKind::Test,
            Thing::Learning(_) => IdKind::Learning,
        }
    }

    fn id(self) -> ItemId {
        match self {
            Thing::Item(_, i) => i.id,
            Thing::Statement(s) => s.id,
            Thing::Test(t) => t.id,
            Thing::Learning(l) => l.id,
        }
    }

    fn describe(self) -> String {
        let text = match self {
            Thing::Item(_, i) => &i.text,
            Thing::Statement(s) => &s.name,
            Thing::Test(t) => &t.name,
            Thing::Learning(l) => &l.learned,
        };
        describe_as(self.kind().noun(), self.id(), text)
    }
}

/// Checks ids and references: positive, unique across the whole canvas
/// (cards included), links pointing to an item of the right section, and every
/// id a card names existing and of the right kind.
pub fn validate(canvas: &Canvas) -> Result<(), FormatError> {
    let things = canvas
        .all_items_in_file_order()
        .map(|(s, i)| Thing::Item(s, i))
        .chain(canvas.statements.iter().map(Thing::Statement))
        .chain(canvas.tests.iter().map(Thing::Test))
        .chain(canvas.learnings.iter().map(Thing::Learning));
    let mut seen: HashMap<ItemId, Thing> = HashMap::with_capacity(canvas.item_count());
    for thing in things {
        let id = thing.id();
        if id == 0 {
            return Err(FormatError::ZeroId {
                item: thing.describe(),
                at: At::default(),
            });
        }
        if let Some(first) = seen.insert(id, thing) {
            return Err(FormatError::DuplicateId {
                id,
                first: first.describe(),
                second: thing.describe(),
                at: At::default(),
            });
        }
    }
    links(canvas, &seen)?;
    card_references(canvas, &seen)?;
    scores(canvas)?;
    results(canvas)?;
    conflicts(canvas, &seen)
}

/// Scores (format version 3) sit on jobs, pains and gains only, are 0–10,
/// and name alternatives the canvas lists.
fn scores(canvas: &Canvas) -> Result<(), FormatError> {
    for (section, item) in canvas.all_items_in_file_order() {
        if item.ours.is_none() && item.theirs.is_empty() {
            continue;
        }
        let bad = |field: &'static str, message: String| FormatError::BadValue {
            item: describe(section, item),
            field,
            message,
            at: At::default(),
        };
        if section.half() == Half::ValueMap {
            let field = if item.ours.is_some() {
                "ours"
            } else {
                "theirs"
            };
            return Err(bad(
                field,
                "is a score, and only jobs, pains and gains are scored".to_owned(),
            ));
        }
        if let Some(score) = item.ours.filter(|s| *s > MAX_SCORE) {
            return Err(bad(
                "ours",
                format!("is {score}; scores go from 0 to {MAX_SCORE}"),
            ));
        }
        for (name, score) in &item.theirs {
            let shown = crate::text::safe(&name.chars().take(40).collect::<String>());
            if !canvas.alternatives.contains(name) {
                return Err(bad(
                    "theirs",
                    format!("scores \"{shown}\", which is not one of the canvas's alternatives"),
                ));
            }
            if *score > MAX_SCORE {
                return Err(bad(
                    "theirs",
                    format!("gives \"{shown}\" {score}; scores go from 0 to {MAX_SCORE}"),
                ));
            }
        }
    }
    Ok(())
}

/// A test's results (format version 3): each statement one of the test's
/// own, each variant once, and no more converted than shown.
fn results(canvas: &Canvas) -> Result<(), FormatError> {
    for t in &canvas.tests {
        let bad = |message: String| FormatError::BadValue {
            item: describe_as("test card", t.id, &t.name),
            field: "results",
            message,
            at: At::default(),
        };
        for (n, r) in t.results.iter().enumerate() {
            let name = match &r.variant {
                Variant::Statement(id) => {
                    if !t.statements.contains(id) {
                        return Err(bad(format!(
                            "has a result for statement {id}, which this test does not test (its `statements` are [{}])",
                            t.statements
                                .iter()
                                .map(ToString::to_string)
                                .collect::<Vec<_>>()
                                .join(", ")
                        )));
                    }
                    format!("statement {id}")
                }
                Variant::Label(label) => {
                    format!(
                        "\"{}\"",
                        crate::text::safe(&label.chars().take(40).collect::<String>())
                    )
                }
            };
            if r.converted > r.shown {
                return Err(bad(format!(
                    "says {} converted {} of {} shown; converted cannot be more than shown",
                    name, r.converted, r.shown
                )));
            }
            if t.results[..n]
                .iter()
                .any(|earlier| earlier.variant == r.variant)
            {
                return Err(bad(format!("has two results for {name}")));
            }
        }
    }
    Ok(())
}

/// Every link points to an item of the section it may link to.
fn links(canvas: &Canvas, seen: &HashMap<ItemId, Thing>) -> Result<(), FormatError> {
    for (section, item) in canvas.all_items_in_file_order() {
        let Some(expected) = section.link_target() else {
            continue;
        };
        for &target in &item.links {
            match seen.get(&target) {
                None => {
                    return Err(FormatError::DanglingLink {
                        item: describe(section, item),
                        target,
                        at: At::default(),
                    });
                }
                Some(t) if t.kind() != IdKind::Item(expected) => {
                    return Err(FormatError::WrongSectionLink {
                        item: describe(section, item),
                        target,
                        found: t.describe(),
                        expected: expected.title(),
                        at: At::default(),
                    });
                }
                Some(_) => {}
            }
        }
    }
    Ok(())
}

/// Every id a test or learning card names exists and is of the right kind.
fn card_references(canvas: &Canvas, seen: &HashMap<ItemId, Thing>) -> Result<(), FormatError> {
    let check = |owner: Thing, field: &'static str, target: ItemId, want: Want| {
        let found = seen
            .get(&target)
            .ok_or_else(|| FormatError::DanglingReference {
                item: owner.describe(),
                field,
                target,
                at: At::default(),
            })?;
        if want.accepts(found.kind()) {
            Ok(())
        } else {
            Err(FormatError::WrongKindReference {
                item: owner.describe(),
                field,
                target,
                found: found.describe(),
                expected: want.noun(),
                at: At::default(),
            })
        }
    };
    for t in &canvas.tests {
        let owner = Thing::Test(t);
        for &id in &t.items {
            check(owner, "items", id, Want::Item)?;
        }
        for &id in &t.statements {
            check(owner, "statements", id, Want::Statement)?;
        }
    }
    for l in &canvas.learnings {
        let owner = Thing::Learning(l);
        if let Some(test) = l.test {
            check(owner, "test", test, Want::Test)?;
        }
        for &id in &l.validated {
            check(owner, "validated", id, Want::Item)?;
        }
        for &id in &l.invalidated {
            check(owner, "invalidated", id, Want::Item)?;
        }
    }
    Ok(())
}

/// Each conflict pairs two existing things of one kind.
fn conflicts(canvas: &Canvas, seen: &HashMap<ItemId, Thing>) -> Result<(), FormatError> {
    for c in &canvas.conflicts {
        let (Some(ours), Some(theirs)) = (seen.get(&c.ours), seen.get(&c.theirs)) else {
            let (field, target) = if seen.contains_key(&c.ours) {
                ("theirs", c.theirs)
            } else {
                ("ours", c.ours)
            };
            return Err(FormatError::DanglingReference {
                item: format!("the conflict (ours: {}, theirs: {})", c.ours, c.theirs),
                field,
                target,
                at: At::default(),
            });
        };
        if ours.kind() != theirs.kind() || c.ours == c.theirs {
            return Err(FormatError::WrongKindReference {
                item: format!("the conflict (ours: {}, theirs: {})", c.ours, c.theirs),
                field: "theirs",
                target: c.theirs,
                found: theirs.describe(),
                expected: "another version of the same kind of thing as ours",
                at: At::default(),
            });
        }
    }
    Ok(())
}

/// What kind of thing a card's field may name.
#[derive(Clone, Copy)]
enum Want {
    Item,
    Statement,
    Test,
}

impl Want {
    fn accepts(self, kind: IdKind) -> bool {
        matches!(
            (self, kind),
            (Want::Item, IdKind::Item(_))
                | (Want::Statement, IdKind::Statement)
                | (Want::Test, IdKind::Test)
        )
    }

    fn noun(self) -> &'static str {
        match self {
            Want::Item => "an item of the canvas",
            Want::Statement => "a saved statement",
            Want::Test => "a test card",
        }
    }
}

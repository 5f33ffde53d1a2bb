//! Resolving a pair a merge left open (SPEC §2 `conflicts`): keep ours,
//! keep theirs or keep both. Pure: the editor calls it inside one undoable
//! change.

use crate::canvas::{Canvas, Conflict, HeaderConflict, ItemId};
use crate::diff::entity::{Entity, Field, Group, Value};

/// What to keep of an open pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// Ours stays; theirs is removed.
    KeepOurs,
    /// Theirs' content takes ours' place and id (so whatever referred to
    /// ours still does); theirs' copy is removed.
    KeepTheirs,
    /// Both stay as they are; only the pair is closed.
    KeepBoth,
}

/// Resolves one open pair. Returns false (and changes nothing) when the pair
/// is not open.
pub fn resolve(canvas: &mut Canvas, pair: Conflict, how: Resolution) -> bool {
    if !canvas.conflicts.contains(&pair) {
        return false;
    }
    match how {
        Resolution::KeepOurs => remove(canvas, pair.theirs),
        Resolution::KeepTheirs => {
            if take_content(canvas, pair.ours, pair.theirs) {
                remove(canvas, pair.theirs);
            } else {
                // Not the same kind of thing (a hand-edited file): theirs
                // stays where it is and ours goes.
                remove(canvas, pair.ours);
            }
        }
        Resolution::KeepBoth => {}
    }
    canvas.conflicts.retain(|c| *c != pair);
    true
}

/// Resolves an open title or segment conflict: keep ours (the canvas's own
/// text) or theirs. A canvas has one title and one segment, so keeping both
/// keeps ours and closes the conflict. False when it is not open.
pub fn resolve_header(canvas: &mut Canvas, conflict: &HeaderConflict, how: Resolution) -> bool {
    let Some(at) = canvas.header_conflicts.iter().position(|c| c == conflict) else {
        return false;
    };
    if how == Resolution::KeepTheirs {
        match conflict {
            HeaderConflict::Title(t) => canvas.title.clone_from(t),
            HeaderConflict::Segment(s) => canvas.segment.clone_from(s),
        }
    }
    canvas.header_conflicts.remove(at);
    true
}

/// Removes an item or a card, and every reference to it.
fn remove(canvas: &mut Canvas, id: ItemId) {
    if canvas.remove(id).is_none() {
        canvas.remove_card(id);
    }
}

/// Gives `ours` the content of `theirs`, keeping ours' id and place.
/// False when the two are not the same kind of thing.
fn take_content(canvas: &mut Canvas, ours: ItemId, theirs: ItemId) -> bool {
    let (Some(o), Some(t)) = (canvas.position_of(ours), canvas.position_of(theirs)) else {
        return take_card(canvas, ours, theirs);
    };
    if o.section != t.section {
        return false;
    }
    let Some(t) = canvas.item(theirs).cloned() else {
        return false;
    };
    canvas.set_text(ours, t.text);
    canvas.set_level(ours, t.level);
    for _ in 0..4 {
        if canvas.item(ours).is_none_or(|i| i.kind == t.kind) {
            break;
        }
        canvas.cycle_kind(ours);
    }
    let mine = canvas
        .item(ours)
        .map(|i| i.links.clone())
        .unwrap_or_default();
    for l in mine.iter().filter(|l| !t.links.contains(l)) {
        canvas.set_link(ours, *l, false);
    }
    for l in &t.links {
        canvas.set_link(ours, *l, true);
    }
    canvas.set_status(ours, t.status);
    canvas.set_evidence(ours, t.evidence);
    let dismissed = canvas
        .item(ours)
        .map(|i| i.dismissed.clone())
        .unwrap_or_default();
    for rule in dismissed.iter().filter(|r| !t.dismissed.contains(r)) {
        canvas.set_dismissed(ours, rule, false);
    }
    for rule in &t.dismissed {
        canvas.set_dismissed(ours, rule, true);
    }
    true
}

fn take_card(canvas: &mut Canvas, ours: ItemId, theirs: ItemId) -> bool {
    if let (Some(t), true) = (
        canvas.statement(theirs).cloned(),
        canvas.statement(ours).is_some(),
    ) {
        if let Some(o) = canvas.statement_mut(ours) {
            o.name = t.name;
            o.text = t.text;
        }
        return true;
    }
    if let (Some(t), true) = (canvas.test(theirs).cloned(), canvas.test(ours).is_some()) {
        if let Some(o) = canvas.test_mut(ours) {
            *o = crate::canvas::TestCard { id: ours, ..t };
        }
        return true;
    }
    if let (Some(t), true) = (
        canvas.learning(theirs).cloned(),
        canvas.learning(ours).is_some(),
    ) {
        if let Some(o) = canvas.learning_mut(ours) {
            *o = crate::canvas::Learning { id: ours, ..t };
        }
        return true;
    }
    false
}

/// One field on which the two versions of an open pair differ, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The field's name as the file writes it ("severity", "pains", …).
    pub field: &'static str,
    pub ours: String,
    pub theirs: String,
}

/// What tells the two versions of an open pair apart besides the words that
/// name them (an item's text, a card's name): two versions with the same
/// text may differ in level, kind, links, status or evidence, and the one
/// who resolves the pair has to see which.
pub fn differences(canvas: &Canvas, pair: Conflict) -> Vec<Difference> {
    let (Some(ours), Some(theirs)) = (entity(canvas, pair.ours), entity(canvas, pair.theirs))
    else {
        return Vec::new();
    };
    if ours.group() != theirs.group() {
        return Vec::new();
    }
    let group = ours.group();
    let theirs_fields = theirs.fields();
    ours.fields()
        .into_iter()
        .zip(theirs_fields)
        .filter(|((field, o), (_, t))| o != t && !is_label(group, *field))
        .map(|((field, o), (_, t))| Difference {
            field: field.key(group),
            ours: words(canvas, group, &o),
            theirs: words(canvas, group, &t),
        })
        .collect()
}

/// The differences as one clause for a message: "severity: Mild (ours),
/// Moderate (theirs); status: …". Empty when only the text differs.
pub fn differences_text(canvas: &Canvas, pair: Conflict) -> String {
    differences(canvas, pair)
        .iter()
        .map(|d| format!("{}: {} (ours), {} (theirs)", d.field, d.ours, d.theirs))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The field shown as the version's name in a list.
fn is_label(group: Group, field: Field) -> bool {
    matches!(
        (group, field),
        (Group::Item(_), Field::Text) | (Group::Statement | Group::Test, Field::Name)
    )
}

/// A value in words; references by the text of what they refer to.
fn words(canvas: &Canvas, group: Group, value: &Value) -> String {
    let label = |id: ItemId| {
        entity(canvas, id).map_or_else(|| id.to_string(), |e| crate::text::truncate(&e.label(), 30))
    };
    match value {
        Value::Ids(ids) if ids.is_empty() => "none".to_owned(),
        Value::Ids(ids) => ids
            .iter()
            .map(|id| label(*id))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Ref(Some(id)) => label(*id),
        Value::Notes(n) if n.is_empty() => "none".to_owned(),
        Value::Text(t) if t.trim().is_empty() => "(empty)".to_owned(),
        v => crate::text::truncate(&v.words(group), 60),
    }
}

/// The item or card with this id, as the diff and the merge see it.
fn entity(canvas: &Canvas, id: ItemId) -> Option<Entity> {
    if let Some(p) = canvas.position_of(id) {
        return canvas
            .items(p.section)
            .get(p.index)
            .map(|i| Entity::Item(p.section, (**i).clone()));
    }
    canvas
        .statement(id)
        .map(|s| Entity::Statement(s.clone()))
        .or_else(|| canvas.test(id).map(|t| Entity::Test(t.clone())))
        .or_else(|| canvas.learning(id).map(|l| Entity::Learning(l.clone())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canvas::{Level, Section, Status};

    #[test]
    fn two_versions_with_one_text_say_what_differs() {
        let mut c = Canvas::new("t");
        let reliever = c.push(Section::Relievers, "Polite reminders");
        let ours = c.push(Section::Pains, "Clients pay late");
        let theirs = c.push(Section::Pains, "Clients pay late");
        c.set_level(ours, Level::Low);
        c.set_level(theirs, Level::Medium);
        c.set_link(reliever, theirs, true);
        c.set_status(theirs, Status::Testing);
        let pair = Conflict { ours, theirs };
        c.conflicts.push(pair);
        let d = differences(&c, pair);
        let shown: Vec<(&str, &str, &str)> = d
            .iter()
            .map(|d| (d.field, d.ours.as_str(), d.theirs.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("severity", "Mild", "Moderate"),
                ("status", "Untested", "Testing")
            ]
        );
        // The text is what names each version: not repeated as a difference.
        c.set_text(theirs, "Clients pay very late");
        assert_eq!(differences(&c, pair).len(), 2);
    }

    #[test]
    fn links_differ_by_the_texts_they_point_to() {
        let mut c = Canvas::new("t");
        let pain = c.push(Section::Pains, "Clients pay late");
        let ours = c.push(Section::Relievers, "Reminders");
        let theirs = c.push(Section::Relievers, "Reminders");
        c.set_link(ours, pain, true);
        let d = differences(&c, Conflict { ours, theirs });
        assert_eq!(
            d,
            [Difference {
                field: "pains",
                ours: "Clients pay late".to_owned(),
                theirs: "none".to_owned()
            }]
        );
    }
}

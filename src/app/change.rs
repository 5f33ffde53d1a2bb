//! What a change did, in words, found by comparing the canvas before and
//! after: how undo and redo say what they undid ("Undone: delete pain “…”").
//! Derived rather than recorded, so no change can forget to describe itself.

use crate::canvas::{Canvas, Item, ItemId, Learning, Section, Statement, TestCard};
use crate::text;

/// A short phrase for the change from `before` to `after`: "delete pain
/// “Late payments”", "edit the title", "links of gain “…”".
pub fn describe(before: &Canvas, after: &Canvas) -> String {
    if before.conflicts.len() > after.conflicts.len()
        || before.header_conflicts.len() > after.header_conflicts.len()
    {
        return "resolve a merge conflict".to_owned();
    }
    if before.title != after.title {
        return "edit the title".to_owned();
    }
    if before.segment != after.segment {
        return "edit the customer segment".to_owned();
    }
    if before.alternatives != after.alternatives {
        return alternatives_change(before, after);
    }
    let named = |section: Section, item: &Item| {
        format!("{} “{}”", section.noun(), text::truncate(&item.text, 40))
    };
    if let Some((section, item)) = before.all_items().find(|(_, i)| after.item(i.id).is_none()) {
        return format!("delete {}", named(section, item));
    }
    if let Some((section, item)) = after.all_items().find(|(_, i)| before.item(i.id).is_none()) {
        return format!("add {}", named(section, item));
    }
    // Recording a learning also sets statuses: the card is the change.
    if let Some(card) = cards(before, after) {
        return card;
    }
    for section in Section::ALL {
        let (b, a) = (before.items(section), after.items(section));
        for (x, y) in b.iter().zip(a) {
            if x.id != y.id {
                // Same items, another order: name the one that moved.
                let moved = if before.position_of(y.id).map_or(0, |p| p.index) > 0 {
                    y
                } else {
                    x
                };
                return format!("move {}", named(section, moved));
            }
            let what = if x.text != y.text {
                "edit"
            } else if x.level != y.level {
                "level of"
            } else if x.kind != y.kind {
                "kind of"
            } else if x.links != y.links {
                "links of"
            } else if x.status != y.status {
                "status of"
            } else if x.evidence != y.evidence {
                "notes of"
            } else if x.ours != y.ours || x.theirs != y.theirs {
                "score of"
            } else if x != y {
                "change to"
            } else {
                continue;
            };
            return format!("{what} {}", named(section, y));
        }
    }
    "the last change".to_owned()
}

/// The change to the saved statements, test cards or learning cards, if
/// that is what changed: "add test card “Landing page”", "edit learning card
/// “Late payment sells”".
fn cards(before: &Canvas, after: &Canvas) -> Option<String> {
    let named = |what: &str, name: &str| {
        let name = if name.trim().is_empty() {
            String::new()
        } else {
            format!(" “{}”", text::truncate(name, 40))
        };
        format!("{what}{name}")
    };
    let statement = |s: &Statement| named("statement", &s.name);
    let test = |t: &TestCard| named("test card", &t.name);
    let learning = |l: &Learning| {
        let words = [&l.learned, &l.observed, &l.decision];
        let name = words.into_iter().find(|w| !w.trim().is_empty());
        named("learning card", name.map_or("", String::as_str))
    };
    changed_in(&before.statements, &after.statements, |s| s.id, statement)
        .or_else(|| changed_in(&before.tests, &after.tests, |t| t.id, test))
        .or_else(|| changed_in(&before.learnings, &after.learnings, |l| l.id, learning))
}

/// What happened in one list of cards: one removed, added, edited or moved,
/// named by `name`.
fn changed_in<T: PartialEq>(
    before: &[T],
    after: &[T],
    id: impl Fn(&T) -> ItemId,
    name: impl Fn(&T) -> String,
) -> Option<String> {
    let find = |list: &'_ [T], wanted: ItemId| list.iter().position(|x| id(x) == wanted);
    if let Some(gone) = before.iter().find(|x| find(after, id(x)).is_none()) {
        return Some(format!("delete {}", name(gone)));
    }
    if let Some(new) = after.iter().find(|x| find(before, id(x)).is_none()) {
        return Some(format!("add {}", name(new)));
    }
    if let Some(edited) = after
        .iter()
        .find(|x| find(before, id(x)).is_some_and(|n| before[n] != **x))
    {
        return Some(format!("edit {}", name(edited)));
    }
    let moved = before.iter().zip(after).find(|(b, a)| id(b) != id(a));
    moved.map(|(_, a)| format!("move {}", name(a)))
}

/// "“Spreadsheets” and its 4 scores": an alternative removed, with what went.
pub fn removed_alternative(name: &str, scores: usize) -> String {
    let name = text::truncate(name, 40);
    match scores {
        0 => format!("the alternative “{name}”"),
        1 => format!("the alternative “{name}” and its score"),
        n => format!("the alternative “{name}” and its {n} scores"),
    }
}

/// An alternative added, removed or renamed (one at a time, as the grid
/// does them), else the list edited as a whole.
fn alternatives_change(before: &Canvas, after: &Canvas) -> String {
    let (b, a) = (&before.alternatives, &after.alternatives);
    let missing: Vec<&String> = b.iter().filter(|x| !a.contains(x)).collect();
    let new: Vec<&String> = a.iter().filter(|x| !b.contains(x)).collect();
    match (missing.as_slice(), new.as_slice()) {
        ([gone], []) if a.len() + 1 == b.len() => {
            let scores = before
                .all_items()
                .filter(|(_, i)| i.score_of(gone).is_some())
                .count();
            format!("remove {}", removed_alternative(gone, scores))
        }
        ([], [added]) if a.len() == b.len() + 1 => {
            format!("add the alternative “{}”", text::truncate(added, 40))
        }
        ([old], [renamed]) if a.len() == b.len() => format!(
            "rename the alternative “{}” to “{}”",
            text::truncate(old, 40),
            text::truncate(renamed, 40)
        ),
        _ => "edit the alternatives".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canvas::ItemId;

    fn canvas() -> Canvas {
        let mut c = Canvas::new("t");
        c.push(Section::Pains, "Late payments");
        c.push(Section::Pains, "Chasing");
        c
    }

    #[test]
    fn each_kind_of_change_is_named() {
        let before = canvas();
        let ids: Vec<ItemId> = before.items(Section::Pains).iter().map(|i| i.id).collect();
        let mut deleted = before.clone();
        deleted.remove(ids[0]);
        assert_eq!(describe(&before, &deleted), "delete pain “Late payments”");
        assert_eq!(describe(&deleted, &before), "add pain “Late payments”");
        let mut edited = before.clone();
        edited.set_text(ids[1], "Chasing clients");
        assert_eq!(describe(&before, &edited), "edit pain “Chasing clients”");
        let mut moved = before.clone();
        moved.move_by(ids[1], -1);
        assert_eq!(describe(&before, &moved), "move pain “Chasing”");
        let mut levelled = before.clone();
        levelled.shift_level(ids[0], true);
        assert_eq!(
            describe(&before, &levelled),
            "level of pain “Late payments”"
        );
        let mut titled = before.clone();
        titled.title = "u".into();
        assert_eq!(describe(&before, &titled), "edit the title");
    }

    #[test]
    fn statuses_notes_statements_and_cards_are_named() {
        let before = canvas();
        let id = before.items(Section::Pains)[0].id;
        let mut c = before.clone();
        c.set_status(id, crate::canvas::Status::Testing);
        assert_eq!(describe(&before, &c), "status of pain “Late payments”");
        let mut c = before.clone();
        c.set_evidence(id, vec!["heard twice".to_owned()]);
        assert_eq!(describe(&before, &c), "notes of pain “Late payments”");
        let mut c = before.clone();
        c.add_statement("A: speed", "Our app helps.");
        assert_eq!(describe(&before, &c), "add statement “A: speed”");
        let mut tested = before.clone();
        let test = tested.add_test(TestCard {
            name: "Landing page".to_owned(),
            ..TestCard::default()
        });
        let mut edited = tested.clone();
        edited.test_mut(test).expect("test").verify = "Ask 10 people".to_owned();
        assert_eq!(describe(&tested, &edited), "edit test card “Landing page”");
        // A learning sets statuses too: the learning is what was done.
        let mut learned = tested.clone();
        learned.record_learning(Learning {
            learned: "Late payment sells".to_owned(),
            validated: vec![id],
            ..Learning::default()
        });
        assert_eq!(
            describe(&tested, &learned),
            "add learning card “Late payment sells”"
        );
    }
}

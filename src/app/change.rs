//! What a change did, in words, found by comparing the canvas before and
//! after: how undo and redo say what they undid ("Undone: delete pain “…”").
//! Derived rather than recorded, so no change can forget to describe itself.

use crate::canvas::{Canvas, Item, Section};
use crate::text;

/// A short phrase for the change from `before` to `after`: "delete pain
/// “Late payments”", "edit the title", "links of gain “…”".
pub fn describe(before: &Canvas, after: &Canvas) -> String {
    if before.conflicts.len() > after.conflicts.len() {
        return "resolve a merge conflict".to_owned();
    }
    if before.title != after.title {
        return "edit the title".to_owned();
    }
    if before.segment != after.segment {
        return "edit the customer segment".to_owned();
    }
    if before.alternatives != after.alternatives {
        return "edit the alternatives".to_owned();
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
}

//! Resolving a pair a merge left open (SPEC §2 `conflicts`): keep ours,
//! keep theirs or keep both. Pure: the editor calls it inside one undoable
//! change.

use crate::canvas::{Canvas, Conflict, ItemId};

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

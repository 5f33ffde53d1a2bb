use super::*;
use crate::canvas::{Canvas, Section};

/// Two versions of a pain after a merge: ours (7) and theirs (28) right
/// after it, both relieved by 20, and the pair open.
fn conflicted() -> App {
    let base = crate::canvas::file::parse(include_str!("../../../assets/examples/invoicing.ron"))
        .expect("example")
        .canvas;
    let mut ours = base.clone();
    ours.set_text(7, "Ours: clients pay 30 days late");
    let mut theirs = base.clone();
    theirs.set_text(7, "Theirs: clients pay 60 days late");
    let mut m = crate::merge::merge(&base, &ours, &theirs)
        .expect("merge")
        .canvas;
    assert_eq!(m.conflicts.len(), 1);
    // A second open pair, on a gain.
    m.set_text(12, "Ours too");
    let copy = m.insert(Section::Gains, 1, "Theirs too, as a copy");
    m.conflicts.push(crate::canvas::Conflict {
        ours: 12,
        theirs: copy,
    });
    App::new(m, "/tmp/never-written.ron", true)
}

fn pains(app: &App) -> Vec<String> {
    app.canvas()
        .items(Section::Pains)
        .iter()
        .map(|i| i.text.clone())
        .collect()
}

#[test]
fn opening_a_canvas_with_conflicts_says_so() {
    let app = conflicted();
    let status = crate::app::tests::status(&app).to_owned();
    assert_eq!(
        status,
        format!(
            "2 merge conflicts to resolve: {} lists them (keep ours, theirs or both)",
            crate::app::key_mark(&Action::MergeConflicts)
        )
    );
}

#[test]
fn keep_theirs_puts_their_text_in_ours_place_and_closes_the_pair() {
    let mut app = conflicted();
    let (ours, theirs) = (app.conflicts()[0].ours, app.conflicts()[0].theirs);
    app.update(Action::MergeConflicts);
    assert_eq!(app.mode, Mode::Merge(MergeView { cursor: 0 }));
    let effects = app.update(Action::KeepTheirs);
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Save { .. })),
        "{effects:?}"
    );
    assert_eq!(pains(&app)[0], "Theirs: clients pay 60 days late");
    let status = crate::app::tests::status(&app).to_owned();
    assert!(
        status.starts_with("Kept theirs: “Theirs: clients pay"),
        "the message quotes the text kept: {status}"
    );
    assert_eq!(
        app.canvas().items(Section::Pains)[0].id,
        ours,
        "ours' id and place"
    );
    assert!(app.canvas().item(theirs).is_none());
    assert_eq!(app.conflicts().len(), 1);
    assert_eq!(
        app.mode,
        Mode::Merge(MergeView { cursor: 0 }),
        "the next pair is shown"
    );
    // The reliever still relieves it.
    assert!(
        app.canvas()
            .item(20)
            .is_some_and(|r| r.links.contains(&ours))
    );
    // Undo brings the pair back.
    app.update(Action::Cancel);
    app.update(Action::Undo);
    assert_eq!(app.conflicts().len(), 2);
    assert_eq!(pains(&app)[0], "Ours: clients pay 30 days late");
}

#[test]
fn keep_ours_and_keep_both() {
    let mut app = conflicted();
    app.update(Action::MergeConflicts);
    app.update(Action::KeepOurs);
    assert_eq!(pains(&app)[0], "Ours: clients pay 30 days late");
    assert!(!pains(&app).contains(&"Theirs: clients pay 60 days late".to_owned()));
    assert_eq!(app.conflicts().len(), 1);
    let gains_before = app.canvas().items(Section::Gains).len();
    app.update(Action::KeepBoth);
    assert!(app.conflicts().is_empty());
    assert_eq!(
        app.canvas().items(Section::Gains).len(),
        gains_before,
        "both stay"
    );
    assert_eq!(app.mode, Mode::Normal, "the list closes when none is left");
    let status = crate::app::tests::status(&app).to_owned();
    assert!(
        status.starts_with("Kept both: “Ours too” — all resolved"),
        "{status}"
    );
}

#[test]
fn enter_goes_to_ours_and_esc_closes() {
    let mut app = conflicted();
    app.update(Action::MergeConflicts);
    app.update(Action::Down);
    assert_eq!(app.mode, Mode::Merge(MergeView { cursor: 1 }));
    app.update(Action::Down);
    assert_eq!(
        app.mode,
        Mode::Merge(MergeView { cursor: 1 }),
        "stays on the last"
    );
    app.update(Action::Confirm);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.selected_item().map(|i| i.id), Some(12));
    app.update(Action::MergeConflicts);
    app.update(Action::Cancel);
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn without_conflicts_the_key_says_there_are_none() {
    let mut app = App::new(Canvas::new("clean"), "/tmp/never-written.ron", true);
    app.update(Action::MergeConflicts);
    assert_eq!(app.mode, Mode::Normal);
    let status = crate::app::tests::status(&app).to_owned();
    assert_eq!(status, "No merge conflicts to resolve");
}

/// A title changed on both sides: ours shown, theirs listed after the pairs.
fn title_clash() -> App {
    let base = crate::canvas::file::parse(include_str!("../../../assets/examples/invoicing.ron"))
        .expect("example")
        .canvas;
    let mut ours = base.clone();
    ours.title = "Paylane".to_owned();
    let mut theirs = base.clone();
    theirs.title = "Invoices".to_owned();
    let m = crate::merge::merge(&base, &ours, &theirs)
        .expect("merge")
        .canvas;
    App::new(m, "/tmp/never-written.ron", true)
}

#[test]
fn m_resolves_a_title_changed_on_both_sides() {
    let mut app = title_clash();
    let status = crate::app::tests::status(&app).to_owned();
    assert!(
        status.starts_with("1 merge conflict to resolve"),
        "{status}"
    );
    app.update(Action::MergeConflicts);
    assert!(matches!(app.mode, Mode::Merge(_)), "{:?}", app.mode);
    // Both is no choice for the one title: it says so and changes nothing.
    assert!(app.update(Action::KeepBoth).is_empty());
    let status = crate::app::tests::status(&app).to_owned();
    assert!(status.contains("A canvas has one title"), "{status}");
    assert_eq!(app.canvas().header_conflicts.len(), 1);
    let effects = app.update(Action::KeepTheirs);
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Save { .. })),
        "{effects:?}"
    );
    assert_eq!(app.canvas().title, "Invoices");
    assert!(app.canvas().header_conflicts.is_empty());
    assert_eq!(app.mode, Mode::Normal, "nothing left to resolve");
    let status = crate::app::tests::status(&app).to_owned();
    assert!(
        status.starts_with("Kept theirs: title “Invoices” — all resolved"),
        "{status}"
    );
    app.update(Action::Undo);
    assert_eq!(app.canvas().title, "Paylane");
    assert_eq!(app.canvas().header_conflicts.len(), 1);
    let status = crate::app::tests::status(&app).to_owned();
    assert!(
        status.starts_with("Undone: resolve a merge conflict"),
        "{status}"
    );
    app.update(Action::MergeConflicts);
    app.update(Action::KeepOurs);
    assert_eq!(app.canvas().title, "Paylane");
    assert!(app.canvas().header_conflicts.is_empty());
}

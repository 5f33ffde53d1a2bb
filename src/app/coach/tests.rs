//! The coach in the editor: hints follow every change, the list goes to
//! what a hint is about, and a dismissal is an undoable edit of the item.

#![allow(clippy::unwrap_used)]

use crate::app::{Action, App, Effect, Mode, TextEdit};
use crate::canvas::{Canvas, Section};
use crate::coach::{Rule, RuleSet, Subject};

fn app() -> App {
    let mut c = Canvas::new("Invoicing");
    c.alternatives = vec!["Spreadsheets".into()];
    for (section, text) in [
        (Section::Jobs, "Send 20 invoices a month"),
        (Section::Pains, "Clients pay 30 days late"),
        (Section::Gains, "Cash in 7 days"),
    ] {
        let id = c.push(section, text);
        c.set_status(id, crate::canvas::Status::Testing);
    }
    App::new(c, "/nonexistent/coach.ron", true)
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Text(TextEdit::Insert(c)));
    }
}

fn rules(app: &App) -> Vec<Rule> {
    app.selected_hints().iter().map(|h| h.rule).collect()
}

#[test]
fn a_vague_pain_gets_its_hint_as_typed_and_loses_it_with_a_number() {
    let mut app = app();
    app.update(Action::JumpTo(Section::Pains));
    app.update(Action::Add);
    typed(&mut app, "Invoicing is slow");
    let draft: Vec<Rule> = app.draft_hints().iter().map(|h| h.rule).collect();
    assert_eq!(draft, [Rule::Unquantified]);
    app.update(Action::Confirm);
    assert!(
        rules(&app).contains(&Rule::Unquantified),
        "{:?}",
        rules(&app)
    );
    app.update(Action::Edit);
    app.update(Action::Text(TextEdit::End));
    typed(&mut app, ": 3 hours a week");
    assert!(app.draft_hints().is_empty());
    app.update(Action::Confirm);
    assert!(
        !rules(&app).contains(&Rule::Unquantified),
        "{:?}",
        rules(&app)
    );
    assert_eq!(
        app.coach_hints(),
        crate::coach::hints(app.canvas(), RuleSet::EMPTY)
    );
}

#[test]
fn enter_in_the_list_goes_to_the_item_a_hint_is_about() {
    let mut app = app();
    app.update(Action::JumpTo(Section::Pains));
    app.update(Action::Add);
    typed(&mut app, "Tax surprises");
    app.update(Action::Confirm);
    app.update(Action::JumpTo(Section::Jobs));
    app.update(Action::Coach);
    assert!(matches!(app.mode, Mode::Coach(_)));
    let hints = app.coach_hints().to_vec();
    let at = hints
        .iter()
        .position(|h| h.text.as_deref() == Some("Tax surprises"))
        .unwrap();
    for _ in 0..at {
        app.update(Action::Down);
    }
    app.update(Action::Confirm);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.focus, Section::Pains);
    assert_eq!(app.selected_item().unwrap().text, "Tax surprises");
    assert_eq!(app.status.as_ref().unwrap().text, hints[at].message);
}

#[test]
fn dismissing_stores_the_rule_on_the_item_saves_and_undoes() {
    let mut app = app();
    app.update(Action::JumpTo(Section::Pains));
    app.update(Action::Add);
    typed(&mut app, "Tax surprises");
    app.update(Action::Confirm);
    let id = app.selected_item().unwrap().id;
    app.update(Action::Coach);
    let first = &app.coach_hints()[0];
    assert_eq!(first.rule, Rule::Unquantified);
    assert_eq!(
        first.subject,
        Subject::Item {
            section: Section::Pains,
            id
        }
    );
    let effects = app.update(Action::Dismiss);
    assert!(matches!(effects[..], [Effect::Save { .. }]), "{effects:?}");
    assert_eq!(app.canvas().item(id).unwrap().dismissed, ["unquantified"]);
    assert!(
        app.coach_hints()
            .iter()
            .all(|h| h.rule != Rule::Unquantified)
    );
    assert!(matches!(app.mode, Mode::Coach(_)), "the list stays open");
    app.update(Action::Cancel);
    app.update(Action::Undo);
    assert!(app.canvas().item(id).unwrap().dismissed.is_empty());
    assert_eq!(app.coach_hints()[0].rule, Rule::Unquantified);
}

#[test]
fn a_hint_about_the_canvas_cannot_be_dismissed_for_an_item() {
    let mut app = app();
    app.update(Action::EditAlternatives);
    app.update(Action::Text(TextEdit::ClearToStart));
    app.update(Action::Text(TextEdit::ClearToEnd));
    app.update(Action::Confirm);
    app.update(Action::Coach);
    let hints = app.coach_hints();
    assert_eq!(
        hints.iter().map(|h| h.rule).collect::<Vec<_>>(),
        [Rule::NoAlternative]
    );
    let before = app.canvas().clone();
    assert!(app.update(Action::Dismiss).is_empty());
    assert_eq!(app.canvas(), &before);
    assert!(app.status.as_ref().unwrap().text.contains("config.ron"));
    // Enter opens the alternatives, where the fix is typed.
    app.update(Action::Confirm);
    assert!(matches!(&app.mode, Mode::Edit(e) if e.target == crate::app::EditTarget::Alternatives));
}

#[test]
fn rules_off_in_the_config_are_not_shown() {
    let mut app = app();
    app.update(Action::JumpTo(Section::Pains));
    app.update(Action::Add);
    typed(&mut app, "Tax surprises");
    app.update(Action::Confirm);
    assert!(rules(&app).contains(&Rule::Unquantified));
    app.present(&crate::app::Look {
        coach_off: [Rule::Unquantified].into_iter().collect(),
        ..crate::app::Look::default()
    });
    assert!(!rules(&app).contains(&Rule::Unquantified));
    assert!(
        app.coach_hints()
            .iter()
            .all(|h| h.rule != Rule::Unquantified)
    );
}

/// What the editor's exports and its Markdown copy would write.
fn exported(app: &mut App, format: crate::export::Format) -> String {
    app.update(Action::Export);
    let effects = app.update(Action::ExportAs(format));
    let bytes = effects
        .into_iter()
        .find_map(|e| match e {
            Effect::Export {
                format,
                canvas,
                coach_off,
                ..
            } => Some(format.render(&canvas, coach_off).unwrap()),
            _ => None,
        })
        .expect("an export");
    // The runtime renders it and says so; the next export may start.
    app.update(crate::app::RuntimeEvent::Exported(Ok("exported".into())));
    String::from_utf8(bytes).unwrap()
}

fn copied_markdown(app: &mut App) -> String {
    app.update(Action::CopyCanvas)
        .into_iter()
        .find_map(|e| match e {
            Effect::Copy { text, .. } => Some(text),
            _ => None,
        })
        .expect("a copy")
}

#[test]
fn the_report_leaves_out_rules_off_in_the_config_and_markdown_has_no_hints() {
    let mut app = app();
    app.update(Action::JumpTo(Section::Pains));
    app.update(Action::Add);
    typed(&mut app, "Invoicing is never easy");
    app.update(Action::Confirm);
    // Both rules speak in the report until the config turns one off.
    let html = exported(&mut app, crate::export::Format::Html);
    assert!(html.contains("Vague claims") && html.contains("Add a number"));
    app.present(&crate::app::Look {
        coach_off: [Rule::Unquantified].into_iter().collect(),
        ..crate::app::Look::default()
    });
    let html = exported(&mut app, crate::export::Format::Html);
    assert!(
        html.contains("Vague claims"),
        "the report has the coach's hints"
    );
    assert!(!html.contains("unquantified") && !html.contains("Add a number"));
    // The Markdown export and copy are the canvas, without the advice.
    for md in [
        exported(&mut app, crate::export::Format::Md),
        copied_markdown(&mut app),
    ] {
        assert!(md.contains("Invoicing is never easy"), "{md}");
        assert!(
            !md.contains("## Coach") && !md.contains("(`vague`)"),
            "{md}"
        );
    }
}

#[test]
fn a_dismissed_hint_stays_out_of_the_exports() {
    let mut app = app();
    app.update(Action::JumpTo(Section::Pains));
    app.update(Action::Add);
    typed(&mut app, "Tax surprises");
    app.update(Action::Confirm);
    let html = exported(&mut app, crate::export::Format::Html);
    assert!(html.contains("Add a number"), "{html}");
    app.update(Action::Coach);
    assert_eq!(app.coach_hints()[0].rule, Rule::Unquantified);
    app.update(Action::Dismiss);
    app.update(Action::Cancel);
    for text in [
        exported(&mut app, crate::export::Format::Md),
        copied_markdown(&mut app),
        exported(&mut app, crate::export::Format::Html),
    ] {
        assert!(!text.contains("Add a number"), "{text}");
        assert!(!text.contains("unquantified"), "{text}");
    }
}

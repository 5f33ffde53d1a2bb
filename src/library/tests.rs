#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::*;
use crate::app::{Action, Effect, TextEdit};

fn summary(name: &str, title: &str, segment: &str) -> Summary {
    Summary {
        name: name.into(),
        path: PathBuf::from(format!("/d/{name}.ron")),
        title: title.into(),
        segment: segment.into(),
        items: 3,
        open_pains: 1,
        open_gains: 0,
        coverage: Default::default(),
        coverage_evidenced: Default::default(),
        modified: None,
        error: None,
        unread: false,
    }
}

fn library() -> Library {
    Library::new(
        PathBuf::from("/d"),
        vec![
            summary("acme", "Invoicing", "Designers"),
            summary("bistro", "Meal kits", "Parents"),
            summary("cargo", "Freight", "Designers abroad"),
        ],
        SystemTime::now(),
    )
}

fn typed(lib: &mut Library, text: &str) {
    for c in text.chars() {
        lib.update(Action::Text(TextEdit::Insert(c)));
    }
}

#[test]
fn typing_filters_by_name_title_or_segment_in_any_case() {
    let mut lib = library();
    typed(&mut lib, "DESIGN");
    let names: Vec<_> = lib.visible().iter().map(|c| c.name.clone()).collect();
    assert_eq!(names, ["acme", "cargo"]);
    lib.update(Action::Cancel);
    assert_eq!(lib.visible().len(), 3, "Esc clears the filter first");
    assert_eq!(lib.update(Action::Cancel), vec![Effect::Quit]);
}

#[test]
fn enter_opens_the_selected_canvas() {
    let mut lib = library();
    lib.update(Action::Down);
    assert_eq!(
        lib.update(Action::Confirm),
        vec![Effect::Open(PathBuf::from("/d/bistro.ron"))]
    );
}

#[test]
fn an_unreadable_canvas_is_not_opened_and_says_why() {
    let mut lib = library();
    lib.canvases[0].error = Some("1:1: Expected opening `(`".into());
    assert!(lib.update(Action::Confirm).is_empty());
    assert!(
        lib.status
            .as_ref()
            .unwrap()
            .text
            .contains("Expected opening")
    );
}

#[test]
fn new_rename_duplicate_ask_for_a_name() {
    let mut lib = library();
    lib.update(Action::NewCanvas);
    typed(&mut lib, "fresh");
    assert_eq!(
        lib.update(Action::Confirm),
        vec![Effect::Create {
            name: "fresh".into(),
            example: None
        }]
    );
    lib.update(Action::NewFromExample);
    typed(&mut lib, "demo");
    assert!(matches!(
        lib.update(Action::Confirm).as_slice(),
        [Effect::Create {
            example: Some(_),
            ..
        }]
    ));
    lib.update(Action::RenameCanvas);
    lib.update(Action::Text(TextEdit::ClearToStart));
    typed(&mut lib, "renamed");
    assert_eq!(
        lib.update(Action::Confirm),
        vec![Effect::Rename {
            from: PathBuf::from("/d/acme.ron"),
            to: "renamed".into()
        }]
    );
    // Duplicate suggests NAME-2, then asks for the copy's segment at once.
    lib.update(Action::DuplicateCanvas);
    assert!(matches!(&lib.mode, LibraryMode::Name(Prompt::Duplicate, f) if f.text() == "acme-2"));
    assert!(lib.update(Action::Confirm).is_empty());
    assert!(
        matches!(&lib.mode, LibraryMode::Segment { name, field } if name == "acme-2" && field.text() == "Designers")
    );
    typed(&mut lib, "Architects");
    assert_eq!(
        lib.update(Action::Confirm),
        vec![Effect::Duplicate {
            from: PathBuf::from("/d/acme.ron"),
            to: "acme-2".into(),
            segment: "Architects".into(),
        }]
    );
}

#[test]
fn delete_asks_first_and_any_other_answer_keeps_it() {
    let mut lib = library();
    lib.update(Action::Delete);
    assert_eq!(lib.mode, LibraryMode::ConfirmDelete);
    assert!(lib.update(Action::Cancel).is_empty());
    assert_eq!(lib.mode, LibraryMode::Browse);
    lib.update(Action::Delete);
    assert_eq!(
        lib.update(Action::Confirm),
        vec![Effect::Trash(PathBuf::from("/d/acme.ron"))]
    );
}

#[test]
fn an_empty_name_does_nothing() {
    let mut lib = library();
    lib.update(Action::NewCanvas);
    assert!(lib.update(Action::Confirm).is_empty());
    assert!(lib.status.is_some());
}

#[test]
fn refresh_selects_the_named_canvas() {
    let mut lib = library();
    let mut list = lib.canvases.clone();
    list.push(summary("dup", "Copy", ""));
    lib.refresh(list, SystemTime::now(), Some(Path::new("/d/dup.ron")));
    assert_eq!(lib.selected_canvas().unwrap().name, "dup");
}

#[test]
fn opened_from_a_canvas_it_selects_that_canvas_and_esc_goes_back() {
    let mut lib = library().opened_from(Path::new("/d/cargo.ron"));
    assert_eq!(lib.selected_canvas().unwrap().name, "cargo");
    typed(&mut lib, "x");
    assert!(
        lib.update(Action::Cancel).is_empty(),
        "Esc clears the filter first"
    );
    assert_eq!(
        lib.update(Action::Cancel),
        vec![Effect::Open(PathBuf::from("/d/cargo.ron"))]
    );
}

#[test]
fn started_in_the_library_esc_quits() {
    let mut lib = library();
    assert_eq!(lib.update(Action::Cancel), vec![Effect::Quit]);
}

#[test]
fn renaming_the_canvas_it_came_from_goes_back_to_the_new_name() {
    let mut lib = library().opened_from(Path::new("/d/acme.ron"));
    let mut list = lib.canvases.clone();
    list[0].path = PathBuf::from("/d/zeta.ron");
    list[0].name = "zeta".into();
    let listing = Listing {
        canvases: list,
        trash: Vec::new(),
        now: SystemTime::now(),
        done: Done::Renamed {
            from: PathBuf::from("/d/acme.ron"),
            to: PathBuf::from("/d/zeta.ron"),
        },
    };
    lib.listed(listing);
    assert_eq!(
        lib.update(Action::Cancel),
        vec![Effect::Open(PathBuf::from("/d/zeta.ron"))]
    );
}

/// Issue #12: `?` shows the library's keys; the scroll is clamped where it
/// changes, so `G` then `k` moves up at once.
#[test]
fn help_opens_scrolls_within_its_lines_and_closes() {
    let mut lib = library();
    lib.update(RuntimeEvent::Resize(80, 12));
    lib.update(Action::Help);
    assert_eq!(lib.key_context(), Context::Help);
    let max = lib.help_max_scroll();
    assert!(max > 0, "12 rows cannot hold the library's keys");
    lib.update(Action::Bottom);
    lib.update(Action::Down);
    lib.update(Action::Up);
    assert_eq!(lib.mode, LibraryMode::Help { scroll: max - 1 });
    lib.update(Action::Cancel);
    assert_eq!(lib.mode, LibraryMode::Browse);
    assert_eq!(lib.filter.text(), "", "? is not typed into the filter");
}

/// Opened from a canvas (`o`), the footer says Esc goes back, not that it quits.
#[test]
fn the_footer_says_esc_goes_back_when_opened_from_a_canvas() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let footer = |lib: &Library| {
        let mut terminal = Terminal::new(TestBackend::new(160, 12)).unwrap();
        terminal.draw(|f| super::view::render(lib, f)).unwrap();
        let text = crate::ui::buffer_to_text(terminal.backend().buffer());
        text.lines().last().unwrap_or_default().to_owned()
    };
    assert!(
        footer(&library()).contains("Esc quit"),
        "{}",
        footer(&library())
    );
    let from = library().opened_from(Path::new("/d/acme.ron"));
    let line = footer(&from);
    assert!(
        line.contains("Esc back") && !line.contains("quit"),
        "{line}"
    );
}

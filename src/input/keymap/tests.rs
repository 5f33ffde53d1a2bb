use super::*;
use crate::canvas::Section;
use ratatui::crossterm::event::KeyEvent;

fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

#[test]
fn no_two_bindings_in_a_context_share_a_key() {
    for ctx in Context::ALL {
        let keys: Vec<Key> = bindings()
            .iter()
            .filter(|b| b.context == ctx)
            .flat_map(|b| b.keys.iter().copied())
            .collect();
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(a, b, "{ctx:?} binds {} twice", a.label());
            }
        }
    }
}

#[test]
fn every_spec_key_resolves_on_the_canvas() {
    let cases = [
        (ev(KeyCode::Tab, KeyModifiers::NONE), Action::NextSection),
        (
            ev(KeyCode::BackTab, KeyModifiers::SHIFT),
            Action::PrevSection,
        ),
        (
            ev(KeyCode::Char('1'), KeyModifiers::NONE),
            Action::JumpTo(Section::Products),
        ),
        (
            ev(KeyCode::Char('5'), KeyModifiers::NONE),
            Action::JumpTo(Section::Pains),
        ),
        (
            ev(KeyCode::Char('6'), KeyModifiers::NONE),
            Action::JumpTo(Section::Jobs),
        ),
        (ev(KeyCode::Char('j'), KeyModifiers::NONE), Action::Down),
        (ev(KeyCode::Up, KeyModifiers::NONE), Action::Up),
        (ev(KeyCode::Char('l'), KeyModifiers::NONE), Action::Right),
        (ev(KeyCode::Char('a'), KeyModifiers::NONE), Action::Add),
        (ev(KeyCode::Enter, KeyModifiers::NONE), Action::Edit),
        (ev(KeyCode::Char('e'), KeyModifiers::NONE), Action::Edit),
        (ev(KeyCode::Char('d'), KeyModifiers::NONE), Action::Delete),
        (ev(KeyCode::Delete, KeyModifiers::NONE), Action::Delete),
        (ev(KeyCode::Char('K'), KeyModifiers::SHIFT), Action::MoveUp),
        (
            ev(KeyCode::Char('J'), KeyModifiers::SHIFT),
            Action::MoveDown,
        ),
        (ev(KeyCode::Char('+'), KeyModifiers::SHIFT), Action::LevelUp),
        (
            ev(KeyCode::Char('-'), KeyModifiers::NONE),
            Action::LevelDown,
        ),
        (
            ev(KeyCode::Char('t'), KeyModifiers::NONE),
            Action::CycleKind,
        ),
        (ev(KeyCode::Char('m'), KeyModifiers::NONE), Action::Link),
        (ev(KeyCode::Char('u'), KeyModifiers::NONE), Action::Undo),
        (ev(KeyCode::Char('r'), KeyModifiers::CONTROL), Action::Redo),
        (ev(KeyCode::Char('s'), KeyModifiers::CONTROL), Action::Save),
        (ev(KeyCode::Char('?'), KeyModifiers::SHIFT), Action::Help),
        (ev(KeyCode::Char('q'), KeyModifiers::NONE), Action::Quit),
    ];
    for (event, action) in cases {
        assert_eq!(resolve(Context::Canvas, &event), Some(action), "{event:?}");
    }
}

/// Find's field takes the keys of "While typing" (help lists Ctrl-u
/// there), while its own keys (↑ ↓ between matches) come first.
#[test]
fn find_takes_the_typing_keys_after_its_own() {
    let find = |code, mods| resolve(Context::Find, &ev(code, mods));
    assert_eq!(
        find(KeyCode::Char('u'), KeyModifiers::CONTROL),
        Some(Action::Text(TextEdit::ClearToStart))
    );
    assert_eq!(
        find(KeyCode::Char('w'), KeyModifiers::CONTROL),
        Some(Action::Text(TextEdit::DeleteWordBack))
    );
    assert_eq!(
        find(KeyCode::Left, KeyModifiers::NONE),
        Some(Action::Text(TextEdit::Left))
    );
    assert_eq!(find(KeyCode::Up, KeyModifiers::NONE), Some(Action::Up));
    assert_eq!(
        find(KeyCode::Enter, KeyModifiers::NONE),
        Some(Action::Confirm)
    );
}

#[test]
fn typing_inserts_unbound_characters_but_not_control_chords() {
    let q = ev(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(
        resolve(Context::Text, &q),
        Some(Action::Text(TextEdit::Insert('q')))
    );
    let cap = ev(KeyCode::Char('Q'), KeyModifiers::SHIFT);
    assert_eq!(
        resolve(Context::Text, &cap),
        Some(Action::Text(TextEdit::Insert('Q')))
    );
    let ctrl_x = ev(KeyCode::Char('x'), KeyModifiers::CONTROL);
    assert_eq!(resolve(Context::Text, &ctrl_x), None);
    let enter = ev(KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(resolve(Context::Text, &enter), Some(Action::Confirm));
}

#[test]
fn picker_space_toggles_and_help_closes() {
    let space = ev(KeyCode::Char(' '), KeyModifiers::NONE);
    assert_eq!(resolve(Context::Picker, &space), Some(Action::Toggle));
    let esc = ev(KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(resolve(Context::Help, &esc), Some(Action::Cancel));
}

#[test]
fn labels_read_as_people_write_keys() {
    assert_eq!(
        keys_for(Context::Canvas, &Action::Save).as_deref(),
        Some("Ctrl-s")
    );
    assert_eq!(
        keys_for(Context::Canvas, &Action::Edit).as_deref(),
        Some("Enter/e")
    );
}

fn user(entries: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
    entries
        .iter()
        .map(|(n, ks)| {
            (
                (*n).to_owned(),
                ks.iter().map(|k| (*k).to_owned()).collect(),
            )
        })
        .collect()
}

#[test]
fn every_row_has_a_unique_name_and_keys_that_read_back() {
    let map = Keymap::default();
    let mut names: Vec<String> = map.bindings().iter().map(Binding::name).collect();
    let all = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), all, "two rows share a name");
    for b in map.bindings() {
        for k in &b.keys {
            assert_eq!(Key::parse(&k.label()).as_ref(), Ok(k), "{}", b.name());
        }
    }
    assert!(names.contains(&"link".to_owned()));
    assert!(names.contains(&"jump-to-pains".to_owned()));
    assert!(names.contains(&"library.new-canvas".to_owned()));
}

#[test]
fn a_user_binding_replaces_the_keys_and_shows_in_hints_and_help() {
    let (map, problems) = Keymap::with_user(&user(&[("link", &["L", "ctrl-l"])]));
    assert!(problems.is_empty(), "{problems:?}");
    let big_l = ev(KeyCode::Char('L'), KeyModifiers::SHIFT);
    let ctrl_l = ev(KeyCode::Char('l'), KeyModifiers::CONTROL);
    let m = ev(KeyCode::Char('m'), KeyModifiers::NONE);
    assert_eq!(map.resolve(Context::Canvas, &big_l), Some(Action::Link));
    assert_eq!(map.resolve(Context::Canvas, &ctrl_l), Some(Action::Link));
    assert_eq!(map.resolve(Context::Canvas, &m), None);
    assert!(
        map.hints(Context::Canvas)
            .contains(&("L".to_owned(), "link"))
    );
    assert_eq!(
        map.keys_for(Context::Canvas, &Action::Link).as_deref(),
        Some("L/Ctrl-l")
    );
    // A status message's mark follows the binding.
    let text = format!(
        "Added a pain — {} links it",
        crate::app::key_mark(&Action::Link)
    );
    assert_eq!(
        map.fill(Context::Canvas, &text),
        "Added a pain — L links it"
    );
    assert_eq!(
        Keymap::default().fill(Context::Canvas, &text),
        "Added a pain — m links it"
    );
}

/// A message shown inside another screen names that screen's key for
/// the action, so rebinding the Notes screen's undo never makes it lie;
/// an action the screen does not bind falls back to the canvas's key.
#[test]
fn a_message_names_the_key_of_the_screen_it_is_shown_in() {
    let (map, problems) = Keymap::with_user(&user(&[("notes.undo", &["z"])]));
    assert!(problems.is_empty(), "{problems:?}");
    let undo = format!(
        "Note deleted — {} brings it back",
        crate::app::key_mark(&Action::Undo)
    );
    assert_eq!(
        map.fill(Context::Notes, &undo),
        "Note deleted — z brings it back"
    );
    assert_eq!(
        map.fill(Context::Canvas, &undo),
        "Note deleted — u brings it back"
    );
    let link = crate::app::key_mark(&Action::Link);
    assert_eq!(map.fill(Context::Notes, &link), "m");
}

#[test]
fn a_colliding_or_broken_user_binding_is_reported_and_the_default_kept() {
    let (map, problems) = Keymap::with_user(&user(&[
        ("link", &["a"]),
        ("undo", &["hyper-z"]),
        ("teleport", &["z"]),
        ("redo", &[]),
        ("library.new-canvas", &["ctrl-o"]),
    ]));
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("no action is called \"teleport\"")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("a for \"link\" is already \"add\"") && p.contains("keeps m")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("hyper-z")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("\"redo\" needs")),
        "{problems:?}"
    );
    let m = ev(KeyCode::Char('m'), KeyModifiers::NONE);
    let a = ev(KeyCode::Char('a'), KeyModifiers::NONE);
    assert_eq!(map.resolve(Context::Canvas, &m), Some(Action::Link));
    assert_eq!(map.resolve(Context::Canvas, &a), Some(Action::Add));
    // The good entry in another context still applies.
    let ctrl_o = ev(KeyCode::Char('o'), KeyModifiers::CONTROL);
    assert_eq!(
        map.resolve(Context::Library, &ctrl_o),
        Some(Action::NewCanvas)
    );
}

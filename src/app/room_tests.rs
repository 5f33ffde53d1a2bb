#![allow(clippy::unwrap_used)]

use super::*;
use crate::app::RuntimeEvent;
use crate::canvas::Canvas;
use crate::room::{Ask, Request};

fn open() -> App {
    let mut c = Canvas::new("t");
    c.push(Section::Pains, "Chasing late payers");
    let mut app = App::new(c, "/nonexistent/t.ron", true);
    let effects = app.update(Action::Room);
    assert!(matches!(effects[..], [Effect::OpenRoom { port: 7878, .. }]));
    app.update(RuntimeEvent::RoomOpened(Ok("http://h:1/K/".into())));
    app
}

fn note(app: &mut App, ticket: u64, who: &str, text: &str) -> Vec<Effect> {
    let request = Request {
        token: who.into(),
        ask: Ask::Write {
            text: text.into(),
            nonce: None,
        },
    };
    app.update(RuntimeEvent::Room { ticket, request })
}

#[test]
fn turned_off_in_the_config_the_room_never_opens() {
    let mut app = App::new(Canvas::new("t"), "/nonexistent/t.ron", true);
    app.room_settings.enabled = false;
    assert!(app.update(Action::Room).is_empty());
    assert!(app.room.is_none());
    assert!(app.status.as_ref().unwrap().text.contains("enabled: false"));
}

#[test]
fn a_note_is_kept_on_disk_before_it_is_answered_and_revealed_in_one_undo() {
    let mut app = open();
    app.focus = Section::Pains;
    app.update(Action::Write);
    let effects = note(&mut app, 7, "a", "Clients pay late");
    assert!(matches!(&effects[0], Effect::KeepRoomNotes(Some(k)) if k.notes.len() == 1));
    assert_eq!(
        effects[1],
        Effect::RoomAnswer {
            ticket: 7,
            result: Ok(())
        }
    );
    note(&mut app, 8, "b", "Tax time");
    // Nothing reaches the canvas before the reveal.
    assert_eq!(app.canvas().items(Section::Pains).len(), 1);
    let effects = app.update(Action::Reveal);
    assert!(effects.contains(&Effect::KeepRoomNotes(None)));
    let texts: Vec<_> = app
        .canvas()
        .items(Section::Pains)
        .iter()
        .map(|i| i.text.clone())
        .collect();
    assert_eq!(
        texts,
        ["Chasing late payers", "Clients pay late", "Tax time"]
    );
    app.update(Action::Cancel);
    app.update(Action::Undo);
    assert_eq!(app.canvas().items(Section::Pains).len(), 1);
}

#[test]
fn a_vote_ranks_the_section_in_one_undoable_change() {
    let mut app = open();
    app.focus = Section::Pains;
    app.update(Action::Write);
    note(&mut app, 1, "a", "Second");
    app.update(Action::Reveal);
    let second = app.canvas().items(Section::Pains)[1].id;
    app.update(Action::Vote);
    app.update(Action::Confirm);
    let dot = Request {
        token: "a".into(),
        ask: Ask::Dot { item: second },
    };
    app.update(RuntimeEvent::Room {
        ticket: 2,
        request: dot,
    });
    app.update(Action::CloseVote);
    assert_eq!(app.votes_of(second), 1);
    app.update(Action::RankByVotes);
    assert_eq!(app.canvas().items(Section::Pains)[0].id, second);
    app.update(Action::Cancel);
    app.update(Action::Undo);
    assert_eq!(app.canvas().items(Section::Pains)[1].id, second);
}

#[test]
fn closing_the_room_with_notes_unrevealed_keeps_them_for_next_time() {
    let mut app = open();
    app.update(Action::Write);
    note(&mut app, 1, "a", "Kept");
    assert_eq!(app.update(Action::Close), [Effect::CloseRoom]);
    assert!(app.room.is_none());
    assert_eq!(app.kept_notes.as_ref().unwrap().notes[0].text, "Kept");
    // Opening again takes them back, unrevealed.
    app.update(Action::Room);
    assert_eq!(app.room.as_ref().unwrap().room.counts().notes, 1);
}

#[test]
fn a_round_never_starts_over_unrevealed_notes() {
    let mut app = open();
    app.update(Action::Write);
    note(&mut app, 1, "a", "Not yet on the canvas");
    app.update(Action::Vote);
    assert!(matches!(&app.mode, Mode::Room(p) if p.setup.is_none()));
    app.update(Action::Write);
    assert_eq!(app.room.as_ref().unwrap().room.counts().notes, 1);
}

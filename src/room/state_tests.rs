#![allow(clippy::unwrap_used)]

use super::*;

fn ask(room: &mut Room, token: &str, ask: Ask) -> Result<(), Refusal> {
    room.apply(&Request {
        token: token.into(),
        ask,
    })
}

fn write(room: &mut Room, token: &str, text: &str) -> Result<(), Refusal> {
    ask(
        room,
        token,
        Ask::Write {
            text: text.into(),
            nonce: None,
        },
    )
}

#[test]
fn notes_are_kept_in_the_order_written_and_revealed_once() {
    let mut room = Room::default();
    assert_eq!(write(&mut room, "a", "x"), Err(Refusal::NoWriteRound));
    room.start_write(Section::Pains);
    write(&mut room, "a", "  Late payments ").unwrap();
    write(&mut room, "b", "Chasing clients").unwrap();
    write(&mut room, "a", "Tax season").unwrap();
    let c = room.counts();
    assert_eq!((c.people, c.notes, c.writers), (2, 3, 2));
    let (section, texts) = room.reveal().unwrap();
    assert_eq!(section, Section::Pains);
    assert_eq!(texts, ["Late payments", "Chasing clients", "Tax season"]);
    assert_eq!(room.reveal(), None);
    assert_eq!(room.round, Round::Idle);
}

#[test]
fn a_note_is_at_most_280_characters_and_50_per_person() {
    let mut room = Room::default();
    room.start_write(Section::Gains);
    assert_eq!(write(&mut room, "a", &"é".repeat(280)), Ok(()));
    assert_eq!(
        write(&mut room, "a", &"é".repeat(281)),
        Err(Refusal::TooLong)
    );
    assert_eq!(write(&mut room, "a", " \t\n"), Err(Refusal::Empty));
    for i in 1..50 {
        write(&mut room, "a", &format!("note {i}")).unwrap();
    }
    assert_eq!(write(&mut room, "a", "51st"), Err(Refusal::TooManyNotes));
    // Another person still may.
    write(&mut room, "b", "mine").unwrap();
    assert_eq!(room.counts().notes, 51);
}

#[test]
fn the_201st_person_is_refused_and_nothing_of_theirs_is_kept() {
    let mut room = Room::default();
    room.start_write(Section::Jobs);
    for i in 0..MAX_PEOPLE {
        ask(&mut room, &format!("p{i}"), Ask::Join).unwrap();
    }
    assert_eq!(write(&mut room, "late", "hello"), Err(Refusal::Full));
    assert_eq!(room.counts().people, 200);
    assert_eq!(room.counts().notes, 0);
    // Someone already in still writes.
    write(&mut room, "p7", "hello").unwrap();
}

#[test]
fn only_the_writer_edits_or_deletes_a_note() {
    let mut room = Room::default();
    room.start_write(Section::Pains);
    write(&mut room, "a", "one").unwrap();
    let Round::Write { notes, .. } = &room.round else {
        panic!()
    };
    let id = notes[0].id;
    let edit = |text: &str| Ask::Edit {
        note: id,
        text: text.into(),
    };
    assert_eq!(ask(&mut room, "b", edit("theirs")), Err(Refusal::NotYours));
    assert_eq!(
        ask(&mut room, "b", Ask::Delete { note: id }),
        Err(Refusal::NotYours)
    );
    ask(&mut room, "a", edit("one, better")).unwrap();
    assert_eq!(room.clone().reveal().unwrap().1, ["one, better"]);
    ask(&mut room, "a", Ask::Delete { note: id }).unwrap();
    assert_eq!(room.reveal().unwrap().1, Vec::<String>::new());
}

#[test]
fn a_note_sent_twice_with_its_number_is_added_once() {
    let mut room = Room::default();
    room.start_write(Section::Pains);
    for _ in 0..3 {
        let a = Ask::Write {
            text: "once".into(),
            nonce: Some(42),
        };
        ask(&mut room, "a", a).unwrap();
    }
    assert_eq!(room.counts().notes, 1);
}

#[test]
fn control_and_bidi_characters_never_stay_in_a_note() {
    let mut room = Room::default();
    room.start_write(Section::Pains);
    write(&mut room, "a", "\u{1b}[2Jevil\u{202e}txt\u{7}<b>").unwrap();
    let text = &room.reveal().unwrap().1[0];
    assert!(!text.chars().any(crate::text::is_hazard), "{text:?}");
    // HTML is kept as text; pages escape it.
    assert!(text.ends_with("<b>"));
}

fn vote(room: &mut Room, dots: u32, one_per_item: bool) {
    let rules = VoteRules {
        scope: VoteScope::Section(Section::Pains),
        dots,
        one_per_item,
    };
    room.start_vote(rules, vec![1, 2, 3]);
}

#[test]
fn dots_are_within_the_budget_and_can_be_taken_back() {
    let mut room = Room::default();
    assert_eq!(
        ask(&mut room, "a", Ask::Dot { item: 1 }),
        Err(Refusal::NoVoteRound)
    );
    vote(&mut room, 3, false);
    for item in [1, 1, 2] {
        ask(&mut room, "a", Ask::Dot { item }).unwrap();
    }
    assert_eq!(
        ask(&mut room, "a", Ask::Dot { item: 3 }),
        Err(Refusal::NoDotsLeft)
    );
    assert_eq!(
        ask(&mut room, "a", Ask::Dot { item: 9 }),
        Err(Refusal::NotInVote)
    );
    assert_eq!(
        ask(&mut room, "a", Ask::Undot { item: 3 }),
        Err(Refusal::NoDotThere)
    );
    ask(&mut room, "a", Ask::Undot { item: 1 }).unwrap();
    ask(&mut room, "a", Ask::Dot { item: 3 }).unwrap();
    ask(&mut room, "b", Ask::Dot { item: 3 }).unwrap();
    assert_eq!(room.counts().voters, 2);
    assert_eq!(room.tally()[&3], 2);
    let (_, tally) = room.close_vote().unwrap();
    assert_eq!(tally, [(1, 1), (2, 1), (3, 2)]);
    assert_eq!(
        ask(&mut room, "a", Ask::Undot { item: 3 }),
        Err(Refusal::NoVoteRound)
    );
}

#[test]
fn one_per_item_refuses_a_second_dot_on_an_item() {
    let mut room = Room::default();
    vote(&mut room, 3, true);
    ask(&mut room, "a", Ask::Dot { item: 1 }).unwrap();
    assert_eq!(
        ask(&mut room, "a", Ask::Dot { item: 1 }),
        Err(Refusal::OnePerItem)
    );
}

#[test]
fn every_refusal_has_a_code_that_reads_back() {
    for r in Refusal::ALL {
        assert_eq!(Refusal::from_code(r.code()), Some(r));
        assert!(r.sentence().ends_with('.'));
    }
}

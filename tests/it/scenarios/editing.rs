//! A user's sessions on a canvas: flags until a link, ids kept across
//! sessions, undo, paste, Ctrl-s, a new file written on its first edit, the
//! `.bak` of the file as it was.

use super::{HANDWRITTEN, Session, flag_of, ids, texts};
use vpcanvas::canvas::file::parse;
use vpcanvas::canvas::{Canvas, Section};
use vpcanvas::runtime::{FileIo, Outcome};

#[test]
fn a_pain_is_flagged_until_a_reliever_is_linked_and_the_file_says_so() {
    let s = Session::new();
    let ran = s.run(concat!(
        r#"5 a "Late payments" <enter> <snap> "#,
        r#"3 a "Auto reminders" <enter> m <space> <enter> <snap> q"#,
    ));
    assert_eq!(ran.outcome, Outcome::Quit(None));
    assert_eq!(ran.unread, 0);

    let [added, linked] = &ran.snaps[..] else {
        panic!("{} snaps", ran.snaps.len())
    };
    assert_eq!(
        flag_of(&added.screen, "Late payments"),
        '!',
        "{}",
        added.screen
    );
    assert!(added.screen.contains("Pains (1) · 1 !"), "{}", added.screen);
    // Saved as soon as it was added.
    assert!(added.file.as_deref().unwrap().contains("\"Late payments\""));

    assert_eq!(
        flag_of(&linked.screen, "Late payments"),
        ' ',
        "{}",
        linked.screen
    );
    assert!(
        !linked.screen.contains("Pains (1) · 1 !"),
        "{}",
        linked.screen
    );
    assert!(
        linked.screen.contains("Auto reminders"),
        "{}",
        linked.screen
    );

    let canvas = s.canvas();
    assert_eq!(texts(&canvas, Section::Pains), ["Late payments"]);
    assert_eq!(texts(&canvas, Section::Relievers), ["Auto reminders"]);
    let pain = &canvas.items(Section::Pains)[0];
    assert_eq!(canvas.items(Section::Relievers)[0].links, [pain.id]);
    assert_eq!(
        s.text(),
        r#"(
    version: 1,
    title: "pitch",
    segment: "",
    alternatives: [],
    customer: (
        jobs: [],
        pains: [
            (id: 1, text: "Late payments", severity: Moderate),
        ],
        gains: [],
    ),
    value_map: (
        products: [],
        relievers: [
            (id: 2, text: "Auto reminders", pains: [1]),
        ],
        creators: [],
    ),
)
"#
    );
    // A new file has nothing to back up.
    assert_eq!(s.files(), ["pitch.ron"]);
}

#[test]
fn reopening_and_editing_keeps_ids() {
    let s = Session::with_file(HANDWRITTEN);
    let before = ids(&parse(HANDWRITTEN).unwrap().canvas);
    // Edit the second pain's text, then add a job.
    s.run(r#"5 j e <c-u> "Surprise tax bills" <enter> 6 a "Send quotes" <enter> q"#);
    let canvas = s.canvas();
    let after = ids(&canvas);
    let expected: Vec<_> = before
        .iter()
        .map(|(sec, id, text)| {
            let text = if *id == 4 { "Surprise tax bills" } else { text };
            (*sec, *id, text.to_owned())
        })
        .collect();
    let kept: Vec<_> = after
        .iter()
        .filter(|(_, id, _)| *id != 10)
        .cloned()
        .collect();
    assert_eq!(kept, expected);
    assert_eq!(
        texts(&canvas, Section::Jobs),
        ["Get paid on time", "Send quotes"]
    );
    assert_eq!(canvas.items(Section::Jobs)[1].id, 10);
    assert_eq!(canvas.items(Section::Relievers)[0].links, [3]);

    // A second session on the same file: the ids it wrote are the ids it reads.
    s.run(r#"3 a "Tax calendar" <enter> m <down> <space> <enter> q"#);
    let again = s.canvas();
    let reliever = &again.items(Section::Relievers)[1];
    assert_eq!((reliever.id, reliever.text.as_str()), (11, "Tax calendar"));
    assert_eq!(reliever.links, [4]);
    assert_eq!(again.items(Section::Jobs)[1].id, 10);
}

#[test]
fn undoing_a_delete_then_quitting_keeps_the_item() {
    let s = Session::with_file(HANDWRITTEN);
    let ran = s.run("5 d <snap> u q");
    // The delete was saved at once...
    let deleted = parse(ran.snaps[0].file.as_deref().unwrap()).unwrap().canvas;
    assert_eq!(texts(&deleted, Section::Pains), ["Tax surprises"]);
    assert!(deleted.items(Section::Relievers)[0].links.is_empty());
    // ...and the undo too, with the link.
    let canvas = s.canvas();
    assert_eq!(
        texts(&canvas, Section::Pains),
        ["Late payments", "Tax surprises"]
    );
    assert_eq!(canvas.items(Section::Pains)[0].id, 3);
    assert_eq!(canvas.items(Section::Relievers)[0].links, [3]);
    assert_eq!(canvas, parse(HANDWRITTEN).unwrap().canvas);
}

#[test]
fn a_bracketed_paste_lands_cleaned_in_the_file() {
    let s = Session::new();
    s.run_with(
        "5 a",
        |script| {
            script
                .paste("Late\npayments\x1b[2J\u{202e} \t")
                .then("<enter> q")
        },
        &mut FileIo,
    );
    let text = s.text();
    assert!(!text.contains('\x1b'), "{text:?}");
    assert!(!text.contains('\u{202e}'), "{text:?}");
    assert!(
        text.contains(r#"(id: 1, text: "Late payments [2J", severity: Moderate),"#),
        "{text}"
    );
    assert_eq!(texts(&s.canvas(), Section::Pains), ["Late payments [2J"]);
}

#[test]
fn ctrl_s_writes_at_once() {
    let s = Session::new();
    let ran = s.run("<snap> <c-s> <snap> 6 <snap>");
    let [before, saved, after] = &ran.snaps[..] else {
        panic!("{} snaps", ran.snaps.len())
    };
    assert!(before.file.is_none());
    assert!(
        before.screen.contains("written on first edit"),
        "{}",
        before.screen
    );
    let written = saved.file.as_deref().unwrap();
    assert_eq!(written, storage_text(&Canvas::new("pitch")));
    assert!(
        saved.screen.contains("pitch.ron · saved"),
        "{}",
        saved.screen
    );
    assert_eq!(after.file.as_deref(), Some(written));
}

fn storage_text(canvas: &Canvas) -> String {
    vpcanvas::canvas::file::to_ron(canvas)
}

#[test]
fn a_new_file_is_not_written_until_the_first_edit() {
    let s = Session::new();
    let ran = s.run("5 j k <down> <up> <tab> <backtab> 1 l h 2 <right> <left> ? <esc> m q");
    assert_eq!(ran.outcome, Outcome::Quit(None));
    assert_eq!(ran.unread, 0);
    assert!(s.files().is_empty(), "{:?}", s.files());

    // Input that just ends (the terminal went away) writes nothing either.
    let ran = s.run("5 a \"typed, then cancelled\" <esc>");
    assert_eq!(ran.outcome, Outcome::Quit(None));
    assert!(s.files().is_empty(), "{:?}", s.files());

    // The first edit writes it.
    s.run("6 a \"Get paid\" <enter> q");
    assert_eq!(texts(&s.canvas(), Section::Jobs), ["Get paid"]);
}

#[test]
fn the_bak_holds_the_file_as_it_was_before_the_session() {
    let s = Session::with_file(HANDWRITTEN);
    let ran = s.run("5 d <snap> d <snap> q");
    assert_eq!(ran.snaps.len(), 2);
    // Byte for byte: the handwritten file, comment and all, not a re-write.
    assert_eq!(std::fs::read_to_string(s.bak()).unwrap(), HANDWRITTEN);
    assert!(s.canvas().items(Section::Pains).is_empty());

    // The next session backs up what the last one wrote.
    let last = s.text();
    s.run("6 d q");
    assert_eq!(std::fs::read_to_string(s.bak()).unwrap(), last);
    assert!(s.canvas().items(Section::Jobs).is_empty());
}

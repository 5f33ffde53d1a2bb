//! Find (`/`): type to find text anywhere in the canvas file — items, their
//! evidence notes, the alternatives, saved statements, test and learning
//! cards — move between what holds it, and go there.

use super::text_field::TextEdit;
use super::{Action, App, BoardView, EditTarget, Effect, FindView, Mode};
use crate::canvas::{ItemId, Section};

/// Something that holds the text looked for, and so where Enter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// An item's own text: goes to the item.
    Item(Section, ItemId),
    /// One of an item's evidence notes (by index): opens the item's notes on it.
    Note(Section, ItemId, usize),
    /// One of the alternatives (by index): opens the alternatives to edit.
    Alternative(usize),
    /// A saved statement (by index), its name or text: opens it.
    Statement(usize),
    /// A test or learning card, any of its texts: opens it on the board.
    Card(ItemId),
}

/// Whether `text` holds `query` (already lower-cased), case ignored.
fn holds(text: &str, query: &str) -> bool {
    text.to_lowercase().contains(query)
}

impl App {
    pub(super) fn open_find(&mut self) {
        self.mode = Mode::Find(FindView::default());
        self.status = None;
    }

    /// Everything that holds `query` (case ignored): the items in the order
    /// the sections are numbered, each followed by its notes that hold it;
    /// then the alternatives, the saved statements and the cards. None for
    /// an empty query.
    pub(super) fn find_matches(&self, query: &str) -> Vec<Found> {
        let query = query.trim().to_lowercase();
        if query.is_empty() {
            return Vec::new();
        }
        let q = query.as_str();
        let mut out = Vec::new();
        for &section in &Section::ALL {
            for item in self.canvas.items(section) {
                if holds(&item.text, q) {
                    out.push(Found::Item(section, item.id));
                }
                let notes = item.evidence.iter().enumerate();
                out.extend(
                    notes
                        .filter(|(_, n)| holds(n, q))
                        .map(|(n, _)| Found::Note(section, item.id, n)),
                );
            }
        }
        let c = &self.canvas;
        let alternatives = c.alternatives.iter().enumerate();
        out.extend(
            alternatives
                .filter(|(_, a)| holds(a, q))
                .map(|(n, _)| Found::Alternative(n)),
        );
        let statements = c.statements.iter().enumerate();
        out.extend(
            statements
                .filter(|(_, s)| holds(&s.name, q) || holds(&s.text, q))
                .map(|(n, _)| Found::Statement(n)),
        );
        let tests = c.tests.iter().filter(|t| {
            [&t.name, &t.believe, &t.verify, &t.measure, &t.right_if]
                .iter()
                .any(|f| holds(f, q))
        });
        out.extend(tests.map(|t| Found::Card(t.id)));
        let learnings = c.learnings.iter().filter(|l| {
            [&l.observed, &l.learned, &l.decision]
                .iter()
                .any(|f| holds(f, q))
        });
        out.extend(learnings.map(|l| Found::Card(l.id)));
        out
    }

    /// What a match is and the text shown for it: ("pain", its text),
    /// ("note on a pain", the note), ("test card", the field that holds
    /// `query`, or its name). `None` for something no longer there.
    pub fn found_words(&self, found: Found, query: &str) -> Option<(String, String)> {
        let q = query.trim().to_lowercase();
        // The first text that holds the query, else the first (a name).
        let pick = |texts: &[&String]| -> String {
            texts
                .iter()
                .find(|t| holds(t, &q))
                .or(texts.first())
                .map(|t| (*t).clone())
                .unwrap_or_default()
        };
        let c = &self.canvas;
        Some(match found {
            Found::Item(section, id) => (section.noun().to_owned(), c.item(id)?.text.clone()),
            Found::Note(section, id, n) => (
                format!("note on a {}", section.noun()),
                c.item(id)?.evidence.get(n)?.clone(),
            ),
            Found::Alternative(n) => ("alternative".to_owned(), c.alternatives.get(n)?.clone()),
            Found::Statement(n) => {
                let s = c.statements.get(n)?;
                ("statement".to_owned(), format!("{} — {}", s.name, s.text))
            }
            Found::Card(id) => match (c.test(id), c.learning(id)) {
                (Some(t), _) => (
                    "test card".to_owned(),
                    pick(&[&t.name, &t.believe, &t.verify, &t.measure, &t.right_if]),
                ),
                (None, Some(l)) => (
                    "learning card".to_owned(),
                    pick(&[&l.learned, &l.observed, &l.decision]),
                ),
                (None, None) => return None,
            },
        })
    }

    /// Enter on a match: go to the item, or open the view that shows it.
    fn go_to_found(&mut self, found: Found) {
        match found {
            Found::Item(_, id) => self.go_to(id),
            Found::Note(_, id, n) => {
                self.go_to(id);
                self.open_notes();
                if let Mode::Notes(view) = &mut self.mode {
                    view.cursor = n;
                }
            }
            Found::Alternative(_) => {
                let text = self.canvas.alternatives.join(", ");
                self.start_edit_field(EditTarget::Alternatives, &text);
                if !matches!(self.mode, Mode::Edit(_)) {
                    // Read-only: nothing to edit, so say them.
                    self.info(format!("Alternatives: {text}"));
                }
            }
            Found::Statement(n) => {
                self.open_statement();
                if let Mode::Statement(view) = &mut self.mode {
                    view.variant = Some(n);
                }
                self.remember_statement();
            }
            Found::Card(id) => {
                self.open_board();
                if let Mode::Board(BoardView { selected, .. }) = &mut self.mode {
                    *selected = Some(id);
                }
            }
        }
    }

    pub(super) fn find_view(&mut self, action: Action) -> Vec<Effect> {
        let Mode::Find(mut view) = std::mem::replace(&mut self.mode, Mode::Normal) else {
            return Vec::new();
        };
        let last = view.matches.len().saturating_sub(1);
        let query = view.query.text().to_owned();
        match action {
            Action::Up => view.cursor = view.cursor.saturating_sub(1),
            Action::Down => view.cursor = (view.cursor + 1).min(last),
            // Typed, pasted or edited as in every text field (Ctrl-u, Ctrl-w,
            // the arrows), through its one cleaner.
            Action::Text(edit) => view.query.apply(&edit),
            Action::Paste(text) => view.query.apply(&TextEdit::Paste(text)),
            Action::Confirm => {
                match view.matches.get(view.cursor) {
                    Some(&found) => self.go_to_found(found),
                    None if query.trim().is_empty() => {}
                    None => self.info(format!(
                        "Nothing on the canvas says “{}”",
                        crate::text::truncate(&query, 40)
                    )),
                }
                return Vec::new();
            }
            Action::Cancel | Action::Find | Action::Quit => return Vec::new(),
            _ => {}
        }
        if view.query.text() != query {
            view.matches = self.find_matches(view.query.text());
            view.cursor = 0;
        }
        self.mode = Mode::Find(view);
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::RuntimeEvent;

    fn app() -> App {
        let mut c = crate::canvas::Canvas::new("t");
        c.push(Section::Pains, "Clients pay late");
        c.push(Section::Jobs, "Send invoices");
        c.push(Section::Relievers, "Reminders when clients are LATE");
        let mut app = App::new(c, "/tmp/never-written-find.ron", true);
        app.update(RuntimeEvent::Resize(120, 40));
        app
    }

    fn typed(app: &mut App, text: &str) {
        for c in text.chars() {
            app.update(Action::Text(TextEdit::Insert(c)));
        }
    }

    #[test]
    fn typing_finds_every_item_that_holds_the_text_and_enter_goes_there() {
        let mut app = app();
        app.update(Action::Find);
        assert!(matches!(app.mode, Mode::Find(_)));
        typed(&mut app, "late");
        let found: Vec<Found> = app.find_matches("late");
        let found: Vec<Section> = found
            .iter()
            .map(|m| match m {
                Found::Item(s, _) => *s,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            found,
            [Section::Relievers, Section::Pains],
            "in section order, case ignored"
        );
        app.update(Action::Down);
        app.update(Action::Confirm);
        assert_eq!(app.mode, Mode::Normal);
        assert_eq!(
            app.selected_item().map(|i| i.text.as_str()),
            Some("Clients pay late")
        );
    }

    /// What is typed or pasted goes through the one cleaner, as in every
    /// text field: a bidi override never reaches the terminal.
    #[test]
    fn the_query_holds_no_bidi_or_control_character() {
        let mut app = app();
        app.update(Action::Find);
        typed(&mut app, "la\u{202e}t\u{200f}e\u{2066}");
        app.update(Action::Paste("\u{1b}]52;c;aGk=\u{7}".to_owned()));
        let Mode::Find(view) = &app.mode else {
            panic!("{:?}", app.mode)
        };
        assert!(
            !view.query.text().chars().any(crate::text::is_hazard),
            "{:?}",
            view.query
        );
        assert!(view.query.text().starts_with("late"), "{:?}", view.query);
    }

    #[test]
    fn backspace_edits_the_text_esc_closes_and_no_match_says_so() {
        let mut app = app();
        app.update(Action::Find);
        typed(&mut app, "invoicez");
        app.update(Action::Text(TextEdit::Backspace));
        let Mode::Find(view) = &app.mode else {
            panic!("{:?}", app.mode)
        };
        assert_eq!(view.query.text(), "invoice");
        app.update(Action::Cancel);
        assert_eq!(app.mode, Mode::Normal);
        app.update(Action::Find);
        typed(&mut app, "nowhere");
        app.update(Action::Confirm);
        assert_eq!(app.mode, Mode::Normal);
        let status = crate::app::tests::status(&app).to_owned();
        assert!(
            status.contains("Nothing on the canvas says “nowhere”"),
            "{status}"
        );
    }

    /// Help lists Ctrl-u (and the other field keys) for typing: find's field
    /// is edited like any other (the keymap's side is tested there).
    #[test]
    fn ctrl_u_and_the_field_keys_edit_the_query() {
        let mut app = app();
        app.update(Action::Find);
        typed(&mut app, "late");
        app.update(Action::Text(TextEdit::Left));
        app.update(Action::Text(TextEdit::ClearToStart));
        let Mode::Find(view) = &app.mode else {
            panic!("{:?}", app.mode)
        };
        assert_eq!(view.query.text(), "e");
        app.update(Action::Text(TextEdit::ClearToEnd));
        let Mode::Find(view) = &app.mode else {
            panic!("{:?}", app.mode)
        };
        assert_eq!(view.query.text(), "");
        assert!(view.matches.is_empty());
    }

    /// A canvas with text in every place find looks: an item's note, an
    /// alternative, a saved statement, a test card and a learning card.
    fn full_app() -> App {
        let mut c = crate::canvas::Canvas::new("t");
        let pain = c.push(Section::Pains, "Clients pay late");
        c.push(Section::Gains, "Cash in a week");
        c.set_evidence(
            pain,
            vec![
                "Heard at the meetup: ZEBRA".to_owned(),
                "8 of 10 said so".to_owned(),
            ],
        );
        c.alternatives = vec!["Spreadsheets".to_owned(), "A zebra bookkeeper".to_owned()];
        c.add_statement("A", "Our app helps.");
        c.add_statement("B: zebra", "Our app helps fast.");
        c.add_test(crate::canvas::TestCard {
            name: "Landing page".to_owned(),
            measure: "Zebra clicks".to_owned(),
            ..crate::canvas::TestCard::default()
        });
        // Recorded without items, so no status changes.
        c.record_learning(crate::canvas::Learning {
            learned: "Zebras sell".to_owned(),
            ..crate::canvas::Learning::default()
        });
        let mut app = App::new(c, "/tmp/never-written-find.ron", true);
        app.update(RuntimeEvent::Resize(120, 40));
        app
    }

    #[test]
    fn notes_alternatives_statements_and_cards_are_found_too() {
        let app = full_app();
        let c = app.canvas();
        let pain = c.items(Section::Pains)[0].id;
        let (test, learning) = (c.tests[0].id, c.learnings[0].id);
        assert_eq!(
            app.find_matches("zebra"),
            [
                Found::Note(Section::Pains, pain, 0),
                Found::Alternative(1),
                Found::Statement(1),
                Found::Card(test),
                Found::Card(learning),
            ]
        );
        let words: Vec<(String, String)> = app
            .find_matches("zebra")
            .into_iter()
            .filter_map(|f| app.found_words(f, "zebra"))
            .collect();
        assert_eq!(
            words[0],
            (
                "note on a pain".to_owned(),
                "Heard at the meetup: ZEBRA".to_owned()
            )
        );
        assert_eq!(
            words[3],
            ("test card".to_owned(), "Zebra clicks".to_owned())
        );
        assert_eq!(
            words[4],
            ("learning card".to_owned(), "Zebras sell".to_owned())
        );
    }

    /// Finds `query`, moves down `down` times and presses Enter.
    fn go(app: &mut App, query: &str, down: usize) {
        app.update(Action::Find);
        typed(app, query);
        for _ in 0..down {
            app.update(Action::Down);
        }
        app.update(Action::Confirm);
    }

    #[test]
    fn enter_opens_the_view_that_shows_what_was_found() {
        let mut app = full_app();
        let pain = app.canvas().items(Section::Pains)[0].id;
        go(&mut app, "zebra", 0);
        let Mode::Notes(view) = &app.mode else {
            panic!("{:?}", app.mode)
        };
        assert_eq!((view.item, view.cursor), (pain, 0));
        app.update(Action::Cancel);
        go(&mut app, "8 of 10", 0);
        let Mode::Notes(view) = &app.mode else {
            panic!("{:?}", app.mode)
        };
        assert_eq!((view.item, view.cursor), (pain, 1), "on the note found");
        app.update(Action::Cancel);

        go(&mut app, "zebra", 1);
        let Mode::Edit(editor) = &app.mode else {
            panic!("{:?}", app.mode)
        };
        assert_eq!(editor.target, EditTarget::Alternatives);
        app.update(Action::Cancel);

        go(&mut app, "zebra", 2);
        let Mode::Statement(view) = &app.mode else {
            panic!("{:?}", app.mode)
        };
        assert_eq!(view.variant, Some(1), "the statement found, not the first");
        app.update(Action::Cancel);

        let learning = app.canvas().learnings[0].id;
        go(&mut app, "zebra", 4);
        let Mode::Board(view) = &app.mode else {
            panic!("{:?}", app.mode)
        };
        assert_eq!(view.selected, Some(learning));
    }
}

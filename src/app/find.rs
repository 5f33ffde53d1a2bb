//! Find (`/`): type to find text anywhere on the canvas, move between the
//! items that hold it, and go to one.

use super::text_field::TextEdit;
use super::{Action, App, Effect, FindView, Mode};
use crate::canvas::{ItemId, Section};

impl App {
    pub(super) fn open_find(&mut self) {
        self.mode = Mode::Find(FindView::default());
        self.status = None;
    }

    /// The items whose text holds `query` (case ignored), in the order the
    /// sections are numbered; none for an empty query.
    pub(super) fn find_matches(&self, query: &str) -> Vec<(Section, ItemId)> {
        let query = query.trim().to_lowercase();
        if query.is_empty() {
            return Vec::new();
        }
        Section::ALL
            .iter()
            .flat_map(|&section| {
                self.canvas
                    .items(section)
                    .iter()
                    .filter(|item| item.text.to_lowercase().contains(&query))
                    .map(move |item| (section, item.id))
            })
            .collect()
    }

    pub(super) fn find_view(&mut self, action: Action) -> Vec<Effect> {
        let Mode::Find(mut view) = std::mem::replace(&mut self.mode, Mode::Normal) else {
            return Vec::new();
        };
        let last = view.matches.len().saturating_sub(1);
        let query = view.query.clone();
        match action {
            Action::Up => view.cursor = view.cursor.saturating_sub(1),
            Action::Down => view.cursor = (view.cursor + 1).min(last),
            // Typed or pasted, through the one cleaner every text field uses.
            Action::Text(TextEdit::Insert(c)) => {
                view.query
                    .push_str(&crate::text::clean(c.encode_utf8(&mut [0; 4])));
                view.cursor = 0;
            }
            Action::Paste(text) => {
                view.query.push_str(&crate::text::clean(&text));
                view.cursor = 0;
            }
            Action::Text(TextEdit::Backspace) => {
                view.query.pop();
                view.cursor = 0;
            }
            Action::Confirm => {
                match view.matches.get(view.cursor) {
                    Some(&(_, id)) => self.go_to(id),
                    None if view.query.trim().is_empty() => {}
                    None => self.info(format!(
                        "Nothing on the canvas says “{}”",
                        crate::text::truncate(&view.query, 40)
                    )),
                }
                return Vec::new();
            }
            Action::Cancel | Action::Find | Action::Quit => return Vec::new(),
            _ => {}
        }
        if view.query != query {
            view.matches = self.find_matches(&view.query);
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
        let found: Vec<Section> = app.find_matches("late").iter().map(|m| m.0).collect();
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
            !view.query.chars().any(crate::text::is_hazard),
            "{:?}",
            view.query
        );
        assert!(view.query.starts_with("late"), "{:?}", view.query);
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
        assert_eq!(view.query, "invoice");
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
}

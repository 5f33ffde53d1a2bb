//! The room's state as plain data: who is in it (a random token per
//! browser, no names), the round (writing or voting) and what each person
//! has written or dotted. Changed only by [`Room::apply`] (what a page
//! asks) and the facilitator's methods, which the editor's `update` calls;
//! no socket, no clock, no terminal.

use std::collections::HashMap;

use crate::canvas::{ItemId, Section};

/// At most this many people in a room.
pub const MAX_PEOPLE: usize = 200;
/// At most this many notes from one person in one write round.
pub const MAX_NOTES: usize = 50;
/// At most this many characters in a note.
pub const MAX_NOTE_CHARS: usize = 280;
/// The most dots a vote round may give each person.
pub const MAX_DOTS: u32 = 20;

/// One person in the room, known only by the token their browser keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub token: String,
}

/// A note written in a write round, not yet on the canvas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Numbered in the order written (the reveal keeps that order).
    pub id: u32,
    /// Index into [`Room::people`].
    pub person: usize,
    pub text: String,
    /// The page's number for this note, so a form sent twice (a retry, a
    /// double tap) adds it once.
    pub nonce: Option<u64>,
}

/// What a vote round is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteScope {
    Section(Section),
    /// Jobs, pains and gains together.
    Profile,
}

impl VoteScope {
    /// The sections the vote is on, in workshop order.
    pub fn sections(self) -> Vec<Section> {
        match self {
            VoteScope::Section(s) => vec![s],
            VoteScope::Profile => vec![Section::Jobs, Section::Pains, Section::Gains],
        }
    }

    /// "pains", "the customer profile".
    pub fn name(self) -> String {
        match self {
            VoteScope::Section(s) => s.title().to_lowercase(),
            VoteScope::Profile => "the customer profile".to_owned(),
        }
    }
}

/// A vote round's rules, chosen when it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoteRules {
    pub scope: VoteScope,
    /// Dots per person.
    pub dots: u32,
    /// At most one dot per item per person.
    pub one_per_item: bool,
}

/// The round in progress.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Round {
    /// No round: the page mirrors the canvas.
    #[default]
    Idle,
    /// Silent writing on a section.
    Write { section: Section, notes: Vec<Note> },
    /// Dot voting on the items that were there when it started.
    Vote {
        rules: VoteRules,
        items: Vec<ItemId>,
        /// Each dot placed: (person, item), in the order placed.
        dots: Vec<(usize, ItemId)>,
    },
}

/// What a page asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// Come in (the first page load of a browser).
    Join,
    Write {
        text: String,
        nonce: Option<u64>,
    },
    Edit {
        note: u32,
        text: String,
    },
    Delete {
        note: u32,
    },
    Dot {
        item: ItemId,
    },
    Undot {
        item: ItemId,
    },
}

/// A page's request: who asks, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub token: String,
    pub ask: Ask,
}

/// Why a request was refused, in words a participant understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Full,
    NoWriteRound,
    NoVoteRound,
    Empty,
    TooLong,
    TooManyNotes,
    NotYours,
    NoDotsLeft,
    OnePerItem,
    NotInVote,
    NoDotThere,
    /// The editor could not take it in time (the page may send it again).
    Busy,
    Malformed,
}

impl Refusal {
    /// The short code a redirect carries (`?m=…`) and the page reads back.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::Full => "full",
            Refusal::NoWriteRound => "no-write",
            Refusal::NoVoteRound => "no-vote",
            Refusal::Empty => "empty",
            Refusal::TooLong => "too-long",
            Refusal::TooManyNotes => "too-many",
            Refusal::NotYours => "not-yours",
            Refusal::NoDotsLeft => "no-dots",
            Refusal::OnePerItem => "one-each",
            Refusal::NotInVote => "not-in-vote",
            Refusal::NoDotThere => "no-dot",
            Refusal::Busy => "busy",
            Refusal::Malformed => "malformed",
        }
    }

    pub const ALL: [Refusal; 13] = [
        Refusal::Full,
        Refusal::NoWriteRound,
        Refusal::NoVoteRound,
        Refusal::Empty,
        Refusal::TooLong,
        Refusal::TooManyNotes,
        Refusal::NotYours,
        Refusal::NoDotsLeft,
        Refusal::OnePerItem,
        Refusal::NotInVote,
        Refusal::NoDotThere,
        Refusal::Busy,
        Refusal::Malformed,
    ];

    pub fn from_code(code: &str) -> Option<Refusal> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The sentence the page shows.
    pub fn sentence(self) -> String {
        match self {
            Refusal::Full => format!("The room is full ({MAX_PEOPLE} people)."),
            Refusal::NoWriteRound => "Writing is not open right now.".to_owned(),
            Refusal::NoVoteRound => "Voting is not open right now.".to_owned(),
            Refusal::Empty => "The note is empty.".to_owned(),
            Refusal::TooLong => format!("A note can have at most {MAX_NOTE_CHARS} characters."),
            Refusal::TooManyNotes => {
                format!("You have written {MAX_NOTES} notes this round: the most there can be.")
            }
            Refusal::NotYours => "That note is not yours, or no longer there.".to_owned(),
            Refusal::NoDotsLeft => "You have no dots left: take one back to move it.".to_owned(),
            Refusal::OnePerItem => "One dot per item in this vote.".to_owned(),
            Refusal::NotInVote => "That item is not in this vote.".to_owned(),
            Refusal::NoDotThere => "You have no dot there.".to_owned(),
            Refusal::Busy => "The room is busy: please send it again.".to_owned(),
            Refusal::Malformed => "That request could not be read.".to_owned(),
        }
    }
}

/// The room: people, the round, and a revision that moves on every change
/// (pages poll it to know when to refresh).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Room {
    pub people: Vec<Person>,
    by_token: HashMap<String, usize>,
    pub round: Round,
    /// Moves on every change a page could show.
    pub revision: u64,
    next_note: u32,
}

/// The counts the facilitator sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub people: usize,
    pub notes: usize,
    /// People who wrote at least one note this round.
    pub writers: usize,
    pub dots: usize,
    /// People who placed at least one dot this round.
    pub voters: usize,
}

impl Room {
    /// The index of the person with this token, if they are in.
    pub fn person(&self, token: &str) -> Option<usize> {
        self.by_token.get(token).copied()
    }

    /// Applies a page's request.
    pub fn apply(&mut self, request: &Request) -> Result<(), Refusal> {
        let person = self.join(&request.token)?;
        let done = match &request.ask {
            Ask::Join => Ok(()),
            Ask::Write { text, nonce } => self.write(person, text, *nonce),
            Ask::Edit { note, text } => self.edit(person, *note, text),
            Ask::Delete { note } => self.delete(person, *note),
            Ask::Dot { item } => self.dot(person, *item),
            Ask::Undot { item } => self.undot(person, *item),
        };
        if done.is_ok() {
            self.revision += 1;
        }
        done
    }

    fn join(&mut self, token: &str) -> Result<usize, Refusal> {
        if let Some(p) = self.person(token) {
            return Ok(p);
        }
        if token.is_empty() || token.len() > 64 {
            return Err(Refusal::Malformed);
        }
        if self.people.len() >= MAX_PEOPLE {
            return Err(Refusal::Full);
        }
        self.people.push(Person {
            token: token.to_owned(),
        });
        self.by_token
            .insert(token.to_owned(), self.people.len() - 1);
        self.revision += 1;
        Ok(self.people.len() - 1)
    }

    fn write(&mut self, person: usize, text: &str, nonce: Option<u64>) -> Result<(), Refusal> {
        let Round::Write { notes, .. } = &mut self.round else {
            return Err(Refusal::NoWriteRound);
        };
        if nonce.is_some() && notes.iter().any(|n| n.person == person && n.nonce == nonce) {
            // Sent twice: it is in already.
            return Ok(());
        }
        let text = note_text(text)?;
        if notes.iter().filter(|n| n.person == person).count() >= MAX_NOTES {
            return Err(Refusal::TooManyNotes);
        }
        self.next_note += 1;
        notes.push(Note {
            id: self.next_note,
            person,
            text,
            nonce,
        });
        Ok(())
    }

    fn edit(&mut self, person: usize, note: u32, text: &str) -> Result<(), Refusal> {
        let Round::Write { notes, .. } = &mut self.round else {
            return Err(Refusal::NoWriteRound);
        };
        let text = note_text(text)?;
        let n = notes
            .iter_mut()
            .find(|n| n.id == note && n.person == person)
            .ok_or(Refusal::NotYours)?;
        n.text = text;
        Ok(())
    }

    fn delete(&mut self, person: usize, note: u32) -> Result<(), Refusal> {
        let Round::Write { notes, .. } = &mut self.round else {
            return Err(Refusal::NoWriteRound);
        };
        let at = notes
            .iter()
            .position(|n| n.id == note && n.person == person)
            .ok_or(Refusal::NotYours)?;
        notes.remove(at);
        Ok(())
    }

    fn dot(&mut self, person: usize, item: ItemId) -> Result<(), Refusal> {
        let Round::Vote { rules, items, dots } = &mut self.round else {
            return Err(Refusal::NoVoteRound);
        };
        if !items.contains(&item) {
            return Err(Refusal::NotInVote);
        }
        let mine = dots.iter().filter(|(p, _)| *p == person);
        if mine.clone().count() >= rules.dots as usize {
            return Err(Refusal::NoDotsLeft);
        }
        if rules.one_per_item && mine.clone().any(|(_, i)| *i == item) {
            return Err(Refusal::OnePerItem);
        }
        dots.push((person, item));
        Ok(())
    }

    fn undot(&mut self, person: usize, item: ItemId) -> Result<(), Refusal> {
        let Round::Vote { dots, .. } = &mut self.round else {
            return Err(Refusal::NoVoteRound);
        };
        let at = dots
            .iter()
            .rposition(|d| *d == (person, item))
            .ok_or(Refusal::NoDotThere)?;
        dots.remove(at);
        Ok(())
    }

    /// Starts a write round on `section` (a round in progress ends unrevealed
    /// only if the caller allowed it: see [`Room::has_unrevealed`]).
    pub fn start_write(&mut self, section: Section) {
        self.round = Round::Write {
            section,
            notes: Vec::new(),
        };
        self.revision += 1;
    }

    /// Takes back notes kept from an earlier room as this room's write round.
    pub fn resume_write(&mut self, kept: &super::keep::KeptNotes) {
        let mut notes = Vec::new();
        for note in &kept.notes {
            let Ok(person) = self.join(&note.by) else {
                continue;
            };
            self.next_note += 1;
            notes.push(Note {
                id: self.next_note,
                person,
                text: crate::text::clean(&note.text),
                nonce: None,
            });
        }
        self.round = Round::Write {
            section: kept.section,
            notes,
        };
        self.revision += 1;
    }

    /// Whether a write round holds notes not yet on the canvas.
    pub fn has_unrevealed(&self) -> bool {
        matches!(&self.round, Round::Write { notes, .. } if !notes.is_empty())
    }

    /// Ends the write round: its section and its notes' texts in the order
    /// written. `None` outside a write round.
    pub fn reveal(&mut self) -> Option<(Section, Vec<String>)> {
        let Round::Write { section, notes } = std::mem::take(&mut self.round) else {
            return None;
        };
        self.revision += 1;
        Some((section, notes.into_iter().map(|n| n.text).collect()))
    }

    /// Starts a vote round on `items` (the scope's items as they are now).
    pub fn start_vote(&mut self, rules: VoteRules, items: Vec<ItemId>) {
        self.round = Round::Vote {
            rules: VoteRules {
                dots: rules.dots.clamp(1, MAX_DOTS),
                ..rules
            },
            items,
            dots: Vec::new(),
        };
        self.revision += 1;
    }

    /// Ends the vote round: each item of the vote with its dots, in the
    /// vote's order. `None` outside a vote round.
    pub fn close_vote(&mut self) -> Option<(VoteRules, Vec<(ItemId, u32)>)> {
        let Round::Vote { rules, items, dots } = std::mem::take(&mut self.round) else {
            return None;
        };
        self.revision += 1;
        let tally = items
            .iter()
            .map(|id| (*id, dots.iter().filter(|(_, i)| i == id).count() as u32))
            .collect();
        Some((rules, tally))
    }

    /// The dots each item of the running vote has so far.
    pub fn tally(&self) -> HashMap<ItemId, u32> {
        let mut out = HashMap::new();
        if let Round::Vote { dots, .. } = &self.round {
            for (_, item) in dots {
                *out.entry(*item).or_insert(0) += 1;
            }
        }
        out
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts {
            people: self.people.len(),
            ..Counts::default()
        };
        let distinct = |people: &mut Vec<usize>| {
            people.sort_unstable();
            people.dedup();
            people.len()
        };
        match &self.round {
            Round::Idle => {}
            Round::Write { notes, .. } => {
                c.notes = notes.len();
                c.writers = distinct(&mut notes.iter().map(|n| n.person).collect());
            }
            Round::Vote { dots, .. } => {
                c.dots = dots.len();
                c.voters = distinct(&mut dots.iter().map(|d| d.0).collect());
            }
        }
        c
    }
}

/// "1 note", "17 notes": a count with its noun.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A note's text as it is kept: through the one sanitiser (no control
/// character, no bidi override), trimmed, and within the limit.
fn note_text(text: &str) -> Result<String, Refusal> {
    let clean = crate::text::clean(text);
    let trimmed = clean.trim();
    if trimmed.is_empty() {
        return Err(Refusal::Empty);
    }
    if trimmed.chars().count() > MAX_NOTE_CHARS {
        return Err(Refusal::TooLong);
    }
    Ok(trimmed.to_owned())
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;

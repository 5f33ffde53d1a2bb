//! The room in the editor (SPEC §11): `R` opens it, its panel starts and
//! ends rounds, and what pages ask arrives as [`RuntimeEvent::Room`]. The
//! room's state is [`crate::room::Room`], plain data changed only here.

use std::net::{IpAddr, Ipv4Addr};

use crate::canvas::{ItemId, Section};
use crate::room::state::count;
use crate::room::{KeptNotes, Refusal, Request, Room, RoomView, Round, VoteRules, VoteScope};

use super::{Action, App, Effect, Mode, key_mark};

/// How the room opens: `config.ron` `room: (port, bind, enabled, live_tally)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoomSettings {
    pub port: u16,
    /// The interface to listen on; unspecified: every one.
    pub bind: IpAddr,
    /// `false` removes the room altogether.
    pub enabled: bool,
    /// Show the dots as they come (the default is a blind vote).
    pub live_tally: bool,
    /// Open the room as the editor starts (`vpcanvas room FILE`).
    pub at_start: bool,
}

impl Default for RoomSettings {
    fn default() -> Self {
        Self {
            port: 7878,
            bind: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            enabled: true,
            live_tally: false,
            at_start: false,
        }
    }
}

/// What the last round ended with, shown in the panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoomOutcome {
    /// Notes put on the canvas, and pairs that say the same thing.
    Revealed {
        section: Section,
        count: usize,
        duplicates: Vec<(String, String)>,
    },
    /// A vote closed: each item's dots in this vote, most first.
    Voted {
        scope: VoteScope,
        tally: Vec<(ItemId, u32)>,
    },
}

/// The open room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomDesk {
    pub room: Room,
    /// The join address, once the server listens.
    pub url: Option<String>,
    pub outcome: Option<RoomOutcome>,
}

/// A vote being set up: the dots each, one per item or not, and on what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoteSetup {
    pub dots: u32,
    pub one_per_item: bool,
    pub profile: bool,
}

/// The room's panel, and a vote being set up in it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoomPanel {
    pub setup: Option<VoteSetup>,
}

impl App {
    /// `R`: opens the room, or shows its panel when it is open.
    pub(super) fn open_room(&mut self) -> Vec<Effect> {
        if !self.room_settings.enabled {
            self.warn("The room is turned off in config.ron (room: (enabled: false))");
            return Vec::new();
        }
        self.mode = Mode::Room(RoomPanel::default());
        if self.room.is_some() {
            return Vec::new();
        }
        let mut room = Room::default();
        if let Some(kept) = self.kept_notes.take() {
            room.resume_write(&kept);
        }
        self.room = Some(RoomDesk {
            room,
            url: None,
            outcome: None,
        });
        vec![Effect::OpenRoom {
            bind: self.room_settings.bind,
            port: self.room_settings.port,
        }]
    }

    /// The server's word on opening.
    pub(super) fn room_opened(&mut self, result: Result<String, String>) {
        match result {
            Ok(url) => {
                let resumed = self.room.as_ref().map_or(0, |d| d.room.counts().notes);
                if resumed > 0 {
                    self.info(format!(
                        "The room is open; {} from the last room are back, unrevealed",
                        count(resumed, "note", "notes")
                    ));
                } else {
                    self.info(format!("The room is open at {url}"));
                }
                if let Some(desk) = &mut self.room {
                    desk.url = Some(url);
                }
            }
            Err(why) => {
                // Notes taken back stay kept for the next try.
                if let Some(desk) = self.room.take() {
                    self.kept_notes = KeptNotes::of(&desk.room);
                }
                if matches!(self.mode, Mode::Room(_)) {
                    self.mode = Mode::Normal;
                }
                self.error(format!("The room could not open: {why}"));
            }
        }
    }

    /// A page's request, applied; the answer goes back as an effect, after
    /// the notes it changed are kept on disk.
    pub(super) fn room_request(&mut self, ticket: u64, request: &Request) -> Vec<Effect> {
        let Some(desk) = &mut self.room else {
            return vec![Effect::RoomAnswer {
                ticket,
                result: Err(Refusal::Busy),
            }];
        };
        let result = desk.room.apply(request);
        let mut effects = Vec::new();
        let writes = matches!(
            request.ask,
            crate::room::Ask::Write { .. }
                | crate::room::Ask::Edit { .. }
                | crate::room::Ask::Delete { .. }
        );
        if result.is_ok() && writes {
            effects.push(Effect::KeepRoomNotes(KeptNotes::of(&desk.room)));
        }
        effects.push(Effect::RoomAnswer { ticket, result });
        effects
    }

    /// The panel's keys.
    pub(super) fn room_panel(&mut self, action: Action) -> Vec<Effect> {
        if let Mode::Room(RoomPanel { setup: Some(setup) }) = &mut self.mode {
            let setup = *setup;
            return self.vote_setup(setup, action);
        }
        match action {
            Action::Write => self.start_write(),
            Action::Reveal => self.reveal(),
            Action::Vote => self.setup_vote(),
            Action::CloseVote => self.close_vote(),
            Action::RankByVotes => self.rank_by_votes(),
            Action::Close => self.close_room(),
            Action::Cancel | Action::Room | Action::Quit => {
                self.mode = Mode::Normal;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn desk(&mut self) -> Option<&mut RoomDesk> {
        self.room.as_mut()
    }

    /// A round may start only when the last one left nothing behind.
    fn round_in_the_way(&mut self) -> bool {
        let Some(desk) = &self.room else {
            return true;
        };
        match &desk.room.round {
            Round::Write { notes, .. } if !notes.is_empty() => {
                self.warn(format!(
                    "{} not on the canvas yet: {} reveals first",
                    count(notes.len(), "note is", "notes are"),
                    key_mark(&Action::Reveal)
                ));
                true
            }
            Round::Vote { .. } => {
                self.warn(format!(
                    "A vote is open: {} closes it first",
                    key_mark(&Action::CloseVote)
                ));
                true
            }
            _ => false,
        }
    }

    fn start_write(&mut self) -> Vec<Effect> {
        if !self.writable() || self.round_in_the_way() {
            return Vec::new();
        }
        let section = self.focus;
        if let Some(desk) = self.desk() {
            desk.room.start_write(section);
            desk.outcome = None;
        }
        self.info(format!(
            "Writing on {}: the phones ask “{}”",
            section.title().to_lowercase(),
            section.question()
        ));
        Vec::new()
    }

    fn reveal(&mut self) -> Vec<Effect> {
        if !self.writable() {
            return Vec::new();
        }
        let Some((section, texts)) = self.room.as_mut().and_then(|d| d.room.reveal()) else {
            self.warn("No write round to reveal");
            return Vec::new();
        };
        let mut effects = vec![Effect::KeepRoomNotes(None)];
        if texts.is_empty() {
            self.info("The round ended with no notes");
            return effects;
        }
        let before = self.snapshot();
        let first = self.canvas.items(section).len();
        let ids: Vec<ItemId> = texts
            .iter()
            .map(|t| self.canvas.push(section, t.clone()))
            .collect();
        self.focus = section;
        self.selected[section.index()] = first;
        effects.extend(self.changed(before));
        let duplicates = self.duplicates_among(section, &ids);
        let count = ids.len();
        if let Some(desk) = self.desk() {
            desk.outcome = Some(RoomOutcome::Revealed {
                section,
                count,
                duplicates,
            });
        }
        self.info(format!(
            "{} now in {} (one undo takes them back)",
            crate::room::state::count(count, "note is", "notes are"),
            section.title().to_lowercase()
        ));
        effects
    }

    /// Pairs (the first, the later) the coach's `duplicate` rule sees
    /// among the section's items, where the later one was just revealed.
    fn duplicates_among(&self, section: Section, new: &[ItemId]) -> Vec<(String, String)> {
        let items = self.canvas.items(section);
        let mut pairs = Vec::new();
        for item in items.iter().filter(|i| new.contains(&i.id)) {
            let same = crate::coach::same_words(&item.text);
            if same.is_empty() {
                continue;
            }
            if let Some(first) = items
                .iter()
                .take_while(|i| i.id != item.id)
                .find(|i| crate::coach::same_words(&i.text) == same)
            {
                pairs.push((first.text.clone(), item.text.clone()));
            }
        }
        pairs
    }

    fn setup_vote(&mut self) -> Vec<Effect> {
        if self.round_in_the_way() {
            return Vec::new();
        }
        self.mode = Mode::Room(RoomPanel {
            setup: Some(VoteSetup {
                dots: 3,
                one_per_item: false,
                profile: false,
            }),
        });
        Vec::new()
    }

    fn vote_setup(&mut self, mut setup: VoteSetup, action: Action) -> Vec<Effect> {
        let max = crate::room::state::MAX_DOTS;
        match action {
            Action::Up => setup.dots = (setup.dots + 1).min(max),
            Action::Down => setup.dots = setup.dots.saturating_sub(1).max(1),
            Action::Toggle => setup.one_per_item = !setup.one_per_item,
            Action::NextSection => setup.profile = !setup.profile,
            Action::Confirm => return self.start_vote(setup),
            Action::Cancel => {
                self.mode = Mode::Room(RoomPanel::default());
                return Vec::new();
            }
            _ => return Vec::new(),
        }
        self.mode = Mode::Room(RoomPanel { setup: Some(setup) });
        Vec::new()
    }

    fn start_vote(&mut self, setup: VoteSetup) -> Vec<Effect> {
        let scope = if setup.profile {
            VoteScope::Profile
        } else {
            VoteScope::Section(self.focus)
        };
        let items: Vec<ItemId> = scope
            .sections()
            .into_iter()
            .flat_map(|s| self.canvas.items(s).iter().map(|i| i.id))
            .collect();
        self.mode = Mode::Room(RoomPanel::default());
        if items.is_empty() {
            self.warn(format!("Nothing to vote on in {}", scope.name()));
            return Vec::new();
        }
        let rules = VoteRules {
            scope,
            dots: setup.dots,
            one_per_item: setup.one_per_item,
        };
        if let Some(desk) = self.desk() {
            desk.room.start_vote(rules, items);
            desk.outcome = None;
        }
        self.info(format!(
            "Voting on {}: {} dots each{}",
            scope.name(),
            setup.dots,
            if setup.one_per_item {
                ", one per item"
            } else {
                ""
            }
        ));
        Vec::new()
    }

    /// Closes the vote: each item's dots are added to its `votes`, in one
    /// undoable change (a read-only canvas only shows the result).
    fn close_vote(&mut self) -> Vec<Effect> {
        let Some(desk) = self.room.as_mut() else {
            return Vec::new();
        };
        let Some((rules, mut tally)) = desk.room.close_vote() else {
            self.warn("No vote to close");
            return Vec::new();
        };
        tally.sort_by_key(|t| std::cmp::Reverse(t.1));
        let placed: u32 = tally.iter().map(|t| t.1).sum();
        desk.outcome = Some(RoomOutcome::Voted {
            scope: rules.scope,
            tally: tally.clone(),
        });
        let mut effects = Vec::new();
        if placed > 0 && self.doc.read_only.is_none() {
            let before = self.snapshot();
            for (id, dots) in tally.iter().filter(|t| t.1 > 0) {
                let now = self.canvas.item(*id).map_or(0, |i| i.votes);
                self.canvas.set_votes(*id, now.saturating_add(*dots));
            }
            effects = self.changed(before);
        }
        self.info(format!(
            "The vote is closed: {} added to the votes; {} ranks the section by votes",
            count(placed as usize, "dot", "dots"),
            key_mark(&Action::RankByVotes)
        ));
        effects
    }

    /// The votes an item has.
    pub fn votes_of(&self, id: ItemId) -> u32 {
        self.canvas.item(id).map_or(0, |i| i.votes)
    }

    fn rank_by_votes(&mut self) -> Vec<Effect> {
        if !self.writable() {
            return Vec::new();
        }
        let section = match self.room.as_ref().and_then(|d| d.outcome.as_ref()) {
            Some(RoomOutcome::Voted {
                scope: VoteScope::Section(s),
                ..
            }) => *s,
            _ => self.focus,
        };
        let mut order: Vec<(ItemId, u32)> = self
            .canvas
            .items(section)
            .iter()
            .map(|i| (i.id, self.votes_of(i.id)))
            .collect();
        // Stable: items with as many votes keep their order.
        order.sort_by_key(|o| std::cmp::Reverse(o.1));
        let now: Vec<ItemId> = self.canvas.items(section).iter().map(|i| i.id).collect();
        if order.iter().map(|o| o.0).eq(now.iter().copied()) {
            self.info(format!(
                "{} is already in the order of its votes",
                section.title()
            ));
            return Vec::new();
        }
        let before = self.snapshot();
        for (target, (id, _)) in order.iter().enumerate() {
            if let Some(at) = self.canvas.index_in(section, *id) {
                let delta = target.cast_signed() - at.cast_signed();
                self.canvas.move_by(*id, delta);
            }
        }
        self.focus = section;
        self.selected[section.index()] = 0;
        let effects = self.changed(before);
        self.info(format!(
            "{} ranked by votes (undo puts it back)",
            section.title()
        ));
        effects
    }

    fn close_room(&mut self) -> Vec<Effect> {
        self.mode = Mode::Normal;
        let Some(desk) = self.room.take() else {
            return Vec::new();
        };
        let left = desk.room.counts().notes;
        if desk.room.has_unrevealed() {
            // Kept on disk already; offered when the room opens again.
            self.kept_notes = KeptNotes::of(&desk.room);
            self.info(format!(
                "The room is closed; {} kept for the next time it opens",
                count(left, "unrevealed note is", "unrevealed notes are")
            ));
        } else {
            self.info("The room is closed");
        }
        vec![Effect::CloseRoom]
    }

    /// Notes an earlier room left unrevealed: said now, taken back when
    /// the room opens (and revealed from there).
    pub(super) fn room_notes_found(&mut self, kept: KeptNotes) {
        let n = kept.notes.len();
        // A recovery question speaks first; the notes wait for `R` either way.
        if !matches!(self.mode, Mode::Recover(_)) {
            self.warn(format!(
                "{} from the last room not revealed yet: {} opens the room with them",
                count(n, "note", "notes"),
                key_mark(&Action::Room)
            ));
        }
        self.kept_notes = Some(kept);
    }

    /// The editor closed and the server with it: unrevealed notes stay kept.
    pub(super) fn room_gone(&mut self) {
        if let Some(desk) = self.room.take() {
            self.kept_notes = KeptNotes::of(&desk.room);
        }
        if matches!(self.mode, Mode::Room(_)) {
            self.mode = Mode::Normal;
        }
    }

    /// What the room's pages show now: `None` when no room is open.
    pub fn room_view(&self, version: u64) -> Option<RoomView> {
        let desk = self.room.as_ref()?;
        Some(RoomView::of(
            &desk.room,
            &self.canvas,
            self.room_settings.live_tally,
            version,
        ))
    }

    /// Moves whenever what the pages show could have changed.
    pub fn room_stamp(&self) -> Option<(u64, u64)> {
        self.room.as_ref().map(|d| (d.room.revision, self.edits))
    }
}

#[cfg(test)]
#[path = "room_tests.rs"]
mod tests;

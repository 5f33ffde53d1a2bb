//! What the web server answers from: a snapshot of the room and the canvas,
//! made by the event loop after a change and handed to the server whole
//! (never the editor's state itself, never a lock held while it draws).

use std::collections::HashMap;

use crate::canvas::{Canvas, ItemId, Section};

use super::state::{Room, Round, VoteRules};

/// One item as a page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemView {
    pub id: ItemId,
    pub text: String,
    pub level: &'static str,
    /// The dots the room has given it (its `votes`).
    pub votes: u32,
}

/// One section of the canvas, for the read-only mirror.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionView {
    pub title: &'static str,
    pub items: Vec<ItemView>,
}

/// The round as every page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoundView {
    Idle,
    Write {
        section: Section,
    },
    Vote {
        rules: VoteRules,
        /// The items of the vote, in the canvas's order.
        items: Vec<ItemView>,
    },
}

/// What one person sees of their own: their notes, their dots.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonView {
    pub notes: Vec<(u32, String)>,
    pub dots: HashMap<ItemId, u32>,
    pub dots_placed: u32,
}

/// The whole snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomView {
    /// Moves on with every snapshot: pages compare it to know when to refresh.
    pub version: u64,
    pub title: String,
    pub segment: String,
    pub round: RoundView,
    /// The canvas in workshop order (jobs, pains, gains, products, …).
    pub sections: Vec<SectionView>,
    pub people: HashMap<String, PersonView>,
    /// The dots so far per item, only when `live_tally` is on.
    pub tally: Option<HashMap<ItemId, u32>>,
    /// No one else may come in.
    pub full: bool,
}

fn item_view(section: Section, item: &crate::canvas::Item) -> ItemView {
    ItemView {
        id: item.id,
        text: crate::text::clean(&item.text),
        votes: item.votes,
        level: if section.has_level() {
            section.level_name(item.level)
        } else {
            ""
        },
    }
}

impl RoomView {
    /// The snapshot of `room` on `canvas`; `version` numbers it.
    pub fn of(room: &Room, canvas: &Canvas, live_tally: bool, version: u64) -> RoomView {
        let sections = Section::WORKSHOP_ORDER
            .into_iter()
            .map(|s| SectionView {
                title: s.title(),
                items: canvas.items(s).iter().map(|i| item_view(s, i)).collect(),
            })
            .collect();
        let mut people: HashMap<String, PersonView> = room
            .people
            .iter()
            .map(|p| (p.token.clone(), PersonView::default()))
            .collect();
        let round = match &room.round {
            Round::Idle => RoundView::Idle,
            Round::Write { section, notes } => {
                for n in notes {
                    let token = room.people[n.person].token.clone();
                    people
                        .entry(token)
                        .or_default()
                        .notes
                        .push((n.id, n.text.clone()));
                }
                RoundView::Write { section: *section }
            }
            Round::Vote { rules, items, dots } => {
                for (person, item) in dots {
                    let token = room.people[*person].token.clone();
                    let me = people.entry(token).or_default();
                    *me.dots.entry(*item).or_insert(0) += 1;
                    me.dots_placed += 1;
                }
                let items = rules
                    .scope
                    .sections()
                    .into_iter()
                    .flat_map(|s| {
                        canvas
                            .items(s)
                            .iter()
                            .filter(|i| items.contains(&i.id))
                            .map(move |i| item_view(s, i))
                    })
                    .collect();
                RoundView::Vote {
                    rules: *rules,
                    items,
                }
            }
        };
        RoomView {
            version,
            title: crate::text::clean(&canvas.title),
            segment: crate::text::clean(&canvas.segment),
            round,
            sections,
            people,
            tally: (live_tally && matches!(room.round, Round::Vote { .. })).then(|| room.tally()),
            full: room.people.len() >= super::state::MAX_PEOPLE,
        }
    }

    /// Whether `token` belongs to someone in the room.
    pub fn knows(&self, token: &str) -> bool {
        self.people.contains_key(token)
    }
}

//! The fit kept up to date edit by edit: coverage on paper and with
//! evidence, and which items are flagged, the figures the editor draws on
//! every frame. [`Tally::refresh`] compares the canvas with the one it saw
//! last and reads again only the run of items an edit changed (sections an
//! edit did not touch are shared, and unchanged items are shared within a
//! section), so an edit costs the same on a canvas of any size. The ordered
//! lists (what to test next, the flagged items by level) are the full
//! [`analyze`](super::analyze), computed when a view asks for them.
//!
//! A property test checks every figure here against [`analyze`](super::analyze).

use std::collections::{HashMap, HashSet};

// Item ids hashed with foldhash, seeded per process like std's SipHash (so a
// file cannot be written to collide) but several times faster on small keys:
// hashing was a tenth of drawing a small canvas.
use foldhash::fast::RandomState;

use crate::canvas::{Canvas, Item, ItemId, Section, Status};

use super::Coverage;

/// The customer sections, in the slot order of [`Tally`]'s arrays.
const CUSTOMER: [Section; 3] = [Section::Jobs, Section::Pains, Section::Gains];

fn slot(section: Section) -> Option<usize> {
    CUSTOMER.iter().position(|s| *s == section)
}

/// The slot of a value-map section whose idle items are flagged.
fn idle_slot(section: Section) -> Option<usize> {
    match section {
        Section::Relievers => Some(0),
        Section::Creators => Some(1),
        _ => None,
    }
}

/// Coverage and flags of a canvas, kept in step with it.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// The canvas as last read (shared, not copied).
    seen: Canvas,
    /// Per customer section: for each id, the value-map items that link to it
    /// (from the section's counterpart).
    linkers: [HashMap<ItemId, Vec<ItemId>, RandomState>; 3],
    /// Per customer section: coverage on paper, and with evidence.
    coverage: [Coverage; 3],
    evidenced: [Coverage; 3],
    /// Per customer section: the items no value-map item addresses.
    open: [HashSet<ItemId, RandomState>; 3],
    /// Relievers, then creators, that address nothing real.
    idle: [HashSet<ItemId, RandomState>; 2],
}

impl Tally {
    /// The tally of `canvas`, read whole.
    pub fn of(canvas: &Canvas) -> Self {
        let mut tally = Tally::default();
        tally.refresh(canvas);
        tally
    }

    /// Catches up with `canvas`, reading only what changed since last time.
    pub fn refresh(&mut self, canvas: &Canvas) {
        let seen = std::mem::take(&mut self.seen);
        let mut runs: Vec<(Section, &[_], &[_])> = Vec::new();
        for section in Section::ALL {
            if !canvas.shares_section(&seen, section) {
                let (old, new) =
                    crate::canvas::changed_run(seen.items(section), canvas.items(section));
                if !old.is_empty() || !new.is_empty() {
                    runs.push((section, old, new));
                }
            }
        }
        if runs.is_empty() {
            self.seen = canvas.clone();
            return;
        }
        // What the change touches: the customer items changed or whose
        // linkers changed; the relievers and creators changed or linking to a
        // changed customer item.
        let mut customers: HashSet<(usize, ItemId), RandomState> = HashSet::default();
        let mut values: HashSet<ItemId, RandomState> = HashSet::default();
        for (section, old, new) in &runs {
            for item in old.iter().chain(*new) {
                if let Some(s) = slot(*section) {
                    customers.insert((s, item.id));
                    values.extend(self.linkers[s].get(&item.id).into_iter().flatten());
                } else if let Some(s) = section.link_target().and_then(slot) {
                    customers.extend(item.links.iter().map(|l| (s, *l)));
                    if *section != Section::Products {
                        values.insert(item.id);
                    }
                }
            }
        }
        for &(s, id) in &customers {
            self.count(&seen, s, id, false);
        }
        for &id in &values {
            for idle in &mut self.idle {
                idle.remove(&id);
            }
        }
        for (section, old, new) in &runs {
            let Some(s) = section.link_target().and_then(slot) else {
                continue;
            };
            for item in *old {
                for l in &item.links {
                    if let Some(list) = self.linkers[s].get_mut(l) {
                        if let Some(at) = list.iter().position(|v| *v == item.id) {
                            list.swap_remove(at);
                        }
                        if list.is_empty() {
                            self.linkers[s].remove(l);
                        }
                    }
                }
            }
            for item in *new {
                for l in &item.links {
                    self.linkers[s].entry(*l).or_default().push(item.id);
                }
            }
        }
        for &(s, id) in &customers {
            self.count(canvas, s, id, true);
        }
        for &id in &values {
            if let Some(p) = canvas.position_of(id)
                && let Some(v) = idle_slot(p.section)
                && !addresses_something(canvas, p.section, &canvas.items(p.section)[p.index])
            {
                self.idle[v].insert(id);
            }
        }
        self.seen = canvas.clone();
    }

    /// Adds (or takes away) what customer item `id` of slot `s` counts for,
    /// as `canvas` has it, with the linkers as they stand.
    fn count(&mut self, canvas: &Canvas, s: usize, id: ItemId, add: bool) {
        let section = CUSTOMER[s];
        let Some(item) = canvas
            .index_in(section, id)
            .map(|i| &canvas.items(section)[i])
        else {
            return;
        };
        if item.status == Status::Invalidated {
            return;
        }
        let weight = item.level.weight();
        let linkers = self.linkers[s].get(&id).map_or(&[][..], Vec::as_slice);
        let addressed = !linkers.is_empty();
        let evidenced = addressed
            && item.status == Status::Validated
            && linkers.iter().any(|v| {
                canvas
                    .item(*v)
                    .is_some_and(|v| v.status == Status::Validated)
            });
        let step = |c: &mut Coverage, addressed: bool| {
            if add {
                c.total += 1;
                c.total_weight += weight;
                if addressed {
                    c.addressed += 1;
                    c.addressed_weight += weight;
                }
            } else {
                c.total -= 1;
                c.total_weight -= weight;
                if addressed {
                    c.addressed -= 1;
                    c.addressed_weight -= weight;
                }
            }
        };
        step(&mut self.coverage[s], addressed);
        step(&mut self.evidenced[s], evidenced);
        if add && !addressed {
            self.open[s].insert(id);
        } else {
            self.open[s].remove(&id);
        }
    }

    /// Coverage of a customer section (empty for the value map).
    pub fn coverage(&self, section: Section) -> Coverage {
        slot(section).map_or_else(Coverage::default, |s| self.coverage[s])
    }

    /// Coverage counting only validated items addressed by validated ones.
    pub fn evidenced(&self, section: Section) -> Coverage {
        slot(section).map_or_else(Coverage::default, |s| self.evidenced[s])
    }

    /// How many items of a section are flagged: pains without a reliever,
    /// gains without a creator, jobs no product helps, relievers and
    /// creators that address nothing.
    pub fn flagged_count(&self, section: Section) -> usize {
        match (slot(section), idle_slot(section)) {
            (Some(s), _) => self.open[s].len(),
            (_, Some(v)) => self.idle[v].len(),
            _ => 0,
        }
    }

    /// Whether a pain or gain is one no value-map item addresses.
    pub fn is_flagged(&self, id: ItemId) -> bool {
        self.open[1].contains(&id) || self.open[2].contains(&id)
    }

    /// Whether a reliever or creator addresses nothing, or a job is helped
    /// by nothing (the `?` marks).
    pub fn is_unlinked(&self, id: ItemId) -> bool {
        self.idle.iter().any(|idle| idle.contains(&id)) || self.open[0].contains(&id)
    }

    /// Whether any pain lacks a reliever or any gain lacks a creator.
    pub fn has_gaps(&self) -> bool {
        !self.open[1].is_empty() || !self.open[2].is_empty()
    }
}

fn addresses_something(canvas: &Canvas, section: Section, item: &Item) -> bool {
    let target = section.counterpart();
    item.links.iter().any(|l| {
        canvas
            .index_in(target, *l)
            .is_some_and(|i| canvas.items(target)[i].status != Status::Invalidated)
    })
}

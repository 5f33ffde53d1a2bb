//! The six sections, their halves, their level names and the link rules.

use serde::{Deserialize, Serialize};

/// The six sections. The order is the `1`…`6` jump order: the value map
/// (products, gain creators, pain relievers) then the customer profile
/// (gains, pains, customer jobs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Section {
    Products,
    Creators,
    Relievers,
    Gains,
    Pains,
    Jobs,
}

/// The two halves of the canvas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Half {
    /// The square: what the offer is and does.
    ValueMap,
    /// The circle: who the customer is and what they need.
    CustomerProfile,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::Products,
        Section::Creators,
        Section::Relievers,
        Section::Gains,
        Section::Pains,
        Section::Jobs,
    ];

    /// The order a workshop walks through the canvas: understand the customer
    /// first, then design the offer.
    pub const WORKSHOP_ORDER: [Section; 6] = [
        Section::Jobs,
        Section::Pains,
        Section::Gains,
        Section::Products,
        Section::Relievers,
        Section::Creators,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    #[must_use]
    pub fn from_index(i: usize) -> Option<Section> {
        Self::ALL.get(i).copied()
    }

    /// The one-line question a workshop asks of the section, in our own
    /// words (the projector's walkthrough and the room's page ask it).
    pub fn question(self) -> &'static str {
        match self {
            Section::Jobs => "What is the customer trying to get done?",
            Section::Pains => "What gets in their way, annoys or worries them?",
            Section::Gains => "What outcomes would they love to have?",
            Section::Products => "What do we offer to help with those jobs?",
            Section::Relievers => "How does our offer ease those pains?",
            Section::Creators => "How does our offer bring about those gains?",
        }
    }

    /// The section's name as shown to people.
    pub fn title(self) -> &'static str {
        match self {
            Section::Products => "Products & services",
            Section::Creators => "Gain creators",
            Section::Relievers => "Pain relievers",
            Section::Gains => "Gains",
            Section::Pains => "Pains",
            Section::Jobs => "Customer jobs",
        }
    }

    /// The singular noun for one item of this section.
    pub fn noun(self) -> &'static str {
        match self {
            Section::Products => "product or service",
            Section::Creators => "gain creator",
            Section::Relievers => "pain reliever",
            Section::Gains => "gain",
            Section::Pains => "pain",
            Section::Jobs => "job",
        }
    }

    pub fn half(self) -> Half {
        match self {
            Section::Products | Section::Creators | Section::Relievers => Half::ValueMap,
            Section::Gains | Section::Pains | Section::Jobs => Half::CustomerProfile,
        }
    }

    /// The customer section a value-map section links to.
    pub fn link_target(self) -> Option<Section> {
        match self {
            Section::Products => Some(Section::Jobs),
            Section::Relievers => Some(Section::Pains),
            Section::Creators => Some(Section::Gains),
            _ => None,
        }
    }

    /// The section on the other half that this one links with.
    #[must_use]
    pub fn counterpart(self) -> Section {
        match self {
            Section::Products => Section::Jobs,
            Section::Relievers => Section::Pains,
            Section::Creators => Section::Gains,
            Section::Jobs => Section::Products,
            Section::Pains => Section::Relievers,
            Section::Gains => Section::Creators,
        }
    }

    /// Whether items of this section carry a level (customer profile only).
    pub fn has_level(self) -> bool {
        self.half() == Half::CustomerProfile
    }

    /// The name of a level in this section's own words.
    pub fn level_name(self, level: Level) -> &'static str {
        match (self, level) {
            (Section::Pains, Level::High) => "Extreme",
            (Section::Pains, Level::Medium) => "Moderate",
            (Section::Pains, Level::Low) => "Mild",
            (Section::Gains, Level::High) => "Essential",
            (Section::Gains, Level::Medium) => "Desired",
            (Section::Gains, Level::Low) => "Nice to have",
            (_, Level::High) => "High",
            (_, Level::Medium) => "Medium",
            (_, Level::Low) => "Low",
        }
    }

    /// The next section in `1`…`6` order, wrapping.
    #[must_use]
    pub fn next(self) -> Section {
        Self::ALL[(self.index() + 1) % 6]
    }

    /// The previous section in `1`…`6` order, wrapping.
    #[must_use]
    pub fn prev(self) -> Section {
        Self::ALL[(self.index() + 5) % 6]
    }
}

/// A coarse rank with three levels, highest first. Each section names them in
/// its own words (see [`Section::level_name`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
pub enum Level {
    High,
    #[default]
    Medium,
    Low,
}

impl Level {
    /// The weight used for coverage: 3, 2, 1.
    pub fn weight(self) -> u32 {
        match self {
            Level::High => 3,
            Level::Medium => 2,
            Level::Low => 1,
        }
    }

    pub fn raised(self) -> Option<Level> {
        match self {
            Level::High => None,
            Level::Medium => Some(Level::High),
            Level::Low => Some(Level::Medium),
        }
    }

    pub fn lowered(self) -> Option<Level> {
        match self {
            Level::High => Some(Level::Medium),
            Level::Medium => Some(Level::Low),
            Level::Low => None,
        }
    }
}

/// What kind of job the customer is trying to get done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum JobKind {
    #[default]
    Functional,
    Social,
    Emotional,
    Supporting,
}

impl JobKind {
    #[must_use]
    pub fn next(self) -> JobKind {
        match self {
            JobKind::Functional => JobKind::Social,
            JobKind::Social => JobKind::Emotional,
            JobKind::Emotional => JobKind::Supporting,
            JobKind::Supporting => JobKind::Functional,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            JobKind::Functional => "Functional",
            JobKind::Social => "Social",
            JobKind::Emotional => "Emotional",
            JobKind::Supporting => "Supporting",
        }
    }
}

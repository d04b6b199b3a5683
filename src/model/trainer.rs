//! Master Trainers: what they know, where they come from, when they are free.

use std::collections::BTreeMap;

use super::calendar::DateRange;
use super::ids::{Area, CountryCode, Language, TrainerId};

/// The level at which a trainer holds an expertise area.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Master Trainer.
    Mt,
    /// WCO Accredited Expert: the senior level some requests need as lead trainer.
    Ace,
}

/// A Master Trainer who can be assigned to requests.
#[derive(Clone, Debug, PartialEq)]
pub struct Trainer {
    /// Unique id.
    pub id: TrainerId,
    /// Full name, for people.
    pub name: String,
    /// The administration (country) the trainer serves in.
    pub country: CountryCode,
    /// Working languages (ISO 639-1).
    pub languages: Vec<Language>,
    /// Areas held, each at its level.
    pub expertise: BTreeMap<Area, Level>,
    /// Training days a year the administration releases; `None` means the policy default.
    pub max_days: Option<u32>,
    /// Periods (inclusive) when the trainer cannot train.
    pub unavailable: Vec<DateRange>,
    /// Whether the trainer may train outside their own country.
    pub travels: bool,
}

impl Trainer {
    /// The level at which the trainer holds `area`, if at all.
    pub fn level(&self, area: &Area) -> Option<Level> {
        self.expertise.get(area).copied()
    }

    /// Whether the trainer works in `language`.
    pub fn speaks(&self, language: &Language) -> bool {
        self.languages.contains(language)
    }

    /// Whether the trainer is free on every day of `range`.
    pub fn is_free(&self, range: &DateRange) -> bool {
        !self.unavailable.iter().any(|u| u.overlaps(range))
    }
}

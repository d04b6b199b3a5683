//! Serde structures of problem format v1, exactly as they appear in a JSON file.
//!
//! Sections holding many items are read item by item (see [`super::load`]) so that every
//! malformed item is reported, not just the first.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Top level of a problem file; the long lists stay raw JSON until each item is read.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProblemFile {
    /// Problem name.
    pub name: String,
    /// Planning period.
    pub horizon: RangeV1,
    /// Programme-wide rules.
    #[serde(default)]
    pub policy: PolicyV1,
    /// Country table; absent means the built-in table of participating Members.
    pub countries: Option<Vec<serde_json::Value>>,
    /// Listed travel fares.
    #[serde(default)]
    pub travel_costs: Vec<serde_json::Value>,
    /// Trainers.
    pub trainers: Vec<serde_json::Value>,
    /// Requests.
    pub requests: Vec<serde_json::Value>,
    /// Pins.
    #[serde(default)]
    pub pinned: Vec<serde_json::Value>,
}

/// An inclusive date range `{from, to}` or horizon `{start, end}`.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RangeV1 {
    /// First day.
    #[serde(alias = "from")]
    pub start: NaiveDate,
    /// Last day (inclusive).
    #[serde(alias = "to")]
    pub end: NaiveDate,
}

/// An unavailable period `{from, to}`.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PeriodV1 {
    /// First day.
    pub from: NaiveDate,
    /// Last day (inclusive).
    pub to: NaiveDate,
}

/// Policy section; every field has a default.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct PolicyV1 {
    /// Free days between two trainings of one trainer.
    pub min_gap_days: u32,
    /// Default yearly training-day budget.
    pub max_days: u32,
    /// Default start weekdays.
    pub start_weekdays: Vec<WeekdayV1>,
    /// Fare within a region.
    pub regional_fare: u64,
    /// Fare across regions.
    pub interregional_fare: u64,
}

impl Default for PolicyV1 {
    fn default() -> Self {
        Self {
            min_gap_days: 2,
            max_days: 40,
            start_weekdays: vec![WeekdayV1::Mon],
            regional_fare: 600,
            interregional_fare: 1500,
        }
    }
}

/// Weekday codes.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum WeekdayV1 {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

/// A row of the country table.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CountryV1 {
    /// ISO 3166 alpha-2 code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Region name.
    pub region: String,
    /// Daily subsistence allowance.
    pub per_diem: u64,
}

/// A listed travel fare.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TravelCostV1 {
    /// Country of departure.
    pub from: String,
    /// Country of arrival.
    pub to: String,
    /// Fare.
    pub cost: u64,
}

/// Expertise levels.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LevelV1 {
    /// Master Trainer.
    Mt,
    /// WCO Accredited Expert.
    Ace,
}

/// One held expertise area.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ExpertiseV1 {
    /// Area code.
    pub area: String,
    /// Level.
    pub level: LevelV1,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// A trainer.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TrainerV1 {
    /// Unique id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Country code.
    pub country: String,
    /// ISO 639-1 language codes.
    pub languages: Vec<String>,
    /// Areas held.
    pub expertise: Vec<ExpertiseV1>,
    /// Day budget; absent means the policy's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_days: Option<u32>,
    /// Unavailable periods.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unavailable: Vec<PeriodV1>,
    /// Whether the trainer may train abroad.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub travels: bool,
}

/// Request kinds.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum KindV1 {
    National,
    Regional,
    Refresher,
    Partner,
}

/// Number of trainers: an exact count or a range.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq)]
#[serde(
    untagged,
    expecting = "a whole number of trainers, or {\"min\": N, \"max\": M}"
)]
pub enum TrainerCountV1 {
    /// Exactly this many.
    Exact(u32),
    /// Between `min` and `max` (max defaults to min).
    Range {
        /// Fewest.
        min: u32,
        /// Most; defaults to `min`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u32>,
    },
}

fn one() -> u32 {
    1
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

/// A request.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RequestV1 {
    /// Unique id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: KindV1,
    /// Host country code.
    pub host: String,
    /// Organiser.
    pub organiser: String,
    /// Area code.
    pub area: String,
    /// Delivery language code.
    pub language: String,
    /// Duration in days.
    pub duration_days: i64,
    /// Earliest start.
    pub earliest_start: NaiveDate,
    /// Latest end.
    pub latest_end: NaiveDate,
    /// Allowed start weekdays (overrides the policy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_weekdays: Option<Vec<WeekdayV1>>,
    /// Fixed start date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_start: Option<NaiveDate>,
    /// Number of trainers.
    pub trainers: TrainerCountV1,
    /// Trainers needed at `ace` level.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub leads: u32,
    /// Weight in coverage.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub priority: u32,
    /// Eligible trainer regions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regions: Option<Vec<String>>,
    /// Most trainers from one country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_same_country: Option<u32>,
}

/// A pin.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PinV1 {
    /// Request id.
    pub request: String,
    /// Trainer id.
    pub trainer: String,
    /// Start date, if fixed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDate>,
}

/// A whole problem in writable form (used by the generator and converters); it also reads a
/// problem that passed validation.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ProblemOut {
    /// Problem name.
    pub name: String,
    /// Planning period.
    pub horizon: RangeV1,
    /// Policy.
    #[serde(default)]
    pub policy: PolicyV1,
    /// Country table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub countries: Option<Vec<CountryV1>>,
    /// Listed fares.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub travel_costs: Vec<TravelCostV1>,
    /// Trainers.
    pub trainers: Vec<TrainerV1>,
    /// Requests.
    pub requests: Vec<RequestV1>,
    /// Pins.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pinned: Vec<PinV1>,
}

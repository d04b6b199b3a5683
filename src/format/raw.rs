//! A problem file as read, item by item, before validation and conversion.

use super::problem_v1::*;

/// A problem file as read, before conversion: every item that parsed, with its index.
#[derive(Debug, Default)]
pub struct RawProblem {
    /// Problem name.
    pub name: String,
    /// Planning period, when it parsed.
    pub horizon: Option<RangeV1>,
    /// Policy (defaults filled in).
    pub policy: PolicyV1,
    /// Country table (the built-in one when the file has none).
    pub countries: Vec<(usize, CountryV1)>,
    /// Whether the file gave its own country table.
    pub countries_given: bool,
    /// Listed fares.
    pub travel_costs: Vec<(usize, TravelCostV1)>,
    /// Trainers that parsed.
    pub trainers: Vec<(usize, TrainerV1)>,
    /// Requests that parsed.
    pub requests: Vec<(usize, RequestV1)>,
    /// Pins that parsed.
    pub pins: Vec<(usize, PinV1)>,
    /// The `id` of every trainer that has one, parsed or not (for duplicate checks).
    pub trainer_ids: Vec<(usize, String)>,
    /// The `id` of every request that has one, parsed or not.
    pub request_ids: Vec<(usize, String)>,
}

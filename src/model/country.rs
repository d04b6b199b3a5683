//! Countries, regions, travel and subsistence costs.

use std::collections::BTreeMap;

use super::ids::{CountryCode, Region};

/// A country that hosts trainings or employs trainers.
#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    /// ISO 3166 alpha-2 code.
    pub code: CountryCode,
    /// Name, for people.
    pub name: String,
    /// Region, as the problem's country table names it.
    pub region: Region,
    /// Daily subsistence allowance paid to a trainer from abroad, in whole currency units.
    pub per_diem: u64,
}

/// Travel fares between countries, in whole currency units.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fares {
    /// Fare within one region, unless listed in `between`.
    pub regional: u64,
    /// Fare across regions, unless listed in `between`.
    pub interregional: u64,
    /// Listed fares, stored for both directions unless each was given on its own.
    pub between: BTreeMap<(CountryCode, CountryCode), u64>,
}

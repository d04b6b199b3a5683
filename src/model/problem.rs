//! A whole planning problem: horizon, policy, countries, trainers, requests and pins.

use std::collections::BTreeMap;

use chrono::{NaiveDate, Weekday};

use super::calendar::DateRange;
use super::country::{Country, Fares};
use super::ids::{CountryCode, Region, RequestId, TrainerId};
use super::request::Request;
use super::trainer::Trainer;

/// Programme-wide rules that apply unless a trainer or request says otherwise.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    /// Free days a trainer needs between two trainings (C8).
    pub min_gap_days: u32,
    /// Training days a year a trainer may give unless their own `max_days` says otherwise (C9).
    pub max_days: u32,
    /// Weekdays on which trainings may start unless a request says otherwise.
    pub start_weekdays: Vec<Weekday>,
}

/// A planner's decision that must hold in every schedule (C10).
#[derive(Clone, Debug, PartialEq)]
pub struct Pin {
    /// The request that must be scheduled.
    pub request: RequestId,
    /// The trainer who must be on it.
    pub trainer: TrainerId,
    /// The start it must have, if given.
    pub start: Option<NaiveDate>,
}

/// A validated planning problem. Build it through [`crate::format`], which checks references.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// Name of the problem, for people.
    pub name: String,
    /// The planning period: trainings start inside it.
    pub horizon: DateRange,
    /// Programme-wide rules.
    pub policy: Policy,
    /// Countries by code.
    pub countries: BTreeMap<CountryCode, Country>,
    /// Travel fares.
    pub fares: Fares,
    /// Trainers, in file order.
    pub trainers: Vec<Trainer>,
    /// Requests, in file order.
    pub requests: Vec<Request>,
    /// Pins, in file order.
    pub pins: Vec<Pin>,
}

impl Problem {
    /// The region of a country (empty region when the country is unknown, which validation rules out).
    pub fn region_of(&self, country: &CountryCode) -> Option<&Region> {
        self.countries.get(country).map(|c| &c.region)
    }

    /// A trainer's yearly day budget (C9).
    pub fn budget(&self, trainer: &Trainer) -> u32 {
        trainer.max_days.unwrap_or(self.policy.max_days)
    }

    /// Travel fare between two countries: listed fare, else regional or interregional; 0 at home.
    pub fn fare(&self, from: &CountryCode, to: &CountryCode) -> u64 {
        if from == to {
            return 0;
        }
        if let Some(cost) = self.fares.between.get(&(from.clone(), to.clone())) {
            return *cost;
        }
        if self.region_of(from) == self.region_of(to) {
            self.fares.regional
        } else {
            self.fares.interregional
        }
    }

    /// Cost of putting `trainer` on `request`: travel plus per diem × duration when abroad.
    pub fn assignment_cost(&self, trainer: &Trainer, request: &Request) -> u64 {
        if trainer.country == request.host {
            return 0;
        }
        let per_diem = self.countries.get(&request.host).map_or(0, |c| c.per_diem);
        self.fare(&trainer.country, &request.host) + per_diem * u64::from(request.duration_days)
    }

    /// A trainer by id.
    pub fn trainer(&self, id: &TrainerId) -> Option<&Trainer> {
        self.trainers.iter().find(|t| &t.id == id)
    }

    /// A request by id.
    pub fn request(&self, id: &RequestId) -> Option<&Request> {
        self.requests.iter().find(|r| &r.id == id)
    }
}

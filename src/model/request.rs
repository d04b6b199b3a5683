//! Training requests: national workshops, refresher courses, partner trainings, regional workshops.

use chrono::{NaiveDate, Weekday};

use super::calendar::{on_weekday, DateRange};
use super::ids::{Area, CountryCode, Language, Region, RequestId};

/// What kind of training is requested.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A national workshop held by a participating Member.
    National,
    /// A regional workshop with participants from several Members.
    Regional,
    /// A refresher course for Master Trainers.
    Refresher,
    /// A training for a partner (RoO Africa, EAC, SADC, ECOWAS, COMESA, EU, USAID, GIZ …).
    Partner,
}

impl Kind {
    /// The code used in files (`national`, `regional`, `refresher`, `partner`).
    pub fn code(self) -> &'static str {
        match self {
            Kind::National => "national",
            Kind::Regional => "regional",
            Kind::Refresher => "refresher",
            Kind::Partner => "partner",
        }
    }
}

/// A requested training, to be staffed with trainers on one start date or left unscheduled.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// Unique id.
    pub id: RequestId,
    /// Title, for people.
    pub title: String,
    /// Kind of training.
    pub kind: Kind,
    /// Host country, where the training takes place.
    pub host: CountryCode,
    /// Who asked for it (a Member administration or a partner).
    pub organiser: String,
    /// Expertise area every trainer must hold (C1).
    pub area: Area,
    /// Delivery language every trainer must work in (C2).
    pub language: Language,
    /// Length in days, at least 1.
    pub duration_days: u32,
    /// First day the training may start.
    pub earliest_start: NaiveDate,
    /// Last day the training may end.
    pub latest_end: NaiveDate,
    /// Allowed start weekdays; `None` means the policy's.
    pub start_weekdays: Option<Vec<Weekday>>,
    /// A fixed start date; overrides the weekday rule.
    pub fixed_start: Option<NaiveDate>,
    /// Fewest trainers when scheduled.
    pub trainers_min: u32,
    /// Most trainers when scheduled.
    pub trainers_max: u32,
    /// Trainers who must hold the area at `ace` level (C6).
    pub leads: u32,
    /// Weight of the request in coverage, at least 1.
    pub priority: u32,
    /// Regions trainers must come from (C3); `None` means any.
    pub regions: Option<Vec<Region>>,
    /// Most trainers from one country (C7); `None` means no limit.
    pub max_same_country: Option<u32>,
}

impl Request {
    /// Every allowed start date, in order, inside the window and `horizon`.
    ///
    /// `default_weekdays` is the policy's rule, used unless the request has its own.
    pub fn allowed_starts(&self, horizon: &DateRange, default_weekdays: &[Weekday]) -> Vec<NaiveDate> {
        let Some(last_start) = self.last_start() else {
            return Vec::new();
        };
        let fits = |d: NaiveDate| d >= self.earliest_start && d <= last_start && horizon.contains(d);
        if let Some(fixed) = self.fixed_start {
            return if fits(fixed) { vec![fixed] } else { Vec::new() };
        }
        let weekdays = self.start_weekdays.as_deref().unwrap_or(default_weekdays);
        let (first, last) = (self.earliest_start.max(horizon.from), last_start.min(horizon.to));
        first
            .iter_days()
            .take_while(|d| *d <= last)
            .filter(|d| fits(*d) && on_weekday(*d, weekdays))
            .collect()
    }

    /// The latest start that still ends by `latest_end`, if the window is long enough.
    pub fn last_start(&self) -> Option<NaiveDate> {
        let back = u64::from(self.duration_days.max(1)) - 1;
        let last = self.latest_end.checked_sub_days(chrono::Days::new(back))?;
        (last >= self.earliest_start).then_some(last)
    }

    /// Days occupied when started on `start`.
    pub fn occupied(&self, start: NaiveDate) -> DateRange {
        super::calendar::occupied(start, self.duration_days)
    }
}

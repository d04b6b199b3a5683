//! The edits a scenario can make, as read from `[[edit]]` tables (one struct per `action`).

use chrono::NaiveDate;
use serde::Deserialize;

use crate::format::problem_v1::{ExpertiseV1, KindV1, PinV1, RequestV1, TrainerV1, WeekdayV1};

/// Which requests a window edit applies to: all that match every given field.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestFilter {
    /// Region of the host country.
    pub region: Option<String>,
    /// Host country code.
    pub host: Option<String>,
    /// Expertise area.
    pub area: Option<String>,
    /// Kind of training.
    pub kind: Option<KindV1>,
    /// Organiser, exactly as written in the problem.
    pub organiser: Option<String>,
    /// Request ids.
    pub requests: Option<Vec<String>>,
}

/// Which trainers a budget edit applies to.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainerFilter {
    /// Region of the trainer's country.
    pub region: Option<String>,
    /// The trainer's country code.
    pub country: Option<String>,
}

/// Changes to one trainer; fields left out stay as they are.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainerChange {
    /// The trainer.
    pub trainer: String,
    /// New day budget.
    pub max_days: Option<u32>,
    /// New working languages (replacing the old).
    pub languages: Option<Vec<String>>,
    /// Languages to add.
    pub add_languages: Option<Vec<String>>,
    /// Languages to remove.
    pub remove_languages: Option<Vec<String>>,
    /// New expertise (replacing the old).
    pub expertise: Option<Vec<ExpertiseV1>>,
    /// Areas to add or to change the level of.
    pub add_expertise: Option<Vec<ExpertiseV1>>,
    /// Areas to remove.
    pub remove_areas: Option<Vec<String>>,
    /// Whether the trainer may train abroad.
    pub travels: Option<bool>,
}

/// One edit.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// `remove_trainer`: the trainers leave (their pins go with them).
    RemoveTrainers(Vec<String>),
    /// `add_trainer`: a new trainer, written like a trainer of the problem file.
    AddTrainer(Box<TrainerV1>),
    /// `change_trainer`: budget, languages, areas or travel of one trainer.
    ChangeTrainer(TrainerChange),
    /// `add_unavailable`: the trainer cannot train from `from` to `to`.
    AddUnavailable {
        /// The trainer.
        trainer: String,
        /// First day.
        from: NaiveDate,
        /// Last day (inclusive).
        to: NaiveDate,
    },
    /// `remove_unavailable`: the trainer's unavailable periods that overlap the range (all
    /// when no range is given) are lifted.
    RemoveUnavailable {
        /// The trainer.
        trainer: String,
        /// First day of the range.
        from: Option<NaiveDate>,
        /// Last day of the range.
        to: Option<NaiveDate>,
    },
    /// `scale_budgets`: every matching trainer's budget (their own or the policy's) times
    /// `factor`, rounded down.
    ScaleBudgets {
        /// Factor, above 0 and at most 10.
        factor: f64,
        /// Trainers concerned.
        filter: TrainerFilter,
    },
    /// `remove_request`: the requests are withdrawn (their pins go with them).
    RemoveRequests(Vec<String>),
    /// `add_request`: a new request, written like a request of the problem file.
    AddRequest(Box<RequestV1>),
    /// `move_windows`: matching requests' windows (and fixed starts) move by `days`.
    MoveWindows {
        /// Days later (negative: earlier).
        days: i64,
        /// Requests concerned.
        filter: RequestFilter,
    },
    /// `widen_windows`: matching requests may start `before` days earlier and end `after`
    /// days later (negative values narrow).
    WidenWindows {
        /// Days added before the window.
        before: i64,
        /// Days added after the window.
        after: i64,
        /// Requests concerned.
        filter: RequestFilter,
    },
    /// `set_policy`: programme-wide values; fields left out stay as they are.
    SetPolicy(PolicyChange),
    /// `add_pin`: a planner's decision, written like a pin of the problem file.
    AddPin(PinV1),
    /// `remove_pin`: the pins on the request (of one trainer, when given) are lifted.
    RemovePins {
        /// The request.
        request: String,
        /// The trainer, if only their pin goes.
        trainer: Option<String>,
    },
}

impl Edit {
    /// The `action` that names this edit in files.
    pub fn action(&self) -> &'static str {
        match self {
            Edit::RemoveTrainers(_) => "remove_trainer",
            Edit::AddTrainer(_) => "add_trainer",
            Edit::ChangeTrainer(_) => "change_trainer",
            Edit::AddUnavailable { .. } => "add_unavailable",
            Edit::RemoveUnavailable { .. } => "remove_unavailable",
            Edit::ScaleBudgets { .. } => "scale_budgets",
            Edit::RemoveRequests(_) => "remove_request",
            Edit::AddRequest(_) => "add_request",
            Edit::MoveWindows { .. } => "move_windows",
            Edit::WidenWindows { .. } => "widen_windows",
            Edit::SetPolicy(_) => "set_policy",
            Edit::AddPin(_) => "add_pin",
            Edit::RemovePins { .. } => "remove_pin",
        }
    }
}

/// Every action, as files spell them.
pub const ACTIONS: [&str; 13] = [
    "remove_trainer",
    "add_trainer",
    "change_trainer",
    "add_unavailable",
    "remove_unavailable",
    "scale_budgets",
    "remove_request",
    "add_request",
    "move_windows",
    "widen_windows",
    "set_policy",
    "add_pin",
    "remove_pin",
];

/// Policy values to change.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyChange {
    /// Free days between two trainings of one trainer.
    pub min_gap_days: Option<u32>,
    /// Default yearly budget.
    pub max_days: Option<u32>,
    /// Default start weekdays.
    pub start_weekdays: Option<Vec<WeekdayV1>>,
    /// Fare within a region.
    pub regional_fare: Option<u64>,
    /// Fare across regions.
    pub interregional_fare: Option<u64>,
}

/// `remove_trainer` / `remove_request` as written: one id or a list.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RemoveTrainersV {
    pub trainer: Option<String>,
    pub trainers: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RemoveRequestsV {
    pub request: Option<String>,
    pub requests: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct UnavailableV {
    pub trainer: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ScaleBudgetsV {
    pub factor: f64,
    pub region: Option<String>,
    pub country: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WindowsV {
    pub days: Option<i64>,
    pub before: Option<i64>,
    pub after: Option<i64>,
    pub region: Option<String>,
    pub host: Option<String>,
    pub area: Option<String>,
    pub kind: Option<KindV1>,
    pub organiser: Option<String>,
    pub requests: Option<Vec<String>>,
}

impl WindowsV {
    pub(super) fn filter(&self) -> RequestFilter {
        RequestFilter {
            region: self.region.clone(),
            host: self.host.clone(),
            area: self.area.clone(),
            kind: self.kind,
            organiser: self.organiser.clone(),
            requests: self.requests.clone(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RemovePinV {
    pub request: String,
    pub trainer: Option<String>,
}

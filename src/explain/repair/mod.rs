//! Kind 3: what would staff it. Each candidate change is applied to a copy of the problem and
//! verified by re-solving: the rest of the plan stays fixed except the requests that hold the
//! request's eligible trainers (its neighbourhood), which HiGHS re-plans together with the
//! request, told to staff it first. The merged schedule must pass the independent checker on
//! the changed problem and staff the request, or the repair is never shown.

use chrono::{NaiveDate, Weekday};

use super::words::{language_name, span};
use crate::model::calendar::weekday_code;
use crate::model::{Assignment, Language, Problem, Request, RequestId, Schedule, TrainerId};

/// One change to the problem that might let a request be staffed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Give the request this window.
    Window {
        /// New earliest start.
        earliest_start: NaiveDate,
        /// New latest end.
        latest_end: NaiveDate,
    },
    /// Let the request start on these weekdays.
    Weekdays(Vec<Weekday>),
    /// Raise a trainer's yearly budget to `to` days (from `from`).
    Budget {
        /// The trainer.
        trainer: TrainerId,
        /// Budget before.
        from: u32,
        /// Budget after.
        to: u32,
    },
    /// Deliver the request in another language.
    Language(Language),
    /// Accept trainers from every region.
    AnyRegion,
    /// Give up these requests (staffed in the current plan): remove them from the problem.
    GiveUp(Vec<RequestId>),
}

impl Change {
    /// Stable code, e.g. `repair_budget`.
    pub fn code(&self) -> &'static str {
        match self {
            Change::Window { .. } => "repair_window",
            Change::Weekdays(_) => "repair_weekdays",
            Change::Budget { .. } => "repair_budget",
            Change::Language(_) => "repair_language",
            Change::AnyRegion => "repair_region",
            Change::GiveUp(_) => "repair_give_up",
        }
    }

    /// The change in the planner's words.
    pub fn describe(&self, problem: &Problem, r: &Request) -> String {
        match self {
            Change::Window {
                earliest_start,
                latest_end,
            } => format!(
                "widen its window from {} … {} to {earliest_start} … {latest_end}",
                r.earliest_start, r.latest_end
            ),
            Change::Weekdays(days) => {
                let names: Vec<&str> = days.iter().map(|d| weekday_code(*d)).collect();
                format!("allow starts on {}", names.join("/"))
            }
            Change::Budget { trainer, from, to } => {
                format!(
                    "raise {trainer}'s budget by {} day(s), from {from} to {to}",
                    to - from
                )
            }
            Change::Language(l) => format!(
                "deliver it in {} instead of {}",
                language_name(l.as_str()),
                language_name(r.language.as_str())
            ),
            Change::AnyRegion => "accept trainers from every region".to_owned(),
            Change::GiveUp(qs) if qs.is_empty() => {
                "re-plan the requests around it (nothing given up)".to_owned()
            }
            Change::GiveUp(qs) => {
                let named: Vec<String> = qs
                    .iter()
                    .map(|q| format!("{q} (priority {})", problem.request(q).map_or(0, |x| x.priority)))
                    .collect();
                format!("give up {}", super::words::and_list(&named))
            }
        }
    }

    /// The problem with this change made to request `r` (index).
    pub fn apply(&self, problem: &Problem, r: usize) -> Problem {
        let mut p = problem.clone();
        let req = &mut p.requests[r];
        match self {
            Change::Window {
                earliest_start,
                latest_end,
            } => {
                req.earliest_start = *earliest_start;
                req.latest_end = *latest_end;
            }
            Change::Weekdays(days) => req.start_weekdays = Some(days.clone()),
            Change::Language(l) => req.language = l.clone(),
            Change::AnyRegion => req.regions = None,
            Change::Budget { trainer, to, .. } => {
                if let Some(t) = p.trainers.iter_mut().find(|t| &t.id == trainer) {
                    t.max_days = Some(*to);
                }
            }
            Change::GiveUp(qs) => {
                p.requests.retain(|x| !qs.contains(&x.id));
                p.pins.retain(|pin| !qs.contains(&pin.request));
            }
        }
        p
    }
}

/// A verified repair: the change, the schedule that proves it, and what it costs.
#[derive(Clone, Debug)]
pub struct Repair {
    /// The change.
    pub change: Change,
    /// The change in words.
    pub text: String,
    /// A schedule of the changed problem that staffs the request and passes the checker.
    pub schedule: Schedule,
    /// The request's assignment in that schedule.
    pub assignment: Assignment,
    /// Coverage of that schedule minus coverage of the current one.
    pub coverage_delta: i64,
    /// Cost of that schedule minus cost of the current one.
    pub cost_delta: i64,
    /// Assignments of other requests that differ from the current schedule.
    pub others_changed: usize,
}

mod candidates;
mod verify;

pub use candidates::candidates;
pub use verify::{give_up, gives_up_only_lower, verify};

/// "+5", "0", "−3".
pub fn signed(v: i64) -> String {
    if v > 0 {
        format!("+{v}")
    } else if v < 0 {
        format!("−{}", -v)
    } else {
        "0".to_owned()
    }
}

/// The repair in one line: change, coverage and cost change, where and with whom it staffs.
pub fn line(rep: &Repair) -> String {
    let a = &rep.assignment;
    let team: Vec<&str> = a.trainers.iter().map(|t| t.as_str()).collect();
    format!(
        "{}: staffs it from {} ({}) with {}; coverage {}, cost {}, {} other assignment(s) changed",
        rep.text,
        a.start,
        span(a.start, a.end),
        team.join(", "),
        signed(rep.coverage_delta),
        signed(rep.cost_delta),
        rep.others_changed
    )
}

//! The independent checker: verifies a schedule against every hard rule (C1–C10), the
//! scheduling semantics (allowed start, end, trainer count) and the claimed objective.
//!
//! It reads only the plain model and shares no code with the solver or the eligibility
//! filter, so a bug there cannot hide from it. Rule numbers match the formulation in the README.

mod backups;
mod objective;
mod rules;

use std::fmt;

use crate::model::{Problem, RequestId, Schedule, TrainerId};

pub use backups::check_backups;
pub use objective::recompute;

/// Which rule a violation breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// C1: the trainer does not hold the request's area.
    C1Area,
    /// C2: the trainer does not work in the request's language.
    C2Language,
    /// C3: the trainer's region is not among the request's regions.
    C3Region,
    /// C4: the trainer does not travel and the host is another country.
    C4Travel,
    /// C5: the trainer is unavailable on an occupied day.
    C5Unavailable,
    /// C6: too few `ace` holders for the request's leads.
    C6Leads,
    /// C7: too many trainers from one country.
    C7SameCountry,
    /// C8: too few free days between two trainings of one trainer.
    C8Gap,
    /// C9: the trainer's day budget is exceeded.
    C9Budget,
    /// C10: a pin does not hold.
    C10Pin,
    /// The start is not an allowed start of the request.
    Start,
    /// The end is not start + duration − 1.
    End,
    /// Fewer or more trainers than the request allows.
    Count,
    /// A request or trainer id that the problem does not have, or one listed twice.
    Reference,
    /// The claimed objective differs from the schedule's real objective.
    Objective,
}

impl Rule {
    /// Short code shown to users (`C1` … `C10`, `start`, `end`, `count`, `ref`, `objective`).
    pub fn code(self) -> &'static str {
        match self {
            Rule::C1Area => "C1",
            Rule::C2Language => "C2",
            Rule::C3Region => "C3",
            Rule::C4Travel => "C4",
            Rule::C5Unavailable => "C5",
            Rule::C6Leads => "C6",
            Rule::C7SameCountry => "C7",
            Rule::C8Gap => "C8",
            Rule::C9Budget => "C9",
            Rule::C10Pin => "C10",
            Rule::Start => "start",
            Rule::End => "end",
            Rule::Count => "count",
            Rule::Reference => "ref",
            Rule::Objective => "objective",
        }
    }
}

/// One broken rule.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Violation {
    /// The rule.
    pub rule: Rule,
    /// The request concerned, if one.
    pub request: Option<RequestId>,
    /// The trainer concerned, if one.
    pub trainer: Option<TrainerId>,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.rule.code())?;
        if let Some(r) = &self.request {
            write!(f, " request {r}")?;
        }
        if let Some(t) = &self.trainer {
            write!(f, " trainer {t}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Every violation in `schedule` (its named backups included), sorted by rule, request and
/// trainer.
pub fn check(problem: &Problem, schedule: &Schedule) -> Vec<Violation> {
    let mut out = rules::check_rules(problem, schedule);
    out.extend(objective::check_claim(problem, schedule));
    out.extend(backups::check_backups(problem, schedule));
    out.sort();
    out.dedup();
    out
}

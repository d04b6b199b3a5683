//! Replanning after the problem changed: the part of a published schedule that lies in the
//! past is fixed, nothing new may start in the past, and the solver's disruption tier (see
//! [`crate::solver::baseline`]) keeps the rest as close to the published schedule as it can.
//!
//! Freezing is a change of the problem, not of the solver: an assignment that ended before
//! the freeze date gets its request's start fixed, its team size set to the published team's
//! and a pin for each published trainer; one under way keeps its start; every other request
//! may start no earlier than the freeze date. The checker then verifies all of it.

use chrono::NaiveDate;

use crate::checker;
use crate::model::{Assignment, Pin, Problem, RequestId, Schedule, Status};
use crate::solver::baseline::{Baseline, Order};

/// The changed problem with the past fixed.
#[derive(Clone, Debug)]
pub struct Frozen {
    /// The problem to solve.
    pub problem: Problem,
    /// Requests whose published assignment ended before the freeze date (fixed exactly).
    pub fixed: Vec<RequestId>,
    /// Requests whose published assignment was under way on the freeze date (start fixed).
    pub under_way: Vec<RequestId>,
}

/// Fixes the past of `baseline` in `problem` (nothing, without `frozen_until`).
///
/// Errors list every published past assignment that the changed problem no longer allows.
pub fn freeze(
    problem: &Problem,
    baseline: &Schedule,
    frozen_until: Option<NaiveDate>,
) -> Result<Frozen, Vec<String>> {
    let mut out = Frozen {
        problem: problem.clone(),
        fixed: Vec::new(),
        under_way: Vec::new(),
    };
    let Some(day) = frozen_until else {
        return Ok(out);
    };
    let mut errors = Vec::new();
    let past: Vec<&Assignment> = baseline.scheduled.iter().filter(|a| a.end < day).collect();
    for a in &past {
        if problem.request(&a.request).is_none() {
            errors.push(format!(
                "{} ended {} (before {day}) but is no longer in the problem",
                a.request, a.end
            ));
        }
    }
    errors.extend(past_violations(problem, &past));
    for r in out.problem.requests.iter_mut() {
        let published = baseline.scheduled.iter().find(|a| a.request == r.id);
        match published {
            Some(a) if a.end < day => {
                r.fixed_start = Some(a.start);
                r.trainers_min = a.trainers.len() as u32;
                r.trainers_max = a.trainers.len() as u32;
                out.fixed.push(r.id.clone());
            }
            Some(a) if a.start < day => {
                r.fixed_start = Some(a.start);
                out.under_way.push(r.id.clone());
            }
            _ => r.earliest_start = r.earliest_start.max(day),
        }
    }
    for a in past.iter().filter(|a| problem.request(&a.request).is_some()) {
        out.problem.pins.extend(a.trainers.iter().map(|t| Pin {
            request: a.request.clone(),
            trainer: t.clone(),
            start: Some(a.start),
        }));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Rules the past assignments break in the changed problem (checked by the checker alone).
fn past_violations(problem: &Problem, past: &[&Assignment]) -> Vec<String> {
    let only = Schedule {
        status: Status::Feasible,
        objective: None,
        bound: None,
        gap: None,
        scheduled: past
            .iter()
            .filter(|a| problem.request(&a.request).is_some())
            .map(|a| (*a).clone())
            .collect(),
        unscheduled: Vec::new(),
        settings: None,
        backups: None,
    };
    let ids: Vec<&RequestId> = only.scheduled.iter().map(|a| &a.request).collect();
    checker::check(problem, &only)
        .into_iter()
        .filter(|v| v.rule != checker::Rule::C10Pin && v.request.as_ref().is_some_and(|r| ids.contains(&r)))
        .map(|v| format!("a past assignment no longer holds in the changed problem: {v}"))
        .collect()
}

/// The solver's baseline input for `schedule`, with the given policy.
pub fn baseline(schedule: &Schedule, keep_staffed: bool, max_changes: Option<u32>, order: Order) -> Baseline {
    Baseline {
        assignments: schedule.scheduled.clone(),
        keep_staffed,
        max_changes,
        order,
    }
}

//! Verifying a candidate change: the changed problem re-solved around the request, merged with
//! the fixed rest of the plan, and passed by the independent checker.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::Duration;

use crate::checker;
use crate::eligibility::eligible_trainers;
use crate::explain::plan::Load;
use crate::model::calendar::DateRange;
use crate::model::{Assignment, Problem, RequestId, Schedule, Status, TrainerId, Unscheduled};
use crate::solver;

use super::{Change, Repair};

/// Verifies `change` for request `r` (index): re-plans its neighbourhood in the changed
/// problem with the request staffed first, merges with the fixed rest of `schedule`, and keeps
/// the result only if the checker passes it and it staffs the request.
pub fn verify(
    problem: &Problem,
    schedule: &Schedule,
    r: usize,
    change: &Change,
    time_limit: f64,
) -> Option<Repair> {
    let id = &problem.requests[r].id;
    let changed = change.apply(problem, r);
    let ri = changed.requests.iter().position(|x| &x.id == id)?;
    let scheduled = resolve(&changed, schedule, ri, time_limit)?;
    finish(problem, schedule, r, change, scheduled)
}

/// Staffs request `r` (index) in the problem as it is, giving up what it must: the requests the
/// re-plan drops are named in the repair (shown only when [`gives_up_only_lower`]).
pub fn give_up(problem: &Problem, schedule: &Schedule, r: usize, time_limit: f64) -> Option<Repair> {
    let scheduled = resolve(problem, schedule, r, time_limit)?;
    let kept: BTreeSet<&RequestId> = scheduled.iter().map(|a| &a.request).collect();
    let dropped: Vec<RequestId> = schedule
        .scheduled
        .iter()
        .filter(|a| !kept.contains(&a.request))
        .map(|a| a.request.clone())
        .collect();
    finish(problem, schedule, r, &Change::GiveUp(dropped), scheduled)
}

/// Whether every request `rep` gives up has a lower priority than request `r` (index).
pub fn gives_up_only_lower(problem: &Problem, r: usize, rep: &Repair) -> bool {
    let priority = problem.requests[r].priority;
    match &rep.change {
        Change::GiveUp(qs) => qs
            .iter()
            .all(|q| problem.request(q).is_some_and(|x| x.priority < priority)),
        _ => true,
    }
}

/// Re-plans request `ri` of `changed` with the rest of `schedule`: first with every other
/// assignment fixed (milliseconds); when its trainers are all taken, together with the requests
/// that hold them. The assignments of a schedule that staffs it, if one was found.
fn resolve(changed: &Problem, schedule: &Schedule, ri: usize, time_limit: f64) -> Option<Vec<Assignment>> {
    let id = &changed.requests[ri].id;
    let options = solver::Options {
        time_limit: Some(time_limit),
        threads: 1,
        warm_start: Some(Arc::new(schedule.clone())),
        ..solver::Options::default()
    };
    [false, true].into_iter().find_map(|wide| {
        let (sub, fixed) = neighbourhood(changed, schedule, ri, wide);
        // Re-planning the neighbourhood: the request first (its priority), then as few changes
        // to the current plan as that allows, then cost.
        let options = solver::Options {
            baseline: wide.then(|| solver::baseline::Baseline {
                assignments: schedule.scheduled.clone(),
                keep_staffed: false,
                max_changes: None,
                order: solver::baseline::Order::AfterCoverage,
            }),
            ..options.clone()
        };
        let part = solver::solve(&sub, &options).ok()?;
        part.scheduled.iter().any(|a| &a.request == id).then(|| {
            let mut all: Vec<Assignment> = fixed;
            all.extend(part.scheduled);
            all.sort();
            all
        })
    })
}

/// The repair, if the merged schedule passes the checker on the changed problem, staffs the
/// request and needs the change.
fn finish(
    problem: &Problem,
    schedule: &Schedule,
    r: usize,
    change: &Change,
    scheduled: Vec<Assignment>,
) -> Option<Repair> {
    let id = problem.requests[r].id.clone();
    let changed = change.apply(problem, r);
    let staffed: BTreeSet<&RequestId> = scheduled.iter().map(|a| &a.request).collect();
    let unscheduled = changed
        .requests
        .iter()
        .filter(|x| !staffed.contains(&x.id))
        .map(|x| Unscheduled {
            request: x.id.clone(),
            reasons: Vec::new(),
        })
        .collect();
    let mut merged = Schedule {
        status: Status::Feasible,
        objective: None,
        bound: None,
        gap: None,
        scheduled,
        unscheduled,
        settings: None,
        backups: None,
    };
    merged.objective = Some(checker::recompute(&changed, &merged));
    if !checker::check(&changed, &merged).is_empty() {
        return None;
    }
    // A change the schedule does not need (it would be valid without it) is not the repair.
    if !matches!(change, Change::GiveUp(_)) && checker::check(problem, &merged).is_empty() {
        return None;
    }
    let assignment = merged.scheduled.iter().find(|a| a.request == id)?.clone();
    let before = checker::recompute(problem, schedule);
    let after = merged.objective?;
    let old: BTreeSet<&Assignment> = schedule.scheduled.iter().collect();
    let others_changed = merged
        .scheduled
        .iter()
        .filter(|a| a.request != id && !old.contains(a))
        .count()
        + schedule
            .scheduled
            .iter()
            .filter(|a| !merged.scheduled.iter().any(|b| b.request == a.request))
            .count();
    Some(Repair {
        change: change.clone(),
        text: change.describe(problem, &problem.requests[r]),
        coverage_delta: after.coverage as i64 - before.coverage as i64,
        cost_delta: after.cost as i64 - before.cost as i64,
        assignment,
        others_changed,
        schedule: merged,
    })
}

/// The sub-problem re-planned for request `r` (index in `changed`): the request alone, or
/// (`wide`) with every scheduled request that holds one of its eligible trainers near its
/// window or whose budget is short; every other assignment of `schedule` stays as it is, its
/// trainers' days blocked (gap included) and budgets reduced.
/// The request's priority exceeds the rest of the sub-problem's together, so it is staffed
/// whenever it can be.
fn neighbourhood(changed: &Problem, schedule: &Schedule, r: usize, wide: bool) -> (Problem, Vec<Assignment>) {
    let eligible: BTreeSet<&TrainerId> = eligible_trainers(changed, &changed.requests[r])
        .into_iter()
        .map(|t| &changed.trainers[t].id)
        .collect();
    let exists: BTreeSet<&RequestId> = changed.requests.iter().map(|x| &x.id).collect();
    // An assignment can stand in the request's way only if one of its trainers is eligible and
    // either it lies in the request's window (gap included) or that trainer's budget is short.
    let req = &changed.requests[r];
    let gap = Duration::days(i64::from(changed.policy.min_gap_days));
    let (lo, hi) = (req.earliest_start - gap, req.latest_end + gap);
    let load = Load::of(changed, schedule);
    let short: BTreeSet<&TrainerId> = changed
        .trainers
        .iter()
        .enumerate()
        .filter(|(i, t)| load.used[*i] + req.duration_days > changed.budget(t))
        .map(|(_, t)| &t.id)
        .collect();
    let (moving, fixed): (Vec<&Assignment>, Vec<&Assignment>) = schedule
        .scheduled
        .iter()
        .filter(|a| exists.contains(&a.request))
        .partition(|a| {
            let near = a.start <= hi && a.end >= lo;
            wide && a
                .trainers
                .iter()
                .any(|t| eligible.contains(t) && (near || short.contains(t)))
        });
    let mut keep: BTreeSet<RequestId> = moving.iter().map(|a| a.request.clone()).collect();
    keep.insert(changed.requests[r].id.clone());
    let mut sub = changed.clone();
    sub.requests.retain(|x| keep.contains(&x.id));
    sub.pins.retain(|p| keep.contains(&p.request));
    let total: u32 = sub.requests.iter().map(|x| x.priority).sum();
    if let Some(x) = sub.requests.iter_mut().find(|x| x.id == changed.requests[r].id) {
        x.priority = total + 1;
    }
    let budgets: BTreeMap<TrainerId, u32> = changed
        .trainers
        .iter()
        .map(|t| (t.id.clone(), changed.budget(t)))
        .collect();
    for a in &fixed {
        for t in sub.trainers.iter_mut().filter(|t| a.trainers.contains(&t.id)) {
            let days = (a.end - a.start).num_days() as u32 + 1;
            let left = t.max_days.unwrap_or(budgets[&t.id]).saturating_sub(days);
            t.max_days = Some(left);
            t.unavailable.push(DateRange::new(a.start - gap, a.end + gap));
        }
    }
    (sub, fixed.into_iter().cloned().collect())
}

//! Kind 3: what would staff it. Each candidate change is applied to a copy of the problem and
//! verified by re-solving: the rest of the plan stays fixed except the requests that hold the
//! request's eligible trainers (its neighbourhood), which HiGHS re-plans together with the
//! request, told to staff it first. The merged schedule must pass the independent checker on
//! the changed problem and staff the request, or the repair is never shown.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::{Duration, NaiveDate, Weekday};

use super::plan::{blocking, Load};
use super::words::{language_name, span};
use crate::checker;
use crate::eligibility::{eligible_trainers, potential, Potential};
use crate::model::calendar::{weekday_code, DateRange};
use crate::model::{
    Assignment, Language, Problem, Request, RequestId, Schedule, Status, TrainerId, Unscheduled,
};
use crate::solver;

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

/// Candidate changes for request `r` (index, with its potential `p`), most promising first,
/// each one that could let the request be staffed at all (checked alone, without the rest of
/// the plan).
pub fn candidates(
    problem: &Problem,
    schedule: &Schedule,
    load: &Load,
    r: usize,
    p: &Potential,
) -> Vec<Change> {
    let req = &problem.requests[r];
    let mut out = Vec::new();
    if p.staffable.is_empty() {
        out.extend(language_changes(problem, r));
        if req.regions.is_some() {
            out.push(Change::AnyRegion);
        }
    } else {
        // Budgets that block its closest starts.
        let blocks = blocking(problem, schedule, load, req, p);
        let mut budgets: BTreeMap<usize, (u32, u32)> = BTreeMap::new();
        for b in blocks.iter().take(4) {
            for &(t, used, budget) in &b.budgets {
                budgets.entry(t).or_insert((used, budget));
            }
        }
        let mut budgets: Vec<_> = budgets.into_iter().collect();
        budgets.sort_by_key(|&(t, (used, budget))| (used + req.duration_days - budget, t));
        out.extend(
            budgets
                .into_iter()
                .take(2)
                .map(|(t, (used, budget))| Change::Budget {
                    trainer: problem.trainers[t].id.clone(),
                    from: budget,
                    to: used + req.duration_days,
                }),
        );
    }
    out.extend(window_changes(problem, r, p));
    out.extend(weekday_change(problem, r));
    // Only changes that make the request possible alone can staff it in a plan.
    out.retain(|c| {
        let changed = c.apply(problem, r);
        let i = changed.requests.iter().position(|x| x.id == req.id);
        i.is_some_and(|i| !potential(&changed, &changed.requests[i]).staffable.is_empty())
    });
    out.dedup();
    out
}

/// Up to two other languages, those with the most eligible trainers first.
fn language_changes(problem: &Problem, r: usize) -> Vec<Change> {
    let req = &problem.requests[r];
    let languages: BTreeSet<&Language> = problem.trainers.iter().flat_map(|t| t.languages.iter()).collect();
    let mut counted: Vec<(usize, Language)> = languages
        .into_iter()
        .filter(|l| **l != req.language)
        .map(|l| {
            let mut changed = req.clone();
            changed.language = l.clone();
            (eligible_trainers(problem, &changed).len(), l.clone())
        })
        .filter(|(n, _)| *n >= req.trainers_min as usize)
        .collect();
    counted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    counted
        .into_iter()
        .take(2)
        .map(|(_, l)| Change::Language(l))
        .collect()
}

/// The window moved later, then earlier, by 1, 2, 4 or 8 weeks (within the horizon): the
/// smallest widening that adds an allowed start where the request could be staffed alone.
fn window_changes(problem: &Problem, r: usize, p: &Potential) -> Vec<Change> {
    let req = &problem.requests[r];
    if req.fixed_start.is_some() {
        return Vec::new();
    }
    let h = problem.horizon;
    let before: BTreeSet<NaiveDate> = p.staffable.iter().map(|(s, _)| *s).collect();
    let mut out = Vec::new();
    for later in [true, false] {
        for weeks in [1, 2, 4, 8] {
            let d = Duration::weeks(weeks);
            let (e, l) = if later {
                (req.earliest_start, req.latest_end + d)
            } else {
                ((req.earliest_start - d).max(h.from), req.latest_end)
            };
            if (e, l) == (req.earliest_start, req.latest_end) {
                break;
            }
            let change = Change::Window {
                earliest_start: e,
                latest_end: l,
            };
            let changed = change.apply(problem, r);
            let gains = potential(&changed, &changed.requests[r])
                .staffable
                .iter()
                .any(|(s, _)| !before.contains(s));
            if gains {
                out.push(change);
                break;
            }
        }
    }
    out
}

/// Every weekday from Monday to Friday, when the request allows fewer.
fn weekday_change(problem: &Problem, r: usize) -> Option<Change> {
    let req = &problem.requests[r];
    let now = req
        .start_weekdays
        .as_deref()
        .unwrap_or(&problem.policy.start_weekdays);
    let all = vec![
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];
    (req.fixed_start.is_none() && all.iter().any(|d| !now.contains(d))).then_some(Change::Weekdays(all))
}

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

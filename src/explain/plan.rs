//! Kind 2: possible alone, but not in this plan — which scheduled requests hold the trainers it
//! would need, in which weeks, and whose budgets are spent.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::words::{and_list, span};
use crate::eligibility::{can_staff, Potential};
use crate::model::{Problem, Reason, Request, Schedule};

/// What keeps the request's free trainers busy on one of its starts, in a given plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blocking {
    /// The start.
    pub start: NaiveDate,
    /// Eligible trainers free of other commitments on that start in the plan (indices).
    pub available: Vec<usize>,
    /// Eligible trainers free of unavailability on that start (indices).
    pub free: Vec<usize>,
    /// Scheduled requests (index into `schedule.scheduled`) holding some of `free`, with them.
    pub blockers: Vec<(usize, Vec<usize>)>,
    /// Trainers of `free` whose remaining budget is too small: (trainer, days used, budget).
    pub budgets: Vec<(usize, u32, u32)>,
}

/// Days each trainer gives in `schedule` and the assignments (indices) each is on.
pub struct Load {
    /// Training days used per trainer index.
    pub used: Vec<u32>,
    /// Indices into `schedule.scheduled` per trainer index.
    pub on: Vec<Vec<usize>>,
}

impl Load {
    /// Works out the load of every trainer in `schedule`.
    pub fn of(problem: &Problem, schedule: &Schedule) -> Self {
        let index: BTreeMap<&str, usize> = problem
            .trainers
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), i))
            .collect();
        let mut load = Load {
            used: vec![0; problem.trainers.len()],
            on: vec![Vec::new(); problem.trainers.len()],
        };
        for (k, a) in schedule.scheduled.iter().enumerate() {
            let days = (a.end - a.start).num_days() as u32 + 1;
            for t in a.trainers.iter().filter_map(|t| index.get(t.as_str())) {
                load.used[*t] += days;
                load.on[*t].push(k);
            }
        }
        load
    }
}

/// The blocking on every start where the request could be staffed alone, best start first
/// (most trainers available in the plan, then fewest blockers, then earliest).
pub fn blocking(
    problem: &Problem,
    schedule: &Schedule,
    load: &Load,
    r: &Request,
    p: &Potential,
) -> Vec<Blocking> {
    let gap = i64::from(problem.policy.min_gap_days);
    let mut out: Vec<Blocking> = p
        .staffable
        .iter()
        .map(|(start, free)| {
            let occupied = r.occupied(*start);
            let mut blockers: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            let mut budgets = Vec::new();
            let mut available = Vec::new();
            for &t in free {
                let mut busy = false;
                for &k in &load.on[t] {
                    let a = &schedule.scheduled[k];
                    let apart = (a.end - occupied.from).num_days() < -gap
                        || (occupied.to - a.start).num_days() < -gap;
                    if !apart {
                        blockers.entry(k).or_default().push(t);
                        busy = true;
                    }
                }
                let budget = problem.budget(&problem.trainers[t]);
                if load.used[t] + r.duration_days > budget {
                    budgets.push((t, load.used[t], budget));
                    busy = true;
                }
                if !busy {
                    available.push(t);
                }
            }
            Blocking {
                start: *start,
                available,
                free: free.clone(),
                blockers: blockers.into_iter().collect(),
                budgets,
            }
        })
        .collect();
    out.sort_by_key(|b| {
        (
            std::cmp::Reverse(b.available.len()),
            b.blockers.len() + b.budgets.len(),
            b.start,
        )
    });
    out
}

/// The kind-2 reason for `r` in `schedule`: the closest start and what holds its trainers.
/// When a team is in fact free in the plan (a search stopped early), says so.
pub fn busy(problem: &Problem, schedule: &Schedule, load: &Load, r: &Request, p: &Potential) -> Reason {
    let all = blocking(problem, schedule, load, r, p);
    let Some(best) = all.first() else {
        return super::reason("busy_in_plan", "possible alone, but not in this plan".to_owned());
    };
    if can_staff(problem, r, &best.available) {
        let text = format!(
            "a team is free in this plan on {} ({} eligible trainer(s) free), but the search stopped before staffing it; allow more time",
            best.start,
            best.available.len()
        );
        return super::reason("free_in_plan", text);
    }
    let id = |t: usize| problem.trainers[t].id.as_str().to_owned();
    let mut parts: Vec<String> = best
        .blockers
        .iter()
        .map(|(k, ts)| {
            let a = &schedule.scheduled[*k];
            let names: Vec<String> = ts.iter().map(|&t| id(t)).collect();
            let verb = if names.len() == 1 { "is" } else { "are" };
            let priority = problem.request(&a.request).map_or(0, |q| q.priority);
            format!(
                "{} {verb} at {} (priority {priority}) on {}",
                and_list(&names),
                a.request,
                span(a.start, a.end)
            )
        })
        .collect();
    parts.extend(
        best.budgets
            .iter()
            .map(|&(t, used, budget)| format!("{} has used {used} of {budget} days", id(t))),
    );
    let occupied = r.occupied(best.start);
    let text = format!(
        "possible alone on {} of its {} allowed start(s), but not in this plan; on the closest, {} ({}), {} of the {} eligible trainers free that week are available, {} needed{}: {}",
        p.staffable.len(),
        p.starts.len(),
        best.start,
        span(occupied.from, occupied.to),
        best.available.len(),
        best.free.len(),
        r.trainers_min,
        if r.leads > 0 { format!(" with {} ace lead(s)", r.leads) } else { String::new() },
        parts.join("; ")
    );
    super::reason("busy_in_plan", text)
}

//! Candidate changes that might staff a request: another language, a wider window, other
//! start weekdays, a raised budget, every region accepted.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate, Weekday};

use crate::eligibility::{eligible_trainers, potential, Potential};
use crate::explain::plan::{blocking, Load};
use crate::model::{Language, Problem, Schedule};

use super::Change;

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

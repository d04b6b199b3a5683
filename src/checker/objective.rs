//! Recomputes coverage and cost from the problem's raw data and compares with the claim.

use super::{Rule, Violation};
use crate::model::{Objective, Problem, Schedule};

/// The true objective of a schedule: priorities of listed requests, and the travel and
/// subsistence of every listed trainer. Unknown ids count nothing.
pub fn recompute(problem: &Problem, schedule: &Schedule) -> Objective {
    let mut coverage = 0;
    let mut cost = 0;
    let mut seen = std::collections::BTreeSet::new();
    // A request listed twice, or a trainer listed twice on one request, counts once (the
    // duplicate itself is a `ref` violation).
    for a in schedule.scheduled.iter().filter(|a| seen.insert(&a.request)) {
        let Some(r) = problem.requests.iter().find(|r| r.id == a.request) else {
            continue;
        };
        coverage += u64::from(r.priority);
        let trainers: std::collections::BTreeSet<_> = a.trainers.iter().collect();
        for id in trainers {
            let Some(t) = problem.trainers.iter().find(|t| &t.id == id) else {
                continue;
            };
            if t.country == r.host {
                continue;
            }
            let key = (t.country.clone(), r.host.clone());
            let fare = match problem.fares.between.get(&key) {
                Some(f) => *f,
                None => {
                    let from = problem.countries.get(&t.country).map(|c| &c.region);
                    let to = problem.countries.get(&r.host).map(|c| &c.region);
                    if from == to {
                        problem.fares.regional
                    } else {
                        problem.fares.interregional
                    }
                }
            };
            let per_diem = problem.countries.get(&r.host).map_or(0, |c| c.per_diem);
            cost += fare + per_diem * u64::from(r.duration_days);
        }
    }
    Objective { coverage, cost }
}

pub(super) fn check_claim(problem: &Problem, schedule: &Schedule) -> Vec<Violation> {
    let Some(claimed) = schedule.objective else {
        return Vec::new();
    };
    let real = recompute(problem, schedule);
    let mut out = Vec::new();
    if claimed.coverage != real.coverage {
        let message = format!(
            "claimed coverage {} but the schedule covers {}",
            claimed.coverage, real.coverage
        );
        out.push(Violation {
            rule: Rule::Objective,
            request: None,
            trainer: None,
            message,
        });
    }
    if claimed.cost != real.cost {
        let message = format!(
            "claimed cost {} but the schedule costs {}",
            claimed.cost, real.cost
        );
        out.push(Violation {
            rule: Rule::Objective,
            request: None,
            trainer: None,
            message,
        });
    }
    out
}

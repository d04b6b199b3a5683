//! Turns column values into a schedule, with objective, integer bounds, gaps and status.

use std::collections::BTreeMap;

use super::columns::Columns;
use super::pipeline::Solved;
use super::space::Space;
use super::tiers::TierKind;
use crate::model::*;

/// What the tiers proved.
#[derive(Clone, Copy, Debug)]
pub struct Proof {
    /// Upper bound on coverage (as HiGHS reported it; infinite when it has none).
    pub coverage_bound: f64,
    /// Coverage if every request that could be staffed alone were staffed: always a bound.
    pub coverage_ceiling: f64,
    /// Lower bound on cost at the schedule's coverage.
    pub cost_bound: f64,
    /// Relative cost gap accepted as optimal.
    pub cost_tolerance: f64,
}

impl Proof {
    /// The proof of an empty model: nothing can be staffed, so the empty schedule is optimal.
    pub fn trivial() -> Self {
        Self {
            coverage_bound: 0.0,
            coverage_ceiling: 0.0,
            cost_bound: 0.0,
            cost_tolerance: 0.0,
        }
    }
}

/// Σ priority over requests with at least one start option: no schedule covers more.
pub fn coverage_ceiling(problem: &Problem, space: &Space) -> f64 {
    let open = |r: &usize| !space.request_ranges[*r].is_empty();
    (0..problem.requests.len())
        .filter(open)
        .map(|r| f64::from(problem.requests[r].priority))
        .sum()
}

/// The schedule of the pipeline's point, judged by what its tiers proved: the coverage and
/// cost bounds from their tiers (the ceiling when coverage did not run), and `optimal` only
/// when every tier ran and was proven.
pub fn from_tiers(problem: &Problem, space: &Space, solved: &Solved, cost_tolerance: f64) -> Schedule {
    let ceiling = coverage_ceiling(problem, space);
    let bound = |kind: TierKind, none: f64| solved.tier(kind).map_or(none, |t| t.bound);
    let proof = Proof {
        coverage_bound: bound(TierKind::Coverage, ceiling),
        coverage_ceiling: ceiling,
        cost_bound: bound(TierKind::Cost, 0.0).max(0.0),
        cost_tolerance,
    };
    let mut s = schedule(problem, space, &solved.point, proof);
    if !solved.all_proven() && s.status == Status::Optimal {
        s.status = Status::Feasible;
    }
    s
}

/// The schedule given by the column values `point` (empty means nothing chosen).
pub fn schedule(problem: &Problem, space: &Space, point: &[f64], proof: Proof) -> Schedule {
    let columns = Columns::of(space);
    let mut teams: BTreeMap<usize, Vec<TrainerId>> = BTreeMap::new();
    for k in columns.taken(point) {
        let seat = &space.seats[k];
        teams
            .entry(seat.option)
            .or_default()
            .push(problem.trainers[seat.trainer].id.clone());
    }
    let mut scheduled = Vec::new();
    let (mut coverage, mut cost) = (0u64, 0u64);
    for o in columns.held(point) {
        let opt = &space.starts[o];
        let r = &problem.requests[opt.request];
        let mut trainers = teams.remove(&o).unwrap_or_default();
        trainers.sort();
        coverage += u64::from(r.priority);
        cost += trainers
            .iter()
            .filter_map(|t| problem.trainer(t))
            .map(|t| problem.assignment_cost(t, r))
            .sum::<u64>();
        scheduled.push(Assignment {
            request: r.id.clone(),
            start: opt.start,
            end: r.occupied(opt.start).to,
            trainers,
        });
    }
    judged(problem, scheduled, coverage, cost, proof)
}

/// Integer bounds, relative gaps and the honest status.
pub fn judge(coverage: u64, cost: u64, proof: Proof) -> (Bound, Gap, Status) {
    // Both objectives take whole values, so fractional bounds round towards the incumbent.
    let cov_bound = (proof.coverage_bound.min(proof.coverage_ceiling) + 1e-6)
        .floor()
        .max(coverage as f64);
    let cost_bound = (proof.cost_bound - 1e-6).ceil().clamp(0.0, cost as f64) + 0.0; // + 0.0 turns -0 into 0
    let gap = Gap {
        coverage: if cov_bound > 0.0 {
            (cov_bound - coverage as f64) / cov_bound
        } else {
            0.0
        },
        cost: if cost > 0 {
            (cost as f64 - cost_bound) / cost as f64
        } else {
            0.0
        },
    };
    let optimal =
        cov_bound <= coverage as f64 && (cost_bound >= cost as f64 || gap.cost <= proof.cost_tolerance);
    let status = if optimal {
        Status::Optimal
    } else {
        Status::Feasible
    };
    (
        Bound {
            coverage: cov_bound,
            cost: cost_bound,
        },
        gap,
        status,
    )
}

/// The answer when no schedule was found in time.
pub fn no_solution(problem: &Problem, bound: f64, ceiling: f64) -> Schedule {
    let unscheduled = the_rest(problem, &[]);
    Schedule {
        status: Status::NoSolutionFound,
        objective: None,
        bound: Some(Bound {
            coverage: (bound.min(ceiling) + 1e-6).floor(),
            cost: 0.0,
        }),
        gap: None,
        scheduled: Vec::new(),
        unscheduled,
        settings: None,
        backups: None,
    }
}

/// The union of the schedules of independent parts of `problem`: lists merged, objectives and
/// bounds added, status and gaps judged on the sums.
pub fn merge(problem: &Problem, parts: Vec<Schedule>, cost_tolerance: f64) -> Schedule {
    if parts.iter().any(|p| p.status == Status::NoSolutionFound) {
        let bound: f64 = parts.iter().filter_map(|p| p.bound).map(|b| b.coverage).sum();
        return no_solution(problem, bound, f64::INFINITY);
    }
    let scheduled: Vec<Assignment> = parts.iter().flat_map(|p| p.scheduled.iter().cloned()).collect();
    let sum = |f: &dyn Fn(&Schedule) -> f64| parts.iter().map(f).sum::<f64>();
    let coverage = parts.iter().filter_map(|p| p.objective).map(|o| o.coverage).sum();
    let cost = parts.iter().filter_map(|p| p.objective).map(|o| o.cost).sum();
    let proof = Proof {
        coverage_bound: sum(&|p| p.bound.map_or(0.0, |b| b.coverage)),
        coverage_ceiling: f64::INFINITY,
        cost_bound: sum(&|p| p.bound.map_or(0.0, |b| b.cost)),
        cost_tolerance,
    };
    judged(problem, scheduled, coverage, cost, proof)
}

/// The schedule of `scheduled` (sorted here), the rest unscheduled, judged against `proof`.
fn judged(
    problem: &Problem,
    mut scheduled: Vec<Assignment>,
    coverage: u64,
    cost: u64,
    proof: Proof,
) -> Schedule {
    scheduled.sort();
    let unscheduled = the_rest(problem, &scheduled);
    let (bound, gap, status) = judge(coverage, cost, proof);
    Schedule {
        status,
        objective: Some(Objective { coverage, cost }),
        bound: Some(bound),
        gap: Some(gap),
        scheduled,
        unscheduled,
        settings: None,
        backups: None,
    }
}

/// Every request of `problem` not in `scheduled`, sorted, reasons left empty.
fn the_rest(problem: &Problem, scheduled: &[Assignment]) -> Vec<Unscheduled> {
    let done: std::collections::BTreeSet<_> = scheduled.iter().map(|a| &a.request).collect();
    let mut rest: Vec<Unscheduled> = problem
        .requests
        .iter()
        .filter(|r| !done.contains(&r.id))
        .map(|r| Unscheduled {
            request: r.id.clone(),
            reasons: Vec::new(),
        })
        .collect();
    rest.sort();
    rest
}

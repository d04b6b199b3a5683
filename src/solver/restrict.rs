//! Large problems: the model is built on a restricted set of seats — per start option the
//! cheapest few trainers (leads included), every seat of a pinned request, and every seat of
//! the greedy schedule — so it stays small enough to solve. Its schedule is valid for the whole
//! problem, but HiGHS's bounds only hold for the restriction, so the schedule is judged
//! against bounds of the whole problem instead: the coverage ceiling (every request that could
//! be staffed alone), and, when that ceiling is reached, the sum over requests of their
//! cheapest conceivable team.

use std::collections::BTreeSet;

use super::extract::{self, Proof};
use super::greedy;
use super::space::Space;
use crate::model::{Problem, Schedule};

/// Seats kept per start option beyond those the greedy schedule and the pins need.
pub const SEATS_PER_OPTION: usize = 6;

/// The restricted space.
pub fn restrict(problem: &Problem, space: &Space, hint: Option<&Schedule>) -> Space {
    let mut keep: BTreeSet<usize> = greedy::greedy(problem, space, hint)
        .map(|c| c.seats.into_iter().collect())
        .unwrap_or_default();
    let pinned: BTreeSet<&str> = problem.pins.iter().map(|p| p.request.as_str()).collect();
    for (o, opt) in space.starts.iter().enumerate() {
        let r = &problem.requests[opt.request];
        let mut seats: Vec<usize> = space.seat_ranges[o].clone().collect();
        if pinned.contains(r.id.as_str()) {
            keep.extend(seats);
            continue;
        }
        seats.sort_by_key(|&k| (space.seats[k].cost, k));
        let per_option = SEATS_PER_OPTION.max(2 * r.trainers_max as usize);
        keep.extend(seats.iter().take(per_option));
        keep.extend(
            seats
                .iter()
                .filter(|&&k| space.seats[k].lead)
                .take(2 * r.leads as usize),
        );
    }
    let mut small = Space::default();
    for range in &space.request_ranges {
        let begin = small.starts.len();
        for o in range.clone() {
            let option = small.starts.len();
            let first = small.seats.len();
            let kept = space.seat_ranges[o].clone().filter(|k| keep.contains(k));
            small.seats.extend(kept.map(|k| super::space::Seat {
                option,
                ..space.seats[k]
            }));
            small.seat_ranges.push(first..small.seats.len());
            small.starts.push(space.starts[o].clone());
        }
        small.request_ranges.push(begin..small.starts.len());
    }
    small
}

/// Replaces the restricted model's bounds with bounds of the whole problem and judges again.
pub fn rejudge(problem: &Problem, space: &Space, schedule: &mut Schedule, cost_tolerance: f64) {
    let Some(objective) = schedule.objective else {
        return;
    };
    let ceiling = extract::coverage_ceiling(problem, space);
    let at_ceiling = objective.coverage as f64 >= ceiling;
    let cost_bound = if at_ceiling {
        cheapest_teams(problem, space)
    } else {
        0.0
    };
    let proof = Proof {
        coverage_bound: ceiling,
        coverage_ceiling: ceiling,
        cost_bound,
        cost_tolerance,
    };
    let (bound, gap, status) = extract::judge(objective.coverage, objective.cost, proof);
    schedule.bound = Some(bound);
    schedule.gap = Some(gap);
    schedule.status = status;
}

/// Σ over requests with a start option of the least cost of any `trainers_min` seats at any of
/// its starts: a lower bound on the cost of every schedule that staffs them all.
fn cheapest_teams(problem: &Problem, space: &Space) -> f64 {
    let mut total = 0.0;
    for (r, range) in space
        .request_ranges
        .iter()
        .enumerate()
        .filter(|(_, rg)| !rg.is_empty())
    {
        let need = problem.requests[r].trainers_min as usize;
        let best = range
            .clone()
            .map(|o| {
                let mut costs: Vec<u64> = space.seat_ranges[o]
                    .clone()
                    .map(|k| space.seats[k].cost)
                    .collect();
                costs.sort_unstable();
                costs.iter().take(need).sum::<u64>()
            })
            .min()
            .unwrap_or(0);
        total += best as f64;
    }
    total
}

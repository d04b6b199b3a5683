//! Large problems: the model is built on a restricted set of seats — per start option the
//! cheapest few trainers (leads included), every seat of a pinned request, and every seat of
//! the greedy schedule — so it stays small enough to solve. Its schedule is valid for the whole
//! problem, but HiGHS's bounds only hold for the restriction, so the schedule is judged
//! against bounds of the whole problem instead: the coverage ceiling (every request that could
//! be staffed alone), and, when that ceiling is reached, the sum over requests of their
//! cheapest conceivable team. Coverage and cost are solved as two models ([`solve`]): the
//! coverage model's schedule is completed over every seat before the cost model is built
//! around it.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Instant;

use super::budget::Budget;
use super::columns::Columns;
use super::extract::{self, Proof};
use super::greedy;
use super::progress::Progress;
use super::single::{self, Tiers};
use super::space::Space;
use super::tiers::TierKind;
use super::{Options, SolveError};
use crate::model::{Problem, Schedule};

/// Seats kept per start option beyond those the greedy schedule and the pins need.
pub const SEATS_PER_OPTION: usize = 6;

/// Solves `problem` on a restriction of `space`, and judges the schedule against bounds of the
/// whole problem.
pub fn solve(
    problem: &Problem,
    space: &Space,
    options: &Options,
    budget: &Budget,
    clock: Instant,
) -> Result<Schedule, SolveError> {
    let small = restrict(problem, space, options.warm_start.as_deref());
    let progress = Progress::new(clock, options.progress);
    progress.say(|| {
        format!(
            "{} seats; solving on {} of them (restricted)",
            space.seats.len(),
            small.seats.len()
        )
    });
    let mut schedule = if options.balance.is_some() {
        single::solve_model(problem, &small, options, budget, (clock, clock), Tiers::Both)?
    } else {
        in_two(problem, space, &small, options, budget, clock)?
    };
    rejudge(problem, space, &mut schedule, options.mip_rel_gap);
    if let Some(s) = schedule.settings.as_mut() {
        s.formulation = format!("{}-restricted", s.formulation);
    }
    Ok(schedule)
}

/// A restricted solve in two models: coverage on the cheapest seats (two thirds of the time, as
/// the tiers' weights share it), completed over every seat ([`complete`]: on a 10× `tight`
/// problem that lifted coverage from 7,177 to 7,317 of a ceiling of 7,318), then cost on a
/// restriction that also holds the completed schedule's seats, with coverage kept at the
/// completed value.
fn in_two(
    problem: &Problem,
    space: &Space,
    small: &Space,
    options: &Options,
    budget: &Budget,
    clock: Instant,
) -> Result<Schedule, SolveError> {
    let weight = TierKind::Coverage.weight() / (TierKind::Coverage.weight() + TierKind::Cost.weight());
    let first = single::solve_model(
        problem,
        small,
        options,
        &budget.share(weight),
        (clock, clock),
        Tiers::Coverage,
    )?;
    let phases = first.settings.as_ref().map(|s| s.phase_seconds.clone());
    let mut schedule = first;
    let completed = complete(problem, space, &mut schedule);
    if completed.as_ref().is_some_and(|c| c.rose) {
        let coverage = schedule.objective.map_or(0, |o| o.coverage);
        let progress = Progress::new(clock, options.progress);
        progress.say(|| format!("completed over every seat: coverage {coverage}"));
    }
    let Some(objective) = schedule.objective.filter(|_| !budget.interrupted()) else {
        return Ok(schedule);
    };
    let again = Instant::now();
    let start = Arc::new(schedule);
    // The completion's seats are those the greedy would find again from the completed schedule.
    let grown = match completed {
        Some(c) => around(problem, space, c.seats.into_iter().collect()),
        None => restrict(problem, space, Some(&start)),
    };
    let second_options = Options {
        warm_start: Some(start),
        ..options.clone()
    };
    let coverage = objective.coverage as f64;
    let mut second = single::solve_model(
        problem,
        &grown,
        &second_options,
        budget,
        (clock, again),
        Tiers::CostAt(coverage),
    )?;
    if let (Some(s), Some(f)) = (second.settings.as_mut(), phases) {
        s.phase_seconds.splice(0..0, f);
    }
    Ok(second)
}

/// The restricted space around the greedy schedule (seeded with `hint`).
pub fn restrict(problem: &Problem, space: &Space, hint: Option<&Schedule>) -> Space {
    let keep: BTreeSet<usize> = greedy::greedy(problem, space, hint)
        .map(|c| c.seats.into_iter().collect())
        .unwrap_or_default();
    around(problem, space, keep)
}

/// The restricted space holding the seats `keep` of `space`.
fn around(problem: &Problem, space: &Space, mut keep: BTreeSet<usize>) -> Space {
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

/// Completes `schedule` (solved on a restriction of `space`) over the whole space: the greedy,
/// seeded with the schedule, keeps every assignment and staffs what it can of the rest with any
/// trainer, where the restriction had only the cheapest few per start. `None` when the
/// schedule has no objective or the greedy finds nothing.
pub fn complete(problem: &Problem, space: &Space, schedule: &mut Schedule) -> Option<Completed> {
    let before = schedule.objective?;
    let choice = greedy::greedy(problem, space, Some(schedule))?;
    let point = Columns::of(space).point(&choice.options, &choice.seats);
    let completed = extract::schedule(problem, space, &point, Proof::trivial());
    let better = completed
        .objective
        .is_some_and(|after| after.coverage > before.coverage);
    if better {
        schedule.objective = completed.objective;
        schedule.scheduled = completed.scheduled;
        schedule.unscheduled = completed.unscheduled;
    }
    Some(Completed {
        rose: better,
        seats: choice.seats,
    })
}

/// What [`complete`] did.
pub struct Completed {
    /// Whether the schedule's coverage rose (its bounds are then those of the schedule before:
    /// [`rejudge`] replaces them).
    pub rose: bool,
    /// The seats of the completed schedule (of the greedy's, when coverage did not rise: it
    /// holds every seat of the schedule).
    pub seats: Vec<usize>,
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

//! A fast greedy schedule: high-priority, hard-to-staff requests first, cheapest team at the
//! cheapest start. It gives HiGHS a warm start and the time limit a fallback.

use std::collections::BTreeMap;

use super::index::{Seat, Space};
use crate::model::Problem;

/// A greedy choice: chosen start options and seats (indices into the [`Space`]).
#[derive(Clone, Debug, Default)]
pub struct Choice {
    /// Chosen start options.
    pub options: Vec<usize>,
    /// Chosen seats.
    pub seats: Vec<usize>,
}

impl Choice {
    /// Column values for the formulation (y columns, then x columns).
    pub fn to_columns(&self, space: &Space) -> Vec<f64> {
        let mut v = vec![0.0; space.starts.len() + space.seats.len()];
        for &o in &self.options {
            v[o] = 1.0;
        }
        for &k in &self.seats {
            v[space.starts.len() + k] = 1.0;
        }
        v
    }
}

struct State {
    used_days: Vec<u32>,
    blocked: Vec<Vec<(i64, i64)>>,
}

/// Builds a greedy schedule. Pins are ignored: with pins the result may violate C10, and the
/// caller must not use it as a start then.
pub fn greedy(problem: &Problem, space: &Space) -> Choice {
    let mut state = State {
        used_days: vec![0; problem.trainers.len()],
        blocked: vec![Vec::new(); problem.trainers.len()],
    };
    let mut order: Vec<usize> = (0..problem.requests.len())
        .filter(|&r| !space.request_ranges[r].is_empty())
        .collect();
    let seats_count = |r: usize| {
        space.request_ranges[r]
            .clone()
            .map(|o| space.seat_ranges[o].len())
            .sum::<usize>()
    };
    order.sort_by_key(|&r| (std::cmp::Reverse(problem.requests[r].priority), seats_count(r), r));
    let mut choice = Choice::default();
    for r in order {
        let best = space.request_ranges[r]
            .clone()
            .filter_map(|o| team(problem, space, &state, o).map(|(cost, seats)| (cost, o, seats)))
            .min_by_key(|(cost, o, _)| (*cost, *o));
        let Some((_, o, seats)) = best else { continue };
        take(problem, space, &mut state, o, &seats);
        choice.options.push(o);
        choice.seats.extend(seats);
    }
    choice
}

fn fits(problem: &Problem, space: &Space, state: &State, seat: &Seat) -> bool {
    let opt = &space.starts[seat.option];
    let r = &problem.requests[opt.request];
    let budget = problem.budget(&problem.trainers[seat.trainer]);
    if state.used_days[seat.trainer] + r.duration_days > budget {
        return false;
    }
    let (a, b) = blocked_span(problem, space, seat.option);
    !state.blocked[seat.trainer].iter().any(|&(c, d)| a <= d && c <= b)
}

fn blocked_span(problem: &Problem, space: &Space, o: usize) -> (i64, i64) {
    let opt = &space.starts[o];
    let d = i64::from(problem.requests[opt.request].duration_days);
    (
        opt.first_day,
        opt.first_day + d - 1 + i64::from(problem.policy.min_gap_days),
    )
}

/// The cheapest team for option `o`: leads first, then others, cheapest first, within the
/// same-country cap; `None` when the minimum or the leads cannot be met.
fn team(problem: &Problem, space: &Space, state: &State, o: usize) -> Option<(u64, Vec<usize>)> {
    let r = &problem.requests[space.starts[o].request];
    let mut free: Vec<usize> = space.seat_ranges[o]
        .clone()
        .filter(|&k| fits(problem, space, state, &space.seats[k]))
        .collect();
    free.sort_by_key(|&k| (!space.seats[k].lead, space.seats[k].cost, k));
    let cap = r.max_same_country.unwrap_or(u32::MAX);
    let mut per_country: BTreeMap<&_, u32> = BTreeMap::new();
    let (mut chosen, mut leads) = (Vec::new(), 0);
    let mut add = |k: usize, chosen: &mut Vec<usize>| {
        let n = per_country
            .entry(&problem.trainers[space.seats[k].trainer].country)
            .or_default();
        (*n < cap).then(|| {
            *n += 1;
            chosen.push(k)
        })
    };
    for &k in free.iter().filter(|&&k| space.seats[k].lead) {
        if leads < r.leads && add(k, &mut chosen).is_some() {
            leads += 1;
        }
    }
    free.sort_by_key(|&k| (space.seats[k].cost, k));
    for &k in &free {
        if chosen.len() >= r.trainers_min as usize {
            break;
        }
        if !chosen.contains(&k) {
            add(k, &mut chosen);
        }
    }
    let ok = leads >= r.leads && chosen.len() >= r.trainers_min as usize;
    ok.then(|| (chosen.iter().map(|&k| space.seats[k].cost).sum(), chosen))
}

fn take(problem: &Problem, space: &Space, state: &mut State, o: usize, seats: &[usize]) {
    let span = blocked_span(problem, space, o);
    let days = problem.requests[space.starts[o].request].duration_days;
    for &k in seats {
        let t = space.seats[k].trainer;
        state.used_days[t] += days;
        state.blocked[t].push(span);
    }
}

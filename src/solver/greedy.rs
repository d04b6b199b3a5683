//! A fast greedy schedule: high-priority, hard-to-staff requests first, cheapest team at the
//! cheapest start. It gives HiGHS a warm start and the time limit a fallback.

use std::collections::BTreeMap;

use super::space::{Seat, Space};
use crate::model::{Problem, Schedule};

/// A greedy choice: chosen start options and seats (indices into the [`Space`]).
#[derive(Clone, Debug, Default)]
pub struct Choice {
    /// Chosen start options.
    pub options: Vec<usize>,
    /// Chosen seats.
    pub seats: Vec<usize>,
}

struct State {
    used_days: Vec<u32>,
    blocked: Vec<Vec<(i64, i64)>>,
}

/// Builds a greedy schedule that respects every rule, pins included: pinned requests first,
/// then the requests `hint` staffs (at its start, with its team and more if needed, where that
/// still fits), then the rest by priority, scarcest first. `None` when the greedy cannot place
/// every pin.
pub fn greedy(problem: &Problem, space: &Space, hint: Option<&Schedule>) -> Option<Choice> {
    let mut state = State {
        used_days: vec![0; problem.trainers.len()],
        blocked: vec![Vec::new(); problem.trainers.len()],
    };
    let pins = pins_by_request(problem);
    let hinted = hinted_by_request(problem, hint);
    let seats_count = |r: usize| {
        space.request_ranges[r]
            .clone()
            .map(|o| space.seat_ranges[o].len())
            .sum::<usize>()
    };
    let mut order: Vec<usize> = (0..problem.requests.len())
        .filter(|&r| !space.request_ranges[r].is_empty())
        .collect();
    order.sort_by_key(|&r| {
        (
            !pins.contains_key(&r),
            !hinted.contains_key(&r),
            std::cmp::Reverse(problem.requests[r].priority),
            seats_count(r),
            r,
        )
    });
    let mut choice = Choice::default();
    for r in order {
        let (must, start) = pins.get(&r).cloned().unwrap_or_default();
        let from_hint = hinted.get(&r).and_then(|(team_hint, day)| {
            if start.is_some_and(|s| s != *day) {
                return None;
            }
            let mut wanted = must.clone();
            wanted.extend(team_hint.iter().filter(|t| !must.contains(t)));
            let o = space.request_ranges[r]
                .clone()
                .find(|&o| space.starts[o].start == *day)?;
            team(problem, space, &state, o, &wanted).map(|(cost, seats)| (cost, o, seats))
        });
        let best = from_hint.or_else(|| {
            space.request_ranges[r]
                .clone()
                .filter(|&o| start.is_none_or(|s| space.starts[o].start == s))
                .filter_map(|o| team(problem, space, &state, o, &must).map(|(cost, seats)| (cost, o, seats)))
                .min_by_key(|(cost, o, _)| (*cost, *o))
        });
        let Some((_, o, seats)) = best else {
            if pins.contains_key(&r) {
                return None;
            }
            continue;
        };
        take(problem, space, &mut state, o, &seats);
        choice.options.push(o);
        choice.seats.extend(seats);
    }
    Some(choice)
}

/// A schedule staffed again for cost: starting from its own teams (`taken`), each held option in
/// turn (the costliest teams first) gives its team up and takes the cheapest team that fits
/// among the others, with its pinned trainers, if that is cheaper; passes repeat while one
/// pays, at most [`RESTAFF_PASSES`]. The same options, so the same coverage, without a MILP:
/// a schedule chosen for coverage alone and stopped there (Ctrl-C before the cost tier) is far
/// costlier than needed. `None` when `taken` is not a schedule the rules allow.
pub fn restaff(problem: &Problem, space: &Space, held: &[usize], taken: &[usize]) -> Option<Choice> {
    let mut state = State {
        used_days: vec![0; problem.trainers.len()],
        blocked: vec![Vec::new(); problem.trainers.len()],
    };
    let mut teams: BTreeMap<usize, Vec<usize>> = held.iter().map(|&o| (o, Vec::new())).collect();
    for &k in taken {
        teams.get_mut(&space.seats[k].option)?.push(k);
    }
    for (&o, seats) in &teams {
        if !seats
            .iter()
            .all(|k| fits(problem, space, &state, &space.seats[*k]))
        {
            return None;
        }
        take(problem, space, &mut state, o, seats);
    }
    let pins = pins_by_request(problem);
    let cost = |seats: &[usize]| seats.iter().map(|&k| space.seats[k].cost).sum::<u64>();
    for _ in 0..RESTAFF_PASSES {
        let mut order = held.to_vec();
        order.sort_by_key(|o| (std::cmp::Reverse(cost(&teams[o])), *o));
        let mut improved = false;
        for o in order {
            let had = teams[&o].clone();
            give_back(problem, space, &mut state, o, &had);
            let must = pins
                .get(&space.starts[o].request)
                .map(|p| p.0.clone())
                .unwrap_or_default();
            let seats = match team(problem, space, &state, o, &must) {
                Some((c, seats)) if c < cost(&had) => seats,
                _ => had,
            };
            improved |= seats != teams[&o];
            take(problem, space, &mut state, o, &seats);
            teams.insert(o, seats);
        }
        if !improved {
            break;
        }
    }
    Some(Choice {
        options: teams.keys().copied().collect(),
        seats: teams.into_values().flatten().collect(),
    })
}

/// Passes of [`restaff`] over the options.
const RESTAFF_PASSES: usize = 3;

/// For each pinned request: its pinned trainers and pinned start (pins on one request must agree).
fn pins_by_request(problem: &Problem) -> BTreeMap<usize, (Vec<usize>, Option<chrono::NaiveDate>)> {
    let mut out: BTreeMap<usize, (Vec<usize>, Option<chrono::NaiveDate>)> = BTreeMap::new();
    for pin in &problem.pins {
        let r = problem.requests.iter().position(|r| r.id == pin.request);
        let t = problem.trainers.iter().position(|t| t.id == pin.trainer);
        if let (Some(r), Some(t)) = (r, t) {
            let entry = out.entry(r).or_default();
            entry.0.push(t);
            entry.1 = entry.1.or(pin.start);
        }
    }
    out
}

/// For each request the hint staffs: its trainers (problem indices) and start. Ids the problem
/// no longer has are skipped.
fn hinted_by_request(
    problem: &Problem,
    hint: Option<&Schedule>,
) -> BTreeMap<usize, (Vec<usize>, chrono::NaiveDate)> {
    let Some(hint) = hint else { return BTreeMap::new() };
    let requests: BTreeMap<&str, usize> = problem
        .requests
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let trainers: BTreeMap<&str, usize> = problem
        .trainers
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    hint.scheduled
        .iter()
        .filter_map(|a| {
            let r = *requests.get(a.request.as_str())?;
            let team = a
                .trainers
                .iter()
                .filter_map(|t| trainers.get(t.as_str()).copied())
                .collect();
            Some((r, (team, a.start)))
        })
        .collect()
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

/// The cheapest team for option `o` that includes every trainer in `must`: those first, then
/// leads, then others, cheapest first, within the same-country cap; `None` when the minimum,
/// the leads or a must-have trainer cannot be met.
fn team(
    problem: &Problem,
    space: &Space,
    state: &State,
    o: usize,
    must: &[usize],
) -> Option<(u64, Vec<usize>)> {
    let r = &problem.requests[space.starts[o].request];
    let mut free: Vec<usize> = space.seat_ranges[o]
        .clone()
        .filter(|&k| fits(problem, space, state, &space.seats[k]))
        .collect();
    let is_must = |k: &usize| must.contains(&space.seats[*k].trainer);
    if free.iter().filter(|k| is_must(k)).count() < must.len() || must.len() > r.trainers_max as usize {
        return None;
    }
    free.sort_by_key(|&k| (!is_must(&k), !space.seats[k].lead, space.seats[k].cost, k));
    let cap = r.max_same_country.unwrap_or(u32::MAX);
    let mut per_country: BTreeMap<&_, u32> = BTreeMap::new();
    let mut chosen = Vec::new();
    let mut add = |k: usize, chosen: &mut Vec<usize>| {
        let n = per_country
            .entry(&problem.trainers[space.seats[k].trainer].country)
            .or_default();
        (*n < cap).then(|| {
            *n += 1;
            chosen.push(k)
        })
    };
    for &k in free.iter().filter(|k| is_must(k)) {
        add(k, &mut chosen)?;
    }
    let leads_of = |chosen: &[usize]| chosen.iter().filter(|&&k| space.seats[k].lead).count() as u32;
    for &k in free.iter().filter(|&&k| space.seats[k].lead && !is_must(&k)) {
        if leads_of(&chosen) < r.leads {
            add(k, &mut chosen);
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
    let ok = leads_of(&chosen) >= r.leads
        && (r.trainers_min as usize..=r.trainers_max as usize).contains(&chosen.len());
    ok.then(|| (chosen.iter().map(|&k| space.seats[k].cost).sum(), chosen))
}

/// Undoes [`take`].
fn give_back(problem: &Problem, space: &Space, state: &mut State, o: usize, seats: &[usize]) {
    let span = blocked_span(problem, space, o);
    let days = problem.requests[space.starts[o].request].duration_days;
    for &k in seats {
        let t = space.seats[k].trainer;
        state.used_days[t] -= days;
        if let Some(i) = state.blocked[t].iter().position(|&b| b == span) {
            state.blocked[t].swap_remove(i);
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solver::columns::Columns;
    use crate::solver::extract::{self, Proof};

    /// The greedy with every seat's cost turned round picks the costliest teams; staffed again,
    /// the same options cost less, and both schedules pass the independent checker.
    #[test]
    fn restaffing_keeps_the_options_and_lowers_the_cost_of_dear_teams() {
        let spec = crate::generate::Spec::family("tight", 40, 60, 2).unwrap();
        let problem = crate::solver::tests::generated(&spec);
        let space = Space::build(&problem, true);
        let mut dear = space.clone();
        let top = space.seats.iter().map(|s| s.cost).max().unwrap();
        dear.seats.iter_mut().for_each(|s| s.cost = top - s.cost);
        let before = greedy(&problem, &dear, None).unwrap();
        let after = restaff(&problem, &space, &before.options, &before.seats).unwrap();
        let cost = |c: &Choice| c.seats.iter().map(|&k| space.seats[k].cost).sum::<u64>();
        assert!(
            cost(&after) < cost(&before),
            "{} vs {}",
            cost(&after),
            cost(&before)
        );
        let sorted = |c: &Choice| {
            let mut o = c.options.clone();
            o.sort_unstable();
            o
        };
        assert_eq!(sorted(&after), sorted(&before));
        let columns = Columns::of(&space);
        for c in [&before, &after] {
            let point = columns.point(&c.options, &c.seats);
            let schedule = extract::schedule(&problem, &space, &point, Proof::trivial());
            assert!(crate::checker::check(&problem, &schedule).is_empty());
        }
        let doubled = [before.seats.clone(), before.seats.clone()].concat();
        assert!(restaff(&problem, &space, &before.options, &doubled).is_none());
    }
}

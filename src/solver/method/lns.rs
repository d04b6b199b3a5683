//! Large-neighbourhood search around the incumbent: free one neighbourhood of requests at a
//! time (a host region's, a quarter of the year's, one area's, one language's, the ones the LP
//! point leaves fractional), keep every other column at the incumbent's value, and solve that
//! small MIP; keep any schedule better than the incumbent. It finds good schedules when the
//! LP point is not nearly whole, and it is the anytime engine when the whole MIP is out of
//! reach.
//!
//! Each small MIP is limited by nodes, not seconds, so the search takes the same path on any
//! machine; only the tier's time budget stops it early.

use std::collections::BTreeMap;

use super::state::State;
use super::TierRun;
use crate::solver::columns::Columns;
use crate::solver::highs::{Outcome, Relaxation, Run};
use crate::solver::space::Space;

/// Branch-and-bound nodes each neighbourhood's MIP may take.
pub(super) const NODES: i32 = 200;

/// Most passes over the neighbourhoods.
const PASSES: usize = 3;

/// The search stops after this many neighbourhoods in a row that improve nothing (it pays
/// when the incumbent is poor; around a good one it is lost time).
const STALL: usize = 8;

/// Days per "quarter" of the year in the calendar neighbourhoods.
const QUARTER_DAYS: i64 = 91;

/// Most requests in one neighbourhood: larger groups are cut, by start date, into pieces of
/// this size (a small MIP's root stays quick).
const MOST_REQUESTS: usize = 24;

/// Improves the incumbent in `state` by solving one neighbourhood after another, until
/// [`STALL`] in a row find nothing better, [`PASSES`] passes are done, the incumbent meets the
/// bound, or the budget ends.
pub(super) fn improve(
    run: &mut TierRun<'_>,
    lp: Option<&Relaxation>,
    state: &mut State,
) -> Result<(), String> {
    let hoods = neighbourhoods(run, lp);
    let mut idle = 0;
    for hood in hoods.iter().cycle().take(PASSES * hoods.len()) {
        if state.solved() || run.budget.stopped() || idle >= STALL {
            break;
        }
        idle = if solve_hood(run, state, hood)? {
            0
        } else {
            idle + 1
        };
    }
    Ok(())
}

/// Polishes the incumbent: which options it holds stays (and with them the coverage), every
/// seat is free. On a tier whose LP point is far from whole, the dives find nothing and the
/// incumbent is the schedule of the tier before, chosen without regard to this tier's
/// objective: re-staffing its options is a quick MIP that closes most of that distance.
pub(super) fn polish(run: &mut TierRun<'_>, state: &mut State) -> Result<(), String> {
    let Some((point, _)) = state.incumbent.clone() else {
        return Ok(());
    };
    let fixed: Vec<(usize, f64)> = run
        .formulation
        .columns
        .options()
        .map(|j| (j, point[j].round()))
        .collect();
    improve_with(run, state, &fixed, &point, "keeping its options").map(drop)
}

/// Solves the tier with `fixed` held from `point`'s MIP start; whether it improved the
/// incumbent by a whole unit.
fn improve_with(
    run: &mut TierRun<'_>,
    state: &mut State,
    fixed: &[(usize, f64)],
    point: &[f64],
    what: &str,
) -> Result<bool, String> {
    let value = run.model.value(point);
    let outcome = run.model.solve(
        run.formulation,
        &Run {
            fixed,
            start: Some(point),
            presolve: true,
            gap: 0.0,
            max_nodes: Some(NODES),
            jump: true,
            budget: &run.budget,
        },
    )?;
    let Outcome::Solved {
        values, objective, ..
    } = outcome
    else {
        return Ok(false);
    };
    // Objectives take whole values: a better schedule is better by a whole unit.
    let better = match state.sense {
        crate::solver::tiers::Sense::Max => objective > value + 0.5,
        crate::solver::tiers::Sense::Min => objective < value - 0.5,
    };
    if better {
        run.progress.say(|| {
            format!(
                "{}: {what} improves {value:.0} to {objective:.0}",
                run.model.kind().name()
            )
        });
        state.offer(values, objective);
    }
    Ok(better)
}

/// Solves one neighbourhood (request indices); whether it improved the incumbent.
fn solve_hood(run: &mut TierRun<'_>, state: &mut State, hood: &[usize]) -> Result<bool, String> {
    let Some((point, _)) = state.incumbent.clone() else {
        return Ok(false);
    };
    let free = free_columns(run, hood);
    let fixed: Vec<(usize, f64)> = (0..point.len())
        .filter(|j| !free[*j])
        .map(|j| (j, point[j].round()))
        .collect();
    let what = format!("neighbourhood of {} request(s)", hood.len());
    improve_with(run, state, &fixed, &point, &what)
}

/// Which columns a neighbourhood frees: its requests' options and their seats.
fn free_columns(run: &TierRun<'_>, hood: &[usize]) -> Vec<bool> {
    free_in(run.space, run.formulation.columns, hood)
}

/// [`free_columns`] in `space` laid out as `c`.
fn free_in(space: &Space, c: Columns, hood: &[usize]) -> Vec<bool> {
    let mut free = vec![false; c.len()];
    for &r in hood {
        for o in space.request_ranges[r].clone() {
            free[c.y(o)] = true;
            space.seat_ranges[o].clone().for_each(|k| free[c.x(k)] = true);
        }
    }
    free
}

/// The neighbourhoods, each a list of request indices: the requests with a fractional column
/// in the LP point, then by host region and quarter of the year, by area and quarter, by
/// language and quarter — each cut into pieces of at most [`MOST_REQUESTS`].
fn neighbourhoods(run: &TierRun<'_>, lp: Option<&Relaxation>) -> Vec<Vec<usize>> {
    let p = run.problem;
    let open: Vec<usize> = (0..p.requests.len())
        .filter(|&r| !run.space.request_ranges[r].is_empty())
        .collect();
    let mut groups: BTreeMap<(u8, String), Vec<usize>> = BTreeMap::new();
    for &r in &open {
        let req = &p.requests[r];
        let region = p.region_of(&req.host).map_or(String::new(), |g| g.to_string());
        let quarter = (req.earliest_start - p.horizon.from).num_days().max(0) / QUARTER_DAYS;
        for key in [
            (0, format!("{region} {quarter}")),
            (1, format!("{} {quarter}", req.area)),
            (2, format!("{} {quarter}", req.language)),
        ] {
            groups.entry(key).or_default().push(r);
        }
    }
    let mut all: Vec<Vec<usize>> = lp.map(|lp| fractional_requests(run, lp)).into_iter().collect();
    all.extend(groups.into_values());
    let by_start = |r: &usize| (p.requests[*r].earliest_start, *r);
    all.into_iter()
        .filter(|g| !g.is_empty())
        .flat_map(|mut g| {
            g.sort_by_key(by_start);
            g.chunks(MOST_REQUESTS).map(<[usize]>::to_vec).collect::<Vec<_>>()
        })
        .collect()
}

/// The columns the LP point's fractions touch: every column of a request with a fractional
/// column, and every seat of a trainer with a fractional seat (so that trainers can change
/// places between requests).
pub(super) fn touched(run: &TierRun<'_>, lp: &Relaxation) -> Vec<bool> {
    touched_in(run.space, run.formulation.columns, &lp.columns)
}

/// [`touched`] in `space` laid out as `c`, for the LP point `point`.
fn touched_in(space: &Space, c: Columns, point: &[f64]) -> Vec<bool> {
    let split = |j| fractional(point, j);
    let mut free = free_in(space, c, &fractional_in(space, c, point));
    let trainers: std::collections::BTreeSet<usize> = (0..space.seats.len())
        .filter(|&k| split(c.x(k)))
        .map(|k| space.seats[k].trainer)
        .collect();
    for (k, seat) in space.seats.iter().enumerate() {
        if trainers.contains(&seat.trainer) {
            free[c.x(k)] = true;
        }
    }
    free
}

/// Requests with an option or a seat strictly between 0 and 1 in the LP point.
fn fractional_requests(run: &TierRun<'_>, lp: &Relaxation) -> Vec<usize> {
    fractional_in(run.space, run.formulation.columns, &lp.columns)
}

/// [`fractional_requests`] in `space` laid out as `c`, for the LP point `point`.
fn fractional_in(space: &Space, c: Columns, point: &[f64]) -> Vec<usize> {
    let split = |j| fractional(point, j);
    (0..space.request_ranges.len())
        .filter(|&r| {
            space.request_ranges[r]
                .clone()
                .any(|o| split(c.y(o)) || space.seat_ranges[o].clone().any(|k| split(c.x(k))))
        })
        .collect()
}

/// Whether column `j` is strictly between 0 and 1 in `point`.
fn fractional(point: &[f64], j: usize) -> bool {
    point.get(j).is_some_and(|v| *v > 1e-6 && *v < 1.0 - 1e-6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fractional_seat_frees_its_request_and_every_seat_of_its_trainer_and_nothing_else() {
        let spec = crate::generate::Spec::family("tight", 30, 40, 3).unwrap();
        let problem = crate::solver::tests::generated(&spec);
        let space = Space::build(&problem, true);
        let c = Columns::of(&space);
        // A whole point (nothing held) but for one seat at one half.
        let k = space.seats.len() / 2;
        let seat = space.seats[k];
        let mut point = vec![0.0; c.len()];
        point[c.x(k)] = 0.5;
        let free = touched_in(&space, c, &point);
        let request = space.starts[seat.option].request;
        for o in 0..space.starts.len() {
            let mine = space.starts[o].request == request;
            assert_eq!(free[c.y(o)], mine, "option {o}");
            for q in space.seat_ranges[o].clone() {
                let want = mine || space.seats[q].trainer == seat.trainer;
                assert_eq!(free[c.x(q)], want, "seat {q}");
            }
        }
        // Other trainers' seats stay fixed: the neighbourhood is small.
        assert!(free.iter().filter(|f| **f).count() < c.len() / 4);
        // A whole point touches nothing.
        point[c.x(k)] = 1.0;
        assert!(touched_in(&space, c, &point).iter().all(|f| !f));
    }
}

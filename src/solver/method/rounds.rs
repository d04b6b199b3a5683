//! Stage 3 of the LP-guided method: reduced-cost fixing, a guessed round and an exact one.

use super::lp_guided::Lp;
use super::state::{Feasibility, State};
use super::TierRun;
use crate::solver::budget::Budget;
use crate::solver::highs::{Outcome, Relaxation, Run};
use crate::solver::tiers::Sense;

/// The guessed round keeps the columns within this share of the LP bound. Measured on the
/// programme suite: the cost optimum lies 0–0.2 % above the bound.
pub const FIRST_ROUND_GAP: f64 = 0.0025;

/// The guessed round may take this share of what is left, and at most [`GUESS_CAP_FACTOR`]
/// times what the tier took so far (at least [`GUESS_CAP_MIN`] seconds): when the optimum is
/// not within its τ, the round is lost time.
const GUESS_SHARE: f64 = 0.5;
const GUESS_CAP_FACTOR: f64 = 2.0;
const GUESS_CAP_MIN: f64 = 2.0;

/// A round starts from the incumbent (with presolve off) only when at least this share of the
/// columns is free. Smaller rounds are the ones presolve shrinks well: with the start
/// everywhere, `fares` 210 × 300 s1 and s2 took 11.1 and 10.2 s, with this share 6.8 and 6.0 s
/// (their one round leaves 15 % free), while the problems the start speeds up kept their
/// times (`tight` s1 29.8 → 32.9 s, `teams` 120 × 160 23.0 → 20.7 s, `mixed` s2 31.6 → 31.2 s;
/// docs/formulation.md has the table).
pub const START_FREE_SHARE: f64 = 0.25;

/// Under a limit, a tier that later tiers wait for runs an exact round that is nearly its whole
/// MILP (it fixes less than half the columns) only when the time left to it is at least this
/// many times what it took so far. Such a round proves little within a short share and takes
/// the later tiers' time: on a `tight` 210 × 300 problem with `--time-limit 10`, the coverage
/// tier's exact round (71 of 69,360 columns fixed) spent 4.3 s in HiGHS's presolve and
/// stopped unproven, leaving the cost tier under 3 s and a schedule 21 % above the cost
/// optimum; without the limit it proves the coverage in 12–30 times the 1.2 s the tier took
/// before it.
pub const WHOLE_ROUND_FACTOR: f64 = 10.0;

/// Under a limit, a nearly whole MILP runs only when the time left to the tier is at least
/// this many times what its LP relaxation took: HiGHS checks its limit only between the cut
/// rounds at the root, each of which solves that LP again. On a 10× `fares` problem (cost LP
/// 8.3 s) the cost tier's exact round with 25 s left spent 4.5 s in presolve, 3.4 s in the root
/// LP and then 54 s in two cut rounds, and the run ended 27 s past `--time-limit 120`.
pub const ROOT_LP_FACTOR: f64 = 10.0;

/// An incumbent within this many guesses ([`FIRST_ROUND_GAP`]) of the LP bound is near: the
/// LP point guided the dives well, and the guessed round is likely to prove the optimum (on
/// the programme's problems the optimum lies within one guess). Farther off, the LP is a poor
/// guide: the method searches around the incumbent first and then skips the guess (on a
/// `tight` 210 × 300 problem the missed guess took 14 s of 79).
pub const NEAR_GUESSES: f64 = 4.0;

/// Whether the incumbent in `state` is within [`NEAR_GUESSES`] guesses of the LP bound.
pub(super) fn near(lp: &Lp, state: &State) -> bool {
    let guess = FIRST_ROUND_GAP * lp.relaxation.value.abs().max(1.0);
    state
        .incumbent
        .as_ref()
        .is_some_and(|(_, u)| (u - lp.relaxation.value).abs() - 1.0 <= NEAR_GUESSES * guess)
}

/// Stage 3: reduced-cost fixing, a guessed round (when `may_guess`) and then an exact one.
pub(super) fn reduced_cost_rounds(
    run: &mut TierRun<'_>,
    lp: &Lp,
    state: &mut State,
    clock: std::time::Instant,
    master: &[(usize, f64)],
    may_guess: bool,
) -> Result<Feasibility, String> {
    let value = lp.relaxation.value;
    let first_guess = FIRST_ROUND_GAP * value.abs().max(1.0);
    let mut last_tau = f64::NEG_INFINITY;
    for round in 0..2 {
        if state.solved() || run.budget.interrupted() {
            break;
        }
        // τ that leaves out no schedule better than the incumbent by a whole unit.
        let exact = state.incumbent.as_ref().map(|(_, u)| (u - value).abs() - 1.0);
        let tau = match (round, exact) {
            (0, Some(e)) if !may_guess => e,
            (0, Some(e)) => e.min(first_guess),
            (0, None) => first_guess,
            (_, Some(e)) => e,
            (_, None) => f64::INFINITY,
        };
        if tau <= last_tau {
            break;
        }
        last_tau = tau;
        let mut fixed = if tau.is_finite() {
            fix_at_bound(&lp.relaxation, tau + 2.0 * lp.slack)
        } else {
            Vec::new()
        };
        let guess = round == 0 && exact != Some(tau);
        if !guess && !master.is_empty() {
            // Exact against the same incumbent: a schedule that moves one of these is no
            // better than it either.
            fixed = union(fixed, master);
        }
        // A guess that fixes less than half the columns is nearly the whole MILP, which the
        // exact round solves anyway (at 30× the programme it fixed 54 of 414,319 columns and
        // overran its limit by 74 s).
        let whole = fixed.len() * 2 < lp.relaxation.columns.len();
        if guess && whole {
            continue;
        }
        if let Some(why) = whole.then(|| skipped(run, lp, clock)).flatten() {
            run.progress.say(|| {
                format!(
                    "{}: the exact round is nearly the whole MILP; {why}",
                    run.model.kind().name()
                )
            });
            break;
        }
        run.progress.say(|| {
            format!(
                "{}: MIP on columns within {tau:.1} of the LP bound ({} of {} fixed)",
                run.model.kind().name(),
                fixed.len(),
                lp.relaxation.columns.len()
            )
        });
        let budget = if guess {
            let cap = (GUESS_CAP_FACTOR * clock.elapsed().as_secs_f64()).max(GUESS_CAP_MIN);
            run.budget.share(GUESS_SHARE).capped(cap)
        } else {
            run.budget.clone()
        };
        if round_once(run, lp, state, &fixed, tau, &budget)? == Feasibility::None {
            return Ok(Feasibility::None);
        }
    }
    Ok(Feasibility::Unknown)
}

/// Why a nearly whole MILP does not run in the time left (none: it runs).
fn skipped(run: &TierRun<'_>, lp: &Lp, clock: std::time::Instant) -> Option<&'static str> {
    let left = run.budget.remaining()?;
    why_skip(run.later, left, clock.elapsed().as_secs_f64(), lp.seconds)
}

/// [`skipped`] for a tier with `later` tiers after it, `left` seconds to go, `took` seconds
/// taken and an LP relaxation of `lp` seconds ([`ROOT_LP_FACTOR`], [`WHOLE_ROUND_FACTOR`]).
fn why_skip(later: bool, left: f64, took: f64, lp: f64) -> Option<&'static str> {
    if left < ROOT_LP_FACTOR * lp {
        Some("its root would not end within the time left")
    } else if later && left < WHOLE_ROUND_FACTOR * took {
        Some("its time goes to the tiers after it")
    } else {
        None
    }
}

/// One restricted MIP: the columns in `fixed` held, the rest free. Its bound and the best
/// objective outside it (whole values beyond L + τ) bound the whole tier.
fn round_once(
    run: &mut TierRun<'_>,
    lp: &Lp,
    state: &mut State,
    fixed: &[(usize, f64)],
    tau: f64,
    budget: &Budget,
) -> Result<Feasibility, String> {
    let sense = state.sense;
    // A round starts from the incumbent when it keeps every fixed column, with presolve off:
    // HiGHS 1.16 maps a start into its presolved space by dropping the columns presolve
    // removed, so a reduction that holds only for some optimal schedule gives the start a
    // wrong value there (on a `tight` 210 × 300 problem 244,060 for a schedule of 251,210),
    // and the adapter's check must then solve again. With the start HiGHS prunes by the
    // incumbent from its first node (docs/formulation.md has the measurements). No cutoff
    // (`objective_bound`) instead: HiGHS 1.16 applies it to the presolved objective, without
    // the fixed columns' share. A round that leaves fewer than [`START_FREE_SHARE`] of the
    // columns free runs without the start, with presolve.
    let free = 1.0 - fixed.len() as f64 / lp.relaxation.columns.len().max(1) as f64;
    let start = state
        .incumbent
        .as_ref()
        .map(|(values, _)| values.as_slice())
        .filter(|values| !fixed.is_empty() && free >= START_FREE_SHARE && keeps(values, fixed));
    let presolve = start.is_none() && (run.model.kind().presolve() || !fixed.is_empty());
    let outcome = run.model.solve(
        run.formulation,
        &Run {
            fixed,
            start,
            presolve,
            gap: run.gap,
            max_nodes: None,
            // HiGHS's feasibility jump only on small rounds: on a large one it runs for seconds
            // unchecked by the time limit and Ctrl-C (2.8 s on a `tight` 210 × 300 coverage round
            // with 99.9 % free), while on small ones it pays (`fares` 210 × 300 s2, 15 % free:
            // 6.0 s with it, 8.0 s without).
            jump: free < START_FREE_SHARE,
            budget,
        },
    )?;
    let value = lp.relaxation.value;
    // Schedules that move a fixed column are worse than L + τ + 2·slack, and objectives are
    // whole (−no_bound: there are no such schedules).
    let outside = match (sense, fixed.is_empty()) {
        (_, true) => -sense.no_bound(),
        (Sense::Min, false) => (value + tau + lp.slack).floor() + 1.0,
        (Sense::Max, false) => (value - tau - lp.slack).ceil() - 1.0,
    };
    let inside = match outcome {
        Outcome::Solved {
            values,
            objective,
            bound,
        } => {
            state.offer(values, objective);
            bound
        }
        Outcome::NoSolution { bound } => bound.unwrap_or(sense.no_bound()),
        // Every schedule moves a fixed column.
        Outcome::Infeasible if !fixed.is_empty() => -sense.no_bound(),
        Outcome::Infeasible => return Ok(Feasibility::None),
    };
    state.bound = sense.tighter(state.bound, sense.weaker(inside, outside));
    Ok(Feasibility::Unknown)
}

/// Whether `values` holds every column of `fixed` at its value.
fn keeps(values: &[f64], fixed: &[(usize, f64)]) -> bool {
    fixed
        .iter()
        .all(|&(j, v)| values.get(j).is_some_and(|x| (x - v).abs() <= 1e-6))
}

/// The columns of both lists, the first's value kept where both fix one.
fn union(mut a: Vec<(usize, f64)>, b: &[(usize, f64)]) -> Vec<(usize, f64)> {
    let have: std::collections::BTreeSet<usize> = a.iter().map(|f| f.0).collect();
    a.extend(b.iter().filter(|f| !have.contains(&f.0)).copied());
    a.sort_by_key(|f| f.0);
    a
}

/// Columns at a bound (0 or 1) in the LP point whose reduced cost exceeds `tau`, as (column,
/// value): moving one off its bound worsens the LP bound by more than `tau`. With `tau` = −∞,
/// every whole column.
pub(super) fn fix_at_bound(lp: &Relaxation, tau: f64) -> Vec<(usize, f64)> {
    lp.columns
        .iter()
        .zip(&lp.reduced_costs)
        .enumerate()
        .filter(|&(_, (&v, &d))| d.abs() > tau && (v.abs() <= 1e-6 || (v - 1.0).abs() <= 1e-6))
        .map(|(j, (&v, _))| (j, v.round()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nearly_whole_round_is_skipped_only_when_its_root_or_the_later_tiers_need_the_time() {
        // A `tight` coverage tier at --time-limit 10: 4.8 s left after 1.2 s, LP 0.4 s.
        assert_eq!(
            why_skip(true, 4.8, 1.2, 0.4),
            Some("its time goes to the tiers after it")
        );
        // The same as the last tier: the round runs.
        assert_eq!(why_skip(false, 4.8, 1.2, 0.4), None);
        // 143 s left after 1.2 s (--time-limit 240): the round runs.
        assert_eq!(why_skip(true, 143.0, 1.2, 0.4), None);
        // A 10× cost tier, the last: 25 s left after an LP of 8.3 s.
        assert_eq!(
            why_skip(false, 25.0, 30.0, 8.3),
            Some("its root would not end within the time left")
        );
    }
}

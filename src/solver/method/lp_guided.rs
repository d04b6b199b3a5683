//! Solving a tier from its LP relaxation, in three visible stages over a small state (the
//! incumbent and the proven bound):
//!
//! 1. [`lp_bound`]: the LP relaxation with the x ≤ y rows gives a bound L, a point and reduced
//!    costs. On the programme's problems the point is nearly whole and L is within a few tenths
//!    of a percent of the optimum.
//! 2. [`dives`]: two small MIPs look for a schedule near the point — one with every whole column
//!    fixed at its value, one with only the whole y columns fixed (which options are held, and
//!    when). A schedule that meets L is proven optimal for the whole tier.
//! 3. [`reduced_cost_rounds`]: the tier on the columns whose reduced cost is at most τ, the others
//!    fixed at their bound in the point: a schedule that moves a fixed column is worse than
//!    L + τ, so the restricted MIP holds every schedule within τ of L. The first round guesses
//!    τ ([`FIRST_ROUND_GAP`] of L); the second takes τ = U − 1 − L for the incumbent U, which
//!    leaves out no better schedule.
//!
//! The restricted MIPs get no MIP start: with one, HiGHS 1.16's presolve can lose the objective
//! offset of the fixed columns (caught by the adapter, but its retry costs seconds). The
//! incumbent is kept here instead.

use super::{Method, TierRun};
use crate::solver::budget::Budget;
use crate::solver::formulation::{Formulation, Row};
use crate::solver::highs::{Outcome, Relaxation, Run};
use crate::solver::space::Space;
use crate::solver::tiers::{self, Sense};

/// Share of the tier's time the LP relaxation may take.
const LP_SHARE: f64 = 0.5;

/// Shares of what is left that the two dives may take.
const DIVE_SHARES: [f64; 2] = [0.3, 0.5];

/// The guessed round keeps the columns within this share of the LP bound. Measured on the
/// programme suite: the cost optimum lies 0–0.2 % above the bound.
pub const FIRST_ROUND_GAP: f64 = 0.0025;

/// The guessed round may take this share of what is left, and at most [`GUESS_CAP_FACTOR`]
/// times what the tier took so far (at least [`GUESS_CAP_MIN`] seconds): when the optimum is
/// not within its τ, the round is lost time.
const GUESS_SHARE: f64 = 0.5;
const GUESS_CAP_FACTOR: f64 = 2.0;
const GUESS_CAP_MIN: f64 = 2.0;

/// The LP-guided method.
pub struct LpGuided;

impl Method for LpGuided {
    fn lp_rows(&self, f: &Formulation, space: &Space) -> Vec<Row> {
        f.seats_within_options(space)
    }

    fn solve(&self, mut run: TierRun<'_>) -> Result<Outcome, String> {
        let clock = std::time::Instant::now();
        let Some(lp) = lp_bound(&mut run)? else {
            return without_lp(&mut run);
        };
        let mut state = State {
            sense: run.model.kind().sense(),
            gap: run.gap,
            incumbent: None,
            bound: lp.bound,
        };
        dives(&mut run, &lp, &mut state)?;
        if let Some(s) = run.start {
            state.offer(s.to_vec(), run.model.value(s));
        }
        if reduced_cost_rounds(&mut run, &lp, &mut state, clock)? == Feasibility::None {
            // The LP has points but no schedule exists (pins that cannot hold together).
            return Ok(Outcome::Infeasible);
        }
        Ok(state.outcome())
    }
}

/// The incumbent and the bound proven so far.
struct State {
    sense: Sense,
    gap: f64,
    incumbent: Option<(Vec<f64>, f64)>,
    bound: f64,
}

impl State {
    /// Keeps `values` when strictly better than the incumbent.
    fn offer(&mut self, values: Vec<f64>, objective: f64) {
        if self
            .incumbent
            .as_ref()
            .is_none_or(|(_, u)| self.sense.better(objective, *u))
        {
            self.incumbent = Some((values, objective));
        }
    }

    /// The incumbent's objective, if any.
    fn value(&self) -> Option<f64> {
        self.incumbent.as_ref().map(|(_, u)| *u)
    }

    /// Whether the incumbent meets the bound.
    fn solved(&self) -> bool {
        self.incumbent
            .as_ref()
            .is_some_and(|(_, u)| tiers::proven(self.sense, *u, self.bound, self.gap))
    }

    fn outcome(self) -> Outcome {
        match self.incumbent {
            Some((values, objective)) => Outcome::Solved {
                values,
                objective,
                bound: self.bound,
            },
            None => Outcome::NoSolution {
                bound: Some(self.bound),
            },
        }
    }
}

/// The LP relaxation and its bound (a hair of slack for the LP's tolerances, in the safe
/// direction).
struct Lp {
    relaxation: Relaxation,
    bound: f64,
    slack: f64,
}

/// Stage 1: the LP relaxation within [`LP_SHARE`] of the tier's time; `None` when it does not
/// finish or Ctrl-C stopped it.
fn lp_bound(run: &mut TierRun<'_>) -> Result<Option<Lp>, String> {
    let presolve = run.model.kind().presolve();
    let budget = run.budget.share(LP_SHARE);
    let relaxation = run.model.relaxation(run.formulation, &budget, presolve)?;
    let Some(relaxation) = relaxation.filter(|_| !run.budget.interrupted()) else {
        return Ok(None);
    };
    let slack = 1e-6 * relaxation.value.abs().max(1.0);
    let bound = match run.model.kind().sense() {
        Sense::Max => relaxation.value + slack,
        Sense::Min => relaxation.value - slack,
    };
    let columns = relaxation.columns.len();
    let whole = fix_at_bound(&relaxation, f64::NEG_INFINITY).len();
    run.progress.say(|| {
        format!(
            "{} LP: bound {:.1}, {} of {columns} columns fractional",
            run.model.kind().name(),
            relaxation.value,
            columns - whole
        )
    });
    Ok(Some(Lp {
        relaxation,
        bound,
        slack,
    }))
}

/// When the LP does not finish within its share of a limit, the MILP (whose root is a harder
/// LP) has no chance: the start stands, unproven. (At 30× the programme the coverage MILP spent
/// 237 s without improving the greedy schedule, and the cost MILP overran its limit by 80 s.)
/// Without a start, without a limit, or after Ctrl-C, the whole MILP runs in the time left.
fn without_lp(run: &mut TierRun<'_>) -> Result<Outcome, String> {
    let sense = run.model.kind().sense();
    match run.start {
        Some(start) if run.budget.is_limited() && !run.budget.interrupted() => Ok(Outcome::Solved {
            values: start.to_vec(),
            objective: run.model.value(start),
            bound: sense.no_bound(),
        }),
        start => run.model.solve(&Run {
            fixed: &[],
            start,
            presolve: run.model.kind().presolve(),
            gap: run.gap,
            cutoff: None,
            budget: &run.budget,
        }),
    }
}

/// Stage 2: two small MIPs near the LP point, with presolve (which removes the fixed columns).
fn dives(run: &mut TierRun<'_>, lp: &Lp, state: &mut State) -> Result<(), String> {
    let whole = fix_at_bound(&lp.relaxation, f64::NEG_INFINITY);
    let options = run.formulation.columns.options();
    let held: Vec<(usize, f64)> = whole
        .iter()
        .copied()
        .filter(|(j, _)| options.contains(j))
        .collect();
    for (fixed, share) in [whole, held].iter().zip(DIVE_SHARES) {
        let outcome = run.model.solve(&Run {
            fixed,
            start: None,
            presolve: true,
            gap: run.gap,
            cutoff: state.value(),
            budget: &run.budget.share(share),
        })?;
        if let Outcome::Solved {
            values, objective, ..
        } = outcome
        {
            state.offer(values, objective);
        }
        if state.solved() || run.budget.interrupted() {
            break;
        }
    }
    Ok(())
}

/// Whether a restricted MIP showed the whole tier to have no schedule at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Feasibility {
    /// Not known to be infeasible.
    Unknown,
    /// The unrestricted MIP is infeasible: no schedule exists.
    None,
}

/// Stage 3: reduced-cost fixing, a guessed round and then an exact one.
fn reduced_cost_rounds(
    run: &mut TierRun<'_>,
    lp: &Lp,
    state: &mut State,
    clock: std::time::Instant,
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
            (0, Some(e)) => e.min(first_guess),
            (0, None) => first_guess,
            (_, Some(e)) => e,
            (_, None) => f64::INFINITY,
        };
        if tau <= last_tau {
            break;
        }
        last_tau = tau;
        let fixed = if tau.is_finite() {
            fix_at_bound(&lp.relaxation, tau + 2.0 * lp.slack)
        } else {
            Vec::new()
        };
        let guess = round == 0 && exact != Some(tau);
        // A guess that fixes less than half the columns is nearly the whole MILP, which the
        // exact round solves anyway (at 30× the programme it fixed 54 of 414,319 columns and
        // overran its limit by 74 s).
        if guess && fixed.len() * 2 < lp.relaxation.columns.len() {
            continue;
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
    let presolve = run.model.kind().presolve() || !fixed.is_empty();
    let outcome = run.model.solve(&Run {
        fixed,
        start: None,
        presolve,
        gap: run.gap,
        cutoff: state.value(),
        budget,
    })?;
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

/// Columns at a bound (0 or 1) in the LP point whose reduced cost exceeds `tau`, as (column,
/// value): moving one off its bound worsens the LP bound by more than `tau`. With `tau` = −∞,
/// every whole column.
fn fix_at_bound(lp: &Relaxation, tau: f64) -> Vec<(usize, f64)> {
    lp.columns
        .iter()
        .zip(&lp.reduced_costs)
        .enumerate()
        .filter(|&(_, (&v, &d))| d.abs() > tau && (v.abs() <= 1e-6 || (v - 1.0).abs() <= 1e-6))
        .map(|(j, (&v, _))| (j, v.round()))
        .collect()
}

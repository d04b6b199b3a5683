//! Solving a tier from its LP relaxation, in visible stages over a small state (the incumbent
//! and the proven bound):
//!
//! 1. [`lp_bound`]: the LP relaxation with the x ≤ y rows gives a bound L, a point and reduced
//!    costs. On the programme's problems the point is nearly whole and L is within a few tenths
//!    of a percent of the optimum.
//! 2. [`dives`]: small MIPs look for a schedule near the point — one with every whole column
//!    fixed at its value, one that also frees the columns the point's fractions touch (when
//!    they are few), one with only the whole y columns fixed (which options are held, and
//!    when). A schedule that meets L is proven optimal for the whole tier.
//! 3. Search ([`lns`]), when the incumbent is far from L ([`rounds::near`]): polish (the
//!    incumbent's options kept, every seat free), then one neighbourhood of requests at a time.
//! 4. The decomposition's bound ([`master_stage`]), when asked for.
//! 5. [`rounds::reduced_cost_rounds`]: the tier on the columns whose reduced cost is at most τ,
//!    the others fixed at their bound in the point: a schedule that moves a fixed column is
//!    worse than L + τ, so the restricted MIP holds every schedule within τ of L. The first
//!    round guesses τ (unless the search ran); the second takes τ = U − 1 − L for the incumbent
//!    U, which leaves out no better schedule.

use super::state::{Feasibility, State};
use super::{lns, master_stage, rounds, Method, TierRun};
use crate::solver::formulation::{Formulation, Row};
use crate::solver::highs::{Outcome, Relaxation, Run};
use crate::solver::space::Space;
use crate::solver::tiers::Sense;

/// Share of the tier's time the LP relaxation may take.
const LP_SHARE: f64 = 0.5;

/// Shares of what is left that the dives may take.
const DIVE_SHARES: [f64; 3] = [0.3, 0.3, 0.5];

/// The dive around the LP point's fractions runs when they touch at most this many columns:
/// a small MIP whose root stays quick. On the mostly-fixed-dates family at 210 × 300 they
/// touch 1,800–4,100 columns and the dive finds the cost optimum or near it in 0.1–0.6 s,
/// where the dive with only the options fixed took 0.6–0.9 s; on `fares` (7,500–10,400
/// columns) it took 1 s and found worse schedules than that dive, on `tight` (31,000) 7 s.
pub const HOOD_MOST_COLUMNS: usize = 5_000;

/// That dive may take this many times what the LP relaxation took (at least
/// [`HOOD_MIN_SECONDS`]): on a `teams` 120 × 160 problem it touched 4,900 columns and spent
/// 5.2 s at its root, after an LP of 0.3 s.
const HOOD_LP_FACTOR: f64 = 3.0;
const HOOD_MIN_SECONDS: f64 = 0.2;

/// The LP-guided method; with `decomposition`, a tier the LP and the dives leave unproven is
/// bounded by the decomposition by trainer before the reduced-cost rounds, which then also
/// leave out the columns its bound fixes.
pub struct LpGuided {
    /// Run the decomposition stage.
    pub decomposition: bool,
}

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
            progress: run.progress,
            tier: run.model.kind().name(),
        };
        dives(&mut run, &lp, &mut state)?;
        if let Some(s) = run.start {
            state.offer(s.to_vec(), run.model.value(s));
        }
        // Around an incumbent far from the LP bound the LP is a poor guide: search first (on
        // the programme's problems the incumbent is near and the search would be lost time).
        let search = !rounds::near(&lp, &state);
        if search && !state.solved() && !run.budget.interrupted() {
            lns::polish(&mut run, &mut state)?;
        }
        if search && !state.solved() && !run.budget.interrupted() {
            lns::improve(&mut run, Some(&lp.relaxation), &mut state)?;
        }
        let master = match self.decomposition && !state.solved() && !run.budget.interrupted() {
            // The decomposition only adds a bound: when HiGHS fails on its master, the tier goes
            // on without it.
            true => master_stage::master_bound(&mut run, &lp, &mut state).unwrap_or_else(|e| {
                run.progress.say(|| format!("decomposition stopped: {e}"));
                Vec::new()
            }),
            false => Vec::new(),
        };
        if rounds::reduced_cost_rounds(&mut run, &lp, &mut state, clock, &master, !search)?
            == Feasibility::None
        {
            // The LP has points but no schedule exists (pins that cannot hold together).
            return Ok(Outcome::Infeasible);
        }
        Ok(state.outcome())
    }
}

/// The LP relaxation and its bound (a hair of slack for the LP's tolerances, in the safe
/// direction).
pub(super) struct Lp {
    pub(super) relaxation: Relaxation,
    pub(super) bound: f64,
    pub(super) slack: f64,
    /// Seconds the relaxation took.
    pub(super) seconds: f64,
}

/// Stage 1: the LP relaxation within [`LP_SHARE`] of the tier's time; `None` when it does not
/// finish or Ctrl-C stopped it.
fn lp_bound(run: &mut TierRun<'_>) -> Result<Option<Lp>, String> {
    let presolve = run.model.kind().presolve();
    let budget = run.budget.share(LP_SHARE);
    let clock = std::time::Instant::now();
    let relaxation = run.model.relaxation(run.formulation, &budget, presolve)?;
    let seconds = clock.elapsed().as_secs_f64();
    let Some(relaxation) = relaxation.filter(|_| !run.budget.interrupted()) else {
        return Ok(None);
    };
    let slack = 1e-6 * relaxation.value.abs().max(1.0);
    let bound = match run.model.kind().sense() {
        Sense::Max => relaxation.value + slack,
        Sense::Min => relaxation.value - slack,
    };
    let columns = relaxation.columns.len();
    let whole = rounds::fix_at_bound(&relaxation, f64::NEG_INFINITY).len();
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
        seconds,
    }))
}

/// When the LP does not finish within its share of a limit, the MILP (whose root is a harder
/// LP) has no chance: the start stands, unproven. (At 30× the programme the coverage MILP spent
/// 237 s without improving the greedy schedule, and the cost MILP overran its limit by 80 s.)
/// After Ctrl-C the start stands too (a MILP would only spend its presolve to return it).
/// Without a start, or without a limit, the whole MILP runs in the time left.
fn without_lp(run: &mut TierRun<'_>) -> Result<Outcome, String> {
    let sense = run.model.kind().sense();
    match run.start {
        Some(start) if run.budget.is_limited() || run.budget.interrupted() => Ok(Outcome::Solved {
            values: start.to_vec(),
            objective: run.model.value(start),
            bound: sense.no_bound(),
        }),
        start => run.model.solve(
            run.formulation,
            &Run {
                fixed: &[],
                start,
                presolve: run.model.kind().presolve(),
                gap: run.gap,
                max_nodes: None,
                jump: true,
                budget: &run.budget,
            },
        ),
    }
}

/// Stage 2: small MIPs near the LP point, each on its own model of the free columns, with
/// presolve:
/// one with every whole column fixed at its value; one with every whole column fixed but those
/// the point's fractions touch ([`lns::touched`]), when they are at most
/// [`HOOD_MOST_COLUMNS`]; and, unless that one proved its schedule best among those it
/// searched, one with only the whole y columns fixed (which options are held, and when).
fn dives(run: &mut TierRun<'_>, lp: &Lp, state: &mut State) -> Result<(), String> {
    let whole = rounds::fix_at_bound(&lp.relaxation, f64::NEG_INFINITY);
    let options = run.formulation.columns.options();
    let held: Vec<(usize, f64)> = whole
        .iter()
        .copied()
        .filter(|(j, _)| options.contains(j))
        .collect();
    let touched = lns::touched(run, &lp.relaxation);
    let small = touched.iter().filter(|t| **t).count() <= HOOD_MOST_COLUMNS;
    let hood = small.then(|| whole.iter().copied().filter(|(j, _)| !touched[*j]).collect());
    let hood_cap = (HOOD_LP_FACTOR * lp.seconds).max(HOOD_MIN_SECONDS);
    // (columns fixed, share of the time left, whether it is the neighbourhood dive).
    let dives = [(Some(whole), false), (hood, true), (Some(held), false)];
    for ((fixed, is_hood), share) in dives.into_iter().zip(DIVE_SHARES) {
        let Some(fixed) = fixed else { continue };
        let budget = run.budget.share(share);
        let outcome = run.model.solve(
            run.formulation,
            &Run {
                fixed: &fixed,
                start: None,
                presolve: true,
                gap: run.gap,
                max_nodes: is_hood.then_some(lns::NODES),
                jump: true,
                budget: &if is_hood { budget.capped(hood_cap) } else { budget },
            },
        )?;
        let mut settled = false;
        if let Outcome::Solved {
            values,
            objective,
            bound,
        } = outcome
        {
            // The neighbourhood's best, proven: the options-fixed dive is not needed.
            settled = is_hood && (objective - bound).abs() < 0.5;
            state.offer(values, objective);
        }
        if settled || state.solved() || run.budget.interrupted() {
            break;
        }
    }
    Ok(())
}

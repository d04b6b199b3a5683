//! Runs one objective tier on HiGHS through good_lp, and reads back what good_lp hides:
//! the proven bound and the status behind a time limit.

use good_lp::solvers::highs::highs;
use good_lp::{Constraint, Expression, ProblemVariables, SolverModel};
use highs::HighsModelStatus;

/// Whether a tier maximises or minimises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sense {
    /// Maximise (coverage).
    Max,
    /// Minimise (cost).
    Min,
}

/// Solver settings for one tier.
#[derive(Clone, Debug)]
pub struct TierSettings {
    /// Seconds this tier may take.
    pub time_limit: Option<f64>,
    /// Relative gap tolerance.
    pub mip_rel_gap: f64,
    /// HiGHS threads.
    pub threads: u32,
    /// HiGHS random seed.
    pub seed: u32,
    /// Print HiGHS's log.
    pub verbose: bool,
}

/// What one tier proved.
#[derive(Clone, Debug)]
pub enum TierOutcome {
    /// The model has no feasible point.
    Infeasible,
    /// No feasible point found before the limit.
    NoSolution {
        /// Proven bound, when HiGHS has one.
        bound: Option<f64>,
    },
    /// A feasible point with its objective and proven bound.
    Solved {
        /// Column values.
        values: Vec<f64>,
        /// Objective of `values`.
        objective: f64,
        /// Proven bound on the objective.
        bound: f64,
    },
}

/// HiGHS's version string.
pub fn highs_version() -> String {
    "HiGHS 1.16.0 (highs-sys 1.16.0, good_lp 1.15)".to_owned()
}

/// Solves `objective` over `vars` and `rows`, starting from `start` when given.
pub fn run_tier(
    vars: ProblemVariables,
    rows: &[Constraint],
    objective: Expression,
    sense: Sense,
    start: Option<&[f64]>,
    settings: &TierSettings,
) -> Result<TierOutcome, String> {
    let unsolved = match sense {
        Sense::Max => vars.maximise(objective),
        Sense::Min => vars.minimise(objective),
    };
    let mut problem = unsolved.using(highs);
    for row in rows {
        problem.add_constraint(row.clone());
    }
    let mut model = problem.try_into_inner().map_err(|e| e.to_string())?;
    apply_settings(&mut model, settings)?;
    if let Some(values) = start {
        model
            .try_set_solution(Some(values), None, None, None)
            .map_err(|e| format!("warm start rejected: {e:?}"))?;
    }
    let solved = model.try_solve().map_err(|e| format!("HiGHS failed: {e:?}"))?;
    let status = solved.status();
    let bound = solved
        .double_info_value(c"mip_dual_bound")
        .ok()
        .filter(|b| b.is_finite());
    let has_point = solved.primal_solution_status() == highs::HighsSolutionStatus::Feasible;
    match status {
        HighsModelStatus::Infeasible => return Ok(TierOutcome::Infeasible),
        _ if !has_point => return Ok(TierOutcome::NoSolution { bound }),
        _ => {}
    }
    let objective = solved.objective_value();
    // Without a finite dual bound nothing is proven, unless HiGHS itself reports optimality.
    let unproven = match sense {
        Sense::Max => f64::INFINITY,
        Sense::Min => f64::NEG_INFINITY,
    };
    let proven = status == HighsModelStatus::Optimal;
    let bound = bound.unwrap_or(if proven { objective } else { unproven });
    Ok(TierOutcome::Solved {
        values: solved.get_solution().columns().to_vec(),
        objective,
        bound,
    })
}

fn apply_settings(model: &mut highs::Model, s: &TierSettings) -> Result<(), String> {
    let set = |m: &mut highs::Model, k: &str, v: f64| {
        m.try_set_option(k, v)
            .map_err(|_| format!("HiGHS rejected option {k}"))
    };
    if !s.verbose {
        model.make_quiet();
    }
    if let Some(limit) = s.time_limit {
        set(model, "time_limit", limit.max(0.01))?;
    }
    set(model, "mip_rel_gap", s.mip_rel_gap)?;
    // Both objectives take whole values: a gap under one unit proves optimality.
    set(model, "mip_abs_gap", 0.999)?;
    model
        .try_set_option("threads", s.threads as i32)
        .map_err(|_| "HiGHS rejected option threads".to_owned())?;
    model
        .try_set_option("random_seed", s.seed as i32)
        .map_err(|_| "HiGHS rejected option random_seed".to_owned())?;
    Ok(())
}

//! Runs one objective tier on HiGHS through good_lp, and reads back what good_lp hides:
//! the proven bound and the status behind a time limit.

use good_lp::solvers::highs::highs;
use good_lp::{Constraint, Expression, IntoAffineExpression, ProblemVariables, SolverModel};
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
    /// Extra HiGHS options, as `name=value`, applied last.
    pub extra: Vec<(String, String)>,
    /// Tier name for progress lines.
    pub name: &'static str,
    /// Show incumbents on stderr.
    pub progress: bool,
    /// When the whole solve started.
    pub clock: std::time::Instant,
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

/// One tier's model: variables, rows, objective and sense, and an optional warm start.
pub struct TierModel<'a> {
    /// The variables (cloned for each HiGHS run).
    pub vars: &'a ProblemVariables,
    /// Constraint rows.
    pub rows: &'a [Constraint],
    /// Objective.
    pub objective: &'a Expression,
    /// Maximise or minimise.
    pub sense: Sense,
    /// Column values to start from.
    pub start: Option<&'a [f64]>,
}

/// Solves a tier, starting from its warm start when given.
///
/// HiGHS 1.16 can misplace the objective offset of a MIP start after presolve: its reported
/// objective and bound then disagree with the solution it returns. Every answer is therefore
/// re-evaluated here; on a disagreement the tier is solved again without presolve, and if that
/// disagrees too, the solution is kept but no bound is claimed.
pub fn run_tier(tier: &TierModel<'_>, settings: &TierSettings) -> Result<TierOutcome, String> {
    let clock = std::time::Instant::now();
    let coefficients = objective_columns(tier.vars, tier.objective);
    let first = attempt(tier, settings, &coefficients)?;
    if super::callback::interrupted() {
        return Ok(first.outcome());
    }
    let Attempt::Inconsistent(_) = first else {
        return Ok(first.outcome());
    };
    let mut retry = settings.clone();
    retry.time_limit = settings
        .time_limit
        .map(|t| (t - clock.elapsed().as_secs_f64()).max(0.01));
    retry.extra.push(("presolve".to_owned(), "off".to_owned()));
    match attempt(tier, &retry, &coefficients)? {
        Attempt::Consistent(outcome) => Ok(outcome),
        Attempt::Inconsistent(TierOutcome::Solved {
            values, objective, ..
        }) => Ok(TierOutcome::Solved {
            values,
            objective,
            bound: unproven(tier.sense),
        }),
        Attempt::Inconsistent(outcome) => Ok(outcome),
    }
}

/// A tier's outcome, and whether HiGHS's own objective agreed with its solution.
enum Attempt {
    Consistent(TierOutcome),
    Inconsistent(TierOutcome),
}

impl Attempt {
    fn outcome(self) -> TierOutcome {
        match self {
            Attempt::Consistent(o) | Attempt::Inconsistent(o) => o,
        }
    }
}

/// The bound that claims nothing.
fn unproven(sense: Sense) -> f64 {
    match sense {
        Sense::Max => f64::INFINITY,
        Sense::Min => f64::NEG_INFINITY,
    }
}

/// (column, coefficient) of each term of `objective`; columns follow variable creation order.
fn objective_columns(vars: &ProblemVariables, objective: &Expression) -> Vec<(usize, f64)> {
    let order: std::collections::HashMap<_, usize> = vars
        .iter_variables_with_def()
        .enumerate()
        .map(|(i, (v, _))| (v, i))
        .collect();
    objective
        .clone()
        .linear_coefficients()
        .map(|(v, c)| (order[&v], c))
        .collect()
}

fn attempt(
    tier: &TierModel<'_>,
    settings: &TierSettings,
    coefficients: &[(usize, f64)],
) -> Result<Attempt, String> {
    let mut model = highs_model(tier, settings)?;
    if let Some(values) = tier.start {
        model
            .try_set_solution(Some(values), None, None, None)
            .map_err(|e| format!("warm start rejected: {e:?}"))?;
    }
    let mut watch = super::callback::Watch {
        tier: settings.name,
        progress: settings.progress,
        clock: settings.clock,
    };
    super::callback::install(&mut model, &mut watch);
    let solved = model.try_solve().map_err(|e| format!("HiGHS failed: {e:?}"))?;
    let status = solved.status();
    let bound = solved
        .double_info_value(c"mip_dual_bound")
        .ok()
        .filter(|b| b.is_finite());
    let has_point = solved.primal_solution_status() == highs::HighsSolutionStatus::Feasible;
    match status {
        HighsModelStatus::Infeasible => return Ok(Attempt::Consistent(TierOutcome::Infeasible)),
        _ if !has_point => return Ok(Attempt::Consistent(TierOutcome::NoSolution { bound })),
        _ => {}
    }
    let values = solved.get_solution().columns().to_vec();
    let objective: f64 = coefficients.iter().map(|&(i, c)| c * values[i]).sum();
    let consistent = (objective - solved.objective_value()).abs() <= 0.5;
    // Without a finite dual bound nothing is proven, unless HiGHS itself reports optimality.
    let proven = status == HighsModelStatus::Optimal;
    let bound = bound.unwrap_or(if proven { objective } else { unproven(tier.sense) });
    let outcome = TierOutcome::Solved {
        values,
        objective,
        bound,
    };
    Ok(if consistent {
        Attempt::Consistent(outcome)
    } else {
        Attempt::Inconsistent(outcome)
    })
}

/// The LP relaxation of a tier: its optimal objective, or `None` when HiGHS does not prove the
/// LP optimal (for example within the time limit).
pub fn relaxation(tier: &TierModel<'_>, settings: &TierSettings) -> Result<Option<f64>, String> {
    let mut model = highs_model(tier, settings)?;
    model
        .try_set_option("solve_relaxation", true)
        .map_err(|_| "HiGHS rejected solve_relaxation".to_owned())?;
    let solved = model.try_solve().map_err(|e| format!("HiGHS failed: {e:?}"))?;
    Ok((solved.status() == HighsModelStatus::Optimal).then(|| solved.objective_value()))
}

/// The tier as a HiGHS model with the settings applied (no warm start).
fn highs_model(tier: &TierModel<'_>, settings: &TierSettings) -> Result<highs::Model, String> {
    let (vars, objective) = (tier.vars.clone(), tier.objective.clone());
    let unsolved = match tier.sense {
        Sense::Max => vars.maximise(objective),
        Sense::Min => vars.minimise(objective),
    };
    let mut problem = unsolved.using(highs);
    for row in tier.rows {
        problem.add_constraint(row.clone());
    }
    let mut model = problem.try_into_inner().map_err(|e| e.to_string())?;
    apply_settings(&mut model, settings)?;
    Ok(model)
}

fn apply_settings(model: &mut highs::Model, s: &TierSettings) -> Result<(), String> {
    let set = |m: &mut highs::Model, k: &str, v: f64| {
        m.try_set_option(k, v)
            .map_err(|_| format!("HiGHS rejected option {k}"))
    };
    model.make_quiet();
    if s.verbose {
        // HiGHS logs to stdout, which carries data only: send its log to stderr instead.
        model
            .try_set_option("output_flag", true)
            .map_err(|_| "HiGHS rejected output_flag".to_owned())?;
        model
            .try_set_option("log_file", "/dev/stderr")
            .map_err(|_| "HiGHS rejected log_file".to_owned())?;
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
    for (k, v) in &s.extra {
        set_text_option(model, k, v)?;
    }
    Ok(())
}

/// Sets an option given as text: `true`/`false`, an integer, a number, else a string.
fn set_text_option(model: &mut highs::Model, key: &str, value: &str) -> Result<(), String> {
    let done = match value {
        "true" | "false" => model.try_set_option(key, value == "true"),
        _ => match (value.parse::<i32>(), value.parse::<f64>()) {
            (Ok(i), _) => model.try_set_option(key, i),
            (_, Ok(f)) => model.try_set_option(key, f),
            _ => model.try_set_option(key, value),
        },
    };
    done.map_err(|_| format!("HiGHS rejected option {key}={value}"))
}

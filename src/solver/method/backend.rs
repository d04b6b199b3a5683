//! The `plain` method on another MILP solver through good_lp: each tier as one MILP, built from
//! the same rows as the HiGHS model, solved within the tier's time.
//!
//! What each backend can do, and what mtplan then reports:
//! - CBC: time limit in whole seconds (rounded up) that CBC checks between its phases, so a
//!   run can end well past it; proven bound (`best possible`); no Ctrl-C (a tier runs to its
//!   end or its limit; later tiers are then skipped);
//! - microlp (pure Rust): time limit, no bound unless it proves optimality, no Ctrl-C.

use good_lp::solvers::coin_cbc::coin_cbc;
use good_lp::solvers::microlp::microlp;
use good_lp::{ResolutionError, Solution, SolutionStatus, SolverModel, WithMipGap, WithTimeLimit};

use super::{Method, TierRun};
use crate::solver::columns::Columns;
use crate::solver::formulation::{Formulation, Row};
use crate::solver::highs::Outcome;
use crate::solver::space::Space;
use crate::solver::tiers::Sense;

/// The MILP solvers mtplan can run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Backend {
    /// HiGHS (every method).
    #[default]
    Highs,
    /// COIN-OR CBC (the `plain` method).
    Cbc,
    /// microlp, pure Rust (the `plain` method; small problems).
    Microlp,
}

impl Backend {
    /// The name used on the command line and in bench tables.
    pub fn code(self) -> &'static str {
        match self {
            Backend::Highs => "highs",
            Backend::Cbc => "cbc",
            Backend::Microlp => "microlp",
        }
    }

    /// The backend of a name.
    pub fn parse(name: &str) -> Option<Self> {
        [Backend::Highs, Backend::Cbc, Backend::Microlp]
            .into_iter()
            .find(|b| b.code() == name.trim().to_ascii_lowercase())
    }

    /// Its name and version, and what it cannot do, as schedules record it.
    pub fn describe(self) -> String {
        match self {
            Backend::Highs => crate::solver::highs::version(),
            Backend::Cbc => format!(
                "CBC {} (good_lp {}); not seen by CBC: Ctrl-C (a tier runs to its end or limit); time limit in whole seconds, checked by CBC between its phases",
                coin_cbc::raw::Model::version(),
                env!("MTPLAN_GOOD_LP_VERSION")
            ),
            Backend::Microlp => format!(
                "microlp (good_lp {}); no proven bound before optimality, not seen: Ctrl-C",
                env!("MTPLAN_GOOD_LP_VERSION")
            ),
        }
    }
}

/// One MILP per tier on `backend`.
pub struct OnBackend {
    /// The solver.
    pub backend: Backend,
}

impl Method for OnBackend {
    fn lp_rows(&self, _: &Formulation, _: &Space) -> Vec<Row> {
        Vec::new()
    }

    fn needs_highs(&self) -> bool {
        false
    }

    fn solve(&self, run: TierRun<'_>) -> Result<Outcome, String> {
        let f = run.formulation;
        let vars = f.vars.clone();
        let objective = f.expression(run.objective);
        let sense = run.model.kind().sense();
        let unsolved = match sense {
            Sense::Max => vars.maximise(objective),
            Sense::Min => vars.minimise(objective),
        };
        let rows = f.rows.iter().chain(run.rows);
        let limit = run.budget.highs_limit();
        match self.backend {
            Backend::Highs => Err("the HiGHS backend runs through the HiGHS adapter".to_owned()),
            Backend::Cbc => {
                let mut p = unsolved.using(coin_cbc);
                rows.for_each(|r| {
                    p.add_constraint(f.constraint(r));
                });
                // Every objective takes whole values: a gap under one unit proves optimality.
                p.set_parameter("allowableGap", "0.999");
                if let Some(t) = limit {
                    p = p.with_time_limit(t.max(0.0));
                }
                let p = p.with_mip_gap(run.gap as f32).map_err(|e| e.to_string())?;
                outcome(p.solve(), &run, |s| {
                    let raw = s.model();
                    let bound = raw.best_possible_value();
                    (raw.is_proven_optimal(), Some(bound))
                })
            }
            Backend::Microlp => {
                let mut p = unsolved.using(microlp);
                rows.for_each(|r| {
                    p.add_constraint(f.constraint(r));
                });
                if let Some(t) = limit {
                    p = p.with_time_limit(t.max(0.0));
                }
                let p = p.with_mip_gap(run.gap as f32).map_err(|e| e.to_string())?;
                outcome(p.solve(), &run, |s| {
                    (matches!(s.status(), SolutionStatus::Optimal), None)
                })
            }
        }
    }
}

/// The tier's outcome from a good_lp answer; `proof` says whether the solver proved the point
/// optimal and the bound it reports. A point that breaks a row (a solver stopped before its
/// first schedule) counts as no schedule.
fn outcome<S: Solution>(
    answer: Result<S, ResolutionError>,
    run: &TierRun<'_>,
    proof: impl Fn(&S) -> (bool, Option<f64>),
) -> Result<Outcome, String> {
    let solution = match answer {
        Ok(s) => s,
        Err(ResolutionError::Infeasible) => return Ok(Outcome::Infeasible),
        Err(ResolutionError::Other(why)) if why.contains("Time limit") => {
            return Ok(Outcome::NoSolution { bound: None })
        }
        Err(e) => return Err(format!("the MILP solver failed: {e}")),
    };
    let f = run.formulation;
    let values: Vec<f64> = f.variables().map(|v| solution.value(v).round()).collect();
    let sense = run.model.kind().sense();
    let (optimal, bound) = proof(&solution);
    let feasible = f.rows.iter().chain(run.rows).all(|r| r.holds(&values));
    // A bound on the wrong side of its own schedule is no bound.
    let bound = bound.filter(|b| b.is_finite());
    if !feasible {
        return Ok(Outcome::NoSolution { bound });
    }
    let objective = Columns::value(run.objective, &values);
    let bound = match (optimal, bound) {
        (true, _) => objective,
        (false, Some(b)) if !sense.better(objective, b) => b,
        _ => sense.no_bound(),
    };
    Ok(Outcome::Solved {
        values,
        objective,
        bound,
    })
}

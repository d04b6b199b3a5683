//! The HiGHS adapter: one tier's model built once (the MILP, and for LP-guided methods its LP
//! relaxation with extra rows), then run as often as the method needs — with columns fixed,
//! from a start, within a budget — reading back what good_lp hides: the proven bound, the
//! status behind a limit, reduced costs.
//!
//! HiGHS 1.16 can misplace the objective offset of a MIP start after presolve: its reported
//! objective and bound then disagree with the solution it returns. Every answer is therefore
//! re-evaluated here; on a disagreement the run is repeated without presolve, and if that
//! disagrees too, the solution is kept but no bound is claimed.

#[forbid(unsafe_code)]
mod basis;
pub(crate) mod ffi;
#[forbid(unsafe_code)]
pub(crate) mod options;
#[forbid(unsafe_code)]
mod restricted;

use highs::HighsModelStatus;

use super::budget::Budget;
use super::columns::{Columns, Linear};
use super::formulation::{Formulation, Row};
use super::progress::Progress;
use super::tiers::TierKind;
pub use basis::LpBasis;
pub use options::Settings;

/// HiGHS's version string, with the crates that bind it.
pub fn version() -> String {
    format!(
        "HiGHS {} (highs-sys {}, good_lp {})",
        ffi::version(),
        env!("MTPLAN_HIGHS_SYS_VERSION"),
        env!("MTPLAN_GOOD_LP_VERSION")
    )
}

/// Reads a model file (free MPS or CPLEX LP) into a new HiGHS instance, solves it with a zero
/// relative gap and, when `solution` is given, writes HiGHS's solution listing there. Returns
/// the objective and whether HiGHS proved it optimal. (For checking exported models: nothing of
/// mtplan's own model is involved.)
pub fn solve_model_file(
    path: &std::path::Path,
    solution: Option<&std::path::Path>,
) -> Result<(f64, bool), String> {
    let mut model = ffi::read_model(path)?;
    options::number(&mut model, "mip_rel_gap", 0.0)?;
    options::set(&mut model, "threads", "1")?;
    let mut solved = model.try_solve().map_err(|e| format!("HiGHS failed: {e:?}"))?;
    if let Some(out) = solution {
        ffi::write_solution(&mut solved, out)?;
    }
    Ok((
        solved.objective_value(),
        solved.status() == HighsModelStatus::Optimal,
    ))
}

/// What one run found.
#[derive(Clone, Debug)]
pub enum Outcome {
    /// The model (with its fixed columns) has no feasible point.
    Infeasible,
    /// No feasible point found before the run stopped.
    NoSolution {
        /// Proven bound, when HiGHS has one.
        bound: Option<f64>,
    },
    /// A feasible point with its objective and proven bound.
    Solved {
        /// Column values.
        values: Vec<f64>,
        /// Objective of `values`, recomputed here.
        objective: f64,
        /// Proven bound on the objective (the sense's `no_bound` when none).
        bound: f64,
    },
}

/// An optimal point of the LP relaxation.
pub struct Relaxation {
    /// Optimal objective.
    pub value: f64,
    /// Column values.
    pub columns: Vec<f64>,
    /// Reduced cost of each column.
    pub reduced_costs: Vec<f64>,
    /// Dual of each row: the formulation's, the tier's, then the LP-only rows.
    pub row_duals: Vec<f64>,
}

/// One MILP run: columns fixed at values, a start, presolve, the relative gap and the time.
pub struct Run<'a> {
    /// Columns fixed, as (column, value).
    pub fixed: &'a [(usize, f64)],
    /// Column values to start from.
    pub start: Option<&'a [f64]>,
    /// HiGHS's presolve.
    pub presolve: bool,
    /// Relative gap at which the run may stop.
    pub gap: f64,
    /// Most branch-and-bound nodes (a limit that does not depend on the machine's speed).
    pub max_nodes: Option<i32>,
    /// HiGHS's feasibility jump before the root node. It checks neither the time limit nor
    /// Ctrl-C, and its effort grows with the presolved model (2.8 s on a whole 210 × 300
    /// `tight` coverage MIP).
    pub jump: bool,
    /// Time and interrupt.
    pub budget: &'a Budget,
}

/// One tier's model in HiGHS, built once and run many times.
pub struct TierModel {
    mip: Option<highs::Model>,
    lp: Option<highs::Model>,
    lp_rows: Vec<Row>,
    rows: Vec<Row>,
    objective: Linear,
    kind: TierKind,
    settings: Settings,
    progress: Progress,
    formulation_columns: usize,
    /// The optimal basis of this tier's LP relaxation, once solved.
    basis: Option<LpBasis>,
    /// A basis to start this tier's LP relaxation from (the tier before's).
    warm: Option<LpBasis>,
}

impl TierModel {
    /// The tier `kind` maximising or minimising `objective` over `f`'s variables subject to
    /// `f`'s rows and `rows`; `lp_rows` are added to its LP relaxation only (built on first
    /// use). Without `with_mip` the MILP is not built (a method of another backend).
    pub fn build(
        f: &Formulation,
        rows: Vec<Row>,
        lp_rows: Vec<Row>,
        objective: Linear,
        kind: TierKind,
        settings: &Settings,
        progress: Progress,
        with_mip: bool,
    ) -> Result<Self, String> {
        let mip = match with_mip {
            // Ctrl-C while the MILP is built leaves none: the method returns its start.
            true => options::build(
                f,
                &[&f.rows, &rows],
                &objective,
                kind.sense(),
                Some(&settings.interrupt),
            )?,
            false => None,
        };
        Ok(Self {
            mip,
            lp: None,
            lp_rows,
            rows,
            objective,
            kind,
            settings: settings.clone(),
            progress,
            formulation_columns: f.columns.len(),
            basis: None,
            warm: None,
        })
    }

    /// The optimal basis of the tier's LP relaxation, when it was solved.
    pub fn lp_basis(&self) -> Option<&LpBasis> {
        self.basis.as_ref()
    }

    /// Starts the LP relaxation from `basis` (the tier before's), when it fits.
    pub fn start_lp_from(&mut self, basis: LpBasis) {
        self.warm = Some(basis);
    }

    /// The objective's value at `point`.
    pub fn value(&self, point: &[f64]) -> f64 {
        Columns::value(&self.objective, point)
    }

    /// The tier's kind.
    pub fn kind(&self) -> TierKind {
        self.kind
    }

    /// Number of columns.
    pub fn columns(&self) -> usize {
        self.formulation_columns
    }

    /// The LP relaxation with the LP-only rows, or `None` when HiGHS does not prove it optimal
    /// within `budget`.
    pub fn relaxation(
        &mut self,
        f: &Formulation,
        budget: &Budget,
        presolve: bool,
    ) -> Result<Option<Relaxation>, String> {
        let lp = match self.lp.take() {
            Some(lp) => Some(lp),
            None => options::build(
                f,
                &[&f.rows, &self.rows, &self.lp_rows],
                &self.objective,
                self.kind.sense(),
                Some(budget.interrupt()),
            )?,
        };
        let Some(mut lp) = lp else { return Ok(None) };
        ffi::clear_solver(&mut lp)?;
        self.settings
            .apply(&mut lp, budget, presolve, 0.0, true, self.kind.whole())?;
        self.settings.apply_extra(&mut lp)?;
        let columns = self.formulation_columns;
        let (f_rows, t_rows, l_rows) = (f.rows.len(), self.rows.len(), self.lp_rows.len());
        let warm = self.warm.take();
        if let Some(b) = warm.and_then(|w| w.fitted(columns, f_rows, t_rows, l_rows)) {
            // Only a start: a basis HiGHS refuses leaves the solve as it was.
            if ffi::set_basis(&mut lp, &b).is_err() {
                ffi::clear_solver(&mut lp)?;
            }
        }
        let Some(mut solved) = self.watched(lp, budget, false)? else {
            return Ok(None);
        };
        let answer = (solved.status() == HighsModelStatus::Optimal).then(|| {
            let solution = solved.solution();
            Relaxation {
                value: solved.objective_value(),
                columns: solution.columns,
                reduced_costs: solution.dual_columns,
                row_duals: solution.dual_rows,
            }
        });
        let mut lp = solved.into_model();
        if answer.is_some() {
            self.basis = ffi::basis(&mut lp)
                .ok()
                .and_then(|b| LpBasis::new(b, f_rows, t_rows));
        }
        self.lp = Some(lp);
        Ok(answer)
    }

    /// Runs the MILP of `f`'s tier as `run` says; on a lost objective offset, again without
    /// presolve.
    pub fn solve(&mut self, f: &Formulation, run: &Run<'_>) -> Result<Outcome, String> {
        let first = self.attempt(f, run, false)?;
        if run.budget.interrupted() {
            return Ok(first.outcome());
        }
        let Attempt::Inconsistent(_) = first else {
            return Ok(first.outcome());
        };
        self.progress.say(|| {
            format!(
                "{}: HiGHS's objective disagrees with its solution; solving again without presolve",
                self.kind.name()
            )
        });
        Ok(match self.attempt(f, run, true)? {
            Attempt::Consistent(outcome) => outcome,
            Attempt::Inconsistent(Outcome::Solved {
                values, objective, ..
            }) => Outcome::Solved {
                values,
                objective,
                bound: self.kind.sense().no_bound(),
            },
            Attempt::Inconsistent(outcome) => outcome,
        })
    }

    /// One run; `retry` turns presolve off whatever the tier or `--highs` says. A run that
    /// fixes most columns runs on its own model of the free ones ([`restricted`]).
    fn attempt(&mut self, f: &Formulation, run: &Run<'_>, retry: bool) -> Result<Attempt, String> {
        if restricted::pays(f, run.fixed) {
            return self.attempt_restricted(f, run, retry);
        }
        let Some(mut mip) = self.mip.take() else {
            // Not built: Ctrl-C came while it was (or an earlier run failed).
            return match run.budget.interrupted() {
                true => Ok(Attempt::Consistent(Outcome::NoSolution { bound: None })),
                false => Err("the tier's model was lost in an earlier failure".to_owned()),
            };
        };
        self.prepare(&mut mip, run, retry)?;
        let fixed: Vec<(usize, f64, f64)> = run.fixed.iter().map(|&(j, v)| (j, v, v)).collect();
        ffi::set_column_bounds(&mut mip, &fixed)?;
        if let Some(values) = run.start {
            mip.try_set_solution(Some(values), None, None, None)
                .map_err(|e| format!("warm start rejected: {e:?}"))?;
        }
        let Some(mut solved) = self.watched(mip, run.budget, run.fixed.is_empty())? else {
            // Left behind after Ctrl-C, with the model: later runs of the tier return nothing.
            return Ok(Attempt::Consistent(Outcome::NoSolution { bound: None }));
        };
        let attempt = self.read(&mut solved, None);
        let mut mip = solved.into_model();
        let free: Vec<(usize, f64, f64)> = run.fixed.iter().map(|&(j, _)| (j, 0.0, 1.0)).collect();
        ffi::set_column_bounds(&mut mip, &free)?;
        self.mip = Some(mip);
        Ok(attempt)
    }

    /// Clears `model` and sets every option of `run` (presolve off on a `retry`).
    fn prepare(&self, model: &mut highs::Model, run: &Run<'_>, retry: bool) -> Result<(), String> {
        ffi::clear_solver(model)?;
        self.settings
            .apply(model, run.budget, run.presolve, run.gap, false, self.kind.whole())?;
        let nodes = run.max_nodes.unwrap_or(i32::MAX);
        model
            .try_set_option("mip_max_nodes", nodes)
            .map_err(|_| "HiGHS rejected mip_max_nodes".to_owned())?;
        model
            .try_set_option("mip_heuristic_run_feasibility_jump", run.jump)
            .map_err(|_| "HiGHS rejected mip_heuristic_run_feasibility_jump".to_owned())?;
        self.settings.apply_extra(model)?;
        if retry {
            options::set(model, "presolve", "off")?;
        }
        Ok(())
    }

    /// `model` run under `budget`'s interrupt; `None` when Ctrl-C left the run behind.
    fn watched(
        &self,
        model: highs::Model,
        budget: &Budget,
        incumbents: bool,
    ) -> Result<Option<ffi::Solved>, String> {
        let watch = ffi::Watch {
            tier: self.kind.name(),
            progress: self.progress,
            incumbents,
            interrupt: budget.interrupt().clone(),
        };
        ffi::solve(model, watch)
    }

    /// The outcome of a solved MILP (of `restricted`'s columns only, when given), checked
    /// against its own solution.
    fn read(&self, solved: &mut ffi::Solved, restricted: Option<&restricted::Restricted>) -> Attempt {
        let status = solved.status();
        let offset = restricted.map_or(0.0, |r| r.offset);
        let bound = solved.mip_dual_bound().map(|b| b + offset);
        if status == HighsModelStatus::Infeasible {
            return Attempt::Consistent(Outcome::Infeasible);
        }
        if !solved.primal_feasible() {
            return Attempt::Consistent(Outcome::NoSolution { bound });
        }
        let columns = solved.solution().columns;
        let values = match restricted {
            Some(r) => r.widen(&columns),
            None => columns,
        };
        let objective = self.value(&values);
        let consistent = (objective - solved.objective_value() - offset).abs() <= 0.5;
        // Without a finite dual bound nothing is proven, unless HiGHS reports optimality.
        let proven = status == HighsModelStatus::Optimal;
        let fallback = if proven {
            objective
        } else {
            self.kind.sense().no_bound()
        };
        let outcome = Outcome::Solved {
            values,
            objective,
            bound: bound.unwrap_or(fallback),
        };
        if consistent {
            Attempt::Consistent(outcome)
        } else {
            Attempt::Inconsistent(outcome)
        }
    }
}

/// A run's outcome, and whether HiGHS's own objective agreed with its solution.
pub(crate) enum Attempt {
    Consistent(Outcome),
    Inconsistent(Outcome),
}

impl Attempt {
    fn outcome(self) -> Outcome {
        match self {
            Attempt::Consistent(o) | Attempt::Inconsistent(o) => o,
        }
    }
}

#[cfg(test)]
#[forbid(unsafe_code)]
mod tests;

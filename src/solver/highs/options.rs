//! Building a tier's HiGHS model from the formulation, and the options every run sets.

use good_lp::solvers::highs::highs;
use good_lp::SolverModel;

use crate::solver::budget::{Budget, Interrupt};
use crate::solver::columns::Linear;
use crate::solver::formulation::{Formulation, Row};
use crate::solver::tiers::Sense;

/// HiGHS settings shared by every run of a solve.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// HiGHS threads.
    pub threads: u32,
    /// HiGHS random seed.
    pub seed: u32,
    /// Send HiGHS's own log to stderr.
    pub verbose: bool,
    /// Extra HiGHS options (`name`, `value`), applied last, for experiments.
    pub extra: Vec<(String, String)>,
    /// Ctrl-C: stops building a model as well as running one.
    pub interrupt: Interrupt,
}

impl Settings {
    /// Sets every option of a run but the extra ones: a model is reused between runs, so
    /// nothing may be left from the one before.
    pub fn apply(
        &self,
        model: &mut highs::Model,
        budget: &Budget,
        presolve: bool,
        gap: f64,
        relaxation: bool,
        whole: bool,
    ) -> Result<(), String> {
        model.make_quiet();
        if self.verbose {
            // HiGHS logs to stdout, which carries data only: its log goes to stderr instead.
            set(model, "output_flag", "true")?;
            set(model, "log_file", "/dev/stderr")?;
        }
        number(model, "time_limit", budget.highs_limit().unwrap_or(f64::INFINITY))?;
        set(model, "presolve", if presolve { "choose" } else { "off" })?;
        set(
            model,
            "solve_relaxation",
            if relaxation { "true" } else { "false" },
        )?;
        number(model, "mip_rel_gap", gap)?;
        // A whole-valued objective is proven by a gap under one unit; a share (the balance
        // tier) only by HiGHS's own default absolute gap.
        number(model, "mip_abs_gap", if whole { 0.999 } else { 1e-6 })?;
        set(model, "threads", &self.threads.to_string())?;
        set(model, "random_seed", &self.seed.to_string())?;
        Ok(())
    }

    /// Applies the extra options (`--highs NAME=VALUE`): last, so they override the run's own.
    pub fn apply_extra(&self, model: &mut highs::Model) -> Result<(), String> {
        for (k, v) in &self.extra {
            set(model, k, v)?;
        }
        Ok(())
    }
}

/// Sets a numeric option.
pub fn number(model: &mut highs::Model, key: &str, value: f64) -> Result<(), String> {
    model
        .try_set_option(key, value)
        .map_err(|_| format!("HiGHS rejected option {key}={value}"))
}

/// Sets an option given as text: `true`/`false`, an integer, a number, else a string.
pub fn set(model: &mut highs::Model, key: &str, value: &str) -> Result<(), String> {
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

/// Rows added between two looks at the interrupt while a model is built.
pub(super) const ROWS_BETWEEN_LOOKS: usize = 4096;

/// The HiGHS model of `f`'s variables with the rows of each of `rows` in turn, optimising
/// `objective` in `sense`; `None` when `interrupt` is set while the rows are added (a 600,000
/// column model takes about a second to build).
pub fn build(
    f: &Formulation,
    rows: &[&[Row]],
    objective: &Linear,
    sense: Sense,
    interrupt: Option<&Interrupt>,
) -> Result<Option<highs::Model>, String> {
    let (vars, objective) = (f.vars.clone(), f.expression(objective));
    let unsolved = match sense {
        Sense::Max => vars.maximise(objective),
        Sense::Min => vars.minimise(objective),
    };
    let mut problem = unsolved.using(highs);
    for (i, row) in rows.iter().flat_map(|r| r.iter()).enumerate() {
        if i % ROWS_BETWEEN_LOOKS == 0 && interrupt.is_some_and(Interrupt::is_set) {
            return Ok(None);
        }
        problem.add_constraint(f.constraint(row));
    }
    problem.try_into_inner().map(Some).map_err(|e| e.to_string())
}

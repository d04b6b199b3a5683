//! A restricted run's own model: only the columns the run leaves free, the fixed columns' share
//! moved into the row limits and an objective offset, and the rows without a free column
//! checked once and left out. On the tier's own model the fixed columns stay: HiGHS's presolve
//! spends its time removing them, and without presolve every LP of the search carries them.

use highs::{ColProblem, Sense as HSense};

use super::options::ROWS_BETWEEN_LOOKS;
use super::{Attempt, Outcome, Run, TierModel};
use crate::solver::budget::Interrupt;
use crate::solver::columns::Linear;
use crate::solver::formulation::{Formulation, Row};
use crate::solver::tiers::Sense;

/// A run gets its own model when it fixes at least this share of the columns. With fewer the
/// model is nearly the tier's whole MILP, which the tier's own model already holds.
pub const FIXED_SHARE: f64 = 0.5;

/// A row without free columns may miss its limits by this much (the fixed values are whole).
const TOLERANCE: f64 = 1e-6;

/// Which columns a restricted model keeps, and what the fixed ones contribute.
pub(super) struct Restricted {
    /// The tier's column of each of the model's columns.
    free: Vec<usize>,
    /// The tier's point with the fixed values (0 in the free columns).
    base: Vec<f64>,
    /// The fixed columns' share of the objective.
    pub(super) offset: f64,
}

/// Whether a run of `f`'s tier fixing `fixed` runs on its own model: most columns fixed, and
/// every column binary (no auxiliary columns, whose bounds the formulation keeps in good_lp).
pub(super) fn pays(f: &Formulation, fixed: &[(usize, f64)]) -> bool {
    f.aux.is_empty() && fixed.len() as f64 >= FIXED_SHARE * f.columns.len() as f64
}

impl TierModel {
    /// [`TierModel::attempt`] on the run's own model of the columns it leaves free.
    pub(super) fn attempt_restricted(
        &mut self,
        f: &Formulation,
        run: &Run<'_>,
        retry: bool,
    ) -> Result<Attempt, String> {
        let built = Restricted::build(
            f.columns.len(),
            &[&f.rows, &self.rows],
            &self.objective,
            self.kind.sense(),
            run.fixed,
            run.budget.interrupt(),
        )?;
        let (mut model, restricted) = match built {
            Built::Model(model, restricted) => (model, restricted),
            Built::Infeasible => return Ok(Attempt::Consistent(Outcome::Infeasible)),
            Built::Interrupted => return Ok(Attempt::Consistent(Outcome::NoSolution { bound: None })),
        };
        self.prepare(&mut model, run, retry)?;
        if let Some(values) = run.start {
            model
                .try_set_solution(Some(&restricted.restrict(values)), None, None, None)
                .map_err(|e| format!("warm start rejected: {e:?}"))?;
        }
        Ok(match self.watched(model, run.budget, false)? {
            Some(mut solved) => self.read(&mut solved, Some(&restricted)),
            None => Attempt::Consistent(Outcome::NoSolution { bound: None }),
        })
    }
}

/// What building a restricted model gives.
pub(super) enum Built {
    /// The model and its columns.
    Model(highs::Model, Restricted),
    /// A row of fixed columns only misses its limits: no schedule keeps the fixed values.
    Infeasible,
    /// Ctrl-C came while the rows were added.
    Interrupted,
}

impl Restricted {
    /// The model over `columns` binary columns with `rows`, optimising `objective` in `sense`,
    /// with every column of `fixed` held at its value.
    pub(super) fn build(
        columns: usize,
        rows: &[&[Row]],
        objective: &Linear,
        sense: Sense,
        fixed: &[(usize, f64)],
        interrupt: &Interrupt,
    ) -> Result<Built, String> {
        let mut base = vec![0.0; columns];
        let mut held = vec![false; columns];
        for &(j, v) in fixed {
            base[j] = v;
            held[j] = true;
        }
        let free: Vec<usize> = (0..columns).filter(|&j| !held[j]).collect();
        let mut index = vec![usize::MAX; columns];
        for (k, &j) in free.iter().enumerate() {
            index[j] = k;
        }
        let mut problem = ColProblem::default();
        let mut entries: Vec<Vec<(highs::Row, f64)>> = vec![Vec::new(); free.len()];
        for (i, row) in rows.iter().flat_map(|r| r.iter()).enumerate() {
            if i % ROWS_BETWEEN_LOOKS == 0 && interrupt.is_set() {
                return Ok(Built::Interrupted);
            }
            let shift: f64 = row.terms.iter().map(|&(j, c)| c * base[j]).sum();
            let (low, high) = (row.low - shift, row.high - shift);
            if row.terms.iter().all(|&(j, _)| held[j]) {
                if low > TOLERANCE || high < -TOLERANCE {
                    return Ok(Built::Infeasible);
                }
                continue;
            }
            let r = problem.add_row(low..=high);
            for &(j, c) in row.terms.iter().filter(|(j, _)| !held[*j]) {
                entries[index[j]].push((r, c));
            }
        }
        let mut cost = vec![0.0; columns];
        for &(j, c) in objective {
            cost[j] += c;
        }
        let offset = fixed.iter().map(|&(j, v)| cost[j] * v).sum();
        for (&j, column) in free.iter().zip(entries) {
            problem.add_integer_column(cost[j], 0.0..=1.0, column);
        }
        let sense = match sense {
            Sense::Max => HSense::Maximise,
            Sense::Min => HSense::Minimise,
        };
        let model = problem
            .try_optimise(sense)
            .map_err(|e| format!("HiGHS refused a restricted model: {e:?}"))?;
        Ok(Built::Model(model, Self { free, base, offset }))
    }

    /// The model's point of the tier's `point` (its free columns).
    pub(super) fn restrict(&self, point: &[f64]) -> Vec<f64> {
        self.free.iter().map(|&j| point[j]).collect()
    }

    /// The tier's point of the model's `values`: the fixed values and these.
    pub(super) fn widen(&self, values: &[f64]) -> Vec<f64> {
        let mut point = self.base.clone();
        for (&j, &v) in self.free.iter().zip(values) {
            point[j] = v;
        }
        point
    }
}

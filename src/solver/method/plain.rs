//! The `plain` baseline's method: each tier as one MILP, HiGHS's defaults (presolve on), no
//! start — what a first model would do, kept so speed-ups stay measurable.

use super::{Method, TierRun};
use crate::solver::formulation::{Formulation, Row};
use crate::solver::highs::{Outcome, Run};
use crate::solver::space::Space;

/// One MILP per tier.
pub struct Plain;

impl Method for Plain {
    fn lp_rows(&self, _: &Formulation, _: &Space) -> Vec<Row> {
        Vec::new()
    }

    fn solve(&self, run: TierRun<'_>) -> Result<Outcome, String> {
        run.model.solve(
            run.formulation,
            &Run {
                fixed: &[],
                start: None,
                presolve: true,
                gap: run.gap,
                max_nodes: None,
                jump: true,
                budget: &run.budget,
            },
        )
    }
}

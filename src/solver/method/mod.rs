//! How one tier is solved: a strategy chosen once per run, not branches inside the tier loop.
//!
//! - [`LpGuided`] (the `cliques` model): the LP relaxation with x ≤ y rows gives a bound and a
//!   nearly whole point; dives near the point find schedules; reduced-cost rounds prove them.
//! - [`Plain`] (the `plain` baseline): one MILP per tier with HiGHS's defaults and no start.

mod backend;
mod lns;
mod lp_guided;
mod master_stage;
mod plain;
mod rounds;
mod state;

use super::budget::Budget;
use super::columns::Linear;
use super::formulation::{Formulation, Row};
use super::highs::{Outcome, TierModel};
use super::progress::Progress;
use super::space::Space;
use crate::model::Problem;
pub use backend::{Backend, OnBackend};
pub use lp_guided::LpGuided;
pub use plain::Plain;

/// One tier to solve: its HiGHS model, a start, its gap and its share of the time.
pub struct TierRun<'a> {
    /// The problem.
    pub problem: &'a Problem,
    /// Its decision space.
    pub space: &'a Space,
    /// The tier's model, built once.
    pub model: &'a mut TierModel,
    /// The formulation it was built from.
    pub formulation: &'a Formulation,
    /// The rows the tier adds to the formulation's (earlier tiers kept, the caller's).
    pub rows: &'a [Row],
    /// The tier's objective.
    pub objective: &'a Linear,
    /// A schedule that meets every row, to start from.
    pub start: Option<&'a [f64]>,
    /// Relative gap accepted as proven.
    pub gap: f64,
    /// The tier's time and interrupt.
    pub budget: Budget,
    /// Whether tiers follow this one (under a limit they need the time it leaves).
    pub later: bool,
    /// Progress lines.
    pub progress: Progress,
}

/// A way to solve one tier.
pub trait Method: Sync {
    /// Rows added to the tier's LP relaxation only (none when the method solves no LP).
    fn lp_rows(&self, f: &Formulation, space: &Space) -> Vec<Row>;

    /// Whether the tier's HiGHS model is built (every method but those of other backends).
    fn needs_highs(&self) -> bool {
        true
    }

    /// Solves the tier: its best schedule with the bound it proved.
    fn solve(&self, run: TierRun<'_>) -> Result<Outcome, String>;
}

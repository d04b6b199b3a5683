//! How one tier is solved: a strategy chosen once per run, not branches inside the tier loop.
//!
//! - [`LpGuided`] (the `cliques` model): the LP relaxation with x ≤ y rows gives a bound and a
//!   nearly whole point; dives near the point find schedules; reduced-cost rounds prove them.
//! - [`Plain`] (the `plain` baseline): one MILP per tier with HiGHS's defaults and no start.

mod lp_guided;
mod plain;

use super::budget::Budget;
use super::formulation::{Formulation, Row};
use super::highs::{Outcome, TierModel};
use super::progress::Progress;
use super::space::Space;
pub use lp_guided::LpGuided;
pub use plain::Plain;

/// One tier to solve: its HiGHS model, a start, its gap and its share of the time.
pub struct TierRun<'a> {
    /// The tier's model, built once.
    pub model: &'a mut TierModel,
    /// The formulation it was built from.
    pub formulation: &'a Formulation,
    /// A schedule that meets every row, to start from.
    pub start: Option<&'a [f64]>,
    /// Relative gap accepted as proven.
    pub gap: f64,
    /// The tier's time and interrupt.
    pub budget: Budget,
    /// Progress lines.
    pub progress: Progress,
}

/// A way to solve one tier.
pub trait Method: Sync {
    /// Rows added to the tier's LP relaxation only (none when the method solves no LP).
    fn lp_rows(&self, f: &Formulation, space: &Space) -> Vec<Row>;

    /// Solves the tier: its best schedule with the bound it proved.
    fn solve(&self, run: TierRun<'_>) -> Result<Outcome, String>;
}

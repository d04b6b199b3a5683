//! What the LP-guided stages share: the incumbent and the bound proven so far.

use crate::solver::highs::Outcome;
use crate::solver::progress::Progress;
use crate::solver::tiers::{self, Sense};

/// The incumbent and the bound proven so far.
pub(super) struct State {
    pub(super) sense: Sense,
    pub(super) gap: f64,
    pub(super) incumbent: Option<(Vec<f64>, f64)>,
    pub(super) bound: f64,
    /// Where a new incumbent is shown, under the tier's name.
    pub(super) progress: Progress,
    pub(super) tier: &'static str,
}

impl State {
    /// Keeps `values` when strictly better than the incumbent.
    pub(super) fn offer(&mut self, values: Vec<f64>, objective: f64) {
        if self
            .incumbent
            .as_ref()
            .is_none_or(|(_, u)| self.sense.better(objective, *u))
        {
            self.incumbent = Some((values, objective));
            let bound = tiers::rounded_bound(self.sense, objective, self.bound);
            self.progress.say(|| {
                let gap = (objective - bound).abs() / objective.abs().max(1.0);
                format!(
                    "{}: incumbent {objective:.0}, bound {bound:.0}, gap {:.3}%",
                    self.tier,
                    gap * 100.0
                )
            });
        }
    }

    /// Whether the incumbent meets the bound.
    pub(super) fn solved(&self) -> bool {
        self.incumbent
            .as_ref()
            .is_some_and(|(_, u)| tiers::proven(self.sense, *u, self.bound, self.gap))
    }

    pub(super) fn outcome(self) -> Outcome {
        match self.incumbent {
            Some((values, objective)) => Outcome::Solved {
                values,
                objective,
                bound: self.bound,
            },
            None => Outcome::NoSolution {
                bound: Some(self.bound),
            },
        }
    }
}

/// Whether a restricted MIP showed the whole tier to have no schedule at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Feasibility {
    /// Not known to be infeasible.
    Unknown,
    /// The unrestricted MIP is infeasible: no schedule exists.
    None,
}

//! Objective tiers: what each optimises, in which sense, with which gap, presolve rule and share
//! of the time, and the one rule by which a tier counts as proven.
//!
//! A solve is a list of tiers run in order (see [`super::pipeline`]); each later tier keeps the
//! earlier objectives at their optimum. Every objective takes whole values (priorities, day
//! counts, changes and costs are integers), so a bound rounds towards the schedule and a tier
//! is proven when the rounded bound meets its value.

use super::columns::Linear;

/// The kinds of tier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TierKind {
    /// Replanning: keep the baseline's staffed requests that can still be staffed.
    Keep,
    /// Coverage: Σ priority of the staffed requests.
    Coverage,
    /// Replanning: changes against the baseline.
    Disruption,
    /// Cost: travel and subsistence.
    Cost,
    /// Balance: the largest share of a trainer's budget used (an auxiliary column).
    Balance,
    /// Balance: trainers who deliver at least one training (auxiliary columns).
    Active,
}

impl TierKind {
    /// The name used in progress lines and reports.
    pub fn name(self) -> &'static str {
        match self {
            TierKind::Keep => "keep",
            TierKind::Coverage => "coverage",
            TierKind::Disruption => "disruption",
            TierKind::Cost => "cost",
            TierKind::Balance => "balance",
            TierKind::Active => "active",
        }
    }

    /// Whether the objective takes whole values at every schedule (all but the balance
    /// tier's share), so that bounds round towards the schedule.
    pub fn whole(self) -> bool {
        self != TierKind::Balance
    }

    /// Maximise or minimise.
    pub fn sense(self) -> Sense {
        match self {
            TierKind::Keep | TierKind::Coverage | TierKind::Active => Sense::Max,
            TierKind::Disruption | TierKind::Cost | TierKind::Balance => Sense::Min,
        }
    }

    /// Whether HiGHS's presolve runs on this tier's LP relaxation and whole MILP. Measured on
    /// the programme suite: on the coverage tier (and the keep tier, of the same shape)
    /// presolve takes 2–5 s and saves nothing (median tier time 3.3 s with it, 0.9 s without);
    /// on the disruption tier of a replan of the default problem it made the LP 2.5 times
    /// slower (0.85 s against 0.34 s).
    pub fn presolve(self) -> bool {
        matches!(self, TierKind::Cost | TierKind::Balance | TierKind::Active)
    }

    /// Weight of the tier in sharing a time limit: a tier gets its weight's share of what is
    /// left among itself and the tiers after it, so the last tier always gets a share.
    pub fn weight(self) -> f64 {
        match self {
            TierKind::Keep | TierKind::Disruption | TierKind::Cost | TierKind::Balance | TierKind::Active => {
                1.0
            }
            TierKind::Coverage => 2.0,
        }
    }
}

/// Whether a tier maximises or minimises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sense {
    /// Maximise.
    Max,
    /// Minimise.
    Min,
}

impl Sense {
    /// Whether `a` is strictly better than `b`.
    pub fn better(self, a: f64, b: f64) -> bool {
        match self {
            Sense::Max => a > b,
            Sense::Min => a < b,
        }
    }

    /// The bound that claims nothing.
    pub fn no_bound(self) -> f64 {
        match self {
            Sense::Max => f64::INFINITY,
            Sense::Min => f64::NEG_INFINITY,
        }
    }

    /// The weaker (less informative) of two bounds.
    pub fn weaker(self, a: f64, b: f64) -> f64 {
        match self {
            Sense::Max => a.max(b),
            Sense::Min => a.min(b),
        }
    }

    /// The tighter of two bounds.
    pub fn tighter(self, a: f64, b: f64) -> f64 {
        match self {
            Sense::Max => a.min(b),
            Sense::Min => a.max(b),
        }
    }
}

/// One tier of a solve.
#[derive(Clone, Debug)]
pub struct Tier {
    /// What it optimises.
    pub kind: TierKind,
    /// The objective over the model's columns.
    pub objective: Linear,
    /// Relative gap accepted as proven (0: exact).
    pub gap: f64,
    /// A bound known before solving (coverage: every request that could be staffed alone).
    pub known_bound: Option<f64>,
    /// Relative slack the later tiers may give up on this one (0: kept at its optimum; the
    /// cost tier under `--balance`: `--cost-slack`).
    pub slack: f64,
}

impl Tier {
    /// A tier of `kind` with its objective, exact.
    pub fn new(kind: TierKind, objective: Linear) -> Self {
        Self {
            kind,
            objective,
            gap: 0.0,
            known_bound: None,
            slack: 0.0,
        }
    }

    /// The tier with a relative slack the later tiers may give up.
    pub fn with_slack(self, slack: f64) -> Self {
        Self { slack, ..self }
    }

    /// The tier with a relative gap accepted as proven.
    pub fn with_gap(self, gap: f64) -> Self {
        Self { gap, ..self }
    }

    /// The tier with a bound known before solving.
    pub fn with_known_bound(self, bound: f64) -> Self {
        Self {
            known_bound: Some(bound),
            ..self
        }
    }

    /// Maximise or minimise.
    pub fn sense(&self) -> Sense {
        self.kind.sense()
    }
}

/// A bound rounded towards `value` (whole-valued objectives), and never past it.
pub fn rounded_bound(sense: Sense, value: f64, bound: f64) -> f64 {
    match sense {
        Sense::Max => (bound + 1e-6).floor().max(value),
        Sense::Min => (bound - 1e-6).ceil().min(value),
    }
}

/// The bound of a tier of `kind`: rounded towards `value` when its objective is whole-valued,
/// otherwise only kept from passing it (and snapped to it within 1e-6).
pub fn tier_bound(kind: TierKind, value: f64, bound: f64) -> f64 {
    let sense = kind.sense();
    if kind.whole() {
        return rounded_bound(sense, value, bound);
    }
    match sense {
        _ if (bound - value).abs() <= 1e-6 => value,
        Sense::Max => bound.max(value),
        Sense::Min => bound.min(value),
    }
}

/// Whether `value` is proven by `bound`: they meet once the bound is rounded to a whole value,
/// or they lie within the relative gap `gap`.
pub fn proven(sense: Sense, value: f64, bound: f64, gap: f64) -> bool {
    let rounded = rounded_bound(sense, value, bound);
    rounded == value || (rounded - value).abs() <= gap * value.abs()
}

/// [`proven`] for a tier of `kind` (a share is proven when the bound meets it within 1e-6).
pub fn proven_tier(kind: TierKind, value: f64, bound: f64, gap: f64) -> bool {
    if kind.whole() {
        return proven(kind.sense(), value, bound, gap);
    }
    let b = tier_bound(kind, value, bound);
    b == value || (b - value).abs() <= gap * value.abs()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_round_towards_whole_values() {
        assert!(proven(Sense::Max, 70.0, 70.6, 0.0));
        assert!(!proven(Sense::Max, 70.0, 71.0, 0.0));
        assert!(proven(Sense::Min, 6.0, 5.2, 0.0));
        assert!(!proven(Sense::Min, 6.0, 4.99, 0.0));
        assert!(proven(Sense::Min, 100.0, 99.0, 0.01));
        assert!(!proven(Sense::Min, 100.0, 98.0, 0.01));
        assert_eq!(rounded_bound(Sense::Min, 6.0, 5.2), 6.0);
        assert_eq!(rounded_bound(Sense::Max, 7.0, 9.5), 9.0);
        assert_eq!(
            rounded_bound(Sense::Min, 6.0, f64::NEG_INFINITY),
            f64::NEG_INFINITY
        );
    }
}

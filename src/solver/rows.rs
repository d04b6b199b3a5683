//! Rows of the model as sparse linear rows, each labelled by the rule it states: the compact
//! MILP, its LP relaxations, the decomposition's master and model files all read them.

use super::columns::{Columns, Linear};

/// The rule a row states, with what it is about (indices into the problem and the space).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// (S): request `r` is held at most once.
    OneStart(usize),
    /// (N): at most `max` trainers on option `o`.
    TeamMax(usize),
    /// (N): at least `min` trainers on option `o`.
    TeamMin(usize),
    /// C6: enough leads on option `o`.
    Leads(usize),
    /// C7: at most the cap from one country on option `o`.
    SameCountry(usize),
    /// C8: one of trainer `t`'s overlapping blocked intervals.
    Gap(usize),
    /// C9: trainer `t`'s day budget.
    Budget(usize),
    /// C10: pin `i`.
    Pin(usize),
    /// (T): trainer `t` serves request `r` at most as often as it is held.
    OncePerRequest(usize, usize),
    /// (X): seat `k` only on a held option (LP relaxations only).
    SeatWithinOption(usize),
    /// A row added by the tier pipeline or its caller.
    Tier,
}

impl Rule {
    /// The trainer whose own year the row is about (C8, C9), if any: these rows belong to one
    /// trainer's schedule, the others link trainers through the requests.
    pub fn trainer(self) -> Option<usize> {
        match self {
            Rule::Gap(t) | Rule::Budget(t) => Some(t),
            _ => None,
        }
    }
}

/// One row: `low ≤ Σ terms ≤ high` (one side infinite, or both equal).
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// What it states.
    pub rule: Rule,
    /// (column, coefficient) pairs.
    pub terms: Linear,
    /// Lower limit (−∞ for none).
    pub low: f64,
    /// Upper limit (+∞ for none).
    pub high: f64,
}

impl Row {
    /// `Σ terms ≤ high`.
    pub fn at_most(rule: Rule, terms: Linear, high: f64) -> Self {
        Self {
            rule,
            terms,
            low: f64::NEG_INFINITY,
            high,
        }
    }

    /// `Σ terms ≥ low`.
    pub fn at_least(rule: Rule, terms: Linear, low: f64) -> Self {
        Self {
            rule,
            terms,
            low,
            high: f64::INFINITY,
        }
    }

    /// `Σ terms = value`.
    pub fn equal(rule: Rule, terms: Linear, value: f64) -> Self {
        Self {
            rule,
            terms,
            low: value,
            high: value,
        }
    }

    /// Whether the row holds at `point` (to a hair: every row has whole coefficients and
    /// limits).
    pub fn holds(&self, point: &[f64]) -> bool {
        let v = Columns::value(&self.terms, point);
        v >= self.low - 1e-6 && v <= self.high + 1e-6
    }
}

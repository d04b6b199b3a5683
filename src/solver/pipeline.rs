//! The one tier runner: `solve`, replanning, `explain`'s repairs and `whatif` all solve a list of
//! [`Tier`]s through [`Pipeline::run`].
//!
//! Each tier is built once as a HiGHS model (the formulation's rows, the rows that keep every
//! earlier tier at its optimum, and any rows of the caller), solved by the run's [`Method`]
//! within its share of the time, and judged by one rule ([`tiers::proven`]). A tier starts from
//! the better of the schedule the tier before it left and the caller's warm start, when that
//! start still meets every row the pipeline added.

use super::budget::Budget;
use super::columns::Columns;
use super::formulation::{Formulation, Row, Rule};
use super::greedy;
use super::highs::{LpBasis, Outcome, Settings, TierModel};
use super::method::{Method, TierRun};
use super::progress::Progress;
use super::space::Space;
use super::tiers::{self, Sense, Tier, TierKind};
use crate::model::Problem;

/// The row that keeps `tier` at `value` (or better), less the tier's slack. A share (not
/// whole-valued) is kept within 1e-5 of its value: HiGHS may return it up to its MIP
/// feasibility tolerance (1e-6) below the schedule's real share, and a row at that value
/// would cut the schedule itself off (seen: a share of 0.425 returned as 0.424999, after
/// which the next tier's MILP claimed a false optimum).
fn keeping(tier: &Tier, value: f64) -> Row {
    let room = tier.slack * value.abs() + if tier.kind.whole() { 0.0 } else { 1e-5 };
    match tier.sense() {
        Sense::Max => Row::at_least(Rule::Tier, tier.objective.clone(), value - room),
        Sense::Min => Row::at_most(Rule::Tier, tier.objective.clone(), value + room),
    }
}

/// What one tier proved.
#[derive(Clone, Debug, PartialEq)]
pub struct TierResult {
    /// The tier.
    pub kind: TierKind,
    /// Its objective at the schedule.
    pub value: f64,
    /// Its proven bound, rounded towards `value` (the sense's `no_bound` when none).
    pub bound: f64,
    /// Whether the bound meets the value (within the tier's gap).
    pub proven: bool,
    /// Whether the tier ran (after Ctrl-C the later tiers do not).
    pub ran: bool,
    /// Wall-clock seconds it took.
    pub seconds: f64,
}

/// Why a pipeline ended without a schedule.
#[derive(Debug)]
pub enum Stop {
    /// The first tier has no feasible point: the rows cannot all hold.
    Infeasible,
    /// The first tier found no schedule in time and there was no start.
    NoSolution {
        /// Its proven bound, if any.
        bound: Option<f64>,
    },
    /// HiGHS failed.
    Solver(String),
}

/// The schedule every tier agreed on, and what each proved.
#[derive(Clone, Debug)]
pub struct Solved {
    /// Column values.
    pub point: Vec<f64>,
    /// One result per tier, in order.
    pub tiers: Vec<TierResult>,
}

impl Solved {
    /// The result of the tier of `kind`, if the list had one.
    pub fn tier(&self, kind: TierKind) -> Option<&TierResult> {
        self.tiers.iter().find(|t| t.kind == kind)
    }

    /// Whether every tier ran and was proven.
    pub fn all_proven(&self) -> bool {
        self.tiers.iter().all(|t| t.ran && t.proven)
    }
}

/// What every tier of a run shares.
pub struct Pipeline<'a> {
    /// The problem.
    pub problem: &'a Problem,
    /// The decision space.
    pub space: &'a Space,
    /// Its variables and rows.
    pub formulation: &'a Formulation,
    /// How each tier is solved.
    pub method: &'a dyn Method,
    /// HiGHS settings.
    pub settings: &'a Settings,
    /// Progress lines.
    pub progress: Progress,
    /// Whether another pipeline runs tiers after this one's list (a restricted solve's cost
    /// model after its coverage model): under a limit, its last tier leaves them time as a
    /// tier before them would.
    pub followed: bool,
}

impl Pipeline<'_> {
    /// Runs `list` in order within `budget`, with the caller's `rows` added to every tier,
    /// starting from `start` (dropped if it breaks one of `rows`).
    pub fn run(
        &self,
        list: &[Tier],
        rows: Vec<Row>,
        start: Option<Vec<f64>>,
        budget: &Budget,
    ) -> Result<Solved, Stop> {
        let mut rows = rows;
        let warm = start.filter(|s| rows.iter().all(|r| r.holds(s)));
        let lp_rows = self.method.lp_rows(self.formulation, self.space);
        let mut point: Option<Vec<f64>> = None;
        let mut basis: Option<LpBasis> = None;
        let mut results = Vec::new();
        for (k, tier) in list.iter().enumerate() {
            if k > 0 && budget.interrupted() {
                if let Some(cheaper) = point.as_deref().and_then(|p| self.restaffed(tier, p, &rows)) {
                    point = Some(cheaper);
                }
                results.push(not_run(tier, point.as_deref().unwrap_or_default()));
                continue;
            }
            let clock = std::time::Instant::now();
            let weight_left: f64 = list[k..].iter().map(|t| t.kind.weight()).sum();
            let share = budget.share(tier.kind.weight() / weight_left);
            let start = self.start(tier, point.take(), warm.as_deref(), &rows);
            let mut model = TierModel::build(
                self.formulation,
                rows.clone(),
                lp_rows.clone(),
                tier.objective.clone(),
                tier.kind,
                self.settings,
                self.progress,
                self.method.needs_highs(),
            )
            .map_err(Stop::Solver)?;
            if let Some(b) = basis.take() {
                model.start_lp_from(b);
            }
            let run = TierRun {
                problem: self.problem,
                space: self.space,
                model: &mut model,
                formulation: self.formulation,
                rows: &rows,
                objective: &tier.objective,
                start: start.as_deref(),
                gap: tier.gap,
                budget: share,
                later: self.followed || k + 1 < list.len(),
                progress: self.progress,
            };
            let outcome = self.method.solve(run).map_err(Stop::Solver)?;
            basis = model.lp_basis().cloned();
            let (values, mut result) = judged(tier, outcome, start, k, list)?;
            result.seconds = clock.elapsed().as_secs_f64();
            self.progress.say(|| {
                format!(
                    "tier {} ({}): {} (bound {:.2})",
                    k + 1,
                    tier.kind.name(),
                    result.value,
                    result.bound
                )
            });
            rows.push(keeping(tier, result.value));
            results.push(result);
            point = Some(values);
        }
        Ok(Solved {
            point: point.or(warm).unwrap_or_default(),
            tiers: results,
        })
    }

    /// `point` staffed again by the greedy for cost ([`greedy::restaff`]), when `tier` is the
    /// cost tier and that is cheaper and meets every row the pipeline added: the tier will not
    /// run (Ctrl-C), and the point is the coverage tier's, chosen without regard to cost.
    fn restaffed(&self, tier: &Tier, point: &[f64], rows: &[Row]) -> Option<Vec<f64>> {
        let columns = self.formulation.columns;
        if tier.kind != TierKind::Cost || columns != Columns::of(self.space) {
            return None;
        }
        let choice = greedy::restaff(
            self.problem,
            self.space,
            &columns.held(point),
            &columns.taken(point),
        )?;
        let cheaper = columns.point(&choice.options, &choice.seats);
        let value = |p: &[f64]| Columns::value(&tier.objective, p);
        let better = tier.sense().better(value(&cheaper), value(point));
        (better && rows.iter().all(|r| r.holds(&cheaper))).then(|| {
            self.progress.say(|| {
                format!(
                    "cost: the schedule staffed again for cost: {} -> {}",
                    value(point),
                    value(&cheaper)
                )
            });
            cheaper
        })
    }

    /// The start of `tier`: the point the tier before it left, or the caller's warm start when
    /// that meets every row and is strictly better for this tier.
    fn start(
        &self,
        tier: &Tier,
        last: Option<Vec<f64>>,
        warm: Option<&[f64]>,
        rows: &[Row],
    ) -> Option<Vec<f64>> {
        let warm = warm.filter(|w| rows.iter().all(|r| r.holds(w)));
        match (last, warm) {
            (None, w) => w.map(<[f64]>::to_vec),
            (Some(l), Some(w)) => {
                let value = |p: &[f64]| Columns::value(&tier.objective, p);
                if tier.sense().better(value(w), value(&l)) {
                    Some(w.to_vec())
                } else {
                    Some(l)
                }
            }
            (Some(l), None) => Some(l),
        }
    }
}

/// The point and result of tier `k` from its outcome.
fn judged(
    tier: &Tier,
    outcome: Outcome,
    start: Option<Vec<f64>>,
    k: usize,
    list: &[Tier],
) -> Result<(Vec<f64>, TierResult), Stop> {
    let sense = tier.sense();
    let (values, value, bound) = match (outcome, start) {
        (Outcome::Infeasible, _) if k == 0 => return Err(Stop::Infeasible),
        (Outcome::Infeasible, _) => {
            return Err(Stop::Solver(format!(
                "HiGHS found the {} tier infeasible although the schedule of the {} tier satisfies it",
                tier.kind.name(),
                list[k - 1].kind.name()
            )))
        }
        (Outcome::NoSolution { bound }, Some(s)) => {
            let v = Columns::value(&tier.objective, &s);
            (s, v, bound.unwrap_or(sense.no_bound()))
        }
        (Outcome::NoSolution { bound }, None) => return Err(Stop::NoSolution { bound }),
        (
            Outcome::Solved {
                values,
                objective,
                bound,
            },
            _,
        ) if tier.kind.whole() => (values, objective.round(), bound),
        (
            Outcome::Solved {
                values,
                objective,
                bound,
            },
            _,
        ) => (values, objective, bound),
    };
    let bound = tiers::tier_bound(
        tier.kind,
        value,
        tier.known_bound.map_or(bound, |b| sense.tighter(b, bound)),
    );
    let result = TierResult {
        kind: tier.kind,
        value,
        bound,
        proven: tiers::proven_tier(tier.kind, value, bound, tier.gap),
        ran: true,
        seconds: 0.0,
    };
    Ok((values, result))
}

/// The result of a tier that did not run: its value at `point`, nothing proven.
fn not_run(tier: &Tier, point: &[f64]) -> TierResult {
    let value = Columns::value(&tier.objective, point);
    TierResult {
        kind: tier.kind,
        value: if tier.kind.whole() { value.round() } else { value },
        bound: tier.sense().no_bound(),
        proven: false,
        ran: false,
        seconds: 0.0,
    }
}

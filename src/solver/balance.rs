//! `--balance`: two tiers after cost. Among schedules with the optimal coverage and a cost
//! within `cost_slack` of the optimal cost, minimise the largest share of a trainer's budget
//! used, z ≥ Σ_k days_k · x_k / B_t for every trainer t (an auxiliary column); then maximise the
//! trainers who deliver at least one training, Σ_t u_t with u_t ≤ Σ_k x_k and 0 ≤ u_t ≤ 1
//! (auxiliary columns, 1 exactly when t is on some team at a whole schedule).
//!
//! Both run through the one tier [`Pipeline`] and its proven rule, on the model of the
//! coverage and cost tiers with the auxiliary columns and rows added, each as one MILP from the
//! schedule of the tier before it (the LP-guided method works on y and x columns alone).

use super::budget::Budget;
use super::columns::{Columns, Linear};
use super::formulation::{self, Formulation, Row, Rule};
use super::highs::Outcome;
use super::method::{Method, TierRun};
use super::pipeline::{Pipeline, Solved, Stop};
use super::space::Space;
use super::tiers::{Tier, TierKind};
use crate::model::Problem;

/// Each balance tier as one MILP, started from the schedule the tier before it left.
struct FromStart;

impl Method for FromStart {
    fn lp_rows(&self, _: &Formulation, _: &Space) -> Vec<Row> {
        Vec::new()
    }

    fn solve(&self, run: TierRun<'_>) -> Result<Outcome, String> {
        run.model.solve(
            run.formulation,
            &crate::solver::highs::Run {
                fixed: &[],
                start: run.start,
                presolve: true,
                gap: run.gap,
                max_nodes: None,
                jump: true,
                budget: &run.budget,
            },
        )
    }
}

/// The balance model: the formulation with z, the u_t and their rows; the two objectives.
struct Model {
    f: Formulation,
    share: Linear,
    active: Linear,
    /// Per trainer with seats: (u column, seat columns, days per seat, budget).
    trainers: Vec<(usize, Vec<(usize, f64)>, f64)>,
}

fn model(problem: &Problem, space: &Space, kind: formulation::Kind) -> Model {
    let mut f = formulation::build(problem, space, kind);
    let c = f.columns;
    let mut seats: Vec<Vec<(usize, f64)>> = vec![Vec::new(); problem.trainers.len()];
    for (k, seat) in space.seats.iter().enumerate() {
        let r = &problem.requests[space.starts[seat.option].request];
        seats[seat.trainer].push((c.x(k), f64::from(r.duration_days)));
    }
    let z = f.add_aux(0.0, 1.0);
    let mut trainers = Vec::new();
    for (t, mine) in seats.into_iter().enumerate().filter(|(_, s)| !s.is_empty()) {
        let budget = f64::from(problem.budget(&problem.trainers[t]));
        let u = f.add_aux(0.0, 1.0);
        let mut at_most_z: Linear = mine.iter().map(|&(j, d)| (j, d / budget.max(1.0))).collect();
        at_most_z.push((z, -1.0));
        let mut u_row: Linear = mine.iter().map(|&(j, _)| (j, -1.0)).collect();
        u_row.push((u, 1.0));
        f.rows.push(Row::at_most(Rule::Tier, at_most_z, 0.0));
        f.rows.push(Row::at_most(Rule::Tier, u_row, 0.0));
        trainers.push((u, mine, budget.max(1.0)));
    }
    let active = trainers.iter().map(|(u, _, _)| (*u, 1.0)).collect();
    Model {
        f,
        share: vec![(z, 1.0)],
        active,
        trainers,
    }
}

/// `point` (y and x) with z and the u_t set as the schedule has them.
fn extended(m: &Model, point: &[f64]) -> Vec<f64> {
    let mut p = point.to_vec();
    p.resize(m.f.columns.len(), 0.0);
    let mut largest: f64 = 0.0;
    for (u, mine, budget) in &m.trainers {
        let days = Columns::value(mine, point);
        largest = largest.max(days / budget);
        p[*u] = if days > 0.5 { 1.0 } else { 0.0 };
    }
    p[m.share[0].0] = largest;
    p
}

/// The balance tiers after `solved` (its coverage and cost tiers): the point of the last with
/// y and x only, and every tier's result. `coverage` and `cost` are the objectives of those
/// tiers; the cost may rise by `cost_slack` of its value.
#[allow(clippy::too_many_arguments)]
pub fn balance(
    problem: &Problem,
    space: &Space,
    kind: formulation::Kind,
    settings: &super::highs::Settings,
    progress: super::progress::Progress,
    (coverage, cost): (Linear, Linear),
    cost_slack: f64,
    solved: Solved,
    budget: &Budget,
) -> Result<Solved, Stop> {
    let m = model(problem, space, kind);
    let at = |f: &Linear| Columns::value(f, &solved.point);
    let rows = vec![
        Row::at_least(Rule::Tier, coverage.clone(), at(&coverage)),
        Row::at_most(Rule::Tier, cost.clone(), at(&cost) * (1.0 + cost_slack) + 1e-6),
    ];
    let list = [
        Tier::new(TierKind::Balance, m.share.clone()),
        Tier::new(TierKind::Active, m.active.clone()),
    ];
    let pipeline = Pipeline {
        problem,
        space,
        formulation: &m.f,
        method: &FromStart,
        settings,
        progress,
        followed: false,
    };
    let start = extended(&m, &solved.point);
    let balanced = pipeline.run(&list, rows, Some(start), budget)?;
    let n = Columns::of(space).len();
    let mut tiers = solved.tiers;
    tiers.extend(balanced.tiers);
    Ok(Solved {
        point: balanced.point[..n.min(balanced.point.len())].to_vec(),
        tiers,
    })
}

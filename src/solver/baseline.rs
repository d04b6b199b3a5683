//! Solving near a published schedule (the baseline): extra objective tiers that keep
//! baseline-staffed requests staffed and minimise disruption, with an optional cap.
//!
//! Disruption, for the baseline's staffed requests B that are still in the problem, with
//! Y_r = Σ_s y[r,s], y0_r = y[r, s_r] at the published start (0 when that start is gone),
//! T_r the published team and X_{t,r} = Σ_s x[t,r,s]:
//!
//! D = Σ_{r∈B} (1 − y0_r) + Σ_{r∈B} Σ_{t∈T_r} (Y_r − X_{t,r}) + Σ_{r∈B} Σ_{t∉T_r} X_{t,r}
//!
//! that is one per dropped or moved request plus one per published trainer taken off a request
//! that is still held (a trainer no longer in the problem counts as taken off) plus one per
//! trainer added to it. The tiers are
//! (keep) max Σ_{r∈B} Y_r over requests that still have a start, (coverage), (disruption)
//! min D, (cost), each with the earlier ones kept at their optimum, all run by the one tier
//! pipeline; `order` moves the disruption tier, and `max_changes` adds D ≤ K as a row of every
//! tier. See docs/formulation.md.

use std::time::Instant;

use super::budget::{Budget, BUILD_RESERVE};
use super::columns::{Columns, Linear};
use super::formulation::{Row, Rule};
use super::pipeline::{Pipeline, Solved, Stop, TierResult};
use super::progress::Progress;
use super::space::Space;
use super::tiers::{Tier, TierKind};
use super::{echo, extract, formulation, greedy, pins};
use super::{Options, SolveError};
use crate::model::{Assignment, Problem, Schedule};

/// Where the disruption tier goes in the tier sequence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    /// Before coverage: fewest changes first, then as much coverage as that allows.
    First,
    /// After coverage, before cost (the default).
    #[default]
    AfterCoverage,
    /// After cost: disruption only breaks ties between cheapest schedules.
    AfterCost,
}

/// A published schedule to stay close to.
#[derive(Clone, Debug, Default)]
pub struct Baseline {
    /// The published staffed requests.
    pub assignments: Vec<Assignment>,
    /// Keep baseline-staffed requests that are still possible staffed (a tier before all
    /// others); when false they may be dropped for coverage, at a disruption cost.
    pub keep_staffed: bool,
    /// Most changes allowed (D ≤ K), if capped.
    pub max_changes: Option<u32>,
    /// Where the disruption tier goes.
    pub order: Order,
}

/// What the replanning tiers proved.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// Disruption D of the schedule.
    pub disruption: u64,
    /// Proven lower bound on D (given the tiers before it).
    pub disruption_bound: f64,
    /// Baseline requests still staffed.
    pub kept: u64,
    /// Baseline requests that could be staffed alone in the changed problem.
    pub keepable: u64,
    /// Whether every tier was proven optimal.
    pub proven: bool,
    /// The tiers not proven optimal (stopped by a limit or Ctrl-C, or never reached), in order.
    pub unproven: Vec<&'static str>,
}

/// A schedule solved against a baseline.
#[derive(Clone, Debug)]
pub struct Replanned {
    /// The schedule.
    pub schedule: Schedule,
    /// The replanning tiers' results.
    pub outcome: Outcome,
}

/// The linear pieces of the replanning tiers.
struct Terms {
    /// Σ Y_r over keepable baseline requests.
    keep: Linear,
    keepable: u64,
    /// D minus its constant.
    disruption: Linear,
    /// The constant of D (|B| in the problem).
    constant: f64,
}

fn terms(problem: &Problem, space: &Space, baseline: &Baseline) -> Terms {
    let columns = Columns::of(space);
    let mut t = Terms {
        keep: Vec::new(),
        keepable: 0,
        disruption: Vec::new(),
        constant: 0.0,
    };
    for a in &baseline.assignments {
        let Some(ri) = problem.requests.iter().position(|r| r.id == a.request) else {
            continue;
        };
        let range = space.request_ranges[ri].clone();
        t.constant += 1.0;
        let team = a.trainers.len() as f64;
        for o in range.clone() {
            t.keep.push((columns.y(o), 1.0));
            let published = space.starts[o].start == a.start;
            t.disruption
                .push((columns.y(o), team - if published { 1.0 } else { 0.0 }));
            for k in space.seat_ranges[o].clone() {
                let published = a.trainers.contains(&problem.trainers[space.seats[k].trainer].id);
                t.disruption
                    .push((columns.x(k), if published { -1.0 } else { 1.0 }));
            }
        }
        t.keepable += u64::from(!range.is_empty());
    }
    if !baseline.keep_staffed {
        t.keep = Vec::new();
        t.keepable = 0;
    }
    t
}

/// The tiers in `order`, the keep tier first when some baseline request can be kept.
fn tiers(
    problem: &Problem,
    space: &Space,
    f: &formulation::Formulation,
    t: &Terms,
    options: &Options,
    order: Order,
) -> Vec<Tier> {
    let coverage = Tier::new(TierKind::Coverage, f.coverage(problem, space))
        .with_known_bound(extract::coverage_ceiling(problem, space));
    let disruption = Tier::new(TierKind::Disruption, t.disruption.clone());
    let cost = Tier::new(TierKind::Cost, f.cost(space)).with_gap(options.mip_rel_gap);
    let mut list = Vec::new();
    if t.keepable > 0 {
        list.push(Tier::new(TierKind::Keep, t.keep.clone()));
    }
    match order {
        Order::First => list.extend([disruption, coverage, cost]),
        Order::AfterCoverage => list.extend([coverage, disruption, cost]),
        Order::AfterCost => list.extend([coverage, cost, disruption]),
    }
    list
}

/// Solves `problem` against `baseline`: every tier in turn, each warm-started from the last.
pub fn solve_near(
    problem: &Problem,
    options: &Options,
    baseline: &Baseline,
) -> Result<Replanned, SolveError> {
    let clock = Instant::now();
    if let Some(why) = pins::impossible_pins(problem) {
        return Err(SolveError::Infeasible(why));
    }
    let kind = options.formulation;
    let space = Space::build(problem, kind == formulation::Kind::Cliques);
    let f = formulation::build(problem, &space, kind);
    let label = format!("{}+baseline", kind.code());
    let mut settings = echo::model_settings(options, label, f.rows.len(), f.columns.len());
    let mut phases = echo::Phases::new(&clock);
    phases.mark("model");
    let t = terms(problem, &space, baseline);
    let mut rows = Vec::new();
    if let Some(k) = baseline.max_changes {
        let cap = f64::from(k) - t.constant;
        rows.push(Row::at_most(Rule::Tier, t.disruption.clone(), cap));
    }
    let warm = match kind {
        formulation::Kind::Cliques => greedy::greedy(problem, &space, options.warm_start.as_deref())
            .map(|g| f.columns.point(&g.options, &g.seats)),
        formulation::Kind::Plain => None,
    };
    let list = tiers(problem, &space, &f, &t, options, baseline.order);
    let pipeline = Pipeline {
        problem,
        space: &space,
        formulation: &f,
        method: options.method(),
        settings: &options.highs(),
        progress: Progress::new(clock, options.progress),
        followed: false,
    };
    let budget = Budget::for_run(options.time_limit, clock, options.interrupt.clone())
        .less(BUILD_RESERVE * clock.elapsed().as_secs_f64());
    let solved = match run_keeping(&pipeline, &list, rows, warm, &budget, &t) {
        Ok(s) => s,
        Err(Stop::Infeasible) => return Err(infeasible(problem, baseline)),
        Err(Stop::NoSolution { .. }) => {
            let ceiling = extract::coverage_ceiling(problem, &space);
            let mut schedule = extract::no_solution(problem, f64::INFINITY, ceiling);
            echo::finish(&mut settings, &clock, phases);
            schedule.settings = Some(settings);
            let outcome = Outcome {
                disruption: 0,
                disruption_bound: 0.0,
                kept: 0,
                keepable: t.keepable,
                proven: false,
                unproven: list.iter().map(|t| t.kind.name()).collect(),
            };
            return Ok(Replanned { schedule, outcome });
        }
        Err(Stop::Solver(e)) => return Err(SolveError::Solver(e)),
    };
    phases.tiers(&solved.tiers);
    let mut schedule = extract::from_tiers(problem, &space, &solved, options.mip_rel_gap);
    let outcome = outcome(&solved, &t);
    echo::finish(&mut settings, &clock, phases);
    schedule.settings = Some(settings);
    Ok(Replanned { schedule, outcome })
}

/// Usually every baseline request that can still be staffed alone can be kept together: that
/// is tried as a row first (one tier less); if it cannot hold, the keep tier maximises it.
fn run_keeping(
    pipeline: &Pipeline<'_>,
    list: &[Tier],
    rows: Vec<Row>,
    warm: Option<Vec<f64>>,
    budget: &Budget,
    t: &Terms,
) -> Result<Solved, Stop> {
    if t.keepable == 0 {
        return pipeline.run(list, rows, warm, budget);
    }
    let mut with_row = rows.clone();
    with_row.push(Row::at_least(Rule::Tier, t.keep.clone(), t.keepable as f64));
    let rest: Vec<Tier> = list
        .iter()
        .filter(|t| t.kind != TierKind::Keep)
        .cloned()
        .collect();
    match pipeline.run(&rest, with_row, warm.clone(), budget) {
        Err(Stop::Infeasible) => pipeline.run(list, rows, warm, budget),
        Ok(mut solved) => {
            let keep = TierResult {
                kind: TierKind::Keep,
                value: t.keepable as f64,
                bound: t.keepable as f64,
                proven: true,
                ran: true,
                seconds: 0.0,
            };
            solved.tiers.insert(0, keep);
            Ok(solved)
        }
        other => other,
    }
}

/// The replanning figures of a solved pipeline.
fn outcome(solved: &Solved, t: &Terms) -> Outcome {
    let at = |f: &Linear| Columns::value(f, &solved.point);
    let disruption = solved.tier(TierKind::Disruption);
    Outcome {
        disruption: (at(&t.disruption) + t.constant).round().max(0.0) as u64,
        disruption_bound: disruption.map_or(0.0, |d| (d.bound + t.constant).max(0.0)),
        kept: at(&t.keep).round().max(0.0) as u64,
        keepable: t.keepable,
        proven: solved.all_proven(),
        unproven: solved
            .tiers
            .iter()
            .filter(|r| !(r.ran && r.proven))
            .map(|r| r.kind.name())
            .collect(),
    }
}

fn infeasible(problem: &Problem, baseline: &Baseline) -> SolveError {
    match baseline.max_changes {
        Some(k) => SolveError::Infeasible(format!(
            "  no valid schedule makes at most {k} change(s) to the baseline\n  fix: allow more changes (--max-changes)"
        )),
        None => SolveError::Infeasible(pins::conflicting_pins(problem)),
    }
}

//! Replanning against a published schedule (the baseline): extra objective tiers that keep
//! baseline-staffed requests staffed and minimise disruption, with an optional cap.
//!
//! Disruption, for the baseline's staffed requests B that are still in the problem, with
//! Y_r = Σ_s y[r,s], y0_r = y[r, s_r] at the published start (0 when that start is gone),
//! T_r the published team and X_{t,r} = Σ_s x[t,r,s]:
//!
//! D = Σ_{r∈B} (1 − y0_r) + Σ_{r∈B} Σ_{t∈T_r} (Y_r − X_{t,r})
//!
//! that is one per dropped or moved request plus one per published trainer taken off a request
//! that is still held (a trainer no longer in the problem counts as taken off). The tiers are
//! (keep) max Σ_{r∈B} Y_r over requests that still have a start, (coverage), (disruption)
//! min D, (cost), each with the earlier ones fixed at their optimum; `order` moves the
//! disruption tier, and `max_changes` adds D ≤ K as a row of every tier. See
//! docs/formulation.md.

use std::time::Instant;

use good_lp::{constraint, Constraint, Expression, IntoAffineExpression};

use super::highs_run::{meets, run_tier, run_tier_from_lp, Sense, TierModel, TierOutcome, TierSettings};
use super::index::Space;
use super::{extract, formulation, greedy, model_settings, peak_memory_mib, pins, remaining, Phases};
use super::{Options, SolveError};
use crate::model::{Assignment, Problem, Schedule, Status};

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
    keep: Expression,
    keepable: u64,
    /// D minus its constant.
    disruption: Expression,
    /// The constant of D (|B| in the problem).
    constant: f64,
}

fn terms(problem: &Problem, space: &Space, f: &formulation::Formulation, baseline: &Baseline) -> Terms {
    let mut t = Terms {
        keep: Expression::default(),
        keepable: 0,
        disruption: Expression::default(),
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
            t.keep.add_mul(1.0, f.y[o]);
            let published = space.starts[o].start == a.start;
            t.disruption
                .add_mul(team - if published { 1.0 } else { 0.0 }, f.y[o]);
            for k in space.seat_ranges[o].clone() {
                if a.trainers.contains(&problem.trainers[space.seats[k].trainer].id) {
                    t.disruption.add_mul(-1.0, f.x[k]);
                }
            }
        }
        t.keepable += u64::from(!range.is_empty());
    }
    if !baseline.keep_staffed {
        t.keep = Expression::default();
        t.keepable = 0;
    }
    t
}

struct Tier {
    name: &'static str,
    objective: Expression,
    sense: Sense,
    gap: f64,
}

fn tiers(
    problem: &Problem,
    space: &Space,
    f: &formulation::Formulation,
    t: &Terms,
    options: &Options,
    order: Order,
) -> Vec<Tier> {
    let tier = |name, objective, sense, gap| Tier {
        name,
        objective,
        sense,
        gap,
    };
    let coverage = tier("coverage", f.coverage(problem, space), Sense::Max, 0.0);
    let disruption = tier("disruption", t.disruption.clone(), Sense::Min, 0.0);
    let cost = tier("cost", f.cost(space), Sense::Min, options.mip_rel_gap);
    let mut list = Vec::new();
    if t.keepable > 0 {
        list.push(tier("keep", t.keep.clone(), Sense::Max, 0.0));
    }
    match order {
        Order::First => list.extend([disruption, coverage, cost]),
        Order::AfterCoverage => list.extend([coverage, disruption, cost]),
        Order::AfterCost => list.extend([coverage, cost, disruption]),
    }
    list
}

/// Result of one tier: its bound, and whether it was proven.
struct Done {
    bound: f64,
    proven: bool,
}

/// Why a tier sequence stopped without a schedule.
enum Fail {
    Infeasible,
    NoSolution,
    Solver(String),
}

/// What every tier run needs.
struct Run<'a> {
    f: &'a formulation::Formulation,
    /// x ≤ y per seat, which tighten each tier's LP relaxation (see
    /// [`formulation::Formulation::seats_within_options`]); empty for the `plain` model.
    tighten: Vec<Constraint>,
    /// The y columns: which options are held.
    decisions: std::ops::Range<usize>,
    options: &'a Options,
    clock: Instant,
    phases: &'a mut Phases,
}

type Tiers = (Vec<f64>, Vec<(&'static str, Done)>);

impl Run<'_> {
    /// Runs `list` in turn, each with the earlier objectives fixed and warm-started from the
    /// last schedule. A tier that finds nothing in time ends the sequence with the last one.
    fn tiers(
        &mut self,
        mut rows: Vec<Constraint>,
        list: &[&Tier],
        mut start: Option<Vec<f64>>,
    ) -> Result<Tiers, Fail> {
        let mut done = Vec::new();
        for (n, tier) in list.iter().enumerate() {
            let settings = TierSettings {
                time_limit: remaining(self.options, &self.clock, 1.0 / (list.len() - n) as f64),
                mip_rel_gap: tier.gap,
                threads: self.options.threads,
                seed: self.options.seed,
                verbose: self.options.verbose,
                // As in the plain solve: presolve costs more than it saves on a warm-started
                // tier.
                presolve: start.is_none(),
                extra: self.options.highs_options.clone(),
                name: tier.name,
                progress: self.options.progress,
                clock: self.clock,
            };
            let model = TierModel {
                vars: &self.f.vars,
                rows: &rows,
                objective: &tier.objective,
                sense: tier.sense,
                start: start.as_deref(),
                fixed: &[],
            };
            let outcome = if self.tighten.is_empty() {
                run_tier(&model, &settings)
            } else {
                let lp_rows: Vec<Constraint> = rows.iter().chain(&self.tighten).cloned().collect();
                let progress = |msg: String| {
                    if self.options.progress {
                        eprintln!("[{:7.2}s] {msg}", self.clock.elapsed().as_secs_f64());
                    }
                };
                run_tier_from_lp(&model, &lp_rows, self.decisions.clone(), &settings, &progress)
            }
            .map_err(Fail::Solver)?;
            self.phases.mark(tier.name);
            let (values, objective, bound) = match outcome {
                TierOutcome::Infeasible => return Err(Fail::Infeasible),
                TierOutcome::NoSolution { .. } if !done.is_empty() => break,
                TierOutcome::NoSolution { .. } => return Err(Fail::NoSolution),
                TierOutcome::Solved {
                    values,
                    objective,
                    bound,
                } => (values, objective.round(), bound),
            };
            // Every tier's objective takes whole values: its bound rounds towards the
            // schedule, and the tier is proven when they meet (the rule `run_tier_from_lp` uses).
            let bound = match tier.sense {
                Sense::Max => (bound + 1e-6).floor().max(objective),
                Sense::Min => (bound - 1e-6).ceil().min(objective),
            };
            let proven = meets(tier.sense, objective, bound, tier.gap);
            rows.push(match tier.sense {
                Sense::Max => constraint!(tier.objective.clone() >= objective),
                Sense::Min => constraint!(tier.objective.clone() <= objective),
            });
            done.push((tier.name, Done { bound, proven }));
            start = Some(values);
        }
        Ok((start.unwrap_or_default(), done))
    }
}

/// Solves `problem` against `baseline`: every tier in turn, each warm-started from the last.
pub fn replan(problem: &Problem, options: &Options, baseline: &Baseline) -> Result<Replanned, SolveError> {
    let clock = Instant::now();
    if let Some(why) = pins::impossible_pins(problem) {
        return Err(SolveError::Infeasible(why));
    }
    let kind = options.formulation;
    let space = Space::build(problem, kind == formulation::Kind::Cliques);
    let f = formulation::build(problem, &space, kind);
    let mut settings = model_settings(
        options,
        format!("{}+baseline", kind.code()),
        f.rows.len(),
        space.starts.len() + space.seats.len(),
    );
    let mut phases = Phases::new(&clock);
    phases.mark("model");
    let t = terms(problem, &space, &f, baseline);
    let mut rows: Vec<Constraint> = f.rows.clone();
    if let Some(k) = baseline.max_changes {
        let cap = f64::from(k) - t.constant;
        rows.push(constraint!(t.disruption.clone() <= cap));
    }
    let warm = greedy::greedy(problem, &space, options.warm_start.as_deref()).map(|g| g.to_columns(&space));
    let warm = warm.filter(|_| kind == formulation::Kind::Cliques);
    let cliques = kind == formulation::Kind::Cliques;
    let mut run = Run {
        f: &f,
        tighten: if cliques {
            f.seats_within_options(&space)
        } else {
            Vec::new()
        },
        decisions: 0..space.starts.len(),
        options,
        clock,
        phases: &mut phases,
    };
    // Usually every baseline request that can still be staffed alone can be kept together:
    // try that as a row first (one tier less); if it cannot hold, the keep tier maximises it.
    let keep_row = (t.keepable > 0).then(|| constraint!(t.keep.clone() >= t.keepable as f64));
    let all = tiers(problem, &space, &f, &t, options, baseline.order);
    let result = match keep_row {
        Some(row) => {
            let mut with_row = rows.clone();
            with_row.push(row);
            let without_keep: Vec<&Tier> = all.iter().filter(|t| t.name != "keep").collect();
            match run.tiers(with_row, &without_keep, warm.clone()) {
                Err(Fail::Infeasible) => run.tiers(rows, &all.iter().collect::<Vec<_>>(), warm),
                Ok((values, mut done)) => {
                    done.insert(
                        0,
                        (
                            "keep",
                            Done {
                                bound: t.keepable as f64,
                                proven: true,
                            },
                        ),
                    );
                    Ok((values, done))
                }
                other => other,
            }
        }
        None => run.tiers(rows, &all.iter().collect::<Vec<_>>(), warm),
    };
    let (values, done) = match result {
        Ok(r) => r,
        Err(Fail::Infeasible) => return Err(infeasible(problem, baseline)),
        Err(Fail::NoSolution) => {
            let ceiling = extract::coverage_ceiling(problem, &space);
            let mut schedule = extract::no_solution(problem, f64::INFINITY, ceiling);
            settings.elapsed_seconds = clock.elapsed().as_secs_f64();
            schedule.settings = Some(settings);
            let outcome = Outcome {
                disruption: 0,
                disruption_bound: 0.0,
                kept: 0,
                keepable: t.keepable,
                proven: false,
                unproven: all.iter().map(|t| t.name).collect(),
            };
            return Ok(Replanned { schedule, outcome });
        }
        Err(Fail::Solver(e)) => return Err(SolveError::Solver(e)),
    };
    let list = &all;
    let get = |name: &str| done.iter().find(|(n, _)| *n == name).map(|(_, d)| d);
    let proof = extract::Proof {
        coverage_bound: get("coverage").map_or(f64::INFINITY, |d| d.bound),
        coverage_ceiling: extract::coverage_ceiling(problem, &space),
        cost_bound: get("cost").map_or(0.0, |d| d.bound.max(0.0)),
        cost_tolerance: options.mip_rel_gap,
    };
    let mut schedule = extract::schedule(problem, &space, &values, proof);
    let all_proven = done.len() == list.len() && done.iter().all(|(_, d)| d.proven);
    if !all_proven && schedule.status == Status::Optimal {
        schedule.status = Status::Feasible;
    }
    let columns = |e: &Expression| -> f64 { eval(e, &f, &values) };
    let outcome = Outcome {
        disruption: (columns(&t.disruption) + t.constant).round().max(0.0) as u64,
        disruption_bound: get("disruption").map_or(0.0, |d| (d.bound + t.constant).max(0.0)),
        kept: columns(&t.keep).round().max(0.0) as u64,
        keepable: t.keepable,
        proven: all_proven,
        unproven: list
            .iter()
            .map(|t| t.name)
            .filter(|name| get(name).is_none_or(|d| !d.proven))
            .collect(),
    };
    settings.elapsed_seconds = clock.elapsed().as_secs_f64();
    settings.phase_seconds = phases.list;
    settings.peak_memory_mib = peak_memory_mib();
    schedule.settings = Some(settings);
    Ok(Replanned { schedule, outcome })
}

/// Value of a linear expression at column values (y columns, then x columns).
fn eval(e: &Expression, f: &formulation::Formulation, values: &[f64]) -> f64 {
    let column: std::collections::HashMap<good_lp::Variable, usize> =
        f.y.iter()
            .chain(f.x.iter())
            .enumerate()
            .map(|(i, v)| (*v, i))
            .collect();
    e.clone()
        .linear_coefficients()
        .map(|(v, c)| {
            c * column
                .get(&v)
                .and_then(|&i| values.get(i))
                .copied()
                .unwrap_or(0.0)
        })
        .sum()
}

fn infeasible(problem: &Problem, baseline: &Baseline) -> SolveError {
    match baseline.max_changes {
        Some(k) => SolveError::Infeasible(format!(
            "  no valid schedule makes at most {k} change(s) to the baseline\n  fix: allow more changes (--max-changes)"
        )),
        None => SolveError::Infeasible(pins::conflicting_pins(problem)),
    }
}

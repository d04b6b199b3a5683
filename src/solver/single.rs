//! One model of one space: its tiers run through the pipeline, and the schedule judged.

use std::time::Instant;

use super::budget::{Budget, BUILD_RESERVE};
use super::pipeline::{self, Pipeline, Stop};
use super::progress::Progress;
use super::rows::{Row, Rule};
use super::space::Space;
use super::tiers::{Tier, TierKind};
use super::{balance, echo, extract, formulation, greedy, Options, SolveError};
use crate::model::{Problem, Schedule};

/// The tiers a model solves.
#[derive(Clone, Copy)]
pub(super) enum Tiers {
    /// Coverage, then cost.
    Both,
    /// Coverage alone.
    Coverage,
    /// Cost alone, with coverage held at least at this value.
    CostAt(f64),
}

/// Solves the model of `space`: the coverage tier, then the cost tier, or one of them. `clocks`
/// are the run's start and the start of this model's building (twice the time since is held
/// back for what no HiGHS limit covers).
pub(super) fn solve_model(
    problem: &Problem,
    space: &Space,
    options: &Options,
    budget: &Budget,
    clocks: (Instant, Instant),
    tiers: Tiers,
) -> Result<Schedule, SolveError> {
    let (clock, building) = clocks;
    let kind = options.formulation;
    let f = formulation::build(problem, space, kind);
    let mut settings = echo::model_settings(options, kind.code().to_owned(), f.rows.len(), f.columns.len());
    let mut phases = echo::Phases::new(&clock);
    phases.mark("model");
    let progress = Progress::new(clock, options.progress);
    progress.say(|| format!("model: {} columns, {} rows", f.columns.len(), f.rows.len()));
    let mut schedule = if space.starts.is_empty() {
        extract::schedule(problem, space, &[], extract::Proof::trivial())
    } else {
        let ceiling = extract::coverage_ceiling(problem, space);
        let coverage = Tier::new(TierKind::Coverage, f.coverage(problem, space)).with_known_bound(ceiling);
        let cost = Tier::new(TierKind::Cost, f.cost(space)).with_gap(options.mip_rel_gap);
        let (list, rows) = match tiers {
            Tiers::Both => (vec![coverage, cost], Vec::new()),
            Tiers::Coverage => (vec![coverage], Vec::new()),
            Tiers::CostAt(z) => {
                let keep = Row::at_least(Rule::Tier, coverage.objective, z);
                (vec![cost], vec![keep])
            }
        };
        let warm = match kind {
            formulation::Kind::Cliques => greedy::greedy(problem, space, options.warm_start.as_deref())
                .map(|g| f.columns.point(&g.options, &g.seats)),
            formulation::Kind::Plain => None,
        };
        let pipeline = Pipeline {
            problem,
            space,
            formulation: &f,
            method: options.method(),
            settings: &options.highs(),
            progress,
            followed: matches!(tiers, Tiers::Coverage) || options.balance.is_some(),
        };
        let budget = budget.less(BUILD_RESERVE * building.elapsed().as_secs_f64());
        let solved = pipeline.run(&list, rows, warm, &budget);
        match solved.and_then(|s| balanced(&pipeline, &list, s, options, &budget)) {
            Ok(solved) => {
                phases.tiers(&solved.tiers);
                let tolerance = options.mip_rel_gap.max(options.balance.unwrap_or(0.0));
                let mut schedule = extract::from_tiers(problem, space, &solved, tolerance);
                settings.balance = options
                    .balance
                    .and_then(|s| echo::balance_proof(&solved.tiers, s))
                    .map(|b| echo::measured(b, problem, &mut schedule));
                schedule
            }
            Err(Stop::Infeasible) => return Err(SolveError::Infeasible(String::new())),
            Err(Stop::NoSolution { bound }) => {
                extract::no_solution(problem, bound.unwrap_or(f64::INFINITY), ceiling)
            }
            Err(Stop::Solver(e)) => return Err(SolveError::Solver(e)),
        }
    };
    echo::finish(&mut settings, &clock, phases);
    schedule.settings = Some(settings);
    Ok(schedule)
}

/// `solved` (coverage and cost tiers of `list`) followed by the balance tiers when asked for.
fn balanced(
    pipeline: &Pipeline<'_>,
    list: &[Tier],
    solved: pipeline::Solved,
    options: &Options,
    budget: &Budget,
) -> Result<pipeline::Solved, Stop> {
    let Some(slack) = options.balance else {
        return Ok(solved);
    };
    let objectives = (list[0].objective.clone(), list[1].objective.clone());
    balance::balance(
        pipeline.problem,
        pipeline.space,
        options.formulation,
        pipeline.settings,
        pipeline.progress,
        objectives,
        slack,
        solved,
        budget,
    )
}

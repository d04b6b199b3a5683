//! The solver: the only code that touches good_lp and HiGHS.
//!
//! A solve is one pipeline of objective tiers ([`pipeline`]): coverage (maximised), then cost
//! (minimised with coverage kept at its optimum); replanning adds the keep and disruption tiers
//! ([`baseline`]). Each tier is a HiGHS model built once ([`highs`]) and solved by the run's
//! [`method`]: LP-guided for the `cliques` model (LP bound → dives near the LP point →
//! reduced-cost rounds), one MILP per tier for the `plain` baseline. Every stage draws on one
//! [`budget::Budget`], so `--time-limit` and Ctrl-C reach them all; each tier reports its proven
//! bound, so a stopped search yields an honest `feasible` status instead of a false `optimal`.
//!
//! Around the pipeline: independent parts of a problem are solved in parallel ([`decompose`]),
//! and above `max_seats` seats the model is built on a restricted set ([`restrict`]).

#[forbid(unsafe_code)]
pub mod balance;
#[forbid(unsafe_code)]
pub mod baseline;
#[forbid(unsafe_code)]
pub mod budget;
#[forbid(unsafe_code)]
pub mod columns;
#[forbid(unsafe_code)]
pub mod conflict;
#[forbid(unsafe_code)]
pub mod decompose;
#[forbid(unsafe_code)]
pub mod decomposition;
#[forbid(unsafe_code)]
mod echo;
#[forbid(unsafe_code)]
pub mod export;
#[forbid(unsafe_code)]
mod extract;
#[forbid(unsafe_code)]
pub mod formulation;
#[forbid(unsafe_code)]
pub mod greedy;
pub mod highs;
#[forbid(unsafe_code)]
pub mod import;
#[forbid(unsafe_code)]
pub mod method;
#[forbid(unsafe_code)]
pub mod names;
#[forbid(unsafe_code)]
mod pins;
#[forbid(unsafe_code)]
pub mod pipeline;
#[forbid(unsafe_code)]
pub mod progress;
#[forbid(unsafe_code)]
pub mod restrict;
#[forbid(unsafe_code)]
pub mod rows;
mod single;
#[forbid(unsafe_code)]
pub mod space;
#[forbid(unsafe_code)]
pub mod tiers;

use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::model::{Problem, Schedule};
use budget::{Budget, Interrupt};
use method::Method;
use progress::Progress;
use space::Space;

/// How to solve.
#[derive(Clone, Debug)]
pub struct Options {
    /// Wall-clock limit for the whole solve, in seconds.
    pub time_limit: Option<f64>,
    /// Relative gap tolerance of the cost tier (coverage is always solved exactly).
    pub mip_rel_gap: f64,
    /// HiGHS threads.
    pub threads: u32,
    /// HiGHS random seed.
    pub seed: u32,
    /// Print phase lines on stderr.
    pub progress: bool,
    /// Print HiGHS's own log.
    pub verbose: bool,
    /// Extra HiGHS options (`name`, `value`), for experiments.
    pub highs_options: Vec<(String, String)>,
    /// Which model to build (and with it, the method: LP-guided or plain MILPs).
    pub formulation: formulation::Kind,
    /// Above this many seats the `cliques` model is built on a restricted set of seats.
    pub max_seats: usize,
    /// A published schedule to stay close to: adds the keep and disruption tiers (see
    /// [`baseline`]); the problem is then solved whole, on all seats.
    pub baseline: Option<baseline::Baseline>,
    /// A schedule to start from (for example the base plan of a what-if or a replan): its
    /// assignments that still fit the problem are kept in the warm start, the rest is filled
    /// greedily. Ids the problem no longer has are ignored.
    pub warm_start: Option<Arc<Schedule>>,
    /// Stops the search when set (Ctrl-C); the best schedule found so far is returned.
    pub interrupt: Interrupt,
    /// Bound tiers the LP leaves unproven by the decomposition by trainer.
    pub decomposition: bool,
    /// The MILP solver: HiGHS for every formulation, the others for `plain` only.
    pub backend: method::Backend,
    /// `--balance`: after cost, minimise the largest share of a trainer's budget used, then
    /// maximise the trainers who deliver a training, with the cost allowed to rise by this
    /// relative slack (see [`balance`]). Not used when solving against a baseline.
    pub balance: Option<f64>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            time_limit: None,
            mip_rel_gap: 0.0,
            threads: 1,
            seed: 0,
            progress: false,
            verbose: false,
            highs_options: Vec::new(),
            formulation: formulation::Kind::default(),
            max_seats: 1_000_000,
            baseline: None,
            warm_start: None,
            interrupt: Interrupt::new(),
            decomposition: false,
            backend: method::Backend::Highs,
            balance: None,
        }
    }
}

impl Options {
    /// The HiGHS settings every run of this solve shares.
    fn highs(&self) -> highs::Settings {
        highs::Settings {
            threads: self.threads,
            seed: self.seed,
            verbose: self.verbose,
            extra: self.highs_options.clone(),
            interrupt: self.interrupt.clone(),
        }
    }

    /// The method that solves each tier of this solve's formulation.
    fn method(&self) -> &'static dyn Method {
        match self.backend {
            method::Backend::Highs => (),
            method::Backend::Cbc => {
                return &method::OnBackend {
                    backend: method::Backend::Cbc,
                }
            }
            method::Backend::Microlp => {
                return &method::OnBackend {
                    backend: method::Backend::Microlp,
                }
            }
        }
        match self.formulation {
            formulation::Kind::Cliques if self.decomposition => &method::LpGuided { decomposition: true },
            formulation::Kind::Cliques => &method::LpGuided { decomposition: false },
            formulation::Kind::Plain => &method::Plain,
        }
    }
}

/// Why no schedule could be produced.
#[derive(Debug, thiserror::Error)]
pub enum SolveError {
    /// The problem has no valid schedule; the text says which rules conflict.
    #[error("the problem has no valid schedule:\n{0}")]
    Infeasible(String),
    /// The MILP solver failed.
    #[error("solver failure: {0}")]
    Solver(String),
}

/// Solves `problem`. The schedule's `unscheduled` reasons are left empty: see `explain`.
///
/// With the `cliques` formulation, independent parts (see [`decompose`]) are solved separately
/// and in parallel, each HiGHS run on one thread.
///
/// When the problem has no valid schedule, the error names a minimal set of conflicting rules
/// (see [`conflict`]), searched for within the same time limit.
pub fn solve(problem: &Problem, options: &Options) -> Result<Schedule, SolveError> {
    if options.backend != method::Backend::Highs && options.formulation != formulation::Kind::Plain {
        return Err(SolveError::Solver(format!(
            "the {} backend runs the plain formulation only (the LP-guided method needs HiGHS): add --formulation plain",
            options.backend.code()
        )));
    }
    if let Some(b) = &options.baseline {
        return baseline::solve_near(problem, options, b).map(|r| r.schedule);
    }
    let clock = Instant::now();
    let budget = Budget::for_run(options.time_limit, clock, options.interrupt.clone());
    match solve_unexplained(problem, options, &budget) {
        Err(SolveError::Infeasible(_)) if pins::impossible_pins(problem).is_none() => {
            Err(SolveError::Infeasible(conflict::explain(problem, &budget)))
        }
        other => other,
    }
}

/// [`solve`] within `budget`, without working out which rules conflict when the problem is
/// infeasible.
fn solve_unexplained(problem: &Problem, options: &Options, budget: &Budget) -> Result<Schedule, SolveError> {
    let clock = Instant::now();
    if let Some(why) = pins::impossible_pins(problem) {
        return Err(SolveError::Infeasible(why));
    }
    let kind = options.formulation;
    let space = Space::build(problem, kind == formulation::Kind::Cliques);
    let parts = match kind {
        formulation::Kind::Cliques => decompose::parts(problem, &space),
        formulation::Kind::Plain => Vec::new(),
    };
    if parts.len() <= 1 {
        return solve_whole(problem, &space, options, budget, clock);
    }
    let progress = Progress::new(clock, options.progress);
    progress.say(|| format!("{} independent parts", parts.len()));
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .max(options.threads as usize);
    let part_options = Options {
        threads: 1,
        progress: false,
        ..options.clone()
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .build()
        .map_err(|e| SolveError::Solver(e.to_string()))?;
    let solved: Vec<Result<Schedule, SolveError>> = pool.install(|| {
        parts
            .par_iter()
            .map(|part| {
                let sub = decompose::sub_problem(problem, part);
                let sub_space = Space::build(&sub, true);
                solve_whole(&sub, &sub_space, &part_options, budget, Instant::now())
            })
            .collect()
    });
    let solved: Vec<Schedule> = solved.into_iter().collect::<Result<_, _>>()?;
    let each: Vec<crate::model::Settings> = solved.iter().filter_map(|s| s.settings.clone()).collect();
    let settings = echo::merged_settings(&each, options, workers, &clock);
    let mut schedule = extract::merge(problem, solved, options.mip_rel_gap);
    schedule.settings = Some(settings);
    Ok(schedule)
}

/// Solves one problem (or part) as a single model, on a restricted set of seats when the
/// problem has more than `options.max_seats` (see [`restrict`]).
fn solve_whole(
    problem: &Problem,
    space: &Space,
    options: &Options,
    budget: &Budget,
    clock: Instant,
) -> Result<Schedule, SolveError> {
    if options.formulation == formulation::Kind::Plain || space.seats.len() <= options.max_seats {
        let clocks = (clock, clock);
        let both = single::Tiers::Both;
        return single::solve_model(problem, space, options, budget, clocks, both);
    }
    restrict::solve(problem, space, options, budget, clock)
}

#[cfg(test)]
mod tests;

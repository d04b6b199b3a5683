//! The solver: the only code that touches good_lp and HiGHS.
//!
//! Two tiers are solved one after the other (lexicographic): tier 1 maximises coverage; tier 2
//! fixes coverage at the tier-1 value and minimises cost. With the `cliques` model each tier is
//! solved from its LP relaxation (see [`highs_run::run_tier_from_lp`]); a greedy schedule is
//! tier 1's first incumbent and the tier-1 schedule tier 2's. Each tier reports its proven
//! bound, so a time limit yields an honest `feasible` status with bounds and gaps instead of a
//! false `optimal`.

pub mod callback;
pub mod conflict;
pub mod decompose;
pub mod disruption;
mod extract;
pub mod formulation;
pub mod greedy;
mod highs_run;
pub mod index;
mod pins;
pub mod restrict;

use std::sync::Arc;
use std::time::Instant;

use good_lp::constraint;
use rayon::prelude::*;

use crate::model::{Problem, Schedule, Settings};
pub use highs_run::highs_version;
use highs_run::{run_tier, Sense, TierModel, TierOutcome, TierSettings};
use index::Space;

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
    /// Which model to build.
    pub formulation: formulation::Kind,
    /// Above this many seats the `cliques` model is built on a restricted set of seats.
    pub max_seats: usize,
    /// A published schedule to stay close to: adds the keep and disruption tiers (see
    /// [`disruption`]); the problem is then solved whole, on all seats.
    pub baseline: Option<disruption::Baseline>,
    /// A schedule to start from (for example the base plan of a what-if or a replan): its
    /// assignments that still fit the problem are kept in the warm start handed to HiGHS, the
    /// rest is filled greedily. Ids the problem no longer has are ignored.
    pub warm_start: Option<Arc<Schedule>>,
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

/// Solves `problem`. The schedule's `unscheduled` reasons are left empty: see [`crate::explain`].
///
/// With the `cliques` formulation, independent parts (see [`decompose`]) are solved separately
/// and in parallel, each HiGHS run on one thread.
///
/// When the problem has no valid schedule, the error names a minimal set of conflicting rules
/// (see [`conflict`]).
pub fn solve(problem: &Problem, options: &Options) -> Result<Schedule, SolveError> {
    if let Some(baseline) = &options.baseline {
        return disruption::replan(problem, options, baseline).map(|r| r.schedule);
    }
    let deadline = options
        .time_limit
        .map(|t| Instant::now() + std::time::Duration::from_secs_f64(t));
    match solve_unexplained(problem, options) {
        Err(SolveError::Infeasible(_)) if pins::impossible_pins(problem).is_none() => {
            Err(SolveError::Infeasible(conflict::explain(problem, deadline)))
        }
        other => other,
    }
}

/// [`solve`] without working out which rules conflict when the problem is infeasible.
fn solve_unexplained(problem: &Problem, options: &Options) -> Result<Schedule, SolveError> {
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
        return solve_whole(problem, &space, options, &clock);
    }
    if options.progress {
        eprintln!(
            "[{:7.2}s] {} independent parts",
            clock.elapsed().as_secs_f64(),
            parts.len()
        );
    }
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .max(options.threads as usize);
    let part_options = Options {
        threads: 1,
        time_limit: remaining(options, &clock, 1.0),
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
                solve_whole(&sub, &sub_space, &part_options, &Instant::now())
            })
            .collect()
    });
    let solved: Vec<Schedule> = solved.into_iter().collect::<Result<_, _>>()?;
    let settings = merged_settings(&solved, options, workers, &clock);
    let mut schedule = extract::merge(problem, solved, options.mip_rel_gap);
    schedule.settings = Some(settings);
    Ok(schedule)
}

/// Settings of a decomposed solve: model sizes added, each phase as long as its longest part.
fn merged_settings(parts: &[Schedule], options: &Options, workers: usize, clock: &Instant) -> Settings {
    let all: Vec<&Settings> = parts.iter().filter_map(|p| p.settings.as_ref()).collect();
    let mut phases: Vec<(String, f64)> = Vec::new();
    for (name, secs) in all.iter().flat_map(|s| s.phase_seconds.iter()) {
        match phases.iter_mut().find(|(n, _)| n == name) {
            Some((_, longest)) => *longest = longest.max(*secs),
            None => phases.push((name.clone(), *secs)),
        }
    }
    Settings {
        solver: highs_version(),
        mtplan_version: env!("CARGO_PKG_VERSION").to_owned(),
        formulation: options.formulation.code().to_owned(),
        threads: workers as u32,
        seed: options.seed,
        time_limit_seconds: options.time_limit,
        mip_rel_gap: options.mip_rel_gap,
        model_rows: all.iter().map(|s| s.model_rows).sum(),
        model_columns: all.iter().map(|s| s.model_columns).sum(),
        elapsed_seconds: clock.elapsed().as_secs_f64(),
        phase_seconds: phases,
        peak_memory_mib: peak_memory_mib(),
        parts: parts.len(),
    }
}

/// Solves one problem (or part): as a single MILP, on a restricted set of seats when the
/// problem has more than `options.max_seats` (see [`restrict`]).
fn solve_whole(
    problem: &Problem,
    space: &Space,
    options: &Options,
    clock: &Instant,
) -> Result<Schedule, SolveError> {
    if options.formulation == formulation::Kind::Plain || space.seats.len() <= options.max_seats {
        return solve_model(problem, space, options, clock);
    }
    let small = restrict::restrict(problem, space, options.warm_start.as_deref());
    if options.progress {
        let t = clock.elapsed().as_secs_f64();
        eprintln!(
            "[{t:7.2}s] {} seats; solving on {} of them (restricted)",
            space.seats.len(),
            small.seats.len()
        );
    }
    let mut schedule = solve_model(problem, &small, options, clock)?;
    restrict::rejudge(problem, space, &mut schedule, options.mip_rel_gap);
    if let Some(s) = schedule.settings.as_mut() {
        s.formulation = format!("{}-restricted", s.formulation);
    }
    Ok(schedule)
}

/// Solves the MILP on `space`.
fn solve_model(
    problem: &Problem,
    space: &Space,
    options: &Options,
    clock: &Instant,
) -> Result<Schedule, SolveError> {
    let kind = options.formulation;
    let f = formulation::build(problem, space, kind);
    let mut settings = model_settings(
        options,
        kind.code().to_owned(),
        f.rows.len(),
        space.starts.len() + space.seats.len(),
    );
    let mut phases = Phases::new(clock);
    phases.mark("model");
    let progress = |msg: String| {
        if options.progress {
            eprintln!("[{:7.2}s] {msg}", clock.elapsed().as_secs_f64());
        }
    };
    progress(format!(
        "model: {} columns, {} rows",
        settings.model_columns, settings.model_rows
    ));
    let mut schedule = if space.starts.is_empty() {
        extract::schedule(problem, space, &[], extract::Proof::trivial())
    } else {
        solve_tiers(problem, space, f, options, clock, &progress, &mut phases)?
    };
    settings.elapsed_seconds = clock.elapsed().as_secs_f64();
    settings.phase_seconds = phases.list;
    settings.peak_memory_mib = peak_memory_mib();
    schedule.settings = Some(settings);
    Ok(schedule)
}

/// Settings of one model solved whole; timing and memory are filled in when it is solved.
fn model_settings(options: &Options, formulation: String, rows: usize, columns: usize) -> Settings {
    Settings {
        solver: highs_version(),
        mtplan_version: env!("CARGO_PKG_VERSION").to_owned(),
        formulation,
        threads: options.threads,
        seed: options.seed,
        time_limit_seconds: options.time_limit,
        mip_rel_gap: options.mip_rel_gap,
        model_rows: rows,
        model_columns: columns,
        elapsed_seconds: 0.0,
        phase_seconds: Vec::new(),
        peak_memory_mib: None,
        parts: 1,
    }
}

/// Wall-clock time per phase.
struct Phases {
    last: Instant,
    list: Vec<(String, f64)>,
}

impl Phases {
    fn new(start: &Instant) -> Self {
        Self {
            last: *start,
            list: Vec::new(),
        }
    }

    /// Ends the phase `name` now.
    fn mark(&mut self, name: &str) {
        let now = Instant::now();
        self.list.push((name.to_owned(), (now - self.last).as_secs_f64()));
        self.last = now;
    }
}

/// Peak resident memory of this process (VmHWM), on systems with /proc.
pub fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Share of the time left for the next phase. 10 % of the limit is held back: HiGHS checks its
/// limit only now and then (not inside presolve), and the schedule still has to be written.
fn remaining(options: &Options, clock: &Instant, share: f64) -> Option<f64> {
    options
        .time_limit
        .map(|limit| ((limit * 0.9 - clock.elapsed().as_secs_f64()) * share).max(0.01))
}

fn solve_tiers(
    problem: &Problem,
    space: &Space,
    f: formulation::Formulation,
    options: &Options,
    clock: &Instant,
    progress: &dyn Fn(String),
    phases: &mut Phases,
) -> Result<Schedule, SolveError> {
    let tier = |name, time_limit, gap| TierSettings {
        time_limit,
        mip_rel_gap: gap,
        threads: options.threads,
        seed: options.seed,
        verbose: options.verbose,
        presolve: true,
        extra: options.highs_options.clone(),
        name,
        progress: options.progress,
        clock: *clock,
    };
    // HiGHS overruns its limit by up to a presolve or a root LP, which grow with the model: on
    // top of the 10 % that `remaining` holds back, the tiers hold back twice the time it took
    // to build the model (0.1 s at programme size, 45 s at 30×, where the cost tier overran
    // by 51 s).
    let reserve = 2.0 * clock.elapsed().as_secs_f64();
    let left = |share: f64| remaining(options, clock, 1.0).map(|t| ((t - reserve) * share).max(0.01));
    let cliques = options.formulation == formulation::Kind::Cliques;
    let warm = if cliques {
        greedy::greedy(problem, space, options.warm_start.as_deref()).map(|g| g.to_columns(space))
    } else {
        None
    };
    let coverage = f.coverage(problem, space);
    let model1 = TierModel {
        vars: &f.vars,
        rows: &f.rows,
        objective: &coverage,
        sense: Sense::Max,
        start: warm.as_deref(),
        fixed: &[],
    };
    let settings1 = {
        let mut t = tier("coverage", left(0.7), 0.0);
        if cliques {
            // Measured: HiGHS's presolve takes 2-5 s on the coverage tier and saves nothing
            // (median tier-1 time 3.3 s with it, 0.9 s without, on the programme suite).
            t.presolve = false;
        }
        t
    };
    // x ≤ y per seat, for the LP relaxations that guide both tiers.
    let tighten = if cliques {
        f.seats_within_options(space)
    } else {
        Vec::new()
    };
    let with_tighten = |rows: &[good_lp::Constraint]| -> Vec<good_lp::Constraint> {
        rows.iter().chain(&tighten).cloned().collect()
    };
    let t1 = if cliques {
        let lp_rows = with_tighten(&f.rows);
        highs_run::run_tier_from_lp(&model1, &lp_rows, 0..space.starts.len(), &settings1, progress)
    } else {
        run_tier(&model1, &settings1)
    }
    .map_err(SolveError::Solver)?;
    phases.mark("tier1");
    let ceiling = extract::coverage_ceiling(problem, space);
    let (values, cov, cov_bound) = match t1 {
        TierOutcome::Infeasible => return Err(SolveError::Infeasible(String::new())),
        TierOutcome::NoSolution { bound } => {
            let bound = bound.unwrap_or(f64::INFINITY);
            let Some(w) = warm.clone() else {
                return Ok(extract::no_solution(problem, bound, ceiling));
            };
            let cov = extract::value_of(&w, space, problem);
            (w, cov, bound)
        }
        TierOutcome::Solved {
            values,
            objective,
            bound,
        } => (values, objective.round(), bound),
    };
    progress(format!(
        "tier 1 (coverage): {cov} (bound {:.2})",
        cov_bound.min(ceiling)
    ));
    let mut rows = f.rows.clone();
    rows.push(constraint!(coverage >= cov));
    // The cost tier starts from the cheaper of the tier-1 schedule and the greedy one (which
    // keeps what still fits of a given warm start, e.g. the base plan of a what-if) when the
    // greedy reaches the same coverage.
    let values = match warm {
        Some(w)
            if extract::value_of(&w, space, problem) >= cov
                && extract::cost_of(&w, space) < extract::cost_of(&values, space) =>
        {
            w
        }
        _ => values,
    };
    let start2 = cliques.then(|| values.clone());
    // After Ctrl-C the cost tier is skipped: the coverage tier's schedule stands, unproven.
    let cost = f.cost(space);
    let model2 = TierModel {
        vars: &f.vars,
        rows: &rows,
        objective: &cost,
        sense: Sense::Min,
        start: start2.as_deref(),
        fixed: &[],
    };
    let settings2 = tier("cost", left(1.0), options.mip_rel_gap);
    let t2 = if callback::interrupted() {
        TierOutcome::NoSolution { bound: None }
    } else if cliques {
        // The cost tier's LP relaxation with x ≤ y per seat is as tight as it gets on these
        // problems (on the default problem it equals the optimum, with 4 of 64k columns
        // fractional), so the tier is solved from it (see `run_tier_from_lp`).
        let lp_rows = with_tighten(&rows);
        highs_run::run_tier_from_lp(&model2, &lp_rows, 0..space.starts.len(), &settings2, progress)
            .map_err(SolveError::Solver)?
    } else {
        run_tier(&model2, &settings2).map_err(SolveError::Solver)?
    };
    phases.mark("tier2");
    let (values, cost_bound) = match t2 {
        TierOutcome::Solved { values, bound, .. } => (values, bound.max(0.0)),
        TierOutcome::NoSolution { bound } => (values, bound.unwrap_or(0.0).max(0.0)),
        TierOutcome::Infeasible => (values, 0.0),
    };
    let proof = extract::Proof {
        coverage_bound: cov_bound,
        coverage_ceiling: ceiling,
        cost_bound,
        cost_tolerance: options.mip_rel_gap,
    };
    let schedule = extract::schedule(problem, space, &values, proof);
    if let Some(o) = schedule.objective {
        progress(format!("tier 2 (cost): {} (bound {cost_bound:.2})", o.cost));
    }
    Ok(schedule)
}

//! `mtplan whatif BASE SCENARIO...`: solve the base and every scenario in parallel, verify
//! every schedule, and compare them in one table (Markdown and CSV).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use super::whatif_table::{compare, csv, markdown, regions, Solved};
use super::{load, write_atomic, BAD_INPUT, FAILURE, OK};
use crate::model::{Problem, Schedule};
use crate::scenario::{self, ScenarioError};
use crate::solver::baseline::{Baseline, Order};
use crate::{format, solver};

/// Arguments of `whatif`.
#[derive(Debug, clap::Args)]
pub struct WhatifArgs {
    /// The base problem: JSON, .xlsx workbook or folder of CSV files.
    pub base: PathBuf,
    /// Scenario files (TOML), each a named list of edits on the base.
    #[arg(required = true)]
    pub scenarios: Vec<PathBuf>,
    /// Folder for the schedules (`base.json`, `NAME.json`) and the table (`whatif.md`, `whatif.csv`).
    #[arg(short, long, default_value = "whatif-results")]
    pub output: PathBuf,
    /// Replace existing files in the folder.
    #[arg(long)]
    pub force: bool,
    /// Wall-clock limit per solve, in seconds.
    #[arg(long, value_name = "SECONDS")]
    pub time_limit: Option<f64>,
    /// Relative gap accepted as optimal on the cost tier of every solve (coverage is exact).
    #[arg(long, value_name = "REL", default_value_t = 0.0)]
    pub gap: f64,
    /// Solves run at once (default: the number of cores).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Leave wall-clock time out of the schedules.
    #[arg(long)]
    pub reproducible: bool,
    /// Solve each scenario as a replan of the base schedule: changes against it minimised right
    /// after coverage (as `replan --disruption after-coverage`), so the table shows what adapting
    /// the published plan costs.
    #[arg(long, conflicts_with = "fresh")]
    pub stable: bool,
    /// Solve each scenario afresh (coverage, then cost), ties broken anyhow.
    #[arg(long)]
    pub fresh: bool,
}

/// How each scenario is solved against the base schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Coverage, cost, then the fewest changes against the base (ties broken towards it).
    TieBreak,
    /// Coverage, the fewest changes against the base, then cost.
    Stable,
    /// Coverage, then cost: no regard for the base.
    Fresh,
}

impl Mode {
    /// The mode of the command line.
    pub fn of(a: &WhatifArgs) -> Self {
        match (a.stable, a.fresh) {
            (true, _) => Mode::Stable,
            (_, true) => Mode::Fresh,
            _ => Mode::TieBreak,
        }
    }

    /// The mode's code in the CSV table.
    pub fn code(self) -> &'static str {
        match self {
            Mode::TieBreak => "tie-break",
            Mode::Stable => "stable",
            Mode::Fresh => "fresh",
        }
    }

    /// What the table says about the mode.
    pub fn describe(self) -> &'static str {
        match self {
            Mode::TieBreak => {
                "tie-break (default): each scenario solved for coverage, then cost, then the fewest changes against the base"
            }
            Mode::Stable => {
                "stable (--stable): each scenario solved as a replan: coverage, then the fewest changes against the base, then cost"
            }
            Mode::Fresh => "fresh (--fresh): each scenario solved for coverage, then cost, with no regard for the base",
        }
    }
}

/// One case: the base or a scenario, with its problem.
struct Case {
    name: String,
    problem: Problem,
}

/// A file name from a scenario name: letters, digits, `-` and `_`; other characters become `-`.
fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if stem.is_empty() {
        "scenario".to_owned()
    } else {
        stem
    }
}

fn load_cases(a: &WhatifArgs) -> Result<Vec<Case>, u8> {
    let base = load(&a.base)?.problem;
    let mut cases = vec![Case {
        name: "base".to_owned(),
        problem: base.clone(),
    }];
    let mut failed = false;
    for path in &a.scenarios {
        match scenario::load(path, &base) {
            Ok(edited) => {
                if edited.report.warnings() > 0 {
                    eprintln!("{}", edited.report);
                }
                cases.push(Case {
                    name: edited.scenario.name.clone(),
                    problem: edited.problem,
                });
            }
            Err(ScenarioError::Invalid(report)) => {
                eprintln!("{report}");
                failed = true;
            }
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
            }
        }
    }
    let mut seen = BTreeSet::new();
    for c in &cases {
        if !seen.insert(file_stem(&c.name)) {
            eprintln!(
                "error: two cases would write {}.json (scenario name `{}`); give each scenario its own name",
                file_stem(&c.name),
                c.name
            );
            failed = true;
        }
    }
    if failed {
        Err(BAD_INPUT)
    } else {
        Ok(cases)
    }
}

fn outputs(dir: &Path, cases: &[Case]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = cases
        .iter()
        .map(|c| dir.join(format!("{}.json", file_stem(&c.name))))
        .collect();
    files.push(dir.join("whatif.md"));
    files.push(dir.join("whatif.csv"));
    files
}

/// Runs `whatif`.
pub fn run(a: &WhatifArgs) -> u8 {
    if a.time_limit.is_some_and(|t| !(t > 0.0)) || a.jobs == Some(0) || !(0.0..1.0).contains(&a.gap) {
        eprintln!("error: --time-limit must be above 0, --jobs at least 1 and --gap in [0, 1)");
        return BAD_INPUT;
    }
    let cases = match load_cases(a) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let files = outputs(&a.output, &cases);
    if let Some(f) = files.iter().find(|f| f.exists() && !a.force) {
        eprintln!("error: {} exists; choose another -o or pass --force", f.display());
        return BAD_INPUT;
    }
    if let Err(e) = std::fs::create_dir_all(&a.output) {
        eprintln!("error: cannot create {}: {e}", a.output.display());
        return FAILURE;
    }
    let clock = Instant::now();
    let solved = match solve_all(cases, a) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let wall = clock.elapsed().as_secs_f64();
    let mut inputs: Vec<&Path> = vec![&a.base];
    inputs.extend(a.scenarios.iter().map(PathBuf::as_path));
    for (s, path) in solved.iter().zip(&files) {
        let json = format::schedule_to_json(&s.problem, &s.schedule, !a.reproducible);
        if let Err(e) = write_atomic(path, json.as_bytes(), a.force, &inputs) {
            eprintln!("error: {e}");
            return FAILURE;
        }
    }
    let rows = compare(&solved);
    let mode = Mode::of(a);
    let md = markdown(&rows, &regions(&solved), !a.reproducible, mode);
    let csv = csv(&rows, &regions(&solved), !a.reproducible, mode);
    for (path, text) in [(&files[files.len() - 2], &md), (&files[files.len() - 1], &csv)] {
        if let Err(e) = write_atomic(path, text.as_bytes(), a.force, &inputs) {
            eprintln!("error: {e}");
            return FAILURE;
        }
    }
    print!("{md}");
    eprintln!(
        "{} case(s) solved and verified in {wall:.1} s; schedules and tables in {}",
        solved.len(),
        a.output.display()
    );
    OK
}

fn solve_all(cases: Vec<Case>, a: &WhatifArgs) -> Result<Vec<Solved>, u8> {
    let jobs = a
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| {
            eprintln!("error: {e}");
            FAILURE
        })?;
    let options = solver::Options {
        time_limit: a.time_limit,
        mip_rel_gap: a.gap,
        threads: 1,
        ..solver::Options::default()
    };
    // The base first: every scenario is warm-started from its schedule.
    let mut cases = cases.into_iter();
    let base = cases.next().map(|c| solve_case(c, &options, None));
    let (warm, near) = match &base {
        Some(Ok(b)) => (
            solver::Options {
                warm_start: Some(std::sync::Arc::new(b.schedule.clone())),
                ..options.clone()
            },
            against(&b.schedule, Mode::of(a)),
        ),
        _ => (options.clone(), None),
    };
    // Each worker takes the next scenario when it is free (par_bridge), so one long solve does
    // not hold up the scenarios a static split would have queued behind it.
    let mut others: Vec<(usize, Result<Solved, String>)> = pool.install(|| {
        cases
            .enumerate()
            .par_bridge()
            .map(|(i, c)| (i, solve_case(c, &warm, near.as_ref())))
            .collect()
    });
    others.sort_by_key(|(i, _)| *i);
    let results = base.into_iter().chain(others.into_iter().map(|(_, r)| r));
    let mut solved = Vec::new();
    let mut failed = false;
    for r in results {
        match r {
            Ok(s) => solved.push(s),
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
            }
        }
    }
    if failed {
        Err(super::NO_SCHEDULE)
    } else {
        Ok(solved)
    }
}

/// The base schedule as the baseline of `mode` (none when fresh). Requests the base staffed
/// may be dropped for coverage: coverage stays the scenario's own optimum.
fn against(base: &Schedule, mode: Mode) -> Option<Baseline> {
    let order = match mode {
        Mode::TieBreak => Order::AfterCost,
        Mode::Stable => Order::AfterCoverage,
        Mode::Fresh => return None,
    };
    Some(crate::replan::baseline(base, false, None, order))
}

fn solve_case(c: Case, options: &solver::Options, near: Option<&Baseline>) -> Result<Solved, String> {
    let clock = Instant::now();
    let failed = |e: crate::plan::PlanError| format!("{}: {e}", c.name);
    let (schedule, changes) = match near {
        None => (crate::plan::solve(&c.problem, options).map_err(failed)?, None),
        Some(b) => {
            let r = crate::plan::solve_near(&c.problem, options, b, &[]).map_err(failed)?;
            let proven = !r.outcome.unproven.contains(&"disruption");
            (r.schedule, Some((r.outcome.disruption, proven)))
        }
    };
    Ok(Solved {
        name: c.name,
        problem: c.problem,
        schedule,
        changes,
        seconds: clock.elapsed().as_secs_f64(),
    })
}

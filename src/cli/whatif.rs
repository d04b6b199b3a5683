//! `mtplan whatif BASE SCENARIO...`: solve the base and every scenario in parallel, verify
//! every schedule, and compare them in one table (Markdown and CSV).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use super::{load, write_atomic, BAD_INPUT, FAILURE, OK};
use crate::model::{Problem, Region, Schedule, Status};
use crate::scenario::{self, ScenarioError};
use crate::{checker, explain, format, solver};

/// Arguments of `whatif`.
#[derive(Debug, clap::Args)]
pub struct WhatifArgs {
    /// The base problem (JSON).
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
}

/// One case: the base or a scenario, with its problem.
struct Case {
    name: String,
    problem: Problem,
}

/// One solved case.
struct Solved {
    name: String,
    problem: Problem,
    schedule: Schedule,
    seconds: f64,
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
    let md = markdown(&rows, &regions(&solved), !a.reproducible);
    let csv = csv(&rows, &regions(&solved), !a.reproducible);
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
    let base = cases.next().map(|c| solve_case(c, &options));
    let warm = match &base {
        Some(Ok(b)) => solver::Options {
            warm_start: Some(std::sync::Arc::new(b.schedule.clone())),
            ..options.clone()
        },
        _ => options.clone(),
    };
    let rest: Vec<Case> = cases.collect();
    let others: Vec<Result<Solved, String>> =
        pool.install(|| rest.into_par_iter().map(|c| solve_case(c, &warm)).collect());
    let results = base.into_iter().chain(others);
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

fn solve_case(c: Case, options: &solver::Options) -> Result<Solved, String> {
    let clock = Instant::now();
    let mut schedule = solver::solve(&c.problem, options).map_err(|e| format!("{}: {e}", c.name))?;
    if schedule.status == Status::NoSolutionFound {
        return Err(format!(
            "{}: no valid schedule was found within the time limit",
            c.name
        ));
    }
    explain::annotate(&c.problem, &mut schedule);
    let violations = checker::check(&c.problem, &schedule);
    if !violations.is_empty() {
        let list: Vec<String> = violations.iter().map(|v| format!("  {v}")).collect();
        return Err(format!(
            "{}: internal error: the schedule breaks rules; please report this:\n{}",
            c.name,
            list.join("\n")
        ));
    }
    Ok(Solved {
        name: c.name,
        problem: c.problem,
        schedule,
        seconds: clock.elapsed().as_secs_f64(),
    })
}

/// One row of the comparison.
struct Row {
    name: String,
    status: String,
    staffed: usize,
    requests: usize,
    coverage: u64,
    coverage_total: u64,
    cost: u64,
    /// Per region: (days used, days budgeted).
    days: BTreeMap<Region, (u64, u64)>,
    gained: usize,
    lost: usize,
    changed: usize,
    seconds: f64,
}

fn regions(solved: &[Solved]) -> Vec<Region> {
    let set: BTreeSet<Region> = solved
        .iter()
        .flat_map(|s| {
            s.problem
                .trainers
                .iter()
                .filter_map(|t| s.problem.region_of(&t.country).cloned())
        })
        .collect();
    set.into_iter().collect()
}

fn trainer_days(p: &Problem, s: &Schedule) -> BTreeMap<Region, (u64, u64)> {
    let mut days: BTreeMap<Region, (u64, u64)> = BTreeMap::new();
    for t in &p.trainers {
        if let Some(g) = p.region_of(&t.country) {
            days.entry(g.clone()).or_default().1 += u64::from(p.budget(t));
        }
    }
    for a in &s.scheduled {
        let d = p.request(&a.request).map_or(0, |r| u64::from(r.duration_days));
        for t in a.trainers.iter().filter_map(|t| p.trainer(t)) {
            if let Some(g) = p.region_of(&t.country) {
                days.entry(g.clone()).or_default().0 += d;
            }
        }
    }
    days
}

fn compare(solved: &[Solved]) -> Vec<Row> {
    let base = &solved[0].schedule;
    let staffed =
        |s: &Schedule| -> BTreeSet<String> { s.scheduled.iter().map(|a| a.request.0.clone()).collect() };
    let base_ids = staffed(base);
    solved
        .iter()
        .map(|s| {
            let ids = staffed(&s.schedule);
            let d = crate::diff::diff(base, &s.schedule);
            let objective = s
                .schedule
                .objective
                .unwrap_or(crate::model::Objective { coverage: 0, cost: 0 });
            Row {
                name: s.name.clone(),
                status: s.schedule.status.code().to_owned(),
                staffed: s.schedule.scheduled.len(),
                requests: s.problem.requests.len(),
                coverage: objective.coverage,
                coverage_total: s.problem.requests.iter().map(|r| u64::from(r.priority)).sum(),
                cost: objective.cost,
                days: trainer_days(&s.problem, &s.schedule),
                gained: ids.difference(&base_ids).count(),
                lost: base_ids.difference(&ids).count(),
                changed: d.totals.moved + d.requests.iter().filter(|(_, c)| is_team_change(c)).count(),
                seconds: s.seconds,
            }
        })
        .collect()
}

fn is_team_change(c: &crate::diff::RequestChange) -> bool {
    matches!(c, crate::diff::RequestChange::Changed { from, to, .. } if from == to)
}

fn pct(part: u64, whole: u64) -> String {
    if whole == 0 {
        "-".to_owned()
    } else {
        format!("{:.1}%", part as f64 * 100.0 / whole as f64)
    }
}

const HEAD: [&str; 8] = [
    "scenario", "status", "staffed", "coverage", "cost", "gained", "lost", "changed",
];

fn cells(r: &Row, regions: &[Region], with_time: bool) -> Vec<String> {
    let mut v = vec![
        r.name.clone(),
        r.status.clone(),
        format!("{}/{}", r.staffed, r.requests),
        format!("{} ({})", r.coverage, pct(r.coverage, r.coverage_total)),
        r.cost.to_string(),
        r.gained.to_string(),
        r.lost.to_string(),
        r.changed.to_string(),
    ];
    for g in regions {
        let (used, budget) = r.days.get(g).copied().unwrap_or_default();
        v.push(format!("{used}/{budget} ({})", pct(used, budget)));
    }
    if with_time {
        v.push(format!("{:.1}", r.seconds));
    }
    v
}

/// The table in Markdown; `with_time` adds each solve's wall-clock seconds.
fn markdown(rows: &[Row], regions: &[Region], with_time: bool) -> String {
    let mut head: Vec<String> = HEAD.iter().map(|h| h.to_string()).collect();
    head.extend(regions.iter().map(|g| format!("{g} days used/budget")));
    if with_time {
        head.push("solve s".to_owned());
    }
    let mut out = String::new();
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let _ = writeln!(out, "|{}", " --- |".repeat(head.len()));
    for r in rows {
        let _ = writeln!(out, "| {} |", cells(r, regions, with_time).join(" | "));
    }
    let _ = writeln!(
        out,
        "\ngained/lost: requests staffed in the scenario and not in the base, and the reverse; \
         changed: requests staffed in both with another start or team."
    );
    out
}

/// The table as CSV, with separate used and budget columns per region.
fn csv(rows: &[Row], regions: &[Region], with_time: bool) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head: Vec<String> = [
        "scenario",
        "status",
        "staffed",
        "requests",
        "coverage",
        "coverage_total",
        "cost",
        "gained",
        "lost",
        "changed",
    ]
    .iter()
    .map(|h| h.to_string())
    .collect();
    for g in regions {
        head.push(format!("{g} days used"));
        head.push(format!("{g} days budget"));
    }
    if with_time {
        head.push("solve_seconds".to_owned());
    }
    let _ = w.write_record(&head);
    for r in rows {
        let mut v = vec![
            r.name.clone(),
            r.status.clone(),
            r.staffed.to_string(),
            r.requests.to_string(),
            r.coverage.to_string(),
            r.coverage_total.to_string(),
            r.cost.to_string(),
            r.gained.to_string(),
            r.lost.to_string(),
            r.changed.to_string(),
        ];
        for g in regions {
            let (used, budget) = r.days.get(g).copied().unwrap_or_default();
            v.push(used.to_string());
            v.push(budget.to_string());
        }
        if with_time {
            v.push(format!("{:.2}", r.seconds));
        }
        let _ = w.write_record(&v);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

//! The benchmark harness behind `mtplan bench`: fixed, reproducible suites. Each case is solved by a child
//! `mtplan solve` (so peak memory and HiGHS's thread state are the case's own), verified by the
//! independent checker, and written as a Markdown and a CSV table with the ratio to the plain
//! baseline formulation measured in the same run.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde_json::Value;

pub mod incumbents;
pub mod library;
pub mod limits;
pub mod solvers;
mod table;
pub mod whatif;

pub use table::{add_ratios, csv, markdown, median, Row};

use crate::solver::formulation::Kind;
use crate::solver::method::Backend;
use crate::{checker, format, generate};

/// One benchmark case.
#[derive(Clone, Debug)]
pub struct Case {
    /// Problem name in the table.
    pub problem: String,
    /// Generated size and seed; `None` for the bundled default problem.
    pub generated: Option<(usize, usize, u64)>,
    /// Generated with every request on a fixed date.
    pub fixed_dates: bool,
    /// Generated from this family of settings (see `generate::FAMILIES`).
    pub family: Option<&'static str>,
    /// Formulation to solve with.
    pub formulation: Kind,
    /// Time limit, seconds.
    pub time_limit: Option<f64>,
    /// The MILP solver.
    pub backend: Backend,
}

fn case(
    problem: &str,
    generated: Option<(usize, usize, u64)>,
    formulation: Kind,
    limit: Option<f64>,
) -> Case {
    Case {
        problem: problem.to_owned(),
        generated,
        fixed_dates: false,
        family: None,
        formulation,
        time_limit: limit,
        backend: Backend::Highs,
    }
}

/// `cases` with every `plain` case run by each of `backends` (HiGHS keeps the `cliques` cases;
/// the others run only `plain`).
pub fn with_backends(cases: Vec<Case>, backends: &[Backend]) -> Vec<Case> {
    cases
        .into_iter()
        .flat_map(|c| {
            let on: Vec<Backend> = match c.formulation {
                Kind::Plain => backends.to_vec(),
                Kind::Cliques => backends
                    .iter()
                    .copied()
                    .filter(|b| *b == Backend::Highs)
                    .collect(),
            };
            on.into_iter().map(move |backend| Case { backend, ..c.clone() })
        })
        .collect()
}

/// Seconds the `plain` baseline may take per problem in the `families` suite: past it, the
/// ratio to the default method is a lower bound.
pub const FAMILY_PLAIN_LIMIT: f64 = 300.0;

/// The `families` suite: every generator family at 210 × 300 (seeds 1–3) and 120 × 160 (seed
/// 1), each problem solved by the default method and the `plain` baseline.
fn families() -> Vec<Case> {
    let mut out = Vec::new();
    for (family, _) in generate::FAMILIES {
        let sizes = [(210, 300, 1), (210, 300, 2), (210, 300, 3), (120, 160, 1)];
        for (t, r, seed) in sizes {
            for (kind, limit) in [(Kind::Cliques, 600.0), (Kind::Plain, FAMILY_PLAIN_LIMIT)] {
                out.push(Case {
                    family: Some(family),
                    ..case(
                        &format!("{family}-{t}x{r}-s{seed}"),
                        Some((t, r, seed)),
                        kind,
                        Some(limit),
                    )
                });
            }
        }
    }
    out
}

/// The named suites: `quick` (a smoke run), `programme` (the default problem and five
/// generated problems of the programme's size, both formulations), `families` (every
/// generator family, both formulations) and `scale` (1×, 3×, 10× and 30× the programme, the
/// default formulation, with time limits of 120 s and 600 s).
pub fn suite(name: &str) -> Option<Vec<Case>> {
    let both = |problem: &str, g, limit| {
        vec![
            case(problem, g, Kind::Cliques, limit),
            case(problem, g, Kind::Plain, limit),
        ]
    };
    Some(match name {
        "quick" => (1..=2)
            .flat_map(|s| both(&format!("gen-70x100-s{s}"), Some((70, 100, s)), Some(120.0)))
            .collect(),
        "programme" => {
            let fixed = both("gen-210x300-s1-fixed", Some((210, 300, 1)), Some(900.0))
                .into_iter()
                .map(|c| Case {
                    fixed_dates: true,
                    ..c
                });
            std::iter::once(both("default-2027", None, Some(900.0)))
                .chain((1..=5).map(|s| both(&format!("gen-210x300-s{s}"), Some((210, 300, s)), Some(900.0))))
                .flatten()
                .chain(fixed)
                .collect()
        }
        "families" => families(),
        "scale" => [
            (1, 210, 300, 120.0),
            (3, 630, 900, 120.0),
            (10, 2100, 3000, 120.0),
            (30, 6300, 9000, 600.0),
        ]
        .into_iter()
        .map(|(k, t, r, limit)| {
            case(
                &format!("{k}x-{t}x{r}-s1"),
                Some((t, r, 1)),
                Kind::Cliques,
                Some(limit),
            )
        })
        .collect(),
        _ => return None,
    })
}

/// Materialises the case's problem file in `dir` and returns its path.
fn problem_file(case: &Case, dir: &Path) -> Result<PathBuf, String> {
    let Some((t, r, seed)) = case.generated else {
        return Ok(PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/problems/default-2027.json"
        )));
    };
    let path = dir.join(format!("{}.json", case.problem));
    if !path.exists() {
        let base = match case.family {
            Some(f) => generate::Spec::family(f, t, r, seed).ok_or(format!("unknown family {f}"))?,
            None => generate::Spec::new(t, r, seed),
        };
        let spec = generate::Spec {
            fixed_dates: case.fixed_dates,
            ..base
        };
        let json = serde_json::to_string(&generate::generate(&spec)).map_err(|e| e.to_string())?;
        crate::files::write_atomic(&path, json.as_bytes(), false, &[]).map_err(|e| e.to_string())?;
    }
    Ok(path)
}

/// Runs `cases` with the `mtplan` binary `exe`, `jobs` at a time, each limit capped at `cap`
/// seconds; rows in the order of the cases (a case that fails is a row saying why). Problem
/// files are generated first, one at a time.
pub fn run_cases(cases: &[Case], dir: &Path, exe: &Path, jobs: usize, cap: Option<f64>) -> Vec<Row> {
    use rayon::prelude::*;
    let cases: Vec<Case> = cases
        .iter()
        .map(|c| Case {
            time_limit: match (c.time_limit, cap) {
                (Some(l), Some(cap)) => Some(l.min(cap)),
                (l, c) => l.or(c),
            },
            ..c.clone()
        })
        .collect();
    let made: Vec<Result<PathBuf, String>> = cases.iter().map(|c| problem_file(c, dir)).collect();
    let total = cases.len();
    let one = |(i, (case, made)): (usize, (&Case, &Result<PathBuf, String>))| {
        eprintln!(
            "[{}/{total}] {} ({}/{})",
            i + 1,
            case.problem,
            case.backend.code(),
            case.formulation.code()
        );
        made.clone()
            .and_then(|_| run_case(case, dir, exe))
            .unwrap_or_else(|e| {
                eprintln!("error: {e}");
                failed_row(case, &e)
            })
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs.max(1)).build();
    match pool {
        Ok(pool) => pool.install(|| cases.par_iter().zip(&made).enumerate().map(one).collect()),
        Err(_) => cases.iter().zip(&made).enumerate().map(one).collect(),
    }
}

/// Runs one case with the `mtplan` binary `exe` and verifies its schedule.
pub fn run_case(case: &Case, dir: &Path, exe: &Path) -> Result<Row, String> {
    let file = problem_file(case, dir)?;
    let problem = crate::input::load_problem(&file)
        .map_err(|e| e.to_string())?
        .problem;
    let mut cmd = Command::new(exe);
    cmd.arg("solve")
        .arg(&file)
        .args([
            "--format",
            "json",
            "--progress",
            "--formulation",
            case.formulation.code(),
        ])
        .args(["--solver", case.backend.code()]);
    if let Some(limit) = case.time_limit {
        cmd.args(["--time-limit", &limit.to_string()]);
    }
    let clock = Instant::now();
    let out = cmd.output().map_err(|e| e.to_string())?;
    let wall = clock.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() == Some(3) && case.time_limit.is_some() {
        // No schedule within the limit: a run that found nothing, not a failure.
        return Ok(Row {
            status: "no_solution_found".to_owned(),
            seconds: (f64::NAN, f64::NAN, f64::NAN, wall),
            objective: (f64::NAN, f64::NAN),
            log: incumbents::parse(&stderr),
            ..case_row(case)
        });
    }
    if !out.status.success() {
        // The reason is the error line, not the progress lines before it.
        let why = stderr
            .lines()
            .find(|l| l.starts_with("error"))
            .unwrap_or(stderr.trim());
        return Err(format!("{}: {why}", case.problem));
    }
    let schedule = format::parse_schedule(&out.stdout, &case.problem, &problem).map_err(|e| e.to_string())?;
    let violations = checker::check(&problem, &schedule).len();
    let v: Value = serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())?;
    let f = |x: &Value| x.as_f64().unwrap_or(f64::NAN);
    let st = &v["settings"];
    let phase = |name: &str| f(&st["phase_seconds"][name]);
    // Phases are named by tier: `coverage` and `cost`.
    let seconds = (phase("model"), phase("coverage"), phase("cost"), wall);
    let objective = (f(&v["objective"]["coverage"]), f(&v["objective"]["cost"]));
    let mut log = incumbents::parse(&stderr);
    if log.is_empty() {
        // A problem solved in independent parts prints no progress of its own.
        log = incumbents::at_tier_ends(seconds, objective);
    }
    Ok(Row {
        problem: case.problem.clone(),
        size: (problem.trainers.len(), problem.requests.len()),
        formulation: case.formulation.code().to_owned(),
        model: (
            st["model_rows"].as_u64().unwrap_or(0),
            st["model_columns"].as_u64().unwrap_or(0),
        ),
        seconds,
        status: v["status"].as_str().unwrap_or("?").to_owned(),
        objective,
        bound: (f(&v["bound"]["coverage"]), f(&v["bound"]["cost"])),
        gap: (f(&v["gap"]["coverage"]), f(&v["gap"]["cost"])),
        peak_mib: f(&st["peak_memory_mib"]),
        violations,
        ratio: None,
        family: case.family.map(str::to_owned),
        solver: case.backend.code().to_owned(),
        log,
    })
}

/// The row of a case that did not finish: its status says why.
pub fn failed_row(case: &Case, why: &str) -> Row {
    let first = why.lines().next().unwrap_or(why);
    Row {
        status: format!("error: {first}"),
        ..case_row(case)
    }
}

/// The row of `case` before anything is measured.
fn case_row(case: &Case) -> Row {
    Row {
        problem: case.problem.clone(),
        size: case.generated.map_or((0, 0), |(t, r, _)| (t, r)),
        formulation: case.formulation.code().to_owned(),
        solver: case.backend.code().to_owned(),
        family: case.family.map(str::to_owned),
        ..Row::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Medians leave the fixed-dates problems out, as the table says.
    #[test]
    fn medians_leave_fixed_dates_out() {
        let row = |problem: &str, total: f64| Row {
            problem: problem.to_owned(),
            formulation: "cliques".to_owned(),
            seconds: (0.0, 0.0, 0.0, total),
            ..Row::default()
        };
        let rows = [
            row("a", 10.0),
            row("b", 12.0),
            row("c", 14.0),
            row("c-fixed", 0.5),
        ];
        let md = markdown(&rows, "programme");
        assert!(
            md.contains("cliques: median 12.00 s, max 14.00 s over 3 run(s)"),
            "{md}"
        );
    }

    /// The programme suite's fixed-dates problem gives every request a fixed start.
    #[test]
    fn the_fixed_dates_case_fixes_every_date() {
        let dir = tempfile::tempdir().unwrap();
        let cases = suite("programme").unwrap();
        let fixed = cases.iter().find(|c| c.fixed_dates).unwrap();
        let path = problem_file(fixed, dir.path()).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        let requests = v["requests"].as_array().unwrap();
        assert!(!requests.is_empty());
        assert!(requests.iter().all(|r| r.get("fixed_start").is_some()));
        let plain = cases
            .iter()
            .find(|c| !c.fixed_dates && c.generated.is_some())
            .unwrap();
        let path = problem_file(plain, dir.path()).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        assert!(v["requests"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.get("fixed_start").is_none()));
    }
}

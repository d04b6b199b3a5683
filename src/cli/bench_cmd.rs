//! `mtplan bench`: the suites of solves (tables, the solver comparison, the instance index)
//! and the suites that time whole child commands.

use super::{write_atomic, BenchArgs, BAD_INPUT, FAILURE, OK, VIOLATIONS};
use crate::{bench, solver};

/// `mtplan bench`.
pub fn run(a: &BenchArgs) -> u8 {
    if a.replot {
        return replot(a);
    }
    if a.suite == "whatif" || a.suite == "limits" {
        return bench_children_cmd(a);
    }
    let Some(mut cases) = bench::suite(&a.suite) else {
        eprintln!(
            "error: unknown suite `{}`; use quick, programme, families, scale, whatif or limits",
            a.suite
        );
        return BAD_INPUT;
    };
    let (md_path, csv_path) = (a.output.join("bench.md"), a.output.join("bench.csv"));
    let exe = match prepare(a, &md_path, &csv_path, "a bench table") {
        Ok(exe) => exe,
        Err(code) => return code,
    };
    if !a.solvers.is_empty() {
        let backends: Vec<solver::method::Backend> = a.solvers.iter().map(|&s| s.into()).collect();
        cases = bench::with_backends(cases, &backends);
    }
    let mut rows = bench::run_cases(&cases, &a.output, &exe, usize::from(a.jobs), a.time_limit);
    bench::add_ratios(&mut rows);
    let md = bench::markdown(&rows, &a.suite);
    let mut files = vec![(md_path, md.clone()), (csv_path, bench::csv(&rows))];
    if !a.solvers.is_empty() {
        match bench_solver_files(a, &rows) {
            Ok(more) => files.extend(more),
            Err(e) => {
                eprintln!("error: {e}");
                return FAILURE;
            }
        }
    }
    if let Some(index) = &a.index {
        files.push((index.clone(), bench::library::index(&cases, &rows)));
    }
    for (path, text) in &files {
        if let Err(e) = write_atomic(path, text.as_bytes(), true, &[]) {
            eprintln!("error: {e}");
            return FAILURE;
        }
    }
    print!("{md}");
    if rows.iter().any(|r| r.status.starts_with("error")) {
        FAILURE
    } else if rows.iter().any(|r| r.violations > 0) {
        VIOLATIONS
    } else {
        OK
    }
}

/// Refuses to replace `what` (the tables `md` and `csv`) without --force, makes the output
/// folder and finds the mtplan binary the cases run; or the exit code.
fn prepare(
    a: &BenchArgs,
    md: &std::path::Path,
    csv: &std::path::Path,
    what: &str,
) -> Result<std::path::PathBuf, u8> {
    if !a.force && (md.exists() || csv.exists()) {
        eprintln!(
            "error: {} already holds {what}; choose another -o or pass --force",
            a.output.display()
        );
        return Err(BAD_INPUT);
    }
    if let Err(e) = std::fs::create_dir_all(&a.output) {
        eprintln!("error: cannot create {}: {e}", a.output.display());
        return Err(FAILURE);
    }
    std::env::current_exe().map_err(|e| {
        eprintln!("error: cannot find the mtplan binary: {e}");
        FAILURE
    })
}

/// `bench --replot`: the figures and the page of a past `--solvers` run, drawn again.
fn replot(a: &BenchArgs) -> u8 {
    let json = a.output.join("bench-solvers.json");
    let runs: Vec<bench::solvers::SolverRun> = match std::fs::read(&json)
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!(
                "error: {}: {e} (write it with `bench --solvers … -o DIR` first)",
                json.display()
            );
            return BAD_INPUT;
        }
    };
    let measured = format!("drawn again from {} ({} run(s))", json.display(), runs.len());
    let page = match bench::solvers::page(&a.suite, &runs, &measured) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return FAILURE;
        }
    };
    let files = [
        ("profile.svg", bench::solvers::profile_svg(&runs)),
        ("gap.svg", bench::solvers::gap_svg(&runs)),
        ("bench-solvers.html", page),
    ];
    for (name, text) in files {
        if let Err(e) = write_atomic(&a.output.join(name), text.as_bytes(), true, &[&json]) {
            eprintln!("error: {e}");
            return FAILURE;
        }
    }
    OK
}

/// The solver comparison's files: (path, contents).
fn bench_solver_files(
    a: &BenchArgs,
    rows: &[bench::Row],
) -> Result<Vec<(std::path::PathBuf, String)>, String> {
    let json = serde_json::to_string_pretty(&bench::solvers::runs(rows)).map_err(|e| e.to_string())?;
    // Everything is drawn from the runs as the JSON gives them back, as `--replot` draws them:
    // serde_json may read a number back one bit off the one it wrote, which moved a tick of
    // the profile when the slowest ratio passed 2.
    let runs: Vec<bench::solvers::SolverRun> = serde_json::from_str(&json).map_err(|e| e.to_string())?;
    let measured = format!(
        "mtplan bench --suite {} --solvers {}{}: {} run(s), every schedule verified by the checker",
        a.suite,
        a.solvers
            .iter()
            .map(|&s| solver::method::Backend::from(s).code())
            .collect::<Vec<_>>()
            .join(","),
        a.time_limit
            .map_or(String::new(), |t| format!(" --time-limit {t}")),
        runs.len()
    );
    let page = bench::solvers::page(&a.suite, &runs, &measured)?;
    let at = |name: &str| a.output.join(name);
    Ok(vec![
        (at("bench-solvers.csv"), bench::solvers::csv(&runs)),
        (at("bench-solvers.json"), json),
        (at("profile.svg"), bench::solvers::profile_svg(&runs)),
        (at("gap.svg"), bench::solvers::gap_svg(&runs)),
        (at("bench-solvers.html"), page),
    ])
}

/// `bench --suite whatif` (see [`bench::whatif`]) and `bench --suite limits` (see
/// [`bench::limits`]): suites that time whole child commands.
fn bench_children_cmd(a: &BenchArgs) -> u8 {
    if !a.solvers.is_empty() || a.index.is_some() {
        eprintln!(
            "error: --solvers and --index apply to suites of solves (quick, programme, families, scale), not `{}`",
            a.suite
        );
        return BAD_INPUT;
    }
    let stem = format!("bench-{}", a.suite);
    let (md_path, csv_path) = (
        a.output.join(format!("{stem}.md")),
        a.output.join(format!("{stem}.csv")),
    );
    let what = format!("a {} bench table", a.suite);
    let exe = match prepare(a, &md_path, &csv_path, &what) {
        Ok(exe) => exe,
        Err(code) => return code,
    };
    let ran = match a.suite.as_str() {
        "whatif" => bench::whatif::run(&a.output, &exe),
        _ => bench::limits::run_suite(&a.output, &exe),
    };
    let (md, csv, violations) = match ran {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return FAILURE;
        }
    };
    for (path, text) in [(&md_path, &md), (&csv_path, &csv)] {
        if let Err(e) = write_atomic(path, text.as_bytes(), true, &[]) {
            eprintln!("error: {e}");
            return FAILURE;
        }
    }
    print!("{md}");
    if violations == 0 {
        OK
    } else {
        VIOLATIONS
    }
}

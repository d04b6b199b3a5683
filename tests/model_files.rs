//! Model files and other solvers: every tier `mtplan export` writes (MPS and LP), read back by a
//! new HiGHS instance, has the optimum mtplan proves; the solution HiGHS writes of it, read by
//! `mtplan import`, passes the independent checker; CBC proves the same optimum as HiGHS on the
//! plain formulation; and bad model or solution files get a clear error with the place.

mod common;

use std::path::{Path, PathBuf};

use common::{assert_code, default_problem, mtplan, verified};
use mtplan::generate::{generate, Spec};
use mtplan::model::{Objective, Problem, Status};
use mtplan::solver::{self, formulation::Kind, highs::solve_model_file, method::Backend};

/// A generated problem of `family`, saved in `dir`.
fn generated(dir: &Path, family: &str, trainers: usize, requests: usize, seed: u64) -> PathBuf {
    let spec = Spec::family(family, trainers, requests, seed).expect("family");
    let path = dir.join(format!("{family}-{trainers}x{requests}-s{seed}.json"));
    std::fs::write(&path, serde_json::to_string_pretty(&generate(&spec)).unwrap()).unwrap();
    path
}

fn load(path: &Path) -> Problem {
    mtplan::input::load_problem(path).unwrap().problem
}

/// mtplan's proven optimum, from a schedule the checker accepts.
fn optimum(problem: &Problem, options: &solver::Options, what: &str) -> Objective {
    let schedule = solver::solve(problem, options).unwrap();
    let violations = mtplan::checker::check(problem, &schedule);
    assert!(violations.is_empty(), "{what}: {violations:#?}");
    assert_eq!(schedule.status, Status::Optimal, "{what}");
    schedule.objective.unwrap()
}

/// `W` as `export --tier weighted` reports it.
fn weight(stderr: &str) -> f64 {
    let at = stderr.find("W = ").expect("export names W") + 4;
    let digits: String = stderr[at..].chars().take_while(char::is_ascii_digit).collect();
    digits.parse().unwrap()
}

/// Exports every tier in both formats, solves each file in a new HiGHS, imports its solution
/// and checks objective and schedule against `best`.
fn round_trip(dir: &Path, problem_path: &Path, formulation: &str, best: Objective, files: &[(&str, &str)]) {
    for &(tier, ext) in files {
        let what = format!("{} {formulation} {tier} .{ext}", problem_path.display());
        let model = dir.join(format!("{tier}-{formulation}.{ext}"));
        let coverage = best.coverage.to_string();
        let mut args = vec![
            "export",
            problem_path.to_str().unwrap(),
            "-o",
            model.to_str().unwrap(),
        ];
        args.extend(["--tier", tier, "--formulation", formulation, "--force"]);
        if tier == "cost" && formulation == "plain" {
            args.extend(["--coverage", &coverage]);
        }
        let out = mtplan(&args);
        assert_code(&out, 0, &what);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let solution = dir.join(format!("{tier}-{formulation}-{ext}.sol"));
        let (objective, optimal) = solve_model_file(&model, Some(&solution)).unwrap();
        assert!(optimal, "{what}: HiGHS proves the file's optimum");
        let (coverage, cost) = (best.coverage as f64, best.cost as f64);
        let expected = match tier {
            "coverage" => -coverage,
            "cost" => cost,
            _ => cost - weight(&stderr) * coverage,
        };
        assert_eq!(objective.round(), expected, "{what}: the file's optimum");
        let schedule = dir.join(format!("{tier}-{formulation}-{ext}.schedule.json"));
        let out = import(problem_path, &solution, &model, &schedule);
        assert_code(&out, 0, &what);
        assert_imported(problem_path, &schedule, best, tier, &what);
    }
}

/// Every tier in both formats.
const EVERY_FILE: [(&str, &str); 6] = [
    ("coverage", "mps"),
    ("coverage", "lp"),
    ("cost", "mps"),
    ("cost", "lp"),
    ("weighted", "mps"),
    ("weighted", "lp"),
];

#[test]
fn every_exported_tier_read_back_by_a_new_highs_has_mtplans_optimum() {
    let dir = tempfile::tempdir().unwrap();
    for (family, seed) in [("tight", 1), ("fares", 2), ("teams", 3)] {
        let path = generated(dir.path(), family, 30, 45, seed);
        let best = optimum(&load(&path), &solver::Options::default(), family);
        round_trip(dir.path(), &path, "cliques", best, &EVERY_FILE);
        round_trip(dir.path(), &path, "plain", best, &EVERY_FILE);
    }
    // The default problem's files take HiGHS 10-14 s each on the 2-core machine: each tier
    // once here, in alternating formats; all six in the ignored test below.
    let default = default_problem();
    let best = optimum(&load(&default), &solver::Options::default(), "default");
    let some = [("coverage", "lp"), ("cost", "mps"), ("weighted", "lp")];
    round_trip(dir.path(), &default, "cliques", best, &some);
}

/// `cargo test --release --test model_files -- --ignored` (about 1.5 min on the 2-core machine).
#[test]
#[ignore = "six HiGHS solves of the default problem's model files; run with --ignored"]
fn every_tier_of_the_default_problem_in_both_formats() {
    let dir = tempfile::tempdir().unwrap();
    let default = default_problem();
    let best = optimum(&load(&default), &solver::Options::default(), "default");
    round_trip(dir.path(), &default, "cliques", best, &EVERY_FILE);
}

#[test]
fn cbc_proves_the_highs_optimum_of_the_plain_formulation() {
    let dir = tempfile::tempdir().unwrap();
    for (family, seed) in [("loose", 1), ("tight", 2), ("fares", 3), ("teams", 4)] {
        let p = load(&generated(dir.path(), family, 20, 30, seed));
        let on = |backend| solver::Options {
            formulation: Kind::Plain,
            backend,
            ..solver::Options::default()
        };
        let highs = optimum(&p, &on(Backend::Highs), family);
        let cbc = optimum(&p, &on(Backend::Cbc), family);
        assert_eq!(cbc, highs, "{family}: CBC and HiGHS");
    }
}

#[test]
fn cbc_says_what_it_cannot_do_and_runs_only_the_plain_formulation() {
    let dir = tempfile::tempdir().unwrap();
    let path = generated(dir.path(), "tight", 12, 16, 1);
    let p = load(&path);
    let options = solver::Options {
        formulation: Kind::Plain,
        backend: Backend::Cbc,
        ..solver::Options::default()
    };
    let schedule = solver::solve(&p, &options).unwrap();
    assert!(mtplan::checker::check(&p, &schedule).is_empty());
    let settings = schedule.settings.unwrap();
    assert!(settings.solver.starts_with("CBC"), "{}", settings.solver);
    assert!(settings.solver.contains("Ctrl-C"), "{}", settings.solver);
    let out = mtplan(&["solve", path.to_str().unwrap(), "--solver", "cbc"]);
    assert_code(&out, 2, "cbc on the cliques formulation");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--formulation plain"));
    let out = mtplan(&[
        "solve",
        path.to_str().unwrap(),
        "--solver",
        "gurobi",
        "--formulation",
        "plain",
    ]);
    assert_code(&out, 2, "an unknown backend");
    assert!(String::from_utf8_lossy(&out.stderr).contains("highs, cbc, microlp"));
}

/// The `cbc` binary (Debian's `coinor-cbc`, installed by `.ci/setup`).
fn cbc_binary() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|d| d.join("cbc"))
        .find(|p| p.is_file())
        .expect("the cbc binary is not installed: run .ci/setup (it installs Debian's coinor-cbc)")
}

/// Another solver reads every exported file as HiGHS does: the `cbc` binary solves each tier in
/// both formats, and its own solution files import to mtplan's optimum, verified.
#[test]
fn the_cbc_binary_reads_every_exported_file_and_its_solutions_import_verified() {
    let dir = tempfile::tempdir().unwrap();
    let path = generated(dir.path(), "tight", 30, 45, 1);
    let best = optimum(&load(&path), &solver::Options::default(), "tight");
    for &(tier, ext) in &EVERY_FILE {
        let what = format!("cbc {tier} .{ext}");
        let model = dir.path().join(format!("{tier}.{ext}"));
        assert_code(&export(&path, &model, tier), 0, &what);
        let solution = dir.path().join(format!("{tier}-{ext}.cbc.sol"));
        let ran = std::process::Command::new(cbc_binary())
            .arg(&model)
            .args(["solve", "solu"])
            .arg(&solution)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(
            ran.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&ran.stdout)
        );
        let first = std::fs::read_to_string(&solution).unwrap();
        assert!(first.starts_with("Optimal"), "{what}: {first}");
        let schedule = dir.path().join(format!("{tier}-{ext}.schedule.json"));
        let out = import(&path, &solution, &model, &schedule);
        assert_code(&out, 0, &what);
        assert_imported(&path, &schedule, best, tier, &what);
    }
}

/// A small problem's cost model and HiGHS's solution of it: (problem, model, solution).
fn solved_model(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let path = generated(dir, "loose", 12, 16, 5);
    let model = dir.join("cost.mps");
    assert_code(&export(&path, &model, "cost"), 0, "export");
    let solution = dir.join("cost.sol");
    solve_model_file(&model, Some(&solution)).unwrap();
    (path, model, solution)
}

/// `mtplan export` of `tier` into `model`.
fn export(problem: &Path, model: &Path, tier: &str) -> std::process::Output {
    mtplan(&[
        "export",
        problem.to_str().unwrap(),
        "-o",
        model.to_str().unwrap(),
        "--tier",
        tier,
    ])
}

/// `mtplan import` of `solution` into the schedule file `out` (replaced if it exists).
fn import(problem: &Path, solution: &Path, model: &Path, out: &Path) -> std::process::Output {
    import_into(problem, solution, model, out, true)
}

/// `mtplan import` of `solution` into `out`, with `--force` when `force`.
fn import_into(
    problem: &Path,
    solution: &Path,
    model: &Path,
    out: &Path,
    force: bool,
) -> std::process::Output {
    let mut args = vec![
        "import",
        problem.to_str().unwrap(),
        solution.to_str().unwrap(),
        "--model",
        model.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend(force.then_some("--force"));
    mtplan(&args)
}

/// The imported schedule passes the checker with the optimum's coverage, and its cost unless
/// the file was of the coverage tier alone.
fn assert_imported(problem: &Path, schedule: &Path, best: Objective, tier: &str, what: &str) {
    let (p, s) = verified(problem, schedule);
    let real = mtplan::checker::recompute(&p, &s);
    assert_eq!(real.coverage, best.coverage, "{what}: imported coverage");
    if tier != "coverage" {
        assert_eq!(real.cost, best.cost, "{what}: imported cost");
    }
}

#[test]
fn a_solution_that_breaks_a_rule_is_reported_rule_by_rule_and_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let (problem, model, solution) = solved_model(dir.path());
    let text = std::fs::read_to_string(&solution).unwrap();
    // Hold a second start of a staffed request, with no team: the request is held twice
    // (`ref`) and that start has too few trainers (`count`).
    let held: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("y_") && l.ends_with(" 1"))
        .collect();
    let request_of = |l: &str| l.rsplit_once('_').map(|(r, _)| r.to_owned()).unwrap();
    let second = text
        .lines()
        .find(|l| {
            l.starts_with("y_") && l.ends_with(" 0") && held.iter().any(|h| request_of(h) == request_of(l))
        })
        .expect("a staffed request with another start");
    let broken = text.replacen(second, &second.replace(" 0", " 1"), 1);
    let bad = dir.path().join("broken.sol");
    std::fs::write(&bad, broken).unwrap();
    let out_path = dir.path().join("broken.schedule.json");
    let out = import(&problem, &bad, &model, &out_path);
    assert_code(&out, 1, "a broken solution");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let codes = ["C", "count", "start", "end", "ref", "objective", "N:", "whole:"];
    assert!(stdout.lines().count() >= 1, "one line per violation");
    assert!(
        stdout.lines().all(|l| codes.iter().any(|c| l.starts_with(c))),
        "each line starts with its rule: {stdout}"
    );
    assert!(!out_path.exists(), "a broken solution writes no schedule");
    // An existing output without --force is refused first, before the solution is read or
    // checked: no violation lines, the file untouched.
    std::fs::write(&out_path, "earlier output").unwrap();
    let out = import_into(&problem, &bad, &model, &out_path, false);
    assert_code(&out, 2, "an import over an existing file");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("exists") && stderr.contains("--force"),
        "{stderr}"
    );
    assert!(
        out.stdout.is_empty(),
        "nothing checked: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(std::fs::read_to_string(&out_path).unwrap(), "earlier output");
}

#[test]
fn solution_and_model_files_that_do_not_fit_get_a_clear_error_with_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let (problem, model, solution) = solved_model(dir.path());
    let out_path = dir.path().join("out.json");
    // Unknown names, a value that is no number and a column listed twice, all reported at once.
    let mut text = std::fs::read_to_string(&solution).unwrap();
    let first = text.lines().find(|l| l.starts_with("y_")).unwrap().to_owned();
    text = text.replacen("# Columns", "# Columns\nx_NOBODY_R-9999_2027-01-04 1", 1);
    text = text.replacen(&first, &format!("{first}\n{first}"), 1);
    let name = first.split_whitespace().next().unwrap();
    text = text.replacen("# Rows", &format!("{name}x abc\n# Rows"), 1);
    let bad = dir.path().join("bad.sol");
    std::fs::write(&bad, text).unwrap();
    let out = import(&problem, &bad, &model, &out_path);
    assert_code(&out, 2, "a solution with unknown names");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.sol:"), "the place: {stderr}");
    assert!(stderr.contains("x_NOBODY_R-9999_2027-01-04"), "{stderr}");
    assert!(stderr.contains("listed again"), "{stderr}");
    assert!(!out_path.exists());
    // A model of another problem.
    let other = generated(dir.path(), "tight", 12, 16, 9);
    let out = import(&other, &solution, &model, &out_path);
    assert_code(&out, 2, "a model of another problem");
    assert!(String::from_utf8_lossy(&out.stderr).contains("another problem"));
    // A file that is no model, and a model file of another kind.
    let junk = dir.path().join("junk.mps");
    std::fs::write(&junk, "this is not MPS\n").unwrap();
    let out = import(&problem, &solution, &junk, &out_path);
    assert_code(&out, 2, "a junk model");
    assert!(String::from_utf8_lossy(&out.stderr).contains("junk.mps"));
    let out = mtplan(&["export", problem.to_str().unwrap(), "-o", "model.txt"]);
    assert_code(&out, 2, "an export to .txt");
    // Export never replaces a file unasked, nor its input.
    let before = std::fs::read(&model).unwrap();
    let out = mtplan(&["export", problem.to_str().unwrap(), "-o", model.to_str().unwrap()]);
    assert_code(&out, 2, "an export over an existing file");
    assert_eq!(std::fs::read(&model).unwrap(), before);
    assert!(out_path.metadata().is_err());
}

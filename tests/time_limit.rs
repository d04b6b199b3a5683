//! Limited and interrupted solves return honest, verified schedules, whatever the machine's
//! speed. Nothing here measures time: the limits are deterministic (a HiGHS node limit, a
//! HiGHS time limit of zero, which every run reaches at its first check) or the assertions hold
//! at every speed. How close a run stays to its `--time-limit` and how fast Ctrl-C stops it are
//! measured by the benchmarks (`mtplan bench --suite limits`).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

fn mtplan(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mtplan"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// Writes `p.json`: the default problem with every day budget cut to 65 % (rounded down). The
/// tight budgets leave the cost tier's LP bound about 3 % below the optimum, so neither tier
/// is solved at the root: the search takes tens of seconds to prove both.
fn slow_problem(dir: &Path) {
    let root = env!("CARGO_MANIFEST_DIR");
    let text = std::fs::read(format!("{root}/problems/default-2027.json")).unwrap();
    let mut p: Value = serde_json::from_slice(&text).unwrap();
    let cut = |days: &mut Value| {
        if let Some(d) = days.as_u64() {
            *days = (d * 65 / 100).into();
        }
    };
    cut(&mut p["policy"]["max_days"]);
    for t in p["trainers"].as_array_mut().unwrap() {
        cut(&mut t["max_days"]);
    }
    std::fs::write(dir.join("p.json"), serde_json::to_vec(&p).unwrap()).unwrap();
}

/// `s.json` passes the independent checker for `p.json`.
fn assert_verified(dir: &Path) {
    let verified = mtplan(&["verify", "p.json", "s.json"], dir);
    assert_eq!(
        verified.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&verified.stdout)
    );
}

/// Solves `p.json` into `s.json` with `extra` arguments: the schedule JSON on stdout.
fn solve(dir: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["solve", "p.json", "-o", "s.json", "--format", "json", "-q"];
    args.extend_from_slice(extra);
    let solved = mtplan(&args, dir);
    assert_eq!(
        solved.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&solved.stderr)
    );
    serde_json::from_slice(&solved.stdout).unwrap()
}

fn number(v: &Value, a: &str, b: &str) -> f64 {
    v[a][b].as_f64().unwrap_or_else(|| panic!("no {a}.{b} in {v}"))
}

/// The laws of an honest status: bounds on the right side of the objective, a gap of zero
/// exactly when the bound meets the objective, and `optimal` only when both tiers are proven.
fn assert_honest(s: &Value) {
    let (coverage, coverage_bound) = (number(s, "objective", "coverage"), number(s, "bound", "coverage"));
    let (cost, cost_bound) = (number(s, "objective", "cost"), number(s, "bound", "cost"));
    assert!(
        coverage_bound >= coverage,
        "coverage bound below the schedule's: {s}"
    );
    assert!(
        (0.0..=cost).contains(&cost_bound),
        "cost bound outside [0, cost]: {s}"
    );
    let coverage_gap = number(s, "gap", "coverage");
    let cost_gap = number(s, "gap", "cost");
    assert_eq!(coverage_gap == 0.0, coverage_bound == coverage, "{s}");
    assert_eq!(cost_gap == 0.0, cost_bound == cost, "{s}");
    let proven = coverage_gap == 0.0 && cost_gap == 0.0;
    assert_eq!(s["status"] == "optimal", proven, "status against gaps: {s}");
}

/// Whatever the machine's speed, a run stopped by `--time-limit` writes a verified schedule
/// whose status, bounds and gaps are honest, and echoes its limit.
#[test]
fn a_time_limited_run_is_verified_and_honest() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    slow_problem(dir);
    let s = solve(dir, &["--time-limit", "1"]);
    assert_honest(&s);
    assert!(number(&s, "objective", "coverage") > 0.0);
    assert_eq!(s["settings"]["time_limit_seconds"], 1.0);
    assert_verified(dir);
}

/// A HiGHS time limit of zero stops every HiGHS run at its first check, on any machine: the
/// greedy schedule stands, unproven, and the cost tier claims no bound it did not compute.
#[test]
fn every_highs_run_stopped_at_once_leaves_the_greedy_schedule_unproven() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    slow_problem(dir);
    let s = solve(dir, &["--highs", "time_limit=0"]);
    assert_honest(&s);
    assert_eq!(s["status"], "feasible");
    assert!(
        number(&s, "gap", "coverage") > 0.0,
        "the greedy schedule is not proven: {s}"
    );
    assert_verified(dir);
}

/// With a node limit (deterministic: the same run on every machine) neither tier is proven,
/// yet each carries the bound its LP relaxation proved: the coverage LP bound (734) and a
/// positive cost bound at most the schedule's cost, within 20 % of it (the LP is about 3 %
/// below the optimum; the schedule found without branching is dearer).
#[test]
fn a_node_limited_run_keeps_the_lp_bounds_of_both_tiers() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    slow_problem(dir);
    let s = solve(dir, &["--highs", "mip_max_nodes=0", "--reproducible"]);
    assert_honest(&s);
    assert_eq!(s["status"], "feasible", "{s}");
    assert_eq!(number(&s, "bound", "coverage"), 734.0, "{s}");
    let (cost, bound) = (number(&s, "objective", "cost"), number(&s, "bound", "cost"));
    assert!(bound > 0.8 * cost, "bound {bound}, cost {cost}");
    assert_verified(dir);
    let again = std::fs::read(dir.join("s.json")).unwrap();
    std::fs::remove_file(dir.join("s.json")).unwrap();
    let s2 = solve(dir, &["--highs", "mip_max_nodes=0", "--reproducible"]);
    assert_eq!(s, s2, "a node-limited run is deterministic");
    assert_eq!(again, std::fs::read(dir.join("s.json")).unwrap());
}

/// Ctrl-C (SIGINT) ends the search and still writes the best schedule found, verified. The
/// signal is sent when the solver reports that its model is built (`--progress`), so it lands
/// in the search on any machine.
#[test]
fn ctrl_c_stops_the_search_and_writes_the_best_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    slow_problem(dir);
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtplan"))
        .args([
            "solve",
            "p.json",
            "-o",
            "s.json",
            "--format",
            "json",
            "--progress",
        ])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut log = String::new();
    loop {
        let before = log.len();
        assert!(stderr.read_line(&mut log).unwrap() > 0, "no model line:\n{log}");
        if log[before..].contains("] model: ") {
            break;
        }
    }
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let out = child.wait_with_output().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    log.push_str(&rest);
    assert_eq!(out.status.code(), Some(0), "{log}");
    assert!(log.contains("interrupted"), "{log}");
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_honest(&s);
    assert_eq!(s["status"], "feasible", "an interrupted search proves nothing");
    assert_verified(dir);
}

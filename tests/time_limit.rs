//! `--time-limit` is honoured over the whole run: a problem that needs many seconds returns,
//! within about the limit, its best verified schedule with status `feasible`, a bound and a gap.

use std::process::Command;
use std::time::Instant;

fn mtplan(args: &[&str], dir: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mtplan"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// Writes `p.json`: the default problem with every day budget cut to 65 % (rounded down),
/// which takes the solver 30–50 s to prove optimal (the tight budgets leave its cost tier's LP
/// bound 1 % below the optimum).
fn slow_problem(dir: &std::path::Path) {
    let root = env!("CARGO_MANIFEST_DIR");
    let text = std::fs::read(format!("{root}/problems/default-2027.json")).unwrap();
    let mut p: serde_json::Value = serde_json::from_slice(&text).unwrap();
    let cut = |days: &mut serde_json::Value| {
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
fn assert_verified(dir: &std::path::Path) {
    let verified = mtplan(&["verify", "p.json", "s.json"], dir);
    assert_eq!(
        verified.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&verified.stdout)
    );
}

/// Solves `p.json` into `s.json` with `--time-limit limit`: the schedule JSON and the seconds taken.
fn solve_limited(dir: &std::path::Path, limit: &str) -> (serde_json::Value, f64) {
    let clock = Instant::now();
    let args = [
        "solve",
        "p.json",
        "--time-limit",
        limit,
        "-o",
        "s.json",
        "--format",
        "json",
        "-q",
    ];
    let solved = mtplan(&args, dir);
    let elapsed = clock.elapsed().as_secs_f64();
    assert_eq!(
        solved.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&solved.stderr)
    );
    (serde_json::from_slice(&solved.stdout).unwrap(), elapsed)
}

#[test]
fn a_one_second_limit_returns_a_feasible_schedule_with_bound_and_gap() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    slow_problem(dir);
    let (s, elapsed) = solve_limited(dir, "1");
    assert!(elapsed < 4.0, "took {elapsed:.1} s with a 1 s limit");
    assert_eq!(s["status"], "feasible");
    let (coverage, bound) = (
        s["objective"]["coverage"].as_f64().unwrap(),
        s["bound"]["coverage"].as_f64().unwrap(),
    );
    let (cost, cost_bound) = (
        s["objective"]["cost"].as_f64().unwrap(),
        s["bound"]["cost"].as_f64().unwrap(),
    );
    assert!(
        coverage > 0.0 && bound >= coverage && cost_bound <= cost,
        "{}",
        s["bound"]
    );
    let gap = &s["gap"];
    assert!(
        gap["coverage"].as_f64().unwrap() > 0.0 || gap["cost"].as_f64().unwrap() > 0.0,
        "a stopped search shows a gap: {gap}"
    );
    assert_eq!(s["settings"]["time_limit_seconds"], 1.0);
    assert_verified(dir);
}

/// Ctrl-C (SIGINT) ends the search and still writes the best schedule found, verified.
#[test]
fn ctrl_c_stops_the_search_and_writes_the_best_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    slow_problem(dir);
    let child = Command::new(env!("CARGO_BIN_EXE_mtplan"))
        .args(["solve", "p.json", "-o", "s.json", "--format", "json", "-q"])
        .current_dir(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_secs(2));
    let signalled = Instant::now();
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let out = child.wait_with_output().unwrap();
    let after = signalled.elapsed().as_secs_f64();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(after < 8.0, "took {after:.1} s to stop after Ctrl-C");
    assert!(String::from_utf8_lossy(&out.stderr).contains("interrupted"));
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["status"], "feasible", "an interrupted search proves nothing");
    assert_verified(dir);
}

/// Stopped by the limit before the cost tier is proven, the schedule still carries a real cost
/// bound (the tier's LP relaxation, raised by whatever the restricted MILPs proved): positive,
/// at most the schedule's cost, and within a few percent of it (the LP bound of this problem is
/// about 1 % below its optimum).
#[test]
fn a_limited_cost_tier_is_bounded_by_its_lp_relaxation() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    slow_problem(dir);
    let (s, _) = solve_limited(dir, "4");
    assert_verified(dir);
    let cost = s["objective"]["cost"].as_f64().unwrap();
    let bound = s["bound"]["cost"].as_f64().unwrap();
    assert!(bound > 0.0 && bound <= cost, "bound {bound}, cost {cost}");
    assert_eq!(s["status"], "feasible", "the slow problem is not proven in 4 s");
    assert!(s["gap"]["cost"].as_f64().unwrap() < 0.05, "{}", s["gap"]);
}

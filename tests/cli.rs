//! End-to-end tests of the `mtplan` binary: help, solve (table, JSON, CSV, output files),
//! reproducibility, stdout hygiene, generate, and verify of solved schedules.
//!
//! `tests/fixtures/cli/small.json` is the verify fixture (five trainers, four requests, a pin)
//! plus R-5, a geospatial-intelligence workshop that nobody can give. Its optimum staffs
//! R-1 … R-4 with coverage 6 and cost 3360.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/cli");

fn fixture(name: &str) -> PathBuf {
    Path::new(DIR).join(name)
}

/// `mtplan <args>` run in `dir`.
fn mtplan_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mtplan"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run mtplan")
}

/// `mtplan <args>` run in the fixture folder.
fn mtplan(args: &[&str]) -> Output {
    mtplan_in(Path::new(DIR), args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

fn assert_code(out: &Output, code: i32, what: &str) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "exit code of {what}\nstdout:\n{}\nstderr:\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

/// A temp dir holding a copy of `small.json` as `problem.json`.
fn workdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(fixture("small.json"), dir.path().join("problem.json")).expect("copy");
    dir
}

fn help_lines(out: &Output) -> Vec<String> {
    text(&out.stdout).lines().map(|l| l.trim().to_owned()).collect()
}

fn assert_has_line_starting(lines: &[String], prefix: &str) {
    assert!(
        lines.iter().any(|l| l.starts_with(prefix)),
        "no help line starts with {prefix:?}:\n{}",
        lines.join("\n")
    );
}

// ---------------------------------------------------------------------------------------
// Help
// ---------------------------------------------------------------------------------------

#[test]
fn help_lists_the_subcommands() {
    let out = mtplan(&["--help"]);
    assert_code(&out, 0, "mtplan --help");
    let lines = help_lines(&out);
    assert_has_line_starting(&lines, "Usage: mtplan <COMMAND>");
    assert_has_line_starting(&lines, "solve      Solve a problem and write its schedule");
    assert_has_line_starting(
        &lines,
        "verify     Check a schedule against every hard rule (exit 1 on any violation)",
    );
    assert_has_line_starting(
        &lines,
        "check      Validate a problem without solving it (exit 2 on errors)",
    );
    assert_has_line_starting(&lines, "generate   Write a reproducible synthetic problem");
    assert_has_line_starting(
        &lines,
        "calendars  Write a verified schedule as iCalendar files: one per trainer and one per host country",
    );
    assert_has_line_starting(
        &lines,
        "report     Write a verified schedule's report as one self-contained HTML page",
    );
    assert_has_line_starting(&lines, "-V, --version");
}

#[test]
fn solve_help_lists_the_options() {
    let out = mtplan(&["solve", "--help"]);
    assert_code(&out, 0, "mtplan solve --help");
    let lines = help_lines(&out);
    for prefix in [
        "Usage: mtplan solve [OPTIONS] <PROBLEM>",
        "<PROBLEM>",
        "-o, --output <OUTPUT>",
        "--force",
        "--time-limit <SECONDS>",
        "--gap <REL>",
        "--threads <N>",
        "--seed <N>",
        "--format <FORMAT>",
        "- table:",
        "- json:",
        "- csv:",
        "--reproducible",
        "-q, --quiet",
        "--verbose",
    ] {
        assert_has_line_starting(&lines, prefix);
    }
}

#[test]
fn generate_and_verify_help_list_their_arguments() {
    let lines = help_lines(&mtplan(&["generate", "--help"]));
    for prefix in [
        "--trainers <TRAINERS>",
        "--requests <REQUESTS>",
        "--seed <SEED>",
        "-o, --output <OUTPUT>",
        "--force",
    ] {
        assert_has_line_starting(&lines, prefix);
    }
    let lines = help_lines(&mtplan(&["verify", "--help"]));
    assert_has_line_starting(&lines, "Usage: mtplan verify <PROBLEM> <SCHEDULE>");
}

#[test]
fn no_subcommand_is_a_usage_error() {
    let out = mtplan(&[]);
    assert_code(&out, 2, "mtplan");
    assert_eq!(text(&out.stdout), "");
    assert!(text(&out.stderr).contains("Usage: mtplan <COMMAND>"));
}

#[test]
fn bad_solver_settings_are_a_usage_error() {
    for args in [["--gap", "1.5"], ["--time-limit", "0"], ["--threads", "0"]] {
        let mut all = vec!["solve", "small.json"];
        all.extend(args);
        let out = mtplan(&all);
        assert_code(&out, 2, &all.join(" "));
        assert_eq!(text(&out.stdout), "");
        assert_eq!(
            text(&out.stderr),
            "error: --gap must be in [0, 1), --time-limit above 0 and --threads at least 1\n"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Solve
// ---------------------------------------------------------------------------------------

#[test]
fn solve_writes_the_output_file_and_prints_the_table() {
    let dir = workdir();
    let out = mtplan_in(dir.path(), &["solve", "problem.json", "-o", "schedule.json"]);
    assert_code(&out, 0, "solve -o schedule.json");
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with(
            "problem     cli fixture: five trainers, five requests\n\
             status      optimal\n\
             requests    5: 4 staffed, 1 unstaffed\n\
             coverage    6 (bound 6, gap 0.0000%)\n\
             cost        3360 (bound 3360, gap 0.0000%)\n"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("\nunstaffed requests:\n"), "{stdout}");
    assert!(
        stdout.contains("Geospatial intelligence workshop in Ghana"),
        "{stdout}"
    );
    let written = std::fs::read_to_string(dir.path().join("schedule.json")).expect("written");
    let schedule: Value = serde_json::from_str(&written).expect("schedule is JSON");
    assert_eq!(schedule["status"], "optimal");
    assert_eq!(schedule["objective"]["coverage"], 6);
    assert_eq!(schedule["objective"]["cost"], 3360);
    assert!(written.ends_with("}\n"));
}

#[test]
fn the_unstaffed_table_lines_up() {
    let out = mtplan(&["solve", "small.json"]);
    assert_code(&out, 0, "solve small.json");
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(
            "\n  R-5      Geospatial intelligence workshop in Ghana\n           needs 1 trainer(s)"
        ),
        "{stdout}"
    );
}

#[test]
fn solve_json_has_every_section() {
    let out = mtplan(&["solve", "small.json", "--format", "json"]);
    assert_code(&out, 0, "solve --format json");
    let v: Value = serde_json::from_slice(&out.stdout).expect("stdout is exactly one JSON value");
    for key in [
        "problem",
        "status",
        "objective",
        "bound",
        "gap",
        "scheduled",
        "unscheduled",
        "settings",
    ] {
        assert!(v.get(key).is_some(), "missing `{key}` in {v:#}");
    }
    assert_eq!(v["status"], "optimal");
    assert_eq!(v["objective"]["coverage"], 6);
    assert_eq!(v["objective"]["cost"], 3360);
    assert_eq!(v["bound"]["coverage"], 6.0);
    assert_eq!(v["bound"]["cost"], 3360.0);
    assert_eq!(v["gap"]["coverage"], 0.0);
    assert_eq!(v["gap"]["cost"], 0.0);
    let scheduled = v["scheduled"].as_array().expect("list");
    let ids: Vec<&str> = scheduled
        .iter()
        .map(|a| a["request"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["R-1", "R-2", "R-3", "R-4"]);
    for a in scheduled {
        for key in ["start", "end", "trainers"] {
            assert!(a.get(key).is_some(), "missing `{key}` in {a}");
        }
    }
    let unscheduled = v["unscheduled"].as_array().expect("list");
    assert_eq!(unscheduled.len(), 1);
    assert_eq!(unscheduled[0]["request"], "R-5");
    assert!(!unscheduled[0]["reasons"].as_array().expect("list").is_empty());
    assert_eq!(v["settings"]["threads"], 1);
    assert_eq!(v["settings"]["seed"], 0);
    assert!(v["settings"]["elapsed_seconds"].is_number());
}

#[test]
fn solve_csv_has_a_header_and_one_row_per_staffed_request() {
    let out = mtplan(&["solve", "small.json", "--format", "csv"]);
    assert_code(&out, 0, "solve --format csv");
    let stdout = text(&out.stdout);
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        ["request", "title", "kind", "host", "area", "language", "start", "end", "trainers"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 4, "{stdout}");
    let ids: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(ids, ["R-1", "R-2", "R-3", "R-4"]);
    // R-3 is fixed to 2027-04-05 and given by SN-05, the only French-speaking roo trainer
    // who travels or lives there.
    assert_eq!(
        rows[2].iter().collect::<Vec<_>>(),
        [
            "R-3",
            "RoO Africa training in Senegal",
            "partner",
            "SN",
            "roo",
            "fr",
            "2027-04-05",
            "2027-04-09",
            "SN-05"
        ]
    );
    // A team is one field, ids joined by `;`.
    assert_eq!(rows[0][8].split(';').count(), 2);
}

// ---------------------------------------------------------------------------------------
// Output files
// ---------------------------------------------------------------------------------------

#[test]
fn an_existing_output_is_kept_without_force() {
    let dir = workdir();
    let target = dir.path().join("schedule.json");
    let precious = b"precious bytes, not a schedule\n";
    std::fs::write(&target, precious).expect("write");
    let out = mtplan_in(dir.path(), &["solve", "problem.json", "-o", "schedule.json"]);
    assert_code(&out, 2, "solve -o existing");
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        "error: schedule.json exists; choose another name or pass --force to replace it\n"
    );
    assert_eq!(std::fs::read(&target).expect("read"), precious);
    let leftovers = std::fs::read_dir(dir.path()).expect("dir").count();
    assert_eq!(leftovers, 2, "no temporary file is left behind");

    let out = mtplan_in(
        dir.path(),
        &["solve", "problem.json", "-o", "schedule.json", "--force"],
    );
    assert_code(&out, 0, "solve -o existing --force");
    let replaced = std::fs::read_to_string(&target).expect("read");
    let v: Value = serde_json::from_str(&replaced).expect("now a schedule");
    assert_eq!(v["status"], "optimal");
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 2);
}

#[test]
fn the_problem_file_is_never_the_output() {
    let dir = workdir();
    let problem = dir.path().join("problem.json");
    let before = std::fs::read(&problem).expect("read");
    for spelling in ["problem.json", "./problem.json"] {
        for force in [false, true] {
            let mut args = vec!["solve", "problem.json", "-o", spelling];
            if force {
                args.push("--force");
            }
            let out = mtplan_in(dir.path(), &args);
            assert_code(&out, 2, &args.join(" "));
            assert_eq!(text(&out.stdout), "");
            assert_eq!(
                text(&out.stderr),
                format!("error: {spelling} is an input of this command; write the output elsewhere\n")
            );
            assert_eq!(std::fs::read(&problem).expect("read"), before);
        }
    }
}

#[test]
fn reproducible_solves_give_identical_files() {
    let dir = workdir();
    for name in ["a.json", "b.json"] {
        let out = mtplan_in(
            dir.path(),
            &["solve", "problem.json", "--reproducible", "-o", name],
        );
        assert_code(&out, 0, "solve --reproducible");
    }
    let a = std::fs::read(dir.path().join("a.json")).expect("a");
    let b = std::fs::read(dir.path().join("b.json")).expect("b");
    assert_eq!(a, b, "two reproducible solves differ");
    assert!(!text(&a).contains("elapsed_seconds"));

    let out = mtplan_in(dir.path(), &["solve", "problem.json", "-o", "c.json"]);
    assert_code(&out, 0, "solve");
    let c = std::fs::read_to_string(dir.path().join("c.json")).expect("c");
    assert!(c.contains("\"elapsed_seconds\""), "{c}");
}

// ---------------------------------------------------------------------------------------
// stdout carries data only
// ---------------------------------------------------------------------------------------

#[test]
fn stdout_is_the_schedule_and_nothing_else() {
    let dir = workdir();
    let out = mtplan_in(
        dir.path(),
        &[
            "solve",
            "problem.json",
            "--format",
            "json",
            "--reproducible",
            "-o",
            "schedule.json",
        ],
    );
    assert_code(&out, 0, "solve --format json -o");
    let file = std::fs::read(dir.path().join("schedule.json")).expect("written");
    assert_eq!(out.stdout, file, "stdout is byte for byte the schedule file");
    assert_eq!(text(&out.stderr), "", "nothing else is said when all is well");
}

#[test]
fn the_solver_log_goes_to_stderr() {
    let out = mtplan(&["solve", "small.json", "--format", "json", "--verbose"]);
    assert_code(&out, 0, "solve --verbose");
    let v: Value = serde_json::from_slice(&out.stdout).expect("stdout is exactly one JSON value");
    assert_eq!(v["status"], "optimal");
    assert!(text(&out.stderr).contains("HiGHS"), "the HiGHS log is on stderr");
}

#[test]
fn csv_stdout_stays_clean_with_the_solver_log() {
    let out = mtplan(&["solve", "small.json", "--format", "csv", "--verbose"]);
    assert_code(&out, 0, "solve --format csv --verbose");
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{stdout}");
    assert!(lines[0].starts_with("request,title,"));
    assert!(lines[1..].iter().all(|l| l.starts_with("R-")), "{stdout}");
}

// ---------------------------------------------------------------------------------------
// Generate
// ---------------------------------------------------------------------------------------

#[test]
fn generate_is_reproducible_and_valid() {
    let args = ["generate", "--trainers", "20", "--requests", "30", "--seed", "5"];
    let first = mtplan(&args);
    let second = mtplan(&args);
    assert_code(&first, 0, "generate");
    assert_code(&second, 0, "generate");
    assert!(!first.stdout.is_empty());
    assert_eq!(first.stdout, second.stdout, "same seed, same bytes");
    let v: Value = serde_json::from_slice(&first.stdout).expect("JSON");
    assert_eq!(v["trainers"].as_array().expect("list").len(), 20);
    assert_eq!(v["requests"].as_array().expect("list").len(), 30);

    let dir = tempfile::tempdir().expect("temp dir");
    let mut with_output = args.to_vec();
    with_output.extend(["-o", "generated.json"]);
    let out = mtplan_in(dir.path(), &with_output);
    assert_code(&out, 0, "generate -o");
    assert_eq!(text(&out.stdout), "");
    let file = std::fs::read(dir.path().join("generated.json")).expect("written");
    assert_eq!(file, first.stdout, "-o writes what stdout shows");

    let check = mtplan_in(dir.path(), &["check", "generated.json"]);
    assert_code(&check, 0, "check generated.json");
    assert_eq!(text(&check.stdout), "");
    assert!(
        text(&check.stderr).contains("generated.json: 0 error(s)"),
        "{}",
        text(&check.stderr)
    );

    let other = mtplan(&["generate", "--trainers", "20", "--requests", "30", "--seed", "6"]);
    assert_ne!(other.stdout, first.stdout, "another seed, another problem");
}

#[test]
fn generate_keeps_an_existing_file_without_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("generated.json");
    std::fs::write(&target, b"keep me").expect("write");
    let out = mtplan_in(
        dir.path(),
        &[
            "generate",
            "--trainers",
            "3",
            "--requests",
            "3",
            "-o",
            "generated.json",
        ],
    );
    assert_code(&out, 2, "generate -o existing");
    assert_eq!(
        text(&out.stderr),
        "error: generated.json exists; choose another name or pass --force to replace it\n"
    );
    assert_eq!(std::fs::read(&target).expect("read"), b"keep me");
}

// ---------------------------------------------------------------------------------------
// Verify what solve wrote
// ---------------------------------------------------------------------------------------

#[test]
fn a_solved_schedule_verifies() {
    let dir = workdir();
    let out = mtplan_in(dir.path(), &["solve", "problem.json", "-o", "schedule.json"]);
    assert_code(&out, 0, "solve");
    let out = mtplan_in(dir.path(), &["verify", "problem.json", "schedule.json"]);
    assert_code(&out, 0, "verify");
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        "schedule.json: 0 violation(s); 4 request(s) staffed, coverage 6, cost 3360\n"
    );
}

#[test]
fn a_generated_problem_solves_and_verifies() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = mtplan_in(
        dir.path(),
        &[
            "generate",
            "--trainers",
            "20",
            "--requests",
            "30",
            "--seed",
            "5",
            "-o",
            "p.json",
        ],
    );
    assert_code(&out, 0, "generate");
    let out = mtplan_in(dir.path(), &["solve", "p.json", "-o", "s.json"]);
    assert_code(&out, 0, "solve generated");
    let out = mtplan_in(dir.path(), &["verify", "p.json", "s.json"]);
    assert_code(&out, 0, "verify generated");
    assert_eq!(text(&out.stdout), "");
}

#[test]
fn an_edited_objective_fails_verify() {
    let dir = workdir();
    let out = mtplan_in(dir.path(), &["solve", "problem.json", "-o", "schedule.json"]);
    assert_code(&out, 0, "solve");
    let path = dir.path().join("schedule.json");
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("JSON");
    v["objective"]["cost"] = Value::from(3000);
    std::fs::write(&path, serde_json::to_string_pretty(&v).expect("JSON")).expect("write");
    let out = mtplan_in(dir.path(), &["verify", "problem.json", "schedule.json"]);
    assert_code(&out, 1, "verify edited");
    assert_eq!(
        text(&out.stdout),
        "objective: claimed cost 3000 but the schedule costs 3360\n"
    );

    v["objective"]["coverage"] = Value::from(7);
    std::fs::write(&path, serde_json::to_string_pretty(&v).expect("JSON")).expect("write");
    let out = mtplan_in(dir.path(), &["verify", "problem.json", "schedule.json"]);
    assert_code(&out, 1, "verify edited");
    assert_eq!(
        text(&out.stdout),
        "objective: claimed cost 3000 but the schedule costs 3360\n\
         objective: claimed coverage 7 but the schedule covers 6\n"
    );
}

// ---------------------------------------------------------------------------------------
// Known bugs
// ---------------------------------------------------------------------------------------

/// The greedy schedule places R-1 (pinned to KE-01, a three-week window) in its first week,
/// where R-2 is pinned to KE-01 on a fixed date, so the solve has no warm start; a HiGHS time
/// limit of zero stops every HiGHS run at its first check on any machine, so no schedule is
/// found: exit 3 with the coverage bound, not an internal error.
#[test]
fn a_time_limit_without_a_solution_is_reported_as_such() {
    let out = mtplan(&["solve", "pins-greedy-misses.json", "--highs", "time_limit=0"]);
    assert_code(&out, 3, "solve stopped at once");
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        "error: no valid schedule was found within the time limit (coverage bound 2); allow more time\n"
    );
    // Unhurried, the same problem has a schedule that keeps both pins.
    let out = mtplan(&["solve", "pins-greedy-misses.json", "--format", "csv"]);
    assert_code(&out, 0, "solve unhurried");
}

/// year-typo.json is small.json with the horizon ending 9027-12-31 and R-2's window ending
/// 9027-03-31 (365 000 possible Monday starts): refused as bad input before any model is built.
const YEAR_TYPO: &str = "error[E031]: year-typo.json:5:12: horizon.end: the horizon spans 2557062 days (2027-01-01 … 9027-12-31); mtplan plans at most 1100 days
  hint: check the years of both dates (a typo such as 9027 for 2027?)
error[E031]: year-typo.json:148:21: requests[1].latest_end: the window spans 2556728 days (2027-03-01 … 9027-03-31); mtplan plans at most 1100 days
  hint: check the years of both dates (a typo such as 9027 for 2027?)
year-typo.json: 2 error(s), 0 warning(s)
";

#[test]
fn a_year_typo_in_the_horizon_is_flagged() {
    let check = mtplan(&["check", "year-typo.json"]);
    assert_code(&check, 2, "check year-typo.json");
    assert_eq!(text(&check.stderr), YEAR_TYPO);
}

#[test]
fn a_year_typo_is_refused_before_solving() {
    let out = mtplan(&["solve", "year-typo.json", "--time-limit", "20", "--format", "csv"]);
    assert_code(&out, 2, "solve year-typo.json");
    assert_eq!(text(&out.stdout), "");
    assert_eq!(text(&out.stderr), YEAR_TYPO);
}

#[test]
fn an_existing_output_is_refused_before_solving() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(fixture("year-typo.json"), dir.path().join("slow.json")).expect("copy");
    std::fs::write(dir.path().join("schedule.json"), b"keep me").expect("write");
    // The output is checked before the problem is even read: its error, not the problem's.
    let out = mtplan_in(
        dir.path(),
        &["solve", "slow.json", "-o", "schedule.json", "--time-limit", "60"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: schedule.json exists; choose another name or pass --force to replace it\n"
    );
}

/// `bench` runs a suite's cases side by side (`--jobs`), keeps them in the suite's order,
/// verifies every schedule and writes both tables; a capped limit that no case reaches on any
/// machine (`--time-limit 600`) changes nothing.
#[test]
fn bench_runs_cases_side_by_side_in_order() {
    let dir = workdir();
    let out = mtplan_in(
        dir.path(),
        &[
            "bench",
            "--suite",
            "quick",
            "--jobs",
            "2",
            "--time-limit",
            "600",
            "-o",
            "results",
        ],
    );
    assert_code(&out, 0, "bench --suite quick");
    let csv = std::fs::read_to_string(dir.path().join("results/bench.csv")).unwrap();
    let rows: Vec<Vec<&str>> = csv.lines().skip(1).map(|l| l.split(',').collect()).collect();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("{name} in {header:?}"))
    };
    let cases: Vec<(&str, &str)> = rows.iter().map(|r| (r[0], r[col("formulation")])).collect();
    assert_eq!(
        cases,
        [
            ("gen-70x100-s1", "cliques"),
            ("gen-70x100-s1", "plain"),
            ("gen-70x100-s2", "cliques"),
            ("gen-70x100-s2", "plain"),
        ],
        "{csv}"
    );
    assert!(
        text(&out.stdout).contains("0 checker violation(s)"),
        "{}",
        text(&out.stdout)
    );
    // Both formulations prove the same optimum.
    for pair in rows.chunks(2) {
        for name in ["status", "coverage", "cost"] {
            let c = col(name);
            assert_eq!(pair[0][c], pair[1][c], "{name}: {csv}");
        }
        assert_eq!(pair[0][col("status")], "optimal");
    }
    let again = mtplan_in(dir.path(), &["bench", "--suite", "quick", "-o", "results"]);
    assert_code(&again, 2, "a second bench into the same folder without --force");
    let bad = mtplan_in(
        dir.path(),
        &["bench", "--suite", "quick", "--time-limit", "0", "-o", "other"],
    );
    assert_code(&bad, 2, "a time limit of 0");
    assert!(
        text(&bad.stderr).contains("is not a number of seconds above 0"),
        "{}",
        text(&bad.stderr)
    );
}

//! `mtplan verify` against hand-made schedules: one valid schedule, and one bad schedule per
//! rule (C1–C10, start, end, count, ref, objective), each breaking exactly that rule.
//!
//! Fixtures live in `tests/fixtures/verify/`. `problem.json` has five trainers in four
//! countries and four requests:
//!
//! | request | host | area | lang | days | trainers | notes |
//! | ------- | ---- | ---- | ---- | ---- | -------- | ----- |
//! | R-1 | KE | roo | en | 6 | 2–3 | 1 lead, regions East + Southern Africa, max 1 per country, priority 3 |
//! | R-2 | UG | hs  | en | 3 | 1 | |
//! | R-3 | SN | roo | fr | 5 | 1 | fixed start 2027-04-05 |
//! | R-4 | KE | roo | en | 4 | 1–2 | pinned: KE-02 from 2027-02-15 |
//!
//! KE-01 (roo ace, hs, budget 8 days), KE-02 (roo), UG-03 (roo, hs, en+fr, does not travel,
//! unavailable 2027-03-10 … 03-19), ZM-04 (roo, pca ace), SN-05 (hs ace, roo, fr+en).
//! Policy: starts on Mondays, 2 free days between trainings.
//!
//! `valid.json` staffs all four: R-1 2027-02-08 KE-01+ZM-04, R-2 2027-03-01 UG-03,
//! R-3 2027-04-05 SN-05, R-4 2027-02-15 KE-02; coverage 6, cost 3360 (ZM-04 flies
//! interregionally to Kenya: 1500 + 6 × 310). Bad files leave out the claimed objective,
//! so that only the rule under test can fail.

use std::path::Path;
use std::process::{Command, Output};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/verify");

/// Runs `mtplan verify problem.json <schedule>` in the fixture folder.
fn verify(schedule: &str) -> Output {
    verify_with("problem.json", schedule)
}

fn verify_with(problem: &str, schedule: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mtplan"))
        .current_dir(DIR)
        .args(["verify", problem, schedule])
        .output()
        .expect("run mtplan")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

/// Asserts that verifying `schedule` fails with exit code 1 and exactly `expected` on stdout
/// (one violation per line).
fn assert_violations(schedule: &str, expected: &[&str]) {
    let out = verify(schedule);
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit code of verify {schedule}\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    let mut want = expected.join("\n");
    want.push('\n');
    assert_eq!(stdout, want, "violations of {schedule}\nstderr:\n{stderr}");
    let summary = format!("{schedule}: {} violation(s);", expected.len());
    assert!(
        stderr.starts_with(&summary),
        "stderr of verify {schedule} should start with {summary:?}:\n{stderr}"
    );
}

#[test]
fn fixtures_exist() {
    assert!(Path::new(DIR).join("problem.json").is_file());
}

#[test]
fn problem_is_valid() {
    let out = Command::new(env!("CARGO_BIN_EXE_mtplan"))
        .current_dir(DIR)
        .args(["check", "problem.json"])
        .output()
        .expect("run mtplan");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "problem.json: 0 error(s), 0 warning(s)\n");
}

#[test]
fn valid_schedule_passes() {
    let out = verify("valid.json");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(text(&out.stdout), "", "verify prints nothing on stdout");
    assert_eq!(
        text(&out.stderr),
        "valid.json: 0 violation(s); 4 request(s) staffed, coverage 6, cost 3360\n"
    );
}

#[test]
fn schedule_with_only_the_scheduled_list_is_accepted() {
    // No `end`, no objective, no status, no `unscheduled`: ends are computed from durations.
    let out = verify("minimal.json");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        "minimal.json: 0 violation(s); 4 request(s) staffed, coverage 6, cost 3360\n"
    );
}

#[test]
fn schedule_with_only_the_scheduled_list_is_verified() {
    // R-2 from Monday 2027-03-08 lasts three days, so its computed end (03-10) touches
    // UG-03's leave; the pin on R-4 holds.
    assert_violations(
        "minimal-bad.json",
        &["C5 request R-2 trainer UG-03: unavailable 2027-03-10 … 2027-03-19, during the training 2027-03-08 … 2027-03-10"],
    );
}

#[test]
fn c1_area() {
    assert_violations(
        "bad-C1.json",
        &["C1 request R-2 trainer KE-02: does not hold area `hs`"],
    );
}

#[test]
fn c2_language() {
    assert_violations(
        "bad-C2.json",
        &["C2 request R-3 trainer ZM-04: does not work in `fr`"],
    );
}

#[test]
fn c3_region() {
    assert_violations(
        "bad-C3.json",
        &["C3 request R-1 trainer SN-05: comes from SN, a region the request does not accept"],
    );
}

#[test]
fn c4_travel() {
    assert_violations(
        "bad-C4.json",
        &["C4 request R-4 trainer UG-03: does not travel, and the host is KE"],
    );
}

#[test]
fn c5_unavailable() {
    assert_violations(
        "bad-C5.json",
        &["C5 request R-2 trainer UG-03: unavailable 2027-03-10 … 2027-03-19, during the training 2027-03-08 … 2027-03-10"],
    );
}

#[test]
fn c6_leads() {
    assert_violations(
        "bad-C6.json",
        &["C6 request R-1: needs 1 lead(s) at ace level in `roo`, has 0"],
    );
}

#[test]
fn c7_same_country() {
    assert_violations(
        "bad-C7.json",
        &["C7 request R-1: 2 trainers from KE, at most 1 allowed"],
    );
}

#[test]
fn c8_gap() {
    // ZM-04 ends R-1 on Saturday 2027-02-13 and starts R-4 on Monday 02-15.
    assert_violations(
        "bad-C8.json",
        &["C8 request R-4 trainer ZM-04: 1 free day(s) between R-1 and R-4; 2 needed"],
    );
}

#[test]
fn c9_budget() {
    assert_violations(
        "bad-C9.json",
        &["C9 trainer KE-01: assigned 9 training days, budget 8"],
    );
}

#[test]
fn c10_pin_start() {
    assert_violations(
        "bad-C10.json",
        &["C10 request R-4 trainer KE-02: pinned to start 2027-02-15, starts 2027-02-22"],
    );
}

#[test]
fn c10_pin_not_scheduled() {
    assert_violations(
        "bad-C10-unscheduled.json",
        &["C10 request R-4 trainer KE-02: is pinned but not scheduled"],
    );
}

#[test]
fn start_not_allowed() {
    assert_violations(
        "bad-start.json",
        &["start request R-2: start 2027-03-02 is not allowed: trainings may not start on a tue (allowed: mon)"],
    );
}

#[test]
fn start_not_allowed_names_the_allowed_weekdays() {
    assert_violations(
        "bad-start.json",
        &["start request R-2: start 2027-03-02 is not allowed: trainings may not start on a tue (allowed: mon)"],
    );
}

#[test]
fn end_wrong() {
    assert_violations(
        "bad-end.json",
        &["end request R-2: ends 2027-03-04 but 3 day(s) from 2027-03-01 end 2027-03-03"],
    );
}

#[test]
fn count_too_few() {
    assert_violations(
        "bad-count.json",
        &["count request R-1: has 1 trainer(s); it needs 2 to 3"],
    );
}

#[test]
fn ref_unknown_request() {
    assert_violations(
        "bad-ref-request.json",
        &["ref: request `R-9` is not in the problem"],
    );
}

#[test]
fn ref_unknown_trainer() {
    assert_violations(
        "bad-ref-trainer.json",
        &["ref request R-4 trainer TZ-99: trainer `TZ-99` is not in the problem"],
    );
}

#[test]
fn ref_request_listed_twice() {
    assert_violations(
        "bad-ref-twice.json",
        &["ref request R-2: the request is scheduled more than once"],
    );
}

#[test]
fn ref_trainer_listed_twice() {
    assert_violations(
        "bad-ref-trainer-twice.json",
        &["ref request R-1 trainer ZM-04: the trainer is listed twice"],
    );
}

#[test]
fn objective_claim_differs() {
    assert_violations(
        "bad-objective.json",
        &["objective: claimed cost 3000 but the schedule costs 3360"],
    );
}

#[test]
fn objective_counts_a_duplicated_request_once() {
    // R-2 (priority 1) is listed twice and the file claims coverage 7; the real coverage of
    // the staffed requests is 6.
    assert_violations(
        "twice-claimed.json",
        &[
            "ref request R-2: the request is scheduled more than once",
            "objective: claimed coverage 7 but the schedule covers 6",
        ],
    );
}

#[test]
fn every_bad_fixture_is_tested() {
    // Guards against a fixture added without a test, or a test pointing at a missing file.
    let mut names: Vec<String> = std::fs::read_dir(DIR)
        .expect("fixture folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("bad-"))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "bad-C1.json",
            "bad-C10-unscheduled.json",
            "bad-C10.json",
            "bad-C2.json",
            "bad-C3.json",
            "bad-C4.json",
            "bad-C5.json",
            "bad-C6.json",
            "bad-C7.json",
            "bad-C8.json",
            "bad-C9.json",
            "bad-count.json",
            "bad-end.json",
            "bad-objective.json",
            "bad-ref-request.json",
            "bad-ref-trainer-twice.json",
            "bad-ref-trainer.json",
            "bad-ref-twice.json",
            "bad-start.json",
        ]
    );
}

#[test]
fn a_problem_file_is_not_a_schedule() {
    let out = verify_with("problem.json", "problem.json");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("not a schedule") && stderr.contains("missing field `scheduled`"),
        "{stderr}"
    );
}

#[test]
fn a_problem_file_is_not_a_schedule_clear_message() {
    let out = verify_with("problem.json", "problem.json");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: problem.json:1:1: not a schedule: (top level): missing field `scheduled`\n  \
         hint: a schedule is a JSON object with a `scheduled` list of {\"request\", \"start\", \"trainers\"}\n"
    );
}

#[test]
fn missing_files_are_bad_input() {
    let out = verify_with("problem.json", "no-such-schedule.json");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    assert!(text(&out.stderr).starts_with("error: cannot read no-such-schedule.json: "));

    let out = verify_with("no-such-problem.json", "valid.json");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    assert!(text(&out.stderr).starts_with("error: cannot read no-such-problem.json: "));
}

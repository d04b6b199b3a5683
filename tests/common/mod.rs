//! Helpers shared by the end-to-end tests of `calendars` and `report`.
#![allow(dead_code)]

pub mod browser;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use mtplan::model::{Problem, Schedule};

pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

pub fn default_problem() -> PathBuf {
    Path::new(ROOT).join("problems/default-2027.json")
}

pub fn default_schedule() -> PathBuf {
    Path::new(ROOT).join("tests/fixtures/report/default-2027.schedule.json")
}

pub fn mtplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mtplan"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run mtplan")
}

pub fn assert_code(out: &Output, code: i32, what: &str) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "exit code of {what}\nstdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The problem and schedule, checked: a test never uses a schedule that breaks rules.
pub fn verified(problem: &Path, schedule: &Path) -> (Problem, Schedule) {
    let p = mtplan::input::load_problem(problem)
        .expect("problem loads")
        .problem;
    let s = mtplan::format::load_schedule(schedule, &p).expect("schedule loads");
    let violations = mtplan::checker::check(&p, &s);
    assert!(violations.is_empty(), "the fixture breaks rules: {violations:?}");
    (p, s)
}

/// A small generated problem whose titles hold `,` `;` `"` `<` `&` and a line break, solved
/// by the library and saved; returns (problem file, schedule file).
pub fn tricky_problem(dir: &Path) -> (PathBuf, PathBuf) {
    let mut raw = mtplan::generate::generate(&mtplan::generate::Spec::new(8, 6, 3));
    for r in &mut raw.requests {
        r.title = format!("{}, \"quoted\"; <b>bold</b> & co\nsecond line", r.title);
    }
    let problem = dir.join("tricky.json");
    std::fs::write(&problem, serde_json::to_string_pretty(&raw).unwrap()).unwrap();
    let p = mtplan::input::load_problem(&problem).unwrap().problem;
    let mut s = mtplan::solver::solve(&p, &mtplan::solver::Options::default()).unwrap();
    assert!(!s.scheduled.is_empty(), "the tricky problem staffs something");
    mtplan::explain::annotate(&p, &mut s);
    let schedule = dir.join("tricky.schedule.json");
    std::fs::write(&schedule, mtplan::format::schedule_to_json(&p, &s, false)).unwrap();
    (problem, schedule)
}

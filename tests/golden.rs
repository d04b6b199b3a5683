//! The golden corpus: every problem under `problems/` is solved, checked by the independent
//! checker and compared with the optimum proven by hand in `problems/expected.json`.
//!
//! Each file under `problems/rules/` exercises one rule or cost semantic so that the rule
//! changes the optimum; `problems/README.md` lists them. A problem file without an entry in
//! `expected.json`, or an entry without a file, fails the test.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use mtplan::model::Status;

/// One entry of `problems/expected.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    /// Sum of priorities of the staffed requests.
    coverage: u64,
    /// Total cost of the optimal schedule.
    cost: u64,
    /// Ids of the staffed requests.
    staffed: Vec<String>,
    /// The proof by hand.
    why: String,
}

fn problems_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("problems")
}

fn expected() -> BTreeMap<String, Expected> {
    let path = problems_dir().join("expected.json");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every `*.json` under `dir`, recursively, as paths relative to `problems/` with `/`.
fn collect(dir: &Path, out: &mut Vec<String>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|x| x == "json") {
            out.push(relative(&path));
        }
    }
}

fn relative(path: &Path) -> String {
    let rel = path.strip_prefix(problems_dir()).expect("under problems/");
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// Every problem file under `problems/`, sorted, without `expected.json`.
fn problem_files() -> Vec<String> {
    let mut files = Vec::new();
    collect(&problems_dir(), &mut files);
    files.retain(|f| f != "expected.json");
    files.sort();
    files
}

/// Solves one problem and returns every way it differs from `want`.
fn run(file: &str, want: &Expected) -> Vec<String> {
    let path = problems_dir().join(file);
    let loaded = match mtplan::input::load_problem(&path) {
        Ok(loaded) => loaded,
        Err(e) => return vec![format!("does not load:\n{e}")],
    };
    let problem = &loaded.problem;
    let options = mtplan::solver::Options::default();
    let mut schedule = match mtplan::solver::solve(problem, &options) {
        Ok(schedule) => schedule,
        Err(e) => return vec![format!("does not solve: {e}")],
    };
    mtplan::explain::annotate(problem, &mut schedule);
    let mut errors: Vec<String> = mtplan::checker::check(problem, &schedule)
        .iter()
        .map(|v| format!("checker: {v}"))
        .collect();
    if schedule.status != Status::Optimal {
        errors.push(format!("status {:?}, expected Optimal", schedule.status));
    }
    match schedule.objective {
        None => errors.push("no objective".to_owned()),
        Some(o) if (o.coverage, o.cost) != (want.coverage, want.cost) => errors.push(format!(
            "coverage {} cost {}, expected coverage {} cost {}",
            o.coverage, o.cost, want.coverage, want.cost
        )),
        Some(_) => {}
    }
    let staffed: BTreeSet<&str> = schedule.scheduled.iter().map(|a| a.request.as_str()).collect();
    let wanted: BTreeSet<&str> = want.staffed.iter().map(String::as_str).collect();
    if staffed != wanted {
        let extra: Vec<_> = staffed.difference(&wanted).collect();
        let missing: Vec<_> = wanted.difference(&staffed).collect();
        errors.push(format!(
            "staffed set differs: unexpected {extra:?}, missing {missing:?}"
        ));
    }
    errors.extend(unscheduled_errors(problem, &schedule));
    errors
}

/// Every request is listed once, and every unscheduled one says why.
fn unscheduled_errors(problem: &mtplan::model::Problem, schedule: &mtplan::model::Schedule) -> Vec<String> {
    let mut errors = Vec::new();
    let mut listed: Vec<&str> = schedule
        .scheduled
        .iter()
        .map(|a| a.request.as_str())
        .chain(schedule.unscheduled.iter().map(|u| u.request.as_str()))
        .collect();
    listed.sort_unstable();
    let mut all: Vec<&str> = problem.requests.iter().map(|r| r.id.as_str()).collect();
    all.sort_unstable();
    if listed != all {
        errors.push("scheduled + unscheduled is not every request exactly once".to_owned());
    }
    for u in schedule.unscheduled.iter().filter(|u| u.reasons.is_empty()) {
        errors.push(format!("unscheduled {} has no reason", u.request));
    }
    errors
}

#[test]
fn every_problem_has_an_expected_entry_and_every_entry_a_problem() {
    let files: BTreeSet<String> = problem_files().into_iter().collect();
    let expected = expected();
    let entries: BTreeSet<String> = expected.keys().cloned().collect();
    let no_entry: Vec<_> = files.difference(&entries).collect();
    let no_file: Vec<_> = entries.difference(&files).collect();
    assert!(
        no_entry.is_empty() && no_file.is_empty(),
        "problems without an entry in expected.json: {no_entry:?}; entries without a problem file: {no_file:?}"
    );
    for (file, e) in &expected {
        assert!(!e.why.trim().is_empty(), "{file}: `why` is empty");
        assert!(
            !e.staffed.is_empty() || e.coverage == 0,
            "{file}: coverage without staffed requests"
        );
    }
}

#[test]
fn golden_corpus_is_solved_to_the_expected_optimum() {
    let expected = expected();
    let mut failures = Vec::new();
    for file in problem_files() {
        let Some(want) = expected.get(&file) else {
            failures.push(format!("{file}: no entry in expected.json"));
            continue;
        };
        let started = std::time::Instant::now();
        let errors = run(&file, want);
        eprintln!(
            "{file}: {} in {:.2}s",
            if errors.is_empty() { "ok" } else { "FAILED" },
            started.elapsed().as_secs_f64()
        );
        failures.extend(errors.into_iter().map(|e| format!("{file}: {e}")));
    }
    assert!(
        failures.is_empty(),
        "{} golden failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

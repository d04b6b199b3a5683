//! The three ways `whatif` solves a scenario against the base schedule, by laws that hold
//! whatever the schedules are: the default mode (coverage, cost, then fewest changes) keeps the
//! coverage and cost of `--fresh` and changes no more; `--stable` (coverage, fewest changes,
//! then cost) keeps the coverage and changes no more than either, proven. Every schedule goes
//! through the independent checker, and the changes are counted here from the schedules alone.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};

use mtplan::model::{Problem, Schedule, Status};
use mtplan::{checker, format, generate, scenario, validate};

/// One row of `whatif.csv`, by column name.
type Row = BTreeMap<String, String>;

fn run(dir: &Path, base: &str, scenarios: &[&str], mode: Option<&str>) -> Vec<Row> {
    let out = dir.join(format!("out{}", mode.unwrap_or("")));
    let _ = std::fs::remove_dir_all(&out);
    let mut args = vec!["whatif".to_owned(), base.to_owned()];
    args.extend(scenarios.iter().map(|s| s.to_string()));
    args.extend(["-o".into(), out.display().to_string(), "--reproducible".into()]);
    args.extend(mode.map(str::to_owned));
    let o = Command::new(env!("CARGO_BIN_EXE_mtplan"))
        .current_dir(dir)
        .args(&args)
        .stdin(Stdio::null())
        .output()
        .expect("run mtplan");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let md = String::from_utf8_lossy(&o.stdout);
    let said = match mode {
        None => "mode: tie-break (default)",
        Some("--stable") => "mode: stable (--stable)",
        _ => "mode: fresh (--fresh)",
    };
    assert!(md.starts_with(said), "the table says which mode ran:\n{md}");
    let mut reader = csv::Reader::from_path(out.join("whatif.csv")).expect("csv");
    let head: Vec<String> = reader
        .headers()
        .expect("head")
        .iter()
        .map(str::to_owned)
        .collect();
    reader
        .records()
        .map(|r| {
            let r = r.expect("record");
            let mut row: Row = head.iter().cloned().zip(r.iter().map(str::to_owned)).collect();
            row.insert("dir".into(), out.display().to_string());
            row
        })
        .collect()
}

/// The schedule of case `name` in `row`'s folder, verified against `problem`.
fn schedule(row: &Row, problem: &Problem) -> Schedule {
    let path = Path::new(&row["dir"]).join(format!("{}.json", row["scenario"]));
    let s = format::load_schedule(&path, problem).expect("schedule loads");
    let v = checker::check(problem, &s);
    assert!(v.is_empty(), "{}: {v:?}", row["scenario"]);
    s
}

/// Changes of `s` against `base`, counted as the disruption tier counts them (see
/// docs/formulation.md): per base request still in the problem, one if it is dropped or moved,
/// plus one per published trainer not on it and one per trainer added to it where it is still
/// held.
fn changes(problem: &Problem, base: &Schedule, s: &Schedule) -> u64 {
    let mut d = 0;
    for a in base
        .scheduled
        .iter()
        .filter(|a| problem.request(&a.request).is_some())
    {
        match s.scheduled.iter().find(|b| b.request == a.request) {
            None => d += 1,
            Some(b) => {
                d += u64::from(b.start != a.start);
                d += a.trainers.iter().filter(|t| !b.trainers.contains(t)).count() as u64;
                d += b.trainers.iter().filter(|t| !a.trainers.contains(t)).count() as u64;
            }
        }
    }
    d
}

fn num(row: &Row, key: &str) -> u64 {
    row[key].parse().unwrap_or_else(|_| panic!("{key} of {row:?}"))
}

/// Runs the three modes on `scenarios` of `base` and checks every law.
fn laws(dir: &Path, base_file: &str, scenarios: &[&str]) {
    let base_problem = mtplan::input::load_problem(&dir.join(base_file))
        .expect("base")
        .problem;
    let fresh = run(dir, base_file, scenarios, Some("--fresh"));
    let tie = run(dir, base_file, scenarios, None);
    let stable = run(dir, base_file, scenarios, Some("--stable"));
    let base = schedule(&fresh[0], &base_problem);
    for (k, name) in scenarios.iter().enumerate() {
        let problem = scenario::load(&dir.join(name), &base_problem)
            .expect("scenario")
            .problem;
        let (f, t, s) = (&fresh[k + 1], &tie[k + 1], &stable[k + 1]);
        let at = |row: &Row| changes(&problem, &base, &schedule(row, &problem));
        let (df, dt, ds) = (at(f), at(t), at(s));
        let optimal = |row: &Row| row["status"] == Status::Optimal.code();
        assert_eq!(
            num(f, "coverage"),
            num(t, "coverage"),
            "{name}: coverage, default mode"
        );
        assert_eq!(
            num(f, "coverage"),
            num(s, "coverage"),
            "{name}: coverage, --stable"
        );
        if optimal(f) && optimal(t) {
            assert_eq!(num(f, "cost"), num(t, "cost"), "{name}: cost, default mode");
            assert!(
                num(t, "changed") <= num(f, "changed"),
                "{name}: changed {t:?} {f:?}"
            );
            assert!(dt <= df, "{name}: default mode changes {dt} > fresh {df}");
        }
        assert_eq!(
            s["changes_d_proven"], "true",
            "{name}: --stable proves its changes"
        );
        assert_eq!(
            num(s, "changes_d"),
            ds,
            "{name}: the table counts what the schedule shows"
        );
        assert!(
            ds <= df && ds <= dt,
            "{name}: proven minimum {ds} above {df} or {dt}"
        );
        assert!(
            num(s, "cost") >= num(t, "cost") || !optimal(t),
            "{name}: stable is never cheaper"
        );
    }
}

#[test]
fn the_modes_keep_their_laws_on_the_example_scenarios() {
    let dir = tempfile::tempdir().expect("dir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        root.join("problems/default-2027.json"),
        dir.path().join("base.json"),
    )
    .expect("copy");
    for s in ["trainer-leaves.toml", "pacific-later.toml"] {
        std::fs::copy(root.join("problems/scenarios").join(s), dir.path().join(s)).expect("copy");
    }
    laws(
        dir.path(),
        "base.json",
        &["trainer-leaves.toml", "pacific-later.toml"],
    );
}

#[test]
fn the_modes_keep_their_laws_on_generated_scenarios() {
    let dir = tempfile::tempdir().expect("dir");
    let file = generate::generate(&generate::Spec::new(40, 60, 5));
    let json = serde_json::to_string(&file).expect("json");
    std::fs::write(dir.path().join("base.json"), &json).expect("write");
    let p = validate::parse_problem(json.as_bytes(), "base.json")
        .expect("valid")
        .problem;
    let scenarios = [
        (
            "cut.toml",
            "name = \"cut\"\n[[edit]]\naction = \"scale_budgets\"\nfactor = 0.6\n".to_owned(),
        ),
        (
            "leave.toml",
            format!(
                "name = \"leave\"\n[[edit]]\naction = \"remove_trainer\"\ntrainers = [\"{}\", \"{}\"]\n",
                p.trainers[0].id, p.trainers[7].id
            ),
        ),
        (
            "later.toml",
            "name = \"later\"\n[[edit]]\naction = \"widen_windows\"\nregion = \"West Africa\"\nafter = 28\n"
                .to_owned(),
        ),
    ];
    for (name, text) in &scenarios {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    laws(dir.path(), "base.json", &["cut.toml", "leave.toml", "later.toml"]);
}

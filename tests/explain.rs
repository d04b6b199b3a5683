//! `mtplan explain` and infeasibility explanations.
//!
//! - exact text for each reason kind and each repair kind on a small hand-made problem;
//! - on the default problem and on generated problems with tight budgets: every unscheduled
//!   request has a reason, every kind-1 claim is re-derived here from the problem with code
//!   that shares nothing with `eligibility`, and every repair, applied here to the problem
//!   file, yields a schedule that staffs the request and passes the checker;
//! - infeasible pins: the reported rule set is minimal (each member removed in turn makes the
//!   problem solvable, all present it is not).

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{Datelike, Duration, NaiveDate};
use mtplan::checker;
use mtplan::format::parse_schedule;
use mtplan::generate::{generate, Spec};
use mtplan::model::{Level, Problem, Request, Trainer};
use mtplan::validate::parse_problem;
use serde_json::Value;

const FIX: &str = "tests/fixtures/explain";

fn mtplan(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_mtplan"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// `mtplan explain ARGS` with a re-solve limit no machine reaches: the repairs found, and so
/// the exact texts, must not depend on the machine's speed (these re-solves take milliseconds).
fn explain(args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["explain", "--time-limit", "600"];
    all.extend_from_slice(args);
    mtplan(&all)
}

fn fixture(name: &str) -> String {
    format!("{FIX}/{name}")
}

/// Solves `problem` with the CLI into `dir`, checks the schedule with the checker.
fn solve(problem: &str, dir: &Path) -> PathBuf {
    let out = dir.join("schedule.json");
    let (code, _, err) = mtplan(&[
        "solve",
        problem,
        "-q",
        "--reproducible",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let p = load(problem);
    let s = parse_schedule(&std::fs::read(&out).unwrap(), "schedule.json", &p).unwrap();
    assert!(checker::check(&p, &s).is_empty());
    out
}

fn load(path: &str) -> Problem {
    parse_problem(&std::fs::read(path).unwrap(), path)
        .unwrap()
        .problem
}

#[test]
fn every_reason_and_repair_kind_in_exact_text() {
    let dir = tempfile::tempdir().unwrap();
    let problem = fixture("kinds.json");
    let schedule = solve(&problem, dir.path());
    let (code, out, err) = explain(&[&problem, schedule.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let expected = std::fs::read_to_string(fixture("kinds.txt")).unwrap();
    assert_eq!(out, expected, "explain output changed:\n{out}");
    for code in [
        "no_allowed_start",
        "too_few_qualified",
        "too_few_eligible",
        "too_few_leads",
        "never_free_together",
        "busy_in_plan",
    ] {
        assert!(out.contains(&format!("[{code}]")), "no {code}");
    }
    for repair in [
        "widen its window",
        "allow starts on",
        "raise MZ-002's budget",
        "deliver it in",
        "accept trainers from every region",
        "give up R-10",
    ] {
        assert!(out.contains(repair), "no repair `{repair}`");
    }
}

#[test]
fn one_request_and_json_and_the_annotated_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let problem = fixture("kinds.json");
    let schedule = solve(&problem, dir.path());
    let s = schedule.to_str().unwrap();
    let (code, out, err) = explain(&[&problem, s, "--request", "R-09", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let items = v["explanations"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["request"], "R-09");
    assert_eq!(items[0]["reason"]["code"], "busy_in_plan");
    check_repairs(&problem, s, &v);
    // Unknown ids: a clear error, exit 2.
    let (code, _, err) = explain(&[&problem, s, "--request", "R-99"]);
    assert_eq!(code, 2);
    assert!(err.contains("--request R-99: no request with this id"), "{err}");
    // -o writes the schedule with the repairs among its reasons; never over an existing file.
    let annotated = dir.path().join("explained.json");
    let a = annotated.to_str().unwrap();
    let (code, _, err) = explain(&[&problem, s, "-o", a]);
    assert_eq!(code, 0, "{err}");
    let written: Value = serde_json::from_slice(&std::fs::read(&annotated).unwrap()).unwrap();
    let r09 = written["unscheduled"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["request"] == "R-09")
        .unwrap();
    let codes: Vec<&str> = r09["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(codes[0], "busy_in_plan");
    assert!(codes.iter().any(|c| c.starts_with("repair_")), "{codes:?}");
    let p = load(&problem);
    let back = parse_schedule(&std::fs::read(&annotated).unwrap(), "explained.json", &p).unwrap();
    assert!(checker::check(&p, &back).is_empty());
    let (code, _, err) = explain(&[&problem, s, "-o", a]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn default_problem_every_unstaffed_request_is_explained_and_every_claim_holds() {
    let problem = "problems/default-2027.json";
    let schedule = fixture("default-2027.schedule.json");
    let p = load(problem);
    let s = parse_schedule(&std::fs::read(&schedule).unwrap(), "schedule", &p).unwrap();
    assert!(checker::check(&p, &s).is_empty());
    // The schedule `solve` wrote already carries a reason per unstaffed request.
    assert!(!s.unscheduled.is_empty());
    assert!(s.unscheduled.iter().all(|u| !u.reasons.is_empty()));
    let (code, out, err) = explain(&[problem, &schedule, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["explanations"].as_array().unwrap().len(), s.unscheduled.len());
    check_claims(&p, &v);
    let shown = check_repairs(problem, &schedule, &v);
    assert!(shown >= s.unscheduled.len(), "only {shown} repairs");
}

#[test]
fn generated_problems_with_tight_budgets() {
    let dir = tempfile::tempdir().unwrap();
    let mut kinds = std::collections::BTreeSet::new();
    for seed in [11, 12] {
        let mut value = serde_json::to_value(generate(&Spec::new(30, 50, seed))).unwrap();
        value["policy"]["max_days"] = 12.into();
        for t in value["trainers"].as_array_mut().unwrap() {
            t.as_object_mut().unwrap().remove("max_days");
        }
        let path = dir.path().join(format!("tight-{seed}.json"));
        std::fs::write(&path, serde_json::to_vec_pretty(&value).unwrap()).unwrap();
        let problem = path.to_str().unwrap();
        let sub = dir.path().join(format!("s{seed}"));
        std::fs::create_dir(&sub).unwrap();
        let schedule = solve(problem, &sub);
        // The default re-solve limit (3 s): which repairs are found in time depends on the
        // machine, but every assertion below holds for whatever is found.
        let (code, out, err) = mtplan(&["explain", problem, schedule.to_str().unwrap(), "--format", "json"]);
        assert_eq!(code, 0, "{err}");
        let v: Value = serde_json::from_str(&out).unwrap();
        let p = load(problem);
        let s = parse_schedule(&std::fs::read(&schedule).unwrap(), "s", &p).unwrap();
        assert_eq!(v["explanations"].as_array().unwrap().len(), s.unscheduled.len());
        check_claims(&p, &v);
        check_repairs(problem, schedule.to_str().unwrap(), &v);
        for e in v["explanations"].as_array().unwrap() {
            kinds.insert(e["reason"]["code"].as_str().unwrap().to_owned());
        }
    }
    assert!(kinds.contains("busy_in_plan"), "{kinds:?}");
}

// ---------------------------------------------------------------------------------------------
// Independent re-derivation of kind-1 claims.

fn allowed_starts(p: &Problem, r: &Request) -> Vec<NaiveDate> {
    if let Some(f) = r.fixed_start {
        return if f >= p.horizon.from && f <= p.horizon.to {
            vec![f]
        } else {
            Vec::new()
        };
    }
    let days = r
        .start_weekdays
        .clone()
        .unwrap_or_else(|| p.policy.start_weekdays.clone());
    let mut out = Vec::new();
    let mut d = r.earliest_start.max(p.horizon.from);
    while d <= p.horizon.to && d + Duration::days(i64::from(r.duration_days) - 1) <= r.latest_end {
        if days.contains(&d.weekday()) {
            out.push(d);
        }
        d += Duration::days(1);
    }
    out
}

fn qualified(t: &Trainer, r: &Request) -> bool {
    t.expertise.contains_key(&r.area) && t.languages.contains(&r.language)
}

fn eligible(p: &Problem, t: &Trainer, r: &Request) -> bool {
    let region_ok = r.regions.as_ref().is_none_or(|rs| {
        p.countries
            .get(&t.country)
            .is_some_and(|c| rs.contains(&c.region))
    });
    qualified(t, r) && region_ok && (t.travels || t.country == r.host)
}

fn ace(t: &Trainer, r: &Request) -> bool {
    t.expertise.get(&r.area) == Some(&Level::Ace)
}

/// Whether some team of exactly `trainers_min` from `pool` meets leads and the country cap.
fn team_exists(p: &Problem, r: &Request, pool: &[&Trainer]) -> bool {
    fn rec(p: &Problem, r: &Request, pool: &[&Trainer], from: usize, team: &mut Vec<usize>) -> bool {
        if team.len() == r.trainers_min as usize {
            let leads = team.iter().filter(|&&i| ace(pool[i], r)).count();
            let cap = r.max_same_country.unwrap_or(u32::MAX) as usize;
            let worst = team
                .iter()
                .map(|&i| {
                    team.iter()
                        .filter(|&&j| pool[j].country == pool[i].country)
                        .count()
                })
                .max()
                .unwrap_or(0);
            return leads >= r.leads as usize && worst <= cap;
        }
        (from..pool.len()).any(|i| {
            team.push(i);
            let ok = rec(p, r, pool, i + 1, team);
            team.pop();
            ok
        })
    }
    rec(p, r, pool, 0, &mut Vec::new())
}

fn possible_alone(p: &Problem, r: &Request) -> bool {
    allowed_starts(p, r).iter().any(|&s| {
        let end = s + Duration::days(i64::from(r.duration_days) - 1);
        let pool: Vec<&Trainer> = p
            .trainers
            .iter()
            .filter(|t| eligible(p, t, r))
            .filter(|t| t.unavailable.iter().all(|u| u.to < s || u.from > end))
            .filter(|t| t.max_days.unwrap_or(p.policy.max_days) >= r.duration_days)
            .collect();
        team_exists(p, r, &pool)
    })
}

/// The number after `marker` in `text`, e.g. "; 3 exist" → 3.
fn number_before(text: &str, marker: &str) -> usize {
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("`{marker}` not in: {text}"));
    let digits: String = text[..at]
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.chars().rev().collect::<String>().parse().unwrap()
}

fn check_claims(p: &Problem, v: &Value) {
    for e in v["explanations"].as_array().unwrap() {
        let id = e["request"].as_str().unwrap();
        let r = p.requests.iter().find(|r| r.id.as_str() == id).unwrap();
        let code = e["reason"]["code"].as_str().unwrap();
        let text = e["reason"]["text"].as_str().unwrap();
        assert!(!text.is_empty());
        let q = p.trainers.iter().filter(|t| qualified(t, r)).count();
        let el = p.trainers.iter().filter(|t| eligible(p, t, r)).count();
        let aces = p
            .trainers
            .iter()
            .filter(|t| eligible(p, t, r) && ace(t, r))
            .count();
        let min = r.trainers_min as usize;
        match code {
            "no_allowed_start" => assert!(allowed_starts(p, r).is_empty(), "{id}"),
            "too_few_qualified" => {
                assert!(q < min, "{id}");
                assert_eq!(number_before(text, " exist"), q, "{id}: {text}");
            }
            "too_few_eligible" => {
                assert!(q >= min && el < min, "{id}");
                assert_eq!(number_before(text, " exist"), q, "{id}: {text}");
            }
            "too_few_leads" => {
                assert!(el >= min && aces < r.leads as usize, "{id}");
                assert_eq!(number_before(text, " of its "), aces, "{id}: {text}");
            }
            "never_free_together" => assert!(!possible_alone(p, r), "{id}"),
            "busy_in_plan" => assert!(possible_alone(p, r), "{id}"),
            other => panic!("{id}: unexpected reason {other}"),
        }
        // Every listed candidate holds the area, and its rule is true of it.
        for c in e["candidates"].as_array().unwrap() {
            let t = p
                .trainers
                .iter()
                .find(|t| t.id.as_str() == c["trainer"].as_str().unwrap())
                .unwrap();
            assert!(t.expertise.contains_key(&r.area));
            match c["rule"].as_str() {
                Some("C2") => assert!(!t.languages.contains(&r.language)),
                Some("C3" | "C4") => assert!(qualified(t, r) && !eligible(p, t, r)),
                Some("C5") | Some("C9") | None => assert!(eligible(p, t, r)),
                Some(other) => panic!("unexpected rule {other}"),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Independent application of repairs to the problem file.

fn apply(problem: &Value, request: &str, change: &Value) -> Value {
    let mut p = problem.clone();
    let reqs = p["requests"].as_array_mut().unwrap();
    let r = reqs.iter_mut().find(|r| r["id"] == request).unwrap();
    match change["kind"].as_str().unwrap() {
        "window" => {
            r["earliest_start"] = change["earliest_start"].clone();
            r["latest_end"] = change["latest_end"].clone();
        }
        "weekdays" => r["start_weekdays"] = change["start_weekdays"].clone(),
        "language" => r["language"] = change["language"].clone(),
        "region" => {
            r.as_object_mut().unwrap().remove("regions");
        }
        "budget" => {
            let id = change["trainer"].as_str().unwrap();
            trainer_mut(&mut p, id)["max_days"] = change["to"].clone();
        }
        "give_up" => {
            let gone: Vec<&Value> = change["requests"].as_array().unwrap().iter().collect();
            p["requests"]
                .as_array_mut()
                .unwrap()
                .retain(|r| !gone.contains(&&r["id"]));
            if let Some(pins) = p.get_mut("pinned").and_then(|x| x.as_array_mut()) {
                pins.retain(|pin| !gone.contains(&&pin["request"]));
            }
        }
        other => panic!("unknown change {other}"),
    }
    p
}

/// Applies every repair to the problem and checks its schedule; returns how many there were.
fn check_repairs(problem_path: &str, schedule_path: &str, v: &Value) -> usize {
    let problem: Value = serde_json::from_slice(&std::fs::read(problem_path).unwrap()).unwrap();
    let original = load(problem_path);
    let current = parse_schedule(&std::fs::read(schedule_path).unwrap(), "schedule", &original).unwrap();
    let before = checker::recompute(&original, &current);
    let mut n = 0;
    for e in v["explanations"].as_array().unwrap() {
        let id = e["request"].as_str().unwrap();
        let repairs = e["repairs"].as_array().unwrap();
        assert!(repairs.len() <= 3);
        for rep in repairs {
            let changed = apply(&problem, id, &rep["change"]);
            let bytes = serde_json::to_vec(&changed).unwrap();
            let p = parse_problem(&bytes, "changed.json")
                .unwrap_or_else(|e| panic!("{id}: changed problem invalid: {e:?}"))
                .problem;
            let schedule = serde_json::json!({ "scheduled": rep["scheduled"] });
            let s = parse_schedule(&serde_json::to_vec(&schedule).unwrap(), "repair", &p).unwrap();
            let violations = checker::check(&p, &s);
            assert!(violations.is_empty(), "{id} {}: {violations:#?}", rep["text"]);
            assert!(
                s.scheduled.iter().any(|a| a.request.as_str() == id),
                "{id}: not staffed"
            );
            let after = checker::recompute(&p, &s);
            assert_eq!(
                after.coverage as i64 - before.coverage as i64,
                rep["coverage_delta"].as_i64().unwrap()
            );
            assert_eq!(
                after.cost as i64 - before.cost as i64,
                rep["cost_delta"].as_i64().unwrap()
            );
            n += 1;
        }
    }
    n
}

// ---------------------------------------------------------------------------------------------
// Infeasible pins: the reported set is minimal.

/// The trainer with this id in a problem file.
fn trainer_mut<'a>(p: &'a mut Value, id: &str) -> &'a mut Value {
    p["trainers"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|t| t["id"] == id)
        .unwrap()
}

/// Removes one member of the reported set from the problem file.
fn relax(problem: &Value, member: &str) -> Value {
    let mut p = problem.clone();
    if let Some(rest) = member.strip_prefix("pinned[") {
        let i: usize = rest[..rest.find(']').unwrap()].parse().unwrap();
        p["pinned"].as_array_mut().unwrap().remove(i);
    } else if let Some(rest) = member.strip_prefix("budget (C9): ") {
        let id = rest.split(' ').next().unwrap();
        let t = trainer_mut(&mut p, id);
        t["max_days"] = 366.into();
        p["policy"]["max_days"] = 366.into();
    } else if let Some(rest) = member.strip_prefix("unavailable (C5): ") {
        let id = rest.split(' ').next().unwrap();
        let from = rest
            .split(" is unavailable ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap();
        let t = trainer_mut(&mut p, id);
        t["unavailable"]
            .as_array_mut()
            .unwrap()
            .retain(|u| u["from"] != from);
    } else {
        panic!("unknown member: {member}");
    }
    p
}

#[test]
fn infeasible_pins_name_a_minimal_set_of_rules() {
    let dir = tempfile::tempdir().unwrap();
    for (name, size) in [
        ("pins-overlap.json", 2),
        ("pins-budget.json", 3),
        ("pins-unavailable.json", 3),
    ] {
        let path = fixture(name);
        let (code, _, err) = mtplan(&["solve", &path, "-q"]);
        assert_eq!(code, 3, "{name}: {err}");
        let members: Vec<&str> = err
            .lines()
            .filter(|l| l.starts_with("    "))
            .map(|l| l.trim())
            .collect();
        assert_eq!(members.len(), size, "{name}: {err}");
        assert!(
            err.contains(&format!("these {size} rule(s) cannot all hold")),
            "{err}"
        );
        let problem: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        for m in &members {
            let relaxed = relax(&problem, m);
            let file = dir.path().join("relaxed.json");
            std::fs::write(&file, serde_json::to_vec_pretty(&relaxed).unwrap()).unwrap();
            let out = dir.path().join("relaxed-schedule.json");
            let (code, _, err) = mtplan(&[
                "solve",
                file.to_str().unwrap(),
                "-q",
                "--force",
                "-o",
                out.to_str().unwrap(),
            ]);
            assert_eq!(code, 0, "{name} without `{m}` should be solvable: {err}");
            let p = load(file.to_str().unwrap());
            let s = parse_schedule(&std::fs::read(&out).unwrap(), "s", &p).unwrap();
            assert!(checker::check(&p, &s).is_empty());
        }
    }
}

#[test]
fn clashing_pins_exact_text() {
    let (code, _, err) = mtplan(&["solve", &fixture("pins-overlap.json"), "-q"]);
    assert_eq!(code, 3);
    assert_eq!(
        err,
        "error: tests/fixtures/explain/pins-overlap.json: the problem has no valid schedule
  these 2 rule(s) cannot all hold (windows, gaps between trainings and team rules apply); without any one of them the rest can:
    pinned[1]: TZ-002 on R-1 (6 day(s), window 2027-03-01 … 2027-03-12)
    pinned[2]: TZ-002 on R-2 starting 2027-03-08 (5 day(s), window 2027-03-08 … 2027-03-19)
  fix: remove or move one of the pins, or change the budget or dates named
"
    );
}

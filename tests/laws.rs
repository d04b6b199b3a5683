//! Laws every schedule must obey, checked on many random problems:
//! - on tiny problems the solver's objective equals an exhaustive enumeration's, and the
//!   solver says infeasible exactly when the enumeration finds no valid schedule;
//! - every schedule passes the independent checker;
//! - the same input gives the same bytes; shuffling input order keeps the objective;
//! - adding a trainer never lowers coverage.
//!
//! The enumeration uses only the checker, never the solver or the eligibility filter.

use chrono::{Days, NaiveDate};
use mtplan::checker;
use mtplan::format::schedule_to_json;
use mtplan::model::{Assignment, Objective, Problem, Schedule, Status, TrainerId};
use mtplan::solver::{self, SolveError};
use mtplan::validate::parse_problem;
use proptest::prelude::*;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{json, Value};

const COUNTRIES: [&str; 4] = ["KE", "UG", "MZ", "SN"];
const DAYS: [&str; 5] = ["mon", "tue", "wed", "thu", "fri"];

fn day(offset: u64) -> String {
    (NaiveDate::from_ymd_opt(2027, 3, 1).unwrap() + Days::new(offset)).to_string()
}

/// A tiny random problem: 2–4 trainers, 1–3 requests, a four-week horizon.
fn tiny(seed: u64) -> Value {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let trainers: Vec<Value> = (0..rng.gen_range(2..=4))
        .map(|i| tiny_trainer(&mut rng, i))
        .collect();
    let requests: Vec<Value> = (0..rng.gen_range(1..=3))
        .map(|i| tiny_request(&mut rng, i))
        .collect();
    let count = rng.gen_range(1..=3);
    let mut weekdays: Vec<&str> = DAYS.choose_multiple(&mut rng, count).copied().collect();
    weekdays.sort();
    let mut p = json!({
        "name": format!("tiny {seed}"),
        "horizon": {"start": day(0), "end": day(27)},
        "policy": {"min_gap_days": rng.gen_range(0..=2), "max_days": rng.gen_range(3..=8), "start_weekdays": weekdays},
        "trainers": trainers,
        "requests": requests,
    });
    if rng.gen_bool(0.3) {
        let t = format!("T{}", rng.gen_range(0..p["trainers"].as_array().unwrap().len()));
        let r = format!("R{}", rng.gen_range(0..p["requests"].as_array().unwrap().len()));
        p["pinned"] = json!([{"request": r, "trainer": t}]);
    }
    if rng.gen_bool(0.3) {
        p["travel_costs"] = json!([{"from": "KE", "to": "MZ", "cost": rng.gen_range(100..2000)}]);
    }
    p
}

fn tiny_trainer(rng: &mut ChaCha8Rng, i: usize) -> Value {
    let langs: Vec<&str> = match rng.gen_range(0..3) {
        0 => vec!["en"],
        1 => vec!["fr"],
        _ => vec!["en", "fr"],
    };
    let mut expertise = vec![json!({"area": "hs", "level": if rng.gen_bool(0.3) { "ace" } else { "mt" }})];
    if rng.gen_bool(0.5) {
        expertise.push(json!({"area": "roo", "level": if rng.gen_bool(0.3) { "ace" } else { "mt" }}));
    }
    let mut t = json!({
        "id": format!("T{i}"), "name": format!("Trainer {i}"),
        "country": COUNTRIES[rng.gen_range(0..4)], "languages": langs, "expertise": expertise,
        "travels": rng.gen_bool(0.8),
    });
    if rng.gen_bool(0.4) {
        t["max_days"] = json!(rng.gen_range(2..=8));
    }
    if rng.gen_bool(0.4) {
        let from = rng.gen_range(0..24);
        t["unavailable"] = json!([{"from": day(from), "to": day(from + rng.gen_range(0..5))}]);
    }
    t
}

fn tiny_request(rng: &mut ChaCha8Rng, i: usize) -> Value {
    let duration = rng.gen_range(1..=4u64);
    let earliest = rng.gen_range(0..14u64);
    let latest_end = earliest + duration - 1 + rng.gen_range(0..=7);
    let min = rng.gen_range(1..=2);
    let mut r = json!({
        "id": format!("R{i}"), "title": format!("Request {i}"), "kind": "national",
        "host": COUNTRIES[rng.gen_range(0..4)], "organiser": "test",
        "area": if rng.gen_bool(0.7) { "hs" } else { "roo" }, "language": if rng.gen_bool(0.7) { "en" } else { "fr" },
        "duration_days": duration, "earliest_start": day(earliest), "latest_end": day(latest_end),
        "trainers": {"min": min, "max": min + rng.gen_range(0..=1)},
        "priority": rng.gen_range(1..=3),
        "leads": u32::from(rng.gen_bool(0.2)),
    });
    if rng.gen_bool(0.2) {
        r["regions"] = json!(["East Africa"]);
    }
    if rng.gen_bool(0.2) {
        r["max_same_country"] = json!(1);
    }
    if rng.gen_bool(0.2) {
        r["fixed_start"] = json!(day(
            earliest + rng.gen_range(0..=latest_end + 1 - duration - earliest)
        ));
    }
    if rng.gen_bool(0.2) {
        r["start_weekdays"] = json!(["tue", "thu"]);
    }
    r
}

fn load(value: &Value) -> Problem {
    let bytes = serde_json::to_vec(value).unwrap();
    parse_problem(&bytes, "test.json")
        .unwrap_or_else(|e| panic!("generated problem is invalid: {e}"))
        .problem
}

fn subsets(n: usize, min: usize, max: usize) -> Vec<Vec<usize>> {
    (0u32..1 << n)
        .filter(|m| (min..=max).contains(&(m.count_ones() as usize)))
        .map(|m| (0..n).filter(|i| m & (1 << i) != 0).collect())
        .collect()
}

fn schedule_of(assignments: Vec<Assignment>) -> Schedule {
    Schedule {
        status: Status::Feasible,
        objective: None,
        bound: None,
        gap: None,
        scheduled: assignments,
        unscheduled: Vec::new(),
        settings: None,
        backups: None,
    }
}

/// Every way to staff request `r` alone that the checker accepts (pins aside).
fn options_of(p: &Problem, r: usize) -> Vec<Assignment> {
    let req = &p.requests[r];
    let mut out = Vec::new();
    let mut start = req.earliest_start;
    while start <= req.latest_end {
        let end = start + Days::new(u64::from(req.duration_days) - 1);
        for team in subsets(
            p.trainers.len(),
            req.trainers_min as usize,
            req.trainers_max as usize,
        ) {
            let trainers: Vec<TrainerId> = team.iter().map(|&t| p.trainers[t].id.clone()).collect();
            let a = Assignment {
                request: req.id.clone(),
                start,
                end,
                trainers,
            };
            let alone = checker::check(p, &schedule_of(vec![a.clone()]));
            if alone.iter().all(|v| v.rule == checker::Rule::C10Pin) {
                out.push(a);
            }
        }
        start = start + Days::new(1);
    }
    out
}

/// The lexicographic optimum over all valid schedules, by enumeration; `None` when none is valid.
fn brute_force(p: &Problem) -> Option<Objective> {
    let options: Vec<Vec<Assignment>> = (0..p.requests.len()).map(|r| options_of(p, r)).collect();
    let mut best: Option<Objective> = None;
    let mut chosen = Vec::new();
    enumerate(p, &options, 0, &mut chosen, &mut best);
    best
}

fn enumerate(
    p: &Problem,
    options: &[Vec<Assignment>],
    r: usize,
    chosen: &mut Vec<Assignment>,
    best: &mut Option<Objective>,
) {
    if r == options.len() {
        let s = schedule_of(chosen.clone());
        if checker::check(p, &s).is_empty() {
            let o = checker::recompute(p, &s);
            let better = best.is_none_or(|b| {
                (o.coverage, std::cmp::Reverse(o.cost)) > (b.coverage, std::cmp::Reverse(b.cost))
            });
            if better {
                *best = Some(o);
            }
        }
        return;
    }
    enumerate(p, options, r + 1, chosen, best);
    for a in &options[r] {
        chosen.push(a.clone());
        enumerate(p, options, r + 1, chosen, best);
        chosen.pop();
    }
}

fn solve_checked(p: &Problem) -> Result<Schedule, SolveError> {
    let s = solver::solve(p, &solver::Options::default())?;
    let violations = checker::check(p, &s);
    assert!(
        violations.is_empty(),
        "solver schedule breaks rules: {violations:#?}"
    );
    Ok(s)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, .. ProptestConfig::default() })]

    #[test]
    fn tiny_problems_match_exhaustive_enumeration(seed in any::<u64>()) {
        let value = tiny(seed);
        let p = load(&value);
        let expected = brute_force(&p);
        match (solve_checked(&p), expected) {
            (Ok(s), Some(e)) => {
                prop_assert_eq!(s.status, Status::Optimal);
                prop_assert_eq!(s.objective, Some(e), "problem: {}", value);
            }
            (Err(SolveError::Infeasible(_)), None) => {}
            (got, e) => prop_assert!(false, "solver {:?} but enumeration {:?} on {}", got.map(|s| s.objective), e, value),
        }
    }
}

fn generated(trainers: usize, requests: usize, seed: u64) -> Value {
    serde_json::to_value(mtplan::generate::generate(&mtplan::generate::Spec::new(
        trainers, requests, seed,
    )))
    .unwrap()
}

#[test]
fn same_input_gives_same_bytes() {
    let p = load(&generated(30, 45, 3));
    let once = schedule_to_json(&p, &solve_checked(&p).unwrap(), false);
    let twice = schedule_to_json(&p, &solve_checked(&p).unwrap(), false);
    assert_eq!(once, twice);
}

#[test]
fn shuffling_input_order_keeps_the_objective() {
    let value = generated(40, 60, 4);
    let base = solve_checked(&load(&value)).unwrap().objective;
    let mut rng = ChaCha8Rng::seed_from_u64(99);
    for _ in 0..3 {
        let mut shuffled = value.clone();
        shuffled["trainers"].as_array_mut().unwrap().shuffle(&mut rng);
        shuffled["requests"].as_array_mut().unwrap().shuffle(&mut rng);
        assert_eq!(solve_checked(&load(&shuffled)).unwrap().objective, base);
    }
}

#[test]
fn adding_a_trainer_never_lowers_coverage() {
    for seed in 0..4 {
        let value = generated(25, 50, seed);
        let before = solve_checked(&load(&value)).unwrap().objective.unwrap();
        let mut more = value.clone();
        let trainers = more["trainers"].as_array_mut().unwrap();
        let mut extra = trainers[seed as usize].clone();
        extra["id"] = json!("EXTRA-001");
        trainers.push(extra);
        let after = solve_checked(&load(&more)).unwrap().objective.unwrap();
        assert!(
            after.coverage >= before.coverage,
            "seed {seed}: {after:?} < {before:?}"
        );
    }
}

/// The tiny problems must exercise the solver: many staff something, some cost money, some
/// are infeasible through pins, some leave requests unstaffed. Otherwise the enumeration law
/// above would pass trivially.
#[test]
fn tiny_problems_are_varied_and_match_enumeration() {
    let (mut staffed, mut costly, mut infeasible, mut partial) = (0, 0, 0, 0);
    for seed in 0..200 {
        let p = load(&tiny(seed));
        let expected = brute_force(&p);
        match solve_checked(&p) {
            Ok(s) => {
                let o = s.objective.unwrap();
                assert_eq!(Some(o), expected, "seed {seed}");
                staffed += usize::from(o.coverage > 0);
                costly += usize::from(o.cost > 0);
                partial += usize::from(!s.unscheduled.is_empty() && !s.scheduled.is_empty());
            }
            Err(SolveError::Infeasible(_)) => {
                assert_eq!(expected, None, "seed {seed}");
                infeasible += 1;
            }
            Err(e) => panic!("seed {seed}: {e}"),
        }
    }
    assert!(
        staffed > 60 && costly > 30 && infeasible > 5 && partial > 20,
        "{staffed} {costly} {infeasible} {partial}"
    );
}

//! The generator's families: each draws what its name promises, and on every family the
//! default method (LP bound, dives, polish, neighbourhood search, reduced-cost rounds) proves
//! the optimum the plain baseline proves, with schedules the independent checker accepts.

use mtplan::checker;
use mtplan::generate::{generate, Spec, FAMILIES};
use mtplan::model::{Objective, Problem, Status};
use mtplan::solver::{self, formulation::Kind};
use mtplan::validate::parse_problem;
use serde_json::Value;

fn family(name: &str, trainers: usize, requests: usize, seed: u64) -> Value {
    let spec = Spec::family(name, trainers, requests, seed).unwrap_or_else(|| panic!("no family {name}"));
    serde_json::to_value(generate(&spec)).unwrap()
}

fn problem(v: &Value) -> Problem {
    parse_problem(&serde_json::to_vec(v).unwrap(), "family.json")
        .unwrap()
        .problem
}

fn optimum(problem: &Problem, formulation: Kind, what: &str) -> Objective {
    let options = solver::Options {
        formulation,
        ..solver::Options::default()
    };
    let schedule = solver::solve(problem, &options).unwrap();
    let violations = checker::check(problem, &schedule);
    assert!(violations.is_empty(), "{what} {formulation:?}: {violations:#?}");
    assert_eq!(schedule.status, Status::Optimal, "{what} {formulation:?}");
    schedule.objective.unwrap()
}

#[test]
fn every_family_proves_the_plain_optimum() {
    for (name, _) in FAMILIES {
        for (trainers, requests, seed) in [(30, 45, 1), (45, 60, 2)] {
            let p = problem(&family(name, trainers, requests, seed));
            let what = format!("{name} {trainers}x{requests} seed {seed}");
            assert_eq!(
                optimum(&p, Kind::Cliques, &what),
                optimum(&p, Kind::Plain, &what),
                "{what}"
            );
        }
    }
}

#[test]
fn loose_is_the_generator_without_a_family() {
    let plain = serde_json::to_value(generate(&Spec::new(40, 60, 3))).unwrap();
    let mut loose = family("loose", 40, 60, 3);
    // Only the name says which family drew the problem.
    loose["name"] = plain["name"].clone();
    assert_eq!(plain, loose);
}

fn budgets(v: &Value) -> Vec<u64> {
    let policy = v["policy"]["max_days"].as_u64().unwrap();
    v["trainers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["max_days"].as_u64().unwrap_or(policy))
        .collect()
}

fn requests(v: &Value) -> &Vec<Value> {
    v["requests"].as_array().unwrap()
}

fn team(r: &Value) -> (u64, u64) {
    match &r["trainers"] {
        Value::Number(n) => (n.as_u64().unwrap(), n.as_u64().unwrap()),
        t => (t["min"].as_u64().unwrap(), t["max"].as_u64().unwrap()),
    }
}

#[test]
fn each_family_draws_what_its_name_says() {
    let (trainers, requests_n) = (120, 160);
    let loose = family("loose", trainers, requests_n, 1);
    let tight = family("tight", trainers, requests_n, 1);
    assert!(
        budgets(&tight).iter().all(|&d| d <= 30),
        "tight budgets are 10-30 days"
    );
    let mean = |v: &Value| budgets(v).iter().sum::<u64>() as f64 / trainers as f64;
    assert!(
        mean(&tight) < 0.7 * mean(&loose),
        "{} vs {}",
        mean(&tight),
        mean(&loose)
    );

    let fares = family("fares", trainers, requests_n, 1);
    let table = fares["travel_costs"]
        .as_array()
        .expect("a fare per pair of countries");
    assert!(table.len() > 20, "{} fares", table.len());
    assert!(loose.get("travel_costs").is_none());

    let teams = family("teams", trainers, requests_n, 1);
    let big = requests(&teams).iter().filter(|r| team(r).1 >= 3).count();
    let leads = requests(&teams)
        .iter()
        .filter(|r| r.get("leads").is_some())
        .count();
    assert!(big * 10 >= requests_n, "{big} requests for teams of 3");
    assert!(leads * 5 >= requests_n, "{leads} requests with a lead");

    let fixed = family("fixed", trainers, requests_n, 1);
    let pinned = |v: &Value| {
        requests(v)
            .iter()
            .filter(|r| r.get("fixed_start").is_some())
            .count()
    };
    assert!(pinned(&fixed) * 10 >= requests_n * 7, "{} fixed", pinned(&fixed));
    assert!(
        pinned(&loose) * 2 < requests_n,
        "{} fixed in loose",
        pinned(&loose)
    );

    // Every family's problem loads without an error.
    for (name, _) in FAMILIES {
        problem(&family(name, 60, 80, 2));
    }
}

//! `--balance`: after cost, the largest share of a trainer's budget used is minimised, then the
//! trainers who deliver are maximised, with the cost allowed to rise by `--cost-slack`. Laws:
//! the schedule passes the checker; coverage stays at its optimum; the cost stays within the
//! slack of the optimum; the largest share is no larger than without the flag; the tier is
//! proven or its bound is reported below it.

use mtplan::model::{Problem, Shares, Status};
use mtplan::{checker, plan, solver};

fn default_problem() -> Problem {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/problems/default-2027.json");
    mtplan::input::load_problem(path.as_ref())
        .expect("default")
        .problem
}

fn laws(p: &Problem, limit: f64) {
    let plain = plan::solve(p, &solver::Options::default()).expect("solves");
    assert_eq!(plain.status, Status::Optimal, "the reference cost is the optimum");
    let options = solver::Options {
        balance: Some(0.02),
        time_limit: Some(limit),
        ..solver::Options::default()
    };
    let balanced = plan::solve(p, &options).expect("solves");
    assert!(checker::check(p, &balanced).is_empty());
    let (a, b) = (plain.objective.expect("o"), balanced.objective.expect("o"));
    assert_eq!(a.coverage, b.coverage, "coverage stays optimal");
    assert!(
        b.cost as f64 <= a.cost as f64 * 1.02 + 1e-6,
        "cost {} within 2% of {}",
        b.cost,
        a.cost
    );
    let (before, after) = (Shares::of(p, &plain), Shares::of(p, &balanced));
    assert!(
        after.largest <= before.largest + 1e-9,
        "{after:?} against {before:?}"
    );
    let proof = balanced
        .settings
        .as_ref()
        .and_then(|s| s.balance)
        .expect("balance reported");
    assert!(
        (proof.largest_share - after.largest).abs() < 1e-6,
        "{proof:?} against {after:?}"
    );
    assert!(proof.largest_share_bound <= proof.largest_share + 1e-9);
    assert_eq!(proof.active as usize, after.trainers - after.idle);
    assert!(proof.active_bound >= proof.active as f64);
    let proven = proof.largest_share - proof.largest_share_bound < 1e-6
        && proof.active_bound - proof.active as f64 <= 1e-6;
    assert_eq!(
        balanced.status == Status::Optimal,
        proven && balanced.gap.is_some_and(|g| g.cost <= 0.02 + 1e-9),
        "optimal exactly when every tier is proven: {proof:?}"
    );
}

#[test]
fn balance_keeps_coverage_and_cost_within_the_slack_on_the_default_problem() {
    laws(&default_problem(), 60.0);
}

#[test]
fn balance_keeps_its_laws_on_a_generated_problem() {
    let file = mtplan::generate::generate(&mtplan::generate::Spec::new(30, 40, 2));
    let json = serde_json::to_string(&file).expect("json");
    let p = mtplan::validate::parse_problem(json.as_bytes(), "gen.json")
        .expect("valid")
        .problem;
    laws(&p, 30.0);
}

//! The `cliques` formulation (presolved starts, interval cliques, warm starts) and the `plain`
//! baseline (every start, one C8 row per trainer and day) prove the same optimum.

use mtplan::checker;
use mtplan::generate::{generate, Spec};
use mtplan::model::{Objective, Problem, Status};
use mtplan::solver::{self, formulation::Kind};
use mtplan::validate::parse_problem;

fn generated(trainers: usize, requests: usize, seed: u64) -> Problem {
    let bytes = serde_json::to_vec(&generate(&Spec::new(trainers, requests, seed))).unwrap();
    parse_problem(&bytes, "generated.json").unwrap().problem
}

fn optimum(problem: &Problem, formulation: Kind) -> Objective {
    let options = solver::Options {
        formulation,
        ..solver::Options::default()
    };
    let schedule = solver::solve(problem, &options).unwrap();
    let violations = checker::check(problem, &schedule);
    assert!(violations.is_empty(), "{formulation:?}: {violations:#?}");
    assert_eq!(schedule.status, Status::Optimal);
    assert_eq!(schedule.settings.unwrap().formulation, formulation.code());
    schedule.objective.unwrap()
}

#[test]
fn both_formulations_agree_on_small_and_medium_problems() {
    for (trainers, requests, seed) in [(12, 20, 1), (20, 30, 2), (30, 45, 3), (70, 100, 4)] {
        let p = generated(trainers, requests, seed);
        assert_eq!(
            optimum(&p, Kind::Cliques),
            optimum(&p, Kind::Plain),
            "{trainers}x{requests} seed {seed}"
        );
    }
}

#[test]
fn both_formulations_agree_with_tight_budgets_and_pins() {
    let mut value = serde_json::to_value(generate(&Spec::new(25, 40, 8))).unwrap();
    value["policy"]["max_days"] = serde_json::json!(8);
    let first = value["requests"][0].clone();
    let problem = parse_problem(&serde_json::to_vec(&value).unwrap(), "p.json")
        .unwrap()
        .problem;
    // Pin the first request to one of its eligible trainers, when it has any.
    let eligible = mtplan::eligibility::potential(&problem, &problem.requests[0]).staffable;
    if let Some((_, free)) = eligible.first() {
        let trainer = &problem.trainers[free[0]].id;
        value["pinned"] = serde_json::json!([{"request": first["id"], "trainer": trainer.as_str()}]);
    }
    let p = parse_problem(&serde_json::to_vec(&value).unwrap(), "p.json")
        .unwrap()
        .problem;
    assert!(!p.pins.is_empty(), "the test needs a pin");
    assert_eq!(optimum(&p, Kind::Cliques), optimum(&p, Kind::Plain));
}

/// On these problems HiGHS 1.16 misplaces the objective offset of a warm-started cost tier
/// after presolve (the retry that works around it is reached and tested by the unit test
/// `a_lost_objective_offset_is_caught_and_solved_again_without_presolve` in the solver's HiGHS
/// adapter). The LP-guided tiers give their restricted MIPs no start, so this end-to-end test
/// now guards what the user sees: both formulations prove the same optimum here.
#[test]
fn warm_start_objective_offset_bug_is_worked_around() {
    for seed in [1, 2, 3, 9] {
        let p = generated(20, 30, seed);
        assert_eq!(
            optimum(&p, Kind::Cliques),
            optimum(&p, Kind::Plain),
            "20x30 seed {seed}"
        );
    }
}

/// With monolingual trainers the problem falls apart into one part per working language; the
/// decomposed solve (parts in parallel) proves the same optimum as the plain whole model.
#[test]
fn decomposed_parts_give_the_whole_optimum() {
    let mut value = serde_json::to_value(generate(&Spec::new(40, 60, 6))).unwrap();
    for t in value["trainers"].as_array_mut().unwrap() {
        let first = t["languages"][0].clone();
        t["languages"] = serde_json::json!([first]);
    }
    let p = parse_problem(&serde_json::to_vec(&value).unwrap(), "p.json")
        .unwrap()
        .problem;
    let schedule = solver::solve(&p, &solver::Options::default()).unwrap();
    assert!(checker::check(&p, &schedule).is_empty());
    assert!(
        schedule.settings.as_ref().unwrap().parts >= 3,
        "expected one part per language"
    );
    assert_eq!(schedule.status, Status::Optimal);
    assert_eq!(schedule.objective.unwrap(), optimum(&p, Kind::Plain));
    assert_eq!(
        schedule.scheduled.len() + schedule.unscheduled.len(),
        p.requests.len()
    );
}

/// Above `max_seats` the model is built on the cheapest few trainers per start (coverage, then
/// the schedule completed over every seat, then cost). Its schedule must still be valid, and the bounds it reports must hold for the whole problem: never below
/// the true optimum coverage, never above the true optimum cost.
#[test]
fn a_restricted_model_reports_bounds_of_the_whole_problem() {
    let tight = |t, r, seed| {
        let spec = Spec::family("tight", t, r, seed).unwrap();
        let bytes = serde_json::to_vec(&generate(&spec)).unwrap();
        parse_problem(&bytes, "tight.json").unwrap().problem
    };
    // The last problem has independent parts, each solved on its own restriction.
    let problems = [
        generated(70, 100, 4),
        generated(70, 100, 5),
        tight(60, 90, 1),
        tight(50, 70, 3),
    ];
    for (i, p) in problems.into_iter().enumerate() {
        let full = optimum(&p, Kind::Cliques);
        let options = solver::Options {
            max_seats: 100,
            ..solver::Options::default()
        };
        let s = solver::solve(&p, &options).unwrap();
        assert!(checker::check(&p, &s).is_empty());
        let settings = s.settings.as_ref().unwrap();
        assert_eq!(settings.formulation, "cliques-restricted");
        assert_eq!(settings.parts > 1, i == 3, "{} parts", settings.parts);
        let (o, b) = (s.objective.unwrap(), s.bound.unwrap());
        assert!(
            o.coverage <= full.coverage && b.coverage >= full.coverage as f64,
            "{o:?} {b:?} {full:?}"
        );
        if o.coverage == full.coverage {
            assert!(
                o.cost >= full.cost && b.cost <= full.cost as f64,
                "{o:?} {b:?} {full:?}"
            );
        }
        if s.status == Status::Optimal {
            assert_eq!(o, full);
        }
    }
}

/// Completing a schedule over every seat keeps each of its assignments and staffs requests it
/// left out: here the requests of every third assignment, dropped from a proven schedule of a
/// problem whose day budgets bind.
#[test]
fn completing_a_schedule_keeps_it_and_staffs_what_it_left_out() {
    let spec = Spec::family("tight", 40, 60, 2).unwrap();
    let bytes = serde_json::to_vec(&generate(&spec)).unwrap();
    let p = parse_problem(&bytes, "tight.json").unwrap().problem;
    let full = solver::solve(&p, &solver::Options::default()).unwrap();
    let mut cut = full.clone();
    let dropped: Vec<_> = cut.scheduled.iter().step_by(3).cloned().collect();
    cut.scheduled.retain(|a| !dropped.contains(a));
    let objective = cut.objective.as_mut().unwrap();
    for a in &dropped {
        let r = p.requests.iter().find(|r| r.id == a.request).unwrap();
        objective.coverage -= u64::from(r.priority);
        let team = a.trainers.iter().filter_map(|t| p.trainer(t));
        objective.cost -= team.map(|t| p.assignment_cost(t, r)).sum::<u64>();
    }
    let before = objective.coverage;
    let verified = |s: &mtplan::model::Schedule| assert_eq!(checker::check(&p, s), vec![]);
    verified(&cut);
    let space = solver::space::Space::build(&p, true);
    let completed = solver::restrict::complete(&p, &space, &mut cut).unwrap();
    assert!(completed.rose);
    verified(&cut);
    let after = cut.objective.unwrap().coverage;
    assert!(
        after > before && after <= full.objective.unwrap().coverage,
        "{before} -> {after}"
    );
    for a in &full.scheduled {
        if !dropped.contains(a) {
            assert!(cut.scheduled.contains(a), "{a:?} was changed");
        }
    }
}

/// A warm start from a schedule of another version of the problem (one busy trainer gone) keeps
/// what still fits and proves the same optimum as a cold start.
#[test]
fn warm_start_from_a_changed_problem_proves_the_same_optimum() {
    for seed in [3, 4] {
        let base = generated(40, 60, seed);
        let options = solver::Options::default();
        let base_schedule = solver::solve(&base, &options).unwrap();
        assert!(checker::check(&base, &base_schedule).is_empty());
        let busiest = base
            .trainers
            .iter()
            .max_by_key(|t| {
                base_schedule
                    .scheduled
                    .iter()
                    .filter(|a| a.trainers.contains(&t.id))
                    .count()
            })
            .unwrap()
            .id
            .clone();
        let mut changed = base.clone();
        changed.trainers.retain(|t| t.id != busiest);
        changed.pins.retain(|p| p.trainer != busiest);
        let cold = optimum(&changed, Kind::Cliques);
        let warm = solver::Options {
            warm_start: Some(std::sync::Arc::new(base_schedule)),
            ..solver::Options::default()
        };
        let s = solver::solve(&changed, &warm).unwrap();
        assert!(checker::check(&changed, &s).is_empty());
        assert_eq!(s.status, Status::Optimal);
        assert_eq!(s.objective.unwrap(), cold, "seed {seed}");
    }
}

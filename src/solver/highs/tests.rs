//! The adapter against HiGHS itself.

use super::*;
use crate::solver::budget::{Budget, Interrupt};
use crate::solver::{formulation, greedy, space::Space};

fn generated(trainers: usize, requests: usize, seed: u64) -> crate::model::Problem {
    crate::solver::tests::generated(&crate::generate::Spec::new(trainers, requests, seed))
}

/// A generated problem, its space and cliques formulation, a budget without limit and the
/// problem's coverage objective: what every test here starts from.
struct Case {
    p: crate::model::Problem,
    space: Space,
    f: Formulation,
    budget: Budget,
    coverage: Linear,
}

fn case(trainers: usize, requests: usize, seed: u64) -> Case {
    let p = generated(trainers, requests, seed);
    let space = Space::build(&p, true);
    let f = formulation::build(&p, &space, formulation::Kind::Cliques);
    let coverage = f.coverage(&p, &space);
    let budget = Budget::new(None, Interrupt::new());
    Case {
        p,
        space,
        f,
        budget,
        coverage,
    }
}

fn settings() -> Settings {
    Settings {
        threads: 1,
        ..Settings::default()
    }
}

/// Regression for HiGHS 1.16's lost objective offset: the cost tier of a generated 20 × 30
/// problem, warm-started from its coverage tier's schedule with presolve on, comes back with an
/// objective that disagrees with its own solution (the first attempt is inconsistent: if a
/// HiGHS upgrade fixes this, the test says so and the retry can go). `TierModel::solve`
/// retries without presolve and returns a proven, consistent optimum.
#[test]
fn a_lost_objective_offset_is_caught_and_solved_again_without_presolve() {
    let Case {
        p,
        space,
        f,
        budget,
        coverage,
    } = case(20, 30, 1);
    let warm = greedy::greedy(&p, &space, None).map(|g| f.columns.point(&g.options, &g.seats));
    let progress = Progress::off();
    let mut tier1 = TierModel::build(
        &f,
        f.rows.clone(),
        Vec::new(),
        coverage.clone(),
        TierKind::Coverage,
        &settings(),
        progress,
        true,
    )
    .unwrap();
    let run = |start| Run {
        fixed: &[],
        start,
        presolve: true,
        gap: 0.0,
        max_nodes: None,
        jump: true,
        budget: &budget,
    };
    let Outcome::Solved {
        values, objective, ..
    } = tier1.solve(&f, &run(warm.as_deref())).unwrap()
    else {
        panic!("the coverage tier has a solution");
    };
    let rows = vec![crate::solver::rows::Row::at_least(
        crate::solver::rows::Rule::Tier,
        coverage.clone(),
        objective.round(),
    )];
    let mut tier2 = TierModel::build(
        &f,
        rows,
        Vec::new(),
        f.cost(&space),
        TierKind::Cost,
        &settings(),
        progress,
        true,
    )
    .unwrap();
    let first = tier2.attempt(&f, &run(Some(&values)), false).unwrap();
    assert!(
        matches!(first, Attempt::Inconsistent(_)),
        "HiGHS no longer loses the offset here: the retry in TierModel::solve may be unneeded"
    );
    let Outcome::Solved {
        values,
        objective,
        bound,
    } = tier2.solve(&f, &run(Some(&values))).unwrap()
    else {
        panic!("the cost tier has a solution");
    };
    assert_eq!(objective, tier2.value(&values));
    assert!(
        (bound - objective).abs() < 0.5,
        "proven: bound {bound}, cost {objective}"
    );
    let schedule = crate::solver::solve(&p, &crate::solver::Options::default()).unwrap();
    assert_eq!(schedule.objective.map(|o| o.cost as f64), Some(objective));
}

/// A model run many times gives the same answer each time: fixed columns are released and the
/// solver's state cleared between runs.
#[test]
fn a_reused_model_answers_as_a_new_one() {
    let Case {
        f, budget, coverage, ..
    } = case(20, 30, 2);
    let build = || milp(&f, coverage.clone(), TierKind::Coverage);
    let free = exact(&[], &budget);
    let value = |o: Outcome| match o {
        Outcome::Solved { objective, .. } => objective,
        other => panic!("{other:?}"),
    };
    let fresh = value(build().solve(&f, &free).unwrap());
    let mut reused = build();
    let zeros: Vec<(usize, f64)> = f.columns.options().map(|j| (j, 0.0)).collect();
    let none = Run {
        fixed: &zeros,
        ..free
    };
    assert_eq!(
        value(reused.solve(&f, &none).unwrap()),
        0.0,
        "every option fixed off"
    );
    assert_eq!(
        value(reused.solve(&f, &free).unwrap()),
        fresh,
        "the fixed columns are free again"
    );
}

/// The cost tier's LP relaxation started from the coverage tier LP's optimal basis (the tier
/// row that keeps the coverage is new, and basic) reaches the same optimum as from nothing.
#[test]
fn a_tier_lp_started_from_the_basis_before_reaches_the_same_optimum() {
    let Case {
        space,
        f,
        budget,
        coverage,
        ..
    } = case(30, 40, 2);
    let lp_rows = f.seats_within_options(&space);
    let tier = |rows: Vec<crate::solver::rows::Row>, objective, kind| {
        let (s, off) = (settings(), Progress::off());
        TierModel::build(&f, rows, lp_rows.clone(), objective, kind, &s, off, false).unwrap()
    };
    let mut first = tier(Vec::new(), coverage.clone(), TierKind::Coverage);
    let covered = first.relaxation(&f, &budget, true).unwrap().unwrap().value;
    let basis = first.lp_basis().cloned().expect("an optimal LP leaves its basis");
    let keep = vec![crate::solver::rows::Row::at_least(
        crate::solver::rows::Rule::Tier,
        coverage,
        covered.floor(),
    )];
    assert!(basis
        .fitted(f.columns.len(), f.rows.len(), 1, lp_rows.len())
        .is_some());
    assert!(basis
        .fitted(f.columns.len() + 1, f.rows.len(), 1, lp_rows.len())
        .is_none());
    let mut cold = tier(keep.clone(), f.cost(&space), TierKind::Cost);
    let mut warm = tier(keep, f.cost(&space), TierKind::Cost);
    warm.start_lp_from(basis);
    let from_nothing = cold.relaxation(&f, &budget, true).unwrap().unwrap().value;
    let from_basis = warm.relaxation(&f, &budget, true).unwrap().unwrap().value;
    assert!(from_nothing > 0.0);
    assert!(
        (from_nothing - from_basis).abs() <= 1e-6 * from_nothing,
        "{from_nothing} from nothing, {from_basis} from the basis"
    );
    assert!(warm.lp_basis().is_some());
}

/// A run fixing most columns, on its own model of the free ones, gives what the tier's model
/// gives with the same columns fixed, keeps the fixed values, and meets every row; fixed values
/// that break a row of fixed columns only leave no schedule.
#[test]
fn a_restricted_model_answers_as_the_tier_model_with_the_same_columns_fixed() {
    let Case {
        f, budget, coverage, ..
    } = case(30, 40, 3);
    let mut tier = milp(&f, coverage.clone(), TierKind::Coverage);
    // Every other column off: more than half, with requests still staffed.
    let off: Vec<(usize, f64)> = (0..f.columns.len()).step_by(2).map(|j| (j, 0.0)).collect();
    assert!(restricted::pays(&f, &off));
    let run = exact(&off, &budget);
    let Attempt::Consistent(Outcome::Solved {
        values,
        objective,
        bound,
    }) = tier.attempt_restricted(&f, &run, false).unwrap()
    else {
        panic!("no consistent schedule on the restricted model");
    };
    let Outcome::Solved { objective: whole, .. } = tier
        .attempt(
            &f,
            &Run {
                fixed: &off[..off.len() / 2],
                ..run
            },
            false,
        )
        .unwrap()
        .outcome()
    else {
        panic!("the tier's model found nothing");
    };
    assert!(whole >= objective, "fixing fewer columns cannot cover less");
    let same = fixed_on_the_tier_model(&f, TierKind::Coverage, coverage, &run);
    assert!(objective > 0.0, "requests staffed with half the columns");
    assert_eq!(objective, same);
    assert_eq!(bound, objective, "proven on the restricted model");
    assert!(off.iter().all(|&(j, v)| values[j] == v), "fixed values kept");
    assert!(f.rows.iter().all(|r| r.holds(&values)), "every row holds");
    assert_eq!(objective, tier.value(&values));
    // Every column on breaks the rows of fixed columns only: no schedule.
    let on: Vec<(usize, f64)> = (0..f.columns.len()).map(|j| (j, 1.0)).collect();
    let all = Run { fixed: &on, ..run };
    assert!(matches!(
        tier.attempt(&f, &all, false).unwrap().outcome(),
        Outcome::Infeasible
    ));
}

/// The objective of `run` on a new tier model of `f` with its fixed columns held by bounds (the
/// tier model's own path, whatever share they are).
fn fixed_on_the_tier_model(f: &Formulation, kind: TierKind, objective: Linear, run: &Run<'_>) -> f64 {
    let mut tier = milp(f, objective, kind);
    let mut mip = tier.mip.take().unwrap();
    tier.prepare(&mut mip, run, false).unwrap();
    let held: Vec<(usize, f64, f64)> = run.fixed.iter().map(|&(j, v)| (j, v, v)).collect();
    ffi::set_column_bounds(&mut mip, &held).unwrap();
    let mut solved = tier.watched(mip, run.budget, false).unwrap().unwrap();
    match tier.read(&mut solved, None).outcome() {
        Outcome::Solved { objective, .. } => objective,
        other => panic!("the tier's model found nothing with the same columns fixed: {other:?}"),
    }
}

/// A tier's model of `f` with its MILP, no rows of its own and no LP rows.
fn milp(f: &Formulation, objective: Linear, kind: TierKind) -> TierModel {
    let (s, off) = (settings(), Progress::off());
    TierModel::build(f, Vec::new(), Vec::new(), objective, kind, &s, off, true).unwrap()
}

/// A run to a zero gap with `fixed` held, presolve and no start, no node limit.
fn exact<'a>(fixed: &'a [(usize, f64)], budget: &'a Budget) -> Run<'a> {
    Run {
        fixed,
        start: None,
        presolve: true,
        gap: 0.0,
        max_nodes: None,
        jump: true,
        budget,
    }
}

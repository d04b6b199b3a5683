//! The decomposition against the compact model.

use super::*;
use crate::solver::budget::Interrupt;
use crate::solver::formulation;
use crate::solver::greedy;

/// The decomposition of the cost tier of a small `tight` problem, from the greedy schedule,
/// and a budget without a limit.
fn cost_tier() -> (Decomposition, Budget) {
    let mut spec = crate::generate::Spec::family("tight", 20, 30, 3).unwrap();
    spec.family = None;
    let p = crate::solver::tests::generated(&spec);
    let space = Space::build(&p, true);
    let f = formulation::build(&p, &space, formulation::Kind::Cliques);
    let start = greedy::greedy(&p, &space, None)
        .map(|g| f.columns.point(&g.options, &g.seats))
        .unwrap();
    let cost = f.cost(&space);
    let d = Decomposition::new(&p, &space, &[&f.rows], &cost, Sense::Min, &start).unwrap();
    (d, Budget::new(None, Interrupt::new()))
}

/// HiGHS's duals follow the convention the prices use (reduced cost = cost − duals · column),
/// and at convergence the Lagrangian bound meets the master's value.
#[test]
fn duals_price_the_columns_as_highs_does_and_the_bound_meets_the_master() {
    let (mut d, budget) = cost_tier();
    let sol = d.master.solve(&budget, Progress::off()).unwrap().unwrap();
    for o in 0..d.y_cost.len() {
        let mine = d.y_price(&sol.duals, o);
        assert!(
            (mine - sol.y_reduced[o]).abs() < 1e-6,
            "option {o}: {mine} vs HiGHS {}",
            sol.y_reduced[o]
        );
    }
    let bound = d.run(None, &budget, Progress::off()).unwrap().unwrap();
    let again = d.master.solve(&budget, Progress::off()).unwrap().unwrap();
    assert!(
        (bound.value - again.value).abs() < 1e-4 * again.value.abs().max(1.0),
        "bound {} vs master {}",
        bound.value,
        again.value
    );
}

/// Duals taken before the master gained an (X) row price that row at 0, as the relaxation they
/// came from did (a `mixed` 210 × 300 cost tier panicked here, pricing at the master's own
/// duals after the rows its point broke were added).
#[test]
fn duals_from_before_a_seat_row_price_it_at_zero() {
    let (mut d, budget) = cost_tier();
    let sol = d.master.solve(&budget, Progress::off()).unwrap().unwrap();
    let k = 0;
    let o = d.seat_option[k];
    let before = (d.seat_price(&sol.duals, k), d.y_price(&sol.duals, o));
    let bound = d.lagrangian(&sol.duals, &d.price(&sol.duals));
    d.master.add_seat_row(k).unwrap();
    assert_eq!(before, (d.seat_price(&sol.duals, k), d.y_price(&sol.duals, o)));
    assert_eq!(bound, d.lagrangian(&sol.duals, &d.price(&sol.duals)));
    d.fixings(&sol.duals, bound, bound + 1.0);
}

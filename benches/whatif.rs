//! Criterion benchmarks of the what-if tools: applying a scenario to the default problem,
//! replanning a generated problem after its busiest trainer drops out, and one scenario solved
//! in each of `whatif`'s three modes.
//!
//! Run: `cargo bench --bench whatif`. The figures (20 scenarios, a replan of the
//! default problem) come from `mtplan bench --suite whatif`, which times whole processes.

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion};
use mtplan::generate::{generate, Spec};
use mtplan::model::Problem;
use mtplan::solver::baseline::{solve_near as replan, Order};
use mtplan::validate::parse_problem;
use mtplan::{replan as freezing, scenario, solver};

fn default_problem() -> Problem {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/problems/default-2027.json");
    mtplan::input::load_problem(path.as_ref())
        .expect("default problem loads")
        .problem
}

fn apply(c: &mut Criterion) {
    let base = default_problem();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/problems/scenarios/trainer-leaves.toml"
    ))
    .expect("example scenario");
    c.bench_function("scenario apply + validate (default)", |b| {
        b.iter(|| {
            scenario::parse(&text, "trainer-leaves.toml", &base)
                .expect("valid")
                .problem
                .requests
                .len()
        })
    });
}

/// A generated 70 × 100 problem's schedule, the problem without the first staffed trainer, and
/// options warm-started from the schedule.
fn without_one_trainer() -> (mtplan::model::Schedule, mtplan::model::Problem, solver::Options) {
    let bytes = serde_json::to_vec(&generate(&Spec::new(70, 100, 1))).expect("serialises");
    let p = parse_problem(&bytes, "generated.json").expect("valid").problem;
    let base = solver::solve(&p, &solver::Options::default()).expect("solves");
    let gone = base.scheduled[0].trainers[0].clone();
    let mut q = p;
    q.trainers.retain(|t| t.id != gone);
    let options = solver::Options {
        warm_start: Some(Arc::new(base.clone())),
        ..solver::Options::default()
    };
    (base, q, options)
}

fn replan_one_leaver(c: &mut Criterion) {
    let (base, q, options) = without_one_trainer();
    let baseline = freezing::baseline(&base, true, None, Order::AfterCoverage);
    let mut group = c.benchmark_group("replan");
    group.sample_size(10);
    group.bench_function("gen 70x100 without one trainer", |b| {
        b.iter(|| {
            replan(&q, &options, &baseline)
                .expect("replans")
                .outcome
                .disruption
        })
    });
    group.finish();
}

/// One scenario (a generated problem without one trainer) solved in each mode of `whatif`:
/// fresh (coverage, cost), tie-break (coverage, cost, fewest changes) and stable (coverage,
/// fewest changes, cost), every one warm-started from the base schedule.
fn whatif_modes(c: &mut Criterion) {
    let (base, q, options) = without_one_trainer();
    let mut group = c.benchmark_group("whatif modes");
    group.sample_size(10);
    group.bench_function("fresh: gen 70x100 without one trainer", |b| {
        b.iter(|| solver::solve(&q, &options).expect("solves").scheduled.len())
    });
    for (name, order) in [("tie-break", Order::AfterCost), ("stable", Order::AfterCoverage)] {
        let baseline = freezing::baseline(&base, false, None, order);
        group.bench_function(format!("{name}: gen 70x100 without one trainer"), |b| {
            b.iter(|| {
                replan(&q, &options, &baseline)
                    .expect("solves")
                    .outcome
                    .disruption
            })
        });
    }
    group.finish();
}

criterion_group!(benches, apply, replan_one_leaver, whatif_modes);
criterion_main!(benches);

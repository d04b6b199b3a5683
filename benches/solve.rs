//! Criterion benchmarks: model building and solving, measured separately, on generated
//! problems of growing size and on the bundled default problem.
//!
//! Run: `cargo bench --bench solve` (add `-- build` or `-- solve` to pick a group).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use mtplan::generate::{generate, Spec};
use mtplan::model::Problem;
use mtplan::solver::{self, formulation, space::Space};
use mtplan::validate::parse_problem;

fn generated(trainers: usize, requests: usize, seed: u64) -> Problem {
    let bytes = serde_json::to_vec(&generate(&Spec::new(trainers, requests, seed))).expect("serialises");
    parse_problem(&bytes, "generated.json")
        .expect("generated problems are valid")
        .problem
}

fn default_problem() -> Problem {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/problems/default-2027.json");
    mtplan::input::load_problem(path.as_ref())
        .expect("default problem loads")
        .problem
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    let cases = [
        ("gen 70x100", generated(70, 100, 1)),
        ("gen 210x300", generated(210, 300, 1)),
        ("default", default_problem()),
    ];
    for (name, problem) in &cases {
        group.bench_with_input(BenchmarkId::from_parameter(name), problem, |b, p| {
            b.iter(|| {
                let space = Space::build(p, true);
                formulation::build(p, &space, formulation::Kind::Cliques)
                    .rows
                    .len()
            })
        });
    }
    group.finish();
}

fn solve(c: &mut Criterion) {
    let mut group = c.benchmark_group("solve");
    group.sample_size(10);
    for (trainers, requests) in [(30, 45), (70, 100)] {
        let problem = generated(trainers, requests, 1);
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("gen {trainers}x{requests}")),
            &problem,
            |b, p| {
                b.iter(|| {
                    solver::solve(p, &solver::Options::default())
                        .expect("solves")
                        .objective
                })
            },
        );
    }
    // Programme size: both tiers proven optimal (about 1.2 s each since the LP-guided tiers).
    group.bench_function("default", |b| {
        let p = default_problem();
        b.iter(|| {
            solver::solve(&p, &solver::Options::default())
                .expect("solves")
                .objective
        })
    });
    group.finish();
}

criterion_group!(benches, build, solve);
criterion_main!(benches);

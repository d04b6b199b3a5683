//! Criterion benchmark of backups against the solve they follow, on the default problem:
//! `solve` (as `mtplan solve` runs it: solved, annotated, verified) and `solve --backups`
//! (the same, then two ranked backups named per staffed request and checked by the checker).
//!
//! Run: `cargo bench --bench backups`. The target: backups add under 10 % to the
//! solve's time.

use criterion::{criterion_group, criterion_main, Criterion};
use mtplan::model::Problem;
use mtplan::{plan, solver};

fn default_problem() -> Problem {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/problems/default-2027.json");
    mtplan::input::load_problem(path.as_ref())
        .expect("default problem loads")
        .problem
}

fn backups(c: &mut Criterion) {
    let p = default_problem();
    let options = solver::Options::default();
    let solved = plan::solve(&p, &options).expect("solves");
    let mut group = c.benchmark_group("backups");
    group.sample_size(10);
    group.bench_function("default: solve", |b| {
        b.iter(|| plan::solve(&p, &options).expect("solves").scheduled.len())
    });
    group.bench_function("default: solve --backups 2", |b| {
        b.iter(|| {
            let s = plan::solve(&p, &options).expect("solves");
            plan::with_backups(&p, s, 2)
                .expect("backups hold")
                .scheduled
                .len()
        })
    });
    group.bench_function("default: backups 2 alone", |b| {
        b.iter(|| {
            plan::with_backups(&p, solved.clone(), 2)
                .expect("backups hold")
                .scheduled
                .len()
        })
    });
    group.finish();
}

criterion_group!(benches, backups);
criterion_main!(benches);

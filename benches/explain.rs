//! Criterion benchmarks of `explain`: every unscheduled request with its repairs, on the default
//! problem (its committed optimal schedule) and on a generated problem with tight budgets, where
//! most unstaffed requests are busy in the plan and repairs re-plan neighbourhoods.
//!
//! Run: `cargo bench --bench explain`.

use criterion::{criterion_group, criterion_main, Criterion};
use mtplan::format::parse_schedule;
use mtplan::generate::{generate, Spec};
use mtplan::input::load_problem;
use mtplan::model::{Problem, Schedule};
use mtplan::validate::parse_problem;
use mtplan::{explain, solver};

fn default_case() -> (Problem, Schedule) {
    let root = env!("CARGO_MANIFEST_DIR");
    let p = load_problem(format!("{root}/problems/default-2027.json").as_ref())
        .expect("default problem loads")
        .problem;
    let bytes = std::fs::read(format!(
        "{root}/tests/fixtures/explain/default-2027.schedule.json"
    ))
    .expect("committed schedule");
    let s = parse_schedule(&bytes, "schedule", &p).expect("schedule loads");
    (p, s)
}

fn tight_case() -> (Problem, Schedule) {
    let mut value = serde_json::to_value(generate(&Spec::new(40, 90, 11))).expect("serialises");
    value["policy"]["max_days"] = 12.into();
    for t in value["trainers"].as_array_mut().expect("trainers") {
        t.as_object_mut().expect("object").remove("max_days");
    }
    let bytes = serde_json::to_vec(&value).expect("serialises");
    let p = parse_problem(&bytes, "tight.json").expect("valid").problem;
    let s = solver::solve(&p, &solver::Options::default()).expect("solves");
    (p, s)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("explain");
    group.sample_size(10);
    let options = explain::Options::default();
    for (name, (p, s)) in [("default", default_case()), ("tight 40x90", tight_case())] {
        group.bench_function(name, |b| b.iter(|| explain::explain(&p, &s, &[], &options).len()));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

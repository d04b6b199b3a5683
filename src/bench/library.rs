//! The instance library: one line per instance of a suite with how to regenerate it and the
//! best it is known to have — the best schedule of any run, the tightest bounds, and whether
//! they meet (proven). Written by `bench --index FILE`; the problem files stay out of git.

use std::collections::BTreeMap;

use super::{Case, Row};

/// The index as CSV, from the cases of a run and their rows.
pub fn index(cases: &[Case], rows: &[Row]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "name",
        "family",
        "trainers",
        "requests",
        "seed",
        "regenerate",
        "coverage",
        "cost",
        "coverage_bound",
        "cost_bound",
        "cost_gap",
        "proven",
        "runs",
    ]);
    let mut seen: BTreeMap<&str, ()> = BTreeMap::new();
    for case in cases {
        if seen.insert(&case.problem, ()).is_some() {
            continue;
        }
        let of: Vec<&Row> = rows
            .iter()
            .filter(|r| r.problem == case.problem && r.violations == 0 && !r.status.starts_with("error"))
            .collect();
        let _ = w.write_record(line(case, &of));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The command that writes the instance's problem file.
pub fn regenerate(case: &Case) -> String {
    let Some((t, r, seed)) = case.generated else {
        return "bundled: problems/default-2027.json".to_owned();
    };
    let mut cmd = format!("mtplan generate --trainers {t} --requests {r} --seed {seed}");
    if let Some(f) = case.family {
        cmd.push_str(&format!(" --family {f}"));
    }
    if case.fixed_dates {
        cmd.push_str(" --fixed-dates");
    }
    cmd.push_str(&format!(" -o {}.json", case.problem));
    cmd
}

fn line(case: &Case, rows: &[&Row]) -> Vec<String> {
    let (t, r, seed) = case
        .generated
        .map_or((String::new(), String::new(), String::new()), |(t, r, s)| {
            (t.to_string(), r.to_string(), s.to_string())
        });
    let head = vec![
        case.problem.clone(),
        case.family.unwrap_or("").to_owned(),
        t,
        r,
        seed,
        regenerate(case),
    ];
    let best = rows.iter().filter(|r| r.objective.0.is_finite()).max_by(|a, b| {
        a.objective
            .0
            .total_cmp(&b.objective.0)
            .then(b.objective.1.total_cmp(&a.objective.1))
    });
    let Some(best) = best else {
        return [head, vec![String::new(); 6], vec![rows.len().to_string()]].concat();
    };
    let (coverage, cost) = best.objective;
    // Any run's coverage bound holds; a cost bound holds at the coverage its run kept.
    let coverage_bound = rows
        .iter()
        .map(|r| r.bound.0)
        .filter(|b| b.is_finite())
        .fold(f64::INFINITY, f64::min);
    let cost_bound = rows
        .iter()
        .filter(|r| r.objective.0 == coverage && r.bound.0 <= coverage)
        .map(|r| r.bound.1)
        .filter(|b| b.is_finite())
        .fold(0.0_f64, f64::max);
    let proven = coverage_bound <= coverage && cost_bound >= cost;
    let gap = if cost > 0.0 {
        (cost - cost_bound) / cost
    } else {
        0.0
    };
    [
        head,
        vec![
            coverage.to_string(),
            cost.to_string(),
            coverage_bound.to_string(),
            cost_bound.to_string(),
            format!("{gap:.4}"),
            if proven { "yes" } else { "no" }.to_owned(),
            rows.len().to_string(),
        ],
    ]
    .concat()
}

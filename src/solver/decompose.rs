//! Decomposition: trainers and requests that can never meet (no seat links them, directly or
//! through others) form independent parts. The lexicographic optimum of the whole is the union
//! of the parts' optima — coverage adds up, and cost adds up at each part's maximum coverage —
//! so the parts are solved separately, in parallel.

use petgraph::unionfind::UnionFind;

use super::space::Space;
use crate::model::Problem;

/// One independent part: indices into the problem's trainers and requests, in problem order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// Trainers of the part.
    pub trainers: Vec<usize>,
    /// Requests of the part (each with at least one seat).
    pub requests: Vec<usize>,
}

/// The parts of `space`: connected components of the trainer–request graph whose edges are
/// seats. Requests without any seat belong to no part (nothing can staff them).
pub fn parts(problem: &Problem, space: &Space) -> Vec<Part> {
    let nt = problem.trainers.len();
    let mut uf = UnionFind::<usize>::new(nt + problem.requests.len());
    for seat in &space.seats {
        uf.union(seat.trainer, nt + space.starts[seat.option].request);
    }
    let mut by_root: std::collections::BTreeMap<usize, Part> = std::collections::BTreeMap::new();
    let has_seat = |r: usize| {
        space.request_ranges[r]
            .clone()
            .any(|o| !space.seat_ranges[o].is_empty())
    };
    for r in (0..problem.requests.len()).filter(|&r| has_seat(r)) {
        let part = by_root.entry(uf.find(nt + r)).or_insert_with(|| Part {
            trainers: Vec::new(),
            requests: Vec::new(),
        });
        part.requests.push(r);
    }
    for t in 0..nt {
        if let Some(part) = by_root.get_mut(&uf.find(t)) {
            part.trainers.push(t);
        }
    }
    let mut parts: Vec<Part> = by_root.into_values().collect();
    parts.sort_by_key(|p| p.requests[0]);
    parts
}

/// The sub-problem of `part`: its trainers, requests and pins, everything else shared.
pub fn sub_problem(problem: &Problem, part: &Part) -> Problem {
    let requests: Vec<_> = part
        .requests
        .iter()
        .map(|&r| problem.requests[r].clone())
        .collect();
    let pins = problem
        .pins
        .iter()
        .filter(|p| requests.iter().any(|r| r.id == p.request))
        .cloned()
        .collect();
    Problem {
        name: problem.name.clone(),
        horizon: problem.horizon,
        policy: problem.policy.clone(),
        countries: problem.countries.clone(),
        fares: problem.fares.clone(),
        trainers: part
            .trainers
            .iter()
            .map(|&t| problem.trainers[t].clone())
            .collect(),
        requests,
        pins,
    }
}

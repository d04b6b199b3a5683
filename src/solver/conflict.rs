//! A minimal set of conflicting rules when the problem has no valid schedule: a deletion
//! filter over the planner's own decisions — pins, the pinned trainers' budgets and their
//! unavailable periods. The set it returns cannot hold together, and without any one of its
//! members the rest can (each member was tested that way).
//!
//! Only pins force anything to be staffed, so a set of rules is possible exactly when the
//! pinned requests alone can be staffed under them: each test solves that small problem.

use std::collections::BTreeSet;

use super::budget::Budget;
use super::{solve_unexplained, Options};
use crate::model::Problem;

/// One rule the filter may drop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// The pin at this index of `problem.pins`.
    Pin(usize),
    /// The yearly budget (C9) of the trainer at this index.
    Budget(usize),
    /// Unavailable period `1` of trainer `0` (C5).
    Unavailable(usize, usize),
}

impl Rule {
    /// The rule in the planner's words.
    pub fn describe(self, problem: &Problem) -> String {
        match self {
            Rule::Pin(i) => {
                let pin = &problem.pins[i];
                let r = problem.request(&pin.request);
                let days = r.map_or(String::new(), |r| {
                    format!(
                        " ({} day(s), window {} … {})",
                        r.duration_days, r.earliest_start, r.latest_end
                    )
                });
                let start = pin.start.map_or(String::new(), |s| format!(" starting {s}"));
                format!("pinned[{i}]: {} on {}{start}{days}", pin.trainer, pin.request)
            }
            Rule::Budget(t) => {
                let tr = &problem.trainers[t];
                format!(
                    "budget (C9): {} may give {} training day(s) a year",
                    tr.id,
                    problem.budget(tr)
                )
            }
            Rule::Unavailable(t, k) => {
                let tr = &problem.trainers[t];
                let u = tr.unavailable[k];
                format!("unavailable (C5): {} is unavailable {} … {}", tr.id, u.from, u.to)
            }
        }
    }
}

/// The problem without the given rules: pins dropped, budgets lifted, periods removed.
pub fn relax(problem: &Problem, dropped: &BTreeSet<Rule>) -> Problem {
    let mut p = problem.clone();
    for rule in dropped.iter().rev() {
        match *rule {
            Rule::Pin(i) => {
                p.pins.remove(i);
            }
            Rule::Budget(t) => p.trainers[t].max_days = Some(100_000),
            Rule::Unavailable(t, k) => {
                p.trainers[t].unavailable.remove(k);
            }
        }
    }
    p
}

/// Whether the pinned requests can all be staffed with every rule but `dropped`: `None` when
/// the run's `budget` (its time limit, or Ctrl-C) stopped the test before it knew.
fn possible(problem: &Problem, dropped: &BTreeSet<Rule>, budget: &Budget) -> Option<bool> {
    if budget.stopped() {
        return None;
    }
    let mut p = relax(problem, dropped);
    let pinned: BTreeSet<_> = p.pins.iter().map(|pin| pin.request.clone()).collect();
    p.requests.retain(|r| pinned.contains(&r.id));
    let options = Options {
        threads: 1,
        interrupt: budget.interrupt().clone(),
        ..Options::default()
    };
    match solve_unexplained(&p, &options, budget) {
        Ok(s) => (s.status != crate::model::Status::NoSolutionFound).then_some(true),
        Err(super::SolveError::Infeasible(_)) => Some(false),
        Err(_) => None,
    }
}

/// The rules the filter considers: pinned trainers' budgets and unavailable periods first (so
/// they are dropped when the pins conflict without them), then the pins.
fn considered(problem: &Problem) -> Vec<Rule> {
    let mut trainers: Vec<usize> = problem
        .pins
        .iter()
        .filter_map(|pin| problem.trainers.iter().position(|t| t.id == pin.trainer))
        .collect();
    trainers.sort_unstable();
    trainers.dedup();
    let mut rules: Vec<Rule> = trainers.iter().map(|&t| Rule::Budget(t)).collect();
    for &t in &trainers {
        rules.extend((0..problem.trainers[t].unavailable.len()).map(|k| Rule::Unavailable(t, k)));
    }
    rules.extend((0..problem.pins.len()).map(Rule::Pin));
    rules
}

/// A set of rules that cannot hold together, minimal when `.1` is true (a test that ran out of
/// time keeps its rule in the set without proving it needed), or `None` when the pinned
/// requests can be staffed after all (then the conflict lies elsewhere). The tests share
/// `budget`; without a limit they run to the end.
pub fn minimal(problem: &Problem, budget: &Budget) -> Option<(Vec<Rule>, bool)> {
    let all = considered(problem);
    if possible(problem, &BTreeSet::new(), budget) != Some(false) {
        return None;
    }
    // Rules outside the set are dropped; the set shrinks while it is proven impossible.
    let mut dropped: BTreeSet<Rule> = BTreeSet::new();
    let mut proven = true;
    for &rule in &all {
        dropped.insert(rule);
        match possible(problem, &dropped, budget) {
            Some(false) => {}
            Some(true) => {
                dropped.remove(&rule);
            }
            None => {
                dropped.remove(&rule);
                proven = false;
            }
        }
    }
    Some((all.into_iter().filter(|r| !dropped.contains(r)).collect(), proven))
}

/// The error text for an infeasible problem: the minimal set, in domain terms, searched within
/// `budget`.
pub fn explain(problem: &Problem, budget: &Budget) -> String {
    match minimal(problem, budget) {
        Some((set, proven)) => {
            let minimal = if proven {
                "without any one of them the rest can"
            } else {
                "some were kept because a test ran out of time, so the set may not be minimal"
            };
            let mut lines = vec![format!(
                "  these {} rule(s) cannot all hold (windows, gaps between trainings and team rules apply); {minimal}:",
                set.len()
            )];
            lines.extend(set.iter().map(|r| format!("    {}", r.describe(problem))));
            lines.push(
                "  fix: remove or move one of the pins, or change the budget or dates named".to_owned(),
            );
            lines.join("\n")
        }
        None => super::pins::conflicting_pins(problem),
    }
}

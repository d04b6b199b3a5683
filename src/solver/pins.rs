//! Infeasibility from pins, said in the planner's terms.

use crate::eligibility::{free_at, potential, static_check};
use crate::model::{Pin, Problem};

/// The first reason each pin could never hold on its own, if any pin has one.
pub fn impossible_pins(problem: &Problem) -> Option<String> {
    let lines: Vec<String> = problem
        .pins
        .iter()
        .enumerate()
        .filter_map(|(i, pin)| {
            alone(problem, pin)
                .map(|why| format!("  pinned[{i}] ({} on {}): {why}", pin.trainer, pin.request))
        })
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n") + "\n  fix: remove or change these pins")
}

fn alone(problem: &Problem, pin: &Pin) -> Option<String> {
    let r = problem.request(&pin.request)?;
    let t = problem.trainer(&pin.trainer)?;
    if let Err(e) = static_check(problem, t, r) {
        return Some(e.describe(problem, t, r));
    }
    let p = potential(problem, r);
    let starts: Vec<_> = p
        .starts
        .iter()
        .filter(|s| pin.start.is_none_or(|ps| ps == **s))
        .collect();
    if starts.is_empty() {
        return Some("the pinned start is not an allowed start of the request".to_owned());
    }
    if !starts.iter().any(|s| free_at(t, r, **s)) {
        return Some("C5: the trainer is unavailable on every allowed start".to_owned());
    }
    if !p
        .staffable
        .iter()
        .any(|(s, free)| starts.contains(&s) && free.iter().any(|&x| problem.trainers[x].id == t.id))
    {
        return Some(
            "no team with this trainer meets the request's size, leads and country rules".to_owned(),
        );
    }
    None
}

/// When every pin is possible alone but not together.
pub fn conflicting_pins(problem: &Problem) -> String {
    let mut lines: Vec<String> = problem
        .pins
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "  pinned[{i}]: {} on {}{}",
                p.trainer,
                p.request,
                p.start.map(|s| format!(" from {s}")).unwrap_or_default()
            )
        })
        .collect();
    lines.insert(
        0,
        "  these pins cannot all hold together (dates, gaps, budgets or team rules):".to_owned(),
    );
    lines.push("  fix: remove or move one of them".to_owned());
    lines.join("\n")
}

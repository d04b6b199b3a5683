//! Warnings on a valid problem: requests that no plan could staff, areas nobody holds.

use std::collections::BTreeSet;

use super::{Diagnostic, JsonPath};
use crate::eligibility::{potential, Potential};
use crate::model::{Problem, Request};

/// Every warning about `problem`, in request order.
pub fn warnings(problem: &Problem) -> Vec<Diagnostic> {
    let held: BTreeSet<_> = problem.trainers.iter().flat_map(|t| t.expertise.keys()).collect();
    let mut out = Vec::new();
    let mut warned_areas = BTreeSet::new();
    for (i, r) in problem.requests.iter().enumerate() {
        let path = JsonPath::root().key("requests").index(i);
        if !held.contains(&r.area) && warned_areas.insert(&r.area) {
            let msg = format!("no trainer holds area `{}`", r.area);
            let hint = "check the area code, or add a trainer who holds it";
            out.push(Diagnostic::warning("W102", path.key("area"), msg, hint));
        }
        if let Some(d) = never_staffable(r, &potential(problem, r), &path) {
            out.push(d);
        }
    }
    out
}

fn never_staffable(r: &Request, p: &Potential, path: &JsonPath) -> Option<Diagnostic> {
    if p.starts.is_empty() {
        let msg = format!(
            "request `{}` has no allowed start (window, weekdays, horizon)",
            r.id
        );
        let hint = "widen the window, allow another start weekday, or check the horizon";
        return Some(Diagnostic::warning("W103", path.key("earliest_start"), msg, hint));
    }
    if p.staffable.is_empty() {
        let msg = format!(
            "no plan can staff request `{}`: {} trainer(s) pass area, language, region and travel rules; it needs {} (with {} lead(s)) free on one allowed start",
            r.id,
            p.eligible.len(),
            r.trainers_min,
            r.leads
        );
        let hint = "run `mtplan solve` to see the reasons in the schedule, or relax the request";
        return Some(Diagnostic::warning("W101", path.clone(), msg, hint));
    }
    None
}

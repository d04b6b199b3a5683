//! Explanations: why a request was not staffed, in the planner's words, and what would staff it.
//!
//! Three kinds, most fundamental first:
//! 1. nobody could ever staff it ([`fundamental`]): no allowed start, too few trainers with the
//!    area and language, region and travel rules, too few ace leads, never enough free together;
//! 2. possible alone but not in this plan ([`plan`]): which scheduled requests hold the
//!    trainers it needs, in which weeks, and whose budgets are spent;
//! 3. what would staff it ([`repair`]): up to three changes, each verified by a re-solve whose
//!    schedule staffs the request and passes the independent checker.

pub mod backups;
pub mod fundamental;
pub mod plan;
pub mod repair;
pub mod words;

use rayon::prelude::*;
use serde_json::json;

use crate::eligibility::{potential, Potential};
use crate::model::{Problem, Reason, RequestId, Schedule};
use fundamental::Candidate;
use plan::Load;
use repair::Repair;

pub(crate) fn reason(code: &str, text: String) -> Reason {
    Reason {
        code: code.to_owned(),
        text,
    }
}

/// Fills in the reasons (kinds 1 and 2) of every unscheduled request of `schedule`.
pub fn annotate(problem: &Problem, schedule: &mut Schedule) {
    let load = Load::of(problem, schedule);
    let reasons: Vec<Vec<Reason>> = schedule
        .unscheduled
        .iter()
        .map(
            |u| match problem.requests.iter().position(|r| r.id == u.request) {
                Some(r) => vec![reason_for(
                    problem,
                    schedule,
                    &load,
                    r,
                    &potential(problem, &problem.requests[r]),
                )],
                None => Vec::new(),
            },
        )
        .collect();
    for (u, rs) in schedule.unscheduled.iter_mut().zip(reasons) {
        u.reasons = rs;
    }
}

/// The reasons (kind 1 or 2) request `r` is not staffed in `schedule`.
pub fn reasons(problem: &Problem, schedule: &Schedule, r: &crate::model::Request) -> Vec<Reason> {
    let load = Load::of(problem, schedule);
    match problem.requests.iter().position(|x| x.id == r.id) {
        Some(i) => vec![reason_for(problem, schedule, &load, i, &potential(problem, r))],
        None => Vec::new(),
    }
}

/// The most fundamental reason request `r` (index, with its potential `p`) is not staffed in
/// `schedule`.
fn reason_for(problem: &Problem, schedule: &Schedule, load: &Load, r: usize, p: &Potential) -> Reason {
    let req = &problem.requests[r];
    fundamental::never(problem, req, p).unwrap_or_else(|| plan::busy(problem, schedule, load, req, p))
}

/// How much to explain.
#[derive(Clone, Debug)]
pub struct Options {
    /// Look for repairs (kind 3).
    pub repairs: bool,
    /// Most repairs shown per request.
    pub max_repairs: usize,
    /// Most candidate changes re-solved per request.
    pub max_candidates: usize,
    /// Wall-clock limit of each verifying re-solve, in seconds.
    pub time_limit: f64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            repairs: true,
            max_repairs: 3,
            max_candidates: 4,
            time_limit: 3.0,
        }
    }
}

/// Everything said about one unscheduled request.
#[derive(Clone, Debug)]
pub struct Explanation {
    /// Index of the request in the problem.
    pub request: usize,
    /// Kind 1 or 2 reason.
    pub reason: Reason,
    /// Holders of the request's area and the first rule that rules each out.
    pub candidates: Vec<Candidate>,
    /// Verified repairs, best first (coverage gained, then cost).
    pub repairs: Vec<Repair>,
    /// Candidate changes re-solved.
    pub tried: usize,
}

/// Unknown request ids among `only`.
pub fn unknown(problem: &Problem, only: &[RequestId]) -> Vec<RequestId> {
    only.iter()
        .filter(|id| problem.request(id).is_none())
        .cloned()
        .collect()
}

/// Explains every unscheduled request of `schedule` (or only those in `only`, when given),
/// sorted by request id. Repairs are re-solved in parallel.
pub fn explain(
    problem: &Problem,
    schedule: &Schedule,
    only: &[RequestId],
    options: &Options,
) -> Vec<Explanation> {
    let load = Load::of(problem, schedule);
    let staffed: std::collections::BTreeSet<&RequestId> =
        schedule.scheduled.iter().map(|a| &a.request).collect();
    let mut wanted: Vec<usize> = (0..problem.requests.len())
        .filter(|&r| !staffed.contains(&problem.requests[r].id))
        .filter(|&r| only.is_empty() || only.contains(&problem.requests[r].id))
        .collect();
    wanted.sort_by(|&a, &b| problem.requests[a].id.cmp(&problem.requests[b].id));
    let potentials: Vec<Potential> = wanted
        .iter()
        .map(|&r| potential(problem, &problem.requests[r]))
        .collect();
    let mut out: Vec<Explanation> = wanted
        .iter()
        .zip(&potentials)
        .map(|(&r, p)| Explanation {
            request: r,
            reason: reason_for(problem, schedule, &load, r, p),
            candidates: fundamental::candidates(problem, &problem.requests[r], &p.starts),
            repairs: Vec::new(),
            tried: 0,
        })
        .collect();
    if !options.repairs {
        return out;
    }
    // Per request: staffing it as the problem stands (giving up what it must, `None`), then
    // each candidate change; all re-solved in parallel.
    let jobs: Vec<(usize, Option<repair::Change>)> = out
        .iter()
        .enumerate()
        .flat_map(|(i, e)| {
            let changes = repair::candidates(problem, schedule, &load, e.request, &potentials[i]);
            let changes = changes.into_iter().take(options.max_candidates);
            std::iter::once((i, None)).chain(changes.map(move |c| (i, Some(c))))
        })
        .collect();
    let verified: Vec<(usize, bool, Option<Repair>)> = jobs
        .par_iter()
        .map(|(i, c)| {
            let r = out[*i].request;
            let rep = match c {
                None => repair::give_up(problem, schedule, r, options.time_limit),
                Some(c) => repair::verify(problem, schedule, r, c, options.time_limit),
            };
            (*i, c.is_none(), rep)
        })
        .collect();
    let mut baseline: Vec<Option<(i64, i64)>> = vec![None; out.len()];
    for (i, is_baseline, rep) in &verified {
        if *is_baseline {
            baseline[*i] = rep.as_ref().map(|b| (b.coverage_delta, -b.cost_delta));
        }
    }
    for (i, is_baseline, rep) in verified {
        out[i].tried += 1;
        // A change is worth showing only if it does better than giving up what must be given
        // up; giving up is shown only when what it gives up has a lower priority.
        let r = out[i].request;
        let shown = |rep: &Repair| match is_baseline {
            true => repair::gives_up_only_lower(problem, r, rep),
            false => baseline[i].is_none_or(|b| (rep.coverage_delta, -rep.cost_delta) > b),
        };
        out[i].repairs.extend(rep.filter(shown));
    }
    for e in &mut out {
        e.repairs.sort_by_key(|r| {
            (
                std::cmp::Reverse(r.coverage_delta),
                r.cost_delta,
                r.others_changed,
            )
        });
        e.repairs.truncate(options.max_repairs);
    }
    out
}

/// Adds each explanation's repairs to the schedule's reasons (code `repair_*`).
pub fn attach_repairs(schedule: &mut Schedule, problem: &Problem, explanations: &[Explanation]) {
    for e in explanations {
        let id = &problem.requests[e.request].id;
        if let Some(u) = schedule.unscheduled.iter_mut().find(|u| &u.request == id) {
            u.reasons.extend(
                e.repairs
                    .iter()
                    .map(|rep| reason(rep.change.code(), repair::line(rep))),
            );
        }
    }
}

/// Readable text, grouped per request, sorted by request id.
pub fn text(problem: &Problem, explanations: &[Explanation], with_repairs: bool) -> String {
    let mut s = String::new();
    for e in explanations {
        let r = &problem.requests[e.request];
        s.push_str(&format!(
            "{}  {} (priority {}, {} day(s), window {} … {})\n",
            r.id, r.title, r.priority, r.duration_days, r.earliest_start, r.latest_end
        ));
        s.push_str(&format!("  why [{}]: {}\n", e.reason.code, e.reason.text));
        if with_repairs {
            if e.repairs.is_empty() {
                s.push_str(&format!(
                    "  what would staff it: no verified repair among the {} change(s) tried\n",
                    e.tried
                ));
            } else {
                s.push_str("  what would staff it (each verified by a re-solve that passes the checker):\n");
                for (k, rep) in e.repairs.iter().enumerate() {
                    s.push_str(&format!("    {}. {}\n", k + 1, repair::line(rep)));
                }
            }
        }
        s.push('\n');
    }
    if explanations.is_empty() {
        s.push_str("every request is staffed: nothing to explain\n");
    }
    s
}

/// JSON for tools: one object per request with reason, candidates and repairs.
pub fn json(problem: &Problem, explanations: &[Explanation]) -> String {
    let items: Vec<serde_json::Value> = explanations
        .iter()
        .map(|e| {
            let r = &problem.requests[e.request];
            let candidates: Vec<serde_json::Value> = e
                .candidates
                .iter()
                .map(|c| {
                    json!({
                        "trainer": problem.trainers[c.trainer].id.as_str(),
                        "rule": c.rule,
                        "text": c.why,
                    })
                })
                .collect();
            let repairs: Vec<serde_json::Value> = e.repairs.iter().map(|rep| repair_json(rep)).collect();
            json!({
                "request": r.id.as_str(),
                "title": r.title,
                "priority": r.priority,
                "reason": {"code": e.reason.code, "text": e.reason.text},
                "candidates": candidates,
                "repairs": repairs,
                "changes_tried": e.tried,
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&json!({ "explanations": items })).unwrap_or_default();
    s.push('\n');
    s
}

fn repair_json(rep: &Repair) -> serde_json::Value {
    use repair::Change;
    let change = match &rep.change {
        Change::Window {
            earliest_start,
            latest_end,
        } => {
            json!({"kind": "window", "earliest_start": earliest_start.to_string(), "latest_end": latest_end.to_string()})
        }
        Change::Weekdays(days) => json!({
            "kind": "weekdays",
            "start_weekdays": days.iter().map(|d| crate::model::calendar::weekday_code(*d)).collect::<Vec<_>>(),
        }),
        Change::Budget { trainer, from, to } => {
            json!({"kind": "budget", "trainer": trainer.as_str(), "from": from, "to": to})
        }
        Change::Language(l) => json!({"kind": "language", "language": l.as_str()}),
        Change::AnyRegion => json!({"kind": "region"}),
        Change::GiveUp(qs) => {
            json!({"kind": "give_up", "requests": qs.iter().map(|q| q.as_str()).collect::<Vec<_>>()})
        }
    };
    let a = &rep.assignment;
    json!({
        "code": rep.change.code(),
        "text": repair::line(rep),
        "change": change,
        "start": a.start.to_string(),
        "end": a.end.to_string(),
        "trainers": a.trainers.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        "coverage_delta": rep.coverage_delta,
        "cost_delta": rep.cost_delta,
        "other_assignments_changed": rep.others_changed,
        "scheduled": rep.schedule.scheduled.iter().map(|a| json!({
            "request": a.request.as_str(),
            "start": a.start.to_string(),
            "end": a.end.to_string(),
            "trainers": a.trainers.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

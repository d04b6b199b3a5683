//! Explanations: why a request was not staffed, in the planner's words.

use crate::eligibility::{is_lead, potential, static_check, Exclusion};
use crate::model::{Problem, Reason, Request, Schedule};

/// Fills in the reasons of every unscheduled request of `schedule`.
pub fn annotate(problem: &Problem, schedule: &mut Schedule) {
    for u in &mut schedule.unscheduled {
        if let Some(r) = problem.request(&u.request) {
            u.reasons = reasons(problem, r);
        }
    }
}

fn reason(code: &str, text: String) -> Reason {
    Reason {
        code: code.to_owned(),
        text,
    }
}

/// Reasons a request is unscheduled, most fundamental first.
pub fn reasons(problem: &Problem, r: &Request) -> Vec<Reason> {
    let p = potential(problem, r);
    if p.starts.is_empty() {
        return vec![reason("no_allowed_start", no_start_text(problem, r))];
    }
    let speakers = problem
        .trainers
        .iter()
        .filter(|t| t.level(&r.area).is_some() && t.speaks(&r.language))
        .count();
    if p.eligible.len() < r.trainers_min as usize {
        let mut text = format!(
            "needs {} trainer(s) in {} who work in {}; {} exist",
            r.trainers_min, r.area, r.language, speakers
        );
        if speakers > p.eligible.len() {
            let ruled: Vec<String> = problem
                .trainers
                .iter()
                .filter_map(|t| match static_check(problem, t, r) {
                    Err(e @ (Exclusion::Region | Exclusion::NoTravel)) => {
                        Some(format!("{} ({})", t.id, e.constraint()))
                    }
                    _ => None,
                })
                .collect();
            text.push_str(&format!(
                ", and region or travel rules leave {}: {} ruled out",
                p.eligible.len(),
                ruled.join(", ")
            ));
        }
        return vec![reason("too_few_eligible", text)];
    }
    let aces = p
        .eligible
        .iter()
        .filter(|&&t| is_lead(&problem.trainers[t], r))
        .count();
    if aces < r.leads as usize {
        let text = format!(
            "needs {} lead(s) who are WCO Accredited Experts in {}; {} eligible",
            r.leads, r.area, aces
        );
        return vec![reason("too_few_leads", text)];
    }
    if p.staffable.is_empty() {
        let text = format!(
            "{} eligible trainer(s), but on no allowed start are enough of them free (unavailability), or the same-country limit or budgets leave too few",
            p.eligible.len()
        );
        return vec![reason("never_free_together", text)];
    }
    let text = format!(
        "possible alone ({} allowed start(s) with enough free trainers), but in this plan its eligible trainers serve other requests that together give more coverage (or cost less at equal coverage), or have spent their budgets",
        p.staffable.len()
    );
    vec![reason("busy_in_plan", text)]
}

fn no_start_text(problem: &Problem, r: &Request) -> String {
    let h = &problem.horizon;
    if let Some(fixed) = r.fixed_start {
        return format!(
            "no allowed start: the fixed start {fixed} lies outside the planning horizon {} … {}",
            h.from, h.to
        );
    }
    if r.last_start().is_none() {
        return format!(
            "no allowed start: the window {} … {} is shorter than the {} day(s) the training lasts",
            r.earliest_start, r.latest_end, r.duration_days
        );
    }
    let days = r
        .start_weekdays
        .as_deref()
        .unwrap_or(&problem.policy.start_weekdays);
    let names: Vec<&str> = days
        .iter()
        .map(|d| crate::model::calendar::weekday_code(*d))
        .collect();
    format!(
        "no allowed start: no {} start lets {} day(s) fit between {} and {} inside the horizon {} … {}",
        names.join("/"),
        r.duration_days,
        r.earliest_start,
        r.latest_end,
        h.from,
        h.to
    )
}

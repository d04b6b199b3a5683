//! Kind 1: requests nobody could ever staff, whatever the rest of the plan, with the numbers
//! and every eligible-looking candidate (a holder of the request's area) with the first rule
//! that rules them out.

use chrono::NaiveDate;

use super::words::{area_name, id_list, language_name};
use crate::eligibility::{free_at, is_lead, static_check, Exclusion, Potential};
use crate::model::{Problem, Reason, Request, Trainer};

/// A trainer holding the request's area and the first rule that keeps them off it, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Trainer index in the problem.
    pub trainer: usize,
    /// The first rule that rules the trainer out (`C2`, `C3`, `C4`, `C5`, `C9`), or `None`
    /// when the trainer could serve the request on some allowed start.
    pub rule: Option<&'static str>,
    /// The rule in words, e.g. "does not work in Portuguese".
    pub why: String,
}

/// Every holder of the request's area (C1), in problem order, with the first rule that rules
/// them out: C2–C4 (static), C5 (unavailable on every allowed start) or C9 (budget below the
/// duration).
pub fn candidates(problem: &Problem, r: &Request, starts: &[NaiveDate]) -> Vec<Candidate> {
    problem
        .trainers
        .iter()
        .enumerate()
        .filter(|(_, t)| t.level(&r.area).is_some())
        .map(|(i, t)| {
            let (rule, why) = first_rule(problem, t, r, starts);
            Candidate {
                trainer: i,
                rule,
                why,
            }
        })
        .collect()
}

fn first_rule(
    problem: &Problem,
    t: &Trainer,
    r: &Request,
    starts: &[NaiveDate],
) -> (Option<&'static str>, String) {
    match static_check(problem, t, r) {
        Err(Exclusion::Area) => (
            Some("C1"),
            format!("does not hold {}", area_name(r.area.as_str())),
        ),
        Err(Exclusion::Language) => (
            Some("C2"),
            format!("does not work in {}", language_name(r.language.as_str())),
        ),
        Err(Exclusion::Region) => {
            let region = problem.region_of(&t.country).map_or("no region", |g| g.as_str());
            (
                Some("C3"),
                format!("comes from {region}, which the request does not accept"),
            )
        }
        Err(Exclusion::NoTravel) => (Some("C4"), format!("does not travel and the host is {}", r.host)),
        Ok(()) if !starts.iter().any(|&s| free_at(t, r, s)) => {
            (Some("C5"), "unavailable on every allowed start".to_owned())
        }
        Ok(()) if problem.budget(t) < r.duration_days => (
            Some("C9"),
            format!(
                "may give {} day(s) a year, the training lasts {}",
                problem.budget(t),
                r.duration_days
            ),
        ),
        Ok(()) => (None, "could serve".to_owned()),
    }
}

/// Candidates grouped by rule in words, e.g. "C2 (does not work in Portuguese): KE-031, UG-007".
pub fn ruled_out_text(
    problem: &Problem,
    candidates: &[Candidate],
    filter: impl Fn(&Candidate) -> bool,
) -> String {
    let mut groups: Vec<(&'static str, &str, Vec<&str>)> = Vec::new();
    for c in candidates.iter().filter(|c| filter(c)) {
        let Some(rule) = c.rule else { continue };
        // C3 texts name the trainer's region; group by rule, word the group generally.
        let key = match rule {
            "C3" => "region not accepted",
            "C4" => "does not travel",
            _ => c.why.as_str(),
        };
        let id = problem.trainers[c.trainer].id.as_str();
        match groups.iter_mut().find(|(r, k, _)| *r == rule && *k == key) {
            Some((_, _, ids)) => ids.push(id),
            None => groups.push((rule, key, vec![id])),
        }
    }
    groups.sort_by_key(|(rule, key, _)| (*rule, *key));
    groups
        .iter()
        .map(|(rule, key, ids)| format!("{rule} ({key}): {}", id_list(ids)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The most fundamental reason nobody could ever staff `r`, if there is one.
pub fn never(problem: &Problem, r: &Request, p: &Potential) -> Option<Reason> {
    if p.starts.is_empty() {
        return Some(super::reason("no_allowed_start", no_start_text(problem, r)));
    }
    let cands = candidates(problem, r, &p.starts);
    let (area, lang) = (area_name(r.area.as_str()), language_name(r.language.as_str()));
    let qualified: Vec<&str> = cands
        .iter()
        .filter(|c| c.rule != Some("C2"))
        .map(|c| problem.trainers[c.trainer].id.as_str())
        .collect();
    let min = r.trainers_min as usize;
    if qualified.len() < min {
        let mut text = format!(
            "needs {min} trainer(s) in {area} who work in {lang}; {} exist{}{}",
            qualified.len(),
            if qualified.len() == 1 { "s" } else { "" },
            paren_ids(&qualified)
        );
        let out = ruled_out_text(problem, &cands, |c| c.rule == Some("C2"));
        if !out.is_empty() {
            text.push_str(&format!("; other holders of the area: {out}"));
        }
        return Some(super::reason("too_few_qualified", text));
    }
    let eligible: Vec<&str> = p
        .eligible
        .iter()
        .map(|&t| problem.trainers[t].id.as_str())
        .collect();
    if eligible.len() < min {
        let out = ruled_out_text(problem, &cands, |c| matches!(c.rule, Some("C3" | "C4")));
        let text = format!(
            "needs {min} trainer(s) in {area} who work in {lang}; {} exist{}, but region and travel rules leave {}{}; ruled out: {out}",
            qualified.len(),
            if qualified.len() == 1 { "s" } else { "" },
            eligible.len(),
            paren_ids(&eligible),
        );
        return Some(super::reason("too_few_eligible", text));
    }
    let aces: Vec<&str> = p
        .eligible
        .iter()
        .filter(|&&t| is_lead(&problem.trainers[t], r))
        .map(|&t| problem.trainers[t].id.as_str())
        .collect();
    if aces.len() < r.leads as usize {
        let mut text = format!(
            "needs {} lead(s) who are WCO Accredited Experts (ace) in {area}; {} of its {} eligible trainers hold ace level{}",
            r.leads,
            aces.len(),
            eligible.len(),
            paren_ids(&aces)
        );
        let out = ruled_out_text(problem, &cands, |c| {
            matches!(c.rule, Some("C2" | "C3" | "C4")) && is_lead(&problem.trainers[c.trainer], r)
        });
        if !out.is_empty() {
            text.push_str(&format!("; other ace holders: {out}"));
        }
        return Some(super::reason("too_few_leads", text));
    }
    if p.staffable.is_empty() {
        return Some(super::reason(
            "never_free_together",
            never_free_text(problem, r, p, &cands),
        ));
    }
    None
}

/// Why no allowed start can get a team: the best any start does against each rule in turn.
fn never_free_text(problem: &Problem, r: &Request, p: &Potential, cands: &[Candidate]) -> String {
    let mut best_free = 0;
    let mut best_budget = 0;
    let mut best_leads = 0;
    for &s in &p.starts {
        let free: Vec<usize> = p
            .eligible
            .iter()
            .copied()
            .filter(|&t| free_at(&problem.trainers[t], r, s))
            .collect();
        let fits: Vec<usize> = free
            .iter()
            .copied()
            .filter(|&t| problem.budget(&problem.trainers[t]) >= r.duration_days)
            .collect();
        best_free = best_free.max(free.len());
        best_budget = best_budget.max(fits.len());
        best_leads = best_leads.max(fits.iter().filter(|&&t| is_lead(&problem.trainers[t], r)).count());
    }
    let (n, min) = (p.starts.len(), r.trainers_min as usize);
    let span = format!("{n} allowed start(s), {} … {}", p.starts[0], p.starts[n - 1]);
    let cause = if best_free < min {
        format!(
            "at most {best_free} of its {} eligible trainers are free on the same start (C5 unavailability)",
            p.eligible.len()
        )
    } else if best_budget < min {
        format!(
            "at most {best_budget} free trainers on one start have {} day(s) of budget left (C9)",
            r.duration_days
        )
    } else if best_leads < r.leads as usize {
        format!(
            "at most {best_leads} ace lead(s) are free on the same start, {} needed (C6)",
            r.leads
        )
    } else {
        format!(
            "the same-country limit of {} (C7) leaves too few of the free trainers",
            r.max_same_country.unwrap_or(0)
        )
    };
    let ok = |c: &Candidate| c.rule.is_none() || c.rule == Some("C5") || c.rule == Some("C9");
    let out = ruled_out_text(problem, cands, |c| ok(c) && c.rule.is_some());
    let mut text = format!("needs {min} trainer(s) together; on its {span}, {cause}");
    if !out.is_empty() {
        text.push_str(&format!("; ruled out: {out}"));
    }
    text
}

fn paren_ids(ids: &[&str]) -> String {
    if ids.is_empty() {
        String::new()
    } else {
        format!(" ({})", id_list(ids))
    }
}

/// Why a request has no allowed start: fixed start outside the horizon, window shorter than
/// the training, or no allowed weekday in the window and horizon.
pub fn no_start_text(problem: &Problem, r: &Request) -> String {
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

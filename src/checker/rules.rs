//! The hard rules, each checked on its own from the problem's raw fields.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};

use super::{Rule, Violation};
use crate::model::{Assignment, Level, Problem, Request, Schedule, Trainer, TrainerId};

struct Out(Vec<Violation>);

impl Out {
    fn push(&mut self, rule: Rule, r: Option<&Request>, t: Option<&TrainerId>, message: String) {
        self.0.push(Violation {
            rule,
            request: r.map(|r| r.id.clone()),
            trainer: t.cloned(),
            message,
        });
    }
}

/// A training as placed: request, days, trainers found in the problem.
struct Placed<'p> {
    request: &'p Request,
    first: NaiveDate,
    last: NaiveDate,
    trainers: Vec<&'p Trainer>,
}

pub(super) fn check_rules(problem: &Problem, schedule: &Schedule) -> Vec<Violation> {
    let mut out = Out(Vec::new());
    let mut seen = BTreeSet::new();
    let mut placed = Vec::new();
    for a in &schedule.scheduled {
        let Some(r) = problem.requests.iter().find(|r| r.id == a.request) else {
            out.push(
                Rule::Reference,
                None,
                None,
                format!("request `{}` is not in the problem", a.request),
            );
            continue;
        };
        if !seen.insert(&r.id) {
            out.push(
                Rule::Reference,
                Some(r),
                None,
                "the request is scheduled more than once".into(),
            );
            continue;
        }
        placed.push(check_assignment(problem, r, a, &mut out));
    }
    for u in schedule.unscheduled.iter().filter(|u| seen.contains(&u.request)) {
        out.push(
            Rule::Reference,
            None,
            None,
            format!("request `{}` is both scheduled and unscheduled", u.request),
        );
    }
    check_trainers(problem, &placed, &mut out);
    check_pins(problem, &placed, &mut out);
    out.0
}

fn check_assignment<'p>(problem: &'p Problem, r: &'p Request, a: &Assignment, out: &mut Out) -> Placed<'p> {
    let last = a
        .start
        .checked_add_days(days_after_first(r))
        .unwrap_or(NaiveDate::MAX);
    if a.end != last {
        out.push(
            Rule::End,
            Some(r),
            None,
            format!(
                "ends {} but {} day(s) from {} end {}",
                a.end, r.duration_days, a.start, last
            ),
        );
    }
    if let Some(why) = start_problem(problem, r, a.start) {
        out.push(
            Rule::Start,
            Some(r),
            None,
            format!("start {} is not allowed: {why}", a.start),
        );
    }
    let mut trainers: Vec<&Trainer> = Vec::new();
    for id in &a.trainers {
        match problem.trainers.iter().find(|t| &t.id == id) {
            None => out.push(
                Rule::Reference,
                Some(r),
                Some(id),
                format!("trainer `{id}` is not in the problem"),
            ),
            Some(t) if trainers.iter().any(|x| x.id == t.id) => out.push(
                Rule::Reference,
                Some(r),
                Some(id),
                "the trainer is listed twice".into(),
            ),
            Some(t) => trainers.push(t),
        }
    }
    let n = trainers.len() as u32;
    if n < r.trainers_min || n > r.trainers_max {
        let msg = format!(
            "has {n} trainer(s); it needs {} to {}",
            r.trainers_min, r.trainers_max
        );
        out.push(Rule::Count, Some(r), None, msg);
    }
    for t in &trainers {
        check_trainer_fit(problem, r, t, a.start, last, out);
    }
    check_team(r, &trainers, out);
    Placed {
        request: r,
        first: a.start,
        last,
        trainers,
    }
}

fn days_after_first(r: &Request) -> chrono::Days {
    chrono::Days::new(u64::from(r.duration_days.max(1)) - 1)
}

fn start_problem(problem: &Problem, r: &Request, start: NaiveDate) -> Option<String> {
    if start < problem.horizon.from || start > problem.horizon.to {
        return Some(format!(
            "outside the horizon {} … {}",
            problem.horizon.from, problem.horizon.to
        ));
    }
    let last_start = r
        .latest_end
        .checked_sub_days(days_after_first(r))
        .unwrap_or(NaiveDate::MIN);
    if start < r.earliest_start || start > last_start {
        return Some(format!(
            "the training must lie within {} … {}",
            r.earliest_start, r.latest_end
        ));
    }
    if let Some(fixed) = r.fixed_start {
        return (start != fixed).then(|| format!("the request is fixed to start on {fixed}"));
    }
    let days = r
        .start_weekdays
        .as_ref()
        .unwrap_or(&problem.policy.start_weekdays);
    let code = crate::model::calendar::weekday_code;
    let allowed: Vec<&str> = days.iter().map(|d| code(*d)).collect();
    (!days.contains(&start.weekday())).then(|| {
        format!(
            "trainings may not start on a {} (allowed: {})",
            code(start.weekday()),
            allowed.join(", ")
        )
    })
}

fn check_trainer_fit(
    problem: &Problem,
    r: &Request,
    t: &Trainer,
    first: NaiveDate,
    last: NaiveDate,
    out: &mut Out,
) {
    let id = Some(&t.id);
    if !t.expertise.contains_key(&r.area) {
        out.push(
            Rule::C1Area,
            Some(r),
            id,
            format!("does not hold area `{}`", r.area),
        );
    }
    if !t.languages.contains(&r.language) {
        out.push(
            Rule::C2Language,
            Some(r),
            id,
            format!("does not work in `{}`", r.language),
        );
    }
    if let Some(regions) = &r.regions {
        let region = problem.countries.get(&t.country).map(|c| &c.region);
        if !region.is_some_and(|g| regions.contains(g)) {
            out.push(
                Rule::C3Region,
                Some(r),
                id,
                format!("comes from {}, a region the request does not accept", t.country),
            );
        }
    }
    if !t.travels && t.country != r.host {
        out.push(
            Rule::C4Travel,
            Some(r),
            id,
            format!("does not travel, and the host is {}", r.host),
        );
    }
    for u in t.unavailable.iter().filter(|u| u.from <= last && first <= u.to) {
        let msg = format!(
            "unavailable {} … {}, during the training {} … {}",
            u.from, u.to, first, last
        );
        out.push(Rule::C5Unavailable, Some(r), id, msg);
    }
}

fn check_team(r: &Request, trainers: &[&Trainer], out: &mut Out) {
    let aces = trainers
        .iter()
        .filter(|t| t.expertise.get(&r.area) == Some(&Level::Ace))
        .count() as u32;
    if aces < r.leads {
        out.push(
            Rule::C6Leads,
            Some(r),
            None,
            format!(
                "needs {} lead(s) at ace level in `{}`, has {aces}",
                r.leads, r.area
            ),
        );
    }
    let Some(cap) = r.max_same_country else {
        return;
    };
    let mut per_country: BTreeMap<_, u32> = BTreeMap::new();
    for t in trainers {
        *per_country.entry(&t.country).or_default() += 1;
    }
    for (country, n) in per_country.into_iter().filter(|(_, n)| *n > cap) {
        out.push(
            Rule::C7SameCountry,
            Some(r),
            None,
            format!("{n} trainers from {country}, at most {cap} allowed"),
        );
    }
}

fn check_trainers(problem: &Problem, placed: &[Placed<'_>], out: &mut Out) {
    for t in &problem.trainers {
        check_trainer(problem, t, placed, out);
    }
}

/// C8 and C9 for trainer `t` over the trainings of `placed` that `t` is on.
fn check_trainer(problem: &Problem, t: &Trainer, placed: &[Placed<'_>], out: &mut Out) {
    let mine: Vec<&Placed<'_>> = placed
        .iter()
        .filter(|p| p.trainers.iter().any(|x| x.id == t.id))
        .collect();
    let gap = i64::from(problem.policy.min_gap_days);
    for (i, a) in mine.iter().enumerate() {
        for b in &mine[i + 1..] {
            let (early, late) = if a.first <= b.first { (a, b) } else { (b, a) };
            let free = (late.first - early.last).num_days() - 1;
            if free < gap {
                let msg = format!(
                    "{} free day(s) between {} and {}; {gap} needed",
                    free.max(0),
                    early.request.id,
                    late.request.id
                );
                out.push(Rule::C8Gap, Some(late.request), Some(&t.id), msg);
            }
        }
    }
    let days: u64 = mine.iter().map(|p| u64::from(p.request.duration_days)).sum();
    let budget = u64::from(t.max_days.unwrap_or(problem.policy.max_days));
    if days > budget {
        out.push(
            Rule::C9Budget,
            None,
            Some(&t.id),
            format!("assigned {days} training days, budget {budget}"),
        );
    }
}

/// The rules trainer `b` would break standing in for `member` on `a` (request `r`) in
/// `schedule`: C1–C5 for `b`, C6 and C7 for the team with `b` in `member`'s place, and C8 and
/// C9 for `b` over their own trainings and this one.
pub(super) fn stand_in_violations(
    problem: &Problem,
    schedule: &Schedule,
    r: &Request,
    a: &Assignment,
    b: &Trainer,
    member: &TrainerId,
) -> Vec<Violation> {
    let mut out = Out(Vec::new());
    let last = a
        .start
        .checked_add_days(days_after_first(r))
        .unwrap_or(NaiveDate::MAX);
    check_trainer_fit(problem, r, b, a.start, last, &mut out);
    let team: Vec<&Trainer> = a
        .trainers
        .iter()
        .filter(|t| *t != member)
        .filter_map(|t| problem.trainers.iter().find(|x| &x.id == t))
        .chain([b])
        .collect();
    check_team(r, &team, &mut out);
    let mut placed = vec![Placed {
        request: r,
        first: a.start,
        last,
        trainers: vec![b],
    }];
    for other in schedule.scheduled.iter().filter(|o| o.trainers.contains(&b.id)) {
        if let Some(q) = problem.requests.iter().find(|q| q.id == other.request) {
            let last = other
                .start
                .checked_add_days(days_after_first(q))
                .unwrap_or(NaiveDate::MAX);
            placed.push(Placed {
                request: q,
                first: other.start,
                last,
                trainers: vec![b],
            });
        }
    }
    check_trainer(problem, b, &placed, &mut out);
    out.0
}

fn check_pins(problem: &Problem, placed: &[Placed<'_>], out: &mut Out) {
    for pin in &problem.pins {
        let p = placed.iter().find(|p| p.request.id == pin.request);
        let r = problem.requests.iter().find(|r| r.id == pin.request);
        let msg = match p {
            None => Some("is pinned but not scheduled".to_owned()),
            Some(p) if !p.trainers.iter().any(|t| t.id == pin.trainer) => {
                Some("the pinned trainer is not on it".to_owned())
            }
            Some(p) => pin
                .start
                .filter(|s| *s != p.first)
                .map(|s| format!("pinned to start {s}, starts {}", p.first)),
        };
        if let Some(msg) = msg {
            out.push(Rule::C10Pin, r, Some(&pin.trainer), msg);
        }
    }
}

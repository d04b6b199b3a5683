//! The key figures of a schedule: counts by kind and by host region, coverage, cost, bound and
//! gap, an honest status line, and trainer-days used against budgets.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::model::{Kind, Problem, Schedule, Status, TrainerId};

/// Requested and staffed requests of one group (a kind or a host region).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GroupRow {
    /// The group's name.
    pub name: String,
    /// Requests of the group in the problem.
    pub requested: usize,
    /// Of those, staffed in the schedule.
    pub staffed: usize,
    /// Staffed as a whole percentage of requested (0 when nothing was requested).
    pub percent: u32,
}

/// One headline number with its explanation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Figure {
    /// What it is.
    pub label: String,
    /// The number, formatted.
    pub value: String,
    /// Bound, gap or share, in words.
    pub note: String,
}

/// What the solver proved, for people: a CSS class (`ok`, `warn`, `bad`) and a sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StatusLine {
    /// `optimal`, `feasible`, `infeasible` or `no_solution_found`.
    pub code: String,
    /// `ok`, `warn` or `bad`.
    pub class: String,
    /// The sentence.
    pub text: String,
}

/// All key figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Figures {
    /// Status line.
    pub status: StatusLine,
    /// Headline numbers.
    pub headline: Vec<Figure>,
    /// By kind, in the order national, regional, refresher, partner.
    pub by_kind: Vec<GroupRow>,
    /// By host region, sorted by region name.
    pub by_region: Vec<GroupRow>,
}

/// Days a trainer gives in `schedule` (sum of the lengths of their trainings).
pub fn days_used(schedule: &Schedule) -> BTreeMap<TrainerId, u32> {
    let mut used = BTreeMap::new();
    for a in &schedule.scheduled {
        let days = u32::try_from((a.end - a.start).num_days() + 1).unwrap_or(0);
        for t in &a.trainers {
            *used.entry(t.clone()).or_insert(0) += days;
        }
    }
    used
}

/// The key figures of `schedule` for `problem`; coverage and cost are recomputed from the
/// problem (the checker's figures), not taken from the file.
pub fn figures(problem: &Problem, schedule: &Schedule) -> Figures {
    let staffed: BTreeSet<_> = schedule.scheduled.iter().map(|a| &a.request).collect();
    let kinds = [Kind::National, Kind::Regional, Kind::Refresher, Kind::Partner];
    let by_kind = kinds
        .iter()
        .map(|k| group(k.code(), problem, &staffed, |r| r.kind == *k))
        .filter(|g| g.requested > 0)
        .collect();
    let regions: BTreeSet<String> = problem.requests.iter().map(|r| region_name(problem, r)).collect();
    let by_region = regions
        .iter()
        .map(|name| group(name, problem, &staffed, |r| &region_name(problem, r) == name))
        .collect();
    Figures {
        status: status_line(schedule),
        headline: headline(problem, schedule, staffed.len()),
        by_kind,
        by_region,
    }
}

fn region_name(problem: &Problem, r: &crate::model::Request) -> String {
    problem
        .region_of(&r.host)
        .map_or("(unknown region)".to_owned(), |g| g.to_string())
}

fn group(
    name: &str,
    problem: &Problem,
    staffed: &BTreeSet<&crate::model::RequestId>,
    pick: impl Fn(&crate::model::Request) -> bool,
) -> GroupRow {
    let mine: Vec<_> = problem.requests.iter().filter(|r| pick(r)).collect();
    let done = mine.iter().filter(|r| staffed.contains(&r.id)).count();
    GroupRow {
        name: name.to_owned(),
        requested: mine.len(),
        staffed: done,
        percent: percent(done as f64, mine.len() as f64),
    }
}

fn percent(part: f64, whole: f64) -> u32 {
    if whole > 0.0 {
        (100.0 * part / whole).round() as u32
    } else {
        0
    }
}

/// `211240` as `211,240`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn gap_text(gap: f64) -> String {
    format!("{:.4}%", gap * 100.0)
}

fn headline(problem: &Problem, s: &Schedule, staffed: usize) -> Vec<Figure> {
    let real = crate::checker::recompute(problem, s);
    let total_priority: u64 = problem.requests.iter().map(|r| u64::from(r.priority)).sum();
    let (cov_note, cost_note) = match (s.bound, s.gap) {
        (Some(b), Some(g)) => (
            format!("proven bound {}, gap {}", b.coverage, gap_text(g.coverage)),
            format!(
                "proven bound {}, gap {}",
                thousands(b.cost.round() as u64),
                gap_text(g.cost)
            ),
        ),
        _ => (
            "no bound in the schedule file".to_owned(),
            "no bound in the schedule file".to_owned(),
        ),
    };
    let used = days_used(s);
    let days: u64 = used.values().map(|d| u64::from(*d)).sum();
    let budget: u64 = problem
        .trainers
        .iter()
        .map(|t| u64::from(problem.budget(t)))
        .sum();
    let busy = problem
        .trainers
        .iter()
        .filter(|t| used.contains_key(&t.id))
        .count();
    let full = problem
        .trainers
        .iter()
        .filter(|t| used.get(&t.id).is_some_and(|d| *d >= problem.budget(t)))
        .count();
    let n = problem.requests.len();
    vec![
        fig(
            "Requests staffed",
            format!("{staffed} of {n}"),
            format!("{}%", percent(staffed as f64, n as f64)),
        ),
        fig(
            "Coverage",
            format!("{} of {total_priority}", real.coverage),
            format!("sum of priorities; {cov_note}"),
        ),
        fig(
            "Cost",
            thousands(real.cost),
            format!("travel and subsistence; {cost_note}"),
        ),
        fig(
            "Trainer-days",
            format!("{} of {}", thousands(days), thousands(budget)),
            format!(
                "{}% of the trainers' yearly budgets",
                percent(days as f64, budget as f64)
            ),
        ),
        fig(
            "Trainers used",
            format!("{busy} of {}", problem.trainers.len()),
            format!("{full} at their full budget"),
        ),
        shares_figure(problem, s),
    ]
}

/// The distribution of budget shares: the largest, the median and the idle trainers; with
/// what the balance tiers proved when the schedule was solved with `--balance`.
fn shares_figure(problem: &Problem, s: &Schedule) -> Figure {
    let shares = crate::model::Shares::of(problem, s);
    let mut note = format!(
        "of a trainer's budget used; median {:.1}%, {} of {} trainers idle",
        shares.median * 100.0,
        shares.idle,
        shares.trainers
    );
    if let Some(b) = s.settings.as_ref().and_then(|st| st.balance) {
        note.push_str(&format!(
            "; balanced (cost within {}%): proven bound {:.1}%",
            b.cost_slack * 100.0,
            b.largest_share_bound * 100.0
        ));
    }
    fig("Largest share", format!("{:.1}%", shares.largest * 100.0), note)
}

fn fig(label: &str, value: String, note: String) -> Figure {
    Figure {
        label: label.to_owned(),
        value,
        note,
    }
}

fn status_line(s: &Schedule) -> StatusLine {
    let bound = s.bound.map_or(String::new(), |b| {
        format!(
            " Coverage bound {}, cost bound {}.",
            b.coverage,
            thousands(b.cost.round() as u64)
        )
    });
    let (class, text) = match s.status {
        Status::Optimal => (
            "ok",
            "Optimal: the solver proved both tiers (most coverage, then least cost), within the gaps shown."
                .to_owned(),
        ),
        Status::Feasible => (
            "warn",
            format!("Feasible, not proven optimal: a limit stopped the search.{bound}"),
        ),
        Status::NoSolutionFound => (
            "bad",
            format!("No valid schedule was found before the limit.{bound}"),
        ),
    };
    StatusLine {
        code: s.status.code().to_owned(),
        class: class.to_owned(),
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Assignment, Schedule};

    #[test]
    fn groups_add_up_and_days_count_every_trainer() {
        let raw = crate::generate::generate(&crate::generate::Spec::new(12, 20, 5));
        let bytes = serde_json::to_vec(&raw).unwrap();
        let problem = crate::validate::parse_problem(&bytes, "gen.json")
            .unwrap()
            .problem;
        let (t0, t1) = (problem.trainers[0].id.clone(), problem.trainers[1].id.clone());
        let day = problem.horizon.from;
        let assignment = |i: usize, days: u64, trainers: Vec<_>| Assignment {
            request: problem.requests[i].id.clone(),
            start: day,
            end: day + chrono::Days::new(days - 1),
            trainers,
        };
        let schedule = Schedule {
            status: Status::Feasible,
            objective: None,
            bound: None,
            gap: None,
            scheduled: vec![
                assignment(0, 3, vec![t0.clone(), t1.clone()]),
                assignment(4, 5, vec![t0.clone()]),
            ],
            unscheduled: Vec::new(),
            settings: None,
            backups: None,
        };
        let f = figures(&problem, &schedule);
        for rows in [&f.by_kind, &f.by_region] {
            assert_eq!(rows.iter().map(|r| r.requested).sum::<usize>(), 20);
            assert_eq!(rows.iter().map(|r| r.staffed).sum::<usize>(), 2);
        }
        assert_eq!(days_used(&schedule), BTreeMap::from([(t0, 8), (t1, 3)]));
        assert_eq!(f.status.class, "warn");
        assert_eq!(f.headline[0].value, "2 of 20");
        assert_eq!(f.headline[4].value, "2 of 12");
    }

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(211240), "211,240");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}

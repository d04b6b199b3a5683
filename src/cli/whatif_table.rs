//! The comparison table of `whatif`: one row per case, in Markdown and CSV.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::whatif::Mode;
use crate::model::{Problem, Region, Schedule};

/// One solved case.
pub(super) struct Solved {
    pub(super) name: String,
    pub(super) problem: Problem,
    pub(super) schedule: Schedule,
    /// Changes D against the base as the disruption tier counted them, and whether the tier
    /// proved them minimal (none when the case was solved afresh).
    pub(super) changes: Option<(u64, bool)>,
    pub(super) seconds: f64,
}

/// One row of the comparison.
pub(super) struct Row {
    name: String,
    status: String,
    staffed: usize,
    requests: usize,
    coverage: u64,
    coverage_total: u64,
    cost: u64,
    /// Per region: (days used, days budgeted).
    days: BTreeMap<Region, (u64, u64)>,
    gained: usize,
    lost: usize,
    changed: usize,
    changes: Option<(u64, bool)>,
    shares: crate::model::Shares,
    seconds: f64,
}

pub(super) fn regions(solved: &[Solved]) -> Vec<Region> {
    let set: BTreeSet<Region> = solved
        .iter()
        .flat_map(|s| {
            s.problem
                .trainers
                .iter()
                .filter_map(|t| s.problem.region_of(&t.country).cloned())
        })
        .collect();
    set.into_iter().collect()
}

fn trainer_days(p: &Problem, s: &Schedule) -> BTreeMap<Region, (u64, u64)> {
    let mut days: BTreeMap<Region, (u64, u64)> = BTreeMap::new();
    for t in &p.trainers {
        if let Some(g) = p.region_of(&t.country) {
            days.entry(g.clone()).or_default().1 += u64::from(p.budget(t));
        }
    }
    for a in &s.scheduled {
        let d = p.request(&a.request).map_or(0, |r| u64::from(r.duration_days));
        for t in a.trainers.iter().filter_map(|t| p.trainer(t)) {
            if let Some(g) = p.region_of(&t.country) {
                days.entry(g.clone()).or_default().0 += d;
            }
        }
    }
    days
}

pub(super) fn compare(solved: &[Solved]) -> Vec<Row> {
    let base = &solved[0].schedule;
    let staffed =
        |s: &Schedule| -> BTreeSet<String> { s.scheduled.iter().map(|a| a.request.0.clone()).collect() };
    let base_ids = staffed(base);
    solved
        .iter()
        .map(|s| {
            let ids = staffed(&s.schedule);
            let d = crate::diff::diff(base, &s.schedule);
            let objective = s
                .schedule
                .objective
                .unwrap_or(crate::model::Objective { coverage: 0, cost: 0 });
            Row {
                name: s.name.clone(),
                status: s.schedule.status.code().to_owned(),
                staffed: s.schedule.scheduled.len(),
                requests: s.problem.requests.len(),
                coverage: objective.coverage,
                coverage_total: s.problem.requests.iter().map(|r| u64::from(r.priority)).sum(),
                cost: objective.cost,
                days: trainer_days(&s.problem, &s.schedule),
                gained: ids.difference(&base_ids).count(),
                lost: base_ids.difference(&ids).count(),
                changed: d.totals.moved + d.requests.iter().filter(|(_, c)| is_team_change(c)).count(),
                changes: s.changes,
                shares: crate::model::Shares::of(&s.problem, &s.schedule),
                seconds: s.seconds,
            }
        })
        .collect()
}

fn is_team_change(c: &crate::diff::RequestChange) -> bool {
    matches!(c, crate::diff::RequestChange::Changed { from, to, .. } if from == to)
}

fn pct(part: u64, whole: u64) -> String {
    if whole == 0 {
        "-".to_owned()
    } else {
        format!("{:.1}%", part as f64 * 100.0 / whole as f64)
    }
}

const HEAD: [&str; 9] = [
    "scenario",
    "status",
    "staffed",
    "coverage",
    "cost",
    "gained",
    "lost",
    "changed",
    "changes D",
];

fn changes_cell(c: Option<(u64, bool)>) -> String {
    match c {
        None => "-".to_owned(),
        Some((d, true)) => format!("{d} (min)"),
        Some((d, false)) => format!("{d} (unproven)"),
    }
}

fn cells(r: &Row, regions: &[Region], with_time: bool) -> Vec<String> {
    let mut v = vec![
        r.name.clone(),
        r.status.clone(),
        format!("{}/{}", r.staffed, r.requests),
        format!("{} ({})", r.coverage, pct(r.coverage, r.coverage_total)),
        r.cost.to_string(),
        r.gained.to_string(),
        r.lost.to_string(),
        r.changed.to_string(),
        changes_cell(r.changes),
        format!("{:.1}%", r.shares.largest * 100.0),
        format!("{:.1}%", r.shares.median * 100.0),
        format!("{}/{}", r.shares.idle, r.shares.trainers),
    ];
    for g in regions {
        let (used, budget) = r.days.get(g).copied().unwrap_or_default();
        v.push(format!("{used}/{budget} ({})", pct(used, budget)));
    }
    if with_time {
        v.push(format!("{:.1}", r.seconds));
    }
    v
}

/// The table in Markdown; `with_time` adds each solve's wall-clock seconds.
pub(super) fn markdown(rows: &[Row], regions: &[Region], with_time: bool, mode: Mode) -> String {
    let mut head: Vec<String> = HEAD.iter().map(|h| h.to_string()).collect();
    head.extend(regions.iter().map(|g| format!("{g} days used/budget")));
    if with_time {
        head.push("solve s".to_owned());
    }
    let mut out = String::new();
    let _ = writeln!(out, "mode: {}\n", mode.describe());
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let _ = writeln!(out, "|{}", " --- |".repeat(head.len()));
    for r in rows {
        let _ = writeln!(out, "| {} |", cells(r, regions, with_time).join(" | "));
    }
    let _ = writeln!(
        out,
        "\ngained/lost: requests staffed in the scenario and not in the base, and the reverse; \
         changed: requests staffed in both with another start or team; changes D: the \
         disruption tier's count against the base (one per dropped or moved request, one per \
         published trainer taken off or trainer added), `min` when proven minimal; shares: of each trainer's \
         day budget used, idle trainers included in the median."
    );
    out
}

/// The table as CSV, with separate used and budget columns per region.
pub(super) fn csv(rows: &[Row], regions: &[Region], with_time: bool, mode: Mode) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head: Vec<String> = [
        "scenario",
        "status",
        "staffed",
        "requests",
        "coverage",
        "coverage_total",
        "cost",
        "gained",
        "lost",
        "changed",
        "changes_d",
        "changes_d_proven",
        "mode",
        "largest_share",
        "median_share",
        "idle_trainers",
    ]
    .iter()
    .map(|h| h.to_string())
    .collect();
    for g in regions {
        head.push(format!("{g} days used"));
        head.push(format!("{g} days budget"));
    }
    if with_time {
        head.push("solve_seconds".to_owned());
    }
    let _ = w.write_record(&head);
    for r in rows {
        let mut v = vec![
            r.name.clone(),
            r.status.clone(),
            r.staffed.to_string(),
            r.requests.to_string(),
            r.coverage.to_string(),
            r.coverage_total.to_string(),
            r.cost.to_string(),
            r.gained.to_string(),
            r.lost.to_string(),
            r.changed.to_string(),
            r.changes.map_or(String::new(), |c| c.0.to_string()),
            r.changes.map_or(String::new(), |c| c.1.to_string()),
            mode.code().to_owned(),
            format!("{:.4}", r.shares.largest),
            format!("{:.4}", r.shares.median),
            r.shares.idle.to_string(),
        ];
        for g in regions {
            let (used, budget) = r.days.get(g).copied().unwrap_or_default();
            v.push(used.to_string());
            v.push(budget.to_string());
        }
        if with_time {
            v.push(format!("{:.2}", r.seconds));
        }
        let _ = w.write_record(&v);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

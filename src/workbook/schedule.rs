//! A schedule as a workbook for planners: key figures, the schedule (one row per request), one
//! sheet per host region, the unstaffed requests with their reasons, the trainers' calendars
//! (one long sheet, filterable by trainer) and their workload.
//!
//! One sheet per trainer would make 210 tabs that no one can find their way through; a single
//! calendar sheet with a filter on `trainer` shows any trainer's year in two clicks and can be
//! sorted and printed as a whole.

use std::collections::BTreeMap;

use super::out::{Cell, Column, Sheet};
use crate::model::{Problem, Request, Schedule, TrainerId};

/// Names of the fixed sheets, in order (region sheets follow `schedule`).
pub const SHEETS: [&str; 5] = [
    "key figures",
    "schedule",
    "unstaffed",
    "trainer calendars",
    "trainer workload",
];

/// Columns of the `schedule` sheet and the region sheets.
pub const SCHEDULE_COLUMNS: [&str; 14] = [
    "request",
    "title",
    "kind",
    "host",
    "region",
    "area",
    "language",
    "staffed",
    "start",
    "end",
    "days",
    "trainers",
    "trainer names",
    "cost",
];

fn sheet(name: &str, headers: &[&str], rows: Vec<Vec<Cell>>) -> Sheet {
    Sheet {
        name: name.to_owned(),
        columns: headers.iter().map(|h| Column::plain(h)).collect(),
        rows,
    }
}

fn region(problem: &Problem, r: &Request) -> String {
    problem.region_of(&r.host).map_or(String::new(), |g| g.0.clone())
}

fn cost(problem: &Problem, r: &Request, trainers: &[TrainerId]) -> i64 {
    let one = |id: &TrainerId| problem.trainer(id).map_or(0, |t| problem.assignment_cost(t, r));
    trainers.iter().map(one).sum::<u64>() as i64
}

/// The schedule's sheets.
pub fn sheets(problem: &Problem, s: &Schedule) -> Vec<Sheet> {
    let rows = schedule_rows(problem, s);
    let mut out = vec![
        key_figures(problem, s),
        sheet(SHEETS[1], &SCHEDULE_COLUMNS, rows.clone()),
    ];
    let mut by_region: BTreeMap<String, Vec<Vec<Cell>>> = BTreeMap::new();
    for row in rows {
        let name = match &row[4] {
            Cell::Text(g) => g.clone(),
            _ => "no region".to_owned(),
        };
        by_region.entry(name).or_default().push(row);
    }
    let mut taken: Vec<String> = SHEETS.iter().map(|s| (*s).to_owned()).collect();
    for (name, rows) in by_region {
        let name = sheet_name(&name, &taken);
        taken.push(name.clone());
        out.push(sheet(&name, &SCHEDULE_COLUMNS, rows));
    }
    out.push(unstaffed(problem, s));
    out.extend(super::backups::sheet(problem, s));
    out.extend(calendars(problem, s));
    out
}

/// A valid sheet name for `wanted` (no `[]:*?/\`, at most 31 characters) not in `taken`.
fn sheet_name(wanted: &str, taken: &[String]) -> String {
    let clean: String = wanted
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    let clean = if clean.trim().is_empty() {
        "region".to_owned()
    } else {
        clean
    };
    let mut name = clean.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        let suffix = format!(" ({n})");
        name = clean.chars().take(31 - suffix.len()).collect::<String>() + &suffix;
        n += 1;
    }
    name
}

/// One row per request, sorted by request id: staffed ones with dates, team and cost.
fn schedule_rows(problem: &Problem, s: &Schedule) -> Vec<Vec<Cell>> {
    let staffed: BTreeMap<_, _> = s.scheduled.iter().map(|a| (&a.request, a)).collect();
    let mut requests: Vec<&Request> = problem.requests.iter().collect();
    requests.sort_by(|a, b| a.id.cmp(&b.id));
    let name = |id: &TrainerId| problem.trainer(id).map_or(String::new(), |t| t.name.clone());
    let row = |r: &Request| {
        let a = staffed.get(&r.id);
        let mut cells = vec![
            Cell::text(r.id.as_str()),
            Cell::text(&r.title),
            Cell::text(r.kind.code()),
            Cell::text(r.host.as_str()),
            Cell::text(region(problem, r)),
            Cell::text(r.area.as_str()),
            Cell::text(r.language.as_str()),
            Cell::text(if a.is_some() { "yes" } else { "no" }),
        ];
        cells.extend(match a {
            Some(a) => {
                let ids: Vec<&str> = a.trainers.iter().map(TrainerId::as_str).collect();
                let names: Vec<String> = a.trainers.iter().map(name).collect();
                vec![
                    Cell::Date(a.start),
                    Cell::Date(a.end),
                    Cell::Int(r.duration_days.into()),
                    Cell::text(ids.join(", ")),
                    Cell::text(names.join(", ")),
                    Cell::Int(cost(problem, r, &a.trainers)),
                ]
            }
            None => vec![
                Cell::Empty,
                Cell::Empty,
                Cell::Int(r.duration_days.into()),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
            ],
        });
        cells
    };
    requests.into_iter().map(row).collect()
}

fn unstaffed(problem: &Problem, s: &Schedule) -> Sheet {
    let headers = [
        "request", "title", "kind", "host", "region", "area", "reason", "code", "why",
    ];
    let mut rows = Vec::new();
    for u in &s.unscheduled {
        let Some(r) = problem.request(&u.request) else {
            continue;
        };
        for (i, reason) in u.reasons.iter().enumerate() {
            rows.push(vec![
                Cell::text(r.id.as_str()),
                Cell::text(&r.title),
                Cell::text(r.kind.code()),
                Cell::text(r.host.as_str()),
                Cell::text(region(problem, r)),
                Cell::text(r.area.as_str()),
                Cell::Int(i as i64 + 1),
                Cell::text(&reason.code),
                Cell::text(&reason.text),
            ]);
        }
    }
    sheet(SHEETS[2], &headers, rows)
}

/// The trainers' calendars (one row per trainer and training, by trainer and date) and their
/// workload (one row per trainer).
fn calendars(problem: &Problem, s: &Schedule) -> [Sheet; 2] {
    let mut by_trainer: BTreeMap<&TrainerId, Vec<(&crate::model::Assignment, &Request)>> = BTreeMap::new();
    for a in &s.scheduled {
        let Some(r) = problem.request(&a.request) else {
            continue;
        };
        for t in &a.trainers {
            by_trainer.entry(t).or_default().push((a, r));
        }
    }
    let mut calendar = Vec::new();
    let mut workload = Vec::new();
    let mut trainers: Vec<_> = problem.trainers.iter().collect();
    trainers.sort_by(|a, b| a.id.cmp(&b.id));
    for t in trainers {
        let mut jobs = by_trainer.remove(&t.id).unwrap_or_default();
        jobs.sort_by_key(|(a, _)| (a.start, a.request.clone()));
        let days: u32 = jobs.iter().map(|(_, r)| r.duration_days).sum();
        let spent: i64 = jobs
            .iter()
            .map(|(_, r)| problem.assignment_cost(t, r) as i64)
            .sum();
        for (a, r) in &jobs {
            let others: Vec<&str> = a
                .trainers
                .iter()
                .filter(|o| **o != t.id)
                .map(TrainerId::as_str)
                .collect();
            calendar.push(vec![
                Cell::text(t.id.as_str()),
                Cell::text(&t.name),
                Cell::text(t.country.as_str()),
                Cell::text(r.id.as_str()),
                Cell::text(&r.title),
                Cell::text(r.host.as_str()),
                Cell::Date(a.start),
                Cell::Date(a.end),
                Cell::Int(r.duration_days.into()),
                Cell::text(others.join(", ")),
                Cell::Int(problem.assignment_cost(t, r) as i64),
            ]);
        }
        let region = problem
            .region_of(&t.country)
            .map_or(String::new(), |g| g.0.clone());
        workload.push(vec![
            Cell::text(t.id.as_str()),
            Cell::text(&t.name),
            Cell::text(t.country.as_str()),
            Cell::text(region),
            Cell::Int(jobs.len() as i64),
            Cell::Int(days.into()),
            Cell::Int(problem.budget(t).into()),
            Cell::Int(spent),
        ]);
    }
    let cal = [
        "trainer",
        "name",
        "country",
        "request",
        "title",
        "host",
        "start",
        "end",
        "days",
        "co-trainers",
        "cost",
    ];
    let load = [
        "trainer",
        "name",
        "country",
        "region",
        "trainings",
        "days",
        "budget",
        "cost",
    ];
    [
        sheet(SHEETS[3], &cal, calendar),
        sheet(SHEETS[4], &load, workload),
    ]
}

fn key_figures(problem: &Problem, s: &Schedule) -> Sheet {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut add = |figure: &str, value: Cell, of: Cell| rows.push(vec![Cell::text(figure), value, of]);
    let total = problem.requests.len() as i64;
    add("problem", Cell::text(&problem.name), Cell::Empty);
    add("status", Cell::text(s.status.code()), Cell::Empty);
    add(
        "requests staffed",
        Cell::Int(s.scheduled.len() as i64),
        Cell::Int(total),
    );
    add(
        "requests unstaffed",
        Cell::Int(s.unscheduled.len() as i64),
        Cell::Int(total),
    );
    if let Some(o) = s.objective {
        add("coverage", Cell::Int(o.coverage as i64), Cell::Empty);
        add("cost", Cell::Int(o.cost as i64), Cell::Empty);
    }
    if let Some(b) = s.bound {
        add("coverage bound", Cell::Float(b.coverage), Cell::Empty);
        add("cost bound", Cell::Float(b.cost), Cell::Empty);
    }
    if let Some(g) = s.gap {
        add("coverage gap", Cell::Percent(g.coverage), Cell::Empty);
        add("cost gap", Cell::Percent(g.cost), Cell::Empty);
    }
    let staffed: Vec<&Request> = s
        .scheduled
        .iter()
        .filter_map(|a| problem.request(&a.request))
        .collect();
    let mut groups: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for r in &problem.requests {
        let is = staffed.iter().any(|x| x.id == r.id) as i64;
        for key in [
            format!("staffed: {}", r.kind.code()),
            format!("staffed in {}", region(problem, r)),
        ] {
            let e = groups.entry(key).or_default();
            *e = (e.0 + is, e.1 + 1);
        }
    }
    for (key, (n, of)) in groups {
        add(&key, Cell::Int(n), Cell::Int(of));
    }
    let used: std::collections::BTreeSet<&TrainerId> = s.scheduled.iter().flat_map(|a| &a.trainers).collect();
    add(
        "trainers with trainings",
        Cell::Int(used.len() as i64),
        Cell::Int(problem.trainers.len() as i64),
    );
    let days: u64 = s
        .scheduled
        .iter()
        .filter_map(|a| {
            problem
                .request(&a.request)
                .map(|r| u64::from(r.duration_days) * a.trainers.len() as u64)
        })
        .sum();
    let budget: u64 = problem
        .trainers
        .iter()
        .map(|t| u64::from(problem.budget(t)))
        .sum();
    add(
        "trainer-days used",
        Cell::Int(days as i64),
        Cell::Int(budget as i64),
    );
    if let Some(st) = &s.settings {
        add("solver", Cell::text(&st.solver), Cell::Empty);
        add("formulation", Cell::text(&st.formulation), Cell::Empty);
        add("threads", Cell::Int(st.threads.into()), Cell::Empty);
        add("seed", Cell::Int(st.seed.into()), Cell::Empty);
        add("mtplan", Cell::text(&st.mtplan_version), Cell::Empty);
    }
    sheet(SHEETS[0], &["figure", "value", "of"], rows)
}

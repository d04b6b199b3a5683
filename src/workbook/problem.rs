//! A problem (format v1) as tables: the inverse of reading, so that JSON → workbook → JSON
//! gives the same problem.

use serde_json::Value as Json;

use super::out::{Cell, Column, Lists, Sheet};
use super::spec::{self, SETTINGS, SETTING_ROWS};
use crate::format::countries;
use crate::format::problem_v1::*;

/// A validated problem's JSON as the typed, normalised v1 structure (`trainers: {min}` without
/// `max` becomes `trainers: min`, the same request). `None` if it does not read as v1.
pub fn typed(value: &Json) -> Option<ProblemOut> {
    let mut p: ProblemOut = serde_json::from_value(value.clone()).ok()?;
    for r in &mut p.requests {
        if let TrainerCountV1::Range { min, max: None } = r.trainers {
            r.trainers = TrainerCountV1::Exact(min);
        }
    }
    Some(p)
}

fn code<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(Json::String(s)) => s,
        _ => String::new(),
    }
}

fn list<T: serde::Serialize>(items: &[T]) -> Cell {
    Cell::text(items.iter().map(code).collect::<Vec<_>>().join(", "))
}

fn opt_int(n: Option<u32>) -> Cell {
    n.map_or(Cell::Empty, |n| Cell::Int(n.into()))
}

fn opt_date(d: Option<chrono::NaiveDate>) -> Cell {
    d.map_or(Cell::Empty, Cell::Date)
}

fn columns(sheet: &spec::Sheet) -> Vec<Column> {
    sheet
        .columns
        .iter()
        .map(|c| Column {
            header: c.header.to_owned(),
            note: c.note.to_owned(),
            choices: c.choices,
        })
        .collect()
}

fn sheet(name: &str, rows: Vec<Vec<Cell>>) -> Sheet {
    let spec = spec::sheet(name).copied().unwrap_or(spec::SHEETS[0]);
    Sheet {
        name: name.to_owned(),
        columns: columns(&spec),
        rows,
    }
}

/// The problem's sheets, in the order of [`spec::SHEETS`], settings first; `countries` only
/// when the problem has its own table.
pub fn sheets(p: &ProblemOut) -> Vec<Sheet> {
    let mut out = vec![
        settings(p),
        sheet("trainers", p.trainers.iter().map(trainer).collect()),
    ];
    let periods = p.trainers.iter().flat_map(|t| {
        let id = Cell::text(&t.id);
        t.unavailable
            .iter()
            .map(move |u| vec![id.clone(), Cell::Date(u.from), Cell::Date(u.to)])
    });
    out.push(sheet("unavailability", periods.collect()));
    out.push(sheet("requests", p.requests.iter().map(request).collect()));
    let pins = p
        .pinned
        .iter()
        .map(|x| vec![Cell::text(&x.request), Cell::text(&x.trainer), opt_date(x.start)]);
    out.push(sheet("pins", pins.collect()));
    if let Some(cs) = &p.countries {
        let rows = cs.iter().map(|c| {
            let per_diem = Cell::Int(c.per_diem as i64);
            vec![
                Cell::text(&c.code),
                Cell::text(&c.name),
                Cell::text(&c.region),
                per_diem,
            ]
        });
        out.push(sheet("countries", rows.collect()));
    }
    let fares = p
        .travel_costs
        .iter()
        .map(|f| vec![Cell::text(&f.from), Cell::text(&f.to), Cell::Int(f.cost as i64)]);
    out.push(sheet("travel_costs", fares.collect()));
    out
}

fn settings(p: &ProblemOut) -> Sheet {
    let q = &p.policy;
    let values = [
        Cell::text(&p.name),
        Cell::Date(p.horizon.start),
        Cell::Date(p.horizon.end),
        Cell::Int(q.min_gap_days.into()),
        Cell::Int(q.max_days.into()),
        list(&q.start_weekdays),
        Cell::Int(q.regional_fare as i64),
        Cell::Int(q.interregional_fare as i64),
    ];
    let rows = SETTING_ROWS
        .iter()
        .zip(values)
        .map(|(s, v)| vec![Cell::text(s.0), v, Cell::text(s.4)]);
    let note = "one row per setting: its name here, its value in column B";
    Sheet {
        name: SETTINGS.to_owned(),
        columns: vec![
            Column {
                note: note.to_owned(),
                ..Column::plain("setting")
            },
            Column::plain("value"),
            Column::plain("about"),
        ],
        rows: rows.collect(),
    }
}

fn trainer(t: &TrainerV1) -> Vec<Cell> {
    let areas: Vec<&str> = t.expertise.iter().map(|e| e.area.as_str()).collect();
    let ace: Vec<&str> = t
        .expertise
        .iter()
        .filter(|e| e.level == LevelV1::Ace)
        .map(|e| e.area.as_str())
        .collect();
    vec![
        Cell::text(&t.id),
        Cell::text(&t.name),
        Cell::text(&t.country),
        Cell::text(t.languages.join(", ")),
        Cell::text(areas.join(", ")),
        Cell::text(ace.join(", ")),
        opt_int(t.max_days),
        Cell::text(if t.travels { "yes" } else { "no" }),
    ]
}

fn request(r: &RequestV1) -> Vec<Cell> {
    let (min, max) = match r.trainers {
        TrainerCountV1::Exact(n) => (n, None),
        TrainerCountV1::Range { min, max } => (min, max),
    };
    vec![
        Cell::text(&r.id),
        Cell::text(&r.title),
        Cell::text(code(&r.kind)),
        Cell::text(&r.host),
        Cell::text(&r.organiser),
        Cell::text(&r.area),
        Cell::text(&r.language),
        Cell::Int(r.duration_days),
        Cell::Date(r.earliest_start),
        Cell::Date(r.latest_end),
        r.start_weekdays.as_deref().map_or(Cell::Empty, list),
        opt_date(r.fixed_start),
        Cell::Int(min.into()),
        opt_int(max),
        Cell::Int(r.leads.into()),
        Cell::Int(r.priority.into()),
        Cell::text(r.regions.as_deref().unwrap_or_default().join(", ")),
        opt_int(r.max_same_country),
    ]
}

/// What the drop-down lists of `p`'s workbook offer.
pub fn lists(p: &ProblemOut) -> Lists {
    let table = p.countries.clone().unwrap_or_else(countries::builtin);
    let mut regions: Vec<String> = Vec::new();
    for c in &table {
        if !regions.contains(&c.region) {
            regions.push(c.region.clone());
        }
    }
    Lists {
        countries: table.iter().map(|c| c.code.clone()).collect(),
        countries_sheet: p.countries.is_some(),
        regions,
    }
}

/// A tiny valid problem with one row in every sheet, for the template.
pub fn example() -> ProblemOut {
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2027, m, d).unwrap_or_default();
    ProblemOut {
        name: "Planning year 2027".to_owned(),
        horizon: RangeV1 {
            start: day(1, 1),
            end: day(12, 31),
        },
        policy: PolicyV1::default(),
        countries: Some(countries::builtin()),
        travel_costs: vec![TravelCostV1 {
            from: "KE".to_owned(),
            to: "TZ".to_owned(),
            cost: 450,
        }],
        trainers: vec![TrainerV1 {
            id: "KE-001".to_owned(),
            name: "Example Trainer".to_owned(),
            country: "KE".to_owned(),
            languages: vec!["en".to_owned(), "fr".to_owned()],
            expertise: vec![
                ExpertiseV1 {
                    area: "hs".to_owned(),
                    level: LevelV1::Mt,
                },
                ExpertiseV1 {
                    area: "valuation".to_owned(),
                    level: LevelV1::Ace,
                },
            ],
            max_days: Some(30),
            unavailable: vec![PeriodV1 {
                from: day(8, 1),
                to: day(8, 15),
            }],
            travels: true,
        }],
        requests: vec![RequestV1 {
            id: "R-0001".to_owned(),
            title: "National workshop on customs valuation in Tanzania".to_owned(),
            kind: KindV1::National,
            host: "TZ".to_owned(),
            organiser: "Tanzania Revenue Authority".to_owned(),
            area: "valuation".to_owned(),
            language: "en".to_owned(),
            duration_days: 5,
            earliest_start: day(3, 1),
            latest_end: day(3, 31),
            start_weekdays: None,
            fixed_start: None,
            trainers: TrainerCountV1::Exact(1),
            leads: 1,
            priority: 1,
            regions: None,
            max_same_country: None,
        }],
        pinned: vec![PinV1 {
            request: "R-0001".to_owned(),
            trainer: "KE-001".to_owned(),
            start: None,
        }],
    }
}

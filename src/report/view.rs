//! What the page shows, computed from the problem and schedule: the area legend, the timeline
//! rows by trainer and by host country, the workload chart and the unstaffed requests.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::timeline::{self, Bar, Row, Scale};
use super::{figures, workload};
use crate::model::{vocabulary, Area, Assignment, DateRange, Problem, Request, Schedule, TrainerId};

/// Pixels per day on the timelines (a year is about 1,100 pixels wide).
const PX_PER_DAY: f64 = 3.0;

/// Colours of the programme's areas, in the order of [`vocabulary::AREAS`] (Okabe–Ito,
/// readable by colour-blind people).
const AREA_COLOURS: [&str; 7] = [
    "#0072b2", "#e69f00", "#009e73", "#d55e00", "#cc79a7", "#56b4e9", "#8c6d31",
];
/// Colours for areas not in [`vocabulary::AREAS`], in order of their codes.
const OTHER_COLOURS: [&str; 6] = ["#6a3d9a", "#b15928", "#1b9e77", "#7570b3", "#e7298a", "#666666"];

/// One entry of the colour legend.
#[derive(Clone, Debug, Serialize)]
pub struct LegendEntry {
    /// Area code.
    pub code: String,
    /// Area name.
    pub name: String,
    /// Colour of its bars.
    pub colour: &'static str,
}

/// One unstaffed request with every reason.
#[derive(Clone, Debug, Serialize)]
pub struct UnstaffedRow {
    /// Request id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Kind code.
    pub kind: String,
    /// Host country.
    pub host: String,
    /// Area code.
    pub area: String,
    /// Window `earliest … latest`, in days.
    pub window: String,
    /// Reasons, most fundamental first.
    pub reasons: Vec<String>,
}

/// Everything the template needs besides the figures.
pub struct View {
    pub legend: Vec<LegendEntry>,
    pub trainer_axis: String,
    pub trainer_rows: String,
    pub trainer_bars: usize,
    pub country_axis: String,
    pub country_rows: String,
    pub country_bars: usize,
    pub workload: String,
    pub unstaffed: Vec<UnstaffedRow>,
}

/// Computes the view.
pub fn build(problem: &Problem, schedule: &Schedule) -> View {
    let colours = colours(problem);
    let scale = scale(problem, schedule);
    let trainers = trainer_rows(problem, schedule, &colours);
    let countries = country_rows(problem, schedule, &colours);
    let count = |rows: &[Row]| rows.iter().map(|r| r.bars.len()).sum();
    let axis = timeline::axis(&scale);
    View {
        legend: legend(&colours),
        trainer_axis: axis.clone(),
        trainer_bars: count(&trainers),
        trainer_rows: timeline::rows(&scale, &trainers),
        country_axis: axis,
        country_bars: count(&countries),
        country_rows: timeline::rows(&scale, &countries),
        workload: workload::chart(problem, &figures::days_used(schedule)),
        unstaffed: unstaffed(problem, schedule),
    }
}

fn colours(problem: &Problem) -> BTreeMap<Area, (&'static str, String)> {
    let used: BTreeSet<&Area> = problem.requests.iter().map(|r| &r.area).collect();
    let mut others = OTHER_COLOURS.iter().cycle();
    used.into_iter()
        .map(|a| {
            let known = vocabulary::AREAS.iter().position(|w| w.code == a.as_str());
            let entry = match known {
                Some(i) => (AREA_COLOURS[i], vocabulary::AREAS[i].heading.to_owned()),
                None => (*others.next().unwrap_or(&"#666666"), a.to_string()),
            };
            (a.clone(), entry)
        })
        .collect()
}

fn legend(colours: &BTreeMap<Area, (&'static str, String)>) -> Vec<LegendEntry> {
    let order = |a: &Area| {
        vocabulary::AREAS
            .iter()
            .position(|w| w.code == a.as_str())
            .unwrap_or(vocabulary::AREAS.len())
    };
    let mut out: Vec<_> = colours.iter().collect();
    out.sort_by_key(|(a, _)| (order(a), (*a).clone()));
    out.into_iter()
        .map(|(a, (colour, name))| LegendEntry {
            code: a.to_string(),
            name: name.clone(),
            colour,
        })
        .collect()
}

/// The horizon, widened to every training (a training may end after the horizon).
fn scale(problem: &Problem, schedule: &Schedule) -> Scale {
    let from = schedule
        .scheduled
        .iter()
        .map(|a| a.start)
        .min()
        .unwrap_or(problem.horizon.from);
    let to = schedule
        .scheduled
        .iter()
        .map(|a| a.end)
        .max()
        .unwrap_or(problem.horizon.to);
    Scale {
        from: from.min(problem.horizon.from),
        to: to.max(problem.horizon.to),
        px_per_day: PX_PER_DAY,
    }
}

fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        text.chars().take(max - 1).collect::<String>() + "…"
    }
}

fn country_name(problem: &Problem, code: &crate::model::CountryCode) -> String {
    crate::ics::country_label(problem, code)
}

fn bar(problem: &Problem, a: &Assignment, colours: &BTreeMap<Area, (&'static str, String)>) -> Bar {
    let r = problem.request(&a.request);
    let colour = r.and_then(|r| colours.get(&r.area)).map_or("#666666", |c| c.0);
    let names: Vec<String> = a
        .trainers
        .iter()
        .map(|t| {
            problem
                .trainer(t)
                .map_or(t.to_string(), |t| format!("{} {}", t.id, t.name))
        })
        .collect();
    let title = match r {
        Some(r) => format!(
            "{} {}\n{} to {} in {}\n{} · {} · {}\nTrainers: {}",
            r.id,
            r.title,
            a.start,
            a.end,
            country_name(problem, &r.host),
            r.area,
            r.kind.code(),
            r.language,
            names.join(", ")
        ),
        None => format!("{} {} to {}", a.request, a.start, a.end),
    };
    Bar {
        days: DateRange::new(a.start, a.end),
        colour,
        title,
    }
}

/// One row per trainer of the problem, by region, country and id; idle trainers too.
fn trainer_rows(
    problem: &Problem,
    schedule: &Schedule,
    colours: &BTreeMap<Area, (&'static str, String)>,
) -> Vec<Row> {
    let mut bars: BTreeMap<&TrainerId, Vec<Bar>> = BTreeMap::new();
    for a in &schedule.scheduled {
        for t in &a.trainers {
            bars.entry(t).or_default().push(bar(problem, a, colours));
        }
    }
    let used = figures::days_used(schedule);
    let mut trainers: Vec<_> = problem.trainers.iter().collect();
    trainers.sort_by_key(|t| {
        (
            problem.region_of(&t.country).cloned(),
            t.country.clone(),
            t.id.clone(),
        )
    });
    trainers
        .into_iter()
        .map(|t| Row {
            label: short(&format!("{} {}", t.id, t.name), 30),
            label_title: format!(
                "{} {}, {}: {} of {} days",
                t.id,
                t.name,
                country_name(problem, &t.country),
                used.get(&t.id).copied().unwrap_or(0),
                problem.budget(t)
            ),
            bars: bars.remove(&t.id).unwrap_or_default(),
            off: t.unavailable.clone(),
        })
        .collect()
}

/// One row per host country with staffed requests, by region and name.
fn country_rows(
    problem: &Problem,
    schedule: &Schedule,
    colours: &BTreeMap<Area, (&'static str, String)>,
) -> Vec<Row> {
    let mut by_host: BTreeMap<_, Vec<Bar>> = BTreeMap::new();
    for a in &schedule.scheduled {
        if let Some(r) = problem.request(&a.request) {
            let key = (
                problem.region_of(&r.host).cloned(),
                country_name(problem, &r.host),
            );
            by_host.entry(key).or_default().push(bar(problem, a, colours));
        }
    }
    by_host
        .into_iter()
        .map(|((region, name), bars)| Row {
            label: short(&name, 30),
            label_title: format!(
                "{name}, {}: {} staffed training(s)",
                region.map_or(String::new(), |g| g.to_string()),
                bars.len()
            ),
            bars,
            off: Vec::new(),
        })
        .collect()
}

/// Every request not staffed, by id, with its reasons (worked out when the file has none).
fn unstaffed(problem: &Problem, schedule: &Schedule) -> Vec<UnstaffedRow> {
    let staffed: BTreeSet<_> = schedule.scheduled.iter().map(|a| &a.request).collect();
    let given: BTreeMap<_, _> = schedule
        .unscheduled
        .iter()
        .map(|u| (&u.request, &u.reasons))
        .collect();
    let mut rows: Vec<&Request> = problem
        .requests
        .iter()
        .filter(|r| !staffed.contains(&r.id))
        .collect();
    rows.sort_by(|a, b| a.id.cmp(&b.id));
    rows.into_iter()
        .map(|r| {
            let reasons = match given.get(&r.id) {
                Some(list) if !list.is_empty() => list.iter().map(|x| x.text.clone()).collect(),
                _ => crate::explain::reasons(problem, schedule, r)
                    .into_iter()
                    .map(|x| x.text)
                    .collect(),
            };
            UnstaffedRow {
                id: r.id.to_string(),
                title: r.title.clone(),
                kind: r.kind.code().to_owned(),
                host: country_name(problem, &r.host),
                area: r.area.to_string(),
                window: format!(
                    "{} to {}, {} days",
                    r.earliest_start, r.latest_end, r.duration_days
                ),
                reasons,
            }
        })
        .collect()
}

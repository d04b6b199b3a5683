//! `bench --solvers`: every solver (and formulation) on the same instances, with per run the
//! time to the first schedule, the time to optimal or the gap at the limit and the primal
//! integral; as CSV, JSON, two SVG figures (a Dolan–Moré performance profile and the primal gap
//! over time) and one self-contained HTML page holding them.

use std::collections::BTreeMap;

use serde::Serialize;

use svg::node::element::{Line, Polyline, Text, Title};
use svg::Document;

use super::incumbents::{self, Event};
use super::Row;

/// One run of one solver configuration on one instance.
#[derive(Clone, Debug, Serialize, serde::Deserialize)]
pub struct SolverRun {
    /// Instance.
    pub problem: String,
    /// Its generator family.
    pub family: Option<String>,
    /// `solver/formulation`, e.g. `highs/cliques`, `cbc/plain`.
    pub config: String,
    /// Status the run reported.
    pub status: String,
    /// Wall-clock seconds of the whole run.
    pub seconds: f64,
    /// Seconds to the first schedule.
    pub first_schedule: Option<f64>,
    /// Seconds to a proven optimum (`None`: the run stopped unproven).
    pub optimal: Option<f64>,
    /// Coverage and cost of its schedule.
    #[serde(deserialize_with = "nan_for_null")]
    pub coverage: f64,
    /// Cost of its schedule.
    #[serde(deserialize_with = "nan_for_null")]
    pub cost: f64,
    /// Relative gaps at the end: coverage, cost.
    pub gap: (f64, f64),
    /// ∫ primal gap dt, seconds.
    pub primal_integral: f64,
    /// The primal gap as steps (second, gap).
    pub gap_steps: Vec<(f64, f64)>,
    /// The incumbent log.
    pub log: Vec<Event>,
}

/// A number, NaN where JSON has `null` (serde_json writes NaN, a run without a schedule, so).
fn nan_for_null<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(<Option<f64> as serde::Deserialize>::deserialize(d)?.unwrap_or(f64::NAN))
}

/// The runs of `rows` (those with a schedule the checker accepted), judged against the best
/// schedule of any run on the same instance.
pub fn runs(rows: &[Row]) -> Vec<SolverRun> {
    let mut best: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    for r in rows
        .iter()
        .filter(|r| r.violations == 0 && r.objective.0.is_finite())
    {
        let b = best
            .entry(&r.problem)
            .or_insert((f64::NEG_INFINITY, f64::INFINITY));
        if r.objective.0 > b.0 || (r.objective.0 == b.0 && r.objective.1 < b.1) {
            *b = r.objective;
        }
    }
    rows.iter()
        .filter(|r| !r.status.starts_with("error"))
        .map(|r| {
            let steps = incumbents::gap_steps(
                &r.log,
                best.get(r.problem.as_str()).copied().unwrap_or(r.objective),
            );
            SolverRun {
                problem: r.problem.clone(),
                family: r.family.clone(),
                config: format!("{}/{}", r.solver, r.formulation),
                status: r.status.clone(),
                seconds: r.seconds.3,
                first_schedule: incumbents::first_schedule(&r.log),
                optimal: r.proven().then_some(r.seconds.3),
                coverage: r.objective.0,
                cost: r.objective.1,
                gap: r.gap,
                primal_integral: incumbents::primal_integral(&steps, r.seconds.3),
                gap_steps: steps,
                log: r.log.clone(),
            }
        })
        .collect()
}

/// The runs as CSV (one line per run).
pub fn csv(runs: &[SolverRun]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "problem",
        "family",
        "config",
        "status",
        "seconds",
        "first_schedule_s",
        "optimal_s",
        "coverage",
        "cost",
        "coverage_gap",
        "cost_gap",
        "primal_integral",
    ]);
    let opt = |x: Option<f64>| x.map_or(String::new(), |v| format!("{v:.2}"));
    for r in runs {
        let _ = w.write_record([
            r.problem.clone(),
            r.family.clone().unwrap_or_default(),
            r.config.clone(),
            r.status.clone(),
            format!("{:.2}", r.seconds),
            opt(r.first_schedule),
            opt(r.optimal),
            num(r.coverage),
            num(r.cost),
            format!("{:.4}", r.gap.0),
            format!("{:.4}", r.gap.1),
            format!("{:.2}", r.primal_integral),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A value, or nothing for a run without a schedule.
fn num(x: f64) -> String {
    if x.is_finite() {
        x.to_string()
    } else {
        String::new()
    }
}

/// The configurations in order of first appearance.
fn configs(runs: &[SolverRun]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in runs {
        if !out.contains(&r.config) {
            out.push(r.config.clone());
        }
    }
    out
}

const COLOURS: [&str; 6] = ["#1b6ca8", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d6a9f"];
/// Figure width and height, and the margins of the axes.
const W: f64 = 800.0;
/// The right end of the plot; the legend stands beyond it.
const RIGHT: f64 = W - 170.0;
const H: f64 = 360.0;
const LEFT: f64 = 56.0;
const BOTTOM: f64 = 40.0;

/// The performance profile: for each configuration, the share of instances it proved within
/// τ times the fastest proof of that instance (τ on a log₂ axis).
pub fn profile_svg(runs: &[SolverRun]) -> String {
    let mut fastest: BTreeMap<&str, f64> = BTreeMap::new();
    for r in runs {
        if let Some(t) = r.optimal {
            let f = fastest.entry(&r.problem).or_insert(f64::INFINITY);
            *f = f.min(t.max(0.01));
        }
    }
    let instances = runs
        .iter()
        .map(|r| r.problem.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len()
        .max(1);
    let ratio = |r: &SolverRun| r.optimal.map(|t| t.max(0.01) / fastest[r.problem.as_str()]);
    let tau_max = runs.iter().filter_map(ratio).fold(2.0_f64, f64::max) * 1.25;
    let x = |tau: f64| LEFT + (RIGHT - LEFT) * tau.log2() / tau_max.log2();
    let y = |share: f64| H - BOTTOM - (H - BOTTOM - 16.0) * share;
    let mut doc = axes(
        "τ (times the fastest proof, log scale)",
        "share of instances proved",
    );
    let powers = (0..).map(|k| 2f64.powi(k)).take_while(|t| *t <= tau_max);
    doc = ticks(doc, powers.map(|t| (x(t), format!("{t}"))), shares(y));
    for (i, config) in configs(runs).iter().enumerate() {
        let mut ratios: Vec<f64> = runs
            .iter()
            .filter(|r| &r.config == config)
            .filter_map(ratio)
            .collect();
        ratios.sort_by(f64::total_cmp);
        let mut points = vec![(x(1.0), y(0.0))];
        for (k, tau) in ratios.iter().enumerate() {
            points.push((x(*tau), points.last().map_or(y(0.0), |p| p.1)));
            points.push((x(*tau), y((k + 1) as f64 / instances as f64)));
        }
        points.push((x(tau_max), points.last().map_or(y(0.0), |p| p.1)));
        doc = doc.add(line(&points, COLOURS[i % COLOURS.len()], 2.0, config));
        doc = doc.add(legend(i, config));
    }
    doc.to_string()
}

/// The primal gap over time of every run, one line each, coloured by configuration.
pub fn gap_svg(runs: &[SolverRun]) -> String {
    let t_max = runs.iter().map(|r| r.seconds).fold(1.0_f64, f64::max);
    // Seconds on a log scale from 0.1 s: the first schedules of fast runs stay apart.
    let x = |t: f64| LEFT + (RIGHT - LEFT) * (t.max(0.1) / 0.1).log10() / (t_max / 0.1).log10();
    let y = |gap: f64| H - BOTTOM - (H - BOTTOM - 16.0) * gap.clamp(0.0, 1.0);
    let mut doc = axes("seconds (log scale)", "primal gap");
    let decades = [0.1, 1.0, 10.0, 100.0, 1000.0]
        .into_iter()
        .filter(|t| *t <= t_max);
    doc = ticks(doc, decades.map(|t| (x(t), format!("{t}"))), shares(y));
    let configs = configs(runs);
    for r in runs {
        let i = configs.iter().position(|c| c == &r.config).unwrap_or(0);
        let mut points = Vec::new();
        for (k, &(t, gap)) in r.gap_steps.iter().enumerate() {
            if k > 0 {
                points.push((x(t), points.last().map_or(y(1.0), |p: &(f64, f64)| p.1)));
            }
            points.push((x(t), y(gap)));
        }
        points.push((x(r.seconds), points.last().map_or(y(1.0), |p| p.1)));
        let title = format!("{} {}", r.config, r.problem);
        doc = doc.add(line(&points, COLOURS[i % COLOURS.len()], 1.2, &title));
    }
    for (i, config) in configs.iter().enumerate() {
        doc = doc.add(legend(i, config));
    }
    doc.to_string()
}

/// The y ticks of a share (0 to 1) at quarters.
fn shares(y: impl Fn(f64) -> f64) -> Vec<(f64, String)> {
    [0.0, 0.25, 0.5, 0.75, 1.0]
        .map(|v| (y(v), format!("{v}")))
        .to_vec()
}

/// Tick labels under the x axis and left of the y axis.
fn ticks(doc: Document, xs: impl Iterator<Item = (f64, String)>, ys: Vec<(f64, String)>) -> Document {
    let doc = xs.fold(doc, |d, (x, text)| {
        d.add(label(x, H - BOTTOM + 14.0, &text, "middle"))
    });
    ys.into_iter().fold(doc, |d, (y, text)| {
        d.add(label(LEFT - 4.0, y + 4.0, &text, "end"))
    })
}

fn axes(x_label: &str, y_label: &str) -> Document {
    let axis = |x1, y1, x2, y2| {
        Line::new()
            .set("x1", x1)
            .set("y1", y1)
            .set("x2", x2)
            .set("y2", y2)
            .set("stroke", "#333")
    };
    Document::new()
        .set("viewBox", (0, 0, W, H))
        .set("width", W)
        .set("height", H)
        .add(axis(LEFT, H - BOTTOM, RIGHT, H - BOTTOM))
        .add(axis(LEFT, 8.0, LEFT, H - BOTTOM))
        .add(label((LEFT + RIGHT) / 2.0, H - 4.0, x_label, "middle"))
        .add(label(8.0, 14.0, y_label, "start"))
}

fn label(x: f64, y: f64, text: &str, anchor: &str) -> Text {
    Text::new(text)
        .set("x", x)
        .set("y", y)
        .set("font-size", 12)
        .set("text-anchor", anchor)
}

fn line(points: &[(f64, f64)], colour: &str, width: f64, title: &str) -> Polyline {
    let pts: Vec<String> = points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
    Polyline::new()
        .set("class", "run")
        .set("points", pts.join(" "))
        .set("fill", "none")
        .set("stroke", colour)
        .set("stroke-width", width)
        .add(Title::new(title))
}

fn legend(i: usize, config: &str) -> Text {
    label(RIGHT + 12.0, 24.0 + 16.0 * i as f64, config, "start").set("fill", COLOURS[i % COLOURS.len()])
}

const PAGE: &str = include_str!("solvers.html");

/// A run as the page's table shows it.
#[derive(Serialize)]
struct Shown {
    class: &'static str,
    cells: [String; 11],
}

fn rows(runs: &[SolverRun]) -> Vec<Shown> {
    let opt = |x: Option<f64>, none: &str| x.map_or(none.to_owned(), |v| format!("{v:.2}"));
    runs.iter()
        .map(|r| Shown {
            class: if r.optimal.is_some() { "proven" } else { "unproven" },
            cells: [
                r.problem.clone(),
                r.family.clone().unwrap_or_default(),
                r.config.clone(),
                r.status.clone(),
                format!("{:.2}", r.seconds),
                opt(r.first_schedule, ""),
                opt(r.optimal, "—"),
                num(r.coverage),
                num(r.cost),
                format!("{:.4}", r.gap.1),
                format!("{:.2}", r.primal_integral),
            ],
        })
        .collect()
}

/// The page: the table of runs and both figures, self-contained.
pub fn page(suite: &str, runs: &[SolverRun], measured: &str) -> Result<String, String> {
    let mut env = minijinja::Environment::new();
    env.add_template("page", PAGE).map_err(|e| e.to_string())?;
    let template = env.get_template("page").map_err(|e| e.to_string())?;
    template
        .render(minijinja::context! {
            suite,
            measured,
            runs => minijinja::Value::from(minijinja::value::Serde(rows(runs))),
            profile => minijinja::Value::from_safe_string(profile_svg(runs)),
            gaps => minijinja::Value::from_safe_string(gap_svg(runs)),
        })
        .map_err(|e| e.to_string())
}

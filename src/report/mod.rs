//! The HTML report of a schedule: one self-contained page (inline CSS and SVG, one small inline
//! script, nothing fetched) rendered with the `minijinja` template engine from
//! `report.html`, with charts built by the `svg` crate.
//!
//! It shows the key figures ([`figures`]), the year as a timeline by trainer and by host
//! country ([`timeline`]), the trainers' workload against their budgets ([`workload`]) and the
//! unstaffed requests with their reasons. The page checks itself when opened: an inline script
//! counts the bars drawn in each timeline and prints the count beside the number expected.

pub mod backups;
pub mod figures;
pub mod timeline;
mod view;
pub mod workload;

use minijinja::value::Serde;
use minijinja::{context, Environment, Value};

use crate::model::{Problem, Schedule};

/// The page template (HTML, auto-escaped).
const TEMPLATE: &str = include_str!("report.html");

/// Why the report could not be rendered (a bug in the template, never bad input).
#[derive(Debug, thiserror::Error)]
#[error("internal error: the report template failed: {0}")]
pub struct RenderError(#[from] minijinja::Error);

/// The report of `schedule` for `problem` as one HTML page; `source` names the schedule file
/// and `settings` (name, value) echoes the solver settings the file records. Equal inputs give
/// equal bytes (no clock, no randomness).
pub fn render(
    problem: &Problem,
    schedule: &Schedule,
    source: &str,
    settings: &[(String, String)],
) -> Result<String, RenderError> {
    let mut env = Environment::new();
    env.add_template("report.html", TEMPLATE)?;
    let v = view::build(problem, schedule);
    let safe = Value::from_safe_string;
    let (backup_requests, backup_trainers) = backups::rows(problem, schedule);
    let ctx = context! {
        problem => problem.name.clone(),
        source => source.to_owned(),
        settings => Value::from(Serde(settings)),
        version => env!("CARGO_PKG_VERSION"),
        figures => Value::from(Serde(figures::figures(problem, schedule))),
        legend => Value::from(Serde(&v.legend)),
        trainer_axis => safe(v.trainer_axis),
        trainer_rows => safe(v.trainer_rows),
        trainer_bars => v.trainer_bars,
        country_axis => safe(v.country_axis),
        country_rows => safe(v.country_rows),
        country_bars => v.country_bars,
        workload => safe(v.workload),
        unstaffed => Value::from(Serde(&v.unstaffed)),
        backup_requests => Value::from(Serde(&backup_requests)),
        backup_trainers => Value::from(Serde(&backup_trainers)),
        horizon => format!("{} to {}", problem.horizon.from, problem.horizon.to),
    };
    Ok(env.get_template("report.html")?.render(ctx)?)
}

//! `mtplan explain`: why each unscheduled request is unstaffed, and what would staff it.

use std::path::PathBuf;

use clap::ValueEnum;

use super::{load, BAD_INPUT, FAILURE, OK};
use crate::files::write_atomic;
use crate::model::RequestId;
use crate::{checker, explain, format};

/// Arguments of `explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// Problem file (JSON).
    pub problem: PathBuf,
    /// Schedule file (JSON) of that problem, e.g. written by `solve`.
    pub schedule: PathBuf,
    /// Explain only this request (repeat for more); default: every unscheduled request.
    #[arg(long = "request", value_name = "ID")]
    pub requests: Vec<String>,
    /// Output: readable `text` or `json` for tools.
    #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
    pub format: ExplainFormat,
    /// Skip the repairs (kind 3), which re-solve the problem once per candidate change.
    #[arg(long)]
    pub no_repairs: bool,
    /// Wall-clock limit of each verifying re-solve, in seconds.
    #[arg(long, default_value_t = 3.0)]
    pub time_limit: f64,
    /// Also write the schedule with every reason and verified repair in `unscheduled[].reasons`.
    #[arg(short, long, value_name = "SCHEDULE.json")]
    pub output: Option<PathBuf>,
    /// Replace an existing output file.
    #[arg(long)]
    pub force: bool,
}

/// How `explain` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// Readable text, grouped per request.
    Text,
    /// JSON for tools.
    Json,
}

/// Runs `explain`.
pub fn run(a: &ExplainArgs) -> u8 {
    if !(a.time_limit > 0.0) {
        eprintln!("error: --time-limit must be above 0");
        return BAD_INPUT;
    }
    if let Some(Err(e)) = a
        .output
        .as_ref()
        .map(|out| crate::files::writable(out, a.force, &[]))
    {
        eprintln!("error: {e}");
        return BAD_INPUT;
    }
    let loaded = match load(&a.problem) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let problem = &loaded.problem;
    let mut schedule = match format::load_schedule(&a.schedule, problem) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return BAD_INPUT;
        }
    };
    let violations = checker::check(problem, &schedule);
    if !violations.is_empty() {
        eprintln!(
            "error: {}: the schedule breaks {} rule(s) of {}; explanations need a valid schedule:",
            a.schedule.display(),
            violations.len(),
            a.problem.display()
        );
        violations.iter().take(10).for_each(|v| eprintln!("  {v}"));
        eprintln!("  fix: run `mtplan verify` for the full list, or solve the problem again");
        return BAD_INPUT;
    }
    let only: Vec<RequestId> = a.requests.iter().map(|s| RequestId::from(s.as_str())).collect();
    let unknown = explain::unknown(problem, &only);
    if !unknown.is_empty() {
        for id in &unknown {
            eprintln!(
                "error: --request {id}: no request with this id in {}",
                a.problem.display()
            );
        }
        eprintln!("  fix: use the id of a request in `requests`");
        return BAD_INPUT;
    }
    let staffed: Vec<&RequestId> = only
        .iter()
        .filter(|id| schedule.scheduled.iter().any(|s| &s.request == *id))
        .collect();
    for id in &staffed {
        eprintln!("note: {id} is staffed in this schedule: nothing to explain");
    }
    let options = explain::Options {
        repairs: !a.no_repairs,
        time_limit: a.time_limit,
        ..explain::Options::default()
    };
    let explanations = explain::explain(problem, &schedule, &only, &options);
    if let Some(out) = &a.output {
        explain::annotate(problem, &mut schedule);
        explain::attach_repairs(&mut schedule, problem, &explanations);
        let json = format::schedule_to_json(problem, &schedule, true);
        if let Err(e) = write_atomic(out, json.as_bytes(), a.force, &[&a.problem, &a.schedule]) {
            eprintln!("error: {e}");
            return FAILURE;
        }
    }
    match a.format {
        ExplainFormat::Text => print!("{}", explain::text(problem, &explanations, !a.no_repairs)),
        ExplainFormat::Json => print!("{}", explain::json(problem, &explanations)),
    }
    OK
}

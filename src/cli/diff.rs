//! `mtplan diff A B`: what changed from schedule A to schedule B.

use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::{load, BAD_INPUT, OK};
use crate::format;
use crate::model::{DateRange, Fares, Policy, Problem, Schedule};

/// How `diff` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Readable text.
    Text,
    /// JSON.
    Json,
}

/// Arguments of `diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The earlier schedule (JSON).
    pub a: PathBuf,
    /// The later schedule (JSON).
    pub b: PathBuf,
    /// The problem (JSON, .xlsx or CSV folder), for request titles and for end dates a schedule
    /// leaves out.
    #[arg(long)]
    pub problem: Option<PathBuf>,
    /// What to print on stdout.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
}

/// A problem with nothing in it, for reading schedules without their problem.
fn empty_problem() -> Problem {
    Problem {
        name: String::new(),
        horizon: DateRange::new(chrono::NaiveDate::MIN, chrono::NaiveDate::MIN),
        policy: Policy {
            min_gap_days: 0,
            max_days: 0,
            start_weekdays: Vec::new(),
        },
        countries: Default::default(),
        fares: Fares::default(),
        trainers: Vec::new(),
        requests: Vec::new(),
        pins: Vec::new(),
    }
}

pub(super) fn read_schedule(path: &Path, problem: &Problem) -> Result<Schedule, u8> {
    format::load_schedule(path, problem).map_err(|e| {
        eprintln!("error: {e}");
        BAD_INPUT
    })
}

/// Runs `diff`.
pub fn run(a: &DiffArgs) -> u8 {
    let problem = match &a.problem {
        Some(p) => match load(p) {
            Ok(l) => Some(l.problem),
            Err(code) => return code,
        },
        None => None,
    };
    let empty = empty_problem();
    let p = problem.as_ref().unwrap_or(&empty);
    let (first, second) = match (read_schedule(&a.a, p), read_schedule(&a.b, p)) {
        (Ok(x), Ok(y)) => (x, y),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let d = crate::diff::diff(&first, &second);
    match a.format {
        DiffFormat::Text => print!("{}", crate::diff::text(&d, problem.as_ref())),
        DiffFormat::Json => print!("{}", crate::diff::json(&d)),
    }
    OK
}

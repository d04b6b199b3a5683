//! `calendars` and `report`: a verified schedule as iCalendar files and as an HTML page.

use std::path::{Path, PathBuf};

use super::{load, writable, write_atomic, BAD_INPUT, FAILURE, OK, VIOLATIONS};
use crate::files::{usable_folder, write_folder};
use crate::model::{Problem, Schedule};
use crate::{checker, format, ics, report};

/// Arguments of `calendars`.
#[derive(Debug, clap::Args)]
pub struct CalendarsArgs {
    /// Problem file (JSON): titles, hosts and trainer names come from it.
    pub problem: PathBuf,
    /// Schedule file (JSON), as written by `solve`.
    pub schedule: PathBuf,
    /// Folder for the .ics files (created if missing; must be empty, or hold only .ics files
    /// of an earlier run, which --force replaces as a whole).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// Replace the calendars of an earlier run in DIR.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Problem file (JSON).
    pub problem: PathBuf,
    /// Schedule file (JSON), as written by `solve`.
    pub schedule: PathBuf,
    /// The HTML file to write (refuses to overwrite without --force).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Loads the problem and the schedule and verifies the schedule; on failure, the exit code
/// after the reasons are printed on stderr.
fn load_verified(problem: &Path, schedule: &Path, what: &str) -> Result<(Problem, Schedule), u8> {
    let problem_data = load(problem)?.problem;
    let loaded = format::load_schedule(schedule, &problem_data).map_err(|e| {
        eprintln!("error: {e}");
        BAD_INPUT
    })?;
    let violations = checker::check(&problem_data, &loaded);
    if !violations.is_empty() {
        violations.iter().for_each(|v| eprintln!("  {v}"));
        eprintln!(
            "error: {} breaks {} hard rule(s) (listed above); fix the schedule (see `mtplan verify {} {}`) before writing {what}",
            schedule.display(),
            violations.len(),
            problem.display(),
            schedule.display()
        );
        return Err(VIOLATIONS);
    }
    Ok((problem_data, loaded))
}

/// `mtplan calendars PROBLEM SCHEDULE -o DIR`.
pub fn calendars_cmd(a: &CalendarsArgs) -> u8 {
    if let Err(e) = usable_folder(&a.output, ".ics", a.force) {
        eprintln!("error: {e}");
        return if e.is_usage() { BAD_INPUT } else { FAILURE };
    }
    let (problem, schedule) = match load_verified(&a.problem, &a.schedule, "calendars") {
        Ok(x) => x,
        Err(code) => return code,
    };
    let files = ics::calendars(&problem, &schedule, chrono::Utc::now());
    let trainers = files.iter().filter(|f| f.name.starts_with("trainer-")).count();
    let bytes: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|f| (f.name.clone(), f.text.clone().into_bytes()))
        .collect();
    if let Err(e) = write_folder(&a.output, &bytes, ".ics", a.force, &[&a.problem, &a.schedule]) {
        eprintln!("error: {e}");
        return if e.is_usage() { BAD_INPUT } else { FAILURE };
    }
    eprintln!(
        "{}: {} trainer calendar(s) and {} host-country calendar(s), {} event(s)",
        a.output.display(),
        trainers,
        files.len() - trainers,
        files.iter().map(|f| f.events).sum::<usize>()
    );
    OK
}

/// `mtplan report PROBLEM SCHEDULE -o FILE`.
pub fn report_cmd(a: &ReportArgs) -> u8 {
    let inputs = [a.problem.as_path(), a.schedule.as_path()];
    if let Err(e) = writable(&a.output, a.force, &inputs) {
        eprintln!("error: {e}");
        return BAD_INPUT;
    }
    let (problem, schedule) = match load_verified(&a.problem, &a.schedule, "a report") {
        Ok(x) => x,
        Err(code) => return code,
    };
    let source = a
        .schedule
        .file_name()
        .map_or(a.schedule.display().to_string(), |n| {
            n.to_string_lossy().into_owned()
        });
    let html = match report::render(&problem, &schedule, &source, &settings_of(&a.schedule)) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("{e}");
            return FAILURE;
        }
    };
    if let Err(e) = write_atomic(&a.output, html.as_bytes(), a.force, &inputs) {
        eprintln!("error: {e}");
        return FAILURE;
    }
    eprintln!(
        "{}: report of {} staffed and {} unstaffed request(s)",
        a.output.display(),
        schedule.scheduled.len(),
        problem.requests.len() - schedule.scheduled.len()
    );
    OK
}

/// The scalar entries of the schedule file's `settings` object (solver, seed, threads, limits,
/// model size, time), in file order; none when the file has no such object.
fn settings_of(schedule: &Path) -> Vec<(String, String)> {
    let value: Option<serde_json::Value> = std::fs::read(schedule)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok());
    let Some(serde_json::Value::Object(map)) = value.as_ref().and_then(|v| v.get("settings")) else {
        return Vec::new();
    };
    map.iter()
        .filter_map(|(k, v)| {
            let shown = match v {
                serde_json::Value::Null => "none".to_owned(),
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Bool(_) | serde_json::Value::Number(_) => v.to_string(),
                _ => return None,
            };
            Some((k.replace('_', " "), shown))
        })
        .collect()
}

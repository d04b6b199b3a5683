//! `mtplan replan PROBLEM --baseline SCHEDULE`: re-solve a changed problem close to a
//! published schedule.

use std::fmt::Write;
use std::io::IsTerminal;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::ValueEnum;

use super::diff::read_schedule;
use super::{load, writable, write_atomic, BAD_INPUT, FAILURE, NO_SCHEDULE, OK};
use crate::model::{Problem, Schedule};
use crate::solver::baseline::{Order, Replanned};
use crate::{format, plan, replan, solver};

/// Where the disruption tier goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OrderArg {
    /// Before coverage.
    First,
    /// After coverage, before cost.
    AfterCoverage,
    /// After cost.
    AfterCost,
}

impl From<OrderArg> for Order {
    fn from(o: OrderArg) -> Self {
        match o {
            OrderArg::First => Order::First,
            OrderArg::AfterCoverage => Order::AfterCoverage,
            OrderArg::AfterCost => Order::AfterCost,
        }
    }
}

/// Arguments of `replan`.
#[derive(Debug, clap::Args)]
pub struct ReplanArgs {
    /// The changed problem: JSON, .xlsx workbook or folder of CSV files.
    pub problem: PathBuf,
    /// The published schedule to stay close to (JSON).
    #[arg(long, value_name = "SCHEDULE")]
    pub baseline: PathBuf,
    /// Assignments that ended before this day are fixed (they happened); ones under way keep
    /// their start; nothing new starts before it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub frozen_until: Option<NaiveDate>,
    /// Most changes allowed: dropped or moved requests plus trainers taken off or added to held
    /// requests.
    #[arg(long, value_name = "K")]
    pub max_changes: Option<u32>,
    /// Let baseline-staffed requests be dropped for coverage (by default they stay staffed
    /// whenever they still can be).
    #[arg(long)]
    pub allow_drops: bool,
    /// Where disruption is minimised in the tier order.
    #[arg(long, value_enum, default_value_t = OrderArg::AfterCoverage)]
    pub disruption: OrderArg,
    /// Write the schedule JSON to this file (refuses to overwrite without --force).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Wall-clock limit for the whole solve, in seconds.
    #[arg(long, value_name = "SECONDS")]
    pub time_limit: Option<f64>,
    /// Threads for HiGHS.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub threads: u32,
    /// Leave wall-clock time out of the schedule.
    #[arg(long)]
    pub reproducible: bool,
    /// No progress lines on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    /// Name up to N ranked backups per staffed request of the new schedule (2 when N is left
    /// out), and re-check every backup the baseline named against it.
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "2")]
    pub backups: Option<usize>,
}

/// The baseline's backups re-checked against the new schedule `s`: (still standing, named).
/// A backup stands when its request is still staffed, they are still off its team, and the
/// checker accepts them for every member they replace who is still on it (at least one).
fn surviving(problem: &Problem, published: &Schedule, s: &Schedule) -> (usize, usize) {
    let Some(covers) = &published.backups else {
        return (0, 0);
    };
    let named = covers.iter().map(|c| c.backups.len()).sum();
    let mut standing = 0;
    for c in covers {
        let Some(a) = s.scheduled.iter().find(|a| a.request == c.request) else {
            continue;
        };
        for b in &c.backups {
            let mut b = b.clone();
            b.replaces.retain(|m| a.trainers.contains(m));
            let one = Schedule {
                backups: Some(vec![crate::model::Cover {
                    request: c.request.clone(),
                    backups: vec![b],
                    none: None,
                }]),
                ..s.clone()
            };
            standing += usize::from(crate::checker::check_backups(problem, &one).is_empty());
        }
    }
    (standing, named)
}

fn refuse_output(a: &ReplanArgs) -> Result<(), String> {
    if a.time_limit.is_some_and(|t| !(t > 0.0)) || a.threads == 0 {
        return Err("--time-limit must be above 0 and --threads at least 1".to_owned());
    }
    if a.backups == Some(0) {
        return Err("--backups 0 names no backup: give N of at least 1, or leave N out for 2".to_owned());
    }
    let Some(out) = &a.output else { return Ok(()) };
    writable(out, a.force, &[&a.problem, &a.baseline]).map_err(|e| e.to_string())
}

/// Runs `replan`.
pub fn run(a: &ReplanArgs) -> u8 {
    if let Err(e) = refuse_output(a) {
        eprintln!("error: {e}");
        return BAD_INPUT;
    }
    let problem = match load(&a.problem) {
        Ok(l) => l.problem,
        Err(code) => return code,
    };
    let published = match read_schedule(&a.baseline, &problem) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let frozen = match replan::freeze(&problem, &published, a.frozen_until) {
        Ok(f) => f,
        Err(errors) => {
            errors
                .iter()
                .for_each(|e| eprintln!("error: {}: {e}", a.baseline.display()));
            eprintln!("  fix: correct the problem or the baseline, or choose an earlier --frozen-until");
            return BAD_INPUT;
        }
    };
    let options = solver::Options {
        time_limit: a.time_limit,
        threads: a.threads,
        progress: !a.quiet && std::io::stderr().is_terminal(),
        baseline: Some(replan::baseline(
            &published,
            !a.allow_drops,
            a.max_changes,
            a.disruption.into(),
        )),
        warm_start: Some(std::sync::Arc::new(published.clone())),
        ..solver::Options::default()
    };
    let baseline = options.baseline.clone().unwrap_or_default();
    let result = match plan::solve_near(&frozen.problem, &options, &baseline, &[&problem]) {
        Ok(r) => r,
        Err(plan::PlanError::Infeasible(why)) => {
            eprintln!(
                "error: {}: no valid replanned schedule\n{why}",
                a.problem.display()
            );
            return NO_SCHEDULE;
        }
        Err(plan::PlanError::NoSolution(_)) => {
            let cap = a
                .max_changes
                .map_or(String::new(), |k| format!(" with at most {k} change(s)"));
            eprintln!("error: no valid schedule{cap} was found within the time limit; allow more time");
            return NO_SCHEDULE;
        }
        Err(e) => return super::plan_failed(&a.problem, &e),
    };
    let mut result = result;
    let survived = surviving(&problem, &published, &result.schedule);
    if let Some(n) = a.backups {
        result.schedule = match plan::with_backups(&problem, result.schedule, n) {
            Ok(s) => s,
            Err(e) => return super::plan_failed(&a.problem, &e),
        };
    }
    let json = format::schedule_to_json(&problem, &result.schedule, !a.reproducible);
    if let Some(out) = &a.output {
        if let Err(e) = write_atomic(out, json.as_bytes(), a.force, &[&a.problem, &a.baseline]) {
            eprintln!("error: {e}");
            return FAILURE;
        }
    }
    let mut text = summary(&problem, &published, &result, &frozen);
    if published.backups.is_some() || a.backups.is_some() {
        text.push_str(&backups_summary(&result.schedule, survived));
    }
    print!("{text}");
    OK
}

/// The backups lines of the replan summary: the baseline's that still stand, the new ones.
fn backups_summary(s: &Schedule, (standing, named): (usize, usize)) -> String {
    let mut out =
        format!("\nbackups     {standing} of the baseline's {named} still stand in the new schedule\n");
    if let Some(covers) = &s.backups {
        let with = covers.iter().filter(|c| !c.backups.is_empty()).count();
        out.push_str(&format!(
            "            new: {with} of {} staffed requests have one ({} named)\n",
            covers.len(),
            covers.iter().map(|c| c.backups.len()).sum::<usize>()
        ));
    }
    out
}

fn summary(problem: &Problem, published: &Schedule, r: &Replanned, frozen: &replan::Frozen) -> String {
    let s = &r.schedule;
    let o = &r.outcome;
    let in_problem = Schedule {
        scheduled: published
            .scheduled
            .iter()
            .filter(|a| problem.request(&a.request).is_some())
            .cloned()
            .collect(),
        ..published.clone()
    };
    let gone = published.scheduled.len() - in_problem.scheduled.len();
    let d = crate::diff::diff(&in_problem, s);
    let mut out = String::new();
    let _ = writeln!(out, "problem     {}", problem.name);
    let _ = writeln!(out, "status      {}", s.status.code());
    if !o.unproven.is_empty() {
        let _ = writeln!(
            out,
            "unproven    {}: the search stopped (time limit or Ctrl-C) before the bound met the schedule",
            o.unproven.join(", ")
        );
    }
    let _ = writeln!(
        out,
        "requests    {}: {} staffed, {} unstaffed",
        problem.requests.len(),
        s.scheduled.len(),
        s.unscheduled.len()
    );
    if let (Some(obj), Some(b)) = (s.objective, s.bound) {
        let _ = writeln!(out, "coverage    {} (bound {})", obj.coverage, b.coverage);
        let _ = writeln!(out, "cost        {} (bound {})", obj.cost, b.cost);
    }
    let _ = writeln!(
        out,
        "disruption  {} change(s) (bound {:.0}): {} dropped, {} moved, {} trainer(s) taken off, {} added",
        o.disruption,
        o.disruption_bound,
        d.totals.dropped,
        d.totals.moved,
        d.totals.trainers_out,
        d.totals.trainers_in
    );
    let _ = writeln!(
        out,
        "kept        {} of {} baseline request(s) that are still in the problem; {} no longer in it",
        in_problem.scheduled.len() - d.totals.dropped,
        in_problem.scheduled.len(),
        gone
    );
    let _ = writeln!(
        out,
        "frozen      {} fixed, {} under way",
        frozen.fixed.len(),
        frozen.under_way.len()
    );
    if let Some(st) = &s.settings {
        let _ = writeln!(out, "time        {:.2} s", st.elapsed_seconds);
    }
    let _ = writeln!(out, "\nchanges against the baseline:");
    out.push_str(&crate::diff::text(&d, Some(problem)));
    out
}

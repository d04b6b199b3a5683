//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Plans which WCO/JICA Master Trainer delivers which requested workshop, and when.
#[derive(Debug, Parser)]
#[command(name = "mtplan", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Solve a problem and write its schedule.
    Solve(SolveArgs),
    /// Check a schedule against every hard rule (exit 1 on any violation).
    Verify {
        /// Problem: JSON, .xlsx workbook or folder of CSV files.
        problem: PathBuf,
        /// Schedule file (JSON); only its `scheduled` list is required.
        schedule: PathBuf,
    },
    /// Validate a problem without solving it (exit 2 on errors).
    Check {
        /// Problem: JSON, .xlsx workbook or folder of CSV files.
        problem: PathBuf,
    },
    /// Write a reproducible synthetic problem shaped like the real programme.
    Generate(GenerateArgs),
    /// Run a fixed benchmark suite and write its table (Markdown and CSV).
    Bench(BenchArgs),
    /// Solve a base problem and what-if scenarios (TOML) in parallel and compare them.
    Whatif(super::whatif::WhatifArgs),
    /// Re-solve a changed problem, keeping a published schedule wherever possible.
    Replan(super::replan::ReplanArgs),
    /// Show what changed between two schedules.
    Diff(super::diff::DiffArgs),
    /// Say why each unscheduled request is unstaffed and what (verified) change would staff it.
    Explain(super::explain_cmd::ExplainArgs),
    /// Write a verified schedule as iCalendar files: one per trainer and one per host country.
    Calendars(super::planner_out::CalendarsArgs),
    /// Write a verified schedule's report as one self-contained HTML page.
    Report(super::planner_out::ReportArgs),
    /// Write an annotated example workbook (.xlsx) or CSV folder to start a problem from.
    Template(super::tables::TemplateArgs),
    /// Convert a problem between JSON, .xlsx and a CSV folder; or a schedule into a workbook.
    Convert(super::tables::ConvertArgs),
    /// Write one tier's MILP as a model file (free MPS or CPLEX LP) for any MILP solver.
    Export(super::model_files::ExportArgs),
    /// Turn another solver's solution of an exported model into a schedule, checked rule by rule.
    Import(super::model_files::ImportArgs),
}

/// Arguments of `bench`.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// Suite: `quick`, `programme` (default problem + 5 generated, both formulations),
    /// `families` (every generator family, both formulations), `scale`,
    /// `whatif` (20 scenarios and a replan of the default problem) or `limits` (how closely
    /// `--time-limit` and Ctrl-C are kept).
    #[arg(long, default_value = "programme")]
    pub suite: String,
    /// Cases solved at the same time (each a child `mtplan solve` on one thread; suites of
    /// solves only, not `whatif` or `limits`). With more
    /// than one, the two formulations of a problem still share the machine alike, so their
    /// ratio holds; absolute times are those of a busier machine.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: u16,
    /// Caps every case's time limit at this many seconds (suites of solves only; a shorter run
    /// of a long suite;
    /// a ratio against a stopped plain run is then a lower bound).
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
    pub time_limit: Option<f64>,
    /// Run every `plain` case on each of these MILP solvers (comma-separated: highs, cbc,
    /// microlp; HiGHS also runs the default method), and write the solver comparison beside
    /// the tables: `bench-solvers.csv` and `.json`, `profile.svg`, `gap.svg` and
    /// `bench-solvers.html`.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "LIST")]
    pub solvers: Vec<SolverArg>,
    /// Run nothing: draw the figures and the page again from the `bench-solvers.json` that a
    /// `--solvers` run wrote into `-o DIR`.
    #[arg(long)]
    pub replot: bool,
    /// Write the instance library of the run to this CSV file: each instance with how to
    /// regenerate it, its best schedule and bounds, proven or not.
    #[arg(long, value_name = "FILE")]
    pub index: Option<PathBuf>,
    /// Folder for the generated problems and the tables `bench.md` and `bench.csv`.
    #[arg(short, long, default_value = "bench-results")]
    pub output: PathBuf,
    /// Replace existing tables.
    #[arg(long)]
    pub force: bool,
}

/// How `solve` prints its result on stdout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A readable summary with the unstaffed requests and why.
    Table,
    /// The schedule JSON.
    Json,
    /// One row per staffed request.
    Csv,
    /// The summary table; the `-o` file is written as an .xlsx workbook whatever its name.
    Xlsx,
}

/// Formulations selectable on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormulationArg {
    /// Presolved starts, interval cliques, warm starts.
    Cliques,
    /// Baseline: every start, one C8 row per trainer and day, no warm starts.
    Plain,
}

impl From<FormulationArg> for crate::solver::formulation::Kind {
    fn from(f: FormulationArg) -> Self {
        match f {
            FormulationArg::Cliques => Self::Cliques,
            FormulationArg::Plain => Self::Plain,
        }
    }
}

/// MILP solvers selectable on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SolverArg {
    /// HiGHS: every formulation and method, bounds, time limit, Ctrl-C.
    Highs,
    /// COIN-OR CBC (`--formulation plain`): bounds, time limit in whole seconds, no Ctrl-C.
    Cbc,
    /// microlp, pure Rust (`--formulation plain`, small problems): time limit, no bound, no Ctrl-C.
    Microlp,
}

impl From<SolverArg> for crate::solver::method::Backend {
    fn from(s: SolverArg) -> Self {
        match s {
            SolverArg::Highs => Self::Highs,
            SolverArg::Cbc => Self::Cbc,
            SolverArg::Microlp => Self::Microlp,
        }
    }
}

/// Arguments of `solve`.
#[derive(Debug, clap::Args)]
pub struct SolveArgs {
    /// Problem: JSON, .xlsx workbook or folder of CSV files.
    pub problem: PathBuf,
    /// Write the schedule to this file: JSON, or a workbook if it ends in .xlsx (refuses to
    /// overwrite without --force).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Wall-clock limit for the whole solve, in seconds.
    #[arg(long, value_name = "SECONDS")]
    pub time_limit: Option<f64>,
    /// Relative gap accepted as optimal on the cost tier (coverage is always exact).
    #[arg(long, value_name = "REL", default_value_t = 0.0)]
    pub gap: f64,
    /// Threads for HiGHS.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub threads: u32,
    /// Random seed for HiGHS.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub seed: u32,
    /// What to print on stdout.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Leave wall-clock time out of the schedule, so equal inputs give equal bytes.
    #[arg(long)]
    pub reproducible: bool,
    /// No progress lines on stderr.
    #[arg(short, long, conflicts_with = "progress")]
    pub quiet: bool,
    /// Progress lines on stderr even when it is not a terminal (for logs and scripts).
    #[arg(long)]
    pub progress: bool,
    /// Show HiGHS's own log on stderr.
    #[arg(long)]
    pub verbose: bool,
    /// Model to build: `cliques` (default) or the `plain` baseline kept for comparison.
    #[arg(long, value_enum, default_value_t = FormulationArg::Cliques)]
    pub formulation: FormulationArg,
    /// MILP solver: `highs` (default) for every formulation; `cbc` and `microlp` run
    /// `--formulation plain` only, and say in the schedule what they cannot do.
    #[arg(long, value_enum, default_value_t = SolverArg::Highs)]
    pub solver: SolverArg,
    /// Above this many seats (trainer × request × start choices) the model is built on the
    /// cheapest few trainers per start; the schedule then carries bounds of the whole problem.
    #[arg(long, value_name = "N", default_value_t = 1_000_000)]
    pub max_seats: usize,
    /// Bound tiers that the LP leaves unproven by the decomposition by trainer (column
    /// generation over trainer years) before the reduced-cost rounds. Off by default: on the
    /// families measured its bound costs more time than it saves (docs/formulation.md).
    #[arg(long)]
    pub decomposition: bool,
    /// Pass an option to HiGHS, e.g. `--highs presolve=off` (repeatable; for experiments).
    #[arg(long, value_name = "NAME=VALUE", value_parser = parse_key_value)]
    pub highs: Vec<(String, String)>,
    /// Name up to N ranked backups per staffed request (2 when N is left out): trainers off
    /// the team who could stand in for a member without breaking a rule. The schedule itself
    /// does not change.
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "2")]
    pub backups: Option<usize>,
    /// Balance workloads after cost: among schedules with the optimal coverage and a cost
    /// within --cost-slack of the optimum, minimise the largest share of a trainer's budget
    /// used, then maximise the trainers who deliver at least one training.
    #[arg(long)]
    pub balance: bool,
    /// Relative rise of the cost that --balance may accept (0.02: 2 %).
    #[arg(long, value_name = "REL", default_value_t = 0.02)]
    pub cost_slack: f64,
}

fn parse_range(s: &str) -> Result<(u32, u32), String> {
    let bad = || format!("`{s}` is not LOW-HIGH (whole numbers, LOW at most HIGH, e.g. 10-30)");
    let (a, b) = s.split_once('-').ok_or_else(bad)?;
    let (a, b): (u32, u32) = (
        a.trim().parse().map_err(|_| bad())?,
        b.trim().parse().map_err(|_| bad())?,
    );
    if a > b {
        return Err(bad());
    }
    Ok((a, b))
}

fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 => Ok(x),
        _ => Err(format!("`{s}` is not a number of seconds above 0 (e.g. 120)")),
    }
}

fn parse_key_value(s: &str) -> Result<(String, String), String> {
    let (k, v) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}` is not NAME=VALUE"))?;
    Ok((k.trim().to_owned(), v.trim().to_owned()))
}

/// Arguments of `generate`.
#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// Number of trainers.
    #[arg(long, default_value_t = 210)]
    pub trainers: usize,
    /// Number of requests.
    #[arg(long, default_value_t = 300)]
    pub requests: usize,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Give every request a fixed start date.
    #[arg(long)]
    pub fixed_dates: bool,
    /// Start from a named family of settings: loose (the programme's shape), tight, fares,
    /// teams, fixed or mixed; the options below change single settings.
    #[arg(long, value_name = "NAME")]
    pub family: Option<String>,
    /// The policy's yearly day budget.
    #[arg(long, value_name = "DAYS")]
    pub policy_days: Option<u32>,
    /// Share of trainers with a budget of their own (0–1).
    #[arg(long, value_name = "SHARE")]
    pub own_budget_share: Option<f64>,
    /// Range of those budgets, e.g. `10-30`.
    #[arg(long, value_name = "LOW-HIGH", value_parser = parse_range)]
    pub own_budget: Option<(u32, u32)>,
    /// Fares: `policy` (two values) or `pairs` (a fare per pair of countries).
    #[arg(long, value_name = "MODEL")]
    pub fares: Option<String>,
    /// Spread of per-pair fares around the policy values (0–0.95).
    #[arg(long, value_name = "SHARE")]
    pub fare_spread: Option<f64>,
    /// Team sizes of every request, e.g. `1-3`.
    #[arg(long, value_name = "LOW-HIGH", value_parser = parse_range)]
    pub team: Option<(u32, u32)>,
    /// Share of requests that need an ace lead (0–1).
    #[arg(long, value_name = "SHARE")]
    pub lead_share: Option<f64>,
    /// Share of requests on a fixed date (0–1).
    #[arg(long, value_name = "SHARE")]
    pub fixed_share: Option<f64>,
    /// Window widths in weeks, e.g. `2-12`.
    #[arg(long, value_name = "LOW-HIGH", value_parser = parse_range)]
    pub window_weeks: Option<(u32, u32)>,
    /// Problem name (default: "generated TxR seed S").
    #[arg(long)]
    pub name: Option<String>,
    /// Write to this file instead of stdout (refuses to overwrite without --force).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

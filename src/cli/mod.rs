//! The command-line interface: parses arguments, calls the library, maps results to exit codes.
//!
//! Exit codes: 0 success; 1 `verify` found violations; 2 bad input or usage; 3 no valid
//! schedule (infeasible problem, or none found in time); 4 I/O or internal error.

mod args;
mod bench_cmd;
mod diff;
mod explain_cmd;
mod generate_cmd;
mod model_files;
mod planner_out;
mod replan;
mod report;
mod tables;
mod whatif;
mod whatif_table;

use std::io::IsTerminal;
use std::process::ExitCode;

pub use crate::files::{writable, write_atomic, WriteError};
pub use args::{BenchArgs, Cli, Command, Format, GenerateArgs, SolveArgs};
pub use planner_out::{CalendarsArgs, ReportArgs};

use crate::format;
use crate::validate::{LoadError, Loaded};
use crate::{checker, plan, solver};

/// Exit code: success.
pub const OK: u8 = 0;
/// Exit code: the schedule breaks rules.
pub const VIOLATIONS: u8 = 1;
/// Exit code: bad input or usage.
pub const BAD_INPUT: u8 = 2;
/// Exit code: no valid schedule.
pub const NO_SCHEDULE: u8 = 3;
/// Exit code: I/O or internal error.
pub const FAILURE: u8 = 4;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    ExitCode::from(match cli.command {
        Command::Solve(a) => solve(&a),
        Command::Verify { problem, schedule } => verify(&problem, &schedule),
        Command::Check { problem } => check(&problem),
        Command::Generate(a) => generate_cmd::run(&a),
        Command::Bench(a) => bench_cmd::run(&a),
        Command::Whatif(a) => whatif::run(&a),
        Command::Replan(a) => replan::run(&a),
        Command::Diff(a) => diff::run(&a),
        Command::Explain(a) => explain_cmd::run(&a),
        Command::Calendars(a) => planner_out::calendars_cmd(&a),
        Command::Report(a) => planner_out::report_cmd(&a),
        Command::Template(a) => tables::template(&a),
        Command::Convert(a) => tables::convert(&a),
        Command::Export(a) => model_files::export(&a),
        Command::Import(a) => model_files::import(&a),
    })
}

pub(crate) fn load(path: &std::path::Path) -> Result<Loaded, u8> {
    match crate::input::load_problem(path) {
        Ok(l) => Ok(l),
        Err(LoadError::Invalid(report)) => {
            eprintln!("{report}");
            Err(BAD_INPUT)
        }
        Err(e @ LoadError::Io { .. }) => {
            eprintln!("error: {e}");
            Err(BAD_INPUT)
        }
    }
}

fn check(path: &std::path::Path) -> u8 {
    match load(path) {
        Ok(loaded) => {
            eprintln!("{}", loaded.report);
            OK
        }
        Err(code) => code,
    }
}

fn solve(a: &SolveArgs) -> u8 {
    if let Err(e) = usable_output(a) {
        eprintln!("error: {e}");
        return BAD_INPUT;
    }
    let loaded = match load(&a.problem) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let problem = &loaded.problem;
    // First Ctrl-C: stop searching and write the best schedule found; second: quit at once.
    let options = solve_options(a);
    let interrupt = options.interrupt.clone();
    let _ = ctrlc::set_handler(move || {
        if interrupt.is_set() {
            std::process::exit(130);
        }
        eprintln!("interrupted: stopping the search; the best schedule found will be written");
        interrupt.interrupt();
    });
    let solved = plan::solve(problem, &options);
    let schedule = match (solved, a.backups) {
        (Ok(s), Some(n)) => plan::with_backups(problem, s, n),
        (other, _) => other,
    };
    let schedule = match schedule {
        Ok(s) => s,
        Err(e) => return plan_failed(&a.problem, &e),
    };
    let json = format::schedule_to_json(problem, &schedule, !a.reproducible);
    if let Some(out) = &a.output {
        let workbook =
            a.format == Format::Xlsx || out.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        let written = match workbook {
            true => tables::write_xlsx(
                out,
                crate::workbook::schedule_xlsx(problem, &schedule, a.reproducible),
                a.force,
                &[&a.problem],
            ),
            false => write_atomic(out, json.as_bytes(), a.force, &[&a.problem]).map_err(|e| {
                eprintln!("error: {e}");
                FAILURE
            }),
        };
        if written.is_err() {
            return FAILURE;
        }
    }
    let shown = match a.format {
        Format::Table | Format::Xlsx => report::table(problem, &schedule),
        Format::Json => json,
        Format::Csv => report::csv(problem, &schedule),
    };
    print!("{shown}");
    OK
}

/// Says why no verified schedule came out of `problem`; the exit code.
pub(crate) fn plan_failed(problem: &std::path::Path, e: &plan::PlanError) -> u8 {
    match e {
        plan::PlanError::Infeasible(why) => {
            eprintln!(
                "error: {}: the problem has no valid schedule\n{why}",
                problem.display()
            );
            NO_SCHEDULE
        }
        plan::PlanError::NoSolution(_) => {
            eprintln!("error: {e}");
            NO_SCHEDULE
        }
        plan::PlanError::Violations(_) => {
            eprintln!("{e}");
            FAILURE
        }
        plan::PlanError::Solver(_) => {
            eprintln!("error: {e}");
            FAILURE
        }
    }
}

/// Refuses, before any work, options out of range and an output that may not be written.
fn usable_output(a: &SolveArgs) -> Result<(), String> {
    if !(0.0..1.0).contains(&a.gap) || a.time_limit.is_some_and(|t| !(t > 0.0)) || a.threads == 0 {
        return Err("--gap must be in [0, 1), --time-limit above 0 and --threads at least 1".to_owned());
    }
    if a.solver != args::SolverArg::Highs && a.formulation != args::FormulationArg::Plain {
        return Err(format!(
            "--solver {} runs the plain formulation only (mtplan's LP-guided method needs HiGHS): add --formulation plain",
            crate::solver::method::Backend::from(a.solver).code()
        ));
    }
    if a.solver != args::SolverArg::Highs && a.balance {
        return Err("--balance runs its tiers on HiGHS: leave --solver out".to_owned());
    }
    if a.backups == Some(0) {
        return Err("--backups 0 names no backup: give N of at least 1, or leave N out for 2".to_owned());
    }
    if !(0.0..1.0).contains(&a.cost_slack) {
        return Err(format!(
            "--cost-slack {} is not a share of the cost in [0, 1) (e.g. 0.02 for 2 %)",
            a.cost_slack
        ));
    }
    if a.format == Format::Xlsx && a.output.is_none() {
        return Err("--format xlsx writes a workbook: name it with -o FILE.xlsx".to_owned());
    }
    let Some(out) = &a.output else { return Ok(()) };
    writable(out, a.force, &[&a.problem]).map_err(|e| e.to_string())
}

fn solve_options(a: &SolveArgs) -> solver::Options {
    solver::Options {
        time_limit: a.time_limit,
        mip_rel_gap: a.gap,
        threads: a.threads,
        seed: a.seed,
        progress: a.progress || (!a.quiet && std::io::stderr().is_terminal()),
        verbose: a.verbose,
        highs_options: a.highs.clone(),
        formulation: a.formulation.into(),
        max_seats: a.max_seats,
        baseline: None,
        warm_start: None,
        interrupt: solver::budget::Interrupt::new(),
        decomposition: a.decomposition,
        backend: a.solver.into(),
        balance: a.balance.then_some(a.cost_slack),
    }
}

fn verify(problem_path: &std::path::Path, schedule_path: &std::path::Path) -> u8 {
    let loaded = match load(problem_path) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let schedule = match format::load_schedule(schedule_path, &loaded.problem) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return BAD_INPUT;
        }
    };
    let violations = checker::check(&loaded.problem, &schedule);
    for v in &violations {
        println!("{v}");
    }
    let real = checker::recompute(&loaded.problem, &schedule);
    eprintln!(
        "{}: {} violation(s); {} request(s) staffed, coverage {}, cost {}",
        schedule_path.display(),
        violations.len(),
        schedule.scheduled.len(),
        real.coverage,
        real.cost
    );
    if violations.is_empty() {
        OK
    } else {
        VIOLATIONS
    }
}

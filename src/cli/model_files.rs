//! `export` (a tier's MILP as a model file for other solvers) and `import` (another solver's
//! solution of it, turned into a schedule and checked by the independent checker).

use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::args::FormulationArg;
use super::{load, writable, write_atomic, BAD_INPUT, FAILURE, OK, VIOLATIONS};
use crate::solver::export::{TierChoice, TierMilp};
use crate::solver::highs::ffi;
use crate::solver::names::Style;
use crate::{checker, format, plan, solver};

/// The tier an exported model optimises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TierArg {
    /// Maximise coverage (Σ priority of the staffed requests).
    Coverage,
    /// Minimise cost with coverage at least `--coverage` (default: its proven optimum).
    Cost,
    /// Maximise W · coverage − cost: one objective whose optimum is the lexicographic one.
    Weighted,
}

/// Arguments of `export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Problem: JSON, .xlsx workbook or folder of CSV files.
    pub problem: PathBuf,
    /// The model file: free MPS (`.mps`) or CPLEX LP (`.lp`).
    #[arg(short, long, value_name = "MODEL")]
    pub output: PathBuf,
    /// The tier whose MILP is written.
    #[arg(long, value_enum, default_value_t = TierArg::Coverage)]
    pub tier: TierArg,
    /// Coverage the cost tier keeps (default: solve the coverage tier first and use its optimum).
    #[arg(long, value_name = "Z")]
    pub coverage: Option<u64>,
    /// Model to write: `cliques` (mtplan's) or the `plain` baseline.
    #[arg(long, value_enum, default_value_t = FormulationArg::Cliques)]
    pub formulation: FormulationArg,
    /// Replace the model file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Problem the model was exported from.
    pub problem: PathBuf,
    /// Another solver's solution file (`name value` per column: HiGHS, CBC, SCIP, Gurobi).
    pub solution: PathBuf,
    /// The model file the solution solves (as `mtplan export` wrote it).
    #[arg(long, value_name = "MODEL")]
    pub model: PathBuf,
    /// Write the verified schedule (JSON) here; nothing is written if it breaks a rule.
    #[arg(short, long, value_name = "SCHEDULE")]
    pub output: Option<PathBuf>,
    /// Replace the schedule file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// `mtplan export`.
pub fn export(a: &ExportArgs) -> u8 {
    if Style::of(&a.output).is_none() {
        eprintln!(
            "error: {}: name the model file .mps (free MPS) or .lp (CPLEX LP)",
            a.output.display()
        );
        return BAD_INPUT;
    }
    if a.coverage.is_some() && a.tier != TierArg::Cost {
        eprintln!("error: --coverage is the coverage the cost tier keeps: use it with --tier cost");
        return BAD_INPUT;
    }
    if let Err(e) = writable(&a.output, a.force, &[&a.problem]) {
        eprintln!("error: {e}");
        return BAD_INPUT;
    }
    let loaded = match load(&a.problem) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let problem = &loaded.problem;
    let tier = match (a.tier, a.coverage) {
        (TierArg::Coverage, _) => TierChoice::Coverage,
        (TierArg::Weighted, _) => TierChoice::Weighted,
        (TierArg::Cost, Some(z)) => TierChoice::Cost(z as f64),
        (TierArg::Cost, None) => match proven_coverage(problem) {
            Ok(z) => TierChoice::Cost(z),
            Err(e) => {
                eprintln!("error: {}: {e}", a.problem.display());
                return FAILURE;
            }
        },
    };
    let milp = TierMilp::build(problem, a.formulation.into(), tier);
    match write_model(&milp, problem, &a.output, a.force, &a.problem) {
        Ok(text) => {
            eprintln!("{text}");
            OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            FAILURE
        }
    }
}

/// The coverage optimum, proven by a solve.
fn proven_coverage(problem: &crate::model::Problem) -> Result<f64, String> {
    let schedule = plan::solve(problem, &solver::Options::default()).map_err(|e| e.to_string())?;
    let coverage = schedule.objective.map_or(0, |o| o.coverage);
    let bound = schedule.bound.map_or(f64::INFINITY, |b| b.coverage);
    if bound > coverage as f64 {
        return Err(format!(
            "coverage {coverage} is not proven optimal (bound {bound}); give the cost tier's coverage with --coverage"
        ));
    }
    eprintln!("coverage tier solved: optimum {coverage}");
    Ok(coverage as f64)
}

/// Writes the model file atomically to `out`.
fn write_model(
    milp: &TierMilp,
    problem: &crate::model::Problem,
    out: &Path,
    force: bool,
    input: &Path,
) -> Result<String, String> {
    let style =
        Style::of(out).ok_or_else(|| format!("{}: name the model file .mps or .lp", out.display()))?;
    let (written, text) = milp.text(problem, &problem.name, style)?;
    write_atomic(out, text.as_bytes(), force, &[input]).map_err(|e| e.to_string())?;
    let objective = match (milp.tier, written.weight) {
        (TierChoice::Coverage, _) => "−coverage".to_owned(),
        (TierChoice::Cost(z), _) => format!("cost with coverage ≥ {z}"),
        (TierChoice::Weighted, Some(w)) => format!(
            "cost − {w} · coverage (W = {w}); solve it with a relative gap of 0: its values reach W × coverage"
        ),
        (TierChoice::Weighted, None) => "cost − W · coverage".to_owned(),
    };
    Ok(format!(
        "{}: {} columns, {} rows, minimise {objective}",
        out.display(),
        written.columns,
        written.rows
    ))
}

/// `mtplan import`.
pub fn import(a: &ImportArgs) -> u8 {
    let Some(style) = Style::of(&a.model) else {
        eprintln!(
            "error: {}: the model file must be .mps or .lp, as `mtplan export` writes it",
            a.model.display()
        );
        return BAD_INPUT;
    };
    // An output that may not be written is refused before any file is read or checked.
    let inputs = [a.problem.as_path(), a.solution.as_path(), a.model.as_path()];
    if let Some(Err(e)) = a.output.as_ref().map(|out| writable(out, a.force, &inputs)) {
        eprintln!("error: {e}");
        return BAD_INPUT;
    }
    let loaded = match load(&a.problem) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let problem = &loaded.problem;
    let columns = match ffi::read_model(&a.model).and_then(|mut m| ffi::column_names(&mut m)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return BAD_INPUT;
        }
    };
    let text = match std::fs::read_to_string(&a.solution) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", a.solution.display());
            return BAD_INPUT;
        }
    };
    let shown = a.solution.display().to_string();
    let imported = solver::import::parse(&text, &shown, &columns)
        .and_then(|values| solver::import::schedule(problem, style, &columns, &values));
    let imported = match imported {
        Ok(i) => i,
        Err(errors) => {
            eprintln!(
                "error: {} does not fit {} and {}:",
                shown,
                a.model.display(),
                a.problem.display()
            );
            errors.iter().for_each(|e| eprintln!("  {e}"));
            return BAD_INPUT;
        }
    };
    let violations: Vec<String> = imported
        .broken
        .iter()
        .cloned()
        .chain(
            checker::check(problem, &imported.schedule)
                .iter()
                .map(ToString::to_string),
        )
        .collect();
    violations.iter().for_each(|v| println!("{v}"));
    let real = checker::recompute(problem, &imported.schedule);
    eprintln!(
        "{shown}: {} violation(s); {} request(s) staffed, coverage {}, cost {}",
        violations.len(),
        imported.schedule.scheduled.len(),
        real.coverage,
        real.cost
    );
    if !violations.is_empty() {
        eprintln!("{shown} breaks the rules above: no schedule written");
        return VIOLATIONS;
    }
    let Some(out) = &a.output else { return OK };
    let json = format::schedule_to_json(problem, &imported.schedule, false);
    match write_atomic(out, json.as_bytes(), a.force, &inputs) {
        Ok(()) => OK,
        Err(e) => {
            eprintln!("error: {e}");
            BAD_INPUT
        }
    }
}

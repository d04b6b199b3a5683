//! The schedule a planner gets: solved, each unstaffed request given its reason, and verified
//! by the independent checker before anyone sees it. `solve`, `whatif` and `replan` all go
//! through here, so none can write a schedule that breaks a rule.

use crate::checker::{self, Violation};
use crate::model::{Problem, Schedule, Status};
use crate::solver::baseline::{self, Baseline, Replanned};
use crate::solver::{self, Options, SolveError};
use crate::{explain, model};

/// Why no verified schedule came out.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// The problem has no valid schedule; the text says which rules conflict.
    #[error("the problem has no valid schedule\n{0}")]
    Infeasible(String),
    /// The search stopped (time limit or Ctrl-C) before it found a schedule.
    #[error("no valid schedule was found within the time limit{}; allow more time", bound_note(.0))]
    NoSolution(Option<model::Bound>),
    /// The solver's schedule breaks rules: a bug, reported with every violation.
    #[error("internal error: the solver's schedule breaks rules; please report this:{}", listed(.0))]
    Violations(Vec<Violation>),
    /// The MILP solver failed.
    #[error("{0}")]
    Solver(String),
}

fn bound_note(bound: &Option<model::Bound>) -> String {
    bound.map_or(String::new(), |b| format!(" (coverage bound {})", b.coverage))
}

fn listed(violations: &[Violation]) -> String {
    violations.iter().map(|v| format!("\n  {v}")).collect()
}

impl From<SolveError> for PlanError {
    fn from(e: SolveError) -> Self {
        match e {
            SolveError::Infeasible(why) => PlanError::Infeasible(why),
            SolveError::Solver(why) => PlanError::Solver(format!("solver failure: {why}")),
        }
    }
}

/// Solves `problem`, gives every unstaffed request its reason and verifies the schedule.
pub fn solve(problem: &Problem, options: &Options) -> Result<Schedule, PlanError> {
    let schedule = solver::solve(problem, options)?;
    verified(schedule, &[problem], problem)
}

/// Solves `problem` near `baseline` and verifies the schedule against `problem` and each of
/// `also` (for example the problem with its past frozen).
pub fn solve_near(
    problem: &Problem,
    options: &Options,
    baseline: &Baseline,
    also: &[&Problem],
) -> Result<Replanned, PlanError> {
    let mut replanned = baseline::solve_near(problem, options, baseline)?;
    let mut against = vec![problem];
    against.extend_from_slice(also);
    replanned.schedule = verified(replanned.schedule, &against, problem)?;
    Ok(replanned)
}

/// `schedule` with up to `n` ranked backups named for each staffed request (see
/// [`explain::backups`]), each verified by the independent checker's own code. The schedule's
/// assignments are not changed.
pub fn with_backups(problem: &Problem, mut schedule: Schedule, n: usize) -> Result<Schedule, PlanError> {
    schedule.backups = Some(explain::backups::backups(problem, &schedule, n));
    let violations = checker::check_backups(problem, &schedule);
    if violations.is_empty() {
        Ok(schedule)
    } else {
        Err(PlanError::Violations(violations))
    }
}

/// `schedule` annotated for `annotate_in` and checked against every problem of `against`.
fn verified(
    mut schedule: Schedule,
    against: &[&Problem],
    annotate_in: &Problem,
) -> Result<Schedule, PlanError> {
    if schedule.status == Status::NoSolutionFound {
        return Err(PlanError::NoSolution(schedule.bound));
    }
    explain::annotate(annotate_in, &mut schedule);
    for p in against {
        let violations = checker::check(p, &schedule);
        if !violations.is_empty() {
            return Err(PlanError::Violations(violations));
        }
    }
    Ok(schedule)
}

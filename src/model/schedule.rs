//! Schedules: which request is staffed, when, by whom; what is left and why; how sure we are.

use chrono::NaiveDate;

use super::ids::{RequestId, TrainerId};

/// How much the solver proved about a schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Both tiers proven optimal (within the requested gap tolerance, reported in `gap`).
    Optimal,
    /// A valid schedule, not proven optimal: a limit stopped the search. See bound and gap.
    Feasible,
    /// No valid schedule was found before a limit stopped the search.
    NoSolutionFound,
}

impl Status {
    /// The code used in schedule files.
    pub fn code(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::Feasible => "feasible",
            Status::NoSolutionFound => "no_solution_found",
        }
    }
}

/// The two objective tiers: coverage first (maximised), then cost (minimised).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Objective {
    /// Sum of priorities over scheduled requests.
    pub coverage: u64,
    /// Travel plus subsistence over all assignments, in whole currency units.
    pub cost: u64,
}

/// Proven bounds on the tiers: no schedule covers more than `coverage`; no schedule with the
/// reported coverage costs less than `cost`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bound {
    /// Upper bound on coverage.
    pub coverage: f64,
    /// Lower bound on cost at the reported coverage.
    pub cost: f64,
}

/// Relative gaps between the objective and its bound, per tier (0 when proven).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gap {
    /// (bound − coverage) / bound.
    pub coverage: f64,
    /// (cost − bound) / cost.
    pub cost: f64,
}

/// One staffed request.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Assignment {
    /// The request.
    pub request: RequestId,
    /// First day.
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub end: NaiveDate,
    /// Trainers, sorted by id.
    pub trainers: Vec<TrainerId>,
}

/// Why a request was not staffed, as a code and a sentence for people.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Reason {
    /// Stable machine-readable code (e.g. `no_eligible_trainers`).
    pub code: String,
    /// The explanation in the planner's words.
    pub text: String,
}

/// A request left without trainers.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Unscheduled {
    /// The request.
    pub request: RequestId,
    /// Reasons, most fundamental first.
    pub reasons: Vec<Reason>,
}

/// What the balance tiers (`--balance`) proved.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct BalanceProof {
    /// Relative rise of the cost accepted.
    pub cost_slack: f64,
    /// Largest share of a trainer's budget used.
    pub largest_share: f64,
    /// Proven lower bound on it (given coverage and the cost cap).
    pub largest_share_bound: f64,
    /// Trainers who deliver at least one training.
    pub active: u64,
    /// Proven upper bound on them (given the largest share).
    pub active_bound: f64,
}

/// Solver settings and effort that produced a schedule, echoed into it.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Settings {
    /// Solver name and version.
    pub solver: String,
    /// mtplan version.
    pub mtplan_version: String,
    /// Formulation used.
    pub formulation: String,
    /// Threads given to the MILP solver.
    pub threads: u32,
    /// Random seed given to the MILP solver.
    pub seed: u32,
    /// Wall-clock limit for the whole solve, in seconds.
    pub time_limit_seconds: Option<f64>,
    /// Relative gap tolerance per tier.
    pub mip_rel_gap: f64,
    /// Wall-clock seconds the solve took (left out of reproducible outputs on request).
    pub elapsed_seconds: f64,
    /// Wall-clock seconds per phase (`model`, `tier1`, `tier2`), in order.
    pub phase_seconds: Vec<(String, f64)>,
    /// Peak resident memory of the process in MiB, where the system tells it.
    pub peak_memory_mib: Option<f64>,
    /// Independent parts the problem was split into (1 when it was solved whole).
    pub parts: usize,
    /// Rows and columns of the MILP model.
    pub model_rows: usize,
    /// Columns (variables) of the MILP model.
    pub model_columns: usize,
    /// The balance tiers' results, when `--balance` asked for them.
    pub balance: Option<BalanceProof>,
}

/// A trainer who could stand in on a staffed request for one of its team members.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Backup {
    /// The trainer (not on the team).
    pub trainer: TrainerId,
    /// The team members they could replace without breaking a rule, sorted.
    pub replaces: Vec<TrainerId>,
    /// Cost change of the cheapest of those swaps (negative when cheaper).
    pub cost_change: i64,
    /// Budget days the trainer has left before standing in.
    pub days_left: u32,
}

/// The ranked backups of one staffed request.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cover {
    /// The request.
    pub request: RequestId,
    /// Backups, best first: by cost change, then most budget left, then id.
    pub backups: Vec<Backup>,
    /// Why no trainer qualifies, when `backups` is empty.
    pub none: Option<Reason>,
}

/// A schedule: the answer to a problem.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    /// What was proven.
    pub status: Status,
    /// The schedule's objective values.
    pub objective: Option<Objective>,
    /// Proven bounds.
    pub bound: Option<Bound>,
    /// Relative gaps.
    pub gap: Option<Gap>,
    /// Staffed requests, sorted by request id.
    pub scheduled: Vec<Assignment>,
    /// Requests left unstaffed, sorted by request id.
    pub unscheduled: Vec<Unscheduled>,
    /// Settings that produced it.
    pub settings: Option<Settings>,
    /// Backups per staffed request, sorted by request id; `None` when none were asked for.
    pub backups: Option<Vec<Cover>>,
}

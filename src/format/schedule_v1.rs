//! Schedule JSON v1: what `solve -o` writes and what `verify` reads.
//!
//! Only `scheduled` is required on reading, so hand-edited schedules and those of other tools
//! can be verified; unknown fields are ignored there.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::backups_v1::{self, BackupV1};
use crate::model::*;

/// Schedule file, version 1.
#[derive(Debug, Serialize, Deserialize)]
pub struct ScheduleV1 {
    /// Name of the problem solved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    /// `optimal`, `feasible`, `infeasible` or `no_solution_found`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Objective values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<ObjectiveV1>,
    /// Proven bounds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<TiersV1>,
    /// Relative gaps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap: Option<TiersV1>,
    /// Staffed requests.
    pub scheduled: Vec<AssignmentV1>,
    /// Unstaffed requests and why.
    #[serde(default)]
    pub unscheduled: Vec<UnscheduledV1>,
    /// Settings that produced the schedule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<SettingsV1>,
}

/// Objective values.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct ObjectiveV1 {
    /// Sum of priorities of staffed requests.
    pub coverage: u64,
    /// Total cost.
    pub cost: u64,
}

/// A value per tier (bounds, gaps).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct TiersV1 {
    /// Coverage tier.
    pub coverage: f64,
    /// Cost tier.
    pub cost: f64,
}

/// One staffed request.
#[derive(Debug, Serialize, Deserialize)]
pub struct AssignmentV1 {
    /// Request id.
    pub request: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day; computed from the duration when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    /// Trainer ids.
    pub trainers: Vec<String>,
    /// Ranked backups (schedules solved with `--backups` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backups: Option<Vec<BackupV1>>,
    /// Why no trainer can stand in, when `backups` is empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_backup: Option<String>,
}

/// One unstaffed request.
#[derive(Debug, Serialize, Deserialize)]
pub struct UnscheduledV1 {
    /// Request id.
    pub request: String,
    /// Reasons, as text, most fundamental first.
    #[serde(default)]
    pub reasons: Vec<String>,
    /// Reason codes, one per reason.
    #[serde(default)]
    pub codes: Vec<String>,
}

/// Settings echoed into a schedule.
#[derive(Debug, Serialize, Deserialize, Default)]
pub struct SettingsV1 {
    /// MILP solver and version.
    #[serde(default)]
    pub solver: String,
    /// mtplan version.
    #[serde(default)]
    pub mtplan: String,
    /// Formulation.
    #[serde(default)]
    pub formulation: String,
    /// Solver threads.
    #[serde(default)]
    pub threads: u32,
    /// Solver random seed.
    #[serde(default)]
    pub seed: u32,
    /// Time limit, seconds.
    #[serde(default)]
    pub time_limit_seconds: Option<f64>,
    /// Relative gap tolerance per tier.
    #[serde(default)]
    pub mip_rel_gap: f64,
    /// Independent parts solved separately.
    #[serde(default)]
    pub parts: usize,
    /// MILP rows.
    #[serde(default)]
    pub model_rows: usize,
    /// MILP columns.
    #[serde(default)]
    pub model_columns: usize,
    /// Wall-clock seconds (absent in reproducible output).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elapsed_seconds: Option<f64>,
    /// Wall-clock seconds per phase (absent in reproducible output).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase_seconds: Option<std::collections::BTreeMap<String, f64>>,
    /// Peak resident memory of the solving process, MiB (absent in reproducible output).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peak_memory_mib: Option<f64>,
    /// The balance tiers' results (`--balance` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance: Option<BalanceV1>,
}

/// What the balance tiers proved.
#[derive(Debug, Serialize, Deserialize)]
pub struct BalanceV1 {
    /// Relative rise of the cost accepted.
    pub cost_slack: f64,
    /// Largest share of a trainer's budget used.
    pub largest_share: f64,
    /// Proven lower bound on it.
    pub largest_share_bound: f64,
    /// Trainers who deliver at least one training.
    pub active_trainers: u64,
    /// Proven upper bound on them (absent when none is known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_trainers_bound: Option<f64>,
}

/// Why a schedule file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ScheduleError {
    /// The file could not be read.
    #[error("cannot read {file}: {source}")]
    Io {
        /// The file.
        file: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is not a schedule.
    #[error("{file}:{line}:{column}: not a schedule: {message}\n  hint: a schedule is a JSON object with a `scheduled` list of {{\"request\", \"start\", \"trainers\"}}")]
    Invalid {
        /// The file.
        file: String,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
        /// What is wrong, with its path.
        message: String,
    },
}

/// Reads a schedule file for `problem` (used to fill in missing end dates).
pub fn load_schedule(path: &Path, problem: &Problem) -> Result<Schedule, ScheduleError> {
    let file = path.display().to_string();
    let text = std::fs::read(path).map_err(|source| ScheduleError::Io {
        file: file.clone(),
        source,
    })?;
    parse_schedule(&text, &file, problem)
}

/// Reads schedule JSON `bytes` for `problem`, naming `file` in errors.
pub fn parse_schedule(text: &[u8], file: &str, problem: &Problem) -> Result<Schedule, ScheduleError> {
    let file = file.to_owned();
    let de = &mut serde_json::Deserializer::from_slice(text);
    let raw: ScheduleV1 = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = match e.path().to_string() {
            p if p == "." => "(top level)".to_owned(),
            p => p,
        };
        let inner = e.into_inner();
        let full = inner.to_string();
        let what = full.split(" at line ").next().unwrap_or(&full).to_owned();
        // A missing field is noticed at the end of its object; point at the top instead.
        let (line, column) = if what.starts_with("missing field") {
            (1, 1)
        } else {
            (inner.line(), inner.column())
        };
        ScheduleError::Invalid {
            file,
            line,
            column,
            message: format!("{path}: {what}"),
        }
    })?;
    Ok(from_v1(raw, problem))
}

fn from_v1(raw: ScheduleV1, problem: &Problem) -> Schedule {
    let status = match raw.status.as_deref() {
        Some("optimal") => Status::Optimal,
        Some("no_solution_found") => Status::NoSolutionFound,
        _ => Status::Feasible,
    };
    let mut covers: Vec<Cover> = Vec::new();
    let scheduled = raw
        .scheduled
        .into_iter()
        .map(|a| {
            let id = RequestId(a.request);
            covers.extend(backups_v1::from_v1(&id, a.backups, a.no_backup));
            let end = a
                .end
                .unwrap_or_else(|| problem.request(&id).map_or(a.start, |r| r.occupied(a.start).to));
            Assignment {
                request: id,
                start: a.start,
                end,
                trainers: a.trainers.into_iter().map(TrainerId).collect(),
            }
        })
        .collect();
    let unscheduled = raw
        .unscheduled
        .into_iter()
        .map(|u| Unscheduled {
            request: RequestId(u.request),
            reasons: u
                .reasons
                .into_iter()
                .zip(u.codes.into_iter().chain(std::iter::repeat(String::new())))
                .map(|(text, code)| Reason { code, text })
                .collect(),
        })
        .collect();
    Schedule {
        status,
        objective: raw.objective.map(|o| Objective {
            coverage: o.coverage,
            cost: o.cost,
        }),
        bound: raw.bound.map(|b| Bound {
            coverage: b.coverage,
            cost: b.cost,
        }),
        gap: raw.gap.map(|g| Gap {
            coverage: g.coverage,
            cost: g.cost,
        }),
        scheduled,
        unscheduled,
        settings: None,
        backups: (!covers.is_empty()).then(|| {
            covers.sort();
            covers
        }),
    }
}

/// The schedule as pretty JSON (v1), deterministic; `with_elapsed` adds wall-clock time.
pub fn schedule_to_json(problem: &Problem, s: &Schedule, with_elapsed: bool) -> String {
    let v1 = ScheduleV1 {
        problem: Some(problem.name.clone()),
        status: Some(s.status.code().to_owned()),
        objective: s.objective.map(|o| ObjectiveV1 {
            coverage: o.coverage,
            cost: o.cost,
        }),
        bound: s.bound.map(|b| TiersV1 {
            coverage: b.coverage,
            cost: b.cost,
        }),
        gap: s.gap.map(|g| TiersV1 {
            coverage: g.coverage,
            cost: g.cost,
        }),
        scheduled: s
            .scheduled
            .iter()
            .map(|a| {
                let (backups, no_backup) = backups_v1::to_v1(s.backups.as_deref(), &a.request);
                AssignmentV1 {
                    request: a.request.0.clone(),
                    start: a.start,
                    end: Some(a.end),
                    trainers: a.trainers.iter().map(|t| t.0.clone()).collect(),
                    backups,
                    no_backup,
                }
            })
            .collect(),
        unscheduled: s
            .unscheduled
            .iter()
            .map(|u| UnscheduledV1 {
                request: u.request.0.clone(),
                reasons: u.reasons.iter().map(|r| r.text.clone()).collect(),
                codes: u.reasons.iter().map(|r| r.code.clone()).collect(),
            })
            .collect(),
        settings: s.settings.as_ref().map(|st| SettingsV1 {
            solver: st.solver.clone(),
            mtplan: st.mtplan_version.clone(),
            formulation: st.formulation.clone(),
            threads: st.threads,
            seed: st.seed,
            time_limit_seconds: st.time_limit_seconds,
            mip_rel_gap: st.mip_rel_gap,
            parts: st.parts,
            model_rows: st.model_rows,
            model_columns: st.model_columns,
            elapsed_seconds: with_elapsed.then_some(st.elapsed_seconds),
            phase_seconds: with_elapsed.then(|| st.phase_seconds.iter().cloned().collect()),
            peak_memory_mib: st.peak_memory_mib.filter(|_| with_elapsed),
            balance: st.balance.map(|b| BalanceV1 {
                cost_slack: b.cost_slack,
                largest_share: b.largest_share,
                largest_share_bound: b.largest_share_bound,
                active_trainers: b.active,
                active_trainers_bound: b.active_bound.is_finite().then_some(b.active_bound),
            }),
        }),
    };
    let mut out = serde_json::to_string_pretty(&v1).unwrap_or_default();
    out.push('\n');
    out
}

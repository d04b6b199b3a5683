//! The backups of a schedule solved with `--backups`, for the report: per request (its ranked
//! backups, or why nobody can stand in) and per trainer ("backup for …").

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Problem, Schedule};

/// One staffed request with its backups.
#[derive(Clone, Debug, Serialize)]
pub struct RequestRow {
    /// Request id.
    pub id: String,
    /// Title.
    pub title: String,
    /// "KE-031 for UG-007 (+300)" per backup, best first.
    pub backups: Vec<String>,
    /// Why nobody can stand in, when there is no backup.
    pub none: String,
}

/// One trainer named as a backup.
#[derive(Clone, Debug, Serialize)]
pub struct TrainerRow {
    /// Trainer id.
    pub id: String,
    /// Trainer name.
    pub name: String,
    /// Requests they are a backup for, sorted.
    pub backup_for: Vec<String>,
}

/// Rows per request and per trainer; both empty when the schedule names no backups.
pub fn rows(problem: &Problem, schedule: &Schedule) -> (Vec<RequestRow>, Vec<TrainerRow>) {
    let Some(covers) = &schedule.backups else {
        return (Vec::new(), Vec::new());
    };
    let mut by_trainer: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let requests = covers
        .iter()
        .map(|c| {
            let backups = c
                .backups
                .iter()
                .map(|b| {
                    by_trainer
                        .entry(b.trainer.0.clone())
                        .or_default()
                        .push(c.request.0.clone());
                    let replaces: Vec<&str> = b.replaces.iter().map(|t| t.as_str()).collect();
                    format!("{} for {} ({:+})", b.trainer, replaces.join("/"), b.cost_change)
                })
                .collect();
            RequestRow {
                id: c.request.0.clone(),
                title: problem
                    .request(&c.request)
                    .map_or(String::new(), |r| r.title.clone()),
                backups,
                none: c.none.as_ref().map_or(String::new(), |r| r.text.clone()),
            }
        })
        .collect();
    let trainers = by_trainer
        .into_iter()
        .map(|(id, backup_for)| TrainerRow {
            name: problem
                .trainer(&crate::model::TrainerId(id.clone()))
                .map_or(String::new(), |t| t.name.clone()),
            id,
            backup_for,
        })
        .collect();
    (requests, trainers)
}

//! The backups of a staffed request in schedule JSON v1: `scheduled[].backups` (ranked) and
//! `scheduled[].no_backup` (why nobody can stand in). Both are left out of schedules solved
//! without `--backups`, so those files are as before.

use serde::{Deserialize, Serialize};

use crate::model::{Backup, Cover, Reason, RequestId, TrainerId};

/// The code of the reason given when no backup qualifies.
pub const NO_BACKUP: &str = "no_backup";

/// One backup.
#[derive(Debug, Serialize, Deserialize)]
pub struct BackupV1 {
    /// Trainer id.
    pub trainer: String,
    /// Team members they could replace.
    pub replaces: Vec<String>,
    /// Cost change of the cheapest swap.
    pub cost_change: i64,
    /// Budget days left before standing in.
    pub days_left: u32,
}

/// `(backups, no_backup)` of the assignment of `request`, from `covers`.
pub fn to_v1(covers: Option<&[Cover]>, request: &RequestId) -> (Option<Vec<BackupV1>>, Option<String>) {
    let Some(c) = covers.and_then(|cs| cs.iter().find(|c| &c.request == request)) else {
        return (None, None);
    };
    let list = c
        .backups
        .iter()
        .map(|b| BackupV1 {
            trainer: b.trainer.0.clone(),
            replaces: b.replaces.iter().map(|t| t.0.clone()).collect(),
            cost_change: b.cost_change,
            days_left: b.days_left,
        })
        .collect();
    (Some(list), c.none.as_ref().map(|r| r.text.clone()))
}

/// The cover of `request` as read, when the file names backups for it.
pub fn from_v1(request: &RequestId, backups: Option<Vec<BackupV1>>, none: Option<String>) -> Option<Cover> {
    let list = backups?;
    Some(Cover {
        request: request.clone(),
        backups: list
            .into_iter()
            .map(|b| Backup {
                trainer: TrainerId(b.trainer),
                replaces: b.replaces.into_iter().map(TrainerId).collect(),
                cost_change: b.cost_change,
                days_left: b.days_left,
            })
            .collect(),
        none: none.map(|text| Reason {
            code: NO_BACKUP.to_owned(),
            text,
        }),
    })
}

//! Backups: every named backup must be able to stand in for each team member it claims to
//! replace, by the same rules the schedule is checked against (C1–C9; pins are not asked, as a
//! member who cannot come cannot hold a pin either).

use super::rules::stand_in_violations;
use super::{Rule, Violation};
use crate::model::{Problem, Schedule};

/// Every broken claim of `schedule`'s backups: a backup on an unstaffed or unknown request, one
/// on the team or unknown, one that replaces nobody or someone not on the team, and every rule
/// a swap would break (the message names the backup and the member).
pub fn check_backups(problem: &Problem, schedule: &Schedule) -> Vec<Violation> {
    let mut out = Vec::new();
    let Some(covers) = &schedule.backups else {
        return out;
    };
    let reference = |request, trainer, message: String| Violation {
        rule: Rule::Reference,
        request,
        trainer,
        message,
    };
    for cover in covers {
        let a = schedule.scheduled.iter().find(|a| a.request == cover.request);
        let r = problem.requests.iter().find(|r| r.id == cover.request);
        let (Some(a), Some(r)) = (a, r) else {
            let msg = "backups are named for a request that is not staffed".to_owned();
            out.push(reference(Some(cover.request.clone()), None, msg));
            continue;
        };
        for backup in &cover.backups {
            let id = Some(backup.trainer.clone());
            let Some(b) = problem.trainers.iter().find(|t| t.id == backup.trainer) else {
                let msg = format!("backup `{}` is not in the problem", backup.trainer);
                out.push(reference(Some(r.id.clone()), id, msg));
                continue;
            };
            if a.trainers.contains(&b.id) || backup.replaces.is_empty() {
                let msg = "a backup must be off the team and replace a member".to_owned();
                out.push(reference(Some(r.id.clone()), id, msg));
                continue;
            }
            for m in &backup.replaces {
                if !a.trainers.contains(m) {
                    let msg = format!("backup for {m}, who is not on the team");
                    out.push(reference(Some(r.id.clone()), id.clone(), msg));
                    continue;
                }
                for mut v in stand_in_violations(problem, schedule, r, a, b, m) {
                    v.message = format!("backup {} for {m}: {}", b.id, v.message);
                    v.request = Some(r.id.clone());
                    v.trainer = id.clone();
                    out.push(v);
                }
            }
        }
    }
    out
}

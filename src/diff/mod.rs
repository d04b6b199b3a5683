//! What changed between two schedules: per request (newly staffed, dropped, moved from date to
//! date, trainers in and out), per trainer, and in total. Everything is sorted by id, so the
//! same two schedules always give the same diff; a schedule compared with itself gives none.

mod render;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

pub use render::{json, text};

use crate::model::{Assignment, RequestId, Schedule, TrainerId};

/// How one request changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RequestChange {
    /// Staffed in B, not in A.
    Staffed {
        /// Start in B.
        start: NaiveDate,
        /// Team in B.
        trainers: Vec<TrainerId>,
    },
    /// Staffed in A, not in B.
    Dropped {
        /// Start in A.
        start: NaiveDate,
        /// Team in A.
        trainers: Vec<TrainerId>,
    },
    /// Staffed in both, with another start or team.
    Changed {
        /// Start in A.
        from: NaiveDate,
        /// Start in B (equal to `from` when only the team changed).
        to: NaiveDate,
        /// Trainers in B who were not in A.
        trainers_in: Vec<TrainerId>,
        /// Trainers in A who are not in B.
        trainers_out: Vec<TrainerId>,
    },
}

/// What changed for one trainer, each list sorted by request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrainerChanges {
    /// Trainings the trainer gives in B and not in A (request, start in B).
    pub gained: Vec<(RequestId, NaiveDate)>,
    /// Trainings the trainer gave in A and not in B (request, start in A).
    pub lost: Vec<(RequestId, NaiveDate)>,
    /// Trainings the trainer gives in both, on another date (request, from, to).
    pub moved: Vec<(RequestId, NaiveDate, NaiveDate)>,
}

/// Counts over the whole diff.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Requests staffed in B only.
    pub staffed: usize,
    /// Requests staffed in A only.
    pub dropped: usize,
    /// Requests staffed in both with another start.
    pub moved: usize,
    /// Trainers added to requests staffed in both.
    pub trainers_in: usize,
    /// Trainers taken off requests staffed in both.
    pub trainers_out: usize,
    /// Requests staffed in both, unchanged.
    pub unchanged: usize,
    /// Trainers whose trainings changed.
    pub trainers_changed: usize,
}

impl Totals {
    /// Disruption of B against A as the replanning tier counts it: dropped requests, moved
    /// starts, and trainers taken off or added to requests that are still held.
    pub fn disruption(&self) -> usize {
        self.dropped + self.moved + self.trainers_out + self.trainers_in
    }
}

/// The difference from schedule A to schedule B.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diff {
    /// Changed requests, by id.
    pub requests: Vec<(RequestId, RequestChange)>,
    /// Trainers whose trainings changed, by id.
    pub trainers: Vec<(TrainerId, TrainerChanges)>,
    /// Counts.
    pub totals: Totals,
}

impl Diff {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.requests.is_empty()
    }
}

fn by_request(s: &Schedule) -> BTreeMap<&RequestId, &Assignment> {
    s.scheduled.iter().map(|a| (&a.request, a)).collect()
}

fn minus(a: &[TrainerId], b: &[TrainerId]) -> Vec<TrainerId> {
    let b: BTreeSet<&TrainerId> = b.iter().collect();
    let mut out: Vec<TrainerId> = a.iter().filter(|t| !b.contains(t)).cloned().collect();
    out.sort();
    out.dedup();
    out
}

/// Compares schedule `a` with schedule `b`.
pub fn diff(a: &Schedule, b: &Schedule) -> Diff {
    let (before, after) = (by_request(a), by_request(b));
    let ids: BTreeSet<&RequestId> = before.keys().chain(after.keys()).copied().collect();
    let mut out = Diff::default();
    let mut trainers: BTreeMap<TrainerId, TrainerChanges> = BTreeMap::new();
    for id in ids {
        let change = match (before.get(id), after.get(id)) {
            (None, Some(b)) => RequestChange::Staffed {
                start: b.start,
                trainers: sorted(&b.trainers),
            },
            (Some(a), None) => RequestChange::Dropped {
                start: a.start,
                trainers: sorted(&a.trainers),
            },
            (Some(a), Some(b)) => {
                let (trainers_in, trainers_out) =
                    (minus(&b.trainers, &a.trainers), minus(&a.trainers, &b.trainers));
                if a.start == b.start && trainers_in.is_empty() && trainers_out.is_empty() {
                    out.totals.unchanged += 1;
                    continue;
                }
                RequestChange::Changed {
                    from: a.start,
                    to: b.start,
                    trainers_in,
                    trainers_out,
                }
            }
            (None, None) => continue,
        };
        count(&mut out.totals, &change);
        per_trainer(
            &mut trainers,
            id,
            &change,
            before.get(id).map(|a| a.trainers.as_slice()),
        );
        out.requests.push((id.clone(), change));
    }
    out.totals.trainers_changed = trainers.len();
    out.trainers = trainers.into_iter().collect();
    out
}

fn sorted(ts: &[TrainerId]) -> Vec<TrainerId> {
    let mut v = ts.to_vec();
    v.sort();
    v
}

fn count(t: &mut Totals, change: &RequestChange) {
    match change {
        RequestChange::Staffed { .. } => t.staffed += 1,
        RequestChange::Dropped { .. } => t.dropped += 1,
        RequestChange::Changed {
            from,
            to,
            trainers_in,
            trainers_out,
        } => {
            t.moved += usize::from(from != to);
            t.trainers_in += trainers_in.len();
            t.trainers_out += trainers_out.len();
        }
    }
}

fn per_trainer(
    map: &mut BTreeMap<TrainerId, TrainerChanges>,
    id: &RequestId,
    change: &RequestChange,
    team_a: Option<&[TrainerId]>,
) {
    fn entry<'m>(map: &'m mut BTreeMap<TrainerId, TrainerChanges>, t: &TrainerId) -> &'m mut TrainerChanges {
        map.entry(t.clone()).or_default()
    }
    match change {
        RequestChange::Staffed { start, trainers } => {
            trainers
                .iter()
                .for_each(|t| entry(map, t).gained.push((id.clone(), *start)));
        }
        RequestChange::Dropped { start, trainers } => {
            trainers
                .iter()
                .for_each(|t| entry(map, t).lost.push((id.clone(), *start)));
        }
        RequestChange::Changed {
            from,
            to,
            trainers_in,
            trainers_out,
        } => {
            trainers_in
                .iter()
                .for_each(|t| entry(map, t).gained.push((id.clone(), *to)));
            trainers_out
                .iter()
                .for_each(|t| entry(map, t).lost.push((id.clone(), *from)));
            if from != to {
                let stayed = team_a
                    .unwrap_or_default()
                    .iter()
                    .filter(|t| !trainers_out.contains(t));
                stayed.for_each(|t| entry(map, t).moved.push((id.clone(), *from, *to)));
            }
        }
    }
}

//! How a schedule spreads the work: each trainer's share of their day budget used.

use super::{Problem, Schedule};

/// The distribution of budget shares over every trainer of a problem.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shares {
    /// Trainers in the problem.
    pub trainers: usize,
    /// Largest share of a trainer's budget used (0–1).
    pub largest: f64,
    /// Median share over all trainers, idle ones included.
    pub median: f64,
    /// Trainers who deliver no training.
    pub idle: usize,
}

impl Shares {
    /// The shares of `schedule` in `problem` (a trainer with a budget of 0 has share 0).
    pub fn of(problem: &Problem, schedule: &Schedule) -> Self {
        let mut days = vec![0u64; problem.trainers.len()];
        for a in &schedule.scheduled {
            let d = problem
                .request(&a.request)
                .map_or(0, |r| u64::from(r.duration_days));
            for t in &a.trainers {
                if let Some(i) = problem.trainers.iter().position(|x| &x.id == t) {
                    days[i] += d;
                }
            }
        }
        let mut shares: Vec<f64> = problem
            .trainers
            .iter()
            .zip(&days)
            .map(|(t, d)| match problem.budget(t) {
                0 => 0.0,
                b => *d as f64 / f64::from(b),
            })
            .collect();
        shares.sort_by(f64::total_cmp);
        let n = shares.len();
        let median = match n {
            0 => 0.0,
            _ if n % 2 == 1 => shares[n / 2],
            _ => (shares[n / 2 - 1] + shares[n / 2]) / 2.0,
        };
        Self {
            trainers: n,
            largest: shares.last().copied().unwrap_or(0.0),
            median,
            idle: days.iter().filter(|d| **d == 0).count(),
        }
    }

    /// "largest share 97.8 %, median 25.0 %, 12 of 210 trainers idle".
    pub fn text(&self) -> String {
        format!(
            "largest share {:.1}%, median {:.1}%, {} of {} trainers idle",
            self.largest * 100.0,
            self.median * 100.0,
            self.idle,
            self.trainers
        )
    }
}

//! The decision space after presolve: for each request, the starts at which it could be
//! staffed alone, and for each such start the trainers free then.

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::eligibility::{self, is_lead};
use crate::model::{Problem, Request};

/// One possible start of a request, with the trainers who could serve on it.
#[derive(Clone, Debug)]
pub struct StartOption {
    /// Index of the request in the problem.
    pub request: usize,
    /// Start date.
    pub start: NaiveDate,
    /// First day as an offset from the horizon start.
    pub first_day: i64,
    /// Trainers (problem indices) passing C1–C5 at this start.
    pub trainers: Vec<usize>,
}

/// One possible assignment: a trainer on a start option.
#[derive(Clone, Copy, Debug)]
pub struct Seat {
    /// Index into [`Space::starts`].
    pub option: usize,
    /// Trainer index in the problem.
    pub trainer: usize,
    /// Cost of this trainer on this request.
    pub cost: u64,
    /// Whether the trainer counts as a lead (ace in the area).
    pub lead: bool,
}

/// Every start option and seat the solver may choose from.
#[derive(Clone, Debug, Default)]
pub struct Space {
    /// Start options, grouped by request in problem order, starts ascending.
    pub starts: Vec<StartOption>,
    /// Seats, grouped by start option.
    pub seats: Vec<Seat>,
    /// For each start option, the range of its seats in `seats`.
    pub seat_ranges: Vec<std::ops::Range<usize>>,
    /// For each request, the range of its start options in `starts`.
    pub request_ranges: Vec<std::ops::Range<usize>>,
}

impl Space {
    /// Builds the space. With `presolve`, only starts at which the request could be staffed
    /// alone are kept; without, every allowed start with at least one free eligible trainer.
    pub fn build(problem: &Problem, presolve: bool) -> Self {
        // Each request's options are independent: work them out in parallel, then lay them out
        // in problem order.
        let options: Vec<Vec<(NaiveDate, Vec<usize>)>> = problem
            .requests
            .par_iter()
            .map(|r| {
                let potential = eligibility::potential(problem, r);
                if presolve {
                    potential.staffable
                } else {
                    unfiltered(problem, r, &potential)
                }
            })
            .collect();
        let mut space = Space::default();
        for (ri, (r, opts)) in problem.requests.iter().zip(options).enumerate() {
            let begin = space.starts.len();
            for (start, free) in opts {
                space.add_option(problem, ri, r, start, free);
            }
            space.request_ranges.push(begin..space.starts.len());
        }
        space
    }

    fn add_option(&mut self, problem: &Problem, ri: usize, r: &Request, start: NaiveDate, free: Vec<usize>) {
        let option = self.starts.len();
        let first = self.seats.len();
        for &t in &free {
            let trainer = &problem.trainers[t];
            let cost = problem.assignment_cost(trainer, r);
            self.seats.push(Seat {
                option,
                trainer: t,
                cost,
                lead: is_lead(trainer, r),
            });
        }
        self.seat_ranges.push(first..self.seats.len());
        let first_day = (start - problem.horizon.from).num_days();
        self.starts.push(StartOption {
            request: ri,
            start,
            first_day,
            trainers: free,
        });
    }
}

/// Every allowed start with the eligible trainers free then (no staffability check).
fn unfiltered(problem: &Problem, r: &Request, p: &eligibility::Potential) -> Vec<(NaiveDate, Vec<usize>)> {
    let free_at = |s: NaiveDate| -> Vec<usize> {
        p.eligible
            .iter()
            .copied()
            .filter(|&t| eligibility::free_at(&problem.trainers[t], r, s))
            .collect()
    };
    p.starts
        .iter()
        .map(|&s| (s, free_at(s)))
        .filter(|(_, free)| !free.is_empty())
        .collect()
}

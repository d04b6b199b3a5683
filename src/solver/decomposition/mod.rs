//! Decomposition by trainer: a bound that stays strong when day budgets bind.
//!
//! Each trainer's year — C5, C8, C9 — is independent of the others once the rows that link
//! trainers (team sizes, leads, same-country caps, pins, (T), (X) and the tier rows) are priced.
//! Its cheapest schedule at given prices is a small dynamic programme ([`pricing`]). Column
//! generation on the Dantzig–Wolfe master ([`master`]) gives duals; at any duals the Lagrangian
//! bound — the priced linking rows, plus each y column's and each trainer's cheapest reduced
//! cost — is a valid bound on the tier, at least as strong as the compact LP with (X) rows once
//! converged, because every trainer's year is then whole.
//!
//! The bound fixes columns as reduced costs do, but per trainer: a seat whose cheapest schedule
//! lifts the bound past the incumbent is in no better schedule.

pub mod master;
pub mod pricing;

use rayon::prelude::*;

use super::budget::Budget;
use super::columns::{Columns, Linear};
use super::formulation::Row;
use super::progress::Progress;
use super::space::Space;
use super::tiers::Sense;
use crate::model::Problem;
use master::{dual, LinkRow, Master, Solution};
use pricing::{Slot, Year};

/// Share of the way from the master's duals to the best duals so far at which trainers are
/// priced (Wentges smoothing): it steadies column generation on the cost tier.
const SMOOTHING: f64 = 0.8;

/// What the decomposition proved, in the tier's own sense.
pub struct Bound {
    /// The best Lagrangian bound.
    pub value: f64,
    /// Columns that no schedule better than the incumbent can move, as (column, value).
    pub fixed: Vec<(usize, f64)>,
    /// The master's point as compact columns (y, then x = Σ λ over schedules with the seat).
    pub point: Vec<f64>,
    /// Rounds of pricing.
    pub rounds: usize,
}

/// The decomposition of one tier.
pub struct Decomposition {
    master: Master,
    years: Vec<Year>,
    trainer_of: Vec<usize>,
    links: Vec<LinkRow>,
    /// For each option: (linking row, coefficient) of its y column.
    y_rows: Vec<Vec<(usize, f64)>>,
    y_cost: Vec<f64>,
    seat_option: Vec<usize>,
    sign: f64,
    columns: Columns,
    /// Duals to start from (min form, over the master's rows), if any.
    center: Option<Vec<f64>>,
}

impl Decomposition {
    /// The tier `objective` in `sense` over `rows` (the formulation's and the tier's), started
    /// from the schedules of `start`.
    pub fn new(
        problem: &Problem,
        space: &Space,
        rows: &[&[Row]],
        objective: &Linear,
        sense: Sense,
        start: &[f64],
    ) -> Result<Self, String> {
        let columns = Columns::of(space);
        let sign = if sense == Sense::Max { -1.0 } else { 1.0 };
        let (mut y_cost, mut seat_cost) = (vec![0.0; space.starts.len()], vec![0.0; space.seats.len()]);
        for &(j, c) in objective {
            match j.checked_sub(space.starts.len()) {
                None => y_cost[j] += sign * c,
                Some(k) => seat_cost[k] += sign * c,
            }
        }
        let links: Vec<LinkRow> = rows
            .iter()
            .flat_map(|r| r.iter())
            .filter(|r| r.rule.trainer().is_none())
            .map(|r| link(r, space.starts.len()))
            .collect();
        let years = years(problem, space);
        let trainer_of: Vec<usize> = space.seats.iter().map(|s| s.trainer).collect();
        let taken = columns.taken(start);
        let mut by_trainer: Vec<Vec<usize>> = vec![Vec::new(); problem.trainers.len()];
        taken.iter().for_each(|&k| by_trainer[trainer_of[k]].push(k));
        let first: Vec<(usize, Vec<usize>)> = by_trainer
            .into_iter()
            .enumerate()
            .filter(|(_, s)| !s.is_empty())
            .collect();
        let seat_option: Vec<usize> = space.seats.iter().map(|s| s.option).collect();
        let mut y_rows: Vec<Vec<(usize, f64)>> = vec![Vec::new(); y_cost.len()];
        for (i, r) in links.iter().enumerate() {
            r.y.iter().for_each(|&(o, c)| y_rows[o].push((i, c)));
        }
        let master = Master::new(
            &links,
            &y_cost,
            seat_cost,
            seat_option.clone(),
            years.len(),
            &first,
        )?;
        Ok(Self {
            master,
            years,
            trainer_of,
            links,
            y_rows,
            y_cost,
            seat_option,
            sign,
            columns,
            center: None,
        })
    }

    /// Starts from the duals of the compact LP relaxation over the same rows (in the tier's
    /// sense): `links` for the linking rows in order, `seats` for the (X) rows with a dual, whose
    /// rows the master takes from the start. At these duals the bound is already at least the
    /// compact LP's, since each trainer's year is whole.
    pub fn warm(&mut self, links: &[f64], seats: &[(usize, f64)]) -> Result<(), String> {
        let mut center: Vec<f64> = links.iter().map(|d| self.sign * d).collect();
        center.extend(std::iter::repeat_n(0.0, self.years.len()));
        for &(k, d) in seats {
            self.master.add_seat_row(k)?;
            center.push(self.sign * d);
        }
        self.center = Some(center);
        Ok(())
    }

    /// Column generation within `budget`: the best bound found, the columns it fixes against
    /// the `incumbent` objective (in the tier's sense), and the master's point.
    pub fn run(
        &mut self,
        incumbent: Option<f64>,
        budget: &Budget,
        progress: Progress,
    ) -> Result<Option<Bound>, String> {
        let mut best: Option<(f64, Vec<f64>)> = self.center.take().map(|c| {
            let priced = self.price(&c);
            (self.lagrangian(&c, &priced), c)
        });
        if let Some((b, _)) = &best {
            progress.say(|| format!("master: bound {:.1} at the LP's duals", self.sign * b));
        }
        let mut rounds = 0;
        let mut last: Option<Solution> = None;
        while !budget.stopped() {
            let Some(sol) = self.master.solve(budget, progress)? else {
                break;
            };
            rounds += 1;
            let center = best.as_ref().map(|(_, d)| d.clone());
            let duals = match &center {
                Some(c) => mix(c, &sol.duals, SMOOTHING),
                None => sol.duals.clone(),
            };
            let priced = self.price(&duals);
            let bound = self.lagrangian(&duals, &priced);
            if best.as_ref().is_none_or(|(b, _)| bound > *b) {
                best = Some((bound, duals.clone()));
            }
            let broken = self.broken_seat_rows(&sol);
            let added = self.add_columns(&sol.duals, &priced)? + broken.len();
            for &k in &broken {
                self.master.add_seat_row(k)?;
            }
            let lifted = if added == 0 && center.is_some() {
                // Mispriced at the smoothed duals: price at the master's own once.
                let own = self.price(&sol.duals);
                let b = self.lagrangian(&sol.duals, &own);
                if best.as_ref().is_none_or(|(x, _)| b > *x) {
                    best = Some((b, sol.duals.clone()));
                }
                self.add_columns(&sol.duals, &own)?
            } else {
                added
            };
            let best_value = best.as_ref().map_or(f64::NEG_INFINITY, |b| b.0);
            progress.say(|| {
                format!(
                    "master round {rounds}: LP {:.1}, bound {:.1}, {} schedules",
                    self.sign * sol.value,
                    self.sign * best_value,
                    self.master.schedules.len()
                )
            });
            let proves = incumbent.is_some_and(|u| best_value > self.sign * u - 1.0 + 1e-6);
            let converged = lifted == 0 || sol.value - best_value <= 1e-6 * sol.value.abs().max(1.0);
            last = Some(sol);
            if proves || converged {
                break;
            }
        }
        let (Some((value, duals)), Some(sol)) = (best, last) else {
            return Ok(None);
        };
        let fixed = incumbent.map_or_else(Vec::new, |u| self.fixings(&duals, value, self.sign * u));
        Ok(Some(Bound {
            value: self.sign * value,
            fixed,
            point: self.point(&sol),
            rounds,
        }))
    }

    /// Price of each seat at `duals`: its cost less the duals of its rows.
    fn seat_price(&self, duals: &[f64], k: usize) -> f64 {
        let rows = self.master.rows_of(k);
        self.master.seat_cost[k] - rows.iter().map(|&(i, c)| dual(duals, i) * c).sum::<f64>()
    }

    /// The price of every seat at `duals`.
    fn seat_prices(&self, duals: &[f64]) -> Vec<f64> {
        (0..self.trainer_of.len())
            .map(|k| self.seat_price(duals, k))
            .collect()
    }

    /// Each trainer's cheapest schedule at `duals`: (seats, price).
    fn price(&self, duals: &[f64]) -> Vec<(Vec<usize>, f64)> {
        let prices = self.seat_prices(duals);
        self.years
            .par_iter()
            .map(|year| pricing::cheapest(year, &|k| prices[k]))
            .collect()
    }

    /// The Lagrangian bound at `duals` (min form): each linking row at its active limit, each
    /// y column at its cheaper bound, each trainer at its cheapest schedule.
    fn lagrangian(&self, duals: &[f64], priced: &[(Vec<usize>, f64)]) -> f64 {
        let rows: f64 = self
            .links
            .iter()
            .zip(duals)
            .map(|(r, &d)| row_term(r.low, r.high, d))
            .sum();
        let ys: f64 = (0..self.y_cost.len())
            .map(|o| self.y_price(duals, o).min(0.0))
            .sum();
        let trainers: f64 = priced.iter().map(|(_, v)| v.min(0.0)).sum();
        rows + ys + trainers
    }

    /// Reduced cost of option `o`'s y column at `duals`.
    fn y_price(&self, duals: &[f64], o: usize) -> f64 {
        let linked: f64 = self.y_rows[o].iter().map(|&(i, c)| dual(duals, i) * c).sum();
        // (X) rows hold −y: their duals lower the price of holding the option.
        let seats: f64 = self.master.seat_rows_of_option(o).map(|i| -dual(duals, i)).sum();
        self.y_cost[o] - linked - seats
    }

    fn add_columns(&mut self, duals: &[f64], priced: &[(Vec<usize>, f64)]) -> Result<usize, String> {
        let mut added = 0;
        for (t, (seats, _)) in priced.iter().enumerate() {
            if seats.is_empty() {
                continue;
            }
            let reduced: f64 = seats.iter().map(|&k| self.seat_price(duals, k)).sum::<f64>()
                - duals[self.master.convexity[t]];
            if reduced < -1e-6 {
                self.master.add_schedule(t, seats.clone())?;
                added += 1;
            }
        }
        Ok(added)
    }

    /// The seats the master's point takes beyond their option: their (X) rows are added.
    fn broken_seat_rows(&self, sol: &Solution) -> Vec<usize> {
        let point = self.point(sol);
        (0..self.trainer_of.len())
            .filter(|&k| point[self.columns.x(k)] > point[self.master_option(k)] + 1e-6)
            .collect()
    }

    fn master_option(&self, k: usize) -> usize {
        self.columns.y(self.seat_option[k])
    }

    /// The master's point as compact columns.
    fn point(&self, sol: &Solution) -> Vec<f64> {
        let mut point = vec![0.0; self.columns.len()];
        let options = self.master.options();
        point[..options].copy_from_slice(&sol.columns[..options]);
        let solved = sol.columns.len() - options;
        for (j, (_, seats)) in self.master.schedules.iter().enumerate().take(solved) {
            let lambda = sol.columns[options + j];
            seats.iter().for_each(|&k| point[self.columns.x(k)] += lambda);
        }
        point
    }

    /// Columns fixed against the incumbent `u` (min form) by the bound `value` at `duals`: a
    /// seat whose cheapest schedule lifts the bound past `u − 1` is 0; a y column whose
    /// reduced cost does is at its bound.
    fn fixings(&self, duals: &[f64], value: f64, u: f64) -> Vec<(usize, f64)> {
        let cut = u - 1.0 + 1e-6;
        let mut fixed = Vec::new();
        for o in 0..self.y_cost.len() {
            let d = self.y_price(duals, o);
            if value - d.min(0.0) + d.max(0.0) > cut && d > 0.0 {
                fixed.push((self.columns.y(o), 0.0));
            } else if value - d > cut && d < 0.0 {
                fixed.push((self.columns.y(o), 1.0));
            }
        }
        let prices = self.seat_prices(duals);
        let columns = self.columns;
        let per_trainer: Vec<Vec<(usize, f64)>> = self
            .years
            .par_iter()
            .map(|year| {
                let price = |k: usize| prices[k];
                let (_, alone) = pricing::cheapest(year, &price);
                let rest = value - alone.min(0.0);
                pricing::cheapest_with_each(year, &price)
                    .into_iter()
                    .filter(|&(_, with)| rest + with > cut)
                    .map(|(k, _)| (columns.x(k), 0.0))
                    .collect()
            })
            .collect();
        fixed.extend(per_trainer.into_iter().flatten());
        fixed
    }
}

/// The contribution of a row with dual `d` to the Lagrangian bound (min form): its lower
/// limit times a non-negative dual, its upper limit times a non-positive one.
fn row_term(low: f64, high: f64, d: f64) -> f64 {
    match (low.is_finite(), high.is_finite()) {
        (true, true) => d * if d >= 0.0 { low } else { high },
        (true, false) => d.max(0.0) * low,
        (false, true) => d.min(0.0) * high,
        (false, false) => 0.0,
    }
}

/// `alpha · center + (1 − alpha) · current`, row by row (rows added since keep `current`).
fn mix(center: &[f64], current: &[f64], alpha: f64) -> Vec<f64> {
    current
        .iter()
        .enumerate()
        .map(|(i, &c)| center.get(i).map_or(c, |&z| alpha * z + (1.0 - alpha) * c))
        .collect()
}

/// A formulation row as a linking row of the master.
fn link(r: &Row, options: usize) -> LinkRow {
    let (mut y, mut x) = (Vec::new(), Vec::new());
    for &(j, c) in &r.terms {
        match j.checked_sub(options) {
            None => y.push((j, c)),
            Some(k) => x.push((k, c)),
        }
    }
    LinkRow {
        y,
        x,
        low: r.low,
        high: r.high,
    }
}

/// Each trainer's year: its seats with their days and blocked intervals, and its budget.
fn years(problem: &Problem, space: &Space) -> Vec<Year> {
    let gap = i64::from(problem.policy.min_gap_days);
    let mut slots: Vec<Vec<Slot>> = vec![Vec::new(); problem.trainers.len()];
    for (k, seat) in space.seats.iter().enumerate() {
        let opt = &space.starts[seat.option];
        let days = problem.requests[opt.request].duration_days;
        slots[seat.trainer].push(Slot {
            seat: k,
            first: opt.first_day,
            last: opt.first_day + i64::from(days) - 1 + gap,
            days,
        });
    }
    slots
        .into_iter()
        .zip(&problem.trainers)
        .map(|(s, t)| Year::new(s, problem.budget(t)))
        .collect()
}

#[cfg(test)]
mod tests;

//! The Dantzig–Wolfe master LP of a tier: the y columns (which options are held), one column
//! per generated trainer schedule (λ), every row that links trainers (S, N, C6, C7, C10, (T),
//! the tier rows), one convexity row per trainer (Σ λ ≤ 1), and the (X) rows x ≤ y, added when
//! the master's point breaks them. A trainer's C8 and C9 rows live in its pricing programme.
//!
//! The master is a minimisation (a maximised tier's objective is negated). Columns and rows are
//! numbered here: the y columns 0 … options−1, then the λ columns in the order they were added;
//! the linking rows, then the convexity rows, then the (X) rows.

use highs::{ColProblem, HighsModelStatus, Sense as HSense};

use crate::solver::budget::Budget;
use crate::solver::highs::ffi;
use crate::solver::progress::Progress;

/// One linking row: `low ≤ Σ y-terms + Σ x-terms ≤ high`.
#[derive(Clone, Debug)]
pub struct LinkRow {
    /// (option, coefficient).
    pub y: Vec<(usize, f64)>,
    /// (seat, coefficient).
    pub x: Vec<(usize, f64)>,
    /// Lower limit.
    pub low: f64,
    /// Upper limit.
    pub high: f64,
}

/// Row `i`'s dual in `duals`, which may predate the row: the master adds an (X) row when its
/// point breaks it, after the duals of that solve (and better ones before) were taken. A row
/// missing from the duals is priced at 0, as in the relaxation they came from.
pub fn dual(duals: &[f64], i: usize) -> f64 {
    duals.get(i).copied().unwrap_or(0.0)
}

/// The master LP, grown by schedules and (X) rows.
pub struct Master {
    model: Option<highs::Model>,
    rows: usize,
    /// For each seat: (master row, coefficient) of the rows it is in (links, then (X)).
    seat_rows: Vec<Vec<(usize, f64)>>,
    /// Cost of each seat (min form).
    pub seat_cost: Vec<f64>,
    options: usize,
    /// Trainer and seats of each λ column, in column order.
    pub schedules: Vec<(usize, Vec<usize>)>,
    /// Convexity row of each trainer.
    pub convexity: Vec<usize>,
    x_row: Vec<Option<usize>>,
    seat_option: Vec<usize>,
    /// For each option: the (X) rows of its seats.
    option_x_rows: Vec<Vec<usize>>,
}

/// What one solve of the master gave.
pub struct Solution {
    /// The master's value (min form).
    pub value: f64,
    /// Dual of each master row.
    pub duals: Vec<f64>,
    /// Reduced cost of each y column.
    pub y_reduced: Vec<f64>,
    /// Values of the y columns, then of the λ columns.
    pub columns: Vec<f64>,
}

impl Master {
    /// The master with `links`, y costs `y_cost` and seat costs `seat_cost` (min form), seat
    /// `k` on option `seat_option[k]`, `trainers` convexity rows, and `start` schedules
    /// (trainer, seats) as its first λ columns.
    pub fn new(
        links: &[LinkRow],
        y_cost: &[f64],
        seat_cost: Vec<f64>,
        seat_option: Vec<usize>,
        trainers: usize,
        start: &[(usize, Vec<usize>)],
    ) -> Result<Self, String> {
        let mut p = ColProblem::default();
        let handles: Vec<_> = links.iter().map(|r| p.add_row(r.low..=r.high)).collect();
        let convexity: Vec<usize> = (0..trainers)
            .map(|t| {
                p.add_row(..=1.0);
                links.len() + t
            })
            .collect();
        let mut y_entries: Vec<Vec<(usize, f64)>> = vec![Vec::new(); y_cost.len()];
        let mut seat_rows: Vec<Vec<(usize, f64)>> = vec![Vec::new(); seat_cost.len()];
        for (i, r) in links.iter().enumerate() {
            r.y.iter().for_each(|&(o, c)| y_entries[o].push((i, c)));
            r.x.iter().for_each(|&(k, c)| seat_rows[k].push((i, c)));
        }
        for (o, cost) in y_cost.iter().enumerate() {
            p.add_column(
                *cost,
                0.0..=1.0,
                y_entries[o].iter().map(|&(i, c)| (handles[i], c)),
            );
        }
        let mut model = p.optimise(HSense::Minimise);
        model.make_quiet();
        let mut m = Self {
            model: Some(model),
            rows: links.len() + trainers,
            seat_rows,
            x_row: vec![None; seat_cost.len()],
            seat_cost,
            options: y_cost.len(),
            schedules: Vec::new(),
            convexity,
            seat_option,
            option_x_rows: vec![Vec::new(); y_cost.len()],
        };
        for (t, seats) in start {
            m.add_schedule(*t, seats.clone())?;
        }
        Ok(m)
    }

    /// Adds the schedule `seats` of trainer `t` as a λ column.
    pub fn add_schedule(&mut self, t: usize, seats: Vec<usize>) -> Result<(), String> {
        let mut entries: Vec<(usize, f64)> = vec![(self.convexity[t], 1.0)];
        for &k in &seats {
            entries.extend(self.seat_rows[k].iter().copied());
        }
        entries.sort_by_key(|e| e.0);
        entries.dedup_by(|a, b| {
            let same = a.0 == b.0;
            if same {
                b.1 += a.1;
            }
            same
        });
        let cost: f64 = seats.iter().map(|&k| self.seat_cost[k]).sum();
        let model = self.model.as_mut().ok_or("the master was lost")?;
        ffi::add_column(model, cost, 0.0, f64::INFINITY, &entries)?;
        self.schedules.push((t, seats));
        Ok(())
    }

    /// Adds the (X) row x_k ≤ y of seat `k` (once).
    pub fn add_seat_row(&mut self, k: usize) -> Result<(), String> {
        if self.x_row[k].is_some() {
            return Ok(());
        }
        let mut entries = vec![(self.seat_option[k], -1.0)];
        for (j, (_, seats)) in self.schedules.iter().enumerate() {
            if seats.contains(&k) {
                entries.push((self.options + j, 1.0));
            }
        }
        let model = self.model.as_mut().ok_or("the master was lost")?;
        ffi::add_row(model, f64::NEG_INFINITY, 0.0, &entries)?;
        self.x_row[k] = Some(self.rows);
        self.seat_rows[k].push((self.rows, 1.0));
        self.option_x_rows[self.seat_option[k]].push(self.rows);
        self.rows += 1;
        Ok(())
    }

    /// The rows of seat `k`: (master row, coefficient).
    pub fn rows_of(&self, k: usize) -> &[(usize, f64)] {
        &self.seat_rows[k]
    }

    /// The (X) rows of the seats on option `o`.
    pub fn seat_rows_of_option(&self, o: usize) -> impl Iterator<Item = usize> + '_ {
        self.option_x_rows[o].iter().copied()
    }

    /// Number of options (y columns).
    pub fn options(&self) -> usize {
        self.options
    }

    /// Solves the master LP within `budget`; `None` when HiGHS does not prove it optimal.
    pub fn solve(&mut self, budget: &Budget, progress: Progress) -> Result<Option<Solution>, String> {
        let mut model = self.model.take().ok_or("the master was lost")?;
        let limit = budget.highs_limit().unwrap_or(f64::INFINITY);
        model
            .try_set_option("time_limit", limit)
            .map_err(|_| "HiGHS rejected time_limit".to_owned())?;
        model
            .try_set_option("threads", 1)
            .map_err(|_| "HiGHS rejected threads".to_owned())?;
        // Columns are added between solves: the last basis is the best start, which presolve
        // would throw away.
        model
            .try_set_option("presolve", "off")
            .map_err(|_| "HiGHS rejected presolve".to_owned())?;
        // New columns keep the last basis primal feasible: the primal simplex goes on from it.
        model
            .try_set_option("simplex_strategy", 4)
            .map_err(|_| "HiGHS rejected simplex_strategy".to_owned())?;
        let watch = ffi::Watch {
            tier: "master",
            progress,
            incumbents: false,
            interrupt: budget.interrupt().clone(),
        };
        let Some(mut solved) = ffi::solve(model, watch)? else {
            // Left behind after Ctrl-C, with the model.
            return Ok(None);
        };
        let answer = (solved.status() == HighsModelStatus::Optimal).then(|| {
            let mut s = solved.solution();
            s.dual_columns.truncate(self.options);
            Solution {
                value: solved.objective_value(),
                duals: s.dual_rows,
                y_reduced: s.dual_columns,
                columns: s.columns,
            }
        });
        self.model = Some(solved.into_model());
        Ok(answer)
    }
}

//! The time-indexed MILP: one binary per start option (y) and per seat (x), with the hard
//! constraints numbered as in the README's formulation. Rows are kept as sparse linear rows
//! labelled by the rule they state, so a HiGHS model, the decomposition's master and a model
//! file all read the same rows.

use std::collections::BTreeMap;

use good_lp::{constraint, variable, Constraint, Expression, ProblemVariables, Variable};

use super::columns::{Columns, Linear};
pub use super::rows::{Row, Rule};
use super::space::Space;
use crate::model::Problem;

/// Variables and constraint rows of the model, ready for any objective tier.
pub struct Formulation {
    /// The variable set (cloned into each HiGHS model).
    pub vars: ProblemVariables,
    /// y[o]: start option o is chosen (column `columns.y(o)`).
    pub y: Vec<Variable>,
    /// x[k]: seat k is taken (column `columns.x(k)`).
    pub x: Vec<Variable>,
    /// Auxiliary variables after the seats (column `columns.aux(i)`), none unless a tier adds
    /// them (see [`Formulation::add_aux`]).
    pub aux: Vec<Variable>,
    /// The column layout: variables are created in column order.
    pub columns: Columns,
    /// Every constraint row.
    pub rows: Vec<Row>,
}

impl Formulation {
    /// Coverage: Σ priority · y.
    pub fn coverage(&self, problem: &Problem, space: &Space) -> Linear {
        let priority = |o: usize| f64::from(problem.requests[space.starts[o].request].priority);
        self.columns
            .options()
            .map(|o| (self.columns.y(o), priority(o)))
            .collect()
    }

    /// Cost: Σ cost · x.
    pub fn cost(&self, space: &Space) -> Linear {
        let seats = space.seats.iter().enumerate();
        seats
            .map(|(k, seat)| (self.columns.x(k), seat.cost as f64))
            .collect()
    }

    /// The good_lp expression of a linear function of the columns.
    pub fn expression(&self, f: &[(usize, f64)]) -> Expression {
        let mut e = Expression::default();
        for &(j, c) in f {
            e.add_mul(c, self.variable(j));
        }
        e
    }

    /// `row` as a good_lp constraint.
    pub fn constraint(&self, row: &Row) -> Constraint {
        let e = self.expression(&row.terms);
        if row.low == row.high {
            constraint!(e == row.low)
        } else if row.high.is_finite() {
            constraint!(e <= row.high)
        } else {
            constraint!(e >= row.low)
        }
    }

    /// The variables in column order.
    pub fn variables(&self) -> impl Iterator<Item = Variable> + '_ {
        self.y.iter().chain(&self.x).copied()
    }

    /// The variable of column `j`.
    fn variable(&self, j: usize) -> Variable {
        match j.checked_sub(self.y.len()) {
            None => self.y[j],
            Some(k) if k < self.x.len() => self.x[k],
            Some(k) => self.aux[k - self.x.len()],
        }
    }

    /// Adds a continuous column in `[low, high]` after the others; returns its column.
    pub fn add_aux(&mut self, low: f64, high: f64) -> usize {
        self.aux.push(self.vars.add(variable().min(low).max(high)));
        self.columns = self.columns.with_aux(self.aux.len());
        self.columns.aux(self.aux.len() - 1)
    }

    /// (X) x ≤ y for every seat: no seat without its option. Implied for integers by the team
    /// rows (N), but in the LP a half-held option could otherwise be staffed by whole seats, so
    /// the cost tier's LP bound undercuts every real team (default problem: 208 630 without
    /// these rows, 211 240 = the optimum with them). Left out of the MILP itself, where they
    /// cost more than they save; used for the LP relaxations that guide the solve.
    pub fn seats_within_options(&self, space: &Space) -> Vec<Row> {
        let c = self.columns;
        space
            .seats
            .iter()
            .enumerate()
            .map(|(k, seat)| {
                Row::at_most(
                    Rule::SeatWithinOption(k),
                    vec![(c.x(k), 1.0), (c.y(seat.option), -1.0)],
                    0.0,
                )
            })
            .collect()
    }
}

/// Which model to build.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Kind {
    /// Presolved starts, C8 as interval cliques, greedy and tier-1 warm starts.
    #[default]
    Cliques,
    /// The baseline a first model would be: every allowed start, C8 as one row per trainer
    /// and day, no warm starts. Kept so the speed-up is always measurable.
    Plain,
}

impl Kind {
    /// The name used on the command line and in schedules.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Cliques => "cliques",
            Kind::Plain => "plain",
        }
    }
}

/// Builds variables and constraint rows for `space`.
pub fn build(problem: &Problem, space: &Space, kind: Kind) -> Formulation {
    let mut vars = ProblemVariables::new();
    let y: Vec<Variable> = space
        .starts
        .iter()
        .map(|_| vars.add(variable().binary()))
        .collect();
    let x: Vec<Variable> = space
        .seats
        .iter()
        .map(|_| vars.add(variable().binary()))
        .collect();
    let mut f = Formulation {
        vars,
        y,
        x,
        aux: Vec::new(),
        columns: Columns::of(space),
        rows: Vec::new(),
    };
    let c = f.columns;
    let rows = &mut f.rows;
    one_start_per_request(space, c, rows);
    team_rows(problem, space, c, rows);
    match kind {
        Kind::Cliques => gap_cliques(problem, space, c, rows),
        Kind::Plain => gap_day_rows(problem, space, c, rows),
    }
    budgets(problem, space, c, rows);
    pins(problem, space, c, rows);
    if kind == Kind::Cliques {
        once_per_request(problem, space, c, rows);
    }
    f
}

/// Σ_s x[t,r,s] ≤ Σ_s y[r,s]: a trainer serves a request at most as often as it is held.
/// Implied for integers; in the LP it stops a cheap trainer from filling both halves of a
/// request split across two starts.
fn once_per_request(problem: &Problem, space: &Space, c: Columns, rows: &mut Vec<Row>) {
    for (ri, range) in space.request_ranges.iter().enumerate() {
        if range.len() < 2 || problem.requests[ri].trainers_max < 2 {
            continue;
        }
        let mut by_trainer: BTreeMap<usize, Linear> = BTreeMap::new();
        for k in range.clone().flat_map(|o| space.seat_ranges[o].clone()) {
            by_trainer
                .entry(space.seats[k].trainer)
                .or_default()
                .push((c.x(k), 1.0));
        }
        for (t, mut terms) in by_trainer {
            terms.extend(range.clone().map(|o| (c.y(o), -1.0)));
            rows.push(Row::at_most(Rule::OncePerRequest(t, ri), terms, 0.0));
        }
    }
}

/// Σ_s y[r,s] ≤ 1 for every request r.
fn one_start_per_request(space: &Space, c: Columns, rows: &mut Vec<Row>) {
    for (r, range) in space
        .request_ranges
        .iter()
        .enumerate()
        .filter(|(_, r)| r.len() > 1)
    {
        let terms = range.clone().map(|o| (c.y(o), 1.0)).collect();
        rows.push(Row::at_most(Rule::OneStart(r), terms, 1.0));
    }
}

/// Team size (min·y ≤ Σx ≤ max·y), C6 leads and C7 same-country limits, per start option.
fn team_rows(problem: &Problem, space: &Space, c: Columns, rows: &mut Vec<Row>) {
    for (o, opt) in space.starts.iter().enumerate() {
        let r = &problem.requests[opt.request];
        let seats = space.seat_ranges[o].clone();
        let with_y = |ks: &mut dyn Iterator<Item = usize>, factor: u32| -> Linear {
            let mut terms: Linear = ks.map(|k| (c.x(k), 1.0)).collect();
            terms.push((c.y(o), -f64::from(factor)));
            terms
        };
        rows.push(Row::at_most(
            Rule::TeamMax(o),
            with_y(&mut seats.clone(), r.trainers_max),
            0.0,
        ));
        rows.push(Row::at_least(
            Rule::TeamMin(o),
            with_y(&mut seats.clone(), r.trainers_min),
            0.0,
        ));
        if r.leads > 0 {
            let mut leads = seats.clone().filter(|&k| space.seats[k].lead);
            rows.push(Row::at_least(Rule::Leads(o), with_y(&mut leads, r.leads), 0.0));
        }
        let Some(cap) = r.max_same_country else {
            continue;
        };
        let mut by_country: BTreeMap<_, Vec<usize>> = BTreeMap::new();
        for k in seats {
            by_country
                .entry(&problem.trainers[space.seats[k].trainer].country)
                .or_default()
                .push(k);
        }
        for ks in by_country.values().filter(|ks| ks.len() > cap as usize) {
            rows.push(Row::at_most(
                Rule::SameCountry(o),
                with_y(&mut ks.iter().copied(), cap),
                0.0,
            ));
        }
    }
}

/// Seats of each trainer, as (first day, last blocked day, seat index).
fn seats_by_trainer(problem: &Problem, space: &Space) -> Vec<Vec<(i64, i64, usize)>> {
    let gap = i64::from(problem.policy.min_gap_days);
    let mut by_trainer = vec![Vec::new(); problem.trainers.len()];
    for (k, seat) in space.seats.iter().enumerate() {
        let opt = &space.starts[seat.option];
        let d = i64::from(problem.requests[opt.request].duration_days);
        by_trainer[seat.trainer].push((opt.first_day, opt.first_day + d - 1 + gap, k));
    }
    by_trainer
}

/// C8: a trainer's blocked intervals [start, end + gap] may not overlap. One row per maximal
/// clique of each trainer's interval graph.
fn gap_cliques(problem: &Problem, space: &Space, c: Columns, rows: &mut Vec<Row>) {
    for (t, seats) in seats_by_trainer(problem, space).into_iter().enumerate() {
        for clique in maximal_cliques(&seats) {
            let terms = clique.iter().map(|&k| (c.x(k), 1.0)).collect();
            rows.push(Row::at_most(Rule::Gap(t), terms, 1.0));
        }
    }
}

/// C8 as a first model states it: for each trainer and day, at most one seat whose blocked
/// interval covers the day (rows with a single seat are left out).
fn gap_day_rows(problem: &Problem, space: &Space, c: Columns, rows: &mut Vec<Row>) {
    for (t, seats) in seats_by_trainer(problem, space).into_iter().enumerate() {
        let mut by_day: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
        for &(first, last, k) in &seats {
            (first..=last).for_each(|d| by_day.entry(d).or_default().push(k));
        }
        for ks in by_day.values().filter(|ks| ks.len() > 1) {
            let terms = ks.iter().map(|&k| (c.x(k), 1.0)).collect();
            rows.push(Row::at_most(Rule::Gap(t), terms, 1.0));
        }
    }
}

/// Maximal cliques (size ≥ 2) of closed intervals (first, last, id), by a sweep.
pub fn maximal_cliques(intervals: &[(i64, i64, usize)]) -> Vec<Vec<usize>> {
    // Events: (day, 0 = open / 1 = close, id); opens sort before closes on the same day.
    let mut events: Vec<(i64, u8, usize)> = Vec::with_capacity(intervals.len() * 2);
    for &(a, b, id) in intervals {
        events.push((a, 0, id));
        events.push((b, 1, id));
    }
    events.sort_unstable();
    let mut active: Vec<usize> = Vec::new();
    let mut cliques = Vec::new();
    let mut last_was_open = false;
    for (_, kind, id) in events {
        if kind == 0 {
            active.push(id);
            last_was_open = true;
            continue;
        }
        if last_was_open && active.len() >= 2 {
            let mut c = active.clone();
            c.sort_unstable();
            cliques.push(c);
        }
        active.retain(|&a| a != id);
        last_was_open = false;
    }
    cliques
}

/// C9: Σ duration · x ≤ budget, for trainers whose seats could exceed it.
fn budgets(problem: &Problem, space: &Space, c: Columns, rows: &mut Vec<Row>) {
    let mut by_trainer: Vec<Vec<usize>> = vec![Vec::new(); problem.trainers.len()];
    for (k, seat) in space.seats.iter().enumerate() {
        by_trainer[seat.trainer].push(k);
    }
    for (t, ks) in by_trainer.iter().enumerate() {
        let days =
            |k: usize| f64::from(problem.requests[space.starts[space.seats[k].option].request].duration_days);
        let budget = f64::from(problem.budget(&problem.trainers[t]));
        if ks.iter().map(|&k| days(k)).sum::<f64>() <= budget {
            continue;
        }
        let terms = ks.iter().map(|&k| (c.x(k), days(k))).collect();
        rows.push(Row::at_most(Rule::Budget(t), terms, budget));
    }
}

/// C10: each pin's trainer sits on its request (at its start, when given).
fn pins(problem: &Problem, space: &Space, c: Columns, rows: &mut Vec<Row>) {
    for (i, pin) in problem.pins.iter().enumerate() {
        let Some(ri) = problem.requests.iter().position(|r| r.id == pin.request) else {
            continue;
        };
        let mut on = Linear::new();
        for o in space.request_ranges[ri].clone() {
            let at_start = pin.start.is_none_or(|s| s == space.starts[o].start);
            for k in space.seat_ranges[o].clone() {
                if at_start && problem.trainers[space.seats[k].trainer].id == pin.trainer {
                    on.push((c.x(k), 1.0));
                }
            }
        }
        rows.push(Row::equal(Rule::Pin(i), on, 1.0));
    }
}

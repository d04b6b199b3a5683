//! Model files: the MILP of one tier written as free MPS or CPLEX LP, with names that say what
//! each column and row is ([`super::names`]), for any other MILP solver to read.
//!
//! Three tiers can be written, each as a minimisation (some readers ignore `OBJSENSE MAX`: the
//! CBC 2.10 binary solves such a file as a minimisation): coverage (minimise −Σ priority · y);
//! cost (minimise Σ c · x with coverage at least `Z`, a row named `tier_coverage`); and one
//! weighted objective, minimise `cost − W · coverage` with `W` one more than any schedule's
//! cost, whose optimum is the lexicographic one — when solved to a gap below one unit (a
//! relative gap of 0), since the objective's values reach `W` times the coverage.
//!
//! HiGHS writes the files; two of its spellings are made portable: MPS files get an explicit
//! `OBJSENSE MIN` section, and LP files name their integer sections `binaries` and `generals`
//! (CBC's LP reader takes HiGHS's `bin` for an unknown section and solves the relaxation) and
//! drop the empty `semi` section.

use super::columns::Linear;
use super::formulation::{self, Formulation, Kind, Row, Rule};
use super::highs::{ffi, options};
use super::names::{self, Style};
use super::space::Space;
use super::tiers::Sense;
use crate::model::Problem;

/// Which tier's MILP to write.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TierChoice {
    /// Coverage alone.
    Coverage,
    /// Cost, with coverage at least the given value.
    Cost(f64),
    /// `W · coverage − cost`.
    Weighted,
}

/// What was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    /// Columns of the model.
    pub columns: usize,
    /// Rows of the model.
    pub rows: usize,
    /// The sense of its objective.
    pub sense: Sense,
    /// `W` of the weighted objective.
    pub weight: Option<f64>,
}

/// The model of `problem` for `tier` in `formulation`: its space, variables and rows, the tier's
/// rows and its objective.
pub struct TierMilp {
    /// The tier.
    pub tier: TierChoice,
    /// The decision space.
    pub space: Space,
    /// Variables and the formulation's rows.
    pub formulation: Formulation,
    /// Rows the tier adds (the coverage it keeps).
    pub rows: Vec<Row>,
    /// The objective.
    pub objective: Linear,
    /// Its sense.
    pub sense: Sense,
    /// `W` of the weighted objective.
    pub weight: Option<f64>,
}

impl TierMilp {
    /// Builds the model.
    pub fn build(problem: &Problem, kind: Kind, tier: TierChoice) -> Self {
        let space = Space::build(problem, kind == Kind::Cliques);
        let f = formulation::build(problem, &space, kind);
        let coverage = f.coverage(problem, &space);
        let cost = f.cost(&space);
        let (rows, objective, sense, weight) = match tier {
            TierChoice::Coverage => (Vec::new(), negated(&coverage, 1.0), Sense::Min, None),
            TierChoice::Cost(z) => (
                vec![Row::at_least(Rule::Tier, coverage, z)],
                cost,
                Sense::Min,
                None,
            ),
            TierChoice::Weighted => {
                let w = costliest_schedule(problem, &space) + 1.0;
                let mut objective = negated(&coverage, w);
                objective.extend(cost.iter().copied());
                (Vec::new(), objective, Sense::Min, Some(w))
            }
        };
        Self {
            tier,
            space,
            formulation: f,
            rows,
            objective,
            sense,
            weight,
        }
    }

    /// The model file in `style`, named `name` (HiGHS writes it into a private temporary
    /// folder; the caller writes the text where it belongs).
    pub fn text(&self, problem: &Problem, name: &str, style: Style) -> Result<(Written, String), String> {
        let dir = tempfile::tempdir().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
        let path = dir.path().join(match style {
            Style::Mps => "model.mps",
            Style::Lp => "model.lp",
        });
        let f = &self.formulation;
        let mut model = options::build(f, &[&f.rows, &self.rows], &self.objective, self.sense, None)?
            .ok_or("the model's building was interrupted")?;
        let all: Vec<Row> = f.rows.iter().chain(&self.rows).cloned().collect();
        let columns = names::columns(problem, &self.space, style);
        let rows = names::rows(problem, &self.space, &all, "coverage", style);
        ffi::set_names(&mut model, &names::clean_model_name(name), &columns, &rows)?;
        ffi::write_model(&mut model, &path)?;
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read back the model HiGHS wrote: {e}"))?;
        let written = Written {
            columns: columns.len(),
            rows: rows.len(),
            sense: self.sense,
            weight: self.weight,
        };
        Ok((written, portable(&text, style)))
    }
}

/// `−factor · f`.
fn negated(f: &Linear, factor: f64) -> Linear {
    f.iter().map(|&(j, c)| (j, -factor * c)).collect()
}

/// HiGHS's file in spellings every common reader takes (see the module's note).
fn portable(text: &str, style: Style) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len() + 32);
    for (i, line) in lines.iter().enumerate() {
        match (style, *line) {
            (Style::Lp, "bin") => out.push_str("binaries\n"),
            (Style::Lp, "gen") => out.push_str("generals\n"),
            (Style::Lp, "semi") if lines.get(i + 1) == Some(&"end") => {}
            (Style::Mps, l) if l.starts_with("NAME") && !text.contains("\nOBJSENSE") => {
                out.push_str(l);
                out.push_str("\nOBJSENSE\n    MIN\n");
            }
            (_, l) => {
                out.push_str(l);
                out.push('\n');
            }
        }
    }
    out
}

/// An upper bound on the cost of any schedule: per request, its dearest start's dearest team.
fn costliest_schedule(problem: &Problem, space: &Space) -> f64 {
    let dearest_team = |o: usize| {
        let mut costs: Vec<u64> = space.seat_ranges[o]
            .clone()
            .map(|k| space.seats[k].cost)
            .collect();
        costs.sort_unstable_by(|a, b| b.cmp(a));
        let max = problem.requests[space.starts[o].request].trainers_max as usize;
        costs.iter().take(max).sum::<u64>()
    };
    space
        .request_ranges
        .iter()
        .map(|range| range.clone().map(dearest_team).max().unwrap_or(0) as f64)
        .sum()
}

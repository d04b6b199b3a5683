//! Another solver's answer read back: a solution file of a model mtplan exported, turned into a
//! schedule for the independent checker.
//!
//! Accepted solution files list one column per line as `name value`, with what the common
//! solvers put around it:
//! - HiGHS (`Highs_writeSolution`, `--solution_file`): only the `# Columns` section is read;
//! - CBC (`solve … solu FILE`): a status line, then `index name value reduced-cost`, `**`
//!   marking infeasible values; CBC lists only nonzero columns;
//! - SCIP (`write solution`): `solution status:` and `objective value:` lines, then
//!   `name value (obj:c)`;
//! - Gurobi (`.sol`): `#` comments, then `name value`.
//!
//! Columns a file leaves out are 0. A name the model does not have, a value that is not a
//! number or a column listed twice is an error with its line.

use std::collections::HashMap;

use super::columns::Columns;
use super::extract::{self, Proof};
use super::names::{self, Style};
use super::space::Space;
use crate::model::{Problem, Schedule};

/// Reads a solution file's column values, checking every name against the model's columns.
/// Errors name the file and line, all at once.
pub fn parse(text: &str, file: &str, model_columns: &[String]) -> Result<Vec<(String, f64)>, Vec<String>> {
    let known: std::collections::HashSet<&str> = model_columns.iter().map(String::as_str).collect();
    let highs = text.lines().any(|l| l.trim() == "# Primal solution values");
    let mut in_columns = !highs;
    let (mut values, mut errors) = (Vec::new(), Vec::new());
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let at = format!("{file}:{}", i + 1);
        let line = line.trim();
        if highs {
            if line.starts_with("# Columns") {
                in_columns = true;
                continue;
            }
            if line.starts_with('#') {
                in_columns = false;
            }
        }
        let Some((name, value)) = entry(line).filter(|_| in_columns) else {
            continue;
        };
        if !known.contains(name) {
            errors.push(format!(
                "{at}: `{name}` is not a column of the model; use the solution of this model file"
            ));
            continue;
        }
        if let Some(first) = seen.insert(name.to_owned(), i + 1) {
            errors.push(format!("{at}: `{name}` is listed again (first on line {first})"));
            continue;
        }
        match value.parse::<f64>() {
            Ok(v) if v.is_finite() => values.push((name.to_owned(), v)),
            _ => errors.push(format!("{at}: the value of `{name}` is `{value}`, not a number")),
        }
    }
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(errors)
    }
}

/// The (name, value) of a column line, or `None` for a header, comment or blank line.
fn entry(line: &str) -> Option<(&str, &str)> {
    if line.is_empty() || line.starts_with('#') || line.contains("objective value") {
        return None;
    }
    let mut tokens: Vec<&str> = line.split_whitespace().collect();
    if tokens.first() == Some(&"**") {
        tokens.remove(0);
    }
    if tokens.first().is_some_and(|t| t.ends_with(':')) || tokens.len() < 2 {
        return None;
    }
    // CBC: index name value reduced-cost.
    if tokens.len() >= 4 && tokens[0].parse::<usize>().is_ok() {
        return Some((tokens[1], tokens[2]));
    }
    Some((tokens[0], tokens[1]))
}

/// A solution as a schedule, with what breaks the model's own rows before the checker sees it.
pub struct Imported {
    /// The schedule: every held start with the seats taken on it.
    pub schedule: Schedule,
    /// Broken model rows the schedule cannot show: seats without their start, values not whole.
    pub broken: Vec<String>,
}

/// The schedule of `values`, the solution of a model file whose columns are `model_columns`.
/// Errors when a model column is not a column of `problem`'s model (a file of another problem).
pub fn schedule(
    problem: &Problem,
    style: Style,
    model_columns: &[String],
    values: &[(String, f64)],
) -> Result<Imported, Vec<String>> {
    // Every start mtplan may write (the plain model's), so files of either formulation map.
    let space = Space::build(problem, false);
    let names = names::columns(problem, &space, style);
    let index: HashMap<&str, usize> = names.iter().enumerate().map(|(j, n)| (n.as_str(), j)).collect();
    let foreign: Vec<&String> = model_columns.iter().filter(|n| !index.contains_key(n.as_str())).collect();
    if !foreign.is_empty() {
        let mut errors: Vec<String> = foreign
            .iter()
            .take(10)
            .map(|n| format!("column `{n}` is not a column of this problem's model"))
            .collect();
        if foreign.len() > 10 {
            errors.push(format!("… and {} more such columns", foreign.len() - 10));
        }
        errors.push("was the model exported from another problem (or changed since)? export it again".to_owned());
        return Err(errors);
    }
    let columns = Columns::of(&space);
    let mut point = vec![0.0; columns.len()];
    let mut broken = Vec::new();
    for (name, v) in values {
        if (v - v.round()).abs() > 1e-6 {
            broken.push(format!("whole: {name} = {v} is not 0 or 1"));
        }
        point[index[name.as_str()]] = *v;
    }
    let held = columns.held(&point);
    for k in columns.taken(&point) {
        let o = space.seats[k].option;
        if !held.contains(&o) {
            broken.push(format!(
                "N: {} is taken but its start {} is not held",
                names[columns.x(k)],
                names[columns.y(o)]
            ));
        }
    }
    let ceiling = extract::coverage_ceiling(problem, &space);
    let proof = Proof {
        coverage_bound: ceiling,
        coverage_ceiling: ceiling,
        cost_bound: 0.0,
        cost_tolerance: 0.0,
    };
    Ok(Imported {
        schedule: extract::schedule(problem, &space, &point, proof),
        broken,
    })
}

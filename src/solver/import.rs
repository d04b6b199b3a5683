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
    // Headers (`solution status: …`, `Objective: …`): names never hold a colon.
    if tokens.iter().take(2).any(|t| t.ends_with(':')) || tokens.len() < 2 {
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
    let foreign: Vec<&String> = model_columns
        .iter()
        .filter(|n| !index.contains_key(n.as_str()))
        .collect();
    if !foreign.is_empty() {
        let mut errors: Vec<String> = foreign
            .iter()
            .take(10)
            .map(|n| format!("column `{n}` is not a column of this problem's model"))
            .collect();
        if foreign.len() > 10 {
            errors.push(format!("… and {} more such columns", foreign.len() - 10));
        }
        errors.push(
            "was the model exported from another problem (or changed since)? export it again".to_owned(),
        );
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

#[cfg(test)]
mod tests {
    use super::parse;

    fn columns() -> Vec<String> {
        [
            "y_R-0001_2027-01-04",
            "x_KE-031_R-0001_2027-01-04",
            "x_UG-007_R-0001_2027-01-04",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn the_common_solution_listings_read_alike() {
        let highs = "Model status\nOptimal\n\n# Primal solution values\nFeasible\nObjective 5\n# Columns 3\n\
                     y_R-0001_2027-01-04 1\nx_KE-031_R-0001_2027-01-04 1\nx_UG-007_R-0001_2027-01-04 0\n\
                     # Rows 1\nS_R-0001 1\n";
        let cbc = "Optimal - objective value 5.00000000\n      0 y_R-0001_2027-01-04   1   0\n\
                   **    1 x_KE-031_R-0001_2027-01-04   1   0\n";
        let scip = "solution status: optimal solution found\nobjective value: 5\n\
                    y_R-0001_2027-01-04 1 \t(obj:3)\nx_KE-031_R-0001_2027-01-04 1 \t(obj:2)\n";
        let gurobi = "# Solution for model mtplan\n# Objective value = 5\ny_R-0001_2027-01-04 1\n\
                      x_KE-031_R-0001_2027-01-04 1\n";
        for (what, text) in [("highs", highs), ("cbc", cbc), ("scip", scip), ("gurobi", gurobi)] {
            let mut values = parse(text, what, &columns()).unwrap();
            values.retain(|(_, v)| *v != 0.0);
            let names: Vec<&str> = values.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(
                names,
                ["y_R-0001_2027-01-04", "x_KE-031_R-0001_2027-01-04"],
                "{what}"
            );
        }
    }

    #[test]
    fn every_bad_line_is_reported_with_its_place() {
        let text =
            "y_R-0001_2027-01-04 1\nz_unknown 1\nx_KE-031_R-0001_2027-01-04 half\ny_R-0001_2027-01-04 0\n";
        let errors = parse(text, "s.sol", &columns()).unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].starts_with("s.sol:2: `z_unknown`"), "{errors:?}");
        assert!(errors[1].starts_with("s.sol:3:"), "{errors:?}");
        assert!(errors[2].contains("first on line 1"), "{errors:?}");
    }
}

//! What-if scenarios: a named list of edits applied to a base problem, read from TOML.
//!
//! A scenario file is read with every problem in it reported at once (file, line and column
//! from the TOML spans, the edit's index, and the fix); the edits are applied to the base
//! problem's file structures, and the edited problem is validated again by the ordinary
//! problem loader, its findings reported against the edits that caused them. The format is
//! documented in `docs/scenarios.md`.
//!
//! ```
//! use mtplan::{generate, scenario, validate};
//! let file = generate::generate(&generate::Spec::new(20, 30, 1));
//! let json = serde_json::to_string(&file).unwrap();
//! let base = validate::parse_problem(json.as_bytes(), "base.json").unwrap().problem;
//! let text = "name = \"cut\"\n[[edit]]\naction = \"scale_budgets\"\nfactor = 0.5\n";
//! let edited = scenario::parse(text, "cut.toml", &base).unwrap();
//! assert!(edited.problem.trainers.iter().all(|t| t.max_days.is_some()));
//! ```

mod apply;
mod edits;
mod read;
mod recheck;

use std::path::Path;

pub use edits::{Edit, RequestFilter, TrainerChange, TrainerFilter};

use crate::model::Problem;
use crate::validate::Report;

/// A scenario as read from its file.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// Short name, used for output files and table rows.
    pub name: String,
    /// What the scenario asks, for people.
    pub description: String,
    /// The edits, in file order.
    pub edits: Vec<Edit>,
}

/// A scenario applied to a base problem.
#[derive(Clone, Debug)]
pub struct Edited {
    /// The scenario.
    pub scenario: Scenario,
    /// The edited problem, validated.
    pub problem: Problem,
    /// Warnings about the edits and about what they changed (no errors).
    pub report: Report,
}

/// Why a scenario could not be applied.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    /// The file could not be read.
    #[error("cannot read {file}: {source}")]
    Io {
        /// The file.
        file: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file or the problem it makes has errors; the report lists them all.
    #[error("{0}")]
    Invalid(Report),
}

/// Reads the scenario at `path` and applies it to `base`.
pub fn load(path: &Path, base: &Problem) -> Result<Edited, ScenarioError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| ScenarioError::Io {
        file: file.clone(),
        source,
    })?;
    let text = String::from_utf8_lossy(&bytes);
    parse(&text, &file, base)
}

/// Reads scenario `text` (naming `file` in diagnostics) and applies it to `base`.
pub fn parse(text: &str, file: &str, base: &Problem) -> Result<Edited, ScenarioError> {
    let invalid = |diagnostics| {
        ScenarioError::Invalid(Report {
            file: file.to_owned(),
            diagnostics,
        })
    };
    let (read, mut diagnostics) = read::read(text);
    let Some(read) = read else {
        return Err(invalid(diagnostics));
    };
    let applied = apply::apply(base, &read, text);
    diagnostics.extend(applied.diagnostics);
    if diagnostics.iter().any(|d| d.is_error()) {
        diagnostics.sort_by_key(|d| (d.location.map(|l| l.offset), d.severity));
        return Err(invalid(diagnostics));
    }
    let checked = recheck::recheck(&applied.file, &applied.touched, &read, text, base);
    diagnostics.extend(checked.diagnostics);
    diagnostics.sort_by_key(|d| (d.location.map(|l| l.offset), d.severity));
    let report = Report {
        file: file.to_owned(),
        diagnostics,
    };
    match checked.problem {
        Some(problem) if report.errors() == 0 => Ok(Edited {
            scenario: read.scenario,
            problem,
            report,
        }),
        _ => Err(ScenarioError::Invalid(report)),
    }
}

//! Validates the edited problem with the ordinary loader and reports its findings against the
//! edits that caused them (e.g. a window moved until it is shorter than the training).

use super::apply::Touched;
use super::read::{located, Read};
use crate::format::problem_v1::ProblemOut;
use crate::model::Problem;
use crate::validate::{parse_problem, LoadError};
use crate::validate::{Diagnostic, JsonPath, Step};

/// The edited problem (when valid) and the findings, located in the scenario file.
pub struct Rechecked {
    /// The problem, when it has no errors.
    pub problem: Option<Problem>,
    /// Errors anywhere, warnings about what the edits touched.
    pub diagnostics: Vec<Diagnostic>,
}

/// Validates `file`, naming the scenario's edits in every finding.
pub fn recheck(file: &ProblemOut, touched: &Touched, read: &Read, text: &str, base: &Problem) -> Rechecked {
    let mut file = file.clone();
    file.name = format!("{} / {}", base.name, read.scenario.name);
    // Warnings the base problem has too are not the scenario's doing.
    let known: std::collections::BTreeSet<(&str, String)> = crate::validate::warnings(base)
        .into_iter()
        .map(|d| (d.code, d.message))
        .collect();
    let json = serde_json::to_string(&file).unwrap_or_default();
    let (problem, found) = match parse_problem(json.as_bytes(), "(edited problem)") {
        Ok(loaded) => (Some(loaded.problem), loaded.report.diagnostics),
        Err(LoadError::Invalid(report)) => (None, report.diagnostics),
        Err(e @ LoadError::Io { .. }) => {
            let d = Diagnostic::error("S030", JsonPath::root(), e.to_string(), "report this as a bug");
            return Rechecked {
                problem: None,
                diagnostics: vec![located(d, text, 0..0)],
            };
        }
    };
    let diagnostics = found
        .into_iter()
        .filter(|d| d.is_error() || !known.contains(&(d.code, d.message.clone())))
        .filter_map(|d| against_edits(d, &file, touched, read, text))
        .collect();
    Rechecked { problem, diagnostics }
}

/// What a finding is about: `request R-1`, `trainer T-1`, `the policy`, and the edits that
/// touched it.
fn subject(path: &JsonPath, file: &ProblemOut, touched: &Touched) -> (String, Vec<usize>) {
    let (section, index) = match path.0.as_slice() {
        [Step::Key(s), Step::Index(i), ..] => (s.as_str(), *i),
        [Step::Key(s), ..] if s == "policy" => return ("the policy".into(), list(&touched.policy)),
        _ => return ("the problem".into(), Vec::new()),
    };
    let get = |m: &std::collections::BTreeMap<String, _>, id: &str| m.get(id).map(list).unwrap_or_default();
    match section {
        "trainers" => match file.trainers.get(index) {
            Some(t) => (format!("trainer `{}`", t.id), get(&touched.trainers, &t.id)),
            None => ("a trainer".into(), Vec::new()),
        },
        "requests" => match file.requests.get(index) {
            Some(r) => (format!("request `{}`", r.id), get(&touched.requests, &r.id)),
            None => ("a request".into(), Vec::new()),
        },
        "pinned" => match file.pinned.get(index) {
            Some(p) => {
                let mut edits = get(&touched.requests, &p.request);
                edits.extend(get(&touched.trainers, &p.trainer));
                edits.sort_unstable();
                edits.dedup();
                (format!("the pin of `{}` on `{}`", p.trainer, p.request), edits)
            }
            None => ("a pin".into(), Vec::new()),
        },
        _ => ("the problem".into(), Vec::new()),
    }
}

fn list(set: &std::collections::BTreeSet<usize>) -> Vec<usize> {
    set.iter().copied().collect()
}

fn against_edits(
    d: Diagnostic,
    file: &ProblemOut,
    touched: &Touched,
    read: &Read,
    text: &str,
) -> Option<Diagnostic> {
    let (what, edits) = subject(&d.path, file, touched);
    if edits.is_empty() && !d.is_error() {
        return None; // a warning the base problem has too
    }
    let names: Vec<String> = edits.iter().map(|i| format!("edit[{i}]")).collect();
    let after = if names.is_empty() {
        "after the edits".to_owned()
    } else {
        format!("after {}", names.join(", "))
    };
    let message = format!("{after}, {what} ({}): {}", d.path, d.message);
    let hint = format!("change the edit so that the problem stays valid: {}", d.hint);
    let path = edits
        .last()
        .map_or_else(JsonPath::root, |&i| JsonPath::root().key("edit").index(i));
    let span = edits.last().map_or(0..0, |&i| read.spans[i].whole.clone());
    let out = if d.is_error() {
        Diagnostic::error(d.code, path, message, hint)
    } else {
        Diagnostic::warning(d.code, path, message, hint)
    };
    Some(located(out, text, span))
}

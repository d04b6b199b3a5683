//! Loading a JSON problem file: bytes → JSON → typed items (format v1) → validation → model.
//!
//! Every problem found is reported at once, each with its JSON path, line and column.

use std::path::Path;

use serde_json::Value;

use super::locate::{locate_all, LineIndex};
use super::read::Reader;
use super::{Diagnostic, JsonPath, Report};
use crate::format::{convert, countries, RawProblem};
use crate::model::Problem;

/// Why a problem could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("cannot read {file}: {source}")]
    Io {
        /// The file.
        file: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file was read but has errors; the report lists them all.
    #[error("{0}")]
    Invalid(Report),
}

/// A loaded problem with the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    /// The problem.
    pub problem: Problem,
    /// Warnings (no errors).
    pub report: Report,
}

const TOP_KEYS: [&str; 8] = [
    "name",
    "horizon",
    "policy",
    "countries",
    "travel_costs",
    "trainers",
    "requests",
    "pinned",
];
const REQUIRED: [&str; 4] = ["name", "horizon", "trainers", "requests"];

/// Reads and validates the JSON problem file at `path` (workbooks and CSV folders: see
/// `input::load_problem`).
pub fn load_json(path: &Path) -> Result<Loaded, LoadError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        file: file.clone(),
        source,
    })?;
    parse_problem(&bytes, &file)
}

/// Validates problem `bytes`, naming `file` in every diagnostic.
pub fn parse_problem(bytes: &[u8], file: &str) -> Result<Loaded, LoadError> {
    let report = |diagnostics| {
        LoadError::Invalid(Report {
            file: file.to_owned(),
            diagnostics,
        })
    };
    let text = std::str::from_utf8(bytes).map_err(|e| report(vec![not_utf8(bytes, e)]))?;
    let value: Value = serde_json::from_str(text).map_err(|e| report(vec![syntax_error(text, &e)]))?;
    let (problem, mut diagnostics) = check_value(&value);
    locate_all(text, &mut diagnostics);
    diagnostics.sort_by_key(|d| (d.location.map(|l| l.offset), d.severity));
    match problem {
        Some(problem) => Ok(Loaded {
            problem,
            report: Report {
                file: file.to_owned(),
                diagnostics,
            },
        }),
        None => Err(report(diagnostics)),
    }
}

/// Reads, validates and converts a problem already parsed as JSON (from a file or a workbook).
///
/// Returns the problem when there is no error, and every finding (not yet located in a file).
pub fn check_value(value: &Value) -> (Option<Problem>, Vec<Diagnostic>) {
    let mut reader = Reader::default();
    let raw = read_raw(&mut reader, value);
    let mut diagnostics = reader.diagnostics;
    if let Some(raw) = &raw {
        diagnostics.extend(super::check_raw(raw));
    }
    let problem = match raw {
        Some(raw) if !diagnostics.iter().any(Diagnostic::is_error) => Some(convert::to_model(&raw)),
        _ => None,
    };
    if let Some(p) = &problem {
        diagnostics.extend(super::warnings(p));
    }
    (problem, diagnostics)
}

fn read_raw(reader: &mut Reader, value: &Value) -> Option<RawProblem> {
    let top = reader.top_level(value, &TOP_KEYS, &REQUIRED)?;
    let root = JsonPath::root();
    let field = |k: &str| top.get(k);
    let mut raw = RawProblem {
        name: field("name")
            .and_then(|v| reader.item(v, &root.key("name")))
            .unwrap_or_default(),
        horizon: field("horizon").and_then(|v| reader.item(v, &root.key("horizon"))),
        policy: field("policy")
            .and_then(|v| reader.item(v, &root.key("policy")))
            .unwrap_or_default(),
        countries_given: field("countries").is_some(),
        ..RawProblem::default()
    };
    raw.countries = match field("countries") {
        Some(v) => list(reader, v, "countries"),
        None => countries::builtin().into_iter().enumerate().collect(),
    };
    raw.travel_costs = field("travel_costs")
        .map(|v| list(reader, v, "travel_costs"))
        .unwrap_or_default();
    raw.trainers = field("trainers")
        .map(|v| list(reader, v, "trainers"))
        .unwrap_or_default();
    raw.requests = field("requests")
        .map(|v| list(reader, v, "requests"))
        .unwrap_or_default();
    raw.trainer_ids = field("trainers").map(ids).unwrap_or_default();
    raw.request_ids = field("requests").map(ids).unwrap_or_default();
    raw.pins = field("pinned")
        .map(|v| list(reader, v, "pinned"))
        .unwrap_or_default();
    Some(raw)
}

fn ids(value: &Value) -> Vec<(usize, String)> {
    let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
    items
        .iter()
        .enumerate()
        .filter_map(|(i, v)| Some((i, v.get("id")?.as_str()?.to_owned())))
        .collect()
}

fn list<T: serde::de::DeserializeOwned>(reader: &mut Reader, value: &Value, key: &str) -> Vec<(usize, T)> {
    let path = JsonPath::root().key(key);
    match value {
        Value::Array(items) => reader.items(items, &path),
        _ => {
            reader.diagnostics.push(Diagnostic::error(
                "E002",
                path,
                format!("`{key}` must be a list"),
                format!("write `\"{key}\": [ … ]`"),
            ));
            Vec::new()
        }
    }
}

fn syntax_error(text: &str, err: &serde_json::Error) -> Diagnostic {
    let full = err.to_string();
    let what = full.split(" at line ").next().unwrap_or(&full);
    let message = if text.trim().is_empty() {
        "the file is empty; a problem is a JSON object".to_owned()
    } else {
        format!("not valid JSON: {what}")
    };
    let hint = "fix the JSON syntax at this place (a missing comma, quote or bracket is the usual cause)";
    let mut d = Diagnostic::error("E001", JsonPath::root(), message, hint);
    // serde_json counts columns in bytes; people count characters.
    let line = err.line().max(1);
    let start = LineIndex::new(text).line_start(line);
    let mut offset = (start + err.column().saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    d.location = Some(LineIndex::new(text).location(text, offset, offset));
    d
}

fn not_utf8(bytes: &[u8], err: std::str::Utf8Error) -> Diagnostic {
    let offset = err.valid_up_to();
    // The prefix up to `offset` is valid UTF-8, so it can be indexed as text.
    let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
    let mut d = Diagnostic::error(
        "E001",
        JsonPath::root(),
        format!("the file is not UTF-8 text (bad byte at offset {offset})"),
        "save the file as UTF-8 JSON",
    );
    let mut location = LineIndex::new(valid).location(valid, offset, offset);
    location.len = 1;
    d.location = Some(location);
    d
}

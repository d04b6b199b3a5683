//! Reads a scenario's TOML: every problem found, each located by its TOML span.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::edits::*;
use super::Scenario;
use crate::validate::locate::LineIndex;
use crate::validate::{Diagnostic, JsonPath};
use edit::to_edit;

mod edit;

/// Where each edit and each of its fields is written.
#[derive(Clone, Debug, Default)]
pub struct EditSpans {
    /// The whole `[[edit]]` table.
    pub whole: Range<usize>,
    /// Each top-level field of the table.
    pub fields: BTreeMap<String, Range<usize>>,
}

/// A scenario read from text, with the places of its edits.
#[derive(Clone, Debug)]
pub struct Read {
    /// The scenario.
    pub scenario: Scenario,
    /// One entry per edit.
    pub spans: Vec<EditSpans>,
}

impl Read {
    /// The place of field `key` of edit `i` (the edit itself when the field is not written).
    pub fn place(&self, i: usize, key: &str) -> Range<usize> {
        let at = &self.spans[i];
        at.fields.get(key).cloned().unwrap_or_else(|| at.whole.clone())
    }
}

const TOP_KEYS: [&str; 3] = ["name", "description", "edit"];

/// A diagnostic at byte span `span` of `text`.
pub fn located(mut d: Diagnostic, text: &str, span: Range<usize>) -> Diagnostic {
    let start = span.start.min(text.len());
    let end = span.end.clamp(start, text.len());
    d.location = Some(LineIndex::new(text).location(text, start, end));
    d
}

fn edit_path(i: usize) -> JsonPath {
    JsonPath::root().key("edit").index(i)
}

/// Reads `text`; `None` when the file cannot be read at all (syntax, or no table).
pub fn read(text: &str) -> (Option<Read>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let root = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            let d = Diagnostic::error(
                "S001",
                JsonPath::root(),
                format!("not valid TOML: {}", e.message().trim()),
                "fix the TOML syntax at this place (a missing quote, `=` or bracket is the usual cause)",
            );
            out.push(located(d, text, e.span().unwrap_or(0..0)));
            return (None, out);
        }
    };
    let whole = root.span();
    let mut table = root.into_inner();
    for (key, _) in table
        .iter()
        .filter(|(k, _)| !TOP_KEYS.contains(&k.get_ref().as_ref()))
    {
        let d = Diagnostic::error(
            "S003",
            JsonPath::root().key(key.get_ref()),
            format!("unknown field `{}`", key.get_ref()),
            format!(
                "remove it or correct its spelling; the top level takes: {}",
                TOP_KEYS.join(", ")
            ),
        );
        out.push(located(d, text, key.span()));
    }
    let name = top_string(&mut table, "name", text, &mut out, true);
    let description = top_string(&mut table, "description", text, &mut out, false);
    let mut read = Read {
        scenario: Scenario {
            name: name.unwrap_or_default(),
            description: description.unwrap_or_default(),
            edits: Vec::new(),
        },
        spans: Vec::new(),
    };
    if read.scenario.name.is_empty() && !out.iter().any(|d| d.path == JsonPath::root().key("name")) {
        let d = Diagnostic::error(
            "S004",
            JsonPath::root(),
            "missing field `name`",
            "add `name = \"…\"` at the top of the file",
        );
        out.push(located(d, text, whole.start..whole.start));
    }
    let edits = match table.remove("edit") {
        None => Vec::new(),
        Some(v) => {
            let span = v.span();
            match v.into_inner() {
                DeValue::Array(items) => items.iter().cloned().collect(),
                _ => {
                    let d = Diagnostic::error(
                        "S002",
                        JsonPath::root().key("edit"),
                        "`edit` must be a list of tables",
                        "write each edit as a `[[edit]]` table",
                    );
                    out.push(located(d, text, span));
                    Vec::new()
                }
            }
        }
    };
    for (i, item) in edits.into_iter().enumerate() {
        let (edit, spans) = read_edit(i, item, text, &mut out);
        read.spans.push(spans);
        if let Some(edit) = edit {
            read.scenario.edits.push(edit);
        } else {
            // Keep indices aligned: a placeholder that changes nothing, never applied (errors stop it).
            read.scenario.edits.push(Edit::RemoveTrainers(Vec::new()));
        }
    }
    (Some(read), out)
}

fn top_string(
    table: &mut DeTable<'_>,
    key: &str,
    text: &str,
    out: &mut Vec<Diagnostic>,
    required: bool,
) -> Option<String> {
    let v = table.get(key)?;
    match v.get_ref() {
        DeValue::String(s) if !(required && s.trim().is_empty()) => Some(s.to_string()),
        _ => {
            let d = Diagnostic::error(
                "S002",
                JsonPath::root().key(key),
                format!(
                    "`{key}` must be a{} string",
                    if required { " non-empty" } else { "" }
                ),
                format!("write `{key} = \"…\"`"),
            );
            out.push(located(d, text, v.span()));
            None
        }
    }
}

/// Turns TOML dates into strings (`2027-03-01`), so that bare and quoted dates both read.
fn dates_to_strings(value: &mut DeValue<'_>) {
    match value {
        DeValue::Datetime(d) => *value = DeValue::String(d.to_string().into()),
        DeValue::Array(items) => items.iter_mut().for_each(|v| dates_to_strings(v.get_mut())),
        DeValue::Table(t) => t.iter_mut().for_each(|(_, v)| dates_to_strings(v.get_mut())),
        _ => {}
    }
}

fn read_edit(
    i: usize,
    item: Spanned<DeValue<'_>>,
    text: &str,
    out: &mut Vec<Diagnostic>,
) -> (Option<Edit>, EditSpans) {
    let whole = item.span();
    let mut spans = EditSpans {
        whole: whole.clone(),
        fields: BTreeMap::new(),
    };
    let DeValue::Table(mut table) = item.into_inner() else {
        let d = Diagnostic::error(
            "S002",
            edit_path(i),
            "an edit must be a table",
            "write each edit as a `[[edit]]` table with an `action`",
        );
        out.push(located(d, text, whole));
        return (None, spans);
    };
    for (k, v) in table.iter() {
        spans.fields.insert(k.get_ref().to_string(), v.span());
    }
    let action = match table.remove("action").map(|a| (a.span(), a.into_inner())) {
        Some((_, DeValue::String(s))) if ACTIONS.contains(&s.as_ref()) => s.to_string(),
        Some((span, value)) => {
            let shown = match &value {
                DeValue::String(s) => format!("unknown action `{s}`"),
                _ => "`action` must be a string".to_owned(),
            };
            let d = Diagnostic::error(
                "S003",
                edit_path(i).key("action"),
                shown,
                format!("use one of: {}", ACTIONS.join(", ")),
            );
            out.push(located(d, text, span));
            return (None, spans);
        }
        None => {
            let d = Diagnostic::error(
                "S004",
                edit_path(i),
                "missing field `action`",
                format!("add `action = \"…\"`, one of: {}", ACTIONS.join(", ")),
            );
            out.push(located(d, text, whole.start..whole.start));
            return (None, spans);
        }
    };
    let mut value = DeValue::Table(table);
    dates_to_strings(&mut value);
    let value = Spanned::new(whole, value);
    let edit = to_edit(&action, value).map_err(|(e, span)| {
        let message = e.message().trim().to_owned();
        let hint = if message.starts_with("unknown field") {
            "remove the field or correct its spelling (the message lists the allowed names)"
        } else if message.starts_with("missing field") {
            "add the field; see docs/scenarios.md"
        } else if message.contains("input contains invalid characters")
            || message.contains("premature end")
            || message.contains("input is out of range")
        {
            "write dates as YYYY-MM-DD, e.g. 2027-03-15"
        } else {
            "correct the value to the type the message names; see docs/scenarios.md"
        };
        let d = Diagnostic::error("S002", edit_path(i), format!("{action}: {message}"), hint);
        out.push(located(d, text, e.span().unwrap_or(span)));
    });
    match edit {
        Ok(Ok(edit)) => (Some(edit), spans),
        Ok(Err(mut d)) => {
            d.path = edit_path(i);
            out.push(located(d, text, spans.whole.clone()));
            (None, spans)
        }
        Err(()) => (None, spans),
    }
}

//! Puts the loader's findings (made on the JSON value) back on the sheets, rows and columns
//! they came from, in the words of a spreadsheet.

use super::build::Places;
use super::spec::{self, SETTINGS, SETTING_ROWS};
use crate::validate::{Diagnostic, SheetCell, Step};

/// Places every diagnostic on its sheet; drops those a table-level error already covers.
pub fn locate(diagnostics: Vec<Diagnostic>, places: &Places) -> Vec<Diagnostic> {
    diagnostics
        .into_iter()
        .filter(|d| d.cell.is_some() || !covered(d, places))
        .map(|d| match d.cell {
            Some(_) => d,
            None => place(d, places),
        })
        .collect()
}

/// The field of a "missing field `k`" message.
fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.strip_suffix('`')
}

fn covered(d: &Diagnostic, places: &Places) -> bool {
    missing_field(&d.message).is_some_and(|k| places.suppressed.contains(&(d.path.0.clone(), k.to_owned())))
}

fn place(mut d: Diagnostic, places: &Places) -> Diagnostic {
    if let Some(k) = missing_field(&d.message) {
        let at = [d.path.0.clone(), vec![Step::Key(k.to_owned())]].concat();
        if let Some(cell) = places.map.get(&at) {
            let header = cell.header.clone().unwrap_or_default();
            d.message = format!("empty cell: `{header}` is required");
            d.hint = format!("enter {}", note_of(cell));
            d.cell = Some(cell.clone());
            return d;
        }
    }
    let steps = &d.path.0;
    d.cell = (0..=steps.len())
        .rev()
        .find_map(|n| places.map.get(&steps[..n]))
        .cloned();
    d.message = rows_for_paths(&d.message, places);
    spreadsheet_words(d)
}

/// JSON names in messages and hints, in the words of the sheets.
const WORDS: [(&str, &str); 4] = [
    ("trainers.min", "min_trainers"),
    ("trainers.max", "max_trainers"),
    ("swap `start` and `end`", "swap `horizon_start` and `horizon_end`"),
    ("e.g. [\"mon\"]", "e.g. mon"),
];

fn spreadsheet_words(mut d: Diagnostic) -> Diagnostic {
    for (json, sheet) in WORDS {
        d.message = d.message.replace(json, sheet);
        d.hint = d.hint.replace(json, sheet);
    }
    d
}

/// What the column of `cell` takes.
fn note_of(cell: &SheetCell) -> String {
    let header = cell.header.as_deref().unwrap_or_default();
    if cell.sheet == SETTINGS {
        let row = SETTING_ROWS
            .iter()
            .find(|s| cell.header.is_some() && s.0 == header);
        return row.map_or("the value".to_owned(), |s| s.4.to_owned());
    }
    spec::SHEETS
        .iter()
        .filter(|s| s.name == cell.sheet)
        .find_map(|s| s.column(header))
        .map_or_else(|| "a value".to_owned(), |c| c.note.to_owned())
}

/// Replaces item paths such as `trainers[3]` in a message with the row they came from.
fn rows_for_paths(message: &str, places: &Places) -> String {
    let mut out = message.to_owned();
    for sheet in &spec::SHEETS {
        let prefix = format!("{}[", sheet.section);
        while let Some(start) = out.find(&prefix) {
            let rest = &out[start + prefix.len()..];
            let Some(end) = rest.find(']') else { break };
            let Ok(i) = rest[..end].parse::<usize>() else {
                break;
            };
            let path = vec![Step::Key(sheet.section.to_owned()), Step::Index(i)];
            let Some(row) = places.map.get(&path).and_then(|c| c.row) else {
                break;
            };
            let word = if places.map.get(&path).is_some_and(|c| c.csv) {
                "line"
            } else {
                "row"
            };
            out = format!("{}{word} {row}{}", &out[..start], &rest[end + 1..]);
        }
    }
    out
}

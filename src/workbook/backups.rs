//! The `backups` sheet of a schedule solved with `--backups`: one row per staffed request and
//! backup, best first; a request nobody can stand in for gets one row with the reason.

use super::out::{Cell, Column, Sheet};
use crate::model::{Problem, Schedule};

/// Name of the sheet.
pub const SHEET: &str = "backups";

/// Its columns.
pub const COLUMNS: [&str; 7] = [
    "request",
    "title",
    "rank",
    "backup",
    "replaces",
    "cost change",
    "budget days left",
];

/// The sheet, when the schedule names backups.
pub fn sheet(problem: &Problem, s: &Schedule) -> Option<Sheet> {
    let covers = s.backups.as_ref()?;
    let mut rows = Vec::new();
    for c in covers {
        let title = problem
            .request(&c.request)
            .map_or(String::new(), |r| r.title.clone());
        let first = [Cell::Text(c.request.to_string()), Cell::Text(title)];
        if c.backups.is_empty() {
            let why = c.none.as_ref().map_or(String::new(), |r| r.text.clone());
            let mut row = first.to_vec();
            row.extend([
                Cell::Empty,
                Cell::Text(format!("none: {why}")),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
            ]);
            rows.push(row);
        }
        for (rank, b) in c.backups.iter().enumerate() {
            let replaces: Vec<&str> = b.replaces.iter().map(|t| t.as_str()).collect();
            let mut row = first.to_vec();
            row.extend([
                Cell::Int(rank as i64 + 1),
                Cell::Text(b.trainer.to_string()),
                Cell::Text(replaces.join(", ")),
                Cell::Int(b.cost_change),
                Cell::Int(i64::from(b.days_left)),
            ]);
            rows.push(row);
        }
    }
    Some(Sheet {
        name: SHEET.to_owned(),
        columns: COLUMNS.iter().map(|h| Column::plain(h)).collect(),
        rows,
    })
}

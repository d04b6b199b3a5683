//! Workbooks: problems as an `.xlsx` workbook or a folder of CSV files, and schedules as a
//! workbook.
//!
//! A problem workbook has the sheets `settings`, `trainers`, `unavailability`, `requests`,
//! `pins`, `countries` and `travel_costs` ([`spec`] lists their columns; `docs/workbook.md`
//! explains them). Reading turns the tables into the JSON value of problem format v1 while
//! recording where each JSON path came from, runs the ordinary loader and validation on it,
//! and puts every finding back on its sheet, row and column. Problems of the tables
//! themselves are found in the same pass:
//!
//! | code | problem |
//! | --- | --- |
//! | `E050` | a required sheet (CSV file) is missing |
//! | `E051` | a sheet whose name is not one of the tables |
//! | `E052` | an unknown or repeated column |
//! | `E053` | a required column is missing |
//! | `E054` | a cell that cannot be read as its column's kind (a date in a text cell, text in a number cell …) |
//! | `E055` | an unavailability row of an unknown trainer |
//! | `E056` | an unknown or repeated setting |
//! | `E057` | a required setting is missing |
//! | `E058` | the file is not a readable workbook |

pub mod backups;
mod build;
mod cells;
pub mod grid;
mod locate;
pub mod out;
pub mod problem;
pub mod schedule;
pub mod spec;

use std::path::Path;

use crate::format::problem_v1::ProblemOut;
use crate::model::{Problem, Schedule};
use crate::validate::{check_value, LoadError, Loaded};
use crate::validate::{Diagnostic, JsonPath, Report};

pub use build::{build, Built};
pub use grid::{read_folder, read_workbook, Book};

/// Whether `path` is read as tables: a folder (of CSV files) or a spreadsheet file.
pub fn is_tables(path: &Path) -> bool {
    path.is_dir() || is_workbook(path)
}

/// Whether `path` names a spreadsheet file (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`).
pub fn is_workbook(path: &Path) -> bool {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    matches!(ext.as_deref(), Some("xlsx" | "xlsm" | "xlsb" | "xls" | "ods"))
}

/// Reads the tables at `path` (a workbook or a folder of CSV files).
pub fn read_book(path: &Path) -> Result<Book, LoadError> {
    let file = path.display().to_string();
    if let Err(source) = std::fs::metadata(path) {
        return Err(LoadError::Io { file, source });
    }
    let (book, what, hint) = match path.is_dir() {
        true => (
            read_folder(path),
            "a readable folder of CSV files",
            "save each table as CSV in UTF-8 (in Excel: \"CSV UTF-8\")",
        ),
        false => (
            read_workbook(path),
            "a readable workbook",
            "save it from the spreadsheet program as an Excel workbook (.xlsx), or give a folder of CSV files",
        ),
    };
    book.map_err(|e| {
        let message = format!("not {what}: {e}");
        invalid(
            &file,
            vec![Diagnostic::error("E058", JsonPath::root(), message, hint)],
        )
    })
}

fn invalid(file: &str, diagnostics: Vec<Diagnostic>) -> LoadError {
    LoadError::Invalid(Report {
        file: file.to_owned(),
        diagnostics,
    })
}

/// Reads, validates and converts the problem in the workbook or CSV folder at `path`; every
/// finding names its sheet, row and column.
pub fn load_problem(path: &Path) -> Result<Loaded, LoadError> {
    let book = read_book(path)?;
    load_book(&book, &path.display().to_string())
}

/// Validates and converts the problem in `book`, naming `file` in every finding.
pub fn load_book(book: &Book, file: &str) -> Result<Loaded, LoadError> {
    let built = build(book);
    let (problem, found) = check_value(&built.value);
    let mut diagnostics = built.diagnostics;
    diagnostics.extend(locate::locate(found, &built.places));
    diagnostics.sort_by(|a, b| (&a.cell, a.severity).cmp(&(&b.cell, b.severity)));
    let report = Report {
        file: file.to_owned(),
        diagnostics,
    };
    match problem {
        Some(problem) if report.errors() == 0 => Ok(Loaded { problem, report }),
        _ => Err(LoadError::Invalid(report)),
    }
}

/// Reads and validates the problem at `path` (JSON, workbook or CSV folder) and also returns
/// it in typed v1 form, ready to be written in another format.
pub fn read_problem(path: &Path) -> Result<(Loaded, ProblemOut), LoadError> {
    let file = path.display().to_string();
    let (loaded, value) = if is_tables(path) {
        let book = read_book(path)?;
        (load_book(&book, &file)?, build(&book).value)
    } else {
        let loaded = crate::validate::load_json(path)?;
        let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
            file: file.clone(),
            source,
        })?;
        let value = serde_json::from_slice(&bytes).unwrap_or_default();
        (loaded, value)
    };
    match problem::typed(&value) {
        Some(typed) => Ok((loaded, typed)),
        None => {
            let message = "the problem passed validation but does not read as format v1";
            let d = Diagnostic::error("E002", JsonPath::root(), message, "please report this");
            Err(invalid(&file, vec![d]))
        }
    }
}

/// The problem as an annotated `.xlsx` workbook (notes, drop-down lists, frozen headers); the
/// same problem always gives the same bytes.
pub fn problem_xlsx(p: &ProblemOut) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    out::to_xlsx(&problem::sheets(p), &problem::lists(p), true)
}

/// The problem as CSV files: (file name, bytes), one per table.
pub fn problem_csv(p: &ProblemOut) -> Result<Vec<(String, Vec<u8>)>, csv::Error> {
    problem::sheets(p)
        .iter()
        .map(|s| Ok((format!("{}.csv", s.name), out::to_csv(s)?)))
        .collect()
}

/// An empty annotated workbook for a new problem: one valid example row per sheet, and an
/// `about` sheet (ignored when reading) that explains the rest.
pub fn template_xlsx() -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let example = problem::example();
    let mut sheets = vec![about_sheet()];
    sheets.extend(problem::sheets(&example));
    out::to_xlsx(&sheets, &problem::lists(&example), true)
}

fn about_sheet() -> out::Sheet {
    let mut lines = vec![
        "A planning problem for mtplan. Fill in one row per item; replace the example rows.".to_owned(),
        "Each header has a note saying what to put in its column (hover over it).".to_owned(),
        "Lists (languages, areas, weekdays, regions) are comma-separated: en, fr".to_owned(),
        "Dates: spreadsheet dates, or text YYYY-MM-DD. Empty optional cells take the default.".to_owned(),
        "Check it with: mtplan check plan.xlsx   Solve it with: mtplan solve plan.xlsx -o schedule.xlsx"
            .to_owned(),
        "This sheet is ignored when the workbook is read.".to_owned(),
        String::new(),
    ];
    lines.push(format!(
        "settings: one row per setting ({})",
        spec::SETTING_ROWS.map(|s| s.0).join(", ")
    ));
    for s in &spec::SHEETS {
        let optional = if s.required { "" } else { " (optional sheet)" };
        lines.push(format!("{}: {}{optional}", s.name, s.about));
    }
    out::Sheet {
        name: spec::ABOUT.to_owned(),
        columns: vec![out::Column::plain("about")],
        rows: lines.into_iter().map(|l| vec![out::Cell::text(l)]).collect(),
    }
}

/// The schedule of `problem` as a workbook for planners (see [`schedule`]); `reproducible`
/// leaves the clock out, so equal schedules give equal bytes.
pub fn schedule_xlsx(
    problem: &Problem,
    s: &Schedule,
    reproducible: bool,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    out::to_xlsx(
        &schedule::sheets(problem, s),
        &out::Lists::default(),
        reproducible,
    )
}

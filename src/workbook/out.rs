//! Tables to write, and their rendering as an `.xlsx` workbook (rust_xlsxwriter: header notes,
//! drop-down lists, frozen header row, filters, real dates) or as CSV files (csv).

use chrono::NaiveDate;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, Format, Formula, Note, Workbook, Worksheet,
    XlsxError,
};

use super::spec::{Choices, AREAS, KINDS, LANGUAGES, WEEKDAYS};

/// One value to write.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A number with decimals.
    Float(f64),
    /// A share, shown as a percentage.
    Percent(f64),
    /// A date.
    Date(NaiveDate),
}

impl Cell {
    /// A text cell, or an empty one for empty text.
    pub fn text(s: impl Into<String>) -> Self {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    /// The cell as CSV text (dates `YYYY-MM-DD`).
    fn csv(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Int(i) => i.to_string(),
            Cell::Float(f) | Cell::Percent(f) => f.to_string(),
            Cell::Date(d) => d.to_string(),
        }
    }
}

/// A column to write.
#[derive(Clone, Debug)]
pub struct Column {
    /// Header.
    pub header: String,
    /// Note on the header cell (empty for none).
    pub note: String,
    /// Drop-down list for the cells below.
    pub choices: Choices,
}

impl Column {
    /// A column without note or drop-down.
    pub fn plain(header: &str) -> Self {
        Self {
            header: header.to_owned(),
            note: String::new(),
            choices: Choices::Free,
        }
    }
}

/// A sheet to write: header row, then one row per item.
#[derive(Clone, Debug)]
pub struct Sheet {
    /// Sheet name (CSV: file name without `.csv`).
    pub name: String,
    /// Columns.
    pub columns: Vec<Column>,
    /// Rows of cells, one per column.
    pub rows: Vec<Vec<Cell>>,
}

/// What the drop-down lists offer, where that depends on the problem.
#[derive(Clone, Debug, Default)]
pub struct Lists {
    /// Country codes (used when there is no `countries` sheet to point at).
    pub countries: Vec<String>,
    /// Whether the workbook has a `countries` sheet whose first column the list can use.
    pub countries_sheet: bool,
    /// Region names.
    pub regions: Vec<String>,
}

/// Rows that get drop-down lists in a workbook (the header plus this many).
const VALIDATED_ROWS: u32 = 2000;

/// The sheets as an `.xlsx` workbook. A `reproducible` workbook leaves out the clock (its
/// creation time is that of the zip format's epoch, 1980-01-01), so equal inputs give equal
/// bytes.
pub fn to_xlsx(sheets: &[Sheet], lists: &Lists, reproducible: bool) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    if reproducible {
        let epoch = NaiveDate::from_ymd_opt(1980, 1, 1).unwrap_or_default();
        workbook.set_properties(&DocProperties::new().set_creation_datetime(&epoch));
    }
    let header = Format::new().set_bold().set_background_color("#DDEBF7");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let percent = Format::new().set_num_format("0.00%");
    for sheet in sheets {
        let ws = workbook.add_worksheet();
        ws.set_name(&sheet.name)?;
        for (c, column) in sheet.columns.iter().enumerate() {
            let c = c as u16;
            ws.write_string_with_format(0, c, &column.header, &header)?;
            ws.set_column_width(c, width(sheet, c as usize))?;
            if !column.note.is_empty() {
                ws.insert_note(0, c, &Note::new(&column.note).add_author_prefix(false))?;
            }
            if let Some(v) = validation(column.choices, lists)? {
                ws.add_data_validation(1, c, VALIDATED_ROWS, c, &v)?;
            }
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                write(ws, r as u32 + 1, c as u16, cell, &date, &percent)?;
            }
        }
        ws.set_freeze_panes(1, 0)?;
        let last = sheet.columns.len().saturating_sub(1) as u16;
        ws.autofilter(0, 0, sheet.rows.len() as u32, last)?;
    }
    workbook.save_to_buffer()
}

fn write(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
    date: &Format,
    percent: &Format,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) => {
            ws.write_string(r, c, s)?;
        }
        Cell::Int(i) => {
            ws.write_number(r, c, *i as f64)?;
        }
        Cell::Float(f) => {
            ws.write_number(r, c, *f)?;
        }
        Cell::Percent(f) => {
            ws.write_number_with_format(r, c, *f, percent)?;
        }
        Cell::Date(d) => {
            ws.write_datetime_with_format(r, c, d, date)?;
        }
    }
    Ok(())
}

/// A column width that fits the header and most values (capped).
fn width(sheet: &Sheet, c: usize) -> f64 {
    let header = sheet.columns[c].header.chars().count() + 3;
    let longest = sheet
        .rows
        .iter()
        .take(500)
        .map(|row| match row.get(c) {
            Some(Cell::Date(_)) => 11,
            Some(cell) => cell.csv().chars().count() + 1,
            None => 0,
        })
        .max()
        .unwrap_or(0);
    header.max(longest).clamp(6, 60) as f64
}

fn validation(choices: Choices, lists: &Lists) -> Result<Option<DataValidation>, XlsxError> {
    let (values, strict, message): (Vec<String>, bool, &str) = match choices {
        Choices::Free => return Ok(None),
        Choices::Areas => (owned(&AREAS), false, "an area code; several: comma-separated"),
        Choices::Languages => (
            owned(&LANGUAGES),
            false,
            "ISO 639-1 codes; several: comma-separated",
        ),
        Choices::Kinds => (owned(&KINDS), true, "the kind of training"),
        Choices::Weekdays => (owned(&WEEKDAYS), false, "weekday codes; several: comma-separated"),
        Choices::YesNo => (owned(&["yes", "no"]), true, "yes or no"),
        Choices::Regions => (
            lists.regions.clone(),
            false,
            "region names; several: comma-separated",
        ),
        Choices::Countries if lists.countries_sheet => {
            let v = DataValidation::new().allow_list_formula(Formula::new("=countries!$A$2:$A$500"));
            return Ok(Some(v.set_error_style(DataValidationErrorStyle::Warning)));
        }
        Choices::Countries => (lists.countries.clone(), false, "an ISO 3166 alpha-2 code"),
    };
    if values.is_empty() || values.iter().map(|v| v.len() + 1).sum::<usize>() > 250 {
        return Ok(None);
    }
    // A list column takes several values (`en, fr`), which no drop-down can check: there the
    // list only offers values, and typing anything else raises no alert.
    let v = DataValidation::new()
        .allow_list_strings(&values)?
        .set_input_message(message)?
        .show_error_message(strict);
    Ok(Some(v))
}

fn owned(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| (*v).to_owned()).collect()
}

/// One sheet as CSV bytes (UTF-8, header line first, dates `YYYY-MM-DD`).
pub fn to_csv(sheet: &Sheet) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(sheet.columns.iter().map(|c| c.header.as_str()))?;
    for row in &sheet.rows {
        w.write_record(row.iter().map(Cell::csv))?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

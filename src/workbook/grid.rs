//! Reading a workbook (calamine) or a folder of CSV files (csv) into plain tables of cells, with
//! the row and column of each cell as the user sees them.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};
use chrono::{NaiveDate, NaiveDateTime};

/// One cell's value, whatever the source.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Nothing (or only spaces).
    Empty,
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// A date (a date cell without a time of day).
    Date(NaiveDate),
    /// A date cell with a time of day.
    DateTime(NaiveDateTime),
    /// A TRUE/FALSE cell.
    Bool(bool),
    /// A spreadsheet error such as `#N/A`.
    Error(String),
}

/// A row below the header: its number from 1 and its cells by column from 0.
pub type Row = (usize, Vec<Value>);

/// A sheet read as rows of cells.
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// Sheet name (CSV: file name without `.csv`).
    pub name: String,
    /// Row number of the header row, from 1.
    pub header_row: usize,
    /// Header cells: (column from 0, text).
    pub headers: Vec<(usize, String)>,
    /// Rows below the header that hold anything: (row number from 1, cells by column from 0).
    pub rows: Vec<Row>,
}

impl Table {
    /// The value at `column` of a row, `Empty` past its end.
    pub fn cell(cells: &[Value], column: usize) -> &Value {
        cells.get(column).unwrap_or(&Value::Empty)
    }
}

/// A whole workbook or CSV folder.
#[derive(Debug, Default)]
pub struct Book {
    /// Whether it came from CSV files.
    pub csv: bool,
    /// The tables, in the source's order.
    pub tables: Vec<Table>,
}

/// Why a workbook could not be read at all.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Unreadable(pub String);

fn from_data(d: &Data) -> Value {
    match d {
        Data::Empty => Value::Empty,
        Data::String(s) if s.trim().is_empty() => Value::Empty,
        Data::String(s) => Value::Text(s.clone()),
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => Value::Date(t.date()),
            Some(t) => Value::DateTime(t),
            None => Value::Error("an unreadable date".to_owned()),
        },
        Data::DateTimeIso(s) => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) => Value::Date(d),
            Err(_) => Value::Text(s.clone()),
        },
        Data::DurationIso(s) => Value::Text(s.clone()),
        Data::Error(e) => Value::Error(format!("#{e:?}")),
    }
}

/// Reads every sheet of the workbook at `path`.
pub fn read_workbook(path: &Path) -> Result<Book, Unreadable> {
    let mut wb = open_workbook_auto(path).map_err(|e| Unreadable(e.to_string()))?;
    let mut book = Book::default();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).map_err(|e| Unreadable(e.to_string()))?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let mut table = Table {
            name,
            header_row: row0 as usize + 1,
            ..Table::default()
        };
        for (i, row) in range.rows().enumerate() {
            let cells: Vec<Value> = std::iter::repeat_n(Value::Empty, col0 as usize)
                .chain(row.iter().map(from_data))
                .collect();
            if i == 0 {
                table.headers = headers(&cells);
            } else if cells.iter().any(|c| *c != Value::Empty) {
                table.rows.push((row0 as usize + 1 + i, cells));
            }
        }
        book.tables.push(table);
    }
    Ok(book)
}

fn headers(cells: &[Value]) -> Vec<(usize, String)> {
    let text = |c: &Value| match c {
        Value::Text(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    };
    cells
        .iter()
        .enumerate()
        .filter(|(_, c)| **c != Value::Empty)
        .map(|(i, c)| (i, text(c)))
        .collect()
}

/// Reads every `*.csv` file of the folder at `path`, sorted by name; other files are ignored.
pub fn read_folder(path: &Path) -> Result<Book, Unreadable> {
    let entries = std::fs::read_dir(path).map_err(|e| Unreadable(e.to_string()))?;
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
        .collect();
    files.sort();
    let mut book = Book {
        csv: true,
        tables: Vec::new(),
    };
    for file in files {
        let name = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(&file).map_err(|e| Unreadable(format!("{}: {e}", file.display())))?;
        book.tables.push(read_csv(name, &bytes)?);
    }
    Ok(book)
}

/// Reads one CSV file's bytes (UTF-8, with or without a byte-order mark).
pub fn read_csv(name: String, bytes: &[u8]) -> Result<Table, Unreadable> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut table = Table {
        name: name.clone(),
        ..Table::default()
    };
    let mut first = true;
    for record in reader.records() {
        let record = record.map_err(|e| Unreadable(format!("{name}.csv: {e}")))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let cells: Vec<Value> = record
            .iter()
            .map(|s| match s.trim() {
                "" => Value::Empty,
                _ => Value::Text(s.to_owned()),
            })
            .collect();
        if first {
            table.header_row = line;
            table.headers = headers(&cells);
            first = false;
        } else if cells.iter().any(|c| *c != Value::Empty) {
            table.rows.push((line, cells));
        }
    }
    Ok(table)
}

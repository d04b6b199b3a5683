//! Tables → the JSON value of a problem v1, recording where in the tables each JSON path came
//! from, and reporting every problem of the tables themselves (sheets, columns, cells).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value as Json};

mod settings;
mod trainers;

use super::cells;
use super::grid::{Book, Row, Table};
use super::spec::{self, Column, Sheet, ABOUT, SETTINGS};
use crate::validate::{Diagnostic, JsonPath, SheetCell, Step};

/// Where the parts of the JSON value came from.
#[derive(Debug, Default)]
pub struct Places {
    /// JSON path → sheet place (rows for items, cells for fields).
    pub map: BTreeMap<Vec<Step>, SheetCell>,
    /// (item path, field) pairs whose "missing field" message is already covered by a
    /// table-level error (a missing sheet, column or setting, or an unreadable cell).
    pub suppressed: BTreeSet<(Vec<Step>, String)>,
}

/// The tables as problem JSON, with their places and the problems found in the tables.
#[derive(Debug)]
pub struct Built {
    /// Problem v1 as JSON.
    pub value: Json,
    /// Where each part came from.
    pub places: Places,
    /// Problems of the tables (codes `E050`–`E057`).
    pub diagnostics: Vec<Diagnostic>,
}

/// A header as matched: trimmed, lower case, spaces and hyphens as underscores.
pub fn normalise(header: &str) -> String {
    header.trim().to_lowercase().replace([' ', '-'], "_")
}

struct Builder<'b> {
    csv: bool,
    places: Places,
    diagnostics: Vec<Diagnostic>,
    tables: BTreeMap<&'static str, &'b Table>,
}

/// Builds the problem JSON of `book`.
pub fn build(book: &Book) -> Built {
    let mut b = Builder {
        csv: book.csv,
        places: Places::default(),
        diagnostics: Vec::new(),
        tables: BTreeMap::new(),
    };
    b.sort_tables(book);
    let mut top = Map::new();
    b.settings(&mut top);
    let mut trainers = b.items(spec::SHEETS[0]);
    b.unavailability(&mut trainers);
    top.insert("trainers".into(), Json::Array(trainers));
    for sheet in &spec::SHEETS[2..] {
        if sheet.required || b.tables.contains_key(sheet.name) {
            top.insert(sheet.section.into(), Json::Array(b.items(*sheet)));
        }
    }
    Built {
        value: Json::Object(top),
        places: b.places,
        diagnostics: b.diagnostics,
    }
}

impl<'b> Builder<'b> {
    fn place(
        &self,
        sheet: &str,
        row: Option<usize>,
        column: Option<usize>,
        header: Option<&str>,
    ) -> SheetCell {
        SheetCell {
            order: spec::order(&normalise(sheet)),
            sheet: sheet.to_owned(),
            row,
            column,
            header: header.map(str::to_owned),
            csv: self.csv,
        }
    }

    fn error(&mut self, code: &'static str, cell: SheetCell, message: String, hint: String) {
        let mut d = Diagnostic::error(code, JsonPath::root(), message, hint);
        d.cell = Some(cell);
        self.diagnostics.push(d);
    }

    fn suppress(&mut self, path: &[Step], key: &str) {
        self.places.suppressed.insert((path.to_vec(), key.to_owned()));
    }

    fn sheet_word(&self) -> &'static str {
        if self.csv {
            "file"
        } else {
            "sheet"
        }
    }

    fn known_names(&self) -> String {
        let ext = if self.csv { ".csv" } else { "" };
        std::iter::once(SETTINGS)
            .chain(spec::SHEETS.iter().map(|s| s.name))
            .map(|n| format!("{n}{ext}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Files the tables under their sheet names; reports unknown and missing sheets.
    fn sort_tables(&mut self, book: &'b Book) {
        let names = std::iter::once(SETTINGS).chain(spec::SHEETS.iter().map(|s| s.name));
        let known: Vec<&'static str> = names.collect();
        for table in &book.tables {
            let name = normalise(&table.name);
            match known.iter().find(|k| **k == name) {
                Some(k) if !self.tables.contains_key(k) => {
                    self.tables.insert(k, table);
                }
                _ if name == ABOUT => {}
                _ => {
                    let cell = self.place(&table.name, None, None, None);
                    let (word, names) = (self.sheet_word(), self.known_names());
                    let message = format!("unknown {word} `{}`", table.name);
                    let hint = format!(
                        "rename it to one of {names}, or remove it (a {word} named `about` is ignored)"
                    );
                    self.error("E051", cell, message, hint);
                }
            }
        }
        let required =
            std::iter::once(SETTINGS).chain(spec::SHEETS.iter().filter(|s| s.required).map(|s| s.name));
        let missing: Vec<&str> = required.filter(|n| !self.tables.contains_key(n)).collect();
        for name in missing {
            let cell = self.place(name, None, None, None);
            let word = self.sheet_word();
            let what = match spec::sheet(name) {
                Some(s) => format!("{}; its columns: {}", s.about, headers_of(s.columns)),
                None => "one row per setting, columns setting, value (and about)".to_owned(),
            };
            let hint = format!(
                "add the {word} `{name}`{}: {what}",
                if self.csv { ".csv" } else { "" }
            );
            self.error("E050", cell, format!("missing {word} `{name}`"), hint);
            match spec::sheet(name) {
                Some(s) => self.suppress(&[], s.section),
                None => ["name", "horizon"].iter().for_each(|k| self.suppress(&[], k)),
            }
        }
    }

    /// Matches the header row of `table` against `columns`: column index per header; reports
    /// unknown, repeated and missing columns.
    fn columns(
        &mut self,
        table: &Table,
        columns: &[Column],
        ignored: &[&str],
    ) -> BTreeMap<&'static str, usize> {
        let mut found = BTreeMap::new();
        for (i, text) in &table.headers {
            let name = normalise(text);
            let place = self.place(&table.name, Some(table.header_row), Some(*i), Some(text));
            match columns.iter().find(|c| c.header == name) {
                Some(c) if found.contains_key(c.header) => {
                    let message = format!("column `{}` appears twice", c.header);
                    self.error("E052", place, message, "keep one of them".into());
                }
                Some(c) => {
                    found.insert(c.header, *i);
                }
                None if ignored.contains(&name.as_str()) => {}
                None => {
                    let hint = format!("rename it to one of: {}; or remove it", headers_of(columns));
                    self.error("E052", place, format!("unknown column `{text}`"), hint);
                }
            }
        }
        for c in columns
            .iter()
            .filter(|c| c.required && !found.contains_key(c.header))
        {
            let place = self.place(&table.name, Some(table.header_row.max(1)), None, None);
            let hint = format!(
                "add a column headed `{}` to row {}: {}",
                c.header,
                table.header_row.max(1),
                c.note
            );
            self.error("E053", place, format!("missing column `{}`", c.header), hint);
        }
        found
    }

    /// Reads the cell of `column` in a row; records its place under `path`; reports a bad cell.
    fn cell(
        &mut self,
        table: &Table,
        row: &Row,
        column: &Column,
        at: Option<usize>,
        path: Vec<Step>,
    ) -> Option<Json> {
        let index = at?;
        let place = self.place(&table.name, Some(row.0), Some(index), Some(column.header));
        self.places.map.insert(path.clone(), place.clone());
        let read = cells::read(Table::cell(&row.1, index), column.kind, column.note);
        let read = match read {
            Ok(None) if column.required => Err(cells::Bad {
                message: format!("empty cell: `{}` is required", column.header),
                hint: format!("enter {}", column.note),
            }),
            other => other,
        };
        match read {
            Ok(v) => v,
            Err(bad) => {
                self.error("E054", place, bad.message, bad.hint);
                if let Some((Step::Key(k), parent)) = path.split_last() {
                    self.suppress(parent, k);
                }
                None
            }
        }
    }

    /// Reads the rows of an item sheet into JSON objects (empty when the sheet is absent).
    fn items(&mut self, sheet: Sheet) -> Vec<Json> {
        let Some(table) = self.tables.get(sheet.name).copied() else {
            return Vec::new();
        };
        let found = self.columns(table, sheet.columns, &[]);
        let section = vec![Step::Key(sheet.section.to_owned())];
        let missing: Vec<&str> = sheet
            .columns
            .iter()
            .filter(|c| c.required && !found.contains_key(c.header))
            .map(|c| json_key(c.header))
            .collect();
        let mut out = Vec::new();
        for (i, row) in table.rows.iter().enumerate() {
            let path = [section.clone(), vec![Step::Index(i)]].concat();
            self.places
                .map
                .insert(path.clone(), self.place(&table.name, Some(row.0), None, None));
            missing.iter().for_each(|k| self.suppress(&path, k));
            out.push(Json::Object(self.item(table, sheet, &found, row, &path)));
        }
        out
    }

    fn item(
        &mut self,
        table: &Table,
        sheet: Sheet,
        found: &BTreeMap<&'static str, usize>,
        row: &Row,
        path: &[Step],
    ) -> Map<String, Json> {
        let mut fields = Map::new();
        let at = |k: &str| [path.to_vec(), vec![Step::Key(k.to_owned())]].concat();
        let mut cells: BTreeMap<&str, Json> = BTreeMap::new();
        for column in sheet.columns {
            let target = match column.header {
                "ace_areas" => at("expertise")
                    .into_iter()
                    .chain([Step::Key("ace".into())])
                    .collect(),
                "max_trainers" => at("trainers")
                    .into_iter()
                    .chain([Step::Key("max".into())])
                    .collect(),
                "min_trainers" => at("trainers"),
                "areas" => at("expertise"),
                h => at(h),
            };
            if let Some(v) = self.cell(table, row, column, found.get(column.header).copied(), target) {
                cells.insert(column.header, v);
            }
        }
        match sheet.name {
            "trainers" => self.expertise(&mut cells, path),
            "requests" => trainer_count(&mut cells),
            _ => {}
        }
        for column in sheet.columns {
            if let Some(v) = cells.remove(column.header) {
                fields.insert(json_key(column.header).to_owned(), v);
            }
        }
        fields
    }
}

fn key(k: &str) -> Step {
    Step::Key(k.to_owned())
}

/// `min_trainers` and `max_trainers` → `trainers`: N, or {min, max}.
fn trainer_count(cells: &mut BTreeMap<&str, Json>) {
    let max = cells.remove("max_trainers");
    if let Some(min) = cells.remove("min_trainers") {
        let value = match max {
            Some(max) => serde_json::json!({"min": min, "max": max}),
            None => min,
        };
        cells.insert("min_trainers", value);
    }
}

/// The problem v1 key a column goes to.
pub fn json_key(header: &str) -> &str {
    match header {
        "areas" => "expertise",
        "min_trainers" => "trainers",
        h => h,
    }
}

fn headers_of(columns: &[Column]) -> String {
    columns.iter().map(|c| c.header).collect::<Vec<_>>().join(", ")
}

//! Problems found in input, reported as data: code, place, what is wrong and how to fix it.

use std::fmt;

/// One step of a JSON path.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// An object key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// A path into a JSON document, shown as `requests[3].host`.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct JsonPath(pub Vec<Step>);

impl JsonPath {
    /// The document root.
    pub fn root() -> Self {
        Self::default()
    }

    /// This path extended by an object key.
    pub fn key(&self, key: &str) -> Self {
        let mut steps = self.0.clone();
        steps.push(Step::Key(key.to_owned()));
        Self(steps)
    }

    /// This path extended by an array index.
    pub fn index(&self, index: usize) -> Self {
        let mut steps = self.0.clone();
        steps.push(Step::Index(index));
        Self(steps)
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(top level)");
        }
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(k) if i == 0 => write!(f, "{k}")?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The input cannot be used.
    Error,
    /// The input can be used, but something in it looks wrong or cannot succeed.
    Warning,
}

/// Line and column (both from 1) and byte span of a place in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
    /// Byte offset of the start.
    pub offset: usize,
    /// Byte length.
    pub len: usize,
}

/// A place in a workbook (sheet, row, column) or in a folder of CSV files (file, line, field).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SheetCell {
    /// Position of the sheet in the workbook's reading order (for sorting).
    pub order: usize,
    /// Sheet name (for CSV: the file name without `.csv`).
    pub sheet: String,
    /// Row (CSV: line), from 1; none for the sheet as a whole.
    pub row: Option<usize>,
    /// Column, from 0; none for a whole row.
    pub column: Option<usize>,
    /// The column's header, when known.
    pub header: Option<String>,
    /// Whether the place is in a CSV file rather than a workbook.
    pub csv: bool,
}

impl SheetCell {
    /// The spreadsheet letters of a column from 0: A, B, …, Z, AA, …
    pub fn letters(column: usize) -> String {
        let mut n = column + 1;
        let mut out = Vec::new();
        while n > 0 {
            let rem = (n - 1) % 26;
            out.push(b'A' + rem as u8);
            n = (n - 1) / 26;
        }
        out.iter().rev().map(|&b| b as char).collect()
    }
}

impl fmt::Display for SheetCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.csv {
            true => write!(f, "{}.csv", self.sheet)?,
            false => write!(f, "sheet `{}`", self.sheet)?,
        }
        if let Some(row) = self.row {
            write!(f, ", {} {row}", if self.csv { "line" } else { "row" })?;
        }
        match (self.column, &self.header) {
            (Some(c), Some(h)) if self.csv => write!(f, ", field {} (`{h}`)", c + 1),
            (Some(c), Some(h)) => write!(f, ", column {} (`{h}`)", Self::letters(c)),
            (None, Some(h)) => write!(f, ", column `{h}`"),
            (Some(c), None) if self.csv => write!(f, ", field {}", c + 1),
            (Some(c), None) => write!(f, ", column {}", Self::letters(c)),
            (None, None) => Ok(()),
        }
    }
}

/// One finding about the input.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where in the document (JSON path).
    pub path: JsonPath,
    /// Line and column, when known.
    pub location: Option<Location>,
    /// Stable code, e.g. `E012`.
    pub code: &'static str,
    /// Sheet, row and column, for problems read from a workbook or a folder of CSV files.
    pub cell: Option<SheetCell>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

impl Diagnostic {
    /// An error at `path`.
    pub fn error(
        code: &'static str,
        path: JsonPath,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Error,
            path,
            location: None,
            code,
            cell: None,
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// A warning at `path`.
    pub fn warning(
        code: &'static str,
        path: JsonPath,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(code, path, message, hint)
        }
    }

    /// Whether this finding stops the input from being used.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The finding as one or two lines of text, naming `file`.
    pub fn render(&self, file: &str) -> String {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if let Some(cell) = &self.cell {
            return format!(
                "{level}[{}]: {file}: {cell}: {}\n  hint: {}",
                self.code, self.message, self.hint
            );
        }
        let place = match self.location {
            Some(l) => format!("{file}:{}:{}", l.line, l.column),
            None => file.to_owned(),
        };
        format!(
            "{level}[{}]: {place}: {}: {}\n  hint: {}",
            self.code, self.path, self.message, self.hint
        )
    }
}

/// Every finding about one input file.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The file, as the user named it.
    pub file: String,
    /// Findings, in document order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{}", d.render(&self.file))?;
        }
        write!(
            f,
            "{}: {} error(s), {} warning(s)",
            self.file,
            self.errors(),
            self.warnings()
        )
    }
}

impl std::error::Error for Report {}

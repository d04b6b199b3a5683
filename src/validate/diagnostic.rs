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

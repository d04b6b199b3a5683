//! Finds the line and column of a JSON path in the source text, for diagnostics.

use jsonc_parser::ast::Value;
use jsonc_parser::common::Ranged;
use jsonc_parser::{parse_to_ast, CollectOptions, ParseOptions};

use super::{Diagnostic, JsonPath, Location, Step};

/// Fills in the location of every diagnostic whose path can be found in `text`.
///
/// A path that leads into a missing key is placed at the nearest existing ancestor.
pub fn locate_all(text: &str, diagnostics: &mut [Diagnostic]) {
    let Ok(parsed) = parse_to_ast(text, &CollectOptions::default(), &ParseOptions::default()) else {
        return;
    };
    let Some(root) = parsed.value.as_ref() else {
        return;
    };
    let lines = LineIndex::new(text);
    for d in diagnostics.iter_mut().filter(|d| d.location.is_none()) {
        let (start, end) = span_of(root, &d.path);
        d.location = Some(lines.location(text, start, end));
    }
}

fn span_of(root: &Value<'_>, path: &JsonPath) -> (usize, usize) {
    let mut node = root;
    for step in &path.0 {
        let next = match (step, node) {
            (Step::Key(k), Value::Object(o)) => o.get(k).map(|p| &p.value),
            (Step::Index(i), Value::Array(a)) => a.elements.get(*i),
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => break,
        }
    }
    let r = node.range();
    (r.start, r.end)
}

/// Byte offsets of line starts, to turn offsets into line and column.
pub struct LineIndex(Vec<usize>);

impl LineIndex {
    /// Indexes the lines of `text`.
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1));
        Self(starts.collect())
    }

    /// Byte offset where `line` (from 1) starts; the end of text past the last line.
    pub fn line_start(&self, line: usize) -> usize {
        self.0
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or_else(|| *self.0.last().unwrap_or(&0))
    }

    /// Location of the byte span `start..end`.
    pub fn location(&self, text: &str, start: usize, end: usize) -> Location {
        let line = self.0.partition_point(|&s| s <= start);
        let line_start = self.0[line - 1];
        let column = text.get(line_start..start).map_or(1, |s| s.chars().count() + 1);
        Location {
            line,
            column,
            offset: start,
            len: end.saturating_sub(start),
        }
    }
}

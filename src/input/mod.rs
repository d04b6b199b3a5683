//! A problem from any file mtplan reads: a JSON file (see [`crate::validate`]), an `.xlsx`
//! workbook or a folder of CSV files (see [`crate::workbook`]). Every reader validates and
//! reports every problem at once, each at its place.

use std::path::Path;

use crate::validate::{LoadError, Loaded};

/// Reads and validates the problem at `path`, chosen by its kind: a folder or an `.xlsx` file
/// is read as tables, anything else as JSON.
pub fn load_problem(path: &Path) -> Result<Loaded, LoadError> {
    if crate::workbook::is_tables(path) {
        crate::workbook::load_problem(path)
    } else {
        crate::validate::load_json(path)
    }
}

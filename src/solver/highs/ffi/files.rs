//! The HiGHS calls on model and solution files: names, reading and writing models, writing a
//! solved model's listing. Each function is safe to call: the pointer it hands HiGHS is the live
//! instance owned by the model it borrows, and every string outlives the call.
#![allow(unsafe_code)]

use std::ffi::{c_char, c_int, CStr};

use highs_sys::{
    Highs_getColName, Highs_getNumCol, Highs_getNumRow, Highs_passColName, Highs_passModelName,
    Highs_passRowName, Highs_readModel, Highs_writeModel, Highs_writeSolution, STATUS_OK,
};

use super::check;

/// A path as HiGHS takes it.
fn c_path(path: &std::path::Path) -> Result<std::ffi::CString, String> {
    let text = path
        .to_str()
        .ok_or_else(|| format!("{}: HiGHS takes only UTF-8 file names", path.display()))?;
    std::ffi::CString::new(text).map_err(|_| format!("{}: a file name may not hold a NUL", path.display()))
}

/// `text` as a C string (names are made of ASCII letters, digits and `-._~`).
fn c_text(text: &str) -> Result<std::ffi::CString, String> {
    std::ffi::CString::new(text).map_err(|_| format!("the name `{text}` holds a NUL"))
}

/// Names the model, its columns and its rows (one name each, in order).
pub fn set_names(
    model: &mut highs::Model,
    name: &str,
    columns: &[String],
    rows: &[String],
) -> Result<(), String> {
    let highs = model.as_mut_ptr();
    // SAFETY: `highs` is the live instance owned by `model`.
    let (n_columns, n_rows) = unsafe { (Highs_getNumCol(highs), Highs_getNumRow(highs)) };
    if usize::try_from(n_columns) != Ok(columns.len()) || usize::try_from(n_rows) != Ok(rows.len()) {
        return Err(format!(
            "the model has {n_columns} columns and {n_rows} rows, but {} and {} names",
            columns.len(),
            rows.len()
        ));
    }
    let name = c_text(name)?;
    // SAFETY: as above; `name` outlives the call, which copies it.
    check(
        unsafe { Highs_passModelName(highs, name.as_ptr()) },
        "Highs_passModelName",
    )?;
    for (j, text) in columns.iter().enumerate() {
        let text = c_text(text)?;
        // SAFETY: `j` is below the column count checked above; HiGHS copies the name.
        let code = unsafe { Highs_passColName(highs, j as c_int, text.as_ptr()) };
        check(code, "Highs_passColName")?;
    }
    for (i, text) in rows.iter().enumerate() {
        let text = c_text(text)?;
        // SAFETY: `i` is below the row count checked above; HiGHS copies the name.
        let code = unsafe { Highs_passRowName(highs, i as c_int, text.as_ptr()) };
        check(code, "Highs_passRowName")?;
    }
    Ok(())
}

/// Writes the model to `path`, as free MPS or CPLEX LP by its extension.
pub fn write_model(model: &mut highs::Model, path: &std::path::Path) -> Result<(), String> {
    let file = c_path(path)?;
    // SAFETY: the live instance owned by `model`; `file` outlives the call.
    check(
        unsafe { Highs_writeModel(model.as_mut_ptr(), file.as_ptr()) },
        "Highs_writeModel",
    )
}

/// A new HiGHS instance holding the model of the file at `path` (MPS or LP, by extension).
pub fn read_model(path: &std::path::Path) -> Result<highs::Model, String> {
    let file = c_path(path)?;
    let mut model = highs::RowProblem::default().optimise(highs::Sense::Minimise);
    model.make_quiet();
    // SAFETY: the live instance owned by `model`; `file` outlives the call. HiGHS returns
    // a warning (1) for files it read with remarks, an error (-1) for files it could not read.
    let code = unsafe { Highs_readModel(model.as_mut_ptr(), file.as_ptr()) };
    if code < STATUS_OK {
        return Err(format!(
            "{}: HiGHS could not read this model file (is it free MPS or CPLEX LP?)",
            path.display()
        ));
    }
    Ok(model)
}

/// The names of the model's columns, in order.
pub fn column_names(model: &mut highs::Model) -> Result<Vec<String>, String> {
    let highs = model.as_mut_ptr();
    // SAFETY: the live instance owned by `model`.
    let n = unsafe { Highs_getNumCol(highs) };
    let mut buffer = vec![0 as c_char; 1024];
    (0..n)
        .map(|j| {
            // SAFETY: `j` < the column count; HiGHS writes at most kHighsMaximumStringLength
            // (512) bytes with the NUL into the 1024-byte buffer.
            check(
                unsafe { Highs_getColName(highs, j, buffer.as_mut_ptr()) },
                "Highs_getColName",
            )?;
            // SAFETY: HiGHS wrote a NUL-terminated string into `buffer`.
            Ok(unsafe { CStr::from_ptr(buffer.as_ptr()) }
                .to_string_lossy()
                .into_owned())
        })
        .collect()
}

/// Writes the solution of a solved model to `path` in HiGHS's own listing (`name value` per
/// column under `# Columns`).
pub fn write_solution(solved: &mut highs::SolvedModel, path: &std::path::Path) -> Result<(), String> {
    let file = c_path(path)?;
    // SAFETY: the live instance owned by `solved`; `file` outlives the call.
    check(
        unsafe { Highs_writeSolution(solved.as_mut_ptr(), file.as_ptr()) },
        "Highs_writeSolution",
    )
}

//! The HiGHS calls the safe `highs` crate does not expose, made through `highs-sys`: a watched
//! solve ([`run`]: Ctrl-C stops it in every phase, new incumbents are shown as progress), column
//! bounds by index, columns and rows added to a built model, clearing the solver's state between
//! runs, model and solution files ([`files`]), and the library's version.
//!
//! This is the crate's one module with `unsafe` code. Each function is safe to call: the
//! pointers it hands HiGHS are the live instance owned by the `highs::Model` it borrows or owns.
//! A run owns its model and the callback's data on a thread of its own until HiGHS returns; the
//! caller only zeroes the instance's time limit while the run is known to be going, and reads
//! the model only after joining that thread (or never, when Ctrl-C left the run behind).
#![allow(unsafe_code)]

mod files;
mod run;

use std::ffi::{c_int, CStr};

use highs_sys::{
    kHighsBasisStatusBasic, Highs_addCol, Highs_addRow, Highs_changeColsBoundsBySet, Highs_clearSolver,
    Highs_getBasis, Highs_getNumCol, Highs_getNumRow, Highs_setBasis, Highs_version, STATUS_OK,
};

pub use files::{column_names, read_model, set_names, write_model, write_solution};
pub use run::{solve, Solved, Watch};

/// HiGHS's own version, as its C API reports it (for example `1.16.0`).
pub fn version() -> String {
    // SAFETY: `Highs_version` returns a pointer to a static NUL-terminated string.
    let text = unsafe { Highs_version() };
    if text.is_null() {
        return "unknown".to_owned();
    }
    // SAFETY: checked non-null above; the string is static and NUL-terminated.
    unsafe { CStr::from_ptr(text) }.to_string_lossy().into_owned()
}

fn check(code: c_int, call: &str) -> Result<(), String> {
    if code == STATUS_OK {
        Ok(())
    } else {
        Err(format!("HiGHS refused {call} (status {code})"))
    }
}

/// Sets the bounds of each column `j` of `(j, lower, upper)`, in one call. Columns outside the
/// model are an error.
pub fn set_column_bounds(model: &mut highs::Model, bounds: &[(usize, f64, f64)]) -> Result<(), String> {
    if bounds.is_empty() {
        return Ok(());
    }
    let highs = model.as_mut_ptr();
    // SAFETY: `highs` is the live instance owned by `model`.
    let columns = unsafe { Highs_getNumCol(highs) };
    let set = bounds
        .iter()
        .map(|&(j, _, _)| {
            c_int::try_from(j)
                .ok()
                .filter(|&c| c < columns)
                .ok_or_else(|| format!("cannot bound column {j}: the model has {columns}"))
        })
        .collect::<Result<Vec<c_int>, String>>()?;
    let lower: Vec<f64> = bounds.iter().map(|b| b.1).collect();
    let upper: Vec<f64> = bounds.iter().map(|b| b.2).collect();
    let n = c_int::try_from(set.len()).map_err(|_| "too many columns to bound".to_owned())?;
    // SAFETY: as above; `set`, `lower` and `upper` hold `n` entries each, every index checked
    // against the column count, and they outlive the call.
    let code = unsafe { Highs_changeColsBoundsBySet(highs, n, set.as_ptr(), lower.as_ptr(), upper.as_ptr()) };
    check(code, "Highs_changeColsBoundsBySet")
}

/// Indices and values of sparse entries, as HiGHS takes them; every index below `bound`.
fn sparse(
    entries: &[(usize, f64)],
    bound: c_int,
    what: &str,
) -> Result<(Vec<c_int>, Vec<f64>, c_int), String> {
    let index = entries
        .iter()
        .map(|&(i, _)| {
            c_int::try_from(i)
                .ok()
                .filter(|&c| c < bound)
                .ok_or_else(|| format!("no {what} {i}: the model has {bound}"))
        })
        .collect::<Result<Vec<c_int>, String>>()?;
    let value = entries.iter().map(|e| e.1).collect();
    let n = c_int::try_from(entries.len()).map_err(|_| "too many entries".to_owned())?;
    Ok((index, value, n))
}

/// Adds a column with `cost`, bounds and its entries (row, coefficient) in existing rows.
pub fn add_column(
    model: &mut highs::Model,
    cost: f64,
    low: f64,
    high: f64,
    entries: &[(usize, f64)],
) -> Result<(), String> {
    let highs = model.as_mut_ptr();
    // SAFETY: `highs` is the live instance owned by `model`.
    let rows = unsafe { Highs_getNumRow(highs) };
    let (index, value, n) = sparse(entries, rows, "row")?;
    // SAFETY: as above; `index` and `value` hold `n` entries, each row index checked.
    let code = unsafe { Highs_addCol(highs, cost, low, high, n, index.as_ptr(), value.as_ptr()) };
    check(code, "Highs_addCol")
}

/// Adds a row `low ≤ Σ entries ≤ high` over existing columns (column, coefficient).
pub fn add_row(
    model: &mut highs::Model,
    low: f64,
    high: f64,
    entries: &[(usize, f64)],
) -> Result<(), String> {
    let highs = model.as_mut_ptr();
    // SAFETY: `highs` is the live instance owned by `model`.
    let columns = unsafe { Highs_getNumCol(highs) };
    let (index, value, n) = sparse(entries, columns, "column")?;
    // SAFETY: as above; `index` and `value` hold `n` entries, each column index checked.
    let code = unsafe { Highs_addRow(highs, low, high, n, index.as_ptr(), value.as_ptr()) };
    check(code, "Highs_addRow")
}

/// A simplex basis: the status of each column and row (HiGHS's `kHighsBasisStatus` values).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Basis {
    /// One status per column.
    pub columns: Vec<c_int>,
    /// One status per row.
    pub rows: Vec<c_int>,
}

/// The status of a basic column or row.
pub const BASIC: c_int = kHighsBasisStatusBasic;

/// The basis of `model`'s last solve (an error when it has none).
pub fn basis(model: &mut highs::Model) -> Result<Basis, String> {
    let highs = model.as_mut_ptr();
    // SAFETY: `highs` is the live instance owned by `model`.
    let (columns, rows) = unsafe { (Highs_getNumCol(highs), Highs_getNumRow(highs)) };
    let mut basis = Basis {
        columns: vec![0; usize::try_from(columns).unwrap_or(0)],
        rows: vec![0; usize::try_from(rows).unwrap_or(0)],
    };
    // SAFETY: as above; the two buffers hold one entry per column and per row.
    let code = unsafe { Highs_getBasis(highs, basis.columns.as_mut_ptr(), basis.rows.as_mut_ptr()) };
    check(code, "Highs_getBasis").map(|()| basis)
}

/// Gives `model` the basis to start its next simplex solve from; it must have one status per
/// column and per row of the model.
pub fn set_basis(model: &mut highs::Model, basis: &Basis) -> Result<(), String> {
    let highs = model.as_mut_ptr();
    // SAFETY: `highs` is the live instance owned by `model`.
    let (columns, rows) = unsafe { (Highs_getNumCol(highs), Highs_getNumRow(highs)) };
    let fits = usize::try_from(columns).is_ok_and(|c| c == basis.columns.len())
        && usize::try_from(rows).is_ok_and(|r| r == basis.rows.len());
    if !fits {
        return Err(format!(
            "a basis of {} columns and {} rows does not fit a model of {columns} and {rows}",
            basis.columns.len(),
            basis.rows.len()
        ));
    }
    // SAFETY: as above; the two buffers hold one status per column and per row, checked.
    let code = unsafe { Highs_setBasis(highs, basis.columns.as_ptr(), basis.rows.as_ptr()) };
    check(code, "Highs_setBasis")
}

/// Clears HiGHS's solution, basis and MIP start, so the next run starts as on a new model.
pub fn clear_solver(model: &mut highs::Model) -> Result<(), String> {
    // SAFETY: `as_mut_ptr` is the live instance owned by `model`.
    check(
        unsafe { Highs_clearSolver(model.as_mut_ptr()) },
        "Highs_clearSolver",
    )
}

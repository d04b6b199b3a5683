//! The HiGHS calls the safe `highs` crate does not expose, made through `highs-sys`: a solve
//! watched by a callback (Ctrl-C stops it, new incumbents are shown as progress), column bounds
//! by index, clearing the solver's state between runs, and the library's version.
//!
//! This is the crate's one module with `unsafe` code. Each function is safe to call: the
//! pointers it hands HiGHS are the live instance owned by the `highs::Model` it borrows, and the
//! callback's data is a [`Watch`] borrowed for exactly the solve it watches (installed before
//! `Highs_run` and removed after it, inside [`solve`]), so no pointer outlives its borrow.
#![allow(unsafe_code)]

use std::ffi::{c_char, c_int, c_void, CStr};

use highs_sys::{
    kHighsCallbackMipImprovingSolution, kHighsCallbackMipInterrupt, kHighsCallbackSimplexInterrupt,
    HighsCallbackDataIn, HighsCallbackDataOut, Highs_addCol, Highs_addRow, Highs_changeColsBoundsBySet,
    Highs_clearSolver, Highs_getColName, Highs_getNumCol, Highs_getNumRow, Highs_passColName,
    Highs_passModelName, Highs_passRowName, Highs_readModel, Highs_setCallback, Highs_startCallback,
    Highs_version, Highs_writeModel, Highs_writeSolution, STATUS_OK,
};

use crate::solver::budget::Interrupt;
use crate::solver::progress::Progress;

/// What the callback reads during one solve.
pub struct Watch<'a> {
    /// Tier name shown in progress lines.
    pub tier: &'static str,
    /// Where incumbents are shown.
    pub progress: Progress,
    /// Show HiGHS's improving solutions (off for MIPs with fixed columns, whose objective
    /// HiGHS may report without the fixed columns' part; the method shows its own incumbents).
    pub incumbents: bool,
    /// Set by Ctrl-C: the solve stops at HiGHS's next check.
    pub interrupt: &'a Interrupt,
}

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

/// Solves `model` with a callback that reads `watch`: interrupts when its flag is set, prints
/// improving MIP solutions when its progress is on. The callback is removed before returning.
pub fn solve(mut model: highs::Model, watch: &Watch<'_>) -> Result<highs::SolvedModel, String> {
    let highs = model.as_mut_ptr();
    let data = watch as *const Watch<'_> as *mut c_void;
    // SAFETY: `highs` is the live instance owned by `model`; `data` points to `watch`, which is
    // borrowed for this whole function, and the callback is removed below before it returns.
    unsafe {
        check(
            Highs_setCallback(highs, Some(on_event), data),
            "Highs_setCallback",
        )?;
        for kind in [
            kHighsCallbackMipInterrupt,
            kHighsCallbackSimplexInterrupt,
            kHighsCallbackMipImprovingSolution,
        ] {
            check(Highs_startCallback(highs, kind), "Highs_startCallback")?;
        }
    }
    // On an error HiGHS's instance is dropped with `model`, and the callback with it.
    let mut solved = model.try_solve().map_err(|e| format!("HiGHS failed: {e:?}"))?;
    // SAFETY: `solved` owns the same live instance; clearing its callback leaves no pointer
    // to `watch` behind.
    unsafe {
        check(
            Highs_setCallback(solved.as_mut_ptr(), None, std::ptr::null_mut()),
            "Highs_setCallback (removal)",
        )?;
    }
    Ok(solved)
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

/// Clears HiGHS's solution, basis and MIP start, so the next run starts as on a new model.
pub fn clear_solver(model: &mut highs::Model) -> Result<(), String> {
    // SAFETY: `as_mut_ptr` is the live instance owned by `model`.
    check(
        unsafe { Highs_clearSolver(model.as_mut_ptr()) },
        "Highs_clearSolver",
    )
}

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

unsafe extern "C" fn on_event(
    kind: c_int,
    _message: *const c_char,
    out: *const HighsCallbackDataOut,
    data_in: *mut HighsCallbackDataIn,
    user: *mut c_void,
) {
    // SAFETY: HiGHS passes valid (or null) pointers for the duration of the call; `user` is the
    // `Watch` that `solve` borrows until the callback is removed.
    let (out, data_in, watch) = unsafe {
        (
            out.as_ref(),
            data_in.as_mut(),
            (user as *const Watch<'_>).as_ref(),
        )
    };
    let Some(watch) = watch else { return };
    let interrupting = kind == kHighsCallbackMipInterrupt || kind == kHighsCallbackSimplexInterrupt;
    if interrupting && watch.interrupt.is_set() {
        if let Some(data_in) = data_in {
            data_in.user_interrupt = 1;
        }
    }
    if let (true, true, Some(out)) = (kind == kHighsCallbackMipImprovingSolution, watch.incumbents, out) {
        watch.progress.say(|| {
            let bound = if out.mip_dual_bound.is_finite() {
                format!("bound {:.1}, gap {:.3}%", out.mip_dual_bound, out.mip_gap * 100.0)
            } else {
                "no bound yet".to_owned()
            };
            format!(
                "{}: incumbent {:.0}, {bound}",
                watch.tier, out.objective_function_value
            )
        });
    }
}

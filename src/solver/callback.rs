//! HiGHS calls the safe `highs` crate does not expose, made through `highs-sys`: callbacks
//! (Ctrl-C interrupts the search and the best schedule found so far is kept; new incumbents
//! and bounds are shown as progress) and column bounds by index (to fix columns). This is the
//! one module with `unsafe`.
#![allow(unsafe_code)]

use std::ffi::{c_char, c_int, c_void};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use highs_sys::{
    kHighsCallbackMipImprovingSolution, kHighsCallbackMipInterrupt, kHighsCallbackSimplexInterrupt,
    HighsCallbackDataIn, HighsCallbackDataOut, Highs_changeColBounds, Highs_getNumCol, Highs_setCallback,
    Highs_startCallback,
};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Asks every running and later search to stop at its next check (Ctrl-C).
pub fn interrupt() {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Whether [`interrupt`] was called.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// What the callback needs; it must outlive the solve it is installed for.
pub struct Watch {
    /// Tier name shown in progress lines.
    pub tier: &'static str,
    /// Print progress lines on stderr.
    pub progress: bool,
    /// When the whole solve started.
    pub clock: Instant,
}

/// Installs the callback on `model` for the duration of its solve.
pub fn install(model: &mut highs::Model, watch: &mut Watch) {
    let highs = model.as_mut_ptr();
    let data = watch as *mut Watch as *mut c_void;
    // SAFETY: `highs` is the live HiGHS instance owned by `model`; `watch` outlives the solve
    // (the caller keeps it on its stack until the solve returns), and `on_event` only reads it.
    unsafe {
        Highs_setCallback(highs, Some(on_event), data);
        for kind in [
            kHighsCallbackMipInterrupt,
            kHighsCallbackSimplexInterrupt,
            kHighsCallbackMipImprovingSolution,
        ] {
            Highs_startCallback(highs, kind);
        }
    }
}

/// Fixes each column `j` of `(j, value)` at `value`. Columns outside the model are an error.
pub fn fix_columns(model: &mut highs::Model, fixed: &[(usize, f64)]) -> Result<(), String> {
    let highs = model.as_mut_ptr();
    // SAFETY: `highs` is the live HiGHS instance owned by `model`; each index is checked
    // against its column count before the call.
    unsafe {
        let columns = Highs_getNumCol(highs);
        for &(j, value) in fixed {
            let col = c_int::try_from(j)
                .ok()
                .filter(|&c| c < columns)
                .ok_or_else(|| format!("cannot fix column {j}: the model has {columns}"))?;
            if Highs_changeColBounds(highs, col, value, value) != 0 {
                return Err(format!("HiGHS refused to fix column {j} at {value}"));
            }
        }
    }
    Ok(())
}

unsafe extern "C" fn on_event(
    kind: c_int,
    _message: *const c_char,
    out: *const HighsCallbackDataOut,
    data_in: *mut HighsCallbackDataIn,
    user: *mut c_void,
) {
    // SAFETY: HiGHS passes valid (or null) pointers for the duration of the call; `user` is the
    // `Watch` given to `install`.
    unsafe {
        if (kind == kHighsCallbackMipInterrupt || kind == kHighsCallbackSimplexInterrupt) && interrupted() {
            if let Some(data_in) = data_in.as_mut() {
                data_in.user_interrupt = 1;
            }
        }
        let (Some(out), Some(watch)) = (out.as_ref(), (user as *const Watch).as_ref()) else {
            return;
        };
        if kind == kHighsCallbackMipImprovingSolution && watch.progress {
            let bound = if out.mip_dual_bound.is_finite() {
                format!("bound {:.1}, gap {:.3}%", out.mip_dual_bound, out.mip_gap * 100.0)
            } else {
                "no bound yet".to_owned()
            };
            let t = watch.clock.elapsed().as_secs_f64();
            eprintln!(
                "[{t:7.2}s] {}: incumbent {:.0}, {bound}",
                watch.tier, out.objective_function_value
            );
        }
    }
}

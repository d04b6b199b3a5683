//! One watched HiGHS run, and what it leaves.
//!
//! Ctrl-C reaches HiGHS two ways. Its callback sets `user_interrupt` where HiGHS asks (the
//! simplex iterations, the MIP's checks between nodes and LPs). But HiGHS does not ask during
//! MIP presolve or inside the LPs of a MIP, which on a 630×900 problem ran for up to 10 s after
//! Ctrl-C. So a watcher thread, alive exactly as long as `Highs_run`, also sets the instance's
//! `time_limit` to zero once the interrupt is set: presolve checks it every 1,024 reductions and
//! the MIP before each LP. The run's model is owned here and is not dropped before the watcher
//! has been joined, whatever `Highs_run` returns.
#![allow(unsafe_code)]

use std::ffi::{c_char, c_int, c_void};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::Duration;

use highs::{HighsModelStatus, HighsSolutionStatus};
use highs_sys::{
    kHighsCallbackMipImprovingSolution, kHighsCallbackMipInterrupt, kHighsCallbackSimplexInterrupt,
    HighsCallbackDataIn, HighsCallbackDataOut, Highs_getDoubleInfoValue, Highs_getIntInfoValue,
    Highs_getModelStatus, Highs_getNumCol, Highs_getNumRow, Highs_getObjectiveValue, Highs_getSolution,
    Highs_run, Highs_setCallback, Highs_setDoubleOptionValue, Highs_startCallback, STATUS_ERROR,
};

use super::check;
use crate::solver::budget::Interrupt;
use crate::solver::progress::Progress;

/// How often the watcher looks at the interrupt flag.
const WATCH_EVERY: Duration = Duration::from_millis(20);

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

/// A model HiGHS has run on: its status, solution and bound, read from the instance.
pub struct Solved(highs::Model);

/// A run's solution: primal values and duals of the columns, duals of the rows.
pub struct Solution {
    /// Column values.
    pub columns: Vec<f64>,
    /// Column duals (reduced costs).
    pub dual_columns: Vec<f64>,
    /// Row duals.
    pub dual_rows: Vec<f64>,
}

/// Solves `model` with a callback that reads `watch`: interrupts when its flag is set (see the
/// module's comment for the phases the callback does not reach), prints improving MIP solutions
/// when its progress is on. The callback is removed before returning.
pub fn solve(mut model: highs::Model, watch: &Watch<'_>) -> Result<Solved, String> {
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
    let (done, watching) = channel::<()>();
    let (instance, interrupt) = (Instance(highs), watch.interrupt);
    let code = std::thread::scope(|scope| {
        scope.spawn(move || stop_when_interrupted(instance, watching, interrupt));
        // SAFETY: `highs` is the live instance owned by `model`, which outlives this scope.
        let code = unsafe { Highs_run(highs) };
        drop(done);
        code
    });
    // SAFETY: the same live instance; clearing its callback leaves no pointer to `watch` behind.
    unsafe {
        check(
            Highs_setCallback(highs, None, std::ptr::null_mut()),
            "Highs_setCallback (removal)",
        )?;
    }
    if code == STATUS_ERROR {
        return Err("HiGHS failed: its run returned an error".to_owned());
    }
    Ok(Solved(model))
}

/// The instance a watcher may stop.
struct Instance(*mut c_void);

// SAFETY: the watcher only calls `Highs_setDoubleOptionValue` through the pointer, and only
// while `solve` keeps the instance alive: the scope joins the watcher before `solve` goes on.
unsafe impl Send for Instance {}

/// Until `done` hangs up, looks at `interrupt` every [`WATCH_EVERY`]; once it is set, sets the
/// instance's time limit to zero (one store into its options, which HiGHS reads at its checks)
/// and waits for the run to end.
fn stop_when_interrupted(instance: Instance, done: Receiver<()>, interrupt: &Interrupt) {
    loop {
        match done.recv_timeout(WATCH_EVERY) {
            Err(RecvTimeoutError::Timeout) if interrupt.is_set() => break,
            Err(RecvTimeoutError::Timeout) => {}
            _ => return,
        }
    }
    // SAFETY: the run is still going (`done` has not hung up), so the instance is alive.
    unsafe { Highs_setDoubleOptionValue(instance.0, c"time_limit".as_ptr(), 0.0) };
    let _ = done.recv();
}

impl Solved {
    /// HiGHS's status of the run.
    pub fn status(&mut self) -> HighsModelStatus {
        // SAFETY: the live instance owned by `self`.
        let code = unsafe { Highs_getModelStatus(self.0.as_mut_ptr()) };
        HighsModelStatus::try_from(code).unwrap_or(HighsModelStatus::Unknown)
    }

    /// The objective of the run's solution.
    pub fn objective_value(&mut self) -> f64 {
        // SAFETY: the live instance owned by `self`.
        unsafe { Highs_getObjectiveValue(self.0.as_mut_ptr()) }
    }

    /// Whether the run left a feasible primal solution.
    pub fn primal_feasible(&mut self) -> bool {
        let mut value: c_int = 0;
        // SAFETY: the live instance owned by `self`; `value` outlives the call.
        let code = unsafe {
            Highs_getIntInfoValue(
                self.0.as_mut_ptr(),
                c"primal_solution_status".as_ptr(),
                &mut value,
            )
        };
        code >= 0 && HighsSolutionStatus::try_from(value).is_ok_and(|s| s == HighsSolutionStatus::Feasible)
    }

    /// HiGHS's MIP dual bound, when it is finite.
    pub fn mip_dual_bound(&mut self) -> Option<f64> {
        let mut value = f64::NAN;
        // SAFETY: the live instance owned by `self`; `value` outlives the call.
        let code =
            unsafe { Highs_getDoubleInfoValue(self.0.as_mut_ptr(), c"mip_dual_bound".as_ptr(), &mut value) };
        (code >= 0 && value.is_finite()).then_some(value)
    }

    /// The run's solution.
    pub fn solution(&mut self) -> Solution {
        let highs = self.0.as_mut_ptr();
        // SAFETY: the live instance owned by `self`.
        let (columns, rows) = unsafe { (Highs_getNumCol(highs), Highs_getNumRow(highs)) };
        let (columns, rows) = (columns.max(0) as usize, rows.max(0) as usize);
        let mut s = Solution {
            columns: vec![0.0; columns],
            dual_columns: vec![0.0; columns],
            dual_rows: vec![0.0; rows],
        };
        let mut row_values = vec![0.0; rows];
        // SAFETY: each array holds as many entries as the instance has columns (or rows).
        unsafe {
            Highs_getSolution(
                highs,
                s.columns.as_mut_ptr(),
                s.dual_columns.as_mut_ptr(),
                row_values.as_mut_ptr(),
                s.dual_rows.as_mut_ptr(),
            )
        };
        s
    }

    /// The model, to change and run again.
    pub fn into_model(self) -> highs::Model {
        self.0
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use highs_sys::Highs_getDoubleOptionValue;

    fn time_limit(model: &mut highs::Model) -> f64 {
        let mut limit = f64::NAN;
        // SAFETY: the live instance owned by `model`; `limit` outlives the call.
        unsafe { Highs_getDoubleOptionValue(model.as_mut_ptr(), c"time_limit".as_ptr(), &mut limit) };
        limit
    }

    /// The watcher zeroes the time limit of the instance it watches once the interrupt is set
    /// (what stops HiGHS where its callback is not called), and leaves it alone otherwise.
    #[test]
    fn the_watcher_zeroes_the_time_limit_once_interrupted_and_only_then() {
        for set in [false, true] {
            let mut model = highs::RowProblem::default().optimise(highs::Sense::Minimise);
            model.try_set_option("time_limit", 100.0).unwrap();
            let interrupt = Interrupt::new();
            let (done, watching) = channel::<()>();
            let instance = Instance(model.as_mut_ptr());
            let watched = &interrupt;
            std::thread::scope(|scope| {
                scope.spawn(move || stop_when_interrupted(instance, watching, watched));
                if set {
                    interrupt.interrupt();
                    // However slow the machine, the watcher acts before `done` hangs up (a
                    // watcher that never acts fails the test after a minute).
                    let waiting = std::time::Instant::now();
                    while time_limit(&mut model) != 0.0 && waiting.elapsed().as_secs() < 60 {
                        std::thread::sleep(WATCH_EVERY);
                    }
                } else {
                    std::thread::sleep(WATCH_EVERY * 5);
                }
                drop(done);
            });
            assert_eq!(time_limit(&mut model), if set { 0.0 } else { 100.0 });
        }
    }
}

//! One watched HiGHS run, and what it leaves.
//!
//! Ctrl-C reaches HiGHS three ways. Its callback sets `user_interrupt` where HiGHS asks (the
//! simplex iterations, the MIP's checks between nodes and LPs). HiGHS does not ask during MIP
//! presolve or inside the LPs of a MIP, which on a 630×900 problem ran for up to 10 s after
//! Ctrl-C; so the caller, waiting for the run, sets the instance's `time_limit` to zero once the
//! interrupt is set: presolve checks it every 1,024 reductions and the MIP before each LP. And
//! HiGHS reads neither within one round of cuts at a MIP's root (9 s on a `mixed` 210 × 300
//! coverage MIP), so the run goes on a thread of its own, which owns the model and the watch its
//! callback reads: a run still going [`GRACE`] after Ctrl-C is left behind, and its thread frees
//! both when HiGHS stops.
#![allow(unsafe_code)]

use std::ffi::{c_char, c_int, c_void};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

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

/// How often the caller waiting for a run looks at the interrupt flag.
const WATCH_EVERY: Duration = Duration::from_millis(20);

/// How long a run may go on after Ctrl-C before it is left behind: HiGHS does not look at its
/// limit inside one cut round at the root (a `mixed` 210 × 300 coverage MIP spent 9 s in one,
/// and Ctrl-C took 4.3 s to stop the solve).
const GRACE: Duration = Duration::from_millis(1000);

/// What the callback reads during one solve.
pub struct Watch {
    /// Tier name shown in progress lines.
    pub tier: &'static str,
    /// Where incumbents are shown.
    pub progress: Progress,
    /// Show HiGHS's improving solutions (off for MIPs with fixed columns, whose objective
    /// HiGHS may report without the fixed columns' part; the method shows its own incumbents).
    pub incumbents: bool,
    /// Set by Ctrl-C: the solve stops at HiGHS's next check.
    pub interrupt: Interrupt,
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

/// Solves `model` on a thread of its own with a callback that reads `watch`: interrupts when
/// its flag is set, prints improving MIP solutions when its progress is on. Where the callback
/// is not called (MIP presolve, the LPs inside a MIP), the time limit is set to zero once the
/// flag is set: presolve checks it every 1,024 reductions and the MIP before each LP. A run
/// that still goes on [`GRACE`] after that is left behind (`None`): its thread owns the model
/// and the watch, stops at HiGHS's next check and frees them; nothing of it is read again.
pub fn solve(mut model: highs::Model, watch: Watch) -> Result<Option<Solved>, String> {
    let watch = Box::new(watch);
    let highs = model.as_mut_ptr();
    let data = &*watch as *const Watch as *mut c_void;
    // SAFETY: `highs` is the live instance owned by `model`; `data` points into the box, which
    // moves with the model into the run's thread and outlives the callback, removed there.
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
    let (interrupt, progress, tier) = (watch.interrupt.clone(), watch.progress, watch.tier);
    let (done, ended) = channel::<()>();
    let owned = Owned { model, _watch: watch };
    let runner = std::thread::Builder::new()
        .name("highs".to_owned())
        .spawn(move || {
            let mut owned = owned;
            let highs = owned.model.as_mut_ptr();
            // SAFETY: the live instance owned by this thread; clearing its callback afterwards
            // leaves no pointer to the watch, which is dropped with it.
            let codes = unsafe {
                let code = Highs_run(highs);
                (code, Highs_setCallback(highs, None, std::ptr::null_mut()))
            };
            drop(done);
            (owned, codes)
        })
        .map_err(|e| format!("cannot start HiGHS's thread: {e}"))?;
    if !wait(&ended, Instance(highs), &interrupt) {
        progress
            .say(|| format!("{tier}: HiGHS did not stop within {GRACE:?} of Ctrl-C; its run is left behind"));
        return Ok(None);
    }
    let (Owned { model, .. }, (code, removed)) =
        runner.join().map_err(|_| "HiGHS's run panicked".to_owned())?;
    // The watch is gone: a callback still set would point at nothing.
    check(removed, "Highs_setCallback (removal)")?;
    if code == STATUS_ERROR {
        return Err("HiGHS failed: its run returned an error".to_owned());
    }
    Ok(Some(Solved(model)))
}

/// A model and the watch its callback reads, moved into the run's thread together.
struct Owned {
    model: highs::Model,
    /// Read by the callback through the pointer HiGHS holds; kept until that is removed.
    _watch: Box<Watch>,
}

// SAFETY: the instance is used by one thread at a time: the run's, and the caller's only for
// setting the time limit while it waits (as HiGHS's own option setters are used between
// checks); the caller takes it back only after joining the run's thread.
unsafe impl Send for Owned {}

/// The instance whose time limit the waiting caller may zero.
#[derive(Clone, Copy)]
struct Instance(*mut c_void);

/// Until the run ends, looks at `interrupt` every [`WATCH_EVERY`]; once it is set, zeroes the
/// instance's time limit and waits at most [`GRACE`] more. Whether the run ended.
fn wait(ended: &Receiver<()>, instance: Instance, interrupt: &Interrupt) -> bool {
    let mut stopping: Option<Instant> = None;
    loop {
        match ended.recv_timeout(WATCH_EVERY) {
            Err(RecvTimeoutError::Timeout) => {}
            _ => return true,
        }
        match stopping {
            None if interrupt.is_set() => {
                // SAFETY: the run has not ended (the channel is open), so the instance lives.
                unsafe { Highs_setDoubleOptionValue(instance.0, c"time_limit".as_ptr(), 0.0) };
                stopping = Some(Instant::now());
            }
            Some(since) if since.elapsed() >= GRACE => return false,
            _ => {}
        }
    }
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
    let (out, data_in, watch) = unsafe { (out.as_ref(), data_in.as_mut(), (user as *const Watch).as_ref()) };
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

    /// The caller zeroes the time limit of the instance it waits on once the interrupt is set
    /// (what stops HiGHS where its callback is not called) and leaves it alone otherwise; a run
    /// that does not end within the grace after that is left behind.
    #[test]
    fn the_wait_zeroes_the_time_limit_once_interrupted_and_gives_up_after_the_grace() {
        let mut model = highs::RowProblem::default().optimise(highs::Sense::Minimise);
        model.try_set_option("time_limit", 100.0).unwrap();
        let instance = Instance(model.as_mut_ptr());
        let interrupt = Interrupt::new();
        let (done, ended) = channel::<()>();
        let waited = std::thread::scope(|scope| {
            scope.spawn(move || {
                std::thread::sleep(WATCH_EVERY * 5);
                drop(done);
            });
            wait(&ended, instance, &interrupt)
        });
        assert!(waited);
        assert_eq!(time_limit(&mut model), 100.0);
        let (done, ended) = channel::<()>();
        interrupt.interrupt();
        assert!(!wait(&ended, instance, &interrupt));
        assert_eq!(time_limit(&mut model), 0.0);
        drop(done);
    }

    /// A run that ends gives its model back, solved.
    #[test]
    fn a_run_that_ends_gives_its_model_back() {
        let mut p = highs::RowProblem::default();
        let x = p.add_column(1.0, 0.0..1.0);
        p.add_row(1.0.., [(x, 1.0)]);
        let model = p.optimise(highs::Sense::Minimise);
        let watch = Watch {
            tier: "test",
            progress: Progress::off(),
            incumbents: false,
            interrupt: Interrupt::new(),
        };
        let mut solved = solve(model, watch).unwrap().unwrap();
        assert_eq!(solved.status(), HighsModelStatus::Optimal);
        assert_eq!(solved.objective_value(), 1.0);
    }
}

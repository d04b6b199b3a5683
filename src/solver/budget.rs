//! The time every stage of a solve draws from, and the interrupt that stops it early.
//!
//! A [`Budget`] is a deadline (or none) and an [`Interrupt`]. Stages take shares of what is
//! left ([`Budget::share`]), so a limit given once covers model building, every tier and every
//! HiGHS run, and Ctrl-C reaches all of them through the same flag.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A flag that asks a running solve to stop at its next check (Ctrl-C). Clones share the flag;
/// [`Interrupt::reset`] clears it for the next solve.
#[derive(Clone, Debug, Default)]
pub struct Interrupt(Arc<AtomicBool>);

impl Interrupt {
    /// A new flag, not set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks every solve holding this flag (or a clone) to stop.
    pub fn interrupt(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether [`Interrupt::interrupt`] was called since the last reset.
    pub fn is_set(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    /// Clears the flag.
    pub fn reset(&self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

/// Share of `--time-limit` held back for what no HiGHS limit covers: HiGHS checks its limit
/// only now and then (in presolve every 1,024 reductions, not between a MIP's root cut
/// rounds), and the schedule still has to be checked and written.
pub const HELD_BACK: f64 = 0.1;

/// Multiple of the model-building time also held back: HiGHS overruns grow with the model
/// (0.1 s at programme size, 45 s at 30× the programme, where the cost tier overran by 51 s).
pub const BUILD_RESERVE: f64 = 2.0;

/// Shortest time limit handed to HiGHS (it refuses 0 and must still return its incumbent).
const MIN_LIMIT: f64 = 0.01;

/// Time left to a stage, and the interrupt that ends it early.
#[derive(Clone, Debug)]
pub struct Budget {
    deadline: Option<Instant>,
    interrupt: Interrupt,
}

impl Budget {
    /// A budget that ends `seconds` after now (none: no limit), stopped early by `interrupt`.
    pub fn new(seconds: Option<f64>, interrupt: Interrupt) -> Self {
        let deadline = seconds.map(|s| Instant::now() + Duration::from_secs_f64(s.max(0.0)));
        Self { deadline, interrupt }
    }

    /// The budget of a whole solve given `--time-limit` seconds that started at `clock`:
    /// [`HELD_BACK`] of the limit is kept for the end of the run.
    pub fn for_run(limit: Option<f64>, clock: Instant, interrupt: Interrupt) -> Self {
        let deadline = limit.map(|l| clock + Duration::from_secs_f64(l * (1.0 - HELD_BACK)));
        Self { deadline, interrupt }
    }

    /// This budget less `seconds` at its end (what a later stage must keep).
    pub fn less(&self, seconds: f64) -> Self {
        let deadline = self.deadline.map(|d| {
            d.checked_sub(Duration::from_secs_f64(seconds.max(0.0)))
                .unwrap_or(d)
        });
        Self {
            deadline,
            interrupt: self.interrupt.clone(),
        }
    }

    /// The first `share` (0–1) of what is left, as a budget of its own.
    pub fn share(&self, share: f64) -> Self {
        let deadline = self
            .remaining()
            .map(|left| Instant::now() + Duration::from_secs_f64(left * share.clamp(0.0, 1.0)));
        Self {
            deadline,
            interrupt: self.interrupt.clone(),
        }
    }

    /// At most `seconds` of this budget.
    pub fn capped(&self, seconds: f64) -> Self {
        let cap = Instant::now() + Duration::from_secs_f64(seconds.max(0.0));
        Self {
            deadline: Some(self.deadline.map_or(cap, |d| d.min(cap))),
            interrupt: self.interrupt.clone(),
        }
    }

    /// Seconds left (none: no limit).
    pub fn remaining(&self) -> Option<f64> {
        self.deadline
            .map(|d| d.saturating_duration_since(Instant::now()).as_secs_f64())
    }

    /// Whether the stage should stop: interrupted, or out of time.
    pub fn stopped(&self) -> bool {
        self.interrupted() || self.remaining().is_some_and(|left| left <= 0.0)
    }

    /// Whether the interrupt was set.
    pub fn interrupted(&self) -> bool {
        self.interrupt.is_set()
    }

    /// The time limit to hand HiGHS for a run within this budget.
    pub fn highs_limit(&self) -> Option<f64> {
        self.remaining().map(|left| left.max(MIN_LIMIT))
    }

    /// The interrupt flag.
    pub fn interrupt(&self) -> &Interrupt {
        &self.interrupt
    }

    /// Whether the budget has a deadline.
    pub fn is_limited(&self) -> bool {
        self.deadline.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_divide_what_is_left_and_an_interrupt_stops_every_clone() {
        let b = Budget::new(Some(100.0), Interrupt::new());
        let half = b.share(0.5).remaining().unwrap();
        assert!((49.0..=50.0).contains(&half), "{half}");
        assert!(b.less(30.0).remaining().unwrap() <= 70.0);
        assert!(b.capped(1.0).remaining().unwrap() <= 1.0);
        assert_eq!(Budget::new(None, Interrupt::new()).share(0.5).remaining(), None);
        let stop = b.share(0.1);
        assert!(!stop.stopped());
        b.interrupt().interrupt();
        assert!(stop.stopped(), "clones share the flag");
        b.interrupt().reset();
        assert!(!stop.stopped());
        assert!(Budget::new(Some(0.0), Interrupt::new()).stopped());
    }
}

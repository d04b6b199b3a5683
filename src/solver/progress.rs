//! Progress lines on stderr: phases, tier results and new incumbents, each stamped with the
//! seconds since the solve started.

use std::time::Instant;

/// Where progress goes: stderr when `on`, nowhere otherwise.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    clock: Instant,
    on: bool,
}

impl Progress {
    /// Progress of a solve that started at `clock`.
    pub fn new(clock: Instant, on: bool) -> Self {
        Self { clock, on }
    }

    /// Silent progress.
    pub fn off() -> Self {
        Self::new(Instant::now(), false)
    }

    /// Prints the line `line` makes, when progress is on.
    pub fn say(&self, line: impl FnOnce() -> String) {
        if self.on {
            eprintln!("[{:7.2}s] {}", self.clock.elapsed().as_secs_f64(), line());
        }
    }

    /// Whether lines are printed.
    pub fn is_on(&self) -> bool {
        self.on
    }

    /// When the solve started.
    pub fn clock(&self) -> Instant {
        self.clock
    }
}

//! The settings and effort echoed into every schedule: solver, formulation, limits, model size,
//! time per phase and peak memory.

use std::time::Instant;

use super::Options;
use crate::model::Settings;

/// Settings of one model solved whole; timing and memory are filled in when it is solved.
pub fn model_settings(options: &Options, formulation: String, rows: usize, columns: usize) -> Settings {
    Settings {
        solver: options.backend.describe(),
        mtplan_version: env!("CARGO_PKG_VERSION").to_owned(),
        formulation,
        threads: options.threads,
        seed: options.seed,
        time_limit_seconds: options.time_limit,
        mip_rel_gap: options.mip_rel_gap,
        model_rows: rows,
        model_columns: columns,
        elapsed_seconds: 0.0,
        phase_seconds: Vec::new(),
        peak_memory_mib: None,
        parts: 1,
        balance: None,
    }
}

/// The balance tiers' results of `tiers`, if they ran.
pub fn balance_proof(
    tiers: &[super::pipeline::TierResult],
    slack: f64,
) -> Option<crate::model::BalanceProof> {
    let of = |k| tiers.iter().find(|t| t.kind == k);
    let (b, a) = (
        of(super::tiers::TierKind::Balance)?,
        of(super::tiers::TierKind::Active)?,
    );
    Some(crate::model::BalanceProof {
        cost_slack: slack,
        largest_share: b.value,
        largest_share_bound: b.bound,
        active: a.value.max(0.0) as u64,
        active_bound: a.bound,
    })
}

/// `proof` with the largest share and the active trainers of `schedule` itself: the share
/// column z of the balance tier is only an upper bound on every share once the active tier
/// has moved the schedule. A bound the schedule itself contradicts (more active trainers than
/// the active tier's bound, as when the share's keep row once sat below the real share) is
/// dropped, and the schedule is then not called optimal.
pub fn measured(
    proof: crate::model::BalanceProof,
    problem: &crate::model::Problem,
    schedule: &mut crate::model::Schedule,
) -> crate::model::BalanceProof {
    let shares = crate::model::Shares::of(problem, schedule);
    let active = (shares.trainers - shares.idle) as u64;
    let mut out = crate::model::BalanceProof {
        largest_share: shares.largest,
        active,
        ..proof
    };
    if out.active_bound + 1e-6 < active as f64 {
        out.active_bound = f64::INFINITY;
    }
    if out.largest_share_bound > shares.largest + 1e-6 {
        out.largest_share_bound = 0.0;
    }
    let proven =
        out.largest_share - out.largest_share_bound <= 1e-6 && out.active_bound - active as f64 <= 1e-6;
    if !proven && schedule.status == crate::model::Status::Optimal {
        schedule.status = crate::model::Status::Feasible;
    }
    out
}

/// The balance of independent parts: the largest share and its bound are the parts' largest,
/// the active trainers and their bound add up.
fn merged_balance(parts: &[Settings]) -> Option<crate::model::BalanceProof> {
    let all: Vec<crate::model::BalanceProof> = parts.iter().filter_map(|s| s.balance).collect();
    let first = *all.first()?;
    Some(all.iter().skip(1).fold(first, |m, p| crate::model::BalanceProof {
        cost_slack: m.cost_slack,
        largest_share: m.largest_share.max(p.largest_share),
        largest_share_bound: m.largest_share_bound.max(p.largest_share_bound),
        active: m.active + p.active,
        active_bound: m.active_bound + p.active_bound,
    }))
}

/// Settings of a decomposed solve: model sizes added, each phase as long as its longest part.
pub fn merged_settings(parts: &[Settings], options: &Options, workers: usize, clock: &Instant) -> Settings {
    let mut phases: Vec<(String, f64)> = Vec::new();
    for (name, secs) in parts.iter().flat_map(|s| s.phase_seconds.iter()) {
        match phases.iter_mut().find(|(n, _)| n == name) {
            Some((_, longest)) => *longest = longest.max(*secs),
            None => phases.push((name.clone(), *secs)),
        }
    }
    // A part solved on a restriction is judged against bounds of its whole part: say so.
    let restricted = parts.iter().any(|s| s.formulation.ends_with("-restricted"));
    let code = options.formulation.code();
    let formulation = match restricted {
        true => format!("{code}-restricted"),
        false => code.to_owned(),
    };
    Settings {
        threads: workers as u32,
        model_rows: parts.iter().map(|s| s.model_rows).sum(),
        model_columns: parts.iter().map(|s| s.model_columns).sum(),
        elapsed_seconds: clock.elapsed().as_secs_f64(),
        phase_seconds: phases,
        peak_memory_mib: peak_memory_mib(),
        parts: parts.len(),
        balance: merged_balance(parts),
        ..model_settings(options, formulation, 0, 0)
    }
}

/// Fills in the time taken, the phases and the peak memory.
pub fn finish(settings: &mut Settings, clock: &Instant, phases: Phases) {
    settings.elapsed_seconds = clock.elapsed().as_secs_f64();
    settings.phase_seconds = phases.list;
    settings.peak_memory_mib = peak_memory_mib();
}

/// Wall-clock time per phase.
pub struct Phases {
    last: Instant,
    list: Vec<(String, f64)>,
}

impl Phases {
    /// Phases of a solve that started at `start`.
    pub fn new(start: &Instant) -> Self {
        Self {
            last: *start,
            list: Vec::new(),
        }
    }

    /// Records the phases of `tiers` (each named by its tier) as ended now.
    pub fn tiers(&mut self, tiers: &[super::pipeline::TierResult]) {
        for t in tiers.iter().filter(|t| t.ran) {
            self.list.push((t.kind.name().to_owned(), t.seconds));
        }
        self.last = Instant::now();
    }

    /// Ends the phase `name` now.
    pub fn mark(&mut self, name: &str) {
        let now = Instant::now();
        self.list.push((name.to_owned(), (now - self.last).as_secs_f64()));
        self.last = now;
    }
}

/// Peak resident memory of this process (VmHWM), on systems with /proc.
pub fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

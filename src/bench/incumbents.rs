//! The incumbent log of a run, read from `solve --progress` lines, and what it gives: the time
//! to the first schedule, the primal gap over time and its integral.
//!
//! The lines read are `[   1.23s] coverage: incumbent 734, …` (a new best schedule of a tier,
//! from mtplan's method or HiGHS's callback) and `[   1.30s] tier 1 (coverage): 734 (bound …)`
//! (a tier's end). CBC and microlp report no incumbents through good_lp: their runs have the
//! tier ends only. A problem solved in independent parts prints no progress of its own: its
//! log is the tiers' ends, from the phase times of its schedule.
//!
//! The primal gap p(t) of a run against the best schedule of any run (coverage C*, then cost K*
//! at C*): 1 before the first schedule; while coverage is below C*, (C* − c)/C*; at C*, the cost
//! gap (k − K*)/k of the latest cost known, and 1 until one is known. The primal integral is
//! ∫ p(t) dt over the run, in seconds: lower is better; a run that never finds a schedule
//! scores its whole length.

/// One line of the log.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Event {
    /// Seconds since the solve started.
    pub seconds: f64,
    /// `coverage` or `cost`.
    pub tier: String,
    /// The objective of the tier.
    pub value: f64,
}

/// The coverage and cost events of `stderr` (other tiers and lines are left out).
pub fn parse(stderr: &str) -> Vec<Event> {
    stderr.lines().filter_map(event).collect()
}

fn event(line: &str) -> Option<Event> {
    let rest = line.trim_start().strip_prefix('[')?;
    let (stamp, rest) = rest.split_once("s]")?;
    let seconds: f64 = stamp.trim().parse().ok()?;
    let rest = rest.trim();
    let (tier, value) = if let Some(r) = rest.strip_prefix("tier ") {
        // `tier 1 (coverage): 734 (bound 734.00)`
        let (_, r) = r.split_once('(')?;
        let (tier, r) = r.split_once("): ")?;
        (tier, r.split_whitespace().next()?)
    } else {
        // `coverage: incumbent 734, bound …`
        let (tier, r) = rest.split_once(": incumbent ")?;
        (tier, r.split(',').next()?)
    };
    if tier != "coverage" && tier != "cost" {
        return None;
    }
    Some(Event {
        seconds,
        tier: tier.to_owned(),
        value: value.trim().parse().ok()?,
    })
}

/// The log of a run that printed none: the coverage tier's schedule when it ended, the cost
/// tier's when it ended, from the seconds (model, coverage, cost, whole run) and objective of
/// its schedule.
pub fn at_tier_ends(seconds: (f64, f64, f64, f64), objective: (f64, f64)) -> Vec<Event> {
    let (model, coverage, cost, _) = seconds;
    if !(objective.0.is_finite() && model.is_finite() && coverage.is_finite()) {
        return Vec::new();
    }
    let mut log = vec![Event {
        seconds: model + coverage,
        tier: "coverage".to_owned(),
        value: objective.0,
    }];
    if cost.is_finite() && objective.1.is_finite() {
        log.push(Event {
            seconds: model + coverage + cost,
            tier: "cost".to_owned(),
            value: objective.1,
        });
    }
    log
}

/// Seconds to the first schedule, if any.
pub fn first_schedule(log: &[Event]) -> Option<f64> {
    log.first().map(|e| e.seconds)
}

/// The primal gap as steps (from second, gap), starting at (0, 1), against the best coverage
/// and cost of any run.
pub fn gap_steps(log: &[Event], best: (f64, f64)) -> Vec<(f64, f64)> {
    let (c_star, k_star) = best;
    let mut steps = vec![(0.0, 1.0)];
    let mut coverage = None;
    for e in log {
        let gap = match e.tier.as_str() {
            "coverage" => {
                coverage = Some(e.value);
                if e.value >= c_star {
                    1.0 // the best coverage, its cost not yet known
                } else {
                    (c_star - e.value) / c_star.max(1.0)
                }
            }
            _ if coverage.is_some_and(|c| c < c_star) => continue,
            _ if e.value <= 0.0 => 0.0,
            _ => ((e.value - k_star) / e.value).max(0.0),
        };
        steps.push((e.seconds, gap));
    }
    steps
}

/// ∫ p(t) dt from 0 to `end` seconds.
pub fn primal_integral(steps: &[(f64, f64)], end: f64) -> f64 {
    let mut total = 0.0;
    for (i, &(t, gap)) in steps.iter().enumerate() {
        let next = steps.get(i + 1).map_or(end, |s| s.0).min(end);
        total += gap * (next - t).max(0.0);
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = "[   0.50s] model: 10 columns, 5 rows\n\
                       [   1.00s] coverage: incumbent 90, bound 100, gap 10.000%\n\
                       [   2.00s] coverage: incumbent 100, no bound yet\n\
                       [   3.00s] tier 1 (coverage): 100 (bound 100.00)\n\
                       [   4.00s] cost: incumbent 200, bound 100, gap 50.000%\n\
                       [   6.00s] tier 2 (cost): 100 (bound 100.00)\n";

    #[test]
    fn the_log_reads_incumbents_and_tier_ends() {
        let log = parse(LOG);
        let values: Vec<(f64, &str, f64)> = log
            .iter()
            .map(|e| (e.seconds, e.tier.as_str(), e.value))
            .collect();
        assert_eq!(
            values,
            [
                (1.0, "coverage", 90.0),
                (2.0, "coverage", 100.0),
                (3.0, "coverage", 100.0),
                (4.0, "cost", 200.0),
                (6.0, "cost", 100.0)
            ]
        );
        assert_eq!(first_schedule(&log), Some(1.0));
    }

    #[test]
    fn the_primal_integral_adds_each_gap_for_as_long_as_it_held() {
        let steps = gap_steps(&parse(LOG), (100.0, 100.0));
        // 1 s without a schedule, 1 s at 10 %, 2 s at the best coverage with no cost known,
        // 2 s at cost gap 50 %, then 0.
        let expected = 1.0 + 0.1 + 2.0 + 1.0;
        assert!((primal_integral(&steps, 8.0) - expected).abs() < 1e-9);
        assert_eq!(
            primal_integral(&[(0.0, 1.0)], 5.0),
            5.0,
            "no schedule: the whole run"
        );
    }
}

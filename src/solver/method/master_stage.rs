//! The decomposition stage of the LP-guided method: the bound of the decomposition by trainer,
//! warm-started from the LP's duals, and the columns it fixes against the incumbent.

use super::lp_guided::Lp;
use super::state::State;
use super::TierRun;
use crate::solver::decomposition::Decomposition;

/// Share of the tier's time left that the decomposition may take.
const MASTER_SHARE: f64 = 0.4;

/// Stage 2b: the decomposition's bound, and the columns it fixes against the incumbent.
pub(super) fn master_bound(
    run: &mut TierRun<'_>,
    lp: &Lp,
    state: &mut State,
) -> Result<Vec<(usize, f64)>, String> {
    let Some((point, u)) = state.incumbent.clone() else {
        return Ok(Vec::new());
    };
    let sense = state.sense;
    let t0 = std::time::Instant::now();
    let mut d = Decomposition::new(
        run.problem,
        run.space,
        &[&run.formulation.rows, run.rows],
        run.objective,
        sense,
        &point,
    )?;
    // The LP's rows: the formulation's, the tier's, then one (X) row per seat.
    let duals = &lp.relaxation.row_duals;
    let base = run.formulation.rows.len() + run.rows.len();
    let links: Vec<f64> = run
        .formulation
        .rows
        .iter()
        .chain(run.rows)
        .zip(duals)
        .filter(|(r, _)| r.rule.trainer().is_none())
        .map(|(_, &d)| d)
        .collect();
    let seats: Vec<(usize, f64)> = duals[base.min(duals.len())..]
        .iter()
        .enumerate()
        .filter(|(_, d)| d.abs() > 1e-9)
        .map(|(k, &d)| (k, d))
        .collect();
    d.warm(&links, &seats)?;
    run.progress
        .say(|| format!("master built in {:.2} s", t0.elapsed().as_secs_f64()));
    let Some(bound) = d.run(Some(u), &run.budget.share(MASTER_SHARE), run.progress)? else {
        return Ok(Vec::new());
    };
    run.progress.say(|| {
        format!(
            "{}: decomposition bound {:.1} after {} rounds, {} columns fixed",
            run.model.kind().name(),
            bound.value,
            bound.rounds,
            bound.fixed.len()
        )
    });
    state.bound = sense.tighter(state.bound, bound.value);
    Ok(bound.fixed)
}

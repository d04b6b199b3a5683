//! Edits that pick trainers or requests by a filter: budget scaling and window moves.

use chrono::{Days, NaiveDate};

use super::Ctx;
use crate::format::problem_v1::RequestV1;
use crate::scenario::edits::{RequestFilter, TrainerFilter};

pub(super) fn scale_budgets(ctx: &mut Ctx<'_>, i: usize, factor: f64, filter: &TrainerFilter) {
    if !(factor > 0.0 && factor <= 10.0) {
        let msg = format!("factor {factor} is outside (0, 10]");
        ctx.error(
            i,
            "factor",
            "S020",
            msg,
            "use e.g. 0.75 for a cut of a quarter".into(),
        );
        return;
    }
    ctx.check_place(
        i,
        filter.region.as_deref(),
        ("country", filter.country.as_deref()),
    );
    let scale = |days: u32| (f64::from(days) * factor + 1e-9).floor().min(f64::from(u32::MAX)) as u32;
    let policy_days = ctx.file.policy.max_days;
    let mut matched = Vec::new();
    for (t, trainer) in ctx.file.trainers.iter().enumerate() {
        let region = ctx.region_of(&trainer.country);
        let fits = filter.region.as_deref().is_none_or(|g| region == Some(g))
            && filter.country.as_deref().is_none_or(|k| trainer.country == k);
        if fits {
            matched.push(t);
        }
    }
    for &t in &matched {
        let trainer = &mut ctx.file.trainers[t];
        trainer.max_days = Some(scale(trainer.max_days.unwrap_or(policy_days)));
        let id = trainer.id.clone();
        ctx.touch_trainer(&id, i);
    }
    if filter.region.is_none() && filter.country.is_none() {
        ctx.file.policy.max_days = scale(policy_days);
        ctx.touched.policy.insert(i);
    }
    if matched.is_empty() {
        ctx.warning(
            i,
            "factor",
            "S101",
            "this edit matches no trainer".into(),
            "check the filter",
        );
    }
}

fn matches(ctx: &Ctx<'_>, r: &RequestV1, f: &RequestFilter) -> bool {
    f.region
        .as_deref()
        .is_none_or(|g| ctx.region_of(&r.host) == Some(g))
        && f.host.as_deref().is_none_or(|h| r.host == h)
        && f.area.as_deref().is_none_or(|a| r.area == a)
        && f.kind.is_none_or(|k| r.kind == k)
        && f.organiser.as_deref().is_none_or(|o| r.organiser == o)
        && f.requests.as_ref().is_none_or(|ids| ids.contains(&r.id))
}

fn shift(day: NaiveDate, by: i64) -> Option<NaiveDate> {
    if by >= 0 {
        day.checked_add_days(Days::new(by.unsigned_abs()))
    } else {
        day.checked_sub_days(Days::new(by.unsigned_abs()))
    }
}

/// Moves (`whole`: the fixed start too) or widens the windows of matching requests.
pub(super) fn windows(
    ctx: &mut Ctx<'_>,
    i: usize,
    f: &RequestFilter,
    (early, late): (i64, i64),
    whole: bool,
) {
    ctx.check_place(i, f.region.as_deref(), ("host", f.host.as_deref()));
    for id in f.requests.iter().flatten() {
        ctx.request_index(i, "requests", id);
    }
    let picked: Vec<usize> = (0..ctx.file.requests.len())
        .filter(|&r| matches(ctx, &ctx.file.requests[r], f))
        .collect();
    if picked.is_empty() {
        ctx.warning(
            i,
            "action",
            "S101",
            "this edit matches no request".into(),
            "check the filter",
        );
    }
    for r in picked {
        let req = &mut ctx.file.requests[r];
        let fixed = if whole {
            req.fixed_start.map(|d| shift(d, early))
        } else {
            None
        };
        match (
            shift(req.earliest_start, early),
            shift(req.latest_end, late),
            fixed,
        ) {
            (Some(a), Some(b), None | Some(Some(_))) => {
                req.earliest_start = a;
                req.latest_end = b;
                if let Some(Some(s)) = fixed {
                    req.fixed_start = Some(s);
                }
                let id = req.id.clone();
                ctx.touch_request(&id, i);
            }
            _ => {
                let msg = format!("the window of `{}` would leave the calendar", req.id);
                ctx.error(i, "action", "S020", msg, "use a smaller number of days".into());
            }
        }
    }
}

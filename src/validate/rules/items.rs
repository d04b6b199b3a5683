//! Checks on each trainer and request as read: languages, areas, dates, team counts.

use super::*;
use super::{Diagnostic, JsonPath};
use crate::format::problem_v1::{RequestV1, TrainerCountV1, TrainerV1};
use chrono::Days;
use std::collections::BTreeSet;

fn is_language(code: &str) -> bool {
    code.len() == 2 && code.chars().all(|c| c.is_ascii_lowercase())
}

pub(super) fn check_trainer(
    path: &JsonPath,
    t: &TrainerV1,
    countries: &BTreeSet<&str>,
    out: &mut Vec<Diagnostic>,
) {
    if !countries.contains(t.country.as_str()) {
        let hint = "use the ISO 3166 alpha-2 code of a country in the country table (e.g. KE)";
        err(
            out,
            "E011",
            path.key("country"),
            format!("unknown country `{}`", t.country),
            hint,
        );
    }
    for (i, l) in t.languages.iter().enumerate().filter(|(_, l)| !is_language(l)) {
        let msg = format!("`{l}` is not an ISO 639-1 language code");
        err(
            out,
            "E027",
            path.key("languages").index(i),
            msg,
            "use two lower-case letters: en, fr, pt, ru …",
        );
    }
    let mut areas = BTreeSet::new();
    for (i, e) in t.expertise.iter().enumerate() {
        if !areas.insert(e.area.as_str()) {
            let msg = format!("area `{}` is listed twice", e.area);
            err(
                out,
                "E033",
                path.key("expertise").index(i),
                msg,
                "list each area once, at its highest level",
            );
        }
    }
    for (i, u) in t.unavailable.iter().enumerate().filter(|(_, u)| u.from > u.to) {
        let msg = format!(
            "the unavailable period ends ({}) before it starts ({})",
            u.to, u.from
        );
        err(
            out,
            "E020",
            path.key("unavailable").index(i),
            msg,
            "swap `from` and `to`",
        );
    }
}

pub(super) fn check_request(
    path: &JsonPath,
    r: &RequestV1,
    countries: &BTreeSet<&str>,
    regions: &BTreeSet<&str>,
    out: &mut Vec<Diagnostic>,
) {
    if !countries.contains(r.host.as_str()) {
        let hint = "use the ISO 3166 alpha-2 code of a country in the country table (e.g. KE)";
        err(
            out,
            "E011",
            path.key("host"),
            format!("unknown host country `{}`", r.host),
            hint,
        );
    }
    if !is_language(&r.language) {
        let msg = format!("`{}` is not an ISO 639-1 language code", r.language);
        err(
            out,
            "E027",
            path.key("language"),
            msg,
            "use two lower-case letters: en, fr, pt, ru …",
        );
    }
    for (i, region) in r
        .regions
        .iter()
        .flatten()
        .enumerate()
        .filter(|(_, g)| !regions.contains(g.as_str()))
    {
        let known: Vec<&str> = regions.iter().copied().collect();
        let msg = format!("unknown region `{region}`");
        err(
            out,
            "E014",
            path.key("regions").index(i),
            msg,
            format!("use a region of the country table: {}", known.join(", ")),
        );
    }
    check_request_dates(path, r, out);
    check_request_counts(path, r, out);
}

fn check_request_dates(path: &JsonPath, r: &RequestV1, out: &mut Vec<Diagnostic>) {
    check_span(
        r.earliest_start,
        r.latest_end,
        path.key("latest_end"),
        "window",
        out,
    );
    if !(1..=MAX_DURATION).contains(&r.duration_days) {
        let msg = format!(
            "duration_days is {}; a training lasts 1 to {MAX_DURATION} days",
            r.duration_days
        );
        err(
            out,
            "E022",
            path.key("duration_days"),
            msg,
            "give the number of training days, 1 or more",
        );
    }
    if r.earliest_start > r.latest_end {
        let msg = format!(
            "the window ends ({}) before it starts ({})",
            r.latest_end, r.earliest_start
        );
        err(
            out,
            "E020",
            path.key("latest_end"),
            msg,
            "swap `earliest_start` and `latest_end`",
        );
    }
    if r.start_weekdays.as_ref().is_some_and(Vec::is_empty) {
        err(
            out,
            "E028",
            path.key("start_weekdays"),
            "no start weekday is allowed".into(),
            "list at least one, or leave the field out",
        );
    }
    let Some(fixed) = r.fixed_start else { return };
    let days = u64::try_from(r.duration_days.max(1) - 1).unwrap_or(0);
    let end = fixed.checked_add_days(Days::new(days));
    if fixed < r.earliest_start || end.is_none_or(|e| e > r.latest_end) {
        let msg = format!(
            "fixed_start {fixed} with {} day(s) does not fit the window {} … {}",
            r.duration_days, r.earliest_start, r.latest_end
        );
        err(
            out,
            "E021",
            path.key("fixed_start"),
            msg,
            "move fixed_start inside the window, or widen the window",
        );
    }
}

fn check_request_counts(path: &JsonPath, r: &RequestV1, out: &mut Vec<Diagnostic>) {
    let (min, max) = match r.trainers {
        TrainerCountV1::Exact(n) => (n, n),
        TrainerCountV1::Range { min, max } => (min, max.unwrap_or(min)),
    };
    if min == 0 {
        err(
            out,
            "E024",
            path.key("trainers"),
            "a request needs at least one trainer".into(),
            "set the trainer count to 1 or more",
        );
    }
    if min > max {
        let msg = format!("trainers.min ({min}) is greater than trainers.max ({max})");
        err(out, "E023", path.key("trainers"), msg, "make min at most max");
    }
    if r.leads > max {
        let msg = format!(
            "leads ({}) is more than the most trainers allowed ({max})",
            r.leads
        );
        err(
            out,
            "E025",
            path.key("leads"),
            msg,
            "lower leads or raise the trainer count",
        );
    }
    if !(1..=MAX_PRIORITY).contains(&r.priority) {
        let msg = format!("priority is {}; it must be 1 to {MAX_PRIORITY}", r.priority);
        err(
            out,
            "E026",
            path.key("priority"),
            msg,
            "use 1 for normal requests, higher for important ones",
        );
    }
    if max > MAX_TEAM {
        let msg = format!("a team of up to {max} trainers; mtplan staffs at most {MAX_TEAM} per request");
        err(
            out,
            "E036",
            path.key("trainers"),
            msg,
            "split the training into several requests",
        );
    }
    if r.max_same_country == Some(0) {
        err(
            out,
            "E029",
            path.key("max_same_country"),
            "max_same_country is 0: nobody could serve".into(),
            "use 1 or more, or leave it out",
        );
    }
}

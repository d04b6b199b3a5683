//! Checks on a problem as read: references, dates, counts. Every rule reports at its path.

use std::collections::{BTreeMap, BTreeSet};

use super::{Diagnostic, JsonPath};
use crate::format::RawProblem;

mod items;
use items::{check_request, check_trainer};

/// Longest training accepted, in days.
pub const MAX_DURATION: i64 = 366;

/// Longest horizon or window accepted, in days (about three years).
pub const MAX_SPAN_DAYS: i64 = 1100;

/// Highest priority accepted.
pub const MAX_PRIORITY: u32 = 1000;

/// Largest team accepted.
pub const MAX_TEAM: u32 = 100;

/// Largest fare or per diem accepted, in currency units.
pub const MAX_AMOUNT: u64 = 1_000_000;

/// Every error in `raw`, in no particular order.
pub fn check_raw(raw: &RawProblem) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let countries: BTreeSet<&str> = raw.countries.iter().map(|(_, c)| c.code.as_str()).collect();
    let regions: BTreeSet<&str> = raw.countries.iter().map(|(_, c)| c.region.as_str()).collect();
    check_top(raw, &mut out);
    check_countries(raw, &mut out);
    unique_ids(
        raw.trainer_ids.iter().map(|(i, id)| (*i, id.as_str())),
        "trainers",
        &mut out,
    );
    unique_ids(
        raw.request_ids.iter().map(|(i, id)| (*i, id.as_str())),
        "requests",
        &mut out,
    );
    for (i, t) in &raw.trainers {
        check_trainer(
            &JsonPath::root().key("trainers").index(*i),
            t,
            &countries,
            &mut out,
        );
    }
    for (i, r) in &raw.requests {
        check_request(
            &JsonPath::root().key("requests").index(*i),
            r,
            &countries,
            &regions,
            &mut out,
        );
    }
    check_pins(raw, &mut out);
    out
}

fn err(
    out: &mut Vec<Diagnostic>,
    code: &'static str,
    path: JsonPath,
    message: String,
    hint: impl Into<String>,
) {
    out.push(Diagnostic::error(code, path, message, hint));
}

fn check_top(raw: &RawProblem, out: &mut Vec<Diagnostic>) {
    if let Some(h) = raw.horizon {
        check_span(
            h.start,
            h.end,
            JsonPath::root().key("horizon").key("end"),
            "horizon",
            out,
        );
        if h.start > h.end {
            let msg = format!("the horizon ends ({}) before it starts ({})", h.end, h.start);
            err(
                out,
                "E020",
                JsonPath::root().key("horizon"),
                msg,
                "swap `start` and `end`",
            );
        }
    }
    let policy = JsonPath::root().key("policy");
    if raw.policy.start_weekdays.is_empty() {
        err(
            out,
            "E028",
            policy.key("start_weekdays"),
            "no start weekday is allowed".into(),
            "list at least one, e.g. [\"mon\"]",
        );
    }
    check_amount(raw.policy.regional_fare, policy.key("regional_fare"), out);
    check_amount(
        raw.policy.interregional_fare,
        policy.key("interregional_fare"),
        out,
    );
    let mut pairs = BTreeMap::new();
    for (i, c) in &raw.travel_costs {
        let path = JsonPath::root().key("travel_costs").index(*i);
        check_amount(c.cost, path.key("cost"), out);
        if let Some(first) = pairs.insert((c.from.as_str(), c.to.as_str()), *i) {
            let msg = format!(
                "the fare from {} to {} is given twice (first at travel_costs[{first}])",
                c.from, c.to
            );
            err(out, "E010", path.clone(), msg, "keep one entry per direction");
        }
        for (key, code) in [("from", &c.from), ("to", &c.to)] {
            if !raw.countries.iter().any(|(_, k)| &k.code == code) {
                err(
                    out,
                    "E011",
                    path.key(key),
                    format!("unknown country `{code}`"),
                    country_hint(raw),
                );
            }
        }
    }
}

/// E031: a horizon or window of more than about three years is almost surely a typo.
fn check_span(
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    path: JsonPath,
    what: &str,
    out: &mut Vec<Diagnostic>,
) {
    let days = (to - from).num_days() + 1;
    if days > MAX_SPAN_DAYS {
        let msg = format!(
            "the {what} spans {days} days ({from} … {to}); mtplan plans at most {MAX_SPAN_DAYS} days"
        );
        err(
            out,
            "E031",
            path,
            msg,
            "check the years of both dates (a typo such as 9027 for 2027?)",
        );
    }
}

/// E034: an amount too large to be a real fare or per diem.
fn check_amount(amount: u64, path: JsonPath, out: &mut Vec<Diagnostic>) {
    if amount > MAX_AMOUNT {
        let msg = format!("{amount} is more than the largest amount accepted ({MAX_AMOUNT})");
        err(
            out,
            "E034",
            path,
            msg,
            "give the amount in whole currency units, e.g. 1500",
        );
    }
}

fn country_hint(raw: &RawProblem) -> String {
    if raw.countries_given {
        "use a code from the file's `countries` table, or add the country there".to_owned()
    } else {
        "use the ISO 3166 alpha-2 code of a participating Member (e.g. KE), or give a `countries` table"
            .to_owned()
    }
}

fn check_countries(raw: &RawProblem, out: &mut Vec<Diagnostic>) {
    unique_ids(
        raw.countries.iter().map(|(i, c)| (*i, c.code.as_str())),
        "countries",
        out,
    );
    for (i, c) in raw.countries.iter().filter(|_| raw.countries_given) {
        check_amount(
            c.per_diem,
            JsonPath::root().key("countries").index(*i).key("per_diem"),
            out,
        );
        if !(c.code.len() == 2 && c.code.chars().all(|ch| ch.is_ascii_uppercase())) {
            let path = JsonPath::root().key("countries").index(*i).key("code");
            err(
                out,
                "E032",
                path,
                format!("`{}` is not an ISO 3166 alpha-2 code", c.code),
                "use two upper-case letters, e.g. KE",
            );
        }
    }
}

fn unique_ids<'a>(ids: impl Iterator<Item = (usize, &'a str)>, section: &str, out: &mut Vec<Diagnostic>) {
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, id) in ids {
        let key = if section == "countries" { "code" } else { "id" };
        if let Some(prev) = first.get(id) {
            let path = JsonPath::root().key(section).index(i).key(key);
            let msg = format!("duplicate {key} `{id}` (first used at {section}[{prev}])");
            err(
                out,
                "E010",
                path,
                msg,
                format!("give each entry of `{section}` its own {key}"),
            );
        } else {
            first.insert(id, i);
        }
    }
}

fn check_pins(raw: &RawProblem, out: &mut Vec<Diagnostic>) {
    for (i, p) in &raw.pins {
        let path = JsonPath::root().key("pinned").index(*i);
        if !raw.trainer_ids.iter().any(|(_, id)| *id == p.trainer) {
            let msg = format!("unknown trainer `{}`", p.trainer);
            err(
                out,
                "E012",
                path.key("trainer"),
                msg,
                "use the id of a trainer in `trainers`",
            );
        }
        if !raw.request_ids.iter().any(|(_, id)| *id == p.request) {
            let msg = format!("unknown request `{}`", p.request);
            err(
                out,
                "E013",
                path.key("request"),
                msg,
                "use the id of a request in `requests`",
            );
        }
        let Some((_, r)) = raw.requests.iter().find(|(_, r)| r.id == p.request) else {
            continue;
        };
        if let Some(start) = p.start.filter(|s| *s < r.earliest_start || *s > r.latest_end) {
            let msg = format!(
                "pinned start {start} is outside the window of `{}` ({} … {})",
                r.id, r.earliest_start, r.latest_end
            );
            err(
                out,
                "E030",
                path.key("start"),
                msg,
                "pin a start inside the request's window, or leave `start` out",
            );
        }
    }
}

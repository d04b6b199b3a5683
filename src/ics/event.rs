//! One staffed request as an all-day iCalendar event.

use chrono::{DateTime, Utc};
use icalendar::{Class, Component, Event, EventLike, EventStatus};

use crate::model::{Assignment, Backup, CountryCode, Problem, TrainerId};

use super::country_label;

/// The stable UID of an event: the planning year (the horizon's first day), the request and
/// the trainer (`whose = "trainer/KE-031"`) or host country (`whose = "country/KE"`), e.g.
/// `2027-01-01/R-0112/trainer/KE-031@mtplan`. `%`, `/` and `@` inside ids are percent-encoded, so
/// distinct (request, owner) pairs always give distinct UIDs. A new run of the same planning
/// year gives the same UID for the same pair, so a calendar client updates the event (new date,
/// new co-trainers) instead of adding a second one.
pub fn uid(problem: &Problem, request: &str, whose: &str) -> String {
    let (kind, id) = whose.split_once('/').unwrap_or(("", whose));
    format!(
        "{}/{}/{kind}/{}@mtplan",
        problem.horizon.from,
        encode(request),
        encode(id)
    )
}

fn encode(id: &str) -> String {
    id.chars()
        .map(|c| match c {
            '%' => "%25".to_owned(),
            '/' => "%2F".to_owned(),
            '@' => "%40".to_owned(),
            _ => c.to_string(),
        })
        .collect()
}

/// `text` with control characters other than line feeds replaced by spaces (the crate escapes
/// line feeds, commas and semicolons, but a carriage return would break the line structure).
pub(crate) fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect()
}

/// The event in `trainer`'s calendar; the description names the co-trainers.
pub(super) fn for_trainer(
    problem: &Problem,
    a: &Assignment,
    trainer: &TrainerId,
    stamp: DateTime<Utc>,
) -> Event {
    let others: Vec<String> = a
        .trainers
        .iter()
        .filter(|t| *t != trainer)
        .map(|t| trainer_label(problem, t))
        .collect();
    let team = if others.is_empty() {
        "Co-trainers: none".to_owned()
    } else {
        format!("Co-trainers: {}", others.join(", "))
    };
    let whose = format!("trainer/{trainer}");
    base(problem, a, &whose, stamp, &team)
}

/// The tentative event in backup `b`'s calendar: the request they may be called in for, with
/// the members they could replace.
pub(super) fn for_backup(problem: &Problem, a: &Assignment, b: &Backup, stamp: DateTime<Utc>) -> Event {
    let members: Vec<String> = b.replaces.iter().map(|t| trainer_label(problem, t)).collect();
    let team = format!(
        "Backup (tentative): you could stand in for {} if they cannot come",
        members.join(" or ")
    );
    let whose = format!("backup/{}", b.trainer);
    let mut e = base(problem, a, &whose, stamp, &team);
    let title = problem
        .request(&a.request)
        .map_or(a.request.to_string(), |r| format!("{} [{}]", r.title, r.id));
    e.summary(&clean(&format!("Backup: {title}")));
    e.status(EventStatus::Tentative);
    e.class(Class::Private);
    e.done()
}

/// The event in the host country's calendar; the description names every trainer.
pub(super) fn for_country(
    problem: &Problem,
    a: &Assignment,
    host: &CountryCode,
    stamp: DateTime<Utc>,
) -> Event {
    let all: Vec<String> = a.trainers.iter().map(|t| trainer_label(problem, t)).collect();
    let team = format!("Trainers: {}", all.join(", "));
    let whose = format!("country/{host}");
    base(problem, a, &whose, stamp, &team)
}

/// `KE-031 Samuel Otieno (Kenya)`.
fn trainer_label(problem: &Problem, id: &TrainerId) -> String {
    let Some(t) = problem.trainer(id) else {
        return id.to_string();
    };
    let country = problem
        .countries
        .get(&t.country)
        .map_or(t.country.as_str(), |c| c.name.as_str());
    format!("{} {} ({country})", t.id, t.name)
}

fn base(problem: &Problem, a: &Assignment, whose: &str, stamp: DateTime<Utc>, team: &str) -> Event {
    let mut e = Event::new();
    e.uid(&uid(problem, a.request.as_str(), whose));
    e.timestamp(stamp);
    e.starts(a.start);
    // All-day events end on the day after the last day (RFC 5545, 3.6.1).
    e.ends(a.end.succ_opt().unwrap_or(a.end));
    let Some(r) = problem.request(&a.request) else {
        e.summary(&clean(a.request.as_str()));
        return e.done();
    };
    let host = country_label(problem, &r.host);
    let lines = [
        format!("Request {} ({} training)", r.id, r.kind.code()),
        format!("Host: {host}"),
        format!("Organiser: {}", r.organiser),
        format!("Area: {}; language: {}", r.area, r.language),
        format!("Dates: {} to {} ({} days)", a.start, a.end, r.duration_days),
        team.to_owned(),
    ];
    e.summary(&clean(&format!("{} [{}]", r.title, r.id)));
    e.location(&clean(&host));
    e.description(&clean(&lines.join("\n")));
    e.add_property("CATEGORIES", clean(r.area.as_str()));
    e.done()
}

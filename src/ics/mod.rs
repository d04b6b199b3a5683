//! iCalendar output: one calendar per trainer and one per host country, built with the
//! `icalendar` crate.
//!
//! Every staffed request becomes an all-day event (`DTSTART;VALUE=DATE` on its first day,
//! `DTEND;VALUE=DATE` on the day after its last, as RFC 5545 wants for all-day events) in the
//! calendar of each of its trainers and in that of its host country. UIDs are derived from the
//! planning year, the request and the trainer or country (see [`uid`]), so importing a newer
//! plan updates the events already in a calendar instead of duplicating them.
//!
//! A schedule solved with `--backups` also puts each backup's requests in their calendar as
//! tentative events (`STATUS:TENTATIVE`, `CLASS:PRIVATE`, summary "Backup: …", a UID of its
//! own), so a trainer sees the weeks they may be called in.
//!
//! A calendar must hold at least one event (RFC 5545, 3.6), so trainers without assignments
//! and countries hosting no staffed request get no file.

mod event;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Property, ValueType};

use crate::model::{Assignment, Backup, CountryCode, Problem, Schedule, TrainerId};

pub use event::uid;

/// One calendar file, ready to be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarFile {
    /// File name (no folder), e.g. `trainer-KE-031.ics`; safe on every file system.
    pub name: String,
    /// Whose calendar it is, for people (`KE-031 Samuel Otieno`, `Kenya (KE)`).
    pub owner: String,
    /// Number of events in it.
    pub events: usize,
    /// The iCalendar text (CRLF line ends).
    pub text: String,
}

/// Every calendar of a schedule: trainers' first (sorted by trainer id), then host countries'
/// (sorted by country code), each with its events by date. `stamp` becomes every `DTSTAMP`.
pub fn calendars(problem: &Problem, schedule: &Schedule, stamp: DateTime<Utc>) -> Vec<CalendarFile> {
    let mut by_trainer: BTreeMap<&TrainerId, Vec<(&Assignment, Option<&Backup>)>> = BTreeMap::new();
    let mut by_country: BTreeMap<&CountryCode, Vec<&Assignment>> = BTreeMap::new();
    for a in &schedule.scheduled {
        a.trainers
            .iter()
            .for_each(|t| by_trainer.entry(t).or_default().push((a, None)));
        if let Some(r) = problem.request(&a.request) {
            by_country.entry(&r.host).or_default().push(a);
        }
    }
    for c in schedule.backups.iter().flatten() {
        let Some(a) = schedule.scheduled.iter().find(|a| a.request == c.request) else {
            continue;
        };
        for b in &c.backups {
            by_trainer.entry(&b.trainer).or_default().push((a, Some(b)));
        }
    }
    let by_date = |a: &&Assignment, b: &&Assignment| (a.start, &a.request).cmp(&(b.start, &b.request));
    by_trainer
        .values_mut()
        .for_each(|l| l.sort_by(|x, y| by_date(&x.0, &y.0).then(x.1.is_some().cmp(&y.1.is_some()))));
    by_country.values_mut().for_each(|l| l.sort_by(by_date));
    let mut taken = BTreeSet::new();
    let mut files = Vec::new();
    for (trainer, list) in by_trainer {
        let owner = problem
            .trainer(trainer)
            .map_or(trainer.to_string(), |t| format!("{} {}", t.id, t.name));
        let events = list.iter().map(|(a, backup)| match backup {
            None => event::for_trainer(problem, a, trainer, stamp),
            Some(b) => event::for_backup(problem, a, b, stamp),
        });
        let name = file_name("trainer", trainer.as_str(), &mut taken);
        files.push(file(problem, name, owner, events));
    }
    for (country, list) in by_country {
        let owner = country_label(problem, country);
        let events = list
            .iter()
            .map(|a| event::for_country(problem, a, country, stamp));
        let name = file_name("country", country.as_str(), &mut taken);
        files.push(file(problem, name, owner, events));
    }
    files
}

/// `Kenya (KE)`, or the bare code for a country the problem does not name.
pub(crate) fn country_label(problem: &Problem, code: &CountryCode) -> String {
    problem
        .countries
        .get(code)
        .map_or(code.to_string(), |c| format!("{} ({code})", c.name))
}

fn file(
    problem: &Problem,
    name: String,
    owner: String,
    events: impl Iterator<Item = icalendar::Event>,
) -> CalendarFile {
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    cal.append_property((
        "PRODID",
        concat!("-//mtplan//mtplan ", env!("CARGO_PKG_VERSION"), "//EN"),
    ));
    cal.append_property(("CALSCALE", "GREGORIAN"));
    cal.append_property(("METHOD", "PUBLISH"));
    let title = event::clean(&format!("{owner}: Master Trainer Programme plan"));
    let about = event::clean(&problem.name);
    for (key, value) in [
        ("NAME", &title),
        ("X-WR-CALNAME", &title),
        ("X-WR-CALDESC", &about),
    ] {
        // VALUE=TEXT makes the crate escape commas, semicolons and line breaks, as in SUMMARY.
        cal.append_property(Property::new(key, value).append_parameter(ValueType::Text).done());
    }
    let mut count = 0;
    for e in events {
        cal.push(e);
        count += 1;
    }
    CalendarFile {
        name,
        owner,
        events: count,
        text: cal.to_string(),
    }
}

/// `{kind}-{id}.ics` with every character outside `A-Z a-z 0-9 . _ -` replaced by `_`; a name
/// already taken (two ids that differ only in such characters) gets `-2`, `-3` … appended.
fn file_name(kind: &str, id: &str, taken: &mut BTreeSet<String>) -> String {
    let safe: String = id
        .chars()
        .map(|c| match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '.' | '_' | '-' => c,
            _ => '_',
        })
        .collect();
    let stem = format!("{kind}-{safe}");
    let mut name = format!("{stem}.ics");
    let mut n = 1;
    while taken.contains(&name) {
        n += 1;
        name = format!("{stem}-{n}.ics");
    }
    taken.insert(name.clone());
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_and_distinct() {
        let mut taken = BTreeSet::new();
        assert_eq!(file_name("trainer", "KE-031", &mut taken), "trainer-KE-031.ics");
        assert_eq!(file_name("trainer", "a/b", &mut taken), "trainer-a_b.ics");
        assert_eq!(file_name("trainer", "a:b", &mut taken), "trainer-a_b-2.ics");
        assert_eq!(file_name("country", "..", &mut taken), "country-...ics");
    }
}

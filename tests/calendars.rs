//! `mtplan calendars`: every .ics file parses with an independent iCalendar parser (the `ical`
//! crate), holds exactly one all-day event per assignment of its trainer or per staffed request
//! of its host country, with stable and distinct UIDs; the output folder is written all or
//! nothing and never replaces files it did not write.
//!
//! `tests/fixtures/report/default-2027.schedule.json` is the schedule `mtplan solve
//! problems/default-2027.json --reproducible` writes; every test verifies it with the checker
//! before using it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Output};

use chrono::NaiveDate;
use mtplan::model::{Problem, Schedule};

mod common;
use common::{assert_code, default_problem, default_schedule, mtplan, tricky_problem, verified};

fn calendars(problem: &Path, schedule: &Path, dir: &Path, force: bool) -> Output {
    let mut args = vec![
        "calendars",
        problem.to_str().unwrap(),
        schedule.to_str().unwrap(),
        "-o",
        dir.to_str().unwrap(),
    ];
    if force {
        args.push("--force");
    }
    mtplan(&args)
}

/// An event as the independent parser reads it: property name → (parameters, raw value).
type Event = BTreeMap<String, (Vec<(String, Vec<String>)>, String)>;

/// Every calendar in `dir`, by file name, parsed with the `ical` crate.
fn parse_dir(dir: &Path) -> BTreeMap<String, Vec<Event>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let reader = std::io::BufReader::new(std::fs::File::open(&path).expect("open"));
        let cals: Vec<_> = ical::IcalParser::new(reader)
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
        assert_eq!(cals.len(), 1, "{name} holds one calendar");
        let cal = &cals[0];
        let version = cal.properties.iter().find(|p| p.name == "VERSION");
        assert_eq!(version.and_then(|p| p.value.as_deref()), Some("2.0"), "{name}");
        let events = cal
            .events
            .iter()
            .map(|e| {
                e.properties
                    .iter()
                    .map(|p| {
                        let params = p.params.clone().unwrap_or_default();
                        (p.name.clone(), (params, p.value.clone().unwrap_or_default()))
                    })
                    .collect()
            })
            .collect();
        out.insert(name, events);
    }
    out
}

/// RFC 5545 TEXT unescaping (the `ical` crate hands values over as written).
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') | Some('N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn value<'e>(e: &'e Event, name: &str) -> &'e str {
    &e.get(name)
        .unwrap_or_else(|| panic!("event without {name}: {e:?}"))
        .1
}

fn date_value(e: &Event, name: &str) -> NaiveDate {
    let (params, v) = e.get(name).unwrap_or_else(|| panic!("no {name}"));
    assert!(
        params.iter().any(|(k, vs)| k == "VALUE" && vs == &["DATE"]),
        "{name} of an all-day event is a DATE: {params:?}"
    );
    NaiveDate::parse_from_str(v, "%Y%m%d").unwrap_or_else(|_| panic!("{name} `{v}` is not a date"))
}

/// What a calendar event must say about one assignment: (file, start, end exclusive, request id).
fn expected_events(p: &Problem, s: &Schedule) -> BTreeSet<(String, NaiveDate, NaiveDate, String)> {
    let mut out = BTreeSet::new();
    for a in &s.scheduled {
        let after = a.end.succ_opt().unwrap();
        for t in &a.trainers {
            out.insert((format!("trainer-{t}.ics"), a.start, after, a.request.to_string()));
        }
        let host = &p.request(&a.request).unwrap().host;
        out.insert((
            format!("country-{host}.ics"),
            a.start,
            after,
            a.request.to_string(),
        ));
    }
    out
}

fn found_events(cals: &BTreeMap<String, Vec<Event>>) -> BTreeSet<(String, NaiveDate, NaiveDate, String)> {
    let mut out = BTreeSet::new();
    for (file, events) in cals {
        for e in events {
            let summary = unescape(value(e, "SUMMARY"));
            let id = summary
                .rsplit_once(" [")
                .map(|(_, id)| id.trim_end_matches(']'))
                .unwrap();
            let row = (
                file.clone(),
                date_value(e, "DTSTART"),
                date_value(e, "DTEND"),
                id.to_owned(),
            );
            assert!(out.insert(row.clone()), "event listed twice: {row:?}");
        }
    }
    out
}

#[test]
fn every_calendar_parses_and_has_one_event_per_assignment() {
    let (p, s) = verified(&default_problem(), &default_schedule());
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("calendars");
    let out = calendars(&default_problem(), &default_schedule(), &dir, false);
    assert_code(&out, 0, "calendars");
    assert!(
        out.stdout.is_empty(),
        "stdout carries data only, and calendars prints none"
    );
    let cals = parse_dir(&dir);
    let expected = expected_events(&p, &s);
    assert_eq!(found_events(&cals), expected);
    let pairs: usize = s.scheduled.iter().map(|a| a.trainers.len()).sum();
    assert_eq!(expected.len(), pairs + s.scheduled.len());
    // Summary, host and team: the title of the request, its host, and every other trainer.
    for (file, events) in &cals {
        for e in events {
            let summary = unescape(value(e, "SUMMARY"));
            let id = summary.rsplit_once(" [").unwrap().1.trim_end_matches(']');
            let a = s.scheduled.iter().find(|a| a.request.as_str() == id).unwrap();
            let r = p.request(&a.request).unwrap();
            assert_eq!(summary, format!("{} [{}]", r.title, r.id));
            let text = unescape(value(e, "DESCRIPTION"));
            let host = &p.countries[&r.host].name;
            assert!(
                text.contains(&format!("Host: {host} ({})", r.host)),
                "{file}: {text}"
            );
            assert!(text.contains(&format!("Area: {}", r.area)), "{file}: {text}");
            assert!(
                text.contains(&format!("({} training)", r.kind.code())),
                "{file}: {text}"
            );
            for t in &a.trainers {
                let me = format!("trainer-{t}.ics") == *file;
                assert_eq!(
                    text.contains(t.as_str()),
                    !me,
                    "{file} names co-trainer {t}: {text}"
                );
            }
        }
    }
}

#[test]
fn uids_are_stable_across_runs_and_distinct() {
    verified(&default_problem(), &default_schedule());
    let tmp = tempfile::tempdir().unwrap();
    let uids = |dir: &Path| -> BTreeMap<String, Vec<String>> {
        parse_dir(dir)
            .into_iter()
            .map(|(f, events)| (f, events.iter().map(|e| value(e, "UID").to_owned()).collect()))
            .collect()
    };
    let (first, second) = (tmp.path().join("a"), tmp.path().join("b"));
    assert_code(
        &calendars(&default_problem(), &default_schedule(), &first, false),
        0,
        "first run",
    );
    assert_code(
        &calendars(&default_problem(), &default_schedule(), &second, false),
        0,
        "second run",
    );
    let without_stamps = |dir: &Path| -> Vec<(String, String)> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let path = e.unwrap().path();
                let text = std::fs::read_to_string(&path).unwrap();
                let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with("DTSTAMP:")).collect();
                (
                    path.file_name().unwrap().to_string_lossy().into_owned(),
                    kept.join("\n"),
                )
            })
            .collect();
        files.sort();
        files
    };
    assert_eq!(
        without_stamps(&first),
        without_stamps(&second),
        "runs differ only in DTSTAMP"
    );
    let (a, b) = (uids(&first), uids(&second));
    assert_eq!(a, b, "a second run gives the same UIDs, file by file");
    let all: Vec<&String> = a.values().flatten().collect();
    let distinct: BTreeSet<&String> = all.iter().copied().collect();
    assert_eq!(all.len(), distinct.len(), "every event has its own UID");
    assert!(a["trainer-KE-001.ics"].contains(&"2027-01-01/R-0009/trainer/KE-001@mtplan".to_owned()));
}

#[test]
fn texts_with_commas_quotes_and_line_breaks_survive() {
    let tmp = tempfile::tempdir().unwrap();
    let (problem, schedule) = tricky_problem(tmp.path());
    let (p, s) = verified(&problem, &schedule);
    let dir = tmp.path().join("cal");
    assert_code(&calendars(&problem, &schedule, &dir, false), 0, "calendars");
    let cals = parse_dir(&dir);
    assert_eq!(found_events(&cals), expected_events(&p, &s));
    let summaries: BTreeSet<String> = cals
        .values()
        .flatten()
        .map(|e| unescape(value(e, "SUMMARY")))
        .collect();
    let a = &s.scheduled[0];
    let title = &p.request(&a.request).unwrap().title;
    assert!(
        summaries.contains(&format!("{title} [{}]", a.request)),
        "{summaries:?}"
    );
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&path).unwrap(),
            )
        })
        .collect()
}

fn no_staging_left(parent: &Path) {
    for e in std::fs::read_dir(parent).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!name.starts_with(".mtplan-"), "staging folder {name} left behind");
    }
}

#[test]
fn the_output_folder_is_replaced_whole_and_only_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let (problem, schedule) = tricky_problem(tmp.path());
    let dir = tmp.path().join("cal");
    // An earlier run's calendars: refused without --force, untouched.
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("trainer-GONE.ics"), "stale").unwrap();
    let before = snapshot(&dir);
    let out = calendars(&problem, &schedule, &dir, false);
    assert_code(&out, 2, "calendars into a folder of earlier calendars");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(snapshot(&dir), before);
    // With --force the folder is replaced as a whole: the stale calendar is gone.
    assert_code(
        &calendars(&problem, &schedule, &dir, true),
        0,
        "calendars --force",
    );
    let after = snapshot(&dir);
    assert!(!after.contains_key("trainer-GONE.ics"), "{:?}", after.keys());
    assert!(after.keys().all(|k| k.ends_with(".ics")) && after.len() > 1);
    no_staging_left(tmp.path());
}

#[test]
fn a_folder_with_other_files_or_a_file_is_never_touched() {
    let tmp = tempfile::tempdir().unwrap();
    let (problem, schedule) = tricky_problem(tmp.path());
    // The folder holding the inputs themselves: refused even with --force.
    let before = snapshot(tmp.path());
    for force in [false, true] {
        let out = calendars(&problem, &schedule, tmp.path(), force);
        assert_code(&out, 2, "calendars into the inputs' folder");
        assert!(String::from_utf8_lossy(&out.stderr).contains("holds other files"));
        assert_eq!(snapshot(tmp.path()), before);
    }
    // A regular file as the folder.
    let out = calendars(&problem, &schedule, &schedule, true);
    assert_code(&out, 2, "calendars into a file");
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a folder"));
    assert_eq!(snapshot(tmp.path()), before);
}

#[test]
fn a_schedule_that_breaks_rules_or_does_not_parse_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (problem, schedule) = tricky_problem(tmp.path());
    let (p, mut s) = verified(&problem, &schedule);
    // Move a training by one day: its start is no longer an allowed start (a Monday).
    s.scheduled[0].start = s.scheduled[0].start.succ_opt().unwrap();
    s.scheduled[0].end = s.scheduled[0].end.succ_opt().unwrap();
    assert!(!mtplan::checker::check(&p, &s).is_empty());
    let bad = tmp.path().join("moved.json");
    std::fs::write(&bad, mtplan::format::schedule_to_json(&p, &s, false)).unwrap();
    let dir = tmp.path().join("cal");
    let out = calendars(&problem, &bad, &dir, false);
    assert_code(&out, 1, "calendars of a schedule that breaks rules");
    assert!(String::from_utf8_lossy(&out.stderr).contains("mtplan verify"));
    assert!(!dir.exists());
    let garbage = tmp.path().join("garbage.json");
    std::fs::write(&garbage, "{\"scheduled\": 3}").unwrap();
    let out = calendars(&problem, &garbage, &dir, false);
    assert_code(&out, 2, "calendars of a file that is no schedule");
    assert!(String::from_utf8_lossy(&out.stderr).contains("garbage.json"));
    assert!(!dir.exists());
    no_staging_left(tmp.path());
}

#[test]
fn help_of_calendars_and_report_names_their_arguments() {
    for (command, usage) in [
        (
            "calendars",
            "Usage: mtplan calendars [OPTIONS] --output <DIR> <PROBLEM> <SCHEDULE>",
        ),
        (
            "report",
            "Usage: mtplan report [OPTIONS] --output <FILE> <PROBLEM> <SCHEDULE>",
        ),
    ] {
        let out = mtplan(&[command, "--help"]);
        assert_code(&out, 0, &format!("{command} --help"));
        let text = String::from_utf8_lossy(&out.stdout);
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        assert!(lines.contains(&usage), "{text}");
        assert!(
            lines.contains(&"<SCHEDULE>  Schedule file (JSON), as written by `solve`"),
            "{text}"
        );
    }
}

#[test]
fn the_current_folder_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let (problem, schedule) = tricky_problem(tmp.path());
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mtplan"))
        .current_dir(&empty)
        .args([
            "calendars",
            problem.to_str().unwrap(),
            schedule.to_str().unwrap(),
            "-o",
            ".",
        ])
        .output()
        .unwrap();
    assert_code(&out, 2, "calendars -o .");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: . is the current or the root folder; write the calendars to a new folder inside it\n"
    );
    assert_eq!(std::fs::read_dir(&empty).unwrap().count(), 0);
}

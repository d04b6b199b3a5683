//! Backups (`solve --backups`), by laws checked with the independent checker alone: every
//! named backup, swapped into the schedule for each member it claims to replace, leaves a
//! schedule with no broken rule (C1–C9) and the claimed cost change; every swap that the checker
//! accepts is found (brute force over every trainer and member); the ranking is by cost change,
//! then budget left; the schedule is the same with and without backups; and `verify` flags a
//! backup that could not stand in, with its rule.

mod common;

use std::collections::BTreeSet;

use rayon::prelude::*;

use mtplan::checker::{self, Rule};
use mtplan::generate::{generate, Spec};
use mtplan::model::{Problem, Schedule, TrainerId};
use mtplan::{plan, solver, validate};

fn generated(spec: &Spec) -> Problem {
    let json = serde_json::to_string(&generate(spec)).expect("json");
    validate::parse_problem(json.as_bytes(), "gen.json")
        .expect("valid")
        .problem
}

fn problems() -> Vec<(String, Problem)> {
    let default = mtplan::input::load_problem(&common::default_problem())
        .expect("default")
        .problem;
    let mut out = vec![("default-2027".to_owned(), default)];
    out.push(("gen 40x60 seed 2".into(), generated(&Spec::new(40, 60, 2))));
    for family in ["tight", "teams", "mixed"] {
        let spec = Spec::family(family, 50, 70, 3).expect("family");
        out.push((format!("{family} 50x70 seed 3"), generated(&spec)));
    }
    out
}

/// `s` with `backup` in place of `member` on request `index`, no claims left to check but the
/// rules (objective and backups dropped).
fn swapped(s: &Schedule, index: usize, member: &TrainerId, backup: &TrainerId) -> Schedule {
    let mut t = s.clone();
    t.objective = None;
    t.backups = None;
    let team = &mut t.scheduled[index].trainers;
    team.retain(|x| x != member);
    team.push(backup.clone());
    team.sort();
    t
}

/// The rules a swap breaks, pins left out (a member who cannot come cannot hold a pin).
fn broken(p: &Problem, s: &Schedule) -> Vec<checker::Violation> {
    checker::check(p, s)
        .into_iter()
        .filter(|v| v.rule != Rule::C10Pin)
        .collect()
}

/// Every (request index, backup, member) swap the checker accepts, by brute force. Trainers
/// without the request's area are skipped: the checker rejects them by C1 whatever else holds.
fn accepted_swaps(p: &Problem, s: &Schedule) -> BTreeSet<(usize, TrainerId, TrainerId)> {
    let jobs: Vec<(usize, &TrainerId, &TrainerId)> = s
        .scheduled
        .iter()
        .enumerate()
        .flat_map(|(i, a)| {
            let r = p.request(&a.request).expect("request");
            p.trainers
                .iter()
                .filter(move |b| b.expertise.contains_key(&r.area) && !a.trainers.contains(&b.id))
                .flat_map(move |b| a.trainers.iter().map(move |m| (i, &b.id, m)))
        })
        .collect();
    jobs.into_par_iter()
        .filter(|(i, b, m)| broken(p, &swapped(s, *i, m, b)).is_empty())
        .map(|(i, b, m)| (i, b.clone(), m.clone()))
        .collect()
}

#[test]
fn every_named_backup_stands_in_and_every_possible_one_is_named() {
    for (name, p) in problems() {
        let base = plan::solve(&p, &solver::Options::default()).expect("solves");
        assert!(broken(&p, &base).is_empty());
        let all = plan::with_backups(&p, base.clone(), usize::MAX).expect("backups verified");
        let two = plan::with_backups(&p, base.clone(), 2).expect("backups verified");
        assert!(
            checker::check(&p, &two).is_empty(),
            "{name}: the checker accepts them"
        );
        let cost = checker::recompute(&p, &base).cost as i64;
        let mut named = BTreeSet::new();
        let covers = all.backups.as_ref().expect("backups");
        assert_eq!(
            covers.len(),
            base.scheduled.len(),
            "{name}: one cover per staffed request"
        );
        for (i, (a, c)) in base.scheduled.iter().zip(covers).enumerate() {
            assert_eq!(a.request, c.request);
            assert_eq!(
                c.backups.is_empty(),
                c.none.is_some(),
                "{name} {}: a reason iff none",
                a.request
            );
            for b in &c.backups {
                let mut cheapest = i64::MAX;
                for m in &b.replaces {
                    let t = swapped(&base, i, m, &b.trainer);
                    let v = broken(&p, &t);
                    assert!(
                        v.is_empty(),
                        "{name}: {} for {m} on {}: {v:?}",
                        b.trainer,
                        a.request
                    );
                    cheapest = cheapest.min(checker::recompute(&p, &t).cost as i64 - cost);
                    named.insert((i, b.trainer.clone(), m.clone()));
                }
                assert_eq!(b.cost_change, cheapest, "{name}: cost change of {}", b.trainer);
            }
            let keys: Vec<(i64, i64)> = c
                .backups
                .iter()
                .map(|b| (b.cost_change, -i64::from(b.days_left)))
                .collect();
            assert!(
                keys.windows(2).all(|w| w[0] <= w[1]),
                "{name} {}: ranked",
                a.request
            );
            let top: Vec<&TrainerId> = c.backups.iter().take(2).map(|b| &b.trainer).collect();
            let two_named: Vec<&TrainerId> = two.backups.as_ref().expect("two")[i]
                .backups
                .iter()
                .map(|b| &b.trainer)
                .collect();
            assert_eq!(
                top, two_named,
                "{name} {}: --backups 2 names the best two",
                a.request
            );
        }
        assert_eq!(
            named,
            accepted_swaps(&p, &base),
            "{name}: every accepted swap is named"
        );
        assert_eq!(two.scheduled, base.scheduled, "{name}: the schedule is unchanged");
    }
}

#[test]
fn the_schedule_file_is_the_same_with_and_without_backups() {
    let dir = tempfile::tempdir().expect("dir");
    let problem = common::default_problem();
    let p = problem.display().to_string();
    let without = dir.path().join("without.json");
    let with = dir.path().join("with.json");
    let out = common::mtplan(&[
        "solve",
        &p,
        "-o",
        &without.display().to_string(),
        "--reproducible",
        "-q",
    ]);
    common::assert_code(&out, 0, "solve");
    let args = [
        "solve",
        &p,
        "-o",
        &with.display().to_string(),
        "--reproducible",
        "-q",
        "--backups",
    ];
    let out = common::mtplan(&args);
    common::assert_code(&out, 0, "solve --backups");
    assert!(String::from_utf8_lossy(&out.stdout).contains("staffed requests have one"));
    let text = std::fs::read_to_string(&without).expect("without");
    assert!(!text.contains("backups"), "no backups key without the flag");
    let mut a: serde_json::Value = serde_json::from_str(&text).expect("json");
    let mut b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&with).expect("with")).expect("json");
    let mut named = 0;
    for s in b["scheduled"].as_array_mut().expect("list") {
        let o = s.as_object_mut().expect("object");
        named += o
            .remove("backups")
            .and_then(|v| v.as_array().map(Vec::len))
            .expect("backups");
        o.remove("no_backup");
    }
    assert!(named > 0);
    a["settings"] = serde_json::Value::Null;
    b["settings"] = serde_json::Value::Null;
    assert_eq!(a, b, "the same schedule, backups aside");
    let (loaded, schedule) = common::verified(&problem, &with);
    assert!(checker::check_backups(&loaded, &schedule).is_empty());
}

#[test]
fn verify_flags_a_backup_that_could_not_stand_in_with_its_rule() {
    let dir = tempfile::tempdir().expect("dir");
    let problem = common::default_problem();
    let with = dir.path().join("with.json");
    let args = [
        "solve",
        &problem.display().to_string(),
        "-o",
        &with.display().to_string(),
        "-q",
        "--backups",
        "1",
    ];
    common::assert_code(&common::mtplan(&args), 0, "solve --backups 1");
    let (p, _) = common::verified(&problem, &with);
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&with).expect("with")).expect("json");
    let first = &mut json["scheduled"][0];
    let r = p
        .request(&mtplan::model::RequestId(
            first["request"].as_str().expect("id").into(),
        ))
        .expect("r");
    let outsider = p
        .trainers
        .iter()
        .find(|t| !t.expertise.contains_key(&r.area))
        .expect("outsider");
    first["backups"][0]["trainer"] = serde_json::Value::String(outsider.id.as_str().into());
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, serde_json::to_string(&json).expect("json")).expect("write");
    let out = common::mtplan(&[
        "verify",
        &problem.display().to_string(),
        &bad.display().to_string(),
    ]);
    common::assert_code(&out, 1, "verify of a bad backup");
    let text = String::from_utf8_lossy(&out.stdout);
    let line = format!(
        "C1 request {} trainer {}: backup {} for",
        r.id, outsider.id, outsider.id
    );
    assert!(text.contains(&line), "{text}");
}

#[test]
fn replan_rechecks_the_baselines_backups_and_names_new_ones() {
    let dir = tempfile::tempdir().expect("dir");
    let raw = generate(&Spec::new(40, 60, 4));
    let (_, published, _, s) = solved_with_backups(dir.path(), &raw, &[]);
    let path = |p: &std::path::Path| p.display().to_string();
    let covers = s.backups.expect("backups");
    let named: usize = covers.iter().map(|c| c.backups.len()).sum();
    // The trainer named most often as a backup leaves.
    let mut count = std::collections::BTreeMap::<&TrainerId, usize>::new();
    covers
        .iter()
        .flat_map(|c| &c.backups)
        .for_each(|b| *count.entry(&b.trainer).or_default() += 1);
    let (gone, times) = count
        .into_iter()
        .max_by_key(|(t, n)| (*n, std::cmp::Reverse(*t)))
        .expect("one");
    let mut changed = raw.clone();
    changed.trainers.retain(|t| t.id != gone.as_str());
    changed.pinned.retain(|x| x.trainer != gone.as_str());
    let changed_file = dir.path().join("changed.json");
    std::fs::write(&changed_file, serde_json::to_string(&changed).expect("json")).expect("write");
    let new = dir.path().join("new.json");
    let args = [
        "replan",
        &path(&changed_file),
        "--baseline",
        &path(&published),
        "-o",
        &path(&new),
        "-q",
        "--backups",
    ];
    let out = common::mtplan(&args);
    common::assert_code(&out, 0, "replan --backups");
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find(|l| l.starts_with("backups "))
        .expect("backups line");
    let standing: usize = line
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .expect("count");
    assert!(
        line.ends_with(&format!(
            "of the baseline's {named} still stand in the new schedule"
        )),
        "{line}"
    );
    assert!(
        standing + times <= named,
        "{gone} was named {times} times and left: {line}"
    );
    let (q, t) = common::verified(&changed_file, &new);
    assert!(t.backups.is_some() && checker::check_backups(&q, &t).is_empty());
}

#[test]
fn backups_are_tentative_events_in_their_calendars_and_rows_of_the_workbook() {
    let dir = tempfile::tempdir().expect("dir");
    let raw = generate(&Spec::new(30, 40, 6));
    let (problem, schedule, p, s) = solved_with_backups(dir.path(), &raw, &["3"]);
    let path = |p: &std::path::Path| p.display().to_string();
    let cals = dir.path().join("cals");
    let out = common::mtplan(&["calendars", &path(&problem), &path(&schedule), "-o", &path(&cals)]);
    common::assert_code(&out, 0, "calendars");
    let covers = s.backups.as_ref().expect("backups");
    let mut rows = 0;
    for t in &p.trainers {
        let own = s.scheduled.iter().filter(|a| a.trainers.contains(&t.id)).count();
        let backup = covers
            .iter()
            .filter(|c| c.backups.iter().any(|b| b.trainer == t.id))
            .count();
        rows += backup;
        let file = cals.join(format!("trainer-{}.ics", t.id));
        if own + backup == 0 {
            assert!(!file.exists(), "{} has no events and no calendar", t.id);
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("calendar");
        assert_eq!(text.matches("BEGIN:VEVENT").count(), own + backup, "{}", t.id);
        assert_eq!(text.matches("STATUS:TENTATIVE").count(), backup, "{}", t.id);
        assert_eq!(text.matches("SUMMARY:Backup: ").count(), backup, "{}", t.id);
    }
    assert!(rows > 0, "some backup is named");
    let sheet = mtplan::workbook::backups::sheet(&p, &s).expect("a backups sheet");
    let without = covers.iter().filter(|c| c.backups.is_empty()).count();
    assert_eq!(sheet.rows.len(), rows + without);
}

#[test]
fn backups_0_and_a_cost_slack_out_of_range_are_refused_with_exit_2() {
    let problem = common::default_problem();
    let p = problem.display().to_string();
    for (args, says) in [
        (vec!["solve", &p, "--backups", "0"], "--backups 0 names no backup"),
        (
            vec!["solve", &p, "--balance", "--cost-slack", "1.5"],
            "--cost-slack 1.5 is not a share",
        ),
    ] {
        let out = common::mtplan(&args);
        common::assert_code(&out, 2, &args.join(" "));
        assert!(String::from_utf8_lossy(&out.stderr).contains(says), "{args:?}");
        assert!(out.stdout.is_empty());
    }
}

/// Writes `raw` into `dir` and solves it with `--backups` and `extra` arguments: the problem
/// file, the schedule file, and both read back with the schedule verified.
fn solved_with_backups(
    dir: &std::path::Path,
    raw: &mtplan::format::problem_v1::ProblemOut,
    extra: &[&str],
) -> (std::path::PathBuf, std::path::PathBuf, Problem, Schedule) {
    let problem = dir.join("problem.json");
    std::fs::write(&problem, serde_json::to_string(raw).expect("json")).expect("write");
    let schedule = dir.join("schedule.json");
    let (p, s) = (problem.display().to_string(), schedule.display().to_string());
    let mut args = vec!["solve", &p, "-o", &s, "-q", "--backups"];
    args.extend_from_slice(extra);
    common::assert_code(&common::mtplan(&args), 0, "solve --backups");
    let (problem_read, schedule_read) = common::verified(&problem, &schedule);
    (problem, schedule, problem_read, schedule_read)
}

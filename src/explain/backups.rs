//! Backups: for each staffed request, the trainers not on its team who could stand in for a
//! team member without breaking a rule of the schedule, ranked; and, where nobody can, why.
//!
//! A trainer `b` can stand in for member `m` of the team of request `r` held from `s` when
//! C1–C5 hold for `b` on `r` at `s`, the team with `b` in place of `m` meets C6 (leads) and C7
//! (same country), `b`'s own assignments leave the free days C8 asks around `r`, and `b`'s
//! budget has room for `r`'s days (C9). Pins (C10) are not asked: a member who cannot come
//! cannot hold a pin either. The schedule itself is not changed. Backups are ranked by the
//! cost change of their cheapest swap, then by the budget days they have left, then by id.
//!
//! The independent checker verifies every named backup with its own code
//! (`checker::check_backups`).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::words::{area_name, id_list, language_name};
use crate::eligibility::{free_at, is_lead, static_check, Exclusion};
use crate::model::{Assignment, Backup, Cover, Problem, Request, Schedule, Trainer, TrainerId};

/// Each trainer's trainings in `schedule`: (first day, last day) per trainer index.
struct Load {
    busy: Vec<Vec<(NaiveDate, NaiveDate)>>,
    days: Vec<u32>,
}

impl Load {
    fn of(problem: &Problem, schedule: &Schedule) -> Self {
        let index: BTreeMap<&TrainerId, usize> = problem
            .trainers
            .iter()
            .enumerate()
            .map(|(i, t)| (&t.id, i))
            .collect();
        let mut load = Load {
            busy: vec![Vec::new(); problem.trainers.len()],
            days: vec![0; problem.trainers.len()],
        };
        for a in &schedule.scheduled {
            let duration = problem.request(&a.request).map_or(0, |r| r.duration_days);
            for t in a.trainers.iter().filter_map(|t| index.get(t)) {
                load.busy[*t].push((a.start, a.end));
                load.days[*t] += duration;
            }
        }
        load
    }
}

/// Why one candidate cannot stand in: the rule's number and its words.
type Why = (&'static str, String);

/// Backups for every staffed request of `schedule`, at most `n` each, sorted by request id.
pub fn backups(problem: &Problem, schedule: &Schedule, n: usize) -> Vec<Cover> {
    let load = Load::of(problem, schedule);
    let mut covers: Vec<Cover> = schedule
        .scheduled
        .iter()
        .filter_map(|a| Some(cover(problem, &load, a, problem.request(&a.request)?, n)))
        .collect();
    covers.sort();
    covers
}

fn cover(problem: &Problem, load: &Load, a: &Assignment, r: &Request, n: usize) -> Cover {
    let team: Vec<&Trainer> = a.trainers.iter().filter_map(|t| problem.trainer(t)).collect();
    let mut found = Vec::new();
    let mut ruled_out: Vec<(&Trainer, Why)> = Vec::new();
    for (i, b) in problem.trainers.iter().enumerate() {
        if a.trainers.contains(&b.id) {
            continue;
        }
        match stand_in(problem, load, i, b, r, a, &team) {
            Ok(backup) => found.push(backup),
            Err(why) => ruled_out.push((b, why)),
        }
    }
    found.sort_by(|x, y| {
        (x.cost_change, std::cmp::Reverse(x.days_left), &x.trainer).cmp(&(
            y.cost_change,
            std::cmp::Reverse(y.days_left),
            &y.trainer,
        ))
    });
    found.truncate(n);
    let none = found
        .is_empty()
        .then(|| super::reason("no_backup", no_backup_text(r, &ruled_out)));
    Cover {
        request: r.id.clone(),
        backups: found,
        none,
    }
}

/// Whether trainer `b` (index `i`) can stand in on `a`, and for whom; or the first rule that
/// keeps them off.
fn stand_in(
    problem: &Problem,
    load: &Load,
    i: usize,
    b: &Trainer,
    r: &Request,
    a: &Assignment,
    team: &[&Trainer],
) -> Result<Backup, Why> {
    fits(problem, load, i, b, r, a)?;
    let mut replaces = Vec::new();
    let mut cheapest = i64::MAX;
    let mut last_why = None;
    for m in team {
        let swapped: Vec<&Trainer> = team.iter().filter(|t| t.id != m.id).copied().chain([b]).collect();
        match team_rules(r, &swapped, m) {
            Ok(()) => {
                replaces.push(m.id.clone());
                let change = problem.assignment_cost(b, r) as i64 - problem.assignment_cost(m, r) as i64;
                cheapest = cheapest.min(change);
            }
            Err(why) => last_why = Some(why),
        }
    }
    if replaces.is_empty() {
        return Err(last_why.unwrap_or(("C6", "no team member to replace".to_owned())));
    }
    replaces.sort();
    Ok(Backup {
        trainer: b.id.clone(),
        replaces,
        cost_change: cheapest,
        days_left: problem.budget(b).saturating_sub(load.days[i]),
    })
}

/// C1–C5, C8 and C9 for `b` on `a`, whoever they replace.
fn fits(
    problem: &Problem,
    load: &Load,
    i: usize,
    b: &Trainer,
    r: &Request,
    a: &Assignment,
) -> Result<(), Why> {
    static_check(problem, b, r).map_err(|e| excluded(e, r))?;
    if !free_at(b, r, a.start) {
        return Err(("C5", "unavailable on its days".to_owned()));
    }
    let gap = i64::from(problem.policy.min_gap_days);
    let clash = load.busy[i].iter().any(|&(first, last)| {
        let (free_after, free_before) = ((a.start - last).num_days() - 1, (first - a.end).num_days() - 1);
        free_after < gap && free_before < gap
    });
    if clash {
        return Err(("C8", format!("another training within {gap} free day(s)")));
    }
    let left = problem.budget(b).saturating_sub(load.days[i]);
    if left < r.duration_days {
        return Err((
            "C9",
            format!(
                "{left} budget day(s) left, the training lasts {}",
                r.duration_days
            ),
        ));
    }
    Ok(())
}

/// C6 and C7 for the team `swapped` (with the backup in place of `m`).
fn team_rules(r: &Request, swapped: &[&Trainer], m: &Trainer) -> Result<(), Why> {
    let leads = swapped.iter().filter(|t| is_lead(t, r)).count() as u32;
    if leads < r.leads {
        return Err(("C6", format!("not an ace lead in place of {}", m.id)));
    }
    if let Some(cap) = r.max_same_country {
        let mut per_country: BTreeMap<_, u32> = BTreeMap::new();
        for t in swapped {
            *per_country.entry(&t.country).or_default() += 1;
        }
        if per_country.values().any(|&k| k > cap) {
            return Err((
                "C7",
                format!("more than {cap} from one country in place of {}", m.id),
            ));
        }
    }
    Ok(())
}

fn excluded(e: Exclusion, r: &Request) -> Why {
    let why = match e {
        Exclusion::Area => format!("does not hold {}", area_name(r.area.as_str())),
        Exclusion::Language => format!("does not work in {}", language_name(r.language.as_str())),
        Exclusion::Region => "region not accepted".to_owned(),
        Exclusion::NoTravel => "does not travel".to_owned(),
    };
    (e.constraint(), why)
}

/// "no trainer outside the team can stand in; holders of the area ruled out: C2 (does not work
/// in French): A, B; C8 (…): C"; trainers without the area are counted, not listed.
fn no_backup_text(r: &Request, ruled_out: &[(&Trainer, Why)]) -> String {
    let mut groups: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
    let mut without_area = 0;
    for (t, (rule, why)) in ruled_out {
        if *rule == "C1" {
            without_area += 1;
            continue;
        }
        groups
            .entry((rule, why.as_str()))
            .or_default()
            .push(t.id.as_str());
    }
    let mut text = "no trainer outside the team can stand in".to_owned();
    if !groups.is_empty() {
        let listed: Vec<String> = groups
            .iter()
            .map(|((rule, why), ids)| format!("{rule} ({why}): {}", id_list(ids)))
            .collect();
        text.push_str(&format!("; holders of the area ruled out: {}", listed.join("; ")));
    }
    if without_area > 0 {
        text.push_str(&format!(
            "; {without_area} other trainer(s) do not hold {}",
            area_name(r.area.as_str())
        ));
    }
    text
}

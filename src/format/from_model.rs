//! The way back: a model problem as problem-file structures (v1), so that an edited problem
//! (a what-if scenario) can be written out and validated again by the ordinary loader.

use chrono::Weekday;

use super::problem_v1::*;
use crate::model::*;

/// The problem as file structures. Loading its JSON gives back an equal [`Problem`].
pub fn to_file(problem: &Problem) -> ProblemOut {
    let mut travel_costs: Vec<TravelCostV1> = problem
        .fares
        .between
        .iter()
        .map(|((from, to), cost)| TravelCostV1 {
            from: from.0.clone(),
            to: to.0.clone(),
            cost: *cost,
        })
        .collect();
    travel_costs.sort_by(|a, b| (&a.from, &a.to).cmp(&(&b.from, &b.to)));
    ProblemOut {
        name: problem.name.clone(),
        horizon: RangeV1 {
            start: problem.horizon.from,
            end: problem.horizon.to,
        },
        policy: PolicyV1 {
            min_gap_days: problem.policy.min_gap_days,
            max_days: problem.policy.max_days,
            start_weekdays: problem
                .policy
                .start_weekdays
                .iter()
                .map(|w| weekday(*w))
                .collect(),
            regional_fare: problem.fares.regional,
            interregional_fare: problem.fares.interregional,
        },
        countries: Some(problem.countries.values().map(country).collect()),
        travel_costs,
        trainers: problem.trainers.iter().map(trainer).collect(),
        requests: problem.requests.iter().map(request).collect(),
        pinned: problem.pins.iter().map(pin).collect(),
    }
}

/// The file weekday of a chrono weekday.
pub fn weekday(w: Weekday) -> WeekdayV1 {
    match w {
        Weekday::Mon => WeekdayV1::Mon,
        Weekday::Tue => WeekdayV1::Tue,
        Weekday::Wed => WeekdayV1::Wed,
        Weekday::Thu => WeekdayV1::Thu,
        Weekday::Fri => WeekdayV1::Fri,
        Weekday::Sat => WeekdayV1::Sat,
        Weekday::Sun => WeekdayV1::Sun,
    }
}

fn country(c: &Country) -> CountryV1 {
    CountryV1 {
        code: c.code.0.clone(),
        name: c.name.clone(),
        region: c.region.0.clone(),
        per_diem: c.per_diem,
    }
}

fn trainer(t: &Trainer) -> TrainerV1 {
    TrainerV1 {
        id: t.id.0.clone(),
        name: t.name.clone(),
        country: t.country.0.clone(),
        languages: t.languages.iter().map(|l| l.0.clone()).collect(),
        expertise: t
            .expertise
            .iter()
            .map(|(area, level)| ExpertiseV1 {
                area: area.0.clone(),
                level: match level {
                    Level::Mt => LevelV1::Mt,
                    Level::Ace => LevelV1::Ace,
                },
            })
            .collect(),
        max_days: t.max_days,
        unavailable: t
            .unavailable
            .iter()
            .map(|u| PeriodV1 {
                from: u.from,
                to: u.to,
            })
            .collect(),
        travels: t.travels,
    }
}

fn request(r: &Request) -> RequestV1 {
    RequestV1 {
        id: r.id.0.clone(),
        title: r.title.clone(),
        kind: match r.kind {
            Kind::National => KindV1::National,
            Kind::Regional => KindV1::Regional,
            Kind::Refresher => KindV1::Refresher,
            Kind::Partner => KindV1::Partner,
        },
        host: r.host.0.clone(),
        organiser: r.organiser.clone(),
        area: r.area.0.clone(),
        language: r.language.0.clone(),
        duration_days: i64::from(r.duration_days),
        earliest_start: r.earliest_start,
        latest_end: r.latest_end,
        start_weekdays: r
            .start_weekdays
            .as_ref()
            .map(|ws| ws.iter().map(|w| weekday(*w)).collect()),
        fixed_start: r.fixed_start,
        trainers: if r.trainers_min == r.trainers_max {
            TrainerCountV1::Exact(r.trainers_min)
        } else {
            TrainerCountV1::Range {
                min: r.trainers_min,
                max: Some(r.trainers_max),
            }
        },
        leads: r.leads,
        priority: r.priority,
        regions: r
            .regions
            .as_ref()
            .map(|rs| rs.iter().map(|g| g.0.clone()).collect()),
        max_same_country: r.max_same_country,
    }
}

fn pin(p: &Pin) -> PinV1 {
    PinV1 {
        request: p.request.0.clone(),
        trainer: p.trainer.0.clone(),
        start: p.start,
    }
}

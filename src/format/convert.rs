//! Conversion between file structures (v1) and the model, both ways.

use std::collections::BTreeMap;

use chrono::Weekday;

use super::problem_v1::*;
use super::raw::RawProblem;
use crate::model::*;

/// Builds the model from a raw problem that passed validation.
pub fn to_model(raw: &RawProblem) -> Problem {
    let horizon = raw.horizon.map_or_else(
        || DateRange::new(chrono::NaiveDate::MIN, chrono::NaiveDate::MIN),
        |h| DateRange::new(h.start, h.end),
    );
    let mut between = BTreeMap::new();
    for (_, c) in &raw.travel_costs {
        let (from, to) = (CountryCode(c.from.clone()), CountryCode(c.to.clone()));
        between.entry((to.clone(), from.clone())).or_insert(c.cost);
        between.insert((from, to), c.cost);
    }
    Problem {
        name: raw.name.clone(),
        horizon,
        policy: Policy {
            min_gap_days: raw.policy.min_gap_days,
            max_days: raw.policy.max_days,
            start_weekdays: raw.policy.start_weekdays.iter().map(|w| weekday(*w)).collect(),
        },
        countries: raw
            .countries
            .iter()
            .map(|(_, c)| (CountryCode(c.code.clone()), country(c)))
            .collect(),
        fares: Fares {
            regional: raw.policy.regional_fare,
            interregional: raw.policy.interregional_fare,
            between,
        },
        trainers: raw.trainers.iter().map(|(_, t)| trainer(t)).collect(),
        requests: raw.requests.iter().map(|(_, r)| request(r)).collect(),
        pins: raw.pins.iter().map(|(_, p)| pin(p)).collect(),
    }
}

fn country(c: &CountryV1) -> Country {
    Country {
        code: CountryCode(c.code.clone()),
        name: c.name.clone(),
        region: Region(c.region.clone()),
        per_diem: c.per_diem,
    }
}

/// The chrono weekday of a file weekday.
pub fn weekday(w: WeekdayV1) -> Weekday {
    match w {
        WeekdayV1::Mon => Weekday::Mon,
        WeekdayV1::Tue => Weekday::Tue,
        WeekdayV1::Wed => Weekday::Wed,
        WeekdayV1::Thu => Weekday::Thu,
        WeekdayV1::Fri => Weekday::Fri,
        WeekdayV1::Sat => Weekday::Sat,
        WeekdayV1::Sun => Weekday::Sun,
    }
}

fn trainer(t: &TrainerV1) -> Trainer {
    let level = |l: LevelV1| match l {
        LevelV1::Mt => Level::Mt,
        LevelV1::Ace => Level::Ace,
    };
    Trainer {
        id: TrainerId(t.id.clone()),
        name: t.name.clone(),
        country: CountryCode(t.country.clone()),
        languages: t.languages.iter().map(|l| Language(l.clone())).collect(),
        expertise: t
            .expertise
            .iter()
            .map(|e| (Area(e.area.clone()), level(e.level)))
            .collect(),
        max_days: t.max_days,
        unavailable: t
            .unavailable
            .iter()
            .map(|u| DateRange::new(u.from, u.to))
            .collect(),
        travels: t.travels,
    }
}

fn request(r: &RequestV1) -> Request {
    let (min, max) = match r.trainers {
        TrainerCountV1::Exact(n) => (n, n),
        TrainerCountV1::Range { min, max } => (min, max.unwrap_or(min)),
    };
    Request {
        id: RequestId(r.id.clone()),
        title: r.title.clone(),
        kind: match r.kind {
            KindV1::National => Kind::National,
            KindV1::Regional => Kind::Regional,
            KindV1::Refresher => Kind::Refresher,
            KindV1::Partner => Kind::Partner,
        },
        host: CountryCode(r.host.clone()),
        organiser: r.organiser.clone(),
        area: Area(r.area.clone()),
        language: Language(r.language.clone()),
        duration_days: u32::try_from(r.duration_days).unwrap_or(1),
        earliest_start: r.earliest_start,
        latest_end: r.latest_end,
        start_weekdays: r
            .start_weekdays
            .as_ref()
            .map(|ws| ws.iter().map(|w| weekday(*w)).collect()),
        fixed_start: r.fixed_start,
        trainers_min: min,
        trainers_max: max,
        leads: r.leads,
        priority: r.priority,
        regions: r
            .regions
            .as_ref()
            .map(|rs| rs.iter().map(|g| Region(g.clone())).collect()),
        max_same_country: r.max_same_country,
    }
}

fn pin(p: &PinV1) -> Pin {
    Pin {
        request: RequestId(p.request.clone()),
        trainer: TrainerId(p.trainer.clone()),
        start: p.start,
    }
}

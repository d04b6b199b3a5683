//! Reproducible synthetic problems shaped like the real programme: the five regions and their
//! Members, working languages, expertise areas, windows, budgets and unavailability.
//!
//! The same sizes and seed always give the same problem.

mod names;
mod spec;

pub use spec::{FareModel, Spec, FAMILIES};

use chrono::{Datelike, Days};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::format::countries::{MEMBERS, REGIONS};
use crate::format::problem_v1::*;

/// Share of trainers per region (East, Southern, West Africa, Pacific, Central Asia/Caucasus).
const REGION_WEIGHTS: [u32; 5] = [26, 24, 26, 12, 12];

/// Areas taught in each region.
fn areas_of(region: usize) -> &'static [&'static str] {
    match region {
        0 | 1 => &["hs", "valuation", "pca", "risk", "roo"],
        2 => &["hs", "valuation", "pca", "risk", "roo", "geoint"],
        3 => &["hs", "valuation", "pca", "risk"],
        _ => &["trs", "hs", "valuation", "risk"],
    }
}

fn pick_region(rng: &mut ChaCha8Rng) -> usize {
    let total: u32 = REGION_WEIGHTS.iter().sum();
    let mut x = rng.gen_range(0..total);
    for (i, w) in REGION_WEIGHTS.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    0
}

fn members_of(region: usize) -> Vec<&'static (&'static str, &'static str, usize, u64, &'static str)> {
    MEMBERS.iter().filter(|m| m.2 == region).collect()
}

/// Generates a problem.
pub fn generate(spec: &Spec) -> ProblemOut {
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let trainers: Vec<TrainerV1> = (0..spec.trainers).map(|i| trainer(&mut rng, spec, i)).collect();
    let requests: Vec<RequestV1> = (0..spec.requests).map(|i| request(&mut rng, spec, i)).collect();
    let end = spec
        .year_start
        .checked_add_days(Days::new(364))
        .unwrap_or(spec.year_start);
    let family = spec.family.map_or(String::new(), |f| format!("{f} "));
    let policy = PolicyV1 {
        max_days: spec.policy_days,
        ..PolicyV1::default()
    };
    let travel_costs = match spec.fares {
        FareModel::Policy => Vec::new(),
        FareModel::PerPair { spread } => fares(spec.seed, spread, &policy),
    };
    ProblemOut {
        name: format!(
            "generated {family}{}x{} seed {}",
            spec.trainers, spec.requests, spec.seed
        ),
        horizon: RangeV1 {
            start: spec.year_start,
            end,
        },
        policy,
        countries: None,
        travel_costs,
        trainers,
        requests,
        pinned: Vec::new(),
    }
}

fn trainer(rng: &mut ChaCha8Rng, spec: &Spec, i: usize) -> TrainerV1 {
    let region = pick_region(rng);
    let (code, _, _, _, lang) = **members_of(region).choose(rng).unwrap_or(&&MEMBERS[0]);
    let mut languages = vec![lang.to_owned()];
    let english = match lang {
        "fr" => 0.35,
        "pt" => 0.5,
        "ru" => 0.3,
        _ => 0.0,
    };
    if rng.gen_bool(english) {
        languages.push("en".to_owned());
    }
    if lang == "en" && region == 0 && rng.gen_bool(0.1) {
        languages.push("fr".to_owned());
    }
    let mut areas: Vec<&str> = areas_of(region).to_vec();
    areas.shuffle(rng);
    let n = rng.gen_range(1..=3);
    let expertise = areas[..n]
        .iter()
        .map(|a| ExpertiseV1 {
            area: (*a).to_owned(),
            level: if rng.gen_bool(0.12) {
                LevelV1::Ace
            } else {
                LevelV1::Mt
            },
        })
        .collect();
    let unavailable = (0..rng.gen_range(0..=3)).map(|_| leave(rng, spec)).collect();
    TrainerV1 {
        id: format!("{code}-{:03}", i + 1),
        name: names::name(rng, lang),
        country: code.to_owned(),
        languages,
        expertise,
        max_days: rng
            .gen_bool(spec.own_budget_share.clamp(0.0, 1.0))
            .then(|| rng.gen_range(spec.own_budget.0..=spec.own_budget.1.max(spec.own_budget.0))),
        unavailable,
        travels: rng.gen_bool(0.92),
    }
}

fn leave(rng: &mut ChaCha8Rng, spec: &Spec) -> PeriodV1 {
    let from = spec.year_start + Days::new(rng.gen_range(0..350));
    PeriodV1 {
        from,
        to: from + Days::new(rng.gen_range(4..=20)),
    }
}

const PARTNERS: [&str; 7] = [
    "RoO Africa Project (EU)",
    "EAC",
    "SADC",
    "ECOWAS",
    "COMESA",
    "USAID",
    "GIZ",
];

fn request(rng: &mut ChaCha8Rng, spec: &Spec, i: usize) -> RequestV1 {
    let region = pick_region(rng);
    let (host, host_name, _, _, lang) = **members_of(region).choose(rng).unwrap_or(&&MEMBERS[0]);
    const KINDS: [KindV1; 10] = [
        KindV1::National,
        KindV1::National,
        KindV1::National,
        KindV1::National,
        KindV1::National,
        KindV1::National,
        KindV1::Partner,
        KindV1::Partner,
        KindV1::Regional,
        KindV1::Refresher,
    ];
    let kind = *KINDS.choose(rng).unwrap_or(&KindV1::National);
    let area = *areas_of(region).choose(rng).unwrap_or(&"hs");
    let (duration, trainers, leads): (u32, _, _) = match kind {
        KindV1::National => (
            rng.gen_range(3..=5),
            if rng.gen_bool(0.5) {
                TrainerCountV1::Exact(2)
            } else {
                TrainerCountV1::Range { min: 1, max: Some(2) }
            },
            0,
        ),
        KindV1::Refresher => (
            rng.gen_range(3..=5),
            TrainerCountV1::Exact(1),
            u32::from(rng.gen_bool(0.5)),
        ),
        KindV1::Partner => (5, TrainerCountV1::Exact(2), u32::from(rng.gen_bool(0.2))),
        KindV1::Regional => (
            rng.gen_range(5..=10),
            TrainerCountV1::Range { min: 2, max: Some(3) },
            u32::from(rng.gen_bool(0.3)),
        ),
    };
    let (trainers, leads) = match spec.team {
        None => (trainers, leads),
        Some((low, high)) => {
            let min = rng.gen_range(low..=high.max(low));
            let max = rng.gen_range(min..=high.max(min));
            let count = match min == max {
                true => TrainerCountV1::Exact(min),
                false => TrainerCountV1::Range { min, max: Some(max) },
            };
            (count, leads)
        }
    };
    let leads = match spec.lead_share {
        None => leads,
        Some(share) => u32::from(rng.gen_bool(share.clamp(0.0, 1.0))),
    };
    let offset = rng.gen_range(7..320);
    let earliest = spec.year_start + Days::new(offset);
    let weeks = rng
        .gen_range(spec.window_weeks.0..=spec.window_weeks.1.max(spec.window_weeks.0))
        .min((364 - offset - u64::from(duration)) / 7);
    let latest_end = earliest + Days::new(weeks * 7 + u64::from(duration));
    let to_monday = (7 - u64::from(earliest.weekday().num_days_from_monday())) % 7;
    let first_monday = earliest + Days::new(to_monday);
    let fixed = (rng.gen_bool(spec.fixed_share.clamp(0.0, 1.0)) || spec.fixed_dates)
        .then(|| first_monday + Days::new(7 * rng.gen_range(0..weeks)));
    let organiser = match kind {
        KindV1::National => format!("{host_name} Customs"),
        KindV1::Partner => (*PARTNERS.choose(rng).unwrap_or(&"GIZ")).to_owned(),
        KindV1::Regional => format!("WCO ROCB {}", REGIONS[region]),
        KindV1::Refresher => "WCO/JICA Joint Project".to_owned(),
    };
    let africa = region <= 2;
    RequestV1 {
        id: format!("R-{:04}", i + 1),
        title: format!(
            "{} workshop on {} in {host_name}",
            kind_title(kind),
            area_title(area)
        ),
        kind,
        host: host.to_owned(),
        organiser,
        area: area.to_owned(),
        language: lang.to_owned(),
        duration_days: i64::from(duration),
        earliest_start: earliest,
        latest_end,
        start_weekdays: None,
        fixed_start: fixed,
        trainers,
        leads,
        priority: match kind {
            KindV1::Regional | KindV1::Partner => rng.gen_range(2..=5),
            _ => rng.gen_range(1..=3),
        },
        regions: (kind == KindV1::Partner && africa && rng.gen_bool(0.5))
            .then(|| REGIONS[..3].iter().map(|r| (*r).to_owned()).collect()),
        max_same_country: (kind == KindV1::Regional).then_some(1),
    }
}

fn kind_title(kind: KindV1) -> &'static str {
    match kind {
        KindV1::National => "National",
        KindV1::Regional => "Regional",
        KindV1::Refresher => "Refresher",
        KindV1::Partner => "Partner",
    }
}

/// Readable name of an area code ("customs" for a code that is not one of the programme's).
pub fn area_title(area: &str) -> &'static str {
    crate::model::vocabulary::area(area).map_or("customs", |a| a.in_sentence)
}

/// A fare for every pair of participating Members: the policy value for the trip (within or
/// across regions) times a factor drawn in [1 − spread, 1 + spread], from its own random stream.
fn fares(seed: u64, spread: f64, policy: &PolicyV1) -> Vec<TravelCostV1> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x6661_7265_7321);
    let spread = spread.clamp(0.0, 0.95);
    let mut out = Vec::new();
    for (i, a) in MEMBERS.iter().enumerate() {
        for b in &MEMBERS[i + 1..] {
            let base = if a.2 == b.2 {
                policy.regional_fare
            } else {
                policy.interregional_fare
            };
            let factor = rng.gen_range(1.0 - spread..=1.0 + spread);
            out.push(TravelCostV1 {
                from: a.0.to_owned(),
                to: b.0.to_owned(),
                cost: (base as f64 * factor / 10.0).round() as u64 * 10,
            });
        }
    }
    out
}

//! Eligibility: who may serve which request (C1–C5), and the first rule that rules a trainer out.
//!
//! The solver builds its variables from here and explanations quote it. The independent
//! checker does not use it.

use chrono::NaiveDate;

use crate::model::{Level, Problem, Request, Trainer};

/// The first static rule (C1–C4) that keeps a trainer off a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exclusion {
    /// C1: does not hold the area.
    Area,
    /// C2: does not work in the language.
    Language,
    /// C3: comes from a region the request does not accept.
    Region,
    /// C4: does not travel, and the host is another country.
    NoTravel,
}

impl Exclusion {
    /// The constraint number, as in the formulation.
    pub fn constraint(self) -> &'static str {
        match self {
            Exclusion::Area => "C1",
            Exclusion::Language => "C2",
            Exclusion::Region => "C3",
            Exclusion::NoTravel => "C4",
        }
    }
}

impl Exclusion {
    /// The rule in the planner's words, e.g. "C2: KE-031 does not work in fr".
    pub fn describe(self, problem: &Problem, trainer: &Trainer, request: &Request) -> String {
        let (c, t) = (self.constraint(), &trainer.id);
        match self {
            Exclusion::Area => format!("{c}: {t} does not hold area {}", request.area),
            Exclusion::Language => format!("{c}: {t} does not work in {}", request.language),
            Exclusion::Region => {
                let region = problem
                    .region_of(&trainer.country)
                    .map_or("no region", |r| r.as_str());
                format!("{c}: {t} comes from {region}, which the request does not accept")
            }
            Exclusion::NoTravel => format!("{c}: {t} does not travel and the host is {}", request.host),
        }
    }
}

/// Checks C1–C4 for one trainer and request.
pub fn static_check(problem: &Problem, trainer: &Trainer, request: &Request) -> Result<(), Exclusion> {
    if trainer.level(&request.area).is_none() {
        return Err(Exclusion::Area);
    }
    if !trainer.speaks(&request.language) {
        return Err(Exclusion::Language);
    }
    if let Some(regions) = &request.regions {
        let region = problem.region_of(&trainer.country);
        if !region.is_some_and(|g| regions.contains(g)) {
            return Err(Exclusion::Region);
        }
    }
    if !trainer.travels && trainer.country != request.host {
        return Err(Exclusion::NoTravel);
    }
    Ok(())
}

/// Whether the trainer holds the request's area at `ace` level (counts towards C6 leads).
pub fn is_lead(trainer: &Trainer, request: &Request) -> bool {
    trainer.level(&request.area) == Some(Level::Ace)
}

/// Whether the trainer is free on every day of the training started on `start` (C5).
pub fn free_at(trainer: &Trainer, request: &Request, start: NaiveDate) -> bool {
    trainer.is_free(&request.occupied(start))
}

/// Indices of the trainers passing C1–C4 for `request`, in problem order.
pub fn eligible_trainers(problem: &Problem, request: &Request) -> Vec<usize> {
    (0..problem.trainers.len())
        .filter(|&t| static_check(problem, &problem.trainers[t], request).is_ok())
        .collect()
}

/// What a request could ever get, ignoring every other request.
#[derive(Clone, Debug, PartialEq)]
pub struct Potential {
    /// Allowed starts (window, weekdays, horizon).
    pub starts: Vec<NaiveDate>,
    /// Trainers passing C1–C4.
    pub eligible: Vec<usize>,
    /// Starts at which enough eligible trainers are free (and enough leads, and few enough per
    /// country to reach the minimum), with the free trainers.
    pub staffable: Vec<(NaiveDate, Vec<usize>)>,
}

/// Works out what `request` could ever get.
pub fn potential(problem: &Problem, request: &Request) -> Potential {
    let starts = request.allowed_starts(&problem.horizon, &problem.policy.start_weekdays);
    let eligible = eligible_trainers(problem, request);
    let staffable = starts
        .iter()
        .filter_map(|&s| {
            let free: Vec<usize> = eligible
                .iter()
                .copied()
                .filter(|&t| free_at(&problem.trainers[t], request, s))
                .collect();
            can_staff(problem, request, &free).then_some((s, free))
        })
        .collect();
    Potential {
        starts,
        eligible,
        staffable,
    }
}

/// Whether some team drawn from `free` meets the trainer count, the leads (C6), the
/// same-country limit (C7) and each member's budget (C9, taken alone).
pub fn can_staff(problem: &Problem, request: &Request, free: &[usize]) -> bool {
    let fits_budget = |t: &usize| problem.budget(&problem.trainers[*t]) >= request.duration_days;
    let usable: Vec<usize> = free.iter().copied().filter(fits_budget).collect();
    let cap = request.max_same_country.unwrap_or(u32::MAX) as usize;
    let (mut leads, mut others) = (Vec::new(), Vec::new());
    for &t in &usable {
        if is_lead(&problem.trainers[t], request) {
            leads.push(t)
        } else {
            others.push(t)
        }
    }
    // Greedy over countries: take leads first, then others, at most `cap` per country.
    let mut per_country = std::collections::BTreeMap::new();
    let mut take = |t: usize| {
        let n = per_country.entry(&problem.trainers[t].country).or_insert(0usize);
        (*n < cap).then(|| *n += 1).is_some()
    };
    let lead_count = leads.iter().filter(|&&t| take(t)).count();
    let other_count = others.iter().filter(|&&t| take(t)).count();
    lead_count >= request.leads as usize && lead_count + other_count >= request.trainers_min as usize
}

//! What to generate: sizes, seed, and the knobs real programmes differ by — how tight the day
//! budgets are, how fares are set, team sizes, leads, fixed dates, window widths — with named
//! families of settings.

use chrono::NaiveDate;

/// How fares between countries are set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FareModel {
    /// The policy's two values: within a region, across regions.
    Policy,
    /// A table per pair of countries: each pair's fare is the policy value for its kind of trip
    /// times a random factor in [1 − spread, 1 + spread].
    PerPair {
        /// Relative spread of the factor (0–0.95).
        spread: f64,
    },
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct Spec {
    /// Number of trainers.
    pub trainers: usize,
    /// Number of requests.
    pub requests: usize,
    /// Random seed.
    pub seed: u64,
    /// First day of the planning year.
    pub year_start: NaiveDate,
    /// Give every request a fixed start (the same random draws, so only the dates change).
    pub fixed_dates: bool,
    /// The policy's day budget (trainers without their own).
    pub policy_days: u32,
    /// Share of trainers with a budget of their own.
    pub own_budget_share: f64,
    /// Range of those budgets, in days.
    pub own_budget: (u32, u32),
    /// Fares.
    pub fares: FareModel,
    /// Team sizes (fewest, most) for every request; `None`: by kind (national 1–2 or 2,
    /// refresher 1, partner 2, regional 2–3).
    pub team: Option<(u32, u32)>,
    /// Share of requests that need one `ace` lead; `None`: by kind (refresher ½, partner ⅕,
    /// regional 3/10).
    pub lead_share: Option<f64>,
    /// Share of requests on a fixed date.
    pub fixed_share: f64,
    /// Window widths in weeks (fewest, most).
    pub window_weeks: (u64, u64),
    /// The family the settings came from, for the problem's name.
    pub family: Option<&'static str>,
}

impl Spec {
    /// The programme's own shape for the 2027 planning year (the `loose` family).
    pub fn new(trainers: usize, requests: usize, seed: u64) -> Self {
        let year_start = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap_or_default();
        Self {
            trainers,
            requests,
            seed,
            year_start,
            fixed_dates: false,
            policy_days: 40,
            own_budget_share: 0.3,
            own_budget: (25, 50),
            fares: FareModel::Policy,
            team: None,
            lead_share: None,
            fixed_share: 0.15,
            window_weeks: (2, 12),
            family: None,
        }
    }

    /// The spec of family `name` (see [`FAMILIES`]), or `None` for an unknown name.
    pub fn family(name: &str, trainers: usize, requests: usize, seed: u64) -> Option<Self> {
        let base = Self::new(trainers, requests, seed);
        let (family, _) = FAMILIES.iter().find(|(n, _)| *n == name)?;
        let tight = |s: Self| Self {
            policy_days: 20,
            own_budget: (10, 30),
            ..s
        };
        let moderate = |s: Self| Self {
            policy_days: 30,
            own_budget: (20, 40),
            ..s
        };
        let spec = match name {
            "loose" => base,
            "tight" => tight(base),
            "fares" => Self {
                fares: FareModel::PerPair { spread: 0.6 },
                ..moderate(base)
            },
            "teams" => Self {
                team: Some((1, 3)),
                lead_share: Some(0.35),
                ..moderate(base)
            },
            "fixed" => Self {
                fixed_share: 0.8,
                ..moderate(base)
            },
            "mixed" => Self {
                fares: FareModel::PerPair { spread: 0.6 },
                team: Some((1, 3)),
                lead_share: Some(0.35),
                fixed_share: 0.2,
                ..tight(base)
            },
            _ => return None,
        };
        Some(Self {
            family: Some(family),
            ..spec
        })
    }
}

/// The named families: (name, what sets it apart).
pub const FAMILIES: [(&str, &str); 6] = [
    (
        "loose",
        "the programme's shape: policy budget 40 days, 30 % of trainers with their own of 25–50",
    ),
    (
        "tight",
        "day budgets that bind: policy 20 days, 30 % with their own of 10–30",
    ),
    (
        "fares",
        "a fare per pair of countries (policy fares ±60 %), budgets 30 / 20–40",
    ),
    (
        "teams",
        "teams of 1–3 for every request, 35 % with an ace lead, budgets 30 / 20–40",
    ),
    ("fixed", "80 % of requests on a fixed date, budgets 30 / 20–40"),
    (
        "mixed",
        "per-pair fares, teams of 1–3, 35 % leads, 20 % fixed dates, budgets 20 / 10–30",
    ),
];

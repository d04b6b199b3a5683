//! `mtplan generate`: a reproducible synthetic problem, shaped by a family of settings and
//! single options.

use super::{write_atomic, GenerateArgs, WriteError, BAD_INPUT, FAILURE, OK};
use crate::generate;

/// The generator's settings: the family's (or the programme's shape), then each option given.
fn generate_spec(a: &GenerateArgs) -> Result<generate::Spec, String> {
    let mut spec = match &a.family {
        None => generate::Spec::new(a.trainers, a.requests, a.seed),
        Some(name) => generate::Spec::family(name, a.trainers, a.requests, a.seed).ok_or_else(|| {
            let names: Vec<&str> = generate::FAMILIES.iter().map(|(n, _)| *n).collect();
            format!("unknown family `{name}`; use one of {}", names.join(", "))
        })?,
    };
    spec.fixed_dates = a.fixed_dates;
    let share = |v: Option<f64>, flag: &str, max: f64| match v {
        Some(x) if !(0.0..=max).contains(&x) => Err(format!("{flag} must be between 0 and {max}")),
        other => Ok(other),
    };
    if let Some(d) = a.policy_days {
        spec.policy_days = d;
    }
    if let Some(x) = share(a.own_budget_share, "--own-budget-share", 1.0)? {
        spec.own_budget_share = x;
    }
    if let Some(r) = a.own_budget {
        spec.own_budget = r;
    }
    let spread = share(a.fare_spread, "--fare-spread", 0.95)?;
    match a.fares.as_deref() {
        None => {}
        Some("policy") => spec.fares = generate::FareModel::Policy,
        Some("pairs") => spec.fares = generate::FareModel::PerPair { spread: 0.6 },
        Some(other) => return Err(format!("unknown fare model `{other}`; use policy or pairs")),
    }
    if let (Some(x), generate::FareModel::PerPair { spread }) = (spread, &mut spec.fares) {
        *spread = x;
    }
    if let Some((low, high)) = a.team {
        if low == 0 {
            return Err("--team needs at least one trainer (LOW ≥ 1)".to_owned());
        }
        spec.team = Some((low, high));
    }
    spec.lead_share = share(a.lead_share, "--lead-share", 1.0)?.or(spec.lead_share);
    if let Some(x) = share(a.fixed_share, "--fixed-share", 1.0)? {
        spec.fixed_share = x;
    }
    if let Some((low, high)) = a.window_weeks {
        spec.window_weeks = (u64::from(low.max(1)), u64::from(high.max(1)));
    }
    Ok(spec)
}

/// Runs `generate`.
pub fn run(a: &GenerateArgs) -> u8 {
    let spec = match generate_spec(a) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return BAD_INPUT;
        }
    };
    let mut problem = generate::generate(&spec);
    if let Some(name) = &a.name {
        problem.name = name.clone();
    }
    let mut json = serde_json::to_string_pretty(&problem).unwrap_or_default();
    json.push('\n');
    match &a.output {
        None => {
            print!("{json}");
            OK
        }
        Some(out) => match write_atomic(out, json.as_bytes(), a.force, &[]) {
            Ok(()) => OK,
            Err(e) => {
                eprintln!("error: {e}");
                match e {
                    WriteError::Io { .. } => FAILURE,
                    WriteError::Exists(_) | WriteError::IsInput(_) => BAD_INPUT,
                }
            }
        },
    }
}

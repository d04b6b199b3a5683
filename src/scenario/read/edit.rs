//! One `[[edit]]` table to an [`Edit`]: the rest of the table after `action`, deserialised with
//! its TOML spans into the action's struct.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::de::{DeValue, ValueDeserializer};
use toml::Spanned;

use crate::scenario::edits::*;
use crate::validate::{Diagnostic, JsonPath};

type Parsed = Result<Result<Edit, Diagnostic>, (toml::de::Error, Range<usize>)>;

fn de<T: DeserializeOwned>(value: Spanned<DeValue<'_>>) -> Result<T, (toml::de::Error, Range<usize>)> {
    let span = value.span();
    T::deserialize(ValueDeserializer::from(value)).map_err(|e| (e, span))
}

/// Builds the edit of `action` from the rest of its table; an inner `Err` is a rule the
/// types alone cannot say (e.g. "give `trainer` or `trainers`").
pub(super) fn to_edit(action: &str, value: Spanned<DeValue<'_>>) -> Parsed {
    let need = |what: &str, hint: &str| {
        Diagnostic::error(
            "S004",
            JsonPath::root(),
            format!("{action}: {what}"),
            hint.to_owned(),
        )
    };
    Ok(match action {
        "remove_trainer" => {
            let v: RemoveTrainersV = de(value)?;
            let ids: Vec<String> = v
                .trainer
                .into_iter()
                .chain(v.trainers.into_iter().flatten())
                .collect();
            if ids.is_empty() {
                Err(need(
                    "no trainer named",
                    "give `trainer = \"ID\"` or `trainers = [\"ID\", …]`",
                ))
            } else {
                Ok(Edit::RemoveTrainers(ids))
            }
        }
        "remove_request" => {
            let v: RemoveRequestsV = de(value)?;
            let ids: Vec<String> = v
                .request
                .into_iter()
                .chain(v.requests.into_iter().flatten())
                .collect();
            if ids.is_empty() {
                Err(need(
                    "no request named",
                    "give `request = \"ID\"` or `requests = [\"ID\", …]`",
                ))
            } else {
                Ok(Edit::RemoveRequests(ids))
            }
        }
        "add_trainer" => Ok(Edit::AddTrainer(Box::new(de(value)?))),
        "add_request" => Ok(Edit::AddRequest(Box::new(de(value)?))),
        "change_trainer" => Ok(Edit::ChangeTrainer(de(value)?)),
        "add_unavailable" => {
            let v: UnavailableV = de(value)?;
            match (v.from, v.to) {
                (Some(from), Some(to)) => Ok(Edit::AddUnavailable {
                    trainer: v.trainer,
                    from,
                    to,
                }),
                _ => Err(need(
                    "`from` and `to` are both needed",
                    "give the first and last day, e.g. from = 2027-05-03",
                )),
            }
        }
        "remove_unavailable" => {
            let v: UnavailableV = de(value)?;
            Ok(Edit::RemoveUnavailable {
                trainer: v.trainer,
                from: v.from,
                to: v.to,
            })
        }
        "scale_budgets" => {
            let v: ScaleBudgetsV = de(value)?;
            Ok(Edit::ScaleBudgets {
                factor: v.factor,
                filter: TrainerFilter {
                    region: v.region,
                    country: v.country,
                },
            })
        }
        "move_windows" | "widen_windows" => windows(action, de(value)?),
        "set_policy" => Ok(Edit::SetPolicy(de(value)?)),
        "add_pin" => Ok(Edit::AddPin(de(value)?)),
        _ => {
            let v: RemovePinV = de(value)?;
            Ok(Edit::RemovePins {
                request: v.request,
                trainer: v.trainer,
            })
        }
    })
}

fn windows(action: &str, v: WindowsV) -> Result<Edit, Diagnostic> {
    let filter = v.filter();
    let wrong = |what: &str, hint: &str| {
        Diagnostic::error(
            "S004",
            JsonPath::root(),
            format!("{action}: {what}"),
            hint.to_owned(),
        )
    };
    if action == "move_windows" {
        return match (v.days, v.before, v.after) {
            (Some(days), None, None) => Ok(Edit::MoveWindows { days, filter }),
            (None, _, _) => Err(wrong(
                "`days` is needed",
                "give `days = 30` (negative moves earlier)",
            )),
            _ => Err(wrong(
                "`before` and `after` belong to widen_windows",
                "use `days` only, or action = \"widen_windows\"",
            )),
        };
    }
    match (v.days, v.before, v.after) {
        (None, None, None) => Err(wrong(
            "`before` or `after` is needed",
            "give `before = 14` and/or `after = 14` (days)",
        )),
        (Some(_), _, _) => Err(wrong(
            "`days` belongs to move_windows",
            "use `before` and `after`",
        )),
        (None, before, after) => Ok(Edit::WidenWindows {
            before: before.unwrap_or(0),
            after: after.unwrap_or(0),
            filter,
        }),
    }
}

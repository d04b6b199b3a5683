//! The diff as text for people and as JSON for tools. Both sorted by id.

use std::fmt::Write;

use serde_json::{json, Value};

use super::{Diff, RequestChange};
use crate::model::{Problem, TrainerId};

fn ids(ts: &[TrainerId]) -> String {
    ts.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", ")
}

/// Readable text: one line per changed request, one per changed trainer, then totals. With
/// `problem`, request titles are shown.
pub fn text(d: &Diff, problem: Option<&Problem>) -> String {
    let mut out = String::new();
    if d.is_empty() {
        let _ = writeln!(
            out,
            "no changes ({} staffed request(s) unchanged)",
            d.totals.unchanged
        );
        return out;
    }
    let _ = writeln!(out, "requests:");
    for (id, change) in &d.requests {
        let line = match change {
            RequestChange::Staffed { start, trainers } => {
                format!("newly staffed  {start}  trainers {}", ids(trainers))
            }
            RequestChange::Dropped { start, trainers } => {
                format!("dropped        was {start}  trainers {}", ids(trainers))
            }
            RequestChange::Changed {
                from,
                to,
                trainers_in,
                trainers_out,
            } => {
                let mut parts = Vec::new();
                if from != to {
                    parts.push(format!("moved {from} -> {to}"));
                }
                if !trainers_in.is_empty() {
                    parts.push(format!("in {}", ids(trainers_in)));
                }
                if !trainers_out.is_empty() {
                    parts.push(format!("out {}", ids(trainers_out)));
                }
                format!("changed        {}", parts.join("; "))
            }
        };
        let title = problem
            .and_then(|p| p.request(id))
            .map_or(String::new(), |r| format!("  ({})", r.title));
        let _ = writeln!(out, "  {id:<10} {line}{title}");
    }
    let _ = writeln!(out, "trainers:");
    for (id, c) in &d.trainers {
        let mut parts = Vec::new();
        for (r, s) in &c.gained {
            parts.push(format!("+{r} {s}"));
        }
        for (r, s) in &c.lost {
            parts.push(format!("-{r} {s}"));
        }
        for (r, from, to) in &c.moved {
            parts.push(format!("~{r} {from} -> {to}"));
        }
        let _ = writeln!(out, "  {id:<10} {}", parts.join("  "));
    }
    let t = d.totals;
    let _ = writeln!(
        out,
        "totals: {} newly staffed, {} dropped, {} moved, {} trainer(s) in, {} out, {} unchanged; {} trainer(s) affected",
        t.staffed, t.dropped, t.moved, t.trainers_in, t.trainers_out, t.unchanged, t.trainers_changed
    );
    out
}

/// The diff as pretty JSON.
pub fn json(d: &Diff) -> String {
    let strs = |ts: &[TrainerId]| ts.iter().map(|t| t.as_str().to_owned()).collect::<Vec<_>>();
    let requests: Vec<Value> = d
        .requests
        .iter()
        .map(|(id, c)| match c {
            RequestChange::Staffed { start, trainers } => {
                json!({"request": id.as_str(), "change": "staffed", "to": start.to_string(), "trainers_in": strs(trainers)})
            }
            RequestChange::Dropped { start, trainers } => {
                json!({"request": id.as_str(), "change": "dropped", "from": start.to_string(), "trainers_out": strs(trainers)})
            }
            RequestChange::Changed {
                from,
                to,
                trainers_in,
                trainers_out,
            } => json!({
                "request": id.as_str(),
                "change": if from == to { "team" } else { "moved" },
                "from": from.to_string(),
                "to": to.to_string(),
                "trainers_in": strs(trainers_in),
                "trainers_out": strs(trainers_out),
            }),
        })
        .collect();
    let pair = |(r, s): &(crate::model::RequestId, chrono::NaiveDate)| json!({"request": r.as_str(), "start": s.to_string()});
    let trainers: Vec<Value> = d
        .trainers
        .iter()
        .map(|(id, c)| {
            json!({
                "trainer": id.as_str(),
                "gained": c.gained.iter().map(pair).collect::<Vec<_>>(),
                "lost": c.lost.iter().map(pair).collect::<Vec<_>>(),
                "moved": c.moved.iter().map(|(r, f, t)| json!({"request": r.as_str(), "from": f.to_string(), "to": t.to_string()})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let t = d.totals;
    let v = json!({
        "requests": requests,
        "trainers": trainers,
        "totals": {
            "staffed": t.staffed,
            "dropped": t.dropped,
            "moved": t.moved,
            "trainers_in": t.trainers_in,
            "trainers_out": t.trainers_out,
            "unchanged": t.unchanged,
            "trainers_changed": t.trainers_changed,
            "disruption": t.disruption(),
        }
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

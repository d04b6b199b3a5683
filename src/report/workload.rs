//! The per-trainer workload chart: one column per trainer (training days used, darker when the
//! budget is exhausted) with a mark at the trainer's yearly budget, busiest trainers first.

use std::collections::BTreeMap;

use svg::node::element::{Group, Line, Rectangle, Text, Title};
use svg::Document;

use crate::model::{Problem, TrainerId};

const COLUMN: f64 = 6.0;
const LEFT: f64 = 40.0;
const PLOT: f64 = 170.0;
const TOP: f64 = 8.0;

/// The chart as an SVG string; `used` holds the days of each trainer who trains.
pub fn chart(problem: &Problem, used: &BTreeMap<TrainerId, u32>) -> String {
    let mut rows: Vec<(u32, u32, &crate::model::Trainer)> = problem
        .trainers
        .iter()
        .map(|t| (used.get(&t.id).copied().unwrap_or(0), problem.budget(t), t))
        .collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.id.cmp(&b.2.id)));
    let top = rows.iter().map(|r| r.0.max(r.1)).max().unwrap_or(0).max(10);
    let scale = PLOT / f64::from(top);
    let y = |days: u32| TOP + PLOT - f64::from(days) * scale;
    let width = LEFT + rows.len() as f64 * COLUMN + 10.0;
    let mut doc = Document::new()
        .set("class", "workload")
        .set("width", width)
        .set("height", TOP + PLOT + 20.0);
    for tick in (0..=top).step_by(step(top) as usize) {
        doc = doc
            .add(
                Line::new()
                    .set("x1", LEFT - 4.0)
                    .set("x2", width)
                    .set("y1", y(tick))
                    .set("y2", y(tick))
                    .set("class", "grid"),
            )
            .add(
                Text::new(tick.to_string())
                    .set("x", LEFT - 6.0)
                    .set("y", y(tick) + 4.0)
                    .set("class", "num"),
            );
    }
    for (i, (days, budget, t)) in rows.iter().enumerate() {
        let x = LEFT + i as f64 * COLUMN;
        let country = problem
            .countries
            .get(&t.country)
            .map_or(t.country.as_str(), |c| c.name.as_str());
        let title = format!("{} {} ({country}): {days} of {budget} days", t.id, t.name);
        let class = if days >= budget && *days > 0 {
            "load full"
        } else {
            "load"
        };
        let height = (f64::from(*days) * scale).max(0.0);
        let column = Group::new()
            .add(Title::new(title))
            .add(
                Rectangle::new()
                    .set("x", x)
                    .set("y", TOP)
                    .set("width", COLUMN)
                    .set("height", PLOT)
                    .set("class", "hit"),
            )
            .add(
                Rectangle::new()
                    .set("x", x + 0.5)
                    .set("y", y(*days))
                    .set("width", COLUMN - 1.0)
                    .set("height", height)
                    .set("class", class),
            )
            .add(
                Rectangle::new()
                    .set("x", x)
                    .set("y", y(*budget) - 1.0)
                    .set("width", COLUMN)
                    .set("height", 2)
                    .set("class", "budget"),
            );
        doc = doc.add(column);
    }
    doc.add(
        Text::new("days")
            .set("x", 2)
            .set("y", TOP + PLOT + 16.0)
            .set("class", "num start"),
    )
    .to_string()
}

/// A round tick step giving at most about eight ticks.
fn step(top: u32) -> u32 {
    [5, 10, 20, 25, 50, 100, 200, 500]
        .into_iter()
        .find(|s| top / s <= 8)
        .unwrap_or(1000)
}

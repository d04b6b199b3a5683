//! The year as SVG timelines, built with the `svg` crate: a month axis, and rows of bars (one
//! bar per training on the row, coloured by area, with a `<title>` shown on hover).
//!
//! Only numbers, colours and fixed class names go into attributes; every text from the problem
//! goes into text nodes, which the crate escapes.

use chrono::{Datelike, NaiveDate};
use svg::node::element::{Group, Line, Rectangle, Text, Title};
use svg::Document;

use crate::model::DateRange;

/// Width of the label column, in pixels.
pub const LABEL_WIDTH: f64 = 200.0;
/// Height of one lane of bars.
const LANE: f64 = 12.0;
/// Space above and below the lanes of a row.
const PAD: f64 = 2.0;

/// Maps days to pixels.
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    /// First day shown.
    pub from: NaiveDate,
    /// Last day shown (inclusive).
    pub to: NaiveDate,
    /// Pixels per day.
    pub px_per_day: f64,
}

impl Scale {
    /// Left edge of `day`.
    pub fn x(&self, day: NaiveDate) -> f64 {
        LABEL_WIDTH + (day - self.from).num_days() as f64 * self.px_per_day
    }

    /// Width of the whole chart, labels included.
    pub fn width(&self) -> f64 {
        self.x(self.to) + self.px_per_day + 8.0
    }

    /// First days of the months that start inside the scale (and the scale's own first day).
    fn months(&self) -> Vec<NaiveDate> {
        let mut out = vec![self.from];
        let mut d = self.from.with_day(1).unwrap_or(self.from);
        while d <= self.to {
            if d > self.from {
                out.push(d);
            }
            d = d
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(NaiveDate::MAX);
        }
        out
    }
}

/// One coloured bar.
#[derive(Clone, Debug)]
pub struct Bar {
    /// Days it covers (inclusive).
    pub days: DateRange,
    /// Fill colour (`#rrggbb`).
    pub colour: &'static str,
    /// Hover text.
    pub title: String,
}

/// One row of a timeline.
#[derive(Clone, Debug)]
pub struct Row {
    /// Label at the left.
    pub label: String,
    /// Hover text of the label.
    pub label_title: String,
    /// Trainings on the row; overlapping ones go to separate lanes.
    pub bars: Vec<Bar>,
    /// Periods shaded grey (a trainer's unavailability).
    pub off: Vec<DateRange>,
}

/// The month axis: a tick and a name at the start of each month, the year on January.
pub fn axis(scale: &Scale) -> String {
    let mut doc = Document::new()
        .set("class", "axis")
        .set("width", scale.width())
        .set("height", 22);
    for m in scale.months() {
        let x = scale.x(m);
        let name = if m.month() == 1 || m == scale.from {
            m.format("%b %Y").to_string()
        } else {
            m.format("%b").to_string()
        };
        doc = doc
            .add(
                Line::new()
                    .set("x1", x)
                    .set("x2", x)
                    .set("y1", 12)
                    .set("y2", 22)
                    .set("class", "tick"),
            )
            .add(Text::new(name).set("x", x + 3.0).set("y", 11));
    }
    doc.to_string()
}

/// The rows, one under the other, with month grid lines; every training is a `rect.bar`.
pub fn rows(scale: &Scale, rows: &[Row]) -> String {
    let mut body = Group::new();
    let mut y = 0.0;
    for (i, row) in rows.iter().enumerate() {
        let lanes = lanes(&row.bars);
        let height = lanes.iter().max().map_or(1, |l| l + 1) as f64 * LANE + 2.0 * PAD;
        body = body.add(row_group(scale, row, &lanes, y, height, i % 2 == 1));
        y += height;
    }
    let mut doc = Document::new()
        .set("class", "rows")
        .set("width", scale.width())
        .set("height", y.max(1.0));
    for m in scale.months().into_iter().skip(1) {
        let x = scale.x(m);
        doc = doc.add(
            Line::new()
                .set("x1", x)
                .set("x2", x)
                .set("y1", 0)
                .set("y2", y)
                .set("class", "grid"),
        );
    }
    doc.add(body).to_string()
}

fn row_group(scale: &Scale, row: &Row, lanes: &[usize], y: f64, height: f64, odd: bool) -> Group {
    let mut g = Group::new().set("class", if odd { "row odd" } else { "row" });
    g = g.add(
        Rectangle::new()
            .set("x", 0)
            .set("y", y)
            .set("width", scale.width())
            .set("height", height)
            .set("class", "band"),
    );
    let label = Text::new(row.label.clone())
        .set("x", 4)
        .set("y", y + PAD + 9.5)
        .add(Title::new(row.label_title.clone()));
    g = g.add(label);
    for off in &row.off {
        let Some(days) = clip(scale, off) else { continue };
        g = g.add(
            rect(scale, &days, y + 1.0, height - 2.0, "off")
                .add(Title::new(format!("unavailable {} to {}", off.from, off.to))),
        );
    }
    for (bar, lane) in row.bars.iter().zip(lanes) {
        let top = y + PAD + *lane as f64 * LANE + 1.0;
        g = g.add(
            rect(scale, &bar.days, top, LANE - 2.0, "bar")
                .set("fill", bar.colour)
                .add(Title::new(bar.title.clone())),
        );
    }
    g
}

fn rect(scale: &Scale, days: &DateRange, y: f64, height: f64, class: &str) -> Rectangle {
    let x = scale.x(days.from);
    let width = (scale.x(days.to) + scale.px_per_day - x).max(1.0);
    Rectangle::new()
        .set("x", x)
        .set("y", y)
        .set("width", width)
        .set("height", height.max(1.0))
        .set("class", class)
}

/// The part of `days` inside the scale, if any.
fn clip(scale: &Scale, days: &DateRange) -> Option<DateRange> {
    let d = DateRange::new(days.from.max(scale.from), days.to.min(scale.to));
    (d.from <= d.to).then_some(d)
}

/// A lane for each bar, in order: the first lane whose bars all end before it starts.
fn lanes(bars: &[Bar]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..bars.len()).collect();
    order.sort_by_key(|&i| (bars[i].days.from, bars[i].days.to));
    let mut lane_end: Vec<NaiveDate> = Vec::new();
    let mut out = vec![0; bars.len()];
    for i in order {
        let days = bars[i].days;
        let free = lane_end.iter().position(|end| *end < days.from);
        let lane = free.unwrap_or(lane_end.len());
        if lane == lane_end.len() {
            lane_end.push(days.to);
        } else {
            lane_end[lane] = days.to;
        }
        out[i] = lane;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn bar(from: &str, to: &str) -> Bar {
        Bar {
            days: DateRange::new(d(from), d(to)),
            colour: "#000000",
            title: String::new(),
        }
    }

    #[test]
    fn overlapping_bars_get_separate_lanes() {
        let bars = [
            bar("2027-01-04", "2027-01-08"),
            bar("2027-01-06", "2027-01-07"),
            bar("2027-01-08", "2027-01-09"),
            bar("2027-01-09", "2027-01-10"),
        ];
        assert_eq!(lanes(&bars), vec![0, 1, 1, 0]);
    }

    #[test]
    fn months_start_at_the_scale_and_each_first() {
        let scale = Scale {
            from: d("2027-01-15"),
            to: d("2027-04-01"),
            px_per_day: 2.0,
        };
        assert_eq!(
            scale.months(),
            vec![d("2027-01-15"), d("2027-02-01"), d("2027-03-01"), d("2027-04-01")]
        );
        assert_eq!(scale.x(d("2027-01-16")), LABEL_WIDTH + 2.0);
    }
}

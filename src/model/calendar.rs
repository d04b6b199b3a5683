//! Dates and inclusive date ranges.

use chrono::{Datelike, NaiveDate, Weekday};

/// An inclusive range of calendar days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateRange {
    /// First day of the range.
    pub from: NaiveDate,
    /// Last day of the range (inclusive).
    pub to: NaiveDate,
}

impl DateRange {
    /// A range from `from` to `to`, both inclusive.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Self {
        Self { from, to }
    }

    /// Whether `day` lies in the range.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// Whether the two ranges share at least one day.
    pub fn overlaps(&self, other: &DateRange) -> bool {
        self.from <= other.to && other.from <= self.to
    }
}

/// The range occupied by a training of `duration_days` starting on `start`.
pub fn occupied(start: NaiveDate, duration_days: u32) -> DateRange {
    let back = chrono::Days::new(u64::from(duration_days.max(1)) - 1);
    DateRange::new(start, start.checked_add_days(back).unwrap_or(NaiveDate::MAX))
}

/// Three-letter lower-case name of a weekday, as used in problem files (`mon` … `sun`).
pub fn weekday_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

/// Whether `day` falls on one of `weekdays`.
pub fn on_weekday(day: NaiveDate, weekdays: &[Weekday]) -> bool {
    weekdays.contains(&day.weekday())
}

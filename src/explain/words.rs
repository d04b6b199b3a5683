//! Words for codes: area and language names, id lists and date spans as planners write them.

use chrono::{Datelike, NaiveDate};

use crate::model::vocabulary;

/// Readable name of an area code (the code itself when it is not one of the programme's).
pub fn area_name(area: &str) -> String {
    vocabulary::area(area).map_or(area, |a| a.in_sentence).to_owned()
}

/// Readable name of a language code (ISO 639-1; the code itself when unknown).
pub fn language_name(language: &str) -> String {
    vocabulary::language(language).unwrap_or(language).to_owned()
}

/// Most ids a sentence lists before saying "and N more".
pub const MAX_IDS: usize = 12;

/// "A, B, C" or "A, B, … and 7 more".
pub fn id_list(ids: &[&str]) -> String {
    if ids.len() <= MAX_IDS {
        return ids.join(", ");
    }
    format!("{} and {} more", ids[..MAX_IDS].join(", "), ids.len() - MAX_IDS)
}

/// "A", "A and B", "A, B and C".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A span of days as planners write it: "8–12 Mar", "29 Mar–2 Apr", "30 Dec 2027–3 Jan 2028".
pub fn span(from: NaiveDate, to: NaiveDate) -> String {
    let month = |d: NaiveDate| d.format("%b").to_string();
    if from == to {
        format!("{} {}", from.day(), month(from))
    } else if from.year() != to.year() {
        format!(
            "{} {} {}–{} {} {}",
            from.day(),
            month(from),
            from.year(),
            to.day(),
            month(to),
            to.year()
        )
    } else if from.month() == to.month() {
        format!("{}–{} {}", from.day(), to.day(), month(to))
    } else {
        format!("{} {}–{} {}", from.day(), month(from), to.day(), month(to))
    }
}

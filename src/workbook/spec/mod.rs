//! The tables of a problem workbook: sheets, their columns, what each column holds and how it
//! maps to problem format v1. Reader, writer, template and docs all follow this one list.

/// What a column holds, and so how a cell is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Free text, kept as written (ids, names, titles).
    Text,
    /// A code (country, area, language, kind…): text with surrounding spaces removed.
    Code,
    /// A whole number.
    Int,
    /// A date: a real spreadsheet date, or text `YYYY-MM-DD`.
    Date,
    /// A comma-separated list of codes.
    List,
    /// `yes` or `no` (or a TRUE/FALSE cell).
    Bool,
}

impl Kind {
    /// What a cell of this kind must hold, for messages.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Text | Kind::Code => "text",
            Kind::Int => "a whole number",
            Kind::Date => "a date",
            Kind::List => "a comma-separated list",
            Kind::Bool => "yes or no",
        }
    }
}

/// The values offered in a column's drop-down list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choices {
    /// No drop-down.
    Free,
    /// Expertise area codes.
    Areas,
    /// Working language codes.
    Languages,
    /// Country codes (from the `countries` sheet when there is one).
    Countries,
    /// Request kinds.
    Kinds,
    /// Weekday codes.
    Weekdays,
    /// Region names.
    Regions,
    /// `yes` / `no`.
    YesNo,
}

/// One column of a sheet.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// Header, as written in row 1 (and in the CSV header line).
    pub header: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// Whether every row needs a value.
    pub required: bool,
    /// The drop-down list offered.
    pub choices: Choices,
    /// What to put there (the header's note in the workbook, and the docs).
    pub note: &'static str,
}

/// A column.
pub const fn col(
    header: &'static str,
    kind: Kind,
    required: bool,
    choices: Choices,
    note: &'static str,
) -> Column {
    Column {
        header,
        kind,
        required,
        choices,
        note,
    }
}

/// One sheet (or CSV file) of item rows.
#[derive(Clone, Copy, Debug)]
pub struct Sheet {
    /// Sheet name (CSV: file name without `.csv`).
    pub name: &'static str,
    /// The problem v1 section its rows go to.
    pub section: &'static str,
    /// Whether a workbook must have it (optional sheets are optional sections).
    pub required: bool,
    /// Columns, in the order written.
    pub columns: &'static [Column],
    /// What a row is, for the docs.
    pub about: &'static str,
}

impl Sheet {
    /// The column with this header.
    pub fn column(&self, header: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.header == header)
    }
}

mod columns;
pub use columns::SETTING_ROWS;
use columns::{COUNTRIES, PINS, REQUESTS, TRAINERS, TRAVEL_COSTS, UNAVAILABILITY};

/// The settings sheet: one row per setting, columns `setting`, `value` and `about`.
pub const SETTINGS: &str = "settings";
/// A sheet of notes that loading ignores.
pub const ABOUT: &str = "about";

/// Every item sheet, in reading and writing order.
pub const SHEETS: [Sheet; 6] = [
    Sheet {
        name: "trainers",
        section: "trainers",
        required: true,
        columns: &TRAINERS,
        about: "one row per Master Trainer",
    },
    Sheet {
        name: "unavailability",
        section: "unavailable",
        required: false,
        columns: &UNAVAILABILITY,
        about: "one row per period a trainer is unavailable (leave, national duties)",
    },
    Sheet {
        name: "requests",
        section: "requests",
        required: true,
        columns: &REQUESTS,
        about: "one row per requested training",
    },
    Sheet {
        name: "pins",
        section: "pinned",
        required: false,
        columns: &PINS,
        about: "one row per planner's decision that must hold: this trainer on this request",
    },
    Sheet {
        name: "countries",
        section: "countries",
        required: false,
        columns: &COUNTRIES,
        about: "the country table; without this sheet the built-in table of participating Members is used",
    },
    Sheet {
        name: "travel_costs",
        section: "travel_costs",
        required: false,
        columns: &TRAVEL_COSTS,
        about: "one row per known fare; other fares follow the settings' regional and interregional fares",
    },
];

/// The item sheet with this name.
pub fn sheet(name: &str) -> Option<&'static Sheet> {
    SHEETS.iter().find(|s| s.name == name)
}

/// Position of a sheet in reading order, for sorting diagnostics: unknown sheets and
/// settings first, then the item sheets.
pub fn order(name: &str) -> usize {
    SHEETS.iter().position(|s| s.name == name).map_or(0, |i| i + 1)
}

/// Expertise area codes of the programme.
pub const AREAS: [&str; 7] = {
    let a = &crate::model::vocabulary::AREAS;
    [
        a[0].code, a[1].code, a[2].code, a[3].code, a[4].code, a[5].code, a[6].code,
    ]
};
/// Working languages of the programme.
pub const LANGUAGES: [&str; 4] = crate::model::vocabulary::PROGRAMME_LANGUAGES;
/// Request kinds.
pub const KINDS: [&str; 4] = ["national", "regional", "refresher", "partner"];
/// Weekday codes.
pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

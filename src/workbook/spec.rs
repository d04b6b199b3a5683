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

use Choices as C;
use Kind as K;

/// The settings sheet: one row per setting, columns `setting`, `value` and `about`.
pub const SETTINGS: &str = "settings";
/// A sheet of notes that loading ignores.
pub const ABOUT: &str = "about";

/// Settings: (name, kind, required, choices, what it is). `horizon_start`/`horizon_end` form
/// the horizon; the rest but `name` are the policy.
pub const SETTING_ROWS: [(&str, Kind, bool, Choices, &str); 8] = [
    ("name", K::Text, true, C::Free, "problem name"),
    (
        "horizon_start",
        K::Date,
        true,
        C::Free,
        "first day trainings may start",
    ),
    (
        "horizon_end",
        K::Date,
        true,
        C::Free,
        "last day trainings may start",
    ),
    (
        "min_gap_days",
        K::Int,
        false,
        C::Free,
        "free days between two trainings of a trainer (default 2)",
    ),
    (
        "max_days",
        K::Int,
        false,
        C::Free,
        "training days a year per trainer unless the trainer's own max_days says otherwise (default 40)",
    ),
    (
        "start_weekdays",
        K::List,
        false,
        C::Weekdays,
        "weekdays trainings may start on, e.g. mon, tue (default mon)",
    ),
    (
        "regional_fare",
        K::Int,
        false,
        C::Free,
        "fare between two countries of one region (default 600)",
    ),
    (
        "interregional_fare",
        K::Int,
        false,
        C::Free,
        "fare between regions (default 1500)",
    ),
];

const TRAINERS: [Column; 8] = [
    col("id", K::Text, true, C::Free, "unique trainer id, e.g. KE-001"),
    col("name", K::Text, true, C::Free, "full name"),
    col(
        "country",
        K::Code,
        true,
        C::Countries,
        "ISO 3166 alpha-2 code of the trainer's administration, e.g. KE",
    ),
    col(
        "languages",
        K::List,
        true,
        C::Languages,
        "working languages, ISO 639-1, comma-separated: en, fr",
    ),
    col(
        "areas",
        K::List,
        true,
        C::Areas,
        "expertise areas held, comma-separated: hs, valuation, pca, risk, roo, geoint, trs",
    ),
    col(
        "ace_areas",
        K::List,
        false,
        C::Areas,
        "of those, the areas held as WCO Accredited Expert (level ace); the others are level mt",
    ),
    col(
        "max_days",
        K::Int,
        false,
        C::Free,
        "training days a year the administration releases; empty: the settings' max_days",
    ),
    col(
        "travels",
        K::Bool,
        false,
        C::YesNo,
        "no: trains only in their own country; empty: yes",
    ),
];

const UNAVAILABILITY: [Column; 3] = [
    col(
        "trainer",
        K::Text,
        true,
        C::Free,
        "trainer id (from the trainers sheet)",
    ),
    col("from", K::Date, true, C::Free, "first unavailable day"),
    col("to", K::Date, true, C::Free, "last unavailable day (inclusive)"),
];

const REQUESTS: [Column; 18] = [
    col("id", K::Text, true, C::Free, "unique request id, e.g. R-0001"),
    col("title", K::Text, true, C::Free, "title of the training"),
    col(
        "kind",
        K::Code,
        true,
        C::Kinds,
        "national, regional, refresher or partner",
    ),
    col(
        "host",
        K::Code,
        true,
        C::Countries,
        "host country, ISO 3166 alpha-2",
    ),
    col(
        "organiser",
        K::Text,
        true,
        C::Free,
        "who asks: the Member's administration, a partner (EU, GIZ …)",
    ),
    col("area", K::Code, true, C::Areas, "expertise area of the training"),
    col(
        "language",
        K::Code,
        true,
        C::Languages,
        "delivery language, ISO 639-1",
    ),
    col("duration_days", K::Int, true, C::Free, "days of training"),
    col(
        "earliest_start",
        K::Date,
        true,
        C::Free,
        "first day of the window",
    ),
    col(
        "latest_end",
        K::Date,
        true,
        C::Free,
        "last day of the window: the training ends by then",
    ),
    col(
        "start_weekdays",
        K::List,
        false,
        C::Weekdays,
        "weekdays it may start on, comma-separated; empty: the settings' start_weekdays",
    ),
    col(
        "fixed_start",
        K::Date,
        false,
        C::Free,
        "the start date, when it is fixed",
    ),
    col("min_trainers", K::Int, true, C::Free, "fewest trainers"),
    col(
        "max_trainers",
        K::Int,
        false,
        C::Free,
        "most trainers; empty: exactly min_trainers",
    ),
    col(
        "leads",
        K::Int,
        false,
        C::Free,
        "trainers needed at WCO Accredited Expert level; empty: 0",
    ),
    col(
        "priority",
        K::Int,
        false,
        C::Free,
        "weight in coverage, 1–1000; empty: 1",
    ),
    col(
        "regions",
        K::List,
        false,
        C::Regions,
        "only trainers from these regions, comma-separated; empty: any",
    ),
    col(
        "max_same_country",
        K::Int,
        false,
        C::Free,
        "most trainers from one country; empty: no limit",
    ),
];

const PINS: [Column; 3] = [
    col("request", K::Text, true, C::Free, "request id"),
    col("trainer", K::Text, true, C::Free, "trainer id who must be on it"),
    col(
        "start",
        K::Date,
        false,
        C::Free,
        "the start it must have; empty: any allowed start",
    ),
];

const COUNTRIES: [Column; 4] = [
    col("code", K::Code, true, C::Free, "ISO 3166 alpha-2 code"),
    col("name", K::Text, true, C::Free, "country name"),
    col(
        "region",
        K::Text,
        true,
        C::Free,
        "region name; fares within a region are regional",
    ),
    col(
        "per_diem",
        K::Int,
        true,
        C::Free,
        "daily subsistence allowance, whole currency units",
    ),
];

const TRAVEL_COSTS: [Column; 3] = [
    col("from", K::Code, true, C::Countries, "country of departure"),
    col("to", K::Code, true, C::Countries, "country of arrival"),
    col(
        "cost",
        K::Int,
        true,
        C::Free,
        "fare; applies both ways unless the other direction is listed too",
    ),
];

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

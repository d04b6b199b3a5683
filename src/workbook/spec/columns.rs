//! The columns of every sheet, in order, with what each holds and its note.

use super::*;
use Choices as C;
use Kind as K;

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

pub(super) const TRAINERS: [Column; 8] = [
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

pub(super) const UNAVAILABILITY: [Column; 3] = [
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

pub(super) const REQUESTS: [Column; 18] = [
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

pub(super) const PINS: [Column; 3] = [
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

pub(super) const COUNTRIES: [Column; 4] = [
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

pub(super) const TRAVEL_COSTS: [Column; 3] = [
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

//! Input validation: a JSON problem file read item by item (format v1), checked by every rule,
//! and converted into the model; every problem found, each as a [`Diagnostic`] with its place.
//!
//! Codes: `E001` syntax, `E002` type or shape, `E003`/`E004` unknown or missing top-level
//! field, `E010` duplicate id, `E011` unknown country, `E012`/`E013` unknown trainer or
//! request in a pin, `E014` unknown region, `E020` reversed dates, `E021` fixed start outside
//! its window, `E022` duration under one day, `E023` min above max, `E024` no trainer
//! wanted, `E025` more leads than trainers, `E026` priority outside 1–1000, `E027` bad language code,
//! `E028` no start weekday, `E029` same-country limit 0, `E030` pinned start outside window,
//! `E032` bad country code, `E033` area listed twice, `E031` horizon or window over three years, `E034` amount over
//! 1,000,000, `E036` team over 100 trainers. Warnings: `W101` request no plan can
//! staff, `W102` area nobody holds, `W103` request without an allowed start. Workbooks and
//! CSV folders add `E050`–`E058` (see [`crate::workbook`]).

mod diagnostic;
mod load;
pub mod locate;
mod read;
mod rules;
mod warnings;

pub use diagnostic::{Diagnostic, JsonPath, Location, Report, Severity, SheetCell, Step};
pub use load::{check_value, load_json, parse_problem, LoadError, Loaded};
pub use rules::check_raw;
pub use warnings::warnings;

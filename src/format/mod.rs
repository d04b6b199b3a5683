//! File formats: the serde structures of problem and schedule files (format v1), the built-in
//! country table, and conversion between the files and the model. Reading a problem file with
//! located diagnostics and validating it is [`crate::validate`]'s; choosing the reader by file
//! kind (JSON, workbook, CSV folder) is `input`'s.

pub mod backups_v1;
pub mod convert;
pub mod countries;
pub mod from_model;
pub mod problem_v1;
mod raw;
pub mod schedule_v1;

pub use raw::RawProblem;
pub use schedule_v1::{load_schedule, parse_schedule, schedule_to_json, ScheduleError};

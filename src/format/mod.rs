//! File formats: serde structures of problem and schedule files, and their conversion into the
//! model. Loading validates (see [`crate::validate`]) and reports every problem at once.

pub mod convert;
pub mod countries;
pub mod from_model;
mod load;
pub mod locate;
pub mod problem_v1;
mod read;
pub mod schedule_v1;

pub use load::{check_value, load_problem, parse_problem, LoadError, Loaded, RawProblem};
pub use schedule_v1::{load_schedule, parse_schedule, schedule_to_json, ScheduleError};

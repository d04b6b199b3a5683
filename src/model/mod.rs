//! The domain model: trainers, requests, calendars, schedules. Plain types: no serde, no solver.

pub mod calendar;
pub mod country;
pub mod ids;
pub mod problem;
pub mod request;
pub mod schedule;
pub mod shares;
pub mod trainer;
pub mod vocabulary;

pub use calendar::DateRange;
pub use country::{Country, Fares};
pub use ids::{Area, CountryCode, Language, Region, RequestId, TrainerId};
pub use problem::{Pin, Policy, Problem};
pub use request::{Kind, Request};
pub use schedule::{
    Assignment, Backup, BalanceProof, Bound, Cover, Gap, Objective, Reason, Schedule, Settings, Status,
    Unscheduled,
};
pub use shares::Shares;
pub use trainer::{Level, Trainer};

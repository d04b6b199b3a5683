//! # mtplan
//!
//! Plans the work of the Master Trainers of the WCO/JICA Master Trainer Programme: which
//! trainer delivers which requested national workshop, refresher course, partner training or
//! regional workshop, and when.
//!
//! A problem (trainers, requests, countries, policy) is loaded and validated by [`format`],
//! [`eligibility`] works out who may serve what, [`solver`] builds and solves a lexicographic
//! MILP (coverage first, then cost) with HiGHS, and [`checker`] verifies the schedule against
//! every hard rule with code that shares nothing with the solver. [`workbook`] reads problems
//! from `.xlsx` workbooks and CSV folders and writes problems and schedules as workbooks.
//!
//! For analysts and planners: [`scenario`] applies a what-if scenario (TOML edits) to a
//! problem, [`replan`] and [`solver::baseline`] re-solve a changed problem close to a
//! published schedule, and [`diff`] says what changed between two schedules.
//!
//! ```no_run
//! use mtplan::{checker, input, solver};
//! let loaded = input::load_problem("problems/default-2027.json".as_ref()).unwrap();
//! let schedule = solver::solve(&loaded.problem, &solver::Options::default()).unwrap();
//! assert!(checker::check(&loaded.problem, &schedule).is_empty());
//! ```
#![deny(unsafe_code)]
#![warn(missing_docs)]

pub mod bench;
pub mod checker;
pub mod cli;
pub mod diff;
pub mod eligibility;
pub mod explain;
pub mod files;
pub mod format;
pub mod generate;
pub mod ics;
pub mod input;
pub mod model;
pub mod plan;
pub mod replan;
pub mod report;
pub mod scenario;
pub mod solver;
pub mod validate;
pub mod workbook;

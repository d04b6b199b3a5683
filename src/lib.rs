//! # mtplan
//!
//! Plans the work of the Master Trainers of the WCO/JICA Master Trainer Programme: which
//! trainer delivers which requested national workshop, refresher course, partner training or
//! regional workshop, and when.
//!
//! The layers, lowest first (`tests/architecture.rs` keeps them):
//!
//! - [`model`]: trainers, requests, calendars, schedules — plain types; [`files`]: atomic file
//!   and all-or-nothing folder writes.
//! - [`checker`]: verifies a schedule against every hard rule (C1–C10) using the model alone;
//!   [`eligibility`]: who may serve what, and the first rule that rules a trainer out.
//! - [`solver`]: the only code that touches good_lp and HiGHS. A solve is one pipeline of
//!   objective tiers (coverage, then cost; keep and disruption when replanning), each a HiGHS
//!   model built once and solved by a method chosen once per run: LP-guided (LP bound → dives
//!   near the LP point → reduced-cost rounds) or one plain MILP per tier; one time budget and
//!   one interrupt reach every stage, and each tier reports the bound it proved.
//! - [`format`]: the serde structures of problem and schedule files; [`validate`]: reading a
//!   JSON problem with every error located.
//! - [`workbook`] (problems as `.xlsx` or CSV folders), [`input`] (a problem from any file),
//!   [`scenario`] (what-if edits), [`replan`] (freezing a published past), [`generate`]
//!   (synthetic problems).
//! - [`explain`] (why a request is unstaffed, verified repairs), [`diff`], [`ics`],
//!   [`report`], and [`plan`]: solve, annotate and verify, as every command does.
//! - [`bench`]: the benchmark suites; [`cli`]: the command line.
//!
//! ```no_run
//! use mtplan::{checker, input, plan, solver};
//! let loaded = input::load_problem("problems/default-2027.json".as_ref()).unwrap();
//! let schedule = plan::solve(&loaded.problem, &solver::Options::default()).unwrap();
//! assert!(checker::check(&loaded.problem, &schedule).is_empty());
//! ```
#![deny(unsafe_code)]
#![warn(missing_docs)]

#[forbid(unsafe_code)]
pub mod bench;
#[forbid(unsafe_code)]
pub mod checker;
#[forbid(unsafe_code)]
pub mod cli;
#[forbid(unsafe_code)]
pub mod diff;
#[forbid(unsafe_code)]
pub mod eligibility;
#[forbid(unsafe_code)]
pub mod explain;
#[forbid(unsafe_code)]
pub mod files;
#[forbid(unsafe_code)]
pub mod format;
#[forbid(unsafe_code)]
pub mod generate;
#[forbid(unsafe_code)]
pub mod ics;
#[forbid(unsafe_code)]
pub mod input;
#[forbid(unsafe_code)]
pub mod model;
#[forbid(unsafe_code)]
pub mod plan;
#[forbid(unsafe_code)]
pub mod replan;
#[forbid(unsafe_code)]
pub mod report;
#[forbid(unsafe_code)]
pub mod scenario;
// The one module with audited `unsafe` code: solver/highs/ffi/.
pub mod solver;
#[forbid(unsafe_code)]
pub mod validate;
#[forbid(unsafe_code)]
pub mod workbook;

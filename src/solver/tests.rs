//! What the solver's unit tests share.

use crate::model::Problem;

/// The problem `spec` generates, read back as a user's file would be.
pub fn generated(spec: &crate::generate::Spec) -> Problem {
    let json = serde_json::to_vec(&crate::generate::generate(spec)).unwrap();
    crate::validate::parse_problem(&json, "generated.json")
        .unwrap()
        .problem
}

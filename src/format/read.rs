//! Reads JSON values into typed structures, collecting every structural error with its path.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::validate::{Diagnostic, JsonPath, Step};

/// Collects diagnostics while items are read one at a time.
#[derive(Default)]
pub struct Reader {
    /// Everything found so far.
    pub diagnostics: Vec<Diagnostic>,
}

impl Reader {
    /// Reads `value` (found at `path`) as a `T`; on failure records an `E002` and returns `None`.
    pub fn item<T: DeserializeOwned>(&mut self, value: &Value, path: &JsonPath) -> Option<T> {
        match serde_path_to_error::deserialize::<_, T>(value) {
            Ok(v) => Some(v),
            Err(err) => {
                let mut at = path.clone();
                for seg in err.path().iter() {
                    at = match seg {
                        serde_path_to_error::Segment::Seq { index } => at.index(*index),
                        serde_path_to_error::Segment::Map { key } => at.key(key),
                        _ => at,
                    };
                }
                let message = err.into_inner().to_string();
                let hint = hint_for(&message);
                self.diagnostics
                    .push(Diagnostic::error("E002", at, message, hint));
                None
            }
        }
    }

    /// Reads every element of the array at `path`, keeping the good ones with their index.
    pub fn items<T: DeserializeOwned>(&mut self, values: &[Value], path: &JsonPath) -> Vec<(usize, T)> {
        values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| self.item(v, &path.index(i)).map(|t| (i, t)))
            .collect()
    }

    /// Reads the top-level object: reports unknown keys (`E003`) and missing required keys
    /// (`E004`), and returns the object.
    pub fn top_level<'v>(
        &mut self,
        value: &'v Value,
        known: &[&str],
        required: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let Value::Object(map) = value else {
            self.diagnostics.push(Diagnostic::error(
                "E002",
                JsonPath::root(),
                "the problem must be a JSON object",
                "start the file with { \"name\": …, \"horizon\": …, \"trainers\": […], \"requests\": […] }",
            ));
            return None;
        };
        for key in map.keys().filter(|k| !known.contains(&k.as_str())) {
            self.diagnostics.push(Diagnostic::error(
                "E003",
                JsonPath(vec![Step::Key(key.clone())]),
                format!("unknown field `{key}`"),
                format!(
                    "remove it or correct its spelling; the top level takes: {}",
                    known.join(", ")
                ),
            ));
        }
        for key in required.iter().filter(|k| !map.contains_key(**k)) {
            self.diagnostics.push(Diagnostic::error(
                "E004",
                JsonPath::root(),
                format!("missing field `{key}`"),
                format!("add `{key}` at the top level"),
            ));
        }
        Some(map)
    }
}

fn hint_for(message: &str) -> String {
    let hint = if message.starts_with("unknown field") {
        "remove the field or correct its spelling (the message lists the allowed names)"
    } else if message.starts_with("missing field") {
        "add the field; see the problem format in the README"
    } else if message.starts_with("unknown variant") {
        "use one of the values the message lists"
    } else if message.contains("input contains invalid characters")
        || message.contains("premature end of input")
        || message.contains("input is out of range")
        || message.contains("trailing input")
    {
        "write dates as YYYY-MM-DD, e.g. \"2027-03-15\""
    } else if message.contains("expected u32") || message.contains("expected u64") {
        "use a whole number, zero or more"
    } else if message.contains("expected i64") {
        "use a whole number"
    } else {
        "correct the value to the type the message names; see the problem format in the README"
    };
    hint.to_owned()
}

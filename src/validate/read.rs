//! Reads JSON values into typed structures, collecting every structural error with its path.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::{Diagnostic, JsonPath, Step};

/// Most problems reported for one item before it is given up.
const MAX_ERRORS_PER_ITEM: usize = 8;

/// The steps of a serde path.
fn steps_of(path: &serde_path_to_error::Path) -> Vec<Step> {
    path.iter()
        .filter_map(|seg| match seg {
            serde_path_to_error::Segment::Seq { index } => Some(Step::Index(*index)),
            serde_path_to_error::Segment::Map { key } => Some(Step::Key(key.clone())),
            _ => None,
        })
        .collect()
}

fn value_at<'v>(value: &'v Value, steps: &[Step]) -> Option<&'v Value> {
    steps.iter().try_fold(value, |v, step| match step {
        Step::Key(k) => v.get(k),
        Step::Index(i) => v.get(i),
    })
}

/// Removes the value at `steps`; false when there is nothing to remove.
fn remove(value: &mut Value, steps: &[Step]) -> bool {
    let Some((last, parents)) = steps.split_last() else {
        return false;
    };
    let parent = parents.iter().try_fold(value, |v, step| match step {
        Step::Key(k) => v.get_mut(k),
        Step::Index(i) => v.get_mut(i),
    });
    match (parent, last) {
        (Some(Value::Object(map)), Step::Key(k)) => map.remove(k).is_some(),
        (Some(Value::Array(items)), Step::Index(i)) if *i < items.len() => {
            items.remove(*i);
            true
        }
        _ => false,
    }
}

/// Names of the file structures as people know them.
const SHAPES: [(&str, &str); 9] = [
    ("struct RangeV1", "an object {\"start\", \"end\"}"),
    ("struct PeriodV1", "an object {\"from\", \"to\"}"),
    ("struct PolicyV1", "a policy object"),
    (
        "struct CountryV1",
        "a country object {\"code\", \"name\", \"region\", \"per_diem\"}",
    ),
    ("struct TravelCostV1", "an object {\"from\", \"to\", \"cost\"}"),
    ("struct ExpertiseV1", "an object {\"area\", \"level\"}"),
    ("struct TrainerV1", "a trainer object"),
    ("struct RequestV1", "a request object"),
    ("struct PinV1", "an object {\"request\", \"trainer\"}"),
];

/// serde's message with Rust type names replaced, quoting the value when serde did not.
fn readable(message: &str, found: Option<&Value>) -> String {
    let mut text = SHAPES
        .iter()
        .fold(message.to_owned(), |m, (rust, shape)| m.replace(rust, shape));
    let quoted = [
        "invalid type",
        "invalid value",
        "unknown",
        "missing field",
        "invalid length",
    ];
    if let Some(v) = found.filter(|_| !quoted.iter().any(|q| message.starts_with(q))) {
        let mut shown = v.to_string();
        if shown.chars().count() > 40 {
            shown = shown.chars().take(40).collect::<String>() + "…";
        }
        text.push_str(&format!(" (found {shown})"));
    }
    text
}

/// Collects diagnostics while items are read one at a time.
#[derive(Default)]
pub struct Reader {
    /// Everything found so far.
    pub diagnostics: Vec<Diagnostic>,
}

impl Reader {
    /// Reads `value` (found at `path`) as a `T`, recording an `E002` for each problem.
    ///
    /// After a problem the offending field is removed and the item read again, so one bad
    /// field does not hide the others (up to a few per item). When the rest reads, the item is
    /// returned so the validation rules still see it; the recorded errors keep it from use.
    pub fn item<T: DeserializeOwned>(&mut self, value: &Value, path: &JsonPath) -> Option<T> {
        let mut value = value.clone();
        let mut removed: Vec<Vec<Step>> = Vec::new();
        for _ in 0..MAX_ERRORS_PER_ITEM {
            let err = match serde_path_to_error::deserialize::<_, T>(&value) {
                Ok(v) => return Some(v),
                Err(err) => err,
            };
            let steps = steps_of(err.path());
            let message = err.into_inner().to_string();
            let artifact = removed.iter().any(|r| {
                r.len() == steps.len() + 1
                    && r.starts_with(&steps)
                    && matches!(r.last(), Some(Step::Key(k)) if message == format!("missing field `{k}`"))
            });
            if artifact {
                return None; // only because a bad required field was taken out
            }
            let message = readable(&message, value_at(&value, &steps));
            let at = JsonPath(path.0.iter().cloned().chain(steps.iter().cloned()).collect());
            self.diagnostics
                .push(Diagnostic::error("E002", at, message.clone(), hint_for(&message)));
            removed.push(steps.clone());
            if steps.is_empty() || !remove(&mut value, &steps) {
                return None;
            }
        }
        None
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

//! One cell to one JSON value, by the kind of its column; wrong kinds of cell are reported.

use serde_json::{json, Value as Json};

use super::grid::Value;
use super::spec::Kind;

/// Why a cell cannot be read as its column's kind: a message and a hint.
#[derive(Debug, PartialEq)]
pub struct Bad {
    /// What is wrong.
    pub message: String,
    /// What to put there.
    pub hint: String,
}

fn bad(message: String, hint: impl Into<String>) -> Bad {
    Bad {
        message,
        hint: hint.into(),
    }
}

/// A number as people write it: `12`, `2.5`.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// The JSON value of a cell of `kind`; `None` for an empty cell.
pub fn read(cell: &Value, kind: Kind, note: &str) -> Result<Option<Json>, Bad> {
    let wrong = |what: String| {
        bad(
            format!("{what} in a cell that takes {}", kind.noun()),
            format!("enter {}: {note}", kind.noun()),
        )
    };
    match (cell, kind) {
        (Value::Empty, _) => Ok(None),
        (Value::Error(e), _) => Err(bad(
            format!("the cell holds the spreadsheet error {e}"),
            format!("fix the formula, or type the value: {note}"),
        )),
        (Value::Text(s), Kind::Text) => Ok(Some(json!(s))),
        (Value::Text(s), Kind::Code) => Ok(Some(json!(s.trim()))),
        (Value::Text(s), Kind::Date) => match chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
            Ok(d) => Ok(Some(json!(d.to_string()))),
            Err(_) => Err(bad(
                format!("`{}` is not a date", s.trim()),
                "enter a date (a date cell), or text YYYY-MM-DD such as 2027-03-15",
            )),
        },
        (Value::Number(n), Kind::Text | Kind::Code) => Ok(Some(json!(number_text(*n)))),
        (Value::Text(s), Kind::Int) => int(s.trim().parse::<f64>().ok(), s, note),
        (Value::Number(n), Kind::Int) => int(Some(*n), &number_text(*n), note),
        (Value::Date(d), Kind::Date) => Ok(Some(json!(d.to_string()))),
        (Value::DateTime(t), Kind::Date) => Err(bad(
            format!("a date with a time of day ({})", t.format("%Y-%m-%d %H:%M")),
            "give the date only, e.g. 2027-03-15",
        )),
        (Value::Number(n), Kind::Date) => Err(bad(
            format!("a number ({}) in a date cell", number_text(*n)),
            "format the cell as a date, or write the date as YYYY-MM-DD",
        )),
        (Value::Text(s), Kind::List) => Ok(list(s)),
        (Value::Number(n), Kind::List) => Ok(Some(json!([number_text(*n)]))),
        (Value::Bool(b), Kind::Bool) => Ok(Some(json!(b))),
        (Value::Text(s), Kind::Bool) => yes_no(s),
        (Value::Date(d), _) => Err(wrong(format!("a date ({d})"))),
        (Value::DateTime(t), _) => Err(wrong(format!("a date ({})", t.format("%Y-%m-%d %H:%M")))),
        (Value::Bool(b), _) => Err(wrong(if *b { "TRUE" } else { "FALSE" }.to_owned())),
        (Value::Number(n), Kind::Bool) => Err(wrong(format!("a number ({})", number_text(*n)))),
    }
}

fn int(n: Option<f64>, shown: &str, note: &str) -> Result<Option<Json>, Bad> {
    match n {
        Some(n) if n.fract() == 0.0 && n.abs() <= 9.0e15 => Ok(Some(json!(n as i64))),
        _ => Err(bad(
            format!("`{shown}` is not a whole number"),
            format!("enter a whole number: {note}"),
        )),
    }
}

fn list(s: &str) -> Option<Json> {
    let items: Vec<&str> = s.split(',').map(str::trim).filter(|x| !x.is_empty()).collect();
    (!items.is_empty()).then(|| json!(items))
}

fn yes_no(s: &str) -> Result<Option<Json>, Bad> {
    match s.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" => Ok(Some(json!(true))),
        "no" | "n" | "false" => Ok(Some(json!(false))),
        _ => Err(bad(format!("`{}` is not yes or no", s.trim()), "enter yes or no")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_of_cells() {
        let d = chrono::NaiveDate::from_ymd_opt(2027, 3, 15).unwrap();
        assert_eq!(
            read(&Value::Date(d), Kind::Date, ""),
            Ok(Some(json!("2027-03-15")))
        );
        assert_eq!(
            read(&Value::Text(" 12 ".into()), Kind::Int, ""),
            Ok(Some(json!(12)))
        );
        assert_eq!(
            read(&Value::Number(1001.0), Kind::Text, ""),
            Ok(Some(json!("1001")))
        );
        assert_eq!(
            read(&Value::Text("en, fr,".into()), Kind::List, ""),
            Ok(Some(json!(["en", "fr"])))
        );
        assert_eq!(
            read(&Value::Text("No".into()), Kind::Bool, ""),
            Ok(Some(json!(false)))
        );
        assert!(read(&Value::Date(d), Kind::Code, "").is_err());
        assert!(read(&Value::Number(2.5), Kind::Int, "").is_err());
        assert!(read(&Value::Number(46000.0), Kind::Date, "").is_err());
        assert_eq!(
            read(&Value::Text("2027-3-5".into()), Kind::Date, ""),
            Ok(Some(json!("2027-03-05")))
        );
        assert!(read(&Value::Text("31/03/2027".into()), Kind::Date, "").is_err());
        assert!(read(&Value::Text("2027-02-30".into()), Kind::Date, "").is_err());
    }
}

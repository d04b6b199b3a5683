//! The `settings` sheet: one row per setting → name, horizon and policy.

use std::collections::BTreeMap;

use serde_json::{Map, Value as Json};

use super::{normalise, Builder};
use crate::validate::Step;
use crate::workbook::grid::{Table, Value};
use crate::workbook::spec::{self, Choices, Kind, SETTINGS, SETTING_ROWS};

impl Builder<'_> {
    /// Reads the settings sheet into `top` (name, horizon, policy).
    pub(super) fn settings(&mut self, top: &mut Map<String, Json>) {
        let Some(table) = self.tables.get(SETTINGS).copied() else {
            return;
        };
        let key_col = spec::col("setting", Kind::Text, true, Choices::Free, "the setting's name");
        let value_col = spec::col("value", Kind::Text, true, Choices::Free, "its value");
        let found = self.columns(table, &[key_col, value_col], &["about"]);
        let (Some(&k), Some(&v)) = (found.get("setting"), found.get("value")) else {
            ["name", "horizon"].iter().for_each(|key| self.suppress(&[], key));
            return;
        };
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        let (mut horizon, mut policy) = (Map::new(), Map::new());
        for row in &table.rows {
            let raw = match Table::cell(&row.1, k) {
                Value::Text(s) => normalise(s),
                _ => String::new(),
            };
            let place = self.place(SETTINGS, Some(row.0), Some(k), Some("setting"));
            let Some(&(name, kind, required, _, note)) = SETTING_ROWS.iter().find(|s| s.0 == raw) else {
                let names: Vec<&str> = SETTING_ROWS.iter().map(|s| s.0).collect();
                let hint = format!("use one of: {}", names.join(", "));
                self.error("E056", place, format!("unknown setting `{raw}`"), hint);
                continue;
            };
            if let Some(first) = seen.insert(name, row.0) {
                let message = format!("setting `{name}` is given twice (first on row {first})");
                self.error("E056", place, message, "keep one of the rows".into());
                continue;
            }
            let path = setting_path(name);
            self.places
                .map
                .insert(path[..1].to_vec(), self.place(SETTINGS, Some(row.0), None, None));
            let column = spec::col(name, kind, required, Choices::Free, note);
            let Some(value) = self.cell(table, row, &column, Some(v), path.clone()) else {
                continue;
            };
            match path.as_slice() {
                [_, Step::Key(key)] if name.starts_with("horizon") => horizon.insert(key.clone(), value),
                [_, Step::Key(key)] => policy.insert(key.clone(), value),
                _ => top.insert("name".into(), value),
            };
        }
        self.missing_settings(&seen, top, horizon, policy);
    }

    fn missing_settings(
        &mut self,
        seen: &BTreeMap<&str, usize>,
        top: &mut Map<String, Json>,
        horizon: Map<String, Json>,
        policy: Map<String, Json>,
    ) {
        for (name, _, _, _, note) in SETTING_ROWS.iter().filter(|s| s.2 && !seen.contains_key(s.0)) {
            let place = self.place(SETTINGS, None, None, None);
            let hint =
                format!("add a row with `{name}` in the `setting` column and, under `value`, the {note}");
            self.error("E057", place, format!("missing setting `{name}`"), hint);
            let path = setting_path(name);
            if let Some((Step::Key(k), parent)) = path.split_last() {
                self.suppress(parent, k);
            }
        }
        if !horizon.is_empty() {
            top.insert("horizon".into(), Json::Object(horizon));
        } else {
            self.suppress(&[], "horizon");
        }
        if !policy.is_empty() {
            top.insert("policy".into(), Json::Object(policy));
        }
    }
}

/// The JSON path of a setting.
fn setting_path(name: &str) -> Vec<Step> {
    let key = |k: &str| Step::Key(k.to_owned());
    match name {
        "name" => vec![key("name")],
        "horizon_start" => vec![key("horizon"), key("start")],
        "horizon_end" => vec![key("horizon"), key("end")],
        policy => vec![key("policy"), key(policy)],
    }
}

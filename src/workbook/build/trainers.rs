//! Trainer details from two places: `areas`/`ace_areas` → expertise, and the
//! `unavailability` sheet → each trainer's unavailable periods.

use std::collections::BTreeMap;

use serde_json::{Map, Value as Json};

use super::{key, Builder};
use crate::validate::Step;
use crate::workbook::cells;
use crate::workbook::grid::{Row, Table};
use crate::workbook::spec;

impl Builder<'_> {
    /// `areas` and `ace_areas` → `expertise` [{area, level}], in the order of `areas`, then the
    /// ace areas not listed there.
    pub(super) fn expertise(&mut self, cells: &mut BTreeMap<&str, Json>, path: &[Step]) {
        let strings = |v: Option<Json>| -> Vec<String> {
            v.and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default()
        };
        let (areas, ace) = (strings(cells.remove("areas")), strings(cells.remove("ace_areas")));
        if areas.is_empty() && ace.is_empty() {
            return;
        }
        let base = [path.to_vec(), vec![Step::Key("expertise".into())]].concat();
        let areas_place = self.places.map.get(&base).cloned();
        let ace_place = self
            .places
            .map
            .get(&[base.clone(), vec![Step::Key("ace".into())]].concat())
            .cloned();
        let extra = ace.iter().filter(|a| !areas.contains(a)).cloned();
        let list: Vec<String> = areas.iter().cloned().chain(extra).collect();
        let mut items = Vec::new();
        for (j, area) in list.iter().enumerate() {
            let is_ace = ace.contains(area);
            let item = [base.clone(), vec![Step::Index(j)]].concat();
            let place = if j < areas.len() {
                areas_place.clone()
            } else {
                ace_place.clone()
            };
            let level_place = if is_ace {
                ace_place.clone()
            } else {
                areas_place.clone()
            };
            if let Some(p) = place {
                self.places.map.insert(item.clone(), p);
            }
            if let Some(p) = level_place {
                self.places
                    .map
                    .insert([item, vec![Step::Key("level".into())]].concat(), p);
            }
            let level = if is_ace { "ace" } else { "mt" };
            items.push(serde_json::json!({"area": area, "level": level}));
        }
        cells.insert("areas", Json::Array(items));
    }

    /// Attaches each `unavailability` row to its trainer as `unavailable` [{from, to}].
    pub(super) fn unavailability(&mut self, trainers: &mut [Json]) {
        let Some(sheet) = spec::sheet("unavailability") else {
            return;
        };
        let Some(table) = self.tables.get(sheet.name).copied() else {
            return;
        };
        let found = self.columns(table, sheet.columns, &[]);
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        for (i, t) in trainers.iter().enumerate() {
            if let Some(id) = t.get("id").and_then(Json::as_str) {
                index.entry(id.to_owned()).or_insert(i);
            }
        }
        let trainer_col = found.get("trainer").copied();
        for row in &table.rows {
            let Some(t) = self.period_owner(table, row, trainer_col, &index) else {
                continue;
            };
            let periods = trainers[t]
                .as_object_mut()
                .map(|o| o.entry("unavailable").or_insert_with(|| Json::Array(Vec::new())));
            let j = periods.as_ref().and_then(|p| p.as_array()).map_or(0, Vec::len);
            let path = vec![
                key("trainers"),
                Step::Index(t),
                key("unavailable"),
                Step::Index(j),
            ];
            self.places
                .map
                .insert(path.clone(), self.place(&table.name, Some(row.0), None, None));
            let mut period = Map::new();
            for column in &sheet.columns[1..] {
                let at = [path.clone(), vec![Step::Key(column.header.into())]].concat();
                if !found.contains_key(column.header) {
                    self.suppress(&path, column.header);
                }
                if let Some(v) = self.cell(table, row, column, found.get(column.header).copied(), at) {
                    period.insert(column.header.into(), v);
                }
            }
            if let Some(Json::Array(list)) = trainers[t].get_mut("unavailable") {
                list.push(Json::Object(period));
            }
        }
    }

    /// The index of the trainer a period row belongs to; reports an empty or unknown id.
    fn period_owner(
        &mut self,
        table: &Table,
        row: &Row,
        at: Option<usize>,
        index: &BTreeMap<String, usize>,
    ) -> Option<usize> {
        let at = at?;
        let place = self.place(&table.name, Some(row.0), Some(at), Some("trainer"));
        let cell = Table::cell(&row.1, at);
        let column = spec::SHEETS[1].columns[0];
        let id = match cells::read(cell, column.kind, column.note) {
            Ok(Some(Json::String(id))) => id,
            Ok(_) => {
                let hint = "enter the id of a trainer in the trainers sheet".to_owned();
                self.error("E054", place, "empty cell: `trainer` is required".into(), hint);
                return None;
            }
            Err(bad) => {
                self.error("E054", place, bad.message, bad.hint);
                return None;
            }
        };
        let found = index.get(&id).copied();
        if found.is_none() {
            let hint = "use the id of a trainer in the trainers sheet".to_owned();
            self.error("E055", place, format!("unknown trainer `{id}`"), hint);
        }
        found
    }
}

//! Applies a scenario's edits, in order, to the base problem's file structures. Every id an
//! edit names is checked against the problem as the earlier edits left it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::edits::*;
use super::read::{located, Read};
use crate::format::from_model::to_file;
use crate::format::problem_v1::{ProblemOut, RequestV1, TrainerV1};
use crate::model::Problem;
use crate::validate::{Diagnostic, JsonPath};
use filters::{scale_budgets, windows};

mod filters;

/// Which edits touched what, so that findings about the edited problem name their edits.
#[derive(Clone, Debug, Default)]
pub struct Touched {
    /// By trainer id.
    pub trainers: BTreeMap<String, BTreeSet<usize>>,
    /// By request id.
    pub requests: BTreeMap<String, BTreeSet<usize>>,
    /// Edits that changed the policy.
    pub policy: BTreeSet<usize>,
}

/// The edited problem file and what was found on the way.
pub struct Applied {
    /// The problem after every edit.
    pub file: ProblemOut,
    /// Which edits touched what.
    pub touched: Touched,
    /// Errors and warnings about the edits themselves.
    pub diagnostics: Vec<Diagnostic>,
}

struct Ctx<'a> {
    read: &'a Read,
    text: &'a str,
    file: ProblemOut,
    touched: Touched,
    out: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn error(&mut self, i: usize, key: &str, code: &'static str, message: String, hint: String) {
        let path = JsonPath::root().key("edit").index(i).key(key);
        let d = Diagnostic::error(code, path, message, hint);
        self.out.push(located(d, self.text, self.read.place(i, key)));
    }

    fn warning(&mut self, i: usize, key: &str, code: &'static str, message: String, hint: &str) {
        let path = JsonPath::root().key("edit").index(i).key(key);
        let d = Diagnostic::warning(code, path, message, hint);
        self.out.push(located(d, self.text, self.read.place(i, key)));
    }

    fn trainer_index(&mut self, i: usize, key: &str, id: &str) -> Option<usize> {
        let found = self.file.trainers.iter().position(|t| t.id == id);
        if found.is_none() {
            self.error(
                i,
                key,
                "S010",
                format!("unknown trainer `{id}`"),
                "use the id of a trainer of the base problem, or of one added by an earlier edit".into(),
            );
        }
        found
    }

    fn request_index(&mut self, i: usize, key: &str, id: &str) -> Option<usize> {
        let found = self.file.requests.iter().position(|r| r.id == id);
        if found.is_none() {
            self.error(
                i,
                key,
                "S011",
                format!("unknown request `{id}`"),
                "use the id of a request of the base problem, or of one added by an earlier edit".into(),
            );
        }
        found
    }

    fn touch_trainer(&mut self, id: &str, i: usize) {
        self.touched.trainers.entry(id.to_owned()).or_default().insert(i);
    }

    fn touch_request(&mut self, id: &str, i: usize) {
        self.touched.requests.entry(id.to_owned()).or_default().insert(i);
    }

    fn region_of(&self, country: &str) -> Option<&str> {
        let countries = self.file.countries.as_deref().unwrap_or_default();
        countries
            .iter()
            .find(|c| c.code == country)
            .map(|c| c.region.as_str())
    }

    /// Checks a region and a country named by a filter.
    fn check_place(&mut self, i: usize, region: Option<&str>, country: (&str, Option<&str>)) {
        let countries = self.file.countries.clone().unwrap_or_default();
        if let Some(region) = region.filter(|g| !countries.iter().any(|c| c.region == *g)) {
            let known: BTreeSet<&str> = countries.iter().map(|c| c.region.as_str()).collect();
            let known = known.into_iter().collect::<Vec<_>>().join(", ");
            self.error(
                i,
                "region",
                "S012",
                format!("unknown region `{region}`"),
                format!("use a region of the problem's country table: {known}"),
            );
        }
        if let Some(code) = country.1.filter(|k| !countries.iter().any(|c| c.code == *k)) {
            self.error(
                i,
                country.0,
                "S012",
                format!("unknown country `{code}`"),
                "use the ISO 3166 alpha-2 code of a country in the problem's country table (e.g. KE)".into(),
            );
        }
    }
}

/// Applies every edit of `read` to `base`.
pub fn apply(base: &Problem, read: &Read, text: &str) -> Applied {
    let mut ctx = Ctx {
        read,
        text,
        file: to_file(base),
        touched: Touched::default(),
        out: Vec::new(),
    };
    for (i, edit) in read.scenario.edits.iter().enumerate() {
        apply_one(&mut ctx, i, edit);
    }
    Applied {
        file: ctx.file,
        touched: ctx.touched,
        diagnostics: ctx.out,
    }
}

fn apply_one(ctx: &mut Ctx<'_>, i: usize, edit: &Edit) {
    match edit {
        Edit::RemoveTrainers(ids) => remove_trainers(ctx, i, ids),
        Edit::AddTrainer(t) => add_trainer(ctx, i, t),
        Edit::ChangeTrainer(c) => change_trainer(ctx, i, c),
        Edit::AddUnavailable { trainer, from, to } => {
            if let Some(t) = ctx.trainer_index(i, "trainer", trainer) {
                let period = crate::format::problem_v1::PeriodV1 { from: *from, to: *to };
                ctx.file.trainers[t].unavailable.push(period);
                ctx.touch_trainer(trainer, i);
            }
        }
        Edit::RemoveUnavailable { trainer, from, to } => {
            if let Some(t) = ctx.trainer_index(i, "trainer", trainer) {
                let (from, to) = (from.unwrap_or(NaiveDate::MIN), to.unwrap_or(NaiveDate::MAX));
                ctx.file.trainers[t]
                    .unavailable
                    .retain(|u| u.to < from || u.from > to);
                ctx.touch_trainer(trainer, i);
            }
        }
        Edit::ScaleBudgets { factor, filter } => scale_budgets(ctx, i, *factor, filter),
        Edit::RemoveRequests(ids) => remove_requests(ctx, i, ids),
        Edit::AddRequest(r) => add_request(ctx, i, r),
        Edit::MoveWindows { days, filter } => windows(ctx, i, filter, (*days, *days), true),
        Edit::WidenWindows {
            before,
            after,
            filter,
        } => windows(ctx, i, filter, (-*before, *after), false),
        Edit::SetPolicy(p) => set_policy(ctx, i, p),
        Edit::AddPin(pin) => {
            let t = ctx.trainer_index(i, "trainer", &pin.trainer);
            let r = ctx.request_index(i, "request", &pin.request);
            if t.is_some() && r.is_some() {
                ctx.file.pinned.push(pin.clone());
                ctx.touch_request(&pin.request, i);
            }
        }
        Edit::RemovePins { request, trainer } => remove_pins(ctx, i, request, trainer.as_deref()),
    }
}

fn remove_trainers(ctx: &mut Ctx<'_>, i: usize, ids: &[String]) {
    let key = if ids.len() == 1 && ctx.read.spans[i].fields.contains_key("trainer") {
        "trainer"
    } else {
        "trainers"
    };
    for id in ids {
        if ctx.trainer_index(i, key, id).is_some() {
            ctx.file.trainers.retain(|t| &t.id != id);
            ctx.file.pinned.retain(|p| &p.trainer != id);
            ctx.touched.trainers.remove(id);
        }
    }
}

fn remove_requests(ctx: &mut Ctx<'_>, i: usize, ids: &[String]) {
    let key = if ids.len() == 1 && ctx.read.spans[i].fields.contains_key("request") {
        "request"
    } else {
        "requests"
    };
    for id in ids {
        if ctx.request_index(i, key, id).is_some() {
            ctx.file.requests.retain(|r| &r.id != id);
            ctx.file.pinned.retain(|p| &p.request != id);
            ctx.touched.requests.remove(id);
        }
    }
}

fn add_trainer(ctx: &mut Ctx<'_>, i: usize, t: &TrainerV1) {
    if ctx.file.trainers.iter().any(|x| x.id == t.id) {
        let msg = format!("trainer `{}` already exists", t.id);
        ctx.error(
            i,
            "id",
            "S013",
            msg,
            "give the new trainer an id of its own".into(),
        );
        return;
    }
    ctx.file.trainers.push(t.clone());
    ctx.touch_trainer(&t.id, i);
}

fn add_request(ctx: &mut Ctx<'_>, i: usize, r: &RequestV1) {
    if ctx.file.requests.iter().any(|x| x.id == r.id) {
        let msg = format!("request `{}` already exists", r.id);
        ctx.error(
            i,
            "id",
            "S013",
            msg,
            "give the new request an id of its own".into(),
        );
        return;
    }
    ctx.file.requests.push(r.clone());
    ctx.touch_request(&r.id, i);
}

fn change_trainer(ctx: &mut Ctx<'_>, i: usize, c: &TrainerChange) {
    let Some(t) = ctx.trainer_index(i, "trainer", &c.trainer) else {
        return;
    };
    let trainer = &mut ctx.file.trainers[t];
    if let Some(days) = c.max_days {
        trainer.max_days = Some(days);
    }
    if let Some(langs) = &c.languages {
        trainer.languages = langs.clone();
    }
    for l in c.add_languages.iter().flatten() {
        if !trainer.languages.contains(l) {
            trainer.languages.push(l.clone());
        }
    }
    if let Some(drop) = &c.remove_languages {
        trainer.languages.retain(|l| !drop.contains(l));
    }
    if let Some(e) = &c.expertise {
        trainer.expertise = e.clone();
    }
    for e in c.add_expertise.iter().flatten() {
        trainer.expertise.retain(|x| x.area != e.area);
        trainer.expertise.push(e.clone());
    }
    if let Some(drop) = &c.remove_areas {
        trainer.expertise.retain(|x| !drop.contains(&x.area));
    }
    if let Some(travels) = c.travels {
        trainer.travels = travels;
    }
    ctx.touch_trainer(&c.trainer, i);
}

fn set_policy(ctx: &mut Ctx<'_>, i: usize, p: &PolicyChange) {
    let policy = &mut ctx.file.policy;
    if let Some(v) = p.min_gap_days {
        policy.min_gap_days = v;
    }
    if let Some(v) = p.max_days {
        policy.max_days = v;
    }
    if let Some(v) = &p.start_weekdays {
        policy.start_weekdays = v.clone();
    }
    if let Some(v) = p.regional_fare {
        policy.regional_fare = v;
    }
    if let Some(v) = p.interregional_fare {
        policy.interregional_fare = v;
    }
    ctx.touched.policy.insert(i);
}

fn remove_pins(ctx: &mut Ctx<'_>, i: usize, request: &str, trainer: Option<&str>) {
    if ctx.request_index(i, "request", request).is_none() {
        return;
    }
    if let Some(t) = trainer {
        ctx.trainer_index(i, "trainer", t);
    }
    let before = ctx.file.pinned.len();
    ctx.file
        .pinned
        .retain(|p| !(p.request == request && trainer.is_none_or(|t| p.trainer == t)));
    if ctx.file.pinned.len() == before {
        let msg = format!("no pin on `{request}` to remove");
        ctx.warning(i, "request", "S101", msg, "check the request and trainer");
    }
}

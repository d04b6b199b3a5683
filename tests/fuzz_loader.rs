//! Property tests of the problem loader: whatever the bytes, `parse_problem` must not panic;
//! a refusal is always `LoadError::Invalid` with a located diagnostic; and a problem it
//! accepts (when small) must solve without panic into a schedule the checker accepts.
//!
//! Three sources of input: (a) arbitrary bytes, (b) a valid problem with random byte
//! insertions, deletions and replacements, (c) a valid problem as a JSON value with random
//! members deleted, replaced by random JSON values or added.

use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Map, Value};

use mtplan::model::Problem;
use mtplan::validate::{parse_problem, LoadError};
use mtplan::{checker, solver};

/// A valid problem with five trainers, four requests and a pin.
const BASE: &str = include_str!("fixtures/verify/problem.json");

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Do not write regression files into the repository; a failure prints its input.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Whether solving `p` is quick enough for a property test.
fn small(p: &Problem) -> bool {
    let span = |from: chrono::NaiveDate, to: chrono::NaiveDate| (to - from).num_days();
    p.trainers.len() <= 12
        && p.requests.len() <= 12
        && span(p.horizon.from, p.horizon.to) <= 800
        && p.requests
            .iter()
            .all(|r| span(r.earliest_start, r.latest_end) <= 800)
}

/// The loader's contract on `bytes`; solves and checks what it accepts when small.
fn loader_contract(bytes: &[u8]) -> Result<(), TestCaseError> {
    match parse_problem(bytes, "fuzz.json") {
        Err(LoadError::Invalid(report)) => {
            prop_assert_eq!(&report.file, "fuzz.json");
            prop_assert!(report.errors() >= 1, "a refusal lists an error: {}", report);
            prop_assert!(
                report.diagnostics.iter().any(|d| d.location.is_some()),
                "no diagnostic has a location:\n{}",
                report
            );
            let lines = bytes.iter().filter(|b| **b == b'\n').count() + 1;
            for d in &report.diagnostics {
                if let Some(l) = d.location {
                    prop_assert!(l.offset <= bytes.len(), "offset past the end: {:?}", d);
                    prop_assert!(
                        (1..=lines).contains(&l.line) && l.column >= 1,
                        "impossible line or column: {:?}",
                        d
                    );
                }
            }
        }
        Err(other) => prop_assert!(false, "unexpected error kind: {other}"),
        Ok(loaded) => {
            prop_assert_eq!(loaded.report.errors(), 0);
            let problem = &loaded.problem;
            if small(problem) {
                // No time limit: a limited solve could end differently on a slower machine.
                // These problems (12 trainers and 12 requests at most) solve in milliseconds.
                match solver::solve(problem, &solver::Options::default()) {
                    Ok(schedule) => {
                        let violations = checker::check(problem, &schedule);
                        prop_assert!(
                            violations.is_empty(),
                            "the solver's schedule breaks rules: {:?}\nproblem: {}",
                            violations,
                            String::from_utf8_lossy(bytes)
                        );
                    }
                    Err(solver::SolveError::Infeasible(_)) => {}
                    Err(e) => prop_assert!(
                        false,
                        "solver failed: {e}\nproblem: {}",
                        String::from_utf8_lossy(bytes)
                    ),
                }
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// (b) byte mutations
// ---------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
enum ByteEdit {
    Insert(Index, u8),
    Delete(Index),
    Replace(Index, u8),
}

fn json_byte() -> impl Strategy<Value = u8> {
    const JSONISH: &[u8] = b"{}[]:,\"\\-+.0123456789eE tfn\n";
    prop_oneof![
        3 => proptest::sample::select(JSONISH),
        1 => any::<u8>(),
        1 => proptest::sample::select(&[0x80u8, 0xa0, 0xc3, 0xe2, 0xff][..]),
    ]
}

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    prop_oneof![
        (any::<Index>(), json_byte()).prop_map(|(i, b)| ByteEdit::Insert(i, b)),
        any::<Index>().prop_map(ByteEdit::Delete),
        (any::<Index>(), json_byte()).prop_map(|(i, b)| ByteEdit::Replace(i, b)),
    ]
}

fn apply_bytes(mut bytes: Vec<u8>, edits: &[ByteEdit]) -> Vec<u8> {
    for edit in edits {
        match *edit {
            ByteEdit::Insert(i, b) => {
                let at = i.index(bytes.len() + 1);
                bytes.insert(at, b);
            }
            ByteEdit::Delete(i) if !bytes.is_empty() => {
                let at = i.index(bytes.len());
                bytes.remove(at);
            }
            ByteEdit::Replace(i, b) if !bytes.is_empty() => {
                let at = i.index(bytes.len());
                bytes[at] = b;
            }
            _ => {}
        }
    }
    bytes
}

// ---------------------------------------------------------------------------------------
// (c) JSON value mutations
// ---------------------------------------------------------------------------------------

/// Words of the problem format, so that replacements often parse and reach validation.
const WORDS: &[&str] = &[
    "",
    "KE",
    "UG",
    "ZM",
    "SN",
    "XX",
    "ke",
    "roo",
    "hs",
    "pca",
    "geoint",
    "en",
    "fr",
    "EN",
    "mon",
    "tue",
    "sun",
    "mt",
    "ace",
    "national",
    "regional",
    "partner",
    "refresher",
    "R-1",
    "R-2",
    "R-4",
    "R-9",
    "KE-01",
    "KE-02",
    "UG-03",
    "ZZ-99",
    "East Africa",
    "Southern Africa",
    "Atlantis",
];

const DATES: &[&str] = &[
    "2027-01-01",
    "2027-02-01",
    "2027-02-08",
    "2027-02-15",
    "2027-02-28",
    "2027-03-01",
    "2027-04-05",
    "2027-12-31",
    "2026-12-28",
    "2028-01-03",
    "0001-01-01",
    "9999-12-31",
    "+262142-12-31",
    "-262143-01-01",
    "2027-02-29",
    "2027-13-01",
];

const NUMBERS: &[i64] = &[
    0,
    1,
    365,
    366,
    367,
    -1,
    u32::MAX as i64,
    u32::MAX as i64 + 1,
    i64::MAX,
    i64::MIN,
];

const KEYS: &[&str] = &[
    "id", "name", "min", "max", "from", "to", "start", "end", "area", "level", "code", "region", "per_diem",
    "cost", "extra",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-3i64..40).prop_map(Value::from),
        proptest::sample::select(NUMBERS).prop_map(Value::from),
        Just(Value::from(u64::MAX)),
        (-1.0e3f64..1.0e3).prop_map(Value::from),
        proptest::sample::select(WORDS).prop_map(Value::from),
        proptest::sample::select(DATES).prop_map(Value::from),
        "[a-z0-9 é-]{0,6}".prop_map(Value::from),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec((proptest::sample::select(KEYS), inner), 0..4).prop_map(|members| {
                Value::Object(
                    members
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect::<Map<String, Value>>(),
                )
            }),
        ]
    })
}

#[derive(Clone, Debug)]
enum ValueEdit {
    /// Replace a scalar by another of the same JSON type (number, date, word, bool).
    Tweak(Index, i64, &'static str, &'static str, bool),
    Delete(Index),
    Replace(Index, Value),
    Add(Index, String, Value),
}

fn value_edit() -> impl Strategy<Value = ValueEdit> {
    let key = prop_oneof![
        proptest::sample::select(KEYS).prop_map(str::to_owned),
        proptest::sample::select(
            &[
                "pinned",
                "policy",
                "countries",
                "travel_costs",
                "unavailable",
                "fixed_start",
                "leads",
                "regions",
                "max_same_country",
                "start_weekdays",
                "max_days",
                "travels",
                "priority"
            ][..]
        )
        .prop_map(str::to_owned),
    ];
    let number = prop_oneof![-3i64..40, proptest::sample::select(NUMBERS)];
    let tweak = (
        any::<Index>(),
        number,
        proptest::sample::select(DATES),
        proptest::sample::select(WORDS),
        any::<bool>(),
    )
        .prop_map(|(i, n, d, w, b)| ValueEdit::Tweak(i, n, d, w, b));
    prop_oneof![
        6 => tweak,
        2 => any::<Index>().prop_map(ValueEdit::Delete),
        4 => (any::<Index>(), json_value()).prop_map(|(i, v)| ValueEdit::Replace(i, v)),
        1 => (any::<Index>(), key, json_value()).prop_map(|(i, k, v)| ValueEdit::Add(i, k, v)),
    ]
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    At(usize),
}

/// Every path in `v`, the root (empty path) first.
fn paths(v: &Value, prefix: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(prefix.clone());
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                prefix.push(Step::Key(k.clone()));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                prefix.push(Step::At(i));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn node_mut<'v>(mut v: &'v mut Value, path: &[Step]) -> &'v mut Value {
    for step in path {
        v = match step {
            Step::Key(k) => &mut v[k.as_str()],
            Step::At(i) => &mut v[*i],
        };
    }
    v
}

fn apply_value(mut root: Value, edits: &[ValueEdit]) -> Value {
    for edit in edits {
        let mut all = Vec::new();
        paths(&root, &mut Vec::new(), &mut all);
        match edit {
            ValueEdit::Tweak(i, n, d, w, b) => {
                let scalars: Vec<&Vec<Step>> = all
                    .iter()
                    .filter(|p| {
                        let mut v = &root;
                        for step in p.iter() {
                            v = match step {
                                Step::Key(k) => &v[k.as_str()],
                                Step::At(n) => &v[*n],
                            };
                        }
                        !(v.is_object() || v.is_array())
                    })
                    .collect();
                if scalars.is_empty() {
                    continue;
                }
                let path = scalars[i.index(scalars.len())].clone();
                let node = node_mut(&mut root, &path);
                *node = match node {
                    Value::Number(_) => Value::from(*n),
                    Value::String(s) if s.len() == 10 && s.as_bytes()[4] == b'-' => Value::from(*d),
                    Value::String(_) => Value::from(*w),
                    Value::Bool(_) => Value::from(*b),
                    _ => Value::Null,
                };
            }
            ValueEdit::Delete(i) => {
                // Never the root: deleting it is the same as replacing it.
                if all.len() < 2 {
                    continue;
                }
                let path = &all[1 + i.index(all.len() - 1)];
                let (last, parent) = path.split_last().expect("not the root");
                match (node_mut(&mut root, parent), last) {
                    (Value::Object(map), Step::Key(k)) => {
                        map.shift_remove(k);
                    }
                    (Value::Array(items), Step::At(n)) => {
                        items.remove(*n);
                    }
                    _ => {}
                }
            }
            ValueEdit::Replace(i, value) => {
                *node_mut(&mut root, &all[i.index(all.len())]) = value.clone();
            }
            ValueEdit::Add(i, key, value) => match node_mut(&mut root, &all[i.index(all.len())]) {
                Value::Object(map) => {
                    map.insert(key.clone(), value.clone());
                }
                Value::Array(items) => items.push(value.clone()),
                _ => {}
            },
        }
    }
    root
}

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

#[test]
fn the_base_problem_loads_and_solves() {
    loader_contract(BASE.as_bytes()).expect("contract holds");
    assert!(parse_problem(BASE.as_bytes(), "fuzz.json").is_ok());
}

#[test]
fn edge_inputs_keep_the_contract() {
    for bytes in [
        &b""[..],
        b" ",
        b"\n\n\n",
        b"null",
        b"{}",
        b"[]",
        b"\"text\"",
        b"{\"name\": 1",
        b"\xff\xfe{}",
        b"\xef\xbb\xbf{}",
        b"{\"trainers\": {}, \"requests\": 5, \"pinned\": \"x\", \"countries\": null}",
        b"{\"name\": \"x\", \"horizon\": {\"start\": \"+262142-12-31\", \"end\": \"+262142-12-31\"}, \"trainers\": [], \"requests\": []}",
    ] {
        loader_contract(bytes).unwrap_or_else(|e| {
            panic!("{e} for input {:?}", String::from_utf8_lossy(bytes))
        });
    }
}

proptest! {
    #![proptest_config(config(4000))]

    /// (a) Arbitrary bytes.
    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        loader_contract(&bytes)?;
    }

    /// (a') Arbitrary JSON documents.
    #[test]
    fn arbitrary_json(value in json_value()) {
        loader_contract(value.to_string().as_bytes())?;
    }
}

proptest! {
    #![proptest_config(config(10000))]

    /// (b) The valid problem with random byte edits.
    #[test]
    fn mutated_bytes(edits in proptest::collection::vec(byte_edit(), 1..6)) {
        let bytes = apply_bytes(BASE.as_bytes().to_vec(), &edits);
        loader_contract(&bytes)?;
    }
}

proptest! {
    #![proptest_config(config(10000))]

    /// (c) The valid problem with random members deleted, replaced or added.
    #[test]
    fn mutated_values(edits in proptest::collection::vec(value_edit(), 1..4), pretty in any::<bool>()) {
        let base: Value = serde_json::from_str(BASE).expect("base parses");
        let value = apply_value(base, &edits);
        let text = if pretty {
            serde_json::to_string_pretty(&value).expect("serialises")
        } else {
            value.to_string()
        };
        loader_contract(text.as_bytes())?;
    }
}

// ---------------------------------------------------------------------------------------
// Known bugs found while fuzzing by hand
// ---------------------------------------------------------------------------------------

/// The exact cost of a schedule, in u128 so that nothing can overflow.
fn exact_cost(p: &Problem, s: &mtplan::model::Schedule) -> u128 {
    let mut total = 0u128;
    for a in &s.scheduled {
        let r = p.request(&a.request).expect("known request");
        for id in &a.trainers {
            let t = p.trainer(id).expect("known trainer");
            if t.country == r.host {
                continue;
            }
            let fare = match p.fares.between.get(&(t.country.clone(), r.host.clone())) {
                Some(f) => *f,
                None if p.region_of(&t.country) == p.region_of(&r.host) => p.fares.regional,
                None => p.fares.interregional,
            };
            let per_diem = p.countries.get(&r.host).map_or(0, |c| c.per_diem);
            total += u128::from(fare) + u128::from(per_diem) * u128::from(r.duration_days);
        }
    }
    total
}

#[test]
fn a_huge_fare_is_refused_or_costed_exactly() {
    let mut v: Value = serde_json::from_str(BASE).expect("base parses");
    v["policy"]["interregional_fare"] = Value::from(u64::MAX);
    let text = serde_json::to_string_pretty(&v).expect("serialises");
    match parse_problem(text.as_bytes(), "fuzz.json") {
        Err(LoadError::Invalid(report)) => assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.path.to_string() == "policy.interregional_fare"),
            "{report}"
        ),
        Err(e) => panic!("{e}"),
        Ok(loaded) => {
            let schedule = solver::solve(&loaded.problem, &solver::Options::default()).expect("solves");
            let claimed = schedule.objective.expect("objective").cost;
            assert_eq!(
                u128::from(claimed),
                exact_cost(&loaded.problem, &schedule),
                "the claimed cost is not the real cost"
            );
        }
    }
}

//! The layering of `src/`, kept by a test. Top-level modules sit in layers, lowest first; a
//! module may use modules of its own layer or below, never above; the uses between top-level
//! modules have no cycle; the independent checker uses the model alone; `unsafe` code lives in
//! one audited file; files and solver functions stay small enough to read.
//!
//! Uses are read from the source text: every `crate::name` path and `crate::{a, b}` group
//! outside comments and outside `#[cfg(test)]` test modules (tests may build problems with the
//! generator, for example, without the library depending on it).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;

/// Layers, lowest first.
const LAYERS: &[&[&str]] = &[
    &["model", "files"],
    &["checker", "eligibility"],
    &["solver"],
    &["format", "validate"],
    &["workbook", "scenario", "replan", "generate", "input"],
    &["explain", "diff", "ics", "report", "plan"],
    &["bench"],
    &["cli"],
];

/// The one module allowed `unsafe` code: the HiGHS calls the safe `highs` crate does not expose.
const UNSAFE_MODULE: &str = "solver/highs/ffi/";

const MAX_FILE_LINES: usize = 400;
const MAX_SOLVER_FN_LINES: usize = 80;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

fn top_modules() -> BTreeSet<String> {
    std::fs::read_dir(src())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

/// The library code of a file: comments, test modules and `tests.rs` files left out.
fn library_code(path: &Path, text: &str) -> String {
    if path.file_name().is_some_and(|n| n == "tests.rs") {
        return String::new();
    }
    let mut code = String::new();
    let mut skip_depth: Option<i32> = None;
    let mut depth = 0i32;
    let mut pending_cfg_test = false;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("//") {
            continue;
        }
        let line = line.split(" //").next().unwrap_or(line);
        if t.starts_with("#[cfg(test)]") {
            pending_cfg_test = true;
            continue;
        }
        let opens = line.matches('{').count() as i32;
        let closes = line.matches('}').count() as i32;
        if pending_cfg_test && t.starts_with("mod ") {
            pending_cfg_test = false;
            if opens > closes {
                skip_depth = Some(depth);
            }
            depth += opens - closes;
            continue;
        }
        pending_cfg_test = false;
        depth += opens - closes;
        match skip_depth {
            Some(d) if depth <= d => skip_depth = None,
            Some(_) => {}
            None => {
                code.push_str(line);
                code.push('\n');
            }
        }
    }
    code
}

/// The top-level modules `code` names through `crate::`.
fn uses(code: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        let names: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => {
                let inner = &group[..group.find('}').unwrap_or(group.len())];
                inner.split(',').map(|s| s.trim()).collect()
            }
            None => vec![rest],
        };
        for n in names {
            let name: String = n
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if modules.contains(&name) {
                out.insert(name);
            }
        }
    }
    out
}

/// (module → (used module → a file that uses it)) over all of `src/`.
fn graph() -> BTreeMap<String, BTreeMap<String, String>> {
    let modules = top_modules();
    let mut g: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for m in &modules {
        let mut files = Vec::new();
        rust_files(&src().join(m), &mut files);
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            let shown = f.strip_prefix(src()).unwrap().display().to_string();
            for used in uses(&library_code(&f, &text), &modules) {
                if &used != m {
                    g.entry(m.clone())
                        .or_default()
                        .entry(used)
                        .or_insert_with(|| shown.clone());
                }
            }
        }
        g.entry(m.clone()).or_default();
    }
    g
}

fn layer(m: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&m))
}

#[test]
fn every_module_has_a_layer() {
    let missing: Vec<String> = top_modules().into_iter().filter(|m| layer(m).is_none()).collect();
    assert!(missing.is_empty(), "add these modules to LAYERS: {missing:?}");
}

#[test]
fn no_module_uses_one_above_it() {
    let mut wrong = Vec::new();
    for (m, used) in graph() {
        for (u, file) in used {
            if layer(&u) > layer(&m) {
                wrong.push(format!("{file}: `{m}` uses `{u}`, a layer above it"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Cycles among top-level modules, each as its members.
fn cycles(g: &BTreeMap<String, BTreeMap<String, String>>) -> Vec<Vec<String>> {
    let mut d = DiGraph::<String, ()>::new();
    let index: BTreeMap<&String, _> = g.keys().map(|m| (m, d.add_node(m.clone()))).collect();
    for (m, used) in g {
        for u in used.keys() {
            if let (Some(&a), Some(&b)) = (index.get(m), index.get(u)) {
                d.add_edge(a, b, ());
            }
        }
    }
    tarjan_scc(&d)
        .into_iter()
        .filter(|c| c.len() > 1)
        .map(|c| c.into_iter().map(|n| d[n].clone()).collect())
        .collect()
}

#[test]
fn there_is_no_cycle_between_top_level_modules() {
    let found = cycles(&graph());
    assert!(found.is_empty(), "cycles: {found:?}");
}

#[test]
fn the_checker_uses_only_the_model() {
    let g = graph();
    let used: Vec<&String> = g["checker"].keys().collect();
    assert_eq!(
        used,
        vec!["model"],
        "the checker must share nothing with the solver side"
    );
}

#[test]
fn unsafe_code_lives_in_one_audited_module() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let with_unsafe: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            library_code(f, &text).contains("unsafe ")
        })
        .map(|f| f.strip_prefix(src()).unwrap().display().to_string())
        .collect();
    assert!(
        with_unsafe.iter().any(|f| f.starts_with(UNSAFE_MODULE)),
        "no unsafe code found at all: has {UNSAFE_MODULE} moved?"
    );
    let outside: Vec<&String> = with_unsafe
        .iter()
        .filter(|f| !f.starts_with(UNSAFE_MODULE))
        .collect();
    assert!(
        outside.is_empty(),
        "unsafe code outside {UNSAFE_MODULE}: {outside:?}"
    );
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    assert!(lib.contains("#![deny(unsafe_code)]"));
    for m in top_modules().iter().filter(|m| *m != "solver") {
        assert!(
            lib.contains(&format!("#[forbid(unsafe_code)]\npub mod {m};")),
            "lib.rs declares `{m}` without #[forbid(unsafe_code)]"
        );
    }
}

#[test]
fn files_and_solver_functions_stay_small() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut long = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let shown = f.strip_prefix(src()).unwrap().display().to_string();
        let lines = text.lines().count();
        if lines > MAX_FILE_LINES {
            long.push(format!("{shown}: {lines} lines (at most {MAX_FILE_LINES})"));
        }
        if shown.starts_with("solver/") {
            long.extend(long_functions(&text).into_iter().map(|(name, n)| {
                format!("{shown}: fn {name} has {n} lines (at most {MAX_SOLVER_FN_LINES})")
            }));
        }
    }
    assert!(long.is_empty(), "{}", long.join("\n"));
}

/// Functions longer than the limit, by a brace count from each `fn` line.
fn long_functions(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let Some(after) = t.split("fn ").nth(1).filter(|_| is_fn_line(t)) else {
            continue;
        };
        let name: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let mut depth = 0i32;
        let mut opened = false;
        for (j, l) in lines.iter().enumerate().skip(i) {
            depth += l.matches('{').count() as i32 - l.matches('}').count() as i32;
            opened |= l.contains('{');
            if opened && depth <= 0 {
                if j - i + 1 > MAX_SOLVER_FN_LINES {
                    out.push((name.clone(), j - i + 1));
                }
                break;
            }
            if !opened && l.trim_end().ends_with(';') {
                break;
            }
        }
    }
    out
}

fn is_fn_line(t: &str) -> bool {
    [
        "fn ",
        "pub fn ",
        "pub(crate) fn ",
        "pub(super) fn ",
        "const fn ",
        "pub const fn ",
        "unsafe extern \"C\" fn ",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

/// The checks above can fail: a use above, a cycle and a long function are all found.
#[test]
fn the_checks_can_fail() {
    let modules: BTreeSet<String> = ["model", "solver", "cli"].map(String::from).into();
    let code = "use crate::{model::Problem, solver};\nfn f() { crate::cli::run(); }\n";
    assert_eq!(uses(code, &modules), modules);
    let tested = "fn a() {}\n#[cfg(test)]\nmod tests {\n    use crate::cli;\n}\n";
    assert!(uses(&library_code(Path::new("x.rs"), tested), &modules).is_empty());
    let mut g: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    g.entry("a".into()).or_default().insert("b".into(), "a.rs".into());
    g.entry("b".into()).or_default().insert("a".into(), "b.rs".into());
    assert_eq!(cycles(&g).len(), 1);
    let body: String = (0..90).map(|_| "    x();\n").collect();
    assert_eq!(long_functions(&format!("fn big() {{\n{body}}}\n")).len(), 1);
    assert!(layer("cli") > layer("solver"));
}

//! `mtplan bench --suite whatif`: 20 scenarios of the default problem solved by one child
//! `mtplan whatif` in each mode (default, `--stable`, `--fresh`; and the default mode with a
//! time limit), and a replan after the busiest trainer of the base schedule drops out, by a
//! child `mtplan replan`. Wall-clock times of the child processes; every schedule verified.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::format::{self, from_model};
use crate::model::{Problem, Schedule, TrainerId};
use crate::{checker, scenario};

/// The generated scenarios: budget cuts, leavers, moved and widened windows, leave, policy.
fn scenarios(p: &Problem) -> Vec<(String, String)> {
    let regions = ["East Africa", "Southern Africa", "West Africa", "Pacific Islands"];
    (0..20)
        .map(|i| {
            let name = format!("s{:02}", i + 1);
            let t = |k: usize| p.trainers[(i * 7 + k * 31) % p.trainers.len()].id.clone();
            let edit = match i % 5 {
                0 => format!(
                    "action = \"scale_budgets\"\nfactor = {:.2}\n",
                    0.6 + 0.05 * (i / 5) as f64
                ),
                1 => format!(
                    "action = \"remove_trainer\"\ntrainers = [\"{}\", \"{}\"]\n",
                    t(0),
                    t(1)
                ),
                2 => format!(
                    "action = \"move_windows\"\nregion = \"{}\"\ndays = {}\n",
                    regions[(i / 5) % 4],
                    14 + 7 * (i / 5)
                ),
                3 => format!(
                    "action = \"add_unavailable\"\ntrainer = \"{}\"\nfrom = 2027-03-01\nto = 2027-06-30\n",
                    t(2)
                ),
                _ => format!(
                    "action = \"widen_windows\"\nregion = \"{}\"\nafter = 21\n",
                    regions[(i / 5) % 4]
                ),
            };
            let text =
                format!("name = \"{name}\"\ndescription = \"bench scenario {name}\"\n\n[[edit]]\n{edit}");
            (name, text)
        })
        .collect()
}

fn busiest(s: &Schedule) -> Option<TrainerId> {
    let mut count: std::collections::BTreeMap<&TrainerId, usize> = Default::default();
    s.scheduled
        .iter()
        .flat_map(|a| &a.trainers)
        .for_each(|t| *count.entry(t).or_default() += 1);
    count
        .into_iter()
        .max_by_key(|(t, n)| (*n, std::cmp::Reverse(*t)))
        .map(|(t, _)| t.clone())
}

fn child(exe: &Path, args: &[&str]) -> Result<(f64, String), String> {
    let clock = Instant::now();
    let out = Command::new(exe).args(args).output().map_err(|e| e.to_string())?;
    let wall = clock.elapsed().as_secs_f64();
    if !out.status.success() {
        return Err(format!(
            "mtplan {} failed: {}",
            args[0],
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok((wall, String::from_utf8_lossy(&out.stdout).into_owned()))
}

fn violations(problem: &Problem, path: &Path) -> Result<(usize, String), String> {
    let s = format::load_schedule(path, problem).map_err(|e| e.to_string())?;
    Ok((checker::check(problem, &s).len(), s.status.code().to_owned()))
}

/// What the checker found in one whatif run's schedules.
struct Checked {
    violations: usize,
    statuses: std::collections::BTreeMap<String, usize>,
    max_gap: f64,
}

/// Verifies the base's and every scenario's schedule in `out` against its own problem.
fn check_all(base: &Problem, files: &[PathBuf], out: &Path) -> Result<Checked, String> {
    let mut c = Checked {
        violations: 0,
        statuses: Default::default(),
        max_gap: 0.0,
    };
    let cases = std::iter::once(("base".to_owned(), None)).chain(files.iter().map(|f| {
        (
            f.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            Some(f),
        )
    }));
    for (name, file) in cases {
        let problem = match file {
            None => base.clone(),
            Some(f) => scenario::load(f, base).map_err(|e| e.to_string())?.problem,
        };
        let path = out.join(format!("{name}.json"));
        let s = format::load_schedule(&path, &problem).map_err(|e| e.to_string())?;
        c.violations += checker::check(&problem, &s).len();
        *c.statuses.entry(s.status.code().to_owned()).or_default() += 1;
        c.max_gap = c.max_gap.max(s.gap.map_or(0.0, |g| g.cost));
    }
    Ok(c)
}

/// Runs the suite into `dir` and returns the Markdown and CSV tables and the violations found.
pub fn run(dir: &Path, exe: &Path) -> Result<(String, String, usize), String> {
    let base_path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/problems/default-2027.json"));
    let base = crate::input::load_problem(&base_path)
        .map_err(|e| e.to_string())?
        .problem;
    let work = dir.join("whatif");
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let mut files = Vec::new();
    for (name, text) in scenarios(&base) {
        let path = work.join(format!("{name}.toml"));
        crate::files::write_atomic(&path, text.as_bytes(), true, &[]).map_err(|e| e.to_string())?;
        files.push(path);
    }
    let mut rows = Vec::new();
    let runs = [
        (None, None),
        (None, Some("--stable")),
        (None, Some("--fresh")),
        (Some(5.0), None),
    ];
    for (n, (limit, mode)) in runs.into_iter().enumerate() {
        let folder = match (limit, mode) {
            (Some(_), _) => "out-limited".to_owned(),
            (None, None) => "out".to_owned(),
            (None, Some(m)) => format!("out{m}"),
        };
        let out = work.join(folder);
        let mut args: Vec<String> = vec!["whatif".into(), base_path.display().to_string()];
        args.extend(files.iter().map(|f| f.display().to_string()));
        args.extend(["-o".into(), out.display().to_string(), "--force".into()]);
        if let Some(l) = limit {
            args.extend(["--time-limit".into(), format!("{l}")]);
        }
        args.extend(mode.map(str::to_owned));
        eprintln!(
            "[{}/5] whatif {}: base + {} scenarios of default-2027, time limit {limit:?}",
            n + 1,
            mode.unwrap_or("(default mode)"),
            files.len()
        );
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let (seconds, _) = child(exe, &refs)?;
        rows.push((limit, mode, seconds, check_all(&base, &files, &out)?));
    }
    let out = work.join("out");
    eprintln!("[5/5] replan: the busiest trainer of the base schedule drops out");
    let published = format::load_schedule(&out.join("base.json"), &base).map_err(|e| e.to_string())?;
    let gone = busiest(&published).ok_or("the base schedule staffs nothing")?;
    let mut file = from_model::to_file(&base);
    file.trainers.retain(|t| t.id != gone.as_str());
    file.pinned.retain(|p| p.trainer != gone.as_str());
    let dropped = work.join("drop-one.json");
    let json = serde_json::to_string(&file).map_err(|e| e.to_string())?;
    crate::files::write_atomic(&dropped, json.as_bytes(), true, &[]).map_err(|e| e.to_string())?;
    let replanned = work.join("replan.json");
    let base_schedule = out.join("base.json");
    let (replan_s, summary) = child(
        exe,
        &[
            "replan",
            &dropped.display().to_string(),
            "--baseline",
            &base_schedule.display().to_string(),
            "-o",
            &replanned.display().to_string(),
            "--force",
        ],
    )?;
    let dropped_problem = crate::input::load_problem(&dropped)
        .map_err(|e| e.to_string())?
        .problem;
    let (replan_bad, replan_status) = violations(&dropped_problem, &replanned)?;
    let disruption = summary
        .lines()
        .find(|l| l.starts_with("disruption"))
        .map_or(String::new(), |l| {
            l.trim_start_matches("disruption").trim().to_owned()
        });
    let mut md = String::new();
    let _ = writeln!(
        md,
        "| case | solves | wall s | target s | status | largest cost gap | violations | notes |"
    );
    let _ = writeln!(md, "| --- | --- | --- | --- | --- | --- | --- | --- |");
    let mut csv = "case,solves,wall_seconds,target_seconds,status,largest_cost_gap,violations\n".to_owned();
    let mut bad = 0;
    for (limit, mode, seconds, c) in &rows {
        let statuses: Vec<String> = c.statuses.iter().map(|(s, n)| format!("{n} {s}")).collect();
        let (case, mut note) = match limit {
            None => ("whatif-20".to_owned(), "exact; ".to_owned()),
            Some(l) => (
                format!("whatif-20-limit-{l}s"),
                format!("--time-limit {l} per solve; "),
            ),
        };
        let case = match mode {
            Some(m) => format!("{case}{}", m.replace("--", "-")),
            None => format!("{case}-tie-break"),
        };
        note.push_str(match mode {
            Some("--stable") => "stable mode (changes minimised after coverage); ",
            Some(_) => "fresh mode (no regard for the base); ",
            None => "default mode (coverage, cost, fewest changes); ",
        });
        let _ = writeln!(
            md,
            "| {case}: default-2027 + 20 scenarios | 21 | {seconds:.1} | 60 | {} | {:.2}% | {} | {note}one HiGHS thread per solve, scenarios warm-started from the base |",
            statuses.join(", "),
            c.max_gap * 100.0,
            c.violations
        );
        let _ = writeln!(
            csv,
            "{case},21,{seconds:.2},60,{},{:.6},{}",
            statuses.join(" "),
            c.max_gap,
            c.violations
        );
        bad += c.violations;
    }
    let _ = writeln!(
        md,
        "| replan: default-2027 without {gone} | 1 | {replan_s:.1} | 5 | {replan_status} | - | {replan_bad} | {disruption} |"
    );
    let _ = writeln!(
        csv,
        "replan-drop-one,1,{replan_s:.2},5,{replan_status},,{replan_bad}"
    );
    Ok((md, csv, bad + replan_bad))
}

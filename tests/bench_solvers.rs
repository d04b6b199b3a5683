//! `bench --solvers highs,cbc`: every solver on the same instances in one run; per run the time
//! to the first schedule, to optimal and the primal integral, as CSV and JSON; the performance
//! profile and the gap-over-time figures, and the page holding them, which renders in headless
//! Chromium; and the instance library (`--index`) with each instance's regeneration and best.

mod common;

use std::process::{Command, Stdio};

use common::browser::{drawn, render_in_chromium};
use common::{assert_code, mtplan};
use serde_json::Value;

#[test]
fn solvers_are_compared_on_the_same_instances_with_figures_a_page_and_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let results = dir.path().join("results");
    let index = dir.path().join("index.csv");
    let out = mtplan(&[
        "bench",
        "--suite",
        "quick",
        "--solvers",
        "highs,cbc",
        "--jobs",
        "2",
        "-o",
        results.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
    ]);
    assert_code(&out, 0, "bench --solvers highs,cbc");
    let runs: Vec<Value> =
        serde_json::from_slice(&std::fs::read(results.join("bench-solvers.json")).unwrap()).unwrap();
    let configs: Vec<(&str, &str)> = runs
        .iter()
        .map(|r| (r["problem"].as_str().unwrap(), r["config"].as_str().unwrap()))
        .collect();
    assert_eq!(
        configs,
        [
            ("gen-70x100-s1", "highs/cliques"),
            ("gen-70x100-s1", "highs/plain"),
            ("gen-70x100-s1", "cbc/plain"),
            ("gen-70x100-s2", "highs/cliques"),
            ("gen-70x100-s2", "highs/plain"),
            ("gen-70x100-s2", "cbc/plain"),
        ]
    );
    for trio in runs.chunks(3) {
        for r in trio {
            let what = format!("{} {}", r["problem"], r["config"]);
            assert_eq!(r["status"], "optimal", "{what}");
            assert_eq!(
                r["coverage"], trio[0]["coverage"],
                "{what}: every solver's optimum"
            );
            assert_eq!(r["cost"], trio[0]["cost"], "{what}: every solver's optimum");
            let seconds = r["seconds"].as_f64().unwrap();
            let first = r["first_schedule"].as_f64().expect("a first schedule");
            assert!(
                first <= seconds && r["optimal"].as_f64() == Some(seconds),
                "{what}"
            );
            // The gap is at most 1 throughout and 0 at the end (the run is optimal).
            let integral = r["primal_integral"].as_f64().unwrap();
            assert!((0.0..=seconds + 1e-9).contains(&integral), "{what}: {integral}");
            let steps = r["gap_steps"].as_array().unwrap();
            assert_eq!(steps.last().unwrap()[1].as_f64(), Some(0.0), "{what}");
        }
    }
    let csv = std::fs::read_to_string(results.join("bench-solvers.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1 + runs.len(), "{csv}");
    for (figure, lines) in [("profile.svg", 3), ("gap.svg", runs.len())] {
        let svg = std::fs::read_to_string(results.join(figure)).unwrap();
        assert_eq!(svg.matches("<polyline").count(), lines, "{figure}");
    }
    // The figures drawn again from the JSON are the same.
    let profile = std::fs::read(results.join("profile.svg")).unwrap();
    std::fs::remove_file(results.join("profile.svg")).unwrap();
    let out = mtplan(&[
        "bench",
        "--suite",
        "quick",
        "--replot",
        "-o",
        results.to_str().unwrap(),
    ]);
    assert_code(&out, 0, "bench --replot");
    assert_eq!(std::fs::read(results.join("profile.svg")).unwrap(), profile);
    let (dom, log) = render_in_chromium(&results.join("bench-solvers.html"));
    assert_eq!(
        drawn(&dom, "profile"),
        3,
        "one profile line per configuration\n{log}"
    );
    assert_eq!(drawn(&dom, "gaps"), runs.len(), "one gap line per run\n{log}");
    // The library: each instance once, proven, with a command that writes it again.
    let index = std::fs::read_to_string(&index).unwrap();
    let lines: Vec<Vec<String>> = index
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect();
    assert_eq!(lines.len(), 2, "{index}");
    for (line, trio) in lines.iter().zip(runs.chunks(3)) {
        assert_eq!(
            line[6].parse::<f64>().ok(),
            trio[0]["coverage"].as_f64(),
            "{index}"
        );
        assert_eq!(line[11], "yes", "{index}");
        let again = dir.path().join("again");
        std::fs::create_dir_all(&again).unwrap();
        let args: Vec<&str> = line[5].split_whitespace().skip(1).collect();
        let status = Command::new(env!("CARGO_BIN_EXE_mtplan"))
            .args(&args)
            .current_dir(&again)
            .stdin(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "{}", line[5]);
        let read =
            |p: std::path::PathBuf| -> Value { serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap() };
        assert_eq!(
            read(again.join(format!("{}.json", line[0]))),
            read(results.join(format!("{}.json", line[0]))),
            "the index regenerates the instance"
        );
    }
}

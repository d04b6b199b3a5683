//! The README's sample outputs are what the code prints. Each sample is a ```text block after
//! a comment `<!-- sample: STREAM of mtplan ARGS -->` (STREAM is stdout or stderr). The test
//! runs the command from the repository root and compares the block line by line: a line `…`
//! skips any number of output lines, and a `time` line is compared without its figure (the
//! machine's speed). An argument `@solved:PROBLEM` is replaced by a schedule of PROBLEM that the
//! test solves first.

use std::path::Path;
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

struct Sample {
    stream: String,
    args: Vec<String>,
    lines: Vec<String>,
}

fn samples(readme: &str) -> Vec<Sample> {
    let mut out = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        let Some(spec) = line
            .trim()
            .strip_prefix("<!-- sample: ")
            .and_then(|s| s.strip_suffix(" -->"))
        else {
            continue;
        };
        let (stream, command) = spec.split_once(" of mtplan ").expect("`STREAM of mtplan ARGS`");
        let fence = lines.next().expect("a block after the sample comment");
        assert_eq!(
            fence.trim(),
            "```text",
            "the sample comment is followed by ```text"
        );
        let block = lines
            .by_ref()
            .take_while(|l| l.trim() != "```")
            .map(str::to_owned)
            .collect();
        out.push(Sample {
            stream: stream.to_owned(),
            args: command.split_whitespace().map(str::to_owned).collect(),
            lines: block,
        });
    }
    out
}

fn mtplan(args: &[String]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mtplan"))
        .args(args)
        .current_dir(ROOT)
        .output()
        .expect("run mtplan")
}

/// The sample's arguments with `@solved:PROBLEM` replaced by a schedule solved into `dir`.
fn resolved(args: &[String], dir: &Path) -> Vec<String> {
    args.iter()
        .enumerate()
        .map(|(i, a)| match a.strip_prefix("@solved:") {
            None => a.clone(),
            Some(problem) => {
                let path = dir.join(format!("solved-{i}.json"));
                let out = path.to_str().expect("utf-8 path").to_owned();
                let solve = ["solve", problem, "-q", "-o", &out].map(str::to_owned);
                let done = mtplan(&solve);
                assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
                out
            }
        })
        .collect()
}

/// Whether `expected` (with `…` and `time` lines) matches `actual`.
fn matches(expected: &[String], actual: &[&str]) -> Result<(), String> {
    let mut at = 0;
    let mut skipping = false;
    for want in expected {
        if want.trim() == "…" {
            skipping = true;
            continue;
        }
        let same = |got: &str| match want.strip_prefix("time ") {
            Some(_) => got.starts_with("time ") && got.ends_with(" s"),
            None => got == want,
        };
        loop {
            let got = actual
                .get(at)
                .ok_or_else(|| format!("the output ends before `{want}`"))?;
            at += 1;
            if same(got) {
                break;
            }
            if !skipping {
                return Err(format!("expected `{want}`\n   found `{got}`"));
            }
        }
        skipping = false;
    }
    if !skipping && at < actual.len() {
        return Err(format!("the output goes on after the sample: `{}`", actual[at]));
    }
    Ok(())
}

#[test]
fn every_readme_sample_is_what_the_code_prints() {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).expect("README.md");
    let samples = samples(&readme);
    assert!(samples.len() >= 3, "only {} samples found", samples.len());
    let dir = tempfile::tempdir().expect("temp dir");
    let mut failures = Vec::new();
    for sample in &samples {
        let out = mtplan(&resolved(&sample.args, dir.path()));
        let text = match sample.stream.as_str() {
            "stdout" => String::from_utf8_lossy(&out.stdout).into_owned(),
            "stderr" => String::from_utf8_lossy(&out.stderr).into_owned(),
            other => panic!("unknown stream `{other}`"),
        };
        let actual: Vec<&str> = text.trim_end().lines().collect();
        if let Err(e) = matches(&sample.lines, &actual) {
            failures.push(format!("mtplan {}: {e}", sample.args.join(" ")));
        }
    }
    assert!(
        failures.is_empty(),
        "README samples out of date:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_sample_matcher_can_fail() {
    let want = |s: &str| s.lines().map(str::to_owned).collect::<Vec<_>>();
    assert!(matches(&want("a\n…\nd"), &["a", "b", "c", "d"]).is_ok());
    assert!(matches(&want("a\n…"), &["a", "b"]).is_ok());
    assert!(matches(&want("time        1.00 s"), &["time        9.99 s"]).is_ok());
    assert!(matches(&want("a\nc"), &["a", "b", "c"]).is_err());
    assert!(matches(&want("a"), &["a", "b"]).is_err());
    assert!(matches(&want("a\n…\nz"), &["a", "b"]).is_err());
}

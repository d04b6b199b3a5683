//! `mtplan report`: the page of the default problem renders in headless Chromium without a
//! console message, and the DOM Chromium built has one timeline bar per (trainer, assignment)
//! pair and one per staffed request in the host-country timeline; the page is self-contained,
//! escapes the problem's texts, is the same bytes for the same inputs, and is written
//! atomically, never over an input or, without --force, over an existing file.
//!
//! The browser test needs Debian's `chromium` (installed by `.ci/setup`); it fails, with a
//! message saying so, when no Chromium is found. `MTPLAN_CHROMIUM` may name another binary.

use std::path::Path;

mod common;
use common::browser::{drawn, render_in_chromium};
use common::{assert_code, default_problem, default_schedule, mtplan, tricky_problem, verified};

fn report(problem: &Path, schedule: &Path, out: &Path, force: bool) -> std::process::Output {
    let mut args = vec![
        "report",
        problem.to_str().unwrap(),
        schedule.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    if force {
        args.push("--force");
    }
    mtplan(&args)
}

/// `class="bar"` elements between two ids of the DOM.
fn bars_between(dom: &str, from: &str, to: &str) -> usize {
    let a = dom.find(&format!("id=\"{from}\"")).unwrap();
    let b = dom.find(&format!("id=\"{to}\"")).unwrap();
    dom[a..b].matches("<rect class=\"bar\"").count()
}

#[test]
fn the_default_report_renders_in_chromium_with_a_bar_per_assignment() {
    let (p, s) = verified(&default_problem(), &default_schedule());
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("report.html");
    let out = report(&default_problem(), &default_schedule(), &page, false);
    assert_code(&out, 0, "report");
    assert!(out.stdout.is_empty());
    let (dom, log) = render_in_chromium(&page);
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(
        console.is_empty(),
        "the page logged to the console:\n{}",
        console.join("\n")
    );
    let pairs: usize = s.scheduled.iter().map(|a| a.trainers.len()).sum();
    assert_eq!(drawn(&dom, "check-trainers"), pairs, "bars drawn by trainer");
    assert_eq!(bars_between(&dom, "timeline-trainers", "check-trainers"), pairs);
    assert_eq!(
        drawn(&dom, "check-countries"),
        s.scheduled.len(),
        "bars drawn by host"
    );
    assert_eq!(
        bars_between(&dom, "timeline-countries", "check-countries"),
        s.scheduled.len()
    );
    assert!(
        !dom.contains("class=\"check failed\""),
        "the page says its bar count is wrong"
    );
    assert!(dom.contains(&format!("<h1>{}</h1>", p.name)));
    assert!(dom.contains("data-status=\"optimal\""));
    let raw: serde_json::Value = serde_json::from_slice(&std::fs::read(default_schedule()).unwrap()).unwrap();
    let solver = raw["settings"]["solver"].as_str().unwrap();
    assert!(
        dom.contains(&format!("solver <b>{solver}</b>")),
        "the page echoes the solver settings"
    );
    let unstaffed = p.requests.len() - s.scheduled.len();
    assert_eq!(dom.matches("<ul class=\"reasons\">").count(), unstaffed);
    // Every staffed request's title is in the page (as hover text of its bars).
    for a in &s.scheduled {
        let title = &p.request(&a.request).unwrap().title;
        assert!(
            dom.contains(&format!("{} {title}", a.request)),
            "no bar title for {}",
            a.request
        );
    }
}

#[test]
fn the_page_is_self_contained_escaped_and_reproducible() {
    let tmp = tempfile::tempdir().unwrap();
    let (problem, schedule) = tricky_problem(tmp.path());
    verified(&problem, &schedule);
    let (one, two) = (tmp.path().join("one.html"), tmp.path().join("two.html"));
    assert_code(&report(&problem, &schedule, &one, false), 0, "report");
    assert_code(&report(&problem, &schedule, &two, false), 0, "report again");
    let html = std::fs::read_to_string(&one).unwrap();
    assert_eq!(
        html,
        std::fs::read_to_string(&two).unwrap(),
        "same inputs, same bytes"
    );
    assert!(!html.contains("<b>bold"), "a title's markup is shown, not obeyed");
    assert!(html.contains("&lt;b&gt;bold&lt;/b&gt;"));
    for external in ["src=", "href=", "url(", "@import", "<link", "https://"] {
        assert!(
            !html.contains(external),
            "the page refers to something outside it: {external}"
        );
    }
    assert_eq!(
        html.matches("http://").count(),
        html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count()
    );
}

#[test]
fn the_report_never_overwrites_without_force_nor_an_input() {
    let tmp = tempfile::tempdir().unwrap();
    let (problem, schedule) = tricky_problem(tmp.path());
    let page = tmp.path().join("report.html");
    std::fs::write(&page, "keep me").unwrap();
    let out = report(&problem, &schedule, &page, false);
    assert_code(&out, 2, "report over an existing file");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&page).unwrap(), "keep me");
    assert_code(&report(&problem, &schedule, &page, true), 0, "report --force");
    assert!(std::fs::read_to_string(&page)
        .unwrap()
        .starts_with("<!DOCTYPE html>"));
    let before = std::fs::read(&schedule).unwrap();
    let out = report(&problem, &schedule, &schedule, true);
    assert_code(&out, 2, "report over its own schedule");
    assert!(String::from_utf8_lossy(&out.stderr).contains("is an input"));
    assert_eq!(std::fs::read(&schedule).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".mtplan-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_schedule_that_breaks_rules_gets_no_report() {
    let tmp = tempfile::tempdir().unwrap();
    let (problem, schedule) = tricky_problem(tmp.path());
    let (p, mut s) = verified(&problem, &schedule);
    let a = &mut s.scheduled[0];
    a.trainers.push(a.trainers[0].clone());
    assert!(!mtplan::checker::check(&p, &s).is_empty());
    let bad = tmp.path().join("doubled.json");
    std::fs::write(&bad, mtplan::format::schedule_to_json(&p, &s, false)).unwrap();
    let page = tmp.path().join("report.html");
    let out = report(&problem, &bad, &page, false);
    assert_code(&out, 1, "report of a schedule that breaks rules");
    assert!(String::from_utf8_lossy(&out.stderr).contains("breaks"));
    assert!(!page.exists());
}

//! What `solve` prints: a summary table for people, or CSV for spreadsheets.

use std::fmt::Write;

use crate::model::{Problem, Schedule};

fn pct(x: f64) -> String {
    format!("{:.4}%", x * 100.0)
}

/// A readable summary: counts, objective with bound and gap, status, time, and every
/// unstaffed request with its first reason.
pub fn table(problem: &Problem, s: &Schedule) -> String {
    let mut out = String::new();
    let total = problem.requests.len();
    let _ = writeln!(out, "problem     {}", problem.name);
    let _ = writeln!(out, "status      {}", s.status.code());
    let _ = writeln!(
        out,
        "requests    {total}: {} staffed, {} unstaffed",
        s.scheduled.len(),
        s.unscheduled.len()
    );
    if let (Some(o), Some(b), Some(g)) = (s.objective, s.bound, s.gap) {
        let _ = writeln!(
            out,
            "coverage    {} (bound {}, gap {})",
            o.coverage,
            b.coverage,
            pct(g.coverage)
        );
        let _ = writeln!(
            out,
            "cost        {} (bound {}, gap {})",
            o.cost,
            b.cost,
            pct(g.cost)
        );
    }
    if let Some(st) = &s.settings {
        let _ = writeln!(
            out,
            "model       {} columns, {} rows ({})",
            st.model_columns, st.model_rows, st.formulation
        );
        let _ = writeln!(
            out,
            "solver      {}, {} thread(s), seed {}",
            st.solver, st.threads, st.seed
        );
        let _ = writeln!(out, "time        {:.2} s", st.elapsed_seconds);
    }
    if !s.unscheduled.is_empty() {
        let _ = writeln!(out, "\nunstaffed requests:");
    }
    for u in &s.unscheduled {
        let title = problem.request(&u.request).map_or("", |r| r.title.as_str());
        let why = u.reasons.first().map_or("", |r| r.text.as_str());
        let _ = writeln!(out, "  {:<8} {title}\n           {why}", u.request);
    }
    out
}

/// One row per staffed request: id, title, kind, host, area, language, start, end, trainers.
pub fn csv(problem: &Problem, s: &Schedule) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "request", "title", "kind", "host", "area", "language", "start", "end", "trainers",
    ]);
    for a in &s.scheduled {
        let Some(r) = problem.request(&a.request) else {
            continue;
        };
        let trainers: Vec<&str> = a.trainers.iter().map(|t| t.as_str()).collect();
        let (start, end) = (a.start.to_string(), a.end.to_string());
        let _ = w.write_record([
            r.id.as_str(),
            &r.title,
            r.kind.code(),
            r.host.as_str(),
            r.area.as_str(),
            r.language.as_str(),
            &start,
            &end,
            &trainers.join(";"),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

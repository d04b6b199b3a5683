//! What `solve` prints: a summary table for people, or CSV for spreadsheets.

use std::fmt::Write;

use crate::model::{Backup, Cover, Problem, Schedule, Shares};

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
    let _ = writeln!(out, "workload    {}", Shares::of(problem, s).text());
    if let Some(b) = s.settings.as_ref().and_then(|st| st.balance) {
        let _ = writeln!(
            out,
            "balance     largest share {:.4} (bound {:.4}), {} trainers active (bound {}), cost within {}% of the optimum",
            b.largest_share,
            b.largest_share_bound,
            b.active,
            b.active_bound,
            b.cost_slack * 100.0
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
    if let Some(covers) = &s.backups {
        backups(problem, covers, &mut out);
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

/// The backups line, and every staffed request without a backup with the reason.
fn backups(problem: &Problem, covers: &[Cover], out: &mut String) {
    let with = covers.iter().filter(|c| !c.backups.is_empty()).count();
    let named: usize = covers.iter().map(|c| c.backups.len()).sum();
    let _ = writeln!(
        out,
        "backups     {with} of {} staffed requests have one ({named} named)",
        covers.len()
    );
    let without: Vec<&Cover> = covers.iter().filter(|c| c.backups.is_empty()).collect();
    if !without.is_empty() {
        let _ = writeln!(out, "\nstaffed requests without a backup:");
    }
    for c in without {
        let title = problem.request(&c.request).map_or("", |r| r.title.as_str());
        let why = c.none.as_ref().map_or("", |r| r.text.as_str());
        let _ = writeln!(out, "  {:<8} {title}\n           {why}", c.request);
    }
}

/// "KE-031 for UG-007 (+300)": a backup, whom they replace and the cost change.
pub fn backup_text(b: &Backup) -> String {
    let replaces: Vec<&str> = b.replaces.iter().map(|t| t.as_str()).collect();
    format!("{} for {} ({:+})", b.trainer, replaces.join("/"), b.cost_change)
}

/// One row per staffed request: id, title, kind, host, area, language, start, end, trainers;
/// and its backups when they were asked for.
pub fn csv(problem: &Problem, s: &Schedule) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head = vec![
        "request", "title", "kind", "host", "area", "language", "start", "end", "trainers",
    ];
    if s.backups.is_some() {
        head.push("backups");
    }
    let _ = w.write_record(&head);
    for a in &s.scheduled {
        let Some(r) = problem.request(&a.request) else {
            continue;
        };
        let trainers: Vec<&str> = a.trainers.iter().map(|t| t.as_str()).collect();
        let (start, end) = (a.start.to_string(), a.end.to_string());
        let mut row = vec![
            r.id.to_string(),
            r.title.clone(),
            r.kind.code().to_owned(),
            r.host.to_string(),
            r.area.to_string(),
            r.language.to_string(),
            start,
            end,
            trainers.join(";"),
        ];
        if let Some(covers) = &s.backups {
            let cover = covers.iter().find(|c| c.request == a.request);
            let named: Vec<String> =
                cover.map_or(Vec::new(), |c| c.backups.iter().map(backup_text).collect());
            row.push(named.join(";"));
        }
        let _ = w.write_record(&row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

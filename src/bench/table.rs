//! The rows a suite measures, and its tables: CSV, and Markdown with medians and the ratio to
//! the plain baseline measured in the same run.

/// One measured row.
#[derive(Clone, Debug, Default)]
pub struct Row {
    /// Case name.
    pub problem: String,
    /// Trainers and requests.
    pub size: (usize, usize),
    /// Formulation.
    pub formulation: String,
    /// Model rows and columns.
    pub model: (u64, u64),
    /// Seconds: model building, tier 1, tier 2, whole child process.
    pub seconds: (f64, f64, f64, f64),
    /// Status reported.
    pub status: String,
    /// Coverage and cost.
    pub objective: (f64, f64),
    /// Coverage and cost bounds.
    pub bound: (f64, f64),
    /// Coverage and cost gaps.
    pub gap: (f64, f64),
    /// Peak memory of the solving process, MiB.
    pub peak_mib: f64,
    /// Checker violations (must be 0).
    pub violations: usize,
    /// Plain time / cliques time for the same problem, filled in after the run.
    pub ratio: Option<f64>,
    /// The generator family of the problem, if any.
    pub family: Option<String>,
    /// The MILP solver (`highs`, `cbc`, `microlp`).
    pub solver: String,
    /// The incumbent log of the run (from its progress lines).
    pub log: Vec<super::incumbents::Event>,
}

impl Row {
    /// Whether both tiers were proven.
    pub fn proven(&self) -> bool {
        self.status == "optimal"
    }

    /// Whether HiGHS ran it (the tables' ratios and medians are HiGHS's).
    pub fn on_highs(&self) -> bool {
        self.solver.is_empty() || self.solver == "highs"
    }

    /// The formulation as the table shows it: `cbc/plain` for another solver.
    fn label(&self) -> String {
        match self.on_highs() {
            true => self.formulation.clone(),
            false => format!("{}/{}", self.solver, self.formulation),
        }
    }
}

/// Fills in the plain/cliques time ratio of every problem solved both ways.
/// A plain run that was stopped by its limit makes the ratio a lower bound (shown as `≥`).
pub fn add_ratios(rows: &mut [Row]) {
    let time_of = |rows: &[Row], p: &str, f: &str| {
        rows.iter()
            .find(|r| r.problem == p && r.formulation == f && r.on_highs())
            .map(|r| r.seconds.3)
    };
    let ratios: Vec<Option<f64>> = rows
        .iter()
        .map(|r| Some(time_of(rows, &r.problem, "plain")? / time_of(rows, &r.problem, "cliques")?))
        .collect();
    for (row, ratio) in rows.iter_mut().zip(ratios) {
        row.ratio = ratio.filter(|_| row.on_highs());
    }
}

/// The median of `xs` (NaN when empty).
pub fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    match xs.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => xs[n / 2],
        n => (xs[n / 2 - 1] + xs[n / 2]) / 2.0,
    }
}

const HEADER: [&str; 19] = [
    "problem",
    "trainers",
    "requests",
    "formulation",
    "rows",
    "columns",
    "model_s",
    "tier1_s",
    "tier2_s",
    "total_s",
    "status",
    "coverage",
    "cost",
    "coverage_bound",
    "cost_bound",
    "cost_gap",
    "peak_mib",
    "violations",
    "plain_ratio",
];

/// Whether the plain run of `problem` was stopped before its proof (its ratio is a lower bound).
fn plain_stopped(rows: &[Row], problem: &str) -> bool {
    rows.iter()
        .any(|r| r.problem == problem && r.formulation == "plain" && r.on_highs() && !r.proven())
}

fn cells(r: &Row, rows: &[Row]) -> Vec<String> {
    let at_least = if plain_stopped(rows, &r.problem) {
        "≥"
    } else {
        ""
    };
    let ratio = r.ratio.map_or(String::new(), |x| format!("{at_least}{x:.2}"));
    vec![
        r.problem.clone(),
        r.size.0.to_string(),
        r.size.1.to_string(),
        r.label(),
        r.model.0.to_string(),
        r.model.1.to_string(),
        format!("{:.2}", r.seconds.0),
        format!("{:.2}", r.seconds.1),
        format!("{:.2}", r.seconds.2),
        format!("{:.2}", r.seconds.3),
        r.status.clone(),
        r.objective.0.to_string(),
        r.objective.1.to_string(),
        r.bound.0.to_string(),
        r.bound.1.to_string(),
        format!("{:.2e}", r.gap.1),
        format!("{:.0}", r.peak_mib),
        r.violations.to_string(),
        ratio,
    ]
}

/// The table as CSV.
pub fn csv(rows: &[Row]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(HEADER);
    rows.iter().for_each(|r| {
        let _ = w.write_record(cells(r, rows));
    });
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The table as Markdown, with medians per formulation and of the ratio (over the problems with
/// date windows; `-fixed` problems are listed but left out of the medians).
pub fn markdown(rows: &[Row], suite: &str) -> String {
    let mut out = format!("| {} |\n|{}\n", HEADER.join(" | "), " --- |".repeat(HEADER.len()));
    for r in rows {
        out.push_str(&format!("| {} |\n", cells(r, rows).join(" | ")));
    }
    for f in ["cliques", "plain"] {
        let times: Vec<f64> = rows
            .iter()
            .filter(|r| r.formulation == f && r.on_highs() && !r.problem.ends_with("-fixed"))
            .map(|r| r.seconds.3)
            .collect();
        if !times.is_empty() {
            let max = times.iter().copied().fold(0.0, f64::max);
            out.push_str(&format!(
                "\n{f}: median {:.2} s, max {max:.2} s over {} run(s)",
                median(times.clone()),
                times.len()
            ));
        }
    }
    let ratios: Vec<f64> = rows
        .iter()
        .filter(|r| r.formulation == "cliques" && !r.problem.ends_with("-fixed"))
        .filter_map(|r| r.ratio)
        .collect();
    if !ratios.is_empty() {
        out.push_str(&format!("\nplain / cliques time: median {:.2}×", median(ratios)));
    }
    if rows.iter().any(|r| r.family.is_some()) {
        out.push_str(&families(rows));
    }
    let bad: usize = rows.iter().map(|r| r.violations).sum();
    out.push_str(&format!(
        "\nsuite `{suite}`: {} run(s), {bad} checker violation(s)\n",
        rows.len()
    ));
    out
}

/// Per family: the default method's median and slowest time at 210 × 300, the slowest at any
/// size, how many problems both methods proved, and the median ratio to `plain` over the
/// problems the default method proved (a `≥` when a plain run was stopped by its limit).
fn families(rows: &[Row]) -> String {
    let mut names: Vec<&str> = rows.iter().filter_map(|r| r.family.as_deref()).collect();
    names.dedup();
    let mut out = String::from(
        "\n\n| family | median s (210×300) | max s (210×300) | max s (all) | proven | plain proven | median plain/cliques |\n| --- | --- | --- | --- | --- | --- | --- |\n",
    );
    for f in names {
        let of = |formulation: &str| -> Vec<&Row> {
            rows.iter()
                .filter(|r| r.family.as_deref() == Some(f) && r.formulation == formulation && r.on_highs())
                .collect()
        };
        let (cliques, plain) = (of("cliques"), of("plain"));
        let big: Vec<f64> = cliques
            .iter()
            .filter(|r| r.size == (210, 300))
            .map(|r| r.seconds.3)
            .collect();
        let all_max = cliques.iter().map(|r| r.seconds.3).fold(0.0, f64::max);
        // A ratio means something only where the default method proved its schedule.
        let ratios: Vec<f64> = cliques
            .iter()
            .filter(|r| r.proven())
            .filter_map(|r| r.ratio)
            .collect();
        let stopped = plain.iter().any(|r| !r.proven());
        let ratio = match median(ratios) {
            m if m.is_nan() => "—".to_owned(),
            m => format!("{}{m:.2}×", if stopped { "≥" } else { "" }),
        };
        out.push_str(&format!(
            "| {f} | {:.2} | {:.2} | {all_max:.2} | {}/{} | {}/{} | {ratio} |\n",
            median(big.clone()),
            big.iter().copied().fold(0.0, f64::max),
            cliques.iter().filter(|r| r.proven()).count(),
            cliques.len(),
            plain.iter().filter(|r| r.proven()).count(),
            plain.len(),
        ));
    }
    out
}

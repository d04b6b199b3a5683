//! `template` and `convert`: problems between JSON, `.xlsx` workbooks and folders of CSV files,
//! and schedules into workbooks.

use std::path::{Path, PathBuf};

use super::{load, BAD_INPUT, FAILURE, OK};
use crate::files::{write_atomic, write_folder, WriteError};
use crate::format::problem_v1::ProblemOut;
use crate::validate::LoadError;
use crate::workbook;

/// Arguments of `template`.
#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    /// The workbook to write (`.xlsx`), or a folder for CSV files.
    pub output: PathBuf,
    /// Replace it if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `convert`.
#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// A problem (`.json`, `.xlsx` or a folder of CSV files); with --problem, a schedule JSON.
    pub input: PathBuf,
    /// What to write: `.json`, `.xlsx`, or a folder for CSV files (with --problem: `.xlsx`).
    pub output: PathBuf,
    /// Convert a schedule of this problem into a workbook.
    #[arg(long, value_name = "PROBLEM")]
    pub problem: Option<PathBuf>,
    /// Replace the output if it exists.
    #[arg(long)]
    pub force: bool,
}

/// What an output path asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Json,
    Xlsx,
    Folder,
}

fn target(path: &Path) -> Result<Target, String> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    match ext.as_deref() {
        Some("json") => Ok(Target::Json),
        Some("xlsx") => Ok(Target::Xlsx),
        None => Ok(Target::Folder),
        _ if path.is_dir() => Ok(Target::Folder),
        Some(other) => Err(format!(
            "cannot write `.{other}` files: name the output `.json`, `.xlsx`, or a folder (for CSV files)"
        )),
    }
}

fn write_error(e: &WriteError) -> u8 {
    eprintln!("error: {e}");
    match e {
        WriteError::Io { .. } => FAILURE,
        WriteError::Exists(_) | WriteError::IsInput(_) => BAD_INPUT,
    }
}

/// `mtplan template OUT`: the example workbook (or CSV folder).
pub fn template(a: &TemplateArgs) -> u8 {
    let result = match target(&a.output) {
        Ok(Target::Xlsx) => write_xlsx(&a.output, workbook::template_xlsx(), a.force, &[]),
        Ok(Target::Folder) => write_problem(
            &workbook::problem::example(),
            &a.output,
            Target::Folder,
            a.force,
            &[],
        ),
        Ok(Target::Json) | Err(_) => {
            eprintln!("error: a template is an `.xlsx` workbook or a folder of CSV files");
            return BAD_INPUT;
        }
    };
    result.map_or_else(|code| code, |()| OK)
}

/// `mtplan convert IN OUT [--problem P]`.
pub fn convert(a: &ConvertArgs) -> u8 {
    let to = match target(&a.output) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return BAD_INPUT;
        }
    };
    let inputs: Vec<&Path> = [Some(a.input.as_path()), a.problem.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if a.problem.is_none() && is_schedule(&a.input) {
        let (i, o) = (a.input.display(), a.output.display());
        eprintln!("error: {i} is a schedule; give its problem: mtplan convert {i} {o} --problem PROBLEM");
        return BAD_INPUT;
    }
    let result = match &a.problem {
        Some(problem) => convert_schedule(problem, &a.input, &a.output, to, a.force),
        None => match workbook::read_problem(&a.input) {
            Ok((_, typed)) => write_problem(&typed, &a.output, to, a.force, &inputs),
            Err(LoadError::Invalid(report)) => {
                eprintln!("{report}");
                Err(BAD_INPUT)
            }
            Err(e) => {
                eprintln!("error: {e}");
                Err(BAD_INPUT)
            }
        },
    };
    result.map_or_else(|code| code, |()| OK)
}

/// Whether `path` is a JSON file with a `scheduled` list at the top: a schedule.
fn is_schedule(path: &Path) -> bool {
    let is_json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let value = || serde_json::from_slice::<serde_json::Value>(&std::fs::read(path).ok()?).ok();
    is_json && value().is_some_and(|v| v.get("scheduled").is_some())
}

fn convert_schedule(problem: &Path, schedule: &Path, out: &Path, to: Target, force: bool) -> Result<(), u8> {
    if to != Target::Xlsx {
        eprintln!("error: a schedule converts to a workbook: name the output `.xlsx`");
        return Err(BAD_INPUT);
    }
    let loaded = load(problem)?;
    let s = crate::format::load_schedule(schedule, &loaded.problem).map_err(|e| {
        eprintln!("error: {e}");
        BAD_INPUT
    })?;
    write_xlsx(
        out,
        workbook::schedule_xlsx(&loaded.problem, &s, true),
        force,
        &[problem, schedule],
    )
}

/// Writes a workbook built by `bytes` atomically; the error is the exit code, already reported.
pub fn write_xlsx(
    out: &Path,
    bytes: Result<Vec<u8>, rust_xlsxwriter::XlsxError>,
    force: bool,
    inputs: &[&Path],
) -> Result<(), u8> {
    let bytes = bytes.map_err(|e| {
        eprintln!("internal error: cannot build the workbook: {e}");
        FAILURE
    })?;
    write_atomic(out, &bytes, force, inputs).map_err(|e| write_error(&e))
}

fn write_problem(p: &ProblemOut, out: &Path, to: Target, force: bool, inputs: &[&Path]) -> Result<(), u8> {
    match to {
        Target::Json => {
            let mut json = serde_json::to_string_pretty(p).unwrap_or_default();
            json.push('\n');
            write_atomic(out, json.as_bytes(), force, inputs).map_err(|e| write_error(&e))
        }
        Target::Xlsx => write_xlsx(out, workbook::problem_xlsx(p), force, inputs),
        Target::Folder => {
            let files = workbook::problem_csv(p).map_err(|e| {
                eprintln!("internal error: cannot write CSV: {e}");
                FAILURE
            })?;
            write_folder(out, &files, ".csv", force, inputs).map_err(|e| {
                eprintln!("error: {e}");
                if e.is_usage() {
                    BAD_INPUT
                } else {
                    FAILURE
                }
            })
        }
    }
}

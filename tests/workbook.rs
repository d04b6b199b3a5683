//! Workbooks and CSV folders: lossless round trips with JSON, the template, the schedule
//! workbook read back with calamine, and bad workbooks reported by sheet, row and column.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{open_workbook_auto, Data, Reader};
use mtplan::input::load_problem;
use mtplan::validate::LoadError;
use mtplan::workbook::out::{self, Cell, Sheet};
use mtplan::workbook::{self as wb, problem};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn mtplan(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mtplan"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run mtplan")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// The default problem and every problem of `problems/rules/`.
fn corpus() -> Vec<PathBuf> {
    let mut files = vec![root().join("problems/default-2027.json")];
    let rules = std::fs::read_dir(root().join("problems/rules")).expect("problems/rules");
    let mut rules: Vec<PathBuf> = rules.map(|e| e.expect("entry").path()).collect();
    rules.retain(|p| p.extension().is_some_and(|x| x == "json"));
    rules.sort();
    files.extend(rules);
    files
}

#[test]
fn json_to_workbook_and_csv_and_back_gives_the_same_problem() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let files = corpus();
    assert!(files.len() > 10, "the corpus is there");
    for json in files {
        let (loaded, typed) = wb::read_problem(&json).expect("valid problem");
        let xlsx = tmp.path().join("p.xlsx");
        std::fs::write(&xlsx, wb::problem_xlsx(&typed).expect("workbook")).expect("write");
        let csv = tmp.path().join("p");
        let _ = std::fs::remove_dir_all(&csv);
        std::fs::create_dir(&csv).expect("folder");
        for (name, bytes) in wb::problem_csv(&typed).expect("csv") {
            std::fs::write(csv.join(name), bytes).expect("write");
        }
        for back in [&xlsx, &csv] {
            let (again, typed_again) =
                wb::read_problem(back).unwrap_or_else(|e| panic!("{}: {e}", json.display()));
            assert_eq!(
                again.problem,
                loaded.problem,
                "{} via {}",
                json.display(),
                back.display()
            );
            assert_eq!(typed_again, typed, "{} via {}", json.display(), back.display());
            assert_eq!(again.report.diagnostics.len(), loaded.report.diagnostics.len());
        }
    }
}

#[test]
fn convert_on_the_command_line_is_lossless_and_never_clobbers() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let src = root().join("problems/rules/c10-pins.json");
    let src = src.to_str().expect("path");
    let run = |args: &[&str]| {
        let out = mtplan(tmp.path(), args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out.stderr));
        assert_eq!(text(&out.stdout), "");
    };
    run(&["convert", src, "direct.json"]);
    run(&["convert", src, "p.xlsx"]);
    run(&["convert", "p.xlsx", "folder"]);
    run(&["convert", "folder", "back.json"]);
    let read = |f: &str| std::fs::read(tmp.path().join(f)).expect("read");
    assert_eq!(read("back.json"), read("direct.json"));
    let before = read("p.xlsx");
    for (args, what) in [
        (vec!["convert", "back.json", "p.xlsx"], "p.xlsx exists"),
        (vec!["convert", "back.json", "folder"], "folder exists"),
        (
            vec!["convert", "back.json", "back.json", "--force"],
            "back.json is an input",
        ),
    ] {
        let out = mtplan(tmp.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).contains(what), "{}", text(&out.stderr));
    }
    assert_eq!(read("p.xlsx"), before, "an existing workbook is left as it was");
    run(&["convert", "back.json", "p.xlsx", "--force"]);
    assert_eq!(read("p.xlsx"), before, "the same problem gives the same workbook");
}

fn zipped(path: &Path) -> Vec<(String, String)> {
    let file = std::fs::File::open(path).expect("open");
    let mut z = zip::ZipArchive::new(file).expect("a zip file");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).expect("entry");
            let mut s = String::new();
            std::io::Read::read_to_string(&mut f, &mut s).unwrap_or_default();
            (f.name().to_owned(), s)
        })
        .collect()
}

#[test]
fn the_template_is_annotated_and_loads_as_a_solvable_problem() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = mtplan(tmp.path(), &["template", "plan.xlsx"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let again = mtplan(tmp.path(), &["template", "plan.xlsx"]);
    assert_eq!(again.status.code(), Some(2), "no overwrite without --force");
    let check = mtplan(tmp.path(), &["check", "plan.xlsx"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    assert_eq!(text(&check.stderr), "plan.xlsx: 0 error(s), 0 warning(s)\n");
    let loaded = load_problem(&tmp.path().join("plan.xlsx")).expect("loads");
    assert_eq!(
        (loaded.problem.trainers.len(), loaded.problem.requests.len()),
        (1, 1)
    );
    assert_eq!(loaded.problem.pins.len(), 1);
    let schedule = mtplan::solver::solve(&loaded.problem, &Default::default()).expect("solves");
    assert!(mtplan::checker::check(&loaded.problem, &schedule).is_empty());
    assert_eq!(schedule.scheduled.len(), 1, "the example request is staffed");

    let parts = zipped(&tmp.path().join("plan.xlsx"));
    let sheet = |n: usize| {
        &parts
            .iter()
            .find(|(f, _)| *f == format!("xl/worksheets/sheet{n}.xml"))
            .expect("sheet")
            .1
    };
    // Sheets: about, settings, trainers, unavailability, requests, pins, countries, travel_costs.
    let trainers = sheet(3);
    assert!(trainers.contains(r#"ySplit="1""#), "frozen header row");
    assert!(trainers.contains("<autoFilter"), "filter");
    assert!(trainers.contains("<dataValidation "), "drop-down lists");
    assert!(trainers.contains(r#""en,fr,pt,ru""#), "languages drop-down");
    assert!(
        sheet(5).contains(r#""national,regional,refresher,partner""#),
        "kinds drop-down"
    );
    assert!(
        sheet(5).contains("countries!$A$2:$A$500"),
        "host drop-down from the countries sheet"
    );
    assert!(trainers.contains(r#"showErrorMessage="1""#), "yes/no is enforced");

    let out = mtplan(tmp.path(), &["template", "plan"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let csv = load_problem(&tmp.path().join("plan")).expect("the CSV template loads");
    assert_eq!(
        csv.problem, loaded.problem,
        "the CSV template holds the same example"
    );
    let notes: String = parts
        .iter()
        .filter(|(f, _)| f.contains("comments"))
        .map(|(_, x)| x.as_str())
        .collect();
    assert!(
        notes.contains("WCO Accredited Expert"),
        "header notes explain the columns"
    );
}

/// Cells of a sheet read back with calamine, as text (dates as `YYYY-MM-DD`).
fn sheet_text(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut book = open_workbook_auto(path).expect("workbook");
    let range = book.worksheet_range(name).expect("sheet");
    let cell = |d: &Data| match d {
        Data::DateTime(t) => t.as_datetime().expect("date").date().to_string(),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("unexpected cell {other:?}"),
    };
    range.rows().map(|r| r.iter().map(cell).collect()).collect()
}

#[test]
fn the_schedule_workbook_matches_the_schedule_json() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let run = |args: &[&str]| {
        let out = mtplan(dir, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out.stderr));
    };
    run(&[
        "generate",
        "--trainers",
        "15",
        "--requests",
        "30",
        "--seed",
        "2",
        "-o",
        "p.json",
    ]);
    run(&["solve", "p.json", "-o", "s.json", "--reproducible", "-q"]);
    run(&["solve", "p.json", "-o", "s.xlsx", "--reproducible", "-q"]);
    run(&["solve", "p.json", "-o", "again.xlsx", "--reproducible", "-q"]);
    let bytes = |f: &str| std::fs::read(dir.join(f)).expect("read");
    assert_eq!(bytes("s.xlsx"), bytes("again.xlsx"), "same input, same workbook");
    run(&["convert", "s.json", "c.xlsx", "--problem", "p.json"]);
    let out = mtplan(dir, &["convert", "s.json", "d.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: s.json is a schedule; give its problem: mtplan convert s.json d.xlsx --problem PROBLEM\n"
    );
    // Workbooks serve every command that reads a problem.
    run(&["convert", "p.json", "p.xlsx"]);
    run(&["verify", "p.xlsx", "s.json"]);
    let problem = load_problem(&dir.join("p.json")).expect("problem").problem;
    let schedule = mtplan::format::load_schedule(&dir.join("s.json"), &problem).expect("schedule");
    assert!(mtplan::checker::check(&problem, &schedule).is_empty());
    assert!(
        !schedule.unscheduled.is_empty(),
        "the test needs unstaffed requests"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("s.json")).expect("read")).expect("json");

    let rows = sheet_text(&dir.join("s.xlsx"), "schedule");
    assert_eq!(rows[0][..3], ["request", "title", "kind"]);
    assert_eq!(rows.len() - 1, problem.requests.len(), "one row per request");
    let staffed: Vec<Vec<String>> = rows[1..]
        .iter()
        .filter(|r| r[7] == "yes")
        .map(|r| vec![r[0].clone(), r[8].clone(), r[9].clone(), r[11].clone()])
        .collect();
    let expected: Vec<Vec<String>> = json["scheduled"]
        .as_array()
        .expect("scheduled")
        .iter()
        .map(|a| {
            let ids: Vec<&str> = a["trainers"]
                .as_array()
                .expect("ids")
                .iter()
                .filter_map(|t| t.as_str())
                .collect();
            [&a["request"], &a["start"], &a["end"]]
                .iter()
                .map(|v| v.as_str().expect("text").to_owned())
                .chain([ids.join(", ")])
                .collect()
        })
        .collect();
    assert_eq!(staffed, expected);

    let reasons: Vec<(String, String, String)> = sheet_text(&dir.join("s.xlsx"), "unstaffed")[1..]
        .iter()
        .map(|r| (r[0].clone(), r[7].clone(), r[8].clone()))
        .collect();
    let mut expected = Vec::new();
    for u in json["unscheduled"].as_array().expect("unscheduled") {
        let texts = u["reasons"].as_array().expect("reasons").iter();
        for (t, c) in texts.zip(u["codes"].as_array().expect("codes")) {
            let s = |v: &serde_json::Value| v.as_str().expect("text").to_owned();
            expected.push((s(&u["request"]), s(c), s(t)));
        }
    }
    assert_eq!(reasons, expected);

    let figures = sheet_text(&dir.join("s.xlsx"), "key figures");
    let figure = |name: &str| figures.iter().find(|r| r[0] == name).map(|r| r[1].clone());
    assert_eq!(figure("status").as_deref(), json["status"].as_str());
    assert_eq!(
        figure("coverage"),
        Some(json["objective"]["coverage"].to_string())
    );
    assert_eq!(figure("cost"), Some(json["objective"]["cost"].to_string()));
    let seats: usize = schedule.scheduled.iter().map(|a| a.trainers.len()).sum();
    assert_eq!(
        sheet_text(&dir.join("s.xlsx"), "trainer calendars").len() - 1,
        seats
    );
    let cost: f64 = rows[1..].iter().filter_map(|r| r[13].parse::<f64>().ok()).sum();
    assert_eq!(
        cost,
        json["objective"]["cost"].as_f64().expect("cost"),
        "request costs add up"
    );
    for name in ["schedule", "unstaffed", "trainer calendars", "trainer workload"] {
        assert_eq!(
            sheet_text(&dir.join("c.xlsx"), name),
            sheet_text(&dir.join("s.xlsx"), name),
            "{name}"
        );
    }
    // A schedule file keeps no solver settings, so its key figures stop before them.
    let converted = sheet_text(&dir.join("c.xlsx"), "key figures");
    assert_eq!(converted[..], figures[..converted.len()]);
    assert_eq!(converted.last().map(|r| r[0].as_str()), Some("trainer-days used"));
}

// ---- bad workbooks ----

/// The template's example problem as sheets, to be broken by a test.
fn example_sheets() -> Vec<Sheet> {
    problem::sheets(&problem::example())
}

fn sheet_mut<'s>(sheets: &'s mut [Sheet], name: &str) -> &'s mut Sheet {
    sheets.iter_mut().find(|s| s.name == name).expect("sheet")
}

fn column(sheet: &Sheet, header: &str) -> usize {
    sheet
        .columns
        .iter()
        .position(|c| c.header == header)
        .expect("column")
}

fn set(sheets: &mut [Sheet], name: &str, row: usize, header: &str, cell: Cell) {
    let s = sheet_mut(sheets, name);
    let c = column(s, header);
    s.rows[row][c] = cell;
}

fn drop_column(sheets: &mut [Sheet], name: &str, header: &str) {
    let s = sheet_mut(sheets, name);
    let c = column(s, header);
    s.columns.remove(c);
    s.rows.iter_mut().for_each(|r| {
        r.remove(c);
    });
}

/// Writes `sheets` as `name` in a fresh folder and returns the folder.
fn workbook(name: &str, sheets: &[Sheet]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    let lists = problem::lists(&problem::example());
    std::fs::write(
        tmp.path().join(name),
        out::to_xlsx(sheets, &lists, true).expect("xlsx"),
    )
    .expect("write");
    tmp
}

/// `check` and `solve` both refuse `file` with exit 2, nothing on stdout, `expected` on stderr.
fn assert_rejected(dir: &Path, file: &str, expected: &str) {
    for command in ["check", "solve"] {
        let out = mtplan(dir, &[command, file]);
        assert_eq!(out.status.code(), Some(2), "{command}: {}", text(&out.stderr));
        assert_eq!(text(&out.stdout), "");
        assert_eq!(text(&out.stderr), expected, "{command}");
    }
}

#[test]
fn a_missing_sheet_is_named() {
    let mut sheets = example_sheets();
    sheets.retain(|s| s.name != "requests" && s.name != "pins");
    let dir = workbook("plan.xlsx", &sheets);
    assert_rejected(
        dir.path(),
        "plan.xlsx",
        "error[E050]: plan.xlsx: sheet `requests`: missing sheet `requests`
  hint: add the sheet `requests`: one row per requested training; its columns: id, title, kind, host, organiser, area, language, duration_days, earliest_start, latest_end, start_weekdays, fixed_start, min_trainers, max_trainers, leads, priority, regions, max_same_country
plan.xlsx: 1 error(s), 0 warning(s)
",
    );
}

#[test]
fn a_missing_column_is_named_once_not_per_row() {
    let mut sheets = example_sheets();
    drop_column(&mut sheets, "requests", "host");
    let dir = workbook("plan.xlsx", &sheets);
    assert_rejected(
        dir.path(),
        "plan.xlsx",
        "error[E053]: plan.xlsx: sheet `requests`, row 1: missing column `host`
  hint: add a column headed `host` to row 1: host country, ISO 3166 alpha-2
plan.xlsx: 1 error(s), 0 warning(s)
",
    );
}

#[test]
fn a_date_in_a_text_cell_is_located() {
    let mut sheets = example_sheets();
    let day = chrono::NaiveDate::from_ymd_opt(2027, 1, 5).expect("date");
    set(&mut sheets, "trainers", 0, "country", Cell::Date(day));
    let dir = workbook("plan.xlsx", &sheets);
    assert_rejected(
        dir.path(),
        "plan.xlsx",
        "error[E054]: plan.xlsx: sheet `trainers`, row 2, column C (`country`): a date (2027-01-05) in a cell that takes text
  hint: enter text: ISO 3166 alpha-2 code of the trainer's administration, e.g. KE
plan.xlsx: 1 error(s), 0 warning(s)
",
    );
}

#[test]
fn an_unknown_country_is_located() {
    let mut sheets = example_sheets();
    set(&mut sheets, "requests", 0, "host", Cell::text("XX"));
    let dir = workbook("plan.xlsx", &sheets);
    assert_rejected(
        dir.path(),
        "plan.xlsx",
        "error[E011]: plan.xlsx: sheet `requests`, row 2, column D (`host`): unknown host country `XX`
  hint: use the ISO 3166 alpha-2 code of a country in the country table (e.g. KE)
plan.xlsx: 1 error(s), 0 warning(s)
",
    );
}

#[test]
fn a_repeated_id_names_the_row_of_the_first() {
    let mut sheets = example_sheets();
    let trainers = sheet_mut(&mut sheets, "trainers");
    let copy = trainers.rows[0].clone();
    trainers.rows.push(copy);
    let dir = workbook("plan.xlsx", &sheets);
    assert_rejected(
        dir.path(),
        "plan.xlsx",
        "error[E010]: plan.xlsx: sheet `trainers`, row 3, column A (`id`): duplicate id `KE-001` (first used at row 2)
  hint: give each entry of `trainers` its own id
plan.xlsx: 1 error(s), 0 warning(s)
",
    );
}

#[test]
fn every_problem_of_a_workbook_is_reported_at_once() {
    let mut sheets = example_sheets();
    let day = chrono::NaiveDate::from_ymd_opt(2027, 1, 5).expect("date");
    sheets.retain(|s| s.name != "trainers");
    sheet_mut(&mut sheets, "settings").rows.remove(1); // horizon_start
    set(&mut sheets, "requests", 0, "host", Cell::text("XX"));
    set(&mut sheets, "requests", 0, "organiser", Cell::Date(day));
    set(&mut sheets, "requests", 0, "duration_days", Cell::text("five"));
    set(&mut sheets, "requests", 0, "kind", Cell::text("seminar"));
    set(&mut sheets, "requests", 0, "latest_end", Cell::text("31/03/2027"));
    // Without its `area` the request cannot be read, so its host is not checked (as in JSON);
    // the unknown country is caught in travel_costs instead.
    drop_column(&mut sheets, "requests", "area");
    sheet_mut(&mut sheets, "pins").columns[1].header = "trainer id".to_owned();
    set(&mut sheets, "travel_costs", 0, "from", Cell::text("XX"));
    let mut notes = sheet_mut(&mut sheets, "pins").clone();
    notes.name = "notes".to_owned();
    sheets.push(notes);
    let dir = workbook("plan.xlsx", &sheets);
    let out = mtplan(dir.path(), &["check", "plan.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error[E051]: plan.xlsx: sheet `notes`: unknown sheet `notes`
  hint: rename it to one of settings, trainers, unavailability, requests, pins, countries, travel_costs, or remove it (a sheet named `about` is ignored)
error[E057]: plan.xlsx: sheet `settings`: missing setting `horizon_start`
  hint: add a row with `horizon_start` in the `setting` column and, under `value`, the first day trainings may start
error[E050]: plan.xlsx: sheet `trainers`: missing sheet `trainers`
  hint: add the sheet `trainers`: one row per Master Trainer; its columns: id, name, country, languages, areas, ace_areas, max_days, travels
error[E055]: plan.xlsx: sheet `unavailability`, row 2, column A (`trainer`): unknown trainer `KE-001`
  hint: use the id of a trainer in the trainers sheet
error[E053]: plan.xlsx: sheet `requests`, row 1: missing column `area`
  hint: add a column headed `area` to row 1: expertise area of the training
error[E002]: plan.xlsx: sheet `requests`, row 2, column C (`kind`): unknown variant `seminar`, expected one of `national`, `regional`, `refresher`, `partner`
  hint: use one of the values the message lists
error[E054]: plan.xlsx: sheet `requests`, row 2, column E (`organiser`): a date (2027-01-05) in a cell that takes text
  hint: enter text: who asks: the Member's administration, a partner (EU, GIZ …)
error[E054]: plan.xlsx: sheet `requests`, row 2, column G (`duration_days`): `five` is not a whole number
  hint: enter a whole number: days of training
error[E054]: plan.xlsx: sheet `requests`, row 2, column I (`latest_end`): `31/03/2027` is not a date
  hint: enter a date (a date cell), or text YYYY-MM-DD such as 2027-03-15
error[E053]: plan.xlsx: sheet `pins`, row 1: missing column `trainer`
  hint: add a column headed `trainer` to row 1: trainer id who must be on it
error[E052]: plan.xlsx: sheet `pins`, row 1, column B (`trainer id`): unknown column `trainer id`
  hint: rename it to one of: request, trainer, start; or remove it
error[E011]: plan.xlsx: sheet `travel_costs`, row 2, column A (`from`): unknown country `XX`
  hint: use a code from the file's `countries` table, or add the country there
plan.xlsx: 12 error(s), 0 warning(s)
"
    );
}

#[test]
fn csv_folders_are_located_by_file_line_and_field() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("plan");
    std::fs::create_dir(&dir).expect("folder");
    for (name, bytes) in wb::problem_csv(&problem::example()).expect("csv") {
        std::fs::write(dir.join(name), bytes).expect("write");
    }
    let requests = std::fs::read_to_string(dir.join("requests.csv")).expect("read");
    assert!(
        requests.contains(",1,,1,1,,"),
        "min_trainers, max_trainers, leads, priority"
    );
    let requests = requests
        .replace(",TZ,", ",XX,")
        .replace(",1,,1,1,,", ",3,2,1,1,,");
    std::fs::write(dir.join("requests.csv"), requests).expect("write");
    std::fs::write(
        dir.join("trainers.csv"),
        "id,name,country,languages,areas\nKE-001,A,KE,en,hs\n,B,KE,en,\n",
    )
    .expect("write");
    std::fs::write(dir.join("notes.csv"), "x\n").expect("write");
    let out = mtplan(tmp.path(), &["check", "plan"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error[E051]: plan: notes.csv: unknown file `notes`
  hint: rename it to one of settings.csv, trainers.csv, unavailability.csv, requests.csv, pins.csv, countries.csv, travel_costs.csv, or remove it (a file named `about` is ignored)
error[E054]: plan: trainers.csv, line 3, field 1 (`id`): empty cell: `id` is required
  hint: enter unique trainer id, e.g. KE-001
error[E054]: plan: trainers.csv, line 3, field 5 (`areas`): empty cell: `areas` is required
  hint: enter expertise areas held, comma-separated: hs, valuation, pca, risk, roo, geoint, trs
error[E011]: plan: requests.csv, line 2, field 4 (`host`): unknown host country `XX`
  hint: use the ISO 3166 alpha-2 code of a country in the country table (e.g. KE)
error[E023]: plan: requests.csv, line 2, field 13 (`min_trainers`): min_trainers (3) is greater than max_trainers (2)
  hint: make min at most max
plan: 5 error(s), 0 warning(s)
"
    );
}

#[test]
fn a_settings_sheet_without_values_is_one_error() {
    let mut sheets = example_sheets();
    drop_column(&mut sheets, "settings", "value");
    let dir = workbook("plan.xlsx", &sheets);
    assert_rejected(
        dir.path(),
        "plan.xlsx",
        "error[E053]: plan.xlsx: sheet `settings`, row 1: missing column `value`
  hint: add a column headed `value` to row 1: its value
plan.xlsx: 1 error(s), 0 warning(s)
",
    );
}

#[test]
fn sheet_names_and_headers_are_matched_loosely_and_columns_may_move() {
    let mut sheets = example_sheets();
    sheet_mut(&mut sheets, "trainers").name = "Trainers".to_owned();
    let requests = sheet_mut(&mut sheets, "requests");
    requests.columns[7].header = " Duration Days".to_owned();
    requests.columns[12].header = "Min-Trainers".to_owned();
    requests.columns.swap(0, 3);
    requests.rows.iter_mut().for_each(|r| r.swap(0, 3));
    let dir = workbook("plan.xlsx", &sheets);
    let loaded = load_problem(&dir.path().join("plan.xlsx")).expect("loads");
    let (example, _) = {
        let dir = workbook("example.xlsx", &example_sheets());
        wb::read_problem(&dir.path().join("example.xlsx")).expect("example loads")
    };
    assert_eq!(loaded.problem, example.problem);
}

#[test]
fn solve_format_xlsx_needs_an_output_file() {
    let out = mtplan(
        &root(),
        &["solve", "problems/rules/c10-pins.json", "--format", "xlsx"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: --format xlsx writes a workbook: name it with -o FILE.xlsx\n"
    );
}

#[test]
fn a_file_that_is_no_workbook_is_refused() {
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::write(tmp.path().join("plan.xlsx"), "not a zip").expect("write");
    let out = mtplan(tmp.path(), &["check", "plan.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("error[E058]: plan.xlsx: (top level): not a readable workbook:"),
        "{stderr}"
    );
    std::fs::create_dir(tmp.path().join("plan")).expect("folder");
    std::fs::write(tmp.path().join("plan/trainers.csv"), b"id,name\nKE-001,Ren\xe9\n").expect("write");
    let out = mtplan(tmp.path(), &["check", "plan"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr
            .starts_with("error[E058]: plan: (top level): not a readable folder of CSV files: trainers.csv:"),
        "{stderr}"
    );
    assert!(stderr.contains("invalid utf-8"), "{stderr}");
    assert!(stderr.ends_with(
        "  hint: save each table as CSV in UTF-8 (in Excel: \"CSV UTF-8\")\nplan: 1 error(s), 0 warning(s)\n"
    ));
    match load_problem(&tmp.path().join("missing.xlsx")) {
        Err(LoadError::Io { .. }) => {}
        other => panic!("a missing workbook is an I/O error: {other:?}"),
    }
}

#[test]
fn the_docs_list_every_column_with_its_requiredness() {
    let docs = std::fs::read_to_string(root().join("docs/workbook.md")).expect("docs/workbook.md");
    for sheet in &mtplan::workbook::spec::SHEETS {
        assert!(
            docs.contains(&format!("### {}", sheet.name)),
            "section for {}",
            sheet.name
        );
        for c in sheet.columns {
            let row = match c.required {
                true => format!("| **{}** |", c.header),
                false => format!("| {} |", c.header),
            };
            assert!(docs.contains(&row), "docs/workbook.md: {} {row}", sheet.name);
        }
    }
    for (name, _, required, _, _) in mtplan::workbook::spec::SETTING_ROWS {
        let row = if required {
            format!("| **{name}** |")
        } else {
            format!("| {name} |")
        };
        assert!(docs.contains(&row), "docs/workbook.md: setting {row}");
    }
}

mod arbitrary_tables {
    use mtplan::validate::LoadError;
    use mtplan::workbook::grid::{Book, Table, Value};
    use mtplan::workbook::{load_book, spec};
    use proptest::prelude::*;

    fn value() -> impl Strategy<Value = Value> {
        let day = (2026i32..2029, 1u32..13, 1u32..29)
            .prop_map(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("valid date"));
        prop_oneof![
            Just(Value::Empty),
            prop::sample::select(vec![
                "KE",
                "TZ",
                "XX",
                "en",
                "hs, valuation",
                "mon",
                "national",
                "KE-001",
                "R-0001",
                "no",
                "2027-03-01",
                "x"
            ])
            .prop_map(|s| Value::Text(s.to_owned())),
            (-3.0f64..50.0).prop_map(|f| Value::Number(f.round())),
            Just(Value::Number(2.5)),
            day.prop_map(Value::Date),
            any::<bool>().prop_map(Value::Bool),
            Just(Value::Error("#N/A".to_owned())),
        ]
    }

    fn table() -> impl Strategy<Value = Table> {
        let names: Vec<&str> = ["settings", "about", "junk"]
            .into_iter()
            .chain(spec::SHEETS.iter().map(|s| s.name))
            .collect();
        let headers: Vec<&str> = spec::SHEETS
            .iter()
            .flat_map(|s| s.columns.iter().map(|c| c.header))
            .chain(["setting", "value", "about", "junk"])
            .collect();
        (
            prop::sample::select(names),
            prop::collection::vec(prop::sample::select(headers), 0..8),
            prop::collection::vec(prop::collection::vec(value(), 0..9), 0..5),
        )
            .prop_map(|(name, headers, rows)| Table {
                name: name.to_owned(),
                header_row: 1,
                headers: headers
                    .into_iter()
                    .enumerate()
                    .map(|(i, h)| (i, h.to_owned()))
                    .collect(),
                rows: rows.into_iter().enumerate().map(|(i, r)| (i + 2, r)).collect(),
            })
    }

    /// The template's example as tables, as a reader would see them.
    fn example_book() -> Vec<Table> {
        use mtplan::workbook::out::Cell;
        let value = |c: &Cell| match c {
            Cell::Empty => Value::Empty,
            Cell::Text(s) => Value::Text(s.clone()),
            Cell::Int(i) => Value::Number(*i as f64),
            Cell::Float(f) | Cell::Percent(f) => Value::Number(*f),
            Cell::Date(d) => Value::Date(*d),
        };
        super::example_sheets()
            .iter()
            .map(|s| Table {
                name: s.name.clone(),
                header_row: 1,
                headers: s
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (i, c.header.clone()))
                    .collect(),
                rows: s
                    .rows
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (i + 2, r.iter().map(value).collect()))
                    .collect(),
            })
            .collect()
    }

    /// One change to a valid workbook.
    #[derive(Clone, Debug)]
    enum Change {
        DropSheet(prop::sample::Index),
        DropColumn(prop::sample::Index, prop::sample::Index),
        SetCell(prop::sample::Index, prop::sample::Index, Value),
        Rename(prop::sample::Index),
    }

    fn change() -> impl Strategy<Value = Change> {
        let i = any::<prop::sample::Index>;
        prop_oneof![
            i().prop_map(Change::DropSheet),
            (i(), i()).prop_map(|(a, b)| Change::DropColumn(a, b)),
            (i(), i(), value()).prop_map(|(a, b, v)| Change::SetCell(a, b, v)),
            i().prop_map(Change::Rename),
        ]
    }

    fn apply(tables: &mut Vec<Table>, change: &Change) {
        if tables.is_empty() {
            return;
        }
        let n = tables.len();
        match change {
            Change::DropSheet(t) => {
                tables.remove(t.index(n));
            }
            Change::DropColumn(t, c) => {
                let t = &mut tables[t.index(n)];
                if !t.headers.is_empty() {
                    t.headers.remove(c.index(t.headers.len()));
                }
            }
            Change::SetCell(t, c, v) => {
                let t = &mut tables[t.index(n)];
                if let Some((_, row)) = t.rows.first_mut() {
                    if !row.is_empty() {
                        let c = c.index(row.len());
                        row[c] = v.clone();
                    }
                }
            }
            Change::Rename(t) => {
                let t = &mut tables[t.index(n)];
                t.name.push('s');
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1500))]

        /// A valid workbook with a few things changed either loads or says why, at a place.
        #[test]
        fn a_changed_workbook_loads_or_says_where(changes in prop::collection::vec(change(), 1..4)) {
            let mut tables = example_book();
            let valid = load_book(&Book { csv: false, tables: tables.clone() }, "plan.xlsx");
            prop_assert!(valid.is_ok());
            changes.iter().for_each(|c| apply(&mut tables, c));
            match load_book(&Book { csv: false, tables }, "plan.xlsx") {
                Ok(_) => {}
                Err(LoadError::Invalid(report)) => {
                    prop_assert!(report.errors() > 0, "refused without an error");
                    for d in report.diagnostics.iter().filter(|d| d.is_error()) {
                        prop_assert!(d.cell.is_some(), "unlocated: {}", d.render("plan.xlsx"));
                    }
                }
                Err(e) => prop_assert!(false, "{e}"),
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Whatever the tables, reading never panics, and every error names its sheet.
        #[test]
        fn any_tables_give_located_findings(tables in prop::collection::vec(table(), 0..7), csv in any::<bool>()) {
            match load_book(&Book { csv, tables }, "plan.xlsx") {
                Ok(_) => {}
                Err(LoadError::Invalid(report)) => {
                    prop_assert!(report.errors() > 0);
                    for d in report.diagnostics.iter().filter(|d| d.is_error()) {
                        prop_assert!(d.cell.is_some(), "unlocated: {}", d.render("plan.xlsx"));
                    }
                }
                Err(e) => prop_assert!(false, "{e}"),
            }
        }
    }
}

mod mutated_files {
    use mtplan::input::load_problem;
    use mtplan::validate::LoadError;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// A damaged workbook is refused with a finding, never a panic.
        #[test]
        fn damaged_workbooks_are_refused_not_panicked_on(
            flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
            cut in any::<prop::sample::Index>(),
            truncate in any::<bool>(),
        ) {
            let mut bytes = mtplan::workbook::template_xlsx().expect("template");
            for (at, byte) in flips {
                let i = at.index(bytes.len());
                bytes[i] ^= byte | 1;
            }
            if truncate {
                bytes.truncate(cut.index(bytes.len()));
            }
            let tmp = tempfile::tempdir().expect("temp dir");
            let path = tmp.path().join("plan.xlsx");
            std::fs::write(&path, &bytes).expect("write");
            match load_problem(&path) {
                Ok(_) | Err(LoadError::Invalid(_)) => {}
                Err(e) => prop_assert!(false, "{e}"),
            }
        }
    }
}

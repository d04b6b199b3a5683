//! Scenario files: reading, every error at once with its place, the edits' effects, the
//! edited problem validated again, and `mtplan whatif` end to end (every schedule verified).

use std::path::Path;
use std::process::{Command, Output, Stdio};

use mtplan::format::{self, from_model};
use mtplan::model::{Problem, Status};
use mtplan::scenario::{self, ScenarioError};
use mtplan::{checker, generate, solver};
use mtplan::{input, validate};

fn generated(trainers: usize, requests: usize, seed: u64) -> Problem {
    let file = generate::generate(&generate::Spec::new(trainers, requests, seed));
    let json = serde_json::to_string(&file).expect("json");
    validate::parse_problem(json.as_bytes(), "gen.json")
        .expect("valid")
        .problem
}

fn edited(text: &str, base: &Problem) -> Problem {
    match scenario::parse(text, "s.toml", base) {
        Ok(e) => e.problem,
        Err(e) => panic!("scenario refused:\n{e}"),
    }
}

fn errors(text: &str, base: &Problem) -> String {
    match scenario::parse(text, "s.toml", base) {
        Ok(_) => panic!("scenario accepted"),
        Err(ScenarioError::Invalid(report)) => report.to_string(),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn a_problem_written_back_to_file_structures_loads_equal() {
    for seed in 1..4 {
        let p = generated(40, 60, seed);
        let json = serde_json::to_string(&from_model::to_file(&p)).expect("json");
        let back = validate::parse_problem(json.as_bytes(), "back.json")
            .expect("valid")
            .problem;
        assert_eq!(back, p, "seed {seed}");
    }
    let default = input::load_problem(Path::new("problems/default-2027.json")).expect("default");
    let json = serde_json::to_string(&from_model::to_file(&default.problem)).expect("json");
    let back = validate::parse_problem(json.as_bytes(), "back.json")
        .expect("valid")
        .problem;
    assert_eq!(back, default.problem);
}

#[test]
fn a_scenario_without_edits_gives_the_base_schedule() {
    let base = generated(30, 45, 2);
    let same = edited("name = \"nothing\"\ndescription = \"changes nothing\"\n", &base);
    assert_eq!(same.trainers, base.trainers);
    assert_eq!(same.requests, base.requests);
    let options = solver::Options::default();
    let a = solver::solve(&base, &options).expect("base");
    let b = solver::solve(&same, &options).expect("scenario");
    assert!(checker::check(&base, &a).is_empty() && checker::check(&same, &b).is_empty());
    assert_eq!((a.status, b.status), (Status::Optimal, Status::Optimal));
    assert_eq!(a.objective, b.objective);
    assert_eq!(a.scheduled, b.scheduled);
}

#[test]
fn edits_change_what_they_name_and_nothing_else() {
    let base = generated(30, 45, 3);
    let t0 = base.trainers[0].id.as_str().to_owned();
    let t1 = base.trainers[1].id.as_str().to_owned();
    let text = format!(
        "name = \"mix\"\n\
         [[edit]]\naction = \"remove_trainer\"\ntrainer = \"{t0}\"\n\
         [[edit]]\naction = \"change_trainer\"\ntrainer = \"{t1}\"\nmax_days = 7\nadd_languages = [\"pt\"]\n\
         [[edit]]\naction = \"add_unavailable\"\ntrainer = \"{t1}\"\nfrom = 2027-04-01\nto = \"2027-04-30\"\n\
         [[edit]]\naction = \"move_windows\"\nregion = \"Pacific Islands\"\ndays = 30\n\
         [[edit]]\naction = \"set_policy\"\nmin_gap_days = 5\n"
    );
    let p = edited(&text, &base);
    assert_eq!(p.trainers.len(), base.trainers.len() - 1);
    assert!(p.trainer(&base.trainers[0].id).is_none());
    let changed = p.trainer(&base.trainers[1].id).expect("kept");
    assert_eq!(changed.max_days, Some(7));
    assert!(changed.languages.iter().any(|l| l.as_str() == "pt"));
    assert_eq!(changed.unavailable.len(), base.trainers[1].unavailable.len() + 1);
    assert_eq!(p.policy.min_gap_days, 5);
    for (before, after) in base.requests.iter().zip(&p.requests) {
        let pacific = base.region_of(&before.host).map(|g| g.as_str()) == Some("Pacific Islands");
        let moved = (after.earliest_start - before.earliest_start).num_days();
        assert_eq!(moved, if pacific { 30 } else { 0 }, "{}", before.id);
        assert_eq!(
            after.latest_end - after.earliest_start,
            before.latest_end - before.earliest_start
        );
    }
}

#[test]
fn scaling_budgets_rounds_down_and_covers_the_policy_default() {
    let base = generated(20, 10, 1);
    let p = edited(
        "name = \"cut\"\n[[edit]]\naction = \"scale_budgets\"\nfactor = 0.75\n",
        &base,
    );
    for (before, after) in base.trainers.iter().zip(&p.trainers) {
        let want = base.budget(before) * 3 / 4;
        assert_eq!(after.max_days, Some(want), "{}", before.id);
    }
    assert_eq!(p.policy.max_days, base.policy.max_days * 3 / 4);
}

#[test]
fn every_error_is_listed_with_its_place_and_fix() {
    let base = generated(10, 10, 1);
    let text = "name = \"bad\"\nbase = \"x\"\n\n\
        [[edit]]\naction = \"remove_trainer\"\ntrainer = \"XX-999\"\n\n\
        [[edit]]\naction = \"scale_budget\"\nfactor = 0.5\n\n\
        [[edit]]\naction = \"move_windows\"\nregion = \"Atlantis\"\ndays = 10\n\n\
        [[edit]]\naction = \"add_pin\"\nrequest = \"R-0001\"\ntrainer = \"NOPE\"\nstart = \"2027-13-01\"\n";
    let want = "\
error[S003]: s.toml:2:1: base: unknown field `base`
  hint: remove it or correct its spelling; the top level takes: name, description, edit
error[S010]: s.toml:6:11: edit[0].trainer: unknown trainer `XX-999`
  hint: use the id of a trainer of the base problem, or of one added by an earlier edit
error[S003]: s.toml:9:10: edit[1].action: unknown action `scale_budget`
  hint: use one of: remove_trainer, add_trainer, change_trainer, add_unavailable, remove_unavailable, scale_budgets, remove_request, add_request, move_windows, widen_windows, set_policy, add_pin, remove_pin
warning[S101]: s.toml:13:10: edit[2].action: this edit matches no request
  hint: check the filter
error[S012]: s.toml:14:10: edit[2].region: unknown region `Atlantis`
  hint: use a region of the problem's country table: Central Asia and the Caucasus, East Africa, Pacific Islands, Southern Africa, West Africa
error[S002]: s.toml:21:9: edit[3]: add_pin: input is out of range
  hint: write dates as YYYY-MM-DD, e.g. 2027-03-15
s.toml: 5 error(s), 1 warning(s)";
    assert_eq!(errors(text, &base), want);
}

#[test]
fn the_edited_problem_is_validated_again_and_blamed_on_its_edit() {
    let base = generated(10, 10, 1);
    let r = &base.requests[2];
    let narrow = (r.latest_end - r.earliest_start).num_days() + 5;
    let text = format!(
        "name = \"narrow\"\n[[edit]]\naction = \"set_policy\"\nmin_gap_days = 3\n\
         [[edit]]\naction = \"widen_windows\"\nrequests = [\"{}\"]\nafter = -{narrow}\n",
        r.id
    );
    let report = errors(&text, &base);
    let mut lines = report.lines();
    let first = lines.next().unwrap_or_default();
    assert!(
        first.starts_with(&format!(
            "error[E020]: s.toml:5:1: edit[1]: after edit[1], request `{}` (requests[2].latest_end): the window ends",
            r.id
        )),
        "{report}"
    );
    assert_eq!(
        lines.next(),
        Some(
            "  hint: change the edit so that the problem stays valid: swap `earliest_start` and `latest_end`"
        )
    );
}

#[test]
fn the_shipped_example_scenarios_apply_to_the_default_problem() {
    let base = input::load_problem(Path::new("problems/default-2027.json"))
        .expect("default")
        .problem;
    let mut names = Vec::new();
    for entry in std::fs::read_dir("problems/scenarios").expect("folder") {
        let path = entry.expect("entry").path();
        let e = scenario::load(&path, &base).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(e.report.errors() == 0 && !e.scenario.edits.is_empty());
        // The default problem's own warnings (requests nobody can staff) are not repeated.
        assert_eq!(e.report.warnings(), 0, "{}", e.report);
        names.push(e.scenario.name);
    }
    names.sort();
    assert_eq!(names, ["budget-cut", "pacific-later", "trainer-leaves"]);
}

fn mtplan_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mtplan"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run mtplan")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn write_base(dir: &Path, trainers: usize, requests: usize, seed: u64) -> Problem {
    let file = generate::generate(&generate::Spec::new(trainers, requests, seed));
    let json = serde_json::to_string_pretty(&file).expect("json");
    std::fs::write(dir.join("base.json"), &json).expect("write");
    validate::parse_problem(json.as_bytes(), "base.json")
        .expect("valid")
        .problem
}

#[test]
fn whatif_with_unknown_ids_exits_2_and_names_them() {
    let dir = tempfile::tempdir().expect("dir");
    write_base(dir.path(), 10, 10, 1);
    let bad = "name = \"ghosts\"\n\n[[edit]]\naction = \"remove_request\"\nrequests = [\"R-0001\", \"R-9999\"]\n\n\
               [[edit]]\naction = \"add_unavailable\"\ntrainer = \"ZZ-000\"\nfrom = 2027-03-01\nto = 2027-03-05\n";
    std::fs::write(dir.path().join("ghosts.toml"), bad).expect("write");
    let out = mtplan_in(dir.path(), &["whatif", "base.json", "ghosts.toml", "-o", "out"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(out.stdout, b"");
    assert_eq!(
        text(&out.stderr),
        "\
error[S011]: ghosts.toml:5:12: edit[0].requests: unknown request `R-9999`
  hint: use the id of a request of the base problem, or of one added by an earlier edit
error[S010]: ghosts.toml:9:11: edit[1].trainer: unknown trainer `ZZ-000`
  hint: use the id of a trainer of the base problem, or of one added by an earlier edit
ghosts.toml: 2 error(s), 0 warning(s)
"
    );
    assert!(
        !dir.path().join("out").exists(),
        "nothing is written on bad input"
    );
}

#[test]
fn whatif_writes_verified_schedules_and_one_table() {
    let dir = tempfile::tempdir().expect("dir");
    let base = write_base(dir.path(), 30, 45, 3);
    let gone = base.trainers[3].id.as_str().to_owned();
    std::fs::write(dir.path().join("same.toml"), "name = \"same\"\n").expect("write");
    std::fs::write(
        dir.path().join("cut.toml"),
        format!(
            "name = \"cut\"\n[[edit]]\naction = \"scale_budgets\"\nfactor = 0.5\n\
             [[edit]]\naction = \"remove_trainer\"\ntrainer = \"{gone}\"\n"
        ),
    )
    .expect("write");
    let args = [
        "whatif",
        "base.json",
        "same.toml",
        "cut.toml",
        "-o",
        "out",
        "--reproducible",
    ];
    let out = mtplan_in(dir.path(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    let rows: Vec<&str> = table
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| ---"))
        .collect();
    assert_eq!(rows.len(), 4, "{table}");
    assert!(rows[1].starts_with("| base | optimal |") && rows[2].starts_with("| same | optimal |"));
    let cells = |row: &str| row.split(" | ").map(str::to_owned).collect::<Vec<_>>();
    // The unchanged scenario: same staffed, coverage and cost; nothing gained, lost or changed.
    assert_eq!(cells(rows[1])[2..5], cells(rows[2])[2..5]);
    assert_eq!(cells(rows[2])[5..8], ["0", "0", "0"]);
    for name in ["base", "same", "cut"] {
        let file = format!("out/{name}.json");
        assert!(dir.path().join(&file).exists(), "{file}");
        if name != "cut" {
            let v = mtplan_in(dir.path(), &["verify", "base.json", &file]);
            assert_eq!(v.status.code(), Some(0), "{}{}", text(&v.stdout), text(&v.stderr));
        }
    }
    let csv = std::fs::read_to_string(dir.path().join("out/whatif.csv")).expect("csv");
    assert_eq!(csv.lines().count(), 4);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/whatif.md")).expect("md"),
        table
    );
    // The edited problem's schedule holds in the edited problem.
    let cut = scenario::load(&dir.path().join("cut.toml"), &base)
        .expect("cut")
        .problem;
    let written = format::load_schedule(&dir.path().join("out/cut.json"), &cut).expect("schedule");
    assert!(checker::check(&cut, &written).is_empty());
    // A second run refuses to overwrite.
    let again = mtplan_in(dir.path(), &args);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("exists; choose another -o or pass --force"));
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn base() -> &'static Problem {
        static BASE: std::sync::OnceLock<Problem> = std::sync::OnceLock::new();
        BASE.get_or_init(|| generated(10, 10, 1))
    }

    const EXAMPLE: &str = include_str!("../problems/scenarios/trainer-leaves.toml");

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn on_arbitrary_text(text in "\\PC{0,300}") {
            let _ = scenario::parse(&text, "fuzz.toml", base());
        }

        #[test]
        fn on_mutated_examples(cut in 0usize..2000, insert in "[\\[\\]=\"a-z0-9 \\n.,{}-]{0,12}") {
            let mut text = EXAMPLE.to_owned();
            let mut at = cut % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.insert_str(at, &insert);
            match scenario::parse(&text, "fuzz.toml", base()) {
                Ok(e) => prop_assert!(e.report.errors() == 0),
                Err(ScenarioError::Invalid(r)) => prop_assert!(r.errors() > 0),
                Err(e) => prop_assert!(false, "{e}"),
            }
        }
    }
}

//! Bad problem files: `mtplan check FILE` and `mtplan solve FILE` must both refuse them with
//! exit code 2, print nothing on stdout, and list every problem on stderr with its code,
//! `file:line:column`, JSON path, message and hint.
//!
//! Fixtures live in `tests/fixtures/bad/`; each is `valid.json` with one thing broken, except
//! `many-errors.json` (twenty problems at once) and `warnings.json` (valid, with warnings).

use std::process::{Command, Output};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bad");

/// Runs `mtplan <args>` in the fixture folder.
fn mtplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mtplan"))
        .current_dir(DIR)
        .args(args)
        .output()
        .expect("run mtplan")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

/// Asserts that `check` and `solve` both refuse `file` with exit code 2, empty stdout and
/// exactly `expected` on stderr.
fn assert_rejected(file: &str, expected: &str) {
    for command in ["check", "solve"] {
        let out = mtplan(&[command, file]);
        let stderr = text(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(2),
            "exit code of `mtplan {command} {file}`; stderr:\n{stderr}"
        );
        assert_eq!(text(&out.stdout), "", "stdout of `mtplan {command} {file}`");
        assert_eq!(stderr, expected, "stderr of `mtplan {command} {file}`");
    }
}

/// The stderr of `mtplan check file`, after asserting exit code 2 and empty stdout.
fn rejected(file: &str) -> String {
    let out = mtplan(&["check", file]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");
    text(&out.stderr)
}

#[test]
fn the_base_fixture_is_valid() {
    for command in ["check", "solve"] {
        let out = mtplan(&[command, "valid.json"]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
}

#[test]
fn malformed_json() {
    // The comma after `"name"` on line 2 is missing; serde_json notices at line 3.
    assert_rejected(
        "syntax.json",
        r#"error[E001]: syntax.json:3:3: (top level): not valid JSON: expected `,` or `}`
  hint: fix the JSON syntax at this place (a missing comma, quote or bracket is the usual cause)
syntax.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn empty_file() {
    assert_rejected(
        "empty.json",
        r#"error[E001]: empty.json:1:1: (top level): the file is empty; a problem is a JSON object
  hint: fix the JSON syntax at this place (a missing comma, quote or bracket is the usual cause)
empty.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn json_array_instead_of_object() {
    assert_rejected(
        "array.json",
        r#"error[E002]: array.json:1:1: (top level): the problem must be a JSON object
  hint: start the file with { "name": …, "horizon": …, "trainers": […], "requests": […] }
array.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn non_utf8_bytes() {
    // A Latin-1 no-break space (0xA0) indents line 75, as pasted from a word processor.
    assert_rejected(
        "not-utf8.json",
        r#"error[E001]: not-utf8.json:75:1: (top level): the file is not UTF-8 text (bad byte at offset 1332)
  hint: save the file as UTF-8 JSON
not-utf8.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn unknown_field_at_top_level() {
    assert_rejected(
        "unknown-field-top.json",
        r#"error[E003]: unknown-field-top.json:97:19: trainer_list: unknown field `trainer_list`
  hint: remove it or correct its spelling; the top level takes: name, horizon, policy, countries, travel_costs, trainers, requests, pinned
unknown-field-top.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn unknown_field_in_a_trainer() {
    assert_rejected(
        "unknown-field-trainer.json",
        r#"error[E002]: unknown-field-trainer.json:42:16: trainers[1].email: unknown field `email`, expected one of `id`, `name`, `country`, `languages`, `expertise`, `max_days`, `unavailable`, `travels`
  hint: remove the field or correct its spelling (the message lists the allowed names)
unknown-field-trainer.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn missing_required_field_at_top_level() {
    assert_rejected(
        "missing-field-top.json",
        r#"error[E004]: missing-field-top.json:1:1: (top level): missing field `horizon`
  hint: add `horizon` at the top level
missing-field-top.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn missing_required_field_in_a_request() {
    assert_rejected(
        "missing-field-request.json",
        r#"error[E002]: missing-field-request.json:73:5: requests[1]: missing field `area`
  hint: add the field; see the problem format in the README
missing-field-request.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn duplicate_trainer_id() {
    assert_rejected(
        "dup-trainer.json",
        r#"error[E010]: dup-trainer.json:44:13: trainers[2].id: duplicate id `KE-01` (first used at trainers[0])
  hint: give each entry of `trainers` its own id
dup-trainer.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn duplicate_request_id() {
    assert_rejected(
        "dup-request.json",
        r#"error[E010]: dup-request.json:74:13: requests[1].id: duplicate id `R-1` (first used at requests[0])
  hint: give each entry of `requests` its own id
dup-request.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn unknown_trainer_country() {
    assert_rejected(
        "unknown-country-trainer.json",
        r#"error[E011]: unknown-country-trainer.json:46:18: trainers[2].country: unknown country `ZZ`
  hint: use the ISO 3166 alpha-2 code of a country in the country table (e.g. KE)
unknown-country-trainer.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn unknown_host_country() {
    assert_rejected(
        "unknown-country-host.json",
        r#"error[E011]: unknown-country-host.json:77:15: requests[1].host: unknown host country `FR`
  hint: use the ISO 3166 alpha-2 code of a country in the country table (e.g. KE)
unknown-country-host.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn pin_names_an_unknown_trainer() {
    assert_rejected(
        "pin-unknown-trainer.json",
        r#"error[E012]: pin-unknown-trainer.json:94:18: pinned[0].trainer: unknown trainer `KE-09`
  hint: use the id of a trainer in `trainers`
pin-unknown-trainer.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn pin_names_an_unknown_request() {
    assert_rejected(
        "pin-unknown-request.json",
        r#"error[E013]: pin-unknown-request.json:93:18: pinned[0].request: unknown request `R-7`
  hint: use the id of a request in `requests`
pin-unknown-request.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn reversed_horizon() {
    assert_rejected(
        "reversed-horizon.json",
        r#"error[E020]: reversed-horizon.json:3:14: horizon: the horizon ends (2027-01-01) before it starts (2027-12-31)
  hint: swap `start` and `end`
reversed-horizon.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn reversed_request_window() {
    assert_rejected(
        "reversed-window.json",
        r#"error[E020]: reversed-window.json:70:21: requests[0].latest_end: the window ends (2027-02-01) before it starts (2027-02-28)
  hint: swap `earliest_start` and `latest_end`
reversed-window.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn reversed_unavailable_period() {
    assert_rejected(
        "reversed-unavailable.json",
        r#"error[E020]: reversed-unavailable.json:37:9: trainers[1].unavailable[0]: the unavailable period ends (2027-03-01) before it starts (2027-03-14)
  hint: swap `from` and `to`
reversed-unavailable.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn fixed_start_outside_its_window() {
    assert_rejected(
        "fixed-outside-window.json",
        r#"error[E021]: fixed-outside-window.json:84:22: requests[1].fixed_start: fixed_start 2027-04-28 with 5 day(s) does not fit the window 2027-04-01 … 2027-04-30
  hint: move fixed_start inside the window, or widen the window
fixed-outside-window.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn zero_duration() {
    assert_rejected(
        "duration-zero.json",
        r#"error[E022]: duration-zero.json:68:24: requests[0].duration_days: duration_days is 0; a training lasts 1 to 366 days
  hint: give the number of training days, 1 or more
duration-zero.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn negative_duration() {
    assert_rejected(
        "duration-negative.json",
        r#"error[E022]: duration-negative.json:68:24: requests[0].duration_days: duration_days is -3; a training lasts 1 to 366 days
  hint: give the number of training days, 1 or more
duration-negative.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn trainers_min_above_max() {
    assert_rejected(
        "min-above-max.json",
        r#"error[E023]: min-above-max.json:85:19: requests[1].trainers: trainers.min (3) is greater than trainers.max (2)
  hint: make min at most max
min-above-max.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn string_where_a_number_is_expected() {
    assert_rejected(
        "wrong-type.json",
        r#"error[E002]: wrong-type.json:42:19: trainers[1].max_days: invalid type: string "30", expected u32
  hint: use a whole number, zero or more
wrong-type.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn date_not_in_iso_format() {
    assert_rejected(
        "bad-date.json",
        r#"error[E002]: bad-date.json:82:25: requests[1].earliest_start: input contains invalid characters (found "1 April 2027")
  hint: write dates as YYYY-MM-DD, e.g. "2027-03-15"
bad-date.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn date_that_does_not_exist() {
    // 2027-04-31 has the right shape, but April has 30 days.
    assert_rejected(
        "impossible-date.json",
        r#"error[E002]: impossible-date.json:83:21: requests[1].latest_end: input is out of range (found "2027-04-31")
  hint: write dates as YYYY-MM-DD, e.g. "2027-03-15"
impossible-date.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn many_errors_are_all_listed_in_one_run() {
    // One run lists every problem, in file order: syntax-level checks (types, unknown
    // fields) and semantic checks (references, dates, counts) together.
    assert_rejected(
        "many-errors.json",
        r#"error[E020]: many-errors.json:3:14: horizon: the horizon ends (2026-12-31) before it starts (2027-01-01)
  hint: swap `start` and `end`
error[E027]: many-errors.json:13:9: trainers[0].languages[0]: `EN` is not an ISO 639-1 language code
  hint: use two lower-case letters: en, fr, pt, ru …
error[E010]: many-errors.json:24:13: trainers[1].id: duplicate id `KE-01` (first used at trainers[0])
  hint: give each entry of `trainers` its own id
error[E020]: many-errors.json:37:9: trainers[1].unavailable[0]: the unavailable period ends (2027-03-01) before it starts (2027-03-14)
  hint: swap `from` and `to`
error[E011]: many-errors.json:46:18: trainers[2].country: unknown country `XK`
  hint: use the ISO 3166 alpha-2 code of a country in the country table (e.g. KE)
error[E002]: many-errors.json:68:20: trainers[3].expertise[0].level: unknown variant `master`, expected `mt` or `ace`
  hint: use one of the values the message lists
error[E022]: many-errors.json:82:24: requests[0].duration_days: duration_days is 0; a training lasts 1 to 366 days
  hint: give the number of training days, 1 or more
error[E020]: many-errors.json:84:21: requests[0].latest_end: the window ends (2027-02-01) before it starts (2027-02-28)
  hint: swap `earliest_start` and `latest_end`
error[E025]: many-errors.json:86:16: requests[0].leads: leads (2) is more than the most trainers allowed (1)
  hint: lower leads or raise the trainer count
error[E026]: many-errors.json:87:19: requests[0].priority: priority is 0; it must be 1 to 1000
  hint: use 1 for normal requests, higher for important ones
error[E014]: many-errors.json:89:9: requests[0].regions[0]: unknown region `East Asia`
  hint: use a region of the country table: Central Asia and the Caucasus, East Africa, Pacific Islands, Southern Africa, West Africa
error[E011]: many-errors.json:96:15: requests[1].host: unknown host country `FR`
  hint: use the ISO 3166 alpha-2 code of a country in the country table (e.g. KE)
error[E021]: many-errors.json:103:22: requests[1].fixed_start: fixed_start 2027-05-03 with 5 day(s) does not fit the window 2027-04-01 … 2027-04-30
  hint: move fixed_start inside the window, or widen the window
error[E023]: many-errors.json:104:19: requests[1].trainers: trainers.min (3) is greater than trainers.max (2)
  hint: make min at most max
error[E029]: many-errors.json:108:27: requests[1].max_same_country: max_same_country is 0: nobody could serve
  hint: use 1 or more, or leave it out
error[E002]: many-errors.json:118:24: requests[2].duration_days: invalid type: string "4", expected i64
  hint: use a whole number
error[E013]: many-errors.json:126:18: pinned[0].request: unknown request `R-7`
  hint: use the id of a request in `requests`
error[E012]: many-errors.json:127:18: pinned[0].trainer: unknown trainer `KE-09`
  hint: use the id of a trainer in `trainers`
error[E030]: many-errors.json:132:16: pinned[1].start: pinned start 2027-06-07 is outside the window of `R-2` (2027-04-01 … 2027-04-30)
  hint: pin a start inside the request's window, or leave `start` out
error[E003]: many-errors.json:135:14: pinnned: unknown field `pinnned`
  hint: remove it or correct its spelling; the top level takes: name, horizon, policy, countries, travel_costs, trainers, requests, pinned
many-errors.json: 20 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn check_accepts_a_valid_problem_with_warnings() {
    let out = mtplan(&["check", "warnings.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        r#"warning[W101]: warnings.json:90:5: requests[2]: no plan can staff request `R-3`: 0 trainer(s) pass area, language, region and travel rules; it needs 1 (with 0 lead(s)) free on one allowed start
  hint: run `mtplan solve` to see the reasons in the schedule, or relax the request
warning[W102]: warnings.json:96:15: requests[2].area: no trainer holds area `geoint`
  hint: check the area code, or add a trainer who holds it
warning[W101]: warnings.json:103:5: requests[3]: no plan can staff request `R-4`: 2 trainer(s) pass area, language, region and travel rules; it needs 3 (with 0 lead(s)) free on one allowed start
  hint: run `mtplan solve` to see the reasons in the schedule, or relax the request
warning[W103]: warnings.json:125:25: requests[4].earliest_start: request `R-5` has no allowed start (window, weekdays, horizon)
  hint: widen the window, allow another start weekday, or check the horizon
warnings.json: 0 error(s), 4 warning(s)
"#
    );
}

#[test]
fn a_missing_file_is_bad_input() {
    for command in ["check", "solve"] {
        let out = mtplan(&[command, "no-such-file.json"]);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(text(&out.stdout), "");
        let stderr = text(&out.stderr);
        assert!(
            stderr.starts_with("error: cannot read no-such-file.json: "),
            "{stderr}"
        );
    }
}

#[test]
fn solve_writes_no_output_file_for_a_bad_problem() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_file = dir.path().join("schedule.json");
    let out = Command::new(env!("CARGO_BIN_EXE_mtplan"))
        .current_dir(DIR)
        .arg("solve")
        .arg("many-errors.json")
        .arg("-o")
        .arg(&out_file)
        .output()
        .expect("run mtplan");
    assert_eq!(out.status.code(), Some(2));
    assert!(!out_file.exists(), "no schedule is written for a bad problem");
}

#[test]
fn every_fixture_is_used() {
    let mut names: Vec<String> = std::fs::read_dir(DIR)
        .expect("fixture folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let source = include_str!("bad_input.rs");
    for name in &names {
        assert!(
            source.contains(&format!("\"{name}\"")),
            "fixture {name} is not used by any test"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Regressions: each of these was a weakness found by these tests and fixed in src/
// ---------------------------------------------------------------------------------------

#[test]
fn a_broken_trainer_does_not_make_its_pin_unknown() {
    // KE-01 exists but its max_days is a string; the pin on KE-01 is fine.
    assert_rejected(
        "cascade-pin.json",
        r#"error[E002]: cascade-pin.json:21:19: trainers[0].max_days: invalid type: string "30", expected u32
  hint: use a whole number, zero or more
cascade-pin.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn a_type_error_does_not_hide_other_problems_of_the_same_item() {
    let stderr = rejected("item-errors-hide-others.json");
    assert!(
        stderr.contains(
            "item-errors-hide-others.json:57:19: trainers[2].max_days: invalid type: string \"30\", expected u32"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("item-errors-hide-others.json:46:18: trainers[2].country: unknown country `XK`"),
        "{stderr}"
    );
}

#[test]
fn a_non_utf8_byte_is_located_at_its_column() {
    // Line 75 is `      "title": "HS workshop in S\xe9n\xe9gal",`: the bad byte is the 33rd character.
    assert_rejected(
        "not-utf8-mid-line.json",
        r#"error[E001]: not-utf8-mid-line.json:75:33: (top level): the file is not UTF-8 text (bad byte at offset 1364)
  hint: save the file as UTF-8 JSON
not-utf8-mid-line.json: 1 error(s), 0 warning(s)
"#,
    );
}

#[test]
fn a_syntax_error_after_non_ascii_text_is_located_in_characters() {
    // Line 2 is `  "name": "Côte d’Ivoire 2027" "horizon": …`: the missing comma is noticed at
    // the 32nd character (the 35th byte).
    let stderr = rejected("syntax-non-ascii.json");
    assert!(
        stderr.starts_with("error[E001]: syntax-non-ascii.json:2:32: "),
        "{stderr}"
    );
}

#[test]
fn syntax_messages_do_not_repeat_the_position() {
    let stderr = rejected("syntax.json");
    let first = stderr.lines().next().unwrap_or_default();
    assert!(first.starts_with("error[E001]: syntax.json:3:3: "), "{first}");
    assert!(!first.contains(" at line "), "{first}");

    let stderr = rejected("empty.json");
    let first = stderr.lines().next().unwrap_or_default();
    assert!(first.starts_with("error[E001]: empty.json:1:1: "), "{first}");
    assert!(first.contains("empty"), "say that the file is empty: {first}");
    assert!(!first.contains("column 0"), "{first}");
}

#[test]
fn type_errors_do_not_name_rust_types() {
    let stderr = rejected("wrong-type-struct.json");
    assert!(
        stderr.starts_with("error[E002]: wrong-type-struct.json:3:14: horizon: "),
        "{stderr}"
    );
    assert!(!stderr.contains("RangeV1"), "{stderr}");
    assert!(!stderr.contains("expected struct"), "{stderr}");
}

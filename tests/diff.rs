//! `diff` of schedules: exact text for people, empty for a schedule and itself.

use chrono::NaiveDate;
use mtplan::diff::{diff, json, text};
use mtplan::model::{Assignment, RequestId, Schedule, Status, TrainerId};

fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn a(r: &str, start: &str, end: &str, ts: &[&str]) -> Assignment {
    Assignment {
        request: RequestId(r.into()),
        start: day(start),
        end: day(end),
        trainers: ts.iter().map(|t| TrainerId((*t).into())).collect(),
    }
}

fn schedule(scheduled: Vec<Assignment>) -> Schedule {
    Schedule {
        status: Status::Feasible,
        objective: None,
        bound: None,
        gap: None,
        scheduled,
        unscheduled: Vec::new(),
        settings: None,
        backups: None,
    }
}

#[test]
fn a_schedule_and_itself_differ_in_nothing() {
    let s = schedule(vec![a("R-1", "2027-02-01", "2027-02-05", &["KE-01", "UG-03"])]);
    let d = diff(&s, &s);
    assert!(d.is_empty() && d.trainers.is_empty());
    assert_eq!(text(&d, None), "no changes (1 staffed request(s) unchanged)\n");
}

#[test]
fn every_kind_of_change_is_listed_sorted_with_totals() {
    let before = schedule(vec![
        a("R-3", "2027-03-01", "2027-03-05", &["KE-01", "UG-03"]),
        a("R-1", "2027-02-01", "2027-02-05", &["KE-01"]),
        a("R-2", "2027-02-08", "2027-02-12", &["ZM-04"]),
        a("R-4", "2027-04-05", "2027-04-09", &["SN-05"]),
    ]);
    let after = schedule(vec![
        a("R-1", "2027-02-15", "2027-02-19", &["KE-01"]),
        a("R-3", "2027-03-01", "2027-03-05", &["KE-02", "UG-03"]),
        a("R-4", "2027-04-05", "2027-04-09", &["SN-05"]),
        a("R-5", "2027-05-03", "2027-05-07", &["ZM-04"]),
    ]);
    let d = diff(&before, &after);
    let want = "\
requests:
  R-1        changed        moved 2027-02-01 -> 2027-02-15
  R-2        dropped        was 2027-02-08  trainers ZM-04
  R-3        changed        in KE-02; out KE-01
  R-5        newly staffed  2027-05-03  trainers ZM-04
trainers:
  KE-01      -R-3 2027-03-01  ~R-1 2027-02-01 -> 2027-02-15
  KE-02      +R-3 2027-03-01
  ZM-04      +R-5 2027-05-03  -R-2 2027-02-08
totals: 1 newly staffed, 1 dropped, 1 moved, 1 trainer(s) in, 1 out, 1 unchanged; 3 trainer(s) affected
";
    assert_eq!(text(&d, None), want);
    // R-2 dropped, R-1 moved, KE-01 taken off R-3 and KE-02 added to it.
    assert_eq!(d.totals.disruption(), 4);
    let v: serde_json::Value = serde_json::from_str(&json(&d)).expect("json");
    assert_eq!(v["requests"][0]["change"], "moved");
    assert_eq!(v["requests"][2]["change"], "team");
    assert_eq!(v["totals"]["disruption"], 4);
    // The way back mirrors it.
    let back = diff(&after, &before);
    assert_eq!(
        (back.totals.staffed, back.totals.dropped, back.totals.moved),
        (1, 1, 1)
    );
}

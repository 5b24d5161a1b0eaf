//! `unisson report objectives` with the real binary: camelCase JSON, one record per objective and period, the
//! demo's brief objective against an independent count from `unisson activity list`, and clear refusals.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde_json::Value;
mod common;
use common::{init, json, unisson};

fn took_place(activity: &str, status: &str) -> bool {
    activity != "cancelled"
        && (status == "attended"
            || (activity == "done" && ["invited", "accepted", "tentative"].contains(&status)))
}

#[test]
fn objectives_report_on_the_demo_matches_the_activity_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("o.sqlite");
    let db = db.to_str().expect("utf-8");
    json(&unisson(&["demo", "--db", db]));
    let today = common::today();
    let quarter = today.month0() / 3 + 1;
    let label = format!("{}-Q{quarter}", today.year());
    let records = json(&unisson(&[
        "report",
        "objectives",
        "--db",
        db,
        "--period",
        &label,
        "--format",
        "json",
    ]));
    let records = records.as_array().expect("an array");
    assert_eq!(
        records.len(),
        4,
        "the demo's four quarterly objectives, one quarter: {records:?}"
    );
    for r in records {
        assert_eq!(r["period"], label.as_str(), "each record names its period");
        for field in [
            "holdersBack",
            "projectedShare",
            "objective",
            "evidence",
            "planned",
            "required",
        ] {
            assert!(r.get(field).is_some(), "camelCase field {field} in {r}");
        }
        let status = r["status"].as_str().expect("status");
        assert!(
            ["on_track", "at_risk", "behind"].contains(&status),
            "status {status}"
        );
    }
    let briefs = records
        .iter()
        .find(|r| r["objective"]["metric"] == "briefs_with_marketer")
        .expect("the brief objective");
    let from: NaiveDate = briefs["from"].as_str().expect("from").parse().expect("day");
    let to: NaiveDate = briefs["to"].as_str().expect("to").parse().expect("day");
    let list = json(&unisson(&[
        "activity", "list", "--db", db, "--kind", "brief",
    ]));
    let (mut total, mut covered) = (0, Vec::new());
    for a in list.as_array().expect("an array") {
        let tz: chrono_tz::Tz = a["zone"].as_str().expect("zone").parse().expect("IANA");
        let start: DateTime<Utc> = a["start"]
            .as_str()
            .expect("start")
            .parse()
            .expect("instant");
        let status = a["status"].as_str().expect("status");
        let local = start.with_timezone(&tz).date_naive();
        if status == "cancelled" || local < from || local > to || a["seriesId"].is_null() {
            continue;
        }
        total += 1;
        let marketer = a["participants"]
            .as_array()
            .expect("participants")
            .iter()
            .any(|p| {
                p["department"] == "marketing"
                    && p["role"] == "attendee"
                    && took_place(status, p["status"].as_str().expect("status"))
            });
        if marketer {
            covered.push(a["id"].clone());
        }
    }
    assert!(total > 0, "the demo has briefs this quarter");
    assert_eq!(
        (briefs["total"].as_i64(), briefs["met"].as_i64()),
        (Some(total), Some(covered.len() as i64)),
        "briefs held and briefs with a marketer, as counted from the activity list"
    );
    assert_eq!(
        briefs["evidence"],
        Value::Array(covered),
        "the evidence is the covered briefs"
    );
}

#[test]
fn bad_period_and_csv_are_refused_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("e.sqlite");
    let db = db.to_str().expect("utf-8");
    init(db);
    let out = unisson(&["report", "objectives", "--db", db, "--period", "2027-Q5"]);
    assert_eq!(out.status.code(), Some(1), "a bad period fails: {out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("2027-Q1") && err.contains("2027-03"),
        "the error shows the accepted forms: {err}"
    );
    let out = unisson(&[
        "report",
        "objectives",
        "--db",
        db,
        "--period",
        "2027",
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(1), "CSV is not offered: {out:?}");
    let empty = json(&unisson(&[
        "report",
        "objectives",
        "--db",
        db,
        "--period",
        "2027",
    ]));
    assert_eq!(empty, Value::Array(vec![]), "no objectives, no records");
}

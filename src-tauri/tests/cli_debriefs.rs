//! `unisson report debriefs` with the real binary, on the demo (which fills some debriefs and leaves others
//! pending): the completion against an independent count (expected from `unisson activity list`, filled read from the
//! database), and the CSV for Excel.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde_json::Value;
use std::collections::BTreeMap;
use unisson_core::store::{debriefs, Store};
mod common;
use common::{json, unisson};

/// (expected, filled) per department, from `activity list` with the rules written again here.
fn independent(db: &str, from: NaiveDate, to: NaiveDate) -> BTreeMap<String, (i64, i64)> {
    let list = json(&unisson(&["activity", "list", "--db", db]));
    let store = Store::open(db.as_ref(), common::now()).expect("open the demo");
    let mut out = BTreeMap::new();
    for a in list.as_array().expect("an array") {
        let status = a["status"].as_str().expect("status");
        let tz: chrono_tz::Tz = a["zone"].as_str().expect("zone").parse().expect("zone");
        let start: DateTime<Utc> = a["start"]
            .as_str()
            .expect("start")
            .parse()
            .expect("instant");
        let local = start.with_timezone(&tz).date_naive();
        if status == "cancelled" || local < from || local > to {
            continue;
        }
        for p in a["participants"].as_array().expect("participants") {
            let (role, ps) = (
                p["role"].as_str().expect("role"),
                p["status"].as_str().expect("status"),
            );
            let debriefed = matches!(
                (a["kind"].as_str().expect("kind"), role),
                ("shadowing", "visitor" | "host") | ("training", "attendee" | "trainer")
            );
            let there = ps == "attended"
                || (status == "done" && ["invited", "accepted", "tentative"].contains(&ps));
            if !(debriefed && there) {
                continue;
            }
            let id = |v: &Value| v.as_i64().expect("an id");
            let filled = debriefs::find(store.conn(), id(&a["id"]), id(&p["personId"]))
                .expect("read the debrief")
                .is_some();
            let e = out
                .entry(p["department"].as_str().expect("department").to_owned())
                .or_insert((0, 0));
            e.0 += 1;
            e.1 += i64::from(filled);
        }
    }
    out
}

#[test]
fn debrief_completion_matches_an_independent_count_on_the_demo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir
        .path()
        .join("d.sqlite")
        .to_str()
        .expect("utf-8")
        .to_owned();
    json(&unisson(&["demo", "--db", &db, "--seed", "5"]));
    let today = common::today();
    let (from, to) = (today - Duration::days(60), today + Duration::days(60));
    let (f, t) = (from.to_string(), to.to_string());
    let args = [
        "report",
        "debriefs",
        "--db",
        &db,
        "--from",
        &f,
        "--to",
        &t,
        "--by",
        "department",
    ];
    let got = json(&unisson(&args));
    let want = independent(&db, from, to);
    let rows: BTreeMap<String, (i64, i64)> = got["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|r| {
            let n = |k: &str| r[k].as_i64().expect("a count");
            (
                r["group"].as_str().expect("group").to_owned(),
                (n("expected"), n("filled")),
            )
        })
        .collect();
    assert_eq!(
        rows, want,
        "each department's expected and filled debriefs match a recount"
    );
    let (expected, filled): (i64, i64) = want.values().fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    assert_eq!(
        (
            got["total"]["expected"].as_i64(),
            got["total"]["filled"].as_i64()
        ),
        (Some(expected), Some(filled)),
        "the total is the sum of the groups"
    );
    assert!(
        filled > 0 && filled < expected,
        "the demo fills most debriefs and leaves some pending ({filled} of {expected})"
    );
    let csv = unisson(&[&args[..], &["--format", "csv"]].concat());
    assert!(csv.status.success(), "{csv:?}");
    let text = String::from_utf8(csv.stdout).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0], "\u{feff}group;expected;filled;rate",
        "BOM, then the header, for French Excel"
    );
    assert!(
        lines[1].starts_with(&format!(";{expected};{filled};")),
        "the whole organisation comes first, with an empty group: {}",
        lines[1]
    );
    assert_eq!(lines.len(), 2 + rows.len(), "then one line per group");
    let bad = unisson(&["report", "debriefs", "--db", &db, "--from", &t, "--to", &f]);
    assert!(
        !bad.status.success(),
        "a period ending before it starts is refused"
    );
}

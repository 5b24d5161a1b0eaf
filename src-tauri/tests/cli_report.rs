//! `unisson report …` with the real binary: the participation JSON's field names, its figures against an independent
//! count from `unisson activity list`, CSV for Excel (BOM, `;`, neutralised cells), the coverage matrix, the
//! drill-down, and clear refusals.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::BTreeMap;
mod common;
use common::{json, unisson};

/// A demo database and the period around today that holds all its activities.
fn demo() -> (tempfile::TempDir, String, String, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir
        .path()
        .join("r.sqlite")
        .to_str()
        .expect("utf-8")
        .to_owned();
    json(&unisson(&["demo", "--db", &db, "--seed", "3"]));
    let today = common::today();
    let (from, to) = (
        (today - Duration::days(60)).to_string(),
        (today + Duration::days(60)).to_string(),
    );
    (dir, db, from, to)
}

const FIELDS: [&str; 10] = [
    "group",
    "activePeople",
    "participants",
    "participationRate",
    "shadowingVisitor",
    "shadowingHost",
    "trainingsAttended",
    "trainingNoShows",
    "briefsAttended",
    "colocationDays",
];

/// Counts by department from `activity list`, with the rules of `report` written again here.
fn independent(db: &str, from: &str, to: &str) -> BTreeMap<(String, &'static str), i64> {
    let list = json(&unisson(&["activity", "list", "--db", db]));
    let (from, to): (NaiveDate, NaiveDate) = (from.parse().expect("day"), to.parse().expect("day"));
    let mut out = BTreeMap::new();
    for a in list.as_array().expect("an array") {
        let status = a["status"].as_str().expect("status");
        let tz: chrono_tz::Tz = a["zone"]
            .as_str()
            .expect("zone")
            .parse()
            .expect("IANA zone");
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
            let attended = ps == "attended"
                || (status == "done" && ["invited", "accepted", "tentative"].contains(&ps));
            let metric = match (a["kind"].as_str().expect("kind"), role) {
                ("shadowing", "visitor") if attended => "shadowingVisitor",
                ("shadowing", "host") if attended => "shadowingHost",
                ("training", "attendee") if attended => "trainingsAttended",
                ("training", "attendee") if ps == "no_show" => "trainingNoShows",
                ("brief", "attendee") if attended => "briefsAttended",
                ("colocation", "attendee") if attended => "colocationDays",
                _ => continue,
            };
            *out.entry((
                p["department"].as_str().expect("department").to_owned(),
                metric,
            ))
            .or_default() += 1;
        }
    }
    out
}

#[test]
fn participation_json_has_the_stable_fields_and_the_right_figures() {
    let (_dir, db, from, to) = demo();
    let rows = json(&unisson(&[
        "report",
        "participation",
        "--db",
        &db,
        "--from",
        &from,
        "--to",
        &to,
        "--by",
        "department",
        "--format",
        "json",
    ]));
    let rows = rows.as_array().expect("an array of records");
    assert_eq!(
        rows.len(),
        3,
        "the demo has marketing, sales and CRC people: one record each"
    );
    let want = independent(&db, &from, &to);
    for row in rows {
        let keys: Vec<&str> = row
            .as_object()
            .expect("a record")
            .keys()
            .map(String::as_str)
            .collect();
        let mut sorted = FIELDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(
            keys, sorted,
            "the JSON record's fields are a stable contract for HR's scripts"
        );
        let group = row["group"].as_str().expect("group");
        for metric in &FIELDS[4..] {
            assert_eq!(
                row[metric].as_i64(),
                Some(want.get(&(group.to_owned(), *metric)).copied().unwrap_or(0)),
                "{metric} of {group} must equal the count made from `activity list`"
            );
        }
        let (active, participants) = (
            row["activePeople"].as_i64().expect("n"),
            row["participants"].as_i64().expect("n"),
        );
        assert!(
            participants <= active && active > 0,
            "participants are some of the active people: {row}"
        );
        let rate = row["participationRate"].as_f64().expect("a rate");
        assert!(
            (rate - participants as f64 / active as f64).abs() < 1e-9,
            "the rate is participants / active people"
        );
    }
    assert!(
        want.values().sum::<i64>() > 0,
        "the demo has activities that took place, or this test proves nothing"
    );
}

#[test]
fn csv_is_for_french_excel_and_neutralises_cells() {
    let (_dir, db, from, to) = demo();
    {
        let mut store = unisson_core::store::Store::open(std::path::Path::new(&db), common::now())
            .expect("open");
        unisson_core::ops::people::add(
            &mut store,
            &unisson_core::model::PersonInput {
                full_name: "Eve".into(),
                email: "eve@ex.fr".into(),
                department: unisson_core::model::Department::Marketing,
                team: "=HYPERLINK(\"x\")".into(),
                site_id: None,
                manager_id: None,
                active: true,
            },
            common::now(),
            "test",
        )
        .expect("add a person with a formula for a team");
    }
    let out = unisson(&[
        "report",
        "participation",
        "--db",
        &db,
        "--from",
        &from,
        "--to",
        &to,
        "--by",
        "team",
        "--format",
        "csv",
    ]);
    assert!(out.status.success(), "CSV must be written: {out:?}");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        text.starts_with('\u{feff}'),
        "Excel needs the BOM to read UTF-8 accents"
    );
    let header = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .expect("a header");
    assert_eq!(
        header,
        FIELDS.join(";"),
        "French Excel splits on `;`; the header names the JSON fields"
    );
    assert!(
        text.contains("\n\"'=HYPERLINK"),
        "a team that looks like a formula must be neutralised:\n{text}"
    );
    assert!(
        !text.contains("\n=HYPERLINK") && !text.contains("\n\"=HYPERLINK"),
        "no cell may start with `=`, quoted or not"
    );
}

#[test]
fn coverage_drill_down_and_refusals() {
    let (_dir, db, from, to) = demo();
    let cov = json(&unisson(&[
        "report", "coverage", "--db", &db, "--from", &from, "--to", &to, "--format", "json",
    ]));
    let cells = cov["cells"].as_array().expect("cells");
    assert!(
        !cells.is_empty(),
        "the demo's marketers spent shadowing days with sales teams"
    );
    for c in cells {
        assert_eq!(
            c["days"].as_u64(),
            Some(c["activityIds"].as_array().expect("ids").len() as u64),
            "every cell's count is backed by its activity ids"
        );
    }
    let out = unisson(&[
        "report", "coverage", "--db", &db, "--from", &from, "--to", &to, "--format", "csv",
    ]);
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(
        text.lines().count(),
        cells.len() + 1,
        "one CSV line per non-empty cell, after the header"
    );

    let rows = json(&unisson(&[
        "report",
        "participation",
        "--db",
        &db,
        "--from",
        &from,
        "--to",
        &to,
        "--by",
        "team",
    ]));
    let busiest = rows
        .as_array()
        .expect("rows")
        .iter()
        .max_by_key(|r| r["shadowingHost"].as_i64())
        .expect("a team");
    let ids = json(&unisson(&[
        "report",
        "evidence",
        "--db",
        &db,
        "--from",
        &from,
        "--to",
        &to,
        "--by",
        "team",
        "--group",
        busiest["group"].as_str().expect("group"),
        "--metric",
        "shadowingHost",
    ]));
    assert_eq!(
        ids.as_array().expect("ids").len() as i64,
        busiest["shadowingHost"].as_i64().expect("n"),
        "the drill-down lists exactly the activities behind the figure"
    );

    let out = unisson(&[
        "report",
        "participation",
        "--db",
        &db,
        "--from",
        &to,
        "--to",
        &from,
    ]);
    assert!(
        !out.status.success(),
        "a period ending before it starts must be refused"
    );
    let out = unisson(&[
        "report",
        "participation",
        "--db",
        &db,
        "--from",
        &from,
        "--to",
        &to,
        "--by",
        "planet",
    ]);
    assert!(!out.status.success(), "an unknown grouping must be refused");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("person, team, department, site"),
        "the error names the choices: {out:?}"
    );
}

#[test]
fn trends_by_month_and_week_match_an_independent_count_and_write_csv() {
    let (_dir, db, from, to) = demo();
    for (by, points) in [("month", 5), ("week", 0)] {
        let trend = json(&unisson(&[
            "report", "trends", "--db", &db, "--from", &from, "--to", &to, "--by", by, "--format",
            "json",
        ]));
        let trend = trend.as_array().expect("an array of points");
        if points > 0 {
            assert!(
                (points - 1..=points).contains(&trend.len()),
                "121 days touch 4 or 5 calendar months, one point each: {}",
                trend.len()
            );
        }
        assert_eq!(
            (
                trend[0]["from"].as_str(),
                trend[trend.len() - 1]["to"].as_str()
            ),
            (Some(from.as_str()), Some(to.as_str())),
            "the points cover the period ({by})"
        );
        let mut exchanges = 0;
        for point in trend {
            let (a, b) = (
                point["from"].as_str().expect("from"),
                point["to"].as_str().expect("to"),
            );
            let want = independent(&db, a, b);
            let sum = |metric: &str| -> i64 {
                want.iter()
                    .filter(|((_, m), _)| *m == metric)
                    .map(|(_, n)| n)
                    .sum()
            };
            for metric in &FIELDS[4..] {
                assert_eq!(
                    point[metric].as_i64(),
                    Some(sum(metric)),
                    "{metric} of {} ({by}) must equal the count made from `activity list`",
                    point["label"]
                );
            }
            let sales_briefs = want
                .get(&("sales".to_owned(), "briefsAttended"))
                .copied()
                .unwrap_or(0);
            let want_exchanges = FIELDS[4..]
                .iter()
                .filter(|m| **m != "trainingNoShows")
                .map(|m| sum(m))
                .sum::<i64>()
                - sales_briefs;
            assert_eq!(
                point["exchanges"].as_i64(),
                Some(want_exchanges),
                "exchanges of {} ({by}): every counted figure but no-shows and salespeople's briefs",
                point["label"]
            );
            exchanges += want_exchanges;
        }
        assert!(
            exchanges > 0,
            "the demo has exchanges in the period, or this test proves nothing"
        );
    }
    let out = unisson(&[
        "report", "trends", "--db", &db, "--from", &from, "--to", &to, "--format", "csv",
    ]);
    assert!(out.status.success(), "CSV must be written: {out:?}");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        text.starts_with(
            "\u{feff}label;from;to;activePeople;participants;participationRate;exchanges;"
        ),
        "the CLI's CSV keeps the English field names: {text:.120}"
    );
    assert!(
        text.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with(&from[..7])),
        "121 days come by month by default, the first line is the first month: {text:.200}"
    );
    let out = unisson(&[
        "report", "trends", "--db", &db, "--from", &from, "--to", &to, "--by", "day",
    ]);
    assert!(
        !out.status.success() && String::from_utf8_lossy(&out.stderr).contains("month or week"),
        "an unknown step is refused and the error names the choices: {out:?}"
    );
}

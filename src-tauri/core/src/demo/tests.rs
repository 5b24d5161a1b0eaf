//! Properties of the default demo, the organisation a new user first sees. A fixed `now` (a Friday in late November,
//! so the quarter spans Armistice day and Christmas) keeps every run the same.

use super::{french_holidays, generate, DemoOptions, DemoSummary};
use crate::model::{Activity, ActivityKind, ActivityStatus, Department, Id, ParticipationStatus};
use crate::ops;
use crate::store::{activities, people as people_store, sites, Store};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Europe::Paris;
use rusqlite::types::Value;
use std::collections::{BTreeMap, HashMap, HashSet};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-27T10:00:00Z")
        .map(|d| d.to_utc())
        .expect("fixed instant")
}

fn demo(seed: u64) -> (Store, DemoSummary) {
    let mut store = Store::open_in_memory().expect("store");
    let summary = generate(
        &mut store,
        &DemoOptions {
            seed,
            ..DemoOptions::default()
        },
        now(),
    )
    .expect("the default demo generates");
    (store, summary)
}

fn instant(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|d| d.to_utc())
        .expect("instant")
}

fn all_activities(store: &Store) -> Vec<Activity> {
    activities::list_between(
        store.conn(),
        instant("2000-01-01T00:00:00Z"),
        instant("2100-01-01T00:00:00Z"),
    )
    .expect("list activities")
}

fn count(store: &Store, sql: &str) -> i64 {
    store
        .conn()
        .query_row(sql, [], |r| r.get(0))
        .expect("count")
}

/// Every row of every table, for "the database is the same" comparisons.
fn dump(store: &Store) -> BTreeMap<String, Vec<Vec<Value>>> {
    let conn = store.conn();
    let mut stmt = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
        )
        .expect("prepare");
    let tables: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .expect("tables")
        .collect::<rusqlite::Result<_>>()
        .expect("table names");
    tables
        .into_iter()
        .map(|table| {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid"))
                .expect("prepare dump");
            let width = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    (0..width)
                        .map(|i| r.get::<_, Value>(i))
                        .collect::<rusqlite::Result<Vec<_>>>()
                })
                .expect("rows")
                .collect::<rusqlite::Result<_>>()
                .expect("dump rows");
            (table, rows)
        })
        .collect()
}

/// The Paris calendar days an activity covers (an all-day item ends at the next midnight, exclusive).
fn local_days(a: &Activity) -> Vec<NaiveDate> {
    let first = a.start.with_timezone(&Paris).date_naive();
    let last = (a.end - Duration::seconds(1))
        .with_timezone(&Paris)
        .date_naive();
    first.iter_days().take_while(|d| *d <= last).collect()
}

#[test]
fn the_default_demo_has_the_promised_organisation() {
    let (store, summary) = demo(1);
    let people = ops::people::list(&store).expect("people");
    assert_eq!(
        people.len(),
        120,
        "the default demo is a 120-person company"
    );
    let in_dept = |d: Department| people.iter().filter(|p| p.department == d).count();
    assert_eq!(
        (
            in_dept(Department::Marketing),
            in_dept(Department::Sales),
            in_dept(Department::Crc)
        ),
        (25, 60, 35),
        "25 marketing, 60 sales and 35 CRC staff, as the demo promises"
    );
    let mut teams: BTreeMap<&str, usize> = BTreeMap::new();
    for p in people.iter().filter(|p| p.department == Department::Sales) {
        *teams.entry(p.team.as_str()).or_default() += 1;
    }
    assert_eq!(
        teams.values().copied().collect::<Vec<_>>(),
        vec![10; 6],
        "sales work in 6 teams of 10, each with its weekly brief: {teams:?}"
    );

    let sites = sites::list(store.conn()).expect("sites");
    assert_eq!(
        sites.len(),
        2,
        "two sites: the Paris head office and the CRC"
    );
    assert_eq!(
        sites.iter().filter(|s| s.is_crc).count(),
        1,
        "exactly one site is the customer-relations centre, where co-location happens"
    );

    let mut emails = HashSet::new();
    for p in &people {
        assert!(
            emails.insert(p.email.to_lowercase()),
            "{} appears twice: the email is the key of imports and invites",
            p.email
        );
    }
    assert!(
        people.iter().any(|p| !p.full_name.is_ascii()),
        "some names carry accents, so every screen and export is tried with real French names"
    );

    assert_eq!(
        (
            summary.people as i64,
            summary.activities as i64,
            summary.participations as i64,
            summary.absences as i64
        ),
        (
            count(&store, "SELECT count(*) FROM people"),
            count(&store, "SELECT count(*) FROM activities"),
            count(&store, "SELECT count(*) FROM participations"),
            count(&store, "SELECT count(*) FROM absences")
        ),
        "the summary shown after generating must match what was written"
    );
}

#[test]
fn every_kind_happens_in_the_past_and_the_future_with_a_consistent_status() {
    let (store, _) = demo(1);
    let all = all_activities(&store);
    for kind in [
        ActivityKind::Shadowing,
        ActivityKind::Training,
        ActivityKind::Brief,
        ActivityKind::Colocation,
    ] {
        assert!(
            all.iter().any(|a| a.kind == kind && a.end <= now()),
            "the demo must show past {kind:?} activities, so history and reports are not empty"
        );
        assert!(
            all.iter().any(|a| a.kind == kind && a.start > now()),
            "the demo must show upcoming {kind:?} activities, so the planner and invites have work"
        );
    }
    for a in &all {
        if a.end <= now() {
            assert!(
                matches!(a.status, ActivityStatus::Done | ActivityStatus::Cancelled),
                "{} ended before now, so it is done (or was cancelled), not {:?}",
                a.title,
                a.status
            );
        } else {
            assert_ne!(
                a.status,
                ActivityStatus::Done,
                "{} has not ended yet, so it cannot be done",
                a.title
            );
        }
    }
}

#[test]
fn activities_fall_on_working_days_only() {
    let (store, _) = demo(1);
    let holidays: HashSet<NaiveDate> = (2026..=2027)
        .flat_map(french_holidays)
        .map(|(d, _)| d)
        .collect();
    for a in all_activities(&store) {
        for d in local_days(&a) {
            assert!(
                !matches!(d.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun),
                "{} is on {d}, a weekend: nobody plans work then",
                a.title
            );
            assert!(
                !holidays.contains(&d),
                "{} is on {d}, a French public holiday",
                a.title
            );
        }
    }
}

#[test]
fn nobody_is_in_two_activities_at_once() {
    for seed in 1..=5 {
        let (store, _) = demo(seed);
        let clashes = clashes(&store);
        assert!(
            clashes.is_empty(),
            "seed {seed}: the demo must respect the planner's rule that nobody is in two places at once; {} clashes, \
             e.g. {:?}",
            clashes.len(),
            clashes.iter().take(5).collect::<Vec<_>>()
        );
    }
}

/// Pairs of overlapping, non-cancelled activities that share a participant.
fn clashes(store: &Store) -> Vec<String> {
    let mut by_person: HashMap<Id, Vec<Activity>> = HashMap::new();
    for a in all_activities(store) {
        if a.status == ActivityStatus::Cancelled {
            continue;
        }
        for p in activities::participations(store.conn(), a.id).expect("participations") {
            if p.status != ParticipationStatus::Cancelled {
                by_person.entry(p.person_id).or_default().push(a.clone());
            }
        }
    }
    let mut clashes = Vec::new();
    for (person, mut list) in by_person {
        list.sort_by_key(|a| (a.start, a.end));
        for pair in list.windows(2) {
            if pair[1].start < pair[0].end {
                clashes.push(format!(
                    "person {person}: «{}» {}–{} and «{}» {}–{}",
                    pair[0].title,
                    pair[0].start,
                    pair[0].end,
                    pair[1].title,
                    pair[1].start,
                    pair[1].end
                ));
            }
        }
    }
    clashes.sort();
    clashes
}

#[test]
fn colocation_days_never_exceed_the_crc_seats() {
    let (store, _) = demo(1);
    let crc = sites::list(store.conn())
        .expect("sites")
        .into_iter()
        .find(|s| s.is_crc)
        .expect("a CRC site");
    let mut used: BTreeMap<NaiveDate, i32> = BTreeMap::new();
    let colocations: Vec<Activity> = all_activities(&store)
        .into_iter()
        .filter(|a| a.kind == ActivityKind::Colocation)
        .collect();
    for a in colocations
        .iter()
        .filter(|a| a.status != ActivityStatus::Cancelled)
    {
        assert_eq!(
            a.site_id,
            Some(crc.id),
            "co-location is working from the CRC floor"
        );
        for d in local_days(a) {
            *used.entry(d).or_default() += 1;
        }
    }
    assert!(
        !used.is_empty(),
        "the demo must have co-location days to check"
    );
    for (d, n) in used {
        assert!(
            n <= crc.seats,
            "{n} people co-locate at the CRC on {d} but it has {} seats",
            crc.seats
        );
    }
}

#[test]
fn the_same_seed_gives_the_same_database_and_another_seed_another() {
    let (a, _) = demo(7);
    let (b, _) = demo(7);
    let (c, _) = demo(8);
    let people = |s: &Store| ops::people::list(s).expect("people");
    assert_eq!(
        people(&a),
        people(&b),
        "same seed and now must give the same people, so a bug seen in the demo can be reproduced"
    );
    assert_eq!(
        all_activities(&a),
        all_activities(&b),
        "same seed and now must give the same activities"
    );
    assert_eq!(
        dump(&a),
        dump(&b),
        "same seed and now must give the same database, row for row (participations, absences, series, audit)"
    );
    assert_ne!(people(&a), people(&c), "another seed must draw other names");
    assert_ne!(
        all_activities(&a),
        all_activities(&c),
        "another seed must draw another schedule"
    );
}

#[test]
fn generating_into_a_database_with_people_fails_and_changes_nothing() {
    let (mut store, _) = demo(1);
    let before = dump(&store);
    let err = generate(
        &mut store,
        &DemoOptions {
            seed: 2,
            ..DemoOptions::default()
        },
        now(),
    )
    .expect_err("a second demo on top of the first must be refused");
    assert_eq!(
        err.code(),
        "validation",
        "the UI shows this as a form error"
    );
    assert_eq!(
        err.fields()[0].code,
        "not_empty",
        "the UI explains the database already has people"
    );
    assert_eq!(
        dump(&store),
        before,
        "a refused generation must not write anything"
    );

    // A real directory with a single person is protected the same way.
    let mut store = Store::open_in_memory().expect("store");
    ops::people::add(
        &mut store,
        &crate::model::PersonInput {
            full_name: "Hélène Dupré".into(),
            email: "helene@exemple.fr".into(),
            department: Department::Marketing,
            team: String::new(),
            site_id: None,
            manager_id: None,
            active: true,
        },
        now(),
        "test",
    )
    .expect("add");
    let before = dump(&store);
    let err = generate(&mut store, &DemoOptions::default(), now())
        .expect_err("the demo must not be merged into real data");
    assert_eq!(
        err.code(),
        "validation",
        "the UI shows this as a form error"
    );
    assert_eq!(
        dump(&store),
        before,
        "a refused generation must leave the real data exactly as it was"
    );
    assert_eq!(
        people_store::count(store.conn()).expect("count"),
        1,
        "only the real person remains"
    );
}

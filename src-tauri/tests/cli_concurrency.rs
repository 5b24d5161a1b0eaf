//! Two writers at once wait for each other; they never fail with "database is locked". Two `unisson activity move`
//! processes move two shadowing days of the same visitor onto the same morning at the same moment: whichever commits
//! second must see the first and get the double-booking finding, like a user would one second later.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use serde_json::Value;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use unisson_core::model::{
    ActivityInput, ActivityKind, ActivityStatus, Department, HalfDay, Id, ParticipantInput,
    ParticipationStatus, PersonInput, Role, SiteInput,
};
use unisson_core::ops::{activities, people, sites};
use unisson_core::store::{OpenMode, Store};

/// The binary's clock and the store's "now" for the set-up: far ahead of any real date, so the moves are never into
/// the past whether or not the binary honours `UNISSON_NOW`.
const NOW: &str = "2031-01-02T08:00:00Z";

/// How many times the two moves race.
const RACES: usize = 50;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(NOW).expect("instant").to_utc()
}

/// 09:00 in Paris on `day`: the start the CLI is given for a morning visit.
fn morning(day: NaiveDate) -> DateTime<Utc> {
    Paris
        .from_local_datetime(&day.and_hms_opt(9, 0, 0).expect("time"))
        .single()
        .expect("a Paris morning")
        .to_utc()
}

/// A database with one site, one marketer and two salespeople, and two morning visits of the marketer (one to each
/// salesperson, on two different days). Returns the ids of the two visits.
fn two_visits(db: &Path) -> (Id, Id) {
    let mut store = Store::open_with(db, OpenMode::CreateNew, now()).expect("a new database");
    let site = sites::add(
        &mut store,
        &SiteInput {
            name: "Siège Paris".into(),
            timezone: "Europe/Paris".into(),
            seats: 10,
            is_crc: false,
        },
        now(),
        "test",
    )
    .expect("site")
    .id;
    let mut person = |name: &str, department| {
        let input = PersonInput {
            full_name: name.into(),
            email: format!("{}@exemple.fr", name.to_lowercase().replace(' ', ".")),
            department,
            team: String::new(),
            site_id: Some(site),
            manager_id: None,
            active: true,
        };
        people::add(&mut store, &input, now(), "test")
            .expect("person")
            .id
    };
    let visitor = person("Mia Roux", Department::Marketing);
    let hosts = [
        person("Sam Petit", Department::Sales),
        person("Sacha Blanc", Department::Sales),
    ];
    let first_day = NaiveDate::from_ymd_opt(2031, 3, 3).expect("day");
    let ids: Vec<Id> = hosts
        .iter()
        .enumerate()
        .map(|(i, &host)| {
            let part = |person_id, role| ParticipantInput {
                person_id,
                role,
                status: ParticipationStatus::Invited,
            };
            let start = morning(first_day + Duration::days(i as i64));
            let input = ActivityInput {
                kind: ActivityKind::Shadowing,
                title: format!("Vis ma vie {i}"),
                description: String::new(),
                site_id: Some(site),
                location: String::new(),
                start,
                end: start + Duration::minutes(210),
                timezone: "Europe/Paris".into(),
                all_day: false,
                status: ActivityStatus::Planned,
                organizer_id: None,
                half_day: Some(HalfDay::Am),
                capacity: None,
                mix_min_marketing: None,
                mix_min_sales: None,
                series_id: None,
                goals: String::new(),
                participants: vec![part(visitor, Role::Visitor), part(host, Role::Host)],
            };
            activities::create(&mut store, &input, false, now(), "test")
                .expect("a visit on a free morning")
                .id
        })
        .collect();
    (ids[0], ids[1])
}

/// Starts `unisson activity move` of `id` to `start` without waiting for it.
fn spawn_move(db: &Path, id: Id, start: DateTime<Utc>) -> Child {
    Command::new(env!("CARGO_BIN_EXE_unisson"))
        .args(["activity", "move", "--db"])
        .arg(db)
        .args(["--id", &id.to_string(), "--start", &start.to_rfc3339()])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("UNISSON_DB")
        .env("UNISSON_NOW", NOW)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the unisson binary")
}

#[test]
fn two_moves_onto_one_morning_at_once_give_one_success_and_one_clash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("race.sqlite");
    let (a, b) = two_visits(&db);
    // A new morning each round (weekends are a warning the move confirms): both visits can go there, not both.
    let base = NaiveDate::from_ymd_opt(2031, 4, 1).expect("day");
    let mut wins = [0usize; 2];
    for round in 0..RACES {
        let day = base + Duration::days(round as i64);
        let start = morning(day);
        let children = [spawn_move(&db, a, start), spawn_move(&db, b, start)];
        let outs: Vec<Output> = children
            .into_iter()
            .map(|c| c.wait_with_output().expect("the move finishes"))
            .collect();
        let (ok, failed): (Vec<_>, Vec<_>) = outs
            .iter()
            .enumerate()
            .partition(|(_, o)| o.status.success());
        let stderr = |o: &Output| String::from_utf8_lossy(&o.stderr).into_owned();
        assert_eq!(
            (ok.len(), failed.len()),
            (1, 1),
            "round {round}: exactly one of two visits of one person can take {day}'s morning; got {:?}",
            outs.iter().map(|o| (o.status.code(), stderr(o))).collect::<Vec<_>>()
        );
        let (winner, won) = ok[0];
        let (_, lost) = failed[0];
        wins[winner] += 1;
        let moved: Value =
            serde_json::from_slice(&won.stdout).expect("the winner prints the moved visit");
        assert_eq!(
            moved["start"].as_str(),
            Some(start.format("%Y-%m-%dT%H:%M:%SZ").to_string().as_str()),
            "round {round}: the winner's visit is now on {day}'s morning: {moved}"
        );
        let message = stderr(lost);
        assert_eq!(
            lost.status.code(),
            Some(1),
            "round {round}: the loser exits 1: {message}"
        );
        let expected = format!(
            "the change is blocked: Mia Roux is already booked on “Vis ma vie {winner}” ({} 09:00–12:30, Europe/Paris)",
            day.format("%d/%m/%Y")
        );
        assert!(
            message.contains(&expected) && !message.contains("database is locked"),
            "round {round}: the loser must wait for the winner and then see the clash, in Paris time, never a lock \
             error; expected {expected:?} in {message:?}"
        );
    }
    eprintln!("wins of the first and second process over {RACES} races: {wins:?}");
}

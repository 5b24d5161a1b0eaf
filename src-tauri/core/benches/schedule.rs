//! Scheduling benchmark on the scale data set (5,000 people, 5 years, ~900k participations, seed 42):
//! - the clash check of one change (target < 1 ms);
//! - the board query for 500 people × 30 days (target < 20 ms).
//!
//! Run: `cargo bench -p unisson-core --bench schedule` (release). Prints the median and p95 of each, in thread CPU
//! time (stable when the machine is busy) and in wall time.

use chrono::{Duration, TimeZone, Utc};
use cpu_time::ThreadTime;
use std::time::Instant;
use unisson_core::demo::{generate, DemoOptions};
use unisson_core::model::{
    ActivityInput, ActivityKind, ActivityStatus, Department, HalfDay, ParticipantInput,
    ParticipationStatus, Role,
};
use unisson_core::schedule::check;
use unisson_core::store::activities::{records, Filter};
use unisson_core::store::{board, people, settings, OpenMode, Store};

fn stats(mut samples: Vec<f64>) -> (f64, f64) {
    samples.sort_by(f64::total_cmp);
    (
        samples[samples.len() / 2],
        samples[samples.len() * 95 / 100],
    )
}

/// Runs `f`, pushing its CPU and wall milliseconds.
fn timed<T>(cpu: &mut Vec<f64>, wall: &mut Vec<f64>, f: impl FnOnce() -> T) -> T {
    let (c, w) = (ThreadTime::now(), Instant::now());
    let out = f();
    cpu.push(c.elapsed().as_secs_f64() * 1e3);
    wall.push(w.elapsed().as_secs_f64() * 1e3);
    out
}

fn report(what: &str, cpu: Vec<f64>, wall: Vec<f64>, target: &str) {
    let ((cm, cp), (wm, wp)) = (stats(cpu), stats(wall));
    println!("{what}: CPU median {cm:.3} ms, p95 {cp:.3} ms; wall median {wm:.3} ms, p95 {wp:.3} ms (target {target})");
}

fn main() {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 27, 10, 0, 0)
        .single()
        .expect("fixed now");
    let dir = std::env::temp_dir().join("unisson-bench-schedule");
    std::fs::create_dir_all(&dir).expect("temp dir");
    // The data set is deterministic: keep it between runs, rebuild it when missing or from an older schema.
    let path = dir.join(format!(
        "scale-v{}.sqlite",
        unisson_core::store::SCHEMA_VERSION
    ));
    let mut store = Store::open_with(&path, OpenMode::CreateIfMissing, now).expect("store");
    if people::count(store.conn()).expect("count") == 0 {
        let t = Instant::now();
        let s = generate(
            &mut store,
            &DemoOptions {
                people: 5000,
                years: 5,
                seed: 42,
            },
            now,
        )
        .expect("scale data");
        println!(
            "scale data: {} people, {} activities, {} participations, generated in {:.1} s",
            s.people,
            s.activities,
            s.participations,
            t.elapsed().as_secs_f64()
        );
    }
    let rows = people::list_rows(store.conn()).expect("people");
    let marketers: Vec<_> = rows
        .iter()
        .filter(|p| p.department == Department::Marketing)
        .collect();
    let sellers: Vec<_> = rows
        .iter()
        .filter(|p| p.department == Department::Sales)
        .collect();
    let rules = settings::rules(store.conn()).expect("rules");

    let (mut cpu, mut wall) = (Vec::new(), Vec::new());
    for i in 0..500 {
        let day = now + Duration::days(i % 60 - 30);
        let input = ActivityInput {
            kind: ActivityKind::Shadowing,
            title: "bench".into(),
            description: String::new(),
            site_id: rows[0].site_id,
            location: String::new(),
            start: day,
            end: day + Duration::hours(3),
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
            participants: vec![
                ParticipantInput {
                    person_id: marketers[i as usize % marketers.len()].id,
                    role: Role::Visitor,
                    status: ParticipationStatus::Invited,
                },
                ParticipantInput {
                    person_id: sellers[i as usize * 7 % sellers.len()].id,
                    role: Role::Host,
                    status: ParticipationStatus::Invited,
                },
            ],
        };
        let findings = timed(&mut cpu, &mut wall, || {
            check(store.conn(), &input, None, &rules).expect("check")
        });
        std::hint::black_box(findings);
    }
    report("clash check of one change", cpu, wall, "< 1 ms");

    let (mut cpu, mut wall) = (Vec::new(), Vec::new());
    let board_people: std::collections::HashSet<i64> =
        rows.iter().take(500).map(|p| p.id).collect();
    let mut cells = 0;
    for i in 0..50 {
        let from = now - Duration::days(15) + Duration::days(i % 10);
        let filter = Filter {
            from: Some(from),
            to: Some(from + Duration::days(30)),
            kind: None,
            person: None,
        };
        let list = timed(&mut cpu, &mut wall, || {
            records(store.conn(), &filter).expect("records")
        });
        cells = list
            .iter()
            .flat_map(|a| a.participants.iter())
            .filter(|p| board_people.contains(&p.person_id))
            .count();
    }
    report(
        &format!("activity list with participants, 30 days ({cells} bookings of 500 people)"),
        cpu,
        wall,
        "-",
    );

    let (mut cpu, mut wall) = (Vec::new(), Vec::new());
    for i in 0..50 {
        let from = now - Duration::days(15) + Duration::days(i % 10);
        let list = timed(&mut cpu, &mut wall, || {
            let items = board::items(store.conn(), from, from + Duration::days(30)).expect("board");
            // What the board draws: the items of its 500 rows.
            items
                .into_iter()
                .filter(|a| a.seats.iter().any(|s| board_people.contains(&s.person_id)))
                .count()
        });
        cells = list;
    }
    report(
        &format!("board query, 500 people × 30 days ({cells} items)"),
        cpu,
        wall,
        "< 20 ms",
    );
}

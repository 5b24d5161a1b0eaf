//! Benchmark of invite writing: 10,000 activities × 5 attendees, fixed synthetic data, each written as its own
//! METHOD:REQUEST file (VTIMEZONE, organizer, attendees, description, reminder), as the export does. In the same run,
//! Python `icalendar` writes the same events (tests/interop/bench_icalendar.py, with the interop venv's Python or
//! $UNISSON_PYTHON), and the ratio is printed. Also times a whole `ops::invites::export` of a 10,000-activity
//! database into a temporary folder, for information.
//!
//! Run: `cargo bench -p unisson-core --bench invites` (release). Targets: under 100 ms, at least 20× Python.

use chrono::{DateTime, Duration, TimeZone, Utc};
use std::path::PathBuf;
use std::time::Instant;
use unisson_core::ical::{
    self, Address, Alarm, Attendee, AttendeeRole, Calendar, Event, EventStatus, Method, PartStat,
    When, ZoneCache,
};

const EVENTS: usize = 10_000;
const ATTENDEES: usize = 5;

struct Data {
    uid: String,
    title: String,
    description: String,
    start: DateTime<Utc>,
    people: Vec<(String, String)>,
}

fn data() -> Vec<Data> {
    let base = Utc
        .with_ymd_and_hms(2025, 1, 6, 8, 0, 0)
        .single()
        .unwrap_or_default();
    (0..EVENTS)
        .map(|i| Data {
            uid: format!("{i:016x}bench@unisson.app"),
            title: format!("Vis ma vie : Hélène Dupré n°{i} chez l'équipe Ventes Sud-Ouest"),
            description: format!(
                "Accueil par Marc Petit à l'accueil principal.\n\nObjectifs : comprendre les objections clients sur \
                 l'offre éco-énergie, n°{i}.\nProgramme : accueil, immersion, débrief de 15 minutes.\nÀ apporter : un \
                 carnet et votre badge."
            ),
            start: base + Duration::hours(((i * 7) % (300 * 24)) as i64),
            people: (0..ATTENDEES)
                .map(|k| (format!("Personne {k} Élodie-{i}"), format!("p{k}.n{i}@exemple-unisson.fr")))
                .collect(),
        })
        .collect()
}

fn write_all(data: &[Data]) -> usize {
    let mut zones = ZoneCache::new();
    let org = Address {
        name: "Claire Martin",
        email: "claire.martin@exemple-unisson.fr",
    };
    let mut bytes = 0;
    for d in data {
        let reminder = format!("Rappel : {} demain", d.title);
        let event = Event {
            uid: &d.uid,
            sequence: 0,
            stamp: d.start,
            created: Some(d.start),
            last_modified: Some(d.start),
            zone: chrono_tz::Europe::Paris,
            start: When::At(d.start),
            end: When::At(d.start + Duration::hours(3)),
            summary: &d.title,
            location: "Paris – Siège, salle Loire",
            description: &d.description,
            status: EventStatus::Confirmed,
            categories: vec!["Vis ma vie", "Unisson"],
            organizer: Some(org),
            attendees: d
                .people
                .iter()
                .map(|(name, email)| Attendee {
                    address: Address { name, email },
                    role: AttendeeRole::Required,
                    partstat: Some(PartStat::NeedsAction),
                    rsvp: true,
                })
                .collect(),
            alarm: Some(Alarm {
                before: Duration::days(1),
                description: &reminder,
            }),
            rrule: None,
            exdates: Vec::new(),
            recurrence_id: None,
        };
        let cal = Calendar {
            method: Method::Request,
            name: None,
            events: vec![event],
        };
        bytes += ical::write_calendar(&cal, &mut zones)
            .map(|t| t.len())
            .unwrap_or(0);
    }
    bytes
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn python_seconds(data: &[Data], dir: &std::path::Path) -> Option<f64> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let python = std::env::var_os("UNISSON_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("tests/interop/.venv/bin/python"));
    let json: Vec<serde_json::Value> = data
        .iter()
        .map(|d| {
            serde_json::json!({
                "uid": d.uid, "title": d.title, "description": d.description,
                "start": d.start.to_rfc3339(), "end": (d.start + Duration::hours(3)).to_rfc3339(),
                "people": d.people,
            })
        })
        .collect();
    let file = dir.join("events.json");
    std::fs::write(&file, serde_json::to_string(&json).ok()?).ok()?;
    let out = std::process::Command::new(&python)
        .arg(root.join("tests/interop/bench_icalendar.py"))
        .arg(&file)
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!("python failed: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .find_map(|l| l.strip_prefix("seconds="))
        .and_then(|s| s.trim().parse().ok())
}

fn main() {
    let data = data();
    let mut runs = Vec::new();
    let mut bytes = 0;
    for _ in 0..7 {
        let t = Instant::now();
        bytes = write_all(&data);
        runs.push(t.elapsed().as_secs_f64());
    }
    let ours = median(runs.clone());
    println!(
        "unisson writer: {EVENTS} REQUEST files × {ATTENDEES} attendees, {:.1} MB: median {:.1} ms (best {:.1} ms)",
        bytes as f64 / 1e6,
        ours * 1e3,
        runs.iter().copied().fold(f64::MAX, f64::min) * 1e3
    );
    let dir = tempfile::tempdir().expect("tempdir");
    match python_seconds(&data, dir.path()) {
        Some(py) => println!(
            "python icalendar, same events: {:.1} ms → Unisson is {:.0}× faster (target ≥ 20×, < 100 ms: {})",
            py * 1e3,
            py / ours,
            if ours < 0.1 && py / ours >= 20.0 { "met" } else { "NOT met" }
        ),
        None => println!("python icalendar: not available (run tests/interop/run.sh once, or set UNISSON_PYTHON)"),
    }
    full_export(dir.path());
}

/// A whole export (SQLite read, descriptions, files) of 10,000 activities × 5 participants, for information.
fn full_export(dir: &std::path::Path) {
    use unisson_core::model::{
        ActivityKind, ActivityStatus, Department, ParticipationStatus, PersonInput, Role, Settings,
    };
    use unisson_core::store::activities::NewActivity;
    use unisson_core::store::bulk::Bulk;
    let now = Utc
        .with_ymd_and_hms(2025, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let mut store = unisson_core::store::Store::open_in_memory().expect("store");
    let settings = Settings {
        organizer_name: "Claire Martin".into(),
        organizer_email: "claire.martin@exemple-unisson.fr".into(),
        ..Settings::default()
    };
    unisson_core::ops::settings::update(&mut store, &settings, now, "bench").expect("settings");
    let data = data();
    store
        .write("bench", now, |tx| {
            let mut bulk = Bulk::new(tx)?;
            let people: Vec<i64> = (0..500)
                .map(|k| {
                    bulk.person(
                        &PersonInput {
                            full_name: format!("Personne {k} Élodie"),
                            email: format!("p{k}@exemple-unisson.fr"),
                            department: Department::Marketing,
                            team: String::new(),
                            site_id: None,
                            manager_id: None,
                            active: true,
                        },
                        now,
                    )
                })
                .collect::<Result<_, _>>()?;
            for (i, d) in data.iter().enumerate() {
                let id = bulk.activity(
                    &NewActivity {
                        kind: ActivityKind::Shadowing,
                        title: d.title.clone(),
                        description: d.description.clone(),
                        site_id: None,
                        location: "Paris – Siège".into(),
                        start: d.start,
                        end: d.start + Duration::hours(3),
                        timezone: "Europe/Paris".into(),
                        all_day: false,
                        status: ActivityStatus::Planned,
                        organizer_id: None,
                        uid: d.uid.clone(),
                        half_day: None,
                        capacity: None,
                        series_id: None,
                        goals: String::new(),
                        mix_min_marketing: None,
                        mix_min_sales: None,
                    },
                    now,
                )?;
                for k in 0..ATTENDEES {
                    let person = people[(i * ATTENDEES + k) % people.len()];
                    bulk.participation(
                        id,
                        person,
                        Role::Attendee,
                        ParticipationStatus::Invited,
                        now,
                    )?;
                }
            }
            Ok(())
        })
        .expect("data");
    let t = Instant::now();
    let summary = unisson_core::ops::invites::export(
        &mut store,
        &dir.join("export"),
        &unisson_core::ops::invites::InviteExportOptions::default(),
        now,
        "bench",
    )
    .expect("export");
    println!(
        "whole export (SQLite read, {} REQUEST files, {} personal calendars, index, invite log): {:.0} ms",
        summary.requests,
        summary.calendars,
        t.elapsed().as_secs_f64() * 1e3
    );
}

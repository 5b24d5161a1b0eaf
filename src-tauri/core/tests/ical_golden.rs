//! Golden files of the .ics writer: DST weekends in Paris and New York, Tokyo (no DST), all-day and 3-day items, a
//! series with EXDATEs, one with overrides (RECURRENCE-ID) across a DST weekend, hostile names and a 300-character title, a CANCEL and a PUBLISH calendar.
//!
//! Each case is compared byte for byte with `tests/golden/<name>.ics` (DTSTAMP is fixed, so nothing varies), and its
//! facts (instants in UTC, days, zone, organizer, attendees, status) with `<name>.expect.json`, which
//! tests/interop/run.sh also checks with Python `icalendar`, `ical.js` and libical (with its iTIP check). After an
//! intended change, regenerate with `UNISSON_UPDATE_GOLDEN=1 cargo test -p unisson-core --test ical_golden` and review
//! the diff.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::{json, Value};
use std::path::PathBuf;
use unisson_core::ical::{
    self, Address, Alarm, Attendee, AttendeeRole, Calendar, Event, EventStatus, IcsTime, Method,
    PartStat, When, ZoneCache,
};

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .expect("valid instant")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid day")
}

const ORG: Address<'static> = Address {
    name: "Claire Martin",
    email: "claire.martin@exemple.fr",
};

fn attendee(name: &'static str, email: &'static str, partstat: PartStat) -> Attendee<'static> {
    Attendee {
        address: Address { name, email },
        role: AttendeeRole::Required,
        partstat: Some(partstat),
        rsvp: true,
    }
}

fn event(
    uid: &'static str,
    zone: Tz,
    start: When,
    end: When,
    summary: &'static str,
) -> Event<'static> {
    Event {
        uid,
        sequence: 1,
        stamp: utc(2025, 1, 2, 3, 4),
        created: None,
        last_modified: None,
        zone,
        start,
        end,
        summary,
        location: "Paris – Siège, salle Loire",
        description: "Objectifs : écouter les clients; repérer les objections, ensemble.\nÀ apporter : un carnet",
        status: EventStatus::Confirmed,
        categories: vec!["Vis ma vie", "Unisson"],
        organizer: Some(ORG),
        attendees: vec![
            attendee("Hélène Dupré", "helene.dupre@exemple.fr", PartStat::Accepted),
            attendee("Marc Petit", "marc.petit@exemple.fr", PartStat::NeedsAction),
        ],
        alarm: Some(Alarm {
            before: chrono::Duration::days(1),
            description: "Rappel : demain",
        }),
        rrule: None,
        exdates: Vec::new(),
            recurrence_id: None,
    }
}

fn when_json(w: When) -> Value {
    match w {
        When::At(t) => json!(t.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        When::Day(d) => json!(d.format("%Y-%m-%d").to_string()),
    }
}

fn expect_of(cal: &Calendar<'_>) -> Value {
    let events: Vec<Value> = cal
        .events
        .iter()
        .map(|e| {
            let scheduling = cal.method != Method::Publish;
            let mut event = json!({
                "uid": e.uid,
                "summary": ical::clean_text(e.summary),
                "description": ical::clean_text(e.description),
                "start": when_json(e.start),
                "end": when_json(e.end),
                "allDay": matches!(e.start, When::Day(_)),
                "zone": e.zone.name(),
                "status": match (cal.method, e.status) {
                    (Method::Cancel, _) | (_, EventStatus::Cancelled) => "CANCELLED",
                    (_, EventStatus::Tentative) => "TENTATIVE",
                    _ => "CONFIRMED",
                },
                "organizer": e.organizer.map(|o| o.email),
                "attendees": if scheduling {
                    e.attendees.iter().map(|a| json!({"email": a.address.email, "name": ical::clean_text(a.address.name)})).collect()
                } else { Vec::new() },
                "rrule": e.rrule,
                "exdates": e.exdates.iter().map(|w| when_json(*w)).collect::<Vec<_>>(),
            });
            if let (Some(map), Some(original)) = (event.as_object_mut(), e.recurrence_id) {
                map.insert("recurrenceId".into(), when_json(original));
            }
            event
        })
        .collect();
    let mut out = json!({ "method": cal.method.as_str(), "events": events });
    if let (Some(map), Some(occurrences)) = (out.as_object_mut(), occurrences(cal)) {
        map.insert("occurrences".into(), occurrences);
    }
    out
}

/// The starts (UTC) a calendar with a finite recurring event shows, expanded with the `rrule` crate: the rule's,
/// minus EXDATEs and overridden occurrences, plus the overrides' starts. Interop checkers expand the file their way
/// and compare.
fn occurrences(cal: &Calendar<'_>) -> Option<Value> {
    let master = cal.events.iter().find(|e| e.rrule.is_some())?;
    let rule = master.rrule?;
    let When::At(start) = master.start else {
        panic!("golden series are timed");
    };
    let local = start.with_timezone(&master.zone).naive_local();
    let set: rrule::RRuleSet = format!(
        "DTSTART;TZID={}:{}\nRRULE:{rule}",
        master.zone.name(),
        local.format("%Y%m%dT%H%M%S")
    )
    .parse()
    .expect("a valid rule");
    let result = set.all(1000);
    assert!(!result.limited, "golden rules are finite (COUNT or UNTIL)");
    let overrides: Vec<&Event<'_>> = cal
        .events
        .iter()
        .filter(|e| e.uid == master.uid && e.recurrence_id.is_some())
        .collect();
    let removed: Vec<When> = master
        .exdates
        .iter()
        .copied()
        .chain(overrides.iter().filter_map(|o| o.recurrence_id))
        .collect();
    let mut starts: Vec<DateTime<Utc>> = result
        .dates
        .iter()
        .map(|t| t.with_timezone(&Utc))
        .filter(|t| !removed.contains(&When::At(*t)))
        .collect();
    starts.extend(overrides.iter().filter_map(|o| match o.start {
        When::At(t) => Some(t),
        When::Day(_) => None,
    }));
    starts.sort();
    Some(json!(starts
        .iter()
        .map(|t| when_json(When::At(*t)))
        .collect::<Vec<_>>()))
}

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("golden")
}

fn check(name: &str, cal: &Calendar<'_>) {
    let text =
        ical::write_calendar(cal, &mut ZoneCache::new()).expect("a valid calendar is written");
    for line in text.split_inclusive('\n') {
        assert!(
            line.ends_with("\r\n"),
            "{name}: every line ends in CRLF: {line:?}"
        );
        assert!(
            line.len() - 2 <= 75,
            "{name}: a line of {} octets breaks strict clients: {line:?}",
            line.len() - 2
        );
    }
    let parsed = ical::parse(&text).expect("our own file must parse");
    for (e, p) in cal.events.iter().zip(&parsed.events) {
        let as_when = |t: &IcsTime| match t {
            IcsTime::Day(d) => When::Day(*d),
            other => When::At(other.instant(chrono_tz::UTC)),
        };
        assert_eq!(
            as_when(&p.start),
            e.start,
            "{name}: DTSTART must read back as the same instant or day"
        );
        assert_eq!(
            p.end.as_ref().map(as_when),
            Some(e.end),
            "{name}: DTEND must read back the same"
        );
        assert_eq!(
            p.summary,
            ical::clean_text(e.summary),
            "{name}: the title must survive"
        );
    }
    let expect = serde_json::to_string_pretty(&expect_of(cal)).expect("json") + "\n";
    let (ics_path, json_path) = (
        golden_dir().join(format!("{name}.ics")),
        golden_dir().join(format!("{name}.expect.json")),
    );
    if std::env::var_os("UNISSON_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden_dir()).expect("golden dir");
        std::fs::write(&ics_path, &text).expect("write golden");
        std::fs::write(&json_path, &expect).expect("write expectation");
        return;
    }
    let want = std::fs::read_to_string(&ics_path).unwrap_or_default();
    assert!(
        want == text,
        "{name}.ics differs from its golden file; if intended, rerun with UNISSON_UPDATE_GOLDEN=1 and review:\n{text}"
    );
    let want_json = std::fs::read_to_string(&json_path).unwrap_or_default();
    assert_eq!(
        want_json, expect,
        "{name}.expect.json is what the interop checks compare against"
    );
}

fn request(e: Event<'static>) -> Calendar<'static> {
    Calendar {
        method: Method::Request,
        name: None,
        events: vec![e],
    }
}

#[test]
fn paris_spring_forward_weekend() {
    // Sunday 30 March 2025: 02:00 → 03:00. 09:00 local is 07:00 UTC (CEST); the Saturday before, 09:00 is 08:00 UTC.
    let sat = event(
        "paris-sat@test",
        chrono_tz::Europe::Paris,
        When::At(utc(2025, 3, 29, 8, 0)),
        When::At(utc(2025, 3, 29, 11, 30)),
        "Vis ma vie : samedi",
    );
    check("paris-dst-saturday", &request(sat));
    let sun = event(
        "paris-sun@test",
        chrono_tz::Europe::Paris,
        When::At(utc(2025, 3, 30, 7, 0)),
        When::At(utc(2025, 3, 30, 9, 0)),
        "Vis ma vie : dimanche",
    );
    check("paris-dst-sunday", &request(sun));
}

#[test]
fn paris_fall_back_repeated_hour() {
    // Sunday 26 October 2025, 03:00 CEST → 02:00 CET: 01:30 UTC is the second 02:30, written in UTC.
    let e = event(
        "paris-autumn@test",
        chrono_tz::Europe::Paris,
        When::At(utc(2025, 10, 26, 1, 30)),
        When::At(utc(2025, 10, 26, 2, 30)),
        "Astreinte : heure répétée",
    );
    check("paris-dst-autumn", &request(e));
}

#[test]
fn new_york_and_tokyo() {
    // Sunday 9 March 2025 in New York: 09:00 EDT is 13:00 UTC. Tokyo has no DST: 10:00 JST is 01:00 UTC.
    let ny = event(
        "ny@test",
        chrono_tz::America::New_York,
        When::At(utc(2025, 3, 9, 13, 0)),
        When::At(utc(2025, 3, 9, 14, 0)),
        "Brief – New York",
    );
    check("new-york-dst", &request(ny));
    let tokyo = event(
        "tokyo@test",
        chrono_tz::Asia::Tokyo,
        When::At(utc(2025, 3, 30, 1, 0)),
        When::At(utc(2025, 3, 30, 2, 0)),
        "Formation – Tokyo",
    );
    check("tokyo", &request(tokyo));
}

#[test]
fn all_day_and_three_days() {
    let one = event(
        "all-day@test",
        chrono_tz::Europe::Paris,
        When::Day(day(2025, 7, 15)),
        When::Day(day(2025, 7, 16)),
        "Co-location au CRC",
    );
    check("all-day", &request(one));
    let three = event(
        "three-days@test",
        chrono_tz::Europe::Paris,
        When::Day(day(2025, 6, 2)),
        When::Day(day(2025, 6, 5)),
        "Séminaire de 3 jours",
    );
    check("three-days", &request(three));
}

#[test]
fn series_with_exdates() {
    let paris = chrono_tz::Europe::Paris;
    let at8 = |d: NaiveDate| {
        When::At(
            paris
                .from_local_datetime(&d.and_hms_opt(8, 0, 0).expect("time"))
                .single()
                .expect("paris")
                .with_timezone(&Utc),
        )
    };
    let mut e = event(
        "series@test",
        paris,
        at8(day(2025, 3, 3)),
        When::At(utc(2025, 3, 3, 7, 45)),
        "Brief hebdo – Ventes Sud-Ouest",
    );
    e.rrule = Some("FREQ=WEEKLY;BYDAY=MO;COUNT=20");
    // Easter Monday and Whit Monday, after the spring change: still 08:00 local.
    e.exdates = vec![at8(day(2025, 4, 21)), at8(day(2025, 6, 9))];
    // A PUBLISH keeps the ORGANIZER (RFC 5546 §3.2.1) and schedules nobody.
    e.attendees.clear();
    e.alarm = None;
    check(
        "series-exdate",
        &Calendar {
            method: Method::Publish,
            name: Some("Brief hebdo – Ventes Sud-Ouest"),
            events: vec![e],
        },
    );
}

#[test]
fn series_with_overrides_across_the_spring_change() {
    let paris = chrono_tz::Europe::Paris;
    let local = |d: NaiveDate, h: u32, m: u32| {
        paris
            .from_local_datetime(&d.and_hms_opt(h, m, 0).expect("time"))
            .single()
            .expect("paris")
            .with_timezone(&Utc)
    };
    let brief = |start: DateTime<Utc>, summary: &'static str| {
        let mut e = event(
            "series-override@test",
            paris,
            When::At(start),
            When::At(start + chrono::Duration::minutes(45)),
            summary,
        );
        e.attendees.clear();
        e.alarm = None;
        e
    };
    let mut master = brief(
        local(day(2025, 3, 3), 8, 0),
        "Brief hebdo – Ventes Sud-Ouest",
    );
    master.rrule = Some("FREQ=WEEKLY;BYDAY=MO;COUNT=12");
    // Easter Monday.
    master.exdates = vec![When::At(local(day(2025, 4, 21), 8, 0))];
    // The Monday before the DST weekend (CET) moved to the Tuesday after it (CEST), 09:30.
    let mut moved = brief(
        local(day(2025, 4, 1), 9, 30),
        "Brief hebdo – Ventes Sud-Ouest",
    );
    moved.recurrence_id = Some(When::At(local(day(2025, 3, 24), 8, 0)));
    moved.sequence = 3;
    // The first Monday after the change: same time, another title and room.
    let mut retitled = brief(
        local(day(2025, 3, 31), 8, 0),
        "Brief spécial ; lancement, offre Pro",
    );
    retitled.recurrence_id = Some(When::At(local(day(2025, 3, 31), 8, 0)));
    retitled.location = "Salle Loire";
    retitled.sequence = 2;
    check(
        "series-override",
        &Calendar {
            method: Method::Publish,
            name: Some("Brief hebdo – Ventes Sud-Ouest"),
            events: vec![master, moved, retitled],
        },
    );
}

#[test]
fn hostile_names_and_a_long_title() {
    let title: &'static str = Box::leak(
        format!(
            "Réunion « stratégie » ; ventes, marketing : 🚀 {}",
            "é".repeat(260)
        )
        .into_boxed_str(),
    );
    let mut e = event(
        "hostile@test",
        chrono_tz::Europe::Paris,
        When::At(utc(2025, 5, 5, 7, 0)),
        When::At(utc(2025, 5, 5, 8, 0)),
        title,
    );
    assert!(
        title.chars().count() >= 300,
        "the case needs a 300-character title"
    );
    e.description = "Ligne 1\nLigne 2 ; avec, virgules \\ et \"guillemets\"\r\nATTENDEE:mailto:intrus@exemple.fr\nFin 👋";
    e.location = "Bât. A; 2e étage, salle \"Loire\"";
    e.attendees = vec![
        attendee(
            "Dupré, Hélène; \"Léna\" ^_^ 🎉",
            "helene@exemple.fr",
            PartStat::Accepted,
        ),
        attendee(
            "Jean\nATTENDEE:mailto:evil@exemple.fr",
            "jean@exemple.fr",
            PartStat::Tentative,
        ),
    ];
    check("hostile-text", &request(e));
}

#[test]
fn cancel_and_publish() {
    let mut e = event(
        "cancel@test",
        chrono_tz::Europe::Paris,
        When::At(utc(2025, 9, 1, 7, 0)),
        When::At(utc(2025, 9, 1, 8, 0)),
        "Formation annulée",
    );
    e.sequence = 3;
    e.attendees.truncate(1);
    e.attendees[0].partstat = None;
    e.attendees[0].rsvp = false;
    check(
        "cancel",
        &Calendar {
            method: Method::Cancel,
            name: None,
            events: vec![e],
        },
    );
    let paris = event(
        "publish-paris@test",
        chrono_tz::Europe::Paris,
        When::At(utc(2025, 11, 3, 8, 0)),
        When::At(utc(2025, 11, 3, 11, 30)),
        "Vis ma vie",
    );
    let tokyo = event(
        "publish-tokyo@test",
        chrono_tz::Asia::Tokyo,
        When::At(utc(2025, 11, 4, 0, 0)),
        When::At(utc(2025, 11, 4, 1, 0)),
        "Brief Tokyo",
    );
    check(
        "publish",
        &Calendar {
            method: Method::Publish,
            name: Some("Unisson – Hélène Dupré"),
            events: vec![paris, tokyo],
        },
    );
}

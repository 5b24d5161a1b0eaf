//! A brief series file with overrides: an occurrence moved to another day across the spring DST weekend, one
//! re-titled and re-located, a stored exception day and a cancelled occurrence (EXDATEs) in the same series, then a
//! change of the series from a day on, which puts the later occurrences back on the (new) rule.
//!
//! The file is read back with the core's parser and its occurrences expanded with the `rrule` crate (RRULE minus
//! EXDATEs, each RECURRENCE-ID replaced by its override's start): they must be exactly the store's live occurrences.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use std::collections::BTreeSet;
use unisson_core::ical::{self, IcsEvent, IcsTime};
use unisson_core::model::{
    ActivityStatus, Department, Id, PersonInput, Series, SeriesInput, Settings,
};
use unisson_core::ops::invites::{self, InviteExportOptions};
use unisson_core::ops::{activities, people, series, settings};
use unisson_core::store::activities::Filter;
use unisson_core::store::Store;

const PARIS: Tz = chrono_tz::Europe::Paris;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 2, 20, 12, 0, 0)
        .single()
        .expect("fixed instant")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn paris(d: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    PARIS
        .from_local_datetime(&d.and_hms_opt(h, m, 0).expect("time"))
        .single()
        .expect("unambiguous Paris time")
        .with_timezone(&Utc)
}

struct World {
    store: Store,
    series: Series,
}

fn world() -> World {
    let mut store = Store::open_in_memory().expect("store");
    let s = Settings {
        organizer_name: "Claire Martin".into(),
        organizer_email: "claire@exemple.fr".into(),
        ..Settings::default()
    };
    settings::update(&mut store, &s, now(), "t").expect("settings");
    for name in ["Sam", "Sacha"] {
        let input = PersonInput {
            full_name: name.into(),
            email: format!("{}@ex.fr", name.to_lowercase()),
            department: Department::Sales,
            team: "Ventes Sud".into(),
            site_id: None,
            manager_id: None,
            active: true,
        };
        people::add(&mut store, &input, now(), "t").expect("person");
    }
    let input = SeriesInput {
        title: "Brief Ventes Sud".into(),
        team: "Ventes Sud".into(),
        site_id: None,
        location: "Salle Garonne".into(),
        rrule: "FREQ=WEEKLY;BYDAY=MO".into(),
        first_day: day(2027, 3, 1),
        local_start: "08:00".into(),
        duration_minutes: 45,
        timezone: "Europe/Paris".into(),
        // Easter Monday.
        exdates: vec![day(2027, 3, 29)],
    };
    let series = series::create(&mut store, &input, now(), "t").expect("series");
    World { store, series }
}

/// The occurrence that starts at `start`.
fn occurrence(w: &World, start: DateTime<Utc>) -> Id {
    activities::list(&w.store, &Filter::default())
        .expect("list")
        .into_iter()
        .find(|a| a.series_id == Some(w.series.id) && a.start == start)
        .unwrap_or_else(|| panic!("an occurrence starts at {start}"))
        .id
}

fn edit(w: &mut World, id: Id, change: impl FnOnce(&mut unisson_core::model::ActivityInput)) {
    let mut input = activities::input_of(w.store.conn(), id).expect("input");
    change(&mut input);
    activities::update(&mut w.store, id, &input, true, now(), "t").expect("one occurrence edited");
}

fn series_file(w: &mut World, at: DateTime<Utc>) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    invites::export(&mut w.store, &out, &InviteExportOptions::default(), at, "t").expect("export");
    let dir_path = out.join("series");
    let file = std::fs::read_dir(&dir_path)
        .expect("a series folder")
        .filter_map(|e| e.ok())
        .next()
        .expect("one series file");
    std::fs::read_to_string(file.path()).expect("readable")
}

fn instant(t: &IcsTime) -> DateTime<Utc> {
    t.instant(PARIS)
}

/// The starts the file gives in `[from, to)`: the rule's, minus EXDATEs and overridden occurrences, plus overrides.
fn expanded(text: &str, from: DateTime<Utc>, to: DateTime<Utc>) -> BTreeSet<DateTime<Utc>> {
    let file = ical::parse(text).expect("the series file parses");
    let (masters, overrides): (Vec<&IcsEvent>, Vec<&IcsEvent>) =
        file.events.iter().partition(|e| e.recurrence_id.is_none());
    assert_eq!(masters.len(), 1, "one VEVENT carries the rule");
    let master = masters[0];
    assert!(
        overrides.iter().all(|o| o.uid == master.uid),
        "every override has the series' UID, in the same VCALENDAR"
    );
    let rule = master.rrule.as_deref().expect("the master has an RRULE");
    let IcsTime::Zoned { local, .. } = &master.start else {
        panic!("DTSTART has a TZID");
    };
    let text = format!(
        "DTSTART;TZID=Europe/Paris:{}\nRRULE:{rule}",
        local.format("%Y%m%dT%H%M%S")
    );
    let set: rrule::RRuleSet = text.parse().expect("the rule is valid");
    let rtz = rrule::Tz::Tz(PARIS);
    let removed: BTreeSet<DateTime<Utc>> = master
        .exdates
        .iter()
        .chain(overrides.iter().filter_map(|o| o.recurrence_id.as_ref()))
        .map(instant)
        .collect();
    let mut out: BTreeSet<DateTime<Utc>> = set
        .after(from.with_timezone(&rtz) - Duration::seconds(1))
        .before(to.with_timezone(&rtz))
        .all(500)
        .dates
        .into_iter()
        .map(|t| t.with_timezone(&Utc))
        .filter(|t| !removed.contains(t))
        .collect();
    out.extend(
        overrides
            .iter()
            .map(|o| instant(&o.start))
            .filter(|t| *t >= from && *t < to),
    );
    out
}

fn live_starts(w: &World, from: DateTime<Utc>, to: DateTime<Utc>) -> BTreeSet<DateTime<Utc>> {
    activities::list(&w.store, &Filter::default())
        .expect("list")
        .into_iter()
        .filter(|a| a.series_id == Some(w.series.id) && a.status != ActivityStatus::Cancelled)
        .map(|a| a.start)
        .filter(|t| *t >= from && *t < to)
        .collect()
}

fn lines<'a>(text: &'a str, prefix: &str) -> Vec<&'a str> {
    text.split("\r\n")
        .filter(|l| l.starts_with(prefix))
        .collect()
}

#[test]
fn moved_retitled_and_cancelled_occurrences_are_overrides_and_exdates() {
    let mut w = world();
    // The Monday before the spring change (CET) moves to the Tuesday after it (CEST), at 09:30.
    let moved = occurrence(&w, paris(day(2027, 3, 22), 8, 0));
    edit(&mut w, moved, |a| {
        a.start = paris(day(2027, 3, 30), 9, 30);
        a.end = a.start + Duration::minutes(45);
    });
    // The first Monday after Easter keeps its time but gets another title and room.
    let retitled = occurrence(&w, paris(day(2027, 4, 5), 8, 0));
    edit(&mut w, retitled, |a| {
        a.title = "Brief spécial : lancement, offre Pro".into();
        a.location = "Salle Loire".into();
    });
    let cancelled = occurrence(&w, paris(day(2027, 4, 12), 8, 0));
    activities::cancel(&mut w.store, cancelled, now(), "t").expect("cancel");

    let text = series_file(&mut w, now());
    assert_eq!(
        lines(&text, "BEGIN:VEVENT").len(),
        3,
        "the series plus one override per changed occurrence:\n{text}"
    );
    assert_eq!(
        lines(&text, "ORGANIZER"),
        vec!["ORGANIZER;CN=\"Claire Martin\":mailto:claire@exemple.fr"; 3],
        "RFC 5546 §3.2.1: every VEVENT of a PUBLISH, override included, has the export's ORGANIZER (libical rejects \
         the file otherwise):\n{text}"
    );
    assert!(
        lines(&text, "ATTENDEE").is_empty(),
        "a PUBLISH schedules nobody: no ATTENDEE"
    );
    assert_eq!(
        lines(&text, "RECURRENCE-ID"),
        vec![
            "RECURRENCE-ID;TZID=Europe/Paris:20270322T080000",
            "RECURRENCE-ID;TZID=Europe/Paris:20270405T080000",
        ],
        "RECURRENCE-ID is the occurrence's start by the rule, in DTSTART's zone and value type"
    );
    assert!(
        text.contains("DTSTART;TZID=Europe/Paris:20270330T093000\r\n"),
        "the moved occurrence starts at its new local time, after the DST change"
    );
    assert!(
        text.contains("SUMMARY:Brief spécial : lancement\\, offre Pro\r\n")
            && text.contains("LOCATION:Salle Loire\r\n"),
        "the re-titled occurrence carries its own title and room"
    );
    let exdates = lines(&text, "EXDATE");
    assert!(
        exdates.contains(&"EXDATE;TZID=Europe/Paris:20270329T080000")
            && exdates.contains(&"EXDATE;TZID=Europe/Paris:20270412T080000"),
        "the stored exception day and the cancelled occurrence are EXDATEs: {exdates:?}"
    );
    let (from, to) = (paris(day(2027, 3, 1), 0, 0), paris(day(2027, 5, 31), 0, 0));
    assert_eq!(
        expanded(&text, from, to),
        live_starts(&w, from, to),
        "a calendar expanding the file shows exactly the occurrences that go on, at their stored times"
    );
    let sequences: Vec<i64> = ical::parse(&text)
        .expect("parses")
        .events
        .iter()
        .map(|e| e.sequence.unwrap_or(0))
        .collect();
    assert!(
        sequences[1..].iter().all(|s| *s > sequences[0]),
        "an override's SEQUENCE is above the series' so clients take it: {sequences:?}"
    );

    // Moving the moved occurrence again raises its override's SEQUENCE.
    let before = sequences[1];
    edit(&mut w, moved, |a| {
        a.start = paris(day(2027, 3, 31), 10, 0);
        a.end = a.start + Duration::minutes(45);
    });
    let text = series_file(&mut w, now());
    let again = ical::parse(&text).expect("parses");
    let o = again
        .events
        .iter()
        .find(|e| e.recurrence_id.as_ref().map(instant) == Some(paris(day(2027, 3, 22), 8, 0)))
        .expect("the override is still keyed by the rule's start, not by its previous move");
    assert!(
        o.sequence.unwrap_or(0) > before,
        "a second move raises the override's SEQUENCE"
    );
    assert_eq!(
        expanded(&text, from, to),
        live_starts(&w, from, to),
        "after the second move the file still matches the store"
    );
}

#[test]
fn a_series_change_puts_later_occurrences_back_on_the_rule() {
    let mut w = world();
    let retitled = occurrence(&w, paris(day(2027, 4, 5), 8, 0));
    edit(&mut w, retitled, |a| {
        a.start = paris(day(2027, 4, 6), 8, 0);
        a.end = a.start + Duration::minutes(45);
    });
    let mut input = SeriesInput {
        title: w.series.title.clone(),
        team: w.series.team.clone(),
        site_id: None,
        location: w.series.location.clone(),
        rrule: w.series.rrule.clone(),
        first_day: w.series.first_day,
        local_start: "09:00".into(),
        duration_minutes: 45,
        timezone: w.series.timezone.clone(),
        exdates: w.series.exdates.clone(),
    };
    input.first_day = day(2027, 4, 1);
    series::update_from(
        &mut w.store,
        w.series.id,
        day(2027, 4, 1),
        &input,
        now(),
        "t",
    )
    .expect("series change");
    let text = series_file(&mut w, now());
    assert!(
        lines(&text, "RECURRENCE-ID").is_empty(),
        "the change moved the occurrence onto the new rule (09:00), so nothing is overridden any more:\n{text}"
    );
    let (from, to) = (paris(day(2027, 4, 1), 0, 0), paris(day(2027, 6, 30), 0, 0));
    assert_eq!(
        expanded(&text, from, to),
        live_starts(&w, from, to),
        "the new rule gives the stored occurrences"
    );
}

#[test]
fn a_change_in_the_second_of_the_last_export_is_sent_by_the_next_changed_only_export() {
    // Times are kept to the second, and a fixed clock (UNISSON_NOW) gives every command the same instant: an occurrence
    // moved "at" the last export's time must still re-send the series file.
    let mut w = world();
    let dir = tempfile::tempdir().expect("tempdir");
    invites::export(
        &mut w.store,
        &dir.path().join("full"),
        &InviteExportOptions::default(),
        now(),
        "t",
    )
    .expect("full export");
    let moved = occurrence(&w, paris(day(2027, 3, 22), 8, 0));
    edit(&mut w, moved, |a| {
        a.start = paris(day(2027, 3, 23), 10, 30);
        a.end = a.start + Duration::minutes(45);
    });
    let changed = InviteExportOptions {
        changed_only: true,
        ..Default::default()
    };
    let summary = invites::export(
        &mut w.store,
        &dir.path().join("changed"),
        &changed,
        now(),
        "t",
    )
    .expect("changed-only export");
    assert_eq!(
        summary.series, 1,
        "the occurrence changed at the last export's second: the team must get the series with its override"
    );
    // The export of the same second may send it once more (harmless); once an export later than the change has
    // run, it is not sent again.
    for (sub, hours) in [("later", 1), ("quiet", 2)] {
        let summary = invites::export(
            &mut w.store,
            &dir.path().join(sub),
            &changed,
            now() + Duration::hours(hours),
            "t",
        )
        .expect("later changed-only export");
        if sub == "quiet" {
            assert_eq!(
                summary.series, 0,
                "nothing changed since an export after the change: the series is not sent again"
            );
        }
    }
}

#[test]
fn a_bulk_inserted_occurrence_keeps_its_rule_start_after_a_move() {
    // The demo inserts occurrences in bulk, with no audit entry of their own: their start by the rule is the start
    // before their first (audited) change.
    let mut w = world();
    let template = unisson_core::store::activities::get(
        w.store.conn(),
        occurrence(&w, paris(day(2027, 3, 8), 8, 0)),
    )
    .expect("an occurrence");
    let original = paris(day(2027, 5, 31), 8, 0);
    let new = unisson_core::store::activities::NewActivity {
        start: original,
        end: original + Duration::minutes(45),
        uid: "bulk-occurrence@test".into(),
        ..unisson_core::store::activities::NewActivity::from(&template)
    };
    let id = w
        .store
        .write("t", now(), |tx| {
            unisson_core::store::bulk::Bulk::new(tx)?.activity(&new, now())
        })
        .expect("bulk insert");
    edit(&mut w, id, |a| {
        a.start = paris(day(2027, 6, 2), 14, 0);
        a.end = a.start + Duration::minutes(45);
    });
    let moved = unisson_core::store::activities::get(w.store.conn(), id).expect("moved");
    assert_eq!(
        series::rule_start(w.store.conn(), &moved).expect("rule start"),
        original,
        "the start by the rule is the one the bulk row had before its first change"
    );
    let text = series_file(&mut w, now());
    assert!(
        text.contains("RECURRENCE-ID;TZID=Europe/Paris:20270531T080000\r\n"),
        "the moved bulk row is an override of its rule day:\n{text}"
    );
}

#[test]
fn the_writer_keeps_each_uid_one_recurring_set() {
    let start = paris(day(2027, 3, 1), 8, 0);
    let event = |uid: &'static str| ical::Event {
        uid,
        sequence: 0,
        stamp: now(),
        created: None,
        last_modified: None,
        zone: PARIS,
        start: ical::When::At(start),
        end: ical::When::At(start + Duration::minutes(45)),
        summary: "Brief",
        location: "",
        description: "",
        status: ical::EventStatus::Confirmed,
        categories: Vec::new(),
        organizer: Some(ical::Address {
            name: "Claire",
            email: "claire@exemple.fr",
        }),
        attendees: Vec::new(),
        alarm: None,
        rrule: Some("FREQ=WEEKLY;BYDAY=MO"),
        exdates: Vec::new(),
        recurrence_id: None,
    };
    let write = |method: ical::Method, events: Vec<ical::Event<'static>>| {
        ical::write_calendar(
            &ical::Calendar {
                method,
                name: None,
                events,
            },
            &mut ical::ZoneCache::new(),
        )
    };
    let mut moved = event("a@test");
    moved.rrule = None;
    moved.recurrence_id = Some(ical::When::At(start + Duration::weeks(1)));
    assert!(
        write(ical::Method::Request, vec![event("a@test"), moved.clone()]).is_ok(),
        "a REQUEST may carry one recurring set: the rule and its overrides, one UID"
    );
    assert!(
        write(
            ical::Method::Request,
            vec![event("a@test"), event("b@test")]
        )
        .is_err(),
        "a REQUEST never carries two events (Outlook imports one)"
    );
    assert!(
        write(
            ical::Method::Publish,
            vec![event("a@test"), event("a@test")]
        )
        .is_err(),
        "two VEVENTs of one UID without RECURRENCE-ID are two masters: clients keep one at random"
    );
    assert!(
        write(
            ical::Method::Publish,
            vec![event("a@test"), moved.clone(), moved.clone()]
        )
        .is_err(),
        "two overrides of the same occurrence are refused"
    );
    let mut orphan = event("a@test");
    orphan.organizer = None;
    let err = write(ical::Method::Publish, vec![orphan])
        .expect_err("RFC 5546 §3.2.1: a PUBLISH VEVENT without ORGANIZER is refused, not written");
    assert!(
        err.to_string().contains("a@test") && err.to_string().contains("ORGANIZER"),
        "the refusal names the event and the missing property: {err}"
    );
    let mut repeating = moved;
    repeating.rrule = Some("FREQ=DAILY");
    assert!(
        write(ical::Method::Publish, vec![event("a@test"), repeating]).is_err(),
        "an override of one occurrence cannot repeat"
    );
}

//! Repeating events in absence .ics imports are expanded into their days: a weekly day off for a semester with
//! EXDATEs, a yearly holiday, a timed weekly event across the DST change, an all-day multi-day monthly event,
//! overrides by RECURRENCE-ID (moved and cancelled), RDATEs, and endless rules cut at the horizon with a note.
//!
//! Expected days are computed here by stepping through the calendar, independently of the `rrule` crate.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use std::time::Instant;
use unisson_core::ical;
use unisson_core::model::{Settings, SiteInput};
use unisson_core::ops::invites::{self, IcsImportOptions, IcsImportReport};
use unisson_core::ops::{settings, sites};
use unisson_core::store::{absences, Store};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 8, 1, 8, 0, 0)
        .single()
        .expect("instant")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid day")
}

fn store() -> Store {
    let mut store = Store::open_in_memory().expect("store");
    let s = Settings {
        organizer_name: "Claire Martin".into(),
        organizer_email: "claire@exemple.fr".into(),
        ..Settings::default()
    };
    settings::update(&mut store, &s, now(), "t").expect("settings");
    let site = SiteInput {
        name: "Paris".into(),
        timezone: "Europe/Paris".into(),
        seats: 4,
        is_crc: false,
    };
    sites::add(&mut store, &site, now(), "t").expect("site");
    store
}

fn calendar(events: &[&str]) -> String {
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//FR\r\n");
    for e in events {
        out.push_str("BEGIN:VEVENT\r\n");
        for line in e.lines() {
            out.push_str(line.trim());
            out.push_str("\r\n");
        }
        out.push_str("END:VEVENT\r\n");
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

fn preview(store: &mut Store, text: &str) -> IcsImportReport {
    let options = IcsImportOptions {
        person_email: None,
        dry_run: true,
    };
    invites::import_ics(store, text.as_bytes(), &options, now(), "t").expect("the file is read")
}

fn spans(report: &IcsImportReport, reason: &str) -> Vec<(NaiveDate, NaiveDate)> {
    report
        .absences
        .iter()
        .filter(|a| a.reason == reason)
        .map(|a| (a.first_day, a.last_day))
        .collect()
}

/// Every `weekday` from `from` to `to` inclusive.
fn every(weekday: Weekday, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    from.iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| d.weekday() == weekday)
        .collect()
}

#[test]
fn a_weekly_day_off_for_a_semester_minus_exdates() {
    let mut store = store();
    let text = calendar(&["UID:mercredi@x
         DTSTART;VALUE=DATE:20250903
         DTEND;VALUE=DATE:20250904
         RRULE:FREQ=WEEKLY;BYDAY=WE;UNTIL=20260128
         EXDATE;VALUE=DATE:20251224,20251231
         SUMMARY:Mercredi off"]);
    let report = preview(&mut store, &text);
    let want: Vec<(NaiveDate, NaiveDate)> = every(Weekday::Wed, day(2025, 9, 3), day(2026, 1, 28))
        .into_iter()
        .filter(|d| *d != day(2025, 12, 24) && *d != day(2025, 12, 31))
        .map(|d| (d, d))
        .collect();
    assert_eq!(
        spans(&report, "Mercredi off"),
        want,
        "every Wednesday of the semester, UNTIL inclusive, minus the two EXDATEs"
    );
    assert!(
        report.capped.is_empty() && report.skipped.is_empty(),
        "a rule with an end is neither cut nor skipped: {report:?}"
    );
    assert_eq!(report.added, want.len(), "each day is one absence to add");
}

#[test]
fn a_timed_weekly_event_across_the_dst_change_and_a_multi_day_monthly_one() {
    let mut store = store();
    let text = calendar(&[
        "UID:formation@x
         DTSTART;TZID=Europe/Paris:20250321T140000
         DTEND;TZID=Europe/Paris:20250321T180000
         RRULE:FREQ=WEEKLY;COUNT=4
         SUMMARY:Formation externe",
        "UID:seminaire@x
         DTSTART;VALUE=DATE:20250210
         DTEND;VALUE=DATE:20250215
         RRULE:FREQ=MONTHLY;COUNT=3
         SUMMARY:Semaine terrain",
    ]);
    let report = preview(&mut store, &text);
    let fridays: Vec<(NaiveDate, NaiveDate)> = (0..4)
        .map(|i| day(2025, 3, 21) + Duration::weeks(i))
        .map(|d| (d, d))
        .collect();
    assert_eq!(
        spans(&report, "Formation externe"),
        fridays,
        "a timed afternoon repeats on the same local day across the spring change (30 March)"
    );
    let weeks: Vec<(NaiveDate, NaiveDate)> = (2..=4)
        .map(|m| (day(2025, m, 10), day(2025, m, 14)))
        .collect();
    assert_eq!(
        spans(&report, "Semaine terrain"),
        weeks,
        "an all-day Monday-to-Friday event repeats with its five days each month (DTEND exclusive)"
    );
}

#[test]
fn overrides_move_or_cancel_one_occurrence_and_rdates_add_days() {
    let mut store = store();
    let text = calendar(&[
        "UID:serie@x
         DTSTART;TZID=Europe/Paris:20250901T090000
         DTEND;TZID=Europe/Paris:20250901T120000
         RRULE:FREQ=WEEKLY;COUNT=5
         RDATE;TZID=Europe/Paris:20251003T090000
         SUMMARY:Matinée off",
        "UID:serie@x
         RECURRENCE-ID;TZID=Europe/Paris:20250908T090000
         DTSTART;TZID=Europe/Paris:20250911T090000
         DTEND;TZID=Europe/Paris:20250911T120000
         SUMMARY:Matinée off",
        "UID:serie@x
         RECURRENCE-ID;TZID=Europe/Paris:20250915T090000
         DTSTART;TZID=Europe/Paris:20250915T090000
         DTEND;TZID=Europe/Paris:20250915T120000
         STATUS:CANCELLED
         SUMMARY:Matinée off",
    ]);
    let report = preview(&mut store, &text);
    let mut days: Vec<NaiveDate> = spans(&report, "Matinée off")
        .into_iter()
        .map(|(a, _)| a)
        .collect();
    days.sort();
    assert_eq!(
        days,
        vec![
            day(2025, 9, 1),
            day(2025, 9, 11),
            day(2025, 9, 22),
            day(2025, 9, 29),
            day(2025, 10, 3)
        ],
        "8 Sept moved to the 11th, 15 Sept cancelled, 3 Oct added by RDATE: {report:?}"
    );
}

#[test]
fn endless_rules_are_cut_at_two_years_with_a_note_and_never_hang() {
    let mut store = store();
    let text = calendar(&[
        "UID:quotidien@x
         DTSTART;VALUE=DATE:20250101
         RRULE:FREQ=DAILY
         SUMMARY:Astreinte",
        "UID:secondes@x
         DTSTART:20250301T000000Z
         RRULE:FREQ=SECONDLY
         SUMMARY:Bruit",
    ]);
    let started = Instant::now();
    let report = preview(&mut store, &text);
    assert!(
        started.elapsed().as_secs() < 20,
        "an endless rule is bounded, not iterated to the end of time"
    );
    let daily = spans(&report, "Astreinte");
    let horizon = day(2025, 1, 1) + Duration::days(ical::HORIZON_DAYS);
    let want: Vec<(NaiveDate, NaiveDate)> = day(2025, 1, 1)
        .iter_days()
        .take_while(|d| *d < horizon)
        .map(|d| (d, d))
        .collect();
    assert_eq!(
        daily, want,
        "a daily rule with no end gives every day of the two years from its first day"
    );
    let cut: Vec<(&str, NaiveDate)> = report
        .capped
        .iter()
        .map(|c| (c.summary.as_str(), c.last_day))
        .collect();
    assert_eq!(
        cut,
        vec![
            ("Astreinte", want[want.len() - 1].0),
            ("Bruit", day(2025, 3, 1))
        ],
        "both endless rules are reported with the last day kept"
    );
    assert_eq!(
        report.capped[1].kept,
        usize::from(ical::MAX_OCCURRENCES),
        "a rule that repeats every second stops at the occurrence cap"
    );
    assert_eq!(
        report.added,
        want.len() + 1,
        "the every-second rule's occurrences share one day, added once"
    );
    let real = IcsImportOptions {
        person_email: None,
        dry_run: false,
    };
    invites::import_ics(&mut store, text.as_bytes(), &real, now(), "t").expect("import");
    assert_eq!(
        absences::between(store.conn(), day(2025, 1, 1), day(2027, 12, 31))
            .expect("list")
            .len(),
        want.len() + 1,
        "the import stores what the preview showed"
    );
}

#[test]
fn an_unreadable_rule_skips_its_event_only() {
    let mut store = store();
    let text = calendar(&[
        "UID:mauvais@x
         DTSTART;VALUE=DATE:20250101
         RRULE:FREQ=SOMETIMES
         SUMMARY:Mystère",
        "UID:bon@x
         DTSTART;VALUE=DATE:20250714
         SUMMARY:Fête nationale",
    ]);
    let report = preview(&mut store, &text);
    assert_eq!(
        report.absences.len(),
        1,
        "the readable event is still imported"
    );
    assert!(
        report.skipped.len() == 1 && report.skipped[0].reason.contains("repeat rule"),
        "the unreadable rule is reported with why: {:?}",
        report.skipped
    );
}

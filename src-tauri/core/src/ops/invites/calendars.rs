//! The two PUBLISH kinds of file: a person's "all my sessions" calendar, and a brief series for its sales team.
//!
//! Invariants: every VEVENT of a PUBLISH file has the export's ORGANIZER, the same as the REQUESTs' (Settings'
//! organizer, which the export requires before it writes anything, so an activity with no organizer of its own still
//! gets one), and no ATTENDEE (the writer drops them); a personal calendar lists the
//! person's activities in the export range that go on and that they are coming to (not declined, removed or
//! waitlisted), except the occurrences of their own team's brief series, which they get as the series; a series is
//! one VEVENT whose EXDATEs are the stored exception days plus the rule days of its cancelled occurrences, and whose
//! SEQUENCE grows with each such day so that a re-import replaces the old copy;
//! - an occurrence that goes on but no longer looks as the rule says (moved, re-timed, re-titled or re-located) is an
//!   override in the same file: same UID, RECURRENCE-ID = its start by the rule (DTSTART's zone), its own DTSTART,
//!   DTEND, SUMMARY, LOCATION, and SEQUENCE = the series' + the occurrence's, so either change raises it;
//! - a cancelled occurrence is an EXDATE, not a `CANCEL` with RECURRENCE-ID: the file is a PUBLISH calendar that
//!   replaces its previous copy (RFC 5546 §3.2.1), not a scheduling message; each occurrence's own
//!   REQUEST/CANCEL (its own UID) goes to the people invited to it.

use super::build;
use super::plan::{local_instant, File, Parts, Plan, Recipient};
use super::InviteExportOptions;
use crate::error::Result;
use crate::ical::{self, Alarm, Calendar, Event, EventStatus, Method, When};
use crate::model::Series;
use crate::model::{Activity, ActivityKind, ActivityStatus, Id};
use crate::schedule::series::occurrences as occurrences_of;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Adds one personal calendar per person in `reached` who has something to put in it.
pub(super) fn personal(
    p: &mut Parts<'_, '_>,
    plan: &mut Plan,
    reached: &BTreeMap<Id, Recipient>,
) -> Result<()> {
    let l = p.l;
    let mut by_person: HashMap<Id, Vec<&Activity>> = HashMap::new();
    for a in l
        .activities
        .iter()
        .filter(|a| a.status != ActivityStatus::Cancelled)
    {
        let team = a
            .series_id
            .and_then(|s| l.series.get(&s))
            .map(|s| s.team.as_str());
        for part in l.parts.get(&a.id).map_or(&[][..], Vec::as_slice) {
            if build::coming(part.status)
                && team.is_none_or(|t| part.team != t)
                && reached.contains_key(&part.person_id)
            {
                by_person.entry(part.person_id).or_default().push(a);
            }
        }
    }
    let mut texts: HashMap<Id, (String, String)> = HashMap::new();
    for a in by_person.values().flatten() {
        texts.entry(a.id).or_insert_with(|| {
            let zone = build::zone_of(a, l.fallback);
            let parts = l.parts.get(&a.id).map_or(&[][..], Vec::as_slice);
            let organiser = a
                .organizer_id
                .and_then(|id| l.people.get(&id))
                .map_or(l.settings.organizer_name.as_str(), |p| p.full_name.as_str());
            (
                build::description(a, parts, organiser, zone, p.labels),
                format!("{}{}{}", p.labels.reminder.0, a.title, p.labels.reminder.1),
            )
        });
    }
    for (person, r) in reached {
        let Some(list) = by_person.get(person) else {
            continue;
        };
        let events: Vec<Event<'_>> = list
            .iter()
            .map(|a| {
                let zone = build::zone_of(a, l.fallback);
                let (start, end) = build::span(a, zone);
                let (desc, reminder) = texts
                    .get(&a.id)
                    .map_or(("", ""), |(d, r)| (d.as_str(), r.as_str()));
                Event {
                    uid: &a.uid,
                    sequence: i64::from(a.sequence),
                    stamp: p.now,
                    created: Some(a.created_at),
                    last_modified: Some(a.updated_at),
                    zone,
                    start,
                    end,
                    summary: &a.title,
                    location: &a.location,
                    description: desc,
                    status: build::status_of(a.status),
                    categories: build::categories(a.kind, p.labels),
                    organizer: Some(p.org),
                    attendees: Vec::new(),
                    alarm: Some(Alarm {
                        before: build::reminder_before(a),
                        description: reminder,
                    }),
                    rrule: None,
                    exdates: Vec::new(),
                    recurrence_id: None,
                }
            })
            .collect();
        let name = format!("Unisson – {}", r.name);
        let ics = ical::write_calendar(
            &Calendar {
                method: Method::Publish,
                name: Some(&name),
                events,
            },
            p.zones,
        )?;
        plan.files.push(File {
            path: format!("people/{}-{person}.ics", build::slug(&r.name)),
            method: Method::Publish,
            ics,
            activity_id: None,
            kind: "",
            title: name,
            when: list.len().to_string(),
            uid: String::new(),
            sequence: 0,
            recipients: vec![r.clone()],
        });
    }
    Ok(())
}

/// Adds one file per brief series whose occurrences are in the export (changed ones only with `changed_only`).
pub(super) fn series(
    p: &mut Parts<'_, '_>,
    plan: &mut Plan,
    options: &InviteExportOptions,
    person: Option<Id>,
) -> Result<()> {
    let l = p.l;
    let ids: BTreeSet<Id> = l
        .activities
        .iter()
        .filter(|a| a.kind == ActivityKind::Brief)
        .filter_map(|a| a.series_id)
        .collect();
    for id in ids {
        let Some(s) = l.series.get(&id) else {
            continue;
        };
        let occurrences: Vec<&Activity> = l
            .activities
            .iter()
            .filter(|a| a.series_id == Some(id))
            .collect();
        if options.changed_only {
            // `>=`: times are kept to the second, so a change in the same second as the last export (or any change
            // under a fixed clock, UNISSON_NOW) must count as after it; a needless re-send is harmless, a missed one
            // leaves a stale series in people's calendars.
            let changed = l
                .last_export
                .is_none_or(|t| s.updated_at >= t || occurrences.iter().any(|a| a.updated_at >= t));
            if !changed {
                continue;
            }
        }
        let mut to: Vec<Recipient> = l
            .people
            .values()
            .filter(|m| m.active && m.team == s.team && person.is_none_or(|id| id == m.id))
            .map(|m| Recipient {
                person_id: m.id,
                name: m.full_name.clone(),
                email: m.email.clone(),
            })
            .collect();
        if to.is_empty() {
            continue;
        }
        to.sort_by(|a, b| a.name.cmp(&b.name).then(a.person_id.cmp(&b.person_id)));
        let zone = s.timezone.parse().unwrap_or(l.fallback);
        let start = local_instant(zone, s.first_day, &s.local_start);
        let rule_start = |a: &Activity| l.rule_starts.get(&a.id).copied().unwrap_or(a.start);
        let mut days: BTreeSet<NaiveDate> = s.exdates.iter().copied().collect();
        let stored = days.len();
        for a in occurrences
            .iter()
            .filter(|a| a.status == ActivityStatus::Cancelled)
        {
            days.insert(build::local_day(rule_start(a), zone));
        }
        let added = i64::try_from(days.len() - stored).unwrap_or(0);
        let sequence = i64::from(s.sequence) + added;
        let description = build::series_description(&s.team, p.labels);
        let moved = overrides(s, &occurrences, &rule_start, zone)?;
        let mut events: Vec<Event<'_>> = Vec::with_capacity(1 + moved.len());
        events.push(Event {
            uid: &s.uid,
            sequence,
            stamp: p.now,
            created: Some(s.created_at),
            last_modified: Some(s.updated_at),
            zone,
            start: When::At(start),
            end: When::At(start + Duration::minutes(i64::from(s.duration_minutes))),
            summary: &s.title,
            location: &s.location,
            description: &description,
            status: EventStatus::Confirmed,
            categories: build::categories(ActivityKind::Brief, p.labels),
            organizer: Some(p.org),
            attendees: Vec::new(),
            alarm: None,
            rrule: Some(&s.rrule),
            exdates: days
                .iter()
                .map(|d| When::At(local_instant(zone, *d, &s.local_start)))
                .collect(),
            recurrence_id: None,
        });
        for (original, a) in moved {
            events.push(Event {
                uid: &s.uid,
                sequence: sequence + i64::from(a.sequence),
                stamp: p.now,
                created: Some(a.created_at),
                last_modified: Some(a.updated_at),
                zone,
                start: When::At(a.start),
                end: When::At(a.end),
                summary: &a.title,
                location: &a.location,
                description: &description,
                status: build::status_of(a.status),
                categories: build::categories(ActivityKind::Brief, p.labels),
                organizer: Some(p.org),
                attendees: Vec::new(),
                alarm: None,
                rrule: None,
                exdates: Vec::new(),
                recurrence_id: Some(When::At(original)),
            });
        }
        let ics = ical::write_calendar(
            &Calendar {
                method: Method::Publish,
                name: Some(&s.title),
                events,
            },
            p.zones,
        )?;
        plan.files.push(File {
            path: format!("series/{}-{id}.ics", build::slug(&s.team)),
            method: Method::Publish,
            ics,
            activity_id: None,
            kind: build::kind_label(ActivityKind::Brief, p.labels),
            title: s.title.clone(),
            when: s.rrule.clone(),
            uid: s.uid.clone(),
            sequence,
            recipients: to,
        });
    }
    Ok(())
}

/// The occurrences of `s` that go on but differ from the rule, each with its start by the rule (one per rule start,
/// the first by id when two claim it; none for a start the rule no longer has, e.g. before a change of rule).
fn overrides<'a>(
    s: &Series,
    occurrences: &[&'a Activity],
    rule_start: &dyn Fn(&Activity) -> DateTime<Utc>,
    zone: Tz,
) -> Result<Vec<(DateTime<Utc>, &'a Activity)>> {
    let live: Vec<(DateTime<Utc>, &Activity)> = occurrences
        .iter()
        .filter(|a| a.status != ActivityStatus::Cancelled)
        .map(|a| (rule_start(a), *a))
        .collect();
    let (Some(first), Some(last)) = (
        live.iter().map(|(t, _)| *t).min(),
        live.iter().map(|(t, _)| *t).max(),
    ) else {
        return Ok(Vec::new());
    };
    let rule: HashSet<DateTime<Utc>> = occurrences_of(
        &crate::ops::series::input_of(s),
        build::local_day(first, zone).max(s.first_day),
        build::local_day(last, zone),
    )?
    .into_iter()
    .map(|o| o.start)
    .collect();
    let length = Duration::minutes(i64::from(s.duration_minutes));
    let mut taken: HashSet<DateTime<Utc>> = HashSet::new();
    let mut out: Vec<(DateTime<Utc>, &Activity)> = live
        .into_iter()
        .filter(|(t, a)| {
            let differs = a.start != *t
                || a.end != *t + length
                || a.title != s.title
                || a.location != s.location;
            differs && rule.contains(t)
        })
        .collect();
    out.sort_by_key(|(t, a)| (*t, a.id));
    out.retain(|(t, _)| taken.insert(*t));
    Ok(out)
}

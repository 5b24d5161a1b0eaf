//! What an export writes and who receives each file, decided from a read-only snapshot of the store.
//!
//! Rules (DESIGN.md, "Invites"):
//! - an activity that goes on is one REQUEST listing every attendee (removed and waitlisted people are not attendees);
//!   a cancelled one is one CANCEL to everyone who had it; each removed attendee gets a CANCEL of their own;
//! - a REQUEST's SEQUENCE is the activity's, raised above any CANCEL already sent to one of its attendees (someone
//!   put back); a CANCEL's is above the last REQUEST sent to its recipients, so clients always apply it;
//! - with `changed_only`, a person gets a file only if the invite log says they have not got this version: no entry, a
//!   CANCEL before, or a lower SEQUENCE than the activity's now; a CANCEL only goes to someone who was sent a REQUEST;
//! - the occurrences of a brief series are not sent to the series' own team, who import the series itself (one
//!   VEVENT with RRULE and EXDATE, cancelled occurrences added as EXDATEs); the marketers invited get the occurrence;
//! - each person who receives something also gets their "all my sessions" PUBLISH calendar.

use super::build::{self, Labels};
use super::InviteExportOptions;
use crate::error::{Error, Result};
use crate::ical::{self, Address, Alarm, Attendee, Calendar, Event, Method, ZoneCache};
use crate::model::{
    is_valid_email, Activity, ActivityStatus, Id, ParticipantRecord, PersonRow, Series, Settings,
};
use crate::store::invite_log::Sent;
use crate::FieldCode;
use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use std::collections::{BTreeMap, HashMap};

/// A read-only snapshot of what an export needs.
pub(super) struct Loaded {
    pub settings: Settings,
    pub fallback: Tz,
    pub activities: Vec<Activity>,
    pub parts: HashMap<Id, Vec<ParticipantRecord>>,
    pub log: HashMap<(Id, Id), Sent>,
    pub people: HashMap<Id, PersonRow>,
    pub series: HashMap<Id, Series>,
    /// Each series occurrence's start by its rule (see `ops::series::rule_start`).
    pub rule_starts: HashMap<Id, DateTime<Utc>>,
    pub last_export: Option<DateTime<Utc>>,
}

/// One person a file is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Recipient {
    pub person_id: Id,
    pub name: String,
    pub email: String,
}

/// One file of the folder.
#[derive(Debug, Clone)]
pub(super) struct File {
    pub path: String,
    pub method: Method,
    pub ics: String,
    pub activity_id: Option<Id>,
    pub kind: &'static str,
    pub title: String,
    pub when: String,
    pub uid: String,
    pub sequence: i64,
    pub recipients: Vec<Recipient>,
}

/// Everything an export will write, and the invite-log rows it will record.
#[derive(Debug, Default)]
pub(super) struct Plan {
    pub files: Vec<File>,
    pub log: Vec<(Id, Id, i64, bool)>,
    pub unchanged: usize,
}

fn recipient(p: &ParticipantRecord) -> Recipient {
    Recipient {
        person_id: p.person_id,
        name: p.name.clone(),
        email: p.email.clone(),
    }
}

/// The organizer from Settings, checked.
pub(super) fn organizer(s: &Settings) -> Result<Address<'_>> {
    if s.organizer_name.trim().is_empty() || !is_valid_email(s.organizer_email.trim()) {
        return Err(Error::field(
            "organizerEmail",
            FieldCode::OrganizerMissing,
            "set the organizer's name and email in Settings before writing invites",
        ));
    }
    Ok(Address {
        name: &s.organizer_name,
        email: s.organizer_email.trim(),
    })
}

struct Ctx<'l> {
    l: &'l Loaded,
    labels: &'static Labels,
    org: Address<'l>,
    now: DateTime<Utc>,
    zones: ZoneCache,
}

impl Ctx<'_> {
    fn organiser_name(&self, a: &Activity) -> String {
        a.organizer_id
            .and_then(|id| self.l.people.get(&id))
            .map_or_else(|| self.org.name.to_owned(), |p| p.full_name.clone())
    }

    fn series_team(&self, a: &Activity) -> Option<&str> {
        a.series_id
            .and_then(|s| self.l.series.get(&s))
            .map(|s| s.team.as_str())
    }

    /// The event of an activity; `attendees` are only written by REQUEST and CANCEL.
    #[allow(clippy::too_many_arguments)]
    fn write(
        &mut self,
        a: &Activity,
        desc: &str,
        method: Method,
        sequence: i64,
        attendees: Vec<Attendee<'_>>,
        name: Option<&str>,
    ) -> Result<String> {
        let zone = build::zone_of(a, self.l.fallback);
        let (start, end) = build::span(a, zone);
        let reminder = format!(
            "{}{}{}",
            self.labels.reminder.0, a.title, self.labels.reminder.1
        );
        let event = Event {
            uid: &a.uid,
            sequence,
            stamp: self.now,
            created: Some(a.created_at),
            last_modified: Some(a.updated_at),
            zone,
            start,
            end,
            summary: &a.title,
            location: &a.location,
            description: desc,
            status: build::status_of(a.status),
            categories: build::categories(a.kind, self.labels),
            organizer: Some(self.org),
            attendees,
            alarm: Some(Alarm {
                before: build::reminder_before(a),
                description: &reminder,
            }),
            rrule: None,
            exdates: Vec::new(),
            recurrence_id: None,
        };
        ical::write_calendar(
            &Calendar {
                method,
                name,
                events: vec![event],
            },
            &mut self.zones,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn file(
        &mut self,
        plan: &mut Plan,
        a: &Activity,
        desc: &str,
        method: Method,
        sequence: i64,
        attendees: &[&ParticipantRecord],
        to: &[&ParticipantRecord],
        suffix: &str,
    ) -> Result<()> {
        let lines: Vec<Attendee<'_>> = attendees
            .iter()
            .map(|p| Attendee {
                address: Address {
                    name: &p.name,
                    email: &p.email,
                },
                role: build::role_of(p.role),
                partstat: if method == Method::Request {
                    build::partstat_of(p.status)
                } else {
                    None
                },
                rsvp: method == Method::Request,
            })
            .collect();
        let ics = self.write(a, desc, method, sequence, lines, None)?;
        let zone = build::zone_of(a, self.l.fallback);
        let day = build::local_day(a.start, zone);
        plan.files.push(File {
            path: format!("invites/{day}-{}-{}{suffix}.ics", a.kind.as_str(), a.id),
            method,
            ics,
            activity_id: Some(a.id),
            kind: build::kind_label(a.kind, self.labels),
            title: a.title.clone(),
            when: build::when_text(a, zone, self.labels),
            uid: a.uid.clone(),
            sequence,
            recipients: to.iter().map(|p| recipient(p)).collect(),
        });
        plan.log.extend(
            to.iter()
                .map(|p| (a.id, p.person_id, sequence, method == Method::Cancel)),
        );
        Ok(())
    }
}

/// Decides every file of an export (see the module docs).
pub(super) fn plan(
    l: &Loaded,
    options: &InviteExportOptions,
    person: Option<Id>,
    now: DateTime<Utc>,
) -> Result<Plan> {
    let mut ctx = Ctx {
        l,
        labels: build::labels(l.settings.language),
        org: organizer(&l.settings)?,
        now,
        zones: ZoneCache::new(),
    };
    let changed_only = options.changed_only;
    let mut plan = Plan::default();
    // Who got what this run, for their personal calendars.
    let mut reached: BTreeMap<Id, Recipient> = BTreeMap::new();
    for a in &l.activities {
        let parts = l.parts.get(&a.id).map_or(&[][..], Vec::as_slice);
        let team = ctx.series_team(a).map(str::to_owned);
        let selected: Vec<&ParticipantRecord> = parts
            .iter()
            .filter(|p| person.is_none_or(|id| id == p.person_id))
            .filter(|p| team.as_deref().is_none_or(|t| p.team != t))
            .collect();
        if selected.is_empty() {
            continue;
        }
        let sent = |p: &ParticipantRecord| l.log.get(&(a.id, p.person_id)).copied();
        let had_request = |p: &ParticipantRecord| sent(p).is_some_and(|s| !s.cancel);
        let zone = build::zone_of(a, l.fallback);
        let desc = build::description(a, parts, &ctx.organiser_name(a), zone, ctx.labels);
        let cancel_seq = |to: &[&ParticipantRecord]| {
            to.iter()
                .filter_map(|p| sent(p))
                .map(|s| s.sequence + i64::from(!s.cancel))
                .fold(i64::from(a.sequence), i64::max)
        };
        let before = plan.files.len();
        if a.status == ActivityStatus::Cancelled {
            let to: Vec<&ParticipantRecord> = selected
                .iter()
                .copied()
                .filter(|p| {
                    had_request(p) || (!changed_only && build::partstat_of(p.status).is_some())
                })
                .collect();
            plan.unchanged += selected.len() - to.len();
            if !to.is_empty() {
                let seq = cancel_seq(&to);
                ctx.file(
                    &mut plan,
                    a,
                    &desc,
                    Method::Cancel,
                    seq,
                    &to,
                    &to,
                    "-cancel",
                )?;
            }
        } else {
            let attendees: Vec<&ParticipantRecord> = parts
                .iter()
                .filter(|p| build::partstat_of(p.status).is_some())
                .collect();
            let to: Vec<&ParticipantRecord> = selected
                .iter()
                .copied()
                .filter(|p| build::partstat_of(p.status).is_some())
                .filter(|p| {
                    !changed_only
                        || sent(p).is_none_or(|s| s.cancel || s.sequence < i64::from(a.sequence))
                })
                .collect();
            let request_seq = attendees
                .iter()
                .filter_map(|p| sent(p).map(|s| s.sequence + i64::from(s.cancel)))
                .fold(i64::from(a.sequence), i64::max);
            if !to.is_empty() {
                ctx.file(
                    &mut plan,
                    a,
                    &desc,
                    Method::Request,
                    request_seq,
                    &attendees,
                    &to,
                    "",
                )?;
            }
            let in_request = to.len();
            let mut removed_unchanged = 0;
            for p in selected
                .iter()
                .filter(|p| build::partstat_of(p.status).is_none())
            {
                let due = had_request(p)
                    || (!changed_only && p.status == crate::model::ParticipationStatus::Cancelled);
                if !due {
                    removed_unchanged += usize::from(sent(p).is_some());
                    continue;
                }
                let seq = cancel_seq(&[p]);
                let suffix = format!("-cancel-{}", p.person_id);
                ctx.file(
                    &mut plan,
                    a,
                    &desc,
                    Method::Cancel,
                    seq,
                    &[p],
                    &[p],
                    &suffix,
                )?;
            }
            let attendees_selected = selected
                .iter()
                .filter(|p| build::partstat_of(p.status).is_some())
                .count();
            plan.unchanged += attendees_selected - in_request + removed_unchanged;
        }
        for f in &plan.files[before..] {
            for r in &f.recipients {
                reached.entry(r.person_id).or_insert_with(|| r.clone());
            }
        }
    }
    if !changed_only {
        for a in &l.activities {
            if a.status == ActivityStatus::Cancelled {
                continue;
            }
            let team = ctx.series_team(a).map(str::to_owned);
            for p in l.parts.get(&a.id).map_or(&[][..], Vec::as_slice) {
                if build::coming(p.status)
                    && person.is_none_or(|id| id == p.person_id)
                    && team.as_deref().is_none_or(|t| p.team != t)
                {
                    reached.entry(p.person_id).or_insert_with(|| recipient(p));
                }
            }
        }
    }
    super::calendars::personal(&mut ctx_parts(&mut ctx), &mut plan, &reached)?;
    super::calendars::series(&mut ctx_parts(&mut ctx), &mut plan, options, person)?;
    Ok(plan)
}

/// What the calendar builders need from the context.
pub(super) struct Parts<'c, 'l> {
    pub l: &'l Loaded,
    /// The ORGANIZER of every file, PUBLISH ones included: the same as in the REQUESTs.
    pub org: Address<'l>,
    pub labels: &'static Labels,
    pub now: DateTime<Utc>,
    pub zones: &'c mut ZoneCache,
}

fn ctx_parts<'c, 'l>(ctx: &'c mut Ctx<'l>) -> Parts<'c, 'l> {
    Parts {
        l: ctx.l,
        org: ctx.org,
        labels: ctx.labels,
        now: ctx.now,
        zones: &mut ctx.zones,
    }
}

/// An instant from a local day and `HH:MM` in `zone` (the earliest, or the one after a DST gap).
pub(super) fn local_instant(zone: Tz, day: chrono::NaiveDate, hhmm: &str) -> DateTime<Utc> {
    let time = NaiveTime::parse_from_str(hhmm, "%H:%M").unwrap_or(NaiveTime::MIN);
    let local = day.and_time(time);
    zone.from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            zone.from_local_datetime(&(local + Duration::hours(1)))
                .earliest()
        })
        .map_or_else(|| local.and_utc(), |t| t.with_timezone(&Utc))
}

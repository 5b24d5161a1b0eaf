//! Importing an .ics file: absences and holidays (any calendar, read by [`super::absences`]), or RSVP replies
//! (`METHOD:REPLY`).
//!
//! Invariants: [`import_ics`] takes the file's bytes, so the app and the CLI decode it the same way (UTF-8, BOM
//! dropped, size capped: see [`ical::decode`]); a file that is not UTF-8 or is malformed is an `invalid_ics` error
//! naming the line, and nothing changes; a dry run returns the same report as the real run and changes nothing; the
//! real run writes everything in one transaction. A reply is applied only to a participant of the activity whose UID
//! it names, matched by email, whose status is still an answer (invited, accepted, tentative, declined), and only if
//! it answers the version last sent to them (SEQUENCE) and is newer than their last change (DTSTAMP); anything else
//! is reported, not applied.

use crate::error::{Error, Result};
use crate::ical::{self, IcsEvent, IcsFile};
use crate::model::{AbsenceSource, Id, ParticipationStatus};
use crate::store::{absences, activities, invite_log, participations, people, Store};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// How to import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IcsImportOptions {
    /// Absences: whose they are (email); none means company-wide holidays. Ignored for replies.
    pub person_email: Option<String>,
    /// Only report what would change.
    pub dry_run: bool,
}

/// What the file was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum IcsImportKind {
    /// Events read as absences or holidays.
    Absences,
    /// `METHOD:REPLY` answers to invites.
    Replies,
}

/// One absence the file gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AbsencePreview {
    /// Line of its VEVENT.
    pub line: usize,
    /// First day away.
    pub first_day: NaiveDate,
    /// Last day away, inclusive.
    pub last_day: NaiveDate,
    /// The event's title.
    pub reason: String,
    /// Whose; `None` for a company holiday.
    pub person_id: Option<Id>,
    /// Whether the same absence is already stored (it is not added again).
    pub duplicate: bool,
}

/// What happened to one reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReplyOutcome {
    /// The status was (or, in a dry run, would be) changed.
    Applied,
    /// The participant already had this status.
    Unchanged,
    /// No activity has this UID.
    UnknownUid,
    /// The address is not a participant of that activity.
    UnknownAttendee,
    /// It answers an older version of the invite (lower SEQUENCE).
    Stale,
    /// The participant's status changed after this reply was sent.
    Outdated,
    /// The participant was removed or waitlisted, or the activity is over or cancelled.
    NotApplicable,
    /// The answer is not one Unisson records (e.g. DELEGATED).
    Unsupported,
}

/// One reply and its outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReplyPreview {
    /// Line of its ATTENDEE.
    pub line: usize,
    /// The UID it answers.
    pub uid: String,
    /// The attendee's address.
    pub email: String,
    /// PARTSTAT as sent.
    pub partstat: String,
    /// What happened.
    pub outcome: ReplyOutcome,
    /// The activity, when found.
    pub activity_id: Option<Id>,
    /// The person, when found.
    pub person_id: Option<Id>,
    /// Status before.
    pub from: Option<ParticipationStatus>,
    /// Status after (or that it would be).
    pub to: Option<ParticipationStatus>,
}

/// An event that was read but not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IcsSkipped {
    /// Line of its VEVENT.
    pub line: usize,
    /// Its title.
    pub summary: String,
    /// Why (English).
    pub reason: String,
}

/// A repeating event that goes on past what an import expands (two years, or the occurrence cap): only its days up
/// to `last_day` are imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IcsCapped {
    /// Line of its VEVENT.
    pub line: usize,
    /// Its title.
    pub summary: String,
    /// Occurrences kept.
    pub kept: usize,
    /// Start day of the last occurrence kept.
    pub last_day: NaiveDate,
}

/// The preview (dry run) or the result of an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IcsImportReport {
    /// Absences or replies.
    pub kind: IcsImportKind,
    /// Whether nothing was written.
    pub dry_run: bool,
    /// Absences read (absence files).
    pub absences: Vec<AbsencePreview>,
    /// Replies read (reply files).
    pub replies: Vec<ReplyPreview>,
    /// Events read but not imported.
    pub skipped: Vec<IcsSkipped>,
    /// Repeating events cut at the expansion horizon (absence files).
    pub capped: Vec<IcsCapped>,
    /// Absences added (or that would be).
    pub added: usize,
    /// Participations updated (or that would be).
    pub updated: usize,
}

/// Decodes the bytes of an .ics file and imports its absences or replies (see the module docs). Both faces pass the
/// file as read from disk, never text they decoded themselves.
pub fn import_ics(
    store: &mut Store,
    bytes: &[u8],
    options: &IcsImportOptions,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<IcsImportReport> {
    let file = ical::parse(ical::decode(bytes)?)?;
    let is_reply = file.method.as_deref() == Some("REPLY");
    let mut report = IcsImportReport {
        kind: if is_reply {
            IcsImportKind::Replies
        } else {
            IcsImportKind::Absences
        },
        dry_run: options.dry_run,
        absences: Vec::new(),
        replies: Vec::new(),
        skipped: Vec::new(),
        capped: Vec::new(),
        added: 0,
        updated: 0,
    };
    let mut changes: Vec<(Id, Id, crate::model::Role, ParticipationStatus)> = Vec::new();
    if is_reply {
        changes = replies(store, &file, &mut report)?;
    } else {
        super::absences::absences_of(store, &file, options.person_email.as_deref(), &mut report)?;
    }
    report.added = report.absences.iter().filter(|a| !a.duplicate).count();
    report.updated = changes.len();
    if options.dry_run || (report.added == 0 && changes.is_empty()) {
        return Ok(report);
    }
    store.write(actor, now, |tx| {
        for a in report.absences.iter().filter(|a| !a.duplicate) {
            absences::insert(
                tx,
                a.person_id,
                a.first_day,
                a.last_day,
                &a.reason,
                AbsenceSource::Ics,
            )?;
        }
        for (activity, person, role, status) in &changes {
            participations::upsert(tx, *activity, *person, *role, *status)?;
        }
        Ok(())
    })?;
    Ok(report)
}

fn status_of(partstat: &str) -> Option<ParticipationStatus> {
    match partstat {
        "ACCEPTED" => Some(ParticipationStatus::Accepted),
        "DECLINED" => Some(ParticipationStatus::Declined),
        "TENTATIVE" => Some(ParticipationStatus::Tentative),
        "NEEDS-ACTION" => Some(ParticipationStatus::Invited),
        _ => None,
    }
}

type Change = (Id, Id, crate::model::Role, ParticipationStatus);

fn replies(store: &Store, file: &IcsFile, report: &mut IcsImportReport) -> Result<Vec<Change>> {
    let conn = store.conn();
    let mut events: Vec<&IcsEvent> = file.events.iter().collect();
    for e in &events {
        if e.uid.is_none() {
            return Err(Error::Ics {
                line: e.line,
                message: "a reply must name the invite it answers (UID is missing)".into(),
            });
        }
        if e.attendees.is_empty() {
            return Err(Error::Ics {
                line: e.line,
                message: "a reply must say who answers (ATTENDEE is missing)".into(),
            });
        }
    }
    // The latest answer wins when a file holds several for the same person.
    events.sort_by_key(|e| e.stamp);
    // (activity, person) → (status, changed_at) as the replies so far leave them.
    let mut state: HashMap<(Id, Id), (ParticipationStatus, DateTime<Utc>)> = HashMap::new();
    let mut changes: HashMap<(Id, Id), Change> = HashMap::new();
    for e in events {
        let uid = e.uid.clone().unwrap_or_default();
        let activity = activities::find_by_uid(conn, &uid)?;
        for att in &e.attendees {
            let partstat = att
                .partstat
                .clone()
                .unwrap_or_else(|| "NEEDS-ACTION".into());
            let mut row = ReplyPreview {
                line: att.line,
                uid: uid.clone(),
                email: att.email.clone(),
                partstat: partstat.clone(),
                outcome: ReplyOutcome::UnknownUid,
                activity_id: activity.as_ref().map(|a| a.id),
                person_id: None,
                from: None,
                to: None,
            };
            let Some(a) = &activity else {
                report.replies.push(row);
                continue;
            };
            let found = match people::find_by_email(conn, &att.email)? {
                Some(p) => participations::find(conn, a.id, p.id)?.map(|part| (p, part)),
                None => None,
            };
            let Some((person, part)) = found else {
                row.outcome = ReplyOutcome::UnknownAttendee;
                report.replies.push(row);
                continue;
            };
            row.person_id = Some(person.id);
            let key = (a.id, person.id);
            let (current, changed_at) = *state.entry(key).or_insert((part.status, part.changed_at));
            row.from = Some(current);
            let sent = invite_log::for_activity(conn, a.id)?
                .get(&person.id)
                .map(|s| s.sequence);
            let expected = sent.unwrap_or(i64::from(a.sequence));
            use ParticipationStatus as P;
            row.outcome = match status_of(&partstat) {
                None => ReplyOutcome::Unsupported,
                Some(_)
                    if !matches!(
                        current,
                        P::Invited | P::Accepted | P::Tentative | P::Declined
                    ) =>
                {
                    ReplyOutcome::NotApplicable
                }
                Some(_)
                    if matches!(
                        a.status,
                        crate::model::ActivityStatus::Cancelled
                            | crate::model::ActivityStatus::Done
                    ) =>
                {
                    ReplyOutcome::NotApplicable
                }
                Some(_) if e.sequence.is_some_and(|s| s < expected) => ReplyOutcome::Stale,
                // Stamps have one-second precision: a reply from the same second as the last change is not older.
                Some(_) if e.stamp.is_some_and(|s| s < changed_at) => ReplyOutcome::Outdated,
                Some(s) if s == current => ReplyOutcome::Unchanged,
                Some(s) => {
                    row.to = Some(s);
                    state.insert(key, (s, e.stamp.unwrap_or(changed_at)));
                    if s == part.status {
                        changes.remove(&key);
                    } else {
                        changes.insert(key, (a.id, person.id, part.role, s));
                    }
                    ReplyOutcome::Applied
                }
            };
            report.replies.push(row);
        }
    }
    report.replies.sort_by_key(|r| r.line);
    let mut out: Vec<Change> = changes.into_values().collect();
    out.sort_by_key(|c| (c.0, c.1));
    Ok(out)
}

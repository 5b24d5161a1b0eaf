//! Invites: preview one activity's invite, export the folder of invites that managers send, and import .ics files
//! (absences and holidays, RSVP replies).
//!
//! The shell calls [`preview`], [`export`] and [`import_ics`] and nothing else; each takes `now` (DTSTAMP, audit) and
//! the actor. Invariants:
//! - an export reads a consistent snapshot, writes its files, then records what was sent in the invite log and one
//!   audit entry (entity `invites`, action `export`) in one transaction; if writing a file fails, nothing is recorded,
//!   so the next "changed only" export sends it again (re-sending the same UID and SEQUENCE is harmless);
//! - the export folder must be new or empty, so its `index.csv` never lists files of another run;
//! - an import changes nothing when the file is malformed or in dry-run mode (see [`import_ics`]).

mod absences;
mod build;
mod calendars;
mod folder;
mod import;
mod plan;
mod send;

pub use import::{
    import_ics, AbsencePreview, IcsCapped, IcsImportKind, IcsImportOptions, IcsImportReport,
    IcsSkipped, ReplyOutcome, ReplyPreview,
};
pub use send::{
    dry_run as send_dry_run, send, PlannedMessage, Progress, SendFailure, SendOptions, SendSummary,
    BACK_OFF,
};

use crate::error::{Error, Result};
use crate::model::{Id, Person};
use crate::store::{
    activities, audit, invite_log, participations, people, series, settings, Store,
};
use crate::FieldCode;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use plan::Loaded;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use ts_rs::TS;

/// What to export.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct InviteExportOptions {
    /// Only what changed since the last export (per the invite log).
    pub changed_only: bool,
    /// Only this person's invites (their email).
    pub person_email: Option<String>,
    /// First day (in the organisation's zone); default: from now on.
    pub from: Option<NaiveDate>,
    /// Last day, inclusive; default: no end.
    pub to: Option<NaiveDate>,
    /// Also write one ready-to-send .eml per invite.
    pub eml: bool,
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct InviteExportSummary {
    /// The folder.
    pub out_dir: String,
    /// Activities in the range considered.
    pub activities: usize,
    /// REQUEST files.
    pub requests: usize,
    /// CANCEL files.
    pub cancels: usize,
    /// Personal "all my sessions" calendars.
    pub calendars: usize,
    /// Brief series files.
    pub series: usize,
    /// .eml messages.
    pub emails: usize,
    /// Rows of `index.csv` (one per file and recipient).
    pub deliveries: usize,
    /// (activity, person) pairs not sent again because they already have this version.
    pub unchanged: usize,
    /// Path of `index.csv`.
    pub index: String,
}

fn fallback_zone(default_timezone: &str) -> Tz {
    default_timezone.parse().unwrap_or(chrono_tz::Europe::Paris)
}

fn midnight(zone: Tz, day: NaiveDate) -> DateTime<Utc> {
    zone.from_local_datetime(&day.and_time(NaiveTime::MIN))
        .earliest()
        .map_or_else(
            || day.and_time(NaiveTime::MIN).and_utc(),
            |t| t.with_timezone(&Utc),
        )
}

fn load(store: &Store, options: &InviteExportOptions, now: DateTime<Utc>) -> Result<Loaded> {
    let conn = store.conn();
    let settings = settings::get(conn)?;
    let fallback = fallback_zone(&settings.default_timezone);
    let from = options.from.map_or(now, |d| midnight(fallback, d));
    let to = match options.to {
        Some(d) => midnight(fallback, d + Duration::days(1)),
        None => Utc
            .with_ymd_and_hms(9999, 12, 31, 0, 0, 0)
            .single()
            .unwrap_or(now),
    };
    if to <= from {
        return Err(Error::field(
            "to",
            FieldCode::InvalidRange,
            "the last day is before the first day",
        ));
    }
    let activities = activities::list_between(conn, from, to)?;
    let ids: Vec<Id> = activities.iter().map(|a| a.id).collect();
    let last_export = audit::for_entity(conn, "invites", 0)?
        .into_iter()
        .filter(|e| e.action == "export")
        .map(|e| e.at)
        .max();
    Ok(Loaded {
        fallback,
        parts: invitees(conn, &ids)?,
        log: invite_log::all(conn)?,
        people: people::list_rows(conn)?
            .into_iter()
            .map(|p| (p.id, p))
            .collect(),
        series: series::list(conn)?.into_iter().map(|s| (s.id, s)).collect(),
        rule_starts: activities
            .iter()
            .filter(|a| a.series_id.is_some())
            .map(|a| Ok((a.id, crate::ops::series::rule_start(conn, a)?)))
            .collect::<Result<_>>()?,
        activities,
        settings,
        last_export,
    })
}

/// The participants of these activities, anonymised people left out: nothing is ever written to a pseudonymous
/// address (see `ops::privacy`).
fn invitees(
    conn: &rusqlite::Connection,
    ids: &[Id],
) -> Result<HashMap<Id, Vec<crate::model::ParticipantRecord>>> {
    let mut parts = participations::records_for(conn, ids)?;
    for list in parts.values_mut() {
        list.retain(|p| !crate::ops::privacy::is_pseudonymous(&p.email));
    }
    Ok(parts)
}

fn person_by_email(store: &Store, email: Option<&str>) -> Result<Option<Person>> {
    match email.map(str::trim).filter(|e| !e.is_empty()) {
        None => Ok(None),
        Some(email) => people::find_by_email(store.conn(), email)?
            .map(Some)
            .ok_or_else(|| {
                Error::field(
                    "personEmail",
                    FieldCode::UnknownPerson,
                    format!("nobody has the email {email}"),
                )
            }),
    }
}

/// The invite of one activity as the next full export would write it: its REQUEST, or its CANCEL when it is
/// cancelled, listing every attendee.
pub fn preview(store: &Store, activity_id: Id, now: DateTime<Utc>) -> Result<String> {
    let conn = store.conn();
    let activity = activities::get(conn, activity_id)?;
    let settings = settings::get(conn)?;
    let log = invite_log::for_activity(conn, activity_id)?
        .into_iter()
        .map(|(person, sent)| ((activity_id, person), sent))
        .collect();
    let loaded = Loaded {
        fallback: fallback_zone(&settings.default_timezone),
        parts: invitees(conn, &[activity_id])?,
        log,
        people: people::list_rows(conn)?
            .into_iter()
            .map(|p| (p.id, p))
            .collect(),
        // No series: a preview shows the occurrence as its invitees get it, whatever their team.
        series: HashMap::new(),
        rule_starts: HashMap::new(),
        activities: vec![activity],
        settings,
        last_export: None,
    };
    let plan = plan::plan(&loaded, &InviteExportOptions::default(), None, now)?;
    plan.files
        .into_iter()
        .find(|f| f.activity_id == Some(activity_id) && !f.path.contains("-cancel-"))
        .map(|f| f.ics)
        .ok_or_else(|| {
            Error::field(
                "participants",
                FieldCode::NoAttendees,
                "this activity has nobody to invite yet: add participants first",
            )
        })
}

/// Writes the folder of invites into `out_dir` (created; it must be new or empty) and records what was sent.
pub fn export(
    store: &mut Store,
    out_dir: &Path,
    options: &InviteExportOptions,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<InviteExportSummary> {
    crate::export::require_empty_dir(out_dir, "outDir")?;
    let person = person_by_email(store, options.person_email.as_deref())?;
    let loaded = load(store, options, now)?;
    let plan = plan::plan(&loaded, options, person.as_ref().map(|p| p.id), now)?;
    let labels = build::labels(loaded.settings.language);
    let organizer = plan::organizer(&loaded.settings)?;
    let emails = folder::write(out_dir, &plan, organizer, labels, options.eml, now)?;
    let count = |pred: &dyn Fn(&plan::File) -> bool| plan.files.iter().filter(|f| pred(f)).count();
    let summary = InviteExportSummary {
        out_dir: out_dir.display().to_string(),
        activities: loaded.activities.len(),
        requests: count(&|f| f.method == crate::ical::Method::Request),
        cancels: count(&|f| f.method == crate::ical::Method::Cancel),
        calendars: count(&|f| f.path.starts_with("people/")),
        series: count(&|f| f.path.starts_with("series/")),
        emails,
        deliveries: plan.files.iter().map(|f| f.recipients.len()).sum(),
        unchanged: plan.unchanged,
        index: out_dir.join(folder::INDEX).display().to_string(),
    };
    store.write(actor, now, |tx| {
        invite_log::record(tx, &plan.log)?;
        tx.audit(
            "invites",
            0,
            "export",
            None::<&()>,
            Some(&(options, &summary)),
        )
    })?;
    Ok(summary)
}

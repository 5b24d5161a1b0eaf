//! The `participations` table beyond plain inserts: who is booked when (for clash checks), seat usage, and status
//! changes. A participation is never deleted: removing someone marks them `cancelled` so they get a CANCEL invite and
//! HR keeps the history. Writes are audited under entity `participation`.

use super::{get_ts, ts, Tx};
use crate::error::Result;
use crate::model::{ActivityKind, Id, ParticipantRecord, Participation, ParticipationStatus, Role};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

/// Statuses that do not occupy the person (they are not coming).
pub const NOT_COMING: &str = "('declined', 'cancelled', 'waitlisted', 'no_show', 'excused')";

/// Another activity a person is booked on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booking {
    /// The activity.
    pub activity_id: Id,
    /// Its kind.
    pub kind: ActivityKind,
    /// Its title.
    pub title: String,
    /// Its start.
    pub start: DateTime<Utc>,
    /// Its end.
    pub end: DateTime<Utc>,
    /// The IANA zone it is planned in, for messages in local time.
    pub zone: String,
    /// Whether it lasts whole days.
    pub all_day: bool,
    /// The person's role in it.
    pub role: Role,
}

/// Non-cancelled activities overlapping `[from, to)` on which `person` is expected, except `exclude`.
pub fn bookings(
    conn: &Connection,
    person: Id,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    exclude: Option<Id>,
) -> Result<Vec<Booking>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT a.id, a.kind, a.title, a.start_at, a.end_at, p.role, a.timezone, a.all_day
         FROM participations p JOIN activities a ON a.id = p.activity_id
         WHERE p.person_id = ?1 AND p.start_at < ?3 AND p.start_at >= ?5 AND p.end_at > ?2 AND a.id != ?4
           AND a.status != 'cancelled' AND p.status NOT IN {NOT_COMING}
         ORDER BY a.start_at"
    ))?;
    let rows = stmt.query_map(
        params![
            person,
            ts(from),
            ts(to),
            exclude.unwrap_or(-1),
            super::earliest_start(from)
        ],
        |r| {
            Ok(Booking {
                activity_id: r.get(0)?,
                kind: r.get(1)?,
                title: r.get(2)?,
                start: get_ts(r, 3)?,
                end: get_ts(r, 4)?,
                zone: r.get(6)?,
                all_day: r.get(7)?,
                role: r.get(5)?,
            })
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Seats taken at `site` during `[from, to)` by other activities: one per co-location participant and, at a CRC, one
/// per shadowing visitor (a visit to the CRC takes a desk; elsewhere the visitor sits with their host).
pub fn seats_used(
    conn: &Connection,
    site: Id,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    exclude: Option<Id>,
) -> Result<i64> {
    Ok(conn.prepare_cached(&format!(
        "SELECT count(*) FROM activities a JOIN participations p ON p.activity_id = a.id
         WHERE a.site_id = ?1 AND a.start_at < ?3 AND a.start_at >= ?5 AND a.end_at > ?2 AND a.id != ?4
           AND a.status != 'cancelled'
           AND p.status NOT IN {NOT_COMING}
           AND (a.kind = 'colocation' OR (a.kind = 'shadowing' AND p.role = 'visitor'
                AND (SELECT is_crc FROM sites WHERE id = ?1) = 1))"
    ))?
    .query_row(params![site, ts(from), ts(to), exclude.unwrap_or(-1), super::earliest_start(from)], |r| r.get(0))?)
}

/// One participation by (activity, person).
pub fn find(conn: &Connection, activity: Id, person: Id) -> Result<Option<Participation>> {
    Ok(conn
        .query_row(
            "SELECT id, activity_id, person_id, role, status, changed_at FROM participations
             WHERE activity_id = ?1 AND person_id = ?2",
            params![activity, person],
            |r| {
                Ok(Participation {
                    id: r.get(0)?,
                    activity_id: r.get(1)?,
                    person_id: r.get(2)?,
                    role: r.get(3)?,
                    status: r.get(4)?,
                    changed_at: get_ts(r, 5)?,
                })
            },
        )
        .optional()?)
}

/// Adds a person to an activity, or changes their role and status if already there.
pub fn upsert(
    tx: &Tx<'_>,
    activity: Id,
    person: Id,
    role: Role,
    status: ParticipationStatus,
) -> Result<()> {
    write(tx, activity, person, role, status, None)
}

/// Corrects a status that history already holds (a signed-off mark, or any status of a `done` activity), audited as
/// `attendance_corrected` with the statuses before and after and the reason.
pub fn correct(
    tx: &Tx<'_>,
    activity: Id,
    person: Id,
    role: Role,
    status: ParticipationStatus,
    reason: &str,
) -> Result<()> {
    write(tx, activity, person, role, status, Some(reason))
}

/// A corrected participation as the audit log keeps it: the record after, and why.
#[derive(serde::Serialize)]
struct Corrected<'a> {
    #[serde(flatten)]
    participation: &'a Participation,
    reason: &'a str,
}

fn write(
    tx: &Tx<'_>,
    activity: Id,
    person: Id,
    role: Role,
    status: ParticipationStatus,
    reason: Option<&str>,
) -> Result<()> {
    let before = find(tx, activity, person)?;
    if before
        .as_ref()
        .is_some_and(|b| b.role == role && b.status == status)
    {
        return Ok(());
    }
    tx.execute(
        "INSERT INTO participations (activity_id, person_id, role, status, changed_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (activity_id, person_id) DO UPDATE SET role = ?3, status = ?4, changed_at = ?5",
        params![activity, person, role, status, ts(tx.now())],
    )?;
    let after = find(tx, activity, person)?;
    let id = after.as_ref().map_or(0, |p| p.id);
    match (reason, after.as_ref()) {
        (Some(reason), Some(participation)) => tx.audit(
            "participation",
            id,
            "attendance_corrected",
            before.as_ref(),
            Some(&Corrected {
                participation,
                reason,
            }),
        ),
        _ => tx.audit(
            "participation",
            id,
            if before.is_some() { "update" } else { "create" },
            before.as_ref(),
            after.as_ref(),
        ),
    }
}

/// The waitlisted people of an activity, first come first served.
pub fn waitlist(conn: &Connection, activity: Id) -> Result<Vec<Id>> {
    let mut stmt = conn.prepare(
        "SELECT person_id FROM participations WHERE activity_id = ?1 AND status = 'waitlisted'
         ORDER BY changed_at, id",
    )?;
    let rows = stmt.query_map([activity], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Participants of many activities at once, with their names, keyed by activity.
pub fn records_for(
    conn: &Connection,
    activity_ids: &[Id],
) -> Result<HashMap<Id, Vec<ParticipantRecord>>> {
    let mut out: HashMap<Id, Vec<ParticipantRecord>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT p.activity_id, p.person_id, pe.email, pe.full_name, pe.department, pe.team, p.role, p.status,
                p.changed_at
         FROM participations p JOIN people pe ON pe.id = p.person_id
         WHERE p.activity_id = ?1 ORDER BY p.id",
    )?;
    for id in activity_ids {
        let rows = stmt.query_map([id], |r| {
            Ok(ParticipantRecord {
                person_id: r.get(1)?,
                email: r.get(2)?,
                name: r.get(3)?,
                department: r.get(4)?,
                team: r.get(5)?,
                role: r.get(6)?,
                status: r.get(7)?,
                changed_at: get_ts(r, 8)?,
            })
        })?;
        out.insert(*id, rows.collect::<rusqlite::Result<_>>()?);
    }
    Ok(out)
}

/// How many briefs each person attends (or is expected at) with a start in `[from, to)`.
pub fn brief_counts(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<HashMap<Id, i64>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.person_id, count(*) FROM participations p JOIN activities a ON a.id = p.activity_id
         WHERE a.kind = 'brief' AND a.status != 'cancelled' AND a.start_at >= ?1 AND a.start_at < ?2
           AND p.status NOT IN {NOT_COMING}
         GROUP BY p.person_id"
    ))?;
    let rows = stmt.query_map(params![ts(from), ts(to)], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

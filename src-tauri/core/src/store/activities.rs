//! The `activities` and `participations` tables (a participation only exists with its activity).
//!
//! Single writes are audited under entity `activity`; batches go through [`super::bulk::Bulk`].

use super::bulk::Bulk;
use super::{get_ts, ts, Tx};
use crate::error::{Error, Result};
use crate::model::{
    Activity, ActivityKind, ActivityStatus, HalfDay, Id, Participation, ParticipationStatus, Role,
};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

/// An activity about to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewActivity {
    /// Kind.
    pub kind: ActivityKind,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Site.
    pub site_id: Option<Id>,
    /// Free-text location.
    pub location: String,
    /// Start instant.
    pub start: DateTime<Utc>,
    /// End instant (exclusive).
    pub end: DateTime<Utc>,
    /// IANA zone.
    pub timezone: String,
    /// Whole-day item.
    pub all_day: bool,
    /// Status.
    pub status: ActivityStatus,
    /// Organizer.
    pub organizer_id: Option<Id>,
    /// iCalendar UID, unique.
    pub uid: String,
    /// Shadowing half-day.
    pub half_day: Option<HalfDay>,
    /// Training capacity.
    pub capacity: Option<i32>,
    /// Brief series.
    pub series_id: Option<Id>,
    /// Goals.
    pub goals: String,
}

const COLUMNS: &str =
    "id, kind, title, description, site_id, location, start_at, end_at, timezone, all_day, status,
    organizer_id, uid, sequence, half_day, capacity, series_id, goals, created_at, updated_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Activity> {
    Ok(Activity {
        id: row.get(0)?,
        kind: row.get(1)?,
        title: row.get(2)?,
        description: row.get(3)?,
        site_id: row.get(4)?,
        location: row.get(5)?,
        start: get_ts(row, 6)?,
        end: get_ts(row, 7)?,
        timezone: row.get(8)?,
        all_day: row.get(9)?,
        status: row.get(10)?,
        organizer_id: row.get(11)?,
        uid: row.get(12)?,
        sequence: row.get(13)?,
        half_day: row.get(14)?,
        capacity: row.get(15)?,
        series_id: row.get(16)?,
        goals: row.get(17)?,
        created_at: get_ts(row, 18)?,
        updated_at: get_ts(row, 19)?,
    })
}

/// One activity by id.
pub fn get(conn: &Connection, id: Id) -> Result<Activity> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM activities WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        entity: "activity",
        id: id.to_string(),
    })
}

/// Activities overlapping `[from, to)`, by start.
pub fn list_between(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Activity>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM activities WHERE start_at < ?2 AND end_at > ?1 ORDER BY start_at, id"
    ))?;
    let rows = stmt.query_map(params![ts(from), ts(to)], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The participations of one activity.
pub fn participations(conn: &Connection, activity_id: Id) -> Result<Vec<Participation>> {
    let mut stmt = conn.prepare(
        "SELECT id, activity_id, person_id, role, status, changed_at FROM participations
         WHERE activity_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([activity_id], |row| {
        Ok(Participation {
            id: row.get(0)?,
            activity_id: row.get(1)?,
            person_id: row.get(2)?,
            role: row.get(3)?,
            status: row.get(4)?,
            changed_at: get_ts(row, 5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Counts per kind, for summaries and tests.
pub fn count_by_kind(conn: &Connection) -> Result<Vec<(ActivityKind, i64)>> {
    let mut stmt =
        conn.prepare("SELECT kind, count(*) FROM activities GROUP BY kind ORDER BY kind")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Inserts one activity with its participants, audited.
pub fn insert(
    tx: &Tx<'_>,
    new: &NewActivity,
    participants: &[(Id, Role, ParticipationStatus)],
) -> Result<Activity> {
    let id = {
        let mut bulk = Bulk::new(tx)?;
        let id = bulk.activity(new, tx.now())?;
        for &(person, role, status) in participants {
            bulk.participation(id, person, role, status, tx.now())?;
        }
        id
    };
    let activity = get(tx, id)?;
    tx.audit("activity", id, "create", None::<&Activity>, Some(&activity))?;
    Ok(activity)
}

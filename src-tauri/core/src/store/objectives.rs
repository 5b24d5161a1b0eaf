//! The `objectives` table (every write audited under entity `objective`), and the one read objectives need that the
//! report SQL does not give: the activities of a kind in a range, with the team of a brief's series, so that an
//! occurrence nobody attended is still counted (participations alone would miss it).

use super::{day, get_day, get_ts, ts, Tx};
use crate::error::{Error, Result};
use crate::model::{ActivityKind, ActivityStatus, Id, Objective, ObjectiveInput};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str =
    "id, title, department, metric, target, cadence, active_from, active_to, created_at, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Objective> {
    let active_to: Option<String> = r.get(7)?;
    Ok(Objective {
        id: r.get(0)?,
        title: r.get(1)?,
        department: r.get(2)?,
        metric: r.get(3)?,
        target: r.get(4)?,
        cadence: r.get(5)?,
        active_from: get_day(r, 6)?,
        active_to: match active_to {
            Some(_) => Some(get_day(r, 7)?),
            None => None,
        },
        created_at: get_ts(r, 8)?,
        updated_at: get_ts(r, 9)?,
    })
}

/// One objective by id.
pub fn get(conn: &Connection, id: Id) -> Result<Objective> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM objectives WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        entity: "objective",
        id: id.to_string(),
    })
}

/// Every objective, by department, then title, then id.
pub fn list(conn: &Connection) -> Result<Vec<Objective>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM objectives ORDER BY department, title COLLATE NOCASE, id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Inserts a validated objective.
pub fn insert(tx: &Tx<'_>, input: &ObjectiveInput) -> Result<Objective> {
    tx.execute(
        "INSERT INTO objectives (title, department, metric, target, cadence, active_from, active_to, created_at,
                                 updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![
            input.title,
            input.department,
            input.metric,
            input.target,
            input.cadence,
            day(input.active_from),
            input.active_to.map(day),
            ts(tx.now())
        ],
    )?;
    let objective = get(tx, tx.last_insert_rowid())?;
    tx.audit(
        "objective",
        objective.id,
        "create",
        None::<&Objective>,
        Some(&objective),
    )?;
    Ok(objective)
}

/// Replaces an objective's fields.
pub fn update(tx: &Tx<'_>, id: Id, input: &ObjectiveInput) -> Result<Objective> {
    let before = get(tx, id)?;
    tx.execute(
        "UPDATE objectives SET title = ?2, department = ?3, metric = ?4, target = ?5, cadence = ?6, active_from = ?7,
                               active_to = ?8, updated_at = ?9
         WHERE id = ?1",
        params![
            id,
            input.title,
            input.department,
            input.metric,
            input.target,
            input.cadence,
            day(input.active_from),
            input.active_to.map(day),
            ts(tx.now())
        ],
    )?;
    let after = get(tx, id)?;
    tx.audit("objective", id, "update", Some(&before), Some(&after))?;
    Ok(after)
}

/// Deletes an objective (nothing refers to one); returns what was deleted, so the caller can offer Undo.
pub fn delete(tx: &Tx<'_>, id: Id) -> Result<Objective> {
    let before = get(tx, id)?;
    tx.execute("DELETE FROM objectives WHERE id = ?1", [id])?;
    tx.audit("objective", id, "delete", Some(&before), None::<&Objective>)?;
    Ok(before)
}

/// A non-cancelled activity as objectives count it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// The activity.
    pub id: Id,
    /// Its title.
    pub title: String,
    /// Its start.
    pub start: DateTime<Utc>,
    /// The zone it is planned in.
    pub zone: String,
    /// Its status (never `cancelled`).
    pub status: ActivityStatus,
    /// The team of its brief series (briefs only; empty otherwise).
    pub team: String,
}

/// Every non-cancelled activity of `kind` starting in `[lo, hi)` (UTC), by start.
pub fn occurrences(
    conn: &Connection,
    kind: ActivityKind,
    lo: DateTime<Utc>,
    hi: DateTime<Utc>,
) -> Result<Vec<Occurrence>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.title, a.start_at, a.timezone, a.status, coalesce(s.team, '')
         FROM activities a LEFT JOIN series s ON s.id = a.series_id
         WHERE a.kind = ?1 AND a.start_at >= ?2 AND a.start_at < ?3 AND a.status != 'cancelled'
         ORDER BY a.start_at, a.id",
    )?;
    let rows = stmt.query_map(params![kind, ts(lo), ts(hi)], |r| {
        Ok(Occurrence {
            id: r.get(0)?,
            title: r.get(1)?,
            start: get_ts(r, 2)?,
            zone: r.get(3)?,
            status: r.get(4)?,
            team: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

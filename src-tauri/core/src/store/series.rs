//! The `series` table: a sales team's recurring brief. Its occurrences live in `activities` (kind `brief`,
//! `series_id` set). Writes are audited under entity `series`.

use super::{get_day, get_ts, ts, Tx};
use crate::error::{Error, Result};
use crate::model::{Id, Series};
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str =
    "id, title, team, site_id, location, rrule, first_day, local_start, duration_minutes, timezone,
    exdates, uid, sequence, created_at, updated_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Series> {
    let exdates: String = row.get(10)?;
    Ok(Series {
        id: row.get(0)?,
        title: row.get(1)?,
        team: row.get(2)?,
        site_id: row.get(3)?,
        location: row.get(4)?,
        rrule: row.get(5)?,
        first_day: get_day(row, 6)?,
        local_start: row.get(7)?,
        duration_minutes: row.get(8)?,
        timezone: row.get(9)?,
        exdates: serde_json::from_str(&exdates).unwrap_or_default(),
        uid: row.get(11)?,
        sequence: row.get(12)?,
        created_at: get_ts(row, 13)?,
        updated_at: get_ts(row, 14)?,
    })
}

/// One series by id.
pub fn get(conn: &Connection, id: Id) -> Result<Series> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM series WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        entity: "series",
        id: id.to_string(),
    })
}

/// All series, by team.
pub fn list(conn: &Connection) -> Result<Vec<Series>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM series ORDER BY team, id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Inserts a series (fields already validated); returns it.
pub fn insert(tx: &Tx<'_>, s: &Series) -> Result<Series> {
    tx.execute(
        "INSERT INTO series (title, team, site_id, location, rrule, first_day, local_start, duration_minutes, timezone,
            exdates, uid, sequence, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0, ?12, ?12)",
        params![
            s.title,
            s.team,
            s.site_id,
            s.location,
            s.rrule,
            super::day(s.first_day),
            s.local_start,
            s.duration_minutes,
            s.timezone,
            serde_json::to_string(&s.exdates).unwrap_or_else(|_| "[]".into()),
            s.uid,
            ts(tx.now())
        ],
    )?;
    let created = get(tx, tx.last_insert_rowid())?;
    tx.audit(
        "series",
        created.id,
        "create",
        None::<&Series>,
        Some(&created),
    )?;
    Ok(created)
}

/// Replaces a series' rule, time, place and exceptions, bumping its SEQUENCE.
pub fn update(tx: &Tx<'_>, s: &Series) -> Result<Series> {
    let before = get(tx, s.id)?;
    tx.execute(
        "UPDATE series SET title = ?2, team = ?3, site_id = ?4, location = ?5, rrule = ?6, first_day = ?7,
            local_start = ?8, duration_minutes = ?9, timezone = ?10, exdates = ?11, sequence = sequence + 1,
            updated_at = ?12
         WHERE id = ?1",
        params![
            s.id,
            s.title,
            s.team,
            s.site_id,
            s.location,
            s.rrule,
            super::day(s.first_day),
            s.local_start,
            s.duration_minutes,
            s.timezone,
            serde_json::to_string(&s.exdates).unwrap_or_else(|_| "[]".into()),
            ts(tx.now())
        ],
    )?;
    let after = get(tx, s.id)?;
    tx.audit("series", s.id, "update", Some(&before), Some(&after))?;
    Ok(after)
}

//! The `absences` table: a person's days away, or company holidays (no person). Days are inclusive. Writes are
//! audited under entity `absence`.

use super::{day, get_day, ts, Tx};
use crate::error::{Error, Result};
use crate::model::{Absence, AbsenceSource, Id};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "id, person_id, first_day, last_day, reason, source";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Absence> {
    Ok(Absence {
        id: row.get(0)?,
        person_id: row.get(1)?,
        first_day: get_day(row, 2)?,
        last_day: get_day(row, 3)?,
        reason: row.get(4)?,
        source: row.get(5)?,
    })
}

/// One absence by id.
pub fn get(conn: &Connection, id: Id) -> Result<Absence> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM absences WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        entity: "absence",
        id: id.to_string(),
    })
}

/// The absences of `person` (and the company holidays) touching `[first, last]`.
pub fn overlapping(
    conn: &Connection,
    person: Id,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<Absence>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM absences
         WHERE (person_id = ?1 OR person_id IS NULL) AND first_day <= ?3 AND last_day >= ?2
         ORDER BY first_day, id"
    ))?;
    let rows = stmt.query_map(params![person, day(first), day(last)], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Company holidays touching `[first, last]`.
pub fn holidays(conn: &Connection, first: NaiveDate, last: NaiveDate) -> Result<Vec<Absence>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM absences WHERE person_id IS NULL AND first_day <= ?2 AND last_day >= ?1
         ORDER BY first_day, id"
    ))?;
    let rows = stmt.query_map(params![day(first), day(last)], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// All absences touching `[first, last]`, holidays included.
pub fn between(conn: &Connection, first: NaiveDate, last: NaiveDate) -> Result<Vec<Absence>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM absences WHERE first_day <= ?2 AND last_day >= ?1 ORDER BY first_day, id"
    ))?;
    let rows = stmt.query_map(params![day(first), day(last)], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Inserts an absence.
pub fn insert(
    tx: &Tx<'_>,
    person: Option<Id>,
    first: NaiveDate,
    last: NaiveDate,
    reason: &str,
    source: AbsenceSource,
) -> Result<Absence> {
    tx.execute(
        "INSERT INTO absences (person_id, first_day, last_day, reason, source, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![person, day(first), day(last), reason, source, ts(tx.now())],
    )?;
    let absence = get(tx, tx.last_insert_rowid())?;
    tx.audit(
        "absence",
        absence.id,
        "create",
        None::<&Absence>,
        Some(&absence),
    )?;
    Ok(absence)
}

/// Deletes an absence.
pub fn delete(tx: &Tx<'_>, id: Id) -> Result<()> {
    let before = get(tx, id)?;
    tx.execute("DELETE FROM absences WHERE id = ?1", [id])?;
    tx.audit("absence", id, "delete", Some(&before), None::<&Absence>)?;
    Ok(())
}

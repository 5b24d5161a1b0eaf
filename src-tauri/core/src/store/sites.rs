//! The `sites` table. Every write is audited under entity `site`.

use super::{ts, Tx};
use crate::error::{Error, Result};
use crate::model::{Id, Site, SiteInput, SiteRow};
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "id, name, timezone, seats, is_crc";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Site> {
    Ok(Site {
        id: row.get(0)?,
        name: row.get(1)?,
        timezone: row.get(2)?,
        seats: row.get(3)?,
        is_crc: row.get(4)?,
    })
}

/// One site by id.
pub fn get(conn: &Connection, id: Id) -> Result<Site> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM sites WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        entity: "site",
        id: id.to_string(),
    })
}

/// The site with this name (case-insensitive), if any.
pub fn find_by_name(conn: &Connection, name: &str) -> Result<Option<Site>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM sites WHERE name = ?1"),
            [name],
            from_row,
        )
        .optional()?)
}

/// All sites by name, with their people counts.
pub fn list(conn: &Connection) -> Result<Vec<SiteRow>> {
    let mut stmt = conn.prepare(
        "SELECT s.id, s.name, s.timezone, s.seats, s.is_crc,
                (SELECT count(*) FROM people p WHERE p.site_id = s.id)
         FROM sites s ORDER BY s.name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(SiteRow {
            id: row.get(0)?,
            name: row.get(1)?,
            timezone: row.get(2)?,
            seats: row.get(3)?,
            is_crc: row.get(4)?,
            people_count: row.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Inserts a validated site.
pub fn insert(tx: &Tx<'_>, input: &SiteInput) -> Result<Site> {
    let now = ts(tx.now());
    tx.execute(
        "INSERT INTO sites (name, timezone, seats, is_crc, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![input.name, input.timezone, input.seats, input.is_crc, now],
    )?;
    let site = get(tx, tx.last_insert_rowid())?;
    tx.audit("site", site.id, "create", None::<&Site>, Some(&site))?;
    Ok(site)
}

/// Replaces a site's fields.
pub fn update(tx: &Tx<'_>, id: Id, input: &SiteInput) -> Result<Site> {
    let before = get(tx, id)?;
    tx.execute(
        "UPDATE sites SET name = ?2, timezone = ?3, seats = ?4, is_crc = ?5, updated_at = ?6 WHERE id = ?1",
        params![id, input.name, input.timezone, input.seats, input.is_crc, ts(tx.now())],
    )?;
    let after = get(tx, id)?;
    tx.audit("site", id, "update", Some(&before), Some(&after))?;
    Ok(after)
}

/// How many people and activities refer to a site.
pub fn usage(conn: &Connection, id: Id) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM people WHERE site_id = ?1),
                (SELECT count(*) FROM activities WHERE site_id = ?1)
                + (SELECT count(*) FROM series WHERE site_id = ?1)",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Deletes an unused site (the caller checks [`usage`] first; foreign keys refuse otherwise).
pub fn delete(tx: &Tx<'_>, id: Id) -> Result<()> {
    let before = get(tx, id)?;
    tx.execute("DELETE FROM sites WHERE id = ?1", [id])?;
    tx.audit("site", id, "delete", Some(&before), None::<&Site>)?;
    Ok(())
}

//! Reading the `audit` table (writing is [`super::Tx::audit`], inside each change's own transaction).

use super::get_ts;
use crate::error::Result;
use crate::model::{AuditEntry, Id};
use rusqlite::{params, Connection};

/// The audit entries of one entity, oldest first.
pub fn for_entity(conn: &Connection, entity: &str, entity_id: Id) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, entity, entity_id, action, before, after FROM audit
         WHERE entity = ?1 AND entity_id = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![entity, entity_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    let json = |idx: usize| -> rusqlite::Result<Option<serde_json::Value>> {
        let text: Option<String> = row.get(idx)?;
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
    };
    Ok(AuditEntry {
        id: row.get(0)?,
        at: get_ts(row, 1)?,
        actor: row.get(2)?,
        entity: row.get(3)?,
        entity_id: row.get(4)?,
        action: row.get(5)?,
        before: json(6)?,
        after: json(7)?,
    })
}

/// One audit entry by id, if present.
pub fn by_id(conn: &Connection, id: Id) -> Result<Option<AuditEntry>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT id, at, actor, entity, entity_id, action, before, after FROM audit WHERE id = ?1",
            [id],
            from_row,
        )
        .optional()?)
}

/// Total number of audit entries.
pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM audit", [], |r| r.get(0))?)
}

/// The next free id for an entity that has no table of its own (e.g. `import`): one more than the largest used.
pub fn next_entity_id(conn: &Connection, entity: &str) -> Result<Id> {
    Ok(conn.query_row(
        "SELECT coalesce(max(entity_id), 0) + 1 FROM audit WHERE entity = ?1",
        [entity],
        |r| r.get(0),
    )?)
}

/// The ids of the `entity` records changed by any audit entry newer than entry `after_id`.
pub fn changed_after(conn: &Connection, entity: &str, after_id: Id) -> Result<Vec<Id>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT entity_id FROM audit WHERE entity = ?1 AND id > ?2 ORDER BY entity_id",
    )?;
    let rows = stmt.query_map(params![entity, after_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

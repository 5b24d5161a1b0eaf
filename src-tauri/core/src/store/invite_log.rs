//! The `invite_log` table: for each (activity, person), the SEQUENCE and METHOD of the last invite exported to them.
//!
//! It is what makes "only what changed since the last export" and per-attendee CANCELs possible. Invariants: one row
//! per (activity, person), overwritten by each export that sends them something; rows are written by the export in
//! one transaction with that export's single audit entry (see `ops::invites`), never one audit entry per row.

use super::{get_ts, ts, Tx};
use crate::error::Result;
use crate::model::Id;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use std::collections::HashMap;

/// What was last sent to one person for one activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    /// SEQUENCE written in that file.
    pub sequence: i64,
    /// `true` for a CANCEL, `false` for a REQUEST.
    pub cancel: bool,
    /// When it was exported.
    pub at: DateTime<Utc>,
}

/// The whole log, keyed by (activity, person).
pub fn all(conn: &Connection) -> Result<HashMap<(Id, Id), Sent>> {
    let mut stmt = conn
        .prepare("SELECT activity_id, person_id, sequence, method, exported_at FROM invite_log")?;
    let rows = stmt.query_map([], |r| {
        let method: String = r.get(3)?;
        Ok((
            (r.get(0)?, r.get(1)?),
            Sent {
                sequence: r.get(2)?,
                cancel: method == "CANCEL",
                at: get_ts(r, 4)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The entries of one activity, keyed by person.
pub fn for_activity(conn: &Connection, activity: Id) -> Result<HashMap<Id, Sent>> {
    let mut stmt = conn.prepare(
        "SELECT person_id, sequence, method, exported_at FROM invite_log WHERE activity_id = ?1",
    )?;
    let rows = stmt.query_map([activity], |r| {
        let method: String = r.get(2)?;
        Ok((
            r.get(0)?,
            Sent {
                sequence: r.get(1)?,
                cancel: method == "CANCEL",
                at: get_ts(r, 3)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records what an export sent, at the transaction's `now`: `(activity, person, sequence, cancel)` rows.
pub fn record(tx: &Tx<'_>, sent: &[(Id, Id, i64, bool)]) -> Result<()> {
    let mut stmt = tx.prepare(
        "INSERT INTO invite_log (activity_id, person_id, sequence, method, exported_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (activity_id, person_id)
         DO UPDATE SET sequence = ?3, method = ?4, exported_at = ?5",
    )?;
    let now = ts(tx.now());
    for &(activity, person, sequence, cancel) in sent {
        stmt.execute(params![
            activity,
            person,
            sequence,
            if cancel { "CANCEL" } else { "REQUEST" },
            now
        ])?;
    }
    Ok(())
}

//! The SQL of privacy (`ops::privacy`): counting and rewriting what anonymising a person changes, picking retention
//! candidates, scanning the schema for free-text columns, and reading the access export.
//!
//! Invariants:
//! - every function about one person takes their id as `?1`; those about the future also take `now` (store text) as
//!   `?2`, and "future" means the same thing for counting and cancelling ([`future_filter`]), so an erasure preview
//!   counts exactly what the erasure then cancels;
//! - nothing here writes an audit entry: the caller (inside a [`crate::store::Tx`]) audits the whole anonymisation;
//! - table and column names put into SQL text only ever come from the schema itself ([`tables_and_columns`]), never
//!   from input.

use crate::error::Result;
use crate::model::{Id, Role};
use crate::store::get_ts;
use crate::store::participations::NOT_COMING;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;

/// The `FROM … WHERE …` of `?1`'s participations not yet started at `?2` that still count (not refused or cancelled,
/// in an activity neither cancelled nor done).
fn future_filter(select: &str) -> String {
    format!(
        "{select} FROM participations WHERE person_id = ?1 AND start_at > ?2 AND status NOT IN {NOT_COMING}
           AND activity_status NOT IN ('cancelled', 'done')"
    )
}

fn count_of(conn: &Connection, sql: &str, person: Id) -> Result<i64> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row([person], |r| r.get(0))?)
}

/// Participations of `person`, any status.
pub fn count_participations(conn: &Connection, person: Id) -> Result<i64> {
    count_of(
        conn,
        "SELECT count(*) FROM participations WHERE person_id = ?1",
        person,
    )
}

/// Participations of `person` not yet started at `now` that anonymisation cancels (see [`future_participations`]).
pub fn count_future_participations(conn: &Connection, person: Id, now: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached(&future_filter("SELECT count(*)"))?
        .query_row(params![person, now], |r| r.get(0))?)
}

/// Debriefs written by `person`.
pub fn count_debriefs(conn: &Connection, person: Id) -> Result<i64> {
    count_of(
        conn,
        "SELECT count(*) FROM debriefs WHERE person_id = ?1",
        person,
    )
}

/// Absences of `person`.
pub fn count_absences(conn: &Connection, person: Id) -> Result<i64> {
    count_of(
        conn,
        "SELECT count(*) FROM absences WHERE person_id = ?1",
        person,
    )
}

/// Absences of `person` with a non-empty reason (those [`clear_absence_reasons`] clears).
pub fn count_absence_reasons(conn: &Connection, person: Id) -> Result<i64> {
    count_of(
        conn,
        "SELECT count(*) FROM absences WHERE person_id = ?1 AND reason != ''",
        person,
    )
}

/// Invite log rows of `person` (those [`delete_invite_log`] drops).
pub fn count_invite_log(conn: &Connection, person: Id) -> Result<i64> {
    count_of(
        conn,
        "SELECT count(*) FROM invite_log WHERE person_id = ?1",
        person,
    )
}

/// Rewrites `person`'s own row: pseudonymous name and email, no manager, inactive, `anonymised_at` and `updated_at`
/// set to `now`.
pub fn anonymise_person_row(
    conn: &Connection,
    person: Id,
    name: &str,
    email: &str,
    now: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE people SET full_name = ?2, email = ?3, manager_id = NULL, active = 0, anonymised_at = ?4,
                updated_at = ?4
         WHERE id = ?1",
        params![person, name, email, now],
    )?;
    Ok(())
}

/// Clears the reasons of `person`'s absences (the days stay).
pub fn clear_absence_reasons(conn: &Connection, person: Id) -> Result<()> {
    conn.execute(
        "UPDATE absences SET reason = '' WHERE person_id = ?1 AND reason != ''",
        [person],
    )?;
    Ok(())
}

/// The (activity, role) of `person`'s participations not yet started at `now` that still count.
pub fn future_participations(conn: &Connection, person: Id, now: &str) -> Result<Vec<(Id, Role)>> {
    let mut stmt = conn.prepare_cached(&future_filter("SELECT activity_id, role"))?;
    let rows = stmt.query_map(params![person, now], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Bumps `activity`'s calendar sequence (its roster changed), stamping `updated_at` with `now`.
pub fn bump_activity_sequence(conn: &Connection, activity: Id, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE activities SET sequence = sequence + 1, updated_at = ?2 WHERE id = ?1",
        params![activity, now],
    )?;
    Ok(())
}

/// Drops `person`'s invite log rows.
pub fn delete_invite_log(conn: &Connection, person: Id) -> Result<()> {
    conn.execute("DELETE FROM invite_log WHERE person_id = ?1", [person])?;
    Ok(())
}

/// The ids, ascending, of inactive, not yet anonymised people whose record changed before `cutoff` (store text) and
/// who have no participation ending at or after it.
pub fn retention_candidates(conn: &Connection, cutoff: &str) -> Result<Vec<Id>> {
    let mut stmt = conn.prepare(
        "SELECT p.id FROM people p
         WHERE p.active = 0 AND p.anonymised_at IS NULL AND p.updated_at < ?1
           AND NOT EXISTS (SELECT 1 FROM participations x WHERE x.person_id = p.id AND x.end_at >= ?1)
         ORDER BY p.id",
    )?;
    let rows = stmt.query_map([cutoff], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A table's name and its columns as (name, declared type).
pub type TableColumns = (String, Vec<(String, String)>);

/// Every table but SQLite's own and `people`, by name, with its columns as (name, declared type).
pub fn tables_and_columns(conn: &Connection) -> Result<Vec<TableColumns>> {
    let tables: Vec<String> = {
        let mut stmt = conn.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
               AND name != 'people' ORDER BY name",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut out = Vec::with_capacity(tables.len());
    for table in tables {
        let mut stmt = conn.prepare("SELECT name, type FROM pragma_table_info(?1)")?;
        let cols: Vec<(String, String)> = stmt
            .query_map([&table], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        out.push((table, cols));
    }
    Ok(out)
}

/// Sets one text cell, `table`.`column` of row `rowid`, to `text`. Both names must come from
/// [`tables_and_columns`].
pub fn set_text_cell(
    conn: &Connection,
    table: &str,
    column: &str,
    rowid: i64,
    text: &str,
) -> Result<()> {
    conn.prepare_cached(&format!(
        "UPDATE \"{table}\" SET \"{column}\" = ?1 WHERE rowid = ?2"
    ))?
    .execute(params![text, rowid])?;
    Ok(())
}

/// A debrief as the person wrote it (access export).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DebriefRow {
    pub id: Id,
    pub activity_id: Id,
    pub rating: i64,
    pub learned: String,
    pub customer_needs: String,
    pub offer_feedback: String,
    pub offer_tag: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One invite log row: what was last sent to a person for an activity (access export).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InviteSent {
    pub activity_id: Id,
    pub sequence: i64,
    pub method: String,
    pub exported_at: DateTime<Utc>,
}

/// `person`'s debriefs, by id.
pub fn debriefs_of(conn: &Connection, person: Id) -> Result<Vec<DebriefRow>> {
    let mut stmt = conn.prepare(
        "SELECT id, activity_id, rating, learned, customer_needs, offer_feedback, offer_tag, created_at, updated_at
         FROM debriefs WHERE person_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([person], |r| {
        Ok(DebriefRow {
            id: r.get(0)?,
            activity_id: r.get(1)?,
            rating: r.get(2)?,
            learned: r.get(3)?,
            customer_needs: r.get(4)?,
            offer_feedback: r.get(5)?,
            offer_tag: r.get(6)?,
            created_at: get_ts(r, 7)?,
            updated_at: get_ts(r, 8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn ids(conn: &Connection, sql: &str, person: Id) -> Result<Vec<Id>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([person], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The ids of `person`'s absences, by first day then id.
pub fn absence_ids_of(conn: &Connection, person: Id) -> Result<Vec<Id>> {
    ids(
        conn,
        "SELECT id FROM absences WHERE person_id = ?1 ORDER BY first_day, id",
        person,
    )
}

/// The ids, ascending, of the audit entries about `person`: on their person record, participations, debriefs and
/// absences, plus those whose actor is their email (ASCII case ignored).
pub fn audit_ids_about(conn: &Connection, person: Id) -> Result<Vec<Id>> {
    ids(
        conn,
        "SELECT a.id FROM audit a JOIN people p ON p.id = ?1
         WHERE (a.entity = 'person' AND a.entity_id = ?1)
            OR (a.entity = 'participation' AND a.entity_id IN (SELECT id FROM participations WHERE person_id = ?1))
            OR (a.entity = 'debrief' AND a.entity_id IN (SELECT id FROM debriefs WHERE person_id = ?1))
            OR (a.entity = 'absence' AND a.entity_id IN (SELECT id FROM absences WHERE person_id = ?1))
            OR a.actor = p.email COLLATE NOCASE
         ORDER BY a.id",
        person,
    )
}

/// `person`'s invite log rows, by activity.
pub fn invites_of(conn: &Connection, person: Id) -> Result<Vec<InviteSent>> {
    let mut stmt = conn.prepare(
        "SELECT activity_id, sequence, method, exported_at FROM invite_log WHERE person_id = ?1 ORDER BY activity_id",
    )?;
    let rows = stmt.query_map([person], |r| {
        Ok(InviteSent {
            activity_id: r.get(0)?,
            sequence: r.get(1)?,
            method: r.get(2)?,
            exported_at: get_ts(r, 3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

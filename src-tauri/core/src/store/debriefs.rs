//! The `debriefs` table: one per (activity, person). Writes are audited under entity `debrief`. Reads join the
//! activity, the person and their participation so lists, pending debriefs and insights need no second query.
//!
//! Invariants: ranges are on the activity's UTC start (`[lo, hi)`), turning them into local days is the caller's job;
//! cancelled activities are never read as expecting a debrief.

use super::report::{fact, Fact};
use super::{get_ts, ts, Tx};
use crate::error::{Error, Result};
use crate::model::{ActivityKind, Debrief, DebriefInput, Department, Id, Role};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str =
    "d.id, d.activity_id, d.person_id, d.rating, d.learned, d.customer_needs, d.offer_feedback,
    d.offer_tag, d.created_at, d.updated_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Debrief> {
    Ok(Debrief {
        id: row.get(0)?,
        activity_id: row.get(1)?,
        person_id: row.get(2)?,
        rating: row.get(3)?,
        learned: row.get(4)?,
        customer_needs: row.get(5)?,
        offer_feedback: row.get(6)?,
        offer_tag: row.get(7)?,
        created_at: get_ts(row, 8)?,
        updated_at: get_ts(row, 9)?,
    })
}

/// One debrief by id.
pub fn get(conn: &Connection, id: Id) -> Result<Debrief> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM debriefs d WHERE d.id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        entity: "debrief",
        id: id.to_string(),
    })
}

/// The debrief of `person` on `activity`, if any.
pub fn find(conn: &Connection, activity: Id, person: Id) -> Result<Option<Debrief>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM debriefs d WHERE d.activity_id = ?1 AND d.person_id = ?2"
            ),
            params![activity, person],
            from_row,
        )
        .optional()?)
}

/// Every offer tag in use with its number of debriefs, most used first (then by spelling).
pub fn tags(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT offer_tag, count(*) AS n FROM debriefs WHERE offer_tag != ''
         GROUP BY offer_tag ORDER BY n DESC, offer_tag",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Writes the debrief of (activity, person) as of `at`, without an audit entry: for generators that write many rows in
/// one transaction and audit the batch once (see `store::bulk`). `created_at` is kept on a replace.
pub fn write(conn: &Connection, d: &DebriefInput, at: DateTime<Utc>) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO debriefs (activity_id, person_id, rating, learned, customer_needs, offer_feedback, offer_tag,
            created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
         ON CONFLICT (activity_id, person_id) DO UPDATE SET rating = ?3, learned = ?4, customer_needs = ?5,
            offer_feedback = ?6, offer_tag = ?7, updated_at = ?8",
    )?
    .execute(params![
        d.activity_id,
        d.person_id,
        d.rating,
        d.learned,
        d.customer_needs,
        d.offer_feedback,
        d.offer_tag,
        ts(at)
    ])?;
    Ok(())
}

/// Creates or replaces the debrief of (activity, person); `created_at` is kept on a replace.
pub fn upsert(tx: &Tx<'_>, d: &DebriefInput) -> Result<Debrief> {
    let before = find(tx, d.activity_id, d.person_id)?;
    write(tx, d, tx.now())?;
    let after = find(tx, d.activity_id, d.person_id)?.ok_or(Error::NotFound {
        entity: "debrief",
        id: format!("{}/{}", d.activity_id, d.person_id),
    })?;
    let action = if before.is_some() { "update" } else { "create" };
    tx.audit("debrief", after.id, action, before.as_ref(), Some(&after))?;
    Ok(after)
}

/// Deletes a debrief.
pub fn delete(tx: &Tx<'_>, id: Id) -> Result<()> {
    let before = get(tx, id)?;
    tx.execute("DELETE FROM debriefs WHERE id = ?1", [id])?;
    tx.audit("debrief", id, "delete", Some(&before), None::<&Debrief>)?;
    Ok(())
}

/// A debrief with what lists show of its activity and person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    /// The debrief.
    pub debrief: Debrief,
    /// Activity kind.
    pub kind: ActivityKind,
    /// Activity title.
    pub title: String,
    /// Activity start.
    pub start: DateTime<Utc>,
    /// Activity zone.
    pub zone: String,
    /// Person's name.
    pub name: String,
    /// Person's team.
    pub team: String,
    /// Person's department.
    pub department: Department,
    /// Person's role on the activity, if still on it.
    pub role: Option<Role>,
}

/// Debriefs of activities starting in `[lo, hi)` (all when `None`), newest activity first.
pub fn joined(
    conn: &Connection,
    range: Option<(DateTime<Utc>, DateTime<Utc>)>,
    kind: Option<ActivityKind>,
    person: Option<Id>,
) -> Result<Vec<Joined>> {
    let (lo, hi) = range.map_or((None, None), |(lo, hi)| (Some(ts(lo)), Some(ts(hi))));
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, a.kind, a.title, a.start_at, a.timezone, pe.full_name, pe.team, pe.department, p.role
         FROM debriefs d JOIN activities a ON a.id = d.activity_id JOIN people pe ON pe.id = d.person_id
         LEFT JOIN participations p ON p.activity_id = d.activity_id AND p.person_id = d.person_id
         WHERE (?1 IS NULL OR a.start_at >= ?1) AND (?2 IS NULL OR a.start_at < ?2)
           AND (?3 IS NULL OR a.kind = ?3) AND (?4 IS NULL OR d.person_id = ?4)
         ORDER BY a.start_at DESC, a.id DESC, d.id"
    ))?;
    let rows = stmt.query_map(params![lo, hi, kind, person], |r| {
        Ok(Joined {
            debrief: from_row(r)?,
            kind: r.get(10)?,
            title: r.get(11)?,
            start: get_ts(r, 12)?,
            zone: r.get(13)?,
            name: r.get(14)?,
            team: r.get(15)?,
            department: r.get(16)?,
            role: r.get(17)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A participation of a debriefed role in a non-cancelled shadowing day or training, with its debrief id if one
/// was filled. Whether it took place is the caller's call (see [`super::report::took_place`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    /// The participation as reports read it.
    pub fact: Fact,
    /// Activity title.
    pub title: String,
    /// Person's name.
    pub name: String,
    /// Person's email.
    pub email: String,
    /// Person's team.
    pub team: String,
    /// Person's department.
    pub department: Department,
    /// The debrief, if filled.
    pub debrief: Option<Id>,
}

/// Participations of debriefed roles (see `crate::model::debriefs_role`) in non-cancelled shadowing days and
/// trainings starting in `[lo, hi)`, newest first.
pub fn expected(conn: &Connection, lo: DateTime<Utc>, hi: DateTime<Utc>) -> Result<Vec<Expected>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.activity_id, p.person_id, a.kind, p.role, a.status, p.status, a.start_at, a.timezone, a.title,
            pe.full_name, pe.email, pe.team, pe.department, d.id
         FROM activities a JOIN participations p ON p.activity_id = a.id JOIN people pe ON pe.id = p.person_id
         LEFT JOIN debriefs d ON d.activity_id = p.activity_id AND d.person_id = p.person_id
         WHERE a.start_at >= ?1 AND a.start_at < ?2 AND a.status != 'cancelled'
           AND ((a.kind = 'shadowing' AND p.role IN ('visitor', 'host'))
             OR (a.kind = 'training' AND p.role IN ('attendee', 'trainer')))
         ORDER BY a.start_at DESC, a.id DESC, p.id",
    )?;
    let rows = stmt.query_map(params![ts(lo), ts(hi)], |r| {
        Ok(Expected {
            fact: fact(r)?,
            title: r.get(8)?,
            name: r.get(9)?,
            email: r.get(10)?,
            team: r.get(11)?,
            department: r.get(12)?,
            debrief: r.get(13)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

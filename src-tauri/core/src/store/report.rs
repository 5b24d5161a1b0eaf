//! The SQL behind HR reports (`crate::report`): read-only, over `activities` joined with `participations`.
//!
//! Invariants:
//! - cancelled activities are excluded here, in every query, so no report can count one;
//! - a participation *took place* when its activity is not cancelled and either it is `attended`, or the activity
//!   is `done` and the participant had not said they would not come (`invited`, `accepted`, `tentative`). [`COUNTED`]
//!   is that rule in SQL (for the latest exchange of each person) and [`took_place`] the same rule in Rust (every
//!   other report classifies rows in Rust); the edge-case tests hold the two to the same answers;
//! - ranges are on the activity's UTC start (`[lo, hi)`); turning them into local days is the caller's job, because
//!   SQLite knows no time zones;
//! - a participation's `kind`, `activity_status`, `start_at` and `end_at` are its activity's, kept in step by the
//!   triggers of migrations 004 and 007, so [`scan`] needs no join.

use super::{get_ts, ts};
use crate::error::Result;
use crate::model::{ActivityKind, ActivityStatus, Department, Id, ParticipationStatus, Role};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

/// A participation that took place, in SQL (aliases `a` for the activity, `p` for the participation).
pub const COUNTED: &str = "(a.status != 'cancelled' AND (p.status = 'attended'
    OR (a.status = 'done' AND p.status IN ('invited', 'accepted', 'tentative'))))";

/// [`COUNTED`] in Rust.
pub fn took_place(activity: ActivityStatus, status: ParticipationStatus) -> bool {
    use ParticipationStatus as P;
    activity != ActivityStatus::Cancelled
        && (status == P::Attended
            || (activity == ActivityStatus::Done
                && matches!(status, P::Invited | P::Accepted | P::Tentative)))
}

/// One participation in a non-cancelled activity, as reports read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// The activity.
    pub activity_id: Id,
    /// The person.
    pub person_id: Id,
    /// The activity's kind.
    pub kind: ActivityKind,
    /// The person's role.
    pub role: Role,
    /// The activity's status (never `cancelled`).
    pub activity_status: ActivityStatus,
    /// The participation's status.
    pub status: ParticipationStatus,
    /// The activity's start.
    pub start: DateTime<Utc>,
    /// The zone the activity is planned in.
    pub zone: String,
}

/// The fields of one participation a report classifies: (person, kind, role, activity status, participation status).
pub type Row = (Id, ActivityKind, Role, ActivityStatus, ParticipationStatus);

/// Calls `f` for every participation in non-cancelled activities starting in `[lo, hi)` (UTC, store format), in no
/// particular order. Reports aggregate in Rust: with SQLite's GROUP BY, sorting the rows cost more than reading them.
/// It reads the activity's kind and status as copied onto each participation (index `participations_report`), not
/// through a join.
pub fn scan(conn: &Connection, lo: &str, hi: &str, mut f: impl FnMut(Row)) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT person_id, kind, role, activity_status, status FROM participations
         WHERE start_at >= ?1 AND start_at < ?2 AND activity_status != 'cancelled'",
    )?;
    let mut rows = stmt.query(params![lo, hi])?;
    while let Some(r) = rows.next()? {
        f((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?));
    }
    Ok(())
}

/// Report fields of everyone, active or not, in id order: (id, email, department, team, site name, active).
pub fn people(conn: &Connection) -> Result<Vec<ReportPerson>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.email, p.department, p.team, s.name, p.active
         FROM people p LEFT JOIN sites s ON s.id = p.site_id ORDER BY p.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(ReportPerson {
            id: r.get(0)?,
            email: r.get(1)?,
            department: r.get(2)?,
            team: r.get(3)?,
            site: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
            active: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What reports need of a person to group them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportPerson {
    /// Id.
    pub id: Id,
    /// Email.
    pub email: String,
    /// Department.
    pub department: Department,
    /// Team.
    pub team: String,
    /// Home site name; empty when none.
    pub site: String,
    /// Active flag.
    pub active: bool,
}

/// Every participation in non-cancelled activities starting in `[lo, hi)`, optionally of one kind, by start.
pub fn facts(
    conn: &Connection,
    lo: DateTime<Utc>,
    hi: DateTime<Utc>,
    kind: Option<ActivityKind>,
) -> Result<Vec<Fact>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, p.person_id, a.kind, p.role, a.status, p.status, a.start_at, a.timezone
         FROM activities a JOIN participations p ON p.activity_id = a.id
         WHERE a.start_at >= ?1 AND a.start_at < ?2 AND a.status != 'cancelled' AND (?3 IS NULL OR a.kind = ?3)
         ORDER BY a.start_at, a.id, p.id",
    )?;
    let rows = stmt.query_map(params![ts(lo), ts(hi), kind], fact)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Reads a [`Fact`] from columns 0–7: activity id, person id, kind, role, activity status, participation status,
/// start, zone.
pub(crate) fn fact(r: &rusqlite::Row<'_>) -> rusqlite::Result<Fact> {
    Ok(Fact {
        activity_id: r.get(0)?,
        person_id: r.get(1)?,
        kind: r.get(2)?,
        role: r.get(3)?,
        activity_status: r.get(4)?,
        status: r.get(5)?,
        start: get_ts(r, 6)?,
        zone: r.get(7)?,
    })
}

/// One line of a person's history, cancelled activities included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryLine {
    /// The participation as reports read it (its `activity_status` may be `cancelled` here).
    pub fact: Fact,
    /// The activity's title.
    pub title: String,
    /// The activity's end.
    pub end: DateTime<Utc>,
}

/// Everything one person took part in, cancelled or not, by start.
pub fn history(conn: &Connection, person: Id) -> Result<Vec<HistoryLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, p.person_id, a.kind, p.role, a.status, p.status, a.start_at, a.timezone, a.title, a.end_at
         FROM participations p JOIN activities a ON a.id = p.activity_id
         WHERE p.person_id = ?1 ORDER BY a.start_at, a.id",
    )?;
    let rows = stmt.query_map([person], |r| {
        Ok(HistoryLine {
            fact: fact(r)?,
            title: r.get(8)?,
            end: get_ts(r, 9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Each person's latest exchange (see `crate::report` for what counts), as (person, start, zone). People with none
/// are absent.
pub fn last_exchanges(conn: &Connection) -> Result<Vec<(Id, DateTime<Utc>, String)>> {
    // SQLite gives the bare columns of the row holding the max (here the zone of the latest activity).
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.person_id, max(a.start_at), a.timezone
         FROM participations p JOIN activities a ON a.id = p.activity_id JOIN people pe ON pe.id = p.person_id
         WHERE a.status != 'cancelled' AND {COUNTED}
           AND ((a.kind = 'shadowing' AND p.role IN ('visitor', 'host'))
             OR (a.kind IN ('training', 'colocation') AND p.role = 'attendee')
             OR (a.kind = 'brief' AND p.role = 'attendee' AND pe.department != 'sales'))
         GROUP BY p.person_id"
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, get_ts(r, 1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// `SELECT count(*) FROM participations`: the bare scan the report benchmark compares itself with.
pub fn participation_count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM participations", [], |r| r.get(0))?)
}

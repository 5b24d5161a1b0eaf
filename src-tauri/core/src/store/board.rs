//! The planning board's query: every activity in a window with the ids of the people in it, and nothing else. Names
//! and teams are already on the board's rows, so this stays a compact read of integers and short strings.

use super::{earliest_start, get_ts, ts};
use crate::error::Result;
use crate::model::{ActivityKind, ActivityStatus, HalfDay, Id, ParticipationStatus, Role};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// One person's place on a board item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BoardSeat {
    /// The person (a board row).
    pub person_id: Id,
    /// Their role.
    pub role: Role,
    /// Their status.
    pub status: ParticipationStatus,
}

/// An activity as the board draws it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BoardItem {
    /// Activity id.
    pub id: Id,
    /// Kind.
    pub kind: ActivityKind,
    /// Title.
    pub title: String,
    /// Start.
    pub start: DateTime<Utc>,
    /// End.
    pub end: DateTime<Utc>,
    /// Status.
    pub status: ActivityStatus,
    /// Whole day.
    pub all_day: bool,
    /// Shadowing half-day.
    pub half_day: Option<HalfDay>,
    /// Site.
    pub site_id: Option<Id>,
    /// The activity's IANA timezone.
    pub zone: String,
    /// Who is on it.
    pub seats: Vec<BoardSeat>,
}

/// Every activity overlapping `[from, to)`, cancelled ones included (the board greys them), by start.
pub fn items(conn: &Connection, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<BoardItem>> {
    let window = params![ts(from), ts(to), earliest_start(from)];
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, title, start_at, end_at, status, all_day, half_day, site_id, timezone FROM activities
         WHERE start_at >= ?3 AND start_at < ?2 AND end_at > ?1 ORDER BY start_at, id",
    )?;
    let mut items: Vec<BoardItem> = stmt
        .query_map(window, |r| {
            Ok(BoardItem {
                id: r.get(0)?,
                kind: r.get(1)?,
                title: r.get(2)?,
                start: get_ts(r, 3)?,
                end: get_ts(r, 4)?,
                status: r.get(5)?,
                all_day: r.get(6)?,
                half_day: r.get(7)?,
                site_id: r.get(8)?,
                zone: r.get(9)?,
                seats: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let index: HashMap<Id, usize> = items.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT p.activity_id, p.person_id, p.role, p.status FROM activities a
         JOIN participations p ON p.activity_id = a.id
         WHERE a.start_at >= ?3 AND a.start_at < ?2 AND a.end_at > ?1",
    )?;
    let mut rows = stmt.query(window)?;
    while let Some(r) = rows.next()? {
        let activity: Id = r.get(0)?;
        if let Some(&i) = index.get(&activity) {
            items[i].seats.push(BoardSeat {
                person_id: r.get(1)?,
                role: r.get(2)?,
                status: r.get(3)?,
            });
        }
    }
    Ok(items)
}

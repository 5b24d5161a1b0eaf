//! The `activities` and `participations` tables (a participation only exists with its activity).
//!
//! Single writes are audited under entity `activity`; batches go through [`super::bulk::Bulk`].

use super::bulk::Bulk;
use super::{get_ts, ts, Tx};
use crate::error::{Error, Result};
use crate::model::{
    Activity, ActivityKind, ActivityRecord, ActivityStatus, HalfDay, Id, Participation,
    ParticipationStatus, Role,
};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

/// An activity about to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewActivity {
    /// Kind.
    pub kind: ActivityKind,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Site.
    pub site_id: Option<Id>,
    /// Free-text location.
    pub location: String,
    /// Start instant.
    pub start: DateTime<Utc>,
    /// End instant (exclusive).
    pub end: DateTime<Utc>,
    /// IANA zone.
    pub timezone: String,
    /// Whole-day item.
    pub all_day: bool,
    /// Status.
    pub status: ActivityStatus,
    /// Organizer.
    pub organizer_id: Option<Id>,
    /// iCalendar UID, unique.
    pub uid: String,
    /// Shadowing half-day.
    pub half_day: Option<HalfDay>,
    /// Training capacity.
    pub capacity: Option<i32>,
    /// Brief series.
    pub series_id: Option<Id>,
    /// Goals.
    pub goals: String,
    /// Training mix rule: minimum % of marketing.
    pub mix_min_marketing: Option<i32>,
    /// Training mix rule: minimum % of sales.
    pub mix_min_sales: Option<i32>,
}

impl From<&Activity> for NewActivity {
    fn from(a: &Activity) -> Self {
        NewActivity {
            kind: a.kind,
            title: a.title.clone(),
            description: a.description.clone(),
            site_id: a.site_id,
            location: a.location.clone(),
            start: a.start,
            end: a.end,
            timezone: a.timezone.clone(),
            all_day: a.all_day,
            status: a.status,
            organizer_id: a.organizer_id,
            uid: a.uid.clone(),
            half_day: a.half_day,
            capacity: a.capacity,
            series_id: a.series_id,
            goals: a.goals.clone(),
            mix_min_marketing: a.mix_min_marketing,
            mix_min_sales: a.mix_min_sales,
        }
    }
}

const COLUMNS: &str =
    "id, kind, title, description, site_id, location, start_at, end_at, timezone, all_day, status,
    organizer_id, uid, sequence, half_day, capacity, series_id, goals, created_at, updated_at, mix_min_marketing,
    mix_min_sales";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Activity> {
    Ok(Activity {
        id: row.get(0)?,
        kind: row.get(1)?,
        title: row.get(2)?,
        description: row.get(3)?,
        site_id: row.get(4)?,
        location: row.get(5)?,
        start: get_ts(row, 6)?,
        end: get_ts(row, 7)?,
        timezone: row.get(8)?,
        all_day: row.get(9)?,
        status: row.get(10)?,
        organizer_id: row.get(11)?,
        uid: row.get(12)?,
        sequence: row.get(13)?,
        half_day: row.get(14)?,
        capacity: row.get(15)?,
        series_id: row.get(16)?,
        goals: row.get(17)?,
        created_at: get_ts(row, 18)?,
        updated_at: get_ts(row, 19)?,
        mix_min_marketing: row.get(20)?,
        mix_min_sales: row.get(21)?,
    })
}

/// One activity by id.
pub fn get(conn: &Connection, id: Id) -> Result<Activity> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM activities WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        entity: "activity",
        id: id.to_string(),
    })
}

/// The activity with this iCalendar UID, if any (RSVP replies name activities by UID).
pub fn find_by_uid(conn: &Connection, uid: &str) -> Result<Option<Activity>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM activities WHERE uid = ?1"),
            [uid],
            from_row,
        )
        .optional()?)
}

/// Activities overlapping `[from, to)`, by start.
pub fn list_between(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Activity>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM activities WHERE start_at >= ?3 AND start_at < ?2 AND end_at > ?1 ORDER BY start_at, id"
    ))?;
    let rows = stmt.query_map(
        params![ts(from), ts(to), super::earliest_start(from)],
        from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The participations of one activity.
pub fn participations(conn: &Connection, activity_id: Id) -> Result<Vec<Participation>> {
    let mut stmt = conn.prepare(
        "SELECT id, activity_id, person_id, role, status, changed_at FROM participations
         WHERE activity_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([activity_id], |row| {
        Ok(Participation {
            id: row.get(0)?,
            activity_id: row.get(1)?,
            person_id: row.get(2)?,
            role: row.get(3)?,
            status: row.get(4)?,
            changed_at: get_ts(row, 5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Counts per kind, for summaries and tests.
pub fn count_by_kind(conn: &Connection) -> Result<Vec<(ActivityKind, i64)>> {
    let mut stmt =
        conn.prepare("SELECT kind, count(*) FROM activities GROUP BY kind ORDER BY kind")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Inserts one activity with its participants, audited.
pub fn insert(
    tx: &Tx<'_>,
    new: &NewActivity,
    participants: &[(Id, Role, ParticipationStatus)],
) -> Result<Activity> {
    let id = {
        let mut bulk = Bulk::new(tx)?;
        let id = bulk.activity(new, tx.now())?;
        for &(person, role, status) in participants {
            bulk.participation(id, person, role, status, tx.now())?;
        }
        id
    };
    let activity = get(tx, id)?;
    tx.audit("activity", id, "create", None::<&Activity>, Some(&activity))?;
    Ok(activity)
}

/// Replaces an activity's fields (not its kind, uid or creation time); `bump` raises the SEQUENCE by one, for a change
/// calendar clients must see.
pub fn update(tx: &Tx<'_>, id: Id, new: &NewActivity, bump: bool) -> Result<Activity> {
    tx.execute(
        "UPDATE activities SET title = ?2, description = ?3, site_id = ?4, location = ?5, start_at = ?6, end_at = ?7,
            timezone = ?8, all_day = ?9, status = ?10, organizer_id = ?11, half_day = ?12, capacity = ?13,
            series_id = ?14, goals = ?15, mix_min_marketing = ?16, mix_min_sales = ?17,
            sequence = sequence + ?18, updated_at = ?19
         WHERE id = ?1",
        params![
            id,
            new.title,
            new.description,
            new.site_id,
            new.location,
            ts(new.start),
            ts(new.end),
            new.timezone,
            new.all_day,
            new.status,
            new.organizer_id,
            new.half_day,
            new.capacity,
            new.series_id,
            new.goals,
            new.mix_min_marketing,
            new.mix_min_sales,
            i32::from(bump),
            ts(tx.now())
        ],
    )?;
    get(tx, id)
}

/// What to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Activities ending after this instant.
    pub from: Option<DateTime<Utc>>,
    /// Activities starting before this instant.
    pub to: Option<DateTime<Utc>>,
    /// Only this kind.
    pub kind: Option<ActivityKind>,
    /// Only activities this person takes part in.
    pub person: Option<Id>,
}

/// Activities matching `filter`, by start, with site names and participants.
pub fn records(conn: &Connection, filter: &Filter) -> Result<Vec<ActivityRecord>> {
    let far_past = "0000-01-01T00:00:00Z".to_owned();
    let far_future = "9999-12-31T23:59:59Z".to_owned();
    let earliest = filter
        .from
        .map(super::earliest_start)
        .unwrap_or_else(|| far_past.clone());
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.kind, a.title, a.start_at, a.end_at, a.timezone, a.all_day, a.site_id, s.name, a.location,
                a.status, a.uid, a.sequence, a.half_day, a.capacity, a.series_id, a.description, a.goals,
                a.organizer_id, a.mix_min_marketing, a.mix_min_sales
         FROM activities a LEFT JOIN sites s ON s.id = a.site_id
         WHERE a.end_at > ?1 AND a.start_at < ?2 AND a.start_at >= ?5 AND (?3 IS NULL OR a.kind = ?3)
           AND (?4 IS NULL OR a.id IN (SELECT activity_id FROM participations WHERE person_id = ?4))
         ORDER BY a.start_at, a.id",
    )?;
    let rows = stmt.query_map(
        params![
            filter.from.map(ts).unwrap_or(far_past),
            filter.to.map(ts).unwrap_or(far_future),
            filter.kind,
            filter.person,
            earliest
        ],
        |r| {
            Ok(ActivityRecord {
                id: r.get(0)?,
                kind: r.get(1)?,
                title: r.get(2)?,
                start: get_ts(r, 3)?,
                end: get_ts(r, 4)?,
                zone: r.get(5)?,
                all_day: r.get(6)?,
                site_id: r.get(7)?,
                site: r.get(8)?,
                location: r.get(9)?,
                status: r.get(10)?,
                uid: r.get(11)?,
                sequence: r.get(12)?,
                half_day: r.get(13)?,
                capacity: r.get(14)?,
                series_id: r.get(15)?,
                description: r.get(16)?,
                goals: r.get(17)?,
                organizer_id: r.get(18)?,
                mix_min_marketing: r.get(19)?,
                mix_min_sales: r.get(20)?,
                participants: Vec::new(),
            })
        },
    )?;
    let mut records: Vec<ActivityRecord> = rows.collect::<rusqlite::Result<_>>()?;
    // One pass over the participants of every activity in the window, rather than one query per activity.
    let mut parts: std::collections::HashMap<Id, Vec<crate::model::ParticipantRecord>> =
        std::collections::HashMap::with_capacity(records.len());
    let mut stmt = conn.prepare_cached(
        "SELECT p.activity_id, p.person_id, pe.email, pe.full_name, pe.department, pe.team, p.role, p.status,
                p.changed_at
         FROM activities a JOIN participations p ON p.activity_id = a.id JOIN people pe ON pe.id = p.person_id
         WHERE a.end_at > ?1 AND a.start_at < ?2 AND a.start_at >= ?5 AND (?3 IS NULL OR a.kind = ?3)
           AND (?4 IS NULL OR a.id IN (SELECT activity_id FROM participations WHERE person_id = ?4))",
    )?;
    let far_past = "0000-01-01T00:00:00Z".to_owned();
    let mut rows = stmt.query(params![
        filter.from.map(ts).unwrap_or_else(|| far_past.clone()),
        filter
            .to
            .map(ts)
            .unwrap_or_else(|| "9999-12-31T23:59:59Z".to_owned()),
        filter.kind,
        filter.person,
        filter.from.map(super::earliest_start).unwrap_or(far_past)
    ])?;
    while let Some(r) = rows.next()? {
        parts
            .entry(r.get(0)?)
            .or_default()
            .push(crate::model::ParticipantRecord {
                person_id: r.get(1)?,
                email: r.get(2)?,
                name: r.get(3)?,
                department: r.get(4)?,
                team: r.get(5)?,
                role: r.get(6)?,
                status: r.get(7)?,
                changed_at: get_ts(r, 8)?,
            });
    }
    for record in &mut records {
        record.participants = parts.remove(&record.id).unwrap_or_default();
        // A stable, readable order: visitor and host first, then trainer, attendees by name.
        record
            .participants
            .sort_by(|a, b| (a.role, &a.name, a.person_id).cmp(&(b.role, &b.name, b.person_id)));
    }
    Ok(records)
}

/// Non-cancelled occurrences of a series starting after `after`, by start, at most `limit`.
pub fn of_series(
    conn: &Connection,
    series: Id,
    after: DateTime<Utc>,
    limit: usize,
) -> Result<Vec<Activity>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM activities WHERE series_id = ?1 AND start_at > ?2 AND status != 'cancelled'
         ORDER BY start_at, id LIMIT ?3"
    ))?;
    let rows = stmt.query_map(params![series, ts(after), limit as i64], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The latest non-cancelled occurrence of a series starting before `before`.
pub fn previous_of_series(
    conn: &Connection,
    series: Id,
    before: DateTime<Utc>,
) -> Result<Option<Activity>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM activities WHERE series_id = ?1 AND start_at < ?2 AND status != 'cancelled'
                 ORDER BY start_at DESC, id DESC LIMIT 1"
            ),
            params![series, ts(before)],
            from_row,
        )
        .optional()?)
}

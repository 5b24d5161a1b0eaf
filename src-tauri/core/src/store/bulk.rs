//! Prepared inserts for generating many rows in one transaction (the demo and scale generators).
//!
//! These writes are not audited row by row: the caller writes one audit entry for the whole batch, inside the same
//! transaction, so the batch and its record still stand or fall together.

use super::activities::NewActivity;
use super::{day, ts};
use crate::error::Result;
use crate::model::{Id, ParticipationStatus, PersonInput, Role, SiteInput};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, Statement};

/// A brief series about to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSeries<'a> {
    /// Title of every occurrence.
    pub title: &'a str,
    /// Sales team.
    pub team: &'a str,
    /// Site.
    pub site_id: Option<Id>,
    /// Room or link.
    pub location: &'a str,
    /// RFC 5545 RRULE value, e.g. `FREQ=WEEKLY;BYDAY=MO`.
    pub rrule: &'a str,
    /// First occurrence day.
    pub first_day: NaiveDate,
    /// Local start, `HH:MM`.
    pub local_start: &'a str,
    /// Length in minutes.
    pub duration_minutes: i32,
    /// IANA zone.
    pub timezone: &'a str,
    /// Days removed from the rule (`YYYY-MM-DD`).
    pub exdates: &'a [String],
    /// iCalendar UID of the series.
    pub uid: &'a str,
}

/// What a participation copies of its activity (see migration 007).
#[derive(Debug)]
struct Copied {
    id: Id,
    start: String,
    end: String,
    kind: &'static str,
    status: &'static str,
}

/// Prepared statements over one transaction's connection.
pub struct Bulk<'c> {
    activity: Statement<'c>,
    participation: Statement<'c>,
    conn: &'c Connection,
    /// The last activity inserted, with what its participations copy of it.
    last: Option<Copied>,
}

impl<'c> Bulk<'c> {
    /// Prepares the hot statements.
    pub fn new(conn: &'c Connection) -> Result<Self> {
        Ok(Bulk {
            activity: conn.prepare(
                "INSERT INTO activities (kind, title, description, site_id, location, start_at, end_at, timezone,
                    all_day, status, organizer_id, uid, sequence, half_day, capacity, series_id, goals,
                    created_at, updated_at, mix_min_marketing, mix_min_sales)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, ?13, ?14, ?15, ?16, ?17, ?17, ?18, ?19)",
            )?,
            participation: conn.prepare(
                "INSERT INTO participations (activity_id, person_id, role, status, changed_at, start_at, end_at,
                    kind, activity_status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?,
            conn,
            last: None,
        })
    }

    /// Inserts a validated site; returns its id.
    pub fn site(&mut self, s: &SiteInput, now: DateTime<Utc>) -> Result<Id> {
        self.conn.execute(
            "INSERT INTO sites (name, timezone, seats, is_crc, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![s.name, s.timezone, s.seats, s.is_crc, ts(now)],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Inserts a validated person; returns their id.
    pub fn person(&mut self, p: &PersonInput, now: DateTime<Utc>) -> Result<Id> {
        self.conn
            .prepare_cached(
                "INSERT INTO people (full_name, email, department, team, site_id, manager_id, active, created_at,
                    updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            )?
            .execute(params![p.full_name, p.email, p.department, p.team, p.site_id, p.manager_id, p.active, ts(now)])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Inserts an absence (`person: None` for a company holiday).
    pub fn absence(
        &mut self,
        person: Option<Id>,
        first: NaiveDate,
        last: NaiveDate,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<Id> {
        self.conn
            .prepare_cached(
                "INSERT INTO absences (person_id, first_day, last_day, reason, source, created_at)
                 VALUES (?1, ?2, ?3, ?4, 'manual', ?5)",
            )?
            .execute(params![person, day(first), day(last), reason, ts(now)])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Inserts a brief series; returns its id.
    pub fn series(&mut self, s: &NewSeries<'_>, now: DateTime<Utc>) -> Result<Id> {
        let exdates = serde_json::to_string(s.exdates).unwrap_or_else(|_| "[]".into());
        self.conn.execute(
            "INSERT INTO series (title, team, site_id, location, rrule, first_day, local_start, duration_minutes,
                timezone, exdates, uid, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
            params![
                s.title,
                s.team,
                s.site_id,
                s.location,
                s.rrule,
                day(s.first_day),
                s.local_start,
                s.duration_minutes,
                s.timezone,
                exdates,
                s.uid,
                ts(now)
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Inserts an activity; returns its id.
    pub fn activity(&mut self, a: &NewActivity, now: DateTime<Utc>) -> Result<Id> {
        self.activity.execute(params![
            a.kind,
            a.title,
            a.description,
            a.site_id,
            a.location,
            ts(a.start),
            ts(a.end),
            a.timezone,
            a.all_day,
            a.status,
            a.organizer_id,
            a.uid,
            a.half_day,
            a.capacity,
            a.series_id,
            a.goals,
            ts(now),
            a.mix_min_marketing,
            a.mix_min_sales
        ])?;
        let id = self.conn.last_insert_rowid();
        self.last = Some(Copied {
            id,
            start: ts(a.start),
            end: ts(a.end),
            kind: a.kind.as_str(),
            status: a.status.as_str(),
        });
        Ok(id)
    }

    /// Inserts a participation (its activity's times, kind and status are copied by hand for the activity just
    /// inserted, and by the insert trigger otherwise).
    pub fn participation(
        &mut self,
        activity_id: Id,
        person_id: Id,
        role: Role,
        status: ParticipationStatus,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let (start, end, kind, activity_status) = match &self.last {
            Some(c) if c.id == activity_id => (c.start.as_str(), c.end.as_str(), c.kind, c.status),
            _ => ("", "", "", ""),
        };
        self.participation.execute(params![
            activity_id,
            person_id,
            role,
            status,
            ts(now),
            start,
            end,
            kind,
            activity_status
        ])?;
        Ok(())
    }
}

//! A sales team's brief series. The rule is an RFC 5545 RRULE evaluated in the series' zone from `first_day` at
//! `local_start`, so a brief at 08:00 stays at 08:00 local across daylight-saving changes. Exception days (EXDATE)
//! are local dates.

use super::Id;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A stored series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Series {
    /// Database id.
    pub id: Id,
    /// Title of every occurrence, e.g. "Brief hebdo – Ventes Sud-Ouest".
    pub title: String,
    /// The sales team.
    pub team: String,
    /// Site, if not online.
    pub site_id: Option<Id>,
    /// Room or online link.
    pub location: String,
    /// RRULE value, e.g. `FREQ=WEEKLY;BYDAY=MO`.
    pub rrule: String,
    /// First day of the series.
    pub first_day: NaiveDate,
    /// Local start time, `HH:MM`.
    pub local_start: String,
    /// Length in minutes.
    pub duration_minutes: i32,
    /// IANA zone.
    pub timezone: String,
    /// Days removed from the rule.
    pub exdates: Vec<NaiveDate>,
    /// iCalendar UID of the series.
    pub uid: String,
    /// iCalendar SEQUENCE of the series.
    pub sequence: i32,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// A series as a form gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SeriesInput {
    /// Title; defaults to "Brief – <team>".
    pub title: String,
    /// Sales team.
    pub team: String,
    /// Site, if not online.
    pub site_id: Option<Id>,
    /// Room or online link.
    pub location: String,
    /// RRULE value.
    pub rrule: String,
    /// First day.
    pub first_day: NaiveDate,
    /// Local start, `HH:MM`.
    pub local_start: String,
    /// Length in minutes.
    pub duration_minutes: i32,
    /// IANA zone.
    pub timezone: String,
    /// Days removed from the rule.
    pub exdates: Vec<NaiveDate>,
}

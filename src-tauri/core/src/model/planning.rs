//! Inputs and views of planned activities: what a form, a drag or the CLI sends to create or change an activity, and
//! the activity with its people as lists, the calendar and the CLI show it.

use super::{ActivityKind, ActivityStatus, Department, HalfDay, Id, ParticipationStatus, Role};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One person's part in an activity being created or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ParticipantInput {
    /// The person.
    pub person_id: Id,
    /// Their role.
    pub role: Role,
    /// Their status; new invitees are usually `invited`.
    pub status: ParticipationStatus,
}

/// An activity as a form or a drag gives it.
///
/// For a shadowing day, `start` only gives the day: the half-day fixes the hours (see `schedule::halfday`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ActivityInput {
    /// Kind; cannot change after creation.
    pub kind: ActivityKind,
    /// Title; generated from the people when left empty for shadowing and co-location.
    pub title: String,
    /// Description.
    pub description: String,
    /// Site.
    pub site_id: Option<Id>,
    /// Room, address or link.
    pub location: String,
    /// Start instant.
    pub start: DateTime<Utc>,
    /// End instant, exclusive.
    pub end: DateTime<Utc>,
    /// IANA zone the activity is planned in.
    pub timezone: String,
    /// Whole-day item.
    pub all_day: bool,
    /// Lifecycle status.
    pub status: ActivityStatus,
    /// Organizer.
    pub organizer_id: Option<Id>,
    /// Shadowing: morning, afternoon or full day.
    pub half_day: Option<HalfDay>,
    /// Training: seats.
    pub capacity: Option<i32>,
    /// Training: minimum % of marketing.
    pub mix_min_marketing: Option<i32>,
    /// Training: minimum % of sales.
    pub mix_min_sales: Option<i32>,
    /// Brief: its series.
    pub series_id: Option<Id>,
    /// Goals.
    pub goals: String,
    /// Everyone taking part.
    pub participants: Vec<ParticipantInput>,
}

/// A participant as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ParticipantRecord {
    /// The person.
    pub person_id: Id,
    /// Their email.
    pub email: String,
    /// Their name.
    pub name: String,
    /// Their department.
    pub department: Department,
    /// Their team.
    pub team: String,
    /// Role.
    pub role: Role,
    /// Status.
    pub status: ParticipationStatus,
    /// When their status last changed (the waitlist's order).
    pub changed_at: DateTime<Utc>,
}

/// An activity with its site name and participants: the stable JSON of `unisson activity list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ActivityRecord {
    /// Database id.
    pub id: Id,
    /// Kind.
    pub kind: ActivityKind,
    /// Title.
    pub title: String,
    /// Start instant (UTC, RFC 3339).
    pub start: DateTime<Utc>,
    /// End instant, exclusive.
    pub end: DateTime<Utc>,
    /// IANA zone it is planned in.
    pub zone: String,
    /// Whole-day item.
    pub all_day: bool,
    /// Site id.
    pub site_id: Option<Id>,
    /// Site name.
    pub site: Option<String>,
    /// Room or address.
    pub location: String,
    /// Status.
    pub status: ActivityStatus,
    /// Stable iCalendar UID.
    pub uid: String,
    /// iCalendar SEQUENCE.
    pub sequence: i32,
    /// Shadowing half-day.
    pub half_day: Option<HalfDay>,
    /// Training capacity.
    pub capacity: Option<i32>,
    /// Brief series.
    pub series_id: Option<Id>,
    /// Longer description.
    pub description: String,
    /// Goals.
    pub goals: String,
    /// The organising manager.
    pub organizer_id: Option<Id>,
    /// Training mix rule: minimum % of marketing.
    pub mix_min_marketing: Option<i32>,
    /// Training mix rule: minimum % of sales.
    pub mix_min_sales: Option<i32>,
    /// Everyone taking part, cancelled ones included (history).
    pub participants: Vec<ParticipantRecord>,
}

//! Activities (the four kinds of exchange) and the people taking part in them.
//!
//! Invariants: `uid` is generated once and never changes; `sequence` only grows (it is bumped on every change of time,
//! place or attendees, for calendar clients); cancelled activities and participations are kept, never deleted, because
//! they are HR's history.

use super::text_enum::text_enum;
use super::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

text_enum! {
    /// The four kinds of exchange.
    ActivityKind {
        /// A "vis ma vie" day: a visitor spends a (half) day with a host.
        Shadowing => "shadowing",
        /// A joint marketing and sales training.
        Training => "training",
        /// One occurrence of a sales team's brief, with marketing attendees.
        Brief => "brief",
        /// A person working on-site (usually at the CRC) for a day, on a seat.
        Colocation => "colocation",
    }
}

text_enum! {
    /// Lifecycle of an activity.
    ActivityStatus {
        /// Suggested (by a person or the planner), not yet agreed.
        Proposed => "proposed",
        /// Agreed and in the calendar.
        Planned => "planned",
        /// Confirmed by the participants.
        Confirmed => "confirmed",
        /// It took place.
        Done => "done",
        /// Called off; kept for history.
        Cancelled => "cancelled",
    }
}

text_enum! {
    /// Which part of the day a shadowing covers.
    HalfDay {
        /// Morning.
        Am => "am",
        /// Afternoon.
        Pm => "pm",
        /// The whole day.
        Full => "full",
    }
}

text_enum! {
    /// What a person does in an activity.
    Role {
        /// The person discovering the other side's job.
        Visitor => "visitor",
        /// The person receiving a visitor.
        Host => "host",
        /// The person giving a training.
        Trainer => "trainer",
        /// Anyone attending.
        Attendee => "attendee",
        /// The manager who organised it.
        Organizer => "organizer",
    }
}

text_enum! {
    /// Where a participant stands.
    ParticipationStatus {
        /// Invited, no answer yet.
        Invited => "invited",
        /// Said yes.
        Accepted => "accepted",
        /// Said maybe.
        Tentative => "tentative",
        /// Said no.
        Declined => "declined",
        /// On a training's waitlist.
        Waitlisted => "waitlisted",
        /// Was there.
        Attended => "attended",
        /// Did not come, without notice.
        NoShow => "no_show",
        /// Did not come, excused.
        Excused => "excused",
        /// Removed from the activity; kept for history.
        Cancelled => "cancelled",
    }
}

/// A stored activity of any kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Activity {
    /// Database id.
    #[ts(type = "number")]
    pub id: Id,
    /// Kind.
    pub kind: ActivityKind,
    /// Title shown in calendars.
    pub title: String,
    /// Longer description.
    pub description: String,
    /// Site where it happens, if any (online briefs have none).
    #[ts(type = "number | null")]
    pub site_id: Option<Id>,
    /// Free-text location (room, address, link).
    pub location: String,
    /// Start instant (for all-day items: local midnight of the first day).
    pub start: DateTime<Utc>,
    /// End instant, exclusive (for all-day items: local midnight after the last day).
    pub end: DateTime<Utc>,
    /// IANA zone the activity was planned in.
    pub timezone: String,
    /// Whether it is a whole-day item (written as `VALUE=DATE`).
    pub all_day: bool,
    /// Lifecycle status.
    pub status: ActivityStatus,
    /// The organising manager.
    #[ts(type = "number | null")]
    pub organizer_id: Option<Id>,
    /// Stable iCalendar UID.
    pub uid: String,
    /// iCalendar SEQUENCE: bumped on every change of time, place or attendees.
    pub sequence: i32,
    /// Shadowing only: morning, afternoon or full day.
    pub half_day: Option<HalfDay>,
    /// Training only: seats.
    pub capacity: Option<i32>,
    /// Brief only: the series this occurrence belongs to.
    #[ts(type = "number | null")]
    pub series_id: Option<Id>,
    /// Goals of a shadowing day or training.
    pub goals: String,
    /// Training only: minimum share of marketing participants, in percent.
    pub mix_min_marketing: Option<i32>,
    /// Training only: minimum share of sales participants, in percent.
    pub mix_min_sales: Option<i32>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// A person's part in an activity; unique per (activity, person).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Participation {
    /// Database id.
    #[ts(type = "number")]
    pub id: Id,
    /// The activity.
    #[ts(type = "number")]
    pub activity_id: Id,
    /// The person.
    #[ts(type = "number")]
    pub person_id: Id,
    /// Their role.
    pub role: Role,
    /// Their status.
    pub status: ParticipationStatus,
    /// Last change of status.
    pub changed_at: DateTime<Utc>,
}

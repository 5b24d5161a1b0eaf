//! The calendar objects the writer takes: a [`Calendar`] of [`Event`]s, with plain values (borrowed strings, UTC
//! instants, a chrono-tz zone). They hold no rule of their own: [`super::write`] enforces the invariants.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

/// The iTIP method of a calendar (RFC 5546).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// An invitation or an update.
    Request,
    /// A cancellation, of the whole event or for some attendees.
    Cancel,
    /// A plain calendar to import, with no scheduling.
    Publish,
    /// An attendee's answer.
    Reply,
}

impl Method {
    /// The METHOD value.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
            Method::Publish => "PUBLISH",
            Method::Reply => "REPLY",
        }
    }
}

/// A start or end: an instant (written in the event's zone) or a whole day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum When {
    /// An instant, shown in the event's zone.
    At(DateTime<Utc>),
    /// A calendar day (`VALUE=DATE`); an end day is exclusive.
    Day(NaiveDate),
}

/// VEVENT STATUS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventStatus {
    /// Not agreed yet.
    Tentative,
    /// Agreed.
    Confirmed,
    /// Called off (only in CANCEL, or PUBLISH).
    Cancelled,
}

/// ATTENDEE ROLE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttendeeRole {
    /// Leads the meeting (a trainer).
    Chair,
    /// Expected.
    Required,
    /// Welcome.
    Optional,
}

/// ATTENDEE PARTSTAT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartStat {
    /// No answer yet.
    NeedsAction,
    /// Yes.
    Accepted,
    /// No.
    Declined,
    /// Maybe.
    Tentative,
}

impl PartStat {
    /// The PARTSTAT value.
    pub fn as_str(self) -> &'static str {
        match self {
            PartStat::NeedsAction => "NEEDS-ACTION",
            PartStat::Accepted => "ACCEPTED",
            PartStat::Declined => "DECLINED",
            PartStat::Tentative => "TENTATIVE",
        }
    }
}

/// A person with an email: the ORGANIZER, or the base of an ATTENDEE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Address<'a> {
    /// Display name (the CN).
    pub name: &'a str,
    /// Email address (the `mailto:` value).
    pub email: &'a str,
}

/// One ATTENDEE line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attendee<'a> {
    /// Who.
    pub address: Address<'a>,
    /// ROLE.
    pub role: AttendeeRole,
    /// PARTSTAT; `None` leaves it out (a CANCEL needs none).
    pub partstat: Option<PartStat>,
    /// Whether an answer is expected (`RSVP=TRUE`).
    pub rsvp: bool,
}

/// A display reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alarm<'a> {
    /// How long before the start it fires.
    pub before: Duration,
    /// What it says.
    pub description: &'a str,
}

/// One VEVENT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event<'a> {
    /// Stable UID.
    pub uid: &'a str,
    /// SEQUENCE.
    pub sequence: i64,
    /// DTSTAMP: when this message was made.
    pub stamp: DateTime<Utc>,
    /// CREATED, if known.
    pub created: Option<DateTime<Utc>>,
    /// LAST-MODIFIED, if known.
    pub last_modified: Option<DateTime<Utc>>,
    /// Zone in which instants are written (TZID).
    pub zone: Tz,
    /// DTSTART.
    pub start: When,
    /// DTEND (exclusive).
    pub end: When,
    /// SUMMARY.
    pub summary: &'a str,
    /// LOCATION (left out when empty).
    pub location: &'a str,
    /// DESCRIPTION (left out when empty).
    pub description: &'a str,
    /// STATUS (forced to CANCELLED in a CANCEL).
    pub status: EventStatus,
    /// CATEGORIES.
    pub categories: Vec<&'a str>,
    /// ORGANIZER: required in every method, PUBLISH included (RFC 5546 §3.2); the writer refuses an event without.
    pub organizer: Option<Address<'a>>,
    /// ATTENDEEs (dropped from PUBLISH).
    pub attendees: Vec<Attendee<'a>>,
    /// VALARM (dropped from CANCEL).
    pub alarm: Option<Alarm<'a>>,
    /// RRULE value, e.g. `FREQ=WEEKLY;BYDAY=MO`.
    pub rrule: Option<&'a str>,
    /// EXDATEs, written with DTSTART's value type and zone.
    pub exdates: Vec<When>,
    /// RECURRENCE-ID: in an override of one occurrence of a recurring event (same UID as the event with the RRULE),
    /// the start that occurrence has by the rule, written with the value type and zone of DTSTART.
    pub recurrence_id: Option<When>,
}

/// A VCALENDAR.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar<'a> {
    /// METHOD.
    pub method: Method,
    /// X-WR-CALNAME, the name clients give an imported calendar.
    pub name: Option<&'a str>,
    /// The events.
    pub events: Vec<Event<'a>>,
}

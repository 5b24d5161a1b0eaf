//! iCalendar (RFC 5545, iTIP RFC 5546, iMIP RFC 6047): writing invites and reading absence calendars and replies.
//! String in, string out: no file I/O, no clock (DTSTAMP is passed in).
//!
//! We own the writer (the `ical` crate's generator folds by characters and writes no VTIMEZONE) and read with the
//! `ical` crate's parser behind a line-numbering first pass. Every rule of DESIGN.md's "Invites" section is enforced
//! here rather than by callers: see [`write`]'s invariants, [`text`] for escaping and folding, [`tz`] for VTIMEZONE.
//!
//! Invariants: whatever the text of a name, title or description, what we write parses back (with the `ical` crate,
//! Python `icalendar` and `ical.js`) to its [`clean_text`] form, in lines of at most 75 octets; reading never panics
//! and reports malformed input as `Error::Ics` with a line number.

mod expand;
pub mod imip;
mod lint;
mod model;
mod read;
mod text;
mod tz;
mod write;

pub use expand::{expand, Expansion, HORIZON_DAYS, MAX_OCCURRENCES};
pub use lint::{decode, MAX_ICS_BYTES};
pub use model::{
    Address, Alarm, Attendee, AttendeeRole, Calendar, Event, EventStatus, Method, PartStat, When,
};
pub use read::{parse, resolve_tzid, IcsAttendee, IcsEvent, IcsFile, IcsTime};
pub use text::{
    clean_text, decode_param, escape_text, fold_into, quote_param_into, unescape_text, unfold,
    MAX_BLANK_RUN, MAX_LINE_OCTETS,
};
pub use tz::{vtimezone, ZoneCache};
pub use write::{write_calendar, PRODID};

//! Reading .ics files (absence calendars, RSVP replies) with the `ical` crate's parser, after [`super::lint`].
//!
//! Invariants: [`parse`] never panics, whatever the input; any problem is an `Error::Ics` naming the physical line and
//! what is wrong, and nothing is returned half-read. Values come back unescaped (TEXT) and decoded (RFC 6868).

use super::lint::{err, excerpt, lint, EventLines};
use super::text::{decode_param, unescape_text};
use crate::error::Result;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use ical::parser::ical::component::IcalEvent;
use ical::property::Property;

/// A DTSTART/DTEND as the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IcsTime {
    /// `VALUE=DATE`.
    Day(NaiveDate),
    /// A UTC date-time (`…Z`).
    Utc(DateTime<Utc>),
    /// A local date-time with a TZID; `zone` is set when the TZID names a zone we know.
    Zoned {
        /// Wall-clock time.
        local: NaiveDateTime,
        /// The TZID as written.
        tzid: String,
        /// The zone, if recognised (IANA, prefixed IANA, or a common Windows name).
        zone: Option<Tz>,
    },
    /// A local date-time with no zone ("floating").
    Floating(NaiveDateTime),
}

impl IcsTime {
    /// The calendar day this falls on, reading UTC and unknown zones in `fallback`.
    pub fn local_day(&self, fallback: Tz) -> NaiveDate {
        match self {
            IcsTime::Day(d) => *d,
            IcsTime::Utc(t) => t.with_timezone(&fallback).date_naive(),
            IcsTime::Zoned { local, .. } | IcsTime::Floating(local) => local.date(),
        }
    }

    /// Whether this is a whole day.
    pub fn is_day(&self) -> bool {
        matches!(self, IcsTime::Day(_))
    }

    /// The instant, reading floating times and unknown zones in `fallback`; days start at local midnight.
    pub fn instant(&self, fallback: Tz) -> DateTime<Utc> {
        let in_zone = |local: &NaiveDateTime, tz: Tz| {
            tz.from_local_datetime(local)
                .earliest()
                .map_or_else(|| local.and_utc(), |t| t.with_timezone(&Utc))
        };
        match self {
            IcsTime::Utc(t) => *t,
            IcsTime::Day(d) => in_zone(&d.and_time(chrono::NaiveTime::MIN), fallback),
            IcsTime::Zoned { local, zone, .. } => in_zone(local, zone.unwrap_or(fallback)),
            IcsTime::Floating(local) => in_zone(local, fallback),
        }
    }

    /// Shifted by `d` (for DURATION).
    fn plus(&self, d: Duration) -> IcsTime {
        match self {
            IcsTime::Day(day) => IcsTime::Day(*day + Duration::days(d.num_days())),
            IcsTime::Utc(t) => IcsTime::Utc(*t + d),
            IcsTime::Zoned { local, tzid, zone } => IcsTime::Zoned {
                local: *local + d,
                tzid: tzid.clone(),
                zone: *zone,
            },
            IcsTime::Floating(local) => IcsTime::Floating(*local + d),
        }
    }
}

/// An ATTENDEE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsAttendee {
    /// The address, without `mailto:`.
    pub email: String,
    /// CN, decoded.
    pub name: Option<String>,
    /// PARTSTAT, upper case.
    pub partstat: Option<String>,
    /// Its line in the file.
    pub line: usize,
}

/// A VEVENT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsEvent {
    /// Line of its `BEGIN:VEVENT`.
    pub line: usize,
    /// UID.
    pub uid: Option<String>,
    /// SUMMARY, unescaped ("" when absent).
    pub summary: String,
    /// DTSTART.
    pub start: IcsTime,
    /// DTEND, or DTSTART + DURATION; `None` when neither is given.
    pub end: Option<IcsTime>,
    /// STATUS, upper case.
    pub status: Option<String>,
    /// SEQUENCE.
    pub sequence: Option<i64>,
    /// DTSTAMP.
    pub stamp: Option<DateTime<Utc>>,
    /// Whether it repeats (RRULE or RDATE).
    pub recurring: bool,
    /// RRULE value, as written (the first one; RFC 5545 allows no more).
    pub rrule: Option<String>,
    /// RDATE values (a PERIOD gives its start).
    pub rdates: Vec<IcsTime>,
    /// EXDATE values.
    pub exdates: Vec<IcsTime>,
    /// RECURRENCE-ID: this event overrides that occurrence of the event with the same UID.
    pub recurrence_id: Option<IcsTime>,
    /// ATTENDEEs.
    pub attendees: Vec<IcsAttendee>,
}

/// A parsed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsFile {
    /// METHOD, upper case (`PUBLISH`, `REPLY`, ...), if any.
    pub method: Option<String>,
    /// Every VEVENT, in file order.
    pub events: Vec<IcsEvent>,
}

/// Parses an .ics text; see the module docs.
pub fn parse(text: &str) -> Result<IcsFile> {
    let linted = lint(text)?;
    let mut file = IcsFile {
        method: None,
        events: Vec::new(),
    };
    let mut lines = linted.events.iter();
    for calendar in ical::IcalParser::new(linted.text.as_bytes()) {
        let calendar = calendar.map_err(|e| {
            // The crate numbers lines of the normalised copy; map back when it says which.
            let text = e.to_string();
            let line = text
                .split_whitespace()
                .nth(1)
                .and_then(|n| n.trim_end_matches(':').parse::<usize>().ok())
                .and_then(|n| linted.origin.get(n.saturating_sub(1)).copied())
                .unwrap_or(1);
            err(line, format!("the calendar cannot be read: {text}"))
        })?;
        if file.method.is_none() {
            file.method = calendar
                .properties
                .iter()
                .find(|p| p.name == "METHOD")
                .and_then(|p| p.value.as_deref())
                .map(|v| v.trim().to_ascii_uppercase());
        }
        for event in &calendar.events {
            let where_ = lines.next().cloned().unwrap_or_default();
            file.events.push(read_event(event, &where_)?);
        }
    }
    Ok(file)
}

fn value<'p>(e: &'p IcalEvent, name: &str) -> Option<&'p Property> {
    e.properties.iter().find(|p| p.name == name)
}

fn param<'p>(p: &'p Property, key: &str) -> Option<&'p str> {
    p.params
        .as_ref()?
        .iter()
        .find(|(k, _)| k == key)
        .and_then(|(_, v)| v.first())
        .map(String::as_str)
}

fn read_event(e: &IcalEvent, lines: &EventLines) -> Result<IcsEvent> {
    let start_prop =
        value(e, "DTSTART").ok_or_else(|| err(lines.begin, "this event has no DTSTART"))?;
    let start = read_time(start_prop, lines.of("DTSTART"))?;
    let mut end = match value(e, "DTEND") {
        Some(p) => Some(read_time(p, lines.of("DTEND"))?),
        None => None,
    };
    if end.is_none() {
        if let Some(p) = value(e, "DURATION") {
            let d = read_duration(p.value.as_deref().unwrap_or(""), lines.of("DURATION"))?;
            end = Some(start.plus(d));
        }
    }
    if let Some(end) = &end {
        let utc = chrono_tz::UTC;
        if end.instant(utc) < start.instant(utc) {
            return Err(err(lines.of("DTEND"), "the event ends before it starts"));
        }
    }
    let sequence = match value(e, "SEQUENCE").and_then(|p| p.value.as_deref()) {
        Some(v) => Some(v.trim().parse::<i64>().map_err(|_| {
            err(
                lines.of("SEQUENCE"),
                format!("SEQUENCE must be a whole number, found {}", excerpt(v)),
            )
        })?),
        None => None,
    };
    let stamp = match value(e, "DTSTAMP") {
        Some(p) => match read_time(p, lines.of("DTSTAMP"))? {
            IcsTime::Utc(t) => Some(t),
            other => Some(other.instant(chrono_tz::UTC)),
        },
        None => None,
    };
    let attendee_lines = lines.all("ATTENDEE");
    let attendees = e
        .properties
        .iter()
        .filter(|p| p.name == "ATTENDEE")
        .enumerate()
        .map(|(i, p)| {
            let line = attendee_lines.get(i).copied().unwrap_or(lines.begin);
            let raw = p.value.as_deref().unwrap_or("").trim();
            let email = raw
                .get(..7)
                .filter(|s| s.eq_ignore_ascii_case("mailto:"))
                .map_or(raw, |_| &raw[7..])
                .trim()
                .to_owned();
            if email.is_empty() {
                return Err(err(
                    line,
                    "ATTENDEE has no address (expected mailto:name@example.com)",
                ));
            }
            Ok(IcsAttendee {
                email,
                name: param(p, "CN").map(decode_param),
                partstat: param(p, "PARTSTAT").map(|s| s.trim().to_ascii_uppercase()),
                line,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let text = |name: &str| {
        value(e, name)
            .and_then(|p| p.value.as_deref())
            .map(unescape_text)
    };
    Ok(IcsEvent {
        line: lines.begin,
        uid: text("UID")
            .map(|u| u.trim().to_owned())
            .filter(|u| !u.is_empty()),
        summary: text("SUMMARY").unwrap_or_default(),
        start,
        end,
        status: text("STATUS").map(|s| s.trim().to_ascii_uppercase()),
        sequence,
        stamp,
        recurring: value(e, "RRULE").is_some() || value(e, "RDATE").is_some(),
        rrule: value(e, "RRULE")
            .and_then(|p| p.value.as_deref())
            .map(|v| v.trim().to_owned()),
        rdates: times(e, "RDATE", lines)?,
        exdates: times(e, "EXDATE", lines)?,
        recurrence_id: match value(e, "RECURRENCE-ID") {
            Some(p) => Some(read_time(p, lines.of("RECURRENCE-ID"))?),
            None => None,
        },
        attendees,
    })
}

/// Every value of every `name` property (RDATE, EXDATE: comma-separated lists, each in the property's zone).
fn times(e: &IcalEvent, name: &str, lines: &EventLines) -> Result<Vec<IcsTime>> {
    let mut out = Vec::new();
    let all = lines.all(name);
    for (i, p) in e.properties.iter().filter(|p| p.name == name).enumerate() {
        let line = all.get(i).copied().unwrap_or(lines.begin);
        for raw in p.value.as_deref().unwrap_or("").split(',') {
            // A PERIOD (start/end or start/duration) counts from its start.
            let start = raw.split('/').next().unwrap_or("");
            if !start.trim().is_empty() {
                out.push(read_value(p, start, line)?);
            }
        }
    }
    Ok(out)
}

fn read_time(p: &Property, line: usize) -> Result<IcsTime> {
    read_value(p, p.value.as_deref().unwrap_or(""), line)
}

/// One date or date-time value of `p` (its VALUE and TZID parameters apply).
fn read_value(p: &Property, raw: &str, line: usize) -> Result<IcsTime> {
    let raw = raw.trim();
    let bad = || {
        err(
            line,
            format!(
                "{} value {} is not a date (YYYYMMDD) or a date-time (YYYYMMDDTHHMMSS, optionally ending in Z)",
                p.name,
                excerpt(raw)
            ),
        )
    };
    let is_date =
        param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE")) || raw.len() == 8;
    if is_date {
        return NaiveDate::parse_from_str(raw, "%Y%m%d")
            .map(IcsTime::Day)
            .map_err(|_| bad());
    }
    if raw.len() != 15 && raw.len() != 16 {
        return Err(bad());
    }
    if let Some(utc) = raw.strip_suffix(['Z', 'z']) {
        let t = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").map_err(|_| bad())?;
        return Ok(IcsTime::Utc(t.and_utc()));
    }
    let local = NaiveDateTime::parse_from_str(raw, "%Y%m%dT%H%M%S").map_err(|_| bad())?;
    Ok(match param(p, "TZID") {
        Some(tzid) => IcsTime::Zoned {
            local,
            tzid: tzid.to_owned(),
            zone: resolve_tzid(tzid),
        },
        None => IcsTime::Floating(local),
    })
}

/// The zone a TZID names: an IANA name, one with a vendor prefix (`/mozilla.org/…/Europe/Paris`), or a common
/// Windows name as Outlook writes them.
pub fn resolve_tzid(tzid: &str) -> Option<Tz> {
    let tzid = tzid.trim().trim_matches('"');
    if let Ok(tz) = tzid.parse::<Tz>() {
        return Some(tz);
    }
    let parts: Vec<&str> = tzid.split('/').filter(|s| !s.is_empty()).collect();
    for take in [3usize, 2, 1] {
        if parts.len() > take {
            if let Ok(tz) = parts[parts.len() - take..].join("/").parse::<Tz>() {
                return Some(tz);
            }
        }
    }
    let windows = [
        ("Romance Standard Time", "Europe/Paris"),
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("Central Europe Standard Time", "Europe/Budapest"),
        ("GMT Standard Time", "Europe/London"),
        ("Eastern Standard Time", "America/New_York"),
        ("Central Standard Time", "America/Chicago"),
        ("Pacific Standard Time", "America/Los_Angeles"),
        ("Tokyo Standard Time", "Asia/Tokyo"),
        ("UTC", "UTC"),
    ];
    windows
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(tzid))
        .and_then(|(_, iana)| iana.parse::<Tz>().ok())
}

/// Parses an RFC 5545 duration such as `P1D`, `PT1H30M`, `-P2W`.
fn read_duration(raw: &str, line: usize) -> Result<Duration> {
    let bad = || {
        err(
            line,
            format!(
                "DURATION {} is not a duration such as P1D or PT1H30M",
                excerpt(raw)
            ),
        )
    };
    let s = raw.trim();
    let (sign, s) = match s.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, s.strip_prefix('+').unwrap_or(s)),
    };
    let s = s.strip_prefix(['P', 'p']).ok_or_else(bad)?;
    let mut total = 0i64;
    let mut number = String::new();
    let mut in_time = false;
    let mut any = false;
    for c in s.chars() {
        match c.to_ascii_uppercase() {
            '0'..='9' if number.len() < 9 => number.push(c),
            'T' if number.is_empty() && !in_time => in_time = true,
            unit @ ('W' | 'D' | 'H' | 'M' | 'S') => {
                let n: i64 = number.parse().map_err(|_| bad())?;
                number.clear();
                any = true;
                total += n * match (unit, in_time) {
                    ('W', false) => 7 * 86_400,
                    ('D', false) => 86_400,
                    ('H', true) => 3600,
                    ('M', true) => 60,
                    ('S', true) => 1,
                    _ => return Err(bad()),
                };
            }
            _ => return Err(bad()),
        }
    }
    if !any || !number.is_empty() {
        return Err(bad());
    }
    Ok(Duration::seconds(sign * total))
}

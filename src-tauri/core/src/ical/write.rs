//! Writing calendars: a [`Calendar`] of [`Event`]s in, the text of an .ics file out.
//!
//! Invariants of every file written here (the rules of DESIGN.md's "Invites" section):
//! - CRLF line ends, lines folded at 75 octets (see [`super::text`]), TEXT escaped, names quoted with RFC 6868;
//! - `REQUEST`, `CANCEL` and `REPLY` carry exactly one VEVENT, or one recurring set: the VEVENTs of one UID, which
//!   RFC 5545 wants in the same VCALENDAR (one with the rule, the others overriding one occurrence each with a
//!   distinct RECURRENCE-ID and no RRULE of their own); in any calendar, a UID has at most one VEVENT without
//!   RECURRENCE-ID; a `REQUEST` never says `STATUS:CANCELLED` and a `CANCEL` always does; every VEVENT, whatever
//!   the method, has exactly one ORGANIZER (RFC 5546 §3.2: a PUBLISH too, and libical's iTIP check rejects a
//!   PUBLISH without one), and a `PUBLISH` has no ATTENDEE (it schedules nobody);
//! - every TZID used has its VTIMEZONE in the same file, written before the events, valid one year either side of
//!   them; a local time that falls in the repeated hour of a DST change (and is the second of the two) is written in
//!   UTC instead, since a TZID form would name the first one;
//! - DTSTAMP, CREATED and LAST-MODIFIED are UTC; all-day items are `VALUE=DATE` with an exclusive DTEND; EXDATEs have
//!   the value type and zone of DTSTART, and so does RECURRENCE-ID.

use super::model::{Address, AttendeeRole, Calendar, Event, EventStatus, Method, When};
use super::text::{escape_text_into, fold_into, quote_param_into};
use super::tz::ZoneCache;
use crate::error::{Error, Result};
use crate::model::is_valid_email;
use crate::FieldCode;
use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc,
};
use chrono_tz::Tz;
use std::collections::{BTreeMap, HashSet};

/// PRODID of every file Unisson writes.
pub const PRODID: &str = "-//Unisson//Unisson invitations 1.0//FR";

fn invalid(field: &str, message: String) -> Error {
    Error::field(field, FieldCode::InvalidInvite, message)
}

/// Writes `cal` as the text of an .ics file. VTIMEZONEs come from `zones` (built once per zone and year range).
pub fn write_calendar(cal: &Calendar<'_>, zones: &mut ZoneCache) -> Result<String> {
    check_sets(cal)?;
    let mut w = Writer {
        out: String::with_capacity(1024 + 1200 * cal.events.len()),
        line: String::with_capacity(256),
        years: BTreeMap::new(),
    };
    for event in &cal.events {
        w.event(cal.method, event)?;
    }
    let body = std::mem::take(&mut w.out);
    let mut out = String::with_capacity(body.len() + 1024);
    out.push_str("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:");
    out.push_str(PRODID);
    out.push_str("\r\nCALSCALE:GREGORIAN\r\nMETHOD:");
    out.push_str(cal.method.as_str());
    out.push_str("\r\n");
    if let Some(name) = cal.name {
        w.line.clear();
        w.line.push_str("X-WR-CALNAME:");
        escape_text_into(&mut w.line, name);
        fold_into(&mut out, &w.line);
    }
    for (zone, (first, last)) in &w.years {
        if let Ok(tz) = zone.parse::<Tz>() {
            out.push_str(zones.get(tz, first - 1, last + 1));
        }
    }
    out.push_str(&body);
    out.push_str("END:VCALENDAR\r\n");
    Ok(out)
}

/// Checks that a scheduling message holds one event (or one recurring set) and that each UID's VEVENTs form a set.
fn check_sets(cal: &Calendar<'_>) -> Result<()> {
    let one_uid = cal.events.windows(2).all(|w| w[0].uid == w[1].uid);
    if cal.method != Method::Publish && (cal.events.is_empty() || !one_uid) {
        return Err(invalid(
            "events",
            format!(
                "a {} carries exactly one event (or the occurrences of one), not {}",
                cal.method.as_str(),
                cal.events.len()
            ),
        ));
    }
    for e in cal.events.iter().filter(|e| e.recurrence_id.is_some()) {
        if e.rrule.is_some() {
            return Err(invalid(
                "rrule",
                format!("the override of one occurrence of {} cannot repeat", e.uid),
            ));
        }
    }
    if cal.events.len() < 2 {
        return Ok(());
    }
    let mut seen: HashSet<(&str, Option<When>)> = HashSet::with_capacity(cal.events.len());
    for e in &cal.events {
        if !seen.insert((e.uid, e.recurrence_id)) {
            return Err(invalid(
                "events",
                format!("{} has two events for the same occurrence", e.uid),
            ));
        }
    }
    Ok(())
}

struct Writer {
    out: String,
    line: String,
    /// Zones used with a TZID, and the local years they are used in.
    years: BTreeMap<&'static str, (i32, i32)>,
}

fn push_num(out: &mut String, n: u32, width: usize) {
    let digits = [b'0'; 10];
    let mut buf = digits;
    let mut v = n;
    for i in (0..width).rev() {
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
    }
    out.push_str(std::str::from_utf8(&buf[..width]).unwrap_or("0"));
}

fn push_date(out: &mut String, d: NaiveDate) {
    push_num(out, d.year().max(0) as u32, 4);
    push_num(out, d.month(), 2);
    push_num(out, d.day(), 2);
}

fn push_local(out: &mut String, t: NaiveDateTime) {
    push_date(out, t.date());
    out.push('T');
    push_num(out, t.hour(), 2);
    push_num(out, t.minute(), 2);
    push_num(out, t.second(), 2);
}

fn push_utc(out: &mut String, t: DateTime<Utc>) {
    push_local(out, t.naive_utc());
    out.push('Z');
}

fn push_duration(out: &mut String, before: Duration) {
    let secs = before.num_seconds();
    out.push_str(if secs >= 0 { "-P" } else { "P" });
    let secs = secs.unsigned_abs();
    if secs.is_multiple_of(86_400) && secs > 0 {
        out.push_str(&format!("{}D", secs / 86_400));
    } else {
        out.push_str(&format!("T{}H{}M", secs / 3600, (secs % 3600) / 60));
    }
}

/// Whether the local wall time of `t` in `zone` names `t` unambiguously (it is not the second of a repeated hour).
fn local_names_instant(zone: Tz, t: DateTime<Utc>, local: NaiveDateTime) -> bool {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(x) => x == t,
        LocalResult::Ambiguous(first, _) => first == t,
        LocalResult::None => false,
    }
}

impl Writer {
    fn start(&mut self, name: &str) {
        self.line.clear();
        self.line.push_str(name);
    }

    fn flush(&mut self) {
        fold_into(&mut self.out, &self.line);
    }

    fn text(&mut self, name: &str, value: &str) {
        self.start(name);
        self.line.push(':');
        escape_text_into(&mut self.line, value);
        self.flush();
    }

    fn utc(&mut self, name: &str, t: DateTime<Utc>) {
        self.start(name);
        self.line.push(':');
        push_utc(&mut self.line, t);
        self.flush();
    }

    /// DTSTART / DTEND / EXDATE value with its parameters, into the current line.
    fn when(&mut self, zone: Tz, when: When) {
        match when {
            When::Day(d) => {
                self.line.push_str(";VALUE=DATE:");
                push_date(&mut self.line, d);
            }
            When::At(t) => {
                let local = t.with_timezone(&zone).naive_local();
                if zone == Tz::UTC || zone == Tz::Etc__UTC || !local_names_instant(zone, t, local) {
                    self.line.push(':');
                    push_utc(&mut self.line, t);
                } else {
                    let year = local.year();
                    let span = self.years.entry(zone.name()).or_insert((year, year));
                    span.0 = span.0.min(year);
                    span.1 = span.1.max(year);
                    self.line.push_str(";TZID=");
                    self.line.push_str(zone.name());
                    self.line.push(':');
                    push_local(&mut self.line, local);
                }
            }
        }
    }

    fn address(&mut self, a: &Address<'_>) -> Result<()> {
        if !is_valid_email(a.email) {
            return Err(invalid(
                "email",
                format!("{:?} is not an email address a calendar can use", a.email),
            ));
        }
        self.line.push_str(";CN=");
        quote_param_into(&mut self.line, a.name);
        self.line.push_str(":mailto:");
        self.line.push_str(a.email);
        Ok(())
    }

    fn event(&mut self, method: Method, e: &Event<'_>) -> Result<()> {
        let status = match (method, e.status) {
            (Method::Cancel, _) => EventStatus::Cancelled,
            (Method::Request, EventStatus::Cancelled) => {
                return Err(invalid(
                    "status",
                    "a cancelled event is sent as METHOD:CANCEL, never as a REQUEST".into(),
                ))
            }
            (_, s) => s,
        };
        let scheduling = method != Method::Publish;
        if e.organizer.is_none() {
            return Err(invalid(
                "organizer",
                format!(
                    "event {}: every VEVENT of a {} needs an ORGANIZER (RFC 5546 §3.2)",
                    e.uid,
                    method.as_str()
                ),
            ));
        }
        if let Some(rule) = e.rrule {
            if rule.is_empty()
                || !rule
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || "=;,:+-".contains(c))
            {
                return Err(invalid("rrule", format!("{rule:?} is not an RRULE value")));
            }
        }
        self.out.push_str("BEGIN:VEVENT\r\n");
        self.text("UID", e.uid);
        self.utc("DTSTAMP", e.stamp);
        if let Some(t) = e.created {
            self.utc("CREATED", t);
        }
        if let Some(t) = e.last_modified {
            self.utc("LAST-MODIFIED", t);
        }
        self.start("SEQUENCE");
        self.line.push(':');
        self.line.push_str(&e.sequence.max(0).to_string());
        self.flush();
        if let Some(original) = e.recurrence_id {
            self.start("RECURRENCE-ID");
            self.when(e.zone, original);
            self.flush();
        }
        self.start("DTSTART");
        self.when(e.zone, e.start);
        self.flush();
        self.start("DTEND");
        self.when(e.zone, e.end);
        self.flush();
        if let Some(rule) = e.rrule {
            self.start("RRULE:");
            self.line.push_str(rule);
            self.flush();
        }
        for ex in &e.exdates {
            self.start("EXDATE");
            self.when(e.zone, *ex);
            self.flush();
        }
        self.text("SUMMARY", e.summary);
        if !e.location.trim().is_empty() {
            self.text("LOCATION", e.location);
        }
        if !e.description.trim().is_empty() {
            self.text("DESCRIPTION", e.description);
        }
        self.start("STATUS:");
        self.line.push_str(match status {
            EventStatus::Tentative => "TENTATIVE",
            EventStatus::Confirmed => "CONFIRMED",
            EventStatus::Cancelled => "CANCELLED",
        });
        self.flush();
        if !e.categories.is_empty() {
            self.start("CATEGORIES:");
            for (i, c) in e.categories.iter().enumerate() {
                if i > 0 {
                    self.line.push(',');
                }
                escape_text_into(&mut self.line, c);
            }
            self.flush();
        }
        self.out.push_str("TRANSP:OPAQUE\r\n");
        if let Some(org) = &e.organizer {
            self.start("ORGANIZER");
            self.address(org)?;
            self.flush();
        }
        if scheduling {
            for a in &e.attendees {
                self.start("ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=");
                self.line.push_str(match a.role {
                    AttendeeRole::Chair => "CHAIR",
                    AttendeeRole::Required => "REQ-PARTICIPANT",
                    AttendeeRole::Optional => "OPT-PARTICIPANT",
                });
                if let Some(p) = a.partstat {
                    self.line.push_str(";PARTSTAT=");
                    self.line.push_str(p.as_str());
                }
                if a.rsvp {
                    self.line.push_str(";RSVP=TRUE");
                }
                self.address(&a.address)?;
                self.flush();
            }
        }
        if let (Some(alarm), false) = (&e.alarm, method == Method::Cancel) {
            self.out.push_str("BEGIN:VALARM\r\nACTION:DISPLAY\r\n");
            self.text("DESCRIPTION", alarm.description);
            self.start("TRIGGER:");
            push_duration(&mut self.line, alarm.before);
            self.flush();
            self.out.push_str("END:VALARM\r\n");
        }
        self.out.push_str("END:VEVENT\r\n");
        Ok(())
    }
}

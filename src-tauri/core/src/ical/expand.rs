//! Expanding a repeating VEVENT read from a file (RRULE, RDATE, EXDATE, and the occurrences other VEVENTs of its UID
//! override by RECURRENCE-ID) into its occurrences, with the `rrule` crate.
//!
//! Invariants: the expansion is bounded whatever the rule says: occurrences start before DTSTART + [`HORIZON_DAYS`]
//! and there are at most [`MAX_OCCURRENCES`] of them; when the rule goes on past that, [`Expansion::capped_after`]
//! says up to which day occurrences were kept. Wall-clock times stay fixed across DST changes in the event's zone
//! (an all-day event repeats by days). A rule the crate cannot read is an `Err` with a message, never a panic.

use super::read::{IcsEvent, IcsTime};
use chrono::{Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use rrule::{RRule, RRuleSet, Unvalidated};

/// How far after the first occurrence an expansion goes (two years).
pub const HORIZON_DAYS: i64 = 731;

/// Most occurrences one event gives (a daily rule over the whole horizon fits).
pub const MAX_OCCURRENCES: u16 = 800;

/// The occurrences of a repeating event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    /// Each occurrence's start and end (the event's length from that start), in order.
    pub occurrences: Vec<(IcsTime, Option<IcsTime>)>,
    /// When the rule repeats beyond the horizon or the cap: the start day of the last occurrence kept.
    pub capped_after: Option<NaiveDate>,
}

/// The zone an event's times repeat in: its own for a known TZID, UTC for days and UTC times, `fallback` otherwise.
fn rule_zone(start: &IcsTime, fallback: Tz) -> Tz {
    match start {
        IcsTime::Day(_) | IcsTime::Utc(_) => chrono_tz::UTC,
        IcsTime::Zoned { zone, .. } => zone.unwrap_or(fallback),
        IcsTime::Floating(_) => fallback,
    }
}

/// The rule with its UNTIL read by us (a date, a floating or a UTC time: all valid in files, not all accepted by the
/// crate with a zoned DTSTART), as an instant in UTC.
fn parse_rule(text: &str, zone: Tz) -> Result<RRule<Unvalidated>, String> {
    let mut until = None;
    let mut parts = Vec::new();
    for part in text.trim().trim_start_matches("RRULE:").split(';') {
        match part.split_once('=') {
            Some((key, value)) if key.trim().eq_ignore_ascii_case("UNTIL") => {
                let value = value.trim();
                let local = if value.len() == 8 {
                    NaiveDate::parse_from_str(value, "%Y%m%d")
                        .ok()
                        .and_then(|d| d.and_hms_opt(23, 59, 59))
                } else {
                    NaiveDateTime::parse_from_str(
                        value.trim_end_matches(['Z', 'z']),
                        "%Y%m%dT%H%M%S",
                    )
                    .ok()
                };
                let local =
                    local.ok_or_else(|| format!("UNTIL={value} is not a date or a date-time"))?;
                until = Some(if value.ends_with(['Z', 'z']) {
                    local.and_utc()
                } else {
                    zone.from_local_datetime(&local)
                        .latest()
                        .map_or_else(|| local.and_utc(), |t| t.with_timezone(&Utc))
                });
            }
            _ if part.trim().is_empty() => {}
            _ => parts.push(part),
        }
    }
    let rule: RRule<Unvalidated> = parts.join(";").parse().map_err(|e| format!("{e}"))?;
    Ok(match until {
        Some(t) => rule.until(t.with_timezone(&rrule::Tz::UTC)),
        None => rule,
    })
}

/// Expands `e` (which has an RRULE or RDATEs), leaving out its EXDATEs and the starts in `overridden` (the
/// RECURRENCE-IDs of the other VEVENTs of its UID). Floating times are read in `fallback`.
pub fn expand(e: &IcsEvent, overridden: &[IcsTime], fallback: Tz) -> Result<Expansion, String> {
    let zone = rule_zone(&e.start, fallback);
    let rtz = rrule::Tz::Tz(zone);
    let at = |t: &IcsTime| t.instant(zone).with_timezone(&rtz);
    let start = at(&e.start);
    let mut set = match &e.rrule {
        Some(text) => parse_rule(text, zone)?
            .build(start)
            .map_err(|err| err.to_string())?,
        // RDATEs only: DTSTART is the first occurrence (RFC 5545 §3.8.5.2).
        None => RRuleSet::new(start).rdate(start),
    };
    for t in &e.rdates {
        set = set.rdate(at(t));
    }
    for t in e.exdates.iter().chain(overridden) {
        set = set.exdate(at(t));
    }
    // `before` and `after` are inclusive: the last instant kept is one second before the horizon.
    let last = start + Duration::days(HORIZON_DAYS) - Duration::seconds(1);
    let found = set.clone().before(last).all(MAX_OCCURRENCES);
    let full = found.dates.len() >= usize::from(MAX_OCCURRENCES);
    let more = full || !set.after(last).all(1).dates.is_empty();
    let length = e.end.as_ref().map(|end| match (&e.start, end) {
        (IcsTime::Day(a), IcsTime::Day(b)) => Duration::days((*b - *a).num_days()),
        _ => end.instant(zone) - e.start.instant(zone),
    });
    let occurrences: Vec<(IcsTime, Option<IcsTime>)> = found
        .dates
        .iter()
        .map(|t| {
            let begin = match &e.start {
                IcsTime::Day(_) => IcsTime::Day(t.date_naive()),
                IcsTime::Utc(_) => IcsTime::Utc(t.with_timezone(&Utc)),
                IcsTime::Zoned { tzid, zone, .. } => IcsTime::Zoned {
                    local: t.naive_local(),
                    tzid: tzid.clone(),
                    zone: *zone,
                },
                IcsTime::Floating(_) => IcsTime::Floating(t.naive_local()),
            };
            let end = length.map(|d| {
                let local = (begin.instant(zone) + d).with_timezone(&zone).naive_local();
                match &begin {
                    IcsTime::Day(day) => IcsTime::Day(*day + d),
                    IcsTime::Utc(t) => IcsTime::Utc(*t + d),
                    IcsTime::Zoned { tzid, zone, .. } => IcsTime::Zoned {
                        local,
                        tzid: tzid.clone(),
                        zone: *zone,
                    },
                    IcsTime::Floating(_) => IcsTime::Floating(local),
                }
            });
            (begin, end)
        })
        .collect();
    let capped_after = more
        .then(|| found.dates.last().map(|t| t.date_naive()))
        .flatten();
    Ok(Expansion {
        occurrences,
        capped_after,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(start: IcsTime, end: Option<IcsTime>, rule: &str) -> IcsEvent {
        IcsEvent {
            line: 1,
            uid: Some("x@test".into()),
            summary: "Congé".into(),
            start,
            end,
            status: None,
            sequence: None,
            stamp: None,
            recurring: true,
            rrule: Some(rule.into()),
            rdates: Vec::new(),
            exdates: Vec::new(),
            recurrence_id: None,
            attendees: Vec::new(),
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid day")
    }

    #[test]
    fn until_as_a_date_or_a_floating_time_is_accepted_with_a_zoned_start() {
        let paris = chrono_tz::Europe::Paris;
        let start = IcsTime::Zoned {
            local: day(2025, 3, 3).and_hms_opt(9, 0, 0).expect("time"),
            tzid: "Europe/Paris".into(),
            zone: Some(paris),
        };
        for rule in [
            "FREQ=WEEKLY;UNTIL=20250331",
            "FREQ=WEEKLY;UNTIL=20250331T090000",
            "FREQ=WEEKLY;UNTIL=20250331T070000Z",
        ] {
            let x = expand(&event(start.clone(), None, rule), &[], paris).expect(rule);
            assert_eq!(
                x.occurrences.len(),
                5,
                "{rule}: Mondays 3, 10, 17, 24 and 31 March (UNTIL is inclusive)"
            );
            assert_eq!(
                x.capped_after, None,
                "{rule}: a rule with an end is not capped"
            );
        }
    }

    #[test]
    fn an_unreadable_rule_is_an_error_not_a_panic() {
        let start = IcsTime::Day(day(2025, 1, 1));
        for rule in [
            "FREQ=SOMETIMES",
            "BYDAY=MO",
            "FREQ=DAILY;UNTIL=soon",
            "FREQ=DAILY;BYMONTHDAY=99",
            "",
        ] {
            assert!(
                expand(&event(start.clone(), None, rule), &[], chrono_tz::UTC).is_err(),
                "{rule:?} is refused with a message"
            );
        }
    }
}

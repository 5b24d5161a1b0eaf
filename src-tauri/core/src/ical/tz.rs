//! VTIMEZONE components generated from chrono-tz, so every TZID we write has its definition in the same file.
//!
//! The zone's transitions are found by scanning its offsets day by day over the years the events need (one year
//! before the first event, one after the last) and bisecting each change to the second. Then:
//! - no transition: one STANDARD observance with the zone's fixed offset (Asia/Tokyo);
//! - one move to daylight time and one back every year, each on the same "n-th (or last) weekday of a month at a local
//!   time" (EU and US rules): one DAYLIGHT and one STANDARD observance with a yearly RRULE such as
//!   `FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU`, which is all Outlook reads;
//! - anything else (a zone whose rules change within the range): one observance per transition with its own DTSTART.
//!
//! Invariant: for every instant in the range, the offset a client derives from the component equals chrono-tz's. The
//! RRULE form is only written after checking that the rule reproduces every transition found in the range.

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc, Weekday,
};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use std::collections::HashMap;

/// VTIMEZONE texts already built, keyed by zone and year range; a bulk export builds each one once.
#[derive(Debug, Default)]
pub struct ZoneCache {
    built: HashMap<(Tz, i32, i32), String>,
}

impl ZoneCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The VTIMEZONE of `tz` valid for `first_year..=last_year` (see [`vtimezone`]), built once.
    pub fn get(&mut self, tz: Tz, first_year: i32, last_year: i32) -> &str {
        self.built
            .entry((tz, first_year, last_year))
            .or_insert_with(|| vtimezone(tz, first_year, last_year))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Observance {
    offset: i32,
    dst: bool,
    name: Option<String>,
}

fn observance_at(tz: Tz, at: DateTime<Utc>) -> Observance {
    let off = tz.offset_from_utc_datetime(&at.naive_utc());
    Observance {
        offset: off.fix().local_minus_utc(),
        dst: off.dst_offset() != Duration::zero(),
        name: off.abbreviation().map(str::to_owned),
    }
}

#[derive(Debug, Clone)]
struct Transition {
    at: DateTime<Utc>,
    before: Observance,
    after: Observance,
}

impl Transition {
    /// Wall-clock time of the change, in the offset in force before it (what RFC 5545 puts in DTSTART).
    fn local(&self) -> NaiveDateTime {
        self.at.naive_utc() + Duration::seconds(i64::from(self.before.offset))
    }
}

fn differs(a: &Observance, b: &Observance) -> bool {
    a.offset != b.offset || a.dst != b.dst
}

fn transitions(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Transition> {
    let mut found = Vec::new();
    let mut t = from;
    let mut obs = observance_at(tz, t);
    while t < to {
        let next = t + Duration::days(1);
        let next_obs = observance_at(tz, next);
        if differs(&obs, &next_obs) {
            // Invariant: observance at lo equals `obs`, at hi differs.
            let (mut lo, mut hi) = (t, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if differs(&obs, &observance_at(tz, mid)) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            let after = observance_at(tz, hi);
            found.push(Transition {
                at: hi,
                before: obs.clone(),
                after,
            });
        }
        t = next;
        obs = next_obs;
    }
    found
}

/// A yearly "n-th weekday of a month" rule: `nth` is 1..=4, or -1 for the last one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct YearlyRule {
    month: u32,
    nth: i8,
    weekday: Weekday,
}

impl YearlyRule {
    fn of(date: NaiveDate) -> YearlyRule {
        let days_in_month = days_in_month(date.year(), date.month());
        let nth = if date.day() + 7 > days_in_month {
            -1
        } else {
            ((date.day() - 1) / 7 + 1) as i8
        };
        YearlyRule {
            month: date.month(),
            nth,
            weekday: date.weekday(),
        }
    }

    fn date_in(self, year: i32) -> Option<NaiveDate> {
        if self.nth > 0 {
            NaiveDate::from_weekday_of_month_opt(year, self.month, self.weekday, self.nth as u8)
        } else {
            let last = NaiveDate::from_ymd_opt(year, self.month, days_in_month(year, self.month))?;
            let back = (7 + last.weekday().num_days_from_monday()
                - self.weekday.num_days_from_monday())
                % 7;
            Some(last - Duration::days(i64::from(back)))
        }
    }

    fn rrule(self) -> String {
        let day = match self.weekday {
            Weekday::Mon => "MO",
            Weekday::Tue => "TU",
            Weekday::Wed => "WE",
            Weekday::Thu => "TH",
            Weekday::Fri => "FR",
            Weekday::Sat => "SA",
            Weekday::Sun => "SU",
        };
        format!(
            "FREQ=YEARLY;BYMONTH={};BYDAY={}{}",
            self.month, self.nth, day
        )
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .map_or(31, |d| d.day())
}

/// Whether every transition of one kind follows the rule of the first, at the same local time and offsets, once a
/// year in every year of the range.
fn follows_one_rule(list: &[&Transition], first_year: i32, last_year: i32) -> Option<YearlyRule> {
    let first = list.first()?;
    let rule = YearlyRule::of(first.local().date());
    let time = first.local().time();
    let years_ok = list.len() == usize::try_from(last_year - first_year + 1).ok()?;
    let all_ok = list.iter().all(|t| {
        let local = t.local();
        rule.date_in(local.year()) == Some(local.date())
            && local.time() == time
            && t.before == first.before
            && t.after == first.after
    });
    (years_ok && all_ok).then_some(rule)
}

fn push_offset(out: &mut String, seconds: i32) {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    out.push(sign);
    out.push_str(&format!("{:02}{:02}", s / 3600, (s % 3600) / 60));
    if !s.is_multiple_of(60) {
        out.push_str(&format!("{:02}", s % 60));
    }
}

fn observance(
    out: &mut String,
    from: &Observance,
    to: &Observance,
    start: NaiveDateTime,
    rrule: Option<&str>,
) {
    let kind = if to.dst { "DAYLIGHT" } else { "STANDARD" };
    out.push_str("BEGIN:");
    out.push_str(kind);
    out.push_str("\r\nTZOFFSETFROM:");
    push_offset(out, from.offset);
    out.push_str("\r\nTZOFFSETTO:");
    push_offset(out, to.offset);
    if let Some(name) = to.name.as_deref().filter(|n| {
        n.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-')
    }) {
        out.push_str("\r\nTZNAME:");
        out.push_str(name);
    }
    out.push_str("\r\nDTSTART:");
    out.push_str(&start.format("%Y%m%dT%H%M%S").to_string());
    if let Some(rule) = rrule {
        out.push_str("\r\nRRULE:");
        out.push_str(rule);
    }
    out.push_str("\r\nEND:");
    out.push_str(kind);
    out.push_str("\r\n");
}

/// The VTIMEZONE of `tz`, CRLF-terminated, valid for every instant of `first_year..=last_year` (callers pass one year
/// of margin on each side of their events).
pub fn vtimezone(tz: Tz, first_year: i32, last_year: i32) -> String {
    let (first_year, last_year) = (first_year.min(last_year), first_year.max(last_year));
    let start = Utc
        .with_ymd_and_hms(first_year, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let end = Utc
        .with_ymd_and_hms(last_year + 1, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let found = transitions(tz, start, end);
    let initial = observance_at(tz, start);
    let mut out = String::with_capacity(512);
    out.push_str("BEGIN:VTIMEZONE\r\nTZID:");
    out.push_str(tz.name());
    out.push_str("\r\n");
    let day_start = NaiveDate::from_ymd_opt(first_year, 1, 1)
        .unwrap_or_default()
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default();
    if found.is_empty() {
        observance(&mut out, &initial, &initial, day_start, None);
    } else {
        let to_dst: Vec<&Transition> = found.iter().filter(|t| t.after.dst).collect();
        let to_std: Vec<&Transition> = found.iter().filter(|t| !t.after.dst).collect();
        let rules = (
            follows_one_rule(&to_dst, first_year, last_year),
            follows_one_rule(&to_std, first_year, last_year),
        );
        match (rules, to_dst.first(), to_std.first()) {
            ((Some(dst_rule), Some(std_rule)), Some(d), Some(s)) => {
                observance(
                    &mut out,
                    &d.before,
                    &d.after,
                    d.local(),
                    Some(&dst_rule.rrule()),
                );
                observance(
                    &mut out,
                    &s.before,
                    &s.after,
                    s.local(),
                    Some(&std_rule.rrule()),
                );
            }
            _ => {
                observance(&mut out, &initial, &initial, day_start, None);
                for t in &found {
                    observance(&mut out, &t.before, &t.after, t.local(), None);
                }
            }
        }
    }
    out.push_str("END:VTIMEZONE\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(text: &str, needle: &str) -> bool {
        text.split("\r\n").any(|l| l == needle)
    }

    #[test]
    fn paris_uses_the_eu_rule() {
        let v = vtimezone(chrono_tz::Europe::Paris, 2024, 2026);
        for line in [
            "TZID:Europe/Paris",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
            "DTSTART:20240331T020000",
            "DTSTART:20241027T030000",
            "TZOFFSETTO:+0200",
            "TZOFFSETTO:+0100",
            "TZNAME:CEST",
        ] {
            assert!(
                has(&v, line),
                "Paris must have {line}: Outlook reads only RRULE observances\n{v}"
            );
        }
    }

    #[test]
    fn new_york_uses_the_us_rule() {
        let v = vtimezone(chrono_tz::America::New_York, 2024, 2026);
        for line in [
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
            "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
            "TZOFFSETFROM:-0500",
            "TZOFFSETTO:-0400",
            "DTSTART:20240310T020000",
            "DTSTART:20241103T020000",
        ] {
            assert!(has(&v, line), "New York must have {line}\n{v}");
        }
    }

    #[test]
    fn tokyo_has_a_single_standard_observance() {
        let v = vtimezone(chrono_tz::Asia::Tokyo, 2024, 2026);
        assert_eq!(
            v.matches("BEGIN:STANDARD").count(),
            1,
            "no DST: one observance\n{v}"
        );
        assert!(!v.contains("DAYLIGHT"), "Tokyo has no daylight time\n{v}");
        assert!(has(&v, "TZOFFSETTO:+0900"), "Japan is UTC+9 all year\n{v}");
    }

    #[test]
    fn a_zone_whose_rules_change_gets_one_observance_per_transition() {
        // Europe/Moscow kept summer time until 2011, stayed on it (UTC+4) until 2014, then moved to UTC+3.
        let v = vtimezone(chrono_tz::Europe::Moscow, 2010, 2015);
        assert!(
            !v.contains("RRULE"),
            "no single yearly rule covers 2010-2015\n{v}"
        );
        assert!(
            has(&v, "TZOFFSETTO:+0300"),
            "the 2014 move to UTC+3 is present\n{v}"
        );
    }

    #[test]
    fn the_rule_reproduces_every_transition_it_replaces() {
        for (tz, year) in [
            (chrono_tz::Europe::Paris, 2025),
            (chrono_tz::America::New_York, 2025),
        ] {
            let start = Utc
                .with_ymd_and_hms(year - 1, 1, 1, 0, 0, 0)
                .single()
                .expect("start");
            let end = Utc
                .with_ymd_and_hms(year + 2, 1, 1, 0, 0, 0)
                .single()
                .expect("end");
            for t in transitions(tz, start, end) {
                let rule = YearlyRule::of(t.local().date());
                assert_eq!(
                    rule.date_in(t.local().year()),
                    Some(t.local().date()),
                    "{tz}: the rule derived from {} must give that day back",
                    t.local()
                );
            }
        }
    }
}

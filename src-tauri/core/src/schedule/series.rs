//! Expanding a brief series into dated occurrences with the `rrule` crate, in the series' own zone (so local time
//! stays fixed across daylight-saving changes), minus its exception days.

use super::halfday::local_instant;
use crate::error::{Error, FieldError, Result};
use crate::model::{check_text, SeriesInput, MAX_NAME_CHARS};
use crate::FieldCode;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use rrule::RRuleSet;

/// Most occurrences expanded in one call (ten years of weekly briefs).
const LIMIT: u16 = 520;

/// One dated occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// Local day.
    pub day: NaiveDate,
    /// Start instant.
    pub start: DateTime<Utc>,
    /// End instant.
    pub end: DateTime<Utc>,
}

fn parse_time(text: &str) -> Option<(u32, u32)> {
    let (h, m) = text.split_once(':')?;
    let (h, m) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some((h, m))
}

fn rule_set(
    input: &SeriesInput,
    tz: Tz,
    hh: u32,
    mm: u32,
) -> std::result::Result<RRuleSet, String> {
    let text = format!(
        "DTSTART;TZID={}:{}T{hh:02}{mm:02}00\nRRULE:{}",
        tz.name(),
        input.first_day.format("%Y%m%d"),
        input.rrule.trim().trim_start_matches("RRULE:")
    );
    text.parse::<RRuleSet>().map_err(|e| e.to_string())
}

/// Checks a series; returns the cleaned copy or every field error.
pub fn validated(input: &SeriesInput) -> Result<SeriesInput> {
    let mut errors = Vec::new();
    let mut s = input.clone();
    s.team = check_text(&mut errors, "team", &s.team, true, MAX_NAME_CHARS);
    s.title = check_text(&mut errors, "title", &s.title, false, MAX_NAME_CHARS);
    if s.title.is_empty() {
        s.title = format!("Brief – {}", s.team);
    }
    s.location = check_text(&mut errors, "location", &s.location, false, 500);
    let tz: Option<Tz> = s.timezone.parse().ok();
    if tz.is_none() {
        errors.push(FieldError::new(
            "timezone",
            FieldCode::UnknownTimezone,
            format!("{:?} is not an IANA zone", s.timezone),
        ));
    }
    let time = parse_time(&s.local_start);
    if time.is_none() {
        errors.push(FieldError::new(
            "localStart",
            FieldCode::InvalidTime,
            "a time such as 08:30",
        ));
    }
    if !(5..=480).contains(&s.duration_minutes) {
        errors.push(FieldError::new(
            "durationMinutes",
            FieldCode::OutOfRange,
            "between 5 minutes and 8 hours",
        ));
    }
    if let (Some(tz), Some((hh, mm))) = (tz, time) {
        if let Err(e) = rule_set(&s, tz, hh, mm) {
            errors.push(FieldError::new("rrule", FieldCode::InvalidRrule, e));
        }
    }
    s.exdates.sort_unstable();
    s.exdates.dedup();
    if errors.is_empty() {
        Ok(s)
    } else {
        Err(Error::Validation(errors))
    }
}

/// The occurrences of a (validated) series whose local day falls in `[from, to]`, exception days removed.
pub fn occurrences(input: &SeriesInput, from: NaiveDate, to: NaiveDate) -> Result<Vec<Occurrence>> {
    let tz: Tz = input
        .timezone
        .parse()
        .map_err(|_| Error::field("timezone", FieldCode::UnknownTimezone, "not an IANA zone"))?;
    let (hh, mm) = parse_time(&input.local_start).ok_or_else(|| {
        Error::field("localStart", FieldCode::InvalidTime, "a time such as 08:30")
    })?;
    let set = rule_set(input, tz, hh, mm)
        .map_err(|e| Error::field("rrule", FieldCode::InvalidRrule, e))?;
    let rtz = rrule::Tz::Tz(tz);
    let after = local_instant(tz, from, 0, 0).with_timezone(&rtz) - Duration::seconds(1);
    let before = local_instant(tz, to + Duration::days(1), 0, 0).with_timezone(&rtz);
    let result = set.after(after).before(before).all(LIMIT);
    Ok(result
        .dates
        .into_iter()
        .map(|d| d.date_naive())
        .filter(|d| !input.exdates.contains(d))
        .map(|day| {
            let start = local_instant(tz, day, hh, mm);
            Occurrence {
                day,
                start,
                end: start + Duration::minutes(i64::from(input.duration_minutes)),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn monday_brief() -> SeriesInput {
        SeriesInput {
            title: String::new(),
            team: "Ventes Sud-Ouest".into(),
            site_id: None,
            location: "Salle Garonne".into(),
            rrule: "FREQ=WEEKLY;BYDAY=MO".into(),
            first_day: day(2027, 1, 4),
            local_start: "08:00".into(),
            duration_minutes: 45,
            timezone: "Europe/Paris".into(),
            exdates: vec![day(2027, 3, 29)],
        }
    }

    #[test]
    fn weekly_briefs_keep_local_time_across_dst_and_skip_exdates() {
        let s = validated(&monday_brief()).expect("valid");
        let occ = occurrences(&s, day(2027, 3, 15), day(2027, 4, 12)).expect("expand");
        let days: Vec<NaiveDate> = occ.iter().map(|o| o.day).collect();
        assert_eq!(
            days,
            vec![
                day(2027, 3, 15),
                day(2027, 3, 22),
                day(2027, 4, 5),
                day(2027, 4, 12)
            ],
            "Easter Monday 2027-03-29 is an EXDATE and must be skipped"
        );
        assert_eq!(
            occ[0].start.format("%H:%M").to_string(),
            "07:00",
            "08:00 CET is 07:00 UTC"
        );
        assert_eq!(
            occ[2].start.format("%H:%M").to_string(),
            "06:00",
            "08:00 CEST is 06:00 UTC"
        );
        assert_eq!(
            (occ[0].end - occ[0].start).num_minutes(),
            45,
            "each occurrence lasts the series' duration"
        );
        assert_eq!(
            s.title, "Brief – Ventes Sud-Ouest",
            "an empty title is generated from the team"
        );
    }

    #[test]
    fn bad_rules_are_field_errors() {
        let bad = SeriesInput {
            rrule: "FREQ=SOMETIMES".into(),
            local_start: "25:00".into(),
            ..monday_brief()
        };
        let err = validated(&bad).expect_err("invalid");
        let codes: Vec<&str> = err.fields().iter().map(|f| f.code.as_str()).collect();
        assert_eq!(
            codes,
            vec!["invalid_time"],
            "with no valid time the rule cannot be checked; the time is reported"
        );
        let bad = SeriesInput {
            rrule: "FREQ=SOMETIMES".into(),
            ..monday_brief()
        };
        let err = validated(&bad).expect_err("invalid rule");
        assert_eq!(
            err.fields()[0].code,
            "invalid_rrule",
            "a rule the calendar cannot read is refused up front"
        );
    }
}

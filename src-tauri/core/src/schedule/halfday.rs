//! Fixed hours of half-days and whole days, in the site's zone. A morning and an afternoon of the same day never
//! overlap (the lunch break sits between them), so two half-day shadowings on one day are fine for a person.

use crate::model::HalfDay;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// Local start and end times of a half-day.
pub fn hours(half: HalfDay) -> ((u32, u32), (u32, u32)) {
    match half {
        HalfDay::Am => ((9, 0), (12, 30)),
        HalfDay::Pm => ((13, 30), (17, 30)),
        HalfDay::Full => ((9, 0), (17, 30)),
    }
}

/// A local wall-clock time on `day` in `tz` as an instant; in a spring-forward gap, the first valid instant after it.
pub fn local_instant(tz: Tz, day: NaiveDate, hh: u32, mm: u32) -> DateTime<Utc> {
    let naive = day.and_time(NaiveTime::from_hms_opt(hh, mm, 0).unwrap_or(NaiveTime::MIN));
    match tz.from_local_datetime(&naive).earliest() {
        Some(t) => t.with_timezone(&Utc),
        // The hour does not exist (DST gap): move forward until it does.
        None => (1..=4)
            .find_map(|h| {
                tz.from_local_datetime(&(naive + Duration::hours(h)))
                    .earliest()
            })
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(|| naive.and_utc()),
    }
}

/// The instants bounding a half-day on `day` in `tz`.
pub fn bounds(tz: Tz, day: NaiveDate, half: HalfDay) -> (DateTime<Utc>, DateTime<Utc>) {
    let ((sh, sm), (eh, em)) = hours(half);
    (
        local_instant(tz, day, sh, sm),
        local_instant(tz, day, eh, em),
    )
}

/// Local midnight to the next local midnight: an all-day item's bounds.
pub fn whole_days(tz: Tz, first: NaiveDate, last: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    (
        local_instant(tz, first, 0, 0),
        local_instant(tz, last + Duration::days(1), 0, 0),
    )
}

/// Every local day an interval touches (its end is exclusive).
pub fn local_days(tz: Tz, start: DateTime<Utc>, end: DateTime<Utc>) -> Vec<NaiveDate> {
    let first = start.with_timezone(&tz).date_naive();
    let last_instant = if end > start {
        end - Duration::seconds(1)
    } else {
        start
    };
    let last = last_instant.with_timezone(&tz).date_naive();
    first.iter_days().take_while(|d| *d <= last).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Paris;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn morning_and_afternoon_do_not_touch() {
        let (_, am_end) = bounds(Paris, day(2027, 3, 10), HalfDay::Am);
        let (pm_start, _) = bounds(Paris, day(2027, 3, 10), HalfDay::Pm);
        assert!(
            am_end < pm_start,
            "AM and PM of one day must not overlap, or half-day bookings would clash"
        );
    }

    #[test]
    fn hours_follow_daylight_saving_in_paris() {
        // 2027-03-28 is the spring-forward Sunday in Europe; the Monday after is in CEST (UTC+2).
        let (winter, _) = bounds(Paris, day(2027, 3, 26), HalfDay::Am);
        let (summer, _) = bounds(Paris, day(2027, 3, 29), HalfDay::Am);
        assert_eq!(
            winter.format("%H:%M").to_string(),
            "08:00",
            "9:00 in Paris is 08:00 UTC in winter"
        );
        assert_eq!(
            summer.format("%H:%M").to_string(),
            "07:00",
            "9:00 in Paris is 07:00 UTC after the change"
        );
    }

    #[test]
    fn whole_days_span_the_short_night() {
        let (start, end) = whole_days(Paris, day(2027, 3, 28), day(2027, 3, 28));
        assert_eq!(
            (end - start).num_hours(),
            23,
            "the spring-forward day has 23 hours"
        );
        assert_eq!(
            local_days(Paris, start, end),
            vec![day(2027, 3, 28)],
            "an all-day item covers exactly its day"
        );
    }
}

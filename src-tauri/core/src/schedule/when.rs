//! When an activity takes place, worded for people: local wall-clock times in the activity's own zone, named after
//! them, e.g. `14/04/2027 09:00–12:30, Europe/Paris`. Messages read by people (findings, CLI errors) use this; machine
//! output (JSON, `.ics`) keeps UTC instants.
//!
//! Invariant: the zone is always named, so a reader in another zone, or a day when clocks change, cannot misread the
//! hours; an all-day activity shows its days (its stored end, local midnight after the last day, is exclusive).

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

/// `start`–`end` in `zone`: `14/04/2027 09:00–12:30, Europe/Paris` on one day, `14/04/2027 09:00 – 15/04/2027 12:30,
/// Europe/Paris` across days, `14/04/2027, Europe/Paris` (or `14/04/2027 – 16/04/2027, …`) when all day. An unknown
/// zone name falls back to UTC, which is then the zone named.
pub fn local_span(start: DateTime<Utc>, end: DateTime<Utc>, zone: &str, all_day: bool) -> String {
    let (tz, name) = match zone.parse::<Tz>() {
        Ok(tz) => (tz, tz.name()),
        Err(_) => (Tz::UTC, "UTC"),
    };
    let (from, to) = (start.with_timezone(&tz), end.with_timezone(&tz));
    let day = "%d/%m/%Y";
    if all_day {
        let last = (to - Duration::seconds(1)).max(from);
        return if last.date_naive() == from.date_naive() {
            format!("{}, {name}", from.format(day))
        } else {
            format!("{} – {}, {name}", from.format(day), last.format(day))
        };
    }
    if from.date_naive() == to.date_naive() {
        format!(
            "{}–{}, {name}",
            from.format("%d/%m/%Y %H:%M"),
            to.format("%H:%M")
        )
    } else {
        format!(
            "{} – {}, {name}",
            from.format("%d/%m/%Y %H:%M"),
            to.format("%d/%m/%Y %H:%M")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("instant")
            .to_utc()
    }

    #[test]
    fn a_morning_reads_in_the_activitys_zone_with_the_zone_named() {
        assert_eq!(
            local_span(
                at("2027-04-14T07:00:00Z"),
                at("2027-04-14T10:30:00Z"),
                "Europe/Paris",
                false
            ),
            "14/04/2027 09:00–12:30, Europe/Paris",
            "Paris is UTC+2 in April: people read the hours they will be there, not UTC"
        );
        assert_eq!(
            local_span(
                at("2027-01-14T08:00:00Z"),
                at("2027-01-14T11:30:00Z"),
                "Europe/Paris",
                false
            ),
            "14/01/2027 09:00–12:30, Europe/Paris",
            "in winter Paris is UTC+1: the same local hours come from other instants"
        );
    }

    #[test]
    fn spans_across_days_and_all_day_activities_show_their_days() {
        assert_eq!(
            local_span(
                at("2027-04-14T20:00:00Z"),
                at("2027-04-15T07:00:00Z"),
                "Europe/Paris",
                false
            ),
            "14/04/2027 22:00 – 15/04/2027 09:00, Europe/Paris",
            "a span over midnight names both local days"
        );
        assert_eq!(
            local_span(
                at("2027-04-13T22:00:00Z"),
                at("2027-04-14T22:00:00Z"),
                "Europe/Paris",
                true
            ),
            "14/04/2027, Europe/Paris",
            "an all-day activity is its local day, not the UTC evening before it"
        );
        assert_eq!(
            local_span(at("2027-04-13T22:00:00Z"), at("2027-04-16T22:00:00Z"), "Europe/Paris", true),
            "14/04/2027 – 16/04/2027, Europe/Paris",
            "the stored end of an all-day activity is exclusive: the last day shown is the day before it"
        );
        assert_eq!(
            local_span(
                at("2027-04-14T07:00:00Z"),
                at("2027-04-14T10:30:00Z"),
                "Mars/Olympus",
                false
            ),
            "14/04/2027 07:00–10:30, UTC",
            "an unknown zone still gives correct hours, named as UTC"
        );
    }
}

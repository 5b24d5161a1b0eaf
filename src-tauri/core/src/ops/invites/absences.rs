//! Reading the absences an .ics file gives (any calendar: a person's leave, company holidays).
//!
//! Invariants: each VEVENT gives one absence per occurrence: a repeating one (RRULE, RDATE, minus EXDATEs and the
//! occurrences that other VEVENTs of its UID override by RECURRENCE-ID) is expanded by [`ical::expand`], bounded to
//! two years from its first occurrence and [`ical::MAX_OCCURRENCES`], and a cut is reported in
//! [`IcsImportReport::capped`], never silent; an override is read like any single event (cancelled ones are skipped,
//! and so removed); an absence already stored, or given twice by the file, is flagged `duplicate` and not added again.

use super::import::{AbsencePreview, IcsCapped, IcsImportReport, IcsSkipped};
use crate::error::{Error, Result};
use crate::ical::{self, IcsFile, IcsTime};
use crate::model::Person;
use crate::store::{absences, people, settings, Store};
use crate::FieldCode;
use chrono::{Duration, NaiveDate};
use chrono_tz::Tz;
use std::collections::HashMap;

/// The last day (inclusive) of an occurrence that starts on `first` and ends at `end` (exclusive).
fn last_day(end: Option<&IcsTime>, first: NaiveDate, zone: Tz) -> NaiveDate {
    let last = match end {
        None => first,
        Some(IcsTime::Day(d)) => *d - Duration::days(1),
        Some(IcsTime::Utc(t)) => (*t - Duration::seconds(1))
            .with_timezone(&zone)
            .date_naive(),
        Some(IcsTime::Zoned { local, .. } | IcsTime::Floating(local)) => {
            (*local - Duration::seconds(1)).date()
        }
    };
    last.max(first)
}

/// Fills `report.absences` (and `skipped`, `capped`) from the events of `file`, for `person_email` or company-wide.
pub(super) fn absences_of(
    store: &Store,
    file: &IcsFile,
    person_email: Option<&str>,
    report: &mut IcsImportReport,
) -> Result<()> {
    let conn = store.conn();
    let person: Option<Person> = match person_email.map(str::trim).filter(|e| !e.is_empty()) {
        None => None,
        Some(email) => Some(people::find_by_email(conn, email)?.ok_or_else(|| {
            Error::field(
                "personEmail",
                FieldCode::UnknownPerson,
                format!("nobody has the email {email}"),
            )
        })?),
    };
    let zone: Tz = settings::get(conn)?
        .default_timezone
        .parse()
        .unwrap_or(chrono_tz::Europe::Paris);
    let person_id = person.as_ref().map(|p| p.id);
    let mut overridden: HashMap<&str, Vec<IcsTime>> = HashMap::new();
    for e in &file.events {
        if let (Some(uid), Some(original)) = (e.uid.as_deref(), &e.recurrence_id) {
            overridden.entry(uid).or_default().push(original.clone());
        }
    }
    for e in &file.events {
        let summary = ical::clean_text(&e.summary);
        let skip = |reason: &str| IcsSkipped {
            line: e.line,
            summary: summary.clone(),
            reason: reason.to_owned(),
        };
        if e.status.as_deref() == Some("CANCELLED") {
            report.skipped.push(skip("the event is cancelled"));
            continue;
        }
        let first = e.start.local_day(zone);
        if last_day(e.end.as_ref(), first, zone) - first > Duration::days(366) {
            report
                .skipped
                .push(skip("longer than a year: check the dates"));
            continue;
        }
        let spans = if e.recurring && e.recurrence_id.is_none() {
            let others = e
                .uid
                .as_deref()
                .and_then(|u| overridden.get(u))
                .map_or(&[][..], Vec::as_slice);
            match ical::expand(e, others, zone) {
                Ok(x) => {
                    if let Some(last_day) = x.capped_after {
                        report.capped.push(IcsCapped {
                            line: e.line,
                            summary: summary.clone(),
                            kept: x.occurrences.len(),
                            last_day,
                        });
                    }
                    x.occurrences
                }
                Err(why) => {
                    report
                        .skipped
                        .push(skip(&format!("its repeat rule cannot be read: {why}")));
                    continue;
                }
            }
        } else {
            vec![(e.start.clone(), e.end.clone())]
        };
        let reason: String = if summary.is_empty() {
            "Absence".to_owned()
        } else {
            summary.clone()
        };
        let reason: String = reason.chars().take(crate::model::MAX_NAME_CHARS).collect();
        for (start, end) in spans {
            let first = start.local_day(zone);
            let last = last_day(end.as_ref(), first, zone);
            let stored = absences::between(conn, first, last)?.into_iter().any(|a| {
                a.person_id == person_id
                    && a.first_day == first
                    && a.last_day == last
                    && a.reason == reason
            });
            let repeated = report
                .absences
                .iter()
                .any(|a| a.first_day == first && a.last_day == last && a.reason == reason);
            report.absences.push(AbsencePreview {
                line: e.line,
                first_day: first,
                last_day: last,
                reason: reason.clone(),
                person_id,
                duplicate: stored || repeated,
            });
        }
    }
    Ok(())
}

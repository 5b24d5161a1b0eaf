//! Turning what a form sends into a well-formed activity before the clash check: kind-specific fields are checked,
//! shadowing hours follow the half-day, co-location is a whole day, empty titles are generated, and training
//! invitees beyond capacity go to the waitlist (in the order given).

use super::halfday::{bounds, whole_days};
use crate::error::{Error, FieldError, Result};
use crate::model::{
    check_text, ActivityInput, ActivityKind, Department, HalfDay, ParticipationStatus, Person,
    Role, MAX_NAME_CHARS,
};
use crate::store::people;
use crate::FieldCode;
use chrono_tz::Tz;
use rusqlite::Connection;
use std::collections::HashSet;

/// Longest title accepted (calendar clients truncate long ones anyway).
pub const MAX_TITLE_CHARS: usize = 300;

/// The direction of a shadowing day, e.g. `marketing → sales`, or `None` if it is not an exchange between marketing
/// and the field (sales or the CRC).
pub fn direction(visitor: Department, host: Department) -> Option<String> {
    let field = |d: Department| matches!(d, Department::Sales | Department::Crc);
    let ok = (visitor == Department::Marketing && field(host))
        || (field(visitor) && host == Department::Marketing);
    ok.then(|| format!("{visitor} → {host}"))
}

/// Checks and completes `input`; returns every field error at once.
pub fn normalize(conn: &Connection, input: &ActivityInput) -> Result<ActivityInput> {
    let mut a = input.clone();
    let mut errors: Vec<FieldError> = Vec::new();
    a.title = check_text(&mut errors, "title", &a.title, false, MAX_TITLE_CHARS);
    a.location = check_text(&mut errors, "location", &a.location, false, MAX_NAME_CHARS);
    let tz: Option<Tz> = a.timezone.parse().ok();
    if tz.is_none() {
        errors.push(FieldError::new(
            "timezone",
            FieldCode::UnknownTimezone,
            format!("{:?} is not an IANA zone", a.timezone),
        ));
    }
    let mut seen = HashSet::new();
    for p in &a.participants {
        if !seen.insert(p.person_id) {
            errors.push(FieldError::new(
                "participants",
                FieldCode::DuplicateParticipant,
                "a person is listed twice",
            ));
        }
    }
    let mut who: Vec<(Role, Person)> = Vec::new();
    for p in &a.participants {
        match people::find(conn, p.person_id)? {
            Some(person) => who.push((p.role, person)),
            None => errors.push(FieldError::new(
                "participants",
                FieldCode::UnknownPerson,
                format!("no person {}", p.person_id),
            )),
        }
    }
    let name_of = |role: Role| who.iter().find(|(r, _)| *r == role).map(|(_, p)| p);
    match a.kind {
        ActivityKind::Shadowing => {
            let visitors = a
                .participants
                .iter()
                .filter(|p| p.role == Role::Visitor)
                .count();
            let hosts = a
                .participants
                .iter()
                .filter(|p| p.role == Role::Host)
                .count();
            if visitors != 1 {
                errors.push(FieldError::new(
                    "visitor",
                    FieldCode::Required,
                    "a shadowing day has exactly one visitor",
                ));
            }
            if hosts != 1 {
                errors.push(FieldError::new(
                    "host",
                    FieldCode::Required,
                    "a shadowing day has exactly one host",
                ));
            }
            if let (Some(v), Some(h)) = (name_of(Role::Visitor), name_of(Role::Host)) {
                if direction(v.department, h.department).is_none() {
                    errors.push(FieldError::new(
                        "host",
                        FieldCode::InvalidDirection,
                        format!(
                            "{} ({}) visiting {} ({}) is not a marketing–field exchange",
                            v.full_name, v.department, h.full_name, h.department
                        ),
                    ));
                }
                if a.title.is_empty() {
                    a.title = format!("Vis ma vie : {} chez {}", v.full_name, h.full_name);
                }
            }
            let half = a.half_day.unwrap_or(HalfDay::Full);
            a.half_day = Some(half);
            a.all_day = false;
            if let Some(tz) = tz {
                let day = a.start.with_timezone(&tz).date_naive();
                (a.start, a.end) = bounds(tz, day, half);
            }
        }
        ActivityKind::Colocation => {
            if a.site_id.is_none() {
                errors.push(FieldError::new(
                    "siteId",
                    FieldCode::Required,
                    "a co-location day happens at a site",
                ));
            }
            if let Some(tz) = tz {
                let first = a.start.with_timezone(&tz).date_naive();
                (a.start, a.end) = whole_days(tz, first, first);
            }
            a.all_day = true;
            a.half_day = Some(HalfDay::Full);
            if a.title.is_empty() {
                if let Some((_, p)) = who.first() {
                    a.title = format!("Co-location : {}", p.full_name);
                }
            }
        }
        ActivityKind::Training => {
            match a.capacity {
                Some(c) if c > 0 => waitlist_overflow(&mut a, c),
                _ => errors.push(FieldError::new(
                    "capacity",
                    FieldCode::Required,
                    "a training needs a number of seats",
                )),
            }
            for (field, v) in [
                ("mixMinMarketing", a.mix_min_marketing),
                ("mixMinSales", a.mix_min_sales),
            ] {
                if v.is_some_and(|v| !(0..=100).contains(&v)) {
                    errors.push(FieldError::new(
                        field,
                        FieldCode::OutOfRange,
                        "a share between 0 and 100%",
                    ));
                }
            }
        }
        ActivityKind::Brief => {}
    }
    if a.title.is_empty() {
        match a.kind {
            // Their title is optional (made from the people); when it could not be made, the missing person is the
            // error, reported on the people's fields, never on the title the form marks "optional".
            ActivityKind::Shadowing | ActivityKind::Colocation => {
                if errors.is_empty() {
                    errors.push(FieldError::new(
                        "participants",
                        FieldCode::Required,
                        "name the person this day is for; the title is made from it",
                    ));
                }
            }
            _ => errors.push(FieldError::new(
                "title",
                FieldCode::Required,
                "this field is required",
            )),
        }
    }
    if a.end <= a.start {
        errors.push(FieldError::new(
            "end",
            FieldCode::EndBeforeStart,
            "the end must come after the start",
        ));
    } else if a.end - a.start > chrono::Duration::days(crate::store::MAX_ACTIVITY_DAYS) {
        errors.push(FieldError::new(
            "end",
            FieldCode::TooManyDays,
            format!(
                "an activity lasts at most {} days",
                crate::store::MAX_ACTIVITY_DAYS
            ),
        ));
    }
    if errors.is_empty() {
        Ok(a)
    } else {
        Err(Error::Validation(errors))
    }
}

/// Invitees past the capacity wait, in the order given; the trainer and organizer take no seat.
fn waitlist_overflow(a: &mut ActivityInput, capacity: i32) {
    let mut seated = 0;
    for p in a
        .participants
        .iter_mut()
        .filter(|p| p.role == Role::Attendee)
    {
        if super::rules::coming(p.status) {
            if seated < capacity {
                seated += 1;
            } else {
                p.status = ParticipationStatus::Waitlisted;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shadowing(participants: Vec<crate::model::ParticipantInput>) -> ActivityInput {
        ActivityInput {
            kind: ActivityKind::Shadowing,
            title: String::new(),
            description: String::new(),
            site_id: None,
            location: String::new(),
            start: crate::testkit::at("2027-01-05T08:00:00Z"),
            end: crate::testkit::at("2027-01-05T16:00:00Z"),
            timezone: crate::testkit::PARIS.into(),
            all_day: false,
            status: crate::model::ActivityStatus::Planned,
            organizer_id: None,
            half_day: Some(HalfDay::Am),
            capacity: None,
            mix_min_marketing: None,
            mix_min_sales: None,
            series_id: None,
            goals: String::new(),
            participants,
        }
    }

    #[test]
    fn an_empty_optional_title_is_never_the_error() {
        let mut store = crate::store::Store::open_in_memory().expect("store");
        let now = crate::testkit::at("2027-01-04T09:00:00Z");
        let visitor = store
            .write("test", now, |tx| {
                crate::testkit::person(tx, "marie", Department::Marketing, "Produit", None)
            })
            .expect("visitor");
        let only_visitor = vec![crate::model::ParticipantInput {
            person_id: visitor,
            role: Role::Visitor,
            status: ParticipationStatus::Invited,
        }];
        let err = normalize(store.conn(), &shadowing(only_visitor))
            .expect_err("a shadowing day without a host is refused");
        let fields: Vec<(&str, &str)> = err
            .fields()
            .iter()
            .map(|f| (f.field.as_str(), f.code.as_str()))
            .collect();
        assert!(
            fields.contains(&("host", "required")),
            "the missing host is the error the form shows: {fields:?}"
        );
        assert!(
            !fields.iter().any(|(field, _)| *field == "title"),
            "the title is marked optional on a shadowing day, so it must never be reported as required: {fields:?}"
        );
        let err = normalize(store.conn(), &shadowing(Vec::new())).expect_err("nobody at all");
        assert!(
            err.fields().iter().all(|f| f.field != "title"),
            "with nobody named, the people are missing, not the title: {err}"
        );
    }

    #[test]
    fn direction_is_marketing_to_field_or_back() {
        assert_eq!(
            direction(Department::Marketing, Department::Sales).as_deref(),
            Some("marketing → sales")
        );
        assert_eq!(
            direction(Department::Crc, Department::Marketing).as_deref(),
            Some("crc → marketing")
        );
        assert_eq!(
            direction(Department::Sales, Department::Crc),
            None,
            "sales visiting the CRC is not our exchange"
        );
        assert_eq!(
            direction(Department::Marketing, Department::Marketing),
            None,
            "marketers visiting marketers"
        );
    }
}

//! Adding, editing and deleting sites.

use crate::error::{Error, FieldError, Result};
use crate::model::{DayOccupancy, Id, Site, SiteInput, SiteRow};
use crate::schedule::halfday::whole_days;
use crate::store::{participations, sites, Store, Tx};
use crate::FieldCode;
use chrono::{DateTime, NaiveDate, Utc};

/// Longest span [`occupancy`] answers for, in days (a board shows a few weeks).
pub const MAX_OCCUPANCY_DAYS: i64 = 62;

/// All sites with their people counts.
pub fn list(store: &Store) -> Result<Vec<SiteRow>> {
    sites::list(store.conn())
}

/// Seats taken at a site for each local day (in the site's zone) from `first` to `last` inclusive.
pub fn occupancy(
    store: &Store,
    site_id: Id,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<DayOccupancy>> {
    if last < first {
        return Err(Error::field(
            "last",
            FieldCode::EndBeforeStart,
            "the last day is before the first",
        ));
    }
    if (last - first).num_days() >= MAX_OCCUPANCY_DAYS {
        return Err(Error::field(
            "last",
            FieldCode::TooManyDays,
            format!("at most {MAX_OCCUPANCY_DAYS} days at a time"),
        ));
    }
    let conn = store.conn();
    let site = sites::get(conn, site_id)?;
    let tz: chrono_tz::Tz = site.timezone.parse().map_err(|_| {
        Error::field(
            "timezone",
            FieldCode::UnknownTimezone,
            site.timezone.clone(),
        )
    })?;
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .map(|day| {
            let (from, to) = whole_days(tz, day, day);
            Ok(DayOccupancy {
                day,
                used: participations::seats_used(conn, site_id, from, to, None)?,
                seats: site.seats,
            })
        })
        .collect()
}

/// Creates a site; its name must be new (case-insensitive).
pub fn add(store: &mut Store, input: &SiteInput, now: DateTime<Utc>, actor: &str) -> Result<Site> {
    let input = input.validated()?;
    store.write(actor, now, |tx| {
        check_unique_name(tx, &input.name, None)?;
        sites::insert(tx, &input)
    })
}

/// Edits a site.
pub fn update(
    store: &mut Store,
    id: Id,
    input: &SiteInput,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Site> {
    let input = input.validated()?;
    store.write(actor, now, |tx| {
        sites::get(tx, id)?;
        check_unique_name(tx, &input.name, Some(id))?;
        sites::update(tx, id, &input)
    })
}

/// Deletes a site nobody and nothing uses; otherwise [`Error::SiteInUse`] and nothing changes.
pub fn delete(store: &mut Store, id: Id, now: DateTime<Utc>, actor: &str) -> Result<()> {
    store.write(actor, now, |tx| {
        let site = sites::get(tx, id)?;
        let (people, activities) = sites::usage(tx, id)?;
        if people > 0 || activities > 0 {
            return Err(Error::SiteInUse {
                name: site.name,
                people,
                activities,
            });
        }
        sites::delete(tx, id)
    })
}

fn check_unique_name(tx: &Tx<'_>, name: &str, this: Option<Id>) -> Result<()> {
    match sites::find_by_name(tx, name)? {
        Some(other) if Some(other.id) != this => Err(Error::Validation(vec![FieldError::new(
            "name",
            FieldCode::DuplicateName,
            format!("a site named {:?} already exists", other.name),
        )])),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Department, PersonInput};

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-27T10:00:00Z")
            .map(|d| d.to_utc())
            .expect("fixed instant")
    }

    fn paris() -> SiteInput {
        SiteInput {
            name: "Paris".into(),
            timezone: "Europe/Paris".into(),
            seats: 4,
            is_crc: false,
        }
    }

    #[test]
    fn names_are_unique_case_insensitively() {
        let mut store = Store::open_in_memory().expect("store");
        add(&mut store, &paris(), now(), "t").expect("first");
        let dup = SiteInput {
            name: " PARIS ".into(),
            ..paris()
        };
        let err = add(&mut store, &dup, now(), "t").expect_err("same name differently cased");
        assert_eq!(
            err.fields()[0].code,
            "duplicate_name",
            "two sites named alike would be indistinguishable in pickers"
        );
    }

    #[test]
    fn bad_zone_and_negative_seats_are_field_errors() {
        let mut store = Store::open_in_memory().expect("store");
        let bad = SiteInput {
            timezone: "Paris/France".into(),
            seats: -1,
            ..paris()
        };
        let err = add(&mut store, &bad, now(), "t").expect_err("invalid");
        let codes: Vec<&str> = err.fields().iter().map(|f| f.code.as_str()).collect();
        assert_eq!(
            codes,
            vec!["unknown_timezone", "negative"],
            "invites need a real IANA zone; seats are a count"
        );
        assert!(
            list(&store).expect("list").is_empty(),
            "a refused site must not be half-written"
        );
    }

    #[test]
    fn a_used_site_cannot_be_deleted() {
        let mut store = Store::open_in_memory().expect("store");
        let site = add(&mut store, &paris(), now(), "t").expect("site");
        let person = PersonInput {
            full_name: "Éloïse Martin".into(),
            email: "eloise@ex.fr".into(),
            department: Department::Marketing,
            team: String::new(),
            site_id: Some(site.id),
            manager_id: None,
            active: true,
        };
        crate::ops::people::add(&mut store, &person, now(), "t").expect("person");
        let err = delete(&mut store, site.id, now(), "t").expect_err("in use");
        assert_eq!(
            err.code(),
            "site_in_use",
            "deleting a site would orphan the people working there"
        );
        assert_eq!(
            list(&store).expect("list").len(),
            1,
            "the refused delete must leave the site in place"
        );
    }
}

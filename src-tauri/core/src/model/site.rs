//! Sites: offices and the customer-relations centre. A site's name is unique (case-insensitive) and its zone is an
//! IANA name, because invites are written in the site's local time.

use super::{check_text, is_valid_timezone, Id, MAX_NAME_CHARS};
use crate::error::{Error, FieldError, Result};
use crate::FieldCode;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A stored site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Site {
    /// Database id.
    #[ts(type = "number")]
    pub id: Id,
    /// Display name, unique.
    pub name: String,
    /// IANA time zone, e.g. `Europe/Paris`.
    pub timezone: String,
    /// Desk seats available for co-location days.
    pub seats: i32,
    /// Whether this is the customer-relations centre.
    pub is_crc: bool,
}

/// Seats taken at a site on one local day (co-location participants and CRC shadowing visitors).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DayOccupancy {
    /// Local day in the site's zone.
    pub day: NaiveDate,
    /// Seats taken that day.
    #[ts(type = "number")]
    pub used: i64,
    /// Seats the site has.
    pub seats: i32,
}

/// A site as the user types it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SiteInput {
    /// Display name.
    pub name: String,
    /// IANA time zone.
    pub timezone: String,
    /// Desk seats for co-location.
    pub seats: i32,
    /// Whether this is the customer-relations centre.
    pub is_crc: bool,
}

/// A site with how many people are attached to it, for lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SiteRow {
    /// Database id.
    #[ts(type = "number")]
    pub id: Id,
    /// Display name.
    pub name: String,
    /// IANA time zone.
    pub timezone: String,
    /// Desk seats.
    pub seats: i32,
    /// Customer-relations centre flag.
    pub is_crc: bool,
    /// People whose site this is (active or not).
    #[ts(type = "number")]
    pub people_count: i64,
}

impl SiteInput {
    /// Trims and checks the input; returns the cleaned copy or every field error at once.
    pub fn validated(&self) -> Result<SiteInput> {
        let mut errors: Vec<FieldError> = Vec::new();
        let name = check_text(&mut errors, "name", &self.name, true, MAX_NAME_CHARS);
        let timezone = self.timezone.trim().to_owned();
        if timezone.is_empty() {
            errors.push(FieldError::new(
                "timezone",
                FieldCode::Required,
                "a time zone is required",
            ));
        } else if !is_valid_timezone(&timezone) {
            errors.push(FieldError::new(
                "timezone",
                FieldCode::UnknownTimezone,
                format!("{timezone:?} is not an IANA time zone such as Europe/Paris"),
            ));
        }
        if self.seats < 0 {
            errors.push(FieldError::new(
                "seats",
                FieldCode::Negative,
                "seats cannot be negative",
            ));
        }
        if errors.is_empty() {
            Ok(SiteInput {
                name,
                timezone,
                seats: self.seats,
                is_crc: self.is_crc,
            })
        } else {
            Err(Error::Validation(errors))
        }
    }
}

//! Organisation-wide settings. Stored as key/value rows; a missing key means its default, so adding a setting later
//! needs no migration.

use super::text_enum::text_enum;
use super::{check_text, is_valid_email, is_valid_timezone, MAX_NAME_CHARS};
use crate::error::{Error, FieldError, Result};
use crate::FieldCode;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

text_enum! {
    /// A user-interface language.
    Language {
        /// Français.
        Fr => "fr",
        /// English.
        En => "en",
    }
}

/// The settings the app and the invites use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Settings {
    /// Name shown as ORGANIZER on invites.
    pub organizer_name: String,
    /// Email of the ORGANIZER on invites.
    pub organizer_email: String,
    /// Zone used when a site gives none.
    pub default_timezone: String,
    /// UI language; `None` follows the system.
    pub language: Option<Language>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            organizer_name: String::new(),
            organizer_email: String::new(),
            default_timezone: "Europe/Paris".into(),
            language: None,
        }
    }
}

impl Settings {
    /// Trims and checks; the organizer may be left empty until invites are sent, but if given it must be valid.
    pub fn validated(&self) -> Result<Settings> {
        let mut errors: Vec<FieldError> = Vec::new();
        let organizer_name = check_text(
            &mut errors,
            "organizerName",
            &self.organizer_name,
            false,
            MAX_NAME_CHARS,
        );
        let organizer_email = check_text(
            &mut errors,
            "organizerEmail",
            &self.organizer_email,
            false,
            254,
        );
        if !organizer_email.is_empty() && !is_valid_email(&organizer_email) {
            errors.push(FieldError::new(
                "organizerEmail",
                FieldCode::InvalidEmail,
                format!("{organizer_email:?} is not a valid email address"),
            ));
        }
        let default_timezone = self.default_timezone.trim().to_owned();
        if !is_valid_timezone(&default_timezone) {
            errors.push(FieldError::new(
                "defaultTimezone",
                FieldCode::UnknownTimezone,
                format!("{default_timezone:?} is not an IANA time zone such as Europe/Paris"),
            ));
        }
        if errors.is_empty() {
            Ok(Settings {
                organizer_name,
                organizer_email,
                default_timezone,
                language: self.language,
            })
        } else {
            Err(Error::Validation(errors))
        }
    }
}

/// The rules the clash check and the planner enforce, adjustable per organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PlanningRules {
    /// How many visitors one host may receive in the same half-day.
    pub host_capacity_per_half_day: i32,
    /// How many days a month one person may host, to protect selling time.
    pub max_host_days_per_month: i32,
}

impl Default for PlanningRules {
    fn default() -> Self {
        PlanningRules {
            host_capacity_per_half_day: 1,
            max_host_days_per_month: 2,
        }
    }
}

impl PlanningRules {
    /// Both limits must be at least 1.
    pub fn validated(&self) -> Result<PlanningRules> {
        let mut errors = Vec::new();
        if self.host_capacity_per_half_day < 1 {
            errors.push(FieldError::new(
                "hostCapacityPerHalfDay",
                FieldCode::TooSmall,
                "at least 1",
            ));
        }
        if self.max_host_days_per_month < 1 {
            errors.push(FieldError::new(
                "maxHostDaysPerMonth",
                FieldCode::TooSmall,
                "at least 1",
            ));
        }
        if errors.is_empty() {
            Ok(*self)
        } else {
            Err(Error::Validation(errors))
        }
    }
}

/// Default of [`Retention::months`]: two years after a person's last participation and departure.
pub const DEFAULT_RETENTION_MONTHS: u32 = 24;

/// Longest retention one may set (50 years), so a typo cannot overflow date arithmetic.
pub const MAX_RETENTION_MONTHS: u32 = 600;

/// How long the history keeps the identity of people who left (see `ops::privacy::apply_retention`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Retention {
    /// Months after both their deactivation and their last participation before an inactive person is anonymised;
    /// `None` keeps identities for ever.
    pub months: Option<u32>,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            months: Some(DEFAULT_RETENTION_MONTHS),
        }
    }
}

impl Retention {
    /// At least 1 month and at most [`MAX_RETENTION_MONTHS`] (or never).
    pub fn validated(&self) -> Result<Retention> {
        match self.months {
            Some(0) => Err(Error::field(
                "months",
                FieldCode::TooSmall,
                "at least 1 month",
            )),
            Some(m) if m > MAX_RETENTION_MONTHS => Err(Error::field(
                "months",
                FieldCode::TooLarge,
                format!("at most {MAX_RETENTION_MONTHS} months"),
            )),
            _ => Ok(*self),
        }
    }
}

//! Absences: a person away for a range of whole days, or a company holiday (no person). Days are inclusive.

use super::text_enum::text_enum;
use super::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

text_enum! {
    /// Where an absence came from.
    AbsenceSource {
        /// Typed in the app.
        Manual => "manual",
        /// Imported from an .ics file.
        Ics => "ics",
    }
}

/// A stored absence or company holiday.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Absence {
    /// Database id.
    #[ts(type = "number")]
    pub id: Id,
    /// The absent person; `None` for a company holiday.
    #[ts(type = "number | null")]
    pub person_id: Option<Id>,
    /// First day away.
    pub first_day: NaiveDate,
    /// Last day away (inclusive).
    pub last_day: NaiveDate,
    /// Free-text reason ("Congés", "Férié : 14 juillet").
    pub reason: String,
    /// Origin.
    pub source: AbsenceSource,
}

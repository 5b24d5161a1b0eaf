//! Recording absences and company holidays.

use crate::error::{Error, FieldError, Result};
use crate::model::{check_text, Absence, AbsenceSource, Id, MAX_NAME_CHARS};
use crate::store::{absences, people, Store};
use crate::FieldCode;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An absence as a form gives it; no person means a company holiday.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AbsenceInput {
    /// Who is away; `None` for a company holiday.
    pub person_id: Option<Id>,
    /// First day away.
    pub first_day: NaiveDate,
    /// Last day away (inclusive).
    pub last_day: NaiveDate,
    /// Reason.
    pub reason: String,
}

/// Absences and holidays touching `[first, last]`.
pub fn list(store: &Store, first: NaiveDate, last: NaiveDate) -> Result<Vec<Absence>> {
    absences::between(store.conn(), first, last)
}

/// Records an absence.
pub fn add(
    store: &mut Store,
    input: &AbsenceInput,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Absence> {
    let mut errors = Vec::new();
    let reason = check_text(&mut errors, "reason", &input.reason, false, MAX_NAME_CHARS);
    if input.last_day < input.first_day {
        errors.push(FieldError::new(
            "lastDay",
            FieldCode::EndBeforeStart,
            "the last day comes before the first",
        ));
    }
    if let Some(person) = input.person_id {
        if people::find(store.conn(), person)?.is_none() {
            errors.push(FieldError::new(
                "personId",
                FieldCode::UnknownPerson,
                format!("there is no person {person}"),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    store.write(actor, now, |tx| {
        absences::insert(
            tx,
            input.person_id,
            input.first_day,
            input.last_day,
            &reason,
            AbsenceSource::Manual,
        )
    })
}

/// Deletes an absence.
pub fn delete(store: &mut Store, id: Id, now: DateTime<Utc>, actor: &str) -> Result<()> {
    store.write(actor, now, |tx| absences::delete(tx, id))
}

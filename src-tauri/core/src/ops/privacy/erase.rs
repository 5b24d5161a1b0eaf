//! Erasure (GDPR right to be forgotten): a preview that says exactly what will change, then the change in one
//! transaction. Both count through the same queries (`super::changes`), so the preview is what happens.

use super::{
    anonymise_all_in, changes, pseudonym, pseudonymous_email, refuse_if_anonymised, Changes,
};
use crate::error::Result;
use crate::model::Id;
use crate::store::{people, ts, Store};
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// Rows of one table whose free text names the person and gets the pseudonym instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TextRewrite {
    /// The table (`audit`, `activities`, `debriefs`, `settings`, ...).
    pub table: String,
    /// How many of its rows.
    #[ts(type = "number")]
    pub rows: i64,
}

/// What erasing a person will change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ErasurePreview {
    /// The person.
    #[ts(type = "number")]
    pub person_id: Id,
    /// Their name now, replaced by `pseudonym`.
    pub full_name: String,
    /// Their email now, replaced by `pseudonymous_email`.
    pub email: String,
    /// The name they will be shown under.
    pub pseudonym: String,
    /// Their new, non-routable address.
    pub pseudonymous_email: String,
    /// Participations kept (they still count in reports) under the pseudonym.
    #[ts(type = "number")]
    pub participations: i64,
    /// Of those, participations not yet started, which are cancelled.
    #[ts(type = "number")]
    pub future_participations_cancelled: i64,
    /// Debriefs kept, texts included, linked to the pseudonym.
    #[ts(type = "number")]
    pub debriefs: i64,
    /// Absences kept (days only).
    #[ts(type = "number")]
    pub absences: i64,
    /// Of those, absences whose reason is cleared.
    #[ts(type = "number")]
    pub absence_reasons_cleared: i64,
    /// Audit entries whose before/after or actor name them, rewritten.
    #[ts(type = "number")]
    pub audit_entries: i64,
    /// Invite log rows dropped (nothing is ever sent to them again).
    #[ts(type = "number")]
    pub invite_log_rows: i64,
    /// Whether a manager link is cleared.
    pub manager_link_cleared: bool,
    /// Every table whose free text names them, with its row count (audit included).
    pub texts: Vec<TextRewrite>,
}

fn preview_of(person: &crate::model::Person, c: Changes) -> ErasurePreview {
    ErasurePreview {
        person_id: person.id,
        full_name: person.full_name.clone(),
        email: person.email.clone(),
        pseudonym: pseudonym(person.id),
        pseudonymous_email: pseudonymous_email(person.id),
        participations: c.participations,
        future_participations_cancelled: c.future_cancelled,
        debriefs: c.debriefs,
        absences: c.absences,
        absence_reasons_cleared: c.absence_reasons,
        audit_entries: c.audit_entries(),
        invite_log_rows: c.invite_log,
        manager_link_cleared: c.manager_cleared,
        texts: c.texts,
    }
}

/// What [`erase`] would change for `person` now, without writing. Refused (`anonymised`) if already anonymised.
pub fn erasure_preview(store: &Store, person: Id, now: DateTime<Utc>) -> Result<ErasurePreview> {
    let p = people::get(store.conn(), person)?;
    refuse_if_anonymised(&p)?;
    let c = changes(store.conn(), &p, &ts(now))?;
    Ok(preview_of(&p, c))
}

/// Erases `person`'s identity everywhere, in one transaction, audited as `anonymise:erasure` with counts only (the
/// erased identity is not written anywhere). Returns what changed, as the preview said.
pub fn erase(
    store: &mut Store,
    person: Id,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<ErasurePreview> {
    store.write(actor, now, |tx| {
        let p = people::get(tx, person)?;
        let c = anonymise_all_in(tx, std::slice::from_ref(&p), "erasure")?;
        Ok(preview_of(&p, c.into_iter().next().unwrap_or_default()))
    })
}

//! Privacy (GDPR): anonymisation shared by retention and erasure, and the per-person access export.
//!
//! Anonymising a person keeps their row, so every aggregate by team, department and site stays right, and removes
//! what identifies them:
//! - name → the pseudonym `Personne anonymisée #<id>` (stored as is: exports, the CLI and reports read it without a
//!   translation layer, and it names no one), email → `anonymised-<id>@anonymised.invalid` (unique, and `.invalid`
//!   never routes, RFC 2606); manager link cleared; inactive; `anonymised_at` set;
//! - the reasons of their absences are cleared (the days stay: they explain past planning);
//! - their participations stay (pseudonymised through the row); those not yet started are cancelled, and their invite
//!   log rows are dropped, so no invite or CANCEL is ever written to them (the invite export also skips the
//!   pseudonymous address);
//! - every other text cell of every table (audit before/after JSON and actor, activity titles, debrief texts,
//!   settings, ...) that holds their old name or email as a whole word has it replaced by the pseudonym. Debriefs stay
//!   linked to the pseudonymous row with their texts (they are about offers, and feed the completion rate).
//!
//! Invariants: an anonymised person is never edited back (`ops::people` refuses); anonymisation writes its own audit
//! entry without the erased identity; the preview of an erasure counts exactly what the erasure then changes.

mod access;
#[cfg(test)]
mod batch_tests;
mod erase;
mod retention;
mod scrub;
#[cfg(test)]
mod tests;

pub use access::{export_access, AccessExport, AccessFile};
pub use erase::{erase, erasure_preview, ErasurePreview, TextRewrite};
pub use retention::{apply_retention, retention_candidates, RetentionReport};

use crate::error::{Error, Result};
use crate::model::{Id, Person};
use crate::store::{people, privacy, ts, Tx};
use crate::FieldCode;
use rusqlite::Connection;

/// The domain of pseudonymous addresses (reserved by RFC 2606: mail to it never leaves the machine).
pub const ANONYMISED_DOMAIN: &str = "anonymised.invalid";

/// The name an anonymised person is shown under.
pub fn pseudonym(id: Id) -> String {
    format!("Personne anonymisée #{id}")
}

/// The unique, non-routable address an anonymised person gets.
pub fn pseudonymous_email(id: Id) -> String {
    format!("anonymised-{id}@{ANONYMISED_DOMAIN}")
}

/// Whether an address is a pseudonymous one (never sent anything).
pub fn is_pseudonymous(email: &str) -> bool {
    email
        .rsplit_once('@')
        .is_some_and(|(_, domain)| domain.eq_ignore_ascii_case(ANONYMISED_DOMAIN))
}

/// Refuses to change a person whose identity was anonymised.
pub(crate) fn refuse_if_anonymised(person: &Person) -> Result<()> {
    match person.anonymised_at {
        Some(_) => Err(Error::field(
            "id",
            FieldCode::Anonymised,
            "this person was anonymised and can no longer be edited",
        )),
        None => Ok(()),
    }
}

/// What anonymising one person changes (counts only: nothing here identifies them).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Changes {
    pub participations: i64,
    pub future_cancelled: i64,
    pub debriefs: i64,
    pub absences: i64,
    pub absence_reasons: i64,
    pub invite_log: i64,
    pub manager_cleared: bool,
    pub texts: Vec<TextRewrite>,
}

impl Changes {
    /// Rows of the audit log that get rewritten.
    pub fn audit_entries(&self) -> i64 {
        self.texts
            .iter()
            .filter(|t| t.table == "audit")
            .map(|t| t.rows)
            .sum()
    }
}

/// Counts what anonymising `person` would change, reading only.
pub(crate) fn changes(conn: &Connection, person: &Person, now: &str) -> Result<Changes> {
    Ok(Changes {
        texts: scrub::count(conn, person)?,
        ..row_changes(conn, person, now)?
    })
}

/// What anonymising `person` changes in the rows linked to them (`texts` left empty: the text scan counts those).
fn row_changes(conn: &Connection, person: &Person, now: &str) -> Result<Changes> {
    let id = person.id;
    Ok(Changes {
        participations: privacy::count_participations(conn, id)?,
        future_cancelled: privacy::count_future_participations(conn, id, now)?,
        debriefs: privacy::count_debriefs(conn, id)?,
        absences: privacy::count_absences(conn, id)?,
        absence_reasons: privacy::count_absence_reasons(conn, id)?,
        invite_log: privacy::count_invite_log(conn, id)?,
        manager_cleared: person.manager_id.is_some(),
        texts: Vec::new(),
    })
}

/// Anonymises `people` inside `tx` (see the module docs), in that order, and returns what changed for each. `why`
/// names the cause in the audit (`retention` or `erasure`); each person's audit entry holds only counts.
///
/// The free text of every table is scanned once for the whole batch, and the database ends exactly as if each person
/// had been anonymised one after the other: each cell gets the batch's replacements in order, and the other writes
/// only touch each person's own rows (none of which holds a name).
pub(crate) fn anonymise_all_in(tx: &Tx<'_>, people: &[Person], why: &str) -> Result<Vec<Changes>> {
    let now = ts(tx.now());
    let mut all = Vec::with_capacity(people.len());
    for person in people {
        refuse_if_anonymised(person)?;
        all.push(row_changes(tx, person, &now)?);
    }
    let texts = scrub::rewrite(tx, &scrub::Replacements::new(people)?)?;
    for ((person, changes), texts) in people.iter().zip(&mut all).zip(texts) {
        changes.texts = texts;
        anonymise_rows(tx, person.id, &now)?;
        tx.audit(
            "person",
            person.id,
            &format!("anonymise:{why}"),
            None::<&()>,
            Some(&*changes),
        )?;
    }
    Ok(all)
}

/// Rewrites `id`'s own row and the rows linked to them (absences, participations not yet started, invite log).
fn anonymise_rows(tx: &Tx<'_>, id: Id, now: &str) -> Result<()> {
    privacy::anonymise_person_row(tx, id, &pseudonym(id), &pseudonymous_email(id), now)?;
    privacy::clear_absence_reasons(tx, id)?;
    let future = privacy::future_participations(tx, id, now)?;
    for (activity, role) in future {
        crate::store::participations::upsert(
            tx,
            activity,
            id,
            role,
            crate::model::ParticipationStatus::Cancelled,
        )?;
        // The roster changed: the others' calendars take the next REQUEST over the one they have.
        privacy::bump_activity_sequence(tx, activity, now)?;
    }
    privacy::delete_invite_log(tx, id)?;
    crate::store::outbox::delete_for_person(tx, id)?;
    people::get(tx, id)?;
    Ok(())
}

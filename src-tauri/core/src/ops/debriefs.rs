//! Debriefs: saving one (create or replace, audited), deleting one, listing them with filters, the offer tags in
//! use, and the debriefs still to fill.
//!
//! Who may debrief (checked on save, each refusal with its own field code):
//! - the activity exists (`not_found`), is a shadowing day or a training (`activityId` / `not_debriefed`), is not
//!   cancelled (`activityId` / `cancelled`) and has started (`activityId` / `not_yet`);
//! - the person is on it (`personId` / `not_participant`) in a debriefed role: a shadowing day's visitor or host, a
//!   training's attendee or trainer (`personId` / `role_not_debriefed`);
//! - their participation does not say they were not there: declined, waitlisted, no-show, excused or removed
//!   (`personId` / `not_attended`).
//!
//! **Pending** debriefs are the expected ones (see `crate::report::debriefs`) of activities started by `now` that
//! have none yet, newest first.

use crate::error::{Error, Result};
use crate::model::{
    canonical_tag, debriefs_role, fold, ActivityKind, ActivityStatus, Debrief, DebriefInput,
    DebriefRecord, Id, ParticipationStatus as P, PendingDebrief,
};
use crate::report::debriefs::{is_expected, pending_of, record_of};
use crate::report::{local_day, Period};
use crate::store::{activities, debriefs, participations, Store};
use crate::FieldCode;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Filters of the debrief list; every one is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DebriefQuery {
    /// First day (local date the activity starts on).
    pub from: Option<NaiveDate>,
    /// Last day, inclusive.
    pub to: Option<NaiveDate>,
    /// Shadowing days or trainings only.
    pub kind: Option<ActivityKind>,
    /// One offer tag (matched case- and accent-insensitively); an empty string asks for debriefs without a tag.
    pub offer_tag: Option<String>,
    /// One person's debriefs.
    pub person_id: Option<Id>,
}

/// Saves the debrief of a participant (replacing theirs if they already filled one). The offer tag is stored with
/// the spelling of a known tag that folds the same (the most used one).
pub fn save(
    store: &mut Store,
    input: &DebriefInput,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Debrief> {
    let mut clean = input.validate().map_err(Error::Validation)?;
    store.write(actor, now, |tx| {
        let a = activities::get(tx, clean.activity_id)?;
        if !matches!(a.kind, ActivityKind::Shadowing | ActivityKind::Training) {
            return Err(Error::field(
                "activityId",
                FieldCode::NotDebriefed,
                "only shadowing days and trainings are debriefed",
            ));
        }
        if a.status == ActivityStatus::Cancelled {
            return Err(Error::field(
                "activityId",
                FieldCode::Cancelled,
                "a cancelled activity has no debrief",
            ));
        }
        if a.start > now {
            return Err(Error::field(
                "activityId",
                FieldCode::NotYet,
                "an activity is debriefed once it has started",
            ));
        }
        let p = participations::find(tx, a.id, clean.person_id)?.ok_or_else(|| {
            Error::field(
                "personId",
                FieldCode::NotParticipant,
                "this person is not on the activity",
            )
        })?;
        if !debriefs_role(a.kind, p.role) {
            return Err(Error::field(
                "personId",
                FieldCode::RoleNotDebriefed,
                "only visitors and hosts of shadowing days, attendees and trainers of trainings debrief",
            ));
        }
        if matches!(
            p.status,
            P::Declined | P::Waitlisted | P::NoShow | P::Excused | P::Cancelled
        ) {
            return Err(Error::field(
                "personId",
                FieldCode::NotAttended,
                "this person was not there (declined, waitlisted, no-show, excused or removed)",
            ));
        }
        let known: Vec<String> = debriefs::tags(tx)?.into_iter().map(|(t, _)| t).collect();
        clean.offer_tag = canonical_tag(&clean.offer_tag, &known).to_owned();
        debriefs::upsert(tx, &clean)
    })
}

/// Deletes a debrief (audited with what it said).
pub fn delete(store: &mut Store, id: Id, now: DateTime<Utc>, actor: &str) -> Result<()> {
    store.write(actor, now, |tx| debriefs::delete(tx, id))
}

/// The debrief of (activity, person), if filled.
pub fn find(store: &Store, activity: Id, person: Id) -> Result<Option<Debrief>> {
    debriefs::find(store.conn(), activity, person)
}

/// Debriefs matching `q`, newest activity first.
pub fn list(store: &Store, q: &DebriefQuery) -> Result<Vec<DebriefRecord>> {
    let period = match (q.from, q.to) {
        (Some(from), Some(to)) => Some(Period::new(from, to)?),
        (Some(from), None) => Some(Period::new(from, NaiveDate::MAX)?),
        (None, Some(to)) => Some(Period::new(NaiveDate::MIN, to)?),
        (None, None) => None,
    };
    let range = period.map(|p| {
        let from = p
            .from
            .max(NaiveDate::from_ymd_opt(1970, 1, 2).unwrap_or(p.from));
        let to =
            p.to.min(NaiveDate::from_ymd_opt(9998, 12, 30).unwrap_or(p.to));
        Period { from, to }.search_bounds()
    });
    let tag = q.offer_tag.as_deref().map(fold);
    Ok(debriefs::joined(store.conn(), range, q.kind, q.person_id)?
        .into_iter()
        .filter(|j| period.is_none_or(|p| p.contains(local_day(j.start, &j.zone))))
        .filter(|j| {
            tag.as_ref()
                .is_none_or(|t| fold(&j.debrief.offer_tag) == *t)
        })
        .map(record_of)
        .collect())
}

/// Offer tags in use, most used first, for the form's suggestions.
pub fn offer_tags(store: &Store) -> Result<Vec<String>> {
    Ok(debriefs::tags(store.conn())?
        .into_iter()
        .map(|(t, _)| t)
        .collect())
}

/// Expected debriefs of activities started by `now` that are not filled yet (of one person, or everyone), newest
/// first.
pub fn pending(
    store: &Store,
    now: DateTime<Utc>,
    person: Option<Id>,
) -> Result<Vec<PendingDebrief>> {
    Ok(debriefs::expected(
        store.conn(),
        DateTime::UNIX_EPOCH,
        now + Duration::seconds(1),
    )?
    .into_iter()
    .filter(|e| e.debrief.is_none() && is_expected(e))
    .filter(|e| person.is_none_or(|p| e.fact.person_id == p))
    .map(pending_of)
    .collect())
}
